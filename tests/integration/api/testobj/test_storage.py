"""Storage pools and volumes of test:///default: the default pool, pool
define/build/create/refresh/destroy/delete/undefine with their events'
checks, capacity accounting, volume create/clone/delete/info/XML/lookups,
list filters, source discovery, and (ours only) wipe, resize, upload and
download streams (blocking and event driven), pool capabilities and lookup by target path."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import mask, names, tryv  # noqa: E402

import libvirt  # noqa: E402

U1 = "11111111-2222-3333-4444-555555555501"
POOL = "<pool type='%s'><name>%s</name>%s%s</pool>"


def default_pool(ctx):
    c = ctx.conn
    p = c.storagePoolLookupByName("default-pool")
    return [p.name(), p.UUIDString(), p.XMLDesc(0), p.info(), p.isActive(), p.isPersistent(),
            p.autostart(), p.numOfVolumes(), p.listVolumes(), c.numOfStoragePools(),
            c.numOfDefinedStoragePools(), c.listStoragePools(), c.listDefinedStoragePools(),
            c.storagePoolLookupByUUIDString(p.UUIDString()).name()]


def pool_errors(ctx):
    c = ctx.conn
    p = c.storagePoolLookupByName("default-pool")
    return [tryv(c.storagePoolLookupByName, "nope"), tryv(c.storagePoolLookupByUUIDString, U1),
            tryv(p.create, 0), tryv(p.undefine), tryv(p.build, 0), tryv(p.delete, 0),
            tryv(p.XMLDesc, 1), tryv(p.listAllVolumes, 1), tryv(p.storageVolLookupByName, "x"),
            tryv(p.create, 1)]


def pool_lifecycle(ctx):
    c = ctx.conn
    p = c.storagePoolDefineXML(POOL % ("dir", "p1", "<uuid>%s</uuid>" % U1,
                                       "<target><path>/p1</path></target>"), 0)
    out = [p.XMLDesc(0), p.info(), p.isActive(), p.isPersistent(), p.autostart()]
    out.append(tryv(c.storagePoolDefineXML, POOL % ("dir", "p2", "<uuid>%s</uuid>" % U1,
                                                   "<target><path>/p2</path></target>"), 0))
    out.append(tryv(c.storagePoolDefineXML, POOL % ("dir", "p1", "",
                                                   "<target><path>/p1x</path></target>"), 0))
    out.append(tryv(c.storagePoolDefineXML, POOL % ("dir", "p3", "",
                                                   "<target><path>/p1</path></target>"), 0))
    out.append(tryv(c.storagePoolDefineXML, POOL % ("dir", "p1", "<uuid>%s</uuid>" % U1,
                                                   "<target><path>/p1new</path></target>"), 0))
    out.append(p.XMLDesc(0))
    for f in (p.numOfVolumes, p.listVolumes, p.refresh, p.destroy):
        out.append(tryv(f) if f != p.refresh else tryv(f, 0))
    out += [tryv(p.listAllVolumes, 0), tryv(p.storageVolLookupByName, "x"),
            tryv(p.createXML, "<volume><name>v</name><capacity>1</capacity></volume>", 0),
            tryv(p.build, 0), tryv(p.delete, 0), tryv(p.create, 0), p.info(), tryv(p.refresh, 0),
            tryv(p.destroy), tryv(p.undefine), tryv(c.storagePoolLookupByName, "p1")]
    return out


def transient_pool(ctx):
    c = ctx.conn
    t = c.storagePoolCreateXML(POOL % ("dir", "t1", "", "<target><path>/t1</path></target>"),
                               0)
    out = [t.isActive(), t.isPersistent(), t.autostart(), tryv(t.setAutostart, 1),
           t.autostart(), tryv(t.destroy), tryv(t.isActive)]
    out.append(tryv(c.storagePoolCreateXML,
                    POOL % ("dir", "default-pool", "", "<target><path>/x</path></target>"), 0))
    return out


def pool_types(ctx):
    c = ctx.conn
    xmls = [
        ("logical", "lv", "<source><name>vg</name><format type='lvm2'/>"
         "<device path='/dev/sdb'/></source>", "<target><path>/dev/vg</path></target>"),
        ("netfs", "nfs", "<source><host name='h'/><dir path='/x'/><format type='nfs'/></source>",
         "<target><path>/mnt</path><permissions><mode>0755</mode></permissions></target>"),
        ("fs", "fs", "<source><device path='/dev/sdc1'/><format type='ext4'/></source>",
         "<target><path>/srv</path></target>"),
        ("iscsi", "iscsi", "<source><host name='iscsi.example.com' port='3260'/>"
         "<device path='iqn.2013-06.com.example:iscsi-pool'/></source>",
         "<target><path>/dev/disk/by-path</path></target>"),
        ("disk", "disk", "<source><device path='/dev/sdd'/><format type='gpt'/></source>",
         "<target><path>/dev</path></target>"),
    ]
    out = []
    for t, n, src, tgt in xmls:
        p = c.storagePoolDefineXML(POOL % (t, n, src, tgt), 0)
        p.create(0)
        v = p.createXML("<volume><name>v</name><capacity>1024</capacity></volume>", 0)
        out.append(mask([p.XMLDesc(0), v.XMLDesc(0), v.info(), v.path(), v.key()]))
    return out


def list_filters(ctx):
    c = ctx.conn
    c.storagePoolDefineXML(POOL % ("netfs", "lf-nfs", "<source><host name='lf'/>"
                                   "<dir path='/lf'/></source>",
                                   "<target><path>/lf-mnt</path></target>"), 0)
    a = c.storagePoolDefineXML(POOL % ("logical", "lf-vg", "<source><name>lfvg</name></source>",
                                       "<target><path>/dev/lfvg</path></target>"), 0)
    a.setAutostart(1)
    a.create(0)
    c.storagePoolCreateXML(POOL % ("dir", "tr", "", "<target><path>/tr</path></target>"), 0)
    out = {}
    for bit in range(0, 21):
        f = 1 << bit if bit < 20 else 0
        out[str(f)] = tryv(lambda: names(c.listAllStoragePools(f)))
    out["combo"] = names(c.listAllStoragePools(libvirt.VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE |
                                               libvirt.VIR_CONNECT_LIST_STORAGE_POOLS_DIR))
    out["bad"] = tryv(c.listAllStoragePools, 1 << 20)
    return out


def volumes(ctx):
    c = ctx.conn
    p = c.storagePoolLookupByName("default-pool")
    v = p.createXML("<volume><name>v1</name><capacity unit='G'>2</capacity>"
                    "<allocation unit='M'>100</allocation></volume>", 0)
    out = [v.XMLDesc(0), v.info(), v.path(), v.key(), v.name(), p.XMLDesc(0), p.info()]
    out.append(tryv(p.createXML, "<volume><name>v1</name><capacity>1</capacity></volume>", 0))
    out.append(tryv(p.createXML, "<volume><name>big</name><capacity unit='T'>2</capacity>"
                    "<allocation unit='T'>2</allocation></volume>", 0))
    v2 = p.createXMLFrom("<volume><name>v2</name><capacity>1</capacity></volume>", v, 0)
    out += [v2.XMLDesc(0), tryv(c.storageVolLookupByKey, "/default-pool/v1"),
            tryv(c.storageVolLookupByPath, "/default-pool/v2"),
            tryv(c.storageVolLookupByKey, "/nope"), tryv(c.storageVolLookupByPath, "/nope"),
            tryv(p.storageVolLookupByName, "nope"), names(p.listAllVolumes(0)),
            sorted(p.listVolumes()), p.numOfVolumes(), tryv(v2.storagePoolLookupByVolume),
            tryv(p.createXML, "<volume><name>y</name><capacity>1</capacity></volume>", 1),
            tryv(v.XMLDesc, 1), tryv(v.delete, 1)]
    out += [tryv(v.delete, 0), tryv(v.delete, 0), p.info(), tryv(v.info)]
    return out


def source_discovery(ctx):
    c = ctx.conn
    return [tryv(c.findStoragePoolSources, "logical", None, 0),
            tryv(c.findStoragePoolSources, "netfs", "<source><host name='h1'/></source>", 0),
            tryv(c.findStoragePoolSources, "netfs", None, 0),
            tryv(c.findStoragePoolSources, "dir", None, 0),
            tryv(c.findStoragePoolSources, "foo", None, 0),
            tryv(c.findStoragePoolSources, "iscsi", None, 0),
            tryv(c.findStoragePoolSources, "logical", None, 1)]


def host_file(ctx):
    d = ctx.tmp
    with open(os.path.join(d, "vol2.xml"), "w") as f:
        f.write("<volume><name>fromfile</name><capacity>2048</capacity></volume>")
    with open(os.path.join(d, "pool2.xml"), "w") as f:
        f.write("<pool type='dir'><name>p2</name><uuid>11111111-2222-3333-4444-555555555502"
                "</uuid><target><path>/p2</path></target>"
                "<volume><name>in-ext</name><capacity>10</capacity></volume></pool>")
    host = os.path.join(d, "host.xml")
    with open(host, "w") as f:
        f.write("<node><pool type='dir'><name>p1</name>"
                "<uuid>11111111-2222-3333-4444-555555555501</uuid>"
                "<target><path>/p1</path></target>"
                "<volume><name>a</name><capacity>100</capacity><allocation>50</allocation>"
                "</volume><volume file='vol2.xml'/>"
                "<volume><name>b</name><key>k</key><capacity>1</capacity>"
                "<target><path>/elsewhere/b</path></target></volume></pool>"
                "<pool file='pool2.xml'/></node>")
    c = libvirt.open("test://" + host)
    out = [names(c.listAllStoragePools(0))]
    for p in sorted(c.listAllStoragePools(0), key=lambda x: x.name()):
        out += [p.XMLDesc(0), p.info(), p.isActive(), p.isPersistent(), names(p.listAllVolumes(0))]
        for v in sorted(p.listAllVolumes(0), key=lambda x: x.name()):
            out += [v.XMLDesc(0), v.key(), v.path()]
    c.close()
    return out


def ours_wipe_resize(ctx):
    p = ctx.conn.storagePoolLookupByName("default-pool")
    v = p.createXML("<volume><name>r</name><capacity>1000</capacity><allocation>10"
                    "</allocation></volume>", 0)
    delta = libvirt.VIR_STORAGE_VOL_RESIZE_DELTA
    out = [v.wipe(0), v.wipePattern(libvirt.VIR_STORAGE_VOL_WIPE_ALG_DOD, 0),
           tryv(v.wipePattern, 99, 0),
           tryv(v.resize, 500, 0), tryv(v.resize, 5, libvirt.VIR_STORAGE_VOL_RESIZE_SHRINK),
           v.resize(2000, 0), v.info(),
           v.resize(50, delta | libvirt.VIR_STORAGE_VOL_RESIZE_SHRINK),
           v.info(),
           v.resize(100, delta | libvirt.VIR_STORAGE_VOL_RESIZE_ALLOCATE),
           v.info(), p.info(), tryv(v.resize, 10, libvirt.VIR_STORAGE_VOL_RESIZE_SHRINK),
           v.infoFlags(libvirt.VIR_STORAGE_VOL_GET_PHYSICAL)]
    return out


def ours_streams(ctx):
    c = ctx.conn
    p = c.storagePoolLookupByName("default-pool")
    v = p.createXML("<volume><name>data</name><capacity>64</capacity></volume>", 0)
    st = c.newStream(0)
    v.upload(st, 4, 0, 0)
    st.send(b"hello world")
    st.finish()
    st = c.newStream(0)
    v.download(st, 0, 20, 0)
    got = b""
    while True:
        chunk = st.recv(7)
        if not chunk:
            break
        got += chunk
    st.finish()
    clone = p.createXMLFrom("<volume><name>copy</name><capacity>64</capacity></volume>", v, 0)
    st = c.newStream(0)
    clone.download(st, 4, 5, 0)
    got2 = st.recv(100)
    st.finish()
    too_far = c.newStream(0)
    return [got.hex(), got2.decode(), tryv(v.upload, too_far, 100, 0, 0)]


def ours_stream_events(ctx):
    """Non-blocking upload and download driven by stream event callbacks
    from the default event loop (Debian's test driver has no volume
    streams at all)."""
    c = ctx.conn
    p = c.storagePoolLookupByName("default-pool")
    v = p.createXML("<volume><name>evdata</name><capacity>300000</capacity></volume>", 0)
    payload = bytes(range(256)) * 1000          # 256000 bytes, several chunks
    log = {"up": 0, "down": b"", "events": set()}

    def writer(st, events, todo):
        log["events"].add(events)
        if todo:
            sent = st.send(todo[0][:65536])
            todo[0] = todo[0][sent:]
            log["up"] += sent
        else:
            st.eventRemoveCallback()
            st.finish()

    up = c.newStream(libvirt.VIR_STREAM_NONBLOCK)
    v.upload(up, 0, len(payload), 0)
    up.eventAddCallback(libvirt.VIR_STREAM_EVENT_WRITABLE, writer, [payload])
    again = tryv(up.eventAddCallback, libvirt.VIR_STREAM_EVENT_WRITABLE, writer, [b""])
    for _ in range(100):
        if up.cb is None:
            break
        libvirt.virEventRunDefaultImpl()

    def reader(st, events, _):
        log["events"].add(events)
        data = st.recv(50000)
        if data:
            log["down"] += data
        else:
            st.eventRemoveCallback()
            st.finish()

    down = c.newStream(libvirt.VIR_STREAM_NONBLOCK)
    v.download(down, 0, len(payload), 0)
    down.eventAddCallback(libvirt.VIR_STREAM_EVENT_READABLE, reader, None)
    down.eventUpdateCallback(0)                 # paused: the loop must not call it
    t = libvirt.virEventAddTimeout(0, lambda *a: None, None)
    libvirt.virEventRunDefaultImpl()
    libvirt.virEventRemoveTimeout(t)
    paused = len(log["down"])
    down.eventUpdateCallback(libvirt.VIR_STREAM_EVENT_READABLE)
    for _ in range(100):
        if down.cb is None:
            break
        libvirt.virEventRunDefaultImpl()
    got = [log["up"], paused, log["down"] == payload, sorted(log["events"]),
           again["error"][0], tryv(down.eventRemoveCallback)["error"][0]]
    want = [len(payload), 0, True, [libvirt.VIR_STREAM_EVENT_READABLE,
                                    libvirt.VIR_STREAM_EVENT_WRITABLE],
            libvirt.VIR_ERR_INTERNAL_ERROR, libvirt.VIR_ERR_INTERNAL_ERROR]
    if got != want:
        raise AssertionError("stream events: got %r, want %r" % (got, want))
    return got


def ours_caps_and_paths(ctx):
    c = ctx.conn
    return [c.getStoragePoolCapabilities(0),
            c.storagePoolLookupByTargetPath("/default-pool").name(),
            c.storagePoolLookupByTargetPath("//default-pool/").name(),
            tryv(c.storagePoolLookupByTargetPath, "/nope")]


def volume_errors(ctx):
    # libvirt's storage_conf.c wording, and a syntax error in libvirt's
    # layout (label, line, source line, pointer)
    p = ctx.conn.storagePoolLookupByName("default-pool")
    return [tryv(p.createXML, "<volume><name>nocap</name></volume>", 0),
            tryv(p.createXML, "<volume>\n  <name>v</nam>\n</volume>", 0),
            tryv(ctx.conn.storagePoolDefineXML, "<pool type='dir'>\n\t<name>p</name>\n</pol>",
                 0)]


CHECKS = [
    ("default_pool", default_pool),
    ("pool_errors", pool_errors),
    ("pool_lifecycle", pool_lifecycle),
    ("transient_pool", transient_pool),
    ("pool_types", pool_types),
    ("list_filters", list_filters),
    ("volumes", volumes),
    ("volume_errors", volume_errors),
    ("source_discovery", source_discovery),
    ("host_file", host_file),
    ("ours_wipe_resize", ours_wipe_resize, {"ours": True}),
    ("ours_streams", ours_streams, {"ours": True}),
    ("ours_stream_events", ours_stream_events, {"ours": True}),
    ("ours_caps_and_paths", ours_caps_and_paths, {"ours": True}),
]
