/* common/rpc/client.c: synchronous RPC client over one connection.
 *
 * A caller encodes its CALL, registers a waiter under its serial and writes
 * the frame itself (rpc_conn_send writes directly when it can); the private
 * I/O thread receives the REPLY and wakes that waiter. Events and keepalive
 * are handled on the I/O thread too. */
#include "config.h"

#define ERR_DOMAIN VIR_FROM_RPC

#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "common/rpc/client.h"
#include "common/rpc/conn.h"
#include "common/util/err.h"
#include "common/util/log.h"

typedef struct {
    uint32_t serial;
    GCond cond;
    RpcMessage *reply;
} RpcWaiter;

struct RpcClient {
    gint refs;
    GMainContext *ctx;
    GMainLoop *loop;
    GThread *thread;
    RpcConn *conn;

    GMutex lock;
    GHashTable *waiters;        /* serial -> RpcWaiter* */
    GHashTable *streams;        /* serial -> RpcClientStream* (open streams) */
    uint32_t next_serial;
    bool closed;
    char *close_reason;

    const ProgramInfo *const *event_progs;
    RpcClientEventFunc event_cb;
    void *event_opaque;
    RpcClientRawEventFunc raw_event_cb;
    void *raw_event_opaque;
    GDestroyNotify raw_event_free;
    RpcClientCloseFunc close_cb;
    void *close_opaque;
};

/* A stream opened by a call (rpc_client_call_stream()). The I/O thread
 * queues what the server sends for it; the caller's thread reads it. */
struct RpcClientStream {
    gint refs;
    RpcClient *client;
    const ProgramInfo *prog;
    int proc;
    uint32_t serial;
    bool sparse;
    /* under client->lock */
    bool registered;
    GQueue rx;                  /* RpcMessage*: STREAM CONTINUE data, STREAM_HOLE */
    size_t rx_offset;           /* bytes of the head data frame already read */
    int64_t hole_left;          /* bytes of the head hole frame not yet read */
    unsigned int n_ok;          /* empty STREAM OK frames: end of data, confirmations */
    RpcMessage *rx_error;       /* STREAM ERROR from the server */
    bool bad_hole;              /* a hole that was not asked for, or malformed */
    GCond cond;
    RpcClientStreamNotify notify;
    void *notify_opaque;
    unsigned int notifying;     /* notify calls running (I/O thread, unlocked) */
};

/* Run @st's notify with the lock dropped; a concurrent set_notify(NULL) or
 * unregister waits for it (stream_notify_wait()). Caller holds the lock. */
static void
stream_notify_locked(RpcClient *client, RpcClientStream *st)
{
    RpcClientStreamNotify fn = st->notify;
    void *opaque = st->notify_opaque;

    if (!fn)
        return;
    st->notifying++;
    g_mutex_unlock(&client->lock);
    fn(opaque);
    g_mutex_lock(&client->lock);
    if (--st->notifying == 0)
        g_cond_broadcast(&st->cond);
}

/* Caller holds the lock: wait until no notify of @st runs (not needed, and
 * not possible, on the I/O thread that runs them). */
static void
stream_notify_wait(RpcClient *client, RpcClientStream *st)
{
    while (st->notifying > 0 && g_thread_self() != client->thread)
        g_cond_wait(&st->cond, &client->lock);
}

/* Length of a STREAM_HOLE frame's hole (0 when malformed). */
static int64_t
hole_length(const RpcMessage *msg)
{
    size_t len;
    const uint8_t *p = rpc_message_payload(msg, &len);
    int64_t hole = 0;

    if (rpc_stream_hole_decode(p, len, &hole, NULL) < 0 || hole < 0)
        return 0;
    return hole;
}

