/*
 * cmd-nodedev.c: node device commands (help keyword 'nodedev'): nodedev-list
 * (flat or --tree), nodedev-info, nodedev-dumpxml, nodedev-create/-destroy,
 * nodedev-define/-undefine/-start/-autostart, nodedev-detach/-reattach/-reset and
 * nodedev-event.
 */
#include <stdlib.h>
#include <string.h>

#include "tools/virsh/helpers.h"

#define DEVICE_OPT \
    { "device", VSH_OT_DATA, VSH_OF_REQUIRED, "the device: name, or 'wwnn,wwpn' of a SCSI host" }

static const struct {
    const char *name;
    unsigned int flag;
} cap_flags[] = {
    { "system", VIR_CONNECT_LIST_NODE_DEVICES_CAP_SYSTEM },
    { "pci", VIR_CONNECT_LIST_NODE_DEVICES_CAP_PCI_DEV },
    { "usb_device", VIR_CONNECT_LIST_NODE_DEVICES_CAP_USB_DEV },
    { "usb", VIR_CONNECT_LIST_NODE_DEVICES_CAP_USB_INTERFACE },
    { "net", VIR_CONNECT_LIST_NODE_DEVICES_CAP_NET },
    { "scsi_host", VIR_CONNECT_LIST_NODE_DEVICES_CAP_SCSI_HOST },
    { "scsi_target", VIR_CONNECT_LIST_NODE_DEVICES_CAP_SCSI_TARGET },
    { "scsi", VIR_CONNECT_LIST_NODE_DEVICES_CAP_SCSI },
    { "storage", VIR_CONNECT_LIST_NODE_DEVICES_CAP_STORAGE },
    { "fc_host", VIR_CONNECT_LIST_NODE_DEVICES_CAP_FC_HOST },
    { "vports", VIR_CONNECT_LIST_NODE_DEVICES_CAP_VPORTS },
    { "scsi_generic", VIR_CONNECT_LIST_NODE_DEVICES_CAP_SCSI_GENERIC },
    { "drm", VIR_CONNECT_LIST_NODE_DEVICES_CAP_DRM },
    { "mdev_types", VIR_CONNECT_LIST_NODE_DEVICES_CAP_MDEV_TYPES },
    { "mdev", VIR_CONNECT_LIST_NODE_DEVICES_CAP_MDEV },
    { "ccw", VIR_CONNECT_LIST_NODE_DEVICES_CAP_CCW_DEV },
    { "css", VIR_CONNECT_LIST_NODE_DEVICES_CAP_CSS_DEV },
    { "vdpa", VIR_CONNECT_LIST_NODE_DEVICES_CAP_VDPA },
    { "ap_card", VIR_CONNECT_LIST_NODE_DEVICES_CAP_AP_CARD },
    { "ap_queue", VIR_CONNECT_LIST_NODE_DEVICES_CAP_AP_QUEUE },
    { "ap_matrix", VIR_CONNECT_LIST_NODE_DEVICES_CAP_AP_MATRIX },
    { "vpd", VIR_CONNECT_LIST_NODE_DEVICES_CAP_VPD },
};

/* ---- nodedev-list ---- */

typedef struct {
    char *name;
    char *parent;
} DevEntry;

static int
dev_name_cmp(const void *a, const void *b)
{
    return strcmp(((const DevEntry *) a)->name, ((const DevEntry *) b)->name);
}

