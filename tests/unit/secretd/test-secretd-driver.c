/* tests/unit/secretd/test-secretd-driver.c: virtsecretd's REMOTE handlers
 * called in-process. The daemon runtime is replaced by the few functions
 * the driver uses (context data, event emission), so this checks the wire
 * structs, libvirt's error codes/messages and the events without sockets. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <glib.h>
#include <libvirt/libvirt.h>

#include "common/util/err.h"
#include "common/util/paths.h"
#include "common/util/uuid.h"
#include "daemons/virtsecretd/driver.h"

/* ---- stand-ins for common/daemon ---- */

struct DaemonCtx {
    void *data;
};

typedef struct {
    int proc;
    int event_id;
    unsigned char key[VIR_UUID_BUFLEN];
    int usage_type;
    char *usage_id;
    int event;
} SeenEvent;

static struct DaemonCtx fake_ctx;
static GArray *events;

DaemonCtx *
daemon_call_ctx(RpcCall *call)
{
    return &fake_ctx;
}

void *
daemon_ctx_get_data(DaemonCtx *ctx)
{
    return ctx->data;
}

void
daemon_ctx_set_data(DaemonCtx *ctx, void *data)
{
    ctx->data = data;
}

int
daemon_emit_event(DaemonCtx *ctx, int proc, int event_id, const void *filter_key,
                  size_t key_len, void *msg)
{
    SeenEvent ev = { .proc = proc, .event_id = event_id, .event = -1 };
    const remote_nonnull_secret *sec;

    assert_int_equal(key_len, VIR_UUID_BUFLEN);
    memcpy(ev.key, filter_key, VIR_UUID_BUFLEN);
    if (proc == REMOTE_PROC_SECRET_EVENT_LIFECYCLE) {
        remote_secret_event_lifecycle_msg *m = msg;

        sec = &m->secret;
        ev.event = m->event;
        assert_int_equal(m->detail, 0);
    } else {
        remote_secret_event_value_changed_msg *m = msg;

        assert_int_equal(proc, REMOTE_PROC_SECRET_EVENT_VALUE_CHANGED);
        sec = &m->secret;
    }
    assert_memory_equal(sec->uuid, filter_key, VIR_UUID_BUFLEN);
    ev.usage_type = sec->usageType;
    ev.usage_id = g_strdup(sec->usageID);
    g_array_append_val(events, ev);
    return 1;
}

/* ---- helpers ---- */

#define U1 "aaaaaaaa-2222-3333-4444-555555555501"
#define U2 "aaaaaaaa-2222-3333-4444-555555555502"
#define CALL ((RpcCall *) (void *) &fake_ctx)

static char *root;

static const RemoteHandlers *H = &secretd_remote_handlers;

static void
seen_clear(void)
{
    for (guint i = 0; i < events->len; i++)
        g_free(g_array_index(events, SeenEvent, i).usage_id);
    g_array_set_size(events, 0);
}

static void
expect_error(int code, const char *message)
{
    virError *e = err_get_last();

    assert_non_null(e);
    assert_int_equal(e->code, code);
    if (!g_str_equal(e->message, message))
        fail_msg("message '%s', want '%s'", e->message, message);
    err_reset_last();
}

static void
define(const char *xml, remote_nonnull_secret *ret_sec)
{
    remote_secret_define_xml_args a = { .xml = (char *) xml };
    remote_secret_define_xml_ret r = { 0 };

    if (H->secret_define_xml(CALL, &a, &r) < 0)
        fail_msg("define: %s", err_last_message());
    if (ret_sec)
        *ret_sec = r.secret;
    else
        xdr_free((xdrproc_t) xdr_remote_secret_define_xml_ret, (char *) &r);
}

static void
sec_of(const char *uuid, remote_nonnull_secret *sec)
{
    memset(sec, 0, sizeof(*sec));
    assert_int_equal(uuid_parse(uuid, (unsigned char *) sec->uuid), 0);
    sec->usageID = (char *) "";
}

