/* common/rpc/server.c: listeners, peers and call dispatch.
 *
 * Everything up to "which handler runs where" happens on the server's
 * GMainContext thread: accept, frame receipt, program/procedure lookup,
 * auth and read-only checks. The call then runs inline or on a worker and
 * its reply is written by whichever thread ran it. Knows nothing of
 * drivers: daemons plug in through RpcServerHooks and handler tables. */
#include "config.h"

#define ERR_DOMAIN VIR_FROM_RPC

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <glib-unix.h>

#include "common/rpc/conn.h"
#include "common/rpc/server.h"
#include "common/util/err.h"
#include "common/util/log.h"

typedef struct {
    const ProgramInfo *info;
    const void *handlers;
    RpcInlineFunc is_inline;
} RpcProgramEntry;

typedef struct {
    RpcServer *srv;
    int fd;
    bool readonly;
    int auth;
    GSource *source;
} RpcListener;

struct RpcServer {
    char *name;
    GMainContext *ctx;
    RpcServerLimits limits;
    const RpcServerHooks *hooks;
    void *opaque;
    GArray *programs;           /* RpcProgramEntry */
    GPtrArray *listeners;       /* RpcListener* */
    GMutex lock;
    GPtrArray *peers;           /* RpcPeer*, under @lock */
    uint64_t next_peer_id;
    GThreadPool *workers;
    GThreadPool *prio;
    gint busy_workers;
};

struct RpcPeer {
    gint refs;
    RpcServer *srv;
    RpcConn *conn;
    uint64_t id;
    bool readonly;
    int auth;
    gint authenticated;
    int64_t connect_time;
    GMutex lock;
    unsigned int nrequests;
    bool paused;
    void *data;
    GDestroyNotify data_free;
    RpcStreamTable *streams;
};

struct RpcCall {
    RpcServer *srv;
    RpcPeer *peer;
    RpcMessage *msg;
    const RpcProgramEntry *prog;
    const ProcInfo *proc;
    void *args;
    int *reply_fds;
    size_t reply_nfds;
    RpcStream *stream;          /* opened by the handler */
};

/* ---- peers ---- */

/**
 * rpc_peer_ref() - take a reference
 */
RpcPeer *
rpc_peer_ref(RpcPeer *peer)
{
    g_atomic_int_inc(&peer->refs);
    return peer;
}

/**
 * rpc_peer_unref() - drop a reference (frees driver data with the last)
 */
void
rpc_peer_unref(RpcPeer *peer)
{
    if (!peer || !g_atomic_int_dec_and_test(&peer->refs))
        return;
    if (peer->data_free)
        peer->data_free(peer->data);
    rpc_stream_table_free(peer->streams);
    rpc_conn_unref(peer->conn);
    g_mutex_clear(&peer->lock);
    g_free(peer);
}

/** rpc_peer_id() - server-unique id (admin client listing) */
uint64_t
rpc_peer_id(RpcPeer *peer)
{
    return peer->id;
}

/** rpc_peer_readonly() - accepted on a read-only listener */
bool
rpc_peer_readonly(RpcPeer *peer)
{
    return peer->readonly;
}

/** rpc_peer_auth() - auth scheme configured on the listener (remote_auth_type) */
int
rpc_peer_auth(RpcPeer *peer)
{
    return peer->auth;
}

/** rpc_peer_authenticated() - whether non-AUTH procedures are allowed */
bool
rpc_peer_authenticated(RpcPeer *peer)
{
    return g_atomic_int_get(&peer->authenticated) != 0;
}

/** rpc_peer_set_authenticated() - mark the peer (un)authenticated */
void
rpc_peer_set_authenticated(RpcPeer *peer, bool auth)
{
    g_atomic_int_set(&peer->authenticated, auth ? 1 : 0);
}

/** rpc_peer_creds() - SO_PEERCRED identity of the peer */
void
rpc_peer_creds(RpcPeer *peer, uid_t *ret_uid, gid_t *ret_gid, pid_t *ret_pid)
{
    rpc_conn_peer_creds(peer->conn, ret_uid, ret_gid, ret_pid);
}

