/* api/test/test-host.c: the fake host of the test driver: node info, NUMA
 * cells, capabilities XML, CPU and memory statistics, sysinfo, security
 * model, CPU model names and a simplified CPU baseline. The numbers are the
 * fixed ones libvirt's test driver reports, so programs tested against
 * either see the same host. */
#include "config.h"

#include <string.h>

#define ERR_DOMAIN VIR_FROM_TEST
#include "api/test/test-domain.h"
#include "api/test/test-ops.h"
#include "common/conf/capabilities_conf.h"
#include "common/conf/xmlmap.h"
#include "common/util/err.h"
#include "common/util/parse.h"

#define TEST_MODEL "i686"
#define TEST_EMULATOR "/usr/bin/test-hv"
#define TEST_MAX_VCPUS 32

static const virNodeInfo test_default_node_info = {
    .model = TEST_MODEL,
    .memory = 3 * 1024 * 1024,          /* KiB */
    .cpus = 16,
    .mhz = 1400,
    .nodes = 2,
    .sockets = 2,
    .cores = 2,
    .threads = 2,
};

/* Page sizes (KiB) the fake host offers. */
static const unsigned int test_page_sizes[] = { 4, 8, 2048, 1024 * 1024 };

/* ---- capabilities ----------------------------------------------------- */

static void
caps_add_cells(CapsHost *h, const TestHost *host)
{
    h->has_topology = true;
    h->ncells_attr = host->ncells;
    h->ncells = host->ncells;
    h->cells = g_new0(CapsCell, host->ncells);
    for (unsigned int i = 0; i < host->ncells; i++) {
        const TestCell *tc = &host->cells[i];
        CapsCell *c = &h->cells[i];
        /* the first page size of a cell alternates: 4 KiB on cell 0,
         * 8 KiB on cell 1 (libvirt's fake layout); then the huge pages */
        unsigned int small = test_page_sizes[i == 1 ? 1 : 0];

        c->id = i;
        c->memory = tc->mem;
        c->npages = 3;
        c->pages = g_new0(CapsCellPages, 3);
        c->pages[0].size = small;
        c->pages[0].avail = tc->mem / small;
        c->pages[1].size = test_page_sizes[2];
        c->pages[2].size = test_page_sizes[3];
        c->has_cpus = true;
        c->ncpus_attr = tc->ncpus;
        c->ncpus = tc->ncpus;
        c->cpus = g_new0(CapsCellCpu, tc->ncpus);
        for (unsigned int j = 0; j < tc->ncpus; j++) {
            c->cpus[j].id = tc->first_cpu + j;
            c->cpus[j].socket_id = i;
            c->cpus[j].die_id = 0;
            c->cpus[j].core_id = j;
            c->cpus[j].siblings = g_strdup_printf("%u", tc->first_cpu + j);
        }
    }
}

static void
caps_add_guest(CapsGuest *g, const char *os_type)
{
    g->os_type = g_strdup(os_type);
    g->arch = g_strdup(TEST_MODEL);
    g->wordsize = 32;
    g->emulator = g_strdup(TEST_EMULATOR);
    g->ndomains = 1;
    g->domains = g_new0(CapsGuestDomain, 1);
    g->domains[0].type = g_strdup("test");
    g->pae.present = true;
    g->nonpae.present = true;
}

static char *
caps_build_xml(const TestHost *host)
{
    g_autoptr(CapsDef) caps = g_new0(CapsDef, 1);
    CapsHost *h = &caps->host;

    h->cpu.arch = g_strdup(TEST_MODEL);
    h->cpu.pae = true;
    h->cpu.nonpae = true;
    h->cpu.npages = G_N_ELEMENTS(test_page_sizes);
    h->cpu.pages = g_new0(CapsPageSize, h->cpu.npages);
    for (size_t i = 0; i < h->cpu.npages; i++)
        h->cpu.pages[i].size = test_page_sizes[i];
    h->iommu = false;
    if (host->ncells > 0)
        caps_add_cells(h, host);
    h->nsecmodels = 1;
    h->secmodels = g_new0(CapsSecModel, 1);
    h->secmodels[0].model = g_strdup("testSecurity");
    h->secmodels[0].doi = g_strdup("");

    caps->nguests = 2;
    caps->guests = g_new0(CapsGuest, 2);
    caps_add_guest(&caps->guests[0], "hvm");
    caps_add_guest(&caps->guests[1], "xen");
    return caps_def_format(caps, 0);
}

