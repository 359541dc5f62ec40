/* tests/unit/api/test-testobj-network.c: networks of the in-process test
 * driver through the public API of libvirt.so: the default network, lookups,
 * the define/create/destroy/undefine life cycle and its quirks, list
 * filters, autostart, bridge names, section updates, DHCP leases and network
 * ports. Expected values are libvirt 9.0's test driver's (its network driver's
 * for leases and ports). */
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

#define DEFAULT_UUID "dd8fe884-6c02-601e-7551-cca97df1c5df"
#define PORT_UUID "11111111-2222-3333-4444-5555555555a1"

static const char port_xml[] =
    "<networkport><uuid>" PORT_UUID "</uuid>"
    "<owner><name>vm</name><uuid>11111111-2222-3333-4444-5555555555b1</uuid></owner>"
    "<mac address='52:54:00:11:22:33'/></networkport>";

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

static int
count_listed(virConnectPtr conn, unsigned int flags)
{
    virNetworkPtr *nets = NULL;
    int n = virConnectListAllNetworks(conn, &nets, flags);

    for (int i = 0; i < n; i++)
        virNetworkFree(nets[i]);
    free(nets);
    return n;
}

static void
test_default(void **state)
{
    virConnectPtr conn = *state;
    virNetworkPtr net = virNetworkLookupByName(conn, "default");
    char uuid[VIR_UUID_STRING_BUFLEN];
    g_autofree char *xml = NULL;
    g_autofree char *bridge = NULL;
    int autostart = -1;

    assert_non_null(net);
    assert_int_equal(virNetworkGetUUIDString(net, uuid), 0);
    assert_string_equal(uuid, DEFAULT_UUID);
    xml = virNetworkGetXMLDesc(net, 0);
    assert_string_equal(xml,
                        "<network>\n"
                        "  <name>default</name>\n"
                        "  <uuid>" DEFAULT_UUID "</uuid>\n"
                        "  <forward mode='nat'/>\n"
                        "  <bridge name='virbr0' stp='on' delay='0'/>\n"
                        "  <ip address='192.168.122.1' netmask='255.255.255.0'>\n"
                        "    <dhcp>\n"
                        "      <range start='192.168.122.2' end='192.168.122.254'/>\n"
                        "    </dhcp>\n"
                        "  </ip>\n"
                        "</network>\n");
    bridge = virNetworkGetBridgeName(net);
    assert_string_equal(bridge, "virbr0");
    assert_int_equal(virNetworkIsActive(net), 1);
    assert_int_equal(virNetworkIsPersistent(net), 1);
    assert_int_equal(virNetworkGetAutostart(net, &autostart), 0);
    assert_int_equal(autostart, 0);
    assert_int_equal(virConnectNumOfNetworks(conn), 1);
    assert_int_equal(virConnectNumOfDefinedNetworks(conn), 0);
    assert_null(virNetworkGetXMLDesc(net, VIR_NETWORK_XML_INACTIVE));
    assert_error(VIR_ERR_INVALID_ARG, "unsupported flags (0x1) in function testNetworkGetXMLDesc");
    virNetworkFree(net);
}

static void
test_lookups(void **state)
{
    virConnectPtr conn = *state;
    virNetworkPtr net;

    assert_null(virNetworkLookupByName(conn, "nope"));
    assert_error(VIR_ERR_NO_NETWORK,
                 "Network not found: no network with matching name 'nope'");
    assert_null(virNetworkLookupByUUIDString(conn, "11111111-2222-3333-4444-555555555555"));
    assert_error(VIR_ERR_NO_NETWORK, "Network not found: no network with matching uuid "
                 "'11111111-2222-3333-4444-555555555555'");
    net = virNetworkLookupByUUIDString(conn, DEFAULT_UUID);
    assert_non_null(net);
    assert_string_equal(virNetworkGetName(net), "default");
    assert_int_equal(virNetworkCreate(net), -1);
    assert_error(VIR_ERR_OPERATION_INVALID,
                 "Requested operation is not valid: Network 'default' is already running");
    assert_int_equal(virNetworkUndefine(net), -1);
    assert_error(VIR_ERR_OPERATION_INVALID,
                 "Requested operation is not valid: Network 'default' is still running");
    virNetworkFree(net);
}

