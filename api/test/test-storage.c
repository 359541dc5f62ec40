/* api/test/test-storage.c: storage pools and volumes of the test driver.
 * Pools have a fixed 100 GiB capacity whose allocation is the sum of their
 * volumes; volume contents live in memory (read back as zeros where never
 * written) and travel through upload/download streams. Behaviour and
 * messages follow libvirt 9.0's test driver; what it lacks (wipe, resize,
 * streams, capabilities, lookup by path) follows libvirt's storage driver. */
#include "config.h"

#include <string.h>

#define ERR_DOMAIN VIR_FROM_TEST
#include "api/test/test-objects.h"
#include "common/conf/storage_conf.h"
#include "common/conf/storagevol_conf.h"
#include "common/util/err.h"
#include "common/util/uuid.h"

#define storage_err(code, ...) \
    err_report_full(VIR_FROM_STORAGE, (code), __FILE__, __func__, __LINE__, __VA_ARGS__)

#define POOL_CAPACITY (100ULL * 1024 * 1024 * 1024)

typedef struct {
    VolDef *def;
    GByteArray *data;           /* written contents; the rest reads as zeros */
} TestVol;

typedef struct {
    PoolDef *def;
    bool active;
    bool persistent;            /* libvirt: has a config file */
    bool autostart;
    GHashTable *vols;           /* name -> TestVol */
} TestPool;

struct TestPools {
    GHashTable *objs;           /* UUID string -> TestPool, libvirt's key */
};

static void
vol_free(gpointer p)
{
    TestVol *vol = p;

    vol_def_free(vol->def);
    if (vol->data)
        g_byte_array_unref(vol->data);
    g_free(vol);
}

static void
pool_free(gpointer p)
{
    TestPool *pool = p;

    pool_def_free(pool->def);
    g_hash_table_unref(pool->vols);
    g_free(pool);
}

TestPools *
test_pools_new(void)
{
    TestPools *pools = g_new0(TestPools, 1);

    pools->objs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, pool_free);
    return pools;
}

void
test_pools_free(TestPools *pools)
{
    if (!pools)
        return;
    g_hash_table_unref(pools->objs);
    g_free(pools);
}

static TestPool *
find_by_uuid(TestPools *pools, const unsigned char *uuid)
{
    char key[VIR_UUID_STRING_BUFLEN];

    uuid_format(uuid, key);
    return g_hash_table_lookup(pools->objs, key);
}

static TestPool *
find_by_name(TestPools *pools, const char *name)
{
    GHashTableIter it;
    gpointer v;

    g_hash_table_iter_init(&it, pools->objs);
    while (g_hash_table_iter_next(&it, NULL, &v)) {
        if (g_str_equal(((TestPool *) v)->def->name, name))
            return v;
    }
    return NULL;
}

static void
remove_pool(TestPools *pools, TestPool *pool)
{
    char key[VIR_UUID_STRING_BUFLEN];

    uuid_format(pool->def->uuid, key);
    g_hash_table_remove(pools->objs, key);
}

static TestPool *
get_by_name(TestState *s, const char *name)
{
    TestPool *pool = find_by_name(s->pools, name);

    if (!pool)
        err_report(VIR_ERR_NO_STORAGE_POOL, "no storage pool with matching name '%s'", name);
    return pool;
}

static TestPool *
get_by_uuid(TestState *s, const unsigned char *uuid)
{
    TestPool *pool = find_by_uuid(s->pools, uuid);
    char str[VIR_UUID_STRING_BUFLEN];

    if (!pool) {
        uuid_format(uuid, str);
        err_report(VIR_ERR_NO_STORAGE_POOL, "no storage pool with matching uuid '%s'", str);
    }
    return pool;
}

/* A pool by name that must (@want_active) or must not be running. */
static TestPool *
get_in_state(TestState *s, const char *name, bool want_active)
{
    TestPool *pool = get_by_name(s, name);

    if (!pool)
        return NULL;
    if (pool->active != want_active) {
        err_report(VIR_ERR_OPERATION_INVALID, want_active ?
                   "storage pool '%s' is not active" : "storage pool '%s' is active", name);
        return NULL;
    }
    return pool;
}

static void
emit(TestState *s, const PoolDef *def, int event_id, int event)
{
    TestEventData d = { .name = def->name, .uuid = def->uuid, .event = event };

    test_emit_event(s, API_EVENT_FAMILY_STORAGE_POOL, event_id, &d);
}

static void
emit_lifecycle(TestState *s, const PoolDef *def, int event)
{
    emit(s, def, VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE, event);
}

static void
set_defaults(PoolDef *def)
{
    def->capacity = POOL_CAPACITY;
    def->allocation = 0;
    def->available = POOL_CAPACITY;
}

static void
account(PoolDef *def, long long delta)
{
    def->allocation += delta;
    def->available = def->capacity - def->allocation;
}

/* Two pools that would manage the same storage (libvirt's duplicate source
 * rule, per pool type). */
static bool
same_source(const PoolDef *a, const PoolDef *b)
{
    const PoolSource *x = &a->source;
    const PoolSource *y = &b->source;

    if (a->type != b->type)
        return false;
    switch (a->type) {
    case POOL_DIR:
        return a->target_path && b->target_path && g_str_equal(a->target_path, b->target_path);
    case POOL_NETFS:
    case POOL_GLUSTER:
        return x->nhosts && y->nhosts && g_str_equal(x->hosts[0].name, y->hosts[0].name) &&
               x->dir && y->dir && g_str_equal(x->dir, y->dir);
    case POOL_LOGICAL:
    case POOL_RBD:
    case POOL_SHEEPDOG:
    case POOL_ZFS:
        return x->name && y->name && g_str_equal(x->name, y->name);
    default:
        return x->ndevices && y->ndevices && x->devices[0].path && y->devices[0].path &&
               g_str_equal(x->devices[0].path, y->devices[0].path);
    }
}

/* Add @def (consumed on success) like libvirt's pool object list: a new
 * pool, or a new definition for the inactive pool of the same UUID and
 * name. @live refuses to replace a running pool. */
static TestPool *
add_def(TestPools *pools, PoolDef *def, bool live)
{
    TestPool *pool = find_by_uuid(pools, def->uuid);
    char str[VIR_UUID_STRING_BUFLEN];
    GHashTableIter it;
    gpointer v;

    if (pool && !g_str_equal(pool->def->name, def->name)) {
        uuid_format(pool->def->uuid, str);
        storage_err(VIR_ERR_OPERATION_FAILED, "pool '%s' is already defined with uuid %s",
                    pool->def->name, str);
        return NULL;
    }
    if (pool && live && pool->active) {
        storage_err(VIR_ERR_OPERATION_INVALID, "pool is already active as '%s'",
                    pool->def->name);
        return NULL;
    }
    if (!pool && (pool = find_by_name(pools, def->name))) {
        uuid_format(pool->def->uuid, str);
        storage_err(VIR_ERR_OPERATION_FAILED, "pool '%s' already exists with uuid %s",
                    def->name, str);
        return NULL;
    }
    g_hash_table_iter_init(&it, pools->objs);
    while (g_hash_table_iter_next(&it, NULL, &v)) {
        TestPool *other = v;

        if (other != pool && same_source(other->def, def)) {
            storage_err(VIR_ERR_OPERATION_FAILED, "Storage source conflict with pool: '%s'",
                        other->def->name);
            return NULL;
        }
    }
    if (pool) {
        pool_def_free(pool->def);
        pool->def = def;
        return pool;
    }
    pool = g_new0(TestPool, 1);
    pool->def = def;
    pool->vols = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, vol_free);
    uuid_format(def->uuid, str);
    g_hash_table_insert(pools->objs, g_strdup(str), pool);
    return pool;
}

