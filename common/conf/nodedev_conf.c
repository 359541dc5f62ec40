/* common/conf/nodedev_conf.c: tables for libvirt's node device <device> XML.
 * Each top-level <capability type=...> is a union case; nested capabilities
 * (<capability type='phys_function'> inside a PCI device, etc.) are keyed
 * children. Layout follows libvirt 9.0's output, quirks included. */
#include "config.h"

#include <string.h>

#define ERR_DOMAIN VIR_FROM_NODEDEV
#include "common/util/err.h"
#include "common/util/parse.h"
#include "common/util/uuid.h"
#include "common/conf/nodedev_conf.h"

ENUM_STRINGS(nodedev_cap_type, NODEDEV_CAP_LAST,
             "system", "pci", "usb_device", "usb", "net", "scsi_host", "scsi_target",
             "scsi", "storage", "fc_host", "vports", "scsi_generic", "drm", "mdev_types",
             "mdev", "ccw", "css", "vdpa", "ap_card", "ap_queue", "ap_matrix", "vpd");
ENUM_STRINGS(nodedev_drm_type, NODEDEV_DRM_LAST, "primary", "control", "render");
ENUM_STRINGS(nodedev_link_state, NODEDEV_LINK_STATE_LAST,
             "", "unknown", "notpresent", "down", "lowerlayerdown", "testing", "dormant", "up");

/* Network device features libvirt knows, in the order it lists them. */
static const char *const net_features[] = {
    "rx", "tx", "sg", "tso", "gso", "gro", "lro", "rxvlan", "txvlan", "ntuple", "rxhash",
    "rdma", "txudptnl", "switchdev", NULL
};

static bool
omit_always(const void *obj, unsigned int flags)
{
    return true;
}

/* ---- libvirt's own checks of some values ------------------------------------------
 * libvirt reads the PCI address, the SCSI host number and the system UUID
 * by hand and reports their absence or malformation as internal errors
 * naming the device ("new device" for creation requests). These fields are
 * therefore custom parts of the tables. */

/* The name the errors use: "new device" when creating, else the <name> of
 * the <device> element @node sits in (caller frees). */
static char *
dev_error_name(XmlCtx *ctx, xmlNode *node)
{
    xmlNode *root = node;

    if (xmlmap_ctx_flags(ctx) & NODEDEV_PARSE_CREATE)
        return g_strdup("new device");
    /* the nearest <device>: a host file nests it in <node> */
    while (root && !(root->type == XML_ELEMENT_NODE &&
                     xmlStrEqual(root->name, BAD_CAST "device")))
        root = root->parent;
    if (!root)
        return g_strdup("");
    for (xmlNode *c = root->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, BAD_CAST "name"))
            return (char *) xmlNodeGetContent(c);
    }
    return g_strdup("");
}

static xmlNode *
first_child(xmlNode *node, const char *name)
{
    for (xmlNode *c = node->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE && !c->ns && xmlStrEqual(c->name, BAD_CAST name))
            return c;
    }
    return NULL;
}

/* libvirt's unsigned reading: decimal, the whole text, no sign (leading
 * blanks pass, as strtoul skips them). */
static bool
parse_dec_uint(const char *text, unsigned int *ret)
{
    while (g_ascii_isspace(*text))
        text++;
    return g_ascii_isdigit(*text) && parse_uint(text, 10, ret) == 0;
}

/* <@name> of @node into @ret: "no <what> supplied for '<device>'" when absent
 * or empty, "invalid <what> supplied ..." when not a number. */
static int
parse_required_uint(XmlCtx *ctx, xmlNode *node, const char *name, const char *what,
                    unsigned int *ret)
{
    xmlNode *elem = first_child(node, name);
    g_autofree char *text = elem ? (char *) xmlNodeGetContent(elem) : NULL;
    g_autofree char *dev = NULL;

    if (text && *text && parse_dec_uint(text, ret))
        return 0;
    dev = dev_error_name(ctx, node);
    err_report(VIR_ERR_INTERNAL_ERROR, "%s %s supplied for '%s'",
               text && *text ? "invalid" : "no", what, dev);
    return -1;
}

static void
format_uint_element(XmlOut *out, const char *name, unsigned int v)
{
    g_autofree char *text = g_strdup_printf("%u", v);

    xmlout_text_element(out, name, text);
}

static int
pci_addr_parse(XmlCtx *ctx, xmlNode *node, void *obj)
{
    NodeDevPci *pci = obj;

    if (parse_required_uint(ctx, node, "domain", "PCI domain ID", &pci->domain) < 0 ||
        parse_required_uint(ctx, node, "bus", "PCI bus ID", &pci->bus) < 0 ||
        parse_required_uint(ctx, node, "slot", "PCI slot ID", &pci->slot) < 0 ||
        parse_required_uint(ctx, node, "function", "PCI function ID", &pci->function) < 0)
        return -1;
    return 1;
}

