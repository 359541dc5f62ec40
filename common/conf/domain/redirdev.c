/* common/conf/domain/redirdev.c: tables for <redirdev> (a USB device
 * redirected from the client over a character channel), <redirfilter>
 * (which USB devices may be redirected) and <hub>. */
#include "config.h"

#include <string.h>

#define ERR_DOMAIN VIR_FROM_DOMAIN
#include "common/util/err.h"
#include "common/conf/domain/devices.h"

ENUM_STRINGS_STATIC(redirdev_bus, 1, "usb");
ENUM_STRINGS_STATIC(hub_type, 1, "usb");

G_STATIC_ASSERT(offsetof(DomainRedirdev, source) == 0);

static const XmlField redirdev_fields[] = {
    XML_ATTR_ENUM(DomainRedirdev, bus, "bus", redirdev_bus, 0,
                  .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_UNION(DomainRedirdev, source.type, "type", domain_chr_type, domain_chr_cases,
              XF_REQUIRED, .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    DOMAIN_INFO_FIELDS_BOOT(DomainRedirdev),
    XML_END
};

static int
redirdev_validate(XmlCtx *ctx, const void *obj)
{
    return domain_chr_source_validate(ctx, &((const DomainRedirdev *) obj)->source);
}

/* libvirt never writes <redirdev> as an empty element */
XML_SCHEMA(domain_redirdev, DomainRedirdev, "redirdev", redirdev_fields,
           .flags = XS_NO_SELF_CLOSE, .validate = redirdev_validate);

/* ---- <redirfilter> --------------------------------------------------------------- */

/* class/vendor/product are hex numbers or -1 (any); version is a BCD
 * "major.minor" or -1. They are kept as written. */
static const XmlField usbdev_fields[] = {
    XML_ATTR(DomainRedirFilterUsb, usb_class, "class", string, 0),
    XML_ATTR(DomainRedirFilterUsb, vendor, "vendor", string, 0),
    XML_ATTR(DomainRedirFilterUsb, product, "product", string, 0),
    XML_ATTR(DomainRedirFilterUsb, version, "version", string, 0),
    XML_ATTR(DomainRedirFilterUsb, allow, "allow", yesno, XF_REQUIRED),
    XML_END
};

static bool
is_usb_number(const char *s, size_t max_digits)
{
    const char *hex = g_str_has_prefix(s, "0x") ? s + 2 : s;
    size_t n = strlen(hex);

    if (g_str_equal(s, "-1"))
        return true;
    return n > 0 && n <= max_digits && strspn(hex, "0123456789abcdefABCDEF") == n;
}

static bool
is_usb_version(const char *s)
{
    const char *dot = strchr(s, '.');
    size_t major = dot ? (size_t) (dot - s) : 0;

    if (g_str_equal(s, "-1"))
        return true;
    return dot && major >= 1 && major <= 2 && strspn(s, "0123456789") == major &&
           strlen(dot + 1) >= 1 && strlen(dot + 1) <= 2 &&
           strspn(dot + 1, "0123456789") == strlen(dot + 1);
}

static int
usbdev_validate(XmlCtx *ctx, const void *obj)
{
    const DomainRedirFilterUsb *u = obj;
    const char *bad = NULL;
    const char *what = NULL;

    if (u->usb_class && !is_usb_number(u->usb_class, 2))
        bad = u->usb_class, what = "class";
    else if (u->vendor && !is_usb_number(u->vendor, 4))
        bad = u->vendor, what = "vendor";
    else if (u->product && !is_usb_number(u->product, 4))
        bad = u->product, what = "product";
    else if (u->version && !is_usb_version(u->version))
        bad = u->version, what = "version";
    if (bad) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "invalid value '%s' for attribute '%s' of element '%s'",
                      bad, what, xmlmap_ctx_path(ctx));
        return -1;
    }
    return 0;
}
static XML_SCHEMA(usbdev, DomainRedirFilterUsb, "usbdev", usbdev_fields,
                  .validate = usbdev_validate);

static const XmlField redirfilter_fields[] = {
    XML_CHILDREN(DomainRedirFilter, usbdevs, nusbdevs, &usbdev_schema, 0),
    XML_END
};
XML_SCHEMA(domain_redirfilter, DomainRedirFilter, "redirfilter", redirfilter_fields);

/* ---- <hub> --------------------------------------------------------------------------- */

static const XmlField hub_fields[] = {
    XML_ATTR_ENUM(DomainHub, type, "type", hub_type, XF_REQUIRED,
                  .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    DOMAIN_INFO_FIELDS(DomainHub),
    XML_END
};
XML_SCHEMA(domain_hub, DomainHub, "hub", hub_fields);
