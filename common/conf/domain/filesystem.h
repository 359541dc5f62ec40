/* common/conf/domain/filesystem.h: <filesystem> (host directories, images
 * and RAM disks shared with the guest or its container root). */
#pragma once

#include <stdbool.h>
#include <glib.h>

#include "common/conf/xmlmap.h"
#include "common/conf/domain/devices.h"
#include "common/conf/domain/address.h"

typedef enum {
    FS_TYPE_MOUNT,
    FS_TYPE_BLOCK,
    FS_TYPE_FILE,
    FS_TYPE_TEMPLATE,
    FS_TYPE_RAM,
    FS_TYPE_BIND,
    FS_TYPE_VOLUME,
    FS_TYPE_LAST
} FsType;
ENUM_STRINGS_DECL(fs_type);

typedef enum {
    FS_DRIVER_DEFAULT,
    FS_DRIVER_PATH,
    FS_DRIVER_HANDLE,
    FS_DRIVER_LOOP,
    FS_DRIVER_NBD,
    FS_DRIVER_PLOOP,
    FS_DRIVER_VIRTIOFS,
    FS_DRIVER_LAST
} FsDriverType;
ENUM_STRINGS_DECL(fs_driver_type);

typedef enum {
    FS_ACCESS_DEFAULT,
    FS_ACCESS_PASSTHROUGH,
    FS_ACCESS_MAPPED,
    FS_ACCESS_SQUASH,
    FS_ACCESS_LAST
} FsAccessMode;

struct DomainFs {
    int type;                   /* FsType */
    int accessmode;             /* FsAccessMode */
    int model;                  /* default, virtio, virtio-transitional, ... */
    int multidevs;              /* default, remap, forbid, warn */
    unsigned int fmode;         /* 0 = not given */
    unsigned int dmode;
    /* <driver> */
    int driver_type;            /* FsDriverType */
    char *driver_format;
    unsigned int queue;
    int wrpolicy;               /* default, immediate */
    DomainVirtioOpts virtio;
    /* <binary> (virtiofs) */
    char *binary_path;
    int binary_xattr;           /* XML_TRISTATE_* (on/off) */
    int cache_mode;             /* default, none, always */
    int sandbox_mode;           /* default, namespace, chroot */
    int lock_posix;             /* XML_TRISTATE_* (on/off) */
    int lock_flock;
    int thread_pool_size;
    bool has_thread_pool_size;
    /* <source>: which attribute is used depends on @type */
    char *src_dir;
    char *src_socket;
    char *src_file;
    char *src_dev;
    char *src_name;
    unsigned long long src_usage;
    char *src_units;
    char *src_pool;
    char *src_volume;
    char *dst;                  /* <target dir=> */
    bool readonly;
    DomainDeviceInfo info;
    unsigned long long space_hard_limit;    /* bytes */
    unsigned long long space_soft_limit;
};

extern const XmlSchema domain_fs_schema;
