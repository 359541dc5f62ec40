/* api/uri.c: parsing and formatting of connection URIs (RFC 3986 subset:
 * what libvirt URIs use) and of their query parameters. Pure string work,
 * no I/O; the default URI and aliases live in api/clientconf.c. */
#include "config.h"

#include <string.h>

#define ERR_DOMAIN VIR_FROM_URI
#include "api/uri.h"
#include "common/util/err.h"
#include "common/util/parse.h"

/* Characters left as they are when escaping a query name or value:
 * RFC 3986 unreserved plus the "mark" set libxml2 keeps, plus '@'. */
static bool
uri_char_plain(char c)
{
    return g_ascii_isalnum(c) || strchr("-_.!~*'()@", c) != NULL;
}

static char *
uri_escape(const char *s, const char *also_plain)
{
    GString *out = g_string_sized_new(strlen(s) + 8);

    for (const char *p = s; *p; p++) {
        if (uri_char_plain(*p) || (also_plain && strchr(also_plain, *p)))
            g_string_append_c(out, *p);
        else
            g_string_append_printf(out, "%%%02X", (unsigned char) *p);
    }
    return g_string_free(out, FALSE);
}

/* Decode %XX (and '+' as space when @plus_space). NULL on a bad escape. */
static char *
uri_unescape(const char *s, size_t len, bool plus_space)
{
    GString *out = g_string_sized_new(len + 1);

    for (size_t i = 0; i < len; i++) {
        char c = s[i];

        if (c == '%') {
            if (i + 2 >= len || !g_ascii_isxdigit(s[i + 1]) || !g_ascii_isxdigit(s[i + 2])) {
                g_string_free(out, TRUE);
                return NULL;
            }
            g_string_append_c(out, (char) (g_ascii_xdigit_value(s[i + 1]) * 16 +
                                           g_ascii_xdigit_value(s[i + 2])));
            i += 2;
        } else if (c == '+' && plus_space) {
            g_string_append_c(out, ' ');
        } else {
            g_string_append_c(out, c);
        }
    }
    return g_string_free(out, FALSE);
}

/* Characters that may never appear raw in a URI. */
static bool
uri_text_valid(const char *s)
{
    for (const unsigned char *p = (const unsigned char *) s; *p; p++) {
        if (*p <= 0x20 || *p >= 0x7f || strchr("\"<>\\^`{|}", *p))
            return false;
    }
    return true;
}

static int
uri_parse_params(ApiUri *uri, const char *query)
{
    const char *p = query;

    while (*p) {
        size_t len = strcspn(p, "&;");
        const char *eq = memchr(p, '=', len);
        ApiUriParam *par;
        char *name;
        char *value;

        if (len == 0) {
            p++;
            continue;
        }
        name = uri_unescape(p, eq ? (size_t) (eq - p) : len, true);
        value = eq ? uri_unescape(eq + 1, len - (eq + 1 - p), true) : g_strdup("");
        if (!name || !value) {
            g_free(name);
            g_free(value);
            return -1;
        }
        uri->params = g_renew(ApiUriParam, uri->params, uri->nparams + 1);
        par = &uri->params[uri->nparams++];
        par->name = name;
        par->value = value;
        par->ignore = false;
        p += len;
        if (*p)
            p++;
    }
    return 0;
}

static int
uri_parse_authority(ApiUri *uri, const char *a, size_t len)
{
    g_autofree char *auth = g_strndup(a, len);
    char *host = auth;
    char *at = strrchr(auth, '@');
    char *port = NULL;

    uri->has_authority = true;
    if (at) {
        *at = '\0';
        uri->user = uri_unescape(auth, strlen(auth), false);
        if (!uri->user)
            return -1;
        host = at + 1;
    }
    if (*host == '[') {
        char *close = strchr(host, ']');

        if (!close)
            return -1;
        *close = '\0';
        if (close[1] == ':')
            port = close + 2;
        else if (close[1] != '\0')
            return -1;
        host++;
    } else {
        char *colon = strrchr(host, ':');

        if (colon) {
            *colon = '\0';
            port = colon + 1;
        }
    }
    if (*host)
        uri->server = g_strdup(host);
    if (port && *port) {
        if (parse_int(port, 10, &uri->port) < 0 || uri->port < 0 || uri->port > 65535)
            return -1;
    }
    return 0;
}

