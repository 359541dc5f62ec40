#!/usr/bin/python3
"""A real QEMU guest through our remote driver, against Debian's libvirtd.

Starts Debian's stock libvirtd privately (tests/lib/debian-libvirtd.sh)
with its QEMU driver, then through our libvirt.so.0 (python3-libvirt with
LD_LIBRARY_PATH) starts a small TCG guest with no disk whose firmware
prints to the serial console, reads that console through a non-blocking
stream driven by event callbacks (virDomainOpenConsole) until SeaBIOS
shows, takes a screenshot of its VGA display through a stream, and
destroys it.

Run with LD_LIBRARY_PATH pointing at the build's api/ directory and
MODVIRT_SRCDIR set. Exits 77 (skipped) when not root, or libvirtd, its QEMU
driver or qemu-system-x86_64 is absent.
"""
import os
import sys
import time

sys.path.insert(0, os.path.join(os.environ.get("MODVIRT_SRCDIR", ""), "tests", "lib"))
from debian_libvirtd import SKIP, check, debian_libvirtd, import_libvirt_or_skip  # noqa: E402

QEMU_DRIVER = "/usr/lib/x86_64-linux-gnu/libvirt/connection-driver/libvirt_driver_qemu.so"

GUEST = """<domain type='qemu'>
  <name>mv-console</name>
  <memory unit='MiB'>64</memory>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
    <bios useserial='yes'/>
  </os>
  <devices>
    <serial type='pty'/>
    <console type='pty'/>
    <graphics type='vnc' autoport='yes' listen='127.0.0.1'/>
    <video><model type='vga'/></video>
  </devices>
</domain>"""


def main():
    libvirt = import_libvirt_or_skip(QEMU_DRIVER, "/usr/bin/qemu-system-x86_64")
    if not libvirt:
        return SKIP
    with debian_libvirtd("qemu", "mv-qemu-deb-") as (sock, _):
        conn = libvirt.open("qemu:///system?socket=" + sock)
        libvirt.registerErrorHandler(lambda ctx, err: None, None)
        libvirt.virEventRegisterDefaultImpl()
        dom = conn.createXML(GUEST, 0)
        try:
            check(dom.isActive() == 1, "TCG guest started by Debian's QEMU driver")
            run(libvirt, conn, dom)
        finally:
            dom.destroy()
    return 0


def run(libvirt, conn, dom):
    st = conn.newStream(libvirt.VIR_STREAM_NONBLOCK)
    dom.openConsole(None, st, 0)
    seen = bytearray()

    def on_readable(s, events, opaque):
        while True:
            d = s.recv(4096)
            if not isinstance(d, bytes) or not d:
                return
            seen.extend(d)

    st.eventAddCallback(libvirt.VIR_STREAM_EVENT_READABLE, on_readable, None)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and b"SeaBIOS" not in seen:
        libvirt.virEventRunDefaultImpl()
    st.eventRemoveCallback()
    st.abort()
    check(b"SeaBIOS" in seen, "serial console stream shows the firmware (%d bytes)" % len(seen))

    shot = conn.newStream(0)
    mime = dom.screenshot(shot, 0, 0)
    img = []
    shot.recvAll(lambda s, data, acc: acc.append(data) or len(data), img)
    shot.finish()
    img = b"".join(img)
    check(mime in ("image/png", "image/x-portable-pixmap") and len(img) > 100,
          "screenshot stream: %s, %d bytes" % (mime, len(img)))


if __name__ == "__main__":
    sys.exit(main())
