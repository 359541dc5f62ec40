/*
 * lookup.c: from a command option to a library object.
 *
 * Each family accepts the spellings users know from libvirt's virsh: a domain by
 * id, UUID or name (tried in that order), a network, pool or filter by UUID or name,
 * a volume by name within --pool or else by key or path, an interface by name or
 * MAC. Failures print the context line libvirt's virsh prints; whether the library's
 * own error follows depends on the family, as there.
 */
#include <string.h>

#include "common/util/parse.h"
#include "tools/virsh/helpers.h"

static bool
looks_like_uuid(const char *s)
{
    return strlen(s) == VIR_UUID_STRING_BUFLEN - 1;
}

/* 6 groups of 1-2 hex digits separated by ':' */
static bool
looks_like_mac(const char *s)
{
    for (int i = 0; i < 6; i++) {
        int n = 0;

        while (g_ascii_isxdigit(*s) && n < 3) {
            s++;
            n++;
        }
        if (n < 1 || n > 2)
            return false;
        if (i < 5 && *s++ != ':')
            return false;
    }
    return *s == '\0';
}

/**
 * vsh_domain_lookup() - find a domain by id, UUID or name (as @by allows)
 *
 * The library's errors of the attempts are dropped; a failure prints only
 * "failed to get domain".
 */
virDomainPtr
vsh_domain_lookup(VshCtl *ctl, const char *name, unsigned int by)
{
    virConnectPtr conn = vsh_conn(ctl);
    virDomainPtr dom = NULL;
    int id;

    if (!conn)
        return NULL;
    if ((by & VSH_BYID) && parse_int(name, 10, &id) == 0 && id >= 0)
        dom = virDomainLookupByID(conn, id);
    if (!dom && (by & VSH_BYUUID) && looks_like_uuid(name))
        dom = virDomainLookupByUUIDString(conn, name);
    if (!dom && (by & VSH_BYNAME))
        dom = virDomainLookupByName(conn, name);
    vsh_reset_libvirt_error();
    if (!dom)
        vsh_error(ctl, "failed to get domain '%s'", name);
    return dom;
}

/**
 * vsh_domain_opt() - the domain named by option @opt (a required option)
 * @ret_name: the option's value, when not NULL
 */
virDomainPtr
vsh_domain_opt(VshCtl *ctl, const VshCmd *cmd, const char *opt, unsigned int by,
               const char **ret_name)
{
    const char *name = NULL;

    if (vsh_opt_string(ctl, cmd, opt, &name) <= 0)
        return NULL;
    if (ret_name)
        *ret_name = name;
    return vsh_domain_lookup(ctl, name, by);
}

/**
 * vsh_network_opt() - the network named by @opt, by UUID then name
 */
virNetworkPtr
vsh_network_opt(VshCtl *ctl, const VshCmd *cmd, const char *opt, unsigned int by,
                const char **ret_name)
{
    const char *name = NULL;
    virConnectPtr conn;
    virNetworkPtr net = NULL;

    if (vsh_opt_string(ctl, cmd, opt, &name) <= 0 || !(conn = vsh_conn(ctl)))
        return NULL;
    if (ret_name)
        *ret_name = name;
    if ((by & VSH_BYUUID) && looks_like_uuid(name))
        net = virNetworkLookupByUUIDString(conn, name);
    if (!net && (by & VSH_BYNAME))
        net = virNetworkLookupByName(conn, name);
    if (!net)
        vsh_error(ctl, "failed to get network '%s'", name);
    return net;
}

/**
 * vsh_network_port_opt() - the port of @net whose UUID option @opt names
 */
virNetworkPortPtr
vsh_network_port_opt(VshCtl *ctl, const VshCmd *cmd, virNetworkPtr net, const char *opt)
{
    const char *name = NULL;
    virNetworkPortPtr port;

    if (vsh_opt_string(ctl, cmd, opt, &name) <= 0)
        return NULL;
    port = virNetworkPortLookupByUUIDString(net, name);
    vsh_reset_libvirt_error();
    if (!port)
        vsh_error(ctl, "failed to get network port '%s'", name);
    return port;
}

/**
 * vsh_pool_lookup() - a storage pool by UUID then name
 */
virStoragePoolPtr
vsh_pool_lookup(VshCtl *ctl, const char *name, unsigned int by)
{
    virConnectPtr conn = vsh_conn(ctl);
    virStoragePoolPtr pool = NULL;

    if (!conn)
        return NULL;
    if ((by & VSH_BYUUID) && looks_like_uuid(name))
        pool = virStoragePoolLookupByUUIDString(conn, name);
    if (!pool && (by & VSH_BYNAME))
        pool = virStoragePoolLookupByName(conn, name);
    if (!pool)
        vsh_error(ctl, "failed to get pool '%s'", name);
    return pool;
}

/**
 * vsh_pool_opt() - the storage pool named by option @opt
 */
virStoragePoolPtr
vsh_pool_opt(VshCtl *ctl, const VshCmd *cmd, const char *opt, unsigned int by,
             const char **ret_name)
{
    const char *name = NULL;

    if (vsh_opt_string(ctl, cmd, opt, &name) <= 0)
        return NULL;
    if (ret_name)
        *ret_name = name;
    return vsh_pool_lookup(ctl, name, by);
}

/**
 * vsh_vol_opt() - the volume named by @opt: a name within the pool of @pool_opt
 *                 (which must be active), else a key, else a path; @pool_opt may
 *                 be NULL for commands without one
 */
