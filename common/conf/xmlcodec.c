/* common/conf/xmlcodec.c: value codecs (text <-> C value) for the XML engine.
 * Each codec is written once and shared by every model. Codecs do not report
 * errors; they explain a rejection and xmlmap.c reports it with context. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <sys/socket.h>

#include "common/conf/xmlcodec.h"
#include "common/conf/xmlmap.h"
#include "common/conf/xmlout-priv.h"
#include "common/util/parse.h"
#include "common/util/uuid.h"

/* ---- escaping ---------------------------------------------------------- */

/**
 * xml_escape_append() - append text escaped for XML attributes and content
 * @out: buffer
 * @s: text; & < > ' " become entities, control characters other than tab,
 *     newline and CR are dropped (libvirt's rules)
 */
void
xml_escape_append(GString *out, const char *s)
{
    /* 1 for the bytes that are replaced or dropped, 0 for the rest */
    static const unsigned char special[256] = {
        [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1,
        [0x07] = 1, [0x08] = 1, [0x0b] = 1, [0x0c] = 1, [0x0e] = 1, [0x0f] = 1,
        [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1, [0x15] = 1,
        [0x16] = 1, [0x17] = 1, [0x18] = 1, [0x19] = 1,
        ['<'] = 1, ['>'] = 1, ['&'] = 1, ['"'] = 1, ['\''] = 1,
    };
    const char *run = s;

    for (;; s++) {
        const char *ent;
        unsigned char c = (unsigned char) *s;

        if (!special[c]) {
            if (!c)
                break;
            continue;
        }
        switch (c) {
        case '<': ent = "&lt;"; break;
        case '>': ent = "&gt;"; break;
        case '&': ent = "&amp;"; break;
        case '"': ent = "&quot;"; break;
        case '\'': ent = "&apos;"; break;
        default:
            /* Control characters cannot appear in XML 1.0: drop them
             * (0x01-0x19 without tab/newline/CR, like libvirt). */
            ent = "";
            break;
        }
        xml_buf_put(out, run, (size_t) (s - run));
        xml_buf_puts(out, ent);
        run = s + 1;
    }
    xml_buf_put(out, run, (size_t) (s - run));
}

/* ---- helpers ------------------------------------------------------------ */

static int
why(char **ret_why, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

static int
why(char **ret_why, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    *ret_why = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    return -1;
}

static int
field_base(const XmlField *f)
{
    if (f->base == XML_BASE_C)
        return 0;
    return f->base ? f->base : 10;
}

/* The field's upper bound, or @natural when the table gives none. */
static unsigned long long
field_umax(const XmlField *f, unsigned long long natural)
{
    return f->max ? MIN(f->max, natural) : natural;
}

static int
parse_unsigned(const XmlField *f, const char *text, unsigned long long natural,
               unsigned long long *ret, char **ret_why)
{
    unsigned long long max = field_umax(f, natural);
    unsigned long long v;
    int base = field_base(f);
    int r;

    /* parse_ull() rejects a leading '-' (strtoull would wrap it); base 0
     * accepts 0x.. hex and 0.. octal like C literals. */
    r = parse_ull(text, base, &v);
    if (r == 0 && (v < f->min || v > max))
        r = -ERANGE;
    if (r == -ERANGE)
        return why(ret_why, "expected an integer in range %llu-%llu", f->min, max);
    if (r < 0)
        return why(ret_why, "expected a non-negative integer");
    if (v == 0 && (f->flags & XF_NONZERO))
        return why(ret_why, "expected a value greater than zero");
    *ret = v;
    return 0;
}

/* Append @v in base @base (8 or 16, lower case), padded with zeros to
 * @width digits. */
static void
put_radix(GString *out, unsigned long long v, unsigned int base, int width)
{
    char digits[64];
    size_t i = sizeof(digits);

    do {
        digits[--i] = "0123456789abcdef"[v % base];
        v /= base;
    } while (v);
    while (i > 0 && (int) (sizeof(digits) - i) < width)
        digits[--i] = '0';
    xml_buf_put(out, digits + i, sizeof(digits) - i);
}

static void
format_unsigned(const XmlField *f, unsigned long long v, GString *out)
{
    if (f->hex) {
        /* "0x%0*llx" */
        xml_buf_put(out, "0x", 2);
        put_radix(out, v, 16, f->hex);
    } else {
        xml_buf_put_ull(out, v);
    }
}

/* ---- string ------------------------------------------------------------- */

static int
string_parse(const XmlField *f, xmlNode *node, const char *text, void *slot,
             char **ret_why)
{
    char **p = slot;

    if (!*text && (f->flags & XF_NONEMPTY))
        return why(ret_why, "expected a non-empty string");
    g_free(*p);
    *p = g_strdup(text);
    return 0;
}

static void
string_format(const XmlField *f, const void *slot, GString *out)
{
    xml_escape_append(out, *(char *const *) slot);
}

static bool
string_is_set(const XmlField *f, const void *slot)
{
    return *(char *const *) slot != NULL;
}

static void
string_clear(void *slot)
{
    g_clear_pointer((char **) slot, g_free);
}

const XmlCodec xml_codec_string = {
    .name = "string", .size = sizeof(char *), .flags = XC_UNSET_OMITTED,
    .parse = string_parse, .format = string_format,
    .is_set = string_is_set, .clear = string_clear,
};

/* ---- integers ----------------------------------------------------------- */

static int
int_parse(const XmlField *f, xmlNode *node, const char *text, void *slot,
          char **ret_why)
{
    long long lo = f->smin ? f->smin : INT_MIN;
    long long hi = f->smax ? f->smax : INT_MAX;
    long long v;
    int r = parse_ll_range(text, field_base(f), lo, hi, &v);

    if (r == -ERANGE)
        return why(ret_why, "expected an integer in range %lld-%lld", lo, hi);
    if (r < 0)
        return why(ret_why, "expected an integer");
    if (v == 0 && (f->flags & XF_NONZERO))
        return why(ret_why, "expected a non-zero value");
    *(int *) slot = (int) v;
    return 0;
}

static void
int_format(const XmlField *f, const void *slot, GString *out)
{
    int v = *(const int *) slot;

    if (v < 0) {
        g_string_append_c(out, '-');
        xml_buf_put_ull(out, -(unsigned long long) v);
    } else {
        xml_buf_put_ull(out, (unsigned long long) v);
    }
}

static bool
int_is_set(const XmlField *f, const void *slot)
{
    return *(const int *) slot != 0;
}

const XmlCodec xml_codec_int = {
    .name = "int", .size = sizeof(int),
    .parse = int_parse, .format = int_format, .is_set = int_is_set,
};

#define UNSIGNED_CODEC(cname, ctype, natural) \
    static int \
    cname##_parse(const XmlField *f, xmlNode *node, const char *text, void *slot, \
                  char **ret_why) \
    { \
        unsigned long long v = 0; \
        if (parse_unsigned(f, text, (natural), &v, ret_why) < 0) \
            return -1; \
        *(ctype *) slot = (ctype) v; \
        return 0; \
    } \
    static void \
    cname##_format(const XmlField *f, const void *slot, GString *out) \
    { \
        format_unsigned(f, *(const ctype *) slot, out); \
    } \
    static bool \
    cname##_is_set(const XmlField *f, const void *slot) \
    { \
        return *(const ctype *) slot != 0; \
    } \
    const XmlCodec xml_codec_##cname = { \
        .name = #cname, .size = sizeof(ctype), .parse = cname##_parse, \
        .format = cname##_format, .is_set = cname##_is_set, \
    }

UNSIGNED_CODEC(uint, unsigned int, UINT_MAX);
UNSIGNED_CODEC(ulong, unsigned long, ULONG_MAX);
UNSIGNED_CODEC(ullong, unsigned long long, ULLONG_MAX);

/* ---- octal file modes ---------------------------------------------------- */

static int
octal_parse(const XmlField *f, xmlNode *node, const char *text, void *slot,
            char **ret_why)
{
    unsigned long long v;

    if (parse_ull(text, 8, &v) < 0 || v > field_umax(f, 07777))
        return why(ret_why, "expected an octal mode between 0 and %llo",
                   field_umax(f, 07777));
    *(unsigned int *) slot = (unsigned int) v;
    return 0;
}

static void
octal_format(const XmlField *f, const void *slot, GString *out)
{
    /* libvirt writes modes as "0%o": 0755, 0700, 00 */
    g_string_append_c(out, '0');
    put_radix(out, *(const unsigned int *) slot, 8, 0);
}

const XmlCodec xml_codec_octal = {
    .name = "octal", .size = sizeof(unsigned int),
    .parse = octal_parse, .format = octal_format, .is_set = uint_is_set,
};

/* ---- booleans and tri-states ------------------------------------------- */

typedef struct {
    const char *yes;
    const char *no;
} BoolWords;

static const BoolWords words_yesno = { "yes", "no" };
static const BoolWords words_onoff = { "on", "off" };

static int
words_parse(const BoolWords *w, const char *text, char **ret_why)
{
    if (g_str_equal(text, w->yes))
        return XML_TRISTATE_YES;
    if (g_str_equal(text, w->no))
        return XML_TRISTATE_NO;
    return why(ret_why, "expected '%s' or '%s'", w->yes, w->no);
}

#define BOOL_CODEC(cname, words) \
    static int \
    cname##_parse(const XmlField *f, xmlNode *node, const char *text, void *slot, \
                  char **ret_why) \
    { \
        int r = words_parse(&(words), text, ret_why); \
        if (r < 0) \
            return -1; \
        *(bool *) slot = r == XML_TRISTATE_YES; \
        return 0; \
    } \
    static void \
    cname##_format(const XmlField *f, const void *slot, GString *out) \
    { \
        xml_buf_puts(out, *(const bool *) slot ? (words).yes : (words).no); \
    } \
    static bool \
    cname##_is_set(const XmlField *f, const void *slot) \
    { \
        return *(const bool *) slot; \
    } \
    const XmlCodec xml_codec_##cname = { \
        .name = #cname, .size = sizeof(bool), .parse = cname##_parse, \
        .format = cname##_format, .is_set = cname##_is_set, \
    }

