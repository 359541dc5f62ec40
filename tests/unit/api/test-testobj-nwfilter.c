/* tests/unit/api/test-testobj-nwfilter.c: network filters and filter
 * bindings of the in-process test driver through the public API of
 * libvirt.so: define/redefine rules, reference loops, the rule XML libvirt
 * writes back, lookups, undefine and bindings (libvirt's nwfilter driver
 * behaviour). */
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

#define FILTER_UUID "11111111-2222-3333-4444-555555555555"

static const char binding_xml[] =
    "<filterbinding><owner><name>vm</name>"
    "<uuid>d54df46f-1ab5-4a22-8618-4560ef5fac2c</uuid></owner>"
    "<portdev name='vnet9'/><mac address='52:54:00:00:00:01'/>"
    "<filterref filter='f1'><parameter name='IP' value='1.2.3.4'/>"
    "<parameter name='A' value='b'/></filterref></filterbinding>";

static void
test_filters(void **state)
{
    virConnectPtr conn = *state;
    virNWFilterPtr f = virNWFilterDefineXML(conn, "<filter name='f1'><uuid>" FILTER_UUID
                                            "</uuid><rule action='accept' direction='out'>"
                                            "<tcp match='no' srcipaddr='10.0.0.1'/>"
                                            "<tcp srcipmask='255.0.0.0' dstportstart='22'/>"
                                            "</rule></filter>");
    g_autofree char *xml = NULL;

    assert_non_null(f);
    xml = virNWFilterGetXMLDesc(f, 0);
    /* the mask follows its address into match='no'; the port does not */
    assert_string_equal(xml,
                        "<filter name='f1' chain='root'>\n"
                        "  <uuid>" FILTER_UUID "</uuid>\n"
                        "  <rule action='accept' direction='out' priority='500'>\n"
                        "    <tcp match='no' srcipaddr='10.0.0.1' srcipmask='8'/>\n"
                        "    <tcp dstportstart='22'/>\n"
                        "  </rule>\n"
                        "</filter>\n");
    assert_null(virNWFilterDefineXML(conn, "<filter name='f2'><uuid>" FILTER_UUID
                                     "</uuid></filter>"));
    assert_error(VIR_ERR_OPERATION_FAILED, "operation failed: filter with same UUID but "
                 "different name ('f1') already exists");
    assert_null(virNWFilterDefineXML(conn, "<filter name='f1'><uuid>" FILTER_UUID "</uuid>"
                                     "<filterref filter='f1'/></filter>"));
    assert_error(VIR_ERR_OPERATION_FAILED, "operation failed: filter would introduce a loop");
    assert_null(virNWFilterLookupByName(conn, "nope"));
    assert_error(VIR_ERR_NO_NWFILTER,
                 "Network filter not found: no nwfilter with matching name 'nope'");
    assert_int_equal(virConnectNumOfNWFilters(conn), 1);
    assert_int_equal(virNWFilterUndefine(f), 0);
    assert_int_equal(virConnectNumOfNWFilters(conn), 0);
    virNWFilterFree(f);
}

static void
test_bindings(void **state)
{
    virConnectPtr conn = *state;
    virNWFilterBindingPtr b = virNWFilterBindingCreateXML(conn, binding_xml, 0);
    virNWFilterBindingPtr *all = NULL;
    g_autofree char *xml = NULL;

    assert_non_null(b);
    assert_string_equal(virNWFilterBindingGetPortDev(b), "vnet9");
    assert_string_equal(virNWFilterBindingGetFilterName(b), "f1");
    xml = virNWFilterBindingGetXMLDesc(b, 0);
    assert_non_null(strstr(xml, "  <filterref filter='f1'>\n"
                           "    <parameter name='A' value='b'/>\n"
                           "    <parameter name='IP' value='1.2.3.4'/>\n"
                           "  </filterref>\n"));
    assert_null(virNWFilterBindingCreateXML(conn, binding_xml, 0));
    assert_error(VIR_ERR_OPERATION_FAILED, "operation failed: binding 'vnet9' already exists");
    assert_int_equal(virConnectListAllNWFilterBindings(conn, &all, 0), 1);
    virNWFilterBindingFree(all[0]);
    free(all);
    assert_int_equal(virNWFilterBindingDelete(b), 0);
    assert_null(virNWFilterBindingLookupByPortDev(conn, "vnet9"));
    assert_error(VIR_ERR_NO_NWFILTER_BINDING, NULL);
    virNWFilterBindingFree(b);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_filters, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bindings, setup, teardown),
    };

    return cmocka_run_group_tests_name("testobj-nwfilter", tests, NULL, NULL);
}
