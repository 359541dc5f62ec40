/* tests/unit/conf/test-models.c: the model APIs beyond what golden files
 * show: defaults that are random or depend on context (secret uuids, volume
 * formats per pool type), validation of configs loaded without it, format
 * flags, copies, lookups. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "common/conf/capabilities_conf.h"
#include "common/conf/network_conf.h"
#include "common/conf/networkport_conf.h"
#include "common/conf/nodedev_conf.h"
#include "common/conf/secret_conf.h"
#include "common/conf/storagevol_conf.h"
#include "common/util/err.h"
#include "common/util/uuid.h"

static void
test_secret_api(void **state)
{
    g_autoptr(SecretDef) a = secret_def_parse_string(
        "<secret ephemeral='yes'><usage type='ceph'><name>c</name></usage></secret>", 0);
    g_autoptr(SecretDef) b = secret_def_parse_string("<secret/>", 0);
    g_autofree char *xml = NULL;
    g_autoptr(SecretDef) again = NULL;

    assert_non_null(a);
    assert_non_null(b);
    /* a missing uuid is generated, differently each time */
    assert_false(uuid_is_null(a->uuid));
    assert_memory_not_equal(a->uuid, b->uuid, 16);
    assert_true(a->ephemeral);
    assert_false(a->private);
    assert_int_equal(a->usage_type, VIR_SECRET_USAGE_TYPE_CEPH);
    assert_string_equal(a->usage_id, "c");
    assert_string_equal(secret_usage_type_to_string(VIR_SECRET_USAGE_TYPE_VTPM), "vtpm");
    assert_int_equal(secret_usage_type_from_string("iscsi"), VIR_SECRET_USAGE_TYPE_ISCSI);
    xml = secret_def_format(a, 0);
    again = secret_def_parse_string(xml, 0);
    assert_memory_equal(again->uuid, a->uuid, 16);
    assert_null(secret_def_parse_string(NULL, 0));
    assert_int_equal(err_last_code(), VIR_ERR_XML_DETAIL);
}

static void
test_network_loaded_config_stays(void **state)
{
    /* A config that breaks a rule still loads from disk (SKIP_VALIDATE) and the
     * rule reports when checked: nothing vanishes at load time. */
    const char *xml = "<network><name>n</name><forward mode='nat'/></network>";
    g_autoptr(NetDef) def = NULL;

    assert_null(net_def_parse_string(xml, 0));
    assert_int_equal(err_last_code(), VIR_ERR_XML_ERROR);
    def = net_def_parse_string(xml, XMLMAP_PARSE_SKIP_VALIDATE);
    assert_non_null(def);
    assert_int_equal(def->forward.mode, NET_FORWARD_NAT);
    err_reset_last();
    assert_int_equal(xmlmap_validate(&net_def_schema, def, 0), -1);
    assert_non_null(strstr(err_last_message(), "no IP address"));
}

static void
test_network_vlan_rule(void **state)
{
    /* a driver rule, not an XML one: the parse accepts what it refuses */
    g_autoptr(NetDef) isolated = net_def_parse_string(
        "<network><name>n</name><vlan><tag id='42'/></vlan></network>", 0);
    g_autoptr(NetDef) pg = net_def_parse_string(
        "<network><name>p</name><forward mode='bridge'/><bridge name='br0'/>"
        "<portgroup name='g'><vlan><tag id='7'/></vlan></portgroup></network>", 0);
    g_autoptr(NetDef) ovs = net_def_parse_string(
        "<network><name>o</name><forward mode='bridge'/><bridge name='br0'/>"
        "<virtualport type='openvswitch'/><vlan><tag id='42'/></vlan></network>", 0);
    g_autoptr(NetDef) hostdev = net_def_parse_string(
        "<network><name>h</name><forward mode='hostdev'><pf dev='eth3'/></forward>"
        "<vlan><tag id='42'/></vlan></network>", 0);

    assert_non_null(isolated);
    assert_non_null(pg);
    assert_non_null(ovs);
    assert_non_null(hostdev);
    err_reset_last();
    assert_int_equal(net_def_validate_vlans(isolated), -1);
    assert_int_equal(err_last_code(), VIR_ERR_CONFIG_UNSUPPORTED);
    assert_non_null(strstr(err_last_message(), "network 'n'"));
    assert_int_equal(net_def_validate_vlans(pg), -1);
    assert_non_null(strstr(err_last_message(), "network 'p'"));
    assert_int_equal(net_def_validate_vlans(ovs), 0);
    assert_int_equal(net_def_validate_vlans(hostdev), 0);
}