/** rpc_peer_connect_time() - wall-clock seconds when accepted */
int64_t
rpc_peer_connect_time(RpcPeer *peer)
{
    return peer->connect_time;
}

/** rpc_peer_get_data() - driver-private data set by rpc_peer_set_data() */
void *
rpc_peer_get_data(RpcPeer *peer)
{
    return peer->data;
}

/**
 * rpc_peer_set_data() - attach driver-private data, freed with @free_fn
 * when the last reference to the peer goes
 */
void
rpc_peer_set_data(RpcPeer *peer, void *data, GDestroyNotify free_fn)
{
    peer->data = data;
    peer->data_free = free_fn;
}

/** rpc_peer_server() - the server that accepted @peer */
RpcServer *
rpc_peer_server(RpcPeer *peer)
{
    return peer->srv;
}

/** rpc_peer_start_keepalive() - start pinging with the server's settings */
void
rpc_peer_start_keepalive(RpcPeer *peer)
{
    rpc_conn_start_keepalive(peer->conn, peer->srv->limits.keepalive_interval,
                             peer->srv->limits.keepalive_count);
}

/** rpc_peer_close() - close the connection (any thread) */
void
rpc_peer_close(RpcPeer *peer)
{
    rpc_conn_close(peer->conn);
}

/** rpc_peer_is_closed() - whether the connection is gone */
bool
rpc_peer_is_closed(RpcPeer *peer)
{
    return rpc_conn_is_closed(peer->conn);
}

/**
 * rpc_peer_send_message() - queue a prepared frame (ownership moves)
 * Return: 0, or -1 (not reported) when the peer is closed.
 */
int
rpc_peer_send_message(RpcPeer *peer, RpcMessage *msg)
{
    return rpc_conn_send(peer->conn, msg);
}

/**
 * rpc_peer_send_event() - send an event MESSAGE (serial 1, status OK, as
 * the stock daemon does)
 * @prog: program number (REMOTE, QEMU, ...)
 * @proc: event procedure
 * @msg_proc, @msg: XDR encoder and the *_msg struct
 */
int
rpc_peer_send_event(RpcPeer *peer, uint32_t prog, int proc, xdrproc_t msg_proc,
                    const void *msg)
{
    RpcHeader h = {
        .prog = prog, .vers = 1, .proc = proc,
        .type = RPC_MESSAGE, .serial = 1, .status = RPC_STATUS_OK,
    };
    RpcMessage *m = rpc_message_new();

    if (rpc_message_encode(m, &h, msg_proc, msg) < 0) {
        rpc_message_free(m);
        return -1;
    }
    return rpc_conn_send(peer->conn, m);
}

/**
 * rpc_peer_send_error() - answer @call_hdr with an ERROR reply carrying @err
 */
int
rpc_peer_send_error(RpcPeer *peer, const RpcHeader *call_hdr, const virError *err)
{
    RpcMessage *m = rpc_message_new();

    if (rpc_message_encode_error(m, call_hdr, err) < 0) {
        rpc_message_free(m);
        return -1;
    }
    return rpc_conn_send(peer->conn, m);
}

static void
peer_send_last_error(RpcPeer *peer, const RpcHeader *hdr)
{
    rpc_peer_send_error(peer, hdr, err_get_last());
    err_reset_last();
}

/**
 * rpc_peer_request_done() - account for one finished call; resumes reading
 * when the peer was throttled by max_client_requests (any thread)
 */
void
rpc_peer_request_done(RpcPeer *peer)
{
    /* the connection is told under peer->lock so that pause and resume
     * reach it in the order they were decided */
    g_mutex_lock(&peer->lock);
    if (peer->nrequests > 0)
        peer->nrequests--;
    if (peer->paused && peer->nrequests < peer->srv->limits.max_client_requests) {
        peer->paused = false;
        rpc_conn_pause_rx(peer->conn, false);
    }
    g_mutex_unlock(&peer->lock);
}

