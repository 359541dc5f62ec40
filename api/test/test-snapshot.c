/* api/test/test-snapshot.c: domain snapshots on the test driver. A
 * snapshot is metadata only: the domain definition and state at the time,
 * kept in a tree per domain (test-moment.c). Reverting replays the
 * lifecycle transitions (and events) libvirt 9.0's test driver performs. */
#include "config.h"

#include <string.h>

#define ERR_DOMAIN VIR_FROM_TEST
#include "api/test/test-domain.h"
#include "api/test/test-ops.h"
#include "common/util/err.h"
#include "common/util/uuid.h"

/* Snapshot states: virDomainState values plus "disk-snapshot" (libvirt
 * keeps this enum private). */
enum {
    SNAP_RUNNING = VIR_DOMAIN_RUNNING,
    SNAP_PAUSED = VIR_DOMAIN_PAUSED,
    SNAP_SHUTOFF = VIR_DOMAIN_SHUTOFF,
    SNAP_DISK_SNAPSHOT = VIR_DOMAIN_PMSUSPENDED + 1,
};

/* VIR_DOMAIN_SNAPSHOT_LOCATION_* values (not all are public enums). */
enum {
    LOC_DEFAULT, LOC_NO, LOC_INTERNAL, LOC_EXTERNAL, LOC_MANUAL,
};

#define SNAP_LIST_FILTERS \
    (VIR_DOMAIN_SNAPSHOT_LIST_METADATA | VIR_DOMAIN_SNAPSHOT_LIST_NO_METADATA | \
     VIR_DOMAIN_SNAPSHOT_LIST_LEAVES | VIR_DOMAIN_SNAPSHOT_LIST_NO_LEAVES | \
     VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE | VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE | \
     VIR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY | VIR_DOMAIN_SNAPSHOT_LIST_INTERNAL | \
     VIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL)
#define SNAP_LIST_FLAGS \
    (VIR_DOMAIN_SNAPSHOT_LIST_ROOTS | VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL | SNAP_LIST_FILTERS)

/* ---- helpers ---------------------------------------------------------- */

/* Lock, find the domain of @snapshot and the snapshot itself.
 * Return: the snapshot (lock held), or NULL (lock released, reported). */
static TestMoment *
snap_begin(TestState *s, virDomainSnapshotPtr snapshot, TestDomain **ret_dom)
{
    return test_moment_begin(s, TEST_MOMENT_SNAPSHOT, snapshot->domain, snapshot->name,
                             ret_dom);
}

static bool
snap_is_external(const TestMoment *m)
{
    if (m->memory == LOC_EXTERNAL)
        return true;
    for (size_t i = 0; i < m->ndisks; i++) {
        if (m->disks[i].mode == LOC_EXTERNAL)
            return true;
    }
    return false;
}

/* Whether @m passes the VIR_DOMAIN_SNAPSHOT_LIST_* filters of @flags. */
static bool
snap_filter(const TestMoments *ms, const TestMoment *m, unsigned int flags)
{
    unsigned int states = flags & (VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE |
                                   VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE |
                                   VIR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY);
    unsigned int locs = flags & (VIR_DOMAIN_SNAPSHOT_LIST_INTERNAL |
                                 VIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL);
    unsigned int leaves = flags & (VIR_DOMAIN_SNAPSHOT_LIST_LEAVES |
                                   VIR_DOMAIN_SNAPSHOT_LIST_NO_LEAVES);

    /* every snapshot here has metadata */
    if ((flags & (VIR_DOMAIN_SNAPSHOT_LIST_METADATA | VIR_DOMAIN_SNAPSHOT_LIST_NO_METADATA)) ==
        VIR_DOMAIN_SNAPSHOT_LIST_NO_METADATA)
        return false;
    if (leaves && leaves != (VIR_DOMAIN_SNAPSHOT_LIST_LEAVES |
                             VIR_DOMAIN_SNAPSHOT_LIST_NO_LEAVES)) {
        if (test_moments_is_leaf(ms, m) != !!(leaves & VIR_DOMAIN_SNAPSHOT_LIST_LEAVES))
            return false;
    }
    if (states) {
        bool match = false;

        match |= (states & VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE) &&
                 m->state == SNAP_SHUTOFF;
        match |= (states & VIR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY) &&
                 m->state == SNAP_DISK_SNAPSHOT;
        match |= (states & VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE) &&
                 m->state != SNAP_SHUTOFF &&
                 m->state != SNAP_DISK_SNAPSHOT;
        if (!match)
            return false;
    }
    if (locs && locs != (VIR_DOMAIN_SNAPSHOT_LIST_INTERNAL |
                         VIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL)) {
        if (snap_is_external(m) != !!(locs & VIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL))
            return false;
    }
    return true;
}

