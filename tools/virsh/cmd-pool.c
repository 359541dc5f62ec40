/*
 * cmd-pool.c: storage pool commands (help keyword 'pool'): pool-list, pool-info,
 * pool-define(-as), pool-create(-as), pool-build, pool-start, pool-destroy,
 * pool-delete, pool-undefine, pool-refresh, pool-autostart, pool-dumpxml,
 * pool-edit, pool-name, pool-uuid, pool-capabilities, pool-event and
 * find-storage-pool-sources(-as).
 */
#include <stdlib.h>
#include <string.h>

#include "tools/virsh/helpers.h"
#include "tools/virsh/table.h"

#define POOL_OPT \
    { "pool", VSH_OT_DATA, VSH_OF_REQUIRED, "the pool: name or UUID" }

static const struct {
    const char *name;
    unsigned int flag;
} pool_type_flags[] = {
    { "dir", VIR_CONNECT_LIST_STORAGE_POOLS_DIR },
    { "fs", VIR_CONNECT_LIST_STORAGE_POOLS_FS },
    { "netfs", VIR_CONNECT_LIST_STORAGE_POOLS_NETFS },
    { "logical", VIR_CONNECT_LIST_STORAGE_POOLS_LOGICAL },
    { "disk", VIR_CONNECT_LIST_STORAGE_POOLS_DISK },
    { "iscsi", VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI },
    { "iscsi-direct", VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI_DIRECT },
    { "scsi", VIR_CONNECT_LIST_STORAGE_POOLS_SCSI },
    { "mpath", VIR_CONNECT_LIST_STORAGE_POOLS_MPATH },
    { "rbd", VIR_CONNECT_LIST_STORAGE_POOLS_RBD },
    { "sheepdog", VIR_CONNECT_LIST_STORAGE_POOLS_SHEEPDOG },
    { "gluster", VIR_CONNECT_LIST_STORAGE_POOLS_GLUSTER },
    { "zfs", VIR_CONNECT_LIST_STORAGE_POOLS_ZFS },
    { "vstorage", VIR_CONNECT_LIST_STORAGE_POOLS_VSTORAGE },
};

static const char *
pool_state_str(int s)
{
    switch (s) {
    case VIR_STORAGE_POOL_INACTIVE: return "inactive";
    case VIR_STORAGE_POOL_BUILDING: return "building";
    case VIR_STORAGE_POOL_RUNNING: return "running";
    case VIR_STORAGE_POOL_DEGRADED: return "degraded";
    case VIR_STORAGE_POOL_INACCESSIBLE: return "inaccessible";
    default: return "unknown";
    }
}

static virStoragePoolPtr
pool_opt(VshCtl *ctl, const VshCmd *cmd, const char **ret_name)
{
    return vsh_pool_opt(ctl, cmd, "pool", VSH_BYUUID | VSH_BYNAME, ret_name);
}

/* ---- pool-list ---- */

static int
pool_name_cmp(const void *a, const void *b)
{
    return g_ascii_strcasecmp(virStoragePoolGetName(*(virStoragePoolPtr const *) a),
                              virStoragePoolGetName(*(virStoragePoolPtr const *) b));
}

/* one pool of pool-list, into @arr (JSON), @table, or printed as uuid/name */
static void
pool_list_row(VshCtl *ctl, virStoragePoolPtr p, json_object *arr, VshTable *table,
              bool details, bool opt_uuid, bool opt_name)
{
    const char *name = virStoragePoolGetName(p);
    char uuid[VIR_UUID_STRING_BUFLEN] = "";
    virStoragePoolInfo info;
    int autostart = -1, persistent = virStoragePoolIsPersistent(p);
    bool have_info = virStoragePoolGetInfo(p, &info) == 0;
    const char *autostr;

    if (virStoragePoolGetAutostart(p, &autostart) < 0)
        autostart = -1;
    vsh_reset_libvirt_error();
    virStoragePoolGetUUIDString(p, uuid);
    autostr = vsh_yes_no(autostart, "no autostart");
    if (arr) {
        json_object *o = json_object_new_object();

        vsh_json_add_str(o, "name", name);
        vsh_json_add_str(o, "uuid", uuid);
        vsh_json_add_str(o, "state", have_info ? pool_state_str(info.state) : NULL);
        vsh_json_add_tristate(o, "autostart", autostart);
        vsh_json_add_tristate(o, "persistent", persistent);
        if (have_info && info.state == VIR_STORAGE_POOL_RUNNING) {
            vsh_json_add_uint(o, "capacity", info.capacity);
            vsh_json_add_uint(o, "allocation", info.allocation);
            vsh_json_add_uint(o, "available", info.available);
        }
        json_object_array_add(arr, o);
    } else if (details) {
        bool running = have_info && (info.state == VIR_STORAGE_POOL_RUNNING ||
                                     info.state == VIR_STORAGE_POOL_DEGRADED);
        g_autofree char *cap = running ? vsh_pretty_bytes(info.capacity) : g_strdup("-");
        g_autofree char *alloc = running ? vsh_pretty_bytes(info.allocation) : g_strdup("-");
        g_autofree char *avail = running ? vsh_pretty_bytes(info.available) : g_strdup("-");

        vsh_table_add_row(table, name, have_info ? pool_state_str(info.state) : "unknown",
                          autostr, vsh_yes_no(persistent, "unknown"),
                          cap, alloc, avail, NULL);
    } else if (opt_uuid && opt_name) {
        vsh_print(ctl, "%-36s %-20s\n", uuid, name);
    } else if (opt_uuid) {
        vsh_print(ctl, "%-36s\n", uuid);
    } else if (opt_name) {
        vsh_print(ctl, "%-20s\n", name);
    } else {
        vsh_table_add_row(table, name, virStoragePoolIsActive(p) == 1 ? "active" : "inactive",
                          autostr, NULL);
    }
}

