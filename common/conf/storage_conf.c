/* common/conf/storage_conf.c: tables and rules for libvirt's <pool> XML and
 * the storage pieces volumes share. What a pool type prints in <source>, its
 * format names and defaults come from pool_types[]; post_parse fills the
 * defaults libvirt fills, validate holds every rule that can fail. */
#include "config.h"

#include <string.h>

#define ERR_DOMAIN VIR_FROM_STORAGE
#include "common/util/err.h"
#include "common/util/uuid.h"
#include "common/conf/storage_conf.h"

ENUM_STRINGS(pool_type, POOL_LAST,
             "dir", "fs", "netfs", "logical", "disk", "iscsi", "iscsi-direct", "scsi",
             "mpath", "rbd", "sheepdog", "gluster", "zfs", "vstorage");
ENUM_STRINGS(storage_auth_type, STORAGE_AUTH_LAST, "none", "chap", "ceph");
ENUM_STRINGS(storage_adapter_type, STORAGE_ADAPTER_LAST, "default", "scsi_host", "fc_host");
ENUM_STRINGS(pool_refresh_alloc, POOL_REFRESH_ALLOC_LAST, "default", "capacity");

static const char *const fs_formats[] = {
    "auto", "ext2", "ext3", "ext4", "ufs", "iso9660", "udf", "gfs", "gfs2", "vfat",
    "hfs+", "xfs", "ocfs2", "vmfs", NULL
};
static const char *const netfs_formats[] = { "auto", "nfs", "glusterfs", "cifs", NULL };
static const char *const disk_formats[] = {
    "unknown", "dos", "dvh", "gpt", "mac", "bsd", "pc98", "sun", "lvm2", NULL
};
static const char *const logical_formats[] = { "unknown", "lvm2", NULL };
static const char *const file_formats[] = {
    "raw", "dir", "bochs", "cloop", "dmg", "iso", "vpc", "vdi", "fat", "vhd", "ploop",
    "cow", "qcow", "qcow2", "qed", "vmdk", "luks", NULL
};
static const char *const disk_vol_formats[] = {
    "none", "linux", "fat16", "fat32", "linux-swap", "linux-lvm", "linux-raid", "extended",
    NULL
};

static const PoolTypeInfo pool_types[POOL_LAST] = {
    [POOL_DIR] = { 0, NULL, NULL, file_formats, "raw" },
    [POOL_FS] = { POOL_SRC_DEVICE, fs_formats, "auto", file_formats, "raw" },
    [POOL_NETFS] = { POOL_SRC_HOST | POOL_SRC_DIR, netfs_formats, "auto", file_formats, "raw" },
    [POOL_LOGICAL] = { POOL_SRC_NAME | POOL_SRC_DEVICE, logical_formats, "lvm2", NULL, NULL },
    [POOL_DISK] = { POOL_SRC_DEVICE, disk_formats, "unknown", disk_vol_formats, "none" },
    [POOL_ISCSI] = { POOL_SRC_HOST | POOL_SRC_DEVICE | POOL_SRC_INITIATOR, NULL, NULL,
                     NULL, NULL },
    [POOL_ISCSI_DIRECT] = { POOL_SRC_HOST | POOL_SRC_DEVICE | POOL_SRC_NETWORK |
                            POOL_SRC_INITIATOR, NULL, NULL, NULL, NULL },
    [POOL_SCSI] = { POOL_SRC_ADAPTER, NULL, NULL, NULL, NULL },
    [POOL_MPATH] = { 0, NULL, NULL, NULL, NULL },
    [POOL_RBD] = { POOL_SRC_HOST | POOL_SRC_NETWORK | POOL_SRC_NAME, NULL, NULL,
                   file_formats, "raw" },
    [POOL_SHEEPDOG] = { POOL_SRC_HOST | POOL_SRC_NETWORK | POOL_SRC_NAME, NULL, NULL,
                        NULL, NULL },
    [POOL_GLUSTER] = { POOL_SRC_HOST | POOL_SRC_NETWORK | POOL_SRC_NAME | POOL_SRC_DIR,
                       NULL, NULL, file_formats, "raw" },
    [POOL_ZFS] = { POOL_SRC_NAME | POOL_SRC_DEVICE, NULL, NULL, NULL, NULL },
    [POOL_VSTORAGE] = { POOL_SRC_NAME, NULL, NULL, file_formats, "raw" },
};

