/* common/conf/netdev_conf.c: tables and rules for the network device pieces
 * shared by several formats (<virtualport>, <bandwidth>, <vlan>, <route>,
 * PCI addresses) and small IP address helpers for their validation. */
#include "config.h"

#include <string.h>
#include <sys/socket.h>

#define ERR_DOMAIN VIR_FROM_NONE
#include "common/util/err.h"
#include "common/util/uuid.h"
#include "common/conf/netdev_conf.h"

/* ---- <virtualport> ------------------------------------------------------- */

ENUM_STRINGS(virt_port_type, VIRT_PORT_LAST,
             "none", "802.1Qbg", "802.1Qbh", "openvswitch", "midonet");

#define VIRT_PORT_PROFILE_MAX 39

static const XmlField virt_port_param_fields[] = {
    XML_ATTR(VirtPortDef, manager_id, "managerid", uint, 0, .base = XML_BASE_C, .max = 0xff,
             XML_HAS(VirtPortDef, manager_id_set)),
    XML_ATTR(VirtPortDef, type_id, "typeid", uint, 0, .base = XML_BASE_C, .max = 0xffffff,
             XML_HAS(VirtPortDef, type_id_set)),
    XML_ATTR(VirtPortDef, type_id_version, "typeidversion", uint, 0, .base = XML_BASE_C,
             .max = 0xff, XML_HAS(VirtPortDef, type_id_version_set)),
    XML_ATTR(VirtPortDef, instance_id, "instanceid", uuid, 0),
    XML_ATTR(VirtPortDef, interface_id, "interfaceid", uuid, 0),
    XML_ATTR(VirtPortDef, profile_id, "profileid", string, 0),
    XML_END
};
static XML_SCHEMA(virt_port_param, VirtPortDef, "parameters", virt_port_param_fields);

/* Which parameters each type may carry (libvirt rejects the others). */
typedef struct {
    const char *name;
    unsigned int types;             /* bit per VirtPortType allowed to carry it */
} VirtPortParamRule;

#define VP_BIT(t) (1U << (t))

static bool
virt_port_param_present(const VirtPortDef *vp, size_t i)
{
    switch (i) {
    case 0: return vp->manager_id_set;
    case 1: return vp->type_id_set;
    case 2: return vp->type_id_version_set;
    case 3: return !uuid_is_null(vp->instance_id);
    case 4: return !uuid_is_null(vp->interface_id);
    default: return vp->profile_id != NULL;
    }
}

static int
virt_port_validate(XmlCtx *ctx, const void *obj)
{
    static const VirtPortParamRule rules[] = {
        { "managerid", VP_BIT(VIRT_PORT_NONE) | VP_BIT(VIRT_PORT_8021QBG) },
        { "typeid", VP_BIT(VIRT_PORT_NONE) | VP_BIT(VIRT_PORT_8021QBG) },
        { "typeidversion", VP_BIT(VIRT_PORT_NONE) | VP_BIT(VIRT_PORT_8021QBG) },
        { "instanceid", VP_BIT(VIRT_PORT_NONE) | VP_BIT(VIRT_PORT_8021QBG) },
        { "interfaceid", VP_BIT(VIRT_PORT_NONE) | VP_BIT(VIRT_PORT_OPENVSWITCH) |
                         VP_BIT(VIRT_PORT_MIDONET) },
        { "profileid", VP_BIT(VIRT_PORT_NONE) | VP_BIT(VIRT_PORT_8021QBH) |
                       VP_BIT(VIRT_PORT_OPENVSWITCH) },
    };
    const VirtPortDef *vp = obj;

    for (size_t i = 0; i < G_N_ELEMENTS(rules); i++) {
        if (virt_port_param_present(vp, i) && !(rules[i].types & VP_BIT(vp->type))) {
            xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                          "attribute '%s' is not supported for <virtualport type='%s'> in '%s'",
                          rules[i].name, virt_port_type_to_string(vp->type),
                          xmlmap_ctx_path(ctx));
            return -1;
        }
    }
    if (vp->profile_id && strlen(vp->profile_id) > VIRT_PORT_PROFILE_MAX) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "profileid '%s' in '%s' is longer than %d characters",
                      vp->profile_id, xmlmap_ctx_path(ctx), VIRT_PORT_PROFILE_MAX);
        return -1;
    }
    return 0;
}

