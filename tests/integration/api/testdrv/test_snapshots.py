"""Snapshots and checkpoints of test:///default: XML, tree queries, list
filters, current snapshot, revert and delete; plus device hot-plug, which
only our test driver offers."""
import libvirt

DISK = """<disk type='file' device='disk'>
  <source file='/guest/extra.img'/>
  <target dev='vdb' bus='virtio'/>
</disk>"""


def tryv(f, *args):
    try:
        return f(*args)
    except libvirt.libvirtError as e:
        return {"error": [e.get_error_code(), e.get_error_domain(), e.get_error_message()]}


def tryc(f, *args):
    """Error code and domain only: after an XML syntax error libvirt quotes
    the offending source line, our XML layer does not."""
    v = tryv(f, *args)
    return {"error": v["error"][:2]} if isinstance(v, dict) and "error" in v else v


def mask_time(xml, *names):
    """Creation times and time-based names differ from run to run."""
    import re
    xml = re.sub(r"<creationTime>\d+</creationTime>", "<creationTime>T</creationTime>", xml)
    for n in names:
        xml = xml.replace(n, "NAME")
    return xml


def snapshot_xml(ctx):
    d = ctx.conn.lookupByName("test")
    s1 = d.snapshotCreateXML("<domainsnapshot><name>s1</name>"
                             "<description>hello</description></domainsnapshot>")
    s2 = d.snapshotCreateXML("<domainsnapshot/>")
    out = [mask_time(s1.getXMLDesc()), mask_time(s2.getXMLDesc(), s2.getName()),
           s2.getName().isdigit(), s2.getParent().getName(), d.snapshotCurrent().getName() ==
           s2.getName(), sorted(mask_time(n, s2.getName()) for n in d.snapshotListNames()),
           d.snapshotNum(), d.hasCurrentSnapshot()]
    out += [tryv(d.snapshotCreateXML, "<domainsnapshot><name>s1</name></domainsnapshot>"),
            tryv(d.snapshotCreateXML,
                 "<domainsnapshot><name>p</name><memory snapshot='no'/>"
                 "<disks><disk name='vda' snapshot='no'/></disks></domainsnapshot>"),
            tryv(d.snapshotCreateXML,
                 "<domainsnapshot><name>q</name><disks><disk name='vdz'/></disks>"
                 "</domainsnapshot>"),
            tryc(d.snapshotCreateXML, "<domainsnapshot", 0),
            tryv(d.snapshotCreateXML, "<domainsnapshot/>",
                 libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY)]
    s2.delete()
    s1.delete()
    return out


