/* tests/unit/api/test-testdrv-domain.c: domains of the in-process test
 * driver through the public API of libvirt.so: the default domain,
 * lookups, define/undefine, the lifecycle and its states, every list
 * filter, XML, save/restore, managed save, vCPUs, memory, metadata,
 * autostart, device hot-plug, host files and read-only connections. The
 * expected values are those of libvirt 9.0's test driver. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#define DEFAULT_UUID "6695eb01-f6a4-8304-79aa-97f2502e193f"

static const char new_xml[] =
    "<domain type='test'>"
    "  <name>%s</name>"
    "  <memory>1048576</memory>"
    "  <vcpu>4</vcpu>"
    "  <os><type>hvm</type></os>"
    "  <devices>"
    "    <disk type='file' device='disk'>"
    "      <source file='/guest/x.img'/><target dev='vda' bus='virtio'/>"
    "    </disk>"
    "    <interface type='network'><source network='default'/></interface>"
    "  </devices>"
    "</domain>";

static void
quiet(void *data, virErrorPtr err)
{
}

static int
setup(void **state)
{
    virConnectPtr conn;

    virSetErrorFunc(NULL, quiet);
    conn = virConnectOpen("test:///default");
    if (!conn)
        return -1;
    *state = conn;
    return 0;
}

static int
teardown(void **state)
{
    return virConnectClose(*state) < 0 ? -1 : 0;
}

static virDomainPtr
define(virConnectPtr conn, const char *name)
{
    g_autofree char *xml = g_strdup_printf(new_xml, name);
    virDomainPtr dom = virDomainDefineXML(conn, xml);

    assert_non_null(dom);
    return dom;
}

static int
state_of(virDomainPtr dom, int *reason)
{
    int st = -1;

    assert_int_equal(virDomainGetState(dom, &st, reason, 0), 0);
    return st;
}

static void
assert_last_error(int code)
{
    virErrorPtr e = virGetLastError();

    assert_non_null(e);
    assert_int_equal(e->code, code);
}

static int
count_flagged(virConnectPtr conn, unsigned int flags, const char *name)
{
    virDomainPtr *doms = NULL;
    int n = virConnectListAllDomains(conn, &doms, flags);
    int found = 0;

    assert_true(n >= 0);
    for (int i = 0; i < n; i++) {
        found += strcmp(virDomainGetName(doms[i]), name) == 0;
        virDomainFree(doms[i]);
    }
    free(doms);
    return found;
}

/* ---- tests --------------------------------------------------------------- */

static void
test_default_domain(void **state)
{
    virConnectPtr conn = *state;
    virDomainPtr dom = virDomainLookupByName(conn, "test");
    char uuid[VIR_UUID_STRING_BUFLEN];
    virDomainInfo info;
    g_autofree char *xml = NULL;
    int reason;

    assert_non_null(dom);
    assert_int_equal(virDomainGetID(dom), 1);
    assert_int_equal(virDomainGetUUIDString(dom, uuid), 0);
    assert_string_equal(uuid, DEFAULT_UUID);
    assert_int_equal(virDomainGetInfo(dom, &info), 0);
    assert_int_equal(info.state, VIR_DOMAIN_RUNNING);
    assert_int_equal(info.maxMem, 8388608);
    assert_int_equal(info.memory, 2097152);
    assert_int_equal(info.nrVirtCpu, 2);
    assert_int_equal(state_of(dom, &reason), VIR_DOMAIN_RUNNING);
    assert_int_equal(reason, 0);
    assert_int_equal(virDomainIsActive(dom), 1);
    assert_int_equal(virDomainIsPersistent(dom), 1);
    xml = virDomainGetXMLDesc(dom, 0);
    assert_non_null(xml);
    assert_non_null(strstr(xml, "<domain type='test' id='1'>"));
    assert_non_null(strstr(xml, "<type arch='i686'>hvm</type>"));
    assert_non_null(strstr(xml, "<target dev='testnet0'/>"));
    g_free(xml);
    xml = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE);
    assert_non_null(strstr(xml, "<domain type='test'>"));
    assert_int_equal(virConnectNumOfDomains(conn), 1);
    assert_int_equal(virConnectNumOfDefinedDomains(conn), 0);
    virDomainFree(dom);
}