/* ---- volumes ------------------------------------------------------------- */

static TestVol *
find_vol(TestPool *pool, const char *name)
{
    return g_hash_table_lookup(pool->vols, name);
}

static TestVol *
get_vol(TestPool *pool, const char *name)
{
    TestVol *vol = find_vol(pool, name);

    if (!vol)
        err_report(VIR_ERR_NO_STORAGE_VOL, "no storage vol with matching name '%s'", name);
    return vol;
}

/* Give @def its path and key inside @pool and add it (consumed). */
static TestVol *
add_vol(TestPool *pool, VolDef *def)
{
    TestVol *vol = g_new0(TestVol, 1);

    if (!def->target.path)
        def->target.path = g_strdup_printf("%s/%s", pool->def->target_path, def->name);
    if (!def->key)
        def->key = g_strdup(def->target.path);
    vol->def = def;
    g_hash_table_insert(pool->vols, g_strdup(def->name), vol);
    account(pool->def, (long long) def->allocation);
    return vol;
}

/* The volume type libvirt's test driver reports for a pool type. */
static int
vol_type_for_pool(int pool_type)
{
    switch (pool_type) {
    case POOL_DIR:
    case POOL_FS:
    case POOL_NETFS:
    case POOL_VSTORAGE:
        return VIR_STORAGE_VOL_FILE;
    case POOL_SHEEPDOG:
    case POOL_ISCSI_DIRECT:
    case POOL_GLUSTER:
    case POOL_RBD:
        return VIR_STORAGE_VOL_NETWORK;
    default:
        return VIR_STORAGE_VOL_BLOCK;
    }
}

static VolDef *
parse_vol_node(xmlNode *node, const char *basedir, int pool_type)
{
    VolDef *def = test_obj_load_node(node, basedir, &vol_def_schema,
                                     XMLMAP_PARSE_SKIP_VALIDATE);

    if (!def)
        return NULL;
    vol_def_set_pool_type(def, pool_type);
    if (xmlmap_validate(&vol_def_schema, def, 0) < 0) {
        vol_def_free(def);
        return NULL;
    }
    return def;
}

/* ---- defaults and host files --------------------------------------------- */

static const char default_pool_xml[] =
    "<pool type='dir'>"
    "  <name>default-pool</name>"
    "  <uuid>dfe224cb-28fb-8dd0-c4b2-64eb3f0f4566</uuid>"
    "  <target>"
    "    <path>/default-pool</path>"
    "  </target>"
    "</pool>";

/* Host-file and default pools are persistent and running. */
static TestPool *
add_loaded(TestPools *pools, PoolDef *def)
{
    TestPool *pool;

    set_defaults(def);
    if (!(pool = add_def(pools, def, false))) {
        pool_def_free(def);
        return NULL;
    }
    pool->persistent = true;
    pool->active = true;
    return pool;
}

int
test_pools_add_defaults(TestPools *pools, TestState *s)
{
    PoolDef *def = pool_def_parse_string(default_pool_xml, 0);

    if (!def)
        return -1;
    return add_loaded(pools, def) ? 0 : -1;
}

int
test_pools_load(TestPools *pools, TestState *s, xmlNode *node, const char *basedir)
{
    g_autoptr(xmlDoc) doc = NULL;
    xmlNode *elem = test_node_resolve(node, basedir, &doc);
    void *obj = NULL;
    TestPool *pool;

    if (!elem || xmlmap_parse_node(&pool_def_schema, elem, &obj, 0) < 0)
        return -1;
    if (!(pool = add_loaded(pools, obj)))
        return -1;
    /* the volumes are children of the (possibly referenced) pool element */
    for (xmlNode *c = elem->children; c; c = c->next) {
        VolDef *vol;

        if (c->type != XML_ELEMENT_NODE || !xmlStrEqual(c->name, BAD_CAST "volume"))
            continue;
        if (!(vol = parse_vol_node(c, basedir, pool->def->type)))
            return -1;
        if (find_vol(pool, vol->name)) {
            storage_err(VIR_ERR_OPERATION_FAILED, "storage vol already exists");
            vol_def_free(vol);
            return -1;
        }
        add_vol(pool, vol);
    }
    return 0;
}

/* ---- listing and lookups ------------------------------------------------- */

#define LIST_POOLS_FILTERS_ALL ((VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI_DIRECT << 1) - 1)

/* VIR_CONNECT_LIST_STORAGE_POOLS_<TYPE> bits in PoolType order. */
static const unsigned int pool_type_flags[POOL_LAST] = {
    [POOL_DIR] = VIR_CONNECT_LIST_STORAGE_POOLS_DIR,
    [POOL_FS] = VIR_CONNECT_LIST_STORAGE_POOLS_FS,
    [POOL_NETFS] = VIR_CONNECT_LIST_STORAGE_POOLS_NETFS,
    [POOL_LOGICAL] = VIR_CONNECT_LIST_STORAGE_POOLS_LOGICAL,
    [POOL_DISK] = VIR_CONNECT_LIST_STORAGE_POOLS_DISK,
    [POOL_ISCSI] = VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI,
    [POOL_ISCSI_DIRECT] = VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI_DIRECT,
    [POOL_SCSI] = VIR_CONNECT_LIST_STORAGE_POOLS_SCSI,
    [POOL_MPATH] = VIR_CONNECT_LIST_STORAGE_POOLS_MPATH,
    [POOL_RBD] = VIR_CONNECT_LIST_STORAGE_POOLS_RBD,
    [POOL_SHEEPDOG] = VIR_CONNECT_LIST_STORAGE_POOLS_SHEEPDOG,
    [POOL_GLUSTER] = VIR_CONNECT_LIST_STORAGE_POOLS_GLUSTER,
    [POOL_ZFS] = VIR_CONNECT_LIST_STORAGE_POOLS_ZFS,
    [POOL_VSTORAGE] = VIR_CONNECT_LIST_STORAGE_POOLS_VSTORAGE,
};

static bool
pool_matches(const TestPool *pool, unsigned int flags)
{
    unsigned int types = flags & (LIST_POOLS_FILTERS_ALL & ~0x3fu);
    bool autostart = pool->persistent && pool->autostart;

    return test_obj_filter_pair(flags, VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE,
                                VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE, pool->active) &&
           test_obj_filter_pair(flags, VIR_CONNECT_LIST_STORAGE_POOLS_PERSISTENT,
                                VIR_CONNECT_LIST_STORAGE_POOLS_TRANSIENT, pool->persistent) &&
           test_obj_filter_pair(flags, VIR_CONNECT_LIST_STORAGE_POOLS_AUTOSTART,
                                VIR_CONNECT_LIST_STORAGE_POOLS_NO_AUTOSTART, autostart) &&
           (!types || (types & pool_type_flags[pool->def->type]));
}

