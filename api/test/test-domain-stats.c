/* api/test/test-domain-stats.c: statistics and guest file system calls of
 * the test driver: block/interface/memory/CPU statistics, memory peek,
 * block info, disk errors, file systems (freeze/thaw/trim), interface
 * addresses, the bulk domain statistics and job information. The numbers
 * are derived from the clock or fixed, as in libvirt's test driver; they
 * mean nothing but change over time. */
#include "config.h"

#include <arpa/inet.h>
#include <string.h>

#define ERR_DOMAIN VIR_FROM_TEST
#include "api/driver.h"
#include "api/test/test-domain.h"
#include "api/test/test-ops.h"
#include "common/conf/network_conf.h"
#include "common/conf/xmlmap.h"
#include "common/util/err.h"

#define TEST_TOTAL_CPUTIME 48772617035ULL
#define TEST_DISK_CAPACITY 1099506450432ULL
#define TEST_DISK_PHYSICAL 1099511627776ULL

/**
 * test_domain_find_disk() - the disk whose target or source is @path
 */
DomainDisk *
test_domain_find_disk(const DomainDef *def, const char *path)
{
    for (size_t i = 0; i < def->devices.ndisks; i++) {
        DomainDisk *d = def->devices.disks[i];

        if ((d->dst && g_str_equal(d->dst, path)) ||
            (d->src.path && g_str_equal(d->src.path, path)))
            return d;
    }
    return NULL;
}

/**
 * test_domain_find_net() - the interface named @device (target name) or
 * with MAC address @device; reports libvirt's error when there is none
 */
DomainNet *
test_domain_find_net(const DomainDef *def, const char *device)
{
    for (size_t i = 0; i < def->devices.nnets; i++) {
        DomainNet *n = def->devices.nets[i];
        char mac[18];

        g_snprintf(mac, sizeof(mac), "%02x:%02x:%02x:%02x:%02x:%02x", n->mac[0], n->mac[1],
                   n->mac[2], n->mac[3], n->mac[4], n->mac[5]);
        if ((n->ifname && g_str_equal(n->ifname, device)) ||
            g_ascii_strcasecmp(mac, device) == 0)
            return n;
    }
    err_report_full(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG, __FILE__, __func__, __LINE__,
                    "'%s' is not a known interface", device);
    return NULL;
}

/* ---- block / interface / memory / CPU statistics ---------------------- */

int
test_domain_block_stats(virDomainPtr domain, const char *disk, virDomainBlockStatsPtr stats,
                        size_t size)
{
    TestState *s = test_state_from_conn(domain->conn);
    virDomainBlockStatsStruct st = { 0 };
    long long base = g_get_real_time();
    TestDomain *dom;

    if (!*disk) {
        err_report(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                   "summary statistics are not supported yet");
        return -1;
    }
    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    if (test_domain_check_active(dom) < 0) {
        g_mutex_unlock(&s->lock);
        return -1;
    }
    if (!test_domain_find_disk(dom->def, disk)) {
        g_mutex_unlock(&s->lock);
        err_report(VIR_ERR_INVALID_ARG, "invalid path: %s", disk);
        return -1;
    }
    g_mutex_unlock(&s->lock);
    st.rd_req = base / 10;
    st.rd_bytes = base / 20;
    st.wr_req = base / 30;
    st.wr_bytes = base / 40;
    st.errs = base / (1000LL * 1000LL * 2);
    memcpy(stats, &st, MIN(size, sizeof(st)));
    return 0;
}

int
test_domain_interface_stats(virDomainPtr domain, const char *device,
                            virDomainInterfaceStatsPtr stats, size_t size)
{
    TestState *s = test_state_from_conn(domain->conn);
    virDomainInterfaceStatsStruct st = { 0 };
    long long base = g_get_real_time();
    TestDomain *dom;

    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    if (test_domain_check_active(dom) < 0 || !test_domain_find_net(dom->def, device)) {
        g_mutex_unlock(&s->lock);
        return -1;
    }
    g_mutex_unlock(&s->lock);
    st.rx_bytes = base / 10;
    st.rx_packets = base / 100;
    st.rx_errs = base / (1000LL * 1000LL);
    st.rx_drop = base / (1000LL * 1000LL * 2);
    st.tx_bytes = base / 20;
    st.tx_packets = base / 110;
    st.tx_errs = base / (1000LL * 1000LL * 3);
    st.tx_drop = base / (1000LL * 1000LL * 4);
    memcpy(stats, &st, MIN(size, sizeof(st)));
    return 0;
}

