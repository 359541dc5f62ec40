/* api/test/test-secret.c: secrets of the test driver, kept in memory with
 * their values. libvirt's test driver has no secrets; behaviour, events and
 * messages follow libvirt's secret driver (virtsecretd). Values are never
 * written anywhere and are wiped when a secret goes. */
#include "config.h"

#include <string.h>

#define ERR_DOMAIN VIR_FROM_SECRET
#include "api/test/test-objects.h"
#include "common/conf/secret_conf.h"
#include "common/util/err.h"
#include "common/util/uuid.h"

/* flag errors come from libvirt's secret driver, in its domain */
#define check_flags(flags, allowed, fname) \
    test_obj_check_flags_in(VIR_FROM_SECRET, (flags), (allowed), (fname))

typedef struct {
    SecretDef *def;
    unsigned char *value;       /* NULL: no value set */
    size_t value_size;
} TestSecret;

struct TestSecrets {
    GHashTable *objs;           /* UUID string -> TestSecret */
};

static void
value_clear(TestSecret *sec)
{
    if (sec->value)
        memset(sec->value, 0, sec->value_size);
    g_clear_pointer(&sec->value, g_free);
    sec->value_size = 0;
}

static void
secret_free(gpointer p)
{
    TestSecret *sec = p;

    value_clear(sec);
    secret_def_free(sec->def);
    g_free(sec);
}

TestSecrets *
test_secrets_new(void)
{
    TestSecrets *secrets = g_new0(TestSecrets, 1);

    secrets->objs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, secret_free);
    return secrets;
}

void
test_secrets_free(TestSecrets *secrets)
{
    if (!secrets)
        return;
    g_hash_table_unref(secrets->objs);
    g_free(secrets);
}

/* test:///default has no secrets, as libvirt's test driver. */
int
test_secrets_add_defaults(TestSecrets *secrets, TestState *s)
{
    return 0;
}

static TestSecret *
find_by_uuid(TestSecrets *secrets, const unsigned char *uuid)
{
    char key[VIR_UUID_STRING_BUFLEN];

    uuid_format(uuid, key);
    return g_hash_table_lookup(secrets->objs, key);
}

static TestSecret *
find_by_usage(TestSecrets *secrets, int usage_type, const char *usage_id)
{
    GHashTableIter it;
    gpointer v;

    g_hash_table_iter_init(&it, secrets->objs);
    while (g_hash_table_iter_next(&it, NULL, &v)) {
        const SecretDef *def = ((TestSecret *) v)->def;

        if (def->usage_type == usage_type && def->usage_id && usage_id &&
            g_str_equal(def->usage_id, usage_id))
            return v;
    }
    return NULL;
}

static TestSecret *
get_by_uuid(TestState *s, const unsigned char *uuid)
{
    TestSecret *sec = find_by_uuid(s->secrets, uuid);
    char str[VIR_UUID_STRING_BUFLEN];

    if (!sec) {
        uuid_format(uuid, str);
        err_report(VIR_ERR_NO_SECRET, "no secret with matching uuid '%s'", str);
    }
    return sec;
}

static virSecretPtr
secret_handle(virConnectPtr conn, const SecretDef *def)
{
    return api_secret_new(conn, def->uuid, def->usage_type,
                          def->usage_id ? def->usage_id : "");
}

static void
emit(TestState *s, const SecretDef *def, int event_id, int event)
{
    TestEventData d = {
        .uuid = def->uuid, .usage_type = def->usage_type, .usage_id = def->usage_id,
        .event = event,
    };

    test_emit_event(s, API_EVENT_FAMILY_SECRET, event_id, &d);
}

/* Store @def (consumed on success) as libvirt's secret list does: a new
 * secret, or a redefinition of the same UUID that keeps the usage and the
 * value, and may make the secret private but never public again. */