/* a pool's name when it is running (@active) or when it is not */
static const char *
pool_name_if(gconstpointer obj, bool active)
{
    const TestPool *pool = obj;

    return pool->active == active ? pool->def->name : NULL;
}

static int
test_connect_num_of_storage_pools(virConnectPtr conn)
{
    TestState *s = test_state_from_conn(conn);

    return test_obj_names_by_state(s, s->pools->objs, pool_name_if, true, NULL, 0);
}

static int
test_connect_list_storage_pools(virConnectPtr conn, char **const names, int maxnames)
{
    TestState *s = test_state_from_conn(conn);

    return test_obj_names_by_state(s, s->pools->objs, pool_name_if, true, names, maxnames);
}

static int
test_connect_num_of_defined_storage_pools(virConnectPtr conn)
{
    TestState *s = test_state_from_conn(conn);

    return test_obj_names_by_state(s, s->pools->objs, pool_name_if, false, NULL, 0);
}

static int
test_connect_list_defined_storage_pools(virConnectPtr conn, char **const names, int maxnames)
{
    TestState *s = test_state_from_conn(conn);

    return test_obj_names_by_state(s, s->pools->objs, pool_name_if, false, names, maxnames);
}

static int
test_connect_list_all_storage_pools(virConnectPtr conn, virStoragePoolPtr **pools,
                                    unsigned int flags)
{
    TestState *s = test_state_from_conn(conn);
    GPtrArray *handles;
    GHashTableIter it;
    gpointer v;

    if (!test_obj_check_flags(flags, LIST_POOLS_FILTERS_ALL, "testConnectListAllStoragePools"))
        return -1;
    handles = g_ptr_array_new();
    g_mutex_lock(&s->lock);
    g_hash_table_iter_init(&it, s->pools->objs);
    while (g_hash_table_iter_next(&it, NULL, &v)) {
        TestPool *pool = v;

        if (pool_matches(pool, flags))
            g_ptr_array_add(handles,
                            api_storage_pool_new(conn, pool->def->name, pool->def->uuid));
    }
    g_mutex_unlock(&s->lock);
    return test_obj_export_list(handles, (void ***) pools);
}

static virStoragePoolPtr
pool_handle(virConnectPtr conn, const TestPool *pool)
{
    return pool ? api_storage_pool_new(conn, pool->def->name, pool->def->uuid) : NULL;
}

static virStoragePoolPtr
test_storage_pool_lookup_by_name(virConnectPtr conn, const char *name)
{
    TestState *s = test_state_from_conn(conn);
    virStoragePoolPtr ret;

    g_mutex_lock(&s->lock);
    ret = pool_handle(conn, get_by_name(s, name));
    g_mutex_unlock(&s->lock);
    return ret;
}

static virStoragePoolPtr
test_storage_pool_lookup_by_uuid(virConnectPtr conn, const unsigned char *uuid)
{
    TestState *s = test_state_from_conn(conn);
    virStoragePoolPtr ret;

    g_mutex_lock(&s->lock);
    ret = pool_handle(conn, get_by_uuid(s, uuid));
    g_mutex_unlock(&s->lock);
    return ret;
}

static virStoragePoolPtr
test_storage_pool_lookup_by_volume(virStorageVolPtr vol)
{
    return test_storage_pool_lookup_by_name(vol->conn, vol->pool);
}

static virStoragePoolPtr
test_storage_pool_lookup_by_target_path(virConnectPtr conn, const char *path)
{
    TestState *s = test_state_from_conn(conn);
    g_autofree char *clean = storage_path_sanitize(path);
    virStoragePoolPtr ret = NULL;
    GHashTableIter it;
    gpointer v;

    g_mutex_lock(&s->lock);
    g_hash_table_iter_init(&it, s->pools->objs);
    while (!ret && g_hash_table_iter_next(&it, NULL, &v)) {
        TestPool *pool = v;

        if (pool->active && pool->def->target_path &&
            g_str_equal(pool->def->target_path, clean))
            ret = pool_handle(conn, pool);
    }
    g_mutex_unlock(&s->lock);
    if (!ret)
        storage_err(VIR_ERR_NO_STORAGE_POOL, "no storage pool with matching target path '%s'",
                    path);
    return ret;
}

static int
test_storage_pool_is_active(virStoragePoolPtr p)
{
    TestState *s = test_state_from_conn(p->conn);
    TestPool *pool;
    int ret = -1;

    g_mutex_lock(&s->lock);
    if ((pool = get_by_uuid(s, p->uuid)))
        ret = pool->active;
    g_mutex_unlock(&s->lock);
    return ret;
}

static int
test_storage_pool_is_persistent(virStoragePoolPtr p)
{
    TestState *s = test_state_from_conn(p->conn);
    TestPool *pool;
    int ret = -1;

    g_mutex_lock(&s->lock);
    if ((pool = get_by_uuid(s, p->uuid)))
        ret = pool->persistent;
    g_mutex_unlock(&s->lock);
    return ret;
}

/* ---- pool lifecycle ------------------------------------------------------ */

static const StorageAdapter *
fc_adapter(const PoolDef *def)
{
    const StorageAdapter *a = def->source.adapter;

    return a && a->type == STORAGE_ADAPTER_FC_HOST ? a : NULL;
}

static virStoragePoolPtr
test_storage_pool_create_xml(virConnectPtr conn, const char *xmlDesc, unsigned int flags)
{
    TestState *s = test_state_from_conn(conn);
    virStoragePoolPtr ret = NULL;
    const StorageAdapter *fc;
    TestPool *pool;
    PoolDef *def;

    if (!test_obj_check_flags(flags, 0, "testStoragePoolCreateXML"))
        return NULL;
    if (!(def = pool_def_parse_string(xmlDesc, 0)))
        return NULL;
    g_mutex_lock(&s->lock);
    if (!(pool = add_def(s->pools, def, true))) {
        pool_def_free(def);
        goto out;
    }
    /* libvirt mocks the vHBA an fc_host adapter creates with a node device */
    if ((fc = fc_adapter(def)) && test_nodedevs_create_vport(s, fc->wwnn, fc->wwpn) < 0) {
        remove_pool(s->pools, pool);
        goto out;
    }
    set_defaults(pool->def);
    pool->persistent = false;
    pool->active = true;
    emit_lifecycle(s, pool->def, VIR_STORAGE_POOL_EVENT_STARTED);
    ret = pool_handle(conn, pool);
 out:
    g_mutex_unlock(&s->lock);
    return ret;
}

