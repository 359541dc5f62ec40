/* api/test/test-network.c: virtual networks of the test driver (lifecycle,
 * XML, autostart, section updates, DHCP leases from static hosts) and their
 * ports. Behaviour
 * and messages follow libvirt 9.0's test driver; what it lacks (ports,
 * leases) follows libvirt's network driver. Nothing here touches the host. */
#include "config.h"

#include <string.h>
#include <sys/socket.h>

#define ERR_DOMAIN VIR_FROM_TEST
#include "api/test/test-objects.h"
#include "common/conf/network_conf.h"
#include "common/conf/networkport_conf.h"
#include "common/util/err.h"
#include "common/util/uuid.h"

/* Errors libvirt raises from its network object layer carry its domain. */
#define net_err(code, ...) \
    err_report_full(VIR_FROM_NETWORK, (code), __FILE__, __func__, __LINE__, __VA_ARGS__)

/* ---- the table ----------------------------------------------------------- */

typedef struct {
    NetDef *def;                /* live definition, or the config when inactive */
    NetDef *newdef;             /* pending config of an active persistent network */
    bool active;
    bool persistent;
    bool autostart;
    GHashTable *ports;          /* UUID string -> NetPortDef */
} TestNetwork;

struct TestNetworks {
    GHashTable *objs;           /* UUID string -> TestNetwork, libvirt's key */
};

static void
network_free(gpointer p)
{
    TestNetwork *net = p;

    net_def_free(net->def);
    net_def_free(net->newdef);
    g_hash_table_unref(net->ports);
    g_free(net);
}

static void
port_def_free_cb(gpointer p)
{
    net_port_def_free(p);
}

TestNetworks *
test_networks_new(void)
{
    TestNetworks *nets = g_new0(TestNetworks, 1);

    nets->objs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, network_free);
    return nets;
}

void
test_networks_free(TestNetworks *nets)
{
    if (!nets)
        return;
    g_hash_table_unref(nets->objs);
    g_free(nets);
}

static TestNetwork *
find_by_uuid(TestNetworks *nets, const unsigned char *uuid)
{
    char key[VIR_UUID_STRING_BUFLEN];

    uuid_format(uuid, key);
    return g_hash_table_lookup(nets->objs, key);
}

static TestNetwork *
find_by_name(TestNetworks *nets, const char *name)
{
    GHashTableIter it;
    gpointer v;

    g_hash_table_iter_init(&it, nets->objs);
    while (g_hash_table_iter_next(&it, NULL, &v)) {
        TestNetwork *net = v;

        if (g_str_equal(net->def->name, name))
            return net;
    }
    return NULL;
}

static void
remove_network(TestNetworks *nets, TestNetwork *net)
{
    char key[VIR_UUID_STRING_BUFLEN];

    uuid_format(net->def->uuid, key);
    g_hash_table_remove(nets->objs, key);
}

/* Lookups the ops use: by the handle's name, or by its UUID. */
static TestNetwork *
get_by_name(TestState *s, const char *name)
{
    TestNetwork *net = find_by_name(s->networks, name);

    if (!net)
        err_report(VIR_ERR_NO_NETWORK, "no network with matching name '%s'", name);
    return net;
}

static TestNetwork *
get_by_uuid(TestState *s, const unsigned char *uuid)
{
    TestNetwork *net = find_by_uuid(s->networks, uuid);
    char str[VIR_UUID_STRING_BUFLEN];

    if (!net) {
        uuid_format(uuid, str);
        err_report(VIR_ERR_NO_NETWORK, "no network with matching uuid '%s'", str);
    }
    return net;
}

static void
emit(TestState *s, const NetDef *def, int event)
{
    TestEventData d = { .name = def->name, .uuid = def->uuid, .event = event };

    test_emit_event(s, API_EVENT_FAMILY_NETWORK, VIR_NETWORK_EVENT_ID_LIFECYCLE, &d);
}

enum {
    ASSIGN_LIVE = 1 << 0,       /* @def is the running definition */
    ASSIGN_CHECK_LIVE = 1 << 1, /* refuse to replace an active network */
};

/* Put @def (consumed on success) into the table the way libvirt's network
 * object list does: a new object, or the live or persistent definition of
 * the existing one with the same UUID and name. */
static TestNetwork *
assign_def(TestNetworks *nets, NetDef *def, unsigned int flags)
{
    TestNetwork *net = find_by_uuid(nets, def->uuid);
    char str[VIR_UUID_STRING_BUFLEN];

    if (net) {
        if (!g_str_equal(net->def->name, def->name)) {
            uuid_format(net->def->uuid, str);
            net_err(VIR_ERR_OPERATION_FAILED, "network '%s' is already defined with uuid %s",
                    net->def->name, str);
            return NULL;
        }
        if ((flags & ASSIGN_CHECK_LIVE) && net->active) {
            net_err(VIR_ERR_OPERATION_INVALID, "network is already active as '%s'",
                    net->def->name);
            return NULL;
        }
        if (flags & ASSIGN_LIVE) {
            /* keep the persistent config to come back to */
            if (net->persistent && !net->newdef)
                net->newdef = net->def;
            else
                net_def_free(net->def);
            net->def = def;
        } else {
            net_def_free(net->newdef);
            net->newdef = NULL;
            if (net->active) {
                net->newdef = def;
            } else {
                net_def_free(net->def);
                net->def = def;
            }
            net->persistent = true;
        }
        return net;
    }
    if ((net = find_by_name(nets, def->name))) {
        uuid_format(net->def->uuid, str);
        net_err(VIR_ERR_OPERATION_FAILED, "network '%s' already exists with uuid %s",
                def->name, str);
        return NULL;
    }
    net = g_new0(TestNetwork, 1);
    net->def = def;
    net->persistent = !(flags & ASSIGN_LIVE);
    net->ports = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, port_def_free_cb);
    uuid_format(def->uuid, str);
    g_hash_table_insert(nets->objs, g_strdup(str), net);
    return net;
}

/* ---- defaults and host files --------------------------------------------- */

static const char default_network_xml[] =
    "<network>"
    "  <name>default</name>"
    "  <uuid>dd8fe884-6c02-601e-7551-cca97df1c5df</uuid>"
    "  <bridge name='virbr0'/>"
    "  <forward/>"
    "  <ip address='192.168.122.1' netmask='255.255.255.0'>"
    "    <dhcp>"
    "      <range start='192.168.122.2' end='192.168.122.254'/>"
    "    </dhcp>"
    "  </ip>"
    "</network>";

/* Host-file and default networks are persistent and running. */
static int
add_loaded(TestNetworks *nets, NetDef *def)
{
    TestNetwork *net = assign_def(nets, def, 0);

    if (!net) {
        net_def_free(def);
        return -1;
    }
    net->active = true;
    return 0;
}

int
test_networks_add_defaults(TestNetworks *nets, TestState *s)
{
    NetDef *def = net_def_parse_string(default_network_xml, 0);

    if (!def)
        return -1;
    return add_loaded(nets, def);
}

