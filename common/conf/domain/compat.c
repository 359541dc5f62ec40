/* common/conf/domain/compat.c: defaults libvirt fills in across devices after
 * every parse: character device ports, the <console> that mirrors the first
 * serial port of an HVM guest, the virtio-serial and CCID controllers that
 * channels, consoles and smart cards imply (with the smart cards' CCID
 * addresses) and the bus of an <input> that names none. Nothing here can
 * fail; the rules that can are in domain_def_validate_compat(). */
#include "config.h"

#include <string.h>

#define ERR_DOMAIN VIR_FROM_DOMAIN
#include "common/util/err.h"
#include "common/conf/domain/domain.h"

/* indices in the type=, bus= and model= tables of input.c and controller.c */
enum { INPUT_MOUSE, INPUT_TABLET, INPUT_KEYBOARD, INPUT_PASSTHROUGH, INPUT_EVDEV };
enum { INPUT_BUS_PS2 = 1, INPUT_BUS_USB, INPUT_BUS_XEN, INPUT_BUS_PARALLELS, INPUT_BUS_VIRTIO };
enum { USB_MODEL_NONE = 14 };

/* A port for every serial, parallel or console device without one: one
 * above the highest port of its kind so far, in document order. */
static void
chr_assign_ports(DomainChr **chrs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        long long max = -1;

        if (chrs[i]->has_target_port)
            continue;
        for (size_t j = 0; j < n; j++) {
            if (chrs[j]->has_target_port && (long long) chrs[j]->target_port > max)
                max = chrs[j]->target_port;
        }
        chrs[i]->target_port = (unsigned int) (max + 1);
        chrs[i]->has_target_port = true;
    }
}

/* The <console> written for an HVM guest's first serial port: a copy of
 * it (source, alias, address) with target type 'serial'. */
static DomainChr *
console_alias(const DomainChr *serial)
{
    DomainChr *con = xmlmap_copy(&domain_serial_schema, serial);

    con->target_type = CHR_CONSOLE_TARGET_SERIAL;
    con->target_model = 0;
    con->has_target_port = true;
    return con;
}

/**
 * domain_devices_sync_console() - see domain.h
 */
void
domain_devices_sync_console(DomainDevices *devs, int os_type)
{
    DomainChr *con = devs->nconsoles > 0 ? devs->consoles[0] : NULL;

    if (os_type != DOMAIN_OS_HVM)
        return;
    if (con && con->target_type == CHR_CONSOLE_TARGET_SERIAL) {
        if (devs->nserials == 0) {
            /* the console stands for a serial port that was not written */
            con->target_type = CHR_SERIAL_TARGET_NONE;
            con->target_port = 0;
            con->has_target_port = true;
            devs->serials = g_renew(DomainChr *, devs->serials, 1);
            devs->serials[devs->nserials++] = con;
        } else {
            xmlmap_free(&domain_console_schema, con);
        }
        devs->consoles[0] = console_alias(devs->serials[0]);
        return;
    }
    if (devs->nserials > 0 && (devs->serials[0]->target_type == CHR_SERIAL_TARGET_NONE ||
                               devs->serials[0]->target_type == CHR_SERIAL_TARGET_ISA)) {
        devs->consoles = g_renew(DomainChr *, devs->consoles, devs->nconsoles + 1);
        memmove(&devs->consoles[1], &devs->consoles[0], sizeof(DomainChr *) * devs->nconsoles);
        devs->consoles[0] = console_alias(devs->serials[0]);
        devs->nconsoles++;
    }
}

/* Console targets default to 'serial'; then the ports; then the console
 * that mirrors the first serial port (whatever source a first 'serial'
 * console had, libvirt writes the serial port's). */
static void
chr_post_parse(DomainDevices *devs, int os_type)
{
    for (size_t i = 0; i < devs->nconsoles; i++) {
        if (devs->consoles[i]->target_type == CHR_CONSOLE_TARGET_NONE)
            devs->consoles[i]->target_type = CHR_CONSOLE_TARGET_SERIAL;
    }
    chr_assign_ports(devs->serials, devs->nserials);
    chr_assign_ports(devs->parallels, devs->nparallels);
    chr_assign_ports(devs->consoles, devs->nconsoles);
    domain_devices_sync_console(devs, os_type);
}

/* virtio channels and consoles need the virtio-serial controller their
 * address names (index 0 without one). */
static void
add_virtio_serial_controllers(DomainDevices *devs)
{
    DomainChr **lists[] = { devs->channels, devs->consoles };
    size_t counts[] = { devs->nchannels, devs->nconsoles };
    int virtio[] = { CHR_CHANNEL_TARGET_VIRTIO, CHR_CONSOLE_TARGET_VIRTIO };

    for (size_t l = 0; l < G_N_ELEMENTS(lists); l++) {
        for (size_t i = 0; i < counts[l]; i++) {
            const DomainChr *chr = lists[l][i];
            unsigned int idx = 0;

            if (chr->target_type != virtio[l])
                continue;
            if (chr->info.addr.type == DOMAIN_ADDR_VIRTIO_SERIAL)
                idx = chr->info.addr.vioser.controller;
            domain_devices_ensure_controller(devs, CONTROLLER_VIRTIO_SERIAL, idx);
        }
    }
}

/* A smart card without an address takes the next free slot of CCID
 * controller 0; every CCID controller a card names is added. */
