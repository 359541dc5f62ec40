/* common/rpc/keepalive.h: the keepalive timing rules of wire.md §7 as a
 * pure state machine (no clock, no I/O), shared by both ends. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

typedef enum {
    RPC_KA_NONE,        /* nothing to do yet */
    RPC_KA_SEND_PING,   /* send a PING now */
    RPC_KA_DEAD,        /* peer silent for too long: close */
} RpcKaAction;

typedef struct {
    bool active;
    int64_t interval_us;    /* > 0 when active */
    unsigned int count;     /* pings allowed without an answer */
    unsigned int left;      /* pings still allowed */
    int64_t last_rx;        /* monotonic µs of the last packet received */
    int64_t next;           /* when rpc_keepalive_tick() wants to run */
} RpcKeepalive;

void rpc_keepalive_start(RpcKeepalive *ka, int interval_s, unsigned int count, int64_t now);
void rpc_keepalive_stop(RpcKeepalive *ka);
void rpc_keepalive_received(RpcKeepalive *ka, int64_t now);
RpcKaAction rpc_keepalive_tick(RpcKeepalive *ka, int64_t now);
