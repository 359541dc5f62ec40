/* common/conf/storage_conf.h: the storage pool <pool> XML model, plus the
 * pieces volumes and domain disks share (<permissions>, <auth>, <secret>
 * lookups). Pool-type rules (which <source> children a type uses, its format
 * names, derived target paths) live here too, in one table. */
#pragma once

#include <stdbool.h>
#include <glib.h>

#include "common/conf/netdev_conf.h"
#include "common/conf/xmlmap.h"
#include "common/util/enumstr.h"

#define POOL_FS_NS "http://libvirt.org/schemas/storagepool/fs/1.0"
#define POOL_RBD_NS "http://libvirt.org/schemas/storagepool/rbd/1.0"

typedef enum {
    POOL_DIR,
    POOL_FS,
    POOL_NETFS,
    POOL_LOGICAL,
    POOL_DISK,
    POOL_ISCSI,
    POOL_ISCSI_DIRECT,
    POOL_SCSI,
    POOL_MPATH,
    POOL_RBD,
    POOL_SHEEPDOG,
    POOL_GLUSTER,
    POOL_ZFS,
    POOL_VSTORAGE,
    POOL_LAST
} PoolType;
ENUM_STRINGS_DECL(pool_type);

/* What a pool type's <source> uses (libvirt's per-backend option flags). */
enum {
    POOL_SRC_HOST      = 1 << 0,
    POOL_SRC_DEVICE    = 1 << 1,
    POOL_SRC_DIR       = 1 << 2,
    POOL_SRC_ADAPTER   = 1 << 3,
    POOL_SRC_NAME      = 1 << 4,
    POOL_SRC_INITIATOR = 1 << 5,
    POOL_SRC_NETWORK   = 1 << 6,   /* no local target */
};

typedef struct {
    unsigned int src_flags;
    const char *const *formats;     /* <source><format type=> names, NULL if none */
    const char *default_format;
    const char *const *vol_formats; /* volume <target><format type=> names */
    const char *vol_default_format;
} PoolTypeInfo;

/* The rules of pool type @type, or NULL when out of range. */
const PoolTypeInfo *pool_type_info(int type);
/* True when @name is in the NULL-terminated @names. */
bool pool_name_in(const char *const *names, const char *name);

/* ---- shared pieces ------------------------------------------------------- */

typedef struct {
    unsigned int mode;              /* octal; only with mode_set */
    bool mode_set;
    int owner;                      /* uid; only with owner_set */
    bool owner_set;
    int group;                      /* gid; only with group_set */
    bool group_set;
    char *label;
} StoragePerms;

extern const XmlSchema storage_perms_schema;

/* <secret type=? uuid=|usage=/> naming a secret object */
typedef struct {
    char *type;                     /* kept as written (disk auth uses it) */
    unsigned char uuid[16];
    char *usage;
} SecretLookup;

/* Rules a <secret> lookup must satisfy (exactly one of uuid and usage). */
int secret_lookup_validate(XmlCtx *ctx, const SecretLookup *s);

typedef enum {
    STORAGE_AUTH_NONE,
    STORAGE_AUTH_CHAP,
    STORAGE_AUTH_CEPH,
    STORAGE_AUTH_LAST
} StorageAuthType;
ENUM_STRINGS_DECL(storage_auth_type);

typedef struct {
    int type;                       /* StorageAuthType */
    char *username;
    SecretLookup secret;
} StorageAuth;

extern const XmlSchema storage_auth_schema;

typedef enum {
    STORAGE_ENC_DEFAULT,
    STORAGE_ENC_QCOW,
    STORAGE_ENC_LUKS,
    STORAGE_ENC_LUKS2,
    STORAGE_ENC_LAST
} StorageEncFormat;
ENUM_STRINGS_DECL(storage_enc_format);

typedef enum {
    STORAGE_ENC_ENGINE_DEFAULT,
    STORAGE_ENC_ENGINE_QEMU,
    STORAGE_ENC_ENGINE_LIBRBD,
    STORAGE_ENC_ENGINE_LAST
} StorageEncEngine;
ENUM_STRINGS_DECL(storage_enc_engine);

