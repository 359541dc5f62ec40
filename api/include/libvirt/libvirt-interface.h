/* <libvirt/libvirt-interface.h>: host network interfaces. */

#ifndef LIBVIRT_INTERFACE_H
# define LIBVIRT_INTERFACE_H

# ifndef __VIR_LIBVIRT_H_INCLUDES__
#  error "include <libvirt/libvirt.h> instead of this header"
# endif

# ifdef __cplusplus
extern "C" {
# endif

typedef struct _virInterface virInterface;

typedef virInterface *virInterfacePtr;

typedef enum {
    VIR_CONNECT_LIST_INTERFACES_INACTIVE = 1 << 0,
    VIR_CONNECT_LIST_INTERFACES_ACTIVE   = 1 << 1,
} virConnectListAllInterfacesFlags;

typedef enum {
    VIR_INTERFACE_DEFINE_VALIDATE = 1 << 0,
} virInterfaceDefineFlags;

typedef enum {
    VIR_INTERFACE_XML_INACTIVE = 1 << 0,
} virInterfaceXMLFlags;

int virConnectListAllInterfaces(virConnectPtr conn, virInterfacePtr **ifaces, unsigned int flags);
int virConnectListDefinedInterfaces(virConnectPtr conn, char **const names, int maxnames);
int virConnectListInterfaces(virConnectPtr conn, char **const names, int maxnames);
int virConnectNumOfDefinedInterfaces(virConnectPtr conn);
int virConnectNumOfInterfaces(virConnectPtr conn);
int virInterfaceChangeBegin(virConnectPtr conn, unsigned int flags);
int virInterfaceChangeCommit(virConnectPtr conn, unsigned int flags);
int virInterfaceChangeRollback(virConnectPtr conn, unsigned int flags);
int virInterfaceCreate(virInterfacePtr iface, unsigned int flags);
virInterfacePtr virInterfaceDefineXML(virConnectPtr conn, const char *xml, unsigned int flags);
int virInterfaceDestroy(virInterfacePtr iface, unsigned int flags);
int virInterfaceFree(virInterfacePtr iface);
virConnectPtr virInterfaceGetConnect(virInterfacePtr iface);
const char *virInterfaceGetMACString(virInterfacePtr iface);
const char *virInterfaceGetName(virInterfacePtr iface);
char *virInterfaceGetXMLDesc(virInterfacePtr iface, unsigned int flags);
int virInterfaceIsActive(virInterfacePtr iface);
virInterfacePtr virInterfaceLookupByMACString(virConnectPtr conn, const char *macstr);
virInterfacePtr virInterfaceLookupByName(virConnectPtr conn, const char *name);
int virInterfaceRef(virInterfacePtr iface);
int virInterfaceUndefine(virInterfacePtr iface);

# ifdef __cplusplus
}
# endif

#endif