static void
peer_request_begin(RpcPeer *peer)
{
    g_mutex_lock(&peer->lock);
    peer->nrequests++;
    if (peer->nrequests >= peer->srv->limits.max_client_requests && !peer->paused) {
        peer->paused = true;
        rpc_conn_pause_rx(peer->conn, true);
    }
    g_mutex_unlock(&peer->lock);
}

/* ---- calls ---- */

/** rpc_call_peer() - the peer that sent the call */
RpcPeer *
rpc_call_peer(RpcCall *call)
{
    return call->peer;
}

/** rpc_call_client_data() - driver data of the calling peer */
void *
rpc_call_client_data(RpcCall *call)
{
    return call->peer->data;
}

/** rpc_call_header() - header of the CALL frame */
const RpcHeader *
rpc_call_header(RpcCall *call)
{
    return &call->msg->hdr;
}

/** rpc_call_proc() - metadata of the procedure being run */
const ProcInfo *
rpc_call_proc(RpcCall *call)
{
    return call->proc;
}

/**
 * rpc_call_take_fds() - take ownership of the fds that came with the call
 */
int *
rpc_call_take_fds(RpcCall *call, size_t *ret_nfds)
{
    int *fds = g_steal_pointer(&call->msg->fds);

    *ret_nfds = call->msg->nfds;
    call->msg->nfds = 0;
    return fds;
}

/**
 * rpc_call_set_reply_fds() - fds to send with the reply (ownership moves);
 * the reply then goes out as REPLY_WITH_FDS
 */
void
rpc_call_set_reply_fds(RpcCall *call, int *fds, size_t nfds)
{
    for (size_t i = 0; i < call->reply_nfds; i++)
        close(call->reply_fds[i]);
    g_free(call->reply_fds);
    call->reply_fds = fds;
    call->reply_nfds = nfds;
}

/**
 * rpc_call_open_stream() - attach a data stream to @call (from its handler)
 * @flags: RPC_STREAM_SPARSE when the call enabled holes
 * @ops: callbacks for data coming from the client (I/O thread)
 *
 * The stream is registered before the reply goes out, so data the client
 * sends right after the reply is never lost. If the handler then fails,
 * the stream is dropped again.
 * Return: the stream; the caller owns one reference.
 */
RpcStream *
rpc_call_open_stream(RpcCall *call, unsigned int flags, const RpcStreamOps *ops,
                     void *opaque)
{
    RpcStream *st = rpc_stream_table_open(call->peer->streams, call->peer->conn,
                                          &call->msg->hdr, flags, ops, opaque);

    call->stream = st;
    return st;
}

/**
 * rpc_proc_api_name() - public API name for messages ("virSecretDefineXML")
 *
 * Built from the procedure name: words are capitalised, a few acronyms kept
 * upper-case as libvirt spells them. Return: newly allocated string.
 */
char *
rpc_proc_api_name(const ProgramInfo *prog, const ProcInfo *proc)
{
    static const char *const upper[] = {
        "XML", "UUID", "ID", "CPU", "OS", "URI", "MAC", "SEV", "FD", "FDS",
        "IO", "NUMA", "QEMU", "LXC", "SGX", "TPM", NULL,
    };
    g_auto(GStrv) words = g_strsplit(proc->name, "_", -1);
    GString *s = g_string_new("vir");

    if (prog->prog == RPC_PROG_QEMU || prog->prog == RPC_PROG_LXC)
        g_string_append(s, prog->prog == RPC_PROG_QEMU ? "Qemu" : "Lxc");
    for (size_t i = 0; words[i]; i++) {
        bool keep = false;

        for (size_t j = 0; upper[j]; j++)
            keep |= g_str_equal(words[i], upper[j]);
        if (keep) {
            g_string_append(s, words[i]);
        } else if (words[i][0]) {
            g_autofree char *low = g_ascii_strdown(words[i] + 1, -1);

            g_string_append_c(s, words[i][0]);
            g_string_append(s, low);
        }
    }
    return g_string_free(s, FALSE);
}

