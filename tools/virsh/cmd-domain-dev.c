/*
 * cmd-domain-dev.c: device commands (help keyword 'domain'): attach-device,
 * detach-device, detach-device-alias, update-device, attach-disk, detach-disk,
 * attach-interface, detach-interface, change-media and domif-setlink.
 *
 * attach-disk and attach-interface build the device XML here from their options;
 * detach-disk, detach-interface, change-media and domif-setlink take the device's
 * element from the domain XML and send it back (changed) to the library.
 */
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "common/util/parse.h"
#include "tools/virsh/helpers.h"

/* --persistent/--config/--live/--current to flags; *@legacy when none was given
 * (libvirt's virsh then uses the calls without flags) */
static bool
device_flags(VshCtl *ctl, virDomainPtr dom, const VshCmd *cmd, unsigned int *flags,
             bool *legacy)
{
    if (!vsh_opt_exclusive(ctl, cmd, "current", "live") ||
        !vsh_opt_exclusive(ctl, cmd, "current", "config") ||
        !vsh_opt_exclusive(ctl, cmd, "persistent", "current"))
        return false;
    *flags = VIR_DOMAIN_AFFECT_CURRENT;
    if (vsh_opt_bool(cmd, "config") || vsh_opt_bool(cmd, "persistent"))
        *flags |= VIR_DOMAIN_AFFECT_CONFIG;
    if (vsh_opt_bool(cmd, "live"))
        *flags |= VIR_DOMAIN_AFFECT_LIVE;
    if (vsh_opt_bool(cmd, "persistent") && virDomainIsActive(dom) == 1)
        *flags |= VIR_DOMAIN_AFFECT_LIVE;
    *legacy = *flags == VIR_DOMAIN_AFFECT_CURRENT;
    return true;
}

#define DEVICE_AFFECT_OPTS \
    { "persistent", VSH_OT_BOOL, 0, "change the persistent configuration too (and the live one if running)" }, \
    VSH_AFFECT_OPTS

enum { DEV_ATTACH, DEV_DETACH, DEV_UPDATE };

static int
device_call(virDomainPtr dom, int op, const char *xml, unsigned int flags, bool legacy)
{
    switch (op) {
    case DEV_ATTACH:
        return legacy ? virDomainAttachDevice(dom, xml)
                      : virDomainAttachDeviceFlags(dom, xml, flags);
    case DEV_DETACH:
        return legacy ? virDomainDetachDevice(dom, xml)
                      : virDomainDetachDeviceFlags(dom, xml, flags);
    default:
        return virDomainUpdateDeviceFlags(dom, xml, flags);
    }
}

/* ---- attach-device / detach-device / update-device ---- */

static bool
device_from_file(VshCtl *ctl, const VshCmd *cmd, int op)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    const char *file = NULL;
    g_autofree char *xml = NULL;
    unsigned int flags;
    bool legacy;

    if (!dom || !device_flags(ctl, dom, cmd, &flags, &legacy) ||
        vsh_opt_string(ctl, cmd, "file", &file) <= 0 ||
        vsh_read_xml_opt(ctl, cmd, "file", &xml) < 0)
        return false;
    if (op == DEV_UPDATE && vsh_opt_bool(cmd, "force"))
        flags |= VIR_DOMAIN_DEVICE_MODIFY_FORCE;
    if (device_call(dom, op, xml, flags, legacy) < 0) {
        if (op == DEV_ATTACH)
            vsh_error(ctl, "Failed to attach device from %s", file);
        else if (op == DEV_DETACH)
            vsh_error(ctl, "Failed to detach device from %s", file);
        else
            vsh_error(ctl, "Failed to update device from %s", file);
        return false;
    }
    vsh_print_extra(ctl, op == DEV_ATTACH ? "Device attached successfully\n"
                         : op == DEV_DETACH ? "Device detached successfully\n"
                                            : "Device updated successfully\n");
    return true;
}

static bool
cmd_attach_device(VshCtl *ctl, const VshCmd *cmd)
{
    return device_from_file(ctl, cmd, DEV_ATTACH);
}

static bool
cmd_detach_device(VshCtl *ctl, const VshCmd *cmd)
{
    return device_from_file(ctl, cmd, DEV_DETACH);
}

static bool
cmd_update_device(VshCtl *ctl, const VshCmd *cmd)
{
    return device_from_file(ctl, cmd, DEV_UPDATE);
}

static const VshOptDef opts_device_file[] = {
    VSH_DOMAIN_OPT,
    { "file", VSH_OT_DATA, VSH_OF_REQUIRED, "the device's XML description" },
    DEVICE_AFFECT_OPTS,
    { NULL }
};

static const VshOptDef opts_update_device[] = {
    VSH_DOMAIN_OPT,
    { "file", VSH_OT_DATA, VSH_OF_REQUIRED, "the device's new XML description" },
    DEVICE_AFFECT_OPTS,
    { "force", VSH_OT_BOOL, 0, "force the change (e.g. eject a locked CD-ROM)" },
    { NULL }
};

static bool
cmd_detach_device_alias(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    const char *alias = NULL;
    unsigned int flags;

    if (!vsh_affect_flags(ctl, cmd, &flags) || !(dom = vsh_domain(ctl, cmd, NULL)) ||
        vsh_opt_string(ctl, cmd, "alias", &alias) <= 0)
        return false;
    if (virDomainDetachDeviceAlias(dom, alias, flags) < 0) {
        vsh_error(ctl, "Failed to detach device with alias %s", alias);
        return false;
    }
    vsh_print_extra(ctl, "Device detach request sent successfully\n");
    return true;
}

