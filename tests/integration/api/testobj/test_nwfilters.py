"""Network filters and filter bindings on test:///default (ours only:
libvirt's test driver has neither; the expected behaviour is libvirt's
nwfilter driver): define/redefine rules, reference loops, XML, lookups,
undefine, bindings."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import names, tryv  # noqa: E402

U = "11111111-2222-3333-4444-555555555555"
BIND = ("<filterbinding><owner><name>vm</name><uuid>d54df46f-1ab5-4a22-8618-4560ef5fac2c"
        "</uuid></owner><portdev name='%s'/><mac address='52:54:00:00:00:01'/>"
        "<filterref filter='%s'><parameter name='IP' value='1.2.3.4'/>"
        "<parameter name='A' value='b'/></filterref></filterbinding>")


def filters(ctx):
    c = ctx.conn
    f = c.nwfilterDefineXML("<filter name='f1'><uuid>%s</uuid><rule action='drop' "
                            "direction='in'><all/></rule></filter>" % U)
    out = [c.numOfNWFilters(), c.listNWFilters(), f.name(), f.UUIDString(), f.XMLDesc(0),
           tryv(c.nwfilterDefineXML, "<filter name='f2'><uuid>%s</uuid></filter>" % U),
           tryv(c.nwfilterDefineXML, "<filter name='f1'>"
                "<uuid>11111111-2222-3333-4444-555555555556</uuid></filter>"),
           tryv(c.nwfilterDefineXML, "<filter name='f1'><uuid>%s</uuid>"
                "<filterref filter='f1'/></filter>" % U),
           tryv(c.nwfilterDefineXML, "<filter name='g'><filterref filter='h'/></filter>"),
           tryv(c.nwfilterDefineXML, "<filter name='h'><filterref filter='g'/></filter>"),
           tryv(c.nwfilterDefineXML, "<filter name='f1'><uuid>%s</uuid><rule action='accept' "
                "direction='out'><tcp match='no' srcipaddr='10.0.0.1'/><tcp dstportstart='22'/>"
                "</rule></filter>" % U),
           f.XMLDesc(0), tryv(c.nwfilterLookupByName, "nope"),
           tryv(c.nwfilterLookupByUUIDString, "11111111-2222-3333-4444-555555555557"),
           tryv(f.XMLDesc, 1), tryv(c.nwfilterDefineXMLFlags, "<filter name='v'/>", 1),
           tryv(c.nwfilterDefineXMLFlags, "<filter name='v' bogus='1'/>", 1),
           names(c.listAllNWFilters(0)), tryv(c.listAllNWFilters, 1),
           tryv(c.nwfilterLookupByName("g").undefine), f.undefine(), c.numOfNWFilters()]
    return out


def bindings(ctx):
    c = ctx.conn
    c.nwfilterDefineXML("<filter name='bf'><rule action='drop' direction='in'><all/>"
                        "</rule></filter>")
    b = c.nwfilterBindingCreateXML(BIND % ("vnet9", "bf"), 0)
    out = [[b.portDev(), b.filterName()], b.XMLDesc(0), tryv(b.XMLDesc, 1),
           tryv(c.nwfilterBindingCreateXML, BIND % ("vnet9", "bf"), 0),
           [c.nwfilterBindingCreateXML(BIND % ("vnet10", "missing"), 1).portDev()],
           tryv(c.nwfilterBindingCreateXML, "<filterbinding/>", 0),
           sorted(x.portDev() for x in c.listAllNWFilterBindings(0)),
           tryv(c.listAllNWFilterBindings, 1),
           c.nwfilterBindingLookupByPortDev("vnet10").XMLDesc(0),
           tryv(c.nwfilterBindingLookupByPortDev, "nope"),
           c.nwfilterLookupByName("bf").undefine(), b.delete(), tryv(b.delete),
           sorted(x.portDev() for x in c.listAllNWFilterBindings(0))]
    return out


CHECKS = [
    ("filters", filters, {"ours": True}),
    ("bindings", bindings, {"ours": True}),
]
