/* tests/unit/daemon/test-dispatch.c: CONNECT_OPEN URI acceptance and the
 * API names used in NO_SUPPORT / read-only messages. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "common/daemon/server.h"
#include "common/util/err.h"

static const char *const schemes[] = { "secret", NULL };
static const DaemonDriver drv = { .name = "virtsecretd", .uri_schemes = schemes };

static void
expect_uri(DaemonCtx *ctx, const char *in, const char *want)
{
    g_autofree char *out = NULL;

    assert_int_equal(daemon_open_uri_check(ctx, in, &out), 0);
    assert_string_equal(out, want);
}

static void
expect_reject(DaemonCtx *ctx, const char *in, int code)
{
    g_autofree char *out = NULL;

    assert_int_equal(daemon_open_uri_check(ctx, in, &out), -1);
    assert_null(out);
    assert_int_equal(err_last_code(), code);
}

static void
test_uri_system(void **state)
{
    DaemonCtx ctx = { .drv = &drv, .privileged = true };

    expect_uri(&ctx, NULL, "secret:///system");
    expect_uri(&ctx, "", "secret:///system");
    expect_uri(&ctx, "secret:///system", "secret:///system");
    expect_uri(&ctx, "secret+unix:///system", "secret:///system");
    expect_uri(&ctx, "secret:///system?socket=/tmp/x", "secret:///system");
    expect_uri(&ctx, "SECRET://localhost/system", "secret:///system");
    expect_reject(&ctx, "qemu:///system", VIR_ERR_NO_CONNECT);
    expect_reject(&ctx, "secret+ssh://host/system", VIR_ERR_NO_CONNECT);
    expect_reject(&ctx, "secret://otherhost/system", VIR_ERR_NO_CONNECT);
    expect_reject(&ctx, "nonsense", VIR_ERR_NO_CONNECT);
    expect_reject(&ctx, "secret:///session", VIR_ERR_INTERNAL_ERROR);
    assert_non_null(strstr(err_last_message(), "try secret:///system"));
}

static void
test_uri_session(void **state)
{
    DaemonCtx ctx = { .drv = &drv, .privileged = false };

    expect_uri(&ctx, "", "secret:///session");
    expect_uri(&ctx, "secret:///session", "secret:///session");
    expect_reject(&ctx, "secret:///system", VIR_ERR_INTERNAL_ERROR);
}

static void
test_api_names(void **state)
{
    static const struct {
        int proc;
        const char *api;
    } cases[] = {
        { REMOTE_PROC_SECRET_DEFINE_XML, "virSecretDefineXML" },
        { REMOTE_PROC_SECRET_SET_VALUE, "virSecretSetValue" },
        { REMOTE_PROC_SECRET_LOOKUP_BY_UUID, "virSecretLookupByUUID" },
        { REMOTE_PROC_CONNECT_LIST_ALL_SECRETS, "virConnectListAllSecrets" },
        { REMOTE_PROC_DOMAIN_GET_XML_DESC, "virDomainGetXMLDesc" },
        { REMOTE_PROC_CONNECT_GET_HOSTNAME, "virConnectGetHostname" },
    };

    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autofree char *n = rpc_proc_api_name(&remote_program,
                                               proc_lookup(&remote_program, cases[i].proc));

        assert_string_equal(n, cases[i].api);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_uri_system),
        cmocka_unit_test(test_uri_session),
        cmocka_unit_test(test_api_names),
    };

    return cmocka_run_group_tests_name("daemon-dispatch", tests, NULL, NULL);
}
