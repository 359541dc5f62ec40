/* api/test/test-domain.c: the domain table of the test driver: the
 * objects, lookups, the live/config definition rules (AFFECT_* flags),
 * definition preparation, host-file loading, the default domain, and the
 * list/lookup entry points. Lifecycle changes live in test-domain-life.c,
 * queries and tunables in test-domain-info.c and test-domain-tune.c. */
#include "config.h"

#include <string.h>

#define ERR_DOMAIN VIR_FROM_TEST
#include "api/test/test-domain.h"
#include "api/test/test-ops.h"
#include "common/conf/xmlmap.h"
#include "common/util/err.h"
#include "common/util/parse.h"
#include "common/util/uuid.h"

#define TEST_NS_URI "http://libvirt.org/schemas/domain/test/1.0"

static const char test_default_domain_xml[] =
    "<domain type='test'>"
    "  <name>test</name>"
    "  <uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid>"
    "  <memory>8388608</memory>"
    "  <currentMemory>2097152</currentMemory>"
    "  <vcpu>2</vcpu>"
    "  <os>"
    "    <type>hvm</type>"
    "  </os>"
    "  <devices>"
    "    <disk type='file' device='disk'>"
    "      <source file='/guest/diskimage1'/>"
    "      <target dev='vda' bus='virtio'/>"
    "      <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>"
    "    </disk>"
    "    <interface type='network'>"
    "      <mac address='aa:bb:cc:dd:ee:ff'/>"
    "      <source network='default' bridge='virbr0'/>"
    "      <address type='pci' domain='0x0000' bus='0x00' slot='0x1' function='0x0'/>"
    "    </interface>"
    "    <memballoon model='virtio'>"
    "      <address type='pci' domain='0x0000' bus='0x00' slot='0x2' function='0x0'/>"
    "    </memballoon>"
    "  </devices>"
    "</domain>";

/* ---- the table -------------------------------------------------------- */

/**
 * test_domains_new() - an empty domain table
 */
TestDomains *
test_domains_new(void)
{
    TestDomains *doms = g_new0(TestDomains, 1);

    doms->list = g_ptr_array_new_with_free_func((GDestroyNotify) test_domain_free);
    return doms;
}

/**
 * test_domains_free() - release the table and every domain in it
 */
void
test_domains_free(TestDomains *doms)
{
    if (!doms)
        return;
    g_ptr_array_unref(doms->list);
    g_free(doms);
}

/**
 * test_domain_new() - a shut off, transient domain object for @def (taken)
 */
TestDomain *
test_domain_new(DomainDef *def)
{
    TestDomain *dom = g_new0(TestDomain, 1);

    dom->def = def;
    def->has_id = false;
    def->id = -1;
    dom->state = VIR_DOMAIN_SHUTOFF;
    dom->reason = VIR_DOMAIN_SHUTOFF_UNKNOWN;
    /* the fake guest clock starts at a fixed time, as libvirt's does */
    dom->time_sec = 627319920;
    test_moments_init(&dom->snapshots);
    test_moments_init(&dom->checkpoints);
    dom->iothread_polls = g_array_new(FALSE, TRUE, sizeof(TestIOThreadPoll));
    return dom;
}

/**
 * test_domain_free() - release a domain object
 */
void
test_domain_free(TestDomain *dom)
{
    if (!dom)
        return;
    domain_def_free(dom->def);
    domain_def_free(dom->newdef);
    test_moments_clear(&dom->snapshots);
    test_moments_clear(&dom->checkpoints);
    g_array_unref(dom->iothread_polls);
    g_free(dom);
}

/**
 * test_domains_add() - append @dom (taken) to the table
 */
void
test_domains_add(TestDomains *doms, TestDomain *dom)
{
    g_ptr_array_add(doms->list, dom);
}

/**
 * test_domains_remove() - remove and free @dom
 */
void
test_domains_remove(TestDomains *doms, TestDomain *dom)
{
    g_ptr_array_remove(doms->list, dom);
}

TestDomain *
test_domains_find_uuid(TestDomains *doms, const unsigned char *uuid)
{
    for (guint i = 0; i < doms->list->len; i++) {
        TestDomain *dom = g_ptr_array_index(doms->list, i);

        if (memcmp(dom->def->uuid, uuid, VIR_UUID_BUFLEN) == 0)
            return dom;
    }
    return NULL;
}

