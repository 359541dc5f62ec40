/* common/daemon/daemonconf.c: defaults, key table and checks for the daemon
 * configuration file. Owns which keys exist and what they default to; the
 * syntax itself is common/util/conffile's business. */
#define ERR_DOMAIN VIR_FROM_CONF

#include "config.h"

#include <limits.h>
#include <glib.h>

#include "common/daemon/daemonconf.h"
#include "common/util/conffile.h"
#include "common/util/err.h"
#include "common/util/paths.h"

static const char *const daemon_auth_names[] = { "none", "sasl", "polkit" };
G_STATIC_ASSERT(G_N_ELEMENTS(daemon_auth_names) == DAEMON_AUTH_LAST);

/* Upper bounds that keep a typo from asking for millions of threads; the
 * lower bounds are libvirt's (max_workers must be at least 1). */
#define DC_MAX_THREADS 10000
#define DC_MAX_COUNT   INT_MAX

static const ConfKey daemon_conf_keys[] = {
    CONF_BOOL   (DaemonConfig, listen_tls,                 "listen_tls"),
    CONF_BOOL   (DaemonConfig, listen_tcp,                 "listen_tcp"),
    CONF_STRING (DaemonConfig, tls_port,                   "tls_port"),
    CONF_STRING (DaemonConfig, tcp_port,                   "tcp_port"),
    CONF_STRING (DaemonConfig, listen_addr,                "listen_addr"),

    CONF_STRING (DaemonConfig, unix_sock_group,            "unix_sock_group"),
    CONF_OCTAL  (DaemonConfig, unix_sock_ro_perms,         "unix_sock_ro_perms"),
    CONF_OCTAL  (DaemonConfig, unix_sock_rw_perms,         "unix_sock_rw_perms"),
    CONF_OCTAL  (DaemonConfig, unix_sock_admin_perms,      "unix_sock_admin_perms"),
    CONF_STRING (DaemonConfig, unix_sock_dir,              "unix_sock_dir"),

    CONF_ENUM   (DaemonConfig, auth_unix_ro,               "auth_unix_ro", daemon_auth_names),
    CONF_ENUM   (DaemonConfig, auth_unix_rw,               "auth_unix_rw", daemon_auth_names),
    CONF_ENUM   (DaemonConfig, auth_tcp,                   "auth_tcp", daemon_auth_names),
    CONF_ENUM   (DaemonConfig, auth_tls,                   "auth_tls", daemon_auth_names),
    CONF_UINT   (DaemonConfig, tcp_min_ssf,                "tcp_min_ssf", 0, UINT_MAX),
    CONF_STRLIST(DaemonConfig, access_drivers,             "access_drivers"),

    CONF_STRING (DaemonConfig, key_file,                   "key_file"),
    CONF_STRING (DaemonConfig, cert_file,                  "cert_file"),
    CONF_STRING (DaemonConfig, ca_file,                    "ca_file"),
    CONF_STRING (DaemonConfig, crl_file,                   "crl_file"),
    CONF_BOOL   (DaemonConfig, tls_no_sanity_certificate,  "tls_no_sanity_certificate"),
    CONF_BOOL   (DaemonConfig, tls_no_verify_certificate,  "tls_no_verify_certificate"),
    CONF_STRLIST(DaemonConfig, tls_allowed_dn_list,        "tls_allowed_dn_list"),
    CONF_STRING (DaemonConfig, tls_priority,               "tls_priority"),
    CONF_STRLIST(DaemonConfig, sasl_allowed_username_list, "sasl_allowed_username_list"),

    CONF_UINT   (DaemonConfig, max_clients,           "max_clients", 1, DC_MAX_COUNT),
    CONF_UINT   (DaemonConfig, max_queued_clients,    "max_queued_clients", 0, DC_MAX_COUNT),
    CONF_UINT   (DaemonConfig, max_anonymous_clients, "max_anonymous_clients", 0, DC_MAX_COUNT),
    CONF_UINT   (DaemonConfig, min_workers,           "min_workers", 0, DC_MAX_THREADS),
    CONF_UINT   (DaemonConfig, max_workers,           "max_workers", 1, DC_MAX_THREADS),
    CONF_UINT   (DaemonConfig, prio_workers,          "prio_workers", 0, DC_MAX_THREADS),
    CONF_UINT   (DaemonConfig, max_client_requests,   "max_client_requests", 1, DC_MAX_COUNT),

    CONF_UINT   (DaemonConfig, admin_min_workers,     "admin_min_workers", 0, DC_MAX_THREADS),
    CONF_UINT   (DaemonConfig, admin_max_workers,     "admin_max_workers", 1, DC_MAX_THREADS),
    CONF_UINT   (DaemonConfig, admin_max_clients,     "admin_max_clients", 1, DC_MAX_COUNT),
    CONF_UINT   (DaemonConfig, admin_max_queued_clients,
                 "admin_max_queued_clients", 0, DC_MAX_COUNT),
    CONF_UINT   (DaemonConfig, admin_max_client_requests,
                 "admin_max_client_requests", 1, DC_MAX_COUNT),

    CONF_UINT   (DaemonConfig, log_level,             "log_level", 0, 4),
    CONF_STRING (DaemonConfig, log_filters,           "log_filters"),
    CONF_STRING (DaemonConfig, log_outputs,           "log_outputs"),

    CONF_UINT   (DaemonConfig, audit_level,           "audit_level", 0, 2),
    CONF_BOOL   (DaemonConfig, audit_logging,         "audit_logging"),

    CONF_STRING (DaemonConfig, host_uuid,             "host_uuid"),
    CONF_STRING (DaemonConfig, host_uuid_source,      "host_uuid_source"),

    CONF_INT    (DaemonConfig, keepalive_interval,    "keepalive_interval", -1, INT_MAX),
    CONF_UINT   (DaemonConfig, keepalive_count,       "keepalive_count", 0, DC_MAX_COUNT),
    CONF_INT    (DaemonConfig, admin_keepalive_interval,
                 "admin_keepalive_interval", -1, INT_MAX),
    CONF_UINT   (DaemonConfig, admin_keepalive_count, "admin_keepalive_count", 0, DC_MAX_COUNT),

    CONF_UINT   (DaemonConfig, ovs_timeout,           "ovs_timeout", 0, UINT_MAX),

    /* Listed as "no longer used" in libvirt 9.0's own sample file. */
    CONF_IGNORED("keepalive_required"),
    CONF_IGNORED("admin_keepalive_required"),
    /* Dropped by earlier libvirt releases; still found in upgraded hosts'
     * files, which libvirt 9.0 loads without complaint. */
    CONF_IGNORED("mdns_adv"),
    CONF_IGNORED("mdns_name"),
    CONF_IGNORED("max_requests"),
    CONF_IGNORED("log_buffer_size"),
    CONF_END
};

