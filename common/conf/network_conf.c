/* common/conf/network_conf.c: tables and rules for libvirt's <network> XML.
 * Element and attribute order follows libvirt 9.0's output. Post-parse hooks
 * only fill defaults; every rule that can fail is a validate hook. */
#include "config.h"

#include <string.h>
#include <sys/socket.h>

#define ERR_DOMAIN VIR_FROM_NETWORK
#include "common/util/err.h"
#include "common/util/uuid.h"
#include "common/conf/network_conf.h"

ENUM_STRINGS(net_forward_mode, NET_FORWARD_LAST,
             "none", "nat", "route", "open", "bridge", "private", "vepa",
             "passthrough", "hostdev");
ENUM_STRINGS(net_forward_driver, NET_FORWARD_DRIVER_LAST, "default", "kvm", "vfio");
ENUM_STRINGS(net_mac_table_manager, NET_MAC_TABLE_LAST, "default", "kernel", "libvirt");
ENUM_STRINGS(net_lease_unit, NET_LEASE_UNIT_LAST, "", "seconds", "minutes", "hours");
ENUM_STRINGS(net_forward_addr_type, NET_FORWARD_ADDR_LAST, "none", "pci");

#define NET_SRV_SERVICE_MAX 15
#define NET_SRV_SERVICE_CHARS \
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-+/*"
#define NET_SRV_PROTOCOL_CHARS \
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-+/"

static char *
addr_str(const IpAddr *a)
{
    char buf[INET6_ADDRSTRLEN];

    ip_addr_format(a, buf);
    return g_strdup(buf);
}

/* ---- <ip> and DHCP ------------------------------------------------------- */

static const XmlField lease_fields[] = {
    XML_ATTR(NetDhcpLease, expiry, "expiry", ullong, XF_REQUIRED),
    XML_ATTR_ENUM(NetDhcpLease, unit, "unit", net_lease_unit, 0, .min = 1),
    XML_END
};

/* A finite lease has a unit (minutes by default); an infinite one has none. */
static void
lease_post_parse(void *obj)
{
    NetDhcpLease *l = obj;

    if (l->expiry == 0)
        l->unit = NET_LEASE_UNIT_NONE;
    else if (l->unit == NET_LEASE_UNIT_NONE)
        l->unit = NET_LEASE_UNIT_MINUTES;
}

static int
lease_validate(XmlCtx *ctx, const void *obj)
{
    static const unsigned long long unit_secs[] = { 0, 1, 60, 3600 };
    const NetDhcpLease *l = obj;

    if (l->expiry > 0 && l->unit > 0 && l->unit < NET_LEASE_UNIT_LAST &&
        l->expiry < 120 / unit_secs[l->unit] + (120 % unit_secs[l->unit] != 0)) {
        xmlmap_report(ctx, VIR_ERR_CONFIG_UNSUPPORTED,
                      "lease time in '%s' must be at least 2 minutes", xmlmap_ctx_path(ctx));
        return -1;
    }
    return 0;
}

static XML_SCHEMA(lease, NetDhcpLease, "lease", lease_fields,
                  .post_parse = lease_post_parse, .validate = lease_validate);

static const XmlField range_fields[] = {
    XML_ATTR(NetDhcpRange, start, "start", ip, XF_REQUIRED),
    XML_ATTR(NetDhcpRange, end, "end", ip, XF_REQUIRED),
    XML_CHILD(NetDhcpRange, lease, &lease_schema, 0),
    XML_END
};
static XML_SCHEMA(range, NetDhcpRange, "range", range_fields);

static const XmlField dhcp_host_fields[] = {
    XML_ATTR(NetDhcpHost, mac, "mac", string, 0),
    XML_ATTR(NetDhcpHost, id, "id", string, 0),
    XML_ATTR(NetDhcpHost, name, "name", string, 0),
    XML_ATTR(NetDhcpHost, ip, "ip", ip, 0),
    XML_CHILD(NetDhcpHost, lease, &lease_schema, 0),
    XML_END
};

static int
dhcp_host_validate(XmlCtx *ctx, const void *obj)
{
    const NetDhcpHost *h = obj;
    unsigned char mac[XML_MAC_LEN];

    if (h->mac && (mac_addr_parse(h->mac, mac) < 0 || (mac[0] & 1))) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR, "invalid unicast MAC address '%s' in '%s'",
                      h->mac, xmlmap_ctx_path(ctx));
        return -1;
    }
    if (h->name && !g_ascii_isalnum(h->name[0])) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "host name '%s' in '%s' must start with a letter or digit",
                      h->name, xmlmap_ctx_path(ctx));
        return -1;
    }
    if (!h->ip.family) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR, "missing IP address in static host '%s'",
                      xmlmap_ctx_path(ctx));
        return -1;
    }
    return 0;
}

static XML_SCHEMA(dhcp_host, NetDhcpHost, "host", dhcp_host_fields,
                  .validate = dhcp_host_validate);

static const XmlField bootp_fields[] = {
    XML_ATTR(NetDhcp, bootp_file, "file", string, XF_REQUIRED),
    XML_ATTR(NetDhcp, bootp_server, "server", ip, 0),
    XML_END
};
static XML_SCHEMA(bootp, NetDhcp, "bootp", bootp_fields);

