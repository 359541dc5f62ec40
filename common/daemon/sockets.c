/* common/daemon/sockets.c: obtains a daemon's listening UNIX sockets, from
 * systemd (LISTEN_FDS, matched by FileDescriptorName) or by binding them
 * under the runtime directory with the configured owner and modes. Refuses
 * to steal a socket another live daemon is listening on. */
#define ERR_DOMAIN VIR_FROM_RPC

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>
#include <glib.h>
#include <systemd/sd-daemon.h>

#include "common/daemon/sockets.h"
#include "common/util/err.h"
#include "common/util/file.h"
#include "common/util/log.h"
#include "common/util/parse.h"
#include "common/util/paths.h"

enum {
    SOCK_RW = 1 << 0,
    SOCK_RO = 1 << 1,
    SOCK_ADMIN = 1 << 2,
};

/* One socket daemon_sockets_open() wants, and where its result goes. */
typedef struct {
    int *fd;
    char **path;
    unsigned int perms;
    unsigned int backlog;
    unsigned int bit;
} SockWant;

/* The one daemon whose sockets do not carry its own name (sockets.md §1). */
#define PROXY_DAEMON "virtproxyd"
#define PROXY_PREFIX "libvirt"

/**
 * daemon_socket_prefix() - the prefix P of a daemon's socket file names
 * @name: daemon name; "libvirt" (already a prefix) is returned unchanged
 *
 * Return: "libvirt" for virtproxyd, else @name.
 */
const char *
daemon_socket_prefix(const char *name)
{
    if (g_str_equal(name, PROXY_DAEMON))
        return PROXY_PREFIX;
    return name;
}

/* Unit base name D of FileDescriptorName=D.socket etc. */
static const char *
daemon_unit_name(const char *name)
{
    if (g_str_equal(name, PROXY_PREFIX))
        return PROXY_DAEMON;
    return name;
}

/**
 * daemon_socket_dir() - directory of the self-bound sockets
 * @privileged: system or session mode
 * @cfg: config (unix_sock_dir wins when set); may be NULL
 *
 * Return: newly allocated path.
 */
char *
daemon_socket_dir(bool privileged, const DaemonConfig *cfg)
{
    if (cfg && cfg->unix_sock_dir)
        return g_strdup(cfg->unix_sock_dir);
    if (privileged)
        return g_build_filename(paths_runstatedir(), "libvirt", NULL);
    return g_build_filename(paths_user_runtime_dir(), "libvirt", NULL);
}

/**
 * daemon_socket_paths() - where a daemon's sockets live when self-bound
 * @name: daemon name (or "libvirt" for virtproxyd)
 * @privileged: system or session mode
 * @cfg: config or NULL
 * @ret_rw: set to <dir>/<P>-sock
 * @ret_ro: set to <dir>/<P>-sock-ro, or NULL in session mode
 * @ret_admin: set to <dir>/<P>-admin-sock, or NULL in session mode with
 *             unix_sock_dir set (libvirt's rule)
 */
void
daemon_socket_paths(const char *name, bool privileged, const DaemonConfig *cfg,
                    char **ret_rw, char **ret_ro, char **ret_admin)
{
    g_autofree char *dir = daemon_socket_dir(privileged, cfg);
    const char *p = daemon_socket_prefix(name);
    bool custom_dir = cfg && cfg->unix_sock_dir;

    *ret_rw = g_strdup_printf("%s/%s-sock", dir, p);
    *ret_ro = privileged ? g_strdup_printf("%s/%s-sock-ro", dir, p) : NULL;
    *ret_admin = privileged || !custom_dir ? g_strdup_printf("%s/%s-admin-sock", dir, p)
                                           : NULL;
}

/**
 * daemon_default_pidfile() - default pid file of a daemon
 * @name: daemon name
 * @privileged: system or session mode
 *
 * Return: <runstatedir>/<name>.pid, or <user runtime dir>/libvirt/<name>.pid
 *         in session mode; caller frees.
 */
char *
daemon_default_pidfile(const char *name, bool privileged)
{
    g_autofree char *file = g_strdup_printf("%s.pid", name);

    if (privileged)
        return g_build_filename(paths_runstatedir(), file, NULL);
    return g_build_filename(paths_user_runtime_dir(), "libvirt", file, NULL);
}

