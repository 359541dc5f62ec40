/*
 * cmd-domain.c: domain lifecycle commands (help keyword 'domain'): define, undefine
 * (with its storage, snapshot, checkpoint, NVRAM and TPM clean-up), create, start,
 * destroy, shutdown, reboot, reset, suspend, resume, save, restore, managedsave,
 * managedsave-remove, dump, autostart, domrename, dompmsuspend, dompmwakeup,
 * inject-nmi and send-key.
 *
 * The group 'domain' is assembled here from this file's table and those of the
 * other cmd-domain-*.c files.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "common/util/parse.h"
#include "tools/virsh/helpers.h"

/* ---- define / create ---- */

static bool
cmd_define(VshCtl *ctl, const VshCmd *cmd)
{
    const char *file = NULL;
    g_autofree char *xml = NULL;
    unsigned int flags = vsh_opt_bool(cmd, "validate") ? VIR_DOMAIN_DEFINE_VALIDATE : 0;
    g_autoptr(virDomain) dom = NULL;

    if (vsh_opt_string(ctl, cmd, "file", &file) <= 0 ||
        vsh_read_xml_opt(ctl, cmd, "file", &xml) < 0)
        return false;
    dom = flags ? virDomainDefineXMLFlags(vsh_conn(ctl), xml, flags)
                : virDomainDefineXML(vsh_conn(ctl), xml);
    if (!dom) {
        vsh_error(ctl, "Failed to define domain from %s", file);
        return false;
    }
    vsh_print_extra(ctl, "Domain '%s' defined from %s\n", virDomainGetName(dom), file);
    return true;
}

static const VshOptDef opts_define[] = {
    { "file", VSH_OT_DATA, VSH_OF_REQUIRED, "the domain's XML description" },
    { "validate", VSH_OT_BOOL, 0, "check the XML against the schema first" },
    { NULL }
};

/* "--pass-fds 3,4": descriptors to hand to the started domain */
static int
parse_fds(VshCtl *ctl, const VshCmd *cmd, int **ret_fds, unsigned int *ret_n)
{
    const char *str = NULL;
    g_auto(GStrv) parts = NULL;
    g_autofree int *fds = NULL;
    unsigned int n;

    *ret_n = 0;
    *ret_fds = NULL;
    if (vsh_opt_string(ctl, cmd, "pass-fds", &str) <= 0)
        return vsh_opt_bool(cmd, "pass-fds") ? -1 : 0;
    parts = g_strsplit(str, ",", -1);
    n = g_strv_length(parts);
    fds = g_new0(int, n);
    for (unsigned int i = 0; i < n; i++) {
        if (parse_int(parts[i], 10, &fds[i]) < 0 || fds[i] < 0) {
            vsh_error(ctl, "Unable to parse FD number '%s'", parts[i]);
            return -1;
        }
        if (fcntl(fds[i], F_GETFD) < 0) {
            vsh_error(ctl, "Unable to get FD %d: bad file descriptor", fds[i]);
            return -1;
        }
    }
    *ret_fds = g_steal_pointer(&fds);
    *ret_n = n;
    return 0;
}

static bool
cmd_create(VshCtl *ctl, const VshCmd *cmd)
{
    const char *file = NULL;
    g_autofree char *xml = NULL;
    g_autofree int *fds = NULL;
    unsigned int nfds = 0;
    unsigned int flags = 0;
    g_autoptr(virDomain) dom = NULL;

    if (vsh_opt_string(ctl, cmd, "file", &file) <= 0 ||
        vsh_read_xml_opt(ctl, cmd, "file", &xml) < 0 ||
        parse_fds(ctl, cmd, &fds, &nfds) < 0)
        return false;
    if (vsh_opt_bool(cmd, "paused"))
        flags |= VIR_DOMAIN_START_PAUSED;
    if (vsh_opt_bool(cmd, "autodestroy"))
        flags |= VIR_DOMAIN_START_AUTODESTROY;
    if (vsh_opt_bool(cmd, "validate"))
        flags |= VIR_DOMAIN_START_VALIDATE;
    if (vsh_opt_bool(cmd, "reset-nvram"))
        flags |= VIR_DOMAIN_START_RESET_NVRAM;
    dom = nfds ? virDomainCreateXMLWithFiles(vsh_conn(ctl), xml, nfds, fds, flags)
               : virDomainCreateXML(vsh_conn(ctl), xml, flags);
    if (!dom) {
        vsh_error(ctl, "Failed to create domain from %s", file);
        return false;
    }
    vsh_print_extra(ctl, "Domain '%s' created from %s\n", virDomainGetName(dom), file);
    if (vsh_opt_bool(cmd, "console"))
        return vsh_console(ctl, dom, NULL, 0);
    return true;
}

static const VshOptDef opts_create[] = {
    { "file", VSH_OT_DATA, VSH_OF_REQUIRED, "the domain's XML description" },
    { "console", VSH_OT_BOOL, 0, "attach to the console once started" },
    { "paused", VSH_OT_BOOL, 0, "leave the new domain paused" },
    { "autodestroy", VSH_OT_BOOL, 0, "destroy the domain when virsh disconnects" },
    { "pass-fds", VSH_OT_STRING, 0, "comma-separated file descriptors to give the domain" },
    { "validate", VSH_OT_BOOL, 0, "check the XML against the schema first" },
    { "reset-nvram", VSH_OT_BOOL, 0, "start from a fresh copy of the NVRAM template" },
    { NULL }
};

