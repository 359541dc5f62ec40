/* common/conf/interface_conf.h: the host interface <interface> XML model
 * (libvirt's interface format: ethernet, bridge, bond and vlan devices, their
 * start mode, MTU, link and IP protocol settings). Subordinate interfaces of a
 * bridge or bond use the same struct but carry no start/mtu/protocol. */
#pragma once

#include <stdbool.h>
#include <glib.h>

#include "common/conf/xmlmap.h"
#include "common/util/enumstr.h"

typedef enum {
    IFACE_ETHERNET,
    IFACE_BRIDGE,
    IFACE_BOND,
    IFACE_VLAN,
    IFACE_LAST
} IfaceType;
ENUM_STRINGS_DECL(iface_type);

typedef enum {
    IFACE_START_UNSPECIFIED,
    IFACE_START_NONE,
    IFACE_START_ONBOOT,
    IFACE_START_HOTPLUG,
    IFACE_START_LAST
} IfaceStartMode;
ENUM_STRINGS_DECL(iface_start_mode);

typedef enum {
    IFACE_BOND_MODE_NONE,
    IFACE_BOND_MODE_BALANCE_RR,
    IFACE_BOND_MODE_ACTIVE_BACKUP,
    IFACE_BOND_MODE_BALANCE_XOR,
    IFACE_BOND_MODE_BROADCAST,
    IFACE_BOND_MODE_8023AD,
    IFACE_BOND_MODE_BALANCE_TLB,
    IFACE_BOND_MODE_BALANCE_ALB,
    IFACE_BOND_MODE_LAST
} IfaceBondMode;
ENUM_STRINGS_DECL(iface_bond_mode);

typedef enum {
    IFACE_MII_CARRIER_NONE,
    IFACE_MII_CARRIER_IOCTL,
    IFACE_MII_CARRIER_NETIF,
    IFACE_MII_CARRIER_LAST
} IfaceMiiCarrier;
ENUM_STRINGS_DECL(iface_mii_carrier);

typedef enum {
    IFACE_ARP_VALIDATE_NONE,
    IFACE_ARP_VALIDATE_ACTIVE,
    IFACE_ARP_VALIDATE_BACKUP,
    IFACE_ARP_VALIDATE_ALL,
    IFACE_ARP_VALIDATE_LAST
} IfaceArpValidate;
ENUM_STRINGS_DECL(iface_arp_validate);

typedef struct {
    char *address;                  /* kept as written; NULL entries are skipped */
    int prefix;                     /* 0 = not given */
} IfaceIp;

typedef struct {
    char *family;                   /* "ipv4" or "ipv6" */
    bool autoconf;                  /* ipv6 only */
    bool dhcp;
    int peerdns;                    /* XML_TRISTATE_* */
    IfaceIp *ips;
    size_t nips;
    char *gateway;                  /* <route gateway=>, the first one */
} IfaceProto;

typedef struct IfaceDef IfaceDef;
struct IfaceDef {
    int type;                       /* IfaceType */
    char *name;
    int start_mode;                 /* IfaceStartMode; top level only */
    unsigned int mtu;               /* top level only, 0 = not given */
    IfaceProto *protos;             /* top level only */
    size_t nprotos;
    unsigned int link_speed;        /* not for bridges */
    int link_state;                 /* NodeDevLinkState values */
    char *mac;                      /* ethernet */
    /* bridge */
    bool has_bridge;                /* <bridge> was given (parse only) */
    int stp;                        /* XML_TRISTATE_* (on/off) */
    char *delay;                    /* seconds, kept as written */
    IfaceDef *bridge_ifaces;
    size_t nbridge_ifaces;
    /* bond */
    bool has_bond;                  /* <bond> was given (parse only) */
    int bond_mode;                  /* IfaceBondMode */
    bool has_miimon;
    int mii_freq;
    int mii_downdelay;
    int mii_updelay;
    int mii_carrier;                /* IfaceMiiCarrier */
    bool has_arpmon;
    int arp_interval;
    char *arp_target;
    int arp_validate;               /* IfaceArpValidate */
    IfaceDef *bond_ifaces;
    size_t nbond_ifaces;
    /* vlan */
    bool has_vlan;                  /* <vlan> was given (parse only) */
    char *vlan_tag;
    char *vlan_dev;
};

extern const XmlSchema iface_def_schema;

IfaceDef *iface_def_parse_string(const char *xml, unsigned int flags);
IfaceDef *iface_def_parse_node(xmlNode *node, unsigned int flags);
char *iface_def_format(const IfaceDef *def, unsigned int flags);
IfaceDef *iface_def_copy(const IfaceDef *def);
void iface_def_free(IfaceDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(IfaceDef, iface_def_free)
