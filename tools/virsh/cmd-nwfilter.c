/*
 * cmd-nwfilter.c: network filter commands (help keyword 'filter'): nwfilter-list,
 * nwfilter-define/-undefine/-dumpxml/-edit, and the filter binding commands
 * nwfilter-binding-list/-create/-delete/-dumpxml.
 */
#include <stdlib.h>
#include <string.h>

#include "tools/virsh/helpers.h"
#include "tools/virsh/table.h"

#define XPATH_OPTS \
    { "xpath", VSH_OT_STRING, VSH_OF_NOPOS, "print only what this XPath expression selects" }, \
    { "wrap", VSH_OT_BOOL, 0, "wrap the --xpath results in a <nodes> element" }

/* ---- nwfilter-list ---- */

static int
filter_name_cmp(const void *a, const void *b)
{
    return strcmp(virNWFilterGetName(*(virNWFilterPtr const *) a),
                  virNWFilterGetName(*(virNWFilterPtr const *) b));
}

/* For drivers without virConnectListAllNWFilters: count, list names, look up. */
static int
filter_list_legacy(VshCtl *ctl, virConnectPtr conn, virNWFilterPtr **ret)
{
    g_autofree char **names = NULL;
    virNWFilterPtr *list;
    int n, got = 0;

    vsh_reset_libvirt_error();
    if ((n = virConnectNumOfNWFilters(conn)) < 0) {
        vsh_error(ctl, "Failed to count network filters");
        return -1;
    }
    names = g_new0(char *, n + 1);
    if (n > 0 && (n = virConnectListNWFilters(conn, names, n)) < 0) {
        vsh_error(ctl, "Failed to list network filters");
        return -1;
    }
    list = g_new0(virNWFilterPtr, n + 1);
    for (int i = 0; i < n; i++) {
        virNWFilterPtr f = virNWFilterLookupByName(conn, names[i]);

        if (f)
            list[got++] = f;
        free(names[i]);
    }
    vsh_reset_libvirt_error();
    *ret = list;
    return got;
}

static bool
cmd_nwfilter_list(VshCtl *ctl, const VshCmd *cmd)
{
    virConnectPtr conn = vsh_conn(ctl);
    bool json = vsh_opt_bool(cmd, "json");
    virNWFilterPtr *list = NULL;
    g_autoptr(VshTable) table = NULL;
    json_object *arr = NULL;
    int n;

    if ((n = virConnectListAllNWFilters(conn, &list, 0)) < 0) {
        if (vsh_last_error_code() != VIR_ERR_NO_SUPPORT) {
            vsh_error(ctl, "Failed to list network filters");
            return false;
        }
        if ((n = filter_list_legacy(ctl, conn, &list)) < 0)
            return false;
    }
    qsort(list, n, sizeof(*list), filter_name_cmp);
    if (json)
        arr = json_object_new_array();
    else
        table = vsh_table_new("UUID", "Name", NULL);
    for (int i = 0; i < n; i++) {
        char uuid[VIR_UUID_STRING_BUFLEN] = "";

        virNWFilterGetUUIDString(list[i], uuid);
        if (arr) {
            json_object *o = json_object_new_object();

            vsh_json_add_str(o, "uuid", uuid);
            vsh_json_add_str(o, "name", virNWFilterGetName(list[i]));
            json_object_array_add(arr, o);
        } else {
            vsh_table_add_row(table, uuid, virNWFilterGetName(list[i]), NULL);
        }
        virNWFilterFree(list[i]);
    }
    free(list);
    if (arr)
        vsh_json_print(ctl, arr);
    else
        vsh_table_print(ctl, table);
    return true;
}

static const VshOptDef opts_nwfilter_list[] = {
    { "json", VSH_OT_BOOL, 0, "print a JSON array" },
    { NULL }
};

/* ---- define / undefine / dumpxml / edit ---- */

static bool
cmd_nwfilter_define(VshCtl *ctl, const VshCmd *cmd)
{
    const char *file = NULL;
    g_autofree char *xml = NULL;
    g_autoptr(virNWFilter) f = NULL;

    if (vsh_opt_string(ctl, cmd, "file", &file) <= 0 ||
        vsh_read_xml_opt(ctl, cmd, "file", &xml) < 0)
        return false;
    f = vsh_opt_bool(cmd, "validate")
        ? virNWFilterDefineXMLFlags(vsh_conn(ctl), xml, VIR_NWFILTER_DEFINE_VALIDATE)
        : virNWFilterDefineXML(vsh_conn(ctl), xml);
    if (!f) {
        vsh_error(ctl, "Failed to define network filter from %s", file);
        return false;
    }
    vsh_print_extra(ctl, "Network filter %s defined from %s\n", virNWFilterGetName(f), file);
    return true;
}