/* A STREAM or STREAM_HOLE frame (I/O thread). */
static void
client_on_stream(RpcClient *client, RpcMessage *msg)
{
    RpcClientStream *st;

    g_mutex_lock(&client->lock);
    st = g_hash_table_lookup(client->streams, GUINT_TO_POINTER(msg->hdr.serial));
    if (!st) {
        g_mutex_unlock(&client->lock);
        log_debug("stream frame for unknown serial %u dropped", msg->hdr.serial);
        rpc_message_free(msg);
        return;
    }
    if (msg->hdr.type == RPC_STREAM_HOLE &&
        (msg->hdr.status != RPC_STATUS_CONTINUE || !st->sparse || hole_length(msg) <= 0)) {
        /* an empty hole carries nothing; any other bad one fails the stream */
        size_t len;
        int64_t hole = 0;

        if (!st->sparse || msg->hdr.status != RPC_STATUS_CONTINUE ||
            rpc_stream_hole_decode(rpc_message_payload(msg, &len), len, &hole, NULL) < 0 ||
            hole < 0)
            st->bad_hole = true;
        rpc_message_free(msg);
    } else if (msg->hdr.status == RPC_STATUS_CONTINUE) {
        if (msg->hdr.type == RPC_STREAM_HOLE && st->rx.length == 0)
            st->hole_left = hole_length(msg);
        g_queue_push_tail(&st->rx, msg);
    } else if (msg->hdr.status == RPC_STATUS_OK) {
        st->n_ok++;
        rpc_message_free(msg);
    } else if (!st->rx_error) {
        st->rx_error = msg;
    } else {
        rpc_message_free(msg);
    }
    g_cond_broadcast(&st->cond);
    stream_notify_locked(client, st);
    g_mutex_unlock(&client->lock);
}

static void
client_on_message(RpcConn *conn, RpcMessage *msg, void *opaque)
{
    RpcClient *client = opaque;
    RpcClientRawEventFunc raw_cb;
    void *raw_opaque;

    switch (msg->hdr.type) {
    case RPC_REPLY:
    case RPC_REPLY_WITH_FDS: {
        RpcWaiter *w;

        g_mutex_lock(&client->lock);
        w = g_hash_table_lookup(client->waiters, GUINT_TO_POINTER(msg->hdr.serial));
        if (w && !w->reply) {
            w->reply = g_steal_pointer(&msg);
            g_cond_signal(&w->cond);
        }
        g_mutex_unlock(&client->lock);
        if (msg)
            log_debug("dropping reply with unknown serial %u", msg->hdr.serial);
        break;
    }
    case RPC_MESSAGE:
        /* callbacks are only replaced under the lock, and the opaque is only
         * freed from this thread or after it was joined */
        g_mutex_lock(&client->lock);
        raw_cb = client->raw_event_cb;
        raw_opaque = client->raw_event_opaque;
        g_mutex_unlock(&client->lock);
        if (raw_cb)
            raw_cb(client, msg, raw_opaque);
        if (client->event_cb && client->event_progs) {
            for (size_t i = 0; client->event_progs[i]; i++) {
                const ProgramInfo *pi = client->event_progs[i];
                const ProcInfo *p;
                void *data;

                if (pi->prog != msg->hdr.prog || pi->vers != msg->hdr.vers)
                    continue;
                p = rpc_program_proc(pi, msg->hdr.proc);
                if (!p || !p->msg_proc)
                    break;
                data = g_malloc0(p->msg_size);
                if (rpc_message_decode(msg, (xdrproc_t) p->msg_proc, data) == 0) {
                    client->event_cb(client, pi, msg->hdr.proc, data, client->event_opaque);
                    xdr_free((xdrproc_t) p->msg_proc, data);
                } else {
                    err_reset_last();
                }
                g_free(data);
                break;
            }
        }
        break;
    case RPC_STREAM:
    case RPC_STREAM_HOLE:
        client_on_stream(client, g_steal_pointer(&msg));
        return;
    default:
        log_debug("ignoring message type %d", msg->hdr.type);
        break;
    }
    rpc_message_free(msg);
}

static void
client_on_closed(RpcConn *conn, void *opaque)
{
    RpcClient *client = opaque;
    GHashTableIter it;
    gpointer v;

    g_mutex_lock(&client->lock);
    client->closed = true;
    if (!client->close_reason)
        client->close_reason = g_strdup(rpc_conn_close_reason(conn));
    g_hash_table_iter_init(&it, client->waiters);
    while (g_hash_table_iter_next(&it, NULL, &v))
        g_cond_signal(&((RpcWaiter *) v)->cond);
    g_hash_table_iter_init(&it, client->streams);
    while (g_hash_table_iter_next(&it, NULL, &v))
        g_cond_broadcast(&((RpcClientStream *) v)->cond);
    {
        /* wake event loops waiting on streams: they read the closed state */
        g_autoptr(GPtrArray) open = g_ptr_array_new();

        g_hash_table_iter_init(&it, client->streams);
        while (g_hash_table_iter_next(&it, NULL, &v)) {
            RpcClientStream *st = v;

            st->notifying++;    /* keeps it from being freed meanwhile */
            g_ptr_array_add(open, st);
        }
        for (guint i = 0; i < open->len; i++) {
            RpcClientStream *st = open->pdata[i];

            stream_notify_locked(client, st);
            if (--st->notifying == 0)
                g_cond_broadcast(&st->cond);
        }
    }
    g_mutex_unlock(&client->lock);
    if (client->close_cb)
        client->close_cb(client, client->close_reason, client->close_opaque);
}