/* The snapshots below @from (NULL: the domain) passing @flags; the ROOTS
 * and DESCENDANTS flags share a bit and mean "roots only" for a domain,
 * "all levels" for a snapshot. */
static GPtrArray *
snap_select(const TestMoments *ms, const TestMoment *from, unsigned int flags)
{
    g_autoptr(GPtrArray) all = g_ptr_array_new();
    GPtrArray *out = g_ptr_array_new();
    bool tree_bit = flags & VIR_DOMAIN_SNAPSHOT_LIST_ROOTS;

    if (from)
        test_moments_collect(ms, from, tree_bit, all);
    else
        test_moments_collect(ms, NULL, !tree_bit, all);
    for (guint i = 0; i < all->len; i++) {
        TestMoment *m = g_ptr_array_index(all, i);

        if (snap_filter(ms, m, flags))
            g_ptr_array_add(out, m);
    }
    return out;
}

/* ---- creation --------------------------------------------------------- */

static TestMomentDisk *
snap_disk_for(TestMoment *m, const DomainDisk *d)
{
    for (size_t i = 0; i < m->ndisks; i++) {
        if (g_strcmp0(m->disks[i].name, d->dst) == 0 ||
            (d->src.path && g_strcmp0(m->disks[i].name, d->src.path) == 0))
            return &m->disks[i];
    }
    return NULL;
}

static void
disks_free(TestMomentDisk *disks, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        g_free(disks[i].name);
        g_free(disks[i].file);
        g_free(disks[i].bitmap);
    }
    g_free(disks);
}

/* Give every disk of the domain a snapshot mode, in the domain's order
 * (libvirt's alignment rules for internal snapshots). */
static int
snap_align_disks(TestMoment *m, const DomainDef *def, int location, bool must_match)
{
    TestMomentDisk *disks = g_new0(TestMomentDisk, def->devices.ndisks);

    for (size_t i = 0; i < m->ndisks; i++) {
        bool known = false;

        for (size_t k = 0; k < def->devices.ndisks && !known; k++) {
            const DomainDisk *d = def->devices.disks[k];

            known = g_strcmp0(m->disks[i].name, d->dst) == 0 ||
                    (d->src.path && g_strcmp0(m->disks[i].name, d->src.path) == 0);
        }
        if (!known) {
            err_report_full(VIR_FROM_DOMAIN_SNAPSHOT, VIR_ERR_CONFIG_UNSUPPORTED, __FILE__,
                            __func__, __LINE__, "no disk named '%s'", m->disks[i].name);
            disks_free(disks, 0);
            return -1;
        }
    }
    for (size_t k = 0; k < def->devices.ndisks; k++) {
        const DomainDisk *d = def->devices.disks[k];
        TestMomentDisk *given = snap_disk_for(m, d);
        int mode = given ? given->mode : LOC_DEFAULT;

        if (mode == LOC_DEFAULT)
            mode = d->readonly ? LOC_NO : location;
        if (given && must_match && mode != location && !(mode == LOC_NO && d->readonly)) {
            err_report_full(VIR_FROM_DOMAIN_SNAPSHOT, VIR_ERR_CONFIG_UNSUPPORTED, __FILE__,
                            __func__, __LINE__, "disk '%s' must use snapshot mode '%s'",
                            d->dst, location == LOC_INTERNAL ? "internal" : "external");
            disks_free(disks, k);
            return -1;
        }
        disks[k].name = g_strdup(d->dst);
        disks[k].mode = mode;
        disks[k].file = given ? g_strdup(given->file) : NULL;
    }
    disks_free(m->disks, m->ndisks);
    m->disks = disks;
    m->ndisks = def->devices.ndisks;
    return 0;
}

