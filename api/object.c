/* api/object.c: allocation, reference counting and disposal of the public
 * objects handed to applications. Objects that refer to a connection hold
 * a reference on it, so a connection outlives every object made from it.
 * Also the trivial public accessors of connections and secrets. */
#include "config.h"

#include <string.h>

#define ERR_DOMAIN VIR_FROM_NONE
#include "api/internal.h"
#include "api/event-state.h"
#include "api/uri.h"
#include "common/util/err.h"
#include "common/util/uuid.h"

typedef void (*ApiDisposeFunc)(void *obj);

static void api_connect_dispose(void *obj);
static void api_domain_dispose(void *obj);
static void api_network_dispose(void *obj);
static void api_network_port_dispose(void *obj);
static void api_interface_dispose(void *obj);
static void api_storage_pool_dispose(void *obj);
static void api_storage_vol_dispose(void *obj);
static void api_node_device_dispose(void *obj);
static void api_secret_dispose(void *obj);
static void api_nwfilter_dispose(void *obj);
static void api_nwfilter_binding_dispose(void *obj);
static void api_stream_dispose(void *obj);
static void api_domain_snapshot_dispose(void *obj);
static void api_domain_checkpoint_dispose(void *obj);

static const ApiDisposeFunc api_dispose_table[API_OBJ_LAST] = {
    [API_OBJ_CONNECT] = api_connect_dispose,
    [API_OBJ_DOMAIN] = api_domain_dispose,
    [API_OBJ_NETWORK] = api_network_dispose,
    [API_OBJ_NETWORK_PORT] = api_network_port_dispose,
    [API_OBJ_INTERFACE] = api_interface_dispose,
    [API_OBJ_STORAGE_POOL] = api_storage_pool_dispose,
    [API_OBJ_STORAGE_VOL] = api_storage_vol_dispose,
    [API_OBJ_NODE_DEVICE] = api_node_device_dispose,
    [API_OBJ_SECRET] = api_secret_dispose,
    [API_OBJ_NWFILTER] = api_nwfilter_dispose,
    [API_OBJ_NWFILTER_BINDING] = api_nwfilter_binding_dispose,
    [API_OBJ_STREAM] = api_stream_dispose,
    [API_OBJ_DOMAIN_SNAPSHOT] = api_domain_snapshot_dispose,
    [API_OBJ_DOMAIN_CHECKPOINT] = api_domain_checkpoint_dispose,
};

static void *
api_object_alloc(size_t size, ApiObjKind kind)
{
    ApiObject *o = g_malloc0(size);

    o->magic = API_OBJ_MAGIC + kind;
    o->kind = kind;
    o->refs = 1;
    return o;
}

/**
 * api_object_is() - whether @obj looks like a live object of @kind
 * @obj: pointer given by the application (may be NULL or garbage)
 * @kind: expected kind
 */
bool
api_object_is(const void *obj, ApiObjKind kind)
{
    const ApiObject *o = obj;

    if (!o)
        return false;
    return o->magic == API_OBJ_MAGIC + kind && o->kind == kind &&
           g_atomic_int_get(&o->refs) > 0;
}

/**
 * api_object_ref() - take a reference on a live object
 * @obj: the object; NULL is passed through
 *
 * Return: @obj.
 */
void *
api_object_ref(void *obj)
{
    ApiObject *o = obj;

    if (o)
        g_atomic_int_inc(&o->refs);
    return obj;
}

/**
 * api_object_try_ref() - take a reference unless the object is being disposed
 * @obj: the object or NULL
 *
 * Return: @obj with a new reference, or NULL when its count already
 * dropped to zero (or @obj was NULL).
 */
void *
api_object_try_ref(void *obj)
{
    ApiObject *o = obj;
    gint refs;

    if (!o)
        return NULL;
    do {
        refs = g_atomic_int_get(&o->refs);
        if (refs <= 0)
            return NULL;
    } while (!g_atomic_int_compare_and_exchange(&o->refs, refs, refs + 1));
    return obj;
}

/**
 * api_object_unref() - drop a reference, disposing the object on the last
 * @obj: the object; NULL is ignored
 *
 * Return: true when the object was released by this call.
 */
bool
api_object_unref(void *obj)
{
    ApiObject *o = obj;
    ApiObjKind kind;

    if (!o)
        return false;
    if (!g_atomic_int_dec_and_test(&o->refs))
        return false;
    kind = o->kind;
    api_dispose_table[kind](o);
    o->magic = 0xdeadbeefu;
    g_free(o);
    return true;
}

