/* common/rpc/conn.c: one RPC connection on a GMainContext.
 *
 * Receive side runs only on the thread iterating the context: bytes are read
 * into a buffer, complete frames are cut out and handed up; fds arrive as
 * one SCM_RIGHTS per 1-byte chunk after their frame. Transmit side may be
 * used from any thread: a sender writes directly when the queue is empty
 * (no loop wake-up on the fast path) and queues the rest for the loop. The
 * actual close always happens on the loop thread. */
#include "config.h"

#define ERR_DOMAIN VIR_FROM_RPC

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include "common/rpc/conn.h"
#include "common/rpc/keepalive.h"
#include "common/util/log.h"

#define RX_BUF_SIZE      RPC_INITIAL_BUF
#define RX_FDS_QUEUE_MAX (2 * RPC_NUM_FDS_MAX)

typedef struct {
    GSource base;
    RpcConn *conn;
    gpointer tag;
    GIOCondition events;
} ConnSource;

struct RpcConn {
    gint refs;
    int fd;
    GMainContext *ctx;
    const RpcConnOps *ops;
    void *opaque;
    ConnSource *source;
    uid_t uid;
    gid_t gid;
    pid_t pid;
    bool is_unix;

    /* loop thread only */
    uint8_t *rxbuf;
    size_t rxstart, rxend;
    RpcMessage *rxbig;          /* frame larger than rxbuf, read in place */
    RpcMessage *rxfdmsg;        /* frame waiting for its fd bytes */
    size_t rxfdwant;
    GArray *rxfds;              /* fds received but not yet claimed */
    bool closed_notified;

    /* under @lock */
    GMutex lock;
    GQueue txq;
    size_t tx_bytes;            /* frame bytes queued, not yet written */
    unsigned int tx_waiters;
    GCond tx_cond;
    bool closed;
    bool want_close;
    bool rx_paused;
    bool rx_kick;
    RpcKeepalive ka;
    const char *close_reason;
};

static void conn_free(RpcConn *conn);

/**
 * rpc_conn_ref() - take a reference
 */
RpcConn *
rpc_conn_ref(RpcConn *conn)
{
    g_atomic_int_inc(&conn->refs);
    return conn;
}

/**
 * rpc_conn_unref() - drop a reference; the last one frees @conn
 */
void
rpc_conn_unref(RpcConn *conn)
{
    if (conn && g_atomic_int_dec_and_test(&conn->refs))
        conn_free(conn);
}

static void
conn_free(RpcConn *conn)
{
    RpcMessage *m;

    while ((m = g_queue_pop_head(&conn->txq)))
        rpc_message_free(m);
    rpc_message_free(conn->rxbig);
    rpc_message_free(conn->rxfdmsg);
    for (guint i = 0; i < conn->rxfds->len; i++)
        close(g_array_index(conn->rxfds, int, i));
    g_array_unref(conn->rxfds);
    if (conn->fd >= 0)
        close(conn->fd);
    g_free(conn->rxbuf);
    g_cond_clear(&conn->tx_cond);
    g_mutex_clear(&conn->lock);
    g_main_context_unref(conn->ctx);
    g_free(conn);
}

static bool
conn_on_loop(RpcConn *conn)
{
    return g_main_context_is_owner(conn->ctx);
}

/* Ask the loop thread to close (lock held). */
static void
conn_request_close_locked(RpcConn *conn, const char *reason)
{
    if (conn->closed || conn->want_close)
        return;
    conn->want_close = true;
    conn->close_reason = reason;
    g_cond_broadcast(&conn->tx_cond);
    if (!conn_on_loop(conn))
        g_main_context_wakeup(conn->ctx);
}

/* Write as much of the queue as the socket takes (lock held).
 * Return: 0 (queue drained or would block), -1 on a socket error. */
