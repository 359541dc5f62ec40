/* tests/unit/api/test-sockets.c: socket path resolution (sockets.md §2, §4)
 * under a private MODVIRT_ROOT: direct/legacy/auto modes, read-only and
 * session sockets, daemon binaries for autostart, the session rules for a
 * URI and the probe used when no URI is given. Socket "existence" is
 * simulated with plain files. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "api/sockets.h"
#include "common/util/paths.h"

static char *root;

static char *
rooted(const char *rel)
{
    return g_build_filename(root, rel, NULL);
}

static void
touch(const char *rel)
{
    g_autofree char *path = rooted(rel);
    g_autofree char *dir = g_path_get_dirname(path);

    assert_int_equal(g_mkdir_with_parents(dir, 0755), 0);
    assert_true(g_file_set_contents(path, "", 0, NULL));
}

static void
rm(const char *rel)
{
    g_autofree char *path = rooted(rel);

    g_unlink(path);
}

static int
setup(void **state)
{
    root = g_dir_make_tmp("mvapi-sock-XXXXXX", NULL);
    g_setenv("MODVIRT_ROOT", root, TRUE);
    g_unsetenv("VIRTD_PATH");
    g_unsetenv("LIBVIRTD_PATH");
    g_unsetenv("LIBVIRT_AUTOSTART");
    paths_reset();
    return 0;
}

static int
teardown(void **state)
{
    g_autofree char *cmd = g_strdup_printf("rm -rf '%s'", root);

    g_free(root);
    return system(cmd) == 0 ? 0 : -1;
}

static void
assert_target(const SockRequest *req, const char *want_rel, const char *want_daemon,
              SockMode want_mode)
{
    SockTarget t = { 0 };
    g_autofree char *want = rooted(want_rel);

    sockets_resolve(req, &t);
    assert_string_equal(t.path, want);
    assert_string_equal(t.daemon, want_daemon);
    assert_int_equal(t.mode, want_mode);
    sockets_target_clear(&t);
}

static void
test_paths(void **state)
{
    g_autofree char *sys = sockets_path("virtsecretd", false, false);
    g_autofree char *ro = sockets_path("virtsecretd", false, true);
    g_autofree char *sess = sockets_path("virtsecretd", true, true);
    g_autofree char *want_sys = rooted("run/libvirt/virtsecretd-sock");
    g_autofree char *want_ro = rooted("run/libvirt/virtsecretd-sock-ro");
    g_autofree char *want_sess = g_strdup_printf("%s/user/%u/run/libvirt/virtsecretd-sock",
                                                 root, (unsigned) geteuid());

    assert_string_equal(sys, want_sys);
    assert_string_equal(ro, want_ro);
    assert_string_equal(sess, want_sess);     /* no read-only socket in session mode */
}

static void
test_modes(void **state)
{
    SockRequest req = { .driver = "qemu", .mode = SOCK_MODE_AUTO };

    /* nothing exists: our default is direct */
    assert_target(&req, "run/libvirt/virtqemud-sock", "virtqemud", SOCK_MODE_DIRECT);
    /* only the legacy socket exists */
    touch("run/libvirt/libvirt-sock");
    assert_target(&req, "run/libvirt/libvirt-sock", "virtproxyd", SOCK_MODE_LEGACY);
    /* the per-driver socket wins */
    touch("run/libvirt/virtqemud-sock");
    assert_target(&req, "run/libvirt/virtqemud-sock", "virtqemud", SOCK_MODE_DIRECT);
    /* forced modes ignore what exists */
    req.mode = SOCK_MODE_LEGACY;
    assert_target(&req, "run/libvirt/libvirt-sock", "virtproxyd", SOCK_MODE_LEGACY);
    rm("run/libvirt/virtqemud-sock");
    req.mode = SOCK_MODE_DIRECT;
    assert_target(&req, "run/libvirt/virtqemud-sock", "virtqemud", SOCK_MODE_DIRECT);
    rm("run/libvirt/libvirt-sock");
}

static void
test_readonly_and_proxy(void **state)
{
    SockRequest req = { .driver = "secret", .mode = SOCK_MODE_AUTO, .readonly = true };

    assert_target(&req, "run/libvirt/virtsecretd-sock-ro", "virtsecretd", SOCK_MODE_DIRECT);
    touch("run/libvirt/libvirt-sock-ro");
    assert_target(&req, "run/libvirt/libvirt-sock-ro", "virtproxyd", SOCK_MODE_LEGACY);
    rm("run/libvirt/libvirt-sock-ro");

    /* no driver (no URI): the proxy's socket in either mode */
    req.driver = NULL;
    req.readonly = false;
    assert_target(&req, "run/libvirt/libvirt-sock", "virtproxyd", SOCK_MODE_DIRECT);
}

