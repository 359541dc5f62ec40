/* api/driver.h: the driver contract of libvirt.so.
 *
 * Public entry point -> argument and permission checks -> the ops table of
 * the connection for the API family -> a driver (remote, test, ...). This
 * header is what a driver implements and what the entry points call.
 *
 * Ops tables (one const struct per family, libvirt's driver-*.h model):
 *   - one member per driver-backed public function;
 *   - member name = the public name without "vir", first letter lowered:
 *       virDomainCreateXML               -> domainCreateXML
 *       virConnectListAllDomains         -> connectListAllDomains
 *       virNodeGetInfo                   -> nodeGetInfo
 *       virNetworkPortCreateXML          -> networkPortCreateXML
 *       virConnectDomainEventRegisterAny -> connectDomainEventRegisterAny
 *   - member type = the public function's signature, exactly (same return
 *     type, parameter types and order);
 *   - the family is the public header the function lives in:
 *       ApiHypervisorDriver  libvirt-host.h, libvirt-domain.h,
 *                            libvirt-domain-snapshot.h,
 *                            libvirt-domain-checkpoint.h
 *       ApiNetworkDriver     libvirt-network.h (incl. ports and events)
 *       ApiStorageDriver     libvirt-storage.h
 *       ApiNodeDeviceDriver  libvirt-nodedev.h
 *       ApiSecretDriver      libvirt-secret.h
 *       ApiInterfaceDriver   libvirt-interface.h
 *       ApiNWFilterDriver    libvirt-nwfilter.h
 *       ApiStreamDriver      libvirt-stream.h data ops (per stream, below)
 *   - functions that never reach a driver (open/close, ref/free, name/UUID
 *     accessors, UUID-string lookups, *Free helpers, typed params, errors,
 *     event loop) have no member; api/api-rules.txt lists them ("lib").
 * The structs are generated at build time from api/include/libvirt/ headers by
 * api/gen-driver.py into <builddir>/api/driver-ops.h (never committed), so
 * they cannot drift from the headers. Read that file for the full list.
 *
 * Entry points do, before calling a member: reset the last error, validate
 * the object pointers, refuse writes on read-only connections, run
 * libvirt's client-side argument checks (api/api-rules.txt says which apply
 * and, where libvirt checks arguments before the connection, in which
 * order), make file paths absolute where libvirt does; a NULL member is
 * reported as VIR_ERR_NO_SUPPORT. Their errors carry the error domain of
 * libvirt's src/libvirt-<family>.c (VIR_FROM_DOMAIN for host and domain
 * calls), except an invalid object pointer, whose domain is fixed by its
 * type (VIR_FROM_DOM for a domain). So a member only runs with valid objects of its own
 * connection, and on failure it reports one error (err_report()) and
 * returns the public failure value; it never dispatches (the entry point
 * copies the error to the connection and runs the error handler).
 *
 * Deviations from "exactly the public contract", each forced by the public
 * signature:
 *   - nodeDeviceGetParent returns a string the handle owns: the driver
 *     stores it in dev->parent_name (g_free'd with the handle) and returns
 *     it; the entry point returns dev->parent_name directly when set.
 *   - connectGetType returns a string owned by the driver or connection;
 *     when the member is NULL the entry point returns the driver's name.
 *
 * Registration: a driver publishes one ApiDriverRegistration. On
 * virConnectOpen the registrations are tried in order (in-process drivers
 * first, remote last, see api/drivers.c): the hypervisor driver's open
 * claims the URI (API_OPEN_SUCCESS), passes (API_OPEN_DECLINED) or fails
 * (API_OPEN_ERROR, reported). The registration's secondary families are
 * then attached to the connection and their open hooks (if any) run.
 *
 * Example (api/test/):
 *
 *   static const ApiHypervisorDriver test_hypervisor = {
 *       .name = "Test",
 *       .open = test_open,
 *       .close = test_close,
 *       .connectGetVersion = test_connect_get_version,
 *       .domainCreateXML = test_domain_create_xml,
 *   };
 *   static const ApiNetworkDriver test_network = {
 *       .name = "Test",
 *       .networkLookupByName = test_network_lookup_by_name,
 *   };
 *   static const char *const test_schemes[] = { "test", NULL };
 *   const ApiDriverRegistration api_test_registration = {
 *       .name = "Test",
 *       .schemes = test_schemes,
 *       .hypervisor = &test_hypervisor,
 *       .network = &test_network,
 *   };
 */
#pragma once

#include <stdbool.h>

#include "api/internal.h"
#include "api/uri.h"

/* Results of the open hooks (values as libvirt's VIR_DRV_OPEN_*). */
typedef enum {
    API_OPEN_SUCCESS = 0,
    API_OPEN_DECLINED = -1,      /* not mine: try the next registration */
    API_OPEN_ERROR = -2,         /* mine, but it failed (error reported) */
} ApiOpenResult;


