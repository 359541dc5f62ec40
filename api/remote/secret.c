/* api/remote/secret.c: the secret API family over RPC, routed to the
 * secret driver's daemon, plus secret event registration and delivery. */
#include "config.h"

#include <string.h>

#define ERR_DOMAIN VIR_FROM_REMOTE
#include "api/event-state.h"
#include "api/remote/remote.h"
#include "common/util/err.h"
#include "common/util/uuid.h"
#include "remote_client.h"

typedef struct {
    unsigned char uuid[VIR_UUID_BUFLEN];
    int usage_type;
    char *usage_id;
    int event;
    int detail;
} SecretEventData;

static RemoteConn *
secret_route(virConnectPtr conn)
{
    return remote_route(conn, API_DRV_SECRET);
}

static void
secret_to_wire(virSecretPtr secret, remote_nonnull_secret *out)
{
    memcpy(out->uuid, secret->uuid, VIR_UUID_BUFLEN);
    out->usageType = secret->usage_type;
    out->usageID = secret->usage_id;
}

static virSecretPtr
secret_from_wire(virConnectPtr conn, const remote_nonnull_secret *s)
{
    return api_secret_new(conn, (const unsigned char *) s->uuid, s->usageType, s->usageID);
}

/**
 * remote_secret_num() - CONNECT_NUM_OF_SECRETS
 */
int
remote_secret_num(virConnectPtr conn)
{
    RemoteConn *rc = secret_route(conn);
    remote_connect_num_of_secrets_ret ret = { 0 };

    if (!rc || remote_call_connect_num_of_secrets(rc->client, &ret) < 0)
        return -1;
    return ret.num;
}

/**
 * remote_secret_list() - CONNECT_LIST_SECRETS: UUID strings into @uuids
 *
 * Return: how many were stored (the caller frees them), or -1.
 */
int
remote_secret_list(virConnectPtr conn, char **uuids, int maxuuids)
{
    RemoteConn *rc = secret_route(conn);
    remote_connect_list_secrets_args args = { .maxuuids = maxuuids };
    remote_connect_list_secrets_ret ret = { 0 };
    int n;

    if (!rc)
        return -1;
    if (maxuuids > REMOTE_SECRET_LIST_MAX) {
        err_report(VIR_ERR_RPC, "Too many secrets '%d' for limit '%d'", maxuuids,
                   REMOTE_SECRET_LIST_MAX);
        return -1;
    }
    if (remote_call_connect_list_secrets(rc->client, &args, &ret) < 0)
        return -1;
    if (ret.uuids.uuids_len > (u_int) maxuuids) {
        err_report(VIR_ERR_RPC, "Too many secrets '%u' for limit '%d'",
                   ret.uuids.uuids_len, maxuuids);
        xdr_free((xdrproc_t) xdr_remote_connect_list_secrets_ret, (char *) &ret);
        return -1;
    }
    for (u_int i = 0; i < ret.uuids.uuids_len; i++)
        uuids[i] = g_strdup(ret.uuids.uuids_val[i]);
    n = ret.uuids.uuids_len;
    xdr_free((xdrproc_t) xdr_remote_connect_list_secrets_ret, (char *) &ret);
    return n;
}

/**
 * remote_secret_list_all() - CONNECT_LIST_ALL_SECRETS
 * @secrets: where to store a NULL-terminated array, or NULL to count only
 */
int
remote_secret_list_all(virConnectPtr conn, virSecretPtr **secrets, unsigned int flags)
{
    RemoteConn *rc = secret_route(conn);
    remote_connect_list_all_secrets_args args = { .need_results = !!secrets, .flags = flags };
    remote_connect_list_all_secrets_ret ret = { 0 };
    int n;

    if (!rc || remote_call_connect_list_all_secrets(rc->client, &args, &ret) < 0)
        return -1;
    if (secrets) {
        virSecretPtr *list = g_new0(virSecretPtr, ret.secrets.secrets_len + 1);

        for (u_int i = 0; i < ret.secrets.secrets_len; i++)
            list[i] = secret_from_wire(conn, &ret.secrets.secrets_val[i]);
        *secrets = list;
    }
    n = ret.ret;
    xdr_free((xdrproc_t) xdr_remote_connect_list_all_secrets_ret, (char *) &ret);
    return n;
}

/**
 * remote_secret_lookup_by_uuid() - SECRET_LOOKUP_BY_UUID
 */
