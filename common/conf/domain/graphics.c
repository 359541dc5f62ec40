/* common/conf/domain/graphics.c: the <graphics> table. type= picks the
 * attributes and children of each display protocol; <listen> children and
 * the password (written only with the secure flag) are shared. */
#include "config.h"

#define ERR_DOMAIN VIR_FROM_DOMAIN
#include "common/util/err.h"
#include "common/conf/domain/devices.h"

typedef enum {
    GFX_SDL, GFX_VNC, GFX_RDP, GFX_DESKTOP, GFX_SPICE, GFX_EGL_HEADLESS, GFX_DBUS, GFX_LAST
} GfxType;

ENUM_STRINGS_STATIC(gfx_type, GFX_LAST,
                    "sdl", "vnc", "rdp", "desktop", "spice", "egl-headless", "dbus");
ENUM_STRINGS_STATIC(gfx_listen_type, 4, "none", "address", "network", "socket");
ENUM_STRINGS_STATIC(gfx_share_policy, 4, "default", "allow-exclusive", "force-shared", "ignore");
ENUM_STRINGS_STATIC(gfx_connected, 4, "default", "fail", "disconnect", "keep");
ENUM_STRINGS_STATIC(gfx_mode, 3, "any", "secure", "insecure");
ENUM_STRINGS_STATIC(gfx_channel, 8,
                    "main", "display", "inputs", "cursor", "playback", "record", "smartcard",
                    "usbredir");
ENUM_STRINGS_STATIC(gfx_image, 7, "default", "auto_glz", "auto_lz", "quic", "glz", "lz", "off");
ENUM_STRINGS_STATIC(gfx_jpeg, 4, "default", "auto", "never", "always");
ENUM_STRINGS_STATIC(gfx_streaming, 4, "default", "filter", "all", "off");
ENUM_STRINGS_STATIC(gfx_mouse, 3, "default", "server", "client");

enum { LISTEN_ADDRESS = 1, LISTEN_NETWORK = 2, LISTEN_SOCKET = 3 };

/* ---- shared children ----------------------------------------------------------------- */

static const XmlField listen_fields[] = {
    XML_ATTR_ENUM(DomainGraphicsListen, type, "type", gfx_listen_type, XF_REQUIRED,
                  .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_ATTR(DomainGraphicsListen, address, "address", string, 0),
    XML_ATTR(DomainGraphicsListen, network, "network", string, 0),
    XML_ATTR(DomainGraphicsListen, socket, "socket", string, 0),
    XML_END
};

static int
listen_validate(XmlCtx *ctx, const void *obj)
{
    const DomainGraphicsListen *l = obj;

    if ((l->type == LISTEN_NETWORK && !l->network) ||
        (l->type != LISTEN_NETWORK && l->network) ||
        (l->type != LISTEN_SOCKET && l->socket)) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "listen type '%s' does not match its attributes in element '%s'",
                      gfx_listen_type_to_string(l->type), xmlmap_ctx_path(ctx));
        return -1;
    }
    return 0;
}
static XML_SCHEMA(listen, DomainGraphicsListen, "listen", listen_fields,
                  .validate = listen_validate);

#define GFX_LISTENS XML_CHILDREN(DomainGraphics, listens, nlistens, &listen_schema, 0)

