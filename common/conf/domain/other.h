/* common/conf/domain/other.h: the smaller device kinds: <input>, <sound>,
 * <audio>, <graphics>, <video>, <tpm>, <watchdog>, <memballoon>, <rng>,
 * <nvram>, <panic>, <shmem>, <memory>, <iommu>, <vsock>. */
#pragma once

#include <stdbool.h>
#include <glib.h>

#include "common/conf/xmlmap.h"
#include "common/conf/domain/devices.h"
#include "common/conf/domain/address.h"
#include "common/conf/domain/chardev.h"

/* ---- input.c ---------------------------------------------------------------- */

struct DomainInput {
    int type;                   /* mouse, tablet, keyboard, passthrough, evdev */
    int bus;                    /* default, ps2, usb, xen, parallels, virtio, none */
    int model;                  /* default, virtio, virtio-transitional, ... */
    DomainVirtioOpts virtio;
    char *evdev;                /* passthrough: <source evdev=> */
    char *dev;                  /* evdev: <source dev=> */
    int grab;                   /* default, all */
    int grab_toggle;            /* default, ctrl-ctrl, alt-alt, ... */
    int repeat;                 /* XML_TRISTATE_* (on/off) */
    DomainDeviceInfo info;
};
extern const XmlSchema domain_input_schema;

/* ---- sound.c ------------------------------------------------------------------ */

typedef struct {
    int type;                   /* duplex, micro, output */
} DomainSoundCodec;

struct DomainSound {
    int model;
    DomainSoundCodec *codecs;
    size_t ncodecs;
    unsigned int audio_id;      /* <audio id=>; 0 = none */
    DomainDeviceInfo info;
};
extern const XmlSchema domain_sound_schema;

/* <input>/<output> of an <audio> backend */
typedef struct {
    int mixing_engine;          /* XML_TRISTATE_* */
    int fixed_settings;
    unsigned int voices;
    unsigned int buffer_length;
    char *dev;                  /* alsa, oss */
    unsigned int buffer_count;  /* coreaudio, oss, sdl */
    int try_poll;               /* oss */
    char *name;                 /* pulseaudio */
    char *stream_name;
    unsigned int latency;
    char *server_name;          /* jack */
    char *client_name;
    char *connect_ports;
    int exact_name;
    unsigned int frequency;     /* <settings> */
    unsigned int channels;
    char *format;
} DomainAudioChannel;

struct DomainAudio {
    unsigned int id;
    int type;                   /* none, alsa, coreaudio, jack, oss, pulseaudio, ... */
    unsigned int timer_period;
    char *server_name;          /* pulseaudio */
    char *path;                 /* file */
    int try_mmap;               /* oss */
    int exclusive;
    int dsp_policy;
    bool has_dsp_policy;
    int sdl_driver;             /* sdl: default, esd, alsa, arts, pulseaudio */
    DomainAudioChannel *input;
    DomainAudioChannel *output;
};
extern const XmlSchema domain_audio_schema;

/* ---- graphics.c ----------------------------------------------------------------- */

typedef struct {
    int type;                   /* none, address, network, socket */
    char *address;
    char *network;
    char *socket;
} DomainGraphicsListen;

typedef struct {
    int name;                   /* main, display, inputs, ... */
    int mode;                   /* any, secure, insecure */
} DomainSpiceChannel;

struct DomainGraphics {
    int type;                   /* sdl, vnc, rdp, desktop, spice, egl-headless, dbus */
    char *display;              /* sdl, desktop */
    char *xauth;
    int fullscreen;             /* XML_TRISTATE_* */
    char *socket;               /* vnc */
    int port;
    bool has_port;
    int tls_port;
    bool has_tls_port;
    int autoport;               /* XML_TRISTATE_* */
    int websocket;
    bool has_websocket;
    char *listen;               /* listen= shorthand of the first address listen */
    char *keymap;
    int share_policy;
    int power_control;
    char *passwd;               /* secret: written only with the secure flag */
    char *passwd_valid_to;
    int connected;
    int default_mode;
    int replace_user;           /* rdp */
    int multi_user;
    char *dbus_address;
    int p2p;
    DomainGraphicsListen *listens;
    size_t nlistens;
    DomainSpiceChannel *channels;
    size_t nchannels;
    int image_compression;
    int jpeg_compression;
    int zlib_compression;
    int playback_compression;   /* XML_TRISTATE_* (on/off) */
    int streaming_mode;
    int mouse_mode;
    int clipboard_copypaste;
    int filetransfer_enable;
    int gl_enable;
    char *gl_rendernode;
    unsigned int audio_id;
};
extern const XmlSchema domain_graphics_schema;

/**
 * domain_graphics_forget_ports() - drop auto-allocated ports
 * @g: graphics device
 *
 * With autoport='yes' a port in the XML is runtime state: parsing a
 * definition (XMLMAP_PARSE_INACTIVE) forgets it, as libvirt does.
 */
