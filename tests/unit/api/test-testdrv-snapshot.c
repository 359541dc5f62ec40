/* tests/unit/api/test-testdrv-snapshot.c: snapshots and checkpoints of the
 * in-process test driver through the public API: creation and XML, the
 * tree (parents, children, roots, leaves), current snapshot, revert with
 * its state changes, delete variants, redefinition, and checkpoints with
 * their rules (running domain, no snapshots). */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <glib.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

static void
quiet(void *data, virErrorPtr err)
{
}

static int
setup(void **state)
{
    virSetErrorFunc(NULL, quiet);
    *state = virConnectOpen("test:///default");
    return *state ? 0 : -1;
}

static int
teardown(void **state)
{
    return virConnectClose(*state) < 0 ? -1 : 0;
}

static virDomainSnapshotPtr
snap(virDomainPtr dom, const char *name, unsigned int flags)
{
    g_autofree char *xml = g_strdup_printf("<domainsnapshot><name>%s</name></domainsnapshot>",
                                           name);
    virDomainSnapshotPtr s = virDomainSnapshotCreateXML(dom, xml, flags);

    assert_non_null(s);
    return s;
}

static int
state_of(virDomainPtr dom, int *reason)
{
    int st = -1;

    assert_int_equal(virDomainGetState(dom, &st, reason, 0), 0);
    return st;
}

static int
count_names(virDomainPtr dom, unsigned int flags)
{
    char *names[16];
    int n = virDomainSnapshotListNames(dom, names, 16, flags);

    for (int i = 0; i < n; i++)
        free(names[i]);
    return n;
}

static void
test_snapshot_xml(void **state)
{
    virDomainPtr dom = virDomainLookupByName(*state, "test");
    virDomainSnapshotPtr s1 = snap(dom, "s1", 0);
    virDomainSnapshotPtr s2 = virDomainSnapshotCreateXML(dom, "<domainsnapshot/>", 0);
    virDomainSnapshotPtr parent;
    g_autofree char *xml = virDomainSnapshotGetXMLDesc(s1, 0);

    assert_non_null(xml);
    assert_non_null(strstr(xml, "<name>s1</name>"));
    assert_non_null(strstr(xml, "<state>running</state>"));
    assert_non_null(strstr(xml, "<memory snapshot='internal'/>"));
    assert_non_null(strstr(xml, "<disk name='vda' snapshot='internal'/>"));
    assert_non_null(strstr(xml, "  <domain type='test'>\n    <name>test</name>"));
    assert_non_null(s2);
    /* no name: the creation time */
    assert_true(g_ascii_isdigit(virDomainSnapshotGetName(s2)[0]));
    parent = virDomainSnapshotGetParent(s2, 0);
    assert_string_equal(virDomainSnapshotGetName(parent), "s1");
    virDomainSnapshotFree(parent);
    assert_null(virDomainSnapshotGetParent(s1, 0));
    assert_int_equal(virGetLastError()->code, VIR_ERR_NO_DOMAIN_SNAPSHOT);
    assert_int_equal(virDomainSnapshotIsCurrent(s2, 0), 1);
    assert_int_equal(virDomainSnapshotHasMetadata(s1, 0), 1);
    assert_null(virDomainSnapshotCreateXML(dom, "<domainsnapshot><name>s1</name>"
                                                "</domainsnapshot>", 0));
    assert_int_equal(virGetLastError()->code, VIR_ERR_OPERATION_FAILED);
    assert_int_equal(virDomainSnapshotDelete(s2, 0), 0);
    assert_int_equal(virDomainSnapshotDelete(s1, 0), 0);
    assert_int_equal(virDomainHasCurrentSnapshot(dom, 0), 0);
    virDomainSnapshotFree(s1);
    virDomainSnapshotFree(s2);
    virDomainFree(dom);
}

