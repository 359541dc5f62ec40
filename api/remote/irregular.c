/* api/remote/irregular.c: remote ops whose replies carry lists of wire
 * structs or fixed-size buffers the generator does not map: security
 * model and label, memory and host CPU/memory statistics, vCPU info,
 * interface addresses, DHCP leases and CPU model names. */
#include "config.h"

#include <string.h>

#define ERR_DOMAIN VIR_FROM_REMOTE
#include "api/remote/remote.h"
#include "common/util/err.h"
#include "remote_client.h"

/* Copy a counted wire string into a fixed public buffer (NUL included). */
static int
remote_copy_fixed(char *dst, size_t size, const char *val, u_int len, const char *what)
{
    if (len >= size) {
        err_report(VIR_ERR_RPC, "%s length greater than maximum: %u > %zu", what, len, size - 1);
        return -1;
    }
    memcpy(dst, val, len);
    dst[len] = '\0';
    return 0;
}

/**
 * remote_op_node_get_security_model() - NODE_GET_SECURITY_MODEL
 */
int
remote_op_node_get_security_model(virConnectPtr conn, virSecurityModelPtr secmodel)
{
    RemoteConn *rc = remote_route(conn, API_DRV_HYPERVISOR);
    remote_node_get_security_model_ret ret = { 0 };
    int r = -1;

    if (!rc || remote_call_node_get_security_model(rc->client, &ret) < 0)
        return -1;
    memset(secmodel, 0, sizeof(*secmodel));
    if (remote_copy_fixed(secmodel->model, sizeof(secmodel->model), ret.model.model_val,
                          ret.model.model_len, "security model") == 0 &&
        remote_copy_fixed(secmodel->doi, sizeof(secmodel->doi), ret.doi.doi_val,
                          ret.doi.doi_len, "security doi") == 0)
        r = 0;
    xdr_free((xdrproc_t) xdr_remote_node_get_security_model_ret, (char *) &ret);
    return r;
}

/**
 * remote_op_domain_get_security_label() - DOMAIN_GET_SECURITY_LABEL
 */
int
remote_op_domain_get_security_label(virDomainPtr domain, virSecurityLabelPtr seclabel)
{
    RemoteConn *rc = remote_route(domain->conn, API_DRV_HYPERVISOR);
    remote_domain_get_security_label_args args;
    remote_domain_get_security_label_ret ret = { 0 };
    int r = -1;

    if (!rc)
        return -1;
    remote_domain_to_wire(domain, &args.dom);
    if (remote_call_domain_get_security_label(rc->client, &args, &ret) < 0)
        return -1;
    memset(seclabel, 0, sizeof(*seclabel));
    if (remote_copy_fixed(seclabel->label, sizeof(seclabel->label), ret.label.label_val,
                          ret.label.label_len, "security label") == 0) {
        seclabel->enforcing = ret.enforcing;
        r = 0;
    }
    xdr_free((xdrproc_t) xdr_remote_domain_get_security_label_ret, (char *) &ret);
    return r;
}

/**
 * remote_op_domain_memory_stats() - DOMAIN_MEMORY_STATS into @stats
 */
int
remote_op_domain_memory_stats(virDomainPtr dom, virDomainMemoryStatPtr stats,
                           unsigned int nr_stats, unsigned int flags)
{
    RemoteConn *rc = remote_route(dom->conn, API_DRV_HYPERVISOR);
    remote_domain_memory_stats_args args = { .maxStats = nr_stats, .flags = flags };
    remote_domain_memory_stats_ret ret = { 0 };
    u_int n;

    if (!rc)
        return -1;
    if (nr_stats > REMOTE_DOMAIN_MEMORY_STATS_MAX) {
        err_report(VIR_ERR_RPC, "too many memory stats requested: %u > %d", nr_stats,
                   REMOTE_DOMAIN_MEMORY_STATS_MAX);
        return -1;
    }
    remote_domain_to_wire(dom, &args.dom);
    if (remote_call_domain_memory_stats(rc->client, &args, &ret) < 0)
        return -1;
    n = MIN(ret.stats.stats_len, nr_stats);
    for (u_int i = 0; i < n; i++) {
        stats[i].tag = ret.stats.stats_val[i].tag;
        stats[i].val = ret.stats.stats_val[i].val;
    }
    xdr_free((xdrproc_t) xdr_remote_domain_memory_stats_ret, (char *) &ret);
    return n;
}