virStorageVolPtr
vsh_vol_opt(VshCtl *ctl, const VshCmd *cmd, const char *opt, const char *pool_opt,
            const char **ret_name)
{
    const char *name = NULL;
    const char *pname = NULL;
    g_autoptr(virStoragePool) pool = NULL;
    virConnectPtr conn;
    virStorageVolPtr vol = NULL;

    if (vsh_opt_string(ctl, cmd, opt, &name) <= 0 ||
        (pool_opt && vsh_opt_string(ctl, cmd, pool_opt, &pname) < 0) || !(conn = vsh_conn(ctl)))
        return NULL;
    if (ret_name)
        *ret_name = name;
    if (pname) {
        if (!(pool = vsh_pool_lookup(ctl, pname, VSH_BYUUID | VSH_BYNAME)))
            return NULL;
        if (virStoragePoolIsActive(pool) != 1) {
            vsh_error(ctl, "pool '%s' is not active", pname);
            return NULL;
        }
        vol = virStorageVolLookupByName(pool, name);
    }
    if (!vol)
        vol = virStorageVolLookupByKey(conn, name);
    if (!vol)
        vol = virStorageVolLookupByPath(conn, name);
    if (!vol) {
        if (pname || !pool_opt)
            vsh_error(ctl, "failed to get vol '%s'", name);
        else
            vsh_error(ctl, "failed to get vol '%s', specifying --%s might help", name,
                      pool_opt);
    }
    return vol;
}

/* 16 hex digits, optionally after "0x" */
static bool
valid_wwn(const char *s)
{
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        s += 2;
    for (int i = 0; i < 16; i++) {
        if (!g_ascii_isxdigit(s[i]))
            return false;
    }
    return s[16] == '\0';
}

/**
 * vsh_nodedev_opt() - a node device by name, or by "wwnn,wwpn" of its SCSI host
 */
virNodeDevicePtr
vsh_nodedev_opt(VshCtl *ctl, const VshCmd *cmd, const char *opt, const char **ret_name)
{
    const char *name = NULL;
    virConnectPtr conn;
    virNodeDevicePtr dev;

    if (vsh_opt_string(ctl, cmd, opt, &name) <= 0 || !(conn = vsh_conn(ctl)))
        return NULL;
    if (ret_name)
        *ret_name = name;
    if (strchr(name, ',')) {
        g_auto(GStrv) parts = g_strsplit(name, ",", -1);

        if (g_strv_length(parts) != 2) {
            vsh_error(ctl, "Malformed device value '%s'", name);
            return NULL;
        }
        for (int i = 0; i < 2; i++) {
            if (!valid_wwn(parts[i])) {
                vsh_error(ctl, "internal error: Malformed wwn: %s", parts[i]);
                return NULL;
            }
        }
        dev = virNodeDeviceLookupSCSIHostByWWN(conn, parts[0], parts[1], 0);
    } else {
        dev = virNodeDeviceLookupByName(conn, name);
    }
    if (!dev)
        vsh_error(ctl, "Could not find matching device '%s'", name);
    return dev;
}

/**
 * vsh_iface_opt() - a host interface by name, or by MAC when the value is one
 */
virInterfacePtr
vsh_iface_opt(VshCtl *ctl, const VshCmd *cmd, const char *opt, unsigned int by,
              const char **ret_name)
{
    const char *name = NULL;
    virConnectPtr conn;
    virInterfacePtr iface = NULL;
    bool is_mac;

    if (vsh_opt_string(ctl, cmd, opt, &name) <= 0 || !(conn = vsh_conn(ctl)))
        return NULL;
    if (ret_name)
        *ret_name = name;
    is_mac = looks_like_mac(name);
    if (is_mac && (by & VSH_BYMAC))
        iface = virInterfaceLookupByMACString(conn, name);
    else if (!is_mac && (by & VSH_BYNAME))
        iface = virInterfaceLookupByName(conn, name);
    if (!iface)
        vsh_error(ctl, "failed to get interface '%s'", name);
    return iface;
}

/**
 * vsh_nwfilter_opt() - a network filter by UUID then name
 */
virNWFilterPtr
vsh_nwfilter_opt(VshCtl *ctl, const VshCmd *cmd, const char *opt, const char **ret_name)
{
    const char *name = NULL;
    virConnectPtr conn;
    virNWFilterPtr f = NULL;

    if (vsh_opt_string(ctl, cmd, opt, &name) <= 0 || !(conn = vsh_conn(ctl)))
        return NULL;
    if (ret_name)
        *ret_name = name;
    if (looks_like_uuid(name))
        f = virNWFilterLookupByUUIDString(conn, name);
    if (!f)
        f = virNWFilterLookupByName(conn, name);
    if (!f)
        vsh_error(ctl, "failed to get nwfilter '%s'", name);
    return f;
}

/**
 * vsh_nwfilter_binding_opt() - a filter binding by the port device it is bound to
 */
virNWFilterBindingPtr
vsh_nwfilter_binding_opt(VshCtl *ctl, const VshCmd *cmd, const char *opt,
                         const char **ret_name)
{
    const char *name = NULL;
    virConnectPtr conn;
    virNWFilterBindingPtr b;

    if (vsh_opt_string(ctl, cmd, opt, &name) <= 0 || !(conn = vsh_conn(ctl)))
        return NULL;
    if (ret_name)
        *ret_name = name;
    if (!(b = virNWFilterBindingLookupByPortDev(conn, name)))
        vsh_error(ctl, "failed to get nwfilter binding '%s'", name);
    return b;
}
