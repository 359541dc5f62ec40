/* api/test/test-domain-life.c: domain lifecycle on the test driver:
 * define/undefine, create/start, destroy, shutdown, reboot, reset,
 * suspend/resume, save/restore (real files, in libvirt's test image
 * format), managed save (a flag), core dump and rename. Every change
 * queues the lifecycle event libvirt's test driver queues. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#define ERR_DOMAIN VIR_FROM_TEST
#include "api/test/test-domain.h"
#include "api/test/test-ops.h"
#include "common/conf/xmlmap.h"
#include "common/util/err.h"

/* Save images: this magic (with its NUL), the XML length as a native int,
 * then the XML (the layout libvirt's test driver reads and writes). */
#define TEST_SAVE_MAGIC "TestGuestMagic"
#define TEST_SAVE_XML_MAX 8192

/* ---- define / undefine ------------------------------------------------ */

virDomainPtr
test_domain_define_xml_flags(virConnectPtr conn, const char *xml, unsigned int flags)
{
    TestState *s = test_state_from_conn(conn);
    g_autoptr(DomainDef) def = NULL;
    virDomainPtr ret = NULL;
    TestDomain *dom;
    bool existed = false;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_DEFINE_VALIDATE, NULL, "testDomainDefineXMLFlags");
    def = test_domain_parse(xml, flags & VIR_DOMAIN_DEFINE_VALIDATE);
    if (!def)
        return NULL;
    if (strchr(def->name, '\n')) {
        err_report_full(VIR_FROM_XML, VIR_ERR_XML_DETAIL, __FILE__, __func__, __LINE__,
                        "invalid char in %s: %s", "name", "\n");
        return NULL;
    }
    g_mutex_lock(&s->lock);
    dom = test_domains_assign(s, def, false, &existed);
    if (dom) {
        def = NULL;
        dom->persistent = true;
        test_domain_event_lifecycle(s, dom, VIR_DOMAIN_EVENT_DEFINED,
                                    existed ? VIR_DOMAIN_EVENT_DEFINED_UPDATED
                                            : VIR_DOMAIN_EVENT_DEFINED_ADDED);
        ret = test_domain_handle(conn, dom);
    }
    g_mutex_unlock(&s->lock);
    return ret;
}

virDomainPtr
test_domain_define_xml(virConnectPtr conn, const char *xml)
{
    return test_domain_define_xml_flags(conn, xml, 0);
}

int
test_domain_undefine_flags(virDomainPtr domain, unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    TestDomain *dom;
    unsigned int nsnap;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_UNDEFINE_MANAGED_SAVE |
                     VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA, -1, "testDomainUndefineFlags");
    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    if (dom->managed_save && !(flags & VIR_DOMAIN_UNDEFINE_MANAGED_SAVE)) {
        g_mutex_unlock(&s->lock);
        err_report_full(VIR_FROM_TEST, VIR_ERR_OPERATION_INVALID, __FILE__, __func__,
                        __LINE__, "%s",
                        "Refusing to undefine while domain managed save image exists");
        return -1;
    }
    nsnap = dom->snapshots.list->len;
    if (!test_domain_is_active(dom) && nsnap > 0 &&
        !(flags & VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA)) {
        g_mutex_unlock(&s->lock);
        err_report(VIR_ERR_OPERATION_INVALID, "cannot delete inactive domain with %u snapshots",
                   nsnap);
        return -1;
    }
    test_domain_event_lifecycle(s, dom, VIR_DOMAIN_EVENT_UNDEFINED,
                                VIR_DOMAIN_EVENT_UNDEFINED_REMOVED);
    dom->managed_save = false;
    if (test_domain_is_active(dom)) {
        dom->persistent = false;
        g_clear_pointer(&dom->newdef, domain_def_free);
    } else {
        test_domains_remove(s->domains, dom);
    }
    g_mutex_unlock(&s->lock);
    return 0;
}

int
test_domain_undefine(virDomainPtr domain)
{
    return test_domain_undefine_flags(domain, 0);
}

