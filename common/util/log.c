/* common/util/log.c: leveled logging. Understands libvirt's
 * LIBVIRT_LOG_FILTERS ("3:rpc 1:secret") and LIBVIRT_LOG_OUTPUTS
 * ("1:stderr 2:file:/path 3:journald") syntax. Never reports errors. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>
#include <systemd/sd-journal.h>

#include "common/util/log.h"

typedef enum { LOG_OUT_STDERR, LOG_OUT_FILE, LOG_OUT_JOURNALD } LogOutputKind;

typedef struct {
    LogLevel level;
    char *match;
} LogFilter;

typedef struct {
    LogLevel level;
    LogOutputKind kind;
    int fd;
} LogOutput;

#define LOG_MAX_FILTERS 32
#define LOG_MAX_OUTPUTS 8

static struct {
    char *progname;
    LogLevel default_level;
    LogLevel threshold;          /* lowest level any filter/output accepts */
    LogFilter filters[LOG_MAX_FILTERS];
    size_t nfilters;
    LogOutput outputs[LOG_MAX_OUTPUTS];
    size_t noutputs;
    GMutex lock;
} log_state = {
    .default_level = LOG_LEVEL_WARN,
    .threshold = LOG_LEVEL_WARN,
};

static const char *const log_level_names[] = { "", "debug", "info", "warning", "error" };

static bool
log_parse_level(const char *s, LogLevel *ret)
{
    if (s[0] >= '1' && s[0] <= '4' && s[1] == ':') {
        *ret = (LogLevel) (s[0] - '0');
        return true;
    }
    return false;
}

static void
log_reset(void)
{
    for (size_t i = 0; i < log_state.nfilters; i++)
        g_free(log_state.filters[i].match);
    for (size_t i = 0; i < log_state.noutputs; i++) {
        if (log_state.outputs[i].kind == LOG_OUT_FILE)
            close(log_state.outputs[i].fd);
    }
    log_state.nfilters = 0;
    log_state.noutputs = 0;
}

static int
log_add_filter(const char *tok)
{
    LogLevel lvl;

    if (!log_parse_level(tok, &lvl) || !tok[2] || log_state.nfilters == LOG_MAX_FILTERS)
        return -EINVAL;
    log_state.filters[log_state.nfilters].level = lvl;
    log_state.filters[log_state.nfilters].match = g_strdup(tok[2] == '+' ? tok + 3 : tok + 2);
    log_state.nfilters++;
    return 0;
}

static int
log_add_output(const char *tok)
{
    LogOutput *o;
    LogLevel lvl;
    const char *rest;

    if (!log_parse_level(tok, &lvl) || log_state.noutputs == LOG_MAX_OUTPUTS)
        return -EINVAL;
    rest = tok + 2;
    o = &log_state.outputs[log_state.noutputs];
    o->level = lvl;
    o->fd = STDERR_FILENO;
    if (g_str_equal(rest, "stderr")) {
        o->kind = LOG_OUT_STDERR;
    } else if (g_str_equal(rest, "journald") || g_str_has_prefix(rest, "syslog")) {
        o->kind = LOG_OUT_JOURNALD;
    } else if (g_str_has_prefix(rest, "file:") && rest[5]) {
        int fd = open(rest + 5, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);

        if (fd < 0)
            return -errno;
        o->kind = LOG_OUT_FILE;
        o->fd = fd;
    } else {
        return -EINVAL;
    }
    log_state.noutputs++;
    return 0;
}

static int
log_parse_list(const char *list, int (*add)(const char *tok))
{
    g_auto(GStrv) toks = NULL;

    if (!list)
        return 0;
    toks = g_strsplit_set(list, " \t\n", -1);
    for (size_t i = 0; toks[i]; i++) {
        int r;

        if (!*toks[i])
            continue;
        r = add(toks[i]);
        if (r < 0)
            return r;
    }
    return 0;
}

static void
log_recompute_threshold(void)
{
    LogLevel t = log_state.default_level;

    for (size_t i = 0; i < log_state.nfilters; i++)
        t = MIN(t, log_state.filters[i].level);
    log_state.threshold = t;
}

/**
 * log_setup() - configure logging
 * @progname: name put in front of each line
 * @default_level: level applied to sources no filter matches
 * @filters: libvirt filter list or NULL
 * @outputs: libvirt output list or NULL (then stderr, or journald when
 *           stderr is the journal)
 *
 * Return: 0, or -EINVAL/-errno when a list is malformed (logging then
 *         keeps the defaults).
 */