static void
test_session_and_autostart(void **state)
{
    SockRequest req = { .driver = "qemu", .mode = SOCK_MODE_AUTO, .session = true,
                        .readonly = true, .autostart = true };
    g_autofree char *rel = g_strdup_printf("user/%u/run/libvirt/virtqemud-sock",
                                           (unsigned) geteuid());
    SockTarget t = { 0 };
    g_autofree char *want_bin = NULL;

    assert_target(&req, rel, "virtqemud", SOCK_MODE_DIRECT);

    sockets_resolve(&req, &t);
    want_bin = g_build_filename(paths_sbindir(), "virtqemud", NULL);
    assert_string_equal(t.daemon_path, want_bin);
    sockets_target_clear(&t);

    g_setenv("LIBVIRTD_PATH", "/opt/old", TRUE);
    sockets_resolve(&req, &t);
    assert_string_equal(t.daemon_path, "/opt/old/virtqemud");
    sockets_target_clear(&t);
    g_setenv("VIRTD_PATH", "/opt/new", TRUE);
    sockets_resolve(&req, &t);
    assert_string_equal(t.daemon_path, "/opt/new/virtqemud");
    sockets_target_clear(&t);
    g_unsetenv("VIRTD_PATH");
    g_unsetenv("LIBVIRTD_PATH");

    req.autostart = false;
    sockets_resolve(&req, &t);
    assert_null(t.daemon_path);
    sockets_target_clear(&t);
}

static void
check_info(const char *uristr, bool unix_transport, bool privileged, bool want_session,
           bool want_autostart)
{
    g_autoptr(ApiUri) uri = uristr ? api_uri_parse(uristr) : NULL;
    bool session;
    bool autostart;

    sockets_uri_info(uri, unix_transport, privileged, &session, &autostart);
    if (session != want_session || autostart != want_autostart)
        fail_msg("%s (root=%d): session=%d autostart=%d", uristr ? uristr : "(none)",
                 privileged, session, autostart);
}

static void
test_uri_info(void **state)
{
    check_info("qemu:///session", true, false, true, true);
    check_info("qemu:///session", true, true, false, false);
    check_info("qemu:///system", true, false, false, false);
    check_info("test+unix:///default", true, false, true, true);
    check_info("qemu+ssh://host/session", false, false, true, false);
    check_info(NULL, true, false, true, true);
    check_info(NULL, true, true, false, false);
    g_setenv("LIBVIRT_AUTOSTART", "0", TRUE);
    check_info("qemu:///session", true, false, true, false);
    check_info(NULL, true, false, true, false);
    g_setenv("LIBVIRT_AUTOSTART", "1", TRUE);
    check_info("qemu:///session", true, false, true, true);
    g_unsetenv("LIBVIRT_AUTOSTART");
}

static void
test_probe(void **state)
{
    g_autofree char *bindir = rooted("sbin");
    g_autofree char *bin = rooted("sbin/virtqemud");
    g_autofree char *sess = g_strdup_printf("user/%u/run/libvirt/virtvboxd-sock",
                                            (unsigned) geteuid());
    char *uri;

    assert_null(sockets_probe_uri(true, false));
    touch("run/libvirt/virtlxcd-sock");
    uri = sockets_probe_uri(true, false);
    assert_string_equal(uri, "lxc:///system");
    g_free(uri);
    /* qemu comes before lxc in the probe order */
    touch("run/libvirt/virtqemud-sock");
    uri = sockets_probe_uri(true, false);
    assert_string_equal(uri, "qemu:///system");
    g_free(uri);
    /* read-only probes the -sock-ro names */
    assert_null(sockets_probe_uri(true, true));
    touch("run/libvirt/virtxend-sock-ro");
    uri = sockets_probe_uri(true, true);
    assert_string_equal(uri, "xen:///system");
    g_free(uri);

    /* session: sockets first, then installed binaries */
    g_setenv("VIRTD_PATH", bindir, TRUE);
    assert_null(sockets_probe_uri(false, false));
    touch(sess);
    uri = sockets_probe_uri(false, false);
    assert_string_equal(uri, "vbox:///session");
    g_free(uri);
    rm(sess);
    touch("sbin/virtqemud");
    assert_int_equal(g_chmod(bin, 0755), 0);
    uri = sockets_probe_uri(false, false);
    assert_string_equal(uri, "qemu:///session");
    g_free(uri);
    g_unsetenv("VIRTD_PATH");
}

static void
test_mode_names(void **state)
{
    assert_int_equal(sockets_mode_from_string("auto"), SOCK_MODE_AUTO);
    assert_int_equal(sockets_mode_from_string("legacy"), SOCK_MODE_LEGACY);
    assert_int_equal(sockets_mode_from_string("direct"), SOCK_MODE_DIRECT);
    assert_int_equal(sockets_mode_from_string("Direct"), -1);
    assert_string_equal(sockets_mode_to_string(SOCK_MODE_LEGACY), "legacy");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_paths, setup, teardown),
        cmocka_unit_test_setup_teardown(test_modes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_readonly_and_proxy, setup, teardown),
        cmocka_unit_test_setup_teardown(test_session_and_autostart, setup, teardown),
        cmocka_unit_test_setup_teardown(test_uri_info, setup, teardown),
        cmocka_unit_test_setup_teardown(test_probe, setup, teardown),
        cmocka_unit_test(test_mode_names),
    };

    return cmocka_run_group_tests_name("api-sockets", tests, NULL, NULL);
}
