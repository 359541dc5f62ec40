/*
 * cmd-domain-block.c: block jobs and migration tunables (help keyword 'domain'):
 * blockjob, blockpull, blockcommit, blockcopy, blockresize, domblkthreshold,
 * migrate-setmaxdowntime/-getmaxdowntime, migrate-compcache,
 * migrate-setspeed/-getspeed, migrate-postcopy, plus send-process-signal,
 * domlaunchsecinfo and domdirtyrate-calc.
 *
 * Block jobs start without waiting unless --wait is given; waiting polls the job
 * every 500 ms, prints progress with --verbose, and aborts the job on --timeout.
 */
#include <limits.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "common/util/parse.h"
#include "tools/virsh/helpers.h"

#define PATH_OPT { "path", VSH_OT_DATA, VSH_OF_REQUIRED, "the disk: target (vda) or source path" }

/* ---- waiting for a block job ---- */

static void
print_progress(VshCtl *ctl, const char *label, unsigned long long cur, unsigned long long end)
{
    int pct = end ? (int) (cur * 100 / end) : 100;

    vsh_print(ctl, "\r%s: [%3d %%]", label, pct);
}

/* Poll until the job ends (0), reaches its ready phase (1), or fails (-1). */
static int
block_job_wait(VshCtl *ctl, virDomainPtr dom, const char *path, const char *label,
               bool verbose, int timeout_ms, bool until_ready)
{
    gint64 deadline = timeout_ms > 0 ? g_get_monotonic_time() + (gint64) timeout_ms * 1000 : 0;

    for (;;) {
        virDomainBlockJobInfo info;
        int r = virDomainGetBlockJobInfo(dom, path, &info, 0);

        if (r < 0)
            return -1;
        if (r == 0) {
            if (verbose)
                print_progress(ctl, label, 1, 1);
            return 0;
        }
        if (verbose)
            print_progress(ctl, label, info.cur, info.end);
        if (until_ready && info.end && info.cur == info.end) {
            if (verbose)
                vsh_print(ctl, "\n");
            return 1;
        }
        if (deadline && g_get_monotonic_time() >= deadline) {
            virDomainBlockJobAbort(dom, path, 0);
            return -1;
        }
        g_usleep(500 * 1000);
    }
}

static bool
wait_opts(VshCtl *ctl, const VshCmd *cmd, bool *wait, bool *verbose, int *timeout)
{
    *wait = vsh_opt_bool(cmd, "wait");
    *verbose = vsh_opt_bool(cmd, "verbose");
    *timeout = 0;
    if (vsh_opt_timeout(ctl, cmd, timeout) < 0)
        return false;
    if (*timeout)
        *wait = true;
    if (*verbose && !*wait) {
        vsh_error(ctl, "Option --wait is required by option --verbose");
        return false;
    }
    return true;
}

static unsigned long
bandwidth(VshCtl *ctl, const VshCmd *cmd, bool *ok)
{
    unsigned long bw = 0;

    *ok = vsh_opt_ul(ctl, cmd, "bandwidth", &bw) >= 0;
    return bw;
}

/* ---- blockpull ---- */

static bool
cmd_blockpull(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    const char *path = NULL, *base = NULL;
    bool wait, verbose, ok;
    int timeout, r;
    unsigned long bw;
    unsigned int flags = 0;

    if (!dom || vsh_opt_string(ctl, cmd, "path", &path) <= 0 ||
        vsh_opt_string(ctl, cmd, "base", &base) < 0 ||
        !wait_opts(ctl, cmd, &wait, &verbose, &timeout))
        return false;
    bw = bandwidth(ctl, cmd, &ok);
    if (!ok)
        return false;
    if (vsh_opt_bool(cmd, "bytes"))
        flags |= VIR_DOMAIN_BLOCK_PULL_BANDWIDTH_BYTES;
    if (vsh_opt_bool(cmd, "keep-relative"))
        flags |= VIR_DOMAIN_BLOCK_REBASE_RELATIVE;
    r = base || (flags & VIR_DOMAIN_BLOCK_REBASE_RELATIVE)
        ? virDomainBlockRebase(dom, path, base, bw, flags)
        : virDomainBlockPull(dom, path, bw, flags);
    if (r < 0)
        return false;
    if (!wait) {
        vsh_print_extra(ctl, "Block Pull started");
        return true;
    }
    if (block_job_wait(ctl, dom, path, "Block Pull", verbose, timeout, false) < 0) {
        vsh_error(ctl, "Pull failed");
        return false;
    }
    vsh_print_extra(ctl, "\nPull complete\n");
    return true;
}