/* Host CPU and memory statistics replies: the count when the caller asked
 * for it (*@nparams == 0), else (field, value) pairs into its array. The
 * two reply element types and public structs have the same layout, so one
 * macro serves both. */
#define NODE_STATS_COPY(ret, params, nparams, field_len) \
    do { \
        if (*(nparams) == 0) { \
            *(nparams) = (ret).nparams; \
            break; \
        } \
        if ((ret).params.params_len > (u_int) *(nparams)) { \
            err_report(VIR_ERR_RPC, "%s", "remote host returned too many statistics"); \
            r = -1; \
            break; \
        } \
        for (u_int i = 0; i < (ret).params.params_len && r == 0; i++) { \
            if (g_strlcpy((params)[i].field, (ret).params.params_val[i].field, (field_len)) >= \
                (field_len)) { \
                err_report(VIR_ERR_RPC, "statistic field %s too long", \
                           (ret).params.params_val[i].field); \
                r = -1; \
            } \
            (params)[i].value = (ret).params.params_val[i].value; \
        } \
        if (r == 0) \
            *(nparams) = (ret).params.params_len; \
    } while (0)

/**
 * remote_op_node_get_cpu_stats() - NODE_GET_CPU_STATS
 */
int
remote_op_node_get_cpu_stats(virConnectPtr conn, int cpuNum, virNodeCPUStatsPtr params,
                          int *nparams, unsigned int flags)
{
    RemoteConn *rc = remote_route(conn, API_DRV_HYPERVISOR);
    remote_node_get_cpu_stats_args args = { .cpuNum = cpuNum, .nparams = *nparams,
                                            .flags = flags };
    remote_node_get_cpu_stats_ret ret = { 0 };
    int r = 0;

    if (!rc)
        return -1;
    if (*nparams > REMOTE_NODE_CPU_STATS_MAX) {
        err_report(VIR_ERR_RPC, "%s", "nparams count exceeds maximum");
        return -1;
    }
    if (remote_call_node_get_cpu_stats(rc->client, &args, &ret) < 0)
        return -1;
    NODE_STATS_COPY(ret, params, nparams, VIR_NODE_CPU_STATS_FIELD_LENGTH);
    xdr_free((xdrproc_t) xdr_remote_node_get_cpu_stats_ret, (char *) &ret);
    return r;
}

/**
 * remote_op_node_get_memory_stats() - NODE_GET_MEMORY_STATS
 */
int
remote_op_node_get_memory_stats(virConnectPtr conn, int cellNum, virNodeMemoryStatsPtr params,
                             int *nparams, unsigned int flags)
{
    RemoteConn *rc = remote_route(conn, API_DRV_HYPERVISOR);
    remote_node_get_memory_stats_args args = { .nparams = *nparams, .cellNum = cellNum,
                                               .flags = flags };
    remote_node_get_memory_stats_ret ret = { 0 };
    int r = 0;

    if (!rc)
        return -1;
    if (*nparams > REMOTE_NODE_MEMORY_STATS_MAX) {
        err_report(VIR_ERR_RPC, "%s", "nparams count exceeds maximum");
        return -1;
    }
    if (remote_call_node_get_memory_stats(rc->client, &args, &ret) < 0)
        return -1;
    NODE_STATS_COPY(ret, params, nparams, VIR_NODE_MEMORY_STATS_FIELD_LENGTH);
    xdr_free((xdrproc_t) xdr_remote_node_get_memory_stats_ret, (char *) &ret);
    return r;
}

/**
 * remote_op_domain_get_vcpus() - DOMAIN_GET_VCPUS: @maxinfo entries of @info
 * and, when @cpumaps is given, their pinning maps of @maplen bytes each
 */