/* ---- create / start --------------------------------------------------- */

virDomainPtr
test_domain_create_xml(virConnectPtr conn, const char *xml, unsigned int flags)
{
    TestState *s = test_state_from_conn(conn);
    g_autoptr(DomainDef) def = NULL;
    virDomainPtr ret = NULL;
    TestDomain *dom;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_START_VALIDATE, NULL, "testDomainCreateXML");
    def = test_domain_parse(xml, flags & VIR_DOMAIN_START_VALIDATE);
    if (!def)
        return NULL;
    g_mutex_lock(&s->lock);
    dom = test_domains_assign(s, def, true, NULL);
    if (dom) {
        def = NULL;
        test_domain_start(s, dom, VIR_DOMAIN_RUNNING_BOOTED);
        test_domain_event_lifecycle(s, dom, VIR_DOMAIN_EVENT_STARTED,
                                    VIR_DOMAIN_EVENT_STARTED_BOOTED);
        ret = test_domain_handle(conn, dom);
    }
    g_mutex_unlock(&s->lock);
    return ret;
}

virDomainPtr
test_domain_create_xml_with_files(virConnectPtr conn, const char *xmlDesc,
                                  unsigned int nfiles, int *files, unsigned int flags)
{
    (void) nfiles;
    (void) files;
    return test_domain_create_xml(conn, xmlDesc, flags);
}

int
test_domain_create_with_flags(virDomainPtr domain, unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    TestDomain *dom;

    TEST_CHECK_FLAGS(flags, 0, -1, "testDomainCreateWithFlags");
    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    if (dom->state != VIR_DOMAIN_SHUTOFF) {
        g_mutex_unlock(&s->lock);
        err_report(VIR_ERR_INTERNAL_ERROR, "Domain '%s' is already running", domain->name);
        return -1;
    }
    test_domain_start(s, dom, VIR_DOMAIN_RUNNING_BOOTED);
    domain->id = dom->def->id;
    test_domain_event_lifecycle(s, dom, VIR_DOMAIN_EVENT_STARTED,
                                VIR_DOMAIN_EVENT_STARTED_BOOTED);
    g_mutex_unlock(&s->lock);
    return 0;
}

int
test_domain_create(virDomainPtr domain)
{
    return test_domain_create_with_flags(domain, 0);
}

int
test_domain_create_with_files(virDomainPtr domain, unsigned int nfiles, int *files,
                              unsigned int flags)
{
    (void) nfiles;
    (void) files;
    return test_domain_create_with_flags(domain, flags);
}

/* ---- stop ------------------------------------------------------------- */

/* Stop a running @dom with @reason, queue STOPPED/@detail and forget a
 * transient domain. The caller holds the lock. */
static void
life_stop(TestState *s, TestDomain *dom, virDomainPtr handle, int reason, int detail)
{
    /* libvirt's event of a stopping transient domain still carries its id
     * (only a persistent domain gets its id-less config back first) */
    if (!dom->persistent)
        test_domain_event_lifecycle(s, dom, VIR_DOMAIN_EVENT_STOPPED, detail);
    test_domain_stop(dom, handle, reason);
    if (dom->persistent)
        test_domain_event_lifecycle(s, dom, VIR_DOMAIN_EVENT_STOPPED, detail);
    test_domain_stop_cleanup(s, dom);
}

int
test_domain_destroy_flags(virDomainPtr domain, unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    TestDomain *dom;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_DESTROY_GRACEFUL, -1, "testDomainDestroyFlags");
    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    if (test_domain_check_active(dom) < 0) {
        g_mutex_unlock(&s->lock);
        return -1;
    }
    life_stop(s, dom, domain, VIR_DOMAIN_SHUTOFF_DESTROYED, VIR_DOMAIN_EVENT_STOPPED_DESTROYED);
    g_mutex_unlock(&s->lock);
    return 0;
}

int
test_domain_destroy(virDomainPtr domain)
{
    return test_domain_destroy_flags(domain, 0);
}

