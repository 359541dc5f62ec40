/* common/daemon/dispatch.c: the REMOTE procedures every daemon serves the
 * same way (connection open/close, auth, features, identity, versions,
 * close callbacks, event registration) and the pre-dispatch gate (open
 * before use, procedures of another driver class). Driver procedures are
 * only routed from here, never implemented. */
#include "config.h"

#define ERR_DOMAIN VIR_FROM_REMOTE

#include <string.h>
#include <unistd.h>

#include "common/daemon/server.h"
#include "common/rpc/conn.h"
#include "common/util/err.h"
#include "common/util/log.h"

#define FEATURE_FD_PASSING            8
#define FEATURE_PROGRAM_KEEPALIVE     10
#define FEATURE_REMOTE_EVENT_CALLBACK 14
#define FEATURE_REMOTE_CLOSE_CALLBACK 15
#define CONNECT_RO_FLAG               1     /* VIR_CONNECT_RO */

/* ---- accessors for drivers (daemon.h) ---- */

/** daemon_call_ctx() - the daemon serving @call */
DaemonCtx *
daemon_call_ctx(RpcCall *call)
{
    return rpc_server_opaque(rpc_peer_server(rpc_call_peer(call)));
}

/** daemon_call_client() - the client state of the caller */
DaemonClient *
daemon_call_client(RpcCall *call)
{
    return rpc_call_client_data(call);
}

/** daemon_client_readonly() - read-only socket or VIR_CONNECT_RO open */
bool
daemon_client_readonly(DaemonClient *client)
{
    return client->readonly || rpc_peer_readonly(client->peer);
}

/** daemon_client_uri() - canonical URI the client opened, NULL before */
const char *
daemon_client_uri(DaemonClient *client)
{
    return client->uri;
}

/**
 * daemon_client_identity() - the caller's identity: SO_PEERCRED, replaced
 * by CONNECT_SET_IDENTITY when a (root) proxy forwarded one
 */
void
daemon_client_identity(DaemonClient *client, uid_t *ret_uid, gid_t *ret_gid, pid_t *ret_pid)
{
    g_mutex_lock(&client->lock);
    if (ret_uid)
        *ret_uid = client->uid;
    if (ret_gid)
        *ret_gid = client->gid;
    if (ret_pid)
        *ret_pid = client->pid;
    g_mutex_unlock(&client->lock);
}

/** daemon_client_get_data() - driver state attached to the client */
void *
daemon_client_get_data(DaemonClient *client)
{
    return client->data;
}

/** daemon_client_set_data() - attach driver state, freed when the client goes */
void
daemon_client_set_data(DaemonClient *client, void *data, GDestroyNotify free_fn)
{
    client->data = data;
    client->data_free = free_fn;
}

/** rpc_call_client_driver_data() - driver state of the calling client */
void *
rpc_call_client_driver_data(RpcCall *call)
{
    return daemon_call_client(call)->data;
}

/* ---- connection procedures ---- */

static const char *
daemon_default_path(DaemonCtx *ctx)
{
    return ctx->privileged ? "/system" : "/session";
}

/**
 * daemon_open_uri_check() - accept or reject the URI of CONNECT_OPEN
 * @name: URI sent by the client; NULL or "" means this daemon's default
 * @ret_uri: canonical "<scheme>:///system|session"
 *
 * Accepted: "<scheme>[+unix]://[localhost]/<path>[?query]" with a scheme of
 * the driver and the path matching the daemon's privilege.
 * Return: 0, or -1 with VIR_ERR_NO_CONNECT (foreign URI) or
 *         VIR_ERR_INTERNAL_ERROR (wrong path) reported.
 */
