/* api/test/test-domain-tune.c: tunables of the test driver: block I/O
 * weights, memory limits, NUMA memory policy, interface bandwidth, block
 * I/O throttling, perf events, lifecycle actions and IOThreads. Values go
 * into the live and/or persistent definition (AFFECT_* flags) so they show
 * in the domain XML, as with libvirt's test driver. */
#include "config.h"

#include <string.h>
#include <unistd.h>

#define ERR_DOMAIN VIR_FROM_TEST
#include "api/test/test-domain.h"
#include "api/test/test-ops.h"
#include "common/conf/netdev_conf.h"
#include "common/util/err.h"
#include "common/util/parse.h"

#define TEST_BLOCK_IOTUNE_MAX 1000000000000000ULL
#define TEST_IOTHREAD_POLL_MAX_NS 32768

/* ---- typed parameter helpers ------------------------------------------ */

static const char *
param_type_name(int type)
{
    static const char *const names[] = {
        "", "int", "uint", "llong", "ullong", "double", "boolean", "string",
    };

    return type > 0 && type < (int) G_N_ELEMENTS(names) ? names[type] : "unknown";
}

/**
 * test_params_validate() - libvirt's typed parameter validation
 */
int
test_params_validate(virTypedParameterPtr params, int nparams, const TestParamSpec *spec,
                     size_t nspec)
{
    for (int i = 0; i < nparams; i++) {
        const TestParamSpec *sp = NULL;

        for (size_t k = 0; k < nspec && !sp; k++) {
            if (g_str_equal(spec[k].name, params[i].field))
                sp = &spec[k];
        }
        if (!sp) {
            err_report(VIR_ERR_ARGUMENT_UNSUPPORTED, "parameter '%s' not supported",
                       params[i].field);
            return -1;
        }
        if (params[i].type != sp->type) {
            err_report(VIR_ERR_INVALID_ARG, "invalid type '%s' for parameter '%s', expected '%s'",
                       param_type_name(params[i].type), params[i].field,
                       param_type_name(sp->type));
            return -1;
        }
        for (int j = 0; j < i; j++) {
            if (g_str_equal(params[j].field, params[i].field)) {
                err_report(VIR_ERR_INVALID_ARG, "parameter '%s' occurs multiple times",
                           params[i].field);
                return -1;
            }
        }
    }
    return 0;
}

/* Set @params[idx] when the caller's array has room (libvirt's fill rule
 * for the Get*Parameters calls: the first *nparams entries). */
static void
param_set(virTypedParameterPtr params, int nparams, int idx, const char *name, int type,
          unsigned long long v, const char *str)
{
    virTypedParameterPtr p;

    if (idx >= nparams)
        return;
    p = &params[idx];
    memset(p, 0, sizeof(*p));
    g_strlcpy(p->field, name, sizeof(p->field));
    p->type = type;
    switch (type) {
    case VIR_TYPED_PARAM_INT:
        p->value.i = (int) v;
        break;
    case VIR_TYPED_PARAM_UINT:
        p->value.ui = (unsigned int) v;
        break;
    case VIR_TYPED_PARAM_ULLONG:
        p->value.ul = v;
        break;
    case VIR_TYPED_PARAM_STRING:
        p->value.s = g_strdup(str ? str : "");
        break;
    default:
        break;
    }
}

/* Lock, look up, and pick the definition @flags select.
 * Return: the definition (lock held), or NULL (lock released, reported). */
static DomainDef *
tune_begin(TestState *s, virDomainPtr domain, unsigned int flags, TestDomain **ret_dom,
           bool *ret_live)
{
    TestDomain *dom = test_domain_begin(s, domain);
    DomainDef *def;

    if (!dom)
        return NULL;
    def = test_domain_one_def(dom, flags, ret_live);
    if (!def) {
        g_mutex_unlock(&s->lock);
        return NULL;
    }
    if (ret_dom)
        *ret_dom = dom;
    return def;
}

/* The prologue of a Get*Parameters() call that has @count parameters: a
 * call with *@nparams 0 asks for the count, any other gets tune_begin().
 * Return: 1 with *@ret_def set (lock held), 0 after answering the count,
 * -1 (lock released, reported). */
static int
tune_get_begin(TestState *s, virDomainPtr domain, unsigned int flags, int *nparams, int count,
               DomainDef **ret_def)
{
    if (*nparams == 0) {
        *nparams = count;
        return 0;
    }
    *ret_def = tune_begin(s, domain, flags & ~VIR_TYPED_PARAM_STRING_OKAY, NULL, NULL);
    return *ret_def ? 1 : -1;
}

/* ---- block I/O weights ------------------------------------------------ */

typedef enum {
    BLKIO_WEIGHT, BLKIO_READ_IOPS, BLKIO_WRITE_IOPS, BLKIO_READ_BPS, BLKIO_WRITE_BPS,
    BLKIO_LAST
} BlkioField;

static const char *const blkio_params[BLKIO_LAST] = {
    VIR_DOMAIN_BLKIO_DEVICE_WEIGHT, VIR_DOMAIN_BLKIO_DEVICE_READ_IOPS,
    VIR_DOMAIN_BLKIO_DEVICE_WRITE_IOPS, VIR_DOMAIN_BLKIO_DEVICE_READ_BPS,
    VIR_DOMAIN_BLKIO_DEVICE_WRITE_BPS,
};

static unsigned long long
blkio_get(const DomainBlkioDevice *d, BlkioField f)
{
    switch (f) {
    case BLKIO_WEIGHT:
        return d->weight;
    case BLKIO_READ_IOPS:
        return d->read_iops_sec;
    case BLKIO_WRITE_IOPS:
        return d->write_iops_sec;
    case BLKIO_READ_BPS:
        return d->read_bytes_sec;
    default:
        return d->write_bytes_sec;
    }
}