static int
snap_new_prepare(TestDomain *dom, TestMoment *m)
{
    bool external = m->memory == LOC_EXTERNAL;

    m->dom = domain_def_copy(dom->def);
    m->dom->has_id = false;
    m->dom->id = -1;
    m->state = dom->state;
    if (!external)
        m->memory = m->state == SNAP_SHUTOFF ? LOC_NO : LOC_INTERNAL;
    return snap_align_disks(m, dom->def, external ? LOC_EXTERNAL : LOC_INTERNAL, !external);
}

/* Redefinition: keep the given metadata, replacing a snapshot of the same
 * name. Return: the snapshot now in the list, or NULL (reported). */
static TestMoment *
snap_redefine(TestDomain *dom, TestMoment *m)
{
    TestMoment *old;

    if (m->creation_time == 0) {
        err_report_full(VIR_FROM_DOMAIN_SNAPSHOT, VIR_ERR_INTERNAL_ERROR, __FILE__, __func__,
                        __LINE__, "%s", "missing creationTime from existing snapshot");
        return NULL;
    }
    if (!m->dom) {
        err_report_full(VIR_FROM_DOMAIN_SNAPSHOT, VIR_ERR_INTERNAL_ERROR, __FILE__, __func__,
                        __LINE__, "%s", "missing domain in snapshot");
        return NULL;
    }
    if (memcmp(m->dom->uuid, dom->def->uuid, VIR_UUID_BUFLEN) != 0) {
        char uuid[VIR_UUID_STRING_BUFLEN];

        uuid_format(dom->def->uuid, uuid);
        err_report_full(VIR_FROM_DOMAIN_SNAPSHOT, VIR_ERR_INVALID_ARG, __FILE__, __func__,
                        __LINE__, "definition for snapshot %s must use uuid %s", m->name, uuid);
        return NULL;
    }
    if (m->parent && !test_moments_find(&dom->snapshots, m->parent)) {
        err_report_full(VIR_FROM_DOMAIN_SNAPSHOT, VIR_ERR_INVALID_ARG, __FILE__, __func__,
                        __LINE__, "parent %s for snapshot %s not found", m->parent, m->name);
        return NULL;
    }
    old = test_moments_find(&dom->snapshots, m->name);
    if (old) {
        guint idx = 0;

        g_ptr_array_find(dom->snapshots.list, old, &idx);
        if (dom->snapshots.current == old)
            dom->snapshots.current = m;
        /* swap in place: the list owns the element, so free the old one */
        dom->snapshots.list->pdata[idx] = m;
        test_moment_free(old);
    } else {
        g_ptr_array_add(dom->snapshots.list, m);
    }
    return m;
}

