/* common/conf/domain/shmem.c: the <shmem> table (an ivshmem region shared
 * between guests or with the host, optionally with a doorbell server). */
#include "config.h"

#include <string.h>

#define ERR_DOMAIN VIR_FROM_DOMAIN
#include "common/util/err.h"
#include "common/conf/domain/devices.h"

ENUM_STRINGS_STATIC(shmem_role, 3, "default", "master", "peer");
ENUM_STRINGS_STATIC(shmem_model, 3, "ivshmem", "ivshmem-plain", "ivshmem-doorbell");

enum { SHMEM_IVSHMEM_DOORBELL = 2 };

static const XmlField shmem_model_fields[] = {
    XML_ATTR_ENUM(DomainShmem, model, "type", shmem_model, XF_REQUIRED,
                  .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_END
};
static XML_SCHEMA(shmem_model_el, DomainShmem, "model", shmem_model_fields);

static const XmlField server_fields[] = {
    XML_ATTR(DomainShmem, server_path, "path", string, 0),
    XML_END
};
static XML_SCHEMA(server, DomainShmem, "server", server_fields);

static const XmlField msi_fields[] = {
    XML_ATTR(DomainShmem, msi_vectors, "vectors", uint, XF_OMIT_DEFAULT),
    XML_ATTR(DomainShmem, msi_ioeventfd, "ioeventfd", switch, 0),
    XML_END
};
static XML_SCHEMA(msi, DomainShmem, "msi", msi_fields);

static const XmlField shmem_fields[] = {
    XML_ATTR(DomainShmem, name, "name", string, XF_REQUIRED | XF_NONEMPTY),
    XML_ATTR_ENUM(DomainShmem, role, "role", shmem_role, 0, .min = 1,
                  .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_GROUP(&shmem_model_el_schema, 0),
    XML_TEXT(DomainShmem, size, "size", scaled, 0, .scale = 1024 * 1024, .default_scale = 1,
             .unit = "M", XML_HAS(DomainShmem, has_size)),
    XML_GROUP(&server_schema, XF_KEEP_EMPTY, XML_HAS(DomainShmem, has_server)),
    XML_GROUP(&msi_schema, XF_KEEP_EMPTY, XML_HAS(DomainShmem, has_msi)),
    DOMAIN_INFO_FIELDS(DomainShmem),
    XML_END
};

static int
shmem_validate(XmlCtx *ctx, const void *obj)
{
    const DomainShmem *shm = obj;

    if (strchr(shm->name, '/')) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "shmem name '%s' in element '%s' must not contain '/'",
                      shm->name, xmlmap_ctx_path(ctx));
        return -1;
    }
    if ((shm->has_server || shm->has_msi) && shm->model != SHMEM_IVSHMEM_DOORBELL &&
        shm->model != 0) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "<server> and <msi> need model 'ivshmem-doorbell' in element '%s'",
                      xmlmap_ctx_path(ctx));
        return -1;
    }
    return 0;
}

XML_SCHEMA(domain_shmem, DomainShmem, "shmem", shmem_fields, .validate = shmem_validate);
