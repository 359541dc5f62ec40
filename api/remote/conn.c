/* api/remote/conn.c: opening and closing daemon connections, the open
 * handshake stock clients perform (handshake.md §1-2), and the routing of
 * API families: the URI picks the primary daemon; network, storage,
 * nodedev, secret, interface and nwfilter calls go to that driver's own
 * daemon, connected lazily on first use (DESIGN.md §3). */
#include "config.h"

#include <string.h>

#define ERR_DOMAIN VIR_FROM_REMOTE
#include "api/remote/remote.h"
#include "api/sockets.h"
#include "common/util/err.h"
#include "common/util/file.h"
#include "common/util/log.h"
#include "common/util/paths.h"
#include "remote_client.h"

/* Feature numbers of CONNECT_SUPPORTS_FEATURE (handshake.md §1). */
enum {
    FEATURE_PROGRAM_KEEPALIVE = 10,
    FEATURE_REMOTE_EVENT_CALLBACK = 14,
    FEATURE_REMOTE_CLOSE_CALLBACK = 15,
};

/* CONNECT_OPEN carries the remote driver's own open flags, as stock clients
 * send them: bit 0 is VIR_CONNECT_RO; the session bits are informational
 * (daemons only look at VIR_CONNECT_RO). */
enum {
    OPEN_FLAG_RO = 1 << 0,
    OPEN_FLAG_USER = 1 << 1,
    OPEN_FLAG_AUTOSTART = 1 << 2,
};

enum {
    AUTH_TYPE_NONE = 0,
    AUTH_TYPE_SASL = 1,
    AUTH_TYPE_POLKIT = 2,
};

static const char *const driver_schemes[API_DRV_LAST] = {
    [API_DRV_HYPERVISOR] = NULL,
    [API_DRV_NETWORK] = "network",
    [API_DRV_STORAGE] = "storage",
    [API_DRV_NODEDEV] = "nodedev",
    [API_DRV_SECRET] = "secret",
    [API_DRV_INTERFACE] = "interface",
    [API_DRV_NWFILTER] = "nwfilter",
};

/* URI parameters consumed by the client (never sent to the daemon). */
static const char *const client_params[] = {
    "name", "command", "socket", "auth", "sshauth", "netcat", "keyfile", "pkipath",
    "known_hosts", "known_hosts_verify", "tls_priority", "mode", "proxy", "no_sanity",
    "no_verify", "no_tty", "authfile",
};

static const char *const known_transports[] = {
    "tls", "unix", "ssh", "libssh2", "ext", "tcp", "libssh",
};

/**
 * remote_driver_class() - driver class named by a URI scheme's driver part
 */
ApiDriverClass
remote_driver_class(const char *driver)
{
    for (int i = 0; i < API_DRV_LAST; i++) {
        if (driver && driver_schemes[i] && g_str_equal(driver, driver_schemes[i]))
            return (ApiDriverClass) i;
    }
    return API_DRV_HYPERVISOR;
}

/**
 * remote_driver_scheme() - URI scheme of a secondary driver class
 */
const char *
remote_driver_scheme(ApiDriverClass cls)
{
    return (unsigned) cls < API_DRV_LAST ? driver_schemes[cls] : NULL;
}

/* ---- callbacks from the RPC I/O thread ---- */

static int
remote_close_reason(const char *why)
{
    if (!why)
        return VIR_CONNECT_CLOSE_REASON_ERROR;
    if (g_str_equal(why, "end of file") || g_str_equal(why, "hangup"))
        return VIR_CONNECT_CLOSE_REASON_EOF;
    if (g_str_equal(why, "keepalive timeout"))
        return VIR_CONNECT_CLOSE_REASON_KEEPALIVE;
    if (g_str_equal(why, "closed locally"))
        return VIR_CONNECT_CLOSE_REASON_CLIENT;
    return VIR_CONNECT_CLOSE_REASON_ERROR;
}