static const VshOptDef opts_detach_device_alias[] = {
    VSH_DOMAIN_OPT,
    { "alias", VSH_OT_DATA, VSH_OF_REQUIRED, "the device's alias" },
    VSH_AFFECT_OPTS,
    { NULL }
};

/* ---- addresses of attach-disk ---- */

static bool
disk_address(VshCtl *ctl, const char *target, const char *spec, bool multifunction,
             GString *xml)
{
    unsigned int a, b, c, d;
    char tail;
    enum { ANY, PCI_CCW, SCSI_USB_SATA, IDE } want = ANY;
    const char *mf = multifunction ? " multifunction='on'" : "";

    if (g_str_has_prefix(target, "vd"))
        want = PCI_CCW;
    else if (g_str_has_prefix(target, "sd"))
        want = SCSI_USB_SATA;
    else if (g_str_has_prefix(target, "hd"))
        want = IDE;

    if (sscanf(spec, "pci:%x.%x.%x.%x%c", &a, &b, &c, &d, &tail) == 4) {
        if (want != ANY && want != PCI_CCW)
            goto wrong;
        g_string_append_printf(xml, "  <address type='pci' domain='0x%04x' bus='0x%02x' "
                               "slot='0x%02x' function='0x%0x'%s/>\n", a, b, c, d, mf);
    } else if (sscanf(spec, "ccw:%x.%x.%x%c", &a, &b, &c, &tail) == 3) {
        if (want != ANY && want != PCI_CCW)
            goto wrong;
        g_string_append_printf(xml, "  <address type='ccw' cssid='0x%02x' ssid='0x%01x' "
                               "devno='0x%04x'/>\n", a, b, c);
    } else if (sscanf(spec, "scsi:%u.%u.%u%c", &a, &b, &c, &tail) == 3 ||
               sscanf(spec, "sata:%u.%u.%u%c", &a, &b, &c, &tail) == 3) {
        if (want != ANY && want != SCSI_USB_SATA)
            goto wrong;
        g_string_append_printf(xml, "  <address type='drive' controller='%u' bus='%u' "
                               "unit='%u'/>\n", a, b, c);
    } else if (sscanf(spec, "usb:%u.%u%c", &a, &b, &tail) == 2) {
        if (want != ANY && want != SCSI_USB_SATA)
            goto wrong;
        g_string_append_printf(xml, "  <address type='usb' bus='%u' port='%u'/>\n", a, b);
    } else if (sscanf(spec, "ide:%u.%u.%u%c", &a, &b, &c, &tail) == 3) {
        if (want != ANY && want != IDE)
            goto wrong;
        g_string_append_printf(xml, "  <address type='drive' controller='%u' bus='%u' "
                               "unit='%u'/>\n", a, b, c);
    } else {
        vsh_error(ctl, "Invalid address.");
        return false;
    }
    return true;

 wrong:
    if (want == PCI_CCW)
        vsh_error(ctl, "expecting a pci:0000.00.00.00 or ccw:00.0.0000 address.");
    else if (want == SCSI_USB_SATA)
        vsh_error(ctl, "expecting a scsi:00.00.00 or usb:00.00 or sata:00.00.00 address.");
    else
        vsh_error(ctl, "expecting an ide:00.00.00 address.");
    return false;
}

/* ---- attach-disk ---- */

static void
attr(GString *s, const char *name, const char *val)
{
    g_autofree char *e = NULL;

    if (!val)
        return;
    e = vsh_xml_escape(val);
    g_string_append_printf(s, " %s='%s'", name, e);
}

/* "  <elem name='val'/>" when @val is given */
static void
attr_elem(GString *s, const char *elem, const char *name, const char *val)
{
    if (!val)
        return;
    g_string_append_printf(s, "  <%s", elem);
    attr(s, name, val);
    g_string_append(s, "/>\n");
}

/* the <source> element of attach-disk */
static void
disk_source_xml(GString *xml, const char *sourcetype, const char *source, const char *protocol,
                const char *hostname, const char *transport, const char *socket)
{
    if (!g_str_equal(sourcetype, "network")) {
        g_string_append(xml, "  <source");
        attr(xml, g_str_equal(sourcetype, "block") ? "dev" : "file", source);
        g_string_append(xml, "/>\n");
        return;
    }
    g_string_append(xml, "  <source");
    attr(xml, "protocol", protocol);
    attr(xml, "name", source);
    if (!hostname && !socket) {
        g_string_append(xml, "/>\n");
        return;
    }
    g_string_append(xml, ">\n    <host");
    if (hostname) {
        g_autofree char *h = g_strdup(hostname);
        char *colon = strrchr(h, ':');

        if (colon && !strchr(colon, ']'))
            *colon++ = '\0';
        else
            colon = NULL;
        attr(xml, "name", h);
        attr(xml, "port", colon);
    }
    attr(xml, "transport", transport);
    attr(xml, "socket", socket);
    g_string_append(xml, "/>\n  </source>\n");
}

