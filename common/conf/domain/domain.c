/* common/conf/domain/domain.c: the <domain> table. It lists the general
 * parts (general.h) and <devices> in libvirt's output order, fills the
 * defaults that span several parts (post-parse, never failing) and checks
 * the rules that span several parts (validate). Drivers add their own rules
 * through DomainValidateOps. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#define ERR_DOMAIN VIR_FROM_DOMAIN
#include "common/util/err.h"
#include "common/util/uuid.h"
#include "common/conf/domain/domain.h"

ENUM_STRINGS(domain_virt_type, DOMAIN_VIRT_LAST,
             "none", "qemu", "kqemu", "kvm", "xen", "lxc", "uml", "openvz", "test",
             "vmware", "hyperv", "vbox", "phyp", "parallels", "bhyve", "vz", "hvf");

#define KIB .scale = 1024, .default_scale = 1024, .unit = "KiB"

static const XmlField idmap_fields[] = {
    XML_CHILDREN(DomainDef, uid_maps, nuid_maps, &domain_idmap_uid_schema, 0),
    XML_CHILDREN(DomainDef, gid_maps, ngid_maps, &domain_idmap_gid_schema, 0),
    XML_END
};
static XML_SCHEMA(idmap, DomainDef, "idmap", idmap_fields);

static const XmlField perf_fields[] = {
    XML_CHILDREN(DomainDef, perf_events, nperf_events, &domain_perf_event_schema, 0),
    XML_END
};
static XML_SCHEMA(perf, DomainDef, "perf", perf_fields);

static const XmlField keywrap_fields[] = {
    XML_CHILDREN(DomainDef, keywrap_ciphers, nkeywrap_ciphers,
                 &domain_keywrap_cipher_schema, 0),
    XML_END
};
static XML_SCHEMA(keywrap, DomainDef, "keywrap", keywrap_fields);

/* on_poweroff and on_reboot do not take the coredump actions (enum max). */
#define LIFECYCLE(fld, elem, maxv) \
    XML_TEXT_ENUM(DomainDef, fld, elem, domain_lifecycle_action, 0, .min = 1, \
                  .max = (maxv), .errcode = VIR_ERR_CONFIG_UNSUPPORTED)

