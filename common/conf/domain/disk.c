/* common/conf/domain/disk.c: tables for <disk>: driver, source in each of
 * its storage types (with the network protocol details), the backing chain,
 * target, iotune and the disk-level flags. The chain is recursive: a
 * <backingStore> holds a source layer and possibly another <backingStore>.
 * Hypervisor rules (which bus supports what) stay in the drivers. */
#include "config.h"

#include <string.h>

#define ERR_DOMAIN VIR_FROM_DOMAIN
#include "common/util/err.h"
#include "common/conf/domain/devices.h"

ENUM_STRINGS(storage_type, STORAGE_TYPE_LAST,
             "none", "file", "block", "dir", "network", "volume", "nvme", "vhostuser");
ENUM_STRINGS(storage_protocol, STORAGE_PROTO_LAST,
             "none", "nbd", "rbd", "sheepdog", "gluster", "iscsi", "http", "https",
             "ftp", "ftps", "tftp", "ssh", "vxhs", "nfs");
ENUM_STRINGS(disk_device, DISK_DEVICE_LAST, "disk", "cdrom", "floppy", "lun");
ENUM_STRINGS(disk_bus, DISK_BUS_LAST,
             "none", "ide", "fdc", "scsi", "virtio", "xen", "usb", "uml", "sata", "sd");

ENUM_STRINGS_STATIC(disk_model, 4,
                    "default", "virtio", "virtio-transitional", "virtio-non-transitional");
ENUM_STRINGS_STATIC(disk_sgio, 3, "default", "filtered", "unfiltered");
ENUM_STRINGS_STATIC(disk_snapshot, 5, "default", "no", "internal", "external", "manual");
ENUM_STRINGS_STATIC(disk_cache, 6,
                    "default", "none", "writethrough", "writeback", "directsync", "unsafe");
ENUM_STRINGS_STATIC(disk_error_policy, 5, "default", "stop", "report", "ignore", "enospace");
ENUM_STRINGS_STATIC(disk_io, 4, "default", "native", "threads", "io_uring");
ENUM_STRINGS_STATIC(disk_discard, 3, "default", "unmap", "ignore");
ENUM_STRINGS_STATIC(disk_detect_zeroes, 4, "default", "off", "on", "unmap");
ENUM_STRINGS_STATIC(disk_tray, 2, "closed", "open");
ENUM_STRINGS_STATIC(disk_geo_trans, 4, "default", "none", "auto", "lba");
ENUM_STRINGS_STATIC(disk_startup_policy, 4, "default", "mandatory", "requisite", "optional");
ENUM_STRINGS_STATIC(disk_volume_mode, 3, "default", "host", "direct");
enum { DISK_HOST_TCP, DISK_HOST_UNIX, DISK_HOST_RDMA, DISK_HOST_LAST };
ENUM_STRINGS_STATIC(disk_host_transport, DISK_HOST_LAST, "tcp", "unix", "rdma");
ENUM_STRINGS_STATIC(disk_slice_type, 1, "storage");
ENUM_STRINGS_STATIC(encryption_format, 4, "default", "qcow", "luks", "luks2");
ENUM_STRINGS_STATIC(encryption_engine, 3, "default", "qemu", "librbd");

/* ---- secrets, auth, encryption ----------------------------------------------- */

static const XmlField secret_ref_fields[] = {
    XML_ATTR(DomainSecretRef, type, "type", string, 0),
    XML_ATTR(DomainSecretRef, uuid, "uuid", uuid, 0),
    XML_ATTR(DomainSecretRef, usage, "usage", string, 0),
    XML_END
};

/* A secret is named by exactly one of uuid and usage. */
static int
secret_ref_validate(XmlCtx *ctx, const void *obj)
{
    const DomainSecretRef *s = obj;
    bool has_uuid = false;

    for (size_t i = 0; i < sizeof(s->uuid); i++)
        has_uuid |= s->uuid[i] != 0;
    if (has_uuid == (s->usage != NULL)) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "element '%s' needs exactly one of the attributes 'uuid' and 'usage'",
                      xmlmap_ctx_path(ctx));
        return -1;
    }
    return 0;
}
static XML_SCHEMA(secret_ref, DomainSecretRef, "secret", secret_ref_fields,
                  .validate = secret_ref_validate);

