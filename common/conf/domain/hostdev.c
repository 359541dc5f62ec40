/* common/conf/domain/hostdev.c: the <hostdev> table. mode= picks between
 * host subsystems (usb, pci, scsi, scsi_host, mdev) and container
 * capabilities (storage, misc, net); type= then picks the source layout.
 * The whole-domain rule on mediated devices lives in devices.c. */
#include "config.h"

#include <string.h>
#include <sys/socket.h>

#define ERR_DOMAIN VIR_FROM_DOMAIN
#include "common/util/err.h"
#include "common/conf/domain/devices.h"

ENUM_STRINGS(hostdev_mode, HOSTDEV_MODE_LAST, "subsystem", "capabilities");
ENUM_STRINGS(hostdev_subsys_type, HOSTDEV_SUBSYS_LAST, "usb", "pci", "scsi", "scsi_host", "mdev");
ENUM_STRINGS(hostdev_caps_type, HOSTDEV_CAPS_LAST, "storage", "misc", "net");
ENUM_STRINGS(mdev_model, MDEV_MODEL_LAST, "none", "vfio-pci", "vfio-ccw", "vfio-ap");

ENUM_STRINGS_STATIC(hostdev_sgio, 3, "default", "filtered", "unfiltered");
ENUM_STRINGS_STATIC(hostdev_host_model, 4,
                    "default", "virtio", "virtio-transitional", "virtio-non-transitional");
ENUM_STRINGS_STATIC(hostdev_driver, 4, "default", "kvm", "vfio", "xen");
enum { TEAMING_NONE, TEAMING_PERSISTENT, TEAMING_TRANSIENT, TEAMING_LAST };
ENUM_STRINGS_STATIC(hostdev_teaming, TEAMING_LAST, "none", "persistent", "transient");
ENUM_STRINGS_STATIC(hostdev_startup, 4, "default", "mandatory", "requisite", "optional");
ENUM_STRINGS_STATIC(hostdev_guest_reset, 4, "default", "off", "uninitialized", "on");
enum { SCSI_PROTO_ADAPTER, SCSI_PROTO_ISCSI, SCSI_PROTO_LAST };
ENUM_STRINGS_STATIC(hostdev_scsi_proto, SCSI_PROTO_LAST, "adapter", "iscsi");
ENUM_STRINGS_STATIC(hostdev_vhost_proto, 2, "none", "vhost");

/* ---- shared pieces --------------------------------------------------------------- */

static const XmlField ip_fields[] = {
    XML_ATTR(DomainIp, address, "address", ip, XF_REQUIRED),
    XML_ATTR_ENUM(DomainIp, family, "family", ip_family, 0, .min = 1),
    XML_ATTR(DomainIp, prefix, "prefix", uint, 0, .max = 128, XML_HAS(DomainIp, has_prefix)),
    XML_ATTR(DomainIp, peer, "peer", ip, 0),
    XML_END
};
/* libvirt writes the family out even when only the address implied it */
static void
ip_post_parse(void *obj)
{
    DomainIp *ip = obj;

    if (ip->family == IP_FAMILY_DEFAULT)
        ip->family = ip->address.family == AF_INET6 ? IP_FAMILY_IPV6 : IP_FAMILY_IPV4;
}
XML_SCHEMA(domain_ip, DomainIp, "ip", ip_fields, .post_parse = ip_post_parse);

static const XmlField usb_vendor_fields[] = {
    XML_ATTR(DomainUsbSource, vendor, "id", uint, XF_REQUIRED, .base = XML_BASE_C, .hex = 4,
             .max = 0xffff, XML_HAS(DomainUsbSource, has_vendor)),
    XML_END
};
XML_SCHEMA(domain_usb_vendor, DomainUsbSource, "vendor", usb_vendor_fields);