static bool
cmd_pool_list(VshCtl *ctl, const VshCmd *cmd)
{
    static const VshOptFlag filters[] = {
        { "inactive", VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE },
        { "all", VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE | VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE },
        { "transient", VIR_CONNECT_LIST_STORAGE_POOLS_TRANSIENT },
        { "persistent", VIR_CONNECT_LIST_STORAGE_POOLS_PERSISTENT },
        { "autostart", VIR_CONNECT_LIST_STORAGE_POOLS_AUTOSTART },
        { "no-autostart", VIR_CONNECT_LIST_STORAGE_POOLS_NO_AUTOSTART },
    };
    bool details = vsh_opt_bool(cmd, "details");
    bool opt_uuid = vsh_opt_bool(cmd, "uuid");
    bool opt_name = vsh_opt_bool(cmd, "name");
    bool json = vsh_opt_bool(cmd, "json");
    const char *types = NULL;
    unsigned int flags = 0;
    virStoragePoolPtr *pools = NULL;
    g_autoptr(VshTable) table = NULL;
    json_object *arr = NULL;
    int n;

    if (!vsh_opt_exclusive(ctl, cmd, "details", "uuid") ||
        !vsh_opt_exclusive(ctl, cmd, "details", "name") ||
        !vsh_opt_exclusive(ctl, cmd, "json", "uuid") ||
        !vsh_opt_exclusive(ctl, cmd, "json", "name") ||
        !vsh_opt_exclusive(ctl, cmd, "json", "details"))
        return false;
    if (vsh_opt_string(ctl, cmd, "type", &types) < 0)
        return false;
    flags = vsh_opt_flags(cmd, filters, G_N_ELEMENTS(filters));
    if (!(flags & (VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE |
                   VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE)))
        flags |= VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE;
    if (types) {
        g_auto(GStrv) parts = g_strsplit(types, ",", -1);

        for (size_t i = 0; parts[i]; i++) {
            size_t t;

            for (t = 0; t < G_N_ELEMENTS(pool_type_flags); t++) {
                if (g_str_equal(parts[i], pool_type_flags[t].name))
                    break;
            }
            if (t == G_N_ELEMENTS(pool_type_flags)) {
                vsh_error(ctl, "Invalid pool type '%s'", parts[i]);
                return false;
            }
            flags |= pool_type_flags[t].flag;
        }
    }
    if ((n = virConnectListAllStoragePools(vsh_conn(ctl), &pools, flags)) < 0) {
        vsh_error(ctl, "Failed to list pools");
        return false;
    }
    qsort(pools, n, sizeof(*pools), pool_name_cmp);
    if (json)
        arr = json_object_new_array();
    else if (details)
        table = vsh_table_new("Name", "State", "Autostart", "Persistent", "Capacity",
                              "Allocation", "Available", NULL);
    else if (!opt_uuid && !opt_name)
        table = vsh_table_new("Name", "State", "Autostart", NULL);

    for (int i = 0; i < n; i++) {
        pool_list_row(ctl, pools[i], arr, table, details, opt_uuid, opt_name);
        virStoragePoolFree(pools[i]);
    }
    free(pools);
    vsh_reset_libvirt_error();
    if (arr)
        vsh_json_print(ctl, arr);
    else if (table)
        vsh_table_print(ctl, table);
    return true;
}

static const VshOptDef opts_pool_list[] = {
    { "inactive", VSH_OT_BOOL, 0, "only inactive pools" },
    { "all", VSH_OT_BOOL, 0, "active and inactive pools" },
    { "transient", VSH_OT_BOOL, 0, "only transient pools" },
    { "persistent", VSH_OT_BOOL, 0, "only persistent pools" },
    { "autostart", VSH_OT_BOOL, 0, "only pools started with the host" },
    { "no-autostart", VSH_OT_BOOL, 0, "only pools not started with the host" },
    { "type", VSH_OT_STRING, 0, "only pools of these types (comma-separated)" },
    { "details", VSH_OT_BOOL, 0, "add persistence and sizes" },
    { "uuid", VSH_OT_BOOL, 0, "print UUIDs only" },
    { "name", VSH_OT_BOOL, 0, "print names only" },
    { "json", VSH_OT_BOOL, 0, "print a JSON array" },
    { NULL }
};

/* ---- pool-info ---- */

static void
print_size(VshCtl *ctl, const char *label, unsigned long long v, bool bytes)
{
    if (bytes) {
        vsh_print(ctl, "%-15s %llu\n", label, v);
    } else {
        g_autofree char *s = vsh_pretty_bytes(v);

        vsh_print(ctl, "%-15s %s\n", label, s);
    }
}

