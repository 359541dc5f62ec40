/* common/conf/nwfilterbinding_conf.h: the <filterbinding> XML model: which
 * network filter (with which parameters) applies to one guest port. */
#pragma once

#include <stdbool.h>
#include <glib.h>

#include "common/conf/nwfilter_conf.h"
#include "common/conf/xmlmap.h"

typedef struct {
    char *owner_name;
    unsigned char owner_uuid[16];
    bool owner_uuid_seen;
    char *portdev;
    char *linkdev;
    bool linkdev_seen;
    unsigned char mac[XML_MAC_LEN];
    bool mac_seen;
    NWFilterRef filter;
} NWFilterBindingDef;

extern const XmlSchema nwfilter_binding_def_schema;

NWFilterBindingDef *nwfilter_binding_def_parse_string(const char *xml, unsigned int flags);
char *nwfilter_binding_def_format(const NWFilterBindingDef *def, unsigned int flags);
NWFilterBindingDef *nwfilter_binding_def_copy(const NWFilterBindingDef *def);
void nwfilter_binding_def_free(NWFilterBindingDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(NWFilterBindingDef, nwfilter_binding_def_free)
