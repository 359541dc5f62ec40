/*
 * cmd-network.c: virtual network commands (help keyword 'network'): net-list,
 * net-info, net-define, net-create, net-undefine, net-start, net-destroy,
 * net-autostart, net-dumpxml, net-edit, net-uuid, net-name, net-update,
 * net-dhcp-leases, net-event, and the network port commands.
 */
#include <stdlib.h>
#include <string.h>

#include "tools/virsh/helpers.h"
#include "tools/virsh/table.h"

#define NET_OPT \
    { "network", VSH_OT_DATA, VSH_OF_REQUIRED, "the network: name or UUID" }
#define XPATH_OPTS \
    { "xpath", VSH_OT_STRING, VSH_OF_NOPOS, "print only what this XPath expression selects" }, \
    { "wrap", VSH_OT_BOOL, 0, "wrap the --xpath results in a <nodes> element" }

static virNetworkPtr
net_opt(VshCtl *ctl, const VshCmd *cmd)
{
    return vsh_network_opt(ctl, cmd, "network", VSH_BYUUID | VSH_BYNAME, NULL);
}

/* ---- net-list ---- */

static int
net_name_cmp(const void *a, const void *b)
{
    return g_ascii_strcasecmp(virNetworkGetName(*(virNetworkPtr const *) a),
                              virNetworkGetName(*(virNetworkPtr const *) b));
}

static bool
cmd_net_list(VshCtl *ctl, const VshCmd *cmd)
{
    static const VshOptFlag filters[] = {
        { "inactive", VIR_CONNECT_LIST_NETWORKS_INACTIVE },
        { "all", VIR_CONNECT_LIST_NETWORKS_ACTIVE | VIR_CONNECT_LIST_NETWORKS_INACTIVE },
        { "persistent", VIR_CONNECT_LIST_NETWORKS_PERSISTENT },
        { "transient", VIR_CONNECT_LIST_NETWORKS_TRANSIENT },
        { "autostart", VIR_CONNECT_LIST_NETWORKS_AUTOSTART },
        { "no-autostart", VIR_CONNECT_LIST_NETWORKS_NO_AUTOSTART },
    };
    bool opt_uuid = vsh_opt_bool(cmd, "uuid");
    bool opt_name = vsh_opt_bool(cmd, "name");
    bool opt_table = vsh_opt_bool(cmd, "table");
    bool json = vsh_opt_bool(cmd, "json");
    unsigned int flags = 0;
    virNetworkPtr *nets = NULL;
    g_autoptr(VshTable) table = NULL;
    json_object *arr = NULL;
    int n;

    if ((opt_uuid + opt_name + opt_table + json) > 1) {
        vsh_error(ctl, "Only one argument from --table, --name and --uuid may be specified.");
        return false;
    }
    flags = vsh_opt_flags(cmd, filters, G_N_ELEMENTS(filters));
    if (!(flags & (VIR_CONNECT_LIST_NETWORKS_ACTIVE | VIR_CONNECT_LIST_NETWORKS_INACTIVE)))
        flags |= VIR_CONNECT_LIST_NETWORKS_ACTIVE;
    if ((n = virConnectListAllNetworks(vsh_conn(ctl), &nets, flags)) < 0) {
        vsh_error(ctl, "Failed to list networks");
        return false;
    }
    qsort(nets, n, sizeof(*nets), net_name_cmp);
    if (json)
        arr = json_object_new_array();
    else if (!opt_uuid && !opt_name)
        table = vsh_table_new("Name", "State", "Autostart", "Persistent", NULL);
    for (int i = 0; i < n; i++) {
        const char *name = virNetworkGetName(nets[i]);
        char uuid[VIR_UUID_STRING_BUFLEN] = "";
        int active = virNetworkIsActive(nets[i]);
        int persistent = virNetworkIsPersistent(nets[i]);
        int autostart = -1;

        if (virNetworkGetAutostart(nets[i], &autostart) < 0)
            autostart = -1;
        vsh_reset_libvirt_error();
        virNetworkGetUUIDString(nets[i], uuid);
        if (arr) {
            json_object *o = json_object_new_object();

            vsh_json_add_str(o, "name", name);
            vsh_json_add_str(o, "uuid", uuid);
            vsh_json_add_bool(o, "active", active == 1);
            vsh_json_add_tristate(o, "autostart", autostart);
            vsh_json_add_tristate(o, "persistent", persistent);
            json_object_array_add(arr, o);
        } else if (opt_uuid) {
            vsh_print(ctl, "%s\n", uuid);
        } else if (opt_name) {
            vsh_print(ctl, "%s\n", name);
        } else {
            vsh_table_add_row(table, name, active == 1 ? "active" : "inactive",
                              vsh_yes_no(autostart, "no autostart"),
                              vsh_yes_no(persistent, "unknown"), NULL);
        }
        virNetworkFree(nets[i]);
    }
    free(nets);
    if (arr)
        vsh_json_print(ctl, arr);
    else if (table)
        vsh_table_print(ctl, table);
    return true;
}