static int
daemon_sock_set_nonblock(int fd)
{
    int fl = fcntl(fd, F_GETFL);

    if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0)
        return -errno;
    if (fcntl(fd, F_SETFD, FD_CLOEXEC) < 0)
        return -errno;
    return 0;
}

static int
daemon_sock_fill_addr(const char *path, struct sockaddr_un *sa)
{
    memset(sa, 0, sizeof(*sa));
    sa->sun_family = AF_UNIX;
    if (g_strlcpy(sa->sun_path, path, sizeof(sa->sun_path)) >= sizeof(sa->sun_path)) {
        err_report(VIR_ERR_CONFIG_UNSUPPORTED,
                   "socket path '%s' is too long (at most %zu bytes)",
                   path, sizeof(sa->sun_path) - 1);
        return -1;
    }
    return 0;
}

/* Remove a left-over socket file at @path, unless a live daemon answers on
 * it or it is not a socket. Return 0 (nothing there any more) or -1. */
static int
daemon_sock_clear_stale(const char *path, const struct sockaddr_un *sa)
{
    struct stat st;
    int fd;
    int r;

    if (lstat(path, &st) < 0) {
        if (errno == ENOENT)
            return 0;
        err_report_system(errno, "cannot inspect '%s'", path);
        return -1;
    }
    if (!S_ISSOCK(st.st_mode)) {
        err_report(VIR_ERR_OPERATION_FAILED,
                   "'%s' exists and is not a socket; refusing to replace it", path);
        return -1;
    }
    /* non-blocking: a live daemon with a full backlog must not hang us */
    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) {
        err_report_system(errno, "cannot create a socket");
        return -1;
    }
    r = connect(fd, (const struct sockaddr *) sa, sizeof(*sa));
    if (r == 0 || errno == EAGAIN || errno == EINPROGRESS) {
        close(fd);
        err_report(VIR_ERR_OPERATION_FAILED, "another daemon is listening on %s", path);
        return -1;
    }
    r = errno;
    close(fd);
    if (r != ECONNREFUSED && r != ENOENT) {
        err_report_system(r, "cannot check whether a daemon is listening on '%s'", path);
        return -1;
    }
    log_info("removing stale socket %s", path);
    r = file_unlink_if_exists(path);
    if (r < 0) {
        err_report_system(-r, "cannot remove stale socket '%s'", path);
        return -1;
    }
    return 0;
}

static int
daemon_sock_lookup_group(const char *group, gid_t *ret_gid)
{
    struct group grbuf;
    struct group *gr = NULL;
    char buf[4096];
    unsigned int num;
    int r;

    /* "+123" is always numeric, as libvirt allows */
    if (group[0] == '+' && parse_uint(group + 1, 10, &num) == 0) {
        *ret_gid = (gid_t) num;
        return 0;
    }
    r = getgrnam_r(group, &grbuf, buf, sizeof(buf), &gr);
    if (r == 0 && gr) {
        *ret_gid = gr->gr_gid;
        return 0;
    }
    if (parse_uint(group, 10, &num) == 0) {
        *ret_gid = (gid_t) num;
        return 0;
    }
    err_report(VIR_ERR_CONFIG_UNSUPPORTED, "unknown group '%s' in unix_sock_group", group);
    return -1;
}

/* Bind and listen on @path with @mode and group @gid ((gid_t) -1 = keep). */
static int
daemon_sock_bind(const char *path, unsigned int mode, gid_t gid, int backlog,
                 int *ret_fd)
{
    struct sockaddr_un sa;
    mode_t old_umask;
    int fd;
    int r;

    if (daemon_sock_fill_addr(path, &sa) < 0)
        return -1;
    if (daemon_sock_clear_stale(path, &sa) < 0)
        return -1;
    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) {
        err_report_system(errno, "cannot create a socket");
        return -1;
    }
    /* Nobody may connect before owner and mode are right: bind with a
     * private mode, fix it up, and only then listen(). umask is process
     * wide; sockets are opened before any thread starts. */
    old_umask = umask(0177);
    r = bind(fd, (const struct sockaddr *) &sa, sizeof(sa));
    umask(old_umask);
    if (r < 0) {
        err_report_system(errno, "cannot bind socket '%s'", path);
        close(fd);
        return -1;
    }
    if (gid != (gid_t) -1 && chown(path, (uid_t) -1, gid) < 0) {
        err_report_system(errno, "cannot change the group of socket '%s'", path);
        goto fail;
    }
    if (chmod(path, (mode_t) mode) < 0) {
        err_report_system(errno, "cannot change the permissions of socket '%s'", path);
        goto fail;
    }
    if (listen(fd, backlog) < 0) {
        err_report_system(errno, "cannot listen on socket '%s'", path);
        goto fail;
    }
    *ret_fd = fd;
    return 0;

 fail:
    close(fd);
    unlink(path);
    return -1;
}