static bool
cmd_attach_disk(VshCtl *ctl, const VshCmd *cmd)
{
    const char *source = NULL, *target = NULL, *targetbus = NULL, *driver = NULL;
    const char *subdriver = NULL, *iothread = NULL, *cache = NULL, *io = NULL;
    const char *type = NULL, *mode = NULL, *sourcetype = NULL, *serial = NULL;
    const char *wwn = NULL, *alias = NULL, *address = NULL, *protocol = NULL;
    const char *hostname = NULL, *transport = NULL, *socket = NULL;
    g_autoptr(GString) xml = g_string_new(NULL);
    g_autoptr(virDomain) dom = NULL;
    bool print = vsh_opt_bool(cmd, "print-xml");
    unsigned int flags = 0;
    bool legacy = true;

    if (vsh_opt_string(ctl, cmd, "source", &source) <= 0 ||
        vsh_opt_string(ctl, cmd, "target", &target) <= 0 ||
        vsh_opt_string(ctl, cmd, "targetbus", &targetbus) < 0 ||
        vsh_opt_string(ctl, cmd, "driver", &driver) < 0 ||
        vsh_opt_string(ctl, cmd, "subdriver", &subdriver) < 0 ||
        vsh_opt_string(ctl, cmd, "iothread", &iothread) < 0 ||
        vsh_opt_string(ctl, cmd, "cache", &cache) < 0 ||
        vsh_opt_string(ctl, cmd, "io", &io) < 0 ||
        vsh_opt_string(ctl, cmd, "type", &type) < 0 ||
        vsh_opt_string(ctl, cmd, "mode", &mode) < 0 ||
        vsh_opt_string(ctl, cmd, "sourcetype", &sourcetype) < 0 ||
        vsh_opt_string(ctl, cmd, "serial", &serial) < 0 ||
        vsh_opt_string(ctl, cmd, "wwn", &wwn) < 0 ||
        vsh_opt_string(ctl, cmd, "alias", &alias) < 0 ||
        vsh_opt_string(ctl, cmd, "address", &address) < 0 ||
        vsh_opt_string(ctl, cmd, "source-protocol", &protocol) < 0 ||
        vsh_opt_string(ctl, cmd, "source-host-name", &hostname) < 0 ||
        vsh_opt_string(ctl, cmd, "source-host-transport", &transport) < 0 ||
        vsh_opt_string(ctl, cmd, "source-host-socket", &socket) < 0)
        return false;
    if (!vsh_opt_exclusive(ctl, cmd, "source-host-name", "source-host-socket"))
        return false;

    if (!sourcetype)
        sourcetype = protocol ? "network" : "file";
    if (protocol && !g_str_equal(sourcetype, "network")) {
        vsh_error(ctl, "--source-protocol option requires --sourcetype network");
        return false;
    }
    if (!g_str_equal(sourcetype, "file") && !g_str_equal(sourcetype, "block") &&
        !g_str_equal(sourcetype, "network")) {
        vsh_error(ctl, "Unknown source type: '%s'", sourcetype);
        return false;
    }
    if (mode && !g_str_equal(mode, "readonly") && !g_str_equal(mode, "shareable")) {
        vsh_error(ctl, "No support for %s in command 'attach-disk'", mode);
        return false;
    }
    if (wwn && !(strlen(wwn) == 16 || (strlen(wwn) == 18 && wwn[0] == '0' && wwn[1] == 'x'))) {
        vsh_error(ctl, "Malformed wwn: %s", wwn);
        return false;
    }

    g_string_append_printf(xml, "<disk type='%s'", sourcetype);
    attr(xml, "device", type);
    if (vsh_opt_bool(cmd, "rawio"))
        g_string_append(xml, " rawio='yes'");
    g_string_append(xml, ">\n");
    if (driver || subdriver || iothread || cache || io) {
        g_string_append(xml, "  <driver");
        attr(xml, "name", driver);
        attr(xml, "type", subdriver);
        attr(xml, "iothread", iothread);
        attr(xml, "cache", cache);
        attr(xml, "io", io);
        g_string_append(xml, "/>\n");
    }
    disk_source_xml(xml, sourcetype, source, protocol, hostname, transport, socket);
    g_string_append(xml, "  <target");
    attr(xml, "dev", target);
    attr(xml, "bus", targetbus);
    g_string_append(xml, "/>\n");
    if (mode)
        g_string_append_printf(xml, "  <%s/>\n", mode);
    if (serial) {
        g_autofree char *e = vsh_xml_escape(serial);

        g_string_append_printf(xml, "  <serial>%s</serial>\n", e);
    }
    attr_elem(xml, "alias", "name", alias);
    if (wwn)
        g_string_append_printf(xml, "  <wwn>%s</wwn>\n", wwn);
    if (address && !disk_address(ctl, target, address, vsh_opt_bool(cmd, "multifunction"), xml))
        return false;
    g_string_append(xml, "</disk>\n");

    if (print) {
        vsh_print(ctl, "%s", xml->str);
        return true;
    }
    if (!(dom = vsh_domain(ctl, cmd, NULL)) || !device_flags(ctl, dom, cmd, &flags, &legacy))
        return false;
    if (device_call(dom, DEV_ATTACH, xml->str, flags, legacy) < 0) {
        vsh_error(ctl, "Failed to attach disk");
        return false;
    }
    vsh_print_extra(ctl, "Disk attached successfully\n");
    return true;
}