/* ---- construction ----------------------------------------------------- */

/**
 * test_host_new_default() - the host of test:///default: 16 CPUs in two
 * NUMA cells of 8, 2 and 4 GiB
 */
TestHost *
test_host_new_default(void)
{
    TestHost *host = g_new0(TestHost, 1);

    host->info = test_default_node_info;
    host->ncells = 2;
    for (unsigned int i = 0; i < host->ncells; i++) {
        host->cells[i].ncpus = 8;
        host->cells[i].first_cpu = i * 8;
        host->cells[i].mem = (i + 1) * 2048 * 1024ULL;
        host->cells[i].free_mem = (i + 1) * 1024 * 1024ULL;
    }
    host->caps_xml = caps_build_xml(host);
    return host;
}

/* Value of the text of child @path ("cpu/mhz") of @root: 1 found, 0 absent,
 * -1 malformed (reported with @what). */
static int
node_long(xmlNode *root, const char *parent, const char *child, const char *what,
          long long *ret)
{
    for (xmlNode *p = root->children; p; p = p->next) {
        if (p->type != XML_ELEMENT_NODE)
            continue;
        if (parent && !xmlStrEqual(p->name, BAD_CAST parent))
            continue;
        for (xmlNode *c = parent ? p->children : p; c; c = parent ? c->next : NULL) {
            g_autofree char *text = NULL;

            if (c->type != XML_ELEMENT_NODE || !xmlStrEqual(c->name, BAD_CAST child))
                continue;
            text = (char *) xmlNodeGetContent(c);
            if (parse_ll(g_strstrip(text), 10, ret) < 0) {
                err_report(VIR_ERR_XML_ERROR, "invalid node %s value", what);
                return -1;
            }
            return 1;
        }
        if (parent)
            break;
    }
    return 0;
}

static char *
node_text(xmlNode *root, const char *parent, const char *child)
{
    for (xmlNode *p = root->children; p; p = p->next) {
        if (p->type != XML_ELEMENT_NODE || !xmlStrEqual(p->name, BAD_CAST parent))
            continue;
        for (xmlNode *c = p->children; c; c = c->next) {
            if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, BAD_CAST child))
                return (char *) xmlNodeGetContent(c);
        }
        break;
    }
    return NULL;
}

/**
 * test_host_new_from_node() - the host of a custom host file
 * @root: the <node> element
 *
 * Starts from the default node info and applies <cpu><nodes>, <sockets>,
 * <cores>, <threads>, <active>, <mhz>, <model> and <memory>. Such hosts
 * have no NUMA cells.
 *
 * Return: the host, or NULL (reported).
 */
TestHost *
test_host_new_from_node(xmlNode *root)
{
    static const struct {
        const char *parent;
        const char *child;
        const char *what;
        size_t offset;
    } fields[] = {
        { "cpu", "nodes", "cpu nodes", offsetof(virNodeInfo, nodes) },
        { "cpu", "sockets", "cpu sockets", offsetof(virNodeInfo, sockets) },
        { "cpu", "cores", "cpu cores", offsetof(virNodeInfo, cores) },
        { "cpu", "threads", "cpu threads", offsetof(virNodeInfo, threads) },
    };
    g_autofree TestHost *host = g_new0(TestHost, 1);
    g_autofree char *model = NULL;
    long long v;
    int r;

    host->info = test_default_node_info;
    for (size_t i = 0; i < G_N_ELEMENTS(fields); i++) {
        r = node_long(root, fields[i].parent, fields[i].child, fields[i].what, &v);
        if (r < 0)
            return NULL;
        if (r > 0)
            *(unsigned int *) ((char *) &host->info + fields[i].offset) = v;
    }
    host->info.cpus = host->info.cores * host->info.threads * host->info.sockets *
                      host->info.nodes;
    if ((r = node_long(root, "cpu", "active", "cpu active", &v)) < 0)
        return NULL;
    if (r > 0 && v < host->info.cpus)
        host->info.cpus = v;
    if ((r = node_long(root, "cpu", "mhz", "cpu mhz", &v)) < 0)
        return NULL;
    if (r > 0)
        host->info.mhz = v;
    model = node_text(root, "cpu", "model");
    if (model) {
        if (strlen(model) >= sizeof(host->info.model)) {
            err_report(VIR_ERR_INTERNAL_ERROR, "Model %s too big for destination", model);
            return NULL;
        }
        g_strlcpy(host->info.model, model, sizeof(host->info.model));
    }
    if ((r = node_long(root, NULL, "memory", "memory", &v)) < 0)
        return NULL;
    if (r > 0)
        host->info.memory = v;
    host->caps_xml = caps_build_xml(host);
    return g_steal_pointer(&host);
}

