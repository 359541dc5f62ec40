/* tests/unit/util/test-parse.c: strict number parsing: the whole string must
 * be a number of the right sign, base and range. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <glib.h>

#include "common/util/parse.h"

static void
test_ull(void **state)
{
    unsigned long long v = 0;

    assert_int_equal(parse_ull("0", 10, &v), 0);
    assert_int_equal(v, 0);
    assert_int_equal(parse_ull("18446744073709551615", 10, &v), 0);
    assert_true(v == ULLONG_MAX);
    assert_int_equal(parse_ull("18446744073709551616", 10, &v), -ERANGE);
    assert_int_equal(parse_ull("0x1f", 0, &v), 0);
    assert_int_equal(v, 31);
    assert_int_equal(parse_ull("0770", 8, &v), 0);
    assert_int_equal(v, 0770);
    assert_int_equal(parse_ull("ff", 16, &v), 0);
    assert_int_equal(v, 255);
    v = 77;
    assert_int_equal(parse_ull("-1", 10, &v), -EINVAL);      /* strtoull would wrap */
    assert_int_equal(parse_ull(" 1", 10, &v), -EINVAL);
    assert_int_equal(parse_ull("1 ", 10, &v), -EINVAL);
    assert_int_equal(parse_ull("1x", 10, &v), -EINVAL);
    assert_int_equal(parse_ull("", 10, &v), -EINVAL);
    assert_int_equal(parse_ull(NULL, 10, &v), -EINVAL);
    assert_int_equal(parse_ull("8", 8, &v), -EINVAL);
    assert_int_equal(v, 77);                                   /* untouched on error */
}

static void
test_ll(void **state)
{
    long long v = 0;

    assert_int_equal(parse_ll("-9223372036854775808", 10, &v), 0);
    assert_true(v == LLONG_MIN);
    assert_int_equal(parse_ll("9223372036854775808", 10, &v), -ERANGE);
    assert_int_equal(parse_ll("+12", 10, &v), 0);
    assert_int_equal(v, 12);
    assert_int_equal(parse_ll("--1", 10, &v), -EINVAL);
    assert_int_equal(parse_ll("-", 10, &v), -EINVAL);
    assert_int_equal(parse_ll("\t5", 10, &v), -EINVAL);
}

static void
test_uint_int(void **state)
{
    unsigned int u = 0;
    int i = 0;

    assert_int_equal(parse_uint("4294967295", 10, &u), 0);
    assert_true(u == UINT_MAX);
    assert_int_equal(parse_uint("4294967296", 10, &u), -ERANGE);
    assert_int_equal(parse_int("-2147483648", 10, &i), 0);
    assert_true(i == INT_MIN);
    assert_int_equal(parse_int("2147483648", 10, &i), -ERANGE);
    assert_int_equal(parse_int("abc", 10, &i), -EINVAL);
}

static void
test_ranges(void **state)
{
    unsigned long long u = 0;
    long long l = 0;

    assert_int_equal(parse_ull_range("5", 10, 5, 10, &u), 0);
    assert_int_equal(parse_ull_range("10", 10, 5, 10, &u), 0);
    assert_int_equal(parse_ull_range("4", 10, 5, 10, &u), -ERANGE);
    assert_int_equal(parse_ull_range("11", 10, 5, 10, &u), -ERANGE);
    assert_int_equal(u, 10);
    assert_int_equal(parse_ll_range("-1", 10, -1, 1, &l), 0);
    assert_int_equal(l, -1);
    assert_int_equal(parse_ll_range("-2", 10, -1, 1, &l), -ERANGE);
    assert_int_equal(parse_ll_range("x", 10, -1, 1, &l), -EINVAL);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ull),
        cmocka_unit_test(test_ll),
        cmocka_unit_test(test_uint_int),
        cmocka_unit_test(test_ranges),
    };

    return cmocka_run_group_tests_name("parse", tests, NULL, NULL);
}
