/* common/conf/domain/address.c: tables for <address> in all its guest-bus
 * forms and for the other per-device elements (<alias>, <boot>, <rom>,
 * <acpi>, <master>). Numbers are written the way libvirt writes them: PCI
 * and CCW in fixed-width hex, drive/virtio-serial/ccid in decimal. */
#include "config.h"

#include <string.h>

#define ERR_DOMAIN VIR_FROM_DOMAIN
#include "common/util/err.h"
#include "common/conf/domain/address.h"

ENUM_STRINGS(domain_addr_type, DOMAIN_ADDR_LAST,
             "none", "pci", "drive", "virtio-serial", "ccid", "usb", "spapr-vio",
             "ccw", "virtio-mmio", "isa", "dimm", "unassigned");

bool
domain_pci_addr_is_set(const PciAddr *addr)
{
    return addr->domain || addr->bus || addr->slot;
}

bool
domain_alias_is_user(const char *alias)
{
    return alias && g_str_has_prefix(alias, "ua-");
}

/* ---- type='pci' ------------------------------------------------------------ */

static bool
pci_bdf_omit(const void *obj, unsigned int flags)
{
    return !domain_pci_addr_is_set(&((const DomainPciAddr *) obj)->addr);
}

static const XmlField zpci_fields[] = {
    XML_ATTR(DomainPciAddr, zpci_uid, "uid", uint, 0, .base = XML_BASE_C, .hex = 4,
             .min = 1, .max = 0xffff, XML_HAS(DomainPciAddr, has_zpci_uid)),
    XML_ATTR(DomainPciAddr, zpci_fid, "fid", uint, 0, .base = XML_BASE_C, .hex = 8,
             XML_HAS(DomainPciAddr, has_zpci_fid)),
    XML_END
};
static XML_SCHEMA(zpci, DomainPciAddr, "zpci", zpci_fields);

static const XmlField addr_pci_fields[] = {
    XML_ATTR(DomainPciAddr, addr.domain, "domain", uint, 0, .base = XML_BASE_C, .hex = 4,
             .max = 0xffff, XML_OMIT_IF(pci_bdf_omit)),
    XML_ATTR(DomainPciAddr, addr.bus, "bus", uint, 0, .base = XML_BASE_C, .hex = 2,
             .max = 0xff, XML_OMIT_IF(pci_bdf_omit)),
    XML_ATTR(DomainPciAddr, addr.slot, "slot", uint, 0, .base = XML_BASE_C, .hex = 2,
             .max = 0x1f, XML_OMIT_IF(pci_bdf_omit)),
    XML_ATTR(DomainPciAddr, addr.function, "function", uint, 0, .base = XML_BASE_C,
             .hex = 1, .max = 7, XML_OMIT_IF(pci_bdf_omit)),
    XML_ATTR(DomainPciAddr, multifunction, "multifunction", switch, 0),
    XML_GROUP(&zpci_schema, 0),
    XML_END
};
static XML_SCHEMA(addr_pci, DomainPciAddr, "address", addr_pci_fields);

/* ---- the other buses ---------------------------------------------------------- */

static const XmlField addr_drive_fields[] = {
    XML_ATTR(DomainDriveAddr, controller, "controller", uint, 0),
    XML_ATTR(DomainDriveAddr, bus, "bus", uint, 0),
    XML_ATTR(DomainDriveAddr, target, "target", uint, 0),
    XML_ATTR(DomainDriveAddr, unit, "unit", uint, 0),
    XML_END
};
static XML_SCHEMA(addr_drive, DomainDriveAddr, "address", addr_drive_fields);

static const XmlField addr_vioser_fields[] = {
    XML_ATTR(DomainVioSerialAddr, controller, "controller", uint, 0),
    XML_ATTR(DomainVioSerialAddr, bus, "bus", uint, 0),
    XML_ATTR(DomainVioSerialAddr, port, "port", uint, 0),
    XML_END
};
static XML_SCHEMA(addr_vioser, DomainVioSerialAddr, "address", addr_vioser_fields);

