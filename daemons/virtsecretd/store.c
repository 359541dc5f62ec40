/* daemons/virtsecretd/store.c: the secret table (by UUID, by usage) and the
 * rules for changing it. Disk layout and write ordering live in
 * store_disk.c; this file decides *what* is written, never how. Must not
 * know about RPC, connections or events. */
#include "config.h"

#define ERR_DOMAIN VIR_FROM_SECRET

#include <string.h>
#include <glib.h>
#include <libvirt/libvirt.h>

#include "common/conf/secret_conf.h"
#include "common/util/err.h"
#include "common/util/log.h"
#include "daemons/virtsecretd/store.h"
#include "daemons/virtsecretd/store_priv.h"
#include "daemons/virtsecretd/valcrypt.h"

/* ---- entries and indexes ---- */

static void
secret_entry_free(SecretEntry *e)
{
    if (!e)
        return;
    secret_def_free(e->def);
    valcrypt_wipe_free(e->value, e->value_len);
    g_free(e);
}

static guint
secret_uuid_hash(gconstpointer key)
{
    const unsigned char *u = key;
    guint h = 2166136261u;

    for (size_t i = 0; i < UUID_RAW_LEN; i++)
        h = (h ^ u[i]) * 16777619u;
    return h;
}

static gboolean
secret_uuid_equal(gconstpointer a, gconstpointer b)
{
    return memcmp(a, b, UUID_RAW_LEN) == 0;
}

/* Key of the usage index; NULL for usage type "none", which is never
 * indexed (libvirt never matches it on lookup either). */
static char *
secret_usage_key(int usage_type, const char *usage_id)
{
    if (usage_type == VIR_SECRET_USAGE_TYPE_NONE)
        return NULL;
    return g_strdup_printf("%d:%s", usage_type, usage_id ? usage_id : "");
}

SecretEntry *
store_find_uuid(SecretStore *st, const unsigned char *uuid)
{
    return g_hash_table_lookup(st->by_uuid, uuid);
}

static SecretEntry *
store_find_usage(SecretStore *st, int usage_type, const char *usage_id)
{
    g_autofree char *key = secret_usage_key(usage_type, usage_id);

    if (!key)
        return NULL;
    return g_hash_table_lookup(st->by_usage, key);
}

static void
secret_info_fill(SecretInfo *info, const SecretDef *def)
{
    if (!info)
        return;
    memcpy(info->uuid, def->uuid, UUID_RAW_LEN);
    info->usage_type = def->usage_type;
    info->usage_id = g_strdup(def->usage_id);
}

/**
 * secret_info_clear() - release what a SecretInfo owns
 * @info: may be NULL
 */
void
secret_info_clear(SecretInfo *info)
{
    if (!info)
        return;
    g_clear_pointer(&info->usage_id, g_free);
}

/**
 * secret_info_array_free() - free an array from secret_store_list()
 * @infos: the array (may be NULL)
 * @n: its length
 */
void
secret_info_array_free(SecretInfo *infos, size_t n)
{
    if (!infos)
        return;
    for (size_t i = 0; i < n; i++)
        secret_info_clear(&infos[i]);
    g_free(infos);
}

static void
report_no_uuid(const unsigned char *uuid)
{
    char uuidstr[UUID_STR_LEN];

    uuid_format(uuid, uuidstr);
    err_report(VIR_ERR_NO_SECRET, "no secret with matching uuid '%s'", uuidstr);
}

/* ---- life cycle ---- */

/**
 * secret_store_new() - see store.h
 */
SecretStore *
secret_store_new(const char *config_dir, const char *key_path)
{
    SecretStore *st = g_new0(SecretStore, 1);

    st->config_dir = g_strdup(config_dir);
    st->key_path = g_strdup(key_path);
    g_mutex_init(&st->write_lock);
    g_rw_lock_init(&st->lock);
    st->by_uuid = g_hash_table_new_full(secret_uuid_hash, secret_uuid_equal, NULL,
                                        (GDestroyNotify) secret_entry_free);
    st->by_usage = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    return st;
}

/**
 * secret_store_free() - free the store and wipe every value and the key
 * @st: may be NULL
 */
void
secret_store_free(SecretStore *st)
{
    if (!st)
        return;
    g_hash_table_destroy(st->by_usage);
    g_hash_table_destroy(st->by_uuid);
    g_rw_lock_clear(&st->lock);
    g_mutex_clear(&st->write_lock);
    explicit_bzero(&st->key, sizeof(st->key));
    g_free(st->config_dir);
    g_free(st->key_path);
    g_free(st);
}