def snapshot_tree(ctx):
    d = ctx.conn.lookupByName("test")
    mk = lambda n: d.snapshotCreateXML("<domainsnapshot><name>%s</name></domainsnapshot>" % n)
    a = mk("a")
    b = mk("b")
    d.revertToSnapshot(a)
    c = mk("c")
    d.destroy()
    e = mk("e")
    d.create()
    L = libvirt
    out = {"all": sorted(d.snapshotListNames()),
           "roots": sorted(d.snapshotListNames(L.VIR_DOMAIN_SNAPSHOT_LIST_ROOTS)),
           "leaves": sorted(d.snapshotListNames(L.VIR_DOMAIN_SNAPSHOT_LIST_LEAVES)),
           "noleaves": sorted(d.snapshotListNames(L.VIR_DOMAIN_SNAPSHOT_LIST_NO_LEAVES)),
           "inactive": sorted(d.snapshotListNames(L.VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE)),
           "active": sorted(d.snapshotListNames(L.VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE)),
           "diskonly": d.snapshotListNames(L.VIR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY),
           "internal": sorted(d.snapshotListNames(L.VIR_DOMAIN_SNAPSHOT_LIST_INTERNAL)),
           "external": d.snapshotListNames(L.VIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL),
           "metadata": sorted(d.snapshotListNames(L.VIR_DOMAIN_SNAPSHOT_LIST_METADATA)),
           "nometadata": d.snapshotListNames(L.VIR_DOMAIN_SNAPSHOT_LIST_NO_METADATA),
           "num": d.snapshotNum(), "numroots": d.snapshotNum(L.VIR_DOMAIN_SNAPSHOT_LIST_ROOTS),
           "a_children": sorted(a.listChildrenNames()),
           "a_desc": sorted(a.listChildrenNames(L.VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS)),
           "a_numchildren": a.numChildren(),
           "a_all_children": sorted(s.getName() for s in a.listAllChildren()),
           "all_snapshots": sorted(s.getName() for s in d.listAllSnapshots()),
           # libvirt walks its tree depth first, the newest child first
           "topo": [s.getName() for s in d.listAllSnapshots(
               L.VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL)],
           "a_children_order": a.listChildrenNames(),
           "current": d.snapshotCurrent().getName(), "e_current": e.isCurrent(),
           "a_current": a.isCurrent(), "meta": a.hasMetadata(),
           "e_parent": e.getParent().getName(), "a_parent": tryv(a.getParent),
           "lookup": d.snapshotLookupByName("b").getName(),
           "lookup_bad": tryv(d.snapshotLookupByName, "zz"),
           "bad_flags": tryv(d.snapshotListNames, 1 << 20)}
    # delete a middle node: children move to its parent
    c.delete()
    out["after_c"] = [sorted(d.snapshotListNames()), e.getParent().getName()]
    a.delete(L.VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY)
    out["children_only"] = [sorted(d.snapshotListNames()), d.snapshotCurrent().getName()]
    d.destroy()
    out["undefine"] = tryv(d.undefine)
    d.create()
    a.delete(L.VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN)
    out["end"] = [d.snapshotNum(), tryv(d.snapshotCurrent), d.hasCurrentSnapshot()]
    return out


def snapshot_revert(ctx):
    d = ctx.conn.lookupByName("test")
    s1 = d.snapshotCreateXML("<domainsnapshot><name>r</name></domainsnapshot>")
    out = [tryv(d.revertToSnapshot, s1), d.state()]
    d.suspend()
    out += [tryv(d.revertToSnapshot, s1), d.state()]
    out += [tryv(d.revertToSnapshot, s1, libvirt.VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED), d.state()]
    d.destroy()
    out += [tryv(d.revertToSnapshot, s1), d.state()]
    d.destroy()
    s2 = d.snapshotCreateXML("<domainsnapshot><name>off</name></domainsnapshot>")
    out.append(mask_time(s2.getXMLDesc()))
    d.create()
    out += [tryv(d.revertToSnapshot, s2, libvirt.VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING),
            tryv(d.revertToSnapshot, s2), d.state()]
    out += [tryv(d.revertToSnapshot, s2, libvirt.VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING), d.state()]
    d.create()
    h = d.snapshotCreateXML("<domainsnapshot><name>h</name></domainsnapshot>",
                            libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_HALT)
    out += [d.state(), h.getName()]
    for s in (h, s2, s1):
        s.delete()
    d.create()
    return out


def snapshot_redefine(ctx):
    d = ctx.conn.lookupByName("test")
    s = d.snapshotCreateXML("<domainsnapshot><name>orig</name></domainsnapshot>")
    xml = s.getXMLDesc()
    s.delete()
    out = [tryv(d.snapshotCreateXML, "<domainsnapshot><name>x</name><state>running</state>"
                                     "</domainsnapshot>",
                libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE)]
    r = d.snapshotCreateXML(xml, libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE)
    out += [r.getName(), r.getXMLDesc() == xml, d.hasCurrentSnapshot()]
    r2 = d.snapshotCreateXML(xml.replace("</domainsnapshot>",
                                         "<description>again</description></domainsnapshot>"),
                             libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE |
                             libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT)
    out += [d.snapshotNum(), d.snapshotCurrent().getName(), r2.isCurrent()]
    r2.delete()
    return out


