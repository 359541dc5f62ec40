/* common/conf/domain/smartcard.c: the <smartcard> table: an emulated CCID
 * reader backed by host readers, by three certificates, or by a character
 * channel to a client-side reader (passthrough). */
#include "config.h"

#define ERR_DOMAIN VIR_FROM_DOMAIN
#include "common/util/err.h"
#include "common/conf/domain/devices.h"

ENUM_STRINGS_STATIC(smartcard_mode, SMARTCARD_LAST, "host", "host-certificates", "passthrough");

G_STATIC_ASSERT(offsetof(DomainSmartcard, source) == 0);

static const XmlField sc_certs_fields[] = {
    XML_LIST(DomainSmartcard, certificates, ncertificates, "certificate", string, 0),
    XML_TEXT(DomainSmartcard, database, "database", string, 0),
    XML_END
};
static XML_SCHEMA(sc_certs, DomainSmartcard, "smartcard", sc_certs_fields);

static const XmlField sc_passthrough_fields[] = {
    XML_UNION(DomainSmartcard, source.type, "type", domain_chr_type, domain_chr_cases,
              XF_REQUIRED, .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_END
};
static XML_SCHEMA(sc_passthrough, DomainSmartcard, "smartcard", sc_passthrough_fields);

static const XmlUnionCase sc_cases[] = {
    XML_CASE_SAME(SMARTCARD_HOST_CERTIFICATES, &sc_certs_schema),
    XML_CASE_SAME(SMARTCARD_PASSTHROUGH, &sc_passthrough_schema),
};

static const XmlField smartcard_fields[] = {
    XML_UNION(DomainSmartcard, mode, "mode", smartcard_mode, sc_cases, XF_REQUIRED,
              .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    DOMAIN_INFO_FIELDS(DomainSmartcard),
    XML_END
};

static int
smartcard_validate(XmlCtx *ctx, const void *obj)
{
    const DomainSmartcard *sc = obj;

    if (sc->mode == SMARTCARD_HOST_CERTIFICATES && sc->ncertificates != 3) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "smartcard mode 'host-certificates' in element '%s' needs exactly "
                      "three <certificate> elements, not %zu",
                      xmlmap_ctx_path(ctx), sc->ncertificates);
        return -1;
    }
    if (sc->mode == SMARTCARD_PASSTHROUGH)
        return domain_chr_source_validate(ctx, &sc->source);
    return 0;
}

XML_SCHEMA(domain_smartcard, DomainSmartcard, "smartcard", smartcard_fields,
           .validate = smartcard_validate);