/**
 * pool_type_info() - the per-type rules of a storage pool
 * @type: PoolType
 *
 * Return: the rules, or NULL for an out-of-range type.
 */
const PoolTypeInfo *
pool_type_info(int type)
{
    return type >= 0 && type < POOL_LAST ? &pool_types[type] : NULL;
}

/**
 * pool_name_in() - look a name up in a NULL-terminated name list
 * @names: the list, may be NULL
 * @name: name to find, may be NULL
 *
 * Return: true when found.
 */
bool
pool_name_in(const char *const *names, const char *name)
{
    for (; names && name && *names; names++) {
        if (g_str_equal(*names, name))
            return true;
    }
    return false;
}

/**
 * storage_path_sanitize() - normalize a pool or volume path
 * @path: path
 *
 * Return: a new string with repeated slashes collapsed and a trailing slash
 * removed (except for "/" itself).
 */
char *
storage_path_sanitize(const char *path)
{
    GString *s = g_string_new(NULL);

    for (const char *p = path; *p; p++) {
        if (*p == '/' && s->len && s->str[s->len - 1] == '/')
            continue;
        g_string_append_c(s, *p);
    }
    if (s->len > 1 && s->str[s->len - 1] == '/')
        g_string_truncate(s, s->len - 1);
    return g_string_free(s, FALSE);
}

static void
sanitize_in_place(char **path)
{
    if (*path) {
        char *clean = storage_path_sanitize(*path);

        g_free(*path);
        *path = clean;
    }
}

/* ---- shared: permissions, secrets, auth ------------------------------------- */

static const XmlField perms_fields[] = {
    XML_TEXT(StoragePerms, mode, "mode", octal, 0, .max = 0777,
             XML_HAS(StoragePerms, mode_set)),
    XML_TEXT(StoragePerms, owner, "owner", int, 0, .smin = -1,
             XML_HAS(StoragePerms, owner_set)),
    XML_TEXT(StoragePerms, group, "group", int, 0, .smin = -1,
             XML_HAS(StoragePerms, group_set)),
    XML_TEXT(StoragePerms, label, "label", string, 0),
    XML_END
};

/* -1 was once written for "no owner"; it still means unset. */
static void
perms_post_parse(void *obj)
{
    StoragePerms *p = obj;

    if (p->owner_set && p->owner == -1)
        p->owner_set = false;
    if (p->group_set && p->group == -1)
        p->group_set = false;
}

XML_SCHEMA(storage_perms, StoragePerms, "permissions", perms_fields,
           .post_parse = perms_post_parse);

/**
 * secret_lookup_validate() - check a <secret> lookup names exactly one key
 * @ctx: parse context (for the path)
 * @s: the lookup
 *
 * Return: 0, or -1 with VIR_ERR_XML_ERROR reported.
 */
int
secret_lookup_validate(XmlCtx *ctx, const SecretLookup *s)
{
    bool has_uuid = !uuid_is_null(s->uuid);

    if (has_uuid == (s->usage != NULL)) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "<secret> in '%s' needs exactly one of the uuid and usage attributes",
                      xmlmap_ctx_path(ctx));
        return -1;
    }
    return 0;
}

static const XmlField auth_secret_fields[] = {
    XML_ATTR(StorageAuth, secret.type, "type", string, 0),
    XML_ATTR(StorageAuth, secret.uuid, "uuid", uuid, 0),
    XML_ATTR(StorageAuth, secret.usage, "usage", string, 0),
    XML_END
};
static XML_SCHEMA(auth_secret, StorageAuth, "secret", auth_secret_fields);