static const VshOptDef opts_attach_disk[] = {
    VSH_DOMAIN_OPT,
    { "source", VSH_OT_DATA, VSH_OF_REQUIRED | VSH_OF_EMPTY_OK, "the image, device or network volume" },
    { "target", VSH_OT_DATA, VSH_OF_REQUIRED, "the guest's name for the disk (vdb, sda...)" },
    { "targetbus", VSH_OT_STRING, 0, "the bus: virtio, scsi, sata, ide, usb..." },
    { "driver", VSH_OT_STRING, 0, "the driver name (qemu...)" },
    { "subdriver", VSH_OT_STRING, 0, "the image format (raw, qcow2...)" },
    { "iothread", VSH_OT_STRING, 0, "the I/O thread to use" },
    { "cache", VSH_OT_STRING, 0, "the cache mode (none, writeback...)" },
    { "io", VSH_OT_STRING, 0, "the I/O mode (threads, native, io_uring)" },
    { "type", VSH_OT_STRING, 0, "the device kind: disk, cdrom, floppy or lun" },
    { "mode", VSH_OT_STRING, 0, "readonly or shareable" },
    { "sourcetype", VSH_OT_STRING, 0, "file, block or network" },
    { "serial", VSH_OT_STRING, 0, "the disk's serial number" },
    { "wwn", VSH_OT_STRING, 0, "the disk's world wide name" },
    { "alias", VSH_OT_STRING, 0, "a user alias for the device" },
    { "rawio", VSH_OT_BOOL, 0, "let the guest send raw SCSI commands" },
    { "address", VSH_OT_STRING, 0, "pci:D.B.S.F, ccw:C.S.D, scsi:C.B.U, sata:C.B.U, ide:C.B.U or usb:B.P" },
    { "multifunction", VSH_OT_BOOL, 0, "mark the PCI address multifunction" },
    { "print-xml", VSH_OT_BOOL, 0, "print the disk's XML instead of attaching it" },
    { "source-protocol", VSH_OT_STRING, 0, "the network protocol (rbd, nbd, iscsi...)" },
    { "source-host-name", VSH_OT_STRING, 0, "the network host (host[:port])" },
    { "source-host-transport", VSH_OT_STRING, 0, "the network transport (tcp, unix, rdma)" },
    { "source-host-socket", VSH_OT_STRING, 0, "the UNIX socket of the network source" },
    DEVICE_AFFECT_OPTS,
    { NULL }
};

/* ---- attach-interface ---- */

/* "average,peak,burst[,floor]" as an <inbound>/<outbound> element */
static bool
rate_element(VshCtl *ctl, const char *spec, bool inbound, GString *out)
{
    static const char *const names[] = { "average", "peak", "burst", "floor" };
    g_auto(GStrv) parts = g_strsplit(spec, ",", -1);
    unsigned long long v[4] = { 0 };
    size_t n = g_strv_length(parts);

    if (n > 4) {
        vsh_error(ctl, "Rate string '%s' has too many fields", spec);
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        if (*parts[i] && parse_ull(parts[i], 10, &v[i]) < 0) {
            vsh_error(ctl, "field '%s' is malformed", names[i]);
            return false;
        }
    }
    if (inbound && !v[0] && !v[3]) {
        vsh_error(ctl, "either inbound average or floor is mandatory");
        return false;
    }
    if (!inbound && v[3]) {
        vsh_error(ctl, "outbound floor is unsupported yet");
        return false;
    }
    if (!inbound && !v[0]) {
        vsh_error(ctl, "outbound average is mandatory");
        return false;
    }
    g_string_append_printf(out, "    <%s", inbound ? "inbound" : "outbound");
    for (size_t i = 0; i < 4; i++) {
        if (v[i])
            g_string_append_printf(out, " %s='%llu'", names[i], v[i]);
    }
    g_string_append(out, "/>\n");
    return true;
}

