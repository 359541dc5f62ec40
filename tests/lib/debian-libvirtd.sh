#!/bin/sh
# Run Debian's stock libvirtd privately, as a reference daemon for interop tests and
# benchmarks. Everything it writes stays under DIR; the host's /etc, /var and /run are
# only ever changed inside a private mount namespace:
#   /run             -> a fresh tmpfs, with DIR/run bind-mounted as /run/libvirt
#   /etc, /var       -> overlays whose upper layers are DIR/etc-upper, DIR/var-upper
# The sockets are therefore reachable from outside as DIR/run/libvirt-sock[-ro].
#
# usage: debian-libvirtd.sh start DIR    start; print the rw socket path on stdout
#        debian-libvirtd.sh stop DIR     stop the daemon started on DIR (by its pid)
#        debian-libvirtd.sh uri DIR [DRIVER]
#                                        print "DRIVER:///system?socket=..." (default secret)
# env:   DRIVERS="secret ..."   connection-driver modules to load (default: secret);
#                              with qemu, guests run as root, unconfined (see below)
#        LIBVIRTD=/usr/sbin/libvirtd
#        LIBVIRTD_TIMEOUT=10    seconds to wait for the socket
# State (secrets, values) survives stop/start on the same DIR.
set -eu

die() { echo "debian-libvirtd.sh: $*" >&2; exit 1; }

[ $# -ge 2 ] || die "usage: $0 start|stop|uri DIR"
action=$1
dir=$2
LIBVIRTD=${LIBVIRTD:-/usr/sbin/libvirtd}
DRIVERS=${DRIVERS:-secret}
moddir=/usr/lib/$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || echo x86_64-linux-gnu)/libvirt/connection-driver

case $action in
start)
    [ "$(id -u)" = 0 ] || die "must run as root (needs a private mount namespace)"
    [ -x "$LIBVIRTD" ] || die "$LIBVIRTD not found (apt-get install libvirt-daemon)"
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    if [ -f "$dir/libvirtd.pid.ns" ] && kill -0 "$(cat "$dir/libvirtd.pid.ns")" 2>/dev/null; then
        die "a daemon already runs on $dir (pid $(cat "$dir/libvirtd.pid.ns"))"
    fi
    mkdir -p "$dir/run" "$dir/drivers" "$dir/etc-upper" "$dir/etc-work" \
             "$dir/var-upper" "$dir/var-work"
    rm -f "$dir/drivers/"*.so "$dir/run/"*-sock*
    for d in $DRIVERS; do
        [ -e "$moddir/libvirt_driver_$d.so" ] || die "no driver module '$d' in $moddir"
        ln -s "$moddir/libvirt_driver_$d.so" "$dir/drivers/"
    done
    case " $DRIVERS " in
    *" qemu "*)
        # QEMU guests run as root without cgroups, namespaces, security
        # drivers or virtlogd; the driver insists its default user exists,
        # so the private /etc gets one (the host's files are untouched).
        mkdir -p "$dir/etc-upper/libvirt"
        cat > "$dir/etc-upper/libvirt/qemu.conf" <<QCONF
user = "root"
group = "root"
dynamic_ownership = 0
remember_owner = 0
security_driver = "none"
cgroup_controllers = [ ]
namespaces = [ ]
stdio_handler = "file"
QCONF
        if ! getent passwd libvirt-qemu >/dev/null; then
            cp /etc/passwd /etc/group "$dir/etc-upper/"
            echo "libvirt-qemu:x:64055:64055:libvirt qemu:/var/lib/libvirt:/usr/sbin/nologin" \
                >> "$dir/etc-upper/passwd"
            echo "libvirt-qemu:x:64055:" >> "$dir/etc-upper/group"
        fi
        ;;
    esac
    cat > "$dir/libvirtd.conf" <<CONF
auth_unix_ro = "none"
auth_unix_rw = "none"
unix_sock_ro_perms = "0777"
unix_sock_rw_perms = "0770"
max_clients = 5000
max_workers = 20
max_client_requests = 50
CONF
    # unshare execs sh, which execs libvirtd: $! is libvirtd's pid.
    LIBVIRT_DRIVER_DIR="$dir/drivers" setsid unshare --mount --propagation private sh -c '
        set -e
        d=$1; shift
        mount -t overlay overlay -o lowerdir=/etc,upperdir=$d/etc-upper,workdir=$d/etc-work /etc
        mount -t overlay overlay -o lowerdir=/var,upperdir=$d/var-upper,workdir=$d/var-work /var
        mount -t tmpfs -o mode=0755 tmpfs /run
        mkdir -p /run/libvirt /run/lock /etc/libvirt
        mount --bind "$d/run" /run/libvirt
        exec "$@"
    ' sh "$dir" "$LIBVIRTD" -f "$dir/libvirtd.conf" -p /run/libvirtd.pid \
        </dev/null >"$dir/libvirtd.log" 2>&1 &
    pid=$!
    echo "$pid" > "$dir/libvirtd.pid.ns"
    tries=$(( ${LIBVIRTD_TIMEOUT:-10} * 20 ))
    while [ ! -S "$dir/run/libvirt-sock" ]; do
        if ! kill -0 "$pid" 2>/dev/null; then
            cat "$dir/libvirtd.log" >&2
            die "libvirtd exited before creating its socket"
        fi
        tries=$((tries - 1))
        [ $tries -gt 0 ] || { kill "$pid"; die "timed out waiting for $dir/run/libvirt-sock"; }
        sleep 0.05
    done
    echo "$dir/run/libvirt-sock"
    ;;
stop)
    [ -f "$dir/libvirtd.pid.ns" ] || exit 0
    pid=$(cat "$dir/libvirtd.pid.ns")
    # only our own process: check it is still libvirtd before signalling
    if [ "$(readlink "/proc/$pid/exe" 2>/dev/null)" = "$(readlink -f "$LIBVIRTD")" ]; then
        kill -TERM "$pid" 2>/dev/null || true
        i=0
        while kill -0 "$pid" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$dir/libvirtd.pid.ns"
    ;;
uri)
    dir=$(cd "$dir" && pwd)
    echo "${3:-secret}:///system?socket=$dir/run/libvirt-sock"
    ;;
*)
    die "unknown action '$action'"
    ;;
esac
