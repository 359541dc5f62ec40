/*
 * cmd-domain-monitor.c: domain monitoring commands (help keyword 'monitor'): list,
 * dominfo, domstate, domcontrol, the block and interface views (domblklist,
 * domblkinfo, domblkstat, domblkerror, domiflist, domifstat, domifaddr,
 * domif-getlink), dommemstat, domstats and domtime.
 *
 * Device views read the domain XML; statistics come from the library's calls.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "tools/virsh/helpers.h"
#include "tools/virsh/table.h"

/* ---- XML of a domain, as a parsed document ---- */

typedef struct {
    xmlDocPtr doc;
    xmlXPathContextPtr ctx;
} DomXml;

static void
domxml_clear(DomXml *x)
{
    if (x->ctx)
        xmlXPathFreeContext(x->ctx);
    if (x->doc)
        xmlFreeDoc(x->doc);
    x->ctx = NULL;
    x->doc = NULL;
}

static bool
domxml_load(VshCtl *ctl, virDomainPtr dom, unsigned int flags, DomXml *x)
{
    g_autofree char *xml = virDomainGetXMLDesc(dom, flags);

    if (!xml)
        return false;
    x->doc = xmlReadMemory(xml, (int) strlen(xml), "domain.xml", NULL,
                           XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
    if (!x->doc) {
        vsh_error(ctl, "Failed to parse domain XML");
        return false;
    }
    x->ctx = xmlXPathNewContext(x->doc);
    return true;
}

static xmlNodeSetPtr
domxml_nodes(DomXml *x, const char *xpath, xmlXPathObjectPtr *keep)
{
    *keep = xmlXPathEvalExpression((const xmlChar *) xpath, x->ctx);
    if (!*keep || (*keep)->type != XPATH_NODESET)
        return NULL;
    return (*keep)->nodesetval;
}

/* string value of @xpath relative to @node; NULL when empty */
static char *
node_str(DomXml *x, xmlNodePtr node, const char *xpath)
{
    xmlXPathObjectPtr r;
    char *ret = NULL;

    x->ctx->node = node;
    r = xmlXPathEvalExpression((const xmlChar *) xpath, x->ctx);
    if (r && r->type == XPATH_STRING && r->stringval && *r->stringval)
        ret = g_strdup((const char *) r->stringval);
    else if (r && r->type == XPATH_NODESET && r->nodesetval && r->nodesetval->nodeNr > 0) {
        xmlChar *c = xmlNodeGetContent(r->nodesetval->nodeTab[0]);

        if (c && *c)
            ret = g_strdup((const char *) c);
        xmlFree(c);
    }
    xmlXPathFreeObject(r);
    x->ctx->node = NULL;
    return ret;
}

#define DISK_SOURCE_XPATH \
    "string(./source/@file|./source/@dev|./source/@dir|./source/@name|./source/@volume)"
#define IFACE_SOURCE_XPATH \
    "string(./source/@bridge|./source/@dev|./source/@network|./source/@name|./source/@path)"

/* ---- list ---- */

typedef struct {
    virDomainPtr dom;
    int id;                 /* -1 inactive */
    const char *name;
} DomEntry;

static int
dom_entry_cmp(const void *a, const void *b)
{
    const DomEntry *x = a, *y = b;

    if (x->id < 0 && y->id < 0)
        return g_ascii_strcasecmp(x->name, y->name);
    if (x->id >= 0 && y->id >= 0)
        return x->id < y->id ? -1 : x->id > y->id;
    return x->id >= 0 ? -1 : 1;
}

static char *
domain_title(virDomainPtr dom)
{
    unsigned int flags = virDomainIsActive(dom) == 1 ? VIR_DOMAIN_AFFECT_LIVE
                                                     : VIR_DOMAIN_AFFECT_CONFIG;
    char *t = virDomainGetMetadata(dom, VIR_DOMAIN_METADATA_TITLE, NULL, flags);
    char *ret;

    vsh_reset_libvirt_error();
    ret = g_strdup(t ? t : "");
    free(t);
    return ret;
}

static const VshOptFlag list_filters[] = {
    { "inactive", VIR_CONNECT_LIST_DOMAINS_INACTIVE },
    { "all", VIR_CONNECT_LIST_DOMAINS_ACTIVE | VIR_CONNECT_LIST_DOMAINS_INACTIVE },
    { "transient", VIR_CONNECT_LIST_DOMAINS_TRANSIENT },
    { "persistent", VIR_CONNECT_LIST_DOMAINS_PERSISTENT },
    { "with-snapshot", VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT },
    { "without-snapshot", VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT },
    { "with-checkpoint", VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT },
    { "without-checkpoint", VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT },
    { "state-running", VIR_CONNECT_LIST_DOMAINS_RUNNING },
    { "state-paused", VIR_CONNECT_LIST_DOMAINS_PAUSED },
    { "state-shutoff", VIR_CONNECT_LIST_DOMAINS_SHUTOFF },
    { "state-other", VIR_CONNECT_LIST_DOMAINS_OTHER },
    { "autostart", VIR_CONNECT_LIST_DOMAINS_AUTOSTART },
    { "no-autostart", VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART },
    { "with-managed-save", VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE },
    { "without-managed-save", VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE },
};

static bool
cmd_list(VshCtl *ctl, const VshCmd *cmd)
{
    bool opt_uuid = vsh_opt_bool(cmd, "uuid");
    bool opt_name = vsh_opt_bool(cmd, "name");
    bool opt_id = vsh_opt_bool(cmd, "id");
    bool opt_title = vsh_opt_bool(cmd, "title");
    bool opt_msave = vsh_opt_bool(cmd, "managed-save");
    bool opt_json = vsh_opt_bool(cmd, "json");
    unsigned int flags;
    bool state_filter = false;
    virDomainPtr *doms = NULL;
    g_autofree DomEntry *ents = NULL;
    g_autoptr(VshTable) table = NULL;
    json_object *arr = NULL;
    int n;

    if (!vsh_opt_exclusive(ctl, cmd, "table", "name") ||
        !vsh_opt_exclusive(ctl, cmd, "table", "uuid") ||
        !vsh_opt_exclusive(ctl, cmd, "table", "id") ||
        !vsh_opt_exclusive(ctl, cmd, "json", "name") ||
        !vsh_opt_exclusive(ctl, cmd, "json", "uuid") ||
        !vsh_opt_exclusive(ctl, cmd, "json", "id") ||
        !vsh_opt_exclusive(ctl, cmd, "json", "table"))
        return false;
    flags = vsh_opt_flags(cmd, list_filters, G_N_ELEMENTS(list_filters));
    state_filter = flags & (VIR_CONNECT_LIST_DOMAINS_RUNNING | VIR_CONNECT_LIST_DOMAINS_PAUSED |
                            VIR_CONNECT_LIST_DOMAINS_SHUTOFF | VIR_CONNECT_LIST_DOMAINS_OTHER);
    /* by default only running domains; a state filter looks at every domain */
    if (!(flags & (VIR_CONNECT_LIST_DOMAINS_ACTIVE | VIR_CONNECT_LIST_DOMAINS_INACTIVE)) &&
        !state_filter)
        flags |= VIR_CONNECT_LIST_DOMAINS_ACTIVE;

    if ((n = virConnectListAllDomains(vsh_conn(ctl), &doms, flags)) < 0) {
        vsh_error(ctl, "Failed to list domains");
        return false;
    }
    ents = g_new0(DomEntry, n + 1);
    for (int i = 0; i < n; i++) {
        unsigned int id = virDomainGetID(doms[i]);

        ents[i].dom = doms[i];
        ents[i].id = id == (unsigned int) -1 ? -1 : (int) id;
        ents[i].name = virDomainGetName(doms[i]);
    }
    qsort(ents, n, sizeof(*ents), dom_entry_cmp);

    if (opt_json)
        arr = json_object_new_array();
    else if (!opt_uuid && !opt_name && !opt_id)
        table = opt_title ? vsh_table_new("Id", "Name", "State", "Title", NULL)
                          : vsh_table_new("Id", "Name", "State", NULL);

    for (int i = 0; i < n; i++) {
        virDomainPtr d = ents[i].dom;
        char uuid[VIR_UUID_STRING_BUFLEN] = "";
        g_autofree char *idstr = ents[i].id >= 0 ? g_strdup_printf("%d", ents[i].id)
                                                 : g_strdup("-");
        int state = -1, reason;
        const char *statestr;

        virDomainGetUUIDString(d, uuid);
        if (virDomainGetState(d, &state, &reason, 0) < 0)
            state = -1;
        statestr = state < 0 ? "no state" : vsh_domain_state_str(state);
        if (opt_msave && state == VIR_DOMAIN_SHUTOFF &&
            virDomainHasManagedSaveImage(d, 0) > 0)
            statestr = "saved";
        vsh_reset_libvirt_error();

        if (arr) {
            json_object *o = json_object_new_object();

            json_object_object_add(o, "id", ents[i].id >= 0 ? json_object_new_int(ents[i].id)
                                                             : NULL);
            vsh_json_add_str(o, "name", ents[i].name);
            vsh_json_add_str(o, "uuid", uuid);
            vsh_json_add_str(o, "state", statestr);
            if (opt_title) {
                g_autofree char *t = domain_title(d);

                vsh_json_add_str(o, "title", t);
            }
            json_object_array_add(arr, o);
        } else if (table) {
            g_autofree char *title = opt_title ? domain_title(d) : NULL;

            vsh_table_add_row(table, idstr, ents[i].name, statestr, title, NULL);
        } else {
            g_autoptr(GString) line = g_string_new(NULL);

            if (opt_id && !opt_uuid && !opt_name && ents[i].id < 0)
                continue;
            if (opt_uuid)
                g_string_append(line, uuid);
            if (opt_id)
                g_string_append_printf(line, "%s%s", line->len ? " " : "", idstr);
            if (opt_name)
                g_string_append_printf(line, "%s%s", line->len ? " " : "", ents[i].name);
            vsh_print(ctl, "%s\n", line->str);
        }
    }
    for (int i = 0; i < n; i++)
        virDomainFree(doms[i]);
    free(doms);
    if (arr)
        vsh_json_print(ctl, arr);
    else if (table)
        vsh_table_print(ctl, table);
    return true;
}

static const VshOptDef opts_list[] = {
    { "inactive", VSH_OT_BOOL, 0, "only inactive domains" },
    { "all", VSH_OT_BOOL, 0, "active and inactive domains" },
    { "transient", VSH_OT_BOOL, 0, "only transient domains" },
    { "persistent", VSH_OT_BOOL, 0, "only persistent domains" },
    { "with-snapshot", VSH_OT_BOOL, 0, "only domains that have snapshots" },
    { "without-snapshot", VSH_OT_BOOL, 0, "only domains without snapshots" },
    { "with-checkpoint", VSH_OT_BOOL, 0, "only domains that have checkpoints" },
    { "without-checkpoint", VSH_OT_BOOL, 0, "only domains without checkpoints" },
    { "state-running", VSH_OT_BOOL, 0, "only running domains" },
    { "state-paused", VSH_OT_BOOL, 0, "only paused domains" },
    { "state-shutoff", VSH_OT_BOOL, 0, "only shut off domains" },
    { "state-other", VSH_OT_BOOL, 0, "only domains in any other state" },
    { "autostart", VSH_OT_BOOL, 0, "only domains started with the host" },
    { "no-autostart", VSH_OT_BOOL, 0, "only domains not started with the host" },
    { "with-managed-save", VSH_OT_BOOL, 0, "only domains with a managed save image" },
    { "without-managed-save", VSH_OT_BOOL, 0, "only domains without a managed save image" },
    { "uuid", VSH_OT_BOOL, 0, "print UUIDs only" },
    { "name", VSH_OT_BOOL, 0, "print names only" },
    { "id", VSH_OT_BOOL, 0, "print ids only" },
    { "table", VSH_OT_BOOL, 0, "print a table (the default)" },
    { "managed-save", VSH_OT_BOOL, 0, "show 'saved' for inactive domains with a managed save image" },
    { "title", VSH_OT_BOOL, 0, "add a column with each domain's title" },
    { "json", VSH_OT_BOOL, 0, "print a JSON array instead of a table" },
    { NULL }
};

/* ---- dominfo ---- */

static bool
cmd_dominfo(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    virDomainInfo info;
    virSecurityModel model;
    char uuid[VIR_UUID_STRING_BUFLEN] = "";
    g_autofree char *ostype = NULL;
    unsigned int id;
    int persistent, autostart = -1, msave;
    bool json = vsh_opt_bool(cmd, "json");
    json_object *o;

    if (!dom)
        return false;
    id = virDomainGetID(dom);
    virDomainGetUUIDString(dom, uuid);
    ostype = virDomainGetOSType(dom);
    vsh_reset_libvirt_error();
    if (virDomainGetInfo(dom, &info) < 0)
        return false;
    persistent = virDomainIsPersistent(dom);
    if (virDomainGetAutostart(dom, &autostart) < 0)
        autostart = -1;
    msave = virDomainHasManagedSaveImage(dom, 0);
    vsh_reset_libvirt_error();

    if (json) {
        o = json_object_new_object();
        json_object_object_add(o, "id", id == (unsigned int) -1 ? NULL
                                                                : json_object_new_int64(id));
        vsh_json_add_str(o, "name", virDomainGetName(dom));
        vsh_json_add_str(o, "uuid", uuid);
        vsh_json_add_str(o, "os_type", ostype);
        vsh_json_add_str(o, "state", vsh_domain_state_str(info.state));
        vsh_json_add_uint(o, "cpus", info.nrVirtCpu);
        vsh_json_add_uint(o, "cpu_time_ns", info.cpuTime);
        vsh_json_add_uint(o, "max_memory_kib", info.maxMem);
        vsh_json_add_uint(o, "used_memory_kib", info.memory);
        if (persistent >= 0)
            vsh_json_add_bool(o, "persistent", persistent);
        if (autostart >= 0)
            vsh_json_add_bool(o, "autostart", autostart);
        if (msave >= 0)
            vsh_json_add_bool(o, "managed_save", msave);
        vsh_json_print(ctl, o);
        return true;
    }

    if (id == (unsigned int) -1)
        vsh_print(ctl, "%-15s %s\n", "Id:", "-");
    else
        vsh_print(ctl, "%-15s %u\n", "Id:", id);
    vsh_print(ctl, "%-15s %s\n", "Name:", virDomainGetName(dom));
    vsh_print(ctl, "%-15s %s\n", "UUID:", uuid);
    if (ostype)
        vsh_print(ctl, "%-15s %s\n", "OS Type:", ostype);
    vsh_print(ctl, "%-15s %s\n", "State:", vsh_domain_state_str(info.state));
    vsh_print(ctl, "%-15s %d\n", "CPU(s):", info.nrVirtCpu);
    if (info.cpuTime != 0)
        vsh_print(ctl, "%-15s %.1lfs\n", "CPU time:", (double) info.cpuTime / 1000000000.0);
    if (info.maxMem != UINT_MAX)
        vsh_print(ctl, "%-15s %lu KiB\n", "Max memory:", info.maxMem);
    else
        vsh_print(ctl, "%-15s %s\n", "Max memory:", "no limit");
    vsh_print(ctl, "%-15s %lu KiB\n", "Used memory:", info.memory);
    vsh_print(ctl, "%-15s %s\n", "Persistent:", vsh_yes_no(persistent, "unknown"));
    if (autostart >= 0)
        vsh_print(ctl, "%-15s %s\n", "Autostart:", autostart ? "enable" : "disable");
    vsh_print(ctl, "%-15s %s\n", "Managed save:", vsh_yes_no(msave, "unknown"));

    memset(&model, 0, sizeof(model));
    if (virNodeGetSecurityModel(vsh_conn(ctl), &model) < 0) {
        if (vsh_last_error_code() != VIR_ERR_NO_SUPPORT)
            return false;
        vsh_reset_libvirt_error();
    } else if (model.model[0]) {
        virSecurityLabel label;

        vsh_print(ctl, "%-15s %s\n", "Security model:", model.model);
        vsh_print(ctl, "%-15s %s\n", "Security DOI:", model.doi);
        memset(&label, 0, sizeof(label));
        if (virDomainGetSecurityLabel(dom, &label) < 0) {
            if (vsh_last_error_code() != VIR_ERR_NO_SUPPORT)
                return false;
            vsh_reset_libvirt_error();
        } else if (label.label[0]) {
            vsh_print(ctl, "%-15s %s (%s)\n", "Security label:", label.label,
                      label.enforcing ? "enforcing" : "permissive");
        }
    }
    return true;
}

static const VshOptDef opts_dominfo[] = {
    VSH_DOMAIN_OPT,
    { "json", VSH_OT_BOOL, 0, "print a JSON object" },
    { NULL }
};

/* ---- domstate ---- */

static bool
cmd_domstate(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    int state, reason;

    if (!dom)
        return false;
    if (virDomainGetState(dom, &state, &reason, 0) < 0) {
        vsh_error(ctl, "Unable to get state of domain %s", virDomainGetName(dom));
        return false;
    }
    if (vsh_opt_bool(cmd, "reason"))
        vsh_print(ctl, "%s (%s)\n", vsh_domain_state_str(state),
                  vsh_domain_reason_str(state, reason));
    else
        vsh_print(ctl, "%s\n", vsh_domain_state_str(state));
    return true;
}

static const VshOptDef opts_domstate[] = {
    VSH_DOMAIN_OPT,
    { "reason", VSH_OT_BOOL, 0, "also say why the domain is in that state" },
    { NULL }
};

/* ---- domcontrol ---- */

static bool
cmd_domcontrol(VshCtl *ctl, const VshCmd *cmd)
{
    static const char *const states[] = {
        [VIR_DOMAIN_CONTROL_OK] = "ok",
        [VIR_DOMAIN_CONTROL_JOB] = "background job",
        [VIR_DOMAIN_CONTROL_OCCUPIED] = "occupied",
        [VIR_DOMAIN_CONTROL_ERROR] = "error",
    };
    static const char *const errors[] = {
        [VIR_DOMAIN_CONTROL_ERROR_REASON_NONE] = "no error",
        [VIR_DOMAIN_CONTROL_ERROR_REASON_UNKNOWN] = "unspecified error",
        [VIR_DOMAIN_CONTROL_ERROR_REASON_MONITOR] = "monitor failure",
        [VIR_DOMAIN_CONTROL_ERROR_REASON_INTERNAL] = "internal (locking) error",
    };
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    virDomainControlInfo info;
    const char *st;

    if (!dom)
        return false;
    if (virDomainGetControlInfo(dom, &info, 0) < 0)
        return false;
    st = info.state < G_N_ELEMENTS(states) ? states[info.state] : "unknown";
    if (info.state == VIR_DOMAIN_CONTROL_ERROR)
        vsh_print(ctl, "%s: %s\n", st,
                  info.details < G_N_ELEMENTS(errors) ? errors[info.details] : "unknown");
    else if (info.state != VIR_DOMAIN_CONTROL_OK)
        vsh_print(ctl, "%s (%0.3fs)\n", st, (double) info.stateTime / 1000.0);
    else
        vsh_print(ctl, "%s\n", st);
    return true;
}

/* ---- domblklist ---- */

static bool
cmd_domblklist(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    bool details = vsh_opt_bool(cmd, "details");
    bool json = vsh_opt_bool(cmd, "json");
    g_autoptr(VshTable) table = NULL;
    json_object *arr = NULL;
    DomXml x = { 0 };
    xmlXPathObjectPtr keep = NULL;
    xmlNodeSetPtr disks;

    if (!dom)
        return false;
    if (!domxml_load(ctl, dom, vsh_opt_bool(cmd, "inactive") ? VIR_DOMAIN_XML_INACTIVE : 0,
                     &x))
        return false;
    disks = domxml_nodes(&x, "/domain/devices/disk", &keep);
    if (json)
        arr = json_object_new_array();
    else if (details)
        table = vsh_table_new("Type", "Device", "Target", "Source", NULL);
    else
        table = vsh_table_new("Target", "Source", NULL);
    for (int i = 0; disks && i < disks->nodeNr; i++) {
        g_autofree char *type = node_str(&x, disks->nodeTab[i], "string(./@type)");
        g_autofree char *device = node_str(&x, disks->nodeTab[i], "string(./@device)");
        g_autofree char *target = node_str(&x, disks->nodeTab[i], "string(./target/@dev)");
        g_autofree char *source = node_str(&x, disks->nodeTab[i], DISK_SOURCE_XPATH);

        if (!target) {
            vsh_error(ctl, "unable to query block list");
            xmlXPathFreeObject(keep);
            domxml_clear(&x);
            if (arr)
                json_object_put(arr);
            return false;
        }
        if (arr) {
            json_object *o = json_object_new_object();

            vsh_json_add_str(o, "type", type);
            vsh_json_add_str(o, "device", device);
            vsh_json_add_str(o, "target", target);
            vsh_json_add_str(o, "source", source);
            json_object_array_add(arr, o);
        } else if (details) {
            vsh_table_add_row(table, type ? type : "", device ? device : "", target,
                              source ? source : "-", NULL);
        } else {
            vsh_table_add_row(table, target, source ? source : "-", NULL);
        }
    }
    xmlXPathFreeObject(keep);
    domxml_clear(&x);
    if (arr)
        vsh_json_print(ctl, arr);
    else
        vsh_table_print(ctl, table);
    return true;
}

static const VshOptDef opts_domblklist[] = {
    VSH_DOMAIN_OPT,
    { "inactive", VSH_OT_BOOL, 0, "read the persistent configuration, not the live one" },
    { "details", VSH_OT_BOOL, 0, "add the disk type and device columns" },
    { "json", VSH_OT_BOOL, 0, "print a JSON array" },
    { NULL }
};

/* ---- domblkinfo ---- */

static char *
size_str(unsigned long long v, bool human)
{
    if (!human)
        return g_strdup_printf("%llu", v);
    {
        static const char *const units[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
        double d = (double) v;
        size_t u = 0;

        while (u + 1 < G_N_ELEMENTS(units) && d >= 1024.0) {
            d /= 1024.0;
            u++;
        }
        return g_strdup_printf("%.3lf %s", d, units[u]);
    }
}

static bool
cmd_domblkinfo(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    bool human = vsh_opt_bool(cmd, "human");
    const char *device = NULL;
    virDomainBlockInfo info;

    if (!dom)
        return false;
    if (vsh_opt_string(ctl, cmd, "device", &device) < 0)
        return false;
    if (!vsh_opt_bool(cmd, "all") && !device) {
        vsh_error(ctl, "command 'domblkinfo' requires <device> option");
        return false;
    }
    if (vsh_opt_bool(cmd, "all")) {
        g_autoptr(VshTable) table = vsh_table_new("Target", "Capacity", "Allocation",
                                                  "Physical", NULL);
        DomXml x = { 0 };
        xmlXPathObjectPtr keep = NULL;
        xmlNodeSetPtr disks;
        bool active = virDomainIsActive(dom) == 1;

        if (device) {
            vsh_error(ctl, "Options --all and --device are mutually exclusive");
            return false;
        }
        if (!domxml_load(ctl, dom, 0, &x))
            return false;
        disks = domxml_nodes(&x, "/domain/devices/disk", &keep);
        for (int i = 0; disks && i < disks->nodeNr; i++) {
            g_autofree char *target = node_str(&x, disks->nodeTab[i], "string(./target/@dev)");
            g_autofree char *source = node_str(&x, disks->nodeTab[i], DISK_SOURCE_XPATH);
            g_autofree char *cap = NULL, *alloc = NULL, *phys = NULL;

            if (!target)
                continue;
            if (!source) {
                vsh_table_add_row(table, target, "-", "-", "-", NULL);
                continue;
            }
            if (virDomainGetBlockInfo(dom, target, &info, 0) < 0) {
                /* an unreachable network disk of a running domain is shown empty */
                if (active && vsh_last_error_code() == VIR_ERR_INTERNAL_ERROR) {
                    vsh_reset_libvirt_error();
                    vsh_table_add_row(table, target, "-", "-", "-", NULL);
                    continue;
                }
                xmlXPathFreeObject(keep);
                domxml_clear(&x);
                return false;
            }
            cap = size_str(info.capacity, human);
            alloc = size_str(info.allocation, human);
            phys = size_str(info.physical, human);
            vsh_table_add_row(table, target, cap, alloc, phys, NULL);
        }
        xmlXPathFreeObject(keep);
        domxml_clear(&x);
        vsh_table_print(ctl, table);
        return true;
    }
    if (virDomainGetBlockInfo(dom, device, &info, 0) < 0)
        return false;
    {
        g_autofree char *cap = size_str(info.capacity, human);
        g_autofree char *alloc = size_str(info.allocation, human);
        g_autofree char *phys = size_str(info.physical, human);

        vsh_print(ctl, "%-15s %s\n", "Capacity:", cap);
        vsh_print(ctl, "%-15s %s\n", "Allocation:", alloc);
        vsh_print(ctl, "%-15s %s\n", "Physical:", phys);
    }
    return true;
}

static const VshOptDef opts_domblkinfo[] = {
    VSH_DOMAIN_OPT,
    { "device", VSH_OT_STRING, 0, "the disk: target (vda) or source path" },
    { "human", VSH_OT_BOOL, 0, "sizes with units" },
    { "all", VSH_OT_BOOL, 0, "every disk of the domain, as a table" },
    { NULL }
};

/* ---- domblkstat ---- */

static const struct {
    const char *field;        /* the typed parameter's name */
    const char *legacy;       /* the short name of the plain output */
    const char *human;
} blkstat_names[] = {
    { VIR_DOMAIN_BLOCK_STATS_READ_REQ, "rd_req", "number of read operations:" },
    { VIR_DOMAIN_BLOCK_STATS_READ_BYTES, "rd_bytes", "number of bytes read:" },
    { VIR_DOMAIN_BLOCK_STATS_WRITE_REQ, "wr_req", "number of write operations:" },
    { VIR_DOMAIN_BLOCK_STATS_WRITE_BYTES, "wr_bytes", "number of bytes written:" },
    { VIR_DOMAIN_BLOCK_STATS_ERRS, "errs", "error count:" },
    { VIR_DOMAIN_BLOCK_STATS_FLUSH_REQ, NULL, "number of flush operations:" },
    { VIR_DOMAIN_BLOCK_STATS_READ_TOTAL_TIMES, NULL, "total duration of reads (ns):" },
    { VIR_DOMAIN_BLOCK_STATS_WRITE_TOTAL_TIMES, NULL, "total duration of writes (ns):" },
    { VIR_DOMAIN_BLOCK_STATS_FLUSH_TOTAL_TIMES, NULL, "total duration of flushes (ns):" },
};

static void
blkstat_line(VshCtl *ctl, bool human, const char *dev, const char *field, long long v)
{
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(blkstat_names); i++) {
        if (g_str_equal(blkstat_names[i].field, field))
            break;
    }
    if (human)
        vsh_print(ctl, " %-31s %lld\n",
                  i < G_N_ELEMENTS(blkstat_names) ? blkstat_names[i].human : field, v);
    else
        vsh_print(ctl, "%s %s %lld\n", dev,
                  i < G_N_ELEMENTS(blkstat_names) && blkstat_names[i].legacy
                      ? blkstat_names[i].legacy : field, v);
}

static bool
cmd_domblkstat(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    bool human = vsh_opt_bool(cmd, "human");
    const char *device = "";
    virTypedParameterPtr params = NULL;
    int n = 0;

    if (!dom || vsh_opt_string(ctl, cmd, "device", &device) < 0)
        return false;
    if (virDomainBlockStatsFlags(dom, device, NULL, &n, 0) < 0 || n == 0) {
        virDomainBlockStatsStruct st;

        if (n == 0 && vsh_last_error_code() == VIR_ERR_OK)
            vsh_reset_libvirt_error();
        else if (vsh_last_error_code() != VIR_ERR_NO_SUPPORT) {
            vsh_error(ctl, "Failed to get block stats %s %s", virDomainGetName(dom), device);
            return false;
        }
        vsh_reset_libvirt_error();
        if (virDomainBlockStats(dom, device, &st, sizeof(st)) < 0) {
            vsh_error(ctl, "Failed to get block stats %s %s", virDomainGetName(dom), device);
            return false;
        }
        if (human)
            vsh_print(ctl, "Device: %s\n", device);
#define LEGACY(val, f) if ((val) >= 0) blkstat_line(ctl, human, device, (f), (val))
        LEGACY(st.rd_req, VIR_DOMAIN_BLOCK_STATS_READ_REQ);
        LEGACY(st.rd_bytes, VIR_DOMAIN_BLOCK_STATS_READ_BYTES);
        LEGACY(st.wr_req, VIR_DOMAIN_BLOCK_STATS_WRITE_REQ);
        LEGACY(st.wr_bytes, VIR_DOMAIN_BLOCK_STATS_WRITE_BYTES);
        LEGACY(st.errs, VIR_DOMAIN_BLOCK_STATS_ERRS);
#undef LEGACY
        return true;
    }
    params = g_new0(virTypedParameter, n);
    if (virDomainBlockStatsFlags(dom, device, params, &n, VIR_TYPED_PARAM_STRING_OKAY) < 0) {
        vsh_error(ctl, "Failed to get block stats for domain '%s' device '%s'",
                  virDomainGetName(dom), device);
        g_free(params);
        return false;
    }
    if (human)
        vsh_print(ctl, "Device: %s\n", device);
    for (int i = 0; i < n; i++) {
        g_autofree char *v = vsh_param_value(&params[i]);
        long long num = 0;

        if (params[i].type == VIR_TYPED_PARAM_LLONG)
            num = params[i].value.l;
        else if (params[i].type == VIR_TYPED_PARAM_ULLONG)
            num = (long long) params[i].value.ul;
        else {
            vsh_print(ctl, "%s %s %s\n", device, params[i].field, v);
            continue;
        }
        blkstat_line(ctl, human, device, params[i].field, num);
    }
    virTypedParamsClear(params, n);
    g_free(params);
    return true;
}

static const VshOptDef opts_domblkstat[] = {
    VSH_DOMAIN_OPT,
    { "device", VSH_OT_STRING, VSH_OF_EMPTY_OK, "the disk (target name); all disks when empty" },
    { "human", VSH_OT_BOOL, 0, "one labelled line per counter" },
    { NULL }
};

/* ---- domblkerror ---- */

static bool
cmd_domblkerror(VshCtl *ctl, const VshCmd *cmd)
{
    static const char *const names[] = {
        [VIR_DOMAIN_DISK_ERROR_NONE] = "no error",
        [VIR_DOMAIN_DISK_ERROR_UNSPEC] = "unspecified error",
        [VIR_DOMAIN_DISK_ERROR_NO_SPACE] = "no space",
    };
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    virDomainDiskErrorPtr errs;
    int n, got;

    if (!dom)
        return false;
    if ((n = virDomainGetDiskErrors(dom, NULL, 0, 0)) < 0)
        return false;
    errs = g_new0(virDomainDiskError, n + 1);
    if ((got = virDomainGetDiskErrors(dom, errs, n, 0)) < 0) {
        g_free(errs);
        return false;
    }
    if (got == 0)
        vsh_print(ctl, "No errors found\n");
    for (int i = 0; i < got; i++) {
        vsh_print(ctl, "%s: %s\n", errs[i].disk,
                  (size_t) errs[i].error < G_N_ELEMENTS(names) ? names[errs[i].error] : "unknown");
        free(errs[i].disk);
    }
    g_free(errs);
    return true;
}

/* ---- domiflist ---- */

static bool
cmd_domiflist(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    g_autoptr(VshTable) table = NULL;
    bool json = vsh_opt_bool(cmd, "json");
    json_object *arr = NULL;
    DomXml x = { 0 };
    xmlXPathObjectPtr keep = NULL;
    xmlNodeSetPtr ifs;

    if (!dom)
        return false;
    if (!domxml_load(ctl, dom, vsh_opt_bool(cmd, "inactive") ? VIR_DOMAIN_XML_INACTIVE : 0,
                     &x))
        return false;
    ifs = domxml_nodes(&x, "/domain/devices/interface", &keep);
    if (json)
        arr = json_object_new_array();
    else
        table = vsh_table_new("Interface", "Type", "Source", "Model", "MAC", NULL);
    for (int i = 0; ifs && i < ifs->nodeNr; i++) {
        xmlNodePtr n = ifs->nodeTab[i];
        g_autofree char *type = node_str(&x, n, "string(./@type)");
        g_autofree char *source = node_str(&x, n, IFACE_SOURCE_XPATH);
        g_autofree char *target = node_str(&x, n, "string(./target/@dev)");
        g_autofree char *model = node_str(&x, n, "string(./model/@type)");
        g_autofree char *mac = node_str(&x, n, "string(./mac/@address)");

        if (arr) {
            json_object *o = json_object_new_object();

            vsh_json_add_str(o, "interface", target);
            vsh_json_add_str(o, "type", type);
            vsh_json_add_str(o, "source", source);
            vsh_json_add_str(o, "model", model);
            vsh_json_add_str(o, "mac", mac);
            json_object_array_add(arr, o);
        } else {
            vsh_table_add_row(table, target ? target : "-", type ? type : "",
                              source ? source : "-", model ? model : "-", mac ? mac : "-",
                              NULL);
        }
    }
    xmlXPathFreeObject(keep);
    domxml_clear(&x);
    if (arr)
        vsh_json_print(ctl, arr);
    else
        vsh_table_print(ctl, table);
    return true;
}

static const VshOptDef opts_domiflist[] = {
    VSH_DOMAIN_OPT,
    { "inactive", VSH_OT_BOOL, 0, "read the persistent configuration, not the live one" },
    { "json", VSH_OT_BOOL, 0, "print a JSON array" },
    { NULL }
};

/* ---- domifstat ---- */

static bool
cmd_domifstat(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    const char *dev = NULL;
    virDomainInterfaceStatsStruct st;

    if (!dom || vsh_opt_string(ctl, cmd, "interface", &dev) <= 0)
        return false;
    if (virDomainInterfaceStats(dom, dev, &st, sizeof(st)) < 0) {
        vsh_error(ctl, "Failed to get interface stats %s %s", virDomainGetName(dom), dev);
        return false;
    }
#define STAT(f) if (st.f >= 0) vsh_print(ctl, "%s %s %lld\n", dev, #f, st.f)
    STAT(rx_bytes);
    STAT(rx_packets);
    STAT(rx_errs);
    STAT(rx_drop);
    STAT(tx_bytes);
    STAT(tx_packets);
    STAT(tx_errs);
    STAT(tx_drop);
#undef STAT
    return true;
}

static const VshOptDef opts_domifstat[] = {
    VSH_DOMAIN_OPT,
    { "interface", VSH_OT_DATA, VSH_OF_REQUIRED, "the interface: target device or MAC" },
    { NULL }
};

/* ---- domif-getlink ---- */

static bool
cmd_domif_getlink(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    const char *iface = NULL;
    DomXml x = { 0 };
    xmlXPathObjectPtr keep = NULL;
    xmlNodeSetPtr ifs;
    int found = -1, matches = 0;
    bool is_mac;

    if (!dom || vsh_opt_string(ctl, cmd, "interface", &iface) <= 0)
        return false;
    if (!domxml_load(ctl, dom, vsh_opt_bool(cmd, "config") ? VIR_DOMAIN_XML_INACTIVE : 0,
                     &x))
        return false;
    is_mac = strlen(iface) == 17 && iface[2] == ':';
    ifs = domxml_nodes(&x, "/domain/devices/interface", &keep);
    for (int i = 0; ifs && i < ifs->nodeNr; i++) {
        g_autofree char *v = node_str(&x, ifs->nodeTab[i],
                                      is_mac ? "string(./mac/@address)"
                                             : "string(./target/@dev)");

        if (v && g_ascii_strcasecmp(v, iface) == 0) {
            found = i;
            matches++;
        }
    }
    if (matches > 1) {
        vsh_error(ctl, "multiple matching interfaces found");
    } else if (found < 0) {
        if (is_mac)
            vsh_error(ctl, "Interface (mac: %s) not found.", iface);
        else
            vsh_error(ctl, "Interface (dev: %s) not found.", iface);
    } else {
        g_autofree char *state = node_str(&x, ifs->nodeTab[found], "string(./link/@state)");

        vsh_print(ctl, "%s %s", iface, state ? state : "up");
    }
    xmlXPathFreeObject(keep);
    domxml_clear(&x);
    return found >= 0 && matches == 1;
}

static const VshOptDef opts_domif_getlink[] = {
    VSH_DOMAIN_OPT,
    { "interface", VSH_OT_DATA, VSH_OF_REQUIRED, "the interface: target device or MAC" },
    { "config", VSH_OT_BOOL, 0, "read the persistent configuration" },
    { NULL }
};

/* ---- domifaddr ---- */

static bool
cmd_domifaddr(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    const char *ifname = NULL;
    const char *source = NULL;
    unsigned int src = VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LEASE;
    bool full = vsh_opt_bool(cmd, "full");
    virDomainInterfacePtr *ifaces = NULL;
    int n;

    if (!dom || vsh_opt_string(ctl, cmd, "interface", &ifname) < 0 ||
        vsh_opt_string(ctl, cmd, "source", &source) < 0)
        return false;
    if (source) {
        if (g_str_equal(source, "lease"))
            src = VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LEASE;
        else if (g_str_equal(source, "agent"))
            src = VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_AGENT;
        else if (g_str_equal(source, "arp"))
            src = VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_ARP;
        else {
            vsh_error(ctl, "Unknown data source '%s'", source);
            return false;
        }
    }
    if ((n = virDomainInterfaceAddresses(dom, &ifaces, src, 0)) < 0) {
        vsh_error(ctl, "Failed to query for interfaces addresses");
        return false;
    }
    vsh_print(ctl, " %-10s %-20s %-8s     %s\n%s%s\n", "Name", "MAC address", "Protocol",
              "Address", "-------------------------------------------------",
              "------------------------------");
    for (int i = 0; i < n; i++) {
        virDomainInterfacePtr ifc = ifaces[i];
        const char *hw = ifc->hwaddr ? ifc->hwaddr : "N/A";

        if (ifname && !g_str_equal(ifname, ifc->name)) {
            virDomainInterfaceFree(ifc);
            continue;
        }
        if (ifc->naddrs == 0)
            vsh_print(ctl, " %-10s %-17s    %-12s %s\n", ifc->name, hw, "N/A", "N/A");
        for (unsigned int j = 0; j < ifc->naddrs; j++) {
            const char *proto = ifc->addrs[j].type == VIR_IP_ADDR_TYPE_IPV4 ? "ipv4"
                              : ifc->addrs[j].type == VIR_IP_ADDR_TYPE_IPV6 ? "ipv6" : "";
            g_autofree char *addr = g_strdup_printf("%s/%d", ifc->addrs[j].addr,
                                                    ifc->addrs[j].prefix);

            if (j == 0 || full)
                vsh_print(ctl, " %-10s %-17s    %-12s %s\n", ifc->name, hw, proto, addr);
            else
                vsh_print(ctl, " %-10s %-17s    %-12s %s\n", "-", "-", proto, addr);
        }
        virDomainInterfaceFree(ifc);
    }
    free(ifaces);
    return true;
}

static const VshOptDef opts_domifaddr[] = {
    VSH_DOMAIN_OPT,
    { "interface", VSH_OT_STRING, 0, "only this interface (its name in the guest)" },
    { "full", VSH_OT_BOOL, 0, "repeat name and MAC on every address line" },
    { "source", VSH_OT_STRING, 0, "where to get addresses: lease, agent or arp" },
    { NULL }
};

/* ---- dommemstat ---- */

static bool
cmd_dommemstat(VshCtl *ctl, const VshCmd *cmd)
{
    static const char *const tags[] = {
        [VIR_DOMAIN_MEMORY_STAT_SWAP_IN] = "swap_in",
        [VIR_DOMAIN_MEMORY_STAT_SWAP_OUT] = "swap_out",
        [VIR_DOMAIN_MEMORY_STAT_MAJOR_FAULT] = "major_fault",
        [VIR_DOMAIN_MEMORY_STAT_MINOR_FAULT] = "minor_fault",
        [VIR_DOMAIN_MEMORY_STAT_UNUSED] = "unused",
        [VIR_DOMAIN_MEMORY_STAT_AVAILABLE] = "available",
        [VIR_DOMAIN_MEMORY_STAT_ACTUAL_BALLOON] = "actual",
        [VIR_DOMAIN_MEMORY_STAT_RSS] = "rss",
        [VIR_DOMAIN_MEMORY_STAT_USABLE] = "usable",
        [VIR_DOMAIN_MEMORY_STAT_LAST_UPDATE] = "last_update",
        [VIR_DOMAIN_MEMORY_STAT_DISK_CACHES] = "disk_caches",
        [VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGALLOC] = "hugetlb_pgalloc",
        [VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGFAIL] = "hugetlb_pgfail",
    };
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    virDomainMemoryStatStruct st[VIR_DOMAIN_MEMORY_STAT_NR];
    unsigned int flags = 0;
    int period = 0, r, n;

    if (!dom || !vsh_affect_flags(ctl, cmd, &flags))
        return false;
    if ((r = vsh_opt_int(ctl, cmd, "period", &period)) < 0)
        return false;
    if (r > 0) {
        if (period < 0) {
            vsh_error(ctl, "Invalid collection period value '%d'", period);
            return false;
        }
        if (virDomainSetMemoryStatsPeriod(dom, period, flags) < 0) {
            vsh_error(ctl, "Unable to change balloon collection period.");
            return false;
        }
        return true;
    }
    if ((n = virDomainMemoryStats(dom, st, VIR_DOMAIN_MEMORY_STAT_NR, 0)) < 0) {
        vsh_error(ctl, "Failed to get memory statistics for domain %s", virDomainGetName(dom));
        return false;
    }
    for (int i = 0; i < n; i++) {
        if ((size_t) st[i].tag < G_N_ELEMENTS(tags) && tags[st[i].tag])
            vsh_print(ctl, "%s %llu\n", tags[st[i].tag], st[i].val);
    }
    return true;
}

static const VshOptDef opts_dommemstat[] = {
    VSH_DOMAIN_OPT,
    { "period", VSH_OT_INT, VSH_OF_NOPOS, "set the balloon statistics period (seconds)" },
    VSH_AFFECT_OPTS,
    { NULL }
};

/* ---- domstats ---- */

static const VshOptFlag stats_groups[] = {
    { "state", VIR_DOMAIN_STATS_STATE },
    { "cpu-total", VIR_DOMAIN_STATS_CPU_TOTAL },
    { "balloon", VIR_DOMAIN_STATS_BALLOON },
    { "vcpu", VIR_DOMAIN_STATS_VCPU },
    { "interface", VIR_DOMAIN_STATS_INTERFACE },
    { "block", VIR_DOMAIN_STATS_BLOCK },
    { "perf", VIR_DOMAIN_STATS_PERF },
    { "iothread", VIR_DOMAIN_STATS_IOTHREAD },
    { "memory", VIR_DOMAIN_STATS_MEMORY },
    { "dirtyrate", VIR_DOMAIN_STATS_DIRTYRATE },
    { "vm", VIR_DOMAIN_STATS_VM },
}, stats_lists[] = {
    { "list-active", VIR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE },
    { "list-inactive", VIR_CONNECT_GET_ALL_DOMAINS_STATS_INACTIVE },
    { "list-persistent", VIR_CONNECT_GET_ALL_DOMAINS_STATS_PERSISTENT },
    { "list-transient", VIR_CONNECT_GET_ALL_DOMAINS_STATS_TRANSIENT },
    { "list-running", VIR_CONNECT_GET_ALL_DOMAINS_STATS_RUNNING },
    { "list-paused", VIR_CONNECT_GET_ALL_DOMAINS_STATS_PAUSED },
    { "list-shutoff", VIR_CONNECT_GET_ALL_DOMAINS_STATS_SHUTOFF },
    { "list-other", VIR_CONNECT_GET_ALL_DOMAINS_STATS_OTHER },
    { "enforce", VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS },
    { "backing", VIR_CONNECT_GET_ALL_DOMAINS_STATS_BACKING },
    { "nowait", VIR_CONNECT_GET_ALL_DOMAINS_STATS_NOWAIT },
};

static void
dom_unref(gpointer d)
{
    virDomainFree(d);
}

static bool
cmd_domstats(VshCtl *ctl, const VshCmd *cmd)
{
    unsigned int stats, flags;
    bool raw = vsh_opt_bool(cmd, "raw");
    bool json = vsh_opt_bool(cmd, "json");
    virDomainStatsRecordPtr *recs = NULL;
    g_autoptr(GPtrArray) doms = g_ptr_array_new_with_free_func(dom_unref);
    json_object *arr = NULL;
    const char *name;
    size_t iter = 0;
    int n;

    stats = vsh_opt_flags(cmd, stats_groups, G_N_ELEMENTS(stats_groups));
    flags = vsh_opt_flags(cmd, stats_lists, G_N_ELEMENTS(stats_lists));
    while ((name = vsh_opt_argv(cmd, "domain", &iter))) {
        virDomainPtr d = vsh_domain_lookup(ctl, name, VSH_BYANY);

        if (!d)
            return false;
        g_ptr_array_add(doms, d);
    }
    if (doms->len) {
        g_ptr_array_add(doms, NULL);
        n = virDomainListGetStats((virDomainPtr *) doms->pdata, stats, &recs, flags);
        g_ptr_array_set_size(doms, doms->len - 1);
    } else {
        n = virConnectGetAllDomainStats(vsh_conn(ctl), stats, &recs, flags);
    }
    if (n < 0)
        return false;
    if (json)
        arr = json_object_new_array();
    for (int i = 0; i < n; i++) {
        if (arr) {
            json_object *o = json_object_new_object();

            vsh_json_add_str(o, "domain", virDomainGetName(recs[i]->dom));
            json_object_object_add(o, "stats", vsh_params_json(recs[i]->params,
                                                               recs[i]->nparams));
            json_object_array_add(arr, o);
            continue;
        }
        vsh_print(ctl, "%sDomain: '%s'\n", i > 0 ? "\n" : "", virDomainGetName(recs[i]->dom));
        for (int j = 0; j < recs[i]->nparams; j++) {
            const virTypedParameter *p = &recs[i]->params[j];
            g_autofree char *v = vsh_param_value(p);

            (void) raw;   /* values are printed as returned either way */
            vsh_print(ctl, "  %s=%s\n", p->field, v);
        }
    }
    virDomainStatsRecordListFree(recs);
    if (arr)
        vsh_json_print(ctl, arr);
    return true;
}

static const VshOptDef opts_domstats[] = {
    { "state", VSH_OT_BOOL, 0, "state and reason" },
    { "cpu-total", VSH_OT_BOOL, 0, "total CPU time" },
    { "balloon", VSH_OT_BOOL, 0, "balloon memory" },
    { "vcpu", VSH_OT_BOOL, 0, "per-vCPU statistics" },
    { "interface", VSH_OT_BOOL, 0, "network interface counters" },
    { "block", VSH_OT_BOOL, 0, "block device counters" },
    { "perf", VSH_OT_BOOL, 0, "perf event counters" },
    { "iothread", VSH_OT_BOOL, 0, "I/O thread statistics" },
    { "memory", VSH_OT_BOOL, 0, "memory bandwidth statistics" },
    { "dirtyrate", VSH_OT_BOOL, 0, "memory dirty rate" },
    { "vm", VSH_OT_BOOL, 0, "hypervisor-specific statistics" },
    { "list-active", VSH_OT_BOOL, 0, "only active domains" },
    { "list-inactive", VSH_OT_BOOL, 0, "only inactive domains" },
    { "list-persistent", VSH_OT_BOOL, 0, "only persistent domains" },
    { "list-transient", VSH_OT_BOOL, 0, "only transient domains" },
    { "list-running", VSH_OT_BOOL, 0, "only running domains" },
    { "list-paused", VSH_OT_BOOL, 0, "only paused domains" },
    { "list-shutoff", VSH_OT_BOOL, 0, "only shut off domains" },
    { "list-other", VSH_OT_BOOL, 0, "only domains in other states" },
    { "raw", VSH_OT_BOOL, 0, "values exactly as returned" },
    { "enforce", VSH_OT_BOOL, 0, "fail when a requested group is not supported" },
    { "backing", VSH_OT_BOOL, 0, "include backing chain images in block statistics" },
    { "nowait", VSH_OT_BOOL, 0, "do not wait for a busy domain; skip its slow groups" },
    { "json", VSH_OT_BOOL, 0, "print a JSON array" },
    { "domain", VSH_OT_ARGV, VSH_OF_BARE, "domains to report (default: all)" },
    { NULL }
};

/* ---- domtime ---- */

static bool
cmd_domtime(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    bool now = vsh_opt_bool(cmd, "now");
    bool pretty = vsh_opt_bool(cmd, "pretty");
    bool rtcsync = vsh_opt_bool(cmd, "sync");
    long long secs = 0;
    unsigned int nsecs = 0;
    int r;

    if (!dom)
        return false;
    if (!vsh_opt_exclusive(ctl, cmd, "time", "now") ||
        !vsh_opt_exclusive(ctl, cmd, "time", "sync") ||
        !vsh_opt_exclusive(ctl, cmd, "now", "sync"))
        return false;
    if ((r = vsh_opt_ll(ctl, cmd, "time", &secs)) < 0)
        return false;
    if (r > 0 || now || rtcsync) {
        unsigned int flags = rtcsync ? VIR_DOMAIN_TIME_SYNC : 0;

        if (now)
            secs = g_get_real_time() / G_USEC_PER_SEC;
        if (pretty) {
            vsh_error(ctl, "Options --pretty and --now/--sync/--time are mutually exclusive");
            return false;
        }
        if (virDomainSetTime(dom, secs, nsecs, flags) < 0)
            return false;
        return true;
    }
    if (virDomainGetTime(dom, &secs, &nsecs, 0) < 0)
        return false;
    if (pretty) {
        g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local(secs);
        g_autofree char *s = dt ? g_date_time_format(dt, "%Y-%m-%d %H:%M:%S") : NULL;

        vsh_print(ctl, "Time: %s", s ? s : "");
    } else {
        vsh_print(ctl, "Time: %lld", secs);
    }
    return true;
}

static const VshOptDef opts_domtime[] = {
    VSH_DOMAIN_OPT,
    { "now", VSH_OT_BOOL, 0, "set the guest clock to the host's current time" },
    { "pretty", VSH_OT_BOOL, 0, "print the time as a date" },
    { "sync", VSH_OT_BOOL, 0, "make the guest read its clock from its RTC" },
    { "time", VSH_OT_INT, 0, "set the guest clock to this many seconds since the epoch" },
    { NULL }
};

/* ---- the table ---- */

static const VshOptDef opts_dom_only[] = {
    VSH_DOMAIN_OPT,
    { NULL }
};

static const VshCmdDef cmds_monitor[] = {
    { "domblkerror", cmd_domblkerror, opts_dom_only, "show disk I/O errors",
      "Print the disks that hit an I/O error, with the kind of error.", 0 },
    { "domblkinfo", cmd_domblkinfo, opts_domblkinfo, "show disk sizes",
      "Print the capacity, allocation and physical size of one disk, or of all.", 0 },
    { "domblklist", cmd_domblklist, opts_domblklist, "list a domain's disks",
      "List the disks of a domain by target and source.", 0 },
    { "domblkstat", cmd_domblkstat, opts_domblkstat, "show disk I/O counters",
      "Print the I/O counters of a disk of a running domain.", 0 },
    { "domcontrol", cmd_domcontrol, opts_dom_only, "show the state of the control channel",
      "Say whether the hypervisor's control channel of the domain is usable.", 0 },
    { "domif-getlink", cmd_domif_getlink, opts_domif_getlink, "show an interface's link state",
      "Print whether the link of a guest interface is up or down.", 0 },
    { "domifaddr", cmd_domifaddr, opts_domifaddr, "show a domain's IP addresses",
      "List the IP addresses of a running domain's interfaces.", 0 },
    { "domiflist", cmd_domiflist, opts_domiflist, "list a domain's interfaces",
      "List the network interfaces of a domain.", 0 },
    { "domifstat", cmd_domifstat, opts_domifstat, "show interface traffic counters",
      "Print the traffic counters of an interface of a running domain.", 0 },
    { "dominfo", cmd_dominfo, opts_dominfo, "show basic facts about a domain",
      "Print a domain's id, UUID, state, CPUs, memory and other basic facts.", 0 },
    { "dommemstat", cmd_dommemstat, opts_dommemstat, "show memory statistics",
      "Print the memory statistics of a running domain, or set their period.", 0 },
    { "domstate", cmd_domstate, opts_domstate, "show a domain's state",
      "Print the state of a domain, and with --reason why it is in it.", 0 },
    { "domstats", cmd_domstats, opts_domstats, "show statistics of domains",
      "Print groups of statistics for the given domains, or for all.", 0 },
    { "domtime", cmd_domtime, opts_domtime, "show or set a guest's clock",
      "Print the guest's clock, or set it (needs the guest agent).", 0 },
    { "list", cmd_list, opts_list, "list domains",
      "List domains; by default the running ones, with --all every one.", 0 },
    { NULL }
};

const VshCmdGroup vsh_group_monitor = { "Domain Monitoring", "monitor", { cmds_monitor } };
