/* api/secret.c: public entry points of the secret API. Each one resets the
 * last error, performs libvirt's client-side checks (valid objects,
 * read-only connections, NULL and range arguments) and hands over to the
 * remote driver; on failure it dispatches exactly one error. */
#include "config.h"

#include <string.h>

#define ERR_DOMAIN VIR_FROM_SECRET
#include "api/internal.h"
#include "api/remote/remote.h"
#include "common/util/err.h"
#include "common/util/uuid.h"

#define CHECK_CONN_OR(conn, retval) \
    do { \
        api_reset_error(); \
        if (!api_check_connect((conn), VIR_FROM_SECRET, __func__)) { \
            api_dispatch_error(NULL); \
            return retval; \
        } \
    } while (0)

#define CHECK_SECRET_OR(secret, retval) \
    do { \
        api_reset_error(); \
        if (!api_check_secret((secret), __func__)) { \
            api_dispatch_error(NULL); \
            return retval; \
        } \
    } while (0)

/**
 * virConnectNumOfSecrets() - number of defined secrets
 */
VIR_EXPORT int
virConnectNumOfSecrets(virConnectPtr conn)
{
    int n;

    CHECK_CONN_OR(conn, -1);
    n = remote_secret_num(conn);
    if (n < 0)
        api_dispatch_error(conn);
    return n;
}

/**
 * virConnectListSecrets() - UUID strings of up to @maxuuids secrets
 */
VIR_EXPORT int
virConnectListSecrets(virConnectPtr conn, char **uuids, int maxuuids)
{
    int n = -1;

    CHECK_CONN_OR(conn, -1);
    if (api_check_nonnull(uuids, VIR_FROM_SECRET, __func__, "uuids") &&
        api_check_nonnegative(maxuuids, VIR_FROM_SECRET, __func__, "maxuuids"))
        n = remote_secret_list(conn, uuids, maxuuids);
    if (n < 0)
        api_dispatch_error(conn);
    return n;
}

/**
 * virConnectListAllSecrets() - all secrets matching @flags
 * @secrets: receives a NULL-terminated array (caller frees the handles and
 *           the array), or NULL to only count
 */
VIR_EXPORT int
virConnectListAllSecrets(virConnectPtr conn, virSecretPtr **secrets, unsigned int flags)
{
    int n;

    if (secrets)
        *secrets = NULL;
    CHECK_CONN_OR(conn, -1);
    n = remote_secret_list_all(conn, secrets, flags);
    if (n < 0)
        api_dispatch_error(conn);
    return n;
}

/**
 * virSecretLookupByUUID() - find a secret by its raw UUID
 */
VIR_EXPORT virSecretPtr
virSecretLookupByUUID(virConnectPtr conn, const unsigned char *uuid)
{
    virSecretPtr s = NULL;

    CHECK_CONN_OR(conn, NULL);
    if (api_check_nonnull(uuid, VIR_FROM_SECRET, __func__, "uuid"))
        s = remote_secret_lookup_by_uuid(conn, uuid);
    if (!s)
        api_dispatch_error(conn);
    return s;
}

/**
 * virSecretLookupByUUIDString() - find a secret by its UUID text
 */
VIR_EXPORT virSecretPtr
virSecretLookupByUUIDString(virConnectPtr conn, const char *uuidstr)
{
    unsigned char uuid[VIR_UUID_BUFLEN];

    CHECK_CONN_OR(conn, NULL);
    if (!api_check_nonnull(uuidstr, VIR_FROM_SECRET, __func__, "uuidstr"))
        goto error;
    if (uuid_parse(uuidstr, uuid) < 0) {
        api_report_invalid_arg(VIR_FROM_SECRET, "uuidstr", "uuidstr in %s must be a valid UUID",
                               __func__);
        goto error;
    }
    return virSecretLookupByUUID(conn, uuid);

 error:
    api_dispatch_error(conn);
    return NULL;
}

/**
 * virSecretLookupByUsage() - find the secret used by (@usageType, @usageID)
 */
VIR_EXPORT virSecretPtr
virSecretLookupByUsage(virConnectPtr conn, int usageType, const char *usageID)
{
    virSecretPtr s = NULL;

    CHECK_CONN_OR(conn, NULL);
    if (api_check_nonnull(usageID, VIR_FROM_SECRET, __func__, "usageID"))
        s = remote_secret_lookup_by_usage(conn, usageType, usageID);
    if (!s)
        api_dispatch_error(conn);
    return s;
}

/**
 * virSecretDefineXML() - define (or redefine, by UUID) a secret
 */
