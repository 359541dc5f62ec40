/* tests/unit/api/test-testobj-storage.c: storage pools and volumes of the
 * in-process test driver through the public API of libvirt.so: the default
 * pool, pool life cycle and list filters, capacity accounting, volume
 * create/clone/delete/lookups, source discovery, wipe, resize, upload and
 * download streams and the pool capabilities document. */
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

static const char dir_pool[] =
    "<pool type='dir'><name>p1</name><uuid>11111111-2222-3333-4444-555555555501</uuid>"
    "<target><path>/p1</path></target></pool>";

static void
test_default(void **state)
{
    virConnectPtr conn = *state;
    virStoragePoolPtr pool = virStoragePoolLookupByName(conn, "default-pool");
    virStoragePoolInfo info;
    g_autofree char *xml = NULL;

    assert_non_null(pool);
    assert_int_equal(virStoragePoolGetInfo(pool, &info), 0);
    assert_int_equal(info.state, VIR_STORAGE_POOL_RUNNING);
    assert_int_equal(info.capacity, 107374182400ULL);
    assert_int_equal(info.allocation, 0);
    assert_int_equal(info.available, 107374182400ULL);
    xml = virStoragePoolGetXMLDesc(pool, 0);
    assert_string_equal(xml,
                        "<pool type='dir'>\n"
                        "  <name>default-pool</name>\n"
                        "  <uuid>dfe224cb-28fb-8dd0-c4b2-64eb3f0f4566</uuid>\n"
                        "  <capacity unit='bytes'>107374182400</capacity>\n"
                        "  <allocation unit='bytes'>0</allocation>\n"
                        "  <available unit='bytes'>107374182400</available>\n"
                        "  <source>\n"
                        "  </source>\n"
                        "  <target>\n"
                        "    <path>/default-pool</path>\n"
                        "  </target>\n"
                        "</pool>\n");
    assert_int_equal(virStoragePoolNumOfVolumes(pool), 0);
    assert_int_equal(virStoragePoolIsPersistent(pool), 1);
    assert_int_equal(virConnectNumOfStoragePools(conn), 1);
    assert_int_equal(virStoragePoolCreate(pool, 0), -1);
    assert_error(VIR_ERR_OPERATION_INVALID,
                 "Requested operation is not valid: storage pool 'default-pool' is active");
    virStoragePoolFree(pool);
}

static void
test_pool_lifecycle(void **state)
{
    virConnectPtr conn = *state;
    virStoragePoolPtr pool = virStoragePoolDefineXML(conn, dir_pool, 0);
    virStoragePoolPtr *pools = NULL;
    int autostart = -1;

    assert_non_null(pool);
    assert_int_equal(virStoragePoolIsActive(pool), 0);
    assert_int_equal(virStoragePoolNumOfVolumes(pool), -1);
    assert_error(VIR_ERR_OPERATION_INVALID,
                 "Requested operation is not valid: storage pool 'p1' is not active");
    assert_null(virStoragePoolDefineXML(conn, "<pool type='dir'><name>p2</name>"
                                        "<target><path>/p1</path></target></pool>", 0));
    assert_error(VIR_ERR_OPERATION_FAILED,
                 "operation failed: Storage source conflict with pool: 'p1'");
    assert_int_equal(virStoragePoolBuild(pool, 0), 0);
    assert_int_equal(virStoragePoolCreate(pool, 0), 0);
    assert_int_equal(virStoragePoolRefresh(pool, 0), 0);
    assert_int_equal(virStoragePoolSetAutostart(pool, 1), 0);
    assert_int_equal(virStoragePoolGetAutostart(pool, &autostart), 0);
    assert_int_equal(autostart, 1);
    assert_int_equal(virConnectListAllStoragePools(conn, &pools,
                                                   VIR_CONNECT_LIST_STORAGE_POOLS_AUTOSTART),
                     1);
    virStoragePoolFree(pools[0]);
    free(pools);
    assert_int_equal(virConnectListAllStoragePools(conn, NULL,
                                                   VIR_CONNECT_LIST_STORAGE_POOLS_DIR |
                                                   VIR_CONNECT_LIST_STORAGE_POOLS_LOGICAL), 2);
    assert_int_equal(virStoragePoolDestroy(pool), 0);
    assert_int_equal(virStoragePoolDelete(pool, 0), 0);
    assert_int_equal(virStoragePoolUndefine(pool), 0);
    assert_null(virStoragePoolLookupByName(conn, "p1"));
    assert_error(VIR_ERR_NO_STORAGE_POOL,
                 "Storage pool not found: no storage pool with matching name 'p1'");
    virStoragePoolFree(pool);

    pool = virStoragePoolCreateXML(conn, dir_pool, 0);
    assert_non_null(pool);
    assert_int_equal(virStoragePoolIsPersistent(pool), 0);
    assert_int_equal(virStoragePoolSetAutostart(pool, 1), -1);
    assert_error(VIR_ERR_INVALID_ARG, "invalid argument: pool has no config file");
    assert_int_equal(virStoragePoolDestroy(pool), 0);
    assert_int_equal(virStoragePoolIsActive(pool), -1);
    virStoragePoolFree(pool);
}