static const XmlField auth_fields[] = {
    XML_ATTR_ENUM(StorageAuth, type, "type", storage_auth_type, 0, .min = 1,
                  .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_ATTR(StorageAuth, username, "username", string, XF_REQUIRED),
    XML_GROUP(&auth_secret_schema, XF_REQUIRED),
    XML_END
};

static int
auth_validate(XmlCtx *ctx, const void *obj)
{
    return secret_lookup_validate(ctx, &((const StorageAuth *) obj)->secret);
}

XML_SCHEMA(storage_auth, StorageAuth, "auth", auth_fields, .validate = auth_validate);

/* ---- <encryption> ------------------------------------------------------------ */

ENUM_STRINGS(storage_enc_format, STORAGE_ENC_LAST, "default", "qcow", "luks", "luks2");
ENUM_STRINGS(storage_enc_engine, STORAGE_ENC_ENGINE_LAST, "default", "qemu", "librbd");
ENUM_STRINGS_STATIC(enc_secret_type, 1, "passphrase");

static const XmlField enc_secret_fields[] = {
    XML_ATTR_ENUM(StorageEncSecret, type, "type", enc_secret_type, XF_REQUIRED),
    XML_ATTR(StorageEncSecret, uuid, "uuid", uuid, 0),
    XML_ATTR(StorageEncSecret, usage, "usage", string, 0),
    XML_END
};

static int
enc_secret_validate(XmlCtx *ctx, const void *obj)
{
    const StorageEncSecret *s = obj;
    SecretLookup l = { .usage = s->usage };

    memcpy(l.uuid, s->uuid, sizeof(l.uuid));
    return secret_lookup_validate(ctx, &l);
}

static XML_SCHEMA(enc_secret, StorageEncSecret, "secret", enc_secret_fields,
                  .validate = enc_secret_validate);

static const XmlField cipher_fields[] = {
    XML_ATTR(StorageEncryption, cipher_name, "name", string, XF_REQUIRED),
    XML_ATTR(StorageEncryption, cipher_size, "size", uint, XF_REQUIRED),
    XML_ATTR(StorageEncryption, cipher_mode, "mode", string, 0),
    XML_ATTR(StorageEncryption, cipher_hash, "hash", string, 0),
    XML_END
};
static XML_SCHEMA(cipher, StorageEncryption, "cipher", cipher_fields);

static const XmlField ivgen_fields[] = {
    XML_ATTR(StorageEncryption, ivgen_name, "name", string, XF_REQUIRED),
    XML_ATTR(StorageEncryption, ivgen_hash, "hash", string, 0),
    XML_END
};
static XML_SCHEMA(ivgen, StorageEncryption, "ivgen", ivgen_fields);

static const XmlField encryption_fields[] = {
    XML_ATTR_ENUM(StorageEncryption, format, "format", storage_enc_format, XF_REQUIRED),
    XML_ATTR_ENUM(StorageEncryption, engine, "engine", storage_enc_engine, 0, .min = 1),
    XML_CHILDREN(StorageEncryption, secrets, nsecrets, &enc_secret_schema, 0),
    XML_GROUP(&cipher_schema, 0, XML_HAS(StorageEncryption, has_cipher)),
    XML_GROUP(&ivgen_schema, 0, XML_HAS(StorageEncryption, has_ivgen)),
    XML_END
};

XML_SCHEMA(storage_encryption, StorageEncryption, "encryption", encryption_fields);

/* ---- <adapter> ---------------------------------------------------------------- */

static const XmlField parentaddr_addr_fields[] = {
    PCI_ADDR_FIELDS(StorageAdapter, parent_addr),
    XML_END
};
static XML_SCHEMA(parentaddr_addr, StorageAdapter, "address", parentaddr_addr_fields);

static const XmlField parentaddr_fields[] = {
    XML_ATTR(StorageAdapter, unique_id, "unique_id", int, XF_REQUIRED, .smin = 0),
    XML_GROUP(&parentaddr_addr_schema, XF_REQUIRED),
    XML_END
};
static XML_SCHEMA(parentaddr, StorageAdapter, "parentaddr", parentaddr_fields);

static const XmlField scsi_host_fields[] = {
    XML_ATTR(StorageAdapter, name, "name", string, 0),
    XML_GROUP(&parentaddr_schema, 0, XML_HAS(StorageAdapter, has_parent)),
    XML_END
};
static XML_SCHEMA(scsi_host, StorageAdapter, "adapter", scsi_host_fields);

static const XmlField fc_host_fields[] = {
    XML_ATTR(StorageAdapter, parent, "parent", string, 0),
    XML_ATTR(StorageAdapter, parent_wwnn, "parent_wwnn", string, 0),
    XML_ATTR(StorageAdapter, parent_wwpn, "parent_wwpn", string, 0),
    XML_ATTR(StorageAdapter, parent_fabric_wwn, "parent_fabric_wwn", string, 0),
    XML_ATTR(StorageAdapter, managed, "managed", tristate, 0),
    XML_ATTR(StorageAdapter, wwnn, "wwnn", string, 0),
    XML_ATTR(StorageAdapter, wwpn, "wwpn", string, 0),
    XML_END
};
static XML_SCHEMA(fc_host, StorageAdapter, "adapter", fc_host_fields);

static const XmlUnionCase adapter_cases[] = {
    XML_CASE_SAME(STORAGE_ADAPTER_SCSI_HOST, &scsi_host_schema),
    XML_CASE_SAME(STORAGE_ADAPTER_FC_HOST, &fc_host_schema),
};

/* Old configs name a SCSI host with name= alone; the scsi_host case prints it. */
static bool
omit_always(const void *obj, unsigned int flags)
{
    return true;
}

static const XmlField adapter_fields[] = {
    XML_UNION(StorageAdapter, type, "type", storage_adapter_type, adapter_cases, 0, .min = 1),
    XML_ATTR(StorageAdapter, name, "name", string, 0, XML_OMIT_IF(omit_always)),
    XML_END
};

static void
adapter_post_parse(void *obj)
{
    StorageAdapter *a = obj;

    if (a->type == STORAGE_ADAPTER_DEFAULT && a->name)
        a->type = STORAGE_ADAPTER_SCSI_HOST;
}

/* World wide names are 16 hex digits, optionally prefixed with 0x. */
static bool
wwn_valid(const char *wwn)
{
    const char *p = wwn;

    if (g_str_has_prefix(p, "0x"))
        p += 2;
    if (strlen(p) != 16)
        return false;
    for (; *p; p++) {
        if (!g_ascii_isxdigit(*p))
            return false;
    }
    return true;
}

static int
adapter_validate(XmlCtx *ctx, const void *obj)
{
    const StorageAdapter *a = obj;
    const char *path = xmlmap_ctx_path(ctx);

    if (a->type == STORAGE_ADAPTER_SCSI_HOST && !a->name == !a->has_parent) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "scsi_host '%s' needs exactly one of name= and <parentaddr>", path);
        return -1;
    }
    if (a->type == STORAGE_ADAPTER_FC_HOST) {
        const char *wwns[] = { a->wwnn, a->wwpn, a->parent_wwnn, a->parent_wwpn,
                               a->parent_fabric_wwn };

        if (!a->wwnn || !a->wwpn) {
            xmlmap_report(ctx, VIR_ERR_XML_ERROR, "fc_host '%s' needs wwnn and wwpn", path);
            return -1;
        }
        if (!a->parent_wwnn != !a->parent_wwpn) {
            xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                          "fc_host '%s' needs both parent_wwnn and parent_wwpn, or neither",
                          path);
            return -1;
        }
        for (size_t i = 0; i < G_N_ELEMENTS(wwns); i++) {
            if (wwns[i] && !wwn_valid(wwns[i])) {
                xmlmap_report(ctx, VIR_ERR_XML_ERROR, "malformed WWN '%s' in '%s'", wwns[i],
                              path);
                return -1;
            }
        }
    }
    return 0;
}

