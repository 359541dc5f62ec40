/* common/util/paths.c: install paths, re-rooted under $MODVIRT_ROOT.
 * Binaries (sbindir, bindir) are never re-rooted. */
#include "config.h"

#include <unistd.h>
#include <glib.h>

#include "common/util/paths.h"

enum {
    P_ROOT, P_SYSCONF, P_LOCALSTATE, P_RUNSTATE,
    P_USER_RUNTIME, P_USER_CONFIG, P_USER_CACHE, P_USER_DATA, P_LAST
};

static GMutex paths_lock;
static char *paths_cache[P_LAST];
/* Strings replaced by paths_reset(): callers may still hold them, so they
 * stay alive (and reachable) for the life of the process. */
static GPtrArray *paths_retired;

static char *
paths_compute(int which)
{
    const char *root = g_getenv("MODVIRT_ROOT");
    const char *env;
    uid_t uid = geteuid();

    if (root && !*root)
        root = NULL;
    switch (which) {
    case P_ROOT:
        return g_strdup(root ? root : "");
    case P_SYSCONF:
        return root ? g_build_filename(root, "etc", NULL) : g_strdup(SYSCONFDIR);
    case P_LOCALSTATE:
        return root ? g_build_filename(root, "var", NULL) : g_strdup(LOCALSTATEDIR);
    case P_RUNSTATE:
        return root ? g_build_filename(root, "run", NULL) : g_strdup(RUNSTATEDIR);
    case P_USER_RUNTIME:
        if (root)
            return g_strdup_printf("%s/user/%u/run", root, (unsigned) uid);
        env = g_getenv("XDG_RUNTIME_DIR");
        return g_strdup(env && *env ? env : g_get_user_runtime_dir());
    case P_USER_CONFIG:
        if (root)
            return g_strdup_printf("%s/user/%u/config", root, (unsigned) uid);
        env = g_getenv("XDG_CONFIG_HOME");
        return g_strdup(env && *env ? env : g_get_user_config_dir());
    case P_USER_CACHE:
        if (root)
            return g_strdup_printf("%s/user/%u/cache", root, (unsigned) uid);
        env = g_getenv("XDG_CACHE_HOME");
        return g_strdup(env && *env ? env : g_get_user_cache_dir());
    case P_USER_DATA:
        if (root)
            return g_strdup_printf("%s/user/%u/data", root, (unsigned) uid);
        env = g_getenv("XDG_DATA_HOME");
        return g_strdup(env && *env ? env : g_get_user_data_dir());
    default:
        g_assert_not_reached();
    }
}

static const char *
paths_get(int which)
{
    const char *ret;

    g_mutex_lock(&paths_lock);
    if (!paths_cache[which])
        paths_cache[which] = paths_compute(which);
    ret = paths_cache[which];
    g_mutex_unlock(&paths_lock);
    return ret;
}

/** paths_root() - the MODVIRT_ROOT prefix, "" when unset */
const char *paths_root(void) { return paths_get(P_ROOT); }
/** paths_sysconfdir() - configuration root (/etc) */
const char *paths_sysconfdir(void) { return paths_get(P_SYSCONF); }
/** paths_localstatedir() - state root (/var) */
const char *paths_localstatedir(void) { return paths_get(P_LOCALSTATE); }
/** paths_runstatedir() - runtime root (/run) */
const char *paths_runstatedir(void) { return paths_get(P_RUNSTATE); }
/** paths_user_runtime_dir() - session runtime base ($XDG_RUNTIME_DIR) */
const char *paths_user_runtime_dir(void) { return paths_get(P_USER_RUNTIME); }
/** paths_user_config_dir() - session config base ($XDG_CONFIG_HOME) */
const char *paths_user_config_dir(void) { return paths_get(P_USER_CONFIG); }
/** paths_user_cache_dir() - session cache base ($XDG_CACHE_HOME) */
const char *paths_user_cache_dir(void) { return paths_get(P_USER_CACHE); }
/** paths_user_data_dir() - session data base ($XDG_DATA_HOME) */
const char *paths_user_data_dir(void) { return paths_get(P_USER_DATA); }
/** paths_sbindir() - where daemons are installed */
const char *paths_sbindir(void) { return SBINDIR; }
/** paths_bindir() - where tools are installed */
const char *paths_bindir(void) { return BINDIR; }

/** paths_privileged() - whether we run as root (system mode) */
bool
paths_privileged(void)
{
    return geteuid() == 0;
}

/**
 * paths_reset() - recompute paths on next use (tests only; old strings are
 * kept alive in paths_retired because callers may still hold them)
 */
void
paths_reset(void)
{
    g_mutex_lock(&paths_lock);
    if (!paths_retired)
        paths_retired = g_ptr_array_new();
    for (int i = 0; i < P_LAST; i++) {
        if (paths_cache[i])
            g_ptr_array_add(paths_retired, paths_cache[i]);
        paths_cache[i] = NULL;
    }
    g_mutex_unlock(&paths_lock);
}
