#!/bin/sh
# bench/rpc.sh: RPC throughput and latency of our virtsecretd next to
# Debian's libvirtd (secret driver), in one run, on the same machine.
#
#   bench/rpc.sh [SECONDS]        (root; build first with scripts/build.sh)
#
# Rows: client library x daemon. Each workload runs with 1 and 4 clients
# (one connection per client thread). Prints a table; never a test.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${MODVIRT_BUILD:-$top/build}
secs=${1:-3}
bench="$build/bench/rpc-bench"
ourlib="$build/api"
debianlib=/usr/lib/$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || echo x86_64-linux-gnu)

[ -x "$bench" ] || { echo "rpc.sh: build first ($bench missing)" >&2; exit 1; }
work=$(mktemp -d /tmp/modvirt-bench.XXXXXX)
ourpid=""
cleanup() {
    [ -n "$ourpid" ] && kill "$ourpid" 2>/dev/null && wait "$ourpid" 2>/dev/null
    "$top/tests/lib/debian-libvirtd.sh" stop "$work/debian" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

# our daemon, private prefix
MODVIRT_ROOT="$work/ours" "$build/daemons/virtsecretd/virtsecretd" &
ourpid=$!
oursock="$work/ours/run/libvirt/virtsecretd-sock"
i=0
until [ -S "$oursock" ]; do
    i=$((i + 1)); [ $i -lt 200 ] || { echo "rpc.sh: virtsecretd did not start" >&2; exit 1; }
    sleep 0.025
done

# Debian's libvirtd (secret driver only), private namespace
debsock=$("$top/tests/lib/debian-libvirtd.sh" start "$work/debian")

run() {  # label libdir socket
    LD_LIBRARY_PATH="$2" "$bench" "secret:///system?socket=$3" "$secs" "$4" |
        sed "s|^|$(printf '%-26s' "$1")|"
}

printf '%-26s%-32s %7s %12s %9s %9s\n' "library -> daemon" "workload" "clients" \
    "calls/s" "p50 us" "p99 us"
for n in 1 4; do
    run "ours -> virtsecretd" "$ourlib" "$oursock" $n
    run "Debian -> libvirtd" "$debianlib" "$debsock" $n
    run "Debian -> virtsecretd" "$debianlib" "$oursock" $n
done
echo
printf 'idle RSS: virtsecretd %s kB, libvirtd %s kB\n' \
    "$(awk '/VmRSS/{print $2}' /proc/$ourpid/status)" \
    "$(awk '/VmRSS/{print $2}' /proc/"$(cat "$work/debian/libvirtd.pid.ns")"/status 2>/dev/null || echo '?')"
