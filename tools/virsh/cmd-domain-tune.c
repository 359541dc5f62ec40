/*
 * cmd-domain-tune.c: domain resource commands (help keyword 'domain'): memory
 * (setmem, setmaxmem, memtune), vCPUs (setvcpus, vcpucount, vcpuinfo, vcpupin,
 * setvcpu, guestvcpus, cpu-stats), placement (emulatorpin, numatune, iothread*),
 * and the typed-parameter tunables (schedinfo, blkiotune, blkdeviotune, domiftune,
 * perf), plus set-lifecycle-action and guest-agent-timeout.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "common/util/parse.h"
#include "tools/virsh/helpers.h"
#include "tools/virsh/table.h"

/* ---- memory ---- */

static bool
opt_kib(VshCtl *ctl, const VshCmd *cmd, const char *name, unsigned long *ret)
{
    unsigned long long bytes = 0;
    unsigned long long max = (unsigned long long) ULONG_MAX;

    max = max > ULLONG_MAX / 1024 ? ULLONG_MAX : max * 1024;
    if (vsh_opt_scaled(ctl, cmd, name, &bytes, 1024, max) < 0)
        return false;
    *ret = (unsigned long) ((bytes + 1023) / 1024);
    return true;
}

static bool
cmd_setmem(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    unsigned long kib = 0;
    unsigned int flags;

    if (!vsh_affect_flags(ctl, cmd, &flags) || !(dom = vsh_domain(ctl, cmd, NULL)) ||
        !opt_kib(ctl, cmd, "size", &kib))
        return false;
    if (flags == VIR_DOMAIN_AFFECT_CURRENT)
        return virDomainSetMemory(dom, kib) == 0;
    return virDomainSetMemoryFlags(dom, kib, flags) == 0;
}

static bool
cmd_setmaxmem(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    unsigned long kib = 0;
    unsigned int flags;
    int r;

    if (!vsh_affect_flags(ctl, cmd, &flags) || !(dom = vsh_domain(ctl, cmd, NULL)) ||
        !opt_kib(ctl, cmd, "size", &kib))
        return false;
    if (flags == VIR_DOMAIN_AFFECT_CURRENT)
        r = virDomainSetMaxMemory(dom, kib);
    else
        r = virDomainSetMemoryFlags(dom, kib, flags | VIR_DOMAIN_MEM_MAXIMUM);
    if (r < 0) {
        vsh_error(ctl, "Unable to change MaxMemorySize");
        return false;
    }
    return true;
}

static const VshOptDef opts_setmem[] = {
    VSH_DOMAIN_OPT,
    { "size", VSH_OT_INT, VSH_OF_REQUIRED, "the new size (KiB unless a unit is given)" },
    VSH_AFFECT_OPTS,
    { NULL }
};

/* Typed-parameter tunables: get the current list, overlay what the options set,
 * set, or else print the list. The option/field table drives both. */
typedef struct {
    const char *opt;
    const char *field;
    int type;            /* VIR_TYPED_PARAM_* */
    bool scaled_kib;     /* a size in KiB with units; -1 means unlimited */
} TuneOpt;

typedef int (*ParamGet)(virDomainPtr dom, const char *dev, virTypedParameterPtr params,
                        int *n, unsigned int flags);
typedef int (*ParamSet)(virDomainPtr dom, const char *dev, virTypedParameterPtr params,
                        int n, unsigned int flags);

/* one command's parameters: how to get and set them, and its messages */
typedef struct {
    ParamGet get;
    ParamSet set;
    const char *what;           /* "memory", in "Unable to get memory parameters" */
    const char *set_failed;     /* the error when setting fails */
    bool memory;                /* VIR_DOMAIN_MEMORY_PARAM_UNLIMITED prints as "unlimited" */
} Tunable;

static bool
tune_collect(VshCtl *ctl, const VshCmd *cmd, const TuneOpt *opts, virTypedParameterPtr *params,
             int *n, int *max)
{
    for (const TuneOpt *t = opts; t->opt; t++) {
        const char *str = NULL;
        int r;

        if ((r = vsh_opt_string(ctl, cmd, t->opt, &str)) < 0)
            return false;
        if (r == 0)
            continue;
        if (t->scaled_kib) {
            unsigned long long v = 0;
            g_autofree char *why = NULL;

            if (g_str_equal(str, "-1")) {
                v = VIR_DOMAIN_MEMORY_PARAM_UNLIMITED;
            } else if (vsh_scale_parse(str, 1024, ULLONG_MAX, &v, &why) < 0) {
                vsh_error(ctl, "Unable to parse integer parameter %s", t->opt);
                return false;
            } else {
                v = (v + 1023) / 1024;
            }
            if (virTypedParamsAddULLong(params, n, max, t->field, v) < 0)
                return false;
            continue;
        }
        if (t->type == VIR_TYPED_PARAM_STRING) {
            if (virTypedParamsAddString(params, n, max, t->field, str) < 0) {
                vsh_error(ctl, "Unable to parse string parameter");
                return false;
            }
            continue;
        }
        if (virTypedParamsAddFromString(params, n, max, t->field, t->type, str) < 0) {
            vsh_reset_libvirt_error();
            vsh_error(ctl, "Unable to parse integer parameter %s", t->opt);
            return false;
        }
    }
    return true;
}

static void
tune_print(VshCtl *ctl, virTypedParameterPtr params, int n, bool memory)
{
    for (int i = 0; i < n; i++) {
        g_autofree char *v = NULL;

        if (memory && params[i].type == VIR_TYPED_PARAM_ULLONG &&
            params[i].value.ul == VIR_DOMAIN_MEMORY_PARAM_UNLIMITED)
            v = g_strdup("unlimited");
        else
            v = vsh_param_value(&params[i]);
        vsh_print(ctl, "%-15s: %s\n", params[i].field, v);
    }
}

/* Print the parameters (none set) or set those collected. Messages as virsh's. */
static bool
tune_run(VshCtl *ctl, virDomainPtr dom, const char *dev, const Tunable *t,
         virTypedParameterPtr params, int n, unsigned int flags)
{
    virTypedParameterPtr cur = NULL;
    int ncur = 0;
    bool ok;

    if (n > 0) {
        if (t->set(dom, dev, params, n, flags) < 0) {
            vsh_error(ctl, "%s", t->set_failed);
            return false;
        }
        return true;
    }
    if (t->get(dom, dev, NULL, &ncur, flags) < 0) {
        vsh_error(ctl, "Unable to get number of %s parameters", t->what);
        return false;
    }
    if (ncur == 0)
        return true;
    cur = g_new0(virTypedParameter, ncur);
    ok = t->get(dom, dev, cur, &ncur, flags) == 0;
    if (!ok)
        vsh_error(ctl, "Unable to get %s parameters", t->what);
    else
        tune_print(ctl, cur, ncur, t->memory);
    virTypedParamsClear(cur, ncur);
    g_free(cur);
    return ok;
}

/* tune_run() with the parameters that the options in @opts set */
static bool
tune_opts_run(VshCtl *ctl, const VshCmd *cmd, virDomainPtr dom, const char *dev,
              const TuneOpt *opts, const Tunable *t, unsigned int flags)
{
    virTypedParameterPtr params = NULL;
    int n = 0, max = 0;
    bool ok = tune_collect(ctl, cmd, opts, &params, &n, &max) &&
              tune_run(ctl, dom, dev, t, params, n, flags);

    virTypedParamsFree(params, n);
    return ok;
}

static int
mem_get(virDomainPtr d, const char *dev, virTypedParameterPtr p, int *n, unsigned int f)
{
    return virDomainGetMemoryParameters(d, p, n, f);
}

