"""A custom host file (test:///path/host.xml) holding one element of every
kind the test driver loads: a domain, a network, an interface, a storage
pool with volumes (inline and file='...'), a node device, a secret and a
network filter. Everything but the secret and the filter must load and
read back as on libvirt's test driver; those two families are ours
(libvirt's test driver ignores the elements), checked separately."""
import base64
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import mask, names, tryv  # noqa: E402

import libvirt  # noqa: E402

SECRET_UUID = "11111111-2222-3333-4444-5555555555aa"
FILTER_UUID = "11111111-2222-3333-4444-5555555555bb"

HOST = """<node>
  <cpu>
    <nodes>1</nodes><sockets>1</sockets><cores>2</cores><threads>2</threads>
    <active>4</active><mhz>3000</mhz><model>i686</model>
  </cpu>
  <memory>4194304</memory>
  <domain type='test'>
    <name>hf-guest</name>
    <uuid>11111111-2222-3333-4444-555555555510</uuid>
    <memory>131072</memory>
    <vcpu>2</vcpu>
    <os><type>hvm</type></os>
    <devices>
      <disk type='file' device='disk'>
        <source file='/guests/hf-guest.img'/>
        <target dev='vda' bus='virtio'/>
      </disk>
      <interface type='network'>
        <mac address='52:54:00:aa:bb:01'/>
        <source network='hf-net'/>
      </interface>
    </devices>
  </domain>
  <network>
    <name>hf-net</name>
    <uuid>11111111-2222-3333-4444-555555555520</uuid>
    <bridge name='hfbr0'/>
    <forward mode='nat'/>
    <ip address='192.168.77.1' netmask='255.255.255.0'>
      <dhcp><range start='192.168.77.10' end='192.168.77.50'/></dhcp>
    </ip>
  </network>
  <interface type='ethernet' name='hf-eth0'>
    <start mode='onboot'/>
    <mac address='52:54:00:aa:bb:02'/>
    <protocol family='ipv4'><ip address='10.7.0.2' prefix='24'/></protocol>
  </interface>
  <pool type='dir'>
    <name>hf-pool</name>
    <uuid>11111111-2222-3333-4444-555555555530</uuid>
    <target><path>/hf-pool</path></target>
    <volume>
      <name>inline.img</name>
      <capacity unit='M'>10</capacity>
      <allocation unit='M'>4</allocation>
    </volume>
    <volume file='hf-vol.xml'/>
  </pool>
  <device>
    <name>pci_0000_00_07_0</name>
    <parent>computer</parent>
    <capability type='pci'>
      <domain>0</domain><bus>0</bus><slot>7</slot><function>0</function>
      <product id='0x1000'>Virtio network device</product>
      <vendor id='0x1af4'>Red Hat, Inc.</vendor>
    </capability>
  </device>
  <secret ephemeral='no' private='no'>
    <uuid>%(secret)s</uuid>
    <description>host file secret</description>
    <usage type='volume'><volume>/hf-pool/inline.img</volume></usage>
    <value>%(value)s</value>
  </secret>
  <filter name='hf-filter'>
    <uuid>%(filter)s</uuid>
    <rule action='drop' direction='in' priority='500'>
      <tcp dstportstart='23'/>
    </rule>
  </filter>
</node>
""" % {"secret": SECRET_UUID, "filter": FILTER_UUID,
       "value": base64.b64encode(b"s3cr3t").decode()}

VOLUME_FILE = """<volume>
  <name>fromfile.img</name>
  <capacity unit='K'>64</capacity>
</volume>
"""


def open_host(ctx):
    with open(os.path.join(ctx.tmp, "hf-vol.xml"), "w") as f:
        f.write(VOLUME_FILE)
    path = os.path.join(ctx.tmp, "host.xml")
    with open(path, "w") as f:
        f.write(HOST)
    return libvirt.open("test://" + path)


def every_kind(ctx):
    c = open_host(ctx)
    dom = c.lookupByName("hf-guest")
    net = c.networkLookupByName("hf-net")
    pool = c.storagePoolLookupByName("hf-pool")
    out = [c.getInfo()[:2], names(c.listAllDomains(0)), dom.info()[:4], dom.XMLDesc(0),
           names(c.listAllNetworks(0)), net.XMLDesc(0), net.isActive(),
           sorted(i.name() for i in c.listAllInterfaces(0)),
           c.interfaceLookupByName("hf-eth0").XMLDesc(0),
           names(c.listAllStoragePools(0)), pool.XMLDesc(0), names(pool.listAllVolumes(0))]
    for v in sorted(pool.listAllVolumes(0), key=lambda x: x.name()):
        out += [v.XMLDesc(0), v.info()]
    dev = c.nodeDeviceLookupByName("pci_0000_00_07_0")
    out += [dev.XMLDesc(0), dev.parent(), dev.listCaps()]
    c.close()
    return mask(out)


def ours_secret_and_filter(ctx):
    c = open_host(ctx)
    sec = c.secretLookupByUUIDString(SECRET_UUID)
    flt = c.nwfilterLookupByName("hf-filter")
    out = [[s.UUIDString() for s in c.listAllSecrets(0)], sec.XMLDesc(0),
           sec.usageID(), sec.value().decode(),
           c.secretLookupByUsage(libvirt.VIR_SECRET_USAGE_TYPE_VOLUME,
                                 "/hf-pool/inline.img").UUIDString(),
           [f.name() for f in c.listAllNWFilters(0)], flt.UUIDString(), flt.XMLDesc(0)]
    c.close()
    return out


def bad_elements(ctx):
    # a malformed element makes the whole host file fail to open, with the
    # family's own error; libvirt's ignores the families it lacks
    path = os.path.join(ctx.tmp, "bad.xml")
    results = []
    for body in ("<device><name>nouuid</name><capability type='system'>"
                 "<product>p</product></capability></device>",
                 "<device><name>scsi_host9</name><capability type='scsi_host'>"
                 "<unique_id>1</unique_id></capability></device>",
                 "<network><name>a/b</name></network>"):
        with open(path, "w") as f:
            f.write("<node>%s</node>" % body)
        results.append(tryv(libvirt.open, "test://" + path))
    return results


CHECKS = [
    ("every_kind", every_kind),
    ("bad_elements", bad_elements),
    ("ours_secret_and_filter", ours_secret_and_filter, {"ours": True}),
]
