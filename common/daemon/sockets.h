/* common/daemon/sockets.h: the listening UNIX sockets of a daemon (rw, ro,
 * admin), taken from systemd socket activation or bound by ourselves, plus
 * the default pid file path. No accept()ing or protocol here. */
#pragma once

#include <stdbool.h>

#include "common/daemon/daemonconf.h"

typedef struct DaemonSocketSet DaemonSocketSet;

struct DaemonSocketSet {
    int rw_fd;          /* <P>-sock; always present after a successful open */
    int ro_fd;          /* <P>-sock-ro; -1 in session mode */
    int admin_fd;       /* <P>-admin-sock; -1 when not available */
    char *rw_path;
    char *ro_path;
    char *admin_path;
    bool activated;     /* at least one fd came from systemd */
    int tcp_fd;         /* from a <D>-tcp.socket unit (virtproxyd), else -1 */
    int tls_fd;         /* from a <D>-tls.socket unit (virtproxyd), else -1 */
    unsigned int created;  /* private: which paths we bound (and unlink) */
};

const char *daemon_socket_prefix(const char *name);
char *daemon_socket_dir(bool privileged, const DaemonConfig *cfg);
void daemon_socket_paths(const char *name, bool privileged, const DaemonConfig *cfg,
                         char **ret_rw, char **ret_ro, char **ret_admin);
int daemon_sockets_open(const char *name, bool privileged, const DaemonConfig *cfg,
                        DaemonSocketSet *out);
void daemon_sockets_close(DaemonSocketSet *set);
char *daemon_default_pidfile(const char *name, bool privileged);