/* ---- start ---- */

static bool
cmd_start(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain_opt(ctl, cmd, "domain",
                                              VSH_BYNAME | VSH_BYUUID, NULL);
    g_autofree int *fds = NULL;
    unsigned int nfds = 0, flags = 0;
    int r;

    if (!dom || parse_fds(ctl, cmd, &fds, &nfds) < 0)
        return false;
    if (virDomainGetID(dom) != (unsigned int) -1) {
        vsh_error(ctl, "Domain is already active");
        return false;
    }
    if (vsh_opt_bool(cmd, "paused"))
        flags |= VIR_DOMAIN_START_PAUSED;
    if (vsh_opt_bool(cmd, "autodestroy"))
        flags |= VIR_DOMAIN_START_AUTODESTROY;
    if (vsh_opt_bool(cmd, "bypass-cache"))
        flags |= VIR_DOMAIN_START_BYPASS_CACHE;
    if (vsh_opt_bool(cmd, "force-boot"))
        flags |= VIR_DOMAIN_START_FORCE_BOOT;
    if (vsh_opt_bool(cmd, "reset-nvram"))
        flags |= VIR_DOMAIN_START_RESET_NVRAM;
    if (nfds)
        r = virDomainCreateWithFiles(dom, nfds, fds, flags);
    else if (flags)
        r = virDomainCreateWithFlags(dom, flags);
    else
        r = virDomainCreate(dom);
    if (r < 0) {
        vsh_error(ctl, "Failed to start domain '%s'", virDomainGetName(dom));
        return false;
    }
    vsh_print_extra(ctl, "Domain '%s' started\n", virDomainGetName(dom));
    if (vsh_opt_bool(cmd, "console"))
        return vsh_console(ctl, dom, NULL, 0);
    return true;
}

static const VshOptDef opts_start[] = {
    { "domain", VSH_OT_DATA, VSH_OF_REQUIRED, "the inactive domain: name or UUID" },
    { "console", VSH_OT_BOOL, 0, "attach to the console once started" },
    { "paused", VSH_OT_BOOL, 0, "leave the domain paused" },
    { "autodestroy", VSH_OT_BOOL, 0, "destroy the domain when virsh disconnects" },
    { "bypass-cache", VSH_OT_BOOL, 0, "do not use the host's file cache when restoring" },
    { "force-boot", VSH_OT_BOOL, 0, "boot afresh even if a managed save image exists" },
    { "pass-fds", VSH_OT_STRING, 0, "comma-separated file descriptors to give the domain" },
    { "reset-nvram", VSH_OT_BOOL, 0, "start from a fresh copy of the NVRAM template" },
    { NULL }
};

/* ---- simple state changes ---- */

/* suspend, resume and reset: one call, one message each way */
enum { ACT_SUSPEND, ACT_RESUME, ACT_RESET };

static bool
dom_simple(VshCtl *ctl, const VshCmd *cmd, int act)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    const char *name;
    int r;

    if (!dom)
        return false;
    name = virDomainGetName(dom);
    switch (act) {
    case ACT_SUSPEND:
        if ((r = virDomainSuspend(dom)) < 0)
            vsh_error(ctl, "Failed to suspend domain '%s'", name);
        else
            vsh_print_extra(ctl, "Domain '%s' suspended\n", name);
        break;
    case ACT_RESUME:
        if ((r = virDomainResume(dom)) < 0)
            vsh_error(ctl, "Failed to resume domain '%s'", name);
        else
            vsh_print_extra(ctl, "Domain '%s' resumed\n", name);
        break;
    default:
        if ((r = virDomainReset(dom, 0)) < 0)
            vsh_error(ctl, "Failed to reset domain '%s'", name);
        else
            vsh_print_extra(ctl, "Domain '%s' was reset\n", name);
        break;
    }
    return r == 0;
}

static bool
cmd_suspend(VshCtl *ctl, const VshCmd *cmd)
{
    return dom_simple(ctl, cmd, ACT_SUSPEND);
}

static bool
cmd_resume(VshCtl *ctl, const VshCmd *cmd)
{
    return dom_simple(ctl, cmd, ACT_RESUME);
}

static bool
cmd_reset(VshCtl *ctl, const VshCmd *cmd)
{
    return dom_simple(ctl, cmd, ACT_RESET);
}

static bool
cmd_destroy(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    unsigned int flags = 0;
    int r;

    if (!dom)
        return false;
    if (vsh_opt_bool(cmd, "graceful"))
        flags |= VIR_DOMAIN_DESTROY_GRACEFUL;
    if (vsh_opt_bool(cmd, "remove-logs"))
        flags |= VIR_DOMAIN_DESTROY_REMOVE_LOGS;
    r = flags ? virDomainDestroyFlags(dom, flags) : virDomainDestroy(dom);
    if (r < 0) {
        vsh_error(ctl, "Failed to destroy domain '%s'", virDomainGetName(dom));
        return false;
    }
    vsh_print_extra(ctl, "Domain '%s' destroyed\n", virDomainGetName(dom));
    return true;
}