VIR_EXPORT virSecretPtr
virSecretDefineXML(virConnectPtr conn, const char *xml, unsigned int flags)
{
    virSecretPtr s = NULL;

    CHECK_CONN_OR(conn, NULL);
    if (api_check_writable(conn, VIR_FROM_SECRET, __func__) &&
        api_check_nonnull(xml, VIR_FROM_SECRET, __func__, "xml"))
        s = remote_secret_define_xml(conn, xml, flags);
    if (!s)
        api_dispatch_error(conn);
    return s;
}

/**
 * virSecretGetXMLDesc() - XML description of a secret (caller frees)
 */
VIR_EXPORT char *
virSecretGetXMLDesc(virSecretPtr secret, unsigned int flags)
{
    char *xml;

    CHECK_SECRET_OR(secret, NULL);
    xml = remote_secret_get_xml_desc(secret, flags);
    if (!xml)
        api_dispatch_error(secret->conn);
    return xml;
}

/**
 * virSecretSetValue() - store a new value for a secret
 */
VIR_EXPORT int
virSecretSetValue(virSecretPtr secret, const unsigned char *value, size_t value_size,
                  unsigned int flags)
{
    int r = -1;

    CHECK_SECRET_OR(secret, -1);
    if (api_check_writable(secret->conn, VIR_FROM_SECRET, __func__) &&
        api_check_nonnull(value, VIR_FROM_SECRET, __func__, "value"))
        r = remote_secret_set_value(secret, value, value_size, flags);
    if (r < 0)
        api_dispatch_error(secret->conn);
    return r;
}

/**
 * virSecretGetValue() - fetch a secret's value (caller frees with free())
 */
VIR_EXPORT unsigned char *
virSecretGetValue(virSecretPtr secret, size_t *value_size, unsigned int flags)
{
    unsigned char *v = NULL;

    CHECK_SECRET_OR(secret, NULL);
    if (api_check_writable(secret->conn, VIR_FROM_SECRET, __func__) &&
        api_check_nonnull(value_size, VIR_FROM_SECRET, __func__, "value_size"))
        v = remote_secret_get_value(secret, value_size, flags);
    if (!v)
        api_dispatch_error(secret->conn);
    return v;
}

/**
 * virSecretUndefine() - delete a secret (the handle stays valid)
 */
VIR_EXPORT int
virSecretUndefine(virSecretPtr secret)
{
    int r = -1;

    CHECK_SECRET_OR(secret, -1);
    if (api_check_writable(secret->conn, VIR_FROM_SECRET, __func__))
        r = remote_secret_undefine(secret);
    if (r < 0)
        api_dispatch_error(secret->conn);
    return r;
}

/**
 * virConnectSecretEventRegisterAny() - receive secret events through the
 * application's event loop
 * @secret: only events of this secret, or NULL for all
 * @eventID: VIR_SECRET_EVENT_ID_*
 *
 * Return: callback id for virConnectSecretEventDeregisterAny, or -1.
 */
VIR_EXPORT int
virConnectSecretEventRegisterAny(virConnectPtr conn, virSecretPtr secret, int eventID,
                                 virConnectSecretEventGenericCallback cb, void *opaque,
                                 virFreeCallback freecb)
{
    int id;

    CHECK_CONN_OR(conn, -1);
    if (secret) {
        if (!api_check_secret(secret, __func__))
            goto error;
        if (secret->conn != conn) {
            char uuidstr[UUID_STR_LEN];

            uuid_format(secret->uuid, uuidstr);
            api_report_invalid_arg(VIR_FROM_SECRET, "secret",
                                   "secret '%s' in %s must match connection", uuidstr, __func__);
            goto error;
        }
    }
    if (!api_check_nonnull((const void *) cb, VIR_FROM_SECRET, __func__, "cb") ||
        !api_check_nonnegative(eventID, VIR_FROM_SECRET, __func__, "eventID"))
        goto error;
    if (eventID >= VIR_SECRET_EVENT_ID_LAST) {
        api_report_invalid_arg(VIR_FROM_SECRET, "eventID", "eventID in %s must be less than %d",
                               __func__, VIR_SECRET_EVENT_ID_LAST);
        goto error;
    }
    id = remote_secret_event_register(conn, secret, eventID, cb, opaque, freecb);
    if (id < 0)
        goto error;
    return id;

 error:
    api_dispatch_error(conn);
    return -1;
}

/**
 * virConnectSecretEventDeregisterAny() - remove a secret event callback
 */
VIR_EXPORT int
virConnectSecretEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    int r = -1;

    CHECK_CONN_OR(conn, -1);
    /* the callback's own reference on @conn goes away in here */
    api_object_ref(conn);
    if (api_check_nonnegative(callbackID, VIR_FROM_SECRET, __func__, "callbackID"))
        r = remote_secret_event_deregister(conn, callbackID);
    if (r < 0)
        api_dispatch_error(conn);
    api_object_unref(conn);
    return r;
}
