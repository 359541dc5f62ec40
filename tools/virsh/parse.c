/*
 * parse.c: from text to VshCmd lists.
 *
 * Two front ends feed one binder: vsh_parse_string() splits a command string
 * (interactive lines, or the single argument of `virsh "cmd; cmd"`) into commands
 * and words with shell-like quoting; vsh_parse_argv() takes the words of one command
 * as given on our own command line. bind_command() then matches words against the
 * command's option table. A whole line is parsed before anything of it runs, so a
 * syntax error anywhere runs nothing.
 */
#include <string.h>

#include "tools/virsh/virsh.h"

static void
cmd_add(VshCmd *cmd, const VshOptDef *def, const char *value)
{
    cmd->opts = g_renew(VshOptVal, cmd->opts, cmd->nopts + 1);
    cmd->opts[cmd->nopts].def = def;
    cmd->opts[cmd->nopts].value = g_strdup(value);
    cmd->nopts++;
}

static bool
cmd_has(const VshCmd *cmd, const VshOptDef *def)
{
    for (size_t i = 0; i < cmd->nopts; i++) {
        if (cmd->opts[i].def == def)
            return true;
    }
    return false;
}

static const VshOptDef *
opt_by_name(const VshCmdDef *def, const char *name)
{
    if (!def->opts)
        return NULL;
    for (const VshOptDef *o = def->opts; o->name; o++) {
        if (g_str_equal(o->name, name)) {
            if (o->type == VSH_OT_ALIAS)
                return opt_by_name(def, o->help);
            return o;
        }
    }
    return NULL;
}

static bool
takes_positional(const VshOptDef *o)
{
    return o->type == VSH_OT_DATA || o->type == VSH_OT_ARGV ||
           ((o->type == VSH_OT_STRING || o->type == VSH_OT_INT) &&
            !(o->flags & VSH_OF_NOPOS));
}

static const VshOptDef *
next_positional(const VshCmd *cmd)
{
    if (!cmd->def->opts)
        return NULL;
    for (const VshOptDef *o = cmd->def->opts; o->name; o++) {
        if (!takes_positional(o))
            continue;
        if (o->type == VSH_OT_ARGV || !cmd_has(cmd, o))
            return o;
    }
    return NULL;
}

/* A word names an option when it is "--" followed by a letter or digit. */
static bool
is_option_word(const char *w)
{
    return w[0] == '-' && w[1] == '-' && g_ascii_isalnum(w[2]);
}

static VshCmd *
help_for(const VshCmdDef *target)
{
    VshCmd *cmd = g_new0(VshCmd, 1);

    cmd->def = vsh_cmd_lookup("help");
    cmd_add(cmd, opt_by_name(cmd->def, "command"), target->name);
    return cmd;
}

/* every missing required option is reported, one line each */
static bool
check_required(VshCtl *ctl, const VshCmd *cmd)
{
    bool ok = true;

    if (!cmd->def->opts)
        return true;
    for (const VshOptDef *o = cmd->def->opts; o->name; o++) {
        if (!(o->flags & VSH_OF_REQUIRED) || cmd_has(cmd, o))
            continue;
        if (takes_positional(o))
            vsh_error(ctl, "command '%s' requires <%s> option", cmd->def->name, o->name);
        else
            vsh_error(ctl, "command '%s' requires --%s option", cmd->def->name, o->name);
        ok = false;
    }
    return ok;
}