static const XmlField domain_fields[] = {
    XML_ATTR_ENUM(DomainDef, virt_type, "type", domain_virt_type, 0,
                  .min = 1, .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_ATTR(DomainDef, id, "id", int, XF_LIVE_ONLY, .smin = -1,
             XML_HAS(DomainDef, has_id)),
    XML_TEXT(DomainDef, name, "name", string, XF_REQUIRED | XF_NONEMPTY,
             .missing_code = VIR_ERR_NO_NAME),
    XML_TEXT(DomainDef, uuid, "uuid", uuid, 0),
    XML_PRESENCE(DomainDef, genid_requested, "genid", 0),
    XML_TEXT(DomainDef, genid, "genid", uuid, 0, .errcode = VIR_ERR_INTERNAL_ERROR),
    XML_TEXT(DomainDef, title, "title", string, 0),
    XML_TEXT(DomainDef, description, "description", string, 0),
    XML_RAW(DomainDef, metadata, "metadata", 0),
    XML_EMBED(DomainDef, max_memory, &domain_max_memory_schema, 0),
    XML_EMBED(DomainDef, memory, &domain_memory_schema, 0),
    XML_TEXT(DomainDef, current_memory_kib, "currentMemory", scaled, 0, KIB,
             .max = LLONG_MAX, .xpath = "./currentMemory[1]"),
    XML_EMBED(DomainDef, blkiotune, &domain_blkiotune_schema, 0),
    XML_EMBED(DomainDef, memtune, &domain_memtune_schema, 0),
    XML_EMBED(DomainDef, memory_backing, &domain_memory_backing_schema, 0),
    XML_EMBED(DomainDef, vcpu, &domain_vcpu_schema, 0),
    XML_GROUP(&domain_vcpus_schema, 0),
    XML_TEXT(DomainDef, iothreads, "iothreads", uint, XF_OMIT_DEFAULT),
    XML_GROUP(&domain_iothreadids_schema, 0),
    XML_CHILD(DomainDef, default_iothread, &domain_default_iothread_schema, 0),
    XML_EMBED(DomainDef, cputune, &domain_cputune_schema, 0),
    XML_EMBED(DomainDef, numatune, &domain_numatune_schema, 0),
    XML_EMBED(DomainDef, resource, &domain_resource_schema, 0),
    XML_CHILDREN(DomainDef, sysinfos, nsysinfos, &domain_sysinfo_schema, 0),
    XML_TEXT(DomainDef, bootloader, "bootloader", string, 0),
    XML_TEXT(DomainDef, bootloader_args, "bootloader_args", string, 0),
    XML_EMBED(DomainDef, os, &domain_os_schema, 0),
    XML_GROUP(&idmap_schema, 0),
    XML_EMBED(DomainDef, features, &domain_features_schema, 0),
    XML_CHILD(DomainDef, cpu, &domain_cpu_schema, 0),
    XML_EMBED(DomainDef, clock, &domain_clock_schema, XF_KEEP_EMPTY),
    LIFECYCLE(on_poweroff, "on_poweroff", DOMAIN_LIFECYCLE_PRESERVE),
    LIFECYCLE(on_reboot, "on_reboot", DOMAIN_LIFECYCLE_PRESERVE),
    LIFECYCLE(on_crash, "on_crash", 0),
    XML_TEXT_ENUM(DomainDef, on_lockfailure, "on_lockfailure", domain_lockfailure_action, 0,
                  .min = 1, .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_EMBED(DomainDef, pm, &domain_pm_schema, 0),
    XML_GROUP(&perf_schema, 0),
    XML_EMBED(DomainDef, devices, &domain_devices_schema, XF_KEEP_EMPTY),
    XML_CHILDREN(DomainDef, seclabels, nseclabels, &domain_seclabel_schema, 0),
    XML_GROUP(&keywrap_schema, 0),
    XML_CHILD(DomainDef, launch_security, &domain_launch_security_schema, 0),
    XML_END
};

/* ---- post-parse: defaults that need more than one part --------------------- */

static void
post_parse_ids(DomainDef *def)
{
    if (uuid_is_null(def->uuid)) {
        const char *si_uuid = NULL;

        for (size_t i = 0; i < def->nsysinfos && !si_uuid; i++)
            si_uuid = domain_sysinfo_system_uuid(&def->sysinfos[i]);
        if (!si_uuid || uuid_parse(si_uuid, def->uuid) < 0)
            uuid_generate(def->uuid);
    }
    if (def->genid_requested && uuid_is_null(def->genid))
        uuid_generate(def->genid);
    def->genid_requested = false;
}

/* libvirt keeps one element per namespace in <metadata> (the first) and
 * drops elements without a namespace. */
static void
post_parse_metadata(DomainDef *def)
{
    g_autoptr(GPtrArray) seen = g_ptr_array_new();
    xmlNode *next;

    if (!def->metadata)
        return;
    for (xmlNode *c = def->metadata->children; c; c = next) {
        bool keep = true;

        next = c->next;
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (!c->ns || !c->ns->href) {
            keep = false;
        } else {
            for (guint i = 0; i < seen->len && keep; i++)
                keep = !xmlStrEqual(seen->pdata[i], c->ns->href);
        }
        if (keep) {
            g_ptr_array_add(seen, (gpointer) c->ns->href);
        } else {
            xmlUnlinkNode(c);
            xmlFreeNode(c);
        }
    }
}

static void
post_parse_memory(DomainDef *def)
{
    /* The cells' sum stands in for a missing <memory>; a given one is kept. */
    if (def->memory.kib == 0)
        def->memory.kib = domain_cpu_numa_memory(def->cpu);
    if (def->current_memory_kib == 0 || def->current_memory_kib > def->memory.kib)
        def->current_memory_kib = def->memory.kib;
}

/* Vcpu and NUMA memory placement follow each other when only one is given. */
static void
post_parse_cpus(DomainDef *def)
{
    DomainNumaMemory *nm = def->numatune.memory;

    if (def->vcpu.max == 0)
        def->vcpu.max = 1;
    if (def->vcpu.current == def->vcpu.max)
        def->vcpu.current = 0;
    if (nm && nm->placement == DOMAIN_NUMA_PLACEMENT_AUTO && !def->vcpu.placement_seen &&
        !def->vcpu.cpuset)
        def->vcpu.placement = DOMAIN_PLACEMENT_AUTO;
    /* Automatic vCPU placement implies automatic memory placement. */
    if (!nm && def->vcpu.placement == DOMAIN_PLACEMENT_AUTO) {
        nm = def->numatune.memory = g_new0(DomainNumaMemory, 1);
        nm->placement = DOMAIN_NUMA_PLACEMENT_AUTO;
    }
    if (nm && nm->placement == DOMAIN_NUMA_PLACEMENT_DEFAULT) {
        if (nm->nodeset || def->vcpu.placement != DOMAIN_PLACEMENT_AUTO)
            nm->placement = DOMAIN_NUMA_PLACEMENT_STATIC;
        else
            nm->placement = DOMAIN_NUMA_PLACEMENT_AUTO;
    }
}

static bool
iothread_id_used(const DomainDef *def, unsigned int id)
{
    for (size_t i = 0; i < def->niothreadids; i++) {
        if (def->iothreadids[i].id == id)
            return true;
    }
    return false;
}

/* <iothreads>N</iothreads> with fewer <iothreadids> entries: libvirt adds the
 * missing ids (lowest unused first) after the listed ones. */
static void
post_parse_iothreads(DomainDef *def)
{
    unsigned int next = 1;

    if (def->iothreads < def->niothreadids)
        def->iothreads = (unsigned int) def->niothreadids;
    if (def->niothreadids == 0 || def->iothreads == def->niothreadids)
        return;
    def->iothreadids = g_renew(DomainIothread, def->iothreadids, def->iothreads);
    while (def->niothreadids < def->iothreads) {
        while (iothread_id_used(def, next))
            next++;
        def->iothreadids[def->niothreadids++] = (DomainIothread) { .id = next };
    }
}

static void
post_parse_os(DomainDef *def)
{
    DomainOs *os = &def->os;

    if (os->type == DOMAIN_OS_NONE && def->bootloader)
        os->type = DOMAIN_OS_XEN;
    /* A bootloader chooses the boot device itself. */
    if (def->bootloader) {
        g_clear_pointer(&os->boots, g_free);
        os->nboots = 0;
        return;
    }
    if (os->type == DOMAIN_OS_HVM && os->nboots == 0 &&
        !domain_devices_have_boot_order(&def->devices)) {
        os->boots = g_new0(DomainBoot, 1);
        os->boots[0].dev = DOMAIN_BOOT_HD;
        os->nboots = 1;
    }
}

static int
cipher_cmp(const void *a, const void *b)
{
    return ((const DomainKeywrapCipher *) a)->name - ((const DomainKeywrapCipher *) b)->name;
}

/* Seclabels without type= are the driver default and are not printed. */
static void
post_parse_security(DomainDef *def)
{
    size_t out = 0;

    for (size_t i = 0; i < def->nseclabels; i++) {
        if (def->seclabels[i].type == DOMAIN_SECLABEL_DEFAULT)
            xmlmap_clear(&domain_seclabel_schema, &def->seclabels[i]);
        else
            def->seclabels[out++] = def->seclabels[i];
    }
    def->nseclabels = out;
    if (def->nkeywrap_ciphers > 1)
        qsort(def->keywrap_ciphers, def->nkeywrap_ciphers, sizeof(*def->keywrap_ciphers),
              cipher_cmp);
}

static void
domain_post_parse(void *obj)
{
    DomainDef *def = obj;

    post_parse_ids(def);
    post_parse_metadata(def);
    post_parse_memory(def);
    post_parse_cpus(def);
    post_parse_iothreads(def);
    post_parse_os(def);
    domain_devices_post_parse(&def->devices);
    domain_def_post_parse_compat(def);
    if (def->on_poweroff == DOMAIN_LIFECYCLE_DEFAULT)
        def->on_poweroff = DOMAIN_LIFECYCLE_DESTROY;
    if (def->on_reboot == DOMAIN_LIFECYCLE_DEFAULT)
        def->on_reboot = DOMAIN_LIFECYCLE_RESTART;
    if (def->on_crash == DOMAIN_LIFECYCLE_DEFAULT)
        def->on_crash = DOMAIN_LIFECYCLE_DESTROY;
    domain_perf_events_sort(def->perf_events, def->nperf_events);
    post_parse_security(def);
}

/* ---- validate: rules that need more than one part ------------------------------ */

static int
validate_memory(XmlCtx *ctx, const DomainDef *def)
{
    const DomainMaxMemory *mm = &def->max_memory;

    if (def->memory.kib == 0) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "memory size must be given in <memory> or by the <numa> cells of "
                      "element '%s'", xmlmap_ctx_path(ctx));
        return -1;
    }
    if ((mm->kib == 0) != (mm->slots == 0)) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "element '%s/maxMemory' needs both a size and a 'slots' attribute",
                      xmlmap_ctx_path(ctx));
        return -1;
    }
    if (mm->kib && mm->kib < def->memory.kib) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "maximum memory %llu KiB in element '%s/maxMemory' is below the "
                      "memory size %llu KiB", mm->kib, xmlmap_ctx_path(ctx), def->memory.kib);
        return -1;
    }
    return 0;
}