static const XmlField dhcp_fields[] = {
    XML_CHILDREN(NetDhcp, ranges, nranges, &range_schema, 0),
    XML_CHILDREN(NetDhcp, hosts, nhosts, &dhcp_host_schema, 0),
    XML_GROUP(&bootp_schema, 0),
    XML_END
};
static XML_SCHEMA(dhcp, NetDhcp, "dhcp", dhcp_fields);

static const XmlField tftp_fields[] = {
    XML_ATTR(NetIpDef, tftp_root, "root", string, 0),
    XML_END
};
static XML_SCHEMA(tftp, NetIpDef, "tftp", tftp_fields);

static const XmlField ip_fields[] = {
    XML_ATTR_ENUM(NetIpDef, family, "family", ip_family, 0, .min = 1),
    XML_ATTR(NetIpDef, address, "address", ip, XF_REQUIRED),
    XML_ATTR(NetIpDef, netmask, "netmask", ip, 0),
    XML_ATTR(NetIpDef, prefix, "prefix", uint, XF_OMIT_DEFAULT),
    XML_ATTR(NetIpDef, local_ptr, "localPtr", tristate, 0),
    XML_GROUP(&tftp_schema, 0),
    XML_EMBED(NetIpDef, dhcp, &dhcp_schema, 0),
    XML_END
};

/* libvirt keeps <bootp> only for IPv4 and prints it only inside a <dhcp>
 * that has ranges or hosts: drop it otherwise, so the output round-trips. */
static void
ip_post_parse(void *obj)
{
    NetIpDef *ip = obj;

    if (ip->address.family != AF_INET || (ip->dhcp.nranges == 0 && ip->dhcp.nhosts == 0)) {
        g_clear_pointer(&ip->dhcp.bootp_file, g_free);
        memset(&ip->dhcp.bootp_server, 0, sizeof(ip->dhcp.bootp_server));
    }
}

/**
 * net_ip_prefix() - prefix length of a network's <ip>
 * @ip: the address definition
 *
 * Return: the prefix, the netmask's length, or the classful default; -1 for
 * an invalid netmask.
 */
int
net_ip_prefix(const NetIpDef *ip)
{
    return ip_prefix_of(&ip->address, &ip->netmask, ip->prefix);
}

/* A DHCP range must lie in its network, low to high. libvirt checks this
 * in its socket address helpers: internal errors without an error domain,
 * worded as below (the trailing space of "reversed " included). */
static int
ip_validate_range(XmlCtx *ctx, const NetIpDef *ip, const NetDhcpRange *r)
{
    g_autofree char *s = addr_str(&r->start);
    g_autofree char *e = addr_str(&r->end);
    g_autofree char *a = addr_str(&ip->address);
    int prefix = net_ip_prefix(ip);

    (void) ctx;
    if (r->start.family != r->end.family) {
        err_report_full(VIR_FROM_NONE, VIR_ERR_INTERNAL_ERROR, __FILE__, __func__, __LINE__,
                        "mismatch of address family in range %s - %s", s, e);
        return -1;
    }
    if (r->start.family != ip->address.family) {
        err_report_full(VIR_FROM_NONE, VIR_ERR_INTERNAL_ERROR, __FILE__, __func__, __LINE__,
                        "mismatch of address family in range %s - %s for network %s", s, e, a);
        return -1;
    }
    if (!ip_same_network(&r->start, &ip->address, prefix) ||
        !ip_same_network(&r->end, &ip->address, prefix)) {
        err_report_full(VIR_FROM_NONE, VIR_ERR_INTERNAL_ERROR, __FILE__, __func__, __LINE__,
                        "range %s - %s is not entirely within network %s/%d", s, e, a, prefix);
        return -1;
    }
    if (ip_addr_compare(&r->start, &r->end) > 0) {
        err_report_full(VIR_FROM_NONE, VIR_ERR_INTERNAL_ERROR, __FILE__, __func__, __LINE__,
                        "range %s - %s is reversed ", s, e);
        return -1;
    }
    return 0;
}

