/* common/conf/domain/general.h: the non-device parts of libvirt's domain XML
 * (memory, CPU tuning, OS boot, sysinfo, features, guest CPU, clock, life
 * cycle, security labels). Each family's table lives in its own .c file; the
 * <domain> table in domain.c stitches them together in libvirt's order. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <glib.h>

#include "common/conf/xmlmap.h"
#include "common/conf/domain/domain_codecs.h"
#include "common/util/enumstr.h"

/* libvirt's "unlimited" memory tuning value, in KiB (2^53 - 1). */
#define DOMAIN_MEMORY_UNLIMITED 9007199254740991ULL

/* ==== memory.c ============================================================ */

/* <memory unit='KiB' dumpCore='on'>: total guest memory */
typedef struct {
    unsigned long long kib;
    int dump_core;                  /* XML_TRISTATE_*, on/off */
} DomainMemorySize;

/* <maxMemory slots='16' unit='KiB'>: memory hotplug ceiling */
typedef struct {
    unsigned long long kib;
    unsigned int slots;
} DomainMaxMemory;

typedef struct {
    unsigned long long size_kib;
    char *nodeset;
} DomainHugePage;

typedef struct {
    DomainHugePage *pages;
    size_t npages;
} DomainHugePages;

typedef enum {
    DOMAIN_MEM_SOURCE_NONE, DOMAIN_MEM_SOURCE_FILE, DOMAIN_MEM_SOURCE_ANONYMOUS,
    DOMAIN_MEM_SOURCE_MEMFD, DOMAIN_MEM_SOURCE_LAST
} DomainMemSource;
typedef enum {
    DOMAIN_MEM_ACCESS_DEFAULT, DOMAIN_MEM_ACCESS_SHARED, DOMAIN_MEM_ACCESS_PRIVATE,
    DOMAIN_MEM_ACCESS_LAST
} DomainMemAccess;
typedef enum {
    DOMAIN_MEM_ALLOC_NONE, DOMAIN_MEM_ALLOC_IMMEDIATE, DOMAIN_MEM_ALLOC_ONDEMAND,
    DOMAIN_MEM_ALLOC_LAST
} DomainMemAlloc;

typedef struct {
    DomainHugePages *hugepages;     /* NULL: no <hugepages> */
    bool nosharepages;
    bool locked;
    int source;                     /* DomainMemSource */
    int access;                     /* DomainMemAccess */
    int alloc_mode;                 /* DomainMemAlloc */
    unsigned int alloc_threads;
    bool has_alloc_threads;
    bool discard;
} DomainMemoryBacking;

/* Limits are in KiB; has_* says the limit is set (libvirt's "unlimited"
 * means unset). */
typedef struct {
    unsigned long long hard_limit, soft_limit, min_guarantee, swap_hard_limit;
    bool has_hard_limit, has_soft_limit, has_min_guarantee, has_swap_hard_limit;
} DomainMemtune;

typedef struct {
    char *path;
    unsigned int weight;
    unsigned int read_iops_sec, write_iops_sec;
    unsigned long long read_bytes_sec, write_bytes_sec;
} DomainBlkioDevice;

typedef struct {
    unsigned int weight;
    DomainBlkioDevice *devices;
    size_t ndevices;
} DomainBlkiotune;

extern const XmlSchema domain_memory_schema;
extern const XmlSchema domain_max_memory_schema;
extern const XmlSchema domain_memory_backing_schema;
extern const XmlSchema domain_memtune_schema;
extern const XmlSchema domain_blkiotune_schema;
ENUM_STRINGS_DECL(domain_mem_source);
ENUM_STRINGS_DECL(domain_mem_access);
ENUM_STRINGS_DECL(domain_mem_alloc);

/* ==== cpu_tune.c ============================================================ */

typedef enum {
    DOMAIN_PLACEMENT_STATIC, DOMAIN_PLACEMENT_AUTO, DOMAIN_PLACEMENT_LAST
} DomainPlacement;

