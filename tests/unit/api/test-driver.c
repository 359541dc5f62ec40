/* tests/unit/api/test-driver.c: the driver contract of libvirt.so
 * (api/driver.h). Completeness: every function libvirt.syms exports has a
 * row in the generated function table, every driver-backed row has its
 * ops member, the ops structs hold exactly those members, and libvirt.so.0
 * resolves every name (no weak stubs left). Behaviour of the generated
 * entry points against a fake in-process driver: object checks, read-only
 * denial, argument checks, VIR_ERR_NO_SUPPORT wording, error dispatch. */
#include "config.h"

#include <dlfcn.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <glib.h>

#include "api/api-table.h"
#include "api/driver.h"

/* ---- completeness ---- */

static GHashTable *
syms_functions(void)
{
    const char *src = g_getenv("MODVIRT_SRCDIR");
    g_autofree char *path = g_build_filename(src ? src : ".", "api", "libvirt.syms", NULL);
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;
    GHashTable *names = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);

    assert_true(g_file_get_contents(path, &text, NULL, NULL));
    lines = g_strsplit(text, "\n", -1);
    for (size_t i = 0; lines[i]; i++) {
        g_autofree char *l = g_strstrip(g_strdup(lines[i]));
        size_t n = strlen(l);

        if (n > 4 && g_str_has_prefix(l, "vir") && l[n - 1] == ';') {
            l[n - 1] = '\0';
            g_hash_table_add(names, g_steal_pointer(&l));
        }
    }
    /* the one exported variable */
    g_hash_table_remove(names, "virConnectAuthPtrDefault");
    return names;
}

static void
test_table_matches_syms(void **state)
{
    g_autoptr(GHashTable) names = syms_functions();

    assert_int_equal(g_hash_table_size(names), api_func_count);
    for (size_t i = 0; i < api_func_count; i++) {
        if (!g_hash_table_contains(names, api_func_table[i].name))
            fail_msg("%s is in the table but not in libvirt.syms", api_func_table[i].name);
    }
}

static size_t
family_struct_size(int family)
{
    switch (family) {
    case API_DRV_HYPERVISOR: return sizeof(ApiHypervisorDriver);
    case API_DRV_NETWORK: return sizeof(ApiNetworkDriver);
    case API_DRV_STORAGE: return sizeof(ApiStorageDriver);
    case API_DRV_NODEDEV: return sizeof(ApiNodeDeviceDriver);
    case API_DRV_SECRET: return sizeof(ApiSecretDriver);
    case API_DRV_INTERFACE: return sizeof(ApiInterfaceDriver);
    case API_DRV_NWFILTER: return sizeof(ApiNWFilterDriver);
    case API_FAMILY_STREAM: return sizeof(ApiStreamDriver);
    }
    fail_msg("unknown family %d", family);
    return 0;
}

/* Every ops struct = name (+ open, close) + one pointer per table row of
 * its family, at distinct offsets, each member named by the rule. */
static void
test_ops_structs(void **state)
{
    for (int fam = 0; fam <= API_FAMILY_STREAM; fam++) {
        size_t header = sizeof(void *) * (fam == API_FAMILY_STREAM ? 1 : 3);
        size_t size = family_struct_size(fam);
        size_t slots = (size - header) / sizeof(void *);
        g_autofree bool *seen = g_new0(bool, slots);
        size_t members = 0;

        for (size_t i = 0; i < api_func_count; i++) {
            const ApiFuncInfo *f = &api_func_table[i];
            g_autofree char *expect = NULL;
            size_t slot;

            if (f->family != fam)
                continue;
            members++;
            expect = g_strdup(f->name + 3);
            expect[0] = g_ascii_tolower(expect[0]);
            assert_string_equal(f->member, expect);
            assert_true(f->offset >= (long) header && (size_t) f->offset < size);
            slot = (f->offset - header) / sizeof(void *);
            if (seen[slot])
                fail_msg("%s shares its ops slot", f->name);
            seen[slot] = true;
        }
        assert_int_equal(members, slots);
    }
}

/* libvirt.so.0 resolves every public function, and each is a real entry
 * point: the weak "not supported" stubs are gone. */
