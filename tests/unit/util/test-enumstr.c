/* tests/unit/util/test-enumstr.c: ENUM_STRINGS tables in both directions,
 * out-of-range values and unnamed slots. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <glib.h>

#include "common/util/enumstr.h"

typedef enum {
    FRUIT_APPLE,
    FRUIT_PEAR,
    FRUIT_SECRET,     /* deliberately unnamed */
    FRUIT_PLUM,
    FRUIT_LAST
} Fruit;

ENUM_STRINGS_DECL(fruit);
ENUM_STRINGS(fruit, FRUIT_LAST, "apple", "pear", NULL, "plum");

typedef enum { COLOR_RED, COLOR_BLUE, COLOR_LAST } Color;
ENUM_STRINGS_STATIC(color, COLOR_LAST, "red", "blue");

static void
test_to_string(void **state)
{
    assert_string_equal(fruit_to_string(FRUIT_APPLE), "apple");
    assert_string_equal(fruit_to_string(FRUIT_PLUM), "plum");
    assert_null(fruit_to_string(FRUIT_SECRET));
    assert_null(fruit_to_string(FRUIT_LAST));
    assert_null(fruit_to_string(-1));
    assert_string_equal(color_to_string(COLOR_BLUE), "blue");
}

static void
test_from_string(void **state)
{
    assert_int_equal(fruit_from_string("pear"), FRUIT_PEAR);
    assert_int_equal(fruit_from_string("plum"), FRUIT_PLUM);
    assert_int_equal(fruit_from_string("Pear"), -1);      /* case matters */
    assert_int_equal(fruit_from_string(""), -1);
    assert_int_equal(fruit_from_string(NULL), -1);
    assert_int_equal(color_from_string("red"), COLOR_RED);
}

static void
test_lookup(void **state)
{
    static const char *const names[] = { "a", NULL, "c" };

    assert_int_equal(enumstr_lookup(names, 3, "c"), 2);
    assert_int_equal(enumstr_lookup(names, 2, "c"), -1);
    assert_int_equal(enumstr_lookup(names, 3, NULL), -1);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_to_string),
        cmocka_unit_test(test_from_string),
        cmocka_unit_test(test_lookup),
    };

    return cmocka_run_group_tests_name("enumstr", tests, NULL, NULL);
}
