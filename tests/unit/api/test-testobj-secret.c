/* tests/unit/api/test-testobj-secret.c: secrets of the in-process test
 * driver through the public API of libvirt.so: define and redefine rules,
 * values, private secrets, usage lookups, list filters, undefine and the
 * lifecycle and value events (libvirt's secret driver behaviour). */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <glib.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

static void
quiet(void *data, virErrorPtr err)
{
}

/* A fresh test:///default per test: the state goes with its last connection. */
static int
setup(void **state)
{
    virSetErrorFunc(NULL, quiet);
    *state = virConnectOpen("test:///default");
    return *state ? 0 : -1;
}

static int
teardown(void **state)
{
    return virConnectClose(*state) < 0 ? -1 : 0;
}

static void
assert_error(int code, const char *msg)
{
    virErrorPtr e = virGetLastError();

    assert_non_null(e);
    assert_int_equal(e->code, code);
    if (msg)
        assert_string_equal(e->message, msg);
}

#define SECRET_UUID "11111111-2222-3333-4444-555555555555"

static const char vol_secret[] =
    "<secret ephemeral='no' private='%s'><uuid>" SECRET_UUID "</uuid>"
    "<usage type='volume'><volume>/var/lib/x.img</volume></usage></secret>";

static virSecretPtr
define(virConnectPtr conn, const char *private)
{
    g_autofree char *xml = g_strdup_printf(vol_secret, private);

    return virSecretDefineXML(conn, xml, 0);
}

static void
test_values(void **state)
{
    virConnectPtr conn = *state;
    virSecretPtr sec = define(conn, "no");
    unsigned char *value;
    size_t size = 0;

    assert_non_null(sec);
    assert_int_equal(virConnectNumOfSecrets(conn), 1);
    assert_null(virSecretGetValue(sec, &size, 0));
    assert_error(VIR_ERR_NO_SECRET, "Secret not found: secret '" SECRET_UUID
                 "' does not have a value");
    assert_int_equal(virSecretSetValue(sec, (const unsigned char *) "hello", 5, 0), 0);
    value = virSecretGetValue(sec, &size, 0);
    assert_int_equal(size, 5);
    assert_memory_equal(value, "hello", 5);
    free(value);
    assert_int_equal(virSecretGetUsageType(sec), VIR_SECRET_USAGE_TYPE_VOLUME);
    assert_string_equal(virSecretGetUsageID(sec), "/var/lib/x.img");
    virSecretFree(sec);

    /* private may be turned on, never off; the value stays */
    sec = define(conn, "yes");
    assert_non_null(sec);
    assert_null(virSecretGetValue(sec, &size, 0));
    assert_error(VIR_ERR_INVALID_SECRET, "Invalid secret: secret is private");
    assert_null(define(conn, "no"));
    assert_error(VIR_ERR_INTERNAL_ERROR,
                 "internal error: cannot change private flag on existing secret");
    virSecretFree(sec);
}

static void
test_usage_and_lists(void **state)
{
    virConnectPtr conn = *state;
    virSecretPtr sec = define(conn, "no");
    virSecretPtr found;
    virSecretPtr other;

    assert_null(virSecretDefineXML(conn, "<secret><usage type='volume'>"
                                   "<volume>/var/lib/x.img</volume></usage></secret>", 0));
    assert_error(VIR_ERR_INTERNAL_ERROR, NULL);
    other = virSecretDefineXML(conn, "<secret ephemeral='yes' private='yes'><usage type='ceph'>"
                               "<name>cephx</name></usage></secret>", 0);
    assert_non_null(other);
    found = virSecretLookupByUsage(conn, VIR_SECRET_USAGE_TYPE_CEPH, "cephx");
    assert_non_null(found);
    virSecretFree(found);
    assert_null(virSecretLookupByUsage(conn, VIR_SECRET_USAGE_TYPE_CEPH, "nope"));
    assert_error(VIR_ERR_NO_SECRET, "Secret not found: no secret with matching usage 'nope'");
    assert_int_equal(virConnectListAllSecrets(conn, NULL, 0), 2);
    assert_int_equal(virConnectListAllSecrets(conn, NULL, VIR_CONNECT_LIST_SECRETS_EPHEMERAL),
                     1);
    assert_int_equal(virConnectListAllSecrets(conn, NULL, VIR_CONNECT_LIST_SECRETS_NO_PRIVATE),
                     1);
    assert_int_equal(virSecretUndefine(sec), 0);
    assert_int_equal(virSecretUndefine(sec), -1);
    assert_error(VIR_ERR_NO_SECRET, NULL);
    assert_int_equal(virConnectNumOfSecrets(conn), 1);
    virSecretFree(sec);
    virSecretFree(other);
}

static int lifecycle_events;
static int value_events;

static void
on_lifecycle(virConnectPtr conn, virSecretPtr secret, int event, int detail, void *opaque)
{
    lifecycle_events++;
}

static void
on_value(virConnectPtr conn, virSecretPtr secret, void *opaque)
{
    value_events++;
}

static void
test_events(void **state)
{
    virConnectPtr conn = *state;
    virSecretPtr sec;
    int id1;
    int id2;

    assert_int_equal(virEventRegisterDefaultImpl(), 0);
    id1 = virConnectSecretEventRegisterAny(conn, NULL, VIR_SECRET_EVENT_ID_LIFECYCLE,
                                           VIR_SECRET_EVENT_CALLBACK(on_lifecycle), NULL, NULL);
    id2 = virConnectSecretEventRegisterAny(conn, NULL, VIR_SECRET_EVENT_ID_VALUE_CHANGED,
                                           VIR_SECRET_EVENT_CALLBACK(on_value), NULL, NULL);
    assert_true(id1 >= 0 && id2 >= 0);
    sec = define(conn, "no");
    assert_int_equal(virSecretSetValue(sec, (const unsigned char *) "x", 1, 0), 0);
    assert_int_equal(virSecretUndefine(sec), 0);
    for (int i = 0; i < 20 && (lifecycle_events < 2 || value_events < 1); i++) {
        int t = virEventAddTimeout(0, NULL, NULL, NULL);

        virEventRunDefaultImpl();
        virEventRemoveTimeout(t);
    }
    assert_int_equal(lifecycle_events, 2);
    assert_int_equal(value_events, 1);
    assert_int_equal(virConnectSecretEventDeregisterAny(conn, id1), 0);
    assert_int_equal(virConnectSecretEventDeregisterAny(conn, id2), 0);
    virSecretFree(sec);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_values, setup, teardown),
        cmocka_unit_test_setup_teardown(test_usage_and_lists, setup, teardown),
        cmocka_unit_test_setup_teardown(test_events, setup, teardown),
    };

    return cmocka_run_group_tests_name("testobj-secret", tests, NULL, NULL);
}
