/*
 * test-protocol.c - unit tests for protocol/: the generated procedure tables
 * against the fact table tests/data/protocol/procedures.csv, XDR round trips
 * with bytes taken from the wire captures, decoder bounds, the read-only and
 * driver-class derivations, handler structs, dispatch and client stubs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <glib.h>

#include "protocol/procinfo.h"
#include "protocol/virnet.h"
#include "protocol/keepalive.h"
#include "protocol/remote_protocol.h"
#include "protocol/remote_handlers.h"
#include "protocol/remote_client.h"
#include "protocol/qemu_handlers.h"
#include "protocol/qemu_client.h"
#include "protocol/lxc_handlers.h"
#include "protocol/admin_handlers.h"
#include "protocol/admin_client.h"

#ifndef PROCEDURES_CSV
# error "PROCEDURES_CSV must name tests/data/protocol/procedures.csv"
#endif

#define CSV_COLUMNS 13

enum {
    COL_PROGRAM, COL_NUMBER, COL_NAME, COL_ARGS, COL_RET, COL_MSG, COL_GENERATE,
    COL_PRIORITY, COL_ACL, COL_ACLFILTER, COL_READSTREAM, COL_WRITESTREAM,
    COL_SPARSEFLAG,
};

typedef struct {
    const char *prefix;         /* program column of the csv */
    const ProgramInfo *prog;
    unsigned int expected;      /* procedure count */
} ProgramCase;

static const ProgramCase program_cases[] = {
    { "REMOTE", &remote_program, 443 },
    { "QEMU", &qemu_program, 7 },
    { "LXC", &lxc_program, 1 },
    { "ADMIN", &admin_program, 19 },
    { "KEEPALIVE", &keepalive_program, 2 },
};

static const ProcInfo *
remote_proc(int number)
{
    const ProcInfo *p = proc_lookup(&remote_program, number);

    assert_non_null(p);
    return p;
}

/* ------------------------------------------------------------------ */
/* the tables against procedures.csv                                   */
/* ------------------------------------------------------------------ */

static const char *
csv_path(void)
{
    const char *env = g_getenv("PROTOCOL_CSV");

    return env && *env ? env : PROCEDURES_CSV;
}

static const ProgramCase *
program_case(const char *prefix)
{
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(program_cases); i++) {
        if (g_str_equal(program_cases[i].prefix, prefix))
            return &program_cases[i];
    }
    return NULL;
}

static void
expect_str(GString *errs, const char *row, const char *what,
           const char *want, const char *got)
{
    if (!g_str_equal(want, got ? got : ""))
        g_string_append_printf(errs, "%s: %s: csv '%s', table '%s'\n",
                               row, what, want, got ? got : "(null)");
}

static void
expect_bool(GString *errs, const char *row, const char *what, bool want, bool got)
{
    if (want != got)
        g_string_append_printf(errs, "%s: %s: csv %s, table %s\n", row, what,
                               want ? "yes" : "no", got ? "yes" : "no");
}

static void
compare_row(GString *errs, char **col, unsigned int *seen)
{
    const ProgramCase *pc = program_case(col[COL_PROGRAM]);
    g_autofree char *want_name = NULL;
    g_autofree char *rs = NULL;
    g_autofree char *ws = NULL;
    const ProcInfo *p;
    guint64 number;

    if (!pc) {
        g_string_append_printf(errs, "%s: unknown program %s\n", col[COL_NAME], col[COL_PROGRAM]);
        return;
    }
    if (!g_ascii_string_to_unsigned(col[COL_NUMBER], 10, 1, G_MAXINT, &number, NULL)) {
        g_string_append_printf(errs, "%s: bad number '%s'\n", col[COL_NAME], col[COL_NUMBER]);
        return;
    }
    seen[pc - program_cases]++;
    p = proc_lookup(pc->prog, (int) number);
    if (!p) {
        g_string_append_printf(errs, "%s: %s has no procedure %s\n", col[COL_NAME],
                               pc->prefix, col[COL_NUMBER]);
        return;
    }
    want_name = g_strdup_printf("%s_PROC_%s", pc->prefix, p->name);
    expect_str(errs, col[COL_NAME], "name", col[COL_NAME], want_name);
    if (p->number != (int) number)
        g_string_append_printf(errs, "%s: number %d\n", col[COL_NAME], p->number);
    expect_bool(errs, col[COL_NAME], "args", g_str_equal(col[COL_ARGS], "yes"), p->args_size > 0);
    expect_bool(errs, col[COL_NAME], "ret", g_str_equal(col[COL_RET], "yes"), p->ret_size > 0);
    expect_bool(errs, col[COL_NAME], "msg", g_str_equal(col[COL_MSG], "yes"), p->msg_proc != NULL);
    expect_str(errs, col[COL_NAME], "generate", col[COL_GENERATE], p->generate);
    expect_bool(errs, col[COL_NAME], "priority", g_str_equal(col[COL_PRIORITY], "high"),
                (p->flags & PROC_F_PRIORITY) != 0);
    expect_str(errs, col[COL_NAME], "acl", col[COL_ACL], p->acl);
    expect_str(errs, col[COL_NAME], "aclfilter", col[COL_ACLFILTER], p->aclfilter);
    rs = p->readstream ? g_strdup_printf("%d", p->readstream) : g_strdup("");
    ws = p->writestream ? g_strdup_printf("%d", p->writestream) : g_strdup("");
    expect_str(errs, col[COL_NAME], "readstream", col[COL_READSTREAM], rs);
    expect_str(errs, col[COL_NAME], "writestream", col[COL_WRITESTREAM], ws);
    expect_str(errs, col[COL_NAME], "sparseflag", col[COL_SPARSEFLAG], p->sparseflag);
}

