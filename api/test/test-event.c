/* api/test/test-event.c: events of the test driver. A change queues one
 * event per connection sharing the state, through the same per-connection
 * queue (api/event-state.h) remote events use, so callbacks run from the
 * application's event loop. Payloads are copied per connection; nothing
 * here touches the objects themselves. */
#include "config.h"

#include <string.h>

#define ERR_DOMAIN VIR_FROM_TEST
#include "api/test/test-domain.h"
#include "common/util/err.h"
#include "common/util/uuid.h"

/* ---- generic part ----------------------------------------------------- */

/**
 * test_event_key() - filter key of an object (see test-priv.h)
 */
const char *
test_event_key(ApiEventFamily family, const char *name, const unsigned char *uuid,
               char *buf)
{
    if (family == API_EVENT_FAMILY_NODE_DEVICE || !uuid)
        return name;
    uuid_format(uuid, buf);
    return buf;
}

/* One registration, kept to refuse duplicates as libvirt does and to find
 * legacy callbacks by function. */
typedef struct {
    virConnectPtr conn;
    ApiEventFamily family;
    int event_id;
    char *key;
    ApiEventGenericFunc cb;
    int id;
    bool legacy;
} TestEventReg;

/**
 * test_event_regs_free() - free one entry of TestState.event_regs
 */
void
test_event_regs_free(gpointer p)
{
    TestEventReg *r = p;

    g_free(r->key);
    g_free(r);
}

static int
event_register(virConnectPtr conn, ApiEventFamily family, int event_id, const char *key,
               ApiEventGenericFunc cb, void *opaque, virFreeCallback freecb, bool legacy)
{
    TestState *s = test_state_from_conn(conn);
    TestEventReg *r;
    int count;
    int remote_id;
    int id;

    g_mutex_lock(&s->lock);
    for (guint i = 0; i < s->event_regs->len; i++) {
        r = g_ptr_array_index(s->event_regs, i);
        if (r->conn == conn && r->family == family && r->event_id == event_id &&
            r->cb == cb && r->legacy == legacy && g_strcmp0(r->key, key) == 0) {
            g_mutex_unlock(&s->lock);
            err_report_full(VIR_FROM_NONE, VIR_ERR_INVALID_ARG, __FILE__, __func__, __LINE__,
                            "%s", "event callback already tracked");
            return -1;
        }
    }
    id = api_event_register(conn, family, event_id, key, s, cb, opaque, freecb, &count,
                            &remote_id);
    if (id >= 0) {
        r = g_new0(TestEventReg, 1);
        r->conn = conn;
        r->family = family;
        r->event_id = event_id;
        r->key = g_strdup(key);
        r->cb = cb;
        r->id = id;
        r->legacy = legacy;
        g_ptr_array_add(s->event_regs, r);
    }
    g_mutex_unlock(&s->lock);
    return id;
}

/* Remove the registration matching @match from the list. Return its id,
 * or -1 when there is none. */
static int
event_unlist(TestState *s, virConnectPtr conn, int id, ApiEventGenericFunc legacy_cb)
{
    int ret = -1;

    g_mutex_lock(&s->lock);
    for (guint i = 0; i < s->event_regs->len; i++) {
        TestEventReg *r = g_ptr_array_index(s->event_regs, i);

        if (r->conn != conn)
            continue;
        if ((legacy_cb && r->legacy && r->cb == legacy_cb) || (!legacy_cb && r->id == id)) {
            ret = r->id;
            g_ptr_array_remove_index(s->event_regs, i);
            break;
        }
    }
    g_mutex_unlock(&s->lock);
    return ret;
}

/**
 * test_event_register() - add an event callback on a test connection
 */
int
test_event_register(virConnectPtr conn, ApiEventFamily family, int event_id,
                    const char *key, ApiEventGenericFunc cb, void *opaque,
                    virFreeCallback freecb)
{
    return event_register(conn, family, event_id, key, cb, opaque, freecb, false);
}

/**
 * test_event_deregister() - remove an event callback of a test connection
 */
int
test_event_deregister(virConnectPtr conn, ApiEventFamily family, int callback_id)
{
    TestState *s = test_state_from_conn(conn);

    (void) family;
    if (event_unlist(s, conn, callback_id, NULL) < 0) {
        err_report_full(VIR_FROM_NONE, VIR_ERR_INVALID_ARG, __FILE__, __func__, __LINE__,
                        "could not find event callback %d for deletion", callback_id);
        return -1;
    }
    /* without the state lock: the application's free function runs here */
    return api_event_deregister(conn, callback_id) < 0 ? -1 : 0;
}