static void
add_smartcard_controllers(DomainDevices *devs)
{
    for (size_t i = 0; i < devs->nsmartcards; i++) {
        DomainAddress *addr = &devs->smartcards[i]->info.addr;

        if (addr->type == DOMAIN_ADDR_NONE) {
            long long max = -1;

            for (size_t j = 0; j < devs->nsmartcards; j++) {
                const DomainAddress *o = &devs->smartcards[j]->info.addr;

                if (o->type == DOMAIN_ADDR_CCID && o->ccid.controller == 0 &&
                    (long long) o->ccid.slot > max)
                    max = o->ccid.slot;
            }
            addr->type = DOMAIN_ADDR_CCID;
            addr->ccid.controller = 0;
            addr->ccid.slot = (unsigned int) (max + 1);
        }
        if (addr->type == DOMAIN_ADDR_CCID)
            domain_devices_ensure_controller(devs, CONTROLLER_CCID, addr->ccid.controller);
    }
}

static bool
arch_is_x86(int arch)
{
    return arch == DOMAIN_ARCH_NONE || arch == DOMAIN_ARCH_I686 || arch == DOMAIN_ARCH_X86_64;
}

/* The bus an <input> without bus= sits on, from the guest's OS and arch. */
static void
input_post_parse(DomainDevices *devs, const DomainDef *def)
{
    bool s390 = def->os.arch == DOMAIN_ARCH_S390 || def->os.arch == DOMAIN_ARCH_S390X;

    for (size_t i = 0; i < devs->ninputs; i++) {
        DomainInput *in = devs->inputs[i];

        if (in->bus != 0)
            continue;
        if (def->os.type == DOMAIN_OS_HVM) {
            if ((in->type == INPUT_MOUSE || in->type == INPUT_KEYBOARD) &&
                arch_is_x86(def->os.arch))
                in->bus = INPUT_BUS_PS2;
            else if (s390 || in->type == INPUT_PASSTHROUGH)
                in->bus = INPUT_BUS_VIRTIO;
            else if (in->type != INPUT_EVDEV)
                in->bus = INPUT_BUS_USB;
        } else if (def->os.type == DOMAIN_OS_XEN || def->os.type == DOMAIN_OS_LINUX ||
                   def->os.type == DOMAIN_OS_XENPVH) {
            in->bus = INPUT_BUS_XEN;
        }
    }
}

/**
 * domain_def_post_parse_compat() - see domain.h
 */
void
domain_def_post_parse_compat(DomainDef *def)
{
    chr_post_parse(&def->devices, def->os.type);
    add_virtio_serial_controllers(&def->devices);
    add_smartcard_controllers(&def->devices);
    input_post_parse(&def->devices, def);
}

static bool
usb_disabled(const DomainDevices *devs, bool need_controller)
{
    bool have = false;

    for (size_t i = 0; i < devs->ncontrollers; i++) {
        const DomainController *c = devs->controllers[i];

        if (c->type != CONTROLLER_USB)
            continue;
        if (c->model == USB_MODEL_NONE)
            return true;
        have = true;
    }
    return need_controller && !have;
}

/**
 * domain_def_validate_compat() - see domain.h
 */
int
domain_def_validate_compat(XmlCtx *ctx, const DomainDef *def)
{
    const DomainDevices *devs = &def->devices;
    size_t ncells = def->cpu && def->cpu->numa ? def->cpu->numa->ncells : 0;

    for (size_t i = 1; i < devs->nconsoles; i++) {
        if (devs->consoles[i]->target_type == CHR_CONSOLE_TARGET_SERIAL) {
            xmlmap_report(ctx, VIR_ERR_CONFIG_UNSUPPORTED,
                          "only the first console can be a serial port (console %zu in "
                          "element '%s/devices')", i + 1, xmlmap_ctx_path(ctx));
            return -1;
        }
    }
    if (devs->nredirdevs > 0 && usb_disabled(devs, true)) {
        xmlmap_report(ctx, VIR_ERR_CONFIG_UNSUPPORTED,
                      "cannot add redirected USB device: USB is disabled for this domain "
                      "(no USB controller in element '%s/devices')", xmlmap_ctx_path(ctx));
        return -1;
    }
    for (size_t i = 0; i < devs->ninputs; i++) {
        if (devs->inputs[i]->bus == INPUT_BUS_USB && usb_disabled(devs, false)) {
            xmlmap_report(ctx, VIR_ERR_CONFIG_UNSUPPORTED,
                          "cannot add USB input device: the USB controller of element "
                          "'%s/devices' has model 'none'", xmlmap_ctx_path(ctx));
            return -1;
        }
    }
    for (size_t i = 0; i < devs->nmemories; i++) {
        const DomainMemoryDev *m = devs->memories[i];

        if (!m->has_node)
            continue;
        if (ncells == 0) {
            xmlmap_report(ctx, VIR_ERR_XML_DETAIL,
                          "can't add memory backend as guest has no NUMA nodes configured "
                          "(element '%s/devices/memory')", xmlmap_ctx_path(ctx));
            return -1;
        }
        if (m->node >= ncells) {
            xmlmap_report(ctx, VIR_ERR_XML_DETAIL,
                          "can't add memory backend for guest node '%u' as the guest has "
                          "only '%zu' NUMA nodes configured (element '%s/devices/memory')",
                          m->node, ncells, xmlmap_ctx_path(ctx));
            return -1;
        }
    }
    return 0;
}
