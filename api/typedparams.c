/* api/typedparams.c: the public virTypedParams* helpers: building, reading
 * and freeing arrays of virTypedParameter on the client side. No daemon
 * involvement. Errors use VIR_FROM_NONE, like libvirt's. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define ERR_DOMAIN VIR_FROM_NONE
#include "api/internal.h"
#include "common/util/err.h"
#include "common/util/parse.h"

static const char *const tp_type_names[] = {
    "unknown", "int", "uint", "llong", "ullong", "double", "boolean", "string",
};

static const char *
tp_type_name(int type)
{
    if (type < 0 || (size_t) type >= G_N_ELEMENTS(tp_type_names))
        return "unknown";
    return tp_type_names[type];
}

/* Make room for one more element at index *@nparams. */
static void
tp_grow(virTypedParameterPtr *params, int *nparams, int *maxparams)
{
    int need = *nparams + 1;

    if (need <= *maxparams)
        return;
    need = MAX(need, *maxparams * 2);
    *params = g_renew(virTypedParameter, *params, need);
    memset(*params + *maxparams, 0, sizeof(virTypedParameter) * (need - *maxparams));
    *maxparams = need;
}

static int
tp_set_field(virTypedParameterPtr p, const char *name)
{
    if (!name || strlen(name) >= VIR_TYPED_PARAM_FIELD_LENGTH) {
        err_report(VIR_ERR_INTERNAL_ERROR, "Field name '%s' too long", name ? name : "(null)");
        return -1;
    }
    memset(p->field, 0, sizeof(p->field));
    memcpy(p->field, name, strlen(name));
    return 0;
}

/* Append one parameter whose value is already in @val; strings in @val
 * are owned by the caller until success. */
static int
tp_add(virTypedParameterPtr *params, int *nparams, int *maxparams, const char *name,
       int type, const virTypedParameter *val)
{
    virTypedParameterPtr p;

    api_reset_error();
    tp_grow(params, nparams, maxparams);
    p = *params + *nparams;
    if (tp_set_field(p, name) < 0) {
        api_dispatch_error(NULL);
        return -1;
    }
    p->type = type;
    p->value = val->value;
    if (type == VIR_TYPED_PARAM_STRING)
        p->value.s = g_strdup(val->value.s ? val->value.s : "");
    *nparams += 1;
    return 0;
}

/**
 * virTypedParamsGet() - the parameter called @name, NULL when absent
 *
 * Never reports an error.
 */
VIR_EXPORT virTypedParameterPtr
virTypedParamsGet(virTypedParameterPtr params, int nparams, const char *name)
{
    if (!params || !name)
        return NULL;
    for (int i = 0; i < nparams; i++) {
        if (g_str_equal(params[i].field, name))
            return params + i;
    }
    return NULL;
}

/* Shared front of the getters: 1 found with @type, 0 absent, -1 wrong
 * type (reported and dispatched). */
static int
tp_get(virTypedParameterPtr params, int nparams, const char *name, int type,
       virTypedParameterPtr *ret)
{
    virTypedParameterPtr p;

    api_reset_error();
    p = virTypedParamsGet(params, nparams, name);
    if (!p)
        return 0;
    if (p->type != type) {
        err_report(VIR_ERR_INVALID_ARG,
                   "Invalid type '%s' requested for parameter '%s', actual type is '%s'",
                   tp_type_name(type), name, tp_type_name(p->type));
        api_dispatch_error(NULL);
        return -1;
    }
    *ret = p;
    return 1;
}

/**
 * virTypedParamsGetInt() - read an int parameter
 *
 * Return: 1 found (*@value set when non-NULL), 0 absent, -1 wrong type.
 */
VIR_EXPORT int
virTypedParamsGetInt(virTypedParameterPtr params, int nparams, const char *name, int *value)
{
    virTypedParameterPtr p = NULL;
    int r = tp_get(params, nparams, name, VIR_TYPED_PARAM_INT, &p);

    if (r == 1 && value)
        *value = p->value.i;
    return r;
}

/**
 * virTypedParamsGetUInt() - read an unsigned int parameter
 */
VIR_EXPORT int
virTypedParamsGetUInt(virTypedParameterPtr params, int nparams, const char *name,
                      unsigned int *value)
{
    virTypedParameterPtr p = NULL;
    int r = tp_get(params, nparams, name, VIR_TYPED_PARAM_UINT, &p);

    if (r == 1 && value)
        *value = p->value.ui;
    return r;
}

/**
 * virTypedParamsGetLLong() - read a long long parameter
 */
