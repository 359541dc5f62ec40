/* api/remote/events.c: event registration over RPC and delivery of the
 * event messages of every family (domain, network, storage pool, node
 * device, secret) through api/event-state.c.
 *
 * Registration: the daemon is asked only for the first callback of a
 * (family, event id, object filter, daemon) tuple; the callbackID it
 * answers routes its messages to every callback sharing it. Domain events
 * use the callback protocol (CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY);
 * legacy domain event messages without a callbackID are delivered by
 * filter alone. Messages are decoded on the RPC I/O thread into a
 * RemoteEvent (the object as a new handle plus the values) and delivered
 * from the application's event loop. Domain GRAPHICS events are not
 * decoded (logged and dropped). */
#include "config.h"

#include <string.h>

#define ERR_DOMAIN VIR_FROM_REMOTE
#include "api/event-state.h"
#include "api/remote/remote.h"
#include "common/util/err.h"
#include "common/util/log.h"
#include "common/util/uuid.h"
#include "remote_client.h"

/* The values an event carries; which ones depends on the event id. */
typedef struct {
    void *obj;                  /* new handle of the object (one reference) */
    int i[3];
    long long ll;
    unsigned long long u[2];
    char *s[3];
    virTypedParameterPtr params;
    int nparams;
} RemoteEvent;

static void
remote_event_free(gpointer p)
{
    RemoteEvent *d = p;

    api_object_unref(d->obj);
    for (size_t i = 0; i < G_N_ELEMENTS(d->s); i++)
        g_free(d->s[i]);
    virTypedParamsFree(d->params, d->nparams);
    g_free(d);
}

static char *
remote_uuid_key(const unsigned char *uuid)
{
    char key[UUID_STR_LEN];

    uuid_format(uuid, key);
    return g_strdup(key);
}

/* ---- registration, shared by the families ---- */

/* Ask @rc to send (@event_id, @obj) events; set *@ret_id to its callbackID. */
typedef int (*RemoteEventWireRegister)(RemoteConn *rc, int event_id, void *obj, int *ret_id);
/* Tell @rc to stop sending events of its callbackID @remote_id. */
typedef int (*RemoteEventWireDeregister)(RemoteConn *rc, int remote_id);

static int
remote_event_register(virConnectPtr conn, ApiDriverClass cls, ApiEventFamily family,
                      int event_id, void *obj, const char *key, RemoteEventWireRegister wire,
                      ApiEventGenericFunc cb, void *opaque, virFreeCallback freecb)
{
    RemoteConn *rc = remote_route(conn, cls);
    int count;
    int remote_id;
    int id;

    if (!rc)
        return -1;
    id = api_event_register(conn, family, event_id, key, rc, cb, opaque, freecb, &count,
                            &remote_id);
    if (id < 0 || count > 1)
        return id;
    if (wire(rc, event_id, obj, &remote_id) < 0) {
        api_event_forget(conn, id);
        return -1;
    }
    api_event_set_remote_id(conn, id, remote_id);
    return id;
}

static int
remote_event_deregister(virConnectPtr conn, ApiEventFamily family, int callback_id,
                        RemoteEventWireDeregister wire)
{
    const void *source = NULL;
    int remote_id;
    int remaining;

    if (api_event_lookup(conn, family, callback_id, &remote_id, &source) < 0)
        return -1;
    remaining = api_event_deregister(conn, callback_id);
    if (remaining != 0 || remote_id < 0)
        return remaining < 0 ? -1 : 0;
    return wire((RemoteConn *) source, remote_id);
}

/* Queue a decoded event of @rc. */
static void
remote_event_queue(RemoteConn *rc, ApiEventFamily family, int event_id, int callback_id,
                   char *key, ApiEventDispatchFunc dispatch, RemoteEvent *d)
{
    ApiEvent *ev = g_new0(ApiEvent, 1);

    ev->family = family;
    ev->event_id = event_id;
    ev->remote_id = callback_id;
    ev->source = rc;
    ev->key = key;
    ev->dispatch = dispatch;
    ev->data = d;
    ev->data_free = remote_event_free;
    api_event_queue(rc->owner, ev);
}

/* ---- domains ---- */

static int
domain_wire_register(RemoteConn *rc, int event_id, void *obj, int *ret_id)
{
    remote_connect_domain_event_callback_register_any_args args = { .eventID = event_id };
    remote_connect_domain_event_callback_register_any_ret ret = { 0 };
    remote_nonnull_domain filter;

    if (obj) {
        remote_domain_to_wire(obj, &filter);
        args.dom = &filter;
    }
    if (remote_call_connect_domain_event_callback_register_any(rc->client, &args, &ret) < 0)
        return -1;
    *ret_id = ret.callbackID;
    return 0;
}

static int
domain_wire_deregister(RemoteConn *rc, int remote_id)
{
    remote_connect_domain_event_callback_deregister_any_args args = { .callbackID = remote_id };

    return remote_call_connect_domain_event_callback_deregister_any(rc->client, &args);
}

