/* api/test/test-domain-info.c: per-domain queries and simple settings on
 * the test driver: info, state, XML, memory, vCPUs and pinning,
 * autostart, metadata, scheduler, time, hostname, security label and the
 * guest-agent style calls that only check the domain runs. Values that a
 * real hypervisor measures are the fixed or clock-derived ones libvirt's
 * test driver reports. */
#include "config.h"

#include <string.h>

#define ERR_DOMAIN VIR_FROM_TEST
#include "api/test/test-domain.h"
#include "api/test/test-ops.h"
#include "common/conf/xmlmap.h"
#include "common/util/err.h"

/* ---- info, state, XML ------------------------------------------------- */

int
test_domain_get_info(virDomainPtr domain, virDomainInfoPtr info)
{
    TestState *s = test_state_from_conn(domain->conn);
    TestDomain *dom;

    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    info->state = dom->state;
    info->memory = dom->def->current_memory_kib;
    info->maxMem = domain_def_memory_total(dom->def);
    info->nrVirtCpu = domain_def_vcpus_current(dom->def);
    info->cpuTime = (unsigned long long) g_get_real_time() * 1000;
    g_mutex_unlock(&s->lock);
    return 0;
}

int
test_domain_get_state(virDomainPtr domain, int *state, int *reason, unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    TestDomain *dom;

    TEST_CHECK_FLAGS(flags, 0, -1, "testDomainGetState");
    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    *state = dom->state;
    if (reason)
        *reason = dom->reason;
    g_mutex_unlock(&s->lock);
    return 0;
}

int
test_domain_get_control_info(virDomainPtr domain, virDomainControlInfoPtr info,
                             unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    TestDomain *dom;
    long long t;

    TEST_CHECK_FLAGS(flags, 0, -1, "testDomainGetControlInfo");
    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    if (test_domain_check_active(dom) < 0) {
        g_mutex_unlock(&s->lock);
        return -1;
    }
    /* the guest clock doubles as a knob: small values fake a job, larger
     * ones an occupied or broken monitor (libvirt's test driver rules) */
    t = dom->time_sec;
    memset(info, 0, sizeof(*info));
    if (t > 0 && t < 10000) {
        info->state = VIR_DOMAIN_CONTROL_JOB;
        info->stateTime = t;
    } else if (t >= 10000 && t < 30000) {
        info->state = VIR_DOMAIN_CONTROL_OCCUPIED;
        info->stateTime = t - 10000;
    } else if (t >= 30000 && t < 60000) {
        static const int details[] = {
            VIR_DOMAIN_CONTROL_ERROR_REASON_NONE, VIR_DOMAIN_CONTROL_ERROR_REASON_UNKNOWN,
            VIR_DOMAIN_CONTROL_ERROR_REASON_MONITOR, VIR_DOMAIN_CONTROL_ERROR_REASON_INTERNAL,
        };

        info->state = VIR_DOMAIN_CONTROL_ERROR;
        info->details = details[t % 4];
        info->stateTime = t - 30000;
    } else {
        info->state = VIR_DOMAIN_CONTROL_OK;
    }
    g_mutex_unlock(&s->lock);
    return 0;
}

char *
test_domain_get_xml_desc(virDomainPtr domain, unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    const DomainDef *def;
    TestDomain *dom;
    char *xml;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_XML_SECURE | VIR_DOMAIN_XML_INACTIVE |
                     VIR_DOMAIN_XML_UPDATE_CPU | VIR_DOMAIN_XML_MIGRATABLE, NULL,
                     "testDomainGetXMLDesc");
    if (!(dom = test_domain_begin(s, domain)))
        return NULL;
    def = (flags & VIR_DOMAIN_XML_INACTIVE) && dom->newdef ? dom->newdef : dom->def;
    xml = domain_def_format(def, flags & (VIR_DOMAIN_XML_SECURE | VIR_DOMAIN_XML_INACTIVE |
                                          VIR_DOMAIN_XML_MIGRATABLE));
    g_mutex_unlock(&s->lock);
    return xml;
}