TestDomain *
test_domains_find_name(TestDomains *doms, const char *name)
{
    for (guint i = 0; i < doms->list->len; i++) {
        TestDomain *dom = g_ptr_array_index(doms->list, i);

        if (g_str_equal(dom->def->name, name))
            return dom;
    }
    return NULL;
}

TestDomain *
test_domains_find_id(TestDomains *doms, int id)
{
    for (guint i = 0; i < doms->list->len; i++) {
        TestDomain *dom = g_ptr_array_index(doms->list, i);

        if (dom->def->has_id && dom->def->id == id)
            return dom;
    }
    return NULL;
}

/**
 * test_domain_get() - the object behind a domain handle (see test-domain.h)
 */
TestDomain *
test_domain_get(TestState *s, virDomainPtr handle)
{
    TestDomain *dom = test_domains_find_uuid(s->domains, handle->uuid);
    char uuid[VIR_UUID_STRING_BUFLEN];

    if (!dom) {
        uuid_format(handle->uuid, uuid);
        err_report(VIR_ERR_NO_DOMAIN, "no domain with matching uuid '%s' (%s)",
                   uuid, handle->name);
    }
    return dom;
}

/**
 * test_domain_handle() - a public handle for @dom
 */
virDomainPtr
test_domain_handle(virConnectPtr conn, const TestDomain *dom)
{
    return api_domain_new(conn, dom->def->name, dom->def->uuid,
                          dom->def->has_id ? dom->def->id : -1);
}

/**
 * test_domain_check_active() - "domain is not running" unless @dom runs
 */
int
test_domain_check_active(const TestDomain *dom)
{
    if (test_domain_is_active(dom))
        return 0;
    err_report_full(VIR_FROM_DOMAIN, VIR_ERR_OPERATION_INVALID, __FILE__, __func__, __LINE__,
                    "%s", "domain is not running");
    return -1;
}

/* libvirt's modification impact rules: CURRENT means LIVE for a running
 * domain and CONFIG otherwise; LIVE needs a running domain and CONFIG a
 * persistent one. Return the resolved flags, or -1 (reported). */
static int
domain_impact(const TestDomain *dom, unsigned int flags)
{
    bool active = test_domain_is_active(dom);

    if ((flags & (VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG)) == 0)
        flags |= active ? VIR_DOMAIN_AFFECT_LIVE : VIR_DOMAIN_AFFECT_CONFIG;
    if ((flags & VIR_DOMAIN_AFFECT_LIVE) && !active) {
        err_report_full(VIR_FROM_DOMAIN, VIR_ERR_OPERATION_INVALID, __FILE__, __func__,
                        __LINE__, "%s", "domain is not running");
        return -1;
    }
    if ((flags & VIR_DOMAIN_AFFECT_CONFIG) && !dom->persistent) {
        err_report_full(VIR_FROM_DOMAIN, VIR_ERR_OPERATION_INVALID, __FILE__, __func__,
                        __LINE__, "%s", "transient domains do not have any persistent config");
        return -1;
    }
    return (int) flags;
}

static DomainDef *
domain_config(TestDomain *dom)
{
    return test_domain_is_active(dom) && dom->newdef ? dom->newdef : dom->def;
}

/**
 * test_domain_one_def() - the one definition @flags select
 */
DomainDef *
test_domain_one_def(TestDomain *dom, unsigned int flags, bool *ret_live)
{
    int f;

    if ((flags & VIR_DOMAIN_AFFECT_LIVE) && (flags & VIR_DOMAIN_AFFECT_CONFIG)) {
        /* libvirt's helper names itself in the error */
        api_report_invalid_arg_full(VIR_FROM_DOMAIN, "virDomainObjGetOneDefState", "flags", "%s",
                                    "Flags 'VIR_DOMAIN_AFFECT_LIVE' and "
                                    "'VIR_DOMAIN_AFFECT_CONFIG' are mutually exclusive");
        return NULL;
    }
    f = domain_impact(dom, flags);
    if (f < 0)
        return NULL;
    if (ret_live)
        *ret_live = f & VIR_DOMAIN_AFFECT_LIVE;
    return (f & VIR_DOMAIN_AFFECT_LIVE) ? dom->def : domain_config(dom);
}

/**
 * test_domain_defs() - the live and/or config definitions @flags select
 */
