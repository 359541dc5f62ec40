/* tests/unit/api/test-testdrv-event.c: domain events of the in-process
 * test driver, delivered by the default event loop: lifecycle events with
 * their details and ids, object filters, the legacy registration,
 * duplicate registrations, metadata events, device events, and events
 * caused on another connection to test:///default. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <glib.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#define MAX_SEEN 32

typedef struct {
    char name[64];
    int id;
    int event;
    int detail;
} Seen;

static Seen seen[MAX_SEEN];
static int nseen;

static void
quiet(void *data, virErrorPtr err)
{
}

static void
record(const char *name, int id, int event, int detail)
{
    if (nseen < MAX_SEEN) {
        g_strlcpy(seen[nseen].name, name, sizeof(seen[nseen].name));
        seen[nseen].id = id;
        seen[nseen].event = event;
        seen[nseen].detail = detail;
        nseen++;
    }
}

static int
on_lifecycle(virConnectPtr conn, virDomainPtr dom, int event, int detail, void *opaque)
{
    record(virDomainGetName(dom), virDomainGetID(dom), event, detail);
    return 0;
}

static int
on_legacy(virConnectPtr conn, virDomainPtr dom, int event, int detail, void *opaque)
{
    record("legacy", virDomainGetID(dom), event, detail);
    return 0;
}

static void
on_metadata(virConnectPtr conn, virDomainPtr dom, int type, const char *nsuri, void *opaque)
{
    record(nsuri ? nsuri : "(none)", 0, -1, type);
}

static void
on_device(virConnectPtr conn, virDomainPtr dom, const char *alias, void *opaque)
{
    record(alias, 0, -2, GPOINTER_TO_INT(opaque));
}

static void
nop_timer(int timer, void *opaque)
{
}

/* Let the event loop deliver what is queued. */
static void
pump(void)
{
    for (int i = 0; i < 3; i++) {
        int t = virEventAddTimeout(0, nop_timer, NULL, NULL);

        virEventRunDefaultImpl();
        virEventRemoveTimeout(t);
    }
}

static void
expect(int i, const char *name, int event, int detail)
{
    assert_true(i < nseen);
    assert_string_equal(seen[i].name, name);
    assert_int_equal(seen[i].event, event);
    assert_int_equal(seen[i].detail, detail);
}

static int
setup(void **state)
{
    virSetErrorFunc(NULL, quiet);
    if (virEventRegisterDefaultImpl() < 0)
        return -1;
    *state = virConnectOpen("test:///default");
    return *state ? 0 : -1;
}

static int
teardown(void **state)
{
    return virConnectClose(*state) < 0 ? -1 : 0;
}

static void
test_lifecycle(void **state)
{
    virConnectPtr conn = *state;
    int cid = virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                               VIR_DOMAIN_EVENT_CALLBACK(on_lifecycle),
                                               NULL, NULL);
    virDomainPtr dom;

    assert_true(cid >= 0);
    nseen = 0;
    dom = virDomainDefineXML(conn, "<domain type='test'><name>ev</name><memory>1024</memory>"
                                   "<os><type>hvm</type></os></domain>");
    assert_non_null(dom);
    assert_int_equal(virDomainCreate(dom), 0);
    assert_int_equal(virDomainSuspend(dom), 0);
    assert_int_equal(virDomainResume(dom), 0);
    assert_int_equal(virDomainDestroy(dom), 0);
    assert_int_equal(virDomainUndefine(dom), 0);
    assert_int_equal(nseen, 0);            /* nothing before the loop runs */
    pump();
    assert_int_equal(nseen, 6);
    expect(0, "ev", VIR_DOMAIN_EVENT_DEFINED, VIR_DOMAIN_EVENT_DEFINED_ADDED);
    expect(1, "ev", VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_BOOTED);
    assert_true(seen[1].id > 0);
    expect(2, "ev", VIR_DOMAIN_EVENT_SUSPENDED, VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
    expect(3, "ev", VIR_DOMAIN_EVENT_RESUMED, VIR_DOMAIN_EVENT_RESUMED_UNPAUSED);
    expect(4, "ev", VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_DESTROYED);
    assert_int_equal(seen[4].id, -1);
    expect(5, "ev", VIR_DOMAIN_EVENT_UNDEFINED, VIR_DOMAIN_EVENT_UNDEFINED_REMOVED);
    /* the same function may not be registered twice for the same thing */
    assert_int_equal(virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                                      VIR_DOMAIN_EVENT_CALLBACK(on_lifecycle),
                                                      NULL, NULL), -1);
    assert_int_equal(virGetLastError()->code, VIR_ERR_INVALID_ARG);
    assert_int_equal(virConnectDomainEventDeregisterAny(conn, cid), 0);
    assert_int_equal(virConnectDomainEventDeregisterAny(conn, cid), -1);
    virDomainFree(dom);
}

