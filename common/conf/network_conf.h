/* common/conf/network_conf.h: the <network> XML model (libvirt's network
 * format as of 9.0). Runtime choices the network driver makes (bridge name
 * allocation, a random bridge MAC) are not done here. */
#pragma once

#include <stdbool.h>
#include <glib.h>

#include "common/conf/netdev_conf.h"
#include "common/conf/xmlmap.h"
#include "common/util/enumstr.h"

#define NET_DNSMASQ_NS "http://libvirt.org/schemas/network/dnsmasq/1.0"

typedef enum {
    NET_FORWARD_NONE,
    NET_FORWARD_NAT,
    NET_FORWARD_ROUTE,
    NET_FORWARD_OPEN,
    NET_FORWARD_BRIDGE,
    NET_FORWARD_PRIVATE,
    NET_FORWARD_VEPA,
    NET_FORWARD_PASSTHROUGH,
    NET_FORWARD_HOSTDEV,
    NET_FORWARD_LAST
} NetForwardMode;
ENUM_STRINGS_DECL(net_forward_mode);

typedef enum {
    NET_FORWARD_DRIVER_DEFAULT,
    NET_FORWARD_DRIVER_KVM,
    NET_FORWARD_DRIVER_VFIO,
    NET_FORWARD_DRIVER_LAST
} NetForwardDriver;
ENUM_STRINGS_DECL(net_forward_driver);

typedef enum {
    NET_MAC_TABLE_DEFAULT,
    NET_MAC_TABLE_KERNEL,
    NET_MAC_TABLE_LIBVIRT,
    NET_MAC_TABLE_LAST
} NetMacTableManager;
ENUM_STRINGS_DECL(net_mac_table_manager);

typedef enum {
    NET_LEASE_UNIT_NONE,            /* expiry='0': infinite, no unit printed */
    NET_LEASE_UNIT_SECONDS,
    NET_LEASE_UNIT_MINUTES,
    NET_LEASE_UNIT_HOURS,
    NET_LEASE_UNIT_LAST
} NetLeaseUnit;
ENUM_STRINGS_DECL(net_lease_unit);

typedef enum {
    NET_FORWARD_ADDR_NONE,
    NET_FORWARD_ADDR_PCI,
    NET_FORWARD_ADDR_LAST
} NetForwardAddrType;
ENUM_STRINGS_DECL(net_forward_addr_type);

typedef struct {
    unsigned long long expiry;      /* 0 = infinite */
    int unit;                       /* NetLeaseUnit; minutes when not given */
} NetDhcpLease;

typedef struct {
    IpAddr start;
    IpAddr end;
    NetDhcpLease *lease;
} NetDhcpRange;

typedef struct {
    char *mac;                      /* kept as written, like libvirt */
    char *id;                       /* DHCPv6 DUID */
    char *name;
    IpAddr ip;
    NetDhcpLease *lease;
} NetDhcpHost;

typedef struct {
    NetDhcpRange *ranges;
    size_t nranges;
    NetDhcpHost *hosts;
    size_t nhosts;
    char *bootp_file;               /* IPv4 only, and only with ranges or hosts */
    IpAddr bootp_server;
} NetDhcp;

typedef struct {
    int family;                     /* IpFamily */
    IpAddr address;
    IpAddr netmask;
    unsigned int prefix;            /* 0 = not given */
    int local_ptr;                  /* XML_TRISTATE_* */
    char *tftp_root;                /* IPv4 only */
    NetDhcp dhcp;
} NetIpDef;

typedef struct {
    IpAddr addr;
    char *domain;
} NetDnsForwarder;

typedef struct {
    char *name;
    char *value;
} NetDnsTxt;

typedef struct {
    char *service;
    char *protocol;
    char *domain;
    char *target;
    unsigned int port;
    unsigned int priority;
    unsigned int weight;
    bool port_seen;
    bool priority_seen;
    bool weight_seen;
} NetDnsSrv;

typedef struct {
    IpAddr ip;
    char **hostnames;
    size_t nhostnames;
} NetDnsHost;

