/* api/stream.c: the library side of data streams. virStreamNew makes an
 * unbound stream; a driver call (virStorageVolUpload, virDomainOpenConsole,
 * ...) binds it to that driver's stream ops with api_stream_attach(). The
 * data calls (virStreamSend, ...) are generated entry points dispatching to
 * stream->driver; the *All helpers here loop over them like libvirt's. */
#include "config.h"

#include <string.h>

#define ERR_DOMAIN VIR_FROM_STREAMS
#include "api/driver.h"
#include "common/util/err.h"

/* Chunk size of the *All helpers (libvirt uses the same 256 KiB). */
#define API_STREAM_CHUNK (256 * 1024)

#define CHECK_STREAM_OR(st, retval) \
    do { \
        api_reset_error(); \
        if (!api_check_stream((st), VIR_FROM_STREAMS, __func__)) { \
            api_dispatch_error(NULL); \
            return retval; \
        } \
    } while (0)

/**
 * api_stream_attach() - bind @st to a driver's stream ops
 * @st: a stream made by virStreamNew
 * @driver: the ops serving virStreamSend/Recv/... on it
 * @priv: the driver's per-stream state, released with @priv_free (may be
 *        NULL) when the handle goes or another driver state replaces it
 */
void
api_stream_attach(virStreamPtr st, const ApiStreamDriver *driver, void *priv,
                  GDestroyNotify priv_free)
{
    if (st->priv_free)
        st->priv_free(st->priv);
    st->driver = driver;
    st->priv = priv;
    st->priv_free = priv_free;
}

/**
 * virStreamNew() - a new unbound stream on @conn
 * @flags: VIR_STREAM_NONBLOCK
 */
VIR_EXPORT virStreamPtr
virStreamNew(virConnectPtr conn, unsigned int flags)
{
    api_reset_error();
    if (!api_check_connect(conn, VIR_FROM_STREAMS, __func__)) {
        api_dispatch_error(NULL);
        return NULL;
    }
    return api_stream_new(conn, flags);
}

/**
 * virStreamRef() - take an extra reference on a stream
 */
VIR_EXPORT int
virStreamRef(virStreamPtr stream)
{
    CHECK_STREAM_OR(stream, -1);
    api_object_ref(stream);
    return 0;
}

/**
 * virStreamFree() - release a stream handle (finish or abort it first)
 */
VIR_EXPORT int
virStreamFree(virStreamPtr stream)
{
    CHECK_STREAM_OR(stream, -1);
    api_object_unref(stream);
    return 0;
}

/* The data calls return -2 (would block, non-blocking streams) and -3
 * (a hole, VIR_STREAM_RECV_STOP_AT_HOLE) without an error; they are
 * written here rather than generated for that. */
#define STREAM_DATA_CALL(stream, member, ...) \
    do { \
        int r_; \
        CHECK_STREAM_OR(stream, -1); \
        if (!api_check_nonnull(data, VIR_FROM_STREAMS, __func__, "data")) \
            goto error; \
        if (!stream->driver || !stream->driver->member) { \
            api_report_unsupported(VIR_FROM_STREAMS, __func__); \
            goto error; \
        } \
        r_ = stream->driver->member(stream, __VA_ARGS__); \
        if (r_ >= 0 || r_ == -2 || r_ == -3) \
            return r_; \
     error: \
        api_dispatch_error(stream->conn); \
        return -1; \
    } while (0)

/**
 * virStreamSend() - send up to @nbytes of @data
 *
 * Return: bytes sent, -2 when a non-blocking stream would block, -1 on
 * error.
 */
VIR_EXPORT int
virStreamSend(virStreamPtr stream, const char *data, size_t nbytes)
{
    STREAM_DATA_CALL(stream, streamSend, data, nbytes);
}

/**
 * virStreamRecv() - receive up to @nbytes into @data
 *
 * Return: bytes received, 0 at the end of the stream, -2 when a
 * non-blocking stream would block, -1 on error.
 */
VIR_EXPORT int
virStreamRecv(virStreamPtr stream, char *data, size_t nbytes)
{
    STREAM_DATA_CALL(stream, streamRecv, data, nbytes);
}