/* ---- mutations (callers hold write_lock) ---- */

/**
 * store_check_usage() - the uniqueness and flag rules of a (re)definition
 * @st:  the store (write_lock held)
 * @cur: the secret with the same UUID, or NULL
 * @def: the proposed definition
 *
 * Messages and codes are libvirt's, so scripts matching them keep working.
 * Return: 0, or -1 with an error reported.
 */
int
store_check_usage(SecretStore *st, const SecretEntry *cur, const SecretDef *def)
{
    SecretEntry *other = store_find_usage(st, def->usage_type, def->usage_id);
    char uuidstr[UUID_STR_LEN];

    if (cur) {
        uuid_format(cur->uuid, uuidstr);
        if (g_strcmp0(cur->def->usage_id, def->usage_id) != 0) {
            err_report(VIR_ERR_INTERNAL_ERROR,
                       "a secret with UUID %s is already defined for use with %s",
                       uuidstr, cur->def->usage_id ? cur->def->usage_id : "(null)");
            return -1;
        }
        if (cur->def->private && !def->private) {
            err_report(VIR_ERR_INTERNAL_ERROR, "%s",
                       "cannot change private flag on existing secret");
            return -1;
        }
    }
    /* With the same UUID only a change of usage *type* can collide; libvirt
     * does not check that case, we do so the usage index stays unique. */
    if (other && other != cur) {
        uuid_format(other->uuid, uuidstr);
        err_report(VIR_ERR_INTERNAL_ERROR,
                   "a secret with UUID %s already defined for use with %s",
                   uuidstr, def->usage_id ? def->usage_id : "(null)");
        return -1;
    }
    return 0;
}

/**
 * store_publish() - make @def (and @value for a new entry) visible
 * @st:  the store (write_lock held)
 * @cur: existing entry to update, or NULL to insert a new one
 * @def: definition; ownership moves to the store
 * @value: value of a new entry (ownership moves), NULL when none
 * @value_len: its length
 *
 * Takes the reader lock exclusively only for the pointer swaps.
 */
void
store_publish(SecretStore *st, SecretEntry *cur, SecretDef *def,
              unsigned char *value, size_t value_len)
{
    g_autofree char *new_key = secret_usage_key(def->usage_type, def->usage_id);
    SecretDef *old_def = NULL;

    g_rw_lock_writer_lock(&st->lock);
    if (cur) {
        g_autofree char *old_key = secret_usage_key(cur->def->usage_type,
                                                    cur->def->usage_id);
        if (old_key)
            g_hash_table_remove(st->by_usage, old_key);
        old_def = cur->def;
        cur->def = def;
    } else {
        cur = g_new0(SecretEntry, 1);
        memcpy(cur->uuid, def->uuid, UUID_RAW_LEN);
        cur->def = def;
        cur->value = value;
        cur->value_len = value_len;
        g_hash_table_insert(st->by_uuid, cur->uuid, cur);
    }
    if (new_key)
        g_hash_table_insert(st->by_usage, g_steal_pointer(&new_key), cur);
    g_rw_lock_writer_unlock(&st->lock);

    secret_def_free(old_def);
}

static int
store_define_locked(SecretStore *st, SecretDef **defp, SecretInfo *ret_info)
{
    SecretDef *def = *defp;
    SecretEntry *cur = store_find_uuid(st, def->uuid);
    bool was_persistent = cur && !cur->def->ephemeral;
    bool wrote_value = false;

    if (store_check_usage(st, cur, def) < 0)
        return -1;

    /* Disk first, publish second: a failure leaves everything as it was. */
    if (!def->ephemeral) {
        if (!was_persistent) {
            /* First time on disk under this UUID: drop value files left
             * behind by an earlier life (a crash after an undefine removed
             * the config but not the value), or they would come back. */
            if (store_disk_remove_value(st, def->uuid) < 0)
                return -1;
            if (cur && cur->value) {
                if (store_disk_write_value(st, def->uuid, cur->value,
                                           cur->value_len) < 0)
                    return -1;
                wrote_value = true;
            }
        }
        if (store_disk_write_config(st, def) < 0) {
            if (wrote_value)
                store_disk_remove_value_quiet(st, def->uuid);
            return -1;
        }
    } else if (was_persistent) {
        /* Config first: once it is gone the value file is never loaded. */
        if (store_disk_remove_config(st, def->uuid) < 0)
            return -1;
        store_disk_remove_value_quiet(st, def->uuid);
    }

    secret_info_fill(ret_info, def);
    store_publish(st, cur, g_steal_pointer(defp), NULL, 0);
    return 0;
}

