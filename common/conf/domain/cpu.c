/* common/conf/domain/cpu.c: table for the guest <cpu>: mode, model, vendor,
 * topology, cache, feature policies and the guest NUMA layout (cells,
 * distances, memory-side caches, interconnects). Rules that compare the CPU
 * with the vCPU count live in domain.c. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#define ERR_DOMAIN VIR_FROM_DOMAIN
#include "common/util/err.h"
#include "common/conf/domain/general.h"

ENUM_STRINGS(domain_cpu_mode, DOMAIN_CPU_MODE_LAST,
             "custom", "host-model", "host-passthrough", "maximum");
ENUM_STRINGS_STATIC(cpu_match, DOMAIN_CPU_MATCH_LAST, "", "minimum", "exact", "strict");
ENUM_STRINGS_STATIC(cpu_check, DOMAIN_CPU_CHECK_LAST, "", "none", "partial", "full");
ENUM_STRINGS_STATIC(cpu_fallback, DOMAIN_CPU_FALLBACK_LAST, "", "allow", "forbid");
ENUM_STRINGS(domain_cpu_feature_policy, DOMAIN_CPU_POLICY_LAST,
             "", "force", "require", "optional", "disable", "forbid");
ENUM_STRINGS_STATIC(cpu_cache_mode, 4, "", "emulate", "passthrough", "disable");
ENUM_STRINGS_STATIC(maxphysaddr_mode, 3, "", "emulate", "passthrough");
ENUM_STRINGS_STATIC(numa_associativity, 4, "", "none", "direct", "full");
ENUM_STRINGS_STATIC(numa_cache_policy, 4, "", "none", "writeback", "writethrough");
ENUM_STRINGS_STATIC(numa_link_type, 4, "", "access", "read", "write");

/* ---- topology, cache, features ---------------------------------------------- */

static const XmlField topology_fields[] = {
    XML_ATTR(DomainCpuTopology, sockets, "sockets", uint, XF_REQUIRED | XF_NONZERO),
    XML_ATTR(DomainCpuTopology, dies, "dies", uint, XF_NONZERO),
    XML_ATTR(DomainCpuTopology, cores, "cores", uint, XF_REQUIRED | XF_NONZERO),
    XML_ATTR(DomainCpuTopology, threads, "threads", uint, XF_REQUIRED | XF_NONZERO),
    XML_END
};

static void
topology_post_parse(void *obj)
{
    DomainCpuTopology *t = obj;

    if (t->dies == 0)
        t->dies = 1;
}

static XML_SCHEMA(topology, DomainCpuTopology, "topology", topology_fields,
                  .post_parse = topology_post_parse);

