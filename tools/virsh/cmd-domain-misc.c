/*
 * cmd-domain-misc.c: the remaining domain commands (help keyword 'domain'): the
 * identity converters (domid, domname, domuuid), display and console access
 * (domdisplay, vncdisplay, ttyconsole, console, screenshot), jobs (domjobinfo,
 * domjobabort) and guest-agent queries (domhostname, domfsinfo, domfsfreeze,
 * domfsthaw, domfstrim, guestinfo, get-user-sshkeys, set-user-sshkeys,
 * set-user-password).
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/util/parse.h"
#include "tools/virsh/helpers.h"
#include "tools/virsh/table.h"

/* ---- identity ---- */

static bool
cmd_domid(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain_opt(ctl, cmd, "domain", VSH_BYNAME | VSH_BYUUID,
                                              NULL);
    unsigned int id;

    if (!dom)
        return false;
    id = virDomainGetID(dom);
    if (id == (unsigned int) -1)
        vsh_print(ctl, "%s\n", "-");
    else
        vsh_print(ctl, "%u\n", id);
    return true;
}

static bool
cmd_domname(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain_opt(ctl, cmd, "domain", VSH_BYID | VSH_BYUUID, NULL);

    if (!dom)
        return false;
    vsh_print(ctl, "%s\n", virDomainGetName(dom));
    return true;
}

static bool
cmd_domuuid(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain_opt(ctl, cmd, "domain", VSH_BYID | VSH_BYNAME, NULL);
    char uuid[VIR_UUID_STRING_BUFLEN];

    if (!dom)
        return false;
    if (virDomainGetUUIDString(dom, uuid) < 0) {
        vsh_error(ctl, "Failed to get domain's UUID");
        return false;
    }
    vsh_print(ctl, "%s\n", uuid);
    return true;
}

/* ---- displays ---- */

static bool
cmd_domdisplay(VshCtl *ctl, const VshCmd *cmd)
{
    static const char *const types[] = { "vnc", "spice", "rdp" };
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    const char *want = NULL;
    bool all = vsh_opt_bool(cmd, "all");
    bool pw = vsh_opt_bool(cmd, "include-password");
    g_autofree char *xml = NULL;
    bool any = false;

    if (!dom || vsh_opt_string(ctl, cmd, "type", &want) < 0)
        return false;
    if (!(xml = virDomainGetXMLDesc(dom, pw ? VIR_DOMAIN_XML_SECURE : 0)))
        return false;
    for (size_t i = 0; i < G_N_ELEMENTS(types); i++) {
        g_autofree char *base = g_strdup_printf("/domain/devices/graphics[@type='%s']", types[i]);
        g_autofree char *xp_port = g_strdup_printf("string(%s/@port)", base);
        g_autofree char *xp_tls = g_strdup_printf("string(%s/@tlsPort)", base);
        g_autofree char *xp_listen = g_strdup_printf("string(%s/@listen)", base);
        g_autofree char *xp_sock = g_strdup_printf("string(%s/@socket)", base);
        g_autofree char *xp_pass = g_strdup_printf("string(%s/@passwd)", base);
        g_autofree char *port = NULL, *tls = NULL, *listen = NULL, *sock = NULL, *pass = NULL;
        g_autoptr(GString) uri = NULL;
        int portnum = 0;
        int p = 0;

        if (want && !g_str_equal(want, types[i]))
            continue;
        port = vsh_xml_get(xml, xp_port);
        tls = vsh_xml_get(xml, xp_tls);
        sock = vsh_xml_get(xml, xp_sock);
        if (!port && !tls && !sock)
            continue;
        if (!port || parse_int(port, 10, &p) < 0)
            p = 0;
        if (port && p <= 0 && !tls && !sock)
            continue;
        listen = vsh_xml_get(xml, xp_listen);
        pass = pw ? vsh_xml_get(xml, xp_pass) : NULL;
        portnum = p;
        if (g_str_equal(types[i], "vnc") && portnum >= 5900)
            portnum -= 5900;
        uri = g_string_new(NULL);
        if (sock) {
            g_string_append_printf(uri, "%s+unix://%s", types[i], sock);
        } else {
            const char *host = listen && !g_str_equal(listen, "0.0.0.0") &&
                               !g_str_equal(listen, "::") ? listen : "localhost";

            g_string_append_printf(uri, "%s://", types[i]);
            if (strchr(host, ':'))
                g_string_append_printf(uri, "[%s]", host);
            else
                g_string_append(uri, host);
            if (p > 0)
                g_string_append_printf(uri, ":%d", portnum);
        }
        if (tls || pass) {
            g_string_append_c(uri, '?');
            if (tls)
                g_string_append_printf(uri, "tls-port=%s&", tls);
            if (pass)
                g_string_append_printf(uri, "password=%s&", pass);
            g_string_truncate(uri, uri->len - 1);
        }
        vsh_print(ctl, "%s\n", uri->str);
        any = true;
        if (!all)
            break;
    }
    if (!any) {
        if (want)
            vsh_error(ctl, "No graphical display with type '%s' found", want);
        else
            vsh_error(ctl, "No graphical display found");
        return false;
    }
    return true;
}

