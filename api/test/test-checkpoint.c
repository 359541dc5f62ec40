/* api/test/test-checkpoint.c: domain checkpoints on the test driver:
 * metadata (the domain and one bitmap per disk) kept in a tree per domain,
 * created only on running domains without snapshots, as libvirt's test
 * driver does. */
#include "config.h"

#include <string.h>

#define ERR_DOMAIN VIR_FROM_TEST
#include "api/test/test-domain.h"
#include "api/test/test-ops.h"
#include "common/util/err.h"
#include "common/util/uuid.h"

#define CHK_LIST_FLAGS \
    (VIR_DOMAIN_CHECKPOINT_LIST_ROOTS | VIR_DOMAIN_CHECKPOINT_LIST_TOPOLOGICAL | \
     VIR_DOMAIN_CHECKPOINT_LIST_LEAVES | VIR_DOMAIN_CHECKPOINT_LIST_NO_LEAVES)

/* Lock, find the domain and the checkpoint. Return: the checkpoint (lock
 * held), or NULL (lock released, reported). */
static TestMoment *
chk_begin(TestState *s, virDomainCheckpointPtr checkpoint, TestDomain **ret_dom)
{
    return test_moment_begin(s, TEST_MOMENT_CHECKPOINT, checkpoint->domain, checkpoint->name,
                             ret_dom);
}

/* One bitmap per disk, named after the checkpoint, in the domain's disk
 * order; read-only disks take no part. */
static int
chk_align_disks(TestMoment *m, const DomainDef *def)
{
    TestMomentDisk *disks;

    if (def->devices.ndisks == 0) {
        err_report_full(VIR_FROM_DOMAIN_CHECKPOINT, VIR_ERR_CONFIG_UNSUPPORTED, __FILE__,
                        __func__, __LINE__, "%s",
                        "domain must have at least one disk to perform checkpoints");
        return -1;
    }
    disks = g_new0(TestMomentDisk, def->devices.ndisks);
    for (size_t i = 0; i < m->ndisks; i++) {
        bool known = false;

        for (size_t k = 0; k < def->devices.ndisks && !known; k++)
            known = g_strcmp0(m->disks[i].name, def->devices.disks[k]->dst) == 0;
        if (!known) {
            err_report_full(VIR_FROM_DOMAIN_CHECKPOINT, VIR_ERR_CONFIG_UNSUPPORTED, __FILE__,
                            __func__, __LINE__, "no disk named '%s'", m->disks[i].name);
            g_free(disks);
            return -1;
        }
    }
    for (size_t k = 0; k < def->devices.ndisks; k++) {
        const DomainDisk *d = def->devices.disks[k];
        const TestMomentDisk *given = NULL;
        int mode;

        for (size_t i = 0; i < m->ndisks && !given; i++) {
            if (g_str_equal(m->disks[i].name, d->dst))
                given = &m->disks[i];
        }
        mode = given ? given->mode : TEST_CHECKPOINT_DISK_DEFAULT;
        if (mode == TEST_CHECKPOINT_DISK_DEFAULT)
            mode = d->readonly ? TEST_CHECKPOINT_DISK_NO : TEST_CHECKPOINT_DISK_BITMAP;
        disks[k].name = g_strdup(d->dst);
        disks[k].mode = mode;
        if (mode == TEST_CHECKPOINT_DISK_BITMAP)
            disks[k].bitmap = g_strdup(given && given->bitmap ? given->bitmap : m->name);
    }
    for (size_t i = 0; i < m->ndisks; i++) {
        g_free(m->disks[i].name);
        g_free(m->disks[i].file);
        g_free(m->disks[i].bitmap);
    }
    g_free(m->disks);
    m->disks = disks;
    m->ndisks = def->devices.ndisks;
    return 0;
}