static const VshOptDef opts_destroy[] = {
    VSH_DOMAIN_OPT,
    { "graceful", VSH_OT_BOOL, 0, "ask the hypervisor to end the domain without SIGKILL" },
    { "remove-logs", VSH_OT_BOOL, 0, "also remove the domain's log files" },
    { NULL }
};

/* --mode acpi,agent,...: the shutdown/reboot method flags; -1 after reporting */
static int
power_mode_flags(VshCtl *ctl, const VshCmd *cmd, bool reboot)
{
    static const struct {
        const char *name;
        unsigned int shutdown, reboot;
    } modes[] = {
        { "acpi", VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN, VIR_DOMAIN_REBOOT_ACPI_POWER_BTN },
        { "agent", VIR_DOMAIN_SHUTDOWN_GUEST_AGENT, VIR_DOMAIN_REBOOT_GUEST_AGENT },
        { "initctl", VIR_DOMAIN_SHUTDOWN_INITCTL, VIR_DOMAIN_REBOOT_INITCTL },
        { "signal", VIR_DOMAIN_SHUTDOWN_SIGNAL, VIR_DOMAIN_REBOOT_SIGNAL },
        { "paravirt", VIR_DOMAIN_SHUTDOWN_PARAVIRT, VIR_DOMAIN_REBOOT_PARAVIRT },
    };
    const char *mode = NULL;
    g_auto(GStrv) parts = NULL;
    int flags = 0;

    if (vsh_opt_string(ctl, cmd, "mode", &mode) < 0)
        return -1;
    if (!mode)
        return 0;
    parts = g_strsplit(mode, ",", -1);
    for (size_t i = 0; parts[i]; i++) {
        size_t m;

        for (m = 0; m < G_N_ELEMENTS(modes); m++) {
            if (g_str_equal(parts[i], modes[m].name))
                break;
        }
        if (m == G_N_ELEMENTS(modes)) {
            vsh_error(ctl, "Unknown mode %s value, expecting 'acpi', 'agent', 'initctl', "
                      "'signal', or 'paravirt'", parts[i]);
            return -1;
        }
        flags |= (int) (reboot ? modes[m].reboot : modes[m].shutdown);
    }
    return flags;
}

static bool
cmd_shutdown(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    int flags = power_mode_flags(ctl, cmd, false);
    int r;

    if (flags < 0 || !(dom = vsh_domain(ctl, cmd, NULL)))
        return false;
    r = flags ? virDomainShutdownFlags(dom, flags) : virDomainShutdown(dom);
    if (r < 0) {
        vsh_error(ctl, "Failed to shutdown domain '%s'", virDomainGetName(dom));
        return false;
    }
    vsh_print_extra(ctl, "Domain '%s' is being shutdown\n", virDomainGetName(dom));
    return true;
}

static bool
cmd_reboot(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    int flags = power_mode_flags(ctl, cmd, true);

    if (flags < 0 || !(dom = vsh_domain(ctl, cmd, NULL)))
        return false;
    if (virDomainReboot(dom, flags) < 0) {
        vsh_error(ctl, "Failed to reboot domain '%s'", virDomainGetName(dom));
        return false;
    }
    vsh_print_extra(ctl, "Domain '%s' is being rebooted\n", virDomainGetName(dom));
    return true;
}

static const VshOptDef opts_power[] = {
    VSH_DOMAIN_OPT,
    { "mode", VSH_OT_STRING, 0, "how: acpi, agent, initctl, signal or paravirt (comma-separated)" },
    { NULL }
};

/* ---- save / restore / managed save / dump ---- */

static unsigned int
save_flags(const VshCmd *cmd)
{
    static const VshOptFlag map[] = {
        { "bypass-cache", VIR_DOMAIN_SAVE_BYPASS_CACHE },
        { "running", VIR_DOMAIN_SAVE_RUNNING },
        { "paused", VIR_DOMAIN_SAVE_PAUSED },
    };

    return vsh_opt_flags(cmd, map, G_N_ELEMENTS(map));
}

static bool
cmd_save(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    const char *file = NULL;
    g_autofree char *xml = NULL;
    unsigned int flags = save_flags(cmd);
    int r;

    if (!(dom = vsh_domain(ctl, cmd, NULL)) || vsh_opt_string(ctl, cmd, "file", &file) <= 0)
        return false;
    if (vsh_opt_given(cmd, "xml") && vsh_read_xml_opt(ctl, cmd, "xml", &xml) < 0)
        return false;
    r = flags || xml ? virDomainSaveFlags(dom, file, xml, flags) : virDomainSave(dom, file);
    if (r < 0) {
        vsh_error(ctl, "Failed to save domain '%s' to %s", virDomainGetName(dom), file);
        return false;
    }
    vsh_print_extra(ctl, "\nDomain '%s' saved to %s\n", virDomainGetName(dom), file);
    return true;
}

static const VshOptDef opts_save[] = {
    VSH_DOMAIN_OPT,
    { "file", VSH_OT_DATA, VSH_OF_REQUIRED, "where to write the saved state" },
    { "bypass-cache", VSH_OT_BOOL, 0, "do not use the host's file cache" },
    { "xml", VSH_OT_STRING, 0, "a file with the XML to restore with instead" },
    { "running", VSH_OT_BOOL, 0, "restore it running, whatever its state" },
    { "paused", VSH_OT_BOOL, 0, "restore it paused, whatever its state" },
    { "verbose", VSH_OT_BOOL, 0, "show progress" },
    { NULL }
};

