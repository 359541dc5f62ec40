/* tests/unit/api/fake-daemon.c: see fake-daemon.h. One thread accepts,
 * one thread per client reads frames with blocking I/O and answers them
 * using the generated codecs and common/rpc's message framing. */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "common/rpc/message.h"
#include "common/util/err.h"
#include "common/util/file.h"
#include "protocol/procinfo.h"
#include "remote_protocol.h"
#include "tests/unit/api/fake-daemon.h"

struct FakeDaemon {
    int listen_fd;
    char *path;
    char *uri;
    int nsecrets;
    GThread *acceptor;
    GMutex lock;
    GString *log;
    GPtrArray *clients;       /* FakeClient* */
    bool stopping;
};

typedef struct {
    FakeDaemon *d;
    int fd;
    GThread *thread;
} FakeClient;

static bool
fake_read_all(int fd, void *buf, size_t len)
{
    uint8_t *p = buf;

    while (len) {
        ssize_t n = read(fd, p, len);

        if (n <= 0) {
            if (n < 0 && errno == EINTR)
                continue;
            return false;
        }
        p += n;
        len -= n;
    }
    return true;
}

static bool
fake_write_msg(int fd, const RpcMessage *msg)
{
    const uint8_t *p = msg->buf;
    size_t len = msg->len;

    while (len) {
        ssize_t n = write(fd, p, len);

        if (n <= 0) {
            if (n < 0 && errno == EINTR)
                continue;
            return false;
        }
        p += n;
        len -= n;
    }
    return true;
}