static int
setup(void **state)
{
    root = g_dir_make_tmp("secretd-drv-XXXXXX", NULL);
    g_setenv("MODVIRT_ROOT", root, TRUE);
    paths_reset();
    events = g_array_new(FALSE, TRUE, sizeof(SeenEvent));
    assert_int_equal(secretd_driver.init(&fake_ctx, true), 0);
    return 0;
}

static int
teardown(void **state)
{
    g_autofree char *cmd = g_strdup_printf("rm -rf '%s'", root);

    secretd_driver.shutdown(&fake_ctx);
    assert_null(fake_ctx.data);
    seen_clear();
    g_array_free(events, TRUE);
    assert_int_equal(system(cmd), 0);
    g_clear_pointer(&root, g_free);
    err_reset_last();
    return 0;
}

/* ---- tests ---- */

static void
test_define_lookup_events(void **state)
{
    remote_nonnull_secret sec;
    remote_secret_lookup_by_usage_args ua = { .usageType = VIR_SECRET_USAGE_TYPE_CEPH,
                                              .usageID = (char *) "client.a" };
    remote_secret_lookup_by_usage_ret ur = { 0 };
    remote_secret_lookup_by_uuid_args ia = { 0 };
    remote_secret_lookup_by_uuid_ret ir = { 0 };
    remote_secret_undefine_args und = { 0 };
    SeenEvent *ev;

    define("<secret ephemeral='no' private='no'><uuid>" U1 "</uuid>"
           "<usage type='ceph'><name>client.a</name></usage></secret>", &sec);
    assert_int_equal(sec.usageType, VIR_SECRET_USAGE_TYPE_CEPH);
    assert_string_equal(sec.usageID, "client.a");
    assert_int_equal(events->len, 1);
    ev = &g_array_index(events, SeenEvent, 0);
    assert_int_equal(ev->proc, REMOTE_PROC_SECRET_EVENT_LIFECYCLE);
    assert_int_equal(ev->event_id, VIR_SECRET_EVENT_ID_LIFECYCLE);
    assert_int_equal(ev->event, VIR_SECRET_EVENT_DEFINED);
    assert_memory_equal(ev->key, sec.uuid, VIR_UUID_BUFLEN);
    assert_string_equal(ev->usage_id, "client.a");

    assert_int_equal(H->secret_lookup_by_usage(CALL, &ua, &ur), 0);
    assert_memory_equal(ur.secret.uuid, sec.uuid, VIR_UUID_BUFLEN);
    xdr_free((xdrproc_t) xdr_remote_secret_lookup_by_usage_ret, (char *) &ur);

    memcpy(ia.uuid, sec.uuid, VIR_UUID_BUFLEN);
    assert_int_equal(H->secret_lookup_by_uuid(CALL, &ia, &ir), 0);
    assert_string_equal(ir.secret.usageID, "client.a");
    xdr_free((xdrproc_t) xdr_remote_secret_lookup_by_uuid_ret, (char *) &ir);

    und.secret = sec;
    assert_int_equal(H->secret_undefine(CALL, &und), 0);
    assert_int_equal(events->len, 2);
    ev = &g_array_index(events, SeenEvent, 1);
    assert_int_equal(ev->event, VIR_SECRET_EVENT_UNDEFINED);
    assert_int_equal(H->secret_lookup_by_uuid(CALL, &ia, &ir), -1);
    expect_error(VIR_ERR_NO_SECRET,
                 "Secret not found: no secret with matching uuid '" U1 "'");
    assert_int_equal(H->secret_undefine(CALL, &und), -1);
    expect_error(VIR_ERR_NO_SECRET,
                 "Secret not found: no secret with matching uuid '" U1 "'");
    assert_int_equal(events->len, 2);
    xdr_free((xdrproc_t) xdr_remote_nonnull_secret, (char *) &sec);

    assert_int_equal(H->secret_lookup_by_usage(CALL, &ua, &ur), -1);
    expect_error(VIR_ERR_NO_SECRET,
                 "Secret not found: no secret with matching usage 'client.a'");
}

