/* common/daemon/main.c: daemon_run(), the whole main() of every driver
 * daemon: options, config, logging, --daemon, pid file, sockets, driver
 * init, servers, signals, idle timeout, readiness, orderly shutdown. */
#include "config.h"

#define ERR_DOMAIN VIR_FROM_NONE

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/signalfd.h>
#include <glib-unix.h>

#include "common/daemon/daemonize.h"
#include "common/daemon/options.h"
#include "common/daemon/server.h"
#include "common/util/err.h"
#include "common/util/file.h"
#include "common/util/log.h"
#include "common/util/paths.h"

typedef struct {
    DaemonCtx *ctx;
    int sigfd;
} DaemonLoop;

/** daemon_ctx_driver() - the driver the daemon runs */
const DaemonDriver *
daemon_ctx_driver(DaemonCtx *ctx)
{
    return ctx->drv;
}

/** daemon_ctx_privileged() - system (root) or session daemon */
bool
daemon_ctx_privileged(DaemonCtx *ctx)
{
    return ctx->privileged;
}

/** daemon_ctx_get_data() - the driver's state pointer */
void *
daemon_ctx_get_data(DaemonCtx *ctx)
{
    return ctx->driver_data;
}

/** daemon_ctx_set_data() - set the driver's state pointer (from init) */
void
daemon_ctx_set_data(DaemonCtx *ctx, void *data)
{
    ctx->driver_data = data;
}

/** daemon_ctx_main_context() - the I/O thread's context (timers, fds) */
GMainContext *
daemon_ctx_main_context(DaemonCtx *ctx)
{
    return ctx->main_ctx;
}

/** daemon_ctx_quit() - ask the daemon to stop (any thread) */
void
daemon_ctx_quit(DaemonCtx *ctx)
{
    g_main_loop_quit(ctx->loop);
}

static void
daemon_startup_error(const DaemonDriver *drv, const char *what)
{
    const char *msg = err_last_message();

    if (msg)
        fprintf(stderr, "%s: error: %s: %s\n", drv->name, what, msg);
    else
        fprintf(stderr, "%s: error: %s\n", drv->name, what);
    log_error("%s: %s", what, msg ? msg : "failed");
}

static void
daemon_setup_logging(const DaemonDriver *drv, const DaemonOptions *opts,
                     const DaemonConfig *cfg)
{
    LogLevel level = LOG_LEVEL_WARN;
    const char *dbg = g_getenv("LIBVIRT_DEBUG");
    const char *filters = g_getenv("LIBVIRT_LOG_FILTERS");
    const char *outputs = g_getenv("LIBVIRT_LOG_OUTPUTS");

    if (cfg->log_level >= 1 && cfg->log_level <= 4)
        level = (LogLevel) cfg->log_level;
    if (opts->verbose && level > LOG_LEVEL_INFO)
        level = LOG_LEVEL_INFO;
    if (dbg && dbg[0] >= '1' && dbg[0] <= '4' && !dbg[1])
        level = (LogLevel) (dbg[0] - '0');
    if (!filters || !*filters)
        filters = cfg->log_filters;
    if (!outputs || !*outputs)
        outputs = cfg->log_outputs;
    if (log_setup(drv->name, level, filters, outputs) < 0)
        fprintf(stderr, "%s: warning: ignoring malformed log filters/outputs\n", drv->name);
}

static gboolean
daemon_on_signal(gint fd, GIOCondition cond, gpointer data)
{
    DaemonLoop *dl = data;
    struct signalfd_siginfo si;

    while (read(fd, &si, sizeof(si)) == sizeof(si)) {
        switch (si.ssi_signo) {
        case SIGHUP:
            log_info("SIGHUP: reloading driver configuration");
            if (dl->ctx->drv->reload && dl->ctx->drv->reload(dl->ctx) < 0)
                log_error("reload failed: %s", err_last_message());
            break;
        default:
            log_info("signal %u: shutting down", si.ssi_signo);
            g_main_loop_quit(dl->ctx->loop);
            break;
        }
    }
    return G_SOURCE_CONTINUE;
}

