/*
 * main.c: virsh's entry point: global options, then either the commands given on
 * the command line or the interactive shell.
 *
 * One argument after the options is a command string ("cmd1; cmd2 'quoted'");
 * several arguments are the words of a single command. With none, commands are read
 * line by line from stdin behind a "virsh # " prompt.
 */
#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/util/parse.h"
#include "tools/virsh/virsh.h"

static void
usage(void)
{
    printf("\n"
           "Usage:\n"
           "  virsh [options]... [<command_string>]\n"
           "  virsh [options]... <command> [args...]\n"
           "\n"
           "Options:\n"
           "  -c, --connect=URI              connect to this URI\n"
           "  -d, --debug=NUM                debug output, 0 (most) to 4 (least)\n"
           "  -e, --escape=CHAR              console escape character (default ^])\n"
           "  -h, --help                     show this text\n"
           "  -k, --keepalive-interval=NUM   seconds between keepalives, 0 disables\n"
           "  -K, --keepalive-count=NUM      keepalives that may go unanswered\n"
           "  -l, --log=FILE                 (accepted, unused)\n"
           "  -q, --quiet                    print results only\n"
           "  -r, --readonly                 open the connection read-only\n"
           "  -t, --timing                   show how long each command took\n"
           "  -v                             print the version\n"
           "  -V                             print the version and build details\n"
           "      --version[=short|long]     print the version\n"
           "\n"
           "Commands (run 'virsh help <command>' for details):\n"
           "\n");
    vsh_all_help(NULL, true);
}

static void
print_version(bool full)
{
    printf("%d.%d.%d\n", LIBVIR_VERSION_NUMBER / 1000000,
           (LIBVIR_VERSION_NUMBER / 1000) % 1000, LIBVIR_VERSION_NUMBER % 1000);
    if (full)
        printf("modvirt virsh, a command line client built on the public libvirt API\n"
               "Command groups:");
    for (size_t g = 0; full && vsh_groups[g]; g++)
        printf(" %s", vsh_groups[g]->keyword);
    if (full)
        printf("\n");
}

static bool
parse_nonneg(const char *s, int *ret)
{
    int v;

    if (parse_int(s, 10, &v) < 0 || v < 0)
        return false;
    *ret = v;
    return true;
}

static bool
valid_escape(const char *s)
{
    return (s[0] && !s[1]) || (s[0] == '^' && s[1] && !s[2]);
}

/* Return: 1 to go on, 0 to exit successfully (-h, -v), -1 on a bad option. */
static int
parse_global(VshCtl *ctl, int argc, char **argv, bool *connect_now)
{
    static const struct option longopts[] = {
        { "connect", required_argument, NULL, 'c' },
        { "debug", required_argument, NULL, 'd' },
        { "escape", required_argument, NULL, 'e' },
        { "help", no_argument, NULL, 'h' },
        { "keepalive-interval", required_argument, NULL, 'k' },
        { "keepalive-count", required_argument, NULL, 'K' },
        { "log", required_argument, NULL, 'l' },
        { "quiet", no_argument, NULL, 'q' },
        { "readonly", no_argument, NULL, 'r' },
        { "timing", no_argument, NULL, 't' },
        { "version", optional_argument, NULL, 'V' + 256 },
        { NULL, 0, NULL, 0 },
    };
    int c;

    opterr = 0;
    while ((c = getopt_long(argc, argv, "+:c:d:e:hk:K:l:qrtvV", longopts, NULL)) != -1) {
        const char *as_typed = argv[optind - 1];
        bool long_form = as_typed && g_str_has_prefix(as_typed, "--");
        int v;

        switch (c) {
        case 'c':
            g_free(ctl->connname);
            ctl->connname = g_strdup(optarg);
            *connect_now = true;
            break;
        case 'd':
            if (!parse_nonneg(optarg, &v)) {
                vsh_error(ctl, "option %s takes a numeric argument",
                          long_form ? "--debug" : "-d");
                return -1;
            }
            if (v > 4)
                vsh_error(ctl, "ignoring debug level %d out of range [0-4]", v);
            else
                ctl->debug = v;
            break;
        case 'e':
            if (!valid_escape(optarg)) {
                vsh_error(ctl, "Invalid string '%s' for escape sequence", optarg);
                return -1;
            }
            ctl->escape = optarg;
            break;
        case 'h':
            usage();
            return 0;
        case 'k':
        case 'K':
            if (!parse_nonneg(optarg, &v)) {
                if (optarg[0] == '-')
                    vsh_error(ctl, "option -%c requires a positive integer argument", c);
                else
                    vsh_error(ctl, "Invalid value for option -%c", c);
                return -1;
            }
            if (c == 'k')
                ctl->keepalive_interval = v;
            else
                ctl->keepalive_count = v;
            break;
        case 'l':
            break;
        case 'q':
            ctl->quiet = true;
            break;
        case 'r':
            ctl->readonly = true;
            break;
        case 't':
            ctl->timing = true;
            break;
        case 'v':
            print_version(false);
            return 0;
        case 'V':
            print_version(true);
            return 0;
        case 'V' + 256:
            print_version(optarg && g_str_equal(optarg, "long"));
            return 0;
        case ':': {
            const struct option *o = NULL;

            for (size_t i = 0; longopts[i].name; i++) {
                if (longopts[i].val == optopt)
                    o = &longopts[i];
            }
            if (o)
                vsh_error(ctl, "option '-%c'/'--%s' requires an argument", optopt, o->name);
            else
                vsh_error(ctl, "option '%s' requires an argument", as_typed);
            return -1;
        }
        default:
            if (optopt && !long_form)
                vsh_error(ctl, "unsupported option '-%c'. See --help.", optopt);
            else
                vsh_error(ctl, "unsupported option '%s'. See --help.", as_typed);
            return -1;
        }
    }
    return 1;
}

