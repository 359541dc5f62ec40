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
    bool plus;                  /* written "N:+match" (kept for get) */
    char *match;
} LogFilter;

typedef struct {
    LogLevel level;
    LogOutputKind kind;
    int fd;
    char *spec;                 /* what followed "N:" ("stderr", "file:/x") */
} LogOutput;

#define LOG_MAX_FILTERS 32
#define LOG_MAX_OUTPUTS 8

/* A filter or output list, parsed before it replaces the current one. */
typedef struct {
    LogFilter filters[LOG_MAX_FILTERS];
    size_t nfilters;
    LogOutput outputs[LOG_MAX_OUTPUTS];
    size_t noutputs;
} LogLists;

static struct {
    char *progname;
    LogLevel default_level;
    gint threshold;             /* LogLevel: lowest level any filter or the default accepts */
    LogLists cur;
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
log_free_filters(LogLists *l)
{
    for (size_t i = 0; i < l->nfilters; i++)
        g_free(l->filters[i].match);
    l->nfilters = 0;
}

static void
log_free_outputs(LogLists *l)
{
    for (size_t i = 0; i < l->noutputs; i++) {
        if (l->outputs[i].kind == LOG_OUT_FILE)
            close(l->outputs[i].fd);
        g_free(l->outputs[i].spec);
    }
    l->noutputs = 0;
}

static int
log_add_filter(LogLists *l, const char *tok)
{
    LogFilter *f;
    LogLevel lvl;

    if (!log_parse_level(tok, &lvl) || !tok[2] || (tok[2] == '+' && !tok[3]) ||
        l->nfilters == LOG_MAX_FILTERS)
        return -EINVAL;
    f = &l->filters[l->nfilters++];
    f->level = lvl;
    f->plus = tok[2] == '+';
    f->match = g_strdup(tok + (f->plus ? 3 : 2));
    return 0;
}

static int
log_add_output(LogLists *l, const char *tok)
{
    LogOutput *o;
    LogLevel lvl;
    const char *rest;

    if (!log_parse_level(tok, &lvl) || l->noutputs == LOG_MAX_OUTPUTS)
        return -EINVAL;
    rest = tok + 2;
    o = &l->outputs[l->noutputs];
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
    o->spec = g_strdup(rest);
    l->noutputs++;
    return 0;
}

static int
log_parse_list(LogLists *l, const char *list, int (*add)(LogLists *l, const char *tok))
{
    g_auto(GStrv) toks = NULL;

    if (!list)
        return 0;
    toks = g_strsplit_set(list, " \t\n", -1);
    for (size_t i = 0; toks[i]; i++) {
        int r;

        if (!*toks[i])
            continue;
        r = add(l, toks[i]);
        if (r < 0)
            return r;
    }
    return 0;
}

/* With no output configured: stderr, or the journal when stderr is it. */
static void
log_default_output(LogLists *l)
{
    const char *js = g_getenv("JOURNAL_STREAM");
    bool journal = js && *js;

    l->outputs[0].level = LOG_LEVEL_DEBUG;
    l->outputs[0].kind = journal ? LOG_OUT_JOURNALD : LOG_OUT_STDERR;
    l->outputs[0].fd = STDERR_FILENO;
    l->outputs[0].spec = g_strdup(journal ? "journald" : "stderr");
    l->noutputs = 1;
}

/* Caller holds the lock. */
static void
log_recompute_threshold(void)
{
    LogLevel t = log_state.default_level;

    for (size_t i = 0; i < log_state.cur.nfilters; i++)
        t = MIN(t, log_state.cur.filters[i].level);
    g_atomic_int_set(&log_state.threshold, (gint) t);
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
    LogLists l = { .nfilters = 0 };
    int r;

    r = log_parse_list(&l, filters, log_add_filter);
    if (r == 0)
        r = log_parse_list(&l, outputs, log_add_output);
    if (r < 0) {
        log_free_filters(&l);
        log_free_outputs(&l);
    }
    if (l.noutputs == 0)
        log_default_output(&l);
    g_mutex_lock(&log_state.lock);
    log_free_filters(&log_state.cur);
    log_free_outputs(&log_state.cur);
    log_state.cur = l;
    g_free(log_state.progname);
    log_state.progname = g_strdup(progname);
    log_state.default_level = default_level;
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

/**
 * log_set_filters() - replace the filter list (NULL or "" for none)
 *
 * Return: 0, or -EINVAL when @filters is malformed (nothing changes).
 */
int
log_set_filters(const char *filters)
{
    LogLists l = { .nfilters = 0 };

    if (log_parse_list(&l, filters, log_add_filter) < 0) {
        log_free_filters(&l);
        return -EINVAL;
    }
    g_mutex_lock(&log_state.lock);
    log_free_filters(&log_state.cur);
    memcpy(log_state.cur.filters, l.filters, sizeof(l.filters));
    log_state.cur.nfilters = l.nfilters;
    log_recompute_threshold();
    g_mutex_unlock(&log_state.lock);
    return 0;
}

/**
 * log_set_outputs() - replace the output list (NULL or "" for the default)
 *
 * Return: 0, or -EINVAL/-errno when @outputs is malformed or a file cannot
 * be opened (nothing changes).
 */
int
log_set_outputs(const char *outputs)
{
    LogLists l = { .nfilters = 0 };
    int r = log_parse_list(&l, outputs, log_add_output);

    if (r < 0) {
        log_free_outputs(&l);
        return r;
    }
    if (l.noutputs == 0)
        log_default_output(&l);
    g_mutex_lock(&log_state.lock);
    log_free_outputs(&log_state.cur);
    memcpy(log_state.cur.outputs, l.outputs, sizeof(l.outputs));
    log_state.cur.noutputs = l.noutputs;
    g_mutex_unlock(&log_state.lock);
    return 0;
}

/**
 * log_get_filters() - the filter list in libvirt's syntax ("" for none)
 * @ret_count: (optional) number of filters
 *
 * Return: a new string.
 */
char *
log_get_filters(size_t *ret_count)
{
    GString *out = g_string_new(NULL);

    g_mutex_lock(&log_state.lock);
    for (size_t i = 0; i < log_state.cur.nfilters; i++) {
        const LogFilter *f = &log_state.cur.filters[i];

        g_string_append_printf(out, "%s%d:%s%s", i ? " " : "", (int) f->level,
                               f->plus ? "+" : "", f->match);
    }
    if (ret_count)
        *ret_count = log_state.cur.nfilters;
    g_mutex_unlock(&log_state.lock);
    return g_string_free(out, FALSE);
}

/**
 * log_get_outputs() - the output list in libvirt's syntax
 * @ret_count: (optional) number of outputs
 *
 * Return: a new string.
 */
char *
log_get_outputs(size_t *ret_count)
{
    GString *out = g_string_new(NULL);

    g_mutex_lock(&log_state.lock);
    for (size_t i = 0; i < log_state.cur.noutputs; i++) {
        const LogOutput *o = &log_state.cur.outputs[i];

        g_string_append_printf(out, "%s%d:%s", i ? " " : "", (int) o->level, o->spec);
    }
    if (ret_count)
        *ret_count = log_state.cur.noutputs;
    g_mutex_unlock(&log_state.lock);
    return g_string_free(out, FALSE);
}

/**
 * log_enabled() - whether a message of @level from @file would be written
 */
bool
log_enabled(LogLevel level, const char *file)
{
    LogLevel want;

    if ((gint) level < g_atomic_int_get(&log_state.threshold))
        return false;
    g_mutex_lock(&log_state.lock);
    want = log_state.default_level;
    for (size_t i = 0; i < log_state.cur.nfilters; i++) {
        if (file && strstr(file, log_state.cur.filters[i].match)) {
            want = log_state.cur.filters[i].level;
            break;
        }
    }
    g_mutex_unlock(&log_state.lock);
    return level >= want;
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
    for (size_t i = 0; i < log_state.cur.noutputs; i++) {
        const LogOutput *o = &log_state.cur.outputs[i];

        if (level >= o->level)
            log_write_line(o, level, o->kind == LOG_OUT_JOURNALD ? msg : full);
    }
    g_mutex_unlock(&log_state.lock);
}