static const VshOptDef opts_net_list[] = {
    { "inactive", VSH_OT_BOOL, 0, "only inactive networks" },
    { "all", VSH_OT_BOOL, 0, "active and inactive networks" },
    { "persistent", VSH_OT_BOOL, 0, "only persistent networks" },
    { "transient", VSH_OT_BOOL, 0, "only transient networks" },
    { "autostart", VSH_OT_BOOL, 0, "only networks started with the host" },
    { "no-autostart", VSH_OT_BOOL, 0, "only networks not started with the host" },
    { "uuid", VSH_OT_BOOL, 0, "print UUIDs only" },
    { "name", VSH_OT_BOOL, 0, "print names only" },
    { "table", VSH_OT_BOOL, 0, "print a table (the default)" },
    { "json", VSH_OT_BOOL, 0, "print a JSON array" },
    { NULL }
};

/* ---- net-info ---- */

static bool
cmd_net_info(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virNetwork) net = net_opt(ctl, cmd);
    char uuid[VIR_UUID_STRING_BUFLEN] = "";
    g_autofree char *bridge = NULL;
    int active, persistent, autostart = -1;

    if (!net)
        return false;
    virNetworkGetUUIDString(net, uuid);
    active = virNetworkIsActive(net);
    persistent = virNetworkIsPersistent(net);
    if (virNetworkGetAutostart(net, &autostart) < 0)
        autostart = -1;
    {
        char *b = virNetworkGetBridgeName(net);

        bridge = g_strdup(b);
        free(b);
    }
    vsh_reset_libvirt_error();
    if (vsh_opt_bool(cmd, "json")) {
        json_object *o = json_object_new_object();

        vsh_json_add_str(o, "name", virNetworkGetName(net));
        vsh_json_add_str(o, "uuid", uuid);
        vsh_json_add_bool(o, "active", active == 1);
        vsh_json_add_tristate(o, "persistent", persistent);
        vsh_json_add_tristate(o, "autostart", autostart);
        vsh_json_add_str(o, "bridge", bridge);
        vsh_json_print(ctl, o);
        return true;
    }
    vsh_print(ctl, "%-15s %s\n", "Name:", virNetworkGetName(net));
    vsh_print(ctl, "%-15s %s\n", "UUID:", uuid);
    vsh_print(ctl, "%-15s %s\n", "Active:", active == 1 ? "yes" : "no");
    vsh_print(ctl, "%-15s %s\n", "Persistent:", vsh_yes_no(persistent, "unknown"));
    vsh_print(ctl, "%-15s %s\n", "Autostart:", vsh_yes_no(autostart, "unknown"));
    if (bridge)
        vsh_print(ctl, "%-15s %s\n", "Bridge:", bridge);
    return true;
}

static const VshOptDef opts_net_info[] = {
    NET_OPT,
    { "json", VSH_OT_BOOL, 0, "print a JSON object" },
    { NULL }
};

/* ---- define / create / undefine / start / destroy / autostart ---- */

