/* common/conf/domain/devices.h: the <devices> element of libvirt's domain XML.
 * One array per device kind, kept in the order libvirt formats them; the
 * structs of each kind live in the family headers included below. The
 * top-level <domain> model embeds DomainDevices through
 * XML_EMBED(DomainDef, devices, &domain_devices_schema, ...). */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <glib.h>

#include "common/conf/xmlmap.h"

typedef struct DomainDisk DomainDisk;
typedef struct DomainController DomainController;
typedef struct DomainLease DomainLease;
typedef struct DomainFs DomainFs;
typedef struct DomainNet DomainNet;
typedef struct DomainSmartcard DomainSmartcard;
typedef struct DomainChr DomainChr;
typedef struct DomainInput DomainInput;
typedef struct DomainTpm DomainTpm;
typedef struct DomainGraphics DomainGraphics;
typedef struct DomainSound DomainSound;
typedef struct DomainAudio DomainAudio;
typedef struct DomainVideo DomainVideo;
typedef struct DomainHostdev DomainHostdev;
typedef struct DomainRedirdev DomainRedirdev;
typedef struct DomainRedirFilter DomainRedirFilter;
typedef struct DomainHub DomainHub;
typedef struct DomainWatchdog DomainWatchdog;
typedef struct DomainMemballoon DomainMemballoon;
typedef struct DomainRng DomainRng;
typedef struct DomainNvramDev DomainNvramDev;
typedef struct DomainPanic DomainPanic;
typedef struct DomainShmem DomainShmem;
typedef struct DomainMemoryDev DomainMemoryDev;
typedef struct DomainIommu DomainIommu;
typedef struct DomainVsock DomainVsock;

/* Every array holds pointers (XF_PTR_ARRAY) so drivers can hot-plug and
 * unplug single devices without moving the others. */
typedef struct DomainDevices {
    char *emulator;
    DomainDisk **disks;
    size_t ndisks;
    DomainController **controllers;
    size_t ncontrollers;
    DomainLease **leases;
    size_t nleases;
    DomainFs **filesystems;
    size_t nfilesystems;
    DomainNet **nets;
    size_t nnets;
    DomainSmartcard **smartcards;
    size_t nsmartcards;
    DomainChr **serials;
    size_t nserials;
    DomainChr **parallels;
    size_t nparallels;
    DomainChr **consoles;
    size_t nconsoles;
    DomainChr **channels;
    size_t nchannels;
    DomainInput **inputs;
    size_t ninputs;
    DomainTpm **tpms;
    size_t ntpms;
    DomainGraphics **graphics;
    size_t ngraphics;
    DomainSound **sounds;
    size_t nsounds;
    DomainAudio **audios;
    size_t naudios;
    DomainVideo **videos;
    size_t nvideos;
    DomainHostdev **hostdevs;
    size_t nhostdevs;
    DomainRedirdev **redirdevs;
    size_t nredirdevs;
    DomainRedirFilter *redirfilter;
    DomainHub **hubs;
    size_t nhubs;
    DomainWatchdog **watchdogs;
    size_t nwatchdogs;
    DomainMemballoon *memballoon;
    DomainRng **rngs;
    size_t nrngs;
    DomainNvramDev *nvram;
    DomainPanic **panics;
    size_t npanics;
    DomainShmem **shmems;
    size_t nshmems;
    DomainMemoryDev **memories;
    size_t nmemories;
    DomainIommu *iommu;
    DomainVsock *vsock;
} DomainDevices;

/* Element "devices". Its validate hook holds the rules that span several
 * devices (at most one vfio-ap mediated device, ...); it runs from
 * xmlmap_validate() on the whole domain, never from post-parse. */
extern const XmlSchema domain_devices_schema;

/**
 * domain_devices_have_boot_order() - whether any device has <boot order=>
 * @devs: the devices
 *
 * Per-device boot orders replace <os><boot dev=>; the domain's post-parse
 * step uses this to decide whether to add the default boot device.
 *
 * Return: true if a disk, interface, host device, redirected device or
 * filesystem carries a boot order.
 */
bool domain_devices_have_boot_order(const DomainDevices *devs);

/* The structs of each device family. */
#include "common/conf/domain/address.h"
#include "common/conf/domain/disk.h"
#include "common/conf/domain/controller.h"
#include "common/conf/domain/filesystem.h"
#include "common/conf/domain/hostdev.h"
#include "common/conf/domain/interface.h"
#include "common/conf/domain/chardev.h"
#include "common/conf/domain/other.h"

