/*
 * cmd-interface.c: host interface commands (help keyword 'interface'): iface-list,
 * iface-define/-undefine/-start/-destroy/-dumpxml/-edit, iface-mac, iface-name, the
 * configuration transactions (iface-begin/-commit/-rollback) and
 * iface-bridge/-unbridge, which rewrite interface XML around a bridge.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "tools/virsh/helpers.h"
#include "tools/virsh/table.h"

#define IFACE_OPT(help) { "interface", VSH_OT_DATA, VSH_OF_REQUIRED, help }

static virInterfacePtr
iface_opt(VshCtl *ctl, const VshCmd *cmd, const char **ret_name)
{
    return vsh_iface_opt(ctl, cmd, "interface", VSH_BYNAME | VSH_BYMAC, ret_name);
}

/* ---- iface-list ---- */

static int
iface_name_cmp(const void *a, const void *b)
{
    return strcmp(virInterfaceGetName(*(virInterfacePtr const *) a),
                  virInterfaceGetName(*(virInterfacePtr const *) b));
}

static bool
cmd_iface_list(VshCtl *ctl, const VshCmd *cmd)
{
    bool json = vsh_opt_bool(cmd, "json");
    unsigned int flags = VIR_CONNECT_LIST_INTERFACES_ACTIVE;
    virInterfacePtr *ifaces = NULL;
    g_autoptr(VshTable) table = NULL;
    json_object *arr = NULL;
    int n;

    if (vsh_opt_bool(cmd, "inactive"))
        flags = VIR_CONNECT_LIST_INTERFACES_INACTIVE;
    if (vsh_opt_bool(cmd, "all"))
        flags = VIR_CONNECT_LIST_INTERFACES_ACTIVE | VIR_CONNECT_LIST_INTERFACES_INACTIVE;
    if ((n = virConnectListAllInterfaces(vsh_conn(ctl), &ifaces, flags)) < 0) {
        vsh_error(ctl, "Failed to list interfaces");
        return false;
    }
    qsort(ifaces, n, sizeof(*ifaces), iface_name_cmp);
    if (json)
        arr = json_object_new_array();
    else
        table = vsh_table_new("Name", "State", "MAC Address", NULL);
    for (int i = 0; i < n; i++) {
        const char *mac = virInterfaceGetMACString(ifaces[i]);
        bool active = virInterfaceIsActive(ifaces[i]) == 1;

        if (arr) {
            json_object *o = json_object_new_object();

            vsh_json_add_str(o, "name", virInterfaceGetName(ifaces[i]));
            vsh_json_add_bool(o, "active", active);
            vsh_json_add_str(o, "mac", mac);
            json_object_array_add(arr, o);
        } else {
            vsh_table_add_row(table, virInterfaceGetName(ifaces[i]),
                              active ? "active" : "inactive", mac ? mac : "", NULL);
        }
        virInterfaceFree(ifaces[i]);
    }
    free(ifaces);
    vsh_reset_libvirt_error();
    if (arr)
        vsh_json_print(ctl, arr);
    else
        vsh_table_print(ctl, table);
    return true;
}

static const VshOptDef opts_iface_list[] = {
    { "inactive", VSH_OT_BOOL, 0, "only inactive interfaces" },
    { "all", VSH_OT_BOOL, 0, "active and inactive interfaces" },
    { "json", VSH_OT_BOOL, 0, "print a JSON array" },
    { NULL }
};

/* ---- names ---- */

static bool
cmd_iface_mac(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virInterface) iface = vsh_iface_opt(ctl, cmd, "interface", VSH_BYNAME, NULL);

    if (!iface)
        return false;
    vsh_print(ctl, "%s\n", virInterfaceGetMACString(iface));
    return true;
}

static bool
cmd_iface_name(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virInterface) iface = vsh_iface_opt(ctl, cmd, "interface", VSH_BYMAC, NULL);

    if (!iface)
        return false;
    vsh_print(ctl, "%s\n", virInterfaceGetName(iface));
    return true;
}

/* ---- define / undefine / start / destroy ---- */