static int
mem_set(virDomainPtr d, const char *dev, virTypedParameterPtr p, int n, unsigned int f)
{
    return virDomainSetMemoryParameters(d, p, n, f);
}

static const Tunable mem_tunable = {
    mem_get, mem_set, "memory", "Unable to change memory parameters", true,
};

static bool
cmd_memtune(VshCtl *ctl, const VshCmd *cmd)
{
    static const TuneOpt opts[] = {
        { "hard-limit", VIR_DOMAIN_MEMORY_HARD_LIMIT, VIR_TYPED_PARAM_ULLONG, true },
        { "soft-limit", VIR_DOMAIN_MEMORY_SOFT_LIMIT, VIR_TYPED_PARAM_ULLONG, true },
        { "swap-hard-limit", VIR_DOMAIN_MEMORY_SWAP_HARD_LIMIT, VIR_TYPED_PARAM_ULLONG, true },
        { "min-guarantee", VIR_DOMAIN_MEMORY_MIN_GUARANTEE, VIR_TYPED_PARAM_ULLONG, true },
        { NULL }
    };
    g_autoptr(virDomain) dom = NULL;
    unsigned int flags;

    if (!vsh_affect_flags(ctl, cmd, &flags) || !(dom = vsh_domain(ctl, cmd, NULL)))
        return false;
    return tune_opts_run(ctl, cmd, dom, NULL, opts, &mem_tunable, flags);
}

static const VshOptDef opts_memtune[] = {
    VSH_DOMAIN_OPT,
    { "hard-limit", VSH_OT_INT, 0, "most memory the guest may use (KiB; -1: none)" },
    { "soft-limit", VSH_OT_INT, 0, "memory limit under host contention (KiB; -1: none)" },
    { "swap-hard-limit", VSH_OT_INT, 0, "most memory plus swap (KiB; -1: none)" },
    { "min-guarantee", VSH_OT_INT, 0, "memory always left to the guest (KiB)" },
    VSH_AFFECT_OPTS,
    { NULL }
};

static int
blkio_get(virDomainPtr d, const char *dev, virTypedParameterPtr p, int *n, unsigned int f)
{
    return virDomainGetBlkioParameters(d, p, n, f);
}

static int
blkio_set(virDomainPtr d, const char *dev, virTypedParameterPtr p, int n, unsigned int f)
{
    return virDomainSetBlkioParameters(d, p, n, f);
}

static const Tunable blkio_tunable = {
    blkio_get, blkio_set, "blkio", "Unable to change blkio parameters", false,
};

static bool
cmd_blkiotune(VshCtl *ctl, const VshCmd *cmd)
{
    static const TuneOpt opts[] = {
        { "weight", VIR_DOMAIN_BLKIO_WEIGHT, VIR_TYPED_PARAM_UINT, false },
        { "device-weights", VIR_DOMAIN_BLKIO_DEVICE_WEIGHT, VIR_TYPED_PARAM_STRING, false },
        { "device-read-iops-sec", VIR_DOMAIN_BLKIO_DEVICE_READ_IOPS, VIR_TYPED_PARAM_STRING, false },
        { "device-write-iops-sec", VIR_DOMAIN_BLKIO_DEVICE_WRITE_IOPS, VIR_TYPED_PARAM_STRING, false },
        { "device-read-bytes-sec", VIR_DOMAIN_BLKIO_DEVICE_READ_BPS, VIR_TYPED_PARAM_STRING, false },
        { "device-write-bytes-sec", VIR_DOMAIN_BLKIO_DEVICE_WRITE_BPS, VIR_TYPED_PARAM_STRING, false },
        { NULL }
    };
    g_autoptr(virDomain) dom = NULL;
    int weight = 0, r;
    unsigned int flags;

    if (!vsh_affect_flags(ctl, cmd, &flags) || !(dom = vsh_domain(ctl, cmd, NULL)))
        return false;
    if ((r = vsh_opt_int(ctl, cmd, "weight", &weight)) < 0)
        return false;
    if (r > 0 && weight <= 0) {
        vsh_error(ctl, "Invalid value of %d for I/O weight", weight);
        return false;
    }
    return tune_opts_run(ctl, cmd, dom, NULL, opts, &blkio_tunable, flags);
}

static const VshOptDef opts_blkiotune[] = {
    VSH_DOMAIN_OPT,
    { "weight", VSH_OT_INT, 0, "I/O weight (100-1000)" },
    { "device-weights", VSH_OT_STRING, 0, "per-device weights: /path,weight,..." },
    { "device-read-iops-sec", VSH_OT_STRING, 0, "per-device read I/O limits: /path,iops,..." },
    { "device-write-iops-sec", VSH_OT_STRING, 0, "per-device write I/O limits: /path,iops,..." },
    { "device-read-bytes-sec", VSH_OT_STRING, 0, "per-device read byte limits: /path,bps,..." },
    { "device-write-bytes-sec", VSH_OT_STRING, 0, "per-device write byte limits: /path,bps,..." },
    VSH_AFFECT_OPTS,
    { NULL }
};

static int
iotune_get(virDomainPtr d, const char *dev, virTypedParameterPtr p, int *n, unsigned int f)
{
    return virDomainGetBlockIoTune(d, dev, p, n, f);
}

static int
iotune_set(virDomainPtr d, const char *dev, virTypedParameterPtr p, int n, unsigned int f)
{
    return virDomainSetBlockIoTune(d, dev, p, n, f);
}

static const Tunable iotune_tunable = {
    iotune_get, iotune_set, "block I/O throttle", "Unable to change block I/O throttle", false,
};

#define IOTUNE(o, f) { o, f, VIR_TYPED_PARAM_ULLONG, false }

static bool
cmd_blkdeviotune(VshCtl *ctl, const VshCmd *cmd)
{
    static const TuneOpt opts[] = {
        IOTUNE("total-bytes-sec", VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC),
        IOTUNE("read-bytes-sec", VIR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC),
        IOTUNE("write-bytes-sec", VIR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC),
        IOTUNE("total-iops-sec", VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC),
        IOTUNE("read-iops-sec", VIR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC),
        IOTUNE("write-iops-sec", VIR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC),
        IOTUNE("total-bytes-sec-max", VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC_MAX),
        IOTUNE("read-bytes-sec-max", VIR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC_MAX),
        IOTUNE("write-bytes-sec-max", VIR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC_MAX),
        IOTUNE("total-iops-sec-max", VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC_MAX),
        IOTUNE("read-iops-sec-max", VIR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC_MAX),
        IOTUNE("write-iops-sec-max", VIR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC_MAX),
        IOTUNE("size-iops-sec", VIR_DOMAIN_BLOCK_IOTUNE_SIZE_IOPS_SEC),
        { "group-name", VIR_DOMAIN_BLOCK_IOTUNE_GROUP_NAME, VIR_TYPED_PARAM_STRING, false },
        IOTUNE("total-bytes-sec-max-length", VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC_MAX_LENGTH),
        IOTUNE("read-bytes-sec-max-length", VIR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC_MAX_LENGTH),
        IOTUNE("write-bytes-sec-max-length", VIR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC_MAX_LENGTH),
        IOTUNE("total-iops-sec-max-length", VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC_MAX_LENGTH),
        IOTUNE("read-iops-sec-max-length", VIR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC_MAX_LENGTH),
        IOTUNE("write-iops-sec-max-length", VIR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC_MAX_LENGTH),
        { NULL }
    };
    g_autoptr(virDomain) dom = NULL;
    const char *dev = NULL;
    unsigned int flags;

    if (!vsh_affect_flags(ctl, cmd, &flags) || !(dom = vsh_domain(ctl, cmd, NULL)) ||
        vsh_opt_string(ctl, cmd, "device", &dev) <= 0)
        return false;
    return tune_opts_run(ctl, cmd, dom, dev, opts, &iotune_tunable, flags);
}