static void
remote_conn_on_close(RpcClient *client, const char *reason, void *opaque)
{
    RemoteConn *rc = opaque;

    log_debug("connection to '%s' closed: %s", rc->sock_path, reason ? reason : "?");
    if (g_atomic_int_get(&rc->closing) || !rc->primary)
        return;
    /* Nothing may touch @rc after this: the callback can drop the last
     * reference on the connection. */
    remote_fire_close_callback(rc->owner, remote_close_reason(reason));
}

static void
remote_conn_on_event(RpcClient *client, const ProgramInfo *prog, int proc, void *msg,
                     void *opaque)
{
    RemoteConn *rc = opaque;

    if (g_atomic_int_get(&rc->closing) || prog != &remote_program)
        return;
    if (proc == REMOTE_PROC_CONNECT_EVENT_CONNECTION_CLOSED) {
        if (rc->primary) {
            remote_connect_event_connection_closed_msg *m = msg;

            remote_fire_close_callback(rc->owner, m->reason);
        }
        return;
    }
    if (!remote_event_dispatch(rc, proc, msg))
        log_debug("ignoring event procedure %d", proc);
}

/* ---- open / close of one daemon connection ---- */

static void
remote_conn_free(RemoteConn *rc)
{
    if (!rc)
        return;
    g_free(rc->sock_path);
    g_free(rc->type);
    g_mutex_clear(&rc->lock);
    g_free(rc);
}

static bool
remote_supports(RemoteConn *rc, int feature)
{
    remote_connect_supports_feature_args args = { .feature = feature };
    remote_connect_supports_feature_ret ret = { 0 };

    if (remote_call_connect_supports_feature(rc->client, &args, &ret) < 0) {
        err_reset_last();
        return false;
    }
    return ret.supported != 0;
}

static int
remote_authenticate(RemoteConn *rc)
{
    remote_auth_list_ret ret = { 0 };
    int type;

    if (remote_call_auth_list(rc->client, &ret) < 0)
        return -1;
    type = ret.types.types_len ? ret.types.types_val[0] : AUTH_TYPE_NONE;
    xdr_free((xdrproc_t) xdr_remote_auth_list_ret, (char *) &ret);

    switch (type) {
    case AUTH_TYPE_NONE:
        return 0;
    case AUTH_TYPE_POLKIT: {
        remote_auth_polkit_ret pret = { 0 };

        if (remote_call_auth_polkit(rc->client, &pret) < 0)
            return -1;
        return 0;
    }
    default:
        err_report(VIR_ERR_AUTH_FAILED, "unsupported authentication type %d", type);
        return -1;
    }
}

/* Connect @path and run the open handshake: AUTH_LIST, then
 * SUPPORTS_FEATURE(PROGRAM_KEEPALIVE) only when an event loop is
 * registered, CONNECT_OPEN(@name, @flags: OPEN_FLAG_*), GET_URI when @ret_uri is
 * wanted, SUPPORTS_FEATURE(REMOTE_EVENT_CALLBACK) and (REMOTE_CLOSE_CALLBACK). */
static RemoteConn *
remote_conn_open(virConnectPtr owner, ApiDriverClass cls, bool primary, const char *path,
                 const char *daemon_path, const char *name, unsigned int flags,
                 char **ret_uri)
{
    static const ProgramInfo *const event_progs[] = { &remote_program, NULL };
    remote_connect_open_args args = { 0 };
    char *name_copy = g_strdup(name);
    RemoteConn *rc;

    rc = g_new0(RemoteConn, 1);
    g_mutex_init(&rc->lock);
    rc->owner = owner;
    rc->cls = cls;
    rc->primary = primary;
    rc->sock_path = g_strdup(path);

    rc->client = remote_connect_socket(path, daemon_path);
    if (!rc->client)
        goto error;
    rpc_client_set_event_callback(rc->client, event_progs, remote_conn_on_event, rc);
    rpc_client_set_close_callback(rc->client, remote_conn_on_close, rc);

    if (remote_authenticate(rc) < 0)
        goto error;
    if (api_event_have_impl())
        rc->server_keepalive = remote_supports(rc, FEATURE_PROGRAM_KEEPALIVE);

    args.name = &name_copy;
    args.flags = flags;
    if (remote_call_connect_open(rc->client, &args) < 0)
        goto error;

    if (ret_uri) {
        remote_connect_get_uri_ret uret = { 0 };

        if (remote_call_connect_get_uri(rc->client, &uret) < 0)
            goto error;
        *ret_uri = g_strdup(uret.uri);
        xdr_free((xdrproc_t) xdr_remote_connect_get_uri_ret, (char *) &uret);
    }
    rc->server_event_filter = remote_supports(rc, FEATURE_REMOTE_EVENT_CALLBACK);
    rc->server_close_cb = remote_supports(rc, FEATURE_REMOTE_CLOSE_CALLBACK);
    g_free(name_copy);
    return rc;

 error:
    g_free(name_copy);
    if (rc->client) {
        g_atomic_int_set(&rc->closing, 1);
        rpc_client_close(rc->client);
        rpc_client_unref(rc->client);
    }
    remote_conn_free(rc);
    return NULL;
}

