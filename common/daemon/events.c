/* common/daemon/events.c: event registrations. Callback ids come from one
 * daemon-wide counter starting at 0, as the stock daemon hands them out;
 * a registration remembers its owner, family, event id and optional object
 * filter (UUID bytes or node device name) or event-name filter (QEMU). */
#include "config.h"

#include <string.h>
#include <glib.h>

#include "common/daemon/events.h"

typedef struct {
    int id;
    void *owner;
    EventFamily fam;
    int event_id;
    void *key;              /* NULL: every object */
    size_t key_len;
    char *name_filter;      /* QEMU monitor: NULL = every event */
} EventReg;

struct EventRegistry {
    GMutex lock;
    GPtrArray *regs;        /* EventReg* */
    int next_id;
};

static void
event_reg_free(gpointer data)
{
    EventReg *r = data;

    g_free(r->key);
    g_free(r->name_filter);
    g_free(r);
}

/**
 * event_registry_new() - an empty registry
 */
EventRegistry *
event_registry_new(void)
{
    EventRegistry *reg = g_new0(EventRegistry, 1);

    g_mutex_init(&reg->lock);
    reg->regs = g_ptr_array_new_with_free_func(event_reg_free);
    return reg;
}

/**
 * event_registry_free() - free @reg and all registrations
 */
void
event_registry_free(EventRegistry *reg)
{
    if (!reg)
        return;
    g_ptr_array_unref(reg->regs);
    g_mutex_clear(&reg->lock);
    g_free(reg);
}

/**
 * event_registry_add() - register @owner for @event_id of family @fam
 * @key/@key_len: object filter (NULL = all objects)
 * @name_filter: QEMU monitor event name (NULL = all)
 *
 * Return: the new callback id (>= 0).
 */
int
event_registry_add(EventRegistry *reg, void *owner, EventFamily fam, int event_id,
                   const void *key, size_t key_len, const char *name_filter)
{
    EventReg *r = g_new0(EventReg, 1);
    int id;

    r->owner = owner;
    r->fam = fam;
    r->event_id = event_id;
    if (key) {
        r->key = g_memdup2(key, key_len);
        r->key_len = key_len;
    }
    r->name_filter = g_strdup(name_filter);
    g_mutex_lock(&reg->lock);
    id = r->id = reg->next_id++;
    g_ptr_array_add(reg->regs, r);
    g_mutex_unlock(&reg->lock);
    return id;
}

/**
 * event_registry_remove() - drop @owner's registration @callback_id
 * Return: 0, or -1 when @owner has no such registration in @fam.
 */
int
event_registry_remove(EventRegistry *reg, void *owner, EventFamily fam, int callback_id)
{
    int r = -1;

    g_mutex_lock(&reg->lock);
    for (guint i = 0; i < reg->regs->len; i++) {
        EventReg *e = reg->regs->pdata[i];

        if (e->owner == owner && e->fam == fam && e->id == callback_id) {
            g_ptr_array_remove_index(reg->regs, i);
            r = 0;
            break;
        }
    }
    g_mutex_unlock(&reg->lock);
    return r;
}

/**
 * event_registry_remove_by_event() - drop @owner's registration for
 * @event_id (legacy deregistration carries no callback id)
 * Return: 0, or -1 when none.
 */
int
event_registry_remove_by_event(EventRegistry *reg, void *owner, EventFamily fam,
                               int event_id)
{
    int r = -1;

    g_mutex_lock(&reg->lock);
    for (guint i = 0; i < reg->regs->len; i++) {
        EventReg *e = reg->regs->pdata[i];

        if (e->owner == owner && e->fam == fam && e->event_id == event_id) {
            g_ptr_array_remove_index(reg->regs, i);
            r = 0;
            break;
        }
    }
    g_mutex_unlock(&reg->lock);
    return r;
}

/**
 * event_registry_drop_owner() - remove every registration of @owner
 * Return: how many were removed.
 */
unsigned int
event_registry_drop_owner(EventRegistry *reg, void *owner)
{
    unsigned int n = 0;

    g_mutex_lock(&reg->lock);
    for (guint i = reg->regs->len; i-- > 0;) {
        if (((EventReg *) reg->regs->pdata[i])->owner == owner) {
            g_ptr_array_remove_index(reg->regs, i);
            n++;
        }
    }
    g_mutex_unlock(&reg->lock);
    return n;
}

/**
 * event_registry_dispatch() - call @send for every registration matching
 * @fam, @event_id, the object @key and the event @name (QEMU monitor)
 * Return: number of registrations @send was called for.
 */
int
event_registry_dispatch(EventRegistry *reg, EventFamily fam, int event_id,
                        const void *key, size_t key_len, const char *name,
                        EventSendFunc send, void *opaque)
{
    int n = 0;

    g_mutex_lock(&reg->lock);
    for (guint i = 0; i < reg->regs->len; i++) {
        EventReg *e = reg->regs->pdata[i];

        if (e->fam != fam || e->event_id != event_id)
            continue;
        if (e->key && (!key || e->key_len != key_len || memcmp(e->key, key, key_len) != 0))
            continue;
        if (e->name_filter && (!name || g_ascii_strcasecmp(e->name_filter, name) != 0))
            continue;
        send(e->owner, e->id, opaque);
        n++;
    }
    g_mutex_unlock(&reg->lock);
    return n;
}

/**
 * event_family_of_proc() - family of a REMOTE event MESSAGE procedure,
 * from its name ("SECRET_EVENT_LIFECYCLE" -> SECRET) and, for domain
 * events, its number (the pre-callback procedures of wire.md §8 are
 * LEGACY); EVENT_FAMILY_LAST when it is not an event
 */
EventFamily
event_family_of_proc(int number, const char *proc_name)
{
    static const int legacy[] = {
        107, 169, 170, 171, 172, 173, 195, 224, 241, 248, 268, 269, 270, 276, 292,
        311, 339,
    };

    static const struct {
        const char *prefix;
        EventFamily fam;
    } map[] = {
        { "DOMAIN_EVENT_", EVENT_FAMILY_DOMAIN },
        { "NETWORK_EVENT_", EVENT_FAMILY_NETWORK },
        { "STORAGE_POOL_EVENT_", EVENT_FAMILY_STORAGE_POOL },
        { "NODE_DEVICE_EVENT_", EVENT_FAMILY_NODE_DEVICE },
        { "SECRET_EVENT_", EVENT_FAMILY_SECRET },
    };

    if (!proc_name)
        return EVENT_FAMILY_LAST;
    for (size_t i = 0; i < G_N_ELEMENTS(map); i++) {
        if (!g_str_has_prefix(proc_name, map[i].prefix))
            continue;
        for (size_t j = 0; map[i].fam == EVENT_FAMILY_DOMAIN && j < G_N_ELEMENTS(legacy); j++) {
            if (legacy[j] == number)
                return EVENT_FAMILY_DOMAIN_LEGACY;
        }
        return map[i].fam;
    }
    return EVENT_FAMILY_LAST;
}
