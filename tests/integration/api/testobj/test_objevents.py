"""Events of the non-domain families on test:///default: network and pool
lifecycle, pool refresh, node device lifecycle, with per-object filters,
delivered through the default event loop, in order."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import libvirt  # noqa: E402

DEF_NET = "dd8fe884-6c02-601e-7551-cca97df1c5df"


def lifecycle_all(ctx):
    c = ctx.conn
    got = []
    ids = [
        ("net", c.networkEventRegisterAny(None, libvirt.VIR_NETWORK_EVENT_ID_LIFECYCLE,
                                          lambda c_, n, e, d, o: got.append(
                                              ["net", n.name(), e, d]), None)),
        ("pool", c.storagePoolEventRegisterAny(None, libvirt.VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE,
                                               lambda c_, p, e, d, o: got.append(
                                                   ["pool", p.name(), e, d]), None)),
        ("pool", c.storagePoolEventRegisterAny(None, libvirt.VIR_STORAGE_POOL_EVENT_ID_REFRESH,
                                               lambda c_, p, o: got.append(
                                                   ["refresh", p.name()]), None)),
        ("dev", c.nodeDeviceEventRegisterAny(None, libvirt.VIR_NODE_DEVICE_EVENT_ID_LIFECYCLE,
                                             lambda c_, d, e, dt, o: got.append(
                                                 ["dev", d.name(), e, dt]), None)),
    ]
    n = c.networkDefineXML("<network><name>e1</name></network>")
    n.create()
    n.destroy()
    n.undefine()
    c.networkCreateXML("<network><name>e2</name></network>").destroy()
    p = c.storagePoolDefineXML("<pool type='dir'><name>ep</name><target><path>/ep</path>"
                               "</target></pool>", 0)
    p.build(0)
    p.create(0)
    p.refresh(0)
    p.destroy()
    p.delete(0)
    p.undefine()
    d = c.nodeDeviceCreateXML("<device><parent>scsi_host1</parent><capability type='scsi_host'>"
                              "<capability type='fc_host'><wwnn>2000000012345678</wwnn>"
                              "<wwpn>1000000012345678</wwpn></capability></capability>"
                              "</device>", 0)
    d.destroy()
    ctx.pump()
    for fam, i in ids:
        {"net": c.networkEventDeregisterAny, "pool": c.storagePoolEventDeregisterAny,
         "dev": c.nodeDeviceEventDeregisterAny}[fam](i)
    return got


def filtered(ctx):
    c = ctx.conn
    got = []
    default = c.networkLookupByName("default")
    i = c.networkEventRegisterAny(default, libvirt.VIR_NETWORK_EVENT_ID_LIFECYCLE,
                                  lambda c_, n, e, d, o: got.append([n.name(), e]), None)
    c.networkCreateXML("<network><name>other</name></network>").destroy()
    default.destroy()
    default.create()
    ctx.pump()
    c.networkEventDeregisterAny(i)
    j = c.nodeDeviceEventRegisterAny(c.nodeDeviceLookupByName("scsi_host11"),
                                     libvirt.VIR_NODE_DEVICE_EVENT_ID_LIFECYCLE,
                                     lambda c_, d, e, dt, o: got.append([d.name(), e]), None)
    c.nodeDeviceCreateXML("<device><parent>scsi_host1</parent><capability type='scsi_host'>"
                          "<capability type='fc_host'><wwnn>2000000012345678</wwnn>"
                          "<wwpn>1000000012345678</wwpn></capability></capability>"
                          "</device>", 0).destroy()
    ctx.pump()
    c.nodeDeviceEventDeregisterAny(j)
    return got


def two_connections(ctx):
    other = libvirt.open("test:///default")
    got = []
    i = other.storagePoolEventRegisterAny(None, libvirt.VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE,
                                          lambda c_, p, e, d, o: got.append([p.name(), e]),
                                          None)
    ctx.conn.storagePoolCreateXML("<pool type='dir'><name>x2</name><target><path>/x2</path>"
                                  "</target></pool>", 0).destroy()
    ctx.pump()
    other.storagePoolEventDeregisterAny(i)
    other.close()
    return got


CHECKS = [
    ("lifecycle_all", lifecycle_all),
    ("filtered", filtered),
    ("two_connections", two_connections),
]