static int
ip_validate(XmlCtx *ctx, const void *obj)
{
    const NetIpDef *ip = obj;
    g_autofree char *a = addr_str(&ip->address);
    bool v6 = ip->family == IP_FAMILY_IPV6;

    if (ip->address.family != (v6 ? AF_INET6 : AF_INET)) {
        xmlmap_report(ctx, VIR_ERR_CONFIG_UNSUPPORTED,
                      "%s family given for address '%s' in '%s'",
                      v6 ? "'ipv6'" : (ip->family ? "'ipv4'" : "no"), a, xmlmap_ctx_path(ctx));
        return -1;
    }
    if (ip->netmask.family && (v6 || ip->netmask.family != AF_INET)) {
        xmlmap_report(ctx, VIR_ERR_CONFIG_UNSUPPORTED,
                      "netmask of address '%s' in '%s' must be IPv4 and needs an IPv4 address",
                      a, xmlmap_ctx_path(ctx));
        return -1;
    }
    if (ip->netmask.family && ip->prefix > 0) {
        xmlmap_report(ctx, VIR_ERR_CONFIG_UNSUPPORTED,
                      "address '%s' in '%s' cannot have both a prefix and a netmask",
                      a, xmlmap_ctx_path(ctx));
        return -1;
    }
    if (ip->prefix > (v6 ? 128U : 32U)) {
        xmlmap_report(ctx, VIR_ERR_CONFIG_UNSUPPORTED, "invalid %s prefix '%u' in '%s'",
                      v6 ? "IPv6" : "IPv4", ip->prefix, xmlmap_ctx_path(ctx));
        return -1;
    }
    if (net_ip_prefix(ip) < 0) {
        xmlmap_report(ctx, VIR_ERR_CONFIG_UNSUPPORTED, "invalid netmask for address '%s' in '%s'",
                      a, xmlmap_ctx_path(ctx));
        return -1;
    }
    if (ip->tftp_root && v6) {
        xmlmap_report(ctx, VIR_ERR_CONFIG_UNSUPPORTED,
                      "<tftp> is not supported in an IPv6 <ip> ('%s')", xmlmap_ctx_path(ctx));
        return -1;
    }
    for (size_t i = 0; i < ip->dhcp.nranges; i++) {
        if (ip_validate_range(ctx, ip, &ip->dhcp.ranges[i]) < 0)
            return -1;
    }
    for (size_t i = 0; i < ip->dhcp.nhosts; i++) {
        const NetDhcpHost *h = &ip->dhcp.hosts[i];

        if (v6 ? !(h->id || h->name) : !(h->mac || h->name)) {
            xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                          "static host in %s '%s' needs a %s or name attribute",
                          v6 ? "IPv6" : "IPv4", xmlmap_ctx_path(ctx), v6 ? "id" : "mac");
            return -1;
        }
    }
    return 0;
}

static XML_SCHEMA(ip, NetIpDef, "ip", ip_fields, .flags = XS_NO_SELF_CLOSE,
                  .post_parse = ip_post_parse, .validate = ip_validate);

/* ---- <dns> ---------------------------------------------------------------- */

static const XmlField forwarder_fields[] = {
    XML_ATTR(NetDnsForwarder, domain, "domain", string, 0),
    XML_ATTR(NetDnsForwarder, addr, "addr", ip, 0),
    XML_END
};

static int
forwarder_validate(XmlCtx *ctx, const void *obj)
{
    const NetDnsForwarder *f = obj;

    if (!f->domain && !f->addr.family) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR, "'%s' needs at least one of addr or domain",
                      xmlmap_ctx_path(ctx));
        return -1;
    }
    return 0;
}

static XML_SCHEMA(forwarder, NetDnsForwarder, "forwarder", forwarder_fields,
                  .validate = forwarder_validate);

static const XmlField txt_fields[] = {
    XML_ATTR(NetDnsTxt, name, "name", string, XF_REQUIRED, .errcode = VIR_ERR_XML_DETAIL),
    XML_ATTR(NetDnsTxt, value, "value", string, XF_REQUIRED),
    XML_END
};

static int
txt_validate(XmlCtx *ctx, const void *obj)
{
    const NetDnsTxt *t = obj;

    if (strpbrk(t->name, " ,")) {
        xmlmap_report(ctx, VIR_ERR_XML_DETAIL,
                      "DNS TXT record name '%s' in '%s' must not contain spaces or commas",
                      t->name, xmlmap_ctx_path(ctx));
        return -1;
    }
    return 0;
}

static XML_SCHEMA(txt, NetDnsTxt, "txt", txt_fields, .validate = txt_validate);

static const XmlField srv_fields[] = {
    XML_ATTR(NetDnsSrv, service, "service", string, XF_REQUIRED),
    XML_ATTR(NetDnsSrv, protocol, "protocol", string, XF_REQUIRED),
    XML_ATTR(NetDnsSrv, domain, "domain", string, 0),
    XML_ATTR(NetDnsSrv, target, "target", string, 0),
    XML_ATTR(NetDnsSrv, port, "port", uint, XF_OMIT_DEFAULT, .min = 1, .max = 65535,
             .errcode = VIR_ERR_XML_DETAIL, XML_SEEN(NetDnsSrv, port_seen)),
    XML_ATTR(NetDnsSrv, priority, "priority", uint, XF_OMIT_DEFAULT, .max = 65535,
             .errcode = VIR_ERR_XML_DETAIL, XML_SEEN(NetDnsSrv, priority_seen)),
    XML_ATTR(NetDnsSrv, weight, "weight", uint, XF_OMIT_DEFAULT, .max = 65535,
             .errcode = VIR_ERR_XML_DETAIL, XML_SEEN(NetDnsSrv, weight_seen)),
    XML_END
};

