/* common/conf/domain/disk.h: <disk> and its storage source chain, plus the
 * <auth>/<encryption>/<secret> pieces other device kinds reuse. */
#pragma once

#include <stdbool.h>
#include <glib.h>

#include "common/conf/xmlmap.h"
#include "common/conf/domain/devices.h"
#include "common/conf/domain/address.h"

typedef enum {
    STORAGE_TYPE_NONE,
    STORAGE_TYPE_FILE,
    STORAGE_TYPE_BLOCK,
    STORAGE_TYPE_DIR,
    STORAGE_TYPE_NETWORK,
    STORAGE_TYPE_VOLUME,
    STORAGE_TYPE_NVME,
    STORAGE_TYPE_VHOSTUSER,
    STORAGE_TYPE_LAST
} StorageType;
ENUM_STRINGS_DECL(storage_type);

typedef enum {
    STORAGE_PROTO_NONE,
    STORAGE_PROTO_NBD,
    STORAGE_PROTO_RBD,
    STORAGE_PROTO_SHEEPDOG,
    STORAGE_PROTO_GLUSTER,
    STORAGE_PROTO_ISCSI,
    STORAGE_PROTO_HTTP,
    STORAGE_PROTO_HTTPS,
    STORAGE_PROTO_FTP,
    STORAGE_PROTO_FTPS,
    STORAGE_PROTO_TFTP,
    STORAGE_PROTO_SSH,
    STORAGE_PROTO_VXHS,
    STORAGE_PROTO_NFS,
    STORAGE_PROTO_LAST
} StorageProtocol;
ENUM_STRINGS_DECL(storage_protocol);

typedef enum {
    DISK_DEVICE_DISK,
    DISK_DEVICE_CDROM,
    DISK_DEVICE_FLOPPY,
    DISK_DEVICE_LUN,
    DISK_DEVICE_LAST
} DiskDevice;
ENUM_STRINGS_DECL(disk_device);

typedef enum {
    DISK_BUS_NONE,
    DISK_BUS_IDE,
    DISK_BUS_FDC,
    DISK_BUS_SCSI,
    DISK_BUS_VIRTIO,
    DISK_BUS_XEN,
    DISK_BUS_USB,
    DISK_BUS_UML,
    DISK_BUS_SATA,
    DISK_BUS_SD,
    DISK_BUS_LAST
} DiskBus;
ENUM_STRINGS_DECL(disk_bus);

/* <secret type= uuid=|usage=> inside <auth> and <encryption> */
typedef struct {
    char *type;
    unsigned char uuid[16];
    char *usage;
} DomainSecretRef;

/* <auth username=><secret .../></auth> */
typedef struct {
    char *username;
    DomainSecretRef secret;
} DomainDiskAuth;

/* <encryption format= engine=> with secret, cipher and ivgen */
typedef struct {
    int format;                 /* default, qcow, luks, luks2, luks-any */
    int engine;                 /* default, qemu, librbd */
    DomainSecretRef *secrets;
    size_t nsecrets;
    char *cipher_name;
    unsigned int cipher_size;
    char *cipher_mode;
    char *cipher_hash;
    char *ivgen_name;
    char *ivgen_hash;
} DomainEncryption;

typedef struct {
    int transport;              /* tcp (default), unix, rdma */
    char *name;
    unsigned int port;
    char *socket;
} DomainDiskHost;

typedef struct {
    char *name;
    char *value;
} DomainDiskCookie;

typedef struct {
    int type;                   /* always "storage" */
    unsigned long long offset;
    unsigned long long size;
} DomainDiskSlice;

/* per-device <seclabel> override */
typedef struct {
    char *model;
    int relabel;                /* XML_TRISTATE_* */
    int labelskip;              /* XML_TRISTATE_* */
    char *label;
} DomainDevSeclabel;

/* <reservations managed=><source type='unix' path= mode=/></reservations> */
typedef struct {
    int managed;                /* XML_TRISTATE_* */
    char *src_type;
    char *src_path;
    char *src_mode;
} DomainDiskReservations;

typedef struct DomainDiskSource DomainDiskSource;

/* One layer of a disk image chain: <disk>'s own source or a <backingStore>.
 * Only the fields of @type are meaningful. */
