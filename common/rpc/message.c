/* common/rpc/message.c: building and parsing single RPC frames. The header
 * is six big-endian words and is handled without XDR; payloads go through
 * the XDR codecs handed in by the caller. Never touches sockets. */
#include "config.h"

#define ERR_DOMAIN VIR_FROM_RPC

#include <string.h>
#include <unistd.h>

#include "common/rpc/message.h"
#include "common/util/err.h"

#define RPC_FIRST_BUF 4096u

static void
put_be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t) (v >> 24);
    p[1] = (uint8_t) (v >> 16);
    p[2] = (uint8_t) (v >> 8);
    p[3] = (uint8_t) v;
}

static uint32_t
get_be32(const uint8_t *p)
{
    return ((uint32_t) p[0] << 24) | ((uint32_t) p[1] << 16) |
           ((uint32_t) p[2] << 8) | (uint32_t) p[3];
}

/**
 * rpc_message_new() - an empty message with no buffer yet
 */
RpcMessage *
rpc_message_new(void)
{
    return g_new0(RpcMessage, 1);
}

/**
 * rpc_message_free() - free @msg, closing any fds it still owns
 * @msg: message or NULL
 */
void
rpc_message_free(RpcMessage *msg)
{
    if (!msg)
        return;
    for (size_t i = 0; i < msg->nfds; i++) {
        if (msg->fds[i] >= 0)
            close(msg->fds[i]);
    }
    g_free(msg->fds);
    g_free(msg->buf);
    g_free(msg);
}

/**
 * rpc_header_encode() - serialise @hdr as six XDR words
 */
void
rpc_header_encode(const RpcHeader *hdr, uint8_t out[RPC_HEADER_SIZE])
{
    put_be32(out, hdr->prog);
    put_be32(out + 4, hdr->vers);
    put_be32(out + 8, (uint32_t) hdr->proc);
    put_be32(out + 12, (uint32_t) hdr->type);
    put_be32(out + 16, hdr->serial);
    put_be32(out + 20, (uint32_t) hdr->status);
}

/**
 * rpc_header_decode() - inverse of rpc_header_encode(); cannot fail
 */
void
rpc_header_decode(const uint8_t in[RPC_HEADER_SIZE], RpcHeader *hdr)
{
    hdr->prog = get_be32(in);
    hdr->vers = get_be32(in + 4);
    hdr->proc = (int32_t) get_be32(in + 8);
    hdr->type = (int32_t) get_be32(in + 12);
    hdr->serial = get_be32(in + 16);
    hdr->status = (int32_t) get_be32(in + 20);
}

/**
 * rpc_frame_length_ok() - whether a received length word is acceptable
 * @len: the decoded first word of a frame (includes itself)
 *
 * A frame must at least hold the header and at most RPC_MESSAGE_MAX bytes
 * after the length word; anything else is a framing error (close).
 */
bool
rpc_frame_length_ok(uint32_t len)
{
    return len >= RPC_FRAME_MIN && len <= RPC_FRAME_MAX;
}

/**
 * rpc_type_has_fds() - whether messages of @type start with an fd count
 */
bool
rpc_type_has_fds(int type)
{
    return type == RPC_CALL_WITH_FDS || type == RPC_REPLY_WITH_FDS;
}

/**
 * rpc_message_parse() - decode the header of a complete received frame
 * @msg: message whose @buf/@len hold the whole frame
 *
 * Return: the number of fds that follow the frame on the stream (0 for
 *         types without fds), or -1 if the frame is malformed (not
 *         reported: the caller closes the connection).
 */
int
rpc_message_parse(RpcMessage *msg)
{
    uint32_t nfds;

    if (msg->len < RPC_FRAME_MIN || get_be32(msg->buf) != msg->len)
        return -1;
    rpc_header_decode(msg->buf + RPC_LEN_WORD, &msg->hdr);
    msg->payload_off = RPC_FRAME_MIN;
    if (!rpc_type_has_fds(msg->hdr.type))
        return 0;
    if (msg->len < RPC_FRAME_MIN + 4)
        return -1;
    nfds = get_be32(msg->buf + RPC_FRAME_MIN);
    if (nfds > RPC_NUM_FDS_MAX)
        return -1;
    msg->payload_off = RPC_FRAME_MIN + 4;
    return (int) nfds;
}

