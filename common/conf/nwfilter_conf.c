/* common/conf/nwfilter_conf.c: tables and rules for libvirt's <filter> XML.
 * The filter's own attributes and <filterref> are table-driven. A filter's
 * entries are an ordered mix of <rule> and <filterref>, and a rule's protocol
 * element follows libvirt's own conventions (values normalized per data type,
 * match='no' applying to the attributes of one element, an element repeated
 * when negated and plain attributes mix), so both are hand-written hooks
 * around one attribute table per protocol. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#define ERR_DOMAIN VIR_FROM_NWFILTER
#include "common/util/err.h"
#include "common/util/parse.h"
#include "common/util/uuid.h"
#include "common/conf/nwfilter_conf.h"

ENUM_STRINGS(nwfilter_action, NWFILTER_ACTION_LAST,
             "drop", "accept", "reject", "return", "continue");
ENUM_STRINGS(nwfilter_direction, NWFILTER_DIR_LAST, "in", "out", "inout");
ENUM_STRINGS(nwfilter_protocol, NWFILTER_PROTO_LAST,
             "none", "mac", "vlan", "stp", "arp", "rarp", "ip", "ipv6", "tcp", "icmp", "igmp",
             "udp", "udplite", "esp", "ah", "sctp", "all", "tcp-ipv6", "icmpv6", "udp-ipv6",
             "udplite-ipv6", "esp-ipv6", "ah-ipv6", "sctp-ipv6", "all-ipv6");

#define NWF_PRIORITY_MIN -1000
#define NWF_PRIORITY_MAX 1000
#define NWF_RULE_PRIORITY_DEFAULT 500
#define NWF_CHAIN_MAX 12
#define NWF_COMMENT_MAX 256
#define NWF_IPSET_NAME_MAX 31
#define NWF_CHAIN_CHARS "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.:-"
#define NWF_VAR_CHARS "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"
#define NWF_VALUE_CHARS NWF_VAR_CHARS ".:"
#define NWF_IPSET_CHARS NWF_VAR_CHARS ".:-+ "

/* ---- <filterref> ------------------------------------------------------------- */

static const XmlField param_fields[] = {
    XML_ATTR(NWFilterParam, name, "name", string, 0),
    XML_ATTR(NWFilterParam, value, "value", string, 0),
    XML_END
};
static XML_SCHEMA(nwf_param, NWFilterParam, "parameter", param_fields);

static bool
only_chars(const char *s, const char *allowed)
{
    return s && *s && s[strspn(s, allowed)] == '\0';
}

static gint
param_cmp(gconstpointer a, gconstpointer b, gpointer unused)
{
    return strcmp(((const NWFilterParam *) a)->name, ((const NWFilterParam *) b)->name);
}

/* libvirt keeps parameters in a table keyed by name and writes them sorted;
 * values given for one name stay in document order. Bad names or values are
 * silently skipped. */
static void
ref_post_parse(void *obj)
{
    NWFilterRef *ref = obj;
    size_t kept = 0;

    for (size_t i = 0; i < ref->nparams; i++) {
        NWFilterParam *p = &ref->params[i];

        if (only_chars(p->name, NWF_VAR_CHARS) && only_chars(p->value, NWF_VALUE_CHARS)) {
            ref->params[kept++] = *p;
        } else {
            g_free(p->name);
            g_free(p->value);
        }
    }
    ref->nparams = kept;
    /* g_qsort_with_data is stable, unlike qsort */
    if (kept > 1)
        g_qsort_with_data(ref->params, (gint) kept, sizeof(NWFilterParam), param_cmp, NULL);
}

static const XmlField ref_fields[] = {
    XML_ATTR(NWFilterRef, filter, "filter", string, 0),
    XML_CHILDREN(NWFilterRef, params, nparams, &nwf_param_schema, 0),
    XML_END
};
XML_SCHEMA(nwfilter_ref, NWFilterRef, "filterref", ref_fields, .post_parse = ref_post_parse);

/* ---- rule attribute types ------------------------------------------------------ */

typedef enum {
    T_U8,           /* decimal or hex, <= 0xff */
    T_U16,
    T_U32,
    T_U16_DEC,      /* decimal only */
    T_MAC,
    T_MACMASK,
    T_IP4,
    T_IP4MASK,
    T_IP6,
    T_IP6MASK,
    T_COMMENT,
    T_BOOL,
    T_MACPROTO,     /* ethertype >= 0x600 or a name */
    T_VLANPROTO,    /* ethertype >= 0x3c or a name */
    T_VLANID,
    T_ARPOP,
    T_IPPROTO,
    T_DSCP,
    T_STATE,
    T_TCPFLAGS,
    T_IPSET,
    T_IPSETFLAGS,
} AttrType;

typedef struct {
    const char *name;
    AttrType type;
    const char *neg_from;   /* takes its match='no' from this attribute */
} AttrDesc;

typedef struct {
    unsigned int value;
    const char *name;
} NamedValue;