#define VIRT_PORT_FIELDS(type_flags) \
    XML_ATTR_ENUM(VirtPortDef, type, "type", virt_port_type, (type_flags), .min = 1, \
                  .errcode = VIR_ERR_CONFIG_UNSUPPORTED), \
    XML_GROUP(&virt_port_param_schema, 0), \
    XML_END

static const XmlField virt_port_fields[] = { VIRT_PORT_FIELDS(0) };
static const XmlField virt_port_typed_fields[] = { VIRT_PORT_FIELDS(XF_REQUIRED) };

XML_SCHEMA(virt_port, VirtPortDef, "virtualport", virt_port_fields,
           .validate = virt_port_validate);
XML_SCHEMA(virt_port_typed, VirtPortDef, "virtualport", virt_port_typed_fields,
           .validate = virt_port_validate);

/* ---- <bandwidth> --------------------------------------------------------- */

static const XmlField bandwidth_rate_fields[] = {
    XML_ATTR(BandwidthRate, average, "average", ullong, XF_OMIT_DEFAULT),
    XML_ATTR(BandwidthRate, peak, "peak", ullong, XF_OMIT_DEFAULT),
    XML_ATTR(BandwidthRate, floor, "floor", ullong, XF_OMIT_DEFAULT),
    XML_ATTR(BandwidthRate, burst, "burst", ullong, XF_OMIT_DEFAULT),
    XML_END
};

static int
bandwidth_rate_validate(XmlCtx *ctx, const void *obj)
{
    const BandwidthRate *r = obj;

    if (!r->average && !r->floor) {
        xmlmap_report(ctx, VIR_ERR_XML_DETAIL,
                      "missing mandatory 'average' or 'floor' attribute in '%s'",
                      xmlmap_ctx_path(ctx));
        return -1;
    }
    if ((r->peak || r->burst) && !r->average) {
        xmlmap_report(ctx, VIR_ERR_CONFIG_UNSUPPORTED,
                      "'peak' and 'burst' require 'average' in '%s'", xmlmap_ctx_path(ctx));
        return -1;
    }
    return 0;
}

static XML_SCHEMA(bw_inbound, BandwidthRate, "inbound", bandwidth_rate_fields,
                  .validate = bandwidth_rate_validate);
static XML_SCHEMA(bw_outbound, BandwidthRate, "outbound", bandwidth_rate_fields,
                  .validate = bandwidth_rate_validate);

static const XmlField bandwidth_fields[] = {
    XML_ATTR(BandwidthDef, class_id, "classID", uint, XF_OMIT_DEFAULT),
    XML_CHILD(BandwidthDef, in, &bw_inbound_schema, 0),
    XML_CHILD(BandwidthDef, out, &bw_outbound_schema, 0),
    XML_END
};

static int
bandwidth_validate(XmlCtx *ctx, const void *obj)
{
    const BandwidthDef *bw = obj;

    if (bw->out && bw->out->floor) {
        xmlmap_report(ctx, VIR_ERR_CONFIG_UNSUPPORTED,
                      "'floor' is not supported for <outbound> in '%s'", xmlmap_ctx_path(ctx));
        return -1;
    }
    return 0;
}

static int
bandwidth_plain_validate(XmlCtx *ctx, const void *obj)
{
    const BandwidthDef *bw = obj;

    if (bw->class_id) {
        xmlmap_report(ctx, VIR_ERR_XML_DETAIL,
                      "attribute 'classID' of '%s' is not supported in this context",
                      xmlmap_ctx_path(ctx));
        return -1;
    }
    if ((bw->in && bw->in->floor) || (bw->out && bw->out->floor)) {
        xmlmap_report(ctx, VIR_ERR_CONFIG_UNSUPPORTED,
                      "attribute 'floor' in '%s' is not supported in this context",
                      xmlmap_ctx_path(ctx));
        return -1;
    }
    return 0;
}

XML_SCHEMA(bandwidth, BandwidthDef, "bandwidth", bandwidth_fields,
           .flags = XS_NO_SELF_CLOSE, .validate = bandwidth_validate);
XML_SCHEMA(bandwidth_plain, BandwidthDef, "bandwidth", bandwidth_fields,
           .flags = XS_NO_SELF_CLOSE, .validate = bandwidth_plain_validate);

/* ---- <vlan> ---------------------------------------------------------------- */

ENUM_STRINGS(vlan_native_mode, VLAN_NATIVE_LAST, "default", "tagged", "untagged");