static void
call_free(RpcCall *call)
{
    if (call->args) {
        xdr_free(call->proc->args_proc, call->args);
        g_free(call->args);
    }
    rpc_call_set_reply_fds(call, NULL, 0);
    rpc_message_free(call->msg);
    rpc_peer_unref(call->peer);
    g_free(call);
}

/* Run the handler and send the reply; on any thread. */
static void
call_run(RpcCall *call)
{
    const ProcInfo *p = call->proc;
    g_autofree void *ret = p->ret_size ? g_malloc0(p->ret_size) : NULL;
    RpcHeader h = call->msg->hdr;
    RpcMessage *reply;
    int rc;

    err_reset_last();
    if (p->dispatch)
        rc = p->dispatch(call->prog->handlers, call, call->args, ret);
    else
        rc = PROC_DISPATCH_NO_HANDLER;
    if (rc == PROC_DISPATCH_NO_HANDLER) {
        g_autofree char *api = rpc_proc_api_name(call->prog->info, p);

        err_report_full(VIR_FROM_NONE, VIR_ERR_NO_SUPPORT, __FILE__, __func__, __LINE__,
                        "%s", api);
    }
    if (rc < 0) {
        if (call->stream)
            rpc_stream_table_drop(call->peer->streams, call->stream);
        peer_send_last_error(call->peer, &h);
        goto done;
    }
    h.type = call->reply_nfds ? RPC_REPLY_WITH_FDS : RPC_REPLY;
    h.status = RPC_STATUS_OK;
    reply = rpc_message_new();
    if (call->reply_nfds) {
        rpc_message_set_fds(reply, g_steal_pointer(&call->reply_fds), call->reply_nfds);
        call->reply_nfds = 0;
    }
    if (rpc_message_encode(reply, &h, p->ret_size ? p->ret_proc : NULL, ret) < 0) {
        rpc_message_free(reply);
        if (call->stream)
            rpc_stream_table_drop(call->peer->streams, call->stream);
        peer_send_last_error(call->peer, &call->msg->hdr);
    } else {
        rpc_conn_send(call->peer->conn, reply);
        if (call->stream)
            rpc_stream_set_ready(call->stream);
    }
    if (ret)
        xdr_free(p->ret_proc, ret);
 done:
    rpc_peer_request_done(call->peer);
    call_free(call);
}

static void
worker_run(gpointer data, gpointer user)
{
    RpcCall *call = data;
    RpcServer *srv = user;

    g_atomic_int_inc(&srv->busy_workers);
    call_run(call);
    g_atomic_int_add(&srv->busy_workers, -1);
}

static const RpcProgramEntry *
server_find_program(RpcServer *srv, uint32_t prog, uint32_t vers)
{
    for (guint i = 0; i < srv->programs->len; i++) {
        const RpcProgramEntry *e = &g_array_index(srv->programs, RpcProgramEntry, i);

        if (e->info->prog == prog && e->info->vers == vers)
            return e;
    }
    return NULL;
}

static void
server_reply_error(RpcPeer *peer, const RpcHeader *hdr, int code, const char *fmt, ...)
    G_GNUC_PRINTF(4, 5);

static void
server_reply_error(RpcPeer *peer, const RpcHeader *hdr, int code, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    err_report_va(VIR_FROM_RPC, code, __FILE__, __func__, __LINE__, fmt, ap);
    va_end(ap);
    peer_send_last_error(peer, hdr);
}