#define IOTUNE_OPT(n, h) { n, VSH_OT_INT, 0, h }

static const VshOptDef opts_blkdeviotune[] = {
    VSH_DOMAIN_OPT,
    { "device", VSH_OT_DATA, VSH_OF_REQUIRED, "the disk (target name or source path)" },
    IOTUNE_OPT("total-bytes-sec", "total bytes per second"),
    IOTUNE_OPT("read-bytes-sec", "read bytes per second"),
    IOTUNE_OPT("write-bytes-sec", "written bytes per second"),
    IOTUNE_OPT("total-iops-sec", "total I/O operations per second"),
    IOTUNE_OPT("read-iops-sec", "read operations per second"),
    IOTUNE_OPT("write-iops-sec", "write operations per second"),
    IOTUNE_OPT("total-bytes-sec-max", "total bytes per second in bursts"),
    IOTUNE_OPT("read-bytes-sec-max", "read bytes per second in bursts"),
    IOTUNE_OPT("write-bytes-sec-max", "written bytes per second in bursts"),
    IOTUNE_OPT("total-iops-sec-max", "total operations per second in bursts"),
    IOTUNE_OPT("read-iops-sec-max", "read operations per second in bursts"),
    IOTUNE_OPT("write-iops-sec-max", "write operations per second in bursts"),
    IOTUNE_OPT("size-iops-sec", "bytes counted as one operation"),
    { "group-name", VSH_OT_STRING, 0, "the throttling group to share limits with" },
    IOTUNE_OPT("total-bytes-sec-max-length", "seconds a total bytes burst may last"),
    IOTUNE_OPT("read-bytes-sec-max-length", "seconds a read bytes burst may last"),
    IOTUNE_OPT("write-bytes-sec-max-length", "seconds a write bytes burst may last"),
    IOTUNE_OPT("total-iops-sec-max-length", "seconds a total operations burst may last"),
    IOTUNE_OPT("read-iops-sec-max-length", "seconds a read operations burst may last"),
    IOTUNE_OPT("write-iops-sec-max-length", "seconds a write operations burst may last"),
    VSH_AFFECT_OPTS,
    { NULL }
};

static int
iface_get(virDomainPtr d, const char *dev, virTypedParameterPtr p, int *n, unsigned int f)
{
    return virDomainGetInterfaceParameters(d, dev, p, n, f);
}

static int
iface_set(virDomainPtr d, const char *dev, virTypedParameterPtr p, int n, unsigned int f)
{
    return virDomainSetInterfaceParameters(d, dev, p, n, f);
}

static const Tunable iface_tunable = {
    iface_get, iface_set, "interface", "Unable to set interface parameters", false,
};

/* "average[,peak[,burst[,floor]]]" */
static bool
add_bandwidth(VshCtl *ctl, const char *spec, bool inbound, virTypedParameterPtr *params,
              int *n, int *max)
{
    static const char *const in_fields[] = {
        VIR_DOMAIN_BANDWIDTH_IN_AVERAGE, VIR_DOMAIN_BANDWIDTH_IN_PEAK,
        VIR_DOMAIN_BANDWIDTH_IN_BURST, VIR_DOMAIN_BANDWIDTH_IN_FLOOR,
    };
    static const char *const out_fields[] = {
        VIR_DOMAIN_BANDWIDTH_OUT_AVERAGE, VIR_DOMAIN_BANDWIDTH_OUT_PEAK,
        VIR_DOMAIN_BANDWIDTH_OUT_BURST,
    };
    static const char *const names[] = { "average", "peak", "burst", "floor" };
    g_auto(GStrv) parts = g_strsplit(spec, ",", -1);

    if (g_strv_length(parts) > 4) {
        vsh_error(ctl, "Rate string '%s' has too many fields", spec);
        return false;
    }
    if (!inbound && g_strv_length(parts) > 3) {
        vsh_error(ctl, "outbound floor is unsupported yet");
        return false;
    }
    for (size_t i = 0; parts[i]; i++) {
        unsigned int v;

        if (!*parts[i])
            continue;
        if (parse_uint(parts[i], 10, &v) < 0) {
            vsh_error(ctl, "field '%s' is malformed", names[i]);
            return false;
        }
        if (virTypedParamsAddUInt(params, n, max, inbound ? in_fields[i] : out_fields[i], v) < 0)
            return false;
    }
    return true;
}

static bool
cmd_domiftune(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    virTypedParameterPtr params = NULL;
    const char *dev = NULL, *in = NULL, *out = NULL;
    int n = 0, max = 0;
    unsigned int flags;
    bool ok = false;

    if (!vsh_affect_flags(ctl, cmd, &flags) || !(dom = vsh_domain(ctl, cmd, NULL)) ||
        vsh_opt_string(ctl, cmd, "interface", &dev) <= 0 ||
        vsh_opt_string(ctl, cmd, "inbound", &in) < 0 ||
        vsh_opt_string(ctl, cmd, "outbound", &out) < 0)
        return false;
    if ((!in || add_bandwidth(ctl, in, true, &params, &n, &max)) &&
        (!out || add_bandwidth(ctl, out, false, &params, &n, &max)))
        ok = tune_run(ctl, dom, dev, &iface_tunable, params, n, flags);
    virTypedParamsFree(params, n);
    return ok;
}

static const VshOptDef opts_domiftune[] = {
    VSH_DOMAIN_OPT,
    { "interface", VSH_OT_DATA, VSH_OF_REQUIRED, "the interface: target device or MAC" },
    { "inbound", VSH_OT_STRING, 0, "incoming limits: average,peak,burst,floor (KiB/s, KiB)" },
    { "outbound", VSH_OT_STRING, 0, "outgoing limits: average,peak,burst (KiB/s, KiB)" },
    VSH_AFFECT_OPTS,
    { NULL }
};

/* ---- schedinfo ---- */

static bool
cmd_schedinfo(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    g_autofree char *type = NULL;
    virTypedParameterPtr cur = NULL, upd = NULL;
    int ncur = 0, nupd = 0, maxupd = 0;
    unsigned int flags;
    const char *set;
    size_t iter = 0;
    bool ok = false;

    if (!vsh_affect_flags(ctl, cmd, &flags) || !(dom = vsh_domain(ctl, cmd, NULL)))
        return false;
    {
        char *t = virDomainGetSchedulerType(dom, &ncur);

        if (!t)
            return false;
        type = g_strdup(t);
        free(t);
    }
    vsh_print(ctl, "%-15s: %s\n", "Scheduler", type);
    if (ncur == 0)
        return true;
    cur = g_new0(virTypedParameter, ncur);
    if ((flags ? virDomainGetSchedulerParametersFlags(dom, cur, &ncur, flags)
               : virDomainGetSchedulerParameters(dom, cur, &ncur)) < 0)
        goto out;

    /* updates: --set name=value..., then --weight and --cap */
    while ((set = vsh_opt_argv(cmd, "set", &iter))) {
        const char *eq = strchr(set, '=');
        g_autofree char *name = NULL;
        int i;

        if (!eq) {
            vsh_error(ctl, "Invalid syntax for --set, expecting name=value");
            goto out;
        }
        name = g_strndup(set, eq - set);
        for (i = 0; i < ncur && !g_str_equal(cur[i].field, name); i++)
            ;
        if (i == ncur) {
            vsh_error(ctl, "invalid scheduler option: %s", name);
            goto out;
        }
        if (virTypedParamsAddFromString(&upd, &nupd, &maxupd, name, cur[i].type, eq + 1) < 0)
            goto out;
    }
    for (size_t k = 0; k < 2; k++) {
        const char *opt = k == 0 ? "weight" : "cap";
        const char *val = NULL;
        int i;

        if (vsh_opt_string(ctl, cmd, opt, &val) < 0)
            goto out;
        if (!val)
            continue;
        for (i = 0; i < ncur && !g_str_equal(cur[i].field, opt); i++)
            ;
        if (i == ncur) {
            vsh_error(ctl, "invalid scheduler option: %s", opt);
            goto out;
        }
        if (virTypedParamsAddFromString(&upd, &nupd, &maxupd, opt, cur[i].type, val) < 0)
            goto out;
    }
    if (nupd > 0) {
        if ((flags ? virDomainSetSchedulerParametersFlags(dom, upd, nupd, flags)
                   : virDomainSetSchedulerParameters(dom, upd, nupd)) < 0)
            goto out;
        virTypedParamsClear(cur, ncur);
        if ((flags ? virDomainGetSchedulerParametersFlags(dom, cur, &ncur, flags)
                   : virDomainGetSchedulerParameters(dom, cur, &ncur)) < 0)
            goto out;
    }
    tune_print(ctl, cur, ncur, false);
    ok = true;
 out:
    virTypedParamsClear(cur, ncur);
    g_free(cur);
    virTypedParamsFree(upd, nupd);
    return ok;
}