static const XmlField cache_fields[] = {
    XML_ATTR(DomainCpuCache, level, "level", uint, XF_OMIT_DEFAULT, .min = 1, .max = 3),
    XML_ATTR_ENUM(DomainCpuCache, mode, "mode", cpu_cache_mode, XF_REQUIRED,
                  .min = 1, .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_END
};
static XML_SCHEMA(cache, DomainCpuCache, "cache", cache_fields);

static const XmlField maxphysaddr_fields[] = {
    XML_ATTR_ENUM(DomainCpuMaxPhysAddr, mode, "mode", maxphysaddr_mode, XF_REQUIRED,
                  .min = 1, .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_ATTR(DomainCpuMaxPhysAddr, bits, "bits", uint, XF_OMIT_DEFAULT),
    XML_END
};
static XML_SCHEMA(maxphysaddr, DomainCpuMaxPhysAddr, "maxphysaddr", maxphysaddr_fields);

static const XmlField feature_fields[] = {
    XML_ATTR_ENUM(DomainCpuFeature, policy, "policy", domain_cpu_feature_policy, 0,
                  .min = 1, .errcode = VIR_ERR_XML_ERROR),
    XML_ATTR(DomainCpuFeature, name, "name", string, XF_REQUIRED | XF_NONEMPTY),
    XML_END
};

/* A guest CPU feature without a policy means "require". */
static void
feature_post_parse(void *obj)
{
    DomainCpuFeature *f = obj;

    if (f->policy == DOMAIN_CPU_POLICY_NONE)
        f->policy = DOMAIN_CPU_POLICY_REQUIRE;
}

static XML_SCHEMA(feature, DomainCpuFeature, "feature", feature_fields,
                  .post_parse = feature_post_parse);

static const XmlField model_fields[] = {
    XML_ATTR_ENUM(DomainCpu, fallback, "fallback", cpu_fallback, 0,
                  .min = 1, .errcode = VIR_ERR_XML_ERROR),
    XML_ATTR(DomainCpu, vendor_id, "vendor_id", string, 0),
    XML_TEXT(DomainCpu, model, NULL, string, 0),
    XML_END
};
static XML_SCHEMA(model, DomainCpu, "model", model_fields);

/* ---- NUMA ------------------------------------------------------------------------ */

static const XmlField sibling_fields[] = {
    XML_ATTR(DomainNumaSibling, id, "id", uint, XF_REQUIRED),
    XML_ATTR(DomainNumaSibling, value, "value", uint, XF_REQUIRED),
    XML_END
};

static int
sibling_validate(XmlCtx *ctx, const void *obj)
{
    const DomainNumaSibling *s = obj;

    if (s->value < 10 || s->value > 255) {
        xmlmap_report(ctx, VIR_ERR_XML_DETAIL,
                      "invalid value '%u' for attribute 'value' of element '%s': expected "
                      "a distance in range 10-255", s->value, xmlmap_ctx_path(ctx));
        return -1;
    }
    return 0;
}

static XML_SCHEMA(sibling, DomainNumaSibling, "sibling", sibling_fields,
                  .validate = sibling_validate);

static const XmlField distances_fields[] = {
    XML_CHILDREN(DomainNumaCell, siblings, nsiblings, &sibling_schema, 0),
    XML_END
};
static XML_SCHEMA(distances, DomainNumaCell, "distances", distances_fields);

static const XmlField numa_cache_size_fields[] = {
    XML_ATTR(DomainNumaCache, size_kib, "value", scaled, XF_REQUIRED,
             .scale = 1024, .default_scale = 1024, .unit = "KiB"),
    XML_END
};
static XML_SCHEMA(numa_cache_size, DomainNumaCache, "size", numa_cache_size_fields);

static const XmlField numa_cache_line_fields[] = {
    XML_ATTR(DomainNumaCache, line_bytes, "value", scaled, XF_REQUIRED,
             .scale = 1, .default_scale = 1, .unit = "B"),
    XML_END
};
static XML_SCHEMA(numa_cache_line, DomainNumaCache, "line", numa_cache_line_fields);

static const XmlField numa_cache_fields[] = {
    XML_ATTR(DomainNumaCache, level, "level", uint, XF_REQUIRED),
    XML_ATTR_ENUM(DomainNumaCache, associativity, "associativity", numa_associativity,
                  XF_REQUIRED, .min = 1),
    XML_ATTR_ENUM(DomainNumaCache, policy, "policy", numa_cache_policy, XF_REQUIRED,
                  .min = 1),
    XML_GROUP(&numa_cache_size_schema, XF_REQUIRED),
    XML_GROUP(&numa_cache_line_schema, XF_REQUIRED),
    XML_END
};
static XML_SCHEMA(numa_cache, DomainNumaCache, "cache", numa_cache_fields);

static const XmlField cell_fields[] = {
    XML_ATTR(DomainNumaCell, id, "id", uint, 0, XML_SEEN(DomainNumaCell, id_seen)),
    XML_ATTR(DomainNumaCell, cpus, "cpus", dom_cpuset, 0, .errcode = VIR_ERR_INVALID_ARG),
    XML_ATTR(DomainNumaCell, memory_kib, "memory", scaled, XF_REQUIRED,
             .scale = 1024, .default_scale = 1024, .unit = "KiB", .max = LLONG_MAX,
             .xpath = "./@memory"),
    XML_ATTR_ENUM(DomainNumaCell, mem_access, "memAccess", domain_mem_access, 0,
                  .min = 1, .errcode = VIR_ERR_XML_ERROR),
    XML_ATTR(DomainNumaCell, discard, "discard", tristate, 0),
    XML_GROUP(&distances_schema, 0),
    XML_CHILDREN(DomainNumaCell, caches, ncaches, &numa_cache_schema, 0),
    XML_END
};
static XML_SCHEMA(cell, DomainNumaCell, "cell", cell_fields);

static const XmlField latency_fields[] = {
    XML_ATTR(DomainNumaLink, initiator, "initiator", uint, XF_REQUIRED),
    XML_ATTR(DomainNumaLink, target, "target", uint, XF_REQUIRED),
    XML_ATTR(DomainNumaLink, cache, "cache", uint, XF_OMIT_DEFAULT),
    XML_ATTR_ENUM(DomainNumaLink, type, "type", numa_link_type, XF_REQUIRED, .min = 1),
    XML_ATTR(DomainNumaLink, value, "value", ullong, XF_REQUIRED),
    XML_END
};
static XML_SCHEMA(latency, DomainNumaLink, "latency", latency_fields);

static const XmlField bandwidth_fields[] = {
    XML_ATTR(DomainNumaLink, initiator, "initiator", uint, XF_REQUIRED),
    XML_ATTR(DomainNumaLink, target, "target", uint, XF_REQUIRED),
    XML_ATTR(DomainNumaLink, cache, "cache", uint, XF_OMIT_DEFAULT),
    XML_ATTR_ENUM(DomainNumaLink, type, "type", numa_link_type, XF_REQUIRED, .min = 1),
    XML_ATTR(DomainNumaLink, value, "value", scaled, XF_REQUIRED,
             .scale = 1024, .default_scale = 1024, .unit = "KiB"),
    XML_END
};
static XML_SCHEMA(bandwidth, DomainNumaLink, "bandwidth", bandwidth_fields);

static const XmlField interconnects_fields[] = {
    XML_CHILDREN(DomainNuma, latencies, nlatencies, &latency_schema, 0),
    XML_CHILDREN(DomainNuma, bandwidths, nbandwidths, &bandwidth_schema, 0),
    XML_END
};
static XML_SCHEMA(interconnects, DomainNuma, "interconnects", interconnects_fields);

static const XmlField numa_fields[] = {
    XML_CHILDREN(DomainNuma, cells, ncells, &cell_schema, 0),
    XML_GROUP(&interconnects_schema, 0),
    XML_END
};

static int
cell_cmp(const void *a, const void *b)
{
    const DomainNumaCell *x = a, *y = b;

    return x->id < y->id ? -1 : x->id > y->id;
}

/* Cells without id= are numbered by position; libvirt stores cells by id,
 * so they come out in id order. */
static void
numa_post_parse(void *obj)
{
    DomainNuma *n = obj;

    for (size_t i = 0; i < n->ncells; i++) {
        if (!n->cells[i].id_seen)
            n->cells[i].id = (unsigned int) i;
    }
    if (n->ncells > 1)
        qsort(n->cells, n->ncells, sizeof(*n->cells), cell_cmp);
}

static int
numa_validate(XmlCtx *ctx, const void *obj)
{
    const DomainNuma *n = obj;

    for (size_t i = 0; i < n->ncells; i++) {
        const DomainNumaCell *c = &n->cells[i];

        if (c->id != i) {
            xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                          "cell id '%u' in element '%s' is repeated or leaves a gap: ids "
                          "must be 0 to %zu", c->id, xmlmap_ctx_path(ctx), n->ncells - 1);
            return -1;
        }
        for (size_t j = 0; j < i; j++) {
            if (c->cpus && n->cells[j].cpus && dom_bitmap_overlaps(c->cpus, n->cells[j].cpus)) {
                xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                              "NUMA cells %zu and %zu in element '%s' share CPUs",
                              j, i, xmlmap_ctx_path(ctx));
                return -1;
            }
        }
        for (size_t k = 0; k < c->nsiblings; k++) {
            if (c->siblings[k].id >= n->ncells) {
                xmlmap_report(ctx, VIR_ERR_XML_DETAIL,
                              "sibling id '%u' of cell %zu in element '%s' names no cell",
                              c->siblings[k].id, i, xmlmap_ctx_path(ctx));
                return -1;
            }
        }
    }
    return 0;
}