/* Route one CALL frame (I/O thread). */
static void
server_handle_call(RpcServer *srv, RpcPeer *peer, RpcMessage *msg)
{
    const RpcHeader *hdr = &msg->hdr;
    const RpcProgramEntry *prog = server_find_program(srv, hdr->prog, hdr->vers);
    const ProcInfo *p;
    RpcCall *call;
    int r;

    if (!prog) {
        server_reply_error(peer, hdr, VIR_ERR_RPC, "Cannot find program %d version %d",
                           (int) hdr->prog, (int) hdr->vers);
        goto drop;
    }
    p = proc_lookup(prog->info, hdr->proc);
    if (!p || (p->flags & PROC_F_EVENT) || !p->dispatch) {
        server_reply_error(peer, hdr, VIR_ERR_RPC, "unknown procedure: %d", hdr->proc);
        goto drop;
    }
    if (!rpc_peer_authenticated(peer) && !(p->flags & PROC_F_NOAUTH)) {
        server_reply_error(peer, hdr, VIR_ERR_RPC, "%s", "authentication required");
        goto drop;
    }
    if (peer->readonly && !(p->flags & PROC_F_READONLY))
        goto denied;
    if (srv->hooks && srv->hooks->pre_dispatch) {
        err_reset_last();
        r = srv->hooks->pre_dispatch(srv, peer, prog->info, p, msg, srv->opaque);
        if (r > 0)
            return;
        if (r < 0) {
            peer_send_last_error(peer, hdr);
            goto drop;
        }
    }

    call = g_new0(RpcCall, 1);
    call->srv = srv;
    call->peer = rpc_peer_ref(peer);
    call->msg = msg;
    call->prog = prog;
    call->proc = p;
    if (p->args_size) {
        call->args = g_malloc0(p->args_size);
        if (rpc_message_decode(msg, p->args_proc, call->args) < 0) {
            g_clear_pointer(&call->args, g_free);
            peer_send_last_error(peer, hdr);
            call->msg = NULL;
            call_free(call);
            goto drop;
        }
    }
    if (peer->readonly && !proc_allowed_readonly(p, call->args)) {
        call->msg = NULL;
        call_free(call);
        goto denied;
    }

    if (log_enabled(LOG_LEVEL_DEBUG, __FILE__)) {
        g_autofree char *api = rpc_proc_api_name(prog->info, p);

        log_debug("server %s: client %" G_GUINT64_FORMAT " calls %s (serial %u)", srv->name,
                  peer->id, api, hdr->serial);
    }
    peer_request_begin(peer);
    if (srv->limits.max_workers == 0 || (prog->is_inline && prog->is_inline(srv->opaque, (int) hdr->prog, hdr->proc))) {
        call_run(call);
    } else if ((p->flags & PROC_F_PRIORITY) && srv->prio && srv->limits.prio_workers > 0 &&
               (unsigned int) g_atomic_int_get(&srv->busy_workers) >= srv->limits.max_workers) {
        g_thread_pool_push(srv->prio, call, NULL);
    } else {
        g_thread_pool_push(srv->workers, call, NULL);
    }
    return;

 denied: {
        g_autofree char *api = rpc_proc_api_name(prog->info, p);

        server_reply_error(peer, hdr, VIR_ERR_OPERATION_DENIED,
                           "read only access prevents %s", api);
    }
 drop:
    rpc_message_free(msg);
}

static void
peer_on_message(RpcConn *conn, RpcMessage *msg, void *opaque)
{
    RpcPeer *peer = opaque;

    switch (msg->hdr.type) {
    case RPC_CALL:
    case RPC_CALL_WITH_FDS:
        if (msg->hdr.status != RPC_STATUS_OK) {
            log_debug("CALL with status %d ignored", msg->hdr.status);
            break;
        }
        server_handle_call(peer->srv, peer, g_steal_pointer(&msg));
        break;
    case RPC_STREAM:
    case RPC_STREAM_HOLE:
        if (!rpc_stream_table_dispatch(peer->streams, msg))
            log_debug("stream packet for unknown serial %u dropped", msg->hdr.serial);
        break;
    default:
        log_debug("unexpected message type %d from client dropped", msg->hdr.type);
        break;
    }
    rpc_message_free(msg);
}

