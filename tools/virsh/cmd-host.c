/*
 * cmd-host.c: host and hypervisor commands (help keyword 'host'): version, uri,
 * hostname, sysinfo, capabilities, domcapabilities, nodeinfo, nodecpumap,
 * nodecpustats, nodememstats, node-memory-tune, nodesevinfo, nodesuspend, freecell,
 * freepages, allocpages, maxvcpus, cpu-models, cpu-baseline, cpu-compare and the
 * hypervisor-cpu-* commands.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "common/util/parse.h"
#include "tools/virsh/helpers.h"

#define VER_FMT "%lu.%lu.%lu"
#define VER_ARGS(v) (unsigned long) ((v) / 1000000), (unsigned long) (((v) / 1000) % 1000), \
                    (unsigned long) ((v) % 1000)

static bool
cmd_version(VshCtl *ctl, const VshCmd *cmd)
{
    virConnectPtr conn = vsh_conn(ctl);
    unsigned long lib = 0, api = 0, hv = 0, daemon = 0;
    const char *type;

    vsh_print(ctl, "Compiled against library: libvirt " VER_FMT "\n",
              VER_ARGS(LIBVIR_VERSION_NUMBER));
    if (virGetVersion(&lib, NULL, NULL) < 0) {
        vsh_error(ctl, "failed to get the library version");
        return false;
    }
    vsh_print(ctl, "Using library: libvirt " VER_FMT "\n", VER_ARGS(lib));

    if (!(type = virConnectGetType(conn))) {
        vsh_error(ctl, "failed to get hypervisor type");
        return false;
    }
    if (virGetVersion(&lib, type, &api) < 0) {
        vsh_error(ctl, "failed to get the library version");
        return false;
    }
    vsh_print(ctl, "Using API: %s " VER_FMT "\n", type, VER_ARGS(api));

    if (virConnectGetVersion(conn, &hv) < 0) {
        vsh_error(ctl, "failed to get the hypervisor version");
        return false;
    }
    if (hv == 0)
        vsh_print(ctl, "Cannot extract running %s hypervisor version\n", type);
    else
        vsh_print(ctl, "Running hypervisor: %s " VER_FMT "\n", type, VER_ARGS(hv));

    if (vsh_opt_bool(cmd, "daemon")) {
        if (virConnectGetLibVersion(conn, &daemon) < 0) {
            vsh_error(ctl, "failed to get the daemon version");
            return false;
        }
        vsh_print(ctl, "Running against daemon: " VER_FMT "\n", VER_ARGS(daemon));
    }
    return true;
}

static const VshOptDef opts_version[] = {
    { "daemon", VSH_OT_BOOL, 0, "also show the version of the daemon" },
    { NULL }
};

static bool
cmd_uri(VshCtl *ctl, const VshCmd *cmd)
{
    g_autofree char *uri = virConnectGetURI(vsh_conn(ctl));

    if (!uri) {
        vsh_error(ctl, "failed to get URI");
        return false;
    }
    vsh_print(ctl, "%s\n", uri);
    return true;
}

static bool
cmd_hostname(VshCtl *ctl, const VshCmd *cmd)
{
    g_autofree char *name = virConnectGetHostname(vsh_conn(ctl));

    if (!name) {
        vsh_error(ctl, "failed to get hostname");
        return false;
    }
    vsh_print(ctl, "%s\n", name);
    return true;
}

static bool
cmd_sysinfo(VshCtl *ctl, const VshCmd *cmd)
{
    g_autofree char *xml = virConnectGetSysinfo(vsh_conn(ctl), 0);

    if (!xml) {
        vsh_error(ctl, "failed to get sysinfo");
        return false;
    }
    vsh_print(ctl, "%s", xml);
    return true;
}

static bool
cmd_capabilities(VshCtl *ctl, const VshCmd *cmd)
{
    g_autofree char *xml = virConnectGetCapabilities(vsh_conn(ctl));

    if (!xml) {
        vsh_error(ctl, "failed to get capabilities");
        return false;
    }
    vsh_print(ctl, "%s\n", xml);
    return true;
}

static bool
cmd_domcapabilities(VshCtl *ctl, const VshCmd *cmd)
{
    const char *virttype = NULL, *emulator = NULL, *arch = NULL, *machine = NULL;
    g_autofree char *xml = NULL;

    if (vsh_opt_string(ctl, cmd, "virttype", &virttype) < 0 ||
        vsh_opt_string(ctl, cmd, "emulatorbin", &emulator) < 0 ||
        vsh_opt_string(ctl, cmd, "arch", &arch) < 0 ||
        vsh_opt_string(ctl, cmd, "machine", &machine) < 0)
        return false;
    xml = virConnectGetDomainCapabilities(vsh_conn(ctl), emulator, arch, machine, virttype, 0);
    if (!xml) {
        vsh_error(ctl, "failed to get emulator capabilities");
        return false;
    }
    vsh_print(ctl, "%s", xml);
    return true;
}

static const VshOptDef opts_domcapabilities[] = {
    { "virttype", VSH_OT_STRING, 0, "the virtualization type (kvm, qemu...)" },
    { "emulatorbin", VSH_OT_STRING, 0, "the emulator binary" },
    { "arch", VSH_OT_STRING, 0, "the guest architecture" },
    { "machine", VSH_OT_STRING, 0, "the machine type" },
    { NULL }
};

/* ---- node information ---- */