def checkpoints(ctx):
    d = ctx.conn.lookupByName("test")
    ck = d.checkpointCreateXML("<domaincheckpoint><name>c1</name>"
                               "<description>dd</description></domaincheckpoint>")
    ck2 = d.checkpointCreateXML("<domaincheckpoint/>")
    L = libvirt
    out = [mask_time(ck.getXMLDesc()),
           mask_time(ck.getXMLDesc(L.VIR_DOMAIN_CHECKPOINT_XML_NO_DOMAIN |
                                   L.VIR_DOMAIN_CHECKPOINT_XML_SIZE)),
           mask_time(ck2.getXMLDesc(L.VIR_DOMAIN_CHECKPOINT_XML_NO_DOMAIN), ck2.getName()),
           ck2.getParent().getName(), tryv(ck.getParent),
           sorted(mask_time(c.getName(), ck2.getName()) for c in d.listAllCheckpoints()),
           [c.getName() for c in d.listAllCheckpoints(L.VIR_DOMAIN_CHECKPOINT_LIST_ROOTS)],
           [c.getName() == ck2.getName()
            for c in d.listAllCheckpoints(L.VIR_DOMAIN_CHECKPOINT_LIST_LEAVES)],
           [c.getName() for c in d.listAllCheckpoints(L.VIR_DOMAIN_CHECKPOINT_LIST_NO_LEAVES)],
           len(ck.listAllChildren()), d.checkpointLookupByName("c1").getName(),
           tryv(d.checkpointLookupByName, "zz"),
           tryv(d.snapshotCreateXML, "<domainsnapshot/>"),
           tryv(d.checkpointCreateXML, "<domaincheckpoint><name>c1</name></domaincheckpoint>")]
    ck.delete()
    out.append([c.getName() == ck2.getName() for c in d.listAllCheckpoints()])
    # the time-based name is part of the message
    out.append(mask_time(str(tryv(ck2.getParent)), ck2.getName()))
    ck2.delete()
    d.destroy()
    out.append(tryv(d.checkpointCreateXML, "<domaincheckpoint/>"))
    d.create()
    s = d.snapshotCreateXML("<domainsnapshot/>")
    out.append(tryv(d.checkpointCreateXML, "<domaincheckpoint/>"))
    s.delete()
    return out


def devices(ctx):
    d = ctx.conn.lookupByName("test")
    L = libvirt
    out = [tryv(d.attachDevice, DISK), "vdb" in d.XMLDesc(),
           "vdb" in d.XMLDesc(L.VIR_DOMAIN_XML_INACTIVE), tryv(d.attachDevice, DISK),
           tryv(d.attachDeviceFlags, DISK, L.VIR_DOMAIN_AFFECT_CONFIG),
           "vdb" in d.XMLDesc(L.VIR_DOMAIN_XML_INACTIVE),
           tryv(d.detachDeviceFlags, DISK, L.VIR_DOMAIN_AFFECT_LIVE | L.VIR_DOMAIN_AFFECT_CONFIG),
           "vdb" in d.XMLDesc(), tryv(d.detachDevice, DISK),
           tryv(d.attachDevice, "<interface type='network'><source network='default'/>"
                                "<mac address='52:54:00:aa:bb:cc'/></interface>"),
           d.XMLDesc().count("<interface"),
           tryv(d.updateDeviceFlags, "<interface type='network'><source network='other'/>"
                                     "<mac address='52:54:00:aa:bb:cc'/></interface>", 0),
           "network='other'" in d.XMLDesc(),
           tryv(d.detachDeviceAlias, "nope", 0), tryv(d.jobInfo), tryv(d.jobStats),
           tryv(d.abortJob)]
    return out


CHECKS = [
    ("snapshot_xml", snapshot_xml),
    ("snapshot_tree", snapshot_tree),
    ("snapshot_revert", snapshot_revert),
    ("snapshot_redefine", snapshot_redefine),
    ("checkpoints", checkpoints),
    ("devices", devices, {"ours": True}),
]