static void
test_lookups(void **state)
{
    virConnectPtr conn = *state;
    unsigned char raw[VIR_UUID_BUFLEN];
    virDomainPtr dom;
    int ids[4];

    dom = virDomainLookupByID(conn, 1);
    assert_non_null(dom);
    assert_string_equal(virDomainGetName(dom), "test");
    virDomainGetUUID(dom, raw);
    virDomainFree(dom);
    dom = virDomainLookupByUUID(conn, raw);
    assert_non_null(dom);
    virDomainFree(dom);
    assert_null(virDomainLookupByName(conn, "nope"));
    assert_last_error(VIR_ERR_NO_DOMAIN);
    assert_string_equal(virGetLastErrorMessage(), "Domain not found");
    assert_null(virDomainLookupByID(conn, 99));
    assert_last_error(VIR_ERR_NO_DOMAIN);
    assert_null(virDomainLookupByUUIDString(conn, "6695eb01-f6a4-8304-79aa-97f2502e1930"));
    assert_int_equal(virConnectListDomains(conn, ids, 4), 1);
    assert_int_equal(ids[0], 1);
}

static void
test_define_lifecycle(void **state)
{
    virConnectPtr conn = *state;
    virDomainPtr dom = define(conn, "life");
    int reason;

    assert_int_equal(virDomainGetID(dom), (unsigned int) -1);
    assert_int_equal(state_of(dom, &reason), VIR_DOMAIN_SHUTOFF);
    assert_int_equal(virConnectNumOfDefinedDomains(conn), 1);

    assert_int_equal(virDomainCreate(dom), 0);
    assert_true(virDomainGetID(dom) > 1);
    assert_int_equal(state_of(dom, &reason), VIR_DOMAIN_RUNNING);
    assert_int_equal(reason, VIR_DOMAIN_RUNNING_BOOTED);
    assert_int_equal(virDomainCreate(dom), -1);
    assert_last_error(VIR_ERR_INTERNAL_ERROR);
    assert_string_equal(virGetLastErrorMessage(),
                        "internal error: Domain 'life' is already running");

    assert_int_equal(virDomainSuspend(dom), 0);
    assert_int_equal(state_of(dom, &reason), VIR_DOMAIN_PAUSED);
    assert_int_equal(reason, VIR_DOMAIN_PAUSED_USER);
    assert_int_equal(virDomainSuspend(dom), -1);
    assert_int_equal(virDomainResume(dom), 0);
    assert_int_equal(state_of(dom, &reason), VIR_DOMAIN_RUNNING);
    assert_int_equal(reason, VIR_DOMAIN_RUNNING_UNPAUSED);
    assert_int_equal(virDomainResume(dom), -1);

    /* on_reboot=restart keeps it running, on_poweroff=destroy stops it */
    assert_int_equal(virDomainReboot(dom, 0), 0);
    assert_int_equal(state_of(dom, &reason), VIR_DOMAIN_RUNNING);
    assert_int_equal(virDomainReset(dom, 0), 0);
    assert_int_equal(virDomainShutdown(dom), 0);
    assert_int_equal(state_of(dom, &reason), VIR_DOMAIN_SHUTOFF);
    assert_int_equal(reason, VIR_DOMAIN_SHUTOFF_SHUTDOWN);
    assert_int_equal(virDomainShutdown(dom), -1);
    assert_int_equal(virDomainReboot(dom, 0), -1);
    assert_last_error(VIR_ERR_OPERATION_INVALID);

    assert_int_equal(virDomainCreate(dom), 0);
    assert_int_equal(virDomainDestroy(dom), 0);
    assert_int_equal(state_of(dom, &reason), VIR_DOMAIN_SHUTOFF);
    assert_int_equal(reason, VIR_DOMAIN_SHUTOFF_DESTROYED);
    assert_int_equal(virDomainDestroy(dom), -1);
    assert_string_equal(virGetLastErrorMessage(),
                        "Requested operation is not valid: domain is not running");

    assert_int_equal(virDomainUndefine(dom), 0);
    assert_int_equal(virDomainGetInfo(dom, &(virDomainInfo) { 0 }), -1);
    assert_last_error(VIR_ERR_NO_DOMAIN);
    virDomainFree(dom);
}

