/* api/test/test-objects.c: the helpers every object family file of the test
 * driver shares (test-objects.h): libvirt's flag checks, the List*() and
 * ListAll*() plumbing, list filters and loading host file elements. */
#include "config.h"

#define ERR_DOMAIN VIR_FROM_TEST
#include "api/test/test-objects.h"
#include "common/util/err.h"

/**
 * test_obj_check_flags_in() - libvirt's virCheckFlags() in error domain @domain
 */
bool
test_obj_check_flags_in(int domain, unsigned int flags, unsigned int allowed,
                        const char *fname)
{
    if (flags & ~allowed) {
        /* libvirt's wording: no "invalid argument" prefix, function and
         * argument names in str1/str2 */
        api_report_invalid_arg_full(domain, fname, "flags",
                                    "unsupported flags (0x%x) in function %s",
                                    flags & ~allowed, fname);
        return false;
    }
    return true;
}

/**
 * test_obj_check_flags() - libvirt's virCheckFlags() for the test driver
 */
bool
test_obj_check_flags(unsigned int flags, unsigned int allowed, const char *fname)
{
    return test_obj_check_flags_in(VIR_FROM_TEST, flags, allowed, fname);
}

/**
 * test_obj_copy_names() - fill a List*() caller's array
 */
int
test_obj_copy_names(GPtrArray *names, char **const out, int maxnames)
{
    int n = 0;

    for (guint i = 0; i < names->len && n < maxnames; i++)
        out[n++] = g_strdup(g_ptr_array_index(names, i));
    return n;
}

/**
 * test_obj_export_list() - hand handles to a ListAll caller
 */
int
test_obj_export_list(GPtrArray *handles, void ***ret)
{
    int n = (int) handles->len;

    if (ret) {
        g_ptr_array_add(handles, NULL);
        *ret = (void **) g_ptr_array_free(handles, FALSE);
    } else {
        for (guint i = 0; i < handles->len; i++)
            api_object_unref(g_ptr_array_index(handles, i));
        g_ptr_array_free(handles, TRUE);
    }
    return n;
}

/**
 * test_obj_load_node() - parse a host file element (after file='...')
 */
void *
test_obj_load_node(xmlNode *node, const char *basedir, const XmlSchema *schema,
                   unsigned int flags)
{
    g_autoptr(xmlDoc) doc = NULL;
    xmlNode *elem = test_node_resolve(node, basedir, &doc);
    void *obj = NULL;

    if (!elem)
        return NULL;
    if (xmlmap_parse_node(schema, elem, &obj, flags) < 0)
        return NULL;
    return obj;
}

/**
 * test_obj_filter_pair() - one pair of a ListAll filter (ACTIVE/INACTIVE...)
 */
bool
test_obj_filter_pair(unsigned int flags, unsigned int yes, unsigned int no, bool value)
{
    return !(flags & (yes | no)) || ((flags & yes) && value) || ((flags & no) && !value);
}

/**
 * test_obj_names_by_state() - a NumOf*(), NumOfDefined*(), List*() or ListDefined*() call
 */
int
test_obj_names_by_state(TestState *s, GHashTable *objs, TestObjNameIf name_if, bool active,
                        char **const out, int maxnames)
{
    GHashTableIter it;
    gpointer v;
    const char *name;
    int n = 0;

    g_mutex_lock(&s->lock);
    g_hash_table_iter_init(&it, objs);
    while ((!out || n < maxnames) && g_hash_table_iter_next(&it, NULL, &v)) {
        if (!(name = name_if(v, active)))
            continue;
        if (out)
            out[n] = g_strdup(name);
        n++;
    }
    g_mutex_unlock(&s->lock);
    return n;
}