static TestSecret *
assign_def(TestSecrets *secrets, SecretDef *def)
{
    TestSecret *sec = find_by_uuid(secrets, def->uuid);
    TestSecret *other = find_by_usage(secrets, def->usage_type, def->usage_id);
    char str[VIR_UUID_STRING_BUFLEN];

    if (sec) {
        if (sec->def->usage_type != def->usage_type ||
            g_strcmp0(sec->def->usage_id, def->usage_id) != 0) {
            uuid_format(sec->def->uuid, str);
            err_report(VIR_ERR_INTERNAL_ERROR,
                       "a secret with UUID %s is already defined for use with %s", str,
                       sec->def->usage_id ? sec->def->usage_id : "");
            return NULL;
        }
        if (sec->def->private && !def->private) {
            err_report(VIR_ERR_INTERNAL_ERROR, "%s",
                       "cannot change private flag on existing secret");
            return NULL;
        }
        secret_def_free(sec->def);
        sec->def = def;
        return sec;
    }
    if (other && def->usage_type != VIR_SECRET_USAGE_TYPE_NONE) {
        uuid_format(other->def->uuid, str);
        err_report(VIR_ERR_INTERNAL_ERROR, "a secret with UUID %s already defined for use "
                   "with %s", str, def->usage_id ? def->usage_id : "");
        return NULL;
    }
    sec = g_new0(TestSecret, 1);
    sec->def = def;
    uuid_format(def->uuid, str);
    g_hash_table_insert(secrets->objs, g_strdup(str), sec);
    return sec;
}

/* A host file may carry <secret> elements, with an optional base64
 * <value> (an extension of libvirt's host file format). */
int
test_secrets_load(TestSecrets *secrets, TestState *s, xmlNode *node, const char *basedir)
{
    g_autoptr(xmlDoc) doc = NULL;
    xmlNode *elem = test_node_resolve(node, basedir, &doc);
    g_autofree char *b64 = NULL;
    void *obj = NULL;
    TestSecret *sec;

    if (!elem || xmlmap_parse_node(&secret_def_schema, elem, &obj, 0) < 0)
        return -1;
    if (!(sec = assign_def(secrets, obj))) {
        secret_def_free(obj);
        return -1;
    }
    for (xmlNode *c = elem->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, BAD_CAST "value"))
            b64 = (char *) xmlNodeGetContent(c);
    }
    if (b64) {
        gsize len = 0;

        value_clear(sec);
        sec->value = g_base64_decode(g_strstrip(b64), &len);
        sec->value_size = len;
    }
    return 0;
}

/* ---- listing and lookups ------------------------------------------------- */

#define LIST_SECRETS_FILTERS_ALL \
    (VIR_CONNECT_LIST_SECRETS_EPHEMERAL | VIR_CONNECT_LIST_SECRETS_NO_EPHEMERAL | \
     VIR_CONNECT_LIST_SECRETS_PRIVATE | VIR_CONNECT_LIST_SECRETS_NO_PRIVATE)

static int
test_connect_num_of_secrets(virConnectPtr conn)
{
    TestState *s = test_state_from_conn(conn);
    int n;

    g_mutex_lock(&s->lock);
    n = (int) g_hash_table_size(s->secrets->objs);
    g_mutex_unlock(&s->lock);
    return n;
}

static int
test_connect_list_secrets(virConnectPtr conn, char **uuids, int maxuuids)
{
    TestState *s = test_state_from_conn(conn);
    GHashTableIter it;
    gpointer k;
    int n = 0;

    g_mutex_lock(&s->lock);
    g_hash_table_iter_init(&it, s->secrets->objs);
    while (n < maxuuids && g_hash_table_iter_next(&it, &k, NULL))
        uuids[n++] = g_strdup(k);
    g_mutex_unlock(&s->lock);
    return n;
}

