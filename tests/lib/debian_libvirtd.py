"""Shared by the python interop tests that drive Debian's stock libvirtd with
our libvirt.so.0: the ok/FAIL printer, the skip rules, and a private
libvirtd (tests/lib/debian-libvirtd.sh) for the length of a with block."""
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile

SKIP = 77


def check(cond, what):
    """Print "ok   what", or "FAIL: what" and exit 1."""
    if not cond:
        print("FAIL: %s" % what)
        sys.exit(1)
    print("ok   %s" % what)


def import_libvirt_or_skip(*needed_paths):
    """python3-libvirt, or None after printing why the test is skipped (not
    root, no libvirtd, or a path in @needed_paths missing)."""
    missing = [p for p in ("/usr/sbin/libvirtd",) + needed_paths if not os.path.exists(p)]
    if os.getuid() != 0 or missing:
        print("needs root and %s" % ", ".join(("/usr/sbin/libvirtd",) + needed_paths))
        return None
    try:
        import libvirt
    except ImportError:
        print("python3-libvirt is not installed")
        return None
    return libvirt


@contextlib.contextmanager
def debian_libvirtd(drivers, prefix):
    """Debian's libvirtd with the connection drivers @drivers loaded, in a
    private directory; yields (rw socket path, directory). Stopped and
    removed afterwards, whatever happened."""
    helper = os.path.join(os.environ["MODVIRT_SRCDIR"], "tests", "lib", "debian-libvirtd.sh")
    work = tempfile.mkdtemp(prefix=prefix)
    state = os.path.join(work, "deb")
    env = dict(os.environ, DRIVERS=drivers)
    env.pop("LD_LIBRARY_PATH", None)
    try:
        sock = subprocess.run([helper, "start", state], env=env, check=True,
                              capture_output=True, text=True).stdout.strip()
        yield sock, work
    finally:
        subprocess.run([helper, "stop", state], env=env, capture_output=True)
        shutil.rmtree(work, ignore_errors=True)
