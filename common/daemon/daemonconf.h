/* common/daemon/daemonconf.h: the per-daemon configuration file
 * (/etc/libvirt/<daemon>.conf), with libvirt's key names and defaults.
 * Every key a stock libvirt 9.0 daemon file may contain is accepted; the
 * ones we do not act on yet are stored (or ignored) so stock files load. */
#pragma once

#include <stdbool.h>

typedef struct DaemonConfig DaemonConfig;

typedef enum {
    DAEMON_AUTH_NONE,
    DAEMON_AUTH_SASL,
    DAEMON_AUTH_POLKIT,
    DAEMON_AUTH_LAST
} DaemonAuth;

struct DaemonConfig {
    /* TCP/TLS listeners (virtproxyd only; not acted on yet) */
    bool listen_tls;
    bool listen_tcp;
    char *tls_port;
    char *tcp_port;
    char *listen_addr;

    /* UNIX sockets (ignored for sockets handed over by systemd) */
    char *unix_sock_group;
    unsigned int unix_sock_ro_perms;
    unsigned int unix_sock_rw_perms;
    unsigned int unix_sock_admin_perms;
    char *unix_sock_dir;

    /* authentication: only DAEMON_AUTH_NONE is supported on UNIX sockets */
    int auth_unix_ro;                   /* DaemonAuth */
    int auth_unix_rw;                   /* DaemonAuth */
    int auth_tcp;                       /* DaemonAuth, not acted on yet */
    int auth_tls;                       /* DaemonAuth, not acted on yet */
    unsigned int tcp_min_ssf;           /* not acted on yet */
    char **access_drivers;              /* not acted on yet */

    /* TLS (not acted on yet) */
    char *key_file;
    char *cert_file;
    char *ca_file;
    char *crl_file;
    bool tls_no_sanity_certificate;
    bool tls_no_verify_certificate;
    char **tls_allowed_dn_list;
    char *tls_priority;
    char **sasl_allowed_username_list;  /* not acted on yet */

    /* processing controls, main server */
    unsigned int max_clients;
    unsigned int max_queued_clients;
    unsigned int max_anonymous_clients;
    unsigned int min_workers;
    unsigned int max_workers;
    unsigned int prio_workers;
    unsigned int max_client_requests;

    /* processing controls, admin server */
    unsigned int admin_min_workers;
    unsigned int admin_max_workers;
    unsigned int admin_max_clients;
    unsigned int admin_max_queued_clients;
    unsigned int admin_max_client_requests;

    /* logging: log_level 0 means "not set" */
    unsigned int log_level;
    char *log_filters;
    char *log_outputs;

    /* auditing (not acted on yet) */
    unsigned int audit_level;
    bool audit_logging;

    /* host identity (not acted on yet) */
    char *host_uuid;
    char *host_uuid_source;

    /* keepalive: interval -1 disables sending pings */
    int keepalive_interval;
    unsigned int keepalive_count;
    int admin_keepalive_interval;
    unsigned int admin_keepalive_count;

    unsigned int ovs_timeout;           /* seconds; not acted on yet */
};

const char *daemon_auth_to_string(int auth);

void daemon_config_init(DaemonConfig *cfg);
int daemon_config_load(DaemonConfig *cfg, const char *path, bool must_exist);
int daemon_config_load_text(DaemonConfig *cfg, const char *name, const char *text);
void daemon_config_clear(DaemonConfig *cfg);
char *daemon_default_config_path(const char *name, bool privileged);
