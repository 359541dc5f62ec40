/* common/conf/nodedev_conf.h: the node device <device> XML model: a host
 * device and its capabilities (pci, usb, net, scsi, storage, drm, mdev, ccw,
 * css, vdpa, ap_*...). Mostly filled from sysfs by the node device driver;
 * parsed for nodedev-create/define and for tests. */
#pragma once

#include <stdbool.h>
#include <glib.h>

#include "common/conf/netdev_conf.h"
#include "common/conf/xmlmap.h"
#include "common/util/enumstr.h"

typedef enum {
    NODEDEV_CAP_SYSTEM,
    NODEDEV_CAP_PCI,
    NODEDEV_CAP_USB_DEV,
    NODEDEV_CAP_USB_IF,
    NODEDEV_CAP_NET,
    NODEDEV_CAP_SCSI_HOST,
    NODEDEV_CAP_SCSI_TARGET,
    NODEDEV_CAP_SCSI,
    NODEDEV_CAP_STORAGE,
    NODEDEV_CAP_FC_HOST,
    NODEDEV_CAP_VPORTS,
    NODEDEV_CAP_SCSI_GENERIC,
    NODEDEV_CAP_DRM,
    NODEDEV_CAP_MDEV_TYPES,
    NODEDEV_CAP_MDEV,
    NODEDEV_CAP_CCW,
    NODEDEV_CAP_CSS,
    NODEDEV_CAP_VDPA,
    NODEDEV_CAP_AP_CARD,
    NODEDEV_CAP_AP_QUEUE,
    NODEDEV_CAP_AP_MATRIX,
    NODEDEV_CAP_VPD,
    NODEDEV_CAP_LAST
} NodeDevCapType;
ENUM_STRINGS_DECL(nodedev_cap_type);

typedef enum {
    NODEDEV_DRM_PRIMARY,
    NODEDEV_DRM_CONTROL,
    NODEDEV_DRM_RENDER,
    NODEDEV_DRM_LAST
} NodeDevDrmType;
ENUM_STRINGS_DECL(nodedev_drm_type);

typedef enum {
    NODEDEV_LINK_STATE_NONE,
    NODEDEV_LINK_STATE_UNKNOWN,
    NODEDEV_LINK_STATE_NOTPRESENT,
    NODEDEV_LINK_STATE_DOWN,
    NODEDEV_LINK_STATE_LOWERLAYERDOWN,
    NODEDEV_LINK_STATE_TESTING,
    NODEDEV_LINK_STATE_DORMANT,
    NODEDEV_LINK_STATE_UP,
    NODEDEV_LINK_STATE_LAST
} NodeDevLinkState;
ENUM_STRINGS_DECL(nodedev_link_state);

/* a mediated device type offered by a parent (pci, css, ap_matrix) */
typedef struct {
    char *id;
    char *name;
    char *device_api;               /* vfio-pci, vfio-ccw, vfio-ap */
    unsigned int available_instances;
} NodeDevMdevType;

typedef struct {
    NodeDevMdevType *types;
    size_t ntypes;
} NodeDevMdevTypes;

typedef struct {
    bool present;
    int port;                       /* with has_port */
    bool has_port;
    char *speed;                    /* "2.5", "5", "8", "16", "32" */
    unsigned int width;
} NodeDevPcieLink;

typedef struct {
    char *index;                    /* one character */
    char *value;
} NodeDevVpdField;

typedef struct {
    char *name;
    bool has_ro;
    char *change_level;
    char *manufacture_id;
    char *part_number;
    char *serial_number;
    NodeDevVpdField *ro_vendor;
    size_t nro_vendor;
    bool has_rw;
    char *asset_tag;
    NodeDevVpdField *rw_vendor;
    size_t nrw_vendor;
    NodeDevVpdField *rw_system;
    size_t nrw_system;
} NodeDevVpd;

typedef struct {
    unsigned int klass;             /* with has_class: 0xCCSSPP */
    bool has_class;
    unsigned int domain;
    unsigned int bus;
    unsigned int slot;
    unsigned int function;
    unsigned int product;
    char *product_name;
    unsigned int vendor;
    char *vendor_name;
    bool has_phys_function;
    PciAddr phys_function;
    bool has_virt_functions;
    unsigned int max_vfs;
    PciAddr *vfs;
    size_t nvfs;
    bool pci_bridge;
    bool cardbus_bridge;
    NodeDevMdevTypes mdev_types;
    NodeDevVpd *vpd;
    unsigned int iommu_group;
    PciAddr *iommu_devs;            /* the group is written only with members */
    size_t niommu_devs;
    int numa_node;                  /* with has_numa */
    bool has_numa;
    bool has_pcie;
    NodeDevPcieLink link_cap;
    NodeDevPcieLink link_sta;
} NodeDevPci;