int
daemon_open_uri_check(DaemonCtx *ctx, const char *name, char **ret_uri)
{
    const DaemonDriver *drv = ctx->drv;
    g_autofree char *scheme = NULL;
    const char *rest;
    const char *path;
    g_autofree char *host = NULL;
    g_autofree char *p = NULL;
    const char *sep;
    bool known = false;

    if (!name || !*name) {
        *ret_uri = g_strdup_printf("%s://%s", drv->uri_schemes[0], daemon_default_path(ctx));
        return 0;
    }
    sep = strstr(name, "://");
    if (!sep)
        goto foreign;
    scheme = g_strndup(name, (gsize) (sep - name));
    if (strchr(scheme, '+')) {
        if (!g_str_has_suffix(scheme, "+unix"))
            goto foreign;
        scheme[strlen(scheme) - 5] = '\0';
    }
    for (size_t i = 0; drv->uri_schemes[i]; i++)
        known |= g_ascii_strcasecmp(scheme, drv->uri_schemes[i]) == 0;
    if (!known)
        goto foreign;
    rest = sep + 3;
    path = strchr(rest, '/');
    host = g_strndup(rest, path ? (gsize) (path - rest) : strlen(rest));
    if (*host && g_ascii_strcasecmp(host, "localhost") != 0)
        goto foreign;
    p = g_strdup(path ? path : "");
    p[strcspn(p, "?#")] = '\0';
    if (!g_str_equal(p, daemon_default_path(ctx))) {
        err_report_full(VIR_FROM_NONE, VIR_ERR_INTERNAL_ERROR, __FILE__, __func__, __LINE__,
                        "unexpected %s URI path '%s', try %s://%s", drv->uri_schemes[0],
                        p, drv->uri_schemes[0], daemon_default_path(ctx));
        return -1;
    }
    *ret_uri = g_strdup_printf("%s://%s", drv->uri_schemes[0], p);
    return 0;

 foreign:
    err_report_full(VIR_FROM_NONE, VIR_ERR_NO_CONNECT, __FILE__, __func__, __LINE__,
                    "%s", name);
    return -1;
}

static int
core_connect_open(RpcCall *call, remote_connect_open_args *args)
{
    DaemonCtx *ctx = daemon_call_ctx(call);
    DaemonClient *c = daemon_call_client(call);
    const char *name = args->name ? *args->name : NULL;
    unsigned int flags = args->flags;
    g_autofree char *uri = NULL;

    if (rpc_peer_readonly(c->peer))
        flags |= CONNECT_RO_FLAG;
    g_mutex_lock(&c->lock);
    if (c->opened) {
        g_mutex_unlock(&c->lock);
        err_report_full(VIR_FROM_NONE, VIR_ERR_INTERNAL_ERROR, __FILE__, __func__, __LINE__,
                        "%s", "connection already open");
        return -1;
    }
    g_mutex_unlock(&c->lock);
    if (daemon_open_uri_check(ctx, name, &uri) < 0)
        return -1;
    if (ctx->drv->connect_open && ctx->drv->connect_open(call, uri, flags) < 0)
        return -1;
    g_mutex_lock(&c->lock);
    c->opened = true;
    c->readonly = (flags & CONNECT_RO_FLAG) != 0;
    g_free(c->uri);
    c->uri = g_steal_pointer(&uri);
    g_mutex_unlock(&c->lock);
    return 0;
}

static int
core_connect_close(RpcCall *call)
{
    DaemonCtx *ctx = daemon_call_ctx(call);
    DaemonClient *c = daemon_call_client(call);

    event_registry_drop_owner(ctx->events, c->peer);
    daemon_forward_client_reset(c);
    g_mutex_lock(&c->lock);
    c->opened = false;
    c->close_cb = false;
    g_mutex_unlock(&c->lock);
    return 0;
}

static int
core_auth_list(RpcCall *call, remote_auth_list_ret *ret)
{
    RpcPeer *peer = rpc_call_peer(call);

    ret->types.types_len = 1;
    ret->types.types_val = g_new0(remote_auth_type, 1);
    ret->types.types_val[0] = rpc_peer_authenticated(peer) ? 0 : rpc_peer_auth(peer);
    return 0;
}