static bool
cmd_nodeinfo(VshCtl *ctl, const VshCmd *cmd)
{
    virNodeInfo info;

    if (virNodeGetInfo(vsh_conn(ctl), &info) < 0) {
        vsh_error(ctl, "failed to get node information");
        return false;
    }
    if (vsh_opt_bool(cmd, "json")) {
        json_object *o = json_object_new_object();

        vsh_json_add_str(o, "cpu_model", info.model);
        vsh_json_add_uint(o, "cpus", info.cpus);
        vsh_json_add_uint(o, "mhz", info.mhz);
        vsh_json_add_uint(o, "sockets", info.sockets);
        vsh_json_add_uint(o, "cores_per_socket", info.cores);
        vsh_json_add_uint(o, "threads_per_core", info.threads);
        vsh_json_add_uint(o, "numa_cells", info.nodes);
        vsh_json_add_uint(o, "memory_kib", info.memory);
        vsh_json_print(ctl, o);
        return true;
    }
    vsh_print(ctl, "%-20s %s\n", "CPU model:", info.model);
    vsh_print(ctl, "%-20s %d\n", "CPU(s):", info.cpus);
    vsh_print(ctl, "%-20s %d MHz\n", "CPU frequency:", info.mhz);
    vsh_print(ctl, "%-20s %d\n", "CPU socket(s):", info.sockets);
    vsh_print(ctl, "%-20s %d\n", "Core(s) per socket:", info.cores);
    vsh_print(ctl, "%-20s %d\n", "Thread(s) per core:", info.threads);
    vsh_print(ctl, "%-20s %d\n", "NUMA cell(s):", info.nodes);
    vsh_print(ctl, "%-20s %lu KiB\n", "Memory size:", info.memory);
    return true;
}

static const VshOptDef opts_json_only[] = {
    { "json", VSH_OT_BOOL, 0, "print a JSON object" },
    { NULL }
};

static bool
cmd_nodecpumap(VshCtl *ctl, const VshCmd *cmd)
{
    unsigned char *map = NULL;
    unsigned int online = 0;
    g_autofree char *shown = NULL;
    int n;

    if ((n = virNodeGetCPUMap(vsh_conn(ctl), &map, &online, 0)) < 0) {
        vsh_error(ctl, "Unable to get cpu map");
        return false;
    }
    vsh_print(ctl, "%-15s %d\n", "CPUs present:", n);
    vsh_print(ctl, "%-15s %d\n", "CPUs online:", online);
    shown = vsh_opt_bool(cmd, "pretty") ? vsh_cpumap_str(map, n) : vsh_cpumap_yn(map, n);
    vsh_print(ctl, "%-15s %s\n", "CPU map:", shown);
    free(map);
    return true;
}

static const VshOptDef opts_nodecpumap[] = {
    { "pretty", VSH_OT_BOOL, 0, "show the online CPUs as ranges" },
    { NULL }
};

static bool
cpu_stats(VshCtl *ctl, int cpu, virNodeCPUStatsPtr *ret, int *ret_n)
{
    virConnectPtr conn = vsh_conn(ctl);
    int n = 0;

    if (virNodeGetCPUStats(conn, cpu, NULL, &n, 0) < 0 || n == 0) {
        vsh_error(ctl, "Unable to get number of cpu stats");
        return false;
    }
    *ret = g_new0(virNodeCPUStats, n);
    if (virNodeGetCPUStats(conn, cpu, *ret, &n, 0) < 0) {
        vsh_error(ctl, "Unable to get node cpu stats");
        g_free(*ret);
        return false;
    }
    *ret_n = n;
    return true;
}

static unsigned long long
stat_of(const virNodeCPUStats *s, int n, const char *field)
{
    for (int i = 0; i < n; i++) {
        if (g_str_equal(s[i].field, field))
            return s[i].value;
    }
    return 0;
}

static bool
cmd_nodecpustats(VshCtl *ctl, const VshCmd *cmd)
{
    static const char *const fields[] = {
        VIR_NODE_CPU_STATS_USER, VIR_NODE_CPU_STATS_KERNEL, VIR_NODE_CPU_STATS_IDLE,
        VIR_NODE_CPU_STATS_IOWAIT,
    };
    static const char *const labels[] = { "user:", "system:", "idle:", "iowait:" };
    int cpu = VIR_NODE_CPU_STATS_ALL_CPUS, n = 0, n2 = 0;
    g_autofree virNodeCPUStatsPtr a = NULL;
    g_autofree virNodeCPUStatsPtr b = NULL;

    if (vsh_opt_int(ctl, cmd, "cpu", &cpu) < 0)
        return false;
    if (!cpu_stats(ctl, cpu, &a, &n))
        return false;
    if (!vsh_opt_bool(cmd, "percent")) {
        for (int i = 0; i < n; i++) {
            for (size_t f = 0; f < G_N_ELEMENTS(fields); f++) {
                if (g_str_equal(a[i].field, fields[f]))
                    vsh_print(ctl, "%-15s %20llu\n", labels[f], a[i].value);
            }
        }
        return true;
    }
    sleep(1);
    if (!cpu_stats(ctl, cpu, &b, &n2))
        return false;
    {
        double d[4], total = 0.0;

        for (size_t f = 0; f < 4; f++) {
            d[f] = (double) (stat_of(b, n2, fields[f]) - stat_of(a, n, fields[f]));
            total += d[f];
        }
        vsh_print(ctl, "%-15s %5.1lf%%\n", "usage:", (d[0] + d[1]) / total * 100);
        for (size_t f = 0; f < 4; f++)
            vsh_print(ctl, "%-15s %5.1lf%%\n", labels[f], d[f] / total * 100);
    }
    return true;
}