static const XmlField usb_product_fields[] = {
    XML_ATTR(DomainUsbSource, product, "id", uint, XF_REQUIRED, .base = XML_BASE_C, .hex = 4,
             .max = 0xffff, XML_HAS(DomainUsbSource, has_product)),
    XML_END
};
XML_SCHEMA(domain_usb_product, DomainUsbSource, "product", usb_product_fields);

static const XmlField usb_addr_fields[] = {
    XML_ATTR(DomainUsbSource, bus, "bus", uint, XF_REQUIRED, .base = XML_BASE_C,
             XML_HAS(DomainUsbSource, has_address)),
    XML_ATTR(DomainUsbSource, device, "device", uint, XF_REQUIRED, .base = XML_BASE_C,
             XML_HAS(DomainUsbSource, has_address)),
    XML_END
};
static XML_SCHEMA(usb_addr, DomainUsbSource, "address", usb_addr_fields);

/* ---- subsystem: usb ------------------------------------------------------------------ */

static const XmlField usb_source_fields[] = {
    XML_ATTR_ENUM(DomainHostdev, startup_policy, "startupPolicy", hostdev_startup, 0, .min = 1),
    XML_ATTR_ENUM(DomainHostdev, guest_reset, "guestReset", hostdev_guest_reset, 0, .min = 1),
    XML_EMBED(DomainHostdev, usb, &domain_usb_vendor_schema, 0),
    XML_EMBED(DomainHostdev, usb, &domain_usb_product_schema, 0),
    XML_EMBED(DomainHostdev, usb, &usb_addr_schema, 0),
    XML_END
};
static XML_SCHEMA(usb_source, DomainHostdev, "source", usb_source_fields);

#define HOSTDEV_MANAGED XML_ATTR(DomainHostdev, managed, "managed", yesno, 0)

static const XmlField subsys_usb_fields[] = {
    HOSTDEV_MANAGED,
    XML_GROUP(&usb_source_schema, XF_REQUIRED),
    XML_END
};
static XML_SCHEMA(subsys_usb, DomainHostdev, "hostdev", subsys_usb_fields);

/* ---- subsystem: pci ------------------------------------------------------------------ */