static void
pci_addr_format(XmlOut *out, const void *obj)
{
    const NodeDevPci *pci = obj;

    format_uint_element(out, "domain", pci->domain);
    format_uint_element(out, "bus", pci->bus);
    format_uint_element(out, "slot", pci->slot);
    format_uint_element(out, "function", pci->function);
}

static const char *const pci_addr_names[] = { "domain", "bus", "slot", "function", NULL };
XML_CUSTOM_DEFINE(pci_addr_custom,
                  "libvirt reports a missing or bad PCI address part as an internal error "
                  "naming the device, which the codecs' path-based messages cannot say",
                  .parse = pci_addr_parse, .format_body = pci_addr_format,
                  .consumes = pci_addr_names);

static int
scsi_host_number_parse(XmlCtx *ctx, xmlNode *node, void *obj)
{
    NodeDevScsiHost *host = obj;

    /* a creation request names no host: the kernel picks it */
    if (xmlmap_ctx_flags(ctx) & NODEDEV_PARSE_CREATE)
        return 0;
    if (parse_required_uint(ctx, node, "host", "SCSI host ID", &host->host) < 0)
        return -1;
    return 1;
}

static void
scsi_host_number_format(XmlOut *out, const void *obj)
{
    format_uint_element(out, "host", ((const NodeDevScsiHost *) obj)->host);
}

static const char *const scsi_host_number_names[] = { "host", NULL };
XML_CUSTOM_DEFINE(scsi_host_number_custom,
                  "required for existing devices only, ignored in creation requests, and "
                  "reported like libvirt's own reading of it",
                  .parse = scsi_host_number_parse, .format_body = scsi_host_number_format,
                  .consumes = scsi_host_number_names);

static int
hw_uuid_parse(XmlCtx *ctx, xmlNode *node, void *obj)
{
    NodeDevSystem *sys = obj;
    xmlNode *elem = first_child(node, "uuid");
    g_autofree char *text = elem ? (char *) xmlNodeGetContent(elem) : NULL;

    if (!text)
        return 0;
    if (uuid_parse(text, sys->hw_uuid) < 0) {
        g_autofree char *dev = dev_error_name(ctx, node);

        err_report(VIR_ERR_INTERNAL_ERROR, "malformed uuid element for '%s'", dev);
        return -1;
    }
    sys->has_hw_uuid = true;
    return 1;
}

static void
hw_uuid_format(XmlOut *out, const void *obj)
{
    char text[UUID_STR_LEN];

    uuid_format(((const NodeDevSystem *) obj)->hw_uuid, text);
    xmlout_text_element(out, "uuid", text);
}

static const char *const hw_uuid_names[] = { "uuid", NULL };
XML_CUSTOM_DEFINE(hw_uuid_custom,
                  "a malformed system UUID is an internal error naming the device in "
                  "libvirt, and its absence is checked on the whole device",
                  .parse = hw_uuid_parse, .format_body = hw_uuid_format,
                  .consumes = hw_uuid_names);

/* ---- mediated device types (pci, css, ap_matrix parents) ------------------------ */

static const XmlField mdev_type_fields[] = {
    XML_ATTR(NodeDevMdevType, id, "id", string, XF_REQUIRED),
    XML_TEXT(NodeDevMdevType, name, "name", string, 0),
    XML_TEXT(NodeDevMdevType, device_api, "deviceAPI", string, XF_REQUIRED),
    XML_TEXT(NodeDevMdevType, available_instances, "availableInstances", uint, XF_REQUIRED),
    XML_END
};
static XML_SCHEMA(mdev_type, NodeDevMdevType, "type", mdev_type_fields);

static const XmlField mdev_types_fields[] = {
    XML_CHILDREN(NodeDevMdevTypes, types, ntypes, &mdev_type_schema, 0),
    XML_END
};
static XML_SCHEMA(mdev_types, NodeDevMdevTypes, "capability", mdev_types_fields);

#define MDEV_TYPES_FIELD(T, m) \
    XML_EMBED(T, m, &mdev_types_schema, 0, XML_KEY("type", "mdev_types"))

/* ---- system ----------------------------------------------------------------- */

static const XmlField hardware_fields[] = {
    XML_TEXT(NodeDevSystem, hw_vendor, "vendor", string, 0),
    XML_TEXT(NodeDevSystem, hw_version, "version", string, 0),
    XML_TEXT(NodeDevSystem, hw_serial, "serial", string, 0),
    XML_CUSTOM(&hw_uuid_custom, 0),
    XML_END
};
static XML_SCHEMA(hardware, NodeDevSystem, "hardware", hardware_fields);

static const XmlField firmware_fields[] = {
    XML_TEXT(NodeDevSystem, fw_vendor, "vendor", string, 0),
    XML_TEXT(NodeDevSystem, fw_version, "version", string, 0),
    XML_TEXT(NodeDevSystem, fw_release_date, "release_date", string, 0),
    XML_END
};
static XML_SCHEMA(firmware, NodeDevSystem, "firmware", firmware_fields,
                  .flags = XS_NO_SELF_CLOSE);