static const NamedValue ether_types[] = {
    { 0x0806, "arp" }, { 0x8035, "rarp" }, { 0x0800, "ipv4" }, { 0x86dd, "ipv6" },
    { 0x8100, "vlan" }, { 0, NULL }
};
static const NamedValue arp_opcodes[] = {
    { 1, "Request" }, { 2, "Reply" }, { 3, "Request_Reverse" }, { 4, "Reply_Reverse" },
    { 5, "DRARP_Request" }, { 6, "DRARP_Reply" }, { 7, "DRARP_Error" },
    { 8, "InARP_Request" }, { 9, "ARP_NAK" }, { 0, NULL }
};
static const NamedValue ip_protocols[] = {
    { 6, "tcp" }, { 17, "udp" }, { 136, "udplite" }, { 50, "esp" }, { 51, "ah" },
    { 1, "icmp" }, { 2, "igmp" }, { 132, "sctp" }, { 58, "icmpv6" }, { 0, NULL }
};
/* connection tracking states, one bit each, written in this order */
static const NamedValue conn_states[] = {
    { 1 << 1, "NEW" }, { 1 << 2, "ESTABLISHED" }, { 1 << 3, "RELATED" },
    { 1 << 4, "INVALID" }, { 1 << 5, "NONE" }, { 0, NULL }
};
static const NamedValue tcp_flag_names[] = {
    { 0x1, "FIN" }, { 0x2, "SYN" }, { 0x4, "RST" }, { 0x8, "PSH" }, { 0x10, "ACK" },
    { 0x20, "URG" }, { 0x3f, "ALL" }, { 0x0, "NONE" }, { 0, NULL }
};

static const char *
named_by_value(const NamedValue *map, unsigned int v)
{
    for (; map->name; map++) {
        if (map->value == v)
            return map->name;
    }
    return NULL;
}

static bool
named_by_name(const NamedValue *map, const char *s, unsigned int *ret)
{
    for (; map->name; map++) {
        if (g_ascii_strcasecmp(map->name, s) == 0) {
            *ret = map->value;
            return true;
        }
    }
    return false;
}

/* A number tried as decimal first, then as hex (with or without 0x), like
 * libvirt's datatype loop. *@ret_hex tells which form matched. */
static bool
parse_number(const char *s, unsigned int max, bool allow_hex, unsigned int *ret,
             bool *ret_hex)
{
    unsigned int v;

    if (parse_uint(s, 10, &v) == 0 && v <= max) {
        *ret = v;
        *ret_hex = false;
        return true;
    }
    if (allow_hex && parse_uint(s, 16, &v) == 0 && v <= max) {
        *ret = v;
        *ret_hex = true;
        return true;
    }
    return false;
}

static char *
number_text(unsigned int v, bool hex)
{
    return hex ? g_strdup_printf("0x%x", v) : g_strdup_printf("%u", v);
}

/* Parse an IP mask: a prefix length up to @bits or a contiguous netmask. */
static bool
parse_mask(const char *s, int family, unsigned int bits, unsigned int *ret)
{
    IpAddr a;
    const unsigned char *bytes;
    size_t len;
    unsigned int n = 0;
    bool zeros = false;

    if (parse_uint(s, 10, ret) == 0)
        return *ret <= bits;
    if (ip_addr_parse(s, &a) < 0 || a.family != family)
        return false;
    bytes = family == AF_INET ? (const unsigned char *) &a.u.v4 : a.u.v6.s6_addr;
    len = family == AF_INET ? 4 : 16;
    for (size_t i = 0; i < len * 8; i++) {
        bool one = bytes[i / 8] & (0x80 >> (i % 8));

        if (one && zeros)
            return false;
        if (one)
            n++;
        else
            zeros = true;
    }
    *ret = n;
    return true;
}

static bool
mac_mask_valid(const unsigned char mac[XML_MAC_LEN])
{
    bool zeros = false;

    for (size_t i = 0; i < XML_MAC_LEN * 8; i++) {
        bool one = mac[i / 8] & (0x80 >> (i % 8));

        if (one && zeros)
            return false;
        if (!one)
            zeros = true;
    }
    return true;
}

/* Comma (or space) separated names of @map OR'ed together, names matched
 * case-insensitively as prefixes of each item, as libvirt reads them. */
static bool
parse_name_list(const NamedValue *map, const char *s, unsigned int *ret)
{
    unsigned int flags = 0;

    while (*s) {
        bool found = false;

        while (g_ascii_isspace(*s) || *s == ',')
            s++;
        if (!*s)
            break;
        for (const NamedValue *m = map; m->name; m++) {
            size_t n = strlen(m->name);

            if (g_ascii_strncasecmp(s, m->name, n) == 0) {
                flags |= m->value;
                s += n;
                found = true;
                break;
            }
        }
        if (!found)
            return false;
    }
    *ret = flags;
    return true;
}

/* Names of the single bits set in @flags, lowest first, joined by ','. */
static void
append_bit_names(GString *out, const NamedValue *map, unsigned int flags)
{
    bool first = true;

    for (unsigned int bit = 1; bit && flags; bit <<= 1) {
        const char *name;

        if (!(flags & bit))
            continue;
        flags &= ~bit;
        if (!(name = named_by_value(map, bit)))
            continue;
        if (!first)
            g_string_append_c(out, ',');
        g_string_append(out, name);
        first = false;
    }
}

static void
append_tcp_flags(GString *out, unsigned int flags)
{
    if (flags == 0)
        g_string_append(out, "NONE");
    else if (flags == 0x3f)
        g_string_append(out, "ALL");
    else
        append_bit_names(out, tcp_flag_names, flags);
}

static char *
parse_tcp_flags(const char *s)
{
    g_autofree char *mask_s = g_strdup(s);
    char *slash = strchr(mask_s, '/');
    unsigned int mask, flags;
    GString *out;

    if (!slash)
        return NULL;
    *slash = '\0';
    if (!parse_name_list(tcp_flag_names, mask_s, &mask) ||
        !parse_name_list(tcp_flag_names, slash + 1, &flags))
        return NULL;
    out = g_string_new(NULL);
    append_tcp_flags(out, mask & 0x3f);
    g_string_append_c(out, '/');
    append_tcp_flags(out, flags & 0x3f);
    return g_string_free(out, FALSE);
}

