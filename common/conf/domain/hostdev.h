/* common/conf/domain/hostdev.h: <hostdev> (host PCI/USB/SCSI/mediated
 * devices handed to the guest, and for containers host block/char/net
 * devices), <redirdev>, <redirfilter> and <smartcard>. */
#pragma once

#include <stdbool.h>
#include <glib.h>

#include "common/conf/xmlmap.h"
#include "common/conf/netdev_conf.h"
#include "common/conf/domain/devices.h"
#include "common/conf/domain/address.h"
#include "common/conf/domain/disk.h"

typedef enum {
    HOSTDEV_MODE_SUBSYS,
    HOSTDEV_MODE_CAPS,
    HOSTDEV_MODE_LAST
} HostdevMode;
ENUM_STRINGS_DECL(hostdev_mode);

typedef enum {
    HOSTDEV_SUBSYS_USB,
    HOSTDEV_SUBSYS_PCI,
    HOSTDEV_SUBSYS_SCSI,
    HOSTDEV_SUBSYS_SCSI_HOST,
    HOSTDEV_SUBSYS_MDEV,
    HOSTDEV_SUBSYS_LAST
} HostdevSubsysType;
ENUM_STRINGS_DECL(hostdev_subsys_type);

typedef enum {
    HOSTDEV_CAPS_STORAGE,
    HOSTDEV_CAPS_MISC,
    HOSTDEV_CAPS_NET,
    HOSTDEV_CAPS_LAST
} HostdevCapsType;
ENUM_STRINGS_DECL(hostdev_caps_type);

typedef enum {
    MDEV_MODEL_NONE,
    MDEV_MODEL_VFIO_PCI,
    MDEV_MODEL_VFIO_CCW,
    MDEV_MODEL_VFIO_AP,
    MDEV_MODEL_LAST
} MdevModel;
ENUM_STRINGS_DECL(mdev_model);

/* <ip address= family= prefix= peer=/> of container interfaces */
typedef struct {
    IpAddr address;
    int family;                 /* IpFamily */
    unsigned int prefix;
    bool has_prefix;
    IpAddr peer;
} DomainIp;
extern const XmlSchema domain_ip_schema;

/* A USB device picked by vendor/product and/or host bus/device. */
typedef struct {
    unsigned int vendor;
    bool has_vendor;
    unsigned int product;
    bool has_product;
    unsigned int bus;
    unsigned int device;
    bool has_address;
} DomainUsbSource;

typedef struct {
    char *name;
    unsigned int port;
} DomainHostdevHost;

struct DomainHostdev {
    int mode;                   /* HostdevMode */
    int type;                   /* HostdevSubsysType */
    int caps_type;              /* HostdevCapsType */
    bool managed;
    int sgio;                   /* default, filtered, unfiltered */
    int rawio;                  /* XML_TRISTATE_* */
    int host_model;             /* scsi_host: default, virtio, ... */
    int mdev_model;             /* MdevModel */
    int display;                /* XML_TRISTATE_* (on/off) */
    int ramfb;
    /* pci */
    int driver_name;            /* default, kvm, vfio, xen */
    int write_filtering;        /* XML_TRISTATE_* */
    PciAddr pci;
    int teaming_type;           /* none, persistent, transient */
    char *teaming_persistent;
    /* usb */
    int startup_policy;         /* default, mandatory, requisite, optional */
    int guest_reset;            /* default, off, uninitialized, on */
    DomainUsbSource usb;
    /* scsi */
    int scsi_protocol;          /* adapter (default), iscsi */
    char *iscsi_name;
    DomainHostdevHost *hosts;
    size_t nhosts;
    DomainDiskAuth *auth;
    char *initiator_iqn;
    char *adapter;
    unsigned int scsi_bus;
    unsigned int scsi_target;
    unsigned long long scsi_unit;
    bool has_scsi_addr;
    /* scsi_host */
    int vhost_protocol;         /* none, vhost */
    char *wwpn;
    /* mdev */
    unsigned char mdev_uuid[16];
    /* capabilities */
    char *caps_block;
    char *caps_char;
    char *caps_iface;
    DomainIp *ips;
    size_t nips;
    IpRoute *routes;
    size_t nroutes;
    bool readonly;
    bool shareable;
    DomainDeviceInfo info;
};

extern const XmlSchema domain_hostdev_schema;

/* <vendor id=> and <product id=> of a DomainUsbSource, for <interface
 * type='hostdev'> and <redirfilter>-less USB sources. */
extern const XmlSchema domain_usb_vendor_schema;
extern const XmlSchema domain_usb_product_schema;

/**
 * domain_devices_count_mdev() - count mediated host devices of one model
 * @devs: the devices
 * @model: MdevModel
 *
 * Return: how many <hostdev type='mdev'> entries use @model.
 */
size_t domain_devices_count_mdev(const DomainDevices *devs, int model);
