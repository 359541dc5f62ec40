/*
 * cmd-checkpoint.c: domain checkpoint commands (help keyword 'checkpoint'):
 * checkpoint-create, checkpoint-create-as, checkpoint-list, checkpoint-info,
 * checkpoint-dumpxml, checkpoint-delete, checkpoint-parent and checkpoint-edit.
 */
#include <string.h>

#include "tools/virsh/helpers.h"
#include "tools/virsh/moment.h"

static const VshMomentOps checkpoint_ops = {
    .kind = VSH_MOMENT_CHECKPOINT,
    .noun = "checkpoint",
    .root = "domaincheckpoint",
};

static virDomainCheckpointPtr
checkpoint_opt(VshCtl *ctl, const VshCmd *cmd, virDomainPtr dom, const char **ret_name)
{
    const char *name = NULL;
    virDomainCheckpointPtr c;

    if (vsh_opt_string(ctl, cmd, "checkpointname", &name) < 0)
        return NULL;
    if (!name) {
        vsh_error(ctl, "--%s is required", "checkpointname");
        return NULL;
    }
    if ((c = virDomainCheckpointLookupByName(dom, name, 0)) && ret_name)
        *ret_name = virDomainCheckpointGetName(c);
    return c;
}

#define CHECKPOINT_OPT(req) \
    { "checkpointname", (req) ? VSH_OT_DATA : VSH_OT_STRING, (req) ? VSH_OF_REQUIRED : 0, \
      "the checkpoint" }

/* ---- creation ---- */

static bool
checkpoint_create(VshCtl *ctl, virDomainPtr dom, const char *xml, unsigned int flags,
                  const char *from)
{
    g_autoptr(virDomainCheckpoint) c = NULL;

    if (!(c = virDomainCheckpointCreateXML(dom, xml, flags)))
        return false;
    vsh_moment_created(ctl, &checkpoint_ops, virDomainCheckpointGetName(c), from);
    return true;
}

static bool
cmd_checkpoint_create(VshCtl *ctl, const VshCmd *cmd)
{
    static const VshOptFlag create_flags[] = {
        { "redefine", VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE },
        { "redefine-validate", VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE |
                               VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE_VALIDATE },
        { "quiesce", VIR_DOMAIN_CHECKPOINT_CREATE_QUIESCE },
    };
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    const char *file = NULL;
    g_autofree char *xml = NULL;

    if (!dom || vsh_moment_xml_file(ctl, cmd, &checkpoint_ops, &xml, &file) < 0)
        return false;
    return checkpoint_create(ctl, dom, xml,
                             vsh_opt_flags(cmd, create_flags, G_N_ELEMENTS(create_flags)), file);
}

static const VshOptDef opts_checkpoint_create[] = {
    VSH_DOMAIN_OPT,
    { "xmlfile", VSH_OT_STRING, 0, "the checkpoint's XML (default: an empty description)" },
    { "redefine", VSH_OT_BOOL, 0, "re-create the metadata of an existing checkpoint" },
    { "redefine-validate", VSH_OT_BOOL, 0, "like --redefine, checking the disk bitmaps" },
    { "quiesce", VSH_OT_BOOL, 0, "quiesce guest file systems (needs its agent)" },
    { NULL }
};

/* "disk[,checkpoint=type][,bitmap=name]" */
static bool
diskspec_xml(VshCtl *ctl, const char *spec, GString *xml)
{
    g_autoptr(GPtrArray) parts = vsh_split_commas(spec);
    const char *type = NULL, *bitmap = NULL;

    for (guint i = 1; i < parts->len; i++) {
        const char *p = parts->pdata[i];

        if (g_str_has_prefix(p, "checkpoint="))
            type = p + 11;
        else if (g_str_has_prefix(p, "bitmap="))
            bitmap = p + 7;
        else {
            vsh_error(ctl, "unable to parse diskspec: %s", spec);
            return false;
        }
    }
    g_string_append(xml, "    <disk");
    vsh_moment_attr(xml, "name", parts->pdata[0]);
    if (type)
        vsh_moment_attr(xml, "checkpoint", type);
    if (bitmap)
        vsh_moment_attr(xml, "bitmap", bitmap);
    g_string_append(xml, "/>\n");
    return true;
}