static void
rpc_message_reserve(RpcMessage *msg, size_t cap)
{
    if (msg->cap >= cap)
        return;
    msg->buf = g_realloc(msg->buf, cap);
    msg->cap = cap;
}

/* Lay out length placeholder, header and optional fd count. */
static void
rpc_message_begin(RpcMessage *msg, const RpcHeader *hdr)
{
    msg->hdr = *hdr;
    /* most frames are small; bigger payloads are measured and re-encoded */
    rpc_message_reserve(msg, RPC_FIRST_BUF);
    rpc_header_encode(hdr, msg->buf + RPC_LEN_WORD);
    msg->payload_off = RPC_FRAME_MIN;
    if (rpc_type_has_fds(hdr->type)) {
        put_be32(msg->buf + RPC_FRAME_MIN, (uint32_t) msg->nfds);
        msg->payload_off += 4;
    }
    msg->len = msg->payload_off;
    msg->tx_off = 0;
    msg->tx_fd_off = 0;
}

static void
rpc_message_finish(RpcMessage *msg)
{
    put_be32(msg->buf, (uint32_t) msg->len);
}

/* A counting XDR stream: how many bytes would @proc encode? libtirpc's
 * xdr_sizeof() gives up on large opaque data, so we count ourselves. The
 * running total lives in x_handy; beyond RPC_FRAME_MAX we stop counting. */
static bool_t
count_putlong(XDR *x, const long *v)
{
    x->x_handy += 4;
    return x->x_handy <= RPC_FRAME_MAX;
}

static bool_t
count_putbytes(XDR *x, const char *p, u_int len)
{
    if (len > RPC_FRAME_MAX - MIN(x->x_handy, RPC_FRAME_MAX))
        return FALSE;
    x->x_handy += len;
    return TRUE;
}

static u_int
count_getpos(XDR *x)
{
    return x->x_handy;
}

static int32_t *
count_inline(XDR *x, u_int len)
{
    return NULL;
}

static void
count_destroy(XDR *x)
{
}

static size_t
rpc_xdr_count(xdrproc_t proc, const void *data)
{
    static const struct xdr_ops ops = {
        .x_putlong = count_putlong,
        .x_putbytes = count_putbytes,
        .x_getpostn = count_getpos,
        .x_inline = count_inline,
        .x_destroy = count_destroy,
    };
    XDR x = { .x_op = XDR_ENCODE, .x_ops = (struct xdr_ops *) &ops, .x_handy = 0 };

    if (!proc(&x, (void *) data, 0))
        return 0;
    return x.x_handy;
}

/**
 * rpc_message_encode() - build a complete frame from @hdr and an XDR body
 * @msg: message to fill (previous content replaced; fds set beforehand
 *       with rpc_message_set_fds() are kept and counted)
 * @hdr: header to send
 * @proc: XDR encoder for @data, or NULL for an empty payload
 * @data: payload struct
 *
 * The buffer grows until the payload fits or RPC_FRAME_MAX is reached.
 * Return: 0, or -1 with an error reported.
 */
int
rpc_message_encode(RpcMessage *msg, const RpcHeader *hdr, xdrproc_t proc,
                   const void *data)
{
    rpc_message_begin(msg, hdr);
    if (proc) {
        for (;;) {
            XDR xdr;
            size_t need;
            bool ok;

            xdrmem_create(&xdr, (char *) msg->buf + msg->payload_off,
                          (u_int) (msg->cap - msg->payload_off), XDR_ENCODE);
            ok = proc(&xdr, (void *) data, 0);
            if (ok) {
                msg->len = msg->payload_off + xdr_getpos(&xdr);
                xdr_destroy(&xdr);
                break;
            }
            xdr_destroy(&xdr);
            /* too big for the buffer, or invalid data (NULL string...)? */
            need = msg->payload_off + rpc_xdr_count(proc, data);
            if (need == msg->payload_off || need <= msg->cap || need > RPC_FRAME_MAX) {
                err_report(VIR_ERR_RPC, "%s", "Unable to encode message payload");
                return -1;
            }
            rpc_message_reserve(msg, need);
        }
    }
    rpc_message_finish(msg);
    return 0;
}