static void
peer_on_closed(RpcConn *conn, void *opaque)
{
    RpcPeer *peer = opaque;
    RpcServer *srv = peer->srv;

    g_mutex_lock(&srv->lock);
    g_ptr_array_remove(srv->peers, peer);
    g_mutex_unlock(&srv->lock);
    rpc_stream_table_abort_all(peer->streams);
    if (srv->hooks && srv->hooks->peer_closed)
        srv->hooks->peer_closed(srv, peer, srv->opaque);
    log_debug("client %" G_GUINT64_FORMAT " of server %s closed", peer->id, srv->name);
    rpc_peer_unref(peer);
}

static const RpcConnOps peer_conn_ops = {
    .message = peer_on_message,
    .closed = peer_on_closed,
};

/* ---- listeners ---- */

static void
server_accept_one(RpcListener *l, int fd)
{
    RpcServer *srv = l->srv;
    RpcPeer *peer;

    if (srv->limits.max_clients && rpc_server_nclients(srv) >= srv->limits.max_clients) {
        log_warn("server %s: too many clients (%u), dropping new connection",
                 srv->name, srv->limits.max_clients);
        close(fd);
        return;
    }
    if (l->auth != 0 && srv->limits.max_unauth_clients &&
        rpc_server_nclients_unauth(srv) >= srv->limits.max_unauth_clients) {
        log_warn("server %s: too many clients still authenticating (%u), dropping new "
                 "connection", srv->name, srv->limits.max_unauth_clients);
        close(fd);
        return;
    }
    peer = g_new0(RpcPeer, 1);
    peer->refs = 1;     /* held by the server's list until closed */
    peer->srv = srv;
    peer->readonly = l->readonly;
    peer->auth = l->auth;
    peer->connect_time = g_get_real_time() / G_USEC_PER_SEC;
    peer->streams = rpc_stream_table_new();
    g_mutex_init(&peer->lock);
    g_mutex_lock(&srv->lock);
    peer->id = srv->next_peer_id++;
    g_mutex_unlock(&srv->lock);
    /* auth none: authenticated from the start (handshake.md §9) */
    peer->authenticated = l->auth == 0;
    peer->conn = rpc_conn_new(fd, srv->ctx, &peer_conn_ops, peer);
    if (!peer->authenticated && l->auth == 2) {
        uid_t uid;

        rpc_conn_peer_creds(peer->conn, &uid, NULL, NULL);
        peer->authenticated = uid == 0;
    }
    if (srv->hooks && srv->hooks->peer_new &&
        srv->hooks->peer_new(srv, peer, srv->opaque) < 0) {
        rpc_conn_close(peer->conn);
        return;     /* closed callback drops the list reference */
    }
    g_mutex_lock(&srv->lock);
    g_ptr_array_add(srv->peers, peer);
    g_mutex_unlock(&srv->lock);
    log_debug("server %s: new client %" G_GUINT64_FORMAT "%s", srv->name, peer->id,
              l->readonly ? " (read-only)" : "");
}

static gboolean
listener_ready(gint fd, GIOCondition cond, gpointer data)
{
    RpcListener *l = data;

    for (int i = 0; i < 16; i++) {
        int cfd = accept4(fd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);

        if (cfd < 0) {
            if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
                log_warn("accept on server %s failed: %s", l->srv->name, g_strerror(errno));
            break;
        }
        server_accept_one(l, cfd);
    }
    return G_SOURCE_CONTINUE;
}

/**
 * rpc_server_add_listener() - accept connections on @fd
 * @fd: listening socket (ownership moves to the server)
 * @readonly: peers from here may only call PROC_F_READONLY procedures
 * @auth: remote_auth_type of the socket (0 none: peers start authenticated;
 *        2 polkit: root peers start authenticated)
 */