int
test_domain_defs(TestDomain *dom, unsigned int flags, DomainDef **ret_live,
                 DomainDef **ret_config)
{
    int f = domain_impact(dom, flags);

    if (f < 0)
        return -1;
    if (ret_live)
        *ret_live = (f & VIR_DOMAIN_AFFECT_LIVE) ? dom->def : NULL;
    if (ret_config)
        *ret_config = (f & VIR_DOMAIN_AFFECT_CONFIG) ? domain_config(dom) : NULL;
    return 0;
}

/* ---- state transitions ------------------------------------------------ */

/**
 * test_domain_start() - make @dom run with a fresh id
 */
void
test_domain_start(TestState *s, TestDomain *dom, int reason)
{
    dom->state = VIR_DOMAIN_RUNNING;
    dom->reason = reason;
    dom->def->id = s->next_domain_id++;
    dom->def->has_id = true;
    /* the config survives changes made to the running domain */
    if (dom->persistent && !dom->newdef)
        dom->newdef = domain_def_copy(dom->def);
    if (dom->newdef)
        dom->newdef->has_id = false;
    dom->managed_save = false;
}

/**
 * test_domain_stop() - shut @dom off; the config becomes the definition
 * @handle: the caller's handle, whose id is reset too (may be NULL)
 */
void
test_domain_stop(TestDomain *dom, virDomainPtr handle, int reason)
{
    if (dom->newdef) {
        domain_def_free(dom->def);
        dom->def = g_steal_pointer(&dom->newdef);
    }
    dom->def->has_id = false;
    dom->def->id = -1;
    dom->state = VIR_DOMAIN_SHUTOFF;
    dom->reason = reason;
    if (handle)
        handle->id = -1;
}

/**
 * test_domain_stop_cleanup() - a stopped transient domain is forgotten
 */
void
test_domain_stop_cleanup(TestState *s, TestDomain *dom)
{
    if (!dom->persistent)
        test_domains_remove(s->domains, dom);
}

/* ---- definitions ------------------------------------------------------ */

static bool
domain_has_ifname(const DomainDef *def, const char *name)
{
    for (size_t i = 0; i < def->devices.nnets; i++) {
        if (def->devices.nets[i]->ifname && g_str_equal(def->devices.nets[i]->ifname, name))
            return true;
    }
    return false;
}

static bool
mac_is_zero(const unsigned char *mac)
{
    for (int i = 0; i < XML_MAC_LEN; i++) {
        if (mac[i])
            return false;
    }
    return true;
}

/* <video><model type=> values */
enum {
    VIDEO_DEFAULT, VIDEO_VGA, VIDEO_CIRRUS, VIDEO_VMVGA, VIDEO_XEN, VIDEO_VBOX, VIDEO_QXL,
    VIDEO_PARALLELS, VIDEO_VIRTIO, VIDEO_GOP, VIDEO_NONE, VIDEO_BOCHS, VIDEO_RAMFB
};

/* video memory in KiB a model gets when vram= is not given (0 = none) */
static unsigned int
video_default_vram(int model)
{
    switch (model) {
    case VIDEO_VGA:
    case VIDEO_CIRRUS:
    case VIDEO_VMVGA:
    case VIDEO_BOCHS:
        return 16384;
    case VIDEO_XEN:
        return 4096;            /* the Xen framebuffer's fixed size */
    case VIDEO_QXL:
        return 65536;
    default:
        return 0;
    }
}

/**
 * test_domain_prepare_def() - the defaults the test driver adds
 *
 * i686 when the guest names no architecture, generated 52:54:00 MAC
 * addresses, "testnetN" interface names, a video card for a guest with
 * graphics and default video models and sizes (what
 * libvirt's test driver does at parse time).
 *
 * Return: 0, or -1 when 1024 interface names are taken (reported).
 */