int
test_domain_memory_stats(virDomainPtr domain, virDomainMemoryStatPtr stats,
                         unsigned int nr_stats, unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    TestDomain *dom;
    unsigned long long cur;
    unsigned int n = 0;

    TEST_CHECK_FLAGS(flags, 0, -1, "testDomainMemoryStats");
    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    if (test_domain_check_active(dom) < 0) {
        g_mutex_unlock(&s->lock);
        return -1;
    }
    cur = dom->def->current_memory_kib;
    /* memballoon model 2 is 'none' */
    if (dom->def->devices.memballoon && dom->def->devices.memballoon->model != 2) {
        const struct {
            int tag;
            unsigned long long val;
        } all[] = {
            { VIR_DOMAIN_MEMORY_STAT_ACTUAL_BALLOON, cur },
            { VIR_DOMAIN_MEMORY_STAT_SWAP_IN, 0 },
            { VIR_DOMAIN_MEMORY_STAT_SWAP_OUT, 0 },
            { VIR_DOMAIN_MEMORY_STAT_MAJOR_FAULT, 0 },
            { VIR_DOMAIN_MEMORY_STAT_MINOR_FAULT, 0 },
            { VIR_DOMAIN_MEMORY_STAT_UNUSED, cur / 2 },
            { VIR_DOMAIN_MEMORY_STAT_AVAILABLE, cur },
            { VIR_DOMAIN_MEMORY_STAT_USABLE, cur / 2 },
            { VIR_DOMAIN_MEMORY_STAT_LAST_UPDATE, 627319920 },
            { VIR_DOMAIN_MEMORY_STAT_DISK_CACHES, cur / 8 },
            { VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGALLOC, 0 },
            { VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGFAIL, 0 },
            { VIR_DOMAIN_MEMORY_STAT_RSS, cur / 2 },
        };

        for (size_t i = 0; i < G_N_ELEMENTS(all) && n < nr_stats; i++, n++) {
            stats[n].tag = all[i].tag;
            stats[n].val = all[i].val;
        }
    }
    g_mutex_unlock(&s->lock);
    return n;
}

static void
param_ullong(virTypedParameterPtr p, const char *field, unsigned long long v)
{
    memset(p, 0, sizeof(*p));
    g_strlcpy(p->field, field, sizeof(p->field));
    p->type = VIR_TYPED_PARAM_ULLONG;
    p->value.ul = v;
}

int
test_domain_get_cpu_stats(virDomainPtr domain, virTypedParameterPtr params,
                          unsigned int nparams, int start_cpu, unsigned int ncpus,
                          unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    TestDomain *dom;
    int total;
    unsigned long long percpu;
    int idx = 0;

    TEST_CHECK_FLAGS(flags, VIR_TYPED_PARAM_STRING_OKAY, -1, "testDomainGetCPUStats");
    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    total = s->host->info.cores;
    if (test_domain_check_active(dom) < 0) {
        g_mutex_unlock(&s->lock);
        return -1;
    }
    g_mutex_unlock(&s->lock);

    if (start_cpu == -1) {
        if (nparams == 0)
            return 3;
        param_ullong(&params[0], VIR_DOMAIN_CPU_STATS_CPUTIME, TEST_TOTAL_CPUTIME);
        if (nparams > 1)
            param_ullong(&params[1], VIR_DOMAIN_CPU_STATS_USERTIME, 5540000000ULL);
        if (nparams > 2)
            param_ullong(&params[2], VIR_DOMAIN_CPU_STATS_SYSTEMTIME, 6460000000ULL);
        return MIN(nparams, 3);
    }
    if (nparams == 0 && ncpus != 0)
        return 2;
    if (ncpus == 0)
        return total;
    if (start_cpu >= total) {
        err_report(VIR_ERR_INVALID_ARG, "start_cpu %d larger than maximum of %d",
                   start_cpu, total - 1);
        return -1;
    }
    percpu = TEST_TOTAL_CPUTIME / total;
    for (int i = start_cpu; i < total && i < start_cpu + (int) ncpus; i++)
        param_ullong(&params[(i - start_cpu) * nparams], VIR_DOMAIN_CPU_STATS_CPUTIME,
                     percpu + i);
    idx = 1;
    if (nparams > 1) {
        for (int i = start_cpu; i < total && i < start_cpu + (int) ncpus; i++)
            param_ullong(&params[(i - start_cpu) * nparams + 1], VIR_DOMAIN_CPU_STATS_VCPUTIME,
                         percpu + i - 1234567890);
        idx = 2;
    }
    return idx;
}

