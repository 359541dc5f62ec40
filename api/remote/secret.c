/* api/remote/secret.c: the secret value calls of the remote driver, whose
 * opaque byte buffers the generator does not map (the rest of the secret
 * family is generated, events are in api/remote/events.c). */
#include "config.h"

#include <string.h>

#define ERR_DOMAIN VIR_FROM_REMOTE
#include "api/remote/remote.h"
#include "common/util/err.h"
#include "remote_client.h"

static RemoteConn *
secret_route(virConnectPtr conn)
{
    return remote_route(conn, API_DRV_SECRET);
}

/**
 * remote_op_secret_set_value() - SECRET_SET_VALUE
 */
int
remote_op_secret_set_value(virSecretPtr secret, const unsigned char *value, size_t size,
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
    remote_secret_to_wire(secret, &args.secret);
    args.value.value_len = size;
    args.value.value_val = (char *) value;
    return remote_call_secret_set_value(rc->client, &args);
}

/**
 * remote_op_secret_get_value() - SECRET_GET_VALUE; the buffer is freeable
 * with free()
 */
unsigned char *
remote_op_secret_get_value(virSecretPtr secret, size_t *size, unsigned int flags)
{
    RemoteConn *rc = secret_route(secret->conn);
    remote_secret_get_value_args args = { .flags = flags };
    remote_secret_get_value_ret ret = { 0 };
    unsigned char *value;

    if (!rc)
        return NULL;
    remote_secret_to_wire(secret, &args.secret);
    if (remote_call_secret_get_value(rc->client, &args, &ret) < 0)
        return NULL;
    /* one spare byte so an empty value is still a valid allocation */
    value = g_malloc0(ret.value.value_len + 1);
    memcpy(value, ret.value.value_val, ret.value.value_len);
    *size = ret.value.value_len;
    xdr_free((xdrproc_t) xdr_remote_secret_get_value_ret, (char *) &ret);
    return value;
}