static bool
cmd_nodedev_list(VshCtl *ctl, const VshCmd *cmd)
{
    bool tree = vsh_opt_bool(cmd, "tree");
    bool inactive = vsh_opt_bool(cmd, "inactive");
    bool all = vsh_opt_bool(cmd, "all");
    bool json = vsh_opt_bool(cmd, "json");
    const char *caps = NULL;
    unsigned int flags = 0;
    virNodeDevicePtr *devs = NULL;
    g_autofree DevEntry *ents = NULL;
    int n;

    if (vsh_opt_string(ctl, cmd, "cap", &caps) < 0)
        return false;
    if (all && inactive) {
        vsh_error(ctl, "Option --all is incompatible with --inactive");
        return false;
    }
    if (tree && (caps || inactive)) {
        vsh_error(ctl, "Option --tree is incompatible with --cap and --inactive");
        return false;
    }
    if (caps) {
        g_auto(GStrv) parts = g_strsplit(caps, ",", -1);

        for (size_t i = 0; parts[i]; i++) {
            size_t c;

            for (c = 0; c < G_N_ELEMENTS(cap_flags); c++) {
                if (g_str_equal(parts[i], cap_flags[c].name))
                    break;
            }
            if (c == G_N_ELEMENTS(cap_flags)) {
                vsh_error(ctl, "Invalid capability type");
                return false;
            }
            flags |= cap_flags[c].flag;
        }
    }
    if (inactive)
        flags |= VIR_CONNECT_LIST_NODE_DEVICES_INACTIVE;
    else if (all)
        flags |= VIR_CONNECT_LIST_NODE_DEVICES_ACTIVE | VIR_CONNECT_LIST_NODE_DEVICES_INACTIVE;
    else
        flags |= VIR_CONNECT_LIST_NODE_DEVICES_ACTIVE;

    if ((n = virConnectListAllNodeDevices(vsh_conn(ctl), &devs, flags)) < 0) {
        vsh_error(ctl, "Failed to list node devices");
        return false;
    }
    ents = g_new0(DevEntry, n + 1);
    for (int i = 0; i < n; i++) {
        const char *p = virNodeDeviceGetParent(devs[i]);

        ents[i].name = g_strdup(virNodeDeviceGetName(devs[i]));
        ents[i].parent = g_strdup(p);
        virNodeDeviceFree(devs[i]);
    }
    free(devs);
    vsh_reset_libvirt_error();
    qsort(ents, n, sizeof(*ents), dev_name_cmp);

    if (json) {
        json_object *arr = json_object_new_array();

        for (int i = 0; i < n; i++) {
            json_object *o = json_object_new_object();

            vsh_json_add_str(o, "name", ents[i].name);
            vsh_json_add_str(o, "parent", ents[i].parent);
            json_object_array_add(arr, o);
        }
        vsh_json_print(ctl, arr);
    } else if (tree) {
        g_autofree const char **names = g_new0(const char *, n + 1);
        g_autofree const char **parents = g_new0(const char *, n + 1);

        for (int i = 0; i < n; i++) {
            names[i] = ents[i].name;
            parents[i] = ents[i].parent;
        }
        vsh_tree_print(ctl, names, parents, n);
    } else {
        for (int i = 0; i < n; i++)
            vsh_print(ctl, "%s\n", ents[i].name);
    }
    for (int i = 0; i < n; i++) {
        g_free(ents[i].name);
        g_free(ents[i].parent);
    }
    return true;
}

static const VshOptDef opts_nodedev_list[] = {
    { "tree", VSH_OT_BOOL, 0, "show devices as a tree of parents and children" },
    { "cap", VSH_OT_STRING, 0, "only devices with these capabilities (comma-separated)" },
    { "inactive", VSH_OT_BOOL, 0, "only inactive (defined, not started) devices" },
    { "all", VSH_OT_BOOL, 0, "active and inactive devices" },
    { "json", VSH_OT_BOOL, 0, "print a JSON array" },
    { NULL }
};

/* ---- nodedev-info / -dumpxml ---- */

static bool
cmd_nodedev_info(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virNodeDevice) dev = vsh_nodedev_opt(ctl, cmd, "device", NULL);
    const char *parent;
    int active, persistent, autostart = -1;

    if (!dev)
        return false;
    parent = virNodeDeviceGetParent(dev);
    active = virNodeDeviceIsActive(dev);
    persistent = virNodeDeviceIsPersistent(dev);
    if (virNodeDeviceGetAutostart(dev, &autostart) < 0)
        autostart = -1;
    vsh_reset_libvirt_error();
    if (vsh_opt_bool(cmd, "json")) {
        json_object *o = json_object_new_object();

        vsh_json_add_str(o, "name", virNodeDeviceGetName(dev));
        vsh_json_add_str(o, "parent", parent);
        vsh_json_add_bool(o, "active", active == 1);
        vsh_json_add_bool(o, "persistent", persistent == 1);
        vsh_json_add_tristate(o, "autostart", autostart);
        vsh_json_print(ctl, o);
        return true;
    }
    vsh_print(ctl, "%-15s %s\n", "Name:", virNodeDeviceGetName(dev));
    vsh_print(ctl, "%-15s %s\n", "Parent:", parent ? parent : "");
    /* as in libvirt's virsh, a failed query (-1) reads as "yes" */
    vsh_print(ctl, "%-15s %s\n", "Active:", active != 0 ? "yes" : "no");
    vsh_print(ctl, "%-15s %s\n", "Persistent:", persistent != 0 ? "yes" : "no");
    vsh_print(ctl, "%-15s %s\n", "Autostart:", vsh_yes_no(autostart, "no autostart"));
    return true;
}