static int
core_supports_feature(RpcCall *call, remote_connect_supports_feature_args *args,
                      remote_connect_supports_feature_ret *ret)
{
    DaemonCtx *ctx = daemon_call_ctx(call);
    DaemonClient *c = daemon_call_client(call);
    int r;

    if (args->feature == FEATURE_PROGRAM_KEEPALIVE) {
        if (ctx->cfg->keepalive_interval > 0)
            rpc_peer_start_keepalive(c->peer);
        ret->supported = 1;
        return 0;
    }
    if (!c->opened) {
        err_report_full(VIR_FROM_NONE, VIR_ERR_INTERNAL_ERROR, __FILE__, __func__, __LINE__,
                        "%s", "connection not open");
        return -1;
    }
    switch (args->feature) {
    case FEATURE_FD_PASSING:
    case FEATURE_REMOTE_EVENT_CALLBACK:
    case FEATURE_REMOTE_CLOSE_CALLBACK:
        ret->supported = 1;
        return 0;
    default:
        if (!ctx->drv->supports_feature) {
            ret->supported = 0;
            return 0;
        }
        r = ctx->drv->supports_feature(ctx, args->feature);
        if (r < 0)
            return -1;
        ret->supported = r;
        return 0;
    }
}

static int
core_get_uri(RpcCall *call, remote_connect_get_uri_ret *ret)
{
    ret->uri = g_strdup(daemon_call_client(call)->uri);
    return 0;
}

/**
 * daemon_core_get_hostname() - CONNECT_GET_HOSTNAME answered from this host
 *
 * Hypervisor daemons get it automatically; other drivers may list it in
 * their handler table.
 */
int
daemon_core_get_hostname(RpcCall *call, remote_connect_get_hostname_ret *ret)
{
    char buf[256];

    if (gethostname(buf, sizeof(buf) - 1) < 0) {
        err_report_system(errno, "%s", "failed to determine host name");
        return -1;
    }
    buf[sizeof(buf) - 1] = '\0';
    ret->hostname = g_strdup(buf);
    return 0;
}

static int
core_get_lib_version(RpcCall *call, remote_connect_get_lib_version_ret *ret)
{
    ret->lib_ver = MODVIRT_VERSION_NUMBER;
    return 0;
}

/* virConnectGetType: the driver's name ("secret", "QEMU", ...). */
static int
core_get_type(RpcCall *call, remote_connect_get_type_ret *ret)
{
    const DaemonDriver *drv = daemon_call_ctx(call)->drv;

    ret->type = g_strdup(drv->type_name ? drv->type_name : drv->uri_schemes[0]);
    return 0;
}

static int
core_is_secure(RpcCall *call, remote_connect_is_secure_ret *ret)
{
    ret->secure = 1;        /* UNIX sockets only */
    return 0;
}

static int
core_register_close_cb(RpcCall *call)
{
    DaemonClient *c = daemon_call_client(call);

    g_mutex_lock(&c->lock);
    c->close_cb = true;
    g_mutex_unlock(&c->lock);
    return 0;
}

static int
core_unregister_close_cb(RpcCall *call)
{
    DaemonClient *c = daemon_call_client(call);

    g_mutex_lock(&c->lock);
    c->close_cb = false;
    g_mutex_unlock(&c->lock);
    return 0;
}

static int
core_set_identity(RpcCall *call, remote_connect_set_identity_args *args)
{
    DaemonClient *c = daemon_call_client(call);
    uid_t peer_uid;

    rpc_peer_creds(c->peer, &peer_uid, NULL, NULL);
    if (peer_uid != 0) {
        err_report_full(VIR_FROM_NONE, VIR_ERR_OPERATION_DENIED, __FILE__, __func__, __LINE__,
                        "%s", "only a privileged client may change its identity");
        return -1;
    }
    g_mutex_lock(&c->lock);
    for (u_int i = 0; i < args->params.params_len; i++) {
        const remote_typed_param *p = &args->params.params_val[i];
        const remote_typed_param_value *v = &p->value;
        long long n;

        if (v->type == 3 || v->type == 4)   /* LLONG / ULLONG */
            n = (long long) v->remote_typed_param_value_u.l;
        else if (v->type == 1 || v->type == 2)
            n = v->remote_typed_param_value_u.i;
        else
            continue;
        if (g_str_equal(p->field, "unix-user-id"))
            c->uid = (uid_t) n;
        else if (g_str_equal(p->field, "unix-group-id"))
            c->gid = (gid_t) n;
        else if (g_str_equal(p->field, "process-id"))
            c->pid = (pid_t) n;
    }
    g_mutex_unlock(&c->lock);
    return 0;
}

/* ---- events ---- */

