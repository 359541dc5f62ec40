/* <libvirt/libvirt-stream.h>: data streams. */

#ifndef LIBVIRT_STREAM_H
# define LIBVIRT_STREAM_H

# ifndef __VIR_LIBVIRT_H_INCLUDES__
#  error "include <libvirt/libvirt.h> instead of this header"
# endif

# ifdef __cplusplus
extern "C" {
# endif

typedef enum {
    VIR_STREAM_EVENT_READABLE = 1 << 0,
    VIR_STREAM_EVENT_WRITABLE = 1 << 1,
    VIR_STREAM_EVENT_ERROR    = 1 << 2,
    VIR_STREAM_EVENT_HANGUP   = 1 << 3,
} virStreamEventType;

typedef enum {
    VIR_STREAM_NONBLOCK = 1 << 0,
} virStreamFlags;

typedef enum {
    VIR_STREAM_RECV_STOP_AT_HOLE = 1 << 0,
} virStreamRecvFlagsValues;

typedef void (*virStreamEventCallback)(virStreamPtr stream, int events, void *opaque);

typedef int (*virStreamSinkFunc)(virStreamPtr st, const char *data, size_t nbytes, void *opaque);

typedef int (*virStreamSinkHoleFunc)(virStreamPtr st, long long length, void *opaque);

typedef int (*virStreamSourceFunc)(virStreamPtr st, char *data, size_t nbytes, void *opaque);

typedef int (*virStreamSourceHoleFunc)(virStreamPtr st,
                                       int *inData,
                                       long long *length,
                                       void *opaque);

typedef int (*virStreamSourceSkipFunc)(virStreamPtr st, long long length, void *opaque);

int virStreamAbort(virStreamPtr stream);
int virStreamEventAddCallback(virStreamPtr stream,
                              int events,
                              virStreamEventCallback cb,
                              void *opaque,
                              virFreeCallback ff);
int virStreamEventRemoveCallback(virStreamPtr stream);
int virStreamEventUpdateCallback(virStreamPtr stream, int events);
int virStreamFinish(virStreamPtr stream);
int virStreamFree(virStreamPtr stream);
virStreamPtr virStreamNew(virConnectPtr conn, unsigned int flags);
int virStreamRecv(virStreamPtr stream, char *data, size_t nbytes);
int virStreamRecvAll(virStreamPtr stream, virStreamSinkFunc handler, void *opaque);
int virStreamRecvFlags(virStreamPtr stream, char *data, size_t nbytes, unsigned int flags);
int virStreamRecvHole(virStreamPtr stream, long long *length, unsigned int flags);
int virStreamRef(virStreamPtr stream);
int virStreamSend(virStreamPtr stream, const char *data, size_t nbytes);
int virStreamSendAll(virStreamPtr stream, virStreamSourceFunc handler, void *opaque);
int virStreamSendHole(virStreamPtr stream, long long length, unsigned int flags);
int virStreamSparseRecvAll(virStreamPtr stream,
                           virStreamSinkFunc handler,
                           virStreamSinkHoleFunc holeHandler,
                           void *opaque);
int virStreamSparseSendAll(virStreamPtr stream,
                           virStreamSourceFunc handler,
                           virStreamSourceHoleFunc holeHandler,
                           virStreamSourceSkipFunc skipHandler,
                           void *opaque);

# ifdef __cplusplus
}
# endif

#endif
