/* api/test/test-nodedev.c: host (node) devices of the test driver. The fake
 * host has a computer and three fibre channel SCSI hosts; creating a vHBA
 * copies scsi_host11 as scsi_host12 the way libvirt's test driver mocks it.
 * Mediated devices can also be defined, started, stopped and undefined, and
 * have autostart, following libvirt's node device driver; like its udev
 * backend, every other device is active, persistent and autostarted, and
 * refuses undefine, start and autostart changes as an unsupported type. */
#include "config.h"

#include <string.h>

#define ERR_DOMAIN VIR_FROM_TEST
#include "api/test/test-objects.h"
#include "common/conf/nodedev_conf.h"
#include "common/util/err.h"
#include "common/util/uuid.h"

#define nodedev_err(code, ...) \
    err_report_full(VIR_FROM_NODEDEV, (code), __FILE__, __func__, __LINE__, __VA_ARGS__)

/* the vHBA libvirt's test driver creates, and the device it copies */
#define VPORT_NAME "scsi_host12"
#define VPORT_TEMPLATE "scsi_host11"

typedef struct {
    NodeDevDef *def;
    bool active;
    bool persistent;
    bool autostart;
} TestNodedev;

struct TestNodedevs {
    GHashTable *objs;           /* name -> TestNodedev, libvirt's key */
};

static void
nodedev_free(gpointer p)
{
    TestNodedev *dev = p;

    nodedev_def_free(dev->def);
    g_free(dev);
}

TestNodedevs *
test_nodedevs_new(void)
{
    TestNodedevs *devs = g_new0(TestNodedevs, 1);

    devs->objs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, nodedev_free);
    return devs;
}

void
test_nodedevs_free(TestNodedevs *devs)
{
    if (!devs)
        return;
    g_hash_table_unref(devs->objs);
    g_free(devs);
}

static TestNodedev *
find_dev(TestState *s, const char *name)
{
    return g_hash_table_lookup(s->nodedevs->objs, name);
}

static TestNodedev *
get_dev(TestState *s, const char *name)
{
    TestNodedev *dev = find_dev(s, name);

    if (!dev)
        err_report(VIR_ERR_NO_NODE_DEVICE, "no node device with matching name '%s'", name);
    return dev;
}

/* Add or replace the device named like @def (consumed). */
static TestNodedev *
assign_def(TestState *s, NodeDevDef *def)
{
    TestNodedev *dev = find_dev(s, def->name);

    if (dev) {
        nodedev_def_free(dev->def);
        dev->def = def;
        return dev;
    }
    dev = g_new0(TestNodedev, 1);
    dev->def = def;
    g_hash_table_insert(s->nodedevs->objs, g_strdup(def->name), dev);
    return dev;
}

static void
emit(TestState *s, const char *name, int event_id, int event)
{
    TestEventData d = { .name = name, .event = event };

    test_emit_event(s, API_EVENT_FAMILY_NODE_DEVICE, event_id, &d);
}

static void
emit_lifecycle(TestState *s, const char *name, int event)
{
    emit(s, name, VIR_NODE_DEVICE_EVENT_ID_LIFECYCLE, event);
}

/* ---- defaults and host files --------------------------------------------- */

/* As libvirt 9.0's test driver shows them. */
static const char *const default_devices[] = {
    "<device>"
    "  <name>computer</name>"
    "  <capability type='system'>"
    "    <hardware>"
    "      <vendor>Libvirt</vendor>"
    "      <version>Test driver</version>"
    "      <serial>123456</serial>"
    "      <uuid>11111111-2222-3333-4444-555555555555</uuid>"
    "    </hardware>"
    "    <firmware>"
    "      <vendor>Libvirt</vendor>"
    "      <version>Test Driver</version>"
    "      <release_date>01/22/2007</release_date>"
    "    </firmware>"
    "  </capability>"
    "</device>",
    "<device>"
    "  <name>scsi_host1</name>"
    "  <parent>computer</parent>"
    "  <capability type='scsi_host'>"
    "    <host>1</host>"
    "    <unique_id>0</unique_id>"
    "    <capability type='fc_host'>"
    "      <wwnn>2000000012341234</wwnn>"
    "      <wwpn>1000000012341234</wwpn>"
    "      <fabric_wwn>2000000043214321</fabric_wwn>"
    "    </capability>"
    "    <capability type='vport_ops'>"
    "      <max_vports>0</max_vports>"
    "      <vports>0</vports>"
    "    </capability>"
    "  </capability>"
    "</device>",
    "<device>"
    "  <name>scsi_host2</name>"
    "  <parent>computer</parent>"
    "  <capability type='scsi_host'>"
    "    <host>2</host>"
    "    <unique_id>1</unique_id>"
    "    <capability type='fc_host'>"
    "      <wwnn>2000000056785678</wwnn>"
    "      <wwpn>1000000056785678</wwpn>"
    "      <fabric_wwn>2000000087658765</fabric_wwn>"
    "    </capability>"
    "    <capability type='vport_ops'>"
    "      <max_vports>0</max_vports>"
    "      <vports>0</vports>"
    "    </capability>"
    "  </capability>"
    "</device>",
    "<device>"
    "  <name>scsi_host11</name>"
    "  <parent>scsi_host1</parent>"
    "  <capability type='scsi_host'>"
    "    <host>11</host>"
    "    <unique_id>10</unique_id>"
    "    <capability type='fc_host'>"
    "      <wwnn>2000000034563456</wwnn>"
    "      <wwpn>1000000034563456</wwpn>"
    "      <fabric_wwn>2000000043214321</fabric_wwn>"
    "    </capability>"
    "  </capability>"
    "</device>",
};

