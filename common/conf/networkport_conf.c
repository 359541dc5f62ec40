/* common/conf/networkport_conf.c: table for libvirt's <networkport> XML
 * (the network driver's per-connection record). Layout follows libvirt 9.0. */
#include "config.h"

#define ERR_DOMAIN VIR_FROM_NETWORK
#include "common/util/err.h"
#include "common/conf/network_conf.h"
#include "common/conf/networkport_conf.h"

ENUM_STRINGS(net_port_plug_type, NET_PORT_PLUG_LAST,
             "none", "network", "bridge", "direct", "hostdev-pci");
ENUM_STRINGS(macvlan_mode, MACVLAN_MODE_LAST, "vepa", "private", "bridge", "passthrough");

static const XmlField owner_fields[] = {
    XML_TEXT(NetPortDef, owner_name, "name", string, XF_REQUIRED),
    XML_TEXT(NetPortDef, owner_uuid, "uuid", uuid, XF_REQUIRED),
    XML_END
};
static XML_SCHEMA(owner, NetPortDef, "owner", owner_fields);

static const XmlField mac_fields[] = {
    XML_ATTR(NetPortDef, mac, "address", mac, XF_REQUIRED),
    XML_END
};
static XML_SCHEMA(mac, NetPortDef, "mac", mac_fields);

static const XmlField port_fields[] = {
    XML_ATTR(NetPortDef, isolated_port, "isolated", tristate, 0),
    XML_END
};
static XML_SCHEMA(port, NetPortDef, "port", port_fields);

static const XmlField rxfilters_fields[] = {
    XML_ATTR(NetPortDef, trust_guest_rx_filters, "trustGuest", tristate, 0),
    XML_END
};
static XML_SCHEMA(rxfilters, NetPortDef, "rxfilters", rxfilters_fields);

static const XmlField plug_bridge_fields[] = {
    XML_ATTR(NetPortDef, plug_bridge, "bridge", string, XF_REQUIRED),
    XML_ATTR_ENUM(NetPortDef, plug_mac_table_manager, "macTableManager",
                  net_mac_table_manager, 0, .min = 1),
    XML_END
};
static XML_SCHEMA(plug_bridge, NetPortDef, "plug", plug_bridge_fields);

static const XmlField plug_direct_fields[] = {
    XML_ATTR(NetPortDef, plug_dev, "dev", string, XF_REQUIRED),
    XML_ATTR_ENUM(NetPortDef, plug_mode, "mode", macvlan_mode, 0),
    XML_END
};
static XML_SCHEMA(plug_direct, NetPortDef, "plug", plug_direct_fields);

static const XmlField plug_driver_fields[] = {
    XML_ATTR_ENUM(NetPortDef, plug_driver, "name", net_forward_driver, XF_REQUIRED, .min = 1),
    XML_END
};
static XML_SCHEMA(plug_driver, NetPortDef, "driver", plug_driver_fields);

static const XmlField plug_addr_fields[] = {
    PCI_ADDR_FIELDS(NetPortDef, plug_addr),
    XML_END
};
static XML_SCHEMA(plug_addr, NetPortDef, "address", plug_addr_fields);

static const XmlField plug_hostdev_fields[] = {
    XML_ATTR(NetPortDef, plug_managed, "managed", tristate, 0),
    XML_GROUP(&plug_driver_schema, 0),
    XML_GROUP(&plug_addr_schema, XF_REQUIRED | XF_KEEP_EMPTY),
    XML_END
};
static XML_SCHEMA(plug_hostdev, NetPortDef, "plug", plug_hostdev_fields);

static const XmlUnionCase plug_cases[] = {
    XML_CASE_SAME(NET_PORT_PLUG_NETWORK, &plug_bridge_schema),
    XML_CASE_SAME(NET_PORT_PLUG_BRIDGE, &plug_bridge_schema),
    XML_CASE_SAME(NET_PORT_PLUG_DIRECT, &plug_direct_schema),
    XML_CASE_SAME(NET_PORT_PLUG_HOSTDEV_PCI, &plug_hostdev_schema),
};

static const XmlField plug_fields[] = {
    XML_UNION(NetPortDef, plug_type, "type", net_port_plug_type, plug_cases, 0, .min = 1),
    XML_END
};
static XML_SCHEMA(plug, NetPortDef, "plug", plug_fields);

static const XmlField port_def_fields[] = {
    XML_TEXT(NetPortDef, uuid, "uuid", uuid, XF_REQUIRED),
    XML_GROUP(&owner_schema, XF_REQUIRED),
    XML_TEXT(NetPortDef, group, "group", string, 0),
    XML_GROUP(&mac_schema, XF_REQUIRED),
    XML_CHILD(NetPortDef, virtualport, &virt_port_schema, 0),
    XML_EMBED(NetPortDef, bandwidth, &bandwidth_schema, 0),
    XML_CHILD(NetPortDef, vlan, &vlan_schema, 0),
    XML_GROUP(&port_schema, 0),
    XML_GROUP(&rxfilters_schema, 0),
    XML_GROUP(&plug_schema, 0),
    XML_END
};

XML_SCHEMA(net_port_def, NetPortDef, "networkport", port_def_fields,
           .domain = VIR_FROM_NETWORK, .doc_label = "(networkport_definition)");

/**
 * net_port_def_parse_string() - parse network port XML
 * @xml: document text
 * @flags: XMLMAP_PARSE_*
 *
 * Return: the port, or NULL with an error reported.
 */
NetPortDef *
net_port_def_parse_string(const char *xml, unsigned int flags)
{
    void *def = NULL;

    if (xmlmap_parse_string(&net_port_def_schema, xml, &def, flags) < 0)
        return NULL;
    return def;
}

/**
 * net_port_def_format() - format a network port
 * @def: port
 * @flags: XMLMAP_FORMAT_*
 *
 * Return: the XML text (caller frees).
 */
char *
net_port_def_format(const NetPortDef *def, unsigned int flags)
{
    return xmlmap_format(&net_port_def_schema, def, flags);
}

/**
 * net_port_def_free() - free a network port
 * @def: port, may be NULL
 */
void
net_port_def_free(NetPortDef *def)
{
    xmlmap_free(&net_port_def_schema, def);
}