VIR_EXPORT int
virTypedParamsGetLLong(virTypedParameterPtr params, int nparams, const char *name,
                       long long *value)
{
    virTypedParameterPtr p = NULL;
    int r = tp_get(params, nparams, name, VIR_TYPED_PARAM_LLONG, &p);

    if (r == 1 && value)
        *value = p->value.l;
    return r;
}

/**
 * virTypedParamsGetULLong() - read an unsigned long long parameter
 */
VIR_EXPORT int
virTypedParamsGetULLong(virTypedParameterPtr params, int nparams, const char *name,
                        unsigned long long *value)
{
    virTypedParameterPtr p = NULL;
    int r = tp_get(params, nparams, name, VIR_TYPED_PARAM_ULLONG, &p);

    if (r == 1 && value)
        *value = p->value.ul;
    return r;
}

/**
 * virTypedParamsGetDouble() - read a double parameter
 */
VIR_EXPORT int
virTypedParamsGetDouble(virTypedParameterPtr params, int nparams, const char *name,
                        double *value)
{
    virTypedParameterPtr p = NULL;
    int r = tp_get(params, nparams, name, VIR_TYPED_PARAM_DOUBLE, &p);

    if (r == 1 && value)
        *value = p->value.d;
    return r;
}

/**
 * virTypedParamsGetBoolean() - read a boolean parameter (0 or 1)
 */
VIR_EXPORT int
virTypedParamsGetBoolean(virTypedParameterPtr params, int nparams, const char *name,
                         int *value)
{
    virTypedParameterPtr p = NULL;
    int r = tp_get(params, nparams, name, VIR_TYPED_PARAM_BOOLEAN, &p);

    if (r == 1 && value)
        *value = !!p->value.b;
    return r;
}

/**
 * virTypedParamsGetString() - read a string parameter (not copied)
 */
VIR_EXPORT int
virTypedParamsGetString(virTypedParameterPtr params, int nparams, const char *name,
                        const char **value)
{
    virTypedParameterPtr p = NULL;
    int r = tp_get(params, nparams, name, VIR_TYPED_PARAM_STRING, &p);

    if (r == 1 && value)
        *value = p->value.s;
    return r;
}

/**
 * virTypedParamsAddInt() - append an int parameter, growing the array
 *
 * Return: 0, or -1 (name too long).
 */
VIR_EXPORT int
virTypedParamsAddInt(virTypedParameterPtr *params, int *nparams, int *maxparams,
                     const char *name, int value)
{
    virTypedParameter v = { .value.i = value };

    return tp_add(params, nparams, maxparams, name, VIR_TYPED_PARAM_INT, &v);
}

/**
 * virTypedParamsAddUInt() - append an unsigned int parameter
 */
VIR_EXPORT int
virTypedParamsAddUInt(virTypedParameterPtr *params, int *nparams, int *maxparams,
                      const char *name, unsigned int value)
{
    virTypedParameter v = { .value.ui = value };

    return tp_add(params, nparams, maxparams, name, VIR_TYPED_PARAM_UINT, &v);
}

/**
 * virTypedParamsAddLLong() - append a long long parameter
 */
VIR_EXPORT int
virTypedParamsAddLLong(virTypedParameterPtr *params, int *nparams, int *maxparams,
                       const char *name, long long value)
{
    virTypedParameter v = { .value.l = value };

    return tp_add(params, nparams, maxparams, name, VIR_TYPED_PARAM_LLONG, &v);
}

/**
 * virTypedParamsAddULLong() - append an unsigned long long parameter
 */
VIR_EXPORT int
virTypedParamsAddULLong(virTypedParameterPtr *params, int *nparams, int *maxparams,
                        const char *name, unsigned long long value)
{
    virTypedParameter v = { .value.ul = value };

    return tp_add(params, nparams, maxparams, name, VIR_TYPED_PARAM_ULLONG, &v);
}

/**
 * virTypedParamsAddDouble() - append a double parameter
 */
VIR_EXPORT int
virTypedParamsAddDouble(virTypedParameterPtr *params, int *nparams, int *maxparams,
                        const char *name, double value)
{
    virTypedParameter v = { .value.d = value };

    return tp_add(params, nparams, maxparams, name, VIR_TYPED_PARAM_DOUBLE, &v);
}

/**
 * virTypedParamsAddBoolean() - append a boolean parameter (stored as 0/1)
 */
VIR_EXPORT int
virTypedParamsAddBoolean(virTypedParameterPtr *params, int *nparams, int *maxparams,
                         const char *name, int value)
{
    virTypedParameter v = { .value.b = !!value };

    return tp_add(params, nparams, maxparams, name, VIR_TYPED_PARAM_BOOLEAN, &v);
}