static const XmlField disk_auth_fields[] = {
    XML_ATTR(DomainDiskAuth, username, "username", string, XF_REQUIRED),
    XML_EMBED(DomainDiskAuth, secret, &secret_ref_schema, XF_REQUIRED),
    XML_END
};
XML_SCHEMA(domain_disk_auth, DomainDiskAuth, "auth", disk_auth_fields);

static const XmlField enc_cipher_fields[] = {
    XML_ATTR(DomainEncryption, cipher_name, "name", string, XF_REQUIRED),
    XML_ATTR(DomainEncryption, cipher_size, "size", uint, XF_REQUIRED | XF_OMIT_DEFAULT),
    XML_ATTR(DomainEncryption, cipher_mode, "mode", string, 0),
    XML_ATTR(DomainEncryption, cipher_hash, "hash", string, 0),
    XML_END
};
static XML_SCHEMA(enc_cipher, DomainEncryption, "cipher", enc_cipher_fields);

static const XmlField enc_ivgen_fields[] = {
    XML_ATTR(DomainEncryption, ivgen_name, "name", string, XF_REQUIRED),
    XML_ATTR(DomainEncryption, ivgen_hash, "hash", string, 0),
    XML_END
};
static XML_SCHEMA(enc_ivgen, DomainEncryption, "ivgen", enc_ivgen_fields);

static const XmlField encryption_fields[] = {
    XML_ATTR_ENUM(DomainEncryption, format, "format", encryption_format, XF_REQUIRED,
                  .errcode = VIR_ERR_XML_ERROR),
    XML_ATTR_ENUM(DomainEncryption, engine, "engine", encryption_engine, 0, .min = 1),
    XML_CHILDREN(DomainEncryption, secrets, nsecrets, &secret_ref_schema, 0),
    XML_GROUP(&enc_cipher_schema, 0),
    XML_GROUP(&enc_ivgen_schema, 0),
    XML_END
};
XML_SCHEMA(domain_encryption, DomainEncryption, "encryption", encryption_fields);

/* ---- pieces of a source ---------------------------------------------------------- */

static const XmlField host_fields[] = {
    XML_ATTR(DomainDiskHost, name, "name", string, 0),
    XML_ATTR(DomainDiskHost, port, "port", uint, XF_OMIT_DEFAULT, .max = 65535),
    XML_ATTR_ENUM(DomainDiskHost, transport, "transport", disk_host_transport,
                  XF_OMIT_DEFAULT),
    XML_ATTR(DomainDiskHost, socket, "socket", string, 0),
    XML_END
};

/* unix hosts name a socket, the others a host name */
static int
host_validate(XmlCtx *ctx, const void *obj)
{
    const DomainDiskHost *h = obj;

    if (h->transport == DISK_HOST_UNIX && !h->socket) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "missing socket for unix transport in element '%s'",
                      xmlmap_ctx_path(ctx));
        return -1;
    }
    if (h->transport != DISK_HOST_UNIX && !h->name) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR, "missing name for host in element '%s'",
                      xmlmap_ctx_path(ctx));
        return -1;
    }
    return 0;
}
static XML_SCHEMA(host, DomainDiskHost, "host", host_fields, .validate = host_validate);

static const XmlField cookie_fields[] = {
    XML_ATTR(DomainDiskCookie, name, "name", string, XF_REQUIRED | XF_NONEMPTY),
    XML_TEXT(DomainDiskCookie, value, NULL, string, XF_REQUIRED),
    XML_END
};
static XML_SCHEMA(cookie, DomainDiskCookie, "cookie", cookie_fields);

static const XmlField cookies_fields[] = {
    XML_CHILDREN(DomainDiskSource, cookies, ncookies, &cookie_schema, 0),
    XML_END
};
static XML_SCHEMA(cookies, DomainDiskSource, "cookies", cookies_fields);

