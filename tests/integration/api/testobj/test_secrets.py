"""Secrets on test:///default (ours only: libvirt's test driver has none;
the expected behaviour is libvirt's secret driver): define, redefine rules,
values, private secrets, usage lookups, list filters, undefine."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import mask, tryv  # noqa: E402

U = "11111111-2222-3333-4444-555555555555"
VOL = ("<secret ephemeral='no' private='%s'><uuid>%s</uuid>%s<usage type='volume'>"
       "<volume>/var/lib/x.img</volume></usage></secret>")


def sec(s):
    return [s.UUIDString(), s.usageType(), s.usageID()]


def define_and_values(ctx):
    c = ctx.conn
    s = c.secretDefineXML(VOL % ("no", U, "<description>d</description>"), 0)
    out = [c.numOfSecrets(), c.listSecrets(), sec(s), s.XMLDesc(0), tryv(s.value, 0),
           s.setValue(b"hello", 0), s.value(0).decode(),
           tryv(c.secretDefineXML, "<secret><usage type='volume'><volume>/var/lib/x.img"
                "</volume></usage></secret>", 0),
           sec(c.secretDefineXML(VOL % ("yes", U, ""), 0)),
           tryv(c.secretDefineXML, "<secret><uuid>%s</uuid><usage type='ceph'><name>c</name>"
                "</usage></secret>" % U, 0),
           tryv(c.secretDefineXML, VOL % ("no", U, ""), 0), s.XMLDesc(0), tryv(s.value, 0),
           tryv(s.XMLDesc, 1), tryv(s.value, 1), tryv(s.setValue, b"x", 1)]
    return out


def usages_and_filters(ctx):
    c = ctx.conn
    c.secretDefineXML("<secret ephemeral='yes' private='yes'>"
                      "<uuid>11111111-2222-3333-4444-555555555556</uuid>"
                      "<usage type='ceph'><name>cephx</name></usage></secret>", 0)
    for x in ["<usage type='tls'><name>t</name></usage>",
              "<usage type='iscsi'><target>iqn</target></usage>",
              "<usage type='vtpm'><name>vt</name></usage>", ""]:
        c.secretDefineXML("<secret>%s</secret>" % x, 0)
    out = [sec(c.secretLookupByUsage(2, "cephx")), tryv(c.secretLookupByUsage, 2, "nope"),
           tryv(c.secretLookupByUUIDString, "11111111-2222-3333-4444-555555555557"),
           c.numOfSecrets()]
    for f in [0, 1, 2, 4, 8, 5, 10]:
        out.append(sorted(mask(s.usageID()) for s in c.listAllSecrets(f)))
    out.append(tryv(c.listAllSecrets, 16))
    return out


def undefine(ctx):
    c = ctx.conn
    s = c.secretDefineXML("<secret><uuid>11111111-2222-3333-4444-555555555558</uuid>"
                          "<usage type='tls'><name>gone</name></usage></secret>", 0)
    s.setValue(b"v", 0)
    return [s.undefine(), tryv(s.undefine), tryv(s.value, 0), tryv(s.XMLDesc, 0),
            tryv(c.secretLookupByUsage, 4, "gone")]


def events(ctx):
    import libvirt
    c = ctx.conn
    got = []
    ids = [c.secretEventRegisterAny(None, libvirt.VIR_SECRET_EVENT_ID_LIFECYCLE,
                                    lambda c_, s, e, d, o: got.append([s.UUIDString(), e, d]),
                                    None),
           c.secretEventRegisterAny(None, libvirt.VIR_SECRET_EVENT_ID_VALUE_CHANGED,
                                    lambda c_, s, o: got.append([s.UUIDString(), "value"]),
                                    None)]
    s = c.secretDefineXML("<secret><uuid>11111111-2222-3333-4444-555555555559</uuid>"
                          "<usage type='tls'><name>ev</name></usage></secret>", 0)
    s.setValue(b"1", 0)
    s.undefine()
    ctx.pump()
    for i in ids:
        c.secretEventDeregisterAny(i)
    return got


CHECKS = [
    ("define_and_values", define_and_values, {"ours": True}),
    ("usages_and_filters", usages_and_filters, {"ours": True}),
    ("undefine", undefine, {"ours": True}),
    ("events", events, {"ours": True}),
]
