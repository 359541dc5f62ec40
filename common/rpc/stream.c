/* common/rpc/stream.c: server-side streams (wire.md §6). A table per peer
 * maps the serial of the opening CALL to its stream; incoming STREAM and
 * STREAM_HOLE frames are routed through it on the I/O thread. Outgoing
 * frames carry the call's prog/proc/serial. Knows nothing of drivers. */
#include "config.h"

#define ERR_DOMAIN VIR_FROM_STREAMS

#include <string.h>

#include "common/rpc/stream.h"
#include "common/util/err.h"
#include "common/util/log.h"

/* Senders block while more than this is queued on the connection. */
#define STREAM_TX_HIGH_WATER (4u * 1024 * 1024)

struct RpcStream {
    gint refs;
    RpcConn *conn;
    RpcStreamTable *table;      /* NULL once removed */
    RpcHeader hdr;              /* of the opening call */
    unsigned int flags;
    const RpcStreamOps *ops;
    void *opaque;
    GMutex lock;
    bool local_done;            /* we sent OK or ERROR */
    bool closed;
    bool ready;                 /* the reply to the opening call is out */
    GQueue pending;             /* frames sent before that */
};

struct RpcStreamTable {
    GMutex lock;
    GHashTable *streams;        /* serial -> RpcStream* (one reference) */
};

/**
 * rpc_stream_table_new() - an empty per-connection stream table
 */
RpcStreamTable *
rpc_stream_table_new(void)
{
    RpcStreamTable *t = g_new0(RpcStreamTable, 1);

    g_mutex_init(&t->lock);
    t->streams = g_hash_table_new(NULL, NULL);
    return t;
}

/**
 * rpc_stream_table_free() - abort every remaining stream and free @t
 */
void
rpc_stream_table_free(RpcStreamTable *t)
{
    if (!t)
        return;
    rpc_stream_table_abort_all(t);
    g_hash_table_unref(t->streams);
    g_mutex_clear(&t->lock);
    g_free(t);
}

/**
 * rpc_stream_ref() - take a reference
 */
RpcStream *
rpc_stream_ref(RpcStream *st)
{
    g_atomic_int_inc(&st->refs);
    return st;
}

/**
 * rpc_stream_unref() - drop a reference
 */
void
rpc_stream_unref(RpcStream *st)
{
    if (!st || !g_atomic_int_dec_and_test(&st->refs))
        return;
    if (st->ops->free)
        st->ops->free(st->opaque);
    g_queue_clear_full(&st->pending, (GDestroyNotify) rpc_message_free);
    rpc_conn_unref(st->conn);
    g_mutex_clear(&st->lock);
    g_free(st);
}

/**
 * rpc_stream_table_open() - register a stream for the call @call
 * @flags: RPC_STREAM_SPARSE when the call asked for holes
 *
 * Return: the stream (one reference for the caller; the table keeps one).
 */
RpcStream *
rpc_stream_table_open(RpcStreamTable *t, RpcConn *conn, const RpcHeader *call,
                      unsigned int flags, const RpcStreamOps *ops, void *opaque)
{
    RpcStream *st = g_new0(RpcStream, 1);

    st->refs = 2;
    st->conn = rpc_conn_ref(conn);
    st->table = t;
    st->hdr = *call;
    st->flags = flags;
    st->ops = ops;
    st->opaque = opaque;
    g_mutex_init(&st->lock);
    g_queue_init(&st->pending);
    g_mutex_lock(&t->lock);
    g_hash_table_insert(t->streams, GUINT_TO_POINTER(call->serial), st);
    g_mutex_unlock(&t->lock);
    return st;
}

/* Remove @st from its table (dropping the table's reference). */
static void
stream_remove(RpcStream *st)
{
    RpcStreamTable *t;

    g_mutex_lock(&st->lock);
    t = g_steal_pointer(&st->table);
    st->closed = true;
    g_mutex_unlock(&st->lock);
    if (!t)
        return;
    g_mutex_lock(&t->lock);
    if (g_hash_table_lookup(t->streams, GUINT_TO_POINTER(st->hdr.serial)) == st)
        g_hash_table_remove(t->streams, GUINT_TO_POINTER(st->hdr.serial));
    g_mutex_unlock(&t->lock);
    rpc_stream_unref(st);
}

/**
 * rpc_stream_table_drop() - forget @st without callbacks (the opening call
 * failed after rpc_call_open_stream())
 */