static void
test_tables_match_csv(void **state)
{
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;
    g_autoptr(GString) errs = g_string_new(NULL);
    unsigned int seen[G_N_ELEMENTS(program_cases)] = { 0 };
    unsigned int rows = 0;
    size_t i;

    (void) state;
    if (!g_file_get_contents(csv_path(), &text, NULL, NULL))
        fail_msg("cannot read %s", csv_path());
    lines = g_strsplit(text, "\n", -1);
    assert_true(g_str_has_prefix(lines[0], "program,number,name,args,ret,msg,generate,"));
    for (i = 1; lines[i]; i++) {
        g_auto(GStrv) col = NULL;

        g_strchomp(lines[i]);
        if (!*lines[i])
            continue;
        col = g_strsplit(lines[i], ",", -1);
        if (g_strv_length(col) != CSV_COLUMNS) {
            g_string_append_printf(errs, "line %zu: %u columns\n", i + 1, g_strv_length(col));
            continue;
        }
        compare_row(errs, col, seen);
        rows++;
    }
    for (i = 0; i < G_N_ELEMENTS(program_cases); i++) {
        const ProgramCase *pc = &program_cases[i];
        unsigned int defined = 0;
        unsigned int n;

        for (n = 1; n < pc->prog->nprocs; n++)
            defined += pc->prog->procs[n].name != NULL;
        if (seen[i] != pc->expected || defined != seen[i] || pc->prog->nprocs != seen[i] + 1)
            g_string_append_printf(errs, "%s: csv rows %u, table defines %u (nprocs %u), expected %u\n",
                                   pc->prefix, seen[i], defined, pc->prog->nprocs, pc->expected);
    }
    if (errs->len)
        fail_msg("generated tables differ from %s:\n%s", csv_path(), errs->str);
    assert_int_equal(rows, 443 + 7 + 1 + 19 + 2);
}

static void
test_tables_contiguous(void **state)
{
    size_t i;

    (void) state;
    for (i = 0; i < G_N_ELEMENTS(program_cases); i++) {
        const ProgramInfo *prog = program_cases[i].prog;
        unsigned int n;

        assert_int_equal(prog->nprocs, program_cases[i].expected + 1);
        assert_null(prog->procs[0].name);
        for (n = 1; n < prog->nprocs; n++) {
            const ProcInfo *p = &prog->procs[n];

            assert_non_null(p->name);
            assert_int_equal(p->number, n);
            assert_true(p->driver < PROC_DRV_LAST);
            assert_non_null(p->args_proc);
            assert_non_null(p->ret_proc);
            assert_ptr_equal(proc_lookup(prog, (int) n), p);
        }
        assert_null(proc_lookup(prog, 0));
        assert_null(proc_lookup(prog, -1));
        assert_null(proc_lookup(prog, (int) prog->nprocs));
        assert_ptr_equal(program_find(prog->prog, prog->vers), prog);
    }
    assert_int_equal(remote_program.prog, 0x20008086);
    assert_int_equal(qemu_program.prog, 0x20008087);
    assert_int_equal(lxc_program.prog, 0x00068000);
    assert_int_equal(admin_program.prog, 0x06900690);
    assert_int_equal(keepalive_program.prog, 0x6b656570);
    assert_null(program_find(0x20008086, 2));
    assert_null(program_find(0x87539319, 1));
    assert_null(proc_lookup(NULL, 1));
}

/* ------------------------------------------------------------------ */
/* XDR round trips                                                     */
/* ------------------------------------------------------------------ */

/* CONNECT_OPEN of qemu:///system, flags 0, as captured (wire.md §4). */
static const uint8_t connect_open_frame[56] = {
    0x00, 0x00, 0x00, 0x38,                             /* length 56 */
    0x20, 0x00, 0x80, 0x86, 0x00, 0x00, 0x00, 0x01,     /* prog, vers */
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,     /* proc 1, CALL */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,     /* serial 0, OK */
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x0e,     /* name present, 14 */
    'q', 'e', 'm', 'u', ':', '/', '/', '/', 's', 'y', 's', 't', 'e', 'm',
    0x00, 0x00,                                         /* pad */
    0x00, 0x00, 0x00, 0x00,                             /* flags */
};

