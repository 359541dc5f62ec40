/*
 * cmd.c: the command tables at run time: lookup, option accessors for handlers,
 * help rendering and a consistency check of every table.
 *
 * Nothing here knows a particular command; all of it is driven by vsh_groups[].
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "common/util/parse.h"
#include "tools/virsh/virsh.h"

/**
 * vsh_cmd_lookup() - find a command by name in every group
 * Return: the definition, or NULL if no group has @name.
 */
const VshCmdDef *
vsh_cmd_lookup(const char *name)
{
    for (size_t g = 0; vsh_groups[g]; g++) {
        VSH_GROUP_FOREACH(vsh_groups[g], t, c) {
            if (g_str_equal(c->name, name))
                return c;
        }
    }
    return NULL;
}

/**
 * vsh_group_lookup() - find a group by its help keyword
 */
const VshCmdGroup *
vsh_group_lookup(const char *keyword)
{
    for (size_t g = 0; vsh_groups[g]; g++) {
        if (g_str_equal(vsh_groups[g]->keyword, keyword))
            return vsh_groups[g];
    }
    return NULL;
}

/**
 * vsh_cmd_free() - free a parsed command and every command chained after it
 */
void
vsh_cmd_free(VshCmd *cmd)
{
    while (cmd) {
        VshCmd *next = cmd->next;

        for (size_t i = 0; i < cmd->nopts; i++)
            g_free(cmd->opts[i].value);
        g_free(cmd->opts);
        g_free(cmd);
        cmd = next;
    }
}

/* ---- option accessors ---- */

static const VshOptVal *
vsh_opt_find(const VshCmd *cmd, const char *name)
{
    for (size_t i = 0; i < cmd->nopts; i++) {
        if (g_str_equal(cmd->opts[i].def->name, name))
            return &cmd->opts[i];
    }
    /* asking for an option the table does not declare is a programming error */
    if (cmd->def->opts) {
        for (const VshOptDef *o = cmd->def->opts; o->name; o++) {
            if (g_str_equal(o->name, name))
                return NULL;
        }
    }
    g_error("command '%s' has no option '%s'", cmd->def->name, name);
    return NULL;
}

/**
 * vsh_opt_bool() - whether a boolean (or any) option was given
 */
bool
vsh_opt_bool(const VshCmd *cmd, const char *name)
{
    return vsh_opt_find(cmd, name) != NULL;
}

/**
 * vsh_opt_string() - the value of a string option
 * Return: 1 and *@ret set when given, 0 when absent (*@ret untouched), -1 when given
 *         empty without VSH_OF_EMPTY_OK (reported).
 */
int
vsh_opt_string(VshCtl *ctl, const VshCmd *cmd, const char *name, const char **ret)
{
    const VshOptVal *v = vsh_opt_find(cmd, name);

    if (!v)
        return 0;
    if (!*v->value && !(v->def->flags & VSH_OF_EMPTY_OK)) {
        vsh_error(ctl, "Failed to get option '%s': Option argument is empty", name);
        return -1;
    }
    *ret = v->value;
    return 1;
}

static int
vsh_opt_number(VshCtl *ctl, const VshCmd *cmd, const char *name,
               long long min, long long max, long long *ret)
{
    const char *str = NULL;
    long long val;
    int r;

    if ((r = vsh_opt_string(ctl, cmd, name, &str)) <= 0)
        return r;
    if (parse_ll(str, 10, &val) < 0 || val < min || val > max) {
        vsh_error(ctl, "Numeric value '%s' for <%s> option is malformed or out of range",
                  str, name);
        return -1;
    }
    *ret = val;
    return 1;
}

/**
 * vsh_opt_int() - an int option; same returns as vsh_opt_string()
 */
int
vsh_opt_int(VshCtl *ctl, const VshCmd *cmd, const char *name, int *ret)
{
    long long v;
    int r = vsh_opt_number(ctl, cmd, name, INT_MIN, INT_MAX, &v);

    if (r > 0)
        *ret = (int) v;
    return r;
}

/**
 * vsh_opt_uint() - an unsigned int option; same returns as vsh_opt_string()
 */
int
vsh_opt_uint(VshCtl *ctl, const VshCmd *cmd, const char *name, unsigned int *ret)
{
    long long v;
    int r = vsh_opt_number(ctl, cmd, name, 0, UINT_MAX, &v);

    if (r > 0)
        *ret = (unsigned int) v;
    return r;
}

/**
 * vsh_opt_ll() - a long long option; same returns as vsh_opt_string()
 */
int
vsh_opt_ll(VshCtl *ctl, const VshCmd *cmd, const char *name, long long *ret)
{
    return vsh_opt_number(ctl, cmd, name, LLONG_MIN, LLONG_MAX, ret);
}