/* ---- constructors ---- */

/**
 * api_connect_new() - an unopened connection with one reference
 */
virConnectPtr
api_connect_new(void)
{
    virConnectPtr conn = api_object_alloc(sizeof(*conn), API_OBJ_CONNECT);

    g_mutex_init(&conn->lock);
    conn->events = api_event_state_new(conn);
    return conn;
}

static void
api_copy_uuid(unsigned char *dst, const unsigned char *uuid)
{
    if (uuid)
        memcpy(dst, uuid, VIR_UUID_BUFLEN);
}

/**
 * api_domain_new() - a domain handle referring to @conn
 */
virDomainPtr
api_domain_new(virConnectPtr conn, const char *name, const unsigned char *uuid, int id)
{
    virDomainPtr d = api_object_alloc(sizeof(*d), API_OBJ_DOMAIN);

    d->conn = api_object_ref(conn);
    d->name = g_strdup(name);
    api_copy_uuid(d->uuid, uuid);
    d->id = id;
    return d;
}

/**
 * api_network_new() - a network handle referring to @conn
 */
virNetworkPtr
api_network_new(virConnectPtr conn, const char *name, const unsigned char *uuid)
{
    virNetworkPtr n = api_object_alloc(sizeof(*n), API_OBJ_NETWORK);

    n->conn = api_object_ref(conn);
    n->name = g_strdup(name);
    api_copy_uuid(n->uuid, uuid);
    return n;
}

/**
 * api_network_port_new() - a network port handle referring to @net
 */
virNetworkPortPtr
api_network_port_new(virNetworkPtr net, const unsigned char *uuid)
{
    virNetworkPortPtr p = api_object_alloc(sizeof(*p), API_OBJ_NETWORK_PORT);

    p->net = api_object_ref(net);
    api_copy_uuid(p->uuid, uuid);
    return p;
}

/**
 * api_interface_new() - a host interface handle referring to @conn
 */
virInterfacePtr
api_interface_new(virConnectPtr conn, const char *name, const char *mac)
{
    virInterfacePtr i = api_object_alloc(sizeof(*i), API_OBJ_INTERFACE);

    i->conn = api_object_ref(conn);
    i->name = g_strdup(name);
    i->mac = g_strdup(mac ? mac : "");
    return i;
}

/**
 * api_storage_pool_new() - a storage pool handle referring to @conn
 */
virStoragePoolPtr
api_storage_pool_new(virConnectPtr conn, const char *name, const unsigned char *uuid)
{
    virStoragePoolPtr p = api_object_alloc(sizeof(*p), API_OBJ_STORAGE_POOL);

    p->conn = api_object_ref(conn);
    p->name = g_strdup(name);
    api_copy_uuid(p->uuid, uuid);
    return p;
}

/**
 * api_storage_vol_new() - a storage volume handle referring to @conn
 */
virStorageVolPtr
api_storage_vol_new(virConnectPtr conn, const char *pool, const char *name, const char *key)
{
    virStorageVolPtr v = api_object_alloc(sizeof(*v), API_OBJ_STORAGE_VOL);

    v->conn = api_object_ref(conn);
    v->pool = g_strdup(pool);
    v->name = g_strdup(name);
    v->key = g_strdup(key);
    return v;
}

/**
 * api_node_device_new() - a node device handle referring to @conn
 */
virNodeDevicePtr
api_node_device_new(virConnectPtr conn, const char *name)
{
    virNodeDevicePtr d = api_object_alloc(sizeof(*d), API_OBJ_NODE_DEVICE);

    d->conn = api_object_ref(conn);
    d->name = g_strdup(name);
    return d;
}

/**
 * api_secret_new() - a secret handle referring to @conn
 * @conn: owning connection (a reference is taken)
 * @uuid: 16 raw bytes
 * @usage_type: VIR_SECRET_USAGE_TYPE_*
 * @usage_id: usage identifier; NULL is stored as ""
 */
virSecretPtr
api_secret_new(virConnectPtr conn, const unsigned char *uuid, int usage_type,
               const char *usage_id)
{
    virSecretPtr s = api_object_alloc(sizeof(*s), API_OBJ_SECRET);

    s->conn = api_object_ref(conn);
    api_copy_uuid(s->uuid, uuid);
    s->usage_type = usage_type;
    s->usage_id = g_strdup(usage_id ? usage_id : "");
    return s;
}

/**
 * api_nwfilter_new() - a network filter handle referring to @conn
 */
