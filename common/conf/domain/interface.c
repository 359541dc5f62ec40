/* common/conf/domain/interface.c: the <interface> table. type= picks the
 * <source> layout (and for type='hostdev' the host device description);
 * everything after <source> is shared by all types and follows libvirt's
 * output order. <virtualport>, <bandwidth> and <vlan> come from
 * netdev_conf.c, shared with the network formats. */
#include "config.h"

#include <string.h>

#define ERR_DOMAIN VIR_FROM_DOMAIN
#include "common/util/err.h"
#include "common/conf/domain/devices.h"

ENUM_STRINGS(net_type, NET_TYPE_LAST,
             "user", "ethernet", "vhostuser", "server", "client", "mcast", "network", "bridge",
             "internal", "direct", "hostdev", "udp", "vdpa", "null", "vds");

ENUM_STRINGS_STATIC(net_mac_type, 3, "default", "generated", "static");
ENUM_STRINGS_STATIC(net_mac_table, 3, "default", "kernel", "libvirt");
ENUM_STRINGS_STATIC(net_direct_mode, 4, "vepa", "private", "bridge", "passthrough");
ENUM_STRINGS_STATIC(net_vu_mode, 3, "default", "server", "client");
ENUM_STRINGS_STATIC(net_hostdev_driver, 4, "default", "kvm", "vfio", "xen");
ENUM_STRINGS_STATIC(net_hostdev_addr, NET_HOSTDEV_ADDR_LAST, "none", "pci", "usb");
ENUM_STRINGS_STATIC(net_port_proto, 2, "tcp", "udp");
ENUM_STRINGS_STATIC(net_txmode, 3, "default", "iothread", "timer");
enum { TEAMING_NONE, TEAMING_PERSISTENT, TEAMING_TRANSIENT, TEAMING_LAST };
ENUM_STRINGS_STATIC(net_teaming, TEAMING_LAST, "none", "persistent", "transient");
ENUM_STRINGS_STATIC(net_link_state, 3, "default", "up", "down");

/* ---- <source> for each type ---------------------------------------------------------- */

static const XmlField reconnect_fields[] = {
    XML_ATTR(DomainNet, reconnect_enabled, "enabled", tristate, XF_REQUIRED),
    XML_ATTR(DomainNet, reconnect_timeout, "timeout", uint, XF_OMIT_DEFAULT),
    XML_END
};
static XML_SCHEMA(reconnect, DomainNet, "reconnect", reconnect_fields);

static const XmlField local_fields[] = {
    XML_ATTR(DomainNet, local_address, "address", ip, XF_REQUIRED),
    XML_ATTR(DomainNet, local_port, "port", uint, XF_REQUIRED | XF_OMIT_DEFAULT, .max = 65535),
    XML_END
};
static XML_SCHEMA(local, DomainNet, "local", local_fields);

/* @gflags: XF_REQUIRED when the type cannot do without <source> (its
 * required attributes would otherwise be lost on an empty element). */