static bool
cmd_pool_info(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virStoragePool) pool = pool_opt(ctl, cmd, NULL);
    bool bytes = vsh_opt_bool(cmd, "bytes");
    virStoragePoolInfo info;
    char uuid[VIR_UUID_STRING_BUFLEN] = "";
    int persistent, autostart = -1;

    if (!pool)
        return false;
    if (virStoragePoolGetInfo(pool, &info) < 0)
        return false;
    virStoragePoolGetUUIDString(pool, uuid);
    persistent = virStoragePoolIsPersistent(pool);
    if (virStoragePoolGetAutostart(pool, &autostart) < 0)
        autostart = -1;
    vsh_reset_libvirt_error();
    if (vsh_opt_bool(cmd, "json")) {
        json_object *o = json_object_new_object();

        vsh_json_add_str(o, "name", virStoragePoolGetName(pool));
        vsh_json_add_str(o, "uuid", uuid);
        vsh_json_add_str(o, "state", pool_state_str(info.state));
        vsh_json_add_tristate(o, "persistent", persistent);
        vsh_json_add_tristate(o, "autostart", autostart);
        if (info.state == VIR_STORAGE_POOL_RUNNING || info.state == VIR_STORAGE_POOL_DEGRADED) {
            vsh_json_add_uint(o, "capacity", info.capacity);
            vsh_json_add_uint(o, "allocation", info.allocation);
            vsh_json_add_uint(o, "available", info.available);
        }
        vsh_json_print(ctl, o);
        return true;
    }
    vsh_print(ctl, "%-15s %s\n", "Name:", virStoragePoolGetName(pool));
    vsh_print(ctl, "%-15s %s\n", "UUID:", uuid);
    vsh_print(ctl, "%-15s %s\n", "State:", pool_state_str(info.state));
    vsh_print(ctl, "%-15s %s\n", "Persistent:", vsh_yes_no(persistent, "unknown"));
    vsh_print(ctl, "%-15s %s\n", "Autostart:", vsh_yes_no(autostart, "no autostart"));
    if (info.state == VIR_STORAGE_POOL_RUNNING || info.state == VIR_STORAGE_POOL_DEGRADED) {
        print_size(ctl, "Capacity:", info.capacity, bytes);
        print_size(ctl, "Allocation:", info.allocation, bytes);
        print_size(ctl, "Available:", info.available, bytes);
    }
    return true;
}

static const VshOptDef opts_pool_info[] = {
    POOL_OPT,
    { "bytes", VSH_OT_BOOL, 0, "sizes in bytes" },
    { "json", VSH_OT_BOOL, 0, "print a JSON object" },
    { NULL }
};

/* ---- define / create from files ---- */

static unsigned int
build_flags(VshCtl *ctl, const VshCmd *cmd, bool *ok)
{
    unsigned int flags = 0;

    *ok = vsh_opt_exclusive(ctl, cmd, "overwrite", "no-overwrite");
    if (vsh_opt_bool(cmd, "build"))
        flags |= VIR_STORAGE_POOL_CREATE_WITH_BUILD;
    if (vsh_opt_bool(cmd, "overwrite"))
        flags |= VIR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE;
    if (vsh_opt_bool(cmd, "no-overwrite"))
        flags |= VIR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE;
    return flags;
}

static bool
cmd_pool_define(VshCtl *ctl, const VshCmd *cmd)
{
    const char *file = NULL;
    g_autofree char *xml = NULL;
    g_autoptr(virStoragePool) pool = NULL;

    if (vsh_opt_string(ctl, cmd, "file", &file) <= 0 ||
        vsh_read_xml_opt(ctl, cmd, "file", &xml) < 0)
        return false;
    pool = virStoragePoolDefineXML(vsh_conn(ctl), xml, vsh_opt_bool(cmd, "validate")
                                   ? VIR_STORAGE_POOL_DEFINE_VALIDATE : 0);
    if (!pool) {
        vsh_error(ctl, "Failed to define pool from %s", file);
        return false;
    }
    vsh_print_extra(ctl, "Pool %s defined from %s\n", virStoragePoolGetName(pool), file);
    return true;
}

static const VshOptDef opts_pool_define[] = {
    { "file", VSH_OT_DATA, VSH_OF_REQUIRED, "the pool's XML description" },
    { "validate", VSH_OT_BOOL, 0, "check the XML against the schema first" },
    { NULL }
};

static bool
cmd_pool_create(VshCtl *ctl, const VshCmd *cmd)
{
    const char *file = NULL;
    g_autofree char *xml = NULL;
    g_autoptr(virStoragePool) pool = NULL;
    bool ok;
    unsigned int flags = build_flags(ctl, cmd, &ok);

    if (!ok || vsh_opt_string(ctl, cmd, "file", &file) <= 0 ||
        vsh_read_xml_opt(ctl, cmd, "file", &xml) < 0)
        return false;
    if (!(pool = virStoragePoolCreateXML(vsh_conn(ctl), xml, flags))) {
        vsh_error(ctl, "Failed to create pool from %s", file);
        return false;
    }
    vsh_print_extra(ctl, "Pool %s created from %s\n", virStoragePoolGetName(pool), file);
    return true;
}

static const VshOptDef opts_pool_create[] = {
    { "file", VSH_OT_DATA, VSH_OF_REQUIRED, "the pool's XML description" },
    { "build", VSH_OT_BOOL, 0, "build the pool first" },
    { "no-overwrite", VSH_OT_BOOL, 0, "build only if nothing is there yet" },
    { "overwrite", VSH_OT_BOOL, 0, "build over whatever is there" },
    { NULL }
};

/* ---- pool-define-as / pool-create-as: the XML from options ---- */

static void
xattr(GString *s, const char *name, const char *val)
{
    g_autofree char *e = vsh_xml_escape(val);

    g_string_append_printf(s, " %s='%s'", name, e);
}