static int
validate_hugepages(XmlCtx *ctx, const DomainDef *def)
{
    const DomainHugePages *hp = def->memory_backing.hugepages;
    size_t ncells = def->cpu && def->cpu->numa ? def->cpu->numa->ncells : 0;

    for (size_t i = 0; hp && i < hp->npages; i++) {
        int last = dom_bitmap_last(hp->pages[i].nodeset);

        if (hp->pages[i].nodeset && (size_t) (last + 1) > ncells) {
            xmlmap_report(ctx, VIR_ERR_XML_DETAIL,
                          "hugepages node %d in element '%s/memoryBacking' is not a guest "
                          "NUMA cell", last, xmlmap_ctx_path(ctx));
            return -1;
        }
    }
    return 0;
}

static int
validate_vcpus(XmlCtx *ctx, const DomainDef *def)
{
    unsigned int max = def->vcpu.max;
    const DomainCpu *cpu = def->cpu;

    if (def->vcpu.current > max) {
        xmlmap_report(ctx, VIR_ERR_CONFIG_UNSUPPORTED,
                      "current vCPU count %u in element '%s/vcpu' is above the maximum %u",
                      def->vcpu.current, xmlmap_ctx_path(ctx), max);
        return -1;
    }
    for (size_t i = 0; cpu && cpu->numa && i < cpu->numa->ncells; i++) {
        int last = dom_bitmap_last(cpu->numa->cells[i].cpus);

        if (last >= (int) max) {
            xmlmap_report(ctx, VIR_ERR_INTERNAL_ERROR,
                          "CPU %d of NUMA cell %zu in element '%s/cpu' is beyond the "
                          "<vcpu> count %u", last, i, xmlmap_ctx_path(ctx), max);
            return -1;
        }
    }
    for (size_t i = 0; i < def->nvcpu_infos; i++) {
        const DomainVcpuInfo *v = &def->vcpu_infos[i];

        if (v->id >= max) {
            xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                          "vcpu id '%u' in element '%s/vcpus' is not below the maximum %u",
                          v->id, xmlmap_ctx_path(ctx), max);
            return -1;
        }
        for (size_t j = 0; j < i; j++) {
            if (def->vcpu_infos[j].id == v->id) {
                xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                              "vcpu id '%u' appears twice in element '%s/vcpus'",
                              v->id, xmlmap_ctx_path(ctx));
                return -1;
            }
        }
    }
    for (size_t i = 0; i < def->niothreadids; i++) {
        for (size_t j = 0; j < i; j++) {
            if (def->iothreadids[i].id == def->iothreadids[j].id) {
                xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                              "iothread id '%u' appears twice in element '%s/iothreadids'",
                              def->iothreadids[i].id, xmlmap_ctx_path(ctx));
                return -1;
            }
        }
    }
    return 0;
}

