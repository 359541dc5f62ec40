/*
 * cmd-snapshot.c: domain snapshot commands (help keyword 'snapshot'):
 * snapshot-create, snapshot-create-as, snapshot-list (table, --parent, --tree,
 * filters), snapshot-info, snapshot-dumpxml, snapshot-current, snapshot-revert,
 * snapshot-delete, snapshot-parent and snapshot-edit.
 */
#include <stdlib.h>
#include <string.h>

#include "tools/virsh/helpers.h"
#include "tools/virsh/moment.h"
#include "tools/virsh/table.h"

static const VshMomentOps snapshot_ops = {
    .kind = VSH_MOMENT_SNAPSHOT,
    .noun = "snapshot",
    .root = "domainsnapshot",
};

/* ---- finding the snapshot ---- */

/* The snapshot named by --snapshotname, or the current one with --current. */
static virDomainSnapshotPtr
snapshot_opt(VshCtl *ctl, const VshCmd *cmd, virDomainPtr dom, bool allow_current,
             const char **ret_name)
{
    const char *name = NULL;
    bool current = allow_current && vsh_opt_bool(cmd, "current");
    virDomainSnapshotPtr snap;

    if (vsh_opt_string(ctl, cmd, "snapshotname", &name) < 0)
        return NULL;
    if (name && current) {
        vsh_error(ctl, "--%s and --current are mutually exclusive", "snapshotname");
        return NULL;
    }
    if (name) {
        snap = virDomainSnapshotLookupByName(dom, name, 0);
    } else if (current || allow_current) {
        if (!current) {
            vsh_error(ctl, "--%s or --current is required", "snapshotname");
            return NULL;
        }
        snap = virDomainSnapshotCurrent(dom, 0);
        if (!snap && vsh_last_error_code() == VIR_ERR_NO_DOMAIN_SNAPSHOT) {
            vsh_reset_libvirt_error();
            vsh_error(ctl, "domain '%s' has no current snapshot", virDomainGetName(dom));
        }
    } else {
        vsh_error(ctl, "--%s is required", "snapshotname");
        return NULL;
    }
    if (snap && ret_name)
        *ret_name = virDomainSnapshotGetName(snap);
    return snap;
}

/* ---- creation ---- */

/* the flags of snapshot-create-as; snapshot-create adds redefine_flags */
static const VshOptFlag create_flags[] = {
    { "no-metadata", VIR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA },
    { "halt", VIR_DOMAIN_SNAPSHOT_CREATE_HALT },
    { "disk-only", VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY },
    { "reuse-external", VIR_DOMAIN_SNAPSHOT_CREATE_REUSE_EXT },
    { "quiesce", VIR_DOMAIN_SNAPSHOT_CREATE_QUIESCE },
    { "atomic", VIR_DOMAIN_SNAPSHOT_CREATE_ATOMIC },
    { "live", VIR_DOMAIN_SNAPSHOT_CREATE_LIVE },
    { "validate", VIR_DOMAIN_SNAPSHOT_CREATE_VALIDATE },
}, redefine_flags[] = {
    { "redefine", VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE },
    { "current", VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT },
};

static bool
snapshot_create(VshCtl *ctl, virDomainPtr dom, const char *xml, unsigned int flags,
                const char *from)
{
    g_autoptr(virDomainSnapshot) snap = NULL;

    if (!(snap = virDomainSnapshotCreateXML(dom, xml, flags)))
        return false;
    vsh_moment_created(ctl, &snapshot_ops, virDomainSnapshotGetName(snap), from);
    return true;
}

static bool
cmd_snapshot_create(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    const char *file = NULL;
    g_autofree char *xml = NULL;

    if (!dom || vsh_moment_xml_file(ctl, cmd, &snapshot_ops, &xml, &file) < 0)
        return false;
    return snapshot_create(ctl, dom, xml,
                           vsh_opt_flags(cmd, create_flags, G_N_ELEMENTS(create_flags)) |
                           vsh_opt_flags(cmd, redefine_flags, G_N_ELEMENTS(redefine_flags)),
                           file);
}