static void
blkio_put(DomainBlkioDevice *d, BlkioField f, unsigned long long v)
{
    switch (f) {
    case BLKIO_WEIGHT:
        d->weight = v;
        break;
    case BLKIO_READ_IOPS:
        d->read_iops_sec = v;
        break;
    case BLKIO_WRITE_IOPS:
        d->write_iops_sec = v;
        break;
    case BLKIO_READ_BPS:
        d->read_bytes_sec = v;
        break;
    default:
        d->write_bytes_sec = v;
        break;
    }
}

/* Merge "path,value[,path,value...]" into the devices of @bt. */
static int
blkio_merge(DomainBlkiotune *bt, BlkioField f, const char *text)
{
    g_auto(GStrv) parts = g_strsplit(text, ",", -1);
    guint n = g_strv_length(parts);

    if (n % 2 != 0) {
        err_report(VIR_ERR_INVALID_ARG, "unable to parse blkio device '%s'", text);
        return -1;
    }
    for (guint i = 0; i + 1 < n; i += 2) {
        DomainBlkioDevice *d = NULL;
        unsigned long long v;

        if (parse_ull(parts[i + 1], 10, &v) < 0 || !*parts[i]) {
            err_report(VIR_ERR_INVALID_ARG, "invalid value '%s' for parameter '%s' of device '%s'",
                       parts[i + 1], blkio_params[f], parts[i]);
            return -1;
        }
        for (size_t k = 0; k < bt->ndevices && !d; k++) {
            if (g_str_equal(bt->devices[k].path, parts[i]))
                d = &bt->devices[k];
        }
        if (!d) {
            bt->devices = g_renew(DomainBlkioDevice, bt->devices, bt->ndevices + 1);
            d = &bt->devices[bt->ndevices++];
            memset(d, 0, sizeof(*d));
            d->path = g_strdup(parts[i]);
        }
        blkio_put(d, f, v);
    }
    /* a device without any value left is dropped */
    for (size_t k = bt->ndevices; k-- > 0;) {
        bool empty = true;

        for (int g = 0; g < BLKIO_LAST; g++)
            empty &= blkio_get(&bt->devices[k], g) == 0;
        if (empty) {
            g_free(bt->devices[k].path);
            memmove(&bt->devices[k], &bt->devices[k + 1],
                    sizeof(*bt->devices) * (bt->ndevices - k - 1));
            bt->ndevices--;
        }
    }
    return 0;
}

int
test_domain_set_blkio_parameters(virDomainPtr domain, virTypedParameterPtr params,
                                 int nparams, unsigned int flags)
{
    static const TestParamSpec spec[] = {
        { VIR_DOMAIN_BLKIO_WEIGHT, VIR_TYPED_PARAM_UINT },
        { VIR_DOMAIN_BLKIO_DEVICE_WEIGHT, VIR_TYPED_PARAM_STRING },
        { VIR_DOMAIN_BLKIO_DEVICE_READ_IOPS, VIR_TYPED_PARAM_STRING },
        { VIR_DOMAIN_BLKIO_DEVICE_WRITE_IOPS, VIR_TYPED_PARAM_STRING },
        { VIR_DOMAIN_BLKIO_DEVICE_READ_BPS, VIR_TYPED_PARAM_STRING },
        { VIR_DOMAIN_BLKIO_DEVICE_WRITE_BPS, VIR_TYPED_PARAM_STRING },
    };
    TestState *s = test_state_from_conn(domain->conn);
    DomainDef *def;
    int ret = 0;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1,
                     "testDomainSetBlkioParameters");
    if (test_params_validate(params, nparams, spec, G_N_ELEMENTS(spec)) < 0)
        return -1;
    if (!(def = tune_begin(s, domain, flags, NULL, NULL)))
        return -1;
    for (int i = 0; i < nparams && ret == 0; i++) {
        if (g_str_equal(params[i].field, VIR_DOMAIN_BLKIO_WEIGHT)) {
            def->blkiotune.weight = params[i].value.ui;
            continue;
        }
        for (int f = 0; f < BLKIO_LAST; f++) {
            if (g_str_equal(params[i].field, blkio_params[f]))
                ret = blkio_merge(&def->blkiotune, f, params[i].value.s);
        }
    }
    g_mutex_unlock(&s->lock);
    return ret;
}

static char *
blkio_format(const DomainBlkiotune *bt, BlkioField f)
{
    GString *out = g_string_new(NULL);

    for (size_t i = 0; i < bt->ndevices; i++) {
        unsigned long long v = blkio_get(&bt->devices[i], f);

        if (v == 0)
            continue;
        if (out->len)
            g_string_append_c(out, ',');
        g_string_append_printf(out, "%s,%llu", bt->devices[i].path, v);
    }
    return g_string_free(out, FALSE);
}

int
test_domain_get_blkio_parameters(virDomainPtr domain, virTypedParameterPtr params,
                                 int *nparams, unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    DomainDef *def;
    int n, r;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                     VIR_TYPED_PARAM_STRING_OKAY, -1, "testDomainGetBlkioParameters");
    if ((r = tune_get_begin(s, domain, flags, nparams, 1 + BLKIO_LAST, &def)) <= 0)
        return r;
    n = MIN(*nparams, 1 + BLKIO_LAST);
    param_set(params, n, 0, VIR_DOMAIN_BLKIO_WEIGHT, VIR_TYPED_PARAM_UINT,
              def->blkiotune.weight, NULL);
    for (int f = 0; f < BLKIO_LAST; f++) {
        g_autofree char *text = blkio_format(&def->blkiotune, f);

        param_set(params, n, 1 + f, blkio_params[f], VIR_TYPED_PARAM_STRING, 0, text);
    }
    g_mutex_unlock(&s->lock);
    *nparams = n;
    return 0;
}

/* ---- memory limits ---------------------------------------------------- */

static unsigned long long
limit_value(bool has, unsigned long long v)
{
    return has ? v : DOMAIN_MEMORY_UNLIMITED;
}

