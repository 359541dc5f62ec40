/* api/remote/remote.h: the remote driver of libvirt.so: connections to the
 * daemons (handshake, session autostart, keepalive, close callbacks),
 * routing of each API family to the daemon that owns it, and the calls
 * themselves, as the ops tables of api/driver.h.
 *
 * The ops of regular procedures are generated (api/remote/gen-remote.py ->
 * remote-ops.c, which also holds the tables remote_*_driver); the ones
 * api/api-rules.txt marks "remote:hand" are written by hand, named
 * remote_op_<ops member in snake case> and declared below. Like every op they report on
 * failure and never dispatch. */
#pragma once

#include <stdbool.h>
#include <glib.h>

#include "api/driver.h"
#include "api/uri.h"
#include "common/rpc/client.h"
#include "remote_protocol.h"

/* One connection to one daemon. */
typedef struct {
    RpcClient *client;
    char *sock_path;
    ApiDriverClass cls;          /* what it was opened for */
    virConnectPtr owner;         /* weak: the owner closes us before it goes */
    bool primary;
    bool server_keepalive;       /* SUPPORTS_FEATURE(PROGRAM_KEEPALIVE) */
    bool server_event_filter;    /* SUPPORTS_FEATURE(REMOTE_EVENT_CALLBACK) */
    bool server_close_cb;        /* SUPPORTS_FEATURE(REMOTE_CLOSE_CALLBACK) */
    gint closing;                /* we are closing it: no close callback */
    GMutex lock;
    char *type;                  /* cached CONNECT_GET_TYPE answer */
} RemoteConn;

/* Everything the remote driver keeps per virConnect (conn->priv[] of every
 * family points to the same state). */
typedef struct _RemoteState RemoteState;
struct _RemoteState {
    GMutex lock;
    RemoteConn *primary;
    RemoteConn *secondary[API_DRV_LAST];
    bool use_primary[API_DRV_LAST];   /* decided: that family goes to primary */
    ApiDriverClass primary_class;
    bool route_secondary;        /* secondary families may get own sockets */
    bool session;
    bool autostart;
    bool readonly;
    int ka_interval;             /* last virConnectSetKeepAlive (0: none) */
    unsigned int ka_count;
};

static inline RemoteState *
remote_state(virConnectPtr conn)
{
    return conn->priv[API_DRV_HYPERVISOR];
}

/* The generated ops tables (remote-ops.c). */
extern const ApiHypervisorDriver remote_hypervisor_driver;
extern const ApiNetworkDriver remote_network_driver;
extern const ApiStorageDriver remote_storage_driver;
extern const ApiNodeDeviceDriver remote_nodedev_driver;
extern const ApiSecretDriver remote_secret_driver;
extern const ApiInterfaceDriver remote_interface_driver;
extern const ApiNWFilterDriver remote_nwfilter_driver;

/* ---- connections (api/remote/conn.c) ---- */

/* Open hook: the primary daemon connection of @conn for @uri (NULL:
 * probe); sets conn->uri when the daemon had to tell us (GET_URI).
 * Return: an ApiOpenResult. */
int remote_open_hook(virConnectPtr conn, ApiUri *uri, virConnectAuthPtr auth,
                     unsigned int flags);
/* Close hook: every daemon connection of @conn. */
int remote_close_hook(virConnectPtr conn);
/* The daemon connection serving @cls, opened on first use.
 * Return: the connection, or NULL (reported). */
RemoteConn *remote_route(virConnectPtr conn, ApiDriverClass cls);
/* The driver class a URI scheme names ("secret" → API_DRV_SECRET,
 * anything that is not a secondary driver → API_DRV_HYPERVISOR). */
ApiDriverClass remote_driver_class(const char *driver);
/* Name of a secondary driver class as a URI scheme ("secret"), NULL for
 * the hypervisor class. */
const char *remote_driver_scheme(ApiDriverClass cls);

/* ---- connecting a socket (api/remote/spawn.c) ---- */

/* Connect to @path. With @daemon_path, a missing or refusing socket makes
 * us start that daemon (session autostart, sockets.md §4) and retry for up
 * to ~5 s; without it, fail at once.
 * Return: the client, or NULL with an error naming @path. */
RpcClient *remote_connect_socket(const char *path, const char *daemon_path);

/* ---- connection-level calls (api/remote/host.c) ---- */

