/* tests/unit/api/test-typedparams.c: the public virTypedParams* helpers of
 * libvirt.so: adding every type, growth of the array, reading back with
 * type checks, string copies, parsing from strings, clear/free. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdbool.h>
#include <string.h>
#include <cmocka.h>
#include <glib.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

static void
quiet(void *data, virErrorPtr err)
{
}

static void
test_add_and_get(void **state)
{
    virTypedParameterPtr params = NULL;
    int n = 0;
    int max = 0;
    int i;
    unsigned int ui;
    long long l;
    unsigned long long ul;
    double d;
    int b;
    const char *s;
    char name[] = "name";

    assert_int_equal(virTypedParamsAddInt(&params, &n, &max, "int", -5), 0);
    assert_int_equal(virTypedParamsAddUInt(&params, &n, &max, "uint", 7), 0);
    assert_int_equal(virTypedParamsAddLLong(&params, &n, &max, "llong", -(1LL << 40)), 0);
    assert_int_equal(virTypedParamsAddULLong(&params, &n, &max, "ullong", 1ULL << 63), 0);
    assert_int_equal(virTypedParamsAddDouble(&params, &n, &max, "double", 2.5), 0);
    assert_int_equal(virTypedParamsAddBoolean(&params, &n, &max, "bool", 42), 0);
    assert_int_equal(virTypedParamsAddString(&params, &n, &max, name, "value"), 0);
    assert_int_equal(n, 7);
    assert_true(max >= n);

    /* the string was copied */
    name[0] = 'X';
    assert_int_equal(virTypedParamsGetString(params, n, "name", &s), 1);
    assert_string_equal(s, "value");

    assert_int_equal(virTypedParamsGetInt(params, n, "int", &i), 1);
    assert_int_equal(i, -5);
    assert_int_equal(virTypedParamsGetUInt(params, n, "uint", &ui), 1);
    assert_int_equal(ui, 7);
    assert_int_equal(virTypedParamsGetLLong(params, n, "llong", &l), 1);
    assert_true(l == -(1LL << 40));
    assert_int_equal(virTypedParamsGetULLong(params, n, "ullong", &ul), 1);
    assert_true(ul == 1ULL << 63);
    assert_int_equal(virTypedParamsGetDouble(params, n, "double", &d), 1);
    assert_true(d == 2.5);
    assert_int_equal(virTypedParamsGetBoolean(params, n, "bool", &b), 1);
    assert_int_equal(b, 1);
    assert_int_equal(virTypedParamsGetInt(params, n, "int", NULL), 1);

    /* absent parameter: 0, no error */
    i = 99;
    assert_int_equal(virTypedParamsGetInt(params, n, "missing", &i), 0);
    assert_int_equal(i, 99);
    assert_null(virGetLastError());
    assert_null(virTypedParamsGet(params, n, "missing"));
    assert_null(virTypedParamsGet(NULL, 0, "int"));
    assert_ptr_equal(virTypedParamsGet(params, n, "uint"), &params[1]);
    assert_int_equal(virTypedParamsGetInt(NULL, 0, "int", &i), 0);

    /* wrong type: -1 and an error naming both types */
    assert_int_equal(virTypedParamsGetInt(params, n, "uint", &i), -1);
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_INVALID_ARG);
    assert_string_equal(virGetLastErrorMessage(),
                        "invalid argument: Invalid type 'int' requested for parameter 'uint', actual type is 'uint'");
    assert_int_equal(virTypedParamsGetString(params, n, "bool", &s), -1);
    assert_non_null(strstr(virGetLastErrorMessage(), "actual type is 'boolean'"));

    virTypedParamsFree(params, n);
}