static const VshOptDef opts_schedinfo[] = {
    VSH_DOMAIN_OPT,
    { "weight", VSH_OT_INT, VSH_OF_NOPOS, "the 'weight' parameter (older option)" },
    { "cap", VSH_OT_INT, VSH_OF_NOPOS, "the 'cap' parameter (older option)" },
    VSH_OPT_CURRENT,
    VSH_OPT_CONFIG,
    VSH_OPT_LIVE,
    { "set", VSH_OT_ARGV, 0, "parameters to set, as name=value" },
    { NULL }
};

/* ---- vCPUs ---- */

static bool
cmd_setvcpus(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    unsigned int count = 0;
    unsigned int flags;

    if (!vsh_affect_flags(ctl, cmd, &flags) ||
        !vsh_opt_exclusive(ctl, cmd, "guest", "config") ||
        !vsh_opt_exclusive(ctl, cmd, "hotpluggable", "guest") ||
        !(dom = vsh_domain(ctl, cmd, NULL)) ||
        vsh_opt_uint(ctl, cmd, "count", &count) < 0)
        return false;
    if (count == 0) {
        vsh_error(ctl, "Can't set 0 processors for a VM");
        return false;
    }
    if (vsh_opt_bool(cmd, "maximum"))
        flags |= VIR_DOMAIN_VCPU_MAXIMUM;
    if (vsh_opt_bool(cmd, "guest"))
        flags |= VIR_DOMAIN_VCPU_GUEST;
    if (vsh_opt_bool(cmd, "hotpluggable"))
        flags |= VIR_DOMAIN_VCPU_HOTPLUGGABLE;
    if (flags == 0)
        return virDomainSetVcpus(dom, count) == 0;
    return virDomainSetVcpusFlags(dom, count, flags) == 0;
}

static const VshOptDef opts_setvcpus[] = {
    VSH_DOMAIN_OPT,
    { "count", VSH_OT_INT, VSH_OF_REQUIRED, "the number of vCPUs" },
    { "maximum", VSH_OT_BOOL, 0, "set the most vCPUs the domain may have (with --config)" },
    VSH_AFFECT_OPTS,
    { "guest", VSH_OT_BOOL, 0, "change the vCPUs online in the guest (needs its agent)" },
    { "hotpluggable", VSH_OT_BOOL, 0, "make new vCPUs hot-unpluggable" },
    { NULL }
};

static bool
cmd_vcpucount(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    bool maximum = vsh_opt_bool(cmd, "maximum");
    bool active = vsh_opt_bool(cmd, "active");
    bool guest = vsh_opt_bool(cmd, "guest");
    bool live = vsh_opt_bool(cmd, "live");
    bool config = vsh_opt_bool(cmd, "config");
    bool current = vsh_opt_bool(cmd, "current");
    int n;

    if (!vsh_opt_exclusive(ctl, cmd, "live", "config") ||
        !vsh_opt_exclusive(ctl, cmd, "active", "maximum") ||
        !vsh_opt_exclusive(ctl, cmd, "guest", "config") ||
        !vsh_opt_exclusive(ctl, cmd, "maximum", "guest") ||
        !(dom = vsh_domain(ctl, cmd, NULL)))
        return false;

    if (guest || maximum || active || live || config || current) {
        unsigned int flags = 0;

        if (live)
            flags |= VIR_DOMAIN_AFFECT_LIVE;
        if (config)
            flags |= VIR_DOMAIN_AFFECT_CONFIG;
        if (maximum)
            flags |= VIR_DOMAIN_VCPU_MAXIMUM;
        if (guest)
            flags |= VIR_DOMAIN_VCPU_GUEST;
        if ((n = virDomainGetVcpusFlags(dom, flags)) < 0) {
            if (guest)
                vsh_error(ctl, "Failed to retrieve vCPU count from the guest");
            else if (maximum)
                vsh_error(ctl, "Failed to retrieve maximum vcpu count");
            else
                vsh_error(ctl, "Failed to retrieve current vcpu count");
            return false;
        }
        vsh_print(ctl, "%d\n", n);
        return true;
    }
    for (int which = 0; which < 4; which++) {
        bool max = which < 2;
        bool is_live = which % 2;
        unsigned int flags = (max ? VIR_DOMAIN_VCPU_MAXIMUM : 0) |
                             (is_live ? VIR_DOMAIN_AFFECT_LIVE : VIR_DOMAIN_AFFECT_CONFIG);

        if (is_live && virDomainIsActive(dom) != 1)
            continue;
        if ((n = virDomainGetVcpusFlags(dom, flags)) < 0)
            return false;
        vsh_print(ctl, "%-12s %-12s %3d\n", max ? "maximum" : "current",
                  is_live ? "live" : "config", n);
    }
    return true;
}

static const VshOptDef opts_vcpucount[] = {
    VSH_DOMAIN_OPT,
    { "maximum", VSH_OT_BOOL, 0, "the most vCPUs the domain may have" },
    { "active", VSH_OT_BOOL, 0, "the vCPUs it has now" },
    { "live", VSH_OT_BOOL, 0, "of the running domain" },
    { "config", VSH_OT_BOOL, 0, "of the persistent configuration" },
    { "current", VSH_OT_BOOL, 0, "of the domain's current state" },
    { "guest", VSH_OT_BOOL, 0, "as the guest sees them (needs its agent)" },
    { NULL }
};

static const char *
vcpu_state_str(int s)
{
    switch (s) {
    case VIR_VCPU_OFFLINE: return "offline";
    case VIR_VCPU_RUNNING: return "running";
    case VIR_VCPU_BLOCKED: return "blocked";
    default: return "no state";
    }
}