static void
test_snapshot_tree(void **state)
{
    virDomainPtr dom = virDomainLookupByName(*state, "test");
    virDomainSnapshotPtr a = snap(dom, "a", 0);
    virDomainSnapshotPtr b = snap(dom, "b", 0);
    virDomainSnapshotPtr c;
    virDomainSnapshotPtr *all = NULL;
    virDomainSnapshotPtr cur;
    int n;

    assert_int_equal(virDomainRevertToSnapshot(a, 0), 0);
    c = snap(dom, "c", 0);                       /* a second child of a */
    assert_int_equal(virDomainSnapshotNum(dom, 0), 3);
    assert_int_equal(virDomainSnapshotNum(dom, VIR_DOMAIN_SNAPSHOT_LIST_ROOTS), 1);
    assert_int_equal(virDomainSnapshotNum(dom, VIR_DOMAIN_SNAPSHOT_LIST_LEAVES), 2);
    assert_int_equal(virDomainSnapshotNum(dom, VIR_DOMAIN_SNAPSHOT_LIST_NO_LEAVES), 1);
    assert_int_equal(virDomainSnapshotNum(dom, VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE), 0);
    assert_int_equal(virDomainSnapshotNum(dom, VIR_DOMAIN_SNAPSHOT_LIST_NO_METADATA), 0);
    assert_int_equal(count_names(dom, VIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL), 0);
    assert_int_equal(virDomainSnapshotNumChildren(a, 0), 2);
    n = virDomainListAllSnapshots(dom, &all, VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL);
    assert_int_equal(n, 3);
    assert_string_equal(virDomainSnapshotGetName(all[0]), "a");
    for (int i = 0; i < n; i++)
        virDomainSnapshotFree(all[i]);
    free(all);
    cur = virDomainSnapshotCurrent(dom, 0);
    assert_string_equal(virDomainSnapshotGetName(cur), "c");
    virDomainSnapshotFree(cur);

    /* deleting a keeps its children, re-rooted */
    assert_int_equal(virDomainSnapshotDelete(a, 0), 0);
    assert_int_equal(virDomainSnapshotNum(dom, VIR_DOMAIN_SNAPSHOT_LIST_ROOTS), 2);
    assert_null(virDomainSnapshotLookupByName(dom, "a", 0));
    assert_int_equal(virDomainSnapshotDelete(b, 0), 0);
    assert_int_equal(virDomainSnapshotDelete(c, VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN), 0);
    assert_int_equal(virDomainSnapshotNum(dom, 0), 0);
    assert_null(virDomainSnapshotCurrent(dom, 0));
    virDomainSnapshotFree(a);
    virDomainSnapshotFree(b);
    virDomainSnapshotFree(c);
    virDomainFree(dom);
}

static void
test_snapshot_revert(void **state)
{
    virDomainPtr dom = virDomainLookupByName(*state, "test");
    virDomainSnapshotPtr run = snap(dom, "run", 0);
    virDomainSnapshotPtr off;
    int reason;

    assert_int_equal(virDomainRevertToSnapshot(run, VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED), 0);
    assert_int_equal(state_of(dom, &reason), VIR_DOMAIN_PAUSED);
    assert_int_equal(reason, VIR_DOMAIN_PAUSED_FROM_SNAPSHOT);
    assert_int_equal(virDomainDestroy(dom), 0);
    assert_int_equal(virDomainRevertToSnapshot(run, 0), 0);
    assert_int_equal(state_of(dom, &reason), VIR_DOMAIN_RUNNING);
    assert_int_equal(reason, VIR_DOMAIN_RUNNING_FROM_SNAPSHOT);
    assert_int_equal(virDomainDestroy(dom), 0);
    off = snap(dom, "off", 0);
    assert_int_equal(virDomainCreate(dom), 0);
    assert_int_equal(virDomainRevertToSnapshot(off, 0), 0);
    assert_int_equal(state_of(dom, &reason), VIR_DOMAIN_SHUTOFF);
    assert_int_equal(reason, VIR_DOMAIN_SHUTOFF_FROM_SNAPSHOT);
    assert_int_equal(virDomainCreate(dom), 0);
    /* a domain with snapshots cannot be undefined while shut off */
    assert_int_equal(virDomainSnapshotDelete(off, 0), 0);
    assert_int_equal(virDomainSnapshotDelete(run, 0), 0);
    virDomainSnapshotFree(run);
    virDomainSnapshotFree(off);
    virDomainFree(dom);
}