static const XmlField system_fields[] = {
    XML_TEXT(NodeDevSystem, product_name, "product", string, 0),
    XML_GROUP(&hardware_schema, XF_KEEP_EMPTY),
    XML_GROUP(&firmware_schema, XF_KEEP_EMPTY),
    XML_END
};
static XML_SCHEMA(system, NodeDevSystem, "capability", system_fields);

/* ---- pci ------------------------------------------------------------------------ */

static const XmlField pci_product_fields[] = {
    XML_ATTR(NodeDevPci, product, "id", uint, XF_REQUIRED, .base = XML_BASE_C, .hex = 4),
    XML_TEXT(NodeDevPci, product_name, NULL, string, 0),
    XML_END
};
static XML_SCHEMA(pci_product, NodeDevPci, "product", pci_product_fields);

static const XmlField pci_vendor_fields[] = {
    XML_ATTR(NodeDevPci, vendor, "id", uint, XF_REQUIRED, .base = XML_BASE_C, .hex = 4),
    XML_TEXT(NodeDevPci, vendor_name, NULL, string, 0),
    XML_END
};
static XML_SCHEMA(pci_vendor, NodeDevPci, "vendor", pci_vendor_fields);

static const XmlField phys_function_fields[] = {
    XML_EMBED(NodeDevPci, phys_function, &pci_addr_schema, XF_KEEP_EMPTY),
    XML_END
};
static XML_SCHEMA(phys_function, NodeDevPci, "capability", phys_function_fields);

static const XmlField virt_functions_fields[] = {
    XML_ATTR(NodeDevPci, max_vfs, "maxCount", uint, XF_OMIT_DEFAULT),
    XML_CHILDREN(NodeDevPci, vfs, nvfs, &pci_addr_schema, 0),
    XML_END
};
static XML_SCHEMA(virt_functions, NodeDevPci, "capability", virt_functions_fields);

static const XmlField iommu_group_fields[] = {
    XML_ATTR(NodeDevPci, iommu_group, "number", uint, 0),
    XML_CHILDREN(NodeDevPci, iommu_devs, niommu_devs, &pci_addr_schema, 0),
    XML_END
};
static XML_SCHEMA(iommu_group, NodeDevPci, "iommuGroup", iommu_group_fields);

static const XmlField numa_fields[] = {
    XML_ATTR(NodeDevPci, numa_node, "node", int, 0, .smin = -1,
             XML_HAS(NodeDevPci, has_numa)),
    XML_END
};
static XML_SCHEMA(numa, NodeDevPci, "numa", numa_fields);

static const XmlField pcie_link_fields[] = {
    XML_ATTR(NodeDevPcieLink, port, "port", int, 0, .smin = 0,
             XML_HAS(NodeDevPcieLink, has_port)),
    XML_ATTR(NodeDevPcieLink, speed, "speed", string, 0),
    XML_ATTR(NodeDevPcieLink, width, "width", uint, XF_REQUIRED),
    XML_END
};
static XML_SCHEMA(pcie_link, NodeDevPcieLink, "link", pcie_link_fields);

static const XmlField pcie_fields[] = {
    XML_EMBED(NodeDevPci, link_cap, &pcie_link_schema, 0, XML_KEY("validity", "cap"),
              XML_HAS(NodeDevPci, link_cap.present)),
    XML_EMBED(NodeDevPci, link_sta, &pcie_link_schema, 0, XML_KEY("validity", "sta"),
              XML_HAS(NodeDevPci, link_sta.present)),
    XML_END
};
static XML_SCHEMA(pcie, NodeDevPci, "pci-express", pcie_fields);

static const XmlField vpd_field_fields[] = {
    XML_ATTR(NodeDevVpdField, index, "index", string, XF_REQUIRED),
    XML_TEXT(NodeDevVpdField, value, NULL, string, XF_KEEP_EMPTY),
    XML_END
};
static XML_SCHEMA(vpd_vendor_field, NodeDevVpdField, "vendor_field", vpd_field_fields);
static XML_SCHEMA(vpd_system_field, NodeDevVpdField, "system_field", vpd_field_fields);

static const XmlField vpd_ro_fields[] = {
    XML_TEXT(NodeDevVpd, change_level, "change_level", string, 0),
    XML_TEXT(NodeDevVpd, manufacture_id, "manufacture_id", string, 0),
    XML_TEXT(NodeDevVpd, part_number, "part_number", string, 0),
    XML_TEXT(NodeDevVpd, serial_number, "serial_number", string, 0),
    XML_CHILDREN(NodeDevVpd, ro_vendor, nro_vendor, &vpd_vendor_field_schema, 0),
    XML_END
};
static XML_SCHEMA(vpd_ro, NodeDevVpd, "fields", vpd_ro_fields, .flags = XS_NO_SELF_CLOSE);