BOOL_CODEC(yesno, words_yesno);
BOOL_CODEC(onoff, words_onoff);

#define TRISTATE_CODEC(cname, words) \
    static int \
    cname##_parse(const XmlField *f, xmlNode *node, const char *text, void *slot, \
                  char **ret_why) \
    { \
        int r = words_parse(&(words), text, ret_why); \
        if (r < 0) \
            return -1; \
        *(int *) slot = r; \
        return 0; \
    } \
    static void \
    cname##_format(const XmlField *f, const void *slot, GString *out) \
    { \
        int v = *(const int *) slot; \
        xml_buf_puts(out, v == XML_TRISTATE_YES ? (words).yes : (words).no); \
    } \
    const XmlCodec xml_codec_##cname = { \
        .name = #cname, .size = sizeof(int), .flags = XC_UNSET_OMITTED, \
        .parse = cname##_parse, .format = cname##_format, .is_set = int_is_set, \
    }

TRISTATE_CODEC(tristate, words_yesno);
TRISTATE_CODEC(switch, words_onoff);

/* ---- enums --------------------------------------------------------------- */

static int
enum_parse(const XmlField *f, xmlNode *node, const char *text, void *slot,
           char **ret_why)
{
    int v = f->enum_from(text);

    if (v < 0 || v < (int) f->min || (f->max && v > (int) f->max)) {
        g_autoptr(GString) list = g_string_new(NULL);
        int max = f->max ? (int) f->max : INT_MAX;

        for (int i = (int) f->min; i <= max; i++) {
            const char *name = f->enum_to(i);

            if (!name)
                break;
            g_string_append_printf(list, "%s'%s'", list->len ? ", " : "", name);
        }
        return why(ret_why, "expected one of %s", list->str);
    }
    *(int *) slot = v;
    return 0;
}

