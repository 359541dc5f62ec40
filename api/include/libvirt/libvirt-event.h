/* <libvirt/libvirt-event.h>: event loop integration. */

#ifndef LIBVIRT_EVENT_H
# define LIBVIRT_EVENT_H

# ifndef __VIR_LIBVIRT_H_INCLUDES__
#  error "include <libvirt/libvirt.h> instead of this header"
# endif

# ifdef __cplusplus
extern "C" {
# endif

typedef enum {
    VIR_EVENT_HANDLE_READABLE = 1 << 0,
    VIR_EVENT_HANDLE_WRITABLE = 1 << 1,
    VIR_EVENT_HANDLE_ERROR    = 1 << 2,
    VIR_EVENT_HANDLE_HANGUP   = 1 << 3,
} virEventHandleType;

typedef void (*virEventHandleCallback)(int watch, int fd, int events, void *opaque);

typedef int (*virEventRemoveHandleFunc)(int watch);

typedef int (*virEventRemoveTimeoutFunc)(int timer);

typedef void (*virEventTimeoutCallback)(int timer, void *opaque);

typedef void (*virEventUpdateHandleFunc)(int watch, int event);

typedef void (*virEventUpdateTimeoutFunc)(int timer, int timeout);

typedef int (*virEventAddHandleFunc)(int fd,
                                     int event,
                                     virEventHandleCallback cb,
                                     void *opaque,
                                     virFreeCallback ff);

typedef int (*virEventAddTimeoutFunc)(int timeout,
                                      virEventTimeoutCallback cb,
                                      void *opaque,
                                      virFreeCallback ff);

int virEventAddHandle(int fd,
                      int events,
                      virEventHandleCallback cb,
                      void *opaque,
                      virFreeCallback ff);
int virEventAddTimeout(int timeout, virEventTimeoutCallback cb, void *opaque, virFreeCallback ff);
int virEventRegisterDefaultImpl(void);
void virEventRegisterImpl(virEventAddHandleFunc addHandle,
                          virEventUpdateHandleFunc updateHandle,
                          virEventRemoveHandleFunc removeHandle,
                          virEventAddTimeoutFunc addTimeout,
                          virEventUpdateTimeoutFunc updateTimeout,
                          virEventRemoveTimeoutFunc removeTimeout);
int virEventRemoveHandle(int watch);
int virEventRemoveTimeout(int timer);
int virEventRunDefaultImpl(void);
void virEventUpdateHandle(int watch, int events);
void virEventUpdateTimeout(int timer, int timeout);

# ifdef __cplusplus
}
# endif

#endif
