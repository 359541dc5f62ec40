/* api/error.c: the public error API (virterror.h) on top of the thread-local
 * last error kept by common/util/err.c, plus the dispatch step every public
 * entry point runs when it fails: copy the error to the connection and call
 * the application's handler (or print it, like libvirt, when none is set).
 * Handlers run once per failed API call, never per internal report. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#define ERR_DOMAIN VIR_FROM_NONE
#include "api/internal.h"
#include "common/util/err.h"

static GMutex api_err_lock;
static virErrorFunc api_err_handler;
static void *api_err_handler_data;

/**
 * api_reset_error() - forget the calling thread's last error
 */
void
api_reset_error(void)
{
    err_reset_last();
}

/**
 * api_report_invalid_arg_full() - report VIR_ERR_INVALID_ARG in libvirt's
 * argument-check format (message without a per-code prefix)
 * @domain: VIR_FROM_* of the API family
 * @func: public function name (stored in str1)
 * @arg: argument name (stored in str2)
 * @fmt: printf format of the message
 */
void
api_report_invalid_arg_full(int domain, const char *func, const char *arg,
                            const char *fmt, ...)
{
    virError e = { 0 };
    va_list ap;

    va_start(ap, fmt);
    e.message = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    e.code = VIR_ERR_INVALID_ARG;
    e.domain = domain;
    e.level = VIR_ERR_ERROR;
    e.str1 = g_strdup(func);
    e.str2 = g_strdup(arg);
    err_set_last(&e);
    err_clear(&e);
}

/**
 * api_report_unsupported() - VIR_ERR_NO_SUPPORT naming @func
 */
void
api_report_unsupported(int domain, const char *func)
{
    err_report_full(domain, VIR_ERR_NO_SUPPORT, __FILE__, func, __LINE__, "%s", func);
}

/**
 * api_check_connect() - validate a connection argument
 * @conn: pointer from the application
 * @domain: VIR_FROM_* used for the error
 * @func: public function name for the message
 *
 * On failure reports VIR_ERR_INVALID_CONN; the caller dispatches with no
 * connection (api_dispatch_error(NULL)).
 * Return: true when @conn is a live connection.
 */
bool
api_check_connect(virConnectPtr conn, int domain, const char *func)
{
    if (api_object_is(conn, API_OBJ_CONNECT))
        return true;
    err_report_full(domain, VIR_ERR_INVALID_CONN, __FILE__, func, __LINE__, "%s", func);
    return false;
}

/* Report invalid object pointer @code for @func. */
static bool
api_report_invalid_object(int domain, int code, const char *func)
{
    err_report_full(domain, code, __FILE__, func, __LINE__, "%s", func);
    return false;
}

#define API_LIVE(obj, kind) api_object_is((obj), (kind))
#define API_LIVE_CONN(obj, kind) \
    (API_LIVE(obj, kind) && API_LIVE((obj)->conn, API_OBJ_CONNECT))

/**
 * api_check_domain() - validate a domain argument (VIR_ERR_INVALID_DOMAIN)
 *
 * The api_check_<object>() family: true when @obj and everything it hangs
 * off are live; otherwise the INVALID_<OBJECT> error naming @func is
 * reported with error domain @domain and the caller dispatches with no
 * connection.
 */
bool
api_check_domain(virDomainPtr dom, int domain, const char *func)
{
    return API_LIVE_CONN(dom, API_OBJ_DOMAIN) ||
           api_report_invalid_object(domain, VIR_ERR_INVALID_DOMAIN, func);
}

bool
api_check_network(virNetworkPtr net, int domain, const char *func)
{
    return API_LIVE_CONN(net, API_OBJ_NETWORK) ||
           api_report_invalid_object(domain, VIR_ERR_INVALID_NETWORK, func);
}

bool
api_check_network_port(virNetworkPortPtr port, int domain, const char *func)
{
    return (API_LIVE(port, API_OBJ_NETWORK_PORT) && API_LIVE_CONN(port->net, API_OBJ_NETWORK)) ||
           api_report_invalid_object(domain, VIR_ERR_INVALID_NETWORK_PORT, func);
}

bool
api_check_interface(virInterfacePtr iface, int domain, const char *func)
{
    return API_LIVE_CONN(iface, API_OBJ_INTERFACE) ||
           api_report_invalid_object(domain, VIR_ERR_INVALID_INTERFACE, func);
}