static bool
net_from_file(VshCtl *ctl, const VshCmd *cmd, bool create)
{
    const char *file = NULL;
    g_autofree char *xml = NULL;
    g_autoptr(virNetwork) net = NULL;
    bool validate = vsh_opt_bool(cmd, "validate");

    if (vsh_opt_string(ctl, cmd, "file", &file) <= 0 ||
        vsh_read_xml_opt(ctl, cmd, "file", &xml) < 0)
        return false;
    if (create)
        net = validate ? virNetworkCreateXMLFlags(vsh_conn(ctl), xml,
                                                  VIR_NETWORK_CREATE_VALIDATE)
                       : virNetworkCreateXML(vsh_conn(ctl), xml);
    else
        net = validate ? virNetworkDefineXMLFlags(vsh_conn(ctl), xml,
                                                  VIR_NETWORK_DEFINE_VALIDATE)
                       : virNetworkDefineXML(vsh_conn(ctl), xml);
    if (!net) {
        if (create)
            vsh_error(ctl, "Failed to create network from %s", file);
        else
            vsh_error(ctl, "Failed to define network from %s", file);
        return false;
    }
    if (create)
        vsh_print_extra(ctl, "Network %s created from %s\n", virNetworkGetName(net), file);
    else
        vsh_print_extra(ctl, "Network %s defined from %s\n", virNetworkGetName(net), file);
    return true;
}

static bool
cmd_net_define(VshCtl *ctl, const VshCmd *cmd)
{
    return net_from_file(ctl, cmd, false);
}

static bool
cmd_net_create(VshCtl *ctl, const VshCmd *cmd)
{
    return net_from_file(ctl, cmd, true);
}

static const VshOptDef opts_net_file[] = {
    { "file", VSH_OT_DATA, VSH_OF_REQUIRED, "the network's XML description" },
    { "validate", VSH_OT_BOOL, 0, "check the XML against the schema first" },
    { NULL }
};

static bool
cmd_net_undefine(VshCtl *ctl, const VshCmd *cmd)
{
    const char *name = NULL;
    g_autoptr(virNetwork) net = vsh_network_opt(ctl, cmd, "network", VSH_BYUUID | VSH_BYNAME,
                                                &name);

    if (!net)
        return false;
    if (virNetworkUndefine(net) < 0) {
        vsh_error(ctl, "Failed to undefine network %s", name);
        return false;
    }
    vsh_print_extra(ctl, "Network %s has been undefined\n", name);
    return true;
}

static bool
cmd_net_start(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virNetwork) net = vsh_network_opt(ctl, cmd, "network", VSH_BYNAME, NULL);

    if (!net)
        return false;
    if (virNetworkCreate(net) < 0) {
        vsh_error(ctl, "Failed to start network %s", virNetworkGetName(net));
        return false;
    }
    vsh_print_extra(ctl, "Network %s started\n", virNetworkGetName(net));
    return true;
}

static bool
cmd_net_destroy(VshCtl *ctl, const VshCmd *cmd)
{
    const char *name = NULL;
    g_autoptr(virNetwork) net = vsh_network_opt(ctl, cmd, "network", VSH_BYUUID | VSH_BYNAME,
                                                &name);

    if (!net)
        return false;
    if (virNetworkDestroy(net) < 0) {
        vsh_error(ctl, "Failed to destroy network %s", name);
        return false;
    }
    vsh_print_extra(ctl, "Network %s destroyed\n", name);
    return true;
}

static bool
cmd_net_autostart(VshCtl *ctl, const VshCmd *cmd)
{
    const char *name = NULL;
    g_autoptr(virNetwork) net = vsh_network_opt(ctl, cmd, "network", VSH_BYUUID | VSH_BYNAME,
                                                &name);
    bool disable = vsh_opt_bool(cmd, "disable");

    if (!net)
        return false;
    if (virNetworkSetAutostart(net, !disable) < 0) {
        if (disable)
            vsh_error(ctl, "failed to unmark network %s as autostarted", name);
        else
            vsh_error(ctl, "failed to mark network %s as autostarted", name);
        return false;
    }
    if (disable)
        vsh_print_extra(ctl, "Network %s unmarked as autostarted\n", name);
    else
        vsh_print_extra(ctl, "Network %s marked as autostarted\n", name);
    return true;
}