int
test_domain_memory_peek(virDomainPtr domain, unsigned long long start, size_t size,
                        void *buffer, unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    unsigned char b = start;
    TestDomain *dom;

    TEST_CHECK_FLAGS(flags, VIR_MEMORY_VIRTUAL | VIR_MEMORY_PHYSICAL, -1,
                     "testDomainMemoryPeek");
    if (flags != VIR_MEMORY_VIRTUAL && flags != VIR_MEMORY_PHYSICAL) {
        err_report(VIR_ERR_INVALID_ARG, "%s",
                   "flags parameter must be VIR_MEMORY_VIRTUAL or VIR_MEMORY_PHYSICAL");
        return -1;
    }
    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    if (test_domain_check_active(dom) < 0) {
        g_mutex_unlock(&s->lock);
        return -1;
    }
    g_mutex_unlock(&s->lock);
    for (size_t i = 0; i < size; i++)
        ((unsigned char *) buffer)[i] = b++;
    return 0;
}

/* ---- disks ------------------------------------------------------------ */

int
test_domain_get_block_info(virDomainPtr domain, const char *disk, virDomainBlockInfoPtr info,
                           unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    TestDomain *dom;
    DomainDisk *d;

    TEST_CHECK_FLAGS(flags, 0, -1, "testDomainGetBlockInfo");
    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    d = test_domain_find_disk(dom->def, disk);
    if (!d) {
        g_mutex_unlock(&s->lock);
        err_report(VIR_ERR_INVALID_ARG, "invalid path %s not assigned to domain", disk);
        return -1;
    }
    if (!d->src.path && !d->src.name) {
        g_mutex_unlock(&s->lock);
        err_report(VIR_ERR_INVALID_ARG, "disk '%s' does not currently have a source assigned",
                   disk);
        return -1;
    }
    g_mutex_unlock(&s->lock);
    info->capacity = TEST_DISK_CAPACITY;
    info->allocation = TEST_DISK_PHYSICAL;
    info->physical = TEST_DISK_PHYSICAL;
    return 0;
}

int
test_domain_get_disk_errors(virDomainPtr domain, virDomainDiskErrorPtr errors,
                            unsigned int maxerrors, unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    TestDomain *dom;
    size_t n;

    TEST_CHECK_FLAGS(flags, 0, -1, "testDomainGetDiskErrors");
    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    if (test_domain_check_active(dom) < 0) {
        g_mutex_unlock(&s->lock);
        return -1;
    }
    n = dom->def->devices.ndisks;
    if (errors) {
        n = MIN(n, maxerrors);
        memset(errors, 0, sizeof(*errors) * n);
        for (size_t i = 0; i < n; i++) {
            errors[i].disk = g_strdup(dom->def->devices.disks[i]->dst);
            /* cycle through the two real error kinds */
            errors[i].error = (i % (VIR_DOMAIN_DISK_ERROR_NO_SPACE)) + 1;
        }
    }
    g_mutex_unlock(&s->lock);
    return n;
}

/* ---- guest file systems ----------------------------------------------- */

