/* daemons/virtsecretd/store_disk.c: how secrets sit on disk and how they
 * come back at start-up. Every write is atomic (temp file, fsync, rename,
 * fsync of the directory) and every removal fsyncs the directory, so after
 * a crash each file is either the old or the new version. A config that
 * cannot be loaded is reported and left exactly where it is. */
#include "config.h"

#define ERR_DOMAIN VIR_FROM_SECRET

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib.h>
#include <libvirt/libvirt.h>

#include "common/conf/secret_conf.h"
#include "common/util/err.h"
#include "common/util/file.h"
#include "common/util/log.h"
#include "common/util/paths.h"
#include "daemons/virtsecretd/store_priv.h"

/* libvirt refuses secret configs above this size; so do we. */
#define SECRET_MAX_XML_FILE (10 * 1024 * 1024)
/* A sealed value is the protocol's 64 KiB plus a few bytes; leave room. */
#define SECRET_MAX_VALUE_FILE (1024 * 1024)

static char *
disk_path(const SecretStore *st, const unsigned char *uuid, const char *suffix)
{
    char uuidstr[UUID_STR_LEN];

    uuid_format(uuid, uuidstr);
    return g_strdup_printf("%s/%s%s", st->config_dir, uuidstr, suffix);
}

/* Remove @path durably. Return 1 removed, 0 absent, -errno on failure
 * (nothing reported). */
static int
disk_unlink(const SecretStore *st, const char *path)
{
    int r;

    if (unlink(path) < 0)
        return errno == ENOENT ? 0 : -errno;
    r = file_fsync_dir(st->config_dir);
    if (r < 0)
        log_warn("cannot sync directory '%s': %s", st->config_dir, g_strerror(-r));
    return 1;
}

static int
disk_write(const char *path, const void *data, size_t len)
{
    int r = file_write_atomic(path, data, len, S_IRUSR | S_IWUSR);

    if (r < 0) {
        err_report_system(-r, "cannot write '%s'", path);
        return -1;
    }
    return 0;
}

/**
 * store_disk_write_config() - write <uuid>.xml atomically
 */
int
store_disk_write_config(SecretStore *st, const SecretDef *def)
{
    g_autofree char *path = disk_path(st, def->uuid, ".xml");
    g_autofree char *xml = secret_def_format(def, 0);

    if (!xml)
        return -1;
    return disk_write(path, xml, strlen(xml));
}

/**
 * store_disk_remove_config() - remove <uuid>.xml (absent is fine)
 */
int
store_disk_remove_config(SecretStore *st, const unsigned char *uuid)
{
    g_autofree char *path = disk_path(st, uuid, ".xml");
    int r = disk_unlink(st, path);

    if (r < 0) {
        err_report_system(-r, "cannot unlink '%s'", path);
        return -1;
    }
    return 0;
}

/**
 * store_disk_write_value() - seal and write <uuid>.value atomically, then
 * drop a legacy <uuid>.base64 so no plaintext copy outlives it
 */
int
store_disk_write_value(SecretStore *st, const unsigned char *uuid,
                       const unsigned char *value, size_t len)
{
    g_autofree char *path = disk_path(st, uuid, ".value");
    g_autofree char *legacy = disk_path(st, uuid, ".base64");
    g_autofree unsigned char *blob = NULL;
    char uuidstr[UUID_STR_LEN];
    size_t blob_len = 0;

    uuid_format(uuid, uuidstr);
    if (valcrypt_seal(&st->key, uuidstr, value, len, &blob, &blob_len) < 0)
        return -1;
    if (disk_write(path, blob, blob_len) < 0)
        return -1;
    if (disk_unlink(st, legacy) < 0)
        log_warn("cannot remove plaintext value file '%s'", legacy);
    return 0;
}

