/* common/conf/domain/domain.h: libvirt's <domain> XML model. DomainDef holds
 * the general parts (general.h) and the devices (devices.h); parse, format,
 * validate and free come from the table in domain.c. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <glib.h>
#include <libxml/tree.h>

#include "common/conf/xmlmap.h"
#include "common/conf/domain/general.h"
#include "common/conf/domain/devices.h"

typedef enum {
    DOMAIN_VIRT_NONE, DOMAIN_VIRT_QEMU, DOMAIN_VIRT_KQEMU, DOMAIN_VIRT_KVM,
    DOMAIN_VIRT_XEN, DOMAIN_VIRT_LXC, DOMAIN_VIRT_UML, DOMAIN_VIRT_OPENVZ,
    DOMAIN_VIRT_TEST, DOMAIN_VIRT_VMWARE, DOMAIN_VIRT_HYPERV, DOMAIN_VIRT_VBOX,
    DOMAIN_VIRT_PHYP, DOMAIN_VIRT_PARALLELS, DOMAIN_VIRT_BHYVE, DOMAIN_VIRT_VZ,
    DOMAIN_VIRT_HVF, DOMAIN_VIRT_LAST
} DomainVirtType;

typedef struct DomainDef {
    int virt_type;                  /* DomainVirtType */
    int id;                         /* runtime id, valid when has_id */
    bool has_id;

    char *name;
    unsigned char uuid[16];
    unsigned char genid[16];
    bool genid_requested;           /* <genid/> seen; post-parse makes one */
    char *title;
    char *description;
    xmlNode *metadata;              /* <metadata> kept verbatim */

    DomainMaxMemory max_memory;
    DomainMemorySize memory;
    unsigned long long current_memory_kib;
    DomainBlkiotune blkiotune;
    DomainMemtune memtune;
    DomainMemoryBacking memory_backing;

    DomainVcpu vcpu;
    DomainVcpuInfo *vcpu_infos;     /* <vcpus> */
    size_t nvcpu_infos;
    unsigned int iothreads;
    DomainIothread *iothreadids;
    size_t niothreadids;
    DomainDefaultIothread *default_iothread;
    DomainCputune cputune;
    DomainNumatune numatune;
    DomainResource resource;
    DomainSysinfo *sysinfos;
    size_t nsysinfos;

    char *bootloader;
    char *bootloader_args;
    DomainOs os;
    DomainIdMapEntry *uid_maps;
    size_t nuid_maps;
    DomainIdMapEntry *gid_maps;
    size_t ngid_maps;
    DomainFeatures features;
    DomainCpu *cpu;
    DomainClock clock;

    int on_poweroff;                /* DomainLifecycleAction */
    int on_reboot;
    int on_crash;
    int on_lockfailure;             /* DomainLockFailureAction */
    DomainPm pm;
    DomainPerfEvent *perf_events;
    size_t nperf_events;

    DomainDevices devices;

    DomainSeclabel *seclabels;
    size_t nseclabels;
    DomainKeywrapCipher *keywrap_ciphers;
    size_t nkeywrap_ciphers;
    DomainLaunchSecurity *launch_security;
} DomainDef;

extern const XmlSchema domain_def_schema;
ENUM_STRINGS_DECL(domain_virt_type);

/* Driver-specific rules, run by domain_def_validate() after the generic ones.
 * A driver fills what it needs; NULL members are skipped. */
typedef struct DomainValidateOps {
    /* Whole-definition rules; report one error and return -1 to refuse. */
    int (*domain)(const DomainDef *def, void *opaque);
    void *opaque;
} DomainValidateOps;

DomainDef *domain_def_new(void);
DomainDef *domain_def_parse_string(const char *xml, unsigned int flags);
char *domain_def_format(const DomainDef *def, unsigned int flags);
int domain_def_validate(const DomainDef *def, const DomainValidateOps *ops);
DomainDef *domain_def_copy(const DomainDef *def);
void domain_def_free(DomainDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(DomainDef, domain_def_free)

/* ---- compat.c: libvirt's defaults and rules across devices ---- */

/**
 * domain_def_post_parse_compat() - fill what libvirt fills across devices
 * @def: freshly parsed definition
 *
 * Console targets default to 'serial'; serial, parallel and console ports
 * are numbered; an HVM guest's first serial port gets its mirroring
 * <console> (domain_devices_sync_console()); virtio channels and consoles
 * get their virtio-serial controller, smart cards a CCID address and
 * controller; an <input> without bus= gets the OS and arch's default.
 */
void domain_def_post_parse_compat(DomainDef *def);

/**
 * domain_devices_sync_console() - make the first console mirror the first
 * serial port again
 * @devs: the devices
 * @os_type: DomainOsType of the guest (only HVM guests mirror)
 *
 * Drivers call it after they change serial port 0 at runtime (a pty path),
 * so that <console> shows the same source.
 */
void domain_devices_sync_console(DomainDevices *devs, int os_type);

/**
 * domain_def_validate_compat() - the rules that go with those defaults
 *
 * Only the first console may be a serial port; redirected USB devices need
 * a USB controller and USB inputs one that is not model 'none'; memory
 * devices may only name existing NUMA nodes.
 *
 * Return: 0, or -1 with the error reported.
 */
int domain_def_validate_compat(XmlCtx *ctx, const DomainDef *def);

/* Current vCPU count (the <vcpu current=> value, or the maximum). */
unsigned int domain_def_vcpus_current(const DomainDef *def);
/* Total memory in KiB: the NUMA cells' sum when there are cells. */
unsigned long long domain_def_memory_total(const DomainDef *def);
