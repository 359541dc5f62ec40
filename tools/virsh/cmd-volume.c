/*
 * cmd-volume.c: storage volume commands (help keyword 'volume'): vol-list,
 * vol-info, vol-create, vol-create-as, vol-create-from, vol-clone, vol-delete,
 * vol-wipe, vol-resize, vol-dumpxml, vol-key, vol-name, vol-path, vol-pool, and the
 * streaming vol-upload/vol-download.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <limits.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "tools/virsh/helpers.h"
#include "tools/virsh/table.h"

static const char *
vol_type_str(int t)
{
    static const char *const names[] = {
        [VIR_STORAGE_VOL_FILE] = "file", [VIR_STORAGE_VOL_BLOCK] = "block",
        [VIR_STORAGE_VOL_DIR] = "dir", [VIR_STORAGE_VOL_NETWORK] = "network",
        [VIR_STORAGE_VOL_NETDIR] = "netdir", [VIR_STORAGE_VOL_PLOOP] = "ploop",
    };

    return t >= 0 && t < (int) G_N_ELEMENTS(names) ? names[t] : "unknown";
}

static virStorageVolPtr
vol_opt(VshCtl *ctl, const VshCmd *cmd, const char **ret_name)
{
    return vsh_vol_opt(ctl, cmd, "vol", "pool", ret_name);
}

#define VOL_OPT(help) { "vol", VSH_OT_DATA, VSH_OF_REQUIRED, help }
#define VOL_POOL_OPT { "pool", VSH_OT_STRING, 0, "the pool (name or UUID) to find vol in" }

/* ---- vol-list ---- */

static int
vol_name_cmp(const void *a, const void *b)
{
    return strcmp(virStorageVolGetName(*(virStorageVolPtr const *) a),
                  virStorageVolGetName(*(virStorageVolPtr const *) b));
}

static bool
cmd_vol_list(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virStoragePool) pool = vsh_pool_opt(ctl, cmd, "pool", VSH_BYUUID | VSH_BYNAME,
                                                  NULL);
    bool details = vsh_opt_bool(cmd, "details");
    bool json = vsh_opt_bool(cmd, "json");
    virStorageVolPtr *vols = NULL;
    g_autoptr(VshTable) table = NULL;
    json_object *arr = NULL;
    int n;

    if (!pool)
        return false;
    if ((n = virStoragePoolListAllVolumes(pool, &vols, 0)) < 0) {
        vsh_error(ctl, "Failed to list volumes");
        return false;
    }
    qsort(vols, n, sizeof(*vols), vol_name_cmp);
    if (json)
        arr = json_object_new_array();
    else if (details)
        table = vsh_table_new("Name", "Path", "Type", "Capacity", "Allocation", NULL);
    else
        table = vsh_table_new("Name", "Path", NULL);
    for (int i = 0; i < n; i++) {
        g_autofree char *path = virStorageVolGetPath(vols[i]);
        virStorageVolInfo info;
        bool have = virStorageVolGetInfo(vols[i], &info) == 0;

        vsh_reset_libvirt_error();
        if (arr) {
            json_object *o = json_object_new_object();

            vsh_json_add_str(o, "name", virStorageVolGetName(vols[i]));
            vsh_json_add_str(o, "path", path);
            vsh_json_add_str(o, "key", virStorageVolGetKey(vols[i]));
            if (have) {
                vsh_json_add_str(o, "type", vol_type_str(info.type));
                vsh_json_add_uint(o, "capacity", info.capacity);
                vsh_json_add_uint(o, "allocation", info.allocation);
            }
            json_object_array_add(arr, o);
        } else if (details) {
            g_autofree char *cap = have ? vsh_pretty_bytes(info.capacity) : g_strdup("unknown");
            g_autofree char *alloc = have ? vsh_pretty_bytes(info.allocation)
                                          : g_strdup("unknown");

            vsh_table_add_row(table, virStorageVolGetName(vols[i]), path ? path : "unknown",
                              have ? vol_type_str(info.type) : "unknown", cap, alloc, NULL);
        } else {
            vsh_table_add_row(table, virStorageVolGetName(vols[i]), path ? path : "unknown",
                              NULL);
        }
        virStorageVolFree(vols[i]);
    }
    free(vols);
    if (arr)
        vsh_json_print(ctl, arr);
    else
        vsh_table_print(ctl, table);
    return true;
}

static const VshOptDef opts_vol_list[] = {
    { "pool", VSH_OT_DATA, VSH_OF_REQUIRED, "the pool: name or UUID" },
    { "details", VSH_OT_BOOL, 0, "add type and sizes" },
    { "json", VSH_OT_BOOL, 0, "print a JSON array" },
    { NULL }
};

