/* common/conf/secret_conf.h: the <secret> XML model (libvirt's secret format). */
#pragma once

#include <stdbool.h>
#include <glib.h>
#include <libvirt/libvirt.h>

#include "common/conf/xmlmap.h"
#include "common/util/enumstr.h"

typedef struct {
    unsigned char uuid[16];
    bool ephemeral;             /* <secret ephemeral='yes|no'> */
    bool private;               /* <secret private='yes|no'> */
    char *description;
    int usage_type;             /* VIR_SECRET_USAGE_TYPE_* */
    char *usage_id;             /* volume path, ceph/tls/vtpm name or iscsi target */
} SecretDef;

extern const XmlSchema secret_def_schema;

/* "none", "volume", "ceph", "iscsi", "tls", "vtpm" */
ENUM_STRINGS_DECL(secret_usage_type);

SecretDef *secret_def_parse_string(const char *xml, unsigned int flags);
char *secret_def_format(const SecretDef *def, unsigned int flags);
void secret_def_free(SecretDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(SecretDef, secret_def_free)