static void
test_connect_open_bytes(void **state)
{
    uint8_t buf[128];
    char *name = (char *) "qemu:///system";
    virNetMessageHeader hdr = {
        .prog = REMOTE_PROGRAM, .vers = REMOTE_PROTOCOL_VERSION,
        .proc = REMOTE_PROC_CONNECT_OPEN, .type = VIR_NET_CALL,
        .serial = 0, .status = VIR_NET_OK,
    };
    remote_connect_open_args args = { .name = &name, .flags = 0 };
    remote_connect_open_args back;
    virNetMessageHeader hback;
    uint32_t len = 0;
    XDR x;

    (void) state;
    xdrmem_create(&x, (char *) buf, sizeof(buf), XDR_ENCODE);
    assert_true(xdr_u_int(&x, &len));
    assert_true(xdr_virNetMessageHeader(&x, &hdr));
    assert_int_equal(xdr_getpos(&x), 4 + VIR_NET_MESSAGE_HEADER_MAX);
    assert_true(xdr_remote_connect_open_args(&x, &args));
    len = xdr_getpos(&x);
    xdr_setpos(&x, 0);
    assert_true(xdr_u_int(&x, &len));
    xdr_destroy(&x);
    assert_int_equal(len, sizeof(connect_open_frame));
    assert_memory_equal(buf, connect_open_frame, sizeof(connect_open_frame));

    memset(&back, 0, sizeof(back));
    memset(&hback, 0, sizeof(hback));
    xdrmem_create(&x, (char *) connect_open_frame + 4, sizeof(connect_open_frame) - 4, XDR_DECODE);
    assert_true(xdr_virNetMessageHeader(&x, &hback));
    assert_true(xdr_remote_connect_open_args(&x, &back));
    assert_int_equal(xdr_getpos(&x), sizeof(connect_open_frame) - 4);
    xdr_destroy(&x);
    assert_int_equal(hback.prog, REMOTE_PROGRAM);
    assert_int_equal(hback.proc, REMOTE_PROC_CONNECT_OPEN);
    assert_int_equal(hback.type, VIR_NET_CALL);
    assert_non_null(back.name);
    assert_string_equal(*back.name, "qemu:///system");
    assert_int_equal(back.flags, 0);
    xdr_free((xdrproc_t) xdr_remote_connect_open_args, (char *) &back);

    /* the table's codec pointer is the same codec */
    assert_ptr_equal(remote_proc(REMOTE_PROC_CONNECT_OPEN)->args_proc,
                     (xdrproc_t) xdr_remote_connect_open_args);
}

static void
test_error_roundtrip(void **state)
{
    char *msg = (char *) "Domain not found: no domain with matching name 'nosuchdom'";
    char *s1 = (char *) "Domain not found: %s";
    char *s2 = (char *) "no domain with matching name 'nosuchdom'";
    remote_error err = {
        .code = 42, .domain = 10, .message = &msg, .level = 2,
        .str1 = &s1, .str2 = &s2,
    };
    virNetMessageError nerr = {
        .code = 42, .domain = 10, .message = &msg, .level = 2,
        .str1 = &s1, .str2 = &s2,
    };
    static const uint8_t prefix[] = {
        0x00, 0x00, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x0a,
        0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x3a, 'D', 'o', 'm', 'a',
    };
    uint8_t a[512], b[512];
    remote_error back;
    unsigned int alen, blen;
    XDR x;

    (void) state;
    xdrmem_create(&x, (char *) a, sizeof(a), XDR_ENCODE);
    assert_true(xdr_remote_error(&x, &err));
    alen = xdr_getpos(&x);
    xdr_destroy(&x);
    /* 204-byte captured reply = 28 bytes length + header, 176 payload */
    assert_int_equal(alen, 204 - 28);
    assert_memory_equal(a, prefix, sizeof(prefix));

    xdrmem_create(&x, (char *) b, sizeof(b), XDR_ENCODE);
    assert_true(xdr_virNetMessageError(&x, &nerr));
    blen = xdr_getpos(&x);
    xdr_destroy(&x);
    assert_int_equal(alen, blen);
    assert_memory_equal(a, b, alen);

    memset(&back, 0, sizeof(back));
    xdrmem_create(&x, (char *) a, alen, XDR_DECODE);
    assert_true(xdr_remote_error(&x, &back));
    assert_int_equal(xdr_getpos(&x), alen);
    xdr_destroy(&x);
    assert_int_equal(back.code, 42);
    assert_int_equal(back.domain, 10);
    assert_int_equal(back.level, 2);
    assert_string_equal(*back.message, msg);
    assert_string_equal(*back.str1, s1);
    assert_string_equal(*back.str2, s2);
    assert_null(back.str3);
    assert_null(back.dom);
    assert_null(back.net);
    xdr_free((xdrproc_t) xdr_remote_error, (char *) &back);
}

