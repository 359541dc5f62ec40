/* daemons/virtsecretd/driver.c: REMOTE secret procedures on top of the
 * secret store, and the events they raise. Translates between wire structs
 * and the store; owns no persistence logic and no connection handling
 * (the daemon runtime does open/close/auth/event registration). */
#include "config.h"

#define ERR_DOMAIN VIR_FROM_SECRET

#include <string.h>
#include <glib.h>
#include <libvirt/libvirt.h>

#include "common/util/err.h"
#include "common/util/log.h"
#include "common/util/paths.h"
#include "daemons/virtsecretd/driver.h"
#include "daemons/virtsecretd/store.h"
#include "daemons/virtsecretd/valcrypt.h"

typedef struct {
    SecretStore *store;
    DaemonCtx *ctx;
} SecretDriver;

static SecretStore *
call_store(RpcCall *call)
{
    SecretDriver *d = daemon_ctx_get_data(daemon_call_ctx(call));

    return d->store;
}

/* libvirt reports bad flags and NULL arguments with a bare message (no
 * "invalid argument: " prefix); clients and scripts see exactly that. */
static void G_GNUC_PRINTF(2, 3)
report_bare(int code, const char *fmt, ...)
{
    virError e = { 0 };
    va_list ap;

    va_start(ap, fmt);
    e.message = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    e.code = code;
    e.domain = VIR_FROM_SECRET;
    e.level = VIR_ERR_ERROR;
    e.str1 = g_strdup(e.message);
    err_set_last(&e);
    log_debug("error %d: %s", code, e.message);
    err_clear(&e);
}

/* Like libvirt's flag check: the message names libvirt's driver function
 * so it reads the same as Debian's daemon. */
static int
check_flags(unsigned int flags, unsigned int allowed, const char *func)
{
    if (flags & ~allowed) {
        report_bare(VIR_ERR_INVALID_ARG, "unsupported flags (0x%x) in function %s",
                    flags & ~allowed, func);
        return -1;
    }
    return 0;
}

static void
wire_from_info(remote_nonnull_secret *out, const SecretInfo *info)
{
    memcpy(out->uuid, info->uuid, VIR_UUID_BUFLEN);
    out->usageType = info->usage_type;
    /* a secret without usage travels with an empty usage id */
    out->usageID = g_strdup(info->usage_id ? info->usage_id : "");
}

static void
emit_lifecycle(RpcCall *call, const SecretInfo *info, int event)
{
    remote_secret_event_lifecycle_msg msg = { 0 };

    wire_from_info(&msg.secret, info);
    msg.event = event;
    msg.detail = 0;     /* libvirt defines no details for secret events */
    daemon_emit_event(daemon_call_ctx(call), REMOTE_PROC_SECRET_EVENT_LIFECYCLE,
                      VIR_SECRET_EVENT_ID_LIFECYCLE, info->uuid, VIR_UUID_BUFLEN,
                      &msg);
    g_free(msg.secret.usageID);
}

static void
emit_value_changed(RpcCall *call, const SecretInfo *info)
{
    remote_secret_event_value_changed_msg msg = { 0 };

    wire_from_info(&msg.secret, info);
    daemon_emit_event(daemon_call_ctx(call), REMOTE_PROC_SECRET_EVENT_VALUE_CHANGED,
                      VIR_SECRET_EVENT_ID_VALUE_CHANGED, info->uuid, VIR_UUID_BUFLEN,
                      &msg);
    g_free(msg.secret.usageID);
}

/* ---- handlers ---- */

static int
secretd_connect_num_of_secrets(RpcCall *call, remote_connect_num_of_secrets_ret *ret)
{
    ret->num = secret_store_count(call_store(call));
    return 0;
}

static int
secretd_connect_list_secrets(RpcCall *call, remote_connect_list_secrets_args *args,
                             remote_connect_list_secrets_ret *ret)
{
    SecretInfo *infos = NULL;
    int total;
    int n;

    if (args->maxuuids > REMOTE_SECRET_LIST_MAX) {
        err_report_full(VIR_FROM_RPC, VIR_ERR_RPC, __FILE__, __func__, __LINE__,
                        "%s", "maxuuids > REMOTE_SECRET_LIST_MAX");
        return -1;
    }
    total = secret_store_list(call_store(call), 0, &infos);
    n = MIN(total, MAX(args->maxuuids, 0));
    ret->uuids.uuids_len = (u_int) n;
    ret->uuids.uuids_val = n > 0 ? g_new0(char *, n) : NULL;
    for (int i = 0; i < n; i++) {
        char *s = g_malloc(UUID_STR_LEN);

        uuid_format(infos[i].uuid, s);
        ret->uuids.uuids_val[i] = s;
    }
    secret_info_array_free(infos, (size_t) total);
    return 0;
}