/* Apply the <on_poweroff>/<on_reboot> action @action (DomainLifecycleAction):
 * restart actions keep the domain running; the others stop it.
 * Return: true when the domain must stop. */
static bool
life_action_stops(TestDomain *dom, int action)
{
    if (action == DOMAIN_LIFECYCLE_RESTART || action == DOMAIN_LIFECYCLE_RENAME_RESTART) {
        dom->state = VIR_DOMAIN_RUNNING;
        dom->reason = VIR_DOMAIN_RUNNING_BOOTED;
        return false;
    }
    return true;
}

int
test_domain_shutdown_flags(virDomainPtr domain, unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    TestDomain *dom;

    TEST_CHECK_FLAGS(flags, 0, -1, "testDomainShutdownFlags");
    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    if (dom->state == VIR_DOMAIN_SHUTOFF) {
        g_mutex_unlock(&s->lock);
        err_report(VIR_ERR_INTERNAL_ERROR, "domain '%s' not running", domain->name);
        return -1;
    }
    if (life_action_stops(dom, dom->def->on_poweroff))
        life_stop(s, dom, domain, VIR_DOMAIN_SHUTOFF_SHUTDOWN,
                  VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN);
    g_mutex_unlock(&s->lock);
    return 0;
}

int
test_domain_shutdown(virDomainPtr domain)
{
    return test_domain_shutdown_flags(domain, 0);
}

int
test_domain_reboot(virDomainPtr domain, unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    TestDomain *dom;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_REBOOT_DEFAULT | VIR_DOMAIN_REBOOT_ACPI_POWER_BTN |
                     VIR_DOMAIN_REBOOT_GUEST_AGENT | VIR_DOMAIN_REBOOT_INITCTL |
                     VIR_DOMAIN_REBOOT_SIGNAL | VIR_DOMAIN_REBOOT_PARAVIRT, -1,
                     "testDomainReboot");
    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    if (test_domain_check_active(dom) < 0) {
        g_mutex_unlock(&s->lock);
        return -1;
    }
    if (life_action_stops(dom, dom->def->on_reboot))
        life_stop(s, dom, domain, VIR_DOMAIN_SHUTOFF_SHUTDOWN,
                  VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN);
    g_mutex_unlock(&s->lock);
    return 0;
}

int
test_domain_reset(virDomainPtr domain, unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    TestDomain *dom;
    int ret;

    TEST_CHECK_FLAGS(flags, 0, -1, "testDomainReset");
    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    ret = test_domain_check_active(dom);
    g_mutex_unlock(&s->lock);
    return ret;
}

/* ---- suspend / resume ------------------------------------------------- */

