/* common/conf/secret_conf.c: table for libvirt's <secret> XML. Parse, format
 * and free come from the engine; this file only states the layout, the usage
 * alternatives and the uuid default. The secret value itself is not XML. */
#include "config.h"

#define ERR_DOMAIN VIR_FROM_SECRET
#include "common/util/err.h"
#include "common/util/uuid.h"
#include "common/conf/secret_conf.h"

ENUM_STRINGS(secret_usage_type, VIR_SECRET_USAGE_TYPE_LAST,
             "none", "volume", "ceph", "iscsi", "tls", "vtpm");

/* Each usage type names its identifier element differently. */
static const XmlField usage_volume_fields[] = {
    XML_TEXT(SecretDef, usage_id, "volume", string, XF_REQUIRED),
    XML_END
};
static XML_SCHEMA(usage_volume, SecretDef, "usage", usage_volume_fields);

static const XmlField usage_name_fields[] = {
    XML_TEXT(SecretDef, usage_id, "name", string, XF_REQUIRED),
    XML_END
};
static XML_SCHEMA(usage_name, SecretDef, "usage", usage_name_fields);

static const XmlField usage_target_fields[] = {
    XML_TEXT(SecretDef, usage_id, "target", string, XF_REQUIRED),
    XML_END
};
static XML_SCHEMA(usage_target, SecretDef, "usage", usage_target_fields);

static const XmlUnionCase usage_cases[] = {
    XML_CASE_SAME(VIR_SECRET_USAGE_TYPE_VOLUME, &usage_volume_schema),
    XML_CASE_SAME(VIR_SECRET_USAGE_TYPE_CEPH, &usage_name_schema),
    XML_CASE_SAME(VIR_SECRET_USAGE_TYPE_ISCSI, &usage_target_schema),
    XML_CASE_SAME(VIR_SECRET_USAGE_TYPE_TLS, &usage_name_schema),
    XML_CASE_SAME(VIR_SECRET_USAGE_TYPE_VTPM, &usage_name_schema),
};

static const XmlField usage_fields[] = {
    XML_UNION(SecretDef, usage_type, "type", secret_usage_type, usage_cases,
              XF_REQUIRED | XF_OMIT_DEFAULT, .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_END
};
static XML_SCHEMA(usage, SecretDef, "usage", usage_fields);

static const XmlField secret_fields[] = {
    XML_ATTR(SecretDef, ephemeral, "ephemeral", yesno, 0),
    XML_ATTR(SecretDef, private, "private", yesno, 0),
    XML_TEXT(SecretDef, uuid, "uuid", uuid, 0),
    XML_TEXT(SecretDef, description, "description", string, 0),
    XML_GROUP(&usage_schema, 0),
    XML_END
};

/* A secret defined without a uuid gets a random one, like libvirt. */
static void
secret_post_parse(void *obj)
{
    SecretDef *def = obj;

    if (uuid_is_null(def->uuid))
        uuid_generate(def->uuid);
}

XML_SCHEMA(secret_def, SecretDef, "secret", secret_fields,
           .domain = VIR_FROM_SECRET, .doc_label = "(definition_of_secret)",
           .post_parse = secret_post_parse);

/**
 * secret_def_parse_string() - parse secret XML
 * @xml: document text
 * @flags: XMLMAP_PARSE_* (SKIP_VALIDATE when loading from disk, STRICT to
 *         refuse unknown elements)
 *
 * Return: the definition, or NULL with a libvirt-style error reported.
 */
SecretDef *
secret_def_parse_string(const char *xml, unsigned int flags)
{
    void *def = NULL;

    if (xmlmap_parse_string(&secret_def_schema, xml, &def, flags) < 0)
        return NULL;
    return def;
}

/**
 * secret_def_format() - format a secret definition
 * @def: definition
 * @flags: XMLMAP_FORMAT_* (secrets have no secure-only fields)
 *
 * Return: the XML text (caller frees).
 */
char *
secret_def_format(const SecretDef *def, unsigned int flags)
{
    return xmlmap_format(&secret_def_schema, def, flags);
}

/**
 * secret_def_free() - free a secret definition
 * @def: definition, may be NULL
 */
void
secret_def_free(SecretDef *def)
{
    xmlmap_free(&secret_def_schema, def);
}