int
test_domain_get_fs_info(virDomainPtr domain, virDomainFSInfoPtr **info, unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    TestDomain *dom;
    const char *disk = NULL;

    TEST_CHECK_FLAGS(flags, 0, -1, "testDomainGetFSInfo");
    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    if (test_domain_check_active(dom) < 0) {
        g_mutex_unlock(&s->lock);
        return -1;
    }
    *info = NULL;
    for (size_t i = 0; i < dom->def->devices.ndisks && !disk; i++) {
        if (dom->def->devices.disks[i]->device == DISK_DEVICE_DISK)
            disk = dom->def->devices.disks[i]->dst;
    }
    if (disk) {
        static const char *const mounts[] = { "/", "/boot" };

        /* the first disk holds a root and a boot file system */
        *info = g_new0(virDomainFSInfoPtr, 3);
        for (int i = 0; i < 2; i++) {
            virDomainFSInfoPtr fs = g_new0(virDomainFSInfo, 1);

            fs->mountpoint = g_strdup(mounts[i]);
            fs->name = g_strdup_printf("%s%d", disk, i + 1);
            fs->fstype = g_strdup("ext4");
            fs->ndevAlias = 1;
            fs->devAlias = g_new0(char *, 1);
            fs->devAlias[0] = g_strdup(disk);
            (*info)[i] = fs;
        }
    }
    g_mutex_unlock(&s->lock);
    return disk ? 2 : 0;
}

/* Index of the fake mount point @mp ("/" 0, "/boot" 1), or -1 (reported). */
static int
mount_index(const char *mp)
{
    if (g_str_equal(mp, "/"))
        return 0;
    if (g_str_equal(mp, "/boot"))
        return 1;
    err_report(VIR_ERR_OPERATION_INVALID, "mount point not found: %s", mp);
    return -1;
}

/* Freeze (@freeze) or thaw the given mount points (all when none).
 * Return: how many changed state, or -1 (reported). */
static int
fs_set_frozen(virDomainPtr domain, const char **mountpoints, unsigned int n, bool freeze)
{
    TestState *s = test_state_from_conn(domain->conn);
    TestDomain *dom;
    bool want[2];
    int changed = 0;

    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    if (test_domain_check_active(dom) < 0)
        goto error;
    memcpy(want, dom->frozen, sizeof(want));
    if (n == 0) {
        want[0] = want[1] = freeze;
    } else {
        for (unsigned int i = 0; i < n; i++) {
            int idx = mount_index(mountpoints[i]);

            if (idx < 0)
                goto error;
            want[idx] = freeze;
        }
    }
    for (int i = 0; i < 2; i++)
        changed += want[i] != dom->frozen[i];
    memcpy(dom->frozen, want, sizeof(want));
    g_mutex_unlock(&s->lock);
    return changed;

 error:
    g_mutex_unlock(&s->lock);
    return -1;
}

int
test_domain_fs_freeze(virDomainPtr domain, const char **mountpoints, unsigned int nmountpoints,
                     unsigned int flags)
{
    TEST_CHECK_FLAGS(flags, 0, -1, "testDomainFSFreeze");
    return fs_set_frozen(domain, mountpoints, nmountpoints, true);
}

int
test_domain_fs_thaw(virDomainPtr domain, const char **mountpoints, unsigned int nmountpoints,
                   unsigned int flags)
{
    TEST_CHECK_FLAGS(flags, 0, -1, "testDomainFSThaw");
    return fs_set_frozen(domain, mountpoints, nmountpoints, false);
}

int
test_domain_fs_trim(virDomainPtr domain, const char *mountPoint, unsigned long long minimum,
                   unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    TestDomain *dom;
    int ret;

    (void) minimum;
    TEST_CHECK_FLAGS(flags, 0, -1, "testDomainFSTrim");
    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    ret = test_domain_check_active(dom);
    g_mutex_unlock(&s->lock);
    if (ret == 0 && mountPoint && mount_index(mountPoint) < 0)
        ret = -1;
    return ret;
}