/* CONNECT_CLOSE, then drop the socket. Errors are not reported: closing
 * happens inside virConnectClose/virSecretFree, which must not fail. */
static void
remote_conn_close(RemoteConn *rc)
{
    g_autoptr(virError) saved = err_save_last();

    if (!rc)
        return;
    g_atomic_int_set(&rc->closing, 1);
    if (rpc_client_is_open(rc->client) && remote_call_connect_close(rc->client) < 0)
        log_debug("CONNECT_CLOSE on '%s' failed: %s", rc->sock_path, err_last_message());
    rpc_client_close(rc->client);
    rpc_client_unref(rc->client);
    err_reset_last();
    err_restore_last(&saved);
    remote_conn_free(rc);
}

/**
 * remote_close_hook() - close hook of the remote driver: close all daemon
 * connections of @conn
 */
int
remote_close_hook(virConnectPtr conn)
{
    RemoteState *st = conn->priv[API_DRV_HYPERVISOR];

    if (!st)
        return 0;
    for (int i = 0; i < API_DRV_LAST; i++)
        remote_conn_close(st->secondary[i]);
    remote_conn_close(st->primary);
    g_mutex_clear(&st->lock);
    g_free(st);
    for (int i = 0; i < API_DRV_LAST; i++)
        conn->priv[i] = NULL;
    return 0;
}

/* ---- primary open ---- */

static unsigned int
remote_open_flags(const RemoteState *st)
{
    return (st->readonly ? OPEN_FLAG_RO : 0) | (st->session ? OPEN_FLAG_USER : 0) |
           (st->autostart ? OPEN_FLAG_AUTOSTART : 0);
}

static bool
remote_transport_known(const char *transport)
{
    for (size_t i = 0; i < G_N_ELEMENTS(known_transports); i++) {
        if (g_str_equal(transport, known_transports[i]))
            return true;
    }
    return false;
}

static void
remote_mark_client_params(ApiUri *uri)
{
    for (size_t i = 0; i < uri->nparams; i++) {
        for (size_t j = 0; j < G_N_ELEMENTS(client_params); j++) {
            if (g_ascii_strcasecmp(uri->params[i].name, client_params[j]) == 0)
                uri->params[i].ignore = true;
        }
    }
}