/**
 * test_host_free() - release a host
 */
void
test_host_free(TestHost *host)
{
    if (!host)
        return;
    g_free(host->caps_xml);
    g_free(host);
}

/**
 * test_host_max_cpus() - number of host CPUs usable in CPU maps
 */
int
test_host_max_cpus(const TestHost *host)
{
    return host->info.nodes * host->info.sockets * host->info.cores * host->info.threads;
}

/* ---- driver entry points ---------------------------------------------- */

/**
 * test_node_get_info() - virNodeGetInfo
 */
int
test_node_get_info(virConnectPtr conn, virNodeInfoPtr info)
{
    TestState *s = test_state_from_conn(conn);

    g_mutex_lock(&s->lock);
    *info = s->host->info;
    g_mutex_unlock(&s->lock);
    return 0;
}

/**
 * test_connect_get_capabilities() - virConnectGetCapabilities
 */
char *
test_connect_get_capabilities(virConnectPtr conn)
{
    TestState *s = test_state_from_conn(conn);

    return g_strdup(s->host->caps_xml);
}

/**
 * test_connect_get_max_vcpus() - virConnectGetMaxVcpus: 32 whatever @type
 */
int
test_connect_get_max_vcpus(virConnectPtr conn, const char *type)
{
    (void) conn;
    (void) type;
    return TEST_MAX_VCPUS;
}

/**
 * test_node_get_cells_free_memory() - virNodeGetCellsFreeMemory
 *
 * Reports each cell's size, as libvirt's test driver does.
 */
int
test_node_get_cells_free_memory(virConnectPtr conn, unsigned long long *freeMems,
                                int startCell, int maxCells)
{
    TestState *s = test_state_from_conn(conn);
    int n = 0;

    g_mutex_lock(&s->lock);
    if (startCell >= (int) s->host->ncells) {
        g_mutex_unlock(&s->lock);
        err_report(VIR_ERR_INVALID_ARG, "%s", "Range exceeds available cells");
        return -1;
    }
    for (int cell = startCell; cell < (int) s->host->ncells && n < maxCells; cell++)
        freeMems[n++] = s->host->cells[cell].mem;
    g_mutex_unlock(&s->lock);
    return n;
}

/**
 * test_node_get_free_memory() - virNodeGetFreeMemory: the cells' free
 * memory added up (libvirt's test driver returns the KiB figure as is)
 */
unsigned long long
test_node_get_free_memory(virConnectPtr conn)
{
    TestState *s = test_state_from_conn(conn);
    unsigned int total = 0;

    g_mutex_lock(&s->lock);
    for (unsigned int i = 0; i < s->host->ncells; i++)
        total += s->host->cells[i].free_mem;
    g_mutex_unlock(&s->lock);
    return total;
}

/**
 * test_node_get_cpu_stats() - virNodeGetCPUStats: four fixed counters
 */
int
test_node_get_cpu_stats(virConnectPtr conn, int cpuNum, virNodeCPUStatsPtr params,
                        int *nparams, unsigned int flags)
{
    static const struct {
        const char *field;
        unsigned long long value;
    } stats[] = {
        { VIR_NODE_CPU_STATS_USER, 9797400000ULL },
        { VIR_NODE_CPU_STATS_KERNEL, 34678723400000ULL },
        { VIR_NODE_CPU_STATS_IDLE, 87264900000ULL },
        { VIR_NODE_CPU_STATS_IOWAIT, 763600000ULL },
    };
    int i;

    (void) conn;
    (void) cpuNum;
    TEST_CHECK_FLAGS(flags, 0, -1, "testNodeGetCPUStats");
    if (!params) {
        *nparams = G_N_ELEMENTS(stats);
        return 0;
    }
    for (i = 0; i < *nparams && i < (int) G_N_ELEMENTS(stats); i++) {
        g_strlcpy(params[i].field, stats[i].field, sizeof(params[i].field));
        params[i].value = stats[i].value;
    }
    *nparams = i;
    return 0;
}