static int
disk_remove_values(SecretStore *st, const unsigned char *uuid, bool quiet)
{
    static const char *const suffixes[] = { ".value", ".base64" };
    int ret = 0;

    for (size_t i = 0; i < G_N_ELEMENTS(suffixes); i++) {
        g_autofree char *path = disk_path(st, uuid, suffixes[i]);
        int r = disk_unlink(st, path);

        if (r >= 0)
            continue;
        if (quiet) {
            log_warn("cannot unlink '%s': %s", path, g_strerror(-r));
        } else if (ret == 0) {
            err_report_system(-r, "cannot unlink '%s'", path);
            ret = -1;
        }
    }
    return ret;
}

/**
 * store_disk_remove_value() - remove <uuid>.value and <uuid>.base64
 */
int
store_disk_remove_value(SecretStore *st, const unsigned char *uuid)
{
    return disk_remove_values(st, uuid, false);
}

/**
 * store_disk_remove_value_quiet() - same, logging failures instead
 */
void
store_disk_remove_value_quiet(SecretStore *st, const unsigned char *uuid)
{
    disk_remove_values(st, uuid, true);
}

/* ---- loading ---- */

/* Convert a value found in libvirt's plaintext format: write the sealed
 * file, which then removes the plaintext one. Failure only costs the
 * conversion; the value itself is in memory and the old file stays. */
static void
disk_convert_legacy(SecretStore *st, const unsigned char *uuid,
                    const unsigned char *value, size_t len)
{
    if (store_disk_write_value(st, uuid, value, len) < 0) {
        log_warn("cannot convert plaintext secret value: %s", err_last_message());
        err_reset_last();
    }
}

/* Read the value of a secret being loaded: <uuid>.value, else a legacy
 * <uuid>.base64, else none. Return 0 (value may be NULL) or -1 reported. */
static int
disk_load_value(SecretStore *st, const unsigned char *uuid,
                unsigned char **ret_value, size_t *ret_len)
{
    g_autofree char *path = disk_path(st, uuid, ".value");
    char uuidstr[UUID_STR_LEN];
    char *data = NULL;
    size_t len = 0;
    unsigned char *value = NULL;
    size_t value_len = 0;
    int r;

    uuid_format(uuid, uuidstr);
    *ret_value = NULL;
    *ret_len = 0;

    r = file_read_all(path, SECRET_MAX_VALUE_FILE, &data, &len);
    if (r == 0) {
        r = valcrypt_open(&st->key, uuidstr, (unsigned char *) data, len,
                          &value, &value_len);
        g_free(data);
        if (r < 0)
            return -1;
    } else if (r == -ENOENT) {
        g_free(path);
        path = disk_path(st, uuid, ".base64");
        r = file_read_all(path, SECRET_MAX_VALUE_FILE, &data, &len);
        if (r == -ENOENT)
            return 0;
        if (r < 0) {
            err_report_system(-r, "cannot read '%s'", path);
            return -1;
        }
        value = g_base64_decode(g_strstrip(data), &value_len);
        valcrypt_wipe_free(data, len);
        if (value_len > 0)
            disk_convert_legacy(st, uuid, value, value_len);
    } else {
        err_report_system(-r, "cannot read '%s'", path);
        return -1;
    }

    if (value_len == 0) {
        /* an empty value is no value, as in libvirt */
        valcrypt_wipe_free(value, 0);
        return 0;
    }
    *ret_value = value;
    *ret_len = value_len;
    return 0;
}

