/* <libvirt/libvirt-lxc.h>: LXC specific calls (link with -lvirt-lxc). */

#ifndef LIBVIRT_LXC_H
# define LIBVIRT_LXC_H

# include <libvirt/libvirt.h>

# ifdef __cplusplus
extern "C" {
# endif

int virDomainLxcEnterCGroup(virDomainPtr domain, unsigned int flags);
int virDomainLxcEnterNamespace(virDomainPtr domain,
                               unsigned int nfdlist,
                               int *fdlist,
                               unsigned int *noldfdlist,
                               int **oldfdlist,
                               unsigned int flags);
int virDomainLxcEnterSecurityLabel(virSecurityModelPtr model,
                                   virSecurityLabelPtr label,
                                   virSecurityLabelPtr oldlabel,
                                   unsigned int flags);
int virDomainLxcOpenNamespace(virDomainPtr domain, int **fdlist, unsigned int flags);

# ifdef __cplusplus
}
# endif

#endif