static char *
pool_xml_from_opts(VshCtl *ctl, const VshCmd *cmd, const char **ret_name)
{
    static const char *const names[] = {
        "name", "type", "source-host", "source-path", "source-dev", "source-name", "target",
        "source-format", "auth-type", "auth-username", "secret-usage", "secret-uuid",
        "adapter-name", "adapter-wwnn", "adapter-wwpn", "adapter-parent",
        "adapter-parent-wwnn", "adapter-parent-wwpn", "adapter-parent-fabric-wwn",
        "source-protocol-ver", "source-initiator",
    };
    enum { NAME, TYPE, HOST, PATH, DEV, SNAME, TARGET, FORMAT, AUTHTYPE, AUTHUSER, SUSAGE,
           SUUID, ANAME, AWWNN, AWWPN, APARENT, APWWNN, APWWPN, APFABRIC, PROTO, INIT };
    const char *v[G_N_ELEMENTS(names)] = { 0 };
    GString *x;
    g_autofree char *ename = NULL;

    for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
        if (vsh_opt_string(ctl, cmd, names[i], &v[i]) < 0)
            return NULL;
    }
    if (v[SUSAGE] && v[SUUID]) {
        vsh_error(ctl, "Options --secret-usage and --secret-uuid are mutually exclusive");
        return NULL;
    }
    x = g_string_new(NULL);
    ename = vsh_xml_escape(v[NAME]);
    g_string_append(x, "<pool");
    xattr(x, "type", v[TYPE]);
    g_string_append_printf(x, ">\n  <name>%s</name>\n", ename);
    if (v[HOST] || v[PATH] || v[DEV] || v[FORMAT] || v[SNAME] || v[ANAME] ||
        (v[AWWNN] && v[AWWPN]) || v[INIT] || (v[AUTHTYPE] && v[AUTHUSER]) || v[PROTO]) {
        g_string_append(x, "  <source>\n");
        if (v[HOST]) {
            g_string_append(x, "    <host");
            xattr(x, "name", v[HOST]);
            g_string_append(x, "/>\n");
        }
        if (v[PATH]) {
            g_string_append(x, "    <dir");
            xattr(x, "path", v[PATH]);
            g_string_append(x, "/>\n");
        }
        if (v[DEV]) {
            g_string_append(x, "    <device");
            xattr(x, "path", v[DEV]);
            g_string_append(x, "/>\n");
        }
        if (v[INIT]) {
            g_string_append(x, "    <initiator>\n      <iqn");
            xattr(x, "name", v[INIT]);
            g_string_append(x, "/>\n    </initiator>\n");
        }
        if (v[AWWNN] && v[AWWPN]) {
            g_string_append(x, "    <adapter type='fc_host'");
            if (v[APARENT]) {
                xattr(x, "parent", v[APARENT]);
            } else if (v[APWWNN] && v[APWWPN]) {
                xattr(x, "parent_wwnn", v[APWWNN]);
                xattr(x, "parent_wwpn", v[APWWPN]);
            } else if (v[APFABRIC]) {
                xattr(x, "parent_fabric_wwn", v[APFABRIC]);
            }
            xattr(x, "wwnn", v[AWWNN]);
            xattr(x, "wwpn", v[AWWPN]);
            g_string_append(x, "/>\n");
        } else if (v[ANAME]) {
            g_string_append(x, "    <adapter type='scsi_host'");
            xattr(x, "name", v[ANAME]);
            g_string_append(x, "/>\n");
        }
        if (v[AUTHTYPE] && v[AUTHUSER] && (v[SUSAGE] || v[SUUID])) {
            g_string_append(x, "    <auth");
            xattr(x, "type", v[AUTHTYPE]);
            xattr(x, "username", v[AUTHUSER]);
            g_string_append(x, ">\n      <secret");
            if (v[SUSAGE])
                xattr(x, "usage", v[SUSAGE]);
            else
                xattr(x, "uuid", v[SUUID]);
            g_string_append(x, "/>\n    </auth>\n");
        }
        if (v[FORMAT]) {
            g_string_append(x, "    <format");
            xattr(x, "type", v[FORMAT]);
            g_string_append(x, "/>\n");
        }
        if (v[SNAME]) {
            g_autofree char *e = vsh_xml_escape(v[SNAME]);

            g_string_append_printf(x, "    <name>%s</name>\n", e);
        }
        if (v[PROTO]) {
            g_string_append(x, "    <protocol");
            xattr(x, "ver", v[PROTO]);
            g_string_append(x, "/>\n");
        }
        g_string_append(x, "  </source>\n");
    }
    if (v[TARGET]) {
        g_autofree char *e = vsh_xml_escape(v[TARGET]);

        g_string_append_printf(x, "  <target>\n    <path>%s</path>\n  </target>\n", e);
    }
    g_string_append(x, "</pool>\n");
    *ret_name = v[NAME];
    return g_string_free(x, FALSE);
}

