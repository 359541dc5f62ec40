/* api/test/test-driver.c: the in-process test driver's connections: URI
 * handling, the shared test:///default state and per-open host-file
 * states, host-file loading (dispatching each element to its family),
 * fake authentication, and the connection-level calls. Object behaviour
 * lives in the family files; this file only wires them together. */
#include "config.h"

#include <errno.h>
#include <netdb.h>
#include <string.h>
#include <unistd.h>

#define ERR_DOMAIN VIR_FROM_TEST
#include "api/driver.h"
#include "api/test/test-config.h"
#include "api/test/test-domain.h"
#include "api/test/test-ops.h"
#include "api/uri.h"
#if TEST_HAVE_OBJECTS
# include "api/test/test-objects.h"
#endif
#include "common/conf/xmlmap.h"
#include "common/util/err.h"
#include "common/util/file.h"

/* Host files larger than this are refused rather than read. */
#define TEST_HOST_FILE_MAX (64 * 1024 * 1024)

typedef struct {
    char *username;
    char *password;             /* NULL: no password asked */
} TestAuthUser;

/* test:///default is shared by every connection of the process (libvirt
 * does this so that events caused on one connection reach the others). */
static GMutex test_default_lock;
static TestState *test_default_state;

/**
 * test_state_from_conn() - the state behind a test connection
 *
 * Every family of a test connection reads the state the hypervisor open
 * hook stored in the connection.
 */
TestState *
test_state_from_conn(virConnectPtr conn)
{
    TestState *s = api_conn_priv(conn, API_DRV_HYPERVISOR);

    g_assert(s);
    return s;
}

static void
auth_user_free(gpointer p)
{
    TestAuthUser *u = p;

    g_free(u->username);
    g_free(u->password);
    g_free(u);
}

static TestState *
state_new(const char *path)
{
    TestState *s = g_new0(TestState, 1);

    g_mutex_init(&s->lock);
    s->refs = 1;
    s->path = g_strdup(path);
    s->conns = g_ptr_array_new();
    s->event_regs = g_ptr_array_new_with_free_func(test_event_regs_free);
    s->auth_users = g_ptr_array_new_with_free_func(auth_user_free);
    s->next_domain_id = 1;
    s->domains = test_domains_new();
#if TEST_HAVE_OBJECTS
    s->networks = test_networks_new();
    s->pools = test_pools_new();
    s->nodedevs = test_nodedevs_new();
    s->ifaces = test_ifaces_new();
    s->secrets = test_secrets_new();
    s->nwfilters = test_nwfilters_new();
#endif
    return s;
}

static void
state_free(TestState *s)
{
    if (!s)
        return;
#if TEST_HAVE_OBJECTS
    test_nwfilters_free(s->nwfilters);
    test_secrets_free(s->secrets);
    test_ifaces_free(s->ifaces);
    test_nodedevs_free(s->nodedevs);
    test_pools_free(s->pools);
    test_networks_free(s->networks);
#endif
    test_domains_free(s->domains);
    test_host_free(s->host);
    g_ptr_array_unref(s->auth_users);
    g_ptr_array_unref(s->event_regs);
    g_ptr_array_unref(s->conns);
    g_free(s->path);
    g_mutex_clear(&s->lock);
    g_free(s);
}

/* ---- host files ------------------------------------------------------- */

/**
 * test_node_resolve() - follow a file='...' reference (see test-priv.h)
 */
xmlNode *
test_node_resolve(xmlNode *node, const char *basedir, xmlDoc **ret_doc)
{
    g_autofree char *rel = (char *) xmlGetProp(node, BAD_CAST "file");
    g_autofree char *path = NULL;
    g_autofree char *text = NULL;
    xmlDoc *doc = NULL;
    xmlNode *root;
    int r;

    *ret_doc = NULL;
    if (!rel)
        return node;
    path = g_path_is_absolute(rel) ? g_strdup(rel) : g_build_filename(basedir, rel, NULL);
    r = file_read_all(path, TEST_HOST_FILE_MAX, &text, NULL);
    if (r < 0) {
        err_report(VIR_ERR_XML_ERROR, "failed to parse xml document '%s'", path);
        return NULL;
    }
    if (xmlmap_read_doc(text, path, VIR_FROM_TEST, &doc) < 0)
        return NULL;
    root = xmlDocGetRootElement(doc);
    if (!xmlStrEqual(root->name, node->name)) {
        err_report_full(VIR_FROM_XML, VIR_ERR_XML_ERROR, __FILE__, __func__, __LINE__,
                        "expecting root element of '%s', not '%s'",
                        (const char *) node->name, (const char *) root->name);
        xmlFreeDoc(doc);
        return NULL;
    }
    *ret_doc = doc;
    return root;
}

