/*
 * edit.c: the "*-edit" cycle: dump the object's XML to a temporary file, run the
 * user's editor on it ($VISUAL, else $EDITOR, else vi), and define the result.
 *
 * An unchanged file defines nothing. When the new XML is refused and the terminal
 * is interactive, the user may edit again; otherwise the command fails.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tools/virsh/helpers.h"

#define EDITOR_SAFE_CHARS \
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:+/@"

/**
 * vsh_edit_tmpfile() - write @xml to a new private file under $TMPDIR
 * Return: its path, or NULL after reporting.
 */
char *
vsh_edit_tmpfile(VshCtl *ctl, const char *xml)
{
    const char *dir = g_getenv("TMPDIR");
    g_autofree char *path = g_build_filename(dir && *dir ? dir : "/tmp", "virshXXXXXX.xml",
                                             NULL);
    size_t len = strlen(xml);
    int fd = g_mkstemp_full(path, O_RDWR | O_CLOEXEC, 0600);

    if (fd < 0) {
        vsh_error(ctl, "Failed to create temporary file: %s", g_strerror(errno));
        return NULL;
    }
    if (write(fd, xml, len) != (ssize_t) len || close(fd) < 0) {
        vsh_error(ctl, "Failed to write temporary file: %s", g_strerror(errno));
        unlink(path);
        return NULL;
    }
    return g_steal_pointer(&path);
}

static char *
shell_quote_join(const char *editor, const char *path)
{
    g_autofree char *q = g_shell_quote(path);

    return g_strdup_printf("%s %s", editor, q);
}

/**
 * vsh_edit_run() - run the editor on @path and wait for it
 * Return: true when it exited with status 0 (otherwise reported).
 */
bool
vsh_edit_run(VshCtl *ctl, const char *path)
{
    const char *editor = g_getenv("VISUAL");
    g_autoptr(GError) err = NULL;
    g_autofree char *shown = NULL;
    g_autofree char *prog = NULL;
    const char *argv[4];
    int status = 0;

    if (!editor || !*editor)
        editor = g_getenv("EDITOR");
    if (!editor || !*editor)
        editor = "vi";

    if (strspn(editor, EDITOR_SAFE_CHARS) != strlen(editor)) {
        g_autofree char *line = shell_quote_join(editor, path);
        g_autofree char *q = g_shell_quote(line);

        argv[0] = "sh";
        argv[1] = "-c";
        argv[2] = line;
        argv[3] = NULL;
        shown = g_strdup_printf("sh -c %s", q);
        fflush(stdout);
        if (!g_spawn_sync(NULL, (char **) argv, NULL,
                          G_SPAWN_SEARCH_PATH | G_SPAWN_CHILD_INHERITS_STDIN,
                          NULL, NULL, NULL, NULL, &status, &err)) {
            vsh_error(ctl, "%s", err->message);
            return false;
        }
    } else {
        if (!(prog = g_find_program_in_path(editor))) {
            vsh_error(ctl, "Cannot find '%s' in path: %s", editor, g_strerror(ENOENT));
            return false;
        }
        argv[0] = prog;
        argv[1] = path;
        argv[2] = NULL;
        shown = g_strdup_printf("%s %s", editor, path);
        fflush(stdout);
        if (!g_spawn_sync(NULL, (char **) argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN,
                          NULL, NULL, NULL, NULL, &status, &err)) {
            vsh_error(ctl, "%s", err->message);
            return false;
        }
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        if (WIFEXITED(status))
            vsh_error(ctl, "internal error: Child process (%s) unexpected exit status %d",
                      shown, WEXITSTATUS(status));
        else
            vsh_error(ctl, "internal error: Child process (%s) unexpected fatal signal %d",
                      shown, WTERMSIG(status));
        return false;
    }
    return true;
}

/* @tmpl with every "%s" replaced by @name (not a printf format) */
static void
print_msg(VshCtl *ctl, const char *tmpl, const char *name)
{
    g_auto(GStrv) parts = g_strsplit(tmpl, "%s", -1);
    g_autofree char *msg = g_strjoinv(name, parts);

    vsh_print(ctl, "%s", msg);
}

/* Ask whether to edit again; only on an interactive terminal. */
static bool
ask_reedit(VshCtl *ctl)
{
    int c;

    if (!isatty(STDIN_FILENO))
        return false;
    for (;;) {
        vsh_print(ctl, "Failed. Try again? [y,n]: ");
        c = getchar();
        while (c != '\n' && c != EOF && getchar() != '\n')
            ;
        if (c == 'y' || c == 'Y')
            return true;
        if (c == 'n' || c == 'N' || c == EOF)
            return false;
    }
}

/**
 * vsh_edit() - the whole edit cycle for one object
 * @name: the object's name, for the "not changed" message
 */
bool
vsh_edit(VshCtl *ctl, const VshEditOps *ops, void *obj, const char *name)
{
    g_autofree char *orig = ops->dump(ctl, obj);
    g_autofree char *path = NULL;
    bool ok = false;

    if (!orig || !(path = vsh_edit_tmpfile(ctl, orig)))
        return false;
    for (;;) {
        g_autofree char *edited = NULL;
        g_autofree char *newname = NULL;
        size_t len;

        if (!vsh_edit_run(ctl, path))
            break;
        if (vsh_read_file(ctl, path, VSH_MAX_XML_FILE, &edited, &len) < 0)
            break;
        if (g_str_equal(edited, orig)) {
            print_msg(ctl, ops->not_changed, name);
            ok = true;
            break;
        }
        if ((newname = ops->define(ctl, obj, edited))) {
            print_msg(ctl, ops->edited, newname);
            ok = true;
            break;
        }
        vsh_report_error(ctl);
        if (!ask_reedit(ctl))
            break;
    }
    unlink(path);
    return ok;
}
