/* api/sockets.c: socket path and daemon selection for local URIs.
 * Pure decisions plus existence checks of sockets and binaries; connecting
 * and spawning are in api/remote/. */
#include "config.h"

#include <unistd.h>

#include "api/sockets.h"
#include "common/util/file.h"
#include "common/util/paths.h"

static const char *const sock_mode_names[] = { "auto", "legacy", "direct" };

/**
 * sockets_mode_from_string() - parse a remote mode name
 *
 * Return: the SockMode, or -1 for an unknown name.
 */
int
sockets_mode_from_string(const char *str)
{
    for (size_t i = 0; i < G_N_ELEMENTS(sock_mode_names); i++) {
        if (g_str_equal(str, sock_mode_names[i]))
            return (int) i;
    }
    return -1;
}

/**
 * sockets_mode_to_string() - name of a SockMode
 */
const char *
sockets_mode_to_string(SockMode mode)
{
    if ((size_t) mode >= G_N_ELEMENTS(sock_mode_names))
        return "unknown";
    return sock_mode_names[mode];
}

/**
 * sockets_session_dir() - <user runtime dir>/libvirt (newly allocated)
 */
char *
sockets_session_dir(void)
{
    return g_build_filename(paths_user_runtime_dir(), "libvirt", NULL);
}

/**
 * sockets_path() - the read-write or read-only socket of a daemon
 * @prefix: socket prefix ("virtsecretd", or "libvirt" for the proxy)
 * @session: per-user daemon
 * @readonly: the -sock-ro variant (ignored for session daemons)
 */
char *
sockets_path(const char *prefix, bool session, bool readonly)
{
    g_autofree char *name = NULL;

    if (session) {
        g_autofree char *dir = sockets_session_dir();

        name = g_strdup_printf("%s-sock", prefix);
        return g_build_filename(dir, name, NULL);
    }
    name = g_strdup_printf("%s-%s", prefix, readonly ? "sock-ro" : "sock");
    return g_build_filename(paths_runstatedir(), "libvirt", name, NULL);
}

/**
 * sockets_daemon_binary() - where to find daemon @name for autostart
 */
char *
sockets_daemon_binary(const char *name)
{
    const char *dir = g_getenv("VIRTD_PATH");

    if (!dir)
        dir = g_getenv("LIBVIRTD_PATH");
    if (!dir || !*dir)
        dir = paths_sbindir();
    return g_build_filename(dir, name, NULL);
}

/**
 * sockets_resolve() - pick the socket and daemon for a request
 * @req: what is being opened
 * @ret: filled; release with sockets_target_clear()
 */
void
sockets_resolve(const SockRequest *req, SockTarget *ret)
{
    g_autofree char *direct_daemon = NULL;
    g_autofree char *direct_sock = NULL;
    g_autofree char *legacy_sock = sockets_path("libvirt", req->session, req->readonly);
    SockMode mode = req->mode;

    if (req->driver) {
        direct_daemon = g_strdup_printf("virt%sd", req->driver);
        direct_sock = sockets_path(direct_daemon, req->session, req->readonly);
    } else {
        direct_daemon = g_strdup("virtproxyd");
        direct_sock = g_strdup(legacy_sock);
    }

    if (mode == SOCK_MODE_AUTO) {
        if (file_exists(direct_sock))
            mode = SOCK_MODE_DIRECT;
        else if (file_exists(legacy_sock))
            mode = SOCK_MODE_LEGACY;
        else
            mode = SOCK_MODE_DIRECT;
    }

    ret->mode = mode;
    if (mode == SOCK_MODE_LEGACY) {
        /* The legacy socket is served by virtproxyd here (there is no
         * monolithic libvirtd in modvirt). */
        ret->path = g_steal_pointer(&legacy_sock);
        ret->daemon = g_strdup("virtproxyd");
    } else {
        ret->path = g_steal_pointer(&direct_sock);
        ret->daemon = g_steal_pointer(&direct_daemon);
    }
    ret->daemon_path = req->autostart ? sockets_daemon_binary(ret->daemon) : NULL;
}

/**
 * sockets_target_clear() - free what a SockTarget holds
 */
void
sockets_target_clear(SockTarget *target)
{
    g_clear_pointer(&target->path, g_free);
    g_clear_pointer(&target->daemon, g_free);
    g_clear_pointer(&target->daemon_path, g_free);
}

/**
 * sockets_uri_info() - whether a URI means a session daemon, and whether
 * that daemon may be started on demand
 */
void
sockets_uri_info(const ApiUri *uri, bool unix_transport, bool privileged,
                 bool *ret_session, bool *ret_autostart)
{
    const char *autostart = g_getenv("LIBVIRT_AUTOSTART");
    bool allowed = !autostart || !g_str_equal(autostart, "0");

    *ret_session = false;
    *ret_autostart = false;
    if (privileged)
        return;
    if (!uri) {
        *ret_session = true;
        *ret_autostart = allowed;
        return;
    }
    if (uri->scheme && uri->path &&
        (g_str_equal(uri->path, "/session") || g_str_has_prefix(uri->scheme, "test+"))) {
        *ret_session = true;
        *ret_autostart = !uri->server && unix_transport && allowed;
    }
}

static bool
sockets_binary_exists(const char *name)
{
    g_autofree char *bin = sockets_daemon_binary(name);

    return access(bin, X_OK) == 0;
}

/**
 * sockets_probe_uri() - find a local hypervisor when no URI was given
 * @privileged: running as root (system daemons) or not (session daemons)
 * @readonly: probe the -sock-ro sockets
 */
char *
sockets_probe_uri(bool privileged, bool readonly)
{
    static const char *const system_drivers[] = { "xen", "qemu", "lxc", "vbox", "bhyve", "vz" };
    static const char *const session_drivers[] = { "qemu", "vbox" };

    if (privileged) {
        for (size_t i = 0; i < G_N_ELEMENTS(system_drivers); i++) {
            g_autofree char *daemon = g_strdup_printf("virt%sd", system_drivers[i]);
            g_autofree char *path = sockets_path(daemon, false, readonly);

            if (file_exists(path))
                return g_strdup_printf("%s:///system", system_drivers[i]);
        }
        return NULL;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(session_drivers); i++) {
        g_autofree char *daemon = g_strdup_printf("virt%sd", session_drivers[i]);
        g_autofree char *path = sockets_path(daemon, true, false);

        if (file_exists(path))
            return g_strdup_printf("%s:///session", session_drivers[i]);
    }
    for (size_t i = 0; i < G_N_ELEMENTS(session_drivers); i++) {
        g_autofree char *daemon = g_strdup_printf("virt%sd", session_drivers[i]);

        if (sockets_binary_exists(daemon))
            return g_strdup_printf("%s:///session", session_drivers[i]);
    }
    return NULL;
}