static int
test_connect_list_all_secrets(virConnectPtr conn, virSecretPtr **secrets, unsigned int flags)
{
    TestState *s = test_state_from_conn(conn);
    GPtrArray *handles;
    GHashTableIter it;
    gpointer v;

    if (!check_flags(flags, LIST_SECRETS_FILTERS_ALL, "secretConnectListAllSecrets"))
        return -1;
    handles = g_ptr_array_new();
    g_mutex_lock(&s->lock);
    g_hash_table_iter_init(&it, s->secrets->objs);
    while (g_hash_table_iter_next(&it, NULL, &v)) {
        const SecretDef *def = ((TestSecret *) v)->def;

        if (test_obj_filter_pair(flags, VIR_CONNECT_LIST_SECRETS_EPHEMERAL,
                                 VIR_CONNECT_LIST_SECRETS_NO_EPHEMERAL, def->ephemeral) &&
            test_obj_filter_pair(flags, VIR_CONNECT_LIST_SECRETS_PRIVATE,
                                 VIR_CONNECT_LIST_SECRETS_NO_PRIVATE, def->private))
            g_ptr_array_add(handles, secret_handle(conn, def));
    }
    g_mutex_unlock(&s->lock);
    return test_obj_export_list(handles, (void ***) secrets);
}

static virSecretPtr
test_secret_lookup_by_uuid(virConnectPtr conn, const unsigned char *uuid)
{
    TestState *s = test_state_from_conn(conn);
    virSecretPtr ret = NULL;
    TestSecret *sec;

    g_mutex_lock(&s->lock);
    if ((sec = get_by_uuid(s, uuid)))
        ret = secret_handle(conn, sec->def);
    g_mutex_unlock(&s->lock);
    return ret;
}

static virSecretPtr
test_secret_lookup_by_usage(virConnectPtr conn, int usageType, const char *usageID)
{
    TestState *s = test_state_from_conn(conn);
    virSecretPtr ret = NULL;
    TestSecret *sec;

    g_mutex_lock(&s->lock);
    if ((sec = find_by_usage(s->secrets, usageType, usageID)))
        ret = secret_handle(conn, sec->def);
    else
        err_report(VIR_ERR_NO_SECRET, "no secret with matching usage '%s'", usageID);
    g_mutex_unlock(&s->lock);
    return ret;
}

/* ---- definitions and values ---------------------------------------------- */

static virSecretPtr
test_secret_define_xml(virConnectPtr conn, const char *xml, unsigned int flags)
{
    TestState *s = test_state_from_conn(conn);
    virSecretPtr ret = NULL;
    TestSecret *sec;
    SecretDef *def;

    if (!check_flags(flags, VIR_SECRET_DEFINE_VALIDATE, "secretDefineXML"))
        return NULL;
    def = secret_def_parse_string(xml, (flags & VIR_SECRET_DEFINE_VALIDATE) ?
                                  XMLMAP_PARSE_STRICT : 0);
    if (!def)
        return NULL;
    g_mutex_lock(&s->lock);
    if (!(sec = assign_def(s->secrets, def))) {
        secret_def_free(def);
    } else {
        emit(s, sec->def, VIR_SECRET_EVENT_ID_LIFECYCLE, VIR_SECRET_EVENT_DEFINED);
        ret = secret_handle(conn, sec->def);
    }
    g_mutex_unlock(&s->lock);
    return ret;
}

static char *
test_secret_get_xml_desc(virSecretPtr secret, unsigned int flags)
{
    TestState *s = test_state_from_conn(secret->conn);
    TestSecret *sec;
    char *ret = NULL;

    if (!check_flags(flags, 0, "secretGetXMLDesc"))
        return NULL;
    g_mutex_lock(&s->lock);
    if ((sec = get_by_uuid(s, secret->uuid)))
        ret = secret_def_format(sec->def, 0);
    g_mutex_unlock(&s->lock);
    return ret;
}

static int
test_secret_set_value(virSecretPtr secret, const unsigned char *value, size_t value_size,
                      unsigned int flags)
{
    TestState *s = test_state_from_conn(secret->conn);
    TestSecret *sec;
    int ret = -1;

    if (!check_flags(flags, 0, "secretSetValue"))
        return -1;
    g_mutex_lock(&s->lock);
    if ((sec = get_by_uuid(s, secret->uuid))) {
        value_clear(sec);
        sec->value = g_memdup2(value, value_size ? value_size : 1);
        sec->value_size = value_size;
        emit(s, sec->def, VIR_SECRET_EVENT_ID_VALUE_CHANGED, 0);
        ret = 0;
    }
    g_mutex_unlock(&s->lock);
    return ret;
}