static bool
cmd_attach_interface(VshCtl *ctl, const VshCmd *cmd)
{
    const char *type = NULL, *source = NULL, *target = NULL, *mac = NULL;
    const char *script = NULL, *model = NULL, *alias = NULL, *in = NULL, *out = NULL;
    const char *smode = NULL;
    g_autoptr(GString) xml = g_string_new(NULL);
    g_autoptr(virDomain) dom = NULL;
    unsigned int flags = 0;
    bool legacy = true;

    if (vsh_opt_string(ctl, cmd, "type", &type) <= 0 ||
        vsh_opt_string(ctl, cmd, "source", &source) <= 0 ||
        vsh_opt_string(ctl, cmd, "target", &target) < 0 ||
        vsh_opt_string(ctl, cmd, "mac", &mac) < 0 ||
        vsh_opt_string(ctl, cmd, "script", &script) < 0 ||
        vsh_opt_string(ctl, cmd, "model", &model) < 0 ||
        vsh_opt_string(ctl, cmd, "alias", &alias) < 0 ||
        vsh_opt_string(ctl, cmd, "inbound", &in) < 0 ||
        vsh_opt_string(ctl, cmd, "outbound", &out) < 0 ||
        vsh_opt_string(ctl, cmd, "source-mode", &smode) < 0)
        return false;

    if (!g_str_equal(type, "network") && !g_str_equal(type, "bridge") &&
        !g_str_equal(type, "direct") && !g_str_equal(type, "hostdev") &&
        !g_str_equal(type, "vhostuser")) {
        vsh_error(ctl, "No support for %s in command 'attach-interface'", type);
        return false;
    }
    if (g_str_equal(type, "vhostuser")) {
        if (!smode) {
            vsh_error(ctl, "source-mode is mandatory");
            return false;
        }
        if (!g_str_equal(smode, "server") && !g_str_equal(smode, "client")) {
            vsh_error(ctl, "Invalid source mode: %s", smode);
            return false;
        }
    } else if (smode) {
        vsh_error(ctl, "Invalid source mode: %s", smode);
        return false;
    }

    g_string_append_printf(xml, "<interface type='%s'", type);
    if (vsh_opt_bool(cmd, "managed"))
        g_string_append(xml, " managed='yes'");
    g_string_append(xml, ">\n");
    if (g_str_equal(type, "hostdev")) {
        unsigned int d, b, s, f;
        char tail;

        if (sscanf(source, "%x:%x:%x.%x%c", &d, &b, &s, &f, &tail) != 4) {
            vsh_error(ctl, "cannot parse pci address '%s' for network interface", source);
            return false;
        }
        g_string_append_printf(xml, "  <source>\n    <address type='pci' domain='0x%04x' "
                               "bus='0x%02x' slot='0x%02x' function='0x%x'/>\n  </source>\n",
                               d, b, s, f);
    } else if (g_str_equal(type, "vhostuser")) {
        g_string_append(xml, "  <source type='unix'");
        attr(xml, "path", source);
        attr(xml, "mode", smode);
        g_string_append(xml, "/>\n");
    } else {
        g_string_append(xml, "  <source");
        attr(xml, g_str_equal(type, "network") ? "network"
                  : g_str_equal(type, "bridge") ? "bridge" : "dev", source);
        g_string_append(xml, "/>\n");
    }
    attr_elem(xml, "target", "dev", target);
    attr_elem(xml, "mac", "address", mac);
    attr_elem(xml, "script", "path", script);
    attr_elem(xml, "model", "type", model);
    attr_elem(xml, "alias", "name", alias);
    if (in || out) {
        g_autoptr(GString) bw = g_string_new(NULL);

        if ((in && !rate_element(ctl, in, true, bw)) ||
            (out && !rate_element(ctl, out, false, bw)))
            return false;
        g_string_append_printf(xml, "  <bandwidth>\n%s  </bandwidth>\n", bw->str);
    }
    g_string_append(xml, "</interface>\n");

    if (vsh_opt_bool(cmd, "print-xml")) {
        vsh_print(ctl, "%s", xml->str);
        return true;
    }
    if (!(dom = vsh_domain(ctl, cmd, NULL)) || !device_flags(ctl, dom, cmd, &flags, &legacy))
        return false;
    if (device_call(dom, DEV_ATTACH, xml->str, flags, legacy) < 0) {
        vsh_error(ctl, "Failed to attach interface");
        return false;
    }
    vsh_print_extra(ctl, "Interface attached successfully\n");
    return true;
}

static const VshOptDef opts_attach_interface[] = {
    VSH_DOMAIN_OPT,
    { "type", VSH_OT_DATA, VSH_OF_REQUIRED, "network, bridge, direct, hostdev or vhostuser" },
    { "source", VSH_OT_DATA, VSH_OF_REQUIRED, "the network, bridge, device, PCI address or socket" },
    { "target", VSH_OT_STRING, 0, "the host-side device name" },
    { "mac", VSH_OT_STRING, 0, "the MAC address" },
    { "script", VSH_OT_STRING, 0, "a script to set up the host side" },
    { "model", VSH_OT_STRING, 0, "the NIC model (virtio, e1000...)" },
    { "alias", VSH_OT_STRING, 0, "a user alias for the device" },
    { "inbound", VSH_OT_STRING, 0, "incoming limits: average,peak,burst,floor" },
    { "outbound", VSH_OT_STRING, 0, "outgoing limits: average,peak,burst" },
    DEVICE_AFFECT_OPTS,
    { "print-xml", VSH_OT_BOOL, 0, "print the interface's XML instead of attaching it" },
    { "managed", VSH_OT_BOOL, 0, "let libvirt manage the host device (hostdev)" },
    { "source-mode", VSH_OT_STRING, 0, "for vhostuser: server or client" },
    { NULL }
};

/* ---- the element of a device in the domain XML ---- */

typedef struct {
    xmlDocPtr doc;
    xmlXPathContextPtr ctx;
} Xml;

static void
xml_clear(Xml *x)
{
    if (x->ctx)
        xmlXPathFreeContext(x->ctx);
    if (x->doc)
        xmlFreeDoc(x->doc);
}

static bool
xml_load_domain(VshCtl *ctl, virDomainPtr dom, bool inactive, Xml *x)
{
    g_autofree char *s = virDomainGetXMLDesc(dom, inactive ? VIR_DOMAIN_XML_INACTIVE : 0);

    if (!s)
        return false;
    x->doc = xmlReadMemory(s, (int) strlen(s), "domain.xml", NULL,
                           XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
    if (!x->doc) {
        vsh_error(ctl, "Failed to parse domain description xml");
        return false;
    }
    x->ctx = xmlXPathNewContext(x->doc);
    return true;
}

static char *
node_attr(xmlNodePtr n, const char *child, const char *name)
{
    for (xmlNodePtr c = n->children; child && c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE && g_str_equal((const char *) c->name, child)) {
            n = c;
            child = NULL;
            break;
        }
    }
    if (child)
        return NULL;
    {
        xmlChar *v = xmlGetProp(n, (const xmlChar *) name);
        char *r = v ? g_strdup((const char *) v) : NULL;

        xmlFree(v);
        return r;
    }
}

static char *
node_dump(xmlDocPtr doc, xmlNodePtr n)
{
    xmlBufferPtr buf = xmlBufferCreate();
    char *s;

    xmlNodeDump(buf, doc, n, 0, 0);
    s = g_strdup((const char *) xmlBufferContent(buf));
    xmlBufferFree(buf);
    return s;
}