/**
 * test_event_register_legacy() - virConnectDomainEventRegister: lifecycle
 * events of every domain, one registration per callback function
 */
int
test_event_register_legacy(virConnectPtr conn, virConnectDomainEventCallback cb,
                           void *opaque, virFreeCallback freecb)
{
    return event_register(conn, API_EVENT_FAMILY_DOMAIN, VIR_DOMAIN_EVENT_ID_LIFECYCLE, NULL,
                          (ApiEventGenericFunc) cb, opaque, freecb, true);
}

/**
 * test_event_deregister_legacy() - virConnectDomainEventDeregister
 */
int
test_event_deregister_legacy(virConnectPtr conn, virConnectDomainEventCallback cb)
{
    TestState *s = test_state_from_conn(conn);
    int id = event_unlist(s, conn, -1, (ApiEventGenericFunc) cb);

    if (id < 0) {
        err_report_full(VIR_FROM_NONE, VIR_ERR_INVALID_ARG, __FILE__, __func__, __LINE__,
                        "event callback function %p not registered", (void *) cb);
        return -1;
    }
    return api_event_deregister(conn, id) < 0 ? -1 : 0;
}

/**
 * test_event_conn_closed() - drop the registrations of a closing @conn
 */
void
test_event_conn_closed(TestState *s, virConnectPtr conn)
{
    for (guint i = s->event_regs->len; i-- > 0;) {
        TestEventReg *r = g_ptr_array_index(s->event_regs, i);

        if (r->conn == conn)
            g_ptr_array_remove_index(s->event_regs, i);
    }
}

/* Queue a copy of an event for every open connection of @s. @make builds
 * the per-connection payload from @arg. */
static void
emit_all(TestState *s, ApiEventFamily family, int event_id, const char *key,
         ApiEventDispatchFunc dispatch, void *(*make)(const void *arg), const void *arg,
         GDestroyNotify data_free)
{
    for (guint i = 0; i < s->conns->len; i++) {
        virConnectPtr conn = g_ptr_array_index(s->conns, i);
        ApiEvent *ev = g_new0(ApiEvent, 1);

        ev->family = family;
        ev->event_id = event_id;
        ev->remote_id = -1;
        ev->source = s;
        ev->key = g_strdup(key);
        ev->dispatch = dispatch;
        ev->data = make(arg);
        ev->data_free = data_free;
        api_event_queue(conn, ev);
    }
}

/* ---- other families --------------------------------------------------- */

typedef struct {
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
    int usage_type;
    char *usage_id;
    int event;
    int detail;
} ObjEventData;

static void *
obj_event_make(const void *arg)
{
    const TestEventData *in = arg;
    ObjEventData *d = g_new0(ObjEventData, 1);

    d->name = g_strdup(in->name);
    if (in->uuid)
        memcpy(d->uuid, in->uuid, VIR_UUID_BUFLEN);
    d->usage_type = in->usage_type;
    d->usage_id = g_strdup(in->usage_id);
    d->event = in->event;
    d->detail = in->detail;
    return d;
}

static void
obj_event_free(gpointer p)
{
    ObjEventData *d = p;

    g_free(d->name);
    g_free(d->usage_id);
    g_free(d);
}

/* Every family's callbacks have one of two shapes: lifecycle (object,
 * event, detail) or generic (object only). */
typedef void (*ObjLifecycleCb)(virConnectPtr conn, void *obj, int event, int detail,
                               void *opaque);
typedef void (*ObjGenericCb)(virConnectPtr conn, void *obj, void *opaque);

static void
obj_event_dispatch(virConnectPtr conn, const ApiEvent *ev, const ApiEventCallback *cb)
{
    const ObjEventData *d = ev->data;
    void *obj = NULL;
    bool lifecycle = false;

    switch (ev->family) {
    case API_EVENT_FAMILY_NETWORK:
        obj = api_network_new(conn, d->name, d->uuid);
        lifecycle = ev->event_id == VIR_NETWORK_EVENT_ID_LIFECYCLE;
        break;
    case API_EVENT_FAMILY_STORAGE_POOL:
        obj = api_storage_pool_new(conn, d->name, d->uuid);
        lifecycle = ev->event_id == VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE;
        break;
    case API_EVENT_FAMILY_NODE_DEVICE:
        obj = api_node_device_new(conn, d->name);
        lifecycle = ev->event_id == VIR_NODE_DEVICE_EVENT_ID_LIFECYCLE;
        break;
    case API_EVENT_FAMILY_SECRET:
        obj = api_secret_new(conn, d->uuid, d->usage_type, d->usage_id);
        lifecycle = ev->event_id == VIR_SECRET_EVENT_ID_LIFECYCLE;
        break;
    default:
        return;
    }
    if (lifecycle)
        ((ObjLifecycleCb) cb->cb)(conn, obj, d->event, d->detail, cb->opaque);
    else
        ((ObjGenericCb) cb->cb)(conn, obj, cb->opaque);
    api_object_unref(obj);
}