static const VshOptDef opts_net_autostart[] = {
    NET_OPT,
    { "disable", VSH_OT_BOOL, 0, "turn autostart off" },
    { NULL }
};

static const VshOptDef opts_net_only[] = {
    NET_OPT,
    { NULL }
};

/* ---- XML ---- */

static bool
cmd_net_dumpxml(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virNetwork) net = net_opt(ctl, cmd);
    g_autofree char *xml = NULL;

    if (!net)
        return false;
    xml = virNetworkGetXMLDesc(net, vsh_opt_bool(cmd, "inactive") ? VIR_NETWORK_XML_INACTIVE
                                                                   : 0);
    return xml && vsh_print_xml(ctl, cmd, xml);
}

static const VshOptDef opts_net_dumpxml[] = {
    NET_OPT,
    { "inactive", VSH_OT_BOOL, 0, "the persistent configuration, not the live one" },
    XPATH_OPTS,
    { NULL }
};

/* the persistent XML; drivers that refuse the flag give their only one */
static char *
net_edit_dump(VshCtl *ctl, void *obj)
{
    char *xml = virNetworkGetXMLDesc(obj, VIR_NETWORK_XML_INACTIVE);

    if (!xml && vsh_last_error_code() == VIR_ERR_INVALID_ARG) {
        vsh_reset_libvirt_error();
        xml = virNetworkGetXMLDesc(obj, 0);
    }
    return xml;
}

static char *
net_edit_define(VshCtl *ctl, void *obj, const char *xml)
{
    g_autoptr(virNetwork) n = virNetworkDefineXML(vsh_conn(ctl), xml);

    return n ? g_strdup(virNetworkGetName(n)) : NULL;
}

static bool
cmd_net_edit(VshCtl *ctl, const VshCmd *cmd)
{
    static const VshEditOps ops = {
        net_edit_dump, net_edit_define,
        "Network %s XML configuration not changed.\n",
        "Network %s XML configuration edited.\n",
    };
    g_autoptr(virNetwork) net = net_opt(ctl, cmd);

    return net && vsh_edit(ctl, &ops, net, virNetworkGetName(net));
}

static bool
cmd_net_uuid(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virNetwork) net = vsh_network_opt(ctl, cmd, "network", VSH_BYNAME, NULL);
    char uuid[VIR_UUID_STRING_BUFLEN];

    if (!net)
        return false;
    if (virNetworkGetUUIDString(net, uuid) < 0) {
        vsh_error(ctl, "failed to get network UUID");
        return false;
    }
    vsh_print(ctl, "%s\n", uuid);
    return true;
}

static bool
cmd_net_name(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virNetwork) net = vsh_network_opt(ctl, cmd, "network", VSH_BYUUID, NULL);

    if (!net)
        return false;
    vsh_print(ctl, "%s\n", virNetworkGetName(net));
    return true;
}

/* ---- net-update ---- */