/* <vcpu placement= cpuset= current=>max</vcpu> */
typedef struct {
    int placement;                  /* DomainPlacement */
    bool placement_seen;
    char *cpuset;
    unsigned int current;           /* 0: same as max (libvirt omits it then) */
    unsigned int max;
} DomainVcpu;

/* <vcpus><vcpu id= enabled= hotpluggable= order=/></vcpus> */
typedef struct {
    unsigned int id;
    bool enabled;
    int hotpluggable;               /* XML_TRISTATE_* */
    unsigned int order;
} DomainVcpuInfo;

typedef struct {
    unsigned int id;
    unsigned int pool_min, pool_max;
    bool has_pool_min, has_pool_max;
} DomainIothread;

/* <defaultiothread thread_pool_min= thread_pool_max=/> */
typedef struct {
    unsigned int pool_min, pool_max;
    bool has_pool_min, has_pool_max;
} DomainDefaultIothread;

typedef struct {
    unsigned int vcpu;
    char *cpuset;
} DomainVcpuPin;

typedef struct {
    unsigned int iothread;
    char *cpuset;
} DomainIothreadPin;

typedef enum {
    DOMAIN_SCHED_NONE, DOMAIN_SCHED_BATCH, DOMAIN_SCHED_IDLE, DOMAIN_SCHED_FIFO,
    DOMAIN_SCHED_RR, DOMAIN_SCHED_LAST
} DomainSchedPolicy;

typedef struct {
    unsigned int priority;          /* fifo and rr only */
} DomainSchedPriority;

/* <vcpusched vcpus=>, <iothreadsched iothreads=>, <emulatorsched> */
typedef struct {
    char *ids;                      /* vcpus= / iothreads=; NULL for the emulator */
    int policy;                     /* DomainSchedPolicy */
    DomainSchedPriority rt;
} DomainSched;

typedef enum {
    DOMAIN_CACHE_BOTH, DOMAIN_CACHE_CODE, DOMAIN_CACHE_DATA, DOMAIN_CACHE_TYPE_LAST
} DomainCacheType;

typedef struct {
    unsigned int id;
    unsigned int level;
    int type;                       /* DomainCacheType */
    unsigned long long size_bytes;  /* printed in the largest exact unit */
} DomainCacheAlloc;

typedef struct {
    unsigned int level;
    char *vcpus;
} DomainResMonitor;

typedef struct {
    char *vcpus;
    char *id;                       /* runtime resctrl group name */
    DomainCacheAlloc *caches;
    size_t ncaches;
    DomainResMonitor *monitors;
    size_t nmonitors;
} DomainCachetune;

typedef struct {
    unsigned int id;
    unsigned int bandwidth;
} DomainMemBandwidth;

typedef struct {
    char *vcpus;
    DomainMemBandwidth *nodes;
    size_t nnodes;
    DomainResMonitor *monitors;
    size_t nmonitors;
} DomainMemorytune;

typedef struct {
    unsigned long long shares;
    bool has_shares;
    unsigned long long period, global_period, emulator_period, iothread_period;
    long long quota, global_quota, emulator_quota, iothread_quota;
    DomainVcpuPin *vcpupins;
    size_t nvcpupins;
    char *emulatorpin;
    DomainIothreadPin *iothreadpins;
    size_t niothreadpins;
    DomainSched emulatorsched;
    DomainSched *vcpuscheds;
    size_t nvcpuscheds;
    DomainSched *iothreadscheds;
    size_t niothreadscheds;
    DomainCachetune *cachetunes;
    size_t ncachetunes;
    DomainMemorytune *memorytunes;
    size_t nmemorytunes;
} DomainCputune;

