/* common/conf/domain/domain_codecs.c: the bitmap and signed 64-bit codecs of
 * the domain model. Like the engine's codecs they never report: they explain
 * a rejection and xmlmap.c builds the message with the element path. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <string.h>

#include "common/conf/domain/domain_codecs.h"
#include "common/util/parse.h"

/* ---- bitmaps ------------------------------------------------------------ */

static bool
read_uint(const char **p, unsigned int *ret)
{
    unsigned long long v = 0;
    const char *s = *p;

    if (!g_ascii_isdigit(*s))
        return false;
    while (g_ascii_isdigit(*s)) {
        v = v * 10 + (unsigned) (*s - '0');
        if (v >= DOM_BITMAP_MAX_BITS)
            return false;
        s++;
    }
    *ret = (unsigned int) v;
    *p = s;
    return true;
}

static void
skip_blanks(const char **p)
{
    while (**p == ' ' || **p == '\t')
        (*p)++;
}

/**
 * dom_bitmap_parse() - read a CPU/node list in libvirt's syntax
 * @s: text such as "0-3,^2,8" (ranges, single ids, ^ exclusions, in order)
 * @ret_nbits: set to one past the highest id that was set
 *
 * Return: a bool array of DOM_BITMAP_MAX_BITS entries (g_free), or NULL when
 * @s is malformed or names an id >= DOM_BITMAP_MAX_BITS. Never reports.
 */
bool *
dom_bitmap_parse(const char *s, unsigned int *ret_nbits)
{
    g_autofree bool *bits = g_new0(bool, DOM_BITMAP_MAX_BITS);
    const char *p = s;
    unsigned int top = 0;

    skip_blanks(&p);
    if (!*p)
        return NULL;
    while (*p) {
        bool negate = false;
        unsigned int lo, hi;

        skip_blanks(&p);
        if (*p == '^') {
            negate = true;
            p++;
        }
        if (!read_uint(&p, &lo))
            return NULL;
        hi = lo;
        skip_blanks(&p);
        if (*p == '-' && !negate) {
            p++;
            skip_blanks(&p);
            if (!read_uint(&p, &hi) || hi < lo)
                return NULL;
            skip_blanks(&p);
        }
        for (unsigned int i = lo; i <= hi; i++)
            bits[i] = !negate;
        if (!negate && hi + 1 > top)
            top = hi + 1;
        if (*p == ',') {
            p++;
            skip_blanks(&p);
            if (!*p)
                return NULL;
        } else if (*p) {
            return NULL;
        }
    }
    *ret_nbits = top;
    return g_steal_pointer(&bits);
}

/**
 * dom_bitmap_format() - canonical text of a bit array
 * @bits: the bits
 * @nbits: how many of them to look at
 *
 * Return: ascending ids, runs of two or more written "a-b" (caller frees);
 * "" when no bit is set.
 */
char *
dom_bitmap_format(const bool *bits, unsigned int nbits)
{
    GString *out = g_string_new(NULL);
    unsigned int i = 0;

    while (i < nbits) {
        unsigned int start;

        if (!bits[i]) {
            i++;
            continue;
        }
        start = i;
        while (i + 1 < nbits && bits[i + 1])
            i++;
        if (out->len)
            g_string_append_c(out, ',');
        if (i > start)
            g_string_append_printf(out, "%u-%u", start, i);
        else
            g_string_append_printf(out, "%u", start);
        i++;
    }
    return g_string_free(out, FALSE);
}

/**
 * dom_bitmap_count() - number of ids in a bitmap text
 * @s: bitmap text, may be NULL
 *
 * Return: the count, or -1 when @s is NULL or malformed.
 */
int
dom_bitmap_count(const char *s)
{
    unsigned int n;
    g_autofree bool *bits = s ? dom_bitmap_parse(s, &n) : NULL;
    int count = 0;

    if (!bits)
        return -1;
    for (unsigned int i = 0; i < n; i++)
        count += bits[i];
    return count;
}

/**
 * dom_bitmap_last() - highest id in a bitmap text
 * @s: bitmap text, may be NULL
 *
 * Return: the id, or -1 when @s is NULL, empty or malformed.
 */
