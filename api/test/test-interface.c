/* api/test/test-interface.c: host network interfaces of the test driver:
 * definitions, start/stop flags and the change transaction (begin saves a
 * copy of every definition, rollback brings the copy back, inactive, as
 * libvirt's test driver does). No real device is ever touched. */
#include "config.h"

#include <string.h>

#define ERR_DOMAIN VIR_FROM_TEST
#include "api/test/test-objects.h"
#include "common/conf/interface_conf.h"
#include "common/util/err.h"

typedef struct {
    IfaceDef *def;
    bool active;
} TestIface;

struct TestIfaces {
    GHashTable *objs;           /* name -> TestIface, libvirt's key */
    GHashTable *backup;         /* the copy a running transaction keeps, or NULL */
};

static void
iface_free(gpointer p)
{
    TestIface *iface = p;

    iface_def_free(iface->def);
    g_free(iface);
}

static GHashTable *
table_new(void)
{
    return g_hash_table_new_full(g_str_hash, g_str_equal, g_free, iface_free);
}

TestIfaces *
test_ifaces_new(void)
{
    TestIfaces *ifaces = g_new0(TestIfaces, 1);

    ifaces->objs = table_new();
    return ifaces;
}

void
test_ifaces_free(TestIfaces *ifaces)
{
    if (!ifaces)
        return;
    g_hash_table_unref(ifaces->objs);
    if (ifaces->backup)
        g_hash_table_unref(ifaces->backup);
    g_free(ifaces);
}

static TestIface *
get_iface(TestState *s, const char *name)
{
    TestIface *iface = g_hash_table_lookup(s->ifaces->objs, name);

    if (!iface)
        err_report(VIR_ERR_NO_INTERFACE, "no interface with matching name '%s'", name);
    return iface;
}

/* Add @def (consumed) or replace the definition of the same name. */
static TestIface *
assign_def(GHashTable *objs, IfaceDef *def)
{
    TestIface *iface = g_hash_table_lookup(objs, def->name);

    if (iface) {
        iface_def_free(iface->def);
        iface->def = def;
        return iface;
    }
    iface = g_new0(TestIface, 1);
    iface->def = def;
    g_hash_table_insert(objs, g_strdup(def->name), iface);
    return iface;
}

static virInterfacePtr
iface_handle(virConnectPtr conn, const TestIface *iface)
{
    return api_interface_new(conn, iface->def->name, iface->def->mac ? iface->def->mac : "");
}

/* ---- defaults and host files --------------------------------------------- */

static const char default_iface_xml[] =
    "<interface type='ethernet' name='eth1'>"
    "  <start mode='onboot'/>"
    "  <mac address='aa:bb:cc:dd:ee:ff'/>"
    "  <mtu size='1492'/>"
    "  <protocol family='ipv4'>"
    "    <ip address='192.168.0.5' prefix='24'/>"
    "    <route gateway='192.168.0.1'/>"
    "  </protocol>"
    "</interface>";

/* Host-file and default interfaces are up. */
int
test_ifaces_add_defaults(TestIfaces *ifaces, TestState *s)
{
    IfaceDef *def = iface_def_parse_string(default_iface_xml, 0);

    if (!def)
        return -1;
    assign_def(ifaces->objs, def)->active = true;
    return 0;
}

int
test_ifaces_load(TestIfaces *ifaces, TestState *s, xmlNode *node, const char *basedir)
{
    IfaceDef *def = test_obj_load_node(node, basedir, &iface_def_schema, 0);

    if (!def)
        return -1;
    assign_def(ifaces->objs, def)->active = true;
    return 0;
}

/* ---- listing and lookups ------------------------------------------------- */

/* a iface's name when it is running (@active) or when it is not */
static const char *
iface_name_if(gconstpointer obj, bool active)
{
    const TestIface *iface = obj;

    return iface->active == active ? iface->def->name : NULL;
}

static int
test_connect_num_of_interfaces(virConnectPtr conn)
{
    TestState *s = test_state_from_conn(conn);

    return test_obj_names_by_state(s, s->ifaces->objs, iface_name_if, true, NULL, 0);
}

static int
test_connect_list_interfaces(virConnectPtr conn, char **const names, int maxnames)
{
    TestState *s = test_state_from_conn(conn);

    return test_obj_names_by_state(s, s->ifaces->objs, iface_name_if, true, names, maxnames);
}

static int
test_connect_num_of_defined_interfaces(virConnectPtr conn)
{
    TestState *s = test_state_from_conn(conn);

    return test_obj_names_by_state(s, s->ifaces->objs, iface_name_if, false, NULL, 0);
}

static int
test_connect_list_defined_interfaces(virConnectPtr conn, char **const names, int maxnames)
{
    TestState *s = test_state_from_conn(conn);

    return test_obj_names_by_state(s, s->ifaces->objs, iface_name_if, false, names, maxnames);
}

