/*
 * cmd-secret.c: secret commands (help keyword 'secret'): define, undefine, dumpxml,
 * list, set-value, get-value, event. Secret values are wiped from memory after use.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tools/virsh/helpers.h"
#include "tools/virsh/table.h"

static const char *const usage_names[] = {
    [VIR_SECRET_USAGE_TYPE_NONE] = "none",
    [VIR_SECRET_USAGE_TYPE_VOLUME] = "volume",
    [VIR_SECRET_USAGE_TYPE_CEPH] = "ceph",
    [VIR_SECRET_USAGE_TYPE_ISCSI] = "iscsi",
    [VIR_SECRET_USAGE_TYPE_TLS] = "tls",
    [VIR_SECRET_USAGE_TYPE_VTPM] = "vtpm",
};
G_STATIC_ASSERT(G_N_ELEMENTS(usage_names) == VIR_SECRET_USAGE_TYPE_LAST);

/* The secret named by the "secret" option (a UUID); reports on failure. */
static virSecretPtr
secret_from_opt(VshCtl *ctl, const VshCmd *cmd, const char **ret_name)
{
    const char *name = NULL;
    virConnectPtr conn = vsh_conn(ctl);
    virSecretPtr s;

    if (vsh_opt_string(ctl, cmd, "secret", &name) <= 0 || !conn)
        return NULL;
    if (!(s = virSecretLookupByUUIDString(conn, name)))
        vsh_error(ctl, "failed to get secret '%s'", name);
    if (ret_name)
        *ret_name = name;
    return s;
}

#define SECRET_OPT(req) \
    { "secret", VSH_OT_DATA, (req) ? VSH_OF_REQUIRED : 0, "UUID of the secret" }

/* ---- secret-define ---- */

static bool
cmd_secret_define(VshCtl *ctl, const VshCmd *cmd)
{
    const char *file = NULL;
    g_autofree char *xml = NULL;
    size_t len;
    virSecretPtr s;
    char uuid[VIR_UUID_STRING_BUFLEN];
    unsigned int flags = 0;
    bool ok;

    if (vsh_opt_string(ctl, cmd, "file", &file) <= 0)
        return false;
    if (vsh_opt_bool(cmd, "validate"))
        flags |= VIR_SECRET_DEFINE_VALIDATE;
    if (vsh_read_file(ctl, file, VSH_MAX_XML_FILE, &xml, &len) < 0)
        return false;
    if (!(s = virSecretDefineXML(vsh_conn(ctl), xml, flags))) {
        vsh_error(ctl, "Failed to set attributes from %s", file);
        return false;
    }
    ok = virSecretGetUUIDString(s, uuid) == 0;
    if (ok)
        vsh_print_extra(ctl, "Secret %s created\n", uuid);
    else
        vsh_error(ctl, "Failed to get UUID of created secret");
    virSecretFree(s);
    return ok;
}

static const VshOptDef opts_secret_define[] = {
    { "file", VSH_OT_DATA, VSH_OF_REQUIRED, "XML file describing the secret" },
    { "validate", VSH_OT_BOOL, 0, "check the XML against the schema first" },
    { NULL }
};

/* ---- secret-undefine ---- */

static bool
cmd_secret_undefine(VshCtl *ctl, const VshCmd *cmd)
{
    const char *name = NULL;
    virSecretPtr s = secret_from_opt(ctl, cmd, &name);
    bool ok;

    if (!s)
        return false;
    ok = virSecretUndefine(s) == 0;
    if (ok)
        vsh_print_extra(ctl, "Secret %s deleted\n", name);
    else
        vsh_error(ctl, "Failed to delete secret %s", name);
    virSecretFree(s);
    return ok;
}

static const VshOptDef opts_secret_undefine[] = {
    SECRET_OPT(true),
    { NULL }
};

/* ---- secret-dumpxml ---- */

static bool
cmd_secret_dumpxml(VshCtl *ctl, const VshCmd *cmd)
{
    virSecretPtr s = secret_from_opt(ctl, cmd, NULL);
    g_autofree char *xml = NULL;
    bool ok;

    if (!s)
        return false;
    xml = virSecretGetXMLDesc(s, 0);
    ok = xml && vsh_print_xml(ctl, cmd, xml);
    virSecretFree(s);
    return ok;
}

static const VshOptDef opts_secret_dumpxml[] = {
    SECRET_OPT(true),
    { "xpath", VSH_OT_STRING, 0, "print only the nodes this XPath expression selects" },
    { "wrap", VSH_OT_BOOL, 0, "wrap the --xpath results in a <nodes> element" },
    { NULL }
};

/* ---- secret-set-value ---- */