static const VshOptDef opts_domdisplay[] = {
    VSH_DOMAIN_OPT,
    { "include-password", VSH_OT_BOOL, 0, "include the display password in the URI" },
    { "type", VSH_OT_STRING, 0, "only this kind of display (vnc, spice, rdp)" },
    { "all", VSH_OT_BOOL, 0, "every display, not just the first" },
    { NULL }
};

static bool
cmd_vncdisplay(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    g_autofree char *xml = NULL, *port = NULL, *listen = NULL;
    int p;

    if (!dom || !(xml = virDomainGetXMLDesc(dom, 0)))
        return false;
    port = vsh_xml_get(xml, "string(/domain/devices/graphics[@type='vnc']/@port)");
    if (!port || parse_int(port, 10, &p) < 0 || p <= 0) {
        vsh_error(ctl, "Failed to get VNC port. Is this domain using VNC?");
        return false;
    }
    listen = vsh_xml_get(xml, "string(/domain/devices/graphics[@type='vnc']/@listen)");
    if (!listen || g_str_equal(listen, "0.0.0.0"))
        vsh_print(ctl, ":%d\n", p - 5900);
    else
        vsh_print(ctl, "%s:%d\n", listen, p - 5900);
    return true;
}

static bool
cmd_ttyconsole(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    g_autofree char *xml = NULL, *tty = NULL;

    if (!dom || !(xml = virDomainGetXMLDesc(dom, 0)))
        return false;
    if (!(tty = vsh_xml_get(xml, "string(/domain/devices/console/@tty)")))
        return false;
    vsh_print(ctl, "%s\n", tty);
    return true;
}

static bool
cmd_console(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    const char *devname = NULL;
    unsigned int flags = 0;

    if (!dom || vsh_opt_string(ctl, cmd, "devname", &devname) < 0)
        return false;
    if (vsh_opt_bool(cmd, "force"))
        flags |= VIR_DOMAIN_CONSOLE_FORCE;
    if (vsh_opt_bool(cmd, "safe"))
        flags |= VIR_DOMAIN_CONSOLE_SAFE;
    return vsh_console(ctl, dom, devname, flags);
}

static const VshOptDef opts_console[] = {
    VSH_DOMAIN_OPT,
    { "devname", VSH_OT_STRING, 0, "the console's alias (default: the first console)" },
    { "force", VSH_OT_BOOL, 0, "take the console over from another session" },
    { "safe", VSH_OT_BOOL, 0, "only connect if the console can be shared safely" },
    { NULL }
};

static bool
screenshot_sink(VshCtl *ctl, virStreamPtr st, int fd)
{
    char buf[65536];
    int n;

    while ((n = virStreamRecv(st, buf, sizeof(buf))) > 0) {
        if (write(fd, buf, n) != n)
            return false;
    }
    return n == 0;
}

