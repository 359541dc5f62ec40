/* common/conf/domain/os.c: table for <os>: guest type and machine, firmware
 * selection, loader and NVRAM, direct kernel boot, container init, boot
 * order and BIOS/SMBIOS settings. The "boot from disk" default depends on
 * the rest of the domain and is filled by domain.c. */
#include "config.h"

#include <stdlib.h>

#define ERR_DOMAIN VIR_FROM_DOMAIN
#include "common/util/err.h"
#include "common/conf/domain/general.h"

ENUM_STRINGS(domain_os_type, DOMAIN_OS_LAST, "", "hvm", "xen", "linux", "exe", "uml", "xenpvh");
ENUM_STRINGS(domain_arch, DOMAIN_ARCH_LAST, "",
             "aarch64", "alpha", "armv6l", "armv7l", "armv7b", "cris", "i686", "ia64",
             "lm32", "m68k", "microblaze", "microblazeel", "mips", "mipsel", "mips64",
             "mips64el", "openrisc", "parisc", "parisc64", "ppc", "ppc64", "ppc64le",
             "ppcemb", "riscv32", "riscv64", "s390", "s390x", "sh4", "sh4eb", "sparc",
             "sparc64", "unicore32", "x86_64", "xtensa", "xtensaeb");
ENUM_STRINGS(domain_boot_dev, DOMAIN_BOOT_LAST, "", "fd", "cdrom", "hd", "network");
ENUM_STRINGS(domain_loader_type, DOMAIN_LOADER_LAST, "", "rom", "pflash");
ENUM_STRINGS(domain_firmware, DOMAIN_FIRMWARE_LAST, "", "bios", "efi");
ENUM_STRINGS(domain_smbios_mode, DOMAIN_SMBIOS_LAST, "", "emulate", "host", "sysinfo");
ENUM_STRINGS_STATIC(fw_feature, DOMAIN_FW_FEATURE_LAST, "enrolled-keys", "secure-boot");
ENUM_STRINGS_STATIC(acpi_table_type, 2, "", "slic");

