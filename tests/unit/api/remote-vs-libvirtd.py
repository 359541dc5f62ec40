#!/usr/bin/python3
"""Our remote driver (generated ops) against Debian's libvirtd.

Starts Debian's stock libvirtd privately (tests/lib/debian-libvirtd.sh) and
drives its built-in test driver through our libvirt.so.0 with
"test+unix:///default?socket=...": every call below crosses our generated
remote ops, the wire, and libvirt's own server side. Covers lookups, lists
(old-style and list-all), info structs, typed parameters, lifecycle,
networks, pools and volumes, interfaces, node devices, read-only denial and
events of four families.

Run with LD_LIBRARY_PATH pointing at the build's api/ directory and
MODVIRT_SRCDIR set. Exits 77 (skipped) when not root or libvirtd is absent.
"""
import os
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.environ.get("MODVIRT_SRCDIR", ""), "tests", "lib"))
from debian_libvirtd import SKIP, check, debian_libvirtd, import_libvirt_or_skip  # noqa: E402


def main():
    libvirt = import_libvirt_or_skip()
    if not libvirt:
        return SKIP
    with debian_libvirtd("secret", "mv-remote-deb-") as (sock, _):
        return run(libvirt, sock)


def run(libvirt, sock):
    libvirt.registerErrorHandler(lambda ctx, err: None, None)
    libvirt.virEventRegisterDefaultImpl()
    threading.Thread(target=lambda: [libvirt.virEventRunDefaultImpl() for _ in iter(int, 1)],
                     daemon=True).start()
    uri = "test+unix:///default?socket=" + sock
    c = libvirt.open(uri)
    check(c.getType() == "TEST", "connection type from the daemon")
    check(c.getURI() == uri, "URI")
    info = c.getInfo()
    check(len(info) == 8 and info[1] > 0, "virNodeGetInfo struct")
    check("<capabilities>" in c.getCapabilities(), "capabilities")
    check(c.getCellsFreeMemory(0, 2)[0] > 0, "cells free memory (array reply)")
    check(c.getSecurityModel()[0] == "testSecurity", "security model")

    events = []
    lock = threading.Lock()

    def record(*item):
        with lock:
            events.append(item)

    ids = [
        c.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                 lambda conn, d, e, x, o: record("dom", d.name(), e), None),
        c.networkEventRegisterAny(None, libvirt.VIR_NETWORK_EVENT_ID_LIFECYCLE,
                                  lambda conn, n, e, x, o: record("net", n.name(), e), None),
        c.storagePoolEventRegisterAny(None, libvirt.VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE,
                                      lambda conn, p, e, x, o: record("pool", p.name(), e),
                                      None),
        c.nodeDeviceEventRegisterAny(None, libvirt.VIR_NODE_DEVICE_EVENT_ID_LIFECYCLE,
                                     lambda conn, d, e, x, o: record("dev", d.name(), e), None),
    ]

    check([d.name() for d in c.listAllDomains()] == ["test"], "list-all domains")
    check(c.numOfDomains() == 1 and len(c.listDomainsID()) == 1, "old-style domain list")
    d = c.lookupByName("test")
    check(d.info()[0] == libvirt.VIR_DOMAIN_RUNNING, "virDomainGetInfo struct")
    check(d.state()[0] == libvirt.VIR_DOMAIN_RUNNING, "domain state outputs")
    check(c.lookupByUUIDString(d.UUIDString()).name() == "test", "lookup by UUID")
    check(c.lookupByID(d.ID()).name() == "test", "lookup by id")
    check("<domain" in d.XMLDesc(), "domain XML")
    check(d.schedulerParameters() == {"weight": 50}, "typed parameters into caller array")
    check(len(d.memoryParameters()) == 3, "typed parameters with size query")
    check(len(d.vcpus()[0]) == 2, "vCPU info")
    # replies the generator does not map (api/remote/domain-lists.c)
    total = d.getCPUStats(True)
    percpu = d.getCPUStats(False)
    check(len(total) == 1 and set(total[0]) == {"cpu_time", "user_time", "system_time"},
          "CPU stats, total (stats spread back into rows)")
    check(len(percpu) == 2 and all(set(p) == {"cpu_time", "vcpu_time"} for p in percpu),
          "CPU stats per CPU")
    check(d.diskErrors() == {"vda": libvirt.VIR_DOMAIN_DISK_ERROR_UNSPEC}, "disk errors")
    check(d.fsInfo() == [("/", "vda1", "ext4", ["vda"]), ("/boot", "vda2", "ext4", ["vda"])],
          "guest file systems")
    check(d.ioThreadInfo() == [], "IOThread info list")
    check(len(d.emulatorPinInfo()) == 8 and all(d.emulatorPinInfo()), "emulator pinning")
    d.pinVcpu(0, (True, False))
    pins = d.vcpuPinInfo()
    check(len(pins) == 2 and pins[0][:2] == (True, False) and all(pins[1]),
          "vCPU pinning maps (%s)" % (pins[0][:2],))
    d.pinVcpu(0, (True,) * 8)
    check(list(d.memoryPeek(0, 16, libvirt.VIR_MEMORY_VIRTUAL)) == list(range(16)),
          "memory peek buffer")
    check(d.messages() == [], "guest messages list")
    # file descriptors passed with the call (CALL_WITH_FDS, api/remote/fds.c)
    rfd, wfd = os.pipe()
    wf_xml = ("<domain type='test'><name>withfiles</name><memory>1024</memory>"
              "<os><type>hvm</type></os></domain>")
    wf = c.createXMLWithFiles(wf_xml, [rfd], 0)
    check(wf.name() == "withfiles" and wf.ID() > 0, "create XML with files")
    wf.destroy()
    wf = c.defineXML(wf_xml)
    wf.createWithFiles([rfd, wfd], 0)
    check(wf.isActive() and wf.ID() > 0, "create with files refreshes the id")
    wf.destroy()
    wf.undefine()
    os.close(rfd)
    os.close(wfd)
    d.suspend()
    check(d.state()[0] == libvirt.VIR_DOMAIN_PAUSED, "suspend")
    d.resume()
    d.destroy()
    check(d.ID() == -1 and not d.isActive(), "destroy clears the id")
    d.create()
    check(d.ID() > 0 and d.isActive(), "create refreshes the id")
    stats = c.getAllDomainStats()
    check(len(stats) == 1 and stats[0][0].name() == "test", "domain stats records")

    x = c.defineXML("<domain type='test'><name>t2</name><memory>1024</memory>"
                    "<os><type>hvm</type></os></domain>")
    check(x.isPersistent() and not x.isActive(), "define")
    check("t2" in c.listDefinedDomains(), "defined domain names")
    x.undefine()

    n = c.networkDefineXML("<network><name>n2</name><bridge name='mvbr9'/>"
                           "<ip address='10.9.0.1' netmask='255.255.255.0'/></network>")
    n.create()
    n.setAutostart(1)
    check(n.isActive() and n.autostart() == 1 and n.bridgeName() == "mvbr9", "network calls")
    check(sorted(c.listNetworks()) == ["default", "n2"], "network names")
    n.destroy()
    n.undefine()

    p = c.storagePoolDefineXML("<pool type='dir'><name>p2</name>"
                               "<target><path>/p2</path></target></pool>")
    p.create()
    v = p.createXML("<volume><name>v1</name><capacity>1024</capacity></volume>")
    check(v.info()[1] == 1024 and p.listVolumes() == ["v1"], "volume create and info")
    check(c.storageVolLookupByPath(v.path()).name() == "v1", "volume lookup by path")
    check(v.storagePoolLookupByVolume().name() == "p2", "pool lookup by volume")
    v.delete()
    p.destroy()
    p.undefine()

    check(c.listInterfaces() == ["eth1"], "interface names")
    check(c.interfaceLookupByName("eth1").MACString() != "", "interface lookup")
    check(len(c.listAllDevices()) == len(c.listDevices(None, 0)), "node device lists")

    r = libvirt.openReadOnly(uri)
    try:
        r.lookupByName("test").destroy()
        check(False, "read-only destroy refused")
    except libvirt.libvirtError as e:
        check(e.get_error_code() == libvirt.VIR_ERR_OPERATION_DENIED and
              "read only access prevents virDomainDestroy" in str(e),
              "read-only destroy refused by the client")
    r.close()

    deadline = time.time() + 5
    want = {("dom", "test", 5), ("dom", "test", 2), ("net", "n2", 0), ("net", "n2", 1),
            ("pool", "p2", 0), ("pool", "p2", 1)}
    while time.time() < deadline:
        with lock:
            if want <= set(events):
                break
        time.sleep(0.05)
    with lock:
        check(want <= set(events), "events of domains, networks and pools")
    c.domainEventDeregisterAny(ids[0])
    c.networkEventDeregisterAny(ids[1])
    c.storagePoolEventDeregisterAny(ids[2])
    c.nodeDeviceEventDeregisterAny(ids[3])
    return 0


if __name__ == "__main__":
    sys.exit(main())