static NodeDevMdev *mdev_of(NodeDevDef *def);

/* A device of the host (not a mediated device), as libvirt's udev backend
 * lists one: active, persistent and autostarted. */
static void
set_host_device(TestNodedev *dev)
{
    dev->active = true;
    dev->persistent = true;
    dev->autostart = true;
}

/* Host-file and default devices exist on the host. */
static int
add_loaded(TestState *s, NodeDevDef *def)
{
    TestNodedev *dev;

    if (!def->name) {
        nodedev_err(VIR_ERR_XML_ERROR, "%s", "node device has no name");
        nodedev_def_free(def);
        return -1;
    }
    dev = assign_def(s, def);
    if (mdev_of(dev->def))
        dev->active = true;     /* started outside libvirt: transient */
    else
        set_host_device(dev);
    return 0;
}

int
test_nodedevs_add_defaults(TestNodedevs *devs, TestState *s)
{
    for (size_t i = 0; i < G_N_ELEMENTS(default_devices); i++) {
        NodeDevDef *def = nodedev_def_parse_string(default_devices[i], 0);

        if (!def || add_loaded(s, def) < 0)
            return -1;
    }
    return 0;
}

int
test_nodedevs_load(TestNodedevs *devs, TestState *s, xmlNode *node, const char *basedir)
{
    NodeDevDef *def = test_obj_load_node(node, basedir, &nodedev_def_schema, 0);

    return def ? add_loaded(s, def) : -1;
}

/* ---- capabilities -------------------------------------------------------- */

static bool
types_have_entries(const NodeDevMdevTypes *t)
{
    return t->ntypes > 0;
}

/* Whether @def has capability @cap, nested ones (fc_host, vports,
 * mdev_types, vpd) included, as libvirt's filters see them. */
static bool
has_cap(const NodeDevDef *def, int cap)
{
    for (size_t i = 0; i < def->ncaps; i++) {
        const NodeDevCap *c = &def->caps[i];

        if (c->type == cap)
            return true;
        switch (cap) {
        case NODEDEV_CAP_FC_HOST:
            if (c->type == NODEDEV_CAP_SCSI_HOST && c->u.scsi_host.has_fc_host)
                return true;
            break;
        case NODEDEV_CAP_VPORTS:
            if (c->type == NODEDEV_CAP_SCSI_HOST && c->u.scsi_host.has_vport_ops)
                return true;
            break;
        case NODEDEV_CAP_MDEV_TYPES:
            if ((c->type == NODEDEV_CAP_PCI && types_have_entries(&c->u.pci.mdev_types)) ||
                ((c->type == NODEDEV_CAP_CSS || c->type == NODEDEV_CAP_CCW) &&
                 types_have_entries(&c->u.ccw.mdev_types)) ||
                (c->type == NODEDEV_CAP_AP_MATRIX && types_have_entries(&c->u.ap_matrix)))
                return true;
            break;
        case NODEDEV_CAP_VPD:
            if (c->type == NODEDEV_CAP_PCI && c->u.pci.vpd)
                return true;
            break;
        default:
            break;
        }
    }
    return false;
}

