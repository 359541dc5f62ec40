/* common/daemon/options.c: getopt_long parsing of the daemon command line,
 * --help and --version output. Prints to stdout/stderr (it runs before
 * logging exists) and never exits: main() decides. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <glib.h>

#include "common/daemon/options.h"
#include "common/util/parse.h"

static void
daemon_options_usage(FILE *out, const char *progname,
                     const char *const *defaults_help_lines)
{
    fprintf(out,
            "\n"
            "Usage:\n"
            "  %s [options]\n"
            "\n"
            "Options:\n"
            "  -h | --help              print this text and exit\n"
            "  -v | --verbose           log more (info level)\n"
            "  -d | --daemon            detach into the background once ready\n"
            "  -t | --timeout <secs>    exit after <secs> without clients (0 = never)\n"
            "  -f | --config <file>     read this configuration file\n"
            "  -p | --pid-file <file>   use this pid file\n"
            "  -V | --version           print the version and exit\n",
            progname);
    if (defaults_help_lines && defaults_help_lines[0]) {
        fprintf(out, "\nDefaults:\n");
        for (size_t i = 0; defaults_help_lines[i]; i++)
            fprintf(out, "  %s\n", defaults_help_lines[i]);
    }
    fprintf(out, "\n");
}

static int
daemon_options_usage_error(const char *progname)
{
    fprintf(stderr, "Try '%s --help' for more information.\n", progname);
    return -1;
}

/**
 * daemon_options_parse() - parse a daemon's command line
 * @argc: from main()
 * @argv: from main(); not modified except by getopt's permutation
 * @progname: daemon name used in messages ("virtsecretd")
 * @defaults_help_lines: NULL-terminated lines describing default paths,
 *                       printed under --help; may be NULL
 * @o: filled in; zeroed first. Free with daemon_options_clear() whatever the
 *     result.
 *
 * Return: 0 to run the daemon, 1 when --help or --version was printed (exit
 *         with status 0), -1 on a usage error already printed to stderr.
 */
int
daemon_options_parse(int argc, char **argv, const char *progname,
                     const char *const *defaults_help_lines, DaemonOptions *o)
{
    static const struct option longopts[] = {
        { "verbose",  no_argument,       NULL, 'v' },
        { "daemon",   no_argument,       NULL, 'd' },
        { "config",   required_argument, NULL, 'f' },
        { "timeout",  required_argument, NULL, 't' },
        { "pid-file", required_argument, NULL, 'p' },
        { "version",  no_argument,       NULL, 'V' },
        { "help",     no_argument,       NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int c;

    *o = (DaemonOptions) { 0 };
    optind = 0;                 /* full re-initialisation (glibc), for repeated calls */
    opterr = 1;
    while ((c = getopt_long(argc, argv, "df:p:t:vVh", longopts, NULL)) != -1) {
        switch (c) {
        case 'd':
            o->daemonize = true;
            break;
        case 'v':
            o->verbose = true;
            break;
        case 'f':
            g_free(o->config_file);
            o->config_file = g_canonicalize_filename(optarg, NULL);
            break;
        case 'p':
            g_free(o->pid_file);
            o->pid_file = g_canonicalize_filename(optarg, NULL);
            break;
        case 't': {
            long long secs;

            if (parse_ll_range(optarg, 10, 0, DAEMON_TIMEOUT_MAX, &secs) < 0) {
                fprintf(stderr, "%s: invalid timeout '%s' (expected 0 to %d seconds)\n",
                        progname, optarg, DAEMON_TIMEOUT_MAX);
                return daemon_options_usage_error(progname);
            }
            o->timeout = (int) secs;
            break;
        }
        case 'V':
            printf("%s (modvirt) %s\n", progname, PACKAGE_VERSION);
            return 1;
        case 'h':
            daemon_options_usage(stdout, progname, defaults_help_lines);
            return 1;
        case '?':
        default:
            /* getopt already named the offending option */
            return daemon_options_usage_error(progname);
        }
    }
    if (optind < argc) {
        fprintf(stderr, "%s: unexpected argument '%s'\n", progname, argv[optind]);
        return daemon_options_usage_error(progname);
    }
    return 0;
}

/**
 * daemon_options_clear() - free the strings of @o and zero it
 */
void
daemon_options_clear(DaemonOptions *o)
{
    g_free(o->config_file);
    g_free(o->pid_file);
    *o = (DaemonOptions) { 0 };
}