static bool
cmd_screenshot(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    g_autoptr(virStream) st = NULL;
    const char *file = NULL;
    g_autofree char *made = NULL;
    g_autofree char *mime = NULL;
    unsigned int screen = 0;
    int fd;
    bool ok;

    if (!dom || vsh_opt_string(ctl, cmd, "file", &file) < 0 ||
        vsh_opt_uint(ctl, cmd, "screen", &screen) < 0)
        return false;
    if (!(st = virStreamNew(vsh_conn(ctl), 0)))
        return false;
    {
        char *m = virDomainScreenshot(dom, st, screen, 0);

        if (!m) {
            vsh_error(ctl, "could not take a screenshot of %s", virDomainGetName(dom));
            return false;
        }
        mime = g_strdup(m);
        free(m);
    }
    if (!file) {
        g_autoptr(GDateTime) now = g_date_time_new_now_local();
        g_autofree char *stamp = g_date_time_format(now, "%Y-%m-%d-%H:%M:%S");
        const char *ext = g_str_equal(mime, "image/x-portable-pixmap") ? ".ppm"
                        : g_str_equal(mime, "image/png") ? ".png" : "";

        made = g_strdup_printf("%s-%s%s", virDomainGetName(dom), stamp, ext);
        file = made;
    }
    if ((fd = open(file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666)) < 0) {
        vsh_error(ctl, "cannot create file %s", file);
        virStreamAbort(st);
        return false;
    }
    ok = screenshot_sink(ctl, st, fd);
    if (close(fd) < 0 && ok) {
        vsh_error(ctl, "cannot close file %s", file);
        ok = false;
    }
    if (!ok) {
        vsh_error(ctl, "could not receive data from domain '%s'", virDomainGetName(dom));
        virStreamAbort(st);
        unlink(file);
        return false;
    }
    if (virStreamFinish(st) < 0) {
        vsh_error(ctl, "cannot close stream on domain '%s'", virDomainGetName(dom));
        unlink(file);
        return false;
    }
    vsh_print(ctl, "Screenshot saved to %s, with type of %s", file, mime);
    return true;
}

static const VshOptDef opts_screenshot[] = {
    VSH_DOMAIN_OPT,
    { "file", VSH_OT_STRING, 0, "where to save it (default: <domain>-<date>.<ext>)" },
    { "screen", VSH_OT_INT, 0, "which screen (head) of the display" },
    { NULL }
};

/* ---- jobs ---- */

static const char *
job_type_str(int t)
{
    static const char *const names[] = {
        [VIR_DOMAIN_JOB_NONE] = "None", [VIR_DOMAIN_JOB_BOUNDED] = "Bounded",
        [VIR_DOMAIN_JOB_UNBOUNDED] = "Unbounded", [VIR_DOMAIN_JOB_COMPLETED] = "Completed",
        [VIR_DOMAIN_JOB_FAILED] = "Failed", [VIR_DOMAIN_JOB_CANCELLED] = "Cancelled",
    };

    return t >= 0 && t < (int) G_N_ELEMENTS(names) ? names[t] : "unknown";
}

static const char *
job_op_str(int op)
{
    static const char *const names[] = {
        [VIR_DOMAIN_JOB_OPERATION_UNKNOWN] = "Unknown",
        [VIR_DOMAIN_JOB_OPERATION_START] = "Start",
        [VIR_DOMAIN_JOB_OPERATION_SAVE] = "Save",
        [VIR_DOMAIN_JOB_OPERATION_RESTORE] = "Restore",
        [VIR_DOMAIN_JOB_OPERATION_MIGRATION_IN] = "Incoming migration",
        [VIR_DOMAIN_JOB_OPERATION_MIGRATION_OUT] = "Outgoing migration",
        [VIR_DOMAIN_JOB_OPERATION_SNAPSHOT] = "Snapshot",
        [VIR_DOMAIN_JOB_OPERATION_SNAPSHOT_REVERT] = "Snapshot revert",
        [VIR_DOMAIN_JOB_OPERATION_DUMP] = "Dump",
        [VIR_DOMAIN_JOB_OPERATION_BACKUP] = "Backup",
        [VIR_DOMAIN_JOB_OPERATION_SNAPSHOT_DELETE] = "Snapshot delete",
    };

    return op >= 0 && op < (int) G_N_ELEMENTS(names) ? names[op] : "unknown";
}

