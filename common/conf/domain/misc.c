/* common/conf/domain/misc.c: tables for the small platform devices:
 * <watchdog>, <memballoon>, <nvram>, <panic>, <iommu> and <vsock>. */
#include "config.h"

#define ERR_DOMAIN VIR_FROM_DOMAIN
#include "common/util/err.h"
#include "common/conf/domain/devices.h"

ENUM_STRINGS_STATIC(watchdog_model, 3, "i6300esb", "ib700", "diag288");
ENUM_STRINGS_STATIC(watchdog_action, 7,
                    "reset", "shutdown", "poweroff", "pause", "dump", "none", "inject-nmi");
ENUM_STRINGS_STATIC(balloon_model, 5,
                    "virtio", "xen", "none", "virtio-transitional", "virtio-non-transitional");
ENUM_STRINGS_STATIC(panic_model, 6, "default", "isa", "pseries", "hyperv", "s390", "pvpanic");
ENUM_STRINGS_STATIC(iommu_model, 3, "intel", "smmuv3", "virtio");
ENUM_STRINGS_STATIC(vsock_model, 4,
                    "default", "virtio", "virtio-transitional", "virtio-non-transitional");

/* ---- <watchdog> ------------------------------------------------------------------- */

/* action= has a default (reset) that libvirt always writes out */
static const XmlField watchdog_fields[] = {
    XML_ATTR_ENUM(DomainWatchdog, model, "model", watchdog_model, XF_REQUIRED,
                  .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_ATTR_ENUM(DomainWatchdog, action, "action", watchdog_action, 0,
                  .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    DOMAIN_INFO_FIELDS(DomainWatchdog),
    XML_END
};
XML_SCHEMA(domain_watchdog, DomainWatchdog, "watchdog", watchdog_fields);

/* ---- <memballoon> ------------------------------------------------------------------ */

static const XmlField stats_fields[] = {
    XML_ATTR(DomainMemballoon, stats_period, "period", uint, 0,
             XML_HAS(DomainMemballoon, has_stats_period)),
    XML_END
};
static XML_SCHEMA(stats, DomainMemballoon, "stats", stats_fields);

static const XmlField balloon_driver_fields[] = {
    DOMAIN_VIRTIO_FIELDS(DomainMemballoon, virtio),
    XML_END
};
static XML_SCHEMA(balloon_driver, DomainMemballoon, "driver", balloon_driver_fields);

static const XmlField memballoon_fields[] = {
    XML_ATTR_ENUM(DomainMemballoon, model, "model", balloon_model, XF_REQUIRED,
                  .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_ATTR(DomainMemballoon, autodeflate, "autodeflate", switch, 0),
    XML_ATTR(DomainMemballoon, free_page_reporting, "freePageReporting", switch, 0),
    XML_GROUP(&stats_schema, 0),
    DOMAIN_INFO_FIELDS(DomainMemballoon),
    XML_GROUP(&balloon_driver_schema, 0),
    XML_END
};
XML_SCHEMA(domain_memballoon, DomainMemballoon, "memballoon", memballoon_fields);

/* ---- <nvram>, <panic> -------------------------------------------------------------- */

static const XmlField nvram_fields[] = {
    DOMAIN_INFO_FIELDS(DomainNvramDev),
    XML_END
};
XML_SCHEMA(domain_nvram_dev, DomainNvramDev, "nvram", nvram_fields);

static const XmlField panic_fields[] = {
    XML_ATTR_ENUM(DomainPanic, model, "model", panic_model, 0, .min = 1,
                  .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    DOMAIN_INFO_FIELDS(DomainPanic),
    XML_END
};
XML_SCHEMA(domain_panic, DomainPanic, "panic", panic_fields);

/* ---- <iommu> -------------------------------------------------------------------------- */

static const XmlField iommu_driver_fields[] = {
    XML_ATTR(DomainIommu, intremap, "intremap", switch, 0),
    XML_ATTR(DomainIommu, caching_mode, "caching_mode", switch, 0),
    XML_ATTR(DomainIommu, eim, "eim", switch, 0),
    XML_ATTR(DomainIommu, iotlb, "iotlb", switch, 0),
    XML_ATTR(DomainIommu, aw_bits, "aw_bits", uint, XF_OMIT_DEFAULT, .max = 255),
    XML_END
};
static XML_SCHEMA(iommu_driver, DomainIommu, "driver", iommu_driver_fields);

static const XmlField iommu_fields[] = {
    XML_ATTR_ENUM(DomainIommu, model, "model", iommu_model, XF_REQUIRED,
                  .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_GROUP(&iommu_driver_schema, 0),
    DOMAIN_INFO_FIELDS(DomainIommu),
    XML_END
};

/* Interrupt remapping extensions need interrupt remapping itself. */
static int
iommu_validate(XmlCtx *ctx, const void *obj)
{
    const DomainIommu *iommu = obj;

    if (iommu->eim == XML_TRISTATE_YES && iommu->intremap == XML_TRISTATE_NO) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "eim needs intremap in element '%s'", xmlmap_ctx_path(ctx));
        return -1;
    }
    return 0;
}
XML_SCHEMA(domain_iommu, DomainIommu, "iommu", iommu_fields, .validate = iommu_validate);

/* ---- <vsock> ---------------------------------------------------------------------------- */

static const XmlField cid_fields[] = {
    XML_ATTR(DomainVsock, cid_auto, "auto", tristate, 0),
    XML_ATTR(DomainVsock, cid, "address", uint, XF_OMIT_DEFAULT),
    XML_END
};
static XML_SCHEMA(cid, DomainVsock, "cid", cid_fields);

static const XmlField vsock_driver_fields[] = {
    DOMAIN_VIRTIO_FIELDS(DomainVsock, virtio),
    XML_END
};
static XML_SCHEMA(vsock_driver, DomainVsock, "driver", vsock_driver_fields);

static const XmlField vsock_fields[] = {
    XML_ATTR_ENUM(DomainVsock, model, "model", vsock_model, 0, .min = 1,
                  .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_GROUP(&cid_schema, 0),
    DOMAIN_INFO_FIELDS(DomainVsock),
    XML_GROUP(&vsock_driver_schema, 0),
    XML_END
};

/* CIDs 0-2 are reserved for the hypervisor and the host. */
static int
vsock_validate(XmlCtx *ctx, const void *obj)
{
    const DomainVsock *v = obj;

    if (v->cid != 0 && v->cid < 3) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "vsock CID %u in element '%s' is reserved; use 3 or more",
                      v->cid, xmlmap_ctx_path(ctx));
        return -1;
    }
    return 0;
}
XML_SCHEMA(domain_vsock, DomainVsock, "vsock", vsock_fields, .validate = vsock_validate);
