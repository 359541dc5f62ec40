/* api/remote/misc.c: remote ops whose replies the generator does not map:
 * the parent of a node device (cached on the handle) and domain stats
 * records (a list of objects with typed parameters each). */
#include "config.h"

#include <string.h>

#define ERR_DOMAIN VIR_FROM_REMOTE
#include "api/remote/remote.h"
#include "common/util/err.h"
#include "remote_client.h"

/**
 * remote_op_node_device_get_parent() - NODE_DEVICE_GET_PARENT; the answer is
 * kept in dev->parent_name
 *
 * Return: the parent name, or NULL (reported on failure; a device without
 * parent returns NULL with no error set).
 */
const char *
remote_op_node_device_get_parent(virNodeDevicePtr dev)
{
    RemoteConn *rc = remote_route(dev->conn, API_DRV_NODEDEV);
    remote_node_device_get_parent_args args = { .name = dev->name };
    remote_node_device_get_parent_ret ret = { 0 };

    if (!rc || remote_call_node_device_get_parent(rc->client, &args, &ret) < 0)
        return NULL;
    if (ret.parentName && !dev->parent_name)
        dev->parent_name = g_strdup(*ret.parentName);
    xdr_free((xdrproc_t) xdr_remote_node_device_get_parent_ret, (char *) &ret);
    return dev->parent_name;
}

/* CONNECT_GET_ALL_DOMAIN_STATS for @doms (may be empty: every domain). */
static int
remote_domain_stats(virConnectPtr conn, virDomainPtr *doms, unsigned int ndoms,
                    unsigned int stats, virDomainStatsRecordPtr **ret_stats, unsigned int flags)
{
    RemoteConn *rc = remote_route(conn, API_DRV_HYPERVISOR);
    remote_connect_get_all_domain_stats_args args = { .stats = stats, .flags = flags };
    remote_connect_get_all_domain_stats_ret ret = { 0 };
    g_autofree remote_nonnull_domain *wire = NULL;
    virDomainStatsRecordPtr *list;
    u_int n;

    if (!rc)
        return -1;
    if (ndoms > REMOTE_DOMAIN_LIST_MAX) {
        err_report(VIR_ERR_RPC, "too many domains '%u' for limit '%d'", ndoms,
                   REMOTE_DOMAIN_LIST_MAX);
        return -1;
    }
    wire = g_new0(remote_nonnull_domain, MAX(ndoms, 1));
    for (unsigned int i = 0; i < ndoms; i++)
        remote_domain_to_wire(doms[i], &wire[i]);
    args.doms.doms_len = ndoms;
    args.doms.doms_val = wire;
    if (remote_call_connect_get_all_domain_stats(rc->client, &args, &ret) < 0)
        return -1;

    n = ret.retStats.retStats_len;
    list = g_new0(virDomainStatsRecordPtr, n + 1);
    for (u_int i = 0; i < n; i++) {
        const remote_domain_stats_record *r = &ret.retStats.retStats_val[i];
        virDomainStatsRecordPtr rec = g_new0(virDomainStatsRecord, 1);

        list[i] = rec;
        rec->dom = remote_domain_from_wire(conn, &r->dom);
        if (remote_params_from_wire_alloc(r->params.params_val, r->params.params_len,
                                          REMOTE_CONNECT_GET_ALL_DOMAIN_STATS_MAX,
                                          &rec->params, &rec->nparams) < 0) {
            virDomainStatsRecordListFree(list);
            xdr_free((xdrproc_t) xdr_remote_connect_get_all_domain_stats_ret, (char *) &ret);
            return -1;
        }
    }
    xdr_free((xdrproc_t) xdr_remote_connect_get_all_domain_stats_ret, (char *) &ret);
    *ret_stats = list;
    return n;
}

/**
 * remote_op_connect_get_all_domain_stats() - stats of every domain matching
 * @flags
 */
int
remote_op_connect_get_all_domain_stats(virConnectPtr conn, unsigned int stats,
                                    virDomainStatsRecordPtr **retStats, unsigned int flags)
{
    return remote_domain_stats(conn, NULL, 0, stats, retStats, flags);
}

/**
 * remote_op_domain_list_get_stats() - stats of the domains in @doms
 */
int
remote_op_domain_list_get_stats(virDomainPtr *doms, unsigned int stats,
                             virDomainStatsRecordPtr **retStats, unsigned int flags)
{
    unsigned int n = 0;

    while (doms[n])
        n++;
    return remote_domain_stats(doms[0]->conn, doms, n, stats, retStats, flags);
}

/**
 * remote_op_domain_create() - DOMAIN_CREATE, then refresh the handle's id
 * (the reply carries none; libvirt's client looks the domain up again)
 */
int
remote_op_domain_create(virDomainPtr domain)
{
    RemoteConn *rc = remote_route(domain->conn, API_DRV_HYPERVISOR);
    remote_domain_create_args args;
    remote_domain_lookup_by_uuid_args largs;
    remote_domain_lookup_by_uuid_ret lret = { 0 };

    if (!rc)
        return -1;
    remote_domain_to_wire(domain, &args.dom);
    if (remote_call_domain_create(rc->client, &args) < 0)
        return -1;
    memcpy(largs.uuid, domain->uuid, VIR_UUID_BUFLEN);
    if (remote_call_domain_lookup_by_uuid(rc->client, &largs, &lret) < 0)
        return -1;
    domain->id = lret.dom.id;
    xdr_free((xdrproc_t) xdr_remote_domain_lookup_by_uuid_ret, (char *) &lret);
    return 0;
}