/* VIR_CONNECT_LIST_NODE_DEVICES_CAP_* bit of each capability type. */
static const unsigned int cap_flags[NODEDEV_CAP_LAST] = {
    [NODEDEV_CAP_SYSTEM] = VIR_CONNECT_LIST_NODE_DEVICES_CAP_SYSTEM,
    [NODEDEV_CAP_PCI] = VIR_CONNECT_LIST_NODE_DEVICES_CAP_PCI_DEV,
    [NODEDEV_CAP_USB_DEV] = VIR_CONNECT_LIST_NODE_DEVICES_CAP_USB_DEV,
    [NODEDEV_CAP_USB_IF] = VIR_CONNECT_LIST_NODE_DEVICES_CAP_USB_INTERFACE,
    [NODEDEV_CAP_NET] = VIR_CONNECT_LIST_NODE_DEVICES_CAP_NET,
    [NODEDEV_CAP_SCSI_HOST] = VIR_CONNECT_LIST_NODE_DEVICES_CAP_SCSI_HOST,
    [NODEDEV_CAP_SCSI_TARGET] = VIR_CONNECT_LIST_NODE_DEVICES_CAP_SCSI_TARGET,
    [NODEDEV_CAP_SCSI] = VIR_CONNECT_LIST_NODE_DEVICES_CAP_SCSI,
    [NODEDEV_CAP_STORAGE] = VIR_CONNECT_LIST_NODE_DEVICES_CAP_STORAGE,
    [NODEDEV_CAP_FC_HOST] = VIR_CONNECT_LIST_NODE_DEVICES_CAP_FC_HOST,
    [NODEDEV_CAP_VPORTS] = VIR_CONNECT_LIST_NODE_DEVICES_CAP_VPORTS,
    [NODEDEV_CAP_SCSI_GENERIC] = VIR_CONNECT_LIST_NODE_DEVICES_CAP_SCSI_GENERIC,
    [NODEDEV_CAP_DRM] = VIR_CONNECT_LIST_NODE_DEVICES_CAP_DRM,
    [NODEDEV_CAP_MDEV_TYPES] = VIR_CONNECT_LIST_NODE_DEVICES_CAP_MDEV_TYPES,
    [NODEDEV_CAP_MDEV] = VIR_CONNECT_LIST_NODE_DEVICES_CAP_MDEV,
    [NODEDEV_CAP_CCW] = VIR_CONNECT_LIST_NODE_DEVICES_CAP_CCW_DEV,
    [NODEDEV_CAP_CSS] = VIR_CONNECT_LIST_NODE_DEVICES_CAP_CSS_DEV,
    [NODEDEV_CAP_VDPA] = VIR_CONNECT_LIST_NODE_DEVICES_CAP_VDPA,
    [NODEDEV_CAP_AP_CARD] = VIR_CONNECT_LIST_NODE_DEVICES_CAP_AP_CARD,
    [NODEDEV_CAP_AP_QUEUE] = VIR_CONNECT_LIST_NODE_DEVICES_CAP_AP_QUEUE,
    [NODEDEV_CAP_AP_MATRIX] = VIR_CONNECT_LIST_NODE_DEVICES_CAP_AP_MATRIX,
    [NODEDEV_CAP_VPD] = VIR_CONNECT_LIST_NODE_DEVICES_CAP_VPD,
};

#define LIST_CAPS_ALL ((VIR_CONNECT_LIST_NODE_DEVICES_CAP_VPD << 1) - 1)
#define LIST_STATES_ALL (VIR_CONNECT_LIST_NODE_DEVICES_INACTIVE | \
                         VIR_CONNECT_LIST_NODE_DEVICES_ACTIVE)

static bool
dev_matches(const TestNodedev *dev, unsigned int flags)
{
    unsigned int caps = flags & LIST_CAPS_ALL;
    bool cap_ok = !caps;

    for (int t = 0; !cap_ok && t < NODEDEV_CAP_LAST; t++)
        cap_ok = (caps & cap_flags[t]) && has_cap(dev->def, t);
    return cap_ok && test_obj_filter_pair(flags, VIR_CONNECT_LIST_NODE_DEVICES_ACTIVE,
                                          VIR_CONNECT_LIST_NODE_DEVICES_INACTIVE, dev->active);
}

/* ---- listing and lookups ------------------------------------------------- */

/* Names of the devices with capability @cap (any when NULL). */
static GPtrArray *
names_with_cap(TestState *s, const char *cap)
{
    GPtrArray *names = g_ptr_array_new();
    int type = cap ? nodedev_cap_type_from_string(cap) : -1;
    GHashTableIter it;
    gpointer v;

    g_hash_table_iter_init(&it, s->nodedevs->objs);
    while (g_hash_table_iter_next(&it, NULL, &v)) {
        const TestNodedev *dev = v;

        if (!cap || (type >= 0 && has_cap(dev->def, type)))
            g_ptr_array_add(names, dev->def->name);
    }
    return names;
}

static int
test_node_num_of_devices(virConnectPtr conn, const char *cap, unsigned int flags)
{
    TestState *s = test_state_from_conn(conn);
    g_autoptr(GPtrArray) names = NULL;

    if (!test_obj_check_flags(flags, 0, "testNodeNumOfDevices"))
        return -1;
    g_mutex_lock(&s->lock);
    names = names_with_cap(s, cap);
    g_mutex_unlock(&s->lock);
    return (int) names->len;
}