int
rpc_server_add_listener(RpcServer *srv, int fd, bool readonly, int auth)
{
    RpcListener *l = g_new0(RpcListener, 1);

    l->srv = srv;
    l->fd = fd;
    l->readonly = readonly;
    l->auth = auth;
    l->source = g_unix_fd_source_new(fd, G_IO_IN);
    g_source_set_callback(l->source, (GSourceFunc) (void (*)(void)) listener_ready, l, NULL);
    g_source_attach(l->source, srv->ctx);
    g_ptr_array_add(srv->listeners, l);
    return 0;
}

static void
listener_free(gpointer data)
{
    RpcListener *l = data;

    if (l->source) {
        g_source_destroy(l->source);
        g_source_unref(l->source);
    }
    if (l->fd >= 0)
        close(l->fd);
    g_free(l);
}

/**
 * rpc_server_new() - a server dispatching on @ctx
 * @name: server name (admin listing: "virtsecretd", "admin")
 * @limits: copied; max_client_requests 0 is treated as 1
 * @hooks: optional (static storage)
 */
RpcServer *
rpc_server_new(const char *name, GMainContext *ctx, const RpcServerLimits *limits,
               const RpcServerHooks *hooks, void *opaque)
{
    RpcServer *srv = g_new0(RpcServer, 1);

    srv->name = g_strdup(name);
    srv->ctx = g_main_context_ref(ctx);
    srv->limits = *limits;
    if (srv->limits.max_client_requests == 0)
        srv->limits.max_client_requests = 1;
    srv->hooks = hooks;
    srv->opaque = opaque;
    srv->programs = g_array_new(FALSE, TRUE, sizeof(RpcProgramEntry));
    srv->listeners = g_ptr_array_new_with_free_func(listener_free);
    srv->peers = g_ptr_array_new();
    g_mutex_init(&srv->lock);
    if (srv->limits.max_workers > 0) {
        srv->workers = g_thread_pool_new(worker_run, srv, (gint) srv->limits.max_workers,
                                         FALSE, NULL);
        if (srv->limits.prio_workers > 0)
            srv->prio = g_thread_pool_new(worker_run, srv, (gint) srv->limits.prio_workers,
                                          FALSE, NULL);
    }
    return srv;
}

/**
 * rpc_server_add_program() - serve @prog with @handlers (its *Handlers
 * struct); @is_inline may be NULL (everything goes to workers)
 */
void
rpc_server_add_program(RpcServer *srv, const ProgramInfo *prog, const void *handlers,
                       RpcInlineFunc is_inline)
{
    RpcProgramEntry e = { .info = prog, .handlers = handlers, .is_inline = is_inline };

    g_array_append_val(srv->programs, e);
}

/** rpc_server_name() - the name given at creation */
const char *
rpc_server_name(RpcServer *srv)
{
    return srv->name;
}

/** rpc_server_limits() - effective limits */
const RpcServerLimits *
rpc_server_limits(RpcServer *srv)
{
    return &srv->limits;
}

/**
 * rpc_server_threadpool() - see server.h
 */
void
rpc_server_threadpool(RpcServer *srv, RpcThreadpoolInfo *info)
{
    unsigned int busy = (unsigned int) g_atomic_int_get(&srv->busy_workers);

    memset(info, 0, sizeof(*info));
    info->min_workers = srv->limits.min_workers;
    info->max_workers = srv->limits.max_workers;
    info->prio_workers = srv->limits.prio_workers;
    if (srv->workers) {
        info->cur_workers = g_thread_pool_get_num_threads(srv->workers);
        info->job_queue_depth = g_thread_pool_unprocessed(srv->workers);
    }
    if (srv->prio)
        info->job_queue_depth += g_thread_pool_unprocessed(srv->prio);
    info->free_workers = info->cur_workers > busy ? info->cur_workers - busy : 0;
}

static void
pool_resize(RpcServer *srv, GThreadPool **pool, unsigned int n)
{
    if (n == 0)
        return;             /* an existing pool keeps serving what it has */
    if (!*pool)
        *pool = g_thread_pool_new(worker_run, srv, (gint) n, FALSE, NULL);
    else
        g_thread_pool_set_max_threads(*pool, (gint) n, NULL);
}

