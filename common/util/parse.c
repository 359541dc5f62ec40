/* common/util/parse.c: strict number parsing; the only file allowed to call
 * strtol-family functions. Never reports. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <glib.h>

#include "common/util/parse.h"

/**
 * parse_ull() - parse an unsigned number that fills the whole string
 * @s: text (leading/trailing blanks and a leading '-' are rejected)
 * @base: 0 (auto: 0x.., 0..), 8, 10 or 16
 * @ret: result
 *
 * Return: 0, -EINVAL or -ERANGE.
 */
int
parse_ull(const char *s, int base, unsigned long long *ret)
{
    char *end = NULL;
    unsigned long long v;

    if (!s || !*s || !g_ascii_isalnum(*s))
        return -EINVAL;
    errno = 0;
    v = strtoull(s, &end, base);
    if (errno == ERANGE)
        return -ERANGE;
    if (errno || end == s || *end)
        return -EINVAL;
    *ret = v;
    return 0;
}

/**
 * parse_ll() - parse a signed number that fills the whole string
 */
int
parse_ll(const char *s, int base, long long *ret)
{
    char *end = NULL;
    long long v;

    if (!s || !*s || !(g_ascii_isalnum(*s) || *s == '-' || *s == '+'))
        return -EINVAL;
    errno = 0;
    v = strtoll(s, &end, base);
    if (errno == ERANGE)
        return -ERANGE;
    if (errno || end == s || *end)
        return -EINVAL;
    *ret = v;
    return 0;
}

/**
 * parse_uint() - parse_ull() limited to unsigned int
 */
int
parse_uint(const char *s, int base, unsigned int *ret)
{
    unsigned long long v;
    int r = parse_ull_range(s, base, 0, UINT_MAX, &v);

    if (r == 0)
        *ret = (unsigned int) v;
    return r;
}

/**
 * parse_int() - parse_ll() limited to int
 */
int
parse_int(const char *s, int base, int *ret)
{
    long long v;
    int r = parse_ll_range(s, base, INT_MIN, INT_MAX, &v);

    if (r == 0)
        *ret = (int) v;
    return r;
}

/**
 * parse_ull_range() - parse_ull() with an inclusive range check
 */
int
parse_ull_range(const char *s, int base, unsigned long long min,
                unsigned long long max, unsigned long long *ret)
{
    unsigned long long v;
    int r = parse_ull(s, base, &v);

    if (r < 0)
        return r;
    if (v < min || v > max)
        return -ERANGE;
    *ret = v;
    return 0;
}

/**
 * parse_ll_range() - parse_ll() with an inclusive range check
 */
int
parse_ll_range(const char *s, int base, long long min, long long max, long long *ret)
{
    long long v;
    int r = parse_ll(s, base, &v);

    if (r < 0)
        return r;
    if (v < min || v > max)
        return -ERANGE;
    *ret = v;
    return 0;
}
