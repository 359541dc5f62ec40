/* api/test/test-objects.h: the non-domain object families of the test
 * driver: networks (and their ports), storage pools and volumes, node
 * devices, host interfaces, secrets, network filters and filter bindings.
 * Each family keeps its objects in a table owned by the TestState, loads the
 * defaults libvirt 9.0's test driver shows (or a host file's elements), and
 * serves its ops table. Every op runs under TestState.lock. */
#pragma once

#include <libxml/tree.h>

#include "api/driver.h"
#include "api/test/test-priv.h"
#include "common/conf/xmlmap.h"

/* ---- per-family tables and their life cycle ----------------------------- */

/* Each family F in networks, pools, nodedevs, ifaces, secrets, nwfilters:
 *   test_F_new()            an empty table
 *   test_F_free()           free it (NULL allowed)
 *   test_F_add_defaults()   the objects of test:///default
 *   test_F_load()           one element of a host file (file='...' allowed,
 *                           relative to @basedir); pools read their nested
 *                           <volume> elements too
 * The loaders report one error and return -1 on failure. */

TestNetworks *test_networks_new(void);
void test_networks_free(TestNetworks *nets);
int test_networks_add_defaults(TestNetworks *nets, TestState *s);
int test_networks_load(TestNetworks *nets, TestState *s, xmlNode *node, const char *basedir);

TestPools *test_pools_new(void);
void test_pools_free(TestPools *pools);
int test_pools_add_defaults(TestPools *pools, TestState *s);
int test_pools_load(TestPools *pools, TestState *s, xmlNode *node, const char *basedir);

TestNodedevs *test_nodedevs_new(void);
void test_nodedevs_free(TestNodedevs *devs);
int test_nodedevs_add_defaults(TestNodedevs *devs, TestState *s);
int test_nodedevs_load(TestNodedevs *devs, TestState *s, xmlNode *node, const char *basedir);

TestIfaces *test_ifaces_new(void);
void test_ifaces_free(TestIfaces *ifaces);
int test_ifaces_add_defaults(TestIfaces *ifaces, TestState *s);
int test_ifaces_load(TestIfaces *ifaces, TestState *s, xmlNode *node, const char *basedir);

TestSecrets *test_secrets_new(void);
void test_secrets_free(TestSecrets *secrets);
int test_secrets_add_defaults(TestSecrets *secrets, TestState *s);
int test_secrets_load(TestSecrets *secrets, TestState *s, xmlNode *node, const char *basedir);

TestNWFilters *test_nwfilters_new(void);
void test_nwfilters_free(TestNWFilters *filters);
int test_nwfilters_add_defaults(TestNWFilters *filters, TestState *s);
int test_nwfilters_load(TestNWFilters *filters, TestState *s, xmlNode *node,
                        const char *basedir);

/* ---- cross-family services ------------------------------------------------ */

/* Storage -> node devices: a pool with an fc_host adapter makes the node
 * device family create (and on destroy remove) a vHBA, as libvirt's test
 * driver mocks it. Caller holds s->lock. Return 0 or -1 (reported). */
int test_nodedevs_create_vport(TestState *s, const char *wwnn, const char *wwpn);
int test_nodedevs_destroy_vport(TestState *s);

/* ---- ops tables ------------------------------------------------------------- */

extern const ApiNetworkDriver test_network_driver;
extern const ApiStorageDriver test_storage_driver;
extern const ApiNodeDeviceDriver test_nodedev_driver;
extern const ApiSecretDriver test_secret_driver;
extern const ApiInterfaceDriver test_interface_driver;
extern const ApiNWFilterDriver test_nwfilter_driver;

/* ---- helpers shared by the family files (test-objects.c) --------------------- */

/* Report VIR_ERR_INVALID_ARG "unsupported flags (0x..) in function @fname"
 * when @flags has bits outside @allowed, as libvirt's virCheckFlags does.
 * Return: true when the flags are acceptable. */
bool test_obj_check_flags(unsigned int flags, unsigned int allowed, const char *fname);
/* Same, in error domain @domain (families libvirt serves from other drivers). */
bool test_obj_check_flags_in(int domain, unsigned int flags, unsigned int allowed,
                             const char *fname);

/* Copy up to @maxnames names of @names (a GPtrArray of char *) into the
 * caller's array, as the List*() calls do. Return: how many were copied. */
int test_obj_copy_names(GPtrArray *names, char **const out, int maxnames);

/* Hand a GPtrArray of public handles to a ListAll caller: when @ret is
 * non-NULL it gets a NULL-terminated array (the handles move), otherwise
 * the handles are released. Return: the count. */
int test_obj_export_list(GPtrArray *handles, void ***ret);

/* Parse the element a host file names (following file='...') with the
 * model @schema and XMLMAP_PARSE_* @flags.
 * Return: the new object, or NULL (reported). */
void *test_obj_load_node(xmlNode *node, const char *basedir, const XmlSchema *schema,
                         unsigned int flags);

/* Whether a ListAll filter's pair of bits (ACTIVE/INACTIVE, PERSISTENT/
 * TRANSIENT...) lets an object through: neither bit set, @yes and @value,
 * or @no and not @value. */
bool test_obj_filter_pair(unsigned int flags, unsigned int yes, unsigned int no, bool value);

/* A family's object (a value of its table) -> its name when it is running
 * (@active) or when it is not (!@active); NULL otherwise. */
typedef const char *(*TestObjNameIf)(gconstpointer obj, bool active);

/* The NumOf*() (@out NULL) and List*() calls of the families whose objects
 * are running or defined only: count the objects of @objs in that state, or
 * copy up to @maxnames of their names into @out. Takes s->lock.
 * Return: how many were counted or copied. */
int test_obj_names_by_state(TestState *s, GHashTable *objs, TestObjNameIf name_if, bool active,
                            char **const out, int maxnames);