virDomainSnapshotPtr
test_domain_snapshot_create_xml(virDomainPtr domain, const char *xmlDesc, unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    bool redefine = flags & VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE;
    g_autoptr(TestMoment) m = NULL;
    virDomainSnapshotPtr ret;
    TestMoment *added;
    TestDomain *dom;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE |
                     VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT | VIR_DOMAIN_SNAPSHOT_CREATE_HALT |
                     VIR_DOMAIN_SNAPSHOT_CREATE_QUIESCE | VIR_DOMAIN_SNAPSHOT_CREATE_ATOMIC |
                     VIR_DOMAIN_SNAPSHOT_CREATE_LIVE | VIR_DOMAIN_SNAPSHOT_CREATE_VALIDATE, NULL,
                     "testDomainSnapshotCreateXML");
    if (!(dom = test_domain_begin(s, domain)))
        return NULL;
    if (dom->checkpoints.list->len > 0) {
        err_report(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                   "cannot create snapshot while checkpoint exists");
        goto error;
    }
    if (!dom->persistent && (flags & VIR_DOMAIN_SNAPSHOT_CREATE_HALT)) {
        err_report(VIR_ERR_OPERATION_INVALID, "%s",
                   "cannot halt after transient domain snapshot");
        goto error;
    }
    if (!(m = test_moment_parse(TEST_MOMENT_SNAPSHOT, xmlDesc, redefine)))
        goto error;
    if (!redefine) {
        m->creation_time = g_get_real_time() / G_USEC_PER_SEC;
        if (!m->name)
            m->name = g_strdup_printf("%llu", m->creation_time);
        if (test_moments_find(&dom->snapshots, m->name)) {
            err_report_full(VIR_FROM_DOMAIN, VIR_ERR_OPERATION_FAILED, __FILE__, __func__,
                            __LINE__, "domain moment %s already exists", m->name);
            goto error;
        }
        if (snap_new_prepare(dom, m) < 0)
            goto error;
        if (dom->snapshots.current)
            m->parent = g_strdup(dom->snapshots.current->name);
        added = g_steal_pointer(&m);
        g_ptr_array_add(dom->snapshots.list, added);
        dom->snapshots.current = added;
        if ((flags & VIR_DOMAIN_SNAPSHOT_CREATE_HALT) && test_domain_is_active(dom)) {
            test_domain_stop(dom, domain, VIR_DOMAIN_SHUTOFF_FROM_SNAPSHOT);
            test_domain_event_lifecycle(s, dom, VIR_DOMAIN_EVENT_STOPPED,
                                        VIR_DOMAIN_EVENT_STOPPED_FROM_SNAPSHOT);
        }
    } else {
        if (!(added = snap_redefine(dom, m)))
            goto error;
        m = NULL;
        if (flags & VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT)
            dom->snapshots.current = added;
    }
    ret = api_domain_snapshot_new(domain, added->name);
    g_mutex_unlock(&s->lock);
    return ret;

 error:
    g_mutex_unlock(&s->lock);
    return NULL;
}

/* ---- queries ---------------------------------------------------------- */

char *
test_domain_snapshot_get_xml_desc(virDomainSnapshotPtr snapshot, unsigned int flags)
{
    TestState *s = test_state_from_conn(snapshot->domain->conn);
    TestDomain *dom;
    TestMoment *m;
    char *xml;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_SNAPSHOT_XML_SECURE, NULL,
                     "testDomainSnapshotGetXMLDesc");
    if (!(m = snap_begin(s, snapshot, &dom)))
        return NULL;
    xml = test_moment_format(m, dom->def->uuid,
                             (flags & VIR_DOMAIN_SNAPSHOT_XML_SECURE) ?
                             TEST_MOMENT_FORMAT_SECURE : 0);
    g_mutex_unlock(&s->lock);
    return xml;
}

/* Count or name the selection; the three list styles share it. */
static int
snap_list(TestState *s, TestDomain *dom, const TestMoment *from, unsigned int flags,
          char **names, int maxnames, virDomainSnapshotPtr **snaps, virDomainPtr domain)
{
    g_autoptr(GPtrArray) sel = snap_select(&dom->snapshots, from, flags);
    int n = sel->len;

    if (names) {
        n = MIN(n, maxnames);
        for (int i = 0; i < n; i++)
            names[i] = g_strdup(((TestMoment *) g_ptr_array_index(sel, i))->name);
    }
    if (snaps) {
        *snaps = g_new0(virDomainSnapshotPtr, sel->len + 1);
        for (guint i = 0; i < sel->len; i++)
            (*snaps)[i] = api_domain_snapshot_new(domain,
                                                  ((TestMoment *) g_ptr_array_index(sel, i))->name);
    }
    g_mutex_unlock(&s->lock);
    return n;
}

int
test_domain_snapshot_num(virDomainPtr domain, unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    TestDomain *dom;

    TEST_CHECK_FLAGS(flags, SNAP_LIST_FLAGS, -1, "testDomainSnapshotNum");
    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    return snap_list(s, dom, NULL, flags, NULL, 0, NULL, domain);
}

int
test_domain_snapshot_list_names(virDomainPtr domain, char **names, int nameslen,
                                unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    TestDomain *dom;

    TEST_CHECK_FLAGS(flags, SNAP_LIST_FLAGS, -1, "testDomainSnapshotListNames");
    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    return snap_list(s, dom, NULL, flags, names, nameslen, NULL, domain);
}