int
test_domain_set_memory_parameters(virDomainPtr domain, virTypedParameterPtr params,
                                  int nparams, unsigned int flags)
{
    static const TestParamSpec spec[] = {
        { VIR_DOMAIN_MEMORY_HARD_LIMIT, VIR_TYPED_PARAM_ULLONG },
        { VIR_DOMAIN_MEMORY_SOFT_LIMIT, VIR_TYPED_PARAM_ULLONG },
        { VIR_DOMAIN_MEMORY_SWAP_HARD_LIMIT, VIR_TYPED_PARAM_ULLONG },
    };
    TestState *s = test_state_from_conn(domain->conn);
    unsigned long long hard = 0;
    unsigned long long soft = 0;
    unsigned long long swap = 0;
    int has_hard;
    int has_soft;
    int has_swap;
    TestDomain *dom;
    DomainDef *def;
    DomainMemtune *mt;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1,
                     "testDomainSetMemoryParameters");
    if (test_params_validate(params, nparams, spec, G_N_ELEMENTS(spec)) < 0)
        return -1;
    has_hard = virTypedParamsGetULLong(params, nparams, VIR_DOMAIN_MEMORY_HARD_LIMIT, &hard);
    has_soft = virTypedParamsGetULLong(params, nparams, VIR_DOMAIN_MEMORY_SOFT_LIMIT, &soft);
    has_swap = virTypedParamsGetULLong(params, nparams, VIR_DOMAIN_MEMORY_SWAP_HARD_LIMIT,
                                       &swap);
    if (!(def = tune_begin(s, domain, flags, &dom, NULL)))
        return -1;
    if (has_hard == 1 || has_swap == 1) {
        /* libvirt compares against the running definition's limits */
        const DomainMemtune *cur = &dom->def->memtune;
        unsigned long long mem_limit = has_hard == 1 ? hard
                                       : limit_value(cur->has_hard_limit, cur->hard_limit);
        unsigned long long swap_limit = has_swap == 1 ? swap
                                        : limit_value(cur->has_swap_hard_limit,
                                                      cur->swap_hard_limit);

        if (mem_limit > swap_limit) {
            g_mutex_unlock(&s->lock);
            err_report(VIR_ERR_INVALID_ARG, "%s",
                       "memory hard_limit tunable value must be lower than or equal to "
                       "swap_hard_limit");
            return -1;
        }
    }
    mt = &def->memtune;
    if (has_soft == 1) {
        mt->soft_limit = soft;
        mt->has_soft_limit = soft != DOMAIN_MEMORY_UNLIMITED;
    }
    if (has_hard == 1) {
        mt->hard_limit = hard;
        mt->has_hard_limit = hard != DOMAIN_MEMORY_UNLIMITED;
    }
    if (has_swap == 1) {
        mt->swap_hard_limit = swap;
        mt->has_swap_hard_limit = swap != DOMAIN_MEMORY_UNLIMITED;
    }
    g_mutex_unlock(&s->lock);
    return 0;
}

int
test_domain_get_memory_parameters(virDomainPtr domain, virTypedParameterPtr params,
                                  int *nparams, unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    const DomainMemtune *mt;
    DomainDef *def;
    int n, r;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                     VIR_TYPED_PARAM_STRING_OKAY, -1, "testDomainGetMemoryParameters");
    if ((r = tune_get_begin(s, domain, flags, nparams, 3, &def)) <= 0)
        return r;
    mt = &def->memtune;
    n = *nparams;
    param_set(params, n, 0, VIR_DOMAIN_MEMORY_HARD_LIMIT, VIR_TYPED_PARAM_ULLONG,
              limit_value(mt->has_hard_limit, mt->hard_limit), NULL);
    param_set(params, n, 1, VIR_DOMAIN_MEMORY_SOFT_LIMIT, VIR_TYPED_PARAM_ULLONG,
              limit_value(mt->has_soft_limit, mt->soft_limit), NULL);
    param_set(params, n, 2, VIR_DOMAIN_MEMORY_SWAP_HARD_LIMIT, VIR_TYPED_PARAM_ULLONG,
              limit_value(mt->has_swap_hard_limit, mt->swap_hard_limit), NULL);
    g_mutex_unlock(&s->lock);
    *nparams = MIN(n, 3);
    return 0;
}

/* ---- NUMA memory policy ----------------------------------------------- */

int
test_domain_set_numa_parameters(virDomainPtr domain, virTypedParameterPtr params, int nparams,
                                unsigned int flags)
{
    static const TestParamSpec spec[] = {
        { VIR_DOMAIN_NUMA_MODE, VIR_TYPED_PARAM_INT },
        { VIR_DOMAIN_NUMA_NODESET, VIR_TYPED_PARAM_STRING },
    };
    TestState *s = test_state_from_conn(domain->conn);
    g_autofree char *nodeset = NULL;
    unsigned char map[128];
    DomainNumaMemory *mem;
    DomainDef *def;
    bool live = false;
    int mode = -1;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1,
                     "testDomainSetNumaParameters");
    if (test_params_validate(params, nparams, spec, G_N_ELEMENTS(spec)) < 0)
        return -1;
    for (int i = 0; i < nparams; i++) {
        if (g_str_equal(params[i].field, VIR_DOMAIN_NUMA_MODE)) {
            mode = params[i].value.i;
            if (mode < 0 || mode >= DOMAIN_NUMA_MODE_LAST) {
                err_report(VIR_ERR_INVALID_ARG, "unsupported numatune mode: '%d'", mode);
                return -1;
            }
        } else {
            if (test_cpuset_to_map(params[i].value.s, map, sizeof(map)) < 0)
                return -1;
            g_free(nodeset);
            nodeset = test_cpuset_from_map(map, sizeof(map));
            if (!nodeset) {
                err_report(VIR_ERR_OPERATION_INVALID, "Invalid nodeset of 'numatune': %s",
                           params[i].value.s);
                return -1;
            }
        }
    }
    if (!(def = tune_begin(s, domain, flags, NULL, &live)))
        return -1;
    mem = def->numatune.memory;
    if (live && mode != -1 && mem && mem->mode != mode) {
        g_mutex_unlock(&s->lock);
        err_report(VIR_ERR_OPERATION_INVALID, "%s",
                   "can't change numatune mode for running domain");
        return -1;
    }
    if (!mem && (mode != -1 || nodeset)) {
        mem = def->numatune.memory = g_new0(DomainNumaMemory, 1);
        mem->mode = DOMAIN_NUMA_MODE_STRICT;
    }
    if (mode != -1)
        mem->mode = mode;
    if (nodeset) {
        g_free(mem->nodeset);
        mem->nodeset = g_steal_pointer(&nodeset);
        mem->placement = DOMAIN_NUMA_PLACEMENT_DEFAULT;
    }
    g_mutex_unlock(&s->lock);
    return 0;
}