static const XmlField pci_driver_fields[] = {
    XML_ATTR_ENUM(DomainHostdev, driver_name, "name", hostdev_driver, 0, .min = 1,
                  .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_END
};
static XML_SCHEMA(pci_driver, DomainHostdev, "driver", pci_driver_fields);

static const XmlField pci_source_fields[] = {
    XML_ATTR(DomainHostdev, write_filtering, "writeFiltering", tristate, 0),
    XML_EMBED(DomainHostdev, pci, &pci_addr_schema, XF_REQUIRED | XF_KEEP_EMPTY),
    XML_END
};
static XML_SCHEMA(pci_source, DomainHostdev, "source", pci_source_fields);

static const XmlField teaming_fields[] = {
    XML_ATTR_ENUM(DomainHostdev, teaming_type, "type", hostdev_teaming, XF_REQUIRED, .min = 1),
    XML_ATTR(DomainHostdev, teaming_persistent, "persistent", string, 0),
    XML_END
};
static XML_SCHEMA(teaming, DomainHostdev, "teaming", teaming_fields);

static const XmlField subsys_pci_fields[] = {
    HOSTDEV_MANAGED,
    XML_GROUP(&pci_driver_schema, 0),
    XML_GROUP(&pci_source_schema, XF_REQUIRED),
    XML_GROUP(&teaming_schema, 0),
    XML_END
};
static XML_SCHEMA(subsys_pci, DomainHostdev, "hostdev", subsys_pci_fields);

/* ---- subsystem: scsi ----------------------------------------------------------------- */

static const XmlField iscsi_host_fields[] = {
    XML_ATTR(DomainHostdevHost, name, "name", string, XF_REQUIRED),
    XML_ATTR(DomainHostdevHost, port, "port", uint, XF_OMIT_DEFAULT, .max = 65535),
    XML_END
};
static XML_SCHEMA(iscsi_host, DomainHostdevHost, "host", iscsi_host_fields);

static const XmlField iqn_fields[] = {
    XML_ATTR(DomainHostdev, initiator_iqn, "name", string, XF_REQUIRED),
    XML_END
};
static XML_SCHEMA(iqn, DomainHostdev, "iqn", iqn_fields);
static const XmlField initiator_fields[] = { XML_GROUP(&iqn_schema, XF_REQUIRED), XML_END };
static XML_SCHEMA(initiator, DomainHostdev, "initiator", initiator_fields);

static const XmlField adapter_fields[] = {
    XML_ATTR(DomainHostdev, adapter, "name", string, XF_REQUIRED),
    XML_END
};
static XML_SCHEMA(adapter, DomainHostdev, "adapter", adapter_fields);

static const XmlField scsi_addr_fields[] = {
    XML_ATTR(DomainHostdev, scsi_bus, "bus", uint, XF_REQUIRED,
             XML_HAS(DomainHostdev, has_scsi_addr)),
    XML_ATTR(DomainHostdev, scsi_target, "target", uint, XF_REQUIRED,
             XML_HAS(DomainHostdev, has_scsi_addr)),
    XML_ATTR(DomainHostdev, scsi_unit, "unit", ullong, XF_REQUIRED,
             XML_HAS(DomainHostdev, has_scsi_addr)),
    XML_END
};
static XML_SCHEMA(scsi_addr, DomainHostdev, "address", scsi_addr_fields);

/* protocol='iscsi' uses name/host/auth/initiator, the default adapter
 * protocol uses adapter/address; validation keeps them apart. */
static const XmlField scsi_source_fields[] = {
    XML_ATTR_ENUM(DomainHostdev, scsi_protocol, "protocol", hostdev_scsi_proto,
                  XF_OMIT_DEFAULT, .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_ATTR(DomainHostdev, iscsi_name, "name", string, 0),
    XML_CHILDREN(DomainHostdev, hosts, nhosts, &iscsi_host_schema, 0),
    XML_CHILD(DomainHostdev, auth, &domain_disk_auth_schema, 0),
    XML_GROUP(&initiator_schema, 0),
    XML_GROUP(&adapter_schema, 0),
    XML_GROUP(&scsi_addr_schema, 0),
    XML_END
};
static XML_SCHEMA(scsi_source, DomainHostdev, "source", scsi_source_fields);

static const XmlField subsys_scsi_fields[] = {
    HOSTDEV_MANAGED,
    XML_ATTR_ENUM(DomainHostdev, sgio, "sgio", hostdev_sgio, 0, .min = 1),
    XML_ATTR(DomainHostdev, rawio, "rawio", tristate, 0),
    XML_GROUP(&scsi_source_schema, XF_REQUIRED),
    XML_END
};
static XML_SCHEMA(subsys_scsi, DomainHostdev, "hostdev", subsys_scsi_fields);

/* ---- subsystem: scsi_host, mdev ----------------------------------------------------- */

static const XmlField vhost_source_fields[] = {
    XML_ATTR_ENUM(DomainHostdev, vhost_protocol, "protocol", hostdev_vhost_proto, XF_REQUIRED,
                  .min = 1, .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_ATTR(DomainHostdev, wwpn, "wwpn", string, XF_REQUIRED),
    XML_END
};
static XML_SCHEMA(vhost_source, DomainHostdev, "source", vhost_source_fields);

static const XmlField subsys_host_fields[] = {
    HOSTDEV_MANAGED,
    XML_ATTR_ENUM(DomainHostdev, host_model, "model", hostdev_host_model, 0, .min = 1),
    XML_GROUP(&vhost_source_schema, XF_REQUIRED),
    XML_END
};
static XML_SCHEMA(subsys_host, DomainHostdev, "hostdev", subsys_host_fields);

static const XmlField mdev_addr_fields[] = {
    XML_ATTR(DomainHostdev, mdev_uuid, "uuid", uuid, XF_REQUIRED),
    XML_END
};
static XML_SCHEMA(mdev_addr, DomainHostdev, "address", mdev_addr_fields);
static const XmlField mdev_source_fields[] = { XML_GROUP(&mdev_addr_schema, XF_REQUIRED), XML_END };
static XML_SCHEMA(mdev_source, DomainHostdev, "source", mdev_source_fields);

static const XmlField subsys_mdev_fields[] = {
    HOSTDEV_MANAGED,
    XML_ATTR_ENUM(DomainHostdev, mdev_model, "model", mdev_model, XF_REQUIRED, .min = 1,
                  .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_ATTR(DomainHostdev, display, "display", switch, 0),
    XML_ATTR(DomainHostdev, ramfb, "ramfb", switch, 0),
    XML_GROUP(&mdev_source_schema, XF_REQUIRED),
    XML_END
};
static XML_SCHEMA(subsys_mdev, DomainHostdev, "hostdev", subsys_mdev_fields);

static const XmlUnionCase subsys_cases[] = {
    XML_CASE_SAME(HOSTDEV_SUBSYS_USB, &subsys_usb_schema),
    XML_CASE_SAME(HOSTDEV_SUBSYS_PCI, &subsys_pci_schema),
    XML_CASE_SAME(HOSTDEV_SUBSYS_SCSI, &subsys_scsi_schema),
    XML_CASE_SAME(HOSTDEV_SUBSYS_SCSI_HOST, &subsys_host_schema),
    XML_CASE_SAME(HOSTDEV_SUBSYS_MDEV, &subsys_mdev_schema),
};

static const XmlField subsys_fields[] = {
    XML_UNION(DomainHostdev, type, "type", hostdev_subsys_type, subsys_cases, XF_REQUIRED,
              .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_END
};
static XML_SCHEMA(subsys, DomainHostdev, "hostdev", subsys_fields);

/* ---- capabilities (containers) ------------------------------------------------------- */

#define CAPS_SOURCE(kind, elem, fld) \
    static const XmlField caps_##kind##_src_fields[] = { \
        XML_TEXT(DomainHostdev, fld, elem, string, XF_REQUIRED), XML_END }; \
    static XML_SCHEMA(caps_##kind##_src, DomainHostdev, "source", caps_##kind##_src_fields)

CAPS_SOURCE(storage, "block", caps_block);
CAPS_SOURCE(misc, "char", caps_char);
CAPS_SOURCE(net, "interface", caps_iface);

static const XmlField caps_storage_fields[] = {
    XML_GROUP(&caps_storage_src_schema, XF_REQUIRED), XML_END
};
static XML_SCHEMA(caps_storage, DomainHostdev, "hostdev", caps_storage_fields);

static const XmlField caps_misc_fields[] = {
    XML_GROUP(&caps_misc_src_schema, XF_REQUIRED), XML_END
};
static XML_SCHEMA(caps_misc, DomainHostdev, "hostdev", caps_misc_fields);

static const XmlField caps_net_fields[] = {
    XML_GROUP(&caps_net_src_schema, XF_REQUIRED),
    XML_CHILDREN(DomainHostdev, ips, nips, &domain_ip_schema, 0),
    XML_CHILDREN(DomainHostdev, routes, nroutes, &ip_route_schema, 0),
    XML_END
};
static XML_SCHEMA(caps_net, DomainHostdev, "hostdev", caps_net_fields);

static const XmlUnionCase caps_cases[] = {
    XML_CASE_SAME(HOSTDEV_CAPS_STORAGE, &caps_storage_schema),
    XML_CASE_SAME(HOSTDEV_CAPS_MISC, &caps_misc_schema),
    XML_CASE_SAME(HOSTDEV_CAPS_NET, &caps_net_schema),
};

static const XmlField caps_fields[] = {
    XML_UNION(DomainHostdev, caps_type, "type", hostdev_caps_type, caps_cases, XF_REQUIRED,
              .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_END
};
static XML_SCHEMA(caps, DomainHostdev, "hostdev", caps_fields);

/* ---- <hostdev> --------------------------------------------------------------------- */

static const XmlUnionCase mode_cases[] = {
    XML_CASE_SAME(HOSTDEV_MODE_SUBSYS, &subsys_schema),
    XML_CASE_SAME(HOSTDEV_MODE_CAPS, &caps_schema),
};

static const XmlField hostdev_fields[] = {
    XML_UNION(DomainHostdev, mode, "mode", hostdev_mode, mode_cases, 0,
              .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_PRESENCE(DomainHostdev, readonly, "readonly", 0),
    XML_PRESENCE(DomainHostdev, shareable, "shareable", 0),
    DOMAIN_INFO_FIELDS_BOOT_ROM(DomainHostdev),
    XML_END
};

static int
hostdev_validate_usb(XmlCtx *ctx, const DomainHostdev *h)
{
    const DomainUsbSource *u = &h->usb;

    if (u->has_vendor != u->has_product) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "USB host device source in element '%s' needs both <vendor> and "
                      "<product>", xmlmap_ctx_path(ctx));
        return -1;
    }
    if (!u->has_vendor && !u->has_address) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "USB host device source in element '%s' needs <vendor>/<product> "
                      "or <address>", xmlmap_ctx_path(ctx));
        return -1;
    }
    return 0;
}

static int
hostdev_validate_scsi(XmlCtx *ctx, const DomainHostdev *h)
{
    bool iscsi = h->scsi_protocol == SCSI_PROTO_ISCSI;

    if (iscsi && (!h->iscsi_name || h->nhosts != 1)) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "iSCSI host device source in element '%s' needs a name and exactly "
                      "one <host>", xmlmap_ctx_path(ctx));
        return -1;
    }
    if (!iscsi && !h->adapter) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "SCSI host device source in element '%s' needs an <adapter>",
                      xmlmap_ctx_path(ctx));
        return -1;
    }
    return 0;
}

