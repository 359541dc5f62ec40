/* api/test/test-domain-dev.c: device hot-plug on the test driver (attach,
 * detach, update). libvirt's test driver does not offer these; we do, so
 * programs can exercise device management without a hypervisor (a
 * documented extension). Devices are handled generically through the
 * <devices> table of the domain model: a device is one element of one of
 * its pointer arrays. Disks match by target, interfaces by MAC address,
 * other devices by their whole XML. */
#include "config.h"

#include <string.h>

#define ERR_DOMAIN VIR_FROM_TEST
#include "api/driver.h"
#include "api/test/test-domain.h"
#include "api/test/test-ops.h"
#include "common/conf/xmlmap.h"
#include "common/util/err.h"

/* One parsed device: which array of DomainDevices it belongs to. */
typedef struct {
    DomainDevices *devs;        /* the parse result (one device in it) */
    const XmlField *field;      /* its array in domain_devices_schema */
    void *dev;                  /* the device */
} DevSpec;

static void **
dev_array(DomainDevices *devs, const XmlField *f, size_t **ret_count)
{
    *ret_count = (size_t *) ((char *) devs + f->count_offset);
    return *(void ***) ((char *) devs + f->offset);
}

static void
dev_spec_clear(DevSpec *spec)
{
    if (spec->devs)
        xmlmap_free(&domain_devices_schema, spec->devs);
    spec->devs = NULL;
}

/* Parse one device element into @spec. Return: 0, or -1 (reported). */
static int
dev_parse(const char *xml, DevSpec *spec)
{
    g_autofree char *wrapped = NULL;
    const char *body = xml;
    void *obj = NULL;

    /* skip an XML declaration: the device goes inside <devices> */
    while (g_ascii_isspace(*body))
        body++;
    if (g_str_has_prefix(body, "<?xml")) {
        body = strstr(body, "?>");
        body = body ? body + 2 : xml;
    }
    {
        g_autoptr(xmlDoc) doc = NULL;

        /* syntax errors name the device document, as libvirt's do */
        if (xmlmap_read_doc(xml, "(device_definition)", VIR_FROM_DOMAIN, &doc) < 0)
            return -1;
    }
    wrapped = g_strdup_printf("<devices>%s</devices>", body);
    if (xmlmap_parse_string(&domain_devices_schema, wrapped, &obj, XMLMAP_PARSE_INACTIVE) < 0)
        return -1;
    spec->devs = obj;
    for (const XmlField *f = domain_devices_schema.fields; f->kind != XML_KIND_END; f++) {
        size_t *count;
        void **arr;

        if (f->kind != XML_KIND_CHILDREN)
            continue;
        arr = dev_array(spec->devs, f, &count);
        if (*count == 1) {
            spec->field = f;
            spec->dev = arr[0];
            return 0;
        }
    }
    dev_spec_clear(spec);
    err_report(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
               "live attach or detach of this device type is not supported by the test driver");
    return -1;
}

static char *
dev_format(const XmlField *f, const void *dev)
{
    return xmlmap_format(f->schema, dev, XMLMAP_FORMAT_INACTIVE);
}

/* The position of the device of @def matching @spec, or -1. */
static ssize_t
dev_find(DomainDef *def, const DevSpec *spec)
{
    size_t *count;
    void **arr = dev_array(&def->devices, spec->field, &count);
    g_autofree char *want = NULL;

    for (size_t i = 0; i < *count; i++) {
        g_autofree char *have = NULL;

        if (arr == (void **) def->devices.disks) {
            const DomainDisk *a = arr[i];
            const DomainDisk *b = spec->dev;

            if (g_strcmp0(a->dst, b->dst) == 0)
                return i;
            continue;
        }
        if (arr == (void **) def->devices.nets) {
            const DomainNet *a = arr[i];
            const DomainNet *b = spec->dev;

            if (memcmp(a->mac, b->mac, sizeof(a->mac)) == 0)
                return i;
            continue;
        }
        if (!want)
            want = dev_format(spec->field, spec->dev);
        have = dev_format(spec->field, arr[i]);
        if (g_strcmp0(have, want) == 0)
            return i;
    }
    return -1;
}

/* The name events use for a device: its alias, else its target. */
static char *
dev_event_name(const DomainDef *def, const XmlField *f, const void *dev)
{
    g_autofree char *xml = dev_format(f, dev);
    const char *p = xml ? strstr(xml, "<alias name='") : NULL;

    if (p) {
        p += strlen("<alias name='");
        return g_strndup(p, strcspn(p, "'"));
    }
    if (f->offset == offsetof(DomainDevices, disks))
        return g_strdup(((const DomainDisk *) dev)->dst);
    if (f->offset == offsetof(DomainDevices, nets))
        return g_strdup(((const DomainNet *) dev)->ifname);
    (void) def;
    return g_strdup(f->schema->name);
}

/* Add a copy of the parsed device to @def (a disk where libvirt's drivers
 * insert one, with its bus, address and controllers completed); the copy
 * goes to *@ret_dev. Return: 0 or -1 (reported). */