static void
test_usage_none_on_wire(void **state)
{
    remote_nonnull_secret sec;

    define("<secret ephemeral='no' private='no'><uuid>" U2 "</uuid></secret>", &sec);
    assert_int_equal(sec.usageType, VIR_SECRET_USAGE_TYPE_NONE);
    assert_string_equal(sec.usageID, "");
    xdr_free((xdrproc_t) xdr_remote_nonnull_secret, (char *) &sec);
}

static void
test_values(void **state)
{
    remote_secret_set_value_args sa = { 0 };
    remote_secret_get_value_args ga = { 0 };
    remote_secret_get_value_ret gr = { 0 };
    SeenEvent *ev;

    define("<secret ephemeral='no' private='no'><uuid>" U1 "</uuid>"
           "<usage type='volume'><volume>/v.img</volume></usage></secret>", NULL);
    sec_of(U1, &ga.secret);
    assert_int_equal(H->secret_get_value(CALL, &ga, &gr), -1);
    expect_error(VIR_ERR_NO_SECRET,
                 "Secret not found: secret '" U1 "' does not have a value");

    sec_of(U1, &sa.secret);
    assert_int_equal(H->secret_set_value(CALL, &sa), -1);
    expect_error(VIR_ERR_INVALID_ARG, "value in virSecretSetValue must not be NULL");

    sa.value.value_val = (char *) "s3cr3t";
    sa.value.value_len = 6;
    sa.flags = 1;
    assert_int_equal(H->secret_set_value(CALL, &sa), -1);
    expect_error(VIR_ERR_INVALID_ARG, "unsupported flags (0x1) in function secretSetValue");
    sa.flags = 0;
    seen_clear();
    assert_int_equal(H->secret_set_value(CALL, &sa), 0);
    assert_int_equal(events->len, 1);
    ev = &g_array_index(events, SeenEvent, 0);
    assert_int_equal(ev->proc, REMOTE_PROC_SECRET_EVENT_VALUE_CHANGED);
    assert_int_equal(ev->event_id, VIR_SECRET_EVENT_ID_VALUE_CHANGED);
    assert_string_equal(ev->usage_id, "/v.img");

    assert_int_equal(H->secret_get_value(CALL, &ga, &gr), 0);
    assert_int_equal(gr.value.value_len, 6);
    assert_memory_equal(gr.value.value_val, "s3cr3t", 6);
    xdr_free((xdrproc_t) xdr_remote_secret_get_value_ret, (char *) &gr);

    ga.flags = 4;
    assert_int_equal(H->secret_get_value(CALL, &ga, &gr), -1);
    expect_error(VIR_ERR_INVALID_ARG, "unsupported flags (0x4) in function secretGetValue");
    ga.flags = 0;

    /* made private: the value stays but is no longer handed out */
    define("<secret ephemeral='no' private='yes'><uuid>" U1 "</uuid>"
           "<usage type='volume'><volume>/v.img</volume></usage></secret>", NULL);
    assert_int_equal(H->secret_get_value(CALL, &ga, &gr), -1);
    expect_error(VIR_ERR_INVALID_SECRET, "Invalid secret: secret is private");
}