/* Once a second: exit after the idle timeout with nothing to do. */
static gboolean
daemon_on_idle_tick(gpointer data)
{
    DaemonCtx *ctx = data;
    int64_t now = g_get_monotonic_time();
    bool idle = daemon_servers_nclients(ctx) == 0 &&
                !(ctx->drv->busy && ctx->drv->busy(ctx));

    if (ctx->idle_timeout == 0) {
        ctx->idle_source = 0;
        return G_SOURCE_REMOVE;
    }
    if (!idle) {
        ctx->idle_since = 0;
        return G_SOURCE_CONTINUE;
    }
    if (ctx->idle_since == 0)
        ctx->idle_since = now;
    if (now - ctx->idle_since >= (int64_t) ctx->idle_timeout * G_USEC_PER_SEC) {
        log_info("idle for %u s: exiting", ctx->idle_timeout);
        g_main_loop_quit(ctx->loop);
        ctx->idle_source = 0;
        return G_SOURCE_REMOVE;
    }
    return G_SOURCE_CONTINUE;
}

/**
 * daemon_set_idle_timeout() - see server.h
 */
void
daemon_set_idle_timeout(DaemonCtx *ctx, unsigned int seconds)
{
    ctx->idle_timeout = seconds;
    ctx->idle_since = 0;
    if (seconds > 0 && ctx->idle_source == 0)
        ctx->idle_source = g_timeout_add_seconds(1, daemon_on_idle_tick, ctx);
}

static int
daemon_block_signals(sigset_t *set)
{
    sigemptyset(set);
    sigaddset(set, SIGTERM);
    sigaddset(set, SIGINT);
    sigaddset(set, SIGQUIT);
    sigaddset(set, SIGHUP);
    signal(SIGPIPE, SIG_IGN);
    return pthread_sigmask(SIG_BLOCK, set, NULL);
}

static int
daemon_take_pidfile(const DaemonDriver *drv, const DaemonOptions *opts, bool privileged,
                    char **ret_path)
{
    g_autofree char *path = opts->pid_file ? g_strdup(opts->pid_file)
                                           : daemon_default_pidfile(drv->name, privileged);
    g_autofree char *dir = g_path_get_dirname(path);
    int fd;

    file_mkdir_p(dir, privileged ? 0755 : 0700);
    fd = file_pidfile_acquire(path, getpid());
    if (fd == -EAGAIN) {
        err_report(VIR_ERR_SYSTEM_ERROR,
                   "Failed to acquire pid file '%s': another %s is already running",
                   path, drv->name);
        return -1;
    }
    if (fd < 0) {
        err_report_system(-fd, "Failed to acquire pid file '%s'", path);
        return -1;
    }
    *ret_path = g_steal_pointer(&path);
    return fd;
}

/* Everything after option parsing; returns the exit status. */
static int
daemon_run_loaded(const DaemonDriver *drv, const DaemonOptions *opts, DaemonConfig *cfg,
                  bool privileged)
{
    DaemonCtx ctx = { .drv = drv, .privileged = privileged, .cfg = cfg };
    DaemonSocketSet socks = { .rw_fd = -1, .ro_fd = -1, .admin_fd = -1, .tcp_fd = -1,
                              .tls_fd = -1 };
    DaemonLoop dl = { .ctx = &ctx, .sigfd = -1 };
    g_autofree char *pidpath = NULL;
    int status_fd = -1;
    int pidfd = -1;
    int ret = EXIT_FAILURE;
    bool inited = false;
    sigset_t sigs;

    if (daemon_block_signals(&sigs) != 0) {
        fprintf(stderr, "%s: error: cannot block signals\n", drv->name);
        return EXIT_FAILURE;
    }
    if (opts->daemonize && daemon_fork_background(&status_fd) < 0) {
        daemon_startup_error(drv, "cannot run in the background");
        return EXIT_FAILURE;
    }
    pidfd = daemon_take_pidfile(drv, opts, privileged, &pidpath);
    if (pidfd < 0) {
        daemon_startup_error(drv, "cannot start");
        goto out;
    }
    if (daemon_sockets_open(drv->name, privileged, cfg, &socks) < 0) {
        daemon_startup_error(drv, "cannot set up the listening sockets");
        goto out;
    }
    ctx.main_ctx = g_main_context_ref(g_main_context_default());
    ctx.loop = g_main_loop_new(ctx.main_ctx, FALSE);
    ctx.events = event_registry_new();
    ctx.start_time = g_get_real_time();
    if (drv->init && drv->init(&ctx, privileged) < 0) {
        daemon_startup_error(drv, "driver initialization failed");
        goto out;
    }
    inited = true;
    if (daemon_servers_start(&ctx, &socks) < 0) {
        daemon_startup_error(drv, "cannot start the RPC servers");
        goto out;
    }
    dl.sigfd = signalfd(-1, &sigs, SFD_NONBLOCK | SFD_CLOEXEC);
    if (dl.sigfd >= 0)
        g_unix_fd_add(dl.sigfd, G_IO_IN, daemon_on_signal, &dl);
    daemon_set_idle_timeout(&ctx, opts->timeout > 0 ? (unsigned int) opts->timeout : 0);

    log_info("%s ready (%s)", drv->name, privileged ? "system" : "session");
    daemon_notify_ready();
    daemon_signal_ready(status_fd, 0);
    status_fd = -1;
    g_main_loop_run(ctx.loop);
    daemon_notify_stopping();
    ret = EXIT_SUCCESS;

 out:
    daemon_servers_stop(&ctx);
    if (inited && drv->shutdown)
        drv->shutdown(&ctx);
    daemon_sockets_close(&socks);
    if (dl.sigfd >= 0) {
        g_source_remove_by_user_data(&dl);
        close(dl.sigfd);
    }
    g_source_remove_by_user_data(&dl);
    if (pidfd >= 0) {
        unlink(pidpath);
        close(pidfd);
    }
    event_registry_free(ctx.events);
    if (ctx.loop)
        g_main_loop_unref(ctx.loop);
    if (ctx.main_ctx)
        g_main_context_unref(ctx.main_ctx);
    daemon_signal_ready(status_fd, ret);
    return ret;
}

