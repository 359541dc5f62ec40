/*
 * readline.c: line editing, completion and history for the interactive shell on a
 * terminal (GNU readline when built with it).
 *
 * History lives in $XDG_CACHE_HOME/virsh/history (~/.cache/virsh/history), as
 * with libvirt's virsh; VIRSH_HISTSIZE caps it (default 500). Tab completes
 * command names, then the options of the command being typed. Piped input does
 * not come here: main.c reads it plainly so transcripts stay byte-exact.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/util/parse.h"
#include "tools/virsh/virsh.h"

#ifdef WITH_READLINE
# include <readline/history.h>
# include <readline/readline.h>
#endif

#define HISTSIZE_DEFAULT 500
#define HISTSIZE_MAX 100000

static char *history_file;

static char *
history_path(void)
{
    return g_build_filename(g_get_user_cache_dir(), "virsh", "history", NULL);
}

#ifdef WITH_READLINE

/* completion candidates for the word being typed */
static char *
complete_command(const char *text, int state)
{
    static size_t g, t;
    static const VshCmdDef *c;
    size_t len = strlen(text);

    if (!state) {
        g = 0;
        t = 0;
        c = NULL;
    }
    for (; vsh_groups[g]; g++, t = 0, c = NULL) {
        for (; t < VSH_GROUP_MAX_TABLES && vsh_groups[g]->tables[t]; t++, c = NULL) {
            if (!c)
                c = vsh_groups[g]->tables[t];
            while (c->name) {
                const char *name = (c++)->name;

                if (strncmp(name, text, len) == 0)
                    return strdup(name);
            }
        }
    }
    return NULL;
}

static const VshCmdDef *completing;

static char *
complete_option(const char *text, int state)
{
    static const VshOptDef *o;
    size_t len = strlen(text);

    if (!state)
        o = completing ? completing->opts : NULL;
    while (o && o->name) {
        const VshOptDef *cur = o++;
        g_autofree char *word = g_strdup_printf("--%s", cur->name);

        if (cur->type == VSH_OT_ALIAS)
            continue;
        if (strncmp(word, text, len) == 0)
            return strdup(word);
    }
    return NULL;
}

static char **
complete(const char *text, int start, int end)
{
    const char *line = rl_line_buffer;
    const char *cmdstart = line;
    g_autofree char *first = NULL;

    rl_attempted_completion_over = 1;   /* no file name completion */
    /* the command of this segment: after the last ';' before the cursor */
    for (int i = 0; i < start; i++) {
        if (line[i] == ';')
            cmdstart = line + i + 1;
    }
    while (*cmdstart == ' ' || *cmdstart == '\t')
        cmdstart++;
    if (cmdstart >= line + start)
        return rl_completion_matches(text, complete_command);
    first = g_strndup(cmdstart, strcspn(cmdstart, " \t"));
    completing = vsh_cmd_lookup(first);
    if (!completing)
        return NULL;
    return rl_completion_matches(text, complete_option);
}

#endif /* WITH_READLINE */

/**
 * vsh_readline_init() - load the history and set up completion
 */
void
vsh_readline_init(VshCtl *ctl)
{
#ifdef WITH_READLINE
    const char *env = g_getenv("VIRSH_HISTSIZE");
    int size = HISTSIZE_DEFAULT;

    if (env && (parse_int(env, 10, &size) < 0 || size < 0 || size > HISTSIZE_MAX)) {
        vsh_error(ctl, "Bad $VIRSH_HISTSIZE value.");
        size = HISTSIZE_DEFAULT;
    }
    rl_readline_name = "virsh";
    rl_attempted_completion_function = complete;
    rl_basic_word_break_characters = " \t\n\\`@$><=;|&{(";
    stifle_history(size);
    history_file = history_path();
    read_history(history_file);
#else
    (void) ctl;
    history_file = history_path();
#endif
}

/**
 * vsh_readline() - read one line with @prompt; NULL at end of input
 */
char *
vsh_readline(const char *prompt)
{
#ifdef WITH_READLINE
    char *line = readline(prompt);
    char *ret;

    if (!line)
        return NULL;
    if (*line)
        add_history(line);
    ret = g_strdup(line);
    free(line);
    return ret;
#else
    g_autoptr(GString) line = g_string_new(NULL);
    int c;

    fputs(prompt, stdout);
    fflush(stdout);
    while ((c = getchar()) != EOF && c != '\n')
        g_string_append_c(line, (char) c);
    if (c == EOF && line->len == 0)
        return NULL;
    return g_string_free(g_steal_pointer(&line), FALSE);
#endif
}

/**
 * vsh_readline_done() - save the history (its directory is created 0700)
 */
void
vsh_readline_done(void)
{
    g_autofree char *dir = NULL;

    if (!history_file)
        return;
#ifdef WITH_READLINE
    dir = g_path_get_dirname(history_file);
    if (g_mkdir_with_parents(dir, 0700) == 0)
        write_history(history_file);
#endif
    g_clear_pointer(&history_file, g_free);
}
