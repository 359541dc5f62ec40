/* tests/unit/conf/test-xmlcodec.c: the value codecs one by one: accepted and
 * rejected text, ranges, formatting, and the helpers they share. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <cmocka.h>

#include "common/conf/xmlmap.h"

/* Run @f's codec on @text; return 0/-1 and the formatted form in *ret_out. */
static int
roundtrip(const XmlField *f, const char *text, void *slot, char **ret_out)
{
    g_autofree char *why = NULL;
    GString *out;

    if (f->codec->parse(f, NULL, text, slot, &why) < 0) {
        assert_non_null(why);
        return -1;
    }
    assert_null(why);
    out = g_string_new(NULL);
    f->codec->format(f, slot, out);
    *ret_out = g_string_free(out, FALSE);
    return 0;
}

static void
expect_ok(const XmlField *f, const char *text, const char *formatted, void *slot)
{
    g_autofree char *out = NULL;

    assert_int_equal(roundtrip(f, text, slot, &out), 0);
    assert_string_equal(out, formatted);
}

static void
expect_bad(const XmlField *f, const char *text, void *slot)
{
    g_autofree char *out = NULL;

    assert_int_equal(roundtrip(f, text, slot, &out), -1);
}

static void
test_string(void **state)
{
    XmlField f = { .codec = &xml_codec_string };
    XmlField ne = { .codec = &xml_codec_string, .flags = XF_NONEMPTY };
    char *s = NULL;

    expect_ok(&f, "a<b>&'\"c", "a&lt;b&gt;&amp;&apos;&quot;c", &s);
    assert_string_equal(s, "a<b>&'\"c");
    expect_ok(&f, "", "", &s);
    assert_true(f.codec->is_set(&f, &s));
    expect_bad(&ne, "", &s);
    f.codec->clear(&s);
    assert_null(s);
    assert_false(f.codec->is_set(&f, &s));
}

static void
test_escape_control(void **state)
{
    g_autoptr(GString) out = g_string_new(NULL);

    xml_escape_append(out, "a\tb\nc\rd\x01" "e\x1f");
    assert_string_equal(out->str, "a\tb\nc\rde\x1f");
}

static void
test_uint(void **state)
{
    XmlField f = { .codec = &xml_codec_uint, .min = 1, .max = 65535 };
    XmlField hex = { .codec = &xml_codec_uint, .base = XML_BASE_C, .hex = 4 };
    XmlField nz = { .codec = &xml_codec_uint, .flags = XF_NONZERO };
    unsigned int v = 0;

    expect_ok(&f, "53", "53", &v);
    assert_int_equal(v, 53);
    expect_bad(&f, "0", &v);
    expect_bad(&f, "65536", &v);
    expect_bad(&f, "-1", &v);
    expect_bad(&f, "12a", &v);
    expect_bad(&f, "", &v);
    expect_bad(&f, " 5", &v);
    assert_int_equal(v, 53);            /* untouched on failure */
    expect_ok(&hex, "0x1f", "0x001f", &v);
    expect_ok(&hex, "31", "0x001f", &v);
    expect_bad(&nz, "0", &v);
    expect_bad(&(XmlField) { .codec = &xml_codec_uint }, "4294967296", &v);
}

static void
test_ulong_ullong_int(void **state)
{
    XmlField ul = { .codec = &xml_codec_ulong };
    XmlField ull = { .codec = &xml_codec_ullong };
    XmlField i = { .codec = &xml_codec_int, .smin = -1, .smax = 100 };
    unsigned long a = 0;
    unsigned long long b = 0;
    int c = 0;

    expect_ok(&ul, "4294967296", "4294967296", &a);
    expect_ok(&ull, "18446744073709551615", "18446744073709551615", &b);
    expect_bad(&ull, "18446744073709551616", &b);
    expect_ok(&i, "-1", "-1", &c);
    expect_bad(&i, "-2", &c);
    expect_bad(&i, "101", &c);
    expect_bad(&i, "x", &c);
}

