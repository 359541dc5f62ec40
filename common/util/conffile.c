/* common/util/conffile.c: lexer and table-driven loader for libvirt-style
 * `key = value` files. Parses the whole text first (syntax errors leave the
 * target untouched), then assigns each statement through the ConfKey table.
 * Knows nothing of which settings exist: that is the callers' tables. */
#define ERR_DOMAIN VIR_FROM_CONF

#include "config.h"

#include <errno.h>
#include <limits.h>
#include <string.h>

#include "common/util/conffile.h"
#include "common/util/err.h"
#include "common/util/file.h"
#include "common/util/log.h"
#include "common/util/parse.h"

typedef enum {
    CONF_VAL_INT,
    CONF_VAL_STRING,
    CONF_VAL_LIST,
} ConfValKind;

typedef struct ConfVal ConfVal;
struct ConfVal {
    ConfValKind kind;
    long long num;       /* CONF_VAL_INT */
    char *str;           /* CONF_VAL_STRING */
    GPtrArray *items;    /* CONF_VAL_LIST: ConfVal *, never nested lists */
};

typedef struct {
    char *name;
    int line;
    ConfVal *val;
} ConfStmt;

typedef struct {
    const char *file;    /* name used in messages */
    const char *cur;
    const char *end;
    int line;
} ConfLexer;

static void
conf_val_free(ConfVal *v)
{
    if (!v)
        return;
    g_free(v->str);
    if (v->items)
        g_ptr_array_unref(v->items);
    g_free(v);
}