bool
api_check_storage_pool(virStoragePoolPtr pool, int domain, const char *func)
{
    return API_LIVE_CONN(pool, API_OBJ_STORAGE_POOL) ||
           api_report_invalid_object(domain, VIR_ERR_INVALID_STORAGE_POOL, func);
}

bool
api_check_storage_vol(virStorageVolPtr vol, int domain, const char *func)
{
    return API_LIVE_CONN(vol, API_OBJ_STORAGE_VOL) ||
           api_report_invalid_object(domain, VIR_ERR_INVALID_STORAGE_VOL, func);
}

bool
api_check_node_device(virNodeDevicePtr dev, int domain, const char *func)
{
    return API_LIVE_CONN(dev, API_OBJ_NODE_DEVICE) ||
           api_report_invalid_object(domain, VIR_ERR_INVALID_NODE_DEVICE, func);
}

/**
 * api_check_secret() - validate a secret argument (VIR_FROM_SECRET)
 */
bool
api_check_secret(virSecretPtr secret, const char *func)
{
    return api_check_secret_full(secret, VIR_FROM_SECRET, func);
}

bool
api_check_secret_full(virSecretPtr secret, int domain, const char *func)
{
    return API_LIVE_CONN(secret, API_OBJ_SECRET) ||
           api_report_invalid_object(domain, VIR_ERR_INVALID_SECRET, func);
}

bool
api_check_nwfilter(virNWFilterPtr nwfilter, int domain, const char *func)
{
    return API_LIVE_CONN(nwfilter, API_OBJ_NWFILTER) ||
           api_report_invalid_object(domain, VIR_ERR_INVALID_NWFILTER, func);
}

bool
api_check_nwfilter_binding(virNWFilterBindingPtr binding, int domain, const char *func)
{
    return API_LIVE_CONN(binding, API_OBJ_NWFILTER_BINDING) ||
           api_report_invalid_object(domain, VIR_ERR_INVALID_NWFILTER_BINDING, func);
}

bool
api_check_stream(virStreamPtr st, int domain, const char *func)
{
    return API_LIVE_CONN(st, API_OBJ_STREAM) ||
           api_report_invalid_object(domain, VIR_ERR_INVALID_STREAM, func);
}

bool
api_check_domain_snapshot(virDomainSnapshotPtr snap, int domain, const char *func)
{
    return (API_LIVE(snap, API_OBJ_DOMAIN_SNAPSHOT) &&
            API_LIVE_CONN(snap->domain, API_OBJ_DOMAIN)) ||
           api_report_invalid_object(domain, VIR_ERR_INVALID_DOMAIN_SNAPSHOT, func);
}

bool
api_check_domain_checkpoint(virDomainCheckpointPtr cp, int domain, const char *func)
{
    return (API_LIVE(cp, API_OBJ_DOMAIN_CHECKPOINT) &&
            API_LIVE_CONN(cp->domain, API_OBJ_DOMAIN)) ||
           api_report_invalid_object(domain, VIR_ERR_INVALID_DOMAIN_CHECKPOINT, func);
}

/**
 * api_check_writable() - refuse modifying calls on read-only connections
 *
 * Reports VIR_ERR_OPERATION_DENIED ("read only access prevents @func");
 * the caller dispatches.
 */
bool
api_check_writable(virConnectPtr conn, int domain, const char *func)
{
    if (!(conn->flags & VIR_CONNECT_RO))
        return true;
    err_report_full(domain, VIR_ERR_OPERATION_DENIED, __FILE__, func, __LINE__,
                    "read only access prevents %s", func);
    return false;
}

/**
 * api_check_nonnull() - report "@arg in @func must not be NULL" when NULL
 */
bool
api_check_nonnull(const void *value, int domain, const char *func, const char *arg)
{
    if (value)
        return true;
    api_report_invalid_arg_full(domain, func, arg, "%s in %s must not be NULL", arg, func);
    return false;
}

/**
 * api_check_null() - virCheckNullArg: report "@arg in @func must be NULL"
 * unless @value is NULL
 */
bool
api_check_null(const void *value, int domain, const char *func, const char *arg)
{
    if (!value)
        return true;
    api_report_invalid_arg_full(domain, func, arg, "%s in %s must be NULL", arg, func);
    return false;
}

/**
 * api_check_nonnegative() - report "@arg in @func must be zero or greater"
 */
