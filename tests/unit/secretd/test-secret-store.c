/* tests/unit/secretd/test-secret-store.c: the secret store of virtsecretd —
 * uniqueness rules, flag changes, list filters, values, and what lands on
 * disk (round trip, broken configs kept, ephemeral never written, values
 * sealed). Each test runs in its own temporary MODVIRT_ROOT. */
#include "config.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <libvirt/libvirt.h>

#include "common/util/err.h"
#include "common/util/file.h"
#include "common/util/paths.h"
#include "common/util/uuid.h"
#include "daemons/virtsecretd/store.h"
#include "daemons/virtsecretd/valcrypt.h"

#define U1 "11111111-2222-3333-4444-555555555501"
#define U2 "11111111-2222-3333-4444-555555555502"
#define U3 "11111111-2222-3333-4444-555555555503"
#define U4 "11111111-2222-3333-4444-555555555504"

typedef struct {
    char *root;
    char *config_dir;
    char *key_path;
    SecretStore *st;
} Fixture;

static char *
secret_xml(const char *uuid, bool ephemeral, bool private, const char *type,
           const char *id, const char *desc)
{
    GString *s = g_string_new(NULL);
    const char *elem = g_str_equal(type, "volume") ? "volume" :
                       g_str_equal(type, "iscsi") ? "target" : "name";

    g_string_append_printf(s, "<secret ephemeral='%s' private='%s'>\n",
                           ephemeral ? "yes" : "no", private ? "yes" : "no");
    if (uuid)
        g_string_append_printf(s, "  <uuid>%s</uuid>\n", uuid);
    if (desc)
        g_string_append_printf(s, "  <description>%s</description>\n", desc);
    if (!g_str_equal(type, "none"))
        g_string_append_printf(s, "  <usage type='%s'>\n    <%s>%s</%s>\n  </usage>\n",
                               type, elem, id, elem);
    g_string_append(s, "</secret>\n");
    return g_string_free(s, FALSE);
}

static void
raw(const char *s, unsigned char out[UUID_RAW_LEN])
{
    assert_int_equal(uuid_parse(s, out), 0);
}

static char *
fpath(const Fixture *f, const char *uuid, const char *suffix)
{
    return g_strdup_printf("%s/%s%s", f->config_dir, uuid, suffix);
}

static void
define_ok(Fixture *f, const char *uuid, bool eph, bool priv, const char *type,
          const char *id)
{
    g_autofree char *xml = secret_xml(uuid, eph, priv, type, id, NULL);
    SecretInfo info = { 0 };

    if (secret_store_define(f->st, xml, 0, &info) < 0)
        fail_msg("define %s: %s", uuid, err_last_message());
    secret_info_clear(&info);
}

static void
set_value_ok(Fixture *f, const char *uuid, const char *value)
{
    unsigned char u[UUID_RAW_LEN];

    raw(uuid, u);
    if (secret_store_set_value(f->st, u, (const unsigned char *) value,
                               strlen(value), NULL) < 0)
        fail_msg("set value %s: %s", uuid, err_last_message());
}

/* Asserts the value of @uuid equals @want (NULL: has no value). */
static void
assert_value(Fixture *f, const char *uuid, const char *want)
{
    unsigned char u[UUID_RAW_LEN];
    unsigned char *v = NULL;
    size_t len = 0;
    int r;

    raw(uuid, u);
    r = secret_store_get_value(f->st, u, SECRET_STORE_VALUE_ALLOW_PRIVATE, &v, &len);
    if (!want) {
        assert_int_equal(r, -1);
        assert_int_equal(err_last_code(), VIR_ERR_NO_SECRET);
        return;
    }
    if (r < 0)
        fail_msg("get value %s: %s", uuid, err_last_message());
    assert_int_equal(len, strlen(want));
    assert_memory_equal(v, want, len);
    valcrypt_wipe_free(v, len);
}

static void
assert_error(int code, const char *message)
{
    assert_int_equal(err_last_code(), code);
    assert_int_equal(err_get_last()->domain, VIR_FROM_SECRET);
    if (!strstr(err_last_message(), message))
        fail_msg("message '%s' lacks '%s'", err_last_message(), message);
    err_reset_last();
}