/* ---- vol-info ---- */

static void
size_line(VshCtl *ctl, const char *label, unsigned long long v, bool bytes)
{
    if (bytes) {
        vsh_print(ctl, "%-15s %llu %s\n", label, v, "bytes");
    } else {
        g_autofree char *s = vsh_pretty_bytes(v);

        vsh_print(ctl, "%-15s %s\n", label, s);
    }
}

static bool
cmd_vol_info(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virStorageVol) vol = vol_opt(ctl, cmd, NULL);
    bool bytes = vsh_opt_bool(cmd, "bytes");
    bool physical = vsh_opt_bool(cmd, "physical");
    virStorageVolInfo info;

    if (!vol)
        return false;
    if (vsh_opt_bool(cmd, "json")) {
        json_object *o;

        if (virStorageVolGetInfo(vol, &info) < 0)
            return false;
        o = json_object_new_object();
        vsh_json_add_str(o, "name", virStorageVolGetName(vol));
        vsh_json_add_str(o, "type", vol_type_str(info.type));
        vsh_json_add_uint(o, "capacity", info.capacity);
        vsh_json_add_uint(o, "allocation", info.allocation);
        vsh_json_print(ctl, o);
        return true;
    }
    vsh_print(ctl, "%-15s %s\n", "Name:", virStorageVolGetName(vol));
    if ((physical ? virStorageVolGetInfoFlags(vol, &info, VIR_STORAGE_VOL_GET_PHYSICAL)
                  : virStorageVolGetInfo(vol, &info)) < 0)
        return false;
    vsh_print(ctl, "%-15s %s\n", "Type:", vol_type_str(info.type));
    size_line(ctl, "Capacity:", info.capacity, bytes);
    size_line(ctl, physical ? "Physical:" : "Allocation:", info.allocation, bytes);
    return true;
}

static const VshOptDef opts_vol_info[] = {
    VOL_OPT("the volume: name (with --pool), key or path"),
    VOL_POOL_OPT,
    { "bytes", VSH_OT_BOOL, 0, "sizes in bytes" },
    { "physical", VSH_OT_BOOL, 0, "the size on disk instead of the allocation" },
    { "json", VSH_OT_BOOL, 0, "print a JSON object" },
    { NULL }
};

/* ---- creation ---- */

static bool
size_opt(VshCtl *ctl, const VshCmd *cmd, const char *opt, unsigned long long *ret)
{
    const char *str = NULL;
    g_autofree char *why = NULL;

    if (vsh_opt_string(ctl, cmd, opt, &str) <= 0)
        return false;
    if (vsh_scale_parse(str, 1, ULLONG_MAX, ret, &why) < 0) {
        vsh_error(ctl, "Malformed size %s", str);
        if (why)
            vsh_error(ctl, "%s", why);
        return false;
    }
    return true;
}

/* the backing volume's path: a name in @pool, a key or a path */
static char *
backing_path(VshCtl *ctl, virStoragePoolPtr pool, const char *name)
{
    virStorageVolPtr v = virStorageVolLookupByName(pool, name);
    char *path;

    if (!v)
        v = virStorageVolLookupByKey(vsh_conn(ctl), name);
    if (!v)
        v = virStorageVolLookupByPath(vsh_conn(ctl), name);
    if (!v) {
        vsh_error(ctl, "failed to get vol '%s'", name);
        return NULL;
    }
    path = virStorageVolGetPath(v);
    virStorageVolFree(v);
    return path;
}

