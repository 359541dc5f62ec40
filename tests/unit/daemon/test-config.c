/* tests/unit/daemon/test-config.c: the daemon configuration file (defaults,
 * every stock key, rejected settings) and how its settings are applied:
 * default paths, self-bound sockets (modes, group, stale and live sockets)
 * and sockets passed by systemd. Runs under a private MODVIRT_ROOT. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "common/daemon/daemonconf.h"
#include "common/daemon/sockets.h"
#include "common/util/err.h"
#include "common/util/paths.h"

/* Every setting of libvirt 9.0's daemon sample files (libvirtd.conf and the
 * split daemons' files), uncommented with example values. */
static const char stock_all_keys[] =
    "listen_tls = 0\n"
    "listen_tcp = 1\n"
    "tls_port = \"16514\"\n"
    "tcp_port = \"16509\"\n"
    "listen_addr = \"192.168.0.1\"\n"
    "unix_sock_group = \"libvirt\"\n"
    "unix_sock_ro_perms = \"0777\"\n"
    "unix_sock_rw_perms = \"0770\"\n"
    "unix_sock_admin_perms = \"0700\"\n"
    "unix_sock_dir = \"/run/libvirt\"\n"
    "auth_unix_ro = \"none\"\n"
    "auth_unix_rw = \"none\"\n"
    "auth_tcp = \"sasl\"\n"
    "auth_tls = \"none\"\n"
    "tcp_min_ssf = 112\n"
    "access_drivers = [ \"polkit\" ]\n"
    "key_file = \"/etc/pki/libvirt/private/serverkey.pem\"\n"
    "cert_file = \"/etc/pki/libvirt/servercert.pem\"\n"
    "ca_file = \"/etc/pki/CA/cacert.pem\"\n"
    "crl_file = \"/etc/pki/CA/crl.pem\"\n"
    "tls_no_sanity_certificate = 1\n"
    "tls_no_verify_certificate = 1\n"
    "tls_allowed_dn_list = [\"DN1\", \"DN2\"]\n"
    "tls_priority=\"NORMAL\"\n"
    "sasl_allowed_username_list = [\"joe@EXAMPLE.COM\", \"fred@EXAMPLE.COM\" ]\n"
    "max_clients = 5000\n"
    "max_queued_clients = 1000\n"
    "max_anonymous_clients = 20\n"
    "min_workers = 5\n"
    "max_workers = 20\n"
    "prio_workers = 5\n"
    "max_client_requests = 5\n"
    "admin_min_workers = 1\n"
    "admin_max_workers = 5\n"
    "admin_max_clients = 5\n"
    "admin_max_queued_clients = 5\n"
    "admin_max_client_requests = 5\n"
    "log_level = 3\n"
    "log_filters=\"1:qemu 1:libvirt 4:object 4:json 4:event 1:util\"\n"
    "log_outputs=\"3:syslog:virtsecretd\"\n"
    "audit_level = 2\n"
    "audit_logging = 1\n"
    "host_uuid = \"00000000-0000-0000-0000-000000000000\"\n"
    "host_uuid_source = \"smbios\"\n"
    "keepalive_interval = 5\n"
    "keepalive_count = 5\n"
    "keepalive_required = 1\n"
    "admin_keepalive_required = 1\n"
    "admin_keepalive_interval = 5\n"
    "admin_keepalive_count = 5\n"
    "ovs_timeout = 5\n";

/* What a packaged file looks like: comments only. */
static const char stock_commented[] =
    "# Master libvirt daemon configuration file\n"
    "#\n"
    "#unix_sock_group = \"libvirt\"\n"
    "#unix_sock_ro_perms = \"0777\"\n"
    "#auth_unix_rw = \"polkit\"\n"
    "#max_clients = 5000\n"
    "#admin_max_queued_clients = 5\n"
    "#log_outputs=\"3:syslog:virtsecretd\"\n";

typedef struct {
    char *root;
} Fixture;

static void
rm_rf(const char *path)
{
    GDir *d = g_dir_open(path, 0, NULL);
    const char *name;

    if (d) {
        while ((name = g_dir_read_name(d))) {
            g_autofree char *child = g_build_filename(path, name, NULL);

            rm_rf(child);
        }
        g_dir_close(d);
        g_rmdir(path);
    } else {
        g_unlink(path);
    }
}

