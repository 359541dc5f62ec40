/* tests/unit/util/test-conffile.c: the `key = value` loader: accepted
 * syntax, every error class with its file:line message, flags, and the
 * table helpers. Error cases are one table; adding a case is one line. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "common/util/conffile.h"
#include "common/util/err.h"

typedef struct {
    unsigned int u;
    int i;
    bool b;
    char *s;
    char **list;
    unsigned int perm;
    int color;
    char *other;
} TConf;

static const char *const colors[] = { "red", "green", "blue" };

static const ConfKey tkeys[] = {
    CONF_UINT   (TConf, u,     "u", 1, 100),
    CONF_INT    (TConf, i,     "i", -10, 10),
    CONF_BOOL   (TConf, b,     "b"),
    CONF_STRING (TConf, s,     "s"),
    CONF_STRLIST(TConf, list,  "list"),
    CONF_OCTAL  (TConf, perm,  "perm"),
    CONF_ENUM   (TConf, color, "color", colors),
    CONF_STRING (TConf, other, "other_key2"),
    CONF_IGNORED("old_setting"),
    CONF_END
};

static void
tconf_init(TConf *c)
{
    *c = (TConf) { .u = 7, .i = 0, .s = g_strdup("default"), .perm = 0700, .color = 0 };
}

static void
test_valid_everything(void **state)
{
    const char *text =
        "# a comment line\n"
        "\n"
        "   u = 42        # trailing comment\n"
        "i=-3\n"
        "b = 1; s = \"hello world\"\n"
        "list = [ \"a\",\n"
        "         'b \"quoted\"',   # comment inside a list\n"
        "         \"c\",\n"
        "]\n"
        "perm = \"0770\"\n"
        "color = \"blue\"\n"
        "other_key2 = \"\"\"multi\n"
        "line\"\"\"\n"
        "old_setting = [ 1, 2 ]\n"
        "\t# indented comment without newline at end";
    TConf c;

    tconf_init(&c);
    assert_int_equal(conf_text_load("t.conf", text, tkeys, &c, 0), 0);
    assert_int_equal(c.u, 42);
    assert_int_equal(c.i, -3);
    assert_true(c.b);
    assert_string_equal(c.s, "hello world");
    assert_non_null(c.list);
    assert_int_equal(g_strv_length(c.list), 3);
    assert_string_equal(c.list[0], "a");
    assert_string_equal(c.list[1], "b \"quoted\"");
    assert_string_equal(c.list[2], "c");
    assert_int_equal(c.perm, 0770);
    assert_int_equal(c.color, 2);
    assert_string_equal(c.other, "multi\nline");
    conf_clear(tkeys, &c);
    assert_null(c.s);
    assert_null(c.list);
    assert_null(c.other);
}

static void
test_valid_edge_cases(void **state)
{
    TConf c;

    tconf_init(&c);
    /* empty text, empty list, CRLF endings, plus sign, empty string, ';' alone */
    assert_int_equal(conf_text_load("t", "", tkeys, &c, 0), 0);
    assert_int_equal(conf_text_load("t", "list = []\r\nu = +5\r\ns = \"\"\r\n;;\r\n",
                                    tkeys, &c, 0), 0);
    assert_non_null(c.list);
    assert_int_equal(g_strv_length(c.list), 0);
    assert_int_equal(c.u, 5);
    assert_string_equal(c.s, "");
    /* b = 0 really sets false */
    c.b = true;
    assert_int_equal(conf_text_load("t", "b = 0", tkeys, &c, 0), 0);
    assert_false(c.b);
    /* range ends are inclusive */
    assert_int_equal(conf_text_load("t", "u = 100\ni = -10", tkeys, &c, 0), 0);
    assert_int_equal(c.u, 100);
    assert_int_equal(c.i, -10);
    conf_clear(tkeys, &c);
}

static void
test_untouched_defaults(void **state)
{
    TConf c;

    tconf_init(&c);
    assert_int_equal(conf_text_load("t", "b = 1\n", tkeys, &c, 0), 0);
    assert_int_equal(c.u, 7);
    assert_string_equal(c.s, "default");
    assert_int_equal(c.perm, 0700);
    conf_clear(tkeys, &c);
}

static void
test_first_occurrence_wins(void **state)
{
    TConf c;

    tconf_init(&c);
    assert_int_equal(conf_text_load("t", "u = 1\ns = \"one\"\nu = 2\ns = \"two\"\n",
                                    tkeys, &c, 0), 0);
    assert_int_equal(c.u, 1);
    assert_string_equal(c.s, "one");
    conf_clear(tkeys, &c);
}

