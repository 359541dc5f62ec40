/*
 * groups.c: the list of command groups, in the order 'help' shows them.
 *
 * Adding an object family: write cmd-<family>.c defining a VshCmdGroup, declare it
 * in virsh.h, add it below at its place in libvirt's group order (domain, monitor,
 * events, host, checkpoint, interface, filter, network, nodedev, secret, snapshot,
 * backup, pool, volume, virsh), and list the file in tools/meson.build.
 */
#include "tools/virsh/virsh.h"

const VshCmdGroup *const vsh_groups[] = {
    &vsh_group_domain,
    &vsh_group_monitor,
    &vsh_group_events,
    &vsh_group_host,
    &vsh_group_checkpoint,
    &vsh_group_interface,
    &vsh_group_filter,
    &vsh_group_network,
    &vsh_group_nodedev,
    &vsh_group_secret,
    &vsh_group_snapshot,
    &vsh_group_backup,
    &vsh_group_pool,
    &vsh_group_volume,
    &vsh_group_virsh,
    NULL,
};
