/* common/conf/nwfilterbinding_conf.c: table for libvirt's <filterbinding>
 * XML. Layout: owner (name, uuid), portdev, optional linkdev, mac and the
 * <filterref> shared with <filter>. The rules libvirt enforces (every part
 * present, in that order of checking) are the validate hook. */
#include "config.h"

#define ERR_DOMAIN VIR_FROM_NWFILTER
#include "common/util/err.h"
#include "common/conf/nwfilterbinding_conf.h"

static const XmlField owner_fields[] = {
    XML_TEXT(NWFilterBindingDef, owner_name, "name", string, 0),
    XML_TEXT(NWFilterBindingDef, owner_uuid, "uuid", uuid, XF_KEEP_EMPTY,
             XML_SEEN(NWFilterBindingDef, owner_uuid_seen)),
    XML_END
};
static XML_SCHEMA(nwb_owner, NWFilterBindingDef, "owner", owner_fields);

static const XmlField portdev_fields[] = {
    XML_ATTR(NWFilterBindingDef, portdev, "name", string, 0),
    XML_END
};
static XML_SCHEMA(nwb_portdev, NWFilterBindingDef, "portdev", portdev_fields);

static const XmlField linkdev_fields[] = {
    XML_ATTR(NWFilterBindingDef, linkdev, "name", string, 0),
    XML_END
};
static XML_SCHEMA(nwb_linkdev, NWFilterBindingDef, "linkdev", linkdev_fields);

static const XmlField mac_fields[] = {
    XML_ATTR(NWFilterBindingDef, mac, "address", mac, XF_KEEP_EMPTY,
             XML_SEEN(NWFilterBindingDef, mac_seen)),
    XML_END
};
static XML_SCHEMA(nwb_mac, NWFilterBindingDef, "mac", mac_fields);

static const XmlField binding_fields[] = {
    XML_GROUP(&nwb_owner_schema, XF_KEEP_EMPTY),
    XML_GROUP(&nwb_portdev_schema, 0),
    XML_GROUP(&nwb_linkdev_schema, 0, XML_SEEN(NWFilterBindingDef, linkdev_seen)),
    XML_GROUP(&nwb_mac_schema, XF_KEEP_EMPTY),
    XML_EMBED(NWFilterBindingDef, filter, &nwfilter_ref_schema, XF_KEEP_EMPTY),
    XML_END
};

static int
binding_validate(XmlCtx *ctx, const void *obj)
{
    const NWFilterBindingDef *def = obj;
    const char *missing = NULL;

    if (!def->portdev)
        missing = "filter binding has no port dev name";
    else if (def->linkdev_seen && !def->linkdev)
        missing = "filter binding has no link dev name";
    else if (!def->owner_name)
        missing = "filter binding has no owner name";
    else if (!def->owner_uuid_seen)
        missing = "filter binding has no owner UUID";
    else if (!def->mac_seen)
        missing = "filter binding has no MAC address";
    else if (!def->filter.filter)
        missing = "filter binding has no filter reference";
    if (missing) {
        xmlmap_report(ctx, VIR_ERR_INTERNAL_ERROR, "%s", missing);
        return -1;
    }
    return 0;
}

XML_SCHEMA(nwfilter_binding_def, NWFilterBindingDef, "filterbinding", binding_fields,
           .domain = VIR_FROM_NWFILTER, .doc_label = "(nwfilterbinding_definition)",
           .validate = binding_validate);

/**
 * nwfilter_binding_def_parse_string() - parse filter binding XML
 * @xml: document text
 * @flags: XMLMAP_PARSE_* (STRICT for VIR_NWFILTER_BINDING_CREATE_VALIDATE)
 *
 * Return: the definition, or NULL with a libvirt-style error reported.
 */
NWFilterBindingDef *
nwfilter_binding_def_parse_string(const char *xml, unsigned int flags)
{
    void *def = NULL;

    if (xmlmap_parse_string(&nwfilter_binding_def_schema, xml, &def, flags) < 0)
        return NULL;
    return def;
}

/**
 * nwfilter_binding_def_format() - format a filter binding
 * @def: definition
 * @flags: XMLMAP_FORMAT_*
 *
 * Return: the XML text (caller frees).
 */
char *
nwfilter_binding_def_format(const NWFilterBindingDef *def, unsigned int flags)
{
    return xmlmap_format(&nwfilter_binding_def_schema, def, flags);
}

/**
 * nwfilter_binding_def_copy() - deep copy of a binding
 * @def: definition
 *
 * Return: the copy (NULL only if the model could not re-read its output).
 */
NWFilterBindingDef *
nwfilter_binding_def_copy(const NWFilterBindingDef *def)
{
    return xmlmap_copy(&nwfilter_binding_def_schema, def);
}

/**
 * nwfilter_binding_def_free() - free a filter binding
 * @def: definition, may be NULL
 */
void
nwfilter_binding_def_free(NWFilterBindingDef *def)
{
    xmlmap_free(&nwfilter_binding_def_schema, def);
}
