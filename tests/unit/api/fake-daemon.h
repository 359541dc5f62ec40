/* tests/unit/api/fake-daemon.h: a minimal in-process REMOTE-program server
 * on a UNIX socket, for testing what libvirt.so sends (handshake, names,
 * routing) without a real daemon. It answers the connection procedures,
 * CONNECT_NUM_OF_SECRETS with a fixed number (to tell daemons apart) and
 * secret event registration (followed by one lifecycle event); anything
 * else gets a VIR_ERR_NO_SUPPORT error reply. */
#pragma once

#include <stdbool.h>

typedef struct FakeDaemon FakeDaemon;

/* Listen on @path (parent directories are created). @uri is the answer to
 * CONNECT_GET_URI; @nsecrets the answer to CONNECT_NUM_OF_SECRETS. */
FakeDaemon *fake_daemon_start(const char *path, const char *uri, int nsecrets);
void fake_daemon_stop(FakeDaemon *fd);

/* Calls received so far, space separated: "66 60:10 1:qemu:///system:0 ...".
 * CONNECT_OPEN shows name and flags, SUPPORTS_FEATURE the feature. */
char *fake_daemon_log(FakeDaemon *fd);
void fake_daemon_clear_log(FakeDaemon *fd);
/* Drop every client connection (the clients see end of file). */
void fake_daemon_kick(FakeDaemon *fd);