static const XmlField addr_ccid_fields[] = {
    XML_ATTR(DomainCcidAddr, controller, "controller", uint, 0),
    XML_ATTR(DomainCcidAddr, slot, "slot", uint, 0),
    XML_END
};
static XML_SCHEMA(addr_ccid, DomainCcidAddr, "address", addr_ccid_fields);

static const XmlField addr_usb_fields[] = {
    XML_ATTR(DomainUsbAddr, bus, "bus", uint, 0),
    XML_ATTR(DomainUsbAddr, port, "port", string, XF_NONEMPTY),
    XML_END
};

/* USB hub ports are dotted numbers, at most four levels deep. */
static int
addr_usb_validate(XmlCtx *ctx, const void *obj)
{
    const DomainUsbAddr *a = obj;
    g_auto(GStrv) parts = NULL;
    guint n;

    if (!a->port)
        return 0;
    parts = g_strsplit(a->port, ".", -1);
    n = g_strv_length(parts);
    for (guint i = 0; i < n; i++) {
        if (!*parts[i] || strspn(parts[i], "0123456789") != strlen(parts[i]) ||
            strlen(parts[i]) > 3)
            n = 0;
    }
    if (n == 0 || n > 4) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "invalid USB port '%s' in element '%s': expected up to four "
                      "dot-separated numbers", a->port, xmlmap_ctx_path(ctx));
        return -1;
    }
    return 0;
}
static XML_SCHEMA(addr_usb, DomainUsbAddr, "address", addr_usb_fields,
                  .validate = addr_usb_validate);

static const XmlField addr_spapr_fields[] = {
    XML_ATTR(DomainSpaprAddr, reg, "reg", ullong, 0, .base = 16, .hex = 8,
             .max = 0xffffffffULL, XML_HAS(DomainSpaprAddr, has_reg)),
    XML_END
};
static XML_SCHEMA(addr_spapr, DomainSpaprAddr, "address", addr_spapr_fields);

static const XmlField addr_ccw_fields[] = {
    XML_ATTR(DomainCcwAddr, cssid, "cssid", uint, 0, .base = XML_BASE_C, .hex = 1,
             .max = 0xfe),
    XML_ATTR(DomainCcwAddr, ssid, "ssid", uint, 0, .base = XML_BASE_C, .hex = 1, .max = 3),
    XML_ATTR(DomainCcwAddr, devno, "devno", uint, 0, .base = XML_BASE_C, .hex = 4,
             .max = 0xffff),
    XML_END
};
static XML_SCHEMA(addr_ccw, DomainCcwAddr, "address", addr_ccw_fields);

static const XmlField addr_isa_fields[] = {
    XML_ATTR(DomainIsaAddr, iobase, "iobase", uint, XF_OMIT_DEFAULT, .base = 16, .hex = 1,
             .max = 0xffff),
    XML_ATTR(DomainIsaAddr, irq, "irq", uint, XF_OMIT_DEFAULT, .base = 16, .hex = 1,
             .max = 0xff),
    XML_END
};
static XML_SCHEMA(addr_isa, DomainIsaAddr, "address", addr_isa_fields);

static const XmlField addr_dimm_fields[] = {
    XML_ATTR(DomainDimmAddr, slot, "slot", uint, XF_REQUIRED),
    XML_ATTR(DomainDimmAddr, base, "base", ullong, XF_OMIT_DEFAULT, .base = 16, .hex = 1),
    XML_END
};
static XML_SCHEMA(addr_dimm, DomainDimmAddr, "address", addr_dimm_fields);

