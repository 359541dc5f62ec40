/* common/conf/domain/interface.h: <interface> in all its types, including
 * type='hostdev' (an SR-IOV VF or USB network device passed through, with
 * the interface's MAC and port profile). */
#pragma once

#include <stdbool.h>
#include <glib.h>

#include "common/conf/xmlmap.h"
#include "common/conf/netdev_conf.h"
#include "common/conf/domain/devices.h"
#include "common/conf/domain/address.h"
#include "common/conf/domain/hostdev.h"

typedef enum {
    NET_TYPE_USER,
    NET_TYPE_ETHERNET,
    NET_TYPE_VHOSTUSER,
    NET_TYPE_SERVER,
    NET_TYPE_CLIENT,
    NET_TYPE_MCAST,
    NET_TYPE_NETWORK,
    NET_TYPE_BRIDGE,
    NET_TYPE_INTERNAL,
    NET_TYPE_DIRECT,
    NET_TYPE_HOSTDEV,
    NET_TYPE_UDP,
    NET_TYPE_VDPA,
    NET_TYPE_NULL,
    NET_TYPE_VDS,
    NET_TYPE_LAST
} NetType;
ENUM_STRINGS_DECL(net_type);

/* What names the host device behind <interface type='hostdev'>. */
typedef enum {
    NET_HOSTDEV_ADDR_NONE,      /* USB by <vendor>/<product> */
    NET_HOSTDEV_ADDR_PCI,
    NET_HOSTDEV_ADDR_USB,
    NET_HOSTDEV_ADDR_LAST
} NetHostdevAddrType;

typedef struct {
    unsigned int start;
    unsigned int end;
    unsigned int to;
    int exclude;                /* XML_TRISTATE_* */
} DomainNetPortRange;

typedef struct {
    int proto;                  /* tcp, udp */
    IpAddr address;
    char *dev;
    DomainNetPortRange *ranges;
    size_t nranges;
} DomainNetPortForward;

typedef struct {
    char *name;
    char *value;
} DomainNetFilterParam;

typedef struct {
    char *filter;
    DomainNetFilterParam *params;
    size_t nparams;
} DomainNetFilterRef;

struct DomainNet {
    int type;                   /* NetType */
    int trust_guest_rx_filters; /* XML_TRISTATE_* */
    /* <mac> */
    unsigned char mac[XML_MAC_LEN];
    int mac_type;               /* default, generated, static */
    int mac_check;              /* XML_TRISTATE_* */
    /* <source>, by type */
    char *src_network;
    char *src_portgroup;
    unsigned char src_portid[16];
    char *src_bridge;
    int mac_table_manager;      /* default, kernel, libvirt */
    char *src_dev;              /* direct, user, vdpa */
    int direct_mode;            /* vepa (default), private, bridge, passthrough */
    char *src_name;             /* internal */
    char *src_type;             /* vhostuser: "unix" */
    char *src_path;
    int src_mode;               /* vhostuser: default, server, client */
    int reconnect_enabled;      /* XML_TRISTATE_* */
    unsigned int reconnect_timeout;
    IpAddr src_address;         /* server, client, mcast, udp */
    unsigned int src_port;
    IpAddr local_address;       /* udp */
    unsigned int local_port;
    DomainIp *src_ips;          /* ethernet: host side */
    size_t nsrc_ips;
    IpRoute *src_routes;
    size_t nsrc_routes;
    unsigned char vds_switchid[16];
    int vds_portid;
    bool has_vds_portid;
    char *vds_portgroupid;
    int vds_connectionid;
    bool has_vds_connectionid;
    /* type='hostdev' */
    bool hostdev_managed;       /* written only when yes */
    int hostdev_driver;         /* default, kvm, vfio, xen */
    int hostdev_missing;        /* XML_TRISTATE_* */
    int hostdev_addr_type;      /* NetHostdevAddrType */
    PciAddr hostdev_pci;
    DomainUsbSource hostdev_usb;
    /* common */
    VlanDef *vlan;
    VirtPortDef *virtualport;
    BandwidthDef *bandwidth;
    int port_isolated;          /* XML_TRISTATE_* */
    DomainIp *ips;              /* guest side */
    size_t nips;
    IpRoute *routes;
    size_t nroutes;
    DomainNetPortForward *port_forwards;
    size_t nport_forwards;
    char *script;
    char *downscript;
    char *backend_domain;
    char *ifname;               /* <target dev=> */
    int ifname_managed;         /* XML_TRISTATE_* */
    char *guest_dev;
    char *guest_actual;
    char *model;
    /* <driver> of the emulated NIC */
    char *driver_name;          /* qemu, vhost */
    int txmode;                 /* default, iothread, timer */
    int ioeventfd;              /* XML_TRISTATE_* (on/off) ... */
    int event_idx;
    unsigned int queues;
    unsigned int rx_queue_size;
    unsigned int tx_queue_size;
    int rss;
    int rss_hash_report;
    DomainVirtioOpts virtio;
    int host_csum, host_gso, host_tso4, host_tso6, host_ecn, host_ufo, host_mrg_rxbuf;
    int guest_csum, guest_tso4, guest_tso6, guest_ecn, guest_ufo;
    char *backend_tap;
    char *backend_vhost;
    DomainNetFilterRef *filterref;
    unsigned long long sndbuf;
    bool has_sndbuf;
    int teaming_type;           /* none, persistent, transient */
    char *teaming_persistent;
    int link_state;             /* default, up, down */
    unsigned int mtu;
    unsigned int coalesce_rx_frames;
    bool has_coalesce_rx_frames;
    DomainDeviceInfo info;
};

extern const XmlSchema domain_net_schema;

/**
 * domain_net_hostdev_is_usb() - whether an interface passes a USB device
 * @net: the interface
 *
 * A <source> naming the device by <vendor>/<product> implies USB, as does a
 * source <address type='usb'>.
 *
 * Return: true for type='hostdev' interfaces backed by a USB device.
 */
bool domain_net_hostdev_is_usb(const DomainNet *net);
