/* api/event-state.c: event callbacks of one connection and delivery of
 * queued events from the application's event loop (see event-state.h).
 * Locking: one mutex per state; callbacks and free functions always run
 * with it released. While a dispatch is running, removed callbacks are only
 * marked and released afterwards, so a callback may deregister itself. */
#include "config.h"

#include <string.h>

#define ERR_DOMAIN VIR_FROM_EVENT
#include "api/event-state.h"
#include "common/util/err.h"

struct _ApiEventState {
    GMutex lock;
    virConnectPtr conn;          /* weak; NULL once the connection is gone */
    GPtrArray *callbacks;        /* ApiEventCallback* */
    GQueue queue;                /* ApiEvent* */
    int timer;                   /* -1 until the first registration */
    int next_id;
    bool dispatching;
    bool dead;
};

static void
event_callback_free(ApiEventCallback *cb)
{
    g_free(cb->filter);
    g_free(cb);
}

/**
 * api_event_free() - release an event and its payload
 */
void
api_event_free(ApiEvent *ev)
{
    if (!ev)
        return;
    if (ev->data_free)
        ev->data_free(ev->data);
    g_free(ev->key);
    g_free(ev);
}

/**
 * api_event_state_new() - empty state for connection @conn
 */
ApiEventState *
api_event_state_new(virConnectPtr conn)
{
    ApiEventState *state = g_new0(ApiEventState, 1);

    g_mutex_init(&state->lock);
    state->conn = conn;
    state->callbacks = g_ptr_array_new();
    g_queue_init(&state->queue);
    state->timer = -1;
    state->next_id = 0;
    return state;
}

static void
event_state_destroy(ApiEventState *state)
{
    ApiEvent *ev;

    while ((ev = g_queue_pop_head(&state->queue)))
        api_event_free(ev);
    for (guint i = 0; i < state->callbacks->len; i++) {
        ApiEventCallback *cb = g_ptr_array_index(state->callbacks, i);

        if (cb->freecb && !cb->deleted)
            cb->freecb(cb->opaque);
        event_callback_free(cb);
    }
    g_ptr_array_unref(state->callbacks);
    g_mutex_clear(&state->lock);
    g_free(state);
}

/* Free function of the timer: the loop no longer references @opaque. */
static void
event_state_timer_release(void *opaque)
{
    ApiEventState *state = opaque;
    bool dead;

    g_mutex_lock(&state->lock);
    dead = state->dead;
    state->timer = -1;
    g_mutex_unlock(&state->lock);
    if (dead)
        event_state_destroy(state);
}

/**
 * api_event_state_free() - detach @state from its (disposed) connection
 *
 * Freed now when no timer exists, else when the event loop releases it.
 */
void
api_event_state_free(ApiEventState *state)
{
    int timer;

    if (!state)
        return;
    g_mutex_lock(&state->lock);
    state->dead = true;
    state->conn = NULL;
    timer = state->timer;
    g_mutex_unlock(&state->lock);
    if (timer < 0 || virEventRemoveTimeout(timer) < 0)
        event_state_destroy(state);
}

static bool
event_filter_equal(const char *a, const char *b)
{
    return g_strcmp0(a, b) == 0;
}

static bool
event_matches(const ApiEventCallback *cb, const ApiEvent *ev)
{
    if (cb->deleted || cb->family != ev->family || cb->event_id != ev->event_id ||
        cb->source != ev->source)
        return false;
    /* A callback whose registration reply is still being processed has no
     * server id yet; its filter alone decides. */
    if (ev->remote_id >= 0 && cb->remote_id >= 0 && cb->remote_id != ev->remote_id)
        return false;
    if (cb->filter && (!ev->key || !g_str_equal(cb->filter, ev->key)))
        return false;
    return true;
}

/* Release callbacks marked deleted; returns them for the caller to finish
 * (free functions and connection references) without the lock. */
static GPtrArray *
event_purge_locked(ApiEventState *state)
{
    GPtrArray *gone = g_ptr_array_new();

    for (guint i = state->callbacks->len; i-- > 0;) {
        ApiEventCallback *cb = g_ptr_array_index(state->callbacks, i);

        if (cb->deleted) {
            g_ptr_array_add(gone, cb);
            g_ptr_array_remove_index(state->callbacks, i);
        }
    }
    return gone;
}

static void
event_release_callbacks(GPtrArray *gone, virConnectPtr conn)
{
    for (guint i = 0; i < gone->len; i++) {
        ApiEventCallback *cb = g_ptr_array_index(gone, i);

        if (cb->freecb)
            cb->freecb(cb->opaque);
        event_callback_free(cb);
        api_object_unref(conn);
    }
    g_ptr_array_unref(gone);
}

