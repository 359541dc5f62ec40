/* bench/xml/xml-bench.c: parse+format throughput of the XML models. Prints
 * one table row per document: documents/s and MB/s of input. Documents are
 * golden inputs from tests/data plus generated large ones; extra documents
 * can be named on the command line as FORMAT=PATH. Never run as a test. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "common/conf/capabilities_conf.h"
#include "common/conf/domain/domain.h"
#include "common/conf/domaincaps_conf.h"
#include "common/conf/network_conf.h"
#include "common/conf/nodedev_conf.h"
#include "common/conf/secret_conf.h"
#include "common/conf/storage_conf.h"
#include "common/conf/storagevol_conf.h"
#include "common/util/err.h"
#include "common/util/parse.h"

typedef struct {
    const char *name;
    const XmlSchema *schema;
} BenchFormat;

static const BenchFormat formats[] = {
    { "secret", &secret_def_schema },
    { "network", &net_def_schema },
    { "storagepool", &pool_def_schema },
    { "storagevol", &vol_def_schema },
    { "nodedev", &nodedev_def_schema },
    { "capabilities", &caps_def_schema },
    { "domaincaps", &domcaps_def_schema },
    { "domain", &domain_def_schema },
};

static const XmlSchema *
format_schema(const char *name)
{
    for (size_t i = 0; i < G_N_ELEMENTS(formats); i++) {
        if (g_str_equal(formats[i].name, name))
            return formats[i].schema;
    }
    return NULL;
}

/* A network with @n static DHCP hosts and DNS records: a large document. */
static char *
big_network(unsigned int n)
{
    GString *s = g_string_new("<network>\n  <name>big</name>\n"
                              "  <uuid>0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d</uuid>\n"
                              "  <forward mode='nat'/>\n  <bridge name='virbr9'/>\n"
                              "  <dns>\n");

    for (unsigned int i = 0; i < n; i++)
        g_string_append_printf(s, "    <host ip='10.%u.%u.%u'><hostname>h%u</hostname>"
                               "</host>\n", (i >> 16) & 255, (i >> 8) & 255, i & 255, i);
    g_string_append(s, "  </dns>\n  <ip address='10.0.0.1' prefix='8'>\n    <dhcp>\n"
                    "      <range start='10.0.0.2' end='10.0.0.254'/>\n");
    for (unsigned int i = 0; i < n; i++)
        g_string_append_printf(s, "      <host mac='52:54:00:%02x:%02x:%02x' name='vm%u' "
                               "ip='10.1.%u.%u'/>\n", (i >> 16) & 255, (i >> 8) & 255,
                               i & 255, i, (i >> 8) & 255, i & 255);
    g_string_append(s, "    </dhcp>\n  </ip>\n</network>\n");
    return g_string_free(s, FALSE);
}

/* A guest with @n devices (disks, NICs, serial ports and channels in turn):
 * the "200-device domain" of issue 3. */
static char *
big_domain(unsigned int n)
{
    GString *s = g_string_new("<domain type='qemu'>\n  <name>big</name>\n"
                              "  <uuid>4d8f1e2a-6b7c-4d9e-8f0a-1b2c3d4e5f60</uuid>\n"
                              "  <memory unit='KiB'>4194304</memory>\n"
                              "  <vcpu placement='static'>4</vcpu>\n"
                              "  <os>\n    <type arch='x86_64' machine='pc-q35-7.2'>hvm</type>\n"
                              "  </os>\n  <devices>\n"
                              "    <emulator>/usr/bin/qemu-system-x86_64</emulator>\n");

    for (unsigned int i = 0; i < n; i++) {
        switch (i % 4) {
        case 0:
            g_string_append_printf(s, "    <disk type='file' device='disk'>\n"
                                   "      <driver name='qemu' type='qcow2' cache='none'/>\n"
                                   "      <source file='/var/lib/libvirt/images/d%u.qcow2'/>\n"
                                   "      <target dev='vd%c%c' bus='virtio'/>\n"
                                   "    </disk>\n", i, 'a' + (i / 26) % 26, 'a' + i % 26);
            break;
        case 1:
            g_string_append_printf(s, "    <interface type='network'>\n"
                                   "      <mac address='52:54:00:00:%02x:%02x'/>\n"
                                   "      <source network='default'/>\n"
                                   "      <model type='virtio'/>\n"
                                   "    </interface>\n", (i >> 8) & 255, i & 255);
            break;
        case 2:
            g_string_append_printf(s, "    <serial type='pty'>\n"
                                   "      <target port='%u'/>\n    </serial>\n", i);
            break;
        default:
            g_string_append_printf(s, "    <channel type='unix'>\n"
                                   "      <source mode='bind' path='/run/ch%u.sock'/>\n"
                                   "      <target type='virtio' name='org.example.ch%u'/>\n"
                                   "    </channel>\n", i, i);
            break;
        }
    }
    g_string_append(s, "  </devices>\n</domain>\n");
    return g_string_free(s, FALSE);
}

