/* tests/unit/util/test-log.c: libvirt's log filter and output syntax
 * ("1:rpc 3:util", "2:file:/path"), first-match filters, default level and
 * the LIBVIRT_DEBUG / LIBVIRT_LOG_* environment. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "common/util/log.h"

static int
reset_logging(void **state)
{
    g_unsetenv("LIBVIRT_DEBUG");
    g_unsetenv("LIBVIRT_LOG_FILTERS");
    g_unsetenv("LIBVIRT_LOG_OUTPUTS");
    log_setup("test", LOG_LEVEL_WARN, NULL, "4:stderr");
    return 0;
}

static void
test_filters_select_levels(void **state)
{
    assert_int_equal(log_setup("test", LOG_LEVEL_WARN, "1:rpc 4:util", "4:stderr"), 0);
    assert_true(log_enabled(LOG_LEVEL_DEBUG, "common/rpc/conn.c"));
    assert_false(log_enabled(LOG_LEVEL_WARN, "common/util/file.c"));
    assert_true(log_enabled(LOG_LEVEL_ERROR, "common/util/file.c"));
    /* sources no filter matches use the default level */
    assert_false(log_enabled(LOG_LEVEL_INFO, "daemons/virtsecretd/main.c"));
    assert_true(log_enabled(LOG_LEVEL_WARN, "daemons/virtsecretd/main.c"));
}

static void
test_first_filter_wins(void **state)
{
    assert_int_equal(log_setup("test", LOG_LEVEL_WARN, "3:rpc 1:rpc", NULL), 0);
    assert_false(log_enabled(LOG_LEVEL_DEBUG, "common/rpc/conn.c"));
    assert_true(log_enabled(LOG_LEVEL_WARN, "common/rpc/conn.c"));
}

static void
test_plus_prefix(void **state)
{
    assert_int_equal(log_setup("test", LOG_LEVEL_ERROR, "1:+secret", NULL), 0);
    assert_true(log_enabled(LOG_LEVEL_DEBUG, "daemons/virtsecretd/secret.c"));
}

static void
test_bad_filters(void **state)
{
    const char *bad[] = { "x:rpc", "5:rpc", "0:rpc", "1:", "1rpc", "1:rpc 7:util" };

    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        if (log_setup("test", LOG_LEVEL_WARN, bad[i], NULL) != -EINVAL) {
            print_error("filter list '%s' accepted\n", bad[i]);
            fail();
        }
        /* a rejected list leaves no filter behind */
        assert_false(log_enabled(LOG_LEVEL_DEBUG, "common/rpc/conn.c"));
    }
}

static void
test_bad_outputs(void **state)
{
    const char *bad[] = { "1:bogus", "9:stderr", "stderr", "1:file:" };

    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        if (log_setup("test", LOG_LEVEL_WARN, NULL, bad[i]) != -EINVAL) {
            print_error("output list '%s' accepted\n", bad[i]);
            fail();
        }
    }
}