int
test_networks_load(TestNetworks *nets, TestState *s, xmlNode *node, const char *basedir)
{
    NetDef *def = test_obj_load_node(node, basedir, &net_def_schema, 0);

    if (!def)
        return -1;
    return add_loaded(nets, def);
}

/* ---- listing ------------------------------------------------------------- */

/* every VIR_CONNECT_LIST_NETWORKS_* filter bit */
#define LIST_NETWORKS_FILTERS_ALL \
    (VIR_CONNECT_LIST_NETWORKS_ACTIVE | VIR_CONNECT_LIST_NETWORKS_INACTIVE | \
     VIR_CONNECT_LIST_NETWORKS_PERSISTENT | VIR_CONNECT_LIST_NETWORKS_TRANSIENT | \
     VIR_CONNECT_LIST_NETWORKS_AUTOSTART | VIR_CONNECT_LIST_NETWORKS_NO_AUTOSTART)

static bool
network_matches(const TestNetwork *net, unsigned int flags)
{
    return test_obj_filter_pair(flags, VIR_CONNECT_LIST_NETWORKS_ACTIVE,
                                VIR_CONNECT_LIST_NETWORKS_INACTIVE, net->active) &&
           test_obj_filter_pair(flags, VIR_CONNECT_LIST_NETWORKS_PERSISTENT,
                                VIR_CONNECT_LIST_NETWORKS_TRANSIENT, net->persistent) &&
           test_obj_filter_pair(flags, VIR_CONNECT_LIST_NETWORKS_AUTOSTART,
                                VIR_CONNECT_LIST_NETWORKS_NO_AUTOSTART, net->autostart);
}

/* a network's name when it is running (@active) or when it is not */
static const char *
network_name_if(gconstpointer obj, bool active)
{
    const TestNetwork *net = obj;

    return net->active == active ? net->def->name : NULL;
}

static int
test_connect_num_of_networks(virConnectPtr conn)
{
    TestState *s = test_state_from_conn(conn);

    return test_obj_names_by_state(s, s->networks->objs, network_name_if, true, NULL, 0);
}

static int
test_connect_list_networks(virConnectPtr conn, char **const names, int maxnames)
{
    TestState *s = test_state_from_conn(conn);

    return test_obj_names_by_state(s, s->networks->objs, network_name_if, true, names, maxnames);
}

static int
test_connect_num_of_defined_networks(virConnectPtr conn)
{
    TestState *s = test_state_from_conn(conn);

    return test_obj_names_by_state(s, s->networks->objs, network_name_if, false, NULL, 0);
}

static int
test_connect_list_defined_networks(virConnectPtr conn, char **const names, int maxnames)
{
    TestState *s = test_state_from_conn(conn);

    return test_obj_names_by_state(s, s->networks->objs, network_name_if, false, names, maxnames);
}

static int
test_connect_list_all_networks(virConnectPtr conn, virNetworkPtr **nets, unsigned int flags)
{
    TestState *s = test_state_from_conn(conn);
    GPtrArray *handles;
    GHashTableIter it;
    gpointer v;

    if (!test_obj_check_flags(flags, LIST_NETWORKS_FILTERS_ALL,
                              "testConnectListAllNetworks"))
        return -1;
    handles = g_ptr_array_new();
    g_mutex_lock(&s->lock);
    g_hash_table_iter_init(&it, s->networks->objs);
    while (g_hash_table_iter_next(&it, NULL, &v)) {
        TestNetwork *net = v;

        if (network_matches(net, flags))
            g_ptr_array_add(handles, api_network_new(conn, net->def->name, net->def->uuid));
    }
    g_mutex_unlock(&s->lock);
    return test_obj_export_list(handles, (void ***) nets);
}

/* ---- lookups and state --------------------------------------------------- */

static virNetworkPtr
test_network_lookup_by_uuid(virConnectPtr conn, const unsigned char *uuid)
{
    TestState *s = test_state_from_conn(conn);
    virNetworkPtr ret = NULL;
    TestNetwork *net;

    g_mutex_lock(&s->lock);
    if ((net = get_by_uuid(s, uuid)))
        ret = api_network_new(conn, net->def->name, net->def->uuid);
    g_mutex_unlock(&s->lock);
    return ret;
}

static virNetworkPtr
test_network_lookup_by_name(virConnectPtr conn, const char *name)
{
    TestState *s = test_state_from_conn(conn);
    virNetworkPtr ret = NULL;
    TestNetwork *net;

    g_mutex_lock(&s->lock);
    if ((net = get_by_name(s, name)))
        ret = api_network_new(conn, net->def->name, net->def->uuid);
    g_mutex_unlock(&s->lock);
    return ret;
}

static int
test_network_is_active(virNetworkPtr network)
{
    TestState *s = test_state_from_conn(network->conn);
    TestNetwork *net;
    int ret = -1;

    g_mutex_lock(&s->lock);
    if ((net = get_by_uuid(s, network->uuid)))
        ret = net->active;
    g_mutex_unlock(&s->lock);
    return ret;
}

static int
test_network_is_persistent(virNetworkPtr network)
{
    TestState *s = test_state_from_conn(network->conn);
    TestNetwork *net;
    int ret = -1;

    g_mutex_lock(&s->lock);
    if ((net = get_by_uuid(s, network->uuid)))
        ret = net->persistent;
    g_mutex_unlock(&s->lock);
    return ret;
}

/* ---- lifecycle ----------------------------------------------------------- */

static virNetworkPtr
test_network_create_xml_flags(virConnectPtr conn, const char *xmlDesc, unsigned int flags)
{
    TestState *s = test_state_from_conn(conn);
    virNetworkPtr ret = NULL;
    TestNetwork *net;
    NetDef *def;

    if (!test_obj_check_flags(flags, 0, "testNetworkCreateXMLFlags"))
        return NULL;
    if (!(def = net_def_parse_string(xmlDesc, 0)))
        return NULL;
    g_mutex_lock(&s->lock);
    if (!(net = assign_def(s->networks, def, ASSIGN_LIVE | ASSIGN_CHECK_LIVE))) {
        net_def_free(def);
    } else {
        net->active = true;
        emit(s, net->def, VIR_NETWORK_EVENT_STARTED);
        ret = api_network_new(conn, net->def->name, net->def->uuid);
    }
    g_mutex_unlock(&s->lock);
    return ret;
}

static virNetworkPtr
test_network_create_xml(virConnectPtr conn, const char *xmlDesc)
{
    return test_network_create_xml_flags(conn, xmlDesc, 0);
}

static virNetworkPtr
test_network_define_xml_flags(virConnectPtr conn, const char *xml, unsigned int flags)
{
    TestState *s = test_state_from_conn(conn);
    virNetworkPtr ret = NULL;
    TestNetwork *net;
    NetDef *def;

    if (!test_obj_check_flags(flags, VIR_NETWORK_DEFINE_VALIDATE, "testNetworkDefineXMLFlags"))
        return NULL;
    def = net_def_parse_string(xml, (flags & VIR_NETWORK_DEFINE_VALIDATE) ?
                               XMLMAP_PARSE_STRICT : 0);
    if (!def)
        return NULL;
    g_mutex_lock(&s->lock);
    if (!(net = assign_def(s->networks, def, 0))) {
        net_def_free(def);
    } else {
        /* the event names the object's current (possibly live) definition */
        emit(s, net->def, VIR_NETWORK_EVENT_DEFINED);
        ret = api_network_new(conn, net->def->name, net->def->uuid);
    }
    g_mutex_unlock(&s->lock);
    return ret;
}