#define WAIT_OPTS \
    { "wait", VSH_OT_BOOL, 0, "wait for the job to finish" }, \
    { "verbose", VSH_OT_BOOL, 0, "with --wait: show progress" }, \
    { "timeout", VSH_OT_INT, 0, "with --wait: abort the job after this many seconds" }

static const VshOptDef opts_blockpull[] = {
    VSH_DOMAIN_OPT,
    PATH_OPT,
    { "bandwidth", VSH_OT_INT, 0, "bandwidth limit (MiB/s, or bytes/s with --bytes)" },
    { "base", VSH_OT_STRING, 0, "pull down to this backing image only" },
    WAIT_OPTS,
    { "async", VSH_OT_BOOL, 0, "with --timeout: do not wait for the abort to finish" },
    { "keep-relative", VSH_OT_BOOL, 0, "keep the backing chain relative" },
    { "bytes", VSH_OT_BOOL, 0, "the bandwidth is in bytes/s" },
    { NULL }
};

/* ---- blockcommit ---- */

static bool
cmd_blockcommit(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    const char *path = NULL, *base = NULL, *top = NULL;
    bool active = vsh_opt_bool(cmd, "active");
    bool pivot = vsh_opt_bool(cmd, "pivot");
    bool keep = vsh_opt_bool(cmd, "keep-overlay");
    bool wait, verbose, ok;
    int timeout, r;
    unsigned long bw;
    unsigned int flags = 0;

    if (!vsh_opt_exclusive(ctl, cmd, "pivot", "keep-overlay"))
        return false;
    if (!dom || vsh_opt_string(ctl, cmd, "path", &path) <= 0 ||
        vsh_opt_string(ctl, cmd, "base", &base) < 0 ||
        vsh_opt_string(ctl, cmd, "top", &top) < 0 ||
        !wait_opts(ctl, cmd, &wait, &verbose, &timeout))
        return false;
    bw = bandwidth(ctl, cmd, &ok);
    if (!ok)
        return false;
    if (vsh_opt_bool(cmd, "shallow"))
        flags |= VIR_DOMAIN_BLOCK_COMMIT_SHALLOW;
    if (vsh_opt_bool(cmd, "delete"))
        flags |= VIR_DOMAIN_BLOCK_COMMIT_DELETE;
    if (active || pivot || keep)
        flags |= VIR_DOMAIN_BLOCK_COMMIT_ACTIVE;
    if (vsh_opt_bool(cmd, "keep-relative"))
        flags |= VIR_DOMAIN_BLOCK_COMMIT_RELATIVE;
    if (vsh_opt_bool(cmd, "bytes"))
        flags |= VIR_DOMAIN_BLOCK_COMMIT_BANDWIDTH_BYTES;
    if ((pivot || keep) && !wait)
        wait = true;
    if (virDomainBlockCommit(dom, path, base, top, bw, flags) < 0)
        return false;
    if (!wait) {
        vsh_print_extra(ctl, (flags & VIR_DOMAIN_BLOCK_COMMIT_ACTIVE)
                             ? "Active Block Commit started" : "Block Commit started");
        return true;
    }
    r = block_job_wait(ctl, dom, path, "Block commit", verbose, timeout,
                       (flags & VIR_DOMAIN_BLOCK_COMMIT_ACTIVE) != 0);
    if (r < 0) {
        vsh_error(ctl, "Commit failed");
        return false;
    }
    if (r == 1) {
        if (pivot) {
            if (virDomainBlockJobAbort(dom, path, VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT) < 0)
                return false;
            vsh_print_extra(ctl, "\nSuccessfully pivoted\n");
        } else if (keep) {
            if (virDomainBlockJobAbort(dom, path, 0) < 0)
                return false;
            vsh_print_extra(ctl, "\nCommit complete, overlay image kept\n");
        } else {
            vsh_print_extra(ctl, "\nNow in synchronized phase\n");
        }
        return true;
    }
    vsh_print_extra(ctl, "\nCommit complete\n");
    return true;
}

