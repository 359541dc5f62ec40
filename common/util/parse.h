/* common/util/parse.h: strict number parsing (whole string, range checked).
 * Return 0 or -EINVAL (not a number / trailing junk) or -ERANGE. */
#pragma once

#include <stdint.h>

int parse_ull(const char *s, int base, unsigned long long *ret);
int parse_ll(const char *s, int base, long long *ret);
int parse_uint(const char *s, int base, unsigned int *ret);
int parse_int(const char *s, int base, int *ret);
/* Bounded variants: -ERANGE outside [min, max]. */
int parse_ull_range(const char *s, int base, unsigned long long min,
                    unsigned long long max, unsigned long long *ret);
int parse_ll_range(const char *s, int base, long long min, long long max, long long *ret);