/* Where the new value comes from; returns NULL for an empty or missing value. */
static bool
secret_value_from_opts(VshCtl *ctl, const VshCmd *cmd, guchar **ret_val, size_t *ret_len)
{
    const char *b64 = NULL;
    const char *file = NULL;
    bool plain = vsh_opt_bool(cmd, "plain");
    g_autofree char *raw = NULL;
    size_t rawlen = 0;
    gsize len = 0;

    if (vsh_opt_string(ctl, cmd, "base64", &b64) < 0 ||
        vsh_opt_string(ctl, cmd, "file", &file) < 0)
        return false;

    if (b64) {
        vsh_error(ctl, "Passing secret value as command-line argument is insecure!");
        *ret_val = g_base64_decode(b64, &len);
        *ret_len = len;
        return true;
    }
    if (file) {
        if (vsh_read_file(ctl, file, VSH_MAX_XML_FILE, &raw, &rawlen) < 0)
            return false;
    } else if (vsh_opt_bool(cmd, "interactive")) {
        raw = vsh_read_passphrase(ctl, "Enter new value for secret:");
        rawlen = raw ? strlen(raw) : 0;
        plain = true;
    } else {
        vsh_error(ctl, "Input secret value is missing");
        return false;
    }
    if (plain) {
        *ret_val = (guchar *) g_steal_pointer(&raw);
        *ret_len = rawlen;
    } else {
        *ret_val = g_base64_decode(raw, &len);
        *ret_len = len;
        vsh_erase(raw, rawlen);
    }
    return true;
}

static bool
cmd_secret_set_value(VshCtl *ctl, const VshCmd *cmd)
{
    virSecretPtr s;
    guchar *value = NULL;
    size_t len = 0;
    bool ok;

    if (!vsh_opt_exclusive(ctl, cmd, "file", "base64") ||
        !vsh_opt_exclusive(ctl, cmd, "plain", "base64") ||
        !vsh_opt_exclusive(ctl, cmd, "interactive", "base64") ||
        !vsh_opt_exclusive(ctl, cmd, "interactive", "plain") ||
        !vsh_opt_exclusive(ctl, cmd, "interactive", "file"))
        return false;
    if (!(s = secret_from_opt(ctl, cmd, NULL)))
        return false;
    if (!secret_value_from_opts(ctl, cmd, &value, &len)) {
        virSecretFree(s);
        return false;
    }
    /* an empty value is refused by the library, as stock virsh lets it be */
    ok = virSecretSetValue(s, len ? value : NULL, len, 0) == 0;
    vsh_erase(value, len);
    g_free(value);
    if (ok)
        vsh_print_extra(ctl, "Secret value set\n");
    else
        vsh_error(ctl, "Failed to set secret value");
    virSecretFree(s);
    return ok;
}

static const VshOptDef opts_secret_set_value[] = {
    SECRET_OPT(true),
    { "file", VSH_OT_STRING, 0, "read the value from this file (base64 unless --plain)" },
    { "plain", VSH_OT_BOOL, 0, "the file holds the raw value, not base64" },
    { "interactive", VSH_OT_BOOL, 0, "prompt for the raw value on the terminal" },
    { "base64", VSH_OT_STRING, 0, "the value, base64-encoded (visible to other users)" },
    { NULL }
};

/* ---- secret-get-value ---- */

static bool
cmd_secret_get_value(VshCtl *ctl, const VshCmd *cmd)
{
    virSecretPtr s = secret_from_opt(ctl, cmd, NULL);
    unsigned char *value;
    size_t len = 0;
    bool ok = true;

    if (!s)
        return false;
    value = virSecretGetValue(s, &len, 0);
    virSecretFree(s);
    if (!value)
        return false;
    if (vsh_opt_bool(cmd, "plain")) {
        fflush(stdout);
        if (fwrite(value, 1, len, stdout) != len || fflush(stdout) != 0) {
            vsh_error(ctl, "failed to write secret value");
            ok = false;
        }
    } else {
        g_autofree char *b64 = g_base64_encode(value, len);

        vsh_print(ctl, "%s", b64);
        vsh_erase(b64, strlen(b64));
    }
    vsh_erase(value, len);
    free(value);
    return ok;
}

static const VshOptDef opts_secret_get_value[] = {
    SECRET_OPT(true),
    { "plain", VSH_OT_BOOL, 0, "print the raw value instead of base64" },
    { NULL }
};

/* ---- secret-list ---- */

static int
secret_uuid_cmp(const void *a, const void *b)
{
    char ua[VIR_UUID_STRING_BUFLEN] = "", ub[VIR_UUID_STRING_BUFLEN] = "";

    virSecretGetUUIDString(*(virSecretPtr const *) a, ua);
    virSecretGetUUIDString(*(virSecretPtr const *) b, ub);
    return strcmp(ua, ub);
}