static bool
cmd_vcpuinfo(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    bool pretty = vsh_opt_bool(cmd, "pretty");
    virDomainInfo info;
    g_autofree virVcpuInfoPtr vcpus = NULL;
    g_autofree unsigned char *maps = NULL;
    int maxcpu, maplen, n;
    bool live;

    if (!dom || (maxcpu = vsh_node_cpus(ctl)) < 0)
        return false;
    if (virDomainGetInfo(dom, &info) < 0)
        return false;
    maplen = VIR_CPU_MAPLEN(maxcpu);
    vcpus = g_new0(virVcpuInfo, info.nrVirtCpu);
    maps = g_new0(unsigned char, (size_t) info.nrVirtCpu * maplen);
    live = info.state != VIR_DOMAIN_SHUTOFF;
    if (live) {
        n = virDomainGetVcpus(dom, vcpus, info.nrVirtCpu, maps, maplen);
    } else {
        n = virDomainGetVcpuPinInfo(dom, info.nrVirtCpu, maps, maplen,
                                    VIR_DOMAIN_AFFECT_CONFIG);
    }
    if (n < 0)
        return false;
    for (int i = 0; i < n; i++) {
        unsigned char *map = VIR_GET_CPUMAP(maps, maplen, i);
        g_autofree char *aff = NULL;

        if (i > 0)
            vsh_print(ctl, "\n");
        if (live) {
            vsh_print(ctl, "%-15s %d\n", "VCPU:", vcpus[i].number);
            vsh_print(ctl, "%-15s %d\n", "CPU:", vcpus[i].cpu);
            vsh_print(ctl, "%-15s %s\n", "State:", vcpu_state_str(vcpus[i].state));
            if (vcpus[i].cpuTime != 0)
                vsh_print(ctl, "%-15s %.1lfs\n", "CPU time:",
                          (double) vcpus[i].cpuTime / 1000000000.0);
        } else {
            vsh_print(ctl, "%-15s %d\n", "VCPU:", i);
            vsh_print(ctl, "%-15s %s\n", "CPU:", "N/A");
            vsh_print(ctl, "%-15s %s\n", "State:", "N/A");
            vsh_print(ctl, "%-15s %s\n", "CPU time", "N/A");
        }
        if (pretty) {
            g_autofree char *list = vsh_cpumap_str(map, maxcpu);

            aff = g_strdup_printf("%s (out of %d)", list, maxcpu);
        } else {
            aff = vsh_cpumap_yn(map, maxcpu);
        }
        vsh_print(ctl, "%-15s %s\n", "CPU Affinity:", aff);
    }
    return true;
}

static const VshOptDef opts_vcpuinfo[] = {
    VSH_DOMAIN_OPT,
    { "pretty", VSH_OT_BOOL, 0, "show affinity as CPU ranges" },
    { NULL }
};

static bool
cmd_vcpupin(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    const char *cpulist = NULL;
    unsigned int vcpu = 0;
    bool have_vcpu;
    unsigned int flags;
    int maxcpu, r;

    if (!vsh_affect_flags(ctl, cmd, &flags) || !(dom = vsh_domain(ctl, cmd, NULL)))
        return false;
    if ((r = vsh_opt_uint(ctl, cmd, "vcpu", &vcpu)) < 0 ||
        vsh_opt_string(ctl, cmd, "cpulist", &cpulist) < 0)
        return false;
    have_vcpu = r > 0;
    if ((maxcpu = vsh_node_cpus(ctl)) < 0)
        return false;

    if (!cpulist) {
        int maplen = VIR_CPU_MAPLEN(maxcpu);
        bool live = (flags & VIR_DOMAIN_AFFECT_LIVE) ||
                    (!(flags & VIR_DOMAIN_AFFECT_CONFIG) && virDomainIsActive(dom) == 1);
        int nvcpus = virDomainGetVcpusFlags(dom, live ? VIR_DOMAIN_AFFECT_LIVE
                                                      : VIR_DOMAIN_AFFECT_CONFIG);
        g_autofree unsigned char *maps = NULL;
        g_autoptr(VshTable) table = NULL;
        int n;

        if (nvcpus < 0)
            return false;
        if (have_vcpu && vcpu >= (unsigned int) nvcpus) {
            vsh_error(ctl, live ? "vcpu %d is out of range of live cpu count %d"
                                : "vcpu %d is out of range of persistent cpu count %d",
                      (int) vcpu, nvcpus);
            return false;
        }
        maps = g_new0(unsigned char, (size_t) nvcpus * maplen);
        if ((n = virDomainGetVcpuPinInfo(dom, nvcpus, maps, maplen, flags)) < 0)
            return false;
        table = vsh_table_new("VCPU", "CPU Affinity", NULL);
        for (int i = 0; i < n; i++) {
            g_autofree char *num = g_strdup_printf("%d", i);
            g_autofree char *list = NULL;

            if (have_vcpu && (unsigned int) i != vcpu)
                continue;
            list = vsh_cpumap_str(VIR_GET_CPUMAP(maps, maplen, i), maxcpu);
            vsh_table_add_row(table, num, list, NULL);
        }
        vsh_table_print(ctl, table);
        return true;
    }
    if (!have_vcpu) {
        vsh_error(ctl, "vcpupin: Missing vCPU number in pin mode.");
        return false;
    }
    {
        g_autofree unsigned char *map = NULL;
        int len;

        if (vsh_cpulist_parse(ctl, cpulist, maxcpu, &map, &len) < 0)
            return false;
        if (flags == VIR_DOMAIN_AFFECT_CURRENT)
            return virDomainPinVcpu(dom, vcpu, map, len) == 0;
        return virDomainPinVcpuFlags(dom, vcpu, map, len, flags) == 0;
    }
}

static const VshOptDef opts_vcpupin[] = {
    VSH_DOMAIN_OPT,
    { "vcpu", VSH_OT_INT, 0, "the vCPU number" },
    { "cpulist", VSH_OT_STRING, VSH_OF_EMPTY_OK, "host CPUs to pin it to (e.g. 0-3,^2; r: all)" },
    VSH_AFFECT_OPTS,
    { NULL }
};

static bool
cmd_emulatorpin(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    const char *cpulist = NULL;
    unsigned int flags;
    int maxcpu;

    if (!vsh_affect_flags(ctl, cmd, &flags) || !(dom = vsh_domain(ctl, cmd, NULL)) ||
        vsh_opt_string(ctl, cmd, "cpulist", &cpulist) < 0 ||
        (maxcpu = vsh_node_cpus(ctl)) < 0)
        return false;
    if (!cpulist) {
        int maplen = VIR_CPU_MAPLEN(maxcpu);
        g_autofree unsigned char *map = g_new0(unsigned char, maplen);
        g_autofree char *list = NULL;

        if (virDomainGetEmulatorPinInfo(dom, map, maplen, flags) < 0)
            return false;
        list = vsh_cpumap_str(map, maxcpu);
        vsh_print(ctl, "%s %s\n", "emulator:", "CPU Affinity");
        vsh_print(ctl, "----------------------------------\n");
        vsh_print(ctl, "       *: %s\n", list);
        return true;
    }
    {
        g_autofree unsigned char *map = NULL;
        int len;

        if (vsh_cpulist_parse(ctl, cpulist, maxcpu, &map, &len) < 0)
            return false;
        return virDomainPinEmulator(dom, map, len, flags) == 0;
    }
}

static const VshOptDef opts_emulatorpin[] = {
    VSH_DOMAIN_OPT,
    { "cpulist", VSH_OT_STRING, VSH_OF_EMPTY_OK, "host CPUs for the emulator threads" },
    VSH_AFFECT_OPTS,
    { NULL }
};

static bool
cmd_setvcpu(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    const char *list = NULL;
    bool enable = vsh_opt_bool(cmd, "enable");
    bool disable = vsh_opt_bool(cmd, "disable");
    unsigned int flags;

    if (!vsh_affect_flags(ctl, cmd, &flags) ||
        !vsh_opt_exclusive(ctl, cmd, "enable", "disable") ||
        !(dom = vsh_domain(ctl, cmd, NULL)) || vsh_opt_string(ctl, cmd, "vcpulist", &list) <= 0)
        return false;
    if (!enable && !disable) {
        vsh_error(ctl, "one of --enable, --disable is required");
        return false;
    }
    return virDomainSetVcpu(dom, list, enable, flags) == 0;
}

static const VshOptDef opts_setvcpu[] = {
    VSH_DOMAIN_OPT,
    { "vcpulist", VSH_OT_DATA, VSH_OF_REQUIRED, "the vCPUs (e.g. 1-3)" },
    { "enable", VSH_OT_BOOL, 0, "plug them in" },
    { "disable", VSH_OT_BOOL, 0, "unplug them" },
    VSH_AFFECT_OPTS,
    { NULL }
};