static int
test_node_list_devices(virConnectPtr conn, const char *cap, char **const names, int maxnames,
                       unsigned int flags)
{
    TestState *s = test_state_from_conn(conn);
    g_autoptr(GPtrArray) list = NULL;
    int n;

    if (!test_obj_check_flags(flags, 0, "testNodeListDevices"))
        return -1;
    g_mutex_lock(&s->lock);
    list = names_with_cap(s, cap);
    n = test_obj_copy_names(list, names, maxnames);
    g_mutex_unlock(&s->lock);
    return n;
}

static virNodeDevicePtr
dev_handle(virConnectPtr conn, const TestNodedev *dev)
{
    virNodeDevicePtr ret = api_node_device_new(conn, dev->def->name);

    ret->parent_name = g_strdup(dev->def->parent);
    return ret;
}

static int
test_connect_list_all_node_devices(virConnectPtr conn, virNodeDevicePtr **devices,
                                   unsigned int flags)
{
    TestState *s = test_state_from_conn(conn);
    GPtrArray *handles;
    GHashTableIter it;
    gpointer v;

    if (!test_obj_check_flags(flags, LIST_CAPS_ALL | LIST_STATES_ALL,
                              "testConnectListAllNodeDevices"))
        return -1;
    handles = g_ptr_array_new();
    g_mutex_lock(&s->lock);
    g_hash_table_iter_init(&it, s->nodedevs->objs);
    while (g_hash_table_iter_next(&it, NULL, &v)) {
        if (dev_matches(v, flags))
            g_ptr_array_add(handles, dev_handle(conn, v));
    }
    g_mutex_unlock(&s->lock);
    return test_obj_export_list(handles, (void ***) devices);
}

static virNodeDevicePtr
test_node_device_lookup_by_name(virConnectPtr conn, const char *name)
{
    TestState *s = test_state_from_conn(conn);
    virNodeDevicePtr ret = NULL;
    TestNodedev *dev;

    g_mutex_lock(&s->lock);
    if ((dev = get_dev(s, name)))
        ret = dev_handle(conn, dev);
    g_mutex_unlock(&s->lock);
    return ret;
}

static const NodeDevScsiHost *
fc_host_of(const NodeDevDef *def)
{
    const NodeDevCap *c = nodedev_def_find_cap(def, NODEDEV_CAP_SCSI_HOST);

    return c && c->u.scsi_host.has_fc_host ? &c->u.scsi_host : NULL;
}

static virNodeDevicePtr
test_node_device_lookup_scsi_host_by_wwn(virConnectPtr conn, const char *wwnn,
                                         const char *wwpn, unsigned int flags)
{
    TestState *s = test_state_from_conn(conn);
    virNodeDevicePtr ret = NULL;
    GHashTableIter it;
    gpointer v;

    if (!test_obj_check_flags(flags, 0, "testNodeDeviceLookupSCSIHostByWWN"))
        return NULL;
    g_mutex_lock(&s->lock);
    g_hash_table_iter_init(&it, s->nodedevs->objs);
    while (!ret && g_hash_table_iter_next(&it, NULL, &v)) {
        const NodeDevScsiHost *fc = fc_host_of(((TestNodedev *) v)->def);

        if (fc && fc->wwnn && fc->wwpn && g_ascii_strcasecmp(fc->wwnn, wwnn) == 0 &&
            g_ascii_strcasecmp(fc->wwpn, wwpn) == 0)
            ret = dev_handle(conn, v);
    }
    g_mutex_unlock(&s->lock);
    if (!ret)
        nodedev_err(VIR_ERR_NO_NODE_DEVICE, "no node device with matching wwnn '%s' and "
                    "wwpn '%s'", wwnn, wwpn);
    return ret;
}

static char *
test_node_device_get_xml_desc(virNodeDevicePtr d, unsigned int flags)
{
    TestState *s = test_state_from_conn(d->conn);
    TestNodedev *dev;
    char *ret = NULL;

    if (!test_obj_check_flags(flags, 0, "testNodeDeviceGetXMLDesc"))
        return NULL;
    g_mutex_lock(&s->lock);
    if ((dev = get_dev(s, d->name)))
        ret = nodedev_def_format(dev->def, 0);
    g_mutex_unlock(&s->lock);
    return ret;
}

/* The handle keeps the string (api/driver.h): it is freed with the handle. */
static const char *
test_node_device_get_parent(virNodeDevicePtr d)
{
    TestState *s = test_state_from_conn(d->conn);
    const char *ret = NULL;
    TestNodedev *dev;

    g_mutex_lock(&s->lock);
    if ((dev = get_dev(s, d->name))) {
        if (!dev->def->parent) {
            err_report(VIR_ERR_INTERNAL_ERROR, "%s", "no parent for this device");
        } else {
            g_free(d->parent_name);
            d->parent_name = g_strdup(dev->def->parent);
            ret = d->parent_name;
        }
    }
    g_mutex_unlock(&s->lock);
    return ret;
}