static void
test_file_output(void **state)
{
    g_autofree char *dir = g_dir_make_tmp("mvlog-XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, "out.log", NULL);
    g_autofree char *spec = g_strdup_printf("2:file:%s", path);
    g_autofree char *text = NULL;

    assert_int_equal(log_setup("tlog", LOG_LEVEL_DEBUG, NULL, spec), 0);
    log_info("hello %d", 42);
    log_debug("below the output's level");
    log_error("bad %s", "thing");
    assert_true(g_file_get_contents(path, &text, NULL, NULL));
    assert_non_null(strstr(text, "info : tlog: hello 42\n"));
    assert_non_null(strstr(text, "error : tlog: bad thing\n"));
    assert_null(strstr(text, "below the output"));
    reset_logging(NULL);
    g_unlink(path);
    g_rmdir(dir);
}

static void
test_default_level(void **state)
{
    assert_int_equal(log_setup("test", LOG_LEVEL_ERROR, NULL, NULL), 0);
    assert_false(log_enabled(LOG_LEVEL_WARN, "x.c"));
    log_set_default_level(LOG_LEVEL_INFO);
    assert_true(log_enabled(LOG_LEVEL_INFO, "x.c"));
    assert_false(log_enabled(LOG_LEVEL_DEBUG, "x.c"));
}

static void
test_environment(void **state)
{
    g_setenv("LIBVIRT_DEBUG", "1", TRUE);
    assert_int_equal(log_setup_from_env("test", LOG_LEVEL_WARN), 0);
    assert_true(log_enabled(LOG_LEVEL_DEBUG, "x.c"));

    g_setenv("LIBVIRT_DEBUG", "junk", TRUE);
    g_setenv("LIBVIRT_LOG_FILTERS", "1:rpc", TRUE);
    assert_int_equal(log_setup_from_env("test", LOG_LEVEL_WARN), 0);
    assert_false(log_enabled(LOG_LEVEL_DEBUG, "x.c"));
    assert_true(log_enabled(LOG_LEVEL_DEBUG, "common/rpc/server.c"));

    g_setenv("LIBVIRT_LOG_OUTPUTS", "1:nowhere", TRUE);
    assert_int_equal(log_setup_from_env("test", LOG_LEVEL_WARN), -EINVAL);
}

/* What virt-admin's daemon-log-filters/outputs read and change. */
static void
test_get_and_set_at_runtime(void **state)
{
    g_autofree char *filters = NULL;
    g_autofree char *outputs = NULL;
    g_autofree char *dir = g_dir_make_tmp("logset-XXXXXX", NULL);
    g_autofree char *spec = g_strdup_printf("2:file:%s/out.log", dir);
    g_autofree char *both = g_strdup_printf("4:stderr %s", spec);
    g_autofree char *path = g_strdup_printf("%s/out.log", dir);
    size_t n = 99;

    assert_int_equal(log_setup("test", LOG_LEVEL_WARN, "1:rpc 3:+util", "4:stderr"), 0);
    filters = log_get_filters(&n);
    assert_string_equal(filters, "1:rpc 3:+util");
    assert_int_equal(n, 2);
    g_clear_pointer(&filters, g_free);

    /* a bad list changes nothing */
    assert_int_equal(log_set_filters("1:rpc 9:x"), -EINVAL);
    filters = log_get_filters(NULL);
    assert_string_equal(filters, "1:rpc 3:+util");
    g_clear_pointer(&filters, g_free);

    assert_int_equal(log_set_filters("1:secret"), 0);
    assert_true(log_enabled(LOG_LEVEL_DEBUG, "daemons/virtsecretd/secret.c"));
    assert_false(log_enabled(LOG_LEVEL_DEBUG, "common/rpc/server.c"));
    assert_int_equal(log_set_filters(""), 0);
    filters = log_get_filters(&n);
    assert_string_equal(filters, "");
    assert_int_equal(n, 0);
    assert_false(log_enabled(LOG_LEVEL_DEBUG, "daemons/virtsecretd/secret.c"));

    assert_int_equal(log_set_outputs("1:nowhere"), -EINVAL);
    outputs = log_get_outputs(&n);
    assert_string_equal(outputs, "4:stderr");
    assert_int_equal(n, 1);
    g_clear_pointer(&outputs, g_free);
    assert_int_equal(log_set_outputs(both), 0);
    outputs = log_get_outputs(&n);
    assert_string_equal(outputs, both);
    assert_int_equal(n, 2);
    log_set_default_level(LOG_LEVEL_INFO);
    log_info("now to the file");
    {
        g_autofree char *text = NULL;

        assert_true(g_file_get_contents(path, &text, NULL, NULL));
        assert_non_null(strstr(text, "now to the file"));
    }
    g_clear_pointer(&outputs, g_free);
    assert_int_equal(log_set_outputs(NULL), 0);     /* back to the default */
    outputs = log_get_outputs(&n);
    assert_int_equal(n, 1);
    assert_true(g_str_has_suffix(outputs, ":stderr") || g_str_has_suffix(outputs, ":journald"));
    g_unlink(path);
    g_rmdir(dir);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_filters_select_levels, reset_logging),
        cmocka_unit_test_setup(test_first_filter_wins, reset_logging),
        cmocka_unit_test_setup(test_plus_prefix, reset_logging),
        cmocka_unit_test_setup(test_bad_filters, reset_logging),
        cmocka_unit_test_setup(test_bad_outputs, reset_logging),
        cmocka_unit_test_setup(test_file_output, reset_logging),
        cmocka_unit_test_setup(test_default_level, reset_logging),
        cmocka_unit_test_setup(test_environment, reset_logging),
        cmocka_unit_test_setup(test_get_and_set_at_runtime, reset_logging),
    };

    return cmocka_run_group_tests_name("log", tests, NULL, NULL);
}
