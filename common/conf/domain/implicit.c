/* common/conf/domain/implicit.c: what libvirt's generic domain parser adds
 * to the <devices> it was given: disks kept in drive order per bus, the
 * disk bus guessed from the target name, drive addresses for IDE, SCSI,
 * SATA and floppy disks, controllers kept in index order per type with the
 * missing indexes filled in, and the disk controllers those addresses need.
 * It runs at the end of every parse of a whole domain (so, like libvirt, a
 * copy of a definition is put in order again), plus the checks on disk
 * targets and controller indexes that go with it. */
#include "config.h"

#include <limits.h>
#include <string.h>

#define ERR_DOMAIN VIR_FROM_DOMAIN
#include "common/util/err.h"
#include "common/conf/domain/devices.h"

/* Target name prefixes, in the order libvirt tries them. */
static const char *const disk_prefixes[] = { "fd", "hd", "vd", "sd", "xvd", "ubd" };

/**
 * domain_disk_name_index() - see devices.h
 */
int
domain_disk_name_index(const char *name)
{
    const char *p = NULL;
    long long idx = 0;
    size_t n;

    if (!name)
        return -1;
    for (size_t i = 0; i < G_N_ELEMENTS(disk_prefixes) && !p; i++) {
        if (g_str_has_prefix(name, disk_prefixes[i]))
            p = name + strlen(disk_prefixes[i]);
    }
    if (!p || !g_ascii_islower(*p))
        return -1;
    /* letters count like spreadsheet columns: a=0 ... z=25, aa=26 */
    for (n = 0; g_ascii_islower(*p); p++, n++) {
        idx = (idx + (n > 0)) * 26 + (*p - 'a');
        if (idx > INT_MAX)
            return -1;
    }
    /* a partition number may follow */
    if (p[strspn(p, "0123456789")] != '\0')
        return -1;
    return (int) idx;
}

static int
disk_bus_from_name(const DomainDisk *disk)
{
    static const struct {
        const char *prefix;
        int bus;
    } map[] = {
        { "hd", DISK_BUS_IDE }, { "sd", DISK_BUS_SCSI }, { "vd", DISK_BUS_VIRTIO },
        { "xvd", DISK_BUS_XEN }, { "ubd", DISK_BUS_UML },
    };

    if (disk->device == DISK_DEVICE_FLOPPY)
        return DISK_BUS_FDC;
    for (size_t i = 0; disk->dst && i < G_N_ELEMENTS(map); i++) {
        if (g_str_has_prefix(disk->dst, map[i].prefix))
            return map[i].bus;
    }
    return DISK_BUS_IDE;
}

/**
 * domain_disk_fill_defaults() - see devices.h
 */
void
domain_disk_fill_defaults(DomainDisk *disk)
{
    DomainDriveAddr *a = &disk->info.addr.drive;
    int idx;

    if (disk->bus == DISK_BUS_NONE)
        disk->bus = disk_bus_from_name(disk);
    if (disk->device == DISK_DEVICE_CDROM)
        disk->readonly = true;
    if (disk->info.addr.type != DOMAIN_ADDR_NONE)
        return;
    if ((idx = domain_disk_name_index(disk->dst)) < 0)
        return;                 /* the validation reports it */
    switch (disk->bus) {
    case DISK_BUS_SCSI:         /* narrow bus: 7 units per controller */
        *a = (DomainDriveAddr) { .controller = idx / 7, .unit = idx % 7 };
        break;
    case DISK_BUS_FDC:          /* 2 units per controller */
        *a = (DomainDriveAddr) { .controller = idx / 2, .unit = idx % 2 };
        break;
    case DISK_BUS_IDE:          /* 2 buses of 2 units per controller */
        *a = (DomainDriveAddr) { .controller = idx / 4, .bus = (idx % 4) / 2,
                                 .unit = idx % 2 };
        break;
    case DISK_BUS_SATA:         /* 6 units per controller */
        *a = (DomainDriveAddr) { .controller = idx / 6, .unit = idx % 6 };
        break;
    default:                    /* the other buses have no drive addresses */
        return;
    }
    disk->info.addr.type = DOMAIN_ADDR_DRIVE;
}

/**
 * domain_disk_insert() - see devices.h
 */