/* Parse the remote-specific parts of @uri: driver, transport, mode. */
static int
remote_parse_uri(ApiUri *uri, const ApiClientConf *conf, char **ret_driver,
                 bool *ret_unix, SockMode *ret_mode)
{
    g_autofree char *transport = NULL;
    const char *mode_str;
    int mode;

    api_uri_split_scheme(uri->scheme, ret_driver, &transport);
    if (transport && !remote_transport_known(transport)) {
        err_report(VIR_ERR_INVALID_ARG, "%s",
                   "remote_open: transport in URL not recognised (should be tls|unix|ssh|ext|tcp|libssh2|libssh)");
        return -1;
    }
    if (transport && g_str_equal(transport, "unix") && uri->server) {
        err_report(VIR_ERR_INVALID_ARG, "using unix socket and remote server '%s' is not supported.",
                   uri->server);
        return -1;
    }
    *ret_unix = transport ? g_str_equal(transport, "unix") : !uri->server;
    if (!*ret_unix) {
        err_report(VIR_ERR_CONFIG_UNSUPPORTED,
                   "transport '%s' is not supported by this client (only local UNIX sockets are)",
                   transport ? transport : "tls");
        return -1;
    }

    mode_str = api_uri_get_param(uri, "mode");
    if (!mode_str && conf)
        mode_str = conf->remote_mode;
    mode = mode_str ? sockets_mode_from_string(mode_str) : SOCK_MODE_AUTO;
    if (mode < 0) {
        err_report(VIR_ERR_INVALID_ARG, "Unknown remote mode '%s'", mode_str);
        return -1;
    }
    *ret_mode = mode;
    return 0;
}

static int remote_open(virConnectPtr conn, ApiUri *uri, const ApiClientConf *conf,
                       virConnectAuthPtr auth, unsigned int flags);

/**
 * remote_open_hook() - open hook of the remote driver: open the primary
 * daemon connection of @conn
 * @conn: connection being opened (conn->uri is set by the caller unless
 *        probing; conn->open_conf holds the libvirt.conf values)
 * @uri: parsed URI, or NULL to probe
 * @auth: unused (only NONE and polkit are spoken on UNIX sockets)
 * @flags: VIR_CONNECT_RO
 *
 * Declines test:///... (served in-process when the test driver is built
 * in); test+unix:///...?socket= and test://host/ go to a daemon.
 * Every family of the connection shares the state set up here
 * (conn->priv[API_DRV_HYPERVISOR]).
 *
 * Return: an ApiOpenResult.
 */
int
remote_open_hook(virConnectPtr conn, ApiUri *uri, virConnectAuthPtr auth, unsigned int flags)
{
    if (uri && uri->scheme) {
        g_autofree char *drv = NULL;
        g_autofree char *transport = NULL;

        api_uri_split_scheme(uri->scheme, &drv, &transport);
        if (g_ascii_strcasecmp(drv, "test") == 0 && !transport && !uri->server)
            return API_OPEN_DECLINED;
    }
    if (remote_open(conn, uri, conn->open_conf, auth, flags) < 0) {
        remote_close_hook(conn);
        return API_OPEN_ERROR;
    }
    return API_OPEN_SUCCESS;
}

/* Set up the remote state of @conn and connect the primary daemon.
 * On failure the caller closes what was opened (remote_close_hook). */
static int
remote_open(virConnectPtr conn, ApiUri *uri, const ApiClientConf *conf,
            virConnectAuthPtr auth, unsigned int flags)
{
    g_autofree char *driver = NULL;
    g_autofree char *name = NULL;
    g_autofree char *probed = NULL;
    SockRequest req = { 0 };
    SockTarget target = { 0 };
    RemoteState *st;
    const char *socket_param = NULL;
    const char *name_param = NULL;
    bool unix_transport = true;
    SockMode mode = SOCK_MODE_AUTO;
    RemoteConn *rc;

    if (uri) {
        if (remote_parse_uri(uri, conf, &driver, &unix_transport, &mode) < 0)
            return -1;
        remote_mark_client_params(uri);
        socket_param = api_uri_get_param(uri, "socket");
        name_param = api_uri_get_param(uri, "name");
        if (name_param)
            name = g_strdup(name_param);
        else if (g_str_equal(driver, "remote"))
            name = g_strdup("");
        else
            name = api_uri_format_for_daemon(uri, driver);
    } else {
        name = g_strdup("");
    }

    st = g_new0(RemoteState, 1);
    g_mutex_init(&st->lock);
    st->readonly = flags & VIR_CONNECT_RO;
    sockets_uri_info(uri, unix_transport, paths_privileged(), &st->session, &st->autostart);
    for (int i = 0; i < API_DRV_LAST; i++)
        conn->priv[i] = st;

    req.driver = driver && !g_str_equal(driver, "remote") ? driver : NULL;
    req.mode = mode;
    req.readonly = st->readonly;
    req.session = st->session;
    req.autostart = st->autostart && !socket_param;
    sockets_resolve(&req, &target);
    if (socket_param) {
        g_free(target.path);
        target.path = g_strdup(socket_param);
    }
    log_debug("opening '%s' via %s (mode %s, daemon %s)", name, target.path,
              sockets_mode_to_string(target.mode), target.daemon);

    rc = remote_conn_open(conn, remote_driver_class(req.driver), true, target.path,
                          target.daemon_path, name, remote_open_flags(st),
                          conn->uri ? NULL : &probed);
    if (!rc) {
        sockets_target_clear(&target);
        return -1;
    }
    st->primary = rc;
    st->primary_class = remote_driver_class(req.driver);
    st->route_secondary = req.driver && !socket_param && target.mode == SOCK_MODE_DIRECT;
    sockets_target_clear(&target);

    if (probed) {
        conn->uri = api_uri_parse(probed);
        if (!conn->uri)
            return -1;
    }
    return 0;
}

