/* common/daemon/admin.c: the ADMIN program served on <name>-admin-sock
 * (what virt-admin drives): open/close, library version, the servers
 * ("admin" and the daemon's), their worker pools and client limits, the
 * clients (list, identity, close), logging filters and outputs, and the
 * idle timeout. There is no TLS listener, so no TLS files to reload. */
#include "config.h"

#include <grp.h>
#include <pwd.h>
#include <unistd.h>

#define ERR_DOMAIN VIR_FROM_ADMIN

#include <libvirt/libvirt-admin.h>

#include "common/daemon/server.h"
#include "common/util/err.h"
#include "common/util/log.h"

#define CHECK_NO_FLAGS(flags, api) \
    do { \
        if ((flags) != 0) { \
            err_report(VIR_ERR_INVALID_ARG, "unsupported flags (0x%x) in function %s", \
                       (flags), (api)); \
            return -1; \
        } \
    } while (0)

static DaemonCtx *
admin_ctx(RpcCall *call)
{
    return daemon_call_ctx(call);
}

static RpcServer *
admin_find_server(DaemonCtx *ctx, const char *name)
{
    if (g_str_equal(name, "admin"))
        return ctx->admin_srv;
    if (g_str_equal(name, ctx->drv->name))
        return ctx->srv;
    err_report(VIR_ERR_NO_SERVER, "no server with matching name '%s'", name);
    return NULL;
}

static int
admin_open(RpcCall *call, admin_connect_open_args *args)
{
    DaemonClient *c = daemon_call_client(call);

    CHECK_NO_FLAGS(args->flags, "virAdmConnectOpen");
    g_mutex_lock(&c->lock);
    c->opened = true;
    g_mutex_unlock(&c->lock);
    return 0;
}

static int
admin_close(RpcCall *call)
{
    DaemonClient *c = daemon_call_client(call);

    g_mutex_lock(&c->lock);
    c->opened = false;
    g_mutex_unlock(&c->lock);
    return 0;
}

static int
admin_lib_version(RpcCall *call, admin_connect_get_lib_version_ret *ret)
{
    ret->libVer = MODVIRT_VERSION_NUMBER;
    return 0;
}

static int
admin_list_servers(RpcCall *call, admin_connect_list_servers_args *args,
                   admin_connect_list_servers_ret *ret)
{
    DaemonCtx *ctx = admin_ctx(call);

    CHECK_NO_FLAGS(args->flags, "virAdmConnectListServers");
    ret->ret = 2;
    if (!args->need_results)
        return 0;
    ret->servers.servers_len = 2;
    ret->servers.servers_val = g_new0(admin_nonnull_server, 2);
    ret->servers.servers_val[0].name = g_strdup("admin");
    ret->servers.servers_val[1].name = g_strdup(ctx->drv->name);
    return 0;
}

static int
admin_lookup_server(RpcCall *call, admin_connect_lookup_server_args *args,
                    admin_connect_lookup_server_ret *ret)
{
    RpcServer *srv;

    CHECK_NO_FLAGS(args->flags, "virAdmConnectLookupServer");
    if (!(srv = admin_find_server(admin_ctx(call), args->name)))
        return -1;
    ret->srv.name = g_strdup(rpc_server_name(srv));
    return 0;
}

static void
admin_fill_client(admin_nonnull_client *out, RpcServer *srv, RpcPeer *peer)
{
    out->srv.name = g_strdup(rpc_server_name(srv));
    out->id = rpc_peer_id(peer);
    out->timestamp = rpc_peer_connect_time(peer);
    out->transport = 0;     /* VIR_CLIENT_TRANS_UNIX */
}

static int
admin_list_clients(RpcCall *call, admin_server_list_clients_args *args,
                   admin_server_list_clients_ret *ret)
{
    RpcServer *srv;
    g_autoptr(GPtrArray) peers = NULL;

    CHECK_NO_FLAGS(args->flags, "virAdmServerListClients");
    if (!(srv = admin_find_server(admin_ctx(call), args->srv.name)))
        return -1;
    peers = rpc_server_peers(srv);
    ret->ret = peers->len;
    if (!args->need_results)
        return 0;
    ret->clients.clients_len = peers->len;
    ret->clients.clients_val = g_new0(admin_nonnull_client, MAX(peers->len, 1));
    for (guint i = 0; i < peers->len; i++)
        admin_fill_client(&ret->clients.clients_val[i], srv, peers->pdata[i]);
    return 0;
}

