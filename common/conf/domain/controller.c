/* common/conf/domain/controller.c: tables for <controller>. The model
 * attribute takes its values from a different list for each controller
 * type, so every type has its own small case table; PCI controllers add
 * <model name>, <target> and <pcihole64>. */
#include "config.h"

#define ERR_DOMAIN VIR_FROM_DOMAIN
#include "common/util/err.h"
#include "common/conf/domain/devices.h"

ENUM_STRINGS(controller_type, CONTROLLER_LAST,
             "ide", "fdc", "scsi", "sata", "virtio-serial", "ccid", "usb", "pci", "xenbus",
             "isa");

/* Entry 0 of each model table stands for "not given" and is never accepted. */
ENUM_STRINGS_STATIC(ctrl_model_scsi, 14,
                    "default", "auto", "buslogic", "lsilogic", "lsisas1068", "vmpvscsi",
                    "ibmvscsi", "virtio-scsi", "lsisas1078", "virtio-transitional",
                    "virtio-non-transitional", "ncr53c90", "am53c974", "dc390");
ENUM_STRINGS_STATIC(ctrl_model_usb, 15,
                    "default", "piix3-uhci", "piix4-uhci", "ehci", "ich9-ehci1", "ich9-uhci1",
                    "ich9-uhci2", "ich9-uhci3", "vt82c686b-uhci", "pci-ohci", "nec-xhci",
                    "qusb1", "qusb2", "qemu-xhci", "none");
ENUM_STRINGS_STATIC(ctrl_model_ide, 4, "default", "piix3", "piix4", "ich6");
ENUM_STRINGS_STATIC(ctrl_model_pci, 11,
                    "default", "pci-root", "pcie-root", "pci-bridge", "dmi-to-pci-bridge",
                    "pcie-to-pci-bridge", "pcie-root-port", "pcie-switch-upstream-port",
                    "pcie-switch-downstream-port", "pci-expander-bus", "pcie-expander-bus");
ENUM_STRINGS_STATIC(ctrl_model_vioser, 4,
                    "default", "virtio", "virtio-transitional", "virtio-non-transitional");
ENUM_STRINGS_STATIC(ctrl_model_isa, 1, "default");

/* index= is written right after type= and before the type's own attributes,
 * so it is part of every case table. */
#define CTRL_INDEX \
    XML_ATTR(DomainController, index, "index", uint, 0, \
             XML_HAS(DomainController, has_index))

#define CTRL_MODEL(prefix) \
    XML_ATTR_ENUM(DomainController, model, "model", prefix, 0, .min = 1, \
                  .errcode = VIR_ERR_CONFIG_UNSUPPORTED)

static const XmlField ctrl_plain_fields[] = { CTRL_INDEX, XML_END };
static XML_SCHEMA(ctrl_plain, DomainController, "controller", ctrl_plain_fields);

static const XmlField ctrl_scsi_fields[] = {
    CTRL_INDEX, CTRL_MODEL(ctrl_model_scsi), XML_END
};
static XML_SCHEMA(ctrl_scsi, DomainController, "controller", ctrl_scsi_fields);

static const XmlField ctrl_ide_fields[] = {
    CTRL_INDEX, CTRL_MODEL(ctrl_model_ide), XML_END
};
static XML_SCHEMA(ctrl_ide, DomainController, "controller", ctrl_ide_fields);

static const XmlField ctrl_isa_fields[] = {
    CTRL_INDEX, CTRL_MODEL(ctrl_model_isa), XML_END
};
static XML_SCHEMA(ctrl_isa, DomainController, "controller", ctrl_isa_fields);

static const XmlField ctrl_usb_fields[] = {
    CTRL_INDEX, CTRL_MODEL(ctrl_model_usb),
    XML_ATTR(DomainController, ports, "ports", uint, 0, XML_HAS(DomainController, has_ports)),
    XML_END
};
static XML_SCHEMA(ctrl_usb, DomainController, "controller", ctrl_usb_fields);

static const XmlField ctrl_vioser_fields[] = {
    CTRL_INDEX, CTRL_MODEL(ctrl_model_vioser),
    XML_ATTR(DomainController, ports, "ports", uint, 0, XML_HAS(DomainController, has_ports)),
    XML_ATTR(DomainController, vectors, "vectors", uint, 0,
             XML_HAS(DomainController, has_vectors)),
    XML_END
};
static XML_SCHEMA(ctrl_vioser, DomainController, "controller", ctrl_vioser_fields);

static const XmlField ctrl_xenbus_fields[] = {
    CTRL_INDEX,
    XML_ATTR(DomainController, max_grant_frames, "maxGrantFrames", uint, XF_OMIT_DEFAULT),
    XML_ATTR(DomainController, max_event_channels, "maxEventChannels", uint,
             XF_OMIT_DEFAULT),
    XML_END
};
static XML_SCHEMA(ctrl_xenbus, DomainController, "controller", ctrl_xenbus_fields);

