/* common/conf/interface_conf.c: tables and rules for libvirt's host
 * <interface> XML. The type attribute picks the layout; a top-level
 * interface adds start mode, MTU and IP protocols, which subordinate
 * interfaces (bridge ports, bond slaves) never carry. Output order follows
 * libvirt 9.0: start, mtu, protocols, link, then the type's own element. */
#include "config.h"

#include <string.h>

#define ERR_DOMAIN VIR_FROM_INTERFACE
#include "common/util/err.h"
#include "common/conf/interface_conf.h"
#include "common/conf/nodedev_conf.h"

ENUM_STRINGS(iface_type, IFACE_LAST, "ethernet", "bridge", "bond", "vlan");
ENUM_STRINGS(iface_start_mode, IFACE_START_LAST, "", "none", "onboot", "hotplug");
ENUM_STRINGS(iface_bond_mode, IFACE_BOND_MODE_LAST,
             "", "balance-rr", "active-backup", "balance-xor", "broadcast", "802.3ad",
             "balance-tlb", "balance-alb");
ENUM_STRINGS(iface_mii_carrier, IFACE_MII_CARRIER_LAST, "", "ioctl", "netif");
ENUM_STRINGS(iface_arp_validate, IFACE_ARP_VALIDATE_LAST, "none", "active", "backup", "all");

/* ---- <protocol> ------------------------------------------------------------ */

static const XmlField ip_fields[] = {
    XML_ATTR(IfaceIp, address, "address", string, 0),
    XML_ATTR(IfaceIp, prefix, "prefix", int, XF_OMIT_DEFAULT),
    XML_END
};
static XML_SCHEMA(if_ip, IfaceIp, "ip", ip_fields);

static const XmlField dhcp_fields[] = {
    XML_ATTR(IfaceProto, peerdns, "peerdns", tristate, 0),
    XML_END
};
static XML_SCHEMA(if_dhcp, IfaceProto, "dhcp", dhcp_fields);

static const XmlField route_fields[] = {
    XML_ATTR(IfaceProto, gateway, "gateway", string, 0),
    XML_END
};
static XML_SCHEMA(if_route, IfaceProto, "route", route_fields);

static const XmlField proto_fields[] = {
    XML_ATTR(IfaceProto, family, "family", string, 0),
    XML_PRESENCE(IfaceProto, autoconf, "autoconf", 0),
    XML_GROUP(&if_dhcp_schema, 0, XML_HAS(IfaceProto, dhcp)),
    XML_CHILDREN(IfaceProto, ips, nips, &if_ip_schema, 0),
    XML_GROUP(&if_route_schema, 0),
    XML_END
};

/* libvirt reads <autoconf/> for IPv6 only and forgets <ip> without an
 * address; do the same so the output matches. */
static void
proto_post_parse(void *obj)
{
    IfaceProto *p = obj;
    size_t kept = 0;

    if (!p->family || !g_str_equal(p->family, "ipv6"))
        p->autoconf = false;
    for (size_t i = 0; i < p->nips; i++) {
        if (p->ips[i].address)
            p->ips[kept++] = p->ips[i];
    }
    p->nips = kept;
}

static int
proto_validate(XmlCtx *ctx, const void *obj)
{
    const IfaceProto *p = obj;

    if (!p->family) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR, "protocol misses the family attribute");
        return -1;
    }
    if (!g_str_equal(p->family, "ipv4") && !g_str_equal(p->family, "ipv6")) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR, "unsupported protocol family '%s'", p->family);
        return -1;
    }
    return 0;
}

static XML_SCHEMA(if_proto, IfaceProto, "protocol", proto_fields,
                  .post_parse = proto_post_parse, .validate = proto_validate);

/* ---- pieces shared by the per-type layouts ----------------------------------- */

static const XmlField start_fields[] = {
    XML_ATTR_ENUM(IfaceDef, start_mode, "mode", iface_start_mode, 0, .min = 1),
    XML_END
};
static XML_SCHEMA(if_start, IfaceDef, "start", start_fields);

static const XmlField mtu_fields[] = {
    XML_ATTR(IfaceDef, mtu, "size", uint, XF_OMIT_DEFAULT, .max = 100000),
    XML_END
};
static XML_SCHEMA(if_mtu, IfaceDef, "mtu", mtu_fields);

