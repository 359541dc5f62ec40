/* tests/fuzz/fuzz-xdr.c: libFuzzer targets for the RPC decoders (DESIGN.md
 * §5: every decoder bounds what it reads, and is fuzzed).
 *
 * Built twice (tests/fuzz/meson.build):
 *   xdr-frame   (-DFUZZ_XDR_FRAME, needs common/rpc): the input is a byte
 *               stream as a connection receives it. It is cut into frames
 *               by their length words like conn.c does, each frame goes
 *               through rpc_message_parse(), and its payload is decoded the
 *               way the server (CALL) or client (REPLY, MESSAGE, ERROR)
 *               would, with the codecs from the generated procedure tables.
 *   xdr-payload (protocol only): the first 4 bytes pick a codec
 *               [program, proc (2 bytes, big-endian), kind (args/ret/msg)]
 *               and the rest is its XDR payload.
 * A successful decode must re-encode, and re-encoding must be a fixed point
 * (encode(decode(e)) == e for e = encode(decode(input))); the decoded value
 * is always released with xdr_free(). Violations abort. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include <rpc/types.h>
#include <rpc/xdr.h>

#include "procinfo.h"
#ifdef FUZZ_XDR_FRAME
# include "common/rpc/message.h"
# include "common/util/err.h"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Bigger inputs only slow the fuzzer down; the 32 MiB frame limit itself
 * is checked arithmetically and does not need such inputs. */
#define FUZZ_XDR_MAX (1024 * 1024)

static G_NORETURN void
fuzz_fail(const char *what, const char *codec)
{
    fprintf(stderr, "fuzz-xdr: %s: %s\n", codec, what);
    abort();
}

static void
release(xdrproc_t proc, void *obj)
{
    xdr_free(proc, obj);
    g_free(obj);
}

#ifndef FUZZ_XDR_FRAME

/* ---------------------------------------------------------------------
 * xdr-payload: a codec chosen by the first bytes, the rest as its payload
 * ------------------------------------------------------------------- */

/* Encode @obj with @proc into a fresh buffer; NULL when encoding fails. */
static uint8_t *
encode(xdrproc_t proc, void *obj, size_t cap, size_t *ret_len)
{
    uint8_t *buf = g_malloc0(cap ? cap : 1);
    XDR x;
    bool_t ok;

    xdrmem_create(&x, (char *) buf, (u_int) cap, XDR_ENCODE);
    ok = proc(&x, obj, 0);
    *ret_len = xdr_getpos(&x);
    xdr_destroy(&x);
    if (!ok) {
        g_free(buf);
        return NULL;
    }
    return buf;
}

/* Decode @len bytes into a zeroed @size-byte object; NULL when rejected
 * (already released). @ret_used: bytes consumed. */
static void *
decode(xdrproc_t proc, size_t size, const uint8_t *buf, size_t len, size_t *ret_used)
{
    void *obj = g_malloc0(size ? size : 1);
    XDR x;
    bool_t ok;

    xdrmem_create(&x, (char *) buf, (u_int) len, XDR_DECODE);
    ok = proc(&x, obj, 0);
    *ret_used = xdr_getpos(&x);
    xdr_destroy(&x);
    if (!ok) {
        xdr_free(proc, obj);
        g_free(obj);
        return NULL;
    }
    return obj;
}

/*
 * @obj was decoded from @used bytes. Check that it re-encodes to at most
 * @used bytes and that decoding and encoding that again gives the same
 * bytes. (Not "exactly @used": a string with an embedded NUL decodes, as in
 * libvirt, to the C string before the NUL and so re-encodes shorter.)
 */
static void
check_roundtrip(const char *codec, xdrproc_t proc, size_t size, void *obj, size_t used)
{
    g_autofree uint8_t *e1 = NULL;
    g_autofree uint8_t *e2 = NULL;
    size_t l1, l2, used2;
    void *obj2;

    /* slack so that a too-long encoding shows up as a length mismatch */
    e1 = encode(proc, obj, used + 64, &l1);
    if (!e1)
        fuzz_fail("a decoded value does not encode", codec);
    if (l1 > used)
        fuzz_fail("re-encoding is longer than the input", codec);
    obj2 = decode(proc, size, e1, l1, &used2);
    if (!obj2)
        fuzz_fail("our own encoding does not decode", codec);
    if (used2 != l1)
        fuzz_fail("our own encoding decodes partially", codec);
    e2 = encode(proc, obj2, l1 + 64, &l2);
    release(proc, obj2);
    if (!e2 || l2 != l1 || memcmp(e1, e2, l1) != 0)
        fuzz_fail("encode(decode(encode(decode(x)))) != encode(decode(x))", codec);
}

