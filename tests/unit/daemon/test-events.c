/* tests/unit/daemon/test-events.c: event registrations and fan-out:
 * daemon-wide callback ids, object filters, per-owner cleanup, event
 * families derived from procedure names. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <glib.h>

#include "common/daemon/events.h"

typedef struct {
    void *owner[16];
    int id[16];
    int n;
} Sent;

static void
record(void *owner, int callback_id, void *opaque)
{
    Sent *s = opaque;

    s->owner[s->n] = owner;
    s->id[s->n] = callback_id;
    s->n++;
}

static void
test_ids_and_fanout(void **state)
{
    EventRegistry *reg = event_registry_new();
    int a = 1, b = 2;
    uint8_t u1[16], u2[16];
    Sent s = { 0 };
    int id0, id1, id2, id3;

    memset(u1, 1, 16);
    memset(u2, 2, 16);
    id0 = event_registry_add(reg, &a, EVENT_FAMILY_SECRET, 0, NULL, 0, NULL);
    id1 = event_registry_add(reg, &a, EVENT_FAMILY_SECRET, 0, u1, 16, NULL);
    id2 = event_registry_add(reg, &b, EVENT_FAMILY_SECRET, 0, u2, 16, NULL);
    id3 = event_registry_add(reg, &b, EVENT_FAMILY_SECRET, 1, NULL, 0, NULL);
    assert_int_equal(id0, 0);
    assert_int_equal(id1, 1);
    assert_int_equal(id2, 2);
    assert_int_equal(id3, 3);

    /* lifecycle (0) of u1: the unfiltered one and the u1 filter */
    assert_int_equal(event_registry_dispatch(reg, EVENT_FAMILY_SECRET, 0, u1, 16, NULL,
                                             record, &s), 2);
    assert_int_equal(s.id[0], 0);
    assert_int_equal(s.id[1], 1);
    assert_ptr_equal(s.owner[1], &a);
    /* other family: nothing */
    s.n = 0;
    assert_int_equal(event_registry_dispatch(reg, EVENT_FAMILY_NETWORK, 0, u1, 16, NULL,
                                             record, &s), 0);
    /* value-changed (1) of u2: only b's unfiltered id 3 */
    assert_int_equal(event_registry_dispatch(reg, EVENT_FAMILY_SECRET, 1, u2, 16, NULL,
                                             record, &s), 1);
    assert_int_equal(s.id[0], 3);

    /* deregistration checks the owner */
    assert_int_equal(event_registry_remove(reg, &b, EVENT_FAMILY_SECRET, 0), -1);
    assert_int_equal(event_registry_remove(reg, &a, EVENT_FAMILY_SECRET, 0), 0);
    assert_int_equal(event_registry_remove(reg, &a, EVENT_FAMILY_SECRET, 0), -1);
    assert_int_equal(event_registry_drop_owner(reg, &b), 2);
    s.n = 0;
    assert_int_equal(event_registry_dispatch(reg, EVENT_FAMILY_SECRET, 0, u1, 16, NULL,
                                             record, &s), 1);
    /* ids keep increasing after removals */
    assert_int_equal(event_registry_add(reg, &b, EVENT_FAMILY_SECRET, 0, NULL, 0, NULL), 4);
    event_registry_free(reg);
}

static void
test_name_filters(void **state)
{
    EventRegistry *reg = event_registry_new();
    int a = 1;
    Sent s = { 0 };

    event_registry_add(reg, &a, EVENT_FAMILY_NODE_DEVICE, 0, "pci_0000_00_01_0", 16, NULL);
    event_registry_add(reg, &a, EVENT_FAMILY_QEMU_MONITOR, 0, NULL, 0, "SHUTDOWN");
    assert_int_equal(event_registry_dispatch(reg, EVENT_FAMILY_NODE_DEVICE, 0,
                                             "pci_0000_00_01_0", 16, NULL, record, &s), 1);
    assert_int_equal(event_registry_dispatch(reg, EVENT_FAMILY_NODE_DEVICE, 0,
                                             "pci_0000_00_01_1", 16, NULL, record, &s), 0);
    assert_int_equal(event_registry_dispatch(reg, EVENT_FAMILY_QEMU_MONITOR, 0, NULL, 0,
                                             "shutdown", record, &s), 1);
    assert_int_equal(event_registry_dispatch(reg, EVENT_FAMILY_QEMU_MONITOR, 0, NULL, 0,
                                             "RESUME", record, &s), 0);
    event_registry_free(reg);
}

static void
test_families(void **state)
{
    assert_int_equal(event_family_of_proc(382, "SECRET_EVENT_LIFECYCLE"), EVENT_FAMILY_SECRET);
    assert_int_equal(event_family_of_proc(383, "SECRET_EVENT_VALUE_CHANGED"),
                     EVENT_FAMILY_SECRET);
    assert_int_equal(event_family_of_proc(315, "NETWORK_EVENT_LIFECYCLE"),
                     EVENT_FAMILY_NETWORK);
    assert_int_equal(event_family_of_proc(373, "STORAGE_POOL_EVENT_REFRESH"),
                     EVENT_FAMILY_STORAGE_POOL);
    assert_int_equal(event_family_of_proc(377, "NODE_DEVICE_EVENT_UPDATE"),
                     EVENT_FAMILY_NODE_DEVICE);
    assert_int_equal(event_family_of_proc(318, "DOMAIN_EVENT_CALLBACK_LIFECYCLE"),
                     EVENT_FAMILY_DOMAIN);
    assert_int_equal(event_family_of_proc(346, "DOMAIN_EVENT_CALLBACK_TUNABLE"),
                     EVENT_FAMILY_DOMAIN);
    assert_int_equal(event_family_of_proc(107, "DOMAIN_EVENT_LIFECYCLE"),
                     EVENT_FAMILY_DOMAIN_LEGACY);
    assert_int_equal(event_family_of_proc(59, "CONNECT_GET_HOSTNAME"), EVENT_FAMILY_LAST);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ids_and_fanout),
        cmocka_unit_test(test_name_filters),
        cmocka_unit_test(test_families),
    };

    return cmocka_run_group_tests_name("daemon-events", tests, NULL, NULL);
}
