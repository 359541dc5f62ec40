/* api/remote/remote.h: the remote driver of libvirt.so: connections to the
 * daemons (handshake, session autostart, keepalive, close callbacks),
 * routing of each API family to the daemon that owns it, and the calls
 * themselves. Public entry points (api/connect.c, api/secret.c) validate
 * arguments and then call the functions declared here, which report on
 * failure and never dispatch. */
#pragma once

#include <stdbool.h>
#include <glib.h>

#include "api/internal.h"
#include "api/uri.h"
#include "common/rpc/client.h"

/* One connection to one daemon. */
typedef struct {
    RpcClient *client;
    char *sock_path;
    ApiDriverClass cls;          /* what it was opened for */
    virConnectPtr owner;         /* weak: the owner closes us before it goes */
    bool primary;
    bool server_keepalive;       /* SUPPORTS_FEATURE(PROGRAM_KEEPALIVE) */
    bool server_event_filter;    /* SUPPORTS_FEATURE(REMOTE_EVENT_CALLBACK) */
    bool server_close_cb;        /* SUPPORTS_FEATURE(REMOTE_CLOSE_CALLBACK) */
    gint closing;                /* we are closing it: no close callback */
    GMutex lock;
    char *type;                  /* cached CONNECT_GET_TYPE answer */
} RemoteConn;

/* Everything the remote driver keeps per virConnect. */
struct _RemoteState {
    GMutex lock;
    RemoteConn *primary;
    RemoteConn *secondary[API_DRV_LAST];
    bool use_primary[API_DRV_LAST];   /* decided: that family goes to primary */
    ApiDriverClass primary_class;
    bool route_secondary;        /* secondary families may get own sockets */
    bool session;
    bool autostart;
    bool readonly;
    int ka_interval;             /* last virConnectSetKeepAlive (0: none) */
    unsigned int ka_count;
};

/* ---- connections (api/remote/conn.c) ---- */

/* Open the primary daemon connection of @conn for @uri (NULL: probe).
 * Sets conn->uri when the daemon had to tell us (GET_URI). */
int remote_open(virConnectPtr conn, ApiUri *uri, const ApiClientConf *conf,
                virConnectAuthPtr auth, unsigned int flags);
/* Close every daemon connection of @conn (connection dispose). */
void remote_state_close(virConnectPtr conn);
/* The daemon connection serving @cls, opened on first use.
 * Return: the connection, or NULL (reported). */
RemoteConn *remote_route(virConnectPtr conn, ApiDriverClass cls);
/* The driver class a URI scheme names ("secret" → API_DRV_SECRET,
 * anything that is not a secondary driver → API_DRV_HYPERVISOR). */
ApiDriverClass remote_driver_class(const char *driver);
/* Name of a secondary driver class as a URI scheme ("secret"), NULL for
 * the hypervisor class. */
const char *remote_driver_scheme(ApiDriverClass cls);

/* ---- connecting a socket (api/remote/spawn.c) ---- */

/* Connect to @path. With @daemon_path, a missing or refusing socket makes
 * us start that daemon (session autostart, sockets.md §4) and retry for up
 * to ~5 s; without it, fail at once.
 * Return: the client, or NULL with an error naming @path. */
RpcClient *remote_connect_socket(const char *path, const char *daemon_path);

/* ---- connection-level calls (api/remote/host.c) ---- */

const char *remote_connect_get_type(virConnectPtr conn);
int remote_connect_get_version(virConnectPtr conn, unsigned long *ret);
int remote_connect_get_lib_version(virConnectPtr conn, unsigned long *ret);
char *remote_connect_get_hostname(virConnectPtr conn);
int remote_connect_is_alive(virConnectPtr conn);
int remote_connect_is_secure(virConnectPtr conn);
int remote_connect_is_encrypted(virConnectPtr conn);
int remote_connect_set_keepalive(virConnectPtr conn, int interval, unsigned int count);
int remote_connect_register_close_callback(virConnectPtr conn, virConnectCloseFunc cb,
                                           void *opaque, virFreeCallback freecb);
int remote_connect_unregister_close_callback(virConnectPtr conn, virConnectCloseFunc cb);
/* Run the application's close callback once, for @reason. */
void remote_fire_close_callback(virConnectPtr conn, int reason);

/* ---- secrets (api/remote/secret.c) ---- */

int remote_secret_num(virConnectPtr conn);
int remote_secret_list(virConnectPtr conn, char **uuids, int maxuuids);
int remote_secret_list_all(virConnectPtr conn, virSecretPtr **secrets, unsigned int flags);
virSecretPtr remote_secret_lookup_by_uuid(virConnectPtr conn, const unsigned char *uuid);
virSecretPtr remote_secret_lookup_by_usage(virConnectPtr conn, int usage_type,
                                           const char *usage_id);
virSecretPtr remote_secret_define_xml(virConnectPtr conn, const char *xml, unsigned int flags);
char *remote_secret_get_xml_desc(virSecretPtr secret, unsigned int flags);
int remote_secret_set_value(virSecretPtr secret, const unsigned char *value, size_t size,
                            unsigned int flags);
unsigned char *remote_secret_get_value(virSecretPtr secret, size_t *size, unsigned int flags);
int remote_secret_undefine(virSecretPtr secret);
int remote_secret_event_register(virConnectPtr conn, virSecretPtr secret, int event_id,
                                 virConnectSecretEventGenericCallback cb, void *opaque,
                                 virFreeCallback freecb);
int remote_secret_event_deregister(virConnectPtr conn, int callback_id);
/* Event messages of the secret family (RPC I/O thread). */
void remote_secret_on_event(RemoteConn *rc, int proc, void *msg);