static const XmlUnionCase addr_cases[] = {
    XML_CASE(DOMAIN_ADDR_PCI, DomainAddress, pci, &addr_pci_schema),
    XML_CASE(DOMAIN_ADDR_DRIVE, DomainAddress, drive, &addr_drive_schema),
    XML_CASE(DOMAIN_ADDR_VIRTIO_SERIAL, DomainAddress, vioser, &addr_vioser_schema),
    XML_CASE(DOMAIN_ADDR_CCID, DomainAddress, ccid, &addr_ccid_schema),
    XML_CASE(DOMAIN_ADDR_USB, DomainAddress, usb, &addr_usb_schema),
    XML_CASE(DOMAIN_ADDR_SPAPR_VIO, DomainAddress, spapr, &addr_spapr_schema),
    XML_CASE(DOMAIN_ADDR_CCW, DomainAddress, ccw, &addr_ccw_schema),
    XML_CASE(DOMAIN_ADDR_ISA, DomainAddress, isa, &addr_isa_schema),
    XML_CASE(DOMAIN_ADDR_DIMM, DomainAddress, dimm, &addr_dimm_schema),
};

static const XmlField address_fields[] = {
    XML_UNION(DomainAddress, type, "type", domain_addr_type, addr_cases, XF_REQUIRED,
              .min = DOMAIN_ADDR_PCI, .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_END
};
XML_SCHEMA(domain_address, DomainAddress, "address", address_fields);

/* ---- the per-device elements, on DomainDeviceInfo ----------------------------------- */

/* Aliases the hypervisor driver made up are runtime state; user aliases
 * ("ua-" prefix) belong to the persistent definition. */
static bool
alias_omit(const void *obj, unsigned int flags)
{
    const DomainDeviceInfo *info = obj;

    return (flags & XMLMAP_FORMAT_INACTIVE) && !domain_alias_is_user(info->alias);
}

static const XmlField info_alias_fields[] = {
    XML_ATTR(DomainDeviceInfo, alias, "name", string, XF_REQUIRED | XF_NONEMPTY,
             XML_OMIT_IF(alias_omit)),
    XML_END
};
XML_SCHEMA(domain_info_alias, DomainDeviceInfo, "alias", info_alias_fields);

static const XmlField info_boot_fields[] = {
    XML_ATTR(DomainDeviceInfo, boot_order, "order", uint,
             XF_REQUIRED | XF_NONZERO | XF_OMIT_DEFAULT),
    XML_ATTR(DomainDeviceInfo, loadparm, "loadparm", string, 0),
    XML_END
};

/* s390 boot loader parameters: 1-8 characters of A-Z, 0-9, '.' or blank. */
static int
info_boot_validate(XmlCtx *ctx, const void *obj)
{
    const DomainDeviceInfo *info = obj;
    size_t len;

    if (!info->loadparm)
        return 0;
    len = strlen(info->loadparm);
    if (len == 0 || len > 8 ||
        strspn(info->loadparm, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
               "0123456789. ") != len) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "invalid loadparm '%s' in element '%s': expected 1 to 8 letters, "
                      "digits, dots or blanks", info->loadparm, xmlmap_ctx_path(ctx));
        return -1;
    }
    return 0;
}
XML_SCHEMA(domain_info_boot, DomainDeviceInfo, "boot", info_boot_fields,
           .validate = info_boot_validate);

static const XmlField info_master_fields[] = {
    XML_ATTR(DomainDeviceInfo, master_startport, "startport", string, XF_REQUIRED),
    XML_END
};
XML_SCHEMA(domain_info_master, DomainDeviceInfo, "master", info_master_fields);

static const XmlField info_rom_fields[] = {
    XML_ATTR(DomainDeviceInfo, rom_enabled, "enabled", tristate, 0),
    XML_ATTR(DomainDeviceInfo, rom_bar, "bar", switch, 0),
    XML_ATTR(DomainDeviceInfo, rom_file, "file", string, 0),
    XML_END
};
XML_SCHEMA(domain_info_rom, DomainDeviceInfo, "rom", info_rom_fields);

static const XmlField info_acpi_fields[] = {
    XML_ATTR(DomainDeviceInfo, acpi_index, "index", uint, XF_OMIT_DEFAULT),
    XML_END
};
XML_SCHEMA(domain_info_acpi, DomainDeviceInfo, "acpi", info_acpi_fields);
