/* common/daemon/server.h: internals shared by the daemon runtime's files
 * (main, dispatch, admin, events, forward). Drivers include daemon.h only. */
#pragma once

#include <stdbool.h>
#include <sys/types.h>
#include <glib.h>

#include "common/daemon/daemon.h"
#include "common/daemon/daemonconf.h"
#include "common/daemon/events.h"
#include "common/daemon/sockets.h"
#include "common/rpc/server.h"
#include "protocol/admin_handlers.h"

struct DaemonCtx {
    const DaemonDriver *drv;
    bool privileged;
    GMainContext *main_ctx;
    GMainLoop *loop;
    const DaemonConfig *cfg;
    RpcServer *srv;
    RpcServer *admin_srv;
    RemoteHandlers remote_handlers;
    QemuHandlers qemu_handlers;
    LxcHandlers lxc_handlers;
    AdminHandlers admin_handlers;
    EventRegistry *events;
    void *driver_data;
    int64_t start_time;
    GThreadPool *fwd_pool;      /* forward.c, created on first use */
    unsigned int idle_timeout;  /* seconds without clients before exiting; 0 = never */
    int64_t idle_since;         /* monotonic µs, 0 = not idle */
    guint idle_source;          /* the once-a-second check, 0 = none */
};

struct DaemonClient {
    DaemonCtx *ctx;
    RpcPeer *peer;              /* not referenced: the client lives inside it */
    GMutex lock;
    bool opened;
    bool readonly;
    bool close_cb;
    char *uri;
    uid_t uid;
    gid_t gid;
    pid_t pid;
    void *data;
    GDestroyNotify data_free;
    struct DaemonForward *fwd;  /* forward.c: upstream connections */
};

/* server.c */
int daemon_servers_start(DaemonCtx *ctx, DaemonSocketSet *socks);
void daemon_servers_stop(DaemonCtx *ctx);
unsigned int daemon_servers_nclients(DaemonCtx *ctx);

/* dispatch.c */
void daemon_dispatch_setup(DaemonCtx *ctx);
int daemon_pre_dispatch(RpcServer *srv, RpcPeer *peer, const ProgramInfo *prog,
                        const ProcInfo *proc, RpcMessage *msg, void *opaque);
int daemon_open_uri_check(DaemonCtx *ctx, const char *name, char **ret_uri);

/* main.c: change the idle timeout (--timeout) while running; main thread */
void daemon_set_idle_timeout(DaemonCtx *ctx, unsigned int seconds);

/* admin.c */
void daemon_admin_setup(DaemonCtx *ctx);

/* forward.c */
int daemon_forward_call(DaemonCtx *ctx, RpcPeer *peer, const ProcInfo *proc,
                        RpcMessage *msg);
void daemon_forward_client_reset(DaemonClient *client);
void daemon_forward_stop(DaemonCtx *ctx);