static int
load_auth(TestState *s, xmlNode *auth)
{
    for (xmlNode *n = auth->children; n; n = n->next) {
        g_autofree char *name = NULL;
        TestAuthUser *u;

        if (n->type != XML_ELEMENT_NODE || !xmlStrEqual(n->name, BAD_CAST "user"))
            continue;
        name = (char *) xmlNodeGetContent(n);
        if (!name || !*name) {
            err_report(VIR_ERR_XML_ERROR, "%s", "missing username in /node/auth/user field");
            return -1;
        }
        u = g_new0(TestAuthUser, 1);
        u->username = g_steal_pointer(&name);
        u->password = (char *) xmlGetProp(n, BAD_CAST "password");
        g_ptr_array_add(s->auth_users, u);
    }
    return 0;
}

/* Each family loads its own elements, in libvirt's order: domains,
 * networks, interfaces, pools, node devices, then authentication. Secrets
 * (<secret>, with an optional base64 <value>) and network filters
 * (<filter>) are ours: libvirt's test driver has neither family. */
static int
load_host_elements(TestState *s, xmlNode *root, const char *basedir)
{
    static const char *const order[] = {
        "domain", "network", "interface", "pool", "device", "secret", "filter", "auth",
    };

    for (size_t k = 0; k < G_N_ELEMENTS(order); k++) {
        for (xmlNode *n = root->children; n; n = n->next) {
            int r = 0;

            if (n->type != XML_ELEMENT_NODE || !xmlStrEqual(n->name, BAD_CAST order[k]))
                continue;
            if (k == 0)
                r = test_domains_load(s, n, basedir);
            else if (k == 7)
                r = load_auth(s, n);
#if TEST_HAVE_OBJECTS
            else if (k == 1)
                r = test_networks_load(s->networks, s, n, basedir);
            else if (k == 2)
                r = test_ifaces_load(s->ifaces, s, n, basedir);
            else if (k == 3)
                r = test_pools_load(s->pools, s, n, basedir);
            else if (k == 4)
                r = test_nodedevs_load(s->nodedevs, s, n, basedir);
            else if (k == 5)
                r = test_secrets_load(s->secrets, s, n, basedir);
            else if (k == 6)
                r = test_nwfilters_load(s->nwfilters, s, n, basedir);
#endif
            if (r < 0)
                return -1;
        }
    }
    return 0;
}

static TestState *
state_open_file(const char *path)
{
    g_autoptr(xmlDoc) doc = NULL;
    g_autofree char *text = NULL;
    g_autofree char *basedir = NULL;
    TestState *s;
    xmlNode *root;

    if (file_read_all(path, TEST_HOST_FILE_MAX, &text, NULL) < 0) {
        err_report(VIR_ERR_XML_ERROR, "failed to parse xml document '%s'", path);
        return NULL;
    }
    if (xmlmap_read_doc(text, path, VIR_FROM_TEST, &doc) < 0)
        return NULL;
    root = xmlDocGetRootElement(doc);
    if (!xmlStrEqual(root->name, BAD_CAST "node")) {
        err_report_full(VIR_FROM_XML, VIR_ERR_XML_ERROR, __FILE__, __func__, __LINE__,
                        "expecting root element of 'node', not '%s'",
                        (const char *) root->name);
        return NULL;
    }

    s = state_new(path);
    basedir = g_path_get_dirname(path);
    s->host = test_host_new_from_node(root);
    if (!s->host || load_host_elements(s, root, basedir) < 0) {
        state_free(s);
        return NULL;
    }
    return s;
}

static TestState *
state_open_default(void)
{
    TestState *s;

    g_mutex_lock(&test_default_lock);
    if (test_default_state) {
        s = test_default_state;
        g_atomic_int_inc(&s->refs);
        g_mutex_unlock(&test_default_lock);
        return s;
    }
    s = state_new(NULL);
    s->host = test_host_new_default();
    if (test_domains_add_defaults(s) < 0
#if TEST_HAVE_OBJECTS
        || test_networks_add_defaults(s->networks, s) < 0 ||
        test_ifaces_add_defaults(s->ifaces, s) < 0 ||
        test_pools_add_defaults(s->pools, s) < 0 ||
        test_nodedevs_add_defaults(s->nodedevs, s) < 0 ||
        test_secrets_add_defaults(s->secrets, s) < 0 ||
        test_nwfilters_add_defaults(s->nwfilters, s) < 0
#endif
        ) {
        g_mutex_unlock(&test_default_lock);
        state_free(s);
        return NULL;
    }
    test_default_state = s;
    g_mutex_unlock(&test_default_lock);
    return s;
}