static const XmlField slice_fields[] = {
    XML_ATTR_ENUM(DomainDiskSlice, type, "type", disk_slice_type, XF_REQUIRED),
    XML_ATTR(DomainDiskSlice, offset, "offset", ullong, XF_REQUIRED),
    XML_ATTR(DomainDiskSlice, size, "size", ullong, XF_REQUIRED | XF_NONZERO),
    XML_END
};
static XML_SCHEMA(slice, DomainDiskSlice, "slice", slice_fields);

static const XmlField slices_fields[] = {
    XML_CHILDREN(DomainDiskSource, slices, nslices, &slice_schema, 0),
    XML_END
};
static XML_SCHEMA(slices, DomainDiskSource, "slices", slices_fields);

static const XmlField seclabel_fields[] = {
    XML_ATTR(DomainDevSeclabel, model, "model", string, 0),
    XML_ATTR(DomainDevSeclabel, relabel, "relabel", tristate, 0),
    XML_ATTR(DomainDevSeclabel, labelskip, "labelskip", tristate, 0),
    XML_TEXT(DomainDevSeclabel, label, "label", string, 0),
    XML_END
};
static XML_SCHEMA(dev_seclabel, DomainDevSeclabel, "seclabel", seclabel_fields);

static const XmlField resv_source_fields[] = {
    XML_ATTR(DomainDiskReservations, src_type, "type", string, XF_REQUIRED),
    XML_ATTR(DomainDiskReservations, src_path, "path", string, 0),
    XML_ATTR(DomainDiskReservations, src_mode, "mode", string, 0),
    XML_END
};
static XML_SCHEMA(resv_source, DomainDiskReservations, "source", resv_source_fields);

static const XmlField reservations_fields[] = {
    XML_ATTR(DomainDiskReservations, managed, "managed", tristate, 0),
    XML_GROUP(&resv_source_schema, 0),
    XML_END
};
static XML_SCHEMA(reservations, DomainDiskReservations, "reservations", reservations_fields);

static const XmlField iqn_fields[] = {
    XML_ATTR(DomainDiskSource, initiator_iqn, "name", string, XF_REQUIRED),
    XML_END
};
static XML_SCHEMA(iqn, DomainDiskSource, "iqn", iqn_fields);
static const XmlField initiator_fields[] = { XML_GROUP(&iqn_schema, 0), XML_END };
static XML_SCHEMA(initiator, DomainDiskSource, "initiator", initiator_fields);