static bool
cmd_guestvcpus(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    const char *list = NULL;
    bool enable = vsh_opt_bool(cmd, "enable");
    bool disable = vsh_opt_bool(cmd, "disable");
    virTypedParameterPtr params = NULL;
    unsigned int n = 0;

    if (!vsh_opt_exclusive(ctl, cmd, "enable", "disable") ||
        !(dom = vsh_domain(ctl, cmd, NULL)) || vsh_opt_string(ctl, cmd, "cpulist", &list) < 0)
        return false;
    if ((enable || disable) && !list) {
        vsh_error(ctl, "Option --cpulist is required by option --%s",
                  enable ? "enable" : "disable");
        return false;
    }
    if (list && !enable && !disable) {
        vsh_error(ctl, "One of options --enable or --disable is required by option --cpulist");
        return false;
    }
    if (list)
        return virDomainSetGuestVcpus(dom, list, enable, 0) == 0;
    if (virDomainGetGuestVcpus(dom, &params, &n, 0) < 0)
        return false;
    tune_print(ctl, params, (int) n, false);
    virTypedParamsFree(params, (int) n);
    return true;
}

static const VshOptDef opts_guestvcpus[] = {
    VSH_DOMAIN_OPT,
    { "cpulist", VSH_OT_STRING, 0, "the guest vCPUs to change" },
    { "enable", VSH_OT_BOOL, 0, "bring them online" },
    { "disable", VSH_OT_BOOL, 0, "take them offline" },
    { NULL }
};

static void
print_cpu_time(VshCtl *ctl, const virTypedParameter *p)
{
    if (p->type == VIR_TYPED_PARAM_ULLONG && g_str_has_suffix(p->field, "_time"))
        vsh_print(ctl, "\t%-12s %9lld.%09lld seconds\n", p->field,
                  (long long) (p->value.ul / 1000000000ULL),
                  (long long) (p->value.ul % 1000000000ULL));
    else {
        g_autofree char *v = vsh_param_value(p);

        vsh_print(ctl, "\t%-12s %s\n", p->field, v);
    }
}

static bool
cmd_cpu_stats(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    bool total = vsh_opt_bool(cmd, "total");
    int start = 0, count = -1, r1, r2, ncpus, nparams;
    virTypedParameterPtr params = NULL;

    if (!dom)
        return false;
    if ((r1 = vsh_opt_int(ctl, cmd, "start", &start)) < 0 ||
        (r2 = vsh_opt_int(ctl, cmd, "count", &count)) < 0)
        return false;
    if (start < 0) {
        vsh_error(ctl, "Invalid value for start CPU");
        return false;
    }
    if (r2 > 0 && count < 0) {
        vsh_error(ctl, "Invalid value for number of CPUs to show");
        return false;
    }
    if (!total || r1 > 0 || r2 > 0) {
        if ((ncpus = virDomainGetCPUStats(dom, NULL, 0, 0, 0, 0)) < 0)
            goto failed;
        if (start >= ncpus) {
            vsh_error(ctl, "Start CPU %d is out of range (min: 0, max: %d)", start, ncpus - 1);
            return false;
        }
        if (count < 0 || count > ncpus - start)
            count = ncpus - start;
        if ((nparams = virDomainGetCPUStats(dom, NULL, 0, 0, 1, 0)) < 0)
            goto failed;
        if (nparams > 0 && count > 0) {
            params = g_new0(virTypedParameter, (size_t) nparams * count);
            if (virDomainGetCPUStats(dom, params, nparams, start, count, 0) < 0) {
                g_free(params);
                goto failed;
            }
            for (int c = 0; c < count; c++) {
                vsh_print(ctl, "CPU%d:\n", start + c);
                for (int j = 0; j < nparams; j++) {
                    virTypedParameterPtr p = &params[c * nparams + j];

                    if (p->type)
                        print_cpu_time(ctl, p);
                }
            }
            virTypedParamsClear(params, nparams * count);
            g_free(params);
            params = NULL;
        }
        if (r1 > 0 || r2 > 0)
            if (!total)
                return true;
    }
    if ((nparams = virDomainGetCPUStats(dom, NULL, 0, -1, 1, 0)) < 0)
        goto failed;
    params = g_new0(virTypedParameter, nparams);
    if ((nparams = virDomainGetCPUStats(dom, params, nparams, -1, 1, 0)) < 0) {
        g_free(params);
        goto failed;
    }
    vsh_print(ctl, "Total:\n");
    for (int j = 0; j < nparams; j++)
        print_cpu_time(ctl, &params[j]);
    virTypedParamsClear(params, nparams);
    g_free(params);
    return true;

 failed:
    vsh_error(ctl, "Failed to retrieve CPU statistics for domain '%s'", virDomainGetName(dom));
    return false;
}

static const VshOptDef opts_cpu_stats[] = {
    VSH_DOMAIN_OPT,
    { "total", VSH_OT_BOOL, 0, "only the totals" },
    { "start", VSH_OT_INT, 0, "the first host CPU to show" },
    { "count", VSH_OT_INT, 0, "how many host CPUs to show" },
    { NULL }
};

/* ---- NUMA, I/O threads, perf ---- */

static bool
cmd_numatune(VshCtl *ctl, const VshCmd *cmd)
{
    static const char *const modes[] = { "strict", "preferred", "interleave", "restrictive" };
    g_autoptr(virDomain) dom = NULL;
    const char *mode = NULL, *nodeset = NULL;
    virTypedParameterPtr params = NULL;
    int n = 0, max = 0;
    unsigned int flags;
    bool ok = false;

    if (!vsh_affect_flags(ctl, cmd, &flags) || !(dom = vsh_domain(ctl, cmd, NULL)) ||
        vsh_opt_string(ctl, cmd, "mode", &mode) < 0 ||
        vsh_opt_string(ctl, cmd, "nodeset", &nodeset) < 0)
        return false;
    if (mode) {
        int m = -1;

        for (size_t i = 0; i < G_N_ELEMENTS(modes); i++) {
            if (g_str_equal(mode, modes[i]))
                m = (int) i;
        }
        if (m < 0 && (parse_int(mode, 10, &m) < 0 || m < 0 ||
                      m >= (int) G_N_ELEMENTS(modes))) {
            vsh_error(ctl, "Invalid mode: %s", mode);
            return false;
        }
        virTypedParamsAddInt(&params, &n, &max, VIR_DOMAIN_NUMA_MODE, m);
    }
    if (nodeset)
        virTypedParamsAddString(&params, &n, &max, VIR_DOMAIN_NUMA_NODESET, nodeset);
    if (n > 0) {
        ok = virDomainSetNumaParameters(dom, params, n, flags) == 0;
        if (!ok)
            vsh_error(ctl, "Unable to change numa parameters");
        virTypedParamsFree(params, n);
        return ok;
    }
    if (virDomainGetNumaParameters(dom, NULL, &n, flags) < 0) {
        vsh_error(ctl, "Unable to get number of memory parameters");
        return false;
    }
    params = g_new0(virTypedParameter, n ? n : 1);
    if (virDomainGetNumaParameters(dom, params, &n, flags) < 0) {
        vsh_error(ctl, "Unable to get numa parameters");
    } else {
        for (int i = 0; i < n; i++) {
            if (g_str_equal(params[i].field, VIR_DOMAIN_NUMA_MODE) &&
                params[i].type == VIR_TYPED_PARAM_INT && params[i].value.i >= 0 &&
                params[i].value.i < (int) G_N_ELEMENTS(modes)) {
                vsh_print(ctl, "%-15s: %s\n", params[i].field, modes[params[i].value.i]);
            } else {
                g_autofree char *v = vsh_param_value(&params[i]);

                vsh_print(ctl, "%-15s: %s\n", params[i].field, v);
            }
        }
        ok = true;
    }
    virTypedParamsClear(params, n);
    g_free(params);
    return ok;
}