static xmlNodePtr
child_element(xmlNodePtr n, const char *name)
{
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE && g_str_equal((const char *) c->name, name))
            return c;
    }
    return NULL;
}

/* ---- detach-disk ---- */

static bool
cmd_detach_disk(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    const char *target = NULL;
    g_autofree char *dev = NULL;
    xmlXPathObjectPtr r = NULL;
    xmlNodePtr found = NULL;
    unsigned int flags = 0;
    bool legacy = true;
    bool ok = false;
    Xml x = { 0 };

    if (!dom || !device_flags(ctl, dom, cmd, &flags, &legacy) ||
        vsh_opt_string(ctl, cmd, "target", &target) <= 0)
        return false;
    if (!xml_load_domain(ctl, dom, (flags & VIR_DOMAIN_AFFECT_CONFIG) != 0, &x))
        return false;
    r = xmlXPathEvalExpression((const xmlChar *) "/domain/devices/disk", x.ctx);
    for (int i = 0; r && r->nodesetval && i < r->nodesetval->nodeNr && !found; i++) {
        xmlNodePtr n = r->nodesetval->nodeTab[i];
        g_autofree char *t = node_attr(n, "target", "dev");
        g_autofree char *s = NULL;
        static const char *const kinds[] = { "file", "dev", "dir", "name", "volume" };

        if (t && g_str_equal(t, target))
            found = n;
        for (size_t k = 0; !found && k < G_N_ELEMENTS(kinds); k++) {
            g_free(s);
            s = node_attr(n, "source", kinds[k]);
            if (s && g_str_equal(s, target))
                found = n;
        }
    }
    if (!found) {
        vsh_error(ctl, "No disk found whose source path or target is %s", target);
        goto out;
    }
    dev = node_dump(x.doc, found);
    if (vsh_opt_bool(cmd, "print-xml")) {
        vsh_print(ctl, "%s", dev);
        ok = true;
        goto out;
    }
    if (device_call(dom, DEV_DETACH, dev, flags, legacy) < 0) {
        vsh_error(ctl, "Failed to detach disk");
        goto out;
    }
    vsh_print_extra(ctl, "Disk detached successfully\n");
    ok = true;
 out:
    xmlXPathFreeObject(r);
    xml_clear(&x);
    return ok;
}

static const VshOptDef opts_detach_disk[] = {
    VSH_DOMAIN_OPT,
    { "target", VSH_OT_DATA, VSH_OF_REQUIRED, "the disk: target name or source path" },
    DEVICE_AFFECT_OPTS,
    { "print-xml", VSH_OT_BOOL, 0, "print the disk's XML instead of detaching it" },
    { NULL }
};

/* ---- detach-interface ---- */

static bool
cmd_detach_interface(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    const char *type = NULL, *mac = NULL;
    g_autofree char *dev = NULL;
    xmlXPathObjectPtr r = NULL;
    xmlNodePtr found = NULL;
    unsigned int flags = 0;
    bool legacy = true;
    bool ok = false;
    int ntype = 0, nmac = 0;
    Xml x = { 0 };

    if (!dom || !device_flags(ctl, dom, cmd, &flags, &legacy) ||
        vsh_opt_string(ctl, cmd, "type", &type) <= 0 ||
        vsh_opt_string(ctl, cmd, "mac", &mac) < 0)
        return false;
    if (!xml_load_domain(ctl, dom, (flags & VIR_DOMAIN_AFFECT_CONFIG) != 0, &x))
        return false;
    r = xmlXPathEvalExpression((const xmlChar *) "/domain/devices/interface", x.ctx);
    for (int i = 0; r && r->nodesetval && i < r->nodesetval->nodeNr; i++) {
        xmlNodePtr n = r->nodesetval->nodeTab[i];
        g_autofree char *t = node_attr(n, NULL, "type");
        g_autofree char *m = node_attr(n, "mac", "address");

        if (!t || !g_str_equal(t, type))
            continue;
        ntype++;
        if (!mac) {
            found = n;
        } else if (m && g_ascii_strcasecmp(m, mac) == 0) {
            found = n;
            nmac++;
        }
    }
    if (ntype == 0) {
        vsh_error(ctl, "No interface found whose type is %s", type);
        goto fail;
    }
    if (mac && nmac == 0) {
        vsh_error(ctl, "No interface with MAC address %s was found", mac);
        goto fail;
    }
    if (mac && nmac > 1) {
        vsh_error(ctl, "Domain has multiple interfaces matching MAC address %s. You must use "
                  "detach-device and specify the device pci address to remove it.", mac);
        goto fail;
    }
    if (!mac && ntype > 1) {
        vsh_error(ctl, "Domain has %d interfaces. Please specify which one to detach using --mac",
                  ntype);
        goto fail;
    }
    dev = node_dump(x.doc, found);
    if (vsh_opt_bool(cmd, "print-xml")) {
        vsh_print(ctl, "%s", dev);
        ok = true;
        goto out;
    }
    if (device_call(dom, DEV_DETACH, dev, flags, legacy) < 0)
        goto fail;
    vsh_print_extra(ctl, "Interface detached successfully\n");
    ok = true;
    goto out;
 fail:
    vsh_error(ctl, "Failed to detach interface");
 out:
    xmlXPathFreeObject(r);
    xml_clear(&x);
    return ok;
}

