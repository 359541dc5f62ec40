/*
 * moment.h: what snapshots and checkpoints share ("moments" of a domain): listing
 * as a table, names or a tree, the XML their -create and -create-as commands send,
 * and the message after creating one.
 */
#pragma once

#include "tools/virsh/helpers.h"

typedef enum {
    VSH_MOMENT_SNAPSHOT,
    VSH_MOMENT_CHECKPOINT,
} VshMomentKind;

typedef struct {
    VshMomentKind kind;
    const char *noun;           /* "snapshot", in messages */
    const char *root;           /* "domainsnapshot", the XML's root element */
} VshMomentOps;

/* appends the XML of one --diskspec; false after reporting */
typedef bool (*VshMomentDiskspec)(VshCtl *ctl, const char *spec, GString *xml);

bool vsh_moment_list(VshCtl *ctl, const VshCmd *cmd, const VshMomentOps *ops,
                     virDomainPtr dom, unsigned int flags);
void vsh_moment_attr(GString *xml, const char *name, const char *val);
int vsh_moment_xml_file(VshCtl *ctl, const VshCmd *cmd, const VshMomentOps *ops,
                        char **ret_xml, const char **ret_file);
GString *vsh_moment_xml_start(VshCtl *ctl, const VshCmd *cmd, const VshMomentOps *ops);
bool vsh_moment_xml_finish(VshCtl *ctl, const VshCmd *cmd, const VshMomentOps *ops,
                           GString *xml, VshMomentDiskspec diskspec);
void vsh_moment_created(VshCtl *ctl, const VshMomentOps *ops, const char *name,
                        const char *from);
