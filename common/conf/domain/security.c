/* common/conf/domain/security.c: tables for the domain-level <seclabel>,
 * <keywrap> and <launchSecurity>. Labels a security driver assigns at
 * start-up (dynamic labels, image labels) are runtime state: they are not
 * written in inactive XML. */
#include "config.h"

#include <stdlib.h>

#define ERR_DOMAIN VIR_FROM_DOMAIN
#include "common/util/err.h"
#include "common/conf/domain/general.h"

ENUM_STRINGS(domain_seclabel_type, DOMAIN_SECLABEL_LAST, "", "none", "dynamic", "static");
ENUM_STRINGS_STATIC(keywrap_cipher, 2, "aes", "dea");
ENUM_STRINGS_STATIC(launch_security_type, DOMAIN_LAUNCH_SECURITY_LAST, "", "sev", "s390-pv");

/* ---- <seclabel> ------------------------------------------------------------- */

static bool
seclabel_relabel_omit(const void *obj, unsigned int flags)
{
    return ((const DomainSeclabel *) obj)->type == DOMAIN_SECLABEL_NONE;
}

/* A dynamic label is picked at start-up: not part of the inactive config. */
static bool
seclabel_label_omit(const void *obj, unsigned int flags)
{
    const DomainSeclabel *s = obj;

    return s->type == DOMAIN_SECLABEL_NONE ||
           (s->type == DOMAIN_SECLABEL_DYNAMIC && (flags & XMLMAP_FORMAT_INACTIVE));
}

static bool
seclabel_none_omit(const void *obj, unsigned int flags)
{
    return ((const DomainSeclabel *) obj)->type == DOMAIN_SECLABEL_NONE;
}

static const XmlField seclabel_fields[] = {
    XML_ATTR_ENUM(DomainSeclabel, type, "type", domain_seclabel_type, 0, .min = 1),
    XML_ATTR(DomainSeclabel, model, "model", string, XF_NONEMPTY),
    XML_ATTR(DomainSeclabel, relabel, "relabel", tristate, 0,
             XML_OMIT_IF(seclabel_relabel_omit)),
    XML_TEXT(DomainSeclabel, label, "label", string, 0, XML_OMIT_IF(seclabel_label_omit)),
    XML_TEXT(DomainSeclabel, imagelabel, "imagelabel", string, XF_LIVE_ONLY,
             XML_OMIT_IF(seclabel_none_omit)),
    XML_TEXT(DomainSeclabel, baselabel, "baselabel", string, 0,
             XML_OMIT_IF(seclabel_none_omit)),
    XML_END
};

/* Without type= the label is dynamic when it says nothing else; relabeling
 * defaults to yes for dynamic labels and no otherwise. */
static void
seclabel_post_parse(void *obj)
{
    DomainSeclabel *s = obj;

    if (s->type == DOMAIN_SECLABEL_DEFAULT && s->relabel != XML_TRISTATE_ABSENT)
        s->type = DOMAIN_SECLABEL_DYNAMIC;
    if (s->relabel == XML_TRISTATE_ABSENT && s->type != DOMAIN_SECLABEL_DEFAULT)
        s->relabel = s->type == DOMAIN_SECLABEL_DYNAMIC ? XML_TRISTATE_YES : XML_TRISTATE_NO;
}

static int
seclabel_validate(XmlCtx *ctx, const void *obj)
{
    const DomainSeclabel *s = obj;
    const char *why = NULL;

    if (s->type == DOMAIN_SECLABEL_STATIC && !s->label)
        why = "a static label needs a <label>";
    else if (s->type == DOMAIN_SECLABEL_DYNAMIC && s->relabel == XML_TRISTATE_NO)
        why = "a dynamic label requires relabel='yes'";
    else if (s->type == DOMAIN_SECLABEL_NONE && s->relabel == XML_TRISTATE_YES)
        why = "type 'none' cannot be used with relabel='yes'";
    else if (s->type == DOMAIN_SECLABEL_STATIC && s->baselabel)
        why = "a static label cannot have a <baselabel>";
    if (why) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR, "invalid security label in element '%s': %s",
                      xmlmap_ctx_path(ctx), why);
        return -1;
    }
    return 0;
}

XML_SCHEMA(domain_seclabel, DomainSeclabel, "seclabel", seclabel_fields,
           .post_parse = seclabel_post_parse, .validate = seclabel_validate);

/* ---- <keywrap> ---------------------------------------------------------------- */

static const XmlField cipher_fields[] = {
    XML_ATTR_ENUM(DomainKeywrapCipher, name, "name", keywrap_cipher, XF_REQUIRED,
                  .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_ATTR(DomainKeywrapCipher, state, "state", onoff, XF_REQUIRED),
    XML_END
};
XML_SCHEMA(domain_keywrap_cipher, DomainKeywrapCipher, "cipher", cipher_fields);

/* ---- <launchSecurity> --------------------------------------------------------- */

static const XmlField sev_fields[] = {
    XML_ATTR(DomainSev, kernel_hashes, "kernelHashes", tristate, 0),
    XML_TEXT(DomainSev, cbitpos, "cbitpos", uint, 0, XML_HAS(DomainSev, has_cbitpos)),
    XML_TEXT(DomainSev, reduced_phys_bits, "reducedPhysBits", uint, 0,
             XML_HAS(DomainSev, has_reduced_phys_bits)),
    XML_TEXT(DomainSev, policy, "policy", uint, XF_REQUIRED, .base = 16, .hex = 4),
    XML_TEXT(DomainSev, dh_cert, "dhCert", string, 0),
    XML_TEXT(DomainSev, session, "session", string, 0),
    XML_END
};
static XML_SCHEMA(sev, DomainSev, "launchSecurity", sev_fields);

static const XmlUnionCase launch_security_cases[] = {
    XML_CASE(DOMAIN_LAUNCH_SECURITY_SEV, DomainLaunchSecurity, sev, &sev_schema),
};

static const XmlField launch_security_fields[] = {
    XML_UNION(DomainLaunchSecurity, type, "type", launch_security_type,
              launch_security_cases, XF_REQUIRED, .min = 1,
              .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_END
};
XML_SCHEMA(domain_launch_security, DomainLaunchSecurity, "launchSecurity",
           launch_security_fields);