/* For daemons without virConnectListAllSecrets: count, list, look up. */
static int
secret_list_legacy(VshCtl *ctl, virConnectPtr conn, unsigned int flags,
                   virSecretPtr **ret)
{
    g_autofree char **uuids = NULL;
    virSecretPtr *list;
    int n, got = 0;

    vsh_reset_libvirt_error();
    if (flags) {
        vsh_error(ctl, "Filtering is not supported by this libvirt");
        return -1;
    }
    if ((n = virConnectNumOfSecrets(conn)) < 0) {
        vsh_error(ctl, "Failed to count secrets");
        return -1;
    }
    uuids = g_new0(char *, n + 1);
    if (n > 0 && (n = virConnectListSecrets(conn, uuids, n)) < 0) {
        vsh_error(ctl, "Failed to list secrets");
        return -1;
    }
    list = g_new0(virSecretPtr, n + 1);
    for (int i = 0; i < n; i++) {
        virSecretPtr s = virSecretLookupByUUIDString(conn, uuids[i]);

        if (s)
            list[got++] = s;
        free(uuids[i]);
    }
    vsh_reset_libvirt_error();
    *ret = list;
    return got;
}

static bool
cmd_secret_list(VshCtl *ctl, const VshCmd *cmd)
{
    static const VshOptFlag filters[] = {
        { "ephemeral", VIR_CONNECT_LIST_SECRETS_EPHEMERAL },
        { "no-ephemeral", VIR_CONNECT_LIST_SECRETS_NO_EPHEMERAL },
        { "private", VIR_CONNECT_LIST_SECRETS_PRIVATE },
        { "no-private", VIR_CONNECT_LIST_SECRETS_NO_PRIVATE },
    };
    virConnectPtr conn = vsh_conn(ctl);
    g_autoptr(VshTable) table = NULL;
    bool json = vsh_opt_bool(cmd, "json");
    json_object *arr = NULL;
    virSecretPtr *list = NULL;
    unsigned int flags = 0;
    int n;

    flags = vsh_opt_flags(cmd, filters, G_N_ELEMENTS(filters));
    n = virConnectListAllSecrets(conn, &list, flags);
    if (n < 0) {
        if (vsh_last_error_code() != VIR_ERR_NO_SUPPORT) {
            vsh_error(ctl, "Failed to list secrets");
            return false;
        }
        if ((n = secret_list_legacy(ctl, conn, flags, &list)) < 0)
            return false;
    }
    qsort(list, n, sizeof(*list), secret_uuid_cmp);

    if (json)
        arr = json_object_new_array();
    else
        table = vsh_table_new("UUID", "Usage", NULL);
    for (int i = 0; i < n; i++) {
        char uuid[VIR_UUID_STRING_BUFLEN] = "";
        int type = virSecretGetUsageType(list[i]);
        g_autofree char *usage = NULL;

        virSecretGetUUIDString(list[i], uuid);
        if (arr) {
            json_object *o = json_object_new_object();

            vsh_json_add_str(o, "uuid", uuid);
            vsh_json_add_str(o, "usage_type",
                             type >= 0 && type < VIR_SECRET_USAGE_TYPE_LAST ? usage_names[type]
                                                                           : "unknown");
            vsh_json_add_str(o, "usage_id", type > VIR_SECRET_USAGE_TYPE_NONE
                                            ? virSecretGetUsageID(list[i]) : NULL);
            json_object_array_add(arr, o);
            virSecretFree(list[i]);
            continue;
        }
        if (type > VIR_SECRET_USAGE_TYPE_NONE) {
            const char *id = virSecretGetUsageID(list[i]);

            usage = g_strdup_printf("%s %s",
                                    type < VIR_SECRET_USAGE_TYPE_LAST ? usage_names[type]
                                                                      : "unknown",
                                    id ? id : "");
        } else {
            usage = g_strdup("Unused");
        }
        vsh_table_add_row(table, uuid, usage, NULL);
        virSecretFree(list[i]);
    }
    free(list);
    vsh_reset_libvirt_error();
    if (arr)
        vsh_json_print(ctl, arr);
    else
        vsh_table_print(ctl, table);
    return true;
}

static const VshOptDef opts_secret_list[] = {
    { "ephemeral", VSH_OT_BOOL, 0, "only secrets that are never stored on disk" },
    { "no-ephemeral", VSH_OT_BOOL, 0, "only secrets that are stored on disk" },
    { "private", VSH_OT_BOOL, 0, "only secrets whose value cannot be read back" },
    { "no-private", VSH_OT_BOOL, 0, "only secrets whose value can be read back" },
    { "json", VSH_OT_BOOL, 0, "print a JSON array" },
    { NULL }
};

/* ---- secret-event ---- */

