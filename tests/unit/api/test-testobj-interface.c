/* tests/unit/api/test-testobj-interface.c: host interfaces of the
 * in-process test driver through the public API of libvirt.so: the default
 * interface, lookups by name and MAC, define/create/destroy/undefine, list
 * filters and change transactions. */
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

static void
test_defaults(void **state)
{
    virConnectPtr conn = *state;
    virInterfacePtr iface = virInterfaceLookupByName(conn, "eth1");
    virInterfacePtr bymac;
    g_autofree char *xml = NULL;

    assert_non_null(iface);
    assert_string_equal(virInterfaceGetMACString(iface), "aa:bb:cc:dd:ee:ff");
    assert_int_equal(virInterfaceIsActive(iface), 1);
    xml = virInterfaceGetXMLDesc(iface, 0);
    assert_string_equal(xml,
                        "<interface type='ethernet' name='eth1'>\n"
                        "  <start mode='onboot'/>\n"
                        "  <mtu size='1492'/>\n"
                        "  <protocol family='ipv4'>\n"
                        "    <ip address='192.168.0.5' prefix='24'/>\n"
                        "    <route gateway='192.168.0.1'/>\n"
                        "  </protocol>\n"
                        "  <mac address='aa:bb:cc:dd:ee:ff'/>\n"
                        "</interface>\n");
    bymac = virInterfaceLookupByMACString(conn, "AA:BB:CC:DD:EE:FF");
    assert_non_null(bymac);
    assert_string_equal(virInterfaceGetName(bymac), "eth1");
    virInterfaceFree(bymac);
    assert_int_equal(virInterfaceCreate(iface, 0), -1);
    assert_error(VIR_ERR_OPERATION_INVALID, "Requested operation is not valid");
    assert_null(virInterfaceLookupByName(conn, "nope"));
    assert_error(VIR_ERR_NO_INTERFACE,
                 "Interface not found: no interface with matching name 'nope'");
    virInterfaceFree(iface);
}

static void
test_lifecycle(void **state)
{
    virConnectPtr conn = *state;
    virInterfacePtr br = virInterfaceDefineXML(conn, "<interface type='bridge' name='br0'>"
                                               "<bridge stp='off'/></interface>", 0);
    virInterfacePtr eth = virInterfaceDefineXML(conn, "<interface type='ethernet' "
                                                "name='eth2'><mac "
                                                "address='aa:bb:cc:dd:ee:ff'/></interface>", 0);

    assert_non_null(br);
    assert_string_equal(virInterfaceGetMACString(br), "");
    assert_int_equal(virConnectNumOfDefinedInterfaces(conn), 2);
    assert_int_equal(virConnectListAllInterfaces(conn, NULL,
                                                 VIR_CONNECT_LIST_INTERFACES_INACTIVE), 2);
    assert_int_equal(virInterfaceCreate(br, 0), 0);
    assert_int_equal(virInterfaceIsActive(br), 1);
    assert_int_equal(virInterfaceDestroy(br, 0), 0);
    assert_int_equal(virInterfaceDestroy(br, 0), -1);
    assert_null(virInterfaceLookupByMACString(conn, "aa:bb:cc:dd:ee:ff"));
    assert_error(VIR_ERR_MULTIPLE_INTERFACES, NULL);
    assert_int_equal(virInterfaceUndefine(eth), 0);
    assert_int_equal(virInterfaceUndefine(br), 0);
    assert_int_equal(virConnectNumOfDefinedInterfaces(conn), 0);
    virInterfaceFree(br);
    virInterfaceFree(eth);
}

static void
test_transactions(void **state)
{
    virConnectPtr conn = *state;
    virInterfacePtr iface = virInterfaceLookupByName(conn, "eth1");

    assert_int_equal(virInterfaceChangeCommit(conn, 0), -1);
    assert_error(VIR_ERR_OPERATION_INVALID, "Requested operation is not valid: no transaction "
                 "running, nothing to be committed.");
    assert_int_equal(virInterfaceChangeBegin(conn, 0), 0);
    assert_int_equal(virInterfaceChangeBegin(conn, 0), -1);
    assert_error(VIR_ERR_OPERATION_INVALID, NULL);
    assert_int_equal(virInterfaceUndefine(iface), 0);
    assert_int_equal(virConnectNumOfInterfaces(conn), 0);
    assert_int_equal(virInterfaceChangeRollback(conn, 0), 0);
    /* the restored copy is defined, not running, like libvirt's test driver */
    assert_int_equal(virConnectNumOfInterfaces(conn), 0);
    assert_int_equal(virConnectNumOfDefinedInterfaces(conn), 1);
    assert_int_equal(virInterfaceChangeBegin(conn, 0), 0);
    assert_int_equal(virInterfaceChangeCommit(conn, 0), 0);
    virInterfaceFree(iface);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_defaults, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lifecycle, setup, teardown),
        cmocka_unit_test_setup_teardown(test_transactions, setup, teardown),
    };

    return cmocka_run_group_tests_name("testobj-interface", tests, NULL, NULL);
}
