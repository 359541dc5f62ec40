/* common/conf/domain/devices.c: the <devices> table. It lists every device
 * kind in libvirt's output order and holds the validation rules that look at
 * more than one device; each kind's own table lives in its family file. */
#include "config.h"

#define ERR_DOMAIN VIR_FROM_DOMAIN
#include "common/util/err.h"
#include "common/conf/domain/devices.h"

#define DEVS(fld, cnt, sch) \
    XML_CHILDREN(DomainDevices, fld, cnt, &sch, XF_PTR_ARRAY)

/* libvirt's output order */
static const XmlField domain_devices_fields[] = {
    XML_TEXT(DomainDevices, emulator, "emulator", string, 0),
    DEVS(disks, ndisks, domain_disk_schema),
    DEVS(controllers, ncontrollers, domain_controller_schema),
    DEVS(leases, nleases, domain_lease_schema),
    DEVS(filesystems, nfilesystems, domain_fs_schema),
    DEVS(nets, nnets, domain_net_schema),
    DEVS(smartcards, nsmartcards, domain_smartcard_schema),
    DEVS(serials, nserials, domain_serial_schema),
    DEVS(parallels, nparallels, domain_parallel_schema),
    DEVS(consoles, nconsoles, domain_console_schema),
    DEVS(channels, nchannels, domain_channel_schema),
    DEVS(inputs, ninputs, domain_input_schema),
    DEVS(tpms, ntpms, domain_tpm_schema),
    DEVS(graphics, ngraphics, domain_graphics_schema),
    DEVS(sounds, nsounds, domain_sound_schema),
    DEVS(audios, naudios, domain_audio_schema),
    DEVS(videos, nvideos, domain_video_schema),
    DEVS(hostdevs, nhostdevs, domain_hostdev_schema),
    DEVS(redirdevs, nredirdevs, domain_redirdev_schema),
    XML_CHILD(DomainDevices, redirfilter, &domain_redirfilter_schema, 0),
    DEVS(hubs, nhubs, domain_hub_schema),
    DEVS(watchdogs, nwatchdogs, domain_watchdog_schema),
    XML_CHILD(DomainDevices, memballoon, &domain_memballoon_schema, 0),
    DEVS(rngs, nrngs, domain_rng_schema),
    XML_CHILD(DomainDevices, nvram, &domain_nvram_dev_schema, 0),
    DEVS(panics, npanics, domain_panic_schema),
    DEVS(shmems, nshmems, domain_shmem_schema),
    DEVS(memories, nmemories, domain_memory_dev_schema),
    XML_CHILD(DomainDevices, iommu, &domain_iommu_schema, 0),
    XML_CHILD(DomainDevices, vsock, &domain_vsock_schema, 0),
    XML_END
};

/* The kinds whose tables include <boot>. */
#define ANY_BOOT(arr, n) \
    do { \
        for (size_t i_ = 0; i_ < (n); i_++) { \
            if ((arr)[i_]->info.boot_order) \
                return true; \
        } \
    } while (0)

bool
domain_devices_have_boot_order(const DomainDevices *devs)
{
    ANY_BOOT(devs->disks, devs->ndisks);
    ANY_BOOT(devs->nets, devs->nnets);
    ANY_BOOT(devs->hostdevs, devs->nhostdevs);
    ANY_BOOT(devs->filesystems, devs->nfilesystems);
    ANY_BOOT(devs->redirdevs, devs->nredirdevs);
    return false;
}

/* Rules that span several devices. They run from xmlmap_validate() on the
 * whole domain (domain_def_validate()), never while a stored configuration
 * is loaded, so a definition that breaks one stays listed. */
static int
devices_validate(XmlCtx *ctx, const void *obj)
{
    const DomainDevices *devs = obj;

    if (domain_devices_validate_controllers(ctx, devs) < 0)
        return -1;
    if (domain_devices_count_mdev(devs, MDEV_MODEL_VFIO_AP) > 1) {
        xmlmap_report(ctx, VIR_ERR_CONFIG_UNSUPPORTED,
                      "only one mediated host device of model 'vfio-ap' is allowed per "
                      "domain (element '%s')", xmlmap_ctx_path(ctx));
        return -1;
    }
    return 0;
}

/* libvirt writes an empty list as <devices>, newline, </devices> */
XML_SCHEMA(domain_devices, DomainDevices, "devices", domain_devices_fields,
           .flags = XS_NO_SELF_CLOSE, .validate = devices_validate);
