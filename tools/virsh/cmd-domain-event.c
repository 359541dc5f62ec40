/*
 * cmd-domain-event.c: the domain event command (help keyword 'events'): wait for
 * one event type, or all of them, optionally for one domain, and print each event
 * on one line as libvirt's virsh does.
 */
#include <stdarg.h>
#include <string.h>

#include "tools/virsh/helpers.h"

/* Print one event line (the text after the optional timestamp); one-shot mode
 * stops after the first. */
static void G_GNUC_PRINTF(2, 3)
ev_print(VshEventData *d, const char *fmt, ...)
{
    g_autofree char *msg = NULL;
    g_autofree char *stamp = NULL;
    va_list ap;

    if (!d->loop && g_atomic_int_get(&d->count) > 0)
        return;
    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    if (d->timestamp) {
        stamp = vsh_timestamp();
        vsh_print(d->ctl, "%s: %s", stamp, msg);
    } else {
        vsh_print(d->ctl, "%s", msg);
    }
    g_atomic_int_inc(&d->count);
    if (!d->loop)
        vsh_event_done();
}

#define STR_AT(tab, i) ((i) >= 0 && (size_t) (i) < G_N_ELEMENTS(tab) && (tab)[i] ? (tab)[i] \
                                                                             : "unknown")

static const char *
lifecycle_str(int event)
{
    static const char *const t[] = {
        "Defined", "Undefined", "Started", "Suspended", "Resumed", "Stopped", "Shutdown",
        "PMSuspended", "Crashed",
    };

    return STR_AT(t, event);
}

static const char *
lifecycle_detail_str(int event, int detail)
{
    static const char *const defined[] = { "Added", "Updated", "Renamed", "Snapshot" };
    static const char *const undefined[] = { "Removed", "Renamed" };
    static const char *const started[] = { "Booted", "Migrated", "Restored", "Snapshot",
                                           "Event wakeup" };
    static const char *const suspended[] = { "Paused", "Migrated", "I/O Error", "Watchdog",
                                             "Restored", "Snapshot", "API error", "Post-copy",
                                             "Post-copy Error" };
    static const char *const resumed[] = { "Unpaused", "Migrated", "Snapshot", "Post-copy",
                                           "Post-copy Error" };
    static const char *const stopped[] = { "Shutdown", "Destroyed", "Crashed", "Migrated",
                                           "Saved", "Failed", "Snapshot" };
    static const char *const shutdown[] = { "Finished", "Finished after guest request",
                                            "Finished after host request" };
    static const char *const pmsuspended[] = { "Memory", "Disk" };
    static const char *const crashed[] = { "Panicked", "Crashloaded" };

    switch (event) {
    case VIR_DOMAIN_EVENT_DEFINED: return STR_AT(defined, detail);
    case VIR_DOMAIN_EVENT_UNDEFINED: return STR_AT(undefined, detail);
    case VIR_DOMAIN_EVENT_STARTED: return STR_AT(started, detail);
    case VIR_DOMAIN_EVENT_SUSPENDED: return STR_AT(suspended, detail);
    case VIR_DOMAIN_EVENT_RESUMED: return STR_AT(resumed, detail);
    case VIR_DOMAIN_EVENT_STOPPED: return STR_AT(stopped, detail);
    case VIR_DOMAIN_EVENT_SHUTDOWN: return STR_AT(shutdown, detail);
    case VIR_DOMAIN_EVENT_PMSUSPENDED: return STR_AT(pmsuspended, detail);
    case VIR_DOMAIN_EVENT_CRASHED: return STR_AT(crashed, detail);
    default: return "unknown";
    }
}

static void
cb_lifecycle(virConnectPtr c, virDomainPtr dom, int event, int detail, void *opaque)
{
    ev_print(opaque, "event 'lifecycle' for domain '%s': %s %s\n", virDomainGetName(dom),
             lifecycle_str(event), lifecycle_detail_str(event, detail));
}

static void
cb_reboot(virConnectPtr c, virDomainPtr dom, void *opaque)
{
    ev_print(opaque, "event '%s' for domain '%s'\n", "reboot", virDomainGetName(dom));
}

static void
cb_control_error(virConnectPtr c, virDomainPtr dom, void *opaque)
{
    ev_print(opaque, "event '%s' for domain '%s'\n", "control-error", virDomainGetName(dom));
}