static const VshOptDef opts_numatune[] = {
    VSH_DOMAIN_OPT,
    { "mode", VSH_OT_STRING, 0, "strict, preferred, interleave or restrictive" },
    { "nodeset", VSH_OT_STRING, 0, "the host NUMA nodes to allocate from" },
    VSH_AFFECT_OPTS,
    { NULL }
};

static bool
cmd_iothreadinfo(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    virDomainIOThreadInfoPtr *info = NULL;
    g_autoptr(VshTable) table = NULL;
    unsigned int flags;
    int n, maxcpu;

    if (!vsh_affect_flags(ctl, cmd, &flags) || !(dom = vsh_domain(ctl, cmd, NULL)) ||
        (maxcpu = vsh_node_cpus(ctl)) < 0)
        return false;
    if ((n = virDomainGetIOThreadInfo(dom, &info, flags)) < 0) {
        vsh_error(ctl, "Unable to get domain IOThreads information");
        return false;
    }
    if (n == 0) {
        vsh_print(ctl, "No IOThreads found for the domain");
        free(info);
        return true;
    }
    table = vsh_table_new("IOThread ID", "CPU Affinity", NULL);
    for (int i = 0; i < n; i++) {
        g_autofree char *id = g_strdup_printf("%u", info[i]->iothread_id);
        g_autofree char *list = vsh_cpumap_str(info[i]->cpumap,
                                               MIN(maxcpu, info[i]->cpumaplen * 8));

        vsh_table_add_row(table, id, list, NULL);
        virDomainIOThreadInfoFree(info[i]);
    }
    free(info);
    vsh_table_print(ctl, table);
    return true;
}

static const VshOptDef opts_dom_affect[] = {
    VSH_DOMAIN_OPT,
    VSH_AFFECT_OPTS,
    { NULL }
};

static bool
iothread_id(VshCtl *ctl, const VshCmd *cmd, const char *opt, unsigned int *ret)
{
    int id = 0;

    if (vsh_opt_int(ctl, cmd, opt, &id) <= 0)
        return false;
    if (id <= 0) {
        vsh_error(ctl, "Invalid IOThread id value: '%d'", id);
        return false;
    }
    *ret = (unsigned int) id;
    return true;
}

static bool
cmd_iothreadpin(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    g_autofree unsigned char *map = NULL;
    const char *cpulist = NULL;
    unsigned int flags, id;
    int maxcpu, len;

    if (!vsh_affect_flags(ctl, cmd, &flags) || !(dom = vsh_domain(ctl, cmd, NULL)) ||
        !iothread_id(ctl, cmd, "iothread", &id) ||
        vsh_opt_string(ctl, cmd, "cpulist", &cpulist) <= 0 ||
        (maxcpu = vsh_node_cpus(ctl)) < 0 ||
        vsh_cpulist_parse(ctl, cpulist, maxcpu, &map, &len) < 0)
        return false;
    return virDomainPinIOThread(dom, id, map, len, flags) == 0;
}

static const VshOptDef opts_iothreadpin[] = {
    VSH_DOMAIN_OPT,
    { "iothread", VSH_OT_INT, VSH_OF_REQUIRED, "the I/O thread id" },
    { "cpulist", VSH_OT_DATA, VSH_OF_REQUIRED, "host CPUs to pin it to" },
    VSH_AFFECT_OPTS,
    { NULL }
};

static bool
cmd_iothreadadd(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    unsigned int flags, id;

    if (!vsh_affect_flags(ctl, cmd, &flags) || !(dom = vsh_domain(ctl, cmd, NULL)) ||
        !iothread_id(ctl, cmd, "id", &id))
        return false;
    return virDomainAddIOThread(dom, id, flags) == 0;
}

static bool
cmd_iothreaddel(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    unsigned int flags, id;

    if (!vsh_affect_flags(ctl, cmd, &flags) || !(dom = vsh_domain(ctl, cmd, NULL)) ||
        !iothread_id(ctl, cmd, "id", &id))
        return false;
    return virDomainDelIOThread(dom, id, flags) == 0;
}

static const VshOptDef opts_iothread_id[] = {
    VSH_DOMAIN_OPT,
    { "id", VSH_OT_INT, VSH_OF_REQUIRED, "the I/O thread id" },
    VSH_AFFECT_OPTS,
    { NULL }
};

static bool
cmd_iothreadset(VshCtl *ctl, const VshCmd *cmd)
{
    static const TuneOpt opts[] = {
        { "poll-max-ns", VIR_DOMAIN_IOTHREAD_POLL_MAX_NS, VIR_TYPED_PARAM_ULLONG, false },
        { "poll-grow", VIR_DOMAIN_IOTHREAD_POLL_GROW, VIR_TYPED_PARAM_UINT, false },
        { "poll-shrink", VIR_DOMAIN_IOTHREAD_POLL_SHRINK, VIR_TYPED_PARAM_UINT, false },
        { "thread-pool-min", VIR_DOMAIN_IOTHREAD_THREAD_POOL_MIN, VIR_TYPED_PARAM_INT, false },
        { "thread-pool-max", VIR_DOMAIN_IOTHREAD_THREAD_POOL_MAX, VIR_TYPED_PARAM_INT, false },
        { NULL }
    };
    g_autoptr(virDomain) dom = NULL;
    virTypedParameterPtr params = NULL;
    int n = 0, max = 0;
    unsigned int flags, id;
    bool ok = false;

    if (!vsh_affect_flags(ctl, cmd, &flags) || !(dom = vsh_domain(ctl, cmd, NULL)) ||
        !iothread_id(ctl, cmd, "id", &id))
        return false;
    if (tune_collect(ctl, cmd, opts, &params, &n, &max)) {
        if (n == 0)
            vsh_error(ctl, "Not enough arguments passed, nothing to set");
        else
            ok = virDomainSetIOThreadParams(dom, id, params, n, flags) == 0;
    }
    virTypedParamsFree(params, n);
    return ok;
}

static const VshOptDef opts_iothreadset[] = {
    VSH_DOMAIN_OPT,
    { "id", VSH_OT_INT, VSH_OF_REQUIRED, "the I/O thread id" },
    { "poll-max-ns", VSH_OT_INT, 0, "most nanoseconds to poll for I/O" },
    { "poll-grow", VSH_OT_INT, 0, "factor to grow the polling time by" },
    { "poll-shrink", VSH_OT_INT, 0, "divisor to shrink the polling time by" },
    { "thread-pool-min", VSH_OT_INT, 0, "fewest worker threads" },
    { "thread-pool-max", VSH_OT_INT, 0, "most worker threads" },
    VSH_AFFECT_OPTS,
    { NULL }
};

static bool
cmd_perf(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    virTypedParameterPtr params = NULL;
    int n = 0, max = 0;
    unsigned int flags;
    bool ok;

    if (!vsh_affect_flags(ctl, cmd, &flags) || !(dom = vsh_domain(ctl, cmd, NULL)))
        return false;
    for (int k = 0; k < 2; k++) {
        const char *list = NULL;
        g_auto(GStrv) events = NULL;

        if (vsh_opt_string(ctl, cmd, k == 0 ? "enable" : "disable", &list) < 0)
            return false;
        if (!list)
            continue;
        events = g_strsplit(list, ",", -1);
        for (size_t i = 0; events[i]; i++) {
            if (*events[i])
                virTypedParamsAddBoolean(&params, &n, &max, events[i], k == 0);
        }
    }
    if (n > 0) {
        ok = virDomainSetPerfEvents(dom, params, n, flags) == 0;
        if (!ok)
            vsh_error(ctl, "Unable to enable/disable perf events");
        virTypedParamsFree(params, n);
        return ok;
    }
    if (virDomainGetPerfEvents(dom, &params, &n, flags) < 0) {
        vsh_error(ctl, "Unable to get perf events");
        return false;
    }
    for (int i = 0; i < n; i++)
        vsh_print(ctl, "%-15s: %s\n", params[i].field,
                  params[i].value.b ? "enabled" : "disabled");
    virTypedParamsFree(params, n);
    return true;
}