static bool
cmd_restore(VshCtl *ctl, const VshCmd *cmd)
{
    const char *file = NULL;
    g_autofree char *xml = NULL;
    unsigned int flags = save_flags(cmd);
    int r;

    if (vsh_opt_string(ctl, cmd, "file", &file) <= 0)
        return false;
    if (vsh_opt_bool(cmd, "reset-nvram"))
        flags |= VIR_DOMAIN_SAVE_RESET_NVRAM;
    if (vsh_opt_given(cmd, "xml") && vsh_read_xml_opt(ctl, cmd, "xml", &xml) < 0)
        return false;
    r = flags || xml ? virDomainRestoreFlags(vsh_conn(ctl), file, xml, flags)
                     : virDomainRestore(vsh_conn(ctl), file);
    if (r < 0) {
        vsh_error(ctl, "Failed to restore domain from %s", file);
        return false;
    }
    vsh_print_extra(ctl, "Domain restored from %s\n", file);
    return true;
}

static const VshOptDef opts_restore[] = {
    { "file", VSH_OT_DATA, VSH_OF_REQUIRED, "the saved state to restore" },
    { "bypass-cache", VSH_OT_BOOL, 0, "do not use the host's file cache" },
    { "xml", VSH_OT_STRING, 0, "a file with the XML to restore with instead" },
    { "running", VSH_OT_BOOL, 0, "restore it running" },
    { "paused", VSH_OT_BOOL, 0, "restore it paused" },
    { "reset-nvram", VSH_OT_BOOL, 0, "start from a fresh copy of the NVRAM template" },
    { NULL }
};

static bool
cmd_managedsave(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;

    if (!(dom = vsh_domain(ctl, cmd, NULL)))
        return false;
    if (virDomainManagedSave(dom, save_flags(cmd)) < 0) {
        vsh_error(ctl, "Failed to save domain '%s' state", virDomainGetName(dom));
        return false;
    }
    vsh_print_extra(ctl, "\nDomain '%s' state saved by libvirt\n", virDomainGetName(dom));
    return true;
}

static const VshOptDef opts_managedsave[] = {
    VSH_DOMAIN_OPT,
    { "bypass-cache", VSH_OT_BOOL, 0, "do not use the host's file cache" },
    { "running", VSH_OT_BOOL, 0, "restore it running on the next start" },
    { "paused", VSH_OT_BOOL, 0, "restore it paused on the next start" },
    { "verbose", VSH_OT_BOOL, 0, "show progress" },
    { NULL }
};

static bool
cmd_managedsave_remove(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    int has;

    if (!dom)
        return false;
    if ((has = virDomainHasManagedSaveImage(dom, 0)) < 0) {
        vsh_error(ctl, "Failed to check for domain managed save image");
        return false;
    }
    if (has == 0) {
        vsh_print_extra(ctl, "Domain '%s' has no manage save image; removal skipped",
                        virDomainGetName(dom));
        return true;
    }
    if (virDomainManagedSaveRemove(dom, 0) < 0) {
        vsh_error(ctl, "Failed to remove managed save image for domain '%s'",
                  virDomainGetName(dom));
        return false;
    }
    vsh_print_extra(ctl, "Removed managedsave image for domain '%s'", virDomainGetName(dom));
    return true;
}

static bool
cmd_dump(VshCtl *ctl, const VshCmd *cmd)
{
    static const struct {
        const char *name;
        unsigned int fmt;
    } formats[] = {
        { "elf", VIR_DOMAIN_CORE_DUMP_FORMAT_RAW },
        { "kdump-zlib", VIR_DOMAIN_CORE_DUMP_FORMAT_KDUMP_ZLIB },
        { "kdump-lzo", VIR_DOMAIN_CORE_DUMP_FORMAT_KDUMP_LZO },
        { "kdump-snappy", VIR_DOMAIN_CORE_DUMP_FORMAT_KDUMP_SNAPPY },
        { "win-dmp", VIR_DOMAIN_CORE_DUMP_FORMAT_WIN_DMP },
    };
    g_autoptr(virDomain) dom = NULL;
    const char *file = NULL;
    const char *format = NULL;
    unsigned int flags = 0, fmt = VIR_DOMAIN_CORE_DUMP_FORMAT_RAW;
    int r;

    if (!(dom = vsh_domain(ctl, cmd, NULL)) || vsh_opt_string(ctl, cmd, "file", &file) <= 0 ||
        vsh_opt_string(ctl, cmd, "format", &format) < 0)
        return false;
    if (vsh_opt_bool(cmd, "live"))
        flags |= VIR_DUMP_LIVE;
    if (vsh_opt_bool(cmd, "crash"))
        flags |= VIR_DUMP_CRASH;
    if (vsh_opt_bool(cmd, "bypass-cache"))
        flags |= VIR_DUMP_BYPASS_CACHE;
    if (vsh_opt_bool(cmd, "reset"))
        flags |= VIR_DUMP_RESET;
    if (vsh_opt_bool(cmd, "memory-only"))
        flags |= VIR_DUMP_MEMORY_ONLY;
    if (format) {
        size_t i;

        if (!(flags & VIR_DUMP_MEMORY_ONLY)) {
            vsh_error(ctl, "--format only works with --memory-only");
            return false;
        }
        for (i = 0; i < G_N_ELEMENTS(formats); i++) {
            if (g_str_equal(format, formats[i].name))
                break;
        }
        if (i == G_N_ELEMENTS(formats)) {
            vsh_error(ctl, "format '%s' is not supported, expecting 'kdump-zlib', "
                      "'kdump-lzo', 'kdump-snappy', 'win-dmp' or 'elf'", format);
            return false;
        }
        fmt = formats[i].fmt;
        r = virDomainCoreDumpWithFormat(dom, file, fmt, flags);
    } else {
        r = virDomainCoreDump(dom, file, flags);
    }
    if (r < 0) {
        vsh_error(ctl, "Failed to core dump domain '%s' to %s", virDomainGetName(dom), file);
        return false;
    }
    vsh_print_extra(ctl, "\nDomain '%s' dumped to %s\n", virDomainGetName(dom), file);
    return true;
}