int
dom_bitmap_last(const char *s)
{
    unsigned int n;
    g_autofree bool *bits = s ? dom_bitmap_parse(s, &n) : NULL;

    if (!bits)
        return -1;
    for (unsigned int i = n; i > 0; i--) {
        if (bits[i - 1])
            return (int) i - 1;
    }
    return -1;
}

/**
 * dom_bitmap_overlaps() - whether two bitmap texts share an id
 * @a: bitmap text
 * @b: bitmap text
 *
 * Return: true when some id is in both; false otherwise or when either is
 * malformed.
 */
bool
dom_bitmap_overlaps(const char *a, const char *b)
{
    unsigned int na, nb;
    g_autofree bool *ba = dom_bitmap_parse(a, &na);
    g_autofree bool *bb = dom_bitmap_parse(b, &nb);

    if (!ba || !bb)
        return false;
    for (unsigned int i = 0; i < MIN(na, nb); i++) {
        if (ba[i] && bb[i])
            return true;
    }
    return false;
}

static int
cpuset_parse(const XmlField *f, xmlNode *node, const char *text, void *slot,
             char **ret_why)
{
    unsigned int nbits;
    g_autofree bool *bits = dom_bitmap_parse(text, &nbits);
    char **p = slot;

    if (!bits) {
        *ret_why = g_strdup_printf("expected a list of numbers below %d such as '0-3,^2,8'",
                                   DOM_BITMAP_MAX_BITS);
        return -1;
    }
    g_free(*p);
    *p = dom_bitmap_format(bits, nbits);
    return 0;
}

static void
cpuset_format(const XmlField *f, const void *slot, GString *out)
{
    xml_escape_append(out, *(char *const *) slot);
}

static bool
cpuset_is_set(const XmlField *f, const void *slot)
{
    return *(char *const *) slot != NULL;
}

static void
cpuset_clear(void *slot)
{
    g_clear_pointer((char **) slot, g_free);
}

const XmlCodec xml_codec_dom_cpuset = {
    .name = "cpuset", .size = sizeof(char *), .flags = XC_UNSET_OMITTED,
    .parse = cpuset_parse, .format = cpuset_format,
    .is_set = cpuset_is_set, .clear = cpuset_clear,
};

/* ---- signed 64-bit -------------------------------------------------------- */

static int
llong_parse(const XmlField *f, xmlNode *node, const char *text, void *slot,
            char **ret_why)
{
    long long lo = f->smin ? f->smin : LLONG_MIN;
    long long hi = f->smax ? f->smax : LLONG_MAX;
    long long v;
    int r = parse_ll_range(text, 10, lo, hi, &v);

    if (r == -ERANGE) {
        *ret_why = g_strdup_printf("expected an integer in range %lld-%lld", lo, hi);
        return -1;
    }
    if (r < 0) {
        *ret_why = g_strdup("expected an integer");
        return -1;
    }
    *(long long *) slot = v;
    return 0;
}

static void
llong_format(const XmlField *f, const void *slot, GString *out)
{
    g_string_append_printf(out, "%lld", *(const long long *) slot);
}

static bool
llong_is_set(const XmlField *f, const void *slot)
{
    return *(const long long *) slot != 0;
}

const XmlCodec xml_codec_dom_llong = {
    .name = "llong", .size = sizeof(long long),
    .parse = llong_parse, .format = llong_format, .is_set = llong_is_set,
};

/* ---- exact-unit sizes ---------------------------------------------------- */

/**
 * dom_size_pretty() - a size in the largest binary unit dividing it exactly
 * @bytes: size in bytes
 * @ret_unit: set to "B", "KiB", "MiB", ... "EiB"
 *
 * Return: @bytes expressed in *@ret_unit (0 stays 0 bytes).
 */
unsigned long long
dom_size_pretty(unsigned long long bytes, const char **ret_unit)
{
    static const char *const units[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
    size_t i = 0;

    while (bytes != 0 && bytes % 1024 == 0 && i + 1 < G_N_ELEMENTS(units)) {
        bytes /= 1024;
        i++;
    }
    *ret_unit = units[i];
    return bytes;
}
