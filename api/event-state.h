/* api/event-state.h: per-connection event callbacks and the queue of
 * received events. Events arrive on RPC I/O threads, are queued, and are
 * delivered from the application's event loop through one timer, so
 * callbacks run where the application expects them. Object families plug
 * in through ApiEvent; drivers (remote, test) queue their events here. */
#pragma once

#include <stdbool.h>

#include "api/internal.h"

typedef enum {
    API_EVENT_FAMILY_DOMAIN,
    API_EVENT_FAMILY_NETWORK,
    API_EVENT_FAMILY_STORAGE_POOL,
    API_EVENT_FAMILY_NODE_DEVICE,
    API_EVENT_FAMILY_SECRET,
    API_EVENT_FAMILY_LAST
} ApiEventFamily;

typedef void (*ApiEventGenericFunc)(void);

/* One registration made by the application. */
typedef struct {
    int id;                     /* returned to the application */
    ApiEventFamily family;
    int event_id;               /* VIR_<FAMILY>_EVENT_ID_* */
    char *filter;               /* object key (UUID string, name), NULL: all */
    const void *source;         /* daemon connection it was registered on */
    int remote_id;              /* server callbackID, -1 until known */
    ApiEventGenericFunc cb;
    void *opaque;
    virFreeCallback freecb;
    bool deleted;
} ApiEventCallback;

typedef struct _ApiEvent ApiEvent;
/* Deliver @ev to one matching callback (called without locks held). */
typedef void (*ApiEventDispatchFunc)(virConnectPtr conn, const ApiEvent *ev,
                                     const ApiEventCallback *cb);

struct _ApiEvent {
    ApiEventFamily family;
    int event_id;
    int remote_id;              /* callbackID carried by the message */
    const void *source;         /* daemon connection it arrived on */
    char *key;                  /* matched against ApiEventCallback.filter */
    ApiEventDispatchFunc dispatch;
    void *data;                 /* family-specific payload */
    GDestroyNotify data_free;
};

ApiEventState *api_event_state_new(virConnectPtr conn);
/* Detach the state from its connection; freed once the event loop has
 * released its timer. */
void api_event_state_free(ApiEventState *state);

/* Register a callback. Requires an event loop implementation (reports
 * "could not initialize ... event timer" otherwise). The callback holds a
 * reference on @conn until it is deregistered.
 * *@ret_count: callbacks now sharing (family, event_id, filter, source);
 * *@ret_remote_id: their server id when one exists already (else -1).
 * Return: the callback id, or -1 (reported). */
int api_event_register(virConnectPtr conn, ApiEventFamily family, int event_id,
                       const char *filter, const void *source, ApiEventGenericFunc cb,
                       void *opaque, virFreeCallback freecb,
                       int *ret_count, int *ret_remote_id);
/* The live callback of (@family, @event_id) calling @cb: its id, or -1. */
int api_event_find(virConnectPtr conn, ApiEventFamily family, int event_id,
                   ApiEventGenericFunc cb);
/* Record the server callbackID of callback @id. */
void api_event_set_remote_id(virConnectPtr conn, int id, int remote_id);

/* Look up callback @id of @family: its server id and source.
 * Return: 0, or -1 (VIR_ERR_RPC "unable to find callback ID"). */
int api_event_lookup(virConnectPtr conn, ApiEventFamily family, int id,
                     int *ret_remote_id, const void **ret_source);
/* Remove callback @id (its free function runs now, or after the current
 * dispatch). Return: how many callbacks still use the same server id on
 * the same source, or -1 when @id is unknown (reported). */
int api_event_deregister(virConnectPtr conn, int id);
/* Undo a registration the server refused: like api_event_deregister() but
 * the application's free function is not called (it keeps @opaque). */
void api_event_forget(virConnectPtr conn, int id);

/* Queue @ev (ownership moves) for delivery from the event loop; safe from
 * any thread. Events nobody listens to are dropped. */
void api_event_queue(virConnectPtr conn, ApiEvent *ev);
void api_event_free(ApiEvent *ev);
