/*
 * console.c: the interactive console of a domain (console, start/create --console).
 *
 * The terminal goes to raw mode; keystrokes are sent to the console stream from the
 * command's thread, output arrives through a stream callback on the event-loop
 * thread. The escape character (^] unless -e said otherwise) or the end of the
 * stream ends the session.
 */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <glib-unix.h>

#include "tools/virsh/helpers.h"

typedef struct {
    virStreamPtr st;
    int quit_pipe[2];
    gint done;
} Console;

static void
console_quit(Console *c)
{
    char x = 'q';

    if (!g_atomic_int_compare_and_exchange(&c->done, 0, 1))
        return;
    if (write(c->quit_pipe[1], &x, 1) < 0) {
        /* the pipe is never full: one byte at most is ever written */
    }
}

/* event-loop thread: console output to the terminal */
static void
console_stream_cb(virStreamPtr st, int events, void *opaque)
{
    Console *c = opaque;

    if (events & VIR_STREAM_EVENT_READABLE) {
        char buf[1024];
        int n;

        while ((n = virStreamRecv(st, buf, sizeof(buf))) > 0) {
            if (write(STDOUT_FILENO, buf, n) < 0)
                break;
        }
        if (n == 0 || (n < 0 && n != -2)) {
            console_quit(c);
            return;
        }
    }
    if (events & (VIR_STREAM_EVENT_ERROR | VIR_STREAM_EVENT_HANGUP))
        console_quit(c);
}

/**
 * vsh_console() - connect the terminal to a console of @dom until escape or EOF
 * @devname: the console's alias, or NULL for the first one
 */
bool
vsh_console(VshCtl *ctl, virDomainPtr dom, const char *devname, unsigned int flags)
{
    Console c = { .quit_pipe = { -1, -1 } };
    struct termios saved, raw;
    int state = 0;
    bool ok = false;
    const char *escstr = ctl->escape ? ctl->escape : "^]";
    char esc = escstr[0] == '^' ? (char) (g_ascii_toupper(escstr[1]) & 0x1f) : escstr[0];

    if (!isatty(STDIN_FILENO)) {
        vsh_error(ctl, "Cannot run interactive console without a controlling TTY");
        return false;
    }
    if (virDomainGetState(dom, &state, NULL, 0) < 0) {
        vsh_error(ctl, "Unable to get domain status");
        return false;
    }
    if (state == VIR_DOMAIN_SHUTOFF) {
        vsh_error(ctl, "The domain is not running");
        return false;
    }
    vsh_print_extra(ctl, "Connected to domain '%s'\n", virDomainGetName(dom));
    if (escstr[0] == '^')
        vsh_print_extra(ctl, "Escape character is %s (Ctrl + %c)\n", escstr, escstr[1]);
    else
        vsh_print_extra(ctl, "Escape character is %s\n", escstr);

    if (!(c.st = virStreamNew(vsh_conn(ctl), VIR_STREAM_NONBLOCK)))
        return false;
    if (virDomainOpenConsole(dom, devname, c.st, flags) < 0)
        goto out;
    if (!g_unix_open_pipe(c.quit_pipe, FD_CLOEXEC, NULL)) {
        vsh_error(ctl, "failed to create pipe: %s", g_strerror(errno));
        goto out;
    }
    if (virStreamEventAddCallback(c.st, VIR_STREAM_EVENT_READABLE | VIR_STREAM_EVENT_ERROR |
                                        VIR_STREAM_EVENT_HANGUP,
                                  console_stream_cb, &c, NULL) < 0)
        goto out;

    tcgetattr(STDIN_FILENO, &saved);
    raw = saved;
    cfmakeraw(&raw);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw);
    for (;;) {
        struct pollfd fds[2] = {
            { .fd = STDIN_FILENO, .events = POLLIN },
            { .fd = c.quit_pipe[0], .events = POLLIN },
        };
        char buf[256];
        ssize_t n;

        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (fds[1].revents)
            break;
        if (!(fds[0].revents & (POLLIN | POLLHUP)))
            continue;
        if ((n = read(STDIN_FILENO, buf, sizeof(buf))) <= 0)
            break;
        if (memchr(buf, esc, n))
            break;
        if (virStreamSend(c.st, buf, n) < 0 && vsh_last_error_code() != VIR_ERR_OK)
            break;
    }
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    vsh_print(ctl, "\n");
    ok = true;
    virStreamEventRemoveCallback(c.st);
    virStreamAbort(c.st);
    vsh_reset_libvirt_error();

 out:
    if (c.quit_pipe[0] >= 0) {
        close(c.quit_pipe[0]);
        close(c.quit_pipe[1]);
    }
    virStreamFree(c.st);
    return ok;
}
