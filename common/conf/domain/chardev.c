/* common/conf/domain/chardev.c: tables for the character source (type= and
 * the <source>/<protocol>/<log> it implies) and for <serial>, <parallel>,
 * <console> and <channel>. The source tables are shared with <redirdev>,
 * <smartcard> and the <rng> egd backend. */
#include "config.h"

#define ERR_DOMAIN VIR_FROM_DOMAIN
#include "common/util/err.h"
#include "common/conf/domain/devices.h"

ENUM_STRINGS(domain_chr_type, CHR_TYPE_LAST,
             "null", "vc", "pty", "dev", "file", "pipe", "stdio", "udp", "tcp", "unix",
             "spicevmc", "spiceport", "nmdm", "qemu-vdagent", "dbus");
ENUM_STRINGS_STATIC(chr_mode, CHR_MODE_LAST, "connect", "bind");
ENUM_STRINGS_STATIC(chr_tcp_protocol, 4, "raw", "telnet", "telnets", "tls");
ENUM_STRINGS_STATIC(chr_mouse_mode, 3, "default", "server", "client");
ENUM_STRINGS_STATIC(chr_serial_target, 8,
                    "none", "isa-serial", "usb-serial", "pci-serial", "spapr-vio-serial",
                    "system-serial", "sclp-serial", "isa-debug");
ENUM_STRINGS_STATIC(chr_serial_model, 10,
                    "none", "isa-serial", "usb-serial", "pci-serial", "spapr-vty", "pl011",
                    "16550a", "sclpconsole", "sclplmconsole", "isa-debugcon");
ENUM_STRINGS_STATIC(chr_console_target, 9,
                    "none", "serial", "xen", "uml", "virtio", "lxc", "openvz", "sclp", "sclplm");
ENUM_STRINGS_STATIC(chr_channel_target, 4, "none", "guestfwd", "virtio", "xen");
ENUM_STRINGS_STATIC(chr_channel_state, 3, "default", "connected", "disconnected");

/* ---- the pieces of a <source> ---------------------------------------------------- */

static const XmlField chr_reconnect_fields[] = {
    XML_ATTR(DomainChrSource, reconnect_enabled, "enabled", tristate, XF_REQUIRED),
    XML_ATTR(DomainChrSource, reconnect_timeout, "timeout", uint, XF_OMIT_DEFAULT),
    XML_END
};
static XML_SCHEMA(chr_reconnect, DomainChrSource, "reconnect", chr_reconnect_fields);

#define CHR_SECLABELS \
    XML_CHILDREN(DomainChrSource, seclabels, nseclabels, &chr_seclabel_schema, 0)

/* same layout as a disk's per-device <seclabel> */
static const XmlField chr_seclabel_fields[] = {
    XML_ATTR(DomainDevSeclabel, model, "model", string, 0),
    XML_ATTR(DomainDevSeclabel, relabel, "relabel", tristate, 0),
    XML_ATTR(DomainDevSeclabel, labelskip, "labelskip", tristate, 0),
    XML_TEXT(DomainDevSeclabel, label, "label", string, 0),
    XML_END
};
static XML_SCHEMA(chr_seclabel, DomainDevSeclabel, "seclabel", chr_seclabel_fields);

static const XmlField vdagent_clip_fields[] = {
    XML_ATTR(DomainChrSource, clipboard_copypaste, "copypaste", tristate, XF_REQUIRED),
    XML_END
};
static XML_SCHEMA(vdagent_clip, DomainChrSource, "clipboard", vdagent_clip_fields);

static const XmlField vdagent_mouse_fields[] = {
    XML_ATTR_ENUM(DomainChrSource, mouse_mode, "mode", chr_mouse_mode, XF_REQUIRED, .min = 1),
    XML_END
};
static XML_SCHEMA(vdagent_mouse, DomainChrSource, "mouse", vdagent_mouse_fields);