char *
test_domain_get_os_type(virDomainPtr domain)
{
    (void) domain;
    return g_strdup("linux");
}

/* ---- memory ----------------------------------------------------------- */

unsigned long
test_domain_get_max_memory(virDomainPtr domain)
{
    TestState *s = test_state_from_conn(domain->conn);
    TestDomain *dom;
    unsigned long ret;

    if (!(dom = test_domain_begin(s, domain)))
        return 0;
    ret = domain_def_memory_total(dom->def);
    g_mutex_unlock(&s->lock);
    return ret;
}

static int
set_memory_locked(TestDomain *dom, unsigned long memory, unsigned int flags)
{
    bool live = false;
    DomainDef *def = test_domain_one_def(dom, flags & ~VIR_DOMAIN_MEM_MAXIMUM, &live);

    if (!def)
        return -1;
    if (flags & VIR_DOMAIN_MEM_MAXIMUM) {
        if (live) {
            err_report(VIR_ERR_OPERATION_INVALID, "%s",
                       "cannot resize the maximum memory on an active domain");
            return -1;
        }
        if (def->cpu && def->cpu->numa && def->cpu->numa->ncells > 0) {
            err_report(VIR_ERR_OPERATION_INVALID, "%s",
                       "initial memory size of a domain with NUMA nodes cannot be modified "
                       "with this API");
            return -1;
        }
        if (def->max_memory.kib && def->max_memory.kib < memory) {
            err_report(VIR_ERR_OPERATION_INVALID, "%s",
                       "cannot set initial memory size greater than the maximum memory size");
            return -1;
        }
        def->memory.kib = memory;
        if (def->current_memory_kib > memory)
            def->current_memory_kib = memory;
        return 0;
    }
    if (memory > domain_def_memory_total(def)) {
        err_report(VIR_ERR_INVALID_ARG, "%s", "cannot set memory higher than max memory");
        return -1;
    }
    def->current_memory_kib = memory;
    return 0;
}

int
test_domain_set_memory_flags(virDomainPtr domain, unsigned long memory, unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    TestDomain *dom;
    int ret;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                     VIR_DOMAIN_MEM_MAXIMUM, -1, "testDomainSetMemoryFlags");
    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    ret = set_memory_locked(dom, memory, flags);
    g_mutex_unlock(&s->lock);
    return ret;
}

int
test_domain_set_memory(virDomainPtr domain, unsigned long memory)
{
    return test_domain_set_memory_flags(domain, memory, VIR_DOMAIN_AFFECT_LIVE);
}

int
test_domain_set_max_memory(virDomainPtr domain, unsigned long memory)
{
    return test_domain_set_memory_flags(domain, memory, VIR_DOMAIN_MEM_MAXIMUM);
}

int
test_domain_set_memory_stats_period(virDomainPtr domain, int period, unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    TestDomain *dom;
    DomainDef *def;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1,
                     "testDomainSetMemoryStatsPeriod");
    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    if (!(def = test_domain_one_def(dom, flags, NULL))) {
        g_mutex_unlock(&s->lock);
        return -1;
    }
    /* model 'none' (index 2) counts as no balloon */
    if (!def->devices.memballoon || def->devices.memballoon->model == 2) {
        g_mutex_unlock(&s->lock);
        err_report(VIR_ERR_INTERNAL_ERROR, "%s",
                   "No memory balloon device configured, can not set the collection period");
        return -1;
    }
    def->devices.memballoon->stats_period = period;
    def->devices.memballoon->has_stats_period = true;
    g_mutex_unlock(&s->lock);
    return 0;
}

/* ---- vCPUs ------------------------------------------------------------ */

static void
vcpus_set_current(DomainDef *def, unsigned int n)
{
    def->vcpu.current = n == def->vcpu.max ? 0 : n;
}

