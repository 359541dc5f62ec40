/* api/remote/host.c: connection-level calls of the remote driver (type,
 * versions, hostname, liveness, keepalive) and the connection close
 * callback. All of them talk to the primary daemon. */
#include "config.h"

#define ERR_DOMAIN VIR_FROM_REMOTE
#include "api/remote/remote.h"
#include "common/util/err.h"
#include "remote_client.h"

static RemoteConn *
host_primary(virConnectPtr conn)
{
    return remote_state(conn)->primary;
}

/**
 * remote_op_connect_get_type() - hypervisor type name, cached per connection
 *
 * Return: a string owned by the connection, or NULL (reported).
 */
const char *
remote_op_connect_get_type(virConnectPtr conn)
{
    RemoteConn *rc = host_primary(conn);
    remote_connect_get_type_ret ret = { 0 };
    const char *type;

    g_mutex_lock(&rc->lock);
    type = rc->type;
    g_mutex_unlock(&rc->lock);
    if (type)
        return type;
    if (remote_call_connect_get_type(rc->client, &ret) < 0)
        return NULL;
    g_mutex_lock(&rc->lock);
    if (!rc->type)
        rc->type = g_strdup(ret.type);
    type = rc->type;
    g_mutex_unlock(&rc->lock);
    xdr_free((xdrproc_t) xdr_remote_connect_get_type_ret, (char *) &ret);
    return type;
}

/**
 * remote_op_connect_get_version() - hypervisor version (major*1e6+minor*1e3+micro)
 */
int
remote_op_connect_get_version(virConnectPtr conn, unsigned long *ret_ver)
{
    remote_connect_get_version_ret ret = { 0 };

    if (remote_call_connect_get_version(host_primary(conn)->client, &ret) < 0)
        return -1;
    *ret_ver = ret.hv_ver;
    return 0;
}

/**
 * remote_op_connect_get_lib_version() - the daemon's libvirt version
 */
int
remote_op_connect_get_lib_version(virConnectPtr conn, unsigned long *ret_ver)
{
    remote_connect_get_lib_version_ret ret = { 0 };

    if (remote_call_connect_get_lib_version(host_primary(conn)->client, &ret) < 0)
        return -1;
    *ret_ver = ret.lib_ver;
    return 0;
}

/**
 * remote_op_connect_get_hostname() - host name of the daemon's machine
 */
char *
remote_op_connect_get_hostname(virConnectPtr conn)
{
    remote_connect_get_hostname_ret ret = { 0 };
    char *name;

    if (remote_call_connect_get_hostname(host_primary(conn)->client, &ret) < 0)
        return NULL;
    name = g_strdup(ret.hostname);
    xdr_free((xdrproc_t) xdr_remote_connect_get_hostname_ret, (char *) &ret);
    return name;
}

/**
 * remote_op_connect_is_alive() - 1 while the primary socket is open, else 0
 */
int
remote_op_connect_is_alive(virConnectPtr conn)
{
    RemoteConn *rc = host_primary(conn);

    return rc && rc->client && rpc_client_is_open(rc->client) ? 1 : 0;
}

/**
 * remote_op_connect_is_secure() - UNIX sockets are secure when the daemon
 * says its driver connection is
 */
int
remote_op_connect_is_secure(virConnectPtr conn)
{
    remote_connect_is_secure_ret ret = { 0 };

    if (remote_call_connect_is_secure(host_primary(conn)->client, &ret) < 0)
        return -1;
    return ret.secure ? 1 : 0;
}

/**
 * remote_op_connect_is_encrypted() - UNIX sockets are never encrypted; the
 * daemon is still asked, as libvirt does, so errors surface the same way
 */
int
remote_op_connect_is_encrypted(virConnectPtr conn)
{
    remote_connect_is_secure_ret ret = { 0 };

    if (remote_call_connect_is_secure(host_primary(conn)->client, &ret) < 0)
        return -1;
    return 0;
}

/**
 * remote_op_connect_set_keep_alive() - start or stop our keepalive PINGs
 *
 * Return: 0, 1 when the daemon does not speak keepalive, -1 when no event
 * loop is registered (reported).
 */