int
remote_op_connect_domain_event_register_any(virConnectPtr conn, virDomainPtr dom, int eventID,
                                         virConnectDomainEventGenericCallback cb,
                                         void *opaque, virFreeCallback freecb)
{
    g_autofree char *key = dom ? remote_uuid_key(dom->uuid) : NULL;

    return remote_event_register(conn, API_DRV_HYPERVISOR, API_EVENT_FAMILY_DOMAIN, eventID,
                                 dom, key, domain_wire_register, (ApiEventGenericFunc) cb,
                                 opaque, freecb);
}

int
remote_op_connect_domain_event_deregister_any(virConnectPtr conn, int callbackID)
{
    return remote_event_deregister(conn, API_EVENT_FAMILY_DOMAIN, callbackID,
                                   domain_wire_deregister);
}

/* The old interface: lifecycle events to @cb, one registration per @cb. */
int
remote_op_connect_domain_event_register(virConnectPtr conn, virConnectDomainEventCallback cb,
                                     void *opaque, virFreeCallback freecb)
{
    if (api_event_find(conn, API_EVENT_FAMILY_DOMAIN, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                       (ApiEventGenericFunc) cb) >= 0) {
        err_report(VIR_ERR_INVALID_ARG, "%s", "event callback already tracked");
        return -1;
    }
    /* the old callback has the lifecycle callback's arguments */
    return remote_event_register(conn, API_DRV_HYPERVISOR, API_EVENT_FAMILY_DOMAIN,
                                 VIR_DOMAIN_EVENT_ID_LIFECYCLE, NULL, NULL,
                                 domain_wire_register, (ApiEventGenericFunc) cb, opaque,
                                 freecb) < 0 ? -1 : 0;
}

int
remote_op_connect_domain_event_deregister(virConnectPtr conn, virConnectDomainEventCallback cb)
{
    int id = api_event_find(conn, API_EVENT_FAMILY_DOMAIN, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                            (ApiEventGenericFunc) cb);

    if (id < 0) {
        /* libvirt's domain_event.c wording, no error domain */
        err_report_full(VIR_FROM_NONE, VIR_ERR_INVALID_ARG, __FILE__, __func__, __LINE__,
                        "event callback function %p not registered", (void *) cb);
        return -1;
    }
    return remote_op_connect_domain_event_deregister_any(conn, id);
}

static void
domain_event_dispatch(virConnectPtr conn, const ApiEvent *ev, const ApiEventCallback *cb)
{
    const RemoteEvent *d = ev->data;
    virDomainPtr dom = d->obj;
    void *op = cb->opaque;

#define CALL(type, ...) ((type) cb->cb)(conn, dom, __VA_ARGS__)
    switch (ev->event_id) {
    case VIR_DOMAIN_EVENT_ID_LIFECYCLE:
        CALL(virConnectDomainEventCallback, d->i[0], d->i[1], op);
        break;
    case VIR_DOMAIN_EVENT_ID_RTC_CHANGE:
        CALL(virConnectDomainEventRTCChangeCallback, d->ll, op);
        break;
    case VIR_DOMAIN_EVENT_ID_WATCHDOG:
        CALL(virConnectDomainEventWatchdogCallback, d->i[0], op);
        break;
    case VIR_DOMAIN_EVENT_ID_IO_ERROR:
        CALL(virConnectDomainEventIOErrorCallback, d->s[0], d->s[1], d->i[0], op);
        break;
    case VIR_DOMAIN_EVENT_ID_IO_ERROR_REASON:
        CALL(virConnectDomainEventIOErrorReasonCallback, d->s[0], d->s[1], d->i[0], d->s[2],
             op);
        break;
    case VIR_DOMAIN_EVENT_ID_BLOCK_JOB:
    case VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2:
        CALL(virConnectDomainEventBlockJobCallback, d->s[0], d->i[0], d->i[1], op);
        break;
    case VIR_DOMAIN_EVENT_ID_DISK_CHANGE:
        CALL(virConnectDomainEventDiskChangeCallback, d->s[0], d->s[1], d->s[2], d->i[0], op);
        break;
    case VIR_DOMAIN_EVENT_ID_TRAY_CHANGE:
        CALL(virConnectDomainEventTrayChangeCallback, d->s[0], d->i[0], op);
        break;
    case VIR_DOMAIN_EVENT_ID_PMWAKEUP:
        CALL(virConnectDomainEventPMWakeupCallback, d->i[0], op);
        break;
    case VIR_DOMAIN_EVENT_ID_PMSUSPEND:
        CALL(virConnectDomainEventPMSuspendCallback, d->i[0], op);
        break;
    case VIR_DOMAIN_EVENT_ID_PMSUSPEND_DISK:
        CALL(virConnectDomainEventPMSuspendDiskCallback, d->i[0], op);
        break;
    case VIR_DOMAIN_EVENT_ID_BALLOON_CHANGE:
        CALL(virConnectDomainEventBalloonChangeCallback, d->u[0], op);
        break;
    case VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED:
    case VIR_DOMAIN_EVENT_ID_DEVICE_ADDED:
    case VIR_DOMAIN_EVENT_ID_DEVICE_REMOVAL_FAILED:
        CALL(virConnectDomainEventDeviceRemovedCallback, d->s[0], op);
        break;
    case VIR_DOMAIN_EVENT_ID_TUNABLE:
    case VIR_DOMAIN_EVENT_ID_JOB_COMPLETED:
        CALL(virConnectDomainEventTunableCallback, d->params, d->nparams, op);
        break;
    case VIR_DOMAIN_EVENT_ID_AGENT_LIFECYCLE:
        CALL(virConnectDomainEventAgentLifecycleCallback, d->i[0], d->i[1], op);
        break;
    case VIR_DOMAIN_EVENT_ID_MIGRATION_ITERATION:
        CALL(virConnectDomainEventMigrationIterationCallback, d->i[0], op);
        break;
    case VIR_DOMAIN_EVENT_ID_METADATA_CHANGE:
        CALL(virConnectDomainEventMetadataChangeCallback, d->i[0], d->s[0], op);
        break;
    case VIR_DOMAIN_EVENT_ID_BLOCK_THRESHOLD:
        CALL(virConnectDomainEventBlockThresholdCallback, d->s[0], d->s[1], d->u[0], d->u[1],
             op);
        break;
    case VIR_DOMAIN_EVENT_ID_MEMORY_FAILURE:
        CALL(virConnectDomainEventMemoryFailureCallback, d->i[0], d->i[1],
             (unsigned int) d->i[2], op);
        break;
    case VIR_DOMAIN_EVENT_ID_MEMORY_DEVICE_SIZE_CHANGE:
        CALL(virConnectDomainEventMemoryDeviceSizeChangeCallback, d->s[0], d->u[0], op);
        break;
    default:             /* REBOOT, CONTROL_ERROR */
        ((virConnectDomainEventGenericCallback) cb->cb)(conn, dom, op);
        break;
    }
#undef CALL
}

