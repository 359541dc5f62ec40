/* api/test/test-nwfilter.c: network filters and filter bindings of the test
 * driver. libvirt's test driver has neither; definitions, reference loops,
 * bindings and messages follow libvirt's nwfilter driver, without ever
 * instantiating a rule. */
#include "config.h"

#include <string.h>

#define ERR_DOMAIN VIR_FROM_NWFILTER
#include "api/test/test-objects.h"
#include "common/conf/nwfilter_conf.h"
#include "common/conf/nwfilterbinding_conf.h"
#include "common/util/err.h"
#include "common/util/uuid.h"

/* flag errors come from libvirt's nwfilter driver, in its domain */
#define check_flags(flags, allowed, fname) \
    test_obj_check_flags_in(VIR_FROM_NWFILTER, (flags), (allowed), (fname))

struct TestNWFilters {
    GPtrArray *filters;         /* NWFilterDef, in definition order as libvirt keeps them */
    GHashTable *bindings;       /* port device -> NWFilterBindingDef */
};

static void
filter_free(gpointer p)
{
    nwfilter_def_free(p);
}

static void
binding_free(gpointer p)
{
    nwfilter_binding_def_free(p);
}

TestNWFilters *
test_nwfilters_new(void)
{
    TestNWFilters *nf = g_new0(TestNWFilters, 1);

    nf->filters = g_ptr_array_new_with_free_func(filter_free);
    nf->bindings = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, binding_free);
    return nf;
}

void
test_nwfilters_free(TestNWFilters *nf)
{
    if (!nf)
        return;
    g_ptr_array_unref(nf->filters);
    g_hash_table_unref(nf->bindings);
    g_free(nf);
}

/* test:///default has no filters, as libvirt's test driver. */
int
test_nwfilters_add_defaults(TestNWFilters *nf, TestState *s)
{
    return 0;
}

static NWFilterDef *
find_by_name(TestNWFilters *nf, const char *name)
{
    for (guint i = 0; i < nf->filters->len; i++) {
        NWFilterDef *def = g_ptr_array_index(nf->filters, i);

        if (g_str_equal(def->name, name))
            return def;
    }
    return NULL;
}

static NWFilterDef *
find_by_uuid(TestNWFilters *nf, const unsigned char *uuid)
{
    for (guint i = 0; i < nf->filters->len; i++) {
        NWFilterDef *def = g_ptr_array_index(nf->filters, i);

        if (memcmp(def->uuid, uuid, VIR_UUID_BUFLEN) == 0)
            return def;
    }
    return NULL;
}

static NWFilterDef *
get_by_name(TestState *s, const char *name)
{
    NWFilterDef *def = find_by_name(s->nwfilters, name);

    if (!def)
        err_report(VIR_ERR_NO_NWFILTER, "no nwfilter with matching name '%s'", name);
    return def;
}

static NWFilterDef *
get_by_uuid(TestState *s, const unsigned char *uuid)
{
    NWFilterDef *def = find_by_uuid(s->nwfilters, uuid);
    char str[VIR_UUID_STRING_BUFLEN];

    if (!def) {
        uuid_format(uuid, str);
        err_report(VIR_ERR_NO_NWFILTER, "no nwfilter with matching uuid '%s'", str);
    }
    return def;
}

/* Whether following the references of @def (with @def standing in for the
 * filter of its name) ever comes back to @target. @seen guards against
 * loops among the existing filters. */
static bool
reaches(TestNWFilters *nf, const NWFilterDef *def, const NWFilterDef *replacement,
        const char *target, GHashTable *seen)
{
    for (size_t i = 0; i < def->nentries; i++) {
        const NWFilterRef *ref = def->entries[i].ref;
        const NWFilterDef *next;

        if (!ref || !ref->filter)
            continue;
        if (g_str_equal(ref->filter, target))
            return true;
        if (g_hash_table_contains(seen, ref->filter))
            continue;
        g_hash_table_add(seen, ref->filter);
        next = g_str_equal(ref->filter, replacement->name) ? replacement :
               find_by_name(nf, ref->filter);
        if (next && reaches(nf, next, replacement, target, seen))
            return true;
    }
    return false;
}