static const XmlField udp_source_fields[] = {
    XML_ATTR_ENUM(DomainChrUdpSource, mode, "mode", chr_mode, 0),
    XML_ATTR(DomainChrUdpSource, host, "host", string, 0),
    XML_ATTR(DomainChrUdpSource, service, "service", string, 0),
    XML_END
};
static XML_SCHEMA(udp_source, DomainChrUdpSource, "source", udp_source_fields);

static const XmlField tcp_protocol_fields[] = {
    XML_ATTR_ENUM(DomainChrSource, protocol, "type", chr_tcp_protocol, 0,
                  .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_END
};
static XML_SCHEMA(tcp_protocol, DomainChrSource, "protocol", tcp_protocol_fields);

/* ---- one case table per source type ---------------------------------------------- */

#define CHR_CASE(kind, ...) \
    static const XmlField src_##kind##_fields[] = { __VA_ARGS__, XML_END }; \
    static XML_SCHEMA(src_##kind, DomainChrSource, "source", src_##kind##_fields)

CHR_CASE(pty,
         XML_ATTR(DomainChrSource, path, "path", string, XF_LIVE_ONLY),
         CHR_SECLABELS);
CHR_CASE(path,
         XML_ATTR(DomainChrSource, path, "path", string, XF_REQUIRED),
         CHR_SECLABELS);
CHR_CASE(file,
         XML_ATTR(DomainChrSource, path, "path", string, XF_REQUIRED),
         XML_ATTR(DomainChrSource, append, "append", switch, 0),
         CHR_SECLABELS);
/* a unix socket without a path (the driver picks one) writes no mode */
static bool
no_path(const void *obj, unsigned int flags)
{
    return !((const DomainChrSource *) obj)->path;
}

CHR_CASE(unix,
         XML_ATTR_ENUM(DomainChrSource, mode, "mode", chr_mode, 0, XML_OMIT_IF(no_path)),
         XML_ATTR(DomainChrSource, path, "path", string, 0),
         XML_GROUP(&chr_reconnect_schema, 0),
         CHR_SECLABELS);
CHR_CASE(tcp,
         XML_ATTR_ENUM(DomainChrSource, mode, "mode", chr_mode, 0),
         XML_ATTR(DomainChrSource, host, "host", string, 0),
         XML_ATTR(DomainChrSource, service, "service", string, XF_REQUIRED),
         XML_ATTR(DomainChrSource, tls, "tls", tristate, 0),
         XML_GROUP(&chr_reconnect_schema, 0));
CHR_CASE(channel,
         XML_ATTR(DomainChrSource, channel, "channel", string, XF_REQUIRED));
CHR_CASE(nmdm,
         XML_ATTR(DomainChrSource, master, "master", string, XF_REQUIRED),
         XML_ATTR(DomainChrSource, slave, "slave", string, XF_REQUIRED));
CHR_CASE(vdagent,
         XML_GROUP(&vdagent_clip_schema, 0),
         XML_GROUP(&vdagent_mouse_schema, 0));

/* The element carrying type= sees these fields: attributes that belong on
 * it (tty=) and the <source>/<protocol> children. */
#define CHR_TYPE_CASE(kind, ...) \
    static const XmlField type_##kind##_fields[] = { __VA_ARGS__, XML_END }; \
    static XML_SCHEMA(type_##kind, DomainChrSource, "source", type_##kind##_fields)

CHR_TYPE_CASE(pty,
              XML_ATTR(DomainChrSource, tty, "tty", string, XF_LIVE_ONLY),
              XML_GROUP(&src_pty_schema, 0));
CHR_TYPE_CASE(path, XML_GROUP(&src_path_schema, XF_REQUIRED));
CHR_TYPE_CASE(file, XML_GROUP(&src_file_schema, XF_REQUIRED));
CHR_TYPE_CASE(unix, XML_GROUP(&src_unix_schema, 0));   /* path checked in validate */
CHR_TYPE_CASE(tcp,
              XML_GROUP(&src_tcp_schema, XF_REQUIRED),
              XML_GROUP(&tcp_protocol_schema, XF_KEEP_EMPTY));
CHR_TYPE_CASE(udp,
              XML_CHILDREN(DomainChrSource, udp, nudp, &udp_source_schema, 0));
CHR_TYPE_CASE(channel, XML_GROUP(&src_channel_schema, XF_REQUIRED));
CHR_TYPE_CASE(nmdm, XML_GROUP(&src_nmdm_schema, XF_REQUIRED));
CHR_TYPE_CASE(vdagent, XML_GROUP(&src_vdagent_schema, 0));

const XmlUnionCase domain_chr_cases[DOMAIN_CHR_NCASES] = {
    XML_CASE_SAME(CHR_TYPE_NULL, NULL),
    XML_CASE_SAME(CHR_TYPE_VC, NULL),
    XML_CASE_SAME(CHR_TYPE_PTY, &type_pty_schema),
    XML_CASE_SAME(CHR_TYPE_DEV, &type_path_schema),
    XML_CASE_SAME(CHR_TYPE_FILE, &type_file_schema),
    XML_CASE_SAME(CHR_TYPE_PIPE, &type_path_schema),
    XML_CASE_SAME(CHR_TYPE_STDIO, NULL),
    XML_CASE_SAME(CHR_TYPE_UDP, &type_udp_schema),
    XML_CASE_SAME(CHR_TYPE_TCP, &type_tcp_schema),
    XML_CASE_SAME(CHR_TYPE_UNIX, &type_unix_schema),
    XML_CASE_SAME(CHR_TYPE_SPICEVMC, NULL),
    XML_CASE_SAME(CHR_TYPE_SPICEPORT, &type_channel_schema),
    XML_CASE_SAME(CHR_TYPE_NMDM, &type_nmdm_schema),
    XML_CASE_SAME(CHR_TYPE_QEMU_VDAGENT, &type_vdagent_schema),
    XML_CASE_SAME(CHR_TYPE_DBUS, &type_channel_schema),
};

static const XmlField chr_log_fields[] = {
    XML_ATTR(DomainChrSource, log_file, "file", string, XF_REQUIRED),
    XML_ATTR(DomainChrSource, log_append, "append", switch, 0),
    XML_END
};
XML_SCHEMA(domain_chr_log, DomainChrSource, "log", chr_log_fields);

/* ---- the four character devices ------------------------------------------------------- */

G_STATIC_ASSERT(offsetof(DomainChr, source) == 0);

#define CHR_HEAD \
    XML_UNION(DomainChr, source.type, "type", domain_chr_type, domain_chr_cases, \
              XF_REQUIRED, .errcode = VIR_ERR_CONFIG_UNSUPPORTED), \
    XML_EMBED(DomainChr, source, &domain_chr_log_schema, 0)

#define CHR_PORT \
    XML_ATTR(DomainChr, target_port, "port", uint, 0, XML_HAS(DomainChr, has_target_port))

static const XmlField serial_model_fields[] = {
    XML_ATTR_ENUM(DomainChr, target_model, "name", chr_serial_model, XF_REQUIRED, .min = 1,
                  .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_END
};
static XML_SCHEMA(serial_model, DomainChr, "model", serial_model_fields);

static const XmlField serial_target_fields[] = {
    XML_ATTR_ENUM(DomainChr, target_type, "type", chr_serial_target, 0, .min = 1,
                  .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    CHR_PORT,
    XML_GROUP(&serial_model_schema, 0),
    XML_END
};
static XML_SCHEMA(serial_target, DomainChr, "target", serial_target_fields);

static const XmlField parallel_target_fields[] = { CHR_PORT, XML_END };
static XML_SCHEMA(parallel_target, DomainChr, "target", parallel_target_fields);

static const XmlField console_target_fields[] = {
    XML_ATTR_ENUM(DomainChr, target_type, "type", chr_console_target, 0, .min = 1,
                  .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    CHR_PORT,
    XML_END
};
static XML_SCHEMA(console_target, DomainChr, "target", console_target_fields);

/* guestfwd uses address/port, virtio and xen use name (and virtio state) */
static const XmlField channel_target_fields[] = {
    XML_ATTR_ENUM(DomainChr, target_type, "type", chr_channel_target, XF_REQUIRED, .min = 1,
                  .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_ATTR(DomainChr, target_name, "name", string, 0),
    XML_ATTR(DomainChr, target_address, "address", ip, 0),
    XML_ATTR(DomainChr, target_fwd_port, "port", string, 0),
    XML_ATTR_ENUM(DomainChr, target_state, "state", chr_channel_state, XF_LIVE_ONLY, .min = 1),
    XML_END
};
static XML_SCHEMA(channel_target, DomainChr, "target", channel_target_fields);

static const XmlField serial_fields[] = {
    CHR_HEAD, XML_GROUP(&serial_target_schema, 0), DOMAIN_INFO_FIELDS(DomainChr), XML_END
};
static const XmlField parallel_fields[] = {
    CHR_HEAD, XML_GROUP(&parallel_target_schema, 0), DOMAIN_INFO_FIELDS(DomainChr), XML_END
};
static const XmlField console_fields[] = {
    CHR_HEAD, XML_GROUP(&console_target_schema, 0), DOMAIN_INFO_FIELDS(DomainChr), XML_END
};
static const XmlField channel_fields[] = {
    CHR_HEAD, XML_GROUP(&channel_target_schema, XF_REQUIRED), DOMAIN_INFO_FIELDS(DomainChr),
    XML_END
};

/* @path_optional: a unix socket may leave its path to the hypervisor (virtio
 * channels, whose path the driver generates) */
static int
chr_source_check(XmlCtx *ctx, const DomainChrSource *src, bool path_optional)
{
    bool seen[CHR_MODE_LAST] = { false };

    if (src->type == CHR_TYPE_UNIX && !src->path && !path_optional) {
        xmlmap_report(ctx, VIR_ERR_INTERNAL_ERROR,
                      "missing source path attribute for the unix character device in "
                      "element '%s'", xmlmap_ctx_path(ctx));
        return -1;
    }
    if (src->type != CHR_TYPE_UDP)
        return 0;
    for (size_t i = 0; i < src->nudp; i++) {
        if (seen[src->udp[i].mode]) {
            xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                          "more than one udp <source> with the same mode in element '%s'",
                          xmlmap_ctx_path(ctx));
            return -1;
        }
        seen[src->udp[i].mode] = true;
    }
    if (!seen[CHR_MODE_CONNECT]) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "udp character device in element '%s' needs a <source mode='connect'>",
                      xmlmap_ctx_path(ctx));
        return -1;
    }
    return 0;
}

int
domain_chr_source_validate(XmlCtx *ctx, const DomainChrSource *src)
{
    return chr_source_check(ctx, src, false);
}

static int
chr_validate(XmlCtx *ctx, const void *obj)
{
    return domain_chr_source_validate(ctx, &((const DomainChr *) obj)->source);
}

/* Each channel target type has its own required attributes. */
static int
channel_validate(XmlCtx *ctx, const void *obj)
{
    const DomainChr *chr = obj;

    if (chr_source_check(ctx, &chr->source, chr->target_type == CHR_CHANNEL_TARGET_VIRTIO) < 0)
        return -1;
    if (chr->target_type == CHR_CHANNEL_TARGET_GUESTFWD &&
        (!chr->target_address.family || !chr->target_fwd_port)) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "guestfwd channel target in element '%s' needs an address and a port",
                      xmlmap_ctx_path(ctx));
        return -1;
    }
    if (chr->target_type != CHR_CHANNEL_TARGET_GUESTFWD &&
        (chr->target_address.family || chr->target_fwd_port)) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "only guestfwd channel targets take an address and a port (element "
                      "'%s')", xmlmap_ctx_path(ctx));
        return -1;
    }
    return 0;
}

XML_SCHEMA(domain_serial, DomainChr, "serial", serial_fields, .validate = chr_validate);
XML_SCHEMA(domain_parallel, DomainChr, "parallel", parallel_fields, .validate = chr_validate);
XML_SCHEMA(domain_console, DomainChr, "console", console_fields, .validate = chr_validate);
XML_SCHEMA(domain_channel, DomainChr, "channel", channel_fields,
           .validate = channel_validate);
