/* common/conf/capabilities_conf.c: tables for libvirt's <capabilities>
 * XML. Layout follows libvirt 9.0's output, including the blank lines around
 * <host> and each <guest>. HMAT caches/interconnects are not modelled. */
#include "config.h"

#define ERR_DOMAIN VIR_FROM_CAPABILITIES
#include "common/util/err.h"
#include "common/conf/capabilities_conf.h"

ENUM_STRINGS(caps_maxphys_mode, CAPS_MAXPHYS_LAST, "", "emulate", "passthrough");

static const XmlField name_attr_fields[] = {
    XML_ATTR(CapsName, name, "name", string, XF_REQUIRED),
    XML_END
};
static XML_SCHEMA(feature_name, CapsName, "feature", name_attr_fields);

/* ---- host <cpu> ----------------------------------------------------------- */

static const XmlField old_features_fields[] = {
    XML_PRESENCE(CapsHostCpu, pae, "pae", 0),
    XML_PRESENCE(CapsHostCpu, nonpae, "nonpae", 0),
    XML_PRESENCE(CapsHostCpu, vmx, "vmx", 0),
    XML_PRESENCE(CapsHostCpu, svm, "svm", 0),
    XML_END
};
static XML_SCHEMA(old_features, CapsHostCpu, "features", old_features_fields);

static const XmlField microcode_fields[] = {
    XML_ATTR(CapsHostCpu, microcode, "version", uint, 0),
    XML_END
};
static XML_SCHEMA(microcode, CapsHostCpu, "microcode", microcode_fields);

static const XmlField signature_fields[] = {
    XML_ATTR(CapsHostCpu, sig_family, "family", uint, 0),
    XML_ATTR(CapsHostCpu, sig_model, "model", uint, 0),
    XML_ATTR(CapsHostCpu, sig_stepping, "stepping", uint, 0),
    XML_END
};
static XML_SCHEMA(signature, CapsHostCpu, "signature", signature_fields);

static const XmlField counter_fields[] = {
    XML_ATTR(CapsHostCpu, counter_name, "name", string, XF_REQUIRED),
    XML_ATTR(CapsHostCpu, counter_frequency, "frequency", ullong, 0),
    XML_ATTR(CapsHostCpu, counter_scaling, "scaling", tristate, 0),
    XML_END
};
static XML_SCHEMA(counter, CapsHostCpu, "counter", counter_fields);

static const XmlField topology_fields[] = {
    XML_ATTR(CapsHostCpu, sockets, "sockets", uint, 0),
    XML_ATTR(CapsHostCpu, dies, "dies", uint, 0),
    XML_ATTR(CapsHostCpu, cores, "cores", uint, 0),
    XML_ATTR(CapsHostCpu, threads, "threads", uint, 0),
    XML_END
};
static XML_SCHEMA(cpu_topology, CapsHostCpu, "topology", topology_fields);

static const XmlField maxphys_fields[] = {
    XML_ATTR_ENUM(CapsHostCpu, maxphys_mode, "mode", caps_maxphys_mode, 0, .min = 1),
    XML_ATTR(CapsHostCpu, maxphys_bits, "bits", uint, XF_OMIT_DEFAULT),
    XML_END
};
static XML_SCHEMA(maxphys, CapsHostCpu, "maxphysaddr", maxphys_fields);

static const XmlField page_size_fields[] = {
    XML_ATTR(CapsPageSize, size, "size", uint, XF_REQUIRED),
    XML_END
};
static XML_SCHEMA(page_size, CapsPageSize, "pages", page_size_fields);

static const XmlField host_cpu_fields[] = {
    XML_TEXT(CapsHostCpu, arch, "arch", string, 0),
    XML_GROUP(&old_features_schema, 0),
    XML_TEXT(CapsHostCpu, model, "model", string, 0),
    XML_TEXT(CapsHostCpu, vendor, "vendor", string, 0),
    XML_GROUP(&microcode_schema, 0, XML_HAS(CapsHostCpu, has_microcode)),
    XML_GROUP(&signature_schema, 0, XML_HAS(CapsHostCpu, has_signature)),
    XML_GROUP(&counter_schema, 0, XML_HAS(CapsHostCpu, has_counter)),
    XML_GROUP(&cpu_topology_schema, 0, XML_HAS(CapsHostCpu, has_topology)),
    XML_GROUP(&maxphys_schema, 0),
    XML_CHILDREN(CapsHostCpu, features, nfeatures, &feature_name_schema, 0),
    XML_CHILDREN(CapsHostCpu, pages, npages, &page_size_schema, 0, XML_KEY("unit", "KiB")),
    XML_END
};
static XML_SCHEMA(host_cpu, CapsHostCpu, "cpu", host_cpu_fields, .flags = XS_NO_SELF_CLOSE);

