/* common/conf/domain/sysinfo.c: table for <sysinfo type='smbios|fwcfg'>.
 * SMBIOS entries are keyed by name; libvirt stores them per field, so they
 * come out in a fixed order whatever order the input used. */
#include "config.h"

#include <stdlib.h>

#define ERR_DOMAIN VIR_FROM_DOMAIN
#include "common/util/err.h"
#include "common/conf/domain/general.h"

ENUM_STRINGS(domain_sysinfo_type, DOMAIN_SYSINFO_LAST, "", "smbios", "fwcfg");
ENUM_STRINGS_STATIC(bios_entry, 4, "vendor", "version", "date", "release");
ENUM_STRINGS_STATIC(system_entry, 7,
                    "manufacturer", "product", "version", "serial", "uuid", "sku", "family");
ENUM_STRINGS_STATIC(board_entry, 6,
                    "manufacturer", "product", "version", "serial", "asset", "location");
ENUM_STRINGS_STATIC(chassis_entry, 5, "manufacturer", "version", "serial", "asset", "sku");

#define SYSTEM_ENTRY_UUID 4

static int
entry_cmp(const void *a, const void *b)
{
    const DomainSysinfoEntry *x = a;
    const DomainSysinfoEntry *y = b;

    return x->name - y->name;
}

/* Fixed field order; a repeated name keeps its first value (libvirt reads
 * the first match). Names are unique once duplicates are gone, so the sort
 * needs no stability. */
static void
block_post_parse(void *obj)
{
    DomainSysinfoBlock *b = obj;
    size_t out = 0;

    for (size_t i = 0; i < b->nentries; i++) {
        bool dup = false;

        for (size_t j = 0; j < out; j++)
            dup |= b->entries[j].name == b->entries[i].name;
        if (dup) {
            g_free(b->entries[i].value);
            continue;
        }
        b->entries[out++] = b->entries[i];
    }
    b->nentries = out;
    if (b->nentries > 1)
        qsort(b->entries, b->nentries, sizeof(*b->entries), entry_cmp);
}