typedef enum {
    DOMAIN_NUMA_MODE_STRICT, DOMAIN_NUMA_MODE_PREFERRED, DOMAIN_NUMA_MODE_INTERLEAVE,
    DOMAIN_NUMA_MODE_RESTRICTIVE, DOMAIN_NUMA_MODE_LAST
} DomainNumaMode;
typedef enum {
    DOMAIN_NUMA_PLACEMENT_DEFAULT, DOMAIN_NUMA_PLACEMENT_STATIC, DOMAIN_NUMA_PLACEMENT_AUTO,
    DOMAIN_NUMA_PLACEMENT_LAST
} DomainNumaPlacement;

typedef struct {
    int mode;                       /* DomainNumaMode */
    int placement;                  /* DomainNumaPlacement */
    char *nodeset;
} DomainNumaMemory;

typedef struct {
    unsigned int cellid;
    int mode;
    char *nodeset;
} DomainNumaMemnode;

typedef struct {
    DomainNumaMemory *memory;       /* NULL: no <memory> */
    DomainNumaMemnode *memnodes;
    size_t nmemnodes;
} DomainNumatune;

typedef struct {
    char *partition;
    char *fibrechannel_appid;
} DomainResource;

extern const XmlSchema domain_vcpu_schema;
extern const XmlSchema domain_vcpus_schema;
extern const XmlSchema domain_iothreadids_schema;
extern const XmlSchema domain_default_iothread_schema;
extern const XmlSchema domain_cputune_schema;
extern const XmlSchema domain_numatune_schema;
extern const XmlSchema domain_resource_schema;
ENUM_STRINGS_DECL(domain_placement);
ENUM_STRINGS_DECL(domain_sched_policy);
ENUM_STRINGS_DECL(domain_numa_mode);
ENUM_STRINGS_DECL(domain_numa_placement);

/* ==== sysinfo.c ============================================================= */

typedef enum {
    DOMAIN_SYSINFO_NONE, DOMAIN_SYSINFO_SMBIOS, DOMAIN_SYSINFO_FWCFG, DOMAIN_SYSINFO_LAST
} DomainSysinfoType;

/* <entry name='vendor'>text</entry>; @name indexes the block's enum */
typedef struct {
    int name;
    char *value;
} DomainSysinfoEntry;

typedef struct {
    DomainSysinfoEntry *entries;
    size_t nentries;
} DomainSysinfoBlock;

typedef struct {
    char *name;
    char *file;
    char *value;
} DomainFwcfgEntry;

typedef struct {
    DomainSysinfoBlock *bios;
    DomainSysinfoBlock *system;
    DomainSysinfoBlock *baseboards;
    size_t nbaseboards;
    DomainSysinfoBlock *chassis;
    char **oem_strings;
    size_t noem_strings;
    bool has_oem_strings;
} DomainSmbios;

typedef struct {
    int type;                       /* DomainSysinfoType */
    DomainSmbios smbios;
    DomainFwcfgEntry *fwcfg;
    size_t nfwcfg;
} DomainSysinfo;

extern const XmlSchema domain_sysinfo_schema;
ENUM_STRINGS_DECL(domain_sysinfo_type);
/* The value of <system><entry name='uuid'>, or NULL. */
const char *domain_sysinfo_system_uuid(const DomainSysinfo *si);

/* ==== os.c ================================================================== */

