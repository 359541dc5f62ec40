/* tests/unit/api/test-testobj-nodedev.c: node devices of the in-process
 * test driver through the public API of libvirt.so: the default devices,
 * capability filters and counts, parents, vHBA creation and removal as
 * libvirt's test driver mocks them, lookup by WWN and mediated devices. */
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

static const char vhba_xml[] =
    "<device><parent>scsi_host1</parent><capability type='scsi_host'>"
    "<capability type='fc_host'><wwnn>2000000012345678</wwnn><wwpn>1000000012345678</wwpn>"
    "</capability></capability></device>";

static int
count_listed(virConnectPtr conn, unsigned int flags)
{
    virNodeDevicePtr *devs = NULL;
    int n = virConnectListAllNodeDevices(conn, &devs, flags);

    for (int i = 0; i < n; i++)
        virNodeDeviceFree(devs[i]);
    free(devs);
    return n;
}

static void
test_defaults(void **state)
{
    virConnectPtr conn = *state;
    virNodeDevicePtr dev = virNodeDeviceLookupByName(conn, "scsi_host11");
    char *caps[4] = { 0 };
    g_autofree char *xml = NULL;

    assert_int_equal(virNodeNumOfDevices(conn, NULL, 0), 4);
    assert_int_equal(virNodeNumOfDevices(conn, "scsi_host", 0), 3);
    assert_int_equal(virNodeNumOfDevices(conn, "fc_host", 0), 3);
    assert_int_equal(virNodeNumOfDevices(conn, "vports", 0), 2);
    assert_int_equal(virNodeNumOfDevices(conn, "bogus", 0), 0);
    assert_non_null(dev);
    assert_string_equal(virNodeDeviceGetParent(dev), "scsi_host1");
    assert_int_equal(virNodeDeviceNumOfCaps(dev), 1);
    assert_int_equal(virNodeDeviceListCaps(dev, caps, 4), 1);
    assert_string_equal(caps[0], "scsi_host");
    free(caps[0]);
    xml = virNodeDeviceGetXMLDesc(dev, 0);
    assert_non_null(strstr(xml, "      <wwnn>2000000034563456</wwnn>\n"));
    virNodeDeviceFree(dev);
    assert_null(virNodeDeviceLookupByName(conn, "nope"));
    assert_error(VIR_ERR_NO_NODE_DEVICE,
                 "Node device not found: no node device with matching name 'nope'");
}

static void
test_filters(void **state)
{
    virConnectPtr conn = *state;

    assert_int_equal(count_listed(conn, 0), 4);
    assert_int_equal(count_listed(conn, VIR_CONNECT_LIST_NODE_DEVICES_CAP_SYSTEM), 1);
    assert_int_equal(count_listed(conn, VIR_CONNECT_LIST_NODE_DEVICES_CAP_FC_HOST), 3);
    assert_int_equal(count_listed(conn, VIR_CONNECT_LIST_NODE_DEVICES_CAP_VPORTS), 2);
    assert_int_equal(count_listed(conn, VIR_CONNECT_LIST_NODE_DEVICES_CAP_NET), 0);
    assert_int_equal(count_listed(conn, VIR_CONNECT_LIST_NODE_DEVICES_ACTIVE), 4);
    assert_int_equal(count_listed(conn, VIR_CONNECT_LIST_NODE_DEVICES_INACTIVE), 0);
}

static void
test_vhba(void **state)
{
    virConnectPtr conn = *state;
    virNodeDevicePtr dev = virNodeDeviceCreateXML(conn, vhba_xml, 0);
    virNodeDevicePtr found;
    g_autofree char *xml = NULL;

    assert_non_null(dev);
    assert_string_equal(virNodeDeviceGetName(dev), "scsi_host12");
    xml = virNodeDeviceGetXMLDesc(dev, 0);
    /* a copy of scsi_host11 with the requested names */
    assert_non_null(strstr(xml, "<host>11</host>"));
    assert_non_null(strstr(xml, "<wwnn>2000000012345678</wwnn>"));
    found = virNodeDeviceLookupSCSIHostByWWN(conn, "2000000012345678", "1000000012345678", 0);
    assert_non_null(found);
    assert_string_equal(virNodeDeviceGetName(found), "scsi_host12");
    virNodeDeviceFree(found);
    assert_int_equal(virNodeDeviceDestroy(dev), 0);
    assert_int_equal(virNodeDeviceDestroy(dev), -1);
    assert_error(VIR_ERR_NO_NODE_DEVICE, NULL);
    virNodeDeviceFree(dev);
    assert_null(virNodeDeviceCreateXML(conn, "<device><parent>computer</parent>"
                                       "<capability type='scsi_host'>"
                                       "<capability type='fc_host'><wwnn>1</wwnn><wwpn>2</wwpn>"
                                       "</capability></capability></device>", 0));
    assert_error(VIR_ERR_INTERNAL_ERROR, "internal error: Parent device computer is not "
                 "capable of vport operations");
    /* libvirt's test driver quietly leaves other devices alone */
    dev = virNodeDeviceLookupByName(conn, "computer");
    assert_int_equal(virNodeDeviceDestroy(dev), 0);
    assert_null(virNodeDeviceGetParent(dev));
    virNodeDeviceFree(dev);
}

static void
test_mdev(void **state)
{
    virConnectPtr conn = *state;
    virNodeDevicePtr dev = virNodeDeviceDefineXML(conn, "<device><parent>computer</parent>"
                                                  "<capability type='mdev'>"
                                                  "<type id='nvidia-11'/>"
                                                  "<uuid>d069d019-36ea-4111-8f0a-8c9a70e21366"
                                                  "</uuid></capability></device>", 0);
    int autostart = -1;

    assert_non_null(dev);
    assert_string_equal(virNodeDeviceGetName(dev),
                        "mdev_d069d019_36ea_4111_8f0a_8c9a70e21366_computer");
    assert_int_equal(virNodeDeviceIsActive(dev), 0);
    assert_int_equal(virNodeDeviceIsPersistent(dev), 1);
    assert_int_equal(virNodeDeviceSetAutostart(dev, 1), 0);
    assert_int_equal(virNodeDeviceGetAutostart(dev, &autostart), 0);
    assert_int_equal(autostart, 1);
    assert_int_equal(virNodeDeviceCreate(dev, 0), 0);
    assert_int_equal(virNodeDeviceCreate(dev, 0), -1);
    assert_error(VIR_ERR_OPERATION_INVALID, NULL);
    assert_int_equal(virNodeDeviceDestroy(dev), 0);
    assert_int_equal(virNodeDeviceIsActive(dev), 0);
    assert_int_equal(virNodeDeviceUndefine(dev, 0), 0);
    assert_int_equal(virNodeDeviceIsActive(dev), -1);
    virNodeDeviceFree(dev);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_defaults, setup, teardown),
        cmocka_unit_test_setup_teardown(test_filters, setup, teardown),
        cmocka_unit_test_setup_teardown(test_vhba, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mdev, setup, teardown),
    };

    return cmocka_run_group_tests_name("testobj-nodedev", tests, NULL, NULL);
}