int
remote_op_domain_get_vcpus(virDomainPtr domain, virVcpuInfoPtr info, int maxinfo,
                        unsigned char *cpumaps, int maplen)
{
    RemoteConn *rc = remote_route(domain->conn, API_DRV_HYPERVISOR);
    remote_domain_get_vcpus_args args = { .maxinfo = maxinfo, .maplen = cpumaps ? maplen : 0 };
    remote_domain_get_vcpus_ret ret = { 0 };
    int r = -1;

    if (!rc)
        return -1;
    if (maxinfo > REMOTE_VCPUINFO_MAX ||
        (cpumaps && (long long) maxinfo * maplen > REMOTE_CPUMAPS_MAX)) {
        err_report(VIR_ERR_RPC, "%s", "vCPU information request exceeds the protocol limits");
        return -1;
    }
    remote_domain_to_wire(domain, &args.dom);
    if (remote_call_domain_get_vcpus(rc->client, &args, &ret) < 0)
        return -1;
    if (ret.info.info_len > (u_int) maxinfo ||
        (cpumaps && ret.cpumaps.cpumaps_len > (u_int) (maxinfo * maplen))) {
        err_report(VIR_ERR_RPC, "%s", "host reply too large");
        goto cleanup;
    }
    for (u_int i = 0; i < ret.info.info_len; i++) {
        info[i].number = ret.info.info_val[i].number;
        info[i].state = ret.info.info_val[i].state;
        info[i].cpuTime = ret.info.info_val[i].cpu_time;
        info[i].cpu = ret.info.info_val[i].cpu;
    }
    if (cpumaps) {
        memset(cpumaps, 0, (size_t) maxinfo * maplen);
        memcpy(cpumaps, ret.cpumaps.cpumaps_val, ret.cpumaps.cpumaps_len);
    }
    r = ret.info.info_len;

 cleanup:
    xdr_free((xdrproc_t) xdr_remote_domain_get_vcpus_ret, (char *) &ret);
    return r;
}

/**
 * remote_op_domain_interface_addresses() - DOMAIN_INTERFACE_ADDRESSES
 */
int
remote_op_domain_interface_addresses(virDomainPtr dom, virDomainInterfacePtr **ifaces,
                                  unsigned int source, unsigned int flags)
{
    RemoteConn *rc = remote_route(dom->conn, API_DRV_HYPERVISOR);
    remote_domain_interface_addresses_args args = { .source = source, .flags = flags };
    remote_domain_interface_addresses_ret ret = { 0 };
    virDomainInterfacePtr *list;
    u_int n;

    if (!rc)
        return -1;
    remote_domain_to_wire(dom, &args.dom);
    if (remote_call_domain_interface_addresses(rc->client, &args, &ret) < 0)
        return -1;
    n = ret.ifaces.ifaces_len;
    list = g_new0(virDomainInterfacePtr, n + 1);
    for (u_int i = 0; i < n; i++) {
        const remote_domain_interface *w = &ret.ifaces.ifaces_val[i];
        virDomainInterfacePtr iface = g_new0(virDomainInterface, 1);

        list[i] = iface;
        iface->name = g_strdup(w->name);
        iface->hwaddr = w->hwaddr ? g_strdup(*w->hwaddr) : NULL;
        iface->naddrs = w->addrs.addrs_len;
        iface->addrs = g_new0(virDomainIPAddress, MAX(iface->naddrs, 1));
        for (u_int j = 0; j < iface->naddrs; j++) {
            iface->addrs[j].type = w->addrs.addrs_val[j].type;
            iface->addrs[j].addr = g_strdup(w->addrs.addrs_val[j].addr);
            iface->addrs[j].prefix = w->addrs.addrs_val[j].prefix;
        }
    }
    xdr_free((xdrproc_t) xdr_remote_domain_interface_addresses_ret, (char *) &ret);
    *ifaces = list;
    return n;
}

/**
 * remote_op_network_get_dhcp_leases() - NETWORK_GET_DHCP_LEASES
 * @leases: NULL to count only
 */
