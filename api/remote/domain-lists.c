/* api/remote/domain-lists.c: remote ops whose replies the generator does
 * not map: per-CPU statistics, disk errors, pinning maps, guest file
 * systems, IOThreads, memory and block peeks, guest messages and SSH
 * keys, security labels, and the host's free/allocated huge pages. Each
 * checks the reply against what the caller's buffers can hold. */
#include "config.h"

#include <string.h>

#define ERR_DOMAIN VIR_FROM_REMOTE
#include "api/remote/remote.h"
#include "common/util/err.h"
#include "remote_client.h"

#define DOMAIN_CALL(domobj, name, args, ret, fail) \
    do { \
        RemoteConn *rc_ = remote_route((domobj)->conn, API_DRV_HYPERVISOR); \
        if (!rc_) \
            return fail; \
        remote_domain_to_wire((domobj), &(args).dom); \
        if (remote_call_##name(rc_->client, &(args), &(ret)) < 0) \
            return fail; \
    } while (0)

#define FREE_RET(name, ret) xdr_free((xdrproc_t) xdr_remote_##name##_ret, (char *) &(ret))

/**
 * remote_op_domain_get_cpu_stats() - DOMAIN_GET_CPU_STATS: the daemon sends
 * only the stats it has, @ret.nparams per CPU; they are spread back into
 * the caller's @nparams-wide rows
 */
int
remote_op_domain_get_cpu_stats(virDomainPtr domain, virTypedParameterPtr params,
                               unsigned int nparams, int start_cpu, unsigned int ncpus,
                               unsigned int flags)
{
    remote_domain_get_cpu_stats_args args = { .nparams = nparams, .start_cpu = start_cpu,
                                              .ncpus = ncpus, .flags = flags };
    remote_domain_get_cpu_stats_ret ret = { 0 };
    u_int len;
    int r = -1;

    if ((unsigned long long) nparams * ncpus > REMOTE_DOMAIN_GET_CPU_STATS_MAX) {
        err_report(VIR_ERR_RPC, "nparams * ncpus exceeds the remote limit (%d)",
                   REMOTE_DOMAIN_GET_CPU_STATS_MAX);
        return -1;
    }
    DOMAIN_CALL(domain, domain_get_cpu_stats, args, ret, -1);
    len = ret.params.params_len;
    if (len > nparams * ncpus ||
        (len && (ret.nparams <= 0 || len % (u_int) ret.nparams ||
                 len / (u_int) ret.nparams > ncpus || (u_int) ret.nparams > nparams))) {
        err_report(VIR_ERR_RPC, "%s", "returned number of CPU statistics exceeds the limit");
        goto cleanup;
    }
    if (nparams == 0) {
        r = ret.nparams;    /* the caller asked how many stats there are */
        goto cleanup;
    }
    memset(params, 0, sizeof(*params) * nparams * ncpus);
    for (u_int cpu = 0; ret.nparams > 0 && cpu < len / (u_int) ret.nparams; cpu++) {
        int got = 0;

        if (remote_params_from_wire(&ret.params.params_val[cpu * ret.nparams], ret.nparams,
                                    (int) nparams, &params[cpu * nparams], &got) < 0) {
            virTypedParamsClear(params, (int) (cpu * nparams));
            goto cleanup;
        }
    }
    r = ret.nparams;

 cleanup:
    FREE_RET(domain_get_cpu_stats, ret);
    return r;
}

/**
 * remote_op_domain_get_disk_errors() - DOMAIN_GET_DISK_ERRORS
 */
int
remote_op_domain_get_disk_errors(virDomainPtr dom, virDomainDiskErrorPtr errors,
                                 unsigned int maxerrors, unsigned int flags)
{
    remote_domain_get_disk_errors_args args = { .maxerrors = maxerrors, .flags = flags };
    remote_domain_get_disk_errors_ret ret = { 0 };
    int r = -1;

    if (maxerrors > REMOTE_DOMAIN_DISK_ERRORS_MAX) {
        err_report(VIR_ERR_RPC, "too many disk errors requested: %u > %d", maxerrors,
                   REMOTE_DOMAIN_DISK_ERRORS_MAX);
        return -1;
    }
    DOMAIN_CALL(dom, domain_get_disk_errors, args, ret, -1);
    if (ret.errors.errors_len > maxerrors) {
        err_report(VIR_ERR_RPC, "%s", "returned number of disk errors exceeds the limit");
        goto cleanup;
    }
    for (u_int i = 0; i < ret.errors.errors_len; i++) {
        errors[i].disk = g_strdup(ret.errors.errors_val[i].disk);
        errors[i].error = ret.errors.errors_val[i].error;
    }
    r = ret.nerrors;

 cleanup:
    FREE_RET(domain_get_disk_errors, ret);
    return r;
}

/* Copy a reply's CPU maps into the caller's @size bytes (zeroed first). */
static int
copy_cpumaps(unsigned char *dst, size_t size, const char *val, u_int len)
{
    if (len > size) {
        err_report(VIR_ERR_RPC, "%s", "returned CPU map is larger than the caller's buffer");
        return -1;
    }
    memset(dst, 0, size);
    memcpy(dst, val, len);
    return 0;
}

/**
 * remote_op_domain_get_emulator_pin_info() - DOMAIN_GET_EMULATOR_PIN_INFO
 */
int
remote_op_domain_get_emulator_pin_info(virDomainPtr domain, unsigned char *cpumap, int maplen,
                                       unsigned int flags)
{
    remote_domain_get_emulator_pin_info_args args = { .maplen = maplen, .flags = flags };
    remote_domain_get_emulator_pin_info_ret ret = { 0 };
    int r = -1;

    if (maplen > REMOTE_CPUMAPS_MAX) {
        err_report(VIR_ERR_RPC, "maplen > REMOTE_CPUMAPS_MAX (%d > %d)", maplen,
                   REMOTE_CPUMAPS_MAX);
        return -1;
    }
    DOMAIN_CALL(domain, domain_get_emulator_pin_info, args, ret, -1);
    if (copy_cpumaps(cpumap, (size_t) maplen, ret.cpumaps.cpumaps_val,
                     ret.cpumaps.cpumaps_len) == 0)
        r = ret.ret;
    FREE_RET(domain_get_emulator_pin_info, ret);
    return r;
}

/**
 * remote_op_domain_get_vcpu_pin_info() - DOMAIN_GET_VCPU_PIN_INFO
 */
int
remote_op_domain_get_vcpu_pin_info(virDomainPtr domain, int ncpumaps, unsigned char *cpumaps,
                                   int maplen, unsigned int flags)
{
    remote_domain_get_vcpu_pin_info_args args = { .ncpumaps = ncpumaps, .maplen = maplen,
                                                  .flags = flags };
    remote_domain_get_vcpu_pin_info_ret ret = { 0 };
    int r = -1;

    if (ncpumaps > REMOTE_VCPUINFO_MAX ||
        (long long) ncpumaps * maplen > REMOTE_CPUMAPS_MAX) {
        err_report(VIR_ERR_RPC, "%s", "vCPU pinning request exceeds the protocol limits");
        return -1;
    }
    DOMAIN_CALL(domain, domain_get_vcpu_pin_info, args, ret, -1);
    if (ret.num > ncpumaps) {
        err_report(VIR_ERR_RPC, "host reply too large: ret->num > ncpumaps: %d > %d",
                   ret.num, ncpumaps);
    } else if (copy_cpumaps(cpumaps, (size_t) ncpumaps * maplen, ret.cpumaps.cpumaps_val,
                            ret.cpumaps.cpumaps_len) == 0) {
        r = ret.num;
    }
    FREE_RET(domain_get_vcpu_pin_info, ret);
    return r;
}

/**
 * remote_op_domain_get_fs_info() - DOMAIN_GET_FSINFO: a new array of
 * virDomainFSInfoPtr (each freed with virDomainFSInfoFree)
 */
int
remote_op_domain_get_fs_info(virDomainPtr dom, virDomainFSInfoPtr **info, unsigned int flags)
{
    remote_domain_get_fsinfo_args args = { .flags = flags };
    remote_domain_get_fsinfo_ret ret = { 0 };
    virDomainFSInfoPtr *out;
    u_int n;

    DOMAIN_CALL(dom, domain_get_fsinfo, args, ret, -1);
    n = ret.info.info_len;
    out = g_new0(virDomainFSInfoPtr, n + 1);
    for (u_int i = 0; i < n; i++) {
        const remote_domain_fsinfo *in = &ret.info.info_val[i];
        virDomainFSInfoPtr fs = g_new0(virDomainFSInfo, 1);

        fs->mountpoint = g_strdup(in->mountpoint);
        fs->name = g_strdup(in->name);
        fs->fstype = g_strdup(in->fstype);
        fs->ndevAlias = in->dev_aliases.dev_aliases_len;
        fs->devAlias = g_new0(char *, fs->ndevAlias + 1);
        for (size_t j = 0; j < fs->ndevAlias; j++)
            fs->devAlias[j] = g_strdup(in->dev_aliases.dev_aliases_val[j]);
        out[i] = fs;
    }
    *info = out;
    FREE_RET(domain_get_fsinfo, ret);
    return (int) ret.ret;
}

/**
 * remote_op_domain_get_io_thread_info() - DOMAIN_GET_IOTHREAD_INFO: a new
 * array of virDomainIOThreadInfoPtr (each freed with
 * virDomainIOThreadInfoFree)
 */
int
remote_op_domain_get_io_thread_info(virDomainPtr domain, virDomainIOThreadInfoPtr **info,
                                   unsigned int flags)
{
    remote_domain_get_iothread_info_args args = { .flags = flags };
    remote_domain_get_iothread_info_ret ret = { 0 };
    virDomainIOThreadInfoPtr *out;
    u_int n;

    DOMAIN_CALL(domain, domain_get_iothread_info, args, ret, -1);
    n = ret.info.info_len;
    out = g_new0(virDomainIOThreadInfoPtr, n + 1);
    for (u_int i = 0; i < n; i++) {
        const remote_domain_iothread_info *in = &ret.info.info_val[i];
        virDomainIOThreadInfoPtr t = g_new0(virDomainIOThreadInfo, 1);

        t->iothread_id = in->iothread_id;
        t->cpumaplen = (int) in->cpumap.cpumap_len;
        t->cpumap = g_memdup2(in->cpumap.cpumap_val, MAX(in->cpumap.cpumap_len, 1));
        out[i] = t;
    }
    *info = out;
    FREE_RET(domain_get_iothread_info, ret);
    return (int) ret.ret;
}

/* The reply's buffer into the caller's, which must be filled exactly. */
static int
copy_peek(void *buffer, size_t size, const char *val, u_int len)
{
    if (len != size) {
        err_report(VIR_ERR_RPC, "%s", "returned buffer is not same size as requested");
        return -1;
    }
    memcpy(buffer, val, size);
    return 0;
}

/**
 * remote_op_domain_memory_peek() - DOMAIN_MEMORY_PEEK
 */
int
remote_op_domain_memory_peek(virDomainPtr dom, unsigned long long start, size_t size,
                             void *buffer, unsigned int flags)
{
    remote_domain_memory_peek_args args = { .offset = start, .size = (u_int) size,
                                            .flags = flags };
    remote_domain_memory_peek_ret ret = { 0 };
    int r;

    if (size > REMOTE_DOMAIN_MEMORY_PEEK_BUFFER_MAX) {
        err_report(VIR_ERR_RPC, "memory peek request too large for remote protocol, %zu > %d",
                   size, REMOTE_DOMAIN_MEMORY_PEEK_BUFFER_MAX);
        return -1;
    }
    DOMAIN_CALL(dom, domain_memory_peek, args, ret, -1);
    r = copy_peek(buffer, size, ret.buffer.buffer_val, ret.buffer.buffer_len);
    FREE_RET(domain_memory_peek, ret);
    return r;
}

/**
 * remote_op_domain_block_peek() - DOMAIN_BLOCK_PEEK
 */
int
remote_op_domain_block_peek(virDomainPtr dom, const char *disk, unsigned long long offset,
                            size_t size, void *buffer, unsigned int flags)
{
    remote_domain_block_peek_args args = { .path = (char *) disk, .offset = offset,
                                           .size = (u_int) size, .flags = flags };
    remote_domain_block_peek_ret ret = { 0 };
    int r;

    if (size > REMOTE_DOMAIN_BLOCK_PEEK_BUFFER_MAX) {
        err_report(VIR_ERR_RPC, "block peek request too large for remote protocol, %zu > %d",
                   size, REMOTE_DOMAIN_BLOCK_PEEK_BUFFER_MAX);
        return -1;
    }
    DOMAIN_CALL(dom, domain_block_peek, args, ret, -1);
    r = copy_peek(buffer, size, ret.buffer.buffer_val, ret.buffer.buffer_len);
    FREE_RET(domain_block_peek, ret);
    return r;
}

/* A reply's string list as a new NULL-terminated array in *@out. */
static int
copy_string_list(char ***out, char **val, u_int len)
{
    char **list = g_new0(char *, len + 1);

    for (u_int i = 0; i < len; i++)
        list[i] = g_strdup(val[i]);
    *out = list;
    return (int) len;
}

/**
 * remote_op_domain_get_messages() - DOMAIN_GET_MESSAGES
 */
int
remote_op_domain_get_messages(virDomainPtr domain, char ***msgs, unsigned int flags)
{
    remote_domain_get_messages_args args = { .flags = flags };
    remote_domain_get_messages_ret ret = { 0 };
    int r;

    DOMAIN_CALL(domain, domain_get_messages, args, ret, -1);
    r = copy_string_list(msgs, ret.msgs.msgs_val, ret.msgs.msgs_len);
    FREE_RET(domain_get_messages, ret);
    return r;
}

/**
 * remote_op_domain_authorized_ssh_keys_get() - DOMAIN_AUTHORIZED_SSH_KEYS_GET
 */
int
remote_op_domain_authorized_ssh_keys_get(virDomainPtr domain, const char *user, char ***keys,
                                         unsigned int flags)
{
    remote_domain_authorized_ssh_keys_get_args args = { .user = (char *) user,
                                                        .flags = flags };
    remote_domain_authorized_ssh_keys_get_ret ret = { 0 };
    int r;

    DOMAIN_CALL(domain, domain_authorized_ssh_keys_get, args, ret, -1);
    r = copy_string_list(keys, ret.keys.keys_val, ret.keys.keys_len);
    FREE_RET(domain_authorized_ssh_keys_get, ret);
    return r;
}

/**
 * remote_op_domain_get_security_label_list() - DOMAIN_GET_SECURITY_LABEL_LIST:
 * a new array of labels in *@seclabels
 */
int
remote_op_domain_get_security_label_list(virDomainPtr domain, virSecurityLabelPtr *seclabels)
{
    remote_domain_get_security_label_list_args args = { 0 };
    remote_domain_get_security_label_list_ret ret = { 0 };
    virSecurityLabelPtr out;
    int r = -1;

    DOMAIN_CALL(domain, domain_get_security_label_list, args, ret, -1);
    out = g_new0(virSecurityLabel, MAX(ret.labels.labels_len, 1));
    for (u_int i = 0; i < ret.labels.labels_len; i++) {
        const remote_domain_get_security_label_ret *in = &ret.labels.labels_val[i];

        if (in->label.label_len >= sizeof(out[i].label)) {
            err_report(VIR_ERR_RPC, "security label length greater than maximum: %u > %zu",
                       in->label.label_len, sizeof(out[i].label) - 1);
            g_free(out);
            goto cleanup;
        }
        memcpy(out[i].label, in->label.label_val, in->label.label_len);
        out[i].enforcing = in->enforcing;
    }
    *seclabels = out;
    r = ret.ret;

 cleanup:
    FREE_RET(domain_get_security_label_list, ret);
    return r;
}

/**
 * remote_op_node_get_free_pages() - NODE_GET_FREE_PAGES: @npages counts
 * for each of @cellCount cells
 */
int
remote_op_node_get_free_pages(virConnectPtr conn, unsigned int npages, unsigned int *pages,
                              int startCell, unsigned int cellCount,
                              unsigned long long *counts, unsigned int flags)
{
    RemoteConn *rc = remote_route(conn, API_DRV_HYPERVISOR);
    remote_node_get_free_pages_args args = { .startCell = startCell, .cellCount = cellCount,
                                             .flags = flags };
    remote_node_get_free_pages_ret ret = { 0 };
    int r = -1;

    if (!rc)
        return -1;
    if ((unsigned long long) npages * cellCount > REMOTE_NODE_MAX_CELLS) {
        err_report(VIR_ERR_RPC, "too many NUMA cells: %llu > %d",
                   (unsigned long long) npages * cellCount, REMOTE_NODE_MAX_CELLS);
        return -1;
    }
    args.pages.pages_len = npages;
    args.pages.pages_val = pages;
    if (remote_call_node_get_free_pages(rc->client, &args, &ret) < 0)
        return -1;
    if (ret.counts.counts_len > npages * cellCount) {
        err_report(VIR_ERR_RPC, "%s", "returned number of counts exceeds the request");
    } else {
        memcpy(counts, ret.counts.counts_val, sizeof(*counts) * ret.counts.counts_len);
        r = (int) ret.counts.counts_len;
    }
    xdr_free((xdrproc_t) xdr_remote_node_get_free_pages_ret, (char *) &ret);
    return r;
}

/**
 * remote_op_node_alloc_pages() - NODE_ALLOC_PAGES
 */
int
remote_op_node_alloc_pages(virConnectPtr conn, unsigned int npages, unsigned int *pageSizes,
                           unsigned long long *pageCounts, int startCell,
                           unsigned int cellCount, unsigned int flags)
{
    RemoteConn *rc = remote_route(conn, API_DRV_HYPERVISOR);
    remote_node_alloc_pages_args args = { .startCell = startCell, .cellCount = cellCount,
                                          .flags = flags };
    remote_node_alloc_pages_ret ret = { 0 };

    if (!rc)
        return -1;
    if (npages > REMOTE_NODE_MAX_CELLS) {
        err_report(VIR_ERR_RPC, "too many page sizes: %u > %d", npages, REMOTE_NODE_MAX_CELLS);
        return -1;
    }
    args.pageSizes.pageSizes_len = npages;
    args.pageSizes.pageSizes_val = pageSizes;
    args.pageCounts.pageCounts_len = npages;
    args.pageCounts.pageCounts_val = (u_quad_t *) pageCounts;
    if (remote_call_node_alloc_pages(rc->client, &args, &ret) < 0)
        return -1;
    return ret.ret;
}