static const VshOptDef opts_blockcommit[] = {
    VSH_DOMAIN_OPT,
    PATH_OPT,
    { "bandwidth", VSH_OT_INT, 0, "bandwidth limit (MiB/s, or bytes/s with --bytes)" },
    { "base", VSH_OT_STRING, 0, "commit into this backing image" },
    { "shallow", VSH_OT_BOOL, 0, "commit into the image just below the top" },
    { "top", VSH_OT_STRING, 0, "commit from this image down" },
    { "active", VSH_OT_BOOL, 0, "commit the active (top) image" },
    { "delete", VSH_OT_BOOL, 0, "delete the committed images afterwards" },
    WAIT_OPTS,
    { "pivot", VSH_OT_BOOL, 0, "switch to the base image when done" },
    { "keep-overlay", VSH_OT_BOOL, 0, "keep using the overlay when done" },
    { "async", VSH_OT_BOOL, 0, "with --timeout: do not wait for the abort to finish" },
    { "keep-relative", VSH_OT_BOOL, 0, "keep the backing chain relative" },
    { "bytes", VSH_OT_BOOL, 0, "the bandwidth is in bytes/s" },
    { NULL }
};

/* ---- blockcopy ---- */

static bool
cmd_blockcopy(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    const char *path = NULL, *dest = NULL, *xmlfile = NULL, *format = NULL;
    g_autofree char *destxml = NULL;
    bool pivot = vsh_opt_bool(cmd, "pivot");
    bool finish = vsh_opt_bool(cmd, "finish");
    bool wait, verbose;
    virTypedParameterPtr params = NULL;
    int n = 0, max = 0, timeout, r;
    unsigned long long bw = 0, gran = 0, bufsize = 0;
    unsigned int flags = 0;
    bool ok = false;

    if (!vsh_opt_exclusive(ctl, cmd, "dest", "xml") ||
        !vsh_opt_exclusive(ctl, cmd, "pivot", "finish"))
        return false;
    if (!dom || vsh_opt_string(ctl, cmd, "path", &path) <= 0 ||
        vsh_opt_string(ctl, cmd, "dest", &dest) < 0 ||
        vsh_opt_string(ctl, cmd, "xml", &xmlfile) < 0 ||
        vsh_opt_string(ctl, cmd, "format", &format) < 0 ||
        vsh_opt_ull(ctl, cmd, "bandwidth", &bw) < 0 ||
        vsh_opt_ull(ctl, cmd, "granularity", &gran) < 0 ||
        vsh_opt_ull(ctl, cmd, "buf-size", &bufsize) < 0 ||
        !wait_opts(ctl, cmd, &wait, &verbose, &timeout))
        return false;
    if (!dest && !xmlfile) {
        vsh_error(ctl, "need either --dest or --xml");
        return false;
    }
    if (xmlfile) {
        size_t len;

        if (vsh_read_file(ctl, xmlfile, VSH_MAX_XML_FILE, &destxml, &len) < 0)
            return false;
    } else {
        GString *x = g_string_new("<disk");
        g_autofree char *e = vsh_xml_escape(dest);
        bool blockdev = vsh_opt_bool(cmd, "blockdev");

        g_string_append_printf(x, " type='%s'>\n", blockdev ? "block" : "file");
        g_string_append_printf(x, blockdev ? "  <source dev='%s'/>\n" : "  <source file='%s'/>\n",
                               e);
        if (format) {
            g_autofree char *f = vsh_xml_escape(format);

            g_string_append_printf(x, "  <driver type='%s'/>\n", f);
        }
        g_string_append(x, "</disk>\n");
        destxml = g_string_free(x, FALSE);
    }
    if (vsh_opt_bool(cmd, "print-xml")) {
        vsh_print(ctl, "%s", destxml);
        return true;
    }
    if (vsh_opt_bool(cmd, "shallow"))
        flags |= VIR_DOMAIN_BLOCK_COPY_SHALLOW;
    if (vsh_opt_bool(cmd, "reuse-external"))
        flags |= VIR_DOMAIN_BLOCK_COPY_REUSE_EXT;
    if (vsh_opt_bool(cmd, "transient-job"))
        flags |= VIR_DOMAIN_BLOCK_COPY_TRANSIENT_JOB;
    if (vsh_opt_bool(cmd, "synchronous-writes"))
        flags |= VIR_DOMAIN_BLOCK_COPY_SYNCHRONOUS_WRITES;
    if (bw) {
        if (!vsh_opt_bool(cmd, "bytes"))
            bw <<= 20;
        virTypedParamsAddULLong(&params, &n, &max, VIR_DOMAIN_BLOCK_COPY_BANDWIDTH, bw);
    }
    if (gran)
        virTypedParamsAddUInt(&params, &n, &max, VIR_DOMAIN_BLOCK_COPY_GRANULARITY,
                              (unsigned int) gran);
    if (bufsize)
        virTypedParamsAddULLong(&params, &n, &max, VIR_DOMAIN_BLOCK_COPY_BUF_SIZE, bufsize);
    if (pivot || finish)
        wait = true;
    if (virDomainBlockCopy(dom, path, destxml, params, n, flags) < 0)
        goto out;
    if (!wait) {
        vsh_print_extra(ctl, "Block Copy started");
        ok = true;
        goto out;
    }
    if ((r = block_job_wait(ctl, dom, path, "Block Copy", verbose, timeout, true)) < 0) {
        vsh_error(ctl, "Copy failed");
        goto out;
    }
    if (pivot) {
        if (virDomainBlockJobAbort(dom, path, VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT) < 0)
            goto out;
        vsh_print_extra(ctl, "\nSuccessfully pivoted\n");
    } else if (finish) {
        if (virDomainBlockJobAbort(dom, path, 0) < 0)
            goto out;
        vsh_print_extra(ctl, "\nSuccessfully copied\n");
    } else {
        vsh_print_extra(ctl, "\nNow in mirroring phase\n");
    }
    ok = true;
 out:
    virTypedParamsFree(params, n);
    return ok;
}

