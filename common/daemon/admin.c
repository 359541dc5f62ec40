/* common/daemon/admin.c: the ADMIN program served on <name>-admin-sock:
 * open/close, library version, the server list ("admin" and the daemon)
 * and the client listing/closing procedures. Thread pool, limits and
 * logging settings are not served yet (NO_SUPPORT). */
#include "config.h"

#define ERR_DOMAIN VIR_FROM_ADMIN

#include "common/daemon/server.h"
#include "common/util/err.h"

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

    if (args->flags != 0) {
        err_report(VIR_ERR_INVALID_ARG, "unsupported flags (0x%x) in function %s",
                   args->flags, "virAdmConnectOpen");
        return -1;
    }
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
    RpcServer *srv = admin_find_server(admin_ctx(call), args->name);

    if (!srv)
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
    RpcServer *srv = admin_find_server(admin_ctx(call), args->srv.name);
    g_autoptr(GPtrArray) peers = NULL;

    if (!srv)
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
    RpcServer *srv = admin_find_server(admin_ctx(call), args->srv.name);
    RpcPeer *peer;

    if (!srv || !(peer = admin_find_peer(srv, args->id)))
        return -1;
    admin_fill_client(&ret->clnt, srv, peer);
    rpc_peer_unref(peer);
    return 0;
}

static int
admin_client_close(RpcCall *call, admin_client_close_args *args)
{
    RpcServer *srv = admin_find_server(admin_ctx(call), args->clnt.srv.name);
    RpcPeer *peer;

    if (!srv || !(peer = admin_find_peer(srv, args->clnt.id)))
        return -1;
    rpc_peer_close(peer);
    rpc_peer_unref(peer);
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
}