static RpcPeer *
admin_find_peer(RpcServer *srv, uint64_t id)
{
    g_autoptr(GPtrArray) peers = rpc_server_peers(srv);

    for (guint i = 0; i < peers->len; i++) {
        if (rpc_peer_id(peers->pdata[i]) == id)
            return rpc_peer_ref(peers->pdata[i]);
    }
    err_report(VIR_ERR_NO_CLIENT, "no client with matching id '%llu'",
               (unsigned long long) id);
    return NULL;
}

static int
admin_lookup_client(RpcCall *call, admin_server_lookup_client_args *args,
                    admin_server_lookup_client_ret *ret)
{
    RpcServer *srv;
    RpcPeer *peer;

    CHECK_NO_FLAGS(args->flags, "virAdmServerLookupClient");
    if (!(srv = admin_find_server(admin_ctx(call), args->srv.name)) ||
        !(peer = admin_find_peer(srv, args->id)))
        return -1;
    admin_fill_client(&ret->clnt, srv, peer);
    rpc_peer_unref(peer);
    return 0;
}

static int
admin_client_close(RpcCall *call, admin_client_close_args *args)
{
    RpcServer *srv;
    RpcPeer *peer;

    CHECK_NO_FLAGS(args->flags, "virAdmClientClose");
    if (!(srv = admin_find_server(admin_ctx(call), args->clnt.srv.name)) ||
        !(peer = admin_find_peer(srv, args->clnt.id)))
        return -1;
    rpc_peer_close(peer);
    rpc_peer_unref(peer);
    return 0;
}

/* ---- typed parameters ------------------------------------------------------------ */

static admin_typed_param *
param_new(admin_typed_param **vals, u_int *len, const char *field, int type)
{
    admin_typed_param *p;

    *vals = g_renew(admin_typed_param, *vals, *len + 1);
    p = &(*vals)[(*len)++];
    memset(p, 0, sizeof(*p));
    p->field = g_strdup(field);
    p->value.type = type;
    return p;
}

static void
param_uint(admin_typed_param **vals, u_int *len, const char *field, unsigned int v)
{
    param_new(vals, len, field, ADMIN_TYPED_PARAM_UINT)->value.admin_typed_param_value_u.ui = v;
}

static void
param_int(admin_typed_param **vals, u_int *len, const char *field, int v)
{
    param_new(vals, len, field, ADMIN_TYPED_PARAM_INT)->value.admin_typed_param_value_u.i = v;
}

static void
param_bool(admin_typed_param **vals, u_int *len, const char *field, bool v)
{
    param_new(vals, len, field, ADMIN_TYPED_PARAM_BOOLEAN)->value.admin_typed_param_value_u.b = v;
}

static void
param_string(admin_typed_param **vals, u_int *len, const char *field, const char *v)
{
    param_new(vals, len, field, ADMIN_TYPED_PARAM_STRING)->value.admin_typed_param_value_u.s =
        g_strdup(v);
}

/* The unsigned value of @field in @params into *@ret (left alone when the
 * field is absent). Every field must be one of @known, and unsigned. */
static int
params_uint(const admin_typed_param *params, u_int n, const char *const *known,
            const char *field, long long *ret)
{
    for (u_int i = 0; i < n; i++) {
        const admin_typed_param *p = &params[i];
        bool ok = false;

        for (size_t k = 0; known[k]; k++)
            ok |= g_str_equal(p->field, known[k]);
        if (!ok) {
            err_report(VIR_ERR_INVALID_ARG, "parameter '%s' not supported", p->field);
            return -1;
        }
        if (p->value.type != ADMIN_TYPED_PARAM_UINT) {
            err_report(VIR_ERR_INVALID_ARG,
                       "invalid type for parameter '%s', expected 'uint'", p->field);
            return -1;
        }
        if (g_str_equal(p->field, field))
            *ret = p->value.admin_typed_param_value_u.ui;
    }
    return 0;
}

