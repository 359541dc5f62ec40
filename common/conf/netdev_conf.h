/* common/conf/netdev_conf.h: XML pieces shared by the network, network port
 * and domain interface formats: <virtualport>, <bandwidth>, <vlan>, <route>
 * and PCI addresses. Each comes as a struct plus schemas to embed with
 * XML_CHILD/XML_EMBED. */
#pragma once

#include <stdbool.h>
#include <glib.h>

#include "common/conf/xmlmap.h"
#include "common/util/enumstr.h"

/* ---- <virtualport> ------------------------------------------------------- */

typedef enum {
    VIRT_PORT_NONE,
    VIRT_PORT_8021QBG,
    VIRT_PORT_8021QBH,
    VIRT_PORT_OPENVSWITCH,
    VIRT_PORT_MIDONET,
    VIRT_PORT_LAST
} VirtPortType;
ENUM_STRINGS_DECL(virt_port_type);

typedef struct {
    int type;                       /* VirtPortType */
    unsigned int manager_id;        /* 802.1Qbg, 0-255 */
    bool manager_id_set;
    unsigned int type_id;           /* 802.1Qbg, 24 bits */
    bool type_id_set;
    unsigned int type_id_version;   /* 802.1Qbg, 0-255 */
    bool type_id_version_set;
    unsigned char instance_id[16];  /* 802.1Qbg */
    unsigned char interface_id[16]; /* openvswitch, midonet */
    char *profile_id;               /* 802.1Qbh, openvswitch; at most 39 chars */
} VirtPortDef;

/* type optional (portgroups, domain interfaces) */
extern const XmlSchema virt_port_schema;
/* type required (a network's own <virtualport>) */
extern const XmlSchema virt_port_typed_schema;

/* ---- <bandwidth> --------------------------------------------------------- */

typedef struct {
    unsigned long long average;     /* kbytes/s */
    unsigned long long peak;
    unsigned long long floor;       /* inbound only, where the context allows it */
    unsigned long long burst;       /* kbytes */
} BandwidthRate;

typedef struct {
    BandwidthRate *in;
    BandwidthRate *out;
    unsigned int class_id;          /* network ports only */
} BandwidthDef;

/* floor and classID allowed (network ports, domain interfaces) */
extern const XmlSchema bandwidth_schema;
/* neither floor nor classID (networks and their portgroups) */
extern const XmlSchema bandwidth_plain_schema;

/* ---- <vlan> ---------------------------------------------------------------- */

typedef enum {
    VLAN_NATIVE_DEFAULT,
    VLAN_NATIVE_TAGGED,
    VLAN_NATIVE_UNTAGGED,
    VLAN_NATIVE_LAST
} VlanNativeMode;
ENUM_STRINGS_DECL(vlan_native_mode);

typedef struct {
    unsigned int id;                /* 0-4095 */
    int native_mode;                /* VlanNativeMode */
} VlanTag;

typedef struct {
    int trunk;                      /* XML_TRISTATE_*; YES when more than one tag */
    VlanTag *tags;
    size_t ntags;
} VlanDef;

extern const XmlSchema vlan_schema;

/* ---- IP address families and static routes -------------------------------------- */

typedef enum {
    IP_FAMILY_DEFAULT,              /* not given: IPv4 */
    IP_FAMILY_IPV4,
    IP_FAMILY_IPV6,
    IP_FAMILY_LAST
} IpFamily;
ENUM_STRINGS_DECL(ip_family);

typedef struct {
    int family;                     /* IpFamily as written */
    IpAddr address;
    IpAddr netmask;
    unsigned int prefix;
    bool has_prefix;
    IpAddr gateway;
    unsigned int metric;
    bool has_metric;
} IpRoute;

extern const XmlSchema ip_route_schema;

/* Prefix length of @addr given a netmask and/or prefix: the prefix if set,
 * else the netmask's bit count, else the classful default (24 for IPv4 class
 * C, 64 for IPv6). Return -1 for an invalid netmask. */
int ip_prefix_of(const IpAddr *addr, const IpAddr *netmask, unsigned int prefix);
/* True when @a and @b are in the same network of @prefix bits. */
bool ip_same_network(const IpAddr *a, const IpAddr *b, int prefix);
/* Compare as numbers (same family required): <0, 0, >0. */
int ip_addr_compare(const IpAddr *a, const IpAddr *b);

/* ---- PCI addresses ----------------------------------------------------------------- */

typedef struct {
    unsigned int domain;            /* 0-0xffff */
    unsigned int bus;               /* 0-0xff */
    unsigned int slot;              /* 0-0x1f */
    unsigned int function;          /* 0-7 */
} PciAddr;

/* The four attributes of a PCI address, formatted like libvirt
 * (domain='0x0000' bus='0x00' slot='0x00' function='0x0'), for a PciAddr
 * member @m of struct @T. */
#define PCI_ADDR_FIELDS(T, m) \
    XML_ATTR(T, m.domain, "domain", uint, 0, .base = XML_BASE_C, .hex = 4, .max = 0xffff), \
    XML_ATTR(T, m.bus, "bus", uint, 0, .base = XML_BASE_C, .hex = 2, .max = 0xff), \
    XML_ATTR(T, m.slot, "slot", uint, 0, .base = XML_BASE_C, .hex = 2, .max = 0x1f), \
    XML_ATTR(T, m.function, "function", uint, 0, .base = XML_BASE_C, .hex = 1, .max = 7)

bool pci_addr_equal(const PciAddr *a, const PciAddr *b);

/* <address domain= bus= slot= function=/> on a PciAddr */
extern const XmlSchema pci_addr_schema;
