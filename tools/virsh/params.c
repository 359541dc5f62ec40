/*
 * params.c: virTypedParameter lists as virsh shows them ("name : value" lines) and
 * as --json objects.
 */
#include "tools/virsh/helpers.h"

/**
 * vsh_param_value() - the value of @p as text (booleans as yes/no)
 */
char *
vsh_param_value(const virTypedParameter *p)
{
    switch (p->type) {
    case VIR_TYPED_PARAM_INT:
        return g_strdup_printf("%d", p->value.i);
    case VIR_TYPED_PARAM_UINT:
        return g_strdup_printf("%u", p->value.ui);
    case VIR_TYPED_PARAM_LLONG:
        return g_strdup_printf("%lld", p->value.l);
    case VIR_TYPED_PARAM_ULLONG:
        return g_strdup_printf("%llu", p->value.ul);
    case VIR_TYPED_PARAM_DOUBLE:
        return g_strdup_printf("%f", p->value.d);
    case VIR_TYPED_PARAM_BOOLEAN:
        return g_strdup(p->value.b ? "yes" : "no");
    case VIR_TYPED_PARAM_STRING:
        return g_strdup(p->value.s ? p->value.s : "");
    default:
        return g_strdup("unimplemented parameter type");
    }
}

/**
 * vsh_params_print() - one "field : value" line per parameter, fields padded
 *                      to @width
 */
void
vsh_params_print(VshCtl *ctl, const virTypedParameter *params, int n, int width)
{
    for (int i = 0; i < n; i++) {
        g_autofree char *v = vsh_param_value(&params[i]);

        vsh_print(ctl, "%-*s: %s\n", width, params[i].field, v);
    }
}

/**
 * vsh_param_set_from_string() - add @field=@value of @type to a parameter list
 * Return: 0, or -1 after reporting.
 */
int
vsh_param_set_from_string(VshCtl *ctl, virTypedParameterPtr *params, int *n, int *max,
                          int type, const char *field, const char *value)
{
    if (virTypedParamsAddFromString(params, n, max, field, type, value) < 0) {
        vsh_error(ctl, "Failed to set value '%s' of parameter '%s'", value, field);
        return -1;
    }
    return 0;
}

/**
 * vsh_params_json() - the parameters as one JSON object, values typed
 */
json_object *
vsh_params_json(const virTypedParameter *params, int n)
{
    json_object *o = json_object_new_object();

    for (int i = 0; i < n; i++) {
        const virTypedParameter *p = &params[i];
        json_object *v = NULL;

        switch (p->type) {
        case VIR_TYPED_PARAM_INT:
            v = json_object_new_int64(p->value.i);
            break;
        case VIR_TYPED_PARAM_UINT:
            v = json_object_new_int64(p->value.ui);
            break;
        case VIR_TYPED_PARAM_LLONG:
            v = json_object_new_int64(p->value.l);
            break;
        case VIR_TYPED_PARAM_ULLONG:
            v = json_object_new_uint64(p->value.ul);
            break;
        case VIR_TYPED_PARAM_DOUBLE:
            v = json_object_new_double(p->value.d);
            break;
        case VIR_TYPED_PARAM_BOOLEAN:
            v = json_object_new_boolean(p->value.b);
            break;
        case VIR_TYPED_PARAM_STRING:
            v = json_object_new_string(p->value.s ? p->value.s : "");
            break;
        default:
            break;
        }
        json_object_object_add(o, p->field, v);
    }
    return o;
}