/* ---- interface addresses ---------------------------------------------- */

typedef struct {
    char *ifname;
    char *mac;
    char *network;              /* type='network': its name */
} AddrQuery;

/* The address of interface @i on network @name: the first DHCP address
 * (or the network's own) plus @offset, the way libvirt's test driver
 * hands out leases. Queried through the network family of @conn. */
static int
addr_from_network(virConnectPtr conn, const char *name, size_t offset,
                  virDomainIPAddressPtr addr)
{
    const ApiNetworkDriver *drv = conn->network_driver;
    g_autofree char *xml = NULL;
    virNetworkPtr net = NULL;
    NetDef *def = NULL;
    const NetIpDef *ip;
    char buf[INET6_ADDRSTRLEN];
    IpAddr a;
    int ret = -1;

    if (!drv || !drv->networkLookupByName || !drv->networkGetXMLDesc) {
        err_report(VIR_ERR_NO_NETWORK, "no network with matching name '%s'", name);
        return -1;
    }
    if (!(net = drv->networkLookupByName(conn, name)))
        return -1;
    xml = drv->networkGetXMLDesc(net, 0);
    api_object_unref(net);
    if (!xml || !(def = net_def_parse_string(xml, 0)))
        return -1;
    if (def->nips == 0) {
        err_report(VIR_ERR_INTERNAL_ERROR, "network '%s' has no IP address", name);
        goto cleanup;
    }
    ip = &def->ips[0];
    addr->prefix = net_ip_prefix(ip);
    a = ip->dhcp.nranges > 0 ? ip->dhcp.ranges[0].start : ip->address;
    if (a.family == AF_INET6) {
        addr->type = VIR_IP_ADDR_TYPE_IPV6;
        a.u.v6.s6_addr[15] += offset;
    } else {
        addr->type = VIR_IP_ADDR_TYPE_IPV4;
        a.u.v4.s_addr = htonl(ntohl(a.u.v4.s_addr) + offset);
    }
    inet_ntop(a.family, &a.u, buf, sizeof(buf));
    addr->addr = g_strdup(buf);
    ret = 0;

 cleanup:
    net_def_free(def);
    return ret;
}

static void
addr_query_clear(gpointer p)
{
    AddrQuery *a = p;

    g_free(a->ifname);
    g_free(a->mac);
    g_free(a->network);
}

static void
iface_free(virDomainInterfacePtr iface)
{
    if (!iface)
        return;
    for (unsigned int i = 0; i < iface->naddrs; i++)
        g_free(iface->addrs[i].addr);
    g_free(iface->addrs);
    g_free(iface->name);
    g_free(iface->hwaddr);
    g_free(iface);
}

int
test_domain_interface_addresses(virDomainPtr domain, virDomainInterfacePtr **ifaces,
                                unsigned int source, unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    g_autoptr(GArray) q = g_array_new(FALSE, TRUE, sizeof(AddrQuery));
    virDomainInterfacePtr *out;
    TestDomain *dom;
    int id;

    TEST_CHECK_FLAGS(flags, 0, -1, "testDomainInterfaceAddresses");
    if (source > VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_ARP) {
        err_report(VIR_ERR_ARGUMENT_UNSUPPORTED, "Unknown IP address data source %u", source);
        return -1;
    }
    g_array_set_clear_func(q, addr_query_clear);
    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    if (test_domain_check_active(dom) < 0) {
        g_mutex_unlock(&s->lock);
        return -1;
    }
    id = dom->def->id;
    for (size_t i = 0; i < dom->def->devices.nnets; i++) {
        const DomainNet *n = dom->def->devices.nets[i];
        AddrQuery a = { 0 };

        a.ifname = g_strdup(n->ifname);
        a.mac = g_strdup_printf("%02x:%02x:%02x:%02x:%02x:%02x", n->mac[0], n->mac[1],
                                n->mac[2], n->mac[3], n->mac[4], n->mac[5]);
        if (n->type == NET_TYPE_NETWORK)
            a.network = g_strdup(n->src_network);
        g_array_append_val(q, a);
    }
    /* the network family takes the lock itself */
    g_mutex_unlock(&s->lock);

    out = g_new0(virDomainInterfacePtr, q->len + 1);
    for (guint i = 0; i < q->len; i++) {
        AddrQuery *a = &g_array_index(q, AddrQuery, i);
        virDomainInterfacePtr iface = g_new0(virDomainInterface, 1);

        out[i] = iface;
        iface->name = g_steal_pointer(&a->ifname);
        iface->hwaddr = g_steal_pointer(&a->mac);
        iface->naddrs = 1;
        iface->addrs = g_new0(virDomainIPAddress, 1);
        if (a->network) {
            /* distinct addresses per interface and per domain */
            size_t offset = 20 * (id - 1) + i + 1;
            int r = addr_from_network(domain->conn, a->network, offset, &iface->addrs[0]);

            g_clear_pointer(&a->network, g_free);
            if (r < 0) {
                for (guint j = 0; j <= i; j++)
                    iface_free(out[j]);
                g_free(out);
                return -1;
            }
        } else {
            iface->addrs[0].type = VIR_IP_ADDR_TYPE_IPV4;
            iface->addrs[0].prefix = 24;
            iface->addrs[0].addr = g_strdup_printf("192.168.0.%u", i + 1);
        }
    }
    *ifaces = out;
    return q->len;
}