static int
test_node_device_num_of_caps(virNodeDevicePtr d)
{
    TestState *s = test_state_from_conn(d->conn);
    TestNodedev *dev;
    int ret = -1;

    g_mutex_lock(&s->lock);
    if ((dev = get_dev(s, d->name)))
        ret = (int) dev->def->ncaps;
    g_mutex_unlock(&s->lock);
    return ret;
}

static int
test_node_device_list_caps(virNodeDevicePtr d, char **const names, int maxnames)
{
    TestState *s = test_state_from_conn(d->conn);
    TestNodedev *dev;
    int n = -1;

    g_mutex_lock(&s->lock);
    if ((dev = get_dev(s, d->name))) {
        for (n = 0; n < maxnames && (size_t) n < dev->def->ncaps; n++)
            names[n] = g_strdup(nodedev_cap_type_to_string(dev->def->caps[n].type));
    }
    g_mutex_unlock(&s->lock);
    return n;
}

/* ---- vHBAs --------------------------------------------------------------- */

/**
 * test_nodedevs_create_vport() - the vHBA an fc_host pool or CreateXML makes
 *
 * Like libvirt's test driver: a copy of scsi_host11 named scsi_host12 with
 * the requested WWNs (its host number and parent stay scsi_host11's).
 */
int
test_nodedevs_create_vport(TestState *s, const char *wwnn, const char *wwpn)
{
    TestNodedev *tmpl = find_dev(s, VPORT_TEMPLATE);
    NodeDevCap *cap;
    NodeDevDef *def;

    if (!tmpl) {
        err_report(VIR_ERR_NO_NODE_DEVICE, "no node device with matching name '%s'",
                   VPORT_TEMPLATE);
        return -1;
    }
    if (!(def = xmlmap_copy(&nodedev_def_schema, tmpl->def)))
        return -1;
    g_free(def->name);
    def->name = g_strdup(VPORT_NAME);
    if ((cap = nodedev_def_find_cap(def, NODEDEV_CAP_SCSI_HOST)) &&
        cap->u.scsi_host.has_fc_host) {
        g_free(cap->u.scsi_host.wwnn);
        g_free(cap->u.scsi_host.wwpn);
        cap->u.scsi_host.wwnn = g_strdup(wwnn);
        cap->u.scsi_host.wwpn = g_strdup(wwpn);
    }
    set_host_device(assign_def(s, def));
    emit_lifecycle(s, VPORT_NAME, VIR_NODE_DEVICE_EVENT_CREATED);
    return 0;
}

/**
 * test_nodedevs_destroy_vport() - remove the vHBA of test_nodedevs_create_vport()
 */
int
test_nodedevs_destroy_vport(TestState *s)
{
    if (!find_dev(s, VPORT_NAME)) {
        err_report(VIR_ERR_NO_NODE_DEVICE, "no node device with matching name '%s'",
                   VPORT_NAME);
        return -1;
    }
    emit_lifecycle(s, VPORT_NAME, VIR_NODE_DEVICE_EVENT_DELETED);
    g_hash_table_remove(s->nodedevs->objs, VPORT_NAME);
    return 0;
}

/* The WWNs a vHBA definition asks for (libvirt's checks and wording). */
static int
vport_wwns(const NodeDevDef *def, const char **ret_wwnn, const char **ret_wwpn)
{
    const NodeDevScsiHost *fc = fc_host_of(def);
    /* libvirt names a device being created "new device", whatever its <name> */
    const char *name = "new device";

    if (!fc) {
        nodedev_err(VIR_ERR_INTERNAL_ERROR, "%s", "Device is not a fibre channel HBA");
        return -1;
    }
    if (!fc->wwnn || !fc->wwpn) {
        nodedev_err(VIR_ERR_INTERNAL_ERROR,
                    "no %s supplied for '%s', and auto-generation failed",
                    fc->wwnn ? "WWPN" : "WWNN", name);
        return -1;
    }
    *ret_wwnn = fc->wwnn;
    *ret_wwpn = fc->wwpn;
    return 0;
}

static bool
can_vport(const NodeDevDef *def)
{
    return has_cap(def, NODEDEV_CAP_VPORTS);
}

/* The device that would host the vHBA: the named parent, one matching the
 * parent WWNs, or any vport-capable device. */