static bool
pool_as(VshCtl *ctl, const VshCmd *cmd, bool create)
{
    const char *name = NULL;
    g_autofree char *xml = NULL;
    g_autoptr(virStoragePool) pool = NULL;
    unsigned int flags = 0;
    bool ok = true;

    if (create)
        flags = build_flags(ctl, cmd, &ok);
    if (!ok || !(xml = pool_xml_from_opts(ctl, cmd, &name)))
        return false;
    if (vsh_opt_bool(cmd, "print-xml")) {
        vsh_print(ctl, "%s", xml);
        return true;
    }
    pool = create ? virStoragePoolCreateXML(vsh_conn(ctl), xml, flags)
                  : virStoragePoolDefineXML(vsh_conn(ctl), xml, 0);
    if (!pool) {
        if (create)
            vsh_error(ctl, "Failed to create pool %s", name);
        else
            vsh_error(ctl, "Failed to define pool %s", name);
        return false;
    }
    if (create)
        vsh_print_extra(ctl, "Pool %s created\n", name);
    else
        vsh_print_extra(ctl, "Pool %s defined\n", name);
    return true;
}

static bool
cmd_pool_define_as(VshCtl *ctl, const VshCmd *cmd)
{
    return pool_as(ctl, cmd, false);
}

static bool
cmd_pool_create_as(VshCtl *ctl, const VshCmd *cmd)
{
    return pool_as(ctl, cmd, true);
}

#define POOL_AS_OPTS \
    { "name", VSH_OT_DATA, VSH_OF_REQUIRED, "the pool's name" }, \
    { "type", VSH_OT_DATA, VSH_OF_REQUIRED, "the pool type (dir, netfs, logical, iscsi...)" }, \
    { "print-xml", VSH_OT_BOOL, 0, "print the XML instead of using it" }, \
    { "source-host", VSH_OT_STRING, 0, "the source host" }, \
    { "source-path", VSH_OT_STRING, 0, "the source path on that host" }, \
    { "source-dev", VSH_OT_STRING, 0, "the source device" }, \
    { "source-name", VSH_OT_STRING, 0, "the source name (volume group, RBD pool...)" }, \
    { "target", VSH_OT_STRING, 0, "the target directory" }, \
    { "source-format", VSH_OT_STRING, 0, "the source format" }, \
    { "auth-type", VSH_OT_STRING, 0, "authentication type (chap, ceph)" }, \
    { "auth-username", VSH_OT_STRING, 0, "authentication user name" }, \
    { "secret-usage", VSH_OT_STRING, 0, "the secret holding the password, by usage" }, \
    { "secret-uuid", VSH_OT_STRING, 0, "the secret holding the password, by UUID" }, \
    { "adapter-name", VSH_OT_STRING, 0, "SCSI host adapter name" }, \
    { "adapter-wwnn", VSH_OT_STRING, 0, "FC adapter WWNN" }, \
    { "adapter-wwpn", VSH_OT_STRING, 0, "FC adapter WWPN" }, \
    { "adapter-parent", VSH_OT_STRING, 0, "FC adapter parent device" }, \
    { "adapter-parent-wwnn", VSH_OT_STRING, 0, "FC adapter parent WWNN" }, \
    { "adapter-parent-wwpn", VSH_OT_STRING, 0, "FC adapter parent WWPN" }, \
    { "adapter-parent-fabric-wwn", VSH_OT_STRING, 0, "FC adapter parent fabric WWN" }, \
    { "source-protocol-ver", VSH_OT_STRING, 0, "NFS protocol version" }, \
    { "source-initiator", VSH_OT_STRING, 0, "iSCSI initiator IQN" }

static const VshOptDef opts_pool_define_as[] = {
    POOL_AS_OPTS,
    { NULL }
};

static const VshOptDef opts_pool_create_as[] = {
    POOL_AS_OPTS,
    { "build", VSH_OT_BOOL, 0, "build the pool first" },
    { "no-overwrite", VSH_OT_BOOL, 0, "build only if nothing is there yet" },
    { "overwrite", VSH_OT_BOOL, 0, "build over whatever is there" },
    { NULL }
};

/* ---- lifecycle ---- */

enum { P_START, P_DESTROY, P_DELETE, P_UNDEFINE, P_REFRESH, P_BUILD };

static bool
pool_action(VshCtl *ctl, const VshCmd *cmd, int act)
{
    const char *name = NULL;
    g_autoptr(virStoragePool) pool = pool_opt(ctl, cmd, &name);
    unsigned int flags = 0;
    bool ok = true;
    int r;

    if (!pool)
        return false;
    if (act == P_START || act == P_BUILD) {
        if (!vsh_opt_exclusive(ctl, cmd, "overwrite", "no-overwrite"))
            return false;
        if (act == P_START)
            flags = build_flags(ctl, cmd, &ok);
        else
            flags = (vsh_opt_bool(cmd, "overwrite") ? VIR_STORAGE_POOL_BUILD_OVERWRITE : 0) |
                    (vsh_opt_bool(cmd, "no-overwrite") ? VIR_STORAGE_POOL_BUILD_NO_OVERWRITE
                                                       : 0);
    }
    name = virStoragePoolGetName(pool);
    switch (act) {
    case P_START:
        if ((r = virStoragePoolCreate(pool, flags)) < 0)
            vsh_error(ctl, "Failed to start pool %s", name);
        else
            vsh_print_extra(ctl, "Pool %s started\n", name);
        break;
    case P_DESTROY:
        if ((r = virStoragePoolDestroy(pool)) < 0)
            vsh_error(ctl, "Failed to destroy pool %s", name);
        else
            vsh_print_extra(ctl, "Pool %s destroyed\n", name);
        break;
    case P_DELETE:
        if ((r = virStoragePoolDelete(pool, 0)) < 0)
            vsh_error(ctl, "Failed to delete pool %s", name);
        else
            vsh_print_extra(ctl, "Pool %s deleted\n", name);
        break;
    case P_UNDEFINE:
        if ((r = virStoragePoolUndefine(pool)) < 0)
            vsh_error(ctl, "Failed to undefine pool %s", name);
        else
            vsh_print_extra(ctl, "Pool %s has been undefined\n", name);
        break;
    case P_REFRESH:
        if ((r = virStoragePoolRefresh(pool, 0)) < 0)
            vsh_error(ctl, "Failed to refresh pool %s", name);
        else
            vsh_print_extra(ctl, "Pool %s refreshed\n", name);
        break;
    default:
        if ((r = virStoragePoolBuild(pool, flags)) < 0)
            vsh_error(ctl, "Failed to build pool %s", name);
        else
            vsh_print_extra(ctl, "Pool %s built\n", name);
        break;
    }
    return r == 0;
}

