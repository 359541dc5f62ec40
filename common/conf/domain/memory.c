/* common/conf/domain/memory.c: tables for <memory>, <maxMemory>,
 * <memoryBacking>, <memtune> and <blkiotune>. Sizes are stored in KiB and
 * printed with unit='KiB' whatever unit the input used, like libvirt. */
#include "config.h"

#define ERR_DOMAIN VIR_FROM_DOMAIN
#include "common/util/err.h"
#include "common/conf/domain/general.h"

ENUM_STRINGS(domain_mem_source, DOMAIN_MEM_SOURCE_LAST, "", "file", "anonymous", "memfd");
ENUM_STRINGS(domain_mem_access, DOMAIN_MEM_ACCESS_LAST, "default", "shared", "private");
ENUM_STRINGS(domain_mem_alloc, DOMAIN_MEM_ALLOC_LAST, "", "immediate", "ondemand");

/* A size element or attribute: stored in KiB, KiB when unit= is absent, at
 * most LLONG_MAX bytes; a bad number names libvirt's XPath for it. */
#define KIB(xp) .scale = 1024, .default_scale = 1024, .unit = "KiB", .max = LLONG_MAX, \
    .xpath = (xp)

static const XmlField memory_fields[] = {
    XML_ATTR(DomainMemorySize, dump_core, "dumpCore", switch, 0),
    XML_TEXT(DomainMemorySize, kib, NULL, scaled, 0, KIB("./memory[1]")),
    XML_END
};
XML_SCHEMA(domain_memory, DomainMemorySize, "memory", memory_fields);

static const XmlField max_memory_fields[] = {
    XML_ATTR(DomainMaxMemory, slots, "slots", uint, XF_OMIT_DEFAULT),
    XML_TEXT(DomainMaxMemory, kib, NULL, scaled, XF_OMIT_DEFAULT, KIB("./maxMemory[1]")),
    XML_END
};
XML_SCHEMA(domain_max_memory, DomainMaxMemory, "maxMemory", max_memory_fields);

/* ---- <memoryBacking> ---------------------------------------------------- */

static const XmlField hugepage_fields[] = {
    XML_ATTR(DomainHugePage, size_kib, "size", scaled, XF_REQUIRED, KIB("./@size")),
    XML_ATTR(DomainHugePage, nodeset, "nodeset", dom_cpuset, 0,
             .errcode = VIR_ERR_INVALID_ARG),
    XML_END
};
static XML_SCHEMA(hugepage, DomainHugePage, "page", hugepage_fields);

static const XmlField hugepages_fields[] = {
    XML_CHILDREN(DomainHugePages, pages, npages, &hugepage_schema, 0),
    XML_END
};
static XML_SCHEMA(hugepages, DomainHugePages, "hugepages", hugepages_fields);