static void
test_library_exports(void **state)
{
    const char *build = g_getenv("MODVIRT_BUILDDIR");
    g_autofree char *path = g_build_filename(build ? build : ".", "api", "libvirt.so.0", NULL);
    void *lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    size_t generated = 0;

    if (!lib)
        fail_msg("dlopen %s: %s", path, dlerror());
    for (size_t i = 0; i < api_func_count; i++) {
        if (!dlsym(lib, api_func_table[i].name))
            fail_msg("libvirt.so.0 does not export %s", api_func_table[i].name);
        if (api_func_table[i].kind == API_ENTRY_GENERATED)
            generated++;
    }
    assert_true(generated > 300);
    assert_null(dlsym(lib, "api_func_table"));
    dlclose(lib);
}

/* ---- a fake in-process driver ---- */

static int fake_destroy_calls;

static virDomainPtr
fake_lookup_by_name(virConnectPtr conn, const char *name)
{
    static const unsigned char uuid[VIR_UUID_BUFLEN] = { 1, 2, 3 };

    return api_domain_new(conn, name, uuid, 7);
}

static int
fake_destroy(virDomainPtr dom)
{
    fake_destroy_calls++;
    return 0;
}

static char *
fake_get_xml_desc(virDomainPtr dom, unsigned int flags)
{
    return g_strdup("<domain/>");
}

static const ApiHypervisorDriver fake_hypervisor = {
    .name = "Fake",
    .domainLookupByName = fake_lookup_by_name,
    .domainDestroy = fake_destroy,
    .domainGetXMLDesc = fake_get_xml_desc,
};

typedef struct {
    virConnectPtr rw;
    virConnectPtr ro;
    virDomainPtr rw_dom;
    virDomainPtr ro_dom;
    int handler_calls;
} Fixture;

static void
fake_handler(void *data, virErrorPtr err)
{
    Fixture *fx = data;

    fx->handler_calls++;
}

static virConnectPtr
fake_conn(unsigned int flags)
{
    virConnectPtr conn = api_connect_new();

    conn->flags = flags;
    conn->hypervisor_driver = &fake_hypervisor;
    return conn;
}

static int
fixture_setup(void **state)
{
    Fixture *fx = g_new0(Fixture, 1);

    fx->rw = fake_conn(0);
    fx->ro = fake_conn(VIR_CONNECT_RO);
    fx->rw_dom = virDomainLookupByName(fx->rw, "vm");
    fx->ro_dom = virDomainLookupByName(fx->ro, "vm");
    assert_non_null(fx->rw_dom);
    assert_non_null(fx->ro_dom);
    virSetErrorFunc(fx, fake_handler);
    fake_destroy_calls = 0;
    *state = fx;
    return 0;
}

static int
fixture_teardown(void **state)
{
    Fixture *fx = *state;

    virSetErrorFunc(NULL, NULL);
    virDomainFree(fx->rw_dom);
    virDomainFree(fx->ro_dom);
    assert_int_equal(virConnectClose(fx->rw), 0);
    assert_int_equal(virConnectClose(fx->ro), 0);
    g_free(fx);
    return 0;
}

static void
assert_error(int code, int domain, const char *message)
{
    virErrorPtr e = virGetLastError();

    assert_non_null(e);
    assert_int_equal(e->code, code);
    assert_int_equal(e->domain, domain);
    assert_string_equal(e->message, message);
}

static void
test_calls_reach_driver(void **state)
{
    Fixture *fx = *state;
    g_autofree char *xml = NULL;

    assert_int_equal(virDomainDestroy(fx->rw_dom), 0);
    assert_int_equal(fake_destroy_calls, 1);
    assert_null(virGetLastError());
    assert_int_equal(virDomainGetID(fx->rw_dom), 7);
    xml = virDomainGetXMLDesc(fx->ro_dom, 0);
    assert_string_equal(xml, "<domain/>");
    assert_int_equal(fx->handler_calls, 0);
}