static const VshOptDef opts_dump[] = {
    VSH_DOMAIN_OPT,
    { "file", VSH_OT_DATA, VSH_OF_REQUIRED, "where to write the core" },
    { "live", VSH_OT_BOOL, 0, "keep the domain running while dumping" },
    { "crash", VSH_OT_BOOL, 0, "leave the domain crashed afterwards" },
    { "bypass-cache", VSH_OT_BOOL, 0, "do not use the host's file cache" },
    { "reset", VSH_OT_BOOL, 0, "reset the domain afterwards" },
    { "verbose", VSH_OT_BOOL, 0, "show progress" },
    { "memory-only", VSH_OT_BOOL, 0, "dump only the guest's memory" },
    { "format", VSH_OT_STRING, 0, "with --memory-only: elf, kdump-zlib, kdump-lzo, kdump-snappy or win-dmp" },
    { NULL }
};

/* ---- undefine ---- */

typedef struct {
    char *target;
    char *source;
    virStorageVolPtr vol;
} UndefVol;

static void
undef_vol_clear(gpointer p)
{
    UndefVol *v = p;

    g_free(v->target);
    g_free(v->source);
    if (v->vol)
        virStorageVolFree(v->vol);
}

/* The managed volume behind a disk; NULL (reported) when libvirt does not manage it. */
static virStorageVolPtr
undefine_vol_lookup(VshCtl *ctl, const char *target, const char *source, const char *pool)
{
    virStorageVolPtr vol = NULL;

    if (pool) {
        g_autoptr(virStoragePool) p = virStoragePoolLookupByName(vsh_conn(ctl), pool);

        if (!p) {
            vsh_error(ctl, "Storage pool '%s' for volume '%s' not found.", pool, target);
            vsh_reset_libvirt_error();
            return NULL;
        }
        vol = virStorageVolLookupByName(p, source);
    } else {
        vol = virStorageVolLookupByPath(vsh_conn(ctl), source);
    }
    if (!vol) {
        vsh_error(ctl, "Storage volume '%s'(%s) is not managed by libvirt. "
                  "Remove it manually.\n", target, source);
        vsh_reset_libvirt_error();
    }
    return vol;
}

/* The volumes to remove: every disk (--remove-all-storage) or those named in @list.
 * Volumes are looked up as disks are matched, as libvirt's virsh does. */
