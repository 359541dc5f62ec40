/* common/conf/xmlmap.h: the declarative XML engine (STYLE.md section 4).
 * A model is a C struct plus one table of field descriptors per element; the
 * engine derives parse, validate, format and free from the table. Adding an
 * attribute is one struct member and one XML_ATTR() line (see README.md). */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <glib.h>
#include <libxml/tree.h>

#include "common/conf/xmlcodec.h"

/* Shared here so every model file uses the same definition. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC(xmlDoc, xmlFreeDoc)

typedef struct XmlSchema XmlSchema;
typedef struct XmlUnionCase XmlUnionCase;
typedef struct XmlCustom XmlCustom;
typedef struct XmlCtx XmlCtx;
typedef struct XmlOut XmlOut;

typedef enum {
    XML_KIND_END = 0,
    XML_KIND_ATTR,      /* attribute of this element, via a codec */
    XML_KIND_TEXT,      /* text of child <name>, or of this element when name is NULL */
    XML_KIND_LIST,      /* repeated child <name> each holding one value: array + count */
    XML_KIND_CHILD,     /* optional child element, a pointer to its struct (NULL = absent) */
    XML_KIND_EMBED,     /* child element stored in an embedded struct; omitted when empty.
                         * Its validate hook also runs when the element was absent
                         * (on the zeroed struct): use CHILD when presence matters */
    XML_KIND_CHILDREN,  /* repeated child element: array of structs (or pointers) + count */
    XML_KIND_PRESENCE,  /* empty flag element such as <acpi/>, a bool */
    XML_KIND_UNION,     /* attribute choosing a sub-schema for the rest of this element */
    XML_KIND_RAW,       /* child element kept verbatim (foreign namespaces in <metadata>) */
    XML_KIND_CUSTOM,    /* hand-written hooks; each carries the reason it exists */
    XML_KIND_NSDECL,    /* xmlns:<name>='<ns>' on this element, written when a field of
                         * the same table in that namespace has content */
} XmlKind;

/* XmlField.base value: C literal rules, "0x1f" hex, "017" octal, "15" decimal. */
#define XML_BASE_C 1

/* Field flags. */
enum {
    XF_REQUIRED      = 1 << 0,  /* missing is an error */
    XF_SECRET        = 1 << 1,  /* formatted only with XMLMAP_FORMAT_SECURE */
    XF_LIVE_ONLY     = 1 << 2,  /* runtime state: not parsed with XMLMAP_PARSE_INACTIVE,
                                 * not formatted with XMLMAP_FORMAT_INACTIVE */
    XF_INACTIVE_ONLY = 1 << 3,  /* formatted only with XMLMAP_FORMAT_INACTIVE */
    XF_OMIT_DEFAULT  = 1 << 4,  /* number/enum/bool: not formatted when 0/false */
    XF_NONZERO       = 1 << 5,  /* number: 0 is rejected; mac: multicast rejected */
    XF_NONEMPTY      = 1 << 6,  /* string: "" is rejected */
    XF_NO_MIGRATE    = 1 << 7,  /* not formatted with XMLMAP_FORMAT_MIGRATABLE */
    XF_KEEP_EMPTY    = 1 << 8,  /* EMBED: formatted even when it has no content;
                                 * TEXT: an empty element counts as present ("");
                                 * uuid/mac: the all-zero value is still written */
    XF_PTR_ARRAY     = 1 << 9,  /* CHILDREN: the array holds pointers (T **) */
    XF_FORMAT_ONLY   = 1 << 10, /* output only (sizes, timestamps): never parsed */
};

/* Schema flags. */
enum {
    XS_NO_SELF_CLOSE = 1 << 0,  /* an empty element is written <x>\n</x>, not <x/> */
    XS_SPACE_CLOSE   = 1 << 1,  /* an empty element ends with " />" (libvirt quirk) */
    XS_BLANK_LINES   = 1 << 2,  /* a blank line after the start tag and after each
                                 * child element (<capabilities>) */
};

/* Parse flags. */
enum {
    XMLMAP_PARSE_INACTIVE      = 1 << 0,  /* ignore XF_LIVE_ONLY fields */
    XMLMAP_PARSE_SKIP_VALIDATE = 1 << 1,  /* run post_parse only (loading from disk) */
    XMLMAP_PARSE_STRICT        = 1 << 2,  /* unknown attributes/elements are errors */
};