/**
 * virTypedParamsAddString() - append a copy of @value ("" when NULL)
 */
VIR_EXPORT int
virTypedParamsAddString(virTypedParameterPtr *params, int *nparams, int *maxparams,
                        const char *name, const char *value)
{
    virTypedParameter v = { .value.s = (char *) value };

    return tp_add(params, nparams, maxparams, name, VIR_TYPED_PARAM_STRING, &v);
}

/**
 * virTypedParamsAddStringList() - append one string parameter called
 * @name per element of the NULL-terminated @values
 *
 * Return: 0 (also for a NULL or empty list), -1 on failure.
 */
VIR_EXPORT int
virTypedParamsAddStringList(virTypedParameterPtr *params, int *nparams, int *maxparams,
                            const char *name, const char **values)
{
    int r = 0;

    if (!values)
        return 0;
    for (size_t i = 0; values[i]; i++) {
        r = virTypedParamsAddString(params, nparams, maxparams, name, values[i]);
        if (r < 0)
            break;
    }
    return r;
}

static int
tp_parse_value(const char *name, int type, const char *str, virTypedParameter *v)
{
    const char *expect = NULL;

    switch (type) {
    case VIR_TYPED_PARAM_INT:
        if (parse_int(str, 10, &v->value.i) < 0)
            expect = "int";
        break;
    case VIR_TYPED_PARAM_UINT:
        if (parse_uint(str, 10, &v->value.ui) < 0)
            expect = "unsigned int";
        break;
    case VIR_TYPED_PARAM_LLONG:
        if (parse_ll(str, 10, &v->value.l) < 0)
            expect = "long long";
        break;
    case VIR_TYPED_PARAM_ULLONG:
        if (parse_ull(str, 10, &v->value.ul) < 0)
            expect = "unsigned long long";
        break;
    case VIR_TYPED_PARAM_DOUBLE: {
        char *end = NULL;

        errno = 0;
        /* util has no double parser: whole string, ERANGE and emptiness are checked */
        v->value.d = g_ascii_strtod(str, &end);     /* banned-ok: strtol: checked below */
        if (!*str || *end || errno)
            expect = "double";
        break;
    }
    case VIR_TYPED_PARAM_BOOLEAN:
        if (g_ascii_strcasecmp(str, "true") == 0 || g_str_equal(str, "1")) {
            v->value.b = 1;
        } else if (g_ascii_strcasecmp(str, "false") == 0 || g_str_equal(str, "0")) {
            v->value.b = 0;
        } else {
            err_report(VIR_ERR_INVALID_ARG, "Invalid boolean value for field '%s'", name);
            return -1;
        }
        break;
    case VIR_TYPED_PARAM_STRING:
        v->value.s = (char *) str;
        break;
    default:
        err_report(VIR_ERR_INTERNAL_ERROR, "unexpected type %d for field %s", type, name);
        return -1;
    }
    if (expect) {
        err_report(VIR_ERR_INVALID_ARG, "Invalid value for field '%s': expected %s",
                   name, expect);
        return -1;
    }
    return 0;
}

/**
 * virTypedParamsAddFromString() - append a parameter of @type parsed from
 * @value
 *
 * Return: 0, or -1 (NULL or unparsable value, bad type, long name).
 */
VIR_EXPORT int
virTypedParamsAddFromString(virTypedParameterPtr *params, int *nparams, int *maxparams,
                            const char *name, int type, const char *value)
{
    virTypedParameter v = { 0 };

    api_reset_error();
    if (!value) {
        err_report(VIR_ERR_INVALID_ARG, "NULL value for field '%s'", name ? name : "");
        api_dispatch_error(NULL);
        return -1;
    }
    if (tp_parse_value(name ? name : "", type, value, &v) < 0) {
        api_dispatch_error(NULL);
        return -1;
    }
    return tp_add(params, nparams, maxparams, name, type, &v);
}

/**
 * virTypedParamsClear() - free the strings held by @params (not the array)
 */
VIR_EXPORT void
virTypedParamsClear(virTypedParameterPtr params, int nparams)
{
    if (!params)
        return;
    for (int i = 0; i < nparams; i++) {
        if (params[i].type == VIR_TYPED_PARAM_STRING)
            g_clear_pointer(&params[i].value.s, g_free);
    }
}

/**
 * virTypedParamsFree() - virTypedParamsClear() then free the array
 */
VIR_EXPORT void
virTypedParamsFree(virTypedParameterPtr params, int nparams)
{
    virTypedParamsClear(params, nparams);
    g_free(params);
}