static void
test_bools(void **state)
{
    XmlField yn = { .codec = &xml_codec_yesno };
    XmlField oo = { .codec = &xml_codec_onoff };
    XmlField tri = { .codec = &xml_codec_tristate };
    XmlField sw = { .codec = &xml_codec_switch };
    bool b = false;
    int t = 0;

    expect_ok(&yn, "yes", "yes", &b);
    assert_true(b);
    expect_ok(&yn, "no", "no", &b);
    assert_false(b);
    expect_bad(&yn, "on", &b);
    expect_bad(&yn, "YES", &b);
    expect_ok(&oo, "on", "on", &b);
    expect_bad(&oo, "yes", &b);
    assert_false(tri.codec->is_set(&tri, &t));
    expect_ok(&tri, "no", "no", &t);
    assert_int_equal(t, XML_TRISTATE_NO);
    expect_ok(&sw, "on", "on", &t);
    assert_int_equal(t, XML_TRISTATE_YES);
    expect_bad(&sw, "1", &t);
    assert_true(tri.codec->flags & XC_UNSET_OMITTED);
}

static const char *const colours[] = { "none", "red", "green" };

static const char *
colour_to(int v)
{
    return v >= 0 && v < 3 ? colours[v] : NULL;
}

static int
colour_from(const char *s)
{
    for (int i = 0; i < 3; i++) {
        if (g_str_equal(s, colours[i]))
            return i;
    }
    return -1;
}

static void
test_enum(void **state)
{
    XmlField f = { .codec = &xml_codec_enum, .enum_to = colour_to, .enum_from = colour_from };
    XmlField no_none = f;
    int v = 0;
    g_autofree char *why = NULL;

    no_none.min = 1;
    expect_ok(&f, "green", "green", &v);
    assert_int_equal(v, 2);
    expect_ok(&f, "none", "none", &v);
    expect_bad(&f, "blue", &v);
    assert_int_equal(no_none.codec->parse(&no_none, NULL, "none", &v, &why), -1);
    /* the explanation lists only the acceptable names */
    assert_non_null(strstr(why, "'red', 'green'"));
    assert_null(strstr(why, "'none'"));
}

static void
test_uuid_mac_ip(void **state)
{
    XmlField u = { .codec = &xml_codec_uuid };
    XmlField m = { .codec = &xml_codec_mac };
    XmlField mu = { .codec = &xml_codec_mac, .flags = XF_NONZERO };
    XmlField ip = { .codec = &xml_codec_ip };
    unsigned char uuid[16] = { 0 };
    unsigned char mac[6] = { 0 };
    IpAddr a = { 0 };

    assert_false(u.codec->is_set(&u, uuid));
    expect_ok(&u, "C2A8A7A6-6B0E-4A51-9F3F-5F0C9B7E1A11",
              "c2a8a7a6-6b0e-4a51-9f3f-5f0c9b7e1a11", uuid);
    expect_ok(&u, "c2a8a7a66b0e4a519f3f5f0c9b7e1a11",
              "c2a8a7a6-6b0e-4a51-9f3f-5f0c9b7e1a11", uuid);
    expect_bad(&u, "c2a8a7a6-6b0e-4a51-9f3f", uuid);
    assert_int_equal(uuid[0], 0xc2);      /* untouched by the failure */
    assert_true(u.codec->is_set(&u, uuid));

    assert_false(m.codec->is_set(&m, mac));
    expect_ok(&m, "52:54:00:AB:cd:1", "52:54:00:ab:cd:01", mac);
    expect_bad(&m, "52:54:00:ab:cd", mac);
    expect_bad(&m, "52:54:00:ab:cd:ef:01", mac);
    expect_bad(&m, "52-54-00-ab-cd-ef", mac);
    expect_bad(&mu, "01:00:5e:00:00:01", mac);

    expect_ok(&ip, "192.168.122.1", "192.168.122.1", &a);
    assert_int_equal(a.family, AF_INET);
    expect_ok(&ip, "2001:DB8::0:1", "2001:db8::1", &a);
    assert_int_equal(a.family, AF_INET6);
    expect_bad(&ip, "192.168.122", &a);
    expect_bad(&ip, "host.example", &a);
}

static void
test_ip_helpers(void **state)
{
    IpAddr a, b, none = { 0 };

    assert_int_equal(ip_addr_parse("10.0.0.1", &a), 0);
    assert_int_equal(ip_addr_parse("10.0.0.1", &b), 0);
    assert_true(ip_addr_equal(&a, &b));
    assert_int_equal(ip_addr_parse("10.0.0.2", &b), 0);
    assert_false(ip_addr_equal(&a, &b));
    assert_false(ip_addr_equal(&none, &none));
    assert_int_equal(ip_addr_parse("::1", &b), 0);
    assert_false(ip_addr_equal(&a, &b));
    assert_int_equal(ip_addr_parse("nope", &b), -EINVAL);
}

