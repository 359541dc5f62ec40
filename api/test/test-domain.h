/* api/test/test-domain.h: the domain side of the test driver (domains,
 * snapshots, checkpoints, the fake host). Shared by test-driver.c,
 * test-host.c, test-event.c, test-domain*.c, test-snapshot.c and
 * test-checkpoint.c; the other object families never include it. */
#pragma once

#include <stdbool.h>
#include <glib.h>
#include <libxml/tree.h>

#include "api/test/test-priv.h"
#include "common/conf/domain/domain.h"

/* ---- snapshots and checkpoints (test-moment.c) ---- */

typedef enum {
    TEST_MOMENT_SNAPSHOT,
    TEST_MOMENT_CHECKPOINT,
} TestMomentKind;

typedef struct {
    char *name;                 /* target name (vda) */
    int mode;                   /* snapshot: VIR_DOMAIN_SNAPSHOT_LOCATION_*;
                                 * checkpoint: TEST_CHECKPOINT_DISK_* */
    char *file;                 /* snapshot: <source file=> of an external disk */
    char *bitmap;               /* checkpoint: bitmap name */
} TestMomentDisk;

enum {
    TEST_CHECKPOINT_DISK_DEFAULT,
    TEST_CHECKPOINT_DISK_NO,
    TEST_CHECKPOINT_DISK_BITMAP,
};

/* A snapshot or a checkpoint: the metadata of libvirt's
 * <domainsnapshot>/<domaincheckpoint> the test driver keeps. */
typedef struct TestMoment {
    TestMomentKind kind;
    char *name;
    char *description;
    char *parent;               /* parent's name, NULL for a root */
    unsigned long long creation_time;
    int state;                  /* snapshots: virDomainSnapshotState */
    int memory;                 /* snapshots: VIR_DOMAIN_SNAPSHOT_LOCATION_* */
    char *memory_file;
    TestMomentDisk *disks;
    size_t ndisks;
    DomainDef *dom;             /* domain at the time of the moment, may be NULL */
    unsigned int active;        /* host files: <active>1</active> marks the current one */
} TestMoment;

typedef struct {
    GPtrArray *list;            /* TestMoment*, in creation order */
    TestMoment *current;
} TestMoments;

void test_moment_free(TestMoment *m);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(TestMoment, test_moment_free)
void test_moments_init(TestMoments *ms);
void test_moments_clear(TestMoments *ms);
TestMoment *test_moments_find(const TestMoments *ms, const char *name);

/* Parse <domainsnapshot>/<domaincheckpoint> text or node. @redefine keeps
 * the state, parent, creation time and domain found in the XML.
 * Return: the moment, or NULL (reported). */
TestMoment *test_moment_parse(TestMomentKind kind, const char *xml, bool redefine);
TestMoment *test_moment_parse_node(TestMomentKind kind, xmlNode *node, bool redefine);
/* Format; @flags: TEST_MOMENT_FORMAT_*. */
enum {
    TEST_MOMENT_FORMAT_SECURE = 1 << 0,
    TEST_MOMENT_FORMAT_NO_DOMAIN = 1 << 1,
    TEST_MOMENT_FORMAT_CURRENT = 1 << 2,     /* add <active>1</active> */
};
char *test_moment_format(const TestMoment *m, const unsigned char *domain_uuid,
                         unsigned int flags);

/* Tree helpers: children of @parent (NULL: roots), descendants. */
void test_moments_collect(const TestMoments *ms, const TestMoment *from,
                          bool descendants, GPtrArray *out);
bool test_moments_is_leaf(const TestMoments *ms, const TestMoment *m);

/* ---- domains (test-domain.c) ---- */

typedef struct TestDomain {
    DomainDef *def;             /* live definition when active, else config */
    DomainDef *newdef;          /* persistent config while active, or NULL */
    int state;                  /* virDomainState */
    int reason;
    bool persistent;
    bool autostart;
    bool managed_save;
    bool frozen[2];             /* "/" and "/boot", for FSFreeze/FSThaw */
    long long time_sec;         /* GetTime/SetTime */
    unsigned int time_nsec;
    TestMoments snapshots;
    TestMoments checkpoints;
    GArray *iothread_polls;     /* TestIOThreadPoll, live polling settings */
} TestDomain;