static int
vport_parent(TestState *s, const NodeDevDef *def)
{
    GHashTableIter it;
    gpointer v;

    if (def->parent) {
        TestNodedev *parent = find_dev(s, def->parent);

        if (!parent) {
            nodedev_err(VIR_ERR_INTERNAL_ERROR, "Could not find parent device for '%s'",
                        "new device");
            return -1;
        }
        if (!can_vport(parent->def)) {
            nodedev_err(VIR_ERR_INTERNAL_ERROR,
                        "Parent device %s is not capable of vport operations", def->parent);
            return -1;
        }
        return 0;
    }
    g_hash_table_iter_init(&it, s->nodedevs->objs);
    while (g_hash_table_iter_next(&it, NULL, &v)) {
        const NodeDevDef *cand = ((TestNodedev *) v)->def;
        const NodeDevScsiHost *fc = fc_host_of(cand);

        if (!can_vport(cand))
            continue;
        if (def->parent_wwnn && (!fc || !fc->wwnn || !fc->wwpn ||
                                 g_ascii_strcasecmp(fc->wwnn, def->parent_wwnn) != 0 ||
                                 g_ascii_strcasecmp(fc->wwpn, def->parent_wwpn) != 0))
            continue;
        if (def->parent_fabric_wwn && (!fc || !fc->fabric_wwn ||
                                       g_ascii_strcasecmp(fc->fabric_wwn,
                                                          def->parent_fabric_wwn) != 0))
            continue;
        return 0;
    }
    nodedev_err(VIR_ERR_INTERNAL_ERROR, "%s", "Could not find any vport capable device");
    return -1;
}

/* ---- mediated devices ---------------------------------------------------- */

static NodeDevMdev *
mdev_of(NodeDevDef *def)
{
    NodeDevCap *c = nodedev_def_find_cap(def, NODEDEV_CAP_MDEV);

    return c ? &c->u.mdev : NULL;
}

/* Give a parsed mediated device its UUID and libvirt-style name
 * (mdev_<uuid>_<parent address>). */
static int
mdev_prepare(TestState *s, NodeDevDef *def)
{
    NodeDevMdev *mdev = mdev_of(def);
    unsigned char raw[VIR_UUID_BUFLEN];
    char str[VIR_UUID_STRING_BUFLEN];
    g_autofree char *addr = NULL;
    g_autofree char *uuid = NULL;

    if (!def->parent) {
        nodedev_err(VIR_ERR_XML_ERROR, "%s", "cannot find parent device");
        return -1;
    }
    if (!find_dev(s, def->parent)) {
        nodedev_err(VIR_ERR_INTERNAL_ERROR, "Could not find parent device for '%s'",
                    "new device");
        return -1;
    }
    if (!mdev->uuid) {
        uuid_generate(raw);
        uuid_format(raw, str);
        mdev->uuid = g_strdup(str);
    }
    uuid = g_strdelimit(g_strdup(mdev->uuid), "-", '_');
    addr = g_strdup(g_str_has_prefix(def->parent, "pci_") ? def->parent + 4 : def->parent);
    g_free(def->name);
    def->name = g_strdup_printf("mdev_%s_%s", uuid, addr);
    return 0;
}

static virNodeDevicePtr
test_node_device_create_xml(virConnectPtr conn, const char *xmlDesc, unsigned int flags)
{
    TestState *s = test_state_from_conn(conn);
    g_autoptr(NodeDevDef) def = NULL;
    virNodeDevicePtr ret = NULL;
    const char *wwnn;
    const char *wwpn;
    TestNodedev *dev;

    if (!test_obj_check_flags(flags, VIR_NODE_DEVICE_CREATE_XML_VALIDATE,
                              "testNodeDeviceCreateXML"))
        return NULL;
    /* a creation request, read as libvirt reads one (no <host>, "new device") */
    def = nodedev_def_parse_string(xmlDesc, NODEDEV_PARSE_CREATE |
                                   ((flags & VIR_NODE_DEVICE_CREATE_XML_VALIDATE) ?
                                    XMLMAP_PARSE_STRICT : 0));
    if (!def)
        return NULL;
    g_mutex_lock(&s->lock);
    if (mdev_of(def)) {
        if (mdev_prepare(s, def) < 0)
            goto out;
        if ((dev = find_dev(s, def->name)) && dev->active) {
            nodedev_err(VIR_ERR_OPERATION_INVALID, "Device '%s' is already active",
                        def->name);
            goto out;
        }
        dev = assign_def(s, g_steal_pointer(&def));
        dev->active = true;
        emit_lifecycle(s, dev->def->name, VIR_NODE_DEVICE_EVENT_CREATED);
        ret = dev_handle(conn, dev);
        goto out;
    }
    if (vport_wwns(def, &wwnn, &wwpn) < 0 || vport_parent(s, def) < 0 ||
        test_nodedevs_create_vport(s, wwnn, wwpn) < 0)
        goto out;
    ret = api_node_device_new(conn, VPORT_NAME);
    /* the handle names the parent that was asked for */
    ret->parent_name = g_strdup(def->parent);
 out:
    g_mutex_unlock(&s->lock);
    return ret;
}