static XML_SCHEMA(adapter, StorageAdapter, "adapter", adapter_fields,
                  .post_parse = adapter_post_parse, .validate = adapter_validate);

/* ---- <source> ------------------------------------------------------------------ */

static const XmlField host_fields[] = {
    XML_ATTR(PoolSourceHost, name, "name", string, XF_REQUIRED),
    XML_ATTR(PoolSourceHost, port, "port", int, XF_OMIT_DEFAULT, .smin = 0, .smax = 65535),
    XML_END
};
static XML_SCHEMA(host, PoolSourceHost, "host", host_fields);

static const XmlField extent_fields[] = {
    XML_ATTR(PoolFreeExtent, start, "start", ullong, 0),
    XML_ATTR(PoolFreeExtent, end, "end", ullong, 0),
    XML_END
};
static XML_SCHEMA(extent, PoolFreeExtent, "freeExtent", extent_fields);

static const XmlField device_fields[] = {
    XML_ATTR(PoolSourceDevice, path, "path", string, XF_REQUIRED),
    XML_ATTR(PoolSourceDevice, part_separator, "part_separator", tristate, 0),
    XML_CHILDREN(PoolSourceDevice, extents, nextents, &extent_schema, XF_FORMAT_ONLY),
    XML_END
};
static XML_SCHEMA(device, PoolSourceDevice, "device", device_fields);