static virStoragePoolPtr
test_storage_pool_define_xml(virConnectPtr conn, const char *xml, unsigned int flags)
{
    TestState *s = test_state_from_conn(conn);
    virStoragePoolPtr ret = NULL;
    TestPool *pool;
    PoolDef *def;

    if (!test_obj_check_flags(flags, VIR_STORAGE_POOL_DEFINE_VALIDATE,
                              "testStoragePoolDefineXML"))
        return NULL;
    def = pool_def_parse_string(xml, (flags & VIR_STORAGE_POOL_DEFINE_VALIDATE) ?
                                XMLMAP_PARSE_STRICT : 0);
    if (!def)
        return NULL;
    set_defaults(def);
    g_mutex_lock(&s->lock);
    if (!(pool = add_def(s->pools, def, false))) {
        pool_def_free(def);
    } else {
        pool->persistent = true;
        emit_lifecycle(s, pool->def, VIR_STORAGE_POOL_EVENT_DEFINED);
        ret = pool_handle(conn, pool);
    }
    g_mutex_unlock(&s->lock);
    return ret;
}

static int
test_storage_pool_undefine(virStoragePoolPtr p)
{
    TestState *s = test_state_from_conn(p->conn);
    TestPool *pool;
    int ret = -1;

    g_mutex_lock(&s->lock);
    if ((pool = get_in_state(s, p->name, false))) {
        emit_lifecycle(s, pool->def, VIR_STORAGE_POOL_EVENT_UNDEFINED);
        remove_pool(s->pools, pool);
        ret = 0;
    }
    g_mutex_unlock(&s->lock);
    return ret;
}

/* build, delete: only for a stopped pool, and only an event to show */
static int
inactive_pool_event(virStoragePoolPtr p, unsigned int flags, unsigned int allowed,
                    const char *fname, int event)
{
    TestState *s = test_state_from_conn(p->conn);
    TestPool *pool;
    int ret = -1;

    if (!test_obj_check_flags(flags, allowed, fname))
        return -1;
    g_mutex_lock(&s->lock);
    if ((pool = get_in_state(s, p->name, false))) {
        emit_lifecycle(s, pool->def, event);
        ret = 0;
    }
    g_mutex_unlock(&s->lock);
    return ret;
}

static int
test_storage_pool_build(virStoragePoolPtr p, unsigned int flags)
{
    return inactive_pool_event(p, flags, 0, "testStoragePoolBuild",
                               VIR_STORAGE_POOL_EVENT_CREATED);
}

static int
test_storage_pool_delete(virStoragePoolPtr p, unsigned int flags)
{
    return inactive_pool_event(p, flags, 0, "testStoragePoolDelete",
                               VIR_STORAGE_POOL_EVENT_DELETED);
}

static int
test_storage_pool_create(virStoragePoolPtr p, unsigned int flags)
{
    TestState *s = test_state_from_conn(p->conn);
    TestPool *pool;
    int ret = -1;

    if (!test_obj_check_flags(flags, 0, "testStoragePoolCreate"))
        return -1;
    g_mutex_lock(&s->lock);
    if ((pool = get_in_state(s, p->name, false))) {
        pool->active = true;
        emit_lifecycle(s, pool->def, VIR_STORAGE_POOL_EVENT_STARTED);
        ret = 0;
    }
    g_mutex_unlock(&s->lock);
    return ret;
}

static int
test_storage_pool_destroy(virStoragePoolPtr p)
{
    TestState *s = test_state_from_conn(p->conn);
    TestPool *pool;
    int ret = -1;

    g_mutex_lock(&s->lock);
    if (!(pool = get_in_state(s, p->name, true)))
        goto out;
    pool->active = false;
    if (fc_adapter(pool->def) && test_nodedevs_destroy_vport(s) < 0)
        goto out;
    emit_lifecycle(s, pool->def, VIR_STORAGE_POOL_EVENT_STOPPED);
    if (!pool->persistent)
        remove_pool(s->pools, pool);
    ret = 0;
 out:
    g_mutex_unlock(&s->lock);
    return ret;
}

static int
test_storage_pool_refresh(virStoragePoolPtr p, unsigned int flags)
{
    TestState *s = test_state_from_conn(p->conn);
    TestPool *pool;
    int ret = -1;

    if (!test_obj_check_flags(flags, 0, "testStoragePoolRefresh"))
        return -1;
    g_mutex_lock(&s->lock);
    if ((pool = get_in_state(s, p->name, true))) {
        emit(s, pool->def, VIR_STORAGE_POOL_EVENT_ID_REFRESH, 0);
        ret = 0;
    }
    g_mutex_unlock(&s->lock);
    return ret;
}

static int
test_storage_pool_get_info(virStoragePoolPtr p, virStoragePoolInfoPtr info)
{
    TestState *s = test_state_from_conn(p->conn);
    TestPool *pool;
    int ret = -1;

    g_mutex_lock(&s->lock);
    if ((pool = get_by_name(s, p->name))) {
        memset(info, 0, sizeof(*info));
        info->state = pool->active ? VIR_STORAGE_POOL_RUNNING : VIR_STORAGE_POOL_INACTIVE;
        info->capacity = pool->def->capacity;
        info->allocation = pool->def->allocation;
        info->available = pool->def->available;
        ret = 0;
    }
    g_mutex_unlock(&s->lock);
    return ret;
}

static char *
test_storage_pool_get_xml_desc(virStoragePoolPtr p, unsigned int flags)
{
    TestState *s = test_state_from_conn(p->conn);
    TestPool *pool;
    char *ret = NULL;

    if (!test_obj_check_flags(flags, 0, "testStoragePoolGetXMLDesc"))
        return NULL;
    g_mutex_lock(&s->lock);
    if ((pool = get_by_name(s, p->name)))
        ret = pool_def_format(pool->def, 0);
    g_mutex_unlock(&s->lock);
    return ret;
}

static int
test_storage_pool_get_autostart(virStoragePoolPtr p, int *autostart)
{
    TestState *s = test_state_from_conn(p->conn);
    TestPool *pool;
    int ret = -1;

    g_mutex_lock(&s->lock);
    if ((pool = get_by_name(s, p->name))) {
        *autostart = pool->persistent && pool->autostart;
        ret = 0;
    }
    g_mutex_unlock(&s->lock);
    return ret;
}

static int
test_storage_pool_set_autostart(virStoragePoolPtr p, int autostart)
{
    TestState *s = test_state_from_conn(p->conn);
    TestPool *pool;
    int ret = -1;

    g_mutex_lock(&s->lock);
    if (!(pool = get_by_name(s, p->name)))
        goto out;
    if (!pool->persistent) {
        err_report(VIR_ERR_INVALID_ARG, "pool has no config file");
        goto out;
    }
    pool->autostart = autostart != 0;
    ret = 0;
 out:
    g_mutex_unlock(&s->lock);
    return ret;
}

/* ---- source discovery and capabilities ----------------------------------- */

static const char logical_sources_xml[] =
    "<sources>\n"
    "  <source>\n"
    "    <device path='/dev/sda20'/>\n"
    "    <name>testvg1</name>\n"
    "    <format type='lvm2'/>\n"
    "  </source>\n"
    "  <source>\n"
    "    <device path='/dev/sda21'/>\n"
    "    <name>testvg2</name>\n"
    "    <format type='lvm2'/>\n"
    "  </source>\n"
    "</sources>\n";