int
test_domain_suspend(virDomainPtr domain)
{
    TestState *s = test_state_from_conn(domain->conn);
    TestDomain *dom;

    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    if (dom->state == VIR_DOMAIN_SHUTOFF || dom->state == VIR_DOMAIN_PAUSED) {
        g_mutex_unlock(&s->lock);
        err_report(VIR_ERR_INTERNAL_ERROR, "domain '%s' not running", domain->name);
        return -1;
    }
    dom->state = VIR_DOMAIN_PAUSED;
    dom->reason = VIR_DOMAIN_PAUSED_USER;
    test_domain_event_lifecycle(s, dom, VIR_DOMAIN_EVENT_SUSPENDED,
                                VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
    g_mutex_unlock(&s->lock);
    return 0;
}

int
test_domain_resume(virDomainPtr domain)
{
    TestState *s = test_state_from_conn(domain->conn);
    TestDomain *dom;

    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    if (dom->state != VIR_DOMAIN_PAUSED) {
        g_mutex_unlock(&s->lock);
        err_report(VIR_ERR_INTERNAL_ERROR, "domain '%s' not paused", domain->name);
        return -1;
    }
    dom->state = VIR_DOMAIN_RUNNING;
    dom->reason = VIR_DOMAIN_RUNNING_UNPAUSED;
    test_domain_event_lifecycle(s, dom, VIR_DOMAIN_EVENT_RESUMED,
                                VIR_DOMAIN_EVENT_RESUMED_UNPAUSED);
    g_mutex_unlock(&s->lock);
    return 0;
}

/* ---- save images ------------------------------------------------------ */

static int
save_image_write(const char *path, const DomainDef *def)
{
    g_autofree char *xml = domain_def_format(def, XMLMAP_FORMAT_SECURE);
    int len = xml ? (int) strlen(xml) : 0;
    int fd;

    if (!xml)
        return -1;
    fd = open(path, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0600);
    if (fd < 0) {
        err_report_system(errno, "saving domain '%s' to '%s': open failed", def->name, path);
        return -1;
    }
    if (write(fd, TEST_SAVE_MAGIC, sizeof(TEST_SAVE_MAGIC)) != sizeof(TEST_SAVE_MAGIC) ||
        write(fd, &len, sizeof(len)) != sizeof(len) ||
        write(fd, xml, len) != len) {
        err_report_system(errno, "saving domain '%s' to '%s': write failed", def->name, path);
        close(fd);
        unlink(path);
        return -1;
    }
    if (close(fd) < 0) {
        err_report_system(errno, "saving domain '%s' to '%s': write failed", def->name, path);
        unlink(path);
        return -1;
    }
    return 0;
}

/* Read the definition stored in the save image @path.
 * Return: the definition, or NULL (reported). */
static DomainDef *
save_image_read(const char *path)
{
    char magic[sizeof(TEST_SAVE_MAGIC)];
    g_autofree char *xml = NULL;
    DomainDef *def;
    int len = 0;
    int fd;

    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        err_report_system(errno, "cannot read domain image '%s'", path);
        return NULL;
    }
    if (read(fd, magic, sizeof(magic)) != sizeof(magic)) {
        err_report_system(errno, "incomplete save header in '%s'", path);
        close(fd);
        return NULL;
    }
    if (memcmp(magic, TEST_SAVE_MAGIC, sizeof(magic)) != 0) {
        err_report(VIR_ERR_INTERNAL_ERROR, "%s", "mismatched header magic");
        close(fd);
        return NULL;
    }
    if (read(fd, &len, sizeof(len)) != sizeof(len)) {
        err_report_system(errno, "failed to read metadata length in '%s'", path);
        close(fd);
        return NULL;
    }
    if (len < 1 || len > TEST_SAVE_XML_MAX) {
        err_report(VIR_ERR_INTERNAL_ERROR, "%s", "length of metadata out of range");
        close(fd);
        return NULL;
    }
    xml = g_malloc0(len + 1);
    if (read(fd, xml, len) != len) {
        err_report_system(errno, "incomplete metadata in '%s'", path);
        close(fd);
        return NULL;
    }
    close(fd);
    def = domain_def_parse_string(xml, XMLMAP_PARSE_INACTIVE | XMLMAP_PARSE_SKIP_VALIDATE);
    if (def && test_domain_prepare_def(def) < 0) {
        domain_def_free(def);
        return NULL;
    }
    return def;
}

int
test_domain_save_flags(virDomainPtr domain, const char *to, const char *dxml,
                       unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    TestDomain *dom;

    TEST_CHECK_FLAGS(flags, 0, -1, "testDomainSaveFlags");
    if (dxml) {
        err_report(VIR_ERR_ARGUMENT_UNSUPPORTED, "%s", "xml modification unsupported");
        return -1;
    }
    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    if (test_domain_check_active(dom) < 0 || save_image_write(to, dom->def) < 0) {
        g_mutex_unlock(&s->lock);
        return -1;
    }
    life_stop(s, dom, domain, VIR_DOMAIN_SHUTOFF_SAVED, VIR_DOMAIN_EVENT_STOPPED_SAVED);
    g_mutex_unlock(&s->lock);
    return 0;
}

int
test_domain_save(virDomainPtr domain, const char *to)
{
    return test_domain_save_flags(domain, to, NULL, 0);
}