/* ---- routing ---- */

/* Decide and open the connection for secondary family @cls (lock held).
 * Return: the connection, NULL with use_primary set (go to the primary),
 * or NULL with an error reported when @ret_failed is set. */
static RemoteConn *
remote_open_secondary(virConnectPtr conn, RemoteState *st, ApiDriverClass cls,
                      bool *ret_failed)
{
    const char *scheme = remote_driver_scheme(cls);
    g_autofree char *name = NULL;
    SockRequest req = { 0 };
    SockTarget target = { 0 };
    RemoteConn *rc = NULL;
    bool reachable;

    *ret_failed = false;
    /* No session nwfilter daemon exists (sockets.md §3). */
    if (st->session && cls == API_DRV_NWFILTER)
        return NULL;

    req.driver = scheme;
    req.mode = SOCK_MODE_DIRECT;
    req.readonly = st->readonly;
    req.session = st->session;
    req.autostart = st->autostart;
    sockets_resolve(&req, &target);

    /* When the driver's daemon is neither running nor startable, the
     * primary daemon gets the call: it forwards what it does not own. */
    reachable = file_exists(target.path) ||
                (target.daemon_path && access(target.daemon_path, X_OK) == 0);
    if (reachable) {
        name = g_strdup_printf("%s:///%s", scheme, st->session ? "session" : "system");
        log_debug("routing %s calls to '%s' as '%s'", scheme, target.path, name);
        rc = remote_conn_open(conn, cls, false, target.path, target.daemon_path, name,
                              remote_open_flags(st), NULL);
        if (!rc)
            *ret_failed = true;
        else if (st->ka_interval > 0 && rc->server_keepalive)
            rpc_client_set_keepalive(rc->client, st->ka_interval, st->ka_count);
    }
    sockets_target_clear(&target);
    return rc;
}

/**
 * remote_route() - the daemon connection for API family @cls
 *
 * Hypervisor calls, calls of the primary's own family, and every call when
 * routing is off (?socket=, legacy/proxy socket) use the primary
 * connection. Other families get their driver's socket on first use.
 */
RemoteConn *
remote_route(virConnectPtr conn, ApiDriverClass cls)
{
    RemoteState *st = remote_state(conn);
    RemoteConn *rc;
    bool failed = false;

    if (cls == API_DRV_HYPERVISOR || !st->route_secondary || cls == st->primary_class)
        return st->primary;

    g_mutex_lock(&st->lock);
    rc = st->secondary[cls];
    if (!rc && !st->use_primary[cls]) {
        rc = remote_open_secondary(conn, st, cls, &failed);
        if (rc)
            st->secondary[cls] = rc;
        else if (!failed)
            st->use_primary[cls] = true;
    }
    g_mutex_unlock(&st->lock);
    if (failed)
        return NULL;
    return rc ? rc : st->primary;
}
