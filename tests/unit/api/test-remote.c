/* tests/unit/api/test-remote.c: what libvirt.so sends and where, checked
 * against fake daemons in a private MODVIRT_ROOT: the open handshake (with
 * and without an event loop), the name sent in CONNECT_OPEN, read-only and
 * legacy sockets, ?socket=, routing of secret calls to virtsecretd-sock,
 * probing, the error when nothing listens, close callbacks and secret
 * events delivered through the default event loop. Tests that need the
 * event loop run last: registering it cannot be undone. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "api/internal.h"
#include "common/util/paths.h"
#include "tests/unit/api/fake-daemon.h"

static char *test_root;

static char *
sock_path(const char *name)
{
    return g_build_filename(test_root, "run", "libvirt", name, NULL);
}

static FakeDaemon *
start_fake(const char *name, const char *uri, int nsecrets)
{
    g_autofree char *path = sock_path(name);

    return fake_daemon_start(path, uri, nsecrets);
}

static void
assert_log(FakeDaemon *d, const char *want)
{
    g_autofree char *got = fake_daemon_log(d);

    if (!g_str_equal(got, want))
        fail_msg("daemon log '%s', expected '%s'", got, want);
}

static void
quiet_errors(void *data, virErrorPtr err)
{
}

static int
group_setup(void **state)
{
    test_root = g_dir_make_tmp("mvapi-remote-XXXXXX", NULL);
    assert_non_null(test_root);
    g_setenv("MODVIRT_ROOT", test_root, TRUE);
    g_unsetenv("LIBVIRT_DEFAULT_URI");
    g_setenv("LIBVIRT_AUTOSTART", "0", TRUE);
    paths_reset();
    virSetErrorFunc(NULL, quiet_errors);
    return 0;
}

static int
group_teardown(void **state)
{
    g_autofree char *cmd = g_strdup_printf("rm -rf '%s'", test_root);

    if (system(cmd) != 0)
        return -1;
    return 0;
}

static void
test_handshake_without_loop(void **state)
{
    FakeDaemon *d = start_fake("virtqemud-sock", "qemu:///system", 1);
    virConnectPtr conn = virConnectOpen("qemu:///system");
    g_autofree char *uri = NULL;

    assert_non_null(conn);
    assert_log(d, "66 1:qemu:///system:0 60:14 60:15");
    uri = virConnectGetURI(conn);
    assert_string_equal(uri, "qemu:///system");
    assert_string_equal(virConnectGetType(conn), "FAKE");
    assert_string_equal(virConnectGetType(conn), "FAKE");     /* cached */
    assert_int_equal(virConnectIsAlive(conn), 1);
    assert_int_equal(virConnectClose(conn), 0);
    assert_log(d, "66 1:qemu:///system:0 60:14 60:15 3 2");
    fake_daemon_stop(d);
}

static void
test_readonly_socket(void **state)
{
    FakeDaemon *d = start_fake("virtqemud-sock-ro", "qemu:///system", 1);
    virConnectPtr conn = virConnectOpenReadOnly("qemu:///system");
    virErrorPtr err;

    assert_non_null(conn);
    assert_log(d, "66 1:qemu:///system:1 60:14 60:15");
    assert_null(virSecretDefineXML(conn, "<secret/>", 0));
    err = virGetLastError();
    assert_non_null(err);
    assert_int_equal(err->code, VIR_ERR_OPERATION_DENIED);
    assert_string_equal(err->message,
                        "operation forbidden: read only access prevents virSecretDefineXML");
    /* the failure was copied to the connection as well */
    assert_int_equal(virConnGetLastError(conn)->code, VIR_ERR_OPERATION_DENIED);
    virConnectClose(conn);
    fake_daemon_stop(d);
}

static void
test_socket_param_and_name(void **state)
{
    g_autofree char *path = g_build_filename(test_root, "elsewhere", "custom.sock", NULL);
    g_autofree char *uri = g_strdup_printf("qemu+unix:///system?socket=%s&mode=direct&foo=bar",
                                           path);
    FakeDaemon *d = fake_daemon_start(path, "", 1);
    virConnectPtr conn = virConnectOpen(uri);
    g_autofree char *got = NULL;

    assert_non_null(conn);
    /* transport and client-side parameters are not sent */
    assert_log(d, "66 1:qemu:///system?foo=bar:0 60:14 60:15");
    got = virConnectGetURI(conn);
    assert_string_equal(got, uri);
    virConnectClose(conn);
    fake_daemon_stop(d);
}

