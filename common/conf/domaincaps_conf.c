/* common/conf/domaincaps_conf.c: tables for libvirt's <domainCapabilities>
 * XML. One "block" table (supported= plus <enum>s) serves every device and
 * feature element; the element name is the only difference between them. */
#include "config.h"

#define ERR_DOMAIN VIR_FROM_CAPABILITIES
#include "common/util/err.h"
#include "common/conf/domaincaps_conf.h"

static const XmlField enum_fields[] = {
    XML_ATTR(DomCapsEnum, name, "name", string, XF_REQUIRED),
    XML_LIST(DomCapsEnum, values, nvalues, "value", string, 0),
    XML_END
};
static XML_SCHEMA(enum, DomCapsEnum, "enum", enum_fields);

static const XmlField block_fields[] = {
    XML_ATTR(DomCapsBlock, supported, "supported", yesno, 0),
    XML_LIST(DomCapsBlock, values, nvalues, "value", string, 0),
    XML_CHILDREN(DomCapsBlock, enums, nenums, &enum_schema, 0),
    XML_END
};

#define BLOCK_SCHEMA(var, elem) \
    static XML_SCHEMA(var, DomCapsBlock, elem, block_fields)

/* a block member of struct T, written only when present */
#define BLOCK(T, m, sch) XML_EMBED(T, m, sch, 0, XML_HAS(T, m.present))

BLOCK_SCHEMA(b_iothreads, "iothreads");
BLOCK_SCHEMA(b_memory_backing, "memoryBacking");
BLOCK_SCHEMA(b_disk, "disk");
BLOCK_SCHEMA(b_graphics, "graphics");
BLOCK_SCHEMA(b_video, "video");
BLOCK_SCHEMA(b_hostdev, "hostdev");
BLOCK_SCHEMA(b_rng, "rng");
BLOCK_SCHEMA(b_filesystem, "filesystem");
BLOCK_SCHEMA(b_tpm, "tpm");
BLOCK_SCHEMA(b_redirdev, "redirdev");
BLOCK_SCHEMA(b_channel, "channel");
BLOCK_SCHEMA(b_crypto, "crypto");
BLOCK_SCHEMA(b_gic, "gic");
BLOCK_SCHEMA(b_vmcoreinfo, "vmcoreinfo");
BLOCK_SCHEMA(b_genid, "genid");
BLOCK_SCHEMA(b_backing_store_input, "backingStoreInput");
BLOCK_SCHEMA(b_backup, "backup");
BLOCK_SCHEMA(b_async_teardown, "async-teardown");
BLOCK_SCHEMA(b_s390_pv, "s390-pv");
BLOCK_SCHEMA(b_hyperv, "hyperv");
BLOCK_SCHEMA(b_mode, "mode");
BLOCK_SCHEMA(b_loader, "loader");

/* ---- <os> --------------------------------------------------------------- */

static const XmlField os_fields[] = {
    XML_ATTR(DomCapsDef, os.supported, "supported", yesno, 0),
    XML_CHILDREN(DomCapsDef, os.enums, os.nenums, &enum_schema, 0),
    BLOCK(DomCapsDef, loader, &b_loader_schema),
    XML_END
};
static XML_SCHEMA(os, DomCapsDef, "os", os_fields);

/* ---- <cpu> --------------------------------------------------------------- */

static const XmlField hm_model_fields[] = {
    XML_ATTR(DomCapsCpu, hm_fallback, "fallback", string, 0),
    XML_TEXT(DomCapsCpu, hm_model, NULL, string, 0),
    XML_END
};
static XML_SCHEMA(hm_model, DomCapsCpu, "model", hm_model_fields);

static const XmlField cpu_feature_fields[] = {
    XML_ATTR(DomCapsCpuFeature, policy, "policy", string, 0),
    XML_ATTR(DomCapsCpuFeature, name, "name", string, XF_REQUIRED),
    XML_END
};
static XML_SCHEMA(cpu_feature, DomCapsCpuFeature, "feature", cpu_feature_fields);

static const XmlField host_model_fields[] = {
    XML_ATTR(DomCapsCpu, hm_supported, "supported", yesno, 0),
    XML_GROUP(&hm_model_schema, 0),
    XML_TEXT(DomCapsCpu, hm_vendor, "vendor", string, 0),
    XML_CHILDREN(DomCapsCpu, hm_features, nhm_features, &cpu_feature_schema, 0),
    XML_END
};
static XML_SCHEMA(host_model, DomCapsCpu, "mode", host_model_fields);