#define NET_SOURCE(kind, gflags, ...) \
    static const XmlField src_##kind##_fields[] = { __VA_ARGS__, XML_END }; \
    static XML_SCHEMA(src_##kind, DomainNet, "source", src_##kind##_fields); \
    static const XmlField case_##kind##_fields[] = { \
        XML_GROUP(&src_##kind##_schema, gflags), XML_END }; \
    static XML_SCHEMA(case_##kind, DomainNet, "interface", case_##kind##_fields)

NET_SOURCE(network, XF_REQUIRED,
           XML_ATTR(DomainNet, src_network, "network", string, XF_REQUIRED),
           XML_ATTR(DomainNet, src_portgroup, "portgroup", string, 0),
           XML_ATTR(DomainNet, src_portid, "portid", uuid, XF_LIVE_ONLY));
NET_SOURCE(bridge, 0,
           XML_ATTR(DomainNet, src_bridge, "bridge", string, 0),
           XML_ATTR_ENUM(DomainNet, mac_table_manager, "macTableManager", net_mac_table, 0,
                         .min = 1));
NET_SOURCE(direct, XF_REQUIRED,
           XML_ATTR(DomainNet, src_dev, "dev", string, XF_REQUIRED),
           XML_ATTR_ENUM(DomainNet, direct_mode, "mode", net_direct_mode, 0,
                         .errcode = VIR_ERR_CONFIG_UNSUPPORTED));
NET_SOURCE(user, 0,
           XML_ATTR(DomainNet, src_dev, "dev", string, 0));
NET_SOURCE(vdpa, XF_REQUIRED,
           XML_ATTR(DomainNet, src_dev, "dev", string, XF_REQUIRED));
NET_SOURCE(internal, XF_REQUIRED,
           XML_ATTR(DomainNet, src_name, "name", string, XF_REQUIRED));
NET_SOURCE(ethernet, 0,
           XML_CHILDREN(DomainNet, src_ips, nsrc_ips, &domain_ip_schema, 0),
           XML_CHILDREN(DomainNet, src_routes, nsrc_routes, &ip_route_schema, 0));
NET_SOURCE(vhostuser, XF_REQUIRED,
           XML_ATTR(DomainNet, src_type, "type", string, XF_REQUIRED),
           XML_ATTR(DomainNet, src_path, "path", string, XF_REQUIRED),
           XML_ATTR_ENUM(DomainNet, src_mode, "mode", net_vu_mode, 0, .min = 1),
           XML_GROUP(&reconnect_schema, 0));
NET_SOURCE(socket, 0,
           XML_ATTR(DomainNet, src_address, "address", ip, 0),
           XML_ATTR(DomainNet, src_port, "port", uint, XF_OMIT_DEFAULT, .max = 65535));
NET_SOURCE(udp, XF_REQUIRED,
           XML_ATTR(DomainNet, src_address, "address", ip, XF_REQUIRED),
           XML_ATTR(DomainNet, src_port, "port", uint, XF_REQUIRED, .max = 65535),
           XML_GROUP(&local_schema, 0));
NET_SOURCE(vds, XF_REQUIRED,
           XML_ATTR(DomainNet, vds_switchid, "switchid", uuid, XF_REQUIRED),
           XML_ATTR(DomainNet, vds_portid, "portid", int, 0,
                    XML_HAS(DomainNet, has_vds_portid)),
           XML_ATTR(DomainNet, vds_portgroupid, "portgroupid", string, 0),
           XML_ATTR(DomainNet, vds_connectionid, "connectionid", int, 0,
                    XML_HAS(DomainNet, has_vds_connectionid)));

/* ---- type='hostdev' ------------------------------------------------------------------- */

static const XmlField hd_driver_fields[] = {
    XML_ATTR_ENUM(DomainNet, hostdev_driver, "name", net_hostdev_driver, 0, .min = 1,
                  .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_END
};
static XML_SCHEMA(hd_driver, DomainNet, "driver", hd_driver_fields);

static const XmlField hd_pci_fields[] = { PCI_ADDR_FIELDS(DomainNet, hostdev_pci), XML_END };
static XML_SCHEMA(hd_pci, DomainNet, "address", hd_pci_fields);

static const XmlField hd_usb_fields[] = {
    XML_ATTR(DomainNet, hostdev_usb.bus, "bus", uint, XF_REQUIRED, .base = XML_BASE_C),
    XML_ATTR(DomainNet, hostdev_usb.device, "device", uint, XF_REQUIRED, .base = XML_BASE_C),
    XML_END
};
static XML_SCHEMA(hd_usb, DomainNet, "address", hd_usb_fields);

static const XmlUnionCase hd_addr_cases[] = {
    XML_CASE_SAME(NET_HOSTDEV_ADDR_PCI, &hd_pci_schema),
    XML_CASE_SAME(NET_HOSTDEV_ADDR_USB, &hd_usb_schema),
};

static const XmlField hd_addr_fields[] = {
    XML_UNION(DomainNet, hostdev_addr_type, "type", net_hostdev_addr, hd_addr_cases,
              XF_REQUIRED, .min = NET_HOSTDEV_ADDR_PCI, .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_END
};
static XML_SCHEMA(hd_addr, DomainNet, "address", hd_addr_fields);

/* USB by vendor/product (type usb implied) or a typed host address. */
static const XmlField hd_source_fields[] = {
    XML_ATTR(DomainNet, hostdev_missing, "missing", tristate, 0),
    XML_EMBED(DomainNet, hostdev_usb, &domain_usb_vendor_schema, 0),
    XML_EMBED(DomainNet, hostdev_usb, &domain_usb_product_schema, 0),
    XML_GROUP(&hd_addr_schema, 0),
    XML_END
};
static XML_SCHEMA(hd_source, DomainNet, "source", hd_source_fields);

static const XmlField case_hostdev_fields[] = {
    XML_ATTR(DomainNet, hostdev_managed, "managed", yesno, XF_OMIT_DEFAULT),
    XML_GROUP(&hd_driver_schema, 0),
    XML_GROUP(&hd_source_schema, XF_REQUIRED),
    XML_END
};
static XML_SCHEMA(case_hostdev, DomainNet, "interface", case_hostdev_fields);

static const XmlUnionCase net_cases[] = {
    XML_CASE_SAME(NET_TYPE_USER, &case_user_schema),
    XML_CASE_SAME(NET_TYPE_ETHERNET, &case_ethernet_schema),
    XML_CASE_SAME(NET_TYPE_VHOSTUSER, &case_vhostuser_schema),
    XML_CASE_SAME(NET_TYPE_SERVER, &case_socket_schema),
    XML_CASE_SAME(NET_TYPE_CLIENT, &case_socket_schema),
    XML_CASE_SAME(NET_TYPE_MCAST, &case_socket_schema),
    XML_CASE_SAME(NET_TYPE_NETWORK, &case_network_schema),
    XML_CASE_SAME(NET_TYPE_BRIDGE, &case_bridge_schema),
    XML_CASE_SAME(NET_TYPE_INTERNAL, &case_internal_schema),
    XML_CASE_SAME(NET_TYPE_DIRECT, &case_direct_schema),
    XML_CASE_SAME(NET_TYPE_HOSTDEV, &case_hostdev_schema),
    XML_CASE_SAME(NET_TYPE_UDP, &case_udp_schema),
    XML_CASE_SAME(NET_TYPE_VDPA, &case_vdpa_schema),
    XML_CASE_SAME(NET_TYPE_VDS, &case_vds_schema),
};

/* ---- the shared elements ---------------------------------------------------------------- */

static const XmlField mac_fields[] = {
    XML_ATTR(DomainNet, mac, "address", mac, XF_REQUIRED | XF_NONZERO),
    XML_ATTR_ENUM(DomainNet, mac_type, "type", net_mac_type, 0, .min = 1),
    XML_ATTR(DomainNet, mac_check, "check", tristate, 0),
    XML_END
};
static XML_SCHEMA(mac, DomainNet, "mac", mac_fields);

static const XmlField port_fields[] = {
    XML_ATTR(DomainNet, port_isolated, "isolated", tristate, 0),
    XML_END
};
static XML_SCHEMA(port, DomainNet, "port", port_fields);

static const XmlField range_fields[] = {
    XML_ATTR(DomainNetPortRange, start, "start", uint, XF_REQUIRED | XF_NONZERO, .max = 65535),
    XML_ATTR(DomainNetPortRange, end, "end", uint, XF_OMIT_DEFAULT, .max = 65535),
    XML_ATTR(DomainNetPortRange, to, "to", uint, XF_OMIT_DEFAULT, .max = 65535),
    XML_ATTR(DomainNetPortRange, exclude, "exclude", tristate, 0),
    XML_END
};
static XML_SCHEMA(range, DomainNetPortRange, "range", range_fields);

static const XmlField port_forward_fields[] = {
    XML_ATTR_ENUM(DomainNetPortForward, proto, "proto", net_port_proto, XF_REQUIRED),
    XML_ATTR(DomainNetPortForward, address, "address", ip, 0),
    XML_ATTR(DomainNetPortForward, dev, "dev", string, 0),
    XML_CHILDREN(DomainNetPortForward, ranges, nranges, &range_schema, 0),
    XML_END
};
static XML_SCHEMA(port_forward, DomainNetPortForward, "portForward", port_forward_fields);

#define PATH_ELEMENT(var, elem, fld, attr) \
    static const XmlField var##_fields[] = { \
        XML_ATTR(DomainNet, fld, attr, string, XF_REQUIRED), XML_END }; \
    static XML_SCHEMA(var, DomainNet, elem, var##_fields)

PATH_ELEMENT(script, "script", script, "path");
PATH_ELEMENT(downscript, "downscript", downscript, "path");
PATH_ELEMENT(backend_dom, "backenddomain", backend_domain, "name");
PATH_ELEMENT(model, "model", model, "type");

/* Tap names the host made up (vnet0, macvtap1, ...) are runtime state and
 * stay out of the persistent definition, unless the tap is unmanaged. */
static bool
target_omit(const void *obj, unsigned int flags)
{
    const DomainNet *net = obj;
    static const char *const generated[] = { "vnet", "macvtap", "macvlan" };

    if (!(flags & XMLMAP_FORMAT_INACTIVE) || !net->ifname ||
        net->ifname_managed == XML_TRISTATE_NO)
        return false;
    for (size_t i = 0; i < G_N_ELEMENTS(generated); i++) {
        if (g_str_has_prefix(net->ifname, generated[i]))
            return true;
    }
    return false;
}

static const XmlField target_fields[] = {
    XML_ATTR(DomainNet, ifname, "dev", string, XF_REQUIRED),
    XML_ATTR(DomainNet, ifname_managed, "managed", tristate, 0),
    XML_END
};
static XML_SCHEMA(target, DomainNet, "target", target_fields);

static const XmlField guest_fields[] = {
    XML_ATTR(DomainNet, guest_dev, "dev", string, 0),
    XML_ATTR(DomainNet, guest_actual, "actual", string, 0),
    XML_END
};
static XML_SCHEMA(guest, DomainNet, "guest", guest_fields);

static const XmlField drv_host_fields[] = {
    XML_ATTR(DomainNet, host_csum, "csum", switch, 0),
    XML_ATTR(DomainNet, host_gso, "gso", switch, 0),
    XML_ATTR(DomainNet, host_tso4, "tso4", switch, 0),
    XML_ATTR(DomainNet, host_tso6, "tso6", switch, 0),
    XML_ATTR(DomainNet, host_ecn, "ecn", switch, 0),
    XML_ATTR(DomainNet, host_ufo, "ufo", switch, 0),
    XML_ATTR(DomainNet, host_mrg_rxbuf, "mrg_rxbuf", switch, 0),
    XML_END
};
static XML_SCHEMA(drv_host, DomainNet, "host", drv_host_fields);

static const XmlField drv_guest_fields[] = {
    XML_ATTR(DomainNet, guest_csum, "csum", switch, 0),
    XML_ATTR(DomainNet, guest_tso4, "tso4", switch, 0),
    XML_ATTR(DomainNet, guest_tso6, "tso6", switch, 0),
    XML_ATTR(DomainNet, guest_ecn, "ecn", switch, 0),
    XML_ATTR(DomainNet, guest_ufo, "ufo", switch, 0),
    XML_END
};
static XML_SCHEMA(drv_guest, DomainNet, "guest", drv_guest_fields);

/* type='hostdev' has its own <driver name=> before <source>. */
static bool
is_hostdev(const void *obj, unsigned int flags)
{
    return ((const DomainNet *) obj)->type == NET_TYPE_HOSTDEV;
}

static const XmlField driver_fields[] = {
    XML_ATTR(DomainNet, driver_name, "name", string, 0),
    XML_ATTR_ENUM(DomainNet, txmode, "txmode", net_txmode, 0, .min = 1),
    XML_ATTR(DomainNet, ioeventfd, "ioeventfd", switch, 0),
    XML_ATTR(DomainNet, event_idx, "event_idx", switch, 0),
    XML_ATTR(DomainNet, queues, "queues", uint, XF_OMIT_DEFAULT),
    XML_ATTR(DomainNet, rx_queue_size, "rx_queue_size", uint, XF_OMIT_DEFAULT),
    XML_ATTR(DomainNet, tx_queue_size, "tx_queue_size", uint, XF_OMIT_DEFAULT),
    XML_ATTR(DomainNet, rss, "rss", switch, 0),
    XML_ATTR(DomainNet, rss_hash_report, "rss_hash_report", switch, 0),
    DOMAIN_VIRTIO_FIELDS(DomainNet, virtio),
    XML_GROUP(&drv_host_schema, 0),
    XML_GROUP(&drv_guest_schema, 0),
    XML_END
};
static XML_SCHEMA(driver, DomainNet, "driver", driver_fields);

static const XmlField backend_fields[] = {
    XML_ATTR(DomainNet, backend_tap, "tap", string, 0),
    XML_ATTR(DomainNet, backend_vhost, "vhost", string, 0),
    XML_END
};
static XML_SCHEMA(backend, DomainNet, "backend", backend_fields);

static const XmlField filter_param_fields[] = {
    XML_ATTR(DomainNetFilterParam, name, "name", string, XF_REQUIRED | XF_NONEMPTY),
    XML_ATTR(DomainNetFilterParam, value, "value", string, XF_REQUIRED),
    XML_END
};
static XML_SCHEMA(filter_param, DomainNetFilterParam, "parameter", filter_param_fields);

static const XmlField filterref_fields[] = {
    XML_ATTR(DomainNetFilterRef, filter, "filter", string, XF_REQUIRED | XF_NONEMPTY),
    XML_CHILDREN(DomainNetFilterRef, params, nparams, &filter_param_schema, 0),
    XML_END
};
static XML_SCHEMA(filterref, DomainNetFilterRef, "filterref", filterref_fields);

static const XmlField tune_fields[] = {
    XML_TEXT(DomainNet, sndbuf, "sndbuf", ullong, 0, XML_HAS(DomainNet, has_sndbuf)),
    XML_END
};
static XML_SCHEMA(tune, DomainNet, "tune", tune_fields);

static const XmlField teaming_fields[] = {
    XML_ATTR_ENUM(DomainNet, teaming_type, "type", net_teaming, XF_REQUIRED, .min = 1),
    XML_ATTR(DomainNet, teaming_persistent, "persistent", string, 0),
    XML_END
};
static XML_SCHEMA(teaming, DomainNet, "teaming", teaming_fields);

static const XmlField link_fields[] = {
    XML_ATTR_ENUM(DomainNet, link_state, "state", net_link_state, XF_REQUIRED, .min = 1),
    XML_END
};
static XML_SCHEMA(link, DomainNet, "link", link_fields);

static const XmlField mtu_fields[] = {
    XML_ATTR(DomainNet, mtu, "size", uint, XF_REQUIRED | XF_NONZERO | XF_OMIT_DEFAULT),
    XML_END
};
static XML_SCHEMA(mtu, DomainNet, "mtu", mtu_fields);

static const XmlField frames_fields[] = {
    XML_ATTR(DomainNet, coalesce_rx_frames, "max", uint, 0,
             XML_HAS(DomainNet, has_coalesce_rx_frames)),
    XML_END
};
static XML_SCHEMA(frames, DomainNet, "frames", frames_fields);
static const XmlField rx_fields[] = { XML_GROUP(&frames_schema, 0), XML_END };
static XML_SCHEMA(rx, DomainNet, "rx", rx_fields);
static const XmlField coalesce_fields[] = { XML_GROUP(&rx_schema, 0), XML_END };
static XML_SCHEMA(coalesce, DomainNet, "coalesce", coalesce_fields);

/* ---- <interface> ---------------------------------------------------------------------------- */

static const XmlField net_fields[] = {
    XML_GROUP(&mac_schema, 0),
    /* type= is the first attribute; its <source> follows <mac> */
    XML_UNION(DomainNet, type, "type", net_type, net_cases, XF_REQUIRED,
              .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_ATTR(DomainNet, trust_guest_rx_filters, "trustGuestRxFilters", tristate, 0),
    XML_CHILD(DomainNet, vlan, &vlan_schema, 0),
    XML_CHILD(DomainNet, virtualport, &virt_port_schema, 0),
    XML_CHILD(DomainNet, bandwidth, &bandwidth_schema, 0),
    XML_GROUP(&port_schema, 0),
    XML_CHILDREN(DomainNet, ips, nips, &domain_ip_schema, 0),
    XML_CHILDREN(DomainNet, routes, nroutes, &ip_route_schema, 0),
    XML_CHILDREN(DomainNet, port_forwards, nport_forwards, &port_forward_schema, 0),
    XML_GROUP(&script_schema, 0),
    XML_GROUP(&downscript_schema, 0),
    XML_GROUP(&backend_dom_schema, 0),
    XML_GROUP(&target_schema, 0, XML_OMIT_IF(target_omit)),
    XML_GROUP(&guest_schema, 0),
    XML_GROUP(&model_schema, 0),
    XML_GROUP(&driver_schema, 0, XML_OMIT_IF(is_hostdev)),
    XML_GROUP(&backend_schema, 0),
    XML_CHILD(DomainNet, filterref, &filterref_schema, 0),
    XML_GROUP(&tune_schema, 0),
    XML_GROUP(&teaming_schema, 0),
    XML_GROUP(&link_schema, 0),
    XML_GROUP(&mtu_schema, 0),
    XML_GROUP(&coalesce_schema, 0),
    DOMAIN_INFO_FIELDS_BOOT_ROM(DomainNet),
    XML_END
};

static int
net_validate_hostdev(XmlCtx *ctx, const DomainNet *net)
{
    const DomainUsbSource *u = &net->hostdev_usb;

    if (net->hostdev_addr_type == NET_HOSTDEV_ADDR_NONE) {
        if (!u->has_vendor || !u->has_product) {
            xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                          "interface of type 'hostdev' in element '%s' needs a source "
                          "<address> or both <vendor> and <product>", xmlmap_ctx_path(ctx));
            return -1;
        }
    } else if (u->has_vendor || u->has_product) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "interface of type 'hostdev' in element '%s' names its source both by "
                      "<address> and by <vendor>/<product>", xmlmap_ctx_path(ctx));
        return -1;
    }
    return 0;
}

/* Rules of one interface that hold for every hypervisor. */
static int
net_validate(XmlCtx *ctx, const void *obj)
{
    const DomainNet *net = obj;

    if (net->type == NET_TYPE_HOSTDEV && net_validate_hostdev(ctx, net) < 0)
        return -1;
    if (net->virtualport && net->type != NET_TYPE_NETWORK && net->type != NET_TYPE_BRIDGE &&
        net->type != NET_TYPE_DIRECT && net->type != NET_TYPE_HOSTDEV) {
        xmlmap_report(ctx, VIR_ERR_CONFIG_UNSUPPORTED,
                      "<virtualport> is not supported for interface type '%s' in element '%s'",
                      net_type_to_string(net->type), xmlmap_ctx_path(ctx));
        return -1;
    }
    if (net->type != NET_TYPE_HOSTDEV && net->driver_name &&
        !g_str_equal(net->driver_name, "qemu") && !g_str_equal(net->driver_name, "vhost")) {
        xmlmap_report(ctx, VIR_ERR_CONFIG_UNSUPPORTED,
                      "unknown interface driver name '%s' in element '%s'",
                      net->driver_name, xmlmap_ctx_path(ctx));
        return -1;
    }
    if (net->teaming_type == TEAMING_TRANSIENT && !net->teaming_persistent) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "teaming type 'transient' needs a 'persistent' alias in element '%s'",
                      xmlmap_ctx_path(ctx));
        return -1;
    }
    if ((net->type == NET_TYPE_SERVER || net->type == NET_TYPE_CLIENT ||
         net->type == NET_TYPE_MCAST) && net->src_port == 0) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "missing source port for interface type '%s' in element '%s'",
                      net_type_to_string(net->type), xmlmap_ctx_path(ctx));
        return -1;
    }
    return 0;
}

XML_SCHEMA(domain_net, DomainNet, "interface", net_fields, .validate = net_validate);

bool
domain_net_hostdev_is_usb(const DomainNet *net)
{
    return net->type == NET_TYPE_HOSTDEV && net->hostdev_addr_type != NET_HOSTDEV_ADDR_PCI;
}
