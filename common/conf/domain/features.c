/* common/conf/domain/features.c: table for <features>. Most features are a
 * flag element or an element with state='on|off'; libvirt prints them in a
 * fixed order (the order of the table below) and spells a bare <hap/> as
 * <hap state='on'/>. Hyper-V, KVM, Xen and container capabilities have
 * their own sub-tables. */
#include "config.h"

#include <string.h>

#define ERR_DOMAIN VIR_FROM_DOMAIN
#include "common/util/err.h"
#include "common/util/parse.h"
#include "common/conf/domain/general.h"

ENUM_STRINGS_STATIC(hyperv_mode, DOMAIN_HYPERV_MODE_LAST, "custom", "passthrough");
ENUM_STRINGS_STATIC(caps_policy, DOMAIN_CAPS_POLICY_LAST, "default", "allow", "deny");
ENUM_STRINGS(domain_gic_version, DOMAIN_GIC_LAST, "", "host", "2", "3");
ENUM_STRINGS_STATIC(ioapic_driver, DOMAIN_IOAPIC_LAST, "", "qemu", "kvm");
ENUM_STRINGS_STATIC(hpt_resizing, DOMAIN_HPT_LAST, "", "enabled", "disabled", "required");
ENUM_STRINGS_STATIC(msrs_unknown, 3, "", "ignore", "fault");
ENUM_STRINGS_STATIC(cfpc_value, 4, "", "broken", "workaround", "fixed");
ENUM_STRINGS_STATIC(ibs_value, 6, "", "broken", "workaround", "fixed-ibs", "fixed-ccd", "fixed-na");

/* ---- on/off feature elements --------------------------------------------- */

/* Present without state= means on. */
static void
switch_default_on(void *obj)
{
    DomainFeatureSwitch *s = obj;

    if (s->state == XML_TRISTATE_ABSENT)
        s->state = XML_TRISTATE_YES;
}

static const XmlField switch_fields[] = {
    XML_ATTR(DomainFeatureSwitch, state, "state", switch, 0),
    XML_END
};
static const XmlField switch_required_fields[] = {
    XML_ATTR(DomainFeatureSwitch, state, "state", switch, XF_REQUIRED),
    XML_END
};

/* <elem state='on|off'/> with state optional (defaults to on). */
#define SWITCH_SCHEMA(var, elem) \
    static XML_SCHEMA(var, DomainFeatureSwitch, elem, switch_fields, \
                      .post_parse = switch_default_on)
/* <elem state='on|off'/> with state required (Hyper-V, KVM, Xen, caps). */
#define STATE_SCHEMA(var, elem) \
    static XML_SCHEMA(var, DomainFeatureSwitch, elem, switch_required_fields)

SWITCH_SCHEMA(hap, "hap");
SWITCH_SCHEMA(pvspinlock, "pvspinlock");
SWITCH_SCHEMA(pmu, "pmu");
SWITCH_SCHEMA(vmport, "vmport");
SWITCH_SCHEMA(vmcoreinfo, "vmcoreinfo");
STATE_SCHEMA(htm, "htm");
STATE_SCHEMA(nested_hv, "nested-hv");
STATE_SCHEMA(ccf_assist, "ccf-assist");

/* ---- Hyper-V ---------------------------------------------------------------- */

STATE_SCHEMA(hv_relaxed, "relaxed");
STATE_SCHEMA(hv_vapic, "vapic");
STATE_SCHEMA(hv_vpindex, "vpindex");
STATE_SCHEMA(hv_runtime, "runtime");
STATE_SCHEMA(hv_synic, "synic");
STATE_SCHEMA(hv_direct, "direct");
STATE_SCHEMA(hv_reset, "reset");
STATE_SCHEMA(hv_frequencies, "frequencies");
STATE_SCHEMA(hv_reenlightenment, "reenlightenment");
STATE_SCHEMA(hv_tlbflush, "tlbflush");
STATE_SCHEMA(hv_ipi, "ipi");
STATE_SCHEMA(hv_evmcs, "evmcs");
STATE_SCHEMA(hv_avic, "avic");