static void
test_lifecycle(void **state)
{
    virConnectPtr conn = *state;
    virNetworkPtr net = virNetworkDefineXML(conn, "<network><name>n1</name>"
                                            "<uuid>11111111-2222-3333-4444-555555555501</uuid>"
                                            "<bridge name='vbr1'/></network>");
    virNetworkPtr dup;
    char *names[4] = { 0 };

    assert_non_null(net);
    assert_int_equal(virNetworkIsActive(net), 0);
    assert_int_equal(virNetworkIsPersistent(net), 1);
    assert_int_equal(virConnectListDefinedNetworks(conn, names, 4), 1);
    assert_string_equal(names[0], "n1");
    free(names[0]);
    dup = virNetworkDefineXML(conn, "<network><name>other</name>"
                              "<uuid>11111111-2222-3333-4444-555555555501</uuid></network>");
    assert_null(dup);
    assert_error(VIR_ERR_OPERATION_FAILED, "operation failed: network 'n1' is already "
                 "defined with uuid 11111111-2222-3333-4444-555555555501");
    assert_int_equal(virNetworkCreate(net), 0);
    assert_int_equal(virNetworkIsActive(net), 1);
    assert_int_equal(virNetworkDestroy(net), 0);
    /* libvirt's test driver stops a network that is not running without
     * complaint */
    assert_int_equal(virNetworkDestroy(net), 0);
    assert_int_equal(virNetworkUndefine(net), 0);
    assert_null(virNetworkLookupByName(conn, "n1"));
    virNetworkFree(net);

    net = virNetworkCreateXML(conn, "<network><name>t</name></network>");
    assert_non_null(net);
    assert_int_equal(virNetworkIsPersistent(net), 0);
    assert_null(virNetworkGetBridgeName(net));
    assert_error(VIR_ERR_INTERNAL_ERROR,
                 "internal error: network 't' does not have a bridge name.");
    assert_int_equal(virNetworkDestroy(net), 0);
    assert_int_equal(virNetworkIsActive(net), -1);
    assert_error(VIR_ERR_NO_NETWORK, NULL);
    virNetworkFree(net);
}

static void
test_list_filters(void **state)
{
    virConnectPtr conn = *state;
    virNetworkPtr a = virNetworkDefineXML(conn, "<network><name>a</name></network>");
    virNetworkPtr t = virNetworkCreateXML(conn, "<network><name>t</name></network>");

    assert_int_equal(virNetworkSetAutostart(a, 1), 0);
    assert_int_equal(count_listed(conn, 0), 3);
    assert_int_equal(count_listed(conn, VIR_CONNECT_LIST_NETWORKS_ACTIVE), 2);
    assert_int_equal(count_listed(conn, VIR_CONNECT_LIST_NETWORKS_INACTIVE), 1);
    assert_int_equal(count_listed(conn, VIR_CONNECT_LIST_NETWORKS_TRANSIENT), 1);
    assert_int_equal(count_listed(conn, VIR_CONNECT_LIST_NETWORKS_PERSISTENT), 2);
    assert_int_equal(count_listed(conn, VIR_CONNECT_LIST_NETWORKS_AUTOSTART), 1);
    assert_int_equal(count_listed(conn, VIR_CONNECT_LIST_NETWORKS_NO_AUTOSTART), 2);
    assert_int_equal(count_listed(conn, VIR_CONNECT_LIST_NETWORKS_ACTIVE |
                                  VIR_CONNECT_LIST_NETWORKS_PERSISTENT), 1);
    assert_int_equal(virConnectListAllNetworks(conn, NULL, 1 << 6), -1);
    assert_error(VIR_ERR_INVALID_ARG,
                 "unsupported flags (0x40) in function testConnectListAllNetworks");
    assert_int_equal(virConnectListAllNetworks(conn, NULL, 0), 3);
    virNetworkFree(a);
    virNetworkFree(t);
}

static void
test_update(void **state)
{
    virConnectPtr conn = *state;
    virNetworkPtr net = virNetworkLookupByName(conn, "default");
    const char *host = "<host mac='52:54:00:00:00:01' name='h1' ip='192.168.122.10'/>";
    g_autofree char *xml = NULL;

    assert_int_equal(virNetworkUpdate(net, VIR_NETWORK_UPDATE_COMMAND_ADD_LAST,
                                      VIR_NETWORK_SECTION_IP_DHCP_HOST, -1, host, 0), 0);
    assert_int_equal(virNetworkUpdate(net, VIR_NETWORK_UPDATE_COMMAND_ADD_LAST,
                                      VIR_NETWORK_SECTION_IP_DHCP_HOST, -1, host, 0), -1);
    assert_error(VIR_ERR_OPERATION_INVALID, NULL);
    assert_int_equal(virNetworkUpdate(net, VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST,
                                      VIR_NETWORK_SECTION_DNS_TXT, -1,
                                      "<txt name='t' value='v'/>", 0), 0);
    assert_int_equal(virNetworkUpdate(net, VIR_NETWORK_UPDATE_COMMAND_ADD_LAST,
                                      VIR_NETWORK_SECTION_BRIDGE, -1, "<bridge name='x'/>", 0),
                     -1);
    assert_error(VIR_ERR_OPERATION_UNSUPPORTED, "Operation not supported: can't update "
                 "'bridge' section of network 'default'");
    assert_int_equal(virNetworkUpdate(net, VIR_NETWORK_UPDATE_COMMAND_ADD_LAST,
                                      VIR_NETWORK_SECTION_IP_DHCP_HOST, 3, host, 0), -1);
    assert_error(VIR_ERR_OPERATION_INVALID, NULL);
    xml = virNetworkGetXMLDesc(net, 0);
    assert_non_null(strstr(xml, "      <host mac='52:54:00:00:00:01' name='h1' "
                           "ip='192.168.122.10'/>\n"));
    assert_non_null(strstr(xml, "  <dns>\n    <txt name='t' value='v'/>\n  </dns>\n"));
    assert_int_equal(virNetworkUpdate(net, VIR_NETWORK_UPDATE_COMMAND_DELETE,
                                      VIR_NETWORK_SECTION_IP_DHCP_HOST, -1,
                                      "<host mac='52:54:00:00:00:01'/>", 0), 0);
    virNetworkFree(net);
}

