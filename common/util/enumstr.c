/* common/util/enumstr.c: lookup behind ENUM_STRINGS tables. */
#include "config.h"

#include "common/util/enumstr.h"

/**
 * enumstr_lookup() - index of @s in @names
 * @names: table (entries may be NULL for unnamed values)
 * @count: number of entries
 * @s: string to find; NULL never matches
 *
 * Return: the index, or -1 when @s is not in the table.
 */
int
enumstr_lookup(const char *const *names, int count, const char *s)
{
    if (!s)
        return -1;
    for (int i = 0; i < count; i++) {
        if (names[i] && g_str_equal(names[i], s))
            return i;
    }
    return -1;
}