int
test_domain_get_numa_parameters(virDomainPtr domain, virTypedParameterPtr params, int *nparams,
                                unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    const DomainNumaMemory *mem;
    DomainDef *def;
    int n, r;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                     VIR_TYPED_PARAM_STRING_OKAY, -1, "testDomainGetNumaParameters");
    if ((r = tune_get_begin(s, domain, flags, nparams, 2, &def)) <= 0)
        return r;
    mem = def->numatune.memory;
    n = *nparams;
    param_set(params, n, 0, VIR_DOMAIN_NUMA_MODE, VIR_TYPED_PARAM_INT,
              mem ? mem->mode : DOMAIN_NUMA_MODE_STRICT, NULL);
    param_set(params, n, 1, VIR_DOMAIN_NUMA_NODESET, VIR_TYPED_PARAM_STRING, 0,
              mem ? mem->nodeset : NULL);
    g_mutex_unlock(&s->lock);
    *nparams = MIN(n, 2);
    return 0;
}

/* ---- interface bandwidth ---------------------------------------------- */

static const char *const bw_params[] = {
    VIR_DOMAIN_BANDWIDTH_IN_AVERAGE, VIR_DOMAIN_BANDWIDTH_IN_PEAK,
    VIR_DOMAIN_BANDWIDTH_IN_BURST, VIR_DOMAIN_BANDWIDTH_IN_FLOOR,
    VIR_DOMAIN_BANDWIDTH_OUT_AVERAGE, VIR_DOMAIN_BANDWIDTH_OUT_PEAK,
    VIR_DOMAIN_BANDWIDTH_OUT_BURST,
};

int
test_domain_set_interface_parameters(virDomainPtr domain, const char *device,
                                     virTypedParameterPtr params, int nparams,
                                     unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    TestParamSpec spec[G_N_ELEMENTS(bw_params)];
    BandwidthRate in = { 0 };
    BandwidthRate out = { 0 };
    bool in_given = false;
    bool out_given = false;
    DomainDef *def;
    DomainNet *net;

    for (size_t i = 0; i < G_N_ELEMENTS(bw_params); i++) {
        spec[i].name = bw_params[i];
        spec[i].type = VIR_TYPED_PARAM_UINT;
    }
    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1,
                     "testDomainSetInterfaceParameters");
    if (test_params_validate(params, nparams, spec, G_N_ELEMENTS(spec)) < 0)
        return -1;
    for (int i = 0; i < nparams; i++) {
        const char *f = params[i].field;
        unsigned int v = params[i].value.ui;

        if (g_str_equal(f, VIR_DOMAIN_BANDWIDTH_IN_AVERAGE)) {
            in.average = v;
            in_given = true;
        } else if (g_str_equal(f, VIR_DOMAIN_BANDWIDTH_IN_PEAK)) {
            in.peak = v;
        } else if (g_str_equal(f, VIR_DOMAIN_BANDWIDTH_IN_BURST)) {
            in.burst = v;
        } else if (g_str_equal(f, VIR_DOMAIN_BANDWIDTH_IN_FLOOR)) {
            in.floor = v;
            in_given = true;
        } else if (g_str_equal(f, VIR_DOMAIN_BANDWIDTH_OUT_AVERAGE)) {
            out.average = v;
            out_given = true;
        } else if (g_str_equal(f, VIR_DOMAIN_BANDWIDTH_OUT_PEAK)) {
            out.peak = v;
        } else if (g_str_equal(f, VIR_DOMAIN_BANDWIDTH_OUT_BURST)) {
            out.burst = v;
        }
    }
    if (!(def = tune_begin(s, domain, flags, NULL, NULL)))
        return -1;
    if (!(net = test_domain_find_net(def, device))) {
        g_mutex_unlock(&s->lock);
        return -1;
    }
    if (!net->bandwidth)
        net->bandwidth = g_new0(BandwidthDef, 1);
    /* an average (or inbound floor) sets a direction; given as 0 it clears it */
    if (in.average || in.floor) {
        g_free(net->bandwidth->in);
        net->bandwidth->in = g_memdup2(&in, sizeof(in));
    } else if (in_given) {
        g_clear_pointer(&net->bandwidth->in, g_free);
    }
    if (out.average) {
        g_free(net->bandwidth->out);
        net->bandwidth->out = g_memdup2(&out, sizeof(out));
    } else if (out_given) {
        g_clear_pointer(&net->bandwidth->out, g_free);
    }
    if (!net->bandwidth->in && !net->bandwidth->out)
        g_clear_pointer(&net->bandwidth, g_free);
    g_mutex_unlock(&s->lock);
    return 0;
}

int
test_domain_get_interface_parameters(virDomainPtr domain, const char *device,
                                     virTypedParameterPtr params, int *nparams,
                                     unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    BandwidthRate in = { 0 };
    BandwidthRate out = { 0 };
    unsigned long long vals[G_N_ELEMENTS(bw_params)];
    DomainDef *def;
    DomainNet *net;
    int n, r;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                     VIR_TYPED_PARAM_STRING_OKAY, -1, "testDomainGetInterfaceParameters");
    if ((r = tune_get_begin(s, domain, flags, nparams, G_N_ELEMENTS(bw_params), &def)) <= 0)
        return r;
    if (!(net = test_domain_find_net(def, device))) {
        g_mutex_unlock(&s->lock);
        return -1;
    }
    if (net->bandwidth && net->bandwidth->in)
        in = *net->bandwidth->in;
    if (net->bandwidth && net->bandwidth->out)
        out = *net->bandwidth->out;
    g_mutex_unlock(&s->lock);
    vals[0] = in.average;
    vals[1] = in.peak;
    vals[2] = in.burst;
    vals[3] = in.floor;
    vals[4] = out.average;
    vals[5] = out.peak;
    vals[6] = out.burst;
    n = *nparams;
    for (size_t i = 0; i < G_N_ELEMENTS(bw_params); i++)
        param_set(params, n, i, bw_params[i], VIR_TYPED_PARAM_UINT, vals[i], NULL);
    *nparams = MIN(n, (int) G_N_ELEMENTS(bw_params));
    return 0;
}