static virNetworkPtr
test_network_define_xml(virConnectPtr conn, const char *xml)
{
    return test_network_define_xml_flags(conn, xml, 0);
}

static int
test_network_undefine(virNetworkPtr network)
{
    TestState *s = test_state_from_conn(network->conn);
    TestNetwork *net;
    int ret = -1;

    g_mutex_lock(&s->lock);
    if (!(net = get_by_name(s, network->name)))
        goto out;
    if (net->active) {
        err_report(VIR_ERR_OPERATION_INVALID, "Network '%s' is still running", network->name);
        goto out;
    }
    emit(s, net->def, VIR_NETWORK_EVENT_UNDEFINED);
    remove_network(s->networks, net);
    ret = 0;
 out:
    g_mutex_unlock(&s->lock);
    return ret;
}

static int
test_network_create(virNetworkPtr network)
{
    TestState *s = test_state_from_conn(network->conn);
    TestNetwork *net;
    int ret = -1;

    g_mutex_lock(&s->lock);
    if (!(net = get_by_name(s, network->name)))
        goto out;
    if (net->active) {
        err_report(VIR_ERR_OPERATION_INVALID, "Network '%s' is already running",
                   network->name);
        goto out;
    }
    net->active = true;
    emit(s, net->def, VIR_NETWORK_EVENT_STARTED);
    ret = 0;
 out:
    g_mutex_unlock(&s->lock);
    return ret;
}

/* Like libvirt's test driver: no "is it running" check, and the running
 * definition stays the one shown afterwards. */
static int
test_network_destroy(virNetworkPtr network)
{
    TestState *s = test_state_from_conn(network->conn);
    TestNetwork *net;
    int ret = -1;

    g_mutex_lock(&s->lock);
    if ((net = get_by_name(s, network->name))) {
        net->active = false;
        emit(s, net->def, VIR_NETWORK_EVENT_STOPPED);
        if (!net->persistent)
            remove_network(s->networks, net);
        ret = 0;
    }
    g_mutex_unlock(&s->lock);
    return ret;
}

static char *
test_network_get_xml_desc(virNetworkPtr network, unsigned int flags)
{
    TestState *s = test_state_from_conn(network->conn);
    TestNetwork *net;
    char *ret = NULL;

    if (!test_obj_check_flags(flags, 0, "testNetworkGetXMLDesc"))
        return NULL;
    g_mutex_lock(&s->lock);
    if ((net = get_by_name(s, network->name)))
        ret = net_def_format(net->def, 0);
    g_mutex_unlock(&s->lock);
    return ret;
}

static char *
test_network_get_bridge_name(virNetworkPtr network)
{
    TestState *s = test_state_from_conn(network->conn);
    TestNetwork *net;
    char *ret = NULL;

    g_mutex_lock(&s->lock);
    if ((net = get_by_name(s, network->name))) {
        if (!net->def->bridge)
            err_report(VIR_ERR_INTERNAL_ERROR, "network '%s' does not have a bridge name.",
                       net->def->name);
        else
            ret = g_strdup(net->def->bridge);
    }
    g_mutex_unlock(&s->lock);
    return ret;
}

static int
test_network_get_autostart(virNetworkPtr network, int *autostart)
{
    TestState *s = test_state_from_conn(network->conn);
    TestNetwork *net;
    int ret = -1;

    g_mutex_lock(&s->lock);
    if ((net = get_by_name(s, network->name))) {
        *autostart = net->autostart ? 1 : 0;
        ret = 0;
    }
    g_mutex_unlock(&s->lock);
    return ret;
}

static int
test_network_set_autostart(virNetworkPtr network, int autostart)
{
    TestState *s = test_state_from_conn(network->conn);
    TestNetwork *net;
    int ret = -1;

    g_mutex_lock(&s->lock);
    if ((net = get_by_name(s, network->name))) {
        net->autostart = autostart != 0;
        ret = 0;
    }
    g_mutex_unlock(&s->lock);
    return ret;
}

/* ---- section updates ----------------------------------------------------- */

/* An update snippet is read as part of a synthetic <network> so that every
 * element keeps the model's own table: @before and @after wrap it. */
static NetDef *
parse_wrapped(const char *snippet, const char *expect, const char *netname,
              const char *before, const char *after)
{
    g_autoptr(xmlDoc) doc = NULL;
    g_autoptr(GString) text = g_string_new("<network><name>update</name>");
    xmlBuffer *buf;
    xmlNode *root;
    void *def = NULL;

    if (xmlmap_read_doc(snippet, "(network_update)", VIR_FROM_NETWORK, &doc) < 0)
        return NULL;
    root = xmlDocGetRootElement(doc);
    if (!xmlStrEqual(root->name, BAD_CAST expect)) {
        net_err(VIR_ERR_XML_ERROR,
                "unexpected element <%s>, expecting <%s>, while updating network '%s'",
                (const char *) root->name, expect, netname);
        return NULL;
    }
    buf = xmlBufferCreate();
    xmlNodeDump(buf, doc, root, 0, 0);
    g_string_append_printf(text, "%s%s%s</network>", before,
                           (const char *) xmlBufferContent(buf), after);
    xmlBufferFree(buf);
    /* the synthetic parent would not pass the network rules */
    if (xmlmap_parse_string(&net_def_schema, text->str, &def, XMLMAP_PARSE_SKIP_VALIDATE) < 0)
        return NULL;
    return def;
}

/* The <ip> element an IP section update addresses: @index, or the first of
 * the family the snippet needs when -1. */
static NetIpDef *
update_find_ip(NetDef *def, int index, int family, const char *what)
{
    if (index >= 0) {
        if ((size_t) index < def->nips)
            return &def->ips[index];
        net_err(VIR_ERR_OPERATION_INVALID,
                "couldn't update %s entry - no <ip> element found at index %d in network '%s'",
                what, index, def->name);
        return NULL;
    }
    for (size_t i = 0; i < def->nips; i++) {
        int f = def->ips[i].address.family ? def->ips[i].address.family : AF_INET;

        if (f == family)
            return &def->ips[i];
    }
    net_err(VIR_ERR_OPERATION_INVALID,
            "couldn't update %s entry - no <ip> element found in network '%s'",
            what, def->name);
    return NULL;
}

static bool
ip_eq(const IpAddr *a, const IpAddr *b)
{
    return a->family && ip_addr_equal(a, b);
}

static bool
str_eq(const char *a, const char *b)
{
    return a && b && g_str_equal(a, b);
}