static bool
cmd_iface_define(VshCtl *ctl, const VshCmd *cmd)
{
    const char *file = NULL;
    g_autofree char *xml = NULL;
    g_autoptr(virInterface) iface = NULL;

    if (vsh_opt_string(ctl, cmd, "file", &file) <= 0 ||
        vsh_read_xml_opt(ctl, cmd, "file", &xml) < 0)
        return false;
    iface = virInterfaceDefineXML(vsh_conn(ctl), xml, vsh_opt_bool(cmd, "validate")
                                  ? VIR_INTERFACE_DEFINE_VALIDATE : 0);
    if (!iface) {
        vsh_error(ctl, "Failed to define interface from %s", file);
        return false;
    }
    vsh_print_extra(ctl, "Interface %s defined from %s\n", virInterfaceGetName(iface), file);
    return true;
}

static const VshOptDef opts_iface_define[] = {
    { "file", VSH_OT_DATA, VSH_OF_REQUIRED, "the interface's XML description" },
    { "validate", VSH_OT_BOOL, 0, "check the XML against the schema first" },
    { NULL }
};

enum { IF_UNDEFINE, IF_START, IF_DESTROY };

static bool
iface_action(VshCtl *ctl, const VshCmd *cmd, int act)
{
    const char *name = NULL;
    g_autoptr(virInterface) iface = iface_opt(ctl, cmd, &name);
    int r;

    if (!iface)
        return false;
    switch (act) {
    case IF_UNDEFINE:
        if ((r = virInterfaceUndefine(iface)) < 0)
            vsh_error(ctl, "Failed to undefine interface %s", name);
        else
            vsh_print_extra(ctl, "Interface %s undefined\n", name);
        break;
    case IF_START:
        if ((r = virInterfaceCreate(iface, 0)) < 0)
            vsh_error(ctl, "Failed to start interface %s", name);
        else
            vsh_print_extra(ctl, "Interface %s started\n", name);
        break;
    default:
        if ((r = virInterfaceDestroy(iface, 0)) < 0)
            vsh_error(ctl, "Failed to destroy interface %s", name);
        else
            vsh_print_extra(ctl, "Interface %s destroyed\n", name);
        break;
    }
    return r == 0;
}

static bool
cmd_iface_undefine(VshCtl *ctl, const VshCmd *cmd)
{
    return iface_action(ctl, cmd, IF_UNDEFINE);
}

static bool
cmd_iface_start(VshCtl *ctl, const VshCmd *cmd)
{
    return iface_action(ctl, cmd, IF_START);
}

static bool
cmd_iface_destroy(VshCtl *ctl, const VshCmd *cmd)
{
    return iface_action(ctl, cmd, IF_DESTROY);
}

static const VshOptDef opts_iface_only[] = {
    IFACE_OPT("the interface: name or MAC address"),
    { NULL }
};

static const VshOptDef opts_iface_mac[] = {
    IFACE_OPT("the interface's name"),
    { NULL }
};

static const VshOptDef opts_iface_name[] = {
    IFACE_OPT("the interface's MAC address"),
    { NULL }
};

/* ---- XML ---- */

static bool
cmd_iface_dumpxml(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virInterface) iface = iface_opt(ctl, cmd, NULL);
    g_autofree char *xml = NULL;

    if (!iface)
        return false;
    xml = virInterfaceGetXMLDesc(iface, vsh_opt_bool(cmd, "inactive")
                                            ? VIR_INTERFACE_XML_INACTIVE : 0);
    return xml && vsh_print_xml(ctl, cmd, xml);
}

static const VshOptDef opts_iface_dumpxml[] = {
    IFACE_OPT("the interface: name or MAC address"),
    { "inactive", VSH_OT_BOOL, 0, "the persistent configuration, not the live one" },
    { "xpath", VSH_OT_STRING, VSH_OF_NOPOS, "print only what this XPath expression selects" },
    { "wrap", VSH_OT_BOOL, 0, "wrap the --xpath results in a <nodes> element" },
    { NULL }
};

static char *
iface_edit_dump(VshCtl *ctl, void *obj)
{
    return virInterfaceGetXMLDesc(obj, VIR_INTERFACE_XML_INACTIVE);
}

static char *
iface_edit_define(VshCtl *ctl, void *obj, const char *xml)
{
    g_autoptr(virInterface) i = virInterfaceDefineXML(vsh_conn(ctl), xml, 0);

    return i ? g_strdup(virInterfaceGetName(i)) : NULL;
}

static bool
cmd_iface_edit(VshCtl *ctl, const VshCmd *cmd)
{
    static const VshEditOps ops = {
        iface_edit_dump, iface_edit_define,
        "Interface %s XML configuration not changed.\n",
        "Interface %s XML configuration edited.\n",
    };
    g_autoptr(virInterface) iface = iface_opt(ctl, cmd, NULL);

    return iface && vsh_edit(ctl, &ops, iface, virInterfaceGetName(iface));
}