static const XmlField hv_spinlocks_fields[] = {
    XML_ATTR(DomainHvSpinlocks, state, "state", switch, XF_REQUIRED),
    XML_ATTR(DomainHvSpinlocks, retries, "retries", uint, 0,
             XML_HAS(DomainHvSpinlocks, has_retries)),
    XML_END
};

static int
hv_spinlocks_validate(XmlCtx *ctx, const void *obj)
{
    const DomainHvSpinlocks *s = obj;

    if (s->state != XML_TRISTATE_YES)
        return 0;
    if (!s->has_retries) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "missing required attribute 'retries' in element '%s'",
                      xmlmap_ctx_path(ctx));
        return -1;
    }
    if (s->retries < 4095) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "invalid value '%u' for attribute 'retries' of element '%s': "
                      "expected at least 4095", s->retries, xmlmap_ctx_path(ctx));
        return -1;
    }
    return 0;
}

static XML_SCHEMA(hv_spinlocks, DomainHvSpinlocks, "spinlocks", hv_spinlocks_fields,
                  .validate = hv_spinlocks_validate);

static const XmlField hv_stimer_fields[] = {
    XML_ATTR(DomainHvStimer, state, "state", switch, XF_REQUIRED),
    XML_EMBED(DomainHvStimer, direct, &hv_direct_schema, 0),
    XML_END
};
static XML_SCHEMA(hv_stimer, DomainHvStimer, "stimer", hv_stimer_fields);

static const XmlField hv_vendor_id_fields[] = {
    XML_ATTR(DomainHvVendorId, state, "state", switch, XF_REQUIRED),
    XML_ATTR(DomainHvVendorId, value, "value", string, 0),
    XML_END
};

static int
hv_vendor_id_validate(XmlCtx *ctx, const void *obj)
{
    const DomainHvVendorId *v = obj;

    if (v->state != XML_TRISTATE_YES)
        return 0;
    if (!v->value) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "missing required attribute 'value' in element '%s'",
                      xmlmap_ctx_path(ctx));
        return -1;
    }
    if (strlen(v->value) > 12 || strchr(v->value, ',')) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "invalid value '%s' for attribute 'value' of element '%s': expected "
                      "at most 12 characters and no comma", v->value, xmlmap_ctx_path(ctx));
        return -1;
    }
    return 0;
}

static XML_SCHEMA(hv_vendor_id, DomainHvVendorId, "vendor_id", hv_vendor_id_fields,
                  .validate = hv_vendor_id_validate);