static void
test_growth_and_duplicates(void **state)
{
    virTypedParameterPtr params = NULL;
    int n = 0;
    int max = 0;
    const char *list[] = { "a", "b", "c", NULL };
    const char *empty[] = { NULL };

    for (int k = 0; k < 100; k++) {
        g_autofree char *f = g_strdup_printf("f%d", k);

        assert_int_equal(virTypedParamsAddUInt(&params, &n, &max, f, k), 0);
    }
    assert_int_equal(n, 100);
    for (int k = 0; k < 100; k++) {
        g_autofree char *f = g_strdup_printf("f%d", k);
        unsigned int v;

        assert_int_equal(virTypedParamsGetUInt(params, n, f, &v), 1);
        assert_int_equal(v, k);
    }
    /* multi-valued strings share one name */
    assert_int_equal(virTypedParamsAddStringList(&params, &n, &max, "multi", list), 0);
    assert_int_equal(n, 103);
    assert_string_equal(params[100].value.s, "a");
    assert_string_equal(params[102].value.s, "c");
    assert_int_equal(virTypedParamsAddStringList(&params, &n, &max, "multi", NULL), 0);
    assert_int_equal(virTypedParamsAddStringList(&params, &n, &max, "multi", empty), 0);
    assert_int_equal(n, 103);
    virTypedParamsFree(params, n);
}

static void
test_name_too_long(void **state)
{
    virTypedParameterPtr params = NULL;
    int n = 0;
    int max = 0;
    char name[VIR_TYPED_PARAM_FIELD_LENGTH + 1];

    memset(name, 'x', sizeof(name) - 1);
    name[sizeof(name) - 1] = '\0';
    assert_int_equal(virTypedParamsAddInt(&params, &n, &max, name, 1), -1);
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_INTERNAL_ERROR);
    assert_int_equal(n, 0);
    name[VIR_TYPED_PARAM_FIELD_LENGTH - 1] = '\0';     /* 79 characters fit */
    assert_int_equal(virTypedParamsAddInt(&params, &n, &max, name, 1), 0);
    assert_int_equal(n, 1);
    virTypedParamsFree(params, n);
}

static void
test_from_string(void **state)
{
    static const struct {
        int type;
        const char *text;
        bool ok;
    } cases[] = {
        { VIR_TYPED_PARAM_INT, "-12", true },
        { VIR_TYPED_PARAM_INT, "12x", false },
        { VIR_TYPED_PARAM_INT, "99999999999", false },
        { VIR_TYPED_PARAM_UINT, "4294967295", true },
        { VIR_TYPED_PARAM_LLONG, "-9223372036854775808", true },
        { VIR_TYPED_PARAM_ULLONG, "18446744073709551615", true },
        { VIR_TYPED_PARAM_DOUBLE, "1.25", true },
        { VIR_TYPED_PARAM_DOUBLE, "abc", false },
        { VIR_TYPED_PARAM_BOOLEAN, "TRUE", true },
        { VIR_TYPED_PARAM_BOOLEAN, "0", true },
        { VIR_TYPED_PARAM_BOOLEAN, "yes", false },
        { VIR_TYPED_PARAM_STRING, "free text", true },
        { 99, "1", false },
    };
    virTypedParameterPtr params = NULL;
    int n = 0;
    int max = 0;
    int expect = 0;

    for (size_t k = 0; k < G_N_ELEMENTS(cases); k++) {
        int r = virTypedParamsAddFromString(&params, &n, &max, "p", cases[k].type, cases[k].text);

        if ((r == 0) != cases[k].ok)
            fail_msg("type %d '%s': %d", cases[k].type, cases[k].text, r);
        if (r == 0)
            expect++;
        else
            assert_non_null(virGetLastError());
    }
    assert_int_equal(n, expect);
    assert_int_equal(params[0].value.i, -12);
    assert_int_equal(params[1].value.ui, 4294967295u);
    assert_true(params[5].value.b == 1);
    assert_true(params[6].value.b == 0);
    assert_string_equal(params[7].value.s, "free text");
    assert_int_equal(virTypedParamsAddFromString(&params, &n, &max, "p", VIR_TYPED_PARAM_INT, NULL), -1);
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_INVALID_ARG);

    /* clear releases strings but keeps the array */
    virTypedParamsClear(params, n);
    assert_null(params[7].value.s);
    virTypedParamsClear(NULL, 3);
    virTypedParamsFree(params, n);
    virTypedParamsFree(NULL, 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_add_and_get),
        cmocka_unit_test(test_growth_and_duplicates),
        cmocka_unit_test(test_name_too_long),
        cmocka_unit_test(test_from_string),
    };

    virSetErrorFunc(NULL, quiet);
    return cmocka_run_group_tests_name("api-typedparams", tests, NULL, NULL);
}
