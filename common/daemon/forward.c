/* common/daemon/forward.c: relaying calls owned by another driver class to
 * the owning daemon (see forward.h for the design). Frames travel as they
 * are, only the serial is swapped; the blocking parts (connect, handshake,
 * waiting for the reply) run on a small pool, never on the I/O thread. */
#include "config.h"

#define ERR_DOMAIN VIR_FROM_REMOTE

#include <unistd.h>

#include "common/daemon/forward.h"
#include "common/daemon/server.h"
#include "common/rpc/client.h"
#include "common/util/err.h"
#include "common/util/log.h"
#include "protocol/remote_protocol.h"

#define FWD_POOL_THREADS 8

/* Daemon and URI scheme owning each class; NULL: not forwardable. */
static const struct {
    const char *daemon;
    const char *scheme;
} fwd_owners[PROC_DRV_LAST] = {
    [PROC_DRV_NETWORK] = { "virtnetworkd", "network" },
    [PROC_DRV_STORAGE] = { "virtstoraged", "storage" },
    [PROC_DRV_NODEDEV] = { "virtnodedevd", "nodedev" },
    [PROC_DRV_SECRET] = { "virtsecretd", "secret" },
    [PROC_DRV_INTERFACE] = { "virtinterfaced", "interface" },
    [PROC_DRV_NWFILTER] = { "virtnwfilterd", "nwfilter" },
};

/* Where relayed events go; shared by the upstream clients of one client. */
typedef struct {
    gint refs;
    RpcPeer *peer;
} FwdSink;

/* Upstream connections of one client; referenced by the client and by
 * each relayed call in progress. */
struct DaemonForward {
    gint refs;
    GMutex lock;
    RpcClient *up[PROC_DRV_LAST];
};

typedef struct {
    DaemonCtx *ctx;
    RpcPeer *peer;
    ProcDriverClass cls;
    RpcMessage *msg;
} FwdJob;

static void
fwd_sink_unref(gpointer data)
{
    FwdSink *s = data;

    if (g_atomic_int_dec_and_test(&s->refs)) {
        rpc_peer_unref(s->peer);
        g_free(s);
    }
}

static void
fwd_relay_event(RpcClient *up, const RpcMessage *msg, void *opaque)
{
    FwdSink *s = opaque;

    rpc_peer_send_message(s->peer, rpc_message_copy(msg));
}

static int
fwd_set_identity(RpcClient *up, DaemonClient *c)
{
    remote_typed_param params[3] = { 0 };
    remote_connect_set_identity_args args = { 0 };
    uid_t uid;
    gid_t gid;
    pid_t pid;

    daemon_client_identity(c, &uid, &gid, &pid);
    params[0].field = (char *) "unix-user-id";
    params[0].value.type = 4;     /* VIR_TYPED_PARAM_ULLONG */
    params[0].value.remote_typed_param_value_u.ul = uid;
    params[1].field = (char *) "unix-group-id";
    params[1].value.type = 4;
    params[1].value.remote_typed_param_value_u.ul = gid;
    params[2].field = (char *) "process-id";
    params[2].value.type = 3;     /* VIR_TYPED_PARAM_LLONG */
    params[2].value.remote_typed_param_value_u.l = pid;
    args.params.params_len = 3;
    args.params.params_val = params;
    return rpc_client_call(up, &remote_program, REMOTE_PROC_CONNECT_SET_IDENTITY, &args, NULL);
}

/* Connect and open the owning daemon for @c (fwd lock held). */
static RpcClient *
fwd_open_upstream(DaemonCtx *ctx, DaemonClient *c, ProcDriverClass cls)
{
    g_autofree char *rw = NULL;
    g_autofree char *ro = NULL;
    g_autofree char *admin = NULL;
    g_autofree char *uri = g_strdup_printf("%s:///%s", fwd_owners[cls].scheme,
                                           ctx->privileged ? "system" : "session");
    char *name = uri;
    remote_connect_open_args oa = { .name = &name };
    remote_auth_list_ret al = { 0 };
    bool ro_client = daemon_client_readonly(c);
    RpcClient *up;

    daemon_socket_paths(fwd_owners[cls].daemon, ctx->privileged, NULL, &rw, &ro, &admin);
    up = rpc_client_open_unix(ro_client && ro ? ro : rw, 1000);
    if (!up)
        return NULL;
    oa.flags = ro_client ? 1 : 0;   /* VIR_CONNECT_RO */
    if (rpc_client_call(up, &remote_program, REMOTE_PROC_AUTH_LIST, NULL, &al) < 0 ||
        rpc_client_call(up, &remote_program, REMOTE_PROC_CONNECT_OPEN, &oa, NULL) < 0 ||
        (ctx->privileged && fwd_set_identity(up, c) < 0)) {
        xdr_free((xdrproc_t) xdr_remote_auth_list_ret, &al);
        rpc_client_unref(up);
        return NULL;
    }
    xdr_free((xdrproc_t) xdr_remote_auth_list_ret, &al);
    {
        FwdSink *s = g_new0(FwdSink, 1);

        s->refs = 1;
        s->peer = rpc_peer_ref(c->peer);
        rpc_client_set_raw_event_callback(up, fwd_relay_event, s, fwd_sink_unref);
    }
    log_debug("forwarding %s calls of client %" G_GUINT64_FORMAT " to %s",
              fwd_owners[cls].scheme, rpc_peer_id(c->peer), fwd_owners[cls].daemon);
    return up;
}

