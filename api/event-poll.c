/* api/event-poll.c: the library's default event loop. Handles and timers
 * live in arrays guarded by one mutex; callbacks always run with the mutex
 * released so they may add, update or remove entries (even their own).
 * Removed entries are only marked, and their free functions run at the end
 * of the iteration. Changes made from other threads wake a sleeping loop
 * through an eventfd. */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <unistd.h>
#include <sys/eventfd.h>

#define ERR_DOMAIN VIR_FROM_EVENT
#include "api/event-poll.h"
#include "common/util/err.h"
#include "common/util/log.h"

typedef struct {
    int watch;
    int fd;
    int events;                 /* VIR_EVENT_HANDLE_* wanted; 0 = disabled */
    virEventHandleCallback cb;
    void *opaque;
    virFreeCallback ff;
    bool deleted;
} PollHandle;

typedef struct {
    int timer;
    int interval;               /* ms; -1 = disabled */
    gint64 expires;             /* monotonic ms */
    virEventTimeoutCallback cb;
    void *opaque;
    virFreeCallback ff;
    bool deleted;
} PollTimer;

typedef struct {
    virFreeCallback ff;
    void *opaque;
} PollRelease;

static struct {
    GMutex lock;
    GArray *handles;
    GArray *timers;
    int next_watch;
    int next_timer;
    int wake_fd;
    bool running;
    GThread *owner;
} ep = { .wake_fd = -1 };

static gint64
poll_now_ms(void)
{
    return g_get_monotonic_time() / 1000;
}

static void
poll_wakeup_locked(void)
{
    uint64_t one = 1;

    if (ep.running && ep.owner != g_thread_self() && ep.wake_fd >= 0) {
        if (write(ep.wake_fd, &one, sizeof(one)) < 0 && errno != EAGAIN)
            log_warn("event loop wakeup failed: %s", g_strerror(errno));
    }
}

/**
 * event_poll_init() - create the loop's state once
 *
 * Return: 0, or -1 with VIR_ERR_SYSTEM_ERROR reported.
 */
int
event_poll_init(void)
{
    int r = 0;

    g_mutex_lock(&ep.lock);
    if (!ep.handles) {
        ep.wake_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
        if (ep.wake_fd < 0) {
            err_report_system(errno, "%s", "Unable to create the event loop wakeup fd");
            r = -1;
        } else {
            ep.handles = g_array_new(FALSE, TRUE, sizeof(PollHandle));
            ep.timers = g_array_new(FALSE, TRUE, sizeof(PollTimer));
            ep.next_watch = 1;
            ep.next_timer = 1;
        }
    }
    g_mutex_unlock(&ep.lock);
    return r;
}

static short
poll_events_to_native(int events)
{
    short r = 0;

    if (events & VIR_EVENT_HANDLE_READABLE)
        r |= POLLIN;
    if (events & VIR_EVENT_HANDLE_WRITABLE)
        r |= POLLOUT;
    if (events & VIR_EVENT_HANDLE_ERROR)
        r |= POLLERR;
    if (events & VIR_EVENT_HANDLE_HANGUP)
        r |= POLLHUP;
    return r;
}

static int
poll_events_from_native(short revents)
{
    int r = 0;

    if (revents & (POLLIN | POLLPRI))
        r |= VIR_EVENT_HANDLE_READABLE;
    if (revents & POLLOUT)
        r |= VIR_EVENT_HANDLE_WRITABLE;
    if (revents & (POLLERR | POLLNVAL))
        r |= VIR_EVENT_HANDLE_ERROR;
    if (revents & POLLHUP)
        r |= VIR_EVENT_HANDLE_HANGUP;
    return r;
}

/**
 * event_poll_add_handle() - watch @fd for @events
 *
 * Return: the watch number (>= 1), or -1 when the loop is not initialised
 * or @fd is negative.
 */
int
event_poll_add_handle(int fd, int events, virEventHandleCallback cb, void *opaque,
                      virFreeCallback ff)
{
    PollHandle h = { .fd = fd, .events = events, .cb = cb, .opaque = opaque, .ff = ff };

    if (fd < 0)
        return -1;
    g_mutex_lock(&ep.lock);
    if (!ep.handles) {
        g_mutex_unlock(&ep.lock);
        return -1;
    }
    h.watch = ep.next_watch++;
    g_array_append_val(ep.handles, h);
    poll_wakeup_locked();
    g_mutex_unlock(&ep.lock);
    return h.watch;
}