/* ---- worker pools and client limits -------------------------------------------- */

static int
admin_get_threadpool(RpcCall *call, admin_server_get_threadpool_parameters_args *args,
                     admin_server_get_threadpool_parameters_ret *ret)
{
    RpcServer *srv;
    RpcThreadpoolInfo info;

    CHECK_NO_FLAGS(args->flags, "virAdmServerGetThreadPoolParameters");
    if (!(srv = admin_find_server(admin_ctx(call), args->srv.name)))
        return -1;
    rpc_server_threadpool(srv, &info);
#define P(field, v) param_uint(&ret->params.params_val, &ret->params.params_len, field, v)
    P(VIR_THREADPOOL_WORKERS_MIN, info.min_workers);
    P(VIR_THREADPOOL_WORKERS_MAX, info.max_workers);
    P(VIR_THREADPOOL_WORKERS_PRIORITY, info.prio_workers);
    P(VIR_THREADPOOL_WORKERS_FREE, info.free_workers);
    P(VIR_THREADPOOL_WORKERS_CURRENT, info.cur_workers);
    P(VIR_THREADPOOL_JOB_QUEUE_DEPTH, info.job_queue_depth);
#undef P
    return 0;
}

static int
admin_set_threadpool(RpcCall *call, admin_server_set_threadpool_parameters_args *args)
{
    static const char *const known[] = {
        VIR_THREADPOOL_WORKERS_MIN, VIR_THREADPOOL_WORKERS_MAX,
        VIR_THREADPOOL_WORKERS_PRIORITY, NULL
    };
    const admin_typed_param *params = args->params.params_val;
    u_int n = args->params.params_len;
    long long min = -1, max = -1, prio = -1;
    RpcThreadpoolInfo cur;
    RpcServer *srv;

    CHECK_NO_FLAGS(args->flags, "virAdmServerSetThreadPoolParameters");
    if (!(srv = admin_find_server(admin_ctx(call), args->srv.name)))
        return -1;
    if (params_uint(params, n, known, VIR_THREADPOOL_WORKERS_MIN, &min) < 0 ||
        params_uint(params, n, known, VIR_THREADPOOL_WORKERS_MAX, &max) < 0 ||
        params_uint(params, n, known, VIR_THREADPOOL_WORKERS_PRIORITY, &prio) < 0)
        return -1;
    rpc_server_threadpool(srv, &cur);
    if (max == 0) {
        err_report(VIR_ERR_INVALID_ARG, "'%s' must be greater than 0",
                   VIR_THREADPOOL_WORKERS_MAX);
        return -1;
    }
    if ((min >= 0 ? min : cur.min_workers) > (max >= 0 ? max : cur.max_workers)) {
        err_report(VIR_ERR_INVALID_ARG, "'%s' (%lld) must not be larger than '%s' (%lld)",
                   VIR_THREADPOOL_WORKERS_MIN, min >= 0 ? min : (long long) cur.min_workers,
                   VIR_THREADPOOL_WORKERS_MAX, max >= 0 ? max : (long long) cur.max_workers);
        return -1;
    }
    rpc_server_set_threadpool(srv, min, max, prio);
    return 0;
}

static int
admin_get_client_limits(RpcCall *call, admin_server_get_client_limits_args *args,
                        admin_server_get_client_limits_ret *ret)
{
    RpcServer *srv;
    const RpcServerLimits *l;

    CHECK_NO_FLAGS(args->flags, "virAdmServerGetClientLimits");
    if (!(srv = admin_find_server(admin_ctx(call), args->srv.name)))
        return -1;
    l = rpc_server_limits(srv);
#define P(field, v) param_uint(&ret->params.params_val, &ret->params.params_len, field, v)
    P(VIR_SERVER_CLIENTS_MAX, l->max_clients);
    P(VIR_SERVER_CLIENTS_CURRENT, rpc_server_nclients(srv));
    P(VIR_SERVER_CLIENTS_UNAUTH_MAX, l->max_unauth_clients);
    P(VIR_SERVER_CLIENTS_UNAUTH_CURRENT, rpc_server_nclients_unauth(srv));
#undef P
    return 0;
}