static void
test_readonly_denied(void **state)
{
    Fixture *fx = *state;

    assert_int_equal(virDomainDestroy(fx->ro_dom), -1);
    /* libvirt-domain.c reports in VIR_FROM_DOMAIN; only an invalid domain
     * pointer is VIR_FROM_DOM */
    assert_error(VIR_ERR_OPERATION_DENIED, VIR_FROM_DOMAIN,
                 "operation forbidden: read only access prevents virDomainDestroy");
    assert_int_equal(fake_destroy_calls, 0);
    assert_int_equal(fx->handler_calls, 1);
    /* the connection keeps a copy */
    assert_int_equal(virConnGetLastError(fx->ro)->code, VIR_ERR_OPERATION_DENIED);

    assert_null(virDomainGetXMLDesc(fx->ro_dom, VIR_DOMAIN_XML_SECURE));
    assert_error(VIR_ERR_OPERATION_DENIED, VIR_FROM_DOMAIN,
                 "operation forbidden: virDomainGetXMLDesc with secure flag");

    /* denial comes before the NO_SUPPORT check, as in libvirt */
    assert_null(virDomainDefineXML(fx->ro, "<domain/>"));
    assert_error(VIR_ERR_OPERATION_DENIED, VIR_FROM_DOMAIN,
                 "operation forbidden: read only access prevents virDomainDefineXML");
    /* host calls too (libvirt-host.c) */
    assert_int_equal(virNodeSuspendForDuration(fx->ro, 0, 1, 0), -1);
    assert_error(VIR_ERR_OPERATION_DENIED, VIR_FROM_DOMAIN,
                 "operation forbidden: read only access prevents virNodeSuspendForDuration");
    /* some calls check an argument before the connection, as libvirt's */
    assert_null(virDomainCreateXML(fx->ro, NULL, 0));
    assert_error(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN,
                 "xmlDesc in virDomainCreateXML must not be NULL");
    assert_null(virDomainCreateXML(fx->ro, "<domain/>", 0));
    assert_error(VIR_ERR_OPERATION_DENIED, VIR_FROM_DOMAIN,
                 "operation forbidden: read only access prevents virDomainCreateXML");
    assert_int_equal(virNetworkSetAutostart(NULL, 1), -1);
    assert_error(VIR_ERR_INVALID_NETWORK, VIR_FROM_NETWORK,
                 "invalid network pointer in virNetworkSetAutostart");
}

static void
test_no_support(void **state)
{
    Fixture *fx = *state;
    virDomainInfo info;

    assert_null(virDomainGetOSType(fx->rw_dom));
    assert_error(VIR_ERR_NO_SUPPORT, VIR_FROM_DOMAIN,
                 "this function is not supported by the connection driver: virDomainGetOSType");
    assert_int_equal(virDomainGetInfo(fx->rw_dom, &info), -1);
    assert_error(VIR_ERR_NO_SUPPORT, VIR_FROM_DOMAIN,
                 "this function is not supported by the connection driver: virDomainGetInfo");
    /* a family the driver does not serve at all */
    assert_null(virNetworkLookupByName(fx->rw, "default"));
    assert_error(VIR_ERR_NO_SUPPORT, VIR_FROM_NETWORK,
                 "this function is not supported by the connection driver: virNetworkLookupByName");
    assert_int_equal(virConnectNumOfSecrets(fx->ro), -1);
    assert_error(VIR_ERR_NO_SUPPORT, VIR_FROM_SECRET,
                 "this function is not supported by the connection driver: virConnectNumOfSecrets");
    /* a stream never bound to a driver */
    {
        virStreamPtr st = virStreamNew(fx->rw, 0);

        assert_int_equal(virStreamFinish(st), -1);
        assert_error(VIR_ERR_NO_SUPPORT, VIR_FROM_STREAMS,
                     "this function is not supported by the connection driver: virStreamFinish");
        assert_int_equal(virStreamFree(st), 0);
    }
    /* libvirt.so answers the type from the driver's name */
    assert_string_equal(virConnectGetType(fx->rw), "Fake");
    assert_int_equal(fx->handler_calls, 5);
}

