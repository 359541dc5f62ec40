/* tests/unit/api/test-error.c: the public error API of libvirt.so (linked
 * as applications link it): last error per thread, copies, reset, the
 * global handler (called once per failing call), the default printing to
 * stderr, checks of invalid objects and the generated "not supported"
 * stubs. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <glib.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

typedef struct {
    int calls;
    int code;
    char *message;
    void *data;
} HandlerSeen;

static HandlerSeen seen;

static void
record_handler(void *data, virErrorPtr err)
{
    seen.calls++;
    seen.code = err->code;
    g_free(seen.message);
    seen.message = g_strdup(err->message);
    seen.data = data;
}

static int
reset_seen(void **state)
{
    g_clear_pointer(&seen.message, g_free);
    memset(&seen, 0, sizeof(seen));
    virSetErrorFunc(&seen, record_handler);
    virResetLastError();
    return 0;
}

static void
test_no_error(void **state)
{
    virErrorPtr copy;
    virError e;

    assert_null(virGetLastError());
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_OK);
    assert_int_equal(virGetLastErrorDomain(), VIR_FROM_NONE);
    assert_string_equal(virGetLastErrorMessage(), "no error");
    assert_int_equal(virCopyLastError(&e), 0);
    assert_int_equal(e.code, VIR_ERR_OK);
    assert_int_equal(virCopyLastError(NULL), -1);
    copy = virSaveLastError();
    assert_non_null(copy);
    assert_int_equal(copy->code, VIR_ERR_OK);
    virFreeError(copy);
    virFreeError(NULL);
    virResetError(NULL);
}

static void
test_invalid_objects(void **state)
{
    virErrorPtr err;

    assert_null(virConnectGetURI(NULL));
    err = virGetLastError();
    assert_non_null(err);
    assert_int_equal(err->code, VIR_ERR_INVALID_CONN);
    assert_int_equal(err->level, VIR_ERR_ERROR);
    assert_string_equal(err->message, "invalid connection pointer in virConnectGetURI");
    assert_int_equal(seen.calls, 1);
    assert_int_equal(seen.code, VIR_ERR_INVALID_CONN);
    assert_ptr_equal(seen.data, &seen);

    assert_int_equal(virSecretFree(NULL), -1);
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_INVALID_SECRET);
    assert_int_equal(virGetLastErrorDomain(), VIR_FROM_SECRET);
    assert_string_equal(virGetLastErrorMessage(), "Invalid secret: virSecretFree");
    assert_int_equal(seen.calls, 2);

    /* a garbage pointer is rejected the same way */
    {
        char junk[256] = { 0 };

        assert_int_equal(virConnectClose((virConnectPtr) junk), -1);
        assert_int_equal(virGetLastErrorCode(), VIR_ERR_INVALID_CONN);
    }
}

static void
test_copy_save_reset(void **state)
{
    virErrorPtr saved;
    virError copy;

    assert_null(virConnectOpen("nodriver"));
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_NO_CONNECT);
    assert_int_equal(seen.calls, 1);

    assert_int_equal(virCopyLastError(&copy), VIR_ERR_NO_CONNECT);
    assert_string_equal(copy.message, virGetLastErrorMessage());
    assert_ptr_not_equal(copy.message, virGetLastError()->message);
    saved = virSaveLastError();
    assert_int_equal(saved->code, VIR_ERR_NO_CONNECT);

    virResetLastError();
    assert_null(virGetLastError());
    /* copies survive the reset */
    assert_int_equal(copy.code, VIR_ERR_NO_CONNECT);
    assert_int_equal(saved->code, VIR_ERR_NO_CONNECT);
    virResetError(&copy);
    assert_int_equal(copy.code, VIR_ERR_OK);
    assert_null(copy.message);
    virFreeError(saved);
}