static char *
parse_ipset_flags(const char *s)
{
    GString *out = g_string_new(NULL);
    size_t n = 0;

    while (n < 6) {
        if (g_ascii_strncasecmp(s, "src", 3) == 0)
            g_string_append(out, n ? ",src" : "src");
        else if (g_ascii_strncasecmp(s, "dst", 3) == 0)
            g_string_append(out, n ? ",dst" : "dst");
        else
            break;
        n++;
        s += 3;
        if (*s != ',')
            break;
        s++;
    }
    if (n == 0 || *s) {
        g_string_free(out, TRUE);
        return NULL;
    }
    return g_string_free(out, FALSE);
}

/* "$NAME", "$NAME[3]" or "$NAME[@2]": a variable reference, kept as written. */
static bool
var_ref_valid(const char *s)
{
    size_t n = strspn(s, NWF_VAR_CHARS);
    unsigned int idx;
    g_autofree char *inner = NULL;
    const char *close;

    if (n == 0)
        return false;
    if (s[n] == '\0')
        return true;
    if (s[n] != '[' || !(close = strchr(s + n, ']')) || close[1] != '\0')
        return false;
    inner = g_strndup(s + n + 1, close - (s + n + 1));
    return parse_uint(inner[0] == '@' ? inner + 1 : inner, 10, &idx) == 0;
}

/* Normalize @text for type @t; NULL when it is not a valid value. */
static char *
attr_normalize(AttrType t, const char *text)
{
    unsigned int v;
    bool hex = false;
    IpAddr ip;
    unsigned char mac[XML_MAC_LEN];
    char buf[INET6_ADDRSTRLEN];
    const char *name;

    switch (t) {
    case T_U8:
        return parse_number(text, 0xff, true, &v, &hex) ? number_text(v, hex) : NULL;
    case T_U16:
        return parse_number(text, 0xffff, true, &v, &hex) ? number_text(v, hex) : NULL;
    case T_U32:
        return parse_number(text, G_MAXUINT, true, &v, &hex) ? number_text(v, hex) : NULL;
    case T_U16_DEC:
        return parse_number(text, 0xffff, false, &v, &hex) ? number_text(v, hex) : NULL;
    case T_DSCP:
        return parse_number(text, 0xff, true, &v, &hex) && v <= 63 ? number_text(v, hex) : NULL;
    case T_VLANID:
        return parse_number(text, 0xffff, true, &v, &hex) && v <= 4095 ?
            number_text(v, hex) : NULL;
    case T_MACPROTO:
    case T_VLANPROTO:
        if (parse_number(text, 0xffff, true, &v, &hex)) {
            if (v < (t == T_MACPROTO ? 0x600u : 0x3cu))
                return NULL;
        } else if (!named_by_name(ether_types, text, &v)) {
            return NULL;
        }
        if ((name = named_by_value(ether_types, v)))
            return g_strdup(name);
        return number_text(v, hex);
    case T_ARPOP:
        if (!parse_number(text, 0xffff, true, &v, &hex) &&
            !named_by_name(arp_opcodes, text, &v))
            return NULL;
        if ((name = named_by_value(arp_opcodes, v)))
            return g_strdup(name);
        return g_strdup_printf("%u", v);
    case T_IPPROTO:
        if (!parse_number(text, 0xff, true, &v, &hex)) {
            if (!named_by_name(ip_protocols, text, &v))
                return NULL;
            hex = true;
        }
        if ((name = named_by_value(ip_protocols, v)))
            return g_strdup(name);
        return number_text(v, hex);
    case T_MAC:
    case T_MACMASK:
        if (mac_addr_parse(text, mac) < 0 || (t == T_MACMASK && !mac_mask_valid(mac)))
            return NULL;
        mac_addr_format(mac, buf);
        return g_strdup(buf);
    case T_IP4:
    case T_IP6:
        if (ip_addr_parse(text, &ip) < 0 || ip.family != (t == T_IP4 ? AF_INET : AF_INET6))
            return NULL;
        ip_addr_format(&ip, buf);
        return g_strdup(buf);
    case T_IP4MASK:
        return parse_mask(text, AF_INET, 32, &v) ? g_strdup_printf("%u", v) : NULL;
    case T_IP6MASK:
        return parse_mask(text, AF_INET6, 128, &v) ? g_strdup_printf("%u", v) : NULL;
    case T_COMMENT:
        return g_strndup(text, NWF_COMMENT_MAX);
    case T_BOOL:
        return g_strdup(g_str_equal(text, "true") || g_str_equal(text, "1") ||
                        g_str_equal(text, "yes") ? "true" : "false");
    case T_STATE: {
        GString *out;

        if (!parse_name_list(conn_states, text, &v))
            return NULL;
        if (v & (1 << 5))
            v = 1 << 5;
        out = g_string_new(NULL);
        append_bit_names(out, conn_states, v);
        return g_string_free(out, FALSE);
    }
    case T_TCPFLAGS:
        return parse_tcp_flags(text);
    case T_IPSET:
        if (strlen(text) > NWF_IPSET_NAME_MAX || !only_chars(text, NWF_IPSET_CHARS))
            return NULL;
        return g_strdup(text);
    case T_IPSETFLAGS:
        return parse_ipset_flags(text);
    }
    return NULL;
}

/* ---- per-protocol attribute tables --------------------------------------------- */

#define A(n, t) { (n), (t), NULL }
#define AF(n, t, from) { (n), (t), (from) }
#define A_END { NULL, 0, NULL }

/* mac/vlan/stp copy the address's negation onto its mask; arp/ip/ipv6 keep
 * each attribute's own (libvirt's per-protocol fix-ups) */
#define L2_ATTRS_LINKED \
    A("srcmacaddr", T_MAC), AF("srcmacmask", T_MACMASK, "srcmacaddr"), \
    A("dstmacaddr", T_MAC), AF("dstmacmask", T_MACMASK, "dstmacaddr")