static bool
cmd_pool_start(VshCtl *ctl, const VshCmd *cmd)
{
    return pool_action(ctl, cmd, P_START);
}

static bool
cmd_pool_destroy(VshCtl *ctl, const VshCmd *cmd)
{
    return pool_action(ctl, cmd, P_DESTROY);
}

static bool
cmd_pool_delete(VshCtl *ctl, const VshCmd *cmd)
{
    return pool_action(ctl, cmd, P_DELETE);
}

static bool
cmd_pool_undefine(VshCtl *ctl, const VshCmd *cmd)
{
    return pool_action(ctl, cmd, P_UNDEFINE);
}

static bool
cmd_pool_refresh(VshCtl *ctl, const VshCmd *cmd)
{
    return pool_action(ctl, cmd, P_REFRESH);
}

static bool
cmd_pool_build(VshCtl *ctl, const VshCmd *cmd)
{
    return pool_action(ctl, cmd, P_BUILD);
}

static const VshOptDef opts_pool_only[] = {
    POOL_OPT,
    { NULL }
};

static const VshOptDef opts_pool_build[] = {
    POOL_OPT,
    { "no-overwrite", VSH_OT_BOOL, 0, "build only if nothing is there yet" },
    { "overwrite", VSH_OT_BOOL, 0, "build over whatever is there" },
    { NULL }
};

static const VshOptDef opts_pool_start[] = {
    POOL_OPT,
    { "build", VSH_OT_BOOL, 0, "build the pool first" },
    { "no-overwrite", VSH_OT_BOOL, 0, "build only if nothing is there yet" },
    { "overwrite", VSH_OT_BOOL, 0, "build over whatever is there" },
    { NULL }
};

static bool
cmd_pool_autostart(VshCtl *ctl, const VshCmd *cmd)
{
    const char *name = NULL;
    g_autoptr(virStoragePool) pool = pool_opt(ctl, cmd, &name);
    bool disable = vsh_opt_bool(cmd, "disable");

    if (!pool)
        return false;
    if (virStoragePoolSetAutostart(pool, !disable) < 0) {
        if (disable)
            vsh_error(ctl, "failed to unmark pool %s as autostarted", name);
        else
            vsh_error(ctl, "failed to mark pool %s as autostarted", name);
        return false;
    }
    if (disable)
        vsh_print_extra(ctl, "Pool %s unmarked as autostarted\n", name);
    else
        vsh_print_extra(ctl, "Pool %s marked as autostarted\n", name);
    return true;
}

static const VshOptDef opts_pool_autostart[] = {
    POOL_OPT,
    { "disable", VSH_OT_BOOL, 0, "turn autostart off" },
    { NULL }
};

/* ---- XML, names ---- */

static bool
cmd_pool_dumpxml(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virStoragePool) pool = pool_opt(ctl, cmd, NULL);
    g_autofree char *xml = NULL;

    if (!pool)
        return false;
    xml = virStoragePoolGetXMLDesc(pool, vsh_opt_bool(cmd, "inactive")
                                             ? VIR_STORAGE_XML_INACTIVE : 0);
    return xml && vsh_print_xml(ctl, cmd, xml);
}

static const VshOptDef opts_pool_dumpxml[] = {
    POOL_OPT,
    { "inactive", VSH_OT_BOOL, 0, "the persistent configuration, not the live one" },
    { "xpath", VSH_OT_STRING, VSH_OF_NOPOS, "print only what this XPath expression selects" },
    { "wrap", VSH_OT_BOOL, 0, "wrap the --xpath results in a <nodes> element" },
    { NULL }
};

/* the persistent XML; drivers that refuse the flag give their only one */
static char *
pool_edit_dump(VshCtl *ctl, void *obj)
{
    char *xml = virStoragePoolGetXMLDesc(obj, VIR_STORAGE_XML_INACTIVE);

    if (!xml && vsh_last_error_code() == VIR_ERR_INVALID_ARG) {
        vsh_reset_libvirt_error();
        xml = virStoragePoolGetXMLDesc(obj, 0);
    }
    return xml;
}

static char *
pool_edit_define(VshCtl *ctl, void *obj, const char *xml)
{
    g_autoptr(virStoragePool) p = virStoragePoolDefineXML(vsh_conn(ctl), xml, 0);

    return p ? g_strdup(virStoragePoolGetName(p)) : NULL;
}

static bool
cmd_pool_edit(VshCtl *ctl, const VshCmd *cmd)
{
    static const VshEditOps ops = {
        pool_edit_dump, pool_edit_define,
        "Pool %s XML configuration not changed.\n",
        "Pool %s XML configuration edited.\n",
    };
    g_autoptr(virStoragePool) pool = pool_opt(ctl, cmd, NULL);

    return pool && vsh_edit(ctl, &ops, pool, virStoragePoolGetName(pool));
}

