#!/bin/sh
# Configure (once) and build modvirt in ./build with warnings as errors.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${MODVIRT_BUILD:-$top/build}
if [ ! -f "$build/build.ninja" ]; then
    meson setup "$build" "$top" -Dwerror=true
fi
ninja -C "$build"