/* Polling settings of a running IOThread (not part of the XML). */
typedef struct {
    unsigned int id;
    unsigned long long max_ns;
    unsigned long long grow;
    unsigned long long shrink;
} TestIOThreadPoll;

struct TestDomains {
    GPtrArray *list;            /* TestDomain*, in definition order */
};

TestDomains *test_domains_new(void);
void test_domains_free(TestDomains *doms);

TestDomain *test_domain_new(DomainDef *def);
void test_domain_free(TestDomain *dom);
void test_domains_add(TestDomains *doms, TestDomain *dom);
void test_domains_remove(TestDomains *doms, TestDomain *dom);

TestDomain *test_domains_find_uuid(TestDomains *doms, const unsigned char *uuid);
TestDomain *test_domains_find_name(TestDomains *doms, const char *name);
TestDomain *test_domains_find_id(TestDomains *doms, int id);

static inline bool
test_domain_is_active(const TestDomain *dom)
{
    return dom->def->has_id;
}

/* The domain behind @dom (a virDomainPtr of a test connection); reports
 * VIR_ERR_NO_DOMAIN naming its UUID and name when it is gone. The caller
 * holds @s->lock. */
TestDomain *test_domain_get(TestState *s, virDomainPtr dom);
/* A public handle for @dom on @conn. */
virDomainPtr test_domain_handle(virConnectPtr conn, const TestDomain *dom);

/* VIR_ERR_OPERATION_INVALID "domain is not running" unless active. */
int test_domain_check_active(const TestDomain *dom);

/* libvirt's AFFECT_CURRENT/LIVE/CONFIG resolution for one definition:
 * Return: the definition to use, or NULL (reported). @ret_live (optional)
 * tells whether it is the live one. */
DomainDef *test_domain_one_def(TestDomain *dom, unsigned int flags, bool *ret_live);
/* Both: *@ret_live and/or *@ret_config set (NULL when not affected).
 * Return: 0, or -1 (reported). */
int test_domain_defs(TestDomain *dom, unsigned int flags, DomainDef **ret_live,
                     DomainDef **ret_config);

/* State transitions. test_domain_start() gives the domain an id and, for a
 * persistent domain, keeps the config aside (newdef). test_domain_stop()
 * drops the live definition. Neither queues events. */
void test_domain_start(TestState *s, TestDomain *dom, int reason);
void test_domain_stop(TestDomain *dom, virDomainPtr handle, int reason);
/* After a stop: a transient domain disappears. */
void test_domain_stop_cleanup(TestState *s, TestDomain *dom);

/* Parse and prepare a definition the way the driver does (default arch,
 * interface names). @flags: VIR_DOMAIN_DEFINE_VALIDATE semantics via
 * @validate. Return: the definition, or NULL (reported). */
DomainDef *test_domain_parse(const char *xml, bool validate);
/* Defaults the driver fills in a parsed definition. */
int test_domain_prepare_def(DomainDef *def);

/* Add @def (ownership taken on success) as a new domain or as the new
 * definition of the existing one with the same UUID. @live: CreateXML and
 * restore semantics (refuse an active duplicate). *@ret_old_existed tells
 * whether a domain was replaced. Return: the domain, or NULL (reported). */
TestDomain *test_domains_assign(TestState *s, DomainDef *def, bool live,
                                bool *ret_old_existed);

/* Load the <domain> elements of a custom host file (test-domain.c). */
int test_domains_load(TestState *s, xmlNode *node, const char *basedir);
int test_domains_add_defaults(TestState *s);

/* ---- events (test-event.c) ---- */

void test_domain_event_lifecycle(TestState *s, const TestDomain *dom, int event, int detail);
void test_domain_event_metadata(TestState *s, const TestDomain *dom, int type,
                                const char *nsuri);