int
test_domain_get_vcpus_flags(virDomainPtr domain, unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    TestDomain *dom;
    DomainDef *def;
    int ret = -1;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                     VIR_DOMAIN_VCPU_MAXIMUM, -1, "testDomainGetVcpusFlags");
    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    def = test_domain_one_def(dom, flags & ~VIR_DOMAIN_VCPU_MAXIMUM, NULL);
    if (def)
        ret = (flags & VIR_DOMAIN_VCPU_MAXIMUM) ? (int) def->vcpu.max
                                                : (int) domain_def_vcpus_current(def);
    g_mutex_unlock(&s->lock);
    return ret;
}

int
test_domain_get_max_vcpus(virDomainPtr domain)
{
    return test_domain_get_vcpus_flags(domain, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_VCPU_MAXIMUM);
}

int
test_domain_set_vcpus_flags(virDomainPtr domain, unsigned int nvcpus, unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    DomainDef *live = NULL;
    DomainDef *config = NULL;
    TestDomain *dom;
    int max = test_connect_get_max_vcpus(domain->conn, NULL);

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                     VIR_DOMAIN_VCPU_MAXIMUM, -1, "testDomainSetVcpusFlags");
    if (nvcpus > (unsigned int) max) {
        err_report(VIR_ERR_INVALID_ARG,
                   "requested cpu amount exceeds maximum supported amount (%u > %d)",
                   nvcpus, max);
        return -1;
    }
    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    if (test_domain_defs(dom, flags & ~VIR_DOMAIN_VCPU_MAXIMUM, &live, &config) < 0)
        goto error;
    if (live && live->vcpu.max < nvcpus) {
        err_report(VIR_ERR_INVALID_ARG, "requested cpu amount exceeds maximum (%u > %u)",
                   nvcpus, live->vcpu.max);
        goto error;
    }
    if (config && !(flags & VIR_DOMAIN_VCPU_MAXIMUM) && config->vcpu.max < nvcpus) {
        err_report(VIR_ERR_INVALID_ARG, "requested cpu amount exceeds maximum (%u > %u)",
                   nvcpus, config->vcpu.max);
        goto error;
    }
    if (live)
        vcpus_set_current(live, nvcpus);
    if (config) {
        if (flags & VIR_DOMAIN_VCPU_MAXIMUM) {
            unsigned int cur = domain_def_vcpus_current(config);

            config->vcpu.max = nvcpus;
            vcpus_set_current(config, cur > nvcpus ? nvcpus : cur);
        } else {
            vcpus_set_current(config, nvcpus);
        }
    }
    g_mutex_unlock(&s->lock);
    return 0;

 error:
    g_mutex_unlock(&s->lock);
    return -1;
}

int
test_domain_set_vcpus(virDomainPtr domain, unsigned int nvcpus)
{
    return test_domain_set_vcpus_flags(domain, nvcpus, VIR_DOMAIN_AFFECT_LIVE);
}

static const char *
vcpu_pin_set(const DomainDef *def, unsigned int vcpu)
{
    for (size_t i = 0; i < def->cputune.nvcpupins; i++) {
        if (def->cputune.vcpupins[i].vcpu == vcpu)
            return def->cputune.vcpupins[i].cpuset;
    }
    return NULL;
}

/* The CPUs vCPU @vcpu may run on, as a map: its pinning, else the
 * domain's cpuset, else every host CPU. Return: 0 or -1 (reported). */
static int
vcpu_map(const TestState *s, const DomainDef *def, unsigned int vcpu, unsigned char *map,
         int maplen)
{
    const char *set = vcpu_pin_set(def, vcpu);

    if (!set)
        set = def->vcpu.cpuset;
    if (set)
        return test_cpuset_to_map(set, map, maplen);
    test_cpumap_fill(map, maplen, test_host_max_cpus(s->host));
    return 0;
}

