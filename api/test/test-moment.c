/* api/test/test-moment.c: the minimal <domainsnapshot> and
 * <domaincheckpoint> models the test driver keeps (name, description,
 * parent, creation time, state, memory and per-disk modes, and the domain
 * as it was), on the declarative XML engine, plus the tree helpers and
 * lookups shared by snapshots and checkpoints. */
#include "config.h"

#include <string.h>

#define ERR_DOMAIN VIR_FROM_DOMAIN_SNAPSHOT
#include "api/test/test-domain.h"
#include "common/conf/xmlmap.h"
#include "common/util/enumstr.h"
#include "common/util/err.h"

/* virDomainSnapshotState: virDomainState plus disk-snapshot */
ENUM_STRINGS_STATIC(test_snap_state, 9,
                    "nostate", "running", "blocked", "paused", "shutdown",
                    "shutoff", "crashed", "pmsuspended", "disk-snapshot");

/* virDomainSnapshotLocation has no public _LAST; the values are fixed. */
#define TEST_SNAP_LOCATION_NO 1
#define TEST_SNAP_LOCATION_INTERNAL 2
#define TEST_SNAP_LOCATION_LAST 5
ENUM_STRINGS_STATIC(test_snap_location, TEST_SNAP_LOCATION_LAST,
                    "default", "no", "internal", "external", "manual");

ENUM_STRINGS_STATIC(test_chk_mode, 3, "default", "no", "bitmap");

/* ---- schemas ---------------------------------------------------------- */

static const XmlField test_moment_parent_fields[] = {
    XML_TEXT(TestMoment, parent, "name", string, 0),
    XML_END
};
static XML_SCHEMA(test_moment_parent, TestMoment, "parent", test_moment_parent_fields);

static const XmlField test_snap_memory_fields[] = {
    XML_ATTR_ENUM(TestMoment, memory, "snapshot", test_snap_location, XF_OMIT_DEFAULT),
    XML_ATTR(TestMoment, memory_file, "file", string, 0),
    XML_END
};
static XML_SCHEMA(test_snap_memory, TestMoment, "memory", test_snap_memory_fields);

static const XmlField test_snap_disk_source_fields[] = {
    XML_ATTR(TestMomentDisk, file, "file", string, 0),
    XML_END
};
static XML_SCHEMA(test_snap_disk_source, TestMomentDisk, "source",
                  test_snap_disk_source_fields);

static const XmlField test_snap_disk_fields[] = {
    XML_ATTR(TestMomentDisk, name, "name", string, XF_REQUIRED),
    XML_ATTR_ENUM(TestMomentDisk, mode, "snapshot", test_snap_location, XF_OMIT_DEFAULT),
    XML_GROUP(&test_snap_disk_source_schema, 0),
    XML_END
};
static XML_SCHEMA(test_snap_disk, TestMomentDisk, "disk", test_snap_disk_fields);

static const XmlField test_snap_disks_fields[] = {
    XML_CHILDREN(TestMoment, disks, ndisks, &test_snap_disk_schema, 0),
    XML_END
};
static XML_SCHEMA(test_snap_disks, TestMoment, "disks", test_snap_disks_fields);

static const XmlField test_chk_disk_fields[] = {
    XML_ATTR(TestMomentDisk, name, "name", string, XF_REQUIRED),
    XML_ATTR_ENUM(TestMomentDisk, mode, "checkpoint", test_chk_mode, XF_OMIT_DEFAULT),
    XML_ATTR(TestMomentDisk, bitmap, "bitmap", string, 0),
    XML_END
};
static XML_SCHEMA(test_chk_disk, TestMomentDisk, "disk", test_chk_disk_fields);

static const XmlField test_chk_disks_fields[] = {
    XML_CHILDREN(TestMoment, disks, ndisks, &test_chk_disk_schema, 0),
    XML_END
};
static XML_SCHEMA(test_chk_disks, TestMoment, "disks", test_chk_disks_fields);

/* <active> only appears in host files (the current snapshot); we never
 * write it, hence XF_OMIT_DEFAULT on a value kept at 0 after parsing. */
