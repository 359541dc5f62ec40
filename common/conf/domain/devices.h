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