static const RpcConnOps client_conn_ops = {
    .message = client_on_message,
    .closed = client_on_closed,
};

static gpointer
client_thread(gpointer data)
{
    RpcClient *client = data;

    g_main_context_push_thread_default(client->ctx);
    g_main_loop_run(client->loop);
    g_main_context_pop_thread_default(client->ctx);
    return NULL;
}

/**
 * rpc_client_new_fd() - client over an already connected socket
 * @fd: connected stream socket (ownership moves to the client)
 */
RpcClient *
rpc_client_new_fd(int fd)
{
    RpcClient *client = g_new0(RpcClient, 1);

    client->refs = 1;
    g_mutex_init(&client->lock);
    client->waiters = g_hash_table_new(NULL, NULL);
    client->streams = g_hash_table_new(NULL, NULL);
    client->ctx = g_main_context_new();
    client->loop = g_main_loop_new(client->ctx, FALSE);
    client->conn = rpc_conn_new(fd, client->ctx, &client_conn_ops, client);
    client->thread = g_thread_new("rpc-client", client_thread, client);
    return client;
}

/* Non-blocking connect with a deadline. Return: fd or -errno. */
static int
client_connect_unix(const char *path, int timeout_ms)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    int fd;
    int r;

    if (strlen(path) >= sizeof(sa.sun_path))
        return -ENAMETOOLONG;
    memcpy(sa.sun_path, path, strlen(path) + 1);
    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0)
        return -errno;
    r = connect(fd, (struct sockaddr *) &sa, sizeof(sa));
    if (r < 0 && (errno == EAGAIN || errno == EINPROGRESS)) {
        struct pollfd pfd = { .fd = fd, .events = POLLOUT };
        int err = 0;
        socklen_t el = sizeof(err);

        r = poll(&pfd, 1, timeout_ms);
        if (r == 0) {
            errno = ETIMEDOUT;
            r = -1;
        } else if (r > 0) {
            if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &el) < 0)
                err = errno;
            if (err) {
                errno = err;
                r = -1;
            } else {
                r = 0;
            }
        }
    }
    if (r < 0) {
        r = -errno;
        close(fd);
        return r;
    }
    return fd;
}

/**
 * rpc_client_open_unix() - connect to the UNIX socket @path
 * @path: socket path
 * @timeout_ms: connect budget (<= 0 means 1000 ms)
 *
 * A missing socket or a refused connection fails at once.
 * Return: the client, or NULL with VIR_ERR_SYSTEM_ERROR reported naming
 *         @path.
 */
RpcClient *
rpc_client_open_unix(const char *path, int timeout_ms)
{
    int fd = client_connect_unix(path, timeout_ms > 0 ? timeout_ms : 1000);

    if (fd < 0) {
        err_report_system(-fd, "Failed to connect socket to '%s'", path);
        return NULL;
    }
    return rpc_client_new_fd(fd);
}

/**
 * rpc_client_ref() - take a reference
 */
RpcClient *
rpc_client_ref(RpcClient *client)
{
    g_atomic_int_inc(&client->refs);
    return client;
}

static gboolean
client_quit_cb(gpointer data)
{
    g_main_loop_quit(data);
    return G_SOURCE_REMOVE;
}

/**
 * rpc_client_unref() - drop a reference; the last one closes the socket,
 * stops the I/O thread and frees the client
 */
void
rpc_client_unref(RpcClient *client)
{
    GSource *s;

    if (!client || !g_atomic_int_dec_and_test(&client->refs))
        return;
    rpc_client_close(client);
    s = g_idle_source_new();
    g_source_set_callback(s, client_quit_cb, client->loop, NULL);
    g_source_attach(s, client->ctx);
    g_source_unref(s);
    if (g_thread_self() != client->thread)
        g_thread_join(client->thread);
    else
        g_thread_unref(client->thread);
    /* let the connection source finish closing */
    while (g_main_context_iteration(client->ctx, FALSE))
        ;
    rpc_conn_unref(client->conn);
    g_main_loop_unref(client->loop);
    g_main_context_unref(client->ctx);
    g_hash_table_unref(client->waiters);
    g_hash_table_unref(client->streams);
    if (client->raw_event_free)
        client->raw_event_free(client->raw_event_opaque);
    g_free(client->close_reason);
    g_mutex_clear(&client->lock);
    g_free(client);
}