#define L2_ATTRS \
    A("srcmacaddr", T_MAC), A("srcmacmask", T_MACMASK), \
    A("dstmacaddr", T_MAC), A("dstmacmask", T_MACMASK)
#define PORT_ATTRS \
    A("srcportstart", T_U16), AF("srcportend", T_U16, "srcportstart"), \
    AF("dstportstart", T_U16, "srcportstart"), AF("dstportend", T_U16, "srcportstart")
/* the layer 3 protocols; dstipto is IPv4 for both families in libvirt */
#define L3_ATTRS(ADDR, MASK) \
    A("srcmacaddr", T_MAC), \
    A("srcipaddr", ADDR), AF("srcipmask", MASK, "srcipaddr"), \
    A("dstipaddr", ADDR), AF("dstipmask", MASK, "dstipaddr"), \
    A("srcipfrom", ADDR), AF("srcipto", ADDR, "srcipfrom"), \
    A("dstipfrom", ADDR), AF("dstipto", T_IP4, "dstipfrom"), \
    A("dscp", T_DSCP), A("connlimit-above", T_U16_DEC), A("state", T_STATE), \
    A("ipset", T_IPSET), A("ipsetflags", T_IPSETFLAGS)
#define COMMENT_ATTR A("comment", T_COMMENT)

static const AttrDesc mac_attrs[] = {
    L2_ATTRS_LINKED, A("protocolid", T_MACPROTO), COMMENT_ATTR, A_END
};
static const AttrDesc vlan_attrs[] = {
    L2_ATTRS_LINKED, A("vlanid", T_VLANID), A("encap-protocol", T_VLANPROTO), COMMENT_ATTR,
    A_END
};
static const AttrDesc stp_attrs[] = {
    A("srcmacaddr", T_MAC), AF("srcmacmask", T_MACMASK, "srcmacaddr"),
    A("type", T_U8), A("flags", T_U8),
    A("root-priority", T_U16), AF("root-priority-hi", T_U16, "root-priority"),
    A("root-address", T_MAC), AF("root-address-mask", T_MACMASK, "root-address"),
    A("root-cost", T_U32), AF("root-cost-hi", T_U32, "root-cost"),
    A("sender-priority", T_U16), AF("sender-priority-hi", T_U16, "sender-priority"),
    A("sender-address", T_MAC), AF("sender-address-mask", T_MACMASK, "sender-address"),
    A("port", T_U16), AF("port-hi", T_U16, "port"),
    A("age", T_U16), AF("age-hi", T_U16, "age"),
    A("max-age", T_U16), AF("max-age-hi", T_U16, "max-age"),
    A("hello-time", T_U16), AF("hello-time-hi", T_U16, "hello-time"),
    A("forward-delay", T_U16), AF("forward-delay-hi", T_U16, "forward-delay"),
    COMMENT_ATTR, A_END
};
static const AttrDesc arp_attrs[] = {
    L2_ATTRS, A("hwtype", T_U16), A("protocoltype", T_U16), A("opcode", T_ARPOP),
    A("arpsrcmacaddr", T_MAC), A("arpdstmacaddr", T_MAC),
    A("arpsrcipaddr", T_IP4), A("arpsrcipmask", T_IP4MASK),
    A("arpdstipaddr", T_IP4), A("arpdstipmask", T_IP4MASK),
    A("gratuitous", T_BOOL), COMMENT_ATTR, A_END
};
static const AttrDesc ip_attrs[] = {
    L2_ATTRS,
    A("srcipaddr", T_IP4), AF("srcipmask", T_IP4MASK, "srcipaddr"),
    A("dstipaddr", T_IP4), AF("dstipmask", T_IP4MASK, "dstipaddr"),
    A("protocol", T_IPPROTO),
    A("srcportstart", T_U16), A("srcportend", T_U16),
    A("dstportstart", T_U16), A("dstportend", T_U16),
    A("dscp", T_DSCP), COMMENT_ATTR, A_END
};
static const AttrDesc ipv6_attrs[] = {
    L2_ATTRS,
    A("srcipaddr", T_IP6), AF("srcipmask", T_IP6MASK, "srcipaddr"),
    A("dstipaddr", T_IP6), AF("dstipmask", T_IP6MASK, "dstipaddr"),
    A("protocol", T_IPPROTO),
    A("srcportstart", T_U16), A("srcportend", T_U16),
    A("dstportstart", T_U16), A("dstportend", T_U16),
    A("type", T_U8), AF("typeend", T_U8, "type"),
    AF("code", T_U8, "type"), AF("codeend", T_U8, "type"),
    COMMENT_ATTR, A_END
};
static const AttrDesc tcp_attrs[] = {
    L3_ATTRS(T_IP4, T_IP4MASK), PORT_ATTRS, A("option", T_U8), A("flags", T_TCPFLAGS),
    COMMENT_ATTR, A_END
};
static const AttrDesc udp_attrs[] = {
    L3_ATTRS(T_IP4, T_IP4MASK), PORT_ATTRS, COMMENT_ATTR, A_END
};
static const AttrDesc l3_attrs[] = {
    L3_ATTRS(T_IP4, T_IP4MASK), COMMENT_ATTR, A_END
};
static const AttrDesc icmp_attrs[] = {
    L3_ATTRS(T_IP4, T_IP4MASK), A("type", T_U8), AF("code", T_U8, "type"), COMMENT_ATTR,
    A_END
};
static const AttrDesc tcp6_attrs[] = {
    L3_ATTRS(T_IP6, T_IP6MASK), PORT_ATTRS, A("option", T_U8), COMMENT_ATTR, A_END
};
static const AttrDesc udp6_attrs[] = {
    L3_ATTRS(T_IP6, T_IP6MASK), PORT_ATTRS, COMMENT_ATTR, A_END
};
static const AttrDesc l36_attrs[] = {
    L3_ATTRS(T_IP6, T_IP6MASK), COMMENT_ATTR, A_END
};
static const AttrDesc icmp6_attrs[] = {
    L3_ATTRS(T_IP6, T_IP6MASK), A("type", T_U8), AF("code", T_U8, "type"), COMMENT_ATTR,
    A_END
};