static void
cb_rtc(virConnectPtr c, virDomainPtr dom, long long offset, void *opaque)
{
    ev_print(opaque, "event 'rtc-change' for domain '%s': %lld\n", virDomainGetName(dom),
             offset);
}

static void
cb_watchdog(virConnectPtr c, virDomainPtr dom, int action, void *opaque)
{
    static const char *const t[] = { "none", "pause", "reset", "poweroff", "shutdown",
                                     "debug", "inject-nmi" };

    ev_print(opaque, "event 'watchdog' for domain '%s': %s\n", virDomainGetName(dom),
             STR_AT(t, action));
}

static const char *const io_actions[] = { "none", "pause", "report" };

static void
cb_io_error(virConnectPtr c, virDomainPtr dom, const char *src, const char *alias, int action,
            void *opaque)
{
    ev_print(opaque, "event 'io-error' for domain '%s': %s (%s) %s\n", virDomainGetName(dom),
             src, alias, STR_AT(io_actions, action));
}

static void
cb_io_error_reason(virConnectPtr c, virDomainPtr dom, const char *src, const char *alias,
                   int action, const char *reason, void *opaque)
{
    ev_print(opaque, "event 'io-error-reason' for domain '%s': %s (%s) %s due to %s\n",
             virDomainGetName(dom), src, alias, STR_AT(io_actions, action), reason);
}

static void
cb_graphics(virConnectPtr c, virDomainPtr dom, int phase, const virDomainEventGraphicsAddress *l,
            const virDomainEventGraphicsAddress *r, const char *scheme,
            const virDomainEventGraphicsSubject *subject, void *opaque)
{
    static const char *const phases[] = { "connect", "initialize", "disconnect" };
    static const char *const fams[] = { "ipv4", "ipv6", "unix" };

    ev_print(opaque, "event 'graphics' for domain '%s': %s local[%s %s %s] remote[%s %s %s] %s\n",
             virDomainGetName(dom), STR_AT(phases, phase), STR_AT(fams, l->family), l->node,
             l->service, STR_AT(fams, r->family), r->node, r->service, scheme);
    for (int i = 0; subject && i < subject->nidentity; i++)
        vsh_print(((VshEventData *) opaque)->ctl, "\t%s=%s\n", subject->identities[i].type,
                  subject->identities[i].name);
}

static void
cb_block_job(virConnectPtr c, virDomainPtr dom, const char *disk, int type, int status,
             void *opaque)
{
    static const char *const types[] = { "unknown", "Block Pull", "Block Copy", "Block Commit",
                                         "Active Block Commit", "Backup" };
    static const char *const st[] = { "completed", "failed", "canceled", "ready" };

    ev_print(opaque, "event '%s' for domain '%s': %s for %s %s\n", "block-job",
             virDomainGetName(dom), STR_AT(types, type), disk, STR_AT(st, status));
}

static void
cb_block_job2(virConnectPtr c, virDomainPtr dom, const char *disk, int type, int status,
              void *opaque)
{
    static const char *const types[] = { "unknown", "Block Pull", "Block Copy", "Block Commit",
                                         "Active Block Commit", "Backup" };
    static const char *const st[] = { "completed", "failed", "canceled", "ready" };

    ev_print(opaque, "event '%s' for domain '%s': %s for %s %s\n", "block-job-2",
             virDomainGetName(dom), STR_AT(types, type), disk, STR_AT(st, status));
}

static void
cb_disk_change(virConnectPtr c, virDomainPtr dom, const char *old, const char *new_,
               const char *alias, int reason, void *opaque)
{
    static const char *const reasons[] = { "start", "dropped" };

    ev_print(opaque, "event 'disk-change' for domain '%s' disk %s: %s -> %s: %s\n",
             virDomainGetName(dom), alias, old ? old : "", new_ ? new_ : "",
             STR_AT(reasons, reason));
}

static void
cb_tray(virConnectPtr c, virDomainPtr dom, const char *alias, int reason, void *opaque)
{
    static const char *const t[] = { "opened", "closed" };

    ev_print(opaque, "event 'tray-change' for domain '%s' disk %s: %s\n", virDomainGetName(dom),
             alias, STR_AT(t, reason));
}

static void
cb_pm_wakeup(virConnectPtr c, virDomainPtr dom, int reason, void *opaque)
{
    ev_print(opaque, "event '%s' for domain '%s'\n", "pm-wakeup", virDomainGetName(dom));
}