/* ---- bulk statistics -------------------------------------------------- */

#define TEST_STATS_SUPPORTED (VIR_DOMAIN_STATS_STATE | VIR_DOMAIN_STATS_IOTHREAD)
#define TEST_STATS_FILTERS \
    (VIR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE | VIR_CONNECT_GET_ALL_DOMAINS_STATS_INACTIVE | \
     VIR_CONNECT_GET_ALL_DOMAINS_STATS_PERSISTENT | \
     VIR_CONNECT_GET_ALL_DOMAINS_STATS_TRANSIENT | \
     VIR_CONNECT_GET_ALL_DOMAINS_STATS_RUNNING | VIR_CONNECT_GET_ALL_DOMAINS_STATS_PAUSED | \
     VIR_CONNECT_GET_ALL_DOMAINS_STATS_SHUTOFF | VIR_CONNECT_GET_ALL_DOMAINS_STATS_OTHER)

/* The records of @dom for the groups @stats: the state, and the IOThreads
 * of a running domain (what libvirt's test driver reports). */
static virDomainStatsRecordPtr
stats_record(virConnectPtr conn, TestDomain *dom, unsigned int stats)
{
    virDomainStatsRecordPtr rec = g_new0(virDomainStatsRecord, 1);
    int maxparams = 0;

    rec->dom = test_domain_handle(conn, dom);
    if (stats & VIR_DOMAIN_STATS_STATE) {
        virTypedParamsAddInt(&rec->params, &rec->nparams, &maxparams, "state.state",
                             dom->state);
        virTypedParamsAddInt(&rec->params, &rec->nparams, &maxparams, "state.reason",
                             dom->reason);
    }
    if ((stats & VIR_DOMAIN_STATS_IOTHREAD) && test_domain_is_active(dom))
        test_domain_iothread_stats(dom, &rec->params, &rec->nparams, &maxparams);
    return rec;
}

static int
stats_check(unsigned int *stats, unsigned int flags)
{
    if (*stats == 0) {
        *stats = TEST_STATS_SUPPORTED;
    } else if ((flags & VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS) &&
               (*stats & ~TEST_STATS_SUPPORTED)) {
        err_report(VIR_ERR_ARGUMENT_UNSUPPORTED,
                   "Stats types bits 0x%x are not supported by this daemon",
                   *stats & ~TEST_STATS_SUPPORTED);
        return -1;
    }
    return 0;
}

