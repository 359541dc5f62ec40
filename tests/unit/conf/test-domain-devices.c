/* tests/unit/conf/test-domain-devices.c: the <devices> rules that span more
 * than one device, and where they run. A config on disk that breaks such a
 * rule (two vfio-ap mediated devices) must still be loaded and listed at
 * startup, with the problem reported, instead of silently vanishing. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "common/conf/domain/domain.h"
#include "common/util/err.h"

/* Two AP matrix devices: each alone is fine, together they are refused. */
static const char two_vfio_ap[] =
    "<domain type='kvm'>\n"
    "  <name>crypto-guest</name>\n"
    "  <uuid>3f0b6c2e-91d4-4a7b-8e25-c4d1a9e0b7f3</uuid>\n"
    "  <memory unit='MiB'>512</memory>\n"
    "  <os>\n    <type arch='s390x'>hvm</type>\n  </os>\n"
    "  <devices>\n"
    "    <hostdev mode='subsystem' type='mdev' model='vfio-ap'>\n"
    "      <source>\n        <address uuid='5a1e0c3d-2b4f-4e6a-9d8c-7f0e1a2b3c4d'/>\n"
    "      </source>\n"
    "    </hostdev>\n"
    "    <hostdev mode='subsystem' type='mdev' model='vfio-ap'>\n"
    "      <source>\n        <address uuid='5a1e0c3d-2b4f-4e6a-9d8c-7f0e1a2b3c4e'/>\n"
    "      </source>\n"
    "    </hostdev>\n"
    "  </devices>\n"
    "</domain>\n";

/* A healthy neighbour in the same directory. */
static const char one_vfio_ap[] =
    "<domain type='kvm'>\n"
    "  <name>plain-guest</name>\n"
    "  <uuid>9b7c5d3e-1f2a-4b6c-8d0e-a1b2c3d4e5f6</uuid>\n"
    "  <memory unit='MiB'>512</memory>\n"
    "  <os>\n    <type arch='s390x'>hvm</type>\n  </os>\n"
    "  <devices>\n"
    "    <hostdev mode='subsystem' type='mdev' model='vfio-ap'>\n"
    "      <source>\n        <address uuid='6b2f1d4e-3c5a-4f7b-8e9d-0a1b2c3d4e5f'/>\n"
    "      </source>\n"
    "    </hostdev>\n"
    "  </devices>\n"
    "</domain>\n";

/* ---- a driver's view: its config directory and its domain list ------------------ */

typedef struct {
    DomainDef *def;
    char *load_error;           /* the validation problem found at load, if any */
} ListedDomain;

typedef struct {
    char *config_dir;
    GPtrArray *listed;          /* ListedDomain * */
} ToyDriver;

static void
listed_free(gpointer p)
{
    ListedDomain *ld = p;

    domain_def_free(ld->def);
    g_free(ld->load_error);
    g_free(ld);
}

static void
write_config(const ToyDriver *drv, const char *name, const char *xml)
{
    g_autofree char *file = g_strconcat(name, ".xml", NULL);
    g_autofree char *path = g_build_filename(drv->config_dir, file, NULL);

    assert_true(g_file_set_contents(path, xml, -1, NULL));
}

/* The driver's own rules (a hypervisor driver such as QEMU's). */
static int
toy_domain_rules(const DomainDef *def, void *opaque)
{
    return domain_def_validate_vfio_ap(&def->devices);
}

static const DomainValidateOps toy_rules = { .domain = toy_domain_rules };

/* What a driver does at startup for every file in its config directory:
 * parse without the validation rules (post-parse defaults only, which cannot
 * fail), then validate separately; a failure is reported and remembered but
 * the domain stays in the list. */
static void
load_all_configs(ToyDriver *drv)
{
    g_autoptr(GDir) dir = g_dir_open(drv->config_dir, 0, NULL);
    const char *entry;

    assert_non_null(dir);
    while ((entry = g_dir_read_name(dir))) {
        g_autofree char *path = g_build_filename(drv->config_dir, entry, NULL);
        g_autofree char *xml = NULL;
        ListedDomain *ld;

        if (!g_str_has_suffix(entry, ".xml"))
            continue;
        assert_true(g_file_get_contents(path, &xml, NULL, NULL));
        err_reset_last();
        ld = g_new0(ListedDomain, 1);
        ld->def = domain_def_parse_string(xml, XMLMAP_PARSE_SKIP_VALIDATE);
        assert_non_null(ld->def);
        assert_false(err_has_last());
        if (domain_def_validate(ld->def, &toy_rules) < 0)
            ld->load_error = g_strdup_printf("%d:%s", err_last_code(), err_last_message());
        g_ptr_array_add(drv->listed, ld);
    }
}

