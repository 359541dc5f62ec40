#!/bin/sh
# Install the Debian 12 packages modvirt needs to build, test and demo.
# Idempotent: only missing packages are installed (needs root and Debian's apt).
set -eu

PKGS="
gcc meson ninja-build pkg-config python3 rpcsvc-proto
libglib2.0-dev libxml2-dev libxml2-utils libjson-c-dev libtirpc-dev
libsystemd-dev libnl-3-dev libnl-route-3-dev libpciaccess-dev nettle-dev
libcmocka-dev libreadline-dev
libvirt-clients python3-libvirt libvirt-dev libvirt-daemon
libvirt-daemon-driver-qemu qemu-system-x86
"

missing=""
for p in $PKGS; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing="$missing $p"
    fi
done

if [ -n "$missing" ]; then
    if [ "$(id -u)" != 0 ]; then
        echo "install-deps: missing packages:$missing (run as root)" >&2
        exit 1
    fi
    echo "install-deps: installing$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q || echo "install-deps: apt-get update failed; trying the cached lists" >&2
    # shellcheck disable=SC2086
    apt-get install -y -q --no-install-recommends $missing
fi