typedef struct {
    int type;                       /* 0: passphrase, the only kind */
    unsigned char uuid[16];
    char *usage;
} StorageEncSecret;

typedef struct {
    int format;                     /* StorageEncFormat */
    int engine;                     /* StorageEncEngine */
    StorageEncSecret *secrets;
    size_t nsecrets;
    bool has_cipher;
    char *cipher_name;
    unsigned int cipher_size;
    char *cipher_mode;
    char *cipher_hash;
    bool has_ivgen;
    char *ivgen_name;
    char *ivgen_hash;
} StorageEncryption;

/* <encryption>, shared by volumes and domain disks */
extern const XmlSchema storage_encryption_schema;

/* ---- pool ---------------------------------------------------------------------- */

typedef enum {
    STORAGE_ADAPTER_DEFAULT,
    STORAGE_ADAPTER_SCSI_HOST,
    STORAGE_ADAPTER_FC_HOST,
    STORAGE_ADAPTER_LAST
} StorageAdapterType;
ENUM_STRINGS_DECL(storage_adapter_type);

typedef struct {
    int type;                       /* StorageAdapterType; a bare name= means scsi_host */
    char *name;                     /* scsi_host */
    bool has_parent;                /* scsi_host <parentaddr> */
    int unique_id;
    PciAddr parent_addr;
    char *parent;                   /* fc_host */
    char *parent_wwnn;
    char *parent_wwpn;
    char *parent_fabric_wwn;
    int managed;                    /* XML_TRISTATE_* */
    char *wwnn;
    char *wwpn;
} StorageAdapter;

typedef struct {
    char *name;
    int port;                       /* 0 = default */
} PoolSourceHost;

typedef struct {
    unsigned long long start;
    unsigned long long end;
} PoolFreeExtent;

typedef struct {
    char *path;
    int part_separator;             /* XML_TRISTATE_* */
    PoolFreeExtent *extents;        /* output only (disk pools) */
    size_t nextents;
} PoolSourceDevice;

typedef struct {
    int pool_type;                  /* PoolType, copied from the pool; not XML */
    PoolSourceHost *hosts;
    size_t nhosts;
    PoolSourceDevice *devices;
    size_t ndevices;
    char *dir;
    StorageAdapter *adapter;
    char *name;
    char *initiator_iqn;
    char *format;                   /* one of pool_type_info()->formats */
    StorageAuth *auth;
    char *protocol_ver;
    char *vendor;
    char *product;
} PoolSource;

typedef struct {
    char *name;
} PoolMountOpt;

typedef struct {
    char *name;
    char *value;
} PoolRbdOpt;

typedef enum {
    POOL_REFRESH_ALLOC_DEFAULT,
    POOL_REFRESH_ALLOC_CAPACITY,
    POOL_REFRESH_ALLOC_LAST
} PoolRefreshAlloc;
ENUM_STRINGS_DECL(pool_refresh_alloc);

typedef struct {
    int type;                       /* PoolType */
    char *name;
    unsigned char uuid[16];
    unsigned long long capacity;    /* bytes, output only */
    unsigned long long allocation;
    unsigned long long available;
    int cow;                        /* <features><cow state=>: XML_TRISTATE_* */
    PoolSource source;
    char *target_path;
    StoragePerms target_perms;
    int refresh_alloc;              /* PoolRefreshAlloc, with has_refresh */
    bool has_refresh;
    PoolMountOpt *mount_opts;       /* fs/netfs namespace */
    size_t nmount_opts;
    PoolRbdOpt *rbd_opts;           /* rbd namespace */
    size_t nrbd_opts;
} PoolDef;

extern const XmlSchema pool_def_schema;
/* <source> alone, as in storage pool source discovery results; set
 * pool_type before formatting one built by code. */
extern const XmlSchema pool_source_schema;

PoolDef *pool_def_parse_string(const char *xml, unsigned int flags);
char *pool_def_format(const PoolDef *def, unsigned int flags);
void pool_def_free(PoolDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(PoolDef, pool_def_free)

/* Collapse repeated '/' and drop a trailing one ("/a//b/" -> "/a/b"), like
 * libvirt does for pool paths. Return a new string. */
char *storage_path_sanitize(const char *path);