/**
 * secret_store_define() - see store.h
 */
int
secret_store_define(SecretStore *st, const char *xml, unsigned int flags,
                    SecretInfo *ret_info)
{
    /* VIR_SECRET_DEFINE_VALIDATE asks for schema validation; the closest
     * the XML engine offers is refusing unknown attributes and elements. */
    unsigned int parse_flags = flags & VIR_SECRET_DEFINE_VALIDATE ? XMLMAP_PARSE_STRICT : 0;
    g_autoptr(SecretDef) def = secret_def_parse_string(xml, parse_flags);
    int r;

    if (!def)
        return -1;
    g_mutex_lock(&st->write_lock);
    r = store_define_locked(st, &def, ret_info);
    g_mutex_unlock(&st->write_lock);
    return r;
}

static int
store_undefine_locked(SecretStore *st, const unsigned char *uuid,
                      SecretInfo *ret_info)
{
    SecretEntry *cur = store_find_uuid(st, uuid);
    g_autofree char *key = NULL;

    if (!cur) {
        report_no_uuid(uuid);
        return -1;
    }
    if (!cur->def->ephemeral) {
        if (store_disk_remove_config(st, uuid) < 0)
            return -1;
        store_disk_remove_value_quiet(st, uuid);
    }
    secret_info_fill(ret_info, cur->def);

    key = secret_usage_key(cur->def->usage_type, cur->def->usage_id);
    g_rw_lock_writer_lock(&st->lock);
    if (key)
        g_hash_table_remove(st->by_usage, key);
    g_hash_table_steal(st->by_uuid, uuid);
    g_rw_lock_writer_unlock(&st->lock);
    secret_entry_free(cur);
    return 0;
}

/**
 * secret_store_undefine() - see store.h
 */
int
secret_store_undefine(SecretStore *st, const unsigned char *uuid,
                      SecretInfo *ret_info)
{
    int r;

    g_mutex_lock(&st->write_lock);
    r = store_undefine_locked(st, uuid, ret_info);
    g_mutex_unlock(&st->write_lock);
    return r;
}

static int
store_set_value_locked(SecretStore *st, const unsigned char *uuid,
                       const unsigned char *value, size_t len,
                       SecretInfo *ret_info)
{
    SecretEntry *cur = store_find_uuid(st, uuid);
    unsigned char *copy = NULL;
    unsigned char *old;
    size_t old_len;

    if (!cur) {
        report_no_uuid(uuid);
        return -1;
    }
    if (!cur->def->ephemeral) {
        int r = len > 0 ? store_disk_write_value(st, uuid, value, len)
                        : store_disk_remove_value(st, uuid);
        if (r < 0)
            return -1;
    }
    if (len > 0)
        copy = g_memdup2(value, len);
    secret_info_fill(ret_info, cur->def);

    g_rw_lock_writer_lock(&st->lock);
    old = cur->value;
    old_len = cur->value_len;
    cur->value = copy;
    cur->value_len = len;
    g_rw_lock_writer_unlock(&st->lock);
    valcrypt_wipe_free(old, old_len);
    return 0;
}

/**
 * secret_store_set_value() - see store.h
 */
int
secret_store_set_value(SecretStore *st, const unsigned char *uuid,
                       const unsigned char *value, size_t len,
                       SecretInfo *ret_info)
{
    int r;

    g_mutex_lock(&st->write_lock);
    r = store_set_value_locked(st, uuid, value, len, ret_info);
    g_mutex_unlock(&st->write_lock);
    return r;
}

/* ---- readers (shared lock only) ---- */

/**
 * secret_store_lookup_uuid() - see store.h
 */
int
secret_store_lookup_uuid(SecretStore *st, const unsigned char *uuid,
                         SecretInfo *ret_info)
{
    SecretEntry *e;
    int r = 0;

    g_rw_lock_reader_lock(&st->lock);
    e = store_find_uuid(st, uuid);
    if (e)
        secret_info_fill(ret_info, e->def);
    else
        r = -1;
    g_rw_lock_reader_unlock(&st->lock);
    if (r < 0)
        report_no_uuid(uuid);
    return r;
}

/**
 * secret_store_lookup_usage() - see store.h
 */
int
secret_store_lookup_usage(SecretStore *st, int usage_type,
                          const char *usage_id, SecretInfo *ret_info)
{
    SecretEntry *e;
    int r = 0;

    g_rw_lock_reader_lock(&st->lock);
    e = store_find_usage(st, usage_type, usage_id);
    if (e)
        secret_info_fill(ret_info, e->def);
    else
        r = -1;
    g_rw_lock_reader_unlock(&st->lock);
    if (r < 0)
        err_report(VIR_ERR_NO_SECRET, "no secret with matching usage '%s'",
                   usage_id ? usage_id : "");
    return r;
}