static int
event_register(RpcCall *call, EventFamily fam, int event_id, const void *key,
               size_t key_len, const char *name)
{
    DaemonCtx *ctx = daemon_call_ctx(call);

    return event_registry_add(ctx->events, rpc_call_peer(call), fam, event_id, key,
                              key_len, name);
}

static int
event_deregister(RpcCall *call, EventFamily fam, int id)
{
    if (event_registry_remove(daemon_call_ctx(call)->events, rpc_call_peer(call), fam, id) < 0) {
        err_report_full(VIR_FROM_NONE, VIR_ERR_RPC, __FILE__, __func__, __LINE__,
                        "event callback %d not registered", id);
        return -1;
    }
    return 0;
}

static int
ev_domain_cb_register(RpcCall *call, remote_connect_domain_event_callback_register_any_args *a,
                      remote_connect_domain_event_callback_register_any_ret *r)
{
    r->callbackID = event_register(call, EVENT_FAMILY_DOMAIN, a->eventID,
                                   a->dom ? a->dom->uuid : NULL, 16, NULL);
    return 0;
}

static int
ev_domain_cb_deregister(RpcCall *call,
                        remote_connect_domain_event_callback_deregister_any_args *a)
{
    return event_deregister(call, EVENT_FAMILY_DOMAIN, a->callbackID);
}

static int
ev_domain_legacy_register(RpcCall *call, remote_connect_domain_event_register_ret *r)
{
    event_register(call, EVENT_FAMILY_DOMAIN_LEGACY, 0, NULL, 0, NULL);
    r->cb_registered = 1;
    return 0;
}

static int
ev_domain_legacy_deregister(RpcCall *call, remote_connect_domain_event_deregister_ret *r)
{
    event_registry_remove_by_event(daemon_call_ctx(call)->events, rpc_call_peer(call),
                                   EVENT_FAMILY_DOMAIN_LEGACY, 0);
    r->cb_registered = 0;
    return 0;
}

static int
ev_domain_any_register(RpcCall *call, remote_connect_domain_event_register_any_args *a)
{
    event_register(call, EVENT_FAMILY_DOMAIN_LEGACY, a->eventID, NULL, 0, NULL);
    return 0;
}

static int
ev_domain_any_deregister(RpcCall *call, remote_connect_domain_event_deregister_any_args *a)
{
    if (event_registry_remove_by_event(daemon_call_ctx(call)->events, rpc_call_peer(call),
                                       EVENT_FAMILY_DOMAIN_LEGACY, a->eventID) < 0) {
        err_report_full(VIR_FROM_NONE, VIR_ERR_RPC, __FILE__, __func__, __LINE__,
                        "domain event %d not registered", a->eventID);
        return -1;
    }
    return 0;
}

static int
ev_network_register(RpcCall *call, remote_connect_network_event_register_any_args *a,
                    remote_connect_network_event_register_any_ret *r)
{
    r->callbackID = event_register(call, EVENT_FAMILY_NETWORK, a->eventID,
                                   a->net ? a->net->uuid : NULL, 16, NULL);
    return 0;
}

static int
ev_network_deregister(RpcCall *call, remote_connect_network_event_deregister_any_args *a)
{
    return event_deregister(call, EVENT_FAMILY_NETWORK, a->callbackID);
}

static int
ev_pool_register(RpcCall *call, remote_connect_storage_pool_event_register_any_args *a,
                 remote_connect_storage_pool_event_register_any_ret *r)
{
    r->callbackID = event_register(call, EVENT_FAMILY_STORAGE_POOL, a->eventID,
                                   a->pool ? a->pool->uuid : NULL, 16, NULL);
    return 0;
}

static int
ev_pool_deregister(RpcCall *call, remote_connect_storage_pool_event_deregister_any_args *a)
{
    return event_deregister(call, EVENT_FAMILY_STORAGE_POOL, a->callbackID);
}

static int
ev_nodedev_register(RpcCall *call, remote_connect_node_device_event_register_any_args *a,
                    remote_connect_node_device_event_register_any_ret *r)
{
    const char *name = a->dev ? a->dev->name : NULL;

    r->callbackID = event_register(call, EVENT_FAMILY_NODE_DEVICE, a->eventID, name,
                                   name ? strlen(name) : 0, NULL);
    return 0;
}