static const XmlField dir_fields[] = {
    XML_ATTR(PoolSource, dir, "path", string, 0),
    XML_END
};
static XML_SCHEMA(dir, PoolSource, "dir", dir_fields);

static const XmlField iqn_fields[] = {
    XML_ATTR(PoolSource, initiator_iqn, "name", string, XF_REQUIRED),
    XML_END
};
static XML_SCHEMA(iqn, PoolSource, "iqn", iqn_fields);

static const XmlField initiator_fields[] = {
    XML_GROUP(&iqn_schema, 0),
    XML_END
};
static XML_SCHEMA(initiator, PoolSource, "initiator", initiator_fields);

static const XmlField format_fields[] = {
    XML_ATTR(PoolSource, format, "type", string, XF_REQUIRED),
    XML_END
};
static XML_SCHEMA(format, PoolSource, "format", format_fields);

static const XmlField protocol_fields[] = {
    XML_ATTR(PoolSource, protocol_ver, "ver", string, 0),
    XML_END
};
static XML_SCHEMA(protocol, PoolSource, "protocol", protocol_fields);

static const XmlField vendor_fields[] = {
    XML_ATTR(PoolSource, vendor, "name", string, 0),
    XML_END
};
static XML_SCHEMA(vendor, PoolSource, "vendor", vendor_fields);

static const XmlField product_fields[] = {
    XML_ATTR(PoolSource, product, "name", string, 0),
    XML_END
};
static XML_SCHEMA(product, PoolSource, "product", product_fields);

static unsigned int
src_flags(const void *obj)
{
    const PoolTypeInfo *info = pool_type_info(((const PoolSource *) obj)->pool_type);

    return info ? info->src_flags : 0;
}

static bool
omit_unless_host(const void *obj, unsigned int flags)
{
    return !(src_flags(obj) & POOL_SRC_HOST);
}

static bool
omit_unless_device(const void *obj, unsigned int flags)
{
    return !(src_flags(obj) & POOL_SRC_DEVICE);
}

static bool
omit_unless_dir(const void *obj, unsigned int flags)
{
    return !(src_flags(obj) & POOL_SRC_DIR);
}

static bool
omit_unless_adapter(const void *obj, unsigned int flags)
{
    const PoolSource *src = obj;

    return !(src_flags(obj) & POOL_SRC_ADAPTER) || !src->adapter ||
        src->adapter->type == STORAGE_ADAPTER_DEFAULT;
}

static bool
omit_unless_name(const void *obj, unsigned int flags)
{
    return !(src_flags(obj) & POOL_SRC_NAME);
}

static bool
omit_unless_initiator(const void *obj, unsigned int flags)
{
    return !(src_flags(obj) & POOL_SRC_INITIATOR);
}