static void
cb_pm_suspend(virConnectPtr c, virDomainPtr dom, int reason, void *opaque)
{
    ev_print(opaque, "event '%s' for domain '%s'\n", "pm-suspend", virDomainGetName(dom));
}

static void
cb_pm_suspend_disk(virConnectPtr c, virDomainPtr dom, int reason, void *opaque)
{
    ev_print(opaque, "event '%s' for domain '%s'\n", "pm-suspend-disk", virDomainGetName(dom));
}

static void
cb_balloon(virConnectPtr c, virDomainPtr dom, unsigned long long actual, void *opaque)
{
    ev_print(opaque, "event 'balloon-change' for domain '%s': %lluKiB\n", virDomainGetName(dom),
             actual);
}

static void
cb_device_removed(virConnectPtr c, virDomainPtr dom, const char *alias, void *opaque)
{
    ev_print(opaque, "event 'device-removed' for domain '%s': %s\n", virDomainGetName(dom),
             alias);
}

static void
cb_device_added(virConnectPtr c, virDomainPtr dom, const char *alias, void *opaque)
{
    ev_print(opaque, "event 'device-added' for domain '%s': %s\n", virDomainGetName(dom), alias);
}

static void
cb_device_removal_failed(virConnectPtr c, virDomainPtr dom, const char *alias, void *opaque)
{
    ev_print(opaque, "event 'device-removal-failed' for domain '%s': %s\n",
             virDomainGetName(dom), alias);
}

static void
print_params(VshEventData *d, virTypedParameterPtr params, int n)
{
    for (int i = 0; i < n; i++) {
        g_autofree char *v = vsh_param_value(&params[i]);

        vsh_print(d->ctl, "\t%s: %s\n", params[i].field, v);
    }
}

static void
cb_tunable(virConnectPtr c, virDomainPtr dom, virTypedParameterPtr params, int n, void *opaque)
{
    VshEventData *d = opaque;
    int before = g_atomic_int_get(&d->count);

    ev_print(d, "event 'tunable' for domain '%s':\n", virDomainGetName(dom));
    if (g_atomic_int_get(&d->count) != before)
        print_params(d, params, n);
}

static void
cb_job_completed(virConnectPtr c, virDomainPtr dom, virTypedParameterPtr params, int n,
                 void *opaque)
{
    VshEventData *d = opaque;
    int before = g_atomic_int_get(&d->count);

    ev_print(d, "event 'job-completed' for domain '%s':\n", virDomainGetName(dom));
    if (g_atomic_int_get(&d->count) != before)
        print_params(d, params, n);
}

static void
cb_agent(virConnectPtr c, virDomainPtr dom, int state, int reason, void *opaque)
{
    static const char *const states[] = { "unknown", "connected", "disconnected" };
    static const char *const reasons[] = { "unknown", "domain started", "channel event" };

    ev_print(opaque, "event 'agent-lifecycle' for domain '%s': state: '%s' reason: '%s'\n",
             virDomainGetName(dom), STR_AT(states, state), STR_AT(reasons, reason));
}

static void
cb_migration_iteration(virConnectPtr c, virDomainPtr dom, int iteration, void *opaque)
{
    ev_print(opaque, "event 'migration-iteration' for domain '%s': iteration: '%d'\n",
             virDomainGetName(dom), iteration);
}

static void
cb_metadata(virConnectPtr c, virDomainPtr dom, int type, const char *nsuri, void *opaque)
{
    static const char *const t[] = { "description", "title", "element" };

    ev_print(opaque, "event 'metadata-change' for domain '%s': type %s, uri %s\n",
             virDomainGetName(dom), STR_AT(t, type), nsuri ? nsuri : "n/a");
}

static void
cb_block_threshold(virConnectPtr c, virDomainPtr dom, const char *dev, const char *path,
                   unsigned long long threshold, unsigned long long excess, void *opaque)
{
    ev_print(opaque, "event 'block-threshold' for domain '%s': dev: %s(%s) %llu %llu\n",
             virDomainGetName(dom), dev, path ? path : "", threshold, excess);
}