static int
conn_flush_locked(RpcConn *conn)
{
    RpcMessage *msg;

    while ((msg = g_queue_peek_head(&conn->txq))) {
        while (msg->tx_off < msg->len) {
            ssize_t n = send(conn->fd, msg->buf + msg->tx_off, msg->len - msg->tx_off,
                             MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n < 0) {
                if (errno == EINTR)
                    continue;
                return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -1;
            }
            msg->tx_off += (size_t) n;
        }
        while (msg->tx_fd_off < msg->nfds) {
            char byte = 0;
            struct iovec iov = { .iov_base = &byte, .iov_len = 1 };
            union {
                char buf[CMSG_SPACE(sizeof(int))];
                struct cmsghdr align;
            } ctl;
            struct msghdr mh = {
                .msg_iov = &iov, .msg_iovlen = 1,
                .msg_control = ctl.buf, .msg_controllen = sizeof(ctl.buf),
            };
            struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
            ssize_t n;

            memset(ctl.buf, 0, sizeof(ctl.buf));
            c->cmsg_level = SOL_SOCKET;
            c->cmsg_type = SCM_RIGHTS;
            c->cmsg_len = CMSG_LEN(sizeof(int));
            memcpy(CMSG_DATA(c), &msg->fds[msg->tx_fd_off], sizeof(int));
            n = sendmsg(conn->fd, &mh, MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n < 0) {
                if (errno == EINTR)
                    continue;
                return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -1;
            }
            msg->tx_fd_off++;
        }
        conn->tx_bytes -= msg->len;
        rpc_message_free(g_queue_pop_head(&conn->txq));
        if (conn->tx_waiters)
            g_cond_broadcast(&conn->tx_cond);
    }
    return 0;
}

/**
 * rpc_conn_send() - queue @msg for transmission (any thread)
 * @conn: connection
 * @msg: complete frame; ownership moves to @conn in every case
 *
 * Return: 0, or -1 (not reported) when the connection is closed.
 */
int
rpc_conn_send(RpcConn *conn, RpcMessage *msg)
{
    bool was_empty;

    g_mutex_lock(&conn->lock);
    if (conn->closed || conn->want_close) {
        g_mutex_unlock(&conn->lock);
        rpc_message_free(msg);
        return -1;
    }
    msg->tx_off = 0;
    msg->tx_fd_off = 0;
    was_empty = g_queue_is_empty(&conn->txq);
    g_queue_push_tail(&conn->txq, msg);
    conn->tx_bytes += msg->len;
    if (was_empty) {
        if (conn_flush_locked(conn) < 0)
            conn_request_close_locked(conn, "write error");
        else if (!g_queue_is_empty(&conn->txq) && !conn_on_loop(conn))
            g_main_context_wakeup(conn->ctx);
    }
    g_mutex_unlock(&conn->lock);
    return 0;
}

/**
 * rpc_conn_wait_tx() - block until at most @max_pending bytes are queued
 * for transmission or the connection closes (never waits on the loop
 * thread). Used by stream senders for flow control.
 */
void
rpc_conn_wait_tx(RpcConn *conn, size_t max_pending)
{
    if (conn_on_loop(conn))
        return;
    g_mutex_lock(&conn->lock);
    conn->tx_waiters++;
    while (!conn->closed && !conn->want_close && conn->tx_bytes > max_pending)
        g_cond_wait(&conn->tx_cond, &conn->lock);
    conn->tx_waiters--;
    g_mutex_unlock(&conn->lock);
}

/**
 * rpc_conn_close() - close @conn (any thread; takes effect on the loop)
 *
 * Queued outgoing messages are dropped; the closed callback runs once.
 */
void
rpc_conn_close(RpcConn *conn)
{
    g_mutex_lock(&conn->lock);
    conn_request_close_locked(conn, "closed locally");
    g_mutex_unlock(&conn->lock);
}

/**
 * rpc_conn_is_closed() - whether @conn is closed or about to be
 */
bool
rpc_conn_is_closed(RpcConn *conn)
{
    bool r;

    g_mutex_lock(&conn->lock);
    r = conn->closed || conn->want_close;
    g_mutex_unlock(&conn->lock);
    return r;
}