static const XmlField source_fields[] = {
    XML_CHILDREN(PoolSource, hosts, nhosts, &host_schema, 0, XML_OMIT_IF(omit_unless_host)),
    XML_CHILDREN(PoolSource, devices, ndevices, &device_schema, 0,
                 XML_OMIT_IF(omit_unless_device)),
    XML_GROUP(&dir_schema, 0, XML_OMIT_IF(omit_unless_dir)),
    XML_CHILD(PoolSource, adapter, &adapter_schema, 0, XML_OMIT_IF(omit_unless_adapter)),
    XML_TEXT(PoolSource, name, "name", string, 0, XML_OMIT_IF(omit_unless_name)),
    XML_GROUP(&initiator_schema, 0, XML_OMIT_IF(omit_unless_initiator)),
    XML_GROUP(&format_schema, 0),
    XML_CHILD(PoolSource, auth, &storage_auth_schema, 0),
    XML_GROUP(&protocol_schema, 0),
    XML_GROUP(&vendor_schema, 0),
    XML_GROUP(&product_schema, 0),
    XML_END
};

static int
source_validate(XmlCtx *ctx, const void *obj)
{
    const PoolSource *src = obj;
    const PoolTypeInfo *info = pool_type_info(src->pool_type);

    if (src->format && !pool_name_in(info->formats, src->format)) {
        xmlmap_report(ctx, VIR_ERR_CONFIG_UNSUPPORTED,
                      "unknown format '%s' for a '%s' pool in '%s'", src->format,
                      pool_type_to_string(src->pool_type), xmlmap_ctx_path(ctx));
        return -1;
    }
    if (src->auth && src->auth->type == STORAGE_AUTH_NONE) {
        xmlmap_report(ctx, VIR_ERR_CONFIG_UNSUPPORTED, "<auth> in '%s' needs a type",
                      xmlmap_ctx_path(ctx));
        return -1;
    }
    if (src->protocol_ver) {
        if (src->pool_type != POOL_NETFS ||
            !(g_str_equal(src->format, "nfs") || g_str_equal(src->format, "auto"))) {
            xmlmap_report(ctx, VIR_ERR_CONFIG_UNSUPPORTED,
                          "<protocol ver=> in '%s' is only supported for nfs pools",
                          xmlmap_ctx_path(ctx));
            return -1;
        }
        if (strchr(src->protocol_ver, ',')) {
            xmlmap_report(ctx, VIR_ERR_XML_DETAIL,
                          "protocol ver '%s' in '%s' must not contain ','",
                          src->protocol_ver, xmlmap_ctx_path(ctx));
            return -1;
        }
    }
    return 0;
}

XML_SCHEMA(pool_source, PoolSource, "source", source_fields,
           .flags = XS_NO_SELF_CLOSE, .validate = source_validate);

/* ---- <pool> ---------------------------------------------------------------------- */

static const XmlField cow_fields[] = {
    XML_ATTR(PoolDef, cow, "state", tristate, XF_REQUIRED),
    XML_END
};
static XML_SCHEMA(cow, PoolDef, "cow", cow_fields);

static const XmlField features_fields[] = {
    XML_GROUP(&cow_schema, 0),
    XML_END
};
static XML_SCHEMA(features, PoolDef, "features", features_fields);

static const XmlField target_fields[] = {
    XML_TEXT(PoolDef, target_path, "path", string, 0),
    XML_EMBED(PoolDef, target_perms, &storage_perms_schema, 0),
    XML_END
};
static XML_SCHEMA(target, PoolDef, "target", target_fields);

static bool
omit_network_target(const void *obj, unsigned int flags)
{
    const PoolTypeInfo *info = pool_type_info(((const PoolDef *) obj)->type);

    return info && (info->src_flags & POOL_SRC_NETWORK);
}

static const XmlField refresh_volume_fields[] = {
    XML_ATTR_ENUM(PoolDef, refresh_alloc, "allocation", pool_refresh_alloc, 0,
                  .errcode = VIR_ERR_CONFIG_UNSUPPORTED, XML_HAS(PoolDef, has_refresh)),
    XML_END
};
static XML_SCHEMA(refresh_volume, PoolDef, "volume", refresh_volume_fields);

static const XmlField refresh_fields[] = {
    XML_GROUP(&refresh_volume_schema, 0),
    XML_END
};
static XML_SCHEMA(refresh, PoolDef, "refresh", refresh_fields);