static const XmlField mb_source_fields[] = {
    XML_ATTR_ENUM(DomainMemoryBacking, source, "type", domain_mem_source, XF_REQUIRED,
                  .min = 1, .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_END
};
static XML_SCHEMA(mb_source, DomainMemoryBacking, "source", mb_source_fields);

static const XmlField mb_access_fields[] = {
    XML_ATTR_ENUM(DomainMemoryBacking, access, "mode", domain_mem_access, XF_REQUIRED,
                  .min = 1, .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_END
};
static XML_SCHEMA(mb_access, DomainMemoryBacking, "access", mb_access_fields);

static const XmlField mb_allocation_fields[] = {
    XML_ATTR_ENUM(DomainMemoryBacking, alloc_mode, "mode", domain_mem_alloc, 0,
                  .min = 1, .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_ATTR(DomainMemoryBacking, alloc_threads, "threads", uint, 0,
             XML_HAS(DomainMemoryBacking, has_alloc_threads)),
    XML_END
};
static XML_SCHEMA(mb_allocation, DomainMemoryBacking, "allocation", mb_allocation_fields);

static const XmlField memory_backing_fields[] = {
    XML_CHILD(DomainMemoryBacking, hugepages, &hugepages_schema, 0),
    XML_PRESENCE(DomainMemoryBacking, nosharepages, "nosharepages", 0),
    XML_PRESENCE(DomainMemoryBacking, locked, "locked", 0),
    XML_GROUP(&mb_source_schema, 0),
    XML_GROUP(&mb_access_schema, 0),
    XML_GROUP(&mb_allocation_schema, 0),
    XML_PRESENCE(DomainMemoryBacking, discard, "discard", 0),
    XML_END
};
XML_SCHEMA(domain_memory_backing, DomainMemoryBacking, "memoryBacking", memory_backing_fields);

/* ---- <memtune> ------------------------------------------------------------ */

static const XmlField memtune_fields[] = {
    XML_TEXT(DomainMemtune, hard_limit, "hard_limit", scaled, 0,
             KIB("./memtune/hard_limit[1]"),
             XML_HAS(DomainMemtune, has_hard_limit)),
    XML_TEXT(DomainMemtune, soft_limit, "soft_limit", scaled, 0,
             KIB("./memtune/soft_limit[1]"),
             XML_HAS(DomainMemtune, has_soft_limit)),
    XML_TEXT(DomainMemtune, min_guarantee, "min_guarantee", scaled, 0,
             KIB("./memtune/min_guarantee[1]"),
             XML_HAS(DomainMemtune, has_min_guarantee)),
    XML_TEXT(DomainMemtune, swap_hard_limit, "swap_hard_limit", scaled, 0,
             KIB("./memtune/swap_hard_limit[1]"),
             XML_HAS(DomainMemtune, has_swap_hard_limit)),
    XML_END
};

/* libvirt treats any limit at or above 2^53-1 KiB as "unlimited", which is
 * the same as not setting it. */
static void
memtune_post_parse(void *obj)
{
    DomainMemtune *m = obj;

    if (m->hard_limit >= DOMAIN_MEMORY_UNLIMITED)
        m->has_hard_limit = false;
    if (m->soft_limit >= DOMAIN_MEMORY_UNLIMITED)
        m->has_soft_limit = false;
    if (m->min_guarantee >= DOMAIN_MEMORY_UNLIMITED)
        m->has_min_guarantee = false;
    if (m->swap_hard_limit >= DOMAIN_MEMORY_UNLIMITED)
        m->has_swap_hard_limit = false;
}

XML_SCHEMA(domain_memtune, DomainMemtune, "memtune", memtune_fields,
           .post_parse = memtune_post_parse);

/* ---- <blkiotune> ---------------------------------------------------------- */

static const XmlField blkio_device_fields[] = {
    XML_TEXT(DomainBlkioDevice, path, "path", string, XF_REQUIRED | XF_NONEMPTY),
    XML_TEXT(DomainBlkioDevice, weight, "weight", uint, XF_OMIT_DEFAULT),
    XML_TEXT(DomainBlkioDevice, read_iops_sec, "read_iops_sec", uint, XF_OMIT_DEFAULT),
    XML_TEXT(DomainBlkioDevice, write_iops_sec, "write_iops_sec", uint, XF_OMIT_DEFAULT),
    XML_TEXT(DomainBlkioDevice, read_bytes_sec, "read_bytes_sec", ullong, XF_OMIT_DEFAULT),
    XML_TEXT(DomainBlkioDevice, write_bytes_sec, "write_bytes_sec", ullong, XF_OMIT_DEFAULT),
    XML_END
};
static XML_SCHEMA(blkio_device, DomainBlkioDevice, "device", blkio_device_fields);

static const XmlField blkiotune_fields[] = {
    XML_TEXT(DomainBlkiotune, weight, "weight", uint, XF_OMIT_DEFAULT),
    XML_CHILDREN(DomainBlkiotune, devices, ndevices, &blkio_device_schema, 0),
    XML_END
};
XML_SCHEMA(domain_blkiotune, DomainBlkiotune, "blkiotune", blkiotune_fields);