int
remote_op_connect_set_keep_alive(virConnectPtr conn, int interval, unsigned int count)
{
    RemoteState *st = remote_state(conn);

    if (!api_event_have_impl()) {
        err_report(VIR_ERR_INTERNAL_ERROR, "%s",
                   "the caller doesn't support keepalive protocol; perhaps it's missing event loop implementation");
        return -1;
    }
    if (!st->primary->server_keepalive)
        return 1;

    g_mutex_lock(&st->lock);
    st->ka_interval = interval > 0 ? interval : 0;
    st->ka_count = count;
    rpc_client_set_keepalive(st->primary->client, interval, count);
    for (int i = 0; i < API_DRV_LAST; i++) {
        RemoteConn *rc = st->secondary[i];

        if (rc && rc->server_keepalive)
            rpc_client_set_keepalive(rc->client, interval, count);
    }
    g_mutex_unlock(&st->lock);
    return 0;
}

/**
 * remote_op_connect_register_close_callback() - one close callback per
 * connection; it holds a reference on the connection until it fires or is
 * unregistered
 */
int
remote_op_connect_register_close_callback(virConnectPtr conn, virConnectCloseFunc cb,
                                       void *opaque, virFreeCallback freecb)
{
    RemoteConn *rc = host_primary(conn);
    bool busy;

    g_mutex_lock(&conn->lock);
    busy = conn->close_cb.cb != NULL;
    g_mutex_unlock(&conn->lock);
    if (busy) {
        err_report(VIR_ERR_OPERATION_INVALID, "%s", "A close callback is already registered");
        return -1;
    }
    if (rc->server_close_cb &&
        remote_call_connect_register_close_callback(rc->client) < 0)
        return -1;

    g_mutex_lock(&conn->lock);
    busy = conn->close_cb.cb != NULL;
    if (!busy) {
        conn->close_cb.cb = cb;
        conn->close_cb.opaque = opaque;
        conn->close_cb.freecb = freecb;
    }
    g_mutex_unlock(&conn->lock);
    if (busy) {
        err_report(VIR_ERR_OPERATION_INVALID, "%s", "A close callback is already registered");
        return -1;
    }
    api_object_ref(conn);
    return 0;
}

/**
 * remote_op_connect_unregister_close_callback() - remove the close callback
 * @cb: must be the registered one
 *
 * The caller holds its own reference on @conn.
 */
int
remote_op_connect_unregister_close_callback(virConnectPtr conn, virConnectCloseFunc cb)
{
    RemoteConn *rc = host_primary(conn);
    ApiCloseCallback old = { 0 };
    bool match;

    g_mutex_lock(&conn->lock);
    match = conn->close_cb.cb == cb;
    g_mutex_unlock(&conn->lock);
    if (!match) {
        err_report(VIR_ERR_OPERATION_INVALID, "%s", "A different callback was requested");
        return -1;
    }
    if (rc->server_close_cb && rpc_client_is_open(rc->client) &&
        remote_call_connect_unregister_close_callback(rc->client) < 0)
        return -1;

    g_mutex_lock(&conn->lock);
    if (conn->close_cb.cb == cb) {
        old = conn->close_cb;
        conn->close_cb = (ApiCloseCallback) { 0 };
    }
    g_mutex_unlock(&conn->lock);
    if (!old.cb)
        return 0;
    if (old.freecb)
        old.freecb(old.opaque);
    api_object_unref(conn);
    return 0;
}

/**
 * remote_fire_close_callback() - tell the application the connection is
 * gone; the callback is one-shot and releases its connection reference
 */
void
remote_fire_close_callback(virConnectPtr conn, int reason)
{
    ApiCloseCallback cb;

    g_mutex_lock(&conn->lock);
    cb = conn->close_cb;
    conn->close_cb = (ApiCloseCallback) { 0 };
    g_mutex_unlock(&conn->lock);
    if (!cb.cb)
        return;
    cb.cb(conn, reason, cb.opaque);
    if (cb.freecb)
        cb.freecb(cb.opaque);
    api_object_unref(conn);
}
