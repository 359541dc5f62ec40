/* tests/unit/rpc/test-rpc-conn.c: RpcConn over a socketpair: frames split
 * at every byte, many frames per read, frames larger than the receive
 * buffer, fd passing, framing errors, keepalive PONG, pause/resume. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "common/rpc/conn.h"

typedef struct {
    GMainContext *ctx;
    RpcConn *conn;
    int peer;                   /* raw end of the socketpair */
    GPtrArray *got;             /* RpcMessage* */
    bool closed;
} Fx;

static void
fx_message(RpcConn *conn, RpcMessage *msg, void *opaque)
{
    Fx *fx = opaque;

    g_ptr_array_add(fx->got, msg);
}

static void
fx_closed(RpcConn *conn, void *opaque)
{
    ((Fx *) opaque)->closed = true;
}

static const RpcConnOps fx_ops = { .message = fx_message, .closed = fx_closed };

static int
setup(void **state)
{
    Fx *fx = g_new0(Fx, 1);
    int sv[2];

    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0)
        return -1;
    fx->ctx = g_main_context_new();
    g_main_context_push_thread_default(fx->ctx);
    fx->got = g_ptr_array_new_with_free_func((GDestroyNotify) rpc_message_free);
    fx->conn = rpc_conn_new(sv[0], fx->ctx, &fx_ops, fx);
    fx->peer = sv[1];
    *state = fx;
    return 0;
}

static int
teardown(void **state)
{
    Fx *fx = *state;

    rpc_conn_close(fx->conn);
    for (int i = 0; i < 10; i++)
        g_main_context_iteration(fx->ctx, FALSE);
    rpc_conn_unref(fx->conn);
    close(fx->peer);
    g_ptr_array_unref(fx->got);
    g_main_context_pop_thread_default(fx->ctx);
    g_main_context_unref(fx->ctx);
    g_free(fx);
    return 0;
}

static void
spin_until(Fx *fx, guint n)
{
    int64_t end = g_get_monotonic_time() + 2 * G_USEC_PER_SEC;

    while (fx->got->len < n && !fx->closed && g_get_monotonic_time() < end)
        g_main_context_iteration(fx->ctx, FALSE);
}

static RpcMessage *
make_frame(uint32_t serial, size_t payload)
{
    RpcMessage *m = rpc_message_new();
    RpcHeader h = { .prog = RPC_PROG_REMOTE, .vers = 1, .proc = 3, .serial = serial };
    g_autofree uint8_t *data = g_malloc(payload + 1);

    for (size_t i = 0; i < payload; i++)
        data[i] = (uint8_t) (i * 7 + serial);
    rpc_message_encode_raw(m, &h, data, payload);
    return m;
}

static void
test_split_and_batched(void **state)
{
    Fx *fx = *state;
    g_autoptr(RpcMessage) a = make_frame(1, 10);
    g_autoptr(RpcMessage) b = make_frame(2, 0);
    g_autoptr(RpcMessage) c = make_frame(3, 100);

    /* a, byte by byte */
    for (size_t i = 0; i < a->len; i++) {
        assert_int_equal(write(fx->peer, a->buf + i, 1), 1);
        g_main_context_iteration(fx->ctx, FALSE);
    }
    /* b and c in one write */
    {
        GByteArray *both = g_byte_array_new();

        g_byte_array_append(both, b->buf, (guint) b->len);
        g_byte_array_append(both, c->buf, (guint) c->len);
        assert_int_equal(write(fx->peer, both->data, both->len), (ssize_t) both->len);
        g_byte_array_unref(both);
    }
    spin_until(fx, 3);
    assert_int_equal(fx->got->len, 3);
    for (guint i = 0; i < 3; i++) {
        RpcMessage *m = fx->got->pdata[i];

        assert_int_equal(m->hdr.serial, i + 1);
    }
    assert_int_equal(((RpcMessage *) fx->got->pdata[2])->len, c->len);
    assert_memory_equal(((RpcMessage *) fx->got->pdata[2])->buf, c->buf, c->len);
}

typedef struct {
    int fd;
    RpcMessage *m;
} WriteJob;

static gpointer
write_all_thread(gpointer data)
{
    WriteJob *j = data;
    size_t off = 0;

    while (off < j->m->len) {
        ssize_t n = write(j->fd, j->m->buf + off, j->m->len - off);

        if (n <= 0)
            break;
        off += (size_t) n;
    }
    return NULL;
}

static void
test_big_frame(void **state)
{
    Fx *fx = *state;
    g_autoptr(RpcMessage) big = make_frame(7, 3 * 1024 * 1024);
    WriteJob j = { .fd = fx->peer, .m = big };
    GThread *t = g_thread_new("w", write_all_thread, &j);

    spin_until(fx, 1);
    g_thread_join(t);
    assert_int_equal(fx->got->len, 1);
    assert_int_equal(((RpcMessage *) fx->got->pdata[0])->len, big->len);
    assert_memory_equal(((RpcMessage *) fx->got->pdata[0])->buf, big->buf, big->len);
}