#define ONE_ATTR(var, elem, ...) \
    static const XmlField var##_fields[] = { __VA_ARGS__, XML_END }; \
    static XML_SCHEMA(var, DomainGraphics, elem, var##_fields)

ONE_ATTR(gl_enable, "gl",
         XML_ATTR(DomainGraphics, gl_enable, "enable", tristate, 0),
         XML_ATTR(DomainGraphics, gl_rendernode, "rendernode", string, 0));
ONE_ATTR(gfx_audio, "audio",
         XML_ATTR(DomainGraphics, audio_id, "id", uint, XF_REQUIRED | XF_NONZERO |
                  XF_OMIT_DEFAULT));
ONE_ATTR(spice_image, "image",
         XML_ATTR_ENUM(DomainGraphics, image_compression, "compression", gfx_image,
                       XF_REQUIRED, .min = 1));
ONE_ATTR(spice_jpeg, "jpeg",
         XML_ATTR_ENUM(DomainGraphics, jpeg_compression, "compression", gfx_jpeg,
                       XF_REQUIRED, .min = 1));
ONE_ATTR(spice_zlib, "zlib",
         XML_ATTR_ENUM(DomainGraphics, zlib_compression, "compression", gfx_jpeg,
                       XF_REQUIRED, .min = 1));
ONE_ATTR(spice_playback, "playback",
         XML_ATTR(DomainGraphics, playback_compression, "compression", switch, XF_REQUIRED));
ONE_ATTR(spice_streaming, "streaming",
         XML_ATTR_ENUM(DomainGraphics, streaming_mode, "mode", gfx_streaming, XF_REQUIRED,
                       .min = 1));
ONE_ATTR(spice_mouse, "mouse",
         XML_ATTR_ENUM(DomainGraphics, mouse_mode, "mode", gfx_mouse, XF_REQUIRED, .min = 1));
ONE_ATTR(spice_clipboard, "clipboard",
         XML_ATTR(DomainGraphics, clipboard_copypaste, "copypaste", tristate, XF_REQUIRED));
ONE_ATTR(spice_filetransfer, "filetransfer",
         XML_ATTR(DomainGraphics, filetransfer_enable, "enable", tristate, XF_REQUIRED));

static const XmlField spice_channel_fields[] = {
    XML_ATTR_ENUM(DomainSpiceChannel, name, "name", gfx_channel, XF_REQUIRED,
                  .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_ATTR_ENUM(DomainSpiceChannel, mode, "mode", gfx_mode, XF_REQUIRED,
                  .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_END
};
static XML_SCHEMA(spice_channel, DomainSpiceChannel, "channel", spice_channel_fields);

/* ---- per-type fields ---------------------------------------------------------------------- */

#define GFX_PORT(fld, nm) \
    XML_ATTR(DomainGraphics, fld, nm, int, 0, .smin = -1, .smax = 65535, \
             XML_HAS(DomainGraphics, has_##fld))
/* The expiry and the connected policy belong to the password and are only
 * written when there is one (the password itself only with the secure flag). */
static bool
no_passwd(const void *obj, unsigned int flags)
{
    return !((const DomainGraphics *) obj)->passwd;
}

#define GFX_PASSWD \
    XML_ATTR(DomainGraphics, passwd, "passwd", string, XF_SECRET), \
    XML_ATTR(DomainGraphics, passwd_valid_to, "passwdValidTo", string, 0, \
             XML_OMIT_IF(no_passwd))
#define GFX_CONNECTED \
    XML_ATTR_ENUM(DomainGraphics, connected, "connected", gfx_connected, 0, .min = 1, \
                  XML_OMIT_IF(no_passwd))

#define GFX_CASE(kind, ...) \
    static const XmlField gfx_##kind##_fields[] = { __VA_ARGS__, XML_END }; \
    static XML_SCHEMA(gfx_##kind, DomainGraphics, "graphics", gfx_##kind##_fields)

GFX_CASE(sdl,
         XML_ATTR(DomainGraphics, display, "display", string, 0),
         XML_ATTR(DomainGraphics, xauth, "xauth", string, 0),
         XML_ATTR(DomainGraphics, fullscreen, "fullscreen", tristate, 0),
         XML_GROUP(&gl_enable_schema, 0));
GFX_CASE(vnc,
         XML_ATTR(DomainGraphics, socket, "socket", string, 0),
         GFX_PORT(port, "port"),
         XML_ATTR(DomainGraphics, autoport, "autoport", tristate, 0),
         GFX_PORT(websocket, "websocket"),
         XML_ATTR(DomainGraphics, listen, "listen", string, 0),
         XML_ATTR(DomainGraphics, keymap, "keymap", string, 0),
         XML_ATTR_ENUM(DomainGraphics, share_policy, "sharePolicy", gfx_share_policy, 0,
                       .min = 1),
         XML_ATTR(DomainGraphics, power_control, "powerControl", tristate, 0),
         GFX_PASSWD,
         GFX_CONNECTED,
         GFX_LISTENS,
         XML_GROUP(&gfx_audio_schema, 0));
GFX_CASE(rdp,
         GFX_PORT(port, "port"),
         XML_ATTR(DomainGraphics, autoport, "autoport", tristate, 0),
         XML_ATTR(DomainGraphics, replace_user, "replaceUser", tristate, 0),
         XML_ATTR(DomainGraphics, multi_user, "multiUser", tristate, 0),
         XML_ATTR(DomainGraphics, listen, "listen", string, 0),
         GFX_LISTENS);
GFX_CASE(desktop,
         XML_ATTR(DomainGraphics, display, "display", string, 0),
         XML_ATTR(DomainGraphics, fullscreen, "fullscreen", tristate, 0));
GFX_CASE(spice,
         GFX_PORT(port, "port"),
         GFX_PORT(tls_port, "tlsPort"),
         XML_ATTR(DomainGraphics, autoport, "autoport", tristate, 0),
         XML_ATTR(DomainGraphics, listen, "listen", string, 0),
         XML_ATTR(DomainGraphics, keymap, "keymap", string, 0),
         XML_ATTR_ENUM(DomainGraphics, default_mode, "defaultMode", gfx_mode, 0, .min = 1),
         GFX_PASSWD,
         GFX_CONNECTED,
         GFX_LISTENS,
         XML_CHILDREN(DomainGraphics, channels, nchannels, &spice_channel_schema, 0),
         XML_GROUP(&spice_image_schema, 0),
         XML_GROUP(&spice_jpeg_schema, 0),
         XML_GROUP(&spice_zlib_schema, 0),
         XML_GROUP(&spice_playback_schema, 0),
         XML_GROUP(&spice_streaming_schema, 0),
         XML_GROUP(&spice_mouse_schema, 0),
         XML_GROUP(&spice_clipboard_schema, 0),
         XML_GROUP(&spice_filetransfer_schema, 0),
         XML_GROUP(&gl_enable_schema, 0));
GFX_CASE(egl,
         XML_GROUP(&gl_enable_schema, 0));
GFX_CASE(dbus,
         XML_ATTR(DomainGraphics, dbus_address, "address", string, 0),
         XML_ATTR(DomainGraphics, p2p, "p2p", tristate, 0),
         XML_GROUP(&gl_enable_schema, 0),
         XML_GROUP(&gfx_audio_schema, 0));

static const XmlUnionCase gfx_cases[] = {
    XML_CASE_SAME(GFX_SDL, &gfx_sdl_schema),
    XML_CASE_SAME(GFX_VNC, &gfx_vnc_schema),
    XML_CASE_SAME(GFX_RDP, &gfx_rdp_schema),
    XML_CASE_SAME(GFX_DESKTOP, &gfx_desktop_schema),
    XML_CASE_SAME(GFX_SPICE, &gfx_spice_schema),
    XML_CASE_SAME(GFX_EGL_HEADLESS, &gfx_egl_schema),
    XML_CASE_SAME(GFX_DBUS, &gfx_dbus_schema),
};

static const XmlField graphics_fields[] = {
    XML_UNION(DomainGraphics, type, "type", gfx_type, gfx_cases, XF_REQUIRED,
              .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_END
};

/* The listen= shorthand must agree with the first address <listen>. */
static int
graphics_validate(XmlCtx *ctx, const void *obj)
{
    const DomainGraphics *g = obj;

    for (size_t i = 0; g->listen && i < g->nlistens; i++) {
        const DomainGraphicsListen *l = &g->listens[i];

        if (l->type != LISTEN_ADDRESS || !l->address)
            continue;
        if (!g_str_equal(l->address, g->listen)) {
            xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                          "graphics listen attribute '%s' must match the address '%s' of "
                          "the first <listen type='address'> in element '%s'",
                          g->listen, l->address, xmlmap_ctx_path(ctx));
            return -1;
        }
        break;
    }
    return 0;
}

/* ---- defaults ---------------------------------------------------------------------- */

static bool
takes_listens(const DomainGraphics *g)
{
    return g->type == GFX_VNC || g->type == GFX_SPICE || g->type == GFX_RDP;
}

/* Without <listen> children the listen= (or, for VNC, socket=) shorthand
 * becomes the first listen; afterwards the shorthands mirror that listen.
 * A listen= that disagrees with it is kept for graphics_validate(). */
static void
listens_post_parse(DomainGraphics *g)
{
    DomainGraphicsListen *first;

    if (g->listen && !*g->listen)
        g_clear_pointer(&g->listen, g_free);
    if (g->socket && !*g->socket)
        g_clear_pointer(&g->socket, g_free);
    if (g->nlistens == 0) {
        g->listens = g_new0(DomainGraphicsListen, 1);
        g->nlistens = 1;
        if (g->type == GFX_VNC && g->socket) {
            g->listens[0].type = LISTEN_SOCKET;
            g->listens[0].socket = g_strdup(g->socket);
        } else {
            g->listens[0].type = LISTEN_ADDRESS;
            g->listens[0].address = g_strdup(g->listen);
        }
    }
    first = &g->listens[0];
    if (first->type == LISTEN_ADDRESS && !first->address)
        first->address = g_strdup(g->listen);
    else if (first->type == LISTEN_ADDRESS && !g->listen)
        g->listen = g_strdup(first->address);
    else if (first->type != LISTEN_ADDRESS)
        g_clear_pointer(&g->listen, g_free);
    if (first->type == LISTEN_SOCKET && first->socket && !g->socket)
        g->socket = g_strdup(first->socket);
}

/* port, tlsPort and autoport the way libvirt stores and writes them: VNC
 * auto-allocates unless a port is given (port='-1' is the old spelling of
 * autoport) and writes -1 for "not allocated yet"; SPICE auto-allocates only
 * when asked, and with no port at all listens nowhere; RDP auto-allocates
 * unless a port is given and writes port 0 then. Ports and autoport are
 * written only for address and network listens. */
static void
ports_post_parse(DomainGraphics *g)
{
    bool given = g->autoport != XML_TRISTATE_ABSENT;
    bool autoport = g->autoport == XML_TRISTATE_YES;
    int listen_type = g->listens[0].type;

    if (g->type == GFX_VNC) {
        if (!given)
            autoport = !g->has_port || g->port == -1;
        if (g->port == -1)
            g->port = 0;
    } else if (g->type == GFX_SPICE) {
        if (g->has_port && g->has_tls_port && g->port == -1 && g->tls_port == -1) {
            autoport = true;
            g->port = g->tls_port = 0;
        }
        if (listen_type == LISTEN_ADDRESS && !g->port && !g->tls_port && !autoport) {
            g_clear_pointer(&g->listens[0].address, g_free);
            g_clear_pointer(&g->listen, g_free);
            g->listens[0].type = listen_type = 0;   /* none */
        }
    } else {
        autoport = autoport || g->port == 0 || g->port == -1;
        if (g->port == -1)
            g->port = 0;
    }
    if (listen_type != LISTEN_ADDRESS && listen_type != LISTEN_NETWORK) {
        g->has_port = g->has_tls_port = false;
        g->autoport = XML_TRISTATE_ABSENT;
        return;
    }
    if (g->type == GFX_VNC && autoport && g->port == 0)
        g->port = -1;
    g->has_port = g->port != 0 || (autoport && g->type != GFX_SPICE);
    g->has_tls_port = g->type == GFX_SPICE && g->tls_port != 0;
    if (g->type == GFX_RDP)
        g->autoport = autoport ? XML_TRISTATE_YES : XML_TRISTATE_ABSENT;
    else
        g->autoport = autoport ? XML_TRISTATE_YES : XML_TRISTATE_NO;
}

static void
graphics_post_parse(void *obj)
{
    DomainGraphics *g = obj;

    if (!takes_listens(g))
        return;
    listens_post_parse(g);
    ports_post_parse(g);
}

/**
 * domain_graphics_forget_ports() - see devices.h
 */
void
domain_graphics_forget_ports(DomainGraphics *g)
{
    if (g->autoport != XML_TRISTATE_YES)
        return;
    if (g->type == GFX_VNC)
        g->port = -1;
    else if (g->type == GFX_RDP)
        g->port = 0;
    else if (g->type == GFX_SPICE) {
        g->port = g->tls_port = 0;
        g->has_port = g->has_tls_port = false;
    }
}

XML_SCHEMA(domain_graphics, DomainGraphics, "graphics", graphics_fields,
           .post_parse = graphics_post_parse, .validate = graphics_validate);