int
test_domain_get_vcpus(virDomainPtr domain, virVcpuInfoPtr info, int maxinfo,
                      unsigned char *cpumaps, int maplen)
{
    TestState *s = test_state_from_conn(domain->conn);
    int hostmaplen = VIR_CPU_MAPLEN(test_host_max_cpus(s->host));
    g_autofree unsigned char *map = g_malloc0(hostmaplen);
    unsigned long long now = g_get_real_time();
    TestDomain *dom;
    int ncur;

    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    if (!test_domain_is_active(dom)) {
        g_mutex_unlock(&s->lock);
        err_report(VIR_ERR_OPERATION_INVALID, "%s",
                   "cannot list vcpus for an inactive domain");
        return -1;
    }
    ncur = domain_def_vcpus_current(dom->def);
    if (maxinfo > ncur)
        maxinfo = ncur;
    memset(info, 0, sizeof(*info) * maxinfo);
    if (cpumaps)
        memset(cpumaps, 0, (size_t) maxinfo * maplen);
    for (int i = 0; i < maxinfo; i++) {
        int last = -1;

        if (vcpu_map(s, dom->def, i, map, hostmaplen) < 0) {
            g_mutex_unlock(&s->lock);
            return -1;
        }
        for (int c = 0; c < hostmaplen * 8; c++) {
            if (map[c / 8] & (1u << (c % 8)))
                last = c;
        }
        if (cpumaps)
            memcpy(VIR_GET_CPUMAP(cpumaps, maplen, i), map, MIN(maplen, hostmaplen));
        info[i].number = i;
        info[i].state = VIR_VCPU_RUNNING;
        info[i].cpu = last;
        info[i].cpuTime = now / 10;
    }
    g_mutex_unlock(&s->lock);
    return maxinfo;
}

static void
vcpu_pin_store(DomainDef *def, unsigned int vcpu, char *set)
{
    DomainCputune *ct = &def->cputune;

    for (size_t i = 0; i < ct->nvcpupins; i++) {
        if (ct->vcpupins[i].vcpu == vcpu) {
            g_free(ct->vcpupins[i].cpuset);
            ct->vcpupins[i].cpuset = set;
            return;
        }
    }
    ct->vcpupins = g_renew(DomainVcpuPin, ct->vcpupins, ct->nvcpupins + 1);
    ct->vcpupins[ct->nvcpupins].vcpu = vcpu;
    ct->vcpupins[ct->nvcpupins].cpuset = set;
    ct->nvcpupins++;
}

int
test_domain_pin_vcpu_flags(virDomainPtr domain, unsigned int vcpu, unsigned char *cpumap,
                           int maplen, unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    TestDomain *dom;

    TEST_CHECK_FLAGS(flags, 0, -1, "testDomainPinVcpuFlags");
    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    if (!test_domain_is_active(dom)) {
        g_mutex_unlock(&s->lock);
        err_report(VIR_ERR_OPERATION_INVALID, "%s", "cannot pin vcpus on an inactive domain");
        return -1;
    }
    if (vcpu >= domain_def_vcpus_current(dom->def)) {
        g_mutex_unlock(&s->lock);
        err_report(VIR_ERR_INVALID_ARG, "requested vcpu '%u' is not present in the domain",
                   vcpu);
        return -1;
    }
    vcpu_pin_store(dom->def, vcpu, test_cpuset_from_map(cpumap, maplen));
    g_mutex_unlock(&s->lock);
    return 0;
}

int
test_domain_pin_vcpu(virDomainPtr domain, unsigned int vcpu, unsigned char *cpumap, int maplen)
{
    return test_domain_pin_vcpu_flags(domain, vcpu, cpumap, maplen, 0);
}

int
test_domain_get_vcpu_pin_info(virDomainPtr domain, int ncpumaps, unsigned char *cpumaps,
                              int maplen, unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    int hostmaplen = VIR_CPU_MAPLEN(test_host_max_cpus(s->host));
    g_autofree unsigned char *map = g_malloc0(hostmaplen);
    TestDomain *dom;
    DomainDef *def;
    int n = 0;

    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    if (!(def = test_domain_one_def(dom, flags, NULL))) {
        g_mutex_unlock(&s->lock);
        return -1;
    }
    memset(cpumaps, 0, (size_t) ncpumaps * maplen);
    for (n = 0; n < ncpumaps && n < (int) def->vcpu.max; n++) {
        if (vcpu_map(s, def, n, map, hostmaplen) < 0) {
            g_mutex_unlock(&s->lock);
            return -1;
        }
        memcpy(VIR_GET_CPUMAP(cpumaps, maplen, n), map, MIN(maplen, hostmaplen));
    }
    g_mutex_unlock(&s->lock);
    return n;
}

