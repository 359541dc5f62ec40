/* common/rpc/client.h: the client end of an RPC connection (UNIX socket).
 * Synchronous, thread-safe calls with any number in flight; replies are
 * matched by serial. One private I/O thread per client receives replies,
 * events and keepalive traffic. Knows programs only through ProgramInfo. */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include <glib.h>

#include "common/rpc/message.h"
#include "protocol/procinfo.h"

typedef struct RpcClient RpcClient;

/* Event callback (client I/O thread): @msg is the decoded *_msg struct of
 * procedure @proc of program @prog; it is freed after the call. */
typedef void (*RpcClientEventFunc)(RpcClient *client, const ProgramInfo *prog,
                                   int proc, void *msg, void *opaque);
/* Raw event callback: every MESSAGE frame (non-keepalive) as received. */
typedef void (*RpcClientRawEventFunc)(RpcClient *client, const RpcMessage *msg,
                                      void *opaque);
/* Close callback (client I/O thread), once. @reason is a short text. */
typedef void (*RpcClientCloseFunc)(RpcClient *client, const char *reason, void *opaque);

RpcClient *rpc_client_open_unix(const char *path, int timeout_ms);
RpcClient *rpc_client_new_fd(int fd);
RpcClient *rpc_client_ref(RpcClient *client);
void rpc_client_unref(RpcClient *client);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RpcClient, rpc_client_unref)
void rpc_client_close(RpcClient *client);
bool rpc_client_is_open(RpcClient *client);

int rpc_client_call_raw(RpcClient *client, uint32_t prog, uint32_t vers, int proc,
                        xdrproc_t args_proc, void *args,
                        xdrproc_t ret_proc, void *ret,
                        const int *fds, size_t nfds,
                        int **ret_fds, size_t *ret_nfds);
int rpc_client_call(RpcClient *client, const ProgramInfo *prog, int proc,
                    void *args, void *ret);
int rpc_client_call_fds(RpcClient *client, const ProgramInfo *prog, int proc,
                        void *args, void *ret, const int *fds, size_t nfds,
                        int **ret_fds, size_t *ret_nfds);
int rpc_client_call_message(RpcClient *client, RpcMessage *call, RpcMessage **ret_reply);
int rpc_client_send_message(RpcClient *client, RpcMessage *msg);

void rpc_client_set_event_callback(RpcClient *client,
                                   const ProgramInfo *const *progs,
                                   RpcClientEventFunc cb, void *opaque);
void rpc_client_set_raw_event_callback(RpcClient *client, RpcClientRawEventFunc cb,
                                       void *opaque, GDestroyNotify free_opaque);
void rpc_client_set_close_callback(RpcClient *client, RpcClientCloseFunc cb, void *opaque);
void rpc_client_set_keepalive(RpcClient *client, int interval_s, unsigned int count);
void rpc_client_peer_creds(RpcClient *client, uid_t *ret_uid, gid_t *ret_gid,
                           pid_t *ret_pid);

const ProcInfo *rpc_program_proc(const ProgramInfo *prog, int proc);

/* ---- streams (wire.md §6): data that follows a call -------------------------
 * Make the stream, open it with the call, then send/recv until finish or
 * abort. STREAM frames go out from the caller's thread; those that come in
 * are queued by the I/O thread until read. */
typedef struct RpcClientStream RpcClientStream;
/* Something arrived for the stream, or the connection closed (I/O thread). */
typedef void (*RpcClientStreamNotify)(void *opaque);

#define RPC_STREAM_CHUNK 262120     /* VIR_NET_MESSAGE_LEGACY_PAYLOAD_MAX */

RpcClientStream *rpc_client_stream_new(RpcClient *client, const ProgramInfo *prog, int proc,
                                       bool sparse);
void rpc_client_stream_unref(RpcClientStream *st);
int rpc_client_call_stream(RpcClientStream *st, void *args, void *ret);
int rpc_client_stream_send(RpcClientStream *st, const char *data, size_t len);
int rpc_client_stream_send_hole(RpcClientStream *st, int64_t length, unsigned int flags);
int rpc_client_stream_recv(RpcClientStream *st, char *data, size_t len, bool nonblock,
                           bool stop_at_hole);
int rpc_client_stream_recv_hole(RpcClientStream *st, int64_t *length);
int rpc_client_stream_finish(RpcClientStream *st);
int rpc_client_stream_abort(RpcClientStream *st);
bool rpc_client_stream_readable(RpcClientStream *st);
void rpc_client_stream_set_notify(RpcClientStream *st, RpcClientStreamNotify fn,
                                  void *opaque);
