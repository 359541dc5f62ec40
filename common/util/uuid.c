/* common/util/uuid.c: UUID parse/format/generate. Never reports. */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>
#include <glib.h>

#include "common/util/uuid.h"

/**
 * uuid_parse() - parse a textual UUID
 * @s: 32 hex digits, optionally with dashes between groups; surrounding
 *     blanks are ignored
 * @out: the 16 bytes
 *
 * Return: 0 or -EINVAL.
 */
int
uuid_parse(const char *s, unsigned char out[UUID_RAW_LEN])
{
    int n = 0;

    if (!s)
        return -EINVAL;
    while (g_ascii_isspace(*s))
        s++;
    while (n < UUID_RAW_LEN * 2) {
        int v;

        if (*s == '-') {
            s++;
            continue;
        }
        v = g_ascii_xdigit_value(*s);
        if (v < 0)
            return -EINVAL;
        if (n % 2 == 0)
            out[n / 2] = (unsigned char) (v << 4);
        else
            out[n / 2] |= (unsigned char) v;
        n++;
        s++;
    }
    while (g_ascii_isspace(*s))
        s++;
    return *s ? -EINVAL : 0;
}

/**
 * uuid_format() - format @uuid in the canonical 8-4-4-4-12 form
 */
void
uuid_format(const unsigned char uuid[UUID_RAW_LEN], char out[UUID_STR_LEN])
{
    static const char hex[] = "0123456789abcdef";
    char *p = out;

    for (int i = 0; i < UUID_RAW_LEN; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            *p++ = '-';
        *p++ = hex[uuid[i] >> 4];
        *p++ = hex[uuid[i] & 0xf];
    }
    *p = '\0';
}

/**
 * uuid_generate() - a random (version 4, RFC 4122 variant) UUID
 */
void
uuid_generate(unsigned char out[UUID_RAW_LEN])
{
    size_t got = 0;

    while (got < UUID_RAW_LEN) {
        ssize_t n = getrandom(out + got, UUID_RAW_LEN - got, 0);

        if (n < 0) {
            if (errno == EINTR)
                continue;
            for (; got < UUID_RAW_LEN; got++)
                out[got] = (unsigned char) g_random_int_range(0, 256);
            break;
        }
        got += (size_t) n;
    }
    out[6] = (unsigned char) ((out[6] & 0x0f) | 0x40);
    out[8] = (unsigned char) ((out[8] & 0x3f) | 0x80);
}

/**
 * uuid_is_null() - whether all 16 bytes are zero
 */
bool
uuid_is_null(const unsigned char uuid[UUID_RAW_LEN])
{
    static const unsigned char zero[UUID_RAW_LEN];

    return memcmp(uuid, zero, UUID_RAW_LEN) == 0;
}