static void
enum_format(const XmlField *f, const void *slot, GString *out)
{
    const char *s = f->enum_to(*(const int *) slot);

    /* An out-of-range value is a programming error; the engine checks with
     * xml_codec_enum_valid() before calling us. */
    if (s)
        xml_buf_puts(out, s);
}

const XmlCodec xml_codec_enum = {
    .name = "enum", .size = sizeof(int),
    .parse = enum_parse, .format = enum_format, .is_set = int_is_set,
};

/* ---- uuid ----------------------------------------------------------------- */

static int
uuid_codec_parse(const XmlField *f, xmlNode *node, const char *text, void *slot,
                 char **ret_why)
{
    unsigned char uuid[UUID_RAW_LEN];

    if (uuid_parse(text, uuid) < 0)
        return why(ret_why, "expected a UUID");
    memcpy(slot, uuid, UUID_RAW_LEN);
    return 0;
}

static void
uuid_codec_format(const XmlField *f, const void *slot, GString *out)
{
    char buf[UUID_STR_LEN];

    uuid_format(slot, buf);
    xml_buf_puts(out, buf);
}

static bool
uuid_codec_is_set(const XmlField *f, const void *slot)
{
    return !uuid_is_null(slot);
}

const XmlCodec xml_codec_uuid = {
    .name = "uuid", .size = 16, .flags = XC_UNSET_OMITTED,
    .parse = uuid_codec_parse, .format = uuid_codec_format, .is_set = uuid_codec_is_set,
};