static const VshOptDef opts_snapshot_create[] = {
    VSH_DOMAIN_OPT,
    { "xmlfile", VSH_OT_STRING, 0, "the snapshot's XML (default: an empty description)" },
    { "redefine", VSH_OT_BOOL, 0, "re-create the metadata of an existing snapshot" },
    { "current", VSH_OT_BOOL, 0, "with --redefine: make it the current snapshot" },
    { "no-metadata", VSH_OT_BOOL, 0, "take the snapshot but keep no metadata" },
    { "halt", VSH_OT_BOOL, 0, "stop the domain after the snapshot" },
    { "disk-only", VSH_OT_BOOL, 0, "snapshot the disks only" },
    { "reuse-external", VSH_OT_BOOL, 0, "reuse existing external files" },
    { "quiesce", VSH_OT_BOOL, 0, "quiesce guest file systems (needs its agent)" },
    { "atomic", VSH_OT_BOOL, 0, "all or nothing" },
    { "live", VSH_OT_BOOL, 0, "take the snapshot while the domain runs" },
    { "validate", VSH_OT_BOOL, 0, "check the XML against the schema first" },
    { NULL }
};

/* "[file=]name[,snapshot=type]" */
static bool
memspec_xml(VshCtl *ctl, const char *spec, GString *xml)
{
    g_autoptr(GPtrArray) parts = vsh_split_commas(spec);
    const char *file = NULL, *snapshot = NULL;

    for (guint i = 0; i < parts->len; i++) {
        const char *p = parts->pdata[i];

        if (g_str_has_prefix(p, "file="))
            file = p + 5;
        else if (g_str_has_prefix(p, "snapshot="))
            snapshot = p + 9;
        else if (i == 0 && !strchr(p, '='))
            file = p;
        else {
            vsh_error(ctl, "unable to parse memspec: %s", spec);
            return false;
        }
    }
    g_string_append(xml, "  <memory");
    if (snapshot)
        vsh_moment_attr(xml, "snapshot", snapshot);
    if (file)
        vsh_moment_attr(xml, "file", file);
    g_string_append(xml, "/>\n");
    return true;
}

/* "disk[,snapshot=type][,driver=type][,stype=type][,file=name]" */
static bool
diskspec_xml(VshCtl *ctl, const char *spec, GString *xml)
{
    g_autoptr(GPtrArray) parts = vsh_split_commas(spec);
    const char *snapshot = NULL, *driver = NULL, *stype = NULL, *file = NULL;

    for (guint i = 1; i < parts->len; i++) {
        const char *p = parts->pdata[i];

        if (g_str_has_prefix(p, "snapshot="))
            snapshot = p + 9;
        else if (g_str_has_prefix(p, "driver="))
            driver = p + 7;
        else if (g_str_has_prefix(p, "stype="))
            stype = p + 6;
        else if (g_str_has_prefix(p, "file="))
            file = p + 5;
        else {
            vsh_error(ctl, "unable to parse diskspec: %s", spec);
            return false;
        }
    }
    if (stype && !g_str_equal(stype, "file") && !g_str_equal(stype, "block")) {
        vsh_error(ctl, "Unknown storage type: '%s'", stype);
        return false;
    }
    g_string_append(xml, "    <disk");
    vsh_moment_attr(xml, "name", parts->pdata[0]);
    if (snapshot)
        vsh_moment_attr(xml, "snapshot", snapshot);
    if (stype)
        vsh_moment_attr(xml, "type", stype);
    if (!driver && !file) {
        g_string_append(xml, "/>\n");
        return true;
    }
    g_string_append(xml, ">\n");
    if (driver) {
        g_string_append(xml, "      <driver");
        vsh_moment_attr(xml, "type", driver);
        g_string_append(xml, "/>\n");
    }
    if (file) {
        g_string_append(xml, "      <source");
        vsh_moment_attr(xml, stype && g_str_equal(stype, "block") ? "dev" : "file", file);
        g_string_append(xml, "/>\n");
    }
    g_string_append(xml, "    </disk>\n");
    return true;
}

