/* api/remote/driver.c: the remote driver's registration. Its ops tables
 * (remote-ops.c) are generated from the public signatures and the wire
 * structs; every family routes to the daemon owning it (api/remote/conn.c),
 * and all of them share the state set up by the hypervisor open hook. */
#include "config.h"

#include "api/remote/remote.h"

/* Tried last: any URI (and the probe) that no in-process driver claimed. */
const ApiDriverRegistration api_remote_registration = {
    .name = "remote",
    .schemes = NULL,
    .local_only = false,
    .typed_param_string = true,
    .hypervisor = &remote_hypervisor_driver,
    .network = &remote_network_driver,
    .storage = &remote_storage_driver,
    .nodedev = &remote_nodedev_driver,
    .secret = &remote_secret_driver,
    .iface = &remote_interface_driver,
    .nwfilter = &remote_nwfilter_driver,
};