static bool
cmd_vol_create_as(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virStoragePool) pool = NULL;
    g_autoptr(virStorageVol) vol = NULL;
    const char *name = NULL, *format = NULL, *backing = NULL, *bformat = NULL;
    unsigned long long cap = 0, alloc = 0;
    g_autoptr(GString) xml = g_string_new(NULL);
    g_autofree char *ename = NULL;
    bool have_alloc;

    if (!(pool = vsh_pool_opt(ctl, cmd, "pool", VSH_BYUUID | VSH_BYNAME, NULL)) ||
        vsh_opt_string(ctl, cmd, "name", &name) <= 0 ||
        !size_opt(ctl, cmd, "capacity", &cap))
        return false;
    have_alloc = vsh_opt_given(cmd, "allocation");
    if (have_alloc && !size_opt(ctl, cmd, "allocation", &alloc))
        return false;
    if (vsh_opt_string(ctl, cmd, "format", &format) < 0 ||
        vsh_opt_string(ctl, cmd, "backing-vol", &backing) < 0 ||
        vsh_opt_string(ctl, cmd, "backing-vol-format", &bformat) < 0)
        return false;
    ename = vsh_xml_escape(name);
    g_string_append_printf(xml, "<volume>\n  <name>%s</name>\n  <capacity>%llu</capacity>\n",
                           ename, cap);
    if (have_alloc)
        g_string_append_printf(xml, "  <allocation>%llu</allocation>\n", alloc);
    if (format) {
        g_autofree char *e = vsh_xml_escape(format);

        g_string_append_printf(xml, "  <target>\n    <format type='%s'/>\n  </target>\n", e);
    }
    if (backing) {
        g_autofree char *path = backing_path(ctl, pool, backing);
        g_autofree char *e = NULL;

        if (!path)
            return false;
        e = vsh_xml_escape(path);
        g_string_append_printf(xml, "  <backingStore>\n    <path>%s</path>\n", e);
        if (bformat) {
            g_autofree char *f = vsh_xml_escape(bformat);

            g_string_append_printf(xml, "    <format type='%s'/>\n", f);
        }
        g_string_append(xml, "  </backingStore>\n");
    }
    g_string_append(xml, "</volume>\n");
    if (vsh_opt_bool(cmd, "print-xml")) {
        vsh_print(ctl, "%s", xml->str);
        return true;
    }
    vol = virStorageVolCreateXML(pool, xml->str, vsh_opt_bool(cmd, "prealloc-metadata")
                                 ? VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA : 0);
    if (!vol) {
        vsh_error(ctl, "Failed to create vol %s", name);
        return false;
    }
    vsh_print_extra(ctl, "Vol %s created\n", name);
    return true;
}

static const VshOptDef opts_vol_create_as[] = {
    { "pool", VSH_OT_DATA, VSH_OF_REQUIRED, "the pool: name or UUID" },
    { "name", VSH_OT_DATA, VSH_OF_REQUIRED, "the new volume's name" },
    { "capacity", VSH_OT_DATA, VSH_OF_REQUIRED, "its size (bytes unless a unit is given)" },
    { "allocation", VSH_OT_STRING, 0, "space to allocate now (bytes unless a unit is given)" },
    { "format", VSH_OT_STRING, 0, "the format (raw, qcow2...)" },
    { "backing-vol", VSH_OT_STRING, 0, "a backing volume (name in the pool, key or path)" },
    { "backing-vol-format", VSH_OT_STRING, 0, "the backing volume's format" },
    { "prealloc-metadata", VSH_OT_BOOL, 0, "preallocate metadata (qcow2)" },
    { "print-xml", VSH_OT_BOOL, 0, "print the XML instead of creating the volume" },
    { NULL }
};

static bool
cmd_vol_create(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virStoragePool) pool = NULL;
    g_autoptr(virStorageVol) vol = NULL;
    const char *file = NULL;
    g_autofree char *xml = NULL;
    unsigned int flags = 0;

    if (!(pool = vsh_pool_opt(ctl, cmd, "pool", VSH_BYUUID | VSH_BYNAME, NULL)) ||
        vsh_opt_string(ctl, cmd, "file", &file) <= 0 ||
        vsh_read_xml_opt(ctl, cmd, "file", &xml) < 0)
        return false;
    if (vsh_opt_bool(cmd, "prealloc-metadata"))
        flags |= VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA;
    if (vsh_opt_bool(cmd, "validate"))
        flags |= VIR_STORAGE_VOL_CREATE_VALIDATE;
    if (!(vol = virStorageVolCreateXML(pool, xml, flags))) {
        vsh_error(ctl, "Failed to create vol from %s", file);
        return false;
    }
    vsh_print_extra(ctl, "Vol %s created from %s\n", virStorageVolGetName(vol), file);
    return true;
}

static const VshOptDef opts_vol_create[] = {
    { "pool", VSH_OT_DATA, VSH_OF_REQUIRED, "the pool: name or UUID" },
    { "file", VSH_OT_DATA, VSH_OF_REQUIRED, "the volume's XML description" },
    { "prealloc-metadata", VSH_OT_BOOL, 0, "preallocate metadata (qcow2)" },
    { "validate", VSH_OT_BOOL, 0, "check the XML against the schema first" },
    { NULL }
};