static void
test_typed_param_and_hole(void **state)
{
    remote_typed_param tp[2] = {
        { .field = (char *) "x", .value = { .type = REMOTE_TYPED_PARAM_ULLONG } },
        { .field = (char *) "y", .value = { .type = REMOTE_TYPED_PARAM_STRING } },
    };
    remote_typed_param bad = { .field = (char *) "z", .value = { .type = 99 } };
    virNetStreamHole hole = { .length = 1 << 20, .flags = 0 };
    uint8_t buf[128];
    XDR x;

    (void) state;
    tp[0].value.remote_typed_param_value_u.ul = 1234567890123ULL;
    tp[1].value.remote_typed_param_value_u.s = (char *) "abc";
    xdrmem_create(&x, (char *) buf, sizeof(buf), XDR_ENCODE);
    assert_true(xdr_remote_typed_param(&x, &tp[0]));
    /* field "x" (8) + discriminant (4) + hyper (8) */
    assert_int_equal(xdr_getpos(&x), 20);
    assert_true(xdr_remote_typed_param(&x, &tp[1]));
    assert_int_equal(xdr_getpos(&x), 20 + 8 + 4 + 8);
    assert_false(xdr_remote_typed_param(&x, &bad));
    xdr_destroy(&x);

    xdrmem_create(&x, (char *) buf, sizeof(buf), XDR_ENCODE);
    assert_true(xdr_virNetStreamHole(&x, &hole));
    assert_int_equal(xdr_getpos(&x), 12);
    xdr_destroy(&x);
}

/* ------------------------------------------------------------------ */
/* decoder bounds                                                      */
/* ------------------------------------------------------------------ */

static void
put_u32(uint8_t *p, uint32_t v)
{
    p[0] = v >> 24;
    p[1] = v >> 16;
    p[2] = v >> 8;
    p[3] = v;
}

/* decode a string whose length word says @len, with @len bytes present
 * (at most 8 MiB of them: beyond that only the length word is sent) */
static bool_t
decode_string_of(uint32_t len)
{
    size_t present = len <= 8 * 1024 * 1024 ? len : 0;
    size_t size = 4 + ((present + 3) & ~(size_t) 3);
    g_autofree uint8_t *buf = g_malloc0(size);
    char *s = NULL;
    bool_t ok;
    XDR x;

    put_u32(buf, len);
    memset(buf + 4, 'a', present);
    xdrmem_create(&x, (char *) buf, size, XDR_DECODE);
    ok = xdr_remote_nonnull_string(&x, &s);
    xdr_destroy(&x);
    if (ok)
        xdr_free((xdrproc_t) xdr_remote_nonnull_string, (char *) &s);
    return ok;
}

static void
test_bounds_string(void **state)
{
    (void) state;
    assert_true(decode_string_of(16));
    assert_true(decode_string_of(REMOTE_STRING_MAX));
    assert_false(decode_string_of(REMOTE_STRING_MAX + 1));
    assert_false(decode_string_of(UINT32_MAX));
}

static void
test_bounds_arrays(void **state)
{
    uint8_t buf[64];
    remote_connect_list_all_domains_ret doms;
    remote_auth_list_ret auth;
    remote_secret_get_value_ret val;
    XDR x;

    (void) state;
    /* a domain list claiming REMOTE_DOMAIN_LIST_MAX + 1 entries */
    memset(buf, 0, sizeof(buf));
    put_u32(buf, REMOTE_DOMAIN_LIST_MAX + 1);
    memset(&doms, 0, sizeof(doms));
    xdrmem_create(&x, (char *) buf, sizeof(buf), XDR_DECODE);
    assert_false(xdr_remote_connect_list_all_domains_ret(&x, &doms));
    xdr_destroy(&x);
    xdr_free((xdrproc_t) xdr_remote_connect_list_all_domains_ret, (char *) &doms);

    /* within the limit but truncated: fails cleanly, no crash */
    put_u32(buf, 3);
    memset(&doms, 0, sizeof(doms));
    xdrmem_create(&x, (char *) buf, 16, XDR_DECODE);
    assert_false(xdr_remote_connect_list_all_domains_ret(&x, &doms));
    xdr_destroy(&x);
    xdr_free((xdrproc_t) xdr_remote_connect_list_all_domains_ret, (char *) &doms);

    /* AUTH_LIST: 20 types allowed, 21 refused */
    put_u32(buf, REMOTE_AUTH_TYPE_LIST_MAX + 1);
    memset(&auth, 0, sizeof(auth));
    xdrmem_create(&x, (char *) buf, sizeof(buf), XDR_DECODE);
    assert_false(xdr_remote_auth_list_ret(&x, &auth));
    xdr_destroy(&x);
    xdr_free((xdrproc_t) xdr_remote_auth_list_ret, (char *) &auth);

    /* opaque secret value over REMOTE_SECRET_VALUE_MAX */
    put_u32(buf, REMOTE_SECRET_VALUE_MAX + 1);
    memset(&val, 0, sizeof(val));
    xdrmem_create(&x, (char *) buf, sizeof(buf), XDR_DECODE);
    assert_false(xdr_remote_secret_get_value_ret(&x, &val));
    xdr_destroy(&x);
    xdr_free((xdrproc_t) xdr_remote_secret_get_value_ret, (char *) &val);
}