static char *
golden(const char *fmt, const char *name)
{
    const char *src = g_getenv("MODVIRT_SRCDIR");
    g_autofree char *path = g_build_filename(src ? src : SRCDIR, "tests", "data", fmt,
                                             name, NULL);
    char *text = NULL;

    if (!g_file_get_contents(path, &text, NULL, NULL)) {
        fprintf(stderr, "cannot read %s\n", path);
        exit(1);
    }
    return text;
}

/* Parse and format @xml repeatedly for about @seconds. */
static void
run(const char *label, const XmlSchema *schema, const char *xml, double seconds)
{
    size_t len = strlen(xml);
    unsigned long iters = 0;
    gint64 start = g_get_monotonic_time();
    gint64 end = start + (gint64) (seconds * G_USEC_PER_SEC);
    gint64 now;
    double elapsed;

    do {
        for (int i = 0; i < 32; i++) {
            void *obj = NULL;
            char *out;

            if (xmlmap_parse_string(schema, xml, &obj, 0) < 0) {
                fprintf(stderr, "%s: %s\n", label, err_last_message());
                exit(1);
            }
            out = xmlmap_format(schema, obj, 0);
            g_free(out);
            xmlmap_free(schema, obj);
            iters++;
        }
        now = g_get_monotonic_time();
    } while (now < end);
    elapsed = (double) (now - start) / G_USEC_PER_SEC;
    printf("| %-28s | %9zu | %12.0f | %8.1f |\n", label, len, iters / elapsed,
           iters * (double) len / elapsed / 1e6);
}

int
main(int argc, char **argv)
{
    double seconds = 1.0;
    g_autofree char *big = big_network(200);
    g_autofree char *huge = big_network(2000);
    g_autofree char *bigdom = big_domain(200);
    const struct {
        const char *label;
        const char *fmt;
        const char *file;
    } docs[] = {
        { "secret (small)", "secret", "volume.in.xml" },
        { "network (typical)", "network", "dns.in.xml" },
        { "storagepool netfs", "storagepool", "netfs.in.xml" },
        { "storagevol qcow2", "storagevol", "qcow2-features.in.xml" },
        { "nodedev pci sr-iov", "nodedev", "pci-sriov-pf.in.xml" },
        { "capabilities kvm host", "capabilities", "kvm-host.in.xml" },
        { "domaincaps qemu x86", "domaincaps", "qemu-x86.in.xml" },
        { "domain (small)", "domain", "general-minimal.in.xml" },
        { "domain (typical)", "domain", "devices-devices-full-order.in.xml" },
    };

    if (argc > 1 && g_str_has_prefix(argv[1], "--ms=")) {
        unsigned int ms;

        if (parse_uint(argv[1] + 5, 10, &ms) < 0 || ms == 0) {
            fprintf(stderr, "xml-bench: --ms needs a positive number\n");
            return 2;
        }
        seconds = ms / 1000.0;
        argc--;
        argv++;
    }
    printf("| %-28s | %9s | %12s | %8s |\n", "document", "bytes", "docs/s", "MB/s");
    printf("|------------------------------|-----------|--------------|----------|\n");
    for (size_t i = 0; i < G_N_ELEMENTS(docs); i++) {
        g_autofree char *xml = golden(docs[i].fmt, docs[i].file);

        run(docs[i].label, format_schema(docs[i].fmt), xml, seconds);
    }
    run("network, 200 hosts", &net_def_schema, big, seconds);
    run("network, 2000 hosts", &net_def_schema, huge, seconds);
    run("domain, 200 devices", &domain_def_schema, bigdom, seconds);
    for (int i = 1; i < argc; i++) {
        g_auto(GStrv) kv = g_strsplit(argv[i], "=", 2);
        g_autofree char *xml = NULL;
        const XmlSchema *schema = kv[0] && kv[1] ? format_schema(kv[0]) : NULL;

        if (!schema || !g_file_get_contents(kv[1], &xml, NULL, NULL)) {
            fprintf(stderr, "usage: xml-bench [--ms=N] [FORMAT=FILE]...\n");
            return 2;
        }
        run(argv[i], schema, xml, seconds);
    }
    return 0;
}