static int
secretd_connect_list_all_secrets(RpcCall *call,
                                 remote_connect_list_all_secrets_args *args,
                                 remote_connect_list_all_secrets_ret *ret)
{
    SecretInfo *infos = NULL;
    int n;

    if (check_flags(args->flags, VIR_CONNECT_LIST_SECRETS_EPHEMERAL |
                    VIR_CONNECT_LIST_SECRETS_NO_EPHEMERAL |
                    VIR_CONNECT_LIST_SECRETS_PRIVATE |
                    VIR_CONNECT_LIST_SECRETS_NO_PRIVATE,
                    "secretConnectListAllSecrets") < 0)
        return -1;

    n = secret_store_list(call_store(call), args->flags,
                          args->need_results ? &infos : NULL);
    if (args->need_results) {
        if (n > REMOTE_SECRET_LIST_MAX) {
            secret_info_array_free(infos, (size_t) n);
            err_report_full(VIR_FROM_RPC, VIR_ERR_RPC, __FILE__, __func__, __LINE__,
                            "Too many secrets '%d' for limit '%d'",
                            n, REMOTE_SECRET_LIST_MAX);
            return -1;
        }
        ret->secrets.secrets_len = (u_int) n;
        ret->secrets.secrets_val = n > 0 ? g_new0(remote_nonnull_secret, n) : NULL;
        for (int i = 0; i < n; i++)
            wire_from_info(&ret->secrets.secrets_val[i], &infos[i]);
        secret_info_array_free(infos, (size_t) n);
    }
    ret->ret = (u_int) n;
    return 0;
}

static int
secretd_secret_lookup_by_uuid(RpcCall *call, remote_secret_lookup_by_uuid_args *args,
                              remote_secret_lookup_by_uuid_ret *ret)
{
    SecretInfo info = { 0 };

    if (secret_store_lookup_uuid(call_store(call), (const unsigned char *) args->uuid,
                                 &info) < 0)
        return -1;
    wire_from_info(&ret->secret, &info);
    secret_info_clear(&info);
    return 0;
}

static int
secretd_secret_lookup_by_usage(RpcCall *call, remote_secret_lookup_by_usage_args *args,
                               remote_secret_lookup_by_usage_ret *ret)
{
    SecretInfo info = { 0 };

    if (secret_store_lookup_usage(call_store(call), args->usageType, args->usageID,
                                  &info) < 0)
        return -1;
    wire_from_info(&ret->secret, &info);
    secret_info_clear(&info);
    return 0;
}

static int
secretd_secret_define_xml(RpcCall *call, remote_secret_define_xml_args *args,
                          remote_secret_define_xml_ret *ret)
{
    SecretInfo info = { 0 };

    if (check_flags(args->flags, VIR_SECRET_DEFINE_VALIDATE, "secretDefineXML") < 0)
        return -1;
    if (secret_store_define(call_store(call), args->xml, args->flags, &info) < 0)
        return -1;
    wire_from_info(&ret->secret, &info);
    emit_lifecycle(call, &info, VIR_SECRET_EVENT_DEFINED);
    secret_info_clear(&info);
    return 0;
}

static int
secretd_secret_get_xml_desc(RpcCall *call, remote_secret_get_xml_desc_args *args,
                            remote_secret_get_xml_desc_ret *ret)
{
    char *xml;

    if (check_flags(args->flags, 0, "secretGetXMLDesc") < 0)
        return -1;
    xml = secret_store_get_xml(call_store(call), (const unsigned char *) args->secret.uuid);
    if (!xml)
        return -1;
    ret->xml = xml;
    return 0;
}

static int
secretd_secret_set_value(RpcCall *call, remote_secret_set_value_args *args)
{
    SecretInfo info = { 0 };

    /* An empty opaque decodes to a NULL buffer; libvirt's public entry
     * point in the daemon rejects it before the driver sees the call. */
    if (!args->value.value_val) {
        report_bare(VIR_ERR_INVALID_ARG, "%s",
                    "value in virSecretSetValue must not be NULL");
        return -1;
    }
    if (check_flags(args->flags, 0, "secretSetValue") < 0)
        return -1;
    if (secret_store_set_value(call_store(call), (const unsigned char *) args->secret.uuid,
                               (const unsigned char *) args->value.value_val,
                               args->value.value_len, &info) < 0)
        return -1;
    emit_value_changed(call, &info);
    secret_info_clear(&info);
    return 0;
}

