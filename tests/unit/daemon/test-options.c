/* tests/unit/daemon/test-options.c: the daemon command line (short and long
 * forms, --timeout bounds, --help/--version output, usage errors) and the
 * --daemon detach handshake (launcher exit status, new session, cwd "/"). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "common/daemon/daemonize.h"
#include "common/daemon/options.h"
#include "common/util/parse.h"

typedef struct {
    int rc;
    DaemonOptions o;
    char *out;
    char *err;
} ParseRun;

static int
to_int(const char *s)
{
    int v = -99;

    assert_int_equal(parse_int(s, 10, &v), 0);
    return v;
}

static char *
slurp_fd(int fd)
{
    GString *s = g_string_new(NULL);
    char buf[512];
    ssize_t n;

    while ((n = read(fd, buf, sizeof(buf))) > 0)
        g_string_append_len(s, buf, n);
    return g_string_free(s, FALSE);
}

/* Run daemon_options_parse() in a child so stdout/stderr can be captured;
 * the child reports the result through a pipe. NULL-terminated args after
 * the program name. */
static void
run_parse(ParseRun *run, ...)
{
    g_autoptr(GPtrArray) args = g_ptr_array_new();
    const char *const defaults[] = { "Configuration file: /etc/libvirt/t.conf", NULL };
    int out[2], err[2], res[2];
    const char *a;
    va_list ap;
    pid_t pid;
    int status;

    g_ptr_array_add(args, (gpointer) "virtsecretd");
    va_start(ap, run);
    while ((a = va_arg(ap, const char *)))
        g_ptr_array_add(args, (gpointer) a);
    va_end(ap);
    g_ptr_array_add(args, NULL);

    assert_int_equal(pipe(out), 0);
    assert_int_equal(pipe(err), 0);
    assert_int_equal(pipe(res), 0);
    fflush(NULL);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        DaemonOptions o;
        int rc;
        g_autofree char *line = NULL;

        dup2(out[1], STDOUT_FILENO);
        dup2(err[1], STDERR_FILENO);
        rc = daemon_options_parse((int) args->len - 1, (char **) args->pdata,
                                  "virtsecretd", defaults, &o);
        fflush(NULL);
        line = g_strdup_printf("%d\n%d\n%d\n%d\n%s\n%s\n", rc, o.daemonize, o.verbose,
                               o.timeout, o.config_file ? o.config_file : "(null)",
                               o.pid_file ? o.pid_file : "(null)");
        if (write(res[1], line, strlen(line)) < 0)
            _exit(3);
        daemon_options_clear(&o);
        _exit(0);
    }
    close(out[1]);
    close(err[1]);
    close(res[1]);
    {
        g_autofree char *r = slurp_fd(res[0]);
        g_auto(GStrv) f = g_strsplit(r, "\n", -1);

        assert_true(g_strv_length(f) >= 6);
        run->rc = to_int(f[0]);
        run->o.daemonize = to_int(f[1]);
        run->o.verbose = to_int(f[2]);
        run->o.timeout = to_int(f[3]);
        run->o.config_file = g_str_equal(f[4], "(null)") ? NULL : g_strdup(f[4]);
        run->o.pid_file = g_str_equal(f[5], "(null)") ? NULL : g_strdup(f[5]);
    }
    run->out = slurp_fd(out[0]);
    run->err = slurp_fd(err[0]);
    close(out[0]);
    close(err[0]);
    close(res[0]);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

static void
run_clear(ParseRun *run)
{
    daemon_options_clear(&run->o);
    g_free(run->out);
    g_free(run->err);
}

static void
test_no_arguments(void **state)
{
    ParseRun r;

    run_parse(&r, NULL);
    assert_int_equal(r.rc, 0);
    assert_false(r.o.daemonize);
    assert_false(r.o.verbose);
    assert_int_equal(r.o.timeout, 0);
    assert_null(r.o.config_file);
    assert_null(r.o.pid_file);
    assert_string_equal(r.out, "");
    assert_string_equal(r.err, "");
    run_clear(&r);
}