static void
test_limits(void **state)
{
    (void) state;
    assert_int_equal(VIR_NET_MESSAGE_MAX, 33554432);
    assert_int_equal(VIR_NET_MESSAGE_PAYLOAD_MAX, VIR_NET_MESSAGE_MAX - VIR_NET_MESSAGE_HEADER_MAX);
    assert_int_equal(VIR_NET_MESSAGE_LEGACY_PAYLOAD_MAX, 262120);
    assert_int_equal(VIR_NET_MESSAGE_NUM_FDS_MAX, 32);
    assert_int_equal(VIR_NET_MESSAGE_STRING_MAX, 4194304);
    assert_int_equal(VIR_NET_STREAM_HOLE, 6);
    assert_int_equal(REMOTE_STRING_MAX, 4194304);
    assert_int_equal(REMOTE_NODE_DEVICE_LIST_MAX, 65536);
    assert_int_equal(REMOTE_CONNECT_GET_ALL_DOMAIN_STATS_MAX, 262144);
    assert_int_equal(REMOTE_SECURITY_LABEL_MAX, 4097);
    assert_int_equal(REMOTE_SECURITY_MODEL_MAX, 257);
}

/* ------------------------------------------------------------------ */
/* derived metadata                                                    */
/* ------------------------------------------------------------------ */

static void
test_readonly(void **state)
{
    remote_domain_get_xml_desc_args xml = { .flags = 0 };

    (void) state;
    assert_false(remote_proc(REMOTE_PROC_SECRET_GET_VALUE)->flags & PROC_F_READONLY);
    assert_true(remote_proc(REMOTE_PROC_SECRET_LOOKUP_BY_UUID)->flags & PROC_F_READONLY);
    assert_true(remote_proc(REMOTE_PROC_CONNECT_LIST_ALL_SECRETS)->flags & PROC_F_READONLY);
    assert_false(remote_proc(REMOTE_PROC_SECRET_DEFINE_XML)->flags & PROC_F_READONLY);
    assert_true(remote_proc(REMOTE_PROC_CONNECT_OPEN)->flags & PROC_F_READONLY);
    assert_true(remote_proc(REMOTE_PROC_CONNECT_CLOSE)->flags & PROC_F_READONLY);
    assert_true(remote_proc(REMOTE_PROC_DOMAIN_GET_INFO)->flags & PROC_F_READONLY);
    assert_false(remote_proc(REMOTE_PROC_DOMAIN_DESTROY)->flags & PROC_F_READONLY);
    assert_false(remote_proc(REMOTE_PROC_DOMAIN_CREATE_XML)->flags & PROC_F_READONLY);
    assert_false(remote_proc(REMOTE_PROC_CONNECT_SET_IDENTITY)->flags & PROC_F_READONLY);
    assert_true(remote_proc(REMOTE_PROC_DOMAIN_EVENT_LIFECYCLE)->flags & PROC_F_READONLY);

    /* conditional entries: allowed, but not with the secure flag */
    assert_true(remote_proc(REMOTE_PROC_DOMAIN_GET_XML_DESC)->flags & PROC_F_READONLY);
    assert_true(proc_allowed_readonly(remote_proc(REMOTE_PROC_DOMAIN_GET_XML_DESC), &xml));
    xml.flags = 1; /* VIR_DOMAIN_XML_SECURE */
    assert_false(proc_allowed_readonly(remote_proc(REMOTE_PROC_DOMAIN_GET_XML_DESC), &xml));
    xml.flags = 2; /* VIR_DOMAIN_XML_INACTIVE */
    assert_true(proc_allowed_readonly(remote_proc(REMOTE_PROC_DOMAIN_GET_XML_DESC), &xml));
    assert_int_equal(remote_proc(REMOTE_PROC_DOMAIN_GET_XML_DESC)->nacl_conds, 2);
    assert_string_equal(remote_proc(REMOTE_PROC_DOMAIN_GET_XML_DESC)->acl_conds[0].perm,
                        "domain:read_secure");
    assert_false(proc_allowed_readonly(remote_proc(REMOTE_PROC_SECRET_GET_VALUE), NULL));
}

static void
test_readonly_conditions(void **state)
{
    const ProcInfo *p = remote_proc(REMOTE_PROC_DOMAIN_INTERFACE_ADDRESSES);
    const ProcInfo *set = remote_proc(REMOTE_PROC_DOMAIN_SET_VCPUS_FLAGS);
    remote_domain_interface_addresses_args ifa = { .source = 0, .flags = 0 };

    (void) state;
    /* "domain:write::source:VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_AGENT" */
    assert_true(p->flags & PROC_F_READONLY);
    assert_int_equal(p->nacl_conds, 1);
    assert_int_equal(p->acl_conds[0].kind, PROC_ACL_IF_EQUAL);
    assert_string_equal(p->acl_conds[0].arg, "source");
    assert_int_equal(p->acl_conds[0].arg_offset,
                     offsetof(remote_domain_interface_addresses_args, source));
    assert_true(proc_allowed_readonly(p, &ifa));
    ifa.source = 1;     /* agent */
    assert_false(proc_allowed_readonly(p, &ifa));
    ifa.source = 2;     /* arp */
    assert_true(proc_allowed_readonly(p, &ifa));

    /* "!A|B" is recorded as an IF_NONE mask over both flags */
    assert_false(set->flags & PROC_F_READONLY);
    assert_int_equal(set->nacl_conds, 3);
    assert_int_equal(set->acl_conds[0].kind, PROC_ACL_IF_NONE);
    assert_int_equal(set->acl_conds[0].value, 3);
    assert_int_equal(set->acl_conds[1].kind, PROC_ACL_IF_ANY);
    assert_int_equal(set->acl_conds[1].value, 2);
    assert_int_equal(set->acl_conds[2].value, 8);
}