static void
test_legacy_socket(void **state)
{
    FakeDaemon *d = start_fake("libvirt-sock", "qemu:///system", 1);
    virConnectPtr conn = virConnectOpen("qemu:///system");

    assert_non_null(conn);
    assert_log(d, "66 1:qemu:///system:0 60:14 60:15");
    virConnectClose(conn);
    fake_daemon_stop(d);
}

static void
test_no_daemon(void **state)
{
    g_autofree char *path = sock_path("virtqemud-sock");
    g_autofree char *want = g_strdup_printf("Failed to connect socket to '%s'", path);
    gint64 start = g_get_monotonic_time();
    virConnectPtr conn = virConnectOpen("qemu:///system");
    virErrorPtr err = virGetLastError();

    assert_null(conn);
    assert_true(g_get_monotonic_time() - start < G_USEC_PER_SEC);
    assert_non_null(err);
    assert_int_equal(err->code, VIR_ERR_SYSTEM_ERROR);
    assert_non_null(strstr(err->message, want));
}

static void
test_bad_mode(void **state)
{
    assert_null(virConnectOpen("qemu:///system?mode=sideways"));
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_INVALID_ARG);
    assert_int_equal(virGetLastErrorDomain(), VIR_FROM_REMOTE);
    assert_string_equal(virGetLastErrorMessage(), "invalid argument: Unknown remote mode 'sideways'");
}

static void
test_route_secret(void **state)
{
    FakeDaemon *q = start_fake("virtqemud-sock", "qemu:///system", 1);
    FakeDaemon *s = start_fake("virtsecretd-sock", "secret:///system", 2);
    g_autofree char *qpath = sock_path("virtqemud-sock");
    g_autofree char *pinned = g_strdup_printf("qemu:///system?socket=%s", qpath);
    virConnectPtr conn;

    /* secret calls go to virtsecretd, opened on first use */
    conn = virConnectOpen("qemu:///system");
    assert_non_null(conn);
    assert_log(s, "");
    assert_int_equal(virConnectNumOfSecrets(conn), 2);
    assert_int_equal(virConnectNumOfSecrets(conn), 2);
    assert_log(s, "66 1:secret:///system:0 60:14 60:15 139 139");
    assert_log(q, "66 1:qemu:///system:0 60:14 60:15");
    virConnectClose(conn);
    assert_log(s, "66 1:secret:///system:0 60:14 60:15 139 139 2");

    /* ?socket= pins everything to that socket */
    fake_daemon_clear_log(s);
    conn = virConnectOpen(pinned);
    assert_int_equal(virConnectNumOfSecrets(conn), 1);
    assert_log(s, "");
    virConnectClose(conn);

    /* a secret:// primary serves secrets itself */
    fake_daemon_clear_log(q);
    conn = virConnectOpen("secret:///system");
    assert_int_equal(virConnectNumOfSecrets(conn), 2);
    assert_log(s, "66 1:secret:///system:0 60:14 60:15 139");
    assert_log(q, "");
    virConnectClose(conn);

    /* no virtsecretd: the hypervisor daemon gets the call (it forwards) */
    fake_daemon_stop(s);
    conn = virConnectOpen("qemu:///system");
    assert_int_equal(virConnectNumOfSecrets(conn), 1);
    virConnectClose(conn);
    fake_daemon_stop(q);
}

static void
test_probe(void **state)
{
    FakeDaemon *d;
    virConnectPtr conn;
    g_autofree char *uri = NULL;

    if (!paths_privileged())
        skip();
    /* a hypervisor socket exists: its URI is used */
    d = start_fake("virtqemud-sock", "unused", 1);
    conn = virConnectOpen(NULL);
    assert_non_null(conn);
    assert_log(d, "66 1:qemu:///system:0 60:14 60:15");
    uri = virConnectGetURI(conn);
    assert_string_equal(uri, "qemu:///system");
    virConnectClose(conn);
    fake_daemon_stop(d);
    g_clear_pointer(&uri, g_free);

    /* only the proxy: empty name, then the daemon says which URI it chose */
    d = start_fake("libvirt-sock", "lxc:///system", 1);
    conn = virConnectOpen("");
    assert_non_null(conn);
    assert_log(d, "66 1::0 110 60:14 60:15");
    uri = virConnectGetURI(conn);
    assert_string_equal(uri, "lxc:///system");
    virConnectClose(conn);
    fake_daemon_stop(d);
}