static int
srv_validate(XmlCtx *ctx, const void *obj)
{
    const NetDnsSrv *s = obj;

    if (strlen(s->service) > NET_SRV_SERVICE_MAX ||
        strspn(s->service, NET_SRV_SERVICE_CHARS) < strlen(s->service)) {
        xmlmap_report(ctx, VIR_ERR_XML_DETAIL,
                      "invalid DNS SRV service '%s' in '%s': at most %d letters, digits or _-+/*",
                      s->service, xmlmap_ctx_path(ctx), NET_SRV_SERVICE_MAX);
        return -1;
    }
    if (strspn(s->protocol, NET_SRV_PROTOCOL_CHARS) < strlen(s->protocol)) {
        xmlmap_report(ctx, VIR_ERR_XML_DETAIL,
                      "invalid character in DNS SRV protocol '%s' in '%s'",
                      s->protocol, xmlmap_ctx_path(ctx));
        return -1;
    }
    if (!s->target && (s->port_seen || s->priority_seen || s->weight_seen)) {
        xmlmap_report(ctx, VIR_ERR_XML_DETAIL,
                      "DNS SRV port, priority and weight need a target (service '%s' in '%s')",
                      s->service, xmlmap_ctx_path(ctx));
        return -1;
    }
    return 0;
}

static XML_SCHEMA(srv, NetDnsSrv, "srv", srv_fields, .validate = srv_validate);

static const XmlField dns_host_fields[] = {
    XML_ATTR(NetDnsHost, ip, "ip", ip, XF_REQUIRED, .errcode = VIR_ERR_XML_DETAIL),
    XML_LIST(NetDnsHost, hostnames, nhostnames, "hostname", string, 0),
    XML_END
};

static int
dns_host_validate(XmlCtx *ctx, const void *obj)
{
    const NetDnsHost *h = obj;

    for (size_t i = 0; i < h->nhostnames; i++) {
        if (!*h->hostnames[i]) {
            xmlmap_report(ctx, VIR_ERR_XML_DETAIL, "empty <hostname> in DNS host '%s'",
                          xmlmap_ctx_path(ctx));
            return -1;
        }
    }
    if (h->nhostnames == 0) {
        xmlmap_report(ctx, VIR_ERR_XML_DETAIL, "DNS host '%s' needs at least one <hostname>",
                      xmlmap_ctx_path(ctx));
        return -1;
    }
    return 0;
}

static XML_SCHEMA(dns_host, NetDnsHost, "host", dns_host_fields,
                  .validate = dns_host_validate);

static const XmlField dns_fields[] = {
    XML_ATTR(NetDns, enable, "enable", tristate, 0),
    XML_ATTR(NetDns, forward_plain_names, "forwardPlainNames", tristate, 0),
    XML_CHILDREN(NetDns, forwarders, nforwarders, &forwarder_schema, 0),
    XML_CHILDREN(NetDns, txts, ntxts, &txt_schema, 0),
    XML_CHILDREN(NetDns, srvs, nsrvs, &srv_schema, 0),
    XML_CHILDREN(NetDns, hosts, nhosts, &dns_host_schema, 0),
    XML_END
};

static int
dns_validate(XmlCtx *ctx, const void *obj)
{
    const NetDns *d = obj;

    if (d->enable == XML_TRISTATE_NO &&
        (d->nforwarders || d->ntxts || d->nsrvs || d->nhosts)) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "'%s' has enable='no' but also DNS records or forwarders",
                      xmlmap_ctx_path(ctx));
        return -1;
    }
    return 0;
}

static XML_SCHEMA(dns, NetDns, "dns", dns_fields, .validate = dns_validate);

/* ---- <forward> ---------------------------------------------------------- */