static const VshOptDef opts_nodedev_info[] = {
    DEVICE_OPT,
    { "json", VSH_OT_BOOL, 0, "print a JSON object" },
    { NULL }
};

static bool
cmd_nodedev_dumpxml(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virNodeDevice) dev = vsh_nodedev_opt(ctl, cmd, "device", NULL);
    g_autofree char *xml = NULL;

    if (!dev || !(xml = virNodeDeviceGetXMLDesc(dev, 0)))
        return false;
    return vsh_print_xml(ctl, cmd, xml);
}

static const VshOptDef opts_nodedev_dumpxml[] = {
    DEVICE_OPT,
    { "xpath", VSH_OT_STRING, VSH_OF_NOPOS, "print only what this XPath expression selects" },
    { "wrap", VSH_OT_BOOL, 0, "wrap the --xpath results in a <nodes> element" },
    { NULL }
};

/* ---- create / destroy / define / undefine / start / autostart ---- */

static bool
cmd_nodedev_create(VshCtl *ctl, const VshCmd *cmd)
{
    const char *file = NULL;
    g_autofree char *xml = NULL;
    g_autoptr(virNodeDevice) dev = NULL;

    if (vsh_opt_string(ctl, cmd, "file", &file) <= 0 ||
        vsh_read_xml_opt(ctl, cmd, "file", &xml) < 0)
        return false;
    dev = virNodeDeviceCreateXML(vsh_conn(ctl), xml, vsh_opt_bool(cmd, "validate")
                                 ? VIR_NODE_DEVICE_CREATE_XML_VALIDATE : 0);
    if (!dev) {
        vsh_error(ctl, "Failed to create node device from %s", file);
        return false;
    }
    vsh_print_extra(ctl, "Node device %s created from %s\n", virNodeDeviceGetName(dev), file);
    return true;
}

static bool
cmd_nodedev_define(VshCtl *ctl, const VshCmd *cmd)
{
    const char *file = NULL;
    g_autofree char *xml = NULL;
    g_autoptr(virNodeDevice) dev = NULL;

    if (vsh_opt_string(ctl, cmd, "file", &file) <= 0 ||
        vsh_read_xml_opt(ctl, cmd, "file", &xml) < 0)
        return false;
    dev = virNodeDeviceDefineXML(vsh_conn(ctl), xml, vsh_opt_bool(cmd, "validate")
                                 ? VIR_NODE_DEVICE_DEFINE_XML_VALIDATE : 0);
    if (!dev) {
        vsh_error(ctl, "Failed to define node device from '%s'", file);
        return false;
    }
    vsh_print_extra(ctl, "Node device '%s' defined from '%s'\n", virNodeDeviceGetName(dev),
                    file);
    return true;
}

static const VshOptDef opts_nodedev_file[] = {
    { "file", VSH_OT_DATA, VSH_OF_REQUIRED, "the device's XML description" },
    { "validate", VSH_OT_BOOL, 0, "check the XML against the schema first" },
    { NULL }
};

enum { ND_DESTROY, ND_UNDEFINE, ND_START, ND_DETACH, ND_REATTACH, ND_RESET };

static bool
nodedev_action(VshCtl *ctl, const VshCmd *cmd, int act)
{
    const char *name = NULL;
    g_autoptr(virNodeDevice) dev = vsh_nodedev_opt(ctl, cmd, "device", &name);
    int r;

    if (!dev)
        return false;
    switch (act) {
    case ND_DESTROY:
        if ((r = virNodeDeviceDestroy(dev)) < 0)
            vsh_error(ctl, "Failed to destroy node device '%s'", name);
        else
            vsh_print_extra(ctl, "Destroyed node device '%s'\n", name);
        break;
    case ND_UNDEFINE:
        if ((r = virNodeDeviceUndefine(dev, 0)) < 0)
            vsh_error(ctl, "Failed to undefine node device '%s'", name);
        else
            vsh_print_extra(ctl, "Undefined node device '%s'\n", name);
        break;
    case ND_START:
        if ((r = virNodeDeviceCreate(dev, 0)) < 0)
            vsh_error(ctl, "Failed to start device %s", name);
        else
            vsh_print_extra(ctl, "Device %s started\n", name);
        break;
    case ND_DETACH: {
        const char *driver = NULL;

        if (vsh_opt_string(ctl, cmd, "driver", &driver) < 0)
            return false;
        /* a plain detach first, the driver-specific call when asked for */
        if (driver)
            r = virNodeDeviceDetachFlags(dev, driver, 0);
        else
            r = virNodeDeviceDettach(dev);
        if (r < 0)
            vsh_error(ctl, "Failed to detach device %s", name);
        else
            vsh_print_extra(ctl, "Device %s detached\n", name);
        break;
    }
    case ND_REATTACH:
        if ((r = virNodeDeviceReAttach(dev)) < 0)
            vsh_error(ctl, "Failed to re-attach device %s", name);
        else
            vsh_print_extra(ctl, "Device %s re-attached\n", name);
        break;
    default:
        if ((r = virNodeDeviceReset(dev)) < 0)
            vsh_error(ctl, "Failed to reset device %s", name);
        else
            vsh_print_extra(ctl, "Device %s reset\n", name);
        break;
    }
    return r == 0;
}