static const XmlField vlan_tag_fields[] = {
    XML_ATTR(VlanTag, id, "id", uint, XF_REQUIRED, .max = 4095),
    XML_ATTR_ENUM(VlanTag, native_mode, "nativeMode", vlan_native_mode, 0, .min = 1),
    XML_END
};
static XML_SCHEMA(vlan_tag, VlanTag, "tag", vlan_tag_fields);

static const XmlField vlan_fields[] = {
    XML_ATTR(VlanDef, trunk, "trunk", tristate, 0),
    XML_CHILDREN(VlanDef, tags, ntags, &vlan_tag_schema, 0),
    XML_END
};

static size_t
vlan_native_count(const VlanDef *v)
{
    size_t n = 0;

    for (size_t i = 0; i < v->ntags; i++)
        n += v->tags[i].native_mode != VLAN_NATIVE_DEFAULT;
    return n;
}

/* Several tags imply a trunk; trunk='no' on a single plain tag says nothing. */
static void
vlan_post_parse(void *obj)
{
    VlanDef *v = obj;

    if (v->ntags > 1 && v->trunk == XML_TRISTATE_ABSENT)
        v->trunk = XML_TRISTATE_YES;
    if (v->trunk == XML_TRISTATE_NO && v->ntags == 1 && vlan_native_count(v) == 0)
        v->trunk = XML_TRISTATE_ABSENT;
}

static int
vlan_validate(XmlCtx *ctx, const void *obj)
{
    const VlanDef *v = obj;

    if (v->ntags == 0) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "'%s' needs at least one <tag id='n'/> element", xmlmap_ctx_path(ctx));
        return -1;
    }
    if (vlan_native_count(v) > 1) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR, "more than one native vlan tag in '%s'",
                      xmlmap_ctx_path(ctx));
        return -1;
    }
    if (v->trunk == XML_TRISTATE_NO) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "trunk='no' in '%s' is not allowed with %s", xmlmap_ctx_path(ctx),
                      v->ntags > 1 ? "more than one tag" : "a native vlan tag");
        return -1;
    }
    return 0;
}

XML_SCHEMA(vlan, VlanDef, "vlan", vlan_fields,
           .post_parse = vlan_post_parse, .validate = vlan_validate);

/* ---- addresses and routes ---------------------------------------------------- */

ENUM_STRINGS(ip_family, IP_FAMILY_LAST, "", "ipv4", "ipv6");

static int
addr_bits(const IpAddr *a)
{
    return a->family == AF_INET6 ? 128 : 32;
}

static const unsigned char *
addr_bytes(const IpAddr *a)
{
    return a->family == AF_INET6 ? (const unsigned char *) &a->u.v6 :
        (const unsigned char *) &a->u.v4;
}

/**
 * ip_addr_compare() - order two addresses of the same family numerically
 * @a: first address
 * @b: second address (same family as @a)
 *
 * Return: <0, 0 or >0 like memcmp.
 */
int
ip_addr_compare(const IpAddr *a, const IpAddr *b)
{
    return memcmp(addr_bytes(a), addr_bytes(b), addr_bits(a) / 8);
}

/* Bit count of a contiguous netmask, or -1. */
static int
netmask_bits(const IpAddr *mask)
{
    const unsigned char *b = addr_bytes(mask);
    int n = 0;
    bool ended = false;

    for (int i = 0; i < addr_bits(mask); i++) {
        bool bit = b[i / 8] & (0x80 >> (i % 8));

        if (bit && ended)
            return -1;
        if (bit)
            n++;
        else
            ended = true;
    }
    return n;
}

/**
 * ip_prefix_of() - prefix length of an address definition
 * @addr: the address
 * @netmask: its netmask, may be NULL or unset
 * @prefix: its prefix, 0 when not given
 *
 * Return: @prefix if set, the netmask's length, or the classful default
 * (8/16/24 for IPv4, 64 for IPv6); -1 for a non-contiguous netmask.
 */
int
ip_prefix_of(const IpAddr *addr, const IpAddr *netmask, unsigned int prefix)
{
    if (prefix > 0)
        return (int) prefix;
    if (netmask && netmask->family)
        return netmask_bits(netmask);
    if (addr->family == AF_INET6)
        return 64;
    if (addr->family == AF_INET) {
        unsigned char first = addr_bytes(addr)[0];

        if (first < 128)
            return 8;
        if (first < 192)
            return 16;
        if (first < 224)
            return 24;
    }
    return -1;
}

/**
 * ip_same_network() - whether two addresses share their first @prefix bits
 * @a: first address
 * @b: second address
 * @prefix: number of leading bits compared
 *
 * Return: false for different families or an out-of-range prefix.
 */