int
test_domain_restore_flags(virConnectPtr conn, const char *from, const char *dxml,
                          unsigned int flags)
{
    TestState *s = test_state_from_conn(conn);
    g_autoptr(DomainDef) def = NULL;
    TestDomain *dom;

    TEST_CHECK_FLAGS(flags, 0, -1, "testDomainRestoreFlags");
    if (dxml) {
        err_report(VIR_ERR_ARGUMENT_UNSUPPORTED, "%s", "xml modification unsupported");
        return -1;
    }
    if (!(def = save_image_read(from)))
        return -1;
    g_mutex_lock(&s->lock);
    dom = test_domains_assign(s, def, true, NULL);
    if (!dom) {
        g_mutex_unlock(&s->lock);
        return -1;
    }
    def = NULL;
    test_domain_start(s, dom, VIR_DOMAIN_RUNNING_RESTORED);
    test_domain_event_lifecycle(s, dom, VIR_DOMAIN_EVENT_STARTED,
                                VIR_DOMAIN_EVENT_STARTED_RESTORED);
    g_mutex_unlock(&s->lock);
    return 0;
}

int
test_domain_restore(virConnectPtr conn, const char *from)
{
    return test_domain_restore_flags(conn, from, NULL, 0);
}

int
test_domain_save_image_define_xml(virConnectPtr conn, const char *file, const char *dxml,
                                  unsigned int flags)
{
    g_autoptr(DomainDef) old = NULL;
    g_autoptr(DomainDef) def = NULL;

    (void) conn;
    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_SAVE_RUNNING | VIR_DOMAIN_SAVE_PAUSED, -1,
                     "testDomainSaveImageDefineXML");
    if (!(old = save_image_read(file)))
        return -1;
    if (!(def = test_domain_parse(dxml, false)))
        return -1;
    return save_image_write(file, def);
}

char *
test_domain_save_image_get_xml_desc(virConnectPtr conn, const char *file, unsigned int flags)
{
    g_autoptr(DomainDef) def = NULL;

    (void) conn;
    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_SAVE_IMAGE_XML_SECURE, NULL,
                     "testDomainSaveImageGetXMLDesc");
    if (!(def = save_image_read(file)))
        return NULL;
    return domain_def_format(def, XMLMAP_FORMAT_SECURE);
}

/* ---- managed save ----------------------------------------------------- */

int
test_domain_managed_save(virDomainPtr domain, unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    TestDomain *dom;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_SAVE_BYPASS_CACHE | VIR_DOMAIN_SAVE_RUNNING |
                     VIR_DOMAIN_SAVE_PAUSED, -1, "testDomainManagedSave");
    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    if (test_domain_check_active(dom) < 0) {
        g_mutex_unlock(&s->lock);
        return -1;
    }
    if (!dom->persistent) {
        g_mutex_unlock(&s->lock);
        err_report(VIR_ERR_OPERATION_INVALID, "%s",
                   "cannot do managed save for transient domain");
        return -1;
    }
    test_domain_stop(dom, domain, VIR_DOMAIN_SHUTOFF_SAVED);
    test_domain_event_lifecycle(s, dom, VIR_DOMAIN_EVENT_STOPPED,
                                VIR_DOMAIN_EVENT_STOPPED_SAVED);
    dom->managed_save = true;
    g_mutex_unlock(&s->lock);
    return 0;
}

int
test_domain_has_managed_save_image(virDomainPtr domain, unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    TestDomain *dom;
    int ret;

    TEST_CHECK_FLAGS(flags, 0, -1, "testDomainHasManagedSaveImage");
    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    ret = dom->managed_save;
    g_mutex_unlock(&s->lock);
    return ret;
}

int
test_domain_managed_save_remove(virDomainPtr domain, unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    TestDomain *dom;

    TEST_CHECK_FLAGS(flags, 0, -1, "testDomainManagedSaveRemove");
    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    dom->managed_save = false;
    g_mutex_unlock(&s->lock);
    return 0;
}

/* ---- core dump -------------------------------------------------------- */