static bool
cmd_snapshot_create_as(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    g_autoptr(GString) xml = vsh_moment_xml_start(ctl, cmd, &snapshot_ops);
    const char *memspec = NULL;

    if (!xml || vsh_opt_string(ctl, cmd, "memspec", &memspec) < 0)
        return false;
    if (memspec && !memspec_xml(ctl, memspec, xml))
        return false;
    if (!vsh_moment_xml_finish(ctl, cmd, &snapshot_ops, xml, diskspec_xml))
        return false;
    if (vsh_opt_bool(cmd, "print-xml")) {
        vsh_print(ctl, "%s\n", xml->str);
        return true;
    }
    if (!(dom = vsh_domain(ctl, cmd, NULL)))
        return false;
    return snapshot_create(ctl, dom, xml->str,
                           vsh_opt_flags(cmd, create_flags, G_N_ELEMENTS(create_flags)), NULL);
}

static const VshOptDef opts_snapshot_create_as[] = {
    VSH_DOMAIN_OPT,
    { "name", VSH_OT_STRING, 0, "the snapshot's name (default: the time)" },
    { "description", VSH_OT_STRING, 0, "a description" },
    { "print-xml", VSH_OT_BOOL, 0, "print the XML instead of taking the snapshot" },
    { "no-metadata", VSH_OT_BOOL, 0, "take the snapshot but keep no metadata" },
    { "halt", VSH_OT_BOOL, 0, "stop the domain after the snapshot" },
    { "disk-only", VSH_OT_BOOL, 0, "snapshot the disks only" },
    { "reuse-external", VSH_OT_BOOL, 0, "reuse existing external files" },
    { "quiesce", VSH_OT_BOOL, 0, "quiesce guest file systems (needs its agent)" },
    { "atomic", VSH_OT_BOOL, 0, "all or nothing" },
    { "live", VSH_OT_BOOL, 0, "take the snapshot while the domain runs" },
    { "validate", VSH_OT_BOOL, 0, "check the XML against the schema first" },
    { "memspec", VSH_OT_STRING, VSH_OF_NOPOS, "memory: [file=]name[,snapshot=type]" },
    { "diskspec", VSH_OT_ARGV, 0, "disk[,snapshot=type][,driver=type][,stype=type][,file=name]" },
    { NULL }
};

/* ---- snapshot-list ---- */

static bool
cmd_snapshot_list(VshCtl *ctl, const VshCmd *cmd)
{
    static const VshOptFlag filters[] = {
        { "roots", VIR_DOMAIN_SNAPSHOT_LIST_ROOTS },
        { "leaves", VIR_DOMAIN_SNAPSHOT_LIST_LEAVES },
        { "no-leaves", VIR_DOMAIN_SNAPSHOT_LIST_NO_LEAVES },
        { "metadata", VIR_DOMAIN_SNAPSHOT_LIST_METADATA },
        { "no-metadata", VIR_DOMAIN_SNAPSHOT_LIST_NO_METADATA },
        { "inactive", VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE },
        { "active", VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE },
        { "disk-only", VIR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY },
        { "internal", VIR_DOMAIN_SNAPSHOT_LIST_INTERNAL },
        { "external", VIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL },
        { "topological", VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL },
    };
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);

    return dom && vsh_moment_list(ctl, cmd, &snapshot_ops, dom,
                                  vsh_opt_flags(cmd, filters, G_N_ELEMENTS(filters)));
}

static const VshOptDef opts_snapshot_list[] = {
    VSH_DOMAIN_OPT,
    { "parent", VSH_OT_BOOL, 0, "add a column with each snapshot's parent" },
    { "roots", VSH_OT_BOOL, 0, "only snapshots without a parent" },
    { "leaves", VSH_OT_BOOL, 0, "only snapshots without children" },
    { "no-leaves", VSH_OT_BOOL, 0, "only snapshots with children" },
    { "metadata", VSH_OT_BOOL, 0, "only snapshots whose metadata blocks undefine" },
    { "no-metadata", VSH_OT_BOOL, 0, "only snapshots without libvirt metadata" },
    { "inactive", VSH_OT_BOOL, 0, "only snapshots of a shut off domain" },
    { "active", VSH_OT_BOOL, 0, "only snapshots of a running domain" },
    { "disk-only", VSH_OT_BOOL, 0, "only disk-only snapshots" },
    { "internal", VSH_OT_BOOL, 0, "only internal snapshots" },
    { "external", VSH_OT_BOOL, 0, "only external snapshots" },
    { "tree", VSH_OT_BOOL, 0, "show snapshots as a tree" },
    { "from", VSH_OT_STRING, 0, "only the children of this snapshot" },
    { "current", VSH_OT_BOOL, 0, "only the children of the current snapshot" },
    { "descendants", VSH_OT_BOOL, 0, "with --from or --current: all descendants" },
    { "name", VSH_OT_BOOL, 0, "print names only" },
    { "topological", VSH_OT_BOOL, 0, "parents before children, not sorted by name" },
    { "json", VSH_OT_BOOL, 0, "print a JSON array" },
    { NULL }
};