typedef enum {
    DOMAIN_OS_NONE, DOMAIN_OS_HVM, DOMAIN_OS_XEN, DOMAIN_OS_LINUX, DOMAIN_OS_EXE,
    DOMAIN_OS_UML, DOMAIN_OS_XENPVH, DOMAIN_OS_LAST
} DomainOsType;
typedef enum {
    DOMAIN_BOOT_NONE, DOMAIN_BOOT_FD, DOMAIN_BOOT_CDROM, DOMAIN_BOOT_HD,
    DOMAIN_BOOT_NETWORK, DOMAIN_BOOT_LAST
} DomainBootDev;
typedef enum {
    DOMAIN_LOADER_NONE, DOMAIN_LOADER_ROM, DOMAIN_LOADER_PFLASH, DOMAIN_LOADER_LAST
} DomainLoaderType;
typedef enum {
    DOMAIN_FIRMWARE_NONE, DOMAIN_FIRMWARE_BIOS, DOMAIN_FIRMWARE_EFI, DOMAIN_FIRMWARE_LAST
} DomainFirmware;
typedef enum {
    DOMAIN_FW_FEATURE_ENROLLED_KEYS, DOMAIN_FW_FEATURE_SECURE_BOOT, DOMAIN_FW_FEATURE_LAST
} DomainFirmwareFeature;
typedef enum {
    DOMAIN_SMBIOS_NONE, DOMAIN_SMBIOS_EMULATE, DOMAIN_SMBIOS_HOST, DOMAIN_SMBIOS_SYSINFO,
    DOMAIN_SMBIOS_LAST
} DomainSmbiosMode;

typedef struct {
    int name;                       /* DomainFirmwareFeature */
    bool enabled;
} DomainFwFeature;

typedef struct {
    char *name;
    char *value;
} DomainInitEnv;

typedef struct {
    int readonly, secure, stateless;    /* XML_TRISTATE_* */
    int type;                           /* DomainLoaderType */
    char *path;
} DomainLoader;

typedef struct {
    char *template_path;
    char *path;
} DomainNvram;

typedef struct {
    int type;                       /* "slic" is the only one */
    char *path;
} DomainAcpiTable;

typedef struct {
    int dev;                        /* DomainBootDev */
} DomainBoot;

typedef struct {
    int firmware;                   /* DomainFirmware */
    int type;                       /* DomainOsType */
    int arch;                       /* DomainArch, 0 = unset */
    char *machine;
    DomainFwFeature *fw_features;
    size_t nfw_features;
    char *init;
    char **initargs;
    size_t ninitargs;
    DomainInitEnv *initenvs;
    size_t ninitenvs;
    char *initdir, *inituser, *initgroup;
    DomainLoader *loader;
    DomainNvram *nvram;
    char *kernel, *initrd, *cmdline, *dtb, *root;
    DomainAcpiTable *acpi_tables;
    size_t nacpi_tables;
    DomainBoot *boots;
    size_t nboots;
    int bootmenu_enable;            /* XML_TRISTATE_* */
    unsigned int bootmenu_timeout;
    bool has_bootmenu_timeout;
    int bios_useserial;             /* XML_TRISTATE_* */
    int bios_reboot_timeout;
    bool has_bios_reboot_timeout;
    int smbios_mode;                /* DomainSmbiosMode */
} DomainOs;

typedef enum {
    DOMAIN_ARCH_NONE, DOMAIN_ARCH_AARCH64, DOMAIN_ARCH_ALPHA, DOMAIN_ARCH_ARMV6L,
    DOMAIN_ARCH_ARMV7L, DOMAIN_ARCH_ARMV7B, DOMAIN_ARCH_CRIS, DOMAIN_ARCH_I686,
    DOMAIN_ARCH_IA64, DOMAIN_ARCH_LM32, DOMAIN_ARCH_M68K, DOMAIN_ARCH_MICROBLAZE,
    DOMAIN_ARCH_MICROBLAZEEL, DOMAIN_ARCH_MIPS, DOMAIN_ARCH_MIPSEL, DOMAIN_ARCH_MIPS64,
    DOMAIN_ARCH_MIPS64EL, DOMAIN_ARCH_OPENRISC, DOMAIN_ARCH_PARISC, DOMAIN_ARCH_PARISC64,
    DOMAIN_ARCH_PPC, DOMAIN_ARCH_PPC64, DOMAIN_ARCH_PPC64LE, DOMAIN_ARCH_PPCEMB,
    DOMAIN_ARCH_RISCV32, DOMAIN_ARCH_RISCV64, DOMAIN_ARCH_S390, DOMAIN_ARCH_S390X,
    DOMAIN_ARCH_SH4, DOMAIN_ARCH_SH4EB, DOMAIN_ARCH_SPARC, DOMAIN_ARCH_SPARC64,
    DOMAIN_ARCH_UNICORE32, DOMAIN_ARCH_X86_64, DOMAIN_ARCH_XTENSA, DOMAIN_ARCH_XTENSAEB,
    DOMAIN_ARCH_LAST
} DomainArch;