static const XmlField cpu_model_fields[] = {
    XML_ATTR(DomCapsCpuModel, usable, "usable", string, 0),
    XML_ATTR(DomCapsCpuModel, deprecated, "deprecated", yesno, XF_OMIT_DEFAULT),
    XML_ATTR(DomCapsCpuModel, vendor, "vendor", string, 0),
    XML_TEXT(DomCapsCpuModel, name, NULL, string, XF_REQUIRED),
    XML_END
};
static XML_SCHEMA(cpu_model, DomCapsCpuModel, "model", cpu_model_fields);

static const XmlField custom_fields[] = {
    XML_ATTR(DomCapsCpu, custom_supported, "supported", yesno, 0),
    XML_CHILDREN(DomCapsCpu, models, nmodels, &cpu_model_schema, 0),
    XML_END
};
static XML_SCHEMA(custom, DomCapsCpu, "mode", custom_fields);

/* libvirt always lists the four CPU modes (supported='no' when absent). */
static const XmlField cpu_fields[] = {
    XML_EMBED(DomCapsCpu, host_passthrough, &b_mode_schema, XF_KEEP_EMPTY,
              XML_KEY("name", "host-passthrough")),
    XML_EMBED(DomCapsCpu, maximum, &b_mode_schema, XF_KEEP_EMPTY, XML_KEY("name", "maximum")),
    XML_GROUP(&host_model_schema, XF_KEEP_EMPTY, XML_KEY("name", "host-model")),
    XML_GROUP(&custom_schema, XF_KEEP_EMPTY, XML_KEY("name", "custom")),
    XML_END
};
static XML_SCHEMA(cpu, DomCapsCpu, "cpu", cpu_fields, .flags = XS_NO_SELF_CLOSE);

/* ---- <devices> and <features> ----------------------------------------------- */

static const XmlField devices_fields[] = {
    BLOCK(DomCapsDef, disk, &b_disk_schema),
    BLOCK(DomCapsDef, graphics, &b_graphics_schema),
    BLOCK(DomCapsDef, video, &b_video_schema),
    BLOCK(DomCapsDef, hostdev, &b_hostdev_schema),
    BLOCK(DomCapsDef, rng, &b_rng_schema),
    BLOCK(DomCapsDef, filesystem, &b_filesystem_schema),
    BLOCK(DomCapsDef, tpm, &b_tpm_schema),
    BLOCK(DomCapsDef, redirdev, &b_redirdev_schema),
    BLOCK(DomCapsDef, channel, &b_channel_schema),
    BLOCK(DomCapsDef, crypto, &b_crypto_schema),
    XML_END
};
static XML_SCHEMA(devices, DomCapsDef, "devices", devices_fields,
                  .flags = XS_NO_SELF_CLOSE);

/* Unsupported SEV/SGX are written as a bare supported='no'. */
static bool
omit_unless_sev(const void *obj, unsigned int flags)
{
    return !((const DomCapsSev *) obj)->supported;
}

static bool
omit_unless_sgx(const void *obj, unsigned int flags)
{
    return !((const DomCapsSgx *) obj)->supported;
}

static const XmlField sev_fields[] = {
    XML_ATTR(DomCapsSev, supported, "supported", yesno, 0),
    XML_TEXT(DomCapsSev, cbitpos, "cbitpos", uint, 0, XML_OMIT_IF(omit_unless_sev)),
    XML_TEXT(DomCapsSev, reduced_phys_bits, "reducedPhysBits", uint, 0,
             XML_OMIT_IF(omit_unless_sev)),
    XML_TEXT(DomCapsSev, max_guests, "maxGuests", uint, 0, XML_OMIT_IF(omit_unless_sev)),
    XML_TEXT(DomCapsSev, max_es_guests, "maxESGuests", uint, 0,
             XML_OMIT_IF(omit_unless_sev)),
    XML_END
};
static XML_SCHEMA(sev, DomCapsSev, "sev", sev_fields);

static const XmlField sgx_section_fields[] = {
    XML_ATTR(DomCapsSgxSection, node, "node", uint, 0),
    XML_ATTR(DomCapsSgxSection, size, "size", scaled, 0, .scale = 1024, .unit = "KiB"),
    XML_END
};
static XML_SCHEMA(sgx_section, DomCapsSgxSection, "section", sgx_section_fields);

static const XmlField sgx_sections_fields[] = {
    XML_CHILDREN(DomCapsSgx, sections, nsections, &sgx_section_schema, 0),
    XML_END
};
static XML_SCHEMA(sgx_sections, DomCapsSgx, "sections", sgx_sections_fields);