static int
uri_parse_into(ApiUri *uri, const char *str)
{
    const char *p = str;
    const char *colon = strchr(str, ':');
    size_t n;

    if (!uri_text_valid(str))
        return -1;

    /* scheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":" */
    if (colon && colon > str && g_ascii_isalpha(*str) &&
        strspn(str, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.") ==
        (size_t) (colon - str)) {
        uri->scheme = g_strndup(str, colon - str);
        p = colon + 1;
    }

    if (g_str_has_prefix(p, "//")) {
        p += 2;
        n = strcspn(p, "/?#");
        if (uri_parse_authority(uri, p, n) < 0)
            return -1;
        p += n;
    }

    n = strcspn(p, "?#");
    uri->path = uri_unescape(p, n, false);
    if (!uri->path)
        return -1;
    p += n;

    if (*p == '?') {
        p++;
        n = strcspn(p, "#");
        uri->query_raw = g_strndup(p, n);
        if (uri_parse_params(uri, uri->query_raw) < 0)
            return -1;
        p += n;
    }
    if (*p == '#') {
        uri->fragment = uri_unescape(p + 1, strlen(p + 1), false);
        if (!uri->fragment)
            return -1;
    }
    return 0;
}

/**
 * api_uri_parse() - split a URI string into its parts
 * @str: the URI text
 *
 * Return: a new ApiUri, or NULL after reporting "Unable to parse URI".
 */
ApiUri *
api_uri_parse(const char *str)
{
    g_autoptr(ApiUri) uri = g_new0(ApiUri, 1);

    if (!str || uri_parse_into(uri, str) < 0) {
        err_report(VIR_ERR_INTERNAL_ERROR, "Unable to parse URI %s", str ? str : "(null)");
        return NULL;
    }
    return g_steal_pointer(&uri);
}

/**
 * api_uri_free() - release a parsed URI (NULL is fine)
 */
void
api_uri_free(ApiUri *uri)
{
    if (!uri)
        return;
    g_free(uri->scheme);
    g_free(uri->user);
    g_free(uri->server);
    g_free(uri->path);
    g_free(uri->query_raw);
    g_free(uri->fragment);
    for (size_t i = 0; i < uri->nparams; i++) {
        g_free(uri->params[i].name);
        g_free(uri->params[i].value);
    }
    g_free(uri->params);
    g_free(uri);
}

/**
 * api_uri_copy() - deep copy of @uri
 */
ApiUri *
api_uri_copy(const ApiUri *uri)
{
    ApiUri *c = g_new0(ApiUri, 1);

    c->scheme = g_strdup(uri->scheme);
    c->has_authority = uri->has_authority;
    c->user = g_strdup(uri->user);
    c->server = g_strdup(uri->server);
    c->port = uri->port;
    c->path = g_strdup(uri->path);
    c->query_raw = g_strdup(uri->query_raw);
    c->fragment = g_strdup(uri->fragment);
    c->nparams = uri->nparams;
    c->params = g_new0(ApiUriParam, uri->nparams ? uri->nparams : 1);
    for (size_t i = 0; i < uri->nparams; i++) {
        c->params[i].name = g_strdup(uri->params[i].name);
        c->params[i].value = g_strdup(uri->params[i].value);
        c->params[i].ignore = uri->params[i].ignore;
    }
    return c;
}

/**
 * api_uri_format_params() - the non-ignored parameters as an escaped query
 */
char *
api_uri_format_params(const ApiUri *uri)
{
    GString *q = g_string_new("");

    for (size_t i = 0; i < uri->nparams; i++) {
        g_autofree char *name = NULL;
        g_autofree char *value = NULL;

        if (uri->params[i].ignore)
            continue;
        name = uri_escape(uri->params[i].name, NULL);
        value = uri_escape(uri->params[i].value, NULL);
        if (q->len)
            g_string_append_c(q, '&');
        g_string_append_printf(q, "%s=%s", name, value);
    }
    return g_string_free(q, FALSE);
}

static void
uri_append_tail(GString *out, const ApiUri *uri, const char *query)
{
    g_autofree char *path = uri_escape(uri->path ? uri->path : "", "/:;=,+&$");

    g_string_append(out, path);
    if (query && *query)
        g_string_append_printf(out, "?%s", query);
    if (uri->fragment) {
        g_autofree char *frag = uri_escape(uri->fragment, "/?:;=,+&$");

        g_string_append_printf(out, "#%s", frag);
    }
}

/**
 * api_uri_format() - the URI as text (query kept as originally written)
 */
char *
api_uri_format(const ApiUri *uri)
{
    GString *out = g_string_new("");

    if (uri->scheme)
        g_string_append_printf(out, "%s:", uri->scheme);
    if (uri->has_authority || uri->server) {
        g_string_append(out, "//");
        if (uri->user) {
            g_autofree char *user = uri_escape(uri->user, ";:&=+$,");

            g_string_append_printf(out, "%s@", user);
        }
        if (uri->server) {
            if (strchr(uri->server, ':'))
                g_string_append_printf(out, "[%s]", uri->server);
            else
                g_string_append(out, uri->server);
        }
        if (uri->port)
            g_string_append_printf(out, ":%d", uri->port);
    }
    uri_append_tail(out, uri, uri->query_raw);
    return g_string_free(out, FALSE);
}

/**
 * api_uri_format_for_daemon() - the name sent in CONNECT_OPEN
 * @uri: the parsed URI; parameters marked ignore are left out
 * @scheme: scheme to use (the driver name, transport stripped)
 */
char *
api_uri_format_for_daemon(const ApiUri *uri, const char *scheme)
{
    GString *out = g_string_new("");
    g_autofree char *query = api_uri_format_params(uri);

    g_string_append_printf(out, "%s:", scheme);
    if (uri->has_authority || uri->server)
        g_string_append(out, "//");
    uri_append_tail(out, uri, query);
    return g_string_free(out, FALSE);
}

/**
 * api_uri_get_param() - value of parameter @name (last one wins)
 */
const char *
api_uri_get_param(const ApiUri *uri, const char *name)
{
    const char *ret = NULL;

    for (size_t i = 0; i < uri->nparams; i++) {
        if (g_ascii_strcasecmp(uri->params[i].name, name) == 0)
            ret = uri->params[i].value;
    }
    return ret;
}

/**
 * api_uri_split_scheme() - "qemu+unix" → driver "qemu", transport "unix"
 */
void
api_uri_split_scheme(const char *scheme, char **ret_driver, char **ret_transport)
{
    const char *plus = strchr(scheme, '+');

    if (!plus) {
        *ret_driver = g_strdup(scheme);
        *ret_transport = NULL;
        return;
    }
    *ret_driver = g_strndup(scheme, plus - scheme);
    *ret_transport = g_ascii_strdown(plus + 1, -1);
}
