/* common/conf/domain/chardev.h: character devices: <serial>, <parallel>,
 * <console>, <channel>, and the character source (type= plus <source>,
 * <protocol>, <log>) that <redirdev>, <smartcard> and <rng> reuse. */
#pragma once

#include <stdbool.h>
#include <glib.h>

#include "common/conf/xmlmap.h"
#include "common/conf/domain/devices.h"
#include "common/conf/domain/address.h"
#include "common/conf/domain/disk.h"

typedef enum {
    CHR_TYPE_NULL,
    CHR_TYPE_VC,
    CHR_TYPE_PTY,
    CHR_TYPE_DEV,
    CHR_TYPE_FILE,
    CHR_TYPE_PIPE,
    CHR_TYPE_STDIO,
    CHR_TYPE_UDP,
    CHR_TYPE_TCP,
    CHR_TYPE_UNIX,
    CHR_TYPE_SPICEVMC,
    CHR_TYPE_SPICEPORT,
    CHR_TYPE_NMDM,
    CHR_TYPE_QEMU_VDAGENT,
    CHR_TYPE_DBUS,
    CHR_TYPE_LAST
} ChrType;
ENUM_STRINGS_DECL(domain_chr_type);

typedef enum {
    CHR_MODE_CONNECT,
    CHR_MODE_BIND,
    CHR_MODE_LAST
} ChrMode;

/* one <source mode=> of a udp character device */
typedef struct {
    int mode;                   /* ChrMode */
    char *host;
    char *service;
} DomainChrUdpSource;

/* The host side of a character device. It must be the FIRST member of every
 * struct whose element carries the chardev type= attribute, because the
 * type union's cases (domain_chr_cases) describe offset 0 of that struct. */
typedef struct {
    int type;                   /* ChrType */
    char *tty;                  /* pty: tty= (runtime) */
    char *path;                 /* pty (runtime), dev, file, pipe, unix */
    int append;                 /* file: XML_TRISTATE_* (on/off) */
    int mode;                   /* unix, tcp: ChrMode */
    char *host;                 /* tcp */
    char *service;
    int tls;                    /* tcp: XML_TRISTATE_* */
    int protocol;               /* tcp: raw, telnet, telnets, tls */
    DomainChrUdpSource *udp;    /* udp: the bind and connect ends */
    size_t nudp;
    char *channel;              /* spiceport, dbus */
    char *master;               /* nmdm */
    char *slave;
    int clipboard_copypaste;    /* qemu-vdagent: XML_TRISTATE_* */
    int mouse_mode;             /* qemu-vdagent: default, server, client */
    int reconnect_enabled;      /* unix, tcp: XML_TRISTATE_* */
    unsigned int reconnect_timeout;
    DomainDevSeclabel *seclabels;
    size_t nseclabels;
    char *log_file;             /* <log file= append=> */
    int log_append;
} DomainChrSource;

#define DOMAIN_CHR_NCASES (CHR_TYPE_LAST)
/* Cases for XML_UNION(T, source.type, "type", domain_chr_type, domain_chr_cases, ...)
 * with the DomainChrSource at offset 0 of T. */
extern const XmlUnionCase domain_chr_cases[DOMAIN_CHR_NCASES];
/**
 * domain_chr_source_validate() - rules every character source follows
 * @ctx: validation context (names the element in errors)
 * @src: the source
 *
 * Return: 0, or -1 with an error reported (udp needs one connect end and at
 * most one end of each mode).
 */
int domain_chr_source_validate(XmlCtx *ctx, const DomainChrSource *src);

/* <log> on a DomainChrSource, for XML_EMBED(T, source, ...). */
extern const XmlSchema domain_chr_log_schema;

typedef enum {
    CHR_KIND_SERIAL,
    CHR_KIND_PARALLEL,
    CHR_KIND_CONSOLE,
    CHR_KIND_CHANNEL,
    CHR_KIND_LAST
} ChrKind;

/* target type= values (index in each kind's table; 0 = not given) */
enum { CHR_SERIAL_TARGET_NONE, CHR_SERIAL_TARGET_ISA };
enum { CHR_CONSOLE_TARGET_NONE, CHR_CONSOLE_TARGET_SERIAL, CHR_CONSOLE_TARGET_VIRTIO = 4 };
enum { CHR_CHANNEL_TARGET_GUESTFWD = 1, CHR_CHANNEL_TARGET_VIRTIO, CHR_CHANNEL_TARGET_XEN };

struct DomainChr {
    DomainChrSource source;     /* must stay first, see DomainChrSource */
    int target_type;            /* serial: isa-serial...; console: serial...;
                                 * channel: guestfwd, virtio, xen (1-based, 0 = none) */
    unsigned int target_port;
    bool has_target_port;
    int target_model;           /* serial: <model name=> */
    char *target_name;          /* channel virtio/xen */
    IpAddr target_address;      /* channel guestfwd */
    char *target_fwd_port;
    int target_state;           /* channel virtio: default, connected, disconnected */
    DomainDeviceInfo info;
};

extern const XmlSchema domain_serial_schema;
extern const XmlSchema domain_parallel_schema;
extern const XmlSchema domain_console_schema;
extern const XmlSchema domain_channel_schema;

/* ---- devices whose host side is a character source ------------------------ */

struct DomainRedirdev {
    DomainChrSource source;     /* must stay first */
    int bus;                    /* usb */
    DomainDeviceInfo info;
};

/* one <usbdev> rule; the numbers are kept as written ("0x08", "-1" = any) */
typedef struct {
    char *usb_class;
    char *vendor;
    char *product;
    char *version;              /* "major.minor" or "-1" */
    bool allow;
} DomainRedirFilterUsb;

struct DomainRedirFilter {
    DomainRedirFilterUsb *usbdevs;
    size_t nusbdevs;
};

struct DomainHub {
    int type;                   /* usb */
    DomainDeviceInfo info;
};

typedef enum {
    SMARTCARD_HOST,
    SMARTCARD_HOST_CERTIFICATES,
    SMARTCARD_PASSTHROUGH,
    SMARTCARD_LAST
} SmartcardMode;

struct DomainSmartcard {
    DomainChrSource source;     /* must stay first; passthrough only */
    int mode;                   /* SmartcardMode */
    char **certificates;        /* host-certificates: exactly three */
    size_t ncertificates;
    char *database;
    DomainDeviceInfo info;
};

extern const XmlSchema domain_redirdev_schema;
extern const XmlSchema domain_redirfilter_schema;
extern const XmlSchema domain_hub_schema;
extern const XmlSchema domain_smartcard_schema;