int
test_domain_prepare_def(DomainDef *def)
{
    bool primary_seen = false;

    if (def->os.arch == 0)
        def->os.arch = DOMAIN_ARCH_I686;
    for (size_t i = 0; i < def->devices.nnets; i++) {
        DomainNet *net = def->devices.nets[i];

        if (mac_is_zero(net->mac)) {
            net->mac[0] = 0x52;
            net->mac[1] = 0x54;
            net->mac[2] = 0x00;
            for (int b = 3; b < XML_MAC_LEN; b++)
                net->mac[b] = g_random_int_range(0, 256);
        }
        if (net->ifname)
            continue;
        for (int n = 0; n < 1024 && !net->ifname; n++) {
            g_autofree char *name = g_strdup_printf("testnet%d", n);

            if (!domain_has_ifname(def, name))
                net->ifname = g_steal_pointer(&name);
        }
        if (!net->ifname) {
            err_report(VIR_ERR_INTERNAL_ERROR, "Exceeded max iface limit %d", 1024);
            return -1;
        }
    }
    /* a guest with a display and no video card gets one */
    if (def->devices.ngraphics > 0 && def->devices.nvideos == 0) {
        def->devices.videos = g_new0(DomainVideo *, 1);
        def->devices.videos[def->devices.nvideos++] = g_new0(DomainVideo, 1);
    }
    for (size_t i = 0; i < def->devices.nvideos; i++) {
        DomainVideo *v = def->devices.videos[i];

        if (v->model == VIDEO_DEFAULT) {
            /* xen guests get the Xen framebuffer, others Cirrus */
            v->model = (def->os.type == DOMAIN_OS_XEN || def->os.type == DOMAIN_OS_LINUX)
                       ? VIDEO_XEN : VIDEO_CIRRUS;
        }
        if (v->model == VIDEO_NONE)
            continue;
        if (v->vram == 0)
            v->vram = video_default_vram(v->model);
        if (v->ram == 0 && v->model == VIDEO_QXL)
            v->ram = 65536;
        if (v->heads == 0)
            v->heads = 1;
        primary_seen |= v->primary;
    }
    for (size_t i = 0; i < def->devices.nvideos && !primary_seen; i++) {
        if (def->devices.videos[i]->model != VIDEO_NONE) {
            def->devices.videos[i]->primary = true;
            primary_seen = true;
        }
    }
    return 0;
}

/**
 * test_domain_parse() - parse domain XML for define/create/restore
 * @validate: VIR_DOMAIN_DEFINE_VALIDATE / START_VALIDATE were given (we
 *            have no RNG; the strict parse refuses unknown elements)
 */
DomainDef *
test_domain_parse(const char *xml, bool validate)
{
    g_autoptr(DomainDef) def = NULL;
    unsigned int flags = XMLMAP_PARSE_INACTIVE;

    if (validate)
        flags |= XMLMAP_PARSE_STRICT;
    def = domain_def_parse_string(xml, flags);
    if (!def || test_domain_prepare_def(def) < 0)
        return NULL;
    return g_steal_pointer(&def);
}

/**
 * test_domains_assign() - add or update a domain (see test-domain.h)
 */
TestDomain *
test_domains_assign(TestState *s, DomainDef *def, bool live, bool *ret_old_existed)
{
    TestDomain *dom = test_domains_find_uuid(s->domains, def->uuid);
    char uuid[VIR_UUID_STRING_BUFLEN];

    if (!dom) {
        TestDomain *other = test_domains_find_name(s->domains, def->name);

        if (other) {
            uuid_format(other->def->uuid, uuid);
            err_report_full(VIR_FROM_DOMAIN, VIR_ERR_OPERATION_FAILED, __FILE__, __func__,
                            __LINE__, "domain '%s' already exists with uuid %s",
                            other->def->name, uuid);
            return NULL;
        }
        dom = test_domain_new(def);
        test_domains_add(s->domains, dom);
        if (ret_old_existed)
            *ret_old_existed = false;
        return dom;
    }

    if (!g_str_equal(dom->def->name, def->name)) {
        uuid_format(dom->def->uuid, uuid);
        err_report_full(VIR_FROM_DOMAIN, VIR_ERR_OPERATION_FAILED, __FILE__, __func__,
                        __LINE__, "domain '%s' is already defined with uuid %s",
                        dom->def->name, uuid);
        return NULL;
    }
    if (live && test_domain_is_active(dom)) {
        err_report_full(VIR_FROM_DOMAIN, VIR_ERR_OPERATION_INVALID, __FILE__, __func__,
                        __LINE__, "domain '%s' is already active", dom->def->name);
        return NULL;
    }
    if (ret_old_existed)
        *ret_old_existed = true;
    def->has_id = dom->def->has_id;
    def->id = dom->def->id;
    if (live) {
        /* started from new XML: the stored config stays the persistent one */
        if (dom->persistent && !dom->newdef)
            dom->newdef = g_steal_pointer(&dom->def);
        domain_def_free(dom->def);
        dom->def = def;
    } else if (test_domain_is_active(dom)) {
        def->has_id = false;
        domain_def_free(dom->newdef);
        dom->newdef = def;
    } else {
        domain_def_free(dom->def);
        dom->def = def;
    }
    return dom;
}

