/* bench/rpc-bench.c: calls/s and latency percentiles of a few cheap API calls
 * against any URI. Uses only the public libvirt API, so the same binary runs
 * with our libvirt.so.0 or Debian's (LD_LIBRARY_PATH decides).
 *
 *   rpc-bench URI SECONDS CLIENTS
 *
 * Prints one line per workload: name, clients, calls/s, p50 and p99 in µs.
 * Each client is a thread with its own connection. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

/* virConnectGetVersion is the hypervisor's version, which secret drivers
 * (libvirt's and ours) do not answer; virConnectGetLibVersion is the same
 * no-op round trip to the daemon and works on every connection. */
typedef enum { WL_GET_LIB_VERSION, WL_SECRET_LOOKUP_GET_VALUE, WL_LAST } Workload;

static const char *const workload_names[WL_LAST] = {
    "virConnectGetLibVersion",
    "virSecretLookupByUUID+GetValue",
};

typedef struct {
    const char *uri;
    Workload wl;
    double seconds;
    unsigned char uuid[VIR_UUID_BUFLEN];
    double *lat;          /* microseconds, one per call */
    size_t nlat;
    size_t cap;
    int failed;
} Worker;

static double
now_us(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int
one_call(virConnectPtr conn, Worker *w)
{
    unsigned long version;
    virSecretPtr sec;
    unsigned char *val;
    size_t len;

    switch (w->wl) {
    case WL_GET_LIB_VERSION:
        return virConnectGetLibVersion(conn, &version);
    case WL_SECRET_LOOKUP_GET_VALUE:
        sec = virSecretLookupByUUID(conn, w->uuid);
        if (!sec)
            return -1;
        val = virSecretGetValue(sec, &len, 0);
        virSecretFree(sec);
        if (!val)
            return -1;
        free(val);
        return 0;
    case WL_LAST:
        break;
    }
    return -1;
}

static void *
worker_run(void *opaque)
{
    Worker *w = opaque;
    virConnectPtr conn = virConnectOpen(w->uri);
    double end;

    if (!conn) {
        w->failed = 1;
        return NULL;
    }
    /* warm-up */
    for (int i = 0; i < 100; i++)
        one_call(conn, w);
    end = now_us() + w->seconds * 1e6;
    for (;;) {
        double t0 = now_us();
        double t1;

        if (t0 >= end)
            break;
        if (one_call(conn, w) < 0) {
            w->failed = 1;
            break;
        }
        t1 = now_us();
        if (w->nlat == w->cap) {
            w->cap = w->cap ? w->cap * 2 : 65536;
            w->lat = realloc(w->lat, w->cap * sizeof(double));
            if (!w->lat)
                abort();
        }
        w->lat[w->nlat++] = t1 - t0;
    }
    virConnectClose(conn);
    return NULL;
}

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *) a, y = *(const double *) b;

    return x < y ? -1 : x > y;
}

static int
run_workload(const char *uri, Workload wl, double seconds, int clients,
             const unsigned char *uuid)
{
    Worker *ws = calloc((size_t) clients, sizeof(Worker));
    pthread_t *th = calloc((size_t) clients, sizeof(pthread_t));
    double *all;
    size_t total = 0;
    size_t k = 0;
    double t0, elapsed;

    if (!ws || !th)
        abort();
    t0 = now_us();
    for (int i = 0; i < clients; i++) {
        ws[i].uri = uri;
        ws[i].wl = wl;
        ws[i].seconds = seconds;
        if (uuid)
            memcpy(ws[i].uuid, uuid, VIR_UUID_BUFLEN);
        pthread_create(&th[i], NULL, worker_run, &ws[i]);
    }
    for (int i = 0; i < clients; i++) {
        pthread_join(th[i], NULL);
        if (ws[i].failed) {
            fprintf(stderr, "rpc-bench: %s failed: %s\n", workload_names[wl],
                    virGetLastErrorMessage());
            return -1;
        }
        total += ws[i].nlat;
    }
    elapsed = (now_us() - t0) / 1e6;
    all = malloc((total ? total : 1) * sizeof(double));
    if (!all)
        abort();
    for (int i = 0; i < clients; i++) {
        memcpy(all + k, ws[i].lat, ws[i].nlat * sizeof(double));
        k += ws[i].nlat;
        free(ws[i].lat);
    }
    qsort(all, total, sizeof(double), cmp_double);
    printf("%-32s %7d %12.0f %9.1f %9.1f\n", workload_names[wl], clients,
           total / (elapsed > seconds ? seconds : elapsed),
           total ? all[total / 2] : 0.0,
           total ? all[(size_t) (total * 0.99)] : 0.0);
    free(all);
    free(ws);
    free(th);
    return 0;
}

/* Define a throw-away secret with a value for the lookup workload. */
static virSecretPtr
make_secret(virConnectPtr conn)
{
    const char *xml =
        "<secret ephemeral='no' private='no'>"
        "<description>rpc-bench</description>"
        "<usage type='volume'><volume>/bench/rpc-bench.img</volume></usage>"
        "</secret>";
    virSecretPtr sec = virSecretDefineXML(conn, xml, 0);
    static const unsigned char value[] = "bench-value";

    if (!sec)
        return NULL;
    if (virSecretSetValue(sec, value, sizeof(value) - 1, 0) < 0) {
        virSecretUndefine(sec);
        virSecretFree(sec);
        return NULL;
    }
    return sec;
}

int
main(int argc, char **argv)
{
    const char *uri;
    double seconds;
    int clients;
    virConnectPtr conn;
    virSecretPtr sec;
    unsigned char uuid[VIR_UUID_BUFLEN];
    int ret = 0;

    if (argc != 4) {
        fprintf(stderr, "usage: %s URI SECONDS CLIENTS\n", argv[0]);
        return 2;
    }
    uri = argv[1];
    if (sscanf(argv[2], "%lf", &seconds) != 1 || sscanf(argv[3], "%d", &clients) != 1 ||
        seconds <= 0 || clients <= 0) {
        fprintf(stderr, "rpc-bench: SECONDS and CLIENTS must be positive\n");
        return 2;
    }

    conn = virConnectOpen(uri);
    if (!conn) {
        fprintf(stderr, "rpc-bench: cannot open %s: %s\n", uri, virGetLastErrorMessage());
        return 1;
    }
    sec = make_secret(conn);
    if (!sec) {
        fprintf(stderr, "rpc-bench: cannot create secret: %s\n", virGetLastErrorMessage());
        virConnectClose(conn);
        return 1;
    }
    virSecretGetUUID(sec, uuid);

    if (run_workload(uri, WL_GET_LIB_VERSION, seconds, clients, NULL) < 0 ||
        run_workload(uri, WL_SECRET_LOOKUP_GET_VALUE, seconds, clients, uuid) < 0)
        ret = 1;

    virSecretUndefine(sec);
    virSecretFree(sec);
    virConnectClose(conn);
    return ret;
}
