/* tests/unit/util/test-uuid.c: UUID text forms accepted and produced, and
 * the version/variant bits of generated UUIDs. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <glib.h>

#include "common/util/uuid.h"

static const unsigned char sample[UUID_RAW_LEN] = {
    0x6a, 0x1e, 0x8c, 0x3f, 0x2b, 0x4d, 0x4e, 0x5f,
    0x90, 0xa1, 0xb2, 0xc3, 0xd4, 0xe5, 0xf6, 0x07,
};

static void
test_parse_forms(void **state)
{
    const char *good[] = {
        "6a1e8c3f-2b4d-4e5f-90a1-b2c3d4e5f607",
        "6A1E8C3F-2B4D-4E5F-90A1-B2C3D4E5F607",
        "6a1e8c3f2b4d4e5f90a1b2c3d4e5f607",
        "  6a1e8c3f-2b4d-4e5f-90a1-b2c3d4e5f607\n",
        "6a-1e8c3f-2b4d4e5f-90a1b2c3d4e5f607",
    };

    for (size_t i = 0; i < G_N_ELEMENTS(good); i++) {
        unsigned char raw[UUID_RAW_LEN] = { 0 };

        if (uuid_parse(good[i], raw) != 0) {
            print_error("rejected '%s'\n", good[i]);
            fail();
        }
        assert_memory_equal(raw, sample, UUID_RAW_LEN);
    }
}

static void
test_parse_rejects(void **state)
{
    const char *bad[] = {
        "",
        "6a1e8c3f-2b4d-4e5f-90a1-b2c3d4e5f60",          /* short */
        "6a1e8c3f-2b4d-4e5f-90a1-b2c3d4e5f6070",        /* long */
        "6a1e8c3f-2b4d-4e5f-90a1-b2c3d4e5f6g7",         /* not hex */
        "6a1e8c3f 2b4d-4e5f-90a1-b2c3d4e5f607",         /* inner blank */
        "6a1e8c3f-2b4d-4e5f-90a1-b2c3d4e5f607 x",       /* trailing junk */
    };
    unsigned char raw[UUID_RAW_LEN];

    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        if (uuid_parse(bad[i], raw) != -EINVAL) {
            print_error("accepted '%s'\n", bad[i]);
            fail();
        }
    }
    assert_int_equal(uuid_parse(NULL, raw), -EINVAL);
}

static void
test_format(void **state)
{
    char s[UUID_STR_LEN];
    unsigned char back[UUID_RAW_LEN];

    uuid_format(sample, s);
    assert_string_equal(s, "6a1e8c3f-2b4d-4e5f-90a1-b2c3d4e5f607");
    assert_int_equal(strlen(s), UUID_STR_LEN - 1);
    assert_int_equal(uuid_parse(s, back), 0);
    assert_memory_equal(back, sample, UUID_RAW_LEN);
}

static void
test_generate(void **state)
{
    unsigned char a[UUID_RAW_LEN];
    unsigned char b[UUID_RAW_LEN];
    char s[UUID_STR_LEN];

    uuid_generate(a);
    uuid_generate(b);
    assert_memory_not_equal(a, b, UUID_RAW_LEN);
    assert_int_equal(a[6] >> 4, 4);              /* version 4 */
    assert_int_equal(a[8] & 0xc0, 0x80);         /* RFC 4122 variant */
    uuid_format(a, s);
    assert_int_equal(s[14], '4');
    assert_false(uuid_is_null(a));
}

static void
test_is_null(void **state)
{
    unsigned char z[UUID_RAW_LEN] = { 0 };

    assert_true(uuid_is_null(z));
    z[15] = 1;
    assert_false(uuid_is_null(z));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_forms),
        cmocka_unit_test(test_parse_rejects),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_generate),
        cmocka_unit_test(test_is_null),
    };

    return cmocka_run_group_tests_name("uuid", tests, NULL, NULL);
}
