/* tests/integration/rpc/testd.c: a tests-only daemon on the shared runtime.
 * It owns the SECRET class with fake handlers chosen to exercise the RPC
 * layer: a slow call (flags = milliseconds to sleep) to prove concurrency,
 * an inline lookup, a call that fails with a full error, and SET_VALUE
 * which emits a VALUE_CHANGED event. Never installed. */
#include "config.h"

#define ERR_DOMAIN VIR_FROM_SECRET

#include <string.h>
#include <unistd.h>

#include "common/daemon/daemon.h"
#include "common/util/err.h"

#define TESTD_FAIL_FLAG 0xdead

static int
testd_get_type(RpcCall *call, remote_connect_get_type_ret *ret)
{
    ret->type = g_strdup("rpctest");
    return 0;
}

static int
testd_get_xml_desc(RpcCall *call, remote_secret_get_xml_desc_args *args,
                   remote_secret_get_xml_desc_ret *ret)
{
    if (args->flags == TESTD_FAIL_FLAG) {
        virError e = {
            .code = VIR_ERR_NO_SECRET, .domain = VIR_FROM_SECRET, .level = VIR_ERR_ERROR,
            .message = (char *) "Secret not found: testd says no",
            .str1 = (char *) "Secret not found: %s", .str2 = (char *) "testd says no",
            .str3 = (char *) "three", .int1 = 11, .int2 = 22,
        };

        err_set_last(&e);
        return -1;
    }
    if (args->flags > 0 && args->flags < 10000)
        g_usleep((gulong) args->flags * 1000);
    ret->xml = g_strdup_printf("<secret><usage>%s</usage></secret>", args->secret.usageID);
    return 0;
}

static int
testd_lookup_by_uuid(RpcCall *call, remote_secret_lookup_by_uuid_args *args,
                     remote_secret_lookup_by_uuid_ret *ret)
{
    memcpy(ret->secret.uuid, args->uuid, sizeof(ret->secret.uuid));
    ret->secret.usageType = 0;
    ret->secret.usageID = g_strdup("inline");
    return 0;
}

static int
testd_set_value(RpcCall *call, remote_secret_set_value_args *args)
{
    remote_secret_event_value_changed_msg msg = { 0 };

    msg.secret = args->secret;
    daemon_emit_event(daemon_call_ctx(call), REMOTE_PROC_SECRET_EVENT_VALUE_CHANGED,
                      1 /* VIR_SECRET_EVENT_ID_VALUE_CHANGED */,
                      args->secret.uuid, sizeof(args->secret.uuid), &msg);
    return 0;
}

/* ---- streams (TESTD_AS=storage) ----
 * DOWNLOAD sends @length bytes, byte i = (offset + i) & 0xff; with the
 * sparse flag the middle third is sent as one hole. UPLOAD accepts data and
 * holes and succeeds at finish only if exactly @length bytes arrived, all
 * matching the same pattern (holes count as their length). */

typedef struct {
    RpcStream *st;
    uint64_t offset;
    uint64_t length;
    bool sparse;
} TestdDownload;

static gpointer
testd_download_thread(gpointer data)
{
    TestdDownload *d = data;
    uint64_t hole_from = d->length / 3, hole_to = 2 * d->length / 3;
    uint8_t buf[65536];
    uint64_t pos = 0;

    while (pos < d->length) {
        size_t n;

        if (d->sparse && pos == hole_from && hole_to > hole_from) {
            if (rpc_stream_send_hole(d->st, (int64_t) (hole_to - hole_from), 0) < 0)
                goto out;
            pos = hole_to;
            continue;
        }
        n = (size_t) MIN((uint64_t) sizeof(buf), d->length - pos);
        if (d->sparse && pos < hole_from)
            n = (size_t) MIN((uint64_t) n, hole_from - pos);
        for (size_t i = 0; i < n; i++)
            buf[i] = (uint8_t) (d->offset + pos + i);
        if (rpc_stream_send_data(d->st, buf, n) < 0)
            goto out;
        pos += n;
    }
    rpc_stream_finish(d->st);
 out:
    rpc_stream_unref(d->st);
    g_free(d);
    return NULL;
}

static const RpcStreamOps testd_download_ops = { 0 };

static int
testd_vol_download(RpcCall *call, remote_storage_vol_download_args *args)
{
    TestdDownload *d = g_new0(TestdDownload, 1);

    d->sparse = args->flags & 1;    /* VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM */
    d->offset = args->offset;
    d->length = args->length;
    d->st = rpc_call_open_stream(call, d->sparse ? RPC_STREAM_SPARSE : 0,
                                 &testd_download_ops, NULL);
    /* the stream holds data back until the reply has been queued */
    g_thread_unref(g_thread_new("download", testd_download_thread, d));
    return 0;
}