static const XmlField vpd_rw_fields[] = {
    XML_TEXT(NodeDevVpd, asset_tag, "asset_tag", string, 0),
    XML_CHILDREN(NodeDevVpd, rw_vendor, nrw_vendor, &vpd_vendor_field_schema, 0),
    XML_CHILDREN(NodeDevVpd, rw_system, nrw_system, &vpd_system_field_schema, 0),
    XML_END
};
static XML_SCHEMA(vpd_rw, NodeDevVpd, "fields", vpd_rw_fields, .flags = XS_NO_SELF_CLOSE);

static const XmlField vpd_fields[] = {
    XML_TEXT(NodeDevVpd, name, "name", string, XF_REQUIRED),
    XML_GROUP(&vpd_ro_schema, 0, XML_KEY("access", "readonly"), XML_HAS(NodeDevVpd, has_ro)),
    XML_GROUP(&vpd_rw_schema, 0, XML_KEY("access", "readwrite"), XML_HAS(NodeDevVpd, has_rw)),
    XML_END
};
static XML_SCHEMA(vpd, NodeDevVpd, "capability", vpd_fields);

static bool
omit_empty_iommu(const void *obj, unsigned int flags)
{
    return ((const NodeDevPci *) obj)->niommu_devs == 0;
}

static const XmlField pci_fields[] = {
    XML_TEXT(NodeDevPci, klass, "class", uint, 0, .base = XML_BASE_C, .hex = 6,
             .max = 0xffffff, XML_HAS(NodeDevPci, has_class)),
    XML_CUSTOM(&pci_addr_custom, 0),
    XML_GROUP(&pci_product_schema, XF_REQUIRED),
    XML_GROUP(&pci_vendor_schema, XF_REQUIRED),
    XML_GROUP(&phys_function_schema, 0, XML_KEY("type", "phys_function"),
              XML_HAS(NodeDevPci, has_phys_function)),
    XML_GROUP(&virt_functions_schema, 0, XML_KEY("type", "virt_functions"),
              XML_HAS(NodeDevPci, has_virt_functions)),
    XML_PRESENCE(NodeDevPci, pci_bridge, "capability", 0, XML_KEY("type", "pci-bridge")),
    XML_PRESENCE(NodeDevPci, cardbus_bridge, "capability", 0,
                 XML_KEY("type", "cardbus-bridge")),
    MDEV_TYPES_FIELD(NodeDevPci, mdev_types),
    XML_CHILD(NodeDevPci, vpd, &vpd_schema, 0, XML_KEY("type", "vpd")),
    XML_GROUP(&iommu_group_schema, 0, XML_OMIT_IF(omit_empty_iommu)),
    XML_GROUP(&numa_schema, 0),
    XML_GROUP(&pcie_schema, 0, XML_HAS(NodeDevPci, has_pcie)),
    XML_END
};
static XML_SCHEMA(pci, NodeDevPci, "capability", pci_fields);

/* ---- usb ------------------------------------------------------------------------ */

/* libvirt writes an unnamed USB product or vendor as <product id='0x1234' /> */
static const XmlField usb_product_fields[] = {
    XML_ATTR(NodeDevUsbDev, product, "id", uint, XF_REQUIRED, .base = XML_BASE_C, .hex = 4),
    XML_TEXT(NodeDevUsbDev, product_name, NULL, string, 0),
    XML_END
};
static XML_SCHEMA(usb_product, NodeDevUsbDev, "product", usb_product_fields,
                  .flags = XS_SPACE_CLOSE);

static const XmlField usb_vendor_fields[] = {
    XML_ATTR(NodeDevUsbDev, vendor, "id", uint, XF_REQUIRED, .base = XML_BASE_C, .hex = 4),
    XML_TEXT(NodeDevUsbDev, vendor_name, NULL, string, 0),
    XML_END
};
static XML_SCHEMA(usb_vendor, NodeDevUsbDev, "vendor", usb_vendor_fields,
                  .flags = XS_SPACE_CLOSE);

static const XmlField usb_dev_fields[] = {
    XML_TEXT(NodeDevUsbDev, bus, "bus", uint, XF_REQUIRED),
    XML_TEXT(NodeDevUsbDev, device, "device", uint, XF_REQUIRED),
    XML_GROUP(&usb_product_schema, XF_REQUIRED),
    XML_GROUP(&usb_vendor_schema, XF_REQUIRED),
    XML_END
};
static XML_SCHEMA(usb_dev, NodeDevUsbDev, "capability", usb_dev_fields);

static const XmlField usb_if_fields[] = {
    XML_TEXT(NodeDevUsbIf, number, "number", uint, XF_REQUIRED),
    XML_TEXT(NodeDevUsbIf, klass, "class", uint, XF_REQUIRED),
    XML_TEXT(NodeDevUsbIf, subclass, "subclass", uint, XF_REQUIRED),
    XML_TEXT(NodeDevUsbIf, protocol, "protocol", uint, XF_REQUIRED),
    XML_TEXT(NodeDevUsbIf, description, "description", string, 0),
    XML_END
};
static XML_SCHEMA(usb_if, NodeDevUsbIf, "capability", usb_if_fields);