typedef struct {
    const char *text;
    const char *message;    /* whole expected virError message */
} ErrCase;

#define SYN "configuration file syntax error: "

static const ErrCase err_cases[] = {
    /* unknown setting, with its line */
    { "u = 1\n\n# c\nnope = 3\n", SYN "e.conf:4: unknown setting 'nope'" },
    /* lexical / syntax errors */
    { "s = \"abc\n", SYN "e.conf:1: unterminated string (a \"-quoted string must end on its line)" },
    { "s = 'abc", SYN "e.conf:1: unterminated string (a '-quoted string must end on its line)" },
    { "\n\ns = \"\"\"abc\n\n", SYN "e.conf:3: unterminated string (opening \"\"\" has no match)" },
    { "u = 1\nlist = [ \"a\",\n  \"b\"\n", SYN "e.conf:2: list is not closed with ']'" },
    { "list = [ \"a\" \"b\" ]", SYN "e.conf:1: expecting ',' or ']' in list" },
    { "list = [ [ \"a\" ] ]", SYN "e.conf:1: nested lists are not supported" },
    { "u 5\n", SYN "e.conf:1: expecting '=' after 'u'" },
    { "u =\n", SYN "e.conf:1: expecting a value" },
    { "u = # nothing\n", SYN "e.conf:1: expecting a value" },
    { "u = abc\n", SYN "e.conf:1: expecting a value (a number, a quoted string or a list)" },
    { "u = 5 6\n", SYN "e.conf:1: expecting a new line or ';' after the value of 'u'" },
    { "u = 0x10\n", SYN "e.conf:1: expecting a new line or ';' after the value of 'u'" },
    { "u = -\n", SYN "e.conf:1: expecting digits after the sign" },
    { "u = 99999999999999999999\n", SYN "e.conf:1: number '99999999999999999999' is out of range" },
    { "1u = 5\n", SYN "e.conf:1: expecting a setting name" },
    { "= 5\n", SYN "e.conf:1: expecting a setting name" },
    /* type errors name the setting */
    { "\nu = \"5\"\n", SYN "e.conf:2: setting 'u' expects an unsigned integer" },
    { "u = -1\n", SYN "e.conf:1: setting 'u' expects an unsigned integer" },
    { "i = \"x\"\n", SYN "e.conf:1: setting 'i' expects an integer" },
    { "b = 2\n", SYN "e.conf:1: setting 'b' expects 0 or 1" },
    { "b = \"yes\"\n", SYN "e.conf:1: setting 'b' expects 0 or 1" },
    { "s = 5\n", SYN "e.conf:1: setting 's' expects a quoted string" },
    { "s = [ \"a\" ]\n", SYN "e.conf:1: setting 's' expects a quoted string" },
    { "list = \"a\"\n", SYN "e.conf:1: setting 'list' expects a list of quoted strings" },
    { "list = [ \"a\", 2 ]\n", SYN "e.conf:1: item 2 of setting 'list' is not a quoted string" },
    { "perm = 0770\n",
      SYN "e.conf:1: setting 'perm' expects a quoted octal permission string such as \"0770\"" },
    { "perm = \"0980\"\n",
      SYN "e.conf:1: invalid permissions '0980' for setting 'perm' "
          "(expects a quoted octal permission string such as \"0770\")" },
    { "perm = \"\"\n",
      SYN "e.conf:1: invalid permissions '' for setting 'perm' "
          "(expects a quoted octal permission string such as \"0770\")" },
    { "perm = \"17777\"\n",
      SYN "e.conf:1: invalid permissions '17777' for setting 'perm' "
          "(expects a quoted octal permission string such as \"0770\")" },
    { "color = \"pink\"\n",
      SYN "e.conf:1: invalid value 'pink' for setting 'color' "
          "(expects one of 'red', 'green', 'blue')" },
    { "color = 1\n", SYN "e.conf:1: setting 'color' expects a quoted string" },
    /* range errors */
    { "u = 0\n", SYN "e.conf:1: value 0 of setting 'u' is out of range (1..100)" },
    { "u = 101\n", SYN "e.conf:1: value 101 of setting 'u' is out of range (1..100)" },
    { "i = -11\n", SYN "e.conf:1: value -11 of setting 'i' is out of range (-10..10)" },
};