static int
admin_set_client_limits(RpcCall *call, admin_server_set_client_limits_args *args)
{
    static const char *const known[] = {
        VIR_SERVER_CLIENTS_MAX, VIR_SERVER_CLIENTS_UNAUTH_MAX, NULL
    };
    const admin_typed_param *params = args->params.params_val;
    u_int n = args->params.params_len;
    long long max = -1, unauth = -1;
    const RpcServerLimits *l;
    RpcServer *srv;
    unsigned int nclients;

    CHECK_NO_FLAGS(args->flags, "virAdmServerSetClientLimits");
    if (!(srv = admin_find_server(admin_ctx(call), args->srv.name)))
        return -1;
    if (params_uint(params, n, known, VIR_SERVER_CLIENTS_MAX, &max) < 0 ||
        params_uint(params, n, known, VIR_SERVER_CLIENTS_UNAUTH_MAX, &unauth) < 0)
        return -1;
    l = rpc_server_limits(srv);
    if (max < 0)
        max = l->max_clients;
    if (unauth < 0)
        unauth = l->max_unauth_clients;
    nclients = rpc_server_nclients(srv);
    if (max < nclients) {
        err_report(VIR_ERR_INVALID_ARG,
                   "'%s' (%lld) must not be lower than the %u clients connected now",
                   VIR_SERVER_CLIENTS_MAX, max, nclients);
        return -1;
    }
    if (unauth > max) {
        err_report(VIR_ERR_INVALID_ARG, "'%s' (%lld) must not be larger than '%s' (%lld)",
                   VIR_SERVER_CLIENTS_UNAUTH_MAX, unauth, VIR_SERVER_CLIENTS_MAX, max);
        return -1;
    }
    rpc_server_set_client_limits(srv, (unsigned int) max, (unsigned int) unauth);
    return 0;
}

/* ---- one client ------------------------------------------------------------------ */

static int
admin_client_info(RpcCall *call, admin_client_get_info_args *args,
                  admin_client_get_info_ret *ret)
{
    RpcServer *srv;
    RpcPeer *peer;
    uid_t uid;
    gid_t gid;
    pid_t pid;
    struct passwd pw, *pwp = NULL;
    struct group gr, *grp = NULL;
    char buf[4096];

    CHECK_NO_FLAGS(args->flags, "virAdmClientGetInfo");
    if (!(srv = admin_find_server(admin_ctx(call), args->clnt.srv.name)) ||
        !(peer = admin_find_peer(srv, args->clnt.id)))
        return -1;
    rpc_peer_creds(peer, &uid, &gid, &pid);
#define VALS &ret->params.params_val, &ret->params.params_len
    param_bool(VALS, VIR_CLIENT_INFO_READONLY, rpc_peer_readonly(peer));
    param_int(VALS, VIR_CLIENT_INFO_UNIX_USER_ID, (int) uid);
    if (getpwuid_r(uid, &pw, buf, sizeof(buf), &pwp) == 0 && pwp)
        param_string(VALS, VIR_CLIENT_INFO_UNIX_USER_NAME, pwp->pw_name);
    param_int(VALS, VIR_CLIENT_INFO_UNIX_GROUP_ID, (int) gid);
    if (getgrgid_r(gid, &gr, buf, sizeof(buf), &grp) == 0 && grp)
        param_string(VALS, VIR_CLIENT_INFO_UNIX_GROUP_NAME, grp->gr_name);
    param_int(VALS, VIR_CLIENT_INFO_UNIX_PROCESS_ID, (int) pid);
#undef VALS
    rpc_peer_unref(peer);
    return 0;
}

/* ---- logging, TLS, idle timeout ------------------------------------------------------ */