static bool
cmd_net_update(VshCtl *ctl, const VshCmd *cmd)
{
    static const char *const commands[] = {
        [VIR_NETWORK_UPDATE_COMMAND_NONE] = "none",
        [VIR_NETWORK_UPDATE_COMMAND_MODIFY] = "modify",
        [VIR_NETWORK_UPDATE_COMMAND_DELETE] = "delete",
        [VIR_NETWORK_UPDATE_COMMAND_ADD_LAST] = "add-last",
        [VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST] = "add-first",
    };
    static const char *const sections[] = {
        [VIR_NETWORK_SECTION_NONE] = "none",
        [VIR_NETWORK_SECTION_BRIDGE] = "bridge",
        [VIR_NETWORK_SECTION_DOMAIN] = "domain",
        [VIR_NETWORK_SECTION_IP] = "ip",
        [VIR_NETWORK_SECTION_IP_DHCP_HOST] = "ip-dhcp-host",
        [VIR_NETWORK_SECTION_IP_DHCP_RANGE] = "ip-dhcp-range",
        [VIR_NETWORK_SECTION_FORWARD] = "forward",
        [VIR_NETWORK_SECTION_FORWARD_INTERFACE] = "forward-interface",
        [VIR_NETWORK_SECTION_FORWARD_PF] = "forward-pf",
        [VIR_NETWORK_SECTION_PORTGROUP] = "portgroup",
        [VIR_NETWORK_SECTION_DNS_HOST] = "dns-host",
        [VIR_NETWORK_SECTION_DNS_TXT] = "dns-txt",
        [VIR_NETWORK_SECTION_DNS_SRV] = "dns-srv",
    };
    g_autoptr(virNetwork) net = NULL;
    const char *command = NULL, *section = NULL, *xmlarg = NULL;
    g_autofree char *xml = NULL;
    int parent = -1, c = -1, s = -1;
    unsigned int flags = 0;
    bool config = vsh_opt_bool(cmd, "config");
    bool live = vsh_opt_bool(cmd, "live");

    if (!vsh_opt_exclusive(ctl, cmd, "current", "live") ||
        !vsh_opt_exclusive(ctl, cmd, "current", "config") ||
        !(net = net_opt(ctl, cmd)) ||
        vsh_opt_string(ctl, cmd, "command", &command) <= 0 ||
        vsh_opt_string(ctl, cmd, "section", &section) <= 0 ||
        vsh_opt_string(ctl, cmd, "xml", &xmlarg) <= 0 ||
        vsh_opt_int(ctl, cmd, "parent-index", &parent) < 0)
        return false;
    if (g_str_equal(command, "add"))
        c = VIR_NETWORK_UPDATE_COMMAND_ADD_LAST;
    for (size_t i = 1; c < 0 && i < G_N_ELEMENTS(commands); i++) {
        if (g_str_equal(command, commands[i]))
            c = (int) i;
    }
    if (c < 0) {
        vsh_error(ctl, "unrecognized command name '%s'", command);
        return false;
    }
    for (size_t i = 1; i < G_N_ELEMENTS(sections); i++) {
        if (g_str_equal(section, sections[i]))
            s = (int) i;
    }
    if (s < 0) {
        vsh_error(ctl, "unrecognized section name '%s'", section);
        return false;
    }
    if (xmlarg[0] == '<') {
        xml = g_strdup(xmlarg);
    } else {
        size_t len;

        if (vsh_read_file(ctl, xmlarg, VSH_MAX_XML_FILE, &xml, &len) < 0)
            return false;
    }
    if (config)
        flags |= VIR_NETWORK_UPDATE_AFFECT_CONFIG;
    if (live)
        flags |= VIR_NETWORK_UPDATE_AFFECT_LIVE;
    if (virNetworkUpdate(net, c, s, parent, xml, flags) < 0) {
        vsh_error(ctl, "Failed to update network %s", virNetworkGetName(net));
        return false;
    }
    if (config) {
        if (live)
            vsh_print_extra(ctl, "Updated network %s persistent config and live state",
                            virNetworkGetName(net));
        else
            vsh_print_extra(ctl, "Updated network %s persistent config",
                            virNetworkGetName(net));
    } else if (live || virNetworkIsActive(net) == 1) {
        vsh_print_extra(ctl, "Updated network %s live state", virNetworkGetName(net));
    } else {
        vsh_print_extra(ctl, "Updated network %s persistent config", virNetworkGetName(net));
    }
    vsh_reset_libvirt_error();
    return true;
}

static const VshOptDef opts_net_update[] = {
    NET_OPT,
    { "command", VSH_OT_DATA, VSH_OF_REQUIRED, "add-first, add-last (add), delete or modify" },
    { "section", VSH_OT_DATA, VSH_OF_REQUIRED, "the part of the network to change (ip-dhcp-host...)" },
    { "xml", VSH_OT_DATA, VSH_OF_REQUIRED, "the element, or a file holding it" },
    { "parent-index", VSH_OT_INT, 0, "which parent element (e.g. which <ip>) to change" },
    { "config", VSH_OT_BOOL, 0, "change the persistent configuration" },
    { "live", VSH_OT_BOOL, 0, "change the running network" },
    { "current", VSH_OT_BOOL, 0, "change the network's current state" },
    { NULL }
};

/* ---- net-dhcp-leases ---- */