static const XmlField test_snap_fields[] = {
    XML_TEXT(TestMoment, name, "name", string, 0),
    XML_TEXT(TestMoment, description, "description", string, 0),
    XML_TEXT_ENUM(TestMoment, state, "state", test_snap_state, 0),
    XML_GROUP(&test_moment_parent_schema, 0),
    XML_TEXT(TestMoment, creation_time, "creationTime", ullong, 0),
    XML_GROUP(&test_snap_memory_schema, 0),
    XML_GROUP(&test_snap_disks_schema, 0),
    XML_CHILD(TestMoment, dom, &domain_def_schema, 0),
    XML_TEXT(TestMoment, active, "active", uint, XF_OMIT_DEFAULT),
    XML_END
};
static XML_SCHEMA(test_snap, TestMoment, "domainsnapshot", test_snap_fields,
                  .domain = VIR_FROM_DOMAIN_SNAPSHOT,
                  .doc_label = "(domain_snapshot)");

static const XmlField test_chk_fields[] = {
    XML_TEXT(TestMoment, name, "name", string, 0),
    XML_TEXT(TestMoment, description, "description", string, 0),
    XML_GROUP(&test_moment_parent_schema, 0),
    XML_TEXT(TestMoment, creation_time, "creationTime", ullong, 0),
    XML_GROUP(&test_chk_disks_schema, 0),
    XML_CHILD(TestMoment, dom, &domain_def_schema, 0),
    XML_END
};
static XML_SCHEMA(test_chk, TestMoment, "domaincheckpoint", test_chk_fields,
                  .domain = VIR_FROM_DOMAIN_CHECKPOINT,
                  .doc_label = "(domain_checkpoint)");

static const XmlSchema *
moment_schema(TestMomentKind kind)
{
    return kind == TEST_MOMENT_SNAPSHOT ? &test_snap_schema : &test_chk_schema;
}

/* ---- objects ------------------------------------------------------------ */

/**
 * test_moment_free() - release a snapshot or checkpoint
 */
void
test_moment_free(TestMoment *m)
{
    if (!m)
        return;
    xmlmap_free(moment_schema(m->kind), m);
}

/**
 * test_moments_init() - an empty moment list
 */
void
test_moments_init(TestMoments *ms)
{
    ms->list = g_ptr_array_new_with_free_func((GDestroyNotify) test_moment_free);
    ms->current = NULL;
}

/**
 * test_moments_clear() - drop every moment of @ms
 */
void
test_moments_clear(TestMoments *ms)
{
    if (ms->list)
        g_ptr_array_unref(ms->list);
    ms->list = NULL;
    ms->current = NULL;
}

/**
 * test_moments_find() - the moment called @name, or NULL
 */
TestMoment *
test_moments_find(const TestMoments *ms, const char *name)
{
    for (guint i = 0; i < ms->list->len; i++) {
        TestMoment *m = g_ptr_array_index(ms->list, i);

        if (g_str_equal(m->name, name))
            return m;
    }
    return NULL;
}

/**
 * test_moments_is_leaf() - whether no moment of @ms is a child of @m
 */
bool
test_moments_is_leaf(const TestMoments *ms, const TestMoment *m)
{
    for (guint i = 0; i < ms->list->len; i++) {
        const TestMoment *o = g_ptr_array_index(ms->list, i);

        if (o->parent && g_str_equal(o->parent, m->name))
            return false;
    }
    return true;
}

/**
 * test_moment_get() - the snapshot or checkpoint @name of @dom
 * Return: the moment, or NULL (reported as libvirt's test driver does).
 */
TestMoment *
test_moment_get(TestDomain *dom, TestMomentKind kind, const char *name)
{
    bool snap = kind == TEST_MOMENT_SNAPSHOT;
    TestMoment *m = test_moments_find(snap ? &dom->snapshots : &dom->checkpoints, name);

    if (!m)
        err_report_full(VIR_FROM_TEST,
                        snap ? VIR_ERR_NO_DOMAIN_SNAPSHOT : VIR_ERR_NO_DOMAIN_CHECKPOINT,
                        __FILE__, __func__, __LINE__, "no domain %s with matching name '%s'",
                        snap ? "snapshot" : "checkpoint", name);
    return m;
}

/**
 * test_moment_begin() - lock @s, find @domain and its snapshot or checkpoint @name
 * Return: the moment (lock held, *@ret_dom set), or NULL (lock released, reported).
 */
TestMoment *
test_moment_begin(TestState *s, TestMomentKind kind, virDomainPtr domain, const char *name,
                  TestDomain **ret_dom)
{
    TestDomain *dom = test_domain_begin(s, domain);
    TestMoment *m;

    if (!dom)
        return NULL;
    if (!(m = test_moment_get(dom, kind, name))) {
        g_mutex_unlock(&s->lock);
        return NULL;
    }
    *ret_dom = dom;
    return m;
}

static bool
moment_is_root(const TestMoments *ms, const TestMoment *m)
{
    return !m->parent || !test_moments_find(ms, m->parent);
}

