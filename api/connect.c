/* api/connect.c: library initialisation and the library side of the
 * connection API: open (URI defaults, aliases, probing, then the driver
 * registrations of api/drivers.c), the URI and type of a connection, and
 * close callbacks. The driver-backed connection calls (versions, host
 * name, liveness, keepalive, ...) are generated entry points. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#define ERR_DOMAIN VIR_FROM_NONE
#include "api/driver.h"
#include "api/sockets.h"
#include "api/uri.h"
#include "common/util/err.h"
#include "common/util/log.h"
#include "common/util/paths.h"

#define API_LIB_VERSION 9000000UL

/* ---- default authentication callback (virConnectAuthPtrDefault) ---- */

static char *
auth_read_line(bool echo)
{
    struct termios old;
    struct termios quiet;
    bool restore = false;
    char buf[1024];
    char *r;

    if (!echo && isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0) {
        quiet = old;
        quiet.c_lflag &= ~ECHO;
        restore = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
    }
    r = fgets(buf, sizeof(buf), stdin);
    if (restore) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
        fputc('\n', stdout);
    }
    if (!r)
        return NULL;
    buf[strcspn(buf, "\n")] = '\0';
    return buf[0] ? g_strdup(buf) : NULL;
}

static int
auth_default_cb(virConnectCredentialPtr cred, unsigned int ncred, void *cbdata)
{
    for (unsigned int i = 0; i < ncred; i++) {
        char *answer = NULL;

        switch (cred[i].type) {
        case VIR_CRED_EXTERNAL:
            /* polkit: nothing to ask, the user may have authenticated already */
            if (!cred[i].challenge || !g_str_equal(cred[i].challenge, "PolicyKit"))
                return -1;
            continue;
        case VIR_CRED_USERNAME:
        case VIR_CRED_AUTHNAME:
        case VIR_CRED_ECHOPROMPT:
        case VIR_CRED_REALM:
        case VIR_CRED_PASSPHRASE:
        case VIR_CRED_NOECHOPROMPT:
            if (printf("%s: ", cred[i].prompt ? cred[i].prompt : "") < 0 || fflush(stdout) != 0)
                return -1;
            answer = auth_read_line(cred[i].type != VIR_CRED_PASSPHRASE &&
                                    cred[i].type != VIR_CRED_NOECHOPROMPT);
            break;
        default:
            return -1;
        }
        if (!answer)
            answer = g_strdup(cred[i].defresult ? cred[i].defresult : "");
        cred[i].result = answer;
        cred[i].resultlen = strlen(answer);
    }
    return 0;
}

static int auth_default_types[] = {
    VIR_CRED_AUTHNAME, VIR_CRED_ECHOPROMPT, VIR_CRED_REALM,
    VIR_CRED_PASSPHRASE, VIR_CRED_NOECHOPROMPT, VIR_CRED_EXTERNAL,
};

static virConnectAuth auth_default = {
    auth_default_types, G_N_ELEMENTS(auth_default_types), auth_default_cb, NULL,
};

VIR_EXPORT virConnectAuthPtr virConnectAuthPtrDefault = &auth_default;

/* ---- initialisation ---- */

static int api_init_result;

static gpointer
api_init_once(gpointer unused)
{
    if (getuid() != geteuid() || getgid() != getegid()) {
        err_report(VIR_ERR_INTERNAL_ERROR, "%s",
                   "libvirt.so is not safe to use from setuid/setgid programs");
        return GINT_TO_POINTER(-1);
    }
    log_setup_from_env("libvirt", LOG_LEVEL_WARN);
    return GINT_TO_POINTER(0);
}

/**
 * api_initialize() - one-time library set-up (thread safe)
 *
 * Return: 0, or -1 with the error reported (not dispatched).
 */
int
api_initialize(void)
{
    static GOnce once = G_ONCE_INIT;

    api_init_result = GPOINTER_TO_INT(g_once(&once, api_init_once, NULL));
    if (api_init_result < 0 && !err_has_last())
        err_report(VIR_ERR_INTERNAL_ERROR, "%s",
                   "libvirt.so is not safe to use from setuid/setgid programs");
    return api_init_result;
}