static int
fixture_setup(void **state)
{
    Fixture *f = g_new0(Fixture, 1);

    f->root = g_dir_make_tmp("mvdaemon-XXXXXX", NULL);
    assert_non_null(f->root);
    g_setenv("MODVIRT_ROOT", f->root, TRUE);
    g_unsetenv("LISTEN_FDS");
    g_unsetenv("LISTEN_PID");
    g_unsetenv("LISTEN_FDNAMES");
    paths_reset();
    *state = f;
    return 0;
}

static int
fixture_teardown(void **state)
{
    Fixture *f = *state;

    rm_rf(f->root);
    g_free(f->root);
    g_free(f);
    g_unsetenv("MODVIRT_ROOT");
    paths_reset();
    return 0;
}

static void
test_defaults(void **state)
{
    DaemonConfig c;

    daemon_config_init(&c);
    assert_int_equal(c.unix_sock_rw_perms, 0600);
    assert_int_equal(c.unix_sock_ro_perms, 0666);
    assert_int_equal(c.unix_sock_admin_perms, 0700);
    assert_null(c.unix_sock_group);
    assert_null(c.unix_sock_dir);
    assert_int_equal(c.auth_unix_ro, DAEMON_AUTH_NONE);
    assert_int_equal(c.auth_unix_rw, DAEMON_AUTH_NONE);
    assert_int_equal(c.max_clients, 5000);
    assert_int_equal(c.max_queued_clients, 1000);
    assert_int_equal(c.max_anonymous_clients, 20);
    assert_int_equal(c.min_workers, 5);
    assert_int_equal(c.max_workers, 20);
    assert_int_equal(c.prio_workers, 5);
    assert_int_equal(c.max_client_requests, 5);
    assert_int_equal(c.admin_min_workers, 1);
    assert_int_equal(c.admin_max_workers, 5);
    assert_int_equal(c.admin_max_clients, 5);
    assert_int_equal(c.admin_max_queued_clients, 20);
    assert_int_equal(c.admin_max_client_requests, 5);
    assert_int_equal(c.keepalive_interval, 5);
    assert_int_equal(c.keepalive_count, 5);
    assert_int_equal(c.admin_keepalive_interval, 5);
    assert_int_equal(c.admin_keepalive_count, 5);
    assert_int_equal(c.log_level, 0);
    assert_int_equal(c.ovs_timeout, 5);
    assert_string_equal(c.tls_port, "16514");
    assert_string_equal(c.tcp_port, "16509");
    daemon_config_clear(&c);
    assert_null(c.tls_port);
}

static void
test_stock_keys_load(void **state)
{
    DaemonConfig c;

    daemon_config_init(&c);
    if (daemon_config_load_text(&c, "stock.conf", stock_all_keys) < 0) {
        print_error("%s\n", err_last_message());
        fail();
    }
    assert_true(c.listen_tcp);
    assert_string_equal(c.listen_addr, "192.168.0.1");
    assert_string_equal(c.unix_sock_group, "libvirt");
    assert_int_equal(c.unix_sock_ro_perms, 0777);
    assert_int_equal(c.unix_sock_rw_perms, 0770);
    assert_string_equal(c.unix_sock_dir, "/run/libvirt");
    assert_int_equal(c.auth_tcp, DAEMON_AUTH_SASL);
    assert_int_equal(c.tcp_min_ssf, 112);
    assert_string_equal(c.access_drivers[0], "polkit");
    assert_null(c.access_drivers[1]);
    assert_int_equal(g_strv_length(c.tls_allowed_dn_list), 2);
    assert_string_equal(c.sasl_allowed_username_list[1], "fred@EXAMPLE.COM");
    assert_int_equal(c.admin_max_queued_clients, 5);
    assert_int_equal(c.log_level, 3);
    assert_string_equal(c.log_outputs, "3:syslog:virtsecretd");
    assert_int_equal(c.audit_level, 2);
    assert_true(c.audit_logging);
    assert_string_equal(c.host_uuid_source, "smbios");
    daemon_config_clear(&c);
}

static void
test_commented_stock_file(void **state)
{
    Fixture *f = *state;
    g_autofree char *path = g_build_filename(f->root, "virtsecretd.conf", NULL);
    DaemonConfig c;

    assert_true(g_file_set_contents(path, stock_commented, -1, NULL));
    daemon_config_init(&c);
    assert_int_equal(daemon_config_load(&c, path, true), 0);
    assert_int_equal(c.max_clients, 5000);
    assert_int_equal(c.auth_unix_rw, DAEMON_AUTH_NONE);
    daemon_config_clear(&c);
}