static bool
cmd_net_dhcp_leases(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virNetwork) net = NULL;
    g_autoptr(VshTable) table = NULL;
    virNetworkDHCPLeasePtr *leases = NULL;
    const char *mac = NULL;
    int n;

    if (vsh_opt_string(ctl, cmd, "mac", &mac) < 0 || !(net = net_opt(ctl, cmd)))
        return false;
    if ((n = virNetworkGetDHCPLeases(net, mac, &leases, 0)) < 0) {
        vsh_error(ctl, "Failed to get leases info for %s", virNetworkGetName(net));
        return false;
    }
    table = vsh_table_new("Expiry Time", "MAC address", "Protocol", "IP address", "Hostname",
                          "Client ID or DUID", NULL);
    for (int i = 0; i < n; i++) {
        virNetworkDHCPLeasePtr l = leases[i];
        g_autoptr(GDateTime) t = g_date_time_new_from_unix_local(l->expirytime);
        g_autofree char *expiry = t ? g_date_time_format(t, "%Y-%m-%d %H:%M:%S") : g_strdup("");
        g_autofree char *ip = g_strdup_printf("%s/%u", l->ipaddr, l->prefix);

        vsh_table_add_row(table, expiry, l->mac,
                          l->type == VIR_IP_ADDR_TYPE_IPV4 ? "ipv4"
                          : l->type == VIR_IP_ADDR_TYPE_IPV6 ? "ipv6" : "",
                          ip, l->hostname ? l->hostname : "-",
                          l->clientid ? l->clientid : "-", NULL);
        virNetworkDHCPLeaseFree(l);
    }
    free(leases);
    vsh_table_print(ctl, table);
    return true;
}

static const VshOptDef opts_net_dhcp_leases[] = {
    NET_OPT,
    { "mac", VSH_OT_STRING, 0, "only the leases of this MAC address" },
    { NULL }
};

/* ---- net-event ---- */

static void
net_lifecycle_cb(virConnectPtr conn, virNetworkPtr net, int event, int detail, void *opaque)
{
    static const char *const names[] = {
        [VIR_NETWORK_EVENT_DEFINED] = "Defined",
        [VIR_NETWORK_EVENT_UNDEFINED] = "Undefined",
        [VIR_NETWORK_EVENT_STARTED] = "Started",
        [VIR_NETWORK_EVENT_STOPPED] = "Stopped",
    };

    vsh_event_print(opaque, "network", virNetworkGetName(net),
                    event >= 0 && event < (int) G_N_ELEMENTS(names) ? names[event] : "unknown");
}

/* stock virsh knows only this one */
static const char *const net_event_names[] = { "lifecycle" };

static bool
cmd_net_event(VshCtl *ctl, const VshCmd *cmd)
{
    VshEventData data = { 0 };
    const char *name = NULL;
    g_autoptr(virNetwork) net = NULL;
    virConnectPtr conn;
    int id, timeout = 0, cb;

    id = vsh_event_opts(ctl, cmd, net_event_names, G_N_ELEMENTS(net_event_names), &data,
                        &timeout);
    if (id < 0)
        return id == VSH_EVENT_LISTED;
    if (vsh_opt_string(ctl, cmd, "network", &name) < 0 || !(conn = vsh_conn(ctl)))
        return false;
    if (name && !(net = vsh_network_opt(ctl, cmd, "network", VSH_BYUUID | VSH_BYNAME, NULL)))
        return false;
    cb = virConnectNetworkEventRegisterAny(conn, net, VIR_NETWORK_EVENT_ID_LIFECYCLE,
                                           (virConnectNetworkEventGenericCallback) (void (*)(void)) net_lifecycle_cb,
                                           &data, NULL);
    if (cb < 0)
        return false;
    return vsh_event_run(ctl, &data, conn, virConnectNetworkEventDeregisterAny, &cb, 1,
                         timeout);
}

static const VshOptDef opts_net_event[] = {
    { "network", VSH_OT_STRING, 0, "only events of this network" },
    VSH_EVENT_OPTS,
    { NULL }
};

/* ---- network ports ---- */