bool
api_check_nonnegative(long long value, int domain, const char *func, const char *arg)
{
    if (value >= 0)
        return true;
    api_report_invalid_arg_full(domain, func, arg, "%s in %s must be zero or greater",
                                arg, func);
    return false;
}

/**
 * api_check_positive() - virCheckPositiveArg: @value must be > 0
 */
bool
api_check_positive(long long value, int domain, const char *func, const char *arg)
{
    if (value > 0)
        return true;
    api_report_invalid_arg_full(domain, func, arg, "%s in %s must be greater than zero",
                                arg, func);
    return false;
}

/**
 * api_check_nonzero() - virCheckNonZeroArg: @value must not be 0
 */
bool
api_check_nonzero(long long value, int domain, const char *func, const char *arg)
{
    if (value != 0)
        return true;
    api_report_invalid_arg_full(domain, func, arg, "%s in %s must not be zero", arg, func);
    return false;
}

/**
 * api_check_minus_one() - @value may be negative only as -1 (the "all
 * CPUs/cells" value of virNodeGetCPUStats, virNodeGetMemoryStats)
 */
bool
api_check_minus_one(long long value, int domain, const char *func, const char *arg)
{
    if (value >= 0 || value == -1)
        return true;
    api_report_invalid_arg_full(domain, func, arg, "%s in %s only accepts -1 as a negative value",
                                arg, func);
    return false;
}

/**
 * api_check_nonempty() - virCheckNonEmptyStringArg: @value must not be ""
 * (NULL is api_check_nonnull()'s business)
 */
bool
api_check_nonempty(const char *value, int domain, const char *func, const char *arg)
{
    if (!value || *value)
        return true;
    api_report_invalid_arg_full(domain, func, arg, "string %s in %s must not be empty",
                                arg, func);
    return false;
}

/**
 * api_check_socket_fd() - @fd must be an open socket (virDomainOpenGraphics)
 */
bool
api_check_socket_fd(int fd, int domain, const char *func, const char *arg)
{
    struct stat st;

    if (fstat(fd, &st) < 0) {
        err_report_errno_full(domain, errno, VIR_ERR_SYSTEM_ERROR, __FILE__, func, __LINE__,
                              "Unable to access file descriptor %d", fd);
        return false;
    }
    if (S_ISSOCK(st.st_mode))
        return true;
    api_report_invalid_arg_full(domain, func, arg, "fd %d must be a socket", fd);
    return false;
}

/**
 * api_check_array() - virCheckNonNullArrayArg: @array may be NULL only
 * when @len is 0
 */
bool
api_check_array(const void *array, long long len, int domain, const char *func,
                const char *arg)
{
    if (array || len == 0)
        return true;
    api_report_invalid_arg_full(domain, func, arg, "%s in %s must not be NULL", arg, func);
    return false;
}

/* libvirt's flag checks are argument errors naming the argument "ctl" */
#define FLAGS_ARG "ctl"

/**
 * api_check_exclusive() - VIR_EXCLUSIVE_FLAGS: @a and @b not both in @flags
 */
bool
api_check_exclusive(unsigned int flags, unsigned int a, const char *aname,
                    unsigned int b, const char *bname, int domain, const char *func)
{
    if (!((flags & a) && (flags & b)))
        return true;
    api_report_invalid_arg_full(domain, func, FLAGS_ARG,
                                "Flags '%s' and '%s' are mutually exclusive", aname, bname);
    return false;
}

/**
 * api_check_requires() - VIR_REQUIRE_FLAG: @flag in @flags needs @other
 */
bool
api_check_requires(unsigned int flags, unsigned int flag, const char *flagname,
                   unsigned int other, const char *othername, int domain, const char *func)
{
    if (!(flags & flag) || (flags & other))
        return true;
    api_report_invalid_arg_full(domain, func, FLAGS_ARG, "Flag '%s' is required by flag '%s'",
                                othername, flagname);
    return false;
}

/**
 * api_check_writable_flag() - read-only connections may not pass @flag
 * ("operation forbidden: <func> with <what>", libvirt's wording)
 */
bool
api_check_writable_flag(virConnectPtr conn, unsigned int flags, unsigned int flag,
                        const char *what, int domain, const char *func)
{
    if (!(conn->flags & VIR_CONNECT_RO) || !(flags & flag))
        return true;
    err_report_full(domain, VIR_ERR_OPERATION_DENIED, __FILE__, func, __LINE__,
                    "%s with %s", func, what);
    return false;
}