static char *
opt_dup(char **s)
{
    return s ? g_strdup(*s) : NULL;
}

/* Decoding of domain event messages into a RemoteEvent: each returns the
 * event id, or -1 when @proc is not one of its messages; *@ret_dom gets
 * the wire domain, *@ret_cb the callbackID (left alone for legacy
 * messages, which carry none). Legacy and callback forms of the same
 * event share a case pair. */
#define LEGACY(type) type *m = msg; *ret_dom = &m->dom
#define WRAPPED(type) type *w = msg; *ret_cb = w->callbackID; *ret_dom = &w->msg.dom
#define DIRECT(type) type *m = msg; *ret_cb = m->callbackID; *ret_dom = &m->dom

static int
domain_event_decode_basic(int proc, void *msg, RemoteEvent *d, const remote_nonnull_domain **ret_dom, int *ret_cb)
{
    switch (proc) {
    case REMOTE_PROC_DOMAIN_EVENT_LIFECYCLE: {
        LEGACY(remote_domain_event_lifecycle_msg);
        d->i[0] = m->event;
        d->i[1] = m->detail;
        return VIR_DOMAIN_EVENT_ID_LIFECYCLE;
    }
    case REMOTE_PROC_DOMAIN_EVENT_CALLBACK_LIFECYCLE: {
        WRAPPED(remote_domain_event_callback_lifecycle_msg);
        d->i[0] = w->msg.event;
        d->i[1] = w->msg.detail;
        return VIR_DOMAIN_EVENT_ID_LIFECYCLE;
    }
    case REMOTE_PROC_DOMAIN_EVENT_REBOOT: {
        LEGACY(remote_domain_event_reboot_msg);
        return VIR_DOMAIN_EVENT_ID_REBOOT;
    }
    case REMOTE_PROC_DOMAIN_EVENT_CALLBACK_REBOOT: {
        WRAPPED(remote_domain_event_callback_reboot_msg);
        return VIR_DOMAIN_EVENT_ID_REBOOT;
    }
    case REMOTE_PROC_DOMAIN_EVENT_RTC_CHANGE: {
        LEGACY(remote_domain_event_rtc_change_msg);
        d->ll = m->offset;
        return VIR_DOMAIN_EVENT_ID_RTC_CHANGE;
    }
    case REMOTE_PROC_DOMAIN_EVENT_CALLBACK_RTC_CHANGE: {
        WRAPPED(remote_domain_event_callback_rtc_change_msg);
        d->ll = w->msg.offset;
        return VIR_DOMAIN_EVENT_ID_RTC_CHANGE;
    }
    case REMOTE_PROC_DOMAIN_EVENT_WATCHDOG: {
        LEGACY(remote_domain_event_watchdog_msg);
        d->i[0] = m->action;
        return VIR_DOMAIN_EVENT_ID_WATCHDOG;
    }
    case REMOTE_PROC_DOMAIN_EVENT_CALLBACK_WATCHDOG: {
        WRAPPED(remote_domain_event_callback_watchdog_msg);
        d->i[0] = w->msg.action;
        return VIR_DOMAIN_EVENT_ID_WATCHDOG;
    }
    case REMOTE_PROC_DOMAIN_EVENT_IO_ERROR: {
        LEGACY(remote_domain_event_io_error_msg);
        d->s[0] = g_strdup(m->srcPath);
        d->s[1] = g_strdup(m->devAlias);
        d->i[0] = m->action;
        return VIR_DOMAIN_EVENT_ID_IO_ERROR;
    }
    case REMOTE_PROC_DOMAIN_EVENT_CALLBACK_IO_ERROR: {
        WRAPPED(remote_domain_event_callback_io_error_msg);
        d->s[0] = g_strdup(w->msg.srcPath);
        d->s[1] = g_strdup(w->msg.devAlias);
        d->i[0] = w->msg.action;
        return VIR_DOMAIN_EVENT_ID_IO_ERROR;
    }
    case REMOTE_PROC_DOMAIN_EVENT_IO_ERROR_REASON: {
        LEGACY(remote_domain_event_io_error_reason_msg);
        d->s[0] = g_strdup(m->srcPath);
        d->s[1] = g_strdup(m->devAlias);
        d->i[0] = m->action;
        d->s[2] = g_strdup(m->reason);
        return VIR_DOMAIN_EVENT_ID_IO_ERROR_REASON;
    }
    case REMOTE_PROC_DOMAIN_EVENT_CALLBACK_IO_ERROR_REASON: {
        WRAPPED(remote_domain_event_callback_io_error_reason_msg);
        d->s[0] = g_strdup(w->msg.srcPath);
        d->s[1] = g_strdup(w->msg.devAlias);
        d->i[0] = w->msg.action;
        d->s[2] = g_strdup(w->msg.reason);
        return VIR_DOMAIN_EVENT_ID_IO_ERROR_REASON;
    }
    case REMOTE_PROC_DOMAIN_EVENT_CONTROL_ERROR: {
        LEGACY(remote_domain_event_control_error_msg);
        return VIR_DOMAIN_EVENT_ID_CONTROL_ERROR;
    }
    case REMOTE_PROC_DOMAIN_EVENT_CALLBACK_CONTROL_ERROR: {
        WRAPPED(remote_domain_event_callback_control_error_msg);
        return VIR_DOMAIN_EVENT_ID_CONTROL_ERROR;
    }
    default:
        return -1;
    }
}