static const VshOptDef opts_nwfilter_define[] = {
    { "file", VSH_OT_DATA, VSH_OF_REQUIRED, "the filter's XML description" },
    { "validate", VSH_OT_BOOL, 0, "check the XML against the schema first" },
    { NULL }
};

static bool
cmd_nwfilter_undefine(VshCtl *ctl, const VshCmd *cmd)
{
    const char *name = NULL;
    g_autoptr(virNWFilter) f = vsh_nwfilter_opt(ctl, cmd, "nwfilter", &name);

    if (!f)
        return false;
    if (virNWFilterUndefine(f) < 0) {
        vsh_error(ctl, "Failed to undefine network filter %s", name);
        return false;
    }
    vsh_print_extra(ctl, "Network filter %s undefined\n", name);
    return true;
}

static bool
cmd_nwfilter_dumpxml(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virNWFilter) f = vsh_nwfilter_opt(ctl, cmd, "nwfilter", NULL);
    g_autofree char *xml = NULL;

    if (!f || !(xml = virNWFilterGetXMLDesc(f, 0)))
        return false;
    return vsh_print_xml(ctl, cmd, xml);
}

#define FILTER_OPT { "nwfilter", VSH_OT_DATA, VSH_OF_REQUIRED, "the filter: name or UUID" }

static const VshOptDef opts_nwfilter_only[] = {
    FILTER_OPT,
    { NULL }
};

static const VshOptDef opts_nwfilter_dumpxml[] = {
    FILTER_OPT,
    XPATH_OPTS,
    { NULL }
};

static char *
filter_edit_dump(VshCtl *ctl, void *obj)
{
    return virNWFilterGetXMLDesc(obj, 0);
}

static char *
filter_edit_define(VshCtl *ctl, void *obj, const char *xml)
{
    g_autoptr(virNWFilter) f = virNWFilterDefineXML(vsh_conn(ctl), xml);

    return f ? g_strdup(virNWFilterGetName(f)) : NULL;
}

static bool
cmd_nwfilter_edit(VshCtl *ctl, const VshCmd *cmd)
{
    static const VshEditOps ops = {
        filter_edit_dump, filter_edit_define,
        "Network filter %s XML configuration not changed.\n",
        "Network filter %s XML configuration edited.\n",
    };
    g_autoptr(virNWFilter) f = vsh_nwfilter_opt(ctl, cmd, "nwfilter", NULL);

    return f && vsh_edit(ctl, &ops, f, virNWFilterGetName(f));
}

/* ---- bindings ---- */

static int
binding_cmp(const void *a, const void *b)
{
    return strcmp(virNWFilterBindingGetPortDev(*(virNWFilterBindingPtr const *) a),
                  virNWFilterBindingGetPortDev(*(virNWFilterBindingPtr const *) b));
}

static bool
cmd_nwfilter_binding_list(VshCtl *ctl, const VshCmd *cmd)
{
    bool json = vsh_opt_bool(cmd, "json");
    virNWFilterBindingPtr *list = NULL;
    g_autoptr(VshTable) table = NULL;
    json_object *arr = NULL;
    int n;

    if ((n = virConnectListAllNWFilterBindings(vsh_conn(ctl), &list, 0)) < 0) {
        vsh_error(ctl, "Failed to list network filter bindings");
        return false;
    }
    qsort(list, n, sizeof(*list), binding_cmp);
    if (json)
        arr = json_object_new_array();
    else
        table = vsh_table_new("Port Dev", "Filter", NULL);
    for (int i = 0; i < n; i++) {
        const char *dev = virNWFilterBindingGetPortDev(list[i]);
        const char *filter = virNWFilterBindingGetFilterName(list[i]);

        if (arr) {
            json_object *o = json_object_new_object();

            vsh_json_add_str(o, "port_dev", dev);
            vsh_json_add_str(o, "filter", filter);
            json_object_array_add(arr, o);
        } else {
            vsh_table_add_row(table, dev, filter, NULL);
        }
        virNWFilterBindingFree(list[i]);
    }
    free(list);
    if (arr)
        vsh_json_print(ctl, arr);
    else
        vsh_table_print(ctl, table);
    return true;
}