/**
 * rpc_client_close() - close the connection; pending calls fail
 */
void
rpc_client_close(RpcClient *client)
{
    rpc_conn_close(client->conn);
}

/**
 * rpc_client_is_open() - false once the connection closed for any reason
 */
bool
rpc_client_is_open(RpcClient *client)
{
    bool r;

    g_mutex_lock(&client->lock);
    r = !client->closed;
    g_mutex_unlock(&client->lock);
    return r && !rpc_conn_is_closed(client->conn);
}

static void
client_report_closed(RpcClient *client)
{
    err_report(VIR_ERR_RPC, "client socket is closed%s%s",
               client->close_reason ? ": " : "",
               client->close_reason ? client->close_reason : "");
}

/* rpc_client_call_message(), and with @st the stream to register under the
 * call's serial. */
static int
client_call_message(RpcClient *client, RpcMessage *call, RpcMessage **ret_reply,
                    RpcClientStream *st)
{
    RpcWaiter w = { 0 };

    g_cond_init(&w.cond);
    g_mutex_lock(&client->lock);
    if (client->closed) {
        g_mutex_unlock(&client->lock);
        g_cond_clear(&w.cond);
        rpc_message_free(call);
        client_report_closed(client);
        return -1;
    }
    w.serial = client->next_serial++;
    rpc_message_set_serial(call, w.serial);
    g_hash_table_insert(client->waiters, GUINT_TO_POINTER(w.serial), &w);
    if (st) {
        /* registered before the CALL leaves: data may follow the REPLY */
        st->serial = w.serial;
        st->registered = true;
        g_hash_table_insert(client->streams, GUINT_TO_POINTER(w.serial), st);
    }
    g_mutex_unlock(&client->lock);

    rpc_conn_send(client->conn, call);

    g_mutex_lock(&client->lock);
    while (!w.reply && !client->closed)
        g_cond_wait(&w.cond, &client->lock);
    g_hash_table_remove(client->waiters, GUINT_TO_POINTER(w.serial));
    g_mutex_unlock(&client->lock);
    g_cond_clear(&w.cond);
    if (!w.reply) {
        client_report_closed(client);
        return -1;
    }
    *ret_reply = w.reply;
    return 0;
}

/**
 * rpc_client_call_message() - send a prepared CALL frame, wait for its reply
 * @client: client
 * @call: complete frame (serial is replaced by the client's own; ownership
 *        moves to the client)
 * @ret_reply: the REPLY frame as received (caller frees)
 *
 * Return: 0 (reply may have status ERROR), or -1 reported when the
 *         connection closed first.
 */
int
rpc_client_call_message(RpcClient *client, RpcMessage *call, RpcMessage **ret_reply)
{
    return client_call_message(client, call, ret_reply, NULL);
}

/**
 * rpc_client_send_message() - send a frame that expects no reply
 * (MESSAGE, STREAM); ownership of @msg moves to the client
 */
int
rpc_client_send_message(RpcClient *client, RpcMessage *msg)
{
    if (rpc_conn_send(client->conn, msg) < 0) {
        client_report_closed(client);
        return -1;
    }
    return 0;
}

static int
client_dup_fds(const int *fds, size_t nfds, int **ret)
{
    g_autofree int *out = g_new(int, MAX(nfds, 1));

    for (size_t i = 0; i < nfds; i++) {
        out[i] = fcntl(fds[i], F_DUPFD_CLOEXEC, 3);
        if (out[i] < 0) {
            int e = errno;

            for (size_t j = 0; j < i; j++)
                close(out[j]);
            err_report_system(e, "%s", "Unable to duplicate FD");
            return -1;
        }
    }
    *ret = g_steal_pointer(&out);
    return 0;
}

/**
 * rpc_client_call_raw() - one synchronous call
 * @client: client
 * @prog, @vers, @proc: procedure address
 * @args_proc, @args: XDR encoder and args (NULL encoder = void)
 * @ret_proc, @ret: XDR decoder and zeroed ret struct (NULL = void)
 * @fds, @nfds: fds to pass (duplicated; caller keeps its own)
 * @ret_fds, @ret_nfds: fds received with the reply (may be NULL: closed)
 *
 * An ERROR reply sets the thread's last error to the server's remote_error.
 * Return: 0 or -1 (error set).
 */