static void
job_bytes(VshCtl *ctl, const char *label, unsigned long long v, bool rate)
{
    static const char *const units[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
    double d = (double) v;
    size_t u = 0;

    while (u + 1 < G_N_ELEMENTS(units) && d >= 1024.0) {
        d /= 1024.0;
        u++;
    }
    if (rate)
        vsh_print(ctl, "%-17s %-.3lf %s/s\n", label, d, units[u]);
    else
        vsh_print(ctl, "%-17s %-.3lf %s\n", label, d, units[u]);
}

static bool
cmd_domjobinfo(VshCtl *ctl, const VshCmd *cmd)
{
    static const struct {
        const char *field;
        const char *label;
        char kind;        /* 't' ms, 'b' bytes, 'r' bytes/s, 'p' pages/s, 's' bytes, 'n' number */
    } rows[] = {
        { VIR_DOMAIN_JOB_TIME_ELAPSED, "Time elapsed:", 't' },
        { VIR_DOMAIN_JOB_TIME_ELAPSED_NET, "Time elapsed w/o network:", 't' },
        { VIR_DOMAIN_JOB_TIME_REMAINING, "Time remaining:", 't' },
        { VIR_DOMAIN_JOB_DATA_PROCESSED, "Data processed:", 'b' },
        { VIR_DOMAIN_JOB_DATA_REMAINING, "Data remaining:", 'b' },
        { VIR_DOMAIN_JOB_DATA_TOTAL, "Data total:", 'b' },
        { VIR_DOMAIN_JOB_MEMORY_PROCESSED, "Memory processed:", 'b' },
        { VIR_DOMAIN_JOB_MEMORY_REMAINING, "Memory remaining:", 'b' },
        { VIR_DOMAIN_JOB_MEMORY_TOTAL, "Memory total:", 'b' },
        { VIR_DOMAIN_JOB_MEMORY_BPS, "Memory bandwidth:", 'r' },
        { VIR_DOMAIN_JOB_MEMORY_DIRTY_RATE, "Dirty rate:", 'p' },
        { VIR_DOMAIN_JOB_MEMORY_PAGE_SIZE, "Page size:", 's' },
        { VIR_DOMAIN_JOB_MEMORY_ITERATION, "Iteration:", 'n' },
        { VIR_DOMAIN_JOB_MEMORY_POSTCOPY_REQS, "Postcopy requests:", 'n' },
        { VIR_DOMAIN_JOB_DISK_PROCESSED, "File processed:", 'b' },
        { VIR_DOMAIN_JOB_DISK_REMAINING, "File remaining:", 'b' },
        { VIR_DOMAIN_JOB_DISK_TOTAL, "File total:", 'b' },
        { VIR_DOMAIN_JOB_DISK_BPS, "File bandwidth:", 'r' },
        { VIR_DOMAIN_JOB_MEMORY_CONSTANT, "Constant pages:", 'n' },
        { VIR_DOMAIN_JOB_MEMORY_NORMAL, "Normal pages:", 'n' },
        { VIR_DOMAIN_JOB_MEMORY_NORMAL_BYTES, "Normal data:", 'b' },
        { VIR_DOMAIN_JOB_DOWNTIME, "Total downtime:", 't' },
        { VIR_DOMAIN_JOB_DOWNTIME_NET, "Downtime w/o network:", 't' },
        { VIR_DOMAIN_JOB_SETUP_TIME, "Setup time:", 't' },
    };
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    bool raw = vsh_opt_bool(cmd, "rawstats");
    virTypedParameterPtr params = NULL;
    unsigned int flags = 0;
    int type = 0, n = 0;

    if (!dom)
        return false;
    if (vsh_opt_bool(cmd, "completed"))
        flags |= VIR_DOMAIN_JOB_STATS_COMPLETED;
    if (vsh_opt_bool(cmd, "keep-completed"))
        flags |= VIR_DOMAIN_JOB_STATS_KEEP_COMPLETED;
    if (virDomainGetJobStats(dom, &type, &params, &n, flags) < 0) {
        virDomainJobInfo info;

        if (vsh_last_error_code() != VIR_ERR_NO_SUPPORT)
            return false;
        if (flags || raw) {
            vsh_error(ctl, "Optional flags or --rawstats are not supported by the daemon");
            return false;
        }
        vsh_reset_libvirt_error();
        if (virDomainGetJobInfo(dom, &info) < 0)
            return false;
        type = info.type;
        {
            int max = 0;

            virTypedParamsAddULLong(&params, &n, &max, VIR_DOMAIN_JOB_TIME_ELAPSED,
                                    info.timeElapsed);
        }
    }
    if (raw) {
        vsh_print(ctl, "Job type: %d\n\n", type);
        for (int i = 0; i < n; i++) {
            g_autofree char *v = vsh_param_value(&params[i]);

            vsh_print(ctl, "%s: %s\n", params[i].field, v);
        }
        virTypedParamsFree(params, n);
        return true;
    }
    vsh_print(ctl, "%-17s %-12s\n", "Job type:", job_type_str(type));
    if (type == VIR_DOMAIN_JOB_NONE && !vsh_opt_bool(cmd, "anystats")) {
        virTypedParamsFree(params, n);
        return true;
    }
    {
        int op;

        if (virTypedParamsGetInt(params, n, VIR_DOMAIN_JOB_OPERATION, &op) == 1)
            vsh_print(ctl, "%-17s %-12s\n", "Operation:", job_op_str(op));
    }
    for (size_t r = 0; r < G_N_ELEMENTS(rows); r++) {
        unsigned long long v;

        if (virTypedParamsGetULLong(params, n, rows[r].field, &v) != 1)
            continue;
        switch (rows[r].kind) {
        case 't':
            vsh_print(ctl, "%-17s %-12llu ms\n", rows[r].label, v);
            break;
        case 'b':
            job_bytes(ctl, rows[r].label, v, false);
            break;
        case 'r':
            job_bytes(ctl, rows[r].label, v, true);
            break;
        case 'p':
            vsh_print(ctl, "%-17s %-12llu pages/s\n", rows[r].label, v);
            break;
        case 's':
            vsh_print(ctl, "%-17s %-12llu bytes\n", rows[r].label, v);
            break;
        default:
            vsh_print(ctl, "%-17s %-12llu\n", rows[r].label, v);
            break;
        }
    }
    {
        const char *msg = NULL;

        if (virTypedParamsGetString(params, n, VIR_DOMAIN_JOB_ERRMSG, &msg) == 1)
            vsh_print(ctl, "%-17s %s\n", "Error message:", msg);
    }
    virTypedParamsFree(params, n);
    return true;
}

static const VshOptDef opts_domjobinfo[] = {
    VSH_DOMAIN_OPT,
    { "completed", VSH_OT_BOOL, 0, "the statistics of the last completed job" },
    { "keep-completed", VSH_OT_BOOL, 0, "with --completed: do not discard them" },
    { "anystats", VSH_OT_BOOL, 0, "print statistics even when no job runs" },
    { "rawstats", VSH_OT_BOOL, 0, "print the raw statistics fields" },
    { NULL }
};

static bool
cmd_domjobabort(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);

    if (!dom)
        return false;
    if (vsh_opt_bool(cmd, "postcopy"))
        return virDomainAbortJobFlags(dom, VIR_DOMAIN_ABORT_JOB_POSTCOPY) == 0;
    return virDomainAbortJob(dom) == 0;
}

