"""Domain events of the test driver, delivered through the default event
loop: lifecycle events of every operation, the legacy registration, object
filters, metadata events, events across connections sharing
test:///default, and deregistration."""
import os

import libvirt

XML = """<domain type='test'><name>%s</name><memory>65536</memory>
<os><type>hvm</type></os></domain>"""
XML_UUID = """<domain type='test'><name>%s</name>
<uuid>0a0b0c0d-0000-1111-2222-333344445555</uuid><memory>65536</memory>
<os><type>hvm</type></os></domain>"""


def tryv(f, *args):
    try:
        return f(*args)
    except libvirt.libvirtError as e:
        return {"error": [e.get_error_code(), e.get_error_domain(), e.get_error_message()]}


def register(ctx, conn=None, dom=None, ev=libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE):
    conn = conn or ctx.conn
    if ev == libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE:
        cb = lambda c, d, e, det, o: ctx.events.append((o, d.name(), d.ID(), e, det))
    elif ev == libvirt.VIR_DOMAIN_EVENT_ID_METADATA_CHANGE:
        cb = lambda c, d, t, ns, o: ctx.events.append((o, d.name(), "metadata", t, ns))
    else:
        cb = lambda c, d, *rest: ctx.events.append((rest[-1], d.name(), ev) + rest[:-1])
    return conn.domainEventRegisterAny(dom, ev, cb, "cb%d" % ev)


def lifecycle_events(ctx):
    c = ctx.conn
    cid = register(ctx)
    out = []
    d = c.defineXML(XML_UUID % "ev1")
    out.append(ctx.pump())
    c.defineXML(XML_UUID % "ev1")
    d.create()
    d.suspend()
    d.resume()
    out.append(ctx.pump())
    d.shutdown()
    d.create()
    d.reboot(0)
    d.destroy()
    out.append(ctx.pump())
    path = os.path.join(ctx.tmp, "s")
    d.create()
    d.save(path)
    c.restore(path)
    d.managedSave()
    d.managedSaveRemove()
    out.append(ctx.pump())
    d.create()
    d.coreDump(os.path.join(ctx.tmp, "core"), libvirt.VIR_DUMP_CRASH)
    d.rename("ev2", 0)
    c.lookupByName("ev2").undefine()
    out.append(ctx.pump())
    t = c.createXML(XML % "trans", 0)
    t.destroy()
    out.append(ctx.pump())
    out.append(c.domainEventDeregisterAny(cid))
    c.defineXML(XML % "ev3").undefine()
    out.append(ctx.pump())
    return out


def filtered_and_legacy(ctx):
    c = ctx.conn
    a = c.defineXML(XML % "fa")
    b = c.defineXML(XML % "fb")
    ctx.pump()
    cid = register(ctx, dom=a)

    def legacy(conn, dom, event, detail, opaque):
        ctx.events.append(("legacy", dom.name(), event, detail))
    c.domainEventRegister(legacy, None)
    a.create()
    b.create()
    out = [sorted(ctx.pump())]
    c.domainEventDeregister(legacy)
    c.domainEventDeregisterAny(cid)
    a.destroy()
    b.destroy()
    out.append(ctx.pump())
    out.append(tryv(c.domainEventDeregisterAny, 4242))
    a.undefine()
    b.undefine()
    return out


def metadata_events(ctx):
    c = ctx.conn
    d = c.lookupByName("test")
    cid = register(ctx, ev=libvirt.VIR_DOMAIN_EVENT_ID_METADATA_CHANGE)
    d.setMetadata(libvirt.VIR_DOMAIN_METADATA_TITLE, "t", None, None, 0)
    d.setMetadata(libvirt.VIR_DOMAIN_METADATA_ELEMENT, "<a/>", "k", "http://x.org/", 0)
    out = [ctx.pump()]
    c.domainEventDeregisterAny(cid)
    return out


def across_connections(ctx):
    c2 = libvirt.open("test:///default")
    cid = register(ctx)
    d = c2.defineXML(XML % "other")
    d.create()
    d.destroy()
    d.undefine()
    out = [ctx.pump()]
    ctx.conn.domainEventDeregisterAny(cid)
    c2.close()
    return out


def snapshot_events(ctx):
    c = ctx.conn
    d = c.lookupByName("test")
    cid = register(ctx)
    s1 = d.snapshotCreateXML("<domainsnapshot><name>r</name></domainsnapshot>")
    d.revertToSnapshot(s1)
    out = [ctx.pump(), d.state()]
    d.suspend()
    ctx.pump()
    d.revertToSnapshot(s1)
    out += [ctx.pump(), d.state()]
    d.revertToSnapshot(s1, libvirt.VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED)
    out += [ctx.pump(), d.state()]
    d.destroy()
    ctx.pump()
    d.revertToSnapshot(s1)
    out += [ctx.pump(), d.state()]
    d.destroy()
    s2 = d.snapshotCreateXML("<domainsnapshot><name>off</name></domainsnapshot>")
    d.create()
    ctx.pump()
    d.revertToSnapshot(s2)
    out += [ctx.pump(), d.state()]
    d.revertToSnapshot(s2, libvirt.VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING)
    out += [ctx.pump(), d.state()]
    d.snapshotCreateXML("<domainsnapshot><name>h</name></domainsnapshot>",
                        libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_HALT)
    out += [ctx.pump(), d.state()]
    c.domainEventDeregisterAny(cid)
    return out


CHECKS = [
    ("lifecycle_events", lifecycle_events),
    ("filtered_and_legacy", filtered_and_legacy),
    ("metadata_events", metadata_events),
    ("across_connections", across_connections),
    ("snapshot_events", snapshot_events),
]