static int
domain_event_decode_devices(int proc, void *msg, RemoteEvent *d, const remote_nonnull_domain **ret_dom, int *ret_cb)
{
    switch (proc) {
    case REMOTE_PROC_DOMAIN_EVENT_BLOCK_JOB: {
        LEGACY(remote_domain_event_block_job_msg);
        d->s[0] = g_strdup(m->path);
        d->i[0] = m->type;
        d->i[1] = m->status;
        return VIR_DOMAIN_EVENT_ID_BLOCK_JOB;
    }
    case REMOTE_PROC_DOMAIN_EVENT_CALLBACK_BLOCK_JOB: {
        WRAPPED(remote_domain_event_callback_block_job_msg);
        d->s[0] = g_strdup(w->msg.path);
        d->i[0] = w->msg.type;
        d->i[1] = w->msg.status;
        return VIR_DOMAIN_EVENT_ID_BLOCK_JOB;
    }
    case REMOTE_PROC_DOMAIN_EVENT_BLOCK_JOB_2: {
        DIRECT(remote_domain_event_block_job_2_msg);
        d->s[0] = g_strdup(m->dst);
        d->i[0] = m->type;
        d->i[1] = m->status;
        return VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2;
    }
    case REMOTE_PROC_DOMAIN_EVENT_DISK_CHANGE: {
        LEGACY(remote_domain_event_disk_change_msg);
        d->s[0] = opt_dup(m->oldSrcPath);
        d->s[1] = opt_dup(m->newSrcPath);
        d->s[2] = g_strdup(m->devAlias);
        d->i[0] = m->reason;
        return VIR_DOMAIN_EVENT_ID_DISK_CHANGE;
    }
    case REMOTE_PROC_DOMAIN_EVENT_CALLBACK_DISK_CHANGE: {
        WRAPPED(remote_domain_event_callback_disk_change_msg);
        d->s[0] = opt_dup(w->msg.oldSrcPath);
        d->s[1] = opt_dup(w->msg.newSrcPath);
        d->s[2] = g_strdup(w->msg.devAlias);
        d->i[0] = w->msg.reason;
        return VIR_DOMAIN_EVENT_ID_DISK_CHANGE;
    }
    case REMOTE_PROC_DOMAIN_EVENT_TRAY_CHANGE: {
        LEGACY(remote_domain_event_tray_change_msg);
        d->s[0] = g_strdup(m->devAlias);
        d->i[0] = m->reason;
        return VIR_DOMAIN_EVENT_ID_TRAY_CHANGE;
    }
    case REMOTE_PROC_DOMAIN_EVENT_CALLBACK_TRAY_CHANGE: {
        WRAPPED(remote_domain_event_callback_tray_change_msg);
        d->s[0] = g_strdup(w->msg.devAlias);
        d->i[0] = w->msg.reason;
        return VIR_DOMAIN_EVENT_ID_TRAY_CHANGE;
    }
    case REMOTE_PROC_DOMAIN_EVENT_PMWAKEUP: {
        LEGACY(remote_domain_event_pmwakeup_msg);
        return VIR_DOMAIN_EVENT_ID_PMWAKEUP;
    }
    case REMOTE_PROC_DOMAIN_EVENT_CALLBACK_PMWAKEUP: {
        WRAPPED(remote_domain_event_callback_pmwakeup_msg);
        d->i[0] = w->reason;
        return VIR_DOMAIN_EVENT_ID_PMWAKEUP;
    }
    case REMOTE_PROC_DOMAIN_EVENT_PMSUSPEND: {
        LEGACY(remote_domain_event_pmsuspend_msg);
        return VIR_DOMAIN_EVENT_ID_PMSUSPEND;
    }
    case REMOTE_PROC_DOMAIN_EVENT_CALLBACK_PMSUSPEND: {
        WRAPPED(remote_domain_event_callback_pmsuspend_msg);
        d->i[0] = w->reason;
        return VIR_DOMAIN_EVENT_ID_PMSUSPEND;
    }
    case REMOTE_PROC_DOMAIN_EVENT_PMSUSPEND_DISK: {
        LEGACY(remote_domain_event_pmsuspend_disk_msg);
        return VIR_DOMAIN_EVENT_ID_PMSUSPEND_DISK;
    }
    case REMOTE_PROC_DOMAIN_EVENT_CALLBACK_PMSUSPEND_DISK: {
        WRAPPED(remote_domain_event_callback_pmsuspend_disk_msg);
        d->i[0] = w->reason;
        return VIR_DOMAIN_EVENT_ID_PMSUSPEND_DISK;
    }
    case REMOTE_PROC_DOMAIN_EVENT_BALLOON_CHANGE: {
        LEGACY(remote_domain_event_balloon_change_msg);
        d->u[0] = m->actual;
        return VIR_DOMAIN_EVENT_ID_BALLOON_CHANGE;
    }
    case REMOTE_PROC_DOMAIN_EVENT_CALLBACK_BALLOON_CHANGE: {
        WRAPPED(remote_domain_event_callback_balloon_change_msg);
        d->u[0] = w->msg.actual;
        return VIR_DOMAIN_EVENT_ID_BALLOON_CHANGE;
    }
    case REMOTE_PROC_DOMAIN_EVENT_DEVICE_REMOVED: {
        LEGACY(remote_domain_event_device_removed_msg);
        d->s[0] = g_strdup(m->devAlias);
        return VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED;
    }
    case REMOTE_PROC_DOMAIN_EVENT_CALLBACK_DEVICE_REMOVED: {
        WRAPPED(remote_domain_event_callback_device_removed_msg);
        d->s[0] = g_strdup(w->msg.devAlias);
        return VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED;
    }
    default:
        return -1;
    }
}