static const VshOptDef opts_nodecpustats[] = {
    { "cpu", VSH_OT_INT, 0, "one CPU (default: all)" },
    { "percent", VSH_OT_BOOL, 0, "show usage over one second, in percent" },
    { NULL }
};

static bool
cmd_nodememstats(VshCtl *ctl, const VshCmd *cmd)
{
    virConnectPtr conn = vsh_conn(ctl);
    int cell = VIR_NODE_MEMORY_STATS_ALL_CELLS, n = 0;
    g_autofree virNodeMemoryStatsPtr st = NULL;

    if (vsh_opt_int(ctl, cmd, "cell", &cell) < 0)
        return false;
    if (virNodeGetMemoryStats(conn, cell, NULL, &n, 0) < 0 || n == 0) {
        vsh_error(ctl, "Unable to get number of memory stats");
        return false;
    }
    st = g_new0(virNodeMemoryStats, n);
    if (virNodeGetMemoryStats(conn, cell, st, &n, 0) < 0) {
        vsh_error(ctl, "Unable to get memory stats");
        return false;
    }
    for (int i = 0; i < n; i++)
        vsh_print(ctl, "%-7s: %20llu KiB\n", st[i].field, st[i].value);
    return true;
}

static const VshOptDef opts_nodememstats[] = {
    { "cell", VSH_OT_INT, 0, "one NUMA cell (default: all)" },
    { NULL }
};

static bool
cmd_node_memory_tune(VshCtl *ctl, const VshCmd *cmd)
{
    static const struct {
        const char *opt, *field;
    } opts[] = {
        { "shm-pages-to-scan", VIR_NODE_MEMORY_SHARED_PAGES_TO_SCAN },
        { "shm-sleep-millisecs", VIR_NODE_MEMORY_SHARED_SLEEP_MILLISECS },
        { "shm-merge-across-nodes", VIR_NODE_MEMORY_SHARED_MERGE_ACROSS_NODES },
    };
    virConnectPtr conn = vsh_conn(ctl);
    virTypedParameterPtr params = NULL;
    int n = 0, max = 0;
    bool ok = false;

    for (size_t i = 0; i < G_N_ELEMENTS(opts); i++) {
        unsigned int v;
        int r;

        if ((r = vsh_opt_uint(ctl, cmd, opts[i].opt, &v)) < 0)
            goto out;
        if (r > 0)
            virTypedParamsAddUInt(&params, &n, &max, opts[i].field, v);
    }
    if (n > 0) {
        ok = virNodeSetMemoryParameters(conn, params, n, 0) == 0;
        if (!ok)
            vsh_error(ctl, "Unable to change memory parameters");
        goto out;
    }
    if (virNodeGetMemoryParameters(conn, NULL, &n, 0) < 0) {
        vsh_error(ctl, "Unable to get number of memory parameters");
        goto out;
    }
    params = g_new0(virTypedParameter, n ? n : 1);
    if (virNodeGetMemoryParameters(conn, params, &n, 0) < 0) {
        vsh_error(ctl, "Unable to get memory parameters");
        goto out;
    }
    vsh_print(ctl, "Shared memory:\n");
    for (int i = 0; i < n; i++) {
        const char *f = params[i].field;
        g_autofree char *v = vsh_param_value(&params[i]);

        if (g_str_has_prefix(f, "shm_"))
            f += 4;
        vsh_print(ctl, "\t%-15s %s\n", f, v);
    }
    ok = true;
 out:
    virTypedParamsFree(params, n);
    return ok;
}

static const VshOptDef opts_node_memory_tune[] = {
    { "shm-pages-to-scan", VSH_OT_INT, 0, "pages KSM scans before sleeping" },
    { "shm-sleep-millisecs", VSH_OT_INT, 0, "milliseconds KSM sleeps between scans" },
    { "shm-merge-across-nodes", VSH_OT_INT, 0, "whether KSM merges pages of different NUMA nodes" },
    { NULL }
};

static bool
cmd_nodesevinfo(VshCtl *ctl, const VshCmd *cmd)
{
    virTypedParameterPtr params = NULL;
    int n = 0;

    if (virNodeGetSEVInfo(vsh_conn(ctl), &params, &n, 0) < 0) {
        vsh_error(ctl, "Unable to get host SEV information");
        return false;
    }
    for (int i = 0; i < n; i++) {
        g_autofree char *v = vsh_param_value(&params[i]);

        vsh_print(ctl, "%-18s: %s\n", params[i].field, v);
    }
    virTypedParamsFree(params, n);
    return true;
}

static bool
cmd_nodesuspend(VshCtl *ctl, const VshCmd *cmd)
{
    const char *target = NULL;
    long long duration = 0;
    unsigned int t;

    if (vsh_opt_string(ctl, cmd, "target", &target) <= 0 ||
        vsh_opt_ll(ctl, cmd, "duration", &duration) < 0 ||
        !vsh_suspend_target(ctl, target, &t))
        return false;
    if (duration < 0) {
        vsh_error(ctl, "Invalid duration");
        return false;
    }
    if (virNodeSuspendForDuration(vsh_conn(ctl), t, duration, 0) < 0) {
        vsh_error(ctl, "The host was not suspended");
        return false;
    }
    return true;
}

static const VshOptDef opts_nodesuspend[] = {
    { "target", VSH_OT_DATA, VSH_OF_REQUIRED, "mem, disk or hybrid" },
    { "duration", VSH_OT_INT, VSH_OF_REQUIRED, "seconds until the host wakes up" },
    { NULL }
};

/* ---- free memory and pages ---- */

