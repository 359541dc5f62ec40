/*
 * event.c: the library's default event loop on a thread of its own, and the wait of
 * the *-event commands.
 *
 * The loop thread dispatches keepalives, the close callback and event callbacks.
 * A command that waits for events calls vsh_event_start(), then vsh_event_wait(),
 * which sleeps on a pipe until a callback calls vsh_event_done(), SIGINT arrives,
 * or the timeout passes.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <glib-unix.h>

#include "tools/virsh/virsh.h"

static GThread *loop_thread;
static gint loop_quit;
static int wake_pipe[2] = { -1, -1 };
static gint64 deadline;                 /* monotonic µs; 0 = none */
static struct sigaction old_sigint;

static gpointer
loop_main(gpointer opaque)
{
    while (!g_atomic_int_get(&loop_quit)) {
        if (virEventRunDefaultImpl() < 0)
            vsh_reset_libvirt_error();
    }
    return NULL;
}

/**
 * vsh_event_loop_start() - register the default implementation and run it on a thread
 *
 * Without an event loop, commands still work; only keepalive, disconnect detection
 * and the *-event commands need it, and those then fail with the library's error.
 * Return: 0, or -1 if the library has no default implementation (not reported).
 */
int
vsh_event_loop_start(VshCtl *ctl)
{
    if (virEventRegisterDefaultImpl() < 0) {
        vsh_debug(ctl, 2, "no default event loop: running without one\n");
        vsh_reset_libvirt_error();
        return -1;
    }
    loop_thread = g_thread_new("vsh-event", loop_main, NULL);
    return 0;
}

static void
wake_cb(int timer, void *opaque)
{
    virEventRemoveTimeout(timer);
}

/**
 * vsh_event_loop_stop() - stop and join the loop thread
 */
void
vsh_event_loop_stop(void)
{
    if (!loop_thread)
        return;
    g_atomic_int_set(&loop_quit, 1);
    /* a zero timeout makes the loop's current iteration return */
    virEventAddTimeout(0, wake_cb, NULL, NULL);
    g_thread_join(loop_thread);
    loop_thread = NULL;
}

static void
sigint_handler(int sig)
{
    char c = 'i';
    int saved = errno;

    if (write(wake_pipe[1], &c, 1) < 0) {
        /* nothing to do: the pipe is full, a wake-up is pending anyway */
    }
    errno = saved;
}

/**
 * vsh_event_start() - prepare to wait for events
 * @timeout_ms: give up after this long; 0 waits until done or interrupted
 */
int
vsh_event_start(VshCtl *ctl, int timeout_ms)
{
    struct sigaction sa;

    if (wake_pipe[0] < 0 && g_unix_open_pipe(wake_pipe, FD_CLOEXEC, NULL) == FALSE) {
        vsh_error(ctl, "failed to create pipe: %s", g_strerror(errno));
        return -1;
    }
    fcntl(wake_pipe[1], F_SETFL, O_NONBLOCK);
    deadline = timeout_ms > 0 ? g_get_monotonic_time() + (gint64) timeout_ms * 1000 : 0;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = sigint_handler;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_sigint);
    return 0;
}

/**
 * vsh_event_done() - called from an event callback: the wait is over
 */
void
vsh_event_done(void)
{
    char c = 'd';

    if (wake_pipe[1] >= 0 && write(wake_pipe[1], &c, 1) < 0) {
        /* full pipe: a wake-up is already pending */
    }
}

/**
 * vsh_event_wait() - sleep until done, interrupted (SIGINT) or timed out
 */
VshEventResult
vsh_event_wait(VshCtl *ctl)
{
    for (;;) {
        struct pollfd pfd = { .fd = wake_pipe[0], .events = POLLIN };
        int timeout = -1;
        char c;
        int r;

        if (deadline) {
            gint64 left = deadline - g_get_monotonic_time();

            if (left <= 0)
                return VSH_EVENT_TIMEOUT;
            timeout = (int) ((left + 999) / 1000);
        }
        r = poll(&pfd, 1, timeout);
        if (r < 0 && errno == EINTR)
            continue;
        if (r == 0)
            continue;          /* re-checks the deadline */
        if (r < 0 || read(wake_pipe[0], &c, 1) != 1)
            return VSH_EVENT_INTERRUPT;
        return c == 'i' ? VSH_EVENT_INTERRUPT : VSH_EVENT_DONE;
    }
}

/**
 * vsh_event_cleanup() - restore SIGINT and drop pending wake-ups
 */