int
test_domain_list_all_snapshots(virDomainPtr domain, virDomainSnapshotPtr **snaps,
                               unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    TestDomain *dom;

    TEST_CHECK_FLAGS(flags, SNAP_LIST_FLAGS, -1, "testDomainListAllSnapshots");
    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    return snap_list(s, dom, NULL, flags, NULL, 0, snaps, domain);
}

int
test_domain_snapshot_num_children(virDomainSnapshotPtr snapshot, unsigned int flags)
{
    TestState *s = test_state_from_conn(snapshot->domain->conn);
    TestDomain *dom;
    TestMoment *m;

    TEST_CHECK_FLAGS(flags, SNAP_LIST_FLAGS, -1, "testDomainSnapshotNumChildren");
    if (!(m = snap_begin(s, snapshot, &dom)))
        return -1;
    return snap_list(s, dom, m, flags, NULL, 0, NULL, snapshot->domain);
}

int
test_domain_snapshot_list_children_names(virDomainSnapshotPtr snapshot, char **names,
                                         int nameslen, unsigned int flags)
{
    TestState *s = test_state_from_conn(snapshot->domain->conn);
    TestDomain *dom;
    TestMoment *m;

    TEST_CHECK_FLAGS(flags, SNAP_LIST_FLAGS, -1, "testDomainSnapshotListChildrenNames");
    if (!(m = snap_begin(s, snapshot, &dom)))
        return -1;
    return snap_list(s, dom, m, flags, names, nameslen, NULL, snapshot->domain);
}

int
test_domain_snapshot_list_all_children(virDomainSnapshotPtr snapshot,
                                       virDomainSnapshotPtr **snaps, unsigned int flags)
{
    TestState *s = test_state_from_conn(snapshot->domain->conn);
    TestDomain *dom;
    TestMoment *m;

    TEST_CHECK_FLAGS(flags, SNAP_LIST_FLAGS, -1, "testDomainSnapshotListAllChildren");
    if (!(m = snap_begin(s, snapshot, &dom)))
        return -1;
    return snap_list(s, dom, m, flags, NULL, 0, snaps, snapshot->domain);
}

virDomainSnapshotPtr
test_domain_snapshot_lookup_by_name(virDomainPtr domain, const char *name, unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    virDomainSnapshotPtr ret = NULL;
    TestDomain *dom;
    TestMoment *m;

    TEST_CHECK_FLAGS(flags, 0, NULL, "testDomainSnapshotLookupByName");
    if (!(dom = test_domain_begin(s, domain)))
        return NULL;
    if ((m = test_moment_get(dom, TEST_MOMENT_SNAPSHOT, name)))
        ret = api_domain_snapshot_new(domain, m->name);
    g_mutex_unlock(&s->lock);
    return ret;
}

int
test_domain_has_current_snapshot(virDomainPtr domain, unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    TestDomain *dom;
    int ret;

    TEST_CHECK_FLAGS(flags, 0, -1, "testDomainHasCurrentSnapshot");
    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    ret = dom->snapshots.current != NULL;
    g_mutex_unlock(&s->lock);
    return ret;
}

virDomainSnapshotPtr
test_domain_snapshot_get_parent(virDomainSnapshotPtr snapshot, unsigned int flags)
{
    TestState *s = test_state_from_conn(snapshot->domain->conn);
    virDomainSnapshotPtr ret = NULL;
    TestDomain *dom;
    TestMoment *m;

    TEST_CHECK_FLAGS(flags, 0, NULL, "testDomainSnapshotGetParent");
    if (!(m = snap_begin(s, snapshot, &dom)))
        return NULL;
    if (m->parent)
        ret = api_domain_snapshot_new(snapshot->domain, m->parent);
    else
        err_report(VIR_ERR_NO_DOMAIN_SNAPSHOT, "snapshot '%s' does not have a parent", m->name);
    g_mutex_unlock(&s->lock);
    return ret;
}