virDomainCheckpointPtr
test_domain_checkpoint_create_xml(virDomainPtr domain, const char *xmlDesc, unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    bool redefine = flags & VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE;
    g_autoptr(TestMoment) m = NULL;
    virDomainCheckpointPtr ret;
    TestMoment *added;
    TestMoment *old;
    TestDomain *dom;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE |
                     VIR_DOMAIN_CHECKPOINT_CREATE_QUIESCE, NULL,
                     "testDomainCheckpointCreateXML");
    if (!(dom = test_domain_begin(s, domain)))
        return NULL;
    if (dom->snapshots.list->len > 0) {
        err_report(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                   "cannot create checkpoint while snapshot exists");
        goto error;
    }
    if (!test_domain_is_active(dom)) {
        err_report(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                   "cannot create checkpoint for inactive domain");
        goto error;
    }
    if (!(m = test_moment_parse(TEST_MOMENT_CHECKPOINT, xmlDesc, redefine)))
        goto error;
    old = m->name ? test_moments_find(&dom->checkpoints, m->name) : NULL;
    if (redefine) {
        if (m->dom && memcmp(m->dom->uuid, dom->def->uuid, VIR_UUID_BUFLEN) != 0) {
            char uuid[VIR_UUID_STRING_BUFLEN];

            uuid_format(dom->def->uuid, uuid);
            err_report_full(VIR_FROM_DOMAIN_CHECKPOINT, VIR_ERR_INVALID_ARG, __FILE__,
                            __func__, __LINE__, "definition for checkpoint %s must use uuid %s",
                            m->name, uuid);
            goto error;
        }
        if (m->parent && !test_moments_find(&dom->checkpoints, m->parent)) {
            err_report_full(VIR_FROM_DOMAIN_CHECKPOINT, VIR_ERR_INVALID_ARG, __FILE__,
                            __func__, __LINE__, "parent %s for checkpoint %s not found",
                            m->parent, m->name);
            goto error;
        }
        added = g_steal_pointer(&m);
        if (old) {
            guint idx = 0;

            g_ptr_array_find(dom->checkpoints.list, old, &idx);
            if (dom->checkpoints.current == old)
                dom->checkpoints.current = added;
            dom->checkpoints.list->pdata[idx] = added;
            test_moment_free(old);
        } else {
            g_ptr_array_add(dom->checkpoints.list, added);
        }
    } else {
        m->creation_time = g_get_real_time() / G_USEC_PER_SEC;
        if (!m->name)
            m->name = g_strdup_printf("%llu", m->creation_time);
        if (test_moments_find(&dom->checkpoints, m->name)) {
            err_report_full(VIR_FROM_DOMAIN, VIR_ERR_OPERATION_FAILED, __FILE__, __func__,
                            __LINE__, "domain moment %s already exists", m->name);
            goto error;
        }
        m->dom = domain_def_copy(dom->def);
        m->dom->has_id = false;
        m->dom->id = -1;
        if (chk_align_disks(m, dom->def) < 0)
            goto error;
        if (dom->checkpoints.current)
            m->parent = g_strdup(dom->checkpoints.current->name);
        added = g_steal_pointer(&m);
        g_ptr_array_add(dom->checkpoints.list, added);
        dom->checkpoints.current = added;
    }
    ret = api_domain_checkpoint_new(domain, added->name);
    g_mutex_unlock(&s->lock);
    return ret;

 error:
    g_mutex_unlock(&s->lock);
    return NULL;
}

char *
test_domain_checkpoint_get_xml_desc(virDomainCheckpointPtr checkpoint, unsigned int flags)
{
    TestState *s = test_state_from_conn(checkpoint->domain->conn);
    unsigned int fmt = 0;
    TestDomain *dom;
    TestMoment *m;
    char *xml;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_CHECKPOINT_XML_SECURE |
                     VIR_DOMAIN_CHECKPOINT_XML_NO_DOMAIN | VIR_DOMAIN_CHECKPOINT_XML_SIZE, NULL,
                     "testDomainCheckpointGetXMLDesc");
    if (!(m = chk_begin(s, checkpoint, &dom)))
        return NULL;
    /* sizes need a running domain (libvirt's test driver then prints none) */
    if ((flags & VIR_DOMAIN_CHECKPOINT_XML_SIZE) && test_domain_check_active(dom) < 0) {
        g_mutex_unlock(&s->lock);
        return NULL;
    }
    if (flags & VIR_DOMAIN_CHECKPOINT_XML_SECURE)
        fmt |= TEST_MOMENT_FORMAT_SECURE;
    if (flags & VIR_DOMAIN_CHECKPOINT_XML_NO_DOMAIN)
        fmt |= TEST_MOMENT_FORMAT_NO_DOMAIN;
    xml = test_moment_format(m, dom->def->uuid, fmt);
    g_mutex_unlock(&s->lock);
    return xml;
}

