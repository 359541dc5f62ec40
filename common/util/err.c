/* common/util/err.c: builds libvirt-style error records and keeps the
 * calling thread's last error. Must not depend on connections or RPC. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "common/util/err.h"
#include "common/util/log.h"

typedef struct {
    const char *bare;        /* message when there is no detail */
    const char *with_detail; /* printf format taking the detail */
} ErrPrefix;

/* Prefixes users see in front of the detail; they match libvirt's wording so
 * scripts that grep for "Secret not found" keep working. */
static const ErrPrefix err_prefixes[VIR_ERR_NUMBER_LAST] = {
    [VIR_ERR_OK] = { NULL, "%s" },
    [VIR_ERR_INTERNAL_ERROR] = { "internal error", "internal error: %s" },
    [VIR_ERR_NO_MEMORY] = { "out of memory", "out of memory: %s" },
    [VIR_ERR_NO_SUPPORT] = { "this function is not supported by the connection driver",
                             "this function is not supported by the connection driver: %s" },
    [VIR_ERR_UNKNOWN_HOST] = { "unknown host", "unknown host %s" },
    [VIR_ERR_NO_CONNECT] = { "no connection driver available",
                             "no connection driver available for %s" },
    [VIR_ERR_INVALID_CONN] = { "invalid connection pointer in", "invalid connection pointer in %s" },
    [VIR_ERR_INVALID_DOMAIN] = { "invalid domain pointer in", "invalid domain pointer in %s" },
    [VIR_ERR_INVALID_ARG] = { "invalid argument", "invalid argument: %s" },
    [VIR_ERR_OPERATION_FAILED] = { "operation failed", "operation failed: %s" },
    [VIR_ERR_GET_FAILED] = { "GET operation failed", "GET operation failed: %s" },
    [VIR_ERR_POST_FAILED] = { "POST operation failed", "POST operation failed: %s" },
    [VIR_ERR_HTTP_ERROR] = { "got unknown HTTP error code", "got unknown HTTP error code %s" },
    [VIR_ERR_SEXPR_SERIAL] = { "failed to serialize S-Expr", "failed to serialize S-Expr: %s" },
    [VIR_ERR_NO_XEN] = { "could not use Xen hypervisor entry",
                         "could not use Xen hypervisor entry %s" },
    [VIR_ERR_XEN_CALL] = { "failed Xen syscall", "failed Xen syscall %s" },
    [VIR_ERR_OS_TYPE] = { "unknown OS type", "unknown OS type %s" },
    [VIR_ERR_NO_KERNEL] = { "missing kernel information", "missing kernel information: %s" },
    [VIR_ERR_NO_ROOT] = { "missing root device information",
                          "missing root device information in %s" },
    [VIR_ERR_NO_SOURCE] = { "missing source information for device",
                            "missing source information for device %s" },
    [VIR_ERR_NO_TARGET] = { "missing target information for device",
                            "missing target information for device %s" },
    [VIR_ERR_NO_NAME] = { "missing name information", "missing name information in %s" },
    [VIR_ERR_NO_OS] = { "missing operating system information",
                        "missing operating system information for %s" },
    [VIR_ERR_NO_DEVICE] = { "missing devices information", "missing devices information for %s" },
    [VIR_ERR_NO_XENSTORE] = { "could not connect to Xen Store", "could not connect to Xen Store %s" },
    [VIR_ERR_DRIVER_FULL] = { "too many drivers registered", "too many drivers registered in %s" },
    [VIR_ERR_CALL_FAILED] = { "library call failed", "library call failed: %s" },
    [VIR_ERR_XML_ERROR] = { "XML description is invalid or not well formed", "XML error: %s" },
    [VIR_ERR_DOM_EXIST] = { "this domain exists already", "domain %s exists already" },
    [VIR_ERR_OPERATION_DENIED] = { "operation forbidden for read only access",
                                   "operation forbidden: %s" },
    [VIR_ERR_OPEN_FAILED] = { "failed to open configuration file",
                              "failed to open configuration file %s" },
    [VIR_ERR_READ_FAILED] = { "failed to read configuration file",
                              "failed to read configuration file %s" },
    [VIR_ERR_PARSE_FAILED] = { "failed to parse configuration file",
                               "failed to parse configuration file %s" },
    [VIR_ERR_CONF_SYNTAX] = { "configuration file syntax error",
                              "configuration file syntax error: %s" },
    [VIR_ERR_WRITE_FAILED] = { "failed to write configuration file",
                               "failed to write configuration file: %s" },
    [VIR_ERR_XML_DETAIL] = { "parser error", "%s" },
    [VIR_ERR_INVALID_NETWORK] = { "invalid network pointer in", "invalid network pointer in %s" },
    [VIR_ERR_NETWORK_EXIST] = { "this network exists already", "network %s exists already" },
    [VIR_ERR_SYSTEM_ERROR] = { "system call error", "%s" },
    [VIR_ERR_RPC] = { "RPC error", "%s" },
    [VIR_ERR_GNUTLS_ERROR] = { "GNUTLS call error", "%s" },
    [VIR_WAR_NO_NETWORK] = { "Failed to find the network", "Failed to find the network: %s" },
    [VIR_ERR_NO_DOMAIN] = { "Domain not found", "Domain not found: %s" },
    [VIR_ERR_NO_NETWORK] = { "Network not found", "Network not found: %s" },
    [VIR_ERR_INVALID_MAC] = { "invalid MAC address", "invalid MAC address: %s" },
    [VIR_ERR_AUTH_FAILED] = { "authentication failed", "authentication failed: %s" },
    [VIR_ERR_INVALID_STORAGE_POOL] = { "invalid storage pool pointer in",
                                       "invalid storage pool pointer in %s" },
    [VIR_ERR_INVALID_STORAGE_VOL] = { "invalid storage volume pointer in",
                                      "invalid storage volume pointer in %s" },
    [VIR_WAR_NO_STORAGE] = { "Failed to find a storage driver",
                             "Failed to find a storage driver: %s" },
    [VIR_ERR_NO_STORAGE_POOL] = { "Storage pool not found", "Storage pool not found: %s" },
    [VIR_ERR_NO_STORAGE_VOL] = { "Storage volume not found", "Storage volume not found: %s" },
    [VIR_WAR_NO_NODE] = { "Failed to find a node driver", "Failed to find a node driver: %s" },
    [VIR_ERR_INVALID_NODE_DEVICE] = { "invalid node device pointer",
                                      "invalid node device pointer in %s" },
    [VIR_ERR_NO_NODE_DEVICE] = { "Node device not found", "Node device not found: %s" },
    [VIR_ERR_NO_SECURITY_MODEL] = { "Security model not found", "Security model not found: %s" },
    [VIR_ERR_OPERATION_INVALID] = { "Requested operation is not valid",
                                    "Requested operation is not valid: %s" },
    [VIR_WAR_NO_INTERFACE] = { "Failed to find the interface",
                               "Failed to find the interface: %s" },
    [VIR_ERR_NO_INTERFACE] = { "Interface not found", "Interface not found: %s" },
    [VIR_ERR_INVALID_INTERFACE] = { "invalid interface pointer in",
                                    "invalid interface pointer in %s" },
    [VIR_ERR_MULTIPLE_INTERFACES] = { "multiple matching interfaces found",
                                      "multiple matching interfaces found: %s" },
    [VIR_WAR_NO_NWFILTER] = { "Failed to start the nwfilter driver",
                              "Failed to start the nwfilter driver: %s" },
    [VIR_ERR_INVALID_NWFILTER] = { "Invalid network filter", "Invalid network filter: %s" },
    [VIR_ERR_NO_NWFILTER] = { "Network filter not found", "Network filter not found: %s" },
    [VIR_ERR_BUILD_FIREWALL] = { "Error while building firewall",
                                 "Error while building firewall: %s" },
    [VIR_WAR_NO_SECRET] = { "Failed to find a secret storage driver",
                            "Failed to find a secret storage driver: %s" },
    [VIR_ERR_INVALID_SECRET] = { "Invalid secret", "Invalid secret: %s" },
    [VIR_ERR_NO_SECRET] = { "Secret not found", "Secret not found: %s" },
    [VIR_ERR_CONFIG_UNSUPPORTED] = { "unsupported configuration",
                                     "unsupported configuration: %s" },
    [VIR_ERR_OPERATION_TIMEOUT] = { "Timed out during operation",
                                    "Timed out during operation: %s" },
    [VIR_ERR_MIGRATE_PERSIST_FAILED] = { "Failed to make domain persistent after migration",
                                         "Failed to make domain persistent after migration: %s" },
    [VIR_ERR_HOOK_SCRIPT_FAILED] = { "Hook script execution failed",
                                     "Hook script execution failed: %s" },
    [VIR_ERR_INVALID_DOMAIN_SNAPSHOT] = { "Invalid domain snapshot",
                                          "Invalid domain snapshot: %s" },
    [VIR_ERR_NO_DOMAIN_SNAPSHOT] = { "Domain snapshot not found",
                                     "Domain snapshot not found: %s" },
    [VIR_ERR_INVALID_STREAM] = { "invalid stream pointer", "invalid stream pointer in %s" },
    [VIR_ERR_ARGUMENT_UNSUPPORTED] = { "argument unsupported", "argument unsupported: %s" },
    [VIR_ERR_STORAGE_PROBE_FAILED] = { "Storage pool probe failed",
                                       "Storage pool probe failed: %s" },
    [VIR_ERR_STORAGE_POOL_BUILT] = { "Storage pool already built",
                                     "Storage pool already built: %s" },
    [VIR_ERR_SNAPSHOT_REVERT_RISKY] = { "revert requires force", "revert requires force: %s" },
    [VIR_ERR_OPERATION_ABORTED] = { "operation aborted", "operation aborted: %s" },
    [VIR_ERR_AUTH_CANCELLED] = { "authentication cancelled", "authentication cancelled: %s" },
    [VIR_ERR_NO_DOMAIN_METADATA] = { "metadata not found", "metadata not found: %s" },
    [VIR_ERR_MIGRATE_UNSAFE] = { "Unsafe migration", "Unsafe migration: %s" },
    [VIR_ERR_OVERFLOW] = { "numerical overflow", "numerical overflow: %s" },
    [VIR_ERR_BLOCK_COPY_ACTIVE] = { "block copy still active", "block copy still active: %s" },
    [VIR_ERR_OPERATION_UNSUPPORTED] = { "Operation not supported",
                                        "Operation not supported: %s" },
    [VIR_ERR_SSH] = { "SSH transport error", "SSH transport error: %s" },
    [VIR_ERR_AGENT_UNRESPONSIVE] = { "Guest agent is not responding",
                                     "Guest agent is not responding: %s" },
    [VIR_ERR_RESOURCE_BUSY] = { "resource busy", "resource busy: %s" },
    [VIR_ERR_ACCESS_DENIED] = { "access denied", "access denied: %s" },
    [VIR_ERR_DBUS_SERVICE] = { "error from service", "error from service: %s" },
    [VIR_ERR_STORAGE_VOL_EXIST] = { "this storage volume exists already",
                                    "storage volume %s exists already" },
    [VIR_ERR_CPU_INCOMPATIBLE] = { "the CPU is incompatible with host CPU",
                                   "the CPU is incompatible with host CPU: %s" },
    [VIR_ERR_XML_INVALID_SCHEMA] = { "XML document failed to validate against schema",
                                     "XML document failed to validate against schema: %s" },
    [VIR_ERR_MIGRATE_FINISH_OK] = { "migration successfully aborted",
                                    "migration successfully aborted: %s" },
    [VIR_ERR_AUTH_UNAVAILABLE] = { "authentication unavailable",
                                   "authentication unavailable: %s" },
    [VIR_ERR_NO_SERVER] = { "Server not found", "Server not found: %s" },
    [VIR_ERR_NO_CLIENT] = { "Client not found", "Client not found: %s" },
    [VIR_ERR_AGENT_UNSYNCED] = { "guest agent replied with wrong id to guest-sync command",
                                 "guest agent replied with wrong id to guest-sync command: %s" },
    [VIR_ERR_LIBSSH] = { "libssh transport error", "libssh transport error: %s" },
    [VIR_ERR_DEVICE_MISSING] = { "device not found", "device not found: %s" },
    [VIR_ERR_INVALID_NWFILTER_BINDING] = { "Invalid network filter binding",
                                           "Invalid network filter binding: %s" },
    [VIR_ERR_NO_NWFILTER_BINDING] = { "Network filter binding not found",
                                      "Network filter binding not found: %s" },
    [VIR_ERR_INVALID_DOMAIN_CHECKPOINT] = { "Invalid domain checkpoint",
                                            "Invalid domain checkpoint: %s" },
    [VIR_ERR_NO_DOMAIN_CHECKPOINT] = { "Domain checkpoint not found",
                                       "Domain checkpoint not found: %s" },
    [VIR_ERR_NO_DOMAIN_BACKUP] = { "Domain backup job id not found",
                                   "Domain backup job id not found: %s" },
    [VIR_ERR_INVALID_NETWORK_PORT] = { "Invalid network port pointer",
                                       "Invalid network port pointer: %s" },
    [VIR_ERR_NETWORK_PORT_EXIST] = { "this network port exists already",
                                     "network port %s exists already" },
    [VIR_ERR_NO_NETWORK_PORT] = { "network port not found", "network port not found: %s" },
    [VIR_ERR_NO_HOSTNAME] = { "no hostname found", "no hostname found: %s" },
    [VIR_ERR_CHECKPOINT_INCONSISTENT] = { "checkpoint inconsistent",
                                          "checkpoint inconsistent: %s" },
    [VIR_ERR_MULTIPLE_DOMAINS] = { "multiple matching domains found",
                                   "multiple matching domains found: %s" },
};