/**
 * test_node_get_free_pages() - virNodeGetFreePages: a made-up sequence;
 * like libvirt's test driver it fills @counts yet returns 0
 */
int
test_node_get_free_pages(virConnectPtr conn, unsigned int npages, unsigned int *pages,
                         int startCell, unsigned int cellCount,
                         unsigned long long *counts, unsigned int flags)
{
    unsigned long long x = 6;

    (void) conn;
    (void) pages;
    (void) startCell;
    TEST_CHECK_FLAGS(flags, 0, -1, "testNodeGetFreePages");
    for (unsigned int i = 0; i < cellCount; i++) {
        for (unsigned int j = 0; j < npages; j++) {
            x = x * 2 + 7;
            counts[i * npages + j] = x;
        }
    }
    return 0;
}

/**
 * test_node_get_cpu_map() - virNodeGetCPUMap: 8 CPUs, 0, 2 and 4 online
 */
int
test_node_get_cpu_map(virConnectPtr conn, unsigned char **cpumap, unsigned int *online,
                      unsigned int flags)
{
    (void) conn;
    TEST_CHECK_FLAGS(flags, 0, -1, "testNodeGetCPUMap");
    if (cpumap) {
        *cpumap = g_new0(unsigned char, 1);
        (*cpumap)[0] = 0x15;
    }
    if (online)
        *online = 3;
    return 8;
}

/**
 * test_connect_get_sysinfo() - virConnectGetSysinfo: a fixed SMBIOS block
 */
char *
test_connect_get_sysinfo(virConnectPtr conn, unsigned int flags)
{
    (void) conn;
    TEST_CHECK_FLAGS(flags, 0, NULL, "testConnectGetSysinfo");
    return g_strdup("<sysinfo type='smbios'>\n"
                    "  <bios>\n"
                    "    <entry name='vendor'>LENOVO</entry>\n"
                    "    <entry name='version'>G4ETA1WW (2.61 )</entry>\n"
                    "    <entry name='date'>05/07/2014</entry>\n"
                    "    <entry name='release'>2.61</entry>\n"
                    "  </bios>\n"
                    "</sysinfo>\n");
}

/**
 * test_node_get_security_model() - virNodeGetSecurityModel: "testSecurity"
 */
int
test_node_get_security_model(virConnectPtr conn, virSecurityModelPtr secmodel)
{
    (void) conn;
    memset(secmodel, 0, sizeof(*secmodel));
    g_strlcpy(secmodel->model, "testSecurity", sizeof(secmodel->model));
    secmodel->doi[0] = '\0';
    return 0;
}

/* ---- CPU models ------------------------------------------------------- */

/* The models of libvirt's x86 and ppc64 CPU maps, oldest first; the
 * baseline below relies on that order. */
static const char *const test_x86_models[] = {
    "486", "pentium", "pentium2", "pentium3", "pentiumpro", "coreduo", "n270",
    "core2duo", "qemu32", "kvm32", "cpu64-rhel5", "cpu64-rhel6", "qemu64", "kvm64",
    "Conroe", "Penryn", "Nehalem", "Nehalem-IBRS", "Westmere", "Westmere-IBRS",
    "SandyBridge", "SandyBridge-IBRS", "IvyBridge", "IvyBridge-IBRS", "Haswell-noTSX",
    "Haswell-noTSX-IBRS", "Haswell", "Haswell-IBRS", "Broadwell-noTSX",
    "Broadwell-noTSX-IBRS", "Broadwell", "Broadwell-IBRS", "Skylake-Client",
    "Skylake-Client-IBRS", "Skylake-Client-noTSX-IBRS", "Skylake-Server",
    "Skylake-Server-IBRS", "Skylake-Server-noTSX-IBRS", "Cascadelake-Server",
    "Cascadelake-Server-noTSX", "Icelake-Client", "Icelake-Client-noTSX", "Icelake-Server",
    "Icelake-Server-noTSX", "Cooperlake", "Snowridge", "athlon", "phenom", "Opteron_G1",
    "Opteron_G2", "Opteron_G3", "Opteron_G4", "Opteron_G5", "EPYC", "EPYC-IBPB",
    "EPYC-Rome", "EPYC-Milan", "Dhyana",
};