extern const XmlSchema domain_os_schema;
ENUM_STRINGS_DECL(domain_os_type);
ENUM_STRINGS_DECL(domain_arch);
ENUM_STRINGS_DECL(domain_boot_dev);
ENUM_STRINGS_DECL(domain_loader_type);
ENUM_STRINGS_DECL(domain_firmware);
ENUM_STRINGS_DECL(domain_smbios_mode);

/* ==== features.c ============================================================ */

/* A feature element whose only setting is state='on|off' (absent = on). */
typedef struct {
    int state;                      /* XML_TRISTATE_*, 0 = element absent */
} DomainFeatureSwitch;

typedef struct {
    int eoi;                        /* XML_TRISTATE_* (on/off) */
} DomainApic;

typedef struct {
    int state;
    unsigned int retries;
    bool has_retries;
} DomainHvSpinlocks;

typedef struct {
    int state;
    DomainFeatureSwitch direct;
} DomainHvStimer;

typedef struct {
    int state;
    char *value;
} DomainHvVendorId;

typedef enum {
    DOMAIN_HYPERV_CUSTOM, DOMAIN_HYPERV_PASSTHROUGH, DOMAIN_HYPERV_MODE_LAST
} DomainHypervMode;

typedef struct {
    int mode;                       /* DomainHypervMode */
    DomainFeatureSwitch relaxed, vapic;
    DomainHvSpinlocks spinlocks;
    DomainFeatureSwitch vpindex, runtime, synic;
    DomainHvStimer stimer;
    DomainFeatureSwitch reset;
    DomainHvVendorId vendor_id;
    DomainFeatureSwitch frequencies, reenlightenment, tlbflush, ipi, evmcs, avic;
} DomainHyperv;

typedef struct {
    int state;
    unsigned int size;
} DomainKvmDirtyRing;

typedef struct {
    DomainFeatureSwitch hidden, hint_dedicated, poll_control, pv_ipi;
    DomainKvmDirtyRing dirty_ring;
} DomainKvmFeatures;

typedef struct {
    int state;
    char *mode;
} DomainXenPassthrough;

typedef struct {
    DomainFeatureSwitch e820_host;
    DomainXenPassthrough passthrough;
} DomainXenFeatures;

typedef enum {
    DOMAIN_CAPS_POLICY_DEFAULT, DOMAIN_CAPS_POLICY_ALLOW, DOMAIN_CAPS_POLICY_DENY,
    DOMAIN_CAPS_POLICY_LAST
} DomainCapsPolicy;

#define DOMAIN_CAPS_FEATURE_COUNT 37
typedef struct {
    int policy;                     /* DomainCapsPolicy */
    DomainFeatureSwitch caps[DOMAIN_CAPS_FEATURE_COUNT];  /* libvirt's order */
} DomainCapabilities;

typedef enum {
    DOMAIN_GIC_NONE, DOMAIN_GIC_HOST, DOMAIN_GIC_2, DOMAIN_GIC_3, DOMAIN_GIC_LAST
} DomainGicVersion;

typedef struct {
    int version;                    /* DomainGicVersion */
} DomainGic;

typedef struct {
    int state;
    unsigned long long tseg_bytes;  /* printed in the largest exact unit */
    bool has_tseg;
} DomainSmm;

typedef enum {
    DOMAIN_IOAPIC_NONE, DOMAIN_IOAPIC_QEMU, DOMAIN_IOAPIC_KVM, DOMAIN_IOAPIC_LAST
} DomainIoapicDriver;