/**
 * virInitialize() - initialise the library (done implicitly by open)
 */
VIR_EXPORT int
virInitialize(void)
{
    if (api_initialize() < 0) {
        api_dispatch_error(NULL);
        return -1;
    }
    return 0;
}

/**
 * virGetVersion() - version of this library; @typeVer (if given) gets the
 * same value, @type is ignored
 */
VIR_EXPORT int
virGetVersion(unsigned long *libVer, const char *type, unsigned long *typeVer)
{
    if (api_initialize() < 0)
        goto error;
    api_reset_error();
    if (!libVer)
        goto error;
    *libVer = API_LIB_VERSION;
    if (typeVer)
        *typeVer = API_LIB_VERSION;
    return 0;

 error:
    api_dispatch_error(NULL);
    return -1;
}

/* ---- open ---- */

/* Schemes that stock libvirt serves in-process; the remote driver must not
 * claim them. */
static int
api_check_local_scheme(const ApiUri *uri, const char *uristr)
{
    static const char *const absent[] = { "esx", "gsx", "vpx", "hyperv", "parallels" };

    for (size_t i = 0; i < G_N_ELEMENTS(absent); i++) {
        if (g_ascii_strcasecmp(uri->scheme, absent[i]) == 0) {
            err_report(VIR_ERR_CONFIG_UNSUPPORTED, "libvirt was built without the '%s' driver",
                       uri->scheme);
            return -1;
        }
    }
    /* qemu://system is a common typo for qemu:///system */
    if (uri->server && uri->path &&
        (g_str_equal(uri->scheme, "qemu") || g_str_equal(uri->scheme, "vbox") ||
         g_str_equal(uri->scheme, "vz")) &&
        (g_str_equal(uri->server, "session") || g_str_equal(uri->server, "system"))) {
        err_report(VIR_ERR_INTERNAL_ERROR, "invalid URI %s (maybe you want %s:///%s)",
                   uristr, uri->scheme, uri->server);
        return -1;
    }
    return 0;
}

/* Work out which URI to open: explicit name, default, probe, alias. */
static int
api_pick_uri(const char *name, const ApiClientConf *conf, unsigned int flags, char **ret)
{
    g_autofree char *uristr = NULL;
    char *alias = NULL;

    if (name && !*name)
        name = NULL;
    if (name && g_ascii_strcasecmp(name, "xen") == 0)
        name = "xen:///system";
    if (name && g_str_equal(name, "xen://"))
        name = "xen:///system";

    if (name)
        uristr = g_strdup(name);
    else
        api_uri_default(conf, &uristr);
    if (!uristr)
        uristr = sockets_probe_uri(paths_privileged(), flags & VIR_CONNECT_RO);

    if (uristr && !(flags & VIR_CONNECT_NO_ALIASES)) {
        if (api_uri_resolve_alias(conf, uristr, &alias) < 0)
            return -1;
        if (alias) {
            g_free(uristr);
            uristr = alias;
        }
    }
    *ret = g_steal_pointer(&uristr);
    return 0;
}

static virConnectPtr
api_connect_open(const char *name, virConnectAuthPtr auth, unsigned int flags)
{
    ApiClientConf conf = { 0 };
    g_autofree char *uristr = NULL;
    virConnectPtr conn = NULL;
    ApiUri *uri = NULL;

    if (api_client_conf_load(&conf) < 0 || api_pick_uri(name, &conf, flags, &uristr) < 0)
        goto error;
    if (uristr) {
        uri = api_uri_parse(uristr);
        if (!uri)
            goto error;
        if (!uri->scheme) {
            err_report(VIR_ERR_NO_CONNECT, "URI '%s' does not include a driver name", uristr);
            goto error;
        }
        if (api_check_local_scheme(uri, uristr) < 0)
            goto error;
    }

    conn = api_connect_new();
    conn->flags = flags & VIR_CONNECT_RO;
    conn->uri = g_steal_pointer(&uri);
    conn->open_conf = &conf;
    if (api_connect_open_drivers(conn, conn->uri, uristr, auth, flags) < 0)
        goto error;
    conn->open_conf = NULL;
    api_client_conf_clear(&conf);
    return conn;

 error:
    api_uri_free(uri);
    if (conn) {
        conn->open_conf = NULL;
        api_object_unref(conn);
    }
    api_client_conf_clear(&conf);
    return NULL;
}

