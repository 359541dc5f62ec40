/*
 * procinfo.h - per-procedure metadata of every RPC program.
 *
 * The tables behind these types are generated at build time by
 * protocol/gen-proto.py from the annotations in protocol/<program>.x.
 * The daemons use them for dispatch, the read-only socket filter, priority
 * workers and forwarding to the owning daemon; the client library uses the
 * codec pointers.  Nothing here reports errors or allocates.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <rpc/types.h>
#include <rpc/xdr.h>

/* Opaque per-call / per-connection objects owned by common/rpc. */
typedef struct RpcCall RpcCall;
typedef struct RpcClient RpcClient;

/* Which daemon owns a procedure.  NONE: served by whichever daemon receives
 * it (connection plumbing: open, close, auth, features, identity, ...). */
typedef enum {
    PROC_DRV_NONE,
    PROC_DRV_HYPERVISOR,
    PROC_DRV_NETWORK,
    PROC_DRV_STORAGE,
    PROC_DRV_NODEDEV,
    PROC_DRV_SECRET,
    PROC_DRV_INTERFACE,
    PROC_DRV_NWFILTER,
    PROC_DRV_LAST
} ProcDriverClass;

enum {
    PROC_F_READONLY = 1 << 0,       /* allowed on -sock-ro */
    PROC_F_PRIORITY = 1 << 1,       /* may run on the priority workers */
    PROC_F_EVENT = 1 << 2,          /* a MESSAGE proc (*_msg, keepalive) */
    PROC_F_STREAM = 1 << 3,         /* opens a stream (read or write) */
    PROC_F_FDS = 1 << 4,            /* fds travel with call and/or reply */
    PROC_F_NOAUTH = 1 << 5,         /* allowed before auth: AUTH_* */
    PROC_F_HANDWRITTEN = 1 << 6,    /* @generate:none */
    PROC_F_FDS_IN = 1 << 7,         /* the call carries fds (CALL_WITH_FDS) */
    PROC_F_FDS_OUT = 1 << 8,        /* the reply carries fds (REPLY_WITH_FDS) */
};

/* How a conditional ACL entry decides whether it applies to a call. */
typedef enum {
    PROC_ACL_IF_ANY,        /* (arg & value) != 0      "perm:A|B"     */
    PROC_ACL_IF_NONE,       /* (arg & value) == 0      "perm:!A|B"    */
    PROC_ACL_IF_EQUAL,      /* arg == value            "perm::arg:V"  */
} ProcAclCondKind;

/*
 * One conditional ACL entry, e.g. "domain:read_secure:VIR_DOMAIN_XML_SECURE":
 * the permission is only required when the call's argument matches.
 */
typedef struct ProcAclCond {
    const char *perm;           /* "domain:read_secure" */
    const char *arg;            /* argument tested: "flags", "source", ... */
    const char *expr;           /* condition as written in the .x */
    ProcAclCondKind kind;
    unsigned int value;         /* resolved mask (ANY/NONE) or value (EQUAL) */
    size_t arg_offset;          /* offsetof() the unsigned argument in args */
    bool readonly_ok;           /* perm is allowed on a read-only connection */
} ProcAclCond;

/* Returned by ProcInfo.dispatch when the handler slot is NULL. */
#define PROC_DISPATCH_NO_HANDLER (-2)

typedef struct ProcInfo {
    const char *name;           /* "SECRET_GET_VALUE"; NULL for unused slots */
    int number;
    unsigned int flags;         /* PROC_F_* */
    ProcDriverClass driver;
    xdrproc_t args_proc;        /* proc_xdr_void when the call has no args */
    size_t args_size;           /* 0 when void */
    xdrproc_t ret_proc;         /* proc_xdr_void when the reply has no ret */
    size_t ret_size;
    xdrproc_t msg_proc;         /* NULL unless the proc has a *_msg struct */
    size_t msg_size;
    const char *acl;            /* ";"-joined entries, "none", or "" */
    int readstream, writestream; /* stream argument position, 0 = none */
    const char *sparseflag;     /* NULL unless the stream may carry holes */
    /* calls the matching member of the program's *Handlers struct;
     * NULL for MESSAGE procs */
    int (*dispatch)(const void *handlers, RpcCall *call, void *args, void *ret);

    /* additions */
    const char *aclfilter;      /* ";"-joined, "" when none */
    const char *generate;       /* both / server / client / none / "" */
    const ProcAclCond *acl_conds;
    unsigned int nacl_conds;
    unsigned int sparseflag_value; /* value of sparseflag, 0 when none */
} ProcInfo;

typedef struct ProgramInfo {
    unsigned int prog;
    unsigned int vers;
    const char *name;           /* "REMOTE" */
    const ProcInfo *procs;
    unsigned int nprocs;        /* procs[i].number == i; slot 0 unused */
    size_t handlers_size;       /* sizeof the program's *Handlers, 0 if none */
} ProgramInfo;

extern const ProgramInfo remote_program;
extern const ProgramInfo qemu_program;
extern const ProgramInfo lxc_program;
extern const ProgramInfo admin_program;
extern const ProgramInfo keepalive_program;

/**
 * proc_lookup() - find a procedure of a program
 * @p:    program
 * @proc: procedure number from the message header
 *
 * Return: the entry, or NULL when @proc is not defined by @p.
 */
const ProcInfo *proc_lookup(const ProgramInfo *p, int proc);

/**
 * program_find() - find a program by its header fields
 * @prog: program number
 * @vers: program version
 *
 * Return: the program, or NULL when we do not speak it.
 */
const ProgramInfo *program_find(unsigned int prog, unsigned int vers);

/**
 * proc_driver_class_to_string() - name of a driver class
 *
 * Return: "none", "hypervisor", "network", "storage", "nodedev", "secret",
 *         "interface", "nwfilter", or NULL for an out-of-range value.
 */
const char *proc_driver_class_to_string(ProcDriverClass cls);

/**
 * proc_allowed_readonly() - may this call run on a read-only connection?
 * @p:    procedure
 * @args: decoded arguments (may be NULL for void-args procedures)
 *
 * Checks PROC_F_READONLY, then every conditional ACL entry whose permission
 * is not read-only: a call whose arguments trigger such an entry is refused
 * (e.g. DOMAIN_GET_XML_DESC with VIR_DOMAIN_XML_SECURE).
 *
 * Return: true when allowed.
 */
bool proc_allowed_readonly(const ProcInfo *p, const void *args);

/**
 * proc_xdr_void() - codec of an empty payload
 *
 * Same as libtirpc's xdr_void, but with the (XDR *, void *) shape of every
 * other codec so it converts to xdrproc_t without a function-type cast.
 *
 * Return: TRUE.
 */
bool_t proc_xdr_void(XDR *xdrs, void *unused);

/**
 * rpc_client_call() - perform one call and wait for its reply
 * @client: connection
 * @prog:   program of @proc
 * @proc:   procedure number
 * @args:   arguments encoded with the proc's args codec (NULL when void)
 * @ret:    reply buffer decoded with the proc's ret codec (NULL when void)
 *
 * Implemented by common/rpc; the generated *_call_* stubs wrap it.
 *
 * Return: 0 on success, -1 with an error reported.
 */
int rpc_client_call(RpcClient *client, const ProgramInfo *prog, int proc,
                    void *args, void *ret);
