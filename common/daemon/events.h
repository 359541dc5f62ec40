/* common/daemon/events.h: the daemon-wide table of event registrations
 * (who asked for which events of which object) and the fan-out of one
 * event to the matching registrations. Knows nothing of sockets: an owner
 * is an opaque pointer (the RpcPeer) and sending is a callback. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    EVENT_FAMILY_DOMAIN,            /* callback-based domain events (316) */
    EVENT_FAMILY_DOMAIN_LEGACY,     /* 105 / 167: no callbackID on the wire */
    EVENT_FAMILY_NETWORK,
    EVENT_FAMILY_STORAGE_POOL,
    EVENT_FAMILY_NODE_DEVICE,
    EVENT_FAMILY_SECRET,
    EVENT_FAMILY_QEMU_MONITOR,
    EVENT_FAMILY_LAST
} EventFamily;

typedef struct EventRegistry EventRegistry;

/* Called for each matching registration, with the registry locked. */
typedef void (*EventSendFunc)(void *owner, int callback_id, void *opaque);

EventRegistry *event_registry_new(void);
void event_registry_free(EventRegistry *reg);
int event_registry_add(EventRegistry *reg, void *owner, EventFamily fam, int event_id,
                       const void *key, size_t key_len, const char *name_filter);
int event_registry_remove(EventRegistry *reg, void *owner, EventFamily fam, int callback_id);
int event_registry_remove_by_event(EventRegistry *reg, void *owner, EventFamily fam,
                                   int event_id);
unsigned int event_registry_drop_owner(EventRegistry *reg, void *owner);
int event_registry_dispatch(EventRegistry *reg, EventFamily fam, int event_id,
                            const void *key, size_t key_len, const char *name,
                            EventSendFunc send, void *opaque);
EventFamily event_family_of_proc(int number, const char *proc_name);