static bool
cmd_checkpoint_create_as(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    g_autoptr(GString) xml = vsh_moment_xml_start(ctl, cmd, &checkpoint_ops);

    if (!xml || !vsh_moment_xml_finish(ctl, cmd, &checkpoint_ops, xml, diskspec_xml))
        return false;
    if (vsh_opt_bool(cmd, "print-xml")) {
        vsh_print(ctl, "%s\n", xml->str);
        return true;
    }
    if (!(dom = vsh_domain(ctl, cmd, NULL)))
        return false;
    return checkpoint_create(ctl, dom, xml->str, vsh_opt_bool(cmd, "quiesce")
                             ? VIR_DOMAIN_CHECKPOINT_CREATE_QUIESCE : 0, NULL);
}

static const VshOptDef opts_checkpoint_create_as[] = {
    VSH_DOMAIN_OPT,
    { "name", VSH_OT_STRING, 0, "the checkpoint's name (default: the time)" },
    { "description", VSH_OT_STRING, 0, "a description" },
    { "print-xml", VSH_OT_BOOL, 0, "print the XML instead of creating the checkpoint" },
    { "quiesce", VSH_OT_BOOL, 0, "quiesce guest file systems (needs its agent)" },
    { "diskspec", VSH_OT_ARGV, 0, "disk[,checkpoint=type][,bitmap=name]" },
    { NULL }
};

/* ---- list, info, dumpxml, parent ---- */

static bool
cmd_checkpoint_list(VshCtl *ctl, const VshCmd *cmd)
{
    static const VshOptFlag filters[] = {
        { "roots", VIR_DOMAIN_CHECKPOINT_LIST_ROOTS },
        { "leaves", VIR_DOMAIN_CHECKPOINT_LIST_LEAVES },
        { "no-leaves", VIR_DOMAIN_CHECKPOINT_LIST_NO_LEAVES },
        { "topological", VIR_DOMAIN_CHECKPOINT_LIST_TOPOLOGICAL },
    };
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);

    return dom && vsh_moment_list(ctl, cmd, &checkpoint_ops, dom,
                                  vsh_opt_flags(cmd, filters, G_N_ELEMENTS(filters)));
}

static const VshOptDef opts_checkpoint_list[] = {
    VSH_DOMAIN_OPT,
    { "parent", VSH_OT_BOOL, 0, "add a column with each checkpoint's parent" },
    { "roots", VSH_OT_BOOL, 0, "only checkpoints without a parent" },
    { "leaves", VSH_OT_BOOL, 0, "only checkpoints without children" },
    { "no-leaves", VSH_OT_BOOL, 0, "only checkpoints with children" },
    { "tree", VSH_OT_BOOL, 0, "show checkpoints as a tree" },
    { "from", VSH_OT_STRING, 0, "only the children of this checkpoint" },
    { "descendants", VSH_OT_BOOL, 0, "with --from: all descendants" },
    { "name", VSH_OT_BOOL, 0, "print names only" },
    { "topological", VSH_OT_BOOL, 0, "parents before children, not sorted by name" },
    { "json", VSH_OT_BOOL, 0, "print a JSON array" },
    { NULL }
};

static bool
cmd_checkpoint_info(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    g_autoptr(virDomainCheckpoint) c = NULL;
    g_autoptr(virDomainCheckpoint) parent = NULL;
    virDomainCheckpointPtr *kids = NULL;
    int children, descendants;

    if (!dom || !(c = checkpoint_opt(ctl, cmd, dom, NULL)))
        return false;
    parent = virDomainCheckpointGetParent(c, 0);
    if ((children = virDomainCheckpointListAllChildren(c, &kids, 0)) >= 0) {
        for (int i = 0; i < children; i++)
            virDomainCheckpointFree(kids[i]);
        g_free(kids);
        kids = NULL;
    }
    if ((descendants = virDomainCheckpointListAllChildren(
             c, &kids, VIR_DOMAIN_CHECKPOINT_LIST_DESCENDANTS)) >= 0) {
        for (int i = 0; i < descendants; i++)
            virDomainCheckpointFree(kids[i]);
        g_free(kids);
    }
    vsh_reset_libvirt_error();
    if (vsh_opt_bool(cmd, "json")) {
        json_object *o = json_object_new_object();

        vsh_json_add_str(o, "name", virDomainCheckpointGetName(c));
        vsh_json_add_str(o, "domain", virDomainGetName(dom));
        vsh_json_add_str(o, "parent", parent ? virDomainCheckpointGetName(parent) : NULL);
        vsh_json_add_int(o, "children", children);
        vsh_json_add_int(o, "descendants", descendants);
        vsh_json_print(ctl, o);
        return true;
    }
    vsh_print(ctl, "%-15s %s\n", "Name:", virDomainCheckpointGetName(c));
    vsh_print(ctl, "%-15s %s\n", "Domain:", virDomainGetName(dom));
    vsh_print(ctl, "%-15s %s\n", "Parent:", parent ? virDomainCheckpointGetName(parent) : "-");
    if (children >= 0) {
        vsh_print(ctl, "%-15s %d\n", "Children:", children);
        vsh_print(ctl, "%-15s %d\n", "Descendants:", descendants);
    }
    return true;
}