static void
reopen(Fixture *f, unsigned int *ret_failed)
{
    unsigned int failed = 0;

    secret_store_free(f->st);
    f->st = secret_store_new(f->config_dir, f->key_path);
    if (secret_store_load(f->st, &failed) < 0)
        fail_msg("load: %s", err_last_message());
    if (ret_failed)
        *ret_failed = failed;
    else
        assert_int_equal(failed, 0);
}

static int
setup(void **state)
{
    Fixture *f = g_new0(Fixture, 1);

    f->root = g_dir_make_tmp("secretd-unit-XXXXXX", NULL);
    assert_non_null(f->root);
    g_setenv("MODVIRT_ROOT", f->root, TRUE);
    paths_reset();
    secret_store_default_paths(true, &f->config_dir, &f->key_path);
    f->st = secret_store_new(f->config_dir, f->key_path);
    assert_int_equal(secret_store_load(f->st, NULL), 0);
    *state = f;
    return 0;
}

static void
rm_rf(const char *path)
{
    g_autoptr(GDir) dir = g_dir_open(path, 0, NULL);
    const char *name;

    if (dir) {
        while ((name = g_dir_read_name(dir))) {
            g_autofree char *child = g_build_filename(path, name, NULL);
            rm_rf(child);
        }
        rmdir(path);
    } else {
        unlink(path);
    }
}

static int
teardown(void **state)
{
    Fixture *f = *state;

    secret_store_free(f->st);
    rm_rf(f->root);
    g_free(f->root);
    g_free(f->config_dir);
    g_free(f->key_path);
    g_free(f);
    err_reset_last();
    return 0;
}

/* ---- tests ---- */

