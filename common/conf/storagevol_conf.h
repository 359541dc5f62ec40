/* common/conf/storagevol_conf.h: the storage volume <volume> XML model. A
 * volume's format names depend on its pool's type: set pool_type (a PoolType)
 * before validating or formatting; the parser assumes a directory pool. */
#pragma once

#include <stdbool.h>
#include <glib.h>

#include "common/conf/storage_conf.h"
#include "common/conf/xmlmap.h"
#include "common/util/enumstr.h"

/* Volume parse flags (above the XMLMAP_PARSE_* bits). */
enum {
    VOL_PARSE_NO_CAPACITY  = 1 << 16,   /* <capacity> may be missing */
    VOL_PARSE_OPT_CAPACITY = 1 << 17,   /* ... when there is a backing store */
};

typedef enum {
    VOL_FILE,
    VOL_BLOCK,
    VOL_DIR,
    VOL_NETWORK,
    VOL_NETDIR,
    VOL_PLOOP,
    VOL_LAST
} VolType;
ENUM_STRINGS_DECL(vol_type);

typedef struct {
    unsigned long long start;
    unsigned long long end;
} VolExtent;

typedef struct {
    char *path;
    VolExtent *extents;
    size_t nextents;
} VolSourceDevice;

/* <target> or <backingStore> */
typedef struct {
    int pool_type;                  /* copy of VolDef.pool_type; not XML */
    char *path;
    char *format;                   /* one of the pool type's volume formats */
    bool format_seen;
    StoragePerms perms;
    char *atime;                    /* output only: "seconds[.nanoseconds]" */
    char *mtime;
    char *ctime;
    char *btime;
    StorageEncryption *encryption;
    char *compat;                   /* "1.1" etc. */
    unsigned long long cluster_size; /* bytes */
    bool nocow;                     /* read, never written (like libvirt) */
    bool has_features;
    bool lazy_refcounts;
    bool extended_l2;
} VolTarget;

typedef struct {
    int type;                       /* VolType */
    int pool_type;                  /* PoolType of the pool; not XML */
    char *name;
    char *key;
    VolSourceDevice *devices;       /* output only */
    size_t ndevices;
    unsigned long long capacity;    /* bytes */
    bool has_capacity;
    unsigned long long allocation;  /* bytes; = capacity when not given */
    bool has_allocation;
    unsigned long long physical;    /* output only */
    VolTarget target;
    VolTarget *backing;             /* <backingStore>, NULL when none */
} VolDef;

extern const XmlSchema vol_def_schema;

VolDef *vol_def_parse_string(const char *xml, int pool_type, unsigned int flags);
void vol_def_set_pool_type(VolDef *def, int pool_type);
char *vol_def_format(const VolDef *def, unsigned int flags);
void vol_def_free(VolDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(VolDef, vol_def_free)
