"""Domain XML defaults: what define + dumpxml make of a minimal definition.

Each check defines one domain on test:///default and returns its XML (live
and inactive forms), so run.py compares our XML engine's defaults with
libvirt's own: character device ports and the console that mirrors the
first serial port, graphics listens and ports, implicit controllers and
video cards, input buses, video sizes. Errors are compared by code and
domain only (our messages are our own words).

The inputs are the tests/data/domain/compat-*.in.xml golden cases (turned
into test-driver domains) plus the device snippets below.
"""
import glob
import os

import libvirt

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "..", "data", "domain")

TEMPLATE = """<domain type='test'>
  <name>%s</name>
  <uuid>11111111-2222-3333-4444-555555555555</uuid>
  <memory>1048576</memory>
  <os><type arch='x86_64'>%s</type></os>
  <devices>
%s
  </devices>
</domain>
"""

# name, os type, <devices> content
SNIPPETS = [
    ("serial-one", "hvm", "<serial type='pty'/>"),
    ("serial-isa", "hvm", "<serial type='pty'><target type='isa-serial'/></serial>"),
    ("serial-usb-console", "hvm",
     "<serial type='pty'><target type='usb-serial'/></serial><console type='pty'/>"),
    ("console-port", "hvm", "<console type='pty'><target type='serial' port='2'/></console>"),
    ("console-virtio", "hvm", "<console type='pty'><target type='virtio'/></console>"),
    ("console-two", "hvm", "<console type='pty'/><console type='pty'/>"),
    ("console-linux", "linux", "<console type='pty'/><serial type='pty'/>"),
    ("channel-spicevmc", "hvm",
     "<channel type='spicevmc'><target type='virtio' name='com.redhat.spice.0'/></channel>"),
    ("channel-guestfwd", "hvm",
     "<channel type='pty'><target type='guestfwd' address='10.0.2.1' port='4600'/>"
     "</channel>"),
    ("vnc-plain", "hvm", "<graphics type='vnc'/>"),
    ("vnc-port", "hvm", "<graphics type='vnc' port='5901'/>"),
    ("vnc-legacy-auto", "hvm", "<graphics type='vnc' port='-1'/>"),
    ("vnc-no-autoport", "hvm", "<graphics type='vnc' autoport='no'/>"),
    ("vnc-port-zero", "hvm", "<graphics type='vnc' port='0'/>"),
    ("vnc-listen-attr", "hvm", "<graphics type='vnc' listen='127.0.0.1'/>"),
    ("vnc-listen-empty", "hvm", "<graphics type='vnc' listen=''/>"),
    ("vnc-listen-child", "hvm",
     "<graphics type='vnc'><listen type='address' address='0.0.0.0'/></graphics>"),
    ("vnc-listen-two", "hvm",
     "<graphics type='vnc'><listen type='address'/>"
     "<listen type='address' address='1.1.1.1'/></graphics>"),
    ("vnc-socket-attr", "hvm", "<graphics type='vnc' socket='/tmp/vnc.sock'/>"),
    ("vnc-socket-listen", "hvm",
     "<graphics type='vnc'><listen type='socket' socket='/tmp/s'/></graphics>"),
    ("vnc-socket-nopath", "hvm", "<graphics type='vnc'><listen type='socket'/></graphics>"),
    ("vnc-network", "hvm",
     "<graphics type='vnc' listen='2.2.2.2'><listen type='network' network='n'/></graphics>"),
    ("vnc-none", "hvm", "<graphics type='vnc'><listen type='none'/></graphics>"),
    ("vnc-xen", "xen", "<input type='mouse'/><graphics type='vnc'/>"),
    ("spice-plain", "hvm", "<graphics type='spice'/>"),
    ("spice-ports", "hvm", "<graphics type='spice' port='5900' tlsPort='5901'/>"),
    ("spice-legacy-auto", "hvm", "<graphics type='spice' port='-1' tlsPort='-1'/>"),
    ("spice-one-legacy", "hvm", "<graphics type='spice' port='-1'/>"),
    ("spice-tls-legacy", "hvm", "<graphics type='spice' tlsPort='-1'/>"),
    ("spice-autoport", "hvm", "<graphics type='spice' port='5900' autoport='yes'/>"),
    ("spice-address", "hvm",
     "<graphics type='spice'><listen type='address' address='127.0.0.1'/></graphics>"),
    ("spice-network", "hvm",
     "<graphics type='spice' port='0' autoport='no'>"
     "<listen type='network' network='x'/></graphics>"),
    ("rdp-plain", "hvm", "<graphics type='rdp'/>"),
    ("rdp-port", "hvm", "<graphics type='rdp' port='3389'/>"),
    ("rdp-legacy", "hvm", "<graphics type='rdp' port='-1'/>"),
    ("rdp-autoport", "hvm", "<graphics type='rdp' port='3389' autoport='yes'/>"),
    ("sdl", "hvm", "<graphics type='sdl'/>"),
    ("egl-headless", "hvm", "<graphics type='egl-headless'/>"),
    ("dbus", "hvm", "<graphics type='dbus'/>"),
    ("two-displays", "hvm", "<graphics type='vnc'/><graphics type='spice'/>"),
    ("display-and-video", "hvm",
     "<graphics type='vnc'/><video><model type='vga'/></video>"),
    ("video-default", "hvm", "<video/>"),
    ("video-qxl", "hvm", "<video><model type='qxl'/></video>"),
    ("video-qxl-vram", "hvm", "<video><model type='qxl' vram='32768'/></video>"),
    ("video-bochs", "hvm", "<video><model type='bochs'/></video>"),
    ("video-virtio", "hvm", "<video><model type='virtio'/></video>"),
    ("video-vbox", "hvm", "<video><model type='vbox'/></video>"),
    ("video-ramfb", "hvm", "<video><model type='ramfb'/></video>"),
    ("video-none", "hvm", "<video><model type='none'/></video>"),
    ("video-two", "hvm",
     "<video><model type='vga'/></video><video><model type='qxl'/></video>"),
    ("input-tablet", "hvm", "<input type='tablet'/>"),
    ("input-usb-disabled", "hvm",
     "<controller type='usb' model='none'/><input type='tablet' bus='usb'/>"),
    ("redirdev-usb", "hvm",
     "<controller type='usb' index='0'/><redirdev bus='usb' type='spicevmc'/>"),
    ("redirdev-usb-none", "hvm",
     "<controller type='usb' model='none'/><redirdev bus='usb' type='spicevmc'/>"),
    ("smartcard-with-controller", "hvm",
     "<controller type='ccid' index='0'/><smartcard mode='host'/>"),
    ("two-vfio-ap", "hvm",
     "<hostdev mode='subsystem' type='mdev' model='vfio-ap'><source>"
     "<address uuid='11111111-2222-3333-4444-555555555551'/></source></hostdev>"
     "<hostdev mode='subsystem' type='mdev' model='vfio-ap'><source>"
     "<address uuid='11111111-2222-3333-4444-555555555552'/></source></hostdev>"),
    ("usb-net-hostdev", "hvm",
     "<interface type='hostdev'><mac address='52:54:00:11:22:33'/><source>"
     "<vendor id='0x1234'/><product id='0xbeef'/></source></interface>"),
    ("duplicate-alias", "hvm",
     "<disk type='file'><source file='/a'/><target dev='vda' bus='virtio'/>"
     "<alias name='ua-x'/></disk><disk type='file'><source file='/b'/>"
     "<target dev='vdb' bus='virtio'/><alias name='ua-x'/></disk>"),
    ("duplicate-boot-order", "hvm",
     "<disk type='file'><source file='/a'/><target dev='vda' bus='virtio'/>"
     "<boot order='1'/></disk><disk type='file'><source file='/b'/>"
     "<target dev='vdb' bus='virtio'/><boot order='1'/></disk>"),
    ("duplicate-disk-target", "hvm",
     "<disk type='file'><source file='/a'/><target dev='vda' bus='virtio'/></disk>"
     "<disk type='file'><source file='/b'/><target dev='vda' bus='virtio'/></disk>"),
    ("two-watchdogs", "hvm", "<watchdog model='i6300esb'/><watchdog model='ib700'/>"),
    ("same-pci-address", "hvm",
     "<disk type='file'><source file='/a'/><target dev='vda' bus='virtio'/>"
     "<address type='pci' domain='0x0000' bus='0x00' slot='0x05' function='0x0'/></disk>"
     "<interface type='user'><mac address='52:54:00:11:22:33'/>"
     "<address type='pci' domain='0x0000' bus='0x00' slot='0x05' function='0x0'/>"
     "</interface>"),
    ("memory-no-node", "hvm",
     "<memory model='dimm'><target><size unit='KiB'>524288</size></target></memory>"),
]


def dump(ctx, xml):
    conn = ctx.conn
    try:
        dom = conn.defineXML(xml)
    except libvirt.libvirtError as e:
        return {"define-error": [e.get_error_code(), e.get_error_domain()]}
    try:
        return {"live": dom.XMLDesc(0),
                "inactive": dom.XMLDesc(libvirt.VIR_DOMAIN_XML_INACTIVE)}
    finally:
        dom.undefine()


def snippet_check(name, os_type, devices):
    xml = TEMPLATE % (name, os_type, devices)
    return lambda ctx: dump(ctx, xml)


def golden_check(path):
    with open(path) as f:
        xml = f.read().replace("<domain type='qemu'>", "<domain type='test'>", 1)
    return lambda ctx: dump(ctx, xml)


CHECKS = [("snippet-" + n, snippet_check(n, o, d)) for n, o, d in SNIPPETS]
CHECKS += [("golden-" + os.path.basename(p)[:-len(".in.xml")], golden_check(p))
           for p in sorted(glob.glob(os.path.join(DATA, "compat-*.in.xml")))]