virSecretPtr
remote_secret_lookup_by_uuid(virConnectPtr conn, const unsigned char *uuid)
{
    RemoteConn *rc = secret_route(conn);
    remote_secret_lookup_by_uuid_args args = { 0 };
    remote_secret_lookup_by_uuid_ret ret = { 0 };
    virSecretPtr s;

    if (!rc)
        return NULL;
    memcpy(args.uuid, uuid, VIR_UUID_BUFLEN);
    if (remote_call_secret_lookup_by_uuid(rc->client, &args, &ret) < 0)
        return NULL;
    s = secret_from_wire(conn, &ret.secret);
    xdr_free((xdrproc_t) xdr_remote_secret_lookup_by_uuid_ret, (char *) &ret);
    return s;
}

/**
 * remote_secret_lookup_by_usage() - SECRET_LOOKUP_BY_USAGE
 */
virSecretPtr
remote_secret_lookup_by_usage(virConnectPtr conn, int usage_type, const char *usage_id)
{
    RemoteConn *rc = secret_route(conn);
    remote_secret_lookup_by_usage_args args = {
        .usageType = usage_type, .usageID = (char *) usage_id,
    };
    remote_secret_lookup_by_usage_ret ret = { 0 };
    virSecretPtr s;

    if (!rc || remote_call_secret_lookup_by_usage(rc->client, &args, &ret) < 0)
        return NULL;
    s = secret_from_wire(conn, &ret.secret);
    xdr_free((xdrproc_t) xdr_remote_secret_lookup_by_usage_ret, (char *) &ret);
    return s;
}

/**
 * remote_secret_define_xml() - SECRET_DEFINE_XML
 */
virSecretPtr
remote_secret_define_xml(virConnectPtr conn, const char *xml, unsigned int flags)
{
    RemoteConn *rc = secret_route(conn);
    remote_secret_define_xml_args args = { .xml = (char *) xml, .flags = flags };
    remote_secret_define_xml_ret ret = { 0 };
    virSecretPtr s;

    if (!rc || remote_call_secret_define_xml(rc->client, &args, &ret) < 0)
        return NULL;
    s = secret_from_wire(conn, &ret.secret);
    xdr_free((xdrproc_t) xdr_remote_secret_define_xml_ret, (char *) &ret);
    return s;
}

/**
 * remote_secret_get_xml_desc() - SECRET_GET_XML_DESC
 */
char *
remote_secret_get_xml_desc(virSecretPtr secret, unsigned int flags)
{
    RemoteConn *rc = secret_route(secret->conn);
    remote_secret_get_xml_desc_args args = { .flags = flags };
    remote_secret_get_xml_desc_ret ret = { 0 };
    char *xml;

    if (!rc)
        return NULL;
    secret_to_wire(secret, &args.secret);
    if (remote_call_secret_get_xml_desc(rc->client, &args, &ret) < 0)
        return NULL;
    xml = g_strdup(ret.xml);
    xdr_free((xdrproc_t) xdr_remote_secret_get_xml_desc_ret, (char *) &ret);
    return xml;
}

/**
 * remote_secret_set_value() - SECRET_SET_VALUE
 */
int
remote_secret_set_value(virSecretPtr secret, const unsigned char *value, size_t size,
                        unsigned int flags)
{
    RemoteConn *rc = secret_route(secret->conn);
    remote_secret_set_value_args args = { .flags = flags };

    if (!rc)
        return -1;
    if (size > REMOTE_SECRET_VALUE_MAX) {
        err_report(VIR_ERR_RPC, "secret value of %zu bytes exceeds the limit of %d",
                   size, REMOTE_SECRET_VALUE_MAX);
        return -1;
    }
    secret_to_wire(secret, &args.secret);
    args.value.value_len = size;
    args.value.value_val = (char *) value;
    return remote_call_secret_set_value(rc->client, &args);
}

/**
 * remote_secret_get_value() - SECRET_GET_VALUE; the buffer is freeable
 * with free()
 */
unsigned char *
remote_secret_get_value(virSecretPtr secret, size_t *size, unsigned int flags)
{
    RemoteConn *rc = secret_route(secret->conn);
    remote_secret_get_value_args args = { .flags = flags };
    remote_secret_get_value_ret ret = { 0 };
    unsigned char *value;

    if (!rc)
        return NULL;
    secret_to_wire(secret, &args.secret);
    if (remote_call_secret_get_value(rc->client, &args, &ret) < 0)
        return NULL;
    /* one spare byte so an empty value is still a valid allocation */
    value = g_malloc0(ret.value.value_len + 1);
    memcpy(value, ret.value.value_val, ret.value.value_len);
    *size = ret.value.value_len;
    xdr_free((xdrproc_t) xdr_remote_secret_get_value_ret, (char *) &ret);
    return value;
}

/**
 * remote_secret_undefine() - SECRET_UNDEFINE
 */
int
remote_secret_undefine(virSecretPtr secret)
{
    RemoteConn *rc = secret_route(secret->conn);
    remote_secret_undefine_args args;

    if (!rc)
        return -1;
    secret_to_wire(secret, &args.secret);
    return remote_call_secret_undefine(rc->client, &args);
}