/* Fill @path from the bound address of an inherited socket (for messages). */
static char *
daemon_sock_name_of(int fd)
{
    struct sockaddr_un sa = { 0 };
    socklen_t len = sizeof(sa);

    if (getsockname(fd, (struct sockaddr *) &sa, &len) < 0 || len <= sizeof(sa_family_t))
        return NULL;
    return g_strndup(sa.sun_path, len - sizeof(sa_family_t));
}

/* Store one systemd-passed fd in @out according to its unit name. */
static int
daemon_sock_take_activated(const char *unit, int fd, const char *fdname,
                           DaemonSocketSet *out)
{
    g_autofree char *rw = g_strdup_printf("%s.socket", unit);
    g_autofree char *ro = g_strdup_printf("%s-ro.socket", unit);
    g_autofree char *admin = g_strdup_printf("%s-admin.socket", unit);
    g_autofree char *tcp = g_strdup_printf("%s-tcp.socket", unit);
    g_autofree char *tls = g_strdup_printf("%s-tls.socket", unit);
    int *slot = NULL;
    char **path = NULL;
    bool is_unix = true;

    if (g_str_equal(fdname, rw)) {
        slot = &out->rw_fd;
        path = &out->rw_path;
    } else if (g_str_equal(fdname, ro)) {
        slot = &out->ro_fd;
        path = &out->ro_path;
    } else if (g_str_equal(fdname, admin)) {
        slot = &out->admin_fd;
        path = &out->admin_path;
    } else if (g_str_equal(fdname, tcp)) {
        slot = &out->tcp_fd;
        is_unix = false;
    } else if (g_str_equal(fdname, tls)) {
        slot = &out->tls_fd;
        is_unix = false;
    }
    if (!slot) {
        log_warn("ignoring socket '%s' passed by systemd (not one of %s's)", fdname, unit);
        close(fd);
        return 0;
    }
    if (*slot >= 0) {
        err_report(VIR_ERR_OPERATION_FAILED, "systemd passed socket '%s' twice", fdname);
        close(fd);
        return -1;
    }
    if (is_unix && sd_is_socket_unix(fd, SOCK_STREAM, 1, NULL, 0) <= 0) {
        err_report(VIR_ERR_OPERATION_FAILED,
                   "socket '%s' passed by systemd is not a listening UNIX stream socket",
                   fdname);
        close(fd);
        return -1;
    }
    if (daemon_sock_set_nonblock(fd) < 0) {
        err_report_system(errno, "cannot configure socket '%s'", fdname);
        close(fd);
        return -1;
    }
    *slot = fd;
    if (path) {
        g_free(*path);
        *path = daemon_sock_name_of(fd);
    }
    out->activated = true;
    return 0;
}

static int
daemon_sockets_activation(const char *unit, DaemonSocketSet *out)
{
    g_auto(GStrv) names = NULL;
    int n = sd_listen_fds_with_names(1, &names);
    int r = 0;

    if (n < 0) {
        err_report_system(-n, "cannot read the sockets passed by systemd");
        return -1;
    }
    for (int i = 0; i < n; i++) {
        int fd = SD_LISTEN_FDS_START + i;
        const char *fdname = names && names[i] ? names[i] : "unknown";

        if (r < 0) {
            close(fd);          /* after an error, still close the rest */
            continue;
        }
        r = daemon_sock_take_activated(unit, fd, fdname, out);
    }
    if (n > 0)
        log_debug("systemd passed %d socket(s)", n);
    return r;
}