static void
fwd_unref(struct DaemonForward *f)
{
    if (!g_atomic_int_dec_and_test(&f->refs))
        return;
    for (int i = 0; i < PROC_DRV_LAST; i++) {
        if (f->up[i]) {
            rpc_client_close(f->up[i]);
            rpc_client_unref(f->up[i]);
        }
    }
    g_mutex_clear(&f->lock);
    g_free(f);
}

/* The upstream client for @cls, opened on first use; a new reference. */
static RpcClient *
fwd_upstream(DaemonCtx *ctx, DaemonClient *c, ProcDriverClass cls)
{
    struct DaemonForward *f;
    RpcClient *up;

    g_mutex_lock(&c->lock);
    if (!c->fwd && !rpc_peer_is_closed(c->peer)) {
        c->fwd = g_new0(struct DaemonForward, 1);
        c->fwd->refs = 1;
        g_mutex_init(&c->fwd->lock);
    }
    f = c->fwd;
    if (f)
        g_atomic_int_inc(&f->refs);
    g_mutex_unlock(&c->lock);
    if (!f) {
        err_report(VIR_ERR_RPC, "%s", "client connection is closing");
        return NULL;
    }

    g_mutex_lock(&f->lock);
    if (f->up[cls] && !rpc_client_is_open(f->up[cls]))
        g_clear_pointer(&f->up[cls], rpc_client_unref);
    if (!f->up[cls])
        f->up[cls] = fwd_open_upstream(ctx, c, cls);
    up = f->up[cls] ? rpc_client_ref(f->up[cls]) : NULL;
    g_mutex_unlock(&f->lock);
    fwd_unref(f);
    return up;
}

static void
fwd_job_run(gpointer data, gpointer user)
{
    FwdJob *job = data;
    DaemonClient *c = rpc_peer_get_data(job->peer);
    RpcHeader hdr = job->msg->hdr;
    RpcMessage *reply = NULL;
    RpcClient *up;

    err_reset_last();
    up = fwd_upstream(job->ctx, c, job->cls);
    if (!up) {
        rpc_message_free(job->msg);
    } else if (rpc_client_call_message(up, job->msg, &reply) == 0) {
        rpc_message_set_serial(reply, hdr.serial);
        rpc_peer_send_message(job->peer, reply);
    }
    if (!reply)
        rpc_peer_send_error(job->peer, &hdr, err_get_last());
    if (up)
        rpc_client_unref(up);
    rpc_peer_unref(job->peer);
    g_free(job);
}

/**
 * daemon_forward_call() - relay @msg to the daemon owning @proc
 *
 * Runs on the I/O thread and only queues the work.
 * Return: 1 when the frame was taken over (it owns @msg then), 0 when the
 *         class has no owning daemon (the caller answers NO_SUPPORT).
 */
int
daemon_forward_call(DaemonCtx *ctx, RpcPeer *peer, const ProcInfo *proc, RpcMessage *msg)
{
    FwdJob *job;

    if ((unsigned int) proc->driver >= PROC_DRV_LAST || !fwd_owners[proc->driver].daemon)
        return 0;
    if (!ctx->fwd_pool)
        ctx->fwd_pool = g_thread_pool_new(fwd_job_run, NULL, FWD_POOL_THREADS, FALSE, NULL);
    job = g_new0(FwdJob, 1);
    job->ctx = ctx;
    job->peer = rpc_peer_ref(peer);
    job->cls = proc->driver;
    job->msg = msg;
    g_thread_pool_push(ctx->fwd_pool, job, NULL);
    return 1;
}

/**
 * daemon_forward_client_reset() - close every upstream connection of @c
 * (CONNECT_CLOSE, client gone)
 */
void
daemon_forward_client_reset(DaemonClient *c)
{
    struct DaemonForward *f;

    g_mutex_lock(&c->lock);
    f = g_steal_pointer(&c->fwd);
    g_mutex_unlock(&c->lock);
    if (f)
        fwd_unref(f);
}

/**
 * daemon_forward_stop() - wait for relayed calls in progress (shutdown)
 */
void
daemon_forward_stop(DaemonCtx *ctx)
{
    if (ctx->fwd_pool)
        g_thread_pool_free(g_steal_pointer(&ctx->fwd_pool), FALSE, TRUE);
}
