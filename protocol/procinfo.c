/*
 * procinfo.c - lookups over the generated procedure tables.
 *
 * The tables themselves (remote_program, ...) are generated from the .x
 * files by gen-proto.py; this file only searches and interprets them.
 */
#include <string.h>

#include "procinfo.h"

static const ProgramInfo *const programs[] = {
    &remote_program,
    &qemu_program,
    &lxc_program,
    &admin_program,
    &keepalive_program,
};

static const char *const driver_class_names[] = {
    [PROC_DRV_NONE] = "none",
    [PROC_DRV_HYPERVISOR] = "hypervisor",
    [PROC_DRV_NETWORK] = "network",
    [PROC_DRV_STORAGE] = "storage",
    [PROC_DRV_NODEDEV] = "nodedev",
    [PROC_DRV_SECRET] = "secret",
    [PROC_DRV_INTERFACE] = "interface",
    [PROC_DRV_NWFILTER] = "nwfilter",
};
_Static_assert(sizeof(driver_class_names) / sizeof(driver_class_names[0]) == PROC_DRV_LAST,
               "driver_class_names out of sync with ProcDriverClass");

const ProcInfo *
proc_lookup(const ProgramInfo *p, int proc)
{
    if (!p || proc <= 0 || (unsigned int) proc >= p->nprocs)
        return NULL;
    if (!p->procs[proc].name)
        return NULL;
    return &p->procs[proc];
}

const ProgramInfo *
program_find(unsigned int prog, unsigned int vers)
{
    size_t i;

    for (i = 0; i < sizeof(programs) / sizeof(programs[0]); i++) {
        if (programs[i]->prog == prog && programs[i]->vers == vers)
            return programs[i];
    }
    return NULL;
}

const char *
proc_driver_class_to_string(ProcDriverClass cls)
{
    if ((unsigned int) cls >= PROC_DRV_LAST)
        return NULL;
    return driver_class_names[cls];
}

bool_t
proc_xdr_void(XDR *xdrs, void *unused)
{
    (void) xdrs;
    (void) unused;
    return TRUE;
}

static bool
acl_cond_applies(const ProcAclCond *c, const void *args)
{
    unsigned int v = 0;

    if (args)
        memcpy(&v, (const char *) args + c->arg_offset, sizeof(v));

    switch (c->kind) {
    case PROC_ACL_IF_ANY:
        return (v & c->value) != 0;
    case PROC_ACL_IF_NONE:
        return (v & c->value) == 0;
    case PROC_ACL_IF_EQUAL:
        return v == c->value;
    }
    return true;
}

bool
proc_allowed_readonly(const ProcInfo *p, const void *args)
{
    unsigned int i;

    if (!p || !(p->flags & PROC_F_READONLY))
        return false;
    for (i = 0; i < p->nacl_conds; i++) {
        const ProcAclCond *c = &p->acl_conds[i];

        if (!c->readonly_ok && acl_cond_applies(c, args))
            return false;
    }
    return true;
}
