/* common/util/conffile.h: table-driven loader for libvirt's `key = value`
 * configuration syntax (daemon .conf files, qemu.conf, libvirt.conf ...).
 * A module describes its settings once in a ConfKey table; this module does
 * the lexing, type and range checks and reports every problem with the file
 * and line (STYLE.md practice 17). It reports errors (VIR_FROM_CONF). */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <glib.h>

/*
 * Accepted syntax (the same subset libvirt reads):
 *   # comment                     anywhere a blank line may be, and after a value
 *   name = 42                     integer, optional sign, decimal digits only
 *   name = "text"                 no escapes; must end on the same line
 *   name = 'text'                 same, lets a value contain '"'
 *   name = """several           triple quotes: may span lines
 *   lines"""
 *   name = [ "a", "b",            list, may span lines, trailing comma allowed
 *            "c" ]
 * Statements end at a newline or ';'. Names start with a letter and go on
 * with letters, digits and '_'. Booleans are the integers 0 and 1.
 * When a setting appears more than once the first occurrence wins (libvirt
 * does the same); later ones are logged at warning level.
 */

typedef enum {
    CONF_TYPE_END = 0,
    CONF_TYPE_UINT,     /* unsigned int, integer in [min, max] */
    CONF_TYPE_INT,      /* int, integer in [min, max] */
    CONF_TYPE_BOOL,     /* bool, integer 0 or 1 */
    CONF_TYPE_STRING,   /* char *, a string */
    CONF_TYPE_STRLIST,  /* char ** (NULL-terminated GStrv), a list of strings */
    CONF_TYPE_OCTAL,    /* unsigned int, a string of octal digits ("0770") */
    CONF_TYPE_ENUM,     /* int, index of a string in a names table */
    CONF_TYPE_IGNORED,  /* accepted with any value and not stored */
} ConfType;

typedef struct ConfKey ConfKey;

struct ConfKey {
    const char *name;
    ConfType type;
    size_t offset;              /* offsetof the field in the target struct */
    long long min;              /* UINT/INT range; ENUM: unused */
    long long max;              /* UINT/INT/OCTAL range; ENUM: number of names */
    const char *const *names;   /* ENUM only */
};

/* Compile-time check that @st.@field has type @ctype, evaluating to the
 * field's offset; a mismatch is a build error (negative array size). */
#define CONF_OFFSET_(st, field, ctype) \
    (offsetof(st, field) + 0 * sizeof(char[ \
        __builtin_types_compatible_p(__typeof__(((st *) 0)->field), ctype) ? 1 : -1]))

#define CONF_UINT(st, field, key, lo, hi) \
    { (key), CONF_TYPE_UINT, CONF_OFFSET_(st, field, unsigned int), (lo), (hi), NULL }
#define CONF_INT(st, field, key, lo, hi) \
    { (key), CONF_TYPE_INT, CONF_OFFSET_(st, field, int), (lo), (hi), NULL }
#define CONF_BOOL(st, field, key) \
    { (key), CONF_TYPE_BOOL, CONF_OFFSET_(st, field, bool), 0, 1, NULL }
#define CONF_STRING(st, field, key) \
    { (key), CONF_TYPE_STRING, CONF_OFFSET_(st, field, char *), 0, 0, NULL }
#define CONF_STRLIST(st, field, key) \
    { (key), CONF_TYPE_STRLIST, CONF_OFFSET_(st, field, char **), 0, 0, NULL }
/* Permission bits written as a string, as libvirt's unix_sock_*_perms. */
#define CONF_OCTAL(st, field, key) \
    { (key), CONF_TYPE_OCTAL, CONF_OFFSET_(st, field, unsigned int), 0, 07777, NULL }
/* @names: a `static const char *const x[]` array (no NULL terminator needed). */
#define CONF_ENUM(st, field, key, names) \
    { (key), CONF_TYPE_ENUM, CONF_OFFSET_(st, field, int), 0, \
      (long long) G_N_ELEMENTS(names), (names) }
/* A setting we accept (so stock files load) but do not act on. */
#define CONF_IGNORED(key) \
    { (key), CONF_TYPE_IGNORED, 0, 0, 0, NULL }
#define CONF_END \
    { NULL, CONF_TYPE_END, 0, 0, 0, NULL }

typedef enum {
    /* Skip settings missing from the table instead of failing. */
    CONF_LOAD_IGNORE_UNKNOWN = 1 << 0,
    /* conf_file_load(): a missing file is not an error (nothing is set). */
    CONF_LOAD_ALLOW_MISSING = 1 << 1,
} ConfLoadFlags;

/* Largest file conf_file_load() reads. */
#define CONF_FILE_MAX_SIZE (10 * 1024 * 1024)

int conf_file_load(const char *path, const ConfKey *keys, void *obj,
                   unsigned int flags);
int conf_text_load(const char *name, const char *text, const ConfKey *keys,
                   void *obj, unsigned int flags);
void conf_clear(const ConfKey *keys, void *obj);
const ConfKey *conf_key_find(const ConfKey *keys, const char *name);
