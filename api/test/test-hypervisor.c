/* api/test/test-hypervisor.c: the test driver's registration: the
 * hypervisor ops table (host, domains, snapshots, checkpoints) and the
 * tables of the other families, which test-objects.h provides. Only
 * wiring lives here.
 *
 * The table follows libvirt 9.0's test driver (Debian 12's libvirt.so.0 is
 * the reference, tests/integration/api/testdrv compares the two). Where we
 * deliberately differ:
 *   - extensions libvirt's test driver lacks: device attach/detach/update
 *     (domainAttachDevice*, domainDetachDevice*, domainUpdateDeviceFlags;
 *     they also queue DEVICE_ADDED/DEVICE_REMOVED events) and job
 *     information (domainGetJobInfo/Stats report "no job", domainAbortJob
 *     reports that none is active);
 *   - domainScreenshot streams a small PNG drawn here instead of the image
 *     file libvirt installs;
 *   - connectBaselineCPU approximates libvirt's CPU-map based computation
 *     (oldest given model, common vendor and explicit features);
 *     EXPAND_FEATURES does not list the model's own features;
 *   - domainSendKey only bounds key codes (< 0x10000) instead of checking
 *     them against the code set's table;
 *   - VIR_DOMAIN_DEFINE_VALIDATE / START_VALIDATE parse strictly instead of
 *     checking the RNG schema.
 * Everything else listed here behaves as libvirt's, including its quirks
 * (revert to an inactive snapshot with REVERT_RUNNING announces a start
 * without starting; setting a block I/O rate needs its burst maximum). */
#include "config.h"

#include "api/driver.h"
#include "api/test/test-config.h"
#include "api/test/test-ops.h"
#if TEST_HAVE_OBJECTS
# include "api/test/test-objects.h"
#endif

/**
 * test_unref_notify() - GDestroyNotify for public handles
 */
void
test_unref_notify(gpointer obj)
{
    api_object_unref(obj);
}