/**
 * virStreamRecvFlags() - virStreamRecv with VIR_STREAM_RECV_STOP_AT_HOLE:
 * -3 when a hole comes next (virStreamRecvHole tells its size)
 */
VIR_EXPORT int
virStreamRecvFlags(virStreamPtr stream, char *data, size_t nbytes, unsigned int flags)
{
    STREAM_DATA_CALL(stream, streamRecvFlags, data, nbytes, flags);
}

/**
 * virStreamAbort() - cancel the transfer; a stream no driver call has bound
 * yet has nothing to cancel and succeeds (as libvirt's)
 */
VIR_EXPORT int
virStreamAbort(virStreamPtr stream)
{
    int r;

    CHECK_STREAM_OR(stream, -1);
    if (!stream->driver)
        return 0;
    if (!stream->driver->streamAbort) {
        api_report_unsupported(VIR_FROM_STREAMS, __func__);
        goto error;
    }
    r = stream->driver->streamAbort(stream);
    if (r < 0)
        goto error;
    return r;

 error:
    api_dispatch_error(stream->conn);
    return -1;
}

/* Abort after a failure without losing the error that caused it, then
 * dispatch that error. */
static int
api_stream_fail(virStreamPtr stream)
{
    g_autoptr(virError) saved = err_save_last();

    virStreamAbort(stream);
    err_reset_last();
    err_restore_last(&saved);
    if (!err_has_last())
        err_report(VIR_ERR_INTERNAL_ERROR, "%s", "stream handler failed");
    api_dispatch_error(stream->conn);
    return -1;
}

static bool
api_stream_blocking(virStreamPtr stream, const char *what, const char *func)
{
    if (!(stream->flags & VIR_STREAM_NONBLOCK))
        return true;
    err_report_full(VIR_FROM_STREAMS, VIR_ERR_OPERATION_INVALID, __FILE__, func, __LINE__,
                    "%s cannot be used for non-blocking streams", what);
    api_dispatch_error(stream->conn);
    return false;
}

/* virStreamSend until @len bytes of @buf are gone. */
static int
api_stream_send_buf(virStreamPtr stream, const char *buf, size_t len)
{
    size_t off = 0;

    while (off < len) {
        int done = virStreamSend(stream, buf + off, len - off);

        if (done < 0)
            return -1;
        off += done;
    }
    return 0;
}

/* @handler until @len bytes of @buf are consumed. */
static int
api_stream_sink_buf(virStreamPtr stream, virStreamSinkFunc handler, void *opaque,
                    const char *buf, size_t len)
{
    size_t off = 0;

    while (off < len) {
        int done = handler(stream, buf + off, len - off, opaque);

        if (done < 0)
            return -1;
        off += done;
    }
    return 0;
}

/**
 * virStreamSendAll() - send everything @handler produces, then return
 * (the caller still calls virStreamFinish); aborts the stream on failure
 */
VIR_EXPORT int
virStreamSendAll(virStreamPtr stream, virStreamSourceFunc handler, void *opaque)
{
    g_autofree char *buf = NULL;

    CHECK_STREAM_OR(stream, -1);
    if (!api_check_nonnull((const void *) handler, VIR_FROM_STREAMS, __func__, "handler")) {
        api_dispatch_error(stream->conn);
        return -1;
    }
    if (!api_stream_blocking(stream, "data sources", __func__))
        return -1;
    buf = g_malloc(API_STREAM_CHUNK);
    for (;;) {
        int got = handler(stream, buf, API_STREAM_CHUNK, opaque);

        if (got < 0)
            return api_stream_fail(stream);
        if (got == 0)
            return 0;
        if (api_stream_send_buf(stream, buf, got) < 0)
            return api_stream_fail(stream);
    }
}

/**
 * virStreamRecvAll() - hand everything received to @handler until the end
 * of the stream; aborts the stream on failure
 */
