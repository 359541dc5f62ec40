/* common/daemon/daemon.h: everything a driver daemon (daemons/<name>/)
 * needs from the shared runtime. A driver fills one const DaemonDriver and
 * its main() is `return daemon_run(argc, argv, &my_driver);`.
 *
 * The runtime owns: options, config file, logging, pid file, sockets, the
 * main loop, signals, idle timeout, the REMOTE connection procedures
 * (open/close/auth/features/uri/hostname/versions/identity/close
 * callbacks), event (de)registration for every object class, the admin
 * server, and answering procedures owned by another driver class.
 * The driver owns its objects and the handlers for its procedures. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <glib.h>

#include "common/rpc/server.h"
#include "protocol/procinfo.h"
#include "protocol/remote_handlers.h"
#include "protocol/qemu_handlers.h"
#include "protocol/lxc_handlers.h"

typedef struct DaemonCtx DaemonCtx;
typedef struct DaemonClient DaemonClient;

typedef struct DaemonDriver {
    const char *name;                   /* "virtsecretd": sockets, conf, pid */
    const char *const *uri_schemes;     /* {"secret", NULL}; [0] is canonical */
    const char *type_name;              /* virConnectGetType; NULL: uri_schemes[0] */
    ProcDriverClass klass;              /* procedures of this class are ours */

    /* Start-up, after config/sockets, before clients are accepted.
     * Return 0 or -1 (reported): the daemon exits 1. */
    int (*init)(DaemonCtx *ctx, bool privileged);
    /* Graceful stop, after every client is gone. Optional. */
    void (*shutdown)(DaemonCtx *ctx);
    /* SIGHUP. Optional. */
    int (*reload)(DaemonCtx *ctx);
    /* Whether something still needs the daemon when no client is
     * connected (blocks the --timeout idle exit). Optional. */
    bool (*busy)(DaemonCtx *ctx);

    /* Procedure handlers; members the core serves are overridden. */
    const RemoteHandlers *handlers;
    const QemuHandlers *qemu_handlers;  /* optional (virtqemud) */
    const LxcHandlers *lxc_handlers;    /* optional (virtlxcd) */
    /* Whether a call can never block and may run on the I/O thread.
     * NULL: every driver call goes to the worker pool. */
    bool (*is_inline)(int prog, int proc);

    /* Optional extra check on CONNECT_OPEN once the URI was accepted. */
    int (*connect_open)(RpcCall *call, const char *uri, unsigned int flags);
    /* Optional: answer CONNECT_SUPPORTS_FEATURE for features the core
     * does not know (return 0/1, or -1 reported). */
    int (*supports_feature)(DaemonCtx *ctx, int feature);
    /* Optional: per-client driver state cleanup when a client goes. */
    void (*client_closed)(DaemonCtx *ctx, DaemonClient *client);
    /* Optional extra lines for --help ("Configuration file: ..."). */
    const char *const *help_lines;
} DaemonDriver;

int daemon_run(int argc, char **argv, const DaemonDriver *drv);

/* ---- the running daemon ---- */
const DaemonDriver *daemon_ctx_driver(DaemonCtx *ctx);
bool daemon_ctx_privileged(DaemonCtx *ctx);
void *daemon_ctx_get_data(DaemonCtx *ctx);
void daemon_ctx_set_data(DaemonCtx *ctx, void *data);
GMainContext *daemon_ctx_main_context(DaemonCtx *ctx);
void daemon_ctx_quit(DaemonCtx *ctx);

/* ---- the calling client ---- */
DaemonCtx *daemon_call_ctx(RpcCall *call);
DaemonClient *daemon_call_client(RpcCall *call);
bool daemon_client_readonly(DaemonClient *client);
const char *daemon_client_uri(DaemonClient *client);
void daemon_client_identity(DaemonClient *client, uid_t *ret_uid, gid_t *ret_gid,
                            pid_t *ret_pid);
void *daemon_client_get_data(DaemonClient *client);
void daemon_client_set_data(DaemonClient *client, void *data, GDestroyNotify free_fn);
/* Shorthand used in handlers: the calling client's driver data. */
void *rpc_call_client_driver_data(RpcCall *call);

/* CONNECT_GET_HOSTNAME from gethostname(); automatic for hypervisor drivers,
 * which libvirt's secondary drivers do not answer. */
int daemon_core_get_hostname(RpcCall *call, remote_connect_get_hostname_ret *ret);

/* ---- events ----
 * @proc: event MESSAGE procedure of the REMOTE program (e.g.
 *        REMOTE_PROC_SECRET_EVENT_LIFECYCLE); its family (domain, network,
 *        storage pool, node device, secret) is derived from its name.
 * @event_id: VIR_*_EVENT_ID_* the registrations asked for.
 * @filter_key/@key_len: the object's UUID (16 bytes) or, for node
 *        devices, its name (strlen bytes); registrations with an object
 *        filter only receive events whose key matches.
 * @msg: the *_msg struct; it starts with `int callbackID`, which is
 *        overwritten per registration.
 * Safe from any thread. Return: number of clients the event was sent to. */
int daemon_emit_event(DaemonCtx *ctx, int proc, int event_id, const void *filter_key,
                      size_t key_len, void *msg);
/* Same for QEMU monitor events (QEMU_PROC_DOMAIN_MONITOR_EVENT). */
int daemon_emit_qemu_monitor_event(DaemonCtx *ctx, const void *dom_uuid,
                                   const char *event, void *msg);