/* ---- host files and the default domain -------------------------------- */

static bool
is_test_ns(const xmlNode *n)
{
    return n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
           xmlStrEqual(n->ns->href, BAD_CAST TEST_NS_URI);
}

static int
load_snapshots(TestDomain *dom, GPtrArray *nodes, const char *basedir)
{
    for (guint i = 0; i < nodes->len; i++) {
        xmlNode *n = g_ptr_array_index(nodes, i);
        g_autoptr(xmlDoc) doc = NULL;
        xmlNode *target = test_node_resolve(n, basedir, &doc);
        TestMoment *m;

        if (!target)
            return -1;
        if (!doc) {
            /* inline: <test:domainsnapshot> holds the snapshot's elements;
             * parse a copy without the test namespace */
            doc = xmlNewDoc(BAD_CAST "1.0");
            target = xmlDocCopyNode(n, doc, 1);
            xmlDocSetRootElement(doc, target);
            target->ns = NULL;
        }
        m = test_moment_parse_node(TEST_MOMENT_SNAPSHOT, target, true);
        if (!m)
            return -1;
        if (m->active) {
            if (dom->snapshots.current) {
                err_report(VIR_ERR_INTERNAL_ERROR, "%s",
                           "more than one snapshot claims to be active");
                test_moment_free(m);
                return -1;
            }
            dom->snapshots.current = m;
            m->active = 0;
        }
        g_ptr_array_add(dom->snapshots.list, m);
    }
    return 0;
}

/* Pull the test driver's own elements (runstate, transient, managed save,
 * snapshots) out of a <domain> of a host file. */
static int
take_test_elements(xmlNode *node, unsigned int *runstate, bool *transient, bool *managed_save,
                   GPtrArray *snapshots)
{
    xmlNode *next;

    for (xmlNode *n = node->children; n; n = next) {
        g_autofree char *text = NULL;

        next = n->next;
        if (!is_test_ns(n))
            continue;
        if (xmlStrEqual(n->name, BAD_CAST "runstate")) {
            text = (char *) xmlNodeGetContent(n);
            if (parse_uint(g_strstrip(text), 10, runstate) < 0) {
                err_report(VIR_ERR_XML_ERROR, "%s", "invalid runstate");
                return -1;
            }
            if (*runstate >= VIR_DOMAIN_PMSUSPENDED + 1) {
                err_report(VIR_ERR_XML_ERROR, "runstate '%u' out of range'", *runstate);
                return -1;
            }
        } else if (xmlStrEqual(n->name, BAD_CAST "transient")) {
            *transient = true;
        } else if (xmlStrEqual(n->name, BAD_CAST "hasmanagedsave")) {
            *managed_save = true;
        } else if (xmlStrEqual(n->name, BAD_CAST "domainsnapshot")) {
            xmlUnlinkNode(n);
            g_ptr_array_add(snapshots, n);
            continue;
        }
    }
    if (*transient && *runstate == VIR_DOMAIN_SHUTOFF) {
        err_report(VIR_ERR_XML_ERROR, "%s", "transient domain cannot have runstate 'shutoff'");
        return -1;
    }
    if (*managed_save && *runstate != VIR_DOMAIN_SHUTOFF) {
        err_report(VIR_ERR_XML_ERROR, "%s",
                   "domain with managedsave data can only have runstate 'shutoff'");
        return -1;
    }
    return 0;
}

static int
domain_load_node(TestState *s, xmlNode *node, const char *basedir)
{
    g_autoptr(GPtrArray) snaps = g_ptr_array_new_with_free_func((GDestroyNotify) xmlFreeNode);
    unsigned int runstate = VIR_DOMAIN_RUNNING;
    bool transient = false;
    bool managed_save = false;
    void *obj = NULL;
    DomainDef *def;
    TestDomain *dom;

    if (take_test_elements(node, &runstate, &transient, &managed_save, snaps) < 0)
        return -1;
    if (xmlmap_parse_node(&domain_def_schema, node, &obj, XMLMAP_PARSE_INACTIVE) < 0)
        return -1;
    def = obj;
    if (test_domain_prepare_def(def) < 0) {
        domain_def_free(def);
        return -1;
    }
    dom = test_domains_assign(s, def, false, NULL);
    if (!dom) {
        domain_def_free(def);
        return -1;
    }
    if (load_snapshots(dom, snaps, basedir) < 0)
        return -1;
    dom->persistent = !transient;
    dom->managed_save = managed_save;
    if (runstate != VIR_DOMAIN_SHUTOFF) {
        test_domain_start(s, dom, VIR_DOMAIN_RUNNING_BOOTED);
        dom->state = runstate;
        dom->reason = 0;
    } else {
        dom->state = VIR_DOMAIN_SHUTOFF;
        dom->reason = 0;
    }
    return 0;
}