static virConnectPtr
api_open_entry(const char *name, virConnectAuthPtr auth, unsigned int flags)
{
    virConnectPtr conn;

    if (api_initialize() < 0) {
        api_dispatch_error(NULL);
        return NULL;
    }
    api_reset_error();
    conn = api_connect_open(name, auth, flags);
    if (!conn)
        api_dispatch_error(NULL);
    return conn;
}

/**
 * virConnectOpen() - open a read-write connection to @name (NULL: default)
 */
VIR_EXPORT virConnectPtr
virConnectOpen(const char *name)
{
    return api_open_entry(name, NULL, 0);
}

/**
 * virConnectOpenReadOnly() - open a read-only connection
 */
VIR_EXPORT virConnectPtr
virConnectOpenReadOnly(const char *name)
{
    return api_open_entry(name, NULL, VIR_CONNECT_RO);
}

/**
 * virConnectOpenAuth() - open with an authentication callback and
 * virConnectFlags
 */
VIR_EXPORT virConnectPtr
virConnectOpenAuth(const char *name, virConnectAuthPtr auth, unsigned int flags)
{
    return api_open_entry(name, auth, flags);
}

/* ---- connection attributes (libvirt-host.c: errors in VIR_FROM_DOMAIN) ---- */

#define CHECK_CONN_OR(conn, retval) \
    do { \
        api_reset_error(); \
        if (!api_check_connect((conn), VIR_FROM_DOMAIN, __func__)) { \
            api_dispatch_error(NULL); \
            return retval; \
        } \
    } while (0)

/**
 * virConnectGetURI() - the URI of the connection (caller frees)
 */
VIR_EXPORT char *
virConnectGetURI(virConnectPtr conn)
{
    CHECK_CONN_OR(conn, NULL);
    return api_uri_format(conn->uri);
}

/**
 * virConnectGetType() - name of the hypervisor driver ("QEMU", "Test", ...):
 * the driver's answer, else its name
 */
VIR_EXPORT const char *
virConnectGetType(virConnectPtr conn)
{
    const ApiHypervisorDriver *ops;
    const char *type;

    CHECK_CONN_OR(conn, NULL);
    ops = conn->hypervisor_driver;
    if (ops->connectGetType) {
        type = ops->connectGetType(conn);
        if (type)
            return type;
        /* like libvirt: the failure is not reported, the name answers */
        api_reset_error();
    }
    return ops->name;
}

/**
 * virConnectRegisterCloseCallback() - be told when the connection drops
 *
 * Drivers without connectRegisterCloseCallback never drop: accepted and
 * never called, as libvirt does.
 */
VIR_EXPORT int
virConnectRegisterCloseCallback(virConnectPtr conn, virConnectCloseFunc cb, void *opaque,
                                virFreeCallback freecb)
{
    const ApiHypervisorDriver *ops;

    CHECK_CONN_OR(conn, -1);
    ops = conn->hypervisor_driver;
    if (!api_check_nonnull((const void *) cb, VIR_FROM_DOMAIN, __func__, "cb") ||
        (ops->connectRegisterCloseCallback &&
         ops->connectRegisterCloseCallback(conn, cb, opaque, freecb) < 0)) {
        api_dispatch_error(conn);
        return -1;
    }
    return 0;
}

/**
 * virConnectUnregisterCloseCallback() - remove the close callback @cb
 */
VIR_EXPORT int
virConnectUnregisterCloseCallback(virConnectPtr conn, virConnectCloseFunc cb)
{
    const ApiHypervisorDriver *ops;
    int r = 0;

    CHECK_CONN_OR(conn, -1);
    ops = conn->hypervisor_driver;
    api_object_ref(conn);
    if (!api_check_nonnull((const void *) cb, VIR_FROM_DOMAIN, __func__, "cb") ||
        (ops->connectUnregisterCloseCallback &&
         ops->connectUnregisterCloseCallback(conn, cb) < 0)) {
        api_dispatch_error(conn);
        r = -1;
    }
    api_object_unref(conn);
    return r;
}