/* The NUMA cell ids and page sizes of the host, from its capabilities. */
static bool
host_topology(VshCtl *ctl, GArray *cells, GArray *pagesizes)
{
    g_autofree char *caps = virConnectGetCapabilities(vsh_conn(ctl));
    xmlDocPtr doc;
    xmlXPathContextPtr x;
    xmlXPathObjectPtr r;

    if (!caps) {
        vsh_error(ctl, "unable to get node capabilities");
        return false;
    }
    if (!(doc = xmlReadMemory(caps, (int) strlen(caps), "caps.xml", NULL,
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING))) {
        vsh_error(ctl, "unable to parse node capabilities");
        return false;
    }
    x = xmlXPathNewContext(doc);
    r = xmlXPathEvalExpression((const xmlChar *) "/capabilities/host/topology/cells/cell/@id", x);
    for (int i = 0; cells && r && r->nodesetval && i < r->nodesetval->nodeNr; i++) {
        xmlChar *v = xmlNodeGetContent(r->nodesetval->nodeTab[i]);
        unsigned int id;

        if (parse_uint((const char *) v, 10, &id) == 0)
            g_array_append_val(cells, id);
        xmlFree(v);
    }
    xmlXPathFreeObject(r);
    r = xmlXPathEvalExpression((const xmlChar *) "/capabilities/host/cpu/pages/@size", x);
    for (int i = 0; pagesizes && r && r->nodesetval && i < r->nodesetval->nodeNr; i++) {
        xmlChar *v = xmlNodeGetContent(r->nodesetval->nodeTab[i]);
        unsigned int sz;

        if (parse_uint((const char *) v, 10, &sz) == 0)
            g_array_append_val(pagesizes, sz);
        xmlFree(v);
    }
    xmlXPathFreeObject(r);
    xmlXPathFreeContext(x);
    xmlFreeDoc(doc);
    return true;
}

static bool
cmd_freecell(VshCtl *ctl, const VshCmd *cmd)
{
    virConnectPtr conn = vsh_conn(ctl);
    bool all = vsh_opt_bool(cmd, "all");
    int cell = -1, r;
    unsigned long long mem;

    if ((r = vsh_opt_int(ctl, cmd, "cellno", &cell)) < 0)
        return false;
    if (r > 0 && all) {
        vsh_error(ctl, "Options --all and --cellno are mutually exclusive");
        return false;
    }
    if (all) {
        g_autoptr(GArray) cells = g_array_new(FALSE, FALSE, sizeof(unsigned int));
        unsigned long long total = 0;

        if (!host_topology(ctl, cells, NULL))
            return false;
        for (guint i = 0; i < cells->len; i++) {
            unsigned int id = g_array_index(cells, unsigned int, i);

            if (virNodeGetCellsFreeMemory(conn, &mem, (int) id, 1) != 1) {
                vsh_error(ctl, "failed to get free memory for NUMA node number: %u", id);
                return false;
            }
            vsh_print(ctl, "%5u: %10llu KiB\n", id, mem / 1024);
            total += mem / 1024;
        }
        vsh_print(ctl, "--------------------\n");
        vsh_print(ctl, "%5s: %10llu KiB\n", "Total", total);
        return true;
    }
    if (r > 0) {
        if (virNodeGetCellsFreeMemory(conn, &mem, cell, 1) != 1)
            return false;
        vsh_print(ctl, "%d: %llu KiB\n", cell, mem / 1024);
        return true;
    }
    if ((mem = virNodeGetFreeMemory(conn)) == 0 && vsh_last_error_code() != VIR_ERR_OK)
        return false;
    vsh_print(ctl, "%s: %llu KiB\n", "Total", mem / 1024);
    return true;
}

static const VshOptDef opts_freecell[] = {
    { "cellno", VSH_OT_INT, 0, "one NUMA cell" },
    { "all", VSH_OT_BOOL, 0, "every NUMA cell, and the total" },
    { NULL }
};

static bool
cmd_freepages(VshCtl *ctl, const VshCmd *cmd)
{
    virConnectPtr conn = vsh_conn(ctl);
    bool all = vsh_opt_bool(cmd, "all");
    int cell = -1, rc, rp;
    unsigned long long psize = 0;

    if ((rc = vsh_opt_int(ctl, cmd, "cellno", &cell)) < 0)
        return false;
    if ((rp = vsh_opt_scaled(ctl, cmd, "pagesize", &psize, 1024, UINT_MAX * 1024ULL)) < 0)
        return false;
    if (all) {
        g_autoptr(GArray) cells = g_array_new(FALSE, FALSE, sizeof(unsigned int));
        g_autoptr(GArray) sizes = g_array_new(FALSE, FALSE, sizeof(unsigned int));
        g_autofree unsigned long long *counts = NULL;

        if (!host_topology(ctl, cells, sizes))
            return false;
        if (rp > 0) {
            unsigned int kib = (unsigned int) (psize / 1024);

            g_array_set_size(sizes, 0);
            g_array_append_val(sizes, kib);
        }
        counts = g_new0(unsigned long long, sizes->len);
        for (guint i = 0; i < cells->len; i++) {
            unsigned int id = g_array_index(cells, unsigned int, i);

            if (virNodeGetFreePages(conn, sizes->len, (unsigned int *) sizes->data, (int) id, 1,
                                    counts, 0) < 0)
                return false;
            vsh_print(ctl, "Node %u:\n", id);
            for (guint j = 0; j < sizes->len; j++)
                vsh_print(ctl, "%uKiB: %lld\n", g_array_index(sizes, unsigned int, j),
                          (long long) counts[j]);
            vsh_print(ctl, "\n");
        }
        return true;
    }
    if (rc == 0) {
        vsh_error(ctl, "missing cellno argument");
        return false;
    }
    if (rp == 0) {
        vsh_error(ctl, "missing pagesize argument");
        return false;
    }
    {
        unsigned int kib = (unsigned int) (psize / 1024);
        unsigned long long count = 0;

        if (virNodeGetFreePages(conn, 1, &kib, cell, 1, &count, 0) < 0)
            return false;
        vsh_print(ctl, "%uKiB: %lld\n", kib, (long long) count);
    }
    return true;
}

