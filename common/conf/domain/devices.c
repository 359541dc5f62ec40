/* common/conf/domain/devices.c: the <devices> table. It lists every device
 * kind in libvirt's output order and holds the validation rules that look at
 * more than one device; each kind's own table lives in its family file. */
#include "config.h"

#define ERR_DOMAIN VIR_FROM_DOMAIN
#include "common/util/err.h"
#include "common/conf/domain/domain.h"

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

/**
 * domain_devices_infos() - see devices.h
 */
GPtrArray *
domain_devices_infos(const DomainDevices *devs, int os_type)
{
    GPtrArray *out = g_ptr_array_new();

#define EACH(arr, n) \
    for (size_t i_ = 0; i_ < (n); i_++) \
        g_ptr_array_add(out, &(arr)[i_]->info)
#define ONE(p) \
    if (p) \
        g_ptr_array_add(out, &(p)->info)

    EACH(devs->disks, devs->ndisks);
    EACH(devs->controllers, devs->ncontrollers);
    EACH(devs->filesystems, devs->nfilesystems);
    EACH(devs->nets, devs->nnets);
    EACH(devs->smartcards, devs->nsmartcards);
    EACH(devs->serials, devs->nserials);
    EACH(devs->parallels, devs->nparallels);
    for (size_t i = 0; i < devs->nconsoles; i++) {
        /* an HVM guest's first serial console is serial port 0 again */
        if (i == 0 && os_type == DOMAIN_OS_HVM && devs->nserials > 0 &&
            devs->consoles[0]->target_type == CHR_CONSOLE_TARGET_SERIAL)
            continue;
        g_ptr_array_add(out, &devs->consoles[i]->info);
    }
    EACH(devs->channels, devs->nchannels);
    EACH(devs->inputs, devs->ninputs);
    EACH(devs->tpms, devs->ntpms);
    EACH(devs->sounds, devs->nsounds);
    EACH(devs->videos, devs->nvideos);
    EACH(devs->hostdevs, devs->nhostdevs);
    EACH(devs->redirdevs, devs->nredirdevs);
    EACH(devs->hubs, devs->nhubs);
    EACH(devs->watchdogs, devs->nwatchdogs);
    ONE(devs->memballoon);
    EACH(devs->rngs, devs->nrngs);
    ONE(devs->nvram);
    EACH(devs->panics, devs->npanics);
    EACH(devs->shmems, devs->nshmems);
    EACH(devs->memories, devs->nmemories);
    ONE(devs->iommu);
    ONE(devs->vsock);
#undef EACH
#undef ONE
    return out;
}

/**
 * domain_devices_validate_unique() - see devices.h
 */
int
domain_devices_validate_unique(XmlCtx *ctx, const DomainDevices *devs, int os_type)
{
    g_autoptr(GPtrArray) infos = domain_devices_infos(devs, os_type);
    g_autoptr(GHashTable) aliases = g_hash_table_new(g_str_hash, g_str_equal);
    g_autoptr(GHashTable) boots = g_hash_table_new(g_direct_hash, g_direct_equal);

    for (guint i = 0; i < infos->len; i++) {
        const DomainDeviceInfo *info = infos->pdata[i];

        if (info->alias && !g_hash_table_add(aliases, info->alias)) {
            xmlmap_report(ctx, VIR_ERR_CONFIG_UNSUPPORTED,
                          "non unique alias detected: %s (element '%s')", info->alias,
                          xmlmap_ctx_path(ctx));
            return -1;
        }
        if (info->boot_order &&
            !g_hash_table_add(boots, GUINT_TO_POINTER(info->boot_order))) {
            xmlmap_report(ctx, VIR_ERR_CONFIG_UNSUPPORTED,
                          "boot order '%u' used for more than one device (element '%s')",
                          info->boot_order, xmlmap_ctx_path(ctx));
            return -1;
        }
    }
    for (size_t i = 0; i < devs->ndisks; i++) {
        for (size_t j = 0; j < i; j++) {
            const DomainDisk *a = devs->disks[j];
            const DomainDisk *b = devs->disks[i];

            if (a->dst && b->dst && g_str_equal(a->dst, b->dst)) {
                xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                              "target '%s' duplicated for disk sources '%s' and '%s' "
                              "(element '%s')", a->dst, a->src.path ? a->src.path : "(null)",
                              b->src.path ? b->src.path : "(null)", xmlmap_ctx_path(ctx));
                return -1;
            }
        }
    }
    if (devs->nwatchdogs > 1) {
        xmlmap_report(ctx, VIR_ERR_INTERNAL_ERROR,
                      "only a single watchdog device is supported (element '%s')",
                      xmlmap_ctx_path(ctx));
        return -1;
    }
    return 0;
}

/**
 * domain_def_validate_vfio_ap() - see devices.h
 */
int
domain_def_validate_vfio_ap(const DomainDevices *devs)
{
    if (domain_devices_count_mdev(devs, MDEV_MODEL_VFIO_AP) > 1) {
        err_report(VIR_ERR_CONFIG_UNSUPPORTED,
                   "only one mediated host device of model 'vfio-ap' is allowed per domain");
        return -1;
    }
    return 0;
}

/* Rules that span several devices. They run from xmlmap_validate() on the
 * whole domain (domain_def_validate()), never while a stored configuration
 * is loaded, so a definition that breaks one stays listed. */
static int
devices_validate(XmlCtx *ctx, const void *obj)
{
    const DomainDevices *devs = obj;

    return domain_devices_validate_controllers(ctx, devs);
}

/* libvirt writes an empty list as <devices>, newline, </devices> */
XML_SCHEMA(domain_devices, DomainDevices, "devices", domain_devices_fields,
           .flags = XS_NO_SELF_CLOSE, .validate = devices_validate);