static const XmlField link_fields[] = {
    XML_ATTR(IfaceDef, link_speed, "speed", uint, XF_OMIT_DEFAULT),
    XML_ATTR_ENUM(IfaceDef, link_state, "state", nodedev_link_state, 0, .min = 1),
    XML_END
};
static XML_SCHEMA(if_link, IfaceDef, "link", link_fields);

static const XmlField mac_fields[] = {
    XML_ATTR(IfaceDef, mac, "address", string, 0),
    XML_END
};
static XML_SCHEMA(if_mac, IfaceDef, "mac", mac_fields);

#define IFACE_NAME_FIELD XML_ATTR(IfaceDef, name, "name", string, 0)
#define IFACE_TOP_FIELDS \
    XML_GROUP(&if_start_schema, 0), \
    XML_GROUP(&if_mtu_schema, 0), \
    XML_CHILDREN(IfaceDef, protos, nprotos, &if_proto_schema, 0)
#define IFACE_LINK_FIELD XML_GROUP(&if_link_schema, 0)

/* Subordinate interfaces: a bridge port or bond slave. */
extern const XmlSchema sub_iface_schema;

/* ---- <bridge> -------------------------------------------------------------------- */

static const XmlField bridge_fields[] = {
    XML_ATTR(IfaceDef, stp, "stp", switch, 0),
    XML_ATTR(IfaceDef, delay, "delay", string, 0),
    XML_CHILDREN(IfaceDef, bridge_ifaces, nbridge_ifaces, &sub_iface_schema, 0),
    XML_END
};

static int
bridge_validate(XmlCtx *ctx, const void *obj)
{
    const IfaceDef *def = obj;

    for (size_t i = 0; i < def->nbridge_ifaces; i++) {
        if (def->bridge_ifaces[i].type == IFACE_BRIDGE) {
            xmlmap_report(ctx, VIR_ERR_XML_ERROR, "interface has unsupported type '%s'",
                          iface_type_to_string(IFACE_BRIDGE));
            return -1;
        }
    }
    return 0;
}

static XML_SCHEMA(if_bridge, IfaceDef, "bridge", bridge_fields,
                  .flags = XS_NO_SELF_CLOSE, .validate = bridge_validate);

/* ---- <bond> ---------------------------------------------------------------------- */

static const XmlField miimon_fields[] = {
    XML_ATTR(IfaceDef, mii_freq, "freq", int, XF_REQUIRED),
    XML_ATTR(IfaceDef, mii_downdelay, "downdelay", int, XF_OMIT_DEFAULT),
    XML_ATTR(IfaceDef, mii_updelay, "updelay", int, XF_OMIT_DEFAULT),
    XML_ATTR_ENUM(IfaceDef, mii_carrier, "carrier", iface_mii_carrier, 0, .min = 1),
    XML_END
};
static XML_SCHEMA(if_miimon, IfaceDef, "miimon", miimon_fields);

static const XmlField arpmon_fields[] = {
    XML_ATTR(IfaceDef, arp_interval, "interval", int, XF_REQUIRED),
    XML_ATTR(IfaceDef, arp_target, "target", string, XF_REQUIRED),
    XML_ATTR_ENUM(IfaceDef, arp_validate, "validate", iface_arp_validate, XF_OMIT_DEFAULT),
    XML_END
};
static XML_SCHEMA(if_arpmon, IfaceDef, "arpmon", arpmon_fields);

static const XmlField bond_fields[] = {
    XML_ATTR_ENUM(IfaceDef, bond_mode, "mode", iface_bond_mode, 0, .min = 1),
    XML_GROUP(&if_miimon_schema, 0, XML_HAS(IfaceDef, has_miimon)),
    XML_GROUP(&if_arpmon_schema, 0, XML_HAS(IfaceDef, has_arpmon)),
    XML_CHILDREN(IfaceDef, bond_ifaces, nbond_ifaces, &sub_iface_schema, 0),
    XML_END
};

/* With both monitors given, libvirt keeps MII monitoring only. */
static void
bond_post_parse(void *obj)
{
    IfaceDef *def = obj;

    if (def->has_miimon)
        def->has_arpmon = false;
}

static int
bond_validate(XmlCtx *ctx, const void *obj)
{
    const IfaceDef *def = obj;

    for (size_t i = 0; i < def->nbond_ifaces; i++) {
        int t = def->bond_ifaces[i].type;

        if (t != IFACE_ETHERNET) {
            xmlmap_report(ctx, VIR_ERR_XML_ERROR, "interface has unsupported type '%s'",
                          iface_type_to_string(t));
            return -1;
        }
    }
    return 0;
}