static const XmlField fwd_driver_fields[] = {
    XML_ATTR_ENUM(NetForward, driver_name, "name", net_forward_driver, XF_REQUIRED, .min = 1,
                  .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_END
};
static XML_SCHEMA(fwd_driver, NetForward, "driver", fwd_driver_fields);

static const XmlField nat_addr_fields[] = {
    XML_ATTR(NetForward, nat_start, "start", ip, XF_REQUIRED),
    XML_ATTR(NetForward, nat_end, "end", ip, XF_REQUIRED),
    XML_END
};
static XML_SCHEMA(nat_addr, NetForward, "address", nat_addr_fields);

static const XmlField nat_port_fields[] = {
    XML_ATTR(NetForward, port_start, "start", uint, XF_REQUIRED | XF_OMIT_DEFAULT,
             .max = 65535, .errcode = VIR_ERR_XML_DETAIL),
    XML_ATTR(NetForward, port_end, "end", uint, XF_REQUIRED | XF_OMIT_DEFAULT, .max = 65535,
             .errcode = VIR_ERR_XML_DETAIL),
    XML_END
};
static XML_SCHEMA(nat_port, NetForward, "port", nat_port_fields);

static const XmlField nat_fields[] = {
    XML_ATTR(NetForward, nat_ipv6, "ipv6", tristate, 0),
    XML_GROUP(&nat_addr_schema, 0, XML_SEEN(NetForward, nat_addr_seen)),
    XML_GROUP(&nat_port_schema, 0),
    XML_END
};
static XML_SCHEMA(nat, NetForward, "nat", nat_fields);

static const XmlField pf_fields[] = {
    XML_ATTR(NetForwardPf, dev, "dev", string, XF_REQUIRED),
    XML_END
};
static XML_SCHEMA(pf, NetForwardPf, "pf", pf_fields);

static const XmlField fwd_iface_fields[] = {
    XML_ATTR(NetForwardIface, dev, "dev", string, XF_REQUIRED),
    XML_ATTR(NetForwardIface, connections, "connections", uint,
             XF_LIVE_ONLY | XF_OMIT_DEFAULT),
    XML_END
};
static XML_SCHEMA(fwd_iface, NetForwardIface, "interface", fwd_iface_fields);

static const XmlField fwd_pci_fields[] = {
    XML_ATTR_ENUM(NetForwardPci, type, "type", net_forward_addr_type, XF_REQUIRED, .min = 1,
                  .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    PCI_ADDR_FIELDS(NetForwardPci, addr),
    XML_ATTR(NetForwardPci, connections, "connections", uint,
             XF_LIVE_ONLY | XF_OMIT_DEFAULT),
    XML_END
};
static XML_SCHEMA(fwd_pci, NetForwardPci, "address", fwd_pci_fields);

static bool
omit_unless_hostdev(const void *obj, unsigned int flags)
{
    return ((const NetForward *) obj)->mode != NET_FORWARD_HOSTDEV;
}

/* Interfaces behind a <pf> are filled in by the driver at start: runtime
 * state, so they are left out of the inactive configuration. */
static bool
omit_pf_members(const void *obj, unsigned int flags)
{
    return ((const NetForward *) obj)->npfs > 0 && (flags & XMLMAP_FORMAT_INACTIVE);
}

static const XmlField forward_fields[] = {
    XML_ATTR(NetForward, dev, "dev", string, 0),
    XML_ATTR_ENUM(NetForward, mode, "mode", net_forward_mode, 0,
                  .errcode = VIR_ERR_CONFIG_UNSUPPORTED, XML_SEEN(NetForward, mode_seen)),
    XML_ATTR(NetForward, managed, "managed", yesno, 0, XML_OMIT_IF(omit_unless_hostdev)),
    XML_GROUP(&fwd_driver_schema, 0),
    XML_GROUP(&nat_schema, 0, XML_SEEN(NetForward, nat_seen)),
    XML_CHILDREN(NetForward, pfs, npfs, &pf_schema, 0),
    XML_CHILDREN(NetForward, ifaces, nifaces, &fwd_iface_schema, 0,
                 XML_OMIT_IF(omit_pf_members)),
    XML_CHILDREN(NetForward, addrs, naddrs, &fwd_pci_schema, 0,
                 XML_OMIT_IF(omit_pf_members)),
    XML_END
};

/* <forward> without mode means nat; dev= and the first <interface> mirror
 * each other. */
static void
forward_post_parse(void *obj)
{
    NetForward *f = obj;

    if (!f->mode_seen)
        f->mode = NET_FORWARD_NAT;
    if (f->dev && f->nifaces == 0 && f->naddrs == 0 && f->npfs == 0) {
        f->ifaces = g_new0(NetForwardIface, 1);
        f->ifaces[0].dev = g_strdup(f->dev);
        f->nifaces = 1;
    }
    if (!f->dev && f->nifaces > 0 && f->npfs == 0)
        f->dev = g_strdup(f->ifaces[0].dev);
}

static int
forward_validate_nat(XmlCtx *ctx, const NetForward *f)
{
    if (f->nat_seen && f->mode != NET_FORWARD_NAT) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "<nat> in '%s' is only allowed with mode='nat'", xmlmap_ctx_path(ctx));
        return -1;
    }
    if (f->nat_addr_seen) {
        if (f->nat_start.family != AF_INET || f->nat_end.family != AF_INET) {
            xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                          "<nat><address> in '%s' needs IPv4 start and end addresses",
                          xmlmap_ctx_path(ctx));
            return -1;
        }
        if (ip_addr_compare(&f->nat_start, &f->nat_end) > 0) {
            xmlmap_report(ctx, VIR_ERR_XML_ERROR, "<nat><address> range in '%s' is reversed",
                          xmlmap_ctx_path(ctx));
            return -1;
        }
    }
    if (f->port_end < f->port_start) {
        xmlmap_report(ctx, VIR_ERR_XML_DETAIL,
                      "<nat><port> in '%s' has end %u below start %u", xmlmap_ctx_path(ctx),
                      f->port_end, f->port_start);
        return -1;
    }
    return 0;
}

static int
forward_validate(XmlCtx *ctx, const void *obj)
{
    const NetForward *f = obj;

    if (forward_validate_nat(ctx, f) < 0)
        return -1;
    if (f->npfs > 1) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR, "only one <pf> is allowed in '%s'",
                      xmlmap_ctx_path(ctx));
        return -1;
    }
    if (f->nifaces && f->naddrs) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "'%s' cannot list both <interface> and <address> elements",
                      xmlmap_ctx_path(ctx));
        return -1;
    }
    if (f->dev && (f->naddrs || f->npfs)) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "the dev attribute of '%s' cannot be used with <address> or <pf>",
                      xmlmap_ctx_path(ctx));
        return -1;
    }
    if (f->dev && f->nifaces && !g_str_equal(f->dev, f->ifaces[0].dev)) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "<forward dev='%s'> must match the first <interface dev='%s'/>",
                      f->dev, f->ifaces[0].dev);
        return -1;
    }
    for (size_t i = 0; i < f->nifaces; i++) {
        for (size_t j = 0; j < i; j++) {
            if (g_str_equal(f->ifaces[i].dev, f->ifaces[j].dev)) {
                xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                              "interface '%s' is listed more than once in '%s'",
                              f->ifaces[i].dev, xmlmap_ctx_path(ctx));
                return -1;
            }
        }
    }
    for (size_t i = 0; i < f->naddrs; i++) {
        for (size_t j = 0; j < i; j++) {
            const PciAddr *a = &f->addrs[i].addr;

            if (pci_addr_equal(a, &f->addrs[j].addr)) {
                xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                              "PCI device '%04x:%02x:%02x.%x' is listed more than once in '%s'",
                              a->domain, a->bus, a->slot, a->function, xmlmap_ctx_path(ctx));
                return -1;
            }
        }
    }
    return 0;
}

