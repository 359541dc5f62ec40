/* api/sockets.h: which UNIX socket a URI reaches and which daemon to start
 * when it is missing (shared/protocol/sockets.md §2 and §4). Paths come
 * from common/util/paths, so MODVIRT_ROOT re-roots them exactly as it
 * re-roots the daemons' own sockets. */
#pragma once

#include <stdbool.h>

#include "api/uri.h"

typedef enum {
    SOCK_MODE_AUTO,
    SOCK_MODE_LEGACY,
    SOCK_MODE_DIRECT,
} SockMode;

/* "auto" / "legacy" / "direct" → SockMode; -1 when unknown. */
int sockets_mode_from_string(const char *str);
const char *sockets_mode_to_string(SockMode mode);

typedef struct {
    const char *driver;    /* "qemu", "secret", ...; NULL: no URI (proxy/legacy socket) */
    SockMode mode;
    bool readonly;         /* -sock-ro (system daemons only) */
    bool session;          /* per-user daemon under the user runtime dir */
    bool autostart;        /* the caller may spawn the daemon */
} SockRequest;

typedef struct {
    char *path;            /* socket to connect to */
    char *daemon;          /* daemon owning it: virtqemud, virtproxyd, ... */
    char *daemon_path;     /* binary to spawn; NULL unless autostart was asked */
    SockMode mode;         /* SOCK_MODE_DIRECT or SOCK_MODE_LEGACY */
} SockTarget;

/* Socket of the daemon with socket prefix @prefix ("virtqemud",
 * "libvirt"): system: <runstatedir>/libvirt/P-sock[-ro]; session:
 * <user runtime dir>/libvirt/P-sock (no read-only socket). */
char *sockets_path(const char *prefix, bool session, bool readonly);

/* Directory of the per-user sockets and autostart locks. */
char *sockets_session_dir(void);

/* Resolve @req as remoteGetUNIXSocket does: auto picks direct when the
 * per-driver socket exists, else legacy when the libvirt socket exists,
 * else direct (our build default). Never fails. */
void sockets_resolve(const SockRequest *req, SockTarget *ret);
void sockets_target_clear(SockTarget *target);

/* The binary of daemon @name: $VIRTD_PATH/@name, else $LIBVIRTD_PATH/@name,
 * else <sbindir>/@name. */
char *sockets_daemon_binary(const char *name);

/* Session-daemon rules of sockets.md §4 for an opened URI (NULL: none):
 * *@ret_session when unprivileged and the path is /session (or the scheme
 * starts with "test+", or there is no URI at all); *@ret_autostart when,
 * in addition, there is no server, the transport is UNIX and
 * LIBVIRT_AUTOSTART is not "0". */
void sockets_uri_info(const ApiUri *uri, bool unix_transport, bool privileged,
                      bool *ret_session, bool *ret_autostart);

/* Probe for a hypervisor when no URI was given (sockets.md §2.5): the first
 * hypervisor daemon socket that exists (or, unprivileged, an installed
 * virtqemud/virtvboxd), as "<driver>:///system" or "<driver>:///session".
 * NULL when nothing was found. */
char *sockets_probe_uri(bool privileged, bool readonly);