static const VshOptDef opts_blockcopy[] = {
    VSH_DOMAIN_OPT,
    PATH_OPT,
    { "dest", VSH_OT_STRING, 0, "the destination file or device" },
    { "bandwidth", VSH_OT_INT, 0, "bandwidth limit (MiB/s, or bytes/s with --bytes)" },
    { "shallow", VSH_OT_BOOL, 0, "copy only the top image" },
    { "reuse-external", VSH_OT_BOOL, 0, "reuse an existing destination" },
    { "blockdev", VSH_OT_BOOL, 0, "the destination is a block device" },
    WAIT_OPTS,
    { "pivot", VSH_OT_BOOL, 0, "switch to the copy when done" },
    { "finish", VSH_OT_BOOL, 0, "stop copying when done, keep the original" },
    { "async", VSH_OT_BOOL, 0, "with --timeout: do not wait for the abort to finish" },
    { "xml", VSH_OT_STRING, 0, "a file with the destination's <disk> XML" },
    { "format", VSH_OT_STRING, 0, "the destination's format" },
    { "granularity", VSH_OT_INT, 0, "dirty bitmap granularity (bytes)" },
    { "buf-size", VSH_OT_INT, 0, "copy buffer size (bytes)" },
    { "bytes", VSH_OT_BOOL, 0, "the bandwidth is in bytes/s" },
    { "transient-job", VSH_OT_BOOL, 0, "the job need not survive a daemon restart" },
    { "synchronous-writes", VSH_OT_BOOL, 0, "guest writes wait for the copy" },
    { "print-xml", VSH_OT_BOOL, 0, "print the destination XML instead of copying" },
    { NULL }
};