static int
test_connect_list_all_interfaces(virConnectPtr conn, virInterfacePtr **ifaces,
                                 unsigned int flags)
{
    TestState *s = test_state_from_conn(conn);
    unsigned int states = VIR_CONNECT_LIST_INTERFACES_ACTIVE |
                          VIR_CONNECT_LIST_INTERFACES_INACTIVE;
    GPtrArray *handles;
    GHashTableIter it;
    gpointer v;

    if (!test_obj_check_flags(flags, states, "testConnectListAllInterfaces"))
        return -1;
    handles = g_ptr_array_new();
    g_mutex_lock(&s->lock);
    g_hash_table_iter_init(&it, s->ifaces->objs);
    while (g_hash_table_iter_next(&it, NULL, &v)) {
        const TestIface *iface = v;

        if (test_obj_filter_pair(flags, VIR_CONNECT_LIST_INTERFACES_ACTIVE,
                                 VIR_CONNECT_LIST_INTERFACES_INACTIVE, iface->active))
            g_ptr_array_add(handles, iface_handle(conn, iface));
    }
    g_mutex_unlock(&s->lock);
    return test_obj_export_list(handles, (void ***) ifaces);
}

static virInterfacePtr
test_interface_lookup_by_name(virConnectPtr conn, const char *name)
{
    TestState *s = test_state_from_conn(conn);
    virInterfacePtr ret = NULL;
    TestIface *iface;

    g_mutex_lock(&s->lock);
    if ((iface = get_iface(s, name)))
        ret = iface_handle(conn, iface);
    g_mutex_unlock(&s->lock);
    return ret;
}

static virInterfacePtr
test_interface_lookup_by_mac_string(virConnectPtr conn, const char *macstr)
{
    TestState *s = test_state_from_conn(conn);
    const TestIface *found = NULL;
    GHashTableIter it;
    size_t matches = 0;
    gpointer v;

    g_mutex_lock(&s->lock);
    g_hash_table_iter_init(&it, s->ifaces->objs);
    while (g_hash_table_iter_next(&it, NULL, &v)) {
        const TestIface *iface = v;

        if (iface->def->mac && g_ascii_strcasecmp(iface->def->mac, macstr) == 0) {
            found = iface;
            matches++;
        }
    }
    if (matches == 0)
        err_report(VIR_ERR_NO_INTERFACE, "no interface with matching mac '%s'", macstr);
    else if (matches > 1)
        err_report(VIR_ERR_MULTIPLE_INTERFACES, NULL);
    g_mutex_unlock(&s->lock);
    /* the handle carries the MAC as it was asked for, like libvirt's */
    return matches == 1 ? api_interface_new(conn, found->def->name, macstr) : NULL;
}

static int
test_interface_is_active(virInterfacePtr i)
{
    TestState *s = test_state_from_conn(i->conn);
    TestIface *iface;
    int ret = -1;

    g_mutex_lock(&s->lock);
    if ((iface = get_iface(s, i->name)))
        ret = iface->active;
    g_mutex_unlock(&s->lock);
    return ret;
}

/* ---- change transactions ------------------------------------------------- */

/* A copy of every definition; the copies start inactive. */
static GHashTable *
table_copy(GHashTable *src)
{
    GHashTable *dst = table_new();
    GHashTableIter it;
    gpointer v;

    g_hash_table_iter_init(&it, src);
    while (g_hash_table_iter_next(&it, NULL, &v)) {
        IfaceDef *def = iface_def_copy(((TestIface *) v)->def);

        if (!def) {
            g_hash_table_unref(dst);
            return NULL;
        }
        assign_def(dst, def);
    }
    return dst;
}

static int
test_interface_change_begin(virConnectPtr conn, unsigned int flags)
{
    TestState *s = test_state_from_conn(conn);
    int ret = -1;

    if (!test_obj_check_flags(flags, 0, "testInterfaceChangeBegin"))
        return -1;
    g_mutex_lock(&s->lock);
    if (s->ifaces->backup) {
        err_report(VIR_ERR_OPERATION_INVALID, "%s", "there is another transaction running.");
    } else if ((s->ifaces->backup = table_copy(s->ifaces->objs))) {
        ret = 0;
    }
    g_mutex_unlock(&s->lock);
    return ret;
}

static int
test_interface_change_commit(virConnectPtr conn, unsigned int flags)
{
    TestState *s = test_state_from_conn(conn);
    int ret = -1;

    if (!test_obj_check_flags(flags, 0, "testInterfaceChangeCommit"))
        return -1;
    g_mutex_lock(&s->lock);
    if (!s->ifaces->backup) {
        err_report(VIR_ERR_OPERATION_INVALID, "%s",
                   "no transaction running, nothing to be committed.");
    } else {
        g_clear_pointer(&s->ifaces->backup, g_hash_table_unref);
        ret = 0;
    }
    g_mutex_unlock(&s->lock);
    return ret;
}