int
test_domain_pin_emulator(virDomainPtr domain, unsigned char *cpumap, int maplen,
                         unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    g_autofree char *set = test_cpuset_from_map(cpumap, maplen);
    TestDomain *dom;
    DomainDef *def;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1,
                     "testDomainPinEmulator");
    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    if (!(def = test_domain_one_def(dom, flags, NULL))) {
        g_mutex_unlock(&s->lock);
        return -1;
    }
    if (!set) {
        g_mutex_unlock(&s->lock);
        err_report(VIR_ERR_INVALID_ARG, "%s", "Empty cpu list for pinning");
        return -1;
    }
    g_free(def->cputune.emulatorpin);
    def->cputune.emulatorpin = g_steal_pointer(&set);
    g_mutex_unlock(&s->lock);
    return 0;
}

int
test_domain_get_emulator_pin_info(virDomainPtr domain, unsigned char *cpumaps, int maplen,
                                  unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    TestDomain *dom;
    DomainDef *def;
    const char *set;
    int ret = 1;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1,
                     "testDomainGetEmulatorPinInfo");
    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    if (!(def = test_domain_one_def(dom, flags, NULL))) {
        g_mutex_unlock(&s->lock);
        return -1;
    }
    set = def->cputune.emulatorpin ? def->cputune.emulatorpin : def->vcpu.cpuset;
    if (set) {
        if (test_cpuset_to_map(set, cpumaps, maplen) < 0)
            ret = -1;
    } else {
        test_cpumap_fill(cpumaps, maplen, test_host_max_cpus(s->host));
    }
    g_mutex_unlock(&s->lock);
    return ret;
}

/* ---- autostart -------------------------------------------------------- */

int
test_domain_get_autostart(virDomainPtr domain, int *autostart)
{
    TestState *s = test_state_from_conn(domain->conn);
    TestDomain *dom;

    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    *autostart = dom->autostart;
    g_mutex_unlock(&s->lock);
    return 0;
}

int
test_domain_set_autostart(virDomainPtr domain, int autostart)
{
    TestState *s = test_state_from_conn(domain->conn);
    TestDomain *dom;

    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    dom->autostart = autostart != 0;
    g_mutex_unlock(&s->lock);
    return 0;
}

/* ---- metadata --------------------------------------------------------- */

static xmlNode *
metadata_find(const DomainDef *def, const char *uri)
{
    if (!def->metadata)
        return NULL;
    for (xmlNode *n = def->metadata->children; n; n = n->next) {
        if (n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
            xmlStrEqual(n->ns->href, BAD_CAST uri))
            return n;
    }
    return NULL;
}

static void
metadata_strip_ns(xmlNode *node, xmlNs *ns)
{
    for (xmlNode *n = node; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (n->ns == ns)
            n->ns = NULL;
        metadata_strip_ns(n->children, ns);
    }
}

/* The element of namespace @uri as text, without its namespace (what
 * virDomainGetMetadata returns). */
static char *
metadata_element_text(xmlNode *elem)
{
    g_autoptr(xmlDoc) doc = xmlNewDoc(BAD_CAST "1.0");
    xmlNode *copy = xmlDocCopyNode(elem, doc, 1);
    xmlBuffer *buf = xmlBufferCreate();
    xmlNs *ns = copy->ns;
    char *ret;

    xmlDocSetRootElement(doc, copy);
    copy->ns = NULL;
    metadata_strip_ns(copy->children, ns);
    if (copy->nsDef == ns) {
        copy->nsDef = ns->next;
        ns->next = NULL;
        xmlFreeNs(ns);
    }
    xmlNodeDump(buf, doc, copy, 0, 1);
    ret = g_strdup((const char *) xmlBufferContent(buf));
    xmlBufferFree(buf);
    return ret;
}