virNWFilterPtr
api_nwfilter_new(virConnectPtr conn, const char *name, const unsigned char *uuid)
{
    virNWFilterPtr f = api_object_alloc(sizeof(*f), API_OBJ_NWFILTER);

    f->conn = api_object_ref(conn);
    f->name = g_strdup(name);
    api_copy_uuid(f->uuid, uuid);
    return f;
}

/**
 * api_nwfilter_binding_new() - a network filter binding handle
 */
virNWFilterBindingPtr
api_nwfilter_binding_new(virConnectPtr conn, const char *portdev, const char *filtername)
{
    virNWFilterBindingPtr b = api_object_alloc(sizeof(*b), API_OBJ_NWFILTER_BINDING);

    b->conn = api_object_ref(conn);
    b->portdev = g_strdup(portdev);
    b->filtername = g_strdup(filtername);
    return b;
}

/**
 * api_stream_new() - a stream referring to @conn, with no driver state yet
 */
virStreamPtr
api_stream_new(virConnectPtr conn, unsigned int flags)
{
    virStreamPtr st = api_object_alloc(sizeof(*st), API_OBJ_STREAM);

    st->conn = api_object_ref(conn);
    st->flags = flags;
    return st;
}

/**
 * api_domain_snapshot_new() - a snapshot handle referring to @domain
 */
virDomainSnapshotPtr
api_domain_snapshot_new(virDomainPtr domain, const char *name)
{
    virDomainSnapshotPtr s = api_object_alloc(sizeof(*s), API_OBJ_DOMAIN_SNAPSHOT);

    s->domain = api_object_ref(domain);
    s->name = g_strdup(name);
    return s;
}

/**
 * api_domain_checkpoint_new() - a checkpoint handle referring to @domain
 */
virDomainCheckpointPtr
api_domain_checkpoint_new(virDomainPtr domain, const char *name)
{
    virDomainCheckpointPtr c = api_object_alloc(sizeof(*c), API_OBJ_DOMAIN_CHECKPOINT);

    c->domain = api_object_ref(domain);
    c->name = g_strdup(name);
    return c;
}

/* ---- disposal ---- */

static void
api_connect_dispose(void *obj)
{
    virConnectPtr conn = obj;

    /* Close the drivers first: no more events can arrive. */
    api_connect_close_drivers(conn);
    api_event_state_free(conn->events);
    if (conn->close_cb.freecb)
        conn->close_cb.freecb(conn->close_cb.opaque);
    api_uri_free(conn->uri);
    err_clear(&conn->err);
    g_mutex_clear(&conn->lock);
}

static void
api_domain_dispose(void *obj)
{
    virDomainPtr d = obj;

    g_free(d->name);
    api_object_unref(d->conn);
}

static void
api_network_dispose(void *obj)
{
    virNetworkPtr n = obj;

    g_free(n->name);
    api_object_unref(n->conn);
}

static void
api_network_port_dispose(void *obj)
{
    virNetworkPortPtr p = obj;

    api_object_unref(p->net);
}

static void
api_interface_dispose(void *obj)
{
    virInterfacePtr i = obj;

    g_free(i->name);
    g_free(i->mac);
    api_object_unref(i->conn);
}

static void
api_storage_pool_dispose(void *obj)
{
    virStoragePoolPtr p = obj;

    g_free(p->name);
    api_object_unref(p->conn);
}

static void
api_storage_vol_dispose(void *obj)
{
    virStorageVolPtr v = obj;

    g_free(v->pool);
    g_free(v->name);
    g_free(v->key);
    api_object_unref(v->conn);
}

static void
api_node_device_dispose(void *obj)
{
    virNodeDevicePtr d = obj;

    g_free(d->name);
    g_free(d->parent_name);
    api_object_unref(d->conn);
}

static void
api_secret_dispose(void *obj)
{
    virSecretPtr s = obj;

    g_free(s->usage_id);
    api_object_unref(s->conn);
}

static void
api_nwfilter_dispose(void *obj)
{
    virNWFilterPtr f = obj;

    g_free(f->name);
    api_object_unref(f->conn);
}

static void
api_nwfilter_binding_dispose(void *obj)
{
    virNWFilterBindingPtr b = obj;

    g_free(b->portdev);
    g_free(b->filtername);
    api_object_unref(b->conn);
}

static void
api_stream_dispose(void *obj)
{
    virStreamPtr st = obj;

    if (st->priv_free)
        st->priv_free(st->priv);
    api_object_unref(st->conn);
}