/* ---- block I/O throttling --------------------------------------------- */

/* The throttling fields in the order of virDomainGetBlockIoTune, with
 * where they live in DomainDiskIotune (group_name aside). */
static const struct {
    const char *name;
    size_t offset;
} iotune_fields[] = {
#define F(n, m) { n, offsetof(DomainDiskIotune, m) }
    F(VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC, total_bytes_sec),
    F(VIR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC, read_bytes_sec),
    F(VIR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC, write_bytes_sec),
    F(VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC, total_iops_sec),
    F(VIR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC, read_iops_sec),
    F(VIR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC, write_iops_sec),
    F(VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC_MAX, total_bytes_sec_max),
    F(VIR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC_MAX, read_bytes_sec_max),
    F(VIR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC_MAX, write_bytes_sec_max),
    F(VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC_MAX, total_iops_sec_max),
    F(VIR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC_MAX, read_iops_sec_max),
    F(VIR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC_MAX, write_iops_sec_max),
    F(VIR_DOMAIN_BLOCK_IOTUNE_SIZE_IOPS_SEC, size_iops_sec),
    { VIR_DOMAIN_BLOCK_IOTUNE_GROUP_NAME, 0 },
    F(VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC_MAX_LENGTH, total_bytes_sec_max_length),
    F(VIR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC_MAX_LENGTH, read_bytes_sec_max_length),
    F(VIR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC_MAX_LENGTH, write_bytes_sec_max_length),
    F(VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC_MAX_LENGTH, total_iops_sec_max_length),
    F(VIR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC_MAX_LENGTH, read_iops_sec_max_length),
    F(VIR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC_MAX_LENGTH, write_iops_sec_max_length),
#undef F
};
#define IOTUNE_GROUP_INDEX 13

#define IOTUNE_FIELD(io, i) (*(unsigned long long *) ((char *) (io) + iotune_fields[i].offset))

static int
iotune_check(const DomainDiskIotune *io)
{
    static const char *const pairs[][2] = {
        { "total_bytes_sec", "total_bytes_sec_max" },
        { "read_bytes_sec", "read_bytes_sec_max" },
        { "write_bytes_sec", "write_bytes_sec_max" },
        { "total_iops_sec", "total_iops_sec_max" },
        { "read_iops_sec", "read_iops_sec_max" },
        { "write_iops_sec", "write_iops_sec_max" },
    };
    const unsigned long long *v = &io->total_bytes_sec;

    if ((io->total_bytes_sec && io->read_bytes_sec) ||
        (io->total_bytes_sec && io->write_bytes_sec)) {
        err_report(VIR_ERR_INVALID_ARG, "%s",
                   "total and read/write of bytes_sec cannot be set at the same time");
        return -1;
    }
    if ((io->total_iops_sec && io->read_iops_sec) ||
        (io->total_iops_sec && io->write_iops_sec)) {
        err_report(VIR_ERR_INVALID_ARG, "%s",
                   "total and read/write of iops_sec cannot be set at the same time");
        return -1;
    }
    if ((io->total_bytes_sec_max && io->read_bytes_sec_max) ||
        (io->total_bytes_sec_max && io->write_bytes_sec_max)) {
        err_report(VIR_ERR_INVALID_ARG, "%s",
                   "total and read/write of bytes_sec_max cannot be set at the same time");
        return -1;
    }
    if ((io->total_iops_sec_max && io->read_iops_sec_max) ||
        (io->total_iops_sec_max && io->write_iops_sec_max)) {
        err_report(VIR_ERR_INVALID_ARG, "%s",
                   "total and read/write of iops_sec_max cannot be set at the same time");
        return -1;
    }
    /* libvirt's test driver compares each rate with its burst maximum even
     * when the maximum is unset (0): a plain rate needs a maximum too */
    for (size_t i = 0; i < G_N_ELEMENTS(pairs); i++) {
        if (v[i] > v[i + 6]) {
            err_report(VIR_ERR_INVALID_ARG, "%s cannot be set higher than %s ",
                       pairs[i][0], pairs[i][1]);
            return -1;
        }
    }
    return 0;
}

int
test_domain_set_block_io_tune(virDomainPtr domain, const char *disk,
                              virTypedParameterPtr params, int nparams, unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    TestParamSpec spec[G_N_ELEMENTS(iotune_fields)];
    DomainDiskIotune io;
    DomainDef *def;
    DomainDisk *d;

    for (size_t i = 0; i < G_N_ELEMENTS(iotune_fields); i++) {
        spec[i].name = iotune_fields[i].name;
        spec[i].type = i == IOTUNE_GROUP_INDEX ? VIR_TYPED_PARAM_STRING : VIR_TYPED_PARAM_ULLONG;
    }
    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1,
                     "testDomainSetBlockIoTune");
    if (test_params_validate(params, nparams, spec, G_N_ELEMENTS(spec)) < 0)
        return -1;
    if (!(def = tune_begin(s, domain, flags, NULL, NULL)))
        return -1;
    if (!(d = test_domain_find_disk(def, disk))) {
        g_mutex_unlock(&s->lock);
        err_report(VIR_ERR_INVALID_ARG, "missing persistent configuration for disk '%s'", disk);
        return -1;
    }
    io = d->iotune;
    io.group_name = g_strdup(d->iotune.group_name);
    for (int i = 0; i < nparams; i++) {
        for (size_t k = 0; k < G_N_ELEMENTS(iotune_fields); k++) {
            if (!g_str_equal(params[i].field, iotune_fields[k].name))
                continue;
            if (k == IOTUNE_GROUP_INDEX) {
                g_free(io.group_name);
                io.group_name = g_strdup(params[i].value.s);
                continue;
            }
            if (params[i].value.ul > TEST_BLOCK_IOTUNE_MAX) {
                g_mutex_unlock(&s->lock);
                g_free(io.group_name);
                err_report(VIR_ERR_ARGUMENT_UNSUPPORTED,
                           "block I/O throttle limit value must be no more than %llu",
                           TEST_BLOCK_IOTUNE_MAX);
                return -1;
            }
            IOTUNE_FIELD(&io, k) = params[i].value.ul;
        }
    }
    if (iotune_check(&io) < 0) {
        g_mutex_unlock(&s->lock);
        g_free(io.group_name);
        return -1;
    }
    g_free(d->iotune.group_name);
    d->iotune = io;
    g_mutex_unlock(&s->lock);
    return 0;
}

