/* common/conf/domain/cpu_tune.c: tables for <vcpu>, <vcpus>, <iothreadids>,
 * <defaultiothread>, <cputune>, <numatune> and <resource>. Defaults that
 * depend on other parts of the domain (vCPU count, placement coupling,
 * iothread ids) are filled by the <domain> post-parse hook in domain.c. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#define ERR_DOMAIN VIR_FROM_DOMAIN
#include "common/util/err.h"
#include "common/util/parse.h"
#include "common/conf/domain/domain.h"

ENUM_STRINGS(domain_placement, DOMAIN_PLACEMENT_LAST, "static", "auto");
ENUM_STRINGS(domain_sched_policy, DOMAIN_SCHED_LAST, "", "batch", "idle", "fifo", "rr");
ENUM_STRINGS(domain_numa_mode, DOMAIN_NUMA_MODE_LAST,
             "strict", "preferred", "interleave", "restrictive");
ENUM_STRINGS(domain_numa_placement, DOMAIN_NUMA_PLACEMENT_LAST, "", "static", "auto");
ENUM_STRINGS_STATIC(cache_type, DOMAIN_CACHE_TYPE_LAST, "both", "code", "data");

#define CPUSET_ERR .errcode = VIR_ERR_INVALID_ARG

/* ---- <vcpu>, <vcpus>, iothreads ------------------------------------------ */

static const XmlField vcpu_fields[] = {
    XML_ATTR_ENUM(DomainVcpu, placement, "placement", domain_placement, 0,
                  XML_SEEN(DomainVcpu, placement_seen)),
    XML_ATTR(DomainVcpu, cpuset, "cpuset", dom_cpuset, 0, CPUSET_ERR),
    XML_ATTR(DomainVcpu, current, "current", uint, XF_OMIT_DEFAULT | XF_NONZERO),
    XML_TEXT(DomainVcpu, max, NULL, uint, XF_NONZERO),
    XML_END
};

/* With automatic placement the cpuset is chosen at start-up: libvirt drops a
 * configured one. A current count equal to the maximum is not printed. */
static void
vcpu_post_parse(void *obj)
{
    DomainVcpu *v = obj;

    if (v->placement == DOMAIN_PLACEMENT_AUTO)
        g_clear_pointer(&v->cpuset, g_free);
    if (v->current == v->max)
        v->current = 0;
}

XML_SCHEMA(domain_vcpu, DomainVcpu, "vcpu", vcpu_fields, .post_parse = vcpu_post_parse);

static const XmlField vcpu_info_fields[] = {
    XML_ATTR(DomainVcpuInfo, id, "id", uint, XF_REQUIRED),
    XML_ATTR(DomainVcpuInfo, enabled, "enabled", yesno, XF_REQUIRED),
    XML_ATTR(DomainVcpuInfo, hotpluggable, "hotpluggable", tristate, 0),
    XML_ATTR(DomainVcpuInfo, order, "order", uint, XF_OMIT_DEFAULT),
    XML_END
};
static XML_SCHEMA(vcpu_info, DomainVcpuInfo, "vcpu", vcpu_info_fields);

static const XmlField vcpus_fields[] = {
    XML_CHILDREN(DomainDef, vcpu_infos, nvcpu_infos, &vcpu_info_schema, 0),
    XML_END
};
XML_SCHEMA(domain_vcpus, DomainDef, "vcpus", vcpus_fields);

static const XmlField iothread_fields[] = {
    XML_ATTR(DomainIothread, id, "id", uint, XF_REQUIRED | XF_NONZERO),
    XML_ATTR(DomainIothread, pool_min, "thread_pool_min", uint, 0,
             XML_HAS(DomainIothread, has_pool_min)),
    XML_ATTR(DomainIothread, pool_max, "thread_pool_max", uint, 0,
             XML_HAS(DomainIothread, has_pool_max)),
    XML_END
};
static XML_SCHEMA(iothread, DomainIothread, "iothread", iothread_fields);

static const XmlField iothreadids_fields[] = {
    XML_CHILDREN(DomainDef, iothreadids, niothreadids, &iothread_schema, 0),
    XML_END
};
XML_SCHEMA(domain_iothreadids, DomainDef, "iothreadids", iothreadids_fields);

