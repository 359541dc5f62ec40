/* common/rpc/server.h: the server side of the RPC protocol: listeners,
 * connected peers and call dispatch through the generated procedure tables.
 *
 * Threading (DESIGN.md §3a): the server's GMainContext thread accepts, reads
 * and routes. A call runs inline on that thread when the program's
 * is_inline predicate says it cannot block; otherwise on the worker pool,
 * or on the priority pool for PROC_F_PRIORITY procedures when every normal
 * worker is busy. Replies may therefore leave out of order; each carries
 * its call's serial.
 *
 * Streams: a handler for a PROC_F_STREAM procedure calls
 * rpc_call_open_stream() to get an RpcStream bound to the call's serial
 * (stream.h); STREAM/STREAM_HOLE frames with that serial are then routed to
 * the stream's ops instead of the dispatcher, and the stream sends
 * CONTINUE/OK/ERROR frames with the same prog/proc/serial. */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <glib.h>

#include "common/rpc/message.h"
#include "common/rpc/stream.h"
#include "protocol/procinfo.h"

typedef struct RpcServer RpcServer;
typedef struct RpcPeer RpcPeer;
typedef struct RpcCall RpcCall;

typedef struct {
    unsigned int max_clients;          /* 0 = unlimited */
    unsigned int max_unauth_clients;   /* of those, still authenticating; 0 = unlimited */
    unsigned int max_client_requests;  /* calls in flight per peer, >= 1 */
    unsigned int min_workers;
    unsigned int max_workers;          /* 0 = run everything inline */
    unsigned int prio_workers;
    int keepalive_interval;            /* <= 0: never ping */
    unsigned int keepalive_count;
} RpcServerLimits;

/* Decides per procedure whether it may run on the I/O thread; @opaque is
 * the server's opaque pointer. */
typedef bool (*RpcInlineFunc)(void *opaque, int prog, int proc);

typedef struct {
    /* A peer was accepted (I/O thread). Return -1 to drop it. */
    int (*peer_new)(RpcServer *srv, RpcPeer *peer, void *opaque);
    /* A peer closed (I/O thread); calls may still be running. */
    void (*peer_closed)(RpcServer *srv, RpcPeer *peer, void *opaque);
    /* Called for each CALL that passed the program/procedure/auth/readonly
     * checks, before its args are decoded (I/O thread). Return 0 to
     * dispatch normally, 1 when the hook took the message over (it now
     * owns @msg and must answer it itself), or -1 to answer with an ERROR
     * reply built from the thread's last error. */
    int (*pre_dispatch)(RpcServer *srv, RpcPeer *peer, const ProgramInfo *prog,
                        const ProcInfo *proc, RpcMessage *msg, void *opaque);
} RpcServerHooks;

RpcServer *rpc_server_new(const char *name, GMainContext *ctx,
                          const RpcServerLimits *limits,
                          const RpcServerHooks *hooks, void *opaque);
void rpc_server_free(RpcServer *srv);
void rpc_server_add_program(RpcServer *srv, const ProgramInfo *prog,
                            const void *handlers, RpcInlineFunc is_inline);
int rpc_server_add_listener(RpcServer *srv, int fd, bool readonly, int auth);
void rpc_server_shutdown(RpcServer *srv);
const char *rpc_server_name(RpcServer *srv);
unsigned int rpc_server_nclients(RpcServer *srv);
GPtrArray *rpc_server_peers(RpcServer *srv);
const RpcServerLimits *rpc_server_limits(RpcServer *srv);

/* The worker pools as virt-admin shows them. min_workers is the configured
 * figure: pool threads are started on demand and end when idle. */
typedef struct {
    unsigned int min_workers, max_workers, prio_workers;
    unsigned int cur_workers;       /* threads of the normal pool now */
    unsigned int free_workers;      /* of those, not running a call */
    unsigned int job_queue_depth;   /* calls waiting for a worker */
} RpcThreadpoolInfo;
void rpc_server_threadpool(RpcServer *srv, RpcThreadpoolInfo *info);
/* Change the pools (a negative value keeps the setting; max_workers 0 is
 * ignored: a server never goes back to running calls inline). Call from the
 * server's I/O thread, like dispatch. */
void rpc_server_set_threadpool(RpcServer *srv, long long min_workers, long long max_workers,
                               long long prio_workers);
/* New connections beyond @max_clients, or beyond @max_unauth_clients still
 * authenticating (0 = unlimited), are refused; I/O thread. */
void rpc_server_set_client_limits(RpcServer *srv, unsigned int max_clients,
                                  unsigned int max_unauth_clients);
/* Connected peers that have not authenticated yet. */
unsigned int rpc_server_nclients_unauth(RpcServer *srv);
void *rpc_server_opaque(RpcServer *srv);

RpcPeer *rpc_peer_ref(RpcPeer *peer);
void rpc_peer_unref(RpcPeer *peer);
uint64_t rpc_peer_id(RpcPeer *peer);
bool rpc_peer_readonly(RpcPeer *peer);
int rpc_peer_auth(RpcPeer *peer);
bool rpc_peer_authenticated(RpcPeer *peer);
void rpc_peer_set_authenticated(RpcPeer *peer, bool auth);
void rpc_peer_creds(RpcPeer *peer, uid_t *ret_uid, gid_t *ret_gid, pid_t *ret_pid);
int64_t rpc_peer_connect_time(RpcPeer *peer);
void *rpc_peer_get_data(RpcPeer *peer);
void rpc_peer_set_data(RpcPeer *peer, void *data, GDestroyNotify free_fn);
RpcServer *rpc_peer_server(RpcPeer *peer);
void rpc_peer_start_keepalive(RpcPeer *peer);
void rpc_peer_close(RpcPeer *peer);
bool rpc_peer_is_closed(RpcPeer *peer);
int rpc_peer_send_event(RpcPeer *peer, uint32_t prog, int proc,
                        xdrproc_t msg_proc, const void *msg);
int rpc_peer_send_message(RpcPeer *peer, RpcMessage *msg);
int rpc_peer_send_error(RpcPeer *peer, const RpcHeader *call_hdr, const virError *err);
void rpc_peer_request_done(RpcPeer *peer);

RpcPeer *rpc_call_peer(RpcCall *call);
void *rpc_call_client_data(RpcCall *call);
const RpcHeader *rpc_call_header(RpcCall *call);
const ProcInfo *rpc_call_proc(RpcCall *call);
int *rpc_call_take_fds(RpcCall *call, size_t *ret_nfds);
void rpc_call_set_reply_fds(RpcCall *call, int *fds, size_t nfds);
RpcStream *rpc_call_open_stream(RpcCall *call, unsigned int flags,
                                const RpcStreamOps *ops, void *opaque);

char *rpc_proc_api_name(const ProgramInfo *prog, const ProcInfo *proc);