static const ProgramInfo *const programs[] = {
    &remote_program, &qemu_program, &lxc_program, &admin_program, &keepalive_program,
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const ProgramInfo *prog;
    const ProcInfo *p;
    xdrproc_t proc;
    size_t objsize;
    size_t used;
    void *obj;
    char codec[96];
    unsigned int kind;

    if (size < 4)
        return 0;
    if (size > FUZZ_XDR_MAX)
        size = FUZZ_XDR_MAX;
    prog = programs[data[0] % G_N_ELEMENTS(programs)];
    p = proc_lookup(prog, (int) ((((unsigned int) data[1] << 8) | data[2]) % prog->nprocs));
    if (!p)
        return 0;
    kind = data[3] % 3;
    switch (kind) {
    case 0:
        proc = p->args_proc;
        objsize = p->args_size;
        break;
    case 1:
        proc = p->ret_proc;
        objsize = p->ret_size;
        break;
    default:
        proc = p->msg_proc;
        objsize = p->msg_size;
        break;
    }
    if (!proc || objsize == 0)
        return 0;
    snprintf(codec, sizeof(codec), "%s.%s.%s", prog->name, p->name,
             kind == 0 ? "args" : kind == 1 ? "ret" : "msg");

    obj = decode(proc, objsize, data + 4, size - 4, &used);
    if (!obj)
        return 0;
    if (kind == 0)
        (void) proc_allowed_readonly(p, obj);   /* reads flag words of args */
    check_roundtrip(codec, proc, objsize, obj, used);
    release(proc, obj);
    return 0;
}

#else /* FUZZ_XDR_FRAME */

/* ---------------------------------------------------------------------
 * xdr-frame: a received byte stream, through common/rpc/message.c
 * ------------------------------------------------------------------- */

/* Payload of @msg with @proc, as the server/client does; then the round
 * trip through rpc_message_encode() and a second rpc_message_decode(). */
static void
frame_decode(const RpcMessage *msg, const ProcInfo *p, xdrproc_t proc, size_t size,
             const char *codec)
{
    g_autoptr(RpcMessage) enc1 = rpc_message_new();
    g_autoptr(RpcMessage) enc2 = rpc_message_new();
    void *obj = g_malloc0(size);
    void *obj2;
    size_t plen;

    if (rpc_message_decode(msg, proc, obj) < 0) {
        g_free(obj);                /* rpc_message_decode() freed the members */
        return;
    }
    if (p && proc == p->args_proc)
        (void) proc_allowed_readonly(p, obj);
    (void) rpc_message_payload(msg, &plen);
    if (rpc_message_encode(enc1, &msg->hdr, proc, obj) < 0)
        fuzz_fail("a decoded payload does not encode", codec);
    release(proc, obj);
    if (rpc_message_parse(enc1) < 0)
        fuzz_fail("rpc_message_encode() built a frame rpc_message_parse() rejects", codec);
    obj2 = g_malloc0(size);
    if (rpc_message_decode(enc1, proc, obj2) < 0)
        fuzz_fail("our own frame does not decode", codec);
    if (rpc_message_encode(enc2, &enc1->hdr, proc, obj2) < 0)
        fuzz_fail("a re-decoded payload does not encode", codec);
    release(proc, obj2);
    if (enc1->len != enc2->len || memcmp(enc1->buf, enc2->buf, enc1->len) != 0)
        fuzz_fail("frame encoding is not a fixed point", codec);
    if (enc1->len - enc1->payload_off > plen)
        fuzz_fail("re-encoded payload is longer than the received one", codec);
}

