/* daemons/virtsecretd/driver.h: the secret driver as the daemon runtime
 * sees it (one const DaemonDriver), plus the pieces tests drive directly. */
#pragma once

#include <stdbool.h>

#include "common/daemon/daemon.h"

extern const DaemonDriver secretd_driver;
extern const RemoteHandlers secretd_remote_handlers;

/**
 * secretd_is_inline() - may this procedure run on the I/O thread?
 *
 * Lookups, lists, XML and value reads only touch the in-memory table under
 * a shared lock: inline. Define, undefine and set-value write and fsync
 * files: worker pool.
 */
bool secretd_is_inline(int prog, int proc);
