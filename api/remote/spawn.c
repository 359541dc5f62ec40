/* api/remote/spawn.c: connecting to a daemon socket, starting the session
 * daemon on demand (sockets.md §4): a lock file serialises concurrent
 * clients, the daemon is started once, double-forked into its own session
 * with --timeout=120, and the connect is retried every 10 ms for ~5 s. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>

#define ERR_DOMAIN VIR_FROM_RPC
#include "api/remote/remote.h"
#include "common/util/err.h"
#include "common/util/file.h"
#include "common/util/log.h"

#define SPAWN_RETRIES 500
#define SPAWN_RETRY_US 10000

/* One immediate connect attempt. Return: fd, or -errno. */
static int
spawn_try_connect(const char *path)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    int fd;

    if (strlen(path) >= sizeof(sa.sun_path))
        return -ENAMETOOLONG;
    memcpy(sa.sun_path, path, strlen(path) + 1);
    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -errno;
    if (connect(fd, (struct sockaddr *) &sa, sizeof(sa)) < 0) {
        int e = errno;

        close(fd);
        return -e;
    }
    return fd;
}

/* Start @binary --timeout=120 detached from us (double fork, new session,
 * stdio on /dev/null). The environment is inherited, so MODVIRT_ROOT and
 * the XDG directories reach the daemon. Return: 0 or -errno. */
static int
spawn_daemon(const char *binary)
{
    g_autofree char *argv0 = g_path_get_basename(binary);
    char *const argv[] = { argv0, (char *) "--timeout=120", NULL };
    pid_t pid;
    int status;

    if (access(binary, X_OK) < 0)
        return -errno;
    pid = fork();
    if (pid < 0)
        return -errno;
    if (pid == 0) {
        /* Only async-signal-safe calls from here on. */
        sigset_t all;
        pid_t inner;
        int nullfd;

        setsid();
        inner = fork();
        if (inner != 0)
            _exit(inner < 0 ? 1 : 0);
        sigemptyset(&all);
        sigprocmask(SIG_SETMASK, &all, NULL);
        nullfd = open("/dev/null", O_RDWR | O_CLOEXEC);
        if (nullfd >= 0) {
            dup2(nullfd, STDIN_FILENO);
            dup2(nullfd, STDOUT_FILENO);
            dup2(nullfd, STDERR_FILENO);
        }
        if (close_range(3, ~0U, 0) < 0) {
            for (int fd = 3; fd < 1024; fd++)
                close(fd);
        }
        execv(binary, argv);
        _exit(127);
    }
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    return 0;
}

/* Exclusive lock on <socket dir>/<daemon>.lock, held while we connect. */
static int
spawn_lock(const char *path, const char *daemon_path, char **ret_lock_path)
{
    g_autofree char *dir = g_path_get_dirname(path);
    g_autofree char *name = g_path_get_basename(daemon_path);
    g_autofree char *lock_path = NULL;
    struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 1 };
    int fd;
    int r;

    r = file_mkdir_p(dir, 0700);
    if (r < 0) {
        err_report_system(-r, "Cannot create directory '%s'", dir);
        return -1;
    }
    lock_path = g_strdup_printf("%s/%s.lock", dir, name);
    fd = open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        err_report_system(errno, "Unable to open lock file '%s'", lock_path);
        return -1;
    }
    while ((r = fcntl(fd, F_SETLKW, &fl)) < 0 && errno == EINTR)
        ;
    if (r < 0) {
        err_report_system(errno, "Unable to lock '%s'", lock_path);
        close(fd);
        return -1;
    }
    *ret_lock_path = g_steal_pointer(&lock_path);
    return fd;
}

/**
 * remote_connect_socket() - connect, starting the daemon when allowed
 * @path: socket path
 * @daemon_path: daemon to start when the socket is absent, or NULL
 */
RpcClient *
remote_connect_socket(const char *path, const char *daemon_path)
{
    g_autofree char *lock_path = NULL;
    bool spawned = false;
    int lock_fd;
    int fd = -ENOENT;

    if (!daemon_path)
        return rpc_client_open_unix(path, 1000);

    lock_fd = spawn_lock(path, daemon_path, &lock_path);
    if (lock_fd < 0)
        return NULL;
    for (int attempt = 0; attempt < SPAWN_RETRIES; attempt++) {
        fd = spawn_try_connect(path);
        if (fd >= 0)
            break;
        if (fd != -ENOENT && fd != -ECONNREFUSED)
            break;
        if (!spawned) {
            int r = spawn_daemon(daemon_path);

            spawned = true;
            if (r < 0) {
                log_debug("cannot start '%s': %s", daemon_path, g_strerror(-r));
                break;
            }
        }
        g_usleep(SPAWN_RETRY_US);
    }
    unlink(lock_path);
    close(lock_fd);

    if (fd < 0) {
        err_report_system(-fd, "Failed to connect socket to '%s'", path);
        return NULL;
    }
    return rpc_client_new_fd(fd);
}