static void
secret_event_print(VshEventData *data, virSecretPtr secret, const char *detail)
{
    char uuid[VIR_UUID_STRING_BUFLEN] = "";

    virSecretGetUUIDString(secret, uuid);
    vsh_event_print(data, "secret", uuid, detail);
}

static void
secret_lifecycle_cb(virConnectPtr conn, virSecretPtr secret, int event, int detail,
                    void *opaque)
{
    static const char *const names[] = {
        [VIR_SECRET_EVENT_DEFINED] = "Defined",
        [VIR_SECRET_EVENT_UNDEFINED] = "Undefined",
    };
    G_STATIC_ASSERT(G_N_ELEMENTS(names) == VIR_SECRET_EVENT_LAST);

    secret_event_print(opaque, secret,
                       event >= 0 && event < VIR_SECRET_EVENT_LAST ? names[event]
                                                                   : "unknown");
}

static void
secret_generic_cb(virConnectPtr conn, virSecretPtr secret, void *opaque)
{
    secret_event_print(opaque, secret, NULL);
}

static const char *const secret_event_names[] = {
    [VIR_SECRET_EVENT_ID_LIFECYCLE] = "lifecycle",
    [VIR_SECRET_EVENT_ID_VALUE_CHANGED] = "value-changed",
};
/* like VIR_SECRET_EVENT_CALLBACK, through void (*)(void) so -Wcast-function-type is quiet */
static const virConnectSecretEventGenericCallback secret_event_cbs[] = {
    [VIR_SECRET_EVENT_ID_LIFECYCLE] =
        (virConnectSecretEventGenericCallback) (void (*)(void)) secret_lifecycle_cb,
    [VIR_SECRET_EVENT_ID_VALUE_CHANGED] = secret_generic_cb,
};
G_STATIC_ASSERT(G_N_ELEMENTS(secret_event_names) == VIR_SECRET_EVENT_ID_LAST);
G_STATIC_ASSERT(G_N_ELEMENTS(secret_event_cbs) == VIR_SECRET_EVENT_ID_LAST);

static bool
cmd_secret_event(VshCtl *ctl, const VshCmd *cmd)
{
    VshEventData data = { 0 };
    const char *name = NULL;
    virSecretPtr secret = NULL;
    virConnectPtr conn;
    int id, cb, timeout = 0;

    id = vsh_event_opts(ctl, cmd, secret_event_names, G_N_ELEMENTS(secret_event_names),
                        &data, &timeout);
    if (id < 0)
        return id == VSH_EVENT_LISTED;
    if (vsh_opt_string(ctl, cmd, "secret", &name) < 0)
        return false;
    conn = vsh_conn(ctl);
    /* a secret that cannot be found is reported, then events of all secrets shown */
    if (name && !(secret = virSecretLookupByUUIDString(conn, name))) {
        vsh_error(ctl, "failed to get secret '%s'", name);
        vsh_reset_libvirt_error();
    }

    cb = virConnectSecretEventRegisterAny(conn, secret, id, secret_event_cbs[id], &data, NULL);
    if (secret)
        virSecretFree(secret);
    if (cb < 0)
        return false;
    return vsh_event_run(ctl, &data, conn, virConnectSecretEventDeregisterAny, &cb, 1,
                         timeout);
}

static const VshOptDef opts_secret_event[] = {
    { "secret", VSH_OT_STRING, 0, "only events of this secret (UUID)" },
    VSH_EVENT_OPTS,
    { NULL }
};

/* ---- the group ---- */

static const VshCmdDef cmds_secret[] = {
    { "secret-define", cmd_secret_define, opts_secret_define,
      "define or redefine a secret from XML",
      "Create a secret, or change an existing one, from an XML description.", 0 },
    { "secret-dumpxml", cmd_secret_dumpxml, opts_secret_dumpxml,
      "show a secret's XML",
      "Print the XML description of a secret (never its value).", 0 },
    { "secret-event", cmd_secret_event, opts_secret_event,
      "wait for secret events",
      "Print secret events as they happen, or list the event types.", 0 },
    { "secret-get-value", cmd_secret_get_value, opts_secret_get_value,
      "print a secret's value",
      "Print the value of a secret, base64-encoded unless --plain.", 0 },
    { "secret-list", cmd_secret_list, opts_secret_list,
      "list secrets",
      "List the secrets with their usage, optionally filtered.", 0 },
    { "secret-set-value", cmd_secret_set_value, opts_secret_set_value,
      "set a secret's value",
      "Set the value of a secret from base64 text, a file or the terminal.", 0 },
    { "secret-undefine", cmd_secret_undefine, opts_secret_undefine,
      "remove a secret",
      "Remove a secret and its value.", 0 },
    { NULL }
};

const VshCmdGroup vsh_group_secret = { "Secret", "secret", { cmds_secret } };