/* ---- blockjob ---- */

static bool
cmd_blockjob(VshCtl *ctl, const VshCmd *cmd)
{
    static const char *const types[] = {
        "Block Job", "Block Pull", "Block Copy", "Block Commit", "Active Block Commit",
        "Backup",
    };
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    const char *path = NULL;
    bool abort_job = vsh_opt_bool(cmd, "abort") || vsh_opt_bool(cmd, "async") ||
                     vsh_opt_bool(cmd, "pivot");
    unsigned long bw = 0;
    int rbw;
    virDomainBlockJobInfo info;
    int r;

    if (!dom || vsh_opt_string(ctl, cmd, "path", &path) <= 0 ||
        (rbw = vsh_opt_ul(ctl, cmd, "bandwidth", &bw)) < 0)
        return false;
    if (abort_job) {
        unsigned int flags = 0;

        if (vsh_opt_bool(cmd, "async"))
            flags |= VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC;
        if (vsh_opt_bool(cmd, "pivot"))
            flags |= VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT;
        return virDomainBlockJobAbort(dom, path, flags) == 0;
    }
    if (rbw > 0)
        return virDomainBlockJobSetSpeed(dom, path, bw, vsh_opt_bool(cmd, "bytes")
                                         ? VIR_DOMAIN_BLOCK_JOB_SPEED_BANDWIDTH_BYTES : 0) == 0;
    if ((r = virDomainGetBlockJobInfo(dom, path, &info, vsh_opt_bool(cmd, "bytes")
                                      ? VIR_DOMAIN_BLOCK_JOB_INFO_BANDWIDTH_BYTES : 0)) < 0)
        return false;
    if (r == 0) {
        vsh_print(ctl, "No current block job for %s\n", path);
        return true;
    }
    if (vsh_opt_bool(cmd, "raw")) {
        vsh_print(ctl, " type=%s\n bandwidth=%lu\n cur=%llu\n end=%llu\n",
                  (size_t) info.type < G_N_ELEMENTS(types) ? types[info.type] : "unknown",
                  info.bandwidth, info.cur, info.end);
        return true;
    }
    print_progress(ctl, (size_t) info.type < G_N_ELEMENTS(types) ? types[info.type] : "Block Job",
                   info.cur, info.end);
    vsh_print(ctl, "\n");
    if (info.bandwidth) {
        g_autofree char *h = vsh_pretty_bytes(info.bandwidth);

        vsh_print(ctl, "    Bandwidth limit: %lu bytes/s (%s/s)\n", info.bandwidth, h);
    }
    return true;
}

static const VshOptDef opts_blockjob[] = {
    VSH_DOMAIN_OPT,
    PATH_OPT,
    { "abort", VSH_OT_BOOL, 0, "cancel the job" },
    { "async", VSH_OT_BOOL, 0, "cancel without waiting" },
    { "pivot", VSH_OT_BOOL, 0, "finish a copy or active commit by switching images" },
    { "info", VSH_OT_BOOL, 0, "show the job's progress (the default)" },
    { "bytes", VSH_OT_BOOL, 0, "bandwidth in bytes/s" },
    { "raw", VSH_OT_BOOL, 0, "raw fields" },
    { "bandwidth", VSH_OT_INT, 0, "set the bandwidth limit (MiB/s, or bytes/s with --bytes)" },
    { NULL }
};

/* ---- blockresize / domblkthreshold ---- */

static bool
cmd_blockresize(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    const char *path = NULL;
    unsigned long long size = 0;

    if (!dom || vsh_opt_string(ctl, cmd, "path", &path) <= 0 ||
        vsh_opt_scaled(ctl, cmd, "size", &size, 1024, ULLONG_MAX) < 0)
        return false;
    if (virDomainBlockResize(dom, path, size, VIR_DOMAIN_BLOCK_RESIZE_BYTES) < 0) {
        vsh_error(ctl, "Failed to resize block device '%s'", path);
        return false;
    }
    vsh_print_extra(ctl, "Block device '%s' is resized\n", path);
    return true;
}