/**
 * daemon_auth_to_string() - config-file spelling of a DaemonAuth value
 *
 * Return: static string, "unknown" when @auth is out of range.
 */
const char *
daemon_auth_to_string(int auth)
{
    if (auth < 0 || auth >= DAEMON_AUTH_LAST)
        return "unknown";
    return daemon_auth_names[auth];
}

/**
 * daemon_config_init() - fill @cfg with the defaults of a libvirt 9.0 daemon
 * built without polkit
 * @cfg: struct to initialise (previous contents are not freed)
 */
void
daemon_config_init(DaemonConfig *cfg)
{
    *cfg = (DaemonConfig) {
        .listen_tls = false,
        .listen_tcp = false,
        .tls_port = g_strdup("16514"),
        .tcp_port = g_strdup("16509"),

        .unix_sock_ro_perms = 0666,
        .unix_sock_rw_perms = 0600,
        .unix_sock_admin_perms = 0700,

        .auth_unix_ro = DAEMON_AUTH_NONE,
        .auth_unix_rw = DAEMON_AUTH_NONE,
        .auth_tcp = DAEMON_AUTH_SASL,
        .auth_tls = DAEMON_AUTH_NONE,

        .max_clients = 5000,
        .max_queued_clients = 1000,
        .max_anonymous_clients = 20,
        .min_workers = 5,
        .max_workers = 20,
        .prio_workers = 5,
        .max_client_requests = 5,

        .admin_min_workers = 1,
        .admin_max_workers = 5,
        .admin_max_clients = 5,
        .admin_max_queued_clients = 20,
        .admin_max_client_requests = 5,

        .audit_level = 1,
        .audit_logging = false,

        .keepalive_interval = 5,
        .keepalive_count = 5,
        .admin_keepalive_interval = 5,
        .admin_keepalive_count = 5,

        .ovs_timeout = 5,
    };
}