char *
test_domain_get_metadata(virDomainPtr domain, int type, const char *uri, unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    const char *text = NULL;
    TestDomain *dom;
    DomainDef *def;
    char *ret = NULL;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, NULL,
                     "testDomainGetMetadata");
    if (!(dom = test_domain_begin(s, domain)))
        return NULL;
    if (!(def = test_domain_one_def(dom, flags, NULL))) {
        g_mutex_unlock(&s->lock);
        return NULL;
    }
    switch (type) {
    case VIR_DOMAIN_METADATA_DESCRIPTION:
        text = def->description;
        break;
    case VIR_DOMAIN_METADATA_TITLE:
        text = def->title;
        break;
    case VIR_DOMAIN_METADATA_ELEMENT: {
        xmlNode *elem = uri ? metadata_find(def, uri) : NULL;

        if (elem)
            ret = metadata_element_text(elem);
        break;
    }
    default:
        g_mutex_unlock(&s->lock);
        err_report_full(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG, __FILE__, __func__, __LINE__,
                        "unknown metadata type '%d'", type);
        return NULL;
    }
    if (text)
        ret = g_strdup(text);
    g_mutex_unlock(&s->lock);
    if (!ret)
        err_report_full(VIR_FROM_DOMAIN, VIR_ERR_NO_DOMAIN_METADATA, __FILE__, __func__,
                        __LINE__, "%s", "Requested metadata element is not present");
    return ret;
}

static void
metadata_set_ns(xmlNode *node, xmlNs *ns)
{
    for (xmlNode *n = node; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (!n->ns)
            n->ns = ns;
        metadata_set_ns(n->children, ns);
    }
}

/* Apply one metadata change to @def. @elem_doc: the parsed element for
 * VIR_DOMAIN_METADATA_ELEMENT (copied). */
static void
metadata_apply(DomainDef *def, int type, const char *text, xmlDoc *elem_doc,
               const char *key, const char *uri)
{
    xmlNode *old;

    if (type == VIR_DOMAIN_METADATA_DESCRIPTION || type == VIR_DOMAIN_METADATA_TITLE) {
        char **slot = type == VIR_DOMAIN_METADATA_TITLE ? &def->title : &def->description;

        g_free(*slot);
        *slot = text && *text ? g_strdup(text) : NULL;
        return;
    }
    old = metadata_find(def, uri);
    if (old) {
        xmlUnlinkNode(old);
        xmlFreeNode(old);
    }
    if (elem_doc) {
        xmlNode *copy;
        xmlNs *ns;

        if (!def->metadata) {
            xmlDoc *doc = xmlNewDoc(BAD_CAST "1.0");

            xmlDocSetRootElement(doc, xmlNewDocNode(doc, NULL, BAD_CAST "metadata", NULL));
            def->metadata = xmlDocGetRootElement(doc);
        }
        copy = xmlDocCopyNode(xmlDocGetRootElement(elem_doc), def->metadata->doc, 1);
        ns = xmlNewNs(copy, BAD_CAST uri, BAD_CAST key);
        copy->ns = ns;
        metadata_set_ns(copy->children, ns);
        xmlAddChild(def->metadata, copy);
    }
    if (def->metadata && !def->metadata->children) {
        xmlFreeDoc(def->metadata->doc);
        def->metadata = NULL;
    }
}