/* ---- info, dumpxml, parent, current ---- */

static bool
cmd_snapshot_info(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    g_autoptr(virDomainSnapshot) snap = NULL;
    g_autofree char *xml = NULL;
    g_autofree char *state = NULL;
    g_autofree char *external = NULL;
    g_autofree char *parent = NULL;
    int current, children, descendants, metadata;

    if (!dom || !(snap = snapshot_opt(ctl, cmd, dom, true, NULL)))
        return false;
    if (!(xml = virDomainSnapshotGetXMLDesc(snap, 0)))
        return false;
    current = virDomainSnapshotIsCurrent(snap, 0);
    state = vsh_xml_get(xml, "string(/domainsnapshot/state)");
    external = vsh_xml_get(xml, "string(boolean(/domainsnapshot/memory[@snapshot='external'] | "
                                "/domainsnapshot/disks/disk[@snapshot='external']))");
    parent = vsh_xml_get(xml, "string(/domainsnapshot/parent/name)");
    children = virDomainSnapshotNumChildren(snap, 0);
    descendants = virDomainSnapshotNumChildren(snap, VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS);
    metadata = virDomainSnapshotHasMetadata(snap, 0);
    vsh_reset_libvirt_error();
    if (vsh_opt_bool(cmd, "json")) {
        json_object *o = json_object_new_object();

        vsh_json_add_str(o, "name", virDomainSnapshotGetName(snap));
        vsh_json_add_str(o, "domain", virDomainGetName(dom));
        vsh_json_add_bool(o, "current", current == 1);
        vsh_json_add_str(o, "state", state);
        vsh_json_add_str(o, "parent", parent);
        vsh_json_add_int(o, "children", children);
        vsh_json_add_int(o, "descendants", descendants);
        vsh_json_add_bool(o, "metadata", metadata == 1);
        vsh_json_print(ctl, o);
        return true;
    }
    vsh_print(ctl, "%-15s %s\n", "Name:", virDomainSnapshotGetName(snap));
    vsh_print(ctl, "%-15s %s\n", "Domain:", virDomainGetName(dom));
    vsh_print(ctl, "%-15s %s\n", "Current:", current == 1 ? "yes" : "no");
    vsh_print(ctl, "%-15s %s\n", "State:", state ? state : "");
    vsh_print(ctl, "%-15s %s\n", "Location:",
              (state && g_str_equal(state, "disk-snapshot")) ||
              (external && g_str_equal(external, "true")) ? "external" : "internal");
    vsh_print(ctl, "%-15s %s\n", "Parent:", parent ? parent : "-");
    if (children >= 0) {
        vsh_print(ctl, "%-15s %d\n", "Children:", children);
        vsh_print(ctl, "%-15s %d\n", "Descendants:", descendants);
    }
    if (metadata >= 0)
        vsh_print(ctl, "%-15s %s\n", "Metadata:", metadata ? "yes" : "no");
    return true;
}

static const VshOptDef opts_snapshot_info[] = {
    VSH_DOMAIN_OPT,
    { "snapshotname", VSH_OT_STRING, 0, "the snapshot" },
    { "current", VSH_OT_BOOL, 0, "the current snapshot" },
    { "json", VSH_OT_BOOL, 0, "print a JSON object" },
    { NULL }
};