static bool
mac_eq(const char *a, const char *b)
{
    return a && b && g_ascii_strcasecmp(a, b) == 0;
}

static void
describe_attr(GString *out, bool quoted, const char *name, const char *value)
{
    if (quoted)
        g_string_append_printf(out, " \"%s='%s'\"", name, value);
    else
        g_string_append_printf(out, " %s='%s'", name, value);
}

static void
host_describe(GString *out, const NetDhcpHost *h, bool quoted)
{
    char buf[INET6_ADDRSTRLEN];

    if (h->mac)
        describe_attr(out, quoted, "mac", h->mac);
    if (h->id)
        describe_attr(out, quoted, "id", h->id);
    if (h->name)
        describe_attr(out, quoted, "name", h->name);
    if (h->ip.family) {
        ip_addr_format(&h->ip, buf);
        describe_attr(out, quoted, "ip", buf);
    }
}

/* Move item @from of an array of @size-byte items to its front or back
 * (the new item is appended first, then placed). */
static void
array_place_new(void *arr, size_t n, size_t size, bool first)
{
    g_autofree void *tmp = NULL;

    if (!first || n < 2)
        return;
    tmp = g_memdup2((char *) arr + (n - 1) * size, size);
    memmove((char *) arr + size, arr, (n - 1) * size);
    memcpy(arr, tmp, size);
}

static void
array_remove(void *arr, size_t *n, size_t size, size_t idx)
{
    memmove((char *) arr + idx * size, (char *) arr + (idx + 1) * size, (*n - idx - 1) * size);
    (*n)--;
}

static int
update_dhcp_host(NetDef *def, unsigned int command, int index, const char *xml)
{
    g_autoptr(NetDef) wrap = NULL;
    NetDhcpHost *h;
    NetIpDef *ip;
    NetDhcp *dhcp;
    int family;
    size_t i;

    /* the family of the host's address picks the <ip> parent */
    wrap = parse_wrapped(xml, "host", def->name,
                         "<ip address='0.0.0.0' prefix='0'><dhcp>", "</dhcp></ip>");
    if (!wrap)
        return -1;
    h = &wrap->ips[0].dhcp.hosts[0];
    family = h->ip.family ? h->ip.family : (h->id ? AF_INET6 : AF_INET);
    if (!(ip = update_find_ip(def, index, family, "dhcp host")))
        return -1;
    dhcp = &ip->dhcp;
    for (i = 0; i < dhcp->nhosts; i++) {
        const NetDhcpHost *e = &dhcp->hosts[i];

        if (command == VIR_NETWORK_UPDATE_COMMAND_DELETE) {
            if ((!h->mac || mac_eq(h->mac, e->mac)) && (!h->id || str_eq(h->id, e->id)) &&
                (!h->name || str_eq(h->name, e->name)) &&
                (!h->ip.family || ip_eq(&h->ip, &e->ip)))
                break;
        } else if (command == VIR_NETWORK_UPDATE_COMMAND_MODIFY) {
            if (h->mac ? mac_eq(h->mac, e->mac) : h->id ? str_eq(h->id, e->id) :
                str_eq(h->name, e->name))
                break;
        } else if (mac_eq(h->mac, e->mac) || str_eq(h->id, e->id) ||
                   str_eq(h->name, e->name) || ip_eq(&h->ip, &e->ip)) {
            break;
        }
    }
    if (command == VIR_NETWORK_UPDATE_COMMAND_MODIFY ||
        command == VIR_NETWORK_UPDATE_COMMAND_DELETE) {
        if (i == dhcp->nhosts) {
            g_autoptr(GString) d = g_string_new(NULL);

            if (command == VIR_NETWORK_UPDATE_COMMAND_DELETE) {
                net_err(VIR_ERR_OPERATION_INVALID,
                        "couldn't locate a matching dhcp host entry in network '%s'",
                        def->name);
                return -1;
            }
            host_describe(d, h, true);
            net_err(VIR_ERR_OPERATION_INVALID,
                    "couldn't locate an existing dhcp host entry with%s in network '%s'",
                    d->str, def->name);
            return -1;
        }
        g_free(dhcp->hosts[i].mac);
        g_free(dhcp->hosts[i].id);
        g_free(dhcp->hosts[i].name);
        g_free(dhcp->hosts[i].lease);
        if (command == VIR_NETWORK_UPDATE_COMMAND_DELETE) {
            array_remove(dhcp->hosts, &dhcp->nhosts, sizeof(*h), i);
        } else {
            dhcp->hosts[i] = *h;
            memset(h, 0, sizeof(*h));
        }
        return 0;
    }
    if (i < dhcp->nhosts) {
        g_autoptr(GString) d = g_string_new("<host");

        host_describe(d, h, false);
        net_err(VIR_ERR_OPERATION_INVALID,
                "there is an existing dhcp host entry in network '%s' that matches \"%s/>\"",
                def->name, d->str);
        return -1;
    }
    dhcp->hosts = g_renew(NetDhcpHost, dhcp->hosts, dhcp->nhosts + 1);
    dhcp->hosts[dhcp->nhosts++] = *h;
    memset(h, 0, sizeof(*h));
    array_place_new(dhcp->hosts, dhcp->nhosts, sizeof(*h),
                    command == VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST);
    return 0;
}

static int
update_dhcp_range(NetDef *def, unsigned int command, int index, const char *xml)
{
    g_autoptr(NetDef) wrap = NULL;
    char start[INET6_ADDRSTRLEN];
    char end[INET6_ADDRSTRLEN];
    NetDhcpRange *r;
    NetIpDef *ip;
    NetDhcp *dhcp;
    size_t i;

    wrap = parse_wrapped(xml, "range", def->name,
                         "<ip address='0.0.0.0' prefix='0'><dhcp>", "</dhcp></ip>");
    if (!wrap)
        return -1;
    r = &wrap->ips[0].dhcp.ranges[0];
    if (command == VIR_NETWORK_UPDATE_COMMAND_MODIFY) {
        net_err(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                "dhcp ranges cannot be modified, only added or deleted");
        return -1;
    }
    if (!(ip = update_find_ip(def, index, r->start.family, "dhcp range")))
        return -1;
    dhcp = &ip->dhcp;
    for (i = 0; i < dhcp->nranges; i++) {
        if (ip_eq(&r->start, &dhcp->ranges[i].start) && ip_eq(&r->end, &dhcp->ranges[i].end))
            break;
    }
    if (command == VIR_NETWORK_UPDATE_COMMAND_DELETE) {
        if (i == dhcp->nranges) {
            net_err(VIR_ERR_OPERATION_INVALID,
                    "couldn't locate a matching dhcp range entry in network '%s'", def->name);
            return -1;
        }
        g_free(dhcp->ranges[i].lease);
        array_remove(dhcp->ranges, &dhcp->nranges, sizeof(*r), i);
        return 0;
    }
    if (i < dhcp->nranges) {
        ip_addr_format(&r->start, start);
        ip_addr_format(&r->end, end);
        net_err(VIR_ERR_OPERATION_INVALID,
                "there is an existing dhcp range entry in network '%s' that matches "
                "\"<range start='%s' end='%s'/>\"", def->name, start, end);
        return -1;
    }
    dhcp->ranges = g_renew(NetDhcpRange, dhcp->ranges, dhcp->nranges + 1);
    dhcp->ranges[dhcp->nranges++] = *r;
    memset(r, 0, sizeof(*r));
    array_place_new(dhcp->ranges, dhcp->nranges, sizeof(*r),
                    command == VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST);
    return 0;
}