typedef struct {
    int proc;
    ProcDriverClass driver;
} DriverCase;

static const DriverCase driver_cases[] = {
    { REMOTE_PROC_CONNECT_OPEN, PROC_DRV_NONE },
    { REMOTE_PROC_CONNECT_CLOSE, PROC_DRV_NONE },
    { REMOTE_PROC_AUTH_LIST, PROC_DRV_NONE },
    { REMOTE_PROC_AUTH_POLKIT, PROC_DRV_NONE },
    { REMOTE_PROC_CONNECT_SUPPORTS_FEATURE, PROC_DRV_NONE },
    { REMOTE_PROC_CONNECT_GET_URI, PROC_DRV_NONE },
    { REMOTE_PROC_CONNECT_GET_HOSTNAME, PROC_DRV_NONE },
    { REMOTE_PROC_CONNECT_GET_LIB_VERSION, PROC_DRV_NONE },
    { REMOTE_PROC_CONNECT_GET_VERSION, PROC_DRV_NONE },
    { REMOTE_PROC_CONNECT_IS_SECURE, PROC_DRV_NONE },
    { REMOTE_PROC_CONNECT_SET_IDENTITY, PROC_DRV_NONE },
    { REMOTE_PROC_CONNECT_REGISTER_CLOSE_CALLBACK, PROC_DRV_NONE },
    { REMOTE_PROC_CONNECT_UNREGISTER_CLOSE_CALLBACK, PROC_DRV_NONE },
    { REMOTE_PROC_SECRET_GET_VALUE, PROC_DRV_SECRET },
    { REMOTE_PROC_CONNECT_LIST_ALL_SECRETS, PROC_DRV_SECRET },
    { REMOTE_PROC_CONNECT_NUM_OF_SECRETS, PROC_DRV_SECRET },
    { REMOTE_PROC_CONNECT_SECRET_EVENT_REGISTER_ANY, PROC_DRV_SECRET },
    { REMOTE_PROC_SECRET_EVENT_VALUE_CHANGED, PROC_DRV_SECRET },
    { REMOTE_PROC_NODE_NUM_OF_DEVICES, PROC_DRV_NODEDEV },
    { REMOTE_PROC_NODE_LIST_DEVICES, PROC_DRV_NODEDEV },
    { REMOTE_PROC_NODE_DEVICE_GET_XML_DESC, PROC_DRV_NODEDEV },
    { REMOTE_PROC_CONNECT_LIST_ALL_NODE_DEVICES, PROC_DRV_NODEDEV },
    { REMOTE_PROC_NODE_GET_INFO, PROC_DRV_HYPERVISOR },
    { REMOTE_PROC_NODE_GET_CPU_STATS, PROC_DRV_HYPERVISOR },
    { REMOTE_PROC_NODE_GET_SECURITY_MODEL, PROC_DRV_HYPERVISOR },
    { REMOTE_PROC_CONNECT_GET_CAPABILITIES, PROC_DRV_HYPERVISOR },
    { REMOTE_PROC_CONNECT_GET_ALL_DOMAIN_STATS, PROC_DRV_HYPERVISOR },
    { REMOTE_PROC_DOMAIN_SNAPSHOT_CURRENT, PROC_DRV_HYPERVISOR },
    { REMOTE_PROC_DOMAIN_CHECKPOINT_DELETE, PROC_DRV_HYPERVISOR },
    { REMOTE_PROC_DOMAIN_INTERFACE_ADDRESSES, PROC_DRV_HYPERVISOR },
    { REMOTE_PROC_DOMAIN_EVENT_LIFECYCLE, PROC_DRV_HYPERVISOR },
    { REMOTE_PROC_STORAGE_POOL_LOOKUP_BY_NAME, PROC_DRV_STORAGE },
    { REMOTE_PROC_STORAGE_VOL_UPLOAD, PROC_DRV_STORAGE },
    { REMOTE_PROC_CONNECT_FIND_STORAGE_POOL_SOURCES, PROC_DRV_STORAGE },
    { REMOTE_PROC_CONNECT_GET_STORAGE_POOL_CAPABILITIES, PROC_DRV_STORAGE },
    { REMOTE_PROC_INTERFACE_CHANGE_BEGIN, PROC_DRV_INTERFACE },
    { REMOTE_PROC_CONNECT_LIST_ALL_INTERFACES, PROC_DRV_INTERFACE },
    { REMOTE_PROC_NWFILTER_BINDING_CREATE_XML, PROC_DRV_NWFILTER },
    { REMOTE_PROC_CONNECT_LIST_ALL_NWFILTER_BINDINGS, PROC_DRV_NWFILTER },
    { REMOTE_PROC_NETWORK_PORT_CREATE_XML, PROC_DRV_NETWORK },
    { REMOTE_PROC_CONNECT_NETWORK_EVENT_REGISTER_ANY, PROC_DRV_NETWORK },
    { REMOTE_PROC_NETWORK_EVENT_LIFECYCLE, PROC_DRV_NETWORK },
};