static XML_SCHEMA(forward, NetForward, "forward", forward_fields,
                  .post_parse = forward_post_parse, .validate = forward_validate);

/* ---- <portgroup> ----------------------------------------------------------- */

static const XmlField portgroup_fields[] = {
    XML_ATTR(NetPortGroup, name, "name", string, XF_REQUIRED),
    XML_ATTR(NetPortGroup, is_default, "default", yesno, XF_OMIT_DEFAULT),
    XML_ATTR(NetPortGroup, trust_guest_rx_filters, "trustGuestRxFilters", tristate, 0),
    XML_CHILD(NetPortGroup, vlan, &vlan_schema, 0),
    XML_CHILD(NetPortGroup, virtualport, &virt_port_schema, 0),
    XML_EMBED(NetPortGroup, bandwidth, &bandwidth_plain_schema, 0),
    XML_END
};
static XML_SCHEMA(portgroup, NetPortGroup, "portgroup", portgroup_fields,
                  .flags = XS_NO_SELF_CLOSE);

/* ---- <network> -------------------------------------------------------------- */

/* libvirt prints stp/delay only for networks whose bridge it creates. */
static bool
net_owns_bridge(const NetDef *def)
{
    switch ((NetForwardMode) def->forward.mode) {
    case NET_FORWARD_NONE:
    case NET_FORWARD_NAT:
    case NET_FORWARD_ROUTE:
    case NET_FORWARD_OPEN:
        return true;
    default:
        return false;
    }
}

static bool
omit_unless_own_bridge(const void *obj, unsigned int flags)
{
    return !net_owns_bridge(obj);
}

static bool
omit_without_forward(const void *obj, unsigned int flags)
{
    return ((const NetDef *) obj)->forward.mode == NET_FORWARD_NONE;
}

static const XmlField bridge_fields[] = {
    XML_ATTR(NetDef, bridge, "name", string, 0),
    XML_ATTR(NetDef, bridge_zone, "zone", string, 0),
    XML_ATTR(NetDef, stp, "stp", switch, 0, XML_SEEN(NetDef, stp_seen),
             XML_OMIT_IF(omit_unless_own_bridge)),
    XML_ATTR(NetDef, delay, "delay", ulong, 0, XML_OMIT_IF(omit_unless_own_bridge)),
    XML_ATTR_ENUM(NetDef, mac_table_manager, "macTableManager", net_mac_table_manager, 0,
                  .min = 1),
    XML_END
};
static XML_SCHEMA(bridge, NetDef, "bridge", bridge_fields);

static const XmlField mtu_fields[] = {
    XML_ATTR(NetDef, mtu, "size", uint, XF_OMIT_DEFAULT),
    XML_END
};
static XML_SCHEMA(mtu, NetDef, "mtu", mtu_fields);

static const XmlField mac_fields[] = {
    XML_ATTR(NetDef, mac, "address", mac, XF_NONZERO),
    XML_END
};
static XML_SCHEMA(mac, NetDef, "mac", mac_fields);

static const XmlField domain_fields[] = {
    XML_ATTR(NetDef, domain, "name", string, 0),
    XML_ATTR(NetDef, domain_local_only, "localOnly", tristate, 0),
    XML_END
};
static XML_SCHEMA(domain, NetDef, "domain", domain_fields);

static const XmlField port_fields[] = {
    XML_ATTR(NetDef, isolated_port, "isolated", tristate, 0),
    XML_END
};
static XML_SCHEMA(port, NetDef, "port", port_fields);

static const XmlField dnsmasq_option_fields[] = {
    XML_ATTR(NetDnsmasqOption, value, "value", string, XF_REQUIRED),
    XML_END
};
static XML_SCHEMA(dnsmasq_option, NetDnsmasqOption, "dnsmasq:option", dnsmasq_option_fields);

static const XmlField dnsmasq_fields[] = {
    XML_CHILDREN(NetDef, dnsmasq_options, ndnsmasq_options, &dnsmasq_option_schema, 0,
                 .ns = NET_DNSMASQ_NS),
    XML_END
};
static XML_SCHEMA(dnsmasq, NetDef, "dnsmasq:options", dnsmasq_fields);