static void
cb_memory_failure(virConnectPtr c, virDomainPtr dom, int recipient, int action,
                  unsigned int flags, void *opaque)
{
    static const char *const recipients[] = { "hypervisor", "guest" };
    static const char *const actions[] = { "ignore", "inject", "fatal", "reset" };
    VshEventData *d = opaque;
    int before = g_atomic_int_get(&d->count);

    ev_print(d, "event 'memory-failure' for domain '%s':\n", virDomainGetName(dom));
    if (g_atomic_int_get(&d->count) == before)
        return;
    vsh_print(d->ctl, "recipient: %s\n", STR_AT(recipients, recipient));
    vsh_print(d->ctl, "action: %s\n", STR_AT(actions, action));
    vsh_print(d->ctl, "flags:\n");
    vsh_print(d->ctl, "\taction required: %d\n",
              !!(flags & VIR_DOMAIN_MEMORY_FAILURE_ACTION_REQUIRED));
    vsh_print(d->ctl, "\trecursive: %d\n", !!(flags & VIR_DOMAIN_MEMORY_FAILURE_RECURSIVE));
}

static void
cb_memory_device_size(virConnectPtr c, virDomainPtr dom, const char *alias,
                      unsigned long long size, void *opaque)
{
    VshEventData *d = opaque;
    int before = g_atomic_int_get(&d->count);

    ev_print(d, "event 'memory-device-size-change' for domain '%s':\n", virDomainGetName(dom));
    if (g_atomic_int_get(&d->count) == before)
        return;
    vsh_print(d->ctl, "alias: %s\nsize: %llu\n", alias, size);
}

#define CB(f) ((virConnectDomainEventGenericCallback) (void (*)(void)) (f))

static const struct {
    const char *name;
    virConnectDomainEventGenericCallback cb;
} dom_events[] = {
    [VIR_DOMAIN_EVENT_ID_LIFECYCLE] = { "lifecycle", CB(cb_lifecycle) },
    [VIR_DOMAIN_EVENT_ID_REBOOT] = { "reboot", CB(cb_reboot) },
    [VIR_DOMAIN_EVENT_ID_RTC_CHANGE] = { "rtc-change", CB(cb_rtc) },
    [VIR_DOMAIN_EVENT_ID_WATCHDOG] = { "watchdog", CB(cb_watchdog) },
    [VIR_DOMAIN_EVENT_ID_IO_ERROR] = { "io-error", CB(cb_io_error) },
    [VIR_DOMAIN_EVENT_ID_GRAPHICS] = { "graphics", CB(cb_graphics) },
    [VIR_DOMAIN_EVENT_ID_IO_ERROR_REASON] = { "io-error-reason", CB(cb_io_error_reason) },
    [VIR_DOMAIN_EVENT_ID_CONTROL_ERROR] = { "control-error", CB(cb_control_error) },
    [VIR_DOMAIN_EVENT_ID_BLOCK_JOB] = { "block-job", CB(cb_block_job) },
    [VIR_DOMAIN_EVENT_ID_DISK_CHANGE] = { "disk-change", CB(cb_disk_change) },
    [VIR_DOMAIN_EVENT_ID_TRAY_CHANGE] = { "tray-change", CB(cb_tray) },
    [VIR_DOMAIN_EVENT_ID_PMWAKEUP] = { "pm-wakeup", CB(cb_pm_wakeup) },
    [VIR_DOMAIN_EVENT_ID_PMSUSPEND] = { "pm-suspend", CB(cb_pm_suspend) },
    [VIR_DOMAIN_EVENT_ID_BALLOON_CHANGE] = { "balloon-change", CB(cb_balloon) },
    [VIR_DOMAIN_EVENT_ID_PMSUSPEND_DISK] = { "pm-suspend-disk", CB(cb_pm_suspend_disk) },
    [VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED] = { "device-removed", CB(cb_device_removed) },
    [VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2] = { "block-job-2", CB(cb_block_job2) },
    [VIR_DOMAIN_EVENT_ID_TUNABLE] = { "tunable", CB(cb_tunable) },
    [VIR_DOMAIN_EVENT_ID_AGENT_LIFECYCLE] = { "agent-lifecycle", CB(cb_agent) },
    [VIR_DOMAIN_EVENT_ID_DEVICE_ADDED] = { "device-added", CB(cb_device_added) },
    [VIR_DOMAIN_EVENT_ID_MIGRATION_ITERATION] = { "migration-iteration",
                                                  CB(cb_migration_iteration) },
    [VIR_DOMAIN_EVENT_ID_JOB_COMPLETED] = { "job-completed", CB(cb_job_completed) },
    [VIR_DOMAIN_EVENT_ID_DEVICE_REMOVAL_FAILED] = { "device-removal-failed",
                                                    CB(cb_device_removal_failed) },
    [VIR_DOMAIN_EVENT_ID_METADATA_CHANGE] = { "metadata-change", CB(cb_metadata) },
    [VIR_DOMAIN_EVENT_ID_BLOCK_THRESHOLD] = { "block-threshold", CB(cb_block_threshold) },
    [VIR_DOMAIN_EVENT_ID_MEMORY_FAILURE] = { "memory-failure", CB(cb_memory_failure) },
    [VIR_DOMAIN_EVENT_ID_MEMORY_DEVICE_SIZE_CHANGE] = { "memory-device-size-change",
                                                        CB(cb_memory_device_size) },
};
G_STATIC_ASSERT(G_N_ELEMENTS(dom_events) == VIR_DOMAIN_EVENT_ID_LAST);