/* The DNS, portgroup and forward interface sections differ only in where
 * their array lives, how two entries match and what an entry is called. */
typedef struct {
    const char *elem;               /* snippet element */
    const char *before, *after;     /* synthetic wrapper */
    const char *label;              /* for messages */
    bool modify;                    /* entries can be replaced in place */
    size_t size;
    void **(*array)(NetDef *def, size_t **ret_count);
    bool (*match)(const void *a, const void *b);
} ListSection;

static void **
dns_hosts(NetDef *d, size_t **n)
{
    *n = &d->dns.nhosts;
    return (void **) &d->dns.hosts;
}

static void **
dns_txts(NetDef *d, size_t **n)
{
    *n = &d->dns.ntxts;
    return (void **) &d->dns.txts;
}

static void **
dns_srvs(NetDef *d, size_t **n)
{
    *n = &d->dns.nsrvs;
    return (void **) &d->dns.srvs;
}

static void **
portgroups(NetDef *d, size_t **n)
{
    *n = &d->nportgroups;
    return (void **) &d->portgroups;
}

static void **
fwd_ifaces(NetDef *d, size_t **n)
{
    *n = &d->forward.nifaces;
    return (void **) &d->forward.ifaces;
}

static bool
match_dns_host(const void *a, const void *b)
{
    return ip_eq(&((const NetDnsHost *) a)->ip, &((const NetDnsHost *) b)->ip);
}

static bool
match_dns_txt(const void *a, const void *b)
{
    return str_eq(((const NetDnsTxt *) a)->name, ((const NetDnsTxt *) b)->name);
}

static bool
match_dns_srv(const void *a, const void *b)
{
    const NetDnsSrv *x = a;
    const NetDnsSrv *y = b;

    return str_eq(x->service, y->service) && str_eq(x->protocol, y->protocol) &&
           (!x->domain || str_eq(x->domain, y->domain)) &&
           (!x->target || str_eq(x->target, y->target)) &&
           (!x->port_seen || x->port == y->port);
}

static bool
match_portgroup(const void *a, const void *b)
{
    return str_eq(((const NetPortGroup *) a)->name, ((const NetPortGroup *) b)->name);
}

static bool
match_fwd_iface(const void *a, const void *b)
{
    return str_eq(((const NetForwardIface *) a)->dev, ((const NetForwardIface *) b)->dev);
}

static const ListSection section_dns_host = {
    "host", "<dns>", "</dns>", "DNS HOST", false, sizeof(NetDnsHost), dns_hosts,
    match_dns_host,
};
static const ListSection section_dns_txt = {
    "txt", "<dns>", "</dns>", "DNS TXT", false, sizeof(NetDnsTxt), dns_txts, match_dns_txt,
};
static const ListSection section_dns_srv = {
    "srv", "<dns>", "</dns>", "DNS SRV", false, sizeof(NetDnsSrv), dns_srvs, match_dns_srv,
};
static const ListSection section_portgroup = {
    "portgroup", "", "", "portgroup", true, sizeof(NetPortGroup), portgroups,
    match_portgroup,
};
static const ListSection section_fwd_iface = {
    "interface", "<forward mode='bridge'>", "</forward>", "forward interface", false,
    sizeof(NetForwardIface), fwd_ifaces, match_fwd_iface,
};

/* Free what @entry owns, by clearing a one-entry array of it with the
 * network table (the entry struct itself stays for the caller). */
static void
section_free_entry(const ListSection *sec, void *entry)
{
    g_autoptr(NetDef) tmp = g_new0(NetDef, 1);
    size_t *n;
    void **arr = sec->array(tmp, &n);

    *arr = g_memdup2(entry, sec->size);
    *n = 1;
}

static int
update_list(NetDef *def, const ListSection *sec, unsigned int command, const char *xml)
{
    g_autoptr(NetDef) wrap = parse_wrapped(xml, sec->elem, def->name, sec->before,
                                           sec->after);
    size_t *wn;
    size_t *n;
    char *item;
    char **arr;
    size_t i;

    if (!wrap)
        return -1;
    item = *(char **) sec->array(wrap, &wn);
    arr = (char **) sec->array(def, &n);
    for (i = 0; i < *n; i++) {
        if (sec->match(item, *arr + i * sec->size))
            break;
    }
    if (command == VIR_NETWORK_UPDATE_COMMAND_MODIFY && !sec->modify) {
        net_err(VIR_ERR_OPERATION_UNSUPPORTED,
                "%s entries cannot be modified, only added or deleted", sec->label);
        return -1;
    }
    if (command == VIR_NETWORK_UPDATE_COMMAND_MODIFY ||
        command == VIR_NETWORK_UPDATE_COMMAND_DELETE) {
        if (i == *n) {
            net_err(VIR_ERR_OPERATION_INVALID,
                    "couldn't locate a matching %s entry in network '%s'", sec->label,
                    def->name);
            return -1;
        }
        section_free_entry(sec, *arr + i * sec->size);
        if (command == VIR_NETWORK_UPDATE_COMMAND_DELETE) {
            array_remove(*arr, n, sec->size, i);
        } else {
            memcpy(*arr + i * sec->size, item, sec->size);
            *wn = 0;
        }
        return 0;
    }
    if (i < *n) {
        net_err(VIR_ERR_OPERATION_INVALID,
                "there is already a matching %s entry in network '%s'", sec->label,
                def->name);
        return -1;
    }
    *arr = g_realloc(*arr, (*n + 1) * sec->size);
    memcpy(*arr + (*n)++ * sec->size, item, sec->size);
    *wn = 0;
    array_place_new(*arr, *n, sec->size, command == VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST);
    return 0;
}

