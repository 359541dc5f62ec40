/* common/conf/storagevol_conf.c: table and rules for libvirt's <volume> XML.
 * Sizes, timestamps and extents are output only (the driver measures them);
 * format names are checked against the owning pool type's list. */
#include "config.h"

#include <limits.h>
#include <string.h>

#define ERR_DOMAIN VIR_FROM_STORAGE
#include "common/util/err.h"
#include "common/util/parse.h"
#include "common/conf/storagevol_conf.h"

ENUM_STRINGS(vol_type, VOL_LAST, "file", "block", "dir", "network", "netdir", "ploop");

/* ---- <source> (output only) --------------------------------------------- */

static const XmlField extent_fields[] = {
    XML_ATTR(VolExtent, start, "start", ullong, 0),
    XML_ATTR(VolExtent, end, "end", ullong, 0),
    XML_END
};
static XML_SCHEMA(extent, VolExtent, "extent", extent_fields);

static const XmlField device_fields[] = {
    XML_ATTR(VolSourceDevice, path, "path", string, 0),
    XML_CHILDREN(VolSourceDevice, extents, nextents, &extent_schema, 0),
    XML_END
};
static XML_SCHEMA(device, VolSourceDevice, "device", device_fields);

static const XmlField source_fields[] = {
    XML_CHILDREN(VolDef, devices, ndevices, &device_schema, 0),
    XML_END
};
static XML_SCHEMA(source, VolDef, "source", source_fields);

/* ---- <target> / <backingStore> -------------------------------------------- */

static const XmlField format_fields[] = {
    XML_ATTR(VolTarget, format, "type", string, XF_REQUIRED),
    XML_END
};
static XML_SCHEMA(format, VolTarget, "format", format_fields);

static const XmlField timestamps_fields[] = {
    XML_TEXT(VolTarget, atime, "atime", string, 0),
    XML_TEXT(VolTarget, mtime, "mtime", string, 0),
    XML_TEXT(VolTarget, ctime, "ctime", string, 0),
    XML_TEXT(VolTarget, btime, "btime", string, 0),
    XML_END
};
static XML_SCHEMA(timestamps, VolTarget, "timestamps", timestamps_fields);

static const XmlField features_fields[] = {
    XML_PRESENCE(VolTarget, lazy_refcounts, "lazy_refcounts", 0),
    XML_PRESENCE(VolTarget, extended_l2, "extended_l2", 0),
    XML_END
};
static XML_SCHEMA(features, VolTarget, "features", features_fields);

static bool
omit_without_formats(const void *obj, unsigned int flags)
{
    const PoolTypeInfo *info = pool_type_info(((const VolTarget *) obj)->pool_type);

    return !info || !info->vol_formats;
}

/* libvirt reads <nocow/> but never writes it back. */
static bool
omit_always(const void *obj, unsigned int flags)
{
    return true;
}

static const XmlField target_fields[] = {
    XML_TEXT(VolTarget, path, "path", string, 0),
    XML_GROUP(&format_schema, 0, XML_SEEN(VolTarget, format_seen),
              XML_OMIT_IF(omit_without_formats)),
    XML_EMBED(VolTarget, perms, &storage_perms_schema, 0),
    XML_GROUP(&timestamps_schema, XF_FORMAT_ONLY),
    XML_CHILD(VolTarget, encryption, &storage_encryption_schema, 0),
    XML_TEXT(VolTarget, compat, "compat", string, 0),
    XML_TEXT(VolTarget, cluster_size, "clusterSize", scaled, XF_OMIT_DEFAULT, .unit = "B"),
    XML_PRESENCE(VolTarget, nocow, "nocow", 0, XML_OMIT_IF(omit_always)),
    XML_GROUP(&features_schema, 0, XML_HAS(VolTarget, has_features)),
    XML_END
};

/* qcow2 features imply the 1.1 compat level. */
static void
target_post_parse(void *obj)
{
    VolTarget *t = obj;

    if (t->has_features && !t->compat)
        t->compat = g_strdup("1.1");
}

static int
target_validate(XmlCtx *ctx, const void *obj)
{
    const VolTarget *t = obj;
    const PoolTypeInfo *info = pool_type_info(t->pool_type);

    if (t->compat) {
        g_auto(GStrv) parts = g_strsplit(t->compat, ".", 2);
        unsigned int n;

        if (!parts[0] || !parts[1] || parse_uint(parts[0], 10, &n) < 0 ||
            parse_uint(parts[1], 10, &n) < 0) {
            xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                          "compat '%s' in '%s' must look like 1.1", t->compat,
                          xmlmap_ctx_path(ctx));
            return -1;
        }
    }
    if (t->format && info && info->vol_formats &&
        !pool_name_in(info->vol_formats, t->format)) {
        xmlmap_report(ctx, VIR_ERR_CONFIG_UNSUPPORTED,
                      "unknown volume format '%s' for a '%s' pool in '%s'", t->format,
                      pool_type_to_string(t->pool_type), xmlmap_ctx_path(ctx));
        return -1;
    }
    return 0;
}

