/* api/remote/stream.c: the calls that open a data stream (volume upload and
 * download, console, channel, screenshot) and the stream ops that carry
 * its data over the daemon connection (common/rpc client streams). Event
 * callbacks run from the application's event loop, woken by the RPC I/O
 * thread when data arrives (api/stream-events.c). */
#include "config.h"

#define ERR_DOMAIN VIR_FROM_REMOTE
#include "api/remote/remote.h"
#include "common/util/err.h"
#include "remote_client.h"

/* the virStream's priv */
typedef struct {
    RpcClientStream *rs;
    virStreamPtr st;            /* weak: the priv lives inside it */
} RemoteStream;

static RpcClientStream *
rstream(virStreamPtr st)
{
    return ((RemoteStream *) st->priv)->rs;
}

static void
remote_stream_free(gpointer p)
{
    RemoteStream *s = p;

    rpc_client_stream_set_notify(s->rs, NULL, NULL);
    rpc_client_stream_unref(s->rs);
    g_free(s);
}

static int
remote_stream_send(virStreamPtr st, const char *data, size_t nbytes)
{
    return rpc_client_stream_send(rstream(st), data, nbytes);
}

static int
remote_stream_recv_flags(virStreamPtr st, char *data, size_t nbytes, unsigned int flags)
{
    if (flags & ~VIR_STREAM_RECV_STOP_AT_HOLE) {
        err_report(VIR_ERR_INVALID_ARG, "unsupported flags (0x%x) in function %s",
                   flags & ~VIR_STREAM_RECV_STOP_AT_HOLE, "virStreamRecvFlags");
        return -1;
    }
    return rpc_client_stream_recv(rstream(st), data, nbytes,
                                  st->flags & VIR_STREAM_NONBLOCK,
                                  flags & VIR_STREAM_RECV_STOP_AT_HOLE);
}

static int
remote_stream_recv(virStreamPtr st, char *data, size_t nbytes)
{
    return remote_stream_recv_flags(st, data, nbytes, 0);
}

static int
remote_stream_send_hole(virStreamPtr st, long long length, unsigned int flags)
{
    return rpc_client_stream_send_hole(rstream(st), length, flags);
}

static int
remote_stream_recv_hole(virStreamPtr st, long long *length, unsigned int flags)
{
    int64_t len = 0;

    if (flags) {
        err_report(VIR_ERR_INVALID_ARG, "unsupported flags (0x%x) in function %s", flags,
                   "virStreamRecvHole");
        return -1;
    }
    if (rpc_client_stream_recv_hole(rstream(st), &len) < 0)
        return -1;
    *length = len;
    return 0;
}

static int
remote_stream_finish(virStreamPtr st)
{
    return rpc_client_stream_finish(rstream(st));
}

static int
remote_stream_abort(virStreamPtr st)
{
    return rpc_client_stream_abort(rstream(st));
}

/* data can always be written (the socket takes it); reading needs data */
static int
remote_stream_ready(virStreamPtr st)
{
    return VIR_STREAM_EVENT_WRITABLE |
           (rpc_client_stream_readable(rstream(st)) ? VIR_STREAM_EVENT_READABLE : 0);
}

/* RPC I/O thread: data, an error or a hangup arrived */
static void
remote_stream_notify(void *opaque)
{
    RemoteStream *s = opaque;

    api_stream_watch_kick(s->st);
}

static int
remote_stream_event_add(virStreamPtr st, int events, virStreamEventCallback cb,
                        void *opaque, virFreeCallback ff)
{
    if (api_stream_watch_add(st, events, cb, opaque, ff, remote_stream_ready) < 0)
        return -1;
    rpc_client_stream_set_notify(rstream(st), remote_stream_notify, st->priv);
    return 0;
}

static int
remote_stream_event_remove(virStreamPtr st)
{
    rpc_client_stream_set_notify(rstream(st), NULL, NULL);
    return api_stream_watch_remove(st);
}

static const ApiStreamDriver remote_stream_driver = {
    .name = "remote",
    .streamSend = remote_stream_send,
    .streamRecv = remote_stream_recv,
    .streamRecvFlags = remote_stream_recv_flags,
    .streamSendHole = remote_stream_send_hole,
    .streamRecvHole = remote_stream_recv_hole,
    .streamFinish = remote_stream_finish,
    .streamAbort = remote_stream_abort,
    .streamEventAddCallback = remote_stream_event_add,
    .streamEventUpdateCallback = api_stream_watch_update,
    .streamEventRemoveCallback = remote_stream_event_remove,
};