/* "Defaults:" lines of --help: where config, sockets and pid file live. */
static char **
daemon_default_help_lines(const DaemonDriver *drv, bool privileged)
{
    g_autofree char *conf = daemon_default_config_path(drv->name, privileged);
    g_autofree char *pid = daemon_default_pidfile(drv->name, privileged);
    g_autofree char *rw = NULL;
    g_autofree char *ro = NULL;
    g_autofree char *admin = NULL;
    GPtrArray *l = g_ptr_array_new();

    daemon_socket_paths(drv->name, privileged, NULL, &rw, &ro, &admin);
    g_ptr_array_add(l, g_strdup_printf("Configuration file: %s", conf));
    g_ptr_array_add(l, g_strdup_printf("Socket: %s", rw));
    if (ro)
        g_ptr_array_add(l, g_strdup_printf("Read-only socket: %s", ro));
    if (admin)
        g_ptr_array_add(l, g_strdup_printf("Admin socket: %s", admin));
    g_ptr_array_add(l, g_strdup_printf("PID file: %s", pid));
    g_ptr_array_add(l, NULL);
    return (char **) g_ptr_array_free(l, FALSE);
}

/**
 * daemon_run() - run a driver daemon; use as `return daemon_run(argc, argv, &drv);`
 *
 * Return: the process exit status (0 after --help/--version or a clean
 *         stop, 1 on startup errors).
 */
int
daemon_run(int argc, char **argv, const DaemonDriver *drv)
{
    DaemonOptions opts = { 0 };
    DaemonConfig cfg;
    g_autofree char *cfgpath = NULL;
    bool privileged = paths_privileged();
    int r;

    if (drv->help_lines) {
        r = daemon_options_parse(argc, argv, drv->name, drv->help_lines, &opts);
    } else {
        g_auto(GStrv) lines = daemon_default_help_lines(drv, privileged);

        r = daemon_options_parse(argc, argv, drv->name, (const char *const *) lines, &opts);
    }
    if (r != 0) {
        daemon_options_clear(&opts);
        return r > 0 ? EXIT_SUCCESS : EXIT_FAILURE;
    }
    log_setup(drv->name, opts.verbose ? LOG_LEVEL_INFO : LOG_LEVEL_WARN, NULL, NULL);
    daemon_config_init(&cfg);
    cfgpath = opts.config_file ? g_strdup(opts.config_file)
                               : daemon_default_config_path(drv->name, privileged);
    if (daemon_config_load(&cfg, cfgpath, opts.config_file != NULL) < 0) {
        daemon_startup_error(drv, "cannot load the configuration");
        r = EXIT_FAILURE;
    } else {
        daemon_setup_logging(drv, &opts, &cfg);
        r = daemon_run_loaded(drv, &opts, &cfg, privileged);
    }
    daemon_config_clear(&cfg);
    daemon_options_clear(&opts);
    return r;
}