/**
 * rpc_server_set_threadpool() - see server.h
 */
void
rpc_server_set_threadpool(RpcServer *srv, long long min_workers, long long max_workers,
                          long long prio_workers)
{
    if (min_workers >= 0)
        srv->limits.min_workers = (unsigned int) min_workers;
    if (max_workers > 0) {
        srv->limits.max_workers = (unsigned int) max_workers;
        pool_resize(srv, &srv->workers, srv->limits.max_workers);
    }
    if (prio_workers >= 0) {
        srv->limits.prio_workers = (unsigned int) prio_workers;
        pool_resize(srv, &srv->prio, srv->limits.prio_workers);
    }
}

/**
 * rpc_server_set_client_limits() - see server.h
 */
void
rpc_server_set_client_limits(RpcServer *srv, unsigned int max_clients,
                             unsigned int max_unauth_clients)
{
    srv->limits.max_clients = max_clients;
    srv->limits.max_unauth_clients = max_unauth_clients;
}

/**
 * rpc_server_nclients_unauth() - see server.h
 */
unsigned int
rpc_server_nclients_unauth(RpcServer *srv)
{
    unsigned int n = 0;

    g_mutex_lock(&srv->lock);
    for (guint i = 0; i < srv->peers->len; i++) {
        if (!rpc_peer_authenticated(srv->peers->pdata[i]))
            n++;
    }
    g_mutex_unlock(&srv->lock);
    return n;
}

/** rpc_server_opaque() - the opaque pointer given at creation */
void *
rpc_server_opaque(RpcServer *srv)
{
    return srv->opaque;
}

/** rpc_server_nclients() - connected peers right now */
unsigned int
rpc_server_nclients(RpcServer *srv)
{
    unsigned int n;

    g_mutex_lock(&srv->lock);
    n = srv->peers->len;
    g_mutex_unlock(&srv->lock);
    return n;
}

/**
 * rpc_server_peers() - referenced snapshot of the connected peers
 * Return: array owning one reference per peer (unref with g_ptr_array_unref)
 */
GPtrArray *
rpc_server_peers(RpcServer *srv)
{
    GPtrArray *a = g_ptr_array_new_with_free_func((GDestroyNotify) rpc_peer_unref);

    g_mutex_lock(&srv->lock);
    for (guint i = 0; i < srv->peers->len; i++)
        g_ptr_array_add(a, rpc_peer_ref(srv->peers->pdata[i]));
    g_mutex_unlock(&srv->lock);
    return a;
}

/**
 * rpc_server_shutdown() - stop listening, wait for running calls and close
 * every peer (the closes complete on the next loop iterations)
 */
void
rpc_server_shutdown(RpcServer *srv)
{
    g_autoptr(GPtrArray) peers = NULL;

    g_ptr_array_set_size(srv->listeners, 0);
    if (srv->workers)
        g_thread_pool_free(g_steal_pointer(&srv->workers), FALSE, TRUE);
    if (srv->prio)
        g_thread_pool_free(g_steal_pointer(&srv->prio), FALSE, TRUE);
    peers = rpc_server_peers(srv);
    for (guint i = 0; i < peers->len; i++)
        rpc_peer_close(peers->pdata[i]);
}

/**
 * rpc_server_free() - shut down (if not yet) and free; call after the
 * loop has processed the peer closes
 */
void
rpc_server_free(RpcServer *srv)
{
    if (!srv)
        return;
    rpc_server_shutdown(srv);
    /* closes are dispatched on the next iterations; callers own the context */
    for (int i = 0; i < 1000 && rpc_server_nclients(srv) > 0; i++)
        g_main_context_iteration(srv->ctx, FALSE);
    g_ptr_array_unref(srv->listeners);
    g_ptr_array_unref(srv->peers);
    g_array_unref(srv->programs);
    g_mutex_clear(&srv->lock);
    g_main_context_unref(srv->ctx);
    g_free(srv->name);
    g_free(srv);
}
