/*
 * cmd-host.c: host and hypervisor commands (help keyword 'host'): version, uri,
 * hostname.
 */
#include "tools/virsh/virsh.h"

#define VER_FMT "%lu.%lu.%lu"
#define VER_ARGS(v) (unsigned long) ((v) / 1000000), (unsigned long) (((v) / 1000) % 1000), \
                    (unsigned long) ((v) % 1000)

static bool
cmd_version(VshCtl *ctl, const VshCmd *cmd)
{
    virConnectPtr conn = vsh_conn(ctl);
    unsigned long lib = 0, api = 0, hv = 0, daemon = 0;
    const char *type;

    vsh_print(ctl, "Compiled against library: libvirt " VER_FMT "\n",
              VER_ARGS(LIBVIR_VERSION_NUMBER));
    if (virGetVersion(&lib, NULL, NULL) < 0) {
        vsh_error(ctl, "failed to get the library version");
        return false;
    }
    vsh_print(ctl, "Using library: libvirt " VER_FMT "\n", VER_ARGS(lib));

    if (!(type = virConnectGetType(conn))) {
        vsh_error(ctl, "failed to get hypervisor type");
        return false;
    }
    if (virGetVersion(&lib, type, &api) < 0) {
        vsh_error(ctl, "failed to get the library version");
        return false;
    }
    vsh_print(ctl, "Using API: %s " VER_FMT "\n", type, VER_ARGS(api));

    if (virConnectGetVersion(conn, &hv) < 0) {
        vsh_error(ctl, "failed to get the hypervisor version");
        return false;
    }
    if (hv == 0)
        vsh_print(ctl, "Cannot extract running %s hypervisor version\n", type);
    else
        vsh_print(ctl, "Running hypervisor: %s " VER_FMT "\n", type, VER_ARGS(hv));

    if (vsh_opt_bool(cmd, "daemon")) {
        if (virConnectGetLibVersion(conn, &daemon) < 0) {
            vsh_error(ctl, "failed to get the daemon version");
            return false;
        }
        vsh_print(ctl, "Running against daemon: " VER_FMT "\n", VER_ARGS(daemon));
    }
    return true;
}

static const VshOptDef opts_version[] = {
    { "daemon", VSH_OT_BOOL, 0, "also show the version of the daemon" },
    { NULL }
};

static bool
cmd_uri(VshCtl *ctl, const VshCmd *cmd)
{
    g_autofree char *uri = virConnectGetURI(vsh_conn(ctl));

    if (!uri) {
        vsh_error(ctl, "failed to get URI");
        return false;
    }
    vsh_print(ctl, "%s\n", uri);
    return true;
}

static bool
cmd_hostname(VshCtl *ctl, const VshCmd *cmd)
{
    g_autofree char *name = virConnectGetHostname(vsh_conn(ctl));

    if (!name) {
        vsh_error(ctl, "failed to get hostname");
        return false;
    }
    vsh_print(ctl, "%s\n", name);
    return true;
}

static const VshCmdDef cmds_host[] = {
    { "hostname", cmd_hostname, NULL, "print the host name of the hypervisor", NULL, 0 },
    { "uri", cmd_uri, NULL, "print the canonical URI of the connection", NULL, 0 },
    { "version", cmd_version, opts_version, "show versions",
      "Show the versions of the library virsh was built with, the library in use,\n"
      "the driver API and the running hypervisor.", 0 },
    { NULL }
};

const VshCmdGroup vsh_group_host = { "Host and Hypervisor", "host", cmds_host };