static bool
undefine_collect(VshCtl *ctl, virDomainPtr dom, const char *list, GArray *vols)
{
    g_autofree char *xml = virDomainGetXMLDesc(dom, 0);
    g_auto(GStrv) wanted = list ? g_strsplit(list, ",", -1) : NULL;
    g_autofree gboolean *used = NULL;
    xmlDocPtr doc;
    xmlXPathContextPtr x;
    xmlXPathObjectPtr r;
    bool ok = true;

    if (!xml)
        return false;
    if (wanted)
        used = g_new0(gboolean, g_strv_length(wanted) + 1);
    doc = xmlReadMemory(xml, (int) strlen(xml), "domain.xml", NULL,
                        XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
    if (!doc)
        return false;
    x = xmlXPathNewContext(doc);
    r = xmlXPathEvalExpression((const xmlChar *) "/domain/devices/disk", x);
    for (int i = 0; r && r->nodesetval && i < r->nodesetval->nodeNr; i++) {
        g_autofree char *target = NULL, *source = NULL, *pool = NULL;
        xmlXPathObjectPtr s;
        bool take = !wanted;

        x->node = r->nodesetval->nodeTab[i];
        s = xmlXPathEvalExpression((const xmlChar *) "string(./target/@dev)", x);
        target = g_strdup(s && s->stringval ? (const char *) s->stringval : "");
        xmlXPathFreeObject(s);
        s = xmlXPathEvalExpression((const xmlChar *)
                                   "string(./source/@file|./source/@dir|./source/@name|"
                                   "./source/@dev|./source/@volume)", x);
        if (s && s->stringval && *s->stringval)
            source = g_strdup((const char *) s->stringval);
        xmlXPathFreeObject(s);
        s = xmlXPathEvalExpression((const xmlChar *) "string(./source/@pool)", x);
        if (s && s->stringval && *s->stringval)
            pool = g_strdup((const char *) s->stringval);
        xmlXPathFreeObject(s);
        if (!source)
            continue;
        for (size_t w = 0; wanted && wanted[w]; w++) {
            if (g_str_equal(wanted[w], target) || g_str_equal(wanted[w], source)) {
                used[w] = TRUE;
                take = true;
            }
        }
        if (take) {
            UndefVol v = { 0 };

            if (!(v.vol = undefine_vol_lookup(ctl, target, source, pool)))
                continue;
            v.target = g_steal_pointer(&target);
            v.source = g_steal_pointer(&source);
            g_array_append_val(vols, v);
        }
    }
    xmlXPathFreeObject(r);
    xmlXPathFreeContext(x);
    xmlFreeDoc(doc);
    for (size_t w = 0; wanted && wanted[w]; w++) {
        if (!used[w] && *wanted[w]) {
            vsh_error(ctl, "Volume '%s' was not found in domain's definition.\n", wanted[w]);
            ok = false;
            break;
        }
    }
    return ok;
}

static bool
undefine_remove_vols(VshCtl *ctl, GArray *vols, bool wipe, bool snapshots)
{
    bool ok = true;

    for (guint i = 0; i < vols->len; i++) {
        UndefVol *v = &g_array_index(vols, UndefVol, i);

        if (wipe) {
            vsh_print(ctl, "Wiping volume '%s'(%s) ... ", v->target, v->source);
            if (virStorageVolWipe(v->vol, 0) < 0) {
                vsh_error(ctl, "Failed! Volume not removed.");
                ok = false;
                continue;
            }
            vsh_print(ctl, "Done.\n");
        }
        if (virStorageVolDelete(v->vol, snapshots ? VIR_STORAGE_VOL_DELETE_WITH_SNAPSHOTS
                                                  : 0) < 0) {
            vsh_error(ctl, "Failed to remove storage volume '%s'(%s)", v->target, v->source);
            ok = false;
            continue;
        }
        vsh_print_extra(ctl, "Volume '%s'(%s) removed.\n", v->target, v->source);
    }
    return ok;
}

static bool
cmd_undefine(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    g_autoptr(GArray) vols = g_array_new(FALSE, TRUE, sizeof(UndefVol));
    const char *storage = NULL;
    bool remove_all = vsh_opt_bool(cmd, "remove-all-storage");
    bool wipe = vsh_opt_bool(cmd, "wipe-storage");
    bool vol_snaps = vsh_opt_bool(cmd, "delete-storage-volume-snapshots");
    unsigned int flags = 0;
    bool ok;

    g_array_set_clear_func(vols, undef_vol_clear);
    if (!vsh_opt_exclusive(ctl, cmd, "nvram", "keep-nvram") ||
        !vsh_opt_exclusive(ctl, cmd, "tpm", "keep-tpm"))
        return false;
    if (vsh_opt_string(ctl, cmd, "storage", &storage) < 0)
        return false;
    if (vol_snaps && !remove_all) {
        vsh_error(ctl, "Option --remove-all-storage is required by option "
                  "--delete-storage-volume-snapshots");
        return false;
    }
    if (wipe && !storage && !remove_all) {
        vsh_error(ctl, "'--wipe-storage' requires '--storage <string>' or "
                  "'--remove-all-storage'");
        return false;
    }
    if (storage && remove_all) {
        vsh_error(ctl, "Specified both --storage and --remove-all-storage");
        return false;
    }
    if (!(dom = vsh_domain(ctl, cmd, NULL)))
        return false;

    if (vsh_opt_bool(cmd, "managed-save"))
        flags |= VIR_DOMAIN_UNDEFINE_MANAGED_SAVE;
    if (vsh_opt_bool(cmd, "snapshots-metadata"))
        flags |= VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA;
    if (vsh_opt_bool(cmd, "checkpoints-metadata"))
        flags |= VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA;
    if (vsh_opt_bool(cmd, "nvram"))
        flags |= VIR_DOMAIN_UNDEFINE_NVRAM;
    if (vsh_opt_bool(cmd, "keep-nvram"))
        flags |= VIR_DOMAIN_UNDEFINE_KEEP_NVRAM;
    if (vsh_opt_bool(cmd, "tpm"))
        flags |= VIR_DOMAIN_UNDEFINE_TPM;
    if (vsh_opt_bool(cmd, "keep-tpm"))
        flags |= VIR_DOMAIN_UNDEFINE_KEEP_TPM;

    if (storage || remove_all) {
        if (virDomainIsActive(dom) == 1) {
            vsh_error(ctl, "Storage volume deletion is supported only on stopped domains");
            return false;
        }
        if (!undefine_collect(ctl, dom, storage, vols))
            return false;
    }
    if (!(flags & VIR_DOMAIN_UNDEFINE_MANAGED_SAVE) &&
        virDomainHasManagedSaveImage(dom, 0) > 0) {
        vsh_error(ctl, "Refusing to undefine while domain managed save image exists");
        return false;
    }
    vsh_reset_libvirt_error();
    if ((flags ? virDomainUndefineFlags(dom, flags) : virDomainUndefine(dom)) < 0) {
        vsh_error(ctl, "Failed to undefine domain '%s'", virDomainGetName(dom));
        return false;
    }
    vsh_print_extra(ctl, "Domain '%s' has been undefined\n", virDomainGetName(dom));
    ok = undefine_remove_vols(ctl, vols, wipe, vol_snaps);
    return ok;
}

static const VshOptDef opts_undefine[] = {
    VSH_DOMAIN_OPT,
    { "managed-save", VSH_OT_BOOL, 0, "also remove the managed save image" },
    { "storage", VSH_OT_STRING, 0, "also remove these volumes (comma-separated targets or sources)" },
    { "remove-all-storage", VSH_OT_BOOL, 0, "also remove every volume the domain uses" },
    { "delete-storage-volume-snapshots", VSH_OT_BOOL, 0, "with --remove-all-storage: remove the volumes' snapshots too" },
    { "wipe-storage", VSH_OT_BOOL, 0, "wipe the volumes before removing them" },
    { "snapshots-metadata", VSH_OT_BOOL, 0, "also remove snapshot metadata" },
    { "checkpoints-metadata", VSH_OT_BOOL, 0, "also remove checkpoint metadata" },
    { "nvram", VSH_OT_BOOL, 0, "also remove the NVRAM file" },
    { "keep-nvram", VSH_OT_BOOL, 0, "keep the NVRAM file" },
    { "tpm", VSH_OT_BOOL, 0, "also remove the TPM state" },
    { "keep-tpm", VSH_OT_BOOL, 0, "keep the TPM state" },
    { NULL }
};

/* ---- autostart / rename / power management / keys ---- */

static bool
cmd_autostart(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    bool disable = vsh_opt_bool(cmd, "disable");

    if (!dom)
        return false;
    if (virDomainSetAutostart(dom, !disable) < 0) {
        vsh_error(ctl, disable ? "Failed to unmark domain '%s' as autostarted"
                               : "Failed to mark domain '%s' as autostarted",
                  virDomainGetName(dom));
        return false;
    }
    vsh_print_extra(ctl, disable ? "Domain '%s' unmarked as autostarted\n"
                                 : "Domain '%s' marked as autostarted\n",
                    virDomainGetName(dom));
    return true;
}

static const VshOptDef opts_autostart[] = {
    VSH_DOMAIN_OPT,
    { "disable", VSH_OT_BOOL, 0, "turn autostart off" },
    { NULL }
};

static bool
cmd_domrename(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain_opt(ctl, cmd, "domain", VSH_BYNAME | VSH_BYUUID,
                                              NULL);
    const char *newname = NULL;

    if (!dom || vsh_opt_string(ctl, cmd, "new-name", &newname) <= 0)
        return false;
    if (virDomainRename(dom, newname, 0) < 0)
        return false;
    vsh_print_extra(ctl, "Domain successfully renamed\n");
    return true;
}

static const VshOptDef opts_domrename[] = {
    { "domain", VSH_OT_DATA, VSH_OF_REQUIRED, "the inactive domain: name or UUID" },
    { "new-name", VSH_OT_DATA, VSH_OF_REQUIRED, "its new name" },
    { NULL }
};

static bool
cmd_dompmsuspend(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    const char *target = NULL;
    unsigned long long duration = 0;
    unsigned int t;

    if (!dom || vsh_opt_string(ctl, cmd, "target", &target) <= 0 ||
        vsh_opt_ull(ctl, cmd, "duration", &duration) < 0 ||
        !vsh_suspend_target(ctl, target, &t))
        return false;
    if (virDomainPMSuspendForDuration(dom, t, duration, 0) < 0) {
        vsh_error(ctl, "Domain '%s' could not be suspended", virDomainGetName(dom));
        return false;
    }
    vsh_print_extra(ctl, "Domain '%s' successfully suspended", virDomainGetName(dom));
    return true;
}

static const VshOptDef opts_dompmsuspend[] = {
    VSH_DOMAIN_OPT,
    { "target", VSH_OT_DATA, VSH_OF_REQUIRED, "mem (suspend to RAM), disk or hybrid" },
    { "duration", VSH_OT_INT, 0, "seconds until the guest wakes up by itself (0: never)" },
    { NULL }
};

static bool
cmd_dompmwakeup(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);

    if (!dom)
        return false;
    if (virDomainPMWakeup(dom, 0) < 0) {
        vsh_error(ctl, "Domain '%s' could not be woken up", virDomainGetName(dom));
        return false;
    }
    vsh_print_extra(ctl, "Domain '%s' successfully woken up", virDomainGetName(dom));
    return true;
}