/**
 * api_absolute_path() - @path as an absolute, canonical-looking path
 */
char *
api_absolute_path(const char *path, int domain, const char *func)
{
    g_autofree char *cwd = NULL;

    if (g_path_is_absolute(path))
        return g_strdup(path);
    cwd = g_get_current_dir();
    if (!cwd || !g_path_is_absolute(cwd)) {
        err_report_full(domain, VIR_ERR_INTERNAL_ERROR, __FILE__, func, __LINE__, "%s",
                        "could not build absolute file path");
        return NULL;
    }
    return g_build_filename(cwd, path, NULL);
}

/**
 * api_check_same_conn() - the object @arg of @func must belong to @conn
 */
bool
api_check_same_conn(virConnectPtr conn, virConnectPtr other, int domain, const char *func,
                    const char *arg)
{
    if (conn == other)
        return true;
    api_report_invalid_arg_full(domain, func, arg, "%s in %s must match connection",
                                arg, func);
    return false;
}

/**
 * api_dispatch_error() - final error step of a failing public call
 * @conn: connection the call was made on, or NULL
 *
 * Sets a generic error when the failure path forgot to report one, keeps
 * a copy in @conn for virConnGetLastError(), then runs @conn's handler,
 * else the global handler, else virDefaultErrorFunc().
 */
void
api_dispatch_error(virConnectPtr conn)
{
    virError *last = err_get_last();
    virErrorFunc handler;
    void *data;

    if (!last) {
        virError generic = {
            .code = VIR_ERR_INTERNAL_ERROR,
            .domain = VIR_FROM_NONE,
            .level = VIR_ERR_ERROR,
            .message = (char *) "An error occurred, but the cause is unknown",
        };
        err_set_last(&generic);
        last = err_get_last();
    }

    g_mutex_lock(&api_err_lock);
    handler = api_err_handler;
    data = api_err_handler_data;
    g_mutex_unlock(&api_err_lock);

    if (conn && api_object_is(conn, API_OBJ_CONNECT)) {
        g_mutex_lock(&conn->lock);
        err_copy(&conn->err, last);
        if (conn->handler) {
            handler = conn->handler;
            data = conn->handler_data;
        }
        g_mutex_unlock(&conn->lock);
    }

    if (handler)
        handler(data, last);
    else
        virDefaultErrorFunc(last);
}

/**
 * api_stub_report_full() - error path of the generated "not supported"
 * stubs of libvirt-qemu/-lxc/-admin.so (api/stub-shim-ext.h renames their
 * err_report_full() to this): report,
 * then dispatch like every other failing entry point.
 */
VIR_EXPORT void api_stub_report_full(int domain, int code, const char *file, const char *func,
                          int line, const char *fmt, ...) G_GNUC_PRINTF(6, 7);
VIR_EXPORT void
api_stub_report_full(int domain, int code, const char *file, const char *func,
                     int line, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    err_report_va(domain, code, file, func, line, fmt, ap);
    va_end(ap);
    api_dispatch_error(NULL);
}

/* ---- public API ---- */

/**
 * virGetLastError() - the calling thread's last error, NULL when none
 */
VIR_EXPORT virErrorPtr
virGetLastError(void)
{
    return err_get_last();
}

/**
 * virGetLastErrorCode() - code of the last error, VIR_ERR_OK when none
 */
VIR_EXPORT int
virGetLastErrorCode(void)
{
    virError *e = err_get_last();

    return e ? e->code : VIR_ERR_OK;
}

/**
 * virGetLastErrorDomain() - domain of the last error, VIR_FROM_NONE when none
 */
VIR_EXPORT int
virGetLastErrorDomain(void)
{
    virError *e = err_get_last();

    return e ? e->domain : VIR_FROM_NONE;
}

/**
 * virGetLastErrorMessage() - message of the last error, "no error" when none
 */
VIR_EXPORT const char *
virGetLastErrorMessage(void)
{
    virError *e = err_get_last();

    if (!e)
        return "no error";
    return e->message ? e->message : "unknown error";
}

/**
 * virResetLastError() - clear the calling thread's last error
 */
VIR_EXPORT void
virResetLastError(void)
{
    err_reset_last();
}