static int
test_node_device_destroy(virNodeDevicePtr d)
{
    TestState *s = test_state_from_conn(d->conn);
    TestNodedev *dev;
    int ret = -1;

    g_mutex_lock(&s->lock);
    if (!(dev = get_dev(s, d->name)))
        goto out;
    ret = 0;
    if (mdev_of(dev->def)) {
        if (!dev->active) {
            nodedev_err(VIR_ERR_OPERATION_INVALID, "Device '%s' is not active", d->name);
            ret = -1;
            goto out;
        }
        emit_lifecycle(s, d->name, VIR_NODE_DEVICE_EVENT_DELETED);
        if (dev->persistent)
            dev->active = false;
        else
            g_hash_table_remove(s->nodedevs->objs, d->name);
        goto out;
    }
    /* libvirt's test driver only removes vHBAs, and quietly succeeds for
     * anything else */
    if (!fc_host_of(dev->def))
        goto out;
    if (!dev->def->parent || !find_dev(s, dev->def->parent)) {
        err_report(VIR_ERR_INTERNAL_ERROR, "cannot find parent '%s' definition",
                   dev->def->parent ? dev->def->parent : "");
        ret = -1;
        goto out;
    }
    emit_lifecycle(s, d->name, VIR_NODE_DEVICE_EVENT_DELETED);
    g_hash_table_remove(s->nodedevs->objs, d->name);
 out:
    g_mutex_unlock(&s->lock);
    return ret;
}

static virNodeDevicePtr
test_node_device_define_xml(virConnectPtr conn, const char *xmlDesc, unsigned int flags)
{
    TestState *s = test_state_from_conn(conn);
    g_autoptr(NodeDevDef) def = NULL;
    virNodeDevicePtr ret = NULL;
    TestNodedev *dev;
    bool existed;

    if (!test_obj_check_flags(flags, VIR_NODE_DEVICE_DEFINE_XML_VALIDATE,
                              "testNodeDeviceDefineXML"))
        return NULL;
    def = nodedev_def_parse_string(xmlDesc, NODEDEV_PARSE_CREATE |
                                   ((flags & VIR_NODE_DEVICE_DEFINE_XML_VALIDATE) ?
                                    XMLMAP_PARSE_STRICT : 0));
    if (!def)
        return NULL;
    if (!mdev_of(def)) {
        nodedev_err(VIR_ERR_CONFIG_UNSUPPORTED, "%s", "Unsupported device type");
        return NULL;
    }
    g_mutex_lock(&s->lock);
    if (mdev_prepare(s, def) < 0)
        goto out;
    existed = find_dev(s, def->name) != NULL;
    dev = assign_def(s, g_steal_pointer(&def));
    dev->persistent = true;
    emit_lifecycle(s, dev->def->name, VIR_NODE_DEVICE_EVENT_DEFINED);
    if (existed)
        emit(s, dev->def->name, VIR_NODE_DEVICE_EVENT_ID_UPDATE, 0);
    ret = dev_handle(conn, dev);
 out:
    g_mutex_unlock(&s->lock);
    return ret;
}

static int
test_node_device_undefine(virNodeDevicePtr d, unsigned int flags)
{
    TestState *s = test_state_from_conn(d->conn);
    TestNodedev *dev;
    int ret = -1;

    if (!test_obj_check_flags(flags, 0, "testNodeDeviceUndefine"))
        return -1;
    g_mutex_lock(&s->lock);
    if (!(dev = get_dev(s, d->name)))
        goto out;
    if (!dev->persistent) {
        nodedev_err(VIR_ERR_OPERATION_INVALID, "Node device '%s' is not defined", d->name);
        goto out;
    }
    if (!mdev_of(dev->def)) {
        nodedev_err(VIR_ERR_CONFIG_UNSUPPORTED, "%s", "Unsupported device type");
        goto out;
    }
    emit_lifecycle(s, d->name, VIR_NODE_DEVICE_EVENT_UNDEFINED);
    if (dev->active) {
        dev->persistent = false;
        dev->autostart = false;
    } else {
        g_hash_table_remove(s->nodedevs->objs, d->name);
    }
    ret = 0;
 out:
    g_mutex_unlock(&s->lock);
    return ret;
}