/* ---- MAC addresses ------------------------------------------------------ */

/**
 * mac_addr_format() - format a MAC address in lower case
 * @mac: six octets
 * @buf: 18 bytes for "aa:bb:cc:dd:ee:ff"
 */
void
mac_addr_format(const unsigned char mac[XML_MAC_LEN], char buf[18])
{
    /* "%02x:%02x:%02x:%02x:%02x:%02x" */
    for (size_t i = 0; i < XML_MAC_LEN; i++) {
        buf[3 * i] = "0123456789abcdef"[mac[i] >> 4];
        buf[3 * i + 1] = "0123456789abcdef"[mac[i] & 15];
        buf[3 * i + 2] = i + 1 < XML_MAC_LEN ? ':' : '\0';
    }
}

/**
 * mac_addr_parse() - parse six ':'-separated hex octets (one or two digits)
 * @s: text
 * @ret: the octets, set only on success
 *
 * Return: 0 or -EINVAL.
 */
int
mac_addr_parse(const char *s, unsigned char ret[XML_MAC_LEN])
{
    unsigned char mac[XML_MAC_LEN];

    for (size_t i = 0; i < XML_MAC_LEN; i++) {
        int digits = 0;
        unsigned int v = 0;

        while (g_ascii_isxdigit(*s) && digits < 2) {
            v = v * 16 + g_ascii_xdigit_value(*s++);
            digits++;
        }
        if (digits == 0)
            return -EINVAL;
        mac[i] = (unsigned char) v;
        if (i + 1 < XML_MAC_LEN && *s++ != ':')
            return -EINVAL;
    }
    if (*s)
        return -EINVAL;
    memcpy(ret, mac, XML_MAC_LEN);
    return 0;
}

static int
mac_parse(const XmlField *f, xmlNode *node, const char *text, void *slot, char **ret_why)
{
    unsigned char *mac = slot;

    if (mac_addr_parse(text, mac) < 0)
        return why(ret_why, "expected a MAC address like 52:54:00:12:34:56");
    if (f->flags & XF_NONZERO && (mac[0] & 1))
        return why(ret_why, "expected a unicast MAC address");
    return 0;
}