/* Indexed by NWFilterProtocol. */
static const AttrDesc *const proto_attrs[NWFILTER_PROTO_LAST] = {
    [NWFILTER_PROTO_MAC] = mac_attrs,
    [NWFILTER_PROTO_VLAN] = vlan_attrs,
    [NWFILTER_PROTO_STP] = stp_attrs,
    [NWFILTER_PROTO_ARP] = arp_attrs,
    [NWFILTER_PROTO_RARP] = arp_attrs,
    [NWFILTER_PROTO_IP] = ip_attrs,
    [NWFILTER_PROTO_IPV6] = ipv6_attrs,
    [NWFILTER_PROTO_TCP] = tcp_attrs,
    [NWFILTER_PROTO_ICMP] = icmp_attrs,
    [NWFILTER_PROTO_IGMP] = l3_attrs,
    [NWFILTER_PROTO_UDP] = udp_attrs,
    [NWFILTER_PROTO_UDPLITE] = l3_attrs,
    [NWFILTER_PROTO_ESP] = l3_attrs,
    [NWFILTER_PROTO_AH] = l3_attrs,
    [NWFILTER_PROTO_SCTP] = udp_attrs,
    [NWFILTER_PROTO_ALL] = l3_attrs,
    [NWFILTER_PROTO_TCP_IPV6] = tcp6_attrs,
    [NWFILTER_PROTO_ICMPV6] = icmp6_attrs,
    [NWFILTER_PROTO_UDP_IPV6] = udp6_attrs,
    [NWFILTER_PROTO_UDPLITE_IPV6] = l36_attrs,
    [NWFILTER_PROTO_ESP_IPV6] = l36_attrs,
    [NWFILTER_PROTO_AH_IPV6] = l36_attrs,
    [NWFILTER_PROTO_SCTP_IPV6] = udp6_attrs,
    [NWFILTER_PROTO_ALL_IPV6] = l36_attrs,
};

/* libvirt tries the protocol element names in this order. */
static const int proto_lookup_order[] = {
    NWFILTER_PROTO_ARP, NWFILTER_PROTO_RARP, NWFILTER_PROTO_MAC, NWFILTER_PROTO_VLAN,
    NWFILTER_PROTO_STP, NWFILTER_PROTO_IP, NWFILTER_PROTO_IPV6, NWFILTER_PROTO_TCP,
    NWFILTER_PROTO_UDP, NWFILTER_PROTO_UDPLITE, NWFILTER_PROTO_ESP, NWFILTER_PROTO_AH,
    NWFILTER_PROTO_SCTP, NWFILTER_PROTO_ICMP, NWFILTER_PROTO_ALL, NWFILTER_PROTO_IGMP,
    NWFILTER_PROTO_TCP_IPV6, NWFILTER_PROTO_UDP_IPV6, NWFILTER_PROTO_UDPLITE_IPV6,
    NWFILTER_PROTO_ESP_IPV6, NWFILTER_PROTO_AH_IPV6, NWFILTER_PROTO_SCTP_IPV6,
    NWFILTER_PROTO_ICMPV6, NWFILTER_PROTO_ALL_IPV6,
};

static size_t
attr_count(const AttrDesc *attrs)
{
    size_t n = 0;

    while (attrs[n].name)
        n++;
    return n;
}

static int
attr_index(const AttrDesc *attrs, const char *name)
{
    for (size_t i = 0; attrs[i].name; i++) {
        if (g_str_equal(attrs[i].name, name))
            return (int) i;
    }
    return -1;
}

/**
 * nwfilter_rule_attr_name() - name of a protocol element attribute
 * @protocol: NWFilterProtocol
 * @idx: index into the rule's attrs
 *
 * Return: the attribute name, or NULL when out of range.
 */
const char *
nwfilter_rule_attr_name(int protocol, size_t idx)
{
    const AttrDesc *attrs;

    if (protocol <= NWFILTER_PROTO_NONE || protocol >= NWFILTER_PROTO_LAST)
        return NULL;
    attrs = proto_attrs[protocol];
    return idx < attr_count(attrs) ? attrs[idx].name : NULL;
}

/* ---- rules ------------------------------------------------------------------------ */