static int
test_node_device_create(virNodeDevicePtr d, unsigned int flags)
{
    TestState *s = test_state_from_conn(d->conn);
    TestNodedev *dev;
    int ret = -1;

    if (!test_obj_check_flags(flags, 0, "testNodeDeviceCreate"))
        return -1;
    g_mutex_lock(&s->lock);
    if (!(dev = get_dev(s, d->name)))
        goto out;
    if (dev->active) {
        nodedev_err(VIR_ERR_OPERATION_INVALID, "%s", "Device is already active");
        goto out;
    }
    if (!mdev_of(dev->def)) {
        nodedev_err(VIR_ERR_CONFIG_UNSUPPORTED, "%s", "Unsupported device type");
        goto out;
    }
    dev->active = true;
    emit_lifecycle(s, d->name, VIR_NODE_DEVICE_EVENT_CREATED);
    ret = 0;
 out:
    g_mutex_unlock(&s->lock);
    return ret;
}

static int
test_node_device_set_autostart(virNodeDevicePtr d, int autostart)
{
    TestState *s = test_state_from_conn(d->conn);
    TestNodedev *dev;
    int ret = -1;

    g_mutex_lock(&s->lock);
    if (!(dev = get_dev(s, d->name)))
        goto out;
    if (!mdev_of(dev->def)) {
        nodedev_err(VIR_ERR_OPERATION_UNSUPPORTED, "%s", "Unsupported device type");
        goto out;
    }
    if (!dev->persistent) {
        nodedev_err(VIR_ERR_OPERATION_INVALID, "%s",
                    "cannot set autostart for transient device");
        goto out;
    }
    dev->autostart = autostart != 0;
    ret = 0;
 out:
    g_mutex_unlock(&s->lock);
    return ret;
}

/* one boolean of a device: 0 autostart, 1 active, 2 persistent */
static int
dev_flag(virNodeDevicePtr d, int which)
{
    TestState *s = test_state_from_conn(d->conn);
    TestNodedev *dev;
    int ret = -1;

    g_mutex_lock(&s->lock);
    if ((dev = get_dev(s, d->name)))
        ret = which == 0 ? dev->autostart : which == 1 ? dev->active : dev->persistent;
    g_mutex_unlock(&s->lock);
    return ret;
}

static int
test_node_device_get_autostart(virNodeDevicePtr d, int *autostart)
{
    int r = dev_flag(d, 0);

    if (r < 0)
        return -1;
    *autostart = r;
    return 0;
}

static int
test_node_device_is_active(virNodeDevicePtr d)
{
    return dev_flag(d, 1);
}

static int
test_node_device_is_persistent(virNodeDevicePtr d)
{
    return dev_flag(d, 2);
}

/* ---- events -------------------------------------------------------------- */

static int
test_connect_node_device_event_register_any(virConnectPtr conn, virNodeDevicePtr dev,
                                            int eventID,
                                            virConnectNodeDeviceEventGenericCallback cb,
                                            void *opaque, virFreeCallback freecb)
{
    if (eventID < 0 || eventID >= VIR_NODE_DEVICE_EVENT_ID_LAST) {
        err_report(VIR_ERR_INVALID_ARG, "unsupported event ID %d", eventID);
        return -1;
    }
    return test_event_register(conn, API_EVENT_FAMILY_NODE_DEVICE, eventID,
                               dev ? dev->name : NULL, (ApiEventGenericFunc) cb, opaque,
                               freecb);
}

static int
test_connect_node_device_event_deregister_any(virConnectPtr conn, int callbackID)
{
    return test_event_deregister(conn, API_EVENT_FAMILY_NODE_DEVICE, callbackID);
}

const ApiNodeDeviceDriver test_nodedev_driver = {
    .name = "Test",
    .connectListAllNodeDevices = test_connect_list_all_node_devices,
    .connectNodeDeviceEventDeregisterAny = test_connect_node_device_event_deregister_any,
    .connectNodeDeviceEventRegisterAny = test_connect_node_device_event_register_any,
    .nodeDeviceCreate = test_node_device_create,
    .nodeDeviceCreateXML = test_node_device_create_xml,
    .nodeDeviceDefineXML = test_node_device_define_xml,
    .nodeDeviceDestroy = test_node_device_destroy,
    .nodeDeviceGetAutostart = test_node_device_get_autostart,
    .nodeDeviceGetParent = test_node_device_get_parent,
    .nodeDeviceGetXMLDesc = test_node_device_get_xml_desc,
    .nodeDeviceIsActive = test_node_device_is_active,
    .nodeDeviceIsPersistent = test_node_device_is_persistent,
    .nodeDeviceListCaps = test_node_device_list_caps,
    .nodeDeviceLookupByName = test_node_device_lookup_by_name,
    .nodeDeviceLookupSCSIHostByWWN = test_node_device_lookup_scsi_host_by_wwn,
    .nodeDeviceNumOfCaps = test_node_device_num_of_caps,
    .nodeDeviceSetAutostart = test_node_device_set_autostart,
    .nodeDeviceUndefine = test_node_device_undefine,
    .nodeListDevices = test_node_list_devices,
    .nodeNumOfDevices = test_node_num_of_devices,
};