static const XmlField default_iothread_fields[] = {
    XML_ATTR(DomainDefaultIothread, pool_min, "thread_pool_min", uint, 0,
             XML_HAS(DomainDefaultIothread, has_pool_min)),
    XML_ATTR(DomainDefaultIothread, pool_max, "thread_pool_max", uint, 0,
             XML_HAS(DomainDefaultIothread, has_pool_max)),
    XML_END
};
XML_SCHEMA(domain_default_iothread, DomainDefaultIothread, "defaultiothread",
           default_iothread_fields);

/* ---- <cputune> ------------------------------------------------------------- */

static const XmlField vcpupin_fields[] = {
    XML_ATTR(DomainVcpuPin, vcpu, "vcpu", uint, XF_REQUIRED),
    XML_ATTR(DomainVcpuPin, cpuset, "cpuset", dom_cpuset, XF_REQUIRED, CPUSET_ERR),
    XML_END
};
static XML_SCHEMA(vcpupin, DomainVcpuPin, "vcpupin", vcpupin_fields);

static const XmlField iothreadpin_fields[] = {
    XML_ATTR(DomainIothreadPin, iothread, "iothread", uint, XF_REQUIRED | XF_NONZERO),
    XML_ATTR(DomainIothreadPin, cpuset, "cpuset", dom_cpuset, XF_REQUIRED, CPUSET_ERR),
    XML_END
};
static XML_SCHEMA(iothreadpin, DomainIothreadPin, "iothreadpin", iothreadpin_fields);

static const XmlField emulatorpin_fields[] = {
    XML_ATTR(DomainCputune, emulatorpin, "cpuset", dom_cpuset, XF_REQUIRED, CPUSET_ERR),
    XML_END
};
static XML_SCHEMA(emulatorpin, DomainCputune, "emulatorpin", emulatorpin_fields);

/* Real-time policies carry a priority; batch and idle do not. */
static const XmlField sched_prio_fields[] = {
    XML_ATTR(DomainSchedPriority, priority, "priority", uint, XF_REQUIRED, .max = 65535),
    XML_END
};
static XML_SCHEMA(sched_prio, DomainSchedPriority, "sched", sched_prio_fields);

static const XmlUnionCase sched_cases[] = {
    XML_CASE(DOMAIN_SCHED_FIFO, DomainSched, rt, &sched_prio_schema),
    XML_CASE(DOMAIN_SCHED_RR, DomainSched, rt, &sched_prio_schema),
};

#define SCHED_POLICY_FIELD \
    XML_UNION(DomainSched, policy, "scheduler", domain_sched_policy, sched_cases, \
              XF_REQUIRED, .min = 1, .errcode = VIR_ERR_CONFIG_UNSUPPORTED)

static const XmlField vcpusched_fields[] = {
    XML_ATTR(DomainSched, ids, "vcpus", dom_cpuset, XF_REQUIRED, CPUSET_ERR),
    SCHED_POLICY_FIELD,
    XML_END
};
static XML_SCHEMA(vcpusched, DomainSched, "vcpusched", vcpusched_fields);

static const XmlField iothreadsched_fields[] = {
    XML_ATTR(DomainSched, ids, "iothreads", dom_cpuset, XF_REQUIRED, CPUSET_ERR),
    SCHED_POLICY_FIELD,
    XML_END
};
static XML_SCHEMA(iothreadsched, DomainSched, "iothreadsched", iothreadsched_fields);

static const XmlField emulatorsched_fields[] = {
    SCHED_POLICY_FIELD,
    XML_END
};
static XML_SCHEMA(emulatorsched, DomainSched, "emulatorsched", emulatorsched_fields);

/* size= and unit= of a cache allocation: libvirt normalises the pair to the
 * largest unit that divides the size exactly (3072 KiB becomes 3 MiB). */