VIR_EXPORT int
virStreamRecvAll(virStreamPtr stream, virStreamSinkFunc handler, void *opaque)
{
    g_autofree char *buf = NULL;

    CHECK_STREAM_OR(stream, -1);
    if (!api_check_nonnull((const void *) handler, VIR_FROM_STREAMS, __func__, "handler")) {
        api_dispatch_error(stream->conn);
        return -1;
    }
    if (!api_stream_blocking(stream, "data sinks", __func__))
        return -1;
    buf = g_malloc(API_STREAM_CHUNK);
    for (;;) {
        int got = virStreamRecv(stream, buf, API_STREAM_CHUNK);

        if (got < 0)
            return api_stream_fail(stream);
        if (got == 0)
            return 0;
        if (api_stream_sink_buf(stream, handler, opaque, buf, got) < 0)
            return api_stream_fail(stream);
    }
}

/**
 * virStreamSparseSendAll() - like virStreamSendAll, sending the holes
 * @holeHandler reports as holes and skipping them with @skipHandler
 */
VIR_EXPORT int
virStreamSparseSendAll(virStreamPtr stream, virStreamSourceFunc handler,
                       virStreamSourceHoleFunc holeHandler,
                       virStreamSourceSkipFunc skipHandler, void *opaque)
{
    g_autofree char *buf = NULL;
    long long data_len = 0;

    CHECK_STREAM_OR(stream, -1);
    if (!api_check_nonnull((const void *) handler, VIR_FROM_STREAMS, __func__, "handler") ||
        !api_check_nonnull((const void *) holeHandler, VIR_FROM_STREAMS, __func__,
                           "holeHandler") ||
        !api_check_nonnull((const void *) skipHandler, VIR_FROM_STREAMS, __func__,
                           "skipHandler")) {
        api_dispatch_error(stream->conn);
        return -1;
    }
    if (!api_stream_blocking(stream, "data sources", __func__))
        return -1;
    buf = g_malloc(API_STREAM_CHUNK);
    for (;;) {
        size_t want = API_STREAM_CHUNK;
        int got;

        if (data_len == 0) {
            int in_data = 0;
            long long section = 0;

            if (holeHandler(stream, &in_data, &section, opaque) < 0)
                return api_stream_fail(stream);
            if (!in_data && section > 0) {
                if (virStreamSendHole(stream, section, 0) < 0 ||
                    skipHandler(stream, section, opaque) < 0)
                    return api_stream_fail(stream);
                continue;
            }
            data_len = section;
        }
        if (data_len > 0 && (long long) want > data_len)
            want = data_len;
        got = handler(stream, buf, want, opaque);
        if (got < 0)
            return api_stream_fail(stream);
        if (got == 0)
            return 0;
        if (api_stream_send_buf(stream, buf, got) < 0)
            return api_stream_fail(stream);
        data_len = data_len > got ? data_len - got : 0;
    }
}

/**
 * virStreamSparseRecvAll() - like virStreamRecvAll, handing holes to
 * @holeHandler instead of zeros to @handler
 */
VIR_EXPORT int
virStreamSparseRecvAll(virStreamPtr stream, virStreamSinkFunc handler,
                       virStreamSinkHoleFunc holeHandler, void *opaque)
{
    g_autofree char *buf = NULL;

    CHECK_STREAM_OR(stream, -1);
    if (!api_check_nonnull((const void *) handler, VIR_FROM_STREAMS, __func__, "handler") ||
        !api_check_nonnull((const void *) holeHandler, VIR_FROM_STREAMS, __func__,
                           "holeHandler")) {
        api_dispatch_error(stream->conn);
        return -1;
    }
    if (!api_stream_blocking(stream, "data sinks", __func__))
        return -1;
    buf = g_malloc(API_STREAM_CHUNK);
    for (;;) {
        int got = virStreamRecvFlags(stream, buf, API_STREAM_CHUNK,
                                     VIR_STREAM_RECV_STOP_AT_HOLE);

        if (got == -3) {
            long long hole = 0;

            if (virStreamRecvHole(stream, &hole, 0) < 0 ||
                holeHandler(stream, hole, opaque) < 0)
                return api_stream_fail(stream);
            continue;
        }
        if (got < 0)
            return api_stream_fail(stream);
        if (got == 0)
            return 0;
        if (api_stream_sink_buf(stream, handler, opaque, buf, got) < 0)
            return api_stream_fail(stream);
    }
}
