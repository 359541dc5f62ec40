/* api/special.c: driver-backed public entry points too irregular for
 * api/gen-driver.py: the ones whose first argument is no object, that
 * cache what the driver returns, or whose argument rules depend on other
 * arguments (virDomainGetCPUStats, the metadata calls). (Events:
 * api/events.c; connection type and close callbacks: api/connect.c;
 * virStreamAbort: api/stream.c.) */
#include "config.h"

#include <limits.h>
#include <string.h>

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
        err_report_full(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG, __FILE__, __func__, __LINE__,
                        "doms array in %s must contain at least one domain", __func__);
        goto error;
    }
    if (!api_check_nonnull(retStats, VIR_FROM_DOMAIN, __func__, "retStats"))
        goto error;
    if (!api_check_domain(doms[0], VIR_FROM_DOM, __func__))
        goto error;
    conn = doms[0]->conn;
    for (size_t i = 1; doms[i]; i++) {
        if (!api_check_domain(doms[i], VIR_FROM_DOM, __func__))
            goto error;
        if (doms[i]->conn != conn) {
            err_report_full(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG, __FILE__, __func__, __LINE__,
                            "domains in 'doms' array must belong to a single connection in %s",
                            __func__);
            goto error;
        }
    }
    if (!conn->hypervisor_driver || !conn->hypervisor_driver->domainListGetStats) {
        api_report_unsupported(VIR_FROM_DOMAIN, __func__);
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

/* The entry points below open like the generated ones (api/gen-driver.py):
 * a bad domain is dispatched without a connection, every later failure on
 * the domain's connection. */
#define DOMAIN_ENTRY_OR(dom, retval) \
    do { \
        api_reset_error(); \
        if (!api_check_domain((dom), VIR_FROM_DOM, __func__)) { \
            api_dispatch_error(NULL); \
            return retval; \
        } \
    } while (0)

#define DOMAIN_OP_OR_FAIL(dom, member) \
    do { \
        if (!(dom)->conn->hypervisor_driver->member) { \
            api_report_unsupported(VIR_FROM_DOMAIN, __func__); \
            goto error; \
        } \
    } while (0)

/**
 * virDomainMemoryStats() - up to @nr_stats memory statistics of @dom;
 * like libvirt's, asking for none (no @stats or @nr_stats 0) answers 0
 * without the driver, and more than VIR_DOMAIN_MEMORY_STAT_NR are capped
 */
VIR_EXPORT int
virDomainMemoryStats(virDomainPtr dom, virDomainMemoryStatPtr stats, unsigned int nr_stats,
                     unsigned int flags)
{
    int r;

    DOMAIN_ENTRY_OR(dom, -1);
    if (!stats || nr_stats == 0)
        return 0;
    if (nr_stats > VIR_DOMAIN_MEMORY_STAT_NR)
        nr_stats = VIR_DOMAIN_MEMORY_STAT_NR;
    DOMAIN_OP_OR_FAIL(dom, domainMemoryStats);
    r = dom->conn->hypervisor_driver->domainMemoryStats(dom, stats, nr_stats, flags);
    if (r < 0)
        goto error;
    return r;

 error:
    api_dispatch_error(dom->conn);
    return -1;
}

/**
 * virDomainGetCPUStats() - per-CPU (or, with @start_cpu -1, total) CPU
 * statistics; libvirt's argument rules: @start_cpu -1 needs @ncpus 1,
 * @params NULL exactly when @nparams is 0 (or @ncpus is 0), and
 * @nparams * @ncpus must fit an unsigned int
 */
VIR_EXPORT int
virDomainGetCPUStats(virDomainPtr domain, virTypedParameterPtr params, unsigned int nparams,
                     int start_cpu, unsigned int ncpus, unsigned int flags)
{
    int r;

    DOMAIN_ENTRY_OR(domain, -1);
    if (start_cpu == -1) {
        if (ncpus != 1) {
            api_report_invalid_arg_full(VIR_FROM_DOMAIN, __func__, "start_cpu", "%s",
                                        "ncpus must be 1 when start_cpu is -1");
            goto error;
        }
    } else if (!api_check_nonnegative(start_cpu, VIR_FROM_DOMAIN, __func__, "start_cpu")) {
        goto error;
    }
    if (nparams ? !api_check_nonnull(params, VIR_FROM_DOMAIN, __func__, "params")
                : !api_check_null(params, VIR_FROM_DOMAIN, __func__, "params"))
        goto error;
    if (ncpus == 0 && !api_check_null(params, VIR_FROM_DOMAIN, __func__, "params"))
        goto error;
    if (nparams && ncpus > UINT_MAX / nparams) {
        err_report_full(VIR_FROM_DOMAIN, VIR_ERR_OVERFLOW, __FILE__, __func__, __LINE__,
                        "input too large: %u * %u", nparams, ncpus);
        goto error;
    }
    if (domain->conn->registration && domain->conn->registration->typed_param_string)
        flags |= VIR_TYPED_PARAM_STRING_OKAY;
    DOMAIN_OP_OR_FAIL(domain, domainGetCPUStats);
    r = domain->conn->hypervisor_driver->domainGetCPUStats(domain, params, nparams, start_cpu,
                                                           ncpus, flags);
    if (r < 0)
        goto error;
    return r;

 error:
    api_dispatch_error(domain->conn);
    return -1;
}

/* libvirt's checks of @uri and @key per metadata @type (what names the
 * element is only meaningful for VIR_DOMAIN_METADATA_ELEMENT); @set: for
 * virDomainSetMetadata, which also checks @key and the title. */
static bool
api_metadata_args(int type, const char *metadata, const char *key, const char *uri, bool set,
                  const char *func)
{
    switch (type) {
    case VIR_DOMAIN_METADATA_TITLE:
        if (set && metadata && strchr(metadata, '\n')) {
            api_report_invalid_arg_full(VIR_FROM_DOMAIN, func, "metadata", "%s",
                                        "metadata title can't contain newlines");
            return false;
        }
        G_GNUC_FALLTHROUGH;
    case VIR_DOMAIN_METADATA_DESCRIPTION:
        return api_check_null(uri, VIR_FROM_DOMAIN, func, "uri") &&
               (!set || api_check_null(key, VIR_FROM_DOMAIN, func, "key"));
    case VIR_DOMAIN_METADATA_ELEMENT:
        return api_check_nonnull(uri, VIR_FROM_DOMAIN, func, "uri") &&
               (!set || !metadata || api_check_nonnull(key, VIR_FROM_DOMAIN, func, "key"));
    default:
        err_report_full(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG, __FILE__, func, __LINE__,
                        "unknown metadata type '%d'", type);
        return false;
    }
}

/**
 * virDomainGetMetadata() - the title, description or a metadata element
 * (caller frees)
 */
VIR_EXPORT char *
virDomainGetMetadata(virDomainPtr domain, int type, const char *uri, unsigned int flags)
{
    char *r;

    DOMAIN_ENTRY_OR(domain, NULL);
    if (!api_check_exclusive(flags, VIR_DOMAIN_AFFECT_LIVE, "VIR_DOMAIN_AFFECT_LIVE",
                             VIR_DOMAIN_AFFECT_CONFIG, "VIR_DOMAIN_AFFECT_CONFIG",
                             VIR_FROM_DOMAIN, __func__) ||
        !api_metadata_args(type, NULL, NULL, uri, false, __func__))
        goto error;
    DOMAIN_OP_OR_FAIL(domain, domainGetMetadata);
    r = domain->conn->hypervisor_driver->domainGetMetadata(domain, type, uri, flags);
    if (!r)
        goto error;
    return r;

 error:
    api_dispatch_error(domain->conn);
    return NULL;
}

/**
 * virDomainSetMetadata() - set (or, with @metadata NULL, remove) the title,
 * description or a metadata element
 */
VIR_EXPORT int
virDomainSetMetadata(virDomainPtr domain, int type, const char *metadata, const char *key,
                     const char *uri, unsigned int flags)
{
    DOMAIN_ENTRY_OR(domain, -1);
    if (!api_check_writable(domain->conn, VIR_FROM_DOMAIN, __func__) ||
        !api_metadata_args(type, metadata, key, uri, true, __func__))
        goto error;
    DOMAIN_OP_OR_FAIL(domain, domainSetMetadata);
    if (domain->conn->hypervisor_driver->domainSetMetadata(domain, type, metadata, key, uri,
                                                           flags) < 0)
        goto error;
    return 0;

 error:
    api_dispatch_error(domain->conn);
    return -1;
}

/**
 * virStorageVolResize() - change the capacity of @vol; a zero @capacity
 * only makes sense relative (VIR_STORAGE_VOL_RESIZE_DELTA) or shrinking
 * (libvirt refuses it otherwise, after the read-only check)
 */
VIR_EXPORT int
virStorageVolResize(virStorageVolPtr vol, unsigned long long capacity, unsigned int flags)
{
    const ApiStorageDriver *ops;

    api_reset_error();
    if (!api_check_storage_vol(vol, VIR_FROM_STORAGE, __func__)) {
        api_dispatch_error(NULL);
        return -1;
    }
    if (!api_check_writable(vol->conn, VIR_FROM_STORAGE, __func__))
        goto error;
    if (capacity == 0 &&
        !(flags & (VIR_STORAGE_VOL_RESIZE_DELTA | VIR_STORAGE_VOL_RESIZE_SHRINK))) {
        api_report_invalid_arg_full(VIR_FROM_STORAGE, __func__, "capacity",
                                    "capacity in %s cannot be zero without 'delta' or "
                                    "'shrink' flags set", __func__);
        goto error;
    }
    ops = vol->conn->storage_driver;
    if (!ops || !ops->storageVolResize) {
        api_report_unsupported(VIR_FROM_STORAGE, __func__);
        goto error;
    }
    if (ops->storageVolResize(vol, capacity, flags) < 0)
        goto error;
    return 0;

 error:
    api_dispatch_error(vol->conn);
    return -1;
}