static int
admin_get_log_outputs(RpcCall *call, admin_connect_get_logging_outputs_args *args,
                      admin_connect_get_logging_outputs_ret *ret)
{
    size_t n;

    CHECK_NO_FLAGS(args->flags, "virAdmConnectGetLoggingOutputs");
    ret->outputs = log_get_outputs(&n);
    ret->noutputs = (u_int) n;
    return 0;
}

static int
admin_get_log_filters(RpcCall *call, admin_connect_get_logging_filters_args *args,
                      admin_connect_get_logging_filters_ret *ret)
{
    size_t n;
    char *filters;

    CHECK_NO_FLAGS(args->flags, "virAdmConnectGetLoggingFilters");
    filters = log_get_filters(&n);
    ret->nfilters = (u_int) n;
    if (n == 0) {
        g_free(filters);
        return 0;           /* no filters: a NULL string, as libvirt sends */
    }
    ret->filters = g_new0(admin_nonnull_string, 1);
    *ret->filters = filters;
    return 0;
}

static int
admin_set_log_outputs(RpcCall *call, admin_connect_set_logging_outputs_args *args)
{
    const char *outputs = args->outputs ? *args->outputs : NULL;

    CHECK_NO_FLAGS(args->flags, "virAdmConnectSetLoggingOutputs");
    if (log_set_outputs(outputs) < 0) {
        err_report(VIR_ERR_INVALID_ARG, "invalid logging output list '%s'", outputs);
        return -1;
    }
    return 0;
}

static int
admin_set_log_filters(RpcCall *call, admin_connect_set_logging_filters_args *args)
{
    const char *filters = args->filters ? *args->filters : NULL;

    CHECK_NO_FLAGS(args->flags, "virAdmConnectSetLoggingFilters");
    if (log_set_filters(filters) < 0) {
        err_report(VIR_ERR_INVALID_ARG, "invalid logging filter list '%s'", filters);
        return -1;
    }
    return 0;
}

static int
admin_update_tls(RpcCall *call, admin_server_update_tls_files_args *args)
{
    RpcServer *srv;

    CHECK_NO_FLAGS(args->flags, "virAdmServerUpdateTlsFiles");
    if (!(srv = admin_find_server(admin_ctx(call), args->srv.name)))
        return -1;
    err_report(VIR_ERR_OPERATION_INVALID,
               "server '%s' has no TLS listener: there are no TLS files to update",
               rpc_server_name(srv));
    return -1;
}

static int
admin_set_daemon_timeout(RpcCall *call, admin_connect_set_daemon_timeout_args *args)
{
    CHECK_NO_FLAGS(args->flags, "virAdmConnectSetDaemonTimeout");
    daemon_set_idle_timeout(admin_ctx(call), args->timeout);
    return 0;
}

/**
 * daemon_admin_setup() - fill the ADMIN handler table of @ctx
 */
void
daemon_admin_setup(DaemonCtx *ctx)
{
    AdminHandlers *h = &ctx->admin_handlers;

    h->connect_open = admin_open;
    h->connect_close = admin_close;
    h->connect_get_lib_version = admin_lib_version;
    h->connect_list_servers = admin_list_servers;
    h->connect_lookup_server = admin_lookup_server;
    h->server_list_clients = admin_list_clients;
    h->server_lookup_client = admin_lookup_client;
    h->client_close = admin_client_close;
    h->server_get_threadpool_parameters = admin_get_threadpool;
    h->server_set_threadpool_parameters = admin_set_threadpool;
    h->server_get_client_limits = admin_get_client_limits;
    h->server_set_client_limits = admin_set_client_limits;
    h->client_get_info = admin_client_info;
    h->connect_get_logging_outputs = admin_get_log_outputs;
    h->connect_get_logging_filters = admin_get_log_filters;
    h->connect_set_logging_outputs = admin_set_log_outputs;
    h->connect_set_logging_filters = admin_set_log_filters;
    h->server_update_tls_files = admin_update_tls;
    h->connect_set_daemon_timeout = admin_set_daemon_timeout;
}
