"""Host interfaces of test:///default: the default interface, lookups by
name and MAC, define/undefine/create/destroy, list filters, XML of every
interface type, change transactions, and a host file's interfaces."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import names, tryv  # noqa: E402

import libvirt  # noqa: E402

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "data",
                    "interface")


def code(f, *args):
    """Only the error code: messages about malformed XML are our engine's."""
    try:
        f(*args)
        return "accepted"
    except libvirt.libvirtError as e:
        return e.get_error_code()


def iface(i):
    return [i.name(), i.MACString()]


def defaults(ctx):
    c = ctx.conn
    e = c.interfaceLookupByName("eth1")
    return [c.numOfInterfaces(), c.numOfDefinedInterfaces(), c.listInterfaces(),
            c.listDefinedInterfaces(), e.isActive(), e.MACString(), e.XMLDesc(0),
            iface(c.interfaceLookupByMACString("AA:BB:CC:DD:EE:FF"))]


def errors(ctx):
    c = ctx.conn
    e = c.interfaceLookupByName("eth1")
    return [tryv(c.interfaceLookupByMACString, "00:00:00:00:00:00"),
            tryv(c.interfaceLookupByName, "nope"), tryv(e.create, 0), tryv(e.XMLDesc, 1),
            tryv(e.create, 1), code(c.interfaceDefineXML, "<interface/>", 0),
            tryv(c.interfaceDefineXML, "<interface type='ethernet' name='x'/>", 2)]


def lifecycle(ctx):
    c = ctx.conn
    b = c.interfaceDefineXML("<interface type='bridge' name='br0'><bridge/></interface>", 0)
    out = [iface(b), c.numOfInterfaces(), c.numOfDefinedInterfaces(),
           sorted(c.listDefinedInterfaces()), tryv(b.destroy, 0), tryv(b.create, 0),
           tryv(b.create, 0), b.isActive()]
    e2 = c.interfaceDefineXML("<interface type='ethernet' name='eth2'>"
                              "<mac address='aa:bb:cc:dd:ee:ff'/></interface>", 0)
    out += [iface(e2), tryv(c.interfaceLookupByMACString, "aa:bb:cc:dd:ee:ff")]
    e1 = c.interfaceDefineXML("<interface type='ethernet' name='eth1'>"
                              "<mac address='11:22:33:44:55:66'/></interface>", 0)
    out += [iface(e1), e1.isActive(), e1.XMLDesc(0), tryv(b.undefine), tryv(b.undefine),
            tryv(e2.undefine), sorted(c.listInterfaces()), sorted(c.listDefinedInterfaces())]
    return out


def transactions(ctx):
    c = ctx.conn
    b = c.interfaceDefineXML("<interface type='bridge' name='br0'><bridge/></interface>", 0)
    out = [tryv(c.changeCommit, 0), tryv(c.changeRollback, 0), tryv(c.changeBegin, 0),
           tryv(c.changeBegin, 0), tryv(b.undefine),
           sorted(c.listInterfaces()), sorted(c.listDefinedInterfaces()),
           tryv(c.changeRollback, 0), sorted(c.listInterfaces()),
           sorted(c.listDefinedInterfaces()), tryv(c.changeBegin, 1), tryv(c.changeBegin, 0),
           tryv(c.interfaceLookupByName("eth1").undefine), tryv(c.changeCommit, 0),
           sorted(c.listInterfaces()), sorted(c.listDefinedInterfaces()),
           tryv(c.changeRollback, 0)]
    return out


def list_filters(ctx):
    c = ctx.conn
    c.interfaceDefineXML("<interface type='bridge' name='br0'><bridge/></interface>", 0)
    return {str(f): tryv(lambda: names(c.listAllInterfaces(f))) for f in range(0, 5)}


def xml_forms(ctx):
    out = {}
    for f in sorted(os.listdir(DATA)):
        if not f.endswith(".in.xml") or f.startswith("bad-"):
            continue
        with open(os.path.join(DATA, f)) as fh:
            x = fh.read()
        i = tryv(ctx.conn.interfaceDefineXML, x, 0)
        out[f] = i if isinstance(i, dict) else ctx.conn.interfaceLookupByName(i[1]).XMLDesc(0)
    return out


def xml_errors(ctx):
    out = {}
    for f in sorted(os.listdir(DATA)):
        if not f.startswith("bad-") or not f.endswith(".in.xml"):
            continue
        with open(os.path.join(DATA, f)) as fh:
            try:
                ctx.conn.interfaceDefineXML(fh.read(), 0)
                out[f] = "accepted"
            except libvirt.libvirtError as e:
                out[f] = e.get_error_code()
    return out


def host_file(ctx):
    host = os.path.join(ctx.tmp, "host.xml")
    with open(os.path.join(ctx.tmp, "if.xml"), "w") as f:
        f.write("<interface type='bridge' name='br9'><bridge stp='on'>"
                "<interface type='ethernet' name='eth9'/></bridge></interface>")
    with open(host, "w") as f:
        f.write("<node><interface type='ethernet' name='eth5'><mac address='52:54:00:00:00:05'/>"
                "</interface><interface file='if.xml'/></node>")
    c = libvirt.open("test://" + host)
    out = [sorted(c.listInterfaces()), sorted(c.listDefinedInterfaces())]
    out += [c.interfaceLookupByName(n).XMLDesc(0) for n in sorted(c.listInterfaces())]
    c.close()
    return out


CHECKS = [
    ("defaults", defaults),
    ("errors", errors),
    ("lifecycle", lifecycle),
    ("transactions", transactions),
    ("list_filters", list_filters),
    ("xml_forms", xml_forms),
    ("xml_errors", xml_errors),
    ("host_file", host_file),
]