int
remote_op_network_get_dhcp_leases(virNetworkPtr network, const char *mac,
                               virNetworkDHCPLeasePtr **leases, unsigned int flags)
{
    RemoteConn *rc = remote_route(network->conn, API_DRV_NETWORK);
    remote_network_get_dhcp_leases_args args = { .need_results = leases != NULL,
                                                 .flags = flags };
    remote_network_get_dhcp_leases_ret ret = { 0 };
    char *mac_copy = (char *) mac;
    int n;

    if (!rc)
        return -1;
    remote_network_to_wire(network, &args.net);
    args.mac = mac ? &mac_copy : NULL;
    if (remote_call_network_get_dhcp_leases(rc->client, &args, &ret) < 0)
        return -1;
    if (leases) {
        virNetworkDHCPLeasePtr *list = g_new0(virNetworkDHCPLeasePtr,
                                              ret.leases.leases_len + 1);

        for (u_int i = 0; i < ret.leases.leases_len; i++) {
            const remote_network_dhcp_lease *w = &ret.leases.leases_val[i];
            virNetworkDHCPLeasePtr l = g_new0(virNetworkDHCPLease, 1);

            list[i] = l;
            l->iface = g_strdup(w->iface);
            l->expirytime = w->expirytime;
            l->type = w->type;
            l->mac = w->mac ? g_strdup(*w->mac) : NULL;
            l->iaid = w->iaid ? g_strdup(*w->iaid) : NULL;
            l->ipaddr = g_strdup(w->ipaddr);
            l->prefix = w->prefix;
            l->hostname = w->hostname ? g_strdup(*w->hostname) : NULL;
            l->clientid = w->clientid ? g_strdup(*w->clientid) : NULL;
        }
        *leases = list;
    }
    n = ret.ret;
    xdr_free((xdrproc_t) xdr_remote_network_get_dhcp_leases_ret, (char *) &ret);
    return n;
}

/**
 * remote_op_connect_get_cpu_model_names() - CONNECT_GET_CPU_MODEL_NAMES
 * @models: NULL to count only; else a NULL-terminated array
 */
int
remote_op_connect_get_cpu_model_names(virConnectPtr conn, const char *arch, char ***models,
                                   unsigned int flags)
{
    RemoteConn *rc = remote_route(conn, API_DRV_HYPERVISOR);
    remote_connect_get_cpu_model_names_args args = { .arch = (char *) arch,
                                                     .need_results = models != NULL,
                                                     .flags = flags };
    remote_connect_get_cpu_model_names_ret ret = { 0 };
    int n;

    if (!rc || remote_call_connect_get_cpu_model_names(rc->client, &args, &ret) < 0)
        return -1;
    if (models) {
        char **list = g_new0(char *, ret.models.models_len + 1);

        for (u_int i = 0; i < ret.models.models_len; i++)
            list[i] = g_strdup(ret.models.models_val[i]);
        *models = list;
    }
    n = ret.ret;
    xdr_free((xdrproc_t) xdr_remote_connect_get_cpu_model_names_ret, (char *) &ret);
    return n;
}

/**
 * remote_op_node_get_cpu_map() - NODE_GET_CPU_MAP; *@cpumap (when wanted)
 * is a new buffer of ceil(cpus / 8) bytes
 */
int
remote_op_node_get_cpu_map(virConnectPtr conn, unsigned char **cpumap, unsigned int *online,
                           unsigned int flags)
{
    RemoteConn *rc = remote_route(conn, API_DRV_HYPERVISOR);
    remote_node_get_cpu_map_args args = { .need_map = cpumap != NULL,
                                          .need_online = online != NULL, .flags = flags };
    remote_node_get_cpu_map_ret ret = { 0 };
    int n;

    if (!rc || remote_call_node_get_cpu_map(rc->client, &args, &ret) < 0)
        return -1;
    if (cpumap) {
        *cpumap = g_malloc0(MAX(ret.cpumap.cpumap_len, 1));
        memcpy(*cpumap, ret.cpumap.cpumap_val, ret.cpumap.cpumap_len);
    }
    if (online)
        *online = ret.online;
    n = ret.ret;
    xdr_free((xdrproc_t) xdr_remote_node_get_cpu_map_ret, (char *) &ret);
    return n;
}