static const ListedDomain *
find_listed(const ToyDriver *drv, const char *name)
{
    for (guint i = 0; i < drv->listed->len; i++) {
        const ListedDomain *ld = drv->listed->pdata[i];

        if (g_str_equal(ld->def->name, name))
            return ld;
    }
    return NULL;
}

static int
setup(void **state)
{
    ToyDriver *drv = g_new0(ToyDriver, 1);

    drv->config_dir = g_dir_make_tmp("modvirt-devices-XXXXXX", NULL);
    assert_non_null(drv->config_dir);
    drv->listed = g_ptr_array_new_with_free_func(listed_free);
    *state = drv;
    return 0;
}

static int
teardown(void **state)
{
    ToyDriver *drv = *state;
    g_autoptr(GDir) dir = g_dir_open(drv->config_dir, 0, NULL);
    const char *entry;

    while (dir && (entry = g_dir_read_name(dir))) {
        g_autofree char *path = g_build_filename(drv->config_dir, entry, NULL);

        unlink(path);
    }
    rmdir(drv->config_dir);
    g_free(drv->config_dir);
    g_ptr_array_unref(drv->listed);
    g_free(drv);
    return 0;
}

/* ---- tests ------------------------------------------------------------------------ */

/* The config breaking the vfio-ap rule is listed, with the error kept. */
static void
test_bad_config_stays_listed(void **state)
{
    ToyDriver *drv = *state;
    const ListedDomain *bad;
    const ListedDomain *good;
    g_autofree char *want = g_strdup_printf("%d:", VIR_ERR_CONFIG_UNSUPPORTED);

    write_config(drv, "crypto-guest", two_vfio_ap);
    write_config(drv, "plain-guest", one_vfio_ap);
    load_all_configs(drv);

    assert_int_equal(drv->listed->len, 2);
    bad = find_listed(drv, "crypto-guest");
    good = find_listed(drv, "plain-guest");
    if (!bad || !good) {
        fail_msg("a domain config vanished from the list");
        return;
    }
    assert_null(good->load_error);
    assert_non_null(bad->load_error);
    assert_true(g_str_has_prefix(bad->load_error, want));
    assert_non_null(strstr(bad->load_error, "vfio-ap"));
    /* the devices themselves were all read */
    assert_int_equal(bad->def->devices.nhostdevs, 2);
    assert_int_equal(domain_devices_count_mdev(&bad->def->devices, MDEV_MODEL_VFIO_AP), 2);
}

/* The rule is a driver's validation rule: the XML parses and validates on
 * its own (libvirt's test driver takes it); the driver's rules refuse it,
 * whether the config came from a define or from disk. */
static void
test_rule_runs_in_validate_only(void **state)
{
    DomainDef *def;

    err_reset_last();
    def = domain_def_parse_string(two_vfio_ap, 0);
    assert_non_null(def);
    assert_int_equal(domain_def_validate(def, NULL), 0);
    assert_int_equal(domain_def_validate(def, &toy_rules), -1);
    assert_int_equal(err_last_code(), VIR_ERR_CONFIG_UNSUPPORTED);
    assert_non_null(strstr(err_last_message(), "only one mediated host device of model "
                                                "'vfio-ap'"));
    domain_def_free(def);

    err_reset_last();
    def = domain_def_parse_string(two_vfio_ap, XMLMAP_PARSE_SKIP_VALIDATE);
    assert_non_null(def);
    assert_false(err_has_last());
    assert_int_equal(domain_def_validate(def, &toy_rules), -1);
    assert_int_equal(err_last_code(), VIR_ERR_CONFIG_UNSUPPORTED);
    domain_def_free(def);

    err_reset_last();
    def = domain_def_parse_string(one_vfio_ap, 0);
    assert_non_null(def);
    assert_int_equal(domain_def_validate(def, &toy_rules), 0);
    domain_def_free(def);
}

