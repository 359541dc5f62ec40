/*
 * moment.c: listing snapshots and checkpoints (see moment.h).
 *
 * Both kinds are fetched into one array of name, parent, creation time and (for
 * snapshots) state, then printed the same way: a table, names, JSON or a tree.
 */
#include <stdlib.h>
#include <string.h>

#include "common/util/parse.h"
#include "tools/virsh/moment.h"
#include "tools/virsh/table.h"

typedef struct {
    char *name;
    char *parent;
    char *created;      /* formatted creation time */
    long long ctime;
    char *state;        /* snapshots only */
} Moment;

static void
moment_clear(gpointer p)
{
    Moment *m = p;

    g_free(m->name);
    g_free(m->parent);
    g_free(m->created);
    g_free(m->state);
}

static int
moment_cmp(gconstpointer a, gconstpointer b)
{
    return strcmp(((const Moment *) a)->name, ((const Moment *) b)->name);
}

/**
 * vsh_moment_attr() - append " name='value'" (value escaped)
 */
void
vsh_moment_attr(GString *xml, const char *name, const char *val)
{
    g_autofree char *e = vsh_xml_escape(val);

    g_string_append_printf(xml, " %s='%s'", name, e);
}

/* append "  <name>value</name>\n" (value escaped) */
static void
moment_elem(GString *xml, const char *name, const char *val)
{
    g_autofree char *e = vsh_xml_escape(val);

    g_string_append_printf(xml, "  <%s>%s</%s>\n", name, e, name);
}

/**
 * vsh_moment_xml_file() - the XML of a *-create command
 * @ret_xml: gets the content of --xmlfile, or an empty description without it
 * @ret_file: gets --xmlfile, or NULL
 * Return: 0, or -1 on error (reported).
 */
int
vsh_moment_xml_file(VshCtl *ctl, const VshCmd *cmd, const VshMomentOps *ops,
                    char **ret_xml, const char **ret_file)
{
    const char *file = NULL;
    size_t len;

    if (vsh_opt_string(ctl, cmd, "xmlfile", &file) < 0)
        return -1;
    if (!file)
        *ret_xml = g_strdup_printf("<%s/>", ops->root);
    else if (vsh_read_file(ctl, file, VSH_MAX_XML_FILE, ret_xml, &len) < 0)
        return -1;
    *ret_file = file;
    return 0;
}

/**
 * vsh_moment_xml_start() - open the XML of a *-create-as command, with --name and
 * --description
 * Return: the XML so far, or NULL on error (reported).
 */
GString *
vsh_moment_xml_start(VshCtl *ctl, const VshCmd *cmd, const VshMomentOps *ops)
{
    const char *name = NULL, *desc = NULL;
    GString *xml;

    if (vsh_opt_string(ctl, cmd, "name", &name) < 0 ||
        vsh_opt_string(ctl, cmd, "description", &desc) < 0)
        return NULL;
    xml = g_string_new(NULL);
    g_string_append_printf(xml, "<%s>\n", ops->root);
    if (name)
        moment_elem(xml, "name", name);
    if (desc)
        moment_elem(xml, "description", desc);
    return xml;
}

/**
 * vsh_moment_xml_finish() - append a <disks> element with each --diskspec, then close
 * the XML
 * @diskspec: appends one disk
 * Return: false on error (reported).
 */
bool
vsh_moment_xml_finish(VshCtl *ctl, const VshCmd *cmd, const VshMomentOps *ops, GString *xml,
                      VshMomentDiskspec diskspec)
{
    const char *spec;
    size_t iter = 0;
    bool disks = false;

    while ((spec = vsh_opt_argv(cmd, "diskspec", &iter))) {
        if (!disks)
            g_string_append(xml, "  <disks>\n");
        disks = true;
        if (!diskspec(ctl, spec, xml))
            return false;
    }
    if (disks)
        g_string_append(xml, "  </disks>\n");
    g_string_append_printf(xml, "</%s>\n", ops->root);
    return true;
}

/**
 * vsh_moment_created() - "Domain snapshot <name> created[ from '<from>']"
 */
