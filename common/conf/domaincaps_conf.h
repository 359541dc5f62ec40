/* common/conf/domaincaps_conf.h: the <domainCapabilities> XML model: what a
 * hypervisor driver supports for one emulator/arch/machine/virt type. Most
 * elements are a "block": present, supported='yes|no' and named <enum> value
 * lists; drivers fill them and format. */
#pragma once

#include <stdbool.h>
#include <glib.h>

#include "common/conf/xmlmap.h"

typedef struct {
    char *name;
    char **values;
    size_t nvalues;
} DomCapsEnum;

/* <x supported='yes'><value>...</value><enum name=...>...</enum></x> */
typedef struct {
    bool present;
    bool supported;
    char **values;                  /* only <loader> uses plain values */
    size_t nvalues;
    DomCapsEnum *enums;
    size_t nenums;
} DomCapsBlock;

typedef struct {
    char *policy;
    char *name;
} DomCapsCpuFeature;

typedef struct {
    char *usable;                   /* yes, no, unknown */
    bool deprecated;
    char *vendor;
    char *name;
} DomCapsCpuModel;

/* the four <mode>s are always written; their present flags are unused */
typedef struct {
    DomCapsBlock host_passthrough;
    DomCapsBlock maximum;
    bool hm_supported;
    char *hm_model;
    char *hm_fallback;
    char *hm_vendor;
    DomCapsCpuFeature *hm_features;
    size_t nhm_features;
    bool custom_supported;
    DomCapsCpuModel *models;
    size_t nmodels;
} DomCapsCpu;

typedef struct {
    unsigned int node;
    unsigned long long size;        /* KiB */
} DomCapsSgxSection;

typedef struct {
    bool present;
    bool supported;
    unsigned int cbitpos;
    unsigned int reduced_phys_bits;
    unsigned int max_guests;
    unsigned int max_es_guests;
} DomCapsSev;

typedef struct {
    bool present;
    bool supported;
    bool flc;
    bool sgx1;
    bool sgx2;
    unsigned long long section_size; /* KiB */
    DomCapsSgxSection *sections;
    size_t nsections;
    bool has_sections;
} DomCapsSgx;

typedef struct {
    char *path;
    char *domain;
    char *machine;
    char *arch;
    unsigned int vcpu_max;
    bool has_vcpu;
    DomCapsBlock iothreads;
    DomCapsBlock os;
    DomCapsBlock loader;
    DomCapsCpu cpu;
    DomCapsBlock memory_backing;
    DomCapsBlock disk;
    DomCapsBlock graphics;
    DomCapsBlock video;
    DomCapsBlock hostdev;
    DomCapsBlock rng;
    DomCapsBlock filesystem;
    DomCapsBlock tpm;
    DomCapsBlock redirdev;
    DomCapsBlock channel;
    DomCapsBlock crypto;
    DomCapsBlock gic;
    DomCapsBlock vmcoreinfo;
    DomCapsBlock genid;
    DomCapsBlock backing_store_input;
    DomCapsBlock backup;
    DomCapsBlock async_teardown;
    DomCapsBlock s390_pv;
    DomCapsSev sev;
    DomCapsSgx sgx;
    DomCapsBlock hyperv;
} DomCapsDef;

extern const XmlSchema domcaps_def_schema;

DomCapsDef *domcaps_def_parse_string(const char *xml, unsigned int flags);
char *domcaps_def_format(const DomCapsDef *def, unsigned int flags);
void domcaps_def_free(DomCapsDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(DomCapsDef, domcaps_def_free)
