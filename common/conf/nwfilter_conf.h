/* common/conf/nwfilter_conf.h: the network filter <filter> XML model
 * (libvirt's nwfilter format): a named chain of rules and references to other
 * filters, plus the <filterref> element shared with filter bindings. Rule
 * attribute values are kept in libvirt's normalized text form; nothing here
 * instantiates a filter. */
#pragma once

#include <stdbool.h>
#include <glib.h>

#include "common/conf/xmlmap.h"
#include "common/util/enumstr.h"

/* ---- <filterref filter='...'><parameter name= value=/></filterref> ---- */

typedef struct {
    char *name;
    char *value;
} NWFilterParam;

typedef struct {
    char *filter;
    NWFilterParam *params;          /* sorted by name; same names keep their order */
    size_t nparams;
} NWFilterRef;

/* <filterref>; invalid parameters are dropped, as libvirt does */
extern const XmlSchema nwfilter_ref_schema;

/* ---- <filter> -------------------------------------------------------------- */

typedef enum {
    NWFILTER_ACTION_DROP,
    NWFILTER_ACTION_ACCEPT,
    NWFILTER_ACTION_REJECT,
    NWFILTER_ACTION_RETURN,
    NWFILTER_ACTION_CONTINUE,
    NWFILTER_ACTION_LAST
} NWFilterAction;
ENUM_STRINGS_DECL(nwfilter_action);

typedef enum {
    NWFILTER_DIR_IN,
    NWFILTER_DIR_OUT,
    NWFILTER_DIR_INOUT,
    NWFILTER_DIR_LAST
} NWFilterDirection;
ENUM_STRINGS_DECL(nwfilter_direction);

typedef enum {
    NWFILTER_PROTO_NONE,
    NWFILTER_PROTO_MAC,
    NWFILTER_PROTO_VLAN,
    NWFILTER_PROTO_STP,
    NWFILTER_PROTO_ARP,
    NWFILTER_PROTO_RARP,
    NWFILTER_PROTO_IP,
    NWFILTER_PROTO_IPV6,
    NWFILTER_PROTO_TCP,
    NWFILTER_PROTO_ICMP,
    NWFILTER_PROTO_IGMP,
    NWFILTER_PROTO_UDP,
    NWFILTER_PROTO_UDPLITE,
    NWFILTER_PROTO_ESP,
    NWFILTER_PROTO_AH,
    NWFILTER_PROTO_SCTP,
    NWFILTER_PROTO_ALL,
    NWFILTER_PROTO_TCP_IPV6,
    NWFILTER_PROTO_ICMPV6,
    NWFILTER_PROTO_UDP_IPV6,
    NWFILTER_PROTO_UDPLITE_IPV6,
    NWFILTER_PROTO_ESP_IPV6,
    NWFILTER_PROTO_AH_IPV6,
    NWFILTER_PROTO_SCTP_IPV6,
    NWFILTER_PROTO_ALL_IPV6,
    NWFILTER_PROTO_LAST
} NWFilterProtocol;
ENUM_STRINGS_DECL(nwfilter_protocol);

/* One attribute of a rule's protocol element. */
typedef struct {
    bool set;
    bool neg;                       /* written under match='no' */
    char *value;                    /* normalized text; "$NAME..." for variables */
} NWFilterRuleAttr;

typedef struct {
    int action;                     /* NWFilterAction */
    int direction;                  /* NWFilterDirection */
    int priority;                   /* -1000..1000, 500 by default */
    bool no_statematch;             /* statematch='false' */
    int protocol;                   /* NWFilterProtocol; NONE = no element */
    NWFilterRuleAttr *attrs;        /* indexed like the protocol's attribute table */
    size_t nattrs;
} NWFilterRule;

/* An entry is either a rule or a reference to another filter. */
typedef struct {
    NWFilterRule *rule;
    NWFilterRef *ref;
} NWFilterEntry;

typedef struct {
    char *name;
    unsigned char uuid[16];
    char *chain;                    /* "root" when not given */
    bool chain_seen;
    char *priority_text;            /* as written; parse only */
    int priority;                   /* chain priority; 0 is not written */
    NWFilterEntry *entries;
    size_t nentries;
} NWFilterDef;

extern const XmlSchema nwfilter_def_schema;

NWFilterDef *nwfilter_def_parse_string(const char *xml, unsigned int flags);
NWFilterDef *nwfilter_def_parse_node(xmlNode *node, unsigned int flags);
char *nwfilter_def_format(const NWFilterDef *def, unsigned int flags);
void nwfilter_def_free(NWFilterDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(NWFilterDef, nwfilter_def_free)

/* Name of attribute @idx of @protocol's element, or NULL. */
const char *nwfilter_rule_attr_name(int protocol, size_t idx);