static void
test_short_options(void **state)
{
    g_autofree char *cwd = g_get_current_dir();
    g_autofree char *want = g_build_filename(cwd, "rel.conf", NULL);
    ParseRun r;

    run_parse(&r, "-d", "-v", "-t", "120", "-f", "rel.conf", "-p", "/run/x.pid", NULL);
    assert_int_equal(r.rc, 0);
    assert_true(r.o.daemonize);
    assert_true(r.o.verbose);
    assert_int_equal(r.o.timeout, 120);
    assert_string_equal(r.o.config_file, want);   /* made absolute (daemon chdirs to /) */
    assert_string_equal(r.o.pid_file, "/run/x.pid");
    run_clear(&r);
}

static void
test_long_options(void **state)
{
    ParseRun r;

    run_parse(&r, "--daemon", "--verbose", "--timeout=120", "--config=/etc/a.conf",
              "--pid-file", "/tmp/b.pid", NULL);
    assert_int_equal(r.rc, 0);
    assert_true(r.o.daemonize);
    assert_true(r.o.verbose);
    assert_int_equal(r.o.timeout, 120);
    assert_string_equal(r.o.config_file, "/etc/a.conf");
    assert_string_equal(r.o.pid_file, "/tmp/b.pid");
    run_clear(&r);

    run_parse(&r, "--timeout", "0", NULL);
    assert_int_equal(r.rc, 0);
    assert_int_equal(r.o.timeout, 0);
    run_clear(&r);

    run_parse(&r, "-t", "2147483", NULL);
    assert_int_equal(r.rc, 0);
    assert_int_equal(r.o.timeout, DAEMON_TIMEOUT_MAX);
    run_clear(&r);
}

static void
test_bad_timeouts(void **state)
{
    const char *bad[] = { "-1", "2147484", "abc", "", "12s", " 5" };

    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        ParseRun r;

        run_parse(&r, "--timeout", bad[i], NULL);
        if (r.rc != -1 || !strstr(r.err, "invalid timeout")) {
            print_error("timeout '%s': rc=%d err=%s\n", bad[i], r.rc, r.err);
            fail();
        }
        assert_non_null(strstr(r.err, "Try 'virtsecretd --help'"));
        assert_string_equal(r.out, "");
        run_clear(&r);
    }
}

static void
test_version(void **state)
{
    ParseRun r;

    run_parse(&r, "-V", NULL);
    assert_int_equal(r.rc, 1);
    assert_string_equal(r.out, "virtsecretd (modvirt) " PACKAGE_VERSION "\n");
    assert_string_equal(r.err, "");
    run_clear(&r);

    run_parse(&r, "--version", NULL);
    assert_int_equal(r.rc, 1);
    run_clear(&r);
}

static void
test_help(void **state)
{
    ParseRun r;

    run_parse(&r, "--help", NULL);
    assert_int_equal(r.rc, 1);
    assert_string_equal(r.err, "");
    for (const char *const *w = (const char *const[]) {
             "virtsecretd [options]", "--daemon", "--timeout", "--config", "--pid-file",
             "--verbose", "--version", "--help",
             "Configuration file: /etc/libvirt/t.conf", NULL }; *w; w++) {
        if (!strstr(r.out, *w)) {
            print_error("help lacks '%s':\n%s\n", *w, r.out);
            fail();
        }
    }
    run_clear(&r);
}

static void
test_usage_errors(void **state)
{
    ParseRun r;

    run_parse(&r, "--bogus", NULL);
    assert_int_equal(r.rc, -1);
    assert_non_null(strstr(r.err, "Try 'virtsecretd --help'"));
    assert_string_equal(r.out, "");
    run_clear(&r);

    run_parse(&r, "-x", NULL);
    assert_int_equal(r.rc, -1);
    run_clear(&r);

    run_parse(&r, "-f", NULL);                 /* missing argument */
    assert_int_equal(r.rc, -1);
    run_clear(&r);

    run_parse(&r, "-v", "extra", NULL);
    assert_int_equal(r.rc, -1);
    assert_non_null(strstr(r.err, "unexpected argument 'extra'"));
    run_clear(&r);

    run_parse(&r, "--listen", NULL);           /* libvirtd only */
    assert_int_equal(r.rc, -1);
    run_clear(&r);
}