/* Rules about one host device that hold for every hypervisor. */
static int
hostdev_validate(XmlCtx *ctx, const void *obj)
{
    const DomainHostdev *h = obj;

    if (h->mode != HOSTDEV_MODE_SUBSYS)
        return 0;
    switch ((HostdevSubsysType) h->type) {
    case HOSTDEV_SUBSYS_USB:
        return hostdev_validate_usb(ctx, h);
    case HOSTDEV_SUBSYS_SCSI:
        return hostdev_validate_scsi(ctx, h);
    case HOSTDEV_SUBSYS_PCI:
        if (h->teaming_type == TEAMING_TRANSIENT && !h->teaming_persistent) {
            xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                          "teaming type 'transient' needs a 'persistent' alias in element "
                          "'%s'", xmlmap_ctx_path(ctx));
            return -1;
        }
        return 0;
    case HOSTDEV_SUBSYS_MDEV:
        if ((h->display || h->ramfb) && h->mdev_model != MDEV_MODEL_VFIO_PCI) {
            xmlmap_report(ctx, VIR_ERR_CONFIG_UNSUPPORTED,
                          "display and ramfb are only supported for model 'vfio-pci' in "
                          "element '%s'", xmlmap_ctx_path(ctx));
            return -1;
        }
        return 0;
    case HOSTDEV_SUBSYS_SCSI_HOST:
    case HOSTDEV_SUBSYS_LAST:
        break;
    }
    return 0;
}

XML_SCHEMA(domain_hostdev, DomainHostdev, "hostdev", hostdev_fields,
           .validate = hostdev_validate);

size_t
domain_devices_count_mdev(const DomainDevices *devs, int model)
{
    size_t n = 0;

    for (size_t i = 0; i < devs->nhostdevs; i++) {
        const DomainHostdev *h = devs->hostdevs[i];

        if (h->mode == HOSTDEV_MODE_SUBSYS && h->type == HOSTDEV_SUBSYS_MDEV &&
            h->mdev_model == model)
            n++;
    }
    return n;
}