/* Add @def (consumed on success) or replace the filter of the same name
 * and UUID, refusing definitions that would make references loop. */
static NWFilterDef *
assign_def(TestNWFilters *nf, NWFilterDef *def)
{
    NWFilterDef *by_uuid = find_by_uuid(nf, def->uuid);
    NWFilterDef *by_name = find_by_name(nf, def->name);
    g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);
    char str[VIR_UUID_STRING_BUFLEN];

    if (by_uuid && !g_str_equal(by_uuid->name, def->name)) {
        err_report(VIR_ERR_OPERATION_FAILED,
                   "filter with same UUID but different name ('%s') already exists",
                   by_uuid->name);
        return NULL;
    }
    if (!by_uuid && by_name) {
        uuid_format(by_name->uuid, str);
        err_report(VIR_ERR_OPERATION_FAILED, "filter '%s' already exists with uuid %s",
                   def->name, str);
        return NULL;
    }
    if (reaches(nf, def, def, def->name, seen)) {
        err_report(VIR_ERR_OPERATION_FAILED, "%s", "filter would introduce a loop");
        return NULL;
    }
    for (guint i = 0; by_uuid && i < nf->filters->len; i++) {
        if (g_ptr_array_index(nf->filters, i) == by_uuid) {
            nwfilter_def_free(by_uuid);
            g_ptr_array_index(nf->filters, i) = def;
            return def;
        }
    }
    g_ptr_array_add(nf->filters, def);
    return def;
}

/* A host file may carry <filter> elements (an extension of libvirt's host
 * file format). */
int
test_nwfilters_load(TestNWFilters *nf, TestState *s, xmlNode *node, const char *basedir)
{
    NWFilterDef *def = test_obj_load_node(node, basedir, &nwfilter_def_schema, 0);

    if (!def)
        return -1;
    if (!assign_def(nf, def)) {
        nwfilter_def_free(def);
        return -1;
    }
    return 0;
}

/* ---- filters ------------------------------------------------------------- */

static virNWFilterPtr
filter_handle(virConnectPtr conn, const NWFilterDef *def)
{
    return def ? api_nwfilter_new(conn, def->name, def->uuid) : NULL;
}

static int
test_connect_num_of_nwfilters(virConnectPtr conn)
{
    TestState *s = test_state_from_conn(conn);
    int n;

    g_mutex_lock(&s->lock);
    n = (int) s->nwfilters->filters->len;
    g_mutex_unlock(&s->lock);
    return n;
}

static int
test_connect_list_nwfilters(virConnectPtr conn, char **const names, int maxnames)
{
    TestState *s = test_state_from_conn(conn);
    int n = 0;

    g_mutex_lock(&s->lock);
    for (guint i = 0; i < s->nwfilters->filters->len && n < maxnames; i++)
        names[n++] = g_strdup(((NWFilterDef *) g_ptr_array_index(s->nwfilters->filters,
                                                                   i))->name);
    g_mutex_unlock(&s->lock);
    return n;
}

static int
test_connect_list_all_nwfilters(virConnectPtr conn, virNWFilterPtr **filters,
                                unsigned int flags)
{
    TestState *s = test_state_from_conn(conn);
    GPtrArray *handles;

    if (!check_flags(flags, 0, "nwfilterConnectListAllNWFilters"))
        return -1;
    handles = g_ptr_array_new();
    g_mutex_lock(&s->lock);
    for (guint i = 0; i < s->nwfilters->filters->len; i++)
        g_ptr_array_add(handles, filter_handle(conn, g_ptr_array_index(s->nwfilters->filters,
                                                                       i)));
    g_mutex_unlock(&s->lock);
    return test_obj_export_list(handles, (void ***) filters);
}

static virNWFilterPtr
test_nwfilter_lookup_by_name(virConnectPtr conn, const char *name)
{
    TestState *s = test_state_from_conn(conn);
    virNWFilterPtr ret;

    g_mutex_lock(&s->lock);
    ret = filter_handle(conn, get_by_name(s, name));
    g_mutex_unlock(&s->lock);
    return ret;
}