static int
domain_event_decode_newer(int proc, void *msg, RemoteEvent *d, const remote_nonnull_domain **ret_dom, int *ret_cb)
{
    switch (proc) {
    case REMOTE_PROC_DOMAIN_EVENT_CALLBACK_TUNABLE: {
        DIRECT(remote_domain_event_callback_tunable_msg);
        if (remote_params_from_wire_alloc(m->params.params_val, m->params.params_len,
                                          REMOTE_DOMAIN_EVENT_TUNABLE_MAX, &d->params,
                                          &d->nparams) < 0)
            return -1;
        return VIR_DOMAIN_EVENT_ID_TUNABLE;
    }
    case REMOTE_PROC_DOMAIN_EVENT_CALLBACK_AGENT_LIFECYCLE: {
        DIRECT(remote_domain_event_callback_agent_lifecycle_msg);
        d->i[0] = m->state;
        d->i[1] = m->reason;
        return VIR_DOMAIN_EVENT_ID_AGENT_LIFECYCLE;
    }
    case REMOTE_PROC_DOMAIN_EVENT_CALLBACK_DEVICE_ADDED: {
        DIRECT(remote_domain_event_callback_device_added_msg);
        d->s[0] = g_strdup(m->devAlias);
        return VIR_DOMAIN_EVENT_ID_DEVICE_ADDED;
    }
    case REMOTE_PROC_DOMAIN_EVENT_CALLBACK_MIGRATION_ITERATION: {
        DIRECT(remote_domain_event_callback_migration_iteration_msg);
        d->i[0] = m->iteration;
        return VIR_DOMAIN_EVENT_ID_MIGRATION_ITERATION;
    }
    case REMOTE_PROC_DOMAIN_EVENT_CALLBACK_JOB_COMPLETED: {
        DIRECT(remote_domain_event_callback_job_completed_msg);
        if (remote_params_from_wire_alloc(m->params.params_val, m->params.params_len,
                                          REMOTE_DOMAIN_JOB_STATS_MAX, &d->params,
                                          &d->nparams) < 0)
            return -1;
        return VIR_DOMAIN_EVENT_ID_JOB_COMPLETED;
    }
    case REMOTE_PROC_DOMAIN_EVENT_CALLBACK_DEVICE_REMOVAL_FAILED: {
        DIRECT(remote_domain_event_callback_device_removal_failed_msg);
        d->s[0] = g_strdup(m->devAlias);
        return VIR_DOMAIN_EVENT_ID_DEVICE_REMOVAL_FAILED;
    }
    case REMOTE_PROC_DOMAIN_EVENT_CALLBACK_METADATA_CHANGE: {
        DIRECT(remote_domain_event_callback_metadata_change_msg);
        d->i[0] = m->type;
        d->s[0] = opt_dup(m->nsuri);
        return VIR_DOMAIN_EVENT_ID_METADATA_CHANGE;
    }
    case REMOTE_PROC_DOMAIN_EVENT_BLOCK_THRESHOLD: {
        DIRECT(remote_domain_event_block_threshold_msg);
        d->s[0] = g_strdup(m->dev);
        d->s[1] = opt_dup(m->path);
        d->u[0] = m->threshold;
        d->u[1] = m->excess;
        return VIR_DOMAIN_EVENT_ID_BLOCK_THRESHOLD;
    }
    case REMOTE_PROC_DOMAIN_EVENT_MEMORY_FAILURE: {
        DIRECT(remote_domain_event_memory_failure_msg);
        d->i[0] = m->recipient;
        d->i[1] = m->action;
        d->i[2] = (int) m->flags;
        return VIR_DOMAIN_EVENT_ID_MEMORY_FAILURE;
    }
    case REMOTE_PROC_DOMAIN_EVENT_MEMORY_DEVICE_SIZE_CHANGE: {
        DIRECT(remote_domain_event_memory_device_size_change_msg);
        d->s[0] = g_strdup(m->alias);
        d->u[0] = m->size;
        return VIR_DOMAIN_EVENT_ID_MEMORY_DEVICE_SIZE_CHANGE;
    }
    default:
        return -1;
    }
}