static const VshOptDef opts_detach_interface[] = {
    VSH_DOMAIN_OPT,
    { "type", VSH_OT_DATA, VSH_OF_REQUIRED, "the interface type (network, bridge...)" },
    { "mac", VSH_OT_STRING, 0, "the MAC address, when several interfaces have the type" },
    DEVICE_AFFECT_OPTS,
    { "print-xml", VSH_OT_BOOL, 0, "print the interface's XML instead of detaching it" },
    { NULL }
};

/* ---- domif-setlink ---- */

static bool
cmd_domif_setlink(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    const char *iface = NULL, *state = NULL;
    bool config = vsh_opt_bool(cmd, "config");
    g_autofree char *dev = NULL;
    xmlXPathObjectPtr r = NULL;
    xmlNodePtr found = NULL;
    int matches = 0;
    bool ok = false, is_mac;
    Xml x = { 0 };

    if (!dom || vsh_opt_string(ctl, cmd, "interface", &iface) <= 0 ||
        vsh_opt_string(ctl, cmd, "state", &state) <= 0)
        return false;
    if (g_ascii_strcasecmp(state, "up") != 0 && g_ascii_strcasecmp(state, "down") != 0) {
        vsh_error(ctl, "invalid link state '%s'", state);
        return false;
    }
    if (!xml_load_domain(ctl, dom, config, &x))
        return false;
    is_mac = strlen(iface) == 17 && iface[2] == ':';
    r = xmlXPathEvalExpression((const xmlChar *) "/domain/devices/interface", x.ctx);
    for (int i = 0; r && r->nodesetval && i < r->nodesetval->nodeNr; i++) {
        xmlNodePtr n = r->nodesetval->nodeTab[i];
        g_autofree char *v = is_mac ? node_attr(n, "mac", "address")
                                    : node_attr(n, "target", "dev");

        if (v && g_ascii_strcasecmp(v, iface) == 0) {
            found = n;
            matches++;
        }
    }
    if (matches > 1) {
        vsh_error(ctl, "multiple matching interfaces found");
        goto out;
    }
    if (!found) {
        vsh_error(ctl, "interface '%s' not found", iface);
        goto out;
    }
    {
        xmlNodePtr link = child_element(found, "link");

        if (!link)
            link = xmlNewChild(found, NULL, (const xmlChar *) "link", NULL);
        xmlSetProp(link, (const xmlChar *) "state", (const xmlChar *) state);
    }
    dev = node_dump(x.doc, found);
    if (vsh_opt_bool(cmd, "print-xml")) {
        vsh_print(ctl, "%s", dev);
        ok = true;
        goto out;
    }
    if (virDomainUpdateDeviceFlags(dom, dev, config ? VIR_DOMAIN_AFFECT_CONFIG
                                                    : VIR_DOMAIN_AFFECT_LIVE) < 0) {
        vsh_error(ctl, "Failed to update interface link state");
        goto out;
    }
    vsh_print_extra(ctl, "Device updated successfully\n");
    ok = true;
 out:
    xmlXPathFreeObject(r);
    xml_clear(&x);
    return ok;
}

static const VshOptDef opts_domif_setlink[] = {
    VSH_DOMAIN_OPT,
    { "interface", VSH_OT_DATA, VSH_OF_REQUIRED, "the interface: target device or MAC" },
    { "state", VSH_OT_DATA, VSH_OF_REQUIRED, "up or down" },
    { "config", VSH_OT_BOOL, 0, "change the persistent configuration" },
    { "print-xml", VSH_OT_BOOL, 0, "print the changed XML instead of applying it" },
    { NULL }
};

/* ---- change-media ---- */

