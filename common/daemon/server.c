/* common/daemon/server.c: builds the daemon's two RPC servers (the main
 * one named after the daemon, and "admin") from the config and the
 * listening sockets, and tracks per-client state. */
#include "config.h"

#define ERR_DOMAIN VIR_FROM_RPC

#include <unistd.h>

#include "common/daemon/server.h"
#include "common/util/log.h"

static void
daemon_client_free(gpointer data)
{
    DaemonClient *c = data;

    daemon_forward_client_reset(c);
    if (c->data_free)
        c->data_free(c->data);
    g_free(c->uri);
    g_mutex_clear(&c->lock);
    g_free(c);
}

static int
daemon_peer_new(RpcServer *srv, RpcPeer *peer, void *opaque)
{
    DaemonCtx *ctx = opaque;
    DaemonClient *c;
    uid_t uid;
    gid_t gid;
    pid_t pid;

    rpc_peer_creds(peer, &uid, &gid, &pid);
    if (!ctx->privileged && uid != geteuid()) {
        log_warn("rejecting client uid %u: session daemon of uid %u", (unsigned) uid,
                 (unsigned) geteuid());
        return -1;
    }
    if (ctx->privileged && srv == ctx->admin_srv && uid != 0) {
        log_warn("rejecting admin client uid %u: root only", (unsigned) uid);
        return -1;
    }
    c = g_new0(DaemonClient, 1);
    c->ctx = ctx;
    c->peer = peer;
    c->uid = uid;
    c->gid = gid;
    c->pid = pid;
    g_mutex_init(&c->lock);
    rpc_peer_set_data(peer, c, daemon_client_free);
    return 0;
}

static void
daemon_peer_closed(RpcServer *srv, RpcPeer *peer, void *opaque)
{
    DaemonCtx *ctx = opaque;
    DaemonClient *c = rpc_peer_get_data(peer);

    event_registry_drop_owner(ctx->events, peer);
    if (c)
        daemon_forward_client_reset(c);
    if (c && srv == ctx->srv && ctx->drv->client_closed)
        ctx->drv->client_closed(ctx, c);
}

static bool
daemon_is_inline(void *opaque, int prog, int proc)
{
    DaemonCtx *ctx = opaque;
    const ProcInfo *p = proc_lookup(program_find((unsigned int) prog, 1), proc);

    if (p && p->driver == PROC_DRV_NONE)
        return true;        /* connection plumbing never blocks */
    return ctx->drv->is_inline && ctx->drv->is_inline(prog, proc);
}

static bool
admin_is_inline(void *opaque, int prog, int proc)
{
    return true;
}

static const RpcServerHooks daemon_main_hooks = {
    .peer_new = daemon_peer_new,
    .peer_closed = daemon_peer_closed,
    .pre_dispatch = daemon_pre_dispatch,
};

static const RpcServerHooks daemon_admin_hooks = {
    .peer_new = daemon_peer_new,
    .peer_closed = daemon_peer_closed,
};

/**
 * daemon_servers_start() - create the servers and start accepting on the
 * sockets of @socks (their fds move to the servers; paths stay in @socks)
 */
int
daemon_servers_start(DaemonCtx *ctx, DaemonSocketSet *socks)
{
    const DaemonConfig *cfg = ctx->cfg;
    RpcServerLimits main_limits = {
        .max_clients = cfg->max_clients,
        .max_unauth_clients = cfg->max_anonymous_clients,
        .max_client_requests = cfg->max_client_requests,
        .min_workers = cfg->min_workers,
        .max_workers = cfg->max_workers,
        .prio_workers = cfg->prio_workers,
        .keepalive_interval = cfg->keepalive_interval,
        .keepalive_count = cfg->keepalive_count,
    };
    RpcServerLimits admin_limits = {
        .max_clients = cfg->admin_max_clients,
        .max_client_requests = cfg->admin_max_client_requests,
        .min_workers = cfg->admin_min_workers,
        .max_workers = cfg->admin_max_workers,
        .keepalive_interval = cfg->admin_keepalive_interval,
        .keepalive_count = cfg->admin_keepalive_count,
    };

    daemon_dispatch_setup(ctx);
    daemon_admin_setup(ctx);
    ctx->srv = rpc_server_new(ctx->drv->name, ctx->main_ctx, &main_limits,
                              &daemon_main_hooks, ctx);
    rpc_server_add_program(ctx->srv, &remote_program, &ctx->remote_handlers,
                           daemon_is_inline);
    if (ctx->drv->qemu_handlers || ctx->drv->klass == PROC_DRV_HYPERVISOR)
        rpc_server_add_program(ctx->srv, &qemu_program, &ctx->qemu_handlers,
                               daemon_is_inline);
    if (ctx->drv->lxc_handlers || ctx->drv->klass == PROC_DRV_HYPERVISOR)
        rpc_server_add_program(ctx->srv, &lxc_program, &ctx->lxc_handlers,
                               daemon_is_inline);
    ctx->admin_srv = rpc_server_new("admin", ctx->main_ctx, &admin_limits,
                                    &daemon_admin_hooks, ctx);
    rpc_server_add_program(ctx->admin_srv, &admin_program, &ctx->admin_handlers,
                           admin_is_inline);

    if (socks->rw_fd >= 0) {
        rpc_server_add_listener(ctx->srv, socks->rw_fd, false, cfg->auth_unix_rw);
        socks->rw_fd = -1;
    }
    if (socks->ro_fd >= 0) {
        rpc_server_add_listener(ctx->srv, socks->ro_fd, true, cfg->auth_unix_ro);
        socks->ro_fd = -1;
    }
    if (socks->admin_fd >= 0) {
        rpc_server_add_listener(ctx->admin_srv, socks->admin_fd, false, 0);
        socks->admin_fd = -1;
    }
    return 0;
}

/**
 * daemon_servers_nclients() - clients connected to either server
 */
unsigned int
daemon_servers_nclients(DaemonCtx *ctx)
{
    return (ctx->srv ? rpc_server_nclients(ctx->srv) : 0) +
           (ctx->admin_srv ? rpc_server_nclients(ctx->admin_srv) : 0);
}

/**
 * daemon_servers_stop() - stop accepting, finish running calls, close
 * every client and free both servers
 */
void
daemon_servers_stop(DaemonCtx *ctx)
{
    daemon_forward_stop(ctx);
    if (ctx->srv)
        rpc_server_shutdown(ctx->srv);
    if (ctx->admin_srv)
        rpc_server_shutdown(ctx->admin_srv);
    g_clear_pointer(&ctx->srv, rpc_server_free);
    g_clear_pointer(&ctx->admin_srv, rpc_server_free);
}