typedef enum {
    DOMAIN_HPT_NONE, DOMAIN_HPT_ENABLED, DOMAIN_HPT_DISABLED, DOMAIN_HPT_REQUIRED,
    DOMAIN_HPT_LAST
} DomainHptResizing;

typedef struct {
    int resizing;                   /* DomainHptResizing */
    unsigned long long maxpagesize_kib;
} DomainHpt;

typedef struct {
    unsigned long long tb_cache_kib;
} DomainTcg;

typedef struct {
    bool acpi;
    DomainApic *apic;
    bool pae;
    DomainFeatureSwitch hap;
    bool viridian;
    bool privnet;
    DomainHyperv *hyperv;
    DomainKvmFeatures *kvm;
    DomainFeatureSwitch pvspinlock;
    DomainCapabilities *capabilities;
    DomainFeatureSwitch pmu, vmport;
    DomainGic *gic;
    DomainSmm smm;
    int ioapic;                     /* DomainIoapicDriver */
    DomainHpt *hpt;
    DomainFeatureSwitch vmcoreinfo, htm, nested_hv;
    int msrs_unknown;               /* 0, 1 ignore, 2 fault */
    DomainFeatureSwitch ccf_assist;
    DomainXenFeatures *xen;
    int cfpc, sbbc, ibs;            /* value= enums, 0 = absent */
    DomainTcg *tcg;
} DomainFeatures;

extern const XmlSchema domain_features_schema;
ENUM_STRINGS_DECL(domain_gic_version);

/* ==== cpu.c ================================================================= */

typedef enum {
    DOMAIN_CPU_MODE_CUSTOM, DOMAIN_CPU_MODE_HOST_MODEL, DOMAIN_CPU_MODE_HOST_PASSTHROUGH,
    DOMAIN_CPU_MODE_MAXIMUM, DOMAIN_CPU_MODE_LAST
} DomainCpuMode;
typedef enum {
    DOMAIN_CPU_MATCH_NONE, DOMAIN_CPU_MATCH_MINIMUM, DOMAIN_CPU_MATCH_EXACT,
    DOMAIN_CPU_MATCH_STRICT, DOMAIN_CPU_MATCH_LAST
} DomainCpuMatch;
typedef enum {
    DOMAIN_CPU_CHECK_DEFAULT, DOMAIN_CPU_CHECK_NONE, DOMAIN_CPU_CHECK_PARTIAL,
    DOMAIN_CPU_CHECK_FULL, DOMAIN_CPU_CHECK_LAST
} DomainCpuCheck;
typedef enum {
    DOMAIN_CPU_FALLBACK_NONE, DOMAIN_CPU_FALLBACK_ALLOW, DOMAIN_CPU_FALLBACK_FORBID,
    DOMAIN_CPU_FALLBACK_LAST
} DomainCpuFallback;
typedef enum {
    DOMAIN_CPU_POLICY_NONE, DOMAIN_CPU_POLICY_FORCE, DOMAIN_CPU_POLICY_REQUIRE,
    DOMAIN_CPU_POLICY_OPTIONAL, DOMAIN_CPU_POLICY_DISABLE, DOMAIN_CPU_POLICY_FORBID,
    DOMAIN_CPU_POLICY_LAST
} DomainCpuFeaturePolicy;

typedef struct {
    unsigned int sockets, dies, cores, threads;
} DomainCpuTopology;

typedef struct {
    unsigned int level;             /* 0 = unset */
    int mode;                       /* 1 emulate, 2 passthrough, 3 disable */
} DomainCpuCache;

typedef struct {
    int mode;                       /* 1 emulate, 2 passthrough */
    unsigned int bits;
} DomainCpuMaxPhysAddr;

typedef struct {
    int policy;                     /* DomainCpuFeaturePolicy */
    char *name;
} DomainCpuFeature;

typedef struct {
    unsigned int id;
    unsigned int value;
} DomainNumaSibling;