static const VshOptDef opts_freepages[] = {
    { "cellno", VSH_OT_INT, 0, "the NUMA cell" },
    { "pagesize", VSH_OT_INT, 0, "the page size (KiB unless a unit is given)" },
    { "all", VSH_OT_BOOL, 0, "every NUMA cell and page size" },
    { NULL }
};

static bool
cmd_allocpages(VshCtl *ctl, const VshCmd *cmd)
{
    unsigned long long psize = 0, count = 0;
    unsigned int kib;
    int cell = -1, rc;
    unsigned int flags = vsh_opt_bool(cmd, "add") ? VIR_NODE_ALLOC_PAGES_ADD : 0;

    if (vsh_opt_scaled(ctl, cmd, "pagesize", &psize, 1024, UINT_MAX * 1024ULL) < 0 ||
        vsh_opt_ull(ctl, cmd, "pagecount", &count) < 0 ||
        (rc = vsh_opt_int(ctl, cmd, "cellno", &cell)) < 0)
        return false;
    if (rc > 0 && vsh_opt_bool(cmd, "all")) {
        vsh_error(ctl, "Options --all and --cellno are mutually exclusive");
        return false;
    }
    kib = (unsigned int) (psize / 1024);
    return virNodeAllocPages(vsh_conn(ctl), 1, &kib, &count, cell, 1, flags) >= 0;
}

static const VshOptDef opts_allocpages[] = {
    { "pagesize", VSH_OT_INT, VSH_OF_REQUIRED, "the page size (KiB unless a unit is given)" },
    { "pagecount", VSH_OT_INT, VSH_OF_REQUIRED, "how many pages" },
    { "cellno", VSH_OT_INT, 0, "only this NUMA cell" },
    { "add", VSH_OT_BOOL, 0, "add pages to the pool instead of setting its size" },
    { "all", VSH_OT_BOOL, 0, "every NUMA cell" },
    { NULL }
};

static bool
cmd_maxvcpus(VshCtl *ctl, const VshCmd *cmd)
{
    const char *type = NULL;
    g_autofree char *caps = NULL;
    int n = -1;

    if (vsh_opt_string(ctl, cmd, "type", &type) < 0)
        return false;
    caps = virConnectGetDomainCapabilities(vsh_conn(ctl), NULL, NULL, NULL, type, 0);
    if (caps) {
        g_autofree char *v = vsh_xml_get(caps, "string(/domainCapabilities/vcpu[1]/@max)");

        if (!v || parse_int(v, 10, &n) < 0)
            n = -1;
    }
    vsh_reset_libvirt_error();
    if (n < 0 && (n = virConnectGetMaxVcpus(vsh_conn(ctl), type)) < 0)
        return false;
    vsh_print(ctl, "%d\n", n);
    return true;
}

static const VshOptDef opts_maxvcpus[] = {
    { "type", VSH_OT_STRING, 0, "the domain type (kvm, qemu...)" },
    { NULL }
};

/* ---- CPU models ---- */

static bool
cmd_cpu_models(VshCtl *ctl, const VshCmd *cmd)
{
    const char *arch = NULL;
    char **models = NULL;
    int n;

    if (vsh_opt_string(ctl, cmd, "arch", &arch) <= 0)
        return false;
    if ((n = virConnectGetCPUModelNames(vsh_conn(ctl), arch, &models, 0)) < 0) {
        vsh_error(ctl, "failed to get CPU model names");
        return false;
    }
    if (n == 0)
        vsh_print(ctl, "all CPU models are accepted\n");
    for (int i = 0; i < n; i++) {
        vsh_print(ctl, "%s\n", models[i]);
        free(models[i]);
    }
    free(models);
    return true;
}

static const VshOptDef opts_cpu_models[] = {
    { "arch", VSH_OT_DATA, VSH_OF_REQUIRED, "the architecture" },
    { NULL }
};