int
test_domain_get_block_io_tune(virDomainPtr domain, const char *disk,
                              virTypedParameterPtr params, int *nparams, unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    DomainDef *def;
    DomainDisk *d;
    int n, r;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                     VIR_TYPED_PARAM_STRING_OKAY, -1, "testDomainGetBlockIoTune");
    if ((r = tune_get_begin(s, domain, flags, nparams, G_N_ELEMENTS(iotune_fields), &def)) <= 0)
        return r;
    if (!disk || !(d = test_domain_find_disk(def, disk))) {
        g_mutex_unlock(&s->lock);
        err_report(VIR_ERR_INVALID_ARG, "disk '%s' was not found in the domain config",
                   disk ? disk : "");
        return -1;
    }
    n = *nparams;
    for (size_t i = 0; i < G_N_ELEMENTS(iotune_fields); i++) {
        if (i == IOTUNE_GROUP_INDEX)
            param_set(params, n, i, iotune_fields[i].name, VIR_TYPED_PARAM_STRING, 0,
                      d->iotune.group_name);
        else
            param_set(params, n, i, iotune_fields[i].name, VIR_TYPED_PARAM_ULLONG,
                      IOTUNE_FIELD(&d->iotune, i), NULL);
    }
    g_mutex_unlock(&s->lock);
    *nparams = MIN(n, (int) G_N_ELEMENTS(iotune_fields));
    return 0;
}

/* ---- perf events ------------------------------------------------------ */

#define TEST_PERF_EVENTS 22

int
test_domain_set_perf_events(virDomainPtr domain, virTypedParameterPtr params, int nparams,
                            unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    TestParamSpec spec[TEST_PERF_EVENTS];
    DomainDef *def;

    for (int i = 0; i < TEST_PERF_EVENTS; i++) {
        spec[i].name = domain_perf_event_to_string(i);
        spec[i].type = VIR_TYPED_PARAM_BOOLEAN;
    }
    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1,
                     "testDomainSetPerfEvents");
    if (test_params_validate(params, nparams, spec, G_N_ELEMENTS(spec)) < 0)
        return -1;
    if (!(def = tune_begin(s, domain, flags, NULL, NULL)))
        return -1;
    for (int i = 0; i < nparams; i++) {
        int name = domain_perf_event_from_string(params[i].field);
        DomainPerfEvent *ev = NULL;

        for (size_t k = 0; k < def->nperf_events && !ev; k++) {
            if (def->perf_events[k].name == name)
                ev = &def->perf_events[k];
        }
        if (!ev) {
            def->perf_events = g_renew(DomainPerfEvent, def->perf_events,
                                       def->nperf_events + 1);
            ev = &def->perf_events[def->nperf_events++];
            ev->name = name;
        }
        ev->enabled = params[i].value.b != 0;
    }
    domain_perf_events_sort(def->perf_events, def->nperf_events);
    g_mutex_unlock(&s->lock);
    return 0;
}

int
test_domain_get_perf_events(virDomainPtr domain, virTypedParameterPtr *params, int *nparams,
                            unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    virTypedParameterPtr par = NULL;
    int npar = 0;
    int maxpar = 0;
    DomainDef *def;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                     VIR_TYPED_PARAM_STRING_OKAY, -1, "testDomainGetPerfEvents");
    if (!(def = tune_begin(s, domain, flags & ~VIR_TYPED_PARAM_STRING_OKAY, NULL, NULL)))
        return -1;
    for (int i = 0; i < TEST_PERF_EVENTS; i++) {
        bool on = false;

        for (size_t k = 0; k < def->nperf_events; k++)
            on |= def->perf_events[k].name == i && def->perf_events[k].enabled;
        virTypedParamsAddBoolean(&par, &npar, &maxpar, domain_perf_event_to_string(i), on);
    }
    g_mutex_unlock(&s->lock);
    *params = par;
    *nparams = npar;
    return 0;
}

/* ---- lifecycle actions ------------------------------------------------ */

int
test_domain_set_lifecycle_action(virDomainPtr domain, unsigned int type, unsigned int action,
                                 unsigned int flags)
{
    static const char *const types[] = { "poweroff", "reboot", "crash" };
    static const char *const actions[] = {
        "destroy", "restart", "rename-restart", "preserve", "coredump-destroy",
        "coredump-restart",
    };
    TestState *s = test_state_from_conn(domain->conn);
    DomainDef *defs[2] = { NULL, NULL };
    TestDomain *dom;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1,
                     "testDomainSetLifecycleAction");
    if (type >= G_N_ELEMENTS(types) || action >= G_N_ELEMENTS(actions)) {
        err_report_full(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG, __FILE__, __func__, __LINE__,
                        "Unsupported lifecycle type '%u' or action '%u'", type, action);
        return -1;
    }
    if (type != VIR_DOMAIN_LIFECYCLE_CRASH &&
        (action == VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_DESTROY ||
         action == VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_RESTART)) {
        err_report_full(VIR_FROM_DOMAIN, VIR_ERR_CONFIG_UNSUPPORTED, __FILE__, __func__,
                        __LINE__, "Lifecycle event '%s' doesn't support '%s' action",
                        types[type], actions[action]);
        return -1;
    }
    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    if (test_domain_defs(dom, flags, &defs[0], &defs[1]) < 0) {
        g_mutex_unlock(&s->lock);
        return -1;
    }
    for (int i = 0; i < 2; i++) {
        int *slot;

        if (!defs[i])
            continue;
        slot = type == VIR_DOMAIN_LIFECYCLE_POWEROFF ? &defs[i]->on_poweroff :
               type == VIR_DOMAIN_LIFECYCLE_REBOOT ? &defs[i]->on_reboot : &defs[i]->on_crash;
        /* our enum starts with an extra "default" value */
        *slot = action + 1;
    }
    g_mutex_unlock(&s->lock);
    return 0;
}