static int
cache_size_parse(XmlCtx *ctx, xmlNode *node, void *obj)
{
    DomainCacheAlloc *c = obj;
    g_autofree char *size = (char *) xmlGetNoNsProp(node, BAD_CAST "size");
    g_autofree char *unit = (char *) xmlGetNoNsProp(node, BAD_CAST "unit");
    unsigned long long v;

    if (!size)
        return 0;
    if (parse_ull(size, 10, &v) < 0 ||
        xml_scale_value(v, unit, 1024, 1, 0, &c->size_bytes) < 0) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "invalid value '%s' for attribute 'size' of element '%s': "
                      "expected a size with a known unit", size, xmlmap_ctx_path(ctx));
        return -1;
    }
    return 1;
}

static void
cache_size_format(XmlOut *out, const void *obj)
{
    const DomainCacheAlloc *c = obj;
    const char *unit;
    unsigned long long v = dom_size_pretty(c->size_bytes, &unit);

    xmlout_attr_printf(out, "size", "%llu", v);
    xmlout_attr(out, "unit", unit);
}

static const char *const cache_size_names[] = { "@size", "@unit", NULL };
XML_CUSTOM_DEFINE(cache_size_custom,
                  "the unit printed depends on the value (largest exact binary unit), "
                  "which a scaled codec with a fixed output unit cannot express",
                  .parse = cache_size_parse, .format_attrs = cache_size_format,
                  .consumes = cache_size_names);

static const XmlField cache_alloc_fields[] = {
    XML_ATTR(DomainCacheAlloc, id, "id", uint, XF_REQUIRED),
    XML_ATTR(DomainCacheAlloc, level, "level", uint, XF_REQUIRED),
    XML_ATTR_ENUM(DomainCacheAlloc, type, "type", cache_type, XF_REQUIRED),
    XML_CUSTOM(&cache_size_custom, XF_REQUIRED),
    XML_END
};
static XML_SCHEMA(cache_alloc, DomainCacheAlloc, "cache", cache_alloc_fields);

static const XmlField monitor_fields[] = {
    XML_ATTR(DomainResMonitor, level, "level", uint, XF_OMIT_DEFAULT),
    XML_ATTR(DomainResMonitor, vcpus, "vcpus", dom_cpuset, XF_REQUIRED, CPUSET_ERR),
    XML_END
};
static XML_SCHEMA(monitor, DomainResMonitor, "monitor", monitor_fields);

static const XmlField cachetune_fields[] = {
    XML_ATTR(DomainCachetune, vcpus, "vcpus", dom_cpuset, XF_REQUIRED, CPUSET_ERR),
    XML_ATTR(DomainCachetune, id, "id", string, XF_LIVE_ONLY),
    XML_CHILDREN(DomainCachetune, caches, ncaches, &cache_alloc_schema, 0),
    XML_CHILDREN(DomainCachetune, monitors, nmonitors, &monitor_schema, 0),
    XML_END
};
static XML_SCHEMA(cachetune, DomainCachetune, "cachetune", cachetune_fields);

static const XmlField mem_bandwidth_fields[] = {
    XML_ATTR(DomainMemBandwidth, id, "id", uint, XF_REQUIRED),
    XML_ATTR(DomainMemBandwidth, bandwidth, "bandwidth", uint, XF_REQUIRED),
    XML_END
};
static XML_SCHEMA(mem_bandwidth, DomainMemBandwidth, "node", mem_bandwidth_fields);

static const XmlField memorytune_fields[] = {
    XML_ATTR(DomainMemorytune, vcpus, "vcpus", dom_cpuset, XF_REQUIRED, CPUSET_ERR),
    XML_CHILDREN(DomainMemorytune, nodes, nnodes, &mem_bandwidth_schema, 0),
    XML_CHILDREN(DomainMemorytune, monitors, nmonitors, &monitor_schema, 0),
    XML_END
};
static XML_SCHEMA(memorytune, DomainMemorytune, "memorytune", memorytune_fields);