static bool
cmd_event(VshCtl *ctl, const VshCmd *cmd)
{
    VshEventData data = { .ctl = ctl };
    const char *event = NULL, *name = NULL;
    bool all = vsh_opt_bool(cmd, "all");
    g_autoptr(virDomain) dom = NULL;
    int ids[G_N_ELEMENTS(dom_events)];
    int cbs[G_N_ELEMENTS(dom_events)];
    size_t nids = 0, nreg = 0;
    int timeout = 0;
    virConnectPtr conn;

    if (vsh_opt_bool(cmd, "list")) {
        for (size_t i = 0; i < G_N_ELEMENTS(dom_events); i++)
            vsh_print(ctl, "%s\n", dom_events[i].name);
        return true;
    }
    if (vsh_opt_string(ctl, cmd, "event", &event) < 0)
        return false;
    if (!event && !all) {
        vsh_error(ctl, "one of --list, --all, or --event <type> is required");
        return false;
    }
    if (all) {
        if (event) {
            vsh_error(ctl, "Options --all and --event are mutually exclusive");
            return false;
        }
        for (size_t i = 0; i < G_N_ELEMENTS(dom_events); i++)
            ids[nids++] = (int) i;
    } else {
        for (size_t i = 0; i < G_N_ELEMENTS(dom_events); i++) {
            if (g_str_equal(dom_events[i].name, event))
                ids[nids++] = (int) i;
        }
        if (nids == 0) {
            vsh_error(ctl, "unknown event type %s", event);
            return false;
        }
    }
    data.loop = vsh_opt_bool(cmd, "loop");
    data.timestamp = vsh_opt_bool(cmd, "timestamp");
    if (vsh_opt_timeout(ctl, cmd, &timeout) < 0 || vsh_opt_string(ctl, cmd, "domain", &name) < 0)
        return false;
    if (!(conn = vsh_conn(ctl)))
        return false;
    if (name && !(dom = vsh_domain_lookup(ctl, name, VSH_BYANY)))
        return false;

    for (size_t i = 0; i < nids; i++) {
        int cb = virConnectDomainEventRegisterAny(conn, dom, ids[i], dom_events[ids[i]].cb,
                                                  &data, NULL);

        if (cb < 0) {
            for (size_t j = 0; j < nreg; j++)
                virConnectDomainEventDeregisterAny(conn, cbs[j]);
            return false;
        }
        cbs[nreg++] = cb;
    }
    return vsh_event_run(ctl, &data, conn, virConnectDomainEventDeregisterAny, cbs, nreg,
                         timeout);
}

static const VshOptDef opts_event[] = {
    { "domain", VSH_OT_STRING, 0, "only events of this domain" },
    { "event", VSH_OT_STRING, 0, "the event type to wait for" },
    { "all", VSH_OT_BOOL, 0, "wait for events of every type" },
    { "loop", VSH_OT_BOOL, 0, "keep waiting after the first event" },
    { "timeout", VSH_OT_INT, 0, "give up after this many seconds" },
    { "list", VSH_OT_BOOL, 0, "print the event types and exit" },
    { "timestamp", VSH_OT_BOOL, 0, "prefix each event with the time it was received" },
    { NULL }
};

static const VshCmdDef cmds_events[] = {
    { "event", cmd_event, opts_event, "wait for domain events",
      "Print domain events as they happen, or list the event types.", 0 },
    { NULL }
};

const VshCmdGroup vsh_group_events = { "Domain Events", "events", { cmds_events } };