/**
 * test_domains_load() - a <domain> element of a host file
 */
int
test_domains_load(TestState *s, xmlNode *node, const char *basedir)
{
    g_autoptr(xmlDoc) doc = NULL;
    xmlNode *target = test_node_resolve(node, basedir, &doc);

    if (!target)
        return -1;
    return domain_load_node(s, target, basedir);
}

/**
 * test_domains_add_defaults() - the running domain "test" of test:///default
 */
int
test_domains_add_defaults(TestState *s)
{
    g_autoptr(xmlDoc) doc = NULL;

    if (xmlmap_read_doc(test_default_domain_xml, "(test driver)", VIR_FROM_TEST, &doc) < 0)
        return -1;
    return domain_load_node(s, xmlDocGetRootElement(doc), ".");
}

/* ---- entry points: lookups and lists ---------------------------------- */

virDomainPtr
test_domain_lookup_by_id(virConnectPtr conn, int id)
{
    TestState *s = test_state_from_conn(conn);
    virDomainPtr ret = NULL;
    TestDomain *dom;

    g_mutex_lock(&s->lock);
    dom = test_domains_find_id(s->domains, id);
    if (dom)
        ret = test_domain_handle(conn, dom);
    else
        err_report(VIR_ERR_NO_DOMAIN, NULL);
    g_mutex_unlock(&s->lock);
    return ret;
}

virDomainPtr
test_domain_lookup_by_uuid(virConnectPtr conn, const unsigned char *uuid)
{
    TestState *s = test_state_from_conn(conn);
    virDomainPtr ret = NULL;
    TestDomain *dom;

    g_mutex_lock(&s->lock);
    dom = test_domains_find_uuid(s->domains, uuid);
    if (dom)
        ret = test_domain_handle(conn, dom);
    else
        err_report(VIR_ERR_NO_DOMAIN, NULL);
    g_mutex_unlock(&s->lock);
    return ret;
}

virDomainPtr
test_domain_lookup_by_name(virConnectPtr conn, const char *name)
{
    TestState *s = test_state_from_conn(conn);
    virDomainPtr ret = NULL;
    TestDomain *dom;

    g_mutex_lock(&s->lock);
    dom = test_domains_find_name(s->domains, name);
    if (dom)
        ret = test_domain_handle(conn, dom);
    else
        err_report(VIR_ERR_NO_DOMAIN, NULL);
    g_mutex_unlock(&s->lock);
    return ret;
}

int
test_connect_num_of_domains(virConnectPtr conn)
{
    TestState *s = test_state_from_conn(conn);
    int n = 0;

    g_mutex_lock(&s->lock);
    for (guint i = 0; i < s->domains->list->len; i++)
        n += test_domain_is_active(g_ptr_array_index(s->domains->list, i));
    g_mutex_unlock(&s->lock);
    return n;
}

int
test_connect_list_domains(virConnectPtr conn, int *ids, int maxids)
{
    TestState *s = test_state_from_conn(conn);
    int n = 0;

    g_mutex_lock(&s->lock);
    for (guint i = 0; i < s->domains->list->len && n < maxids; i++) {
        TestDomain *dom = g_ptr_array_index(s->domains->list, i);

        if (test_domain_is_active(dom))
            ids[n++] = dom->def->id;
    }
    g_mutex_unlock(&s->lock);
    return n;
}

int
test_connect_num_of_defined_domains(virConnectPtr conn)
{
    TestState *s = test_state_from_conn(conn);
    int n = 0;

    g_mutex_lock(&s->lock);
    for (guint i = 0; i < s->domains->list->len; i++)
        n += !test_domain_is_active(g_ptr_array_index(s->domains->list, i));
    g_mutex_unlock(&s->lock);
    return n;
}