static void
test_driver_classes(void **state)
{
    size_t i;
    unsigned int n;
    unsigned int per_class[PROC_DRV_LAST] = { 0 };

    (void) state;
    for (i = 0; i < G_N_ELEMENTS(driver_cases); i++) {
        const ProcInfo *p = remote_proc(driver_cases[i].proc);

        if (p->driver != driver_cases[i].driver)
            fail_msg("%s: driver %s, expected %s", p->name,
                     proc_driver_class_to_string(p->driver),
                     proc_driver_class_to_string(driver_cases[i].driver));
    }
    for (n = 1; n < remote_program.nprocs; n++)
        per_class[remote_program.procs[n].driver]++;
    for (i = 0; i < PROC_DRV_LAST; i++)
        assert_true(per_class[i] > 0);
    for (n = 1; n < qemu_program.nprocs; n++)
        assert_int_equal(qemu_program.procs[n].driver, PROC_DRV_HYPERVISOR);
    assert_int_equal(lxc_program.procs[1].driver, PROC_DRV_HYPERVISOR);
    assert_string_equal(proc_driver_class_to_string(PROC_DRV_NODEDEV), "nodedev");
    assert_string_equal(proc_driver_class_to_string(PROC_DRV_NONE), "none");
    assert_null(proc_driver_class_to_string(PROC_DRV_LAST));
}

static void
test_flags(void **state)
{
    unsigned int n;
    unsigned int noauth = 0, streams = 0, fds = 0, events = 0;

    (void) state;
    for (n = 1; n < remote_program.nprocs; n++) {
        const ProcInfo *p = &remote_program.procs[n];

        noauth += !!(p->flags & PROC_F_NOAUTH);
        streams += !!(p->flags & PROC_F_STREAM);
        fds += !!(p->flags & PROC_F_FDS);
        events += !!(p->flags & PROC_F_EVENT);
        assert_int_equal(!!(p->flags & PROC_F_EVENT), p->msg_proc != NULL);
        assert_int_equal(!!(p->flags & PROC_F_HANDWRITTEN), g_str_equal(p->generate, "none"));
    }
    assert_int_equal(noauth, 5);
    assert_true(remote_proc(REMOTE_PROC_AUTH_SASL_STEP)->flags & PROC_F_NOAUTH);
    assert_false(remote_proc(REMOTE_PROC_CONNECT_OPEN)->flags & PROC_F_NOAUTH);
    assert_int_equal(streams, 7);
    assert_int_equal(fds, 5);
    assert_true(remote_proc(REMOTE_PROC_DOMAIN_OPEN_GRAPHICS_FD)->flags & PROC_F_FDS_OUT);
    assert_true(remote_proc(REMOTE_PROC_DOMAIN_CREATE_XML_WITH_FILES)->flags & PROC_F_FDS_IN);
    assert_true(qemu_program.procs[7].flags & PROC_F_FDS_IN);
    assert_true(qemu_program.procs[7].flags & PROC_F_FDS_OUT);
    assert_true(lxc_program.procs[1].flags & PROC_F_FDS_OUT);
    assert_string_equal(remote_proc(REMOTE_PROC_STORAGE_VOL_DOWNLOAD)->sparseflag,
                        "VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM");
    assert_int_equal(remote_proc(REMOTE_PROC_STORAGE_VOL_DOWNLOAD)->sparseflag_value, 1);
    assert_true(remote_proc(REMOTE_PROC_CONNECT_OPEN)->flags & PROC_F_HANDWRITTEN);
    assert_true(keepalive_program.procs[KEEPALIVE_PROC_PING].flags & PROC_F_EVENT);
    assert_null(keepalive_program.procs[KEEPALIVE_PROC_PONG].dispatch);
    assert_int_equal(keepalive_program.handlers_size, 0);
    assert_int_equal(events, 51);
}

/* ------------------------------------------------------------------ */
/* handlers, dispatch and client stubs                                 */
/* ------------------------------------------------------------------ */

static unsigned int
count_callable(const ProgramInfo *prog)
{
    unsigned int n, count = 0;

    for (n = 1; n < prog->nprocs; n++) {
        const ProcInfo *p = &prog->procs[n];

        if (p->flags & PROC_F_EVENT) {
            assert_null(p->dispatch);
        } else {
            assert_non_null(p->dispatch);
            count++;
        }
    }
    return count;
}