/* ---- NUMA topology ----------------------------------------------------------- */

static const XmlField cell_pages_fields[] = {
    XML_ATTR(CapsCellPages, size, "size", uint, XF_REQUIRED),
    XML_TEXT(CapsCellPages, avail, NULL, ullong, 0),
    XML_END
};
static XML_SCHEMA(cell_pages, CapsCellPages, "pages", cell_pages_fields);

static const XmlField sibling_fields[] = {
    XML_ATTR(CapsDistance, id, "id", uint, 0),
    XML_ATTR(CapsDistance, value, "value", uint, 0),
    XML_END
};
static XML_SCHEMA(sibling, CapsDistance, "sibling", sibling_fields);

static const XmlField distances_fields[] = {
    XML_CHILDREN(CapsCell, distances, ndistances, &sibling_schema, 0),
    XML_END
};
static XML_SCHEMA(distances, CapsCell, "distances", distances_fields);

static bool
omit_without_siblings(const void *obj, unsigned int flags)
{
    return ((const CapsCellCpu *) obj)->siblings == NULL;
}

static const XmlField cell_cpu_fields[] = {
    XML_ATTR(CapsCellCpu, id, "id", uint, 0),
    XML_ATTR(CapsCellCpu, socket_id, "socket_id", uint, 0, XML_OMIT_IF(omit_without_siblings)),
    XML_ATTR(CapsCellCpu, die_id, "die_id", uint, 0, XML_OMIT_IF(omit_without_siblings)),
    XML_ATTR(CapsCellCpu, core_id, "core_id", uint, 0, XML_OMIT_IF(omit_without_siblings)),
    XML_ATTR(CapsCellCpu, siblings, "siblings", string, 0),
    XML_END
};
static XML_SCHEMA(cell_cpu, CapsCellCpu, "cpu", cell_cpu_fields);

static const XmlField cell_cpus_fields[] = {
    XML_ATTR(CapsCell, ncpus_attr, "num", uint, 0),
    XML_CHILDREN(CapsCell, cpus, ncpus, &cell_cpu_schema, 0),
    XML_END
};
static XML_SCHEMA(cell_cpus, CapsCell, "cpus", cell_cpus_fields);

static const XmlField cell_fields[] = {
    XML_ATTR(CapsCell, id, "id", uint, 0),
    XML_TEXT(CapsCell, memory, "memory", scaled, XF_OMIT_DEFAULT, .scale = 1024,
             .unit = "KiB"),
    XML_CHILDREN(CapsCell, pages, npages, &cell_pages_schema, 0, XML_KEY("unit", "KiB")),
    XML_GROUP(&distances_schema, 0),
    XML_GROUP(&cell_cpus_schema, 0, XML_HAS(CapsCell, has_cpus)),
    XML_END
};
static XML_SCHEMA(cell, CapsCell, "cell", cell_fields);

static const XmlField cells_fields[] = {
    XML_ATTR(CapsHost, ncells_attr, "num", uint, 0),
    XML_CHILDREN(CapsHost, cells, ncells, &cell_schema, 0),
    XML_END
};
static XML_SCHEMA(cells, CapsHost, "cells", cells_fields);

static const XmlField numa_fields[] = {
    XML_GROUP(&cells_schema, XF_KEEP_EMPTY),
    XML_END
};
static XML_SCHEMA(numa, CapsHost, "topology", numa_fields);

/* ---- caches and memory bandwidth ---------------------------------------------- */