static const XmlField mount_opt_fields[] = {
    XML_ATTR(PoolMountOpt, name, "name", string, XF_REQUIRED),
    XML_END
};
static XML_SCHEMA(mount_opt, PoolMountOpt, "fs:option", mount_opt_fields);

static const XmlField mount_opts_fields[] = {
    XML_CHILDREN(PoolDef, mount_opts, nmount_opts, &mount_opt_schema, 0, .ns = POOL_FS_NS),
    XML_END
};
static XML_SCHEMA(mount_opts, PoolDef, "fs:mount_opts", mount_opts_fields);

static const XmlField rbd_opt_fields[] = {
    XML_ATTR(PoolRbdOpt, name, "name", string, XF_REQUIRED),
    XML_ATTR(PoolRbdOpt, value, "value", string, XF_REQUIRED),
    XML_END
};
static XML_SCHEMA(rbd_opt, PoolRbdOpt, "rbd:option", rbd_opt_fields);

static const XmlField rbd_opts_fields[] = {
    XML_CHILDREN(PoolDef, rbd_opts, nrbd_opts, &rbd_opt_schema, 0, .ns = POOL_RBD_NS),
    XML_END
};
static XML_SCHEMA(rbd_opts, PoolDef, "rbd:config_opts", rbd_opts_fields);

static const XmlField pool_fields[] = {
    XML_ATTR_ENUM(PoolDef, type, "type", pool_type, XF_REQUIRED),
    XML_NSDECL("fs", POOL_FS_NS),
    XML_NSDECL("rbd", POOL_RBD_NS),
    XML_TEXT(PoolDef, name, "name", string, 0),
    XML_TEXT(PoolDef, uuid, "uuid", uuid, 0),
    XML_TEXT(PoolDef, capacity, "capacity", scaled, XF_FORMAT_ONLY, .unit = "bytes"),
    XML_TEXT(PoolDef, allocation, "allocation", scaled, XF_FORMAT_ONLY, .unit = "bytes"),
    XML_TEXT(PoolDef, available, "available", scaled, XF_FORMAT_ONLY, .unit = "bytes"),
    XML_GROUP(&features_schema, 0),
    XML_EMBED(PoolDef, source, &pool_source_schema, XF_KEEP_EMPTY),
    XML_GROUP(&target_schema, 0, XML_OMIT_IF(omit_network_target)),
    XML_GROUP(&refresh_schema, 0),
    XML_GROUP(&mount_opts_schema, 0, .ns = POOL_FS_NS),
    XML_GROUP(&rbd_opts_schema, 0, .ns = POOL_RBD_NS),
    XML_END
};

/* The defaults libvirt fills in: a source name from the pool name (and the
 * other way round), the default source format, gluster's "/" directory, the
 * derived target of logical and zfs pools, clean paths. */
static void
pool_post_parse(void *obj)
{
    PoolDef *def = obj;
    PoolSource *src = &def->source;
    const PoolTypeInfo *info = pool_type_info(def->type);

    src->pool_type = def->type;
    if (uuid_is_null(def->uuid))
        uuid_generate(def->uuid);
    if (!def->name && (info->src_flags & POOL_SRC_NAME) && src->name)
        def->name = g_strdup(src->name);
    if (!src->name && (info->src_flags & POOL_SRC_NAME) && def->name)
        src->name = g_strdup(def->name);
    if (!info->formats)
        g_clear_pointer(&src->format, g_free);
    else if (!src->format)
        src->format = g_strdup(info->default_format);
    sanitize_in_place(&src->dir);
    if (!src->dir && def->type == POOL_GLUSTER)
        src->dir = g_strdup("/");
    if (def->type == POOL_LOGICAL && src->name) {
        g_free(def->target_path);
        def->target_path = g_strdup_printf("/dev/%s", src->name);
    } else if (def->type == POOL_ZFS && src->name) {
        g_free(def->target_path);
        def->target_path = g_strdup_printf("/dev/zvol/%s", src->name);
    }
    sanitize_in_place(&def->target_path);
    if (def->type != POOL_FS && def->type != POOL_NETFS) {
        for (size_t i = 0; i < def->nmount_opts; i++)
            g_free(def->mount_opts[i].name);
        g_clear_pointer(&def->mount_opts, g_free);
        def->nmount_opts = 0;
    }
    if (def->type != POOL_RBD) {
        for (size_t i = 0; i < def->nrbd_opts; i++) {
            g_free(def->rbd_opts[i].name);
            g_free(def->rbd_opts[i].value);
        }
        g_clear_pointer(&def->rbd_opts, g_free);
        def->nrbd_opts = 0;
    }
}

