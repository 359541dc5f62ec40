/* api/clientconf.c: the client side of libvirt.conf (uri_default,
 * uri_aliases, remote_mode) and the default-URI / alias rules applied by
 * virConnectOpen*. Only this small subset of libvirt's conf syntax is
 * needed: name = "string" | 'string' | number | [ list ], '#' comments. */
#include "config.h"

#include <errno.h>
#include <string.h>

#define ERR_DOMAIN VIR_FROM_CONF
#include "api/uri.h"
#include "common/util/err.h"
#include "common/util/file.h"
#include "common/util/paths.h"

#define CLIENT_CONF_MAX (1024 * 1024)

typedef struct {
    const char *p;
    const char *origin;
    int line;
} ConfLexer;

typedef struct {
    bool is_list;
    char *str;             /* scalar (strings and numbers as text) */
    GPtrArray *list;       /* of char*, strings only */
} ConfValue;

static void
conf_skip_blank(ConfLexer *lx)
{
    for (;;) {
        if (*lx->p == '\n') {
            lx->line++;
            lx->p++;
        } else if (g_ascii_isspace(*lx->p)) {
            lx->p++;
        } else if (*lx->p == '#') {
            while (*lx->p && *lx->p != '\n')
                lx->p++;
        } else {
            return;
        }
    }
}

static int
conf_error(ConfLexer *lx, const char *what)
{
    err_report(VIR_ERR_CONF_SYNTAX, "%s:%d: %s", lx->origin, lx->line, what);
    return -1;
}

static int
conf_read_string(ConfLexer *lx, char **ret)
{
    char quote = *lx->p++;
    const char *start = lx->p;

    while (*lx->p && *lx->p != quote && *lx->p != '\n')
        lx->p++;
    if (*lx->p != quote)
        return conf_error(lx, "unterminated string");
    *ret = g_strndup(start, lx->p - start);
    lx->p++;
    return 0;
}

static int
conf_read_scalar(ConfLexer *lx, char **ret, bool *is_string)
{
    const char *start = lx->p;

    if (*lx->p == '"' || *lx->p == '\'') {
        *is_string = true;
        return conf_read_string(lx, ret);
    }
    *is_string = false;
    if (*lx->p == '-' || *lx->p == '+')
        lx->p++;
    while (g_ascii_isdigit(*lx->p))
        lx->p++;
    if (lx->p == start || !g_ascii_isdigit(lx->p[-1]))
        return conf_error(lx, "expecting a value");
    *ret = g_strndup(start, lx->p - start);
    return 0;
}

static int
conf_read_value(ConfLexer *lx, ConfValue *val)
{
    bool is_string;

    if (*lx->p != '[')
        return conf_read_scalar(lx, &val->str, &is_string);

    lx->p++;
    val->is_list = true;
    val->list = g_ptr_array_new_with_free_func(g_free);
    for (;;) {
        char *item = NULL;

        conf_skip_blank(lx);
        if (*lx->p == ']') {
            lx->p++;
            return 0;
        }
        if (conf_read_scalar(lx, &item, &is_string) < 0)
            return -1;
        g_ptr_array_add(val->list, item);
        conf_skip_blank(lx);
        if (*lx->p == ',')
            lx->p++;
        else if (*lx->p != ']')
            return conf_error(lx, "expecting a separator in list");
    }
}

static void
conf_value_clear(ConfValue *val)
{
    g_free(val->str);
    if (val->list)
        g_ptr_array_unref(val->list);
    memset(val, 0, sizeof(*val));
}

static int
conf_store(ConfLexer *lx, const char *name, ConfValue *val, ApiClientConf *conf)
{
    char **slot = NULL;

    if (g_str_equal(name, "uri_default"))
        slot = &conf->uri_default;
    else if (g_str_equal(name, "remote_mode"))
        slot = &conf->remote_mode;

    if (slot) {
        if (val->is_list) {
            err_report(VIR_ERR_CONF_SYNTAX, "%s: expected a string for '%s' parameter",
                       lx->origin, name);
            return -1;
        }
        g_free(*slot);
        *slot = g_steal_pointer(&val->str);
        return 0;
    }
    if (g_str_equal(name, "uri_aliases")) {
        g_strfreev(conf->uri_aliases);
        if (!val->is_list) {
            conf->uri_aliases = g_new0(char *, 2);
            conf->uri_aliases[0] = g_steal_pointer(&val->str);
            return 0;
        }
        g_ptr_array_add(val->list, NULL);
        conf->uri_aliases = (char **) g_ptr_array_steal(val->list, NULL);
        return 0;
    }
    return 0;   /* other keys belong to other parts of libvirt.conf */
}