/* One line from stdin without its newline; NULL at end of input. */
static char *
read_line(FILE *in)
{
    g_autoptr(GString) line = g_string_new(NULL);
    int c;

    while ((c = getc(in)) != EOF && c != '\n')
        g_string_append_c(line, (char) c);
    if (c == EOF && line->len == 0)
        return NULL;
    return g_string_free(g_steal_pointer(&line), FALSE);
}

static void
interactive(VshCtl *ctl)
{
    bool tty = isatty(STDIN_FILENO);
    bool echo_input = !tty;

    ctl->imode = true;
    if (!ctl->quiet)
        vsh_print(ctl, "Welcome to virsh, the virtualization interactive terminal.\n\n"
                       "Type:  'help' for help with commands\n"
                       "       'quit' to quit\n\n");
    if (tty)
        vsh_readline_init(ctl);
    while (!ctl->exit_requested) {
        g_autofree char *line = NULL;
        g_autoptr(VshCmd) cmds = NULL;
        const char *prompt = ctl->readonly ? "virsh > " : "virsh # ";
        bool ok;

        if (tty) {
            if (!(line = vsh_readline(prompt)))
                break;
        } else {
            vsh_print(ctl, "%s", prompt);
            if (!(line = read_line(stdin)))
                break;
        }
        /* a terminal echoes what was typed; for piped input we do, so logs read well */
        if (echo_input)
            vsh_print(ctl, "%s\n", line);
        cmds = vsh_parse_string(ctl, line, &ok);
        if (cmds)
            vsh_run(ctl, cmds);
    }
    if (tty)
        vsh_readline_done();
    vsh_print(ctl, "\n");
}

int
main(int argc, char **argv)
{
    VshCtl ctl = {
        .debug = -1,
        .keepalive_interval = -1,
        .keepalive_count = -1,
    };
    bool connect_now = false;
    bool ok = true;
    int r;

    setlocale(LC_ALL, "");
    if (vsh_tables_check() < 0)
        return EXIT_FAILURE;
    if (virInitialize() < 0) {
        fprintf(stderr, "error: failed to initialize libvirt\n");
        return EXIT_FAILURE;
    }
    vsh_error_init();

    if ((r = parse_global(&ctl, argc, argv, &connect_now)) <= 0)
        return r == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
    if (!ctl.connname) {
        const char *env = g_getenv("VIRSH_DEFAULT_CONNECT_URI");

        if (env && *env)
            ctl.connname = g_strdup(env);
    }

    if (optind < argc) {
        g_autoptr(VshCmd) cmds = NULL;

        if (argc - optind == 1)
            cmds = vsh_parse_string(&ctl, argv[optind], &ok);
        else
            cmds = vsh_parse_argv(&ctl, argc - optind, argv + optind, &ok);
        if (!ok)
            return EXIT_FAILURE;
        vsh_event_loop_start(&ctl);
        if (connect_now && !vsh_conn(&ctl)) {
            ok = false;
        } else if (cmds) {
            ok = vsh_run(&ctl, cmds);
        }
    } else {
        vsh_event_loop_start(&ctl);
        if (connect_now && !vsh_conn(&ctl))
            ok = false;
        else
            interactive(&ctl);
    }

    vsh_disconnect(&ctl);
    vsh_event_loop_stop();
    g_free(ctl.connname);
    return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