static void
fake_log(FakeDaemon *d, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
static void
fake_log(FakeDaemon *d, const char *fmt, ...)
{
    va_list ap;

    g_mutex_lock(&d->lock);
    if (d->log->len)
        g_string_append_c(d->log, ' ');
    va_start(ap, fmt);
    g_string_append_vprintf(d->log, fmt, ap);
    va_end(ap);
    g_mutex_unlock(&d->lock);
}

static bool
fake_reply(int fd, const RpcHeader *call, xdrproc_t proc, void *ret)
{
    g_autoptr(RpcMessage) msg = rpc_message_new();
    RpcHeader h = *call;

    h.type = RPC_REPLY;
    h.status = RPC_STATUS_OK;
    if (rpc_message_encode(msg, &h, proc, ret) < 0)
        return false;
    return fake_write_msg(fd, msg);
}

static bool
fake_reply_error(int fd, const RpcHeader *call)
{
    g_autoptr(RpcMessage) msg = rpc_message_new();
    virError e = {
        .code = VIR_ERR_NO_SUPPORT, .domain = VIR_FROM_NONE, .level = VIR_ERR_ERROR,
        .message = (char *) "this function is not supported by the connection driver: fake",
    };
    RpcHeader h = *call;

    h.type = RPC_REPLY;
    h.status = RPC_STATUS_ERROR;
    if (rpc_message_encode_error(msg, &h, &e) < 0)
        return false;
    return fake_write_msg(fd, msg);
}

static bool
fake_send_secret_event(int fd, int callback_id)
{
    g_autoptr(RpcMessage) msg = rpc_message_new();
    remote_secret_event_lifecycle_msg ev = { .callbackID = callback_id, .event = 0, .detail = 0 };
    RpcHeader h = {
        .prog = RPC_PROG_REMOTE, .vers = 1, .proc = REMOTE_PROC_SECRET_EVENT_LIFECYCLE,
        .type = RPC_MESSAGE, .serial = 1, .status = RPC_STATUS_OK,
    };

    memset(ev.secret.uuid, 0x11, sizeof(ev.secret.uuid));
    ev.secret.usageType = VIR_SECRET_USAGE_TYPE_CEPH;
    ev.secret.usageID = (char *) "fake-usage";
    if (rpc_message_encode(msg, &h, (xdrproc_t) xdr_remote_secret_event_lifecycle_msg, &ev) < 0)
        return false;
    return fake_write_msg(fd, msg);
}

/* Answer one call. Return false to drop the client. */
static bool
fake_handle(FakeClient *c, RpcMessage *msg)
{
    FakeDaemon *d = c->d;
    const ProcInfo *p = proc_lookup(&remote_program, msg->hdr.proc);
    g_autofree void *args = NULL;
    bool ok;

    if (msg->hdr.prog != RPC_PROG_REMOTE || !p)
        return fake_reply_error(c->fd, &msg->hdr);
    args = g_malloc0(p->args_size ? p->args_size : 1);
    if (p->args_size && rpc_message_decode(msg, p->args_proc, args) < 0)
        return false;

    switch (msg->hdr.proc) {
    case REMOTE_PROC_AUTH_LIST: {
        remote_auth_type none = 0;
        remote_auth_list_ret ret = { .types = { 1, &none } };

        fake_log(d, "66");
        return fake_reply(c->fd, &msg->hdr, (xdrproc_t) xdr_remote_auth_list_ret, &ret);
    }
    case REMOTE_PROC_CONNECT_SUPPORTS_FEATURE: {
        remote_connect_supports_feature_args *a = args;
        remote_connect_supports_feature_ret ret = { .supported = 1 };

        fake_log(d, "60:%d", a->feature);
        ok = fake_reply(c->fd, &msg->hdr, (xdrproc_t) xdr_remote_connect_supports_feature_ret,
                        &ret);
        break;
    }
    case REMOTE_PROC_CONNECT_OPEN: {
        remote_connect_open_args *a = args;

        fake_log(d, "1:%s:%u", a->name ? *a->name : "(null)", a->flags);
        ok = fake_reply(c->fd, &msg->hdr, (xdrproc_t) proc_xdr_void, NULL);
        break;
    }
    case REMOTE_PROC_CONNECT_GET_URI: {
        remote_connect_get_uri_ret ret = { .uri = d->uri };

        fake_log(d, "110");
        return fake_reply(c->fd, &msg->hdr, (xdrproc_t) xdr_remote_connect_get_uri_ret, &ret);
    }
    case REMOTE_PROC_CONNECT_GET_TYPE: {
        remote_connect_get_type_ret ret = { .type = (char *) "FAKE" };

        fake_log(d, "3");
        return fake_reply(c->fd, &msg->hdr, (xdrproc_t) xdr_remote_connect_get_type_ret, &ret);
    }
    case REMOTE_PROC_CONNECT_NUM_OF_SECRETS: {
        remote_connect_num_of_secrets_ret ret = { .num = d->nsecrets };

        fake_log(d, "139");
        return fake_reply(c->fd, &msg->hdr, (xdrproc_t) xdr_remote_connect_num_of_secrets_ret,
                          &ret);
    }
    case REMOTE_PROC_CONNECT_SECRET_EVENT_REGISTER_ANY: {
        remote_connect_secret_event_register_any_args *a = args;
        remote_connect_secret_event_register_any_ret ret = { .callbackID = 40 + a->eventID };

        fake_log(d, "380:%d", a->eventID);
        ok = fake_reply(c->fd, &msg->hdr,
                        (xdrproc_t) xdr_remote_connect_secret_event_register_any_ret, &ret) &&
             fake_send_secret_event(c->fd, ret.callbackID);
        break;
    }
    case REMOTE_PROC_CONNECT_SECRET_EVENT_DEREGISTER_ANY: {
        remote_connect_secret_event_deregister_any_args *a = args;

        fake_log(d, "381:%d", a->callbackID);
        ok = fake_reply(c->fd, &msg->hdr, (xdrproc_t) proc_xdr_void, NULL);
        break;
    }
    case REMOTE_PROC_CONNECT_CLOSE:
    case REMOTE_PROC_CONNECT_REGISTER_CLOSE_CALLBACK:
    case REMOTE_PROC_CONNECT_UNREGISTER_CLOSE_CALLBACK:
        fake_log(d, "%d", msg->hdr.proc);
        ok = fake_reply(c->fd, &msg->hdr, (xdrproc_t) proc_xdr_void, NULL);
        break;
    default:
        fake_log(d, "%d", msg->hdr.proc);
        ok = fake_reply_error(c->fd, &msg->hdr);
        break;
    }
    xdr_free(p->args_proc, args);
    return ok;
}

static gpointer
fake_client_thread(gpointer data)
{
    FakeClient *c = data;

    for (;;) {
        g_autoptr(RpcMessage) msg = rpc_message_new();
        uint8_t lenbuf[4];
        uint32_t len;

        if (!fake_read_all(c->fd, lenbuf, 4))
            break;
        len = (uint32_t) lenbuf[0] << 24 | lenbuf[1] << 16 | lenbuf[2] << 8 | lenbuf[3];
        if (!rpc_frame_length_ok(len))
            break;
        msg->buf = g_malloc(len);
        msg->cap = msg->len = len;
        memcpy(msg->buf, lenbuf, 4);
        if (!fake_read_all(c->fd, msg->buf + 4, len - 4))
            break;
        if (rpc_message_parse(msg) < 0)
            break;
        if (msg->hdr.prog == RPC_PROG_KEEPALIVE)
            continue;
        if (msg->hdr.type != RPC_CALL || !fake_handle(c, msg))
            break;
    }
    shutdown(c->fd, SHUT_RDWR);
    return NULL;
}

static gpointer
fake_accept_thread(gpointer data)
{
    FakeDaemon *d = data;

    for (;;) {
        int fd = accept4(d->listen_fd, NULL, NULL, SOCK_CLOEXEC);
        FakeClient *c;

        if (fd < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        g_mutex_lock(&d->lock);
        if (d->stopping) {
            g_mutex_unlock(&d->lock);
            close(fd);
            break;
        }
        c = g_new0(FakeClient, 1);
        c->d = d;
        c->fd = fd;
        c->thread = g_thread_new("fake-client", fake_client_thread, c);
        g_ptr_array_add(d->clients, c);
        g_mutex_unlock(&d->lock);
    }
    return NULL;
}

/**
 * fake_daemon_start() - listen on @path and serve clients in threads
 */
FakeDaemon *
fake_daemon_start(const char *path, const char *uri, int nsecrets)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    g_autofree char *dir = g_path_get_dirname(path);
    FakeDaemon *d = g_new0(FakeDaemon, 1);

    g_assert(strlen(path) < sizeof(sa.sun_path));
    g_assert(file_mkdir_p(dir, 0755) == 0);
    unlink(path);
    memcpy(sa.sun_path, path, strlen(path) + 1);
    d->listen_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    g_assert(d->listen_fd >= 0);
    g_assert(bind(d->listen_fd, (struct sockaddr *) &sa, sizeof(sa)) == 0);
    g_assert(listen(d->listen_fd, 16) == 0);
    d->path = g_strdup(path);
    d->uri = g_strdup(uri);
    d->nsecrets = nsecrets;
    g_mutex_init(&d->lock);
    d->log = g_string_new("");
    d->clients = g_ptr_array_new();
    d->acceptor = g_thread_new("fake-accept", fake_accept_thread, d);
    return d;
}

/**
 * fake_daemon_kick() - disconnect every client
 */
void
fake_daemon_kick(FakeDaemon *d)
{
    g_mutex_lock(&d->lock);
    for (guint i = 0; i < d->clients->len; i++) {
        FakeClient *c = g_ptr_array_index(d->clients, i);

        shutdown(c->fd, SHUT_RDWR);
    }
    g_mutex_unlock(&d->lock);
}

/**
 * fake_daemon_stop() - stop serving, remove the socket, free everything
 */
void
fake_daemon_stop(FakeDaemon *d)
{
    if (!d)
        return;
    g_mutex_lock(&d->lock);
    d->stopping = true;
    g_mutex_unlock(&d->lock);
    shutdown(d->listen_fd, SHUT_RDWR);
    g_thread_join(d->acceptor);
    close(d->listen_fd);
    fake_daemon_kick(d);
    for (guint i = 0; i < d->clients->len; i++) {
        FakeClient *c = g_ptr_array_index(d->clients, i);

        g_thread_join(c->thread);
        close(c->fd);
        g_free(c);
    }
    g_ptr_array_unref(d->clients);
    unlink(d->path);
    g_string_free(d->log, TRUE);
    g_mutex_clear(&d->lock);
    g_free(d->path);
    g_free(d->uri);
    g_free(d);
}

/**
 * fake_daemon_log() - copy of the call log
 */
char *
fake_daemon_log(FakeDaemon *d)
{
    char *s;

    g_mutex_lock(&d->lock);
    s = g_strdup(d->log->str);
    g_mutex_unlock(&d->lock);
    return s;
}

/**
 * fake_daemon_clear_log() - forget the calls logged so far
 */
void
fake_daemon_clear_log(FakeDaemon *d)
{
    g_mutex_lock(&d->lock);
    g_string_truncate(d->log, 0);
    g_mutex_unlock(&d->lock);
}