void
rpc_stream_table_drop(RpcStreamTable *t, RpcStream *st)
{
    stream_remove(st);
}

/* Queue @m, or hold it until the reply to the opening call is out. */
static int
stream_queue(RpcStream *st, RpcMessage *m)
{
    int r = 0;

    g_mutex_lock(&st->lock);
    if (!st->ready)
        g_queue_push_tail(&st->pending, m);
    else
        r = rpc_conn_send(st->conn, m);
    g_mutex_unlock(&st->lock);
    if (r < 0) {
        err_report(VIR_ERR_RPC, "%s", "stream connection is closed");
        return -1;
    }
    return 0;
}

/**
 * rpc_stream_set_ready() - the reply to the opening call was queued: send
 * what the driver already produced, and from now on send directly
 */
void
rpc_stream_set_ready(RpcStream *st)
{
    RpcMessage *m;

    g_mutex_lock(&st->lock);
    st->ready = true;
    while ((m = g_queue_pop_head(&st->pending)))
        rpc_conn_send(st->conn, m);
    g_mutex_unlock(&st->lock);
}

static int
stream_send(RpcStream *st, int type, int status, const void *data, size_t len)
{
    RpcHeader h = st->hdr;
    RpcMessage *m = rpc_message_new();

    h.type = type;
    h.status = status;
    if (rpc_message_encode_raw(m, &h, data, len) < 0) {
        rpc_message_free(m);
        return -1;
    }
    return stream_queue(st, m);
}

static int
stream_send_error(RpcStream *st, const virError *err)
{
    RpcHeader h = st->hdr;
    RpcMessage *m = rpc_message_new();

    h.type = RPC_STREAM;
    if (rpc_message_encode_error(m, &h, err) < 0) {
        rpc_message_free(m);
        return -1;
    }
    /* encode_error made it a REPLY; a stream error is a STREAM frame */
    m->hdr.type = RPC_STREAM;
    rpc_header_encode(&m->hdr, m->buf + RPC_LEN_WORD);
    return stream_queue(st, m);
}

static bool
stream_usable(RpcStream *st)
{
    bool ok;

    g_mutex_lock(&st->lock);
    ok = !st->closed && !st->local_done;
    g_mutex_unlock(&st->lock);
    if (!ok)
        err_report(VIR_ERR_RPC, "%s", "stream is not open");
    return ok;
}

/**
 * rpc_stream_send_data() - send @len bytes (split into 262120-byte chunks);
 * blocks while the connection has too much queued (not on the I/O thread)
 * Return: 0 or -1 reported.
 */
int
rpc_stream_send_data(RpcStream *st, const void *data, size_t len)
{
    const uint8_t *p = data;

    if (!stream_usable(st))
        return -1;
    while (len > 0) {
        size_t n = MIN(len, (size_t) RPC_LEGACY_PAYLOAD_MAX);

        if (st->ready)
            rpc_conn_wait_tx(st->conn, STREAM_TX_HIGH_WATER);
        if (stream_send(st, RPC_STREAM, RPC_STATUS_CONTINUE, p, n) < 0)
            return -1;
        p += n;
        len -= n;
    }
    return 0;
}

/**
 * rpc_stream_send_hole() - send a hole of @length bytes (sparse streams)
 */
int
rpc_stream_send_hole(RpcStream *st, int64_t length, unsigned int flags)
{
    uint8_t buf[RPC_STREAM_HOLE_SIZE];

    if (!stream_usable(st))
        return -1;
    if (!(st->flags & RPC_STREAM_SPARSE)) {
        err_report(VIR_ERR_RPC, "%s", "stream does not support holes");
        return -1;
    }
    rpc_stream_hole_encode(buf, length, flags);
    return stream_send(st, RPC_STREAM_HOLE, RPC_STATUS_CONTINUE, buf, sizeof(buf));
}

/**
 * rpc_stream_finish() - end of our data: empty STREAM OK. The stream stays
 * registered until the client confirms with its own OK.
 */
int
rpc_stream_finish(RpcStream *st)
{
    if (!stream_usable(st))
        return -1;
    g_mutex_lock(&st->lock);
    st->local_done = true;
    g_mutex_unlock(&st->lock);
    return stream_send(st, RPC_STREAM, RPC_STATUS_OK, NULL, 0);
}

/**
 * rpc_stream_abort() - fail the stream: STREAM ERROR carrying @err (or the
 * thread's last error when NULL); the stream is removed
 */
