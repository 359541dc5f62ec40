/* api/test/test-ops.h: the hypervisor-family entry points of the test
 * driver, one per member of ApiHypervisorDriver it fills (api/driver.h),
 * each with exactly the public function's signature. Grouped by the file
 * defining them; test-hypervisor.c puts them in the ops table. */
#pragma once

#include "api/test/test-priv.h"

/* libvirt's virCheckFlags(): refuse flags outside @allowed with its bare
 * invalid-argument message, naming the function as libvirt's test driver
 * does (@fname). */
#define TEST_CHECK_FLAGS(flags, allowed, retval, fname) \
    do { \
        unsigned int bad_ = (unsigned int) (flags) & ~(unsigned int) (allowed); \
        if (bad_) { \
            api_report_invalid_arg_full(VIR_FROM_TEST, (fname), "flags", \
                                        "unsupported flags (0x%x) in function %s", \
                                        bad_, (fname)); \
            return retval; \
        } \
    } while (0)

/* Open and close hooks (test-driver.c). */
int test_connect_open(virConnectPtr conn, ApiUri *uri, virConnectAuthPtr auth,
                      unsigned int flags);
int test_connect_close(virConnectPtr conn);

/* A GDestroyNotify dropping a public object reference. */
void test_unref_notify(gpointer obj);
/* Handles of the domains of @s passing VIR_CONNECT_LIST_DOMAINS_* @flags
 * (test-domain.c). Caller holds @s->lock and unrefs the handles. */
GPtrArray *test_domains_select(TestState *s, virConnectPtr conn, unsigned int flags);

/* test-driver.c */
const char *test_connect_get_type(virConnectPtr conn);
int test_connect_get_version(virConnectPtr conn, unsigned long *hvVer);
int test_connect_get_lib_version(virConnectPtr conn, unsigned long *libVer);
char *test_connect_get_hostname(virConnectPtr conn);
int test_connect_is_secure(virConnectPtr conn);
int test_connect_is_encrypted(virConnectPtr conn);
int test_connect_is_alive(virConnectPtr conn);
int test_connect_domain_event_register(virConnectPtr conn, virConnectDomainEventCallback cb,
                                       void *opaque, virFreeCallback freecb);
int test_connect_domain_event_deregister(virConnectPtr conn, virConnectDomainEventCallback cb);
int test_connect_domain_event_register_any(virConnectPtr conn, virDomainPtr dom, int eventID,
                                           virConnectDomainEventGenericCallback cb, void *opaque,
                                           virFreeCallback freecb);
int test_connect_domain_event_deregister_any(virConnectPtr conn, int callbackID);
int test_connect_register_close_callback(virConnectPtr conn, virConnectCloseFunc cb, void *opaque,
                                         virFreeCallback freecb);
int test_connect_unregister_close_callback(virConnectPtr conn, virConnectCloseFunc cb);

/* test-host.c */
int test_node_get_info(virConnectPtr conn, virNodeInfoPtr info);
char *test_connect_get_capabilities(virConnectPtr conn);
int test_connect_get_max_vcpus(virConnectPtr conn, const char *type);
int test_node_get_cells_free_memory(virConnectPtr conn, unsigned long long *freeMems, int startCell,
                                    int maxCells);
unsigned long long test_node_get_free_memory(virConnectPtr conn);
int test_node_get_cpu_stats(virConnectPtr conn, int cpuNum, virNodeCPUStatsPtr params, int *nparams,
                            unsigned int flags);
int test_node_get_free_pages(virConnectPtr conn, unsigned int npages, unsigned int *pages,
                             int startCell, unsigned int cellCount, unsigned long long *counts,
                             unsigned int flags);
int test_node_get_cpu_map(virConnectPtr conn, unsigned char **cpumap, unsigned int *online,
                          unsigned int flags);
char *test_connect_get_sysinfo(virConnectPtr conn, unsigned int flags);
int test_node_get_security_model(virConnectPtr conn, virSecurityModelPtr secmodel);
int test_connect_get_cpu_model_names(virConnectPtr conn, const char *arch, char ***models,
                                     unsigned int flags);