static PollHandle *
poll_find_handle_locked(int watch)
{
    if (!ep.handles || watch <= 0)
        return NULL;
    for (guint i = 0; i < ep.handles->len; i++) {
        PollHandle *h = &g_array_index(ep.handles, PollHandle, i);

        if (h->watch == watch && !h->deleted)
            return h;
    }
    return NULL;
}

static PollTimer *
poll_find_timer_locked(int timer)
{
    if (!ep.timers || timer <= 0)
        return NULL;
    for (guint i = 0; i < ep.timers->len; i++) {
        PollTimer *t = &g_array_index(ep.timers, PollTimer, i);

        if (t->timer == timer && !t->deleted)
            return t;
    }
    return NULL;
}

/**
 * event_poll_update_handle() - change the events a watch waits for
 */
void
event_poll_update_handle(int watch, int events)
{
    PollHandle *h;

    g_mutex_lock(&ep.lock);
    h = poll_find_handle_locked(watch);
    if (h) {
        h->events = events;
        poll_wakeup_locked();
    }
    g_mutex_unlock(&ep.lock);
}

/**
 * event_poll_remove_handle() - stop watching; the free function runs later
 *
 * Return: 0, or -1 when @watch is unknown.
 */
int
event_poll_remove_handle(int watch)
{
    PollHandle *h;

    g_mutex_lock(&ep.lock);
    h = poll_find_handle_locked(watch);
    if (h) {
        h->deleted = true;
        poll_wakeup_locked();
    }
    g_mutex_unlock(&ep.lock);
    return h ? 0 : -1;
}

/**
 * event_poll_add_timeout() - call @cb every @timeout ms (0: every
 * iteration, -1: disabled until updated)
 *
 * Return: the timer number (>= 1), or -1.
 */
int
event_poll_add_timeout(int timeout, virEventTimeoutCallback cb, void *opaque,
                       virFreeCallback ff)
{
    PollTimer t = { .interval = timeout, .cb = cb, .opaque = opaque, .ff = ff };

    g_mutex_lock(&ep.lock);
    if (!ep.timers) {
        g_mutex_unlock(&ep.lock);
        return -1;
    }
    t.timer = ep.next_timer++;
    t.expires = timeout >= 0 ? poll_now_ms() + timeout : 0;
    g_array_append_val(ep.timers, t);
    poll_wakeup_locked();
    g_mutex_unlock(&ep.lock);
    return t.timer;
}

/**
 * event_poll_update_timeout() - change a timer's period (restarts it)
 */
void
event_poll_update_timeout(int timer, int timeout)
{
    PollTimer *t;

    g_mutex_lock(&ep.lock);
    t = poll_find_timer_locked(timer);
    if (t) {
        t->interval = timeout;
        if (timeout >= 0)
            t->expires = poll_now_ms() + timeout;
        poll_wakeup_locked();
    }
    g_mutex_unlock(&ep.lock);
}

/**
 * event_poll_remove_timeout() - stop a timer; the free function runs later
 *
 * Return: 0, or -1 when @timer is unknown.
 */
int
event_poll_remove_timeout(int timer)
{
    PollTimer *t;

    g_mutex_lock(&ep.lock);
    t = poll_find_timer_locked(timer);
    if (t) {
        t->deleted = true;
        poll_wakeup_locked();
    }
    g_mutex_unlock(&ep.lock);
    return t ? 0 : -1;
}

/* Milliseconds until the first enabled timer is due; -1 when none. */
static int
poll_next_timeout_locked(gint64 now)
{
    gint64 first = -1;

    for (guint i = 0; i < ep.timers->len; i++) {
        PollTimer *t = &g_array_index(ep.timers, PollTimer, i);

        if (t->deleted || t->interval < 0)
            continue;
        if (first < 0 || t->expires < first)
            first = t->expires;
    }
    if (first < 0)
        return -1;
    return first <= now ? 0 : (int) MIN(first - now, G_MAXINT);
}

static void
poll_dispatch_timers_locked(void)
{
    guint n = ep.timers->len;
    gint64 now = poll_now_ms();

    for (guint i = 0; i < n; i++) {
        PollTimer *t = &g_array_index(ep.timers, PollTimer, i);
        virEventTimeoutCallback cb;
        void *opaque;
        int id;

        if (t->deleted || t->interval < 0 || t->expires > now)
            continue;
        t->expires = now + t->interval;
        cb = t->cb;
        opaque = t->opaque;
        id = t->timer;
        g_mutex_unlock(&ep.lock);
        if (cb)
            cb(id, opaque);
        g_mutex_lock(&ep.lock);
    }
}

