/* tests/unit/conf/test-domain-general.c: the parts of the <domain> model the
 * golden files cannot show: values generated at parse time (uuid, genid),
 * the driver-facing validation hook, and the rule that a config loaded from
 * disk stays listed when it breaks a validation rule. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "common/conf/domain/domain.h"
#include "common/util/err.h"
#include "common/util/uuid.h"

#define HEAD "<domain type='kvm'>\n  <name>%s</name>\n"
#define TAIL "  <os>\n    <type arch='%s'>hvm</type>\n  </os>\n</domain>\n"

/* A guest that breaks a generic rule: 4 vCPUs to start, 2 at most. */
static const char too_many_vcpus[] =
    "<domain type='kvm'>\n"
    "  <name>vcpu-overcommit</name>\n"
    "  <uuid>0c7a4a52-2d44-4a8e-9a3d-6b1f0e0d9a11</uuid>\n"
    "  <memory unit='MiB'>256</memory>\n"
    "  <vcpu current='4'>2</vcpu>\n"
    "  <os>\n    <type arch='x86_64'>hvm</type>\n  </os>\n"
    "</domain>\n";

static char *
guest_xml(const char *name, const char *arch)
{
    return g_strdup_printf(HEAD "  <uuid>5d9e3c1b-7f0a-4e62-b8d4-2a1c9e7f3b%02x</uuid>\n"
                           "  <memory unit='MiB'>128</memory>\n" TAIL,
                           name, (unsigned) strlen(name), arch);
}

/* ---- a toy driver: its state list and its own rule --------------------------- */

typedef struct {
    GPtrArray *domains;         /* DomainDef *, what "virsh list --all" would show */
    unsigned int rule_calls;
} ToyDriver;

/* The toy hypervisor only runs x86_64 guests. */
static int
toy_validate(const DomainDef *def, void *opaque)
{
    ToyDriver *drv = opaque;

    drv->rule_calls++;
    if (def->os.arch != DOMAIN_ARCH_X86_64) {
        err_report_full(VIR_FROM_DOMAIN, VIR_ERR_CONFIG_UNSUPPORTED, __FILE__, __func__,
                        __LINE__, "guest architecture '%s' is not supported by this driver",
                        domain_arch_to_string(def->os.arch));
        return -1;
    }
    return 0;
}

static const DomainValidateOps toy_ops = { .domain = toy_validate };

/* Loading configs from disk: parse without validation so every config is
 * listed; problems surface when the config is used. */
static void
toy_load(ToyDriver *drv, const char *xml)
{
    DomainDef *def = domain_def_parse_string(xml, XMLMAP_PARSE_SKIP_VALIDATE);

    assert_non_null(def);
    g_ptr_array_add(drv->domains, def);
}

/* Starting a guest: every rule runs, generic ones first. */
static int
toy_start(ToyDriver *drv, const DomainDef *def)
{
    DomainValidateOps ops = toy_ops;

    ops.opaque = drv;
    return domain_def_validate(def, &ops);
}

static void
test_broken_config_stays_listed(void **state)
{
    ToyDriver drv = { .domains = g_ptr_array_new_with_free_func((GDestroyNotify) domain_def_free) };
    g_autofree char *good = guest_xml("good", "x86_64");

    /* Defining it is refused outright... */
    err_reset_last();
    assert_null(domain_def_parse_string(too_many_vcpus, 0));
    assert_int_equal(err_last_code(), VIR_ERR_CONFIG_UNSUPPORTED);

    /* ...but the same file found on disk is loaded and listed. */
    toy_load(&drv, too_many_vcpus);
    toy_load(&drv, good);
    assert_int_equal(drv.domains->len, 2);

    /* Using it reports the broken rule; it does not vanish. */
    err_reset_last();
    assert_int_equal(toy_start(&drv, drv.domains->pdata[0]), -1);
    assert_int_equal(err_last_code(), VIR_ERR_CONFIG_UNSUPPORTED);
    assert_non_null(strstr(err_last_message(), "current vCPU count 4"));
    assert_int_equal(drv.rule_calls, 0);        /* generic rule stopped it first */
    assert_int_equal(drv.domains->len, 2);
    assert_string_equal(((DomainDef *) drv.domains->pdata[0])->name, "vcpu-overcommit");

    assert_int_equal(toy_start(&drv, drv.domains->pdata[1]), 0);
    assert_int_equal(drv.rule_calls, 1);
    g_ptr_array_free(drv.domains, TRUE);
}