static const VshOptDef opts_checkpoint_info[] = {
    VSH_DOMAIN_OPT,
    CHECKPOINT_OPT(false),
    { "json", VSH_OT_BOOL, 0, "print a JSON object" },
    { NULL }
};

static bool
cmd_checkpoint_dumpxml(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    g_autoptr(virDomainCheckpoint) c = NULL;
    g_autofree char *xml = NULL;
    unsigned int flags = 0;

    if (!dom || !(c = checkpoint_opt(ctl, cmd, dom, NULL)))
        return false;
    if (vsh_opt_bool(cmd, "security-info"))
        flags |= VIR_DOMAIN_CHECKPOINT_XML_SECURE;
    if (vsh_opt_bool(cmd, "no-domain"))
        flags |= VIR_DOMAIN_CHECKPOINT_XML_NO_DOMAIN;
    if (vsh_opt_bool(cmd, "size"))
        flags |= VIR_DOMAIN_CHECKPOINT_XML_SIZE;
    if (!(xml = virDomainCheckpointGetXMLDesc(c, flags)))
        return false;
    return vsh_print_xml(ctl, cmd, xml);
}

static const VshOptDef opts_checkpoint_dumpxml[] = {
    VSH_DOMAIN_OPT,
    CHECKPOINT_OPT(false),
    { "security-info", VSH_OT_BOOL, 0, "include passwords and other secrets" },
    { "no-domain", VSH_OT_BOOL, 0, "leave out the domain XML" },
    { "size", VSH_OT_BOOL, 0, "include how much data changed since the checkpoint" },
    { "xpath", VSH_OT_STRING, VSH_OF_NOPOS, "print only what this XPath expression selects" },
    { "wrap", VSH_OT_BOOL, 0, "wrap the --xpath results in a <nodes> element" },
    { NULL }
};

static bool
cmd_checkpoint_parent(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    g_autoptr(virDomainCheckpoint) c = NULL;
    g_autoptr(virDomainCheckpoint) parent = NULL;

    if (!dom || !(c = checkpoint_opt(ctl, cmd, dom, NULL)))
        return false;
    if (!(parent = virDomainCheckpointGetParent(c, 0))) {
        if (vsh_last_error_code() != VIR_ERR_NO_DOMAIN_CHECKPOINT)
            return false;
        vsh_reset_libvirt_error();
        vsh_error(ctl, "checkpoint '%s' has no parent", virDomainCheckpointGetName(c));
        return false;
    }
    vsh_print(ctl, "%s", virDomainCheckpointGetName(parent));
    return true;
}

static const VshOptDef opts_checkpoint_only[] = {
    VSH_DOMAIN_OPT,
    CHECKPOINT_OPT(false),
    { NULL }
};

/* ---- delete / edit ---- */

static bool
cmd_checkpoint_delete(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    g_autoptr(virDomainCheckpoint) c = NULL;
    const char *name = NULL;
    bool children_only = vsh_opt_bool(cmd, "children-only");
    unsigned int flags = 0;

    if (!dom || !(c = checkpoint_opt(ctl, cmd, dom, &name)))
        return false;
    if (vsh_opt_bool(cmd, "children"))
        flags |= VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN;
    if (children_only)
        flags |= VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN_ONLY;
    if (vsh_opt_bool(cmd, "metadata"))
        flags |= VIR_DOMAIN_CHECKPOINT_DELETE_METADATA_ONLY;
    if (virDomainCheckpointDelete(c, flags) < 0) {
        vsh_error(ctl, "Failed to delete checkpoint %s", name);
        return false;
    }
    if (children_only)
        vsh_print_extra(ctl, "Domain checkpoint %s children deleted\n", name);
    else
        vsh_print_extra(ctl, "Domain checkpoint %s deleted\n", name);
    return true;
}