static const VshOptDef opts_blockresize[] = {
    VSH_DOMAIN_OPT,
    PATH_OPT,
    { "size", VSH_OT_INT, VSH_OF_REQUIRED, "the new size (KiB unless a unit is given)" },
    { NULL }
};

static bool
cmd_domblkthreshold(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    const char *dev = NULL;
    unsigned long long t = 0;

    if (!dom || vsh_opt_string(ctl, cmd, "dev", &dev) <= 0 ||
        vsh_opt_scaled(ctl, cmd, "threshold", &t, 1, ULLONG_MAX) < 0)
        return false;
    return virDomainSetBlockThreshold(dom, dev, t, 0) == 0;
}

static const VshOptDef opts_domblkthreshold[] = {
    VSH_DOMAIN_OPT,
    { "dev", VSH_OT_DATA, VSH_OF_REQUIRED, "the disk target (or vda[1] for a backing image)" },
    { "threshold", VSH_OT_INT, VSH_OF_REQUIRED, "the threshold (bytes unless a unit is given)" },
    { NULL }
};

/* ---- migration tunables ---- */

static bool
cmd_migrate_setmaxdowntime(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    unsigned long long ms = 0;

    if (!dom || vsh_opt_ull(ctl, cmd, "downtime", &ms) < 0)
        return false;
    if (ms < 1) {
        vsh_error(ctl, "migrate: Invalid downtime");
        return false;
    }
    return virDomainMigrateSetMaxDowntime(dom, ms, 0) == 0;
}

static const VshOptDef opts_migrate_setmaxdowntime[] = {
    VSH_DOMAIN_OPT,
    { "downtime", VSH_OT_INT, VSH_OF_REQUIRED, "most tolerable downtime (ms)" },
    { NULL }
};

static bool
cmd_migrate_getmaxdowntime(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    unsigned long long ms = 0;

    if (!dom || virDomainMigrateGetMaxDowntime(dom, &ms, 0) < 0)
        return false;
    vsh_print(ctl, "%llu\n", ms);
    return true;
}

static bool
cmd_migrate_compcache(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    unsigned long long size = 0;
    double d;
    const char *unit;
    int r;

    if (!dom || (r = vsh_opt_scaled(ctl, cmd, "size", &size, 1, ULLONG_MAX)) < 0)
        return false;
    if (r > 0 && virDomainMigrateSetCompressionCache(dom, size, 0) < 0)
        return false;
    if (virDomainMigrateGetCompressionCache(dom, &size, 0) < 0)
        return false;
    d = (double) size;
    unit = "B";
    for (const char *const *u = (const char *const[]) { "KiB", "MiB", "GiB", "TiB", NULL };
         *u && d >= 1024.0; u++) {
        d /= 1024.0;
        unit = *u;
    }
    vsh_print(ctl, "Compression cache: %.3lf %s\n", d, unit);
    return true;
}

static const VshOptDef opts_migrate_compcache[] = {
    VSH_DOMAIN_OPT,
    { "size", VSH_OT_INT, 0, "new cache size (bytes unless a unit is given)" },
    { NULL }
};

static bool
cmd_migrate_setspeed(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    unsigned long bw = 0;

    if (!dom || vsh_opt_ul(ctl, cmd, "bandwidth", &bw) < 0)
        return false;
    return virDomainMigrateSetMaxSpeed(dom, bw, vsh_opt_bool(cmd, "postcopy")
                                       ? VIR_DOMAIN_MIGRATE_MAX_SPEED_POSTCOPY : 0) == 0;
}

static const VshOptDef opts_migrate_setspeed[] = {
    VSH_DOMAIN_OPT,
    { "bandwidth", VSH_OT_INT, VSH_OF_REQUIRED, "bandwidth limit in MiB/s" },
    { "postcopy", VSH_OT_BOOL, 0, "the limit of the post-copy phase" },
    { NULL }
};