static const XmlField net_fields[] = {
    XML_NSDECL("dnsmasq", NET_DNSMASQ_NS),
    XML_ATTR(NetDef, connections, "connections", uint, XF_LIVE_ONLY | XF_OMIT_DEFAULT),
    XML_ATTR(NetDef, ipv6nogw, "ipv6", yesno, XF_OMIT_DEFAULT),
    XML_ATTR(NetDef, trust_guest_rx_filters, "trustGuestRxFilters", tristate, 0),
    XML_TEXT(NetDef, name, "name", string, XF_REQUIRED, .missing_code = VIR_ERR_NO_NAME),
    XML_TEXT(NetDef, uuid, "uuid", uuid, 0),
    XML_RAW(NetDef, metadata, "metadata", 0),
    XML_EMBED(NetDef, forward, &forward_schema, 0, XML_OMIT_IF(omit_without_forward)),
    XML_GROUP(&bridge_schema, 0),
    XML_GROUP(&mtu_schema, 0),
    XML_GROUP(&mac_schema, 0),
    XML_GROUP(&domain_schema, 0),
    XML_EMBED(NetDef, dns, &dns_schema, 0),
    XML_CHILD(NetDef, vlan, &vlan_schema, 0),
    XML_EMBED(NetDef, bandwidth, &bandwidth_plain_schema, 0),
    XML_GROUP(&port_schema, 0),
    XML_CHILDREN(NetDef, ips, nips, &ip_schema, 0),
    XML_CHILDREN(NetDef, routes, nroutes, &ip_route_schema, 0),
    XML_CHILD(NetDef, virtualport, &virt_port_typed_schema, 0),
    XML_CHILDREN(NetDef, portgroups, nportgroups, &portgroup_schema, 0),
    XML_GROUP(&dnsmasq_schema, 0, .ns = NET_DNSMASQ_NS),
    XML_END
};

static void
net_post_parse(void *obj)
{
    NetDef *def = obj;

    if (uuid_is_null(def->uuid))
        uuid_generate(def->uuid);
    if (def->stp == XML_TRISTATE_ABSENT)
        def->stp = XML_TRISTATE_YES;
    /* localOnly is meaningless, and not printed, without a domain name */
    if (!def->domain)
        def->domain_local_only = XML_TRISTATE_ABSENT;
}

/**
 * net_def_find_portgroup() - look up a portgroup
 * @def: network
 * @name: portgroup name, or NULL for the one marked default='yes'
 *
 * Return: the portgroup, or NULL when there is none. Never reports.
 */
NetPortGroup *
net_def_find_portgroup(const NetDef *def, const char *name)
{
    for (size_t i = 0; i < def->nportgroups; i++) {
        NetPortGroup *pg = &def->portgroups[i];

        if (name ? g_str_equal(pg->name, name) : pg->is_default)
            return pg;
    }
    return NULL;
}

static int
net_validate_forward_mode(XmlCtx *ctx, const NetDef *def)
{
    const char *mode = net_forward_mode_to_string(def->forward.mode);
    const NetForward *f = &def->forward;

    switch ((NetForwardMode) f->mode) {
    case NET_FORWARD_NONE:
        return 0;
    case NET_FORWARD_NAT:
    case NET_FORWARD_ROUTE:
    case NET_FORWARD_OPEN:
        if (def->nips == 0) {
            xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                          "%s forwarding requested, but no IP address provided for network '%s'",
                          mode, def->name);
            return -1;
        }
        if (f->nifaces > 1 || f->naddrs || f->npfs) {
            xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                          "network '%s' with forward mode='%s' supports one forward "
                          "<interface> only", def->name, mode);
            return -1;
        }
        if (f->mode == NET_FORWARD_OPEN && f->nifaces) {
            xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                          "forward dev is not allowed in network '%s' with forward mode='open'",
                          def->name);
            return -1;
        }
        return 0;
    case NET_FORWARD_PRIVATE:
    case NET_FORWARD_VEPA:
    case NET_FORWARD_PASSTHROUGH:
    case NET_FORWARD_HOSTDEV:
        if (def->bridge || def->bridge_zone || def->mac_table_manager) {
            xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                          "bridge name, zone and macTableManager are not allowed in %s mode "
                          "(network '%s')", mode, def->name);
            return -1;
        }
        G_GNUC_FALLTHROUGH;
    case NET_FORWARD_BRIDGE:
        if (def->delay || def->stp_seen || def->bridge_zone) {
            xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                          "bridge delay/stp/zone are only allowed in route, nat, open and "
                          "isolated mode, not in %s (network '%s')", mode, def->name);
            return -1;
        }
        if (def->bridge && (f->nifaces || f->npfs)) {
            xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                          "network '%s' with forward mode='%s' can have a bridge name or a "
                          "forward dev, not both", def->name, mode);
            return -1;
        }
        if (def->mtu) {
            xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                          "mtu is only allowed in open, route, nat and isolated mode, not in "
                          "%s (network '%s')", mode, def->name);
            return -1;
        }
        if (def->nips) {
            xmlmap_report(ctx, VIR_ERR_CONFIG_UNSUPPORTED,
                          "<ip> is not supported in network '%s' with forward mode='%s'",
                          def->name, mode);
            return -1;
        }
        return 0;
    case NET_FORWARD_LAST:
        break;
    }
    return 0;
}