static bool
cmd_inject_nmi(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);

    return dom && virDomainInjectNMI(dom, 0) == 0;
}

static bool
cmd_send_key(VshCtl *ctl, const VshCmd *cmd)
{
    static const char *const codesets[] = {
        [VIR_KEYCODE_SET_LINUX] = "linux", [VIR_KEYCODE_SET_XT] = "xt",
        [VIR_KEYCODE_SET_ATSET1] = "atset1", [VIR_KEYCODE_SET_ATSET2] = "atset2",
        [VIR_KEYCODE_SET_ATSET3] = "atset3", [VIR_KEYCODE_SET_OSX] = "os_x",
        [VIR_KEYCODE_SET_XT_KBD] = "xt_kbd", [VIR_KEYCODE_SET_USB] = "usb",
        [VIR_KEYCODE_SET_WIN32] = "win32", [VIR_KEYCODE_SET_QNUM] = "qnum",
    };
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    const char *cs = "linux";
    unsigned int holdtime = 0;
    unsigned int keys[VIR_DOMAIN_SEND_KEY_MAX_KEYS];
    int nkeys = 0, set = -1;
    const char *k;
    size_t iter = 0;

    if (!dom || vsh_opt_string(ctl, cmd, "codeset", &cs) < 0 ||
        vsh_opt_uint(ctl, cmd, "holdtime", &holdtime) < 0)
        return false;
    for (size_t i = 0; i < G_N_ELEMENTS(codesets); i++) {
        if (codesets[i] && g_str_equal(codesets[i], cs))
            set = (int) i;
    }
    if (g_str_equal(cs, "rfb"))
        set = VIR_KEYCODE_SET_QNUM;
    if (set < 0) {
        vsh_error(ctl, "unknown codeset: '%s'", cs);
        return false;
    }
    while ((k = vsh_opt_argv(cmd, "keycode", &iter))) {
        unsigned int v;

        if (nkeys == VIR_DOMAIN_SEND_KEY_MAX_KEYS) {
            vsh_error(ctl, "too many keycodes");
            return false;
        }
        if (parse_uint(k, 0, &v) < 0) {
            vsh_error(ctl, "invalid keycode: '%s'", k);
            return false;
        }
        keys[nkeys++] = v;
    }
    return virDomainSendKey(dom, (unsigned int) set, holdtime, keys, nkeys, 0) == 0;
}