static void
test_filter_and_legacy(void **state)
{
    virConnectPtr conn = *state;
    virDomainPtr test = virDomainLookupByName(conn, "test");
    virDomainPtr other = virDomainDefineXML(conn, "<domain type='test'><name>other</name>"
                                                  "<memory>1024</memory>"
                                                  "<os><type>hvm</type></os></domain>");
    int cid = virConnectDomainEventRegisterAny(conn, test, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                               VIR_DOMAIN_EVENT_CALLBACK(on_lifecycle),
                                               NULL, NULL);

    assert_int_equal(virConnectDomainEventRegister(conn, on_legacy, NULL, NULL), 0);
    assert_int_equal(virConnectDomainEventRegister(conn, on_legacy, NULL, NULL), -1);
    pump();
    nseen = 0;
    assert_int_equal(virDomainCreate(other), 0);
    assert_int_equal(virDomainSuspend(test), 0);
    pump();
    assert_int_equal(nseen, 3);
    expect(0, "legacy", VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_BOOTED);
    expect(1, "test", VIR_DOMAIN_EVENT_SUSPENDED, VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
    expect(2, "legacy", VIR_DOMAIN_EVENT_SUSPENDED, VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
    assert_int_equal(virConnectDomainEventDeregister(conn, on_legacy), 0);
    assert_int_equal(virConnectDomainEventDeregister(conn, on_legacy), -1);
    assert_int_equal(virConnectDomainEventDeregisterAny(conn, cid), 0);
    assert_int_equal(virDomainResume(test), 0);
    assert_int_equal(virDomainDestroy(other), 0);
    assert_int_equal(virDomainUndefine(other), 0);
    nseen = 0;
    pump();
    assert_int_equal(nseen, 0);
    virDomainFree(test);
    virDomainFree(other);
}

static void
test_metadata_and_devices(void **state)
{
    virConnectPtr conn = *state;
    virDomainPtr test = virDomainLookupByName(conn, "test");
    int m = virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_METADATA_CHANGE,
                                             VIR_DOMAIN_EVENT_CALLBACK(on_metadata),
                                             NULL, NULL);
    int a = virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_DEVICE_ADDED,
                                             VIR_DOMAIN_EVENT_CALLBACK(on_device),
                                             GINT_TO_POINTER(1), NULL);
    int r = virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED,
                                             VIR_DOMAIN_EVENT_CALLBACK(on_device),
                                             GINT_TO_POINTER(2), NULL);
    const char *disk = "<disk type='file' device='disk'><source file='/e.img'/>"
                       "<target dev='vdc' bus='virtio'/></disk>";

    nseen = 0;
    assert_int_equal(virDomainSetMetadata(test, VIR_DOMAIN_METADATA_ELEMENT, "<a/>", "k",
                                          "http://x.org/", 0), 0);
    assert_int_equal(virDomainAttachDevice(test, disk), 0);
    assert_int_equal(virDomainDetachDevice(test, disk), 0);
    pump();
    assert_int_equal(nseen, 3);
    expect(0, "http://x.org/", -1, VIR_DOMAIN_METADATA_ELEMENT);
    expect(1, "vdc", -2, 1);
    expect(2, "vdc", -2, 2);
    assert_int_equal(virDomainSetMetadata(test, VIR_DOMAIN_METADATA_ELEMENT, NULL, NULL,
                                          "http://x.org/", 0), 0);
    pump();
    assert_int_equal(virConnectDomainEventDeregisterAny(conn, m), 0);
    assert_int_equal(virConnectDomainEventDeregisterAny(conn, a), 0);
    assert_int_equal(virConnectDomainEventDeregisterAny(conn, r), 0);
    virDomainFree(test);
}

static void
test_other_connection(void **state)
{
    virConnectPtr conn = *state;
    virConnectPtr other = virConnectOpen("test:///default");
    int cid = virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                               VIR_DOMAIN_EVENT_CALLBACK(on_lifecycle),
                                               NULL, NULL);
    virDomainPtr dom;

    assert_non_null(other);
    nseen = 0;
    dom = virDomainLookupByName(other, "test");
    assert_int_equal(virDomainSuspend(dom), 0);
    assert_int_equal(virDomainResume(dom), 0);
    virDomainFree(dom);
    assert_int_equal(virConnectClose(other), 0);
    pump();
    assert_int_equal(nseen, 2);
    expect(0, "test", VIR_DOMAIN_EVENT_SUSPENDED, VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
    expect(1, "test", VIR_DOMAIN_EVENT_RESUMED, VIR_DOMAIN_EVENT_RESUMED_UNPAUSED);
    assert_int_equal(virConnectDomainEventDeregisterAny(conn, cid), 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lifecycle),
        cmocka_unit_test(test_filter_and_legacy),
        cmocka_unit_test(test_metadata_and_devices),
        cmocka_unit_test(test_other_connection),
    };

    return cmocka_run_group_tests_name("testdrv-event", tests, setup, teardown);
}