static const XmlField cputune_fields[] = {
    XML_TEXT(DomainCputune, shares, "shares", ullong, 0, XML_HAS(DomainCputune, has_shares)),
    XML_TEXT(DomainCputune, period, "period", ullong, XF_OMIT_DEFAULT),
    XML_TEXT(DomainCputune, quota, "quota", dom_llong, XF_OMIT_DEFAULT),
    XML_TEXT(DomainCputune, global_period, "global_period", ullong, XF_OMIT_DEFAULT),
    XML_TEXT(DomainCputune, global_quota, "global_quota", dom_llong, XF_OMIT_DEFAULT),
    XML_TEXT(DomainCputune, emulator_period, "emulator_period", ullong, XF_OMIT_DEFAULT),
    XML_TEXT(DomainCputune, emulator_quota, "emulator_quota", dom_llong, XF_OMIT_DEFAULT),
    XML_TEXT(DomainCputune, iothread_period, "iothread_period", ullong, XF_OMIT_DEFAULT),
    XML_TEXT(DomainCputune, iothread_quota, "iothread_quota", dom_llong, XF_OMIT_DEFAULT),
    XML_CHILDREN(DomainCputune, vcpupins, nvcpupins, &vcpupin_schema, 0),
    XML_GROUP(&emulatorpin_schema, 0),
    XML_CHILDREN(DomainCputune, iothreadpins, niothreadpins, &iothreadpin_schema, 0),
    XML_EMBED(DomainCputune, emulatorsched, &emulatorsched_schema, 0),
    XML_CHILDREN(DomainCputune, vcpuscheds, nvcpuscheds, &vcpusched_schema, 0),
    XML_CHILDREN(DomainCputune, iothreadscheds, niothreadscheds, &iothreadsched_schema, 0),
    XML_CHILDREN(DomainCputune, cachetunes, ncachetunes, &cachetune_schema, 0),
    XML_CHILDREN(DomainCputune, memorytunes, nmemorytunes, &memorytune_schema, 0),
    XML_END
};

/* Period and quota bounds are the ones libvirt documents for cgroups. */
static int
check_period(XmlCtx *ctx, const char *what, unsigned long long v)
{
    if (v != 0 && (v < 1000 || v > 1000000)) {
        xmlmap_report(ctx, VIR_ERR_CONFIG_UNSUPPORTED,
                      "value of '%s' in element '%s' must be in range [1000, 1000000]",
                      what, xmlmap_ctx_path(ctx));
        return -1;
    }
    return 0;
}

static int
check_quota(XmlCtx *ctx, const char *what, long long v)
{
    if (v != 0 && v != -1 && (v < 1000 || v > 17592186044415LL)) {
        xmlmap_report(ctx, VIR_ERR_CONFIG_UNSUPPORTED,
                      "value of '%s' in element '%s' must be -1 or in range "
                      "[1000, 17592186044415]", what, xmlmap_ctx_path(ctx));
        return -1;
    }
    return 0;
}

static int
vcpupin_cmp(const void *a, const void *b)
{
    const DomainVcpuPin *x = a, *y = b;

    return x->vcpu < y->vcpu ? -1 : x->vcpu > y->vcpu;
}

static int
iothreadpin_cmp(const void *a, const void *b)
{
    const DomainIothreadPin *x = a, *y = b;

    return x->iothread < y->iothread ? -1 : x->iothread > y->iothread;
}

/* libvirt keeps one scheduler setting per vCPU or I/O thread and prints one
 * element per id, in id order: split the ranges the same way. Entries that
 * name the same id twice stay (adjacent) for validation to refuse. */
static void
sched_expand(DomainSched **scheds, size_t *nscheds)
{
    GArray *out = g_array_new(FALSE, TRUE, sizeof(DomainSched));
    unsigned int top = 0;
    g_autofree bool **bits = g_new0(bool *, *nscheds + 1);
    unsigned int *nbits = g_new0(unsigned int, *nscheds + 1);

    for (size_t i = 0; i < *nscheds; i++) {
        bits[i] = dom_bitmap_parse((*scheds)[i].ids, &nbits[i]);
        top = MAX(top, nbits[i]);
    }
    for (unsigned int id = 0; id < top; id++) {
        for (size_t i = 0; i < *nscheds; i++) {
            DomainSched one = (*scheds)[i];

            if (!bits[i] || id >= nbits[i] || !bits[i][id])
                continue;
            one.ids = g_strdup_printf("%u", id);
            g_array_append_val(out, one);
        }
    }
    for (size_t i = 0; i < *nscheds; i++) {
        g_free((*scheds)[i].ids);
        g_free(bits[i]);
    }
    g_free(nbits);
    g_free(*scheds);
    *nscheds = out->len;
    *scheds = (DomainSched *) (void *) g_array_free(out, out->len == 0);
}