static const VshOptDef opts_send_key[] = {
    VSH_DOMAIN_OPT,
    { "codeset", VSH_OT_STRING, VSH_OF_NOPOS, "the keycode set (default linux)" },
    { "holdtime", VSH_OT_INT, VSH_OF_NOPOS, "milliseconds to hold each key" },
    { "keycode", VSH_OT_ARGV, VSH_OF_REQUIRED, "numeric keycodes" },
    { NULL }
};

/* ---- the table, and the group of every domain-management file ---- */

static const VshOptDef opts_dom_only[] = {
    VSH_DOMAIN_OPT,
    { NULL }
};

const VshCmdDef vsh_cmds_domain_life[] = {
    { "autostart", cmd_autostart, opts_autostart, "start a domain with the host",
      "Mark a domain to be started when the host (or its daemon) starts.", 0 },
    { "create", cmd_create, opts_create, "start a transient domain from XML",
      "Create and start a domain that disappears once it stops.", 0 },
    { "define", cmd_define, opts_define, "define a domain from XML",
      "Define (or redefine) a persistent domain without starting it.", 0 },
    { "destroy", cmd_destroy, opts_destroy, "stop a domain at once",
      "Stop a running domain immediately, like pulling its power plug.", 0 },
    { "dompmsuspend", cmd_dompmsuspend, opts_dompmsuspend, "suspend a guest through its agent",
      "Ask the guest to suspend itself to memory, disk or both.", 0 },
    { "dompmwakeup", cmd_dompmwakeup, opts_dom_only, "wake a suspended guest",
      "Wake a guest that suspended itself to memory.", 0 },
    { "domrename", cmd_domrename, opts_domrename, "rename an inactive domain",
      "Give an inactive domain a new name.", 0 },
    { "dump", cmd_dump, opts_dump, "write a core dump of a domain",
      "Write the domain's memory (and device state) to a file for analysis.", 0 },
    { "inject-nmi", cmd_inject_nmi, opts_dom_only, "send an NMI to the guest",
      "Inject a non-maskable interrupt into the guest.", 0 },
    { "managedsave", cmd_managedsave, opts_managedsave, "save a domain for its next start",
      "Save a running domain to a file the daemon manages; the next start restores it.", 0 },
    { "managedsave-remove", cmd_managedsave_remove, opts_dom_only, "drop a managed save image",
      "Remove a domain's managed save image, so it boots afresh next time.", 0 },
    { "reboot", cmd_reboot, opts_power, "reboot a domain",
      "Ask the guest to reboot.", 0 },
    { "reset", cmd_reset, opts_dom_only, "reset a domain",
      "Reset the domain as if its reset button were pressed.", 0 },
    { "restore", cmd_restore, opts_restore, "start a domain from a saved state",
      "Start a domain from a file written by 'save'.", 0 },
    { "resume", cmd_resume, opts_dom_only, "resume a paused domain",
      "Let a paused domain run again.", 0 },
    { "save", cmd_save, opts_save, "save a domain's state to a file",
      "Save a running domain's state to a file and stop it.", 0 },
    { "send-key", cmd_send_key, opts_send_key, "send keystrokes to the guest",
      "Send key codes to the guest as if typed on its keyboard.", 0 },
    { "shutdown", cmd_shutdown, opts_power, "shut a domain down",
      "Ask the guest to shut down.", 0 },
    { "start", cmd_start, opts_start, "start a defined domain",
      "Start an inactive persistent domain.", 0 },
    { "suspend", cmd_suspend, opts_dom_only, "pause a domain",
      "Pause a running domain; it keeps its memory.", 0 },
    { "undefine", cmd_undefine, opts_undefine, "remove a domain's definition",
      "Remove a persistent domain's definition; a running one becomes transient.", 0 },
    { NULL }
};

const VshCmdGroup vsh_group_domain = {
    "Domain Management", "domain",
    { vsh_cmds_domain_life, vsh_cmds_domain_xml, vsh_cmds_domain_tune,
      vsh_cmds_domain_dev, vsh_cmds_domain_misc, vsh_cmds_domain_block },
};