int
test_domain_core_dump_with_format(virDomainPtr domain, const char *to,
                                  unsigned int dumpformat, unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    TestDomain *dom;
    int fd;

    TEST_CHECK_FLAGS(flags, VIR_DUMP_CRASH, -1, "testDomainCoreDumpWithFormat");
    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    if (test_domain_check_active(dom) < 0)
        goto error;
    fd = open(to, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0600);
    if (fd < 0) {
        err_report_system(errno, "domain '%s' coredump: failed to open %s", domain->name, to);
        goto error;
    }
    if (write(fd, TEST_SAVE_MAGIC, sizeof(TEST_SAVE_MAGIC)) != sizeof(TEST_SAVE_MAGIC)) {
        err_report_system(errno, "domain '%s' coredump: failed to write header to %s",
                          domain->name, to);
        close(fd);
        goto error;
    }
    if (close(fd) < 0) {
        err_report_system(errno, "domain '%s' coredump: write failed: %s", domain->name, to);
        goto error;
    }
    if (dumpformat != VIR_DOMAIN_CORE_DUMP_FORMAT_RAW) {
        err_report(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                   "kdump-compressed format is not supported here");
        goto error;
    }
    if (flags & VIR_DUMP_CRASH)
        life_stop(s, dom, domain, VIR_DOMAIN_SHUTOFF_CRASHED,
                  VIR_DOMAIN_EVENT_STOPPED_CRASHED);
    g_mutex_unlock(&s->lock);
    return 0;

 error:
    g_mutex_unlock(&s->lock);
    return -1;
}

int
test_domain_core_dump(virDomainPtr domain, const char *to, unsigned int flags)
{
    return test_domain_core_dump_with_format(domain, to, VIR_DOMAIN_CORE_DUMP_FORMAT_RAW,
                                             flags);
}

/* ---- rename ----------------------------------------------------------- */

int
test_domain_rename(virDomainPtr domain, const char *new_name, unsigned int flags)
{
    TestState *s = test_state_from_conn(domain->conn);
    TestDomain *dom;
    const char *msg = NULL;

    TEST_CHECK_FLAGS(flags, 0, -1, "testDomainRename");
    if (!(dom = test_domain_begin(s, domain)))
        return -1;
    if (test_domain_is_active(dom))
        msg = "cannot rename active domain";
    else if (!dom->persistent)
        msg = "cannot rename a transient domain";
    else if (dom->state != VIR_DOMAIN_SHUTOFF)
        msg = "domain has to be shutoff before renaming";
    if (msg) {
        g_mutex_unlock(&s->lock);
        err_report(VIR_ERR_OPERATION_INVALID, "%s", msg);
        return -1;
    }
    if (g_str_equal(new_name, dom->def->name)) {
        g_mutex_unlock(&s->lock);
        err_report_full(VIR_FROM_DOMAIN, VIR_ERR_OPERATION_INVALID, __FILE__, __func__,
                        __LINE__, "%s", "Can't rename domain to itself");
        return -1;
    }
    if (test_domains_find_name(s->domains, new_name)) {
        g_mutex_unlock(&s->lock);
        err_report_full(VIR_FROM_DOMAIN, VIR_ERR_OPERATION_INVALID, __FILE__, __func__,
                        __LINE__, "domain with name '%s' already exists", new_name);
        return -1;
    }
    if (strchr(new_name, '/')) {
        g_mutex_unlock(&s->lock);
        err_report(VIR_ERR_XML_ERROR, "name %s cannot contain '/'", new_name);
        return -1;
    }
    test_domain_event_lifecycle(s, dom, VIR_DOMAIN_EVENT_UNDEFINED,
                                VIR_DOMAIN_EVENT_UNDEFINED_RENAMED);
    g_free(dom->def->name);
    dom->def->name = g_strdup(new_name);
    test_domain_event_lifecycle(s, dom, VIR_DOMAIN_EVENT_DEFINED,
                                VIR_DOMAIN_EVENT_DEFINED_RENAMED);
    g_mutex_unlock(&s->lock);
    return 0;
}