static void
test_invalid_uris(void **state)
{
    assert_null(virConnectOpen("foo"));
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_NO_CONNECT);
    assert_string_equal(virGetLastErrorMessage(),
                        "no connection driver available for URI 'foo' does not include a driver name");
    assert_null(virConnectOpen("qemu://system"));
    assert_string_equal(virGetLastErrorMessage(),
                        "internal error: invalid URI qemu://system (maybe you want qemu:///system)");
    assert_null(virConnectOpen("qemu:///sys tem"));
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_INTERNAL_ERROR);
    assert_null(virConnectOpen("qemu+bogus:///system"));
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_INVALID_ARG);
}

typedef struct {
    GMutex lock;
    GCond cond;
    int reason;
    int calls;
    int freed;
} CloseState;

static void
close_cb(virConnectPtr conn, int reason, void *opaque)
{
    CloseState *cs = opaque;

    g_mutex_lock(&cs->lock);
    cs->reason = reason;
    cs->calls++;
    g_cond_signal(&cs->cond);
    g_mutex_unlock(&cs->lock);
}

static void
close_free(void *opaque)
{
    CloseState *cs = opaque;

    g_mutex_lock(&cs->lock);
    cs->freed++;
    g_cond_signal(&cs->cond);
    g_mutex_unlock(&cs->lock);
}

static void
test_close_callback(void **state)
{
    FakeDaemon *d = start_fake("virtqemud-sock", "qemu:///system", 1);
    virConnectPtr conn = virConnectOpen("qemu:///system");
    CloseState cs = { .reason = -1 };
    gint64 deadline = g_get_monotonic_time() + 2 * G_USEC_PER_SEC;

    g_mutex_init(&cs.lock);
    g_cond_init(&cs.cond);
    assert_non_null(conn);
    assert_int_equal(virConnectRegisterCloseCallback(conn, close_cb, &cs, close_free), 0);
    assert_int_equal(virConnectRegisterCloseCallback(conn, close_cb, &cs, NULL), -1);
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_OPERATION_INVALID);
    assert_log(d, "66 1:qemu:///system:0 60:14 60:15 360");

    fake_daemon_kick(d);
    g_mutex_lock(&cs.lock);
    /* the free function runs right after the callback, on the RPC thread */
    while (cs.freed == 0 && g_cond_wait_until(&cs.cond, &cs.lock, deadline))
        ;
    g_mutex_unlock(&cs.lock);
    assert_int_equal(cs.calls, 1);
    assert_int_equal(cs.reason, VIR_CONNECT_CLOSE_REASON_EOF);
    assert_int_equal(cs.freed, 1);
    assert_int_equal(virConnectIsAlive(conn), 0);
    /* 1 when the callback's own reference is not dropped yet: the RPC
     * thread then releases the connection */
    assert_true(virConnectClose(conn) >= 0);
    fake_daemon_stop(d);
    g_mutex_clear(&cs.lock);
    g_cond_clear(&cs.cond);
}

static void
test_events_need_loop(void **state)
{
    FakeDaemon *d = start_fake("virtqemud-sock", "qemu:///system", 1);
    virConnectPtr conn = virConnectOpen("qemu:///system");

    assert_int_equal(virConnectSecretEventRegisterAny(conn, NULL, VIR_SECRET_EVENT_ID_LIFECYCLE,
                                                      (virConnectSecretEventGenericCallback) close_cb,
                                                      NULL, NULL), -1);
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_INTERNAL_ERROR);
    assert_int_equal(virConnectSetKeepAlive(conn, 5, 3), -1);
    virConnectClose(conn);
    fake_daemon_stop(d);
}

/* ---- with the default event loop registered ---- */

static void
test_handshake_with_loop(void **state)
{
    FakeDaemon *d = start_fake("virtqemud-sock", "qemu:///system", 1);
    virConnectPtr conn;

    assert_int_equal(virEventRegisterDefaultImpl(), 0);
    conn = virConnectOpen("qemu:///system");
    assert_non_null(conn);
    assert_log(d, "66 60:10 1:qemu:///system:0 60:14 60:15");
    assert_int_equal(virConnectSetKeepAlive(conn, 5, 3), 0);
    virConnectClose(conn);
    fake_daemon_stop(d);
}

