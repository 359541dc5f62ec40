/* api/remote/fds.c: remote ops that pass file descriptors over the UNIX
 * socket (CALL_WITH_FDS / REPLY_WITH_FDS): starting a domain with files
 * handed to it, associating fds with a domain, and connecting to a
 * domain's graphics either way round. */
#include "config.h"

#include <unistd.h>

#define ERR_DOMAIN VIR_FROM_REMOTE
#include "api/remote/remote.h"
#include "common/util/err.h"
#include "remote_client.h"

/* One call with @fds going out and, with @ret_fd, exactly one coming back. */
static int
call_with_fds(virConnectPtr conn, int proc, void *args, void *ret, const int *fds,
              size_t nfds, int *ret_fd)
{
    RemoteConn *rc = remote_route(conn, API_DRV_HYPERVISOR);
    g_autofree int *got = NULL;
    size_t ngot = 0;

    if (!rc)
        return -1;
    if (rpc_client_call_fds(rc->client, &remote_program, proc, args, ret, fds, nfds,
                            ret_fd ? &got : NULL, ret_fd ? &ngot : NULL) < 0)
        return -1;
    if (!ret_fd)
        return 0;
    if (ngot != 1) {
        for (size_t i = 0; i < ngot; i++)
            close(got[i]);
        err_report(VIR_ERR_RPC, "expected 1 file descriptor in the reply, got %zu", ngot);
        return -1;
    }
    *ret_fd = got[0];
    return 0;
}

/**
 * remote_op_domain_create_with_files() - DOMAIN_CREATE_WITH_FILES
 */
int
remote_op_domain_create_with_files(virDomainPtr domain, unsigned int nfiles, int *files,
                                   unsigned int flags)
{
    remote_domain_create_with_files_args args = { .flags = flags };
    remote_domain_create_with_files_ret ret = { 0 };

    remote_domain_to_wire(domain, &args.dom);
    if (call_with_fds(domain->conn, REMOTE_PROC_DOMAIN_CREATE_WITH_FILES, &args, &ret, files,
                      nfiles, NULL) < 0)
        return -1;
    domain->id = ret.dom.id;
    xdr_free((xdrproc_t) xdr_remote_domain_create_with_files_ret, (char *) &ret);
    return 0;
}

/**
 * remote_op_domain_create_xml_with_files() - DOMAIN_CREATE_XML_WITH_FILES
 */
virDomainPtr
remote_op_domain_create_xml_with_files(virConnectPtr conn, const char *xmlDesc,
                                       unsigned int nfiles, int *files, unsigned int flags)
{
    remote_domain_create_xml_with_files_args args = { .xml_desc = (char *) xmlDesc,
                                                      .flags = flags };
    remote_domain_create_xml_with_files_ret ret = { 0 };
    virDomainPtr dom;

    if (call_with_fds(conn, REMOTE_PROC_DOMAIN_CREATE_XML_WITH_FILES, &args, &ret, files,
                      nfiles, NULL) < 0)
        return NULL;
    dom = remote_domain_from_wire(conn, &ret.dom);
    xdr_free((xdrproc_t) xdr_remote_domain_create_xml_with_files_ret, (char *) &ret);
    return dom;
}

/**
 * remote_op_domain_fd_associate() - DOMAIN_FD_ASSOCIATE
 */
int
remote_op_domain_fd_associate(virDomainPtr domain, const char *name, unsigned int nfds,
                              int *fds, unsigned int flags)
{
    remote_domain_fd_associate_args args = { .name = (char *) name, .flags = flags };

    remote_domain_to_wire(domain, &args.dom);
    return call_with_fds(domain->conn, REMOTE_PROC_DOMAIN_FD_ASSOCIATE, &args, NULL, fds, nfds,
                         NULL);
}

/**
 * remote_op_domain_open_graphics() - DOMAIN_OPEN_GRAPHICS: the daemon
 * connects graphics output @idx to our socket @fd
 */
int
remote_op_domain_open_graphics(virDomainPtr dom, unsigned int idx, int fd, unsigned int flags)
{
    remote_domain_open_graphics_args args = { .idx = idx, .flags = flags };

    remote_domain_to_wire(dom, &args.dom);
    return call_with_fds(dom->conn, REMOTE_PROC_DOMAIN_OPEN_GRAPHICS, &args, NULL, &fd, 1,
                         NULL);
}

/**
 * remote_op_domain_open_graphics_fd() - DOMAIN_OPEN_GRAPHICS_FD: a socket
 * to graphics output @idx, made by the daemon
 */
int
remote_op_domain_open_graphics_fd(virDomainPtr dom, unsigned int idx, unsigned int flags)
{
    remote_domain_open_graphics_fd_args args = { .idx = idx, .flags = flags };
    int fd = -1;

    remote_domain_to_wire(dom, &args.dom);
    if (call_with_fds(dom->conn, REMOTE_PROC_DOMAIN_OPEN_GRAPHICS_FD, &args, NULL, NULL, 0,
                      &fd) < 0)
        return -1;
    return fd;
}