static int
validate_ids(XmlCtx *ctx, const DomainDef *def)
{
    if (def->virt_type == DOMAIN_VIRT_NONE) {
        xmlmap_report(ctx, VIR_ERR_INTERNAL_ERROR,
                      "missing required attribute 'type' in element '%s'", xmlmap_ctx_path(ctx));
        return -1;
    }
    if (def->title && strchr(def->title, '\n')) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "element '%s/title' must not contain a newline", xmlmap_ctx_path(ctx));
        return -1;
    }
    for (size_t i = 0; i < def->nsysinfos; i++) {
        const char *si_uuid = domain_sysinfo_system_uuid(&def->sysinfos[i]);
        unsigned char raw[16];

        if (!si_uuid)
            continue;
        if (uuid_parse(si_uuid, raw) < 0 || memcmp(raw, def->uuid, sizeof(raw)) != 0) {
            xmlmap_report(ctx, VIR_ERR_XML_DETAIL,
                          "UUID mismatch between <uuid> and <sysinfo> in element '%s'",
                          xmlmap_ctx_path(ctx));
            return -1;
        }
    }
    if (def->os.nboots > 0 && domain_devices_have_boot_order(&def->devices)) {
        xmlmap_report(ctx, VIR_ERR_CONFIG_UNSUPPORTED,
                      "per-device <boot order=> cannot be combined with <boot dev=> in "
                      "element '%s/os'", xmlmap_ctx_path(ctx));
        return -1;
    }
    if (def->os.type == DOMAIN_OS_NONE) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "element '%s/os' must name the guest type in <type>",
                      xmlmap_ctx_path(ctx));
        return -1;
    }
    return 0;
}