static char *
test_connect_find_storage_pool_sources(virConnectPtr conn, const char *type,
                                       const char *srcSpec, unsigned int flags)
{
    g_autoptr(PoolDef) spec = NULL;
    g_autoptr(xmlDoc) doc = NULL;
    int pool_type;

    if (!test_obj_check_flags(flags, 0, "testConnectFindStoragePoolSources"))
        return NULL;
    pool_type = pool_type_from_string(type);
    /* libvirt's test driver takes the first type ('dir', 0) for unknown too */
    if (pool_type == POOL_DIR) {
        err_report(VIR_ERR_INTERNAL_ERROR, "unknown storage pool type %s", type);
        return NULL;
    }
    if (srcSpec) {
        g_autofree char *wrapped = g_strdup_printf("<pool type='%s'><name>spec</name>%s"
                                                   "</pool>", pool_type < 0 ? "dir" : type,
                                                   srcSpec);

        if (xmlmap_parse_string(&pool_def_schema, wrapped, (void **) &spec,
                                XMLMAP_PARSE_SKIP_VALIDATE) < 0)
            return NULL;
    }
    switch (pool_type) {
    case POOL_LOGICAL:
        return g_strdup(logical_sources_xml);
    case POOL_NETFS:
        if (!spec || spec->source.nhosts == 0 || !spec->source.hosts[0].name) {
            err_report(VIR_ERR_INVALID_ARG, "hostname must be specified for netfs sources");
            return NULL;
        }
        return g_strdup_printf("<sources>\n  <source>\n    <host name='%s'/>\n"
                               "    <dir path='/testshare'/>\n    <format type='nfs'/>\n"
                               "  </source>\n</sources>\n", spec->source.hosts[0].name);
    default:
        err_report(VIR_ERR_NO_SUPPORT, "pool type '%s' does not support source discovery",
                   type);
        return NULL;
    }
}

/* The volume formats libvirt lists for file-based pools (its own enum,
 * which is not everything a volume's XML may name). */
static const char *const caps_file_formats[] = {
    "none", "raw", "dir", "bochs", "cloop", "dmg", "iso", "vpc", "vdi", "fat", "vhd",
    "ploop", "cow", "qcow", "qcow2", "qed", "vmdk", NULL
};

/* One <poolOptions>/<volOptions> block (the names are fixed words, so no
 * escaping is needed). */
static void
append_options(GString *out, const char *elem, const char *enum_name,
               const char *default_format, const char *const *formats)
{
    g_string_append_printf(out, "    <%s>\n      <defaultFormat type='%s'/>\n"
                           "      <enum name='%s'>\n", elem, default_format, enum_name);
    for (const char *const *f = formats; *f; f++)
        g_string_append_printf(out, "        <value>%s</value>\n", *f);
    g_string_append_printf(out, "      </enum>\n    </%s>\n", elem);
}

/* libvirt's storage pool capabilities document; every pool type is usable
 * on the test driver. */
static char *
test_connect_get_storage_pool_capabilities(virConnectPtr conn, unsigned int flags)
{
    GString *out;

    if (!test_obj_check_flags(flags, 0, "testConnectGetStoragePoolCapabilities"))
        return NULL;
    out = g_string_new("<storagepoolCapabilities>\n");
    for (int t = 0; t < POOL_LAST; t++) {
        const PoolTypeInfo *info = pool_type_info(t);

        g_string_append_printf(out, "  <pool type='%s' supported='yes'>\n",
                               pool_type_to_string(t));
        if (info->formats)
            append_options(out, "poolOptions", "sourceFormatType", info->default_format,
                           info->formats);
        if (info->vol_formats)
            append_options(out, "volOptions", "targetFormatType", info->vol_default_format,
                           pool_name_in(info->vol_formats, "qcow2") ? caps_file_formats :
                           info->vol_formats);
        g_string_append(out, "  </pool>\n");
    }
    g_string_append(out, "</storagepoolCapabilities>\n");
    return g_string_free(out, FALSE);
}

/* ---- volumes ------------------------------------------------------------- */

static int
test_storage_pool_num_of_volumes(virStoragePoolPtr p)
{
    TestState *s = test_state_from_conn(p->conn);
    TestPool *pool;
    int ret = -1;

    g_mutex_lock(&s->lock);
    if ((pool = get_in_state(s, p->name, true)))
        ret = (int) g_hash_table_size(pool->vols);
    g_mutex_unlock(&s->lock);
    return ret;
}

static int
test_storage_pool_list_volumes(virStoragePoolPtr p, char **const names, int maxnames)
{
    TestState *s = test_state_from_conn(p->conn);
    TestPool *pool;
    int ret = -1;

    g_mutex_lock(&s->lock);
    if ((pool = get_in_state(s, p->name, true))) {
        g_autoptr(GPtrArray) list = g_ptr_array_new();
        GHashTableIter it;
        gpointer k;

        g_hash_table_iter_init(&it, pool->vols);
        while (g_hash_table_iter_next(&it, &k, NULL))
            g_ptr_array_add(list, k);
        ret = test_obj_copy_names(list, names, maxnames);
    }
    g_mutex_unlock(&s->lock);
    return ret;
}

static virStorageVolPtr
vol_handle(virConnectPtr conn, const TestPool *pool, const TestVol *vol)
{
    return api_storage_vol_new(conn, pool->def->name, vol->def->name, vol->def->key);
}

static int
test_storage_pool_list_all_volumes(virStoragePoolPtr p, virStorageVolPtr **vols,
                                   unsigned int flags)
{
    TestState *s = test_state_from_conn(p->conn);
    GPtrArray *handles;
    GHashTableIter it;
    TestPool *pool;
    gpointer v;

    if (!test_obj_check_flags(flags, 0, "testStoragePoolListAllVolumes"))
        return -1;
    g_mutex_lock(&s->lock);
    if (!(pool = get_by_uuid(s, p->uuid)) || !pool->active) {
        if (pool)
            err_report(VIR_ERR_OPERATION_INVALID, "storage pool is not active");
        g_mutex_unlock(&s->lock);
        return -1;
    }
    handles = g_ptr_array_new();
    g_hash_table_iter_init(&it, pool->vols);
    while (g_hash_table_iter_next(&it, NULL, &v))
        g_ptr_array_add(handles, vol_handle(p->conn, pool, v));
    g_mutex_unlock(&s->lock);
    return test_obj_export_list(handles, (void ***) vols);
}

static virStorageVolPtr
test_storage_vol_lookup_by_name(virStoragePoolPtr p, const char *name)
{
    TestState *s = test_state_from_conn(p->conn);
    virStorageVolPtr ret = NULL;
    TestPool *pool;
    TestVol *vol;

    g_mutex_lock(&s->lock);
    if ((pool = get_in_state(s, p->name, true)) && (vol = get_vol(pool, name)))
        ret = vol_handle(p->conn, pool, vol);
    g_mutex_unlock(&s->lock);
    return ret;
}