static const VshOptDef opts_domjobabort[] = {
    VSH_DOMAIN_OPT,
    { "postcopy", VSH_OT_BOOL, 0, "interrupt a post-copy migration" },
    { NULL }
};

/* ---- guest agent queries ---- */

static bool
cmd_domhostname(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    const char *source = NULL;
    unsigned int flags = 0;
    char *name;

    if (!dom || vsh_opt_string(ctl, cmd, "source", &source) < 0)
        return false;
    if (source) {
        if (g_str_equal(source, "agent"))
            flags = VIR_DOMAIN_GET_HOSTNAME_AGENT;
        else if (g_str_equal(source, "lease"))
            flags = VIR_DOMAIN_GET_HOSTNAME_LEASE;
        else {
            vsh_error(ctl, "Unknown data source '%s'", source);
            return false;
        }
    }
    if (!(name = virDomainGetHostname(dom, flags))) {
        vsh_error(ctl, "failed to get hostname");
        return false;
    }
    vsh_print(ctl, "%s\n", name);
    free(name);
    return true;
}

static const VshOptDef opts_domhostname[] = {
    VSH_DOMAIN_OPT,
    { "source", VSH_OT_STRING, 0, "where to ask: agent or lease" },
    { NULL }
};

static bool
cmd_domfsinfo(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    g_autoptr(VshTable) table = NULL;
    virDomainFSInfoPtr *info = NULL;
    int n;

    if (!dom)
        return false;
    if ((n = virDomainGetFSInfo(dom, &info, 0)) < 0) {
        vsh_error(ctl, "Unable to get filesystem information");
        return false;
    }
    table = vsh_table_new("Mountpoint", "Name", "Type", "Target", NULL);
    for (int i = 0; i < n; i++) {
        g_autofree char *targets = g_strjoinv(",", info[i]->devAlias);

        vsh_table_add_row(table, info[i]->mountpoint, info[i]->name, info[i]->fstype,
                          targets, NULL);
        virDomainFSInfoFree(info[i]);
    }
    free(info);
    vsh_table_print(ctl, table);
    return true;
}