typedef struct {
    unsigned int level;
    int associativity;              /* 1 none, 2 direct, 3 full */
    int policy;                     /* 1 none, 2 writeback, 3 writethrough */
    unsigned long long size_kib;
    unsigned long long line_bytes;
} DomainNumaCache;

typedef struct {
    unsigned int id;
    bool id_seen;
    char *cpus;
    unsigned long long memory_kib;
    int mem_access;                 /* DomainMemAccess */
    int discard;                    /* XML_TRISTATE_* */
    DomainNumaSibling *siblings;
    size_t nsiblings;
    DomainNumaCache *caches;
    size_t ncaches;
} DomainNumaCell;

typedef struct {
    unsigned int initiator, target, cache;
    int type;                       /* 1 access, 2 read, 3 write */
    unsigned long long value;       /* latency in ns, bandwidth in KiB/s */
} DomainNumaLink;

typedef struct {
    DomainNumaCell *cells;
    size_t ncells;
    DomainNumaLink *latencies;
    size_t nlatencies;
    DomainNumaLink *bandwidths;
    size_t nbandwidths;
} DomainNuma;

typedef struct {
    int mode;                       /* DomainCpuMode */
    int match;                      /* DomainCpuMatch */
    int check;                      /* DomainCpuCheck */
    int migratable;                 /* XML_TRISTATE_* (on/off) */
    int fallback;                   /* DomainCpuFallback */
    char *vendor_id;
    char *model;
    bool has_model_element;
    char *vendor;
    DomainCpuTopology *topology;
    DomainCpuCache *cache;
    DomainCpuMaxPhysAddr *maxphysaddr;
    DomainCpuFeature *features;
    size_t nfeatures;
    DomainNuma *numa;
} DomainCpu;

extern const XmlSchema domain_cpu_schema;
ENUM_STRINGS_DECL(domain_cpu_mode);
ENUM_STRINGS_DECL(domain_cpu_feature_policy);
/* Sum of the NUMA cells' memory in KiB (0 without NUMA). */
unsigned long long domain_cpu_numa_memory(const DomainCpu *cpu);

/* ==== clock.c ================================================================ */

typedef enum {
    DOMAIN_CLOCK_UTC, DOMAIN_CLOCK_LOCALTIME, DOMAIN_CLOCK_VARIABLE, DOMAIN_CLOCK_TIMEZONE,
    DOMAIN_CLOCK_ABSOLUTE, DOMAIN_CLOCK_LAST
} DomainClockOffset;
typedef enum {
    DOMAIN_CLOCK_BASIS_UTC, DOMAIN_CLOCK_BASIS_LOCALTIME, DOMAIN_CLOCK_BASIS_LAST
} DomainClockBasis;
typedef enum {
    DOMAIN_TIMER_PLATFORM, DOMAIN_TIMER_PIT, DOMAIN_TIMER_RTC, DOMAIN_TIMER_HPET,
    DOMAIN_TIMER_TSC, DOMAIN_TIMER_KVMCLOCK, DOMAIN_TIMER_HYPERVCLOCK,
    DOMAIN_TIMER_ARMVTIMER, DOMAIN_TIMER_LAST
} DomainTimerName;

typedef struct {
    unsigned int threshold, slew, limit;
} DomainTimerCatchup;

typedef struct {
    int name;                       /* DomainTimerName */
    int present;                    /* XML_TRISTATE_* */
    int tickpolicy;                 /* 0, delay, catchup, merge, discard */
    int track;                      /* 0, boot, guest, wall, realtime */
    unsigned long long frequency;
    int mode;                       /* 0, auto, native, emulate, paravirt, smpsafe */
    DomainTimerCatchup catchup;
} DomainTimer;

typedef struct {
    int offset;                     /* DomainClockOffset */
    char *utc_adjustment;           /* utc/localtime: only "reset" survives */
    long long adjustment;           /* variable */
    int basis;                      /* variable: DomainClockBasis */
    char *timezone;
    unsigned long long start;       /* absolute */
    DomainTimer *timers;
    size_t ntimers;
} DomainClock;