static void
api_domain_snapshot_dispose(void *obj)
{
    virDomainSnapshotPtr s = obj;

    g_free(s->name);
    api_object_unref(s->domain);
}

static void
api_domain_checkpoint_dispose(void *obj)
{
    virDomainCheckpointPtr c = obj;

    g_free(c->name);
    api_object_unref(c->domain);
}

/* ---- public accessors: connections ---- */

/**
 * virConnectRef() - take an extra reference on a connection
 */
VIR_EXPORT int
virConnectRef(virConnectPtr conn)
{
    api_reset_error();
    /* libvirt-host.c: VIR_FROM_DOMAIN (virConnectClose is libvirt.c's: NONE) */
    if (!api_check_connect(conn, VIR_FROM_DOMAIN, __func__)) {
        api_dispatch_error(NULL);
        return -1;
    }
    api_object_ref(conn);
    return 0;
}

/**
 * virConnectClose() - drop the reference taken by open or virConnectRef
 *
 * Return: 0 when the connection was released, 1 while references remain,
 * -1 on an invalid pointer.
 */
VIR_EXPORT int
virConnectClose(virConnectPtr conn)
{
    api_reset_error();
    if (!api_check_connect(conn, VIR_FROM_NONE, __func__)) {
        api_dispatch_error(NULL);
        return -1;
    }
    return api_object_unref(conn) ? 0 : 1;
}

/* ---- public accessors: secrets ---- */

/**
 * virSecretRef() - take an extra reference on a secret handle
 */
VIR_EXPORT int
virSecretRef(virSecretPtr secret)
{
    api_reset_error();
    if (!api_check_secret(secret, __func__)) {
        api_dispatch_error(NULL);
        return -1;
    }
    api_object_ref(secret);
    return 0;
}

/**
 * virSecretFree() - release a secret handle (the secret itself stays)
 */
VIR_EXPORT int
virSecretFree(virSecretPtr secret)
{
    api_reset_error();
    if (!api_check_secret(secret, __func__)) {
        api_dispatch_error(NULL);
        return -1;
    }
    api_object_unref(secret);
    return 0;
}

/**
 * virSecretGetConnect() - the connection of a secret; no reference taken
 */
VIR_EXPORT virConnectPtr
virSecretGetConnect(virSecretPtr secret)
{
    api_reset_error();
    if (!api_check_secret(secret, __func__)) {
        api_dispatch_error(NULL);
        return NULL;
    }
    return secret->conn;
}

/**
 * virSecretGetUUID() - copy the 16 raw UUID bytes of a secret into @uuid
 */
VIR_EXPORT int
virSecretGetUUID(virSecretPtr secret, unsigned char *uuid)
{
    api_reset_error();
    if (!api_check_secret(secret, __func__)) {
        api_dispatch_error(NULL);
        return -1;
    }
    if (!api_check_nonnull(uuid, VIR_FROM_SECRET, __func__, "uuid")) {
        api_dispatch_error(secret->conn);
        return -1;
    }
    memcpy(uuid, secret->uuid, VIR_UUID_BUFLEN);
    return 0;
}

/**
 * virSecretGetUUIDString() - format the UUID of a secret into @buf
 * (VIR_UUID_STRING_BUFLEN bytes)
 */
VIR_EXPORT int
virSecretGetUUIDString(virSecretPtr secret, char *buf)
{
    api_reset_error();
    if (!api_check_secret(secret, __func__)) {
        api_dispatch_error(NULL);
        return -1;
    }
    if (!api_check_nonnull(buf, VIR_FROM_SECRET, __func__, "buf")) {
        api_dispatch_error(secret->conn);
        return -1;
    }
    uuid_format(secret->uuid, buf);
    return 0;
}

/**
 * virSecretGetUsageType() - VIR_SECRET_USAGE_TYPE_* of a secret, -1 on error
 */
VIR_EXPORT int
virSecretGetUsageType(virSecretPtr secret)
{
    api_reset_error();
    if (!api_check_secret(secret, __func__)) {
        api_dispatch_error(NULL);
        return -1;
    }
    return secret->usage_type;
}

/**
 * virSecretGetUsageID() - usage identifier of a secret (owned by the handle)
 */
VIR_EXPORT const char *
virSecretGetUsageID(virSecretPtr secret)
{
    api_reset_error();
    if (!api_check_secret(secret, __func__)) {
        api_dispatch_error(NULL);
        return NULL;
    }
    return secret->usage_id;
}