static GPtrArray *
mountpoints(const VshCmd *cmd)
{
    GPtrArray *a = g_ptr_array_new();
    const char *m;
    size_t iter = 0;

    while ((m = vsh_opt_argv(cmd, "mountpoint", &iter)))
        g_ptr_array_add(a, (gpointer) m);
    return a;
}

static bool
cmd_domfsfreeze(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    g_autoptr(GPtrArray) mp = mountpoints(cmd);
    int n;

    if (!dom)
        return false;
    if ((n = virDomainFSFreeze(dom, (const char **) mp->pdata, mp->len, 0)) < 0) {
        vsh_error(ctl, "Unable to freeze filesystems");
        return false;
    }
    vsh_print(ctl, "Froze %d filesystem(s)\n", n);
    return true;
}

static bool
cmd_domfsthaw(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    g_autoptr(GPtrArray) mp = mountpoints(cmd);
    int n;

    if (!dom)
        return false;
    if ((n = virDomainFSThaw(dom, (const char **) mp->pdata, mp->len, 0)) < 0) {
        vsh_error(ctl, "Unable to thaw filesystems");
        return false;
    }
    vsh_print(ctl, "Thawed %d filesystem(s)\n", n);
    return true;
}

static const VshOptDef opts_domfs_mounts[] = {
    VSH_DOMAIN_OPT,
    { "mountpoint", VSH_OT_ARGV, 0, "mount points (default: all)" },
    { NULL }
};

static bool
cmd_domfstrim(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    unsigned long long minimum = 0;
    const char *mp = NULL;

    if (!dom || vsh_opt_ull(ctl, cmd, "minimum", &minimum) < 0 ||
        vsh_opt_string(ctl, cmd, "mountpoint", &mp) < 0)
        return false;
    if (virDomainFSTrim(dom, mp, minimum, 0) < 0) {
        vsh_error(ctl, "Unable to invoke fstrim");
        return false;
    }
    return true;
}

static const VshOptDef opts_domfstrim[] = {
    VSH_DOMAIN_OPT,
    { "minimum", VSH_OT_INT, 0, "only trim free ranges at least this many bytes long" },
    { "mountpoint", VSH_OT_STRING, 0, "only this mount point" },
    { NULL }
};

static bool
cmd_guestinfo(VshCtl *ctl, const VshCmd *cmd)
{
    static const struct {
        const char *opt;
        unsigned int type;
    } kinds[] = {
        { "user", VIR_DOMAIN_GUEST_INFO_USERS },
        { "os", VIR_DOMAIN_GUEST_INFO_OS },
        { "timezone", VIR_DOMAIN_GUEST_INFO_TIMEZONE },
        { "hostname", VIR_DOMAIN_GUEST_INFO_HOSTNAME },
        { "filesystem", VIR_DOMAIN_GUEST_INFO_FILESYSTEM },
        { "disk", VIR_DOMAIN_GUEST_INFO_DISKS },
        { "interface", VIR_DOMAIN_GUEST_INFO_INTERFACES },
    };
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    virTypedParameterPtr params = NULL;
    unsigned int types = 0;
    int n = 0;

    if (!dom)
        return false;
    for (size_t i = 0; i < G_N_ELEMENTS(kinds); i++) {
        if (vsh_opt_bool(cmd, kinds[i].opt))
            types |= kinds[i].type;
    }
    if (virDomainGetGuestInfo(dom, types, &params, &n, 0) < 0)
        return false;
    for (int i = 0; i < n; i++) {
        g_autofree char *v = vsh_param_value(&params[i]);

        vsh_print(ctl, "%-20s: %s\n", params[i].field, v);
    }
    virTypedParamsFree(params, n);
    return true;
}