static bool
cmd_migrate_getspeed(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    unsigned long bw = 0;

    if (!dom || virDomainMigrateGetMaxSpeed(dom, &bw, vsh_opt_bool(cmd, "postcopy")
                                            ? VIR_DOMAIN_MIGRATE_MAX_SPEED_POSTCOPY : 0) < 0)
        return false;
    vsh_print(ctl, "%lu\n", bw);
    return true;
}

static const VshOptDef opts_migrate_getspeed[] = {
    VSH_DOMAIN_OPT,
    { "postcopy", VSH_OT_BOOL, 0, "the limit of the post-copy phase" },
    { NULL }
};

static bool
cmd_migrate_postcopy(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);

    return dom && virDomainMigrateStartPostCopy(dom, 0) == 0;
}

/* ---- signals, launch security, dirty rate ---- */

static bool
cmd_send_process_signal(VshCtl *ctl, const VshCmd *cmd)
{
    static const char *const names[] = {
        "nop", "hup", "int", "quit", "ill", "trap", "abrt", "bus", "fpe", "kill", "usr1",
        "segv", "usr2", "pipe", "alrm", "term", "stkflt", "chld", "cont", "stop", "tstp",
        "ttin", "ttou", "urg", "xcpu", "xfsz", "vtalrm", "prof", "winch", "poll", "pwr",
        "sys", "rt0", "rt1", "rt2", "rt3", "rt4", "rt5", "rt6", "rt7", "rt8", "rt9", "rt10",
        "rt11", "rt12", "rt13", "rt14", "rt15", "rt16", "rt17", "rt18", "rt19", "rt20",
        "rt21", "rt22", "rt23", "rt24", "rt25", "rt26", "rt27", "rt28", "rt29", "rt30",
        "rt31", "rt32",
    };
    G_STATIC_ASSERT(G_N_ELEMENTS(names) == VIR_DOMAIN_PROCESS_SIGNAL_LAST);
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    const char *name = NULL;
    long long pid = 0;
    int sig = -1;

    if (!dom || vsh_opt_ll(ctl, cmd, "pid", &pid) < 0 ||
        vsh_opt_string(ctl, cmd, "signame", &name) <= 0)
        return false;
    if (parse_int(name, 10, &sig) < 0) {
        const char *n = g_ascii_strncasecmp(name, "sig", 3) == 0 ? name + 3 : name;

        sig = -1;
        for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
            if (g_ascii_strcasecmp(n, names[i]) == 0)
                sig = (int) i;
        }
    }
    if (sig < 0 || sig >= VIR_DOMAIN_PROCESS_SIGNAL_LAST) {
        vsh_error(ctl, "malformed signal name: %s", name);
        return false;
    }
    return virDomainSendProcessSignal(dom, pid, (unsigned int) sig, 0) == 0;
}

static const VshOptDef opts_send_process_signal[] = {
    VSH_DOMAIN_OPT,
    { "pid", VSH_OT_DATA, VSH_OF_REQUIRED, "the process id in the guest" },
    { "signame", VSH_OT_DATA, VSH_OF_REQUIRED, "the signal, by number or name" },
    { NULL }
};

static bool
cmd_domlaunchsecinfo(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    virTypedParameterPtr params = NULL;
    int n = 0;

    if (!dom)
        return false;
    if (virDomainGetLaunchSecurityInfo(dom, &params, &n, 0) < 0) {
        vsh_error(ctl, "Unable to get launch security parameters");
        return false;
    }
    for (int i = 0; i < n; i++) {
        g_autofree char *v = vsh_param_value(&params[i]);

        vsh_print(ctl, "%-15s: %s\n", params[i].field, v);
    }
    virTypedParamsFree(params, n);
    return true;
}