static XML_SCHEMA(if_bond, IfaceDef, "bond", bond_fields, .flags = XS_NO_SELF_CLOSE,
                  .post_parse = bond_post_parse, .validate = bond_validate);

/* ---- <vlan> ---------------------------------------------------------------------- */

static const XmlField vlan_dev_fields[] = {
    XML_ATTR(IfaceDef, vlan_dev, "name", string, 0),
    XML_END
};
static XML_SCHEMA(if_vlan_dev, IfaceDef, "interface", vlan_dev_fields);

static const XmlField vlan_fields[] = {
    XML_ATTR(IfaceDef, vlan_tag, "tag", string, 0),
    XML_GROUP(&if_vlan_dev_schema, 0),
    XML_END
};

static int
vlan_validate(XmlCtx *ctx, const void *obj)
{
    const IfaceDef *def = obj;

    if (def->type != IFACE_VLAN)
        return 0;
    if (!def->has_vlan) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR, "vlan interface misses the vlan element");
        return -1;
    }
    if (!def->vlan_tag) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR, "vlan interface misses the tag attribute");
        return -1;
    }
    if (!def->vlan_dev) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR, "vlan interface misses name attribute");
        return -1;
    }
    return 0;
}

static XML_SCHEMA(if_vlan, IfaceDef, "vlan", vlan_fields, .validate = vlan_validate);

/* ---- per-type layouts --------------------------------------------------------------- */

static const XmlField top_ethernet_fields[] = {
    IFACE_NAME_FIELD, IFACE_TOP_FIELDS, IFACE_LINK_FIELD,
    XML_GROUP(&if_mac_schema, 0),
    XML_END
};
static const XmlField top_bridge_fields[] = {
    IFACE_NAME_FIELD, IFACE_TOP_FIELDS,
    XML_GROUP(&if_bridge_schema, XF_KEEP_EMPTY, XML_SEEN(IfaceDef, has_bridge)),
    XML_END
};
static const XmlField top_bond_fields[] = {
    IFACE_NAME_FIELD, IFACE_TOP_FIELDS, IFACE_LINK_FIELD,
    XML_GROUP(&if_bond_schema, XF_KEEP_EMPTY, XML_SEEN(IfaceDef, has_bond)),
    XML_END
};
static const XmlField top_vlan_fields[] = {
    IFACE_NAME_FIELD, IFACE_TOP_FIELDS, IFACE_LINK_FIELD,
    XML_GROUP(&if_vlan_schema, 0, XML_SEEN(IfaceDef, has_vlan)),
    XML_END
};
static const XmlField sub_ethernet_fields[] = {
    IFACE_NAME_FIELD, IFACE_LINK_FIELD,
    XML_GROUP(&if_mac_schema, 0),
    XML_END
};
static const XmlField sub_bridge_fields[] = {
    IFACE_NAME_FIELD,
    XML_END
};
static const XmlField sub_bond_fields[] = {
    IFACE_NAME_FIELD, IFACE_LINK_FIELD,
    XML_GROUP(&if_bond_schema, XF_KEEP_EMPTY, XML_SEEN(IfaceDef, has_bond)),
    XML_END
};
static const XmlField sub_vlan_fields[] = {
    IFACE_NAME_FIELD, IFACE_LINK_FIELD,
    XML_GROUP(&if_vlan_schema, 0, XML_SEEN(IfaceDef, has_vlan)),
    XML_END
};

static XML_SCHEMA(if_top_ethernet, IfaceDef, "interface", top_ethernet_fields);
static XML_SCHEMA(if_top_bridge, IfaceDef, "interface", top_bridge_fields);
static XML_SCHEMA(if_top_bond, IfaceDef, "interface", top_bond_fields);
static XML_SCHEMA(if_top_vlan, IfaceDef, "interface", top_vlan_fields);
static XML_SCHEMA(if_sub_ethernet, IfaceDef, "interface", sub_ethernet_fields);
static XML_SCHEMA(if_sub_bridge, IfaceDef, "interface", sub_bridge_fields);
static XML_SCHEMA(if_sub_bond, IfaceDef, "interface", sub_bond_fields);
static XML_SCHEMA(if_sub_vlan, IfaceDef, "interface", sub_vlan_fields);