/**
 * rpc_message_encode_raw() - build a frame whose payload is @data verbatim
 *
 * Used for stream data and for relaying payloads. Return: 0 or -1 reported.
 */
int
rpc_message_encode_raw(RpcMessage *msg, const RpcHeader *hdr, const void *data,
                       size_t len)
{
    rpc_message_begin(msg, hdr);
    if (len > RPC_FRAME_MAX - msg->payload_off) {
        err_report(VIR_ERR_RPC, "%s", "Unable to encode message payload");
        return -1;
    }
    rpc_message_reserve(msg, msg->payload_off + len);
    if (len)
        memcpy(msg->buf + msg->payload_off, data, len);
    msg->len = msg->payload_off + len;
    rpc_message_finish(msg);
    return 0;
}

/**
 * rpc_message_decode() - decode the payload of a received message
 * @msg: parsed message
 * @proc: XDR decoder (bounds strings/arrays per the .x maxima)
 * @data: zeroed struct to fill; on failure it is released with XDR_FREE
 *
 * Return: 0, or -1 with VIR_ERR_RPC reported.
 */
int
rpc_message_decode(const RpcMessage *msg, xdrproc_t proc, void *data)
{
    XDR xdr;
    bool ok;

    xdrmem_create(&xdr, (char *) msg->buf + msg->payload_off,
                  (u_int) (msg->len - msg->payload_off), XDR_DECODE);
    ok = proc(&xdr, data, 0);
    xdr_destroy(&xdr);
    if (!ok) {
        xdr_free(proc, data);
        err_report(VIR_ERR_RPC, "%s", "Unable to decode message payload");
        return -1;
    }
    return 0;
}

/**
 * rpc_message_payload() - raw payload bytes of @msg (after any fd count)
 */
const uint8_t *
rpc_message_payload(const RpcMessage *msg, size_t *ret_len)
{
    *ret_len = msg->len - msg->payload_off;
    return msg->buf + msg->payload_off;
}

/**
 * rpc_message_set_fds() - attach fds to send (ownership moves to @msg)
 */
void
rpc_message_set_fds(RpcMessage *msg, int *fds, size_t nfds)
{
    g_free(msg->fds);
    msg->fds = fds;
    msg->nfds = nfds;
}

/**
 * rpc_message_set_serial() - change the serial of a built or received frame
 * (header field and encoded bytes)
 */
void
rpc_message_set_serial(RpcMessage *msg, uint32_t serial)
{
    msg->hdr.serial = serial;
    put_be32(msg->buf + RPC_LEN_WORD + 16, serial);
}

/**
 * rpc_message_copy() - duplicate the frame bytes and header of @msg
 * (fds are not copied)
 */
RpcMessage *
rpc_message_copy(const RpcMessage *msg)
{
    RpcMessage *m = rpc_message_new();

    m->hdr = msg->hdr;
    m->buf = g_memdup2(msg->buf, msg->len);
    m->len = m->cap = msg->len;
    m->payload_off = msg->payload_off;
    return m;
}

/* ---- remote_error (== virNetMessageError) ---- */

static bool_t
xdr_opt_string(XDR *xdrs, char **s)
{
    bool_t present = *s != NULL;

    if (!xdr_bool(xdrs, &present))
        return FALSE;
    if (!present) {
        *s = NULL;
        return TRUE;
    }
    return xdr_string(xdrs, s, RPC_STRING_MAX);
}

/* Skip an optional remote_nonnull_domain (with_id) or network; we never
 * send them and discard them when received. */
static bool_t
xdr_opt_object(XDR *xdrs, bool with_id)
{
    bool_t present = FALSE;
    char *name = NULL;
    char uuid[16];
    int id = -1;
    bool_t ok;

    if (!xdr_bool(xdrs, &present))
        return FALSE;
    if (!present)
        return TRUE;
    if (xdrs->x_op == XDR_ENCODE)
        return FALSE;
    ok = xdr_string(xdrs, &name, RPC_STRING_MAX) &&
         xdr_opaque(xdrs, uuid, sizeof(uuid)) &&
         (!with_id || xdr_int(xdrs, &id));
    free(name);
    return ok;
}

