"""Domain XML defaults: what define + dumpxml make of a minimal definition.

Each check defines one domain on test:///default and returns its XML (live
and inactive forms), so run.py compares our XML engine's defaults with
libvirt's own: character device ports and the console that mirrors the
first serial port, graphics listens and ports, implicit controllers and
video cards, input buses, video sizes. Errors are compared by code and
domain only (our messages are our own words).

The inputs are the tests/data/domain/compat-*.in.xml golden cases (turned
into test-driver domains), the device snippets and the general parts
(memory, vCPUs, OS, features, CPU, clock, tuning, metadata) below.
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


# name, everything between <uuid> and <devices/> (the parts outside <devices>)
GENERAL = [
    ("general-minimal",
     '<memory>1048576</memory><os><type>hvm</type></os>'),
    ("general-boot-order-menu",
     "<memory unit='GiB'>1</memory><currentMemory unit='MiB'>512</currentMemory><os>"
     "<type arch='x86_64' machine='pc'>hvm</type><boot dev='cdrom'/><boot dev='hd'/>"
     "<bootmenu enable='yes' timeout='3000'/></os>"),
    ("general-cpu-custom-topology",
     "<memory>1048576</memory><vcpu placement='static' current='2'>4</vcpu><os>"
     "<type>hvm</type></os><cpu mode='custom' match='exact'>"
     "<model fallback='allow'>qemu64</model>"
     "<topology sockets='2' dies='1' cores='2' threads='1'/>"
     "<feature policy='require' name='vmx'/></cpu>"),
    ("general-features-hyperv-kvm",
     '<memory>1048576</memory><os><type>hvm</type></os><features><acpi/>'
     "<apic eoi='on'/><hyperv mode='custom'><relaxed state='on'/><vapic state='on'/>"
     "<spinlocks state='on' retries='8191'/></hyperv><kvm><hidden state='on'/></kvm>"
     "<vmport state='off'/></features>"),
    ("general-clock-timers",
     '<memory>1048576</memory><os><type>hvm</type></os>'
     "<clock offset='variable' adjustment='-3600' basis='utc'>"
     "<timer name='rtc' tickpolicy='catchup'/><timer name='pit' tickpolicy='delay'/>"
     "<timer name='hpet' present='no'/></clock>"),
    ("general-numa-cells",
     '<memory>2097152</memory><vcpu>4</vcpu><os><type>hvm</type></os><cpu><numa>'
     "<cell id='0' cpus='0-1' memory='1048576'/>"
     "<cell id='1' cpus='2-3' memory='1048576'/></numa></cpu>"),
    ("general-cputune",
     '<memory>1048576</memory><vcpu>2</vcpu><os><type>hvm</type></os><cputune>'
     "<vcpupin vcpu='0' cpuset='0'/><emulatorpin cpuset='1'/><shares>2048</shares>"
     '<period>100000</period><quota>-1</quota></cputune>'),
    ("general-memtune-hugepages",
     '<memory>1048576</memory><os><type>hvm</type></os><memtune>'
     "<hard_limit unit='G'>2</hard_limit><soft_limit>524288</soft_limit></memtune>"
     "<memoryBacking><hugepages><page size='2048' unit='KiB'/></hugepages>"
     '<nosharepages/><locked/></memoryBacking>'),
    ("general-title-metadata",
     '<title>A title</title><description>desc &amp; more</description><metadata>'
     "<app1:foo xmlns:app1='http://app1.org/app1/'>fooish</app1:foo></metadata>"
     '<memory>1048576</memory><os><type>hvm</type></os>'),
    ("general-pflash-nvram",
     '<memory>1048576</memory><os><type>hvm</type>'
     "<loader readonly='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE.fd</loader>"
     '<nvram>/var/lib/libvirt/qemu/nvram/g10_VARS.fd</nvram></os>'),
    ("general-direct-kernel",
     '<memory>1048576</memory><os><type>hvm</type><kernel>/boot/vmlinuz</kernel>'
     '<initrd>/boot/initrd</initrd><cmdline>console=ttyS0</cmdline></os>'),
    ("general-smbios-sysinfo",
     "<memory>1048576</memory><os><type>hvm</type><smbios mode='sysinfo'/></os>"
     "<sysinfo type='smbios'><system><entry name='manufacturer'>Fedora</entry>"
     '</system></sysinfo>'),
    ("general-lifecycle-pm",
     '<memory>1048576</memory><os><type>hvm</type></os>'
     '<on_poweroff>restart</on_poweroff><on_crash>coredump-restart</on_crash><pm>'
     "<suspend-to-mem enabled='no'/><suspend-to-disk enabled='yes'/></pm>"),
    ("general-cpu-host-model",
     '<memory>1048576</memory><os><type>hvm</type></os>'
     "<cpu mode='host-model' check='partial'/>"),
    ("general-iothreads",
     '<memory>1048576</memory><os><type>hvm</type></os><iothreads>2</iothreads>'
     "<iothreadids><iothread id='1'/><iothread id='3'/></iothreadids>"),
    ("general-container-init",
     '<memory>1048576</memory><os><type>exe</type><init>/bin/sh</init></os>'),
    ("general-seclabel",
     '<memory>1048576</memory><os><type>hvm</type></os>'
     "<seclabel type='dynamic' model='selinux' relabel='yes'/>"),
    ("general-resource-numatune",
     '<memory>1048576</memory><os><type>hvm</type></os><resource>'
     '<partition>/machine</partition></resource><numatune>'
     "<memory mode='strict' nodeset='0'/></numatune>"),
    ("general-max-memory",
     "<memory>1048576</memory><maxMemory slots='16' unit='KiB'>4194304</maxMemory><os>"
     '<type>hvm</type></os>'),
    ("general-firmware-efi",
     "<memory>1048576</memory><os firmware='efi'><type>hvm</type></os>"),
]

GENERAL_TEMPLATE = """<domain type='test'>
  <name>%s</name>
  <uuid>11111111-2222-3333-4444-555555555555</uuid>
  %s
  <devices/>
</domain>
"""


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
CHECKS += [(n, (lambda xml: lambda ctx: dump(ctx, xml))(GENERAL_TEMPLATE % (n, body)))
           for n, body in GENERAL]
CHECKS += [("golden-" + os.path.basename(p)[:-len(".in.xml")], golden_check(p))
           for p in sorted(glob.glob(os.path.join(DATA, "compat-*.in.xml")))]
