/* api/drivers.c: the connection drivers compiled into libvirt.so, in the
 * order virConnectOpen tries them, and the open/close sequence that binds
 * a connection to one of them (api/driver.h). The list comes from meson
 * (drivers-list.h): in-process drivers first (the test driver when
 * api/test/ is built), the remote driver last. */
#include "config.h"

#define ERR_DOMAIN VIR_FROM_NONE
#include "api/driver.h"
#include "api/drivers-list.h"
#include "common/util/err.h"
#include "common/util/log.h"

static const ApiDriverRegistration *const api_registrations[] = {
    API_DRIVER_REGISTRATIONS
    NULL,
};

/**
 * api_driver_registrations() - the registrations, NULL-terminated, in open
 * order
 */
const ApiDriverRegistration *const *
api_driver_registrations(void)
{
    return api_registrations;
}

/* Open hooks and close hooks of the secondary families, by class. */
typedef struct {
    ApiDrvOpenFunc open;
    ApiDrvCloseFunc close;
    const char *name;
} ApiFamilyHooks;

static bool
api_family_hooks(const ApiDriverRegistration *reg, ApiDriverClass cls, ApiFamilyHooks *ret)
{
#define HOOKS(drv) \
    do { \
        if (!(drv)) \
            return false; \
        *ret = (ApiFamilyHooks) { (drv)->open, (drv)->close, (drv)->name }; \
        return true; \
    } while (0)

    switch (cls) {
    case API_DRV_HYPERVISOR:
        HOOKS(reg->hypervisor);
    case API_DRV_NETWORK:
        HOOKS(reg->network);
    case API_DRV_STORAGE:
        HOOKS(reg->storage);
    case API_DRV_NODEDEV:
        HOOKS(reg->nodedev);
    case API_DRV_SECRET:
        HOOKS(reg->secret);
    case API_DRV_INTERFACE:
        HOOKS(reg->iface);
    case API_DRV_NWFILTER:
        HOOKS(reg->nwfilter);
    case API_DRV_LAST:
        break;
    }
    return false;
#undef HOOKS
}

static void
api_attach_families(virConnectPtr conn, const ApiDriverRegistration *reg)
{
    conn->hypervisor_driver = reg->hypervisor;
    conn->network_driver = reg->network;
    conn->storage_driver = reg->storage;
    conn->nodedev_driver = reg->nodedev;
    conn->secret_driver = reg->secret;
    conn->interface_driver = reg->iface;
    conn->nwfilter_driver = reg->nwfilter;
}

static bool
api_scheme_matches(const ApiDriverRegistration *reg, const ApiUri *uri)
{
    g_autofree char *driver = NULL;
    g_autofree char *transport = NULL;

    if (!reg->schemes)
        return true;
    if (!uri || !uri->scheme)
        return false;
    api_uri_split_scheme(uri->scheme, &driver, &transport);
    for (size_t i = 0; reg->schemes[i]; i++) {
        if (g_ascii_strcasecmp(driver, reg->schemes[i]) == 0)
            return true;
    }
    return false;
}

/* Close families [0, @upto) of @conn's registration (reverse order). */
static void
api_close_families(virConnectPtr conn, const ApiDriverRegistration *reg, int upto)
{
    g_autoptr(virError) saved = err_save_last();

    for (int cls = upto - 1; cls >= 0; cls--) {
        ApiFamilyHooks h;

        if (!api_family_hooks(reg, cls, &h) || !h.close)
            continue;
        if (cls != API_DRV_HYPERVISOR && h.open == NULL)
            continue;              /* shares the hypervisor driver's state */
        if (h.close(conn) < 0)
            log_debug("closing the %s driver failed: %s", h.name ? h.name : "?",
                      err_last_message());
    }
    err_reset_last();
    err_restore_last(&saved);
}

/* Run the open hooks of @reg: hypervisor first, then secondary families
 * that have one. Return: an ApiOpenResult. */
static int
api_open_registration(virConnectPtr conn, const ApiDriverRegistration *reg, ApiUri *uri,
                      virConnectAuthPtr auth, unsigned int flags)
{
    int r;

    api_attach_families(conn, reg);
    r = reg->hypervisor->open(conn, uri, auth, flags);
    if (r != API_OPEN_SUCCESS) {
        api_attach_families(conn, &(ApiDriverRegistration) { 0 });
        if (r == API_OPEN_ERROR && !err_has_last())
            err_report(VIR_ERR_INTERNAL_ERROR, "the %s driver failed to open", reg->name);
        return r == API_OPEN_DECLINED ? API_OPEN_DECLINED : API_OPEN_ERROR;
    }
    for (int cls = API_DRV_HYPERVISOR + 1; cls < API_DRV_LAST; cls++) {
        ApiFamilyHooks h;

        if (!api_family_hooks(reg, cls, &h) || !h.open)
            continue;
        r = h.open(conn, uri, auth, flags);
        if (r == API_OPEN_SUCCESS)
            continue;
        if (r == API_OPEN_DECLINED)
            err_report(VIR_ERR_INTERNAL_ERROR,
                       "the %s driver declined a family of a connection it opened",
                       reg->name);
        api_close_families(conn, reg, cls);
        api_attach_families(conn, &(ApiDriverRegistration) { 0 });
        return API_OPEN_ERROR;
    }
    return API_OPEN_SUCCESS;
}

/**
 * api_connect_open_drivers() - bind @conn to the first registration that
 * claims @uri
 * @uristr: the URI as given (for the error when nobody claims it)
 *
 * Return: 0, or -1 with an error reported.
 */
int
api_connect_open_drivers(virConnectPtr conn, ApiUri *uri, const char *uristr,
                         virConnectAuthPtr auth, unsigned int flags)
{
    for (size_t i = 0; api_registrations[i]; i++) {
        const ApiDriverRegistration *reg = api_registrations[i];
        int r;

        if (!api_scheme_matches(reg, uri))
            continue;
        if (reg->local_only && uri && uri->server)
            continue;
        log_debug("trying driver '%s' for '%s'", reg->name, uristr ? uristr : "(probe)");
        r = api_open_registration(conn, reg, uri, auth, flags);
        if (r == API_OPEN_SUCCESS) {
            conn->registration = reg;
            return 0;
        }
        if (r == API_OPEN_ERROR)
            return -1;
    }
    err_report(VIR_ERR_NO_CONNECT, "%s", uristr ? uristr : "the default URI");
    return -1;
}

/**
 * api_connect_close_drivers() - run the close hooks of @conn's drivers
 * (secondary families first, the hypervisor driver last); keeps the
 * caller's last error
 */
void
api_connect_close_drivers(virConnectPtr conn)
{
    const ApiDriverRegistration *reg = conn->registration;

    if (!reg)
        return;
    api_close_families(conn, reg, API_DRV_LAST);
    conn->registration = NULL;
}