virDomainSnapshotPtr
test_domain_snapshot_current(virDomainPtr domain, unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    virDomainSnapshotPtr ret = NULL;
    TestDomain *dom;

    TEST_CHECK_FLAGS(flags, 0, NULL, "testDomainSnapshotCurrent");
    if (!(dom = test_domain_begin(s, domain)))
        return NULL;
    if (dom->snapshots.current)
        ret = api_domain_snapshot_new(domain, dom->snapshots.current->name);
    else
        err_report(VIR_ERR_NO_DOMAIN_SNAPSHOT, "%s",
                   "the domain does not have a current snapshot");
    g_mutex_unlock(&s->lock);
    return ret;
}

int
test_domain_snapshot_is_current(virDomainSnapshotPtr snapshot, unsigned int flags)
{
    TestState *s = test_state_from_conn(snapshot->domain->conn);
    TestDomain *dom;
    TestMoment *m;
    int ret;

    TEST_CHECK_FLAGS(flags, 0, -1, "testDomainSnapshotIsCurrent");
    if (!(m = snap_begin(s, snapshot, &dom)))
        return -1;
    ret = dom->snapshots.current == m;
    g_mutex_unlock(&s->lock);
    return ret;
}

int
test_domain_snapshot_has_metadata(virDomainSnapshotPtr snapshot, unsigned int flags)
{
    TestState *s = test_state_from_conn(snapshot->domain->conn);
    TestDomain *dom;

    TEST_CHECK_FLAGS(flags, 0, -1, "testDomainSnapshotHasMetadata");
    if (!snap_begin(s, snapshot, &dom))
        return -1;
    g_mutex_unlock(&s->lock);
    return 1;
}

/* ---- delete ----------------------------------------------------------- */

/* Remove @m from @ms (freed); the caller fixed the links first. */
static void
moment_drop(TestMoments *ms, TestMoment *m)
{
    if (ms->current == m)
        ms->current = NULL;
    g_ptr_array_remove(ms->list, m);
}

/**
 * test_moments_delete() - delete a snapshot or checkpoint (shared rules)
 * @children: delete the descendants too
 * @children_only: delete only the descendants
 *
 * Children of a deleted moment move to its parent; a deleted current
 * moment passes "current" to its parent (or to @m when only its
 * descendants go and one of them was current).
 */
void
test_moments_delete(TestMoments *ms, TestMoment *m, bool children, bool children_only)
{
    if (children || children_only) {
        g_autoptr(GPtrArray) desc = g_ptr_array_new();
        bool had_current = false;

        test_moments_collect(ms, m, true, desc);
        for (guint i = 0; i < desc->len; i++) {
            TestMoment *d = g_ptr_array_index(desc, i);

            had_current |= ms->current == d;
            moment_drop(ms, d);
        }
        if (had_current)
            ms->current = m;
    } else {
        for (guint i = 0; i < ms->list->len; i++) {
            TestMoment *c = g_ptr_array_index(ms->list, i);

            if (c->parent && g_str_equal(c->parent, m->name)) {
                g_free(c->parent);
                c->parent = g_strdup(m->parent);
            }
        }
    }
    if (children_only)
        return;
    if (ms->current == m)
        ms->current = m->parent ? test_moments_find(ms, m->parent) : NULL;
    moment_drop(ms, m);
}

int
test_domain_snapshot_delete(virDomainSnapshotPtr snapshot, unsigned int flags)
{
    TestState *s = test_state_from_conn(snapshot->domain->conn);
    TestDomain *dom;
    TestMoment *m;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN |
                     VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY, -1, "testDomainSnapshotDelete");
    if (!(m = snap_begin(s, snapshot, &dom)))
        return -1;
    test_moments_delete(&dom->snapshots, m, flags & VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN,
                        flags & VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY);
    g_mutex_unlock(&s->lock);
    return 0;
}

/* ---- revert ----------------------------------------------------------- */

/* The definition in @m becomes the domain's (running or not). */
static void
revert_load(TestDomain *dom, const TestMoment *m)
{
    DomainDef *config = domain_def_copy(m->dom);

    config->has_id = false;
    config->id = -1;
    domain_def_free(dom->def);
    dom->def = config;
    g_clear_pointer(&dom->newdef, domain_def_free);
}