/* Depth-first, each moment before its descendants; the depth bound guards
 * against a cycle a redefinition could have introduced. */
static void
collect_below(const TestMoments *ms, const TestMoment *parent, bool descendants,
              guint depth, GPtrArray *out)
{
    if (depth > ms->list->len)
        return;
    /* libvirt keeps the newest child first */
    for (guint i = ms->list->len; i-- > 0;) {
        TestMoment *m = g_ptr_array_index(ms->list, i);

        if (parent ? !(m->parent && g_str_equal(m->parent, parent->name))
                   : !moment_is_root(ms, m))
            continue;
        g_ptr_array_add(out, m);
        if (descendants)
            collect_below(ms, m, true, depth + 1, out);
    }
}

/**
 * test_moments_collect() - append moments below @from to @out
 * @from: NULL for the whole list (roots only unless @descendants)
 * @descendants: all levels rather than direct children
 *
 * The order is libvirt's walk of its moment tree: depth first, each moment
 * before its descendants, the children of a moment newest first. It
 * satisfies the TOPOLOGICAL listing flag.
 */
void
test_moments_collect(const TestMoments *ms, const TestMoment *from, bool descendants,
                     GPtrArray *out)
{
    collect_below(ms, from, descendants, 0, out);
}

/* ---- parse / format ----------------------------------------------------- */

static TestMoment *
moment_finish_parse(TestMomentKind kind, TestMoment *m, bool redefine)
{
    m->kind = kind;
    if (!redefine) {
        /* libvirt ignores what only the driver may set */
        g_clear_pointer(&m->parent, g_free);
        m->creation_time = 0;
        m->state = 0;
        if (m->dom) {
            domain_def_free(m->dom);
            m->dom = NULL;
        }
    } else if (!m->name) {
        err_report(VIR_ERR_XML_ERROR, "%s", "a redefined snapshot must have a name");
        test_moment_free(m);
        return NULL;
    } else {
        /* a redefined snapshot without <memory> kept its memory unless
         * the domain was off (libvirt's defaults) */
        if (kind == TEST_MOMENT_SNAPSHOT && m->memory == 0)
            m->memory = m->state == VIR_DOMAIN_SHUTOFF || m->state == VIR_DOMAIN_PMSUSPENDED + 1
                        ? TEST_SNAP_LOCATION_NO : TEST_SNAP_LOCATION_INTERNAL;
        if (m->dom && test_domain_prepare_def(m->dom) < 0) {
            test_moment_free(m);
            return NULL;
        }
    }
    return m;
}

/**
 * test_moment_parse() - parse snapshot or checkpoint XML text
 * @redefine: keep the fields only a redefinition may carry
 *
 * Return: the moment (name may be NULL: the caller picks the default), or
 * NULL with an error reported.
 */
TestMoment *
test_moment_parse(TestMomentKind kind, const char *xml, bool redefine)
{
    void *obj = NULL;

    if (xmlmap_parse_string(moment_schema(kind), xml, &obj, XMLMAP_PARSE_INACTIVE) < 0)
        return NULL;
    return moment_finish_parse(kind, obj, redefine);
}

/**
 * test_moment_parse_node() - same, from an element of a host file
 */
TestMoment *
test_moment_parse_node(TestMomentKind kind, xmlNode *node, bool redefine)
{
    void *obj = NULL;

    if (xmlmap_parse_node(moment_schema(kind), node, &obj, XMLMAP_PARSE_INACTIVE) < 0)
        return NULL;
    return moment_finish_parse(kind, obj, redefine);
}

/**
 * test_moment_format() - the XML of a snapshot or checkpoint
 * @m: the moment
 * @domain_uuid: unused today (libvirt writes the UUID only for a moment
 *               without a domain, which the test driver never keeps)
 * @flags: TEST_MOMENT_FORMAT_*
 *
 * Return: the text (caller frees).
 */
char *
test_moment_format(const TestMoment *m, const unsigned char *domain_uuid,
                   unsigned int flags)
{
    TestMoment copy = *m;
    unsigned int xflags = XMLMAP_FORMAT_INACTIVE;

    (void) domain_uuid;
    if (flags & TEST_MOMENT_FORMAT_SECURE)
        xflags |= XMLMAP_FORMAT_SECURE;
    if (flags & TEST_MOMENT_FORMAT_NO_DOMAIN)
        copy.dom = NULL;
    copy.active = (flags & TEST_MOMENT_FORMAT_CURRENT) ? 1 : 0;
    return xmlmap_format(moment_schema(m->kind), &copy, xflags);
}