static bool
cmd_nwfilter_binding_create(VshCtl *ctl, const VshCmd *cmd)
{
    const char *file = NULL;
    g_autofree char *xml = NULL;
    g_autoptr(virNWFilterBinding) b = NULL;

    if (vsh_opt_string(ctl, cmd, "file", &file) <= 0 ||
        vsh_read_xml_opt(ctl, cmd, "file", &xml) < 0)
        return false;
    b = virNWFilterBindingCreateXML(vsh_conn(ctl), xml, vsh_opt_bool(cmd, "validate")
                                    ? VIR_NWFILTER_BINDING_CREATE_VALIDATE : 0);
    if (!b) {
        vsh_error(ctl, "Failed to create network filter from %s", file);
        return false;
    }
    vsh_print_extra(ctl, "Network filter binding on %s created from %s\n",
                    virNWFilterBindingGetPortDev(b), file);
    return true;
}

static const VshOptDef opts_nwfilter_binding_create[] = {
    { "file", VSH_OT_DATA, VSH_OF_REQUIRED, "the binding's XML description" },
    { "validate", VSH_OT_BOOL, 0, "check the XML against the schema first" },
    { NULL }
};

static bool
cmd_nwfilter_binding_delete(VshCtl *ctl, const VshCmd *cmd)
{
    const char *name = NULL;
    g_autoptr(virNWFilterBinding) b = vsh_nwfilter_binding_opt(ctl, cmd, "binding", &name);

    if (!b)
        return false;
    if (virNWFilterBindingDelete(b) < 0) {
        vsh_error(ctl, "Failed to delete network filter binding on %s", name);
        return false;
    }
    vsh_print_extra(ctl, "Network filter binding on %s deleted\n", name);
    return true;
}

static bool
cmd_nwfilter_binding_dumpxml(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virNWFilterBinding) b = vsh_nwfilter_binding_opt(ctl, cmd, "binding", NULL);
    g_autofree char *xml = NULL;

    if (!b || !(xml = virNWFilterBindingGetXMLDesc(b, 0)))
        return false;
    return vsh_print_xml(ctl, cmd, xml);
}

#define BINDING_OPT { "binding", VSH_OT_DATA, VSH_OF_REQUIRED, "the binding's port device" }

static const VshOptDef opts_binding_only[] = {
    BINDING_OPT,
    { NULL }
};

static const VshOptDef opts_binding_dumpxml[] = {
    BINDING_OPT,
    XPATH_OPTS,
    { NULL }
};

/* ---- the table ---- */

static const VshCmdDef cmds_filter[] = {
    { "nwfilter-binding-create", cmd_nwfilter_binding_create, opts_nwfilter_binding_create,
      "bind a filter to a port", "Create a network filter binding from XML.", 0 },
    { "nwfilter-binding-delete", cmd_nwfilter_binding_delete, opts_binding_only,
      "remove a filter binding", "Delete the filter binding of a port device.", 0 },
    { "nwfilter-binding-dumpxml", cmd_nwfilter_binding_dumpxml, opts_binding_dumpxml,
      "show a filter binding's XML", "Print the XML description of a filter binding.", 0 },
    { "nwfilter-binding-list", cmd_nwfilter_binding_list, opts_nwfilter_list,
      "list filter bindings", "List which filter is bound to which port device.", 0 },
    { "nwfilter-define", cmd_nwfilter_define, opts_nwfilter_define, "define a filter from XML",
      "Define (or redefine) a network filter.", 0 },
    { "nwfilter-dumpxml", cmd_nwfilter_dumpxml, opts_nwfilter_dumpxml, "show a filter's XML",
      "Print the XML description of a network filter.", 0 },
    { "nwfilter-edit", cmd_nwfilter_edit, opts_nwfilter_only, "edit a filter's XML",
      "Edit the XML of a network filter in $VISUAL or $EDITOR and redefine it.", 0 },
    { "nwfilter-list", cmd_nwfilter_list, opts_nwfilter_list, "list network filters",
      "List the network filters by UUID and name.", 0 },
    { "nwfilter-undefine", cmd_nwfilter_undefine, opts_nwfilter_only, "remove a filter",
      "Remove a network filter.", 0 },
    { NULL }
};

const VshCmdGroup vsh_group_filter = { "Network Filter", "filter", { cmds_filter } };
