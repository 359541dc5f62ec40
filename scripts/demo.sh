#!/bin/sh
# Quick-start demo: install what is missing, build, then run virtsecretd in a
# private temporary prefix and drive it with our virsh and with Debian's stock
# virsh. Everything it starts is stopped by PID; the prefix is removed.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/scripts/install-deps.sh"
"$top/scripts/build.sh"
build=${MODVIRT_BUILD:-$top/build}

root=$(mktemp -d /tmp/modvirt-demo.XXXXXX)
pid=""
cleanup() {
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill "$pid"
        wait "$pid" 2>/dev/null || true
    fi
    rm -rf "$root"
}
trap cleanup EXIT INT TERM

export MODVIRT_ROOT="$root"
sock="$root/run/libvirt/virtsecretd-sock"
ours="$build/tools/virsh"
step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }

step "virtsecretd --timeout 60   (MODVIRT_ROOT=$root)"
"$build/daemons/virtsecretd/virtsecretd" --timeout 60 &
pid=$!
i=0
while [ ! -S "$sock" ]; do
    i=$((i + 1))
    [ $i -lt 100 ] || { echo "demo: virtsecretd did not create $sock" >&2; exit 1; }
    sleep 0.05
done

cat > "$root/secret.xml" <<'EOF'
<secret ephemeral='no' private='no'>
  <description>demo volume passphrase</description>
  <usage type='volume'>
    <volume>/var/lib/libvirt/images/demo.img</volume>
  </usage>
</secret>
EOF

step "virsh -c secret:///system secret-define secret.xml        (our virsh)"
out=$("$ours" -c secret:///system secret-define "$root/secret.xml")
echo "$out"
uuid=$(echo "$out" | awk '/^Secret /{print $2}')

step "virsh -c secret:///system secret-set-value $uuid --base64 ...        (our virsh)"
"$ours" -c secret:///system secret-set-value "$uuid" --base64 "$(printf 'correct horse' | base64)"
step "virsh -c secret:///system secret-get-value $uuid --plain        (our virsh)"
"$ours" -c secret:///system secret-get-value "$uuid" --plain

stock_uri="secret:///system?socket=$sock"
step "/usr/bin/virsh -c '$stock_uri' secret-list        (Debian's virsh)"
/usr/bin/virsh -c "$stock_uri" secret-list
step "/usr/bin/virsh ... secret-set-value $uuid --base64 ...        (Debian's virsh)"
/usr/bin/virsh -c "$stock_uri" secret-set-value "$uuid" --base64 "$(printf 'battery staple' | base64)"
step "/usr/bin/virsh ... secret-get-value $uuid        (Debian's virsh)"
/usr/bin/virsh -c "$stock_uri" secret-get-value "$uuid" | base64 -d; echo
step "/usr/bin/virsh ... secret-dumpxml $uuid        (Debian's virsh)"
/usr/bin/virsh -c "$stock_uri" secret-dumpxml "$uuid"
step "/usr/bin/virsh ... secret-undefine $uuid        (Debian's virsh)"
/usr/bin/virsh -c "$stock_uri" secret-undefine "$uuid"
step "virsh -c secret:///system secret-list        (our virsh)"
"$ours" -c secret:///system secret-list

step "stopping virtsecretd (pid $pid)"
kill "$pid"
wait "$pid" 2>/dev/null || true
pid=""
echo "demo: done"