/* libvirt checks this after the memory rules: a '/' in the name would
 * escape the per-domain directories named after it. */
static int
validate_name(XmlCtx *ctx, const DomainDef *def)
{
    if (def->name && strchr(def->name, '/')) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR, "name %s cannot contain '/'", def->name);
        return -1;
    }
    return 0;
}

static int
validate_security(XmlCtx *ctx, const DomainDef *def)
{
    for (size_t i = 0; i < def->nseclabels; i++) {
        const DomainSeclabel *s = &def->seclabels[i];

        if (def->nseclabels > 1 && !s->model) {
            xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                          "every <seclabel> of element '%s' needs a 'model' attribute when "
                          "there are several", xmlmap_ctx_path(ctx));
            return -1;
        }
        for (size_t j = 0; s->model && j < i; j++) {
            if (def->seclabels[j].model && g_str_equal(def->seclabels[j].model, s->model)) {
                xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                              "security model '%s' has two <seclabel> elements in element '%s'",
                              s->model, xmlmap_ctx_path(ctx));
                return -1;
            }
        }
    }
    for (size_t i = 1; i < def->nperf_events; i++) {
        if (def->perf_events[i].name == def->perf_events[i - 1].name) {
            xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                          "perf event '%s' is listed twice in element '%s/perf'",
                          domain_perf_event_to_string(def->perf_events[i].name),
                          xmlmap_ctx_path(ctx));
            return -1;
        }
    }
    for (size_t i = 1; i < def->nkeywrap_ciphers; i++) {
        if (def->keywrap_ciphers[i].name == def->keywrap_ciphers[i - 1].name) {
            xmlmap_report(ctx, VIR_ERR_INTERNAL_ERROR,
                          "element '%s/keywrap' has two <cipher> elements of the same name",
                          xmlmap_ctx_path(ctx));
            return -1;
        }
    }
    return 0;
}

static int
domain_validate(XmlCtx *ctx, const void *obj)
{
    const DomainDef *def = obj;

    if (validate_ids(ctx, def) < 0 ||
        validate_memory(ctx, def) < 0 ||
        validate_name(ctx, def) < 0 ||
        validate_hugepages(ctx, def) < 0 ||
        validate_vcpus(ctx, def) < 0 ||
        validate_security(ctx, def) < 0 ||
        domain_def_validate_compat(ctx, def) < 0 ||
        domain_devices_validate_unique(ctx, &def->devices, def->os.type) < 0)
        return -1;
    return 0;
}