static int client_call_raw(RpcClient *client, uint32_t prog, uint32_t vers, int proc,
                           xdrproc_t args_proc, void *args, xdrproc_t ret_proc, void *ret,
                           const int *fds, size_t nfds, int **ret_fds, size_t *ret_nfds,
                           RpcClientStream *st);

int
rpc_client_call_raw(RpcClient *client, uint32_t prog, uint32_t vers, int proc,
                    xdrproc_t args_proc, void *args, xdrproc_t ret_proc, void *ret,
                    const int *fds, size_t nfds, int **ret_fds, size_t *ret_nfds)
{
    return client_call_raw(client, prog, vers, proc, args_proc, args, ret_proc, ret, fds,
                           nfds, ret_fds, ret_nfds, NULL);
}

static int
client_call_raw(RpcClient *client, uint32_t prog, uint32_t vers, int proc,
                xdrproc_t args_proc, void *args, xdrproc_t ret_proc, void *ret,
                const int *fds, size_t nfds, int **ret_fds, size_t *ret_nfds,
                RpcClientStream *st)
{
    RpcHeader h = {
        .prog = prog, .vers = vers, .proc = proc,
        .type = nfds ? RPC_CALL_WITH_FDS : RPC_CALL, .status = RPC_STATUS_OK,
    };
    g_autoptr(RpcMessage) call = rpc_message_new();
    g_autoptr(RpcMessage) reply = NULL;

    if (nfds > RPC_NUM_FDS_MAX) {
        err_report(VIR_ERR_RPC, "too many file descriptors: %zu", nfds);
        return -1;
    }
    if (nfds) {
        int *dup = NULL;

        if (client_dup_fds(fds, nfds, &dup) < 0)
            return -1;
        rpc_message_set_fds(call, dup, nfds);
    }
    if (rpc_message_encode(call, &h, args_proc, args) < 0)
        return -1;
    if (client_call_message(client, g_steal_pointer(&call), &reply, st) < 0)
        return -1;
    if (reply->hdr.prog != prog || reply->hdr.proc != proc) {
        err_report(VIR_ERR_RPC, "reply for wrong procedure %d of program %#x",
                   reply->hdr.proc, reply->hdr.prog);
        return -1;
    }
    if (reply->hdr.status == RPC_STATUS_ERROR) {
        virError e = { 0 };

        if (rpc_message_decode_error(reply, &e) < 0)
            return -1;
        rpc_error_fill_default(&e);
        err_set_last(&e);
        err_clear(&e);
        return -1;
    }
    if (reply->hdr.status != RPC_STATUS_OK) {
        err_report(VIR_ERR_RPC, "unexpected reply status %d", reply->hdr.status);
        return -1;
    }
    if (ret_proc && rpc_message_decode(reply, ret_proc, ret) < 0)
        return -1;
    if (ret_fds && ret_nfds) {
        *ret_fds = g_steal_pointer(&reply->fds);
        *ret_nfds = reply->nfds;
        reply->nfds = 0;
    }
    return 0;
}

/**
 * rpc_program_proc() - the ProcInfo of @proc in @prog, or NULL
 */
const ProcInfo *
rpc_program_proc(const ProgramInfo *prog, int proc)
{
    return proc_lookup(prog, proc);
}

/**
 * rpc_client_call_fds() - rpc_client_call() with fds both ways
 */
int
rpc_client_call_fds(RpcClient *client, const ProgramInfo *prog, int proc, void *args,
                    void *ret, const int *fds, size_t nfds, int **ret_fds,
                    size_t *ret_nfds)
{
    const ProcInfo *p = rpc_program_proc(prog, proc);

    if (!p) {
        err_report(VIR_ERR_RPC, "unknown procedure: %d", proc);
        return -1;
    }
    return rpc_client_call_raw(client, prog->prog, prog->vers, proc,
                               (xdrproc_t) p->args_proc, args,
                               (xdrproc_t) p->ret_proc, ret,
                               fds, nfds, ret_fds, ret_nfds);
}

/**
 * rpc_client_call() - call procedure @proc of @prog (used by generated stubs)
 * @args: args struct or NULL when the procedure has none
 * @ret: zeroed ret struct or NULL when the procedure has none
 *
 * Return: 0, or -1 with the last error set (server error or transport).
 */
int
rpc_client_call(RpcClient *client, const ProgramInfo *prog, int proc, void *args,
                void *ret)
{
    return rpc_client_call_fds(client, prog, proc, args, ret, NULL, 0, NULL, NULL);
}