static const VshOptDef opts_checkpoint_delete[] = {
    VSH_DOMAIN_OPT,
    CHECKPOINT_OPT(false),
    { "children", VSH_OT_BOOL, 0, "also delete its descendants" },
    { "children-only", VSH_OT_BOOL, 0, "delete only its descendants" },
    { "metadata", VSH_OT_BOOL, 0, "delete only libvirt's metadata, keep the bitmaps" },
    { NULL }
};

typedef struct {
    virDomainPtr dom;
    virDomainCheckpointPtr c;
    const char *name;
} CheckpointEdit;

static char *
chk_edit_dump(VshCtl *ctl, void *obj)
{
    CheckpointEdit *e = obj;

    return virDomainCheckpointGetXMLDesc(e->c, VIR_DOMAIN_CHECKPOINT_XML_SECURE);
}

static char *
chk_edit_define(VshCtl *ctl, void *obj, const char *xml)
{
    CheckpointEdit *e = obj;
    g_autoptr(virDomainCheckpoint) c =
        virDomainCheckpointCreateXML(e->dom, xml, VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE);

    if (!c)
        return NULL;
    if (!g_str_equal(virDomainCheckpointGetName(c), e->name)) {
        vsh_error(ctl, "Cannot rename checkpoint %s to %s", e->name,
                  virDomainCheckpointGetName(c));
        virDomainCheckpointDelete(c, VIR_DOMAIN_CHECKPOINT_DELETE_METADATA_ONLY);
        return NULL;
    }
    return g_strdup(virDomainCheckpointGetName(c));
}

static bool
cmd_checkpoint_edit(VshCtl *ctl, const VshCmd *cmd)
{
    static const VshEditOps ops = {
        chk_edit_dump, chk_edit_define,
        "Checkpoint %s XML configuration not changed.\n",
        "Checkpoint %s edited.\n",
    };
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    g_autoptr(virDomainCheckpoint) c = NULL;
    CheckpointEdit e = { 0 };

    if (!dom || !(c = checkpoint_opt(ctl, cmd, dom, &e.name)))
        return false;
    e.dom = dom;
    e.c = c;
    return vsh_edit(ctl, &ops, &e, e.name);
}

/* ---- the table ---- */

static const VshCmdDef cmds_checkpoint[] = {
    { "checkpoint-create", cmd_checkpoint_create, opts_checkpoint_create,
      "create a checkpoint from XML",
      "Create a checkpoint of a domain's disks described in XML.", 0 },
    { "checkpoint-create-as", cmd_checkpoint_create_as, opts_checkpoint_create_as,
      "create a checkpoint from options",
      "Create a checkpoint described by options instead of XML.", 0 },
    { "checkpoint-delete", cmd_checkpoint_delete, opts_checkpoint_delete,
      "delete a checkpoint", "Delete a checkpoint, optionally with or only its descendants.",
      0 },
    { "checkpoint-dumpxml", cmd_checkpoint_dumpxml, opts_checkpoint_dumpxml,
      "show a checkpoint's XML", "Print the XML description of a checkpoint.", 0 },
    { "checkpoint-edit", cmd_checkpoint_edit, opts_checkpoint_only, "edit a checkpoint's XML",
      "Edit the XML of a checkpoint in $VISUAL or $EDITOR and redefine it.", 0 },
    { "checkpoint-info", cmd_checkpoint_info, opts_checkpoint_info,
      "show facts about a checkpoint", "Print a checkpoint's parent and children.", 0 },
    { "checkpoint-list", cmd_checkpoint_list, opts_checkpoint_list,
      "list a domain's checkpoints",
      "List the checkpoints of a domain, as a table, names or a tree.", 0 },
    { "checkpoint-parent", cmd_checkpoint_parent, opts_checkpoint_only,
      "print a checkpoint's parent", "Print the name of a checkpoint's parent.", 0 },
    { NULL }
};

const VshCmdGroup vsh_group_checkpoint = { "Checkpoint", "checkpoint", { cmds_checkpoint } };
