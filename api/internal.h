/* api/internal.h: what the public entry points of libvirt.so share: the
 * layout of every public object, the argument checks libvirt performs
 * client-side, and the error dispatch done when an entry point fails.
 * Nothing here talks to a daemon (see api/remote/remote.h for that). */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include <glib.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

/* Public functions of libvirt.so (everything else is hidden). */
#define VIR_EXPORT __attribute__((visibility("default")))

typedef struct _ApiUri ApiUri;
typedef struct _ApiEventState ApiEventState;
typedef struct _ApiHypervisorDriver ApiHypervisorDriver;
typedef struct ApiStreamWatch ApiStreamWatch;
typedef struct _ApiNetworkDriver ApiNetworkDriver;
typedef struct _ApiStorageDriver ApiStorageDriver;
typedef struct _ApiNodeDeviceDriver ApiNodeDeviceDriver;
typedef struct _ApiSecretDriver ApiSecretDriver;
typedef struct _ApiInterfaceDriver ApiInterfaceDriver;
typedef struct _ApiNWFilterDriver ApiNWFilterDriver;
typedef struct _ApiStreamDriver ApiStreamDriver;
typedef struct _ApiDriverRegistration ApiDriverRegistration;

typedef enum {
    API_OBJ_CONNECT,
    API_OBJ_DOMAIN,
    API_OBJ_NETWORK,
    API_OBJ_NETWORK_PORT,
    API_OBJ_INTERFACE,
    API_OBJ_STORAGE_POOL,
    API_OBJ_STORAGE_VOL,
    API_OBJ_NODE_DEVICE,
    API_OBJ_SECRET,
    API_OBJ_NWFILTER,
    API_OBJ_NWFILTER_BINDING,
    API_OBJ_STREAM,
    API_OBJ_DOMAIN_SNAPSHOT,
    API_OBJ_DOMAIN_CHECKPOINT,
    API_OBJ_LAST
} ApiObjKind;

/* Header of every public object. @magic is API_OBJ_MAGIC + kind while the
 * object lives and is scrubbed on dispose, so stale or foreign pointers
 * are (usually) caught by the checks below, as libvirt does. */
typedef struct {
    uint32_t magic;
    ApiObjKind kind;
    gint refs;                 /* atomic */
} ApiObject;

#define API_OBJ_MAGIC 0x6d760000u

/* The driver class owning an API family: the index of conn->priv, and the
 * key of the remote driver's routing table (DESIGN.md §3, sockets.md §3). */
typedef enum {
    API_DRV_HYPERVISOR,
    API_DRV_NETWORK,
    API_DRV_STORAGE,
    API_DRV_NODEDEV,
    API_DRV_SECRET,
    API_DRV_INTERFACE,
    API_DRV_NWFILTER,
    API_DRV_LAST
} ApiDriverClass;

typedef struct {
    virConnectCloseFunc cb;
    void *opaque;
    virFreeCallback freecb;
} ApiCloseCallback;

struct _virConnect {
    ApiObject obj;
    GMutex lock;
    unsigned int flags;              /* VIR_CONNECT_RO or 0 */
    ApiUri *uri;                     /* URI the connection answers to */
    virError err;                    /* copy of the last error (virConnGetLastError) */
    virErrorFunc handler;            /* per-connection error handler */
    void *handler_data;
    ApiCloseCallback close_cb;       /* under @lock */
    ApiEventState *events;           /* event callbacks and queue */
    const ApiDriverRegistration *registration;   /* the driver that opened it */
    /* Drivers serving each family (api/driver.h); set while opening, fixed
     * afterwards. NULL: the family is not supported on this connection. */
    const ApiHypervisorDriver *hypervisor_driver;
    const ApiNetworkDriver *network_driver;
    const ApiStorageDriver *storage_driver;
    const ApiNodeDeviceDriver *nodedev_driver;
    const ApiSecretDriver *secret_driver;
    const ApiInterfaceDriver *interface_driver;
    const ApiNWFilterDriver *nwfilter_driver;
    void *priv[API_DRV_LAST];        /* per-family driver state, by ApiDriverClass */
    const void *open_conf;           /* ApiClientConf, only during the open hooks */
};

struct _virDomain {
    ApiObject obj;
    virConnectPtr conn;
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
    int id;
};

struct _virNetwork {
    ApiObject obj;
    virConnectPtr conn;
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
};