/* Load one <name>.xml. Return 1 loaded, 0 already known, -1 reported. */
static int
disk_load_one(SecretStore *st, const char *name)
{
    g_autofree char *path = g_build_filename(st->config_dir, name, NULL);
    g_autofree char *data = NULL;
    g_autofree char *expected = NULL;
    g_autoptr(SecretDef) def = NULL;
    char uuidstr[UUID_STR_LEN];
    unsigned char *value = NULL;
    size_t value_len = 0;
    int r;

    r = file_read_all(path, SECRET_MAX_XML_FILE, &data, NULL);
    if (r < 0) {
        err_report_system(-r, "cannot read '%s'", path);
        return -1;
    }
    /* configs on disk passed validation when they were defined; checks
     * added since must not make them vanish (DESIGN.md 3) */
    if (!(def = secret_def_parse_string(data, XMLMAP_PARSE_SKIP_VALIDATE)))
        return -1;

    uuid_format(def->uuid, uuidstr);
    expected = g_strdup_printf("%s.xml", uuidstr);
    if (!g_str_equal(name, expected)) {
        err_report(VIR_ERR_INTERNAL_ERROR,
                   "<uuid> does not match secret file name '%s'", name);
        return -1;
    }
    if (store_find_uuid(st, def->uuid))
        return 0;
    if (store_check_usage(st, NULL, def) < 0)
        return -1;
    if (disk_load_value(st, def->uuid, &value, &value_len) < 0)
        return -1;

    store_publish(st, NULL, g_steal_pointer(&def), value, value_len);
    return 1;
}

static gint
disk_name_cmp(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *) a, *(const char *const *) b);
}

static int
disk_load_all(SecretStore *st, unsigned int *ret_failed)
{
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GError) gerr = NULL;
    GDir *dir = g_dir_open(st->config_dir, 0, &gerr);
    const char *name;
    unsigned int failed = 0;
    unsigned int loaded = 0;

    if (!dir) {
        err_report(VIR_ERR_SYSTEM_ERROR, "cannot open directory '%s': %s",
                   st->config_dir, gerr->message);
        return -1;
    }
    while ((name = g_dir_read_name(dir)))
        if (g_str_has_suffix(name, ".xml"))
            g_ptr_array_add(names, g_strdup(name));
    g_dir_close(dir);
    /* a stable order makes usage conflicts between files deterministic */
    g_ptr_array_sort(names, disk_name_cmp);

    for (guint i = 0; i < names->len; i++) {
        int r = disk_load_one(st, names->pdata[i]);

        if (r < 0) {
            log_error("Error reading secret '%s' (file kept): %s",
                      (const char *) names->pdata[i], err_last_message());
            err_reset_last();
            failed++;
        } else {
            loaded += (unsigned int) r;
        }
    }
    log_info("loaded %u secret(s) from '%s', %u failed", loaded, st->config_dir,
             failed);
    if (ret_failed)
        *ret_failed = failed;
    return 0;
}

/**
 * secret_store_load() - see store.h
 */
int
secret_store_load(SecretStore *st, unsigned int *ret_failed)
{
    int r;

    g_mutex_lock(&st->write_lock);
    r = file_mkdir_p(st->config_dir, S_IRWXU);
    if (r < 0) {
        err_report_system(-r, "cannot create config directory '%s'", st->config_dir);
        r = -1;
    } else if (!st->key_loaded &&
               valcrypt_key_load_or_create(st->key_path, &st->key, NULL) < 0) {
        r = -1;
    } else {
        st->key_loaded = true;
        r = disk_load_all(st, ret_failed);
    }
    g_mutex_unlock(&st->write_lock);
    return r;
}

/**
 * secret_store_default_paths() - see store.h
 */
void
secret_store_default_paths(bool privileged, char **ret_config_dir,
                           char **ret_key_path)
{
    if (privileged) {
        *ret_config_dir = g_build_filename(paths_sysconfdir(), "libvirt",
                                           "secrets", NULL);
        *ret_key_path = g_build_filename(paths_localstatedir(), "lib", "libvirt",
                                         "secrets", SECRET_KEY_FILE_NAME, NULL);
    } else {
        *ret_config_dir = g_build_filename(paths_user_config_dir(), "libvirt",
                                           "secrets", NULL);
        *ret_key_path = g_build_filename(paths_user_data_dir(), "libvirt",
                                         "secrets", SECRET_KEY_FILE_NAME, NULL);
    }
}
