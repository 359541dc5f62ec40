/* common/conf/networkport_conf.h: the <networkport> XML model: one guest
 * interface's connection to a virtual network, as the network driver sees it. */
#pragma once

#include <stdbool.h>
#include <glib.h>

#include "common/conf/netdev_conf.h"
#include "common/conf/xmlmap.h"
#include "common/util/enumstr.h"

typedef enum {
    NET_PORT_PLUG_NONE,
    NET_PORT_PLUG_NETWORK,
    NET_PORT_PLUG_BRIDGE,
    NET_PORT_PLUG_DIRECT,
    NET_PORT_PLUG_HOSTDEV_PCI,
    NET_PORT_PLUG_LAST
} NetPortPlugType;
ENUM_STRINGS_DECL(net_port_plug_type);

typedef enum {
    MACVLAN_MODE_VEPA,
    MACVLAN_MODE_PRIVATE,
    MACVLAN_MODE_BRIDGE,
    MACVLAN_MODE_PASSTHROUGH,
    MACVLAN_MODE_LAST
} MacvlanMode;
ENUM_STRINGS_DECL(macvlan_mode);

typedef struct {
    unsigned char uuid[16];
    char *owner_name;
    unsigned char owner_uuid[16];
    char *group;                    /* portgroup name */
    unsigned char mac[XML_MAC_LEN];
    VirtPortDef *virtualport;
    BandwidthDef bandwidth;         /* floor and classID allowed */
    VlanDef *vlan;
    int isolated_port;              /* XML_TRISTATE_* */
    int trust_guest_rx_filters;     /* XML_TRISTATE_* */
    int plug_type;                  /* NetPortPlugType; the plug_* members of
                                     * other types stay unset */
    char *plug_bridge;              /* network, bridge */
    int plug_mac_table_manager;     /* network, bridge: NetMacTableManager values */
    char *plug_dev;                 /* direct */
    int plug_mode;                  /* direct: MacvlanMode */
    int plug_managed;               /* hostdev-pci: XML_TRISTATE_* */
    int plug_driver;                /* hostdev-pci: NetForwardDriver values */
    PciAddr plug_addr;              /* hostdev-pci */
} NetPortDef;

extern const XmlSchema net_port_def_schema;

NetPortDef *net_port_def_parse_string(const char *xml, unsigned int flags);
char *net_port_def_format(const NetPortDef *def, unsigned int flags);
void net_port_def_free(NetPortDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(NetPortDef, net_port_def_free)
