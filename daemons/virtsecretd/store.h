/* daemons/virtsecretd/store.h: the secret driver's object table and its
 * on-disk persistence.
 *
 * Secrets are indexed by UUID and by (usage type, usage id); both keys are
 * unique. Readers (lookups, lists, XML, values) take a shared lock only and
 * may run on the daemon's I/O thread; every mutation is serialised by a
 * writer mutex and does its disk work *before* publishing the change, so a
 * reader never waits on an fsync.
 *
 * On disk (config_dir, 0700):
 *   <uuid>.xml    the definition, written atomically, 0600
 *   <uuid>.value  the value, sealed with AES-256-GCM (valcrypt.h), 0600
 *   <uuid>.base64 libvirt's plaintext value format: read once at load when
 *                 no .value exists, converted to .value, then removed
 * The host key lives at key_path (0600), normally outside config_dir so a
 * copy of /etc alone never carries both the key and the sealed values.
 * Ephemeral secrets never touch disk.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <glib.h>

#include "common/util/uuid.h"

typedef struct SecretStore SecretStore;

/* A snapshot of a secret's identity, handed out to callers. */
typedef struct {
    unsigned char uuid[UUID_RAW_LEN];
    int usage_type;         /* VIR_SECRET_USAGE_TYPE_* */
    char *usage_id;         /* NULL for usage type "none" */
} SecretInfo;

void secret_info_clear(SecretInfo *info);
/* Free an array returned by secret_store_list(). */
void secret_info_array_free(SecretInfo *infos, size_t n);

/* secret_store_get_value() flags */
typedef enum {
    /* Hand out values of private secrets too (for in-daemon users only;
     * the RPC handlers never pass it). */
    SECRET_STORE_VALUE_ALLOW_PRIVATE = 1 << 0,
} SecretStoreValueFlags;

/* Name of the host key file. Deliberately not libvirt's newer
 * "secrets-encryption-key" (a systemd-creds blob in another format). */
#define SECRET_KEY_FILE_NAME "modvirt-secrets.key"

/**
 * secret_store_default_paths() - where the daemon keeps secrets
 * @privileged: system (root) or session mode
 * @ret_config_dir: system $sysconfdir/libvirt/secrets,
 *                  session $XDG_CONFIG_HOME/libvirt/secrets
 * @ret_key_path:   system $localstatedir/lib/libvirt/secrets/<key file>,
 *                  session $XDG_DATA_HOME/libvirt/secrets/<key file>
 *
 * All paths honour MODVIRT_ROOT (common/util/paths.h). Both strings are
 * g_malloc'd.
 */
void secret_store_default_paths(bool privileged, char **ret_config_dir,
                                char **ret_key_path);

/**
 * secret_store_new() - create an empty store
 * @config_dir: where <uuid>.xml and <uuid>.value live
 * @key_path:   the host encryption key file
 *
 * Touches nothing on disk; call secret_store_load() next.
 */
SecretStore *secret_store_new(const char *config_dir, const char *key_path);
void secret_store_free(SecretStore *st);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(SecretStore, secret_store_free)

/**
 * secret_store_load() - create the directories and key, load every config
 * @st: the store
 * @ret_failed: set to the number of configs that could not be loaded
 *              (may be NULL)
 *
 * A config that fails to parse or to load is logged and left on disk; it
 * is never deleted or rewritten. Secrets already in memory are kept as they
 * are, so this doubles as the reload (SIGHUP) path that picks up new files.
 *
 * Return: 0, or -1 with an error reported when the directories or the key
 *         cannot be set up (the daemon cannot run then).
 */
int secret_store_load(SecretStore *st, unsigned int *ret_failed);

/**
 * secret_store_define() - define or redefine a secret from XML
 * @st:    the store
 * @xml:   the <secret> document
 * @flags: virSecretDefineFlags, passed to the XML parser
 * @ret_info: filled with the defined secret's identity
 *
 * Redefining an existing UUID keeps its value and may switch it between
 * ephemeral and persistent (files are written or removed accordingly); it
 * may not change its usage or drop the private flag.
 *
 * Return: 0, or -1 with an error reported. Nothing changes on failure.
 */
int secret_store_define(SecretStore *st, const char *xml, unsigned int flags,
                        SecretInfo *ret_info);

/**
 * secret_store_undefine() - remove a secret, its config and its value
 * @ret_info: filled with the removed secret's identity (may be NULL)
 *
 * Return: 0, or -1 with an error reported (VIR_ERR_NO_SECRET, or the
 *         config could not be removed; the secret then stays).
 */
int secret_store_undefine(SecretStore *st, const unsigned char *uuid,
                          SecretInfo *ret_info);

/* Return: 0 with @ret_info filled, or -1 with VIR_ERR_NO_SECRET reported. */
int secret_store_lookup_uuid(SecretStore *st, const unsigned char *uuid,
                             SecretInfo *ret_info);
int secret_store_lookup_usage(SecretStore *st, int usage_type,
                              const char *usage_id, SecretInfo *ret_info);

/* Number of secrets. Never fails. */
int secret_store_count(SecretStore *st);

/**
 * secret_store_list() - secrets matching VIR_CONNECT_LIST_SECRETS_* filters
 * @flags: filter bits; 0 lists everything
 * @ret_infos: set to a g_malloc'd array sorted by UUID (may be NULL when
 *             only the count is wanted)
 *
 * Return: the number of matching secrets. Never fails.
 */
int secret_store_list(SecretStore *st, unsigned int flags,
                      SecretInfo **ret_infos);

/* The secret's XML, or NULL with an error reported. */
char *secret_store_get_xml(SecretStore *st, const unsigned char *uuid);

/**
 * secret_store_set_value() - replace a secret's value
 * @ret_info: filled with the secret's identity (may be NULL)
 *
 * For a persistent secret the sealed value is on disk (fsync'd) before
 * the new value becomes visible. An empty value clears it, as in libvirt.
 *
 * Return: 0, or -1 with an error reported; the old value is kept then.
 */
int secret_store_set_value(SecretStore *st, const unsigned char *uuid,
                           const unsigned char *value, size_t len,
                           SecretInfo *ret_info);

/**
 * secret_store_get_value() - copy a secret's value
 * @flags: SecretStoreValueFlags
 * @ret_value: set to a g_malloc'd copy; free with valcrypt_wipe_free()
 * @ret_len: its length
 *
 * Return: 0, or -1 with an error reported: VIR_ERR_NO_SECRET (unknown or
 *         no value), VIR_ERR_INVALID_SECRET ("secret is private").
 */
int secret_store_get_value(SecretStore *st, const unsigned char *uuid,
                           unsigned int flags, unsigned char **ret_value,
                           size_t *ret_len);