static void
test_repeated_parse_in_process(void **state)
{
    char *a1[] = { (char *) "d", (char *) "-t", (char *) "5", NULL };
    char *a2[] = { (char *) "d", (char *) "-v", NULL };
    DaemonOptions o;

    assert_int_equal(daemon_options_parse(3, a1, "d", NULL, &o), 0);
    assert_int_equal(o.timeout, 5);
    daemon_options_clear(&o);
    assert_int_equal(daemon_options_parse(2, a2, "d", NULL, &o), 0);
    assert_true(o.verbose);
    assert_int_equal(o.timeout, 0);
    daemon_options_clear(&o);
    assert_null(o.config_file);
}

/* --daemon: run a launcher process that detaches; the daemon writes what it
 * observes to @info and reports @status (or dies silently if @status < 0).
 * Return the launcher's exit status. */
static int
run_detach(const char *info, int status)
{
    pid_t launcher;
    int ws;

    fflush(NULL);
    launcher = fork();
    assert_true(launcher >= 0);
    if (launcher == 0) {
        int fd = -1;
        pid_t launcher_sid = getsid(0);
        g_autofree char *cwd = NULL;
        g_autofree char *text = NULL;

        if (daemon_fork_background(&fd) < 0)
            _exit(100);
        /* only the daemon gets here */
        cwd = g_get_current_dir();
        text = g_strdup_printf("%d %d %s %d\n", (int) launcher_sid, (int) getsid(0), cwd,
                               fcntl(STDIN_FILENO, F_GETFD) >= 0);
        g_file_set_contents(info, text, -1, NULL);
        if (status < 0)
            _exit(0);           /* dies without reporting */
        daemon_signal_ready(fd, status);
        _exit(0);
    }
    assert_int_equal(waitpid(launcher, &ws, 0), launcher);
    assert_true(WIFEXITED(ws));
    return WEXITSTATUS(ws);
}

static void
test_daemonize_handshake(void **state)
{
    g_autofree char *dir = g_dir_make_tmp("mvdetach-XXXXXX", NULL);
    g_autofree char *info = g_build_filename(dir, "info", NULL);
    g_autofree char *text = NULL;
    int launcher_sid = 0, daemon_sid = 0, stdin_open = 0;
    char cwd[256] = "";

    assert_int_equal(run_detach(info, 0), 0);
    /* the launcher waited for the report, so the file is complete now */
    assert_true(g_file_get_contents(info, &text, NULL, NULL));
    assert_int_equal(sscanf(text, "%d %d %255s %d", &launcher_sid, &daemon_sid, cwd,
                            &stdin_open), 4);
    assert_int_not_equal(launcher_sid, daemon_sid);
    assert_string_equal(cwd, "/");
    assert_int_equal(stdin_open, 1);

    assert_int_equal(run_detach(info, 3), 3);
    assert_int_equal(run_detach(info, -1), 1);
    g_unlink(info);
    g_rmdir(dir);
}

static void
test_signal_ready_noop(void **state)
{
    daemon_signal_ready(-1, 0);     /* not daemonized: nothing happens */
    /* not run by systemd here: notify is a no-op returning 0 */
    g_unsetenv("NOTIFY_SOCKET");
    assert_int_equal(daemon_notify_ready(), 0);
    assert_int_equal(daemon_notify_stopping(), 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_arguments),
        cmocka_unit_test(test_short_options),
        cmocka_unit_test(test_long_options),
        cmocka_unit_test(test_bad_timeouts),
        cmocka_unit_test(test_version),
        cmocka_unit_test(test_help),
        cmocka_unit_test(test_usage_errors),
        cmocka_unit_test(test_repeated_parse_in_process),
        cmocka_unit_test(test_daemonize_handshake),
        cmocka_unit_test(test_signal_ready_noop),
    };

    return cmocka_run_group_tests_name("daemon-options", tests, NULL, NULL);
}