char *test_connect_baseline_cpu(virConnectPtr conn, const char **xmlCPUs, unsigned int ncpus,
                                unsigned int flags);

/* test-domain.c */
virDomainPtr test_domain_lookup_by_id(virConnectPtr conn, int id);
virDomainPtr test_domain_lookup_by_uuid(virConnectPtr conn, const unsigned char *uuid);
virDomainPtr test_domain_lookup_by_name(virConnectPtr conn, const char *name);
int test_connect_num_of_domains(virConnectPtr conn);
int test_connect_list_domains(virConnectPtr conn, int *ids, int maxids);
int test_connect_num_of_defined_domains(virConnectPtr conn);
int test_connect_list_defined_domains(virConnectPtr conn, char **const names, int maxnames);
int test_connect_list_all_domains(virConnectPtr conn, virDomainPtr **domains, unsigned int flags);
int test_domain_is_active_op(virDomainPtr dom);
int test_domain_is_persistent(virDomainPtr dom);
int test_domain_is_updated(virDomainPtr dom);

/* test-domain-life.c */
virDomainPtr test_domain_create_xml(virConnectPtr conn, const char *xmlDesc, unsigned int flags);
virDomainPtr test_domain_create_xml_with_files(virConnectPtr conn, const char *xmlDesc,
                                               unsigned int nfiles, int *files,
                                               unsigned int flags);
virDomainPtr test_domain_define_xml(virConnectPtr conn, const char *xml);
virDomainPtr test_domain_define_xml_flags(virConnectPtr conn, const char *xml, unsigned int flags);
int test_domain_undefine(virDomainPtr domain);
int test_domain_undefine_flags(virDomainPtr domain, unsigned int flags);
int test_domain_create(virDomainPtr domain);
int test_domain_create_with_flags(virDomainPtr domain, unsigned int flags);
int test_domain_create_with_files(virDomainPtr domain, unsigned int nfiles, int *files,
                                  unsigned int flags);
int test_domain_destroy(virDomainPtr domain);
int test_domain_destroy_flags(virDomainPtr domain, unsigned int flags);
int test_domain_shutdown(virDomainPtr domain);
int test_domain_shutdown_flags(virDomainPtr domain, unsigned int flags);
int test_domain_reboot(virDomainPtr domain, unsigned int flags);
int test_domain_reset(virDomainPtr domain, unsigned int flags);
int test_domain_suspend(virDomainPtr domain);
int test_domain_resume(virDomainPtr domain);
int test_domain_save(virDomainPtr domain, const char *to);
int test_domain_save_flags(virDomainPtr domain, const char *to, const char *dxml,
                           unsigned int flags);
int test_domain_restore(virConnectPtr conn, const char *from);
int test_domain_restore_flags(virConnectPtr conn, const char *from, const char *dxml,
                              unsigned int flags);
int test_domain_save_image_define_xml(virConnectPtr conn, const char *file, const char *dxml,
                                      unsigned int flags);
char *test_domain_save_image_get_xml_desc(virConnectPtr conn, const char *file, unsigned int flags);
int test_domain_managed_save(virDomainPtr dom, unsigned int flags);
int test_domain_has_managed_save_image(virDomainPtr dom, unsigned int flags);
int test_domain_managed_save_remove(virDomainPtr dom, unsigned int flags);
int test_domain_core_dump(virDomainPtr domain, const char *to, unsigned int flags);
int test_domain_core_dump_with_format(virDomainPtr domain, const char *to, unsigned int dumpformat,
                                      unsigned int flags);
int test_domain_rename(virDomainPtr dom, const char *new_name, unsigned int flags);

/* test-domain-info.c */
int test_domain_get_info(virDomainPtr domain, virDomainInfoPtr info);
int test_domain_get_state(virDomainPtr domain, int *state, int *reason, unsigned int flags);
int test_domain_get_control_info(virDomainPtr domain, virDomainControlInfoPtr info,
                                 unsigned int flags);
