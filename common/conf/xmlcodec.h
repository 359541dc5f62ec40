/* common/conf/xmlcodec.h: the value codecs of the XML engine. A codec turns
 * the text of one attribute or element into a typed C value and back. Codecs
 * never report errors themselves: they return a reason and the engine (xmlmap.c)
 * builds one message naming the element path, the attribute and the raw value. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <netinet/in.h>
#include <glib.h>
#include <libxml/tree.h>

typedef struct XmlField XmlField;
typedef struct XmlCodec XmlCodec;

#define XML_MAC_LEN 6

/* An IPv4 or IPv6 address; family 0 means "not set". */
typedef struct {
    int family;                 /* 0, AF_INET or AF_INET6 */
    union {
        struct in_addr v4;
        struct in6_addr v6;
    } u;
} IpAddr;

/* Codec behaviour bits (XmlCodec.flags). */
enum {
    XC_UNSET_OMITTED = 1 << 0,  /* an unset value has no text form: never formatted */
    XC_UNIT          = 1 << 1,  /* formatted with a unit='...' attribute beside it */
};

/* Tri-state values, numerically identical to libvirt's virTristateBool and
 * virTristateSwitch so models can store them in plain ints. */
enum {
    XML_TRISTATE_ABSENT = 0,
    XML_TRISTATE_YES = 1,       /* also "on" */
    XML_TRISTATE_NO = 2,        /* also "off" */
};

struct XmlCodec {
    const char *name;
    size_t size;                /* sizeof the C value (arrays of values in LIST) */
    unsigned int flags;
    /* Parse @text into @slot. @node is the element the value belongs to
     * (codecs with XC_UNIT read its unit= attribute). Return 0, or -1 and
     * set *ret_why to an allocated explanation ("expected yes or no"). */
    int (*parse)(const XmlField *f, xmlNode *node, const char *text, void *slot,
                 char **ret_why);
    /* Append the text form of @slot to @out, already XML-escaped. */
    void (*format)(const XmlField *f, const void *slot, GString *out);
    /* True when @slot holds something other than the zero/unset value. */
    bool (*is_set)(const XmlField *f, const void *slot);
    /* Release what @slot owns (strings); NULL for plain values. */
    void (*clear)(void *slot);
};

/* The codecs. The C type each one binds is given by XML_CTYPE_<name> and is
 * checked at compile time by the field macros in xmlmap.h. */
extern const XmlCodec xml_codec_string;    /* char *                                */
extern const XmlCodec xml_codec_int;       /* int, range [smin, smax]               */
extern const XmlCodec xml_codec_uint;      /* unsigned int, range, base, hex width  */
extern const XmlCodec xml_codec_ulong;     /* unsigned long                         */
extern const XmlCodec xml_codec_ullong;    /* unsigned long long                    */
extern const XmlCodec xml_codec_yesno;     /* bool, yes/no                          */
extern const XmlCodec xml_codec_onoff;     /* bool, on/off                          */
extern const XmlCodec xml_codec_tristate;  /* int XML_TRISTATE_*, yes/no            */
extern const XmlCodec xml_codec_switch;    /* int XML_TRISTATE_*, on/off            */
extern const XmlCodec xml_codec_enum;      /* int, via the field's enum_to/from     */
extern const XmlCodec xml_codec_uuid;      /* unsigned char[16]                     */
extern const XmlCodec xml_codec_mac;       /* unsigned char[6]                      */
extern const XmlCodec xml_codec_ip;        /* IpAddr                                */
extern const XmlCodec xml_codec_scaled;    /* unsigned long long, value + unit=     */
extern const XmlCodec xml_codec_octal;     /* unsigned int, file mode "0755"        */

#define XML_CTYPE_string   char *
#define XML_CTYPE_int      int
#define XML_CTYPE_uint     unsigned int
#define XML_CTYPE_ulong    unsigned long
#define XML_CTYPE_ullong   unsigned long long
#define XML_CTYPE_yesno    bool
#define XML_CTYPE_onoff    bool
#define XML_CTYPE_tristate int
#define XML_CTYPE_switch   int
#define XML_CTYPE_enum     int
#define XML_CTYPE_uuid     unsigned char[16]
#define XML_CTYPE_mac      unsigned char[XML_MAC_LEN]
#define XML_CTYPE_ip       IpAddr
#define XML_CTYPE_scaled   unsigned long long
#define XML_CTYPE_octal    unsigned int

/* Append @s to @out with XML escaping (both for attribute values, which we
 * quote with ', and for element text), the way libvirt escapes: & < > ' " become
 * entities; other control characters than tab/newline/CR are dropped. */
void xml_escape_append(GString *out, const char *s);

/* Scale a number with a unit suffix the way libvirt's size elements do:
 * "" selects @default_scale; b/bytes; k/KiB=1024, KB=1000, and so on up to
 * E/EiB/EB (case-insensitive). The result in bytes is divided by @stored_scale,
 * rounding up. Return 0, -EINVAL for an unknown unit, -ERANGE on overflow or
 * when the size in bytes exceeds @max (0 = no limit). */
int xml_scale_value(unsigned long long value, const char *unit,
                    unsigned long long default_scale, unsigned long long stored_scale,
                    unsigned long long max, unsigned long long *ret);

/* What is wrong with the text of a scaled field (xml_scaled_check()). */
enum {
    XML_SCALED_OK,
    XML_SCALED_BAD_NUMBER,      /* not a non-negative decimal number */
    XML_SCALED_BAD_UNIT,        /* unit= names no known unit */
    XML_SCALED_TOO_LARGE,       /* the size overflows or exceeds the field's max */
};

/* Classify the value @text of scaled field @f on @node (its unit= read
 * too): the number goes to *@ret_value (0 when it is not one) and the unit
 * to *@ret_unit (allocated with libxml2, NULL when absent; free with
 * xmlFree). Return one of XML_SCALED_*. */
int xml_scaled_check(const XmlField *f, xmlNode *node, const char *text,
                     unsigned long long *ret_value, char **ret_unit);

/* Text form of an address (inet_ntop); "" when unset. */
void ip_addr_format(const IpAddr *addr, char buf[INET6_ADDRSTRLEN]);
/* Parse a numeric IPv4 or IPv6 address. Return 0 or -EINVAL. */
int ip_addr_parse(const char *s, IpAddr *ret);
/* True if both are set, of the same family and equal. */
bool ip_addr_equal(const IpAddr *a, const IpAddr *b);
/* Format "aa:bb:cc:dd:ee:ff" (lower case) into @buf (18 bytes). */
void mac_addr_format(const unsigned char mac[XML_MAC_LEN], char buf[18]);
/* Parse six hex octets separated by ':'. Return 0 or -EINVAL. */
int mac_addr_parse(const char *s, unsigned char ret[XML_MAC_LEN]);