/* ---- IOThreads -------------------------------------------------------- */

static ssize_t
iothread_index(const DomainDef *def, unsigned int id)
{
    for (size_t i = 0; i < def->niothreadids; i++) {
        if (def->iothreadids[i].id == id)
            return i;
    }
    return -1;
}

static void
report_no_iothread(unsigned int id)
{
    err_report_full(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG, __FILE__, __func__, __LINE__,
                    "cannot find IOThread '%u' in iothreadids list", id);
}

static void
iothread_pin_set(DomainDef *def, unsigned int id, char *set)
{
    DomainCputune *ct = &def->cputune;

    for (size_t i = 0; i < ct->niothreadpins; i++) {
        if (ct->iothreadpins[i].iothread == id) {
            g_free(ct->iothreadpins[i].cpuset);
            if (set) {
                ct->iothreadpins[i].cpuset = set;
            } else {
                memmove(&ct->iothreadpins[i], &ct->iothreadpins[i + 1],
                        sizeof(*ct->iothreadpins) * (ct->niothreadpins - i - 1));
                ct->niothreadpins--;
            }
            return;
        }
    }
    if (!set)
        return;
    ct->iothreadpins = g_renew(DomainIothreadPin, ct->iothreadpins, ct->niothreadpins + 1);
    ct->iothreadpins[ct->niothreadpins].iothread = id;
    ct->iothreadpins[ct->niothreadpins].cpuset = set;
    ct->niothreadpins++;
}

static TestIOThreadPoll *
iothread_poll(TestDomain *dom, unsigned int id, bool create)
{
    TestIOThreadPoll p = { .id = id, .max_ns = TEST_IOTHREAD_POLL_MAX_NS };

    for (guint i = 0; i < dom->iothread_polls->len; i++) {
        TestIOThreadPoll *q = &g_array_index(dom->iothread_polls, TestIOThreadPoll, i);

        if (q->id == id)
            return q;
    }
    if (!create)
        return NULL;
    g_array_append_val(dom->iothread_polls, p);
    return &g_array_index(dom->iothread_polls, TestIOThreadPoll, dom->iothread_polls->len - 1);
}

/* Add (@add) or delete IOThread @id in the definitions @flags select. */
static int
iothread_change(virDomainPtr domain, unsigned int id, unsigned int flags, bool add)
{
    TestState *s = test_state_from_conn(domain->conn);
    DomainDef *defs[2] = { NULL, NULL };
    TestDomain *dom;

    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    if (test_domain_defs(dom, flags, &defs[0], &defs[1]) < 0)
        goto error;
    for (int i = 0; i < 2; i++) {
        ssize_t idx = defs[i] ? iothread_index(defs[i], id) : -1;

        if (!defs[i])
            continue;
        if (add && idx >= 0) {
            err_report_full(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG, __FILE__, __func__,
                            __LINE__, "an IOThread is already using iothread_id '%u'", id);
            goto error;
        }
        if (!add && idx < 0) {
            report_no_iothread(id);
            goto error;
        }
    }
    for (int i = 0; i < 2; i++) {
        DomainDef *def = defs[i];

        if (!def)
            continue;
        if (add) {
            def->iothreadids = g_renew(DomainIothread, def->iothreadids,
                                       def->niothreadids + 1);
            memset(&def->iothreadids[def->niothreadids], 0, sizeof(DomainIothread));
            def->iothreadids[def->niothreadids++].id = id;
            def->iothreads = def->niothreadids;
        } else {
            ssize_t idx = iothread_index(def, id);

            memmove(&def->iothreadids[idx], &def->iothreadids[idx + 1],
                    sizeof(DomainIothread) * (def->niothreadids - idx - 1));
            def->niothreadids--;
            def->iothreads = def->niothreadids;
            iothread_pin_set(def, id, NULL);
        }
    }
    if (add && defs[0])
        iothread_poll(dom, id, true);
    g_mutex_unlock(&s->lock);
    return 0;

 error:
    g_mutex_unlock(&s->lock);
    return -1;
}

int
test_domain_add_iothread(virDomainPtr domain, unsigned int iothread_id, unsigned int flags)
{
    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1,
                     "testDomainAddIOThread");
    if (iothread_id == 0) {
        err_report(VIR_ERR_INVALID_ARG, "%s", "invalid value of 0 for iothread_id");
        return -1;
    }
    return iothread_change(domain, iothread_id, flags, true);
}

int
test_domain_del_iothread(virDomainPtr domain, unsigned int iothread_id, unsigned int flags)
{
    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1,
                     "testDomainDelIOThread");
    if (iothread_id == 0) {
        err_report(VIR_ERR_INVALID_ARG, "%s", "invalid value of 0 for iothread_id");
        return -1;
    }
    return iothread_change(domain, iothread_id, flags, false);
}

