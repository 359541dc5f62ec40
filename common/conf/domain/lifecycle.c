/* common/conf/domain/lifecycle.c: tables for the life-cycle actions
 * (<on_poweroff> ... <on_lockfailure>), <pm>, <perf> and the container
 * <idmap>. The on_* elements are plain text fields of the <domain> table;
 * their value lists are here. */
#include "config.h"

#include <stdlib.h>

#define ERR_DOMAIN VIR_FROM_DOMAIN
#include "common/util/err.h"
#include "common/conf/domain/general.h"

ENUM_STRINGS(domain_lifecycle_action, DOMAIN_LIFECYCLE_LAST,
             "", "destroy", "restart", "rename-restart", "preserve",
             "coredump-destroy", "coredump-restart");
ENUM_STRINGS(domain_lockfailure_action, DOMAIN_LOCKFAIL_LAST,
             "", "poweroff", "restart", "pause", "ignore");
ENUM_STRINGS(domain_perf_event, 22,
             "cmt", "mbmt", "mbml", "cpu_cycles", "instructions", "cache_references",
             "cache_misses", "branch_instructions", "branch_misses", "bus_cycles",
             "stalled_cycles_frontend", "stalled_cycles_backend", "ref_cpu_cycles",
             "cpu_clock", "task_clock", "page_faults", "context_switches",
             "cpu_migrations", "page_faults_min", "page_faults_maj",
             "alignment_faults", "emulation_faults");

/* ---- <pm> ------------------------------------------------------------------- */

static const XmlField suspend_mem_fields[] = {
    XML_ATTR(DomainPm, suspend_to_mem, "enabled", tristate, 0),
    XML_END
};
static XML_SCHEMA(suspend_mem, DomainPm, "suspend-to-mem", suspend_mem_fields);

static const XmlField suspend_disk_fields[] = {
    XML_ATTR(DomainPm, suspend_to_disk, "enabled", tristate, 0),
    XML_END
};
static XML_SCHEMA(suspend_disk, DomainPm, "suspend-to-disk", suspend_disk_fields);

static const XmlField pm_fields[] = {
    XML_GROUP(&suspend_mem_schema, 0),
    XML_GROUP(&suspend_disk_schema, 0),
    XML_END
};
XML_SCHEMA(domain_pm, DomainPm, "pm", pm_fields);

/* ---- <perf> ----------------------------------------------------------------- */

static const XmlField perf_event_fields[] = {
    XML_ATTR_ENUM(DomainPerfEvent, name, "name", domain_perf_event, XF_REQUIRED,
                  .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_ATTR(DomainPerfEvent, enabled, "enabled", yesno, XF_REQUIRED),
    XML_END
};
XML_SCHEMA(domain_perf_event, DomainPerfEvent, "event", perf_event_fields);

static int
perf_event_cmp(const void *a, const void *b)
{
    return ((const DomainPerfEvent *) a)->name - ((const DomainPerfEvent *) b)->name;
}

/**
 * domain_perf_events_sort() - put perf events in libvirt's order
 * @events: events as parsed
 * @nevents: their count
 *
 * libvirt keeps one setting per event and prints them in its event order;
 * duplicates end up adjacent, for validation to refuse.
 */
void
domain_perf_events_sort(DomainPerfEvent *events, size_t nevents)
{
    if (nevents > 1)
        qsort(events, nevents, sizeof(*events), perf_event_cmp);
}

/* ---- <idmap> ------------------------------------------------------------------ */

static const XmlField idmap_fields[] = {
    XML_ATTR(DomainIdMapEntry, start, "start", uint, XF_REQUIRED),
    XML_ATTR(DomainIdMapEntry, target, "target", uint, XF_REQUIRED),
    XML_ATTR(DomainIdMapEntry, count, "count", uint, XF_REQUIRED | XF_NONZERO),
    XML_END
};
XML_SCHEMA(domain_idmap_uid, DomainIdMapEntry, "uid", idmap_fields);
XML_SCHEMA(domain_idmap_gid, DomainIdMapEntry, "gid", idmap_fields);