static const char *const test_ppc64_models[] = {
    "POWER6", "POWER7", "POWER8", "POWER9", "POWER10", "POWERPC_e5500", "POWERPC_e6500",
};

static void
models_for_arch(int arch, const char *const **ret_models, size_t *ret_n)
{
    *ret_models = NULL;
    *ret_n = 0;
    if (arch == DOMAIN_ARCH_I686 || arch == DOMAIN_ARCH_X86_64) {
        *ret_models = test_x86_models;
        *ret_n = G_N_ELEMENTS(test_x86_models);
    } else if (arch == DOMAIN_ARCH_PPC64 || arch == DOMAIN_ARCH_PPC64LE) {
        *ret_models = test_ppc64_models;
        *ret_n = G_N_ELEMENTS(test_ppc64_models);
    }
}

/**
 * test_connect_get_cpu_model_names() - virConnectGetCPUModelNames: the
 * CPU map of @arch (x86 and ppc64 have models, other architectures none)
 */
int
test_connect_get_cpu_model_names(virConnectPtr conn, const char *arch, char ***models,
                                 unsigned int flags)
{
    const char *const *names;
    size_t n;
    int a = arch ? domain_arch_from_string(arch) : -1;

    (void) conn;
    TEST_CHECK_FLAGS(flags, 0, -1, "testConnectGetCPUModelNames");
    if (a <= 0) {
        err_report(VIR_ERR_INVALID_ARG, "cannot find architecture %s", arch ? arch : "");
        return -1;
    }
    models_for_arch(a, &names, &n);
    if (models) {
        *models = g_new0(char *, n + 1);
        for (size_t i = 0; i < n; i++)
            (*models)[i] = g_strdup(names[i]);
    }
    return n;
}

/* One <cpu> given to the baseline. */
typedef struct {
    char *arch;
    char *model;
    char *vendor;
    GPtrArray *features;        /* char* */
} BaselineCpu;

static void
baseline_cpu_clear(BaselineCpu *c)
{
    g_free(c->arch);
    g_free(c->model);
    g_free(c->vendor);
    if (c->features)
        g_ptr_array_unref(c->features);
}

static int
baseline_cpu_parse(const char *xml, BaselineCpu *ret)
{
    g_autoptr(xmlDoc) doc = NULL;
    g_autofree char *mode = NULL;
    xmlNode *root;

    if (xmlmap_read_doc(xml, "(CPU_definition)", VIR_FROM_CPU, &doc) < 0)
        return -1;
    root = xmlDocGetRootElement(doc);
    if (!xmlStrEqual(root->name, BAD_CAST "cpu")) {
        err_report_full(VIR_FROM_CPU, VIR_ERR_XML_ERROR, __FILE__, __func__, __LINE__,
                        "%s", "no CPU model specified");
        return -1;
    }
    mode = (char *) xmlGetProp(root, BAD_CAST "mode");
    if (mode) {
        err_report_full(VIR_FROM_CPU, VIR_ERR_CONFIG_UNSUPPORTED, __FILE__, __func__,
                        __LINE__, "%s", "Attribute mode is only allowed for guest CPU");
        return -1;
    }
    ret->features = g_ptr_array_new_with_free_func(g_free);
    for (xmlNode *n = root->children; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (xmlStrEqual(n->name, BAD_CAST "arch") && !ret->arch)
            ret->arch = (char *) xmlNodeGetContent(n);
        else if (xmlStrEqual(n->name, BAD_CAST "model") && !ret->model)
            ret->model = (char *) xmlNodeGetContent(n);
        else if (xmlStrEqual(n->name, BAD_CAST "vendor") && !ret->vendor)
            ret->vendor = (char *) xmlNodeGetContent(n);
        else if (xmlStrEqual(n->name, BAD_CAST "feature"))
            g_ptr_array_add(ret->features, xmlGetProp(n, BAD_CAST "name"));
    }
    if (!ret->arch) {
        err_report_full(VIR_FROM_CPU, VIR_ERR_XML_ERROR, __FILE__, __func__, __LINE__,
                        "%s", "Missing CPU architecture");
        return -1;
    }
    return 0;
}

