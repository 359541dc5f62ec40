/* tests/unit/api/test-testdrv-host.c: the fake host of the in-process test
 * driver through the public API: identity, node info, NUMA cells, CPU and
 * memory figures, capabilities, sysinfo, security model, CPU models and
 * baseline, and the sharing of test:///default between connections. */
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
test_identity(void **state)
{
    virConnectPtr conn = *state;
    unsigned long v = 0;
    g_autofree char *uri = virConnectGetURI(conn);
    g_autofree char *host = virConnectGetHostname(conn);

    assert_string_equal(virConnectGetType(conn), "TEST");
    assert_int_equal(virConnectGetVersion(conn, &v), 0);
    assert_int_equal(v, 2);
    assert_int_equal(virConnectGetLibVersion(conn, &v), 0);
    assert_int_equal(v, 9000000);
    assert_string_equal(uri, "test:///default");
    assert_non_null(host);
    assert_int_equal(virConnectIsSecure(conn), 1);
    assert_int_equal(virConnectIsEncrypted(conn), 0);
    assert_int_equal(virConnectIsAlive(conn), 1);
    assert_int_equal(virConnectGetMaxVcpus(conn, NULL), 32);
}

static void
test_node(void **state)
{
    virConnectPtr conn = *state;
    unsigned long long cells[4] = { 0 };
    virNodeCPUStats stats[8];
    unsigned char *map = NULL;
    unsigned int online = 0;
    virSecurityModel sec;
    virNodeInfo info;
    int n = 0;

    assert_int_equal(virNodeGetInfo(conn, &info), 0);
    assert_string_equal(info.model, "i686");
    assert_int_equal(info.memory, 3145728);
    assert_int_equal(info.cpus, 16);
    assert_int_equal(info.mhz, 1400);
    assert_int_equal(info.nodes, 2);
    assert_int_equal(info.sockets, 2);
    assert_int_equal(info.cores, 2);
    assert_int_equal(info.threads, 2);
    assert_int_equal(virNodeGetFreeMemory(conn), 3145728);
    assert_int_equal(virNodeGetCellsFreeMemory(conn, cells, 0, 4), 2);
    assert_int_equal(cells[0], 2097152);
    assert_int_equal(cells[1], 4194304);
    assert_int_equal(virNodeGetCellsFreeMemory(conn, cells, 2, 1), -1);
    assert_int_equal(virGetLastError()->code, VIR_ERR_INVALID_ARG);

    assert_int_equal(virNodeGetCPUStats(conn, VIR_NODE_CPU_STATS_ALL_CPUS, NULL, &n, 0), 0);
    assert_int_equal(n, 4);
    assert_int_equal(virNodeGetCPUStats(conn, VIR_NODE_CPU_STATS_ALL_CPUS, stats, &n, 0), 0);
    assert_string_equal(stats[0].field, VIR_NODE_CPU_STATS_USER);
    assert_int_equal(stats[1].value, 34678723400000ULL);

    assert_int_equal(virNodeGetCPUMap(conn, &map, &online, 0), 8);
    assert_int_equal(map[0], 0x15);
    assert_int_equal(online, 3);
    free(map);

    assert_int_equal(virNodeGetSecurityModel(conn, &sec), 0);
    assert_string_equal(sec.model, "testSecurity");
    assert_string_equal(sec.doi, "");
}

static void
test_capabilities(void **state)
{
    virConnectPtr conn = *state;
    g_autofree char *caps = virConnectGetCapabilities(conn);
    g_autofree char *sysinfo = virConnectGetSysinfo(conn, 0);

    assert_non_null(caps);
    assert_non_null(strstr(caps, "<arch>i686</arch>"));
    assert_non_null(strstr(caps, "<cells num='2'>"));
    assert_non_null(strstr(caps, "<cpu id='15' socket_id='1' die_id='0' core_id='7' "
                                 "siblings='15'/>"));
    assert_non_null(strstr(caps, "<pages unit='KiB' size='8'>524288</pages>"));
    assert_non_null(strstr(caps, "<model>testSecurity</model>"));
    assert_non_null(strstr(caps, "<os_type>xen</os_type>"));
    assert_non_null(strstr(caps, "<emulator>/usr/bin/test-hv</emulator>"));
    assert_non_null(sysinfo);
    assert_non_null(strstr(sysinfo, "<entry name='vendor'>LENOVO</entry>"));
    assert_null(virConnectGetSysinfo(conn, 1));
    assert_int_equal(virGetLastError()->code, VIR_ERR_INVALID_ARG);
}

static void
test_cpu_models(void **state)
{
    virConnectPtr conn = *state;
    const char *h = "<cpu><arch>x86_64</arch><model>Haswell</model><vendor>Intel</vendor></cpu>";
    const char *n = "<cpu><arch>x86_64</arch><model>Nehalem</model><vendor>Intel</vendor></cpu>";
    const char *e = "<cpu><arch>x86_64</arch><model>EPYC</model><vendor>AMD</vendor></cpu>";
    const char *two[2] = { h, n };
    const char *mixed[2] = { h, e };
    g_autofree char *base = NULL;
    char **models = NULL;
    int cnt;

    cnt = virConnectGetCPUModelNames(conn, "x86_64", &models, 0);
    assert_int_equal(cnt, 58);
    assert_string_equal(models[0], "486");
    for (int i = 0; i < cnt; i++)
        free(models[i]);
    free(models);
    assert_int_equal(virConnectGetCPUModelNames(conn, "ppc64", NULL, 0), 7);
    assert_int_equal(virConnectGetCPUModelNames(conn, "aarch64", NULL, 0), 0);
    assert_int_equal(virConnectGetCPUModelNames(conn, "bogus", NULL, 0), -1);

    base = virConnectBaselineCPU(conn, two, 2, 0);
    assert_non_null(base);
    assert_string_equal(base, "<cpu mode='custom' match='exact'>\n"
                              "  <model fallback='allow'>Nehalem</model>\n"
                              "  <vendor>Intel</vendor>\n"
                              "</cpu>\n");
    assert_null(virConnectBaselineCPU(conn, mixed, 2, 0));
    assert_int_equal(virGetLastError()->code, VIR_ERR_OPERATION_FAILED);
}

static void
test_shared_default(void **state)
{
    virConnectPtr conn = *state;
    virConnectPtr other = virConnectOpen("test:///default");
    virDomainPtr dom;

    assert_non_null(other);
    dom = virDomainDefineXML(other, "<domain type='test'><name>shared</name>"
                                    "<memory>1024</memory><os><type>hvm</type></os></domain>");
    assert_non_null(dom);
    virDomainFree(dom);
    assert_int_equal(virConnectClose(other), 0);
    /* the state outlives the connection that changed it */
    dom = virDomainLookupByName(conn, "shared");
    assert_non_null(dom);
    assert_int_equal(virDomainUndefine(dom), 0);
    virDomainFree(dom);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_identity),
        cmocka_unit_test(test_node),
        cmocka_unit_test(test_capabilities),
        cmocka_unit_test(test_cpu_models),
        cmocka_unit_test(test_shared_default),
    };

    return cmocka_run_group_tests_name("testdrv-host", tests, setup, teardown);
}