static void
test_missing_file(void **state)
{
    Fixture *f = *state;
    g_autofree char *path = g_build_filename(f->root, "nope.conf", NULL);
    DaemonConfig c;

    daemon_config_init(&c);
    assert_int_equal(daemon_config_load(&c, path, false), 0);
    assert_int_equal(daemon_config_load(&c, path, true), -1);
    assert_int_equal(err_last_code(), VIR_ERR_OPEN_FAILED);
    assert_non_null(strstr(err_last_message(), path));
    daemon_config_clear(&c);
}

typedef struct {
    const char *text;
    int code;
    const char *message;
} BadConf;

static const BadConf bad_confs[] = {
    { "max_clients = 10\nmax_clientz = 5\n", VIR_ERR_CONF_SYNTAX,
      "configuration file syntax error: bad.conf:2: unknown setting 'max_clientz'" },
    { "auth_unix_rw = \"polkit\"\n", VIR_ERR_CONFIG_UNSUPPORTED,
      "unsupported configuration: bad.conf: auth_unix_rw: authentication 'polkit' is not "
      "supported by modvirt yet (only 'none'; restrict access with unix_sock_*_perms and "
      "unix_sock_group)" },
    { "auth_unix_ro = \"sasl\"\n", VIR_ERR_CONFIG_UNSUPPORTED, NULL },
    { "auth_unix_rw = \"kerberos\"\n", VIR_ERR_CONF_SYNTAX,
      "configuration file syntax error: bad.conf:1: invalid value 'kerberos' for setting "
      "'auth_unix_rw' (expects one of 'none', 'sasl', 'polkit')" },
    { "max_workers = 0\n", VIR_ERR_CONF_SYNTAX, NULL },
    { "min_workers = 30\n", VIR_ERR_CONF_SYNTAX,
      "configuration file syntax error: bad.conf: min_workers (30) is greater than "
      "max_workers (20)" },
    { "admin_min_workers = 6\n", VIR_ERR_CONF_SYNTAX, NULL },
    { "unix_sock_rw_perms = 0666\n", VIR_ERR_CONF_SYNTAX, NULL },
    { "unix_sock_rw_perms = \"rw-rw-rw-\"\n", VIR_ERR_CONF_SYNTAX, NULL },
    { "log_level = 5\n", VIR_ERR_CONF_SYNTAX, NULL },
    { "keepalive_interval = -2\n", VIR_ERR_CONF_SYNTAX, NULL },
    { "listen_tls = \"1\"\n", VIR_ERR_CONF_SYNTAX, NULL },
    { "access_drivers = \"polkit\"\n", VIR_ERR_CONF_SYNTAX, NULL },
};

static void
test_rejected_settings(void **state)
{
    for (size_t i = 0; i < G_N_ELEMENTS(bad_confs); i++) {
        DaemonConfig c;
        int r;

        daemon_config_init(&c);
        err_reset_last();
        r = daemon_config_load_text(&c, "bad.conf", bad_confs[i].text);
        if (r != -1 || err_last_code() != bad_confs[i].code ||
            (bad_confs[i].message && !g_str_equal(err_last_message(), bad_confs[i].message))) {
            print_error("case '%s': r=%d code=%d msg=%s\n", bad_confs[i].text, r,
                        err_last_code(), err_last_message());
            fail();
        }
        daemon_config_clear(&c);
    }
}

static void
test_accepted_values(void **state)
{
    DaemonConfig c;

    daemon_config_init(&c);
    assert_int_equal(daemon_config_load_text(&c, "ok.conf",
                                             "unix_sock_rw_perms = \"0666\"\n"
                                             "keepalive_interval = -1\n"
                                             "keepalive_count = 0\n"
                                             "max_anonymous_clients = 0\n"
                                             "mdns_adv = 0\n"), 0);
    assert_int_equal(c.unix_sock_rw_perms, 0666);
    assert_int_equal(c.keepalive_interval, -1);
    assert_int_equal(c.keepalive_count, 0);
    assert_string_equal(daemon_auth_to_string(DAEMON_AUTH_POLKIT), "polkit");
    assert_string_equal(daemon_auth_to_string(42), "unknown");
    daemon_config_clear(&c);
}