int
test_domain_set_metadata(virDomainPtr domain, int type, const char *metadata,
                         const char *key, const char *uri, unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    g_autoptr(xmlDoc) elem_doc = NULL;
    DomainDef *live = NULL;
    DomainDef *config = NULL;
    TestDomain *dom;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1,
                     "testDomainSetMetadata");
    if (type == VIR_DOMAIN_METADATA_TITLE && metadata && strchr(metadata, '\n')) {
        api_report_invalid_arg_full(VIR_FROM_DOMAIN, "virDomainSetMetadata", "metadata", "%s",
                                    "metadata title can't contain newlines");
        return -1;
    }
    if (type < VIR_DOMAIN_METADATA_DESCRIPTION || type > VIR_DOMAIN_METADATA_ELEMENT) {
        err_report_full(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG, __FILE__, __func__, __LINE__,
                        "unknown metadata type '%d'", type);
        return -1;
    }
    if (type == VIR_DOMAIN_METADATA_ELEMENT && metadata &&
        xmlmap_read_doc(metadata, "(metadata_xml)", VIR_FROM_DOMAIN, &elem_doc) < 0)
        return -1;
    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    if (test_domain_defs(dom, flags, &live, &config) < 0) {
        g_mutex_unlock(&s->lock);
        return -1;
    }
    if (live)
        metadata_apply(live, type, metadata, elem_doc, key, uri);
    if (config)
        metadata_apply(config, type, metadata, elem_doc, key, uri);
    test_domain_event_metadata(s, dom, type, uri);
    g_mutex_unlock(&s->lock);
    return 0;
}

/* ---- scheduler -------------------------------------------------------- */

char *
test_domain_get_scheduler_type(virDomainPtr domain, int *nparams)
{
    (void) domain;
    if (nparams)
        *nparams = 1;
    return g_strdup("fair");
}

int
test_domain_get_scheduler_parameters_flags(virDomainPtr domain, virTypedParameterPtr params,
                                           int *nparams, unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    TestDomain *dom;

    TEST_CHECK_FLAGS(flags, 0, -1, "testDomainGetSchedulerParametersFlags");
    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    g_mutex_unlock(&s->lock);
    memset(&params[0], 0, sizeof(params[0]));
    g_strlcpy(params[0].field, VIR_DOMAIN_SCHEDULER_WEIGHT, sizeof(params[0].field));
    params[0].type = VIR_TYPED_PARAM_UINT;
    params[0].value.ui = 50;
    *nparams = 1;
    return 0;
}

int
test_domain_get_scheduler_parameters(virDomainPtr domain, virTypedParameterPtr params,
                                     int *nparams)
{
    return test_domain_get_scheduler_parameters_flags(domain, params, nparams, 0);
}

int
test_domain_set_scheduler_parameters_flags(virDomainPtr domain, virTypedParameterPtr params,
                                           int nparams, unsigned int flags)
{
    static const TestParamSpec spec[] = {
        { VIR_DOMAIN_SCHEDULER_WEIGHT, VIR_TYPED_PARAM_UINT },
    };
    TestState *s = test_state_from_conn(domain->conn);
    TestDomain *dom;

    TEST_CHECK_FLAGS(flags, 0, -1, "testDomainSetSchedulerParametersFlags");
    if (test_params_validate(params, nparams, spec, G_N_ELEMENTS(spec)) < 0)
        return -1;
    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    /* accepted and forgotten, like libvirt's test driver */
    g_mutex_unlock(&s->lock);
    return 0;
}

int
test_domain_set_scheduler_parameters(virDomainPtr domain, virTypedParameterPtr params,
                                     int nparams)
{
    return test_domain_set_scheduler_parameters_flags(domain, params, nparams, 0);
}

/* ---- guest-ish calls -------------------------------------------------- */

/* Lock, find, require a running domain, unlock: the whole of several
 * calls the fake guest accepts without doing anything. */
static int
require_active(virDomainPtr domain)
{
    TestState *s = test_state_from_conn(domain->conn);
    TestDomain *dom;
    int ret;

    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    ret = test_domain_check_active(dom);
    g_mutex_unlock(&s->lock);
    return ret;
}

char *
test_domain_get_hostname(virDomainPtr domain, unsigned int flags)
{
    TEST_CHECK_FLAGS(flags, 0, NULL, "testDomainGetHostname");
    if (require_active(domain) < 0)
        return NULL;
    return g_strdup_printf("%shost", domain->name);
}