/* Names printed by the default error handler ("libvirt: <name> error : ..."),
 * indexed by VIR_FROM_*. */
static const char *const err_domain_names[] = {
    "", "Xen Driver", "Xen Daemon", "Xen Store", "S-Expression", /* 0 */
    "XML Util", "Domain", "XML-RPC", "Proxy Daemon", "Config File", /* 5 */
    "QEMU Driver", "Network", "Test Driver", "Remote Driver", "OpenVZ Driver", /* 10 */
    "Xen XM Driver", "Linux Statistics", "LXC Driver", "Storage Driver", "Network Driver", /* 15 */
    "Domain Config", "User Mode Linux Driver", "Node Device Driver", "Xen Inotify Driver", "Security Driver", /* 20 */
    "VirtualBox Driver", "Network Interface Driver", "Open Nebula Driver", "ESX Driver", "Power Hypervisor Driver", /* 25 */
    "Secrets Driver", "CPU Driver", "XenAPI Driver", "Network Filter Driver", "Lifecycle Hook", /* 30 */
    "Domain Snapshot", "Audit Utils", "Sysinfo Utils", "I/O Stream Utils", "VMware Driver", /* 35 */
    "Event Loop", "Xen Light Driver", "Lock Driver", "Hyper-V Driver", "Capabilities Utils", /* 40 */
    "URI Utils", "Authentication Utils", "DBus Utils", "Parallels Cloud Server", "Device Config", /* 45 */
    "SSH transport layer", "Lock Space", "Init control", "Identity", "Cgroup", /* 50 */
    "Access Manager", "Systemd", "Bhyve", "Crypto", "Firewall", /* 55 */
    "Polkit", "Thread jobs", "Admin Interface", "Log Manager", "Xen XL Config", /* 60 */
    "Perf", "Libssh transport layer", "Resource control", "FirewallD", "Domain Checkpoint", /* 65 */
    "TPM", "BPF", "Cloud-Hypervisor Driver", /* 70 */
};
G_STATIC_ASSERT(G_N_ELEMENTS(err_domain_names) == VIR_ERR_DOMAIN_LAST);

