#!/bin/sh
# The whole test suite: install what is missing, build, run every meson test.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/scripts/install-deps.sh"
"$top/scripts/build.sh"
build=${MODVIRT_BUILD:-$top/build}
exec meson test -C "$build" --print-errorlogs --num-processes 2 "$@"