static void
test_argument_checks(void **state)
{
    Fixture *fx = *state;
    virDomainPtr *list = (virDomainPtr *) fx;

    assert_null(virDomainLookupByName(fx->rw, NULL));
    assert_error(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN,
                 "name in virDomainLookupByName must not be NULL");
    assert_int_equal(virDomainGetInfo(fx->rw_dom, NULL), -1);
    assert_error(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN,
                 "info in virDomainGetInfo must not be NULL");
    assert_int_equal(virDomainSetMemory(fx->rw_dom, 0), -1);
    assert_error(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN,
                 "memory in virDomainSetMemory must not be zero");
    {
        int n = -1;

        /* the argument is named as libvirt writes it */
        assert_int_equal(virDomainGetBlkioParameters(fx->rw_dom, NULL, &n, 0), -1);
        assert_error(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN,
                     "*nparams in virDomainGetBlkioParameters must be zero or greater");
    }
    assert_int_equal(virNodeGetCPUStats(fx->rw, -2, NULL, &(int) { 0 }, 0), -1);
    assert_error(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN,
                 "cpuNum in virNodeGetCPUStats only accepts -1 as a negative value");
    assert_int_equal(virConnectListDomains(fx->rw, NULL, -1), -1);
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_INVALID_ARG);
    assert_int_equal(virDomainSaveFlags(fx->rw_dom, "/f", NULL,
                                        VIR_DOMAIN_SAVE_RUNNING | VIR_DOMAIN_SAVE_PAUSED), -1);
    /* libvirt words flag checks without the code's prefix */
    assert_error(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN,
                 "Flags 'VIR_DOMAIN_SAVE_RUNNING' and "
                 "'VIR_DOMAIN_SAVE_PAUSED' are mutually exclusive");
    assert_int_equal(virDomainCoreDump(fx->rw_dom, "/f", VIR_DUMP_CRASH | VIR_DUMP_LIVE), -1);
    assert_error(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN,
                 "Flags 'VIR_DUMP_CRASH' and 'VIR_DUMP_LIVE' are mutually exclusive");
    assert_null(virDomainSnapshotCreateXML(fx->rw_dom, "<domainsnapshot/>",
                                           VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT));
    assert_error(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN_SNAPSHOT,
                 "Flag 'VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE' is required by flag "
                 "'VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT'");
    /* list outputs are cleared before anything else */
    assert_int_equal(virConnectListAllDomains(fx->rw, &list, 0), -1);
    assert_null(list);
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_NO_SUPPORT);
}

static void
test_invalid_objects(void **state)
{
    Fixture *fx = *state;
    int handler_before = fx->handler_calls;

    assert_int_equal(virDomainCreate(NULL), -1);
    assert_error(VIR_ERR_INVALID_DOMAIN, VIR_FROM_DOM, "invalid domain pointer in virDomainCreate");
    assert_int_equal(virDomainCreate((virDomainPtr) fx->rw), -1);
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_INVALID_DOMAIN);
    assert_null(virStoragePoolGetName(NULL));
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_INVALID_STORAGE_POOL);
    assert_int_equal(virNodeGetInfo(NULL, NULL), -1);
    assert_error(VIR_ERR_INVALID_CONN, VIR_FROM_DOMAIN,
                 "invalid connection pointer in virNodeGetInfo");
    /* an invalid domain is VIR_FROM_DOM whichever family's call gets it */
    assert_null(virDomainSnapshotCreateXML(NULL, "<domainsnapshot/>", 0));
    assert_error(VIR_ERR_INVALID_DOMAIN, VIR_FROM_DOM,
                 "invalid domain pointer in virDomainSnapshotCreateXML");
    assert_null(virDomainCheckpointLookupByName(NULL, "c", 0));
    assert_error(VIR_ERR_INVALID_DOMAIN, VIR_FROM_DOM,
                 "invalid domain pointer in virDomainCheckpointLookupByName");
    /* and a stream is VIR_FROM_STREAMS */
    assert_int_equal(virDomainOpenConsole(fx->rw_dom, NULL, NULL, 0), -1);
    assert_error(VIR_ERR_INVALID_STREAM, VIR_FROM_STREAMS,
                 "invalid stream pointer in virDomainOpenConsole");
    assert_int_equal(fx->handler_calls, handler_before + 7);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_matches_syms),
        cmocka_unit_test(test_ops_structs),
        cmocka_unit_test(test_library_exports),
        cmocka_unit_test_setup_teardown(test_calls_reach_driver, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_readonly_denied, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_no_support, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_argument_checks, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_invalid_objects, fixture_setup, fixture_teardown),
    };

    return cmocka_run_group_tests_name("api-driver", tests, NULL, NULL);
}