/**
 * daemon_sockets_open() - get the listening sockets of a daemon
 * @name: daemon name ("virtsecretd", "virtproxyd"); "libvirt" is taken as
 *        virtproxyd's socket prefix
 * @privileged: system mode (rw, ro and admin sockets) or session mode (rw
 *              and admin only)
 * @cfg: unix_sock_dir, unix_sock_*_perms, unix_sock_group, max_queued_clients
 *       and admin_max_queued_clients apply to self-bound sockets
 * @out: filled in; release with daemon_sockets_close() (also on failure)
 *
 * Sockets passed by systemd are claimed by FileDescriptorName (<D>.socket,
 * <D>-ro.socket, <D>-admin.socket, and <D>-tcp/-tls.socket for the proxy);
 * each one not passed is bound under daemon_socket_dir(), creating the
 * directory (0755 system, 0700 session). A stale socket file is removed
 * only when nothing accepts connections on it. All fds are non-blocking and
 * close-on-exec.
 *
 * Return: 0, or -1 with an error reported (e.g. "another daemon is
 *         listening on <path>").
 */
int
daemon_sockets_open(const char *name, bool privileged, const DaemonConfig *cfg,
                    DaemonSocketSet *out)
{
    g_autofree char *dir = daemon_socket_dir(privileged, cfg);
    char *paths[3] = { NULL, NULL, NULL };
    gid_t gid = (gid_t) -1;
    const SockWant want[3] = {
        { &out->rw_fd, &out->rw_path, cfg->unix_sock_rw_perms,
          cfg->max_queued_clients, SOCK_RW },
        { &out->ro_fd, &out->ro_path, cfg->unix_sock_ro_perms,
          cfg->max_queued_clients, SOCK_RO },
        { &out->admin_fd, &out->admin_path, cfg->unix_sock_admin_perms,
          cfg->admin_max_queued_clients, SOCK_ADMIN },
    };
    int r;

    *out = (DaemonSocketSet) {
        .rw_fd = -1, .ro_fd = -1, .admin_fd = -1, .tcp_fd = -1, .tls_fd = -1,
    };
    if (daemon_sockets_activation(daemon_unit_name(name), out) < 0) {
        daemon_sockets_close(out);
        return -1;
    }

    daemon_socket_paths(name, privileged, cfg, &paths[0], &paths[1], &paths[2]);
    r = 0;
    for (int i = 0; i < 3 && r == 0; i++) {
        if (*want[i].fd >= 0 || !paths[i])
            continue;
        if (out->created == 0) {
            /* first self-bound socket: prepare directory and group */
            r = file_mkdir_p(dir, privileged ? 0755 : 0700);
            if (r < 0) {
                err_report_system(-r, "cannot create socket directory '%s'", dir);
                break;
            }
            if (cfg->unix_sock_group && daemon_sock_lookup_group(cfg->unix_sock_group,
                                                                 &gid) < 0) {
                r = -1;
                break;
            }
        }
        r = daemon_sock_bind(paths[i], want[i].perms, gid,
                             (int) MIN(want[i].backlog, (unsigned int) INT_MAX), want[i].fd);
        if (r == 0) {
            *want[i].path = g_steal_pointer(&paths[i]);
            out->created |= want[i].bit;
        }
    }
    for (int i = 0; i < 3; i++)
        g_free(paths[i]);
    if (r < 0) {
        daemon_sockets_close(out);
        return -1;
    }
    return 0;
}

/**
 * daemon_sockets_close() - close every socket of @set and remove the files
 * of the ones daemon_sockets_open() bound itself (systemd owns the others)
 * @set: socket set; reset to "nothing open"
 */
void
daemon_sockets_close(DaemonSocketSet *set)
{
    struct {
        int *fd;
        char **path;
        unsigned int bit;
    } socks[] = {
        { &set->rw_fd, &set->rw_path, SOCK_RW },
        { &set->ro_fd, &set->ro_path, SOCK_RO },
        { &set->admin_fd, &set->admin_path, SOCK_ADMIN },
        { &set->tcp_fd, NULL, 0 },
        { &set->tls_fd, NULL, 0 },
    };

    for (size_t i = 0; i < G_N_ELEMENTS(socks); i++) {
        if (*socks[i].fd >= 0)
            close(*socks[i].fd);
        *socks[i].fd = -1;
        if (!socks[i].path)
            continue;
        if ((set->created & socks[i].bit) && *socks[i].path)
            file_unlink_if_exists(*socks[i].path);
        g_clear_pointer(socks[i].path, g_free);
    }
    set->created = 0;
    set->activated = false;
}