/* Substitute @detail for the single "%s" of a prefix template. */
static char *
err_expand(const char *tmpl, const char *detail)
{
    const char *slot = strstr(tmpl, "%s");

    if (!slot)
        return g_strdup(tmpl);
    return g_strdup_printf("%.*s%s%s", (int) (slot - tmpl), tmpl, detail, slot + 2);
}

static GPrivate err_last_key = G_PRIVATE_INIT((GDestroyNotify) err_free);
static ErrHook err_hook;
static void *err_hook_opaque;
static gboolean err_log_reports;

static virError *
err_thread_slot(void)
{
    virError *e = g_private_get(&err_last_key);

    if (!e) {
        e = g_new0(virError, 1);
        g_private_set(&err_last_key, e);
    }
    return e;
}

/**
 * err_clear() - release the strings of @err and zero it
 * @err: error to clear; may be NULL
 */
void
err_clear(virError *err)
{
    if (!err)
        return;
    g_free(err->message);
    g_free(err->str1);
    g_free(err->str2);
    g_free(err->str3);
    memset(err, 0, sizeof(*err));
}

/**
 * err_free() - clear and free a heap error
 * @err: error to free; may be NULL
 */
void
err_free(virError *err)
{
    err_clear(err);
    g_free(err);
}

/**
 * err_copy() - deep-copy @src into @dst (previous contents of @dst released)
 * @dst: destination
 * @src: source
 */