static int
ev_nodedev_deregister(RpcCall *call, remote_connect_node_device_event_deregister_any_args *a)
{
    return event_deregister(call, EVENT_FAMILY_NODE_DEVICE, a->callbackID);
}

static int
ev_secret_register(RpcCall *call, remote_connect_secret_event_register_any_args *a,
                   remote_connect_secret_event_register_any_ret *r)
{
    r->callbackID = event_register(call, EVENT_FAMILY_SECRET, a->eventID,
                                   a->secret ? a->secret->uuid : NULL, 16, NULL);
    return 0;
}

static int
ev_secret_deregister(RpcCall *call, remote_connect_secret_event_deregister_any_args *a)
{
    return event_deregister(call, EVENT_FAMILY_SECRET, a->callbackID);
}

static int
ev_qemu_register(RpcCall *call, qemu_connect_domain_monitor_event_register_args *a,
                 qemu_connect_domain_monitor_event_register_ret *r)
{
    r->callbackID = event_register(call, EVENT_FAMILY_QEMU_MONITOR, 0,
                                   a->dom ? a->dom->uuid : NULL, 16,
                                   a->event ? *a->event : NULL);
    return 0;
}

static int
ev_qemu_deregister(RpcCall *call, qemu_connect_domain_monitor_event_deregister_args *a)
{
    return event_deregister(call, EVENT_FAMILY_QEMU_MONITOR, a->callbackID);
}

typedef struct {
    uint32_t prog;
    const ProcInfo *proc;
    void *msg;
    bool has_cb_id;
} EmitCtx;

static void
emit_send(void *owner, int callback_id, void *opaque)
{
    EmitCtx *e = opaque;

    if (e->has_cb_id)
        memcpy(e->msg, &callback_id, sizeof(int));
    rpc_peer_send_event(owner, e->prog, e->proc->number, e->proc->msg_proc, e->msg);
}

/**
 * daemon_emit_event() - see daemon.h
 */
int
daemon_emit_event(DaemonCtx *ctx, int proc, int event_id, const void *filter_key,
                  size_t key_len, void *msg)
{
    const ProcInfo *p = proc_lookup(&remote_program, proc);
    EventFamily fam;
    EmitCtx e;

    if (!p || !p->msg_proc) {
        log_warn("daemon_emit_event: %d is not an event procedure", proc);
        return 0;
    }
    fam = event_family_of_proc(proc, p->name);
    if (fam == EVENT_FAMILY_LAST)
        return 0;
    e = (EmitCtx) {
        .prog = remote_program.prog, .proc = p, .msg = msg,
        .has_cb_id = fam != EVENT_FAMILY_DOMAIN_LEGACY,
    };
    return event_registry_dispatch(ctx->events, fam, event_id, filter_key, key_len, NULL,
                                   emit_send, &e);
}

/**
 * daemon_emit_qemu_monitor_event() - see daemon.h
 */
int
daemon_emit_qemu_monitor_event(DaemonCtx *ctx, const void *dom_uuid, const char *event,
                               void *msg)
{
    const ProcInfo *p = proc_lookup(&qemu_program, QEMU_PROC_DOMAIN_MONITOR_EVENT);
    EmitCtx e = { .prog = qemu_program.prog, .proc = p, .msg = msg, .has_cb_id = true };

    if (!p || !p->msg_proc)
        return 0;
    return event_registry_dispatch(ctx->events, EVENT_FAMILY_QEMU_MONITOR, 0, dom_uuid, 16,
                                   event, emit_send, &e);
}

/* ---- gate ---- */

static bool
proc_allowed_before_open(uint32_t prog, int proc)
{
    if (prog != RPC_PROG_REMOTE)
        return false;
    switch (proc) {
    case REMOTE_PROC_CONNECT_OPEN:
    case REMOTE_PROC_CONNECT_CLOSE:
    case REMOTE_PROC_CONNECT_SUPPORTS_FEATURE:
    case REMOTE_PROC_AUTH_LIST:
    case REMOTE_PROC_AUTH_SASL_INIT:
    case REMOTE_PROC_AUTH_SASL_START:
    case REMOTE_PROC_AUTH_SASL_STEP:
    case REMOTE_PROC_AUTH_POLKIT:
        return true;
    default:
        return false;
    }
}

