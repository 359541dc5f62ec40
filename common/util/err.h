/* common/util/err.h: libvirt-style error records (thread-local last error).
 * Owns message construction and the per-code prefixes; knows nothing of
 * connections, RPC or drivers. */
#pragma once

#include <stdarg.h>
#include <stdbool.h>
#include <glib.h>
#include <libvirt/virterror.h>

/* Each .c file that reports errors defines ERR_DOMAIN (a VIR_FROM_* value)
 * before using err_report(); files that do not fall back to VIR_FROM_NONE. */
#ifndef ERR_DOMAIN
# define ERR_DOMAIN VIR_FROM_NONE
#endif

void err_report_full(int domain, int code, const char *file, const char *func,
                     int line, const char *fmt, ...) G_GNUC_PRINTF(6, 7);
void err_report_errno_full(int domain, int errnum, int code, const char *file,
                           const char *func, int line, const char *fmt, ...)
    G_GNUC_PRINTF(7, 8);
void err_report_va(int domain, int code, const char *file, const char *func,
                   int line, const char *fmt, va_list ap) G_GNUC_PRINTF(6, 0);

/* Record an error with the file's domain: prefix for @code, ": ", detail. */
#define err_report(code, ...) \
    err_report_full(ERR_DOMAIN, (code), __FILE__, __func__, __LINE__, __VA_ARGS__)
/* Same, with ": <strerror(errnum)>" appended to the detail. */
#define err_report_errno(errnum, code, ...) \
    err_report_errno_full(ERR_DOMAIN, (errnum), (code), __FILE__, __func__, \
                          __LINE__, __VA_ARGS__)
/* VIR_ERR_SYSTEM_ERROR with strerror appended, like virReportSystemError. */
#define err_report_system(errnum, ...) \
    err_report_errno(errnum, VIR_ERR_SYSTEM_ERROR, __VA_ARGS__)
/* VIR_ERR_INTERNAL_ERROR for conditions that "cannot happen". */
#define err_report_internal(...) \
    err_report(VIR_ERR_INTERNAL_ERROR, __VA_ARGS__)

virError *err_get_last(void);
void err_reset_last(void);
void err_set_last(const virError *src);
bool err_has_last(void);
int err_last_code(void);
const char *err_last_message(void);

/* Save the last error and restore it later (for cleanup paths that may
 * report errors of their own). */
virError *err_save_last(void);
void err_restore_last(virError **saved);

void err_copy(virError *dst, const virError *src);
void err_clear(virError *err);
void err_free(virError *err);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virError, err_free)

const char *err_code_prefix(int code, bool with_detail);
const char *err_domain_name(int domain);

/* Called synchronously for every reported error; used by the public
 * virSetErrorFunc machinery. @opaque is passed back unchanged. */
typedef void (*ErrHook)(const virError *err, void *opaque);
void err_set_hook(ErrHook hook, void *opaque);

/* When set, every reported error is also logged (daemons want this). */
void err_set_log_reports(bool enable);