#undef LEGACY
#undef WRAPPED
#undef DIRECT

static int
domain_event_decode(int proc, void *msg, RemoteEvent *d, const remote_nonnull_domain **ret_dom,
                    int *ret_cb)
{
    int event_id;

    *ret_cb = -1;
    event_id = domain_event_decode_basic(proc, msg, d, ret_dom, ret_cb);
    if (event_id < 0)
        event_id = domain_event_decode_devices(proc, msg, d, ret_dom, ret_cb);
    if (event_id < 0)
        event_id = domain_event_decode_newer(proc, msg, d, ret_dom, ret_cb);
    return event_id;
}

static bool
domain_event_on_message(RemoteConn *rc, int proc, void *msg)
{
    RemoteEvent *d = g_new0(RemoteEvent, 1);
    const remote_nonnull_domain *dom = NULL;
    int cbid;
    int event_id = domain_event_decode(proc, msg, d, &dom, &cbid);

    if (event_id < 0 || !dom) {
        remote_event_free(d);
        return false;
    }
    d->obj = remote_domain_from_wire(rc->owner, dom);
    remote_event_queue(rc, API_EVENT_FAMILY_DOMAIN, event_id, cbid,
                       remote_uuid_key((const unsigned char *) dom->uuid),
                       domain_event_dispatch, d);
    return true;
}

/* ---- networks, storage pools, node devices, secrets ---- */

/* Lifecycle callbacks of these families share a shape, so do the generic
 * ones (refresh, update, value changed). */
typedef void (*RemoteLifecycleFunc)(virConnectPtr conn, void *obj, int event, int detail,
                                    void *opaque);
typedef void (*RemoteGenericFunc)(virConnectPtr conn, void *obj, void *opaque);

static void
object_event_dispatch(virConnectPtr conn, const ApiEvent *ev, const ApiEventCallback *cb)
{
    const RemoteEvent *d = ev->data;

    if (ev->event_id == 0)          /* *_EVENT_ID_LIFECYCLE is 0 in every family */
        ((RemoteLifecycleFunc) cb->cb)(conn, d->obj, d->i[0], d->i[1], cb->opaque);
    else
        ((RemoteGenericFunc) cb->cb)(conn, d->obj, cb->opaque);
}

static int
network_wire_register(RemoteConn *rc, int event_id, void *obj, int *ret_id)
{
    remote_connect_network_event_register_any_args args = { .eventID = event_id };
    remote_connect_network_event_register_any_ret ret = { 0 };
    remote_nonnull_network filter;

    if (obj) {
        remote_network_to_wire(obj, &filter);
        args.net = &filter;
    }
    if (remote_call_connect_network_event_register_any(rc->client, &args, &ret) < 0)
        return -1;
    *ret_id = ret.callbackID;
    return 0;
}

static int
network_wire_deregister(RemoteConn *rc, int remote_id)
{
    remote_connect_network_event_deregister_any_args args = { .callbackID = remote_id };

    return remote_call_connect_network_event_deregister_any(rc->client, &args);
}