#define ONE_ATTR_ELEMENT(var, elem, fld, attr, cdc, fl) \
    static const XmlField var##_fields[] = { \
        XML_ATTR(DomainDiskSource, fld, attr, cdc, fl), XML_END }; \
    static XML_SCHEMA(var, DomainDiskSource, elem, var##_fields)

ONE_ATTR_ELEMENT(snapshot, "snapshot", snapshot, "name", string, 0);
ONE_ATTR_ELEMENT(config, "config", config_file, "file", string, 0);
ONE_ATTR_ELEMENT(ssl, "ssl", ssl_verify, "verify", tristate, 0);
ONE_ATTR_ELEMENT(readahead, "readahead", readahead, "size", ullong, XF_OMIT_DEFAULT);
ONE_ATTR_ELEMENT(timeout, "timeout", timeout, "seconds", ullong, XF_OMIT_DEFAULT);

static const XmlField nfs_identity_fields[] = {
    XML_ATTR(DomainDiskSource, nfs_user, "user", string, 0),
    XML_ATTR(DomainDiskSource, nfs_group, "group", string, 0),
    XML_END
};
static XML_SCHEMA(nfs_identity, DomainDiskSource, "identity", nfs_identity_fields);

static const XmlField reconnect_fields[] = {
    XML_ATTR(DomainDiskSource, reconnect_enabled, "enabled", tristate, 0),
    XML_ATTR(DomainDiskSource, reconnect_timeout, "timeout", uint, XF_OMIT_DEFAULT),
    XML_END
};
static XML_SCHEMA(reconnect, DomainDiskSource, "reconnect", reconnect_fields);

static const XmlField nvme_addr_fields[] = {
    PCI_ADDR_FIELDS(DomainDiskSource, nvme_addr),
    XML_END
};
static XML_SCHEMA(nvme_addr, DomainDiskSource, "address", nvme_addr_fields);

/* ---- <source>, one table per storage type ----------------------------------------- */

/* Attributes and children every source type shares, in libvirt's order. */
#define SOURCE_COMMON_FIELDS \
    XML_ATTR_ENUM(DomainDiskSource, startup_policy, "startupPolicy", disk_startup_policy, \
                  0, .min = 1), \
    XML_ATTR(DomainDiskSource, index, "index", uint, XF_LIVE_ONLY | XF_OMIT_DEFAULT), \
    XML_GROUP(&slices_schema, 0), \
    XML_CHILDREN(DomainDiskSource, seclabels, nseclabels, &dev_seclabel_schema, 0), \
    XML_CHILD(DomainDiskSource, auth, &domain_disk_auth_schema, 0), \
    XML_CHILD(DomainDiskSource, encryption, &domain_encryption_schema, 0), \
    XML_CHILD(DomainDiskSource, reservations, &reservations_schema, 0), \
    XML_END

static const XmlField src_file_fields[] = {
    XML_ATTR(DomainDiskSource, path, "file", string, 0),
    SOURCE_COMMON_FIELDS
};
static const XmlField src_block_fields[] = {
    XML_ATTR(DomainDiskSource, path, "dev", string, 0),
    SOURCE_COMMON_FIELDS
};
static const XmlField src_dir_fields[] = {
    XML_ATTR(DomainDiskSource, path, "dir", string, 0),
    SOURCE_COMMON_FIELDS
};
static const XmlField src_network_fields[] = {
    XML_ATTR_ENUM(DomainDiskSource, protocol, "protocol", storage_protocol, XF_REQUIRED,
                  .min = 1, .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_ATTR(DomainDiskSource, name, "name", string, 0),
    XML_ATTR(DomainDiskSource, query, "query", string, 0),
    XML_ATTR(DomainDiskSource, tls, "tls", tristate, 0),
    XML_ATTR(DomainDiskSource, tls_hostname, "tlsHostname", string, 0),
    XML_CHILDREN(DomainDiskSource, hosts, nhosts, &host_schema, 0),
    XML_GROUP(&snapshot_schema, 0),
    XML_GROUP(&config_schema, 0),
    XML_GROUP(&initiator_schema, 0),
    XML_GROUP(&ssl_schema, 0),
    XML_GROUP(&cookies_schema, XF_SECRET),
    XML_GROUP(&readahead_schema, 0),
    XML_GROUP(&timeout_schema, 0),
    XML_GROUP(&nfs_identity_schema, 0),
    XML_GROUP(&reconnect_schema, 0),
    SOURCE_COMMON_FIELDS
};
static const XmlField src_volume_fields[] = {
    XML_ATTR(DomainDiskSource, pool, "pool", string, XF_REQUIRED),
    XML_ATTR(DomainDiskSource, volume, "volume", string, XF_REQUIRED),
    XML_ATTR_ENUM(DomainDiskSource, mode, "mode", disk_volume_mode, 0, .min = 1),
    SOURCE_COMMON_FIELDS
};
static const XmlField src_nvme_fields[] = {
    XML_ATTR(DomainDiskSource, nvme_type, "type", string, XF_REQUIRED),
    XML_ATTR(DomainDiskSource, nvme_managed, "managed", tristate, 0),
    XML_ATTR(DomainDiskSource, nvme_namespace, "namespace", ullong, XF_REQUIRED | XF_NONZERO,
             .max = 0xffffffffULL),
    XML_GROUP(&nvme_addr_schema, XF_REQUIRED),
    SOURCE_COMMON_FIELDS
};
static const XmlField src_vhostuser_fields[] = {
    XML_ATTR(DomainDiskSource, vu_type, "type", string, XF_REQUIRED),
    XML_ATTR(DomainDiskSource, path, "path", string, XF_REQUIRED),
    XML_GROUP(&reconnect_schema, 0),
    SOURCE_COMMON_FIELDS
};

/* Each source table sits inside a one-field "case" table so the storage type
 * union on <disk>/<backingStore> can pick it: the case reads the <source>
 * child of the element carrying type=. */
#define SOURCE_CASE(kind) \
    static XML_SCHEMA(src_##kind, DomainDiskSource, "source", src_##kind##_fields); \
    static const XmlField case_##kind##_fields[] = { \
        XML_GROUP(&src_##kind##_schema, 0), XML_END }; \
    static XML_SCHEMA(case_##kind, DomainDiskSource, "source", case_##kind##_fields)

SOURCE_CASE(file);
SOURCE_CASE(block);
SOURCE_CASE(dir);
SOURCE_CASE(network);
SOURCE_CASE(volume);
SOURCE_CASE(nvme);
SOURCE_CASE(vhostuser);

/* <disk> without type= is a file disk; a bare <backingStore/> has no type. */
#define SOURCE_TYPE_CASES(CASE, ...) \
    CASE(STORAGE_TYPE_FILE, __VA_ARGS__ &case_file_schema), \
    CASE(STORAGE_TYPE_BLOCK, __VA_ARGS__ &case_block_schema), \
    CASE(STORAGE_TYPE_DIR, __VA_ARGS__ &case_dir_schema), \
    CASE(STORAGE_TYPE_NETWORK, __VA_ARGS__ &case_network_schema), \
    CASE(STORAGE_TYPE_VOLUME, __VA_ARGS__ &case_volume_schema), \
    CASE(STORAGE_TYPE_NVME, __VA_ARGS__ &case_nvme_schema), \
    CASE(STORAGE_TYPE_VHOSTUSER, __VA_ARGS__ &case_vhostuser_schema)

static const XmlUnionCase disk_src_cases[] = {
    XML_CASE(STORAGE_TYPE_NONE, DomainDisk, src, &case_file_schema),
    SOURCE_TYPE_CASES(XML_CASE, DomainDisk, src,),
};

static const XmlUnionCase backing_src_cases[] = {
    SOURCE_TYPE_CASES(XML_CASE_SAME,),
};

/* ---- the backing chain ------------------------------------------------------------- */

static const XmlField max_size_fields[] = {
    XML_TEXT(DomainDiskSource, format_cache_max, "max_size", scaled, XF_OMIT_DEFAULT, .unit = "bytes"),
    XML_END
};
static XML_SCHEMA(fmt_cache, DomainDiskSource, "metadata_cache", max_size_fields);

static const XmlField format_fields[] = {
    XML_ATTR(DomainDiskSource, format, "type", string, XF_REQUIRED),
    XML_GROUP(&fmt_cache_schema, 0),
    XML_END
};
static XML_SCHEMA(format, DomainDiskSource, "format", format_fields);

static const XmlSchema backing_schema;

static const XmlField backing_fields[] = {
    XML_GROUP(&format_schema, 0),
    XML_UNION(DomainDiskSource, type, "type", storage_type, backing_src_cases, 0,
              .min = STORAGE_TYPE_FILE, .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_ATTR(DomainDiskSource, index, "index", uint, XF_LIVE_ONLY | XF_OMIT_DEFAULT),
    XML_CHILD(DomainDiskSource, backing, &backing_schema, 0),
    XML_END
};
static XML_SCHEMA(backing, DomainDiskSource, "backingStore", backing_fields);

/* ---- <driver>, <target>, <iotune>, ... --------------------------------------------------- */

static const XmlField drv_cache_fields[] = {
    XML_TEXT(DomainDiskDriver, cache_max_size, "max_size", scaled, XF_OMIT_DEFAULT, .unit = "bytes"),
    XML_END
};
static XML_SCHEMA(drv_cache, DomainDiskDriver, "metadata_cache", drv_cache_fields);

static const XmlField driver_fields[] = {
    XML_ATTR(DomainDiskDriver, name, "name", string, 0),
    XML_ATTR(DomainDiskDriver, type, "type", string, 0),
    XML_ATTR_ENUM(DomainDiskDriver, cache, "cache", disk_cache, 0, .min = 1),
    XML_ATTR_ENUM(DomainDiskDriver, error_policy, "error_policy", disk_error_policy, 0,
                  .min = 1),
    XML_ATTR_ENUM(DomainDiskDriver, rerror_policy, "rerror_policy", disk_error_policy, 0,
                  .min = 1, .max = 3),
    XML_ATTR_ENUM(DomainDiskDriver, io, "io", disk_io, 0, .min = 1),
    XML_ATTR(DomainDiskDriver, ioeventfd, "ioeventfd", switch, 0),
    XML_ATTR(DomainDiskDriver, event_idx, "event_idx", switch, 0),
    XML_ATTR(DomainDiskDriver, copy_on_read, "copy_on_read", switch, 0),
    XML_ATTR_ENUM(DomainDiskDriver, discard, "discard", disk_discard, 0, .min = 1),
    XML_ATTR(DomainDiskDriver, iothread, "iothread", uint, XF_OMIT_DEFAULT),
    XML_ATTR_ENUM(DomainDiskDriver, detect_zeroes, "detect_zeroes", disk_detect_zeroes, 0,
                  .min = 1),
    XML_ATTR(DomainDiskDriver, queues, "queues", uint, XF_OMIT_DEFAULT),
    XML_ATTR(DomainDiskDriver, queue_size, "queue_size", uint, XF_OMIT_DEFAULT),
    DOMAIN_VIRTIO_FIELDS(DomainDiskDriver, virtio),
    XML_GROUP(&drv_cache_schema, 0),
    XML_END
};
static XML_SCHEMA(disk_driver, DomainDiskDriver, "driver", driver_fields);

static const XmlField backend_fields[] = {
    XML_ATTR(DomainDisk, backend_domain, "name", string, XF_REQUIRED),
    XML_END
};
static XML_SCHEMA(backend, DomainDisk, "backenddomain", backend_fields);

static const XmlField geometry_fields[] = {
    XML_ATTR(DomainDisk, geo_cyls, "cyls", uint, XF_REQUIRED | XF_OMIT_DEFAULT),
    XML_ATTR(DomainDisk, geo_heads, "heads", uint, XF_REQUIRED | XF_OMIT_DEFAULT),
    XML_ATTR(DomainDisk, geo_secs, "secs", uint, XF_REQUIRED | XF_OMIT_DEFAULT),
    XML_ATTR_ENUM(DomainDisk, geo_trans, "trans", disk_geo_trans, 0, .min = 1),
    XML_END
};
static XML_SCHEMA(geometry, DomainDisk, "geometry", geometry_fields);

static const XmlField blockio_fields[] = {
    XML_ATTR(DomainDisk, logical_block_size, "logical_block_size", uint, XF_OMIT_DEFAULT),
    XML_ATTR(DomainDisk, physical_block_size, "physical_block_size", uint, XF_OMIT_DEFAULT),
    XML_ATTR(DomainDisk, discard_granularity, "discard_granularity", uint, XF_OMIT_DEFAULT),
    XML_END
};
static XML_SCHEMA(blockio, DomainDisk, "blockio", blockio_fields);

static const XmlField target_fields[] = {
    XML_ATTR(DomainDisk, dst, "dev", string, XF_REQUIRED | XF_NONEMPTY),
    XML_ATTR_ENUM(DomainDisk, bus, "bus", disk_bus, 0, .min = 1,
                  .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_ATTR_ENUM(DomainDisk, tray, "tray", disk_tray, XF_OMIT_DEFAULT),
    XML_ATTR(DomainDisk, removable, "removable", switch, 0),
    XML_ATTR(DomainDisk, rotation_rate, "rotation_rate", uint, XF_OMIT_DEFAULT),
    XML_END
};
static XML_SCHEMA(target, DomainDisk, "target", target_fields);

#define IOTUNE(fld) XML_TEXT(DomainDiskIotune, fld, #fld, ullong, XF_OMIT_DEFAULT)
static const XmlField iotune_fields[] = {
    IOTUNE(total_bytes_sec), IOTUNE(read_bytes_sec), IOTUNE(write_bytes_sec),
    IOTUNE(total_iops_sec), IOTUNE(read_iops_sec), IOTUNE(write_iops_sec),
    IOTUNE(total_bytes_sec_max), IOTUNE(read_bytes_sec_max), IOTUNE(write_bytes_sec_max),
    IOTUNE(total_iops_sec_max), IOTUNE(read_iops_sec_max), IOTUNE(write_iops_sec_max),
    IOTUNE(size_iops_sec),
    XML_TEXT(DomainDiskIotune, group_name, "group_name", string, 0),
    IOTUNE(total_bytes_sec_max_length), IOTUNE(read_bytes_sec_max_length),
    IOTUNE(write_bytes_sec_max_length),
    IOTUNE(total_iops_sec_max_length), IOTUNE(read_iops_sec_max_length),
    IOTUNE(write_iops_sec_max_length),
    XML_END
};

/* A total limit excludes the matching read/write limits. */
static int
iotune_validate(XmlCtx *ctx, const void *obj)
{
    const DomainDiskIotune *t = obj;
    static const char *const what[] = { "bytes_sec", "iops_sec", "bytes_sec_max",
                                        "iops_sec_max" };
    const unsigned long long trio[][3] = {
        { t->total_bytes_sec, t->read_bytes_sec, t->write_bytes_sec },
        { t->total_iops_sec, t->read_iops_sec, t->write_iops_sec },
        { t->total_bytes_sec_max, t->read_bytes_sec_max, t->write_bytes_sec_max },
        { t->total_iops_sec_max, t->read_iops_sec_max, t->write_iops_sec_max },
    };

    for (size_t i = 0; i < G_N_ELEMENTS(trio); i++) {
        if (trio[i][0] && (trio[i][1] || trio[i][2])) {
            xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                          "total and read/write %s cannot be set at the same time in "
                          "element '%s'", what[i], xmlmap_ctx_path(ctx));
            return -1;
        }
    }
    return 0;
}
static XML_SCHEMA(iotune, DomainDiskIotune, "iotune", iotune_fields,
                  .validate = iotune_validate);

static const XmlField transient_fields[] = {
    XML_ATTR(DomainDiskTransient, share_backing, "shareBacking", tristate, 0),
    XML_END
};
static XML_SCHEMA(transient, DomainDiskTransient, "transient", transient_fields);

/* ---- <disk> ----------------------------------------------------------------------------- */

static const XmlField disk_fields[] = {
    XML_EMBED(DomainDisk, driver, &disk_driver_schema, 0),
    XML_CHILD(DomainDisk, auth, &domain_disk_auth_schema, 0),
    /* type= comes first among the attributes; its <source> after <auth> */
    XML_UNION(DomainDisk, src.type, "type", storage_type, disk_src_cases, 0,
              .min = STORAGE_TYPE_FILE, .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_ATTR_ENUM(DomainDisk, device, "device", disk_device, 0,
                  .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_ATTR_ENUM(DomainDisk, model, "model", disk_model, 0, .min = 1),
    XML_ATTR(DomainDisk, rawio, "rawio", tristate, 0),
    XML_ATTR_ENUM(DomainDisk, sgio, "sgio", disk_sgio, 0, .min = 1),
    XML_ATTR_ENUM(DomainDisk, snapshot, "snapshot", disk_snapshot, 0, .min = 1),
    XML_CHILD(DomainDisk, src.backing, &backing_schema, 0),
    XML_GROUP(&backend_schema, 0),
    XML_GROUP(&geometry_schema, 0),
    XML_GROUP(&blockio_schema, 0),
    XML_GROUP(&target_schema, XF_REQUIRED),
    XML_EMBED(DomainDisk, iotune, &iotune_schema, 0),
    XML_PRESENCE(DomainDisk, readonly, "readonly", 0),
    XML_PRESENCE(DomainDisk, shareable, "shareable", 0),
    XML_CHILD(DomainDisk, transient, &transient_schema, 0),
    XML_TEXT(DomainDisk, serial, "serial", string, 0),
    XML_TEXT(DomainDisk, wwn, "wwn", string, 0),
    XML_TEXT(DomainDisk, vendor, "vendor", string, 0),
    XML_TEXT(DomainDisk, product, "product", string, 0),
    XML_CHILD(DomainDisk, encryption, &domain_encryption_schema, 0),
    DOMAIN_INFO_FIELDS_BOOT(DomainDisk),
    XML_END
};

static void
disk_post_parse(void *obj)
{
    DomainDisk *disk = obj;

    if (disk->src.type == STORAGE_TYPE_NONE)
        disk->src.type = STORAGE_TYPE_FILE;
}

static bool
all_chars_in(const char *s, const char *set)
{
    return strspn(s, set) == strlen(s);
}

/* The cipher and IV generator are chosen when a volume is created. */
static bool
encryption_has_volume_parts(const DomainEncryption *e)
{
    return e && (e->cipher_name || e->ivgen_name);
}

/* Rules that hold for every hypervisor. */
static int
disk_validate(XmlCtx *ctx, const void *obj)
{
    const DomainDisk *disk = obj;
    static const char hex[] = "0123456789abcdefABCDEF";

    if (domain_disk_validate_target(ctx, disk) < 0)
        return -1;
    if (disk->wwn) {
        const char *w = g_str_has_prefix(disk->wwn, "0x") ? disk->wwn + 2 : disk->wwn;

        if (strlen(w) != 16 || !all_chars_in(w, hex)) {
            xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                          "malformed wwn '%s' in element '%s': expected 16 hex digits",
                          disk->wwn, xmlmap_ctx_path(ctx));
            return -1;
        }
    }
    if (disk->vendor && strlen(disk->vendor) > 8) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "disk vendor '%s' in element '%s' is longer than 8 characters",
                      disk->vendor, xmlmap_ctx_path(ctx));
        return -1;
    }
    if (disk->product && strlen(disk->product) > 16) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "disk product '%s' in element '%s' is longer than 16 characters",
                      disk->product, xmlmap_ctx_path(ctx));
        return -1;
    }
    if (disk->src.type == STORAGE_TYPE_NETWORK && disk->src.protocol != STORAGE_PROTO_NBD &&
        !disk->src.name) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "missing name for disk source protocol '%s' in element '%s'",
                      storage_protocol_to_string(disk->src.protocol), xmlmap_ctx_path(ctx));
        return -1;
    }
    if (disk->device != DISK_DEVICE_LUN && (disk->rawio || disk->sgio)) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "rawio and sgio are only valid for device='lun' in element '%s'",
                      xmlmap_ctx_path(ctx));
        return -1;
    }
    if (encryption_has_volume_parts(disk->encryption) ||
        encryption_has_volume_parts(disk->src.encryption)) {
        xmlmap_report(ctx, VIR_ERR_CONFIG_UNSUPPORTED,
                      "<cipher> and <ivgen> belong to storage volumes, not to the "
                      "encryption of a domain disk in element '%s'", xmlmap_ctx_path(ctx));
        return -1;
    }
    if (disk->auth && disk->src.auth) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "an <auth> element is allowed either in <disk> or in its <source>, "
                      "not both, in element '%s'", xmlmap_ctx_path(ctx));
        return -1;
    }
    if (disk->encryption && disk->src.encryption) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "an <encryption> element is allowed either in <disk> or in its "
                      "<source>, not both, in element '%s'", xmlmap_ctx_path(ctx));
        return -1;
    }
    return 0;
}

XML_SCHEMA(domain_disk, DomainDisk, "disk", disk_fields,
           .post_parse = disk_post_parse, .validate = disk_validate);