extern const XmlSchema domain_clock_schema;
ENUM_STRINGS_DECL(domain_clock_offset);
ENUM_STRINGS_DECL(domain_timer_name);

/* ==== lifecycle.c: on_*, pm, perf, idmap ======================================= */

typedef enum {
    DOMAIN_LIFECYCLE_DEFAULT, DOMAIN_LIFECYCLE_DESTROY, DOMAIN_LIFECYCLE_RESTART,
    DOMAIN_LIFECYCLE_RENAME_RESTART, DOMAIN_LIFECYCLE_PRESERVE,
    DOMAIN_LIFECYCLE_COREDUMP_DESTROY, DOMAIN_LIFECYCLE_COREDUMP_RESTART,
    DOMAIN_LIFECYCLE_LAST
} DomainLifecycleAction;
typedef enum {
    DOMAIN_LOCKFAIL_DEFAULT, DOMAIN_LOCKFAIL_POWEROFF, DOMAIN_LOCKFAIL_RESTART,
    DOMAIN_LOCKFAIL_PAUSE, DOMAIN_LOCKFAIL_IGNORE, DOMAIN_LOCKFAIL_LAST
} DomainLockFailureAction;

typedef struct {
    int suspend_to_mem;             /* XML_TRISTATE_* */
    int suspend_to_disk;
} DomainPm;

typedef struct {
    int name;                       /* index in libvirt's perf event list */
    bool enabled;
} DomainPerfEvent;

typedef struct {
    unsigned int start, target, count;
} DomainIdMapEntry;

extern const XmlSchema domain_pm_schema;
extern const XmlSchema domain_perf_event_schema;
extern const XmlSchema domain_idmap_uid_schema;
extern const XmlSchema domain_idmap_gid_schema;
ENUM_STRINGS_DECL(domain_lifecycle_action);
ENUM_STRINGS_DECL(domain_lockfailure_action);
ENUM_STRINGS_DECL(domain_perf_event);
/* Sort perf events into libvirt's order (duplicates end up adjacent). */
void domain_perf_events_sort(DomainPerfEvent *events, size_t nevents);

/* ==== security.c: seclabel, keywrap, launchSecurity ============================== */

typedef enum {
    DOMAIN_SECLABEL_DEFAULT, DOMAIN_SECLABEL_NONE, DOMAIN_SECLABEL_DYNAMIC,
    DOMAIN_SECLABEL_STATIC, DOMAIN_SECLABEL_LAST
} DomainSeclabelType;

typedef struct {
    int type;                       /* DomainSeclabelType */
    char *model;
    int relabel;                    /* XML_TRISTATE_* */
    char *label;
    char *imagelabel;
    char *baselabel;
} DomainSeclabel;

typedef struct {
    int name;                       /* 0 aes, 1 dea */
    bool state;
} DomainKeywrapCipher;

typedef enum {
    DOMAIN_LAUNCH_SECURITY_NONE, DOMAIN_LAUNCH_SECURITY_SEV, DOMAIN_LAUNCH_SECURITY_PV,
    DOMAIN_LAUNCH_SECURITY_LAST
} DomainLaunchSecurityType;

typedef struct {
    int kernel_hashes;              /* XML_TRISTATE_* */
    unsigned int cbitpos, reduced_phys_bits;
    bool has_cbitpos, has_reduced_phys_bits;
    unsigned int policy;
    char *dh_cert;
    char *session;
} DomainSev;

typedef struct {
    int type;                       /* DomainLaunchSecurityType */
    DomainSev sev;
} DomainLaunchSecurity;

extern const XmlSchema domain_seclabel_schema;
extern const XmlSchema domain_keywrap_cipher_schema;
extern const XmlSchema domain_launch_security_schema;
ENUM_STRINGS_DECL(domain_seclabel_type);