static const XmlField pci_model_fields[] = {
    XML_ATTR(DomainController, model_name, "name", string, XF_REQUIRED | XF_NONEMPTY),
    XML_END
};
static XML_SCHEMA(pci_model, DomainController, "model", pci_model_fields);

#define TARGET_U8(fld, nm, ...) \
    XML_ATTR(DomainController, fld, nm, uint, 0, .max = 255, \
             XML_HAS(DomainController, has_##fld), __VA_ARGS__)

static const XmlField pci_target_fields[] = {
    TARGET_U8(chassis_nr, "chassisNr"),
    TARGET_U8(chassis, "chassis"),
    TARGET_U8(port, "port", .base = XML_BASE_C, .hex = 1),
    TARGET_U8(bus_nr, "busNr"),
    TARGET_U8(target_index, "index"),
    XML_ATTR(DomainController, hotplug, "hotplug", switch, 0),
    XML_TEXT(DomainController, numa_node, "node", uint, 0,
             XML_HAS(DomainController, has_numa_node)),
    XML_END
};
static XML_SCHEMA(pci_target, DomainController, "target", pci_target_fields);

static const XmlField ctrl_pci_fields[] = {
    CTRL_INDEX, CTRL_MODEL(ctrl_model_pci),
    XML_GROUP(&pci_model_schema, 0),
    XML_GROUP(&pci_target_schema, 0),
    XML_TEXT(DomainController, pcihole64, "pcihole64", scaled, 0, .scale = 1024,
             .default_scale = 1024, .unit = "KiB",
             XML_HAS(DomainController, has_pcihole64)),
    XML_END
};
static XML_SCHEMA(ctrl_pci, DomainController, "controller", ctrl_pci_fields);

static const XmlUnionCase ctrl_cases[] = {
    XML_CASE_SAME(CONTROLLER_IDE, &ctrl_ide_schema),
    XML_CASE_SAME(CONTROLLER_FDC, &ctrl_plain_schema),
    XML_CASE_SAME(CONTROLLER_SCSI, &ctrl_scsi_schema),
    XML_CASE_SAME(CONTROLLER_SATA, &ctrl_plain_schema),
    XML_CASE_SAME(CONTROLLER_VIRTIO_SERIAL, &ctrl_vioser_schema),
    XML_CASE_SAME(CONTROLLER_CCID, &ctrl_plain_schema),
    XML_CASE_SAME(CONTROLLER_USB, &ctrl_usb_schema),
    XML_CASE_SAME(CONTROLLER_PCI, &ctrl_pci_schema),
    XML_CASE_SAME(CONTROLLER_XENBUS, &ctrl_xenbus_schema),
    XML_CASE_SAME(CONTROLLER_ISA, &ctrl_isa_schema),
};

static const XmlField ctrl_driver_fields[] = {
    XML_ATTR(DomainController, queues, "queues", uint, XF_OMIT_DEFAULT),
    XML_ATTR(DomainController, cmd_per_lun, "cmd_per_lun", uint, XF_OMIT_DEFAULT),
    XML_ATTR(DomainController, max_sectors, "max_sectors", uint, XF_OMIT_DEFAULT),
    XML_ATTR(DomainController, ioeventfd, "ioeventfd", switch, 0),
    XML_ATTR(DomainController, iothread, "iothread", uint, XF_OMIT_DEFAULT),
    DOMAIN_VIRTIO_FIELDS(DomainController, virtio),
    XML_END
};
static XML_SCHEMA(ctrl_driver, DomainController, "driver", ctrl_driver_fields);

static const XmlField controller_fields[] = {
    XML_UNION(DomainController, type, "type", controller_type, ctrl_cases, XF_REQUIRED,
              .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_GROUP(&ctrl_driver_schema, 0),
    DOMAIN_INFO_ALIAS(DomainController),
    DOMAIN_INFO_MASTER(DomainController),
    DOMAIN_INFO_ACPI(DomainController),
    DOMAIN_INFO_ADDRESS(DomainController),
    XML_END
};

/* PCI controllers other than the roots need a model to say what they are. */
static int
controller_validate(XmlCtx *ctx, const void *obj)
{
    const DomainController *c = obj;

    if (c->type == CONTROLLER_PCI && c->model == 0) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "missing model for PCI controller in element '%s'",
                      xmlmap_ctx_path(ctx));
        return -1;
    }
    if (c->info.master_startport && c->type != CONTROLLER_USB) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "<master> is only valid for USB controllers in element '%s'",
                      xmlmap_ctx_path(ctx));
        return -1;
    }
    return 0;
}

XML_SCHEMA(domain_controller, DomainController, "controller", controller_fields,
           .validate = controller_validate);
