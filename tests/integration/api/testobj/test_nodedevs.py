"""Node devices of test:///default: the default devices and their XML,
counts and lists by capability, every ListAll capability filter, parents,
capabilities, vHBA creation and removal the way libvirt's test driver mocks
it, a host file's devices, and (ours only) state filters, lookup by WWN and
mediated device define/start/stop/undefine/autostart."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import mask, names, tryv  # noqa: E402

import libvirt  # noqa: E402

VHBA = ("<device><parent>%s</parent><capability type='scsi_host'><capability type='fc_host'>"
        "<wwnn>%s</wwnn><wwpn>%s</wwpn></capability></capability></device>")
CAPS = ["system", "pci", "usb_device", "usb", "net", "scsi_host", "scsi_target", "scsi",
        "storage", "fc_host", "vports", "scsi_generic", "drm", "mdev_types", "mdev", "ccw",
        "css", "vdpa", "ap_card", "ap_queue", "ap_matrix", "vpd", "bogus"]


def defaults(ctx):
    c = ctx.conn
    out = [sorted(c.listDevices(None, 0)), c.numOfDevices(None, 0)]
    for d in sorted(c.listAllDevices(0), key=lambda x: x.name()):
        out += [d.name(), d.XMLDesc(0), d.parent(), d.numOfCaps(), d.listCaps()]
    return out


def by_capability(ctx):
    c = ctx.conn
    return {cap: [c.numOfDevices(cap, 0), sorted(c.listDevices(cap, 0))] for cap in CAPS}


def list_filters(ctx):
    c = ctx.conn
    out = {str(1 << b): names(c.listAllDevices(1 << b)) for b in range(0, 22)}
    out["bad"] = tryv(c.listAllDevices, 1 << 25)
    return out


def errors(ctx):
    c = ctx.conn
    comp = c.nodeDeviceLookupByName("computer")
    return [tryv(c.nodeDeviceLookupByName, "nope"), tryv(comp.XMLDesc, 1),
            tryv(c.numOfDevices, None, 1), tryv(comp.destroy), comp.parent(),
            names(c.listAllDevices(0))]


def vhba(ctx):
    c = ctx.conn
    x = VHBA % ("scsi_host1", "2000000012345678", "1000000012345678")
    n = c.nodeDeviceCreateXML(x, 0)
    out = [n.name(), n.XMLDesc(0), n.parent(), names(c.listAllDevices(0))]
    out += [tryv(c.nodeDeviceCreateXML, x, 0), tryv(n.destroy), tryv(n.destroy)]
    out += [tryv(c.nodeDeviceCreateXML, VHBA % ("computer", "2000000012345679",
                                                "1000000012345679"), 0),
            tryv(c.nodeDeviceCreateXML, VHBA % ("scsi_host11", "2000000012345679",
                                                "1000000012345679"), 0)]
    n = c.nodeDeviceCreateXML("<device><capability type='scsi_host'><capability type='fc_host'>"
                              "<wwnn>2000000012345679</wwnn><wwpn>1000000012345679</wwpn>"
                              "</capability></capability></device>", 0)
    out += [n.name(), n.XMLDesc(0), tryv(n.destroy)]
    n = c.nodeDeviceCreateXML(VHBA % ("scsi_host2", "2000000012345670", "1000000012345670"), 0)
    out += [n.parent(), tryv(n.destroy)]
    return out


def fc_pool(ctx):
    c = ctx.conn
    p = c.storagePoolCreateXML("<pool type='scsi'><name>fc</name><source><adapter type='fc_host' "
                               "parent='scsi_host1' wwnn='2000000012345679' "
                               "wwpn='1000000012345679'/></source><target><path>"
                               "/dev/disk/by-path</path></target></pool>", 0)
    out = [names(c.listAllDevices(0)), c.nodeDeviceLookupByName("scsi_host12").XMLDesc(0),
           mask(p.XMLDesc(0)), tryv(p.destroy), names(c.listAllDevices(0))]
    return out


def host_file(ctx):
    host = os.path.join(ctx.tmp, "host.xml")
    with open(os.path.join(ctx.tmp, "dev.xml"), "w") as f:
        f.write("<device><name>net_eth0</name><parent>computer</parent>"
                "<capability type='net'><interface>eth0</interface>"
                "<address>52:54:00:00:00:01</address><link speed='1000' state='up'/>"
                "</capability></device>")
    with open(host, "w") as f:
        f.write("<node><device><name>computer</name><capability type='system'><hardware>"
                "<uuid>11111111-2222-3333-4444-555555555599</uuid></hardware></capability>"
                "</device>"
                "<device file='dev.xml'/></node>")
    c = libvirt.open("test://" + host)
    out = [names(c.listAllDevices(0))]
    out += [d.XMLDesc(0) for d in sorted(c.listAllDevices(0), key=lambda x: x.name())]
    out.append(names(c.listAllDevices(libvirt.VIR_CONNECT_LIST_NODE_DEVICES_CAP_NET)))
    c.close()
    return out


def ours_states_and_wwn(ctx):
    c = ctx.conn
    return [names(c.listAllDevices(libvirt.VIR_CONNECT_LIST_NODE_DEVICES_ACTIVE)),
            names(c.listAllDevices(libvirt.VIR_CONNECT_LIST_NODE_DEVICES_INACTIVE)),
            c.nodeDeviceLookupSCSIHostByWWN("2000000034563456", "1000000034563456", 0).name(),
            tryv(c.nodeDeviceLookupSCSIHostByWWN, "1", "2", 0),
            c.nodeDeviceLookupByName("computer").isActive(),
            c.nodeDeviceLookupByName("computer").isPersistent()]


def ours_mdev(ctx):
    c = ctx.conn
    x = ("<device><parent>computer</parent><capability type='mdev'><type id='nvidia-11'/>"
         "<uuid>d069d019-36ea-4111-8f0a-8c9a70e21366</uuid></capability></device>")
    d = c.nodeDeviceDefineXML(x, 0)
    out = [d.name(), d.isActive(), d.isPersistent(), d.autostart(), d.setAutostart(1),
           d.autostart(), d.create(), d.isActive(), tryv(d.create), d.destroy(), d.isActive(),
           d.undefine(), tryv(c.nodeDeviceLookupByName, d.name()),
           tryv(c.nodeDeviceDefineXML, "<device><capability type='system'/></device>", 0)]
    t = c.nodeDeviceCreateXML(x, 0)
    out += [t.isActive(), t.isPersistent(), tryv(t.setAutostart, 1), t.destroy(),
            tryv(c.nodeDeviceLookupByName, t.name())]
    return out


def create_errors(ctx):
    # a creation request is read as libvirt reads one: no <host> needed,
    # errors name "new device", libvirt's wording and codes for the PCI
    # address, the system UUID and the vHBA checks
    fc = ("<capability type='scsi_host'>%s<capability type='fc_host'>%s</capability>"
          "</capability>")
    wwns = "<wwnn>2000000012341234</wwnn><wwpn>1000000012341234</wwpn>"
    pci = ("<capability type='pci'><domain>%s</domain><bus>%s</bus><slot>0</slot>"
           "<function>0</function><product id='0x1'/><vendor id='0x2'/></capability>")
    docs = [
        "<parent>scsi_host1</parent>" + fc % ("<host>x</host>", wwns),
        "<parent>scsi_host1</parent>" + fc % ("", "<wwnn>2000000012341234</wwnn>"),
        "<parent>nosuch</parent>" + fc % ("", wwns),
        "<capability type='system'><hardware><vendor>v</vendor></hardware></capability>",
        "<capability type='system'><hardware><uuid>bogus</uuid></hardware></capability>",
        "<capability type='system'><product>p</product></capability>",
        pci % ("0x10000", "0"), pci % ("x", "0"), pci % ("-1", "0"), pci % ("0", "0x100"),
        "<capability type='pci'><bus>0</bus><slot>0</slot><function>0</function>"
        "<product id='0x1'/><vendor id='0x2'/></capability>",
        "<capability type='scsi_host'><host>x</host></capability>",
    ]
    out = []
    for d in docs:
        r = tryv(ctx.conn.nodeDeviceCreateXML, "<device><name>named</name>%s</device>" % d, 0)
        if isinstance(r, list):
            dev = ctx.conn.nodeDeviceLookupByName(r[1])
            r = [r, dev.XMLDesc()]
            dev.destroy()
        out.append(r)
    return out


CHECKS = [
    ("defaults", defaults),
    ("by_capability", by_capability),
    ("list_filters", list_filters),
    ("errors", errors),
    ("vhba", vhba),
    ("create_errors", create_errors),
    ("fc_pool", fc_pool),
    ("host_file", host_file),
    ("ours_states_and_wwn", ours_states_and_wwn, {"ours": True}),
    ("ours_mdev", ours_mdev, {"ours": True}),
]