static int
port_uuid_cmp(const void *a, const void *b)
{
    char ua[VIR_UUID_STRING_BUFLEN] = "", ub[VIR_UUID_STRING_BUFLEN] = "";

    virNetworkPortGetUUIDString(*(virNetworkPortPtr const *) a, ua);
    virNetworkPortGetUUIDString(*(virNetworkPortPtr const *) b, ub);
    return strcmp(ua, ub);
}

static bool
cmd_net_port_list(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virNetwork) net = NULL;
    g_autoptr(VshTable) table = NULL;
    virNetworkPortPtr *ports = NULL;
    bool opt_uuid = vsh_opt_bool(cmd, "uuid");
    bool json = vsh_opt_bool(cmd, "json");
    json_object *arr = NULL;
    int n;

    if ((opt_uuid + vsh_opt_bool(cmd, "table") + json) > 1) {
        vsh_error(ctl, "Only one argument from --table and --uuid may be specified.");
        return false;
    }
    if (!(net = net_opt(ctl, cmd)))
        return false;
    if ((n = virNetworkListAllPorts(net, &ports, 0)) < 0)
        return false;
    qsort(ports, n, sizeof(*ports), port_uuid_cmp);
    if (json)
        arr = json_object_new_array();
    else if (!opt_uuid)
        table = vsh_table_new("UUID", NULL);
    for (int i = 0; i < n; i++) {
        char uuid[VIR_UUID_STRING_BUFLEN] = "";

        virNetworkPortGetUUIDString(ports[i], uuid);
        if (arr)
            json_object_array_add(arr, json_object_new_string(uuid));
        else if (table)
            vsh_table_add_row(table, uuid, NULL);
        else
            vsh_print(ctl, "%s\n", uuid);
        virNetworkPortFree(ports[i]);
    }
    free(ports);
    if (arr)
        vsh_json_print(ctl, arr);
    else if (table)
        vsh_table_print(ctl, table);
    return true;
}

static const VshOptDef opts_net_port_list[] = {
    NET_OPT,
    { "uuid", VSH_OT_BOOL, 0, "print UUIDs only" },
    { "table", VSH_OT_BOOL, 0, "print a table (the default)" },
    { "json", VSH_OT_BOOL, 0, "print a JSON array of UUIDs" },
    { NULL }
};

static bool
cmd_net_port_create(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virNetwork) net = net_opt(ctl, cmd);
    g_autoptr(virNetworkPort) port = NULL;
    const char *file = NULL;
    g_autofree char *xml = NULL;
    char uuid[VIR_UUID_STRING_BUFLEN] = "";

    if (!net || vsh_opt_string(ctl, cmd, "file", &file) <= 0 ||
        vsh_read_xml_opt(ctl, cmd, "file", &xml) < 0)
        return false;
    port = virNetworkPortCreateXML(net, xml, vsh_opt_bool(cmd, "validate")
                                                 ? VIR_NETWORK_PORT_CREATE_VALIDATE : 0);
    if (!port) {
        vsh_error(ctl, "Failed to create network from %s", file);
        return false;
    }
    if (virNetworkPortGetUUIDString(port, uuid) < 0) {
        vsh_error(ctl, "Failed to get network's UUID");
        return false;
    }
    vsh_print_extra(ctl, "Network port %s created from %s\n", uuid, file);
    return true;
}

static const VshOptDef opts_net_port_create[] = {
    NET_OPT,
    { "file", VSH_OT_DATA, VSH_OF_REQUIRED, "the port's XML description" },
    { "validate", VSH_OT_BOOL, 0, "check the XML against the schema first" },
    { NULL }
};

static bool
cmd_net_port_dumpxml(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virNetwork) net = net_opt(ctl, cmd);
    g_autoptr(virNetworkPort) port = NULL;
    g_autofree char *xml = NULL;

    if (!net)
        return false;
    /* like libvirt 9.0's virsh, a port that cannot be found is reported but the
     * command still succeeds */
    if (!(port = vsh_network_port_opt(ctl, cmd, net, "port")))
        return true;
    xml = virNetworkPortGetXMLDesc(port, 0);
    return xml && vsh_print_xml(ctl, cmd, xml);
}