/* A volume of a running pool whose key (@by_key) or path is @what. */
static virStorageVolPtr
lookup_vol_by(virConnectPtr conn, const char *what, bool by_key)
{
    TestState *s = test_state_from_conn(conn);
    virStorageVolPtr ret = NULL;
    GHashTableIter it;
    gpointer v;

    g_mutex_lock(&s->lock);
    g_hash_table_iter_init(&it, s->pools->objs);
    while (!ret && g_hash_table_iter_next(&it, NULL, &v)) {
        TestPool *pool = v;
        GHashTableIter vi;
        gpointer vv;

        if (!pool->active)
            continue;
        g_hash_table_iter_init(&vi, pool->vols);
        while (!ret && g_hash_table_iter_next(&vi, NULL, &vv)) {
            const VolDef *def = ((TestVol *) vv)->def;
            const char *val = by_key ? def->key : def->target.path;

            if (val && g_str_equal(val, what))
                ret = vol_handle(conn, pool, vv);
        }
    }
    g_mutex_unlock(&s->lock);
    if (!ret)
        err_report(VIR_ERR_NO_STORAGE_VOL, "no storage vol with matching %s '%s'",
                   by_key ? "key" : "path", what);
    return ret;
}

static virStorageVolPtr
test_storage_vol_lookup_by_key(virConnectPtr conn, const char *key)
{
    return lookup_vol_by(conn, key, true);
}

static virStorageVolPtr
test_storage_vol_lookup_by_path(virConnectPtr conn, const char *path)
{
    return lookup_vol_by(conn, path, false);
}

/* Create a volume from @xml in running pool @p, optionally copying the
 * contents of @from (a volume of a running pool). */
static virStorageVolPtr
create_vol(virStoragePoolPtr p, const char *xml, virStorageVolPtr from, const char *fname,
           unsigned int flags)
{
    TestState *s = test_state_from_conn(p->conn);
    g_autoptr(VolDef) def = NULL;
    virStorageVolPtr ret = NULL;
    TestVol *orig = NULL;
    TestPool *pool;
    TestVol *vol;

    if (!test_obj_check_flags(flags, 0, fname))
        return NULL;
    g_mutex_lock(&s->lock);
    if (!(pool = get_in_state(s, p->name, true)))
        goto out;
    if (!(def = vol_def_parse_string(xml, pool->def->type, 0)))
        goto out;
    if (find_vol(pool, def->name)) {
        err_report(VIR_ERR_OPERATION_FAILED, "storage vol already exists");
        goto out;
    }
    if (from) {
        TestPool *src = find_by_name(s->pools, from->pool);

        if (!src || !src->active || !(orig = find_vol(src, from->name))) {
            err_report(VIR_ERR_NO_STORAGE_VOL, "no storage vol with matching name '%s'",
                       from->name);
            goto out;
        }
    }
    if (pool->def->allocation + def->allocation > pool->def->capacity) {
        err_report(VIR_ERR_INTERNAL_ERROR, "Not enough free space in pool for volume '%s'",
                   def->name);
        goto out;
    }
    /* the test driver places every volume under the pool's target path */
    g_free(def->target.path);
    def->target.path = g_strdup_printf("%s/%s", pool->def->target_path, def->name);
    g_free(def->key);
    def->key = g_strdup(def->target.path);
    vol = add_vol(pool, g_steal_pointer(&def));
    if (orig && orig->data) {
        guint n = MIN(orig->data->len, (guint) MIN(vol->def->capacity, G_MAXUINT));

        vol->data = g_byte_array_sized_new(n);
        g_byte_array_append(vol->data, orig->data->data, n);
    }
    ret = vol_handle(p->conn, pool, vol);
 out:
    g_mutex_unlock(&s->lock);
    return ret;
}

static virStorageVolPtr
test_storage_vol_create_xml(virStoragePoolPtr p, const char *xmlDesc, unsigned int flags)
{
    return create_vol(p, xmlDesc, NULL, "testStorageVolCreateXML", flags);
}

static virStorageVolPtr
test_storage_vol_create_xml_from(virStoragePoolPtr p, const char *xmlDesc,
                                 virStorageVolPtr clonevol, unsigned int flags)
{
    return create_vol(p, xmlDesc, clonevol, "testStorageVolCreateXMLFrom", flags);
}

/* The running pool and volume a volume handle names (reported if none). */
static TestVol *
vol_of_handle(TestState *s, virStorageVolPtr v, TestPool **ret_pool)
{
    TestPool *pool = get_in_state(s, v->pool, true);
    TestVol *vol;

    if (!pool || !(vol = get_vol(pool, v->name)))
        return NULL;
    if (ret_pool)
        *ret_pool = pool;
    return vol;
}

static int
test_storage_vol_delete(virStorageVolPtr v, unsigned int flags)
{
    TestState *s = test_state_from_conn(v->conn);
    TestPool *pool = NULL;
    TestVol *vol;
    int ret = -1;

    if (!test_obj_check_flags(flags, 0, "testStorageVolDelete"))
        return -1;
    g_mutex_lock(&s->lock);
    if ((vol = vol_of_handle(s, v, &pool))) {
        account(pool->def, -(long long) vol->def->allocation);
        g_hash_table_remove(pool->vols, v->name);
        ret = 0;
    }
    g_mutex_unlock(&s->lock);
    return ret;
}

static int
test_storage_vol_get_info_flags(virStorageVolPtr v, virStorageVolInfoPtr info,
                                unsigned int flags)
{
    TestState *s = test_state_from_conn(v->conn);
    TestPool *pool = NULL;
    TestVol *vol;
    int ret = -1;

    if (!test_obj_check_flags(flags, VIR_STORAGE_VOL_GET_PHYSICAL,
                              "testStorageVolGetInfoFlags"))
        return -1;
    g_mutex_lock(&s->lock);
    if ((vol = vol_of_handle(s, v, &pool))) {
        memset(info, 0, sizeof(*info));
        info->type = vol_type_for_pool(pool->def->type);
        info->capacity = vol->def->capacity;
        /* nothing is sparse here: the physical size is the allocation */
        info->allocation = vol->def->allocation;
        ret = 0;
    }
    g_mutex_unlock(&s->lock);
    return ret;
}

static int
test_storage_vol_get_info(virStorageVolPtr v, virStorageVolInfoPtr info)
{
    return test_storage_vol_get_info_flags(v, info, 0);
}

static char *
test_storage_vol_get_xml_desc(virStorageVolPtr v, unsigned int flags)
{
    TestState *s = test_state_from_conn(v->conn);
    TestVol *vol;
    char *ret = NULL;

    if (!test_obj_check_flags(flags, 0, "testStorageVolGetXMLDesc"))
        return NULL;
    g_mutex_lock(&s->lock);
    if ((vol = vol_of_handle(s, v, NULL)))
        ret = vol_def_format(vol->def, 0);
    g_mutex_unlock(&s->lock);
    return ret;
}

static char *
test_storage_vol_get_path(virStorageVolPtr v)
{
    TestState *s = test_state_from_conn(v->conn);
    TestVol *vol;
    char *ret = NULL;

    g_mutex_lock(&s->lock);
    if ((vol = vol_of_handle(s, v, NULL)))
        ret = g_strdup(vol->def->target.path);
    g_mutex_unlock(&s->lock);
    return ret;
}