/* ---- transactions ---- */

static bool
cmd_iface_begin(VshCtl *ctl, const VshCmd *cmd)
{
    if (virInterfaceChangeBegin(vsh_conn(ctl), 0) < 0) {
        vsh_error(ctl, "Failed to begin network config change transaction");
        return false;
    }
    vsh_print_extra(ctl, "Network config change transaction started\n");
    return true;
}

static bool
cmd_iface_commit(VshCtl *ctl, const VshCmd *cmd)
{
    if (virInterfaceChangeCommit(vsh_conn(ctl), 0) < 0) {
        vsh_error(ctl, "Failed to commit network config change transaction");
        return false;
    }
    vsh_print_extra(ctl, "Network config change transaction committed\n");
    return true;
}

static bool
cmd_iface_rollback(VshCtl *ctl, const VshCmd *cmd)
{
    if (virInterfaceChangeRollback(vsh_conn(ctl), 0) < 0) {
        vsh_error(ctl, "Failed to rollback network config change transaction");
        return false;
    }
    vsh_print_extra(ctl, "Network config change transaction rolled back\n");
    return true;
}

/* ---- bridges ---- */

static xmlNodePtr
first_child(xmlNodePtr n, const char *name)
{
    for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE && g_str_equal((const char *) c->name, name))
            return c;
    }
    return NULL;
}

static char *
doc_string(xmlDocPtr doc)
{
    xmlChar *mem = NULL;
    int len = 0;
    char *s;

    xmlDocDumpFormatMemory(doc, &mem, &len, 1);
    s = g_strndup((const char *) mem, len);
    xmlFree(mem);
    return s;
}

static bool
cmd_iface_bridge(VshCtl *ctl, const VshCmd *cmd)
{
    const char *ifname = NULL, *brname = NULL;
    g_autoptr(virInterface) iface = NULL;
    g_autoptr(virInterface) br = NULL;
    g_autofree char *xml = NULL;
    g_autofree char *newxml = NULL;
    g_autofree char *type = NULL;
    bool stp = !vsh_opt_bool(cmd, "no-stp");
    bool nostart = vsh_opt_bool(cmd, "no-start");
    int delay = -1;
    xmlDocPtr doc;
    xmlNodePtr root, bridge, child;
    bool ok = false;

    if (!(iface = vsh_iface_opt(ctl, cmd, "interface", VSH_BYNAME | VSH_BYMAC, &ifname)) ||
        vsh_opt_string(ctl, cmd, "bridge", &brname) <= 0 ||
        vsh_opt_int(ctl, cmd, "delay", &delay) < 0)
        return false;
    ifname = virInterfaceGetName(iface);
    if ((br = virInterfaceLookupByName(vsh_conn(ctl), brname))) {
        vsh_error(ctl, "Network device %s already exists", brname);
        return false;
    }
    vsh_reset_libvirt_error();
    if (!(xml = virInterfaceGetXMLDesc(iface, VIR_INTERFACE_XML_INACTIVE)))
        return false;
    if (!(doc = xmlReadMemory(xml, (int) strlen(xml), "interface.xml", NULL,
                              XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_NOERROR))) {
        vsh_error(ctl, "Failed to parse configuration of %s", ifname);
        return false;
    }
    root = xmlDocGetRootElement(doc);
    {
        xmlChar *t = xmlGetProp(root, (const xmlChar *) "type");

        type = t ? g_strdup((const char *) t) : NULL;
        xmlFree(t);
    }
    if (!type) {
        vsh_error(ctl, "Existing device %s has no type", ifname);
        goto out;
    }
    if (g_str_equal(type, "bridge")) {
        vsh_error(ctl, "Existing device %s is already a bridge", ifname);
        goto out;
    }
    /* the device's own settings move to the new child; addressing stays with the bridge */
    bridge = xmlNewNode(NULL, (const xmlChar *) "bridge");
    xmlSetProp(bridge, (const xmlChar *) "stp", (const xmlChar *) (stp ? "on" : "off"));
    if (delay >= 0) {
        g_autofree char *d = g_strdup_printf("%d", delay);

        xmlSetProp(bridge, (const xmlChar *) "delay", (const xmlChar *) d);
    }
    child = xmlNewChild(bridge, NULL, (const xmlChar *) "interface", NULL);
    xmlSetProp(child, (const xmlChar *) "type", (const xmlChar *) type);
    xmlSetProp(child, (const xmlChar *) "name", (const xmlChar *) ifname);
    for (const char *const *m = (const char *const[]) { "mac", "bond", "vlan", NULL }; *m; m++) {
        xmlNodePtr n = first_child(root, *m);

        if (n) {
            xmlUnlinkNode(n);
            xmlAddChild(child, n);
        }
    }
    xmlSetProp(root, (const xmlChar *) "type", (const xmlChar *) "bridge");
    xmlSetProp(root, (const xmlChar *) "name", (const xmlChar *) brname);
    xmlAddChild(root, bridge);
    newxml = doc_string(doc);

    if (virInterfaceIsActive(iface) == 1 && virInterfaceDestroy(iface, 0) < 0) {
        vsh_error(ctl, "Failed to destroy interface %s", ifname);
        goto out;
    }
    if (virInterfaceUndefine(iface) < 0) {
        vsh_error(ctl, "Failed to undefine interface %s", ifname);
        goto out;
    }
    if (!(br = virInterfaceDefineXML(vsh_conn(ctl), newxml, 0))) {
        vsh_error(ctl, "Failed to define new bridge interface %s", brname);
        goto out;
    }
    vsh_print_extra(ctl, "Created bridge %s with attached device %s\n", brname, ifname);
    if (!nostart) {
        if (virInterfaceCreate(br, 0) < 0) {
            vsh_error(ctl, "Failed to start bridge interface %s", brname);
            goto out;
        }
        vsh_print_extra(ctl, "Bridge interface %s started\n", brname);
    }
    ok = true;
 out:
    xmlFreeDoc(doc);
    return ok;
}