int
test_domain_revert_to_snapshot(virDomainSnapshotPtr snapshot, unsigned int flags)
{
    TestState *s = test_state_from_conn(snapshot->domain->conn);
    unsigned int run_flags = VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING |
                             VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED;
    bool snap_runs;
    TestDomain *dom;
    TestMoment *m;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING |
                     VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED | VIR_DOMAIN_SNAPSHOT_REVERT_FORCE, -1,
                     "testDomainRevertToSnapshot");
    if (!(m = snap_begin(s, snapshot, &dom)))
        return -1;
    snap_runs = m->state == SNAP_RUNNING ||
                m->state == SNAP_PAUSED;
    if (!dom->persistent && !snap_runs && !(flags & run_flags)) {
        err_report(VIR_ERR_OPERATION_INVALID, "%s",
                   "transient domain needs to request run or pause to revert to inactive "
                   "snapshot");
        goto error;
    }
    if (!(flags & VIR_DOMAIN_SNAPSHOT_REVERT_FORCE)) {
        if (!m->dom) {
            err_report(VIR_ERR_SNAPSHOT_REVERT_RISKY, "snapshot '%s' lacks domain '%s' "
                       "rollback info", m->name, dom->def->name);
            goto error;
        }
    }
    if (!m->dom) {
        err_report(VIR_ERR_OPERATION_INVALID, "snapshot '%s' lacks domain '%s' rollback info",
                   m->name, dom->def->name);
        goto error;
    }
    dom->snapshots.current = NULL;

    if (snap_runs) {
        /* a running guest is restarted from the snapshot */
        if (test_domain_is_active(dom)) {
            test_domain_stop(dom, snapshot->domain, VIR_DOMAIN_SHUTOFF_FROM_SNAPSHOT);
            test_domain_event_lifecycle(s, dom, VIR_DOMAIN_EVENT_STOPPED,
                                        VIR_DOMAIN_EVENT_STOPPED_FROM_SNAPSHOT);
        }
        revert_load(dom, m);
        test_domain_start(s, dom, VIR_DOMAIN_RUNNING_FROM_SNAPSHOT);
        test_domain_event_lifecycle(s, dom, VIR_DOMAIN_EVENT_STARTED,
                                    VIR_DOMAIN_EVENT_STARTED_FROM_SNAPSHOT);
        if (!(flags & VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING) &&
            (m->state == SNAP_PAUSED ||
             (flags & VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED))) {
            dom->state = VIR_DOMAIN_PAUSED;
            dom->reason = VIR_DOMAIN_PAUSED_FROM_SNAPSHOT;
            test_domain_event_lifecycle(s, dom, VIR_DOMAIN_EVENT_SUSPENDED,
                                        VIR_DOMAIN_EVENT_SUSPENDED_FROM_SNAPSHOT);
        }
    } else {
        bool was_active = test_domain_is_active(dom);

        revert_load(dom, m);
        if (was_active) {
            dom->def->has_id = false;
            test_domain_stop(dom, snapshot->domain, VIR_DOMAIN_SHUTOFF_FROM_SNAPSHOT);
            test_domain_event_lifecycle(s, dom, VIR_DOMAIN_EVENT_STOPPED,
                                        VIR_DOMAIN_EVENT_STOPPED_FROM_SNAPSHOT);
        } else {
            dom->reason = VIR_DOMAIN_SHUTOFF_FROM_SNAPSHOT;
        }
        /* libvirt 9.0's test driver announces a start here without
         * starting the domain; we replay the same events */
        if (flags & run_flags) {
            test_domain_event_lifecycle(s, dom, VIR_DOMAIN_EVENT_STARTED,
                                        VIR_DOMAIN_EVENT_STARTED_FROM_SNAPSHOT);
            if (flags & VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED)
                test_domain_event_lifecycle(s, dom, VIR_DOMAIN_EVENT_SUSPENDED,
                                            VIR_DOMAIN_EVENT_SUSPENDED_FROM_SNAPSHOT);
        }
    }
    dom->snapshots.current = m;
    g_mutex_unlock(&s->lock);
    return 0;

 error:
    g_mutex_unlock(&s->lock);
    return -1;
}