static int
secretd_secret_get_value(RpcCall *call, remote_secret_get_value_args *args,
                         remote_secret_get_value_ret *ret)
{
    unsigned char *value = NULL;
    size_t len = 0;

    if (check_flags(args->flags, 0, "secretGetValue") < 0)
        return -1;
    /* Private values never leave through the API: no caller of ours can
     * carry libvirt's in-daemon system identity. */
    if (secret_store_get_value(call_store(call), (const unsigned char *) args->secret.uuid,
                               0, &value, &len) < 0)
        return -1;
    ret->value.value_val = (char *) value;
    ret->value.value_len = (u_int) len;
    return 0;
}

static int
secretd_secret_undefine(RpcCall *call, remote_secret_undefine_args *args)
{
    SecretInfo info = { 0 };

    if (secret_store_undefine(call_store(call), (const unsigned char *) args->secret.uuid,
                              &info) < 0)
        return -1;
    emit_lifecycle(call, &info, VIR_SECRET_EVENT_UNDEFINED);
    secret_info_clear(&info);
    return 0;
}

const RemoteHandlers secretd_remote_handlers = {
    .connect_num_of_secrets = secretd_connect_num_of_secrets,
    .connect_list_secrets = secretd_connect_list_secrets,
    .connect_list_all_secrets = secretd_connect_list_all_secrets,
    .secret_lookup_by_uuid = secretd_secret_lookup_by_uuid,
    .secret_lookup_by_usage = secretd_secret_lookup_by_usage,
    .secret_define_xml = secretd_secret_define_xml,
    .secret_get_xml_desc = secretd_secret_get_xml_desc,
    .secret_set_value = secretd_secret_set_value,
    .secret_get_value = secretd_secret_get_value,
    .secret_undefine = secretd_secret_undefine,
};

/**
 * secretd_is_inline() - see driver.h
 */
bool
secretd_is_inline(int prog, int proc)
{
    if ((unsigned int) prog != REMOTE_PROGRAM)
        return false;
    switch (proc) {
    case REMOTE_PROC_CONNECT_NUM_OF_SECRETS:
    case REMOTE_PROC_CONNECT_LIST_SECRETS:
    case REMOTE_PROC_CONNECT_LIST_ALL_SECRETS:
    case REMOTE_PROC_SECRET_LOOKUP_BY_UUID:
    case REMOTE_PROC_SECRET_LOOKUP_BY_USAGE:
    case REMOTE_PROC_SECRET_GET_XML_DESC:
    case REMOTE_PROC_SECRET_GET_VALUE:
        return true;
    default:
        return false;
    }
}

/* ---- life cycle ---- */

static int
secretd_init(DaemonCtx *ctx, bool privileged)
{
    g_autofree char *config_dir = NULL;
    g_autofree char *key_path = NULL;
    SecretDriver *d;
    unsigned int failed = 0;

    secret_store_default_paths(privileged, &config_dir, &key_path);
    d = g_new0(SecretDriver, 1);
    d->ctx = ctx;
    d->store = secret_store_new(config_dir, key_path);
    if (secret_store_load(d->store, &failed) < 0) {
        secret_store_free(d->store);
        g_free(d);
        return -1;
    }
    if (failed > 0)
        log_warn("%u secret config(s) in '%s' could not be loaded and were left "
                 "untouched", failed, config_dir);
    daemon_ctx_set_data(ctx, d);
    return 0;
}

static void
secretd_shutdown(DaemonCtx *ctx)
{
    SecretDriver *d = daemon_ctx_get_data(ctx);

    if (!d)
        return;
    daemon_ctx_set_data(ctx, NULL);
    secret_store_free(d->store);
    g_free(d);
}

static int
secretd_reload(DaemonCtx *ctx)
{
    SecretDriver *d = daemon_ctx_get_data(ctx);

    return secret_store_load(d->store, NULL);
}

/* Ephemeral secrets exist only in this process: while there are any, the
 * idle timeout must not end it (libvirt inhibits shutdown the same way). */
static bool
secretd_busy(DaemonCtx *ctx)
{
    SecretDriver *d = daemon_ctx_get_data(ctx);

    return d && secret_store_list(d->store, VIR_CONNECT_LIST_SECRETS_EPHEMERAL, NULL) > 0;
}

static const char *const secretd_uri_schemes[] = { "secret", NULL };

const DaemonDriver secretd_driver = {
    .name = "virtsecretd",
    .uri_schemes = secretd_uri_schemes,
    .klass = PROC_DRV_SECRET,
    .init = secretd_init,
    .shutdown = secretd_shutdown,
    .reload = secretd_reload,
    .busy = secretd_busy,
    .handlers = &secretd_remote_handlers,
    .is_inline = secretd_is_inline,
};
