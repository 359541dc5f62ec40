/* api/event.c: the public event loop API. Applications either register
 * their own implementation (virEventRegisterImpl) or the built-in one
 * (virEventRegisterDefaultImpl + virEventRunDefaultImpl, api/event-poll.c);
 * the library then adds its handles and timers through these wrappers. */
#include "config.h"

#define ERR_DOMAIN VIR_FROM_EVENT
#include "api/internal.h"
#include "api/event-poll.h"
#include "common/util/err.h"
#include "common/util/log.h"

typedef struct {
    virEventAddHandleFunc add_handle;
    virEventUpdateHandleFunc update_handle;
    virEventRemoveHandleFunc remove_handle;
    virEventAddTimeoutFunc add_timeout;
    virEventUpdateTimeoutFunc update_timeout;
    virEventRemoveTimeoutFunc remove_timeout;
} EventImpl;

static GMutex event_impl_lock;
static EventImpl event_impl;
static bool event_impl_set;

static bool
event_get_impl(EventImpl *ret)
{
    bool set;

    g_mutex_lock(&event_impl_lock);
    set = event_impl_set;
    *ret = event_impl;
    g_mutex_unlock(&event_impl_lock);
    return set;
}

/**
 * api_event_have_impl() - whether an application registered an event loop
 */
bool
api_event_have_impl(void)
{
    EventImpl impl;

    return event_get_impl(&impl) && impl.add_timeout;
}

/**
 * virEventRegisterImpl() - install the application's event loop
 *
 * Only the first registration counts; later attempts are ignored (with a
 * warning), as in libvirt, since handles already added belong to the
 * first implementation.
 */
VIR_EXPORT void
virEventRegisterImpl(virEventAddHandleFunc addHandle,
                     virEventUpdateHandleFunc updateHandle,
                     virEventRemoveHandleFunc removeHandle,
                     virEventAddTimeoutFunc addTimeout,
                     virEventUpdateTimeoutFunc updateTimeout,
                     virEventRemoveTimeoutFunc removeTimeout)
{
    g_mutex_lock(&event_impl_lock);
    if (event_impl_set) {
        g_mutex_unlock(&event_impl_lock);
        log_warn("Ignoring attempt to replace registered event loop");
        return;
    }
    event_impl = (EventImpl) {
        addHandle, updateHandle, removeHandle, addTimeout, updateTimeout, removeTimeout,
    };
    event_impl_set = true;
    g_mutex_unlock(&event_impl_lock);
}

/**
 * virEventRegisterDefaultImpl() - install the built-in poll() loop
 *
 * Return: 0, or -1 on failure.
 */
VIR_EXPORT int
virEventRegisterDefaultImpl(void)
{
    api_reset_error();
    if (api_initialize() < 0)
        return -1;
    if (event_poll_init() < 0) {
        api_dispatch_error(NULL);
        return -1;
    }
    g_mutex_lock(&event_impl_lock);
    if (event_impl_set && event_impl.add_timeout == event_poll_add_timeout) {
        /* already the default loop: nothing to replace */
        g_mutex_unlock(&event_impl_lock);
        return 0;
    }
    g_mutex_unlock(&event_impl_lock);
    virEventRegisterImpl(event_poll_add_handle, event_poll_update_handle,
                         event_poll_remove_handle, event_poll_add_timeout,
                         event_poll_update_timeout, event_poll_remove_timeout);
    return 0;
}

/**
 * virEventRunDefaultImpl() - run one iteration of the built-in loop
 *
 * Return: 0, or -1 on failure.
 */
VIR_EXPORT int
virEventRunDefaultImpl(void)
{
    api_reset_error();
    if (event_poll_run_once() < 0) {
        api_dispatch_error(NULL);
        return -1;
    }
    return 0;
}

/**
 * virEventAddHandle() - watch a file descriptor in the registered loop
 *
 * Return: watch number, or -1 when no loop is registered or it refused.
 */
VIR_EXPORT int
virEventAddHandle(int fd, int events, virEventHandleCallback cb, void *opaque,
                  virFreeCallback ff)
{
    EventImpl impl;

    if (!event_get_impl(&impl) || !impl.add_handle)
        return -1;
    return impl.add_handle(fd, events, cb, opaque, ff);
}

/**
 * virEventUpdateHandle() - change the events of a watch
 */
VIR_EXPORT void
virEventUpdateHandle(int watch, int events)
{
    EventImpl impl;

    if (event_get_impl(&impl) && impl.update_handle)
        impl.update_handle(watch, events);
}

/**
 * virEventRemoveHandle() - stop watching
 *
 * Return: 0, or -1 when unknown or no loop is registered.
 */
VIR_EXPORT int
virEventRemoveHandle(int watch)
{
    EventImpl impl;

    if (!event_get_impl(&impl) || !impl.remove_handle)
        return -1;
    return impl.remove_handle(watch);
}

/**
 * virEventAddTimeout() - periodic timer in the registered loop
 *
 * Return: timer number, or -1 when no loop is registered or it refused.
 */
VIR_EXPORT int
virEventAddTimeout(int timeout, virEventTimeoutCallback cb, void *opaque,
                   virFreeCallback ff)
{
    EventImpl impl;

    if (!event_get_impl(&impl) || !impl.add_timeout)
        return -1;
    return impl.add_timeout(timeout, cb, opaque, ff);
}

/**
 * virEventUpdateTimeout() - change a timer's period (-1 disables it)
 */
VIR_EXPORT void
virEventUpdateTimeout(int timer, int timeout)
{
    EventImpl impl;

    if (event_get_impl(&impl) && impl.update_timeout)
        impl.update_timeout(timer, timeout);
}

/**
 * virEventRemoveTimeout() - stop a timer
 *
 * Return: 0, or -1 when unknown or no loop is registered.
 */
VIR_EXPORT int
virEventRemoveTimeout(int timer)
{
    EventImpl impl;

    if (!event_get_impl(&impl) || !impl.remove_timeout)
        return -1;
    return impl.remove_timeout(timer);
}