static bool
cmd_snapshot_dumpxml(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    g_autoptr(virDomainSnapshot) snap = NULL;
    g_autofree char *xml = NULL;

    if (!dom || !(snap = snapshot_opt(ctl, cmd, dom, false, NULL)))
        return false;
    xml = virDomainSnapshotGetXMLDesc(snap, vsh_opt_bool(cmd, "security-info")
                                                ? VIR_DOMAIN_SNAPSHOT_XML_SECURE : 0);
    return xml && vsh_print_xml(ctl, cmd, xml);
}

static const VshOptDef opts_snapshot_dumpxml[] = {
    VSH_DOMAIN_OPT,
    { "snapshotname", VSH_OT_DATA, VSH_OF_REQUIRED, "the snapshot" },
    { "security-info", VSH_OT_BOOL, 0, "include passwords and other secrets" },
    { "xpath", VSH_OT_STRING, VSH_OF_NOPOS, "print only what this XPath expression selects" },
    { "wrap", VSH_OT_BOOL, 0, "wrap the --xpath results in a <nodes> element" },
    { NULL }
};

static bool
cmd_snapshot_parent(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    g_autoptr(virDomainSnapshot) snap = NULL;
    g_autoptr(virDomainSnapshot) parent = NULL;

    if (!dom || !(snap = snapshot_opt(ctl, cmd, dom, true, NULL)))
        return false;
    if (!(parent = virDomainSnapshotGetParent(snap, 0))) {
        if (vsh_last_error_code() != VIR_ERR_NO_DOMAIN_SNAPSHOT)
            return false;
        vsh_reset_libvirt_error();
        vsh_error(ctl, "snapshot '%s' has no parent", virDomainSnapshotGetName(snap));
        return false;
    }
    vsh_print(ctl, "%s", virDomainSnapshotGetName(parent));
    return true;
}

static const VshOptDef opts_snapshot_parent[] = {
    VSH_DOMAIN_OPT,
    { "snapshotname", VSH_OT_STRING, 0, "the snapshot" },
    { "current", VSH_OT_BOOL, 0, "the current snapshot" },
    { NULL }
};

static bool
cmd_snapshot_current(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    g_autoptr(virDomainSnapshot) snap = NULL;
    const char *setname = NULL;

    if (!dom || vsh_opt_string(ctl, cmd, "snapshotname", &setname) < 0)
        return false;
    if (setname) {
        g_autofree char *xml = NULL;
        g_autoptr(virDomainSnapshot) redone = NULL;

        if (vsh_opt_bool(cmd, "name") || vsh_opt_bool(cmd, "security-info")) {
            vsh_error(ctl, "--%s cannot be combined with --name or --security-info",
                      "snapshotname");
            return false;
        }
        if (!(snap = virDomainSnapshotLookupByName(dom, setname, 0)) ||
            !(xml = virDomainSnapshotGetXMLDesc(snap, VIR_DOMAIN_SNAPSHOT_XML_SECURE)) ||
            !(redone = virDomainSnapshotCreateXML(dom, xml,
                                                  VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE |
                                                  VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT)))
            return false;
        vsh_print_extra(ctl, "Snapshot %s set as current", setname);
        return true;
    }
    if (!(snap = virDomainSnapshotCurrent(dom, 0))) {
        if (vsh_last_error_code() != VIR_ERR_NO_DOMAIN_SNAPSHOT)
            return false;
        vsh_reset_libvirt_error();
        vsh_error(ctl, "domain '%s' has no current snapshot", virDomainGetName(dom));
        return false;
    }
    if (vsh_opt_bool(cmd, "name")) {
        vsh_print(ctl, "%s", virDomainSnapshotGetName(snap));
    } else {
        g_autofree char *xml = virDomainSnapshotGetXMLDesc(
            snap, vsh_opt_bool(cmd, "security-info") ? VIR_DOMAIN_SNAPSHOT_XML_SECURE : 0);

        if (!xml)
            return false;
        vsh_print(ctl, "%s", xml);
    }
    return true;
}