/**
 * net_def_validate_vlans() - see network_conf.h
 */
int
net_def_validate_vlans(const NetDef *def)
{
    bool device_tags = def->forward.mode == NET_FORWARD_HOSTDEV ||
        def->forward.mode == NET_FORWARD_PASSTHROUGH;
    bool bridged = def->forward.mode == NET_FORWARD_BRIDGE;
    const VirtPortDef *vp = def->virtualport;

    if (def->vlan && !device_tags &&
        !(bridged && vp && vp->type == VIRT_PORT_OPENVSWITCH))
        goto bad;
    for (size_t i = 0; i < def->nportgroups; i++) {
        const NetPortGroup *pg = &def->portgroups[i];
        const VirtPortDef *pvp = pg->virtualport ? pg->virtualport : vp;

        if (pg->vlan && !device_tags &&
            !(bridged && pvp && pvp->type == VIRT_PORT_OPENVSWITCH))
            goto bad;
    }
    return 0;

 bad:
    err_report(VIR_ERR_CONFIG_UNSUPPORTED,
               "<vlan> is not supported in network '%s': it needs forward mode hostdev or "
               "passthrough, or an openvswitch bridge", def->name);
    return -1;
}

static int
net_validate_routes(XmlCtx *ctx, const NetDef *def)
{
    for (size_t i = 0; i < def->nroutes; i++) {
        const IpAddr *gw = &def->routes[i].gateway;
        bool reachable = false;

        for (size_t j = 0; j < def->nips && !reachable; j++)
            reachable = ip_same_network(gw, &def->ips[j].address, net_ip_prefix(&def->ips[j]));
        if (!reachable) {
            g_autofree char *s = addr_str(gw);

            xmlmap_report(ctx, VIR_ERR_CONFIG_UNSUPPORTED,
                          "static route gateway '%s' is not reachable from network '%s'",
                          s, def->name);
            return -1;
        }
    }
    return 0;
}

static int
net_validate(XmlCtx *ctx, const void *obj)
{
    const NetDef *def = obj;
    size_t ndefaults = 0;
    size_t v4dhcp = 0;
    size_t v6dhcp = 0;

    if (strchr(def->name, '/')) {
        /* libvirt's generic character check (virxml.c), hence VIR_FROM_XML */
        err_report_full(VIR_FROM_XML, VIR_ERR_XML_DETAIL, __FILE__, __func__, __LINE__,
                        "invalid char in %s: %c", "name", '/');
        return -1;
    }
    for (size_t i = 0; i < def->nportgroups; i++) {
        ndefaults += def->portgroups[i].is_default;
        for (size_t j = 0; j < i; j++) {
            if (g_str_equal(def->portgroups[i].name, def->portgroups[j].name)) {
                xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                              "portgroup '%s' is defined more than once in network '%s'",
                              def->portgroups[i].name, def->name);
                return -1;
            }
        }
    }
    if (ndefaults > 1) {
        xmlmap_report(ctx, VIR_ERR_CONFIG_UNSUPPORTED,
                      "network '%s' has more than one default portgroup", def->name);
        return -1;
    }
    for (size_t i = 0; i < def->nips; i++) {
        bool dhcp = def->ips[i].dhcp.nranges || def->ips[i].dhcp.nhosts;

        if (dhcp && def->ips[i].address.family == AF_INET)
            v4dhcp++;
        else if (dhcp)
            v6dhcp++;
    }
    if (v4dhcp > 1 || v6dhcp > 1) {
        xmlmap_report(ctx, VIR_ERR_CONFIG_UNSUPPORTED,
                      "network '%s' has DHCP on more than one %s address", def->name,
                      v4dhcp > 1 ? "IPv4" : "IPv6");
        return -1;
    }
    if (net_validate_forward_mode(ctx, def) < 0 || net_validate_routes(ctx, def) < 0)
        return -1;
    return 0;
}

XML_SCHEMA(net_def, NetDef, "network", net_fields,
           .domain = VIR_FROM_NETWORK, .doc_label = "(network_definition)",
           .post_parse = net_post_parse, .validate = net_validate);

/**
 * net_def_parse_string() - parse network XML
 * @xml: document text
 * @flags: XMLMAP_PARSE_* (INACTIVE for a definition from a user,
 *         SKIP_VALIDATE when loading a saved config)
 *
 * Return: the definition, or NULL with an error reported.
 */
NetDef *
net_def_parse_string(const char *xml, unsigned int flags)
{
    void *def = NULL;

    if (xmlmap_parse_string(&net_def_schema, xml, &def, flags) < 0)
        return NULL;
    return def;
}

/**
 * net_def_format() - format a network definition
 * @def: definition
 * @flags: XMLMAP_FORMAT_* (INACTIVE hides connection counts and pf members)
 *
 * Return: the XML text (caller frees).
 */
char *
net_def_format(const NetDef *def, unsigned int flags)
{
    return xmlmap_format(&net_def_schema, def, flags);
}

/**
 * net_def_free() - free a network definition
 * @def: definition, may be NULL
 */
void
net_def_free(NetDef *def)
{
    xmlmap_free(&net_def_schema, def);
}