static void
rule_free(NWFilterRule *rule)
{
    if (!rule)
        return;
    for (size_t i = 0; i < rule->nattrs; i++)
        g_free(rule->attrs[i].value);
    g_free(rule->attrs);
    g_free(rule);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(NWFilterRule, rule_free)

/* Read the attributes of one protocol element into @rule. */
static int
rule_parse_element(XmlCtx *ctx, NWFilterRule *rule, xmlNode *elem)
{
    const AttrDesc *attrs = proto_attrs[rule->protocol];
    g_autofree char *match = (char *) xmlGetNoNsProp(elem, BAD_CAST "match");
    bool neg = match && g_str_equal(match, "no");

    for (size_t i = 0; attrs[i].name; i++) {
        g_autofree char *text = (char *) xmlGetNoNsProp(elem, BAD_CAST attrs[i].name);
        NWFilterRuleAttr *a = &rule->attrs[i];
        char *value;

        if (!text)
            continue;
        if (text[0] == '$')
            value = var_ref_valid(text + 1) ? g_strdup(text) : NULL;
        else
            value = attr_normalize(attrs[i].type, text);
        if (!value) {
            xmlmap_report(ctx, VIR_ERR_INTERNAL_ERROR, "%s has illegal value %s",
                          attrs[i].name, text);
            return -1;
        }
        g_free(a->value);
        a->value = value;
        a->set = true;
        a->neg = neg;
    }
    return 0;
}

/* libvirt's fix-ups after reading: linked attributes share their leader's
 * negation, and an ipset gets flags 'src'; any other use of ipset/ipsetflags
 * is dropped (except on all/all-ipv6, which libvirt leaves alone). */
static void
rule_fixup(NWFilterRule *rule)
{
    const AttrDesc *attrs = proto_attrs[rule->protocol];
    int set_idx = attr_index(attrs, "ipset");
    int flags_idx = attr_index(attrs, "ipsetflags");

    for (size_t i = 0; attrs[i].name; i++) {
        int from = attrs[i].neg_from ? attr_index(attrs, attrs[i].neg_from) : -1;

        if (from >= 0)
            rule->attrs[i].neg = rule->attrs[from].neg;
    }
    if (set_idx >= 0 && rule->protocol != NWFILTER_PROTO_ALL &&
        rule->protocol != NWFILTER_PROTO_ALL_IPV6) {
        NWFilterRuleAttr *set = &rule->attrs[set_idx];
        NWFilterRuleAttr *flags = &rule->attrs[flags_idx];

        /* as in libvirt 9.0, giving explicit flags drops both */
        if (set->set && !flags->set) {
            flags->set = true;
            flags->neg = set->neg;
            flags->value = g_strdup("src");
        } else {
            set->set = false;
            flags->set = false;
        }
    }
}

/* IP rules that match ports need a protocol that has ports. */
static int
rule_validate_ports(XmlCtx *ctx, const NWFilterRule *rule)
{
    const AttrDesc *attrs = proto_attrs[rule->protocol];
    static const char *const ports[] = {
        "srcportstart", "srcportend", "dstportstart", "dstportend"
    };
    const NWFilterRuleAttr *proto;
    bool has_port = false;
    bool ok = false;

    if (rule->protocol != NWFILTER_PROTO_IP && rule->protocol != NWFILTER_PROTO_IPV6)
        return 0;
    for (size_t i = 0; i < G_N_ELEMENTS(ports); i++)
        has_port |= rule->attrs[attr_index(attrs, ports[i])].set;
    if (!has_port)
        return 0;
    proto = &rule->attrs[attr_index(attrs, "protocol")];
    if (proto->set && proto->value[0] != '$') {
        const char *v = proto->value;

        ok = g_str_equal(v, "tcp") || g_str_equal(v, "udp") || g_str_equal(v, "sctp") ||
             g_str_equal(v, "33") || g_str_equal(v, "0x21");
    }
    if (!ok) {
        xmlmap_report(ctx, VIR_ERR_INTERNAL_ERROR,
                      "%s rule with port specification requires protocol specification "
                      "with protocol to be either one of tcp(6), udp(17), dccp(33), or "
                      "sctp(132)", rule->protocol == NWFILTER_PROTO_IP ? "IP" : "IPv6");
        return -1;
    }
    return 0;
}

static NWFilterRule *
rule_parse(XmlCtx *ctx, xmlNode *node)
{
    g_autoptr(NWFilterRule) rule = g_new0(NWFilterRule, 1);
    g_autofree char *action = (char *) xmlGetNoNsProp(node, BAD_CAST "action");
    g_autofree char *direction = (char *) xmlGetNoNsProp(node, BAD_CAST "direction");
    g_autofree char *prio = (char *) xmlGetNoNsProp(node, BAD_CAST "priority");
    g_autofree char *statematch = (char *) xmlGetNoNsProp(node, BAD_CAST "statematch");
    const char *proto_name = NULL;
    int prio_v;

    if (!action) {
        xmlmap_report(ctx, VIR_ERR_INTERNAL_ERROR, "rule node requires action attribute");
        return NULL;
    }
    if ((rule->action = nwfilter_action_from_string(action)) < 0) {
        xmlmap_report(ctx, VIR_ERR_CONFIG_UNSUPPORTED, "unknown rule action attribute value");
        return NULL;
    }
    if (!direction) {
        xmlmap_report(ctx, VIR_ERR_INTERNAL_ERROR, "rule node requires direction attribute");
        return NULL;
    }
    if ((rule->direction = nwfilter_direction_from_string(direction)) < 0) {
        xmlmap_report(ctx, VIR_ERR_CONFIG_UNSUPPORTED,
                      "unknown rule direction attribute value");
        return NULL;
    }
    /* an unreadable or out-of-range priority silently means the default */
    rule->priority = NWF_RULE_PRIORITY_DEFAULT;
    if (prio && parse_int(prio, 10, &prio_v) == 0 &&
        prio_v >= NWF_PRIORITY_MIN && prio_v <= NWF_PRIORITY_MAX)
        rule->priority = prio_v;
    if (statematch && (g_str_equal(statematch, "0") ||
                       g_ascii_strcasecmp(statematch, "false") == 0))
        rule->no_statematch = true;

    /* The first child naming a protocol picks it; later children of the same
     * name add (or override) attributes, others are ignored. */
    for (xmlNode *c = node->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (!proto_name) {
            for (size_t i = 0; i < G_N_ELEMENTS(proto_lookup_order); i++) {
                const char *n = nwfilter_protocol_to_string(proto_lookup_order[i]);

                if (xmlStrEqual(c->name, BAD_CAST n)) {
                    proto_name = n;
                    rule->protocol = proto_lookup_order[i];
                    rule->nattrs = attr_count(proto_attrs[rule->protocol]);
                    rule->attrs = g_new0(NWFilterRuleAttr, rule->nattrs);
                    break;
                }
            }
        }
        if (!proto_name || !xmlStrEqual(c->name, BAD_CAST proto_name))
            continue;
        if (rule_parse_element(ctx, rule, c) < 0 || rule_validate_ports(ctx, rule) < 0)
            return NULL;
    }
    if (rule->protocol != NWFILTER_PROTO_NONE)
        rule_fixup(rule);
    return g_steal_pointer(&rule);
}

/* Write the protocol element(s): attributes in table order, a new element
 * each time the negation changes, as libvirt writes them. */
static void
rule_format_protocol(XmlOut *out, const NWFilterRule *rule)
{
    const AttrDesc *attrs = proto_attrs[rule->protocol];
    const char *name = nwfilter_protocol_to_string(rule->protocol);
    enum { MATCH_NONE, MATCH_YES, MATCH_NO } shown = MATCH_NONE;
    bool open = false;
    bool any = false;
    size_t i = 0;

    while (i < rule->nattrs) {
        const NWFilterRuleAttr *a = &rule->attrs[i];

        if (!a->set) {
            i++;
            continue;
        }
        if (!open) {
            xmlout_start(out, name);
            open = any = true;
        }
        if ((a->neg && shown == MATCH_YES) || (!a->neg && shown == MATCH_NO)) {
            xmlout_end(out);
            open = false;
            shown = MATCH_NONE;
            continue;           /* the same attribute opens the next element */
        }
        if (a->neg && shown == MATCH_NONE)
            xmlout_attr(out, "match", "no");
        shown = a->neg ? MATCH_NO : MATCH_YES;
        xmlout_attr(out, attrs[i].name, a->value);
        i++;
    }
    if (open)
        xmlout_end(out);
    if (!any) {
        xmlout_start(out, name);
        xmlout_end(out);
    }
}

static void
rule_format(XmlOut *out, const NWFilterRule *rule)
{
    xmlout_start(out, "rule");
    xmlout_attr(out, "action", nwfilter_action_to_string(rule->action));
    xmlout_attr(out, "direction", nwfilter_direction_to_string(rule->direction));
    xmlout_attr_printf(out, "priority", "%d", rule->priority);
    if (rule->no_statematch)
        xmlout_attr(out, "statematch", "false");
    if (rule->protocol > NWFILTER_PROTO_NONE && rule->protocol < NWFILTER_PROTO_LAST)
        rule_format_protocol(out, rule);
    xmlout_end(out);
}

/* ---- entries ------------------------------------------------------------------------ */

static void
ref_free(gpointer ref)
{
    xmlmap_free(&nwfilter_ref_schema, ref);
}

static void
entries_clear(void *obj)
{
    NWFilterDef *def = obj;

    for (size_t i = 0; i < def->nentries; i++) {
        rule_free(def->entries[i].rule);
        ref_free(def->entries[i].ref);
    }
    g_clear_pointer(&def->entries, g_free);
    def->nentries = 0;
}

static int
entries_parse(XmlCtx *ctx, xmlNode *node, void *obj)
{
    NWFilterDef *def = obj;
    g_autoptr(GArray) entries = g_array_new(FALSE, TRUE, sizeof(NWFilterEntry));
    int r = 0;

    for (xmlNode *c = node->children; c && r == 0; c = c->next) {
        NWFilterEntry e = { 0 };

        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (xmlStrEqual(c->name, BAD_CAST "rule")) {
            xmlmap_ctx_push(ctx, "rule");
            if (!(e.rule = rule_parse(ctx, c)))
                r = -1;
            xmlmap_ctx_pop(ctx);
        } else if (xmlStrEqual(c->name, BAD_CAST "filterref")) {
            e.ref = xmlmap_new(&nwfilter_ref_schema);
            if (xmlmap_parse_into(ctx, &nwfilter_ref_schema, c, e.ref) < 0) {
                r = -1;
            } else if (!e.ref->filter) {
                /* libvirt's wording for a <filterref> without filter= */
                xmlmap_report(ctx, VIR_ERR_INTERNAL_ERROR,
                              "rule node requires action attribute");
                r = -1;
            }
            if (r < 0)
                g_clear_pointer(&e.ref, ref_free);
        } else {
            continue;
        }
        if (r == 0)
            g_array_append_val(entries, e);
    }
    def->nentries = entries->len;
    def->entries = (NWFilterEntry *) (void *) g_array_free(g_steal_pointer(&entries), FALSE);
    if (r < 0)
        return -1;
    return def->nentries > 0;
}

static void
entries_format(XmlOut *out, const void *obj)
{
    const NWFilterDef *def = obj;

    for (size_t i = 0; i < def->nentries; i++) {
        if (def->entries[i].rule)
            rule_format(out, def->entries[i].rule);
        else if (def->entries[i].ref)
            xmlmap_format_element(out, &nwfilter_ref_schema, def->entries[i].ref);
    }
}

static const char *const entries_consumes[] = { "rule", "filterref", NULL };

XML_CUSTOM_DEFINE(entries_custom,
                  "a filter's entries are an ordered mix of <rule> and <filterref>, and a "
                  "rule's protocol element splits by negation and normalizes values per type",
                  .parse = entries_parse, .format_body = entries_format,
                  .clear = entries_clear, .consumes = entries_consumes);

/* ---- <filter> --------------------------------------------------------------------- */

static bool
omit_always(const void *obj, unsigned int flags)
{
    return true;
}

static const XmlField filter_fields[] = {
    XML_ATTR(NWFilterDef, name, "name", string, 0),
    XML_ATTR(NWFilterDef, chain, "chain", string, 0, XML_SEEN(NWFilterDef, chain_seen)),
    /* read as text (for libvirt's messages), written from the number */
    XML_ATTR(NWFilterDef, priority_text, "priority", string, 0, XML_OMIT_IF(omit_always)),
    XML_ATTR(NWFilterDef, priority, "priority", int, XF_FORMAT_ONLY | XF_OMIT_DEFAULT),
    XML_TEXT(NWFilterDef, uuid, "uuid", uuid, XF_KEEP_EMPTY),
    XML_CUSTOM(&entries_custom, 0),
    XML_END
};

/* The default chain priority of each chain name prefix. */
static int
chain_default_priority(const char *chain)
{
    static const struct {
        const char *prefix;
        int priority;
    } prios[] = {
        { "root", 0 }, { "mac", -800 }, { "vlan", -750 }, { "ipv4", -700 },
        { "ipv6", -600 }, { "arp", -500 }, { "rarp", -400 },
    };

    for (size_t i = 0; i < G_N_ELEMENTS(prios); i++) {
        if (g_str_has_prefix(chain, prios[i].prefix))
            return prios[i].priority;
    }
    return 0;
}

static void
filter_post_parse(void *obj)
{
    NWFilterDef *def = obj;
    int prio;

    if (uuid_is_null(def->uuid))
        uuid_generate(def->uuid);
    if (!def->chain) {
        /* without a chain the priority attribute is ignored */
        def->chain = g_strdup("root");
        def->priority = 0;
        return;
    }
    if (def->priority_text && parse_int(def->priority_text, 10, &prio) == 0)
        def->priority = prio;
    else if (!def->priority_text)
        def->priority = chain_default_priority(def->chain);
}

static int
chain_validate(XmlCtx *ctx, const char *chain)
{
    static const char *const prefixes[] = {
        "mac", "vlan", "stp", "arp", "rarp", "ipv4", "ipv6"
    };

    if (strlen(chain) > NWF_CHAIN_MAX) {
        xmlmap_report(ctx, VIR_ERR_INVALID_ARG, "Name of chain is longer than %u characters",
                      NWF_CHAIN_MAX);
        return -1;
    }
    if (!only_chars(chain, NWF_CHAIN_CHARS)) {
        xmlmap_report(ctx, VIR_ERR_INVALID_ARG, "Chain name contains invalid characters");
        return -1;
    }
    if (g_str_equal(chain, "root"))
        return 0;
    for (size_t i = 0; i < G_N_ELEMENTS(prefixes) && !g_str_has_prefix(chain, "root"); i++) {
        if (g_str_has_prefix(chain, prefixes[i]))
            return 0;
    }
    xmlmap_report(ctx, VIR_ERR_INVALID_ARG,
                  "Invalid chain name '%s'. Please use a chain name called 'root' or any of "
                  "the following prefixes: mac, vlan, stp, arp, rarp, ipv4, ipv6", chain);
    return -1;
}

static int
filter_validate(XmlCtx *ctx, const void *obj)
{
    const NWFilterDef *def = obj;
    int prio;

    if (!def->name) {
        xmlmap_report(ctx, VIR_ERR_INTERNAL_ERROR, "filter has no name");
        return -1;
    }
    if (def->chain_seen && def->priority_text) {
        if (parse_int(def->priority_text, 10, &prio) < 0) {
            xmlmap_report(ctx, VIR_ERR_INVALID_ARG, "Could not parse chain priority '%s'",
                          def->priority_text);
            return -1;
        }
        if (prio < NWF_PRIORITY_MIN || prio > NWF_PRIORITY_MAX) {
            xmlmap_report(ctx, VIR_ERR_INVALID_ARG,
                          "Priority '%d' is outside valid range of [%d,%d]",
                          prio, NWF_PRIORITY_MIN, NWF_PRIORITY_MAX);
            return -1;
        }
    }
    if (def->chain_seen && chain_validate(ctx, def->chain) < 0)
        return -1;
    return 0;
}

XML_SCHEMA(nwfilter_def, NWFilterDef, "filter", filter_fields,
           .domain = VIR_FROM_NWFILTER, .doc_label = "(nwfilter_definition)",
           .post_parse = filter_post_parse, .validate = filter_validate);

/**
 * nwfilter_def_parse_string() - parse network filter XML
 * @xml: document text
 * @flags: XMLMAP_PARSE_* (STRICT for VIR_NWFILTER_DEFINE_VALIDATE)
 *
 * Return: the definition, or NULL with a libvirt-style error reported.
 */
NWFilterDef *
nwfilter_def_parse_string(const char *xml, unsigned int flags)
{
    void *def = NULL;

    if (xmlmap_parse_string(&nwfilter_def_schema, xml, &def, flags) < 0)
        return NULL;
    return def;
}

/**
 * nwfilter_def_parse_node() - parse a <filter> element of a larger document
 * @node: the element
 * @flags: XMLMAP_PARSE_*
 *
 * Return: the definition, or NULL with an error reported.
 */
NWFilterDef *
nwfilter_def_parse_node(xmlNode *node, unsigned int flags)
{
    void *def = NULL;

    if (xmlmap_parse_node(&nwfilter_def_schema, node, &def, flags) < 0)
        return NULL;
    return def;
}

/**
 * nwfilter_def_format() - format a network filter definition
 * @def: definition
 * @flags: XMLMAP_FORMAT_* (the format has no mode-dependent parts)
 *
 * Return: the XML text (caller frees).
 */
char *
nwfilter_def_format(const NWFilterDef *def, unsigned int flags)
{
    return xmlmap_format(&nwfilter_def_schema, def, flags);
}

/**
 * nwfilter_def_free() - free a network filter definition
 * @def: definition, may be NULL
 */
void
nwfilter_def_free(NWFilterDef *def)
{
    xmlmap_free(&nwfilter_def_schema, def);
}