static void
poll_dispatch_handles_locked(const struct pollfd *fds, const int *watches, guint nfds)
{
    for (guint i = 0; i < nfds; i++) {
        PollHandle *h;
        virEventHandleCallback cb;
        void *opaque;
        int fd;
        int events;

        if (!fds[i].revents)
            continue;
        h = poll_find_handle_locked(watches[i]);
        if (!h || !h->events)
            continue;
        cb = h->cb;
        opaque = h->opaque;
        fd = h->fd;
        events = poll_events_from_native(fds[i].revents);
        g_mutex_unlock(&ep.lock);
        if (cb)
            cb(watches[i], fd, events, opaque);
        g_mutex_lock(&ep.lock);
    }
}

/* Drop removed entries; their free functions are returned for the caller
 * to run once the lock is released. */
static void
poll_cleanup_locked(GArray *release)
{
    for (guint i = ep.handles->len; i-- > 0;) {
        PollHandle *h = &g_array_index(ep.handles, PollHandle, i);

        if (!h->deleted)
            continue;
        if (h->ff) {
            PollRelease r = { h->ff, h->opaque };

            g_array_append_val(release, r);
        }
        g_array_remove_index(ep.handles, i);
    }
    for (guint i = ep.timers->len; i-- > 0;) {
        PollTimer *t = &g_array_index(ep.timers, PollTimer, i);

        if (!t->deleted)
            continue;
        if (t->ff) {
            PollRelease r = { t->ff, t->opaque };

            g_array_append_val(release, r);
        }
        g_array_remove_index(ep.timers, i);
    }
}

static void
poll_run_releases(GArray *release)
{
    for (guint i = 0; i < release->len; i++) {
        PollRelease *r = &g_array_index(release, PollRelease, i);

        r->ff(r->opaque);
    }
    g_array_set_size(release, 0);
}

/**
 * event_poll_run_once() - one iteration of the default loop
 *
 * Return: 0, or -1 (not initialised, or poll() failed; reported).
 */
int
event_poll_run_once(void)
{
    g_autoptr(GArray) release = g_array_new(FALSE, FALSE, sizeof(PollRelease));
    g_autofree struct pollfd *fds = NULL;
    g_autofree int *watches = NULL;
    guint nfds = 0;
    int timeout;
    int r;

    g_mutex_lock(&ep.lock);
    if (!ep.handles) {
        g_mutex_unlock(&ep.lock);
        err_report(VIR_ERR_INTERNAL_ERROR, "%s", "the default event loop is not registered");
        return -1;
    }
    poll_cleanup_locked(release);
    g_mutex_unlock(&ep.lock);
    poll_run_releases(release);
    g_mutex_lock(&ep.lock);

    fds = g_new0(struct pollfd, ep.handles->len + 1);
    watches = g_new0(int, ep.handles->len + 1);
    fds[nfds].fd = ep.wake_fd;
    fds[nfds].events = POLLIN;
    watches[nfds++] = 0;
    for (guint i = 0; i < ep.handles->len; i++) {
        PollHandle *h = &g_array_index(ep.handles, PollHandle, i);

        if (h->deleted || !h->events)
            continue;
        fds[nfds].fd = h->fd;
        fds[nfds].events = poll_events_to_native(h->events);
        watches[nfds++] = h->watch;
    }
    timeout = poll_next_timeout_locked(poll_now_ms());
    ep.running = true;
    ep.owner = g_thread_self();
    g_mutex_unlock(&ep.lock);

    r = poll(fds, nfds, timeout);

    g_mutex_lock(&ep.lock);
    ep.running = false;
    ep.owner = NULL;
    if (r < 0) {
        int e = errno;

        g_mutex_unlock(&ep.lock);
        if (e == EINTR || e == EAGAIN)
            return 0;
        err_report_system(e, "%s", "Unable to poll on file handles");
        return -1;
    }
    if (fds[0].revents) {
        uint64_t val;

        if (read(ep.wake_fd, &val, sizeof(val)) < 0 && errno != EAGAIN)
            log_warn("event loop wakeup read failed: %s", g_strerror(errno));
    }
    poll_dispatch_timers_locked();
    poll_dispatch_handles_locked(fds + 1, watches + 1, nfds - 1);
    poll_cleanup_locked(release);
    g_mutex_unlock(&ep.lock);
    poll_run_releases(release);
    return 0;
}