/* ---- net ------------------------------------------------------------------------ */

static const XmlField net_link_fields[] = {
    XML_ATTR(NodeDevNet, link_speed, "speed", uint, XF_OMIT_DEFAULT),
    XML_ATTR_ENUM(NodeDevNet, link_state, "state", nodedev_link_state, 0, .min = 1),
    XML_END
};
static XML_SCHEMA(net_link, NodeDevNet, "link", net_link_fields);

static const XmlField net_feature_fields[] = {
    XML_ATTR(NodeDevNetFeature, name, "name", string, XF_REQUIRED),
    XML_END
};

static int
net_feature_validate(XmlCtx *ctx, const void *obj)
{
    const NodeDevNetFeature *f = obj;

    for (const char *const *p = net_features; *p; p++) {
        if (g_str_equal(*p, f->name))
            return 0;
    }
    xmlmap_report(ctx, VIR_ERR_XML_ERROR, "unknown network device feature '%s' in '%s'",
                  f->name, xmlmap_ctx_path(ctx));
    return -1;
}

static XML_SCHEMA(net_feature, NodeDevNetFeature, "feature", net_feature_fields,
                  .validate = net_feature_validate);

static const XmlField net_fields[] = {
    XML_TEXT(NodeDevNet, ifname, "interface", string, XF_REQUIRED),
    XML_TEXT(NodeDevNet, address, "address", string, 0),
    XML_GROUP(&net_link_schema, 0),
    XML_CHILDREN(NodeDevNet, features, nfeatures, &net_feature_schema, 0),
    XML_PRESENCE(NodeDevNet, is_80203, "capability", 0, XML_KEY("type", "80203")),
    XML_PRESENCE(NodeDevNet, is_80211, "capability", 0, XML_KEY("type", "80211")),
    XML_END
};
static XML_SCHEMA(net, NodeDevNet, "capability", net_fields);

/* ---- scsi ----------------------------------------------------------------------- */

static const XmlField fc_host_fields[] = {
    XML_TEXT(NodeDevScsiHost, wwnn, "wwnn", string, 0),
    XML_TEXT(NodeDevScsiHost, wwpn, "wwpn", string, 0),
    XML_TEXT(NodeDevScsiHost, fabric_wwn, "fabric_wwn", string, 0),
    XML_END
};
static XML_SCHEMA(fc_host, NodeDevScsiHost, "capability", fc_host_fields);

static const XmlField vport_ops_fields[] = {
    XML_TEXT(NodeDevScsiHost, max_vports, "max_vports", int, 0),
    XML_TEXT(NodeDevScsiHost, vports, "vports", int, 0),
    XML_END
};
static XML_SCHEMA(vport_ops, NodeDevScsiHost, "capability", vport_ops_fields);

static const XmlField scsi_host_fields[] = {
    XML_CUSTOM(&scsi_host_number_custom, 0),
    XML_TEXT(NodeDevScsiHost, unique_id, "unique_id", int, 0,
             XML_HAS(NodeDevScsiHost, has_unique_id)),
    XML_GROUP(&fc_host_schema, 0, XML_KEY("type", "fc_host"),
              XML_HAS(NodeDevScsiHost, has_fc_host)),
    XML_GROUP(&vport_ops_schema, 0, XML_KEY("type", "vport_ops"),
              XML_HAS(NodeDevScsiHost, has_vport_ops)),
    XML_END
};
static XML_SCHEMA(scsi_host, NodeDevScsiHost, "capability", scsi_host_fields);

static const XmlField fc_rport_fields[] = {
    XML_TEXT(NodeDevScsiTarget, rport, "rport", string, 0),
    XML_TEXT(NodeDevScsiTarget, wwpn, "wwpn", string, 0),
    XML_END
};
static XML_SCHEMA(fc_rport, NodeDevScsiTarget, "capability", fc_rport_fields);

static const XmlField scsi_target_fields[] = {
    XML_TEXT(NodeDevScsiTarget, name, "target", string, XF_REQUIRED),
    XML_GROUP(&fc_rport_schema, 0, XML_KEY("type", "fc_remote_port"),
              XML_HAS(NodeDevScsiTarget, has_fc_rport)),
    XML_END
};
static XML_SCHEMA(scsi_target, NodeDevScsiTarget, "capability", scsi_target_fields);

static const XmlField scsi_fields[] = {
    XML_TEXT(NodeDevScsi, host, "host", uint, XF_REQUIRED),
    XML_TEXT(NodeDevScsi, bus, "bus", uint, XF_REQUIRED),
    XML_TEXT(NodeDevScsi, target, "target", uint, XF_REQUIRED),
    XML_TEXT(NodeDevScsi, lun, "lun", uint, XF_REQUIRED),
    XML_TEXT(NodeDevScsi, type, "type", string, 0),
    XML_END
};
static XML_SCHEMA(scsi, NodeDevScsi, "capability", scsi_fields);