typedef struct {
    int enable;                     /* XML_TRISTATE_* */
    int forward_plain_names;        /* XML_TRISTATE_* */
    NetDnsForwarder *forwarders;
    size_t nforwarders;
    NetDnsTxt *txts;
    size_t ntxts;
    NetDnsSrv *srvs;
    size_t nsrvs;
    NetDnsHost *hosts;
    size_t nhosts;
} NetDns;

typedef struct {
    char *dev;
    unsigned int connections;       /* live only */
} NetForwardIface;

typedef struct {
    int type;                       /* NetForwardAddrType (pci) */
    PciAddr addr;
    unsigned int connections;       /* live only */
} NetForwardPci;

typedef struct {
    char *dev;
} NetForwardPf;

typedef struct {
    int mode;                       /* NetForwardMode; nat when <forward> has none */
    bool mode_seen;
    char *dev;                      /* first interface's dev, kept in sync by post_parse */
    bool managed;                   /* hostdev mode */
    int driver_name;                /* NetForwardDriver */
    int nat_ipv6;                   /* XML_TRISTATE_* */
    IpAddr nat_start;
    IpAddr nat_end;
    bool nat_addr_seen;
    unsigned int port_start;
    unsigned int port_end;
    bool nat_seen;
    NetForwardPf *pfs;
    size_t npfs;
    NetForwardIface *ifaces;
    size_t nifaces;
    NetForwardPci *addrs;
    size_t naddrs;
} NetForward;

typedef struct {
    char *name;
    bool is_default;
    int trust_guest_rx_filters;     /* XML_TRISTATE_* */
    VlanDef *vlan;
    VirtPortDef *virtualport;
    BandwidthDef bandwidth;
} NetPortGroup;

typedef struct {
    char *value;
} NetDnsmasqOption;

typedef struct {
    char *name;
    unsigned char uuid[16];
    unsigned int connections;       /* live only */
    bool ipv6nogw;                  /* ipv6='yes' */
    int trust_guest_rx_filters;     /* XML_TRISTATE_* */
    xmlNode *metadata;
    NetForward forward;
    char *bridge;
    char *bridge_zone;
    int stp;                        /* XML_TRISTATE_* (on/off); on by default */
    bool stp_seen;
    unsigned long delay;
    int mac_table_manager;          /* NetMacTableManager */
    unsigned int mtu;
    unsigned char mac[XML_MAC_LEN];
    char *domain;
    int domain_local_only;          /* XML_TRISTATE_* */
    NetDns dns;
    VlanDef *vlan;
    BandwidthDef bandwidth;
    int isolated_port;              /* XML_TRISTATE_* */
    NetIpDef *ips;
    size_t nips;
    IpRoute *routes;
    size_t nroutes;
    VirtPortDef *virtualport;
    NetPortGroup *portgroups;
    size_t nportgroups;
    NetDnsmasqOption *dnsmasq_options;
    size_t ndnsmasq_options;
} NetDef;

extern const XmlSchema net_def_schema;

NetDef *net_def_parse_string(const char *xml, unsigned int flags);
char *net_def_format(const NetDef *def, unsigned int flags);
void net_def_free(NetDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(NetDef, net_def_free)

/**
 * net_def_validate_vlans() - the network driver's rule for <vlan>
 * @def: definition
 *
 * Tagging needs a switch that can do it: forward mode hostdev or
 * passthrough, or a bridge with an openvswitch virtualport. This is a rule
 * of the host's network driver (libvirt checks it when a network is
 * defined or started there), not of the XML: the test driver accepts such
 * networks, as libvirt's does.
 *
 * Return: 0, or -1 with VIR_ERR_CONFIG_UNSUPPORTED reported.
 */
int net_def_validate_vlans(const NetDef *def);

/* Prefix length of @ip (from prefix, netmask or address class); -1 if none. */
int net_ip_prefix(const NetIpDef *ip);
/* Find a portgroup by name, or the default one when @name is NULL. */
NetPortGroup *net_def_find_portgroup(const NetDef *def, const char *name);
