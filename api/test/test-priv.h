/* api/test/test-priv.h: state shared by the files of the in-process test
 * driver (test:///default, test:///path/to/host.xml). One TestState holds a
 * whole fake host; connections to test:///default in one process share one
 * state, a custom host file gets a state per open. Only api/test/ includes
 * this header.
 *
 * Locking: every driver entry point takes TestState.lock for its whole
 * duration (the driver is in-process and cheap; one lock keeps multi-object
 * operations simple). Events are queued under the lock and delivered later
 * from the application's event loop, so callbacks never run with it held. */
#pragma once

#include <stdbool.h>
#include <glib.h>
#include <libxml/tree.h>

#include "api/internal.h"
#include "api/event-state.h"

/* Families owned by the object files (test-objects.h declares their API). */
typedef struct TestNetworks TestNetworks;
typedef struct TestPools TestPools;
typedef struct TestNodedevs TestNodedevs;
typedef struct TestIfaces TestIfaces;
typedef struct TestSecrets TestSecrets;
typedef struct TestNWFilters TestNWFilters;

/* Families owned by the core files (test-domain*.c, test-host.c). */
typedef struct TestDomains TestDomains;
typedef struct TestHost TestHost;

typedef struct TestState {
    GMutex lock;
    gint refs;                  /* atomic; one per open connection */
    char *path;                 /* host file, NULL for test:///default */
    GPtrArray *conns;           /* virConnectPtr (weak), open connections */

    TestHost *host;             /* node info, cells, capabilities */
    TestDomains *domains;       /* domains, snapshots, checkpoints */
    int next_domain_id;         /* id given to the next started domain */
    GPtrArray *event_regs;      /* event registrations of every connection (test-event.c) */
    GPtrArray *auth_users;      /* host file <auth><user>: TestAuthUser* */

    TestNetworks *networks;
    TestPools *pools;
    TestNodedevs *nodedevs;
    TestIfaces *ifaces;
    TestSecrets *secrets;
    TestNWFilters *nwfilters;
} TestState;

/**
 * test_state_from_conn() - the fake host behind a test:// connection
 * @conn: a connection opened by the test driver
 *
 * Return: the state (never NULL for a test connection). The reference is
 * the connection's: valid while @conn is open.
 */
TestState *test_state_from_conn(virConnectPtr conn);

/**
 * test_node_resolve() - follow a file='...' reference of a host file element
 * @node:     a <domain>, <network>, <pool>, <volume>, <interface> or <device>
 *            element of a host file
 * @basedir:  directory of the host file (relative references start there)
 * @ret_doc:  set to the document of the referenced file, which the caller
 *            frees with xmlFreeDoc() once done with the returned element;
 *            left NULL when @node has no file= attribute
 *
 * Return: the element to parse (@node itself, or the root element of the
 * referenced file), or NULL with VIR_ERR_XML_ERROR/VIR_ERR_XML_DETAIL
 * reported.
 */
xmlNode *test_node_resolve(xmlNode *node, const char *basedir, xmlDoc **ret_doc);

/* ---- events (test-event.c) ---- */

/**
 * TestEventData - payload of an event of a non-domain family
 * @name:       network, pool or node device name (NULL for secrets)
 * @uuid:       network, pool or secret UUID (NULL for node devices)
 * @usage_type: secrets: VIR_SECRET_USAGE_TYPE_*
 * @usage_id:   secrets: usage id, may be NULL
 * @event:      lifecycle event (VIR_<FAMILY>_EVENT_*); ignored by the
 *              other event ids (refresh, update, value changed)
 * @detail:     lifecycle detail
 *
 * test_emit_event() copies what it needs; the caller keeps ownership.
 */
typedef struct {
    const char *name;
    const unsigned char *uuid;
    int usage_type;
    const char *usage_id;
    int event;
    int detail;
} TestEventData;

/**
 * test_emit_event() - queue an event for every connection sharing @s
 * @s:        the state; the caller holds @s->lock
 * @family:   API_EVENT_FAMILY_NETWORK, _STORAGE_POOL, _NODE_DEVICE or _SECRET
 * @event_id: VIR_NETWORK_EVENT_ID_LIFECYCLE, VIR_STORAGE_POOL_EVENT_ID_REFRESH,
 *            VIR_NODE_DEVICE_EVENT_ID_UPDATE, VIR_SECRET_EVENT_ID_VALUE_CHANGED, ...
 * @data:     the object and, for lifecycle events, event and detail
 *
 * Delivery happens later from the application's event loop; events nobody
 * registered for are dropped at once.
 */
void test_emit_event(TestState *s, ApiEventFamily family, int event_id,
                     const TestEventData *data);

/**
 * test_event_key() - the filter key of an object: its UUID string
 * (networks, pools, secrets, domains) or its name (node devices)
 * @buf: at least VIR_UUID_STRING_BUFLEN bytes; used for UUIDs
 *
 * Return: @buf or @name.
 */
const char *test_event_key(ApiEventFamily family, const char *name,
                           const unsigned char *uuid, char *buf);

/**
 * test_event_register() - connectXxxEventRegisterAny for a test connection
 * @key: test_event_key() of the object to watch, NULL for all objects
 *
 * Like libvirt, the same callback function may be registered only once per
 * connection, event and object ("event callback already tracked"). Takes
 * the state lock itself: call it without holding it.
 *
 * Return: the callback id, or -1 (reported).
 */
int test_event_register(virConnectPtr conn, ApiEventFamily family, int event_id,
                        const char *key, ApiEventGenericFunc cb, void *opaque,
                        virFreeCallback freecb);

/**
 * test_event_deregister() - connectXxxEventDeregisterAny for a test connection
 *
 * As in libvirt, the id of a callback of another family is removed too.
 * Call without the state lock (the application's free function may run).
 *
 * Return: 0, or -1 (reported) when @callback_id is unknown.
 */
int test_event_deregister(virConnectPtr conn, ApiEventFamily family, int callback_id);