static void
test_scale(void **state)
{
    unsigned long long v = 0;

    assert_int_equal(xml_scale_value(5, NULL, 1, 1, 0, &v), 0);
    assert_int_equal(v, 5);
    assert_int_equal(xml_scale_value(5, "", 1024, 1, 0, &v), 0);
    assert_int_equal(v, 5120);
    assert_int_equal(xml_scale_value(5, "bytes", 1024, 1, 0, &v), 0);
    assert_int_equal(v, 5);
    assert_int_equal(xml_scale_value(1, "KiB", 1, 1, 0, &v), 0);
    assert_int_equal(v, 1024);
    assert_int_equal(xml_scale_value(1, "k", 1, 1, 0, &v), 0);
    assert_int_equal(v, 1024);
    assert_int_equal(xml_scale_value(1, "KB", 1, 1, 0, &v), 0);
    assert_int_equal(v, 1000);
    assert_int_equal(xml_scale_value(2, "gib", 1, 1, 0, &v), 0);
    assert_int_equal(v, 2ULL << 30);
    assert_int_equal(xml_scale_value(3, "TB", 1, 1, 0, &v), 0);
    assert_int_equal(v, 3000000000000ULL);
    assert_int_equal(xml_scale_value(1, "E", 1, 1, 0, &v), 0);
    assert_int_equal(v, 1ULL << 60);
    /* stored in KiB: bytes are rounded up */
    assert_int_equal(xml_scale_value(1025, "b", 1024, 1024, 0, &v), 0);
    assert_int_equal(v, 2);
    assert_int_equal(xml_scale_value(1, "MiB", 1024, 1024, 0, &v), 0);
    assert_int_equal(v, 1024);
    assert_int_equal(xml_scale_value(1, "xb", 1, 1, 0, &v), -EINVAL);
    assert_int_equal(xml_scale_value(1, "KiBs", 1, 1, 0, &v), -EINVAL);
    assert_int_equal(xml_scale_value(16, "E", 1, 1, 0, &v), -ERANGE);
    assert_int_equal(xml_scale_value(2, "k", 1, 1, 2047, &v), -ERANGE);
}

static void
test_scaled_codec(void **state)
{
    XmlField f = { .codec = &xml_codec_scaled, .scale = 1024, .unit = "KiB" };
    g_autoptr(xmlDoc) doc = xmlReadMemory("<memory unit='MiB'>2</memory>", 29, NULL, NULL, 0);
    unsigned long long v = 0;
    g_autofree char *why = NULL;
    g_autoptr(GString) out = g_string_new(NULL);

    assert_non_null(doc);
    assert_int_equal(f.codec->parse(&f, xmlDocGetRootElement(doc), "2", &v, &why), 0);
    assert_int_equal(v, 2048);
    f.codec->format(&f, &v, out);
    assert_string_equal(out->str, "2048");
    assert_int_equal(f.codec->parse(&f, NULL, "-2", &v, &why), -1);
}

static void
test_octal(void **state)
{
    XmlField f = { .codec = &xml_codec_octal };
    unsigned int v = 0;

    expect_ok(&f, "0755", "0755", &v);
    assert_int_equal(v, 0755);
    expect_ok(&f, "711", "0711", &v);
    expect_ok(&f, "0", "00", &v);
    expect_ok(&f, "7", "07", &v);
    expect_bad(&f, "0789", &v);
    expect_bad(&f, "17777", &v);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_string),
        cmocka_unit_test(test_escape_control),
        cmocka_unit_test(test_uint),
        cmocka_unit_test(test_ulong_ullong_int),
        cmocka_unit_test(test_bools),
        cmocka_unit_test(test_enum),
        cmocka_unit_test(test_uuid_mac_ip),
        cmocka_unit_test(test_ip_helpers),
        cmocka_unit_test(test_scale),
        cmocka_unit_test(test_scaled_codec),
        cmocka_unit_test(test_octal),
    };

    return cmocka_run_group_tests_name("xmlcodec", tests, NULL, NULL);
}