static void
test_error_cases(void **state)
{
    for (size_t n = 0; n < G_N_ELEMENTS(err_cases); n++) {
        TConf c;
        int r;

        tconf_init(&c);
        err_reset_last();
        r = conf_text_load("e.conf", err_cases[n].text, tkeys, &c, 0);
        if (r != -1 || err_last_code() != VIR_ERR_CONF_SYNTAX ||
            !g_str_equal(err_last_message(), err_cases[n].message)) {
            print_error("case %zu (%s): r=%d code=%d\n  got:  %s\n  want: %s\n", n,
                        err_cases[n].text, r, err_last_code(), err_last_message(),
                        err_cases[n].message);
            fail();
        }
        assert_int_equal(err_get_last()->domain, VIR_FROM_CONF);
        conf_clear(tkeys, &c);
    }
}

static void
test_syntax_error_leaves_object(void **state)
{
    TConf c;

    tconf_init(&c);
    assert_int_equal(conf_text_load("t", "s = \"new\"\nu = 9\nbogus = 1\n", tkeys, &c, 0), -1);
    assert_string_equal(c.s, "default");
    assert_int_equal(c.u, 7);
    assert_int_equal(conf_text_load("t", "s = \"new\"\nu = 9\nlist = [\n", tkeys, &c, 0), -1);
    assert_string_equal(c.s, "default");
    conf_clear(tkeys, &c);
}

static void
test_ignore_unknown(void **state)
{
    TConf c;

    tconf_init(&c);
    assert_int_equal(conf_text_load("t", "bogus = 1\nu = 3\nmore = [\"x\"]\n", tkeys, &c,
                                    CONF_LOAD_IGNORE_UNKNOWN), 0);
    assert_int_equal(c.u, 3);
    /* syntax errors still count */
    assert_int_equal(conf_text_load("t", "bogus = \n", tkeys, &c,
                                    CONF_LOAD_IGNORE_UNKNOWN), -1);
    conf_clear(tkeys, &c);
}

static void
test_file_load(void **state)
{
    g_autofree char *dir = g_dir_make_tmp("conffile-XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, "x.conf", NULL);
    g_autofree char *missing = g_build_filename(dir, "missing.conf", NULL);
    g_autofree char *want = NULL;
    TConf c;

    tconf_init(&c);
    assert_true(g_file_set_contents(path, "u = 11\n\ns = 'from file'\nwhat = 1\n", -1, NULL));
    assert_int_equal(conf_file_load(path, tkeys, &c, 0), -1);
    want = g_strdup_printf(SYN "%s:4: unknown setting 'what'", path);
    assert_string_equal(err_last_message(), want);

    assert_true(g_file_set_contents(path, "u = 11\n\ns = 'from file'\n", -1, NULL));
    assert_int_equal(conf_file_load(path, tkeys, &c, 0), 0);
    assert_int_equal(c.u, 11);
    assert_string_equal(c.s, "from file");

    err_reset_last();
    assert_int_equal(conf_file_load(missing, tkeys, &c, 0), -1);
    assert_int_equal(err_last_code(), VIR_ERR_OPEN_FAILED);
    assert_non_null(strstr(err_last_message(), missing));
    assert_int_equal(conf_file_load(missing, tkeys, &c, CONF_LOAD_ALLOW_MISSING), 0);
    assert_int_equal(c.u, 11);

    /* a NUL byte in the file is refused rather than silently truncating */
    assert_true(g_file_set_contents(path, "u = 12\n\0u = 13\n", 14, NULL));
    assert_int_equal(conf_file_load(path, tkeys, &c, 0), -1);
    assert_int_equal(err_last_code(), VIR_ERR_CONF_SYNTAX);
    assert_non_null(strstr(err_last_message(), "NUL byte"));

    conf_clear(tkeys, &c);
    g_unlink(path);
    g_rmdir(dir);
}

static void
test_key_find(void **state)
{
    const ConfKey *k = conf_key_find(tkeys, "perm");

    assert_non_null(k);
    assert_int_equal(k->type, CONF_TYPE_OCTAL);
    assert_int_equal(k->offset, offsetof(TConf, perm));
    assert_null(conf_key_find(tkeys, "nope"));
    k = conf_key_find(tkeys, "color");
    assert_int_equal(k->max, 3);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_everything),
        cmocka_unit_test(test_valid_edge_cases),
        cmocka_unit_test(test_untouched_defaults),
        cmocka_unit_test(test_first_occurrence_wins),
        cmocka_unit_test(test_error_cases),
        cmocka_unit_test(test_syntax_error_leaves_object),
        cmocka_unit_test(test_ignore_unknown),
        cmocka_unit_test(test_file_load),
        cmocka_unit_test(test_key_find),
    };

    return cmocka_run_group_tests_name("conffile", tests, NULL, NULL);
}
