#!/usr/bin/python3
"""Streams through our remote driver, against Debian's libvirtd.

Starts Debian's stock libvirtd privately (tests/lib/debian-libvirtd.sh) with
its storage driver and a directory pool inside the test's own directory,
then moves volume data through our libvirt.so.0 (python3-libvirt with
LD_LIBRARY_PATH): blocking upload and download, a non-blocking download
driven by stream event callbacks from the default event loop, an aborted
upload, a daemon error in the middle of a stream, and our virsh's
vol-upload/vol-download. Debian's own virsh reads back what ours wrote.

Run with LD_LIBRARY_PATH pointing at the build's api/ directory,
MODVIRT_SRCDIR and MODVIRT_BUILDDIR set. Exits 77 (skipped) when not root
or libvirtd is absent.
"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.environ.get("MODVIRT_SRCDIR", ""), "tests", "lib"))
from debian_libvirtd import SKIP, check, debian_libvirtd, import_libvirt_or_skip  # noqa: E402


def main():
    libvirt = import_libvirt_or_skip()
    if not libvirt:
        return SKIP
    with debian_libvirtd("storage", "mv-streams-deb-") as (sock, work):
        return run(libvirt, sock, work)


def chunks(data, size):
    return [data[i:i + size] for i in range(0, len(data), size)]


def run(libvirt, sock, work):
    libvirt.registerErrorHandler(lambda ctx, err: None, None)
    libvirt.virEventRegisterDefaultImpl()
    uri = "storage:///system?socket=" + sock
    conn = libvirt.open(uri)
    pooldir = os.path.join(work, "pool")
    os.mkdir(pooldir)
    pool = conn.storagePoolCreateXML(
        "<pool type='dir'><name>streams</name><target><path>%s</path></target></pool>"
        % pooldir, 0)
    vol = pool.createXML("<volume><name>v.img</name><capacity>4194304</capacity>"
                         "<target><format type='raw'/></target></volume>", 0)
    payload = os.urandom(3 * 1000 * 1000 + 7)     # several 256 KiB frames, odd tail

    st = conn.newStream(0)
    vol.upload(st, 0, len(payload), 0)
    st.sendAll(lambda s, n, todo: todo.pop(0) if todo else b"", chunks(payload, 100000))
    st.finish()
    with open(os.path.join(pooldir, "v.img"), "rb") as f:
        check(f.read(len(payload)) == payload, "blocking upload lands in the volume file")

    st = conn.newStream(0)
    vol.download(st, 0, len(payload), 0)
    got = []
    st.recvAll(lambda s, d, acc: acc.append(d) or len(d), got)
    st.finish()
    check(b"".join(got) == payload, "blocking download returns the same bytes")

    st = conn.newStream(libvirt.VIR_STREAM_NONBLOCK)
    vol.download(st, 1000, 500000, 0)
    state = {"data": [], "done": False, "would_block": 0}

    def on_readable(s, events, opaque):
        while True:
            d = s.recv(65536)
            if d == -2:
                state["would_block"] += 1
                return
            if not d:
                s.eventRemoveCallback()
                s.finish()
                state["done"] = True
                return
            state["data"].append(d)

    st.eventAddCallback(libvirt.VIR_STREAM_EVENT_READABLE, on_readable, None)
    for _ in range(10000):
        if state["done"]:
            break
        libvirt.virEventRunDefaultImpl()
    check(state["done"] and b"".join(state["data"]) == payload[1000:501000],
          "non-blocking download through event callbacks (%d would-block reads)"
          % state["would_block"])

    st = conn.newStream(0)
    vol.upload(st, 0, 0, 0)
    st.send(b"x" * 1000)
    st.abort()
    check(True, "aborted upload returns")
    pool.refresh(0)

    # the daemon fails the stream: more data than the upload's length
    st = conn.newStream(0)
    vol.upload(st, 0, 10, 0)
    err = None
    try:
        for _ in range(5):
            st.send(b"z" * 100000)
        st.finish()
    except libvirt.libvirtError as e:
        err = (e.get_error_code(), e.get_error_domain(), e.get_error_message())
    check(err is not None and err[1] == libvirt.VIR_FROM_STREAMS,
          "the daemon's stream error reaches the caller: %s" % (err,))
    check(conn.isAlive() == 1, "the connection survives a failed stream")

    ours = os.path.join(os.environ["MODVIRT_BUILDDIR"], "tools", "virsh", "virsh")
    if not os.path.exists(ours):
        ours = os.path.join(os.environ["MODVIRT_BUILDDIR"], "tools", "virsh")
    up = os.path.join(work, "up.bin")
    down = os.path.join(work, "down.bin")
    with open(up, "wb") as f:
        f.write(os.urandom(700000))
    env = dict(os.environ)
    subprocess.run([ours, "-c", uri, "vol-upload", "--pool", "streams", "v.img", up],
                   env=env, check=True, capture_output=True)
    subprocess.run([ours, "-c", uri, "vol-download", "--pool", "streams", "v.img", down,
                    "--length", "700000"], env=env, check=True, capture_output=True)
    with open(up, "rb") as a, open(down, "rb") as b:
        check(a.read() == b.read(), "our virsh vol-upload / vol-download round trip")
    stock = dict(os.environ)
    stock.pop("LD_LIBRARY_PATH", None)
    down2 = os.path.join(work, "down2.bin")
    subprocess.run(["/usr/bin/virsh", "-c", uri, "vol-download", "--pool", "streams",
                    "v.img", down2, "--length", "700000"], env=stock, check=True,
                   capture_output=True)
    with open(up, "rb") as a, open(down2, "rb") as b:
        check(a.read() == b.read(), "Debian's virsh reads what our library wrote")
    conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