/**
 * api_client_conf_parse() - parse libvirt.conf text into @conf
 * @text: file contents
 * @origin: name used in error messages (the file path)
 * @conf: zero-initialised or previously filled; values are replaced
 *
 * Return: 0, or -1 after reporting VIR_ERR_CONF_SYNTAX.
 */
int
api_client_conf_parse(const char *text, const char *origin, ApiClientConf *conf)
{
    ConfLexer lx = { .p = text, .origin = origin, .line = 1 };

    for (;;) {
        g_autofree char *name = NULL;
        ConfValue val = { 0 };
        const char *start;
        int r;

        conf_skip_blank(&lx);
        if (!*lx.p)
            return 0;
        start = lx.p;
        if (!g_ascii_isalpha(*lx.p) && *lx.p != '_')
            return conf_error(&lx, "expecting a name");
        while (g_ascii_isalnum(*lx.p) || *lx.p == '_' || *lx.p == '.')
            lx.p++;
        name = g_strndup(start, lx.p - start);
        while (*lx.p == ' ' || *lx.p == '\t')
            lx.p++;
        if (*lx.p != '=')
            return conf_error(&lx, "expecting an assignment");
        lx.p++;
        while (*lx.p == ' ' || *lx.p == '\t')
            lx.p++;
        r = conf_read_value(&lx, &val);
        if (r == 0)
            r = conf_store(&lx, name, &val, conf);
        conf_value_clear(&val);
        if (r < 0)
            return -1;
        while (*lx.p == ' ' || *lx.p == '\t')
            lx.p++;
        if (*lx.p == ';')
            lx.p++;
        while (*lx.p == ' ' || *lx.p == '\t')
            lx.p++;
        if (*lx.p && *lx.p != '\n' && *lx.p != '#' && *lx.p != '\r')
            return conf_error(&lx, "expecting a new line");
    }
}

/**
 * api_client_conf_load_file() - parse @path; a missing file leaves @conf empty
 */
int
api_client_conf_load_file(const char *path, ApiClientConf *conf)
{
    g_autofree char *text = NULL;
    int r = file_read_all(path, CLIENT_CONF_MAX, &text, NULL);

    if (r == -ENOENT)
        return 0;
    if (r < 0) {
        err_report_errno(-r, VIR_ERR_SYSTEM_ERROR, "Failed to read file '%s'", path);
        return -1;
    }
    return api_client_conf_parse(text, path, conf);
}

/**
 * api_client_conf_load() - load the libvirt.conf that applies to this user
 */
int
api_client_conf_load(ApiClientConf *conf)
{
    g_autofree char *path = NULL;

    if (paths_privileged())
        path = g_build_filename(paths_sysconfdir(), "libvirt", "libvirt.conf", NULL);
    else
        path = g_build_filename(paths_user_config_dir(), "libvirt", "libvirt.conf", NULL);
    return api_client_conf_load_file(path, conf);
}

/**
 * api_client_conf_clear() - release what @conf holds
 */
void
api_client_conf_clear(ApiClientConf *conf)
{
    g_free(conf->uri_default);
    g_strfreev(conf->uri_aliases);
    g_free(conf->remote_mode);
    memset(conf, 0, sizeof(*conf));
}

/**
 * api_uri_default() - LIBVIRT_DEFAULT_URI, else uri_default, else NULL
 */
void
api_uri_default(const ApiClientConf *conf, char **ret)
{
    const char *env = g_getenv("LIBVIRT_DEFAULT_URI");

    if (env && *env)
        *ret = g_strdup(env);
    else if (conf && conf->uri_default && *conf->uri_default)
        *ret = g_strdup(conf->uri_default);
    else
        *ret = NULL;
}

/**
 * api_uri_resolve_alias() - look @name up in uri_aliases
 *
 * Each entry is "alias=uri"; an alias is made of letters, digits, '_' and
 * '-'. A malformed entry is an error even when it would not have matched,
 * as in libvirt.
 */
int
api_uri_resolve_alias(const ApiClientConf *conf, const char *name, char **ret)
{
    *ret = NULL;
    if (!conf || !conf->uri_aliases)
        return 0;
    for (char **e = conf->uri_aliases; *e; e++) {
        const char *eq = strchr(*e, '=');
        size_t alen;

        if (!eq) {
            err_report(VIR_ERR_CONF_SYNTAX,
                       "Malformed 'uri_aliases' config entry '%s', expected 'alias=uri://host/path'",
                       *e);
            return -1;
        }
        alen = eq - *e;
        if (strspn(*e, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") < alen) {
            err_report(VIR_ERR_CONF_SYNTAX,
                       "Malformed 'uri_aliases' config entry '%s', aliases may only contain 'a-Z, 0-9, _, -'",
                       *e);
            return -1;
        }
        if (strlen(name) == alen && strncmp(*e, name, alen) == 0) {
            *ret = g_strdup(eq + 1);
            return 0;
        }
    }
    return 0;
}
