/* common/conf/domain/controller.h: <controller> (buses the other devices
 * attach to) and <lease> (lock manager leases). */
#pragma once

#include <stdbool.h>
#include <glib.h>

#include "common/conf/xmlmap.h"
#include "common/conf/domain/devices.h"
#include "common/conf/domain/address.h"

typedef enum {
    CONTROLLER_IDE,
    CONTROLLER_FDC,
    CONTROLLER_SCSI,
    CONTROLLER_SATA,
    CONTROLLER_VIRTIO_SERIAL,
    CONTROLLER_CCID,
    CONTROLLER_USB,
    CONTROLLER_PCI,
    CONTROLLER_XENBUS,
    CONTROLLER_ISA,
    CONTROLLER_LAST
} ControllerType;
ENUM_STRINGS_DECL(controller_type);

struct DomainController {
    int type;                   /* ControllerType */
    unsigned int index;
    bool has_index;
    int model;                  /* per-type model table; 0 = not given */
    unsigned int ports;         /* usb, virtio-serial */
    bool has_ports;
    unsigned int vectors;       /* virtio-serial */
    bool has_vectors;
    unsigned int max_grant_frames;      /* xenbus */
    unsigned int max_event_channels;    /* xenbus */
    char *model_name;           /* pci: <model name=> */
    /* pci: <target> */
    unsigned int chassis_nr, chassis, port, bus_nr, target_index;
    bool has_chassis_nr, has_chassis, has_port, has_bus_nr, has_target_index;
    int hotplug;                /* XML_TRISTATE_* (on/off) */
    unsigned int numa_node;
    bool has_numa_node;
    unsigned long long pcihole64;       /* KiB */
    bool has_pcihole64;
    /* <driver> */
    unsigned int queues, cmd_per_lun, max_sectors, iothread;
    int ioeventfd;              /* XML_TRISTATE_* (on/off) */
    DomainVirtioOpts virtio;
    DomainDeviceInfo info;
};

extern const XmlSchema domain_controller_schema;

struct DomainLease {
    char *lockspace;
    char *key;
    char *path;
    unsigned long long offset;
};

extern const XmlSchema domain_lease_schema;
