#!/usr/bin/python3
"""Load our libvirt.so.0 into Debian's python3-libvirt and check it is ours.

Run with LD_LIBRARY_PATH pointing at the build's api/ directory. Fails when
python3-libvirt is missing or when the library that got loaded
is not the one from that directory.
"""
import os
import sys

try:
    import libvirt
except ImportError:
    print("python3-libvirt is not installed (scripts/install-deps.sh installs it)")
    sys.exit(1)

want = os.path.realpath(os.path.join(os.environ["LD_LIBRARY_PATH"].split(":")[0], "libvirt.so.0"))
with open("/proc/self/maps") as maps:
    loaded = {os.path.realpath(line.split()[-1]) for line in maps if "libvirt.so.0" in line}
if loaded != {want}:
    print("loaded %s, expected %s" % (sorted(loaded), want))
    sys.exit(1)

print(libvirt.getVersion())
if libvirt.getVersion() != 9000000:
    sys.exit(1)

# An error path through our library: no daemon behind this socket.
libvirt.registerErrorHandler(lambda ctx, err: None, None)
try:
    libvirt.open("secret:///system?socket=/nonexistent/modvirt-smoke-sock")
    sys.exit(1)
except libvirt.libvirtError as e:
    if e.get_error_code() != libvirt.VIR_ERR_SYSTEM_ERROR or "modvirt-smoke-sock" not in str(e):
        print("unexpected error: %s" % e)
        sys.exit(1)
sys.exit(0)