static const XmlUnionCase top_cases[] = {
    XML_CASE_SAME(IFACE_ETHERNET, &if_top_ethernet_schema),
    XML_CASE_SAME(IFACE_BRIDGE, &if_top_bridge_schema),
    XML_CASE_SAME(IFACE_BOND, &if_top_bond_schema),
    XML_CASE_SAME(IFACE_VLAN, &if_top_vlan_schema),
};

/* A bridge inside a bridge only gets its name read: bridge_validate refuses it. */
static const XmlUnionCase sub_cases[] = {
    XML_CASE_SAME(IFACE_ETHERNET, &if_sub_ethernet_schema),
    XML_CASE_SAME(IFACE_BRIDGE, &if_sub_bridge_schema),
    XML_CASE_SAME(IFACE_BOND, &if_sub_bond_schema),
    XML_CASE_SAME(IFACE_VLAN, &if_sub_vlan_schema),
};

static const XmlField top_fields[] = {
    XML_UNION(IfaceDef, type, "type", iface_type, top_cases, XF_REQUIRED),
    XML_END
};
static const XmlField sub_fields[] = {
    XML_UNION(IfaceDef, type, "type", iface_type, sub_cases, XF_REQUIRED),
    XML_END
};

/* The rules every interface element shares: a name, and the element its
 * type requires. */
static int
iface_validate(XmlCtx *ctx, const void *obj)
{
    const IfaceDef *def = obj;

    if (!def->name) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR, "interface has no name");
        return -1;
    }
    if (def->type == IFACE_BOND && !def->has_bond) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR, "bond interface misses the bond element");
        return -1;
    }
    return 0;
}

const XmlSchema sub_iface_schema = {
    .name = "interface", .size = sizeof(IfaceDef), .fields = sub_fields,
    .flags = XS_NO_SELF_CLOSE, .validate = iface_validate,
};

static int
iface_top_validate(XmlCtx *ctx, const void *obj)
{
    const IfaceDef *def = obj;

    if (iface_validate(ctx, obj) < 0)
        return -1;
    if (def->type == IFACE_BRIDGE && !def->has_bridge) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR, "bridge interface misses the bridge element");
        return -1;
    }
    return 0;
}

XML_SCHEMA(iface_def, IfaceDef, "interface", top_fields,
           .flags = XS_NO_SELF_CLOSE, .domain = VIR_FROM_INTERFACE,
           .doc_label = "(interface_definition)", .validate = iface_top_validate);

/**
 * iface_def_parse_string() - parse host interface XML
 * @xml: document text
 * @flags: XMLMAP_PARSE_* (STRICT for VIR_INTERFACE_DEFINE_VALIDATE)
 *
 * Return: the definition, or NULL with a libvirt-style error reported.
 */
IfaceDef *
iface_def_parse_string(const char *xml, unsigned int flags)
{
    void *def = NULL;

    if (xmlmap_parse_string(&iface_def_schema, xml, &def, flags) < 0)
        return NULL;
    return def;
}

/**
 * iface_def_parse_node() - parse an <interface> element of a larger document
 * @node: the element
 * @flags: XMLMAP_PARSE_*
 *
 * Return: the definition, or NULL with an error reported.
 */
IfaceDef *
iface_def_parse_node(xmlNode *node, unsigned int flags)
{
    void *def = NULL;

    if (xmlmap_parse_node(&iface_def_schema, node, &def, flags) < 0)
        return NULL;
    return def;
}

/**
 * iface_def_format() - format a host interface definition
 * @def: definition
 * @flags: XMLMAP_FORMAT_* (the format has no mode-dependent parts)
 *
 * Return: the XML text (caller frees).
 */
char *
iface_def_format(const IfaceDef *def, unsigned int flags)
{
    return xmlmap_format(&iface_def_schema, def, flags);
}

/**
 * iface_def_copy() - deep copy of a definition
 * @def: definition
 *
 * Return: the copy (NULL only if the model could not re-read its output).
 */
IfaceDef *
iface_def_copy(const IfaceDef *def)
{
    return xmlmap_copy(&iface_def_schema, def);
}

/**
 * iface_def_free() - free a host interface definition
 * @def: definition, may be NULL
 */
void
iface_def_free(IfaceDef *def)
{
    xmlmap_free(&iface_def_schema, def);
}