void
vsh_moment_created(VshCtl *ctl, const VshMomentOps *ops, const char *name, const char *from)
{
    if (from)
        vsh_print_extra(ctl, "Domain %s %s created from '%s'", ops->noun, name, from);
    else
        vsh_print_extra(ctl, "Domain %s %s created", ops->noun, name);
}

static const char *
m_name(const VshMomentOps *ops, void *m)
{
    return ops->kind == VSH_MOMENT_SNAPSHOT ? virDomainSnapshotGetName(m)
                                            : virDomainCheckpointGetName(m);
}

static void
m_free(const VshMomentOps *ops, void *m)
{
    if (ops->kind == VSH_MOMENT_SNAPSHOT)
        virDomainSnapshotFree(m);
    else
        virDomainCheckpointFree(m);
}

/* Fill @out from one snapshot or checkpoint. */
static void
m_describe(const VshMomentOps *ops, void *m, Moment *out)
{
    g_autofree char *xml = NULL;
    g_autofree char *ctime = NULL;
    long long t;

    out->name = g_strdup(m_name(ops, m));
    if (ops->kind == VSH_MOMENT_SNAPSHOT) {
        virDomainSnapshotPtr p = virDomainSnapshotGetParent(m, 0);

        if (p) {
            out->parent = g_strdup(virDomainSnapshotGetName(p));
            virDomainSnapshotFree(p);
        }
        xml = virDomainSnapshotGetXMLDesc(m, 0);
    } else {
        virDomainCheckpointPtr p = virDomainCheckpointGetParent(m, 0);

        if (p) {
            out->parent = g_strdup(virDomainCheckpointGetName(p));
            virDomainCheckpointFree(p);
        }
        xml = virDomainCheckpointGetXMLDesc(m, VIR_DOMAIN_CHECKPOINT_XML_NO_DOMAIN);
    }
    vsh_reset_libvirt_error();
    if (!xml)
        return;
    if (ops->kind == VSH_MOMENT_SNAPSHOT) {
        out->state = vsh_xml_get(xml, "string(/domainsnapshot/state)");
        ctime = vsh_xml_get(xml, "string(/domainsnapshot/creationTime)");
    } else {
        ctime = vsh_xml_get(xml, "string(/domaincheckpoint/creationTime)");
    }
    if (ctime && parse_ll(ctime, 10, &t) == 0) {
        g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local(t);

        out->ctime = t;
        out->created = dt ? g_date_time_format(dt, "%Y-%m-%d %H:%M:%S %z") : NULL;
    }
}

/* The moments to list, as library handles (NULL-terminated array). */
static int
m_fetch(VshCtl *ctl, const VshCmd *cmd, const VshMomentOps *ops, virDomainPtr dom,
        unsigned int flags, void ***ret, void **ret_from)
{
    bool snap = ops->kind == VSH_MOMENT_SNAPSHOT;
    const char *from = NULL;
    bool current = snap && vsh_opt_bool(cmd, "current");
    void *base = NULL;
    int n;

    *ret_from = NULL;
    if (vsh_opt_string(ctl, cmd, "from", &from) < 0)
        return -1;
    if (from && current) {
        vsh_error(ctl, "--%s and --current are mutually exclusive", "from");
        return -1;
    }
    if (vsh_opt_bool(cmd, "descendants") && !from && !current) {
        vsh_error(ctl, "--descendants requires either --from or --current");
        return -1;
    }
    if (from) {
        base = snap ? (void *) virDomainSnapshotLookupByName(dom, from, 0)
                    : (void *) virDomainCheckpointLookupByName(dom, from, 0);
        if (!base)
            return -1;
    } else if (current) {
        if (!(base = virDomainSnapshotCurrent(dom, 0)))
            return -1;
    }
    if (base) {
        if (vsh_opt_bool(cmd, "descendants"))
            flags |= snap ? VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS
                          : VIR_DOMAIN_CHECKPOINT_LIST_DESCENDANTS;
        n = snap ? virDomainSnapshotListAllChildren(base, (virDomainSnapshotPtr **) ret, flags)
                 : virDomainCheckpointListAllChildren(base, (virDomainCheckpointPtr **) ret,
                                                      flags);
        if (n < 0) {
            m_free(ops, base);
            return -1;
        }
        *ret_from = base;
        return n;
    }
    return snap ? virDomainListAllSnapshots(dom, (virDomainSnapshotPtr **) ret, flags)
                : virDomainListAllCheckpoints(dom, (virDomainCheckpointPtr **) ret, flags);
}