static void
test_network_flags_and_copy(void **state)
{
    const char *xml =
        "<network connections='2'><name>n</name>"
        "<uuid>11111111-2222-3333-4444-555555555555</uuid>"
        "<forward mode='bridge'><interface dev='eth0' connections='2'/></forward>"
        "<portgroup name='a' default='yes'/><portgroup name='b'/></network>";
    g_autoptr(NetDef) def = net_def_parse_string(xml, 0);
    g_autoptr(NetDef) inactive_def = net_def_parse_string(xml, XMLMAP_PARSE_INACTIVE);
    g_autofree char *live = NULL;
    g_autofree char *inactive = NULL;
    g_autofree char *copied = NULL;
    NetDef *copy;

    assert_non_null(def);
    assert_int_equal(def->connections, 2);
    assert_int_equal(inactive_def->connections, 0);
    live = net_def_format(def, 0);
    inactive = net_def_format(def, XMLMAP_FORMAT_INACTIVE);
    assert_non_null(strstr(live, "connections='2'"));
    assert_null(strstr(inactive, "connections="));
    assert_string_equal(def->forward.dev, "eth0");
    assert_string_equal(net_def_find_portgroup(def, NULL)->name, "a");
    assert_string_equal(net_def_find_portgroup(def, "b")->name, "b");
    assert_null(net_def_find_portgroup(def, "c"));
    copy = xmlmap_copy(&net_def_schema, def);
    assert_non_null(copy);
    copied = net_def_format(copy, 0);
    assert_string_equal(copied, live);
    net_def_free(copy);
}

static void
test_network_ip_prefix(void **state)
{
    g_autoptr(NetDef) def = net_def_parse_string(
        "<network><name>n</name><ip address='10.1.2.3'/><ip address='172.16.0.1' "
        "netmask='255.255.240.0'/><ip address='192.168.1.1'/><ip family='ipv6' "
        "address='fd00::1'/></network>", 0);

    assert_non_null(def);
    assert_int_equal(net_ip_prefix(&def->ips[0]), 8);
    assert_int_equal(net_ip_prefix(&def->ips[1]), 20);
    assert_int_equal(net_ip_prefix(&def->ips[2]), 24);
    assert_int_equal(net_ip_prefix(&def->ips[3]), 64);
}

static void
test_volume_pool_types(void **state)
{
    const char *xml = "<volume><name>v</name><capacity>1024</capacity></volume>";
    g_autoptr(VolDef) dir = vol_def_parse_string(xml, POOL_DIR, 0);
    g_autoptr(VolDef) disk = vol_def_parse_string(xml, POOL_DISK, 0);
    g_autoptr(VolDef) lvm = vol_def_parse_string(xml, POOL_LOGICAL, 0);
    g_autofree char *lvm_xml = NULL;
    g_autofree char *disk_xml = NULL;

    assert_string_equal(dir->target.format, "raw");
    assert_string_equal(disk->target.format, "none");
    assert_null(lvm->target.format);
    lvm_xml = vol_def_format(lvm, 0);
    assert_null(strstr(lvm_xml, "<format"));
    disk_xml = vol_def_format(disk, 0);
    assert_non_null(strstr(disk_xml, "<format type='none'/>"));
    /* formats are checked against the pool's list */
    assert_null(vol_def_parse_string(
        "<volume><name>v</name><capacity>1</capacity><target><format type='qcow2'/>"
        "</target></volume>", POOL_DISK, 0));
    assert_int_equal(err_last_code(), VIR_ERR_CONFIG_UNSUPPORTED);
    /* capacity may be optional for the caller */
    assert_null(vol_def_parse_string("<volume><name>v</name></volume>", POOL_DIR, 0));
    {
        g_autoptr(VolDef) nocap = vol_def_parse_string("<volume><name>v</name></volume>",
                                                       POOL_DIR, VOL_PARSE_NO_CAPACITY);

        assert_non_null(nocap);
    }
}