bool
ip_same_network(const IpAddr *a, const IpAddr *b, int prefix)
{
    const unsigned char *x = addr_bytes(a);
    const unsigned char *y = addr_bytes(b);

    if (a->family != b->family || prefix < 0 || prefix > addr_bits(a))
        return false;
    for (int i = 0; i < prefix; i++) {
        unsigned char m = 0x80 >> (i % 8);

        if ((x[i / 8] & m) != (y[i / 8] & m))
            return false;
    }
    return true;
}

static bool
has_host_bits(const IpAddr *a, int prefix)
{
    const unsigned char *x = addr_bytes(a);

    for (int i = prefix; i < addr_bits(a); i++) {
        if (x[i / 8] & (0x80 >> (i % 8)))
            return true;
    }
    return false;
}

static const XmlField ip_route_fields[] = {
    XML_ATTR_ENUM(IpRoute, family, "family", ip_family, 0, .min = 1),
    XML_ATTR(IpRoute, address, "address", ip, XF_REQUIRED),
    XML_ATTR(IpRoute, netmask, "netmask", ip, 0),
    XML_ATTR(IpRoute, prefix, "prefix", uint, 0, XML_HAS(IpRoute, has_prefix)),
    XML_ATTR(IpRoute, gateway, "gateway", ip, XF_REQUIRED),
    XML_ATTR(IpRoute, metric, "metric", uint, XF_NONZERO, XML_HAS(IpRoute, has_metric)),
    XML_END
};

static int
ip_route_validate(XmlCtx *ctx, const void *obj)
{
    const IpRoute *r = obj;
    int want = r->family == IP_FAMILY_IPV6 ? AF_INET6 : AF_INET;
    const char *fam = want == AF_INET6 ? "IPv6" : "IPv4";
    int prefix;

    if (r->address.family != want || r->gateway.family != want) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "'%s' needs %s address and gateway for its family", xmlmap_ctx_path(ctx),
                      fam);
        return -1;
    }
    if (r->netmask.family && (want != AF_INET || r->netmask.family != AF_INET)) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR, "'%s' may have an IPv4 netmask only for IPv4",
                      xmlmap_ctx_path(ctx));
        return -1;
    }
    if (r->netmask.family && r->has_prefix) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR, "'%s' cannot have both netmask and prefix",
                      xmlmap_ctx_path(ctx));
        return -1;
    }
    if (r->has_prefix && r->prefix > (unsigned int) addr_bits(&r->address)) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR, "invalid %s prefix %u in '%s'", fam, r->prefix,
                      xmlmap_ctx_path(ctx));
        return -1;
    }
    prefix = r->has_prefix ? (int) r->prefix :
        (r->netmask.family ? netmask_bits(&r->netmask) : addr_bits(&r->address));
    if (prefix < 0) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR, "invalid netmask in '%s'", xmlmap_ctx_path(ctx));
        return -1;
    }
    if (has_host_bits(&r->address, prefix)) {
        char buf[INET6_ADDRSTRLEN];

        ip_addr_format(&r->address, buf);
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "address '%s' in '%s' is not a network address (host bits set for prefix %d)",
                      buf, xmlmap_ctx_path(ctx), prefix);
        return -1;
    }
    return 0;
}

XML_SCHEMA(ip_route, IpRoute, "route", ip_route_fields, .validate = ip_route_validate);

static const XmlField pci_addr_fields[] = {
    XML_ATTR(PciAddr, domain, "domain", uint, 0, .base = XML_BASE_C, .hex = 4, .max = 0xffff),
    XML_ATTR(PciAddr, bus, "bus", uint, 0, .base = XML_BASE_C, .hex = 2, .max = 0xff),
    XML_ATTR(PciAddr, slot, "slot", uint, 0, .base = XML_BASE_C, .hex = 2, .max = 0x1f),
    XML_ATTR(PciAddr, function, "function", uint, 0, .base = XML_BASE_C, .hex = 1, .max = 7),
    XML_END
};
XML_SCHEMA(pci_addr, PciAddr, "address", pci_addr_fields);

/**
 * pci_addr_equal() - compare two PCI addresses
 * @a: first address
 * @b: second address
 *
 * Return: true when domain, bus, slot and function all match.
 */
bool
pci_addr_equal(const PciAddr *a, const PciAddr *b)
{
    return a->domain == b->domain && a->bus == b->bus && a->slot == b->slot &&
        a->function == b->function;
}