static int
test_interface_change_rollback(virConnectPtr conn, unsigned int flags)
{
    TestState *s = test_state_from_conn(conn);
    int ret = -1;

    if (!test_obj_check_flags(flags, 0, "testInterfaceChangeRollback"))
        return -1;
    g_mutex_lock(&s->lock);
    if (!s->ifaces->backup) {
        err_report(VIR_ERR_OPERATION_INVALID, "%s", "no transaction running, nothing to rollback.");
    } else {
        g_hash_table_unref(s->ifaces->objs);
        s->ifaces->objs = g_steal_pointer(&s->ifaces->backup);
        ret = 0;
    }
    g_mutex_unlock(&s->lock);
    return ret;
}

/* ---- definitions and state ----------------------------------------------- */

static char *
test_interface_get_xml_desc(virInterfacePtr i, unsigned int flags)
{
    TestState *s = test_state_from_conn(i->conn);
    TestIface *iface;
    char *ret = NULL;

    if (!test_obj_check_flags(flags, 0, "testInterfaceGetXMLDesc"))
        return NULL;
    g_mutex_lock(&s->lock);
    if ((iface = get_iface(s, i->name)))
        ret = iface_def_format(iface->def, 0);
    g_mutex_unlock(&s->lock);
    return ret;
}

static virInterfacePtr
test_interface_define_xml(virConnectPtr conn, const char *xml, unsigned int flags)
{
    TestState *s = test_state_from_conn(conn);
    virInterfacePtr ret;
    IfaceDef *def;

    if (!test_obj_check_flags(flags, VIR_INTERFACE_DEFINE_VALIDATE, "testInterfaceDefineXML"))
        return NULL;
    def = iface_def_parse_string(xml, (flags & VIR_INTERFACE_DEFINE_VALIDATE) ?
                                 XMLMAP_PARSE_STRICT : 0);
    if (!def)
        return NULL;
    g_mutex_lock(&s->lock);
    ret = iface_handle(conn, assign_def(s->ifaces->objs, def));
    g_mutex_unlock(&s->lock);
    return ret;
}

/* Like libvirt's test driver, a running interface can be undefined too. */
static int
test_interface_undefine(virInterfacePtr i)
{
    TestState *s = test_state_from_conn(i->conn);
    int ret = -1;

    g_mutex_lock(&s->lock);
    if (get_iface(s, i->name)) {
        g_hash_table_remove(s->ifaces->objs, i->name);
        ret = 0;
    }
    g_mutex_unlock(&s->lock);
    return ret;
}

static int
set_active(virInterfacePtr i, unsigned int flags, bool active, const char *fname)
{
    TestState *s = test_state_from_conn(i->conn);
    TestIface *iface;
    int ret = -1;

    if (!test_obj_check_flags(flags, 0, fname))
        return -1;
    g_mutex_lock(&s->lock);
    if ((iface = get_iface(s, i->name))) {
        if (iface->active == active) {
            err_report(VIR_ERR_OPERATION_INVALID, NULL);
        } else {
            iface->active = active;
            ret = 0;
        }
    }
    g_mutex_unlock(&s->lock);
    return ret;
}

static int
test_interface_create(virInterfacePtr iface, unsigned int flags)
{
    return set_active(iface, flags, true, "testInterfaceCreate");
}

static int
test_interface_destroy(virInterfacePtr iface, unsigned int flags)
{
    return set_active(iface, flags, false, "testInterfaceDestroy");
}

const ApiInterfaceDriver test_interface_driver = {
    .name = "Test",
    .connectListAllInterfaces = test_connect_list_all_interfaces,
    .connectListDefinedInterfaces = test_connect_list_defined_interfaces,
    .connectListInterfaces = test_connect_list_interfaces,
    .connectNumOfDefinedInterfaces = test_connect_num_of_defined_interfaces,
    .connectNumOfInterfaces = test_connect_num_of_interfaces,
    .interfaceChangeBegin = test_interface_change_begin,
    .interfaceChangeCommit = test_interface_change_commit,
    .interfaceChangeRollback = test_interface_change_rollback,
    .interfaceCreate = test_interface_create,
    .interfaceDefineXML = test_interface_define_xml,
    .interfaceDestroy = test_interface_destroy,
    .interfaceGetXMLDesc = test_interface_get_xml_desc,
    .interfaceIsActive = test_interface_is_active,
    .interfaceLookupByMACString = test_interface_lookup_by_mac_string,
    .interfaceLookupByName = test_interface_lookup_by_name,
    .interfaceUndefine = test_interface_undefine,
};