void
domain_disk_insert(DomainDevices *devs, DomainDisk *disk)
{
    int new_idx = domain_disk_name_index(disk->dst);
    ssize_t at = -1;

    /* before the first disk of the same bus with a higher drive index,
     * else after the last disk of that bus, else at the end */
    for (ssize_t i = (ssize_t) devs->ndisks - 1; i >= 0; i--) {
        if (devs->disks[i]->bus != disk->bus)
            continue;
        if (domain_disk_name_index(devs->disks[i]->dst) > new_idx)
            at = i;
        else if (at == -1)
            at = i + 1;
    }
    if (at == -1)
        at = (ssize_t) devs->ndisks;
    devs->disks = g_renew(DomainDisk *, devs->disks, devs->ndisks + 1);
    memmove(&devs->disks[at + 1], &devs->disks[at],
            sizeof(DomainDisk *) * (devs->ndisks - (size_t) at));
    devs->disks[at] = disk;
    devs->ndisks++;
}

/* A controller's index for ordering: -1 while it has none. */
static long long
ctrl_index(const DomainController *c)
{
    return c->has_index ? (long long) c->index : -1;
}

static void
controller_insert(DomainDevices *devs, DomainController *c)
{
    ssize_t at = -1;

    for (ssize_t i = (ssize_t) devs->ncontrollers - 1; i >= 0; i--) {
        const DomainController *cur = devs->controllers[i];

        if (cur->type != c->type)
            continue;
        if (!c->has_index) {
            /* no index yet: right after the last one of its type */
            at = i + 1;
            break;
        }
        if (ctrl_index(cur) > ctrl_index(c))
            at = i;
        else if (at == -1)
            at = i + 1;
    }
    if (at == -1)
        at = (ssize_t) devs->ncontrollers;
    devs->controllers = g_renew(DomainController *, devs->controllers, devs->ncontrollers + 1);
    memmove(&devs->controllers[at + 1], &devs->controllers[at],
            sizeof(DomainController *) * (devs->ncontrollers - (size_t) at));
    devs->controllers[at] = c;
    devs->ncontrollers++;
}

static bool
controller_exists(const DomainDevices *devs, int type, unsigned int index)
{
    for (size_t i = 0; i < devs->ncontrollers; i++) {
        const DomainController *c = devs->controllers[i];

        if (c->type == type && c->has_index && c->index == index)
            return true;
    }
    return false;
}

/**
 * domain_devices_ensure_controller() - see devices.h
 */
void
domain_devices_ensure_controller(DomainDevices *devs, int type, unsigned int index)
{
    DomainController *c;

    if (controller_exists(devs, type, index))
        return;
    c = g_new0(DomainController, 1);
    c->type = type;
    c->index = index;
    c->has_index = true;
    devs->controllers = g_renew(DomainController *, devs->controllers, devs->ncontrollers + 1);
    devs->controllers[devs->ncontrollers++] = c;
}

/**
 * domain_devices_add_implicit_controllers() - see devices.h
 */
void
domain_devices_add_implicit_controllers(DomainDevices *devs)
{
    static const struct {
        int ctrl;
        int bus;
    } kinds[] = {
        { CONTROLLER_SCSI, DISK_BUS_SCSI }, { CONTROLLER_FDC, DISK_BUS_FDC },
        { CONTROLLER_IDE, DISK_BUS_IDE }, { CONTROLLER_SATA, DISK_BUS_SATA },
    };

    for (size_t k = 0; k < G_N_ELEMENTS(kinds); k++) {
        g_autofree bool *have = NULL;
        long long max = -1;

        for (size_t i = 0; i < devs->ndisks; i++) {
            const DomainDisk *d = devs->disks[i];

            if (d->bus == kinds[k].bus && d->info.addr.type == DOMAIN_ADDR_DRIVE &&
                (long long) d->info.addr.drive.controller > max)
                max = d->info.addr.drive.controller;
        }
        if (max < 0 || max >= DOMAIN_DRIVE_CONTROLLER_MAX)
            continue;           /* none needed, or refused by the validation */
        have = g_new0(bool, max + 1);
        for (size_t i = 0; i < devs->ncontrollers; i++) {
            const DomainController *c = devs->controllers[i];

            if (c->type == kinds[k].ctrl && c->has_index && c->index <= max)
                have[c->index] = true;
        }
        for (long long n = 0; n <= max; n++) {
            DomainController *c;

            if (have[n])
                continue;
            c = g_new0(DomainController, 1);
            c->type = kinds[k].ctrl;
            c->index = (unsigned int) n;
            c->has_index = true;
            devs->controllers = g_renew(DomainController *, devs->controllers,
                                        devs->ncontrollers + 1);
            devs->controllers[devs->ncontrollers++] = c;
        }
    }
}

/**
 * domain_devices_post_parse() - see devices.h
 */