typedef struct {
    uint64_t offset;
    uint64_t length;
    uint64_t got;
    bool bad;
} TestdUpload;

static int
testd_upload_data(RpcStream *st, const uint8_t *data, size_t len, void *opaque)
{
    TestdUpload *u = opaque;

    for (size_t i = 0; i < len; i++)
        u->bad |= data[i] != (uint8_t) (u->offset + u->got + i);
    u->got += len;
    return 0;
}

static int
testd_upload_hole(RpcStream *st, int64_t length, unsigned int flags, void *opaque)
{
    ((TestdUpload *) opaque)->got += (uint64_t) length;
    return 0;
}

static int
testd_upload_finish(RpcStream *st, void *opaque)
{
    TestdUpload *u = opaque;

    if (u->bad || u->got != u->length) {
        err_report(VIR_ERR_OPERATION_FAILED, "upload got %llu bytes%s, expected %llu",
                   (unsigned long long) u->got, u->bad ? " (corrupt)" : "",
                   (unsigned long long) u->length);
        return -1;
    }
    return 0;
}

static const RpcStreamOps testd_upload_ops = {
    .recv_data = testd_upload_data,
    .recv_hole = testd_upload_hole,
    .finish = testd_upload_finish,
    .free = g_free,
};

static int
testd_vol_upload(RpcCall *call, remote_storage_vol_upload_args *args)
{
    TestdUpload *u = g_new0(TestdUpload, 1);

    u->offset = args->offset;
    u->length = args->length;
    rpc_stream_unref(rpc_call_open_stream(call, args->flags & 1 ? RPC_STREAM_SPARSE : 0,
                                          &testd_upload_ops, u));
    return 0;
}

static bool
testd_is_inline(int prog, int proc)
{
    return prog == (int) RPC_PROG_REMOTE && proc == REMOTE_PROC_SECRET_LOOKUP_BY_UUID;
}

static bool
testd_busy(DaemonCtx *ctx)
{
    return g_getenv("TESTD_BUSY") != NULL;
}

static const RemoteHandlers testd_handlers = {
    .connect_get_type = testd_get_type,
    .connect_get_hostname = daemon_core_get_hostname,
    .secret_get_xml_desc = testd_get_xml_desc,
    .secret_lookup_by_uuid = testd_lookup_by_uuid,
    .secret_set_value = testd_set_value,
    .storage_vol_download = testd_vol_download,
    .storage_vol_upload = testd_vol_upload,
};

static const char *const testd_schemes[] = { "rpctest", "secret", NULL };
static const char *const secretd_schemes[] = { "secret", NULL };
static const char *const networkd_schemes[] = { "network", NULL };
static const char *const storaged_schemes[] = { "storage", NULL };

/* TESTD_AS=secret|network runs the same fake driver under the name and
 * class of virtsecretd / virtnetworkd, for the forwarding tests. */
static const DaemonDriver testd_drivers[] = {
    {
        .name = "virtrpctestd", .uri_schemes = testd_schemes, .klass = PROC_DRV_SECRET,
        .busy = testd_busy, .handlers = &testd_handlers, .is_inline = testd_is_inline,
    },
    {
        .name = "virtsecretd", .uri_schemes = secretd_schemes, .klass = PROC_DRV_SECRET,
        .busy = testd_busy, .handlers = &testd_handlers, .is_inline = testd_is_inline,
    },
    {
        .name = "virtnetworkd", .uri_schemes = networkd_schemes, .klass = PROC_DRV_NETWORK,
        .busy = testd_busy, .handlers = &testd_handlers, .is_inline = testd_is_inline,
    },
    {
        .name = "virtstoraged", .uri_schemes = storaged_schemes, .klass = PROC_DRV_STORAGE,
        .busy = testd_busy, .handlers = &testd_handlers, .is_inline = testd_is_inline,
    },
};

int
main(int argc, char **argv)
{
    const char *as = g_getenv("TESTD_AS");
    const DaemonDriver *drv = &testd_drivers[0];

    if (g_strcmp0(as, "secret") == 0)
        drv = &testd_drivers[1];
    else if (g_strcmp0(as, "network") == 0)
        drv = &testd_drivers[2];
    else if (g_strcmp0(as, "storage") == 0)
        drv = &testd_drivers[3];
    return daemon_run(argc, argv, drv);
}