static const VshOptDef opts_iface_bridge[] = {
    IFACE_OPT("the device to put into the bridge: name or MAC address"),
    { "bridge", VSH_OT_DATA, VSH_OF_REQUIRED, "the new bridge's name" },
    { "no-stp", VSH_OT_BOOL, 0, "turn spanning tree off on the bridge" },
    { "delay", VSH_OT_INT, 0, "forward delay of new ports, in seconds" },
    { "no-start", VSH_OT_BOOL, 0, "define the bridge but do not start it" },
    { NULL }
};

static bool
cmd_iface_unbridge(VshCtl *ctl, const VshCmd *cmd)
{
    const char *brname = NULL;
    g_autoptr(virInterface) br = NULL;
    g_autoptr(virInterface) iface = NULL;
    g_autofree char *xml = NULL;
    g_autofree char *newxml = NULL;
    g_autofree char *ifname = NULL;
    bool nostart = vsh_opt_bool(cmd, "no-start");
    xmlDocPtr doc, newdoc;
    xmlNodePtr root, bridge, child = NULL;
    int nchildren = 0;
    bool ok = false;

    if (!(br = vsh_iface_opt(ctl, cmd, "bridge", VSH_BYNAME, &brname)))
        return false;
    brname = virInterfaceGetName(br);
    if (!(xml = virInterfaceGetXMLDesc(br, VIR_INTERFACE_XML_INACTIVE)))
        return false;
    if (!(doc = xmlReadMemory(xml, (int) strlen(xml), "bridge.xml", NULL,
                              XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_NOERROR))) {
        vsh_error(ctl, "Failed to parse configuration of %s", brname);
        return false;
    }
    root = xmlDocGetRootElement(doc);
    if (!(bridge = first_child(root, "bridge"))) {
        vsh_error(ctl, "No bridge node in xml document");
        xmlFreeDoc(doc);
        return false;
    }
    for (xmlNodePtr c = bridge->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE && g_str_equal((const char *) c->name, "interface")) {
            nchildren++;
            child = c;
        }
    }
    if (nchildren == 0) {
        vsh_error(ctl, "No interface attached to bridge %s", brname);
        goto out;
    }
    if (nchildren > 1) {
        vsh_error(ctl, "Multiple interfaces attached to bridge %s", brname);
        goto out;
    }
    {
        xmlChar *n = xmlGetProp(child, (const xmlChar *) "name");

        ifname = n ? g_strdup((const char *) n) : NULL;
        xmlFree(n);
    }
    if (!ifname) {
        vsh_error(ctl, "Device attached to bridge %s has no name", brname);
        goto out;
    }
    /* the attached device becomes the top interface, keeping the bridge's addressing */
    newdoc = xmlNewDoc((const xmlChar *) "1.0");
    {
        xmlNodePtr top = xmlDocCopyNode(child, newdoc, 1);

        xmlDocSetRootElement(newdoc, top);
        for (xmlNodePtr c = root->children; c; c = c->next) {
            if (c->type == XML_ELEMENT_NODE && !g_str_equal((const char *) c->name, "bridge") &&
                !g_str_equal((const char *) c->name, "mac"))
                xmlAddChild(top, xmlDocCopyNode(c, newdoc, 1));
        }
    }
    newxml = doc_string(newdoc);
    xmlFreeDoc(newdoc);

    if (virInterfaceIsActive(br) == 1 && virInterfaceDestroy(br, 0) < 0) {
        vsh_error(ctl, "Failed to destroy bridge interface %s", brname);
        goto out;
    }
    if (virInterfaceUndefine(br) < 0) {
        vsh_error(ctl, "Failed to undefine bridge interface %s", brname);
        goto out;
    }
    if (!(iface = virInterfaceDefineXML(vsh_conn(ctl), newxml, 0))) {
        vsh_error(ctl, "Failed to define new interface %s", ifname);
        goto out;
    }
    vsh_print_extra(ctl, "Device %s un-attached from bridge %s\n", ifname, brname);
    if (!nostart) {
        if (virInterfaceCreate(iface, 0) < 0) {
            vsh_error(ctl, "Failed to start interface %s", ifname);
            goto out;
        }
        vsh_print_extra(ctl, "Interface %s started\n", ifname);
    }
    ok = true;
 out:
    xmlFreeDoc(doc);
    return ok;
}