int
test_domain_get_time(virDomainPtr domain, long long *seconds, unsigned int *nseconds,
                     unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    TestDomain *dom;

    TEST_CHECK_FLAGS(flags, 0, -1, "testDomainGetTime");
    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    if (dom->state != VIR_DOMAIN_RUNNING) {
        g_mutex_unlock(&s->lock);
        err_report(VIR_ERR_OPERATION_INVALID, "%s", "domain is not running");
        return -1;
    }
    *seconds = dom->time_sec;
    *nseconds = dom->time_nsec;
    g_mutex_unlock(&s->lock);
    return 0;
}

int
test_domain_set_time(virDomainPtr domain, long long seconds, unsigned int nseconds,
                     unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    TestDomain *dom;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_TIME_SYNC, -1, "testDomainSetTime");
    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    if (test_domain_check_active(dom) < 0) {
        g_mutex_unlock(&s->lock);
        return -1;
    }
    dom->time_sec = seconds;
    dom->time_nsec = nseconds;
    g_mutex_unlock(&s->lock);
    return 0;
}

int
test_domain_get_security_label(virDomainPtr domain, virSecurityLabelPtr seclabel)
{
    TestState *s = test_state_from_conn(domain->conn);
    TestDomain *dom;

    memset(seclabel, 0, sizeof(*seclabel));
    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    if (test_domain_is_active(dom)) {
        g_strlcpy(seclabel->label, "libvirt-test", sizeof(seclabel->label));
        seclabel->enforcing = 1;
    }
    g_mutex_unlock(&s->lock);
    return 0;
}

int
test_domain_get_launch_security_info(virDomainPtr domain, virTypedParameterPtr *params,
                                     int *nparams, unsigned int flags)
{
    (void) domain;
    (void) params;
    TEST_CHECK_FLAGS(flags, 0, -1, "testDomainGetLaunchSecurityInfo");
    *nparams = 0;
    return 0;
}

int
test_domain_get_messages(virDomainPtr domain, char ***msgs, unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    TestDomain *dom;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_MESSAGE_DEPRECATION | VIR_DOMAIN_MESSAGE_TAINTING, -1,
                     "testDomainGetMessages");
    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    g_mutex_unlock(&s->lock);
    /* the test driver records no taint or deprecation */
    *msgs = NULL;
    return 0;
}

int
test_domain_set_user_password(virDomainPtr domain, const char *user, const char *password,
                              unsigned int flags)
{
    (void) user;
    (void) password;
    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_PASSWORD_ENCRYPTED, -1, "testDomainSetUserPassword");
    return require_active(domain);
}

int
test_domain_send_key(virDomainPtr domain, unsigned int codeset, unsigned int holdtime,
                     unsigned int *keycodes, int nkeycodes, unsigned int flags)
{
    (void) holdtime;
    TEST_CHECK_FLAGS(flags, 0, -1, "testDomainSendKey");
    if (require_active(domain) < 0)
        return -1;
    /* every code set keeps its key codes below 0x10000 */
    for (int i = 0; i < nkeycodes; i++) {
        if (keycodes[i] > 0xffff) {
            err_report(VIR_ERR_INTERNAL_ERROR, "invalid keycode %u of codeset %u",
                       keycodes[i], codeset);
            return -1;
        }
    }
    return 0;
}

int
test_domain_send_process_signal(virDomainPtr domain, long long pid_value, unsigned int signum,
                                unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    TestDomain *dom;

    TEST_CHECK_FLAGS(flags, 0, -1, "testDomainSendProcessSignal");
    if (pid_value != 1) {
        err_report(VIR_ERR_INVALID_ARG, "%s", "only sending a signal to pid 1 is supported");
        return -1;
    }
    if (signum > VIR_DOMAIN_PROCESS_SIGNAL_RT32) {
        err_report(VIR_ERR_INVALID_ARG, "signum value %u is out of range", signum);
        return -1;
    }
    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    g_mutex_unlock(&s->lock);
    return 0;
}

int
test_domain_inject_nmi(virDomainPtr domain, unsigned int flags)
{
    TEST_CHECK_FLAGS(flags, 0, -1, "testDomainInjectNMI");
    return require_active(domain);
}