static virNWFilterPtr
test_nwfilter_lookup_by_uuid(virConnectPtr conn, const unsigned char *uuid)
{
    TestState *s = test_state_from_conn(conn);
    virNWFilterPtr ret;

    g_mutex_lock(&s->lock);
    ret = filter_handle(conn, get_by_uuid(s, uuid));
    g_mutex_unlock(&s->lock);
    return ret;
}

static virNWFilterPtr
test_nwfilter_define_xml_flags(virConnectPtr conn, const char *xmlDesc, unsigned int flags)
{
    TestState *s = test_state_from_conn(conn);
    virNWFilterPtr ret = NULL;
    NWFilterDef *def;

    if (!check_flags(flags, VIR_NWFILTER_DEFINE_VALIDATE, "nwfilterDefineXMLFlags"))
        return NULL;
    def = nwfilter_def_parse_string(xmlDesc, (flags & VIR_NWFILTER_DEFINE_VALIDATE) ?
                                    XMLMAP_PARSE_STRICT : 0);
    if (!def)
        return NULL;
    g_mutex_lock(&s->lock);
    if (assign_def(s->nwfilters, def))
        ret = filter_handle(conn, def);
    else
        nwfilter_def_free(def);
    g_mutex_unlock(&s->lock);
    return ret;
}

static virNWFilterPtr
test_nwfilter_define_xml(virConnectPtr conn, const char *xmlDesc)
{
    return test_nwfilter_define_xml_flags(conn, xmlDesc, 0);
}

/* As libvirt's driver lets it happen, a filter bindings refer to can go:
 * the bindings keep naming it. */
static int
test_nwfilter_undefine(virNWFilterPtr nwfilter)
{
    TestState *s = test_state_from_conn(nwfilter->conn);
    NWFilterDef *def;
    int ret = -1;

    g_mutex_lock(&s->lock);
    if ((def = get_by_uuid(s, nwfilter->uuid))) {
        g_ptr_array_remove(s->nwfilters->filters, def);
        ret = 0;
    }
    g_mutex_unlock(&s->lock);
    return ret;
}

static char *
test_nwfilter_get_xml_desc(virNWFilterPtr nwfilter, unsigned int flags)
{
    TestState *s = test_state_from_conn(nwfilter->conn);
    NWFilterDef *def;
    char *ret = NULL;

    if (!check_flags(flags, 0, "nwfilterGetXMLDesc"))
        return NULL;
    g_mutex_lock(&s->lock);
    if ((def = get_by_uuid(s, nwfilter->uuid)))
        ret = nwfilter_def_format(def, 0);
    g_mutex_unlock(&s->lock);
    return ret;
}

/* ---- bindings ------------------------------------------------------------ */

static virNWFilterBindingPtr
binding_handle(virConnectPtr conn, const NWFilterBindingDef *def)
{
    return api_nwfilter_binding_new(conn, def->portdev, def->filter.filter);
}

static NWFilterBindingDef *
get_binding(TestState *s, const char *portdev)
{
    NWFilterBindingDef *def = g_hash_table_lookup(s->nwfilters->bindings, portdev);

    if (!def)
        err_report(VIR_ERR_NO_NWFILTER_BINDING, "no nwfilter binding for port dev '%s'",
                   portdev);
    return def;
}

static int
test_connect_list_all_nwfilter_bindings(virConnectPtr conn, virNWFilterBindingPtr **bindings,
                                        unsigned int flags)
{
    TestState *s = test_state_from_conn(conn);
    GPtrArray *handles;
    GHashTableIter it;
    gpointer v;

    if (!check_flags(flags, 0, "nwfilterConnectListAllNWFilterBindings"))
        return -1;
    handles = g_ptr_array_new();
    g_mutex_lock(&s->lock);
    g_hash_table_iter_init(&it, s->nwfilters->bindings);
    while (g_hash_table_iter_next(&it, NULL, &v))
        g_ptr_array_add(handles, binding_handle(conn, v));
    g_mutex_unlock(&s->lock);
    return test_obj_export_list(handles, (void ***) bindings);
}