/* Format flags; values match VIR_DOMAIN_XML_SECURE/INACTIVE/MIGRATABLE. */
enum {
    XMLMAP_FORMAT_SECURE      = 1 << 0,
    XMLMAP_FORMAT_INACTIVE    = 1 << 1,
    XMLMAP_FORMAT_MIGRATABLE  = 1 << 3,
};

struct XmlField {
    XmlKind kind;
    unsigned int flags;
    const char *name;           /* attribute or element name ("pfx:local" with ns) */
    const char *ns;             /* namespace URI of the element; NULL = none. The
                                 * name is then written with its prefix and
                                 * matched on its local part. */
    size_t offset;              /* member in the struct */
    size_t count_offset;        /* LIST/CHILDREN: size_t element count */
    size_t has_offset;          /* 1 + offset of a bool set when present; 0 = none */
    size_t seen_offset;         /* 1 + offset of a bool set by parse only; 0 = none */
    const XmlCodec *codec;      /* ATTR/TEXT/LIST */
    const XmlSchema *schema;    /* CHILD/EMBED/CHILDREN */
    const XmlUnionCase *cases;  /* UNION */
    size_t ncases;
    const XmlCustom *custom;    /* CUSTOM */
    const char *(*enum_to)(int);        /* enum codec and UNION */
    int (*enum_from)(const char *);
    /* codec parameters, all optional */
    unsigned long long min, max;        /* unsigned range; enum value range; 0 = none */
    long long smin, smax;               /* signed range; 0 = none */
    int base;                           /* parse base: 10 (default), 16, 8 or XML_BASE_C */
    int hex;                            /* format 0x%0*x with this width; octal width */
    unsigned long long scale;           /* scaled: unit of the stored value in bytes */
    unsigned long long default_scale;   /* scaled: unit when unit= is absent */
    const char *unit;                   /* scaled: unit= printed on format */
    /* scaled: how a value that is no number is reported. @xpath: as libvirt's
     * generic size parser does, "Invalid value '<text>' for element or
     * attribute '<xpath>'" (XML error, VIR_FROM_XML), @xpath being the one
     * libvirt uses ("./memory[1]"); @bad_number: this fixed message instead
     * (XML error in the parse's domain). Without either, the engine's own
     * message. Unknown units and sizes too large are always reported like
     * libvirt's ("unknown suffix 'x'", "value too large: 5EiB"). */
    const char *xpath;
    const char *bad_number;
    int errcode;                        /* code for a bad value (default XML_ERROR) */
    int missing_code;                   /* code when required and absent, reported with
                                         * no detail ("missing name information", as
                                         * libvirt's VIR_ERR_NO_NAME) */
    /* Child elements told apart by an attribute, like libvirt's nested
     * <capability type='phys_function'>: only elements whose @key_attr equals
     * @key_value match, and formatting writes that attribute first. */
    const char *key_attr;
    const char *key_value;
    /* Optional format predicate on the enclosing struct: true hides the field
     * (libvirt prints some attributes only in some modes). */
    bool (*omit)(const void *obj, unsigned int format_flags);
};

struct XmlSchema {
    const char *name;           /* element name */
    size_t size;                /* sizeof the struct (CHILD/CHILDREN allocate it) */
    const XmlField *fields;
    unsigned int flags;         /* XS_* */
    int domain;                 /* VIR_FROM_* for errors; a root schema sets it */
    const char *doc_label;      /* "(network_definition)" in syntax errors */
    /* Fill defaults after parsing. Must not fail and must not depend on the host. */
    void (*post_parse)(void *obj);
    /* Check rules that can fail; report one error and return -1. */
    int (*validate)(XmlCtx *ctx, const void *obj);
    /* Release members the table does not describe (may be NULL). */
    void (*clear)(void *obj);
};

/* One alternative of a UNION: when the discriminator equals @value the fields
 * of @schema are read from and written to the same element, on the struct that
 * lives @offset bytes into the parent. Values without a case have no extra
 * fields. */
struct XmlUnionCase {
    int value;
    const XmlSchema *schema;
    size_t offset;
};

/* A hand-written part of a table. @why is mandatory (XML_CUSTOM_DEFINE checks
 * it) and says what the declarative kinds cannot express. The hooks receive the
 * whole struct of the enclosing schema. */
struct XmlCustom {
    const char *why;
    /* Return 1 when something was parsed, 0 when absent, -1 on error. */
    int (*parse)(XmlCtx *ctx, xmlNode *node, void *obj);
    void (*format_attrs)(XmlOut *out, const void *obj);   /* may be NULL */
    void (*format_body)(XmlOut *out, const void *obj);    /* may be NULL */
    void (*clear)(void *obj);                             /* may be NULL */
    /* Names the hook reads, for XMLMAP_PARSE_STRICT: "@attr" or "element";
     * NULL-terminated. NULL means "anything goes". */
    const char *const *consumes;
};