/* Bind the words of one command; words[0] is the command name. */
static VshCmd *
bind_command(VshCtl *ctl, char **words, size_t nwords)
{
    g_autoptr(VshCmd) cmd = g_new0(VshCmd, 1);
    bool data_only = false;
    bool want_help = false;

    cmd->def = vsh_cmd_lookup(words[0]);
    if (!cmd->def) {
        vsh_error(ctl, "unknown command: '%s'", words[0]);
        return NULL;
    }

    for (size_t i = 1; i < nwords; i++) {
        const char *w = words[i];
        const VshOptDef *o;

        if (!data_only && g_str_equal(w, "--")) {
            data_only = true;
            continue;
        }
        if (!data_only && is_option_word(w)) {
            g_autofree char *name = g_strdup(w + 2);
            char *eq = strchr(name, '=');
            const char *value = NULL;

            if (eq) {
                *eq = '\0';
                value = eq + 1;
            }
            o = opt_by_name(cmd->def, name);
            if (!o && g_str_equal(name, "help")) {
                want_help = true;
                continue;
            }
            if (!o) {
                vsh_error(ctl, "command '%s' doesn't support option --%s",
                          cmd->def->name, name);
                return NULL;
            }
            if (o->type != VSH_OT_ARGV && cmd_has(cmd, o)) {
                vsh_error(ctl, "option --%s already seen", o->name);
                return NULL;
            }
            if (o->type == VSH_OT_BOOL) {
                if (value) {
                    vsh_error(ctl, "invalid '=' after option --%s", name);
                    return NULL;
                }
            } else if (!value) {
                if (i + 1 >= nwords) {
                    vsh_error(ctl, "expected syntax: --%s <%s>", name,
                              o->type == VSH_OT_INT ? "number" : "string");
                    return NULL;
                }
                value = words[++i];
            }
            cmd_add(cmd, o, value);
            continue;
        }
        o = next_positional(cmd);
        if (!o) {
            vsh_error(ctl, "unexpected data '%s'", w);
            return NULL;
        }
        cmd_add(cmd, o, w);
    }

    if (want_help)
        return help_for(cmd->def);
    if (!check_required(ctl, cmd))
        return NULL;
    for (size_t i = 0; i < cmd->nopts; i++)
        vsh_debug(ctl, 0, "%s: --%s: %s\n", cmd->def->name, cmd->opts[i].def->name,
                  cmd->opts[i].value ? cmd->opts[i].value : "(set)");
    return g_steal_pointer(&cmd);
}

/* Append one parsed command to a list; a command of no words is skipped. */
static bool
flush_command(VshCtl *ctl, GPtrArray *words, VshCmd **head, VshCmd **tail)
{
    VshCmd *cmd;

    if (words->len == 0)
        return true;
    cmd = bind_command(ctl, (char **) words->pdata, words->len);
    g_ptr_array_set_size(words, 0);
    if (!cmd)
        return false;
    if (*tail)
        (*tail)->next = cmd;
    else
        *head = cmd;
    *tail = cmd;
    return true;
}

/*
 * Read one word at *pp. Quoting: '...' is literal (an unterminated one runs to the
 * end), "..." honours backslash escapes (unterminated is an error), a backslash
 * outside quotes takes the next character literally.
 */
static char *
read_word(VshCtl *ctl, const char **pp)
{
    g_autoptr(GString) w = g_string_new(NULL);
    const char *p = *pp;

    while (*p && *p != ' ' && *p != '\t' && *p != ';' && *p != '\n') {
        if (*p == '\\') {
            if (!p[1]) {
                vsh_error(ctl, "dangling \\");
                return NULL;
            }
            g_string_append_c(w, p[1]);
            p += 2;
        } else if (*p == '\'') {
            for (p++; *p && *p != '\''; p++)
                g_string_append_c(w, *p);
            if (*p)
                p++;
        } else if (*p == '"') {
            for (p++; *p && *p != '"'; p++) {
                if (*p == '\\' && p[1])
                    p++;
                g_string_append_c(w, *p);
            }
            if (!*p) {
                vsh_error(ctl, "missing \"");
                return NULL;
            }
            p++;
        } else {
            g_string_append_c(w, *p++);
        }
    }
    *pp = p;
    return g_string_free(g_steal_pointer(&w), FALSE);
}

/**
 * vsh_parse_string() - parse a command string into a list of commands
 * @ret_ok: false when a syntax error was reported
 * Return: the commands (NULL for an empty or failing line).
 */
VshCmd *
vsh_parse_string(VshCtl *ctl, const char *line, bool *ret_ok)
{
    g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(VshCmd) head = NULL;
    VshCmd *tail = NULL;
    const char *p = line;

    *ret_ok = false;
    vsh_debug(ctl, 0, "commands: \"%s\"\n", line);
    for (;;) {
        char *w;

        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p)
            break;
        if (*p == ';' || *p == '\n') {
            if (!flush_command(ctl, words, &head, &tail))
                return NULL;
            p++;
            continue;
        }
        if (*p == '#') {
            while (*p && *p != '\n')
                p++;
            continue;
        }
        if (!(w = read_word(ctl, &p)))
            return NULL;
        g_ptr_array_add(words, w);
    }
    if (!flush_command(ctl, words, &head, &tail))
        return NULL;
    *ret_ok = true;
    return g_steal_pointer(&head);
}

/**
 * vsh_parse_argv() - parse one command given as separate words
 */
VshCmd *
vsh_parse_argv(VshCtl *ctl, int argc, char **argv, bool *ret_ok)
{
    VshCmd *cmd = argc > 0 ? bind_command(ctl, argv, argc) : NULL;

    *ret_ok = argc == 0 || cmd != NULL;
    return cmd;
}
