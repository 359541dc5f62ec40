/* <libvirt/libvirt-secret.h>: secrets. */

#ifndef LIBVIRT_SECRET_H
# define LIBVIRT_SECRET_H

# ifndef __VIR_LIBVIRT_H_INCLUDES__
#  error "include <libvirt/libvirt.h> instead of this header"
# endif

# ifdef __cplusplus
extern "C" {
# endif

# define VIR_SECRET_EVENT_CALLBACK(cb) ((virConnectSecretEventGenericCallback)(cb))

typedef struct _virSecret virSecret;

typedef virSecret *virSecretPtr;

typedef enum {
    VIR_CONNECT_LIST_SECRETS_EPHEMERAL    = 1 << 0,
    VIR_CONNECT_LIST_SECRETS_NO_EPHEMERAL = 1 << 1,
    VIR_CONNECT_LIST_SECRETS_PRIVATE      = 1 << 2,
    VIR_CONNECT_LIST_SECRETS_NO_PRIVATE   = 1 << 3,
} virConnectListAllSecretsFlags;

typedef enum {
    VIR_SECRET_DEFINE_VALIDATE = 1 << 0,
} virSecretDefineFlags;

typedef enum {
    VIR_SECRET_EVENT_ID_LIFECYCLE     = 0,
    VIR_SECRET_EVENT_ID_VALUE_CHANGED = 1,
# ifdef VIR_ENUM_SENTINELS
    VIR_SECRET_EVENT_ID_LAST          = 2,
# endif
} virSecretEventID;

typedef enum {
    VIR_SECRET_EVENT_DEFINED   = 0,
    VIR_SECRET_EVENT_UNDEFINED = 1,
# ifdef VIR_ENUM_SENTINELS
    VIR_SECRET_EVENT_LAST      = 2,
# endif
} virSecretEventLifecycleType;

typedef enum {
    VIR_SECRET_USAGE_TYPE_NONE   = 0,
    VIR_SECRET_USAGE_TYPE_VOLUME = 1,
    VIR_SECRET_USAGE_TYPE_CEPH   = 2,
    VIR_SECRET_USAGE_TYPE_ISCSI  = 3,
    VIR_SECRET_USAGE_TYPE_TLS    = 4,
    VIR_SECRET_USAGE_TYPE_VTPM   = 5,
# ifdef VIR_ENUM_SENTINELS
    VIR_SECRET_USAGE_TYPE_LAST   = 6,
# endif
} virSecretUsageType;

typedef void (*virConnectSecretEventGenericCallback)(virConnectPtr conn,
                                                     virSecretPtr secret,
                                                     void *opaque);

typedef void (*virConnectSecretEventLifecycleCallback)(virConnectPtr conn,
                                                       virSecretPtr secret,
                                                       int event,
                                                       int detail,
                                                       void *opaque);

int virConnectListAllSecrets(virConnectPtr conn, virSecretPtr **secrets, unsigned int flags);
int virConnectListSecrets(virConnectPtr conn, char **uuids, int maxuuids);
int virConnectNumOfSecrets(virConnectPtr conn);
int virConnectSecretEventDeregisterAny(virConnectPtr conn, int callbackID);
int virConnectSecretEventRegisterAny(virConnectPtr conn,
                                     virSecretPtr secret,
                                     int eventID,
                                     virConnectSecretEventGenericCallback cb,
                                     void *opaque,
                                     virFreeCallback freecb);
virSecretPtr virSecretDefineXML(virConnectPtr conn, const char *xml, unsigned int flags);
int virSecretFree(virSecretPtr secret);
virConnectPtr virSecretGetConnect(virSecretPtr secret);
int virSecretGetUUID(virSecretPtr secret, unsigned char *uuid);
int virSecretGetUUIDString(virSecretPtr secret, char *buf);
const char *virSecretGetUsageID(virSecretPtr secret);
int virSecretGetUsageType(virSecretPtr secret);
unsigned char *virSecretGetValue(virSecretPtr secret, size_t *value_size, unsigned int flags);
char *virSecretGetXMLDesc(virSecretPtr secret, unsigned int flags);
virSecretPtr virSecretLookupByUUID(virConnectPtr conn, const unsigned char *uuid);
virSecretPtr virSecretLookupByUUIDString(virConnectPtr conn, const char *uuidstr);
virSecretPtr virSecretLookupByUsage(virConnectPtr conn, int usageType, const char *usageID);
int virSecretRef(virSecretPtr secret);
int virSecretSetValue(virSecretPtr secret,
                      const unsigned char *value,
                      size_t value_size,
                      unsigned int flags);
int virSecretUndefine(virSecretPtr secret);

# ifdef __cplusplus
}
# endif

#endif
