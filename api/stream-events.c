/* api/stream-events.c: stream event callbacks run from the application's
 * event loop (virEventRegisterImpl / virEventRegisterDefaultImpl). A
 * watch is a timeout of that loop: armed (0) while the stream may have
 * something the callback asked for, disarmed (-1) otherwise. The stream
 * driver says what is ready (always readable and writable for in-process
 * data) and kicks the watch from any thread when that may have changed. */
#include "config.h"

#define ERR_DOMAIN VIR_FROM_STREAMS
#include "api/driver.h"
#include "common/util/err.h"

struct ApiStreamWatch {
    virStreamPtr st;            /* referenced while the watch exists */
    int timer;
    int events;                 /* virStreamEventType mask asked for */
    virStreamEventCallback cb;
    void *opaque;
    virFreeCallback ff;
    ApiStreamReadyFunc ready;   /* NULL: always readable and writable */
};

/* guards every stream's ->watch (kicks come from other threads) */
static GMutex watch_lock;

enum { DATA_EVENTS = VIR_STREAM_EVENT_READABLE | VIR_STREAM_EVENT_WRITABLE };

static void
watch_fire(int timer, void *opaque)
{
    ApiStreamWatch *w = opaque;
    int ready;

    /* disarm first: a kick from now on re-arms, so none is lost */
    virEventUpdateTimeout(timer, -1);
    ready = w->ready ? w->ready(w->st) : DATA_EVENTS;
    ready &= w->events | VIR_STREAM_EVENT_ERROR | VIR_STREAM_EVENT_HANGUP;
    if (!ready)
        return;
    virEventUpdateTimeout(timer, 0);
    /* the callback may remove the watch: nothing of @w is used after it */
    w->cb(w->st, ready, w->opaque);
}

/* the timeout's free callback: runs once the event loop is done with it */
static void
watch_free(void *opaque)
{
    ApiStreamWatch *w = opaque;

    if (w->ff)
        w->ff(w->opaque);
    api_object_unref(w->st);
    g_free(w);
}

/**
 * api_stream_watch_add() - see driver.h
 */
int
api_stream_watch_add(virStreamPtr st, int events, virStreamEventCallback cb, void *opaque,
                     virFreeCallback ff, ApiStreamReadyFunc ready)
{
    ApiStreamWatch *w;

    g_mutex_lock(&watch_lock);
    if (st->watch) {
        g_mutex_unlock(&watch_lock);
        err_report(VIR_ERR_INTERNAL_ERROR, "stream already has a callback registered");
        return -1;
    }
    w = g_new0(ApiStreamWatch, 1);
    w->events = events;
    w->cb = cb;
    w->opaque = opaque;
    w->ff = ff;
    w->ready = ready;
    w->timer = virEventAddTimeout(events ? 0 : -1, watch_fire, w, watch_free);
    if (w->timer < 0) {
        g_mutex_unlock(&watch_lock);
        g_free(w);
        err_report(VIR_ERR_INTERNAL_ERROR,
                   "cannot register a stream callback: no event loop implementation "
                   "(virEventRegisterImpl or virEventRegisterDefaultImpl)");
        return -1;
    }
    w->st = api_object_ref(st);
    st->watch = w;
    g_mutex_unlock(&watch_lock);
    return 0;
}

/**
 * api_stream_watch_update() - see driver.h
 */
int
api_stream_watch_update(virStreamPtr st, int events)
{
    g_mutex_lock(&watch_lock);
    if (!st->watch) {
        g_mutex_unlock(&watch_lock);
        err_report(VIR_ERR_INTERNAL_ERROR, "stream does not have a callback registered");
        return -1;
    }
    st->watch->events = events;
    virEventUpdateTimeout(st->watch->timer, events ? 0 : -1);
    g_mutex_unlock(&watch_lock);
    return 0;
}

/**
 * api_stream_watch_remove() - see driver.h
 */
int
api_stream_watch_remove(virStreamPtr st)
{
    ApiStreamWatch *w;

    g_mutex_lock(&watch_lock);
    w = g_steal_pointer(&st->watch);
    if (w)
        w->events = 0;
    g_mutex_unlock(&watch_lock);
    if (!w) {
        err_report(VIR_ERR_INTERNAL_ERROR, "stream does not have a callback registered");
        return -1;
    }
    virEventRemoveTimeout(w->timer);    /* watch_free() follows */
    return 0;
}

/**
 * api_stream_watch_kick() - see driver.h
 */
void
api_stream_watch_kick(virStreamPtr st)
{
    g_mutex_lock(&watch_lock);
    if (st->watch && st->watch->events)
        virEventUpdateTimeout(st->watch->timer, 0);
    g_mutex_unlock(&watch_lock);
}

/* ---- always-ready streams (in-process data) ---- */

/**
 * api_stream_ready_add_callback() - see driver.h
 */
int
api_stream_ready_add_callback(virStreamPtr st, int events, virStreamEventCallback cb,
                              void *opaque, virFreeCallback ff)
{
    return api_stream_watch_add(st, events, cb, opaque, ff, NULL);
}
