/* common/conf/domain/video.c: the <video> table (the emulated display
 * adapter: model, memory sizes, heads, acceleration). */
#include "config.h"

#define ERR_DOMAIN VIR_FROM_DOMAIN
#include "common/util/err.h"
#include "common/conf/domain/devices.h"

ENUM_STRINGS_STATIC(video_model, 13,
                    "default", "vga", "cirrus", "vmvga", "xen", "vbox", "qxl", "parallels",
                    "virtio", "gop", "none", "bochs", "ramfb");
ENUM_STRINGS_STATIC(video_backend, 3, "default", "qemu", "vhostuser");
ENUM_STRINGS_STATIC(video_vgaconf, 4, "default", "io", "on", "off");

enum { VIDEO_NONE = 10 };

static const XmlField video_driver_fields[] = {
    DOMAIN_VIRTIO_FIELDS(DomainVideo, virtio),
    XML_ATTR(DomainVideo, driver_name, "name", string, 0),
    XML_ATTR_ENUM(DomainVideo, backend, "type", video_backend, 0, .min = 1),
    XML_ATTR_ENUM(DomainVideo, vgaconf, "vgaconf", video_vgaconf, 0, .min = 1),
    XML_END
};
static XML_SCHEMA(video_driver, DomainVideo, "driver", video_driver_fields);

static const XmlField accel_fields[] = {
    XML_ATTR(DomainVideo, accel3d, "accel3d", tristate, 0),
    XML_ATTR(DomainVideo, accel2d, "accel2d", tristate, 0),
    XML_ATTR(DomainVideo, rendernode, "rendernode", string, 0),
    XML_END
};
static XML_SCHEMA(accel, DomainVideo, "acceleration", accel_fields);

static const XmlField resolution_fields[] = {
    XML_ATTR(DomainVideo, res_x, "x", uint, XF_REQUIRED | XF_NONZERO | XF_OMIT_DEFAULT),
    XML_ATTR(DomainVideo, res_y, "y", uint, XF_REQUIRED | XF_NONZERO | XF_OMIT_DEFAULT),
    XML_END
};
static XML_SCHEMA(resolution, DomainVideo, "resolution", resolution_fields);

static const XmlField video_model_fields[] = {
    XML_ATTR_ENUM(DomainVideo, model, "type", video_model, 0, .min = 1,
                  .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_ATTR(DomainVideo, ram, "ram", uint, XF_OMIT_DEFAULT),
    XML_ATTR(DomainVideo, vram, "vram", uint, XF_OMIT_DEFAULT),
    XML_ATTR(DomainVideo, vram64, "vram64", uint, XF_OMIT_DEFAULT),
    XML_ATTR(DomainVideo, vgamem, "vgamem", uint, XF_OMIT_DEFAULT),
    XML_ATTR(DomainVideo, heads, "heads", uint, XF_OMIT_DEFAULT),
    XML_ATTR(DomainVideo, primary, "primary", yesno, XF_OMIT_DEFAULT),
    XML_GROUP(&accel_schema, 0),
    XML_GROUP(&resolution_schema, 0),
    XML_END
};
static XML_SCHEMA(video_model, DomainVideo, "model", video_model_fields);

static const XmlField video_fields[] = {
    XML_GROUP(&video_driver_schema, 0),
    XML_GROUP(&video_model_schema, 0),
    DOMAIN_INFO_FIELDS(DomainVideo),
    XML_END
};
XML_SCHEMA(domain_video, DomainVideo, "video", video_fields);