static XML_SCHEMA(target, VolTarget, "target", target_fields,
                  .post_parse = target_post_parse, .validate = target_validate);
static XML_SCHEMA(backing, VolTarget, "backingStore", target_fields,
                  .validate = target_validate);

/* ---- <volume> ------------------------------------------------------------------ */

static const XmlField vol_fields[] = {
    XML_ATTR_ENUM(VolDef, type, "type", vol_type, 0, .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_TEXT(VolDef, name, "name", string, XF_REQUIRED),
    XML_TEXT(VolDef, key, "key", string, 0),
    XML_GROUP(&source_schema, XF_FORMAT_ONLY),
    /* libvirt words a bad number in either the same way */
    XML_TEXT(VolDef, capacity, "capacity", scaled, 0, .unit = "bytes", .max = LLONG_MAX,
             .bad_number = "malformed capacity element", XML_SEEN(VolDef, has_capacity)),
    XML_TEXT(VolDef, allocation, "allocation", scaled, 0, .unit = "bytes", .max = LLONG_MAX,
             .bad_number = "malformed capacity element", XML_SEEN(VolDef, has_allocation)),
    XML_TEXT(VolDef, physical, "physical", scaled, XF_FORMAT_ONLY | XF_OMIT_DEFAULT,
             .unit = "bytes"),
    XML_EMBED(VolDef, target, &target_schema, XF_KEEP_EMPTY),
    XML_CHILD(VolDef, backing, &backing_schema, 0),
    XML_END
};

static void
target_set_pool_type(VolTarget *t, int pool_type)
{
    const PoolTypeInfo *info = pool_type_info(pool_type);

    t->pool_type = pool_type;
    if (!t->format_seen) {
        g_free(t->format);
        t->format = g_strdup(info ? info->vol_default_format : NULL);
    }
}

/**
 * vol_def_set_pool_type() - tie a volume to its pool's type
 * @def: volume
 * @pool_type: PoolType of the owning pool
 *
 * Re-derives the defaults that depend on the pool (the volume format when
 * none was given). Cannot fail.
 */
void
vol_def_set_pool_type(VolDef *def, int pool_type)
{
    def->pool_type = pool_type;
    target_set_pool_type(&def->target, pool_type);
    if (def->backing)
        target_set_pool_type(def->backing, pool_type);
}

static void
vol_post_parse(void *obj)
{
    VolDef *def = obj;

    if (!def->has_allocation)
        def->allocation = def->capacity;
    vol_def_set_pool_type(def, def->pool_type);
}

static int
vol_validate(XmlCtx *ctx, const void *obj)
{
    const VolDef *def = obj;
    unsigned int flags = xmlmap_ctx_flags(ctx);

    if (!def->has_capacity && !(flags & VOL_PARSE_NO_CAPACITY) &&
        !((flags & VOL_PARSE_OPT_CAPACITY) && def->backing)) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR, "%s", "missing capacity element");
        return -1;
    }
    if (def->backing && !def->backing->path) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR, "<backingStore> of volume '%s' needs a <path>",
                      def->name);
        return -1;
    }
    return 0;
}

XML_SCHEMA(vol_def, VolDef, "volume", vol_fields,
           .domain = VIR_FROM_STORAGE, .doc_label = "(storage_volume_definition)",
           .post_parse = vol_post_parse, .validate = vol_validate);

/**
 * vol_def_parse_string() - parse storage volume XML for a pool type
 * @xml: document text
 * @pool_type: PoolType of the pool the volume belongs to
 * @flags: XMLMAP_PARSE_* and VOL_PARSE_*
 *
 * Return: the volume, or NULL with an error reported.
 */
VolDef *
vol_def_parse_string(const char *xml, int pool_type, unsigned int flags)
{
    void *obj = NULL;
    VolDef *def;

    if (xmlmap_parse_string(&vol_def_schema, xml, &obj,
                            flags | XMLMAP_PARSE_SKIP_VALIDATE) < 0)
        return NULL;
    def = obj;
    vol_def_set_pool_type(def, pool_type);
    if (!(flags & XMLMAP_PARSE_SKIP_VALIDATE) &&
        xmlmap_validate(&vol_def_schema, def, flags) < 0) {
        vol_def_free(def);
        return NULL;
    }
    return def;
}

/**
 * vol_def_format() - format a storage volume
 * @def: volume
 * @flags: XMLMAP_FORMAT_*
 *
 * Return: the XML text (caller frees).
 */
char *
vol_def_format(const VolDef *def, unsigned int flags)
{
    return xmlmap_format(&vol_def_schema, def, flags);
}

/**
 * vol_def_free() - free a storage volume definition
 * @def: volume, may be NULL
 */
void
vol_def_free(VolDef *def)
{
    xmlmap_free(&vol_def_schema, def);
}
