/* api/events.c: public entry points of event (de)registration, for every
 * family. They share libvirt's checks: a valid connection, an optional
 * object filter that must belong to the connection, a callback, an event
 * id in range; then the family's ops member does the work. Deregistering
 * holds a connection reference for the duration: the callback's own
 * reference on the connection may be the last and go away in the driver. */
#include "config.h"

#include <string.h>

#define ERR_DOMAIN VIR_FROM_NONE
#include "api/driver.h"
#include "common/util/err.h"
#include "common/util/uuid.h"

/* Common part of the Register entry points before the driver call.
 * @objname: name of the filter object in the "must match" message (NULL
 * when no filter was given). Return: true to go on. */
static bool
api_event_register_checks(virConnectPtr conn, int errdom, const char *func,
                          virConnectPtr obj_conn, const char *argname, const char *objname,
                          const void *cb, int event_id, int last)
{
    if (objname && obj_conn != conn) {
        api_report_invalid_arg_full(errdom, func, argname, "%s '%s' in %s must match connection",
                                    argname, objname, func);
        return false;
    }
    if (!api_check_nonnull(cb, errdom, func, "cb") ||
        !api_check_nonnegative(event_id, errdom, func, "eventID"))
        return false;
    if (event_id >= last) {
        api_report_invalid_arg_full(errdom, func, "eventID", "eventID in %s must be less than %d",
                                    func, last);
        return false;
    }
    return true;
}

#define CHECK_CONN_OR(conn, errdom, retval) \
    do { \
        api_reset_error(); \
        if (!api_check_connect((conn), (errdom), __func__)) { \
            api_dispatch_error(NULL); \
            return retval; \
        } \
    } while (0)

#define UNSUPPORTED_UNLESS(ops, member, errdom) \
    do { \
        if (!(ops) || !(ops)->member) { \
            api_report_unsupported((errdom), __func__); \
            goto error; \
        } \
    } while (0)

/* RegisterAny: validate @obj (NULL: every object of the family) with the
 * expression @valid, then the common checks (@objname names it in their
 * messages), then call the family's ops member. */
#define REGISTER_BODY(conn, errdom, obj, valid, argname, objname, last, ops, member) \
    int id; \
    CHECK_CONN_OR(conn, errdom, -1); \
    if ((obj) && !(valid)) \
        goto error; \
    if (!api_event_register_checks(conn, errdom, __func__, (obj) ? (obj)->conn : NULL, \
                                   argname, (obj) ? (objname) : NULL, (const void *) cb, \
                                   eventID, last)) \
        goto error; \
    UNSUPPORTED_UNLESS(ops, member, errdom); \
    id = (ops)->member(conn, obj, eventID, cb, opaque, freecb); \
    if (id < 0) \
        goto error; \
    return id; \
 error: \
    api_dispatch_error(conn); \
    return -1

/* Deregister: validate, call, keep @conn alive across the call. */
#define DEREGISTER_BODY(conn, ops, member, errdom) \
    int r = -1; \
    CHECK_CONN_OR(conn, errdom, -1); \
    api_object_ref(conn); \
    if (!api_check_nonnegative(callbackID, errdom, __func__, "callbackID")) \
        goto error; \
    UNSUPPORTED_UNLESS(ops, member, errdom); \
    r = (ops)->member(conn, callbackID); \
 error: \
    if (r < 0) \
        api_dispatch_error(conn); \
    api_object_unref(conn); \
    return r

/* ---- domains ---- */

/**
 * virConnectDomainEventRegisterAny() - receive domain events
 * @dom: only events of this domain, or NULL for all
 *
 * Return: callback id for virConnectDomainEventDeregisterAny, or -1.
 */
VIR_EXPORT int
virConnectDomainEventRegisterAny(virConnectPtr conn, virDomainPtr dom, int eventID,
                                 virConnectDomainEventGenericCallback cb, void *opaque,
                                 virFreeCallback freecb)
{
    REGISTER_BODY(conn, VIR_FROM_DOMAIN, dom, api_check_domain(dom, VIR_FROM_DOM, __func__),
                  "domain", dom->name, VIR_DOMAIN_EVENT_ID_LAST, conn->hypervisor_driver,
                  connectDomainEventRegisterAny);
}

/**
 * virConnectDomainEventDeregisterAny() - remove a domain event callback
 */
VIR_EXPORT int
virConnectDomainEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    DEREGISTER_BODY(conn, conn->hypervisor_driver, connectDomainEventDeregisterAny,
                    VIR_FROM_DOMAIN);
}

/**
 * virConnectDomainEventRegister() - the old lifecycle-only registration;
 * one registration per (@cb) function
 */
VIR_EXPORT int
virConnectDomainEventRegister(virConnectPtr conn, virConnectDomainEventCallback cb,
                              void *opaque, virFreeCallback freecb)
{
    CHECK_CONN_OR(conn, VIR_FROM_DOMAIN, -1);
    if (!api_check_nonnull((const void *) cb, VIR_FROM_DOMAIN, __func__, "cb"))
        goto error;
    UNSUPPORTED_UNLESS(conn->hypervisor_driver, connectDomainEventRegister, VIR_FROM_DOMAIN);
    if (conn->hypervisor_driver->connectDomainEventRegister(conn, cb, opaque, freecb) < 0)
        goto error;
    return 0;

 error:
    api_dispatch_error(conn);
    return -1;
}