static const VshOptDef opts_perf[] = {
    VSH_DOMAIN_OPT,
    { "enable", VSH_OT_STRING, 0, "events to turn on (comma-separated)" },
    { "disable", VSH_OT_STRING, 0, "events to turn off (comma-separated)" },
    VSH_AFFECT_OPTS,
    { NULL }
};

/* ---- lifecycle actions, agent timeout ---- */

static bool
cmd_set_lifecycle_action(VshCtl *ctl, const VshCmd *cmd)
{
    static const char *const types[] = { "poweroff", "reboot", "crash" };
    static const char *const actions[] = {
        "destroy", "restart", "rename-restart", "preserve", "coredump-destroy",
        "coredump-restart",
    };
    g_autoptr(virDomain) dom = NULL;
    const char *t = NULL, *a = NULL;
    int ti = -1, ai = -1;
    unsigned int flags;

    if (!vsh_affect_flags(ctl, cmd, &flags) || !(dom = vsh_domain(ctl, cmd, NULL)) ||
        vsh_opt_string(ctl, cmd, "type", &t) <= 0 ||
        vsh_opt_string(ctl, cmd, "action", &a) <= 0)
        return false;
    for (size_t i = 0; i < G_N_ELEMENTS(types); i++) {
        if (g_str_equal(t, types[i]))
            ti = (int) i;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(actions); i++) {
        if (g_str_equal(a, actions[i]))
            ai = (int) i;
    }
    if (ti < 0) {
        vsh_error(ctl, "Invalid lifecycle type '%s'.", t);
        return false;
    }
    if (ai < 0) {
        vsh_error(ctl, "Invalid lifecycle action '%s'.", a);
        return false;
    }
    if (virDomainSetLifecycleAction(dom, ti, ai, flags) < 0) {
        vsh_error(ctl, "Unable to change lifecycle action.");
        return false;
    }
    return true;
}

static const VshOptDef opts_set_lifecycle_action[] = {
    VSH_DOMAIN_OPT,
    { "type", VSH_OT_DATA, VSH_OF_REQUIRED, "poweroff, reboot or crash" },
    { "action", VSH_OT_DATA, VSH_OF_REQUIRED,
      "destroy, restart, rename-restart, preserve, coredump-destroy or coredump-restart" },
    VSH_AFFECT_OPTS,
    { NULL }
};

static bool
cmd_guest_agent_timeout(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    int timeout = VIR_DOMAIN_AGENT_RESPONSE_TIMEOUT_BLOCK;

    if (!dom || vsh_opt_int(ctl, cmd, "timeout", &timeout) < 0)
        return false;
    return virDomainAgentSetResponseTimeout(dom, timeout, 0) == 0;
}

static const VshOptDef opts_guest_agent_timeout[] = {
    VSH_DOMAIN_OPT,
    { "timeout", VSH_OT_INT, 0, "seconds; -2 waits forever, -1 uses the default, 0 does not wait" },
    { NULL }
};

/* ---- the table ---- */

const VshCmdDef vsh_cmds_domain_tune[] = {
    { "blkdeviotune", cmd_blkdeviotune, opts_blkdeviotune, "show or set a disk's I/O limits",
      "Print or change the I/O throttling of one disk.", 0 },
    { "blkiotune", cmd_blkiotune, opts_blkiotune, "show or set block I/O tuning",
      "Print or change the domain's block I/O weights and limits.", 0 },
    { "cpu-stats", cmd_cpu_stats, opts_cpu_stats, "show CPU time used per host CPU",
      "Print the CPU time the domain used on each host CPU and in total.", 0 },
    { "domiftune", cmd_domiftune, opts_domiftune, "show or set an interface's bandwidth",
      "Print or change the bandwidth limits of a guest interface.", 0 },
    { "emulatorpin", cmd_emulatorpin, opts_emulatorpin, "show or set emulator CPU affinity",
      "Print or change the host CPUs the emulator threads may run on.", 0 },
    { "guest-agent-timeout", cmd_guest_agent_timeout, opts_guest_agent_timeout,
      "set how long to wait for the guest agent", "Set the guest agent's response timeout.", 0 },
    { "guestvcpus", cmd_guestvcpus, opts_guestvcpus, "show or change vCPUs in the guest",
      "Print or change which vCPUs are online inside the guest (needs its agent).", 0 },
    { "iothreadadd", cmd_iothreadadd, opts_iothread_id, "add an I/O thread",
      "Add an I/O thread to a domain.", 0 },
    { "iothreaddel", cmd_iothreaddel, opts_iothread_id, "remove an I/O thread",
      "Remove an I/O thread from a domain.", 0 },
    { "iothreadinfo", cmd_iothreadinfo, opts_dom_affect, "list a domain's I/O threads",
      "List the I/O threads of a domain with their CPU affinity.", 0 },
    { "iothreadpin", cmd_iothreadpin, opts_iothreadpin, "set an I/O thread's CPU affinity",
      "Pin an I/O thread to host CPUs.", 0 },
    { "iothreadset", cmd_iothreadset, opts_iothreadset, "tune an I/O thread",
      "Change the polling and pool parameters of an I/O thread.", 0 },
    { "memtune", cmd_memtune, opts_memtune, "show or set memory limits",
      "Print or change the domain's memory limits.", 0 },
    { "numatune", cmd_numatune, opts_numatune, "show or set NUMA memory placement",
      "Print or change which host NUMA nodes the domain's memory comes from.", 0 },
    { "perf", cmd_perf, opts_perf, "show or set perf events",
      "Print, enable or disable the perf events counted for the domain.", 0 },
    { "schedinfo", cmd_schedinfo, opts_schedinfo, "show or set scheduler parameters",
      "Print or change the CPU scheduler parameters of the domain.", 0 },
    { "set-lifecycle-action", cmd_set_lifecycle_action, opts_set_lifecycle_action,
      "set what happens on poweroff, reboot or crash",
      "Change the action taken when the guest powers off, reboots or crashes.", 0 },
    { "setmaxmem", cmd_setmaxmem, opts_setmem, "set the most memory a domain may have",
      "Change the maximum memory of a domain.", 0 },
    { "setmem", cmd_setmem, opts_setmem, "set a domain's memory",
      "Change the current memory of a domain (balloon).", 0 },
    { "setvcpu", cmd_setvcpu, opts_setvcpu, "plug or unplug individual vCPUs",
      "Enable or disable individual vCPUs of a domain.", 0 },
    { "setvcpus", cmd_setvcpus, opts_setvcpus, "set the number of vCPUs",
      "Change the number of vCPUs of a domain.", 0 },
    { "vcpucount", cmd_vcpucount, opts_vcpucount, "show vCPU counts",
      "Print the maximum and current vCPU counts, live and configured.", 0 },
    { "vcpuinfo", cmd_vcpuinfo, opts_vcpuinfo, "show per-vCPU information",
      "Print the state, host CPU and affinity of each vCPU.", 0 },
    { "vcpupin", cmd_vcpupin, opts_vcpupin, "show or set vCPU affinity",
      "Print or change the host CPUs each vCPU may run on.", 0 },
    { NULL }
};
