/* api/remote/wire.c: conversions between public objects and their wire
 * references (remote_nonnull_*), typed parameter lists and name lists, used
 * by the generated and hand-written remote ops alike. */
#include "config.h"

#include <string.h>

#define ERR_DOMAIN VIR_FROM_REMOTE
#include "api/remote/remote.h"
#include "common/util/err.h"

/* ---- objects to the wire (borrowing strings) ---- */

void
remote_domain_to_wire(virDomainPtr obj, remote_nonnull_domain *out)
{
    out->name = obj->name;
    memcpy(out->uuid, obj->uuid, VIR_UUID_BUFLEN);
    out->id = obj->id;
}

void
remote_network_to_wire(virNetworkPtr obj, remote_nonnull_network *out)
{
    out->name = obj->name;
    memcpy(out->uuid, obj->uuid, VIR_UUID_BUFLEN);
}

void
remote_network_port_to_wire(virNetworkPortPtr obj, remote_nonnull_network_port *out)
{
    remote_network_to_wire(obj->net, &out->net);
    memcpy(out->uuid, obj->uuid, VIR_UUID_BUFLEN);
}

void
remote_interface_to_wire(virInterfacePtr obj, remote_nonnull_interface *out)
{
    out->name = obj->name;
    out->mac = obj->mac ? obj->mac : (char *) "";
}

void
remote_storage_pool_to_wire(virStoragePoolPtr obj, remote_nonnull_storage_pool *out)
{
    out->name = obj->name;
    memcpy(out->uuid, obj->uuid, VIR_UUID_BUFLEN);
}

void
remote_storage_vol_to_wire(virStorageVolPtr obj, remote_nonnull_storage_vol *out)
{
    out->pool = obj->pool ? obj->pool : (char *) "";
    out->name = obj->name;
    out->key = obj->key ? obj->key : (char *) "";
}

void
remote_node_device_to_wire(virNodeDevicePtr obj, remote_nonnull_node_device *out)
{
    out->name = obj->name;
}

void
remote_secret_to_wire(virSecretPtr obj, remote_nonnull_secret *out)
{
    memcpy(out->uuid, obj->uuid, VIR_UUID_BUFLEN);
    out->usageType = obj->usage_type;
    out->usageID = obj->usage_id ? obj->usage_id : (char *) "";
}

void
remote_nwfilter_to_wire(virNWFilterPtr obj, remote_nonnull_nwfilter *out)
{
    out->name = obj->name;
    memcpy(out->uuid, obj->uuid, VIR_UUID_BUFLEN);
}

void
remote_nwfilter_binding_to_wire(virNWFilterBindingPtr obj, remote_nonnull_nwfilter_binding *out)
{
    out->portdev = obj->portdev;
    out->filtername = obj->filtername ? obj->filtername : (char *) "";
}

void
remote_domain_snapshot_to_wire(virDomainSnapshotPtr obj, remote_nonnull_domain_snapshot *out)
{
    out->name = obj->name;
    remote_domain_to_wire(obj->domain, &out->dom);
}

void
remote_domain_checkpoint_to_wire(virDomainCheckpointPtr obj,
                                 remote_nonnull_domain_checkpoint *out)
{
    out->name = obj->name;
    remote_domain_to_wire(obj->domain, &out->dom);
}

/* ---- objects from the wire (new handles, one reference) ---- */

virDomainPtr
remote_domain_from_wire(virConnectPtr conn, const remote_nonnull_domain *in)
{
    return api_domain_new(conn, in->name, (const unsigned char *) in->uuid, in->id);
}

virNetworkPtr
remote_network_from_wire(virConnectPtr conn, const remote_nonnull_network *in)
{
    return api_network_new(conn, in->name, (const unsigned char *) in->uuid);
}

