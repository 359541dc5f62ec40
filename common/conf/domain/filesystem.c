/* common/conf/domain/filesystem.c: the <filesystem> table. Every source type
 * uses its own attribute of <source> (dir, socket, file, dev, name, usage,
 * pool/volume); the table lists them all in one element and validation
 * checks that the one the type needs is there. */
#include "config.h"

#define ERR_DOMAIN VIR_FROM_DOMAIN
#include "common/util/err.h"
#include "common/conf/domain/devices.h"

ENUM_STRINGS(fs_type, FS_TYPE_LAST,
             "mount", "block", "file", "template", "ram", "bind", "volume");
ENUM_STRINGS(fs_driver_type, FS_DRIVER_LAST,
             "default", "path", "handle", "loop", "nbd", "ploop", "virtiofs");
ENUM_STRINGS_STATIC(fs_access, FS_ACCESS_LAST, "default", "passthrough", "mapped", "squash");
ENUM_STRINGS_STATIC(fs_model, 4,
                    "default", "virtio", "virtio-transitional", "virtio-non-transitional");
ENUM_STRINGS_STATIC(fs_multidevs, 4, "default", "remap", "forbid", "warn");
ENUM_STRINGS_STATIC(fs_wrpolicy, 2, "default", "immediate");
ENUM_STRINGS_STATIC(fs_cache_mode, 3, "default", "none", "always");
ENUM_STRINGS_STATIC(fs_sandbox_mode, 3, "default", "namespace", "chroot");

