/* api/stream-events.c: event callbacks for streams whose data is always at
 * hand (in-process drivers, such as the test driver's volume transfers).
 * Such a stream never waits: it is readable and writable for as long as it
 * is open, so a registered callback runs from a zero timeout of the
 * application's event loop whenever it asks for either event. */
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
};

enum { READY = VIR_STREAM_EVENT_READABLE | VIR_STREAM_EVENT_WRITABLE };

static void
watch_fire(int timer G_GNUC_UNUSED, void *opaque)
{
    ApiStreamWatch *w = opaque;

    /* the callback may remove the watch: nothing of @w is used after it */
    if (w->events & READY)
        w->cb(w->st, w->events & READY, w->opaque);
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
 * api_stream_ready_add_callback() - see driver.h
 */
int
api_stream_ready_add_callback(virStreamPtr st, int events, virStreamEventCallback cb,
                              void *opaque, virFreeCallback ff)
{
    ApiStreamWatch *w;

    if (st->watch) {
        err_report(VIR_ERR_INTERNAL_ERROR, "stream already has a callback registered");
        return -1;
    }
    w = g_new0(ApiStreamWatch, 1);
    w->events = events;
    w->cb = cb;
    w->opaque = opaque;
    w->ff = ff;
    w->timer = virEventAddTimeout((events & READY) ? 0 : -1, watch_fire, w, watch_free);
    if (w->timer < 0) {
        g_free(w);
        err_report(VIR_ERR_INTERNAL_ERROR,
                   "cannot register a stream callback: no event loop implementation "
                   "(virEventRegisterImpl or virEventRegisterDefaultImpl)");
        return -1;
    }
    w->st = api_object_ref(st);
    st->watch = w;
    return 0;
}

/**
 * api_stream_ready_update_callback() - see driver.h
 */
int
api_stream_ready_update_callback(virStreamPtr st, int events)
{
    if (!st->watch) {
        err_report(VIR_ERR_INTERNAL_ERROR, "stream does not have a callback registered");
        return -1;
    }
    st->watch->events = events;
    virEventUpdateTimeout(st->watch->timer, (events & READY) ? 0 : -1);
    return 0;
}

/**
 * api_stream_ready_remove_callback() - see driver.h
 */
int
api_stream_ready_remove_callback(virStreamPtr st)
{
    ApiStreamWatch *w = st->watch;

    if (!w) {
        err_report(VIR_ERR_INTERNAL_ERROR, "stream does not have a callback registered");
        return -1;
    }
    st->watch = NULL;
    w->events = 0;
    virEventRemoveTimeout(w->timer);    /* watch_free() follows */
    return 0;
}