/* ---- storage -------------------------------------------------------------------- */

static bool
omit_if_removable(const void *obj, unsigned int flags)
{
    return ((const NodeDevStorage *) obj)->has_removable;
}

static const XmlField removable_fields[] = {
    XML_TEXT(NodeDevStorage, media_available, "media_available", uint, 0, .max = 1),
    XML_TEXT(NodeDevStorage, media_size, "media_size", ullong, 0),
    XML_TEXT(NodeDevStorage, media_label, "media_label", string, 0),
    XML_TEXT(NodeDevStorage, logical_block_size, "logical_block_size", ullong,
             XF_OMIT_DEFAULT),
    XML_TEXT(NodeDevStorage, num_blocks, "num_blocks", ullong, XF_OMIT_DEFAULT),
    XML_END
};
static XML_SCHEMA(removable, NodeDevStorage, "capability", removable_fields);

static const XmlField storage_fields[] = {
    XML_TEXT(NodeDevStorage, block, "block", string, XF_REQUIRED),
    XML_TEXT(NodeDevStorage, bus, "bus", string, 0),
    XML_TEXT(NodeDevStorage, drive_type, "drive_type", string, 0),
    XML_TEXT(NodeDevStorage, model, "model", string, 0),
    XML_TEXT(NodeDevStorage, vendor, "vendor", string, 0),
    XML_TEXT(NodeDevStorage, serial, "serial", string, 0),
    XML_GROUP(&removable_schema, 0, XML_KEY("type", "removable"),
              XML_HAS(NodeDevStorage, has_removable)),
    XML_TEXT(NodeDevStorage, size, "size", ullong, 0, XML_OMIT_IF(omit_if_removable)),
    XML_TEXT(NodeDevStorage, logical_block_size, "logical_block_size", ullong,
             XF_OMIT_DEFAULT, XML_OMIT_IF(omit_if_removable)),
    XML_TEXT(NodeDevStorage, num_blocks, "num_blocks", ullong, XF_OMIT_DEFAULT,
             XML_OMIT_IF(omit_if_removable)),
    XML_PRESENCE(NodeDevStorage, hotpluggable, "capability", 0,
                 XML_KEY("type", "hotpluggable")),
    XML_END
};
static XML_SCHEMA(storage, NodeDevStorage, "capability", storage_fields);

/* ---- mdev, ccw/css, ap ----------------------------------------------------------- */

static const XmlField mdev_type_id_fields[] = {
    XML_ATTR(NodeDevMdev, type, "id", string, XF_REQUIRED),
    XML_END
};
static XML_SCHEMA(mdev_type_id, NodeDevMdev, "type", mdev_type_id_fields);

static const XmlField mdev_iommu_fields[] = {
    XML_ATTR(NodeDevMdev, iommu_group, "number", uint, 0),
    XML_END
};
static XML_SCHEMA(mdev_iommu, NodeDevMdev, "iommuGroup", mdev_iommu_fields);

static const XmlField mdev_attr_fields[] = {
    XML_ATTR(NodeDevMdevAttr, name, "name", string, XF_REQUIRED),
    XML_ATTR(NodeDevMdevAttr, value, "value", string, XF_REQUIRED),
    XML_END
};
static XML_SCHEMA(mdev_attr, NodeDevMdevAttr, "attr", mdev_attr_fields);

static const XmlField mdev_fields[] = {
    XML_GROUP(&mdev_type_id_schema, XF_REQUIRED),
    XML_TEXT(NodeDevMdev, uuid, "uuid", string, 0),
    XML_TEXT(NodeDevMdev, parent_addr, "parent_addr", string, 0),
    XML_GROUP(&mdev_iommu_schema, 0),
    XML_CHILDREN(NodeDevMdev, attrs, nattrs, &mdev_attr_schema, 0),
    XML_END
};
static XML_SCHEMA(mdev, NodeDevMdev, "capability", mdev_fields);

#define CCW_ADDR_FIELDS(T, m) \
    XML_TEXT(T, m.cssid, "cssid", uint, XF_REQUIRED, .base = XML_BASE_C, .hex = 1, \
             .max = 0xfe), \
    XML_TEXT(T, m.ssid, "ssid", uint, XF_REQUIRED, .base = XML_BASE_C, .hex = 1, .max = 3), \
    XML_TEXT(T, m.devno, "devno", uint, XF_REQUIRED, .base = XML_BASE_C, .hex = 4, \
             .max = 0xffff)

static const XmlField channel_dev_fields[] = {
    CCW_ADDR_FIELDS(NodeDevCcw, channel_dev),
    XML_END
};
static XML_SCHEMA(channel_dev, NodeDevCcw, "channel_dev_addr", channel_dev_fields);