static const VshOptDef opts_net_port_dumpxml[] = {
    NET_OPT,
    { "port", VSH_OT_DATA, VSH_OF_REQUIRED, "the port's UUID" },
    XPATH_OPTS,
    { NULL }
};

static bool
cmd_net_port_delete(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virNetwork) net = net_opt(ctl, cmd);
    g_autoptr(virNetworkPort) port = NULL;
    char uuid[VIR_UUID_STRING_BUFLEN] = "";

    if (!net)
        return false;
    if (!(port = vsh_network_port_opt(ctl, cmd, net, "port")))
        return true;     /* sic: libvirt 9.0's virsh succeeds here too */
    virNetworkPortGetUUIDString(port, uuid);
    if (virNetworkPortDelete(port, 0) < 0) {
        vsh_error(ctl, "Failed to delete network port %s", uuid);
        return false;
    }
    vsh_print_extra(ctl, "Network port %s deleted\n", uuid);
    return true;
}

static const VshOptDef opts_net_port[] = {
    NET_OPT,
    { "port", VSH_OT_DATA, VSH_OF_REQUIRED, "the port's UUID" },
    { NULL }
};

/* ---- the table ---- */

static const VshCmdDef cmds_network[] = {
    { "net-autostart", cmd_net_autostart, opts_net_autostart, "start a network with the host",
      "Mark a network to be started when the host (or its daemon) starts.", 0 },
    { "net-create", cmd_net_create, opts_net_file, "start a transient network from XML",
      "Create and start a network that disappears once it stops.", 0 },
    { "net-define", cmd_net_define, opts_net_file, "define a network from XML",
      "Define (or redefine) a persistent network without starting it.", 0 },
    { "net-destroy", cmd_net_destroy, opts_net_only, "stop a network",
      "Stop an active network.", 0 },
    { "net-dhcp-leases", cmd_net_dhcp_leases, opts_net_dhcp_leases, "list a network's DHCP leases",
      "List the DHCP leases handed out on a network.", 0 },
    { "net-dumpxml", cmd_net_dumpxml, opts_net_dumpxml, "show a network's XML",
      "Print the XML description of a network.", 0 },
    { "net-edit", cmd_net_edit, opts_net_only, "edit a network's XML",
      "Edit the persistent XML of a network in $VISUAL or $EDITOR and redefine it.", 0 },
    { "net-event", cmd_net_event, opts_net_event, "wait for network events",
      "Print network events as they happen, or list the event types.", 0 },
    { "net-info", cmd_net_info, opts_net_info, "show basic facts about a network",
      "Print a network's UUID, state, autostart and bridge.", 0 },
    { "net-list", cmd_net_list, opts_net_list, "list networks",
      "List networks; by default the active ones, with --all every one.", 0 },
    { "net-name", cmd_net_name, opts_net_only, "print a network's name",
      "Print the name of a network given by UUID.", 0 },
    { "net-port-create", cmd_net_port_create, opts_net_port_create, "add a port to a network",
      "Create a network port from an XML description.", 0 },
    { "net-port-delete", cmd_net_port_delete, opts_net_port, "remove a network port",
      "Delete a port of a network.", 0 },
    { "net-port-dumpxml", cmd_net_port_dumpxml, opts_net_port_dumpxml, "show a port's XML",
      "Print the XML description of a network port.", 0 },
    { "net-port-list", cmd_net_port_list, opts_net_port_list, "list a network's ports",
      "List the ports of a network by UUID.", 0 },
    { "net-start", cmd_net_start, opts_net_only, "start a defined network",
      "Start an inactive persistent network.", 0 },
    { "net-undefine", cmd_net_undefine, opts_net_only, "remove a network's definition",
      "Remove the persistent definition of a network.", 0 },
    { "net-update", cmd_net_update, opts_net_update, "change part of a network",
      "Add, delete or modify one element of a network's configuration.", 0 },
    { "net-uuid", cmd_net_uuid, opts_net_only, "print a network's UUID",
      "Print the UUID of a network given by name.", 0 },
    { NULL }
};

const VshCmdGroup vsh_group_network = { "Networking", "network", { cmds_network } };