static void
test_define_conflicts(void **state)
{
    virConnectPtr conn = *state;
    virDomainPtr dom = virDomainLookupByName(conn, "test");
    g_autofree char *xml = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE);
    g_autofree char *renamed = NULL;
    char *p;

    renamed = g_strdup(xml);
    p = strstr(renamed, "<name>test</name>");
    memcpy(p, "<name>tezt</name>", strlen("<name>tezt</name>"));
    assert_null(virDomainDefineXML(conn, renamed));
    assert_last_error(VIR_ERR_OPERATION_FAILED);
    assert_null(virDomainCreateXML(conn, xml, 0));
    assert_last_error(VIR_ERR_OPERATION_INVALID);
    assert_null(virDomainDefineXMLFlags(conn, xml, 1u << 20));
    assert_last_error(VIR_ERR_INVALID_ARG);
    virDomainFree(dom);
}

static void
test_transient(void **state)
{
    virConnectPtr conn = *state;
    g_autofree char *xml = g_strdup_printf(new_xml, "temp");
    virDomainPtr dom = virDomainCreateXML(conn, xml, 0);

    assert_non_null(dom);
    assert_int_equal(virDomainIsPersistent(dom), 0);
    assert_int_equal(virDomainManagedSave(dom, 0), -1);
    assert_last_error(VIR_ERR_OPERATION_INVALID);
    assert_int_equal(count_flagged(conn, VIR_CONNECT_LIST_DOMAINS_TRANSIENT, "temp"), 1);
    assert_int_equal(virDomainDestroy(dom), 0);
    assert_null(virDomainLookupByName(conn, "temp"));
    virDomainFree(dom);
}

static void
test_list_filters(void **state)
{
    virConnectPtr conn = *state;
    virDomainPtr off = define(conn, "filt-off");
    virDomainPtr paused = define(conn, "filt-paused");
    virDomainPtr saved = define(conn, "filt-saved");
    virDomainPtr *doms = NULL;

    assert_int_equal(virDomainCreate(paused), 0);
    assert_int_equal(virDomainSuspend(paused), 0);
    assert_int_equal(virDomainCreate(saved), 0);
    assert_int_equal(virDomainManagedSave(saved, 0), 0);
    assert_int_equal(virDomainSetAutostart(off, 1), 0);

    assert_int_equal(count_flagged(conn, VIR_CONNECT_LIST_DOMAINS_INACTIVE, "filt-off"), 1);
    assert_int_equal(count_flagged(conn, VIR_CONNECT_LIST_DOMAINS_ACTIVE, "filt-off"), 0);
    assert_int_equal(count_flagged(conn, VIR_CONNECT_LIST_DOMAINS_PAUSED, "filt-paused"), 1);
    assert_int_equal(count_flagged(conn, VIR_CONNECT_LIST_DOMAINS_RUNNING, "filt-paused"), 0);
    assert_int_equal(count_flagged(conn, VIR_CONNECT_LIST_DOMAINS_SHUTOFF, "filt-saved"), 1);
    assert_int_equal(count_flagged(conn, VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE, "filt-saved"), 1);
    assert_int_equal(count_flagged(conn, VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE,
                                   "filt-saved"), 0);
    assert_int_equal(count_flagged(conn, VIR_CONNECT_LIST_DOMAINS_AUTOSTART, "filt-off"), 1);
    assert_int_equal(count_flagged(conn, VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART, "filt-off"), 0);
    assert_int_equal(count_flagged(conn, VIR_CONNECT_LIST_DOMAINS_PERSISTENT, "filt-off"), 1);
    assert_int_equal(count_flagged(conn, VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT, "filt-off"), 1);
    assert_int_equal(count_flagged(conn, VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT, "filt-off"), 0);
    assert_int_equal(count_flagged(conn, VIR_CONNECT_LIST_DOMAINS_OTHER, "filt-paused"), 0);
    assert_int_equal(count_flagged(conn, VIR_CONNECT_LIST_DOMAINS_RUNNING |
                                   VIR_CONNECT_LIST_DOMAINS_PAUSED, "filt-paused"), 1);
    assert_int_equal(virConnectListAllDomains(conn, NULL, 0), 4);
    assert_int_equal(virConnectListAllDomains(conn, &doms, 1u << 20), -1);
    assert_last_error(VIR_ERR_INVALID_ARG);

    assert_int_equal(virDomainUndefine(saved), -1);   /* managed save image */
    assert_int_equal(virDomainUndefineFlags(saved, VIR_DOMAIN_UNDEFINE_MANAGED_SAVE), 0);
    assert_int_equal(virDomainDestroy(paused), 0);
    assert_int_equal(virDomainUndefine(paused), 0);
    assert_int_equal(virDomainUndefine(off), 0);
    virDomainFree(off);
    virDomainFree(paused);
    virDomainFree(saved);
}