/**
 * rpc_client_set_event_callback() - deliver decoded events of @progs
 * @progs: NULL-terminated programs whose MESSAGE procs are decoded
 */
void
rpc_client_set_event_callback(RpcClient *client, const ProgramInfo *const *progs,
                              RpcClientEventFunc cb, void *opaque)
{
    g_mutex_lock(&client->lock);
    client->event_progs = progs;
    client->event_opaque = opaque;
    client->event_cb = cb;
    g_mutex_unlock(&client->lock);
}

/**
 * rpc_client_set_raw_event_callback() - deliver every MESSAGE frame as is
 */
void
rpc_client_set_raw_event_callback(RpcClient *client, RpcClientRawEventFunc cb,
                                  void *opaque, GDestroyNotify free_opaque)
{
    void *old;
    GDestroyNotify old_free;

    g_mutex_lock(&client->lock);
    old = client->raw_event_opaque;
    old_free = client->raw_event_free;
    client->raw_event_opaque = opaque;
    client->raw_event_cb = cb;
    client->raw_event_free = free_opaque;
    g_mutex_unlock(&client->lock);
    if (old_free)
        old_free(old);
}

/**
 * rpc_client_set_close_callback() - be told once when the connection closes
 */
void
rpc_client_set_close_callback(RpcClient *client, RpcClientCloseFunc cb, void *opaque)
{
    g_mutex_lock(&client->lock);
    client->close_opaque = opaque;
    client->close_cb = cb;
    g_mutex_unlock(&client->lock);
}

/**
 * rpc_client_set_keepalive() - send our own PINGs (@interval_s <= 0: stop)
 */
void
rpc_client_set_keepalive(RpcClient *client, int interval_s, unsigned int count)
{
    if (interval_s <= 0)
        rpc_conn_stop_keepalive(client->conn);
    else
        rpc_conn_start_keepalive(client->conn, interval_s, count);
}

/**
 * rpc_client_peer_creds() - credentials of the server process
 */
void
rpc_client_peer_creds(RpcClient *client, uid_t *ret_uid, gid_t *ret_gid, pid_t *ret_pid)
{
    rpc_conn_peer_creds(client->conn, ret_uid, ret_gid, ret_pid);
}

/* ---- streams ------------------------------------------------------------------ */

/**
 * rpc_client_stream_new() - a stream for procedure @proc of @prog, opened by
 * rpc_client_call_stream()
 * @sparse: the call asks for holes (STREAM_HOLE frames may come and go)
 */
RpcClientStream *
rpc_client_stream_new(RpcClient *client, const ProgramInfo *prog, int proc, bool sparse)
{
    RpcClientStream *st = g_new0(RpcClientStream, 1);

    st->refs = 1;
    st->client = rpc_client_ref(client);
    st->prog = prog;
    st->proc = proc;
    st->sparse = sparse;
    g_queue_init(&st->rx);
    g_cond_init(&st->cond);
    return st;
}

static void
stream_unregister(RpcClientStream *st)
{
    RpcClient *client = st->client;

    g_mutex_lock(&client->lock);
    if (st->registered) {
        g_hash_table_remove(client->streams, GUINT_TO_POINTER(st->serial));
        st->registered = false;
    }
    st->notify = NULL;
    stream_notify_wait(client, st);
    g_mutex_unlock(&client->lock);
}

/**
 * rpc_client_stream_unref() - drop a reference; the last one forgets the
 * stream (frames still arriving for it are dropped)
 */
void
rpc_client_stream_unref(RpcClientStream *st)
{
    if (!st || !g_atomic_int_dec_and_test(&st->refs))
        return;
    stream_unregister(st);
    g_queue_clear_full(&st->rx, (GDestroyNotify) rpc_message_free);
    rpc_message_free(st->rx_error);
    g_cond_clear(&st->cond);
    rpc_client_unref(st->client);
    g_free(st);
}

/**
 * rpc_client_call_stream() - make the call that opens @st
 * @args, @ret: as rpc_client_call()
 *
 * Return: 0 (the stream is open), or -1 with the error set.
 */
int
rpc_client_call_stream(RpcClientStream *st, void *args, void *ret)
{
    const ProcInfo *p = rpc_program_proc(st->prog, st->proc);
    int r;

    if (!p) {
        err_report(VIR_ERR_RPC, "unknown procedure: %d", st->proc);
        return -1;
    }
    r = client_call_raw(st->client, st->prog->prog, st->prog->vers, st->proc,
                        (xdrproc_t) p->args_proc, args, (xdrproc_t) p->ret_proc, ret,
                        NULL, 0, NULL, NULL, st);
    if (r < 0)
        stream_unregister(st);
    return r;
}