static gint
feature_cmp(gconstpointer a, gconstpointer b)
{
    return g_strcmp0(*(const char *const *) a, *(const char *const *) b);
}

static bool
cpu_has_feature(const BaselineCpu *c, const char *name)
{
    for (guint i = 0; i < c->features->len; i++) {
        if (g_strcmp0(g_ptr_array_index(c->features, i), name) == 0)
            return true;
    }
    return false;
}

/**
 * test_connect_baseline_cpu() - virConnectBaselineCPU, simplified
 *
 * libvirt computes the baseline from the CPU map's feature sets; we
 * approximate it: the oldest of the given models (by CPU map order), the
 * common vendor, and the features every CPU lists. EXPAND_FEATURES is
 * accepted but lists only those explicit features.
 */
char *
test_connect_baseline_cpu(virConnectPtr conn, const char **xmlCPUs, unsigned int ncpus,
                          unsigned int flags)
{
    g_autofree BaselineCpu *cpus = NULL;
    const char *const *names;
    const char *vendor;
    GString *out;
    size_t nnames;
    int best = -1;
    bool same = true;
    char *ret = NULL;

    (void) conn;
    TEST_CHECK_FLAGS(flags, VIR_CONNECT_BASELINE_CPU_EXPAND_FEATURES, NULL,
                     "testConnectBaselineCPU");
    if (ncpus == 0) {
        err_report_full(VIR_FROM_CPU, VIR_ERR_INVALID_ARG, __FILE__, __func__, __LINE__,
                        "%s", "no CPUs given");
        return NULL;
    }
    cpus = g_new0(BaselineCpu, ncpus);
    for (unsigned int i = 0; i < ncpus; i++) {
        if (baseline_cpu_parse(xmlCPUs[i], &cpus[i]) < 0)
            goto cleanup;
    }
    vendor = cpus[0].vendor;
    for (unsigned int i = 1; i < ncpus; i++) {
        if (vendor && cpus[i].vendor && !g_str_equal(vendor, cpus[i].vendor)) {
            err_report_full(VIR_FROM_CPU, VIR_ERR_OPERATION_FAILED, __FILE__, __func__,
                            __LINE__, "%s", "CPU vendors do not match");
            goto cleanup;
        }
        if (!cpus[i].vendor)
            vendor = NULL;
    }
    models_for_arch(domain_arch_from_string(cpus[0].arch), &names, &nnames);
    for (unsigned int i = 0; i < ncpus; i++) {
        int idx = -1;

        same &= g_strcmp0(cpus[i].model, cpus[0].model) == 0;
        for (size_t m = 0; cpus[i].model && m < nnames; m++) {
            if (g_str_equal(names[m], cpus[i].model))
                idx = m;
        }
        if (idx < 0) {
            err_report_full(VIR_FROM_CPU, VIR_ERR_OPERATION_FAILED, __FILE__, __func__,
                            __LINE__, "Unknown CPU model %s",
                            cpus[i].model ? cpus[i].model : "");
            goto cleanup;
        }
        if (best < 0 || idx < best)
            best = idx;
    }

    out = g_string_new("<cpu mode='custom' match='exact'>\n");
    g_string_append_printf(out, "  <model fallback='%s'>%s</model>\n",
                           same ? "forbid" : "allow", names[best]);
    if (vendor)
        g_string_append_printf(out, "  <vendor>%s</vendor>\n", vendor);
    g_ptr_array_sort(cpus[0].features, feature_cmp);
    for (guint f = 0; f < cpus[0].features->len; f++) {
        const char *name = g_ptr_array_index(cpus[0].features, f);
        bool common = name != NULL;

        for (unsigned int i = 1; i < ncpus && common; i++)
            common = cpu_has_feature(&cpus[i], name);
        if (common)
            g_string_append_printf(out, "  <feature policy='require' name='%s'/>\n", name);
    }
    g_string_append(out, "</cpu>\n");
    ret = g_string_free(out, FALSE);

 cleanup:
    for (unsigned int i = 0; i < ncpus; i++)
        baseline_cpu_clear(&cpus[i]);
    return ret;
}
