/* api/event-poll.h: the default event loop implementation (poll(2) based)
 * behind virEventRegisterDefaultImpl / virEventRunDefaultImpl. */
#pragma once

#include <libvirt/libvirt.h>

/* Create the wakeup eventfd once. Return 0 or -1 (reported). */
int event_poll_init(void);

int event_poll_add_handle(int fd, int events, virEventHandleCallback cb, void *opaque,
                          virFreeCallback ff);
void event_poll_update_handle(int watch, int events);
int event_poll_remove_handle(int watch);
int event_poll_add_timeout(int timeout, virEventTimeoutCallback cb, void *opaque,
                           virFreeCallback ff);
void event_poll_update_timeout(int timer, int timeout);
int event_poll_remove_timeout(int timer);

/* One iteration: wait for the next due timer or fd activity (or a wakeup),
 * run the callbacks, then release removed entries. Return 0 or -1. */
int event_poll_run_once(void);
