/* tests/unit/api/test-event.c: the public event loop API of libvirt.so with
 * the default implementation: nothing works before registration, timers
 * (period, 0 = every iteration, -1 = off), fd handles, updates, removal
 * from inside callbacks, deferred free functions, and waking a sleeping
 * loop from another thread. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <unistd.h>
#include <cmocka.h>
#include <glib.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

typedef struct {
    int fired;
    int freed;
    int last_events;
    int remove_self;       /* remove the timer/handle after this many calls */
    int id;
} Probe;

static void
probe_free(void *opaque)
{
    ((Probe *) opaque)->freed++;
}

static void
on_timer(int timer, void *opaque)
{
    Probe *p = opaque;

    p->fired++;
    if (p->remove_self && p->fired == p->remove_self) {
        assert_int_equal(virEventRemoveTimeout(timer), 0);
        /* the free function must not run while we are still inside */
        assert_int_equal(p->freed, 0);
    }
}

static void
on_handle(int watch, int fd, int events, void *opaque)
{
    Probe *p = opaque;
    char c;

    p->fired++;
    p->last_events = events;
    if (events & VIR_EVENT_HANDLE_READABLE)
        assert_int_equal(read(fd, &c, 1), 1);
    if (p->remove_self && p->fired == p->remove_self)
        assert_int_equal(virEventRemoveHandle(watch), 0);
}

static void
run(int iterations)
{
    for (int i = 0; i < iterations; i++)
        assert_int_equal(virEventRunDefaultImpl(), 0);
}

static void
test_before_registration(void **state)
{
    assert_int_equal(virEventAddTimeout(0, on_timer, NULL, NULL), -1);
    assert_int_equal(virEventAddHandle(0, VIR_EVENT_HANDLE_READABLE, on_handle, NULL, NULL), -1);
    assert_int_equal(virEventRemoveTimeout(1), -1);
    assert_int_equal(virEventRemoveHandle(1), -1);
    virEventUpdateTimeout(1, 0);
    virEventUpdateHandle(1, 0);
    assert_int_equal(virEventRegisterDefaultImpl(), 0);
    assert_int_equal(virEventRegisterDefaultImpl(), 0);     /* idempotent */
}

static void
test_timeouts(void **state)
{
    Probe every = { 0 };
    Probe periodic = { 0 };
    Probe off = { 0 };
    int t_every = virEventAddTimeout(0, on_timer, &every, probe_free);
    int t_periodic = virEventAddTimeout(30, on_timer, &periodic, probe_free);
    int t_off = virEventAddTimeout(-1, on_timer, &off, probe_free);
    gint64 start = g_get_monotonic_time();

    assert_true(t_every > 0 && t_periodic > 0 && t_off > 0);
    assert_true(t_every != t_periodic && t_periodic != t_off);
    run(3);
    assert_int_equal(every.fired, 3);           /* 0 ms fires on every iteration */
    assert_int_equal(off.fired, 0);
    assert_int_equal(virEventRemoveTimeout(t_every), 0);
    assert_int_equal(every.freed, 0);           /* freed lazily, by the loop */
    while (periodic.fired < 2)
        run(1);
    assert_true(g_get_monotonic_time() - start >= 55 * 1000);
    assert_int_equal(every.freed, 1);
    assert_int_equal(every.fired, 3);

    /* enable the disabled one, disable the periodic one */
    virEventUpdateTimeout(t_off, 0);
    virEventUpdateTimeout(t_periodic, -1);
    run(2);
    assert_int_equal(off.fired, 2);
    assert_int_equal(periodic.fired, 2);

    assert_int_equal(virEventRemoveTimeout(t_off), 0);
    assert_int_equal(virEventRemoveTimeout(t_periodic), 0);
    assert_int_equal(virEventRemoveTimeout(t_periodic), -1);
    virEventUpdateTimeout(t_periodic, 0);       /* unknown now: ignored */
    /* something must wake the loop; the removed ones are freed meanwhile */
    t_every = virEventAddTimeout(0, on_timer, &every, NULL);
    run(1);
    assert_int_equal(off.freed + periodic.freed, 2);
    virEventRemoveTimeout(t_every);
}

static void
test_remove_inside_callback(void **state)
{
    Probe p = { .remove_self = 2 };
    Probe tick = { 0 };
    int keep = virEventAddTimeout(5, on_timer, &tick, NULL);   /* keeps the loop turning */
    int t = virEventAddTimeout(0, on_timer, &p, probe_free);

    assert_true(t > 0);
    run(4);
    assert_int_equal(p.fired, 2);
    assert_int_equal(p.freed, 1);
    virEventRemoveTimeout(keep);
}

static void
test_handles(void **state)
{
    Probe p = { 0 };
    int fds[2];
    int w;
    Probe tick = { 0 };
    int keep = virEventAddTimeout(10, on_timer, &tick, NULL);   /* keeps the loop turning */

    assert_int_equal(pipe(fds), 0);
    w = virEventAddHandle(fds[0], VIR_EVENT_HANDLE_READABLE, on_handle, &p, probe_free);
    assert_true(w > 0);
    run(1);                                     /* nothing to read: the timer wakes us */
    assert_int_equal(p.fired, 0);
    assert_int_equal(write(fds[1], "ab", 2), 2);
    run(1);
    assert_int_equal(p.fired, 1);
    assert_true(p.last_events & VIR_EVENT_HANDLE_READABLE);

    /* disabled watch: data stays unread */
    virEventUpdateHandle(w, 0);
    run(2);
    assert_int_equal(p.fired, 1);
    virEventUpdateHandle(w, VIR_EVENT_HANDLE_READABLE);
    run(1);
    assert_int_equal(p.fired, 2);

    /* hangup is reported once the writer goes away; remove from inside */
    p.remove_self = 3;
    close(fds[1]);
    run(2);
    assert_int_equal(p.fired, 3);
    assert_true(p.last_events & VIR_EVENT_HANDLE_HANGUP);
    assert_int_equal(p.freed, 1);
    assert_int_equal(virEventRemoveHandle(w), -1);
    assert_int_equal(virEventAddHandle(-1, VIR_EVENT_HANDLE_READABLE, on_handle, &p, NULL), -1);
    close(fds[0]);
    virEventRemoveTimeout(keep);
}

static Probe woken;

static gpointer
adder_thread(gpointer data)
{
    g_usleep(100 * 1000);
    virEventAddTimeout(0, on_timer, &woken, NULL);
    return NULL;
}

static void
test_wakeup_from_thread(void **state)
{
    gint64 start = g_get_monotonic_time();
    GThread *t = g_thread_new("adder", adder_thread, NULL);

    /* no timers or handles: the loop sleeps until the other thread adds one */
    run(1);
    while (woken.fired == 0)
        run(1);
    g_thread_join(t);
    assert_true(g_get_monotonic_time() - start < 5 * G_USEC_PER_SEC);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_before_registration),
        cmocka_unit_test(test_timeouts),
        cmocka_unit_test(test_remove_inside_callback),
        cmocka_unit_test(test_handles),
        cmocka_unit_test(test_wakeup_from_thread),
    };

    return cmocka_run_group_tests_name("api-event", tests, NULL, NULL);
}