/**
 * rpc_xdr_error() - XDR codec for the wire error struct into a virError
 * @xdrs: XDR stream (ENCODE or DECODE)
 * @err: error; on decode its strings are allocated (free with err_clear())
 *
 * The optional dom/net members are always sent absent and skipped on
 * decode.
 */
bool_t
rpc_xdr_error(XDR *xdrs, virError *err)
{
    int level = err->level;

    if (xdrs->x_op == XDR_FREE) {
        err_clear(err);
        return TRUE;
    }
    if (!xdr_int(xdrs, &err->code) || !xdr_int(xdrs, &err->domain) ||
        !xdr_opt_string(xdrs, &err->message) || !xdr_int(xdrs, &level) ||
        !xdr_opt_object(xdrs, true) ||
        !xdr_opt_string(xdrs, &err->str1) || !xdr_opt_string(xdrs, &err->str2) ||
        !xdr_opt_string(xdrs, &err->str3) ||
        !xdr_int(xdrs, &err->int1) || !xdr_int(xdrs, &err->int2) ||
        !xdr_opt_object(xdrs, false))
        return FALSE;
    err->level = level;
    return TRUE;
}

/**
 * rpc_error_fill_default() - make @err a generic error if it has no code
 *
 * Used when a handler failed without reporting: the peer still gets a
 * meaningful ERROR reply.
 */
void
rpc_error_fill_default(virError *err)
{
    if (err->code != VIR_ERR_OK)
        return;
    err_clear(err);
    err->code = VIR_ERR_INTERNAL_ERROR;
    err->domain = VIR_FROM_RPC;
    err->level = VIR_ERR_ERROR;
    err->message = g_strdup("internal error: unexpected failure without error");
}

/**
 * rpc_message_encode_error() - build an ERROR reply (status ERROR) for @hdr
 * @msg: message to fill
 * @hdr: header of the call being answered (type/status are overridden)
 * @err: error to send; a code of VIR_ERR_OK sends a generic error
 */
int
rpc_message_encode_error(RpcMessage *msg, const RpcHeader *hdr, const virError *err)
{
    RpcHeader h = *hdr;
    virError copy = { 0 };
    int r;

    h.type = RPC_REPLY;
    h.status = RPC_STATUS_ERROR;
    if (err)
        err_copy(&copy, err);
    rpc_error_fill_default(&copy);
    if (copy.level == 0)
        copy.level = VIR_ERR_ERROR;
    r = rpc_message_encode(msg, &h, (xdrproc_t) rpc_xdr_error, &copy);
    err_clear(&copy);
    return r;
}

/**
 * rpc_message_decode_error() - decode the remote_error of an ERROR reply
 * @msg: received message with status ERROR
 * @ret_err: zeroed virError to fill
 *
 * Return: 0, or -1 (reported) when the payload is not a valid error.
 */
int
rpc_message_decode_error(const RpcMessage *msg, virError *ret_err)
{
    return rpc_message_decode(msg, (xdrproc_t) rpc_xdr_error, ret_err);
}

/**
 * rpc_stream_hole_encode() - see message.h
 */
void
rpc_stream_hole_encode(uint8_t out[RPC_STREAM_HOLE_SIZE], int64_t length, unsigned int flags)
{
    uint64_t v = (uint64_t) length;

    for (int i = 0; i < 8; i++)
        out[i] = (uint8_t) (v >> (56 - 8 * i));
    for (int i = 0; i < 4; i++)
        out[8 + i] = (uint8_t) (flags >> (24 - 8 * i));
}

/**
 * rpc_stream_hole_decode() - see message.h
 */
int
rpc_stream_hole_decode(const uint8_t *in, size_t len, int64_t *ret_length,
                       unsigned int *ret_flags)
{
    uint64_t v = 0;
    unsigned int flags = 0;

    if (len != RPC_STREAM_HOLE_SIZE)
        return -1;
    for (int i = 0; i < 8; i++)
        v = (v << 8) | in[i];
    for (int i = 8; i < 12; i++)
        flags = (flags << 8) | in[i];
    *ret_length = (int64_t) v;
    if (ret_flags)
        *ret_flags = flags;
    return 0;
}