static void
test_snapshot_halt_redefine(void **state)
{
    virDomainPtr dom = virDomainLookupByName(*state, "test");
    virDomainSnapshotPtr h = snap(dom, "h", VIR_DOMAIN_SNAPSHOT_CREATE_HALT);
    virDomainSnapshotPtr r;
    g_autofree char *xml = NULL;
    int reason;

    assert_int_equal(state_of(dom, &reason), VIR_DOMAIN_SHUTOFF);
    assert_int_equal(reason, VIR_DOMAIN_SHUTOFF_FROM_SNAPSHOT);
    xml = virDomainSnapshotGetXMLDesc(h, 0);
    assert_int_equal(virDomainSnapshotDelete(h, 0), 0);
    r = virDomainSnapshotCreateXML(dom, xml, VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE);
    assert_non_null(r);
    assert_int_equal(virDomainHasCurrentSnapshot(dom, 0), 0);
    assert_null(virDomainSnapshotCreateXML(dom, "<domainsnapshot><name>x</name>"
                                                "</domainsnapshot>",
                                           VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE));
    assert_int_equal(virDomainUndefine(dom), -1);
    assert_int_equal(virGetLastError()->code, VIR_ERR_OPERATION_INVALID);
    assert_int_equal(virDomainSnapshotDelete(r, 0), 0);
    assert_int_equal(virDomainCreate(dom), 0);
    virDomainSnapshotFree(h);
    virDomainSnapshotFree(r);
    virDomainFree(dom);
}

static void
test_checkpoints(void **state)
{
    virDomainPtr dom = virDomainLookupByName(*state, "test");
    virDomainCheckpointPtr c1;
    virDomainCheckpointPtr c2;
    virDomainCheckpointPtr parent;
    virDomainCheckpointPtr *list = NULL;
    g_autofree char *xml = NULL;
    int n;

    c1 = virDomainCheckpointCreateXML(dom, "<domaincheckpoint><name>c1</name>"
                                           "</domaincheckpoint>", 0);
    assert_non_null(c1);
    xml = virDomainCheckpointGetXMLDesc(c1, VIR_DOMAIN_CHECKPOINT_XML_NO_DOMAIN);
    assert_non_null(strstr(xml, "<disk name='vda' checkpoint='bitmap' bitmap='c1'/>"));
    assert_null(strstr(xml, "<domain type="));
    c2 = virDomainCheckpointCreateXML(dom, "<domaincheckpoint><name>c2</name>"
                                           "</domaincheckpoint>", 0);
    parent = virDomainCheckpointGetParent(c2, 0);
    assert_string_equal(virDomainCheckpointGetName(parent), "c1");
    virDomainCheckpointFree(parent);
    n = virDomainListAllCheckpoints(dom, &list, VIR_DOMAIN_CHECKPOINT_LIST_LEAVES);
    assert_int_equal(n, 1);
    assert_string_equal(virDomainCheckpointGetName(list[0]), "c2");
    virDomainCheckpointFree(list[0]);
    free(list);
    assert_null(virDomainSnapshotCreateXML(dom, "<domainsnapshot/>", 0));
    assert_int_equal(virGetLastError()->code, VIR_ERR_OPERATION_UNSUPPORTED);
    assert_int_equal(virDomainCheckpointDelete(c1, 0), 0);
    assert_null(virDomainCheckpointGetParent(c2, 0));
    assert_int_equal(virGetLastError()->code, VIR_ERR_NO_DOMAIN_CHECKPOINT);
    assert_int_equal(virDomainCheckpointDelete(c2, 0), 0);
    assert_int_equal(virDomainListAllCheckpoints(dom, NULL, 0), 0);
    assert_int_equal(virDomainDestroy(dom), 0);
    assert_null(virDomainCheckpointCreateXML(dom, "<domaincheckpoint/>", 0));
    assert_int_equal(virGetLastError()->code, VIR_ERR_OPERATION_UNSUPPORTED);
    assert_int_equal(virDomainCreate(dom), 0);
    virDomainCheckpointFree(c1);
    virDomainCheckpointFree(c2);
    virDomainFree(dom);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_snapshot_xml),
        cmocka_unit_test(test_snapshot_tree),
        cmocka_unit_test(test_snapshot_revert),
        cmocka_unit_test(test_snapshot_halt_redefine),
        cmocka_unit_test(test_checkpoints),
    };

    return cmocka_run_group_tests_name("testdrv-snapshot", tests, setup, teardown);
}