/* ---- compile-time type checks ------------------------------------------- */

#define XML_MEMBER(T, fld) (((T *) 0)->fld)
#define XML_IS(T, fld, ctype) __builtin_types_compatible_p(__typeof__(XML_MEMBER(T, fld)), ctype)
/* Evaluates to 0; fails to compile with @msg when @cond is false. */
#define XML_STATIC_CHECK(cond, msg) \
    (0 * sizeof(struct { _Static_assert(cond, msg); int xml_dummy_; }))

#define XML_CHECK_CODEC_string(T, f)   XML_IS(T, f, char *)
#define XML_CHECK_CODEC_int(T, f)      XML_IS(T, f, int)
#define XML_CHECK_CODEC_uint(T, f)     XML_IS(T, f, unsigned int)
#define XML_CHECK_CODEC_ulong(T, f)    XML_IS(T, f, unsigned long)
#define XML_CHECK_CODEC_ullong(T, f)   XML_IS(T, f, unsigned long long)
#define XML_CHECK_CODEC_yesno(T, f)    XML_IS(T, f, bool)
#define XML_CHECK_CODEC_onoff(T, f)    XML_IS(T, f, bool)
/* ints and C enums (GCC makes enums without negative values unsigned int) */
#define XML_CHECK_INTLIKE(T, f)        (XML_IS(T, f, int) || XML_IS(T, f, unsigned int))
#define XML_CHECK_CODEC_tristate(T, f) XML_CHECK_INTLIKE(T, f)
#define XML_CHECK_CODEC_switch(T, f)   XML_CHECK_INTLIKE(T, f)
#define XML_CHECK_CODEC_enum(T, f)     XML_CHECK_INTLIKE(T, f)
#define XML_CHECK_CODEC_uuid(T, f)     XML_IS(T, f, unsigned char[16])
#define XML_CHECK_CODEC_mac(T, f)      XML_IS(T, f, unsigned char[XML_MAC_LEN])
#define XML_CHECK_CODEC_ip(T, f)       XML_IS(T, f, IpAddr)
#define XML_CHECK_CODEC_scaled(T, f)   XML_IS(T, f, unsigned long long)
#define XML_CHECK_CODEC_octal(T, f)    XML_IS(T, f, unsigned int)

