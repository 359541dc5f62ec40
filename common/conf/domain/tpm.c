/* common/conf/domain/tpm.c: the <tpm> table: the TPM model the guest sees
 * and its backend (a host TPM, an swtpm emulator, or an external socket). */
#include "config.h"

#define ERR_DOMAIN VIR_FROM_DOMAIN
#include "common/util/err.h"
#include "common/conf/domain/devices.h"

ENUM_STRINGS_STATIC(tpm_model, 5, "default", "tpm-tis", "tpm-crb", "tpm-spapr",
                    "spapr-tpm-proxy");
ENUM_STRINGS_STATIC(tpm_backend, 3, "passthrough", "emulator", "external");
ENUM_STRINGS_STATIC(tpm_version, 3, "default", "1.2", "2.0");

enum { TPM_PASSTHROUGH, TPM_EMULATOR, TPM_EXTERNAL };

static const XmlField tpm_device_fields[] = {
    XML_ATTR(DomainTpm, device_path, "path", string, XF_REQUIRED),
    XML_END
};
static XML_SCHEMA(tpm_device, DomainTpm, "device", tpm_device_fields);

static const XmlField tpm_source_fields[] = {
    XML_ATTR(DomainTpm, source_type, "type", string, XF_REQUIRED),
    XML_ATTR(DomainTpm, source_mode, "mode", string, 0),
    XML_ATTR(DomainTpm, source_path, "path", string, XF_REQUIRED),
    XML_END
};
static XML_SCHEMA(tpm_source, DomainTpm, "source", tpm_source_fields);

static const XmlField tpm_enc_fields[] = {
    XML_ATTR(DomainTpm, secret, "secret", uuid, XF_REQUIRED),
    XML_END
};
static XML_SCHEMA(tpm_enc, DomainTpm, "encryption", tpm_enc_fields);

static const XmlField pcr_fields[] = {
    XML_PRESENCE(DomainTpm, sha1, "sha1", 0),
    XML_PRESENCE(DomainTpm, sha256, "sha256", 0),
    XML_PRESENCE(DomainTpm, sha384, "sha384", 0),
    XML_PRESENCE(DomainTpm, sha512, "sha512", 0),
    XML_END
};
static XML_SCHEMA(pcr, DomainTpm, "active_pcr_banks", pcr_fields);

static const XmlField tpm_pass_fields[] = { XML_GROUP(&tpm_device_schema, 0), XML_END };
static XML_SCHEMA(tpm_pass, DomainTpm, "backend", tpm_pass_fields);

static const XmlField tpm_emu_fields[] = {
    XML_ATTR_ENUM(DomainTpm, version, "version", tpm_version, 0, .min = 1,
                  .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_ATTR(DomainTpm, persistent_state, "persistent_state", tristate, 0),
    XML_GROUP(&tpm_enc_schema, 0),
    XML_GROUP(&pcr_schema, 0),
    XML_END
};
static XML_SCHEMA(tpm_emu, DomainTpm, "backend", tpm_emu_fields);

static const XmlField tpm_ext_fields[] = { XML_GROUP(&tpm_source_schema, XF_REQUIRED), XML_END };
static XML_SCHEMA(tpm_ext, DomainTpm, "backend", tpm_ext_fields);

static const XmlUnionCase tpm_cases[] = {
    XML_CASE_SAME(TPM_PASSTHROUGH, &tpm_pass_schema),
    XML_CASE_SAME(TPM_EMULATOR, &tpm_emu_schema),
    XML_CASE_SAME(TPM_EXTERNAL, &tpm_ext_schema),
};

static const XmlField tpm_backend_fields[] = {
    XML_UNION(DomainTpm, type, "type", tpm_backend, tpm_cases, XF_REQUIRED,
              .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_END
};
static XML_SCHEMA(tpm_backend_el, DomainTpm, "backend", tpm_backend_fields);

static const XmlField tpm_fields[] = {
    XML_ATTR_ENUM(DomainTpm, model, "model", tpm_model, 0, .min = 1,
                  .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_GROUP(&tpm_backend_el_schema, XF_REQUIRED | XF_KEEP_EMPTY),
    DOMAIN_INFO_FIELDS(DomainTpm),
    XML_END
};

static int
tpm_validate(XmlCtx *ctx, const void *obj)
{
    const DomainTpm *tpm = obj;

    if (tpm->type == TPM_PASSTHROUGH && !tpm->device_path) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "passthrough TPM backend in element '%s' needs a <device path=>",
                      xmlmap_ctx_path(ctx));
        return -1;
    }
    return 0;
}

XML_SCHEMA(domain_tpm, DomainTpm, "tpm", tpm_fields, .validate = tpm_validate);