XML_SCHEMA(domain_def, DomainDef, "domain", domain_fields,
           .domain = VIR_FROM_DOMAIN, .doc_label = "(domain_definition)",
           .post_parse = domain_post_parse, .validate = domain_validate);

/* ---- public entry points ------------------------------------------------------ */

/**
 * domain_def_new() - an empty definition
 *
 * Return: a zeroed DomainDef; free with domain_def_free().
 */
DomainDef *
domain_def_new(void)
{
    return xmlmap_new(&domain_def_schema);
}

/**
 * domain_def_parse_string() - parse domain XML
 * @xml: document text
 * @flags: XMLMAP_PARSE_* (INACTIVE ignores runtime state, SKIP_VALIDATE when
 *         loading a config from disk so that a rule added later cannot make
 *         it disappear, STRICT to refuse unknown elements)
 *
 * Post-parse defaults are always filled; the generic validate rules run
 * unless SKIP_VALIDATE is given. Driver rules run in domain_def_validate().
 *
 * Return: the definition, or NULL with a libvirt-style error reported.
 */
DomainDef *
domain_def_parse_string(const char *xml, unsigned int flags)
{
    void *def = NULL;

    if (xmlmap_parse_string(&domain_def_schema, xml, &def, flags) < 0)
        return NULL;
    if (flags & XMLMAP_PARSE_INACTIVE) {
        DomainDevices *devs = &((DomainDef *) def)->devices;

        for (size_t i = 0; i < devs->ngraphics; i++)
            domain_graphics_forget_ports(devs->graphics[i]);
    }
    return def;
}

/**
 * domain_def_format() - format a domain definition
 * @def: definition
 * @flags: XMLMAP_FORMAT_* (SECURE, INACTIVE, MIGRATABLE; the values of
 *         VIR_DOMAIN_XML_SECURE/INACTIVE/MIGRATABLE)
 *
 * Return: the XML text (caller frees).
 */
char *
domain_def_format(const DomainDef *def, unsigned int flags)
{
    return xmlmap_format(&domain_def_schema, def, flags);
}

/**
 * domain_def_validate() - run every validation rule on a definition
 * @def: definition, typically parsed with XMLMAP_PARSE_SKIP_VALIDATE
 * @ops: driver rules run after the generic ones; NULL for none
 *
 * Drivers call this before they persist or start a definition. A config
 * loaded from disk that fails here stays loaded; the caller reports the
 * error and refuses the operation instead of dropping the domain.
 *
 * Return: 0, or -1 with the first broken rule reported.
 */
int
domain_def_validate(const DomainDef *def, const DomainValidateOps *ops)
{
    if (xmlmap_validate(&domain_def_schema, def, 0) < 0)
        return -1;
    if (ops && ops->domain && ops->domain(def, ops->opaque) < 0)
        return -1;
    return 0;
}

/**
 * domain_def_copy() - deep copy of a definition
 * @def: definition
 *
 * Return: the copy, or NULL with an error reported.
 */
DomainDef *
domain_def_copy(const DomainDef *def)
{
    return xmlmap_copy(&domain_def_schema, def);
}

/**
 * domain_def_free() - free a domain definition
 * @def: definition, may be NULL
 */
void
domain_def_free(DomainDef *def)
{
    xmlmap_free(&domain_def_schema, def);
}

/**
 * domain_def_vcpus_current() - vCPUs the guest starts with
 * @def: definition
 *
 * Return: <vcpu current=>, or the maximum when it is not set.
 */
unsigned int
domain_def_vcpus_current(const DomainDef *def)
{
    return def->vcpu.current ? def->vcpu.current : def->vcpu.max;
}

/**
 * domain_def_memory_total() - guest memory size
 * @def: definition
 *
 * Return: the memory in KiB (the NUMA cells' sum when the guest has cells).
 */
unsigned long long
domain_def_memory_total(const DomainDef *def)
{
    unsigned long long numa = domain_cpu_numa_memory(def->cpu);

    return numa ? numa : def->memory.kib;
}