static void
test_default_paths(void **state)
{
    Fixture *f = *state;
    g_autofree char *conf_sys = daemon_default_config_path("virtsecretd", true);
    g_autofree char *conf_user = daemon_default_config_path("virtsecretd", false);
    g_autofree char *pid_sys = daemon_default_pidfile("virtsecretd", true);
    g_autofree char *pid_user = daemon_default_pidfile("virtsecretd", false);
    g_autofree char *want = NULL;

    want = g_strdup_printf("%s/etc/libvirt/virtsecretd.conf", f->root);
    assert_string_equal(conf_sys, want);
    g_free(want);
    want = g_strdup_printf("%s/libvirt/virtsecretd.conf", paths_user_config_dir());
    assert_string_equal(conf_user, want);
    g_free(want);
    want = g_strdup_printf("%s/run/virtsecretd.pid", f->root);
    assert_string_equal(pid_sys, want);
    g_free(want);
    want = g_strdup_printf("%s/libvirt/virtsecretd.pid", paths_user_runtime_dir());
    assert_string_equal(pid_user, want);
}

static void
check_paths(const char *name, bool privileged, const DaemonConfig *cfg, const char *dir,
            const char *rw, const char *ro, const char *admin)
{
    char *got[3];
    const char *want[3] = { rw, ro, admin };

    daemon_socket_paths(name, privileged, cfg, &got[0], &got[1], &got[2]);
    for (int i = 0; i < 3; i++) {
        g_autofree char *full = want[i] ? g_build_filename(dir, want[i], NULL) : NULL;

        if (g_strcmp0(full, got[i]) != 0) {
            print_error("%s: socket %d is '%s', expected '%s'\n", name, i,
                        got[i] ? got[i] : "(none)", full ? full : "(none)");
            fail();
        }
        g_free(got[i]);
    }
}

static void
test_socket_paths(void **state)
{
    Fixture *f = *state;
    g_autofree char *sysdir = g_build_filename(f->root, "run", "libvirt", NULL);
    g_autofree char *userdir = g_build_filename(paths_user_runtime_dir(), "libvirt", NULL);
    DaemonConfig c;

    daemon_config_init(&c);
    check_paths("virtsecretd", true, &c, sysdir,
                "virtsecretd-sock", "virtsecretd-sock-ro", "virtsecretd-admin-sock");
    check_paths("virtproxyd", true, &c, sysdir,
                "libvirt-sock", "libvirt-sock-ro", "libvirt-admin-sock");
    check_paths("libvirt", true, &c, sysdir,
                "libvirt-sock", "libvirt-sock-ro", "libvirt-admin-sock");
    check_paths("virtqemud", false, &c, userdir,
                "virtqemud-sock", NULL, "virtqemud-admin-sock");
    c.unix_sock_dir = g_strdup("/srv/socks");
    check_paths("virtqemud", true, &c, "/srv/socks",
                "virtqemud-sock", "virtqemud-sock-ro", "virtqemud-admin-sock");
    check_paths("virtqemud", false, &c, "/srv/socks", "virtqemud-sock", NULL, NULL);
    assert_string_equal(daemon_socket_prefix("virtproxyd"), "libvirt");
    assert_string_equal(daemon_socket_prefix("virtnetworkd"), "virtnetworkd");
    daemon_config_clear(&c);
}

static int
connect_to(const char *path)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int r;

    g_strlcpy(sa.sun_path, path, sizeof(sa.sun_path));
    r = connect(fd, (struct sockaddr *) &sa, sizeof(sa));
    close(fd);
    return r;
}

static unsigned int
mode_of(const char *path)
{
    struct stat st;

    assert_int_equal(lstat(path, &st), 0);
    assert_true(S_ISSOCK(st.st_mode));
    return st.st_mode & 07777;
}