static void
test_volumes(void **state)
{
    virConnectPtr conn = *state;
    virStoragePoolPtr pool = virStoragePoolLookupByName(conn, "default-pool");
    virStorageVolPtr vol;
    virStorageVolPtr copy;
    virStorageVolPtr found;
    virStorageVolInfo info;
    virStoragePoolInfo pinfo;
    g_autofree char *path = NULL;

    vol = virStorageVolCreateXML(pool, "<volume><name>v1</name><capacity unit='G'>2</capacity>"
                                 "<allocation unit='M'>100</allocation></volume>", 0);
    assert_non_null(vol);
    assert_string_equal(virStorageVolGetKey(vol), "/default-pool/v1");
    path = virStorageVolGetPath(vol);
    assert_string_equal(path, "/default-pool/v1");
    assert_int_equal(virStorageVolGetInfo(vol, &info), 0);
    assert_int_equal(info.type, VIR_STORAGE_VOL_FILE);
    assert_int_equal(info.capacity, 2147483648ULL);
    assert_int_equal(info.allocation, 104857600ULL);
    assert_int_equal(virStoragePoolGetInfo(pool, &pinfo), 0);
    assert_int_equal(pinfo.allocation, 104857600ULL);
    assert_null(virStorageVolCreateXML(pool, "<volume><name>v1</name><capacity>1</capacity>"
                                       "</volume>", 0));
    assert_error(VIR_ERR_OPERATION_FAILED, "operation failed: storage vol already exists");
    assert_null(virStorageVolCreateXML(pool, "<volume><name>big</name>"
                                       "<capacity unit='T'>2</capacity>"
                                       "<allocation unit='T'>2</allocation></volume>", 0));
    assert_error(VIR_ERR_INTERNAL_ERROR,
                 "internal error: Not enough free space in pool for volume 'big'");
    copy = virStorageVolCreateXMLFrom(pool, "<volume><name>v2</name><capacity>1</capacity>"
                                      "</volume>", vol, 0);
    assert_non_null(copy);
    found = virStorageVolLookupByKey(conn, "/default-pool/v2");
    assert_non_null(found);
    assert_string_equal(virStorageVolGetName(found), "v2");
    virStorageVolFree(found);
    assert_null(virStorageVolLookupByPath(conn, "/nope"));
    assert_error(VIR_ERR_NO_STORAGE_VOL, NULL);
    assert_int_equal(virStoragePoolListAllVolumes(pool, NULL, 0), 2);
    assert_int_equal(virStorageVolDelete(vol, 0), 0);
    assert_int_equal(virStoragePoolGetInfo(pool, &pinfo), 0);
    assert_int_equal(pinfo.allocation, 1);
    virStorageVolFree(vol);
    virStorageVolFree(copy);
    virStoragePoolFree(pool);
}