static bool
cmd_nodedev_destroy(VshCtl *ctl, const VshCmd *cmd)
{
    return nodedev_action(ctl, cmd, ND_DESTROY);
}

static bool
cmd_nodedev_undefine(VshCtl *ctl, const VshCmd *cmd)
{
    return nodedev_action(ctl, cmd, ND_UNDEFINE);
}

static bool
cmd_nodedev_start(VshCtl *ctl, const VshCmd *cmd)
{
    return nodedev_action(ctl, cmd, ND_START);
}

static bool
cmd_nodedev_detach(VshCtl *ctl, const VshCmd *cmd)
{
    return nodedev_action(ctl, cmd, ND_DETACH);
}

static bool
cmd_nodedev_reattach(VshCtl *ctl, const VshCmd *cmd)
{
    return nodedev_action(ctl, cmd, ND_REATTACH);
}

static bool
cmd_nodedev_reset(VshCtl *ctl, const VshCmd *cmd)
{
    return nodedev_action(ctl, cmd, ND_RESET);
}

static const VshOptDef opts_nodedev_only[] = {
    DEVICE_OPT,
    { NULL }
};

static const VshOptDef opts_nodedev_detach[] = {
    DEVICE_OPT,
    { "driver", VSH_OT_STRING, 0, "the device assignment backend (e.g. vfio)" },
    { NULL }
};

static bool
cmd_nodedev_autostart(VshCtl *ctl, const VshCmd *cmd)
{
    const char *name = NULL;
    g_autoptr(virNodeDevice) dev = vsh_nodedev_opt(ctl, cmd, "device", &name);
    bool disable = vsh_opt_bool(cmd, "disable");

    if (!dev)
        return false;
    if (virNodeDeviceSetAutostart(dev, !disable) < 0) {
        if (disable)
            vsh_error(ctl, "failed to unmark device %s as autostarted", name);
        else
            vsh_error(ctl, "failed to mark device %s as autostarted", name);
        return false;
    }
    if (disable)
        vsh_print_extra(ctl, "Device %s unmarked as autostarted\n", name);
    else
        vsh_print_extra(ctl, "Device %s marked as autostarted\n", name);
    return true;
}

static const VshOptDef opts_nodedev_autostart[] = {
    DEVICE_OPT,
    { "disable", VSH_OT_BOOL, 0, "turn autostart off" },
    { NULL }
};

/* ---- nodedev-event ---- */

static void
dev_lifecycle_cb(virConnectPtr c, virNodeDevicePtr dev, int event, int detail, void *opaque)
{
    static const char *const names[] = {
        [VIR_NODE_DEVICE_EVENT_CREATED] = "Created",
        [VIR_NODE_DEVICE_EVENT_DELETED] = "Deleted",
        [VIR_NODE_DEVICE_EVENT_DEFINED] = "Defined",
        [VIR_NODE_DEVICE_EVENT_UNDEFINED] = "Undefined",
    };

    vsh_event_print(opaque, "node device", virNodeDeviceGetName(dev),
                    event >= 0 && event < (int) G_N_ELEMENTS(names) ? names[event] : "unknown");
}

static void
dev_generic_cb(virConnectPtr c, virNodeDevicePtr dev, void *opaque)
{
    vsh_event_print(opaque, "node device", virNodeDeviceGetName(dev), NULL);
}

