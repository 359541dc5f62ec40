/* api/special.c: driver-backed public entry points too irregular for
 * api/gen-driver.py: the ones whose first argument is no object, or that
 * cache what the driver returns. (Events: api/events.c; connection type
 * and close callbacks: api/connect.c.) */
#include "config.h"

#define ERR_DOMAIN VIR_FROM_NONE
#include "api/driver.h"
#include "common/util/err.h"

/**
 * virNodeDeviceGetParent() - name of the parent device (owned by @dev),
 * NULL when it has none or on error
 *
 * Asked once from the driver (nodeDeviceGetParent stores the answer in
 * dev->parent_name); later calls answer from the handle.
 */
VIR_EXPORT const char *
virNodeDeviceGetParent(virNodeDevicePtr dev)
{
    const ApiNodeDeviceDriver *ops;

    api_reset_error();
    if (!api_check_node_device(dev, VIR_FROM_NODEDEV, __func__)) {
        api_dispatch_error(NULL);
        return NULL;
    }
    if (dev->parent_name)
        return dev->parent_name;
    ops = dev->conn->nodedev_driver;
    if (!ops || !ops->nodeDeviceGetParent) {
        api_report_unsupported(VIR_FROM_NODEDEV, __func__);
        api_dispatch_error(dev->conn);
        return NULL;
    }
    if (!ops->nodeDeviceGetParent(dev) && err_has_last()) {
        api_dispatch_error(dev->conn);
        return NULL;
    }
    return dev->parent_name;
}

/**
 * virDomainListGetStats() - statistics of the domains in the NULL-terminated
 * @doms (all of one connection); see virConnectGetAllDomainStats
 */
VIR_EXPORT int
virDomainListGetStats(virDomainPtr *doms, unsigned int stats,
                      virDomainStatsRecordPtr **retStats, unsigned int flags)
{
    virConnectPtr conn = NULL;
    int r;

    api_reset_error();
    if (retStats)
        *retStats = NULL;
    if (!doms || !*doms) {
        err_report_full(VIR_FROM_DOM, VIR_ERR_INVALID_ARG, __FILE__, __func__, __LINE__,
                        "doms array in %s must contain at least one domain", __func__);
        goto error;
    }
    if (!api_check_nonnull(retStats, VIR_FROM_DOM, __func__, "retStats"))
        goto error;
    if (!api_check_domain(doms[0], VIR_FROM_DOM, __func__))
        goto error;
    conn = doms[0]->conn;
    for (size_t i = 1; doms[i]; i++) {
        if (!api_check_domain(doms[i], VIR_FROM_DOM, __func__))
            goto error;
        if (doms[i]->conn != conn) {
            err_report_full(VIR_FROM_DOM, VIR_ERR_INVALID_ARG, __FILE__, __func__, __LINE__,
                            "domains in 'doms' array must belong to a single connection in %s",
                            __func__);
            goto error;
        }
    }
    if (!conn->hypervisor_driver || !conn->hypervisor_driver->domainListGetStats) {
        api_report_unsupported(VIR_FROM_DOM, __func__);
        goto error;
    }
    r = conn->hypervisor_driver->domainListGetStats(doms, stats, retStats, flags);
    if (r < 0)
        goto error;
    return r;

 error:
    api_dispatch_error(conn);
    return -1;
}