static void
test_pool_source_type(void **state)
{
    g_autoptr(PoolDef) pool = pool_def_parse_string(
        "<pool type='netfs'><name>p</name><source><host name='h'/><dir path='/x/'/>"
        "</source><target><path>/mnt//p/</path></target></pool>", 0);
    g_autofree char *clean = storage_path_sanitize("//a///b/");

    assert_non_null(pool);
    assert_int_equal(pool->source.pool_type, POOL_NETFS);
    assert_string_equal(pool->source.format, "auto");
    assert_string_equal(pool->source.dir, "/x");
    assert_string_equal(pool->target_path, "/mnt/p");
    assert_string_equal(clean, "/a/b");
    assert_true(pool_name_in(pool_type_info(POOL_FS)->formats, "xfs"));
    assert_false(pool_name_in(pool_type_info(POOL_DIR)->formats, "xfs"));
    assert_null(pool_type_info(POOL_LAST));
}

static void
test_nodedev_lookup(void **state)
{
    g_autoptr(NodeDevDef) dev = nodedev_def_parse_string(
        "<device><name>d</name><capability type='net'><interface>e</interface></capability>"
        "<capability type='drm'><type>control</type></capability></device>", 0);
    NodeDevCap *cap;

    assert_non_null(dev);
    cap = nodedev_def_find_cap(dev, NODEDEV_CAP_DRM);
    assert_non_null(cap);
    assert_int_equal(cap->u.drm_type, NODEDEV_DRM_CONTROL);
    assert_string_equal(nodedev_def_find_cap(dev, NODEDEV_CAP_NET)->u.net.ifname, "e");
    assert_null(nodedev_def_find_cap(dev, NODEDEV_CAP_PCI));
}

static void
test_port_and_caps_api(void **state)
{
    g_autoptr(NetPortDef) port = net_port_def_parse_string(
        "<networkport><uuid>6e7f8091-a2b3-4c4d-9e5f-6a7b8c9d0e01</uuid><owner><name>g</name>"
        "<uuid>7f8091a2-b3c4-4d5e-8f6a-7b8c9d0e1f01</uuid></owner>"
        "<mac address='52:54:00:00:00:09'/><plug type='bridge' bridge='br0'/></networkport>", 0);
    g_autoptr(CapsDef) caps = caps_def_parse_string(
        "<capabilities><host><cpu><arch>x86_64</arch></cpu></host></capabilities>", 0);
    g_autofree char *out = NULL;

    assert_non_null(port);
    assert_int_equal(port->plug_type, NET_PORT_PLUG_BRIDGE);
    assert_string_equal(port->plug_bridge, "br0");
    assert_int_equal(port->mac[5], 9);
    assert_non_null(caps);
    caps->host.iommu = true;
    out = caps_def_format(caps, 0);
    assert_non_null(strstr(out, "<iommu support='yes'/>"));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_secret_api),
        cmocka_unit_test(test_network_loaded_config_stays),
        cmocka_unit_test(test_network_vlan_rule),
        cmocka_unit_test(test_network_flags_and_copy),
        cmocka_unit_test(test_network_ip_prefix),
        cmocka_unit_test(test_volume_pool_types),
        cmocka_unit_test(test_pool_source_type),
        cmocka_unit_test(test_nodedev_lookup),
        cmocka_unit_test(test_port_and_caps_api),
    };

    return cmocka_run_group_tests_name("conf-models", tests, NULL, NULL);
}
