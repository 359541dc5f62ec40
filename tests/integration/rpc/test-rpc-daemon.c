/* tests/integration/rpc/test-rpc-daemon.c: drives the tests-only daemon
 * (testd) through RpcClient in a private MODVIRT_ROOT: handshake, core
 * procedures, concurrent calls on one connection, inline calls overtaking
 * slow ones, full remote_error propagation, read-only denial, class
 * gating, events with callback ids, admin program, client streams. */
#include "config.h"

#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <cmocka.h>

#include "common/daemon/daemonconf.h"
#include "common/daemon/sockets.h"
#include "common/rpc/client.h"
#include "common/util/err.h"
#include "common/util/paths.h"
#include "protocol/admin_protocol.h"
#include "protocol/remote_protocol.h"

typedef struct {
    char *root;
    GPid pid;
    char *rw, *ro, *admin;
} Fixture;

static Fixture fx;

static int
wait_for_socket(const char *path)
{
    for (int i = 0; i < 500; i++) {
        if (access(path, F_OK) == 0)
            return 0;
        g_usleep(10000);
    }
    return -1;
}

static int
group_setup(void **state)
{
    g_autoptr(GError) gerr = NULL;
    g_autofree char *conf = NULL;
    g_autofree char *confpath = NULL;
    DaemonConfig cfg;
    const char *testd = g_getenv("TESTD");
    char *argv[] = { (char *) testd, (char *) "-f", NULL, NULL };

    fx.root = g_dir_make_tmp("rpcd-XXXXXX", &gerr);
    if (!fx.root || !testd)
        return -1;
    g_setenv("MODVIRT_ROOT", fx.root, TRUE);
    paths_reset();
    confpath = g_build_filename(fx.root, "testd.conf", NULL);
    conf = g_strdup("max_workers = 8\nprio_workers = 2\nmax_client_requests = 10\n"
                    "keepalive_interval = 1\nkeepalive_count = 3\n");
    g_file_set_contents(confpath, conf, -1, NULL);
    argv[2] = confpath;
    daemon_config_init(&cfg);
    daemon_socket_paths("virtrpctestd", paths_privileged(), &cfg, &fx.rw, &fx.ro, &fx.admin);
    daemon_config_clear(&cfg);
    if (!g_spawn_async(NULL, argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &fx.pid, &gerr))
        return -1;
    return wait_for_socket(fx.rw);
}

