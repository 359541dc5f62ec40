/* common/daemon/daemonize.h: --daemon (detach with a readiness handshake)
 * and systemd readiness notification. */
#pragma once

int daemon_fork_background(int *ret_status_fd);
void daemon_signal_ready(int status_fd, int status);
int daemon_notify_ready(void);
int daemon_notify_stopping(void);