static int
dev_add(DomainDef *def, const DevSpec *spec, void **ret_dev)
{
    size_t *count;
    void **arr = dev_array(&def->devices, spec->field, &count);
    void *copy;

    if (arr == (void **) def->devices.disks) {
        const DomainDisk *d = spec->dev;

        if (d->dst && test_domain_find_disk(def, d->dst)) {
            err_report(VIR_ERR_OPERATION_FAILED, "target %s already exists", d->dst);
            return -1;
        }
    } else if (dev_find(def, spec) >= 0 && arr == (void **) def->devices.nets) {
        err_report(VIR_ERR_OPERATION_FAILED, "%s",
                   "an interface with this MAC address is already attached");
        return -1;
    }
    copy = xmlmap_copy(spec->field->schema, spec->dev);
    *ret_dev = copy;
    if (arr == (void **) def->devices.disks) {
        domain_disk_fill_defaults(copy);
        domain_disk_insert(&def->devices, copy);
        domain_devices_add_implicit_controllers(&def->devices);
        return test_domain_prepare_def(def);
    }
    arr = g_renew(void *, arr, *count + 1);
    arr[(*count)++] = copy;
    *(void ***) ((char *) &def->devices + spec->field->offset) = arr;
    return test_domain_prepare_def(def);
}

static void
dev_remove(DomainDef *def, const XmlField *f, size_t idx)
{
    size_t *count;
    void **arr = dev_array(&def->devices, f, &count);

    xmlmap_free(f->schema, arr[idx]);
    memmove(&arr[idx], &arr[idx + 1], sizeof(void *) * (*count - idx - 1));
    (*count)--;
}

static int
dev_not_found(void)
{
    err_report(VIR_ERR_DEVICE_MISSING, "%s", "matching device not found in the domain");
    return -1;
}

enum { DEV_ATTACH, DEV_DETACH, DEV_UPDATE };

static int
dev_change(virDomainPtr domain, const char *xml, unsigned int flags, int op)
{
    TestState *s = test_state_from_conn(domain->conn);
    DevSpec spec = { 0 };
    DomainDef *defs[2] = { NULL, NULL };
    g_autofree char *event_name = NULL;
    TestDomain *dom;
    int ret = -1;

    if (dev_parse(xml, &spec) < 0)
        return -1;
    if (!(dom = test_domain_begin(s, domain))) {
        dev_spec_clear(&spec);
        return -1;
    }
    if (test_domain_defs(dom, flags, &defs[0], &defs[1]) < 0)
        goto cleanup;
    /* check both definitions first so a failure changes nothing */
    for (int i = 0; i < 2; i++) {
        if (defs[i] && op != DEV_ATTACH && dev_find(defs[i], &spec) < 0) {
            dev_not_found();
            goto cleanup;
        }
    }
    for (int i = 0; i < 2; i++) {
        DomainDef *def = defs[i];

        if (!def)
            continue;
        if (op == DEV_ATTACH) {
            void *added = NULL;

            if (dev_add(def, &spec, &added) < 0)
                goto cleanup;
            if (i == 0)
                event_name = dev_event_name(def, spec.field, added);
        } else {
            ssize_t idx = dev_find(def, &spec);
            void *added = NULL;

            if (i == 0 && op == DEV_DETACH) {
                size_t *count;
                void **arr = dev_array(&def->devices, spec.field, &count);

                event_name = dev_event_name(def, spec.field, arr[idx]);
            }
            dev_remove(def, spec.field, idx);
            if (op == DEV_UPDATE && dev_add(def, &spec, &added) < 0)
                goto cleanup;
        }
    }
    if (event_name)
        test_domain_event_device(s, dom, op == DEV_ATTACH ? VIR_DOMAIN_EVENT_ID_DEVICE_ADDED
                                                          : VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED,
                                 event_name);
    ret = 0;

 cleanup:
    g_mutex_unlock(&s->lock);
    dev_spec_clear(&spec);
    return ret;
}

#define TEST_DEVICE_FLAGS \
    (VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG | VIR_DOMAIN_DEVICE_MODIFY_FORCE)

int
test_domain_attach_device_flags(virDomainPtr domain, const char *xml, unsigned int flags)
{
    TEST_CHECK_FLAGS(flags, TEST_DEVICE_FLAGS, -1, "testDomainAttachDeviceFlags");
    return dev_change(domain, xml, flags & ~VIR_DOMAIN_DEVICE_MODIFY_FORCE, DEV_ATTACH);
}

int
test_domain_attach_device(virDomainPtr domain, const char *xml)
{
    return test_domain_attach_device_flags(domain, xml, VIR_DOMAIN_AFFECT_LIVE);
}

int
test_domain_detach_device_flags(virDomainPtr domain, const char *xml, unsigned int flags)
{
    TEST_CHECK_FLAGS(flags, TEST_DEVICE_FLAGS, -1, "testDomainDetachDeviceFlags");
    return dev_change(domain, xml, flags & ~VIR_DOMAIN_DEVICE_MODIFY_FORCE, DEV_DETACH);
}