/* Open hook of a family. @uri is the parsed URI (NULL when the caller
 * asked for the default and nothing was configured: probing); @flags are
 * virConnectFlags (VIR_CONNECT_RO, ...). Set conn->priv[class] here.
 * When it returns anything but API_OPEN_SUCCESS it must leave nothing
 * behind: the close hook is only called for opened families. A secondary
 * family without open hook shares the hypervisor driver's state (its close
 * hook is then not called either).
 * Return: an ApiOpenResult. */
typedef int (*ApiDrvOpenFunc)(virConnectPtr conn, ApiUri *uri, virConnectAuthPtr auth,
                              unsigned int flags);
/* Close hook: release conn->priv[class]; cannot fail visibly (return 0,
 * or -1 after logging). Called once, when the last reference goes. */
typedef int (*ApiDrvCloseFunc)(virConnectPtr conn);

/* The generated structs: struct _ApiHypervisorDriver { const char *name;
 * ApiDrvOpenFunc open; ApiDrvCloseFunc close; <one member per public
 * function> }, and so on for every family; struct _ApiStreamDriver has
 * only name and the stream members. */
#include "api/driver-ops.h"

/* One connection driver: what virConnectOpen tries in order. */
struct _ApiDriverRegistration {
    const char *name;                       /* "Test", "remote" (logs, errors) */
    /* URI schemes the driver answers (NULL-terminated, matched against the
     * driver part of "driver+transport"); NULL = any URI, including the
     * probe (no URI). */
    const char *const *schemes;
    bool local_only;                        /* decline URIs naming a server */
    /* The hypervisor driver takes VIR_TYPED_PARAM_STRING_OKAY (libvirt's
     * VIR_DRV_FEATURE_TYPED_PARAM_STRING): the entry points of the calls
     * marked "stringokay" in api/api-rules.txt then add it to the flags,
     * as libvirt's do. */
    bool typed_param_string;
    const ApiHypervisorDriver *hypervisor;  /* required */
    /* Secondary families; NULL = the family is not supported on this
     * connection (entry points report VIR_ERR_NO_SUPPORT). */
    const ApiNetworkDriver *network;
    const ApiStorageDriver *storage;
    const ApiNodeDeviceDriver *nodedev;
    const ApiSecretDriver *secret;
    const ApiInterfaceDriver *iface;
    const ApiNWFilterDriver *nwfilter;
};

/* The registrations compiled into libvirt.so, in the order they are tried
 * (api/drivers.c, list configured by api/meson.build). */
extern const ApiDriverRegistration api_remote_registration;
extern const ApiDriverRegistration api_test_registration;   /* api/test/, when built */

/* NULL-terminated, in open order. */
const ApiDriverRegistration *const *api_driver_registrations(void);
/* Bind @conn to the first registration claiming @uri (api/drivers.c).
 * Return: 0, or -1 with an error reported. */
int api_connect_open_drivers(virConnectPtr conn, ApiUri *uri, const char *uristr,
                             virConnectAuthPtr auth, unsigned int flags);

/* ---- helpers for drivers ---- */

/* The state a family's open hook stored (conn->priv[cls]). */
static inline void *
api_conn_priv(virConnectPtr conn, ApiDriverClass cls)
{
    return conn->priv[cls];
}

/* Bind the application's stream @st (virStreamNew) to @driver with @priv
 * (released with @priv_free when the handle goes): what a driver does in
 * the calls that take a stream (storageVolUpload, domainOpenConsole, ...).
 * virStreamSend/Recv/... then reach @driver's members. */
void api_stream_attach(virStreamPtr st, const ApiStreamDriver *driver, void *priv,
                       GDestroyNotify priv_free);

/* Stream event callbacks (api/stream-events.c), for stream drivers: a
 * callback runs from the application's event loop while @ready(st) (NULL:
 * always READABLE|WRITABLE) has an event it asked for, ERROR or HANGUP;
 * api_stream_watch_kick() (any thread) says readiness may have changed. The
 * watch keeps a reference on the stream until it is removed. */
typedef int (*ApiStreamReadyFunc)(virStreamPtr st);
int api_stream_watch_add(virStreamPtr st, int events, virStreamEventCallback cb, void *opaque,
                         virFreeCallback ff, ApiStreamReadyFunc ready);
int api_stream_watch_update(virStreamPtr st, int events);
int api_stream_watch_remove(virStreamPtr st);
void api_stream_watch_kick(virStreamPtr st);

/* streamEventAddCallback for a stream driver whose data is always at hand
 * (never -2): api_stream_watch_add() with no readiness function. Such a
 * driver uses api_stream_watch_update/remove for the other two members. */
int api_stream_ready_add_callback(virStreamPtr st, int events, virStreamEventCallback cb,
                                  void *opaque, virFreeCallback ff);