char *test_domain_get_xml_desc(virDomainPtr domain, unsigned int flags);
char *test_domain_get_os_type(virDomainPtr domain);
unsigned long test_domain_get_max_memory(virDomainPtr domain);
int test_domain_set_max_memory(virDomainPtr domain, unsigned long memory);
int test_domain_set_memory(virDomainPtr domain, unsigned long memory);
int test_domain_set_memory_flags(virDomainPtr domain, unsigned long memory, unsigned int flags);
int test_domain_set_memory_stats_period(virDomainPtr domain, int period, unsigned int flags);
int test_domain_get_vcpus_flags(virDomainPtr domain, unsigned int flags);
int test_domain_get_max_vcpus(virDomainPtr domain);
int test_domain_set_vcpus(virDomainPtr domain, unsigned int nvcpus);
int test_domain_set_vcpus_flags(virDomainPtr domain, unsigned int nvcpus, unsigned int flags);
int test_domain_get_vcpus(virDomainPtr domain, virVcpuInfoPtr info, int maxinfo,
                          unsigned char *cpumaps, int maplen);
int test_domain_pin_vcpu(virDomainPtr domain, unsigned int vcpu, unsigned char *cpumap, int maplen);
int test_domain_pin_vcpu_flags(virDomainPtr domain, unsigned int vcpu, unsigned char *cpumap,
                               int maplen, unsigned int flags);
int test_domain_get_vcpu_pin_info(virDomainPtr domain, int ncpumaps, unsigned char *cpumaps,
                                  int maplen, unsigned int flags);
int test_domain_pin_emulator(virDomainPtr domain, unsigned char *cpumap, int maplen,
                             unsigned int flags);
int test_domain_get_emulator_pin_info(virDomainPtr domain, unsigned char *cpumap, int maplen,
                                      unsigned int flags);
int test_domain_get_autostart(virDomainPtr domain, int *autostart);
int test_domain_set_autostart(virDomainPtr domain, int autostart);
char *test_domain_get_metadata(virDomainPtr domain, int type, const char *uri, unsigned int flags);
int test_domain_set_metadata(virDomainPtr domain, int type, const char *metadata, const char *key,
                             const char *uri, unsigned int flags);
char *test_domain_get_scheduler_type(virDomainPtr domain, int *nparams);
int test_domain_get_scheduler_parameters(virDomainPtr domain, virTypedParameterPtr params,
                                         int *nparams);
int test_domain_get_scheduler_parameters_flags(virDomainPtr domain, virTypedParameterPtr params,
                                               int *nparams, unsigned int flags);
int test_domain_set_scheduler_parameters(virDomainPtr domain, virTypedParameterPtr params,
                                         int nparams);
int test_domain_set_scheduler_parameters_flags(virDomainPtr domain, virTypedParameterPtr params,
                                               int nparams, unsigned int flags);
char *test_domain_get_hostname(virDomainPtr domain, unsigned int flags);
int test_domain_get_time(virDomainPtr dom, long long *seconds, unsigned int *nseconds,
                         unsigned int flags);
int test_domain_set_time(virDomainPtr dom, long long seconds, unsigned int nseconds,
                         unsigned int flags);
int test_domain_get_security_label(virDomainPtr domain, virSecurityLabelPtr seclabel);
int test_domain_get_launch_security_info(virDomainPtr domain, virTypedParameterPtr *params,
                                         int *nparams, unsigned int flags);
int test_domain_get_messages(virDomainPtr domain, char ***msgs, unsigned int flags);
int test_domain_set_user_password(virDomainPtr dom, const char *user, const char *password,
                                  unsigned int flags);
int test_domain_send_key(virDomainPtr domain, unsigned int codeset, unsigned int holdtime,
                         unsigned int *keycodes, int nkeycodes, unsigned int flags);
int test_domain_send_process_signal(virDomainPtr domain, long long pid_value, unsigned int signum,
                                    unsigned int flags);
int test_domain_inject_nmi(virDomainPtr domain, unsigned int flags);

/* test-domain-stats.c */
int test_domain_block_stats(virDomainPtr dom, const char *disk, virDomainBlockStatsPtr stats,
                            size_t size);
int test_domain_interface_stats(virDomainPtr dom, const char *device,
                                virDomainInterfaceStatsPtr stats, size_t size);