int
test_connect_get_all_domain_stats(virConnectPtr conn, unsigned int stats,
                                  virDomainStatsRecordPtr **retStats, unsigned int flags)
{
    TestState *s = test_state_from_conn(conn);
    GPtrArray *recs;
    int n;

    TEST_CHECK_FLAGS(flags, TEST_STATS_FILTERS |
                     VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS |
                     VIR_CONNECT_GET_ALL_DOMAINS_STATS_BACKING |
                     VIR_CONNECT_GET_ALL_DOMAINS_STATS_NOWAIT, -1,
                     "testConnectGetAllDomainStats");
    if (stats_check(&stats, flags) < 0)
        return -1;
    recs = g_ptr_array_new();
    g_mutex_lock(&s->lock);
    {
        g_autoptr(GPtrArray) sel = test_domains_select(s, conn, flags & TEST_STATS_FILTERS);

        g_ptr_array_set_free_func(sel, test_unref_notify);
        for (guint i = 0; i < sel->len; i++) {
            virDomainPtr h = g_ptr_array_index(sel, i);
            TestDomain *dom = test_domains_find_uuid(s->domains, h->uuid);

            g_ptr_array_add(recs, stats_record(conn, dom, stats));
        }
    }
    g_mutex_unlock(&s->lock);
    n = recs->len;
    g_ptr_array_add(recs, NULL);
    *retStats = (virDomainStatsRecordPtr *) g_ptr_array_free(recs, FALSE);
    return n;
}

int
test_domain_list_get_stats(virDomainPtr *doms, unsigned int stats,
                           virDomainStatsRecordPtr **retStats, unsigned int flags)
{
    virConnectPtr conn;
    TestState *s;
    GPtrArray *recs;
    int n;

    if (!doms || !doms[0]) {
        api_report_invalid_arg_full(VIR_FROM_DOMAIN, "virDomainListGetStats", "doms", "%s",
                                    "doms array must contain at least one domain");
        return -1;
    }
    conn = doms[0]->conn;
    s = test_state_from_conn(conn);
    TEST_CHECK_FLAGS(flags, VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS |
                     VIR_CONNECT_GET_ALL_DOMAINS_STATS_BACKING |
                     VIR_CONNECT_GET_ALL_DOMAINS_STATS_NOWAIT, -1,
                     "testConnectGetAllDomainStats");
    if (stats_check(&stats, flags) < 0)
        return -1;
    recs = g_ptr_array_new();
    g_mutex_lock(&s->lock);
    for (size_t i = 0; doms[i]; i++) {
        TestDomain *dom = test_domains_find_uuid(s->domains, doms[i]->uuid);

        if (dom)
            g_ptr_array_add(recs, stats_record(conn, dom, stats));
    }
    g_mutex_unlock(&s->lock);
    n = recs->len;
    g_ptr_array_add(recs, NULL);
    *retStats = (virDomainStatsRecordPtr *) g_ptr_array_free(recs, FALSE);
    return n;
}

/* ---- jobs ------------------------------------------------------------- */

/* The fake hypervisor never runs background jobs: these report "no job"
 * (libvirt's test driver leaves them unsupported; see the closing note). */

int
test_domain_get_job_info(virDomainPtr domain, virDomainJobInfoPtr info)
{
    TestState *s = test_state_from_conn(domain->conn);
    TestDomain *dom;

    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    g_mutex_unlock(&s->lock);
    memset(info, 0, sizeof(*info));
    info->type = VIR_DOMAIN_JOB_NONE;
    return 0;
}

int
test_domain_get_job_stats(virDomainPtr domain, int *type, virTypedParameterPtr *params,
                          int *nparams, unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    TestDomain *dom;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_JOB_STATS_COMPLETED |
                     VIR_DOMAIN_JOB_STATS_KEEP_COMPLETED, -1, "testDomainGetJobStats");
    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    g_mutex_unlock(&s->lock);
    *type = VIR_DOMAIN_JOB_NONE;
    *params = NULL;
    *nparams = 0;
    return 0;
}

int
test_domain_abort_job(virDomainPtr domain)
{
    TestState *s = test_state_from_conn(domain->conn);
    TestDomain *dom;

    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    g_mutex_unlock(&s->lock);
    err_report(VIR_ERR_OPERATION_INVALID, "%s", "no job is active on the domain");
    return -1;
}