static const XmlField os_type_fields[] = {
    XML_ATTR_ENUM(DomainOs, arch, "arch", domain_arch, 0,
                  .min = 1, .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_ATTR(DomainOs, machine, "machine", string, XF_NONEMPTY),
    XML_TEXT_ENUM(DomainOs, type, NULL, domain_os_type, 0,
                  .min = 1, .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_END
};
static XML_SCHEMA(os_type, DomainOs, "type", os_type_fields);

static const XmlField fw_feature_fields[] = {
    XML_ATTR(DomainFwFeature, enabled, "enabled", yesno, XF_REQUIRED),
    XML_ATTR_ENUM(DomainFwFeature, name, "name", fw_feature, XF_REQUIRED),
    XML_END
};
static XML_SCHEMA(fw_feature, DomainFwFeature, "feature", fw_feature_fields);

static int
fw_feature_cmp(const void *a, const void *b)
{
    return ((const DomainFwFeature *) a)->name - ((const DomainFwFeature *) b)->name;
}

/* libvirt keeps one setting per firmware feature, printed in its own order. */
static void
firmware_post_parse(void *obj)
{
    DomainOs *os = obj;
    size_t out = 0;

    for (size_t i = 0; i < os->nfw_features; i++) {
        bool dup = false;

        for (size_t j = 0; j < out; j++)
            dup |= os->fw_features[j].name == os->fw_features[i].name;
        if (!dup)
            os->fw_features[out++] = os->fw_features[i];
    }
    os->nfw_features = out;
    if (os->nfw_features > 1)
        qsort(os->fw_features, os->nfw_features, sizeof(*os->fw_features), fw_feature_cmp);
}

static const XmlField firmware_fields[] = {
    XML_CHILDREN(DomainOs, fw_features, nfw_features, &fw_feature_schema, 0),
    XML_END
};
static XML_SCHEMA(firmware, DomainOs, "firmware", firmware_fields,
                  .post_parse = firmware_post_parse);

static const XmlField initenv_fields[] = {
    XML_ATTR(DomainInitEnv, name, "name", string, XF_REQUIRED | XF_NONEMPTY),
    XML_TEXT(DomainInitEnv, value, NULL, string, 0),
    XML_END
};

/* Environment names follow the shell's rules; libvirt's schema uses them. */
static int
initenv_validate(XmlCtx *ctx, const void *obj)
{
    const DomainInitEnv *e = obj;

    for (const char *p = e->name; *p; p++) {
        if (!(g_ascii_isalpha(*p) || *p == '_' || (p != e->name && g_ascii_isdigit(*p)))) {
            xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                          "invalid environment variable name '%s' in element '%s'",
                          e->name, xmlmap_ctx_path(ctx));
            return -1;
        }
    }
    return 0;
}

static XML_SCHEMA(initenv, DomainInitEnv, "initenv", initenv_fields,
                  .validate = initenv_validate);

static const XmlField loader_fields[] = {
    XML_ATTR(DomainLoader, readonly, "readonly", tristate, 0),
    XML_ATTR(DomainLoader, secure, "secure", tristate, 0),
    XML_ATTR_ENUM(DomainLoader, type, "type", domain_loader_type, 0, .min = 1),
    XML_ATTR(DomainLoader, stateless, "stateless", tristate, 0),
    XML_TEXT(DomainLoader, path, NULL, string, 0),
    XML_END
};

/* A loader image without a type is a plain ROM (libvirt's default). */
static void
loader_post_parse(void *obj)
{
    DomainLoader *l = obj;

    if (l->path && l->type == DOMAIN_LOADER_NONE)
        l->type = DOMAIN_LOADER_ROM;
}

static XML_SCHEMA(loader, DomainLoader, "loader", loader_fields,
                  .post_parse = loader_post_parse);

static const XmlField nvram_fields[] = {
    XML_ATTR(DomainNvram, template_path, "template", string, XF_NONEMPTY),
    XML_TEXT(DomainNvram, path, NULL, string, 0),
    XML_END
};
static XML_SCHEMA(nvram, DomainNvram, "nvram", nvram_fields);

static const XmlField acpi_table_fields[] = {
    XML_ATTR_ENUM(DomainAcpiTable, type, "type", acpi_table_type, XF_REQUIRED,
                  .min = 1, .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_TEXT(DomainAcpiTable, path, NULL, string, XF_REQUIRED),
    XML_END
};
static XML_SCHEMA(acpi_table, DomainAcpiTable, "table", acpi_table_fields);

static const XmlField acpi_fields[] = {
    XML_CHILDREN(DomainOs, acpi_tables, nacpi_tables, &acpi_table_schema, 0),
    XML_END
};
static XML_SCHEMA(acpi, DomainOs, "acpi", acpi_fields);

static const XmlField boot_fields[] = {
    XML_ATTR_ENUM(DomainBoot, dev, "dev", domain_boot_dev, XF_REQUIRED, .min = 1),
    XML_END
};
static XML_SCHEMA(boot, DomainBoot, "boot", boot_fields);

static const XmlField bootmenu_fields[] = {
    XML_ATTR(DomainOs, bootmenu_enable, "enable", tristate, 0),
    XML_ATTR(DomainOs, bootmenu_timeout, "timeout", uint, 0, .max = 65535,
             XML_HAS(DomainOs, has_bootmenu_timeout)),
    XML_END
};
static XML_SCHEMA(bootmenu, DomainOs, "bootmenu", bootmenu_fields);

static const XmlField bios_fields[] = {
    XML_ATTR(DomainOs, bios_useserial, "useserial", tristate, 0),
    XML_ATTR(DomainOs, bios_reboot_timeout, "rebootTimeout", int, 0,
             .smin = -1, .smax = 65535, XML_HAS(DomainOs, has_bios_reboot_timeout)),
    XML_END
};
static XML_SCHEMA(bios, DomainOs, "bios", bios_fields);

static const XmlField smbios_fields[] = {
    XML_ATTR_ENUM(DomainOs, smbios_mode, "mode", domain_smbios_mode, XF_REQUIRED,
                  .min = 1, .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_END
};
static XML_SCHEMA(smbios, DomainOs, "smbios", smbios_fields);

static const XmlField os_fields[] = {
    XML_ATTR_ENUM(DomainOs, firmware, "firmware", domain_firmware, 0,
                  .min = 1, .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_GROUP(&os_type_schema, 0),
    XML_GROUP(&firmware_schema, 0),
    XML_TEXT(DomainOs, init, "init", string, 0),
    XML_LIST(DomainOs, initargs, ninitargs, "initarg", string, 0),
    XML_CHILDREN(DomainOs, initenvs, ninitenvs, &initenv_schema, 0),
    XML_TEXT(DomainOs, initdir, "initdir", string, 0),
    XML_TEXT(DomainOs, inituser, "inituser", string, 0),
    XML_TEXT(DomainOs, initgroup, "initgroup", string, 0),
    XML_CHILD(DomainOs, loader, &loader_schema, 0),
    XML_CHILD(DomainOs, nvram, &nvram_schema, 0),
    XML_TEXT(DomainOs, kernel, "kernel", string, 0),
    XML_TEXT(DomainOs, initrd, "initrd", string, 0),
    XML_TEXT(DomainOs, cmdline, "cmdline", string, 0),
    XML_TEXT(DomainOs, dtb, "dtb", string, 0),
    XML_TEXT(DomainOs, root, "root", string, 0),
    XML_GROUP(&acpi_schema, 0),
    XML_CHILDREN(DomainOs, boots, nboots, &boot_schema, 0),
    XML_GROUP(&bootmenu_schema, 0),
    XML_GROUP(&bios_schema, 0),
    XML_GROUP(&smbios_schema, 0),
    XML_END
};

static int
os_validate(XmlCtx *ctx, const void *obj)
{
    const DomainOs *os = obj;

    if (os->firmware && os->loader && os->loader->readonly) {
        xmlmap_report(ctx, VIR_ERR_XML_DETAIL,
                      "loader attribute 'readonly' in element '%s' cannot be used with "
                      "firmware autoselection (firmware='%s')", xmlmap_ctx_path(ctx),
                      domain_firmware_to_string(os->firmware));
        return -1;
    }
    return 0;
}

/* libvirt reads at most four <boot> elements and ignores the rest. */
static void
os_post_parse(void *obj)
{
    DomainOs *os = obj;

    if (os->nboots > 4)
        os->nboots = 4;
}

XML_SCHEMA(domain_os, DomainOs, "os", os_fields,
           .post_parse = os_post_parse, .validate = os_validate);
