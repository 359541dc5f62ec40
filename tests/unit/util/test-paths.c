/* tests/unit/util/test-paths.c: install paths and their MODVIRT_ROOT
 * re-rooting, including the per-user (session) directories. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <unistd.h>
#include <cmocka.h>
#include <glib.h>

#include "common/util/paths.h"

static int
clean_env(void **state)
{
    g_unsetenv("MODVIRT_ROOT");
    g_unsetenv("XDG_RUNTIME_DIR");
    g_unsetenv("XDG_CONFIG_HOME");
    g_unsetenv("XDG_CACHE_HOME");
    g_unsetenv("XDG_DATA_HOME");
    paths_reset();
    return 0;
}

static void
test_unrooted(void **state)
{
    assert_string_equal(paths_root(), "");
    assert_string_equal(paths_sysconfdir(), SYSCONFDIR);
    assert_string_equal(paths_localstatedir(), LOCALSTATEDIR);
    assert_string_equal(paths_runstatedir(), RUNSTATEDIR);
    assert_string_equal(paths_sbindir(), SBINDIR);
}

static void
test_rooted(void **state)
{
    g_autofree char *user = NULL;

    g_setenv("MODVIRT_ROOT", "/tmp/mvroot", TRUE);
    paths_reset();
    assert_string_equal(paths_root(), "/tmp/mvroot");
    assert_string_equal(paths_sysconfdir(), "/tmp/mvroot/etc");
    assert_string_equal(paths_localstatedir(), "/tmp/mvroot/var");
    assert_string_equal(paths_runstatedir(), "/tmp/mvroot/run");
    /* binaries are never re-rooted */
    assert_string_equal(paths_sbindir(), SBINDIR);
    assert_string_equal(paths_bindir(), BINDIR);

    /* session directories move under the root too, ignoring XDG_* */
    g_setenv("XDG_RUNTIME_DIR", "/run/user/elsewhere", TRUE);
    paths_reset();
    user = g_strdup_printf("/tmp/mvroot/user/%u/run", (unsigned) geteuid());
    assert_string_equal(paths_user_runtime_dir(), user);
    g_free(user);
    user = g_strdup_printf("/tmp/mvroot/user/%u/config", (unsigned) geteuid());
    assert_string_equal(paths_user_config_dir(), user);
    g_free(user);
    user = g_strdup_printf("/tmp/mvroot/user/%u/cache", (unsigned) geteuid());
    assert_string_equal(paths_user_cache_dir(), user);
    g_free(user);
    user = g_strdup_printf("/tmp/mvroot/user/%u/data", (unsigned) geteuid());
    assert_string_equal(paths_user_data_dir(), user);
}

static void
test_empty_root_is_unset(void **state)
{
    g_setenv("MODVIRT_ROOT", "", TRUE);
    paths_reset();
    assert_string_equal(paths_root(), "");
    assert_string_equal(paths_sysconfdir(), SYSCONFDIR);
}

static void
test_xdg_honoured(void **state)
{
    g_setenv("XDG_RUNTIME_DIR", "/tmp/xdg-run", TRUE);
    g_setenv("XDG_CONFIG_HOME", "/tmp/xdg-config", TRUE);
    paths_reset();
    assert_string_equal(paths_user_runtime_dir(), "/tmp/xdg-run");
    assert_string_equal(paths_user_config_dir(), "/tmp/xdg-config");
}

static void
test_cached_until_reset(void **state)
{
    g_setenv("MODVIRT_ROOT", "/tmp/a", TRUE);
    paths_reset();
    assert_string_equal(paths_sysconfdir(), "/tmp/a/etc");
    g_setenv("MODVIRT_ROOT", "/tmp/b", TRUE);
    assert_string_equal(paths_sysconfdir(), "/tmp/a/etc");
    paths_reset();
    assert_string_equal(paths_sysconfdir(), "/tmp/b/etc");
}

static void
test_privileged(void **state)
{
    assert_true(paths_privileged() == (geteuid() == 0));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_unrooted, clean_env),
        cmocka_unit_test_setup(test_rooted, clean_env),
        cmocka_unit_test_setup(test_empty_root_is_unset, clean_env),
        cmocka_unit_test_setup(test_xdg_honoured, clean_env),
        cmocka_unit_test_setup(test_cached_until_reset, clean_env),
        cmocka_unit_test_setup(test_privileged, clean_env),
    };

    return cmocka_run_group_tests_name("paths", tests, NULL, NULL);
}
