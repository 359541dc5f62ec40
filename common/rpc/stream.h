/* common/rpc/stream.h: server-side data streams tied to one CALL
 * (wire.md §6). A handler of a stream procedure opens the stream with
 * rpc_call_open_stream() before returning; STREAM / STREAM_HOLE frames with
 * the call's serial are then routed to the stream's ops (I/O thread), and
 * the driver sends data, holes, the end or an error from any thread. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <glib.h>

#include "common/rpc/conn.h"
#include "common/rpc/message.h"

typedef struct RpcStream RpcStream;
typedef struct RpcStreamTable RpcStreamTable;

typedef struct {
    /* Data from the client. Return 0, or -1 (reported) to fail the stream. */
    int (*recv_data)(RpcStream *st, const uint8_t *data, size_t len, void *opaque);
    /* A hole from the client (sparse streams only). Same returns. */
    int (*recv_hole)(RpcStream *st, int64_t length, unsigned int flags, void *opaque);
    /* The client finished sending. Return 0 (confirmed with STREAM OK) or
     * -1 (reported; answered with STREAM ERROR). Optional. */
    int (*finish)(RpcStream *st, void *opaque);
    /* The client aborted, or the connection closed. Optional. */
    void (*abort)(RpcStream *st, void *opaque);
    /* The stream is gone; release @opaque. Optional. */
    void (*free)(void *opaque);
} RpcStreamOps;

#define RPC_STREAM_SPARSE (1u << 0)

RpcStreamTable *rpc_stream_table_new(void);
void rpc_stream_table_free(RpcStreamTable *t);
RpcStream *rpc_stream_table_open(RpcStreamTable *t, RpcConn *conn, const RpcHeader *call,
                                 unsigned int flags, const RpcStreamOps *ops, void *opaque);
void rpc_stream_table_drop(RpcStreamTable *t, RpcStream *st);
void rpc_stream_set_ready(RpcStream *st);
bool rpc_stream_table_dispatch(RpcStreamTable *t, RpcMessage *msg);
void rpc_stream_table_abort_all(RpcStreamTable *t);

RpcStream *rpc_stream_ref(RpcStream *st);
void rpc_stream_unref(RpcStream *st);
int rpc_stream_send_data(RpcStream *st, const void *data, size_t len);
int rpc_stream_send_hole(RpcStream *st, int64_t length, unsigned int flags);
int rpc_stream_finish(RpcStream *st);
int rpc_stream_abort(RpcStream *st, const virError *err);
bool rpc_stream_is_closed(RpcStream *st);
void rpc_stream_pause_rx(RpcStream *st, bool pause);