static const XmlField cache_control_fields[] = {
    XML_ATTR(CapsCacheControl, granularity, "granularity", uint, 0),
    XML_ATTR(CapsCacheControl, min, "min", uint, XF_OMIT_DEFAULT),
    XML_ATTR(CapsCacheControl, unit, "unit", string, 0),
    XML_ATTR(CapsCacheControl, type, "type", string, 0),
    XML_ATTR(CapsCacheControl, max_allocs, "maxAllocs", uint, 0),
    XML_END
};
static XML_SCHEMA(cache_control, CapsCacheControl, "control", cache_control_fields);

static const XmlField bank_fields[] = {
    XML_ATTR(CapsCacheBank, id, "id", uint, 0),
    XML_ATTR(CapsCacheBank, level, "level", uint, 0),
    XML_ATTR(CapsCacheBank, type, "type", string, 0),
    XML_ATTR(CapsCacheBank, size, "size", uint, 0),
    XML_ATTR(CapsCacheBank, unit, "unit", string, 0),
    XML_ATTR(CapsCacheBank, cpus, "cpus", string, 0),
    XML_CHILDREN(CapsCacheBank, controls, ncontrols, &cache_control_schema, 0),
    XML_END
};
static XML_SCHEMA(bank, CapsCacheBank, "bank", bank_fields);

static const XmlField monitor_fields[] = {
    XML_ATTR(CapsMonitor, level, "level", uint, 0, XML_HAS(CapsMonitor, has_level)),
    XML_ATTR(CapsMonitor, reuse_threshold, "reuseThreshold", uint, 0,
             XML_HAS(CapsMonitor, has_level)),
    XML_ATTR(CapsMonitor, max_monitors, "maxMonitors", uint, 0),
    XML_CHILDREN(CapsMonitor, features, nfeatures, &feature_name_schema, 0),
    XML_END
};
static XML_SCHEMA(monitor, CapsMonitor, "monitor", monitor_fields);

static const XmlField cache_fields[] = {
    XML_CHILDREN(CapsHost, cache_banks, ncache_banks, &bank_schema, 0),
    XML_CHILD(CapsHost, cache_monitor, &monitor_schema, 0),
    XML_END
};
static XML_SCHEMA(cache, CapsHost, "cache", cache_fields);

static const XmlField membw_control_fields[] = {
    XML_ATTR(CapsMemBWControl, granularity, "granularity", uint, 0),
    XML_ATTR(CapsMemBWControl, min, "min", uint, 0),
    XML_ATTR(CapsMemBWControl, max_allocs, "maxAllocs", uint, 0),
    XML_END
};
static XML_SCHEMA(membw_control, CapsMemBWControl, "control", membw_control_fields);

static const XmlField membw_node_fields[] = {
    XML_ATTR(CapsMemBWNode, id, "id", uint, 0),
    XML_ATTR(CapsMemBWNode, cpus, "cpus", string, 0),
    XML_CHILDREN(CapsMemBWNode, controls, ncontrols, &membw_control_schema, 0),
    XML_END
};
static XML_SCHEMA(membw_node, CapsMemBWNode, "node", membw_node_fields);

static const XmlField membw_fields[] = {
    XML_CHILDREN(CapsHost, membw_nodes, nmembw_nodes, &membw_node_schema, 0),
    XML_CHILD(CapsHost, membw_monitor, &monitor_schema, 0),
    XML_END
};
static XML_SCHEMA(membw, CapsHost, "memory_bandwidth", membw_fields);

/* ---- security models ------------------------------------------------------------ */

static const XmlField baselabel_fields[] = {
    XML_ATTR(CapsBaseLabel, type, "type", string, XF_REQUIRED),
    XML_TEXT(CapsBaseLabel, label, NULL, string, XF_KEEP_EMPTY),
    XML_END
};
static XML_SCHEMA(baselabel, CapsBaseLabel, "baselabel", baselabel_fields);

static const XmlField secmodel_fields[] = {
    XML_TEXT(CapsSecModel, model, "model", string, XF_KEEP_EMPTY),
    XML_TEXT(CapsSecModel, doi, "doi", string, XF_KEEP_EMPTY),
    XML_CHILDREN(CapsSecModel, labels, nlabels, &baselabel_schema, 0),
    XML_END
};

/* <doi></doi> is written even when the DOI is unknown */
static void
secmodel_post_parse(void *obj)
{
    CapsSecModel *m = obj;

    if (!m->doi)
        m->doi = g_strdup("");
    if (!m->model)
        m->model = g_strdup("");
}