/**
 * secret_store_count() - see store.h
 */
int
secret_store_count(SecretStore *st)
{
    int n;

    g_rw_lock_reader_lock(&st->lock);
    n = (int) g_hash_table_size(st->by_uuid);
    g_rw_lock_reader_unlock(&st->lock);
    return n;
}

/* VIR_CONNECT_LIST_SECRETS_* semantics: within each pair of bits, a secret
 * passes when either requested bit matches; an empty pair passes all. */
static bool
secret_matches(const SecretDef *def, unsigned int flags)
{
    unsigned int eph = flags & (VIR_CONNECT_LIST_SECRETS_EPHEMERAL |
                                VIR_CONNECT_LIST_SECRETS_NO_EPHEMERAL);
    unsigned int priv = flags & (VIR_CONNECT_LIST_SECRETS_PRIVATE |
                                 VIR_CONNECT_LIST_SECRETS_NO_PRIVATE);

    if (eph &&
        !((eph & VIR_CONNECT_LIST_SECRETS_EPHEMERAL && def->ephemeral) ||
          (eph & VIR_CONNECT_LIST_SECRETS_NO_EPHEMERAL && !def->ephemeral)))
        return false;
    if (priv &&
        !((priv & VIR_CONNECT_LIST_SECRETS_PRIVATE && def->private) ||
          (priv & VIR_CONNECT_LIST_SECRETS_NO_PRIVATE && !def->private)))
        return false;
    return true;
}

static gint
secret_info_cmp(gconstpointer a, gconstpointer b)
{
    return memcmp(((const SecretInfo *) a)->uuid, ((const SecretInfo *) b)->uuid,
                  UUID_RAW_LEN);
}

/**
 * secret_store_list() - see store.h
 */
int
secret_store_list(SecretStore *st, unsigned int flags, SecretInfo **ret_infos)
{
    g_autoptr(GArray) out = NULL;
    GHashTableIter it;
    gpointer value;
    int n = 0;

    if (ret_infos)
        out = g_array_new(FALSE, TRUE, sizeof(SecretInfo));

    g_rw_lock_reader_lock(&st->lock);
    g_hash_table_iter_init(&it, st->by_uuid);
    while (g_hash_table_iter_next(&it, NULL, &value)) {
        const SecretEntry *e = value;
        SecretInfo info = { 0 };

        if (!secret_matches(e->def, flags))
            continue;
        n++;
        if (out) {
            secret_info_fill(&info, e->def);
            g_array_append_val(out, info);
        }
    }
    g_rw_lock_reader_unlock(&st->lock);

    if (out) {
        g_array_sort(out, secret_info_cmp);
        *ret_infos = (SecretInfo *) (void *) g_array_free(g_steal_pointer(&out), FALSE);
    }
    return n;
}

/**
 * secret_store_get_xml() - see store.h
 */
char *
secret_store_get_xml(SecretStore *st, const unsigned char *uuid)
{
    SecretEntry *e;
    char *xml = NULL;
    bool found;

    g_rw_lock_reader_lock(&st->lock);
    e = store_find_uuid(st, uuid);
    found = e != NULL;
    if (e)
        xml = secret_def_format(e->def, 0);
    g_rw_lock_reader_unlock(&st->lock);
    if (!found)
        report_no_uuid(uuid);
    return xml;
}

/**
 * secret_store_get_value() - see store.h
 */
int
secret_store_get_value(SecretStore *st, const unsigned char *uuid,
                       unsigned int flags, unsigned char **ret_value,
                       size_t *ret_len)
{
    SecretEntry *e;
    int r = -1;

    g_rw_lock_reader_lock(&st->lock);
    e = store_find_uuid(st, uuid);
    if (!e) {
        report_no_uuid(uuid);
    } else if (e->def->private && !(flags & SECRET_STORE_VALUE_ALLOW_PRIVATE)) {
        err_report(VIR_ERR_INVALID_SECRET, "%s", "secret is private");
    } else if (!e->value) {
        char uuidstr[UUID_STR_LEN];

        uuid_format(uuid, uuidstr);
        err_report(VIR_ERR_NO_SECRET, "secret '%s' does not have a value", uuidstr);
    } else {
        *ret_value = g_memdup2(e->value, e->value_len);
        *ret_len = e->value_len;
        r = 0;
    }
    g_rw_lock_reader_unlock(&st->lock);
    return r;
}