static virNWFilterBindingPtr
test_nwfilter_binding_lookup_by_port_dev(virConnectPtr conn, const char *portdev)
{
    TestState *s = test_state_from_conn(conn);
    virNWFilterBindingPtr ret = NULL;
    NWFilterBindingDef *def;

    g_mutex_lock(&s->lock);
    if ((def = get_binding(s, portdev)))
        ret = binding_handle(conn, def);
    g_mutex_unlock(&s->lock);
    return ret;
}

static virNWFilterBindingPtr
test_nwfilter_binding_create_xml(virConnectPtr conn, const char *xml, unsigned int flags)
{
    TestState *s = test_state_from_conn(conn);
    virNWFilterBindingPtr ret = NULL;
    NWFilterBindingDef *def;

    if (!check_flags(flags, VIR_NWFILTER_BINDING_CREATE_VALIDATE, "nwfilterBindingCreateXML"))
        return NULL;
    def = nwfilter_binding_def_parse_string(xml, (flags & VIR_NWFILTER_BINDING_CREATE_VALIDATE) ?
                                            XMLMAP_PARSE_STRICT : 0);
    if (!def)
        return NULL;
    g_mutex_lock(&s->lock);
    if (g_hash_table_contains(s->nwfilters->bindings, def->portdev)) {
        err_report(VIR_ERR_OPERATION_FAILED, "binding '%s' already exists", def->portdev);
        nwfilter_binding_def_free(def);
    } else {
        ret = binding_handle(conn, def);
        g_hash_table_insert(s->nwfilters->bindings, g_strdup(def->portdev), def);
    }
    g_mutex_unlock(&s->lock);
    return ret;
}

static int
test_nwfilter_binding_delete(virNWFilterBindingPtr binding)
{
    TestState *s = test_state_from_conn(binding->conn);
    int ret = -1;

    g_mutex_lock(&s->lock);
    if (get_binding(s, binding->portdev)) {
        g_hash_table_remove(s->nwfilters->bindings, binding->portdev);
        ret = 0;
    }
    g_mutex_unlock(&s->lock);
    return ret;
}

static char *
test_nwfilter_binding_get_xml_desc(virNWFilterBindingPtr binding, unsigned int flags)
{
    TestState *s = test_state_from_conn(binding->conn);
    NWFilterBindingDef *def;
    char *ret = NULL;

    if (!check_flags(flags, 0, "nwfilterBindingGetXMLDesc"))
        return NULL;
    g_mutex_lock(&s->lock);
    if ((def = get_binding(s, binding->portdev)))
        ret = nwfilter_binding_def_format(def, 0);
    g_mutex_unlock(&s->lock);
    return ret;
}

const ApiNWFilterDriver test_nwfilter_driver = {
    .name = "Test",
    .connectListAllNWFilterBindings = test_connect_list_all_nwfilter_bindings,
    .connectListAllNWFilters = test_connect_list_all_nwfilters,
    .connectListNWFilters = test_connect_list_nwfilters,
    .connectNumOfNWFilters = test_connect_num_of_nwfilters,
    .nWFilterBindingCreateXML = test_nwfilter_binding_create_xml,
    .nWFilterBindingDelete = test_nwfilter_binding_delete,
    .nWFilterBindingGetXMLDesc = test_nwfilter_binding_get_xml_desc,
    .nWFilterBindingLookupByPortDev = test_nwfilter_binding_lookup_by_port_dev,
    .nWFilterDefineXML = test_nwfilter_define_xml,
    .nWFilterDefineXMLFlags = test_nwfilter_define_xml_flags,
    .nWFilterGetXMLDesc = test_nwfilter_get_xml_desc,
    .nWFilterLookupByName = test_nwfilter_lookup_by_name,
    .nWFilterLookupByUUID = test_nwfilter_lookup_by_uuid,
    .nWFilterUndefine = test_nwfilter_undefine,
};