static bool
cmd_vol_create_from(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virStoragePool) pool = NULL;
    g_autoptr(virStorageVol) input = NULL;
    g_autoptr(virStorageVol) vol = NULL;
    const char *file = NULL;
    g_autofree char *xml = NULL;
    unsigned int flags = 0;

    if (!(pool = vsh_pool_opt(ctl, cmd, "pool", VSH_BYUUID | VSH_BYNAME, NULL)) ||
        vsh_opt_string(ctl, cmd, "file", &file) <= 0 ||
        !(input = vsh_vol_opt(ctl, cmd, "vol", "inputpool", NULL)) ||
        vsh_read_xml_opt(ctl, cmd, "file", &xml) < 0)
        return false;
    if (vsh_opt_bool(cmd, "prealloc-metadata"))
        flags |= VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA;
    if (vsh_opt_bool(cmd, "reflink"))
        flags |= VIR_STORAGE_VOL_CREATE_REFLINK;
    if (vsh_opt_bool(cmd, "validate"))
        flags |= VIR_STORAGE_VOL_CREATE_VALIDATE;
    if (!(vol = virStorageVolCreateXMLFrom(pool, xml, input, flags))) {
        vsh_error(ctl, "Failed to create vol from %s", file);
        return false;
    }
    vsh_print_extra(ctl, "Vol %s created from input vol %s\n", virStorageVolGetName(vol),
                    virStorageVolGetName(input));
    return true;
}

static const VshOptDef opts_vol_create_from[] = {
    { "pool", VSH_OT_DATA, VSH_OF_REQUIRED, "the pool to create the volume in" },
    { "file", VSH_OT_DATA, VSH_OF_REQUIRED, "the new volume's XML description" },
    { "vol", VSH_OT_DATA, VSH_OF_REQUIRED, "the volume to copy from" },
    { "inputpool", VSH_OT_STRING, 0, "the pool of the volume to copy from" },
    { "prealloc-metadata", VSH_OT_BOOL, 0, "preallocate metadata (qcow2)" },
    { "reflink", VSH_OT_BOOL, 0, "use a copy-on-write clone where possible" },
    { "validate", VSH_OT_BOOL, 0, "check the XML against the schema first" },
    { NULL }
};

static bool
cmd_vol_clone(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virStorageVol) src = vol_opt(ctl, cmd, NULL);
    g_autoptr(virStoragePool) pool = NULL;
    g_autoptr(virStorageVol) vol = NULL;
    const char *newname = NULL;
    g_autofree char *origxml = NULL;
    g_autofree char *xml = NULL;
    unsigned int flags = 0;
    xmlDocPtr doc;

    if (!src || vsh_opt_string(ctl, cmd, "newname", &newname) <= 0)
        return false;
    if (!(pool = virStoragePoolLookupByVolume(src))) {
        vsh_error(ctl, "failed to get parent pool");
        return false;
    }
    if (!(origxml = virStorageVolGetXMLDesc(src, 0)))
        return false;
    doc = xmlReadMemory(origxml, (int) strlen(origxml), "vol.xml", NULL,
                        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc) {
        vsh_error(ctl, "Failed to allocate XML buffer");
        return false;
    }
    for (xmlNodePtr c = xmlDocGetRootElement(doc)->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE && g_str_equal((const char *) c->name, "name")) {
            xmlChar *enc = xmlEncodeSpecialChars(doc, (const xmlChar *) newname);

            xmlNodeSetContent(c, enc);
            xmlFree(enc);
        }
    }
    {
        xmlBufferPtr buf = xmlBufferCreate();

        xmlNodeDump(buf, doc, xmlDocGetRootElement(doc), 0, 0);
        xml = g_strdup((const char *) xmlBufferContent(buf));
        xmlBufferFree(buf);
    }
    xmlFreeDoc(doc);
    if (vsh_opt_bool(cmd, "print-xml")) {
        vsh_print(ctl, "%s", xml);
        return true;
    }
    if (vsh_opt_bool(cmd, "prealloc-metadata"))
        flags |= VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA;
    if (vsh_opt_bool(cmd, "reflink"))
        flags |= VIR_STORAGE_VOL_CREATE_REFLINK;
    if (!(vol = virStorageVolCreateXMLFrom(pool, xml, src, flags))) {
        vsh_error(ctl, "Failed to clone vol from %s", virStorageVolGetName(src));
        return false;
    }
    vsh_print_extra(ctl, "Vol %s cloned from %s\n", virStorageVolGetName(vol),
                    virStorageVolGetName(src));
    return true;
}