/**
 * rpc_client_stream_set_notify() - call @fn(@opaque) on the client's I/O
 * thread whenever something arrives for @st or the connection closes
 * (NULL to stop: returns once no call of the old one runs any more)
 */
void
rpc_client_stream_set_notify(RpcClientStream *st, RpcClientStreamNotify fn, void *opaque)
{
    g_mutex_lock(&st->client->lock);
    st->notify = fn;
    st->notify_opaque = opaque;
    if (!fn)
        stream_notify_wait(st->client, st);
    g_mutex_unlock(&st->client->lock);
}

/* Caller holds the lock. Report the server's stream error, or the closed
 * connection; return true when the stream cannot go on. */
static bool
stream_failed_locked(RpcClientStream *st)
{
    if (st->rx_error) {
        virError e = { 0 };

        if (rpc_message_decode_error(st->rx_error, &e) == 0) {
            rpc_error_fill_default(&e);
            err_set_last(&e);
            err_clear(&e);
        }
        return true;
    }
    if (st->bad_hole) {
        err_report(VIR_ERR_RPC, "%s", "Unexpected stream hole");
        return true;
    }
    if (st->client->closed) {
        err_report(VIR_ERR_RPC, "%s", "stream closed: the connection to the daemon is gone");
        return true;
    }
    return false;
}

/**
 * rpc_client_stream_readable() - true when a recv would not block: data, a
 * hole, end of data, an error or a closed connection is waiting
 */
bool
rpc_client_stream_readable(RpcClientStream *st)
{
    bool r;

    g_mutex_lock(&st->client->lock);
    r = st->rx.length > 0 || st->n_ok > 0 || st->rx_error || st->bad_hole || st->client->closed;
    g_mutex_unlock(&st->client->lock);
    return r;
}

static int
stream_send_frame(RpcClientStream *st, int type, int status, const void *data, size_t len)
{
    RpcHeader h = {
        .prog = st->prog->prog, .vers = st->prog->vers, .proc = st->proc,
        .type = type, .serial = st->serial, .status = status,
    };
    RpcMessage *m = rpc_message_new();

    if (rpc_message_encode_raw(m, &h, data, len) < 0) {
        rpc_message_free(m);
        return -1;
    }
    return rpc_client_send_message(st->client, m);
}

/**
 * rpc_client_stream_send() - send @len bytes (in frames of at most 256 KiB)
 *
 * Return: @len, or -1 with the error set (the server failed the stream, or
 * the connection is gone).
 */
int
rpc_client_stream_send(RpcClientStream *st, const char *data, size_t len)
{
    size_t done = 0;
    bool failed;

    g_mutex_lock(&st->client->lock);
    failed = stream_failed_locked(st);
    g_mutex_unlock(&st->client->lock);
    if (failed)
        return -1;
    while (done < len) {
        size_t n = MIN(len - done, (size_t) RPC_STREAM_CHUNK);

        if (stream_send_frame(st, RPC_STREAM, RPC_STATUS_CONTINUE, data + done, n) < 0)
            return -1;
        done += n;
    }
    return (int) len;
}

/**
 * rpc_client_stream_send_hole() - send a hole of @length bytes (sparse only)
 */
int
rpc_client_stream_send_hole(RpcClientStream *st, int64_t length, unsigned int flags)
{
    uint8_t buf[RPC_STREAM_HOLE_SIZE];

    if (!st->sparse) {
        err_report(VIR_ERR_RPC, "%s", "stream does not support holes");
        return -1;
    }
    rpc_stream_hole_encode(buf, length, flags);
    return stream_send_frame(st, RPC_STREAM_HOLE, RPC_STATUS_CONTINUE, buf, sizeof(buf));
}

/* Caller holds the lock: drop the head frame. */
static void
stream_pop_locked(RpcClientStream *st)
{
    RpcMessage *m = g_queue_pop_head(&st->rx);
    RpcMessage *next = g_queue_peek_head(&st->rx);

    rpc_message_free(m);
    st->rx_offset = 0;
    st->hole_left = next && next->hdr.type == RPC_STREAM_HOLE ? hole_length(next) : 0;
}

