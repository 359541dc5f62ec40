/* common/daemon/options.h: the command line shared by every modvirt daemon
 * (libvirt's split-daemon options: -d -f -p -t -v -V -h). Parsing only; what
 * the options do is up to the daemon runtime. */
#pragma once

#include <stdbool.h>

typedef struct DaemonOptions DaemonOptions;

struct DaemonOptions {
    bool daemonize;      /* -d, --daemon */
    char *config_file;   /* -f, --config; absolute, NULL = default path */
    char *pid_file;      /* -p, --pid-file; absolute, NULL = default path */
    int timeout;         /* -t, --timeout; seconds, 0 = never exit when idle */
    bool verbose;        /* -v, --verbose */
};

/* Largest --timeout libvirt accepts (seconds are turned into ms later). */
#define DAEMON_TIMEOUT_MAX (2147483647 / 1000)

int daemon_options_parse(int argc, char **argv, const char *progname,
                         const char *const *defaults_help_lines, DaemonOptions *o);
void daemon_options_clear(DaemonOptions *o);