#define ENTRY_SCHEMA(var, prefix) \
    static const XmlField var##_fields[] = { \
        XML_ATTR_ENUM(DomainSysinfoEntry, name, "name", prefix, XF_REQUIRED), \
        XML_TEXT(DomainSysinfoEntry, value, NULL, string, 0), \
        XML_END \
    }; \
    static XML_SCHEMA(var, DomainSysinfoEntry, "entry", var##_fields)

#define BLOCK_SCHEMA(var, elem, entry) \
    static const XmlField var##_fields[] = { \
        XML_CHILDREN(DomainSysinfoBlock, entries, nentries, &entry##_schema, 0), \
        XML_END \
    }; \
    static XML_SCHEMA(var, DomainSysinfoBlock, elem, var##_fields, \
                      .post_parse = block_post_parse)

ENTRY_SCHEMA(bios_entry, bios_entry);
ENTRY_SCHEMA(system_entry, system_entry);
ENTRY_SCHEMA(board_entry, board_entry);
ENTRY_SCHEMA(chassis_entry, chassis_entry);
BLOCK_SCHEMA(bios_block, "bios", bios_entry);
BLOCK_SCHEMA(system_block, "system", system_entry);
BLOCK_SCHEMA(board_block, "baseBoard", board_entry);
BLOCK_SCHEMA(chassis_block, "chassis", chassis_entry);

static const XmlField oem_fields[] = {
    XML_LIST(DomainSmbios, oem_strings, noem_strings, "entry", string, 0),
    XML_END
};
static XML_SCHEMA(oem, DomainSmbios, "oemStrings", oem_fields);

/* "mm/dd/yy" or "mm/dd/yyyy", the SMBIOS BIOS date formats. */
static bool
bios_date_valid(const char *s)
{
    size_t n = strlen(s);

    if (n != 8 && n != 10)
        return false;
    for (size_t i = 0; i < n; i++) {
        bool slash = i == 2 || i == 5;

        if (slash ? s[i] != '/' : !g_ascii_isdigit(s[i]))
            return false;
    }
    return true;
}

static int
smbios_validate(XmlCtx *ctx, const void *obj)
{
    const DomainSmbios *s = obj;

    for (size_t i = 0; s->bios && i < s->bios->nentries; i++) {
        const DomainSysinfoEntry *e = &s->bios->entries[i];

        if (e->name == 2 && e->value && !bios_date_valid(e->value)) {
            xmlmap_report(ctx, VIR_ERR_XML_DETAIL,
                          "invalid BIOS date '%s' in element '%s/bios': expected "
                          "mm/dd/yy or mm/dd/yyyy", e->value, xmlmap_ctx_path(ctx));
            return -1;
        }
    }
    return 0;
}

static const XmlField smbios_fields[] = {
    XML_CHILD(DomainSmbios, bios, &bios_block_schema, 0),
    XML_CHILD(DomainSmbios, system, &system_block_schema, 0),
    XML_CHILDREN(DomainSmbios, baseboards, nbaseboards, &board_block_schema, 0),
    XML_CHILD(DomainSmbios, chassis, &chassis_block_schema, 0),
    XML_GROUP(&oem_schema, 0),
    XML_END
};
static XML_SCHEMA(smbios, DomainSmbios, "sysinfo", smbios_fields,
                  .validate = smbios_validate);

static const XmlField fwcfg_entry_fields[] = {
    XML_ATTR(DomainFwcfgEntry, name, "name", string, XF_REQUIRED | XF_NONEMPTY),
    XML_ATTR(DomainFwcfgEntry, file, "file", string, 0),
    XML_TEXT(DomainFwcfgEntry, value, NULL, string, 0),
    XML_END
};

static int
fwcfg_entry_validate(XmlCtx *ctx, const void *obj)
{
    const DomainFwcfgEntry *e = obj;

    if (!e->file == !e->value) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "entry '%s' in element '%s' needs exactly one of a value or a "
                      "'file' attribute", e->name, xmlmap_ctx_path(ctx));
        return -1;
    }
    return 0;
}

static XML_SCHEMA(fwcfg_entry, DomainFwcfgEntry, "entry", fwcfg_entry_fields,
                  .validate = fwcfg_entry_validate);

static const XmlField fwcfg_fields[] = {
    XML_CHILDREN(DomainSysinfo, fwcfg, nfwcfg, &fwcfg_entry_schema, 0),
    XML_END
};
static XML_SCHEMA(fwcfg, DomainSysinfo, "sysinfo", fwcfg_fields);

static const XmlUnionCase sysinfo_cases[] = {
    XML_CASE(DOMAIN_SYSINFO_SMBIOS, DomainSysinfo, smbios, &smbios_schema),
    XML_CASE_SAME(DOMAIN_SYSINFO_FWCFG, &fwcfg_schema),
};

static const XmlField sysinfo_fields[] = {
    XML_UNION(DomainSysinfo, type, "type", domain_sysinfo_type, sysinfo_cases,
              XF_REQUIRED, .min = 1, .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_END
};
XML_SCHEMA(domain_sysinfo, DomainSysinfo, "sysinfo", sysinfo_fields);

/**
 * domain_sysinfo_system_uuid() - the SMBIOS system UUID of a sysinfo block
 * @si: sysinfo
 *
 * Return: the text of <system><entry name='uuid'>, or NULL.
 */
const char *
domain_sysinfo_system_uuid(const DomainSysinfo *si)
{
    const DomainSysinfoBlock *b = si->type == DOMAIN_SYSINFO_SMBIOS ? si->smbios.system : NULL;

    for (size_t i = 0; b && i < b->nentries; i++) {
        if (b->entries[i].name == SYSTEM_ENTRY_UUID)
            return b->entries[i].value;
    }
    return NULL;
}