int test_domain_memory_stats(virDomainPtr dom, virDomainMemoryStatPtr stats, unsigned int nr_stats,
                             unsigned int flags);
int test_domain_get_cpu_stats(virDomainPtr domain, virTypedParameterPtr params,
                              unsigned int nparams, int start_cpu, unsigned int ncpus,
                              unsigned int flags);
int test_domain_memory_peek(virDomainPtr dom, unsigned long long start, size_t size, void *buffer,
                            unsigned int flags);
int test_domain_get_block_info(virDomainPtr domain, const char *disk, virDomainBlockInfoPtr info,
                               unsigned int flags);
int test_domain_get_disk_errors(virDomainPtr dom, virDomainDiskErrorPtr errors,
                                unsigned int maxerrors, unsigned int flags);
int test_domain_get_fs_info(virDomainPtr dom, virDomainFSInfoPtr **info, unsigned int flags);
int test_domain_fs_freeze(virDomainPtr dom, const char **mountpoints, unsigned int nmountpoints,
                          unsigned int flags);
int test_domain_fs_thaw(virDomainPtr dom, const char **mountpoints, unsigned int nmountpoints,
                        unsigned int flags);
int test_domain_fs_trim(virDomainPtr dom, const char *mountPoint, unsigned long long minimum,
                        unsigned int flags);
int test_domain_interface_addresses(virDomainPtr dom, virDomainInterfacePtr **ifaces,
                                    unsigned int source, unsigned int flags);
int test_connect_get_all_domain_stats(virConnectPtr conn, unsigned int stats,
                                      virDomainStatsRecordPtr **retStats, unsigned int flags);
int test_domain_list_get_stats(virDomainPtr *doms, unsigned int stats,
                               virDomainStatsRecordPtr **retStats, unsigned int flags);
int test_domain_get_job_info(virDomainPtr domain, virDomainJobInfoPtr info);
int test_domain_get_job_stats(virDomainPtr domain, int *type, virTypedParameterPtr *params,
                              int *nparams, unsigned int flags);
int test_domain_abort_job(virDomainPtr domain);

/* test-domain-tune.c */
int test_domain_set_blkio_parameters(virDomainPtr domain, virTypedParameterPtr params, int nparams,
                                     unsigned int flags);
int test_domain_get_blkio_parameters(virDomainPtr domain, virTypedParameterPtr params, int *nparams,
                                     unsigned int flags);
int test_domain_set_memory_parameters(virDomainPtr domain, virTypedParameterPtr params, int nparams,
                                      unsigned int flags);
int test_domain_get_memory_parameters(virDomainPtr domain, virTypedParameterPtr params,
                                      int *nparams, unsigned int flags);
int test_domain_set_numa_parameters(virDomainPtr domain, virTypedParameterPtr params, int nparams,
                                    unsigned int flags);
int test_domain_get_numa_parameters(virDomainPtr domain, virTypedParameterPtr params, int *nparams,
                                    unsigned int flags);
int test_domain_set_interface_parameters(virDomainPtr domain, const char *device,
                                         virTypedParameterPtr params, int nparams,
                                         unsigned int flags);
int test_domain_get_interface_parameters(virDomainPtr domain, const char *device,
                                         virTypedParameterPtr params, int *nparams,
                                         unsigned int flags);
int test_domain_set_block_io_tune(virDomainPtr dom, const char *disk, virTypedParameterPtr params,
                                  int nparams, unsigned int flags);
int test_domain_get_block_io_tune(virDomainPtr dom, const char *disk, virTypedParameterPtr params,
                                  int *nparams, unsigned int flags);
int test_domain_set_perf_events(virDomainPtr domain, virTypedParameterPtr params, int nparams,
                                unsigned int flags);
int test_domain_get_perf_events(virDomainPtr domain, virTypedParameterPtr *params, int *nparams,
                                unsigned int flags);
int test_domain_set_lifecycle_action(virDomainPtr domain, unsigned int type, unsigned int action,
                                     unsigned int flags);
int test_domain_add_iothread(virDomainPtr domain, unsigned int iothread_id, unsigned int flags);
int test_domain_del_iothread(virDomainPtr domain, unsigned int iothread_id, unsigned int flags);
int test_domain_pin_iothread(virDomainPtr domain, unsigned int iothread_id, unsigned char *cpumap,
                              int maplen, unsigned int flags);