static const VshOptDef opts_vol_clone[] = {
    VOL_OPT("the volume to clone: name (with --pool), key or path"),
    { "newname", VSH_OT_DATA, VSH_OF_REQUIRED, "the clone's name" },
    VOL_POOL_OPT,
    { "prealloc-metadata", VSH_OT_BOOL, 0, "preallocate metadata (qcow2)" },
    { "reflink", VSH_OT_BOOL, 0, "use a copy-on-write clone where possible" },
    { "print-xml", VSH_OT_BOOL, 0, "print the clone's XML instead of creating it" },
    { NULL }
};

/* ---- delete / wipe / resize ---- */

static bool
cmd_vol_delete(VshCtl *ctl, const VshCmd *cmd)
{
    const char *name = NULL;
    g_autoptr(virStorageVol) vol = vol_opt(ctl, cmd, &name);

    if (!vol)
        return false;
    if (virStorageVolDelete(vol, vsh_opt_bool(cmd, "delete-snapshots")
                                     ? VIR_STORAGE_VOL_DELETE_WITH_SNAPSHOTS : 0) < 0) {
        vsh_error(ctl, "Failed to delete vol %s", name);
        return false;
    }
    vsh_print_extra(ctl, "Vol %s deleted\n", name);
    return true;
}

static const VshOptDef opts_vol_delete[] = {
    VOL_OPT("the volume: name (with --pool), key or path"),
    VOL_POOL_OPT,
    { "delete-snapshots", VSH_OT_BOOL, 0, "also delete the volume's snapshots" },
    { NULL }
};

static bool
cmd_vol_wipe(VshCtl *ctl, const VshCmd *cmd)
{
    static const char *const algs[] = {
        [VIR_STORAGE_VOL_WIPE_ALG_ZERO] = "zero", [VIR_STORAGE_VOL_WIPE_ALG_NNSA] = "nnsa",
        [VIR_STORAGE_VOL_WIPE_ALG_DOD] = "dod", [VIR_STORAGE_VOL_WIPE_ALG_BSI] = "bsi",
        [VIR_STORAGE_VOL_WIPE_ALG_GUTMANN] = "gutmann",
        [VIR_STORAGE_VOL_WIPE_ALG_SCHNEIER] = "schneier",
        [VIR_STORAGE_VOL_WIPE_ALG_PFITZNER7] = "pfitzner7",
        [VIR_STORAGE_VOL_WIPE_ALG_PFITZNER33] = "pfitzner33",
        [VIR_STORAGE_VOL_WIPE_ALG_RANDOM] = "random", [VIR_STORAGE_VOL_WIPE_ALG_TRIM] = "trim",
    };
    const char *name = NULL, *alg = NULL;
    g_autoptr(virStorageVol) vol = vol_opt(ctl, cmd, &name);
    int a = -1;

    if (!vol || vsh_opt_string(ctl, cmd, "algorithm", &alg) < 0)
        return false;
    if (alg) {
        for (size_t i = 0; i < G_N_ELEMENTS(algs); i++) {
            if (g_str_equal(alg, algs[i]))
                a = (int) i;
        }
        if (a < 0) {
            vsh_error(ctl, "Unsupported algorithm '%s'", alg);
            return false;
        }
    }
    if ((a < 0 ? virStorageVolWipe(vol, 0) : virStorageVolWipePattern(vol, a, 0)) < 0) {
        vsh_error(ctl, "Failed to wipe vol %s", name);
        return false;
    }
    vsh_print_extra(ctl, "Vol %s wiped\n", name);
    return true;
}

static const VshOptDef opts_vol_wipe[] = {
    VOL_OPT("the volume: name (with --pool), key or path"),
    VOL_POOL_OPT,
    { "algorithm", VSH_OT_STRING, 0, "zero, nnsa, dod, bsi, gutmann, schneier, pfitzner7, pfitzner33, random or trim" },
    { NULL }
};