static const char *const dev_event_names[] = {
    [VIR_NODE_DEVICE_EVENT_ID_LIFECYCLE] = "lifecycle",
    [VIR_NODE_DEVICE_EVENT_ID_UPDATE] = "update",
};
static const virConnectNodeDeviceEventGenericCallback dev_event_cbs[] = {
    [VIR_NODE_DEVICE_EVENT_ID_LIFECYCLE] =
        (virConnectNodeDeviceEventGenericCallback) (void (*)(void)) dev_lifecycle_cb,
    [VIR_NODE_DEVICE_EVENT_ID_UPDATE] = dev_generic_cb,
};
G_STATIC_ASSERT(G_N_ELEMENTS(dev_event_names) == VIR_NODE_DEVICE_EVENT_ID_LAST);
G_STATIC_ASSERT(G_N_ELEMENTS(dev_event_cbs) == VIR_NODE_DEVICE_EVENT_ID_LAST);

static bool
cmd_nodedev_event(VshCtl *ctl, const VshCmd *cmd)
{
    VshEventData data = { 0 };
    const char *name = NULL;
    g_autoptr(virNodeDevice) dev = NULL;
    virConnectPtr conn;
    int id, timeout = 0, cb;

    id = vsh_event_opts(ctl, cmd, dev_event_names, G_N_ELEMENTS(dev_event_names), &data,
                        &timeout);
    if (id < 0)
        return id == VSH_EVENT_LISTED;
    if (vsh_opt_string(ctl, cmd, "device", &name) < 0 || !(conn = vsh_conn(ctl)))
        return false;
    if (name && !(dev = virNodeDeviceLookupByName(conn, name))) {
        vsh_error(ctl, "Could not find matching device '%s'", name);
        return false;
    }
    if ((cb = virConnectNodeDeviceEventRegisterAny(conn, dev, id, dev_event_cbs[id], &data,
                                                   NULL)) < 0)
        return false;
    return vsh_event_run(ctl, &data, conn, virConnectNodeDeviceEventDeregisterAny, &cb, 1,
                         timeout);
}

static const VshOptDef opts_nodedev_event[] = {
    { "device", VSH_OT_STRING, 0, "only events of this device" },
    VSH_EVENT_OPTS,
    { NULL }
};

/* ---- the table ---- */

static const VshCmdDef cmds_nodedev[] = {
    { "nodedev-autostart", cmd_nodedev_autostart, opts_nodedev_autostart,
      "start a defined device with the host",
      "Mark a defined device to be started when the host starts.", 0 },
    { "nodedev-create", cmd_nodedev_create, opts_nodedev_file, "create a transient device",
      "Create a device on the host (e.g. a vHBA or mediated device) from XML.", 0 },
    { "nodedev-define", cmd_nodedev_define, opts_nodedev_file, "define a persistent device",
      "Define a device from XML; it must be started before use.", 0 },
    { "nodedev-destroy", cmd_nodedev_destroy, opts_nodedev_only, "remove a created device",
      "Destroy a device created on the host.", 0 },
    { "nodedev-detach", cmd_nodedev_detach, opts_nodedev_detach,
      "take a device from its host driver",
      "Unbind a PCI device from its host driver so a domain can use it.", 0 },
    { "nodedev-dumpxml", cmd_nodedev_dumpxml, opts_nodedev_dumpxml, "show a device's XML",
      "Print the XML description of a host device.", 0 },
    { "nodedev-event", cmd_nodedev_event, opts_nodedev_event, "wait for node device events",
      "Print node device events as they happen, or list the event types.", 0 },
    { "nodedev-info", cmd_nodedev_info, opts_nodedev_info, "show basic facts about a device",
      "Print a device's parent, state, persistence and autostart.", 0 },
    { "nodedev-list", cmd_nodedev_list, opts_nodedev_list, "list host devices",
      "List the devices of the host, optionally by capability or as a tree.", 0 },
    { "nodedev-reattach", cmd_nodedev_reattach, opts_nodedev_only,
      "give a device back to its host driver",
      "Rebind a detached PCI device to its host driver.", 0 },
    { "nodedev-reset", cmd_nodedev_reset, opts_nodedev_only, "reset a device",
      "Reset a PCI device, e.g. before giving it to a domain.", 0 },
    { "nodedev-start", cmd_nodedev_start, opts_nodedev_only, "start a defined device",
      "Start an inactive defined device.", 0 },
    { "nodedev-undefine", cmd_nodedev_undefine, opts_nodedev_only, "remove a device's definition",
      "Remove the definition of an inactive device.", 0 },
    { NULL }
};

const VshCmdGroup vsh_group_nodedev = { "Node Device", "nodedev", { cmds_nodedev } };