static const XmlField ccw_fields[] = {
    CCW_ADDR_FIELDS(NodeDevCcw, addr),
    XML_END
};
static XML_SCHEMA(ccw, NodeDevCcw, "capability", ccw_fields);

static const XmlField css_fields[] = {
    CCW_ADDR_FIELDS(NodeDevCcw, addr),
    XML_GROUP(&channel_dev_schema, 0, XML_HAS(NodeDevCcw, has_channel_dev)),
    MDEV_TYPES_FIELD(NodeDevCcw, mdev_types),
    XML_END
};
static XML_SCHEMA(css, NodeDevCcw, "capability", css_fields);

static const XmlField ap_card_fields[] = {
    XML_TEXT(NodeDevAp, adapter, "ap-adapter", uint, XF_REQUIRED, .base = XML_BASE_C,
             .hex = 2, .max = 0xff),
    XML_END
};
static XML_SCHEMA(ap_card, NodeDevAp, "capability", ap_card_fields);

static const XmlField ap_queue_fields[] = {
    XML_TEXT(NodeDevAp, adapter, "ap-adapter", uint, XF_REQUIRED, .base = XML_BASE_C,
             .hex = 2, .max = 0xff),
    XML_TEXT(NodeDevAp, domain, "ap-domain", uint, XF_REQUIRED, .base = XML_BASE_C,
             .hex = 4, .max = 0xff),
    XML_END
};
static XML_SCHEMA(ap_queue, NodeDevAp, "capability", ap_queue_fields);

static const XmlField ap_matrix_fields[] = {
    MDEV_TYPES_FIELD(NodeDevMdevTypes, types),
    XML_END
};
static XML_SCHEMA(ap_matrix, NodeDevMdevTypes, "capability", ap_matrix_fields);

static const XmlField sg_fields[] = {
    XML_TEXT(NodeDevCap, u.sg_char, "char", string, XF_REQUIRED),
    XML_END
};
static XML_SCHEMA(sg, NodeDevCap, "capability", sg_fields);

static const XmlField drm_fields[] = {
    XML_TEXT_ENUM(NodeDevCap, u.drm_type, "type", nodedev_drm_type, XF_REQUIRED),
    XML_END
};
static XML_SCHEMA(drm, NodeDevCap, "capability", drm_fields);

static const XmlField vdpa_fields[] = {
    XML_TEXT(NodeDevCap, u.vdpa_chardev, "chardev", string, XF_REQUIRED),
    XML_END
};
static XML_SCHEMA(vdpa, NodeDevCap, "capability", vdpa_fields);

/* ---- <capability> and <device> ------------------------------------------------- */

static const XmlUnionCase cap_cases[] = {
    XML_CASE(NODEDEV_CAP_SYSTEM, NodeDevCap, u.system, &system_schema),
    XML_CASE(NODEDEV_CAP_PCI, NodeDevCap, u.pci, &pci_schema),
    XML_CASE(NODEDEV_CAP_USB_DEV, NodeDevCap, u.usb_dev, &usb_dev_schema),
    XML_CASE(NODEDEV_CAP_USB_IF, NodeDevCap, u.usb_if, &usb_if_schema),
    XML_CASE(NODEDEV_CAP_NET, NodeDevCap, u.net, &net_schema),
    XML_CASE(NODEDEV_CAP_SCSI_HOST, NodeDevCap, u.scsi_host, &scsi_host_schema),
    XML_CASE(NODEDEV_CAP_SCSI_TARGET, NodeDevCap, u.scsi_target, &scsi_target_schema),
    XML_CASE(NODEDEV_CAP_SCSI, NodeDevCap, u.scsi, &scsi_schema),
    XML_CASE(NODEDEV_CAP_STORAGE, NodeDevCap, u.storage, &storage_schema),
    XML_CASE_SAME(NODEDEV_CAP_SCSI_GENERIC, &sg_schema),
    XML_CASE_SAME(NODEDEV_CAP_DRM, &drm_schema),
    XML_CASE(NODEDEV_CAP_MDEV, NodeDevCap, u.mdev, &mdev_schema),
    XML_CASE(NODEDEV_CAP_CCW, NodeDevCap, u.ccw, &ccw_schema),
    XML_CASE(NODEDEV_CAP_CSS, NodeDevCap, u.ccw, &css_schema),
    XML_CASE_SAME(NODEDEV_CAP_VDPA, &vdpa_schema),
    XML_CASE(NODEDEV_CAP_AP_CARD, NodeDevCap, u.ap, &ap_card_schema),
    XML_CASE(NODEDEV_CAP_AP_QUEUE, NodeDevCap, u.ap, &ap_queue_schema),
    XML_CASE(NODEDEV_CAP_AP_MATRIX, NodeDevCap, u.ap_matrix, &ap_matrix_schema),
};

static const XmlField cap_fields[] = {
    XML_UNION(NodeDevCap, type, "type", nodedev_cap_type, cap_cases, XF_REQUIRED),
    XML_END
};

