/* common/conf/domain/address.h: what every domain device carries besides its
 * own settings: the guest-side <address>, <alias>, <boot>, <rom>, <acpi> and
 * the USB companion <master>. Device tables pull these in with the
 * DOMAIN_INFO_* field macros, in libvirt's order (boot, alias, master, rom,
 * acpi, address). */
#pragma once

#include <stdbool.h>
#include <glib.h>

#include "common/conf/xmlmap.h"
#include "common/conf/netdev_conf.h"
#include "common/util/enumstr.h"

typedef enum {
    DOMAIN_ADDR_NONE,
    DOMAIN_ADDR_PCI,
    DOMAIN_ADDR_DRIVE,
    DOMAIN_ADDR_VIRTIO_SERIAL,
    DOMAIN_ADDR_CCID,
    DOMAIN_ADDR_USB,
    DOMAIN_ADDR_SPAPR_VIO,
    DOMAIN_ADDR_CCW,
    DOMAIN_ADDR_VIRTIO_MMIO,
    DOMAIN_ADDR_ISA,
    DOMAIN_ADDR_DIMM,
    DOMAIN_ADDR_UNASSIGNED,
    DOMAIN_ADDR_LAST
} DomainAddrType;
ENUM_STRINGS_DECL(domain_addr_type);

/* type='pci': domain/bus/slot/function are written only when one of
 * domain, bus or slot is non-zero (an all-zero address means "unassigned
 * yet"); <zpci> holds the s390 PCI identifiers. */
typedef struct {
    PciAddr addr;
    int multifunction;          /* XML_TRISTATE_* (on/off) */
    unsigned int zpci_uid;      /* 1-0xffff */
    bool has_zpci_uid;
    unsigned int zpci_fid;
    bool has_zpci_fid;
} DomainPciAddr;

typedef struct {
    unsigned int controller;
    unsigned int bus;
    unsigned int target;
    unsigned int unit;
} DomainDriveAddr;

typedef struct {
    unsigned int controller;
    unsigned int bus;
    unsigned int port;
} DomainVioSerialAddr;

typedef struct {
    unsigned int controller;
    unsigned int slot;
} DomainCcidAddr;

typedef struct {
    unsigned int bus;
    char *port;                 /* "1", "1.2", ... up to four levels; NULL = any */
} DomainUsbAddr;

typedef struct {
    unsigned long long reg;
    bool has_reg;
} DomainSpaprAddr;

typedef struct {
    unsigned int cssid;         /* 0-0xfe */
    unsigned int ssid;          /* 0-3 */
    unsigned int devno;         /* 0-0xffff */
} DomainCcwAddr;

typedef struct {
    unsigned int iobase;        /* 0 = not set */
    unsigned int irq;           /* 0 = not set */
} DomainIsaAddr;

typedef struct {
    unsigned int slot;
    unsigned long long base;    /* 0 = not set */
} DomainDimmAddr;

/* <address type=...>: only the member matching @type is meaningful. */
typedef struct {
    int type;                   /* DomainAddrType */
    DomainPciAddr pci;
    DomainDriveAddr drive;
    DomainVioSerialAddr vioser;
    DomainCcidAddr ccid;
    DomainUsbAddr usb;
    DomainSpaprAddr spapr;
    DomainCcwAddr ccw;
    DomainIsaAddr isa;
    DomainDimmAddr dimm;
} DomainAddress;

typedef struct {
    char *alias;                /* <alias name=>; only "ua-" ones are persistent */
    unsigned int boot_order;    /* <boot order=>; 0 = no boot entry */
    char *loadparm;             /* <boot loadparm=> (s390) */
    char *master_startport;     /* <master startport=> (USB companion controllers) */
    int rom_enabled;            /* <rom enabled=> XML_TRISTATE_* */
    int rom_bar;                /* <rom bar=> XML_TRISTATE_* (on/off) */
    char *rom_file;             /* <rom file=> */
    unsigned int acpi_index;    /* <acpi index=>; 0 = not set */
    DomainAddress addr;         /* <address> */
} DomainDeviceInfo;

/* The pieces of DomainDeviceInfo, each an element holding fields of the
 * DomainDeviceInfo member called "info". */
extern const XmlSchema domain_info_boot_schema;
extern const XmlSchema domain_info_alias_schema;
extern const XmlSchema domain_info_master_schema;
extern const XmlSchema domain_info_rom_schema;
extern const XmlSchema domain_info_acpi_schema;

/* <address> as a standalone element on a DomainAddress (hostdev sources,
 * interface sources use it with their own struct member). */
extern const XmlSchema domain_address_schema;

#define DOMAIN_INFO_BOOT(T)    XML_EMBED(T, info, &domain_info_boot_schema, 0)
#define DOMAIN_INFO_ALIAS(T)   XML_EMBED(T, info, &domain_info_alias_schema, 0)
#define DOMAIN_INFO_MASTER(T)  XML_EMBED(T, info, &domain_info_master_schema, 0)
#define DOMAIN_INFO_ROM(T)     XML_EMBED(T, info, &domain_info_rom_schema, 0)
#define DOMAIN_INFO_ACPI(T)    XML_EMBED(T, info, &domain_info_acpi_schema, 0)
#define DOMAIN_INFO_ADDRESS(T) XML_EMBED(T, info.addr, &domain_address_schema, 0)

/* alias, acpi, address: every device */
#define DOMAIN_INFO_FIELDS(T) \
    DOMAIN_INFO_ALIAS(T), DOMAIN_INFO_ACPI(T), DOMAIN_INFO_ADDRESS(T)
/* plus <boot>: disks, redirected USB devices */
#define DOMAIN_INFO_FIELDS_BOOT(T) \
    DOMAIN_INFO_BOOT(T), DOMAIN_INFO_FIELDS(T)
/* plus <boot> and <rom>: interfaces and host devices */
#define DOMAIN_INFO_FIELDS_BOOT_ROM(T) \
    DOMAIN_INFO_BOOT(T), DOMAIN_INFO_ALIAS(T), DOMAIN_INFO_ROM(T), \
    DOMAIN_INFO_ACPI(T), DOMAIN_INFO_ADDRESS(T)

/* The virtio transport options every virtio device accepts on its <driver>. */
typedef struct {
    int iommu;                  /* XML_TRISTATE_* (on/off) */
    int ats;
    int packed;
    int page_per_vq;
} DomainVirtioOpts;

#define DOMAIN_VIRTIO_FIELDS(T, m) \
    XML_ATTR(T, m.iommu, "iommu", switch, 0), \
    XML_ATTR(T, m.ats, "ats", switch, 0), \
    XML_ATTR(T, m.packed, "packed", switch, 0), \
    XML_ATTR(T, m.page_per_vq, "page_per_vq", switch, 0)

/**
 * domain_pci_addr_is_set() - whether a PCI address names a slot
 * @addr: the address
 *
 * Return: true when domain, bus or slot is non-zero (libvirt's rule for
 * writing the four attributes out; function alone does not count).
 */
bool domain_pci_addr_is_set(const PciAddr *addr);

/**
 * domain_alias_is_user() - whether an alias was chosen by the user
 * @alias: alias or NULL
 *
 * Return: true for aliases starting with "ua-", which survive in the
 * persistent configuration.
 */
bool domain_alias_is_user(const char *alias);
