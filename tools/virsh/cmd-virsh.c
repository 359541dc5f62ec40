/*
 * cmd-virsh.c: commands about the shell itself: help, quit/exit, connect, echo,
 * cd, pwd. None of them needs a connection except connect, which makes one.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "tools/virsh/helpers.h"

/* ---- help ---- */

static bool
cmd_help(VshCtl *ctl, const VshCmd *cmd)
{
    const char *name = NULL;
    const VshCmdGroup *grp;
    const VshCmdDef *def;

    if (vsh_opt_string(ctl, cmd, "command", &name) < 0)
        return false;
    if (!name) {
        vsh_all_help(ctl, false);
        return true;
    }
    if ((grp = vsh_group_lookup(name))) {
        vsh_group_help(ctl, grp);
        return true;
    }
    if ((def = vsh_cmd_lookup(name)))
        return vsh_cmd_help(ctl, def);
    vsh_error(ctl, "command or command group '%s' doesn't exist", name);
    return false;
}

static const VshOptDef opts_help[] = {
    { "command", VSH_OT_STRING, 0,
      "the command or command group (help keyword) to describe" },
    { NULL }
};

/* ---- quit / exit ---- */

static bool
cmd_quit(VshCtl *ctl, const VshCmd *cmd)
{
    ctl->exit_requested = 1;
    return true;
}

/* ---- connect ---- */

static bool
cmd_connect(VshCtl *ctl, const VshCmd *cmd)
{
    const char *name = NULL;

    if (vsh_opt_string(ctl, cmd, "name", &name) < 0)
        return false;
    return vsh_connect(ctl, name ? name : ctl->connname, vsh_opt_bool(cmd, "readonly"));
}

static const VshOptDef opts_connect[] = {
    { "name", VSH_OT_STRING, VSH_OF_EMPTY_OK,
      "URI to connect to (default: the current one)" },
    { "readonly", VSH_OT_BOOL, 0, "open the connection read-only" },
    { NULL }
};

/* ---- echo ---- */

/* Characters a POSIX shell would interpret inside a word. */
#define SHELL_SPECIAL " \t\n!\"#$&'()*;<>?[\\]^`{|}~"

static void
append_shell_word(GString *out, const char *s)
{
    if (*s && !strpbrk(s, SHELL_SPECIAL)) {
        g_string_append(out, s);
        return;
    }
    g_string_append_c(out, '\'');
    for (; *s; s++) {
        if (*s == '\'')
            g_string_append(out, "'\\''");
        else
            g_string_append_c(out, *s);
    }
    g_string_append_c(out, '\'');
}

static bool
cmd_echo(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(GString) out = g_string_new(NULL);
    bool shell = vsh_opt_bool(cmd, "shell");
    bool xml = vsh_opt_bool(cmd, "xml");
    bool split = vsh_opt_bool(cmd, "split");
    const char *arg;
    size_t iter = 0;
    bool first = true;

    if (!vsh_opt_exclusive(ctl, cmd, "shell", "xml") ||
        !vsh_opt_exclusive(ctl, cmd, "shell", "split"))
        return false;

    while ((arg = vsh_opt_argv(cmd, "string", &iter))) {
        g_autoptr(GPtrArray) parts = NULL;

        if (!first)
            g_string_append_c(out, ' ');
        first = false;
        if (split) {
            parts = vsh_split_commas(arg);
        } else {
            parts = g_ptr_array_new();
            g_ptr_array_add(parts, (char *) arg);
        }
        for (guint i = 0; i < parts->len; i++) {
            const char *p = parts->pdata[i];

            if (shell) {
                append_shell_word(out, p);
            } else if (xml) {
                g_autofree char *e = vsh_xml_escape(p);

                g_string_append(out, e);
            } else {
                g_string_append(out, p);
            }
            if (split)
                g_string_append_c(out, '\n');
        }
    }
    if (vsh_opt_bool(cmd, "err"))
        vsh_error(ctl, "%s", out->str);
    else
        vsh_print(ctl, "%s", out->str);
    return true;
}

static const VshOptDef opts_echo[] = {
    { "shell", VSH_OT_BOOL, 0, "quote each word for a POSIX shell" },
    { "xml", VSH_OT_BOOL, 0, "escape each word for XML text" },
    { "split", VSH_OT_BOOL, 0, "split words at ',' (',,' is a literal comma)" },
    { "err", VSH_OT_BOOL, 0, "print to stderr as an error" },
    { "string", VSH_OT_ARGV, VSH_OF_BARE, "words to print" },
    { NULL }
};

/* ---- cd / pwd ---- */

static bool
cmd_cd(VshCtl *ctl, const VshCmd *cmd)
{
    const char *dir = NULL;

    if (!ctl->imode) {
        vsh_error(ctl, "cd: command valid only in interactive mode");
        return false;
    }
    if (vsh_opt_string(ctl, cmd, "dir", &dir) < 0)
        return false;
    if (!dir)
        dir = g_get_home_dir();
    if (chdir(dir) < 0) {
        vsh_error(ctl, "cd: %s: %s", g_strerror(errno), dir);
        return false;
    }
    return true;
}

static const VshOptDef opts_cd[] = {
    { "dir", VSH_OT_STRING, 0, "directory to switch to (default: home)" },
    { NULL }
};

static bool
cmd_pwd(VshCtl *ctl, const VshCmd *cmd)
{
    g_autofree char *cwd = g_get_current_dir();

    vsh_print(ctl, "%s\n", cwd);
    return true;
}

/* ---- the group ---- */

static const VshCmdDef cmds_virsh[] = {
    { "cd", cmd_cd, opts_cd, "change the working directory",
      "Change the working directory of the shell.", VSH_CF_NOCONNECT },
    { "echo", cmd_echo, opts_echo, "print its arguments (handy for testing quoting)",
      "Print the words given, optionally quoted for a shell or escaped for XML.",
      VSH_CF_NOCONNECT },
    { "exit", cmd_quit, NULL, "leave the shell", NULL, VSH_CF_NOCONNECT },
    { "help", cmd_help, opts_help, "show help",
      "Without an argument, list all commands by group; with a command name,\n"
      "describe that command; with a group keyword, list that group.",
      VSH_CF_NOCONNECT },
    { "pwd", cmd_pwd, NULL, "print the working directory", NULL, VSH_CF_NOCONNECT },
    { "quit", cmd_quit, NULL, "leave the shell", NULL, VSH_CF_NOCONNECT },
    { "connect", cmd_connect, opts_connect, "open a new connection to a hypervisor",
      "Close the current connection (if any) and connect to the given URI.",
      VSH_CF_NOCONNECT },
    { NULL }
};

const VshCmdGroup vsh_group_virsh = { "Virsh itself", "virsh", { cmds_virsh } };
