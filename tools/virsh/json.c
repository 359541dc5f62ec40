/*
 * json.c: the --json output of list and info commands (json-c objects, printed
 * pretty with two-space indentation and a final newline). The schema of each
 * command is documented in tools/virsh/README.md.
 */
#include "tools/virsh/helpers.h"

/**
 * vsh_json_print() - print @obj and drop the reference
 */
void
vsh_json_print(VshCtl *ctl, json_object *obj)
{
    const char *s = json_object_to_json_string_ext(obj, JSON_C_TO_STRING_PRETTY |
                                                        JSON_C_TO_STRING_SPACED |
                                                        JSON_C_TO_STRING_NOSLASHESCAPE);

    /* json-c prints an empty array over two lines */
    if (json_object_is_type(obj, json_type_array) && json_object_array_length(obj) == 0)
        s = "[]";
    vsh_print(ctl, "%s\n", s);
    json_object_put(obj);
}

/**
 * vsh_json_str() - a JSON string, or null for NULL
 */
json_object *
vsh_json_str(const char *s)
{
    return s ? json_object_new_string(s) : NULL;
}

void
vsh_json_add_str(json_object *obj, const char *key, const char *val)
{
    json_object_object_add(obj, key, vsh_json_str(val));
}

void
vsh_json_add_int(json_object *obj, const char *key, long long val)
{
    json_object_object_add(obj, key, json_object_new_int64(val));
}

void
vsh_json_add_uint(json_object *obj, const char *key, unsigned long long val)
{
    json_object_object_add(obj, key, json_object_new_uint64(val));
}

void
vsh_json_add_bool(json_object *obj, const char *key, bool val)
{
    json_object_object_add(obj, key, json_object_new_boolean(val));
}

/**
 * vsh_json_add_tristate() - a boolean from a library query: null when it failed (@val < 0)
 */
void
vsh_json_add_tristate(json_object *obj, const char *key, int val)
{
    json_object_object_add(obj, key, val < 0 ? NULL : json_object_new_boolean(val));
}

void
vsh_json_add_double(json_object *obj, const char *key, double val)
{
    json_object_object_add(obj, key, json_object_new_double(val));
}