static const XmlField sgx_fields[] = {
    XML_ATTR(DomCapsSgx, supported, "supported", yesno, 0),
    XML_TEXT(DomCapsSgx, flc, "flc", yesno, 0, XML_OMIT_IF(omit_unless_sgx)),
    XML_TEXT(DomCapsSgx, sgx1, "sgx1", yesno, 0, XML_OMIT_IF(omit_unless_sgx)),
    XML_TEXT(DomCapsSgx, sgx2, "sgx2", yesno, 0, XML_OMIT_IF(omit_unless_sgx)),
    XML_TEXT(DomCapsSgx, section_size, "section_size", scaled, 0, .scale = 1024,
             .unit = "KiB", XML_OMIT_IF(omit_unless_sgx)),
    XML_GROUP(&sgx_sections_schema, 0, XML_HAS(DomCapsSgx, has_sections)),
    XML_END
};
static XML_SCHEMA(sgx, DomCapsSgx, "sgx", sgx_fields);

static const XmlField features_fields[] = {
    BLOCK(DomCapsDef, gic, &b_gic_schema),
    BLOCK(DomCapsDef, vmcoreinfo, &b_vmcoreinfo_schema),
    BLOCK(DomCapsDef, genid, &b_genid_schema),
    BLOCK(DomCapsDef, backing_store_input, &b_backing_store_input_schema),
    BLOCK(DomCapsDef, backup, &b_backup_schema),
    BLOCK(DomCapsDef, async_teardown, &b_async_teardown_schema),
    BLOCK(DomCapsDef, s390_pv, &b_s390_pv_schema),
    XML_EMBED(DomCapsDef, sev, &sev_schema, 0, XML_HAS(DomCapsDef, sev.present)),
    XML_EMBED(DomCapsDef, sgx, &sgx_schema, 0, XML_HAS(DomCapsDef, sgx.present)),
    BLOCK(DomCapsDef, hyperv, &b_hyperv_schema),
    XML_END
};
static XML_SCHEMA(features, DomCapsDef, "features", features_fields,
                  .flags = XS_NO_SELF_CLOSE);

/* ---- <domainCapabilities> ---------------------------------------------------------- */

static const XmlField vcpu_fields[] = {
    XML_ATTR(DomCapsDef, vcpu_max, "max", uint, 0),
    XML_END
};
static XML_SCHEMA(vcpu, DomCapsDef, "vcpu", vcpu_fields);

static const XmlField domcaps_fields[] = {
    XML_TEXT(DomCapsDef, path, "path", string, 0),
    XML_TEXT(DomCapsDef, domain, "domain", string, 0),
    XML_TEXT(DomCapsDef, machine, "machine", string, 0),
    XML_TEXT(DomCapsDef, arch, "arch", string, 0),
    XML_GROUP(&vcpu_schema, 0, XML_HAS(DomCapsDef, has_vcpu)),
    BLOCK(DomCapsDef, iothreads, &b_iothreads_schema),
    XML_GROUP(&os_schema, 0, XML_HAS(DomCapsDef, os.present)),
    XML_EMBED(DomCapsDef, cpu, &cpu_schema, XF_KEEP_EMPTY),
    BLOCK(DomCapsDef, memory_backing, &b_memory_backing_schema),
    XML_GROUP(&devices_schema, XF_KEEP_EMPTY),
    XML_GROUP(&features_schema, XF_KEEP_EMPTY),
    XML_END
};

XML_SCHEMA(domcaps_def, DomCapsDef, "domainCapabilities", domcaps_fields,
           .domain = VIR_FROM_CAPABILITIES, .doc_label = "(domain_capabilities)");

/**
 * domcaps_def_parse_string() - parse domain capabilities XML
 * @xml: document text
 * @flags: XMLMAP_PARSE_*
 *
 * Return: the capabilities, or NULL with an error reported.
 */
DomCapsDef *
domcaps_def_parse_string(const char *xml, unsigned int flags)
{
    void *def = NULL;

    if (xmlmap_parse_string(&domcaps_def_schema, xml, &def, flags) < 0)
        return NULL;
    return def;
}

/**
 * domcaps_def_format() - format domain capabilities
 * @def: capabilities
 * @flags: XMLMAP_FORMAT_*
 *
 * Return: the XML text (caller frees).
 */
char *
domcaps_def_format(const DomCapsDef *def, unsigned int flags)
{
    return xmlmap_format(&domcaps_def_schema, def, flags);
}

/**
 * domcaps_def_free() - free domain capabilities
 * @def: capabilities, may be NULL
 */
void
domcaps_def_free(DomCapsDef *def)
{
    xmlmap_free(&domcaps_def_schema, def);
}