/**
 * vsh_opt_ull() - an unsigned long long option; same returns as vsh_opt_string()
 */
int
vsh_opt_ull(VshCtl *ctl, const VshCmd *cmd, const char *name, unsigned long long *ret)
{
    const char *str = NULL;
    unsigned long long val;
    int r;

    if ((r = vsh_opt_string(ctl, cmd, name, &str)) <= 0)
        return r;
    if (parse_ull(str, 10, &val) < 0) {
        vsh_error(ctl, "Numeric value '%s' for <%s> option is malformed or out of range",
                  str, name);
        return -1;
    }
    *ret = val;
    return 1;
}

/**
 * vsh_opt_ul() - an unsigned long option; same returns as vsh_opt_string()
 */
int
vsh_opt_ul(VshCtl *ctl, const VshCmd *cmd, const char *name, unsigned long *ret)
{
    unsigned long long v;
    int r = vsh_opt_ull(ctl, cmd, name, &v);

    if (r > 0)
        *ret = (unsigned long) v;
    return r;
}

/**
 * vsh_scale_parse() - a number with an optional unit suffix, in bytes / @scale
 * @scale: the unit of a bare number (1 for bytes, 1024 for KiB, ...)
 * @max: the largest acceptable result
 * @ret_err: on failure, the reason ("unknown suffix 'x'", ...) for the caller's message
 *
 * Suffixes: b, byte, bytes; k, m, g, t, p, e alone or with "iB" (powers of 1024) or
 * with "B" (powers of 1000); case does not matter.
 * Return: 0, or -1 with *@ret_err set (the number itself malformed: *@ret_err NULL).
 */
int
vsh_scale_parse(const char *str, unsigned long long scale, unsigned long long max,
                unsigned long long *ret, char **ret_err)
{
    static const char units[] = "kmgtpe";
    const char *p = str;
    g_autofree char *digits = NULL;
    unsigned long long val;
    unsigned long long mult = 1;

    *ret_err = NULL;
    while (g_ascii_isspace(*p))
        p++;
    while (g_ascii_isdigit(*p))
        p++;
    digits = g_strndup(str, p - str);
    g_strchug(digits);
    if (!*digits || parse_ull(digits, 10, &val) < 0)
        return -1;

    if (!*p) {
        mult = scale;
    } else if (!g_ascii_strcasecmp(p, "b") || !g_ascii_strcasecmp(p, "byte") ||
               !g_ascii_strcasecmp(p, "bytes")) {
        mult = 1;
    } else {
        const char *u = strchr(units, g_ascii_tolower(*p));
        unsigned long long base;

        if (!p[1] || !g_ascii_strcasecmp(p + 1, "iB"))
            base = 1024;
        else if (g_ascii_tolower(p[1]) == 'b' && !p[2])
            base = 1000;
        else
            u = NULL;
        if (!u || !*u) {
            *ret_err = g_strdup_printf("invalid argument: unknown suffix '%s'", p);
            return -1;
        }
        for (const char *q = units; q <= u; q++)
            mult *= base;
    }
    if (val > max / mult) {
        *ret_err = g_strdup_printf("numerical overflow: value too large: %s", str);
        return -1;
    }
    *ret = val * mult;
    return 0;
}

/**
 * vsh_opt_scaled() - a size option with an optional unit suffix, in bytes
 * @scale: unit of a bare number; @max: largest acceptable number of bytes
 * Return: 1 set, 0 absent, -1 invalid (reported).
 */
int
vsh_opt_scaled(VshCtl *ctl, const VshCmd *cmd, const char *name,
               unsigned long long *ret, unsigned long long scale, unsigned long long max)
{
    const char *str = NULL;
    g_autofree char *why = NULL;
    int r;

    if ((r = vsh_opt_string(ctl, cmd, name, &str)) <= 0)
        return r;
    if (vsh_scale_parse(str, scale, max, ret, &why) < 0) {
        vsh_error(ctl, "Scaled numeric value '%s' for <%s> option is malformed or out of range",
                  str, name);
        if (why)
            vsh_error(ctl, "%s", why);
        return -1;
    }
    return 1;
}

/**
 * vsh_opt_timeout() - the "timeout" option: positive seconds, returned in ms
 * Return: 1 set, 0 absent, -1 invalid (reported).
 */
int
vsh_opt_timeout(VshCtl *ctl, const VshCmd *cmd, int *ret_ms)
{
    long long v;
    int r = vsh_opt_number(ctl, cmd, "timeout", 1, INT_MAX, &v);

    if (r <= 0)
        return r;
    if (v > INT_MAX / 1000) {
        vsh_error(ctl, "timeout is too big");
        return -1;
    }
    *ret_ms = (int) v * 1000;
    return 1;
}

