/* api/uri.h: connection URIs (scheme[+transport]://[user@]host[:port]/path
 * ?name=value&...#fragment), their query parameters, the default URI and
 * the aliases of libvirt.conf. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <glib.h>

typedef struct {
    char *name;
    char *value;
    bool ignore;          /* consumed by the client; not sent to the daemon */
} ApiUriParam;

struct _ApiUri {
    char *scheme;         /* NULL when the string had none */
    bool has_authority;   /* "//" was present */
    char *user;
    char *server;         /* NULL when empty */
    int port;             /* 0 when absent */
    char *path;           /* never NULL after parsing ("" when empty) */
    char *query_raw;      /* query text as given (kept for api_uri_format) */
    char *fragment;
    ApiUriParam *params;
    size_t nparams;
};
typedef struct _ApiUri ApiUri;

/* Parse @str. Reports VIR_ERR_INTERNAL_ERROR ("Unable to parse URI ...")
 * on malformed input and returns NULL. */
ApiUri *api_uri_parse(const char *str);
void api_uri_free(ApiUri *uri);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(ApiUri, api_uri_free)
ApiUri *api_uri_copy(const ApiUri *uri);

/* The URI as text with its query as given (virConnectGetURI). */
char *api_uri_format(const ApiUri *uri);
/* Like api_uri_format() but with @scheme instead of the URI's, no user,
 * server or port, and without parameters marked ignore: the name sent in
 * REMOTE_PROC_CONNECT_OPEN. */
char *api_uri_format_for_daemon(const ApiUri *uri, const char *scheme);
/* "a=b&c=d" of the non-ignored parameters, escaped; "" when none. */
char *api_uri_format_params(const ApiUri *uri);

/* Last value of parameter @name (case-insensitive), NULL when absent. */
const char *api_uri_get_param(const ApiUri *uri, const char *name);

/* Split "driver+transport" into its parts. @ret_driver is always set;
 * @ret_transport is NULL when there is no '+'. */
void api_uri_split_scheme(const char *scheme, char **ret_driver, char **ret_transport);

/* Client configuration (libvirt.conf) values used when opening. */
typedef struct {
    char *uri_default;
    char **uri_aliases;   /* NULL-terminated "alias=uri" strings */
    char *remote_mode;
} ApiClientConf;

/* Load libvirt.conf: $sysconfdir/libvirt/libvirt.conf for root,
 * $XDG_CONFIG_HOME/libvirt/libvirt.conf otherwise (both MODVIRT_ROOT
 * aware). A missing file is not an error; a malformed one reports
 * VIR_ERR_CONF_SYNTAX. */
int api_client_conf_load(ApiClientConf *conf);
/* Same, from an explicit path (tests). */
int api_client_conf_load_file(const char *path, ApiClientConf *conf);
/* Parse text in libvirt.conf syntax; @origin names it in errors. */
int api_client_conf_parse(const char *text, const char *origin, ApiClientConf *conf);
void api_client_conf_clear(ApiClientConf *conf);

/* The URI to open when the application passed NULL or "":
 * LIBVIRT_DEFAULT_URI, else uri_default. *@ret is NULL when neither. */
void api_uri_default(const ApiClientConf *conf, char **ret);
/* Resolve @name through uri_aliases. Return 0 with *@ret set to the
 * target (or NULL when no alias matched), -1 on a malformed entry. */
int api_uri_resolve_alias(const ApiClientConf *conf, const char *name, char **ret);