/**
 * daemon_pre_dispatch() - RpcServerHooks.pre_dispatch of the main server
 *
 * Refuses calls before CONNECT_OPEN, and procedures owned by another
 * driver class (forwarded when forwarding is available, else NO_SUPPORT).
 */
int
daemon_pre_dispatch(RpcServer *srv, RpcPeer *peer, const ProgramInfo *prog,
                    const ProcInfo *proc, RpcMessage *msg, void *opaque)
{
    DaemonCtx *ctx = opaque;
    DaemonClient *c = rpc_peer_get_data(peer);

    if (!c->opened && !proc_allowed_before_open(prog->prog, proc->number)) {
        err_report_full(VIR_FROM_NONE, VIR_ERR_INTERNAL_ERROR, __FILE__, __func__, __LINE__,
                        "%s", "connection not open");
        return -1;
    }
    if (proc->driver != PROC_DRV_NONE && proc->driver != ctx->drv->klass) {
        int r = daemon_forward_call(ctx, peer, proc, msg);

        if (r != 0)
            return r;
        {
            g_autofree char *api = rpc_proc_api_name(prog, proc);

            err_report_full(VIR_FROM_NONE, VIR_ERR_NO_SUPPORT, __FILE__, __func__, __LINE__,
                            "%s", api);
        }
        return -1;
    }
    return 0;
}

/**
 * daemon_dispatch_setup() - build the handler tables: the driver's, with
 * the core procedures filled in over them
 */
void
daemon_dispatch_setup(DaemonCtx *ctx)
{
    RemoteHandlers *h = &ctx->remote_handlers;
    QemuHandlers *q = &ctx->qemu_handlers;

    if (ctx->drv->handlers)
        *h = *ctx->drv->handlers;
    if (ctx->drv->qemu_handlers)
        *q = *ctx->drv->qemu_handlers;
    if (ctx->drv->lxc_handlers)
        ctx->lxc_handlers = *ctx->drv->lxc_handlers;

    h->connect_open = core_connect_open;
    h->connect_close = core_connect_close;
    h->auth_list = core_auth_list;
    h->connect_supports_feature = core_supports_feature;
    h->connect_get_uri = core_get_uri;
    /* Like libvirt's secondary drivers, only hypervisor daemons answer
     * virConnectGetHostname (and GetVersion, which their driver provides). */
    if (ctx->drv->klass == PROC_DRV_HYPERVISOR && !h->connect_get_hostname)
        h->connect_get_hostname = daemon_core_get_hostname;
    h->connect_get_lib_version = core_get_lib_version;
    if (!h->connect_get_type)
        h->connect_get_type = core_get_type;
    h->connect_is_secure = core_is_secure;
    h->connect_register_close_callback = core_register_close_cb;
    h->connect_unregister_close_callback = core_unregister_close_cb;
    h->connect_set_identity = core_set_identity;

    h->connect_domain_event_register = ev_domain_legacy_register;
    h->connect_domain_event_deregister = ev_domain_legacy_deregister;
    h->connect_domain_event_register_any = ev_domain_any_register;
    h->connect_domain_event_deregister_any = ev_domain_any_deregister;
    h->connect_domain_event_callback_register_any = ev_domain_cb_register;
    h->connect_domain_event_callback_deregister_any = ev_domain_cb_deregister;
    h->connect_network_event_register_any = ev_network_register;
    h->connect_network_event_deregister_any = ev_network_deregister;
    h->connect_storage_pool_event_register_any = ev_pool_register;
    h->connect_storage_pool_event_deregister_any = ev_pool_deregister;
    h->connect_node_device_event_register_any = ev_nodedev_register;
    h->connect_node_device_event_deregister_any = ev_nodedev_deregister;
    h->connect_secret_event_register_any = ev_secret_register;
    h->connect_secret_event_deregister_any = ev_secret_deregister;
    q->connect_domain_monitor_event_register = ev_qemu_register;
    q->connect_domain_monitor_event_deregister = ev_qemu_deregister;
}