/**
 * vsh_moment_list() - the body of snapshot-list and checkpoint-list
 */
bool
vsh_moment_list(VshCtl *ctl, const VshCmd *cmd, const VshMomentOps *ops, virDomainPtr dom,
                unsigned int flags)
{
    bool snap = ops->kind == VSH_MOMENT_SNAPSHOT;
    bool tree = vsh_opt_bool(cmd, "tree");
    bool parent = vsh_opt_bool(cmd, "parent");
    bool names = vsh_opt_bool(cmd, "name");
    bool json = vsh_opt_bool(cmd, "json");
    bool topological = vsh_opt_bool(cmd, "topological");
    g_autoptr(GArray) list = g_array_new(FALSE, TRUE, sizeof(Moment));
    void **handles = NULL;
    void *from = NULL;
    int n;

    g_array_set_clear_func(list, moment_clear);
    if (!vsh_opt_exclusive(ctl, cmd, "parent", "roots") ||
        !vsh_opt_exclusive(ctl, cmd, "parent", "tree") ||
        !vsh_opt_exclusive(ctl, cmd, "roots", "tree") ||
        !vsh_opt_exclusive(ctl, cmd, "roots", "from") ||
        (snap && !vsh_opt_exclusive(ctl, cmd, "roots", "current")))
        return false;
    if ((n = m_fetch(ctl, cmd, ops, dom, flags, &handles, &from)) < 0)
        return false;
    if (tree && from) {
        Moment m = { 0 };

        m_describe(ops, from, &m);
        g_free(m.parent);
        m.parent = NULL;
        g_array_append_val(list, m);
    }
    for (int i = 0; i < n; i++) {
        Moment m = { 0 };

        m_describe(ops, handles[i], &m);
        g_array_append_val(list, m);
        m_free(ops, handles[i]);
    }
    free(handles);
    if (from)
        m_free(ops, from);
    if (!topological)
        g_array_sort(list, moment_cmp);

    if (json) {
        json_object *arr = json_object_new_array();

        for (guint i = 0; i < list->len; i++) {
            Moment *m = &g_array_index(list, Moment, i);
            json_object *o = json_object_new_object();

            vsh_json_add_str(o, "name", m->name);
            vsh_json_add_int(o, "creation_time", m->ctime);
            if (snap)
                vsh_json_add_str(o, "state", m->state);
            vsh_json_add_str(o, "parent", m->parent);
            json_object_array_add(arr, o);
        }
        vsh_json_print(ctl, arr);
    } else if (tree) {
        g_autofree const char **nm = g_new0(const char *, list->len + 1);
        g_autofree const char **pa = g_new0(const char *, list->len + 1);

        for (guint i = 0; i < list->len; i++) {
            nm[i] = g_array_index(list, Moment, i).name;
            pa[i] = g_array_index(list, Moment, i).parent;
        }
        vsh_tree_print(ctl, nm, pa, list->len);
    } else if (names) {
        for (guint i = 0; i < list->len; i++)
            vsh_print(ctl, "%s\n", g_array_index(list, Moment, i).name);
    } else {
        g_autoptr(VshTable) table = NULL;

        if (snap)
            table = parent ? vsh_table_new("Name", "Creation Time", "State", "Parent", NULL)
                           : vsh_table_new("Name", "Creation Time", "State", NULL);
        else
            table = parent ? vsh_table_new("Name", "Creation Time", "Parent", NULL)
                           : vsh_table_new("Name", "Creation Time", NULL);
        for (guint i = 0; i < list->len; i++) {
            Moment *m = &g_array_index(list, Moment, i);
            const char *created = m->created ? m->created : "";

            if (snap)
                vsh_table_add_row(table, m->name, created, m->state ? m->state : "",
                                  parent ? (m->parent ? m->parent : "") : NULL, NULL);
            else
                vsh_table_add_row(table, m->name, created,
                                  parent ? (m->parent ? m->parent : "") : NULL, NULL);
        }
        vsh_table_print(ctl, table);
    }
    return true;
}