int
test_domain_pin_iothread(virDomainPtr domain, unsigned int iothread_id, unsigned char *cpumap,
                         int maplen, unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    DomainDef *defs[2] = { NULL, NULL };
    TestDomain *dom;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1,
                     "testDomainPinIOThread");
    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    if (test_domain_defs(dom, flags, &defs[0], &defs[1]) < 0)
        goto error;
    for (int i = 0; i < 2; i++) {
        if (defs[i] && iothread_index(defs[i], iothread_id) < 0) {
            report_no_iothread(iothread_id);
            goto error;
        }
    }
    for (int i = 0; i < 2; i++) {
        char *set;

        if (!defs[i])
            continue;
        set = test_cpuset_from_map(cpumap, maplen);
        if (!set) {
            err_report(VIR_ERR_INVALID_ARG, "%s", "Empty iothread cpumap list for pinning");
            goto error;
        }
        iothread_pin_set(defs[i], iothread_id, set);
    }
    g_mutex_unlock(&s->lock);
    return 0;

 error:
    g_mutex_unlock(&s->lock);
    return -1;
}

int
test_domain_get_iothread_info(virDomainPtr domain, virDomainIOThreadInfoPtr **info,
                              unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    /* libvirt's test driver sizes these maps by the real machine's CPUs */
    long ncpus = sysconf(_SC_NPROCESSORS_CONF);
    int maplen = VIR_CPU_MAPLEN(ncpus > 0 ? ncpus : 1);
    virDomainIOThreadInfoPtr *out;
    DomainDef *def;
    size_t n;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1,
                     "testDomainGetIOThreadInfo");
    if (!(def = tune_begin(s, domain, flags, NULL, NULL)))
        return -1;
    n = def->niothreadids;
    if (n == 0) {
        g_mutex_unlock(&s->lock);
        *info = NULL;
        return 0;
    }
    out = g_new0(virDomainIOThreadInfoPtr, n + 1);
    for (size_t i = 0; i < n; i++) {
        virDomainIOThreadInfoPtr it = g_new0(virDomainIOThreadInfo, 1);
        unsigned int id = def->iothreadids[i].id;
        const char *set = NULL;

        for (size_t k = 0; k < def->cputune.niothreadpins && !set; k++) {
            if (def->cputune.iothreadpins[k].iothread == id)
                set = def->cputune.iothreadpins[k].cpuset;
        }
        if (!set)
            set = def->vcpu.cpuset;
        it->iothread_id = id;
        it->cpumaplen = maplen;
        it->cpumap = g_malloc0(maplen);
        if (set)
            test_cpuset_to_map(set, it->cpumap, maplen);
        else
            test_cpumap_fill(it->cpumap, maplen, ncpus);
        out[i] = it;
    }
    g_mutex_unlock(&s->lock);
    *info = out;
    return n;
}

int
test_domain_set_iothread_params(virDomainPtr domain, unsigned int iothread_id,
                                virTypedParameterPtr params, int nparams, unsigned int flags)
{
    static const TestParamSpec spec[] = {
        { VIR_DOMAIN_IOTHREAD_POLL_MAX_NS, VIR_TYPED_PARAM_ULLONG },
        { VIR_DOMAIN_IOTHREAD_POLL_GROW, VIR_TYPED_PARAM_UINT },
        { VIR_DOMAIN_IOTHREAD_POLL_SHRINK, VIR_TYPED_PARAM_UINT },
        { VIR_DOMAIN_IOTHREAD_THREAD_POOL_MIN, VIR_TYPED_PARAM_INT },
        { VIR_DOMAIN_IOTHREAD_THREAD_POOL_MAX, VIR_TYPED_PARAM_INT },
    };
    TestState *s = test_state_from_conn(domain->conn);
    DomainDef *live = NULL;
    TestIOThreadPoll *poll;
    TestDomain *dom;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1,
                     "testDomainSetIOThreadParams");
    if (test_params_validate(params, nparams, spec, G_N_ELEMENTS(spec)) < 0)
        return -1;
    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    if (test_domain_defs(dom, flags, &live, NULL) < 0)
        goto error;
    if (!live) {
        err_report(VIR_ERR_OPERATION_INVALID, "%s",
                   "IOThreads parameters can only be changed on a running domain");
        goto error;
    }
    if (iothread_index(live, iothread_id) < 0) {
        report_no_iothread(iothread_id);
        goto error;
    }
    poll = iothread_poll(dom, iothread_id, true);
    for (int i = 0; i < nparams; i++) {
        if (g_str_equal(params[i].field, VIR_DOMAIN_IOTHREAD_POLL_MAX_NS))
            poll->max_ns = params[i].value.ul;
        else if (g_str_equal(params[i].field, VIR_DOMAIN_IOTHREAD_POLL_GROW))
            poll->grow = params[i].value.ui;
        else if (g_str_equal(params[i].field, VIR_DOMAIN_IOTHREAD_POLL_SHRINK))
            poll->shrink = params[i].value.ui;
    }
    g_mutex_unlock(&s->lock);
    return 0;

 error:
    g_mutex_unlock(&s->lock);
    return -1;
}

/**
 * test_domain_iothread_stats() - "iothread.*" records of a running domain
 */
void
test_domain_iothread_stats(TestDomain *dom, virTypedParameterPtr *params, int *nparams,
                           int *maxparams)
{
    const DomainDef *def = dom->def;

    /* a domain without IOThreads reports nothing at all */
    if (def->niothreadids == 0)
        return;
    virTypedParamsAddUInt(params, nparams, maxparams, "iothread.count", def->niothreadids);
    for (size_t i = 0; i < def->niothreadids; i++) {
        unsigned int id = def->iothreadids[i].id;
        const TestIOThreadPoll *p = iothread_poll(dom, id, true);
        char name[VIR_TYPED_PARAM_FIELD_LENGTH];

        g_snprintf(name, sizeof(name), "iothread.%u.poll-max-ns", id);
        virTypedParamsAddULLong(params, nparams, maxparams, name, p->max_ns);
        g_snprintf(name, sizeof(name), "iothread.%u.poll-grow", id);
        virTypedParamsAddUInt(params, nparams, maxparams, name, p->grow);
        g_snprintf(name, sizeof(name), "iothread.%u.poll-shrink", id);
        virTypedParamsAddUInt(params, nparams, maxparams, name, p->shrink);
    }
}