static int
update_def(NetDef *def, unsigned int command, unsigned int section, int index,
           const char *xml)
{
    static const char *const fixed[] = {
        [VIR_NETWORK_SECTION_BRIDGE] = "bridge", [VIR_NETWORK_SECTION_DOMAIN] = "domain",
        [VIR_NETWORK_SECTION_IP] = "ip", [VIR_NETWORK_SECTION_FORWARD] = "forward",
        [VIR_NETWORK_SECTION_FORWARD_PF] = "forward pf",
    };
    int r;

    switch (section) {
    case VIR_NETWORK_SECTION_IP_DHCP_HOST:
        return update_dhcp_host(def, command, index, xml);
    case VIR_NETWORK_SECTION_IP_DHCP_RANGE:
        return update_dhcp_range(def, command, index, xml);
    case VIR_NETWORK_SECTION_DNS_HOST:
        return update_list(def, &section_dns_host, command, xml);
    case VIR_NETWORK_SECTION_DNS_TXT:
        return update_list(def, &section_dns_txt, command, xml);
    case VIR_NETWORK_SECTION_DNS_SRV:
        return update_list(def, &section_dns_srv, command, xml);
    case VIR_NETWORK_SECTION_PORTGROUP:
        return update_list(def, &section_portgroup, command, xml);
    case VIR_NETWORK_SECTION_FORWARD_INTERFACE:
        r = update_list(def, &section_fwd_iface, command, xml);
        /* forward dev= follows the first interface */
        g_free(def->forward.dev);
        def->forward.dev = def->forward.nifaces ? g_strdup(def->forward.ifaces[0].dev) : NULL;
        return r;
    case VIR_NETWORK_SECTION_BRIDGE:
    case VIR_NETWORK_SECTION_DOMAIN:
    case VIR_NETWORK_SECTION_IP:
    case VIR_NETWORK_SECTION_FORWARD:
    case VIR_NETWORK_SECTION_FORWARD_PF:
        net_err(VIR_ERR_OPERATION_UNSUPPORTED, "can't update '%s' section of network '%s'",
                fixed[section], def->name);
        return -1;
    default:
        net_err(VIR_ERR_OPERATION_UNSUPPORTED, "can't update unrecognized section of network");
        return -1;
    }
}

static NetDef *
copy_def(const NetDef *def)
{
    return xmlmap_copy(&net_def_schema, def);
}

static int
test_network_update(virNetworkPtr network, unsigned int command, unsigned int section,
                    int parentIndex, const char *xml, unsigned int flags)
{
    TestState *s = test_state_from_conn(network->conn);
    g_autoptr(NetDef) live = NULL;
    g_autoptr(NetDef) config = NULL;
    TestNetwork *net;
    int ret = -1;

    if (!test_obj_check_flags(flags, VIR_NETWORK_UPDATE_AFFECT_LIVE |
                              VIR_NETWORK_UPDATE_AFFECT_CONFIG, "testNetworkUpdate"))
        return -1;
    g_mutex_lock(&s->lock);
    if (!(net = get_by_uuid(s, network->uuid)))
        goto out;
    if (!(flags & (VIR_NETWORK_UPDATE_AFFECT_LIVE | VIR_NETWORK_UPDATE_AFFECT_CONFIG)))
        flags |= net->active ? VIR_NETWORK_UPDATE_AFFECT_LIVE : VIR_NETWORK_UPDATE_AFFECT_CONFIG;
    if (!net->active && (flags & VIR_NETWORK_UPDATE_AFFECT_LIVE)) {
        net_err(VIR_ERR_OPERATION_INVALID, "network is not running");
        goto out;
    }
    if ((flags & VIR_NETWORK_UPDATE_AFFECT_CONFIG) && !net->persistent) {
        net_err(VIR_ERR_OPERATION_INVALID,
                "cannot change persistent config of a transient network");
        goto out;
    }
    if (command < VIR_NETWORK_UPDATE_COMMAND_MODIFY ||
        command > VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST) {
        net_err(VIR_ERR_OPERATION_UNSUPPORTED, "unrecognized network update command code %d",
                command);
        goto out;
    }
    if (flags & VIR_NETWORK_UPDATE_AFFECT_LIVE) {
        live = copy_def(net->def);
        if (!live || update_def(live, command, section, parentIndex, xml) < 0)
            goto out;
    }
    if (flags & VIR_NETWORK_UPDATE_AFFECT_CONFIG) {
        config = copy_def(net->newdef ? net->newdef : net->def);
        if (!config || update_def(config, command, section, parentIndex, xml) < 0)
            goto out;
    }
    if (config) {
        if (net->active) {
            net_def_free(net->newdef);
            net->newdef = g_steal_pointer(&config);
        } else {
            net_def_free(net->def);
            net->def = g_steal_pointer(&config);
        }
    }
    if (live) {
        if (net->persistent && !net->newdef)
            net->newdef = net->def;
        else
            net_def_free(net->def);
        net->def = g_steal_pointer(&live);
    }
    ret = 0;
 out:
    g_mutex_unlock(&s->lock);
    return ret;
}

/* ---- DHCP leases --------------------------------------------------------- */

/* There is no DHCP server behind a test network: a running network reports
 * one never-expiring lease per static <host> with a MAC and an address. */
static virNetworkDHCPLeasePtr
lease_of(const NetDef *def, const NetIpDef *ip, const NetDhcpHost *h)
{
    virNetworkDHCPLeasePtr l = g_new0(virNetworkDHCPLease, 1);
    char buf[INET6_ADDRSTRLEN];

    ip_addr_format(&h->ip, buf);
    l->iface = g_strdup(def->bridge);
    l->expirytime = 0;
    l->type = h->ip.family == AF_INET6 ? VIR_IP_ADDR_TYPE_IPV6 : VIR_IP_ADDR_TYPE_IPV4;
    l->mac = g_ascii_strdown(h->mac, -1);
    l->ipaddr = g_strdup(buf);
    l->prefix = (unsigned int) MAX(net_ip_prefix(ip), 0);
    l->hostname = g_strdup(h->name);
    return l;
}

static int
test_network_get_dhcp_leases(virNetworkPtr network, const char *mac,
                             virNetworkDHCPLeasePtr **leases, unsigned int flags)
{
    TestState *s = test_state_from_conn(network->conn);
    g_autoptr(GPtrArray) out = NULL;
    TestNetwork *net;
    int n;

    if (!test_obj_check_flags(flags, 0, "testNetworkGetDHCPLeases"))
        return -1;
    g_mutex_lock(&s->lock);
    if (!(net = get_by_uuid(s, network->uuid))) {
        g_mutex_unlock(&s->lock);
        return -1;
    }
    out = g_ptr_array_new_with_free_func((GDestroyNotify) virNetworkDHCPLeaseFree);
    for (size_t i = 0; net->active && i < net->def->nips; i++) {
        const NetIpDef *ip = &net->def->ips[i];

        for (size_t j = 0; j < ip->dhcp.nhosts; j++) {
            const NetDhcpHost *h = &ip->dhcp.hosts[j];

            if (!h->mac || !h->ip.family || (mac && g_ascii_strcasecmp(mac, h->mac) != 0))
                continue;
            g_ptr_array_add(out, lease_of(net->def, ip, h));
        }
    }
    g_mutex_unlock(&s->lock);
    n = (int) out->len;
    if (leases) {
        g_ptr_array_set_free_func(out, NULL);
        g_ptr_array_add(out, NULL);
        *leases = (virNetworkDHCPLeasePtr *) g_ptr_array_free(g_steal_pointer(&out), FALSE);
    }
    return n;
}

/* ---- ports --------------------------------------------------------------- */

static NetPortDef *
get_port(TestNetwork *net, const unsigned char *uuid)
{
    char key[VIR_UUID_STRING_BUFLEN];
    NetPortDef *port;

    uuid_format(uuid, key);
    if (!(port = g_hash_table_lookup(net->ports, key)))
        net_err(VIR_ERR_NO_NETWORK_PORT, "Network port with UUID %s does not exist", key);
    return port;
}