static bool
cmd_vol_resize(VshCtl *ctl, const VshCmd *cmd)
{
    const char *name = NULL, *capstr = NULL;
    g_autoptr(virStorageVol) vol = NULL;
    g_autofree char *why = NULL;
    unsigned long long cap = 0;
    unsigned int flags = 0;
    bool delta = vsh_opt_bool(cmd, "delta");

    if (vsh_opt_string(ctl, cmd, "capacity", &capstr) <= 0)
        return false;
    if (vsh_opt_bool(cmd, "allocate"))
        flags |= VIR_STORAGE_VOL_RESIZE_ALLOCATE;
    if (vsh_opt_bool(cmd, "shrink"))
        flags |= VIR_STORAGE_VOL_RESIZE_SHRINK;
    if (*capstr == '-') {
        if (!(flags & VIR_STORAGE_VOL_RESIZE_SHRINK)) {
            vsh_error(ctl, "negative size requires --shrink");
            return false;
        }
        delta = true;
        capstr++;
    }
    if (delta)
        flags |= VIR_STORAGE_VOL_RESIZE_DELTA;
    if (vsh_scale_parse(capstr, 1, ULLONG_MAX, &cap, &why) < 0) {
        vsh_error(ctl, "Malformed size %s", capstr);
        if (why)
            vsh_error(ctl, "%s", why);
        return false;
    }
    if (!(vol = vol_opt(ctl, cmd, &name)))
        return false;
    if (virStorageVolResize(vol, cap, flags) < 0) {
        if (delta)
            vsh_error(ctl, "Failed to change size of volume '%s' by %s", name, capstr);
        else
            vsh_error(ctl, "Failed to change size of volume '%s' to %s", name, capstr);
        return false;
    }
    if (delta)
        vsh_print_extra(ctl, "Size of volume '%s' successfully changed by %s\n", name, capstr);
    else
        vsh_print_extra(ctl, "Size of volume '%s' successfully changed to %s\n", name, capstr);
    return true;
}

static const VshOptDef opts_vol_resize[] = {
    VOL_OPT("the volume: name (with --pool), key or path"),
    { "capacity", VSH_OT_DATA, VSH_OF_REQUIRED, "the new size, or with --delta the change" },
    VOL_POOL_OPT,
    { "allocate", VSH_OT_BOOL, 0, "allocate the new space now" },
    { "delta", VSH_OT_BOOL, 0, "the capacity is added to the current size" },
    { "shrink", VSH_OT_BOOL, 0, "allow the volume to shrink" },
    { NULL }
};

/* ---- XML and names ---- */

static bool
cmd_vol_dumpxml(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virStorageVol) vol = vol_opt(ctl, cmd, NULL);
    g_autofree char *xml = NULL;

    if (!vol || !(xml = virStorageVolGetXMLDesc(vol, 0)))
        return false;
    return vsh_print_xml(ctl, cmd, xml);
}

static const VshOptDef opts_vol_dumpxml[] = {
    VOL_OPT("the volume: name (with --pool), key or path"),
    VOL_POOL_OPT,
    { "xpath", VSH_OT_STRING, VSH_OF_NOPOS, "print only what this XPath expression selects" },
    { "wrap", VSH_OT_BOOL, 0, "wrap the --xpath results in a <nodes> element" },
    { NULL }
};

static bool
cmd_vol_key(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virStorageVol) vol = vol_opt(ctl, cmd, NULL);
    const char *key;

    if (!vol || !(key = virStorageVolGetKey(vol)))
        return false;
    vsh_print(ctl, "%s\n", key);
    return true;
}

static bool
cmd_vol_path(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virStorageVol) vol = vol_opt(ctl, cmd, NULL);
    g_autofree char *path = NULL;

    if (!vol || !(path = virStorageVolGetPath(vol)))
        return false;
    vsh_print(ctl, "%s\n", path);
    return true;
}

static const VshOptDef opts_vol_pool[] = {
    VOL_OPT("the volume: name (with --pool), key or path"),
    VOL_POOL_OPT,
    { NULL }
};

static bool
cmd_vol_name(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virStorageVol) vol = vsh_vol_opt(ctl, cmd, "vol", NULL, NULL);

    if (!vol)
        return false;
    vsh_print(ctl, "%s\n", virStorageVolGetName(vol));
    return true;
}

static const VshOptDef opts_vol_name[] = {
    VOL_OPT("the volume: key or path"),
    { NULL }
};

static bool
cmd_vol_pool(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virStorageVol) vol = vsh_vol_opt(ctl, cmd, "vol", NULL, NULL);
    g_autoptr(virStoragePool) pool = NULL;

    if (!vol)
        return false;
    if (!(pool = virStoragePoolLookupByVolume(vol))) {
        vsh_error(ctl, "failed to get parent pool");
        return false;
    }
    if (vsh_opt_bool(cmd, "uuid")) {
        char uuid[VIR_UUID_STRING_BUFLEN];

        if (virStoragePoolGetUUIDString(pool, uuid) == 0)
            vsh_print(ctl, "%s\n", uuid);
    } else {
        vsh_print(ctl, "%s\n", virStoragePoolGetName(pool));
    }
    return true;
}

static const VshOptDef opts_vol_pool_cmd[] = {
    VOL_OPT("the volume: key or path"),
    { "uuid", VSH_OT_BOOL, 0, "print the pool's UUID instead of its name" },
    { NULL }
};

/* ---- streams ---- */

