/* api/stub-shim-ext.h: force-included when compiling the generated stubs of
 * libvirt-qemu.so, libvirt-lxc.so and libvirt-admin.so. Those libraries have
 * no error state of their own: errors are recorded and dispatched inside
 * libvirt.so (virResetLastError, and api_stub_report_full exported in its
 * private version node), so virGetLastError() sees them. */
#pragma once

#define err_reset_last virResetLastError
#define err_report_full api_stub_report_full