static void
frame_decode_error(const RpcMessage *msg)
{
    g_autoptr(RpcMessage) enc1 = rpc_message_new();
    g_autoptr(RpcMessage) enc2 = rpc_message_new();
    virError e = { 0 };
    virError e2 = { 0 };

    if (rpc_message_decode_error(msg, &e) < 0)
        return;
    if (rpc_message_encode_error(enc1, &msg->hdr, &e) < 0)
        fuzz_fail("a decoded error does not encode", "remote_error");
    err_clear(&e);
    if (rpc_message_parse(enc1) < 0 || rpc_message_decode_error(enc1, &e2) < 0)
        fuzz_fail("our own error frame does not decode", "remote_error");
    if (rpc_message_encode_error(enc2, &enc1->hdr, &e2) < 0)
        fuzz_fail("a re-decoded error does not encode", "remote_error");
    err_clear(&e2);
    if (enc1->len != enc2->len || memcmp(enc1->buf, enc2->buf, enc1->len) != 0)
        fuzz_fail("error frame encoding is not a fixed point", "remote_error");
}

/* What the receiving side does with one parsed frame. */
static void
frame_deliver(const RpcMessage *msg)
{
    const RpcHeader *h = &msg->hdr;
    const ProgramInfo *prog = program_find(h->prog, h->vers);
    const ProcInfo *p = prog ? proc_lookup(prog, h->proc) : NULL;
    g_autoptr(RpcMessage) copy = NULL;
    char codec[96];

    /* the relay path: copy, renumber, compare */
    copy = rpc_message_copy(msg);
    rpc_message_set_serial(copy, h->serial ^ 1u);
    rpc_message_set_serial(copy, h->serial);
    if (copy->len != msg->len || memcmp(copy->buf, msg->buf, msg->len) != 0)
        fuzz_fail("rpc_message_copy()/set_serial() changed the frame", "frame");

    if (!p)
        return;
    switch (h->type) {
    case RPC_CALL:
    case RPC_CALL_WITH_FDS:
        if (h->status != RPC_STATUS_OK || !p->args_size)
            return;
        snprintf(codec, sizeof(codec), "%s.%s.args", prog->name, p->name);
        frame_decode(msg, p, p->args_proc, p->args_size, codec);
        break;
    case RPC_REPLY:
    case RPC_REPLY_WITH_FDS:
        if (h->status == RPC_STATUS_ERROR) {
            frame_decode_error(msg);
        } else if (h->status == RPC_STATUS_OK && p->ret_size) {
            snprintf(codec, sizeof(codec), "%s.%s.ret", prog->name, p->name);
            frame_decode(msg, p, p->ret_proc, p->ret_size, codec);
        }
        break;
    case RPC_MESSAGE:
        if (p->msg_proc && p->msg_size) {
            snprintf(codec, sizeof(codec), "%s.%s.msg", prog->name, p->name);
            frame_decode(msg, p, p->msg_proc, p->msg_size, codec);
        }
        break;
    case RPC_STREAM:
    case RPC_STREAM_HOLE:
        if (h->status == RPC_STATUS_ERROR)
            frame_decode_error(msg);
        break;
    default:
        break;
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t off = 0;

    if (size > FUZZ_XDR_MAX)
        size = FUZZ_XDR_MAX;
    /* cut frames out of the stream exactly like conn_rx_process() */
    while (size - off >= RPC_LEN_WORD) {
        const uint8_t *p = data + off;
        uint32_t len = ((uint32_t) p[0] << 24) | ((uint32_t) p[1] << 16) |
                       ((uint32_t) p[2] << 8) | p[3];
        RpcMessage *msg;
        int nfds;

        if (!rpc_frame_length_ok(len) || len > size - off)
            break;                  /* connection closed / frame incomplete */
        msg = rpc_message_new();
        msg->buf = g_memdup2(p, len);
        msg->len = msg->cap = len;
        off += len;
        nfds = rpc_message_parse(msg);
        if (nfds < 0) {
            rpc_message_free(msg);
            break;
        }
        /* one in-band byte per passed fd follows the frame; no fds here */
        off += MIN((size_t) nfds, size - off);
        err_reset_last();
        frame_deliver(msg);
        rpc_message_free(msg);
    }
    err_reset_last();
    return 0;
}

#endif /* FUZZ_XDR_FRAME */