static void
test_bad_length_closes(void **state)
{
    Fx *fx = *state;
    uint8_t bad[8] = { 0, 0, 0, 3 };

    assert_int_equal(write(fx->peer, bad, sizeof(bad)), 8);
    spin_until(fx, 1);
    assert_true(fx->closed);
    assert_int_equal(fx->got->len, 0);
    assert_true(rpc_conn_is_closed(fx->conn));
    assert_int_equal(rpc_conn_send(fx->conn, make_frame(1, 0)), -1);
}

static void
test_fd_passing(void **state)
{
    Fx *fx = *state;
    g_autoptr(RpcMessage) m = rpc_message_new();
    RpcHeader h = { .prog = RPC_PROG_REMOTE, .vers = 1, .proc = 309,
                    .type = RPC_CALL_WITH_FDS, .serial = 5 };
    int *fds = g_new(int, 2);
    RpcMessage *got;
    struct stat st1, st2;
    int sv[2];

    /* send through a second RpcConn so the sender side is ours too */
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0);
    fds[0] = dup(STDIN_FILENO);
    fds[1] = dup(STDERR_FILENO);
    rpc_message_set_fds(m, fds, 2);
    assert_int_equal(rpc_message_encode(m, &h, NULL, NULL), 0);
    {
        RpcConn *tx = rpc_conn_new(sv[0], fx->ctx, &fx_ops, fx);
        RpcConn *rx = rpc_conn_new(sv[1], fx->ctx, &fx_ops, fx);

        assert_int_equal(rpc_conn_send(tx, g_steal_pointer(&m)), 0);
        spin_until(fx, 1);
        assert_int_equal(fx->got->len, 1);
        got = fx->got->pdata[0];
        assert_int_equal(got->hdr.serial, 5);
        assert_int_equal(got->nfds, 2);
        assert_int_equal(fstat(got->fds[0], &st1), 0);
        assert_int_equal(fstat(STDIN_FILENO, &st2), 0);
        assert_int_equal(st1.st_ino, st2.st_ino);
        assert_int_equal(fstat(got->fds[1], &st1), 0);
        assert_int_equal(fstat(STDERR_FILENO, &st2), 0);
        assert_int_equal(st1.st_ino, st2.st_ino);
        rpc_conn_close(tx);
        rpc_conn_close(rx);
        for (int i = 0; i < 5; i++)
            g_main_context_iteration(fx->ctx, FALSE);
        rpc_conn_unref(tx);
        rpc_conn_unref(rx);
    }
}

static void
test_ping_pong(void **state)
{
    Fx *fx = *state;
    g_autoptr(RpcMessage) ping = rpc_message_new();
    RpcHeader h = { .prog = RPC_PROG_KEEPALIVE, .vers = 1, .proc = RPC_KEEPALIVE_PING,
                    .type = RPC_MESSAGE };
    uint8_t buf[64];
    RpcHeader back;
    ssize_t n;

    rpc_message_encode(ping, &h, NULL, NULL);
    assert_int_equal(write(fx->peer, ping->buf, ping->len), 28);
    for (int i = 0; i < 5; i++)
        g_main_context_iteration(fx->ctx, FALSE);
    n = recv(fx->peer, buf, sizeof(buf), MSG_DONTWAIT);
    assert_int_equal(n, 28);
    rpc_header_decode(buf + 4, &back);
    assert_int_equal(back.prog, RPC_PROG_KEEPALIVE);
    assert_int_equal(back.proc, RPC_KEEPALIVE_PONG);
    assert_int_equal(back.type, RPC_MESSAGE);
    assert_int_equal(fx->got->len, 0);     /* not passed up */
}

static void
test_pause_resume(void **state)
{
    Fx *fx = *state;
    g_autoptr(RpcMessage) a = make_frame(1, 4);
    g_autoptr(RpcMessage) b = make_frame(2, 4);
    GByteArray *both = g_byte_array_new();

    g_byte_array_append(both, a->buf, (guint) a->len);
    g_byte_array_append(both, b->buf, (guint) b->len);
    rpc_conn_pause_rx(fx->conn, true);
    assert_int_equal(write(fx->peer, both->data, both->len), (ssize_t) both->len);
    g_byte_array_unref(both);
    for (int i = 0; i < 5; i++)
        g_main_context_iteration(fx->ctx, FALSE);
    assert_int_equal(fx->got->len, 0);
    rpc_conn_pause_rx(fx->conn, false);
    spin_until(fx, 2);
    assert_int_equal(fx->got->len, 2);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_split_and_batched, setup, teardown),
        cmocka_unit_test_setup_teardown(test_big_frame, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_length_closes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fd_passing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ping_pong, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pause_resume, setup, teardown),
    };

    return cmocka_run_group_tests_name("rpc-conn", tests, NULL, NULL);
}