/* ---- what the parser adds (implicit.c) -------------------------------------- */

/**
 * domain_disk_name_index() - libvirt's drive index of a disk target name
 * @name: "hda", "sdb", "vdaa", "xvdc1" ... (fd, hd, vd, sd, xvd or ubd, then
 *        lowercase letters counted like spreadsheet columns, then an
 *        optional partition number)
 *
 * Return: the index (a=0, z=25, aa=26, ...), or -1 for any other name.
 */
int domain_disk_name_index(const char *name);

/**
 * domain_disk_fill_defaults() - the bus and address libvirt gives a disk
 * @disk: the disk
 *
 * A missing bus comes from the target name (floppies: fdc; hd: ide, sd:
 * scsi, vd: virtio, xvd: xen, ubd: uml; anything else: ide). A disk on an
 * IDE, SCSI (narrow, 7 units per controller: libvirt's generic rule; its
 * QEMU driver uses a wide bus), SATA or floppy bus without an address gets
 * the drive address its target name implies. CD-ROMs are read-only.
 */
void domain_disk_fill_defaults(DomainDisk *disk);

/**
 * domain_disk_insert() - add @disk to @devs where libvirt puts it
 * @devs: the devices (take ownership of @disk)
 * @disk: the disk
 *
 * Before the first disk on the same bus with a higher drive index, else
 * after the last disk on that bus, else at the end.
 */
void domain_disk_insert(DomainDevices *devs, DomainDisk *disk);

/* Highest drive controller index + 1 we accept: libvirt would add every
 * controller up to any index a target name or address implies. */
#define DOMAIN_DRIVE_CONTROLLER_MAX 4096

/**
 * domain_devices_add_implicit_controllers() - the disk controllers the
 * drive addresses need: every index from 0 to the highest one used, for
 * SCSI, floppy, IDE and SATA, appended to the controllers.
 * @devs: the devices
 */
void domain_devices_add_implicit_controllers(DomainDevices *devs);

/**
 * domain_devices_infos() - the DomainDeviceInfo of every device, in
 * document order
 * @devs: the devices
 * @os_type: DomainOsType (an HVM guest's first serial console, a copy of
 *           serial port 0, is left out)
 *
 * Return: an array of const DomainDeviceInfo * (free with
 * g_ptr_array_unref()).
 */
GPtrArray *domain_devices_infos(const DomainDevices *devs, int os_type);

/**
 * domain_devices_validate_unique() - what must be unique across devices:
 * aliases, boot orders, disk targets; and at most one watchdog
 *
 * Return: 0, or -1 with the error reported.
 */
int domain_devices_validate_unique(XmlCtx *ctx, const DomainDevices *devs, int os_type);

/**
 * domain_def_validate_vfio_ap() - a hypervisor driver's rule (QEMU's):
 * at most one mediated device of model vfio-ap. Drivers run it from
 * their DomainValidateOps; the XML itself allows several, and libvirt's
 * test driver accepts them.
 *
 * Return: 0, or -1 with VIR_ERR_CONFIG_UNSUPPORTED reported.
 */
int domain_def_validate_vfio_ap(const DomainDevices *devs);

/**
 * domain_devices_ensure_controller() - append a controller of @type and
 * @index unless there is one
 */
void domain_devices_ensure_controller(DomainDevices *devs, int type, unsigned int index);

/**
 * domain_devices_post_parse() - put freshly parsed devices in libvirt's
 * order and add what it adds
 * @devs: the devices
 *
 * Disks are ordered by domain_disk_insert() with the bus as written, then
 * completed by domain_disk_fill_defaults(); controllers are ordered by
 * index per type (one without index= goes after the others of its type and
 * takes the lowest free index); then the implicit disk controllers.
 * Called at the end of every parse of a whole domain.
 */
void domain_devices_post_parse(DomainDevices *devs);

/**
 * domain_disk_validate_target() - libvirt's checks of a disk's target
 * @ctx: parse context
 * @disk: the disk
 *
 * A target name without a drive index needs an address; floppies go on
 * the fdc bus and are named fd*, other disks are neither.
 *
 * Return: 0, or -1 with the error reported.
 */
int domain_disk_validate_target(XmlCtx *ctx, const DomainDisk *disk);

/**
 * domain_devices_validate_controllers() - no two controllers of one type
 * share an index (USB companion controllers excepted)
 *
 * Return: 0, or -1 with the error reported.
 */
int domain_devices_validate_controllers(XmlCtx *ctx, const DomainDevices *devs);