static int
group_teardown(void **state)
{
    int status = 0;

    kill(fx.pid, SIGTERM);
    waitpid(fx.pid, &status, 0);
    g_autofree char *cmd = g_strdup_printf("rm -rf '%s'", fx.root);
    if (system(cmd) != 0)
        return -1;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

static RpcClient *
open_client(const char *path, bool do_open)
{
    RpcClient *c = rpc_client_open_unix(path, 1000);
    remote_connect_open_args oa = { 0 };
    char *name = (char *) "rpctest:///system";
    remote_auth_list_ret al = { 0 };

    assert_non_null(c);
    assert_int_equal(rpc_client_call(c, &remote_program, REMOTE_PROC_AUTH_LIST, NULL, &al), 0);
    assert_int_equal(al.types.types_len, 1);
    assert_int_equal(al.types.types_val[0], 0);
    xdr_free((xdrproc_t) xdr_remote_auth_list_ret, &al);
    if (do_open) {
        if (!paths_privileged())
            name = (char *) "rpctest:///session";
        oa.name = &name;
        assert_int_equal(rpc_client_call(c, &remote_program, REMOTE_PROC_CONNECT_OPEN,
                                         &oa, NULL), 0);
    }
    return c;
}

static void
test_handshake(void **state)
{
    g_autoptr(RpcClient) c = open_client(fx.rw, false);
    remote_connect_supports_feature_args fa = { .feature = 10 };
    remote_connect_supports_feature_ret fr = { 0 };
    remote_connect_get_uri_ret ur = { 0 };
    remote_connect_get_lib_version_ret lv = { 0 };
    remote_connect_get_hostname_ret hr = { 0 };
    remote_connect_is_secure_ret sr = { 0 };
    remote_connect_open_args oa = { 0 };
    char *bad = (char *) "qemu:///system";
    char *empty = (char *) "";

    /* before open: features 10 only, everything else refused */
    assert_int_equal(rpc_client_call(c, &remote_program, REMOTE_PROC_CONNECT_SUPPORTS_FEATURE,
                                     &fa, &fr), 0);
    assert_int_equal(fr.supported, 1);
    assert_int_equal(rpc_client_call(c, &remote_program, REMOTE_PROC_CONNECT_GET_HOSTNAME,
                                     NULL, &hr), -1);
    assert_string_equal(err_last_message(), "internal error: connection not open");

    oa.name = &bad;
    assert_int_equal(rpc_client_call(c, &remote_program, REMOTE_PROC_CONNECT_OPEN, &oa, NULL), -1);
    assert_int_equal(err_last_code(), VIR_ERR_NO_CONNECT);
    oa.name = &empty;
    assert_int_equal(rpc_client_call(c, &remote_program, REMOTE_PROC_CONNECT_OPEN, &oa, NULL), 0);
    assert_int_equal(rpc_client_call(c, &remote_program, REMOTE_PROC_CONNECT_OPEN, &oa, NULL), -1);

    assert_int_equal(rpc_client_call(c, &remote_program, REMOTE_PROC_CONNECT_GET_URI, NULL, &ur), 0);
    assert_string_equal(ur.uri, paths_privileged() ? "rpctest:///system" : "rpctest:///session");
    xdr_free((xdrproc_t) xdr_remote_connect_get_uri_ret, &ur);
    assert_int_equal(rpc_client_call(c, &remote_program, REMOTE_PROC_CONNECT_GET_LIB_VERSION,
                                     NULL, &lv), 0);
    assert_int_equal(lv.lib_ver, 9000000);
    assert_int_equal(rpc_client_call(c, &remote_program, REMOTE_PROC_CONNECT_GET_HOSTNAME,
                                     NULL, &hr), 0);
    assert_true(strlen(hr.hostname) > 0);
    xdr_free((xdrproc_t) xdr_remote_connect_get_hostname_ret, &hr);
    assert_int_equal(rpc_client_call(c, &remote_program, REMOTE_PROC_CONNECT_IS_SECURE,
                                     NULL, &sr), 0);
    assert_int_equal(sr.secure, 1);
    fa.feature = 14;
    assert_int_equal(rpc_client_call(c, &remote_program, REMOTE_PROC_CONNECT_SUPPORTS_FEATURE,
                                     &fa, &fr), 0);
    assert_int_equal(fr.supported, 1);
    assert_int_equal(rpc_client_call(c, &remote_program, REMOTE_PROC_CONNECT_REGISTER_CLOSE_CALLBACK,
                                     NULL, NULL), 0);
    assert_int_equal(rpc_client_call(c, &remote_program, REMOTE_PROC_CONNECT_CLOSE, NULL, NULL), 0);
}

typedef struct {
    RpcClient *c;
    unsigned int ms;
    int64_t elapsed;
    int rc;
} SlowCall;

static gpointer
slow_call_thread(gpointer data)
{
    SlowCall *s = data;
    remote_secret_get_xml_desc_args a = { .flags = s->ms };
    remote_secret_get_xml_desc_ret r = { 0 };
    int64_t t0 = g_get_monotonic_time();

    a.secret.usageID = (char *) "slow";
    s->rc = rpc_client_call(s->c, &remote_program, REMOTE_PROC_SECRET_GET_XML_DESC, &a, &r);
    s->elapsed = g_get_monotonic_time() - t0;
    xdr_free((xdrproc_t) xdr_remote_secret_get_xml_desc_ret, &r);
    return NULL;
}

static void
test_concurrent_calls(void **state)
{
    g_autoptr(RpcClient) c = open_client(fx.rw, true);
    SlowCall calls[4];
    GThread *threads[4];
    remote_secret_lookup_by_uuid_args la = { 0 };
    remote_secret_lookup_by_uuid_ret lr = { 0 };
    int64_t t0 = g_get_monotonic_time(), fast;

    for (int i = 0; i < 4; i++) {
        calls[i] = (SlowCall) { .c = c, .ms = 400 };
        threads[i] = g_thread_new("slow", slow_call_thread, &calls[i]);
    }
    g_usleep(100000);
    /* an inline call overtakes the four sleeping workers */
    fast = g_get_monotonic_time();
    assert_int_equal(rpc_client_call(c, &remote_program, REMOTE_PROC_SECRET_LOOKUP_BY_UUID,
                                     &la, &lr), 0);
    fast = g_get_monotonic_time() - fast;
    assert_string_equal(lr.secret.usageID, "inline");
    xdr_free((xdrproc_t) xdr_remote_secret_lookup_by_uuid_ret, &lr);
    for (int i = 0; i < 4; i++) {
        g_thread_join(threads[i]);
        assert_int_equal(calls[i].rc, 0);
    }
    assert_true(fast < 200000);
    /* four 400 ms calls in well under 4 x 400 ms: they ran in parallel */
    assert_true(g_get_monotonic_time() - t0 < 1200000);
}

static void
test_error_propagation(void **state)
{
    g_autoptr(RpcClient) c = open_client(fx.rw, true);
    remote_secret_get_xml_desc_args a = { .flags = 0xdead };
    remote_secret_get_xml_desc_ret r = { 0 };
    virError *e;

    a.secret.usageID = (char *) "x";
    assert_int_equal(rpc_client_call(c, &remote_program, REMOTE_PROC_SECRET_GET_XML_DESC,
                                     &a, &r), -1);
    e = err_get_last();
    assert_non_null(e);
    assert_int_equal(e->code, VIR_ERR_NO_SECRET);
    assert_int_equal(e->domain, VIR_FROM_SECRET);
    assert_int_equal(e->level, VIR_ERR_ERROR);
    assert_string_equal(e->message, "Secret not found: testd says no");
    assert_string_equal(e->str1, "Secret not found: %s");
    assert_string_equal(e->str2, "testd says no");
    assert_string_equal(e->str3, "three");
    assert_int_equal(e->int1, 11);
    assert_int_equal(e->int2, 22);

    /* a procedure of another driver class */
    assert_int_equal(rpc_client_call(c, &remote_program, REMOTE_PROC_CONNECT_LIST_ALL_DOMAINS,
                                     &(remote_connect_list_all_domains_args) { 0 },
                                     &(remote_connect_list_all_domains_ret) { 0 }), -1);
    assert_int_equal(err_last_code(), VIR_ERR_NO_SUPPORT);
    assert_string_equal(err_last_message(),
                        "this function is not supported by the connection driver: "
                        "virConnectListAllDomains");
    /* our class, but no handler */
    assert_int_equal(rpc_client_call(c, &remote_program, REMOTE_PROC_SECRET_UNDEFINE,
                                     &(remote_secret_undefine_args) {
                                         .secret.usageID = (char *) "u" }, NULL), -1);
    assert_int_equal(err_last_code(), VIR_ERR_NO_SUPPORT);
    /* unknown procedure / program */
    assert_int_equal(rpc_client_call_raw(c, RPC_PROG_REMOTE, 1, 9999, NULL, NULL, NULL, NULL,
                                         NULL, 0, NULL, NULL), -1);
    assert_string_equal(err_last_message(), "unknown procedure: 9999");
    assert_int_equal(rpc_client_call_raw(c, 0x1234, 1, 1, NULL, NULL, NULL, NULL,
                                         NULL, 0, NULL, NULL), -1);
    assert_int_equal(err_last_code(), VIR_ERR_RPC);
    assert_string_equal(err_last_message(), "Cannot find program 4660 version 1");
}

static void
test_readonly(void **state)
{
    g_autoptr(RpcClient) c = NULL;
    remote_secret_set_value_args sa = { 0 };
    remote_connect_get_hostname_ret hr = { 0 };

    if (!fx.ro) {
        skip();
        return;
    }
    c = open_client(fx.ro, true);
    sa.secret.usageID = (char *) "x";
    assert_int_equal(rpc_client_call(c, &remote_program, REMOTE_PROC_SECRET_SET_VALUE,
                                     &sa, NULL), -1);
    assert_int_equal(err_last_code(), VIR_ERR_OPERATION_DENIED);
    assert_string_equal(err_last_message(),
                        "operation forbidden: read only access prevents virSecretSetValue");
    assert_int_equal(rpc_client_call(c, &remote_program, REMOTE_PROC_CONNECT_GET_HOSTNAME,
                                     NULL, &hr), 0);
    xdr_free((xdrproc_t) xdr_remote_connect_get_hostname_ret, &hr);
}

typedef struct {
    GMutex lock;
    GCond cond;
    int count;
    int last_cb;
    char usage[64];
} EventSink;

static void
on_event(RpcClient *client, const ProgramInfo *prog, int proc, void *msg, void *opaque)
{
    EventSink *s = opaque;
    remote_secret_event_value_changed_msg *m = msg;

    if (proc != REMOTE_PROC_SECRET_EVENT_VALUE_CHANGED)
        return;
    g_mutex_lock(&s->lock);
    s->count++;
    s->last_cb = m->callbackID;
    g_strlcpy(s->usage, m->secret.usageID, sizeof(s->usage));
    g_cond_broadcast(&s->cond);
    g_mutex_unlock(&s->lock);
}

static void
test_events(void **state)
{
    static const ProgramInfo *const progs[] = { &remote_program, NULL };
    g_autoptr(RpcClient) listener = open_client(fx.rw, true);
    g_autoptr(RpcClient) actor = open_client(fx.rw, true);
    EventSink sink = { 0 };
    remote_connect_secret_event_register_any_args ra = { .eventID = 1 };
    remote_connect_secret_event_register_any_ret rr = { 0 }, rr2 = { 0 };
    remote_nonnull_secret other = { .usageID = (char *) "other" };
    remote_secret_set_value_args sa = { 0 };
    remote_connect_secret_event_deregister_any_args da = { 0 };
    int64_t deadline;

    g_mutex_init(&sink.lock);
    g_cond_init(&sink.cond);
    rpc_client_set_event_callback(listener, progs, on_event, &sink);
    assert_int_equal(rpc_client_call(listener, &remote_program,
                                     REMOTE_PROC_CONNECT_SECRET_EVENT_REGISTER_ANY, &ra, &rr), 0);
    memset(other.uuid, 0x77, sizeof(other.uuid));
    ra.secret = &other;     /* filtered on a uuid nobody changes */
    assert_int_equal(rpc_client_call(listener, &remote_program,
                                     REMOTE_PROC_CONNECT_SECRET_EVENT_REGISTER_ANY, &ra, &rr2), 0);
    assert_int_equal(rr2.callbackID, rr.callbackID + 1);

    memset(sa.secret.uuid, 0x11, sizeof(sa.secret.uuid));
    sa.secret.usageID = (char *) "changed";
    assert_int_equal(rpc_client_call(actor, &remote_program, REMOTE_PROC_SECRET_SET_VALUE,
                                     &sa, NULL), 0);
    deadline = g_get_monotonic_time() + 2 * G_USEC_PER_SEC;
    g_mutex_lock(&sink.lock);
    while (sink.count == 0 && g_cond_wait_until(&sink.cond, &sink.lock, deadline))
        ;
    g_mutex_unlock(&sink.lock);
    assert_int_equal(sink.count, 1);
    assert_int_equal(sink.last_cb, rr.callbackID);
    assert_string_equal(sink.usage, "changed");

    da.callbackID = rr.callbackID;
    assert_int_equal(rpc_client_call(listener, &remote_program,
                                     REMOTE_PROC_CONNECT_SECRET_EVENT_DEREGISTER_ANY, &da, NULL), 0);
    assert_int_equal(rpc_client_call(listener, &remote_program,
                                     REMOTE_PROC_CONNECT_SECRET_EVENT_DEREGISTER_ANY, &da, NULL), -1);
    rpc_client_set_event_callback(listener, NULL, NULL, NULL);
}

static void
test_admin(void **state)
{
    g_autoptr(RpcClient) c = NULL;
    admin_connect_open_args oa = { 0 };
    admin_connect_list_servers_args la = { .need_results = 1 };
    admin_connect_list_servers_ret lr = { 0 };
    admin_connect_get_lib_version_ret vr = { 0 };

    if (!fx.admin) {
        skip();
        return;
    }
    c = rpc_client_open_unix(fx.admin, 1000);
    assert_non_null(c);
    assert_int_equal(rpc_client_call(c, &admin_program, ADMIN_PROC_CONNECT_OPEN, &oa, NULL), 0);
    assert_int_equal(rpc_client_call(c, &admin_program, ADMIN_PROC_CONNECT_LIST_SERVERS,
                                     &la, &lr), 0);
    assert_int_equal(lr.ret, 2);
    assert_string_equal(lr.servers.servers_val[0].name, "admin");
    assert_string_equal(lr.servers.servers_val[1].name, "virtrpctestd");
    xdr_free((xdrproc_t) xdr_admin_connect_list_servers_ret, &lr);
    assert_int_equal(rpc_client_call(c, &admin_program, ADMIN_PROC_CONNECT_GET_LIB_VERSION,
                                     NULL, &vr), 0);
    assert_int_equal(vr.libVer, 9000000);
    assert_int_equal(rpc_client_call(c, &admin_program, ADMIN_PROC_CONNECT_CLOSE, NULL, NULL), 0);
}

static void
test_keepalive_client(void **state)
{
    g_autoptr(RpcClient) c = open_client(fx.rw, true);
    remote_connect_supports_feature_args fa = { .feature = 10 };
    remote_connect_supports_feature_ret fr = { 0 };

    /* server pings every second; our I/O thread answers; we ping too */
    assert_int_equal(rpc_client_call(c, &remote_program, REMOTE_PROC_CONNECT_SUPPORTS_FEATURE,
                                     &fa, &fr), 0);
    rpc_client_set_keepalive(c, 1, 2);
    g_usleep(4500000);
    assert_true(rpc_client_is_open(c));
}

typedef struct {
    RpcClient *c;
    int n;
    int failures;
} StressJob;

static gpointer
stress_thread(gpointer data)
{
    StressJob *j = data;

    for (int i = 0; i < j->n; i++) {
        remote_secret_get_xml_desc_args a = { .flags = 0 };
        remote_secret_get_xml_desc_ret r = { 0 };

        a.secret.usageID = (char *) "s";
        if (rpc_client_call(j->c, &remote_program, REMOTE_PROC_SECRET_GET_XML_DESC, &a, &r) < 0)
            j->failures++;
        xdr_free((xdrproc_t) xdr_remote_secret_get_xml_desc_ret, &r);
    }
    return NULL;
}

/* More threads than max_client_requests on one connection: the daemon
 * keeps pausing and resuming the reader; no call may get lost. */
static void
test_request_limit_stress(void **state)
{
    g_autoptr(GError) gerr = NULL;
    g_autofree char *root = g_dir_make_tmp("rpcd2-XXXXXX", &gerr);
    g_autofree char *confpath = g_build_filename(root, "t.conf", NULL);
    g_autofree char *sock = NULL;
    g_autofree char *env_root = g_strdup_printf("MODVIRT_ROOT=%s", root);
    g_autofree char *cmd = g_strdup_printf("rm -rf '%s'", root);
    char *argv[] = { (char *) g_getenv("TESTD"), (char *) "-f", confpath, NULL };
    char *envp[] = { env_root, NULL };
    g_autoptr(RpcClient) c = NULL;
    StressJob jobs[4];
    GThread *threads[4];
    GPid pid;
    int status;

    if (paths_privileged())
        sock = g_build_filename(root, "run", "libvirt", "virtrpctestd-sock", NULL);
    else
        sock = g_strdup_printf("%s/user/%u/run/libvirt/virtrpctestd-sock", root,
                               (unsigned) geteuid());
    g_file_set_contents(confpath, "max_client_requests = 2\nmin_workers = 1\n"
                        "max_workers = 3\nprio_workers = 1\n", -1, NULL);
    assert_true(g_spawn_async(NULL, argv, envp, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                              &pid, &gerr));
    assert_int_equal(wait_for_socket(sock), 0);
    c = open_client(sock, true);
    for (int i = 0; i < 4; i++) {
        jobs[i] = (StressJob) { .c = c, .n = 3000 };
        threads[i] = g_thread_new("stress", stress_thread, &jobs[i]);
    }
    for (int i = 0; i < 4; i++) {
        g_thread_join(threads[i]);
        assert_int_equal(jobs[i].failures, 0);
    }
    g_clear_pointer(&c, rpc_client_unref);
    kill(pid, SIGTERM);
    waitpid(pid, &status, 0);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    assert_int_equal(system(cmd), 0);
}

static char *
root_socket(const char *root, const char *name)
{
    if (paths_privileged())
        return g_strdup_printf("%s/run/libvirt/%s-sock", root, name);
    return g_strdup_printf("%s/user/%u/run/libvirt/%s-sock", root, (unsigned) geteuid(), name);
}

static GPid
spawn_as(const char *root, const char *as)
{
    g_autofree char *env_root = g_strdup_printf("MODVIRT_ROOT=%s", root);
    g_autofree char *env_as = g_strdup_printf("TESTD_AS=%s", as);
    char *argv[] = { (char *) g_getenv("TESTD"), NULL };
    char *envp[] = { env_root, env_as, NULL };
    GPid pid = 0;

    assert_true(g_spawn_async(NULL, argv, envp, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                              &pid, NULL));
    return pid;
}

static void
stop_pid(GPid pid)
{
    int status;

    kill(pid, SIGTERM);
    waitpid(pid, &status, 0);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/* A secret call sent to "virtnetworkd" is relayed to "virtsecretd":
 * replies, full errors, event registration and events all cross. */
static void
test_forwarding(void **state)
{
    static const ProgramInfo *const progs[] = { &remote_program, NULL };
    g_autofree char *root = g_dir_make_tmp("rpcfwd-XXXXXX", NULL);
    g_autofree char *netsock = root_socket(root, "virtnetworkd");
    g_autofree char *secsock = root_socket(root, "virtsecretd");
    g_autofree char *cmd = g_strdup_printf("rm -rf '%s'", root);
    GPid sec = spawn_as(root, "secret");
    GPid net = spawn_as(root, "network");
    g_autoptr(RpcClient) c = NULL;
    char *uri = (char *) (paths_privileged() ? "network:///system" : "network:///session");
    remote_connect_open_args oa = { .name = &uri };
    remote_secret_get_xml_desc_args xa = { .flags = 0 };
    remote_secret_get_xml_desc_ret xr = { 0 };
    remote_connect_secret_event_register_any_args ra = { .eventID = 1 };
    remote_connect_secret_event_register_any_ret rr = { 0 };
    remote_secret_set_value_args sa = { 0 };
    remote_node_device_lookup_by_name_args na = { .name = (char *) "x" };
    remote_node_device_lookup_by_name_ret nr = { 0 };
    EventSink sink = { 0 };
    int64_t deadline;

    assert_int_equal(wait_for_socket(secsock), 0);
    assert_int_equal(wait_for_socket(netsock), 0);
    c = rpc_client_open_unix(netsock, 1000);
    assert_non_null(c);
    assert_int_equal(rpc_client_call(c, &remote_program, REMOTE_PROC_CONNECT_OPEN, &oa, NULL), 0);

    xa.secret.usageID = (char *) "relayed";
    assert_int_equal(rpc_client_call(c, &remote_program, REMOTE_PROC_SECRET_GET_XML_DESC,
                                     &xa, &xr), 0);
    assert_string_equal(xr.xml, "<secret><usage>relayed</usage></secret>");
    xdr_free((xdrproc_t) xdr_remote_secret_get_xml_desc_ret, &xr);

    xa.flags = 0xdead;
    assert_int_equal(rpc_client_call(c, &remote_program, REMOTE_PROC_SECRET_GET_XML_DESC,
                                     &xa, &xr), -1);
    assert_int_equal(err_last_code(), VIR_ERR_NO_SECRET);
    assert_string_equal(err_get_last()->str3, "three");

    g_mutex_init(&sink.lock);
    g_cond_init(&sink.cond);
    rpc_client_set_event_callback(c, progs, on_event, &sink);
    assert_int_equal(rpc_client_call(c, &remote_program,
                                     REMOTE_PROC_CONNECT_SECRET_EVENT_REGISTER_ANY, &ra, &rr), 0);
    memset(sa.secret.uuid, 0x22, sizeof(sa.secret.uuid));
    sa.secret.usageID = (char *) "fwd-event";
    assert_int_equal(rpc_client_call(c, &remote_program, REMOTE_PROC_SECRET_SET_VALUE,
                                     &sa, NULL), 0);
    deadline = g_get_monotonic_time() + 2 * G_USEC_PER_SEC;
    g_mutex_lock(&sink.lock);
    while (sink.count == 0 && g_cond_wait_until(&sink.cond, &sink.lock, deadline))
        ;
    g_mutex_unlock(&sink.lock);
    assert_int_equal(sink.count, 1);
    assert_int_equal(sink.last_cb, rr.callbackID);
    assert_string_equal(sink.usage, "fwd-event");
    rpc_client_set_event_callback(c, NULL, NULL, NULL);

    /* no virtnodedevd running: a clear error naming its socket */
    assert_int_equal(rpc_client_call(c, &remote_program, REMOTE_PROC_NODE_DEVICE_LOOKUP_BY_NAME,
                                     &na, &nr), -1);
    assert_non_null(strstr(err_last_message(), "virtnodedevd-sock"));
    /* hypervisor calls have no owner to relay to */
    assert_int_equal(rpc_client_call(c, &remote_program, REMOTE_PROC_CONNECT_LIST_ALL_DOMAINS,
                                     &(remote_connect_list_all_domains_args) { 0 },
                                     &(remote_connect_list_all_domains_ret) { 0 }), -1);
    assert_int_equal(err_last_code(), VIR_ERR_NO_SUPPORT);

    g_clear_pointer(&c, rpc_client_unref);
    stop_pid(net);
    stop_pid(sec);
    assert_int_equal(system(cmd), 0);
}

/* Client streams (RpcClientStream) against the server's: testd as a
 * storage daemon sends a byte pattern (the middle third as a hole when
 * sparse) and checks what it is sent. */
static void
test_client_streams(void **state)
{
    g_autofree char *root = g_dir_make_tmp("rpcstream-XXXXXX", NULL);
    g_autofree char *sock = root_socket(root, "virtstoraged");
    g_autofree char *cmd = g_strdup_printf("rm -rf '%s'", root);
    GPid pid = spawn_as(root, "storage");
    g_autoptr(RpcClient) c = NULL;
    char *uri = (char *) (paths_privileged() ? "storage:///system" : "storage:///session");
    remote_connect_open_args oa = { .name = &uri };
    remote_storage_vol_download_args da = { .offset = 5, .length = 600000 };
    remote_storage_vol_upload_args ua = { .offset = 7, .length = 300000 };
    remote_connect_get_lib_version_ret lv = { 0 };
    RpcClientStream *st;
    g_autofree char *buf = g_malloc(700000);
    g_autofree char *pattern = g_malloc(300000);
    size_t got = 0;
    int64_t hole = 0, holes = 0;
    int n;

    da.vol.name = da.vol.pool = da.vol.key = (char *) "v";
    ua.vol = da.vol;
    assert_int_equal(wait_for_socket(sock), 0);
    c = rpc_client_open_unix(sock, 1000);
    assert_non_null(c);
    assert_int_equal(rpc_client_call(c, &remote_program, REMOTE_PROC_CONNECT_OPEN, &oa, NULL), 0);

    /* plain download: every byte, then end of data, then finish */
    st = rpc_client_stream_new(c, &remote_program, REMOTE_PROC_STORAGE_VOL_DOWNLOAD, false);
    assert_int_equal(rpc_client_call_stream(st, &da, NULL), 0);
    while ((n = rpc_client_stream_recv(st, buf + got, 700000 - got, false, false)) > 0)
        got += (size_t) n;
    assert_int_equal(n, 0);
    assert_int_equal(got, 600000);
    for (size_t i = 0; i < got; i++) {
        if ((uint8_t) buf[i] != (uint8_t) (5 + i))
            fail_msg("download byte %zu is wrong", i);
    }
    assert_int_equal(rpc_client_stream_finish(st), 0);
    rpc_client_stream_unref(st);

    /* sparse download: data, one hole of the middle third, data */
    da.flags = 1;
    got = 0;
    st = rpc_client_stream_new(c, &remote_program, REMOTE_PROC_STORAGE_VOL_DOWNLOAD, true);
    assert_int_equal(rpc_client_call_stream(st, &da, NULL), 0);
    for (;;) {
        n = rpc_client_stream_recv(st, buf, 700000, false, true);
        if (n == -3) {
            assert_int_equal(rpc_client_stream_recv_hole(st, &hole), 0);
            holes += hole;
            continue;
        }
        assert_true(n >= 0);
        if (n == 0)
            break;
        got += (size_t) n;
    }
    assert_int_equal(holes, 200000);
    assert_int_equal(got + (size_t) holes, 600000);
    assert_int_equal(rpc_client_stream_finish(st), 0);
    rpc_client_stream_unref(st);

    /* upload: the daemon checks the bytes and the length at finish */
    for (size_t i = 0; i < 300000; i++)
        pattern[i] = (char) (uint8_t) (7 + i);
    st = rpc_client_stream_new(c, &remote_program, REMOTE_PROC_STORAGE_VOL_UPLOAD, false);
    assert_int_equal(rpc_client_call_stream(st, &ua, NULL), 0);
    assert_int_equal(rpc_client_stream_send(st, pattern, 300000), 300000);
    assert_int_equal(rpc_client_stream_finish(st), 0);
    rpc_client_stream_unref(st);

    /* a short upload: the daemon's finish fails and says why */
    st = rpc_client_stream_new(c, &remote_program, REMOTE_PROC_STORAGE_VOL_UPLOAD, false);
    assert_int_equal(rpc_client_call_stream(st, &ua, NULL), 0);
    assert_int_equal(rpc_client_stream_send(st, pattern, 1000), 1000);
    err_reset_last();
    assert_int_equal(rpc_client_stream_finish(st), -1);
    assert_int_equal(err_last_code(), VIR_ERR_OPERATION_FAILED);
    assert_non_null(strstr(err_last_message(), "upload got 1000 bytes"));
    rpc_client_stream_unref(st);

    /* abort: the daemon confirms and the connection goes on */
    st = rpc_client_stream_new(c, &remote_program, REMOTE_PROC_STORAGE_VOL_UPLOAD, false);
    assert_int_equal(rpc_client_call_stream(st, &ua, NULL), 0);
    assert_int_equal(rpc_client_stream_send(st, pattern, 10), 10);
    assert_int_equal(rpc_client_stream_abort(st), 0);
    rpc_client_stream_unref(st);
    assert_int_equal(rpc_client_call(c, &remote_program, REMOTE_PROC_CONNECT_GET_LIB_VERSION,
                                     NULL, &lv), 0);
    assert_true(lv.lib_ver > 0);

    g_clear_pointer(&c, rpc_client_unref);
    stop_pid(pid);
    assert_int_equal(system(cmd), 0);
}

static void
test_connect_missing_socket(void **state)
{
    g_autofree char *path = g_build_filename(fx.root, "nope-sock", NULL);
    int64_t t0 = g_get_monotonic_time();

    assert_null(rpc_client_open_unix(path, 1000));
    assert_true(g_get_monotonic_time() - t0 < G_USEC_PER_SEC);
    assert_non_null(strstr(err_last_message(), path));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_handshake),
        cmocka_unit_test(test_concurrent_calls),
        cmocka_unit_test(test_error_propagation),
        cmocka_unit_test(test_readonly),
        cmocka_unit_test(test_events),
        cmocka_unit_test(test_admin),
        cmocka_unit_test(test_keepalive_client),
        cmocka_unit_test(test_request_limit_stress),
        cmocka_unit_test(test_forwarding),
        cmocka_unit_test(test_client_streams),
        cmocka_unit_test(test_connect_missing_socket),
    };

    return cmocka_run_group_tests_name("rpc-daemon", tests, group_setup, group_teardown);
}