static const VshOptDef opts_snapshot_current[] = {
    VSH_DOMAIN_OPT,
    { "name", VSH_OT_BOOL, 0, "print only the name" },
    { "security-info", VSH_OT_BOOL, 0, "include passwords and other secrets" },
    { "snapshotname", VSH_OT_STRING, 0, "make this snapshot the current one" },
    { NULL }
};

/* ---- revert / delete / edit ---- */

static bool
cmd_snapshot_revert(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    g_autoptr(virDomainSnapshot) snap = NULL;
    const char *name = NULL;
    unsigned int flags = 0;

    if (!dom || !(snap = snapshot_opt(ctl, cmd, dom, true, &name)))
        return false;
    if (vsh_opt_bool(cmd, "running"))
        flags |= VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING;
    if (vsh_opt_bool(cmd, "paused"))
        flags |= VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED;
    if (vsh_opt_bool(cmd, "force"))
        flags |= VIR_DOMAIN_SNAPSHOT_REVERT_FORCE;
    if (vsh_opt_bool(cmd, "reset-nvram"))
        flags |= VIR_DOMAIN_SNAPSHOT_REVERT_RESET_NVRAM;
    if (virDomainRevertToSnapshot(snap, flags) < 0) {
        vsh_error(ctl, "Failed to revert snapshot %s", name);
        return false;
    }
    vsh_print_extra(ctl, "Domain snapshot %s reverted\n", name);
    return true;
}

static const VshOptDef opts_snapshot_revert[] = {
    VSH_DOMAIN_OPT,
    { "snapshotname", VSH_OT_STRING, 0, "the snapshot" },
    { "current", VSH_OT_BOOL, 0, "the current snapshot" },
    { "running", VSH_OT_BOOL, 0, "leave the domain running afterwards" },
    { "paused", VSH_OT_BOOL, 0, "leave the domain paused afterwards" },
    { "force", VSH_OT_BOOL, 0, "revert even when it is risky" },
    { "reset-nvram", VSH_OT_BOOL, 0, "start from a fresh copy of the NVRAM template" },
    { NULL }
};

static bool
cmd_snapshot_delete(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    g_autoptr(virDomainSnapshot) snap = NULL;
    const char *name = NULL;
    unsigned int flags = 0;
    bool children_only = vsh_opt_bool(cmd, "children-only");

    if (!dom || !(snap = snapshot_opt(ctl, cmd, dom, true, &name)))
        return false;
    if (vsh_opt_bool(cmd, "children"))
        flags |= VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN;
    if (children_only)
        flags |= VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY;
    if (vsh_opt_bool(cmd, "metadata"))
        flags |= VIR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY;
    if (virDomainSnapshotDelete(snap, flags) < 0) {
        vsh_error(ctl, "Failed to delete snapshot %s", name);
        return false;
    }
    if (children_only)
        vsh_print_extra(ctl, "Domain snapshot %s children deleted\n", name);
    else
        vsh_print_extra(ctl, "Domain snapshot %s deleted\n", name);
    return true;
}

static const VshOptDef opts_snapshot_delete[] = {
    VSH_DOMAIN_OPT,
    { "snapshotname", VSH_OT_STRING, 0, "the snapshot" },
    { "current", VSH_OT_BOOL, 0, "the current snapshot" },
    { "children", VSH_OT_BOOL, 0, "also delete its descendants" },
    { "children-only", VSH_OT_BOOL, 0, "delete only its descendants" },
    { "metadata", VSH_OT_BOOL, 0, "delete only libvirt's metadata, keep the data" },
    { NULL }
};

typedef struct {
    virDomainPtr dom;
    virDomainSnapshotPtr snap;
    const char *name;
    bool rename, clone;
    unsigned int define_flags;
} SnapEdit;

static char *
snap_edit_dump(VshCtl *ctl, void *obj)
{
    SnapEdit *e = obj;

    return virDomainSnapshotGetXMLDesc(e->snap, VIR_DOMAIN_SNAPSHOT_XML_SECURE);
}

