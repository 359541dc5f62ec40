/* common/util/paths.h: every install path of modvirt, re-rooted under
 * $MODVIRT_ROOT when set (DESIGN.md §1). Returned strings are owned by
 * this module and live for the whole process. */
#pragma once

#include <stdbool.h>

const char *paths_root(void);            /* "" or the MODVIRT_ROOT value */
const char *paths_sysconfdir(void);      /* /etc */
const char *paths_localstatedir(void);   /* /var */
const char *paths_runstatedir(void);     /* /run */
const char *paths_sbindir(void);         /* where the daemons live */
const char *paths_bindir(void);

/* Per-user base directories for session mode, honouring XDG_* variables and
 * MODVIRT_ROOT: runtime ($XDG_RUNTIME_DIR), config ($XDG_CONFIG_HOME),
 * cache ($XDG_CACHE_HOME) and data ($XDG_DATA_HOME). */
const char *paths_user_runtime_dir(void);
const char *paths_user_config_dir(void);
const char *paths_user_cache_dir(void);
const char *paths_user_data_dir(void);

bool paths_privileged(void);             /* euid == 0 */

/* Forget cached values (tests change the environment). */
void paths_reset(void);