typedef struct {
    int calls;
    char uuid[VIR_UUID_STRING_BUFLEN];
    char *usage;
    int event;
    int freed;
} EventSeen;

static void
secret_lifecycle_cb(virConnectPtr conn, virSecretPtr secret, int event, int detail,
                    void *opaque)
{
    EventSeen *seen = opaque;

    seen->calls++;
    virSecretGetUUIDString(secret, seen->uuid);
    g_free(seen->usage);
    seen->usage = g_strdup(virSecretGetUsageID(secret));
    seen->event = event;
}

static void
event_seen_free(void *opaque)
{
    ((EventSeen *) opaque)->freed++;
}

static void
tick(int timer, void *opaque)
{
}

static void
run_loop_until(const int *flag, int want)
{
    int timer = virEventAddTimeout(20, tick, NULL, NULL);

    for (int i = 0; i < 200 && *flag < want; i++)
        assert_int_equal(virEventRunDefaultImpl(), 0);
    virEventRemoveTimeout(timer);
}

static void
test_secret_events(void **state)
{
    FakeDaemon *q = start_fake("virtqemud-sock", "qemu:///system", 1);
    FakeDaemon *s = start_fake("virtsecretd-sock", "secret:///system", 2);
    virConnectPtr conn = virConnectOpen("qemu:///system");
    EventSeen a = { 0 };
    EventSeen b = { 0 };
    int id1;
    int id2;

    assert_non_null(conn);
    id1 = virConnectSecretEventRegisterAny(conn, NULL, VIR_SECRET_EVENT_ID_LIFECYCLE,
                                           VIR_SECRET_EVENT_CALLBACK(secret_lifecycle_cb),
                                           &a, event_seen_free);
    assert_true(id1 >= 0);
    assert_log(s, "66 60:10 1:secret:///system:0 60:14 60:15 380:0");
    run_loop_until(&a.calls, 1);
    assert_int_equal(a.calls, 1);
    assert_string_equal(a.uuid, "11111111-1111-1111-1111-111111111111");
    assert_string_equal(a.usage, "fake-usage");
    assert_int_equal(a.event, VIR_SECRET_EVENT_DEFINED);

    /* a second callback for the same event is not registered again */
    id2 = virConnectSecretEventRegisterAny(conn, NULL, VIR_SECRET_EVENT_ID_LIFECYCLE,
                                           VIR_SECRET_EVENT_CALLBACK(secret_lifecycle_cb),
                                           &b, event_seen_free);
    assert_true(id2 > id1);
    assert_log(s, "66 60:10 1:secret:///system:0 60:14 60:15 380:0");

    assert_int_equal(virConnectSecretEventDeregisterAny(conn, id1), 0);
    assert_int_equal(a.freed, 1);
    assert_log(s, "66 60:10 1:secret:///system:0 60:14 60:15 380:0");
    assert_int_equal(virConnectSecretEventDeregisterAny(conn, id2), 0);
    assert_int_equal(b.freed, 1);
    assert_log(s, "66 60:10 1:secret:///system:0 60:14 60:15 380:0 381:40");
    assert_int_equal(virConnectSecretEventDeregisterAny(conn, id2), -1);
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_RPC);

    assert_int_equal(virConnectClose(conn), 0);
    fake_daemon_stop(s);
    fake_daemon_stop(q);
    g_free(a.usage);
    g_free(b.usage);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_handshake_without_loop),
        cmocka_unit_test(test_readonly_socket),
        cmocka_unit_test(test_socket_param_and_name),
        cmocka_unit_test(test_legacy_socket),
        cmocka_unit_test(test_no_daemon),
        cmocka_unit_test(test_bad_mode),
        cmocka_unit_test(test_route_secret),
        cmocka_unit_test(test_probe),
        cmocka_unit_test(test_invalid_uris),
        cmocka_unit_test(test_close_callback),
        cmocka_unit_test(test_events_need_loop),
        cmocka_unit_test(test_handshake_with_loop),
        cmocka_unit_test(test_secret_events),
    };

    return cmocka_run_group_tests_name("api-remote", tests, group_setup, group_teardown);
}