static void
test_save_restore(void **state)
{
    virConnectPtr conn = *state;
    g_autofree char *dir = g_dir_make_tmp("testdrv-XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, "save", NULL);
    g_autofree char *core = g_build_filename(dir, "core", NULL);
    virDomainPtr dom = define(conn, "saver");
    g_autofree char *xml = NULL;
    int reason;

    assert_int_equal(virDomainSave(dom, path), -1);    /* not running */
    assert_int_equal(virDomainCreate(dom), 0);
    assert_int_equal(virDomainSave(dom, path), 0);
    assert_int_equal(state_of(dom, &reason), VIR_DOMAIN_SHUTOFF);
    assert_int_equal(reason, VIR_DOMAIN_SHUTOFF_SAVED);
    xml = virDomainSaveImageGetXMLDesc(conn, path, 0);
    assert_non_null(xml);
    assert_non_null(strstr(xml, "<name>saver</name>"));
    assert_int_equal(virDomainRestore(conn, path), 0);
    assert_int_equal(state_of(dom, &reason), VIR_DOMAIN_RUNNING);
    assert_int_equal(reason, VIR_DOMAIN_RUNNING_RESTORED);
    assert_int_equal(virDomainRestore(conn, path), -1);   /* already active */
    assert_int_equal(virDomainRestore(conn, "/nonexistent/save"), -1);
    assert_last_error(VIR_ERR_SYSTEM_ERROR);

    assert_int_equal(virDomainCoreDump(dom, core, 0), 0);
    assert_int_equal(state_of(dom, NULL), VIR_DOMAIN_RUNNING);
    assert_int_equal(virDomainCoreDump(dom, core, VIR_DUMP_CRASH), 0);
    assert_int_equal(state_of(dom, &reason), VIR_DOMAIN_SHUTOFF);
    assert_int_equal(reason, VIR_DOMAIN_SHUTOFF_CRASHED);

    assert_int_equal(virDomainCreate(dom), 0);
    assert_int_equal(virDomainManagedSave(dom, 0), 0);
    assert_int_equal(virDomainHasManagedSaveImage(dom, 0), 1);
    assert_int_equal(virDomainCreate(dom), 0);
    assert_int_equal(virDomainHasManagedSaveImage(dom, 0), 0);
    assert_int_equal(virDomainDestroy(dom), 0);
    assert_int_equal(virDomainUndefine(dom), 0);
    virDomainFree(dom);
    g_unlink(path);
    g_unlink(core);
    g_rmdir(dir);
}

static void
test_vcpus_memory(void **state)
{
    virConnectPtr conn = *state;
    virDomainPtr dom = define(conn, "res");
    virVcpuInfo info[8];
    unsigned char maps[8 * 2];

    assert_int_equal(virDomainCreate(dom), 0);
    assert_int_equal(virDomainGetVcpusFlags(dom, VIR_DOMAIN_VCPU_MAXIMUM), 4);
    assert_int_equal(virDomainSetVcpus(dom, 40), -1);
    assert_string_equal(virGetLastErrorMessage(), "invalid argument: requested cpu amount "
                        "exceeds maximum supported amount (40 > 32)");
    assert_int_equal(virDomainSetVcpus(dom, 5), -1);
    assert_int_equal(virDomainSetVcpus(dom, 2), 0);
    assert_int_equal(virDomainGetVcpusFlags(dom, VIR_DOMAIN_AFFECT_LIVE), 2);
    assert_int_equal(virDomainGetVcpusFlags(dom, VIR_DOMAIN_AFFECT_CONFIG), 4);
    assert_int_equal(virDomainGetVcpus(dom, info, 8, maps, 2), 2);
    assert_int_equal(info[1].number, 1);
    assert_int_equal(info[1].cpu, 15);
    assert_int_equal(maps[0], 0xff);
    assert_int_equal(virDomainPinVcpu(dom, 0, (unsigned char[]) { 0x05 }, 1), 0);
    assert_int_equal(virDomainGetVcpus(dom, info, 8, maps, 2), 2);
    assert_int_equal(maps[0], 0x05);
    assert_int_equal(info[0].cpu, 2);
    assert_int_equal(virDomainPinVcpu(dom, 7, (unsigned char[]) { 0x01 }, 1), -1);

    assert_int_equal(virDomainSetMemory(dom, 99999999), -1);
    assert_last_error(VIR_ERR_INVALID_ARG);
    assert_int_equal(virDomainSetMemory(dom, 524288), 0);
    assert_int_equal(virDomainSetMaxMemory(dom, 2097152), -1);
    assert_last_error(VIR_ERR_OPERATION_INVALID);
    assert_int_equal(virDomainSetMemoryFlags(dom, 2097152, VIR_DOMAIN_AFFECT_CONFIG |
                                             VIR_DOMAIN_MEM_MAXIMUM), 0);
    assert_int_equal(virDomainGetMaxMemory(dom), 1048576);
    assert_int_equal(virDomainDestroy(dom), 0);
    assert_int_equal(virDomainGetMaxMemory(dom), 2097152);
    assert_int_equal(virDomainGetVcpusFlags(dom, 0), 4);
    assert_int_equal(virDomainUndefine(dom), 0);
    virDomainFree(dom);
}

static void
test_metadata_autostart(void **state)
{
    virConnectPtr conn = *state;
    virDomainPtr dom = define(conn, "meta");
    g_autofree char *got = NULL;
    g_autofree char *xml = NULL;
    int autostart = -1;

    assert_int_equal(virDomainSetMetadata(dom, VIR_DOMAIN_METADATA_ELEMENT, "<foo>bar</foo>",
                                          "app", "http://example.org/", 0), 0);
    got = virDomainGetMetadata(dom, VIR_DOMAIN_METADATA_ELEMENT, "http://example.org/", 0);
    assert_string_equal(got, "<foo>bar</foo>");
    xml = virDomainGetXMLDesc(dom, 0);
    assert_non_null(strstr(xml, "<app:foo xmlns:app=\"http://example.org/\">bar</app:foo>"));
    assert_int_equal(virDomainSetMetadata(dom, VIR_DOMAIN_METADATA_TITLE, "T", NULL, NULL, 0),
                     0);
    g_free(got);
    got = virDomainGetMetadata(dom, VIR_DOMAIN_METADATA_TITLE, NULL, 0);
    assert_string_equal(got, "T");
    assert_null(virDomainGetMetadata(dom, VIR_DOMAIN_METADATA_DESCRIPTION, NULL, 0));
    assert_last_error(VIR_ERR_NO_DOMAIN_METADATA);

    assert_int_equal(virDomainGetAutostart(dom, &autostart), 0);
    assert_int_equal(autostart, 0);
    assert_int_equal(virDomainSetAutostart(dom, 1), 0);
    assert_int_equal(virDomainGetAutostart(dom, &autostart), 0);
    assert_int_equal(autostart, 1);
    assert_int_equal(virDomainUndefine(dom), 0);
    virDomainFree(dom);
}

static void
test_devices(void **state)
{
    virConnectPtr conn = *state;
    virDomainPtr dom = define(conn, "dev");
    const char *disk = "<disk type='file' device='disk'><source file='/x.img'/>"
                       "<target dev='vdb' bus='virtio'/></disk>";
    g_autofree char *xml = NULL;

    assert_int_equal(virDomainAttachDevice(dom, disk), -1);      /* not running: LIVE */
    assert_int_equal(virDomainAttachDeviceFlags(dom, disk, VIR_DOMAIN_AFFECT_CONFIG), 0);
    xml = virDomainGetXMLDesc(dom, 0);
    assert_non_null(strstr(xml, "<target dev='vdb' bus='virtio'/>"));
    assert_int_equal(virDomainAttachDeviceFlags(dom, disk, VIR_DOMAIN_AFFECT_CONFIG), -1);
    assert_int_equal(virDomainDetachDeviceFlags(dom, disk, VIR_DOMAIN_AFFECT_CONFIG), 0);
    assert_int_equal(virDomainDetachDeviceFlags(dom, disk, VIR_DOMAIN_AFFECT_CONFIG), -1);
    assert_last_error(VIR_ERR_DEVICE_MISSING);
    assert_int_equal(virDomainUndefine(dom), 0);
    virDomainFree(dom);
}

static void
test_host_file(void **state)
{
    g_autofree char *dir = g_dir_make_tmp("testdrv-XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, "host.xml", NULL);
    g_autofree char *uri = g_strdup_printf("test://%s", path);
    const char *text =
        "<node><cpu><nodes>1</nodes><sockets>1</sockets><cores>4</cores>"
        "<threads>1</threads><mhz>2000</mhz></cpu><memory>4096</memory>"
        "<domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>"
        "<name>paused</name><memory>1024</memory><os><type>hvm</type></os>"
        "<test:runstate>3</test:runstate></domain>"
        "<domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>"
        "<name>off</name><memory>1024</memory><os><type>hvm</type></os>"
        "<test:runstate>5</test:runstate></domain></node>";
    virConnectPtr a;
    virConnectPtr b;
    virDomainPtr dom;
    virNodeInfo info;

    assert_true(g_file_set_contents(path, text, -1, NULL));
    a = virConnectOpen(uri);
    b = virConnectOpen(uri);
    assert_non_null(a);
    assert_non_null(b);
    assert_int_equal(virNodeGetInfo(a, &info), 0);
    assert_int_equal(info.cpus, 4);
    assert_int_equal(info.mhz, 2000);
    assert_int_equal(info.memory, 4096);
    dom = virDomainLookupByName(a, "paused");
    assert_non_null(dom);
    assert_int_equal(state_of(dom, NULL), VIR_DOMAIN_PAUSED);
    assert_int_equal(virDomainGetID(dom), 1);
    virDomainFree(dom);
    /* each open of a host file has its own state */
    dom = virDomainLookupByName(a, "off");
    assert_int_equal(virDomainCreate(dom), 0);
    virDomainFree(dom);
    dom = virDomainLookupByName(b, "off");
    assert_int_equal(state_of(dom, NULL), VIR_DOMAIN_SHUTOFF);
    virDomainFree(dom);
    virConnectClose(a);
    virConnectClose(b);

    assert_null(virConnectOpen("test:///"));
    assert_last_error(VIR_ERR_INVALID_ARG);
    assert_null(virConnectOpen("test:///nonexistent/host.xml"));
    assert_last_error(VIR_ERR_XML_ERROR);
    g_unlink(path);
    g_rmdir(dir);
}

static void
test_read_only(void **state)
{
    virConnectPtr ro = virConnectOpenReadOnly("test:///default");
    virDomainPtr dom;
    virDomainInfo info;

    assert_non_null(ro);
    dom = virDomainLookupByName(ro, "test");
    assert_non_null(dom);
    assert_int_equal(virDomainGetInfo(dom, &info), 0);
    assert_int_equal(virDomainDestroy(dom), -1);
    assert_last_error(VIR_ERR_OPERATION_DENIED);
    assert_int_equal(virDomainIsActive(dom), 1);
    virDomainFree(dom);
    virConnectClose(ro);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_domain),
        cmocka_unit_test(test_lookups),
        cmocka_unit_test(test_define_lifecycle),
        cmocka_unit_test(test_define_conflicts),
        cmocka_unit_test(test_transient),
        cmocka_unit_test(test_list_filters),
        cmocka_unit_test(test_save_restore),
        cmocka_unit_test(test_vcpus_memory),
        cmocka_unit_test(test_metadata_autostart),
        cmocka_unit_test(test_devices),
        cmocka_unit_test(test_host_file),
        cmocka_unit_test(test_read_only),
    };

    return cmocka_run_group_tests_name("testdrv-domain", tests, setup, teardown);
}