static int
pool_validate_source(XmlCtx *ctx, const PoolDef *def, const PoolTypeInfo *info)
{
    const PoolSource *src = &def->source;

    if ((info->src_flags & POOL_SRC_HOST) && src->nhosts == 0) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR, "a '%s' pool needs a source <host>",
                      pool_type_to_string(def->type));
        return -1;
    }
    if ((info->src_flags & POOL_SRC_DIR) && !src->dir) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR, "a '%s' pool needs a source <dir path=>",
                      pool_type_to_string(def->type));
        return -1;
    }
    if ((info->src_flags & POOL_SRC_ADAPTER) &&
        (!src->adapter || src->adapter->type == STORAGE_ADAPTER_DEFAULT)) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR, "a '%s' pool needs a source <adapter>",
                      pool_type_to_string(def->type));
        return -1;
    }
    if (info->src_flags == POOL_SRC_DEVICE && src->ndevices == 0) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR, "a '%s' pool needs a source <device path=>",
                      pool_type_to_string(def->type));
        return -1;
    }
    if (def->type == POOL_RBD && !src->name) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR, "an rbd pool needs a source <name>");
        return -1;
    }
    if (def->type == POOL_ISCSI_DIRECT && !src->initiator_iqn) {
        xmlmap_report(ctx, VIR_ERR_CONFIG_UNSUPPORTED,
                      "an iscsi-direct pool needs an initiator IQN");
        return -1;
    }
    return 0;
}

static int
pool_validate(XmlCtx *ctx, const void *obj)
{
    const PoolDef *def = obj;
    const PoolTypeInfo *info = pool_type_info(def->type);

    if (!def->name) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR, "%s", "missing pool source name element");
        return -1;
    }
    if (strchr(def->name, '/')) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR, "name %s cannot contain '/'", def->name);
        return -1;
    }
    if (def->cow && def->type != POOL_FS && def->type != POOL_DIR) {
        xmlmap_report(ctx, VIR_ERR_NO_SUPPORT,
                      "the cow feature is only available for 'fs' and 'dir' pools");
        return -1;
    }
    if (pool_validate_source(ctx, def, info) < 0)
        return -1;
    if (!(info->src_flags & POOL_SRC_NETWORK) && !def->target_path) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR, "a '%s' pool needs a <target><path>",
                      pool_type_to_string(def->type));
        return -1;
    }
    return 0;
}

XML_SCHEMA(pool_def, PoolDef, "pool", pool_fields,
           .domain = VIR_FROM_STORAGE, .doc_label = "(storage_pool_definition)",
           .post_parse = pool_post_parse, .validate = pool_validate);

/**
 * pool_def_parse_string() - parse storage pool XML
 * @xml: document text
 * @flags: XMLMAP_PARSE_*
 *
 * Return: the pool, or NULL with an error reported.
 */
PoolDef *
pool_def_parse_string(const char *xml, unsigned int flags)
{
    void *def = NULL;

    if (xmlmap_parse_string(&pool_def_schema, xml, &def, flags) < 0)
        return NULL;
    return def;
}

/**
 * pool_def_format() - format a storage pool
 * @def: pool (source.pool_type must equal type, as the parser leaves it)
 * @flags: XMLMAP_FORMAT_*
 *
 * Return: the XML text (caller frees).
 */
char *
pool_def_format(const PoolDef *def, unsigned int flags)
{
    return xmlmap_format(&pool_def_schema, def, flags);
}

/**
 * pool_def_free() - free a storage pool definition
 * @def: pool, may be NULL
 */
void
pool_def_free(PoolDef *def)
{
    xmlmap_free(&pool_def_schema, def);
}