typedef struct {
    int fd;
} StreamFile;

static int
stream_source(virStreamPtr st, char *buf, size_t n, void *opaque)
{
    StreamFile *f = opaque;
    ssize_t r;

    do {
        r = read(f->fd, buf, n);
    } while (r < 0 && errno == EINTR);
    return (int) r;
}

static int
stream_sink(virStreamPtr st, const char *buf, size_t n, void *opaque)
{
    StreamFile *f = opaque;
    size_t done = 0;

    while (done < n) {
        ssize_t r = write(f->fd, buf + done, n - done);

        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return -1;
        done += (size_t) r;
    }
    return (int) n;
}

/* sparse upload: where the file has data and holes */
static int
stream_hole_query(virStreamPtr st, int *in_data, long long *length, void *opaque)
{
    StreamFile *f = opaque;
    off_t cur = lseek(f->fd, 0, SEEK_CUR);
    off_t data = lseek(f->fd, cur, SEEK_DATA);
    off_t end;

    if (data < 0 && errno == ENXIO) {
        end = lseek(f->fd, 0, SEEK_END);
        lseek(f->fd, cur, SEEK_SET);
        *in_data = 0;
        *length = end - cur;
        return 0;
    }
    if (data < 0)
        return -1;
    if (data > cur) {
        *in_data = 0;
        *length = data - cur;
    } else {
        off_t hole = lseek(f->fd, cur, SEEK_HOLE);

        *in_data = 1;
        *length = hole - cur;
    }
    lseek(f->fd, cur, SEEK_SET);
    return 0;
}

static int
stream_skip(virStreamPtr st, long long length, void *opaque)
{
    StreamFile *f = opaque;

    return lseek(f->fd, length, SEEK_CUR) < 0 ? -1 : 0;
}

static int
stream_hole_write(virStreamPtr st, long long length, void *opaque)
{
    StreamFile *f = opaque;
    off_t cur = lseek(f->fd, 0, SEEK_CUR);

    if (cur < 0 || ftruncate(f->fd, cur + length) < 0)
        return -1;
    return lseek(f->fd, length, SEEK_CUR) < 0 ? -1 : 0;
}

static bool
cmd_vol_upload(VshCtl *ctl, const VshCmd *cmd)
{
    const char *name = NULL, *file = NULL;
    g_autoptr(virStorageVol) vol = NULL;
    g_autoptr(virStream) st = NULL;
    unsigned long long offset = 0, length = 0;
    bool sparse = vsh_opt_bool(cmd, "sparse");
    StreamFile f = { -1 };
    bool ok = false;

    if (vsh_opt_string(ctl, cmd, "file", &file) <= 0 ||
        vsh_opt_ull(ctl, cmd, "offset", &offset) < 0 ||
        vsh_opt_ull(ctl, cmd, "length", &length) < 0 ||
        !(vol = vol_opt(ctl, cmd, &name)))
        return false;
    if ((f.fd = open(file, O_RDONLY | O_CLOEXEC)) < 0) {
        vsh_error(ctl, "cannot read %s", file);
        return false;
    }
    if (!(st = virStreamNew(vsh_conn(ctl), 0))) {
        vsh_error(ctl, "cannot create a new stream");
        goto out;
    }
    if (virStorageVolUpload(vol, st, offset, length,
                            sparse ? VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM : 0) < 0) {
        vsh_error(ctl, "cannot upload to volume %s", name);
        goto out;
    }
    if ((sparse ? virStreamSparseSendAll(st, stream_source, stream_hole_query, stream_skip, &f)
                : virStreamSendAll(st, stream_source, &f)) < 0) {
        vsh_error(ctl, "cannot send data to volume %s", name);
        goto out;
    }
    if (virStreamFinish(st) < 0) {
        vsh_error(ctl, "cannot close volume %s", name);
        goto out;
    }
    ok = true;
 out:
    close(f.fd);
    return ok;
}