static const XmlField fs_driver_fields[] = {
    XML_ATTR_ENUM(DomainFs, driver_type, "type", fs_driver_type, 0, .min = 1,
                  .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_ATTR(DomainFs, driver_format, "format", string, 0),
    XML_ATTR(DomainFs, queue, "queue", uint, XF_OMIT_DEFAULT),
    XML_ATTR_ENUM(DomainFs, wrpolicy, "wrpolicy", fs_wrpolicy, 0, .min = 1),
    DOMAIN_VIRTIO_FIELDS(DomainFs, virtio),
    XML_END
};
static XML_SCHEMA(fs_driver, DomainFs, "driver", fs_driver_fields);

#define ONE_ATTR_ELEMENT(var, elem, fld, attr, kind, ...) \
    static const XmlField var##_fields[] = { \
        kind(DomainFs, fld, attr, __VA_ARGS__), XML_END }; \
    static XML_SCHEMA(var, DomainFs, elem, var##_fields)

ONE_ATTR_ELEMENT(bin_cache, "cache", cache_mode, "mode", XML_ATTR_ENUM, fs_cache_mode, 0,
                 .min = 1);
ONE_ATTR_ELEMENT(bin_sandbox, "sandbox", sandbox_mode, "mode", XML_ATTR_ENUM,
                 fs_sandbox_mode, 0, .min = 1);
ONE_ATTR_ELEMENT(bin_pool, "thread_pool", thread_pool_size, "size", XML_ATTR, int, 0,
                 .smin = -1, XML_HAS(DomainFs, has_thread_pool_size));

static const XmlField bin_lock_fields[] = {
    XML_ATTR(DomainFs, lock_posix, "posix", switch, 0),
    XML_ATTR(DomainFs, lock_flock, "flock", switch, 0),
    XML_END
};
static XML_SCHEMA(bin_lock, DomainFs, "lock", bin_lock_fields);

static const XmlField fs_binary_fields[] = {
    XML_ATTR(DomainFs, binary_path, "path", string, 0),
    XML_ATTR(DomainFs, binary_xattr, "xattr", switch, 0),
    XML_GROUP(&bin_cache_schema, 0),
    XML_GROUP(&bin_sandbox_schema, 0),
    XML_GROUP(&bin_lock_schema, 0),
    XML_GROUP(&bin_pool_schema, 0),
    XML_END
};
static XML_SCHEMA(fs_binary, DomainFs, "binary", fs_binary_fields);

static const XmlField fs_source_fields[] = {
    XML_ATTR(DomainFs, src_dir, "dir", string, 0),
    XML_ATTR(DomainFs, src_socket, "socket", string, 0),
    XML_ATTR(DomainFs, src_file, "file", string, 0),
    XML_ATTR(DomainFs, src_dev, "dev", string, 0),
    XML_ATTR(DomainFs, src_name, "name", string, 0),
    XML_ATTR(DomainFs, src_usage, "usage", ullong, XF_OMIT_DEFAULT),
    XML_ATTR(DomainFs, src_units, "units", string, 0),
    XML_ATTR(DomainFs, src_pool, "pool", string, 0),
    XML_ATTR(DomainFs, src_volume, "volume", string, 0),
    XML_END
};
static XML_SCHEMA(fs_source, DomainFs, "source", fs_source_fields);

static const XmlField fs_target_fields[] = {
    XML_ATTR(DomainFs, dst, "dir", string, XF_REQUIRED | XF_NONEMPTY),
    XML_END
};
static XML_SCHEMA(fs_target, DomainFs, "target", fs_target_fields);

static const XmlField fs_fields[] = {
    XML_ATTR_ENUM(DomainFs, type, "type", fs_type, 0, .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_ATTR_ENUM(DomainFs, accessmode, "accessmode", fs_access, 0, .min = 1,
                  .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_ATTR_ENUM(DomainFs, model, "model", fs_model, 0, .min = 1),
    XML_ATTR_ENUM(DomainFs, multidevs, "multidevs", fs_multidevs, 0, .min = 1),
    XML_ATTR(DomainFs, fmode, "fmode", octal, XF_OMIT_DEFAULT, .max = 0777),
    XML_ATTR(DomainFs, dmode, "dmode", octal, XF_OMIT_DEFAULT, .max = 0777),
    XML_GROUP(&fs_driver_schema, 0),
    XML_GROUP(&fs_binary_schema, 0),
    XML_GROUP(&fs_source_schema, 0),
    XML_GROUP(&fs_target_schema, XF_REQUIRED),
    XML_PRESENCE(DomainFs, readonly, "readonly", 0),
    DOMAIN_INFO_FIELDS_BOOT(DomainFs),
    XML_TEXT(DomainFs, space_hard_limit, "space_hard_limit", scaled, XF_OMIT_DEFAULT,
             .unit = "bytes"),
    XML_TEXT(DomainFs, space_soft_limit, "space_soft_limit", scaled, XF_OMIT_DEFAULT,
             .unit = "bytes"),
    XML_END
};

/* The access mode defaults to passthrough, and libvirt writes it out,
 * except for a virtiofs share served by an external daemon (source socket),
 * where the mode is the daemon's business. */
static void
fs_post_parse(void *obj)
{
    DomainFs *fs = obj;

    if (fs->accessmode == FS_ACCESS_DEFAULT && !fs->src_socket)
        fs->accessmode = FS_ACCESS_PASSTHROUGH;
}

static int
fs_validate(XmlCtx *ctx, const void *obj)
{
    const DomainFs *fs = obj;
    const char *want = NULL;
    bool ok = true;

    switch ((FsType) fs->type) {
    case FS_TYPE_MOUNT:
        want = "dir' or 'socket";
        ok = fs->src_dir || fs->src_socket;
        break;
    case FS_TYPE_BIND:
        want = "dir";
        ok = fs->src_dir != NULL;
        break;
    case FS_TYPE_BLOCK:
        want = "dev";
        ok = fs->src_dev != NULL;
        break;
    case FS_TYPE_FILE:
        want = "file";
        ok = fs->src_file != NULL;
        break;
    case FS_TYPE_TEMPLATE:
        want = "name";
        ok = fs->src_name != NULL;
        break;
    case FS_TYPE_RAM:
        want = "usage";
        ok = fs->src_usage != 0;
        break;
    case FS_TYPE_VOLUME:
        want = "pool' and 'volume";
        ok = fs->src_pool && fs->src_volume;
        break;
    case FS_TYPE_LAST:
        break;
    }
    if (!ok) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "missing source attribute '%s' for filesystem type '%s' in element '%s'",
                      want, fs_type_to_string(fs->type), xmlmap_ctx_path(ctx));
        return -1;
    }
    if (fs->src_socket && fs->driver_type != FS_DRIVER_VIRTIOFS) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "a source socket needs the virtiofs driver in element '%s'",
                      xmlmap_ctx_path(ctx));
        return -1;
    }
    return 0;
}

XML_SCHEMA(domain_fs, DomainFs, "filesystem", fs_fields,
           .post_parse = fs_post_parse, .validate = fs_validate);