int test_domain_get_iothread_info(virDomainPtr dom, virDomainIOThreadInfoPtr **info,
                                   unsigned int flags);
int test_domain_set_iothread_params(virDomainPtr domain, unsigned int iothread_id,
                                     virTypedParameterPtr params, int nparams, unsigned int flags);

/* test-domain-dev.c */
int test_domain_attach_device(virDomainPtr domain, const char *xml);
int test_domain_attach_device_flags(virDomainPtr domain, const char *xml, unsigned int flags);
int test_domain_detach_device(virDomainPtr domain, const char *xml);
int test_domain_detach_device_flags(virDomainPtr domain, const char *xml, unsigned int flags);
int test_domain_detach_device_alias(virDomainPtr domain, const char *alias, unsigned int flags);
char *test_domain_screenshot(virDomainPtr domain, virStreamPtr stream, unsigned int screen,
                             unsigned int flags);
int test_domain_update_device_flags(virDomainPtr domain, const char *xml, unsigned int flags);

/* test-snapshot.c */
virDomainSnapshotPtr test_domain_snapshot_create_xml(virDomainPtr domain, const char *xmlDesc,
                                                     unsigned int flags);
char *test_domain_snapshot_get_xml_desc(virDomainSnapshotPtr snapshot, unsigned int flags);
int test_domain_snapshot_num(virDomainPtr domain, unsigned int flags);
int test_domain_snapshot_list_names(virDomainPtr domain, char **names, int nameslen,
                                    unsigned int flags);
int test_domain_list_all_snapshots(virDomainPtr domain, virDomainSnapshotPtr **snaps,
                                   unsigned int flags);
int test_domain_snapshot_num_children(virDomainSnapshotPtr snapshot, unsigned int flags);
int test_domain_snapshot_list_children_names(virDomainSnapshotPtr snapshot, char **names,
                                             int nameslen, unsigned int flags);
int test_domain_snapshot_list_all_children(virDomainSnapshotPtr snapshot,
                                           virDomainSnapshotPtr **snaps, unsigned int flags);
virDomainSnapshotPtr test_domain_snapshot_lookup_by_name(virDomainPtr domain, const char *name,
                                                         unsigned int flags);
int test_domain_has_current_snapshot(virDomainPtr domain, unsigned int flags);
virDomainSnapshotPtr test_domain_snapshot_get_parent(virDomainSnapshotPtr snapshot,
                                                     unsigned int flags);
virDomainSnapshotPtr test_domain_snapshot_current(virDomainPtr domain, unsigned int flags);
int test_domain_snapshot_is_current(virDomainSnapshotPtr snapshot, unsigned int flags);
int test_domain_snapshot_has_metadata(virDomainSnapshotPtr snapshot, unsigned int flags);
int test_domain_revert_to_snapshot(virDomainSnapshotPtr snapshot, unsigned int flags);
int test_domain_snapshot_delete(virDomainSnapshotPtr snapshot, unsigned int flags);

/* test-checkpoint.c */
virDomainCheckpointPtr test_domain_checkpoint_create_xml(virDomainPtr domain, const char *xmlDesc,
                                                         unsigned int flags);
char *test_domain_checkpoint_get_xml_desc(virDomainCheckpointPtr checkpoint, unsigned int flags);
int test_domain_list_all_checkpoints(virDomainPtr domain, virDomainCheckpointPtr **checkpoints,
                                     unsigned int flags);
int test_domain_checkpoint_list_all_children(virDomainCheckpointPtr checkpoint,
                                             virDomainCheckpointPtr **children,
                                             unsigned int flags);
virDomainCheckpointPtr test_domain_checkpoint_lookup_by_name(virDomainPtr domain, const char *name,
                                                             unsigned int flags);
virDomainCheckpointPtr test_domain_checkpoint_get_parent(virDomainCheckpointPtr checkpoint,
                                                         unsigned int flags);
int test_domain_checkpoint_delete(virDomainCheckpointPtr checkpoint, unsigned int flags);
