/* common/conf/domain/lease.c: the <lease> table: a lock manager resource
 * (lockspace, key, and the file and offset that back it). */
#include "config.h"

#define ERR_DOMAIN VIR_FROM_DOMAIN
#include "common/util/err.h"
#include "common/conf/domain/devices.h"

static const XmlField lease_target_fields[] = {
    XML_ATTR(DomainLease, path, "path", string, XF_REQUIRED | XF_NONEMPTY),
    XML_ATTR(DomainLease, offset, "offset", ullong, XF_OMIT_DEFAULT),
    XML_END
};
static XML_SCHEMA(lease_target, DomainLease, "target", lease_target_fields);

static const XmlField lease_fields[] = {
    XML_TEXT(DomainLease, lockspace, "lockspace", string, XF_REQUIRED),
    XML_TEXT(DomainLease, key, "key", string, XF_REQUIRED),
    XML_GROUP(&lease_target_schema, XF_REQUIRED),
    XML_END
};

XML_SCHEMA(domain_lease, DomainLease, "lease", lease_fields);