static void
test_handler_structs(void **state)
{
    (void) state;
    assert_int_equal(REMOTE_HANDLERS_COUNT, count_callable(&remote_program));
    assert_int_equal(sizeof(RemoteHandlers), REMOTE_HANDLERS_COUNT * sizeof(void (*)(void)));
    assert_int_equal(remote_program.handlers_size, sizeof(RemoteHandlers));
    assert_int_equal(QEMU_HANDLERS_COUNT, count_callable(&qemu_program));
    assert_int_equal(QEMU_HANDLERS_COUNT, 6);
    assert_int_equal(sizeof(QemuHandlers), QEMU_HANDLERS_COUNT * sizeof(void (*)(void)));
    assert_int_equal(LXC_HANDLERS_COUNT, count_callable(&lxc_program));
    assert_int_equal(sizeof(LxcHandlers), LXC_HANDLERS_COUNT * sizeof(void (*)(void)));
    assert_int_equal(ADMIN_HANDLERS_COUNT, count_callable(&admin_program));
    assert_int_equal(ADMIN_HANDLERS_COUNT, 19);
    assert_int_equal(sizeof(AdminHandlers), ADMIN_HANDLERS_COUNT * sizeof(void (*)(void)));
    assert_int_equal(count_callable(&keepalive_program), 0);
}

static void *seen_args;
static void *seen_ret;

static int
fake_secret_get_value(RpcCall *call, remote_secret_get_value_args *args,
                      remote_secret_get_value_ret *ret)
{
    (void) call;
    seen_args = args;
    seen_ret = ret;
    return 7;
}

static int
fake_connect_close(RpcCall *call)
{
    (void) call;
    return 3;
}

static void
test_dispatch(void **state)
{
    RemoteHandlers h;
    remote_secret_get_value_args args;
    remote_secret_get_value_ret ret;
    const ProcInfo *p = remote_proc(REMOTE_PROC_SECRET_GET_VALUE);
    const ProcInfo *c = remote_proc(REMOTE_PROC_CONNECT_CLOSE);

    (void) state;
    memset(&h, 0, sizeof(h));
    assert_int_equal(p->dispatch(&h, NULL, &args, &ret), PROC_DISPATCH_NO_HANDLER);
    assert_int_equal(c->dispatch(&h, NULL, NULL, NULL), PROC_DISPATCH_NO_HANDLER);
    h.secret_get_value = fake_secret_get_value;
    h.connect_close = fake_connect_close;
    assert_int_equal(p->dispatch(&h, NULL, &args, &ret), 7);
    assert_ptr_equal(seen_args, &args);
    assert_ptr_equal(seen_ret, &ret);
    assert_int_equal(c->dispatch(&h, NULL, NULL, NULL), 3);
}

/* The client stubs call rpc_client_call(), which common/rpc provides in the
 * real build; this fake records what the stub passed. */
static const ProgramInfo *call_prog;
static int call_proc;
static void *call_args;
static void *call_ret;

int
rpc_client_call(RpcClient *client, const ProgramInfo *prog, int proc,
                void *args, void *ret)
{
    (void) client;
    call_prog = prog;
    call_proc = proc;
    call_args = args;
    call_ret = ret;
    return 0;
}

static void
test_client_stubs(void **state)
{
    remote_secret_get_value_args args;
    remote_secret_get_value_ret ret;
    admin_connect_open_args aargs;
    qemu_domain_monitor_command_args qargs;
    qemu_domain_monitor_command_ret qret;

    (void) state;
    assert_int_equal(remote_call_secret_get_value(NULL, &args, &ret), 0);
    assert_ptr_equal(call_prog, &remote_program);
    assert_int_equal(call_proc, REMOTE_PROC_SECRET_GET_VALUE);
    assert_ptr_equal(call_args, &args);
    assert_ptr_equal(call_ret, &ret);

    assert_int_equal(remote_call_connect_close(NULL), 0);
    assert_int_equal(call_proc, REMOTE_PROC_CONNECT_CLOSE);
    assert_null(call_args);
    assert_null(call_ret);

    assert_int_equal(admin_call_connect_open(NULL, &aargs), 0);
    assert_ptr_equal(call_prog, &admin_program);
    assert_int_equal(call_proc, ADMIN_PROC_CONNECT_OPEN);

    assert_int_equal(qemu_call_domain_monitor_command(NULL, &qargs, &qret), 0);
    assert_ptr_equal(call_prog, &qemu_program);
    assert_int_equal(call_proc, QEMU_PROC_DOMAIN_MONITOR_COMMAND);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tables_match_csv),
        cmocka_unit_test(test_tables_contiguous),
        cmocka_unit_test(test_connect_open_bytes),
        cmocka_unit_test(test_error_roundtrip),
        cmocka_unit_test(test_typed_param_and_hole),
        cmocka_unit_test(test_bounds_string),
        cmocka_unit_test(test_bounds_arrays),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_readonly),
        cmocka_unit_test(test_readonly_conditions),
        cmocka_unit_test(test_driver_classes),
        cmocka_unit_test(test_flags),
        cmocka_unit_test(test_handler_structs),
        cmocka_unit_test(test_dispatch),
        cmocka_unit_test(test_client_stubs),
    };

    return cmocka_run_group_tests_name("protocol", tests, NULL, NULL);
}
