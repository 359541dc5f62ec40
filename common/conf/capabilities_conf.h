/* common/conf/capabilities_conf.h: the host <capabilities> XML model: the
 * host (CPU, power management, NUMA topology, caches, security models) and
 * the guest types a driver offers. Drivers fill it from the host and format
 * it; parsing exists for tests and tools. */
#pragma once

#include <stdbool.h>
#include <glib.h>

#include "common/conf/xmlmap.h"
#include "common/util/enumstr.h"

typedef enum {
    CAPS_MAXPHYS_NONE,
    CAPS_MAXPHYS_EMULATE,
    CAPS_MAXPHYS_PASSTHROUGH,
    CAPS_MAXPHYS_LAST
} CapsMaxPhysMode;
ENUM_STRINGS_DECL(caps_maxphys_mode);

typedef struct {
    char *name;
} CapsName;                         /* <feature name=>, <uri_transport> etc. */

typedef struct {
    unsigned int size;              /* KiB */
} CapsPageSize;

typedef struct {
    char *arch;
    bool pae;                       /* old-style <features> children */
    bool nonpae;
    bool vmx;
    bool svm;
    char *model;
    char *vendor;
    unsigned int microcode;
    bool has_microcode;
    unsigned int sig_family;
    unsigned int sig_model;
    unsigned int sig_stepping;
    bool has_signature;
    char *counter_name;
    unsigned long long counter_frequency;
    int counter_scaling;            /* XML_TRISTATE_* */
    bool has_counter;
    unsigned int sockets;
    unsigned int dies;
    unsigned int cores;
    unsigned int threads;
    bool has_topology;
    int maxphys_mode;               /* CapsMaxPhysMode */
    unsigned int maxphys_bits;
    CapsName *features;
    size_t nfeatures;
    CapsPageSize *pages;
    size_t npages;
} CapsHostCpu;

typedef struct {
    unsigned int size;              /* KiB */
    unsigned long long avail;
} CapsCellPages;

typedef struct {
    unsigned int id;
    unsigned int value;
} CapsDistance;

typedef struct {
    unsigned int id;
    unsigned int socket_id;         /* these four only with siblings */
    unsigned int die_id;
    unsigned int core_id;
    char *siblings;
} CapsCellCpu;

typedef struct {
    unsigned int id;
    unsigned long long memory;      /* KiB, 0 = unknown */
    CapsCellPages *pages;
    size_t npages;
    CapsDistance *distances;
    size_t ndistances;
    unsigned int ncpus_attr;        /* <cpus num=> */
    bool has_cpus;
    CapsCellCpu *cpus;
    size_t ncpus;
} CapsCell;

typedef struct {
    unsigned int granularity;
    unsigned int min;
    char *unit;
    char *type;
    unsigned int max_allocs;
} CapsCacheControl;

typedef struct {
    unsigned int id;
    unsigned int level;
    char *type;                     /* both, code, data */
    unsigned int size;
    char *unit;
    char *cpus;
    CapsCacheControl *controls;
    size_t ncontrols;
} CapsCacheBank;

typedef struct {
    unsigned int level;             /* cache monitors only, with has_level */
    unsigned int reuse_threshold;
    bool has_level;
    unsigned int max_monitors;
    CapsName *features;
    size_t nfeatures;
} CapsMonitor;

typedef struct {
    unsigned int granularity;
    unsigned int min;
    unsigned int max_allocs;
} CapsMemBWControl;

typedef struct {
    unsigned int id;
    char *cpus;
    CapsMemBWControl *controls;
    size_t ncontrols;
} CapsMemBWNode;

typedef struct {
    char *type;
    char *label;
} CapsBaseLabel;

typedef struct {
    char *model;
    char *doi;
    CapsBaseLabel *labels;
    size_t nlabels;
} CapsSecModel;

typedef struct {
    unsigned char uuid[16];
    CapsHostCpu cpu;
    bool pm_suspend_mem;
    bool pm_suspend_disk;
    bool pm_suspend_hybrid;
    bool iommu;
    bool has_migration;
    bool live_migrate;
    CapsName *migrate_transports;
    size_t nmigrate_transports;
    char *netprefix;
    bool has_topology;
    unsigned int ncells_attr;       /* <cells num=> */
    CapsCell *cells;
    size_t ncells;
    CapsCacheBank *cache_banks;
    size_t ncache_banks;
    CapsMonitor *cache_monitor;
    CapsMemBWNode *membw_nodes;
    size_t nmembw_nodes;
    CapsMonitor *membw_monitor;
    CapsSecModel *secmodels;
    size_t nsecmodels;
} CapsHost;

typedef struct {
    char *canonical;
    int max_cpus;                   /* 0 = not given */
    bool deprecated;
    char *name;
} CapsMachine;

typedef struct {
    char *type;                     /* qemu, kvm, lxc, xen, test... */
    char *emulator;
    char *loader;
    CapsMachine *machines;
    size_t nmachines;
} CapsGuestDomain;

/* a guest feature such as <acpi default='on' toggle='yes'/> */
typedef struct {
    bool present;
    int default_on;                 /* XML_TRISTATE_* (on/off) */
    int toggle;                     /* XML_TRISTATE_* (yes/no) */
} CapsGuestFeature;

typedef struct {
    char *os_type;
    char *arch;
    unsigned int wordsize;
    char *emulator;
    char *loader;
    CapsMachine *machines;
    size_t nmachines;
    CapsGuestDomain *domains;
    size_t ndomains;
    CapsGuestFeature pae;
    CapsGuestFeature nonpae;
    CapsGuestFeature ia64_be;
    CapsGuestFeature acpi;
    CapsGuestFeature apic;
    CapsGuestFeature cpuselection;
    CapsGuestFeature deviceboot;
    CapsGuestFeature disksnapshot;
    CapsGuestFeature hap;
    CapsGuestFeature external_snapshot;
} CapsGuest;

typedef struct {
    CapsHost host;
    CapsGuest *guests;
    size_t nguests;
} CapsDef;

extern const XmlSchema caps_def_schema;

CapsDef *caps_def_parse_string(const char *xml, unsigned int flags);
char *caps_def_format(const CapsDef *def, unsigned int flags);
void caps_def_free(CapsDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CapsDef, caps_def_free)