int
test_domain_detach_device(virDomainPtr domain, const char *xml)
{
    return test_domain_detach_device_flags(domain, xml, VIR_DOMAIN_AFFECT_LIVE);
}

int
test_domain_update_device_flags(virDomainPtr domain, const char *xml, unsigned int flags)
{
    TEST_CHECK_FLAGS(flags, TEST_DEVICE_FLAGS, -1, "testDomainUpdateDeviceFlags");
    return dev_change(domain, xml, flags & ~VIR_DOMAIN_DEVICE_MODIFY_FORCE, DEV_UPDATE);
}

/* Find the device with alias @alias in @def: its array field and index. */
static bool
dev_find_alias(DomainDef *def, const char *alias, const XmlField **ret_field,
               size_t *ret_idx)
{
    g_autofree char *needle = g_strdup_printf("<alias name='%s'/>", alias);

    for (const XmlField *f = domain_devices_schema.fields; f->kind != XML_KIND_END; f++) {
        size_t *count;
        void **arr;

        if (f->kind != XML_KIND_CHILDREN)
            continue;
        arr = dev_array(&def->devices, f, &count);
        for (size_t i = 0; i < *count; i++) {
            g_autofree char *xml = xmlmap_format(f->schema, arr[i], 0);

            if (xml && strstr(xml, needle)) {
                *ret_field = f;
                *ret_idx = i;
                return true;
            }
        }
    }
    return false;
}

int
test_domain_detach_device_alias(virDomainPtr domain, const char *alias, unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    DomainDef *defs[2] = { NULL, NULL };
    const XmlField *fields[2] = { NULL, NULL };
    size_t idx[2] = { 0, 0 };
    TestDomain *dom;

    TEST_CHECK_FLAGS(flags, TEST_DEVICE_FLAGS, -1, "testDomainDetachDeviceAlias");
    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    if (test_domain_defs(dom, flags & ~VIR_DOMAIN_DEVICE_MODIFY_FORCE, &defs[0], &defs[1]) < 0)
        goto error;
    for (int i = 0; i < 2; i++) {
        if (defs[i] && !dev_find_alias(defs[i], alias, &fields[i], &idx[i])) {
            err_report(VIR_ERR_DEVICE_MISSING, "no device found with alias %s", alias);
            goto error;
        }
    }
    for (int i = 0; i < 2; i++) {
        if (defs[i])
            dev_remove(defs[i], fields[i], idx[i]);
    }
    if (defs[0])
        test_domain_event_device(s, dom, VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED, alias);
    g_mutex_unlock(&s->lock);
    return 0;

 error:
    g_mutex_unlock(&s->lock);
    return -1;
}

/* ---- screenshot ------------------------------------------------------- */

/* The fake screen: a 16x16 PNG (grey-blue), made for this driver. */
static const unsigned char test_screenshot_png[] = {
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44,
    0x52, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x10, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90,
    0x91, 0x68, 0x36, 0x00, 0x00, 0x00, 0x16, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0x70,
    0x68, 0x38, 0x40, 0x12, 0x62, 0x18, 0xd5, 0x30, 0xaa, 0x61, 0xf8, 0x6a, 0x00, 0x00, 0xa5,
    0x75, 0x80, 0x10, 0xa6, 0xb8, 0x9c, 0xee, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44,
    0xae, 0x42, 0x60, 0x82,
};

/* Read position in the image; the stream's private data. */
typedef struct {
    size_t pos;
} ShotStream;

static int
shot_recv(virStreamPtr st, char *data, size_t nbytes)
{
    ShotStream *ss = st->priv;
    size_t n = MIN(nbytes, sizeof(test_screenshot_png) - ss->pos);

    memcpy(data, test_screenshot_png + ss->pos, n);
    ss->pos += n;
    return (int) n;
}

static int
shot_recv_flags(virStreamPtr st, char *data, size_t nbytes, unsigned int flags)
{
    return shot_recv(st, data, nbytes);
}

static int
shot_send(virStreamPtr st, const char *data, size_t nbytes)
{
    err_report(VIR_ERR_OPERATION_UNSUPPORTED, "%s", "a screenshot stream is read-only");
    return -1;
}

static int
shot_done(virStreamPtr st)
{
    return 0;
}

static const ApiStreamDriver test_screenshot_stream = {
    .name = "Test",
    .streamRecv = shot_recv,
    .streamRecvFlags = shot_recv_flags,
    .streamSend = shot_send,
    .streamFinish = shot_done,
    .streamAbort = shot_done,
};

/**
 * test_domain_screenshot() - virDomainScreenshot: a fixed PNG image
 *
 * Like libvirt's test driver, every domain and screen shows the same
 * picture (ours is drawn here rather than read from a data file).
 */
char *
test_domain_screenshot(virDomainPtr domain, virStreamPtr stream, unsigned int screen,
                       unsigned int flags)
{
    (void) domain;
    (void) screen;
    TEST_CHECK_FLAGS(flags, 0, NULL, "testDomainScreenshot");
    api_stream_attach(stream, &test_screenshot_stream, g_new0(ShotStream, 1), g_free);
    return g_strdup("image/png");
}