const char *remote_op_connect_get_type(virConnectPtr conn);
int remote_op_connect_get_version(virConnectPtr conn, unsigned long *ret);
int remote_op_connect_get_lib_version(virConnectPtr conn, unsigned long *ret);
char *remote_op_connect_get_hostname(virConnectPtr conn);
int remote_op_connect_is_alive(virConnectPtr conn);
int remote_op_connect_is_secure(virConnectPtr conn);
int remote_op_connect_is_encrypted(virConnectPtr conn);
int remote_op_connect_set_keep_alive(virConnectPtr conn, int interval, unsigned int count);
int remote_op_connect_register_close_callback(virConnectPtr conn, virConnectCloseFunc cb,
                                           void *opaque, virFreeCallback freecb);
int remote_op_connect_unregister_close_callback(virConnectPtr conn, virConnectCloseFunc cb);
/* Run the application's close callback once, for @reason. */
void remote_fire_close_callback(virConnectPtr conn, int reason);

/* ---- irregular calls (api/remote/secret.c, api/remote/misc.c) ---- */

int remote_op_secret_set_value(virSecretPtr secret, const unsigned char *value, size_t size,
                            unsigned int flags);
unsigned char *remote_op_secret_get_value(virSecretPtr secret, size_t *size, unsigned int flags);
const char *remote_op_node_device_get_parent(virNodeDevicePtr dev);
int remote_op_connect_get_all_domain_stats(virConnectPtr conn, unsigned int stats,
                                        virDomainStatsRecordPtr **retStats, unsigned int flags);
int remote_op_domain_create(virDomainPtr domain);
int remote_op_domain_list_get_stats(virDomainPtr *doms, unsigned int stats,
                                 virDomainStatsRecordPtr **retStats, unsigned int flags);

/* ---- lists of structs, fixed buffers (api/remote/irregular.c) ---- */

int remote_op_node_get_security_model(virConnectPtr conn, virSecurityModelPtr secmodel);
int remote_op_domain_get_security_label(virDomainPtr domain, virSecurityLabelPtr seclabel);
int remote_op_domain_memory_stats(virDomainPtr dom, virDomainMemoryStatPtr stats,
                               unsigned int nr_stats, unsigned int flags);
int remote_op_node_get_cpu_stats(virConnectPtr conn, int cpuNum, virNodeCPUStatsPtr params,
                              int *nparams, unsigned int flags);
int remote_op_node_get_memory_stats(virConnectPtr conn, int cellNum, virNodeMemoryStatsPtr params,
                                 int *nparams, unsigned int flags);
int remote_op_domain_get_vcpus(virDomainPtr domain, virVcpuInfoPtr info, int maxinfo,
                            unsigned char *cpumaps, int maplen);
int remote_op_domain_interface_addresses(virDomainPtr dom, virDomainInterfacePtr **ifaces,
                                      unsigned int source, unsigned int flags);
int remote_op_network_get_dhcp_leases(virNetworkPtr network, const char *mac,
                                   virNetworkDHCPLeasePtr **leases, unsigned int flags);
int remote_op_node_get_cpu_map(virConnectPtr conn, unsigned char **cpumap, unsigned int *online,
                               unsigned int flags);
int remote_op_connect_get_cpu_model_names(virConnectPtr conn, const char *arch, char ***models,
                                       unsigned int flags);

/* ---- events (api/remote/events.c) ---- */

int remote_op_connect_domain_event_register(virConnectPtr conn, virConnectDomainEventCallback cb,
                                         void *opaque, virFreeCallback freecb);
int remote_op_connect_domain_event_deregister(virConnectPtr conn,
                                           virConnectDomainEventCallback cb);
int remote_op_connect_domain_event_register_any(virConnectPtr conn, virDomainPtr dom,
                                             int eventID,
                                             virConnectDomainEventGenericCallback cb,
                                             void *opaque, virFreeCallback freecb);
int remote_op_connect_domain_event_deregister_any(virConnectPtr conn, int callbackID);
int remote_op_connect_network_event_register_any(virConnectPtr conn, virNetworkPtr net,
                                              int eventID,
                                              virConnectNetworkEventGenericCallback cb,
                                              void *opaque, virFreeCallback freecb);
int remote_op_connect_network_event_deregister_any(virConnectPtr conn, int callbackID);
int remote_op_connect_storage_pool_event_register_any(virConnectPtr conn, virStoragePoolPtr pool,
                                                   int eventID,
                                                   virConnectStoragePoolEventGenericCallback cb,
                                                   void *opaque, virFreeCallback freecb);