struct _virNetworkPort {
    ApiObject obj;
    virNetworkPtr net;
    unsigned char uuid[VIR_UUID_BUFLEN];
};

struct _virInterface {
    ApiObject obj;
    virConnectPtr conn;
    char *name;
    char *mac;
};

struct _virStoragePool {
    ApiObject obj;
    virConnectPtr conn;
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
};

struct _virStorageVol {
    ApiObject obj;
    virConnectPtr conn;
    char *pool;
    char *name;
    char *key;
};

struct _virNodeDevice {
    ApiObject obj;
    virConnectPtr conn;
    char *name;
    char *parent_name;
};

struct _virSecret {
    ApiObject obj;
    virConnectPtr conn;
    unsigned char uuid[VIR_UUID_BUFLEN];
    int usage_type;
    char *usage_id;
};

struct _virNWFilter {
    ApiObject obj;
    virConnectPtr conn;
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
};

struct _virNWFilterBinding {
    ApiObject obj;
    virConnectPtr conn;
    char *portdev;
    char *filtername;
};

struct _virStream {
    ApiObject obj;
    virConnectPtr conn;
    unsigned int flags;              /* virStreamFlags */
    /* Set by the driver call that binds the stream (upload, console, ...):
     * api_stream_attach(). NULL until then (data calls: NO_SUPPORT). */
    const ApiStreamDriver *driver;
    void *priv;                      /* owned by the stream driver */
    GDestroyNotify priv_free;
    ApiStreamWatch *watch;           /* api/stream-events.c; NULL = none */
};

struct _virDomainSnapshot {
    ApiObject obj;
    virDomainPtr domain;
    char *name;
};

struct _virDomainCheckpoint {
    ApiObject obj;
    virDomainPtr domain;
    char *name;
};

/* ---- objects (api/object.c) ---- */

bool api_object_is(const void *obj, ApiObjKind kind);
void *api_object_ref(void *obj);
/* Reference a possibly disposing object: NULL once its count reached 0. */
void *api_object_try_ref(void *obj);
/* Drop a reference; returns true when this released the object. */
bool api_object_unref(void *obj);

virConnectPtr api_connect_new(void);
virDomainPtr api_domain_new(virConnectPtr conn, const char *name,
                            const unsigned char *uuid, int id);
virNetworkPtr api_network_new(virConnectPtr conn, const char *name,
                              const unsigned char *uuid);
virNetworkPortPtr api_network_port_new(virNetworkPtr net, const unsigned char *uuid);
virInterfacePtr api_interface_new(virConnectPtr conn, const char *name, const char *mac);
virStoragePoolPtr api_storage_pool_new(virConnectPtr conn, const char *name,
                                       const unsigned char *uuid);
virStorageVolPtr api_storage_vol_new(virConnectPtr conn, const char *pool,
                                     const char *name, const char *key);
virNodeDevicePtr api_node_device_new(virConnectPtr conn, const char *name);
virSecretPtr api_secret_new(virConnectPtr conn, const unsigned char *uuid,
                            int usage_type, const char *usage_id);
virNWFilterPtr api_nwfilter_new(virConnectPtr conn, const char *name,
                                const unsigned char *uuid);
virNWFilterBindingPtr api_nwfilter_binding_new(virConnectPtr conn, const char *portdev,
                                               const char *filtername);
virStreamPtr api_stream_new(virConnectPtr conn, unsigned int flags);
/* Close the drivers of @conn (dispose, or a failed open). */
void api_connect_close_drivers(virConnectPtr conn);
virDomainSnapshotPtr api_domain_snapshot_new(virDomainPtr domain, const char *name);
virDomainCheckpointPtr api_domain_checkpoint_new(virDomainPtr domain, const char *name);

/* ---- errors and argument checks (api/error.c) ---- */

/* virResetLastError() for entry points. */
void api_reset_error(void);
/* Final step of a failing entry point: make sure an error is set, copy it
 * to @conn (may be NULL) and run the error handler (connection handler,
 * else global handler, else virDefaultErrorFunc). */
void api_dispatch_error(virConnectPtr conn);

/* Argument errors in libvirt's wording: bare message, str1 = function,
 * str2 = argument name, no per-code prefix. */
