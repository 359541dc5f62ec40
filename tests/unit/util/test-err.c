/* tests/unit/util/test-err.c: libvirt-style error records: how messages are
 * composed, the per-code prefix table, the hook, save/restore and the
 * thread-local last error. */
#define ERR_DOMAIN VIR_FROM_SECRET

#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <glib.h>

#include "common/util/err.h"

static void
test_compose_with_detail(void **state)
{
    virError *e;

    err_reset_last();
    err_report(VIR_ERR_NO_SECRET, "no secret with matching uuid '%s'", "abc");
    e = err_get_last();
    assert_non_null(e);
    assert_int_equal(e->code, VIR_ERR_NO_SECRET);
    assert_int_equal(e->domain, VIR_FROM_SECRET);
    assert_int_equal(e->level, VIR_ERR_ERROR);
    assert_string_equal(e->message, "Secret not found: no secret with matching uuid 'abc'");
    assert_string_equal(e->str2, "no secret with matching uuid 'abc'");
    assert_string_equal(err_last_message(), e->message);
    assert_int_equal(err_last_code(), VIR_ERR_NO_SECRET);
}

static void
test_compose_prefix_positions(void **state)
{
    err_report(VIR_ERR_INTERNAL_ERROR, "%s", "boom");
    assert_string_equal(err_last_message(), "internal error: boom");
    /* the detail may sit inside the prefix text */
    err_report(VIR_ERR_DOM_EXIST, "%s", "vm1");
    assert_string_equal(err_last_message(), "domain vm1 exists already");
    err_report(VIR_ERR_OPERATION_DENIED, "%s", "read-only");
    assert_string_equal(err_last_message(), "operation forbidden: read-only");
    /* system errors carry only the detail */
    err_report_system(ENOENT, "cannot open '%s'", "/x");
    assert_int_equal(err_last_code(), VIR_ERR_SYSTEM_ERROR);
    assert_string_equal(err_last_message(), "cannot open '/x': No such file or directory");
}

static void
test_compose_without_detail(void **state)
{
    err_report_full(VIR_FROM_NONE, VIR_ERR_NO_MEMORY, __FILE__, __func__, __LINE__, NULL);
    assert_string_equal(err_last_message(), "out of memory");
}

static void
test_errno_appended(void **state)
{
    err_report_errno(EACCES, VIR_ERR_OPERATION_FAILED, "cannot write '%s'", "f");
    assert_string_equal(err_last_message(),
                        "operation failed: cannot write 'f': Permission denied");
}

static void
test_errno_preserved(void **state)
{
    errno = EBUSY;
    err_report(VIR_ERR_INTERNAL_ERROR, "x");
    assert_int_equal(errno, EBUSY);
}

static void
test_prefix_table_complete(void **state)
{
    for (int code = 1; code < VIR_ERR_NUMBER_LAST; code++) {
        const char *with = err_code_prefix(code, true);
        const char *bare = err_code_prefix(code, false);
        const char *slot = strstr(with, "%s");

        if (g_str_equal(with, "unknown error: %s")) {
            print_error("error code %d has no prefix entry\n", code);
            fail();
        }
        /* exactly one %s and no other conversion */
        assert_non_null(slot);
        assert_null(strstr(slot + 2, "%s"));
        for (const char *p = strchr(with, '%'); p; p = strchr(p + 2, '%'))
            assert_true(p[1] == 's');
        assert_non_null(bare);
    }
    assert_string_equal(err_code_prefix(VIR_ERR_NUMBER_LAST, true), "unknown error: %s");
    assert_string_equal(err_code_prefix(-1, false), "unknown error");
}

static void
test_domain_names(void **state)
{
    assert_string_equal(err_domain_name(VIR_FROM_CONF), "Config File");
    assert_string_equal(err_domain_name(VIR_FROM_SECRET), "Secrets Driver");
    assert_string_equal(err_domain_name(VIR_FROM_RPC), "XML-RPC");
    assert_string_equal(err_domain_name(VIR_FROM_NONE), "");
    assert_string_equal(err_domain_name(-5), "Unknown");
    assert_string_equal(err_domain_name(VIR_ERR_DOMAIN_LAST), "Unknown");
}