static void
test_leases(void **state)
{
    virConnectPtr conn = *state;
    virNetworkPtr net = virNetworkCreateXML(conn,
                                            "<network><name>l</name><bridge name='vl'/>"
                                            "<ip address='10.5.0.1' prefix='24'><dhcp>"
                                            "<host mac='52:54:00:00:00:01' name='h' "
                                            "ip='10.5.0.10'/></dhcp></ip></network>");
    virNetworkDHCPLeasePtr *leases = NULL;

    assert_non_null(net);
    assert_int_equal(virNetworkGetDHCPLeases(net, NULL, &leases, 0), 1);
    assert_string_equal(leases[0]->iface, "vl");
    assert_string_equal(leases[0]->ipaddr, "10.5.0.10");
    assert_string_equal(leases[0]->hostname, "h");
    assert_int_equal(leases[0]->prefix, 24);
    assert_int_equal(leases[0]->type, VIR_IP_ADDR_TYPE_IPV4);
    virNetworkDHCPLeaseFree(leases[0]);
    free(leases);
    assert_int_equal(virNetworkGetDHCPLeases(net, "aa:aa:aa:aa:aa:aa", NULL, 0), 0);
    virNetworkFree(net);
}

static void
test_ports(void **state)
{
    virConnectPtr conn = *state;
    virNetworkPtr net = virNetworkLookupByName(conn, "default");
    virNetworkPortPtr port = virNetworkPortCreateXML(net, port_xml, 0);
    virNetworkPortPtr *ports = NULL;
    virTypedParameterPtr params = NULL;
    int nparams = 0;
    unsigned int avg = 0;
    virTypedParameter set = { .type = VIR_TYPED_PARAM_UINT, .value.ui = 100 };
    g_autofree char *xml = NULL;

    assert_non_null(port);
    xml = virNetworkPortGetXMLDesc(port, 0);
    assert_non_null(strstr(xml, "<plug type='network' bridge='virbr0'/>"));
    assert_null(virNetworkPortCreateXML(net, port_xml, 0));
    assert_error(VIR_ERR_NETWORK_PORT_EXIST, NULL);
    assert_int_equal(virNetworkListAllPorts(net, &ports, 0), 1);
    virNetworkPortFree(ports[0]);
    free(ports);
    g_strlcpy(set.field, VIR_NETWORK_PORT_BANDWIDTH_IN_AVERAGE, sizeof(set.field));
    assert_int_equal(virNetworkPortSetParameters(port, &set, 1, 0), 0);
    assert_int_equal(virNetworkPortGetParameters(port, &params, &nparams, 0), 0);
    assert_int_equal(nparams, 7);
    assert_int_equal(virTypedParamsGetUInt(params, nparams,
                                           VIR_NETWORK_PORT_BANDWIDTH_IN_AVERAGE, &avg), 1);
    assert_int_equal(avg, 100);
    virTypedParamsFree(params, nparams);
    assert_int_equal(virNetworkPortDelete(port, 0), 0);
    assert_null(virNetworkPortLookupByUUIDString(net, PORT_UUID));
    assert_error(VIR_ERR_NO_NETWORK_PORT, NULL);
    virNetworkPortFree(port);
    virNetworkFree(net);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_default, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lookups, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lifecycle, setup, teardown),
        cmocka_unit_test_setup_teardown(test_list_filters, setup, teardown),
        cmocka_unit_test_setup_teardown(test_update, setup, teardown),
        cmocka_unit_test_setup_teardown(test_leases, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ports, setup, teardown),
    };

    return cmocka_run_group_tests_name("testobj-network", tests, NULL, NULL);
}
