/* common/rpc/conn.h: a non-blocking RPC connection over a stream socket,
 * driven by a GMainContext. Owns framing (rx state machine), the transmit
 * queue, SCM_RIGHTS fd passing, keepalive PING/PONG and peer credentials.
 * Knows nothing of programs, procedures or dispatch. */
#pragma once

#include <stdbool.h>
#include <sys/types.h>
#include <glib.h>

#include "common/rpc/message.h"

typedef struct RpcConn RpcConn;

typedef struct {
    /* A complete non-keepalive message arrived (loop thread). The callee
     * owns @msg. */
    void (*message)(RpcConn *conn, RpcMessage *msg, void *opaque);
    /* The connection is gone (loop thread, exactly once). */
    void (*closed)(RpcConn *conn, void *opaque);
} RpcConnOps;

RpcConn *rpc_conn_new(int fd, GMainContext *ctx, const RpcConnOps *ops, void *opaque);
RpcConn *rpc_conn_ref(RpcConn *conn);
void rpc_conn_unref(RpcConn *conn);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RpcConn, rpc_conn_unref)

int rpc_conn_send(RpcConn *conn, RpcMessage *msg);
void rpc_conn_close(RpcConn *conn);
bool rpc_conn_is_closed(RpcConn *conn);
void rpc_conn_pause_rx(RpcConn *conn, bool pause);
void rpc_conn_start_keepalive(RpcConn *conn, int interval_s, unsigned int count);
void rpc_conn_stop_keepalive(RpcConn *conn);
void rpc_conn_peer_creds(RpcConn *conn, uid_t *ret_uid, gid_t *ret_gid, pid_t *ret_pid);
bool rpc_conn_is_unix(RpcConn *conn);
const char *rpc_conn_close_reason(RpcConn *conn);
void rpc_conn_wait_tx(RpcConn *conn, size_t max_pending);
