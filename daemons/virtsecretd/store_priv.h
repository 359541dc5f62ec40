/* daemons/virtsecretd/store_priv.h: what store.c and store_disk.c share.
 * Not for the driver glue. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <glib.h>

#include "common/conf/secret_conf.h"
#include "daemons/virtsecretd/store.h"
#include "daemons/virtsecretd/valcrypt.h"

typedef struct {
    unsigned char uuid[UUID_RAW_LEN];   /* key of by_uuid; never changes */
    SecretDef *def;
    unsigned char *value;               /* NULL when the secret has none */
    size_t value_len;
} SecretEntry;

struct SecretStore {
    char *config_dir;
    char *key_path;
    ValcryptKey key;
    bool key_loaded;
    /* Serialises every mutation, including its disk work. */
    GMutex write_lock;
    /* Guards the tables and entry contents; taken exclusively only for
     * in-memory swaps, so readers never wait for disk I/O. */
    GRWLock lock;
    GHashTable *by_uuid;    /* uuid bytes -> SecretEntry (owned) */
    GHashTable *by_usage;   /* "type:id" -> SecretEntry (borrowed) */
};

/* store.c */
SecretEntry *store_find_uuid(SecretStore *st, const unsigned char *uuid);
int store_check_usage(SecretStore *st, const SecretEntry *cur, const SecretDef *def);
void store_publish(SecretStore *st, SecretEntry *cur, SecretDef *def,
                   unsigned char *value, size_t value_len);

/* store_disk.c: each returns 0, or -1 with an error reported. */
int store_disk_write_config(SecretStore *st, const SecretDef *def);
int store_disk_remove_config(SecretStore *st, const unsigned char *uuid);
int store_disk_write_value(SecretStore *st, const unsigned char *uuid,
                           const unsigned char *value, size_t len);
int store_disk_remove_value(SecretStore *st, const unsigned char *uuid);
/* Same, for cleanup paths: failures are logged, not reported. */
void store_disk_remove_value_quiet(SecretStore *st, const unsigned char *uuid);