static const VshOptDef opts_iface_unbridge[] = {
    { "bridge", VSH_OT_DATA, VSH_OF_REQUIRED, "the bridge to dissolve" },
    { "no-start", VSH_OT_BOOL, 0, "define the device but do not start it" },
    { NULL }
};

/* ---- the table ---- */

static const VshCmdDef cmds_interface[] = {
    { "iface-begin", cmd_iface_begin, NULL, "start an interface change transaction",
      "Save the current interface configuration so it can be rolled back.", 0 },
    { "iface-bridge", cmd_iface_bridge, opts_iface_bridge, "put a device into a new bridge",
      "Create a bridge and move an existing device (and its addressing) into it.", 0 },
    { "iface-commit", cmd_iface_commit, NULL, "keep the interface changes",
      "End the change transaction, keeping the changes.", 0 },
    { "iface-define", cmd_iface_define, opts_iface_define, "define a host interface from XML",
      "Define (or redefine) a persistent host interface.", 0 },
    { "iface-destroy", cmd_iface_destroy, opts_iface_only, "bring a host interface down",
      "Stop (if-down) a host interface.", 0 },
    { "iface-dumpxml", cmd_iface_dumpxml, opts_iface_dumpxml, "show a host interface's XML",
      "Print the XML description of a host interface.", 0 },
    { "iface-edit", cmd_iface_edit, opts_iface_only, "edit a host interface's XML",
      "Edit the XML of a host interface in $VISUAL or $EDITOR and redefine it.", 0 },
    { "iface-list", cmd_iface_list, opts_iface_list, "list host interfaces",
      "List the host's interfaces; by default the active ones.", 0 },
    { "iface-mac", cmd_iface_mac, opts_iface_mac, "print an interface's MAC address",
      "Print the MAC address of a host interface given by name.", 0 },
    { "iface-name", cmd_iface_name, opts_iface_name, "print an interface's name",
      "Print the name of a host interface given by MAC address.", 0 },
    { "iface-rollback", cmd_iface_rollback, NULL, "undo the interface changes",
      "End the change transaction, restoring the saved configuration.", 0 },
    { "iface-start", cmd_iface_start, opts_iface_only, "bring a host interface up",
      "Start (if-up) a host interface.", 0 },
    { "iface-unbridge", cmd_iface_unbridge, opts_iface_unbridge,
      "take the device out of a bridge",
      "Remove a bridge, giving its addressing back to the device it held.", 0 },
    { "iface-undefine", cmd_iface_undefine, opts_iface_only, "remove a host interface",
      "Remove the definition of a host interface.", 0 },
    { NULL }
};

const VshCmdGroup vsh_group_interface = { "Interface", "interface", { cmds_interface } };