/**
 * rpc_conn_close_reason() - why the connection closed (static string or NULL)
 */
const char *
rpc_conn_close_reason(RpcConn *conn)
{
    return conn->close_reason;
}

/**
 * rpc_conn_pause_rx() - stop/resume delivering received messages (any thread)
 *
 * Used for per-client request limits: while paused nothing is read from the
 * socket, so the peer is throttled by the kernel buffers.
 */
void
rpc_conn_pause_rx(RpcConn *conn, bool pause)
{
    g_mutex_lock(&conn->lock);
    if (conn->rx_paused != pause) {
        conn->rx_paused = pause;
        if (!pause) {
            conn->rx_kick = true;
            if (!conn_on_loop(conn))
                g_main_context_wakeup(conn->ctx);
        }
    }
    g_mutex_unlock(&conn->lock);
}

/**
 * rpc_conn_start_keepalive() - send PINGs after @interval_s of silence and
 * close after @count unanswered ones (any thread)
 */
void
rpc_conn_start_keepalive(RpcConn *conn, int interval_s, unsigned int count)
{
    g_mutex_lock(&conn->lock);
    rpc_keepalive_start(&conn->ka, interval_s, count, g_get_monotonic_time());
    if (!conn_on_loop(conn))
        g_main_context_wakeup(conn->ctx);
    g_mutex_unlock(&conn->lock);
}

/**
 * rpc_conn_stop_keepalive() - stop sending PINGs (PINGs are still answered)
 */
void
rpc_conn_stop_keepalive(RpcConn *conn)
{
    g_mutex_lock(&conn->lock);
    rpc_keepalive_stop(&conn->ka);
    g_mutex_unlock(&conn->lock);
}

/**
 * rpc_conn_peer_creds() - SO_PEERCRED of a UNIX peer (-1 when unknown)
 */
void
rpc_conn_peer_creds(RpcConn *conn, uid_t *ret_uid, gid_t *ret_gid, pid_t *ret_pid)
{
    if (ret_uid)
        *ret_uid = conn->uid;
    if (ret_gid)
        *ret_gid = conn->gid;
    if (ret_pid)
        *ret_pid = conn->pid;
}

/**
 * rpc_conn_is_unix() - whether the peer is on a UNIX socket
 */
bool
rpc_conn_is_unix(RpcConn *conn)
{
    return conn->is_unix;
}

/* ---- loop-thread side ---- */

static void
conn_send_keepalive(RpcConn *conn, int proc)
{
    RpcHeader h = {
        .prog = RPC_PROG_KEEPALIVE, .vers = 1, .proc = proc,
        .type = RPC_MESSAGE, .serial = 0, .status = RPC_STATUS_OK,
    };
    RpcMessage *m = rpc_message_new();

    rpc_message_encode(m, &h, NULL, NULL);
    rpc_conn_send(conn, m);
}

static void
conn_deliver(RpcConn *conn, RpcMessage *msg)
{
    if (msg->hdr.prog == RPC_PROG_KEEPALIVE) {
        if (msg->hdr.type == RPC_MESSAGE && msg->hdr.proc == RPC_KEEPALIVE_PING)
            conn_send_keepalive(conn, RPC_KEEPALIVE_PONG);
        rpc_message_free(msg);
        return;
    }
    conn->ops->message(conn, msg, conn->opaque);
}

static void
conn_fail(RpcConn *conn, const char *reason)
{
    g_mutex_lock(&conn->lock);
    conn_request_close_locked(conn, reason);
    g_mutex_unlock(&conn->lock);
}