static void
mac_format(const XmlField *f, const void *slot, GString *out)
{
    char buf[18];

    mac_addr_format(slot, buf);
    xml_buf_put(out, buf, 17);
}

static bool
mac_is_set(const XmlField *f, const void *slot)
{
    static const unsigned char zero[XML_MAC_LEN];

    return memcmp(slot, zero, XML_MAC_LEN) != 0;
}

const XmlCodec xml_codec_mac = {
    .name = "mac", .size = XML_MAC_LEN, .flags = XC_UNSET_OMITTED,
    .parse = mac_parse, .format = mac_format, .is_set = mac_is_set,
};

/* ---- IP addresses --------------------------------------------------------- */

/**
 * ip_addr_parse() - parse a numeric IPv4 or IPv6 address
 * @s: text
 * @ret: the address, set only on success
 *
 * Return: 0 or -EINVAL.
 */
int
ip_addr_parse(const char *s, IpAddr *ret)
{
    IpAddr a = { 0 };

    if (inet_pton(AF_INET, s, &a.u.v4) == 1)
        a.family = AF_INET;
    else if (inet_pton(AF_INET6, s, &a.u.v6) == 1)
        a.family = AF_INET6;
    else
        return -EINVAL;
    *ret = a;
    return 0;
}

/**
 * ip_addr_format() - text form of an address
 * @addr: address; an unset one gives ""
 * @buf: INET6_ADDRSTRLEN bytes
 */
void
ip_addr_format(const IpAddr *addr, char buf[INET6_ADDRSTRLEN])
{
    buf[0] = '\0';
    if (addr->family == AF_INET) {
        /* inet_ntop()'s "%u.%u.%u.%u" without its sprintf() */
        const unsigned char *b = (const unsigned char *) &addr->u.v4.s_addr;
        char *p = buf;

        for (size_t i = 0; i < 4; i++) {
            if (i)
                *p++ = '.';
            if (b[i] >= 100)
                *p++ = (char) ('0' + b[i] / 100);
            if (b[i] >= 10)
                *p++ = (char) ('0' + b[i] / 10 % 10);
            *p++ = (char) ('0' + b[i] % 10);
        }
        *p = '\0';
    } else if (addr->family == AF_INET6) {
        inet_ntop(AF_INET6, &addr->u.v6, buf, INET6_ADDRSTRLEN);
    }
}

/**
 * ip_addr_equal() - compare two addresses
 * @a: first address
 * @b: second address
 *
 * Return: true when both are set, of one family and equal.
 */
bool
ip_addr_equal(const IpAddr *a, const IpAddr *b)
{
    if (a->family != b->family || a->family == 0)
        return false;
    if (a->family == AF_INET)
        return a->u.v4.s_addr == b->u.v4.s_addr;
    return memcmp(&a->u.v6, &b->u.v6, sizeof(a->u.v6)) == 0;
}

static int
ip_parse(const XmlField *f, xmlNode *node, const char *text, void *slot, char **ret_why)
{
    if (ip_addr_parse(text, slot) < 0)
        return why(ret_why, "expected an IPv4 or IPv6 address");
    return 0;
}

static void
ip_format(const XmlField *f, const void *slot, GString *out)
{
    char buf[INET6_ADDRSTRLEN];

    ip_addr_format(slot, buf);
    xml_buf_puts(out, buf);
}

static bool
ip_is_set(const XmlField *f, const void *slot)
{
    return ((const IpAddr *) slot)->family != 0;
}

const XmlCodec xml_codec_ip = {
    .name = "ip", .size = sizeof(IpAddr), .flags = XC_UNSET_OMITTED,
    .parse = ip_parse, .format = ip_format, .is_set = ip_is_set,
};

/* ---- scaled sizes ---------------------------------------------------------- */