int remote_op_connect_storage_pool_event_deregister_any(virConnectPtr conn, int callbackID);
int remote_op_connect_node_device_event_register_any(virConnectPtr conn, virNodeDevicePtr dev,
                                                  int eventID,
                                                  virConnectNodeDeviceEventGenericCallback cb,
                                                  void *opaque, virFreeCallback freecb);
int remote_op_connect_node_device_event_deregister_any(virConnectPtr conn, int callbackID);
int remote_op_connect_secret_event_register_any(virConnectPtr conn, virSecretPtr secret,
                                             int eventID,
                                             virConnectSecretEventGenericCallback cb,
                                             void *opaque, virFreeCallback freecb);
int remote_op_connect_secret_event_deregister_any(virConnectPtr conn, int callbackID);

/* ---- list replies (api/remote/domain-lists.c) ---- */

int remote_op_domain_get_cpu_stats(virDomainPtr domain, virTypedParameterPtr params,
                                   unsigned int nparams, int start_cpu, unsigned int ncpus,
                                   unsigned int flags);
int remote_op_domain_get_disk_errors(virDomainPtr dom, virDomainDiskErrorPtr errors,
                                     unsigned int maxerrors, unsigned int flags);
int remote_op_domain_get_emulator_pin_info(virDomainPtr domain, unsigned char *cpumap,
                                           int maplen, unsigned int flags);
int remote_op_domain_get_vcpu_pin_info(virDomainPtr domain, int ncpumaps,
                                       unsigned char *cpumaps, int maplen, unsigned int flags);
int remote_op_domain_get_fs_info(virDomainPtr dom, virDomainFSInfoPtr **info,
                                unsigned int flags);
int remote_op_domain_get_io_thread_info(virDomainPtr domain, virDomainIOThreadInfoPtr **info,
                                       unsigned int flags);
int remote_op_domain_memory_peek(virDomainPtr dom, unsigned long long start, size_t size,
                                 void *buffer, unsigned int flags);
int remote_op_domain_block_peek(virDomainPtr dom, const char *disk, unsigned long long offset,
                                size_t size, void *buffer, unsigned int flags);
int remote_op_domain_get_messages(virDomainPtr domain, char ***msgs, unsigned int flags);
int remote_op_domain_authorized_ssh_keys_get(virDomainPtr domain, const char *user,
                                             char ***keys, unsigned int flags);
int remote_op_domain_get_security_label_list(virDomainPtr domain,
                                             virSecurityLabelPtr *seclabels);
int remote_op_node_get_free_pages(virConnectPtr conn, unsigned int npages, unsigned int *pages,
                                  int startCell, unsigned int cellCount,
                                  unsigned long long *counts, unsigned int flags);
int remote_op_node_alloc_pages(virConnectPtr conn, unsigned int npages,
                               unsigned int *pageSizes, unsigned long long *pageCounts,
                               int startCell, unsigned int cellCount, unsigned int flags);

/* ---- file descriptor passing (api/remote/fds.c) ---- */

int remote_op_domain_create_with_files(virDomainPtr domain, unsigned int nfiles, int *files,
                                       unsigned int flags);
virDomainPtr remote_op_domain_create_xml_with_files(virConnectPtr conn, const char *xmlDesc,
                                                    unsigned int nfiles, int *files,
                                                    unsigned int flags);
int remote_op_domain_fd_associate(virDomainPtr domain, const char *name, unsigned int nfds,
                                  int *fds, unsigned int flags);
int remote_op_domain_open_graphics(virDomainPtr dom, unsigned int idx, int fd,
                                   unsigned int flags);
int remote_op_domain_open_graphics_fd(virDomainPtr dom, unsigned int idx, unsigned int flags);

/* ---- calls that open a stream (api/remote/stream.c) ---- */

int remote_op_storage_vol_upload(virStorageVolPtr vol, virStreamPtr stream,
                                 unsigned long long offset, unsigned long long length,
                                 unsigned int flags);
int remote_op_storage_vol_download(virStorageVolPtr vol, virStreamPtr stream,
                                   unsigned long long offset, unsigned long long length,
                                   unsigned int flags);
int remote_op_domain_open_console(virDomainPtr dom, const char *dev_name, virStreamPtr st,
                                  unsigned int flags);