static void
cputune_post_parse(void *obj)
{
    DomainCputune *t = obj;

    if (t->nvcpupins > 1)
        qsort(t->vcpupins, t->nvcpupins, sizeof(*t->vcpupins), vcpupin_cmp);
    if (t->niothreadpins > 1)
        qsort(t->iothreadpins, t->niothreadpins, sizeof(*t->iothreadpins), iothreadpin_cmp);
    sched_expand(&t->vcpuscheds, &t->nvcpuscheds);
    sched_expand(&t->iothreadscheds, &t->niothreadscheds);
}

static int
sched_validate(XmlCtx *ctx, const char *elem, const DomainSched *s, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        if (g_str_equal(s[i].ids, s[i - 1].ids)) {
            xmlmap_report(ctx, VIR_ERR_XML_DETAIL,
                          "id %s has more than one <%s> in element '%s'",
                          s[i].ids, elem, xmlmap_ctx_path(ctx));
            return -1;
        }
    }
    return 0;
}

static int
cputune_validate(XmlCtx *ctx, const void *obj)
{
    const DomainCputune *t = obj;

    if (check_period(ctx, "period", t->period) < 0 ||
        check_period(ctx, "global_period", t->global_period) < 0 ||
        check_period(ctx, "emulator_period", t->emulator_period) < 0 ||
        check_period(ctx, "iothread_period", t->iothread_period) < 0 ||
        check_quota(ctx, "quota", t->quota) < 0 ||
        check_quota(ctx, "global_quota", t->global_quota) < 0 ||
        check_quota(ctx, "emulator_quota", t->emulator_quota) < 0 ||
        check_quota(ctx, "iothread_quota", t->iothread_quota) < 0)
        return -1;
    for (size_t i = 1; i < t->nvcpupins; i++) {
        if (t->vcpupins[i].vcpu == t->vcpupins[i - 1].vcpu) {
            xmlmap_report(ctx, VIR_ERR_INTERNAL_ERROR,
                          "duplicate vcpupin for vcpu '%u' in element '%s'",
                          t->vcpupins[i].vcpu, xmlmap_ctx_path(ctx));
            return -1;
        }
    }
    for (size_t i = 1; i < t->niothreadpins; i++) {
        if (t->iothreadpins[i].iothread == t->iothreadpins[i - 1].iothread) {
            xmlmap_report(ctx, VIR_ERR_INTERNAL_ERROR,
                          "duplicate iothreadpin for iothread '%u' in element '%s'",
                          t->iothreadpins[i].iothread, xmlmap_ctx_path(ctx));
            return -1;
        }
    }
    if (sched_validate(ctx, "vcpusched", t->vcpuscheds, t->nvcpuscheds) < 0 ||
        sched_validate(ctx, "iothreadsched", t->iothreadscheds, t->niothreadscheds) < 0)
        return -1;
    return 0;
}

XML_SCHEMA(domain_cputune, DomainCputune, "cputune", cputune_fields,
           .post_parse = cputune_post_parse, .validate = cputune_validate);

/* ---- <numatune> ------------------------------------------------------------ */

/* libvirt prints placement only when it is 'auto' (static shows the nodeset). */
static bool
numa_placement_omit(const void *obj, unsigned int flags)
{
    return ((const DomainNumaMemory *) obj)->placement != DOMAIN_NUMA_PLACEMENT_AUTO;
}

static const XmlField numa_memory_fields[] = {
    XML_ATTR_ENUM(DomainNumaMemory, mode, "mode", domain_numa_mode, 0,
                  .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_ATTR_ENUM(DomainNumaMemory, placement, "placement", domain_numa_placement, 0,
                  .min = 1, .errcode = VIR_ERR_CONFIG_UNSUPPORTED,
                  XML_OMIT_IF(numa_placement_omit)),
    XML_ATTR(DomainNumaMemory, nodeset, "nodeset", dom_cpuset, 0, CPUSET_ERR),
    XML_END
};

static int
numa_memory_validate(XmlCtx *ctx, const void *obj)
{
    const DomainNumaMemory *m = obj;

    if (m->placement == DOMAIN_NUMA_PLACEMENT_STATIC && !m->nodeset) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "attribute 'nodeset' of element '%s' is required with placement 'static'",
                      xmlmap_ctx_path(ctx));
        return -1;
    }
    return 0;
}