static XML_SCHEMA(secmodel, CapsSecModel, "secmodel", secmodel_fields,
                  .post_parse = secmodel_post_parse);

/* ---- <host> ------------------------------------------------------------------------ */

static const XmlField pm_fields[] = {
    XML_PRESENCE(CapsHost, pm_suspend_mem, "suspend_mem", 0),
    XML_PRESENCE(CapsHost, pm_suspend_disk, "suspend_disk", 0),
    XML_PRESENCE(CapsHost, pm_suspend_hybrid, "suspend_hybrid", 0),
    XML_END
};
static XML_SCHEMA(pm, CapsHost, "power_management", pm_fields);

static const XmlField iommu_fields[] = {
    XML_ATTR(CapsHost, iommu, "support", yesno, 0),
    XML_END
};
static XML_SCHEMA(iommu, CapsHost, "iommu", iommu_fields);

static const XmlField uri_transport_fields[] = {
    XML_TEXT(CapsName, name, NULL, string, XF_REQUIRED),
    XML_END
};
static XML_SCHEMA(uri_transport, CapsName, "uri_transport", uri_transport_fields);

static const XmlField uri_transports_fields[] = {
    XML_CHILDREN(CapsHost, migrate_transports, nmigrate_transports, &uri_transport_schema, 0),
    XML_END
};
static XML_SCHEMA(uri_transports, CapsHost, "uri_transports", uri_transports_fields);

static const XmlField migration_fields[] = {
    XML_PRESENCE(CapsHost, live_migrate, "live", 0),
    XML_GROUP(&uri_transports_schema, 0),
    XML_END
};
static XML_SCHEMA(migration, CapsHost, "migration_features", migration_fields);

static const XmlField host_fields[] = {
    XML_TEXT(CapsHost, uuid, "uuid", uuid, 0),
    XML_EMBED(CapsHost, cpu, &host_cpu_schema, XF_KEEP_EMPTY),
    XML_GROUP(&pm_schema, XF_KEEP_EMPTY),
    XML_GROUP(&iommu_schema, 0),
    XML_GROUP(&migration_schema, 0, XML_HAS(CapsHost, has_migration)),
    XML_TEXT(CapsHost, netprefix, "netprefix", string, 0),
    XML_GROUP(&numa_schema, 0, XML_HAS(CapsHost, has_topology)),
    XML_GROUP(&cache_schema, 0),
    XML_GROUP(&membw_schema, 0),
    XML_CHILDREN(CapsHost, secmodels, nsecmodels, &secmodel_schema, 0),
    XML_END
};
static XML_SCHEMA(host, CapsHost, "host", host_fields);

/* ---- <guest> ----------------------------------------------------------------------- */

static const XmlField machine_fields[] = {
    XML_ATTR(CapsMachine, canonical, "canonical", string, 0),
    XML_ATTR(CapsMachine, max_cpus, "maxCpus", int, XF_OMIT_DEFAULT, .smin = 0),
    XML_ATTR(CapsMachine, deprecated, "deprecated", yesno, XF_OMIT_DEFAULT),
    XML_TEXT(CapsMachine, name, NULL, string, XF_REQUIRED),
    XML_END
};
static XML_SCHEMA(machine, CapsMachine, "machine", machine_fields);

static const XmlField guest_domain_fields[] = {
    XML_ATTR(CapsGuestDomain, type, "type", string, XF_REQUIRED),
    XML_TEXT(CapsGuestDomain, emulator, "emulator", string, 0),
    XML_TEXT(CapsGuestDomain, loader, "loader", string, 0),
    XML_CHILDREN(CapsGuestDomain, machines, nmachines, &machine_schema, 0),
    XML_END
};
static XML_SCHEMA(guest_domain, CapsGuestDomain, "domain", guest_domain_fields);

static const XmlField arch_fields[] = {
    XML_ATTR(CapsGuest, arch, "name", string, XF_REQUIRED),
    XML_TEXT(CapsGuest, wordsize, "wordsize", uint, 0),
    XML_TEXT(CapsGuest, emulator, "emulator", string, 0),
    XML_TEXT(CapsGuest, loader, "loader", string, 0),
    XML_CHILDREN(CapsGuest, machines, nmachines, &machine_schema, 0),
    XML_CHILDREN(CapsGuest, domains, ndomains, &guest_domain_schema, 0),
    XML_END
};
static XML_SCHEMA(arch, CapsGuest, "arch", arch_fields);

