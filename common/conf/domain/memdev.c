/* common/conf/domain/memdev.c: the <memory> device table (DIMMs, NVDIMMs,
 * virtio-mem/pmem and SGX EPC sections hot-pluggable into the guest). Not
 * to be confused with the domain's <memory> size, which memory.c owns. */
#include "config.h"

#define ERR_DOMAIN VIR_FROM_DOMAIN
#include "common/util/err.h"
#include "common/conf/domain/devices.h"

ENUM_STRINGS_STATIC(memdev_model, 5, "dimm", "nvdimm", "virtio-pmem", "virtio-mem", "sgx-epc");
ENUM_STRINGS_STATIC(memdev_access, 3, "default", "shared", "private");

enum { MEMDEV_DIMM, MEMDEV_NVDIMM, MEMDEV_VIRTIO_PMEM, MEMDEV_VIRTIO_MEM, MEMDEV_SGX_EPC };

/* sizes are kept in KiB and written with unit='KiB' */
#define KIB_TEXT(fld, nm, fl) \
    XML_TEXT(DomainMemoryDev, fld, nm, scaled, (fl) | XF_OMIT_DEFAULT, .scale = 1024, \
             .default_scale = 1024, .unit = "KiB")

static const XmlField memsrc_fields[] = {
    XML_TEXT(DomainMemoryDev, nodemask, "nodemask", string, 0),
    KIB_TEXT(pagesize, "pagesize", 0),
    XML_TEXT(DomainMemoryDev, path, "path", string, 0),
    KIB_TEXT(alignsize, "alignsize", 0),
    XML_PRESENCE(DomainMemoryDev, pmem, "pmem", 0),
    XML_END
};
static XML_SCHEMA(memsrc, DomainMemoryDev, "source", memsrc_fields);

static const XmlField label_fields[] = { KIB_TEXT(label_size, "size", 0), XML_END };
static XML_SCHEMA(label, DomainMemoryDev, "label", label_fields);

static const XmlField memtgt_fields[] = {
    KIB_TEXT(size, "size", 0),
    XML_TEXT(DomainMemoryDev, node, "node", uint, 0, XML_HAS(DomainMemoryDev, has_node)),
    XML_GROUP(&label_schema, 0),
    KIB_TEXT(block, "block", 0),
    KIB_TEXT(requested, "requested", 0),
    KIB_TEXT(current, "current", XF_LIVE_ONLY),
    XML_PRESENCE(DomainMemoryDev, readonly, "readonly", 0),
    XML_END
};
static XML_SCHEMA(memtgt, DomainMemoryDev, "target", memtgt_fields);

static const XmlField memdev_fields[] = {
    XML_ATTR_ENUM(DomainMemoryDev, model, "model", memdev_model, XF_REQUIRED,
                  .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_ATTR_ENUM(DomainMemoryDev, access, "access", memdev_access, 0, .min = 1,
                  .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_ATTR(DomainMemoryDev, discard, "discard", tristate, 0),
    XML_TEXT(DomainMemoryDev, uuid, "uuid", uuid, 0),
    XML_GROUP(&memsrc_schema, 0),
    XML_GROUP(&memtgt_schema, XF_REQUIRED),
    DOMAIN_INFO_FIELDS(DomainMemoryDev),
    XML_END
};

/* Which target settings each model understands. */
static int
memdev_validate(XmlCtx *ctx, const void *obj)
{
    const DomainMemoryDev *m = obj;

    if (m->size == 0) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "memory device in element '%s' needs a target <size>",
                      xmlmap_ctx_path(ctx));
        return -1;
    }
    if ((m->model == MEMDEV_NVDIMM || m->model == MEMDEV_VIRTIO_PMEM) && !m->path) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "memory model '%s' in element '%s' needs a source <path>",
                      memdev_model_to_string(m->model), xmlmap_ctx_path(ctx));
        return -1;
    }
    if (m->model != MEMDEV_VIRTIO_MEM && (m->block || m->requested)) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "<block> and <requested> are only valid for model 'virtio-mem' in "
                      "element '%s'", xmlmap_ctx_path(ctx));
        return -1;
    }
    if (m->model != MEMDEV_NVDIMM && (m->label_size || m->readonly)) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "<label> and <readonly> are only valid for model 'nvdimm' in "
                      "element '%s'", xmlmap_ctx_path(ctx));
        return -1;
    }
    return 0;
}

XML_SCHEMA(domain_memory_dev, DomainMemoryDev, "memory", memdev_fields,
           .validate = memdev_validate);