void test_domain_event_device(TestState *s, const TestDomain *dom, int event_id,
                              const char *alias);

/* ---- host (test-host.c) ---- */

#define TEST_MAX_CELLS 16

typedef struct {
    unsigned long long mem;     /* KiB */
    unsigned long long free_mem;
    unsigned int ncpus;
    unsigned int first_cpu;
} TestCell;

struct TestHost {
    virNodeInfo info;
    TestCell cells[TEST_MAX_CELLS];
    unsigned int ncells;
    char *caps_xml;             /* built once, immutable */
};

TestHost *test_host_new_default(void);
/* Host for a custom file: default node info overridden by <node><cpu>,
 * <memory>; no NUMA cells, as libvirt does. */
TestHost *test_host_new_from_node(xmlNode *root);
void test_host_free(TestHost *host);
int test_host_max_cpus(const TestHost *host);

/* ---- typed parameters (test-domain-tune.c) ---- */

typedef struct {
    const char *name;
    int type;                   /* VIR_TYPED_PARAM_* */
} TestParamSpec;

/* libvirt's virTypedParamsValidate(): every parameter known, of the right
 * type, not repeated. Return: 0, or -1 (reported). */
int test_params_validate(virTypedParameterPtr params, int nparams,
                         const TestParamSpec *spec, size_t nspec);

/* ---- CPU sets (test-domain.c) ---- */

/* Fill the libvirt cpumap @map (@maplen bytes, CPU i = bit i%8 of byte
 * i/8) from the cpuset text @set ("0-3,^2,8"). Bits beyond the map are
 * ignored. Return: 0, or -1 (reported) for malformed text. */
int test_cpuset_to_map(const char *set, unsigned char *map, int maplen);
/* Text of the CPUs set in @map ("0-3,5"); NULL when none is set. */
char *test_cpuset_from_map(const unsigned char *map, int maplen);
/* Set the first @ncpus bits of @map (all host CPUs). */
void test_cpumap_fill(unsigned char *map, int maplen, int ncpus);

/* virConnectDomainEventRegister()/Deregister() (test-event.c). */
int test_event_register_legacy(virConnectPtr conn, virConnectDomainEventCallback cb,
                               void *opaque, virFreeCallback freecb);
int test_event_deregister_legacy(virConnectPtr conn, virConnectDomainEventCallback cb);
/* Forget the registrations of @conn (closing); caller holds @s->lock. */
void test_event_conn_closed(TestState *s, virConnectPtr conn);
void test_event_regs_free(gpointer reg);

/* Entry point prologue: take @s->lock and find @handle's domain.
 * Return: the domain with the lock held, or NULL with the lock released
 * and VIR_ERR_NO_DOMAIN reported. */
TestDomain *test_domain_begin(TestState *s, virDomainPtr handle);

/* The snapshot or checkpoint @name of @dom; NULL when there is none
 * (reported). test_moment_begin() is test_domain_begin() followed by
 * test_moment_get(): the lock stays held only on success (test-moment.c). */
TestMoment *test_moment_get(TestDomain *dom, TestMomentKind kind, const char *name);
TestMoment *test_moment_begin(TestState *s, TestMomentKind kind, virDomainPtr domain,
                              const char *name, TestDomain **ret_dom);

/* ---- device lookups (test-domain-stats.c) ---- */

/* The disk whose target name or source path is @path, or NULL. */
DomainDisk *test_domain_find_disk(const DomainDef *def, const char *path);
/* The interface whose target name or MAC address is @device; NULL with
 * "'@device' is not a known interface" reported. */
DomainNet *test_domain_find_net(const DomainDef *def, const char *device);

/* Append the "iothread.*" statistics of @dom (test-domain-tune.c). */
void test_domain_iothread_stats(TestDomain *dom, virTypedParameterPtr *params, int *nparams,
                                int *maxparams);

/* Delete @m (and/or its descendants) from @ms, keeping the tree and the
 * current moment consistent (test-snapshot.c). */
void test_moments_delete(TestMoments *ms, TestMoment *m, bool children, bool children_only);