struct DomainDiskSource {
    int type;                   /* StorageType */
    unsigned int index;         /* index=, runtime only */
    char *path;                 /* file=, dev=, dir= */
    /* network */
    int protocol;               /* StorageProtocol */
    char *name;
    char *query;
    int tls;                    /* XML_TRISTATE_* */
    char *tls_hostname;
    DomainDiskHost *hosts;
    size_t nhosts;
    char *snapshot;
    char *config_file;
    char *initiator_iqn;
    int ssl_verify;             /* XML_TRISTATE_* */
    DomainDiskCookie *cookies;
    size_t ncookies;
    unsigned long long readahead;
    unsigned long long timeout;
    char *nfs_user;
    char *nfs_group;
    /* volume */
    char *pool;
    char *volume;
    int mode;                   /* default, host, direct */
    /* nvme */
    char *nvme_type;            /* "pci" */
    int nvme_managed;           /* XML_TRISTATE_* */
    unsigned long long nvme_namespace;
    PciAddr nvme_addr;
    /* vhostuser */
    char *vu_type;              /* "unix" */
    int reconnect_enabled;      /* XML_TRISTATE_* */
    unsigned int reconnect_timeout;
    /* common */
    int startup_policy;         /* default, mandatory, requisite, optional */
    DomainDiskSlice *slices;
    size_t nslices;
    DomainDevSeclabel *seclabels;
    size_t nseclabels;
    DomainDiskAuth *auth;
    DomainEncryption *encryption;
    DomainDiskReservations *reservations;
    /* chain */
    char *format;               /* <backingStore><format type=> */
    unsigned long long format_cache_max; /* <format><metadata_cache><max_size> */
    DomainDiskSource *backing;  /* NULL: unknown; type NONE: end of chain */
};

typedef struct {
    char *name;
    char *type;
    int cache, error_policy, rerror_policy, io;
    int ioeventfd, event_idx, copy_on_read;     /* XML_TRISTATE_* (on/off) */
    int discard, detect_zeroes;
    unsigned int iothread;
    unsigned int queues;
    unsigned int queue_size;
    DomainVirtioOpts virtio;
    unsigned long long cache_max_size;          /* <metadata_cache><max_size>, bytes */
} DomainDiskDriver;

typedef struct {
    unsigned long long total_bytes_sec, read_bytes_sec, write_bytes_sec;
    unsigned long long total_iops_sec, read_iops_sec, write_iops_sec;
    unsigned long long total_bytes_sec_max, read_bytes_sec_max, write_bytes_sec_max;
    unsigned long long total_iops_sec_max, read_iops_sec_max, write_iops_sec_max;
    unsigned long long size_iops_sec;
    char *group_name;
    unsigned long long total_bytes_sec_max_length, read_bytes_sec_max_length;
    unsigned long long write_bytes_sec_max_length;
    unsigned long long total_iops_sec_max_length, read_iops_sec_max_length;
    unsigned long long write_iops_sec_max_length;
} DomainDiskIotune;

typedef struct {
    int share_backing;          /* XML_TRISTATE_* */
} DomainDiskTransient;

struct DomainDisk {
    int device;                 /* DiskDevice */
    int model;                  /* default, virtio, virtio-transitional, ... */
    int rawio;                  /* XML_TRISTATE_* */
    int sgio;                   /* default, filtered, unfiltered */
    int snapshot;               /* default, no, internal, external, manual */
    DomainDiskDriver driver;
    DomainDiskAuth *auth;       /* <auth> written directly under <disk> */
    DomainDiskSource src;
    char *backend_domain;
    unsigned int geo_cyls, geo_heads, geo_secs;
    int geo_trans;              /* default, none, auto, lba */
    unsigned int logical_block_size;
    unsigned int physical_block_size;
    unsigned int discard_granularity;
    char *dst;                  /* <target dev=> */
    int bus;                    /* DiskBus */
    int tray;                   /* closed, open */
    int removable;              /* XML_TRISTATE_* (on/off) */
    unsigned int rotation_rate;
    DomainDiskIotune iotune;
    bool readonly;
    bool shareable;
    DomainDiskTransient *transient;
    char *serial;
    char *wwn;
    char *vendor;
    char *product;
    DomainEncryption *encryption; /* <encryption> written directly under <disk> */
    DomainDeviceInfo info;
};

extern const XmlSchema domain_disk_schema;
/* <auth> and <encryption> for other families (hostdev iSCSI sources). */
extern const XmlSchema domain_disk_auth_schema;
extern const XmlSchema domain_encryption_schema;