/* Make the call @proc with @args (and @ret) on @rc, opening a stream bound
 * to @st. Return: 0 or -1 (error set; @st stays unbound). */
static int
remote_open_stream(RemoteConn *rc, virStreamPtr st, int proc, bool sparse, void *args,
                   void *ret)
{
    RpcClientStream *rs = rpc_client_stream_new(rc->client, &remote_program, proc, sparse);
    RemoteStream *s;

    if (rpc_client_call_stream(rs, args, ret) < 0) {
        rpc_client_stream_unref(rs);
        return -1;
    }
    s = g_new0(RemoteStream, 1);
    s->rs = rs;
    s->st = st;
    api_stream_attach(st, &remote_stream_driver, s, remote_stream_free);
    return 0;
}

/**
 * remote_op_storage_vol_upload() - STORAGE_VOL_UPLOAD
 */
int
remote_op_storage_vol_upload(virStorageVolPtr vol, virStreamPtr stream,
                             unsigned long long offset, unsigned long long length,
                             unsigned int flags)
{
    RemoteConn *rc = remote_route(vol->conn, API_DRV_STORAGE);
    remote_storage_vol_upload_args args = { .offset = offset, .length = length,
                                            .flags = flags };

    if (!rc)
        return -1;
    remote_storage_vol_to_wire(vol, &args.vol);
    return remote_open_stream(rc, stream, REMOTE_PROC_STORAGE_VOL_UPLOAD,
                              flags & VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM, &args, NULL);
}

/**
 * remote_op_storage_vol_download() - STORAGE_VOL_DOWNLOAD
 */
int
remote_op_storage_vol_download(virStorageVolPtr vol, virStreamPtr stream,
                               unsigned long long offset, unsigned long long length,
                               unsigned int flags)
{
    RemoteConn *rc = remote_route(vol->conn, API_DRV_STORAGE);
    remote_storage_vol_download_args args = { .offset = offset, .length = length,
                                              .flags = flags };

    if (!rc)
        return -1;
    remote_storage_vol_to_wire(vol, &args.vol);
    return remote_open_stream(rc, stream, REMOTE_PROC_STORAGE_VOL_DOWNLOAD,
                              flags & VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM, &args, NULL);
}

/**
 * remote_op_domain_open_console() - DOMAIN_OPEN_CONSOLE
 */
int
remote_op_domain_open_console(virDomainPtr dom, const char *dev_name, virStreamPtr st,
                              unsigned int flags)
{
    RemoteConn *rc = remote_route(dom->conn, API_DRV_HYPERVISOR);
    remote_domain_open_console_args args = { .dev_name = (char **) &dev_name,
                                             .flags = flags };

    if (!rc)
        return -1;
    if (!dev_name)
        args.dev_name = NULL;
    remote_domain_to_wire(dom, &args.dom);
    return remote_open_stream(rc, st, REMOTE_PROC_DOMAIN_OPEN_CONSOLE, false, &args, NULL);
}

/**
 * remote_op_domain_open_channel() - DOMAIN_OPEN_CHANNEL
 */
int
remote_op_domain_open_channel(virDomainPtr dom, const char *name, virStreamPtr st,
                              unsigned int flags)
{
    RemoteConn *rc = remote_route(dom->conn, API_DRV_HYPERVISOR);
    remote_domain_open_channel_args args = { .name = (char **) &name, .flags = flags };

    if (!rc)
        return -1;
    if (!name)
        args.name = NULL;
    remote_domain_to_wire(dom, &args.dom);
    return remote_open_stream(rc, st, REMOTE_PROC_DOMAIN_OPEN_CHANNEL, false, &args, NULL);
}

/**
 * remote_op_domain_screenshot() - DOMAIN_SCREENSHOT: the image's MIME type;
 * the image itself comes down @stream
 */
char *
remote_op_domain_screenshot(virDomainPtr domain, virStreamPtr stream, unsigned int screen,
                            unsigned int flags)
{
    RemoteConn *rc = remote_route(domain->conn, API_DRV_HYPERVISOR);
    remote_domain_screenshot_args args = { .screen = screen, .flags = flags };
    remote_domain_screenshot_ret ret = { 0 };
    char *mime;

    if (!rc)
        return NULL;
    remote_domain_to_wire(domain, &args.dom);
    if (remote_open_stream(rc, stream, REMOTE_PROC_DOMAIN_SCREENSHOT, false, &args, &ret) < 0)
        return NULL;
    mime = ret.mime ? g_strdup(*ret.mime) : NULL;
    xdr_free((xdrproc_t) xdr_remote_domain_screenshot_ret, (char *) &ret);
    return mime;
}