void
err_copy(virError *dst, const virError *src)
{
    if (dst == src)
        return;
    err_clear(dst);
    dst->code = src->code;
    dst->domain = src->domain;
    dst->level = src->level;
    dst->int1 = src->int1;
    dst->int2 = src->int2;
    dst->message = g_strdup(src->message);
    dst->str1 = g_strdup(src->str1);
    dst->str2 = g_strdup(src->str2);
    dst->str3 = g_strdup(src->str3);
}

/**
 * err_code_prefix() - the fixed text libvirt puts in front of a detail
 * @code: a virErrorNumber
 * @with_detail: true for the printf format taking the detail ("%s" slot)
 *
 * Return: static string, never NULL.
 */
const char *
err_code_prefix(int code, bool with_detail)
{
    const ErrPrefix *p;

    if (code < 0 || code >= VIR_ERR_NUMBER_LAST || !err_prefixes[code].with_detail)
        return with_detail ? "unknown error: %s" : "unknown error";
    p = &err_prefixes[code];
    if (with_detail)
        return p->with_detail;
    return p->bare ? p->bare : "";
}

/**
 * err_domain_name() - human name of an error domain, "Unknown" when out of range
 * @domain: a virErrorDomain
 */
const char *
err_domain_name(int domain)
{
    if (domain < 0 || domain >= VIR_ERR_DOMAIN_LAST)
        return "Unknown";
    return err_domain_names[domain];
}