/**
 * daemon_config_clear() - free what @cfg owns and reset it to zero
 */
void
daemon_config_clear(DaemonConfig *cfg)
{
    conf_clear(daemon_conf_keys, cfg);
    *cfg = (DaemonConfig) { 0 };
}

/* Cross-field checks that the key table cannot express. */
static int
daemon_config_validate(const DaemonConfig *cfg, const char *name)
{
    const struct {
        const char *key;
        int value;
    } unix_auth[] = {
        { "auth_unix_ro", cfg->auth_unix_ro },
        { "auth_unix_rw", cfg->auth_unix_rw },
    };

    for (size_t i = 0; i < G_N_ELEMENTS(unix_auth); i++) {
        if (unix_auth[i].value == DAEMON_AUTH_NONE)
            continue;
        err_report(VIR_ERR_CONFIG_UNSUPPORTED,
                   "%s: %s: authentication '%s' is not supported by modvirt yet "
                   "(only 'none'; restrict access with unix_sock_*_perms and "
                   "unix_sock_group)",
                   name, unix_auth[i].key, daemon_auth_to_string(unix_auth[i].value));
        return -1;
    }
    if (cfg->min_workers > cfg->max_workers) {
        err_report(VIR_ERR_CONF_SYNTAX,
                   "%s: min_workers (%u) is greater than max_workers (%u)",
                   name, cfg->min_workers, cfg->max_workers);
        return -1;
    }
    if (cfg->admin_min_workers > cfg->admin_max_workers) {
        err_report(VIR_ERR_CONF_SYNTAX,
                   "%s: admin_min_workers (%u) is greater than admin_max_workers (%u)",
                   name, cfg->admin_min_workers, cfg->admin_max_workers);
        return -1;
    }
    return 0;
}

/**
 * daemon_config_load() - apply a daemon configuration file to @cfg
 * @cfg: initialised by daemon_config_init(); settings in the file replace
 *       the values already there
 * @path: file to read
 * @must_exist: false for the default path (a missing file means defaults),
 *              true for a file named with --config
 *
 * Return: 0, or -1 with an error reported naming @path (and the line for
 *         syntax, unknown-key, type and range errors).
 */
int
daemon_config_load(DaemonConfig *cfg, const char *path, bool must_exist)
{
    unsigned int flags = must_exist ? 0 : CONF_LOAD_ALLOW_MISSING;

    if (conf_file_load(path, daemon_conf_keys, cfg, flags) < 0)
        return -1;
    return daemon_config_validate(cfg, path);
}

/**
 * daemon_config_load_text() - daemon_config_load() from a string (tests)
 * @cfg: initialised config
 * @name: name used in error messages
 * @text: configuration text
 */
int
daemon_config_load_text(DaemonConfig *cfg, const char *name, const char *text)
{
    if (conf_text_load(name, text, daemon_conf_keys, cfg, 0) < 0)
        return -1;
    return daemon_config_validate(cfg, name ? name : "<string>");
}

/**
 * daemon_default_config_path() - where a daemon looks for its config file
 * @name: daemon name ("virtsecretd", "virtproxyd", ...)
 * @privileged: system (root) or session mode
 *
 * Return: <sysconfdir>/libvirt/<name>.conf, or in session mode
 *         <user config dir>/libvirt/<name>.conf; caller frees.
 */
char *
daemon_default_config_path(const char *name, bool privileged)
{
    g_autofree char *file = g_strdup_printf("%s.conf", name);

    if (privileged)
        return g_build_filename(paths_sysconfdir(), "libvirt", file, NULL);
    return g_build_filename(paths_user_config_dir(), "libvirt", file, NULL);
}