typedef struct {
    char *product_name;
    char *hw_vendor;
    char *hw_version;
    char *hw_serial;
    unsigned char hw_uuid[16];
    bool has_hw_uuid;               /* <hardware><uuid> was given (libvirt requires it) */
    char *fw_vendor;
    char *fw_version;
    char *fw_release_date;
} NodeDevSystem;

typedef struct {
    unsigned int bus;
    unsigned int device;
    unsigned int product;
    char *product_name;
    unsigned int vendor;
    char *vendor_name;
} NodeDevUsbDev;

typedef struct {
    unsigned int number;
    unsigned int klass;
    unsigned int subclass;
    unsigned int protocol;
    char *description;
} NodeDevUsbIf;

typedef struct {
    char *name;
} NodeDevNetFeature;

typedef struct {
    char *ifname;
    char *address;
    unsigned int link_speed;        /* Mbit/s, 0 = unknown */
    int link_state;                 /* NodeDevLinkState */
    NodeDevNetFeature *features;
    size_t nfeatures;
    bool is_80203;
    bool is_80211;
} NodeDevNet;

typedef struct {
    unsigned int host;
    int unique_id;                  /* with has_unique_id */
    bool has_unique_id;
    bool has_fc_host;
    char *wwnn;
    char *wwpn;
    char *fabric_wwn;
    bool has_vport_ops;
    int max_vports;
    int vports;
} NodeDevScsiHost;

typedef struct {
    char *name;
    bool has_fc_rport;
    char *rport;
    char *wwpn;
} NodeDevScsiTarget;

typedef struct {
    unsigned int host;
    unsigned int bus;
    unsigned int target;
    unsigned int lun;
    char *type;
} NodeDevScsi;

typedef struct {
    char *block;
    char *bus;
    char *drive_type;
    char *model;
    char *vendor;
    char *serial;
    unsigned long long size;        /* fixed media */
    bool has_removable;
    unsigned int media_available;   /* 0/1 */
    unsigned long long media_size;
    char *media_label;
    unsigned long long logical_block_size;
    unsigned long long num_blocks;
    bool hotpluggable;
} NodeDevStorage;

typedef struct {
    char *name;
    char *value;
} NodeDevMdevAttr;

typedef struct {
    char *type;
    char *uuid;
    char *parent_addr;
    unsigned int iommu_group;
    NodeDevMdevAttr *attrs;
    size_t nattrs;
} NodeDevMdev;

typedef struct {
    unsigned int cssid;
    unsigned int ssid;
    unsigned int devno;
} NodeDevCcwAddr;

typedef struct {
    NodeDevCcwAddr addr;
    bool has_channel_dev;
    NodeDevCcwAddr channel_dev;
    NodeDevMdevTypes mdev_types;
} NodeDevCcw;

typedef struct {
    unsigned int adapter;
    unsigned int domain;
} NodeDevAp;

typedef struct {
    int type;                       /* NodeDevCapType */
    union {
        NodeDevSystem system;
        NodeDevPci pci;
        NodeDevUsbDev usb_dev;
        NodeDevUsbIf usb_if;
        NodeDevNet net;
        NodeDevScsiHost scsi_host;
        NodeDevScsiTarget scsi_target;
        NodeDevScsi scsi;
        NodeDevStorage storage;
        char *sg_char;              /* scsi_generic */
        int drm_type;               /* NodeDevDrmType */
        NodeDevMdev mdev;
        NodeDevCcw ccw;             /* ccw and css */
        char *vdpa_chardev;
        NodeDevAp ap;               /* ap_card (adapter) and ap_queue */
        NodeDevMdevTypes ap_matrix;
    } u;
} NodeDevCap;

typedef struct {
    char *name;
    char *sysfs_path;
    char *devnode;
    char **devlinks;
    size_t ndevlinks;
    char *parent;
    char *parent_wwnn;              /* read for vHBA creation, never written */
    char *parent_wwpn;
    char *parent_fabric_wwn;
    char *driver;
    NodeDevCap *caps;
    size_t ncaps;
} NodeDevDef;

extern const XmlSchema nodedev_def_schema;

/* Parse flag (beside XMLMAP_PARSE_*): the document is a creation request
 * (virNodeDeviceCreateXML, virNodeDeviceDefineXML), read as libvirt reads
 * them: errors name the device "new device" whatever its <name>, and a
 * scsi_host's <host> is neither required nor read. Without it the document
 * describes an existing device (a host description) and <host> is required. */
enum {
    NODEDEV_PARSE_CREATE = 1 << 16,
};

NodeDevDef *nodedev_def_parse_string(const char *xml, unsigned int flags);
char *nodedev_def_format(const NodeDevDef *def, unsigned int flags);
void nodedev_def_free(NodeDevDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(NodeDevDef, nodedev_def_free)

/* The first capability of @type, or NULL. */
NodeDevCap *nodedev_def_find_cap(const NodeDevDef *def, int type);