static XML_SCHEMA(numa, DomainNuma, "numa", numa_fields,
                  .post_parse = numa_post_parse, .validate = numa_validate);

/* ---- <cpu> ----------------------------------------------------------------------- */

/* libvirt prints mode= unless it is the implicit custom mode without a model,
 * and match= only for a custom model. */
static bool
cpu_mode_omit(const void *obj, unsigned int flags)
{
    const DomainCpu *c = obj;

    return c->mode == DOMAIN_CPU_MODE_CUSTOM && !c->model;
}

static bool
cpu_match_omit(const void *obj, unsigned int flags)
{
    const DomainCpu *c = obj;

    return c->mode != DOMAIN_CPU_MODE_CUSTOM || !c->model;
}

static bool
cpu_migratable_omit(const void *obj, unsigned int flags)
{
    const DomainCpu *c = obj;

    return c->mode != DOMAIN_CPU_MODE_HOST_PASSTHROUGH && c->mode != DOMAIN_CPU_MODE_MAXIMUM;
}

static const XmlField cpu_fields[] = {
    XML_ATTR_ENUM(DomainCpu, mode, "mode", domain_cpu_mode, 0,
                  .errcode = VIR_ERR_CONFIG_UNSUPPORTED, XML_OMIT_IF(cpu_mode_omit)),
    XML_ATTR_ENUM(DomainCpu, match, "match", cpu_match, 0,
                  .min = 1, .errcode = VIR_ERR_CONFIG_UNSUPPORTED, XML_OMIT_IF(cpu_match_omit)),
    XML_ATTR_ENUM(DomainCpu, check, "check", cpu_check, 0,
                  .min = 1, .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_ATTR(DomainCpu, migratable, "migratable", switch, 0,
             XML_OMIT_IF(cpu_migratable_omit)),
    XML_GROUP(&model_schema, 0),
    XML_TEXT(DomainCpu, vendor, "vendor", string, 0),
    XML_CHILD(DomainCpu, topology, &topology_schema, 0),
    XML_CHILD(DomainCpu, cache, &cache_schema, 0),
    XML_CHILD(DomainCpu, maxphysaddr, &maxphysaddr_schema, 0),
    XML_CHILDREN(DomainCpu, features, nfeatures, &feature_schema, 0),
    XML_CHILD(DomainCpu, numa, &numa_schema, 0),
    XML_END
};

/* A custom model matches exactly and may fall back to a close model unless
 * told otherwise (libvirt's defaults). */
static void
cpu_post_parse(void *obj)
{
    DomainCpu *c = obj;

    if (c->mode == DOMAIN_CPU_MODE_CUSTOM && c->model) {
        if (c->match == DOMAIN_CPU_MATCH_NONE)
            c->match = DOMAIN_CPU_MATCH_EXACT;
        if (c->fallback == DOMAIN_CPU_FALLBACK_NONE)
            c->fallback = DOMAIN_CPU_FALLBACK_ALLOW;
    }
}

static int
cpu_validate(XmlCtx *ctx, const void *obj)
{
    const DomainCpu *c = obj;

    if (c->mode == DOMAIN_CPU_MODE_CUSTOM && !c->model && c->nfeatures > 0) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "element '%s' lists CPU features without a CPU model",
                      xmlmap_ctx_path(ctx));
        return -1;
    }
    if (c->vendor && !c->model) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "element '%s' names a CPU vendor without a CPU model",
                      xmlmap_ctx_path(ctx));
        return -1;
    }
    if (c->vendor_id && strlen(c->vendor_id) != 12) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "invalid value '%s' for attribute 'vendor_id' of element '%s/model': "
                      "expected exactly 12 characters", c->vendor_id, xmlmap_ctx_path(ctx));
        return -1;
    }
    for (size_t i = 0; i < c->nfeatures; i++) {
        for (size_t j = 0; j < i; j++) {
            if (g_str_equal(c->features[i].name, c->features[j].name)) {
                xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                              "CPU feature '%s' is listed more than once in element '%s'",
                              c->features[i].name, xmlmap_ctx_path(ctx));
                return -1;
            }
        }
    }
    return 0;
}

XML_SCHEMA(domain_cpu, DomainCpu, "cpu", cpu_fields,
           .post_parse = cpu_post_parse, .validate = cpu_validate);

/**
 * domain_cpu_numa_memory() - memory of all guest NUMA cells
 * @cpu: guest CPU, may be NULL
 *
 * Return: the sum of the cells' memory in KiB; 0 without NUMA cells.
 */
unsigned long long
domain_cpu_numa_memory(const DomainCpu *cpu)
{
    unsigned long long sum = 0;

    for (size_t i = 0; cpu && cpu->numa && i < cpu->numa->ncells; i++)
        sum += cpu->numa->cells[i].memory_kib;
    return sum;
}