int
rpc_stream_abort(RpcStream *st, const virError *err)
{
    int r;

    if (!stream_usable(st))
        return -1;
    r = stream_send_error(st, err ? err : err_get_last());
    stream_remove(st);
    return r;
}

/**
 * rpc_stream_is_closed() - whether the stream ended (either side)
 */
bool
rpc_stream_is_closed(RpcStream *st)
{
    bool r;

    g_mutex_lock(&st->lock);
    r = st->closed;
    g_mutex_unlock(&st->lock);
    return r;
}

/**
 * rpc_stream_pause_rx() - stop reading the connection while the backend
 * cannot take more data (flow control of uploads)
 */
void
rpc_stream_pause_rx(RpcStream *st, bool pause)
{
    rpc_conn_pause_rx(st->conn, pause);
}

static void
stream_fail_from_client(RpcStream *st)
{
    stream_send_error(st, err_get_last());
    err_reset_last();
    if (st->ops->abort)
        st->ops->abort(st, st->opaque);
    stream_remove(st);
}

/* One STREAM/STREAM_HOLE frame for @st (I/O thread). */
static void
stream_handle(RpcStream *st, RpcMessage *msg)
{
    size_t len;
    const uint8_t *p = rpc_message_payload(msg, &len);

    err_reset_last();
    if (msg->hdr.type == RPC_STREAM_HOLE) {
        int64_t hole = 0;
        unsigned int flags = 0;

        if (!(st->flags & RPC_STREAM_SPARSE) || msg->hdr.status != RPC_STATUS_CONTINUE ||
            rpc_stream_hole_decode(p, len, &hole, &flags) < 0) {
            err_report(VIR_ERR_RPC, "%s", "Unexpected stream hole");
            stream_fail_from_client(st);
            return;
        }
        if (!st->ops->recv_hole || st->ops->recv_hole(st, hole, flags, st->opaque) < 0)
            stream_fail_from_client(st);
        return;
    }
    switch (msg->hdr.status) {
    case RPC_STATUS_CONTINUE:
        if (!st->ops->recv_data) {
            err_report(VIR_ERR_RPC, "%s", "stream does not accept data");
            stream_fail_from_client(st);
        } else if (st->ops->recv_data(st, p, len, st->opaque) < 0) {
            stream_fail_from_client(st);
        }
        break;
    case RPC_STATUS_OK:
        /* client finished, or confirms our finish */
        if (!st->local_done && st->ops->finish && st->ops->finish(st, st->opaque) < 0) {
            stream_send_error(st, err_get_last());
        } else {
            stream_send(st, RPC_STREAM, RPC_STATUS_OK, NULL, 0);
        }
        stream_remove(st);
        break;
    default:
        /* client abort: confirm with an empty OK */
        if (st->ops->abort)
            st->ops->abort(st, st->opaque);
        stream_send(st, RPC_STREAM, RPC_STATUS_OK, NULL, 0);
        stream_remove(st);
        break;
    }
}

/**
 * rpc_stream_table_dispatch() - route a STREAM/STREAM_HOLE frame
 * Return: true when a stream took it (the caller still frees @msg).
 */
bool
rpc_stream_table_dispatch(RpcStreamTable *t, RpcMessage *msg)
{
    RpcStream *st;

    g_mutex_lock(&t->lock);
    st = g_hash_table_lookup(t->streams, GUINT_TO_POINTER(msg->hdr.serial));
    if (st && (st->hdr.prog != msg->hdr.prog || st->hdr.proc != msg->hdr.proc))
        st = NULL;
    if (st)
        rpc_stream_ref(st);
    g_mutex_unlock(&t->lock);
    if (!st)
        return false;
    stream_handle(st, msg);
    rpc_stream_unref(st);
    return true;
}

/**
 * rpc_stream_table_abort_all() - the connection is gone: abort and remove
 * every stream
 */
void
rpc_stream_table_abort_all(RpcStreamTable *t)
{
    GList *all;

    g_mutex_lock(&t->lock);
    all = g_hash_table_get_values(t->streams);
    for (GList *l = all; l; l = l->next)
        rpc_stream_ref(l->data);
    g_mutex_unlock(&t->lock);
    for (GList *l = all; l; l = l->next) {
        RpcStream *st = l->data;

        if (!rpc_stream_is_closed(st) && st->ops->abort)
            st->ops->abort(st, st->opaque);
        stream_remove(st);
        rpc_stream_unref(st);
    }
    g_list_free(all);
}