static unsigned char *
test_secret_get_value(virSecretPtr secret, size_t *value_size, unsigned int flags)
{
    TestState *s = test_state_from_conn(secret->conn);
    unsigned char *ret = NULL;
    char str[VIR_UUID_STRING_BUFLEN];
    TestSecret *sec;

    if (!check_flags(flags, 0, "secretGetValue"))
        return NULL;
    g_mutex_lock(&s->lock);
    if (!(sec = get_by_uuid(s, secret->uuid)))
        goto out;
    if (!sec->value) {
        uuid_format(secret->uuid, str);
        err_report(VIR_ERR_NO_SECRET, "secret '%s' does not have a value", str);
        goto out;
    }
    if (sec->def->private) {
        err_report(VIR_ERR_INVALID_SECRET, "%s", "secret is private");
        goto out;
    }
    ret = g_memdup2(sec->value, sec->value_size ? sec->value_size : 1);
    *value_size = sec->value_size;
 out:
    g_mutex_unlock(&s->lock);
    return ret;
}

static int
test_secret_undefine(virSecretPtr secret)
{
    TestState *s = test_state_from_conn(secret->conn);
    char key[VIR_UUID_STRING_BUFLEN];
    TestSecret *sec;
    int ret = -1;

    g_mutex_lock(&s->lock);
    if ((sec = get_by_uuid(s, secret->uuid))) {
        emit(s, sec->def, VIR_SECRET_EVENT_ID_LIFECYCLE, VIR_SECRET_EVENT_UNDEFINED);
        uuid_format(secret->uuid, key);
        g_hash_table_remove(s->secrets->objs, key);
        ret = 0;
    }
    g_mutex_unlock(&s->lock);
    return ret;
}

/* ---- events -------------------------------------------------------------- */

static int
test_connect_secret_event_register_any(virConnectPtr conn, virSecretPtr secret, int eventID,
                                       virConnectSecretEventGenericCallback cb, void *opaque,
                                       virFreeCallback freecb)
{
    char buf[VIR_UUID_STRING_BUFLEN];

    if (eventID < 0 || eventID >= VIR_SECRET_EVENT_ID_LAST) {
        err_report(VIR_ERR_INVALID_ARG, "unsupported event ID %d", eventID);
        return -1;
    }
    return test_event_register(conn, API_EVENT_FAMILY_SECRET, eventID,
                               secret ? test_event_key(API_EVENT_FAMILY_SECRET, NULL,
                                                       secret->uuid, buf) : NULL,
                               (ApiEventGenericFunc) cb, opaque, freecb);
}

static int
test_connect_secret_event_deregister_any(virConnectPtr conn, int callbackID)
{
    return test_event_deregister(conn, API_EVENT_FAMILY_SECRET, callbackID);
}

const ApiSecretDriver test_secret_driver = {
    .name = "Test",
    .connectListAllSecrets = test_connect_list_all_secrets,
    .connectListSecrets = test_connect_list_secrets,
    .connectNumOfSecrets = test_connect_num_of_secrets,
    .connectSecretEventDeregisterAny = test_connect_secret_event_deregister_any,
    .connectSecretEventRegisterAny = test_connect_secret_event_register_any,
    .secretDefineXML = test_secret_define_xml,
    .secretGetValue = test_secret_get_value,
    .secretGetXMLDesc = test_secret_get_xml_desc,
    .secretLookupByUUID = test_secret_lookup_by_uuid,
    .secretLookupByUsage = test_secret_lookup_by_usage,
    .secretSetValue = test_secret_set_value,
    .secretUndefine = test_secret_undefine,
};