int
test_connect_list_defined_domains(virConnectPtr conn, char **const names, int maxnames)
{
    TestState *s = test_state_from_conn(conn);
    int n = 0;

    if (maxnames > 0)
        memset(names, 0, sizeof(*names) * maxnames);
    g_mutex_lock(&s->lock);
    for (guint i = 0; i < s->domains->list->len && n < maxnames; i++) {
        TestDomain *dom = g_ptr_array_index(s->domains->list, i);

        if (!test_domain_is_active(dom))
            names[n++] = g_strdup(dom->def->name);
    }
    g_mutex_unlock(&s->lock);
    return n;
}

/* Whether @dom passes the VIR_CONNECT_LIST_DOMAINS_* filter @flags. Each
 * pair (or the state group) only filters when one of its bits is set. */
static bool
list_filter(const TestDomain *dom, unsigned int flags)
{
    bool active = test_domain_is_active(dom);
    unsigned int states = flags & (VIR_CONNECT_LIST_DOMAINS_RUNNING |
                                   VIR_CONNECT_LIST_DOMAINS_PAUSED |
                                   VIR_CONNECT_LIST_DOMAINS_SHUTOFF |
                                   VIR_CONNECT_LIST_DOMAINS_OTHER);

#define PAIR(yes, no, cond) \
    if ((flags & ((yes) | (no))) && \
        !(((flags & (yes)) && (cond)) || ((flags & (no)) && !(cond)))) \
        return false
    PAIR(VIR_CONNECT_LIST_DOMAINS_ACTIVE, VIR_CONNECT_LIST_DOMAINS_INACTIVE, active);
    PAIR(VIR_CONNECT_LIST_DOMAINS_PERSISTENT, VIR_CONNECT_LIST_DOMAINS_TRANSIENT,
         dom->persistent);
    PAIR(VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE, VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE,
         dom->managed_save);
    PAIR(VIR_CONNECT_LIST_DOMAINS_AUTOSTART, VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART,
         dom->autostart);
    PAIR(VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT, VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT,
         dom->snapshots.list->len > 0);
    PAIR(VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT, VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT,
         dom->checkpoints.list->len > 0);
#undef PAIR
    if (states) {
        bool match = false;

        match |= (states & VIR_CONNECT_LIST_DOMAINS_RUNNING) &&
                 dom->state == VIR_DOMAIN_RUNNING;
        match |= (states & VIR_CONNECT_LIST_DOMAINS_PAUSED) &&
                 dom->state == VIR_DOMAIN_PAUSED;
        match |= (states & VIR_CONNECT_LIST_DOMAINS_SHUTOFF) &&
                 dom->state == VIR_DOMAIN_SHUTOFF;
        match |= (states & VIR_CONNECT_LIST_DOMAINS_OTHER) &&
                 dom->state != VIR_DOMAIN_RUNNING && dom->state != VIR_DOMAIN_PAUSED &&
                 dom->state != VIR_DOMAIN_SHUTOFF;
        if (!match)
            return false;
    }
    return true;
}

#define TEST_LIST_DOMAINS_FILTERS \
    (VIR_CONNECT_LIST_DOMAINS_ACTIVE | VIR_CONNECT_LIST_DOMAINS_INACTIVE | \
     VIR_CONNECT_LIST_DOMAINS_PERSISTENT | VIR_CONNECT_LIST_DOMAINS_TRANSIENT | \
     VIR_CONNECT_LIST_DOMAINS_RUNNING | VIR_CONNECT_LIST_DOMAINS_PAUSED | \
     VIR_CONNECT_LIST_DOMAINS_SHUTOFF | VIR_CONNECT_LIST_DOMAINS_OTHER | \
     VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE | VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE | \
     VIR_CONNECT_LIST_DOMAINS_AUTOSTART | VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART | \
     VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT | VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT | \
     VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT | VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT)

/**
 * test_domains_select() - the handles of the domains passing @flags
 *
 * Return: the array of new handles (caller unrefs), never NULL.
 */
GPtrArray *
test_domains_select(TestState *s, virConnectPtr conn, unsigned int flags)
{
    GPtrArray *out = g_ptr_array_new();

    for (guint i = 0; i < s->domains->list->len; i++) {
        TestDomain *dom = g_ptr_array_index(s->domains->list, i);

        if (list_filter(dom, flags))
            g_ptr_array_add(out, test_domain_handle(conn, dom));
    }
    return out;
}