/* What libvirt's network driver plugs a new port into, by forward mode. */
static void
port_plug(const NetDef *def, NetPortDef *port)
{
    switch (def->forward.mode) {
    case NET_FORWARD_NONE:
    case NET_FORWARD_NAT:
    case NET_FORWARD_ROUTE:
    case NET_FORWARD_OPEN:
        port->plug_type = NET_PORT_PLUG_NETWORK;
        port->plug_bridge = g_strdup(def->bridge);
        port->plug_mac_table_manager = def->mac_table_manager;
        break;
    case NET_FORWARD_BRIDGE:
        if (def->bridge) {
            port->plug_type = NET_PORT_PLUG_BRIDGE;
            port->plug_bridge = g_strdup(def->bridge);
            port->plug_mac_table_manager = def->mac_table_manager;
            break;
        }
        G_GNUC_FALLTHROUGH;
    default:
        port->plug_type = NET_PORT_PLUG_DIRECT;
        port->plug_dev = g_strdup(def->forward.nifaces ? def->forward.ifaces[0].dev :
                                  def->forward.dev);
        port->plug_mode = def->forward.mode == NET_FORWARD_PRIVATE ? MACVLAN_MODE_PRIVATE :
                          def->forward.mode == NET_FORWARD_PASSTHROUGH ?
                          MACVLAN_MODE_PASSTHROUGH : def->forward.mode == NET_FORWARD_VEPA ?
                          MACVLAN_MODE_VEPA : MACVLAN_MODE_BRIDGE;
        break;
    }
}

static virNetworkPortPtr
test_network_port_create_xml(virNetworkPtr network, const char *xmldesc, unsigned int flags)
{
    TestState *s = test_state_from_conn(network->conn);
    g_autoptr(NetPortDef) port = NULL;
    virNetworkPortPtr ret = NULL;
    char key[VIR_UUID_STRING_BUFLEN];
    TestNetwork *net;

    if (!test_obj_check_flags(flags, VIR_NETWORK_PORT_CREATE_RECLAIM |
                              VIR_NETWORK_PORT_CREATE_VALIDATE, "testNetworkPortCreateXML"))
        return NULL;
    port = net_port_def_parse_string(xmldesc, (flags & VIR_NETWORK_PORT_CREATE_VALIDATE) ?
                                     XMLMAP_PARSE_STRICT : 0);
    if (!port)
        return NULL;
    g_mutex_lock(&s->lock);
    if (!(net = get_by_uuid(s, network->uuid)))
        goto out;
    if (!net->active) {
        err_report(VIR_ERR_OPERATION_INVALID, "network '%s' is not active", net->def->name);
        goto out;
    }
    uuid_format(port->uuid, key);
    if (g_hash_table_contains(net->ports, key)) {
        net_err(VIR_ERR_NETWORK_PORT_EXIST, "Network port with UUID %s already exists", key);
        goto out;
    }
    if (port->plug_type == NET_PORT_PLUG_NONE) {
        if (flags & VIR_NETWORK_PORT_CREATE_RECLAIM) {
            err_report(VIR_ERR_INVALID_ARG, "Port reclaim requested but plug type is none");
            goto out;
        }
        port_plug(net->def, port);
    } else if (!(flags & VIR_NETWORK_PORT_CREATE_RECLAIM)) {
        err_report(VIR_ERR_INVALID_ARG, "Port reclaim not requested but plug type is not none");
        goto out;
    }
    ret = api_network_port_new(network, port->uuid);
    g_hash_table_insert(net->ports, g_strdup(key), g_steal_pointer(&port));
 out:
    g_mutex_unlock(&s->lock);
    return ret;
}

static virNetworkPortPtr
test_network_port_lookup_by_uuid(virNetworkPtr network, const unsigned char *uuid)
{
    TestState *s = test_state_from_conn(network->conn);
    virNetworkPortPtr ret = NULL;
    TestNetwork *net;

    g_mutex_lock(&s->lock);
    if ((net = get_by_uuid(s, network->uuid)) && get_port(net, uuid))
        ret = api_network_port_new(network, uuid);
    g_mutex_unlock(&s->lock);
    return ret;
}

static int
test_network_list_all_ports(virNetworkPtr network, virNetworkPortPtr **ports,
                            unsigned int flags)
{
    TestState *s = test_state_from_conn(network->conn);
    GPtrArray *handles;
    GHashTableIter it;
    TestNetwork *net;
    gpointer v;

    if (!test_obj_check_flags(flags, 0, "testNetworkListAllPorts"))
        return -1;
    g_mutex_lock(&s->lock);
    if (!(net = get_by_uuid(s, network->uuid))) {
        g_mutex_unlock(&s->lock);
        return -1;
    }
    handles = g_ptr_array_new();
    g_hash_table_iter_init(&it, net->ports);
    while (g_hash_table_iter_next(&it, NULL, &v))
        g_ptr_array_add(handles, api_network_port_new(network, ((NetPortDef *) v)->uuid));
    g_mutex_unlock(&s->lock);
    return test_obj_export_list(handles, (void ***) ports);
}

/* The network and port a port handle names, or NULL (reported). */
static NetPortDef *
port_of_handle(TestState *s, virNetworkPortPtr port, TestNetwork **ret_net)
{
    TestNetwork *net = get_by_uuid(s, port->net->uuid);
    NetPortDef *def;

    if (!net || !(def = get_port(net, port->uuid)))
        return NULL;
    if (ret_net)
        *ret_net = net;
    return def;
}

static char *
test_network_port_get_xml_desc(virNetworkPortPtr port, unsigned int flags)
{
    TestState *s = test_state_from_conn(port->net->conn);
    NetPortDef *def;
    char *ret = NULL;

    if (!test_obj_check_flags(flags, 0, "testNetworkPortGetXMLDesc"))
        return NULL;
    g_mutex_lock(&s->lock);
    if ((def = port_of_handle(s, port, NULL)))
        ret = net_port_def_format(def, 0);
    g_mutex_unlock(&s->lock);
    return ret;
}

static int
test_network_port_delete(virNetworkPortPtr port, unsigned int flags)
{
    TestState *s = test_state_from_conn(port->net->conn);
    char key[VIR_UUID_STRING_BUFLEN];
    TestNetwork *net = NULL;
    int ret = -1;

    if (!test_obj_check_flags(flags, 0, "testNetworkPortDelete"))
        return -1;
    g_mutex_lock(&s->lock);
    if (port_of_handle(s, port, &net)) {
        uuid_format(port->uuid, key);
        g_hash_table_remove(net->ports, key);
        ret = 0;
    }
    g_mutex_unlock(&s->lock);
    return ret;
}

