/* common/rpc/message.h: one libvirt RPC message (length word, 24-byte
 * header, XDR payload, optional fds) and its encoding. Pure data: no
 * sockets, no threads, no dispatch. See shared/protocol/wire.md §1-§5. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <glib.h>
#include <rpc/types.h>
#include <rpc/xdr.h>
#include <libvirt/virterror.h>

#define RPC_LEN_WORD          4u
#define RPC_HEADER_SIZE       24u
#define RPC_FRAME_MIN         (RPC_LEN_WORD + RPC_HEADER_SIZE)   /* 28 */
#define RPC_MESSAGE_MAX       33554432u                          /* header+payload */
#define RPC_FRAME_MAX         (RPC_MESSAGE_MAX + RPC_LEN_WORD)
#define RPC_PAYLOAD_MAX       (RPC_MESSAGE_MAX - RPC_HEADER_SIZE)
#define RPC_LEGACY_PAYLOAD_MAX 262120u
#define RPC_STRING_MAX        4194304u
#define RPC_NUM_FDS_MAX       32u
#define RPC_INITIAL_BUF       65536u

#define RPC_PROG_REMOTE       0x20008086u
#define RPC_PROG_QEMU         0x20008087u
#define RPC_PROG_LXC          0x00068000u
#define RPC_PROG_KEEPALIVE    0x6b656570u
#define RPC_PROG_ADMIN        0x06900690u
#define RPC_KEEPALIVE_PING    1
#define RPC_KEEPALIVE_PONG    2

typedef enum {
    RPC_CALL = 0,
    RPC_REPLY = 1,
    RPC_MESSAGE = 2,
    RPC_STREAM = 3,
    RPC_CALL_WITH_FDS = 4,
    RPC_REPLY_WITH_FDS = 5,
    RPC_STREAM_HOLE = 6,
} RpcMsgType;

typedef enum {
    RPC_STATUS_OK = 0,
    RPC_STATUS_ERROR = 1,
    RPC_STATUS_CONTINUE = 2,
} RpcMsgStatus;

typedef struct {
    uint32_t prog;
    uint32_t vers;
    int32_t proc;
    int32_t type;
    uint32_t serial;
    int32_t status;
} RpcHeader;

/* A whole frame in @buf (length word included). For received messages
 * @len == frame length and @hdr is decoded; for messages being built @len
 * grows as the payload is encoded. @payload_off is where the XDR body
 * starts (28, or 32 when an fd count precedes it). */
typedef struct {
    RpcHeader hdr;
    uint8_t *buf;
    size_t len;
    size_t cap;
    size_t payload_off;
    int *fds;             /* owned; closed by rpc_message_free() */
    size_t nfds;
    /* transmit progress, used by the connection layer only */
    size_t tx_off;
    size_t tx_fd_off;
} RpcMessage;

RpcMessage *rpc_message_new(void);
void rpc_message_free(RpcMessage *msg);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RpcMessage, rpc_message_free)

void rpc_header_encode(const RpcHeader *hdr, uint8_t out[RPC_HEADER_SIZE]);
void rpc_header_decode(const uint8_t in[RPC_HEADER_SIZE], RpcHeader *hdr);
bool rpc_frame_length_ok(uint32_t len);
bool rpc_type_has_fds(int type);

int rpc_message_parse(RpcMessage *msg);
int rpc_message_encode(RpcMessage *msg, const RpcHeader *hdr,
                       xdrproc_t proc, const void *data);
int rpc_message_encode_raw(RpcMessage *msg, const RpcHeader *hdr,
                           const void *data, size_t len);
int rpc_message_encode_error(RpcMessage *msg, const RpcHeader *hdr,
                             const virError *err);
int rpc_message_decode(const RpcMessage *msg, xdrproc_t proc, void *data);
int rpc_message_decode_error(const RpcMessage *msg, virError *ret_err);
void rpc_message_set_fds(RpcMessage *msg, int *fds, size_t nfds);
void rpc_message_set_serial(RpcMessage *msg, uint32_t serial);
RpcMessage *rpc_message_copy(const RpcMessage *msg);
const uint8_t *rpc_message_payload(const RpcMessage *msg, size_t *ret_len);

bool_t rpc_xdr_error(XDR *xdrs, virError *err);

/* STREAM_HOLE payload (virNetStreamHole: hyper length, unsigned int flags). */
#define RPC_STREAM_HOLE_SIZE 12
void rpc_stream_hole_encode(uint8_t out[RPC_STREAM_HOLE_SIZE], int64_t length,
                            unsigned int flags);
/* Return: 0, or -1 when @len is not RPC_STREAM_HOLE_SIZE (nothing set). */
int rpc_stream_hole_decode(const uint8_t *in, size_t len, int64_t *ret_length,
                           unsigned int *ret_flags);
void rpc_error_fill_default(virError *err);