void api_report_invalid_arg_full(int domain, const char *func, const char *arg,
                                 const char *fmt, ...) G_GNUC_PRINTF(4, 5);
#define api_report_invalid_arg(domain, arg, ...) \
    api_report_invalid_arg_full((domain), __func__, (arg), __VA_ARGS__)

/* Each returns true when the check passes; otherwise it has reported the
 * error (INVALID_CONN / INVALID_<OBJECT> / INVALID_ARG / OPERATION_DENIED)
 * and the caller must api_dispatch_error() (with NULL when the object
 * itself was invalid). @func is the public function name in the message.
 * An object is valid when it and the objects it hangs off (domain of a
 * snapshot, network of a port, connection) are live. */
bool api_check_connect(virConnectPtr conn, int domain, const char *func);
bool api_check_domain(virDomainPtr dom, int domain, const char *func);
bool api_check_network(virNetworkPtr net, int domain, const char *func);
bool api_check_network_port(virNetworkPortPtr port, int domain, const char *func);
bool api_check_interface(virInterfacePtr iface, int domain, const char *func);
bool api_check_storage_pool(virStoragePoolPtr pool, int domain, const char *func);
bool api_check_storage_vol(virStorageVolPtr vol, int domain, const char *func);
bool api_check_node_device(virNodeDevicePtr dev, int domain, const char *func);
bool api_check_secret(virSecretPtr secret, const char *func);
bool api_check_secret_full(virSecretPtr secret, int domain, const char *func);
bool api_check_nwfilter(virNWFilterPtr nwfilter, int domain, const char *func);
bool api_check_nwfilter_binding(virNWFilterBindingPtr binding, int domain, const char *func);
bool api_check_stream(virStreamPtr st, int domain, const char *func);
bool api_check_domain_snapshot(virDomainSnapshotPtr snap, int domain, const char *func);
bool api_check_domain_checkpoint(virDomainCheckpointPtr cp, int domain, const char *func);
bool api_check_writable(virConnectPtr conn, int domain, const char *func);
bool api_check_nonnull(const void *value, int domain, const char *func, const char *arg);
bool api_check_null(const void *value, int domain, const char *func, const char *arg);
bool api_check_nonnegative(long long value, int domain, const char *func, const char *arg);
bool api_check_positive(long long value, int domain, const char *func, const char *arg);
bool api_check_nonzero(long long value, int domain, const char *func, const char *arg);
bool api_check_nonempty(const char *value, int domain, const char *func, const char *arg);
bool api_check_minus_one(long long value, int domain, const char *func, const char *arg);
bool api_check_socket_fd(int fd, int domain, const char *func, const char *arg);
/* @array may be NULL only when @len is 0 (virCheckNonNullArrayArg). */
bool api_check_array(const void *array, long long len, int domain, const char *func,
                     const char *arg);
/* Flags @a and @b may not be given together (VIR_EXCLUSIVE_FLAGS). */
bool api_check_exclusive(unsigned int flags, unsigned int a, const char *aname,
                         unsigned int b, const char *bname, int domain, const char *func);
/* @flag requires @other (VIR_REQUIRE_FLAG). */
bool api_check_requires(unsigned int flags, unsigned int flag, const char *flagname,
                        unsigned int other, const char *othername, int domain,
                        const char *func);
/* Read-only connections may not pass @flag (e.g. VIR_DOMAIN_XML_SECURE):
 * VIR_ERR_OPERATION_DENIED "... prevents <func> with <what>". */
bool api_check_writable_flag(virConnectPtr conn, unsigned int flags, unsigned int flag,
                             const char *what, int domain, const char *func);
/* @path made absolute against the working directory (a copy), or NULL
 * with VIR_ERR_INTERNAL_ERROR reported: paths go to a daemon that has its
 * own working directory. */
char *api_absolute_path(const char *path, int domain, const char *func);
/* @obj must belong to @conn (VIR_ERR_INVALID_ARG). */
bool api_check_same_conn(virConnectPtr conn, virConnectPtr other, int domain,
                         const char *func, const char *arg);

/* VIR_ERR_NO_SUPPORT naming @func, as virReportUnsupportedError(). */
void api_report_unsupported(int domain, const char *func);

/* ---- library-wide (api/connect.c, api/event.c) ---- */

int api_initialize(void);
/* Whether an event loop implementation is registered (handshake.md §1). */
bool api_event_have_impl(void);