/* Every <cpu> of a file holding CPU, domain, capabilities or domain capabilities XML. */
static GPtrArray *
cpus_from_file(VshCtl *ctl, const char *file)
{
    static const char *const paths[] = {
        "/container/cpu", "/container/domain/cpu", "/container/capabilities/host/cpu",
    };
    g_autofree char *data = NULL;
    g_autofree char *wrapped = NULL;
    GPtrArray *cpus = NULL;
    const char *body;
    xmlDocPtr doc;
    xmlXPathContextPtr x;
    size_t len;

    if (vsh_read_file(ctl, file, VSH_MAX_XML_FILE, &data, &len) < 0)
        return NULL;
    body = data;
    if (g_str_has_prefix(body, "<?xml")) {
        const char *end = strstr(body, "?>");

        body = end ? end + 2 : body;
    }
    wrapped = g_strdup_printf("<container>%s</container>", body);
    doc = xmlReadMemory(wrapped, (int) strlen(wrapped), "cpu.xml", NULL,
                        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (doc) {
        x = xmlXPathNewContext(doc);
        for (size_t p = 0; p < G_N_ELEMENTS(paths); p++) {
            xmlXPathObjectPtr r = xmlXPathEvalExpression((const xmlChar *) paths[p], x);

            for (int i = 0; r && r->nodesetval && i < r->nodesetval->nodeNr; i++) {
                xmlBufferPtr buf = xmlBufferCreate();

                if (!cpus)
                    cpus = g_ptr_array_new_with_free_func(g_free);
                xmlNodeDump(buf, doc, r->nodesetval->nodeTab[i], 0, 0);
                g_ptr_array_add(cpus, g_strdup((const char *) xmlBufferContent(buf)));
                xmlBufferFree(buf);
            }
            xmlXPathFreeObject(r);
        }
        if (!cpus) {
            xmlXPathObjectPtr r = xmlXPathEvalExpression((const xmlChar *)
                "/container/domainCapabilities/cpu/mode[@name='host-model' and "
                "@supported='yes']", x);

            if (r && r->nodesetval && r->nodesetval->nodeNr > 0) {
                xmlNodePtr mode = r->nodesetval->nodeTab[0];
                xmlBufferPtr buf = xmlBufferCreate();
                g_autofree char *inner = NULL;
                GString *s = g_string_new("<cpu>");

                for (xmlNodePtr c = mode->children; c; c = c->next)
                    xmlNodeDump(buf, doc, c, 0, 0);
                inner = g_strdup((const char *) xmlBufferContent(buf));
                xmlBufferFree(buf);
                g_string_append(s, inner);
                g_string_append(s, "</cpu>");
                cpus = g_ptr_array_new_with_free_func(g_free);
                g_ptr_array_add(cpus, g_string_free(s, FALSE));
            }
            xmlXPathFreeObject(r);
        }
        xmlXPathFreeContext(x);
        xmlFreeDoc(doc);
    }
    if (!cpus)
        vsh_error(ctl, "File '%s' does not contain any <cpu> element or valid domain XML, "
                  "host capabilities XML, or domain capabilities XML", file);
    return cpus;
}

static bool
cmd_cpu_baseline(VshCtl *ctl, const VshCmd *cmd)
{
    const char *file = NULL;
    g_autoptr(GPtrArray) cpus = NULL;
    unsigned int flags = 0;
    char *res;

    if (vsh_opt_string(ctl, cmd, "file", &file) <= 0 || !(cpus = cpus_from_file(ctl, file)))
        return false;
    if (vsh_opt_bool(cmd, "features"))
        flags |= VIR_CONNECT_BASELINE_CPU_EXPAND_FEATURES;
    if (vsh_opt_bool(cmd, "migratable"))
        flags |= VIR_CONNECT_BASELINE_CPU_MIGRATABLE;
    if (!(res = virConnectBaselineCPU(vsh_conn(ctl), (const char **) cpus->pdata, cpus->len,
                                      flags)))
        return false;
    vsh_print(ctl, "%s", res);
    free(res);
    return true;
}

static const VshOptDef opts_cpu_baseline[] = {
    { "file", VSH_OT_DATA, VSH_OF_REQUIRED, "a file with CPU descriptions" },
    { "features", VSH_OT_BOOL, 0, "list every feature of the resulting CPU" },
    { "migratable", VSH_OT_BOOL, 0, "leave out features that block migration" },
    { NULL }
};

static bool
report_compare(VshCtl *ctl, int r, const char *file, bool hypervisor)
{
    switch (r) {
    case VIR_CPU_COMPARE_INCOMPATIBLE:
        if (hypervisor)
            vsh_print(ctl, "CPU described in %s is incompatible with the CPU provided by "
                      "hypervisor on the host\n", file);
        else
            vsh_print(ctl, "CPU described in %s is incompatible with host CPU\n", file);
        return false;
    case VIR_CPU_COMPARE_IDENTICAL:
        if (hypervisor)
            vsh_print(ctl, "CPU described in %s is identical to the CPU provided by "
                      "hypervisor on the host\n", file);
        else
            vsh_print(ctl, "CPU described in %s is identical to host CPU\n", file);
        return true;
    case VIR_CPU_COMPARE_SUPERSET:
        if (hypervisor)
            vsh_print(ctl, "The CPU provided by hypervisor on the host is a superset of CPU "
                      "described in %s\n", file);
        else
            vsh_print(ctl, "Host CPU is a superset of CPU described in %s\n", file);
        return true;
    default:
        if (hypervisor)
            vsh_error(ctl, "Failed to compare hypervisor CPU with %s", file);
        else
            vsh_error(ctl, "Failed to compare host CPU with %s", file);
        return false;
    }
}

static bool
cmd_cpu_compare(VshCtl *ctl, const VshCmd *cmd)
{
    const char *file = NULL;
    g_autoptr(GPtrArray) cpus = NULL;
    unsigned int flags = 0;

    if (vsh_opt_string(ctl, cmd, "file", &file) <= 0 || !(cpus = cpus_from_file(ctl, file)))
        return false;
    if (vsh_opt_bool(cmd, "error"))
        flags |= VIR_CONNECT_COMPARE_CPU_FAIL_INCOMPATIBLE;
    if (vsh_opt_bool(cmd, "validate"))
        flags |= VIR_CONNECT_COMPARE_CPU_VALIDATE_XML;
    return report_compare(ctl, virConnectCompareCPU(vsh_conn(ctl), cpus->pdata[0], flags),
                          file, false);
}

static const VshOptDef opts_cpu_compare[] = {
    { "file", VSH_OT_DATA, VSH_OF_REQUIRED, "a file with a CPU description" },
    { "error", VSH_OT_BOOL, 0, "fail when the CPUs are incompatible" },
    { "validate", VSH_OT_BOOL, 0, "check the XML against the schema first" },
    { NULL }
};

static bool
cmd_hypervisor_cpu_compare(VshCtl *ctl, const VshCmd *cmd)
{
    const char *file = NULL, *virttype = NULL, *emulator = NULL, *arch = NULL, *machine = NULL;
    g_autoptr(GPtrArray) cpus = NULL;
    unsigned int flags = 0;

    if (vsh_opt_string(ctl, cmd, "file", &file) <= 0 ||
        vsh_opt_string(ctl, cmd, "virttype", &virttype) < 0 ||
        vsh_opt_string(ctl, cmd, "emulator", &emulator) < 0 ||
        vsh_opt_string(ctl, cmd, "arch", &arch) < 0 ||
        vsh_opt_string(ctl, cmd, "machine", &machine) < 0 ||
        !(cpus = cpus_from_file(ctl, file)))
        return false;
    if (vsh_opt_bool(cmd, "error"))
        flags |= VIR_CONNECT_COMPARE_CPU_FAIL_INCOMPATIBLE;
    if (vsh_opt_bool(cmd, "validate"))
        flags |= VIR_CONNECT_COMPARE_CPU_VALIDATE_XML;
    return report_compare(ctl, virConnectCompareHypervisorCPU(vsh_conn(ctl), emulator, arch,
                                                              machine, virttype,
                                                              cpus->pdata[0], flags),
                          file, true);
}

static const VshOptDef opts_hypervisor_cpu_compare[] = {
    { "file", VSH_OT_DATA, VSH_OF_REQUIRED, "a file with a CPU description" },
    { "virttype", VSH_OT_STRING, 0, "the virtualization type" },
    { "emulator", VSH_OT_STRING, 0, "the emulator binary" },
    { "arch", VSH_OT_STRING, 0, "the architecture" },
    { "machine", VSH_OT_STRING, 0, "the machine type" },
    { "error", VSH_OT_BOOL, 0, "fail when the CPUs are incompatible" },
    { "validate", VSH_OT_BOOL, 0, "check the XML against the schema first" },
    { NULL }
};

static bool
cmd_hypervisor_cpu_baseline(VshCtl *ctl, const VshCmd *cmd)
{
    const char *file = NULL, *virttype = NULL, *emulator = NULL, *arch = NULL;
    const char *machine = NULL, *model = NULL;
    g_autoptr(GPtrArray) cpus = NULL;
    unsigned int flags = 0;
    char *res;

    if (vsh_opt_string(ctl, cmd, "file", &file) < 0 ||
        vsh_opt_string(ctl, cmd, "virttype", &virttype) < 0 ||
        vsh_opt_string(ctl, cmd, "emulator", &emulator) < 0 ||
        vsh_opt_string(ctl, cmd, "arch", &arch) < 0 ||
        vsh_opt_string(ctl, cmd, "machine", &machine) < 0 ||
        vsh_opt_string(ctl, cmd, "model", &model) < 0)
        return false;
    if (!vsh_opt_exclusive(ctl, cmd, "file", "model"))
        return false;
    if (!file && !model) {
        vsh_error(ctl, "Either --%s or --%s must be provided", "file", "model");
        return false;
    }
    if (file) {
        if (!(cpus = cpus_from_file(ctl, file)))
            return false;
    } else {
        g_autofree char *e = vsh_xml_escape(model);

        cpus = g_ptr_array_new_with_free_func(g_free);
        g_ptr_array_add(cpus, g_strdup_printf("<cpu><model>%s</model></cpu>", e));
    }
    if (vsh_opt_bool(cmd, "features"))
        flags |= VIR_CONNECT_BASELINE_CPU_EXPAND_FEATURES;
    if (vsh_opt_bool(cmd, "migratable"))
        flags |= VIR_CONNECT_BASELINE_CPU_MIGRATABLE;
    if (!(res = virConnectBaselineHypervisorCPU(vsh_conn(ctl), emulator, arch, machine,
                                                virttype, (const char **) cpus->pdata,
                                                cpus->len, flags)))
        return false;
    vsh_print(ctl, "%s", res);
    free(res);
    return true;
}

static const VshOptDef opts_hypervisor_cpu_baseline[] = {
    { "file", VSH_OT_STRING, 0, "a file with CPU descriptions" },
    { "virttype", VSH_OT_STRING, 0, "the virtualization type" },
    { "emulator", VSH_OT_STRING, 0, "the emulator binary" },
    { "arch", VSH_OT_STRING, 0, "the architecture" },
    { "machine", VSH_OT_STRING, 0, "the machine type" },
    { "features", VSH_OT_BOOL, 0, "list every feature of the resulting CPU" },
    { "migratable", VSH_OT_BOOL, 0, "leave out features that block migration" },
    { "model", VSH_OT_STRING, 0, "a CPU model name instead of --file" },
    { NULL }
};

static bool
cmd_hypervisor_cpu_models(VshCtl *ctl, const VshCmd *cmd)
{
    const char *virttype = NULL, *emulator = NULL, *arch = NULL, *machine = NULL;
    g_autofree char *caps = NULL;
    xmlDocPtr doc;

    if (vsh_opt_string(ctl, cmd, "virttype", &virttype) < 0 ||
        vsh_opt_string(ctl, cmd, "emulator", &emulator) < 0 ||
        vsh_opt_string(ctl, cmd, "arch", &arch) < 0 ||
        vsh_opt_string(ctl, cmd, "machine", &machine) < 0)
        return false;
    if (!(caps = virConnectGetDomainCapabilities(vsh_conn(ctl), emulator, arch, machine,
                                                 virttype, 0))) {
        vsh_error(ctl, "failed to get emulator capabilities");
        return false;
    }
    doc = xmlReadMemory(caps, (int) strlen(caps), "domcaps.xml", NULL,
                        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (doc) {
        xmlXPathContextPtr x = xmlXPathNewContext(doc);
        const char *xp = vsh_opt_bool(cmd, "all")
            ? "/domainCapabilities/cpu/mode[@name='custom']/model"
            : "/domainCapabilities/cpu/mode[@name='custom']/model[@usable!='no']";
        xmlXPathObjectPtr r = xmlXPathEvalExpression((const xmlChar *) xp, x);

        for (int i = 0; r && r->nodesetval && i < r->nodesetval->nodeNr; i++) {
            xmlChar *v = xmlNodeGetContent(r->nodesetval->nodeTab[i]);

            vsh_print(ctl, "%s\n", (const char *) v);
            xmlFree(v);
        }
        xmlXPathFreeObject(r);
        xmlXPathFreeContext(x);
        xmlFreeDoc(doc);
    }
    return true;
}

static const VshOptDef opts_hypervisor_cpu_models[] = {
    { "virttype", VSH_OT_STRING, 0, "the virtualization type" },
    { "emulator", VSH_OT_STRING, 0, "the emulator binary" },
    { "arch", VSH_OT_STRING, 0, "the architecture" },
    { "machine", VSH_OT_STRING, 0, "the machine type" },
    { "all", VSH_OT_BOOL, 0, "also models the host cannot run" },
    { NULL }
};

static const VshCmdDef cmds_host[] = {
    { "allocpages", cmd_allocpages, opts_allocpages, "change the size of a huge page pool",
      "Allocate (or free) huge pages of one size on the host.", 0 },
    { "capabilities", cmd_capabilities, NULL, "show the host's capabilities",
      "Print the capabilities XML of the host and the hypervisor.", 0 },
    { "cpu-baseline", cmd_cpu_baseline, opts_cpu_baseline, "compute a CPU all given CPUs can run",
      "Compute the CPU model that every CPU described in a file supports.", 0 },
    { "cpu-compare", cmd_cpu_compare, opts_cpu_compare, "compare a CPU with the host's",
      "Say whether the host CPU can run a CPU described in a file.", 0 },
    { "cpu-models", cmd_cpu_models, opts_cpu_models, "list the CPU models of an architecture",
      "List the CPU models the hypervisor knows for an architecture.", 0 },
    { "domcapabilities", cmd_domcapabilities, opts_domcapabilities,
      "show what domains of a kind can have",
      "Print the domain capabilities XML for an emulator, architecture and machine.", 0 },
    { "freecell", cmd_freecell, opts_freecell, "show free memory per NUMA cell",
      "Print the free memory of the host, of one NUMA cell, or of each.", 0 },
    { "freepages", cmd_freepages, opts_freepages, "show free huge pages",
      "Print the free pages of one size in one NUMA cell, or all of them.", 0 },
    { "hostname", cmd_hostname, NULL, "print the host name of the hypervisor", NULL, 0 },
    { "hypervisor-cpu-baseline", cmd_hypervisor_cpu_baseline, opts_hypervisor_cpu_baseline,
      "compute a CPU the hypervisor can provide",
      "Compute the CPU model usable by a given hypervisor that all given CPUs support.", 0 },
    { "hypervisor-cpu-compare", cmd_hypervisor_cpu_compare, opts_hypervisor_cpu_compare,
      "compare a CPU with what the hypervisor provides",
      "Say whether the hypervisor can provide a CPU described in a file.", 0 },
    { "hypervisor-cpu-models", cmd_hypervisor_cpu_models, opts_hypervisor_cpu_models,
      "list the CPU models the hypervisor can provide",
      "List the custom CPU models of the domain capabilities.", 0 },
    { "maxvcpus", cmd_maxvcpus, opts_maxvcpus, "print the most vCPUs a domain may have",
      "Print the largest vCPU count the hypervisor allows for a domain.", 0 },
    { "node-memory-tune", cmd_node_memory_tune, opts_node_memory_tune,
      "show or set host memory sharing", "Print or change the host's KSM parameters.", 0 },
    { "nodecpumap", cmd_nodecpumap, opts_nodecpumap, "show which host CPUs are online",
      "Print the host CPUs present and online.", 0 },
    { "nodecpustats", cmd_nodecpustats, opts_nodecpustats, "show host CPU time",
      "Print the host's CPU time by kind, for one CPU or all.", 0 },
    { "nodeinfo", cmd_nodeinfo, opts_json_only, "show basic facts about the host",
      "Print the host's CPU model, CPU topology and memory.", 0 },
    { "nodememstats", cmd_nodememstats, opts_nodememstats, "show host memory statistics",
      "Print the host's memory statistics, for one NUMA cell or all.", 0 },
    { "nodesevinfo", cmd_nodesevinfo, NULL, "show the host's SEV parameters",
      "Print the AMD SEV parameters of the host.", 0 },
    { "nodesuspend", cmd_nodesuspend, opts_nodesuspend, "suspend the host for a while",
      "Suspend the host to memory, disk or both, with a wake-up alarm.", 0 },
    { "sysinfo", cmd_sysinfo, NULL, "show the host's system information",
      "Print the host's SMBIOS information as XML.", 0 },
    { "uri", cmd_uri, NULL, "print the canonical URI of the connection", NULL, 0 },
    { "version", cmd_version, opts_version, "show versions",
      "Show the versions of the library virsh was built with, the library in use,\n"
      "the driver API and the running hypervisor.", 0 },
    { NULL }
};

const VshCmdGroup vsh_group_host = { "Host and Hypervisor", "host", { cmds_host } };