static void
test_paths(void **state)
{
    Fixture *f = *state;
    g_autofree char *cfg = g_build_filename(f->root, "etc/libvirt/secrets", NULL);
    g_autofree char *key = g_build_filename(f->root, "var/lib/libvirt/secrets",
                                            SECRET_KEY_FILE_NAME, NULL);
    g_autofree char *scfg = NULL;
    g_autofree char *skey = NULL;
    struct stat sb;

    assert_string_equal(f->config_dir, cfg);
    assert_string_equal(f->key_path, key);
    assert_int_equal(stat(cfg, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0700);
    assert_int_equal(stat(key, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    assert_int_equal(sb.st_size, VALCRYPT_KEY_LEN);

    secret_store_default_paths(false, &scfg, &skey);
    assert_true(g_str_has_prefix(scfg, f->root));
    assert_true(g_str_has_suffix(scfg, "/libvirt/secrets"));
    assert_true(g_str_has_prefix(skey, f->root));
}

static void
test_define_lookup(void **state)
{
    Fixture *f = *state;
    g_autofree char *xml = secret_xml(U1, false, false, "volume", "/var/a.img", "d1");
    g_autofree char *cfg = fpath(f, U1, ".xml");
    g_autofree char *got = NULL;
    unsigned char u[UUID_RAW_LEN];
    SecretInfo info = { 0 };
    struct stat sb;

    assert_int_equal(secret_store_define(f->st, xml, 0, &info), 0);
    raw(U1, u);
    assert_memory_equal(info.uuid, u, UUID_RAW_LEN);
    assert_int_equal(info.usage_type, VIR_SECRET_USAGE_TYPE_VOLUME);
    assert_string_equal(info.usage_id, "/var/a.img");
    secret_info_clear(&info);

    assert_int_equal(stat(cfg, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);

    assert_int_equal(secret_store_lookup_uuid(f->st, u, &info), 0);
    assert_string_equal(info.usage_id, "/var/a.img");
    secret_info_clear(&info);
    assert_int_equal(secret_store_lookup_usage(f->st, VIR_SECRET_USAGE_TYPE_VOLUME,
                                               "/var/a.img", &info), 0);
    assert_memory_equal(info.uuid, u, UUID_RAW_LEN);
    secret_info_clear(&info);

    /* same id, other usage type: not the same usage */
    assert_int_equal(secret_store_lookup_usage(f->st, VIR_SECRET_USAGE_TYPE_CEPH,
                                               "/var/a.img", &info), -1);
    assert_error(VIR_ERR_NO_SECRET, "no secret with matching usage '/var/a.img'");

    raw(U2, u);
    assert_int_equal(secret_store_lookup_uuid(f->st, u, &info), -1);
    assert_error(VIR_ERR_NO_SECRET,
                 "Secret not found: no secret with matching uuid '" U2 "'");

    raw(U1, u);
    got = secret_store_get_xml(f->st, u);
    assert_non_null(got);
    assert_non_null(strstr(got, U1));
    assert_non_null(strstr(got, "d1"));
    assert_int_equal(secret_store_count(f->st), 1);
}

static void
test_define_invalid_xml(void **state)
{
    Fixture *f = *state;
    SecretInfo info = { 0 };

    assert_int_equal(secret_store_define(f->st, "garbage", 0, &info), -1);
    assert_true(err_has_last());
    err_reset_last();
    assert_int_equal(secret_store_count(f->st), 0);
}

static void
test_define_generates_uuid(void **state)
{
    Fixture *f = *state;
    g_autofree char *xml = secret_xml(NULL, false, false, "ceph", "client.x", NULL);
    char uuidstr[UUID_STR_LEN];
    g_autofree char *cfg = NULL;
    SecretInfo info = { 0 };

    assert_int_equal(secret_store_define(f->st, xml, 0, &info), 0);
    assert_false(uuid_is_null(info.uuid));
    uuid_format(info.uuid, uuidstr);
    cfg = fpath(f, uuidstr, ".xml");
    assert_true(file_exists(cfg));
    secret_info_clear(&info);
}

static void
test_redefine(void **state)
{
    Fixture *f = *state;
    g_autofree char *x1 = secret_xml(U1, false, false, "volume", "/a", "old");
    g_autofree char *x2 = secret_xml(U1, false, false, "volume", "/a", "new");
    g_autofree char *cfg = fpath(f, U1, ".xml");
    g_autofree char *disk = NULL;
    unsigned char u[UUID_RAW_LEN];
    g_autofree char *got = NULL;

    assert_int_equal(secret_store_define(f->st, x1, 0, NULL), 0);
    set_value_ok(f, U1, "v1");
    assert_int_equal(secret_store_define(f->st, x2, 0, NULL), 0);
    assert_int_equal(secret_store_count(f->st), 1);
    raw(U1, u);
    got = secret_store_get_xml(f->st, u);
    assert_non_null(strstr(got, "new"));
    assert_int_equal(file_read_all(cfg, 1 << 20, &disk, NULL), 0);
    assert_non_null(strstr(disk, "new"));
    /* the value survives a redefinition */
    assert_value(f, U1, "v1");
}

static void
test_usage_conflicts(void **state)
{
    Fixture *f = *state;
    g_autofree char *dup = secret_xml(U2, false, false, "volume", "/a", NULL);
    g_autofree char *move = secret_xml(U1, false, false, "volume", "/b", NULL);
    g_autofree char *retype = secret_xml(U1, false, false, "ceph", "/a", NULL);
    g_autofree char *retype2 = secret_xml(U1, false, false, "ceph", "taken", NULL);
    g_autofree char *cfg2 = fpath(f, U2, ".xml");

    define_ok(f, U1, false, false, "volume", "/a");

    assert_int_equal(secret_store_define(f->st, dup, 0, NULL), -1);
    assert_error(VIR_ERR_INTERNAL_ERROR,
                 "internal error: a secret with UUID " U1
                 " already defined for use with /a");
    assert_false(file_exists(cfg2));

    assert_int_equal(secret_store_define(f->st, move, 0, NULL), -1);
    assert_error(VIR_ERR_INTERNAL_ERROR,
                 "a secret with UUID " U1 " is already defined for use with /a");

    /* same id under another usage type is a different usage (libvirt too) */
    assert_int_equal(secret_store_define(f->st, retype, 0, NULL), 0);

    /* ...but it may not collide with another secret's usage */
    define_ok(f, U3, false, false, "ceph", "taken");
    assert_int_equal(secret_store_define(f->st, retype2, 0, NULL), -1);
    assert_error(VIR_ERR_INTERNAL_ERROR, "is already defined for use with /a");

    /* usage type none never conflicts */
    define_ok(f, U2, false, false, "none", NULL);
    define_ok(f, U4, false, false, "none", NULL);
    assert_int_equal(secret_store_count(f->st), 4);
}

static void
test_private_flag(void **state)
{
    Fixture *f = *state;
    g_autofree char *pub = secret_xml(U1, false, false, "volume", "/a", NULL);
    g_autofree char *eph_priv = secret_xml(U1, true, true, "volume", "/a", NULL);
    unsigned char u[UUID_RAW_LEN];
    unsigned char *v = NULL;
    size_t len = 0;

    define_ok(f, U1, false, false, "volume", "/a");
    set_value_ok(f, U1, "pw");
    /* public -> private is fine, private -> public is not */
    define_ok(f, U1, false, true, "volume", "/a");
    assert_int_equal(secret_store_define(f->st, pub, 0, NULL), -1);
    assert_error(VIR_ERR_INTERNAL_ERROR, "cannot change private flag on existing secret");

    raw(U1, u);
    assert_int_equal(secret_store_get_value(f->st, u, 0, &v, &len), -1);
    assert_error(VIR_ERR_INVALID_SECRET, "Invalid secret: secret is private");
    assert_value(f, U1, "pw");

    assert_int_equal(secret_store_define(f->st, eph_priv, 0, NULL), 0);
}

static void
test_ephemeral_never_on_disk(void **state)
{
    Fixture *f = *state;
    g_autoptr(GDir) dir = NULL;

    define_ok(f, U1, true, false, "volume", "/a");
    define_ok(f, U2, true, true, "ceph", "c");
    set_value_ok(f, U1, "memory-only");
    set_value_ok(f, U2, "memory-only-2");
    define_ok(f, U1, true, false, "volume", "/a");
    assert_value(f, U1, "memory-only");

    dir = g_dir_open(f->config_dir, 0, NULL);
    assert_non_null(dir);
    assert_null(g_dir_read_name(dir));

    reopen(f, NULL);
    assert_int_equal(secret_store_count(f->st), 0);
}

static void
test_ephemeral_transitions(void **state)
{
    Fixture *f = *state;
    g_autofree char *cfg = fpath(f, U1, ".xml");
    g_autofree char *val = fpath(f, U1, ".value");

    /* persistent with a value -> ephemeral: files go, value stays */
    define_ok(f, U1, false, false, "volume", "/a");
    set_value_ok(f, U1, "pw1");
    assert_true(file_exists(cfg));
    assert_true(file_exists(val));
    define_ok(f, U1, true, false, "volume", "/a");
    assert_false(file_exists(cfg));
    assert_false(file_exists(val));
    assert_value(f, U1, "pw1");

    /* ephemeral with a value -> persistent: value then config written */
    set_value_ok(f, U1, "pw2");
    assert_false(file_exists(val));
    define_ok(f, U1, false, false, "volume", "/a");
    assert_true(file_exists(cfg));
    assert_true(file_exists(val));

    reopen(f, NULL);
    assert_value(f, U1, "pw2");
}

static void
test_list_filters(void **state)
{
    Fixture *f = *state;
    static const struct {
        unsigned int flags;
        int want;
    } cases[] = {
        { 0, 4 },
        { VIR_CONNECT_LIST_SECRETS_EPHEMERAL, 2 },
        { VIR_CONNECT_LIST_SECRETS_NO_EPHEMERAL, 2 },
        { VIR_CONNECT_LIST_SECRETS_EPHEMERAL | VIR_CONNECT_LIST_SECRETS_NO_EPHEMERAL, 4 },
        { VIR_CONNECT_LIST_SECRETS_PRIVATE, 2 },
        { VIR_CONNECT_LIST_SECRETS_NO_PRIVATE, 2 },
        { VIR_CONNECT_LIST_SECRETS_PRIVATE | VIR_CONNECT_LIST_SECRETS_NO_PRIVATE, 4 },
        { VIR_CONNECT_LIST_SECRETS_EPHEMERAL | VIR_CONNECT_LIST_SECRETS_PRIVATE, 1 },
        { VIR_CONNECT_LIST_SECRETS_NO_EPHEMERAL | VIR_CONNECT_LIST_SECRETS_NO_PRIVATE, 1 },
        { VIR_CONNECT_LIST_SECRETS_EPHEMERAL | VIR_CONNECT_LIST_SECRETS_NO_PRIVATE, 1 },
    };
    SecretInfo *infos = NULL;
    unsigned char u[UUID_RAW_LEN];
    int n;

    /* defined out of order: the list comes back sorted by UUID */
    define_ok(f, U4, true, true, "tls", "t");          /* eph, priv */
    define_ok(f, U2, false, true, "iscsi", "iqn.x");   /* persistent, priv */
    define_ok(f, U3, true, false, "vtpm", "vt");       /* eph, public */
    define_ok(f, U1, false, false, "none", NULL);      /* persistent, public */

    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        n = secret_store_list(f->st, cases[i].flags, NULL);
        if (n != cases[i].want)
            fail_msg("flags 0x%x: %d, want %d", cases[i].flags, n, cases[i].want);
    }

    n = secret_store_list(f->st, 0, &infos);
    assert_int_equal(n, 4);
    raw(U1, u);
    assert_memory_equal(infos[0].uuid, u, UUID_RAW_LEN);
    assert_int_equal(infos[0].usage_type, VIR_SECRET_USAGE_TYPE_NONE);
    assert_null(infos[0].usage_id);
    raw(U4, u);
    assert_memory_equal(infos[3].uuid, u, UUID_RAW_LEN);
    assert_string_equal(infos[3].usage_id, "t");
    secret_info_array_free(infos, (size_t) n);

    n = secret_store_list(f->st, VIR_CONNECT_LIST_SECRETS_EPHEMERAL |
                          VIR_CONNECT_LIST_SECRETS_NO_PRIVATE, &infos);
    assert_int_equal(n, 1);
    raw(U3, u);
    assert_memory_equal(infos[0].uuid, u, UUID_RAW_LEN);
    secret_info_array_free(infos, (size_t) n);
}

static void
test_values(void **state)
{
    Fixture *f = *state;
    g_autofree char *val = fpath(f, U1, ".value");
    unsigned char u[UUID_RAW_LEN];
    unsigned char bin[256];

    define_ok(f, U1, false, false, "volume", "/a");
    assert_value(f, U1, NULL);
    raw(U1, u);
    {
        unsigned char *v = NULL;
        size_t len = 0;

        assert_int_equal(secret_store_get_value(f->st, u, 0, &v, &len), -1);
        assert_error(VIR_ERR_NO_SECRET, "secret '" U1 "' does not have a value");
    }
    set_value_ok(f, U1, "first");
    set_value_ok(f, U1, "second");
    assert_value(f, U1, "second");

    /* binary values with NULs round-trip */
    for (size_t i = 0; i < sizeof(bin); i++)
        bin[i] = (unsigned char) i;
    assert_int_equal(secret_store_set_value(f->st, u, bin, sizeof(bin), NULL), 0);
    reopen(f, NULL);
    {
        unsigned char *v = NULL;
        size_t len = 0;

        assert_int_equal(secret_store_get_value(f->st, u, 0, &v, &len), 0);
        assert_int_equal(len, sizeof(bin));
        assert_memory_equal(v, bin, sizeof(bin));
        valcrypt_wipe_free(v, len);
    }

    /* an empty value clears it, on disk too */
    assert_int_equal(secret_store_set_value(f->st, u, (const unsigned char *) "", 0,
                                            NULL), 0);
    assert_value(f, U1, NULL);
    assert_false(file_exists(val));

    raw(U2, u);
    assert_int_equal(secret_store_set_value(f->st, u, (const unsigned char *) "x", 1,
                                            NULL), -1);
    assert_error(VIR_ERR_NO_SECRET, "no secret with matching uuid '" U2 "'");
}

static void
test_value_sealed(void **state)
{
    Fixture *f = *state;
    static const char plain[] = "correct-horse-battery-staple";
    g_autofree char *b64 = g_base64_encode((const guchar *) plain, strlen(plain));
    g_autofree char *val = fpath(f, U1, ".value");
    char *data = NULL;
    size_t len = 0;
    struct stat sb;

    define_ok(f, U1, false, false, "volume", "/a");
    set_value_ok(f, U1, plain);
    assert_int_equal(stat(val, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    assert_int_equal(file_read_all(val, 1 << 20, &data, &len), 0);
    assert_null(memmem(data, len, plain, strlen(plain)));
    assert_null(memmem(data, len, b64, strlen(b64)));
    assert_memory_equal(data, "MVS1", 4);
    g_free(data);

    /* a fresh nonce per write: same value, different bytes */
    {
        char *again = NULL;
        size_t len2 = 0;
        char *first = NULL;
        size_t len1 = 0;

        assert_int_equal(file_read_all(val, 1 << 20, &first, &len1), 0);
        set_value_ok(f, U1, plain);
        assert_int_equal(file_read_all(val, 1 << 20, &again, &len2), 0);
        assert_int_equal(len1, len2);
        assert_memory_not_equal(first, again, len1);
        g_free(first);
        g_free(again);
    }
}

static void
test_value_bound_to_uuid(void **state)
{
    Fixture *f = *state;
    g_autofree char *v1 = fpath(f, U1, ".value");
    g_autofree char *v2 = fpath(f, U2, ".value");
    g_autofree char *cfg2 = fpath(f, U2, ".xml");
    char *data = NULL;
    size_t len = 0;
    unsigned int failed = 0;

    define_ok(f, U1, false, false, "volume", "/a");
    define_ok(f, U2, false, false, "volume", "/b");
    set_value_ok(f, U1, "one");
    set_value_ok(f, U2, "two");
    /* swap U1's sealed value onto U2: it must not open */
    assert_int_equal(file_read_all(v1, 1 << 20, &data, &len), 0);
    assert_int_equal(file_write_atomic(v2, data, len, 0600), 0);
    g_free(data);

    reopen(f, &failed);
    assert_int_equal(failed, 1);
    assert_int_equal(secret_store_count(f->st), 1);
    assert_value(f, U1, "one");
    /* both files of the broken secret stay where they were */
    assert_true(file_exists(cfg2));
    assert_true(file_exists(v2));
}

static void
test_persistence_round_trip(void **state)
{
    Fixture *f = *state;
    unsigned char u[UUID_RAW_LEN];
    SecretInfo info = { 0 };
    g_autofree char *xml = NULL;

    define_ok(f, U1, false, false, "volume", "/a");
    define_ok(f, U2, false, true, "ceph", "client.admin");
    define_ok(f, U3, true, false, "tls", "tlsid");
    define_ok(f, U4, false, false, "iscsi", "iqn.2013-07.com.example:x");
    set_value_ok(f, U1, "v1");
    set_value_ok(f, U2, "v2");
    set_value_ok(f, U3, "v3");

    reopen(f, NULL);
    assert_int_equal(secret_store_count(f->st), 3);
    assert_value(f, U1, "v1");
    assert_value(f, U2, "v2");
    assert_value(f, U4, NULL);
    raw(U3, u);
    assert_int_equal(secret_store_lookup_uuid(f->st, u, NULL), -1);
    err_reset_last();

    assert_int_equal(secret_store_lookup_usage(f->st, VIR_SECRET_USAGE_TYPE_CEPH,
                                               "client.admin", &info), 0);
    raw(U2, u);
    assert_memory_equal(info.uuid, u, UUID_RAW_LEN);
    secret_info_clear(&info);
    xml = secret_store_get_xml(f->st, u);
    assert_non_null(strstr(xml, "private='yes'"));
    /* private survives the restart */
    {
        unsigned char *v = NULL;
        size_t len = 0;

        assert_int_equal(secret_store_get_value(f->st, u, 0, &v, &len), -1);
        assert_error(VIR_ERR_INVALID_SECRET, "secret is private");
    }
    /* a reload with nothing new changes nothing */
    assert_int_equal(secret_store_load(f->st, NULL), 0);
    assert_int_equal(secret_store_count(f->st), 3);
}

static void
test_broken_configs_kept(void **state)
{
    Fixture *f = *state;
    g_autofree char *bad = fpath(f, U2, ".xml");
    g_autofree char *badval = fpath(f, U2, ".value");
    g_autofree char *misnamed = fpath(f, U3, ".xml");
    g_autofree char *mis_xml = secret_xml(U4, false, false, "volume", "/m", NULL);
    g_autofree char *dup_xml = secret_xml(U4, false, false, "volume", "/a", NULL);
    g_autofree char *dup = fpath(f, U4, ".xml");
    static const char garbage[] = "<secret ephemeral='no'><uuid>not-a-uuid";
    char *data = NULL;
    unsigned int failed = 0;

    define_ok(f, U1, false, false, "volume", "/a");
    set_value_ok(f, U1, "kept");
    assert_int_equal(file_write_atomic(bad, garbage, strlen(garbage), 0600), 0);
    assert_int_equal(file_write_atomic(badval, "junk", 4, 0600), 0);
    /* a valid config under the wrong file name */
    assert_int_equal(file_write_atomic(misnamed, mis_xml, strlen(mis_xml), 0600), 0);
    /* a valid config whose usage collides with U1 */
    assert_int_equal(file_write_atomic(dup, dup_xml, strlen(dup_xml), 0600), 0);

    reopen(f, &failed);
    assert_int_equal(failed, 3);
    assert_int_equal(secret_store_count(f->st), 1);
    assert_value(f, U1, "kept");

    /* nothing was deleted or rewritten */
    assert_int_equal(file_read_all(bad, 1 << 20, &data, NULL), 0);
    assert_string_equal(data, garbage);
    g_free(data);
    assert_true(file_exists(badval));
    assert_true(file_exists(misnamed));
    assert_true(file_exists(dup));

    /* a second load (reload) reports them again and still keeps them */
    assert_int_equal(secret_store_load(f->st, &failed), 0);
    assert_int_equal(failed, 3);
    assert_true(file_exists(bad));
}

static void
test_legacy_base64(void **state)
{
    Fixture *f = *state;
    g_autofree char *xml = secret_xml(U1, false, false, "ceph", "client.old", NULL);
    g_autofree char *cfg = fpath(f, U1, ".xml");
    g_autofree char *b64 = fpath(f, U1, ".base64");
    g_autofree char *val = fpath(f, U1, ".value");
    g_autofree char *enc = g_base64_encode((const guchar *) "from-libvirt", 12);

    /* what libvirt leaves in /etc/libvirt/secrets */
    assert_int_equal(file_write_atomic(cfg, xml, strlen(xml), 0600), 0);
    assert_int_equal(file_write_atomic(b64, enc, strlen(enc), 0600), 0);

    reopen(f, NULL);
    assert_value(f, U1, "from-libvirt");
    assert_true(file_exists(val));
    assert_false(file_exists(b64));
    reopen(f, NULL);
    assert_value(f, U1, "from-libvirt");
}

static void
test_undefine(void **state)
{
    Fixture *f = *state;
    g_autofree char *cfg = fpath(f, U1, ".xml");
    g_autofree char *val = fpath(f, U1, ".value");
    unsigned char u[UUID_RAW_LEN];
    SecretInfo info = { 0 };

    define_ok(f, U1, false, false, "volume", "/a");
    set_value_ok(f, U1, "x");
    raw(U1, u);
    assert_int_equal(secret_store_undefine(f->st, u, &info), 0);
    assert_string_equal(info.usage_id, "/a");
    secret_info_clear(&info);
    assert_false(file_exists(cfg));
    assert_false(file_exists(val));
    assert_int_equal(secret_store_lookup_uuid(f->st, u, NULL), -1);
    assert_error(VIR_ERR_NO_SECRET, "no secret with matching uuid");
    assert_int_equal(secret_store_undefine(f->st, u, NULL), -1);
    assert_error(VIR_ERR_NO_SECRET, "no secret with matching uuid '" U1 "'");

    /* the usage is free again */
    define_ok(f, U2, false, false, "volume", "/a");
    reopen(f, NULL);
    assert_int_equal(secret_store_count(f->st), 1);
}

static void
test_stale_value_not_revived(void **state)
{
    Fixture *f = *state;
    g_autofree char *cfg = fpath(f, U1, ".xml");
    g_autofree char *val = fpath(f, U1, ".value");
    unsigned char u[UUID_RAW_LEN];

    /* simulate a crash between the two unlinks of an undefine */
    define_ok(f, U1, false, false, "volume", "/a");
    set_value_ok(f, U1, "old-life");
    assert_int_equal(unlink(cfg), 0);
    reopen(f, NULL);
    assert_int_equal(secret_store_count(f->st), 0);
    assert_true(file_exists(val));

    /* a new secret with that UUID must not inherit the old value */
    define_ok(f, U1, false, false, "volume", "/b");
    assert_value(f, U1, NULL);
    assert_false(file_exists(val));
    reopen(f, NULL);
    assert_value(f, U1, NULL);
    raw(U1, u);
    assert_int_equal(secret_store_lookup_uuid(f->st, u, NULL), 0);
}

static void
test_bad_key(void **state)
{
    Fixture *f = *state;
    SecretStore *st;

    secret_store_free(f->st);
    f->st = NULL;
    assert_int_equal(file_write_atomic(f->key_path, "short", 5, 0600), 0);
    st = secret_store_new(f->config_dir, f->key_path);
    assert_int_equal(secret_store_load(st, NULL), -1);
    assert_error(VIR_ERR_INTERNAL_ERROR, "must be exactly 32 bytes");
    f->st = st;
}

static gpointer
reader_thread(gpointer data)
{
    Fixture *f = data;
    unsigned char u[UUID_RAW_LEN];

    raw(U1, u);
    for (int i = 0; i < 2000; i++) {
        unsigned char *v = NULL;
        size_t len = 0;
        SecretInfo *infos = NULL;
        int n;

        if (secret_store_get_value(f->st, u, 0, &v, &len) == 0) {
            g_assert(len == 2 && v[0] == 'v');
            valcrypt_wipe_free(v, len);
        }
        n = secret_store_list(f->st, 0, &infos);
        secret_info_array_free(infos, (size_t) n);
        err_reset_last();
    }
    return NULL;
}

static void
test_concurrent_readers(void **state)
{
    Fixture *f = *state;
    GThread *t[3];

    define_ok(f, U1, true, false, "volume", "/a");
    for (size_t i = 0; i < G_N_ELEMENTS(t); i++)
        t[i] = g_thread_new("reader", reader_thread, f);
    for (int i = 0; i < 300; i++) {
        char v[3] = { 'v', (char) ('a' + i % 26), 0 };

        set_value_ok(f, U1, v);
        define_ok(f, U1, true, false, "volume", "/a");
    }
    for (size_t i = 0; i < G_N_ELEMENTS(t); i++)
        g_thread_join(t[i]);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_paths, setup, teardown),
        cmocka_unit_test_setup_teardown(test_define_lookup, setup, teardown),
        cmocka_unit_test_setup_teardown(test_define_invalid_xml, setup, teardown),
        cmocka_unit_test_setup_teardown(test_define_generates_uuid, setup, teardown),
        cmocka_unit_test_setup_teardown(test_redefine, setup, teardown),
        cmocka_unit_test_setup_teardown(test_usage_conflicts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_private_flag, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ephemeral_never_on_disk, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ephemeral_transitions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_list_filters, setup, teardown),
        cmocka_unit_test_setup_teardown(test_values, setup, teardown),
        cmocka_unit_test_setup_teardown(test_value_sealed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_value_bound_to_uuid, setup, teardown),
        cmocka_unit_test_setup_teardown(test_persistence_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_broken_configs_kept, setup, teardown),
        cmocka_unit_test_setup_teardown(test_legacy_base64, setup, teardown),
        cmocka_unit_test_setup_teardown(test_undefine, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stale_value_not_revived, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_key, setup, teardown),
        cmocka_unit_test_setup_teardown(test_concurrent_readers, setup, teardown),
    };

    return cmocka_run_group_tests_name("secret-store", tests, NULL, NULL);
}