static bool
cmd_vol_download(VshCtl *ctl, const VshCmd *cmd)
{
    const char *name = NULL, *file = NULL;
    g_autoptr(virStorageVol) vol = NULL;
    g_autoptr(virStream) st = NULL;
    unsigned long long offset = 0, length = 0;
    bool sparse = vsh_opt_bool(cmd, "sparse");
    StreamFile f = { -1 };
    bool created = false, ok = false;

    if (vsh_opt_string(ctl, cmd, "file", &file) <= 0 ||
        vsh_opt_ull(ctl, cmd, "offset", &offset) < 0 ||
        vsh_opt_ull(ctl, cmd, "length", &length) < 0 ||
        !(vol = vol_opt(ctl, cmd, &name)))
        return false;
    if ((f.fd = open(file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666)) < 0) {
        if (errno != EEXIST || (f.fd = open(file, O_WRONLY | O_TRUNC | O_CLOEXEC)) < 0) {
            vsh_error(ctl, "cannot create %s", file);
            return false;
        }
    } else {
        created = true;
    }
    if (!(st = virStreamNew(vsh_conn(ctl), 0))) {
        vsh_error(ctl, "cannot create a new stream");
        goto out;
    }
    if (virStorageVolDownload(vol, st, offset, length,
                              sparse ? VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM : 0) < 0) {
        vsh_error(ctl, "cannot download from volume %s", name);
        goto out;
    }
    if ((sparse ? virStreamSparseRecvAll(st, stream_sink, stream_hole_write, &f)
                : virStreamRecvAll(st, stream_sink, &f)) < 0) {
        vsh_error(ctl, "cannot receive data from volume %s", name);
        goto out;
    }
    if (virStreamFinish(st) < 0) {
        vsh_error(ctl, "cannot close volume %s", name);
        goto out;
    }
    ok = true;
 out:
    if (close(f.fd) < 0 && ok) {
        vsh_error(ctl, "Unable to close %s", file);
        ok = false;
    }
    if (!ok && created)
        unlink(file);
    return ok;
}

static const VshOptDef opts_vol_stream[] = {
    VOL_OPT("the volume: name (with --pool), key or path"),
    { "file", VSH_OT_DATA, VSH_OF_REQUIRED, "the local file" },
    VOL_POOL_OPT,
    { "offset", VSH_OT_INT, 0, "where in the volume to start" },
    { "length", VSH_OT_INT, 0, "how many bytes (0: to the end)" },
    { "sparse", VSH_OT_BOOL, 0, "keep holes as holes" },
    { NULL }
};

/* ---- the table ---- */

static const VshCmdDef cmds_volume[] = {
    { "vol-clone", cmd_vol_clone, opts_vol_clone, "copy a volume within its pool",
      "Create a copy of a volume, under a new name, in the same pool.", 0 },
    { "vol-create", cmd_vol_create, opts_vol_create, "create a volume from XML",
      "Create a volume in a pool from an XML description.", 0 },
    { "vol-create-as", cmd_vol_create_as, opts_vol_create_as, "create a volume from options",
      "Create a volume described by options instead of XML.", 0 },
    { "vol-create-from", cmd_vol_create_from, opts_vol_create_from,
      "create a volume as a copy of another",
      "Create a volume from an XML description, filled from an existing volume.", 0 },
    { "vol-delete", cmd_vol_delete, opts_vol_delete, "delete a volume",
      "Delete a volume and its data.", 0 },
    { "vol-download", cmd_vol_download, opts_vol_stream, "copy a volume's data to a file",
      "Stream the contents of a volume into a local file.", 0 },
    { "vol-dumpxml", cmd_vol_dumpxml, opts_vol_dumpxml, "show a volume's XML",
      "Print the XML description of a volume.", 0 },
    { "vol-info", cmd_vol_info, opts_vol_info, "show basic facts about a volume",
      "Print a volume's type, capacity and allocation.", 0 },
    { "vol-key", cmd_vol_key, opts_vol_pool, "print a volume's key",
      "Print the key of a volume given by name or path.", 0 },
    { "vol-list", cmd_vol_list, opts_vol_list, "list the volumes of a pool",
      "List the volumes of a pool with their paths.", 0 },
    { "vol-name", cmd_vol_name, opts_vol_name, "print a volume's name",
      "Print the name of a volume given by key or path.", 0 },
    { "vol-path", cmd_vol_path, opts_vol_pool, "print a volume's path",
      "Print the path of a volume given by name or key.", 0 },
    { "vol-pool", cmd_vol_pool, opts_vol_pool_cmd, "print a volume's pool",
      "Print the pool of a volume given by key or path.", 0 },
    { "vol-resize", cmd_vol_resize, opts_vol_resize, "resize a volume",
      "Change the capacity of a volume.", 0 },
    { "vol-upload", cmd_vol_upload, opts_vol_stream, "copy a file's data into a volume",
      "Stream the contents of a local file into a volume.", 0 },
    { "vol-wipe", cmd_vol_wipe, opts_vol_wipe, "wipe a volume's data",
      "Overwrite the data of a volume.", 0 },
    { NULL }
};

const VshCmdGroup vsh_group_volume = { "Storage Volume", "volume", { cmds_volume } };