static bool
cmd_pool_uuid(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virStoragePool) pool = vsh_pool_opt(ctl, cmd, "pool", VSH_BYNAME, NULL);
    char uuid[VIR_UUID_STRING_BUFLEN];

    if (!pool)
        return false;
    if (virStoragePoolGetUUIDString(pool, uuid) < 0) {
        vsh_error(ctl, "failed to get pool UUID");
        return false;
    }
    vsh_print(ctl, "%s\n", uuid);
    return true;
}

static bool
cmd_pool_name(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virStoragePool) pool = vsh_pool_opt(ctl, cmd, "pool", VSH_BYUUID, NULL);

    if (!pool)
        return false;
    vsh_print(ctl, "%s\n", virStoragePoolGetName(pool));
    return true;
}

static bool
cmd_pool_capabilities(VshCtl *ctl, const VshCmd *cmd)
{
    g_autofree char *xml = virConnectGetStoragePoolCapabilities(vsh_conn(ctl), 0);

    if (!xml) {
        vsh_error(ctl, "failed to get storage pool capabilities");
        return false;
    }
    vsh_print(ctl, "%s\n", xml);
    return true;
}

/* ---- source discovery ---- */

static bool
find_sources(VshCtl *ctl, const char *type, const char *spec)
{
    char *xml = virConnectFindStoragePoolSources(vsh_conn(ctl), type, spec, 0);

    if (!xml) {
        vsh_error(ctl, "Failed to find any %s pool sources", type);
        return false;
    }
    vsh_print(ctl, "%s", xml);
    free(xml);
    return true;
}

static bool
cmd_find_sources(VshCtl *ctl, const VshCmd *cmd)
{
    const char *type = NULL, *file = NULL;
    g_autofree char *spec = NULL;
    size_t len;

    if (vsh_opt_string(ctl, cmd, "type", &type) <= 0 ||
        vsh_opt_string(ctl, cmd, "srcSpec", &file) < 0)
        return false;
    if (file && vsh_read_file(ctl, file, VSH_MAX_XML_FILE, &spec, &len) < 0)
        return false;
    return find_sources(ctl, type, spec);
}

static const VshOptDef opts_find_sources[] = {
    { "type", VSH_OT_DATA, VSH_OF_REQUIRED, "the pool type to look for" },
    { "srcSpec", VSH_OT_STRING, 0, "a file with a <source> element to narrow the search" },
    { NULL }
};

static bool
cmd_find_sources_as(VshCtl *ctl, const VshCmd *cmd)
{
    const char *type = NULL, *host = NULL, *port = NULL, *init = NULL;
    g_autoptr(GString) spec = NULL;

    if (vsh_opt_string(ctl, cmd, "type", &type) <= 0 ||
        vsh_opt_string(ctl, cmd, "host", &host) < 0 ||
        vsh_opt_string(ctl, cmd, "port", &port) < 0 ||
        vsh_opt_string(ctl, cmd, "initiator", &init) < 0)
        return false;
    if (host) {
        spec = g_string_new("<source>\n  <host");
        xattr(spec, "name", host);
        if (port)
            xattr(spec, "port", port);
        g_string_append(spec, "/>\n");
        if (init) {
            g_string_append(spec, "  <initiator>\n    <iqn");
            xattr(spec, "name", init);
            g_string_append(spec, "/>\n  </initiator>\n");
        }
        g_string_append(spec, "</source>\n");
    }
    return find_sources(ctl, type, spec ? spec->str : NULL);
}

static const VshOptDef opts_find_sources_as[] = {
    { "type", VSH_OT_DATA, VSH_OF_REQUIRED, "the pool type to look for" },
    { "host", VSH_OT_STRING, 0, "the host to ask" },
    { "port", VSH_OT_STRING, 0, "its port" },
    { "initiator", VSH_OT_STRING, 0, "the iSCSI initiator IQN" },
    { NULL }
};

/* ---- pool-event ---- */

static void
pool_lifecycle_cb(virConnectPtr c, virStoragePoolPtr pool, int event, int detail,
                  void *opaque)
{
    static const char *const names[] = {
        [VIR_STORAGE_POOL_EVENT_DEFINED] = "Defined",
        [VIR_STORAGE_POOL_EVENT_UNDEFINED] = "Undefined",
        [VIR_STORAGE_POOL_EVENT_STARTED] = "Started",
        [VIR_STORAGE_POOL_EVENT_STOPPED] = "Stopped",
        [VIR_STORAGE_POOL_EVENT_CREATED] = "Created",
        [VIR_STORAGE_POOL_EVENT_DELETED] = "Deleted",
    };

    vsh_event_print(opaque, "storage pool", virStoragePoolGetName(pool),
                    event >= 0 && event < (int) G_N_ELEMENTS(names) ? names[event] : "unknown");
}

static void
pool_generic_cb(virConnectPtr c, virStoragePoolPtr pool, void *opaque)
{
    vsh_event_print(opaque, "storage pool", virStoragePoolGetName(pool), NULL);
}