void
vsh_event_cleanup(VshCtl *ctl)
{
    char buf[64];

    sigaction(SIGINT, &old_sigint, NULL);
    if (wake_pipe[0] >= 0) {
        int fl = fcntl(wake_pipe[0], F_GETFL);

        fcntl(wake_pipe[0], F_SETFL, fl | O_NONBLOCK);
        while (read(wake_pipe[0], buf, sizeof(buf)) > 0)
            ;
        fcntl(wake_pipe[0], F_SETFL, fl);
    }
    deadline = 0;
}

/**
 * vsh_event_opts() - read the options every object *-event command shares
 * @names: the command's event type names, indexed by event id
 * @nnames: how many
 * @data: gets the chosen name, --loop and --timestamp
 * @ret_timeout: gets --timeout in milliseconds
 *
 * With --list, prints @names one a line instead.
 * Return: the chosen event id; VSH_EVENT_LISTED after --list; -1 on error (reported).
 */
int
vsh_event_opts(VshCtl *ctl, const VshCmd *cmd, const char *const *names, size_t nnames,
               VshEventData *data, int *ret_timeout)
{
    const char *event = NULL;
    int id = -1;

    if (vsh_opt_bool(cmd, "list")) {
        for (size_t i = 0; i < nnames; i++)
            vsh_print(ctl, "%s\n", names[i]);
        return VSH_EVENT_LISTED;
    }
    if (vsh_opt_string(ctl, cmd, "event", &event) < 0)
        return -1;
    if (!event) {
        vsh_error(ctl, "either --list or --event <type> is required");
        return -1;
    }
    for (size_t i = 0; i < nnames && id < 0; i++) {
        if (g_str_equal(event, names[i]))
            id = (int) i;
    }
    if (id < 0) {
        vsh_error(ctl, "unknown event type %s", event);
        return -1;
    }
    data->ctl = ctl;
    data->event = event;
    data->loop = vsh_opt_bool(cmd, "loop");
    data->timestamp = vsh_opt_bool(cmd, "timestamp");
    if (vsh_opt_timeout(ctl, cmd, ret_timeout) < 0)
        return -1;
    return id;
}

/**
 * vsh_event_print() - print one event line from a callback; one-shot mode stops after the first
 * @what: the kind of object, "storage pool"
 * @name: the object's name (or UUID)
 * @detail: what happened, or NULL for events that carry nothing to print
 *
 * The line is "[<time>: ]event '<type>' for <what> <name>[: <detail>]".
 */
void
vsh_event_print(VshEventData *data, const char *what, const char *name, const char *detail)
{
    g_autofree char *stamp = NULL;

    if (!data->loop && g_atomic_int_get(&data->count) > 0)
        return;
    if (data->timestamp)
        stamp = vsh_timestamp();
    vsh_print(data->ctl, "%s%sevent '%s' for %s %s%s%s\n", stamp ? stamp : "",
              stamp ? ": " : "", data->event, what, name, detail ? ": " : "",
              detail ? detail : "");
    g_atomic_int_inc(&data->count);
    if (!data->loop)
        vsh_event_done();
}

/**
 * vsh_event_run() - wait for the registered callbacks, then deregister them
 * @conn: where they are registered
 * @deregister: the family's virConnect*EventDeregisterAny()
 * @cbs: the callback ids
 * @ncbs: how many
 * @timeout_ms: as for vsh_event_start()
 *
 * Prints why the wait ended and how many events arrived.
 * Return: whether at least one event arrived.
 */
bool
vsh_event_run(VshCtl *ctl, VshEventData *data, virConnectPtr conn,
              int (*deregister)(virConnectPtr conn, int id), const int *cbs, size_t ncbs,
              int timeout_ms)
{
    VshEventResult res = VSH_EVENT_DONE;
    bool started = vsh_event_start(ctl, timeout_ms) == 0;

    if (started)
        res = vsh_event_wait(ctl);
    if (res == VSH_EVENT_TIMEOUT)
        vsh_print(ctl, "event loop timed out\n");
    else if (res == VSH_EVENT_INTERRUPT)
        vsh_print(ctl, "event loop interrupted\n");
    for (size_t i = 0; i < ncbs; i++)
        deregister(conn, cbs[i]);
    if (!started)
        return false;
    vsh_event_cleanup(ctl);
    vsh_print(ctl, "events received: %d\n", g_atomic_int_get(&data->count));
    vsh_reset_libvirt_error();
    return g_atomic_int_get(&data->count) > 0;
}