static const VshOptDef opts_guestinfo[] = {
    VSH_DOMAIN_OPT,
    { "user", VSH_OT_BOOL, 0, "logged-in users" },
    { "os", VSH_OT_BOOL, 0, "operating system" },
    { "timezone", VSH_OT_BOOL, 0, "time zone" },
    { "hostname", VSH_OT_BOOL, 0, "host name" },
    { "filesystem", VSH_OT_BOOL, 0, "file systems" },
    { "disk", VSH_OT_BOOL, 0, "disks" },
    { "interface", VSH_OT_BOOL, 0, "network interfaces" },
    { NULL }
};

static bool
cmd_get_user_sshkeys(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    const char *user = NULL;
    char **keys = NULL;
    int n;

    if (!dom || vsh_opt_string(ctl, cmd, "user", &user) <= 0)
        return false;
    if ((n = virDomainAuthorizedSSHKeysGet(dom, user, &keys, 0)) < 0)
        return false;
    for (int i = 0; i < n; i++) {
        vsh_print(ctl, "%s\n", keys[i]);
        free(keys[i]);
    }
    free(keys);
    return true;
}

static const VshOptDef opts_user[] = {
    VSH_DOMAIN_OPT,
    { "user", VSH_OT_DATA, VSH_OF_REQUIRED, "the guest user" },
    { NULL }
};

static bool
cmd_set_user_sshkeys(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    const char *user = NULL, *file = NULL;
    g_autofree char *data = NULL;
    g_auto(GStrv) lines = NULL;
    g_autoptr(GPtrArray) keys = g_ptr_array_new();
    unsigned int flags = 0;
    size_t len;

    if (!dom || vsh_opt_string(ctl, cmd, "user", &user) <= 0 ||
        vsh_opt_string(ctl, cmd, "file", &file) < 0)
        return false;
    if (vsh_opt_bool(cmd, "remove"))
        flags |= VIR_DOMAIN_AUTHORIZED_SSH_KEYS_SET_REMOVE;
    if (!vsh_opt_bool(cmd, "reset"))
        flags |= VIR_DOMAIN_AUTHORIZED_SSH_KEYS_SET_APPEND;
    if (file) {
        if (vsh_read_file(ctl, file, VSH_MAX_XML_FILE, &data, &len) < 0)
            return false;
        lines = g_strsplit(data, "\n", -1);
        for (size_t i = 0; lines[i]; i++) {
            if (*lines[i] && lines[i][0] != '#')
                g_ptr_array_add(keys, lines[i]);
        }
        if (keys->len == 0 && !vsh_opt_bool(cmd, "reset")) {
            vsh_error(ctl, "File %s contains no keys", file);
            return false;
        }
    } else if (!vsh_opt_bool(cmd, "reset")) {
        vsh_error(ctl, "Option --file is required unless --reset is given");
        return false;
    }
    return virDomainAuthorizedSSHKeysSet(dom, user, (const char **) keys->pdata, keys->len,
                                         flags) == 0;
}

static const VshOptDef opts_set_user_sshkeys[] = {
    VSH_DOMAIN_OPT,
    { "user", VSH_OT_DATA, VSH_OF_REQUIRED, "the guest user" },
    { "file", VSH_OT_STRING, 0, "a file of public keys, one per line" },
    { "reset", VSH_OT_BOOL, 0, "replace the user's keys instead of adding" },
    { "remove", VSH_OT_BOOL, 0, "remove these keys" },
    { NULL }
};