/* A whole frame is in @msg: parse it, then wait for fds or deliver. */
static void
conn_handle_frame(RpcConn *conn, RpcMessage *msg)
{
    int nfds = rpc_message_parse(msg);

    g_mutex_lock(&conn->lock);
    rpc_keepalive_received(&conn->ka, g_get_monotonic_time());
    g_mutex_unlock(&conn->lock);
    if (nfds < 0) {
        log_debug("malformed frame, closing connection");
        rpc_message_free(msg);
        conn_fail(conn, "malformed frame");
        return;
    }
    if (nfds > 0) {
        if (!conn->is_unix) {
            rpc_message_free(msg);
            conn_fail(conn, "fds on a non-UNIX connection");
            return;
        }
        msg->fds = g_new(int, nfds);
        msg->nfds = 0;
        conn->rxfdmsg = msg;
        conn->rxfdwant = (size_t) nfds;
        return;
    }
    conn_deliver(conn, msg);
}

static bool
conn_rx_paused(RpcConn *conn)
{
    bool r;

    g_mutex_lock(&conn->lock);
    r = conn->rx_paused || conn->want_close || conn->closed;
    g_mutex_unlock(&conn->lock);
    return r;
}

/* Cut complete frames out of the receive buffer. */
static void
conn_rx_process(RpcConn *conn)
{
    while (!conn_rx_paused(conn)) {
        size_t avail = conn->rxend - conn->rxstart;
        const uint8_t *p = conn->rxbuf + conn->rxstart;
        uint32_t len;

        if (conn->rxfdmsg) {
            RpcMessage *m = conn->rxfdmsg;

            while (m->nfds < conn->rxfdwant && conn->rxstart < conn->rxend) {
                if (conn->rxfds->len == 0) {
                    conn_fail(conn, "fd byte without fd");
                    return;
                }
                conn->rxstart++;
                m->fds[m->nfds++] = g_array_index(conn->rxfds, int, 0);
                g_array_remove_index(conn->rxfds, 0);
            }
            if (m->nfds < conn->rxfdwant)
                break;
            conn->rxfdmsg = NULL;
            conn_deliver(conn, m);
            continue;
        }
        if (avail < RPC_LEN_WORD)
            break;
        len = ((uint32_t) p[0] << 24) | ((uint32_t) p[1] << 16) |
              ((uint32_t) p[2] << 8) | p[3];
        if (!rpc_frame_length_ok(len)) {
            log_debug("bad frame length %u, closing connection", len);
            conn_fail(conn, "bad frame length");
            return;
        }
        if (avail < len) {
            if (len > RX_BUF_SIZE) {
                RpcMessage *m = rpc_message_new();

                m->buf = g_malloc(len);
                m->cap = len;
                memcpy(m->buf, p, avail);
                m->len = avail;
                conn->rxbig = m;
                conn->rxstart = conn->rxend = 0;
            }
            break;
        } else {
            RpcMessage *m = rpc_message_new();

            m->buf = g_memdup2(p, len);
            m->len = m->cap = len;
            conn->rxstart += len;
            conn_handle_frame(conn, m);
        }
    }
    if (conn->rxstart > 0) {
        memmove(conn->rxbuf, conn->rxbuf + conn->rxstart, conn->rxend - conn->rxstart);
        conn->rxend -= conn->rxstart;
        conn->rxstart = 0;
    }
}

static void
conn_collect_fds(RpcConn *conn, struct msghdr *mh)
{
    for (struct cmsghdr *c = CMSG_FIRSTHDR(mh); c; c = CMSG_NXTHDR(mh, c)) {
        size_t n;

        if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
            continue;
        n = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
        for (size_t i = 0; i < n; i++) {
            int fd;

            memcpy(&fd, CMSG_DATA(c) + i * sizeof(int), sizeof(int));
            g_array_append_val(conn->rxfds, fd);
        }
    }
}