static int
cap_validate(XmlCtx *ctx, const void *obj)
{
    const NodeDevCap *cap = obj;

    switch ((NodeDevCapType) cap->type) {
    case NODEDEV_CAP_FC_HOST:
    case NODEDEV_CAP_VPORTS:
    case NODEDEV_CAP_MDEV_TYPES:
    case NODEDEV_CAP_VPD:
    case NODEDEV_CAP_LAST:
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "capability type '%s' in '%s' is only valid nested in another one",
                      nodedev_cap_type_to_string(cap->type), xmlmap_ctx_path(ctx));
        return -1;
    default:
        return 0;
    }
}

static XML_SCHEMA(cap, NodeDevCap, "capability", cap_fields, .validate = cap_validate);

static const XmlField driver_fields[] = {
    XML_TEXT(NodeDevDef, driver, "name", string, 0),
    XML_END
};
static XML_SCHEMA(driver, NodeDevDef, "driver", driver_fields);

static const XmlField parent_fields[] = {
    XML_TEXT(NodeDevDef, parent, NULL, string, 0),
    XML_ATTR(NodeDevDef, parent_wwnn, "wwnn", string, 0, XML_OMIT_IF(omit_always)),
    XML_ATTR(NodeDevDef, parent_wwpn, "wwpn", string, 0, XML_OMIT_IF(omit_always)),
    XML_ATTR(NodeDevDef, parent_fabric_wwn, "fabric_wwn", string, 0,
             XML_OMIT_IF(omit_always)),
    XML_END
};
static XML_SCHEMA(parent, NodeDevDef, "parent", parent_fields);

static const XmlField device_fields[] = {
    XML_TEXT(NodeDevDef, name, "name", string, 0),
    XML_TEXT(NodeDevDef, sysfs_path, "path", string, 0),
    XML_TEXT(NodeDevDef, devnode, "devnode", string, 0, XML_KEY("type", "dev")),
    XML_LIST(NodeDevDef, devlinks, ndevlinks, "devnode", string, 0, XML_KEY("type", "link")),
    XML_GROUP(&parent_schema, 0),
    XML_GROUP(&driver_schema, 0),
    XML_CHILDREN(NodeDevDef, caps, ncaps, &cap_schema, 0),
    XML_END
};

static int
device_validate(XmlCtx *ctx, const void *obj)
{
    const NodeDevDef *def = obj;

    if (def->ncaps == 0) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR, "node device '%s' has no <capability>",
                      def->name ? def->name : "");
        return -1;
    }
    for (size_t i = 0; i < def->ncaps; i++) {
        if (def->caps[i].type == NODEDEV_CAP_SYSTEM && !def->caps[i].u.system.has_hw_uuid) {
            err_report(VIR_ERR_INTERNAL_ERROR, "no system UUID supplied for '%s'",
                       (xmlmap_ctx_flags(ctx) & NODEDEV_PARSE_CREATE) ? "new device" :
                       def->name ? def->name : "");
            return -1;
        }
    }
    if (!def->parent_wwnn != !def->parent_wwpn) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "<parent> of node device '%s' needs both wwnn and wwpn",
                      def->name ? def->name : "");
        return -1;
    }
    return 0;
}

XML_SCHEMA(nodedev_def, NodeDevDef, "device", device_fields,
           .domain = VIR_FROM_NODEDEV, .doc_label = "(node_device_definition)",
           .validate = device_validate);

/**
 * nodedev_def_find_cap() - look up a capability of a node device
 * @def: device
 * @type: NodeDevCapType
 *
 * Return: the first capability of that type, or NULL. Never reports.
 */
NodeDevCap *
nodedev_def_find_cap(const NodeDevDef *def, int type)
{
    for (size_t i = 0; i < def->ncaps; i++) {
        if (def->caps[i].type == type)
            return &def->caps[i];
    }
    return NULL;
}

/**
 * nodedev_def_parse_string() - parse node device XML
 * @xml: document text
 * @flags: XMLMAP_PARSE_*
 *
 * Return: the device, or NULL with an error reported.
 */
NodeDevDef *
nodedev_def_parse_string(const char *xml, unsigned int flags)
{
    void *def = NULL;

    if (xmlmap_parse_string(&nodedev_def_schema, xml, &def, flags) < 0)
        return NULL;
    return def;
}

/**
 * nodedev_def_format() - format a node device
 * @def: device
 * @flags: XMLMAP_FORMAT_*
 *
 * Return: the XML text (caller frees).
 */
char *
nodedev_def_format(const NodeDevDef *def, unsigned int flags)
{
    return xmlmap_format(&nodedev_def_schema, def, flags);
}

/**
 * nodedev_def_free() - free a node device definition
 * @def: device, may be NULL
 */
void
nodedev_def_free(NodeDevDef *def)
{
    xmlmap_free(&nodedev_def_schema, def);
}