static void
event_dispatch_one(ApiEventState *state, virConnectPtr conn, const ApiEvent *ev)
{
    g_autoptr(GPtrArray) targets = g_ptr_array_new();

    g_mutex_lock(&state->lock);
    for (guint i = 0; i < state->callbacks->len; i++) {
        ApiEventCallback *cb = g_ptr_array_index(state->callbacks, i);

        if (event_matches(cb, ev))
            g_ptr_array_add(targets, cb);
    }
    g_mutex_unlock(&state->lock);

    /* Callbacks are not freed while dispatching is set; re-check deletion
     * before each call since an earlier callback may have removed it. */
    for (guint i = 0; i < targets->len; i++) {
        ApiEventCallback *cb = g_ptr_array_index(targets, i);
        bool deleted;

        g_mutex_lock(&state->lock);
        deleted = cb->deleted;
        g_mutex_unlock(&state->lock);
        if (!deleted)
            ev->dispatch(conn, ev, cb);
    }
}

static void
event_state_timer_fire(int timer, void *opaque)
{
    ApiEventState *state = opaque;
    virConnectPtr conn;
    GQueue pending = G_QUEUE_INIT;
    GPtrArray *gone;
    ApiEvent *ev;
    bool more;

    g_mutex_lock(&state->lock);
    if (state->dead || state->dispatching) {
        g_mutex_unlock(&state->lock);
        return;
    }
    /* the connection may be disposing already (no callbacks left) */
    conn = api_object_try_ref(state->conn);
    if (!conn) {
        while ((ev = g_queue_pop_head(&state->queue)))
            api_event_free(ev);
        g_mutex_unlock(&state->lock);
        virEventUpdateTimeout(timer, -1);
        return;
    }
    pending = state->queue;
    g_queue_init(&state->queue);
    state->dispatching = true;
    g_mutex_unlock(&state->lock);

    virEventUpdateTimeout(timer, -1);
    while ((ev = g_queue_pop_head(&pending))) {
        event_dispatch_one(state, conn, ev);
        api_event_free(ev);
    }

    g_mutex_lock(&state->lock);
    state->dispatching = false;
    gone = event_purge_locked(state);
    more = !g_queue_is_empty(&state->queue);
    g_mutex_unlock(&state->lock);
    /* events queued while the timer was being disabled */
    if (more)
        virEventUpdateTimeout(timer, 0);
    event_release_callbacks(gone, conn);
    /* Last: this may dispose the connection and with it @state. */
    api_object_unref(conn);
}

static int
event_state_ensure_timer(ApiEventState *state)
{
    int timer;

    g_mutex_lock(&state->lock);
    timer = state->timer;
    g_mutex_unlock(&state->lock);
    if (timer >= 0)
        return 0;

    timer = virEventAddTimeout(-1, event_state_timer_fire, state, event_state_timer_release);
    if (timer < 0) {
        /* libvirt's object_event.c reports it without a domain */
        err_report_full(VIR_FROM_NONE, VIR_ERR_INTERNAL_ERROR, __FILE__, __func__, __LINE__,
                        "%s", "could not initialize domain event timer");
        return -1;
    }
    g_mutex_lock(&state->lock);
    if (state->timer < 0) {
        state->timer = timer;
        timer = -1;
    }
    g_mutex_unlock(&state->lock);
    if (timer >= 0)     /* lost a race with another thread */
        virEventRemoveTimeout(timer);
    return 0;
}

/**
 * api_event_register() - add an application callback (see event-state.h)
 */
int
api_event_register(virConnectPtr conn, ApiEventFamily family, int event_id,
                   const char *filter, const void *source, ApiEventGenericFunc cb,
                   void *opaque, virFreeCallback freecb,
                   int *ret_count, int *ret_remote_id)
{
    ApiEventState *state = conn->events;
    ApiEventCallback *c;
    int count = 1;
    int remote_id = -1;

    if (event_state_ensure_timer(state) < 0)
        return -1;

    c = g_new0(ApiEventCallback, 1);
    c->family = family;
    c->event_id = event_id;
    c->filter = g_strdup(filter);
    c->source = source;
    c->cb = cb;
    c->opaque = opaque;
    c->freecb = freecb;

    g_mutex_lock(&state->lock);
    for (guint i = 0; i < state->callbacks->len; i++) {
        ApiEventCallback *o = g_ptr_array_index(state->callbacks, i);

        if (o->deleted || o->family != family || o->event_id != event_id ||
            o->source != source || !event_filter_equal(o->filter, filter))
            continue;
        count++;
        if (o->remote_id >= 0)
            remote_id = o->remote_id;
    }
    c->remote_id = remote_id;
    c->id = state->next_id++;
    g_ptr_array_add(state->callbacks, c);
    g_mutex_unlock(&state->lock);

    api_object_ref(conn);
    *ret_count = count;
    *ret_remote_id = remote_id;
    return c->id;
}