static void
conf_stmt_free(ConfStmt *s)
{
    g_free(s->name);
    conf_val_free(s->val);
    g_free(s);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(ConfVal, conf_val_free)

static void G_GNUC_PRINTF(2, 3)
conf_lex_error(const ConfLexer *lx, const char *fmt, ...)
{
    g_autofree char *what = NULL;
    va_list ap;

    va_start(ap, fmt);
    what = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    err_report(VIR_ERR_CONF_SYNTAX, "%s:%d: %s", lx->file, lx->line, what);
}

static bool
conf_at_eol(const ConfLexer *lx)
{
    return lx->cur < lx->end && (*lx->cur == '\n' || *lx->cur == '\r');
}

static void
conf_skip_blanks(ConfLexer *lx)
{
    while (lx->cur < lx->end && (*lx->cur == ' ' || *lx->cur == '\t'))
        lx->cur++;
}

static void
conf_skip_comment(ConfLexer *lx)
{
    if (lx->cur < lx->end && *lx->cur == '#') {
        while (lx->cur < lx->end && *lx->cur != '\n' && *lx->cur != '\r')
            lx->cur++;
    }
}

/* Blanks, newlines and comments: what may separate list items. */
static void
conf_skip_space(ConfLexer *lx)
{
    for (;;) {
        conf_skip_blanks(lx);
        conf_skip_comment(lx);
        if (!conf_at_eol(lx))
            return;
        if (*lx->cur == '\n')
            lx->line++;
        lx->cur++;
    }
}

/* A quoted string starting at lx->cur ('...', "..." or """..."""). */
static char *
conf_lex_string(ConfLexer *lx)
{
    const char *start;
    char quote = *lx->cur;
    int first_line = lx->line;

    if (quote == '"' && lx->end - lx->cur >= 3 && strncmp(lx->cur, "\"\"\"", 3) == 0) {
        lx->cur += 3;
        start = lx->cur;
        while (lx->cur < lx->end) {
            if (lx->end - lx->cur >= 3 && strncmp(lx->cur, "\"\"\"", 3) == 0) {
                char *ret = g_strndup(start, (gsize) (lx->cur - start));

                lx->cur += 3;
                return ret;
            }
            if (*lx->cur == '\n')
                lx->line++;
            lx->cur++;
        }
        lx->line = first_line;
        conf_lex_error(lx, "unterminated string (opening \"\"\" has no match)");
        return NULL;
    }

    lx->cur++;
    start = lx->cur;
    while (lx->cur < lx->end && *lx->cur != quote && *lx->cur != '\n' && *lx->cur != '\r')
        lx->cur++;
    if (lx->cur >= lx->end || *lx->cur != quote) {
        conf_lex_error(lx, "unterminated string (a %c-quoted string must end on its line)",
                       quote);
        return NULL;
    }
    lx->cur++;
    return g_strndup(start, (gsize) (lx->cur - 1 - start));
}

static int
conf_lex_number(ConfLexer *lx, long long *ret)
{
    const char *start = lx->cur;
    g_autofree char *digits = NULL;
    int r;

    if (*lx->cur == '-' || *lx->cur == '+')
        lx->cur++;
    if (lx->cur >= lx->end || !g_ascii_isdigit(*lx->cur)) {
        conf_lex_error(lx, "expecting digits after the sign");
        return -1;
    }
    while (lx->cur < lx->end && g_ascii_isdigit(*lx->cur))
        lx->cur++;
    digits = g_strndup(start, (gsize) (lx->cur - start));
    r = parse_ll(digits, 10, ret);
    if (r < 0) {
        conf_lex_error(lx, "number '%s' is out of range", digits);
        return -1;
    }
    return 0;
}

static ConfVal *conf_lex_value(ConfLexer *lx, bool in_list);

static ConfVal *
conf_lex_list(ConfLexer *lx)
{
    g_autoptr(ConfVal) list = g_new0(ConfVal, 1);
    int open_line = lx->line;

    list->kind = CONF_VAL_LIST;
    list->items = g_ptr_array_new_with_free_func((GDestroyNotify) conf_val_free);
    lx->cur++;                                  /* '[' */
    for (;;) {
        ConfVal *item;

        conf_skip_space(lx);
        if (lx->cur >= lx->end) {
            lx->line = open_line;
            conf_lex_error(lx, "list is not closed with ']'");
            return NULL;
        }
        if (*lx->cur == ']')
            break;
        if (!(item = conf_lex_value(lx, true)))
            return NULL;
        g_ptr_array_add(list->items, item);
        conf_skip_space(lx);
        if (lx->cur < lx->end && *lx->cur == ',') {
            lx->cur++;
            continue;
        }
        if (lx->cur < lx->end && *lx->cur == ']')
            break;
        if (lx->cur >= lx->end) {
            lx->line = open_line;
            conf_lex_error(lx, "list is not closed with ']'");
        } else {
            conf_lex_error(lx, "expecting ',' or ']' in list");
        }
        return NULL;
    }
    lx->cur++;                                  /* ']' */
    return g_steal_pointer(&list);
}

static ConfVal *
conf_lex_value(ConfLexer *lx, bool in_list)
{
    g_autoptr(ConfVal) v = NULL;
    char c;

    conf_skip_blanks(lx);
    if (lx->cur >= lx->end || conf_at_eol(lx) || *lx->cur == '#') {
        conf_lex_error(lx, "expecting a value");
        return NULL;
    }
    c = *lx->cur;
    if (c == '[') {
        if (in_list) {
            conf_lex_error(lx, "nested lists are not supported");
            return NULL;
        }
        return conf_lex_list(lx);
    }
    v = g_new0(ConfVal, 1);
    if (c == '"' || c == '\'') {
        v->kind = CONF_VAL_STRING;
        if (!(v->str = conf_lex_string(lx)))
            return NULL;
    } else if (g_ascii_isdigit(c) || c == '-' || c == '+') {
        v->kind = CONF_VAL_INT;
        if (conf_lex_number(lx, &v->num) < 0)
            return NULL;
    } else {
        conf_lex_error(lx, "expecting a value (a number, a quoted string or a list)");
        return NULL;
    }
    return g_steal_pointer(&v);
}

/* One `name = value` statement; lx->cur is at the first letter. */
static ConfStmt *
conf_lex_statement(ConfLexer *lx)
{
    const char *start = lx->cur;
    g_autofree char *name = NULL;
    ConfStmt *st;
    ConfVal *val;
    int line = lx->line;

    if (!g_ascii_isalpha(*lx->cur)) {
        conf_lex_error(lx, "expecting a setting name");
        return NULL;
    }
    while (lx->cur < lx->end && (g_ascii_isalnum(*lx->cur) || *lx->cur == '_'))
        lx->cur++;
    name = g_strndup(start, (gsize) (lx->cur - start));
    conf_skip_blanks(lx);
    if (lx->cur >= lx->end || *lx->cur != '=') {
        conf_lex_error(lx, "expecting '=' after '%s'", name);
        return NULL;
    }
    lx->cur++;
    if (!(val = conf_lex_value(lx, false)))
        return NULL;

    /* After the value: blanks, an optional comment, then ';', EOL or EOF. */
    conf_skip_blanks(lx);
    conf_skip_comment(lx);
    if (lx->cur < lx->end && !conf_at_eol(lx) && *lx->cur != ';') {
        conf_lex_error(lx, "expecting a new line or ';' after the value of '%s'", name);
        conf_val_free(val);
        return NULL;
    }
    if (lx->cur < lx->end && *lx->cur == ';')
        lx->cur++;

    st = g_new0(ConfStmt, 1);
    st->name = g_steal_pointer(&name);
    st->line = line;
    st->val = val;
    return st;
}

/* Split @text into statements; NULL (reported) on a syntax error. */
static GPtrArray *
conf_lex_all(const char *file, const char *text, size_t len)
{
    g_autoptr(GPtrArray) stmts =
        g_ptr_array_new_with_free_func((GDestroyNotify) conf_stmt_free);
    ConfLexer lx = { .file = file, .cur = text, .end = text + len, .line = 1 };

    for (;;) {
        ConfStmt *st;

        /* blanks, comments, empty statements */
        for (;;) {
            conf_skip_space(&lx);
            if (lx.cur < lx.end && *lx.cur == ';') {
                lx.cur++;
                continue;
            }
            break;
        }
        if (lx.cur >= lx.end)
            break;
        if (!(st = conf_lex_statement(&lx)))
            return NULL;
        g_ptr_array_add(stmts, st);
    }
    return g_steal_pointer(&stmts);
}

/**
 * conf_key_find() - the table entry for @name
 * @keys: table ending with CONF_END
 * @name: setting name
 *
 * Return: the entry, or NULL when @keys has no such setting.
 */
const ConfKey *
conf_key_find(const ConfKey *keys, const char *name)
{
    for (const ConfKey *k = keys; k->type != CONF_TYPE_END; k++) {
        if (g_str_equal(k->name, name))
            return k;
    }
    return NULL;
}

static const char *
conf_type_describe(const ConfKey *k)
{
    switch (k->type) {
    case CONF_TYPE_UINT: return "an unsigned integer";
    case CONF_TYPE_INT: return "an integer";
    case CONF_TYPE_BOOL: return "0 or 1";
    case CONF_TYPE_STRING: return "a quoted string";
    case CONF_TYPE_STRLIST: return "a list of quoted strings";
    case CONF_TYPE_OCTAL: return "a quoted octal permission string such as \"0770\"";
    case CONF_TYPE_ENUM: return "a quoted string";
    case CONF_TYPE_IGNORED:
    case CONF_TYPE_END:
    default: return "a value";
    }
}

static void
conf_report_type(const char *file, const ConfStmt *st, const ConfKey *k)
{
    err_report(VIR_ERR_CONF_SYNTAX, "%s:%d: setting '%s' expects %s",
               file, st->line, st->name, conf_type_describe(k));
}

static int
conf_assign_number(const char *file, const ConfStmt *st, const ConfKey *k, void *slot)
{
    long long v = st->val->num;

    if (st->val->kind != CONF_VAL_INT) {
        conf_report_type(file, st, k);
        return -1;
    }
    if (k->type == CONF_TYPE_BOOL) {
        if (v != 0 && v != 1) {
            conf_report_type(file, st, k);
            return -1;
        }
        *(bool *) slot = v == 1;
        return 0;
    }
    if (k->type == CONF_TYPE_UINT && v < 0) {
        conf_report_type(file, st, k);
        return -1;
    }
    if (v < k->min || v > k->max) {
        err_report(VIR_ERR_CONF_SYNTAX,
                   "%s:%d: value %lld of setting '%s' is out of range (%lld..%lld)",
                   file, st->line, v, st->name, k->min, k->max);
        return -1;
    }
    if (k->type == CONF_TYPE_UINT)
        *(unsigned int *) slot = (unsigned int) v;
    else
        *(int *) slot = (int) v;
    return 0;
}

static int
conf_assign_string(const char *file, const ConfStmt *st, const ConfKey *k, void *slot)
{
    const char *s = st->val->str;

    if (st->val->kind != CONF_VAL_STRING) {
        conf_report_type(file, st, k);
        return -1;
    }
    switch (k->type) {
    case CONF_TYPE_STRING:
        g_free(*(char **) slot);
        *(char **) slot = g_strdup(s);
        return 0;
    case CONF_TYPE_OCTAL: {
        unsigned long long mode;

        if (!*s || parse_ull_range(s, 8, 0, (unsigned long long) k->max, &mode) < 0) {
            err_report(VIR_ERR_CONF_SYNTAX,
                       "%s:%d: invalid permissions '%s' for setting '%s' (expects %s)",
                       file, st->line, s, st->name, conf_type_describe(k));
            return -1;
        }
        *(unsigned int *) slot = (unsigned int) mode;
        return 0;
    }
    case CONF_TYPE_ENUM:
        for (long long i = 0; i < k->max; i++) {
            if (k->names[i] && g_str_equal(k->names[i], s)) {
                *(int *) slot = (int) i;
                return 0;
            }
        }
        {
            g_autoptr(GString) allowed = g_string_new(NULL);

            for (long long i = 0; i < k->max; i++) {
                if (!k->names[i])
                    continue;
                g_string_append_printf(allowed, "%s'%s'", allowed->len ? ", " : "",
                                       k->names[i]);
            }
            err_report(VIR_ERR_CONF_SYNTAX,
                       "%s:%d: invalid value '%s' for setting '%s' (expects one of %s)",
                       file, st->line, s, st->name, allowed->str);
        }
        return -1;
    default:
        g_assert_not_reached();
    }
}

static int
conf_assign_strlist(const char *file, const ConfStmt *st, const ConfKey *k, void *slot)
{
    GPtrArray *items = st->val->items;
    char **list;

    if (st->val->kind != CONF_VAL_LIST) {
        conf_report_type(file, st, k);
        return -1;
    }
    for (guint i = 0; i < items->len; i++) {
        const ConfVal *item = g_ptr_array_index(items, i);

        if (item->kind != CONF_VAL_STRING) {
            err_report(VIR_ERR_CONF_SYNTAX,
                       "%s:%d: item %u of setting '%s' is not a quoted string",
                       file, st->line, i + 1, st->name);
            return -1;
        }
    }
    list = g_new0(char *, items->len + 1);
    for (guint i = 0; i < items->len; i++)
        list[i] = g_strdup(((const ConfVal *) g_ptr_array_index(items, i))->str);
    g_strfreev(*(char ***) slot);
    *(char ***) slot = list;
    return 0;
}

static int
conf_assign(const char *file, const ConfStmt *st, const ConfKey *k, void *obj)
{
    void *slot = (char *) obj + k->offset;

    switch (k->type) {
    case CONF_TYPE_UINT:
    case CONF_TYPE_INT:
    case CONF_TYPE_BOOL:
        return conf_assign_number(file, st, k, slot);
    case CONF_TYPE_STRING:
    case CONF_TYPE_OCTAL:
    case CONF_TYPE_ENUM:
        return conf_assign_string(file, st, k, slot);
    case CONF_TYPE_STRLIST:
        return conf_assign_strlist(file, st, k, slot);
    case CONF_TYPE_IGNORED:
        log_debug("%s:%d: setting '%s' is accepted but has no effect",
                  file, st->line, st->name);
        return 0;
    case CONF_TYPE_END:
    default:
        g_assert_not_reached();
    }
}

/* Check every statement against the table before assigning anything, so
 * that an unknown name leaves @obj untouched. */
static int
conf_check_names(const char *file, GPtrArray *stmts, const ConfKey *keys,
                 unsigned int flags)
{
    for (guint i = 0; i < stmts->len; i++) {
        const ConfStmt *st = g_ptr_array_index(stmts, i);

        if (conf_key_find(keys, st->name))
            continue;
        if (flags & CONF_LOAD_IGNORE_UNKNOWN) {
            log_debug("%s:%d: ignoring unknown setting '%s'", file, st->line, st->name);
            continue;
        }
        err_report(VIR_ERR_CONF_SYNTAX, "%s:%d: unknown setting '%s'",
                   file, st->line, st->name);
        return -1;
    }
    return 0;
}

static int
conf_apply(const char *file, GPtrArray *stmts, const ConfKey *keys, void *obj,
           unsigned int flags)
{
    g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);

    if (conf_check_names(file, stmts, keys, flags) < 0)
        return -1;
    for (guint i = 0; i < stmts->len; i++) {
        const ConfStmt *st = g_ptr_array_index(stmts, i);
        const ConfKey *k = conf_key_find(keys, st->name);

        if (!k)
            continue;
        if (g_hash_table_contains(seen, k->name)) {
            log_warn("%s:%d: setting '%s' was already set earlier; the first value is kept",
                     file, st->line, st->name);
            continue;
        }
        g_hash_table_add(seen, (gpointer) k->name);
        if (conf_assign(file, st, k, obj) < 0)
            return -1;
    }
    return 0;
}