static void
test_driver_rule(void **state)
{
    ToyDriver drv = { .domains = g_ptr_array_new_with_free_func((GDestroyNotify) domain_def_free) };
    g_autofree char *arm = guest_xml("arm-guest", "aarch64");
    g_autoptr(DomainDef) parsed = NULL;

    /* The generic model accepts any architecture... */
    parsed = domain_def_parse_string(arm, 0);
    assert_non_null(parsed);

    /* ...the driver's rule refuses it, and the listed config stays. */
    toy_load(&drv, arm);
    err_reset_last();
    assert_int_equal(toy_start(&drv, drv.domains->pdata[0]), -1);
    assert_int_equal(err_last_code(), VIR_ERR_CONFIG_UNSUPPORTED);
    assert_non_null(strstr(err_last_message(), "'aarch64'"));
    assert_int_equal(drv.rule_calls, 1);
    assert_int_equal(drv.domains->len, 1);

    /* Without driver rules only the generic ones run. */
    assert_int_equal(domain_def_validate(drv.domains->pdata[0], NULL), 0);
    g_ptr_array_free(drv.domains, TRUE);
}

static void
test_generated_ids(void **state)
{
    static const char xml[] =
        "<domain type='qemu'>\n  <name>fresh</name>\n  <genid/>\n"
        "  <memory>65536</memory>\n  <os>\n    <type>hvm</type>\n  </os>\n</domain>\n";
    g_autoptr(DomainDef) def = domain_def_parse_string(xml, 0);
    g_autoptr(DomainDef) again = NULL;
    g_autofree char *out = NULL;
    g_autofree char *out2 = NULL;

    assert_non_null(def);
    assert_false(uuid_is_null(def->uuid));
    assert_false(uuid_is_null(def->genid));
    assert_false(def->genid_requested);
    out = domain_def_format(def, 0);
    assert_non_null(strstr(out, "<genid>"));
    assert_null(strstr(out, "<genid/>"));

    /* Formatting and re-parsing keeps both ids. */
    again = domain_def_parse_string(out, 0);
    assert_non_null(again);
    assert_memory_equal(again->uuid, def->uuid, 16);
    assert_memory_equal(again->genid, def->genid, 16);
    out2 = domain_def_format(again, 0);
    assert_string_equal(out, out2);
}

static void
test_uuid_from_sysinfo(void **state)
{
    static const char xml[] =
        "<domain type='kvm'>\n  <name>si</name>\n  <memory>65536</memory>\n"
        "  <sysinfo type='smbios'>\n    <system>\n"
        "      <entry name='uuid'>1b4e28ba-2fa1-41d2-883f-0016d3cca427</entry>\n"
        "    </system>\n  </sysinfo>\n"
        "  <os>\n    <type>hvm</type>\n  </os>\n</domain>\n";
    g_autoptr(DomainDef) def = domain_def_parse_string(xml, 0);
    char text[UUID_STR_LEN];

    assert_non_null(def);
    uuid_format(def->uuid, text);
    assert_string_equal(text, "1b4e28ba-2fa1-41d2-883f-0016d3cca427");
}

static void
test_copy_and_accessors(void **state)
{
    static const char xml[] =
        "<domain type='kvm' id='3'>\n  <name>acc</name>\n"
        "  <uuid>9a1f0d6e-33b2-4c55-8e77-0a9b8c7d6e5f</uuid>\n"
        "  <vcpu current='2'>6</vcpu>\n"
        "  <cpu>\n    <topology sockets='1' cores='3' threads='2'/>\n"
        "    <numa>\n      <cell cpus='0-2' memory='262144'/>\n"
        "      <cell cpus='3-5' memory='262144'/>\n    </numa>\n  </cpu>\n"
        "  <seclabel type='dynamic' model='selinux'>\n"
        "    <label>system_u:system_r:svirt_t:s0:c1,c2</label>\n  </seclabel>\n"
        "  <os>\n    <type>hvm</type>\n  </os>\n</domain>\n";
    g_autoptr(DomainDef) def = domain_def_parse_string(xml, 0);
    g_autoptr(DomainDef) copy = NULL;
    g_autofree char *live = NULL;
    g_autofree char *inactive = NULL;
    g_autofree char *copied = NULL;

    assert_non_null(def);
    assert_int_equal(domain_def_vcpus_current(def), 2);
    assert_int_equal(domain_def_memory_total(def), 524288);
    assert_int_equal(def->memory.kib, 524288);

    live = domain_def_format(def, 0);
    inactive = domain_def_format(def, XMLMAP_FORMAT_INACTIVE);
    assert_non_null(strstr(live, "<domain type='kvm' id='3'>"));
    assert_non_null(strstr(live, "<label>"));
    assert_non_null(strstr(inactive, "<domain type='kvm'>"));
    assert_null(strstr(inactive, "<label>"));

    copy = domain_def_copy(def);
    assert_non_null(copy);
    copied = domain_def_format(copy, 0);
    assert_string_equal(live, copied);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_broken_config_stays_listed),
        cmocka_unit_test(test_driver_rule),
        cmocka_unit_test(test_generated_ids),
        cmocka_unit_test(test_uuid_from_sysinfo),
        cmocka_unit_test(test_copy_and_accessors),
    };

    return cmocka_run_group_tests_name("domain-general", tests, NULL, NULL);
}
