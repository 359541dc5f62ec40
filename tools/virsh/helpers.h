/*
 * helpers.h: what the command families share beyond the framework: finding objects
 * from command options (lookup.c), typed parameters (params.c), the edit cycle
 * (edit.c), machine-readable output (json.c) and small formatting helpers (fmt.c).
 */
#pragma once

#include <json-c/json.h>

#include "tools/virsh/virsh.h"

/* auto-free for the library's object handles */
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomain, virDomainFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virNetwork, virNetworkFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virNetworkPort, virNetworkPortFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virStoragePool, virStoragePoolFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virStorageVol, virStorageVolFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virNodeDevice, virNodeDeviceFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virInterface, virInterfaceFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virNWFilter, virNWFilterFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virNWFilterBinding, virNWFilterBindingFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainSnapshot, virDomainSnapshotFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainCheckpoint, virDomainCheckpointFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virStream, virStreamFree)

/* ---- lookup.c ---- */

enum {
    VSH_BYID   = 1 << 0,
    VSH_BYUUID = 1 << 1,
    VSH_BYNAME = 1 << 2,
    VSH_BYMAC  = 1 << 3,
};
#define VSH_BYANY (VSH_BYID | VSH_BYUUID | VSH_BYNAME)

virDomainPtr vsh_domain_lookup(VshCtl *ctl, const char *name, unsigned int by);
virDomainPtr vsh_domain_opt(VshCtl *ctl, const VshCmd *cmd, const char *opt,
                            unsigned int by, const char **ret_name);
#define vsh_domain(ctl, cmd, ret_name) \
    vsh_domain_opt((ctl), (cmd), "domain", VSH_BYANY, (ret_name))

virNetworkPtr vsh_network_opt(VshCtl *ctl, const VshCmd *cmd, const char *opt,
                              unsigned int by, const char **ret_name);
virNetworkPortPtr vsh_network_port_opt(VshCtl *ctl, const VshCmd *cmd, virNetworkPtr net,
                                       const char *opt);
virStoragePoolPtr vsh_pool_lookup(VshCtl *ctl, const char *name, unsigned int by);
virStoragePoolPtr vsh_pool_opt(VshCtl *ctl, const VshCmd *cmd, const char *opt,
                               unsigned int by, const char **ret_name);
virStorageVolPtr vsh_vol_opt(VshCtl *ctl, const VshCmd *cmd, const char *opt,
                             const char *pool_opt, const char **ret_name);
virNodeDevicePtr vsh_nodedev_opt(VshCtl *ctl, const VshCmd *cmd, const char *opt,
                                 const char **ret_name);
virInterfacePtr vsh_iface_opt(VshCtl *ctl, const VshCmd *cmd, const char *opt,
                              unsigned int by, const char **ret_name);
virNWFilterPtr vsh_nwfilter_opt(VshCtl *ctl, const VshCmd *cmd, const char *opt,
                                const char **ret_name);
virNWFilterBindingPtr vsh_nwfilter_binding_opt(VshCtl *ctl, const VshCmd *cmd,
                                               const char *opt, const char **ret_name);

/* ---- params.c: virTypedParameter helpers ---- */

char *vsh_param_value(const virTypedParameter *p);
void vsh_params_print(VshCtl *ctl, const virTypedParameter *params, int n, int width);
int vsh_param_set_from_string(VshCtl *ctl, virTypedParameterPtr *params, int *n, int *max,
                              int type, const char *field, const char *value);
json_object *vsh_params_json(const virTypedParameter *params, int n);

/* ---- edit.c: dump, edit with $VISUAL/$EDITOR, redefine ---- */

typedef struct {
    /* the current XML of the object; NULL after reporting */
    char *(*dump)(VshCtl *ctl, void *obj);
    /* define from @xml; returns the (new) object's name, or NULL after reporting */
    char *(*define)(VshCtl *ctl, void *obj, const char *xml);
    /* the messages; each "%s" in them stands for the object's name */
    const char *not_changed;   /* "Network %s XML configuration not changed.\n" */
    const char *edited;        /* "Network %s XML configuration edited.\n" */
} VshEditOps;

bool vsh_edit(VshCtl *ctl, const VshEditOps *ops, void *obj, const char *name);
char *vsh_edit_tmpfile(VshCtl *ctl, const char *xml);
bool vsh_edit_run(VshCtl *ctl, const char *path);

/* ---- json.c: --json output ---- */

void vsh_json_print(VshCtl *ctl, json_object *obj);
json_object *vsh_json_str(const char *s);
void vsh_json_add_str(json_object *obj, const char *key, const char *val);
void vsh_json_add_int(json_object *obj, const char *key, long long val);
void vsh_json_add_uint(json_object *obj, const char *key, unsigned long long val);
void vsh_json_add_bool(json_object *obj, const char *key, bool val);
void vsh_json_add_tristate(json_object *obj, const char *key, int val);
void vsh_json_add_double(json_object *obj, const char *key, double val);

/* ---- console.c ---- */

bool vsh_console(VshCtl *ctl, virDomainPtr dom, const char *devname, unsigned int flags);

/* ---- fmt.c: formatting shared by families ---- */

char *vsh_pretty_bytes(unsigned long long bytes);
const char *vsh_domain_state_str(int state);
const char *vsh_domain_reason_str(int state, int reason);
char *vsh_cpumap_str(const unsigned char *map, int maxcpus);
char *vsh_cpumap_yn(const unsigned char *map, int maxcpus);
int vsh_cpulist_parse(VshCtl *ctl, const char *list, int maxcpus,
                      unsigned char **ret_map, int *ret_len);
int vsh_node_cpus(VshCtl *ctl);
bool vsh_affect_flags(VshCtl *ctl, const VshCmd *cmd, unsigned int *flags);
const char *vsh_yes_no(int val, const char *failed);
bool vsh_suspend_target(VshCtl *ctl, const char *name, unsigned int *ret);
char *vsh_xml_get(const char *xml, const char *xpath);
int vsh_read_xml_opt(VshCtl *ctl, const VshCmd *cmd, const char *opt, char **ret_xml);
char *vsh_xml_escape(const char *s);
GPtrArray *vsh_split_commas(const char *s);
void vsh_tree_print(VshCtl *ctl, const char *const *names, const char *const *parents,
                    size_t n);

/* --config/--live/--current, in that order */
#define VSH_OPT_CONFIG { "config", VSH_OT_BOOL, 0, "affect the persistent configuration" }
#define VSH_OPT_LIVE { "live", VSH_OT_BOOL, 0, "affect the running domain" }
#define VSH_OPT_CURRENT { "current", VSH_OT_BOOL, 0, "affect the domain's current state" }
#define VSH_AFFECT_OPTS VSH_OPT_CONFIG, VSH_OPT_LIVE, VSH_OPT_CURRENT

/* the domain option every domain command starts with */
#define VSH_DOMAIN_OPT \
    { "domain", VSH_OT_DATA, VSH_OF_REQUIRED, "the domain: name, id or UUID" }