static int
conf_load_buffer(const char *name, const char *text, size_t len, const ConfKey *keys,
                 void *obj, unsigned int flags)
{
    g_autoptr(GPtrArray) stmts = NULL;

    if (memchr(text, '\0', len)) {
        err_report(VIR_ERR_CONF_SYNTAX, "%s: contains a NUL byte", name);
        return -1;
    }
    if (!(stmts = conf_lex_all(name, text, len)))
        return -1;
    return conf_apply(name, stmts, keys, obj, flags);
}

/**
 * conf_text_load() - apply settings from a string
 * @name: what to call the text in error messages (a file name); NULL for
 *        "<string>"
 * @text: NUL-terminated configuration text
 * @keys: settings table ending with CONF_END
 * @obj: struct the table's offsets refer to; fields not mentioned in @text
 *       keep their values (defaults)
 * @flags: ConfLoadFlags (CONF_LOAD_IGNORE_UNKNOWN)
 *
 * The whole text is parsed and every name checked before anything is
 * assigned, so a syntax error or an unknown setting leaves @obj unchanged.
 * A type or range error may leave earlier settings assigned: callers that
 * must stay consistent (reload) load into a fresh object and swap it in.
 *
 * Return: 0, or -1 with a VIR_ERR_CONF_SYNTAX error naming file:line.
 */