static const char *const pool_event_names[] = {
    [VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE] = "lifecycle",
    [VIR_STORAGE_POOL_EVENT_ID_REFRESH] = "refresh",
};
static const virConnectStoragePoolEventGenericCallback pool_event_cbs[] = {
    [VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE] =
        (virConnectStoragePoolEventGenericCallback) (void (*)(void)) pool_lifecycle_cb,
    [VIR_STORAGE_POOL_EVENT_ID_REFRESH] = pool_generic_cb,
};
G_STATIC_ASSERT(G_N_ELEMENTS(pool_event_names) == VIR_STORAGE_POOL_EVENT_ID_LAST);
G_STATIC_ASSERT(G_N_ELEMENTS(pool_event_cbs) == VIR_STORAGE_POOL_EVENT_ID_LAST);

static bool
cmd_pool_event(VshCtl *ctl, const VshCmd *cmd)
{
    VshEventData data = { 0 };
    const char *name = NULL;
    g_autoptr(virStoragePool) pool = NULL;
    virConnectPtr conn;
    int id, timeout = 0, cb;

    id = vsh_event_opts(ctl, cmd, pool_event_names, G_N_ELEMENTS(pool_event_names), &data,
                        &timeout);
    if (id < 0)
        return id == VSH_EVENT_LISTED;
    if (vsh_opt_string(ctl, cmd, "pool", &name) < 0 || !(conn = vsh_conn(ctl)))
        return false;
    if (name && !(pool = vsh_pool_lookup(ctl, name, VSH_BYUUID | VSH_BYNAME)))
        return false;
    if ((cb = virConnectStoragePoolEventRegisterAny(conn, pool, id, pool_event_cbs[id], &data,
                                                    NULL)) < 0)
        return false;
    return vsh_event_run(ctl, &data, conn, virConnectStoragePoolEventDeregisterAny, &cb, 1,
                         timeout);
}

static const VshOptDef opts_pool_event[] = {
    { "pool", VSH_OT_STRING, 0, "only events of this pool" },
    VSH_EVENT_OPTS,
    { NULL }
};

/* ---- the table ---- */

static const VshCmdDef cmds_pool[] = {
    { "find-storage-pool-sources", cmd_find_sources, opts_find_sources,
      "discover storage pool sources",
      "Ask the host which sources a pool of a type could use.", 0 },
    { "find-storage-pool-sources-as", cmd_find_sources_as, opts_find_sources_as,
      "discover storage pool sources on a host",
      "Ask a host which sources a pool of a type could use.", 0 },
    { "pool-autostart", cmd_pool_autostart, opts_pool_autostart, "start a pool with the host",
      "Mark a pool to be started when the host (or its daemon) starts.", 0 },
    { "pool-build", cmd_pool_build, opts_pool_build, "build a pool",
      "Prepare a pool's underlying storage (make the directory, format the disk...).", 0 },
    { "pool-capabilities", cmd_pool_capabilities, NULL, "show storage pool capabilities",
      "Print which pool types and formats the host supports.", 0 },
    { "pool-create", cmd_pool_create, opts_pool_create, "start a transient pool from XML",
      "Create and start a pool that disappears once it stops.", 0 },
    { "pool-create-as", cmd_pool_create_as, opts_pool_create_as,
      "start a transient pool from options",
      "Create and start a transient pool described by options instead of XML.", 0 },
    { "pool-define", cmd_pool_define, opts_pool_define, "define a pool from XML",
      "Define (or redefine) a persistent pool without starting it.", 0 },
    { "pool-define-as", cmd_pool_define_as, opts_pool_define_as, "define a pool from options",
      "Define a persistent pool described by options instead of XML.", 0 },
    { "pool-delete", cmd_pool_delete, opts_pool_only, "delete a pool's storage",
      "Delete the underlying storage of an inactive pool.", 0 },
    { "pool-destroy", cmd_pool_destroy, opts_pool_only, "stop a pool",
      "Stop an active pool.", 0 },
    { "pool-dumpxml", cmd_pool_dumpxml, opts_pool_dumpxml, "show a pool's XML",
      "Print the XML description of a pool.", 0 },
    { "pool-edit", cmd_pool_edit, opts_pool_only, "edit a pool's XML",
      "Edit the persistent XML of a pool in $VISUAL or $EDITOR and redefine it.", 0 },
    { "pool-event", cmd_pool_event, opts_pool_event, "wait for storage pool events",
      "Print storage pool events as they happen, or list the event types.", 0 },
    { "pool-info", cmd_pool_info, opts_pool_info, "show basic facts about a pool",
      "Print a pool's UUID, state, autostart and sizes.", 0 },
    { "pool-list", cmd_pool_list, opts_pool_list, "list pools",
      "List storage pools; by default the active ones, with --all every one.", 0 },
    { "pool-name", cmd_pool_name, opts_pool_only, "print a pool's name",
      "Print the name of a pool given by UUID.", 0 },
    { "pool-refresh", cmd_pool_refresh, opts_pool_only, "rescan a pool's volumes",
      "Make an active pool look for volumes again.", 0 },
    { "pool-start", cmd_pool_start, opts_pool_start, "start a defined pool",
      "Start an inactive persistent pool.", 0 },
    { "pool-undefine", cmd_pool_undefine, opts_pool_only, "remove a pool's definition",
      "Remove the persistent definition of an inactive pool.", 0 },
    { "pool-uuid", cmd_pool_uuid, opts_pool_only, "print a pool's UUID",
      "Print the UUID of a pool given by name.", 0 },
    { NULL }
};

const VshCmdGroup vsh_group_pool = { "Storage Pool", "pool", { cmds_pool } };