int
test_connect_list_all_domains(virConnectPtr conn, virDomainPtr **domains, unsigned int flags)
{
    TestState *s = test_state_from_conn(conn);
    GPtrArray *sel;
    int n;

    TEST_CHECK_FLAGS(flags, TEST_LIST_DOMAINS_FILTERS, -1, "testConnectListAllDomains");
    g_mutex_lock(&s->lock);
    sel = test_domains_select(s, conn, flags);
    g_mutex_unlock(&s->lock);
    n = sel->len;
    if (domains) {
        g_ptr_array_add(sel, NULL);
        *domains = (virDomainPtr *) g_ptr_array_free(sel, FALSE);
    } else {
        g_ptr_array_set_free_func(sel, test_unref_notify);
        g_ptr_array_unref(sel);
    }
    return n;
}

int
test_domain_is_active_op(virDomainPtr domain)
{
    TestState *s = test_state_from_conn(domain->conn);
    TestDomain *dom;
    int ret = -1;

    g_mutex_lock(&s->lock);
    if ((dom = test_domain_get(s, domain)))
        ret = test_domain_is_active(dom);
    g_mutex_unlock(&s->lock);
    return ret;
}

int
test_domain_is_persistent(virDomainPtr domain)
{
    TestState *s = test_state_from_conn(domain->conn);
    TestDomain *dom;
    int ret = -1;

    g_mutex_lock(&s->lock);
    if ((dom = test_domain_get(s, domain)))
        ret = dom->persistent;
    g_mutex_unlock(&s->lock);
    return ret;
}

int
test_domain_is_updated(virDomainPtr domain)
{
    (void) domain;
    return 0;
}

/* ---- CPU sets --------------------------------------------------------- */

/**
 * test_cpuset_to_map() - cpuset text to a cpumap (see test-domain.h)
 */
int
test_cpuset_to_map(const char *set, unsigned char *map, int maplen)
{
    g_auto(GStrv) parts = g_strsplit(set, ",", -1);

    memset(map, 0, maplen);
    for (size_t i = 0; parts[i]; i++) {
        char *p = g_strstrip(parts[i]);
        bool neg = *p == '^';
        g_auto(GStrv) range = NULL;
        unsigned int lo;
        unsigned int hi;

        if (neg)
            p++;
        range = g_strsplit(p, "-", 2);
        if (!range[0] || parse_uint(range[0], 10, &lo) < 0 ||
            (range[1] && (neg || parse_uint(range[1], 10, &hi) < 0)))
            goto bad;
        if (!range[1])
            hi = lo;
        if (hi < lo)
            goto bad;
        for (unsigned int c = lo; c <= hi && c < (unsigned int) maplen * 8; c++) {
            if (neg)
                map[c / 8] &= ~(1u << (c % 8));
            else
                map[c / 8] |= 1u << (c % 8);
        }
    }
    return 0;

 bad:
    err_report_full(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG, __FILE__, __func__, __LINE__,
                    "Failed to parse bitmap '%s'", set);
    return -1;
}

/**
 * test_cpuset_from_map() - cpumap to cpuset text (see test-domain.h)
 */
char *
test_cpuset_from_map(const unsigned char *map, int maplen)
{
    GString *out = g_string_new(NULL);
    int nbits = maplen * 8;

    for (int c = 0; c < nbits; c++) {
        int end = c;

        if (!(map[c / 8] & (1u << (c % 8))))
            continue;
        while (end + 1 < nbits && (map[(end + 1) / 8] & (1u << ((end + 1) % 8))))
            end++;
        if (out->len)
            g_string_append_c(out, ',');
        if (end > c)
            g_string_append_printf(out, "%d-%d", c, end);
        else
            g_string_append_printf(out, "%d", c);
        c = end;
    }
    if (out->len == 0) {
        g_string_free(out, TRUE);
        return NULL;
    }
    return g_string_free(out, FALSE);
}

/**
 * test_cpumap_fill() - set the bits of the first @ncpus CPUs
 */
void
test_cpumap_fill(unsigned char *map, int maplen, int ncpus)
{
    memset(map, 0, maplen);
    for (int c = 0; c < ncpus && c < maplen * 8; c++)
        map[c / 8] |= 1u << (c % 8);
}

/**
 * test_domain_begin() - lock and look up (see test-domain.h)
 */
TestDomain *
test_domain_begin(TestState *s, virDomainPtr handle)
{
    TestDomain *dom;

    g_mutex_lock(&s->lock);
    dom = test_domain_get(s, handle);
    if (!dom)
        g_mutex_unlock(&s->lock);
    return dom;
}