static void
test_self_bound_sockets(void **state)
{
    Fixture *f = *state;
    g_autofree char *dir = g_build_filename(f->root, "run", "libvirt", NULL);
    DaemonSocketSet s;
    DaemonConfig c;

    daemon_config_init(&c);
    assert_int_equal(daemon_sockets_open("virtsecretd", true, &c, &s), 0);
    assert_false(s.activated);
    assert_true(s.rw_fd >= 0 && s.ro_fd >= 0 && s.admin_fd >= 0);
    assert_int_equal(s.tcp_fd, -1);
    assert_true(g_str_has_prefix(s.rw_path, dir));
    assert_true(g_str_has_suffix(s.rw_path, "/virtsecretd-sock"));
    assert_int_equal(mode_of(s.rw_path), 0600);
    assert_int_equal(mode_of(s.ro_path), 0666);
    assert_int_equal(mode_of(s.admin_path), 0700);
    assert_true(fcntl(s.rw_fd, F_GETFL) & O_NONBLOCK);
    assert_true(fcntl(s.rw_fd, F_GETFD) & FD_CLOEXEC);
    assert_int_equal(connect_to(s.rw_path), 0);
    assert_int_equal(connect_to(s.ro_path), 0);
    assert_int_equal(connect_to(s.admin_path), 0);
    {
        g_autofree char *rw = g_strdup(s.rw_path);

        daemon_sockets_close(&s);
        assert_false(g_file_test(rw, G_FILE_TEST_EXISTS));
        assert_int_equal(s.rw_fd, -1);
        assert_null(s.rw_path);
    }
    daemon_config_clear(&c);
}

static void
test_configured_perms_and_group(void **state)
{
    Fixture *f = *state;
    g_autofree char *dir = g_build_filename(f->root, "custom-socks", NULL);
    g_autofree char *group = g_strdup_printf("+%u", (unsigned) getegid());
    DaemonSocketSet s;
    DaemonConfig c;
    struct stat st;

    daemon_config_init(&c);
    c.unix_sock_dir = g_strdup(dir);
    c.unix_sock_rw_perms = 0660;
    c.unix_sock_ro_perms = 0777;
    c.unix_sock_group = g_strdup(group);
    assert_int_equal(daemon_sockets_open("virtsecretd", true, &c, &s), 0);
    assert_true(g_str_has_prefix(s.rw_path, dir));
    assert_int_equal(mode_of(s.rw_path), 0660);
    assert_int_equal(mode_of(s.ro_path), 0777);
    assert_int_equal(lstat(s.rw_path, &st), 0);
    assert_int_equal(st.st_gid, getegid());
    daemon_sockets_close(&s);

    g_free(c.unix_sock_group);
    c.unix_sock_group = g_strdup("no-such-group-mv");
    assert_int_equal(daemon_sockets_open("virtsecretd", true, &c, &s), -1);
    assert_non_null(strstr(err_last_message(), "unknown group 'no-such-group-mv'"));
    daemon_config_clear(&c);
}