static const XmlField guest_feature_fields[] = {
    XML_ATTR(CapsGuestFeature, default_on, "default", switch, 0),
    XML_ATTR(CapsGuestFeature, toggle, "toggle", tristate, 0),
    XML_END
};

#define GUEST_FEATURE_SCHEMA(var, elem) \
    static XML_SCHEMA(var, CapsGuestFeature, elem, guest_feature_fields)

GUEST_FEATURE_SCHEMA(gf_pae, "pae");
GUEST_FEATURE_SCHEMA(gf_nonpae, "nonpae");
GUEST_FEATURE_SCHEMA(gf_ia64_be, "ia64_be");
GUEST_FEATURE_SCHEMA(gf_acpi, "acpi");
GUEST_FEATURE_SCHEMA(gf_apic, "apic");
GUEST_FEATURE_SCHEMA(gf_cpuselection, "cpuselection");
GUEST_FEATURE_SCHEMA(gf_deviceboot, "deviceboot");
GUEST_FEATURE_SCHEMA(gf_disksnapshot, "disksnapshot");
GUEST_FEATURE_SCHEMA(gf_hap, "hap");
GUEST_FEATURE_SCHEMA(gf_external_snapshot, "externalSnapshot");

#define GUEST_FEATURE(member, sch) \
    XML_EMBED(CapsGuest, member, sch, 0, XML_HAS(CapsGuest, member.present))

static const XmlField guest_features_fields[] = {
    GUEST_FEATURE(pae, &gf_pae_schema),
    GUEST_FEATURE(nonpae, &gf_nonpae_schema),
    GUEST_FEATURE(ia64_be, &gf_ia64_be_schema),
    GUEST_FEATURE(acpi, &gf_acpi_schema),
    GUEST_FEATURE(apic, &gf_apic_schema),
    GUEST_FEATURE(cpuselection, &gf_cpuselection_schema),
    GUEST_FEATURE(deviceboot, &gf_deviceboot_schema),
    GUEST_FEATURE(disksnapshot, &gf_disksnapshot_schema),
    GUEST_FEATURE(hap, &gf_hap_schema),
    GUEST_FEATURE(external_snapshot, &gf_external_snapshot_schema),
    XML_END
};
static XML_SCHEMA(guest_features, CapsGuest, "features", guest_features_fields);

static const XmlField guest_fields[] = {
    XML_TEXT(CapsGuest, os_type, "os_type", string, XF_REQUIRED),
    XML_GROUP(&arch_schema, XF_REQUIRED),
    XML_GROUP(&guest_features_schema, 0),
    XML_END
};
static XML_SCHEMA(guest, CapsGuest, "guest", guest_fields);

static const XmlField caps_fields[] = {
    XML_EMBED(CapsDef, host, &host_schema, XF_KEEP_EMPTY),
    XML_CHILDREN(CapsDef, guests, nguests, &guest_schema, 0),
    XML_END
};

XML_SCHEMA(caps_def, CapsDef, "capabilities", caps_fields, .flags = XS_BLANK_LINES,
           .domain = VIR_FROM_CAPABILITIES, .doc_label = "(capabilities)");

/**
 * caps_def_parse_string() - parse capabilities XML
 * @xml: document text
 * @flags: XMLMAP_PARSE_*
 *
 * Return: the capabilities, or NULL with an error reported.
 */
CapsDef *
caps_def_parse_string(const char *xml, unsigned int flags)
{
    void *def = NULL;

    if (xmlmap_parse_string(&caps_def_schema, xml, &def, flags) < 0)
        return NULL;
    return def;
}

/**
 * caps_def_format() - format capabilities
 * @def: capabilities
 * @flags: XMLMAP_FORMAT_*
 *
 * Return: the XML text (caller frees).
 */
char *
caps_def_format(const CapsDef *def, unsigned int flags)
{
    return xmlmap_format(&caps_def_schema, def, flags);
}

/**
 * caps_def_free() - free capabilities
 * @def: capabilities, may be NULL
 */
void
caps_def_free(CapsDef *def)
{
    xmlmap_free(&caps_def_schema, def);
}