/**
 * test_emit_event() - queue an event of a non-domain family (test-priv.h)
 */
void
test_emit_event(TestState *s, ApiEventFamily family, int event_id, const TestEventData *data)
{
    char buf[VIR_UUID_STRING_BUFLEN];
    const char *key = test_event_key(family, data->name, data->uuid, buf);

    emit_all(s, family, event_id, key, obj_event_dispatch, obj_event_make, data,
             obj_event_free);
}

/* ---- domains ---------------------------------------------------------- */

typedef struct {
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
    int id;
    int event;                  /* lifecycle event, metadata type */
    int detail;
    char *str;                  /* metadata namespace, device alias */
} DomEventData;

static void *
dom_event_make(const void *arg)
{
    const DomEventData *in = arg;
    DomEventData *d = g_new0(DomEventData, 1);

    d->name = g_strdup(in->name);
    memcpy(d->uuid, in->uuid, VIR_UUID_BUFLEN);
    d->id = in->id;
    d->event = in->event;
    d->detail = in->detail;
    d->str = g_strdup(in->str);
    return d;
}

static void
dom_event_free(gpointer p)
{
    DomEventData *d = p;

    g_free(d->name);
    g_free(d->str);
    g_free(d);
}

static void
dom_event_dispatch(virConnectPtr conn, const ApiEvent *ev, const ApiEventCallback *cb)
{
    const DomEventData *d = ev->data;
    virDomainPtr dom = api_domain_new(conn, d->name, d->uuid, d->id);

    switch (ev->event_id) {
    case VIR_DOMAIN_EVENT_ID_LIFECYCLE:
        ((virConnectDomainEventCallback) cb->cb)(conn, dom, d->event, d->detail, cb->opaque);
        break;
    case VIR_DOMAIN_EVENT_ID_METADATA_CHANGE:
        ((virConnectDomainEventMetadataChangeCallback) cb->cb)(conn, dom, d->event, d->str,
                                                                cb->opaque);
        break;
    case VIR_DOMAIN_EVENT_ID_DEVICE_ADDED:
    case VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED:
        ((virConnectDomainEventDeviceAddedCallback) cb->cb)(conn, dom, d->str, cb->opaque);
        break;
    default:
        break;
    }
    api_object_unref(dom);
}

static void
dom_emit(TestState *s, const TestDomain *dom, int event_id, DomEventData *d)
{
    char key[VIR_UUID_STRING_BUFLEN];

    d->name = dom->def->name;
    memcpy(d->uuid, dom->def->uuid, VIR_UUID_BUFLEN);
    d->id = dom->def->has_id ? dom->def->id : -1;
    uuid_format(dom->def->uuid, key);
    emit_all(s, API_EVENT_FAMILY_DOMAIN, event_id, key, dom_event_dispatch,
             dom_event_make, d, dom_event_free);
}

/**
 * test_domain_event_lifecycle() - VIR_DOMAIN_EVENT_ID_LIFECYCLE for @dom
 *
 * Call after the state change so the event carries the domain's new id
 * (-1 once stopped), as libvirt's does.
 */
void
test_domain_event_lifecycle(TestState *s, const TestDomain *dom, int event, int detail)
{
    DomEventData d = { .event = event, .detail = detail };

    dom_emit(s, dom, VIR_DOMAIN_EVENT_ID_LIFECYCLE, &d);
}

/**
 * test_domain_event_metadata() - VIR_DOMAIN_EVENT_ID_METADATA_CHANGE
 */
void
test_domain_event_metadata(TestState *s, const TestDomain *dom, int type, const char *nsuri)
{
    DomEventData d = { .event = type, .str = (char *) nsuri };

    dom_emit(s, dom, VIR_DOMAIN_EVENT_ID_METADATA_CHANGE, &d);
}

/**
 * test_domain_event_device() - DEVICE_ADDED or DEVICE_REMOVED with @alias
 */
void
test_domain_event_device(TestState *s, const TestDomain *dom, int event_id,
                         const char *alias)
{
    DomEventData d = { .str = (char *) alias };

    dom_emit(s, dom, event_id, &d);
}