/* With automatic placement the host picks the nodes: a nodeset is ignored. */
static void
numa_memory_post_parse(void *obj)
{
    DomainNumaMemory *m = obj;

    if (m->placement == DOMAIN_NUMA_PLACEMENT_AUTO)
        g_clear_pointer(&m->nodeset, g_free);
}

static XML_SCHEMA(numa_memory, DomainNumaMemory, "memory", numa_memory_fields,
                  .post_parse = numa_memory_post_parse, .validate = numa_memory_validate);

static const XmlField memnode_fields[] = {
    XML_ATTR(DomainNumaMemnode, cellid, "cellid", uint, XF_REQUIRED),
    XML_ATTR_ENUM(DomainNumaMemnode, mode, "mode", domain_numa_mode, XF_REQUIRED,
                  .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_ATTR(DomainNumaMemnode, nodeset, "nodeset", dom_cpuset, XF_REQUIRED, CPUSET_ERR),
    XML_END
};
static XML_SCHEMA(memnode, DomainNumaMemnode, "memnode", memnode_fields);

static const XmlField numatune_fields[] = {
    XML_CHILD(DomainNumatune, memory, &numa_memory_schema, 0),
    XML_CHILDREN(DomainNumatune, memnodes, nmemnodes, &memnode_schema, 0),
    XML_END
};

static int
memnode_cmp(const void *a, const void *b)
{
    const DomainNumaMemnode *x = a, *y = b;

    return x->cellid < y->cellid ? -1 : x->cellid > y->cellid;
}

/* libvirt stores memnodes per guest cell, so they come out in cell order. */
static void
numatune_post_parse(void *obj)
{
    DomainNumatune *t = obj;

    if (t->nmemnodes > 1)
        qsort(t->memnodes, t->nmemnodes, sizeof(*t->memnodes), memnode_cmp);
}

static int
numatune_validate(XmlCtx *ctx, const void *obj)
{
    const DomainNumatune *t = obj;

    for (size_t i = 1; i < t->nmemnodes; i++) {
        if (t->memnodes[i].cellid == t->memnodes[i - 1].cellid) {
            xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                          "multiple memnode elements with cellid %u in element '%s'",
                          t->memnodes[i].cellid, xmlmap_ctx_path(ctx));
            return -1;
        }
    }
    return 0;
}

XML_SCHEMA(domain_numatune, DomainNumatune, "numatune", numatune_fields,
           .post_parse = numatune_post_parse, .validate = numatune_validate);

/* ---- <resource> ------------------------------------------------------------- */

static const XmlField fibrechannel_fields[] = {
    XML_ATTR(DomainResource, fibrechannel_appid, "appid", string, XF_REQUIRED | XF_NONEMPTY),
    XML_END
};
static XML_SCHEMA(fibrechannel, DomainResource, "fibrechannel", fibrechannel_fields);

static const XmlField resource_fields[] = {
    XML_TEXT(DomainResource, partition, "partition", string, 0),
    XML_GROUP(&fibrechannel_schema, 0),
    XML_END
};

static int
resource_validate(XmlCtx *ctx, const void *obj)
{
    const DomainResource *r = obj;

    if (r->partition && r->partition[0] != '/') {
        xmlmap_report(ctx, VIR_ERR_CONFIG_UNSUPPORTED,
                      "resource partition '%s' in element '%s' must start with '/'",
                      r->partition, xmlmap_ctx_path(ctx));
        return -1;
    }
    if (r->fibrechannel_appid && strlen(r->fibrechannel_appid) > 128) {
        xmlmap_report(ctx, VIR_ERR_CONFIG_UNSUPPORTED,
                      "fibrechannel appid in element '%s' is longer than 128 characters",
                      xmlmap_ctx_path(ctx));
        return -1;
    }
    return 0;
}

XML_SCHEMA(domain_resource, DomainResource, "resource", resource_fields,
           .validate = resource_validate);