/* Fixing the definition in memory (as an edit would) makes it valid again,
 * and the formatted result keeps the remaining device. */
static void
test_fixed_config_validates(void **state)
{
    g_autoptr(DomainDef) def = domain_def_parse_string(two_vfio_ap,
                                                       XMLMAP_PARSE_SKIP_VALIDATE);
    g_autofree char *xml = NULL;

    assert_non_null(def);
    assert_int_equal(domain_def_validate(def, &toy_rules), -1);
    def->devices.hostdevs[1]->mdev_model = MDEV_MODEL_VFIO_CCW;
    assert_int_equal(domain_def_validate(def, &toy_rules), 0);
    assert_int_equal(domain_devices_count_mdev(&def->devices, MDEV_MODEL_VFIO_AP), 1);
    xml = domain_def_format(def, XMLMAP_FORMAT_INACTIVE);
    assert_non_null(strstr(xml, "model='vfio-ccw'"));
}

/* Per-device boot orders are visible to the domain's boot default. */
static void
test_boot_order_lookup(void **state)
{
    static const char xml[] =
        "<domain type='kvm'>\n"
        "  <name>boot-guest</name>\n"
        "  <memory unit='MiB'>128</memory>\n"
        "  <os>\n    <type arch='x86_64'>hvm</type>\n  </os>\n"
        "  <devices>\n"
        "    <interface type='network'>\n"
        "      <source network='default'/>\n"
        "      <boot order='1'/>\n"
        "    </interface>\n"
        "  </devices>\n"
        "</domain>\n";
    g_autoptr(DomainDef) def = domain_def_parse_string(xml, 0);

    assert_non_null(def);
    assert_true(domain_devices_have_boot_order(&def->devices));
    assert_int_equal(def->devices.nets[0]->info.boot_order, 1);
}

/* The three <interface type='hostdev'> forms: PCI, USB by bus/device, and
 * USB by vendor/product, where the USB type is implied. */
static void
test_net_hostdev_forms(void **state)
{
    static const char xml[] =
        "<domain type='kvm'>\n"
        "  <name>vf-guest</name>\n"
        "  <memory unit='MiB'>128</memory>\n"
        "  <os>\n    <type arch='x86_64'>hvm</type>\n  </os>\n"
        "  <devices>\n"
        "    <interface type='hostdev' managed='yes'>\n"
        "      <source>\n"
        "        <address type='pci' domain='0x0000' bus='0x3b' slot='0x02' function='0x1'/>\n"
        "      </source>\n"
        "    </interface>\n"
        "    <interface type='hostdev'>\n"
        "      <source>\n        <address type='usb' bus='2' device='5'/>\n      </source>\n"
        "    </interface>\n"
        "    <interface type='hostdev'>\n"
        "      <source>\n        <vendor id='0x0b95'/>\n        <product id='0x772b'/>\n"
        "      </source>\n"
        "    </interface>\n"
        "  </devices>\n"
        "</domain>\n";
    g_autoptr(DomainDef) def = domain_def_parse_string(xml, 0);
    DomainNet *const *nets;

    assert_non_null(def);
    assert_int_equal(def->devices.nnets, 3);
    nets = def->devices.nets;
    assert_false(domain_net_hostdev_is_usb(nets[0]));
    assert_int_equal(nets[0]->hostdev_pci.bus, 0x3b);
    assert_int_equal(nets[0]->hostdev_pci.function, 1);
    assert_true(domain_net_hostdev_is_usb(nets[1]));
    assert_int_equal(nets[1]->hostdev_usb.bus, 2);
    assert_int_equal(nets[1]->hostdev_usb.device, 5);
    assert_true(domain_net_hostdev_is_usb(nets[2]));
    assert_int_equal(nets[2]->hostdev_usb.vendor, 0x0b95);
    assert_int_equal(nets[2]->hostdev_usb.product, 0x772b);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_bad_config_stays_listed, setup, teardown),
        cmocka_unit_test(test_rule_runs_in_validate_only),
        cmocka_unit_test(test_fixed_config_validates),
        cmocka_unit_test(test_boot_order_lookup),
        cmocka_unit_test(test_net_hostdev_forms),
    };

    return cmocka_run_group_tests_name("domain-devices", tests, NULL, NULL);
}
