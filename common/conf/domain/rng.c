/* common/conf/domain/rng.c: the <rng> table: a paravirtual random number
 * device fed by a host file, an EGD daemon over a character channel, or
 * the hypervisor itself. */
#include "config.h"

#define ERR_DOMAIN VIR_FROM_DOMAIN
#include "common/util/err.h"
#include "common/conf/domain/devices.h"

ENUM_STRINGS_STATIC(rng_model, 3, "virtio", "virtio-transitional", "virtio-non-transitional");
ENUM_STRINGS_STATIC(rng_backend, 3, "random", "egd", "builtin");

enum { RNG_RANDOM, RNG_EGD, RNG_BUILTIN };

G_STATIC_ASSERT(offsetof(DomainRng, source) == 0);

static const XmlField rate_fields[] = {
    XML_ATTR(DomainRng, rate_bytes, "bytes", uint, XF_REQUIRED | XF_NONZERO | XF_OMIT_DEFAULT),
    XML_ATTR(DomainRng, rate_period, "period", uint, XF_OMIT_DEFAULT),
    XML_END
};
static XML_SCHEMA(rate, DomainRng, "rate", rate_fields);

static const XmlField be_random_fields[] = {
    XML_TEXT(DomainRng, random_dev, NULL, string, 0),
    XML_END
};
static XML_SCHEMA(be_random, DomainRng, "backend", be_random_fields);

static const XmlField be_egd_fields[] = {
    XML_UNION(DomainRng, source.type, "type", domain_chr_type, domain_chr_cases, XF_REQUIRED,
              .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_END
};
static XML_SCHEMA(be_egd, DomainRng, "backend", be_egd_fields);

static const XmlUnionCase backend_cases[] = {
    XML_CASE_SAME(RNG_RANDOM, &be_random_schema),
    XML_CASE_SAME(RNG_EGD, &be_egd_schema),
};

static const XmlField backend_fields[] = {
    XML_UNION(DomainRng, backend, "model", rng_backend, backend_cases, XF_REQUIRED,
              .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_END
};
static XML_SCHEMA(backend, DomainRng, "backend", backend_fields);

static const XmlField rng_driver_fields[] = {
    DOMAIN_VIRTIO_FIELDS(DomainRng, virtio),
    XML_END
};
static XML_SCHEMA(rng_driver, DomainRng, "driver", rng_driver_fields);

static const XmlField rng_fields[] = {
    XML_ATTR_ENUM(DomainRng, model, "model", rng_model, XF_REQUIRED,
                  .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_GROUP(&rate_schema, 0),
    XML_GROUP(&backend_schema, XF_REQUIRED | XF_KEEP_EMPTY),
    XML_GROUP(&rng_driver_schema, 0),
    DOMAIN_INFO_FIELDS(DomainRng),
    XML_END
};

static int
rng_validate(XmlCtx *ctx, const void *obj)
{
    const DomainRng *rng = obj;

    if (rng->backend == RNG_EGD)
        return domain_chr_source_validate(ctx, &rng->source);
    return 0;
}

XML_SCHEMA(domain_rng, DomainRng, "rng", rng_fields, .validate = rng_validate);
