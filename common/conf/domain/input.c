/* common/conf/domain/input.c: the <input> table (pointing devices,
 * keyboards, and host evdev devices passed through). */
#include "config.h"

#define ERR_DOMAIN VIR_FROM_DOMAIN
#include "common/util/err.h"
#include "common/conf/domain/devices.h"

ENUM_STRINGS_STATIC(input_type, 5, "mouse", "tablet", "keyboard", "passthrough", "evdev");
ENUM_STRINGS_STATIC(input_bus, 7, "default", "ps2", "usb", "xen", "parallels", "virtio", "none");
ENUM_STRINGS_STATIC(input_model, 4,
                    "default", "virtio", "virtio-transitional", "virtio-non-transitional");
ENUM_STRINGS_STATIC(input_grab, 2, "default", "all");
ENUM_STRINGS_STATIC(input_grab_toggle, 7,
                    "default", "ctrl-ctrl", "alt-alt", "shift-shift", "meta-meta",
                    "scrolllock", "ctrl-scrolllock");

enum { INPUT_PASSTHROUGH = 3, INPUT_EVDEV = 4 };

static const XmlField input_driver_fields[] = {
    DOMAIN_VIRTIO_FIELDS(DomainInput, virtio),
    XML_END
};
static XML_SCHEMA(input_driver, DomainInput, "driver", input_driver_fields);

static const XmlField input_source_fields[] = {
    XML_ATTR(DomainInput, evdev, "evdev", string, 0),
    XML_ATTR(DomainInput, dev, "dev", string, 0),
    XML_ATTR_ENUM(DomainInput, grab, "grab", input_grab, 0, .min = 1),
    XML_ATTR_ENUM(DomainInput, grab_toggle, "grabToggle", input_grab_toggle, 0, .min = 1),
    XML_ATTR(DomainInput, repeat, "repeat", switch, 0),
    XML_END
};
static XML_SCHEMA(input_source, DomainInput, "source", input_source_fields);

static const XmlField input_fields[] = {
    XML_ATTR_ENUM(DomainInput, type, "type", input_type, XF_REQUIRED,
                  .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_ATTR_ENUM(DomainInput, bus, "bus", input_bus, 0, .min = 1,
                  .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_ATTR_ENUM(DomainInput, model, "model", input_model, 0, .min = 1,
                  .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_GROUP(&input_driver_schema, 0),
    XML_GROUP(&input_source_schema, 0),
    DOMAIN_INFO_FIELDS(DomainInput),
    XML_END
};

static int
input_validate(XmlCtx *ctx, const void *obj)
{
    const DomainInput *in = obj;

    if (in->type == INPUT_PASSTHROUGH && !in->evdev) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "passthrough input in element '%s' needs <source evdev=>",
                      xmlmap_ctx_path(ctx));
        return -1;
    }
    if (in->type == INPUT_EVDEV && !in->dev) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR, "evdev input in element '%s' needs <source dev=>",
                      xmlmap_ctx_path(ctx));
        return -1;
    }
    return 0;
}

XML_SCHEMA(domain_input, DomainInput, "input", input_fields, .validate = input_validate);