static bool
cmd_change_media(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    const char *path = NULL, *source = NULL;
    bool eject = vsh_opt_bool(cmd, "eject");
    bool insert = vsh_opt_bool(cmd, "insert");
    bool update = vsh_opt_bool(cmd, "update");
    bool block = vsh_opt_bool(cmd, "block");
    g_autofree char *dev = NULL;
    xmlXPathObjectPtr r = NULL;
    xmlNodePtr found = NULL, src;
    unsigned int flags;
    bool ok = false;
    Xml x = { 0 };

    if (!vsh_opt_exclusive(ctl, cmd, "eject", "insert") ||
        !vsh_opt_exclusive(ctl, cmd, "eject", "update") ||
        !vsh_opt_exclusive(ctl, cmd, "insert", "update") ||
        !vsh_opt_exclusive(ctl, cmd, "eject", "source") ||
        !vsh_opt_exclusive(ctl, cmd, "eject", "block") ||
        !vsh_affect_flags(ctl, cmd, &flags) || !(dom = vsh_domain(ctl, cmd, NULL)) ||
        vsh_opt_string(ctl, cmd, "path", &path) <= 0 ||
        vsh_opt_string(ctl, cmd, "source", &source) < 0)
        return false;
    if (!eject && !insert && !update)
        update = true;
    if ((insert || update) && !source) {
        vsh_error(ctl, "New disk media source was not specified");
        return false;
    }
    if (vsh_opt_bool(cmd, "force"))
        flags |= VIR_DOMAIN_DEVICE_MODIFY_FORCE;
    if (!xml_load_domain(ctl, dom, (flags & VIR_DOMAIN_AFFECT_CONFIG) != 0, &x))
        return false;
    r = xmlXPathEvalExpression((const xmlChar *)
                               "/domain/devices/disk[@device='cdrom' or @device='floppy']",
                               x.ctx);
    for (int i = 0; r && r->nodesetval && i < r->nodesetval->nodeNr && !found; i++) {
        xmlNodePtr n = r->nodesetval->nodeTab[i];
        g_autofree char *t = node_attr(n, "target", "dev");
        g_autofree char *f = node_attr(n, "source", "file");
        g_autofree char *d = node_attr(n, "source", "dev");

        if ((t && g_str_equal(t, path)) || (f && g_str_equal(f, path)) ||
            (d && g_str_equal(d, path)))
            found = n;
    }
    if (!found) {
        vsh_error(ctl, "No disk found whose source path or target is %s", path);
        goto out;
    }
    src = child_element(found, "source");
    if (eject && !src) {
        g_autofree char *t = node_attr(found, "target", "dev");

        vsh_error(ctl, "The disk device '%s' doesn't have media", t ? t : path);
        goto out;
    }
    if (insert && src) {
        g_autofree char *t = node_attr(found, "target", "dev");

        vsh_error(ctl, "The disk device '%s' already has media", t ? t : path);
        goto out;
    }
    if (src) {
        xmlNodePtr ws = src->prev;

        xmlUnlinkNode(src);
        xmlFreeNode(src);
        if (ws && ws->type == XML_TEXT_NODE && xmlIsBlankNode(ws)) {
            xmlUnlinkNode(ws);
            xmlFreeNode(ws);
        }
    }
    if (!eject) {
        xmlNodePtr target = child_element(found, "target");
        xmlNodePtr ns = xmlNewNode(NULL, (const xmlChar *) "source");

        xmlSetProp(ns, (const xmlChar *) (block ? "dev" : "file"), (const xmlChar *) source);
        xmlSetProp(found, (const xmlChar *) "type", (const xmlChar *) (block ? "block" : "file"));
        if (target) {
            xmlNodePtr ws = target->prev;

            xmlAddPrevSibling(target, ns);
            if (ws && ws->type == XML_TEXT_NODE)
                xmlAddPrevSibling(target, xmlNewText(ws->content));
        } else {
            xmlAddChild(found, ns);
        }
    }
    dev = node_dump(x.doc, found);
    if (vsh_opt_bool(cmd, "print-xml")) {
        vsh_print(ctl, "%s", dev);
        ok = true;
        goto out;
    }
    if (virDomainUpdateDeviceFlags(dom, dev, flags) < 0) {
        vsh_error(ctl, "Failed to complete action %s on media",
                  eject ? "eject" : insert ? "insert" : "update");
        goto out;
    }
    vsh_print_extra(ctl, eject ? "Successfully ejected media.\n"
                         : insert ? "Successfully inserted media.\n"
                                  : "Successfully updated media.\n");
    ok = true;
 out:
    xmlXPathFreeObject(r);
    xml_clear(&x);
    return ok;
}

static const VshOptDef opts_change_media[] = {
    VSH_DOMAIN_OPT,
    { "path", VSH_OT_DATA, VSH_OF_REQUIRED, "the CD-ROM or floppy: target or source path" },
    { "source", VSH_OT_STRING, 0, "the new medium" },
    { "eject", VSH_OT_BOOL, 0, "remove the medium" },
    { "insert", VSH_OT_BOOL, 0, "insert a medium into an empty drive" },
    { "update", VSH_OT_BOOL, 0, "replace the medium (the default)" },
    VSH_OPT_CURRENT,
    VSH_OPT_LIVE,
    VSH_OPT_CONFIG,
    { "force", VSH_OT_BOOL, 0, "eject even if the guest locked the drive" },
    { "print-xml", VSH_OT_BOOL, 0, "print the changed XML instead of applying it" },
    { "block", VSH_OT_BOOL, 0, "the new medium is a block device" },
    { NULL }
};

/* ---- the table ---- */

const VshCmdDef vsh_cmds_domain_dev[] = {
    { "attach-device", cmd_attach_device, opts_device_file, "add a device from XML",
      "Add the device described in an XML file to a domain.", 0 },
    { "attach-disk", cmd_attach_disk, opts_attach_disk, "add a disk",
      "Add a disk to a domain, described by options instead of XML.", 0 },
    { "attach-interface", cmd_attach_interface, opts_attach_interface, "add a network interface",
      "Add a network interface to a domain, described by options instead of XML.", 0 },
    { "change-media", cmd_change_media, opts_change_media, "change a CD-ROM or floppy medium",
      "Eject, insert or replace the medium of a removable drive.", 0 },
    { "detach-device", cmd_detach_device, opts_device_file, "remove a device described in XML",
      "Remove the device that matches an XML description from a domain.", 0 },
    { "detach-device-alias", cmd_detach_device_alias, opts_detach_device_alias,
      "remove a device by its alias", "Remove the device with the given alias.", 0 },
    { "detach-disk", cmd_detach_disk, opts_detach_disk, "remove a disk",
      "Remove a disk, named by target or source, from a domain.", 0 },
    { "detach-interface", cmd_detach_interface, opts_detach_interface,
      "remove a network interface",
      "Remove a network interface, chosen by type and MAC, from a domain.", 0 },
    { "domif-setlink", cmd_domif_setlink, opts_domif_setlink, "set an interface's link state",
      "Bring the link of a guest interface up or down.", 0 },
    { "update-device", cmd_update_device, opts_update_device, "change a device from XML",
      "Change a device of a domain to match an XML description.", 0 },
    { NULL }
};
