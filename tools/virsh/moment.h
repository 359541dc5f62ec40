/*
 * moment.h: what snapshots and checkpoints share ("moments" of a domain): listing
 * as a table, names or a tree, and the small XML builders of their -create-as
 * commands.
 */
#pragma once

#include "tools/virsh/helpers.h"

typedef enum {
    VSH_MOMENT_SNAPSHOT,
    VSH_MOMENT_CHECKPOINT,
} VshMomentKind;

typedef struct {
    VshMomentKind kind;
} VshMomentOps;

bool vsh_moment_list(VshCtl *ctl, const VshCmd *cmd, const VshMomentOps *ops,
                     virDomainPtr dom, unsigned int flags);
GPtrArray *vsh_moment_split(const char *spec);
void vsh_moment_attr(GString *xml, const char *name, const char *val);
void vsh_moment_elem(GString *xml, const char *indent, const char *name, const char *val);