static bool
cmd_set_user_password(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    const char *user = NULL, *pw = NULL;

    if (!dom || vsh_opt_string(ctl, cmd, "user", &user) <= 0 ||
        vsh_opt_string(ctl, cmd, "password", &pw) <= 0)
        return false;
    if (virDomainSetUserPassword(dom, user, pw, vsh_opt_bool(cmd, "encrypted")
                                 ? VIR_DOMAIN_PASSWORD_ENCRYPTED : 0) < 0)
        return false;
    vsh_print_extra(ctl, "Password set successfully for %s in %s\n", user,
                    virDomainGetName(dom));
    return true;
}

static const VshOptDef opts_set_user_password[] = {
    VSH_DOMAIN_OPT,
    { "user", VSH_OT_DATA, VSH_OF_REQUIRED, "the guest user" },
    { "password", VSH_OT_DATA, VSH_OF_REQUIRED, "the new password" },
    { "encrypted", VSH_OT_BOOL, 0, "the password is already encrypted" },
    { NULL }
};

/* ---- the table ---- */

static const VshOptDef opts_dom_only[] = {
    VSH_DOMAIN_OPT,
    { NULL }
};

const VshCmdDef vsh_cmds_domain_misc[] = {
    { "console", cmd_console, opts_console, "connect to a guest console",
      "Attach the terminal to a console of the domain; ^] leaves it.", 0 },
    { "domdisplay", cmd_domdisplay, opts_domdisplay, "show the URI of a graphical display",
      "Print the URI a client connects to for the domain's graphical display.", 0 },
    { "domfsfreeze", cmd_domfsfreeze, opts_domfs_mounts, "freeze guest file systems",
      "Freeze the guest's mounted file systems (needs its agent).", 0 },
    { "domfsinfo", cmd_domfsinfo, opts_dom_only, "list guest file systems",
      "List the guest's mounted file systems (needs its agent).", 0 },
    { "domfsthaw", cmd_domfsthaw, opts_domfs_mounts, "thaw guest file systems",
      "Thaw frozen guest file systems (needs its agent).", 0 },
    { "domfstrim", cmd_domfstrim, opts_domfstrim, "discard unused guest blocks",
      "Run fstrim on the guest's mounted file systems (needs its agent).", 0 },
    { "domhostname", cmd_domhostname, opts_domhostname, "show the guest's host name",
      "Print the host name of the guest.", 0 },
    { "domid", cmd_domid, opts_dom_only, "print a domain's id",
      "Print the id of a domain given by name or UUID ('-' when inactive).", 0 },
    { "domjobabort", cmd_domjobabort, opts_domjobabort, "abort a domain's job",
      "Abort the migration, save or dump a domain is busy with.", 0 },
    { "domjobinfo", cmd_domjobinfo, opts_domjobinfo, "show a domain's job progress",
      "Print the progress of the job a domain is busy with.", 0 },
    { "domname", cmd_domname, opts_dom_only, "print a domain's name",
      "Print the name of a domain given by id or UUID.", 0 },
    { "domuuid", cmd_domuuid, opts_dom_only, "print a domain's UUID",
      "Print the UUID of a domain given by id or name.", 0 },
    { "get-user-sshkeys", cmd_get_user_sshkeys, opts_user, "list a guest user's SSH keys",
      "Print the authorized SSH keys of a guest user (needs its agent).", 0 },
    { "guestinfo", cmd_guestinfo, opts_guestinfo, "show facts from the guest agent",
      "Print what the guest agent reports (users, OS, disks...).", 0 },
    { "screenshot", cmd_screenshot, opts_screenshot, "save a screenshot of the display",
      "Save an image of the domain's display to a file.", 0 },
    { "set-user-password", cmd_set_user_password, opts_set_user_password,
      "set a guest user's password", "Set a guest user's password (needs its agent).", 0 },
    { "set-user-sshkeys", cmd_set_user_sshkeys, opts_set_user_sshkeys,
      "change a guest user's SSH keys",
      "Add, replace or remove authorized SSH keys of a guest user (needs its agent).", 0 },
    { "ttyconsole", cmd_ttyconsole, opts_dom_only, "print the console's host tty",
      "Print the host terminal device of the domain's console.", 0 },
    { "vncdisplay", cmd_vncdisplay, opts_dom_only, "print the VNC display",
      "Print the host and display number of the domain's VNC server.", 0 },
    { NULL }
};