static void
test_define_errors(void **state)
{
    remote_secret_define_xml_args a = {
        .xml = (char *) "<secret ephemeral='no'/>", .flags = 2,
    };
    remote_secret_define_xml_ret r = { 0 };
    remote_secret_get_xml_desc_args xa = { 0 };
    remote_secret_get_xml_desc_ret xr = { 0 };

    assert_int_equal(H->secret_define_xml(CALL, &a, &r), -1);
    expect_error(VIR_ERR_INVALID_ARG, "unsupported flags (0x2) in function secretDefineXML");
    assert_int_equal(events->len, 0);

    define("<secret ephemeral='no' private='no'><uuid>" U1 "</uuid>"
           "<usage type='volume'><volume>/v.img</volume></usage></secret>", NULL);
    a.xml = (char *) "<secret ephemeral='no' private='no'><uuid>" U2 "</uuid>"
                     "<usage type='volume'><volume>/v.img</volume></usage></secret>";
    a.flags = 0;
    assert_int_equal(H->secret_define_xml(CALL, &a, &r), -1);
    expect_error(VIR_ERR_INTERNAL_ERROR, "internal error: a secret with UUID " U1
                 " already defined for use with /v.img");

    /* VALIDATE refuses what a plain define ignores */
    a.xml = (char *) "<secret ephemeral='no' private='no' bogus='1'><uuid>" U2 "</uuid>"
                     "</secret>";
    a.flags = VIR_SECRET_DEFINE_VALIDATE;
    assert_int_equal(H->secret_define_xml(CALL, &a, &r), -1);
    assert_true(err_has_last());
    err_reset_last();
    a.flags = 0;
    assert_int_equal(H->secret_define_xml(CALL, &a, &r), 0);
    xdr_free((xdrproc_t) xdr_remote_secret_define_xml_ret, (char *) &r);

    a.xml = (char *) "garbage";
    assert_int_equal(H->secret_define_xml(CALL, &a, &r), -1);
    assert_true(err_has_last());
    err_reset_last();

    sec_of(U1, &xa.secret);
    xa.flags = 1;
    assert_int_equal(H->secret_get_xml_desc(CALL, &xa, &xr), -1);
    expect_error(VIR_ERR_INVALID_ARG, "unsupported flags (0x1) in function secretGetXMLDesc");
    xa.flags = 0;
    assert_int_equal(H->secret_get_xml_desc(CALL, &xa, &xr), 0);
    assert_non_null(strstr(xr.xml, "<volume>/v.img</volume>"));
    xdr_free((xdrproc_t) xdr_remote_secret_get_xml_desc_ret, (char *) &xr);
}

static void
test_lists(void **state)
{
    remote_connect_num_of_secrets_ret nr = { 0 };
    remote_connect_list_secrets_args la = { .maxuuids = 1 };
    remote_connect_list_secrets_ret lr = { 0 };
    remote_connect_list_all_secrets_args aa = { .need_results = 1 };
    remote_connect_list_all_secrets_ret ar = { 0 };

    define("<secret ephemeral='yes' private='no'><uuid>" U2 "</uuid></secret>", NULL);
    define("<secret ephemeral='no' private='yes'><uuid>" U1 "</uuid></secret>", NULL);

    assert_int_equal(H->connect_num_of_secrets(CALL, &nr), 0);
    assert_int_equal(nr.num, 2);

    assert_int_equal(H->connect_list_secrets(CALL, &la, &lr), 0);
    assert_int_equal(lr.uuids.uuids_len, 1);
    assert_string_equal(lr.uuids.uuids_val[0], U1);
    xdr_free((xdrproc_t) xdr_remote_connect_list_secrets_ret, (char *) &lr);
    la.maxuuids = 100;
    assert_int_equal(H->connect_list_secrets(CALL, &la, &lr), 0);
    assert_int_equal(lr.uuids.uuids_len, 2);
    assert_string_equal(lr.uuids.uuids_val[1], U2);
    xdr_free((xdrproc_t) xdr_remote_connect_list_secrets_ret, (char *) &lr);
    la.maxuuids = REMOTE_SECRET_LIST_MAX + 1;
    assert_int_equal(H->connect_list_secrets(CALL, &la, &lr), -1);
    expect_error(VIR_ERR_RPC, "maxuuids > REMOTE_SECRET_LIST_MAX");

    assert_int_equal(H->connect_list_all_secrets(CALL, &aa, &ar), 0);
    assert_int_equal(ar.ret, 2);
    assert_int_equal(ar.secrets.secrets_len, 2);
    xdr_free((xdrproc_t) xdr_remote_connect_list_all_secrets_ret, (char *) &ar);

    aa.flags = VIR_CONNECT_LIST_SECRETS_EPHEMERAL;
    aa.need_results = 0;
    memset(&ar, 0, sizeof(ar));
    assert_int_equal(H->connect_list_all_secrets(CALL, &aa, &ar), 0);
    assert_int_equal(ar.ret, 1);
    assert_int_equal(ar.secrets.secrets_len, 0);

    aa.flags = VIR_CONNECT_LIST_SECRETS_NO_PRIVATE | VIR_CONNECT_LIST_SECRETS_NO_EPHEMERAL;
    assert_int_equal(H->connect_list_all_secrets(CALL, &aa, &ar), 0);
    assert_int_equal(ar.ret, 0);

    aa.flags = 0x40;
    assert_int_equal(H->connect_list_all_secrets(CALL, &aa, &ar), -1);
    expect_error(VIR_ERR_INVALID_ARG,
                 "unsupported flags (0x40) in function secretConnectListAllSecrets");
}