static void
test_wipe_resize(void **state)
{
    virConnectPtr conn = *state;
    virStoragePoolPtr pool = virStoragePoolLookupByName(conn, "default-pool");
    virStorageVolPtr vol = virStorageVolCreateXML(pool, "<volume><name>r</name>"
                                                  "<capacity>1000</capacity>"
                                                  "<allocation>10</allocation></volume>", 0);
    virStorageVolInfo info;

    assert_int_equal(virStorageVolWipe(vol, 0), 0);
    assert_int_equal(virStorageVolWipePattern(vol, VIR_STORAGE_VOL_WIPE_ALG_LAST, 0), -1);
    assert_int_equal(virStorageVolResize(vol, 500, 0), -1);
    assert_error(VIR_ERR_INVALID_ARG, NULL);
    assert_int_equal(virStorageVolResize(vol, 500, VIR_STORAGE_VOL_RESIZE_SHRINK), 0);
    assert_int_equal(virStorageVolResize(vol, 100, VIR_STORAGE_VOL_RESIZE_DELTA |
                                         VIR_STORAGE_VOL_RESIZE_ALLOCATE), 0);
    assert_int_equal(virStorageVolGetInfo(vol, &info), 0);
    assert_int_equal(info.capacity, 600);
    assert_int_equal(info.allocation, 600);
    virStorageVolFree(vol);
    virStoragePoolFree(pool);
}

static void
test_streams(void **state)
{
    virConnectPtr conn = *state;
    virStoragePoolPtr pool = virStoragePoolLookupByName(conn, "default-pool");
    virStorageVolPtr vol = virStorageVolCreateXML(pool, "<volume><name>d</name>"
                                                  "<capacity>16</capacity></volume>", 0);
    virStreamPtr st = virStreamNew(conn, 0);
    char buf[32] = { 0 };
    int n;

    assert_int_equal(virStorageVolUpload(vol, st, 2, 0, 0), 0);
    assert_int_equal(virStreamSend(st, "hello", 5), 5);
    assert_int_equal(virStreamFinish(st), 0);
    virStreamFree(st);
    st = virStreamNew(conn, 0);
    assert_int_equal(virStorageVolDownload(vol, st, 0, 0, 0), 0);
    n = virStreamRecv(st, buf, sizeof(buf));
    assert_int_equal(n, 16);
    assert_memory_equal(buf, "\0\0hello\0\0\0\0\0\0\0\0\0", 16);
    assert_int_equal(virStreamRecv(st, buf, sizeof(buf)), 0);
    assert_int_equal(virStreamFinish(st), 0);
    virStreamFree(st);
    virStorageVolFree(vol);
    virStoragePoolFree(pool);
}

static void
test_sources_and_caps(void **state)
{
    virConnectPtr conn = *state;
    g_autofree char *logical = virConnectFindStoragePoolSources(conn, "logical", NULL, 0);
    g_autofree char *netfs = virConnectFindStoragePoolSources(conn, "netfs",
                                                              "<source><host name='h1'/>"
                                                              "</source>", 0);
    g_autofree char *caps = virConnectGetStoragePoolCapabilities(conn, 0);
    virStoragePoolPtr pool;

    assert_non_null(strstr(logical, "<name>testvg1</name>"));
    assert_non_null(strstr(netfs, "<host name='h1'/>"));
    assert_null(virConnectFindStoragePoolSources(conn, "netfs", NULL, 0));
    assert_error(VIR_ERR_INVALID_ARG, NULL);
    assert_null(virConnectFindStoragePoolSources(conn, "dir", NULL, 0));
    assert_error(VIR_ERR_INTERNAL_ERROR, "internal error: unknown storage pool type dir");
    assert_non_null(strstr(caps, "<pool type='iscsi' supported='yes'>\n  </pool>"));
    pool = virStoragePoolLookupByTargetPath(conn, "/default-pool/");
    assert_non_null(pool);
    virStoragePoolFree(pool);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_default, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pool_lifecycle, setup, teardown),
        cmocka_unit_test_setup_teardown(test_volumes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wipe_resize, setup, teardown),
        cmocka_unit_test_setup_teardown(test_streams, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sources_and_caps, setup, teardown),
    };

    return cmocka_run_group_tests_name("testobj-storage", tests, NULL, NULL);
}