static void
state_unref(TestState *s)
{
    bool last;

    /* the default lock also orders a last close against a new open */
    g_mutex_lock(&test_default_lock);
    last = g_atomic_int_dec_and_test(&s->refs);
    if (last && s == test_default_state)
        test_default_state = NULL;
    g_mutex_unlock(&test_default_lock);
    if (last)
        state_free(s);
}

/* ---- authentication --------------------------------------------------- */

static char *
auth_ask(virConnectAuthPtr auth, int type, const char *prompt)
{
    virConnectCredential cred = { 0 };
    bool offered = false;

    if (!auth || !auth->cb)
        return NULL;
    for (unsigned int i = 0; i < auth->ncredtype; i++)
        offered |= auth->credtype[i] == type;
    if (!offered)
        return NULL;
    cred.type = type;
    cred.prompt = prompt;
    if (auth->cb(&cred, 1, auth->cbdata) < 0) {
        g_free(cred.result);
        return NULL;
    }
    return cred.result;
}

/* Host files with <auth> ask for a user and (when it has one, or when the
 * user is unknown) a password, like libvirt's test driver. */
static int
test_authenticate(TestState *s, virConnectAuthPtr auth)
{
    g_autofree char *user = NULL;
    g_autofree char *password = NULL;
    TestAuthUser *found = NULL;

    if (s->auth_users->len == 0)
        return 0;
    user = auth_ask(auth, VIR_CRED_AUTHNAME, "Enter username for localhost");
    if (!user) {
        err_report(VIR_ERR_AUTH_FAILED, "%s", "Username request failed");
        return -1;
    }
    for (guint i = 0; i < s->auth_users->len && !found; i++) {
        TestAuthUser *u = g_ptr_array_index(s->auth_users, i);

        if (g_str_equal(u->username, user))
            found = u;
    }
    if (!found || found->password) {
        g_autofree char *prompt = g_strdup_printf("Enter %s's password for localhost", user);

        password = auth_ask(auth, VIR_CRED_PASSPHRASE, prompt);
        if (!password) {
            err_report(VIR_ERR_AUTH_FAILED, "%s", "Password request failed");
            return -1;
        }
    }
    if (!found || (password && !g_str_equal(found->password, password))) {
        err_report(VIR_ERR_AUTH_FAILED, "%s",
                   "authentication failed, see test XML for the correct username/password");
        return -1;
    }
    return 0;
}

/* ---- open / close ----------------------------------------------------- */

/**
 * test_connect_open() - claim test:///default and test:///path URIs
 *
 * Return: API_OPEN_DECLINED for other URIs (and test://host/, which the
 * remote driver serves), API_OPEN_SUCCESS, or API_OPEN_ERROR (reported).
 */
int
test_connect_open(virConnectPtr conn, ApiUri *uri, virConnectAuthPtr auth, unsigned int flags)
{
    TestState *s;

    (void) flags;
    if (!uri || !uri->scheme || !g_str_equal(uri->scheme, "test") || uri->server)
        return API_OPEN_DECLINED;
    if (!uri->path || !uri->path[0] || g_str_equal(uri->path, "/")) {
        err_report(VIR_ERR_INVALID_ARG, "%s",
                   "testOpen: supply a path or use test:///default");
        return API_OPEN_ERROR;
    }
    if (g_str_equal(uri->path, "/default"))
        s = state_open_default();
    else
        s = state_open_file(uri->path);
    if (!s)
        return API_OPEN_ERROR;
    if (test_authenticate(s, auth) < 0) {
        state_unref(s);
        return API_OPEN_ERROR;
    }

    g_mutex_lock(&s->lock);
    g_ptr_array_add(s->conns, conn);
    g_mutex_unlock(&s->lock);
    conn->priv[API_DRV_HYPERVISOR] = s;
    return API_OPEN_SUCCESS;
}

/**
 * test_connect_close() - detach @conn from its state (freed with the last)
 */
int
test_connect_close(virConnectPtr conn)
{
    TestState *s = conn->priv[API_DRV_HYPERVISOR];

    if (!s)
        return 0;
    conn->priv[API_DRV_HYPERVISOR] = NULL;

    g_mutex_lock(&s->lock);
    g_ptr_array_remove(s->conns, conn);
    test_event_conn_closed(s, conn);
    g_mutex_unlock(&s->lock);
    state_unref(s);
    return 0;
}

/* ---- connection-level calls ------------------------------------------- */