static const ApiHypervisorDriver test_hypervisor_driver = {
    .name = "Test",
    .open = test_connect_open,
    .close = test_connect_close,
    .connectGetType = test_connect_get_type,
    .connectGetVersion = test_connect_get_version,
    .connectGetLibVersion = test_connect_get_lib_version,
    .connectGetHostname = test_connect_get_hostname,
    .connectIsSecure = test_connect_is_secure,
    .connectIsEncrypted = test_connect_is_encrypted,
    .connectIsAlive = test_connect_is_alive,
    .connectDomainEventRegister = test_connect_domain_event_register,
    .connectDomainEventDeregister = test_connect_domain_event_deregister,
    .connectDomainEventRegisterAny = test_connect_domain_event_register_any,
    .connectDomainEventDeregisterAny = test_connect_domain_event_deregister_any,
    .connectRegisterCloseCallback = test_connect_register_close_callback,
    .connectUnregisterCloseCallback = test_connect_unregister_close_callback,
    .nodeGetInfo = test_node_get_info,
    .connectGetCapabilities = test_connect_get_capabilities,
    .connectGetMaxVcpus = test_connect_get_max_vcpus,
    .nodeGetCellsFreeMemory = test_node_get_cells_free_memory,
    .nodeGetFreeMemory = test_node_get_free_memory,
    .nodeGetCPUStats = test_node_get_cpu_stats,
    .nodeGetFreePages = test_node_get_free_pages,
    .nodeGetCPUMap = test_node_get_cpu_map,
    .connectGetSysinfo = test_connect_get_sysinfo,
    .nodeGetSecurityModel = test_node_get_security_model,
    .connectGetCPUModelNames = test_connect_get_cpu_model_names,
    .connectBaselineCPU = test_connect_baseline_cpu,
    .domainLookupByID = test_domain_lookup_by_id,
    .domainLookupByUUID = test_domain_lookup_by_uuid,
    .domainLookupByName = test_domain_lookup_by_name,
    .connectNumOfDomains = test_connect_num_of_domains,
    .connectListDomains = test_connect_list_domains,
    .connectNumOfDefinedDomains = test_connect_num_of_defined_domains,
    .connectListDefinedDomains = test_connect_list_defined_domains,
    .connectListAllDomains = test_connect_list_all_domains,
    .domainIsActive = test_domain_is_active_op,
    .domainIsPersistent = test_domain_is_persistent,
    .domainIsUpdated = test_domain_is_updated,
    .domainCreateXML = test_domain_create_xml,
    .domainCreateXMLWithFiles = test_domain_create_xml_with_files,
    .domainDefineXML = test_domain_define_xml,
    .domainDefineXMLFlags = test_domain_define_xml_flags,
    .domainUndefine = test_domain_undefine,
    .domainUndefineFlags = test_domain_undefine_flags,
    .domainCreate = test_domain_create,
    .domainCreateWithFlags = test_domain_create_with_flags,
    .domainCreateWithFiles = test_domain_create_with_files,
    .domainDestroy = test_domain_destroy,
    .domainDestroyFlags = test_domain_destroy_flags,
    .domainShutdown = test_domain_shutdown,
    .domainShutdownFlags = test_domain_shutdown_flags,
    .domainReboot = test_domain_reboot,
    .domainReset = test_domain_reset,
    .domainSuspend = test_domain_suspend,
    .domainResume = test_domain_resume,
    .domainSave = test_domain_save,
    .domainSaveFlags = test_domain_save_flags,
    .domainRestore = test_domain_restore,
    .domainRestoreFlags = test_domain_restore_flags,
    .domainSaveImageDefineXML = test_domain_save_image_define_xml,
    .domainSaveImageGetXMLDesc = test_domain_save_image_get_xml_desc,
    .domainManagedSave = test_domain_managed_save,
    .domainHasManagedSaveImage = test_domain_has_managed_save_image,
    .domainManagedSaveRemove = test_domain_managed_save_remove,
    .domainCoreDump = test_domain_core_dump,
    .domainCoreDumpWithFormat = test_domain_core_dump_with_format,
    .domainRename = test_domain_rename,
    .domainGetInfo = test_domain_get_info,
    .domainGetState = test_domain_get_state,
    .domainGetControlInfo = test_domain_get_control_info,
    .domainGetXMLDesc = test_domain_get_xml_desc,
    .domainGetOSType = test_domain_get_os_type,
    .domainGetMaxMemory = test_domain_get_max_memory,
    .domainSetMaxMemory = test_domain_set_max_memory,
    .domainSetMemory = test_domain_set_memory,
    .domainSetMemoryFlags = test_domain_set_memory_flags,
    .domainSetMemoryStatsPeriod = test_domain_set_memory_stats_period,
    .domainGetVcpusFlags = test_domain_get_vcpus_flags,
    .domainGetMaxVcpus = test_domain_get_max_vcpus,
    .domainSetVcpus = test_domain_set_vcpus,
    .domainSetVcpusFlags = test_domain_set_vcpus_flags,
    .domainGetVcpus = test_domain_get_vcpus,
    .domainPinVcpu = test_domain_pin_vcpu,
    .domainPinVcpuFlags = test_domain_pin_vcpu_flags,
    .domainGetVcpuPinInfo = test_domain_get_vcpu_pin_info,
    .domainPinEmulator = test_domain_pin_emulator,
    .domainGetEmulatorPinInfo = test_domain_get_emulator_pin_info,
    .domainGetAutostart = test_domain_get_autostart,
    .domainSetAutostart = test_domain_set_autostart,
    .domainGetMetadata = test_domain_get_metadata,
    .domainSetMetadata = test_domain_set_metadata,
    .domainGetSchedulerType = test_domain_get_scheduler_type,
    .domainGetSchedulerParameters = test_domain_get_scheduler_parameters,
    .domainGetSchedulerParametersFlags = test_domain_get_scheduler_parameters_flags,
    .domainSetSchedulerParameters = test_domain_set_scheduler_parameters,
    .domainSetSchedulerParametersFlags = test_domain_set_scheduler_parameters_flags,
    .domainGetHostname = test_domain_get_hostname,
    .domainGetTime = test_domain_get_time,
    .domainSetTime = test_domain_set_time,
    .domainGetSecurityLabel = test_domain_get_security_label,
    .domainGetLaunchSecurityInfo = test_domain_get_launch_security_info,
    .domainGetMessages = test_domain_get_messages,
    .domainSetUserPassword = test_domain_set_user_password,
    .domainSendKey = test_domain_send_key,
    .domainSendProcessSignal = test_domain_send_process_signal,
    .domainInjectNMI = test_domain_inject_nmi,
    .domainBlockStats = test_domain_block_stats,
    .domainInterfaceStats = test_domain_interface_stats,
    .domainMemoryStats = test_domain_memory_stats,
    .domainGetCPUStats = test_domain_get_cpu_stats,
    .domainMemoryPeek = test_domain_memory_peek,
    .domainGetBlockInfo = test_domain_get_block_info,
    .domainGetDiskErrors = test_domain_get_disk_errors,
    .domainGetFSInfo = test_domain_get_fs_info,
    .domainFSFreeze = test_domain_fs_freeze,
    .domainFSThaw = test_domain_fs_thaw,
    .domainFSTrim = test_domain_fs_trim,
    .domainInterfaceAddresses = test_domain_interface_addresses,
    .connectGetAllDomainStats = test_connect_get_all_domain_stats,
    .domainListGetStats = test_domain_list_get_stats,
    .domainGetJobInfo = test_domain_get_job_info,
    .domainGetJobStats = test_domain_get_job_stats,
    .domainAbortJob = test_domain_abort_job,
    .domainSetBlkioParameters = test_domain_set_blkio_parameters,
    .domainGetBlkioParameters = test_domain_get_blkio_parameters,
    .domainSetMemoryParameters = test_domain_set_memory_parameters,
    .domainGetMemoryParameters = test_domain_get_memory_parameters,
    .domainSetNumaParameters = test_domain_set_numa_parameters,
    .domainGetNumaParameters = test_domain_get_numa_parameters,
    .domainSetInterfaceParameters = test_domain_set_interface_parameters,
    .domainGetInterfaceParameters = test_domain_get_interface_parameters,
    .domainSetBlockIoTune = test_domain_set_block_io_tune,
    .domainGetBlockIoTune = test_domain_get_block_io_tune,
    .domainSetPerfEvents = test_domain_set_perf_events,
    .domainGetPerfEvents = test_domain_get_perf_events,
    .domainSetLifecycleAction = test_domain_set_lifecycle_action,
    .domainAddIOThread = test_domain_add_iothread,
    .domainDelIOThread = test_domain_del_iothread,
    .domainPinIOThread = test_domain_pin_iothread,
    .domainGetIOThreadInfo = test_domain_get_iothread_info,
    .domainSetIOThreadParams = test_domain_set_iothread_params,
    .domainAttachDevice = test_domain_attach_device,
    .domainAttachDeviceFlags = test_domain_attach_device_flags,
    .domainDetachDevice = test_domain_detach_device,
    .domainDetachDeviceFlags = test_domain_detach_device_flags,
    .domainDetachDeviceAlias = test_domain_detach_device_alias,
    .domainUpdateDeviceFlags = test_domain_update_device_flags,
    .domainScreenshot = test_domain_screenshot,
    .domainSnapshotCreateXML = test_domain_snapshot_create_xml,
    .domainSnapshotGetXMLDesc = test_domain_snapshot_get_xml_desc,
    .domainSnapshotNum = test_domain_snapshot_num,
    .domainSnapshotListNames = test_domain_snapshot_list_names,
    .domainListAllSnapshots = test_domain_list_all_snapshots,
    .domainSnapshotNumChildren = test_domain_snapshot_num_children,
    .domainSnapshotListChildrenNames = test_domain_snapshot_list_children_names,
    .domainSnapshotListAllChildren = test_domain_snapshot_list_all_children,
    .domainSnapshotLookupByName = test_domain_snapshot_lookup_by_name,
    .domainHasCurrentSnapshot = test_domain_has_current_snapshot,
    .domainSnapshotGetParent = test_domain_snapshot_get_parent,
    .domainSnapshotCurrent = test_domain_snapshot_current,
    .domainSnapshotIsCurrent = test_domain_snapshot_is_current,
    .domainSnapshotHasMetadata = test_domain_snapshot_has_metadata,
    .domainRevertToSnapshot = test_domain_revert_to_snapshot,
    .domainSnapshotDelete = test_domain_snapshot_delete,
    .domainCheckpointCreateXML = test_domain_checkpoint_create_xml,
    .domainCheckpointGetXMLDesc = test_domain_checkpoint_get_xml_desc,
    .domainListAllCheckpoints = test_domain_list_all_checkpoints,
    .domainCheckpointListAllChildren = test_domain_checkpoint_list_all_children,
    .domainCheckpointLookupByName = test_domain_checkpoint_lookup_by_name,
    .domainCheckpointGetParent = test_domain_checkpoint_get_parent,
    .domainCheckpointDelete = test_domain_checkpoint_delete,
};

static const char *const test_schemes[] = { "test", NULL };

const ApiDriverRegistration api_test_registration = {
    .name = "Test",
    .schemes = test_schemes,
    .local_only = true,
    .typed_param_string = true,
    .hypervisor = &test_hypervisor_driver,
#if TEST_HAVE_OBJECTS
    .network = &test_network_driver,
    .storage = &test_storage_driver,
    .nodedev = &test_nodedev_driver,
    .secret = &test_secret_driver,
    .iface = &test_interface_driver,
    .nwfilter = &test_nwfilter_driver,
#endif
};