int
conf_text_load(const char *name, const char *text, const ConfKey *keys, void *obj,
               unsigned int flags)
{
    return conf_load_buffer(name ? name : "<string>", text, strlen(text), keys, obj,
                            flags);
}

/**
 * conf_file_load() - apply settings from a file
 * @path: file to read (at most CONF_FILE_MAX_SIZE bytes)
 * @keys: settings table ending with CONF_END
 * @obj: target struct (see conf_text_load())
 * @flags: ConfLoadFlags; with CONF_LOAD_ALLOW_MISSING a file that does not
 *         exist is not an error and changes nothing
 *
 * Return: 0, or -1 with an error reported (VIR_ERR_OPEN_FAILED when the file
 *         cannot be read, VIR_ERR_CONF_SYNTAX for its content).
 */
int
conf_file_load(const char *path, const ConfKey *keys, void *obj, unsigned int flags)
{
    g_autofree char *data = NULL;
    size_t len = 0;
    int r;

    r = file_read_all(path, CONF_FILE_MAX_SIZE, &data, &len);
    if (r == -ENOENT && (flags & CONF_LOAD_ALLOW_MISSING))
        return 0;
    if (r < 0) {
        err_report_errno(-r, VIR_ERR_OPEN_FAILED, "%s", path);
        return -1;
    }
    return conf_load_buffer(path, data, len, keys, obj, flags);
}

/**
 * conf_clear() - free what the table's string fields own and NULL them
 * @keys: settings table ending with CONF_END
 * @obj: struct to clear; numbers are left as they are
 */
void
conf_clear(const ConfKey *keys, void *obj)
{
    for (const ConfKey *k = keys; k->type != CONF_TYPE_END; k++) {
        void *slot = (char *) obj + k->offset;

        if (k->type == CONF_TYPE_STRING)
            g_clear_pointer((char **) slot, g_free);
        else if (k->type == CONF_TYPE_STRLIST)
            g_clear_pointer((char ***) slot, g_strfreev);
    }
}