/**
 * test_connect_get_type() - virConnectGetType: "TEST"
 */
const char *
test_connect_get_type(virConnectPtr conn)
{
    (void) conn;
    return "TEST";
}

/**
 * test_connect_get_version() - virConnectGetVersion: the fake hypervisor is 0.0.2
 */
int
test_connect_get_version(virConnectPtr conn, unsigned long *hvVer)
{
    (void) conn;
    *hvVer = 2;
    return 0;
}

/**
 * test_connect_get_hostname() - virConnectGetHostname: this machine's name,
 * fully qualified when the resolver knows it
 */
char *
test_connect_get_hostname(virConnectPtr conn)
{
    char host[256];
    struct addrinfo hints = { .ai_flags = AI_CANONNAME, .ai_family = AF_UNSPEC };
    struct addrinfo *info = NULL;
    char *ret;

    (void) conn;
    if (gethostname(host, sizeof(host) - 1) < 0) {
        err_report_system(errno, "%s", "failed to determine host name");
        return NULL;
    }
    host[sizeof(host) - 1] = '\0';
    if (strchr(host, '.') || getaddrinfo(host, NULL, &hints, &info) != 0)
        return g_strdup(host);
    if (info && info->ai_canonname && !g_str_has_prefix(info->ai_canonname, "localhost"))
        ret = g_strdup(info->ai_canonname);
    else
        ret = g_strdup(host);
    freeaddrinfo(info);
    return ret;
}

/**
 * test_connect_is_secure() - virConnectIsSecure: in-process, so 1
 */
int
test_connect_is_secure(virConnectPtr conn)
{
    (void) conn;
    return 1;
}

/**
 * test_connect_is_encrypted() - virConnectIsEncrypted: 0
 */
int
test_connect_is_encrypted(virConnectPtr conn)
{
    (void) conn;
    return 0;
}

/**
 * test_connect_is_alive() - virConnectIsAlive: always 1
 */
int
test_connect_is_alive(virConnectPtr conn)
{
    (void) conn;
    return 1;
}

/* ---- domain event callbacks ------------------------------------------ */

/**
 * test_connect_domain_event_register() - virConnectDomainEventRegister
 */
int
test_connect_domain_event_register(virConnectPtr conn, virConnectDomainEventCallback cb,
                                   void *opaque, virFreeCallback freecb)
{
    return test_event_register_legacy(conn, cb, opaque, freecb) < 0 ? -1 : 0;
}

/**
 * test_connect_domain_event_deregister() - virConnectDomainEventDeregister
 */
int
test_connect_domain_event_deregister(virConnectPtr conn, virConnectDomainEventCallback cb)
{
    return test_event_deregister_legacy(conn, cb);
}

/**
 * test_connect_domain_event_register_any() - virConnectDomainEventRegisterAny
 */
int
test_connect_domain_event_register_any(virConnectPtr conn, virDomainPtr dom, int eventID,
                                       virConnectDomainEventGenericCallback cb, void *opaque,
                                       virFreeCallback freecb)
{
    char key[VIR_UUID_STRING_BUFLEN];

    return test_event_register(conn, API_EVENT_FAMILY_DOMAIN, eventID,
                               dom ? test_event_key(API_EVENT_FAMILY_DOMAIN, dom->name,
                                                    dom->uuid, key) : NULL,
                               (ApiEventGenericFunc) cb, opaque, freecb);
}

/**
 * test_connect_domain_event_deregister_any() - virConnectDomainEventDeregisterAny
 */
int
test_connect_domain_event_deregister_any(virConnectPtr conn, int callbackID)
{
    return test_event_deregister(conn, API_EVENT_FAMILY_DOMAIN, callbackID);
}

/**
 * test_connect_get_lib_version() - virConnectGetLibVersion: this library's
 */
int
test_connect_get_lib_version(virConnectPtr conn, unsigned long *libVer)
{
    (void) conn;
    *libVer = 9000000;
    return 0;
}

/**
 * test_connect_register_close_callback() - accepted and never called: an
 * in-process connection cannot drop (libvirt's test driver does the same)
 */
int
test_connect_register_close_callback(virConnectPtr conn, virConnectCloseFunc cb, void *opaque,
                                     virFreeCallback freecb)
{
    (void) conn;
    (void) cb;
    (void) opaque;
    (void) freecb;
    return 0;
}

/**
 * test_connect_unregister_close_callback() - see above
 */
int
test_connect_unregister_close_callback(virConnectPtr conn, virConnectCloseFunc cb)
{
    (void) conn;
    (void) cb;
    return 0;
}
