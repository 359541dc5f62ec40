/* tests/unit/rpc/test-rpc-message.c: frame layout, header codec, length
 * limits, payload encode/decode and the wire error struct. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "common/rpc/message.h"
#include "common/util/err.h"

static void
test_header_codec(void **state)
{
    RpcHeader h = {
        .prog = 0x20008086, .vers = 1, .proc = 66, .type = RPC_REPLY,
        .serial = 0xdeadbeef, .status = RPC_STATUS_ERROR,
    };
    static const uint8_t want[24] = {
        0x20, 0x00, 0x80, 0x86, 0, 0, 0, 1, 0, 0, 0, 66,
        0, 0, 0, 1, 0xde, 0xad, 0xbe, 0xef, 0, 0, 0, 1,
    };
    uint8_t buf[24];
    RpcHeader back;

    rpc_header_encode(&h, buf);
    assert_memory_equal(buf, want, sizeof(want));
    rpc_header_decode(buf, &back);
    assert_memory_equal(&back, &h, sizeof(h));
}

static void
test_length_limits(void **state)
{
    assert_false(rpc_frame_length_ok(0));
    assert_false(rpc_frame_length_ok(3));
    assert_false(rpc_frame_length_ok(4));
    assert_false(rpc_frame_length_ok(27));
    assert_true(rpc_frame_length_ok(28));
    assert_true(rpc_frame_length_ok(32 * 1024 * 1024 + 4));
    assert_false(rpc_frame_length_ok(32 * 1024 * 1024 + 5));
    assert_false(rpc_frame_length_ok(0xffffffff));
}

static void
test_void_frame(void **state)
{
    g_autoptr(RpcMessage) m = rpc_message_new();
    RpcHeader h = { .prog = RPC_PROG_REMOTE, .vers = 1, .proc = 66, .serial = 0 };

    assert_int_equal(rpc_message_encode(m, &h, NULL, NULL), 0);
    assert_int_equal(m->len, 28);
    assert_int_equal(m->buf[3], 28);
    assert_int_equal(rpc_message_parse(m), 0);
    assert_int_equal(m->hdr.proc, 66);
}

static bool_t
xdr_open_args(XDR *x, void *data)
{
    char **name = data;
    unsigned int flags = 0;

    return xdr_pointer(x, (char **) name, sizeof(char *), (xdrproc_t) xdr_wrapstring) &&
           xdr_u_int(x, &flags);
}

static void
test_open_args_bytes(void **state)
{
    /* wire.md: CONNECT_OPEN("qemu:///system", 0) is a 56-byte frame */
    g_autoptr(RpcMessage) m = rpc_message_new();
    RpcHeader h = { .prog = RPC_PROG_REMOTE, .vers = 1, .proc = 1, .serial = 2 };
    char *name = (char *) "qemu:///system";
    char **pname = &name;
    static const uint8_t payload[] = {
        0, 0, 0, 1, 0, 0, 0, 14, 'q', 'e', 'm', 'u', ':', '/', '/', '/',
        's', 'y', 's', 't', 'e', 'm', 0, 0, 0, 0, 0, 0,
    };
    size_t plen;

    assert_int_equal(rpc_message_encode(m, &h, (xdrproc_t) xdr_open_args, &pname), 0);
    assert_int_equal(m->len, 56);
    assert_memory_equal(rpc_message_payload(m, &plen), payload, sizeof(payload));
    assert_int_equal(plen, sizeof(payload));
}

static bool_t
xdr_big_string(XDR *x, char **s)
{
    return xdr_string(x, s, RPC_STRING_MAX);
}

static void
test_grow_large_payload(void **state)
{
    g_autoptr(RpcMessage) m = rpc_message_new();
    g_autoptr(RpcMessage) in = rpc_message_new();
    RpcHeader h = { .prog = RPC_PROG_REMOTE, .vers = 1, .proc = 14 };
    g_autofree char *big = g_malloc(1000001);
    char *back = NULL;

    memset(big, 'a', 1000000);
    big[1000000] = '\0';
    assert_int_equal(rpc_message_encode(m, &h, (xdrproc_t) xdr_big_string, &big), 0);
    assert_int_equal(m->len, 28 + 4 + 1000000);
    in->buf = g_memdup2(m->buf, m->len);
    in->len = in->cap = m->len;
    assert_int_equal(rpc_message_parse(in), 0);
    assert_int_equal(rpc_message_decode(in, (xdrproc_t) xdr_big_string, &back), 0);
    assert_int_equal(strlen(back), 1000000);
    free(back);
}

static bool_t
xdr_invalid(XDR *x, void *data)
{
    unsigned int v = 1;

    /* encodes a little, then finds its data invalid (e.g. a bad union arm) */
    return xdr_u_int(x, &v) && FALSE;
}

static void
test_encode_invalid_fails_fast(void **state)
{
    g_autoptr(RpcMessage) m = rpc_message_new();
    RpcHeader h = { .prog = RPC_PROG_REMOTE, .vers = 1, .proc = 14 };

    /* data the codec rejects: an error, and no growth towards 32 MiB */
    assert_int_equal(rpc_message_encode(m, &h, (xdrproc_t) xdr_invalid, NULL), -1);
    assert_int_equal(err_last_code(), VIR_ERR_RPC);
    assert_true(m->cap <= RPC_INITIAL_BUF);
}

