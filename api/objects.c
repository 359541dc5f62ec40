/* api/objects.c: the public functions of every object type that never
 * reach a driver: Ref/Free, GetConnect, name/UUID/key accessors, the
 * *LookupByUUIDString conveniences (parse, then the driver-backed lookup)
 * and the Free helpers of the structs drivers return. Connections and
 * secrets have theirs in api/object.c, streams in api/stream.c. */
#include "config.h"

#include <string.h>

#define ERR_DOMAIN VIR_FROM_NONE
#include "api/internal.h"
#include "common/util/err.h"
#include "common/util/uuid.h"

/* The accessors share one shape: validate (dispatching with no connection
 * on failure), then act. */
#define CHECK_OR(check, retval) \
    do { \
        api_reset_error(); \
        if (!(check)) { \
            api_dispatch_error(NULL); \
            return retval; \
        } \
    } while (0)

/* Ref, Free and GetConnect of an object type. */
#define API_REF_FREE(Type, check, errdom, ref_fn, free_fn) \
    VIR_EXPORT int \
    ref_fn(Type obj) \
    { \
        CHECK_OR(check(obj, errdom, #ref_fn), -1); \
        api_object_ref(obj); \
        return 0; \
    } \
    VIR_EXPORT int \
    free_fn(Type obj) \
    { \
        CHECK_OR(check(obj, errdom, #free_fn), -1); \
        api_object_unref(obj); \
        return 0; \
    }

#define API_GETTER(RetType, Type, check, errdom, fn, expr, failval) \
    VIR_EXPORT RetType \
    fn(Type obj) \
    { \
        CHECK_OR(check(obj, errdom, #fn), failval); \
        return (expr); \
    }

/* GetUUID / GetUUIDString of objects with a raw uuid[] member; @errdom
 * for the invalid object, @argdom for the argument check (they differ for
 * domains: VIR_FROM_DOM, VIR_FROM_DOMAIN). */
#define API_UUID(Type, check, errdom, argdom, uuid_fn, str_fn, connexpr) \
    VIR_EXPORT int \
    uuid_fn(Type obj, unsigned char *uuid) \
    { \
        CHECK_OR(check(obj, errdom, #uuid_fn), -1); \
        if (!api_check_nonnull(uuid, argdom, #uuid_fn, "uuid")) { \
            api_dispatch_error(connexpr); \
            return -1; \
        } \
        memcpy(uuid, obj->uuid, VIR_UUID_BUFLEN); \
        return 0; \
    } \
    VIR_EXPORT int \
    str_fn(Type obj, char *buf) \
    { \
        CHECK_OR(check(obj, errdom, #str_fn), -1); \
        if (!api_check_nonnull(buf, argdom, #str_fn, "buf")) { \
            api_dispatch_error(connexpr); \
            return -1; \
        } \
        uuid_format(obj->uuid, buf); \
        return 0; \
    }

/* LookupByUUIDString: parse, then the public LookupByUUID. @badmsg: the
 * message for an unparsable UUID, NULL for the usual argument-check one. */
#define API_LOOKUP_UUIDSTR(RetType, ParentType, check, errdom, fn, lookup, connexpr, badmsg) \
    VIR_EXPORT RetType \
    fn(ParentType parent, const char *uuidstr) \
    { \
        unsigned char raw[VIR_UUID_BUFLEN]; \
        CHECK_OR(check(parent, errdom, #fn), NULL); \
        if (!api_check_nonnull(uuidstr, errdom, #fn, "uuidstr")) \
            goto error; \
        if (uuid_parse(uuidstr, raw) < 0) { \
            const char *api_bad = (badmsg); \
            if (api_bad) \
                api_report_invalid_arg_full(errdom, #fn, "uuidstr", "%s", api_bad); \
            else \
                api_report_invalid_arg_full(errdom, #fn, "uuidstr", \
                                            "uuidstr in %s must be a valid UUID", #fn); \
            goto error; \
        } \
        return lookup(parent, raw); \
     error: \
        api_dispatch_error(connexpr); \
        return NULL; \
    }

/* ---- domains ---- */

API_REF_FREE(virDomainPtr, api_check_domain, VIR_FROM_DOM, virDomainRef, virDomainFree)
API_GETTER(virConnectPtr, virDomainPtr, api_check_domain, VIR_FROM_DOM, virDomainGetConnect,
           obj->conn, NULL)
API_GETTER(const char *, virDomainPtr, api_check_domain, VIR_FROM_DOM, virDomainGetName,
           obj->name, NULL)
API_GETTER(unsigned int, virDomainPtr, api_check_domain, VIR_FROM_DOM, virDomainGetID,
           (unsigned int) obj->id, (unsigned int) -1)
API_UUID(virDomainPtr, api_check_domain, VIR_FROM_DOM, VIR_FROM_DOMAIN, virDomainGetUUID,
         virDomainGetUUIDString, obj->conn)
API_LOOKUP_UUIDSTR(virDomainPtr, virConnectPtr, api_check_connect, VIR_FROM_DOMAIN,
                   virDomainLookupByUUIDString, virDomainLookupByUUID, parent, "Invalid UUID")

/**
 * virDomainCreateLinux() - the pre-0.5 name of virDomainCreateXML
 */
VIR_EXPORT virDomainPtr
virDomainCreateLinux(virConnectPtr conn, const char *xmlDesc, unsigned int flags)
{
    return virDomainCreateXML(conn, xmlDesc, flags);
}

/**
 * virDomainFSInfoFree() - free one element of virDomainGetFSInfo's result
 */
VIR_EXPORT void
virDomainFSInfoFree(virDomainFSInfoPtr info)
{
    if (!info)
        return;
    g_free(info->mountpoint);
    g_free(info->name);
    g_free(info->fstype);
    for (size_t i = 0; i < info->ndevAlias; i++)
        g_free(info->devAlias[i]);
    g_free(info->devAlias);
    g_free(info);
}

/**
 * virDomainIOThreadInfoFree() - free one element of virDomainGetIOThreadInfo's
 * result
 */
VIR_EXPORT void
virDomainIOThreadInfoFree(virDomainIOThreadInfoPtr info)
{
    if (!info)
        return;
    g_free(info->cpumap);
    g_free(info);
}

/**
 * virDomainInterfaceFree() - free one element of virDomainInterfaceAddresses'
 * result
 */
VIR_EXPORT void
virDomainInterfaceFree(virDomainInterfacePtr iface)
{
    if (!iface)
        return;
    g_free(iface->name);
    g_free(iface->hwaddr);
    for (unsigned int i = 0; i < iface->naddrs; i++)
        g_free(iface->addrs[i].addr);
    g_free(iface->addrs);
    g_free(iface);
}

/**
 * virDomainStatsRecordListFree() - free a NULL-terminated list of stats
 * records (virConnectGetAllDomainStats, virDomainListGetStats)
 */
VIR_EXPORT void
virDomainStatsRecordListFree(virDomainStatsRecordPtr *stats)
{
    if (!stats)
        return;
    for (size_t i = 0; stats[i]; i++) {
        api_object_unref(stats[i]->dom);
        virTypedParamsFree(stats[i]->params, stats[i]->nparams);
        g_free(stats[i]);
    }
    g_free(stats);
}

/* ---- snapshots and checkpoints ---- */

API_REF_FREE(virDomainSnapshotPtr, api_check_domain_snapshot, VIR_FROM_DOMAIN_SNAPSHOT,
             virDomainSnapshotRef, virDomainSnapshotFree)
API_GETTER(virConnectPtr, virDomainSnapshotPtr, api_check_domain_snapshot,
           VIR_FROM_DOMAIN_SNAPSHOT, virDomainSnapshotGetConnect, obj->domain->conn, NULL)
API_GETTER(virDomainPtr, virDomainSnapshotPtr, api_check_domain_snapshot,
           VIR_FROM_DOMAIN_SNAPSHOT, virDomainSnapshotGetDomain, obj->domain, NULL)
API_GETTER(const char *, virDomainSnapshotPtr, api_check_domain_snapshot,
           VIR_FROM_DOMAIN_SNAPSHOT, virDomainSnapshotGetName, obj->name, NULL)

API_REF_FREE(virDomainCheckpointPtr, api_check_domain_checkpoint, VIR_FROM_DOMAIN_CHECKPOINT,
             virDomainCheckpointRef, virDomainCheckpointFree)
API_GETTER(virConnectPtr, virDomainCheckpointPtr, api_check_domain_checkpoint,
           VIR_FROM_DOMAIN_CHECKPOINT, virDomainCheckpointGetConnect, obj->domain->conn, NULL)
API_GETTER(virDomainPtr, virDomainCheckpointPtr, api_check_domain_checkpoint,
           VIR_FROM_DOMAIN_CHECKPOINT, virDomainCheckpointGetDomain, obj->domain, NULL)
API_GETTER(const char *, virDomainCheckpointPtr, api_check_domain_checkpoint,
           VIR_FROM_DOMAIN_CHECKPOINT, virDomainCheckpointGetName, obj->name, NULL)

/* ---- networks and ports ---- */

API_REF_FREE(virNetworkPtr, api_check_network, VIR_FROM_NETWORK, virNetworkRef, virNetworkFree)
API_GETTER(virConnectPtr, virNetworkPtr, api_check_network, VIR_FROM_NETWORK,
           virNetworkGetConnect, obj->conn, NULL)
API_GETTER(const char *, virNetworkPtr, api_check_network, VIR_FROM_NETWORK,
           virNetworkGetName, obj->name, NULL)
API_UUID(virNetworkPtr, api_check_network, VIR_FROM_NETWORK, VIR_FROM_NETWORK,
         virNetworkGetUUID, virNetworkGetUUIDString, obj->conn)
API_LOOKUP_UUIDSTR(virNetworkPtr, virConnectPtr, api_check_connect, VIR_FROM_NETWORK,
                   virNetworkLookupByUUIDString, virNetworkLookupByUUID, parent, NULL)

API_REF_FREE(virNetworkPortPtr, api_check_network_port, VIR_FROM_NETWORK,
             virNetworkPortRef, virNetworkPortFree)
API_GETTER(virNetworkPtr, virNetworkPortPtr, api_check_network_port, VIR_FROM_NETWORK,
           virNetworkPortGetNetwork, obj->net, NULL)
API_UUID(virNetworkPortPtr, api_check_network_port, VIR_FROM_NETWORK, VIR_FROM_NETWORK,
         virNetworkPortGetUUID, virNetworkPortGetUUIDString, obj->net->conn)
API_LOOKUP_UUIDSTR(virNetworkPortPtr, virNetworkPtr, api_check_network, VIR_FROM_NETWORK,
                   virNetworkPortLookupByUUIDString, virNetworkPortLookupByUUID, parent->conn,
                   NULL)

/**
 * virNetworkDHCPLeaseFree() - free one element of virNetworkGetDHCPLeases'
 * result
 */
VIR_EXPORT void
virNetworkDHCPLeaseFree(virNetworkDHCPLeasePtr lease)
{
    if (!lease)
        return;
    g_free(lease->iface);
    g_free(lease->mac);
    g_free(lease->iaid);
    g_free(lease->ipaddr);
    g_free(lease->hostname);
    g_free(lease->clientid);
    g_free(lease);
}

/* ---- interfaces ---- */

API_REF_FREE(virInterfacePtr, api_check_interface, VIR_FROM_INTERFACE, virInterfaceRef,
             virInterfaceFree)
API_GETTER(virConnectPtr, virInterfacePtr, api_check_interface, VIR_FROM_INTERFACE,
           virInterfaceGetConnect, obj->conn, NULL)
API_GETTER(const char *, virInterfacePtr, api_check_interface, VIR_FROM_INTERFACE,
           virInterfaceGetName, obj->name, NULL)
API_GETTER(const char *, virInterfacePtr, api_check_interface, VIR_FROM_INTERFACE,
           virInterfaceGetMACString, obj->mac, NULL)

/* ---- storage ---- */

API_REF_FREE(virStoragePoolPtr, api_check_storage_pool, VIR_FROM_STORAGE, virStoragePoolRef,
             virStoragePoolFree)
API_GETTER(virConnectPtr, virStoragePoolPtr, api_check_storage_pool, VIR_FROM_STORAGE,
           virStoragePoolGetConnect, obj->conn, NULL)
API_GETTER(const char *, virStoragePoolPtr, api_check_storage_pool, VIR_FROM_STORAGE,
           virStoragePoolGetName, obj->name, NULL)
API_UUID(virStoragePoolPtr, api_check_storage_pool, VIR_FROM_STORAGE, VIR_FROM_STORAGE,
         virStoragePoolGetUUID, virStoragePoolGetUUIDString, obj->conn)
API_LOOKUP_UUIDSTR(virStoragePoolPtr, virConnectPtr, api_check_connect, VIR_FROM_STORAGE,
                   virStoragePoolLookupByUUIDString, virStoragePoolLookupByUUID, parent, NULL)

API_REF_FREE(virStorageVolPtr, api_check_storage_vol, VIR_FROM_STORAGE, virStorageVolRef,
             virStorageVolFree)
API_GETTER(virConnectPtr, virStorageVolPtr, api_check_storage_vol, VIR_FROM_STORAGE,
           virStorageVolGetConnect, obj->conn, NULL)
API_GETTER(const char *, virStorageVolPtr, api_check_storage_vol, VIR_FROM_STORAGE,
           virStorageVolGetName, obj->name, NULL)
API_GETTER(const char *, virStorageVolPtr, api_check_storage_vol, VIR_FROM_STORAGE,
           virStorageVolGetKey, obj->key, NULL)

/* ---- node devices ---- */

API_REF_FREE(virNodeDevicePtr, api_check_node_device, VIR_FROM_NODEDEV, virNodeDeviceRef,
             virNodeDeviceFree)
API_GETTER(const char *, virNodeDevicePtr, api_check_node_device, VIR_FROM_NODEDEV,
           virNodeDeviceGetName, obj->name, NULL)

/* ---- secrets (the rest is in api/object.c) ---- */

API_LOOKUP_UUIDSTR(virSecretPtr, virConnectPtr, api_check_connect, VIR_FROM_SECRET,
                   virSecretLookupByUUIDString, virSecretLookupByUUID, parent, NULL)

/* ---- network filters and bindings ---- */

API_REF_FREE(virNWFilterPtr, api_check_nwfilter, VIR_FROM_NWFILTER, virNWFilterRef,
             virNWFilterFree)
API_GETTER(const char *, virNWFilterPtr, api_check_nwfilter, VIR_FROM_NWFILTER,
           virNWFilterGetName, obj->name, NULL)
API_UUID(virNWFilterPtr, api_check_nwfilter, VIR_FROM_NWFILTER, VIR_FROM_NWFILTER,
         virNWFilterGetUUID, virNWFilterGetUUIDString, obj->conn)
API_LOOKUP_UUIDSTR(virNWFilterPtr, virConnectPtr, api_check_connect, VIR_FROM_NWFILTER,
                   virNWFilterLookupByUUIDString, virNWFilterLookupByUUID, parent, NULL)

API_REF_FREE(virNWFilterBindingPtr, api_check_nwfilter_binding, VIR_FROM_NWFILTER,
             virNWFilterBindingRef, virNWFilterBindingFree)
API_GETTER(const char *, virNWFilterBindingPtr, api_check_nwfilter_binding, VIR_FROM_NWFILTER,
           virNWFilterBindingGetPortDev, obj->portdev, NULL)
API_GETTER(const char *, virNWFilterBindingPtr, api_check_nwfilter_binding, VIR_FROM_NWFILTER,
           virNWFilterBindingGetFilterName, obj->filtername, NULL)