int
remote_op_connect_network_event_register_any(virConnectPtr conn, virNetworkPtr net, int eventID,
                                          virConnectNetworkEventGenericCallback cb,
                                          void *opaque, virFreeCallback freecb)
{
    g_autofree char *key = net ? remote_uuid_key(net->uuid) : NULL;

    return remote_event_register(conn, API_DRV_NETWORK, API_EVENT_FAMILY_NETWORK, eventID, net,
                                 key, network_wire_register, (ApiEventGenericFunc) cb, opaque,
                                 freecb);
}

int
remote_op_connect_network_event_deregister_any(virConnectPtr conn, int callbackID)
{
    return remote_event_deregister(conn, API_EVENT_FAMILY_NETWORK, callbackID,
                                   network_wire_deregister);
}

static int
pool_wire_register(RemoteConn *rc, int event_id, void *obj, int *ret_id)
{
    remote_connect_storage_pool_event_register_any_args args = { .eventID = event_id };
    remote_connect_storage_pool_event_register_any_ret ret = { 0 };
    remote_nonnull_storage_pool filter;

    if (obj) {
        remote_storage_pool_to_wire(obj, &filter);
        args.pool = &filter;
    }
    if (remote_call_connect_storage_pool_event_register_any(rc->client, &args, &ret) < 0)
        return -1;
    *ret_id = ret.callbackID;
    return 0;
}

static int
pool_wire_deregister(RemoteConn *rc, int remote_id)
{
    remote_connect_storage_pool_event_deregister_any_args args = { .callbackID = remote_id };

    return remote_call_connect_storage_pool_event_deregister_any(rc->client, &args);
}

int
remote_op_connect_storage_pool_event_register_any(virConnectPtr conn, virStoragePoolPtr pool,
                                               int eventID,
                                               virConnectStoragePoolEventGenericCallback cb,
                                               void *opaque, virFreeCallback freecb)
{
    g_autofree char *key = pool ? remote_uuid_key(pool->uuid) : NULL;

    return remote_event_register(conn, API_DRV_STORAGE, API_EVENT_FAMILY_STORAGE_POOL, eventID,
                                 pool, key, pool_wire_register, (ApiEventGenericFunc) cb,
                                 opaque, freecb);
}

int
remote_op_connect_storage_pool_event_deregister_any(virConnectPtr conn, int callbackID)
{
    return remote_event_deregister(conn, API_EVENT_FAMILY_STORAGE_POOL, callbackID,
                                   pool_wire_deregister);
}

static int
nodedev_wire_register(RemoteConn *rc, int event_id, void *obj, int *ret_id)
{
    remote_connect_node_device_event_register_any_args args = { .eventID = event_id };
    remote_connect_node_device_event_register_any_ret ret = { 0 };
    remote_nonnull_node_device filter;

    if (obj) {
        remote_node_device_to_wire(obj, &filter);
        args.dev = &filter;
    }
    if (remote_call_connect_node_device_event_register_any(rc->client, &args, &ret) < 0)
        return -1;
    *ret_id = ret.callbackID;
    return 0;
}

static int
nodedev_wire_deregister(RemoteConn *rc, int remote_id)
{
    remote_connect_node_device_event_deregister_any_args args = { .callbackID = remote_id };

    return remote_call_connect_node_device_event_deregister_any(rc->client, &args);
}

int
remote_op_connect_node_device_event_register_any(virConnectPtr conn, virNodeDevicePtr dev,
                                              int eventID,
                                              virConnectNodeDeviceEventGenericCallback cb,
                                              void *opaque, virFreeCallback freecb)
{
    return remote_event_register(conn, API_DRV_NODEDEV, API_EVENT_FAMILY_NODE_DEVICE, eventID,
                                 dev, dev ? dev->name : NULL, nodedev_wire_register,
                                 (ApiEventGenericFunc) cb, opaque, freecb);
}

int
remote_op_connect_node_device_event_deregister_any(virConnectPtr conn, int callbackID)
{
    return remote_event_deregister(conn, API_EVENT_FAMILY_NODE_DEVICE, callbackID,
                                   nodedev_wire_deregister);
}

static int
secret_wire_register(RemoteConn *rc, int event_id, void *obj, int *ret_id)
{
    remote_connect_secret_event_register_any_args args = { .eventID = event_id };
    remote_connect_secret_event_register_any_ret ret = { 0 };
    remote_nonnull_secret filter;

    if (obj) {
        remote_secret_to_wire(obj, &filter);
        args.secret = &filter;
    }
    if (remote_call_connect_secret_event_register_any(rc->client, &args, &ret) < 0)
        return -1;
    *ret_id = ret.callbackID;
    return 0;
}

static int
secret_wire_deregister(RemoteConn *rc, int remote_id)
{
    remote_connect_secret_event_deregister_any_args args = { .callbackID = remote_id };

    return remote_call_connect_secret_event_deregister_any(rc->client, &args);
}

