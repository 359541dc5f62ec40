/* common/daemon/daemonize.c: detaching into the background for --daemon.
 * The launching process stays until the daemon reports a startup status
 * over a pipe and exits with that status, so `D --daemon && use-D` works.
 * Also wraps sd_notify for Type=notify units. */
#define ERR_DOMAIN VIR_FROM_NONE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib.h>
#include <systemd/sd-daemon.h>

#include "common/daemon/daemonize.h"
#include "common/util/err.h"

/* Point @fd at /dev/null; return 0 or -errno. */
static int
daemon_redirect_null(int fd, int flags)
{
    int nfd = open("/dev/null", flags | O_CLOEXEC);
    int r = 0;

    if (nfd < 0)
        return -errno;
    if (nfd != fd && dup2(nfd, fd) < 0)
        r = -errno;
    if (nfd != fd)
        close(nfd);
    return r;
}

/* Runs in the launching process: wait for the daemon's status, exit. */
static G_GNUC_NORETURN void
daemon_parent_wait(pid_t child, int rfd)
{
    unsigned char status = EXIT_FAILURE;
    ssize_t n;

    /* the intermediate child exits as soon as it has forked the daemon */
    while (waitpid(child, NULL, 0) < 0 && errno == EINTR)
        ;
    do {
        n = read(rfd, &status, 1);
    } while (n < 0 && errno == EINTR);
    if (n != 1) {
        /* the daemon died before reporting */
        status = EXIT_FAILURE;
    }
    _exit(status);
}

/**
 * daemon_fork_background() - detach for --daemon
 * @ret_status_fd: in the daemon, set to the write end of the status pipe;
 *                 pass it to daemon_signal_ready() once startup is over
 *
 * Forks twice (the daemon is not a session leader, so it can never regain
 * a controlling terminal) with setsid() in between, changes to "/" and
 * points stdin at /dev/null. stdout and stderr stay open until startup
 * succeeds so startup errors still reach the terminal. The launching
 * process never returns: it exits with the status byte the daemon sends,
 * or 1 if the daemon dies without sending one.
 *
 * Return: 0 in the daemon, -1 (reported) when nothing was forked.
 */
int
daemon_fork_background(int *ret_status_fd)
{
    int fds[2];
    pid_t pid;

    if (pipe2(fds, O_CLOEXEC) < 0) {
        err_report_system(errno, "cannot create the daemon status pipe");
        return -1;
    }
    fflush(NULL);
    pid = fork();
    if (pid < 0) {
        err_report_system(errno, "cannot fork the daemon");
        close(fds[0]);
        close(fds[1]);
        return -1;
    }
    if (pid > 0) {
        close(fds[1]);
        daemon_parent_wait(pid, fds[0]);
    }

    /* intermediate child */
    close(fds[0]);
    if (setsid() < 0)
        _exit(EXIT_FAILURE);
    pid = fork();
    if (pid < 0)
        _exit(EXIT_FAILURE);
    if (pid > 0)
        _exit(EXIT_SUCCESS);

    /* the daemon */
    if (chdir("/") < 0 || daemon_redirect_null(STDIN_FILENO, O_RDONLY) < 0) {
        err_report_system(errno, "cannot prepare the daemon process");
        daemon_signal_ready(fds[1], EXIT_FAILURE);
        return -1;
    }
    *ret_status_fd = fds[1];
    return 0;
}

/**
 * daemon_signal_ready() - report the startup outcome to the launcher
 * @status_fd: from daemon_fork_background(), or -1 (then nothing happens)
 * @status: exit status for the launching process (0 = started)
 *
 * Closes @status_fd. On success stdout and stderr are pointed at /dev/null,
 * finishing the detach.
 */
void
daemon_signal_ready(int status_fd, int status)
{
    unsigned char b = (unsigned char) (status < 0 || status > 255 ? EXIT_FAILURE : status);
    ssize_t n;

    if (status_fd < 0)
        return;
    do {
        n = write(status_fd, &b, 1);
    } while (n < 0 && errno == EINTR);
    close(status_fd);
    if (status == 0) {
        fflush(NULL);
        daemon_redirect_null(STDOUT_FILENO, O_WRONLY);
        daemon_redirect_null(STDERR_FILENO, O_WRONLY);
    }
}

/**
 * daemon_notify_ready() - tell systemd (Type=notify) that startup is over
 *
 * Return: >0 when sent, 0 when not run by systemd, <0 (-errno) on failure.
 *         Never reports: not being under systemd is normal.
 */
int
daemon_notify_ready(void)
{
    return sd_notify(0, "READY=1");
}

/**
 * daemon_notify_stopping() - tell systemd that shutdown has begun
 *
 * Return: as daemon_notify_ready().
 */
int
daemon_notify_stopping(void)
{
    return sd_notify(0, "STOPPING=1");
}