/**
 * vsh_opt_argv() - iterate the values of an argv (or repeatable) option
 * @iter: start at 0; advanced past the returned value
 * Return: the next value, NULL when there is none.
 */
const char *
vsh_opt_argv(const VshCmd *cmd, const char *name, size_t *iter)
{
    for (size_t i = *iter; i < cmd->nopts; i++) {
        if (g_str_equal(cmd->opts[i].def->name, name)) {
            *iter = i + 1;
            return cmd->opts[i].value;
        }
    }
    *iter = cmd->nopts;
    return NULL;
}

/**
 * vsh_opt_exclusive() - fail (reported) when both @a and @b were given
 * Return: true when at most one of them was given.
 */
bool
vsh_opt_exclusive(VshCtl *ctl, const VshCmd *cmd, const char *a, const char *b)
{
    if (vsh_opt_bool(cmd, a) && vsh_opt_bool(cmd, b)) {
        vsh_error(ctl, "Options --%s and --%s are mutually exclusive", a, b);
        return false;
    }
    return true;
}

/**
 * vsh_opt_requires() - fail (reported) when @a was given without @b
 */
bool
vsh_opt_requires(VshCtl *ctl, const VshCmd *cmd, const char *a, const char *b)
{
    if (vsh_opt_bool(cmd, a) && !vsh_opt_bool(cmd, b)) {
        vsh_error(ctl, "Option --%s is required by option --%s", b, a);
        return false;
    }
    return true;
}

/**
 * vsh_opt_flags() - the flags of the boolean options in @map that were given
 * @map: option names and the flags each adds
 * @n: how many
 */
unsigned int
vsh_opt_flags(const VshCmd *cmd, const VshOptFlag *map, size_t n)
{
    unsigned int flags = 0;

    for (size_t i = 0; i < n; i++) {
        if (vsh_opt_bool(cmd, map[i].opt))
            flags |= map[i].flag;
    }
    return flags;
}

/**
 * vsh_opt_given() - like vsh_opt_bool(), for readability with valued options
 */
bool
vsh_opt_given(const VshCmd *cmd, const char *name)
{
    return vsh_opt_bool(cmd, name);
}

/* ---- help ---- */

static bool
opt_is_positional(const VshOptDef *o)
{
    return o->type == VSH_OT_DATA || o->type == VSH_OT_ARGV ||
           ((o->type == VSH_OT_STRING || o->type == VSH_OT_INT) &&
            !(o->flags & VSH_OF_NOPOS));
}

static const char *
opt_value_word(const VshOptDef *o)
{
    return o->type == VSH_OT_INT ? "number" : "string";
}

static void
synopsis_item(GString *s, const VshOptDef *o)
{
    bool req = o->flags & VSH_OF_REQUIRED;

    switch (o->type) {
    case VSH_OT_BOOL:
        g_string_append_printf(s, " [--%s]", o->name);
        break;
    case VSH_OT_ARGV:
        if (o->flags & VSH_OF_BARE)
            g_string_append_printf(s, req ? " <%s>..." : " [<%s>]...", o->name);
        else
            g_string_append_printf(s, req ? " {[--%s] <string>}..." : " [[--%s] <string>]...",
                                   o->name);
        break;
    case VSH_OT_ALIAS:
        break;
    case VSH_OT_DATA:
        g_string_append_printf(s, req ? " <%s>" : " [<%s>]", o->name);
        break;
    case VSH_OT_STRING:
    case VSH_OT_INT:
        if (req && opt_is_positional(o))
            g_string_append_printf(s, " <%s>", o->name);
        else if (req)
            g_string_append_printf(s, " --%s <%s>", o->name, opt_value_word(o));
        else
            g_string_append_printf(s, " [--%s <%s>]", o->name, opt_value_word(o));
        break;
    }
}

static char *
option_label(const VshOptDef *o)
{
    switch (o->type) {
    case VSH_OT_BOOL:
        return g_strdup_printf("--%s", o->name);
    case VSH_OT_ARGV:
        if (o->flags & VSH_OF_BARE)
            return g_strdup_printf("<%s>", o->name);
        return g_strdup_printf("[--%s] <string>", o->name);
    default:
        if ((o->flags & VSH_OF_REQUIRED) && opt_is_positional(o))
            return g_strdup_printf("[--%s] <%s>", o->name, opt_value_word(o));
        return g_strdup_printf("--%s <%s>", o->name, opt_value_word(o));
    }
}

/**
 * vsh_cmd_help() - print the NAME/SYNOPSIS/DESCRIPTION/OPTIONS page of a command
 */