virNetworkPortPtr
remote_network_port_from_wire(virConnectPtr conn, const remote_nonnull_network_port *in)
{
    virNetworkPtr net = remote_network_from_wire(conn, &in->net);
    virNetworkPortPtr port = api_network_port_new(net, (const unsigned char *) in->uuid);

    api_object_unref(net);
    return port;
}

virInterfacePtr
remote_interface_from_wire(virConnectPtr conn, const remote_nonnull_interface *in)
{
    return api_interface_new(conn, in->name, in->mac);
}

virStoragePoolPtr
remote_storage_pool_from_wire(virConnectPtr conn, const remote_nonnull_storage_pool *in)
{
    return api_storage_pool_new(conn, in->name, (const unsigned char *) in->uuid);
}

virStorageVolPtr
remote_storage_vol_from_wire(virConnectPtr conn, const remote_nonnull_storage_vol *in)
{
    return api_storage_vol_new(conn, in->pool, in->name, in->key);
}

virNodeDevicePtr
remote_node_device_from_wire(virConnectPtr conn, const remote_nonnull_node_device *in)
{
    return api_node_device_new(conn, in->name);
}

virSecretPtr
remote_secret_from_wire(virConnectPtr conn, const remote_nonnull_secret *in)
{
    return api_secret_new(conn, (const unsigned char *) in->uuid, in->usageType, in->usageID);
}

virNWFilterPtr
remote_nwfilter_from_wire(virConnectPtr conn, const remote_nonnull_nwfilter *in)
{
    return api_nwfilter_new(conn, in->name, (const unsigned char *) in->uuid);
}

virNWFilterBindingPtr
remote_nwfilter_binding_from_wire(virConnectPtr conn, const remote_nonnull_nwfilter_binding *in)
{
    return api_nwfilter_binding_new(conn, in->portdev, in->filtername);
}

virDomainSnapshotPtr
remote_domain_snapshot_from_wire(virConnectPtr conn, const remote_nonnull_domain_snapshot *in)
{
    virDomainPtr dom = remote_domain_from_wire(conn, &in->dom);
    virDomainSnapshotPtr snap = api_domain_snapshot_new(dom, in->name);

    api_object_unref(dom);
    return snap;
}

virDomainCheckpointPtr
remote_domain_checkpoint_from_wire(virConnectPtr conn,
                                   const remote_nonnull_domain_checkpoint *in)
{
    virDomainPtr dom = remote_domain_from_wire(conn, &in->dom);
    virDomainCheckpointPtr cp = api_domain_checkpoint_new(dom, in->name);

    api_object_unref(dom);
    return cp;
}

/* ---- typed parameters ---- */

/**
 * remote_params_to_wire() - typed parameters as a wire list (strings
 * borrowed from @params; g_free(*@ret_val) afterwards)
 */
int
remote_params_to_wire(virTypedParameterPtr params, int nparams, int max,
                      remote_typed_param **ret_val, u_int *ret_len)
{
    remote_typed_param *val;

    if (nparams < 0 || nparams > max) {
        err_report(VIR_ERR_RPC, "too many parameters '%d' for limit '%d'", nparams, max);
        return -1;
    }
    val = g_new0(remote_typed_param, nparams);
    for (int i = 0; i < nparams; i++) {
        remote_typed_param_value *v = &val[i].value;

        val[i].field = params[i].field;
        v->type = params[i].type;
        switch (params[i].type) {
        case VIR_TYPED_PARAM_INT:
            v->remote_typed_param_value_u.i = params[i].value.i;
            break;
        case VIR_TYPED_PARAM_UINT:
            v->remote_typed_param_value_u.ui = params[i].value.ui;
            break;
        case VIR_TYPED_PARAM_LLONG:
            v->remote_typed_param_value_u.l = params[i].value.l;
            break;
        case VIR_TYPED_PARAM_ULLONG:
            v->remote_typed_param_value_u.ul = params[i].value.ul;
            break;
        case VIR_TYPED_PARAM_DOUBLE:
            v->remote_typed_param_value_u.d = params[i].value.d;
            break;
        case VIR_TYPED_PARAM_BOOLEAN:
            v->remote_typed_param_value_u.b = params[i].value.b;
            break;
        case VIR_TYPED_PARAM_STRING:
            v->remote_typed_param_value_u.s = params[i].value.s ? params[i].value.s : (char *) "";
            break;
        default:
            err_report(VIR_ERR_RPC, "unknown parameter type: %d", params[i].type);
            g_free(val);
            return -1;
        }
    }
    *ret_val = val;
    *ret_len = nparams;
    return 0;
}