static int
test_storage_vol_wipe_pattern(virStorageVolPtr v, unsigned int algorithm, unsigned int flags)
{
    TestState *s = test_state_from_conn(v->conn);
    TestVol *vol;
    int ret = -1;

    if (!test_obj_check_flags(flags, 0, "testStorageVolWipePattern"))
        return -1;
    if (algorithm >= VIR_STORAGE_VOL_WIPE_ALG_LAST) {
        storage_err(VIR_ERR_INVALID_ARG, "wiping algorithm %d not supported", algorithm);
        return -1;
    }
    g_mutex_lock(&s->lock);
    if ((vol = vol_of_handle(s, v, NULL))) {
        /* every algorithm leaves nothing readable behind: zeros */
        g_clear_pointer(&vol->data, g_byte_array_unref);
        ret = 0;
    }
    g_mutex_unlock(&s->lock);
    return ret;
}

static int
test_storage_vol_wipe(virStorageVolPtr v, unsigned int flags)
{
    return test_storage_vol_wipe_pattern(v, VIR_STORAGE_VOL_WIPE_ALG_ZERO, flags);
}

/* libvirt's storage driver rules for a new capacity. */
static int
resize_target(const TestVol *vol, unsigned long long capacity, unsigned int flags,
              unsigned long long *ret)
{
    unsigned long long cur = vol->def->capacity;
    unsigned long long want = capacity;

    if (flags & VIR_STORAGE_VOL_RESIZE_DELTA) {
        if (flags & VIR_STORAGE_VOL_RESIZE_SHRINK) {
            if (capacity > cur) {
                storage_err(VIR_ERR_INVALID_ARG, "%s", "can't shrink capacity below size 0");
                return -1;
            }
            want = cur - capacity;
        } else {
            want = cur + capacity;
        }
    }
    if (want < cur && !(flags & VIR_STORAGE_VOL_RESIZE_SHRINK)) {
        storage_err(VIR_ERR_INVALID_ARG, "%s",
                    "Can't shrink capacity below current capacity unless shrink flag "
                    "explicitly specified");
        return -1;
    }
    if (want < vol->def->allocation) {
        storage_err(VIR_ERR_INVALID_ARG, "%s", "Can't shrink capacity below existing allocation");
        return -1;
    }
    *ret = want;
    return 0;
}

static int
test_storage_vol_resize(virStorageVolPtr v, unsigned long long capacity, unsigned int flags)
{
    TestState *s = test_state_from_conn(v->conn);
    TestPool *pool = NULL;
    unsigned long long want;
    TestVol *vol;
    int ret = -1;

    if (!test_obj_check_flags(flags, VIR_STORAGE_VOL_RESIZE_ALLOCATE |
                              VIR_STORAGE_VOL_RESIZE_DELTA | VIR_STORAGE_VOL_RESIZE_SHRINK,
                              "testStorageVolResize"))
        return -1;
    g_mutex_lock(&s->lock);
    if (!(vol = vol_of_handle(s, v, &pool)) || resize_target(vol, capacity, flags, &want) < 0)
        goto out;
    if ((flags & VIR_STORAGE_VOL_RESIZE_ALLOCATE) && want > vol->def->allocation) {
        if (want - vol->def->allocation > pool->def->available) {
            storage_err(VIR_ERR_OPERATION_FAILED, "%s",
                        "Not enough space left in storage pool");
            goto out;
        }
        account(pool->def, (long long) (want - vol->def->allocation));
        vol->def->allocation = want;
    }
    vol->def->capacity = want;
    if (vol->data && vol->data->len > want)
        g_byte_array_set_size(vol->data, (guint) want);
    ret = 0;
 out:
    g_mutex_unlock(&s->lock);
    return ret;
}

/* ---- upload and download streams ----------------------------------------- */

typedef struct {
    TestState *state;           /* the connection's; the stream keeps the connection */
    char *pool;
    char *vol;
    unsigned long long pos;     /* next byte of the volume */
    unsigned long long end;     /* one past the last byte the transfer may touch */
} VolStream;

static void
vol_stream_free(gpointer p)
{
    VolStream *vs = p;

    g_free(vs->pool);
    g_free(vs->vol);
    g_free(vs);
}

/* The volume behind a stream, under the state lock. */
static TestVol *
stream_vol(VolStream *vs)
{
    TestPool *pool = find_by_name(vs->state->pools, vs->pool);
    TestVol *vol = pool && pool->active ? find_vol(pool, vs->vol) : NULL;

    if (!vol)
        err_report(VIR_ERR_NO_STORAGE_VOL, "no storage vol with matching name '%s'", vs->vol);
    return vol;
}

static int
vol_stream_send(virStreamPtr st, const char *data, size_t nbytes)
{
    VolStream *vs = st->priv;
    TestVol *vol;
    int ret = -1;

    g_mutex_lock(&vs->state->lock);
    if (!(vol = stream_vol(vs)))
        goto out;
    if (vs->pos + nbytes > MIN(vs->end, vol->def->capacity) || vs->pos + nbytes > G_MAXUINT) {
        storage_err(VIR_ERR_OPERATION_FAILED, "stream data beyond the end of volume '%s'",
                    vs->vol);
        goto out;
    }
    if (!vol->data)
        vol->data = g_byte_array_new();
    if (vol->data->len < vs->pos + nbytes) {
        guint old = vol->data->len;

        g_byte_array_set_size(vol->data, (guint) (vs->pos + nbytes));
        memset(vol->data->data + old, 0, vol->data->len - old);
    }
    memcpy(vol->data->data + vs->pos, data, nbytes);
    vs->pos += nbytes;
    ret = (int) nbytes;
 out:
    g_mutex_unlock(&vs->state->lock);
    return ret;
}

static int
vol_stream_recv(virStreamPtr st, char *data, size_t nbytes)
{
    VolStream *vs = st->priv;
    unsigned long long stop;
    size_t n;
    TestVol *vol;
    int ret = -1;

    g_mutex_lock(&vs->state->lock);
    if (!(vol = stream_vol(vs)))
        goto out;
    stop = MIN(vs->end, vol->def->capacity);
    n = vs->pos >= stop ? 0 : (size_t) MIN((unsigned long long) nbytes, stop - vs->pos);
    n = MIN(n, (size_t) G_MAXINT);
    memset(data, 0, n);
    if (vol->data && vs->pos < vol->data->len)
        memcpy(data, vol->data->data + vs->pos, MIN(n, vol->data->len - vs->pos));
    vs->pos += n;
    ret = (int) n;
 out:
    g_mutex_unlock(&vs->state->lock);
    return ret;
}

static int
vol_stream_recv_flags(virStreamPtr st, char *data, size_t nbytes, unsigned int flags)
{
    /* there are no holes to stop at: everything reads as data */
    return vol_stream_recv(st, data, nbytes);
}

static int
vol_stream_recv_hole(virStreamPtr st, long long *length, unsigned int flags)
{
    *length = 0;
    return 0;
}

/* A hole in an upload: zeros up to the new position. */
static int
vol_stream_send_hole(virStreamPtr st, long long length, unsigned int flags)
{
    g_autofree char *zeros = NULL;

    if (length < 0 || (unsigned long long) length > G_MAXINT) {
        storage_err(VIR_ERR_INVALID_ARG, "invalid hole length %lld", length);
        return -1;
    }
    zeros = g_malloc0(length);
    return vol_stream_send(st, zeros, (size_t) length) < 0 ? -1 : 0;
}