static void
test_inline_busy_reload(void **state)
{
    remote_secret_undefine_args und = { 0 };

    assert_true(secretd_is_inline(REMOTE_PROGRAM, REMOTE_PROC_SECRET_GET_VALUE));
    assert_true(secretd_is_inline(REMOTE_PROGRAM, REMOTE_PROC_CONNECT_LIST_ALL_SECRETS));
    assert_true(secretd_is_inline(REMOTE_PROGRAM, REMOTE_PROC_SECRET_LOOKUP_BY_USAGE));
    assert_true(secretd_is_inline(REMOTE_PROGRAM, REMOTE_PROC_SECRET_GET_XML_DESC));
    assert_false(secretd_is_inline(REMOTE_PROGRAM, REMOTE_PROC_SECRET_DEFINE_XML));
    assert_false(secretd_is_inline(REMOTE_PROGRAM, REMOTE_PROC_SECRET_SET_VALUE));
    assert_false(secretd_is_inline(REMOTE_PROGRAM, REMOTE_PROC_SECRET_UNDEFINE));
    assert_false(secretd_is_inline(REMOTE_PROGRAM + 1, REMOTE_PROC_SECRET_GET_VALUE));

    /* every procedure of the secret class has a handler */
    assert_non_null(H->connect_num_of_secrets);
    assert_non_null(H->connect_list_secrets);
    assert_non_null(H->connect_list_all_secrets);
    assert_non_null(H->secret_lookup_by_uuid);
    assert_non_null(H->secret_lookup_by_usage);

    assert_false(secretd_driver.busy(&fake_ctx));
    define("<secret ephemeral='yes' private='no'><uuid>" U2 "</uuid></secret>", NULL);
    assert_true(secretd_driver.busy(&fake_ctx));
    assert_int_equal(secretd_driver.reload(&fake_ctx), 0);
    assert_true(secretd_driver.busy(&fake_ctx));
    sec_of(U2, &und.secret);
    assert_int_equal(H->secret_undefine(CALL, &und), 0);
    assert_false(secretd_driver.busy(&fake_ctx));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_define_lookup_events, setup, teardown),
        cmocka_unit_test_setup_teardown(test_usage_none_on_wire, setup, teardown),
        cmocka_unit_test_setup_teardown(test_values, setup, teardown),
        cmocka_unit_test_setup_teardown(test_define_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lists, setup, teardown),
        cmocka_unit_test_setup_teardown(test_inline_busy_reload, setup, teardown),
    };

    return cmocka_run_group_tests_name("secretd-driver", tests, NULL, NULL);
}