int
log_setup(const char *progname, LogLevel default_level, const char *filters,
          const char *outputs)
{
    int r;

    g_mutex_lock(&log_state.lock);
    log_reset();
    g_free(log_state.progname);
    log_state.progname = g_strdup(progname);
    log_state.default_level = default_level;
    r = log_parse_list(filters, log_add_filter);
    if (r == 0)
        r = log_parse_list(outputs, log_add_output);
    if (r < 0)
        log_reset();
    if (log_state.noutputs == 0) {
        const char *js = g_getenv("JOURNAL_STREAM");

        log_state.outputs[0].level = LOG_LEVEL_DEBUG;
        log_state.outputs[0].kind = js && *js ? LOG_OUT_JOURNALD : LOG_OUT_STDERR;
        log_state.outputs[0].fd = STDERR_FILENO;
        log_state.noutputs = 1;
    }
    log_recompute_threshold();
    g_mutex_unlock(&log_state.lock);
    return r;
}

/**
 * log_setup_from_env() - log_setup() from LIBVIRT_DEBUG, LIBVIRT_LOG_FILTERS
 * and LIBVIRT_LOG_OUTPUTS
 */
int
log_setup_from_env(const char *progname, LogLevel default_level)
{
    const char *dbg = g_getenv("LIBVIRT_DEBUG");

    if (dbg && dbg[0] >= '1' && dbg[0] <= '4' && !dbg[1])
        default_level = (LogLevel) (dbg[0] - '0');
    return log_setup(progname, default_level, g_getenv("LIBVIRT_LOG_FILTERS"),
                     g_getenv("LIBVIRT_LOG_OUTPUTS"));
}

/**
 * log_set_default_level() - change the level for unfiltered sources
 */
void
log_set_default_level(LogLevel level)
{
    g_mutex_lock(&log_state.lock);
    log_state.default_level = level;
    log_recompute_threshold();
    g_mutex_unlock(&log_state.lock);
}

static LogLevel
log_level_for(const char *file)
{
    for (size_t i = 0; i < log_state.nfilters; i++) {
        if (file && strstr(file, log_state.filters[i].match))
            return log_state.filters[i].level;
    }
    return log_state.default_level;
}

/**
 * log_enabled() - whether a message of @level from @file would be written
 */
bool
log_enabled(LogLevel level, const char *file)
{
    if (level < log_state.threshold)
        return false;
    return level >= log_level_for(file);
}

static void
log_write_line(const LogOutput *o, LogLevel level, const char *line)
{
    static const int prio[] = { LOG_DEBUG, LOG_DEBUG, LOG_INFO, LOG_WARNING, LOG_ERR };

    if (o->kind == LOG_OUT_JOURNALD) {
        sd_journal_print(prio[level], "%s", line);
        return;
    }
    if (write(o->fd, line, strlen(line)) < 0) {
        /* nowhere left to complain */
    }
}

/**
 * log_message() - write one message to every output accepting @level
 */
void
log_message(LogLevel level, const char *file, const char *func, int line,
            const char *fmt, ...)
{
    g_autofree char *msg = NULL;
    g_autofree char *full = NULL;
    g_autoptr(GDateTime) now = NULL;
    g_autofree char *stamp = NULL;
    va_list ap;

    if (!log_enabled(level, file))
        return;

    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);

    now = g_date_time_new_now_utc();
    stamp = g_date_time_format(now, "%Y-%m-%d %H:%M:%S.%f");
    if (level == LOG_LEVEL_DEBUG)
        full = g_strdup_printf("%s: %d: %s : %s:%d : %s\n", stamp, (int) gettid(),
                               log_level_names[level], func, line, msg);
    else
        full = g_strdup_printf("%s: %d: %s : %s%s%s\n", stamp, (int) gettid(),
                               log_level_names[level],
                               log_state.progname ? log_state.progname : "",
                               log_state.progname ? ": " : "", msg);

    g_mutex_lock(&log_state.lock);
    for (size_t i = 0; i < log_state.noutputs; i++) {
        if (level >= log_state.outputs[i].level)
            log_write_line(&log_state.outputs[i], level,
                           log_state.outputs[i].kind == LOG_OUT_JOURNALD ? msg : full);
    }
    g_mutex_unlock(&log_state.lock);
}