/**
 * err_report_va() - record an error as the calling thread's last error
 * @domain: VIR_FROM_* value
 * @code: VIR_ERR_* value
 * @file: source file of the call site (for debug logs)
 * @func: function of the call site
 * @line: line of the call site
 * @fmt: printf format of the detail, or NULL for none
 * @ap: arguments of @fmt
 *
 * The message is the code's prefix, ": " and the detail. str1 holds the
 * format used and str2 the detail, as libvirt fills them.
 */
void
err_report_va(int domain, int code, const char *file, const char *func,
              int line, const char *fmt, va_list ap)
{
    virError *e = err_thread_slot();
    g_autofree char *detail = NULL;
    const char *tmpl;
    int saved_errno = errno;

    if (fmt)
        detail = g_strdup_vprintf(fmt, ap);

    err_clear(e);
    e->code = code;
    e->domain = domain;
    e->level = VIR_ERR_ERROR;
    e->int1 = -1;
    e->int2 = -1;
    tmpl = err_code_prefix(code, detail != NULL);
    if (detail) {
        e->message = err_expand(tmpl, detail);
        e->str1 = g_strdup(tmpl);
        e->str2 = g_steal_pointer(&detail);
    } else {
        e->message = g_strdup(tmpl);
        e->str1 = g_strdup(tmpl);
    }

    if (err_log_reports)
        log_message(LOG_LEVEL_ERROR, file, func, line, "%s", e->message);
    else
        log_message(LOG_LEVEL_DEBUG, file, func, line, "error %d: %s", code, e->message);
    if (err_hook)
        err_hook(e, err_hook_opaque);
    errno = saved_errno;
}