/**
 * virCopyLastError() - deep-copy the last error into @to
 *
 * Return: the error code copied (0 when none), -1 when @to is NULL.
 */
VIR_EXPORT int
virCopyLastError(virErrorPtr to)
{
    virError *e = err_get_last();

    if (!to)
        return -1;
    memset(to, 0, sizeof(*to));
    if (e)
        err_copy(to, e);
    return to->code;
}

/**
 * virSaveLastError() - a heap copy of the last error (free with virFreeError)
 */
VIR_EXPORT virErrorPtr
virSaveLastError(void)
{
    virErrorPtr to = g_new0(virError, 1);

    virCopyLastError(to);
    return to;
}

/**
 * virResetError() - release the strings held by @err and zero it
 */
VIR_EXPORT void
virResetError(virErrorPtr err)
{
    err_clear(err);
}

/**
 * virFreeError() - virResetError() then free @err
 */
VIR_EXPORT void
virFreeError(virErrorPtr err)
{
    err_free(err);
}

/**
 * virSetErrorFunc() - set the global error handler (NULL: print to stderr)
 */
VIR_EXPORT void
virSetErrorFunc(void *userData, virErrorFunc handler)
{
    g_mutex_lock(&api_err_lock);
    api_err_handler = handler;
    api_err_handler_data = userData;
    g_mutex_unlock(&api_err_lock);
}

/**
 * virDefaultErrorFunc() - print @err to stderr the way libvirt does:
 * "libvirt: <domain name> <level> : <message>"
 */
VIR_EXPORT void
virDefaultErrorFunc(virErrorPtr err)
{
    const char *lvl = "";
    const char *dom;
    size_t len;

    if (!err || err->code == VIR_ERR_OK)
        return;
    if (err->level == VIR_ERR_WARNING)
        lvl = "warning";
    else if (err->level == VIR_ERR_ERROR)
        lvl = "error";
    dom = err_domain_name(err->domain);
    if (!err->message) {
        fprintf(stderr, "libvirt: %s %s : \n", dom, lvl);
        return;
    }
    len = strlen(err->message);
    if (err->domain == VIR_FROM_XML && err->code == VIR_ERR_XML_DETAIL && err->int1 != 0)
        fprintf(stderr, "libvirt: %s %s : line %d: %s", dom, lvl, err->int1, err->message);
    else if (len == 0 || err->message[len - 1] != '\n')
        fprintf(stderr, "libvirt: %s %s : %s\n", dom, lvl, err->message);
    else
        fprintf(stderr, "libvirt: %s %s : %s", dom, lvl, err->message);
}

/**
 * virConnGetLastError() - the last error copied to @conn (not thread safe;
 * kept for old applications)
 */
VIR_EXPORT virErrorPtr
virConnGetLastError(virConnectPtr conn)
{
    if (!api_object_is(conn, API_OBJ_CONNECT))
        return NULL;
    return &conn->err;
}

/**
 * virConnCopyLastError() - deep-copy @conn's last error into @to
 *
 * Return: the code copied (0 when none), -1 for an invalid connection.
 */
VIR_EXPORT int
virConnCopyLastError(virConnectPtr conn, virErrorPtr to)
{
    if (!to)
        return -1;
    memset(to, 0, sizeof(*to));
    if (!api_object_is(conn, API_OBJ_CONNECT))
        return -1;
    g_mutex_lock(&conn->lock);
    if (conn->err.code != VIR_ERR_OK)
        err_copy(to, &conn->err);
    g_mutex_unlock(&conn->lock);
    return to->code;
}

/**
 * virConnResetLastError() - clear @conn's copy of the last error
 */
VIR_EXPORT void
virConnResetLastError(virConnectPtr conn)
{
    if (!api_object_is(conn, API_OBJ_CONNECT))
        return;
    g_mutex_lock(&conn->lock);
    err_clear(&conn->err);
    g_mutex_unlock(&conn->lock);
}

/**
 * virConnSetErrorFunc() - per-connection handler (NULL: use the global one)
 */
VIR_EXPORT void
virConnSetErrorFunc(virConnectPtr conn, void *userData, virErrorFunc handler)
{
    if (!api_object_is(conn, API_OBJ_CONNECT))
        return;
    g_mutex_lock(&conn->lock);
    conn->handler = handler;
    conn->handler_data = userData;
    g_mutex_unlock(&conn->lock);
}