bool
vsh_cmd_help(VshCtl *ctl, const VshCmdDef *def)
{
    g_autoptr(GString) syn = g_string_new(def->name);

    vsh_print(ctl, "  NAME\n    %s - %s\n", def->name, def->summary);
    if (def->opts) {
        for (const VshOptDef *o = def->opts; o->name; o++)
            synopsis_item(syn, o);
    }
    vsh_print(ctl, "\n  SYNOPSIS\n    %s\n", syn->str);

    if (def->description && *def->description) {
        g_auto(GStrv) lines = g_strsplit(def->description, "\n", -1);

        vsh_print(ctl, "\n  DESCRIPTION\n");
        for (size_t i = 0; lines[i]; i++)
            vsh_print(ctl, "    %s\n", lines[i]);
    }
    if (def->opts && def->opts[0].name) {
        vsh_print(ctl, "\n  OPTIONS\n");
        for (const VshOptDef *o = def->opts; o->name; o++) {
            g_autofree char *label = NULL;

            if (o->type == VSH_OT_ALIAS)
                continue;
            label = option_label(o);
            vsh_print(ctl, "    %-15s  %s\n", label, o->help);
        }
    }
    vsh_print(ctl, "\n");
    return true;
}

/**
 * vsh_group_help() - print a group heading and one line per command
 */
static int
cmd_name_cmp(gconstpointer a, gconstpointer b)
{
    const VshCmdDef *ca = *(const VshCmdDef *const *) a;
    const VshCmdDef *cb = *(const VshCmdDef *const *) b;

    return strcmp(ca->name, cb->name);
}

void
vsh_group_help(VshCtl *ctl, const VshCmdGroup *grp)
{
    g_autoptr(GPtrArray) all = g_ptr_array_new();

    VSH_GROUP_FOREACH(grp, t, c)
        g_ptr_array_add(all, (gpointer) c);
    g_ptr_array_sort(all, cmd_name_cmp);
    vsh_print(ctl, " %s (help keyword '%s'):\n", grp->name, grp->keyword);
    for (guint i = 0; i < all->len; i++) {
        const VshCmdDef *c = all->pdata[i];

        vsh_print(ctl, "    %-30s %s\n", c->name, c->summary);
    }
    vsh_print(ctl, "\n");
}

/**
 * vsh_all_help() - print every group; @brief drops the "Grouped commands" title
 */
void
vsh_all_help(VshCtl *ctl, bool brief)
{
    if (!brief)
        vsh_print(ctl, "Grouped commands:\n\n");
    for (size_t g = 0; vsh_groups[g]; g++)
        vsh_group_help(ctl, vsh_groups[g]);
}

/* ---- table consistency ---- */

static int
check_cmd(const VshCmdDef *c)
{
    bool seen_optional_positional = false;

    if (!c->handler || !c->summary) {
        g_printerr("virsh: command '%s' lacks a handler or summary\n", c->name);
        return -1;
    }
    if (!c->opts)
        return 0;
    for (const VshOptDef *o = c->opts; o->name; o++) {
        const char *why = NULL;

        for (const VshOptDef *p = c->opts; p < o; p++) {
            if (g_str_equal(p->name, o->name))
                why = "is declared twice";
        }
        if (g_str_equal(o->name, "help"))
            why = "is reserved";
        else if (o->type == VSH_OT_ALIAS) {
            const VshOptDef *tgt = NULL;

            for (const VshOptDef *p = c->opts; p->name; p++) {
                if (p->type != VSH_OT_ALIAS && o->help && g_str_equal(p->name, o->help))
                    tgt = p;
            }
            if (!tgt)
                why = "is an alias of an option the command lacks";
            else
                continue;
        }
        else if (!o->help)
            why = "has no help text";
        else if (o->type == VSH_OT_BOOL && (o->flags & VSH_OF_REQUIRED))
            why = "is a bool and cannot be required";
        else if (o->type == VSH_OT_ARGV && o[1].name && o[1].type != VSH_OT_ALIAS)
            why = "takes all remaining arguments and must come last";
        else if (opt_is_positional(o) && (o->flags & VSH_OF_REQUIRED) &&
                 seen_optional_positional)
            why = "is required but follows an optional positional option";
        if (why) {
            g_printerr("virsh: option --%s of command '%s' %s\n", o->name, c->name, why);
            return -1;
        }
        if (opt_is_positional(o) && !(o->flags & VSH_OF_REQUIRED))
            seen_optional_positional = true;
    }
    return 0;
}

/**
 * vsh_tables_check() - verify every command table once at start-up
 * Return: 0, or -1 after printing what is wrong (a programming error).
 */
int
vsh_tables_check(void)
{
    for (size_t g = 0; vsh_groups[g]; g++) {
        VSH_GROUP_FOREACH(vsh_groups[g], t, c) {
            if (vsh_cmd_lookup(c->name) != c) {
                g_printerr("virsh: command '%s' is declared twice\n", c->name);
                return -1;
            }
            if (check_cmd(c) < 0)
                return -1;
        }
    }
    return 0;
}