int
remote_op_connect_secret_event_register_any(virConnectPtr conn, virSecretPtr secret, int eventID,
                                         virConnectSecretEventGenericCallback cb, void *opaque,
                                         virFreeCallback freecb)
{
    g_autofree char *key = secret ? remote_uuid_key(secret->uuid) : NULL;

    return remote_event_register(conn, API_DRV_SECRET, API_EVENT_FAMILY_SECRET, eventID, secret,
                                 key, secret_wire_register, (ApiEventGenericFunc) cb, opaque,
                                 freecb);
}

int
remote_op_connect_secret_event_deregister_any(virConnectPtr conn, int callbackID)
{
    return remote_event_deregister(conn, API_EVENT_FAMILY_SECRET, callbackID,
                                   secret_wire_deregister);
}

/* Decode a message of the object families; false when @proc is none. */
static bool
object_event_on_message(RemoteConn *rc, int proc, void *msg)
{
    virConnectPtr conn = rc->owner;
    RemoteEvent *d = g_new0(RemoteEvent, 1);
    ApiEventFamily family;
    int event_id = 0;
    int cbid;
    char *key;

    switch (proc) {
    case REMOTE_PROC_NETWORK_EVENT_LIFECYCLE: {
        remote_network_event_lifecycle_msg *m = msg;

        family = API_EVENT_FAMILY_NETWORK;
        cbid = m->callbackID;
        d->obj = remote_network_from_wire(conn, &m->net);
        d->i[0] = m->event;
        d->i[1] = m->detail;
        key = remote_uuid_key((const unsigned char *) m->net.uuid);
        break;
    }
    case REMOTE_PROC_STORAGE_POOL_EVENT_LIFECYCLE: {
        remote_storage_pool_event_lifecycle_msg *m = msg;

        family = API_EVENT_FAMILY_STORAGE_POOL;
        cbid = m->callbackID;
        d->obj = remote_storage_pool_from_wire(conn, &m->pool);
        d->i[0] = m->event;
        d->i[1] = m->detail;
        key = remote_uuid_key((const unsigned char *) m->pool.uuid);
        break;
    }
    case REMOTE_PROC_STORAGE_POOL_EVENT_REFRESH: {
        remote_storage_pool_event_refresh_msg *m = msg;

        family = API_EVENT_FAMILY_STORAGE_POOL;
        event_id = VIR_STORAGE_POOL_EVENT_ID_REFRESH;
        cbid = m->callbackID;
        d->obj = remote_storage_pool_from_wire(conn, &m->pool);
        key = remote_uuid_key((const unsigned char *) m->pool.uuid);
        break;
    }
    case REMOTE_PROC_NODE_DEVICE_EVENT_LIFECYCLE: {
        remote_node_device_event_lifecycle_msg *m = msg;

        family = API_EVENT_FAMILY_NODE_DEVICE;
        cbid = m->callbackID;
        d->obj = remote_node_device_from_wire(conn, &m->dev);
        d->i[0] = m->event;
        d->i[1] = m->detail;
        key = g_strdup(m->dev.name);
        break;
    }
    case REMOTE_PROC_NODE_DEVICE_EVENT_UPDATE: {
        remote_node_device_event_update_msg *m = msg;

        family = API_EVENT_FAMILY_NODE_DEVICE;
        event_id = VIR_NODE_DEVICE_EVENT_ID_UPDATE;
        cbid = m->callbackID;
        d->obj = remote_node_device_from_wire(conn, &m->dev);
        key = g_strdup(m->dev.name);
        break;
    }
    case REMOTE_PROC_SECRET_EVENT_LIFECYCLE: {
        remote_secret_event_lifecycle_msg *m = msg;

        family = API_EVENT_FAMILY_SECRET;
        cbid = m->callbackID;
        d->obj = remote_secret_from_wire(conn, &m->secret);
        d->i[0] = m->event;
        d->i[1] = m->detail;
        key = remote_uuid_key((const unsigned char *) m->secret.uuid);
        break;
    }
    case REMOTE_PROC_SECRET_EVENT_VALUE_CHANGED: {
        remote_secret_event_value_changed_msg *m = msg;

        family = API_EVENT_FAMILY_SECRET;
        event_id = VIR_SECRET_EVENT_ID_VALUE_CHANGED;
        cbid = m->callbackID;
        d->obj = remote_secret_from_wire(conn, &m->secret);
        key = remote_uuid_key((const unsigned char *) m->secret.uuid);
        break;
    }
    default:
        g_free(d);
        return false;
    }
    remote_event_queue(rc, family, event_id, cbid, key, object_event_dispatch, d);
    return true;
}

/**
 * remote_event_dispatch() - queue the event message @msg of procedure
 * @proc received on @rc
 *
 * Return: false when @proc is not an event of a known family.
 */
bool
remote_event_dispatch(RemoteConn *rc, int proc, void *msg)
{
    if (object_event_on_message(rc, proc, msg))
        return true;
    if (domain_event_on_message(rc, proc, msg))
        return true;
    if (proc == REMOTE_PROC_DOMAIN_EVENT_GRAPHICS ||
        proc == REMOTE_PROC_DOMAIN_EVENT_CALLBACK_GRAPHICS)
        log_debug("domain graphics events are not delivered by this client");
    return false;
}
