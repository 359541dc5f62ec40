/*
 * run.c: the connection and the command loop.
 *
 * The connection opens lazily, on the first command that needs it (or at start-up
 * when -c named a URI). A close callback from the library marks it dead; the next
 * command then reconnects. Each command's failure is followed by the library's own
 * error message, and each command ends with a blank line unless --quiet.
 */
#include <stdio.h>

#include "tools/virsh/virsh.h"

#define KEEPALIVE_INTERVAL_DEFAULT 5
#define KEEPALIVE_COUNT_DEFAULT 6

static char *conn_label;         /* what "Disconnected from %s" names */

static const char *
close_reason_string(int reason)
{
    switch (reason) {
    case VIR_CONNECT_CLOSE_REASON_ERROR:
        return "error";
    case VIR_CONNECT_CLOSE_REASON_EOF:
        return "end of file";
    case VIR_CONNECT_CLOSE_REASON_KEEPALIVE:
        return "keepalive timeout";
    default:
        return NULL;
    }
}

/* Runs on the event-loop thread. */
static void
vsh_close_cb(virConnectPtr conn, int reason, void *opaque)
{
    VshCtl *ctl = opaque;
    const char *why = close_reason_string(reason);

    if (why)
        vsh_error(ctl, "Disconnected from %s due to %s",
                  conn_label ? conn_label : "the hypervisor", why);
    g_atomic_int_set((int *) &ctl->disconnected, 1);
}

static virConnectPtr
vsh_open(VshCtl *ctl, const char *uri, bool readonly)
{
    virConnectPtr c;
    bool forced = ctl->keepalive_interval >= 0 || ctl->keepalive_count >= 0;
    int interval = ctl->keepalive_interval >= 0 ? ctl->keepalive_interval
                                                : KEEPALIVE_INTERVAL_DEFAULT;
    int count = ctl->keepalive_count >= 0 ? ctl->keepalive_count : KEEPALIVE_COUNT_DEFAULT;

    vsh_debug(ctl, 2, "opening connection to '%s'%s\n", uri ? uri : "(default)",
              readonly ? " read-only" : "");
    c = virConnectOpenAuth(uri, virConnectAuthPtrDefault, readonly ? VIR_CONNECT_RO : 0);
    if (!c)
        return NULL;

    if (virConnectSetKeepAlive(c, interval, count) != 0) {
        if (forced) {
            vsh_error(ctl, "Cannot setup keepalive on connection as requested, disconnecting");
            virConnectClose(c);
            return NULL;
        }
        vsh_debug(ctl, 2, "keepalive not available on this connection\n");
        vsh_reset_libvirt_error();
    }
    if (virConnectRegisterCloseCallback(c, vsh_close_cb, ctl, NULL) < 0)
        vsh_reset_libvirt_error();

    g_free(conn_label);
    conn_label = uri ? g_strdup(uri) : virConnectGetURI(c);
    if (!conn_label)
        vsh_reset_libvirt_error();
    return c;
}

/**
 * vsh_disconnect() - close the current connection, if any
 */
void
vsh_disconnect(VshCtl *ctl)
{
    if (!ctl->conn)
        return;
    virConnectUnregisterCloseCallback(ctl->conn, vsh_close_cb);
    virConnectClose(ctl->conn);
    vsh_reset_libvirt_error();
    ctl->conn = NULL;
    g_atomic_int_set((int *) &ctl->disconnected, 0);
}

/**
 * vsh_connect() - replace the connection with a new one to @uri
 *
 * On failure the previous connection is kept and the error reported
 * ("failed to connect to the hypervisor" plus the library's reason).
 * Return: true on success.
 */
bool
vsh_connect(VshCtl *ctl, const char *uri, bool readonly)
{
    virConnectPtr c = vsh_open(ctl, uri, readonly);

    if (!c) {
        vsh_error(ctl, "failed to connect to the hypervisor");
        vsh_report_error(ctl);
        return false;
    }
    vsh_disconnect(ctl);
    ctl->conn = c;
    if (uri != ctl->connname) {
        g_free(ctl->connname);
        ctl->connname = g_strdup(uri);
    }
    ctl->readonly = readonly;
    return true;
}

/**
 * vsh_conn() - the connection, opened (or re-opened after a disconnect) on demand
 * Return: the connection, or NULL after reporting why there is none.
 */
virConnectPtr
vsh_conn(VshCtl *ctl)
{
    if (ctl->conn && g_atomic_int_get((int *) &ctl->disconnected)) {
        virConnectPtr c;

        vsh_disconnect(ctl);
        c = vsh_open(ctl, ctl->connname, ctl->readonly);
        if (!c) {
            vsh_error(ctl, "Failed to reconnect to the hypervisor");
            vsh_report_error(ctl);
            return NULL;
        }
        ctl->conn = c;
        vsh_error(ctl, "Reconnected to the hypervisor");
        return c;
    }
    if (!ctl->conn) {
        ctl->conn = vsh_open(ctl, ctl->connname, ctl->readonly);
        if (!ctl->conn) {
            vsh_error(ctl, "failed to connect to the hypervisor");
            vsh_report_error(ctl);
            return NULL;
        }
    }
    return ctl->conn;
}

/* An error that means the daemon is gone: reconnect before the next command. */
static bool
error_means_disconnect(int code)
{
    return code == VIR_ERR_NO_CONNECT || code == VIR_ERR_INVALID_CONN;
}

/**
 * vsh_run() - run commands in order until the list ends or one of them is quit/exit
 * Return: the result of the last command run.
 */
bool
vsh_run(VshCtl *ctl, const VshCmd *cmds)
{
    bool ret = true;

    for (const VshCmd *cmd = cmds; cmd; cmd = cmd->next) {
        gint64 start = 0;

        vsh_reset_libvirt_error();
        if (ctl->timing)
            start = g_get_monotonic_time();

        if (!(cmd->def->flags & VSH_CF_NOCONNECT) && !vsh_conn(ctl)) {
            ret = false;
        } else {
            ret = cmd->def->handler(ctl, cmd);
            if (!ret) {
                if (ctl->conn && error_means_disconnect(vsh_last_error_code()))
                    g_atomic_int_set((int *) &ctl->disconnected, 1);
                vsh_report_error(ctl);
            }
        }
        if (ctl->exit_requested)
            return ret;
        if (ctl->timing)
            vsh_print(ctl, "\n(Time: %.3f ms)\n\n",
                      (double) (g_get_monotonic_time() - start) / 1000.0);
        else
            vsh_print_extra(ctl, "\n");
    }
    return ret;
}