static const XmlField hyperv_fields[] = {
    XML_ATTR_ENUM(DomainHyperv, mode, "mode", hyperv_mode, 0,
                  .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_EMBED(DomainHyperv, relaxed, &hv_relaxed_schema, 0),
    XML_EMBED(DomainHyperv, vapic, &hv_vapic_schema, 0),
    XML_EMBED(DomainHyperv, spinlocks, &hv_spinlocks_schema, 0),
    XML_EMBED(DomainHyperv, vpindex, &hv_vpindex_schema, 0),
    XML_EMBED(DomainHyperv, runtime, &hv_runtime_schema, 0),
    XML_EMBED(DomainHyperv, synic, &hv_synic_schema, 0),
    XML_EMBED(DomainHyperv, stimer, &hv_stimer_schema, 0),
    XML_EMBED(DomainHyperv, reset, &hv_reset_schema, 0),
    XML_EMBED(DomainHyperv, vendor_id, &hv_vendor_id_schema, 0),
    XML_EMBED(DomainHyperv, frequencies, &hv_frequencies_schema, 0),
    XML_EMBED(DomainHyperv, reenlightenment, &hv_reenlightenment_schema, 0),
    XML_EMBED(DomainHyperv, tlbflush, &hv_tlbflush_schema, 0),
    XML_EMBED(DomainHyperv, ipi, &hv_ipi_schema, 0),
    XML_EMBED(DomainHyperv, evmcs, &hv_evmcs_schema, 0),
    XML_EMBED(DomainHyperv, avic, &hv_avic_schema, 0),
    XML_END
};
/* libvirt writes <hyperv mode='custom'> with a closing tag even when empty. */
static XML_SCHEMA(hyperv, DomainHyperv, "hyperv", hyperv_fields, .flags = XS_NO_SELF_CLOSE);

/* ---- KVM and Xen ------------------------------------------------------------ */

STATE_SCHEMA(kvm_hidden, "hidden");
STATE_SCHEMA(kvm_hint_dedicated, "hint-dedicated");
STATE_SCHEMA(kvm_poll_control, "poll-control");
STATE_SCHEMA(kvm_pv_ipi, "pv-ipi");

static const XmlField kvm_dirty_ring_fields[] = {
    XML_ATTR(DomainKvmDirtyRing, state, "state", switch, XF_REQUIRED),
    XML_ATTR(DomainKvmDirtyRing, size, "size", uint, XF_OMIT_DEFAULT),
    XML_END
};

/* The ring holds a power-of-two number of entries between 1024 and 65536. */
static int
kvm_dirty_ring_validate(XmlCtx *ctx, const void *obj)
{
    const DomainKvmDirtyRing *d = obj;

    if (d->state != XML_TRISTATE_YES || d->size == 0)
        return 0;
    if (d->size < 1024 || d->size > 65536 || (d->size & (d->size - 1))) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "invalid value '%u' for attribute 'size' of element '%s': expected "
                      "a power of 2 between 1024 and 65536", d->size, xmlmap_ctx_path(ctx));
        return -1;
    }
    return 0;
}

static XML_SCHEMA(kvm_dirty_ring, DomainKvmDirtyRing, "dirty-ring", kvm_dirty_ring_fields,
                  .validate = kvm_dirty_ring_validate);

static const XmlField kvm_fields[] = {
    XML_EMBED(DomainKvmFeatures, hidden, &kvm_hidden_schema, 0),
    XML_EMBED(DomainKvmFeatures, hint_dedicated, &kvm_hint_dedicated_schema, 0),
    XML_EMBED(DomainKvmFeatures, poll_control, &kvm_poll_control_schema, 0),
    XML_EMBED(DomainKvmFeatures, pv_ipi, &kvm_pv_ipi_schema, 0),
    XML_EMBED(DomainKvmFeatures, dirty_ring, &kvm_dirty_ring_schema, 0),
    XML_END
};
static XML_SCHEMA(kvm, DomainKvmFeatures, "kvm", kvm_fields, .flags = XS_NO_SELF_CLOSE);

STATE_SCHEMA(xen_e820_host, "e820_host");

static const XmlField xen_passthrough_fields[] = {
    XML_ATTR(DomainXenPassthrough, state, "state", switch, XF_REQUIRED),
    XML_ATTR(DomainXenPassthrough, mode, "mode", string, 0),
    XML_END
};

static int
xen_passthrough_validate(XmlCtx *ctx, const void *obj)
{
    const DomainXenPassthrough *p = obj;

    if (p->mode && !g_str_equal(p->mode, "sync_pt") && !g_str_equal(p->mode, "share_pt")) {
        xmlmap_report(ctx, VIR_ERR_CONFIG_UNSUPPORTED,
                      "invalid value '%s' for attribute 'mode' of element '%s': expected "
                      "one of 'sync_pt', 'share_pt'", p->mode, xmlmap_ctx_path(ctx));
        return -1;
    }
    return 0;
}

static XML_SCHEMA(xen_passthrough, DomainXenPassthrough, "passthrough",
                  xen_passthrough_fields, .validate = xen_passthrough_validate);