static ApiEventCallback *
event_find_locked(ApiEventState *state, int id)
{
    for (guint i = 0; i < state->callbacks->len; i++) {
        ApiEventCallback *cb = g_ptr_array_index(state->callbacks, i);

        if (cb->id == id && !cb->deleted)
            return cb;
    }
    return NULL;
}

/**
 * api_event_find() - id of the live callback of (@family, @event_id) whose
 * function is @cb (virConnectDomainEventDeregister's lookup), or -1
 */
int
api_event_find(virConnectPtr conn, ApiEventFamily family, int event_id,
               ApiEventGenericFunc cb)
{
    ApiEventState *state = conn->events;
    int id = -1;

    g_mutex_lock(&state->lock);
    for (guint i = 0; i < state->callbacks->len; i++) {
        ApiEventCallback *c = g_ptr_array_index(state->callbacks, i);

        if (!c->deleted && c->family == family && c->event_id == event_id && c->cb == cb) {
            id = c->id;
            break;
        }
    }
    g_mutex_unlock(&state->lock);
    return id;
}

/**
 * api_event_set_remote_id() - remember the server callbackID of @id
 */
void
api_event_set_remote_id(virConnectPtr conn, int id, int remote_id)
{
    ApiEventState *state = conn->events;
    ApiEventCallback *cb;

    g_mutex_lock(&state->lock);
    cb = event_find_locked(state, id);
    if (cb)
        cb->remote_id = remote_id;
    g_mutex_unlock(&state->lock);
}

/**
 * api_event_lookup() - server id and source of callback @id
 */
int
api_event_lookup(virConnectPtr conn, ApiEventFamily family, int id,
                 int *ret_remote_id, const void **ret_source)
{
    ApiEventState *state = conn->events;
    ApiEventCallback *cb;

    g_mutex_lock(&state->lock);
    cb = event_find_locked(state, id);
    if (cb && cb->family == family) {
        *ret_remote_id = cb->remote_id;
        *ret_source = cb->source;
    }
    g_mutex_unlock(&state->lock);
    if (!cb || cb->family != family) {
        err_report_full(VIR_FROM_REMOTE, VIR_ERR_RPC, __FILE__, __func__, __LINE__,
                        "unable to find callback ID %d", id);
        return -1;
    }
    return 0;
}

/**
 * api_event_deregister() - remove callback @id
 *
 * The caller must hold its own reference on @conn: the callback's
 * reference is dropped here.
 */
int
api_event_deregister(virConnectPtr conn, int id)
{
    ApiEventState *state = conn->events;
    GPtrArray *gone = NULL;
    ApiEventCallback *cb;
    int remaining = 0;

    g_mutex_lock(&state->lock);
    cb = event_find_locked(state, id);
    if (!cb) {
        g_mutex_unlock(&state->lock);
        err_report(VIR_ERR_INVALID_ARG, "could not find event callback %d for deletion", id);
        return -1;
    }
    cb->deleted = true;
    for (guint i = 0; i < state->callbacks->len; i++) {
        ApiEventCallback *o = g_ptr_array_index(state->callbacks, i);

        if (!o->deleted && o->family == cb->family && o->event_id == cb->event_id &&
            o->source == cb->source && o->remote_id == cb->remote_id)
            remaining++;
    }
    if (!state->dispatching)
        gone = event_purge_locked(state);
    g_mutex_unlock(&state->lock);
    if (gone)
        event_release_callbacks(gone, conn);
    return remaining;
}

/**
 * api_event_queue() - queue @ev for the event loop (any thread)
 */
void
api_event_queue(virConnectPtr conn, ApiEvent *ev)
{
    ApiEventState *state = conn->events;
    bool wanted = false;
    int timer;

    g_mutex_lock(&state->lock);
    if (!state->dead) {
        for (guint i = 0; i < state->callbacks->len && !wanted; i++)
            wanted = event_matches(g_ptr_array_index(state->callbacks, i), ev);
    }
    if (!wanted) {
        g_mutex_unlock(&state->lock);
        api_event_free(ev);
        return;
    }
    g_queue_push_tail(&state->queue, ev);
    timer = state->timer;
    g_mutex_unlock(&state->lock);
    if (timer >= 0)
        virEventUpdateTimeout(timer, 0);
}

/**
 * api_event_forget() - drop callback @id without calling its free function
 */
void
api_event_forget(virConnectPtr conn, int id)
{
    ApiEventState *state = conn->events;
    ApiEventCallback *cb;
    bool release = false;

    g_mutex_lock(&state->lock);
    cb = event_find_locked(state, id);
    if (cb) {
        cb->freecb = NULL;
        cb->deleted = true;
        /* while dispatching, the purge afterwards drops the reference */
        if (!state->dispatching) {
            g_ptr_array_remove(state->callbacks, cb);
            event_callback_free(cb);
            release = true;
        }
    }
    g_mutex_unlock(&state->lock);
    if (release)
        api_object_unref(conn);
}
