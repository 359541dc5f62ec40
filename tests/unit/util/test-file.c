/* tests/unit/util/test-file.c: atomic replacement (readers only ever see
 * the old or the new content, failures leave no debris), whole-file reads,
 * directories and pid-file locking across processes. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "common/util/file.h"

typedef struct {
    char *dir;
} Fixture;

static int
fixture_setup(void **state)
{
    Fixture *f = g_new0(Fixture, 1);

    f->dir = g_dir_make_tmp("mvfile-XXXXXX", NULL);
    assert_non_null(f->dir);
    *state = f;
    return 0;
}

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
fixture_teardown(void **state)
{
    Fixture *f = *state;

    rm_rf(f->dir);
    g_free(f->dir);
    g_free(f);
    return 0;
}

/* Number of directory entries (the test expects no temporary leftovers). */
static int
count_entries(const char *dir)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    int n = 0;

    assert_non_null(d);
    while (g_dir_read_name(d))
        n++;
    g_dir_close(d);
    return n;
}

static void
test_write_atomic_basic(void **state)
{
    Fixture *f = *state;
    g_autofree char *path = g_build_filename(f->dir, "a.xml", NULL);
    g_autofree char *data = NULL;
    size_t len = 0;
    struct stat st;

    assert_int_equal(file_write_atomic(path, "old", 3, 0600), 0);
    assert_int_equal(file_write_atomic(path, "newer", 5, 0640), 0);
    assert_int_equal(file_read_all(path, 1024, &data, &len), 0);
    assert_int_equal(len, 5);
    assert_string_equal(data, "newer");
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0640);
    assert_int_equal(count_entries(f->dir), 1);
}

static void
test_write_atomic_failure_keeps_old(void **state)
{
    Fixture *f = *state;
    g_autofree char *target = g_build_filename(f->dir, "isdir", NULL);
    g_autofree char *inside = g_build_filename(target, "keep", NULL);
    g_autofree char *nodir = g_build_filename(f->dir, "missing", "x", NULL);

    /* rename() over a non-empty directory fails: the old entry stays and the
     * temporary file is gone */
    assert_int_equal(g_mkdir(target, 0700), 0);
    assert_true(g_file_set_contents(inside, "k", -1, NULL));
    assert_true(file_write_atomic(target, "new", 3, 0600) < 0);
    assert_true(g_file_test(target, G_FILE_TEST_IS_DIR));
    assert_true(g_file_test(inside, G_FILE_TEST_EXISTS));
    assert_int_equal(count_entries(f->dir), 1);

    assert_int_equal(file_write_atomic(nodir, "x", 1, 0600), -ENOENT);
}

/* A child reads the file in a loop while the parent keeps replacing it with
 * one of two complete contents; the child must never see anything else. */
static void
test_write_atomic_readers_see_old_or_new(void **state)
{
    Fixture *f = *state;
    g_autofree char *path = g_build_filename(f->dir, "race.conf", NULL);
    char a[4096];
    char b[8192];
    pid_t pid;
    int status = 0;

    memset(a, 'a', sizeof(a));
    memset(b, 'b', sizeof(b));
    assert_int_equal(file_write_atomic(path, a, sizeof(a), 0644), 0);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        for (int i = 0; i < 2000; i++) {
            g_autofree char *got = NULL;
            size_t len = 0;

            if (file_read_all(path, sizeof(b) * 2, &got, &len) < 0)
                _exit(2);
            if (!((len == sizeof(a) && memcmp(got, a, len) == 0) ||
                  (len == sizeof(b) && memcmp(got, b, len) == 0)))
                _exit(1);
        }
        _exit(0);
    }
    for (int i = 0; i < 300; i++) {
        assert_int_equal(file_write_atomic(path, i % 2 ? a : b,
                                           i % 2 ? sizeof(a) : sizeof(b), 0644), 0);
    }
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
}

static void
test_read_all_limits(void **state)
{
    Fixture *f = *state;
    g_autofree char *path = g_build_filename(f->dir, "big", NULL);
    g_autofree char *missing = g_build_filename(f->dir, "nope", NULL);
    char *data = NULL;
    char buf[10000];

    memset(buf, 'x', sizeof(buf));
    assert_true(g_file_set_contents(path, buf, sizeof(buf), NULL));
    assert_int_equal(file_read_all(path, 9999, &data, NULL), -EFBIG);
    assert_null(data);
    assert_int_equal(file_read_all(path, 10000, &data, NULL), 0);
    assert_int_equal(strlen(data), 10000);
    g_free(data);
    assert_int_equal(file_read_all(missing, 10, &data, NULL), -ENOENT);
}

static void
test_dirs_and_unlink(void **state)
{
    Fixture *f = *state;
    g_autofree char *deep = g_build_filename(f->dir, "a", "b", "c", NULL);
    g_autofree char *file = g_build_filename(deep, "f", NULL);
    struct stat st;

    assert_int_equal(file_mkdir_p(deep, 0700), 0);
    assert_int_equal(file_mkdir_p(deep, 0700), 0);     /* exists: fine */
    assert_int_equal(stat(deep, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
    assert_false(file_exists(file));
    assert_true(g_file_set_contents(file, "", 0, NULL));
    assert_true(file_exists(file));
    assert_int_equal(file_unlink_if_exists(file), 0);
    assert_int_equal(file_unlink_if_exists(file), 0);  /* missing: fine */
    assert_false(file_exists(file));
}

static char *
read_fd(int fd)
{
    char buf[64] = { 0 };
    ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);

    assert_true(n >= 0);
    return g_strndup(buf, (gsize) n);
}

static void
test_pidfile_lock(void **state)
{
    Fixture *f = *state;
    g_autofree char *path = g_build_filename(f->dir, "d.pid", NULL);
    g_autofree char *content = NULL;
    g_autofree char *want = g_strdup_printf("%lld\n", (long long) getpid());
    int fd = file_pidfile_acquire(path, getpid());
    int status = 0;
    pid_t pid;

    assert_true(fd >= 0);
    /* read through the lock fd: with classic fcntl locks, opening and
     * closing the file through any other fd of this process would drop the
     * lock */
    content = read_fd(fd);
    assert_string_equal(content, want);

    /* fcntl locks are per process: a second process must be refused */
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int r = file_pidfile_acquire(path, getpid());

        _exit(r == -EAGAIN ? 0 : 1);
    }
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);

    /* the refused attempt must not have clobbered our pid */
    g_free(content);
    content = read_fd(fd);
    assert_string_equal(content, want);

    /* once released, another process gets it */
    close(fd);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int r = file_pidfile_acquire(path, getpid());

        _exit(r >= 0 ? 0 : 1);
    }
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_write_atomic_basic,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_write_atomic_failure_keeps_old,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_write_atomic_readers_see_old_or_new,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_read_all_limits,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_dirs_and_unlink,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_pidfile_lock,
                                        fixture_setup, fixture_teardown),
    };

    return cmocka_run_group_tests_name("file", tests, NULL, NULL);
}
