/*
 * vsh.c: output and error reporting of the shell.
 *
 * stdout carries results; "error: ..." lines go to stderr after stdout is flushed so
 * both interleave in order on a shared terminal or pipe. Errors raised by the library
 * are captured by our error callback (the library must never print them itself) and
 * printed once, after the failing command, by vsh_report_error().
 */
#include <stdarg.h>
#include <stdio.h>

#include "tools/virsh/virsh.h"

static GMutex last_error_lock;
static virErrorPtr last_error;

static void
vsh_vprint(FILE *f, const char *prefix, const char *fmt, va_list ap)
{
    g_autofree char *msg = g_strdup_vprintf(fmt, ap);

    if (f == stderr)
        fflush(stdout);
    if (prefix)
        fputs(prefix, f);
    fputs(msg, f);
    fflush(f);
}

/**
 * vsh_print() - print a result on stdout, even with --quiet
 */
void
vsh_print(VshCtl *ctl, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsh_vprint(stdout, NULL, fmt, ap);
    va_end(ap);
}

/**
 * vsh_print_extra() - print decoration (headers, confirmations); --quiet drops it
 */
void
vsh_print_extra(VshCtl *ctl, const char *fmt, ...)
{
    va_list ap;

    if (ctl && ctl->quiet)
        return;
    va_start(ap, fmt);
    vsh_vprint(stdout, NULL, fmt, ap);
    va_end(ap);
}

/**
 * vsh_error() - print "error: <message>\n" on stderr
 * @fmt: the message, without the trailing newline
 */
void
vsh_error(VshCtl *ctl, const char *fmt, ...)
{
    g_autofree char *msg = NULL;
    va_list ap;

    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    fflush(stdout);
    fprintf(stderr, "error: %s\n", msg);
    fflush(stderr);
}

/**
 * vsh_debug() - print a debug line on stderr when -d is at least @level
 */
void
vsh_debug(VshCtl *ctl, int level, const char *fmt, ...)
{
    va_list ap;

    if (!ctl || ctl->debug < 0 || level < ctl->debug)
        return;
    va_start(ap, fmt);
    vsh_vprint(stderr, NULL, fmt, ap);
    va_end(ap);
}

static void
vsh_error_cb(void *opaque, virErrorPtr err)
{
    g_mutex_lock(&last_error_lock);
    if (last_error)
        virFreeError(last_error);
    last_error = virSaveLastError();
    g_mutex_unlock(&last_error_lock);
}

/**
 * vsh_error_init() - route library errors to us instead of the library's stderr printer
 */
void
vsh_error_init(void)
{
    virSetErrorFunc(NULL, vsh_error_cb);
}

/**
 * vsh_reset_libvirt_error() - forget the saved library error
 */
void
vsh_reset_libvirt_error(void)
{
    g_mutex_lock(&last_error_lock);
    if (last_error)
        virFreeError(last_error);
    last_error = NULL;
    g_mutex_unlock(&last_error_lock);
    virResetLastError();
}

/**
 * vsh_last_error_code() - code of the saved library error, VIR_ERR_OK if none
 */
int
vsh_last_error_code(void)
{
    int code = VIR_ERR_OK;

    g_mutex_lock(&last_error_lock);
    if (last_error)
        code = last_error->code;
    g_mutex_unlock(&last_error_lock);
    return code;
}

/**
 * vsh_report_error() - print the saved library error (if any) and forget it
 *
 * Called once after a command failed; the command has already printed its own
 * context line ("failed to get secret 'x'").
 */
void
vsh_report_error(VshCtl *ctl)
{
    virErrorPtr err;

    g_mutex_lock(&last_error_lock);
    err = last_error;
    last_error = NULL;
    g_mutex_unlock(&last_error_lock);

    if (!err) {
        virErrorPtr cur = virGetLastError();

        if (cur && cur->code != VIR_ERR_OK)
            err = virSaveLastError();
    }
    if (err && err->code != VIR_ERR_OK)
        vsh_error(ctl, "%s", err->message ? err->message : "unknown error");
    if (err)
        virFreeError(err);
    virResetLastError();
}