static void
test_fds_count(void **state)
{
    g_autoptr(RpcMessage) m = rpc_message_new();
    g_autoptr(RpcMessage) in = rpc_message_new();
    RpcHeader h = { .prog = RPC_PROG_REMOTE, .vers = 1, .proc = 309, .type = RPC_CALL_WITH_FDS };
    int *fds = g_new(int, 2);

    fds[0] = fds[1] = -1;
    rpc_message_set_fds(m, fds, 2);
    assert_int_equal(rpc_message_encode(m, &h, NULL, NULL), 0);
    assert_int_equal(m->len, 32);
    in->buf = g_memdup2(m->buf, m->len);
    in->len = m->len;
    assert_int_equal(rpc_message_parse(in), 2);
    assert_int_equal(in->payload_off, 32);
    /* more than 32 fds is a framing error */
    in->buf[31] = 33;
    assert_int_equal(rpc_message_parse(in), -1);
    /* length word must match the buffer */
    in->buf[31] = 1;
    in->buf[3] = 0;
    assert_int_equal(rpc_message_parse(in), -1);
}

static void
test_error_roundtrip(void **state)
{
    g_autoptr(RpcMessage) m = rpc_message_new();
    g_autoptr(RpcMessage) in = rpc_message_new();
    RpcHeader h = { .prog = RPC_PROG_REMOTE, .vers = 1, .proc = 23, .serial = 9 };
    virError e = {
        .code = VIR_ERR_NO_DOMAIN, .domain = VIR_FROM_QEMU, .level = VIR_ERR_ERROR,
        .message = (char *) "Domain not found: no domain with matching name 'nosuchdom'",
        .str1 = (char *) "Domain not found: %s",
        .str2 = (char *) "no domain with matching name 'nosuchdom'",
        .int1 = 3, .int2 = -4,
    };
    virError back = { 0 };

    assert_int_equal(rpc_message_encode_error(m, &h, &e), 0);
    /* captured example in wire.md: reply length 204 */
    assert_int_equal(m->len, 204);
    in->buf = g_memdup2(m->buf, m->len);
    in->len = m->len;
    assert_int_equal(rpc_message_parse(in), 0);
    assert_int_equal(in->hdr.type, RPC_REPLY);
    assert_int_equal(in->hdr.status, RPC_STATUS_ERROR);
    assert_int_equal(in->hdr.serial, 9);
    assert_int_equal(rpc_message_decode_error(in, &back), 0);
    assert_int_equal(back.code, e.code);
    assert_int_equal(back.domain, e.domain);
    assert_int_equal(back.level, e.level);
    assert_string_equal(back.message, e.message);
    assert_string_equal(back.str1, e.str1);
    assert_string_equal(back.str2, e.str2);
    assert_null(back.str3);
    assert_int_equal(back.int1, 3);
    assert_int_equal(back.int2, -4);
    err_clear(&back);
}

static void
test_error_with_dom_skipped(void **state)
{
    /* code, domain, message absent, level, dom present {name, uuid, id},
     * str1..3 absent, int1, int2, net absent */
    static const uint8_t payload[] = {
        0, 0, 0, 42, 0, 0, 0, 10, 0, 0, 0, 0, 0, 0, 0, 2,
        0, 0, 0, 1, 0, 0, 0, 1, 'x', 0, 0, 0,
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
        0xff, 0xff, 0xff, 0xff,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7, 0, 0, 0, 8, 0, 0, 0, 0,
    };
    g_autoptr(RpcMessage) m = rpc_message_new();
    RpcHeader h = { .prog = RPC_PROG_REMOTE, .vers = 1, .type = RPC_REPLY,
                    .status = RPC_STATUS_ERROR };
    virError back = { 0 };

    assert_int_equal(rpc_message_encode_raw(m, &h, payload, sizeof(payload)), 0);
    assert_int_equal(rpc_message_parse(m), 0);
    assert_int_equal(rpc_message_decode_error(m, &back), 0);
    assert_int_equal(back.code, 42);
    assert_null(back.message);
    assert_int_equal(back.int1, 7);
    assert_int_equal(back.int2, 8);
    err_clear(&back);
}

static void
test_error_truncated(void **state)
{
    static const uint8_t payload[] = { 0, 0, 0, 42, 0, 0, 0, 10, 0, 0, 0, 1, 0, 0, 0x10, 0 };
    g_autoptr(RpcMessage) m = rpc_message_new();
    RpcHeader h = { .prog = RPC_PROG_REMOTE, .vers = 1, .type = RPC_REPLY,
                    .status = RPC_STATUS_ERROR };
    virError back = { 0 };

    assert_int_equal(rpc_message_encode_raw(m, &h, payload, sizeof(payload)), 0);
    assert_int_equal(rpc_message_parse(m), 0);
    assert_int_equal(rpc_message_decode_error(m, &back), -1);
    assert_int_equal(back.code, 0);
    assert_null(back.message);
}

static void
test_error_default(void **state)
{
    g_autoptr(RpcMessage) m = rpc_message_new();
    RpcHeader h = { .prog = RPC_PROG_REMOTE, .vers = 1 };
    virError back = { 0 };

    assert_int_equal(rpc_message_encode_error(m, &h, NULL), 0);
    assert_int_equal(rpc_message_parse(m), 0);
    assert_int_equal(rpc_message_decode_error(m, &back), 0);
    assert_int_equal(back.code, VIR_ERR_INTERNAL_ERROR);
    assert_non_null(back.message);
    err_clear(&back);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_header_codec),
        cmocka_unit_test(test_length_limits),
        cmocka_unit_test(test_void_frame),
        cmocka_unit_test(test_open_args_bytes),
        cmocka_unit_test(test_grow_large_payload),
        cmocka_unit_test(test_encode_invalid_fails_fast),
        cmocka_unit_test(test_fds_count),
        cmocka_unit_test(test_error_roundtrip),
        cmocka_unit_test(test_error_with_dom_skipped),
        cmocka_unit_test(test_error_truncated),
        cmocka_unit_test(test_error_default),
    };

    return cmocka_run_group_tests_name("rpc-message", tests, NULL, NULL);
}