static int
remote_param_from_wire(const remote_typed_param *in, virTypedParameterPtr out)
{
    const remote_typed_param_value *v = &in->value;

    memset(out, 0, sizeof(*out));
    if (g_strlcpy(out->field, in->field, VIR_TYPED_PARAM_FIELD_LENGTH) >=
        VIR_TYPED_PARAM_FIELD_LENGTH) {
        err_report(VIR_ERR_RPC, "parameter %s too big for destination", in->field);
        return -1;
    }
    out->type = v->type;
    switch (v->type) {
    case VIR_TYPED_PARAM_INT:
        out->value.i = v->remote_typed_param_value_u.i;
        break;
    case VIR_TYPED_PARAM_UINT:
        out->value.ui = v->remote_typed_param_value_u.ui;
        break;
    case VIR_TYPED_PARAM_LLONG:
        out->value.l = v->remote_typed_param_value_u.l;
        break;
    case VIR_TYPED_PARAM_ULLONG:
        out->value.ul = v->remote_typed_param_value_u.ul;
        break;
    case VIR_TYPED_PARAM_DOUBLE:
        out->value.d = v->remote_typed_param_value_u.d;
        break;
    case VIR_TYPED_PARAM_BOOLEAN:
        out->value.b = v->remote_typed_param_value_u.b;
        break;
    case VIR_TYPED_PARAM_STRING:
        out->value.s = g_strdup(v->remote_typed_param_value_u.s);
        break;
    default:
        err_report(VIR_ERR_RPC, "unknown parameter type: %d", v->type);
        return -1;
    }
    return 0;
}

/**
 * remote_params_from_wire() - a wire list into the caller's array of
 * @limit parameters
 */
int
remote_params_from_wire(const remote_typed_param *val, u_int len, int limit,
                        virTypedParameterPtr params, int *ret_nparams)
{
    if (len > (u_int) limit) {
        err_report(VIR_ERR_RPC, "returned number of parameters exceeds limit");
        return -1;
    }
    for (u_int i = 0; i < len; i++) {
        if (remote_param_from_wire(&val[i], &params[i]) < 0) {
            virTypedParamsClear(params, i);
            return -1;
        }
    }
    *ret_nparams = len;
    return 0;
}

/**
 * remote_params_from_wire_alloc() - a wire list as a new array (free with
 * virTypedParamsFree)
 */
int
remote_params_from_wire_alloc(const remote_typed_param *val, u_int len, int max,
                              virTypedParameterPtr *ret_params, int *ret_nparams)
{
    virTypedParameterPtr params;

    if (len > (u_int) max) {
        err_report(VIR_ERR_RPC, "returned number of parameters exceeds limit");
        return -1;
    }
    params = g_new0(virTypedParameter, MAX(len, 1));
    if (remote_params_from_wire(val, len, len, params, ret_nparams) < 0) {
        g_free(params);
        return -1;
    }
    *ret_params = params;
    return 0;
}

/**
 * remote_strings_copy() - the strings of a list reply into @names
 */
int
remote_strings_copy(char **const names, int max, char **val, u_int len)
{
    if (len > (u_int) MAX(max, 0)) {
        err_report(VIR_ERR_RPC, "too many remote names '%u' for limit '%d'", len, max);
        return -1;
    }
    for (u_int i = 0; i < len; i++)
        names[i] = g_strdup(val[i]);
    return len;
}