typedef struct {
    int calls;
    int last_code;
    char *last_message;
} HookSeen;

static void
hook_cb(const virError *err, void *opaque)
{
    HookSeen *seen = opaque;

    seen->calls++;
    seen->last_code = err->code;
    g_free(seen->last_message);
    seen->last_message = g_strdup(err->message);
}

static void
test_hook(void **state)
{
    HookSeen seen = { 0 };
    virError copy = { 0 };

    err_set_hook(hook_cb, &seen);
    err_report(VIR_ERR_INVALID_ARG, "bad %d", 5);
    assert_int_equal(seen.calls, 1);
    assert_int_equal(seen.last_code, VIR_ERR_INVALID_ARG);
    assert_string_equal(seen.last_message, "invalid argument: bad 5");

    /* an error received from elsewhere also runs the hook */
    copy.code = VIR_ERR_RPC;
    copy.domain = VIR_FROM_RPC;
    copy.level = VIR_ERR_ERROR;
    copy.message = g_strdup("RPC error: x");
    err_set_last(&copy);
    assert_int_equal(seen.calls, 2);
    assert_int_equal(err_last_code(), VIR_ERR_RPC);
    assert_string_equal(err_last_message(), "RPC error: x");
    err_clear(&copy);

    err_set_hook(NULL, NULL);
    err_report(VIR_ERR_INVALID_ARG, "again");
    assert_int_equal(seen.calls, 2);
    g_free(seen.last_message);
}

static void
test_save_restore(void **state)
{
    virError *saved;

    err_report(VIR_ERR_NO_SECRET, "first");
    saved = err_save_last();
    assert_non_null(saved);
    err_report(VIR_ERR_INTERNAL_ERROR, "cleanup failure");
    assert_int_equal(err_last_code(), VIR_ERR_INTERNAL_ERROR);
    err_restore_last(&saved);
    assert_null(saved);
    assert_int_equal(err_last_code(), VIR_ERR_NO_SECRET);
    assert_string_equal(err_last_message(), "Secret not found: first");

    /* nothing saved: restore keeps the current error */
    err_reset_last();
    assert_null(err_save_last());
    err_report(VIR_ERR_INVALID_ARG, "kept");
    saved = NULL;
    err_restore_last(&saved);
    assert_int_equal(err_last_code(), VIR_ERR_INVALID_ARG);
}

static void
test_reset_and_copy(void **state)
{
    virError dst = { 0 };

    err_report(VIR_ERR_NO_SECRET, "x");
    err_copy(&dst, err_get_last());
    err_reset_last();
    assert_null(err_get_last());
    assert_false(err_has_last());
    assert_int_equal(err_last_code(), VIR_ERR_OK);
    assert_string_equal(err_last_message(), "no error");
    /* the copy is deep */
    assert_int_equal(dst.code, VIR_ERR_NO_SECRET);
    assert_string_equal(dst.message, "Secret not found: x");
    err_clear(&dst);
    assert_null(dst.message);
}

static gpointer
thread_reports(gpointer data)
{
    err_report(VIR_ERR_OPERATION_TIMEOUT, "in thread");
    return GINT_TO_POINTER(err_last_code());
}

static void
test_thread_local(void **state)
{
    GThread *t;
    int code;

    err_report(VIR_ERR_NO_SECRET, "main");
    t = g_thread_new("err", thread_reports, NULL);
    code = GPOINTER_TO_INT(g_thread_join(t));
    assert_int_equal(code, VIR_ERR_OPERATION_TIMEOUT);
    assert_int_equal(err_last_code(), VIR_ERR_NO_SECRET);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_compose_with_detail),
        cmocka_unit_test(test_compose_prefix_positions),
        cmocka_unit_test(test_compose_without_detail),
        cmocka_unit_test(test_errno_appended),
        cmocka_unit_test(test_errno_preserved),
        cmocka_unit_test(test_prefix_table_complete),
        cmocka_unit_test(test_domain_names),
        cmocka_unit_test(test_hook),
        cmocka_unit_test(test_save_restore),
        cmocka_unit_test(test_reset_and_copy),
        cmocka_unit_test(test_thread_local),
    };

    return cmocka_run_group_tests_name("err", tests, NULL, NULL);
}