/**
 * xml_scale_value() - apply a size unit the way libvirt's scaled elements do
 * @value: the number
 * @unit: NULL/"" (use @default_scale), b/bytes, k/KiB, KB, m/MiB, MB ... e/EiB, EB
 * @default_scale: bytes per unit when @unit is empty
 * @stored_scale: unit of the result in bytes (1 or 1024); rounded up
 * @max: largest acceptable size in bytes (before @stored_scale), 0 for none
 * @ret: the result, set only on success
 *
 * Return: 0, -EINVAL for an unknown unit, -ERANGE on overflow or above @max.
 */
int
xml_scale_value(unsigned long long value, const char *unit,
                unsigned long long default_scale, unsigned long long stored_scale,
                unsigned long long max, unsigned long long *ret)
{
    unsigned long long scale = 1;
    unsigned long long bytes;
    unsigned long long base;
    int power;

    if (!unit || !*unit) {
        scale = default_scale;
    } else if (g_ascii_strcasecmp(unit, "b") == 0 ||
               g_ascii_strcasecmp(unit, "byte") == 0 ||
               g_ascii_strcasecmp(unit, "bytes") == 0) {
        scale = 1;
    } else {
        const char *powers = "kmgtpe";
        const char *p = strchr(powers, g_ascii_tolower(unit[0]));

        if (!p || !unit[0])
            return -EINVAL;
        power = (int) (p - powers) + 1;
        if (!unit[1] || g_ascii_strcasecmp(unit + 1, "iB") == 0)
            base = 1024;
        else if (g_ascii_strcasecmp(unit + 1, "B") == 0)
            base = 1000;
        else
            return -EINVAL;
        while (power-- > 0)
            scale *= base;
    }
    if (scale && value > (max ? max : ULLONG_MAX) / scale)
        return -ERANGE;
    bytes = value * scale;
    if (stored_scale > 1)
        bytes = bytes / stored_scale + (bytes % stored_scale != 0);
    *ret = bytes;
    return 0;
}

/**
 * xml_scaled_check() - see xmlcodec.h
 */
int
xml_scaled_check(const XmlField *f, xmlNode *node, const char *text,
                 unsigned long long *ret_value, char **ret_unit)
{
    unsigned long long stored = f->scale ? f->scale : 1;
    unsigned long long v, out;
    int r;

    *ret_value = 0;
    *ret_unit = node ? (char *) xmlGetNoNsProp(node, BAD_CAST "unit") : NULL;
    if (parse_ull(text, 10, &v) < 0)
        return XML_SCALED_BAD_NUMBER;
    *ret_value = v;
    r = xml_scale_value(v, *ret_unit, f->default_scale ? f->default_scale : stored,
                        stored, f->max, &out);
    if (r == -EINVAL)
        return XML_SCALED_BAD_UNIT;
    if (r < 0)
        return XML_SCALED_TOO_LARGE;
    return XML_SCALED_OK;
}

static int
scaled_parse(const XmlField *f, xmlNode *node, const char *text, void *slot,
             char **ret_why)
{
    g_autofree char *unit = node ? (char *) xmlGetNoNsProp(node, BAD_CAST "unit") : NULL;
    unsigned long long stored = f->scale ? f->scale : 1;
    unsigned long long v;
    int r;

    if (parse_ull(text, 10, &v) < 0)
        return why(ret_why, "expected a non-negative integer size");
    r = xml_scale_value(v, unit, f->default_scale ? f->default_scale : stored,
                        stored, f->max, (unsigned long long *) slot);
    if (r == -EINVAL)
        return why(ret_why, "unknown unit '%s'", unit);
    if (r < 0)
        return why(ret_why, "size is too large");
    return 0;
}

const XmlCodec xml_codec_scaled = {
    .name = "scaled", .size = sizeof(unsigned long long), .flags = XC_UNIT,
    .parse = scaled_parse, .format = ullong_format, .is_set = ullong_is_set,
};
