/* common/util/enumstr.h: enum <-> string tables with a compile-time count
 * check (STYLE.md practice 8). Header-only macros, no state. */
#pragma once

#include <glib.h>

int enumstr_lookup(const char *const *names, int count, const char *s);

/* ENUM_STRINGS(net_forward_mode, NET_FORWARD_LAST, "none", "nat", ...)
 * defines net_forward_mode_to_string(int) (NULL when out of range) and
 * net_forward_mode_from_string(const char *) (-1 when unknown). */
#define ENUM_STRINGS_DECL(prefix) \
    const char *prefix##_to_string(int v); \
    int prefix##_from_string(const char *s)

#define ENUM_STRINGS(prefix, last, ...) \
    static const char *const prefix##_names[] = { __VA_ARGS__ }; \
    G_STATIC_ASSERT(G_N_ELEMENTS(prefix##_names) == (last)); \
    const char * \
    prefix##_to_string(int v) \
    { \
        if (v < 0 || v >= (int) G_N_ELEMENTS(prefix##_names)) \
            return NULL; \
        return prefix##_names[v]; \
    } \
    int \
    prefix##_from_string(const char *s) \
    { \
        return enumstr_lookup(prefix##_names, (int) G_N_ELEMENTS(prefix##_names), s); \
    }

/* Same, file-local. */
#define ENUM_STRINGS_STATIC(prefix, last, ...) \
    static const char *const prefix##_names[] = { __VA_ARGS__ }; \
    G_STATIC_ASSERT(G_N_ELEMENTS(prefix##_names) == (last)); \
    G_GNUC_UNUSED static const char * \
    prefix##_to_string(int v) \
    { \
        if (v < 0 || v >= (int) G_N_ELEMENTS(prefix##_names)) \
            return NULL; \
        return prefix##_names[v]; \
    } \
    G_GNUC_UNUSED static int \
    prefix##_from_string(const char *s) \
    { \
        return enumstr_lookup(prefix##_names, (int) G_N_ELEMENTS(prefix##_names), s); \
    }