static char *
snap_edit_define(VshCtl *ctl, void *obj, const char *xml)
{
    SnapEdit *e = obj;
    g_autoptr(virDomainSnapshot) s = virDomainSnapshotCreateXML(e->dom, xml, e->define_flags);
    const char *newname;

    if (!s)
        return NULL;
    newname = virDomainSnapshotGetName(s);
    if (!g_str_equal(newname, e->name)) {
        if (!e->rename && !e->clone) {
            vsh_error(ctl, "Must use --rename or --clone to change %s to %s", e->name, newname);
            virDomainSnapshotDelete(s, VIR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY);
            return NULL;
        }
        if (e->rename &&
            virDomainSnapshotDelete(e->snap, VIR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY) < 0) {
            vsh_error(ctl, "Failed to clean up %s", e->name);
            return NULL;
        }
    }
    return g_strdup(newname);
}

static bool
cmd_snapshot_edit(VshCtl *ctl, const VshCmd *cmd)
{
    static const VshEditOps ops = {
        snap_edit_dump, snap_edit_define,
        "Snapshot %s XML configuration not changed.\n",
        "Snapshot %s edited.\n",
    };
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    g_autoptr(virDomainSnapshot) snap = NULL;
    SnapEdit e = { 0 };

    if (!vsh_opt_exclusive(ctl, cmd, "rename", "clone"))
        return false;
    if (!dom || !(snap = snapshot_opt(ctl, cmd, dom, true, &e.name)))
        return false;
    e.dom = dom;
    e.snap = snap;
    e.rename = vsh_opt_bool(cmd, "rename");
    e.clone = vsh_opt_bool(cmd, "clone");
    e.define_flags = VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE;
    if (virDomainSnapshotIsCurrent(snap, 0) == 1)
        e.define_flags |= VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT;
    return vsh_edit(ctl, &ops, &e, e.name);
}

static const VshOptDef opts_snapshot_edit[] = {
    VSH_DOMAIN_OPT,
    { "snapshotname", VSH_OT_STRING, 0, "the snapshot" },
    { "current", VSH_OT_BOOL, 0, "the current snapshot" },
    { "rename", VSH_OT_BOOL, 0, "allow the name to change" },
    { "clone", VSH_OT_BOOL, 0, "allow a new name, keeping the original" },
    { NULL }
};

/* ---- the table ---- */

static const VshCmdDef cmds_snapshot[] = {
    { "snapshot-create", cmd_snapshot_create, opts_snapshot_create, "take a snapshot from XML",
      "Take a snapshot of a domain described in XML (or an empty description).", 0 },
    { "snapshot-create-as", cmd_snapshot_create_as, opts_snapshot_create_as,
      "take a snapshot from options",
      "Take a snapshot of a domain described by options instead of XML.", 0 },
    { "snapshot-current", cmd_snapshot_current, opts_snapshot_current,
      "show or set the current snapshot",
      "Print the current snapshot (XML or name), or make another one current.", 0 },
    { "snapshot-delete", cmd_snapshot_delete, opts_snapshot_delete, "delete a snapshot",
      "Delete a snapshot, optionally with or only its descendants.", 0 },
    { "snapshot-dumpxml", cmd_snapshot_dumpxml, opts_snapshot_dumpxml, "show a snapshot's XML",
      "Print the XML description of a snapshot.", 0 },
    { "snapshot-edit", cmd_snapshot_edit, opts_snapshot_edit, "edit a snapshot's XML",
      "Edit the XML of a snapshot in $VISUAL or $EDITOR and redefine it.", 0 },
    { "snapshot-info", cmd_snapshot_info, opts_snapshot_info, "show facts about a snapshot",
      "Print a snapshot's state, location, parent and children.", 0 },
    { "snapshot-list", cmd_snapshot_list, opts_snapshot_list, "list a domain's snapshots",
      "List the snapshots of a domain, as a table, names or a tree.", 0 },
    { "snapshot-parent", cmd_snapshot_parent, opts_snapshot_parent, "print a snapshot's parent",
      "Print the name of a snapshot's parent.", 0 },
    { "snapshot-revert", cmd_snapshot_revert, opts_snapshot_revert,
      "return a domain to a snapshot", "Revert a domain to the state of a snapshot.", 0 },
    { NULL }
};

const VshCmdGroup vsh_group_snapshot = { "Snapshot", "snapshot", { cmds_snapshot } };