/**
 * err_report_full() - printf-style wrapper of err_report_va()
 */
void
err_report_full(int domain, int code, const char *file, const char *func,
                int line, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    err_report_va(domain, code, file, func, line, fmt, ap);
    va_end(ap);
}

/**
 * err_report_errno_full() - like err_report_full(), appending strerror(@errnum)
 */
void
err_report_errno_full(int domain, int errnum, int code, const char *file,
                      const char *func, int line, const char *fmt, ...)
{
    g_autofree char *detail = NULL;
    va_list ap;

    va_start(ap, fmt);
    detail = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    err_report_full(domain, code, file, func, line, "%s: %s", detail,
                    g_strerror(errnum));
    if (code == VIR_ERR_SYSTEM_ERROR)
        err_get_last()->int1 = errnum;   /* libvirt keeps the errno there */
}

/**
 * err_get_last() - the calling thread's last error, or NULL when none
 */
virError *
err_get_last(void)
{
    virError *e = g_private_get(&err_last_key);

    if (!e || e->code == VIR_ERR_OK)
        return NULL;
    return e;
}

/**
 * err_has_last() - whether the calling thread has an error recorded
 */
bool
err_has_last(void)
{
    return err_get_last() != NULL;
}

/**
 * err_last_code() - code of the last error, VIR_ERR_OK when none
 */
int
err_last_code(void)
{
    virError *e = err_get_last();

    return e ? e->code : VIR_ERR_OK;
}

/**
 * err_last_message() - message of the last error, or a generic text
 */
const char *
err_last_message(void)
{
    virError *e = err_get_last();

    if (!e)
        return "no error";
    return e->message ? e->message : "unknown error";
}

/**
 * err_reset_last() - forget the calling thread's last error
 */
void
err_reset_last(void)
{
    virError *e = g_private_get(&err_last_key);

    if (e)
        err_clear(e);
}

/**
 * err_set_last() - make a copy of @src the calling thread's last error
 * @src: error to copy (for example one received in an RPC reply)
 *
 * The error hook runs, as for a locally reported error.
 */
void
err_set_last(const virError *src)
{
    virError *e = err_thread_slot();

    err_copy(e, src);
    if (err_hook)
        err_hook(e, err_hook_opaque);
}

/**
 * err_save_last() - take a copy of the last error (NULL if none)
 */
virError *
err_save_last(void)
{
    virError *e = err_get_last();
    virError *copy;

    if (!e)
        return NULL;
    copy = g_new0(virError, 1);
    err_copy(copy, e);
    return copy;
}

/**
 * err_restore_last() - put back an error taken by err_save_last()
 * @saved: pointer to the saved error; freed and set to NULL
 *
 * Does nothing when *@saved is NULL (then the current error is kept).
 */
void
err_restore_last(virError **saved)
{
    virError *e;

    if (!*saved)
        return;
    e = err_thread_slot();
    err_copy(e, *saved);
    g_clear_pointer(saved, err_free);
}

/**
 * err_set_hook() - install the callback run for every recorded error
 */
void
err_set_hook(ErrHook hook, void *opaque)
{
    err_hook = hook;
    err_hook_opaque = opaque;
}

/**
 * err_set_log_reports() - log every reported error at error level
 */
void
err_set_log_reports(bool enable)
{
    err_log_reports = enable;
}