static void
test_entry_resets(void **state)
{
    unsigned long ver = 0;

    assert_null(virConnectOpen("nodriver"));
    assert_non_null(virGetLastError());
    /* a successful call clears the previous failure */
    assert_int_equal(virGetVersion(&ver, NULL, NULL), 0);
    assert_int_equal(ver, 9000000);
    assert_null(virGetLastError());
    assert_int_equal(seen.calls, 1);
}

static void
test_invalid_conn(void **state)
{
    /* every entry point validates its objects before anything else */
    assert_null(virDomainLookupByName(NULL, "vm"));
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_INVALID_CONN);
    assert_int_equal(virGetLastErrorDomain(), VIR_FROM_DOMAIN);
    assert_string_equal(virGetLastErrorMessage(),
                        "invalid connection pointer in virDomainLookupByName");
    assert_int_equal(seen.calls, 1);
}

static gpointer
other_thread(gpointer data)
{
    /* the last error is per thread */
    return GINT_TO_POINTER(virGetLastError() == NULL);
}

static void
test_thread_local(void **state)
{
    GThread *t;

    assert_null(virConnectOpen("nodriver"));
    t = g_thread_new("other", other_thread, NULL);
    assert_true(GPOINTER_TO_INT(g_thread_join(t)));
    assert_non_null(virGetLastError());
}

static char *
capture_stderr(void (*fn)(void))
{
    g_autofree char *path = g_build_filename(g_get_tmp_dir(), "mvapi-stderr-XXXXXX", NULL);
    int fd = g_mkstemp(path);
    int saved = dup(STDERR_FILENO);
    char *text = NULL;

    assert_true(fd >= 0 && saved >= 0);
    fflush(stderr);
    dup2(fd, STDERR_FILENO);
    fn();
    fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);
    close(fd);
    assert_true(g_file_get_contents(path, &text, NULL, NULL));
    unlink(path);
    return text;
}

static void
fail_open(void)
{
    virConnectOpen("nodriver");
    virConnectGetURI(NULL);
}

static void
test_default_printing(void **state)
{
    g_autofree char *text = NULL;
    virError warn = {
        .code = VIR_ERR_INTERNAL_ERROR, .domain = VIR_FROM_QEMU, .level = VIR_ERR_WARNING,
        .message = (char *) "line\n",
    };

    virSetErrorFunc(NULL, NULL);
    text = capture_stderr(fail_open);
    assert_string_equal(text,
                        "libvirt:  error : no connection driver available for URI 'nodriver' does not include a driver name\n"
                        "libvirt: Domain Config error : invalid connection pointer in "
                        "virConnectGetURI\n");
    g_clear_pointer(&text, g_free);

    /* virDefaultErrorFunc itself; NULL and OK errors print nothing */
    {
        int saved = dup(STDERR_FILENO);
        g_autofree char *path = g_build_filename(g_get_tmp_dir(), "mvapi-def-XXXXXX", NULL);
        int fd = g_mkstemp(path);

        fflush(stderr);
        dup2(fd, STDERR_FILENO);
        virDefaultErrorFunc(NULL);
        virDefaultErrorFunc(&warn);
        fflush(stderr);
        dup2(saved, STDERR_FILENO);
        close(saved);
        close(fd);
        assert_true(g_file_get_contents(path, &text, NULL, NULL));
        unlink(path);
    }
    assert_string_equal(text, "libvirt: QEMU Driver warning : line\n");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_no_error, reset_seen),
        cmocka_unit_test_setup(test_invalid_objects, reset_seen),
        cmocka_unit_test_setup(test_copy_save_reset, reset_seen),
        cmocka_unit_test_setup(test_entry_resets, reset_seen),
        cmocka_unit_test_setup(test_invalid_conn, reset_seen),
        cmocka_unit_test_setup(test_thread_local, reset_seen),
        cmocka_unit_test_setup(test_default_printing, reset_seen),
    };

    g_setenv("MODVIRT_ROOT", "/nonexistent-mvapi-root", TRUE);
    g_unsetenv("LIBVIRT_DEFAULT_URI");
    return cmocka_run_group_tests_name("api-error", tests, NULL, NULL);
}