/* The port bandwidth parameters, in libvirt's order, and where each lives. */
static const struct {
    const char *name;
    bool in;
    size_t offset;
} port_params[] = {
    { VIR_NETWORK_PORT_BANDWIDTH_IN_AVERAGE, true, G_STRUCT_OFFSET(BandwidthRate, average) },
    { VIR_NETWORK_PORT_BANDWIDTH_IN_PEAK, true, G_STRUCT_OFFSET(BandwidthRate, peak) },
    { VIR_NETWORK_PORT_BANDWIDTH_IN_FLOOR, true, G_STRUCT_OFFSET(BandwidthRate, floor) },
    { VIR_NETWORK_PORT_BANDWIDTH_IN_BURST, true, G_STRUCT_OFFSET(BandwidthRate, burst) },
    { VIR_NETWORK_PORT_BANDWIDTH_OUT_AVERAGE, false, G_STRUCT_OFFSET(BandwidthRate, average) },
    { VIR_NETWORK_PORT_BANDWIDTH_OUT_PEAK, false, G_STRUCT_OFFSET(BandwidthRate, peak) },
    { VIR_NETWORK_PORT_BANDWIDTH_OUT_BURST, false, G_STRUCT_OFFSET(BandwidthRate, burst) },
};

static int
test_network_port_get_parameters(virNetworkPortPtr port, virTypedParameterPtr *params,
                                 int *nparams, unsigned int flags)
{
    TestState *s = test_state_from_conn(port->net->conn);
    virTypedParameterPtr out;
    NetPortDef *def;

    if (!test_obj_check_flags(flags, 0, "testNetworkPortGetParameters"))
        return -1;
    g_mutex_lock(&s->lock);
    if (!(def = port_of_handle(s, port, NULL))) {
        g_mutex_unlock(&s->lock);
        return -1;
    }
    out = g_new0(virTypedParameter, G_N_ELEMENTS(port_params));
    for (size_t i = 0; i < G_N_ELEMENTS(port_params); i++) {
        const BandwidthRate *r = port_params[i].in ? def->bandwidth.in : def->bandwidth.out;

        g_strlcpy(out[i].field, port_params[i].name, VIR_TYPED_PARAM_FIELD_LENGTH);
        out[i].type = VIR_TYPED_PARAM_UINT;
        out[i].value.ui = r ? (unsigned int)
            *(const unsigned long long *) ((const char *) r + port_params[i].offset) : 0;
    }
    g_mutex_unlock(&s->lock);
    *params = out;
    *nparams = G_N_ELEMENTS(port_params);
    return 0;
}

static int
test_network_port_set_parameters(virNetworkPortPtr port, virTypedParameterPtr params,
                                 int nparams, unsigned int flags)
{
    TestState *s = test_state_from_conn(port->net->conn);
    NetPortDef *def;
    int i;

    if (!test_obj_check_flags(flags, 0, "testNetworkPortSetParameters"))
        return -1;
    for (i = 0; i < nparams; i++) {
        size_t k;

        for (k = 0; k < G_N_ELEMENTS(port_params); k++) {
            if (g_str_equal(params[i].field, port_params[k].name))
                break;
        }
        if (k == G_N_ELEMENTS(port_params)) {
            err_report(VIR_ERR_ARGUMENT_UNSUPPORTED, "parameter '%s' not supported",
                       params[i].field);
            return -1;
        }
        if (params[i].type != VIR_TYPED_PARAM_UINT) {
            err_report(VIR_ERR_INVALID_ARG, "invalid type for parameter '%s'",
                       params[i].field);
            return -1;
        }
    }
    g_mutex_lock(&s->lock);
    if (!(def = port_of_handle(s, port, NULL))) {
        g_mutex_unlock(&s->lock);
        return -1;
    }
    for (i = 0; i < nparams; i++) {
        for (size_t k = 0; k < G_N_ELEMENTS(port_params); k++) {
            BandwidthRate **r = port_params[k].in ? &def->bandwidth.in : &def->bandwidth.out;

            if (!g_str_equal(params[i].field, port_params[k].name))
                continue;
            if (!*r)
                *r = g_new0(BandwidthRate, 1);
            *(unsigned long long *) ((char *) *r + port_params[k].offset) = params[i].value.ui;
        }
    }
    g_mutex_unlock(&s->lock);
    return 0;
}

/* ---- events -------------------------------------------------------------- */

static int
test_connect_network_event_register_any(virConnectPtr conn, virNetworkPtr net, int eventID,
                                        virConnectNetworkEventGenericCallback cb, void *opaque,
                                        virFreeCallback freecb)
{
    char buf[VIR_UUID_STRING_BUFLEN];

    if (eventID < 0 || eventID >= VIR_NETWORK_EVENT_ID_LAST) {
        err_report(VIR_ERR_INVALID_ARG, "unsupported event ID %d", eventID);
        return -1;
    }
    return test_event_register(conn, API_EVENT_FAMILY_NETWORK, eventID,
                               net ? test_event_key(API_EVENT_FAMILY_NETWORK, net->name,
                                                    net->uuid, buf) : NULL,
                               (ApiEventGenericFunc) cb, opaque, freecb);
}

static int
test_connect_network_event_deregister_any(virConnectPtr conn, int callbackID)
{
    return test_event_deregister(conn, API_EVENT_FAMILY_NETWORK, callbackID);
}

const ApiNetworkDriver test_network_driver = {
    .name = "Test",
    .connectListAllNetworks = test_connect_list_all_networks,
    .connectListDefinedNetworks = test_connect_list_defined_networks,
    .connectListNetworks = test_connect_list_networks,
    .connectNetworkEventDeregisterAny = test_connect_network_event_deregister_any,
    .connectNetworkEventRegisterAny = test_connect_network_event_register_any,
    .connectNumOfDefinedNetworks = test_connect_num_of_defined_networks,
    .connectNumOfNetworks = test_connect_num_of_networks,
    .networkCreate = test_network_create,
    .networkCreateXML = test_network_create_xml,
    .networkCreateXMLFlags = test_network_create_xml_flags,
    .networkDefineXML = test_network_define_xml,
    .networkDefineXMLFlags = test_network_define_xml_flags,
    .networkDestroy = test_network_destroy,
    .networkGetAutostart = test_network_get_autostart,
    .networkGetBridgeName = test_network_get_bridge_name,
    .networkGetDHCPLeases = test_network_get_dhcp_leases,
    .networkGetXMLDesc = test_network_get_xml_desc,
    .networkIsActive = test_network_is_active,
    .networkIsPersistent = test_network_is_persistent,
    .networkListAllPorts = test_network_list_all_ports,
    .networkLookupByName = test_network_lookup_by_name,
    .networkLookupByUUID = test_network_lookup_by_uuid,
    .networkPortCreateXML = test_network_port_create_xml,
    .networkPortDelete = test_network_port_delete,
    .networkPortGetParameters = test_network_port_get_parameters,
    .networkPortGetXMLDesc = test_network_port_get_xml_desc,
    .networkPortLookupByUUID = test_network_port_lookup_by_uuid,
    .networkPortSetParameters = test_network_port_set_parameters,
    .networkSetAutostart = test_network_set_autostart,
    .networkUndefine = test_network_undefine,
    .networkUpdate = test_network_update,
};