#define XML_OFFSET_CODEC(T, fld, cdc) \
    (offsetof(T, fld) + XML_STATIC_CHECK(XML_CHECK_CODEC_##cdc(T, fld), \
        "field '" #fld "' of " #T " does not have the C type codec '" #cdc "' binds"))

#define XML_OFFSET_COUNT(T, cnt) \
    (offsetof(T, cnt) + XML_STATIC_CHECK(XML_IS(T, cnt, size_t), \
        "count field '" #cnt "' of " #T " must be size_t"))

/* ---- field macros --------------------------------------------------------- */
/* The trailing "..." takes designated initializers for codec parameters:
 * XML_ATTR(NetDhcpHost, port, "port", uint, 0, .min = 1, .max = 65535). */

/* attribute @name of this element */
#define XML_ATTR(T, fld, nm, cdc, fl, ...) \
    { .kind = XML_KIND_ATTR, .name = (nm), .codec = &xml_codec_##cdc, \
      .offset = XML_OFFSET_CODEC(T, fld, cdc), .flags = (fl), __VA_ARGS__ }

/* attribute holding an ENUM_STRINGS() value of table @prefix */
#define XML_ATTR_ENUM(T, fld, nm, prefix, fl, ...) \
    { .kind = XML_KIND_ATTR, .name = (nm), .codec = &xml_codec_enum, \
      .offset = XML_OFFSET_CODEC(T, fld, enum), .flags = (fl), \
      .enum_to = prefix##_to_string, .enum_from = prefix##_from_string, __VA_ARGS__ }

/* text of child element <nm>; nm NULL = text of this element */
#define XML_TEXT(T, fld, nm, cdc, fl, ...) \
    { .kind = XML_KIND_TEXT, .name = (nm), .codec = &xml_codec_##cdc, \
      .offset = XML_OFFSET_CODEC(T, fld, cdc), .flags = (fl), __VA_ARGS__ }

#define XML_TEXT_ENUM(T, fld, nm, prefix, fl, ...) \
    { .kind = XML_KIND_TEXT, .name = (nm), .codec = &xml_codec_enum, \
      .offset = XML_OFFSET_CODEC(T, fld, enum), .flags = (fl), \
      .enum_to = prefix##_to_string, .enum_from = prefix##_from_string, __VA_ARGS__ }

/* repeated <nm>value</nm>: ctype *fld; size_t cnt */
#define XML_LIST(T, fld, cnt, nm, cdc, fl, ...) \
    { .kind = XML_KIND_LIST, .name = (nm), .codec = &xml_codec_##cdc, \
      .offset = offsetof(T, fld) + XML_STATIC_CHECK( \
          XML_IS(T, fld, XML_CTYPE_##cdc *), "list '" #fld "' has the wrong element type"), \
      .count_offset = XML_OFFSET_COUNT(T, cnt), .flags = (fl), __VA_ARGS__ }

/* optional child element; the member is a pointer to the sub-schema's struct */
#define XML_CHILD(T, fld, sch, fl, ...) \
    { .kind = XML_KIND_CHILD, .schema = (sch), .offset = offsetof(T, fld) + \
      XML_STATIC_CHECK(sizeof(*XML_MEMBER(T, fld)) > 0, "child needs a pointer member"), \
      .flags = (fl), __VA_ARGS__ }

/* child element stored inline in member @fld */
#define XML_EMBED(T, fld, sch, fl, ...) \
    { .kind = XML_KIND_EMBED, .schema = (sch), .offset = offsetof(T, fld), \
      .flags = (fl), __VA_ARGS__ }

/* child element whose fields live in this same struct (a group such as
 * <bridge name= stp= delay=/> mapped onto flat members of NetDef) */
#define XML_GROUP(sch, fl, ...) \
    { .kind = XML_KIND_EMBED, .schema = (sch), .offset = 0, .flags = (fl), __VA_ARGS__ }

/* repeated child element: S *fld (or S **fld with XF_PTR_ARRAY); size_t cnt */
#define XML_CHILDREN(T, fld, cnt, sch, fl, ...) \
    { .kind = XML_KIND_CHILDREN, .schema = (sch), .offset = offsetof(T, fld), \
      .count_offset = XML_OFFSET_COUNT(T, cnt), .flags = (fl), __VA_ARGS__ }

/* empty flag element <nm/> */
#define XML_PRESENCE(T, fld, nm, fl, ...) \
    { .kind = XML_KIND_PRESENCE, .name = (nm), \
      .offset = offsetof(T, fld) + XML_STATIC_CHECK(XML_IS(T, fld, bool), \
          "presence '" #fld "' must be bool"), .flags = (fl), __VA_ARGS__ }

/* discriminator attribute @nm (an ENUM_STRINGS() value) choosing @cases */
#define XML_UNION(T, fld, nm, prefix, case_array, fl, ...) \
    { .kind = XML_KIND_UNION, .name = (nm), \
      .offset = XML_OFFSET_CODEC(T, fld, enum), .codec = &xml_codec_enum, \
      .enum_to = prefix##_to_string, .enum_from = prefix##_from_string, \
      .cases = (case_array), .ncases = G_N_ELEMENTS(case_array), .flags = (fl), \
      __VA_ARGS__ }

#define XML_CASE(val, T, member, sch) { .value = (val), .schema = (sch), .offset = offsetof(T, member) }
/* a case whose schema describes the parent struct itself */
#define XML_CASE_SAME(val, sch) { .value = (val), .schema = (sch), .offset = 0 }

/* child element <nm> kept verbatim; the member is an xmlNode * owning its doc */
#define XML_RAW(T, fld, nm, fl, ...) \
    { .kind = XML_KIND_RAW, .name = (nm), \
      .offset = offsetof(T, fld) + XML_STATIC_CHECK(XML_IS(T, fld, xmlNode *), \
          "raw '" #fld "' must be xmlNode *"), .flags = (fl), __VA_ARGS__ }

#define XML_CUSTOM(cust, fl, ...) \
    { .kind = XML_KIND_CUSTOM, .custom = (cust), .flags = (fl), __VA_ARGS__ }

/* namespace declaration xmlns:@prefix='@uri', see XML_KIND_NSDECL */
#define XML_NSDECL(prefix, uri) { .kind = XML_KIND_NSDECL, .name = (prefix), .ns = (uri) }

#define XML_END { .kind = XML_KIND_END }

/* Mark the field present/absent in bool member @fld of the same struct; the
 * field is formatted exactly when that member is true (an EMBED/GROUP then
 * even when empty). */
#define XML_HAS(T, fld) \
    .has_offset = offsetof(T, fld) + 1 + XML_STATIC_CHECK(XML_IS(T, fld, bool), \
        "presence flag '" #fld "' must be bool")

/* Record in bool member @fld whether the parse saw the field (formatting
 * ignores it): for post_parse defaults and validation rules. */
#define XML_SEEN(T, fld) \
    .seen_offset = offsetof(T, fld) + 1 + XML_STATIC_CHECK(XML_IS(T, fld, bool), \
        "seen flag '" #fld "' must be bool")

/* Match only child elements with @attr='@value' (and write it back). */
#define XML_KEY(attr, value) .key_attr = (attr), .key_value = (value)

/* Hide the field on format when @fn(obj, format_flags) returns true. */
#define XML_OMIT_IF(fn) .omit = (fn)

/* Define an XmlCustom; @reason must say why the table cannot express it. */
#define XML_CUSTOM_DEFINE(var, reason, ...) \
    _Static_assert(sizeof(reason) > 24, "XML_CUSTOM needs a real reason"); \
    static const XmlCustom var = { .why = reason, __VA_ARGS__ }

/* Define `const XmlSchema <var>_schema` for struct @T and element @elem. */
#define XML_SCHEMA(var, T, elem, field_table, ...) \
    const XmlSchema var##_schema = { .name = (elem), .size = sizeof(T), \
                                     .fields = (field_table), __VA_ARGS__ }

/* ---- the engine ------------------------------------------------------------ */

void *xmlmap_new(const XmlSchema *s);
int xmlmap_parse_string(const XmlSchema *s, const char *xml, void **ret_obj,
                        unsigned int flags);
int xmlmap_parse_node(const XmlSchema *s, xmlNode *node, void **ret_obj,
                      unsigned int flags);
int xmlmap_parse_into(XmlCtx *ctx, const XmlSchema *s, xmlNode *node, void *obj);
int xmlmap_validate(const XmlSchema *s, const void *obj, unsigned int flags);
char *xmlmap_format(const XmlSchema *s, const void *obj, unsigned int flags);
void xmlmap_format_element(XmlOut *out, const XmlSchema *s, const void *obj);
void xmlmap_format_element_keyed(XmlOut *out, const XmlSchema *s, const void *obj,
                                 const char *key_attr, const char *key_value);
void xmlmap_free(const XmlSchema *s, void *obj);
void xmlmap_clear(const XmlSchema *s, void *obj);
void *xmlmap_copy(const XmlSchema *s, const void *obj);
int xmlmap_read_doc(const char *xml, const char *label, int domain, xmlDoc **ret_doc);

/* ---- parse context (for CUSTOM and validate hooks) ------------------------- */

unsigned int xmlmap_ctx_flags(const XmlCtx *ctx);
const char *xmlmap_ctx_path(const XmlCtx *ctx);
int xmlmap_ctx_domain(const XmlCtx *ctx);
void xmlmap_ctx_push(XmlCtx *ctx, const char *elem);
void xmlmap_ctx_pop(XmlCtx *ctx);
/* Report @code in the context's error domain. */
void xmlmap_report(XmlCtx *ctx, int code, const char *fmt, ...) G_GNUC_PRINTF(3, 4);
/* Parse @text with the field's codec into @slot, reporting a bad value with
 * the element path and @what ("attribute 'x'"). Return 0 or -1. */
int xmlmap_parse_value(XmlCtx *ctx, const XmlField *f, xmlNode *node,
                       const char *text, void *slot);

/* ---- output (for CUSTOM hooks and hand-written formatters) ------------------- */

XmlOut *xmlout_new(unsigned int flags);
char *xmlout_finish(XmlOut *out);

unsigned int xmlout_flags(const XmlOut *out);
void xmlout_start(XmlOut *out, const char *name);
void xmlout_attr(XmlOut *out, const char *name, const char *value);
void xmlout_attr_printf(XmlOut *out, const char *name, const char *fmt, ...)
    G_GNUC_PRINTF(3, 4);
void xmlout_text(XmlOut *out, const char *text);
void xmlout_end(XmlOut *out);
void xmlout_text_element(XmlOut *out, const char *name, const char *text);
void xmlout_field_value(XmlOut *out, const XmlField *f, const void *slot);
void xmlout_node(XmlOut *out, xmlNode *node);