static void
test_session_sockets(void **state)
{
    DaemonSocketSet s;
    DaemonConfig c;
    g_autofree char *dir = g_build_filename(paths_user_runtime_dir(), "libvirt", NULL);
    struct stat st;

    daemon_config_init(&c);
    assert_int_equal(daemon_sockets_open("virtsecretd", false, &c, &s), 0);
    assert_true(s.rw_fd >= 0);
    assert_int_equal(s.ro_fd, -1);
    assert_null(s.ro_path);
    assert_true(s.admin_fd >= 0);
    assert_int_equal(stat(dir, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
    daemon_sockets_close(&s);
    daemon_config_clear(&c);
}

static void
test_live_daemon_not_stolen(void **state)
{
    DaemonSocketSet a;
    DaemonSocketSet b;
    DaemonConfig c;
    g_autofree char *want = NULL;

    daemon_config_init(&c);
    assert_int_equal(daemon_sockets_open("virtsecretd", true, &c, &a), 0);
    assert_int_equal(daemon_sockets_open("virtsecretd", true, &c, &b), -1);
    want = g_strdup_printf("another daemon is listening on %s", a.rw_path);
    assert_non_null(strstr(err_last_message(), want));
    /* the failed attempt removed nothing of the live daemon's */
    assert_int_equal(connect_to(a.rw_path), 0);
    assert_int_equal(connect_to(a.ro_path), 0);
    daemon_sockets_close(&a);
    daemon_config_clear(&c);
}

static void
test_stale_socket_replaced(void **state)
{
    DaemonSocketSet s;
    DaemonConfig c;
    char *rw, *ro, *admin;
    g_autofree char *dir = NULL;
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    int fd;

    daemon_config_init(&c);
    daemon_socket_paths("virtsecretd", true, &c, &rw, &ro, &admin);
    dir = g_path_get_dirname(rw);
    g_mkdir_with_parents(dir, 0755);
    /* a socket file nobody listens on any more */
    g_strlcpy(sa.sun_path, rw, sizeof(sa.sun_path));
    fd = socket(AF_UNIX, SOCK_STREAM, 0);
    assert_int_equal(bind(fd, (struct sockaddr *) &sa, sizeof(sa)), 0);
    close(fd);
    assert_true(g_file_test(rw, G_FILE_TEST_EXISTS));
    assert_int_equal(daemon_sockets_open("virtsecretd", true, &c, &s), 0);
    assert_int_equal(connect_to(rw), 0);
    daemon_sockets_close(&s);

    /* a regular file is never removed */
    assert_true(g_file_set_contents(ro, "precious", -1, NULL));
    assert_int_equal(daemon_sockets_open("virtsecretd", true, &c, &s), -1);
    assert_non_null(strstr(err_last_message(), "is not a socket"));
    assert_true(g_file_test(ro, G_FILE_TEST_IS_REGULAR));
    /* and the rw socket bound before the failure was cleaned up */
    assert_false(g_file_test(rw, G_FILE_TEST_EXISTS));
    g_unlink(ro);
    g_free(rw);
    g_free(ro);
    g_free(admin);
    daemon_config_clear(&c);
}

static void
test_path_too_long(void **state)
{
    DaemonSocketSet s;
    DaemonConfig c;
    g_autofree char *longdir = g_strnfill(120, 'x');

    daemon_config_init(&c);
    c.unix_sock_dir = g_build_filename(g_get_tmp_dir(), longdir, NULL);
    assert_int_equal(daemon_sockets_open("virtsecretd", true, &c, &s), -1);
    assert_non_null(strstr(err_last_message(), "is too long"));
    g_rmdir(c.unix_sock_dir);
    daemon_config_clear(&c);
}

/* ---- systemd socket activation (in a child: it owns fds 3.. there) ---- */

#define CHILD_CHECK(cond) do { if (!(cond)) return __LINE__; } while (0)

static int
listener_at(const char *path, int target_fd)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    int high;

    g_strlcpy(sa.sun_path, path, sizeof(sa.sun_path));
    if (fd < 0 || bind(fd, (struct sockaddr *) &sa, sizeof(sa)) < 0 || listen(fd, 5) < 0)
        return -1;
    high = fcntl(fd, F_DUPFD, 100 + target_fd);
    close(fd);
    return high;
}

static void
set_listen_env(int n, const char *names)
{
    g_autofree char *pid = g_strdup_printf("%d", (int) getpid());
    g_autofree char *count = g_strdup_printf("%d", n);

    g_setenv("LISTEN_PID", pid, TRUE);
    g_setenv("LISTEN_FDS", count, TRUE);
    g_setenv("LISTEN_FDNAMES", names, TRUE);
}

/* Three sockets handed over by name; one unknown name is closed. */
static int
child_full_activation(const char *root)
{
    g_autofree char *sd = g_build_filename(root, "systemd-socks", NULL);
    g_autofree char *p_rw = g_build_filename(sd, "rw", NULL);
    g_autofree char *p_ro = g_build_filename(sd, "ro", NULL);
    g_autofree char *p_admin = g_build_filename(sd, "admin", NULL);
    g_autofree char *p_other = g_build_filename(sd, "other", NULL);
    g_autofree char *own = g_build_filename(root, "run", "libvirt", NULL);
    int h[4];
    DaemonSocketSet s;
    DaemonConfig c;

    g_mkdir_with_parents(sd, 0700);
    h[0] = listener_at(p_rw, 3);
    h[1] = listener_at(p_ro, 4);
    h[2] = listener_at(p_other, 5);
    h[3] = listener_at(p_admin, 6);
    for (int i = 0; i < 4; i++) {
        CHILD_CHECK(h[i] >= 0);
        CHILD_CHECK(dup2(h[i], 3 + i) == 3 + i);
        close(h[i]);
    }
    set_listen_env(4, "virtsecretd.socket:virtsecretd-ro.socket:"
                      "something-else.socket:virtsecretd-admin.socket");
    daemon_config_init(&c);
    CHILD_CHECK(daemon_sockets_open("virtsecretd", true, &c, &s) == 0);
    CHILD_CHECK(s.activated);
    CHILD_CHECK(s.rw_fd == 3 && s.ro_fd == 4 && s.admin_fd == 6);
    CHILD_CHECK(fcntl(5, F_GETFD) < 0);                     /* unknown one closed */
    CHILD_CHECK(g_strcmp0(s.rw_path, p_rw) == 0);
    CHILD_CHECK(g_strcmp0(s.admin_path, p_admin) == 0);
    CHILD_CHECK(fcntl(3, F_GETFL) & O_NONBLOCK);
    CHILD_CHECK(fcntl(3, F_GETFD) & FD_CLOEXEC);
    CHILD_CHECK(!g_getenv("LISTEN_FDS"));                   /* not passed on */
    CHILD_CHECK(!g_file_test(own, G_FILE_TEST_EXISTS));     /* nothing self-bound */
    daemon_sockets_close(&s);
    CHILD_CHECK(g_file_test(p_rw, G_FILE_TEST_EXISTS));     /* systemd's to remove */
    CHILD_CHECK(fcntl(3, F_GETFD) < 0);
    daemon_config_clear(&c);
    return 0;
}

/* Only the rw socket is passed (virtproxyd naming): the others are bound. */
static int
child_partial_activation(const char *root)
{
    g_autofree char *sd = g_build_filename(root, "systemd-socks2", NULL);
    g_autofree char *p_rw = g_build_filename(sd, "libvirt-sock", NULL);
    g_autofree char *ro = NULL;
    int h;
    DaemonSocketSet s;
    DaemonConfig c;

    g_mkdir_with_parents(sd, 0700);
    h = listener_at(p_rw, 3);
    CHILD_CHECK(h >= 0);
    CHILD_CHECK(dup2(h, 3) == 3);
    close(h);
    set_listen_env(1, "virtproxyd.socket");
    daemon_config_init(&c);
    CHILD_CHECK(daemon_sockets_open("virtproxyd", true, &c, &s) == 0);
    CHILD_CHECK(s.activated);
    CHILD_CHECK(s.rw_fd == 3);
    CHILD_CHECK(s.ro_fd >= 0 && s.admin_fd >= 0);
    CHILD_CHECK(g_str_has_suffix(s.ro_path, "/run/libvirt/libvirt-sock-ro"));
    CHILD_CHECK(g_str_has_suffix(s.admin_path, "/run/libvirt/libvirt-admin-sock"));
    ro = g_strdup(s.ro_path);
    daemon_sockets_close(&s);
    CHILD_CHECK(!g_file_test(ro, G_FILE_TEST_EXISTS));      /* ours: removed */
    CHILD_CHECK(g_file_test(p_rw, G_FILE_TEST_EXISTS));     /* systemd's: kept */
    daemon_config_clear(&c);
    return 0;
}

/* A passed fd that is not a listening UNIX socket is refused. */
static int
child_bad_activation(const char *root)
{
    int fds[2];
    DaemonSocketSet s;
    DaemonConfig c;

    CHILD_CHECK(pipe(fds) == 0);
    CHILD_CHECK(dup2(fds[0], 3) == 3);
    set_listen_env(1, "virtsecretd.socket");
    daemon_config_init(&c);
    CHILD_CHECK(daemon_sockets_open("virtsecretd", true, &c, &s) == -1);
    CHILD_CHECK(strstr(err_last_message(), "not a listening UNIX stream socket"));
    daemon_config_clear(&c);
    return 0;
}

static void
run_child(int (*fn)(const char *root), const char *root, const char *what)
{
    pid_t pid;
    int status = 0;

    fflush(NULL);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int line = fn(root);

        if (line)
            fprintf(stderr, "%s: check at test-config.c:%d failed\n", what, line);
        _exit(line ? 1 : 0);
    }
    assert_int_equal(waitpid(pid, &status, 0), pid);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        print_error("%s: child failed (status 0x%x)\n", what, status);
        fail();
    }
}

static void
test_activation(void **state)
{
    Fixture *f = *state;

    run_child(child_full_activation, f->root, "full activation");
    run_child(child_partial_activation, f->root, "partial activation");
    run_child(child_bad_activation, f->root, "bad activation");
}

int
main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)
    const struct CMUnitTest tests[] = {
        T(test_defaults),
        T(test_stock_keys_load),
        T(test_commented_stock_file),
        T(test_missing_file),
        T(test_rejected_settings),
        T(test_accepted_values),
        T(test_default_paths),
        T(test_socket_paths),
        T(test_self_bound_sockets),
        T(test_configured_perms_and_group),
        T(test_session_sockets),
        T(test_live_daemon_not_stolen),
        T(test_stale_socket_replaced),
        T(test_path_too_long),
        T(test_activation),
    };
#undef T

    return cmocka_run_group_tests_name("daemon-config", tests, NULL, NULL);
}
