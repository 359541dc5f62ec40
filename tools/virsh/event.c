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