/* One recvmsg() into the buffer (or the big frame), then process. */
static void
conn_rx_read(RpcConn *conn)
{
    union {
        char buf[CMSG_SPACE(sizeof(int) * RPC_NUM_FDS_MAX)];
        struct cmsghdr align;
    } ctl;
    struct iovec iov;
    struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
    ssize_t n;

    if (conn->rxbig) {
        iov.iov_base = conn->rxbig->buf + conn->rxbig->len;
        iov.iov_len = conn->rxbig->cap - conn->rxbig->len;
    } else {
        if (conn->rxend == RX_BUF_SIZE)
            return;     /* paused with a full buffer: nothing to do */
        iov.iov_base = conn->rxbuf + conn->rxend;
        iov.iov_len = RX_BUF_SIZE - conn->rxend;
    }
    if (conn->is_unix) {
        mh.msg_control = ctl.buf;
        mh.msg_controllen = sizeof(ctl.buf);
    }
    do {
        n = recvmsg(conn->fd, &mh, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        if (errno != EAGAIN && errno != EWOULDBLOCK)
            conn_fail(conn, "read error");
        return;
    }
    if (mh.msg_controllen > 0)
        conn_collect_fds(conn, &mh);
    if (mh.msg_flags & MSG_CTRUNC || conn->rxfds->len > RX_FDS_QUEUE_MAX) {
        conn_fail(conn, "too many fds");
        return;
    }
    if (n == 0) {
        conn_fail(conn, "end of file");
        return;
    }
    if (conn->rxbig) {
        conn->rxbig->len += (size_t) n;
        if (conn->rxbig->len == conn->rxbig->cap) {
            RpcMessage *m = g_steal_pointer(&conn->rxbig);

            conn_handle_frame(conn, m);
        }
    } else {
        conn->rxend += (size_t) n;
    }
    conn_rx_process(conn);
}

static void
conn_do_close(RpcConn *conn)
{
    RpcMessage *m;

    g_mutex_lock(&conn->lock);
    conn->closed = true;
    conn->want_close = false;
    while ((m = g_queue_pop_head(&conn->txq)))
        rpc_message_free(m);
    conn->tx_bytes = 0;
    g_cond_broadcast(&conn->tx_cond);
    rpc_keepalive_stop(&conn->ka);
    shutdown(conn->fd, SHUT_RDWR);
    g_mutex_unlock(&conn->lock);
    if (!conn->closed_notified) {
        conn->closed_notified = true;
        if (conn->ops->closed)
            conn->ops->closed(conn, conn->opaque);
    }
}

static gboolean
conn_source_prepare(GSource *base, gint *timeout)
{
    ConnSource *s = (ConnSource *) base;
    RpcConn *conn = s->conn;
    GIOCondition want = 0;
    gboolean ready = FALSE;

    *timeout = -1;
    g_mutex_lock(&conn->lock);
    if (conn->want_close)
        ready = TRUE;
    if (!conn->closed && !conn->rx_paused)
        want |= G_IO_IN;
    if (!g_queue_is_empty(&conn->txq))
        want |= G_IO_OUT;
    if (conn->rx_kick && !conn->rx_paused)
        ready = TRUE;
    if (conn->ka.active) {
        gint64 left = conn->ka.next - g_get_monotonic_time();

        if (left <= 0)
            ready = TRUE;
        else
            *timeout = (gint) MIN(left / 1000 + 1, G_MAXINT);
    }
    g_mutex_unlock(&conn->lock);
    if (want != s->events) {
        s->events = want;
        g_source_modify_unix_fd(base, s->tag, want);
    }
    return ready;
}

static gboolean
conn_source_dispatch(GSource *base, GSourceFunc cb, gpointer data)
{
    ConnSource *s = (ConnSource *) base;
    RpcConn *conn = rpc_conn_ref(s->conn);
    GIOCondition rev = g_source_query_unix_fd(base, s->tag);
    RpcKaAction ka;
    bool kick;

    g_mutex_lock(&conn->lock);
    kick = conn->rx_kick;
    conn->rx_kick = false;
    /* a throttled peer is waiting for us, not silent */
    if (conn->rx_paused)
        rpc_keepalive_received(&conn->ka, g_get_monotonic_time());
    ka = rpc_keepalive_tick(&conn->ka, g_get_monotonic_time());
    if (rev & G_IO_OUT && conn_flush_locked(conn) < 0)
        conn_request_close_locked(conn, "write error");
    g_mutex_unlock(&conn->lock);

    if (ka == RPC_KA_DEAD) {
        log_info("keepalive timeout, closing connection");
        conn_fail(conn, "keepalive timeout");
    } else if (ka == RPC_KA_SEND_PING) {
        conn_send_keepalive(conn, RPC_KEEPALIVE_PING);
    }
    if (kick)
        conn_rx_process(conn);
    if (rev & (G_IO_IN | G_IO_HUP | G_IO_ERR) && !conn_rx_paused(conn))
        conn_rx_read(conn);
    else if (rev & (G_IO_HUP | G_IO_ERR) && !(rev & G_IO_IN) && !(s->events & G_IO_IN))
        conn_fail(conn, "hangup");

    g_mutex_lock(&conn->lock);
    kick = conn->want_close;
    g_mutex_unlock(&conn->lock);
    if (kick) {
        conn_do_close(conn);
        conn->source = NULL;
        rpc_conn_unref(conn);
        rpc_conn_unref(conn);
        return G_SOURCE_REMOVE;
    }
    rpc_conn_unref(conn);
    return G_SOURCE_CONTINUE;
}

static GSourceFuncs conn_source_funcs = {
    .prepare = conn_source_prepare,
    .dispatch = conn_source_dispatch,
};

/**
 * rpc_conn_new() - wrap a connected socket and attach it to @ctx
 * @fd: connected stream socket; ownership moves to the connection
 * @ctx: main context whose thread runs the receive side
 * @ops: callbacks (static storage)
 * @opaque: passed to @ops
 *
 * Return: the connection (one reference for the caller; the attached
 *         source holds another until the connection closes).
 */
RpcConn *
rpc_conn_new(int fd, GMainContext *ctx, const RpcConnOps *ops, void *opaque)
{
    RpcConn *conn = g_new0(RpcConn, 1);
    struct sockaddr_storage ss;
    socklen_t sl = sizeof(ss);
    struct ucred cred;
    socklen_t cl = sizeof(cred);
    int fl = fcntl(fd, F_GETFL);

    if (fl >= 0)
        fcntl(fd, F_SETFL, fl | O_NONBLOCK);
    conn->refs = 2;     /* caller + source */
    conn->fd = fd;
    conn->ctx = g_main_context_ref(ctx);
    conn->ops = ops;
    conn->opaque = opaque;
    conn->rxbuf = g_malloc(RX_BUF_SIZE);
    conn->rxfds = g_array_new(FALSE, FALSE, sizeof(int));
    conn->uid = (uid_t) -1;
    conn->gid = (gid_t) -1;
    conn->pid = -1;
    g_mutex_init(&conn->lock);
    g_cond_init(&conn->tx_cond);
    g_queue_init(&conn->txq);
    rpc_keepalive_stop(&conn->ka);
    if (getsockname(fd, (struct sockaddr *) &ss, &sl) == 0 && ss.ss_family == AF_UNIX) {
        conn->is_unix = true;
        if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &cl) == 0) {
            conn->uid = cred.uid;
            conn->gid = cred.gid;
            conn->pid = cred.pid;
        }
    }
    conn->source = (ConnSource *) g_source_new(&conn_source_funcs, sizeof(ConnSource));
    conn->source->conn = conn;
    conn->source->events = G_IO_IN;
    conn->source->tag = g_source_add_unix_fd(&conn->source->base, fd, G_IO_IN);
    g_source_set_name(&conn->source->base, "rpc-conn");
    /* GLib "blocks" a non-recursive source around each dispatch by removing
     * and re-adding its fds, which wakes the loop twice per message; we
     * never iterate the context from our callbacks, so skip that. */
    g_source_set_can_recurse(&conn->source->base, TRUE);
    g_source_attach(&conn->source->base, ctx);
    g_source_unref(&conn->source->base);
    return conn;
}