static int
vol_stream_finish(virStreamPtr st)
{
    return 0;
}

static int
vol_stream_abort(virStreamPtr st)
{
    return 0;
}

static const ApiStreamDriver vol_stream_driver = {
    .name = "Test",
    .streamAbort = vol_stream_abort,
    .streamEventAddCallback = api_stream_ready_add_callback,
    .streamEventRemoveCallback = api_stream_watch_remove,
    .streamEventUpdateCallback = api_stream_watch_update,
    .streamFinish = vol_stream_finish,
    .streamRecv = vol_stream_recv,
    .streamRecvFlags = vol_stream_recv_flags,
    .streamRecvHole = vol_stream_recv_hole,
    .streamSend = vol_stream_send,
    .streamSendHole = vol_stream_send_hole,
};

static int
attach_stream(virStorageVolPtr v, virStreamPtr stream, unsigned long long offset,
              unsigned long long length, unsigned int flags, unsigned int allowed,
              const char *fname)
{
    TestState *s = test_state_from_conn(v->conn);
    VolStream *vs;
    TestVol *vol;

    if (!test_obj_check_flags(flags, allowed, fname))
        return -1;
    g_mutex_lock(&s->lock);
    if (!(vol = vol_of_handle(s, v, NULL))) {
        g_mutex_unlock(&s->lock);
        return -1;
    }
    if (offset > vol->def->capacity) {
        storage_err(VIR_ERR_INVALID_ARG, "offset %llu is beyond the end of volume '%s'",
                    offset, v->name);
        g_mutex_unlock(&s->lock);
        return -1;
    }
    g_mutex_unlock(&s->lock);
    vs = g_new0(VolStream, 1);
    vs->state = s;
    vs->pool = g_strdup(v->pool);
    vs->vol = g_strdup(v->name);
    vs->pos = offset;
    vs->end = length ? offset + length : G_MAXUINT64;
    api_stream_attach(stream, &vol_stream_driver, vs, vol_stream_free);
    return 0;
}

static int
test_storage_vol_upload(virStorageVolPtr vol, virStreamPtr stream, unsigned long long offset,
                        unsigned long long length, unsigned int flags)
{
    return attach_stream(vol, stream, offset, length, flags,
                         VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM, "testStorageVolUpload");
}

static int
test_storage_vol_download(virStorageVolPtr vol, virStreamPtr stream, unsigned long long offset,
                          unsigned long long length, unsigned int flags)
{
    return attach_stream(vol, stream, offset, length, flags,
                         VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM, "testStorageVolDownload");
}

/* ---- events -------------------------------------------------------------- */

static int
test_connect_storage_pool_event_register_any(virConnectPtr conn, virStoragePoolPtr pool,
                                             int eventID,
                                             virConnectStoragePoolEventGenericCallback cb,
                                             void *opaque, virFreeCallback freecb)
{
    char buf[VIR_UUID_STRING_BUFLEN];

    if (eventID < 0 || eventID >= VIR_STORAGE_POOL_EVENT_ID_LAST) {
        err_report(VIR_ERR_INVALID_ARG, "unsupported event ID %d", eventID);
        return -1;
    }
    return test_event_register(conn, API_EVENT_FAMILY_STORAGE_POOL, eventID,
                               pool ? test_event_key(API_EVENT_FAMILY_STORAGE_POOL, pool->name,
                                                     pool->uuid, buf) : NULL,
                               (ApiEventGenericFunc) cb, opaque, freecb);
}

static int
test_connect_storage_pool_event_deregister_any(virConnectPtr conn, int callbackID)
{
    return test_event_deregister(conn, API_EVENT_FAMILY_STORAGE_POOL, callbackID);
}

const ApiStorageDriver test_storage_driver = {
    .name = "Test",
    .connectFindStoragePoolSources = test_connect_find_storage_pool_sources,
    .connectGetStoragePoolCapabilities = test_connect_get_storage_pool_capabilities,
    .connectListAllStoragePools = test_connect_list_all_storage_pools,
    .connectListDefinedStoragePools = test_connect_list_defined_storage_pools,
    .connectListStoragePools = test_connect_list_storage_pools,
    .connectNumOfDefinedStoragePools = test_connect_num_of_defined_storage_pools,
    .connectNumOfStoragePools = test_connect_num_of_storage_pools,
    .connectStoragePoolEventDeregisterAny = test_connect_storage_pool_event_deregister_any,
    .connectStoragePoolEventRegisterAny = test_connect_storage_pool_event_register_any,
    .storagePoolBuild = test_storage_pool_build,
    .storagePoolCreate = test_storage_pool_create,
    .storagePoolCreateXML = test_storage_pool_create_xml,
    .storagePoolDefineXML = test_storage_pool_define_xml,
    .storagePoolDelete = test_storage_pool_delete,
    .storagePoolDestroy = test_storage_pool_destroy,
    .storagePoolGetAutostart = test_storage_pool_get_autostart,
    .storagePoolGetInfo = test_storage_pool_get_info,
    .storagePoolGetXMLDesc = test_storage_pool_get_xml_desc,
    .storagePoolIsActive = test_storage_pool_is_active,
    .storagePoolIsPersistent = test_storage_pool_is_persistent,
    .storagePoolListAllVolumes = test_storage_pool_list_all_volumes,
    .storagePoolListVolumes = test_storage_pool_list_volumes,
    .storagePoolLookupByName = test_storage_pool_lookup_by_name,
    .storagePoolLookupByTargetPath = test_storage_pool_lookup_by_target_path,
    .storagePoolLookupByUUID = test_storage_pool_lookup_by_uuid,
    .storagePoolLookupByVolume = test_storage_pool_lookup_by_volume,
    .storagePoolNumOfVolumes = test_storage_pool_num_of_volumes,
    .storagePoolRefresh = test_storage_pool_refresh,
    .storagePoolSetAutostart = test_storage_pool_set_autostart,
    .storagePoolUndefine = test_storage_pool_undefine,
    .storageVolCreateXML = test_storage_vol_create_xml,
    .storageVolCreateXMLFrom = test_storage_vol_create_xml_from,
    .storageVolDelete = test_storage_vol_delete,
    .storageVolDownload = test_storage_vol_download,
    .storageVolGetInfo = test_storage_vol_get_info,
    .storageVolGetInfoFlags = test_storage_vol_get_info_flags,
    .storageVolGetPath = test_storage_vol_get_path,
    .storageVolGetXMLDesc = test_storage_vol_get_xml_desc,
    .storageVolLookupByKey = test_storage_vol_lookup_by_key,
    .storageVolLookupByName = test_storage_vol_lookup_by_name,
    .storageVolLookupByPath = test_storage_vol_lookup_by_path,
    .storageVolResize = test_storage_vol_resize,
    .storageVolUpload = test_storage_vol_upload,
    .storageVolWipe = test_storage_vol_wipe,
    .storageVolWipePattern = test_storage_vol_wipe_pattern,
};