static int
chk_list(TestState *s, TestDomain *dom, const TestMoment *from, unsigned int flags,
         virDomainCheckpointPtr **out, virDomainPtr domain)
{
    g_autoptr(GPtrArray) all = g_ptr_array_new();
    g_autoptr(GPtrArray) sel = g_ptr_array_new();
    unsigned int leaves = flags & (VIR_DOMAIN_CHECKPOINT_LIST_LEAVES |
                                   VIR_DOMAIN_CHECKPOINT_LIST_NO_LEAVES);
    bool tree_bit = flags & VIR_DOMAIN_CHECKPOINT_LIST_ROOTS;
    int n;

    /* ROOTS (domain) and DESCENDANTS (checkpoint) share a bit */
    test_moments_collect(&dom->checkpoints, from, from ? tree_bit : !tree_bit, all);
    for (guint i = 0; i < all->len; i++) {
        TestMoment *m = g_ptr_array_index(all, i);

        if (leaves && leaves != (VIR_DOMAIN_CHECKPOINT_LIST_LEAVES |
                                 VIR_DOMAIN_CHECKPOINT_LIST_NO_LEAVES) &&
            test_moments_is_leaf(&dom->checkpoints, m) != !!(leaves & VIR_DOMAIN_CHECKPOINT_LIST_LEAVES))
            continue;
        g_ptr_array_add(sel, m);
    }
    n = sel->len;
    if (out) {
        *out = g_new0(virDomainCheckpointPtr, sel->len + 1);
        for (guint i = 0; i < sel->len; i++)
            (*out)[i] = api_domain_checkpoint_new(domain,
                                                  ((TestMoment *) g_ptr_array_index(sel, i))->name);
    }
    g_mutex_unlock(&s->lock);
    return n;
}

int
test_domain_list_all_checkpoints(virDomainPtr domain, virDomainCheckpointPtr **checkpoints,
                                 unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    TestDomain *dom;

    TEST_CHECK_FLAGS(flags, CHK_LIST_FLAGS, -1, "testDomainListAllCheckpoints");
    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    return chk_list(s, dom, NULL, flags, checkpoints, domain);
}

int
test_domain_checkpoint_list_all_children(virDomainCheckpointPtr checkpoint,
                                         virDomainCheckpointPtr **children, unsigned int flags)
{
    TestState *s = test_state_from_conn(checkpoint->domain->conn);
    TestDomain *dom;
    TestMoment *m;

    TEST_CHECK_FLAGS(flags, CHK_LIST_FLAGS, -1, "testDomainCheckpointListAllChildren");
    if (!(m = chk_begin(s, checkpoint, &dom)))
        return -1;
    return chk_list(s, dom, m, flags, children, checkpoint->domain);
}

virDomainCheckpointPtr
test_domain_checkpoint_lookup_by_name(virDomainPtr domain, const char *name,
                                      unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    virDomainCheckpointPtr ret = NULL;
    TestDomain *dom;
    TestMoment *m;

    TEST_CHECK_FLAGS(flags, 0, NULL, "testDomainCheckpointLookupByName");
    if (!(dom = test_domain_begin(s, domain)))
        return NULL;
    if ((m = test_moment_get(dom, TEST_MOMENT_CHECKPOINT, name)))
        ret = api_domain_checkpoint_new(domain, m->name);
    g_mutex_unlock(&s->lock);
    return ret;
}

virDomainCheckpointPtr
test_domain_checkpoint_get_parent(virDomainCheckpointPtr checkpoint, unsigned int flags)
{
    TestState *s = test_state_from_conn(checkpoint->domain->conn);
    virDomainCheckpointPtr ret = NULL;
    TestDomain *dom;
    TestMoment *m;

    TEST_CHECK_FLAGS(flags, 0, NULL, "testDomainCheckpointGetParent");
    if (!(m = chk_begin(s, checkpoint, &dom)))
        return NULL;
    if (m->parent)
        ret = api_domain_checkpoint_new(checkpoint->domain, m->parent);
    else
        err_report(VIR_ERR_NO_DOMAIN_CHECKPOINT, "checkpoint '%s' does not have a parent",
                   m->name);
    g_mutex_unlock(&s->lock);
    return ret;
}

int
test_domain_checkpoint_delete(virDomainCheckpointPtr checkpoint, unsigned int flags)
{
    TestState *s = test_state_from_conn(checkpoint->domain->conn);
    TestDomain *dom;
    TestMoment *m;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN |
                     VIR_DOMAIN_CHECKPOINT_DELETE_METADATA_ONLY |
                     VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN_ONLY, -1,
                     "testDomainCheckpointDelete");
    if (!(m = chk_begin(s, checkpoint, &dom)))
        return -1;
    test_moments_delete(&dom->checkpoints, m, flags & VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN,
                        flags & VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN_ONLY);
    g_mutex_unlock(&s->lock);
    return 0;
}