int remote_op_domain_open_channel(virDomainPtr dom, const char *name, virStreamPtr st,
                                  unsigned int flags);
char *remote_op_domain_screenshot(virDomainPtr domain, virStreamPtr stream,
                                  unsigned int screen, unsigned int flags);
/* An event message received on @rc (RPC I/O thread). Return: false when
 * @proc is no event of a known family. */
bool remote_event_dispatch(RemoteConn *rc, int proc, void *msg);

/* ---- wire conversions (api/remote/wire.c) ---- */

/* Object <-> reference. The _to_wire forms borrow the object's strings. */
void remote_domain_to_wire(virDomainPtr obj, remote_nonnull_domain *out);
void remote_network_to_wire(virNetworkPtr obj, remote_nonnull_network *out);
void remote_network_port_to_wire(virNetworkPortPtr obj, remote_nonnull_network_port *out);
void remote_interface_to_wire(virInterfacePtr obj, remote_nonnull_interface *out);
void remote_storage_pool_to_wire(virStoragePoolPtr obj, remote_nonnull_storage_pool *out);
void remote_storage_vol_to_wire(virStorageVolPtr obj, remote_nonnull_storage_vol *out);
void remote_node_device_to_wire(virNodeDevicePtr obj, remote_nonnull_node_device *out);
void remote_secret_to_wire(virSecretPtr obj, remote_nonnull_secret *out);
void remote_nwfilter_to_wire(virNWFilterPtr obj, remote_nonnull_nwfilter *out);
void remote_nwfilter_binding_to_wire(virNWFilterBindingPtr obj,
                                     remote_nonnull_nwfilter_binding *out);
void remote_domain_snapshot_to_wire(virDomainSnapshotPtr obj,
                                    remote_nonnull_domain_snapshot *out);
void remote_domain_checkpoint_to_wire(virDomainCheckpointPtr obj,
                                      remote_nonnull_domain_checkpoint *out);

virDomainPtr remote_domain_from_wire(virConnectPtr conn, const remote_nonnull_domain *in);
virNetworkPtr remote_network_from_wire(virConnectPtr conn, const remote_nonnull_network *in);
virNetworkPortPtr remote_network_port_from_wire(virConnectPtr conn,
                                                const remote_nonnull_network_port *in);
virInterfacePtr remote_interface_from_wire(virConnectPtr conn,
                                           const remote_nonnull_interface *in);
virStoragePoolPtr remote_storage_pool_from_wire(virConnectPtr conn,
                                                const remote_nonnull_storage_pool *in);
virStorageVolPtr remote_storage_vol_from_wire(virConnectPtr conn,
                                              const remote_nonnull_storage_vol *in);
virNodeDevicePtr remote_node_device_from_wire(virConnectPtr conn,
                                              const remote_nonnull_node_device *in);
virSecretPtr remote_secret_from_wire(virConnectPtr conn, const remote_nonnull_secret *in);
virNWFilterPtr remote_nwfilter_from_wire(virConnectPtr conn, const remote_nonnull_nwfilter *in);
virNWFilterBindingPtr remote_nwfilter_binding_from_wire(virConnectPtr conn,
                                                        const remote_nonnull_nwfilter_binding *in);
virDomainSnapshotPtr remote_domain_snapshot_from_wire(virConnectPtr conn,
                                                      const remote_nonnull_domain_snapshot *in);
virDomainCheckpointPtr remote_domain_checkpoint_from_wire(virConnectPtr conn,
                                                          const remote_nonnull_domain_checkpoint *in);

/* Typed parameters. _to_wire borrows the strings of @params (free the
 * array only, with g_free). _from_wire into a caller array of @limit
 * entries (fails when more arrived), or allocated (_from_wire_alloc).
 * @max is the procedure's list limit. Return 0 or -1 (reported). */
int remote_params_to_wire(virTypedParameterPtr params, int nparams, int max,
                          remote_typed_param **ret_val, u_int *ret_len);
int remote_params_from_wire(const remote_typed_param *val, u_int len, int limit,
                            virTypedParameterPtr params, int *ret_nparams);
int remote_params_from_wire_alloc(const remote_typed_param *val, u_int len, int max,
                                  virTypedParameterPtr *ret_params, int *ret_nparams);

/* Strings of a name list reply into a caller array of @max entries.
 * Return: how many, or -1 (reported) when more than @max arrived. */
int remote_strings_copy(char **const names, int max, char **val, u_int len);