void domain_graphics_forget_ports(DomainGraphics *g);

/* ---- video.c ---------------------------------------------------------------------- */

struct DomainVideo {
    DomainVirtioOpts virtio;    /* <driver> */
    char *driver_name;
    int backend;                /* default, qemu, vhostuser */
    int vgaconf;                /* default, io, on, off */
    int model;
    unsigned int ram, vram, vram64, vgamem, heads;
    bool primary;
    int accel3d;                /* XML_TRISTATE_* */
    int accel2d;
    char *rendernode;
    unsigned int res_x, res_y;
    DomainDeviceInfo info;
};
extern const XmlSchema domain_video_schema;

/* ---- tpm.c ------------------------------------------------------------------------ */

struct DomainTpm {
    int model;                  /* tpm-tis, tpm-crb, tpm-spapr, spapr-tpm-proxy */
    int type;                   /* passthrough, emulator, external */
    int version;                /* default, 1.2, 2.0 */
    int persistent_state;       /* XML_TRISTATE_* */
    char *device_path;          /* passthrough */
    char *source_type;          /* external: unix */
    char *source_mode;
    char *source_path;
    unsigned char secret[16];   /* emulator: <encryption secret=> */
    bool sha1, sha256, sha384, sha512;
    DomainDeviceInfo info;
};
extern const XmlSchema domain_tpm_schema;

/* ---- misc.c: watchdog, memballoon, nvram, panic, iommu, vsock -------------------------- */

struct DomainWatchdog {
    int model;
    int action;
    DomainDeviceInfo info;
};

struct DomainMemballoon {
    int model;                  /* virtio, xen, none, virtio-(non-)transitional */
    int autodeflate;            /* XML_TRISTATE_* (on/off) */
    int free_page_reporting;
    unsigned int stats_period;
    bool has_stats_period;
    DomainDeviceInfo info;
    DomainVirtioOpts virtio;    /* <driver>, written after the address */
};

struct DomainNvramDev {
    DomainDeviceInfo info;
};

struct DomainPanic {
    int model;                  /* default, isa, pseries, hyperv, s390 */
    DomainDeviceInfo info;
};

struct DomainIommu {
    int model;                  /* intel, smmuv3, virtio */
    int intremap, caching_mode, eim, iotlb;     /* XML_TRISTATE_* (on/off) */
    unsigned int aw_bits;
    DomainDeviceInfo info;
};

struct DomainVsock {
    int model;                  /* default, virtio, virtio-transitional, ... */
    int cid_auto;               /* XML_TRISTATE_* */
    unsigned int cid;
    DomainDeviceInfo info;
    DomainVirtioOpts virtio;    /* <driver>, written after the address */
};

extern const XmlSchema domain_watchdog_schema;
extern const XmlSchema domain_memballoon_schema;
extern const XmlSchema domain_nvram_dev_schema;
extern const XmlSchema domain_panic_schema;
extern const XmlSchema domain_iommu_schema;
extern const XmlSchema domain_vsock_schema;

/* ---- rng.c ------------------------------------------------------------------------ */

struct DomainRng {
    DomainChrSource source;     /* egd backend; must stay first */
    int model;                  /* virtio, virtio-transitional, ... */
    unsigned int rate_bytes;
    unsigned int rate_period;
    int backend;                /* random, egd, builtin */
    char *random_dev;           /* random: text of <backend> */
    DomainVirtioOpts virtio;
    DomainDeviceInfo info;
};
extern const XmlSchema domain_rng_schema;

/* ---- shmem.c / memdev.c ------------------------------------------------------------ */

struct DomainShmem {
    char *name;
    int role;                   /* default, master, peer */
    int model;                  /* ivshmem, ivshmem-plain, ivshmem-doorbell */
    unsigned long long size;    /* MiB */
    bool has_size;
    char *server_path;
    bool has_server;
    unsigned int msi_vectors;
    int msi_ioeventfd;          /* XML_TRISTATE_* (on/off) */
    bool has_msi;
    DomainDeviceInfo info;
};
extern const XmlSchema domain_shmem_schema;

struct DomainMemoryDev {
    int model;                  /* dimm, nvdimm, virtio-pmem, virtio-mem, sgx-epc */
    int access;                 /* default, shared, private */
    int discard;                /* XML_TRISTATE_* */
    unsigned char uuid[16];
    char *nodemask;             /* <source> */
    unsigned long long pagesize;        /* KiB */
    char *path;
    unsigned long long alignsize;
    bool pmem;
    unsigned long long size;    /* <target>, KiB */
    unsigned int node;
    bool has_node;
    unsigned long long label_size;
    unsigned long long block;
    unsigned long long requested;
    unsigned long long current;
    bool readonly;
    DomainDeviceInfo info;
};
extern const XmlSchema domain_memory_dev_schema;