/* ---- events ---- */

static void
secret_event_data_free(gpointer p)
{
    SecretEventData *d = p;

    g_free(d->usage_id);
    g_free(d);
}

static void
secret_event_dispatch(virConnectPtr conn, const ApiEvent *ev, const ApiEventCallback *cb)
{
    const SecretEventData *d = ev->data;
    virSecretPtr secret = api_secret_new(conn, d->uuid, d->usage_type, d->usage_id);

    if (ev->event_id == VIR_SECRET_EVENT_ID_LIFECYCLE) {
        virConnectSecretEventLifecycleCallback fn =
            (virConnectSecretEventLifecycleCallback) cb->cb;

        fn(conn, secret, d->event, d->detail, cb->opaque);
    } else {
        virConnectSecretEventGenericCallback fn = (virConnectSecretEventGenericCallback) cb->cb;

        fn(conn, secret, cb->opaque);
    }
    api_object_unref(secret);
}

/**
 * remote_secret_on_event() - queue a secret event received on @rc
 */
void
remote_secret_on_event(RemoteConn *rc, int proc, void *msg)
{
    SecretEventData *d = g_new0(SecretEventData, 1);
    ApiEvent *ev = g_new0(ApiEvent, 1);
    const remote_nonnull_secret *s;
    char key[UUID_STR_LEN];

    if (proc == REMOTE_PROC_SECRET_EVENT_LIFECYCLE) {
        remote_secret_event_lifecycle_msg *m = msg;

        s = &m->secret;
        ev->remote_id = m->callbackID;
        ev->event_id = VIR_SECRET_EVENT_ID_LIFECYCLE;
        d->event = m->event;
        d->detail = m->detail;
    } else {
        remote_secret_event_value_changed_msg *m = msg;

        s = &m->secret;
        ev->remote_id = m->callbackID;
        ev->event_id = VIR_SECRET_EVENT_ID_VALUE_CHANGED;
    }
    memcpy(d->uuid, s->uuid, VIR_UUID_BUFLEN);
    d->usage_type = s->usageType;
    d->usage_id = g_strdup(s->usageID);
    uuid_format(d->uuid, key);

    ev->family = API_EVENT_FAMILY_SECRET;
    ev->source = rc;
    ev->key = g_strdup(key);
    ev->dispatch = secret_event_dispatch;
    ev->data = d;
    ev->data_free = secret_event_data_free;
    api_event_queue(rc->owner, ev);
}

/**
 * remote_secret_event_register() - add a secret event callback; the daemon
 * is asked only for the first callback of a given (event, secret) pair
 */
int
remote_secret_event_register(virConnectPtr conn, virSecretPtr secret, int event_id,
                             virConnectSecretEventGenericCallback cb, void *opaque,
                             virFreeCallback freecb)
{
    RemoteConn *rc = secret_route(conn);
    remote_connect_secret_event_register_any_args args = { .eventID = event_id };
    remote_connect_secret_event_register_any_ret ret = { 0 };
    remote_nonnull_secret filter;
    char key[UUID_STR_LEN];
    int count;
    int remote_id;
    int id;

    if (!rc)
        return -1;
    if (secret)
        uuid_format(secret->uuid, key);
    id = api_event_register(conn, API_EVENT_FAMILY_SECRET, event_id, secret ? key : NULL,
                            rc, (ApiEventGenericFunc) cb, opaque, freecb, &count, &remote_id);
    if (id < 0 || count > 1)
        return id;

    if (secret) {
        secret_to_wire(secret, &filter);
        args.secret = &filter;
    }
    if (remote_call_connect_secret_event_register_any(rc->client, &args, &ret) < 0) {
        api_event_forget(conn, id);
        return -1;
    }
    api_event_set_remote_id(conn, id, ret.callbackID);
    return id;
}

/**
 * remote_secret_event_deregister() - remove a secret event callback; the
 * daemon is told when the last one sharing its server id goes
 */
int
remote_secret_event_deregister(virConnectPtr conn, int callback_id)
{
    remote_connect_secret_event_deregister_any_args args = { 0 };
    const void *source = NULL;
    int remote_id;
    int remaining;

    if (api_event_lookup(conn, API_EVENT_FAMILY_SECRET, callback_id, &remote_id, &source) < 0)
        return -1;
    remaining = api_event_deregister(conn, callback_id);
    if (remaining != 0 || remote_id < 0)
        return remaining < 0 ? -1 : 0;
    args.callbackID = remote_id;
    return remote_call_connect_secret_event_deregister_any(((const RemoteConn *) source)->client,
                                                           &args);
}