static const XmlField xen_fields[] = {
    XML_EMBED(DomainXenFeatures, e820_host, &xen_e820_host_schema, 0),
    XML_EMBED(DomainXenFeatures, passthrough, &xen_passthrough_schema, 0),
    XML_END
};
static XML_SCHEMA(xen, DomainXenFeatures, "xen", xen_fields, .flags = XS_NO_SELF_CLOSE);

/* ---- container capabilities --------------------------------------------------- */

#define CAP(i, elem) \
    STATE_SCHEMA(cap##i, elem)
CAP(0, "audit_control"); CAP(1, "audit_write"); CAP(2, "block_suspend"); CAP(3, "chown");
CAP(4, "dac_override"); CAP(5, "dac_read_search"); CAP(6, "fowner"); CAP(7, "fsetid");
CAP(8, "ipc_lock"); CAP(9, "ipc_owner"); CAP(10, "kill"); CAP(11, "lease");
CAP(12, "linux_immutable"); CAP(13, "mac_admin"); CAP(14, "mac_override");
CAP(15, "mknod"); CAP(16, "net_admin"); CAP(17, "net_bind_service");
CAP(18, "net_broadcast"); CAP(19, "net_raw"); CAP(20, "setgid"); CAP(21, "setfcap");
CAP(22, "setpcap"); CAP(23, "setuid"); CAP(24, "sys_admin"); CAP(25, "sys_boot");
CAP(26, "sys_chroot"); CAP(27, "sys_module"); CAP(28, "sys_nice"); CAP(29, "sys_pacct");
CAP(30, "sys_ptrace"); CAP(31, "sys_rawio"); CAP(32, "sys_resource"); CAP(33, "sys_time");
CAP(34, "sys_tty_config"); CAP(35, "syslog"); CAP(36, "wake_alarm");

#define CAP_FIELD(i) XML_EMBED(DomainCapabilities, caps[i], &cap##i##_schema, 0)

static const XmlField capabilities_fields[] = {
    XML_ATTR_ENUM(DomainCapabilities, policy, "policy", caps_policy, 0,
                  .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    CAP_FIELD(0), CAP_FIELD(1), CAP_FIELD(2), CAP_FIELD(3), CAP_FIELD(4), CAP_FIELD(5),
    CAP_FIELD(6), CAP_FIELD(7), CAP_FIELD(8), CAP_FIELD(9), CAP_FIELD(10), CAP_FIELD(11),
    CAP_FIELD(12), CAP_FIELD(13), CAP_FIELD(14), CAP_FIELD(15), CAP_FIELD(16),
    CAP_FIELD(17), CAP_FIELD(18), CAP_FIELD(19), CAP_FIELD(20), CAP_FIELD(21),
    CAP_FIELD(22), CAP_FIELD(23), CAP_FIELD(24), CAP_FIELD(25), CAP_FIELD(26),
    CAP_FIELD(27), CAP_FIELD(28), CAP_FIELD(29), CAP_FIELD(30), CAP_FIELD(31),
    CAP_FIELD(32), CAP_FIELD(33), CAP_FIELD(34), CAP_FIELD(35), CAP_FIELD(36),
    XML_END
};
G_STATIC_ASSERT(DOMAIN_CAPS_FEATURE_COUNT == 37);
static XML_SCHEMA(capabilities, DomainCapabilities, "capabilities", capabilities_fields);

/* ---- the rest ------------------------------------------------------------------ */

static const XmlField apic_fields[] = {
    XML_ATTR(DomainApic, eoi, "eoi", switch, 0),
    XML_END
};
static XML_SCHEMA(apic, DomainApic, "apic", apic_fields);

static const XmlField gic_fields[] = {
    XML_ATTR_ENUM(DomainGic, version, "version", domain_gic_version, 0,
                  .min = 1, .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_END
};
static XML_SCHEMA(gic, DomainGic, "gic", gic_fields);

/* <tseg unit='MiB'>48</tseg>: megabytes when unit= is absent; printed in the
 * largest unit that divides it exactly, like libvirt. */
static int
tseg_parse(XmlCtx *ctx, xmlNode *node, void *obj)
{
    DomainSmm *smm = obj;
    g_autofree char *text = NULL;
    g_autofree char *unit = NULL;
    unsigned long long v;
    xmlNode *tseg = NULL;

    for (xmlNode *c = node->children; c && !tseg; c = c->next) {
        if (c->type == XML_ELEMENT_NODE && !c->ns && xmlStrEqual(c->name, BAD_CAST "tseg"))
            tseg = c;
    }
    if (!tseg)
        return 0;
    text = (char *) xmlNodeGetContent(tseg);
    unit = (char *) xmlGetNoNsProp(tseg, BAD_CAST "unit");
    if (!text || parse_ull(text, 10, &v) < 0 ||
        xml_scale_value(v, unit, 1024 * 1024, 1, 0, &smm->tseg_bytes) < 0) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "invalid value '%s' in element '%s/tseg': expected a size with a "
                      "known unit", text ? text : "", xmlmap_ctx_path(ctx));
        return -1;
    }
    smm->has_tseg = true;
    return 1;
}

static void
tseg_format(XmlOut *out, const void *obj)
{
    const DomainSmm *smm = obj;
    const char *unit;
    unsigned long long v;
    g_autofree char *text = NULL;

    if (!smm->has_tseg)
        return;
    v = dom_size_pretty(smm->tseg_bytes, &unit);
    text = g_strdup_printf("%llu", v);
    xmlout_start(out, "tseg");
    xmlout_attr(out, "unit", unit);
    xmlout_text(out, text);
    xmlout_end(out);
}

static const char *const tseg_names[] = { "tseg", NULL };
XML_CUSTOM_DEFINE(tseg_custom,
                  "the unit printed depends on the value (largest exact binary unit), "
                  "which a scaled codec with a fixed output unit cannot express",
                  .parse = tseg_parse, .format_body = tseg_format, .consumes = tseg_names);

static const XmlField smm_fields[] = {
    XML_ATTR(DomainSmm, state, "state", switch, 0),
    XML_CUSTOM(&tseg_custom, 0),
    XML_END
};

static void
smm_post_parse(void *obj)
{
    DomainSmm *smm = obj;

    if (smm->state == XML_TRISTATE_ABSENT)
        smm->state = XML_TRISTATE_YES;
}

static XML_SCHEMA(smm, DomainSmm, "smm", smm_fields, .post_parse = smm_post_parse);

static const XmlField ioapic_fields[] = {
    XML_ATTR_ENUM(DomainFeatures, ioapic, "driver", ioapic_driver, XF_REQUIRED,
                  .min = 1, .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_END
};
static XML_SCHEMA(ioapic, DomainFeatures, "ioapic", ioapic_fields);

static const XmlField hpt_fields[] = {
    XML_ATTR_ENUM(DomainHpt, resizing, "resizing", hpt_resizing, 0,
                  .min = 1, .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_TEXT(DomainHpt, maxpagesize_kib, "maxpagesize", scaled, XF_OMIT_DEFAULT,
             .scale = 1024, .default_scale = 1024, .unit = "KiB"),
    XML_END
};
static XML_SCHEMA(hpt, DomainHpt, "hpt", hpt_fields);

static const XmlField msrs_fields[] = {
    XML_ATTR_ENUM(DomainFeatures, msrs_unknown, "unknown", msrs_unknown, XF_REQUIRED,
                  .min = 1, .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_END
};
static XML_SCHEMA(msrs, DomainFeatures, "msrs", msrs_fields);

#define VALUE_SCHEMA(var, elem, member, prefix) \
    static const XmlField var##_fields[] = { \
        XML_ATTR_ENUM(DomainFeatures, member, "value", prefix, XF_REQUIRED, \
                      .min = 1, .errcode = VIR_ERR_CONFIG_UNSUPPORTED), \
        XML_END \
    }; \
    static XML_SCHEMA(var, DomainFeatures, elem, var##_fields)

VALUE_SCHEMA(cfpc, "cfpc", cfpc, cfpc_value);
VALUE_SCHEMA(sbbc, "sbbc", sbbc, cfpc_value);
VALUE_SCHEMA(ibs, "ibs", ibs, ibs_value);

static const XmlField tcg_fields[] = {
    XML_TEXT(DomainTcg, tb_cache_kib, "tb-cache", scaled, XF_OMIT_DEFAULT,
             .scale = 1024, .default_scale = 1024, .unit = "KiB"),
    XML_END
};
static XML_SCHEMA(tcg, DomainTcg, "tcg", tcg_fields);

static const XmlField features_fields[] = {
    XML_PRESENCE(DomainFeatures, acpi, "acpi", 0),
    XML_CHILD(DomainFeatures, apic, &apic_schema, 0),
    XML_PRESENCE(DomainFeatures, pae, "pae", 0),
    XML_EMBED(DomainFeatures, hap, &hap_schema, 0),
    XML_PRESENCE(DomainFeatures, viridian, "viridian", 0),
    XML_PRESENCE(DomainFeatures, privnet, "privnet", 0),
    XML_CHILD(DomainFeatures, hyperv, &hyperv_schema, 0),
    XML_CHILD(DomainFeatures, kvm, &kvm_schema, 0),
    XML_EMBED(DomainFeatures, pvspinlock, &pvspinlock_schema, 0),
    XML_CHILD(DomainFeatures, capabilities, &capabilities_schema, 0),
    XML_EMBED(DomainFeatures, pmu, &pmu_schema, 0),
    XML_EMBED(DomainFeatures, vmport, &vmport_schema, 0),
    XML_CHILD(DomainFeatures, gic, &gic_schema, 0),
    XML_EMBED(DomainFeatures, smm, &smm_schema, 0),
    XML_GROUP(&ioapic_schema, 0),
    XML_CHILD(DomainFeatures, hpt, &hpt_schema, 0),
    XML_EMBED(DomainFeatures, vmcoreinfo, &vmcoreinfo_schema, 0),
    XML_EMBED(DomainFeatures, htm, &htm_schema, 0),
    XML_EMBED(DomainFeatures, nested_hv, &nested_hv_schema, 0),
    XML_GROUP(&msrs_schema, 0),
    XML_EMBED(DomainFeatures, ccf_assist, &ccf_assist_schema, 0),
    XML_CHILD(DomainFeatures, xen, &xen_schema, 0),
    XML_GROUP(&cfpc_schema, 0),
    XML_GROUP(&sbbc_schema, 0),
    XML_GROUP(&ibs_schema, 0),
    XML_CHILD(DomainFeatures, tcg, &tcg_schema, 0),
    XML_END
};
/* Elements that say nothing are dropped, as libvirt does: a default policy
 * without capabilities, an empty <hpt/> or <tcg/>. */
static void
features_post_parse(void *obj)
{
    DomainFeatures *f = obj;
    bool caps = false;

    for (size_t i = 0; f->capabilities && i < DOMAIN_CAPS_FEATURE_COUNT; i++)
        caps |= f->capabilities->caps[i].state != XML_TRISTATE_ABSENT;
    if (f->capabilities && !caps && f->capabilities->policy == DOMAIN_CAPS_POLICY_DEFAULT)
        g_clear_pointer(&f->capabilities, g_free);
    if (f->hpt && !f->hpt->resizing && !f->hpt->maxpagesize_kib)
        g_clear_pointer(&f->hpt, g_free);
    if (f->tcg && !f->tcg->tb_cache_kib)
        g_clear_pointer(&f->tcg, g_free);
}

XML_SCHEMA(domain_features, DomainFeatures, "features", features_fields,
           .post_parse = features_post_parse);