/**
 * rpc_client_stream_recv() - read up to @len bytes
 * @nonblock: return -2 instead of waiting
 * @stop_at_hole: return -3 when a hole comes next (otherwise a hole reads as
 *                zero bytes)
 *
 * Return: bytes read, 0 at the end of the data, -2 (would block), -3 (a
 * hole), or -1 with the error set.
 */
int
rpc_client_stream_recv(RpcClientStream *st, char *data, size_t len, bool nonblock,
                       bool stop_at_hole)
{
    RpcClient *client = st->client;
    RpcMessage *head;
    int r;

    g_mutex_lock(&client->lock);
    while (st->rx.length == 0 && st->n_ok == 0 && !st->rx_error && !st->bad_hole &&
           !client->closed && !nonblock)
        g_cond_wait(&st->cond, &client->lock);
    head = g_queue_peek_head(&st->rx);
    if (st->bad_hole) {
        stream_failed_locked(st);
        r = -1;
    } else if (!head) {
        if (st->n_ok > 0)
            r = 0;
        else if (stream_failed_locked(st))
            r = -1;
        else
            r = -2;
    } else if (head->hdr.type == RPC_STREAM_HOLE) {
        if (stop_at_hole) {
            r = -3;
        } else {
            size_t n = (size_t) MIN((int64_t) MIN(len, (size_t) INT_MAX), st->hole_left);

            memset(data, 0, n);
            st->hole_left -= (int64_t) n;
            if (st->hole_left == 0)
                stream_pop_locked(st);
            r = (int) n;
        }
    } else {
        size_t plen;
        const uint8_t *p = rpc_message_payload(head, &plen);
        size_t n = MIN(MIN(len, (size_t) INT_MAX), plen - st->rx_offset);

        memcpy(data, p + st->rx_offset, n);
        st->rx_offset += n;
        if (st->rx_offset >= plen)
            stream_pop_locked(st);
        r = (int) n;
    }
    g_mutex_unlock(&client->lock);
    return r;
}

/**
 * rpc_client_stream_recv_hole() - the hole that comes next, consumed
 *
 * Return: 0 with *@length set (0 when data, not a hole, comes next), or -1.
 */
int
rpc_client_stream_recv_hole(RpcClientStream *st, int64_t *length)
{
    RpcMessage *head;

    g_mutex_lock(&st->client->lock);
    head = g_queue_peek_head(&st->rx);
    *length = 0;
    if (head && head->hdr.type == RPC_STREAM_HOLE) {
        *length = st->hole_left;
        stream_pop_locked(st);
    }
    g_mutex_unlock(&st->client->lock);
    return 0;
}

/* Send an empty frame of @status and wait for the server's confirmation (an
 * empty OK beyond those seen so far) or its error. */
static int
stream_close(RpcClientStream *st, int status)
{
    RpcClient *client = st->client;
    unsigned int seen;
    bool done_before;
    int r = 0;

    g_mutex_lock(&client->lock);
    /* a download's end-of-data OK is not the confirmation we wait for */
    seen = st->n_ok;
    done_before = st->rx_error != NULL;
    g_mutex_unlock(&client->lock);
    if (done_before && status == RPC_STATUS_ERROR)
        goto out;           /* the server already ended it */
    if (stream_send_frame(st, RPC_STREAM, status, NULL, 0) < 0) {
        r = -1;
        goto out;
    }
    g_mutex_lock(&client->lock);
    while (st->n_ok == seen && !st->rx_error && !client->closed)
        g_cond_wait(&st->cond, &client->lock);
    if (st->n_ok == seen && status == RPC_STATUS_OK && stream_failed_locked(st))
        r = -1;
    g_mutex_unlock(&client->lock);
 out:
    stream_unregister(st);
    return r;
}

/**
 * rpc_client_stream_finish() - end of our data; wait until the daemon has
 * finished its side too
 *
 * Return: 0, or -1 with the daemon's error set.
 */
int
rpc_client_stream_finish(RpcClientStream *st)
{
    bool failed;

    g_mutex_lock(&st->client->lock);
    failed = st->rx_error != NULL && stream_failed_locked(st);
    g_mutex_unlock(&st->client->lock);
    if (failed) {
        stream_unregister(st);
        return -1;
    }
    return stream_close(st, RPC_STATUS_OK);
}

/**
 * rpc_client_stream_abort() - give the stream up; the daemon aborts its side
 */
int
rpc_client_stream_abort(RpcClientStream *st)
{
    return stream_close(st, RPC_STATUS_ERROR);
}
