"""The fake host of test:///default and of a custom host file: node info,
capabilities, cells, CPU and memory figures, CPU models and baseline."""
import os

import libvirt

HOST_FILE = """<node>
  <cpu>
    <nodes>1</nodes>
    <sockets>2</sockets>
    <cores>4</cores>
    <threads>1</threads>
    <active>6</active>
    <mhz>2500</mhz>
    <model>x86_64</model>
  </cpu>
  <memory>8192000</memory>
  <domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>
    <name>fromfile</name>
    <uuid>11111111-2222-3333-4444-555555555555</uuid>
    <memory>65536</memory>
    <os><type>hvm</type></os>
    <test:runstate>3</test:runstate>
    <test:domainsnapshot>
      <name>inline</name>
      <state>running</state>
      <creationTime>1000</creationTime>
      <active>1</active>
      <domain type='test'>
        <name>fromfile</name>
        <uuid>11111111-2222-3333-4444-555555555555</uuid>
        <memory>65536</memory>
        <os><type>hvm</type></os>
      </domain>
    </test:domainsnapshot>
  </domain>
  <domain file='guest2.xml'/>
  <domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>
    <name>saved</name>
    <memory>65536</memory>
    <os><type>hvm</type></os>
    <test:runstate>5</test:runstate>
    <test:hasmanagedsave/>
  </domain>
</node>
"""

GUEST2 = """<domain type='test'>
  <name>guest2</name>
  <memory>65536</memory>
  <os><type>hvm</type></os>
</domain>
"""


def tryv(f, *args):
    try:
        return f(*args)
    except libvirt.libvirtError as e:
        return {"error": [e.get_error_code(), e.get_error_domain(), e.get_error_message()]}


def identity(ctx):
    c = ctx.conn
    return [c.getType(), c.getVersion(), c.getLibVersion(), c.getURI(), c.isSecure(),
            c.isEncrypted(), c.isAlive(), c.getMaxVcpus(None), c.getMaxVcpus("kvm"),
            c.getHostname() == os.uname().nodename.split(".")[0] or "." in c.getHostname()]


def node_info(ctx):
    c = ctx.conn
    return [c.getInfo(), c.getFreeMemory(), c.getCellsFreeMemory(0, 5),
            c.getCellsFreeMemory(1, 1), tryv(c.getCellsFreeMemory, 2, 1), c.getCPUStats(-1),
            c.getCPUStats(3), c.getCPUMap(), c.getSecurityModel(), c.getSysinfo(0),
            tryv(c.getSysinfo, 1)]


def capabilities(ctx):
    return ctx.conn.getCapabilities()


def cpu_models(ctx):
    c = ctx.conn
    return [c.getCPUModelNames(a) for a in ["x86_64", "i686", "ppc64", "ppc64le",
                                             "aarch64", "s390x"]] + \
        [tryv(c.getCPUModelNames, "bogus")]


def baseline(ctx):
    c = ctx.conn
    h = "<cpu><arch>x86_64</arch><model>Haswell</model><vendor>Intel</vendor>%s</cpu>"
    n = "<cpu><arch>x86_64</arch><model>Nehalem</model><vendor>Intel</vendor></cpu>"
    e = "<cpu><arch>x86_64</arch><model>EPYC</model><vendor>AMD</vendor></cpu>"
    return [c.baselineCPU([h % ""]), c.baselineCPU([h % "", n]),
            c.baselineCPU([h % "<feature name='vmx'/>",
                           h % "<feature name='vmx'/><feature name='pdpe1gb'/>"]),
            c.baselineCPU(["<cpu><arch>x86_64</arch><model>Haswell</model></cpu>",
                           "<cpu><arch>x86_64</arch><model>Nehalem</model></cpu>"]),
            tryv(c.baselineCPU, ["<cpu><model>Haswell</model></cpu>"]),
            tryv(c.baselineCPU, ["<cpu mode='host-model'/>"]),
            tryv(c.baselineCPU, []), tryv(c.baselineCPU, [h % "", e])]


def unsupported(ctx):
    c = ctx.conn
    d = c.lookupByName("test")
    return [tryv(c.getMemoryStats, -1), tryv(c.compareCPU, "<cpu/>"),
            tryv(c.getDomainCapabilities), tryv(c.suspendForDuration, 0, 1),
            tryv(c.getMemoryParameters), tryv(c.setKeepAlive, 5, 3),
            tryv(d.blockJobInfo, "vda"), tryv(d.migrateGetMaxSpeed)]


def shared_state(ctx):
    c2 = libvirt.open("test:///default")
    d = c2.defineXML("<domain type='test'><name>shared</name><memory>1024</memory>"
                     "<os><type>hvm</type></os></domain>")
    seen = ctx.conn.lookupByName("shared").name()
    d.undefine()
    c2.close()
    return [seen, tryv(ctx.conn.lookupByName, "shared")]


def open_errors(ctx):
    bad = os.path.join(ctx.tmp, "bad.xml")
    with open(bad, "w") as f:
        f.write("<foo/>")
    bad2 = os.path.join(ctx.tmp, "bad2.xml")
    with open(bad2, "w") as f:
        f.write("<node><cpu><mhz>abc</mhz></cpu></node>")
    out = [tryv(libvirt.open, "test://"), tryv(libvirt.open, "test:///"),
           tryv(libvirt.open, "test:///nonexistent.xml"), tryv(libvirt.open, "test://" + bad),
           tryv(libvirt.open, "test://" + bad2)]
    return [x.replace(ctx.tmp, "TMP") if isinstance(x, str) else
            {"error": [x["error"][0], x["error"][1], x["error"][2].replace(ctx.tmp, "TMP")]}
            for x in out]


def host_file(ctx):
    path = os.path.join(ctx.tmp, "host.xml")
    with open(path, "w") as f:
        f.write(HOST_FILE)
    with open(os.path.join(ctx.tmp, "guest2.xml"), "w") as f:
        f.write(GUEST2)
    c = libvirt.open("test://" + path)
    c2 = libvirt.open("test://" + path)
    c.lookupByName("guest2").create()
    out = [c.getInfo(), c.getFreeMemory(), tryv(c.getCellsFreeMemory, 0, 2),
           sorted((d.name(), d.ID(), d.state(), d.hasManagedSaveImage())
                  for d in c.listAllDomains()),
           [d.name() for d in c2.listAllDomains(libvirt.VIR_CONNECT_LIST_DOMAINS_ACTIVE)],
           c.getCapabilities(), c.lookupByName("fromfile").snapshotCurrent().getXMLDesc()]
    c.close()
    c2.close()
    return out


CHECKS = [
    ("identity", identity),
    ("node_info", node_info),
    ("capabilities", capabilities),
    ("cpu_models", cpu_models),
    ("baseline", baseline),
    ("unsupported", unsupported),
    ("shared_state", shared_state),
    ("open_errors", open_errors),
    ("host_file", host_file),
]