static bool
cmd_domdirtyrate_calc(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    const char *mode = NULL;
    int seconds = 1;
    unsigned int flags = 0;

    if (!dom || vsh_opt_int(ctl, cmd, "seconds", &seconds) < 0 ||
        vsh_opt_string(ctl, cmd, "mode", &mode) < 0)
        return false;
    if (mode) {
        if (g_str_equal(mode, "page-sampling"))
            flags = VIR_DOMAIN_DIRTYRATE_MODE_PAGE_SAMPLING;
        else if (g_str_equal(mode, "dirty-bitmap"))
            flags = VIR_DOMAIN_DIRTYRATE_MODE_DIRTY_BITMAP;
        else if (g_str_equal(mode, "dirty-ring"))
            flags = VIR_DOMAIN_DIRTYRATE_MODE_DIRTY_RING;
        else {
            vsh_error(ctl, "Invalid mode: %s", mode);
            return false;
        }
    }
    if (virDomainStartDirtyRateCalc(dom, seconds, flags) < 0)
        return false;
    vsh_print_extra(ctl, "Start to calculate domain's memory dirty rate successfully.\n");
    return true;
}

static const VshOptDef opts_domdirtyrate_calc[] = {
    VSH_DOMAIN_OPT,
    { "seconds", VSH_OT_INT, 0, "how long to measure (1-60 s, default 1)" },
    { "mode", VSH_OT_STRING, 0, "page-sampling, dirty-bitmap or dirty-ring" },
    { NULL }
};

/* ---- the table ---- */

static const VshOptDef opts_dom_only[] = {
    VSH_DOMAIN_OPT,
    { NULL }
};

const VshCmdDef vsh_cmds_domain_block[] = {
    { "blockcommit", cmd_blockcommit, opts_blockcommit, "merge images of a backing chain",
      "Commit the data of upper images of a disk's backing chain into a lower one.", 0 },
    { "blockcopy", cmd_blockcopy, opts_blockcopy, "copy a disk while the domain runs",
      "Copy a disk to a new destination, then optionally switch to the copy.", 0 },
    { "blockjob", cmd_blockjob, opts_blockjob, "show or control a disk's block job",
      "Print the progress of a disk's block job, change its speed, or end it.", 0 },
    { "blockpull", cmd_blockpull, opts_blockpull, "fill a disk from its backing images",
      "Copy the data of backing images into the disk so it stands alone.", 0 },
    { "blockresize", cmd_blockresize, opts_blockresize, "resize a disk of a running domain",
      "Change the size of a disk of a running domain.", 0 },
    { "domblkthreshold", cmd_domblkthreshold, opts_domblkthreshold,
      "ask for an event when a disk fills past a size",
      "Set the write threshold that makes the block-threshold event fire.", 0 },
    { "domdirtyrate-calc", cmd_domdirtyrate_calc, opts_domdirtyrate_calc,
      "measure a domain's memory dirty rate",
      "Start measuring how fast the guest dirties memory (see domstats --dirtyrate).", 0 },
    { "domlaunchsecinfo", cmd_domlaunchsecinfo, opts_dom_only, "show launch security facts",
      "Print the launch security (SEV) measurement of a domain.", 0 },
    { "migrate-compcache", cmd_migrate_compcache, opts_migrate_compcache,
      "show or set the migration compression cache",
      "Print or change the size of the compression cache for migration.", 0 },
    { "migrate-getmaxdowntime", cmd_migrate_getmaxdowntime, opts_dom_only,
      "show the tolerable migration downtime",
      "Print the most downtime (ms) a live migration may cause.", 0 },
    { "migrate-getspeed", cmd_migrate_getspeed, opts_migrate_getspeed,
      "show the migration bandwidth limit", "Print the migration bandwidth limit in MiB/s.", 0 },
    { "migrate-postcopy", cmd_migrate_postcopy, opts_dom_only,
      "switch a migration to post-copy",
      "Switch a running migration from pre-copy to post-copy.", 0 },
    { "migrate-setmaxdowntime", cmd_migrate_setmaxdowntime, opts_migrate_setmaxdowntime,
      "set the tolerable migration downtime",
      "Set the most downtime (ms) a live migration may cause.", 0 },
    { "migrate-setspeed", cmd_migrate_setspeed, opts_migrate_setspeed,
      "set the migration bandwidth limit", "Set the migration bandwidth limit in MiB/s.", 0 },
    { "send-process-signal", cmd_send_process_signal, opts_send_process_signal,
      "signal a process in the guest",
      "Send a signal to a process of a container or guest.", 0 },
    { NULL }
};