/**
 * virConnectDomainEventDeregister() - remove an old-style registration
 */
VIR_EXPORT int
virConnectDomainEventDeregister(virConnectPtr conn, virConnectDomainEventCallback cb)
{
    int r = -1;

    CHECK_CONN_OR(conn, VIR_FROM_DOMAIN, -1);
    api_object_ref(conn);
    if (!api_check_nonnull((const void *) cb, VIR_FROM_DOMAIN, __func__, "cb"))
        goto error;
    UNSUPPORTED_UNLESS(conn->hypervisor_driver, connectDomainEventDeregister, VIR_FROM_DOMAIN);
    r = conn->hypervisor_driver->connectDomainEventDeregister(conn, cb);

 error:
    if (r < 0)
        api_dispatch_error(conn);
    api_object_unref(conn);
    return r;
}

/* ---- networks ---- */

/**
 * virConnectNetworkEventRegisterAny() - receive network events
 * @net: only events of this network, or NULL for all
 */
VIR_EXPORT int
virConnectNetworkEventRegisterAny(virConnectPtr conn, virNetworkPtr net, int eventID,
                                  virConnectNetworkEventGenericCallback cb, void *opaque,
                                  virFreeCallback freecb)
{
    REGISTER_BODY(conn, VIR_FROM_NETWORK, net,
                  api_check_network(net, VIR_FROM_NETWORK, __func__), "net", net->name,
                  VIR_NETWORK_EVENT_ID_LAST, conn->network_driver,
                  connectNetworkEventRegisterAny);
}

/**
 * virConnectNetworkEventDeregisterAny() - remove a network event callback
 */
VIR_EXPORT int
virConnectNetworkEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    DEREGISTER_BODY(conn, conn->network_driver, connectNetworkEventDeregisterAny,
                    VIR_FROM_NETWORK);
}

/* ---- storage pools ---- */

/**
 * virConnectStoragePoolEventRegisterAny() - receive storage pool events
 * @pool: only events of this pool, or NULL for all
 */
VIR_EXPORT int
virConnectStoragePoolEventRegisterAny(virConnectPtr conn, virStoragePoolPtr pool, int eventID,
                                      virConnectStoragePoolEventGenericCallback cb,
                                      void *opaque, virFreeCallback freecb)
{
    REGISTER_BODY(conn, VIR_FROM_STORAGE, pool,
                  api_check_storage_pool(pool, VIR_FROM_STORAGE, __func__), "pool", pool->name,
                  VIR_STORAGE_POOL_EVENT_ID_LAST, conn->storage_driver,
                  connectStoragePoolEventRegisterAny);
}

/**
 * virConnectStoragePoolEventDeregisterAny() - remove a pool event callback
 */
VIR_EXPORT int
virConnectStoragePoolEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    DEREGISTER_BODY(conn, conn->storage_driver, connectStoragePoolEventDeregisterAny,
                    VIR_FROM_STORAGE);
}

/* ---- node devices ---- */

/**
 * virConnectNodeDeviceEventRegisterAny() - receive node device events
 * @dev: only events of this device, or NULL for all
 */
VIR_EXPORT int
virConnectNodeDeviceEventRegisterAny(virConnectPtr conn, virNodeDevicePtr dev, int eventID,
                                     virConnectNodeDeviceEventGenericCallback cb,
                                     void *opaque, virFreeCallback freecb)
{
    REGISTER_BODY(conn, VIR_FROM_NODEDEV, dev,
                  api_check_node_device(dev, VIR_FROM_NODEDEV, __func__), "dev", dev->name,
                  VIR_NODE_DEVICE_EVENT_ID_LAST, conn->nodedev_driver,
                  connectNodeDeviceEventRegisterAny);
}

/**
 * virConnectNodeDeviceEventDeregisterAny() - remove a node device event
 * callback
 */
VIR_EXPORT int
virConnectNodeDeviceEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    DEREGISTER_BODY(conn, conn->nodedev_driver, connectNodeDeviceEventDeregisterAny,
                    VIR_FROM_NODEDEV);
}

/* ---- secrets ---- */

/* @secret's UUID as text in @buf; secrets are named by it in messages */
static const char *
secret_uuid(virSecretPtr secret, char buf[UUID_STR_LEN])
{
    uuid_format(secret->uuid, buf);
    return buf;
}

/**
 * virConnectSecretEventRegisterAny() - receive secret events
 * @secret: only events of this secret, or NULL for all
 */
VIR_EXPORT int
virConnectSecretEventRegisterAny(virConnectPtr conn, virSecretPtr secret, int eventID,
                                 virConnectSecretEventGenericCallback cb, void *opaque,
                                 virFreeCallback freecb)
{
    char uuidstr[UUID_STR_LEN];

    REGISTER_BODY(conn, VIR_FROM_SECRET, secret, api_check_secret(secret, __func__), "secret",
                  secret_uuid(secret, uuidstr), VIR_SECRET_EVENT_ID_LAST, conn->secret_driver,
                  connectSecretEventRegisterAny);
}

/**
 * virConnectSecretEventDeregisterAny() - remove a secret event callback
 */
VIR_EXPORT int
virConnectSecretEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    DEREGISTER_BODY(conn, conn->secret_driver, connectSecretEventDeregisterAny,
                    VIR_FROM_SECRET);
}