void
domain_devices_post_parse(DomainDevices *devs)
{
    DomainDisk **disks = devs->disks;
    size_t ndisks = devs->ndisks;
    DomainController **ctrls = devs->controllers;
    size_t nctrls = devs->ncontrollers;

    /* put the disks in order as given (bus as written), then complete them */
    devs->disks = NULL;
    devs->ndisks = 0;
    for (size_t i = 0; i < ndisks; i++)
        domain_disk_insert(devs, disks[i]);
    g_free(disks);
    for (size_t i = 0; i < devs->ndisks; i++)
        domain_disk_fill_defaults(devs->disks[i]);

    devs->controllers = NULL;
    devs->ncontrollers = 0;
    for (size_t i = 0; i < nctrls; i++)
        controller_insert(devs, ctrls[i]);
    g_free(ctrls);
    /* a controller without index= takes the lowest free one of its type */
    for (size_t i = 0; i < devs->ncontrollers; i++) {
        DomainController *c = devs->controllers[i];
        unsigned int n = 0;

        if (c->has_index)
            continue;
        while (controller_exists(devs, c->type, n))
            n++;
        c->index = n;
        c->has_index = true;
    }
    domain_devices_add_implicit_controllers(devs);
}

static bool
has_disk_prefix(const char *dst)
{
    for (size_t i = 1; i < G_N_ELEMENTS(disk_prefixes); i++) {
        if (g_str_has_prefix(dst, disk_prefixes[i]))
            return true;
    }
    return false;
}

/**
 * domain_disk_validate_target() - see devices.h
 */
int
domain_disk_validate_target(XmlCtx *ctx, const DomainDisk *disk)
{
    /* a device parsed alone (hot-plug) has not been completed yet */
    int bus = disk->bus != DISK_BUS_NONE ? disk->bus : disk_bus_from_name(disk);

    (void) ctx;
    if (!disk->dst)
        return 0;
    if (disk->info.addr.type == DOMAIN_ADDR_NONE && domain_disk_name_index(disk->dst) < 0) {
        err_report(VIR_ERR_XML_ERROR, "Unknown disk name '%s' and no address specified",
                   disk->dst);
        return -1;
    }
    if (disk->info.addr.type == DOMAIN_ADDR_DRIVE &&
        disk->info.addr.drive.controller >= DOMAIN_DRIVE_CONTROLLER_MAX) {
        /* libvirt would add every controller up to it; we refuse */
        err_report(VIR_ERR_CONFIG_UNSUPPORTED,
                   "drive controller %u of disk '%s' is above the limit of %d",
                   disk->info.addr.drive.controller, disk->dst, DOMAIN_DRIVE_CONTROLLER_MAX - 1);
        return -1;
    }
    if (disk->device == DISK_DEVICE_FLOPPY && bus != DISK_BUS_FDC) {
        err_report(VIR_ERR_INTERNAL_ERROR, "Invalid bus type '%s' for floppy disk",
                   disk_bus_to_string(bus));
        return -1;
    }
    if (disk->device != DISK_DEVICE_FLOPPY && bus == DISK_BUS_FDC) {
        err_report(VIR_ERR_INTERNAL_ERROR, "Invalid bus type '%s' for disk",
                   disk_bus_to_string(bus));
        return -1;
    }
    if (disk->device == DISK_DEVICE_FLOPPY && !g_str_has_prefix(disk->dst, "fd")) {
        err_report(VIR_ERR_INTERNAL_ERROR, "Invalid floppy device name: %s", disk->dst);
        return -1;
    }
    if (disk->device != DISK_DEVICE_FLOPPY && !has_disk_prefix(disk->dst)) {
        err_report(VIR_ERR_INTERNAL_ERROR, "Invalid harddisk device name: %s", disk->dst);
        return -1;
    }
    return 0;
}

/**
 * domain_devices_validate_controllers() - see devices.h
 */
int
domain_devices_validate_controllers(XmlCtx *ctx, const DomainDevices *devs)
{
    (void) ctx;
    for (size_t i = 0; i < devs->ncontrollers; i++) {
        const DomainController *a = devs->controllers[i];

        for (size_t j = i + 1; j < devs->ncontrollers; j++) {
            const DomainController *b = devs->controllers[j];

            /* USB companion controllers share their master's index */
            if (a->info.master_startport || b->info.master_startport)
                continue;
            if (a->type == b->type && a->has_index && b->has_index && a->index == b->index) {
                err_report(VIR_ERR_XML_ERROR, "Multiple '%s' controllers with index '%u'",
                           controller_type_to_string(a->type), a->index);
                return -1;
            }
        }
    }
    return 0;
}
