#!/usr/bin/python3
"""Socket-level tests of the shared daemon runtime, against testd.

Sends well-formed and malformed frames by hand and checks that the daemon
answers per protocol (ERROR replies) or closes only the offending
connection, while another client keeps being served. Also covers
keepalive, the idle --timeout exit, the pid-file lock and SIGTERM.
Usage: robustness.py PATH-TO-TESTD
"""
import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time

REMOTE, KEEPALIVE, ADMIN = 0x20008086, 0x6B656570, 0x06900690
CALL, REPLY, MESSAGE, CALL_WITH_FDS = 0, 1, 2, 4
OK, ERROR = 0, 1
P_OPEN, P_HOSTNAME, P_FEATURE, P_AUTH_LIST = 1, 59, 60, 66
NAME = "virtrpctestd"

FAILS = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what, flush=True)
    if not cond:
        FAILS.append(what)


def xdr_string(s):
    b = s.encode() if isinstance(s, str) else s
    return struct.pack(">I", len(b)) + b + b"\0" * ((4 - len(b) % 4) % 4)


def frame(prog, proc, serial, payload=b"", mtype=CALL, status=OK, vers=1):
    body = struct.pack(">IIiiIi", prog, vers, proc, mtype, serial, status) + payload
    return struct.pack(">I", len(body) + 4) + body


class Conn:
    def __init__(self, path):
        self.s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.s.settimeout(5)
        self.s.connect(path)
        self.serial = 0

    def send(self, data):
        self.s.sendall(data)

    def recv_exact(self, n):
        buf = b""
        while len(buf) < n:
            chunk = self.s.recv(n - len(buf))
            if not chunk:
                return None
            buf += chunk
        return buf

    def recv(self):
        """Next frame as (header tuple, payload), or None on EOF."""
        lw = self.recv_exact(4)
        if lw is None:
            return None
        (length,) = struct.unpack(">I", lw)
        rest = self.recv_exact(length - 4)
        if rest is None:
            return None
        return struct.unpack(">IIiiIi", rest[:24]), rest[24:]

    def recv_reply(self):
        """Skip keepalive traffic, return the next non-keepalive frame."""
        while True:
            f = self.recv()
            if f is None or f[0][0] != KEEPALIVE:
                return f

    def call(self, proc, payload=b"", prog=REMOTE):
        serial = self.serial
        self.serial += 1
        self.send(frame(prog, proc, serial, payload))
        f = self.recv_reply()
        return f

    def closed(self, timeout=5):
        self.s.settimeout(timeout)
        try:
            while True:
                data = self.s.recv(65536)
                if not data:
                    return True
        except (socket.timeout, ConnectionResetError):
            return False
        except OSError:
            return True

    def close(self):
        self.s.close()


def error_message(payload):
    code, domain, present = struct.unpack(">iiI", payload[:12])
    msg = ""
    if present:
        (n,) = struct.unpack(">I", payload[12:16])
        msg = payload[16:16 + n].decode()
    return code, domain, msg


def open_payload(uri):
    return struct.pack(">I", 1) + xdr_string(uri) + struct.pack(">I", 0)


class Daemon:
    def __init__(self, testd, root, extra=(), conf=""):
        self.root = root
        confpath = os.path.join(root, "testd.conf")
        with open(confpath, "w") as f:
            f.write(conf)
        env = dict(os.environ, MODVIRT_ROOT=root)
        self.p = subprocess.Popen([testd, "-f", confpath, *extra], env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        uid = os.geteuid()
        rundir = (os.path.join(root, "run", "libvirt") if uid == 0
                  else os.path.join(root, "user", str(uid), "run", "libvirt"))
        self.rw = os.path.join(rundir, NAME + "-sock")
        self.ro = os.path.join(rundir, NAME + "-sock-ro")

    def wait_ready(self):
        for _ in range(500):
            if os.path.exists(self.rw):
                return True
            if self.p.poll() is not None:
                return False
            time.sleep(0.01)
        return False

    def stop(self):
        if self.p.poll() is None:
            self.p.send_signal(signal.SIGTERM)
        try:
            return self.p.wait(10)
        except subprocess.TimeoutExpired:
            self.p.kill()
            return self.p.wait()


def uri():
    return "rpctest:///system" if os.geteuid() == 0 else "rpctest:///session"


def opened(path):
    c = Conn(path)
    f = c.call(P_AUTH_LIST)
    assert f and f[0][5] == OK, "AUTH_LIST failed"
    f = c.call(P_OPEN, open_payload(uri()))
    assert f and f[0][5] == OK, "CONNECT_OPEN failed"
    return c


def healthy(good):
    f = good.call(P_HOSTNAME)
    return f is not None and f[0][5] == OK


def test_malformed(d):
    good = opened(d.rw)

    def closes(data, what):
        c = Conn(d.rw)
        c.send(data)
        check(c.closed(), what + ": connection closed")
        c.close()
        check(healthy(good), what + ": other client still served")

    closes(struct.pack(">I", 3) + b"\0" * 40, "length word below 4")
    closes(struct.pack(">I", 20) + b"\0" * 16, "length word below header size")
    closes(struct.pack(">I", 32 * 1024 * 1024 + 5) + b"\0" * 64, "length word above 32 MiB + 4")
    closes(frame(REMOTE, P_AUTH_LIST, 0, struct.pack(">I", 40), mtype=CALL_WITH_FDS),
           "more than 32 fds announced")

    # truncated header, then the peer goes away
    c = Conn(d.rw)
    c.send(struct.pack(">I", 28) + b"\0" * 10)
    c.s.shutdown(socket.SHUT_WR)
    check(c.closed(), "truncated header then EOF: closed")
    c.close()
    check(healthy(good), "truncated header: other client still served")

    # protocol-level errors answered with ERROR replies on a surviving link
    c = Conn(d.rw)
    f = c.call(P_HOSTNAME)
    check(f and f[0][5] == ERROR and "connection not open" in error_message(f[1])[2],
          "call before open: ERROR 'connection not open'")
    f = c.call(1, prog=0x12345678)
    check(f and f[0][5] == ERROR and f[0][0] == 0x12345678 and
          error_message(f[1])[2] == "Cannot find program 305419896 version 1",
          "unknown program: ERROR 'Cannot find program'")
    f = c.call(9999)
    check(f and f[0][5] == ERROR and error_message(f[1])[2] == "unknown procedure: 9999",
          "unknown procedure: ERROR 'unknown procedure: 9999'")
    big = struct.pack(">I", 1) + xdr_string(b"x" * (4194304 + 8)) + struct.pack(">I", 0)
    f = c.call(P_OPEN, big)
    check(f and f[0][5] == ERROR and error_message(f[1])[0] == 39,
          "string over 4 MiB: ERROR reply (VIR_ERR_RPC)")
    lie = struct.pack(">II", 1, 0x7FFFFFF0) + b"abcd"
    f = c.call(P_OPEN, lie)
    check(f and f[0][5] == ERROR, "string length beyond the frame: ERROR reply")
    c.send(frame(REMOTE, P_HOSTNAME, 77, mtype=REPLY))
    f = c.call(P_AUTH_LIST)
    check(f and f[0][5] == OK and f[0][4] == c.serial - 1,
          "REPLY sent by a client is ignored; connection still served")
    f = c.call(P_OPEN, open_payload(uri()))
    check(f and f[0][5] == OK, "open after errors on the same connection")

    # pipelined calls beyond max_client_requests: all answered, serials echoed
    n = 40
    c.send(b"".join(frame(REMOTE, P_HOSTNAME, 1000 + i) for i in range(n)))
    serials = set()
    for _ in range(n):
        f = c.recv_reply()
        if f is None or f[0][5] != OK:
            break
        serials.add(f[0][4])
    check(serials == set(range(1000, 1000 + n)), "40 pipelined calls all answered")
    c.close()
    check(healthy(good), "daemon still serving after all malformed input")
    good.close()


def test_readonly(d):
    if not os.path.exists(d.ro):
        print("skip read-only socket (session mode)")
        return
    c = opened(d.ro)
    payload = b"\x11" * 16 + struct.pack(">i", 0) + xdr_string("u") + struct.pack(">II", 0, 0)
    f = c.call(144, payload)    # SECRET_SET_VALUE
    code, _, msg = error_message(f[1])
    check(f[0][5] == ERROR and code == 29 and
          msg == "operation forbidden: read only access prevents virSecretSetValue",
          "read-only socket denies SECRET_SET_VALUE")
    check(healthy(c), "read-only socket allows CONNECT_GET_HOSTNAME")
    c.close()


def test_keepalive(d):
    c = Conn(d.rw)
    c.call(P_AUTH_LIST)
    f = c.call(P_FEATURE, struct.pack(">i", 10))
    check(f and f[0][5] == OK and struct.unpack(">i", f[1])[0] == 1,
          "SUPPORTS_FEATURE(10) before open answers 1")
    # we ping: the daemon pongs
    c.send(frame(KEEPALIVE, 1, 0, mtype=MESSAGE))
    got_pong = got_ping = False
    deadline = time.time() + 3
    while time.time() < deadline and not (got_pong and got_ping):
        f = c.recv()
        if f is None:
            break
        h = f[0]
        if h[0] == KEEPALIVE and h[3] == MESSAGE:
            got_pong |= h[2] == 2
            if h[2] == 1:
                got_ping = True
                c.send(frame(KEEPALIVE, 2, 0, mtype=MESSAGE))
    check(got_pong, "PING answered with PONG")
    check(got_ping, "server sends PING after keepalive_interval")
    # now stay silent: interval 1 s, count 2 -> closed after about 3 s
    t0 = time.time()
    c.s.settimeout(8)
    closed = False
    try:
        while True:
            if not c.s.recv(4096):
                closed = True
                break
    except (socket.timeout, ConnectionResetError):
        closed = isinstance(sys.exc_info()[1], ConnectionResetError)
    check(closed and time.time() - t0 < 7, "silent peer closed by keepalive")
    c.close()


def test_lifecycle(testd, base):
    root = os.path.join(base, "life")
    os.makedirs(root)
    d = Daemon(testd, root)
    check(d.wait_ready(), "daemon starts")
    second = Daemon(testd, root)
    rc = second.p.wait(10)
    err = second.p.stderr.read().decode()
    check(rc != 0 and "pid file" in err, "second instance refused (pid file): " + err.strip())
    pidfile = os.path.join(root, "run", NAME + ".pid") if os.geteuid() == 0 else None
    rc = d.stop()
    check(rc == 0, "SIGTERM: clean exit (status %s)" % rc)
    check(not os.path.exists(d.rw), "SIGTERM: socket removed")
    if pidfile:
        check(not os.path.exists(pidfile), "SIGTERM: pid file removed")

    root = os.path.join(base, "idle")
    os.makedirs(root)
    d = Daemon(testd, root, extra=["--timeout", "2"])
    check(d.wait_ready(), "daemon with --timeout starts")
    c = opened(d.rw)
    time.sleep(3.5)
    check(d.p.poll() is None, "--timeout: stays while a client is connected")
    c.close()
    t0 = time.time()
    try:
        rc = d.p.wait(6)
    except subprocess.TimeoutExpired:
        rc = None
    check(rc == 0 and time.time() - t0 >= 1.5, "--timeout: exits 0 about 2 s after last client")
    d.stop()


STREAM, STREAM_HOLE = 3, 6
CONTINUE = 2
P_VOL_UPLOAD, P_VOL_DOWNLOAD = 208, 209


def vol_args(offset, length, flags):
    return (xdr_string("pool") + xdr_string("vol") + xdr_string("key") +
            struct.pack(">QQI", offset, length, flags))


def pattern(offset, n):
    return bytes((offset + i) & 0xFF for i in range(n))


def test_streams(testd, base):
    root = os.path.join(base, "streams")
    os.makedirs(root)
    conf = os.path.join(root, "s.conf")
    with open(conf, "w") as f:
        f.write("")
    env = dict(os.environ, MODVIRT_ROOT=root, TESTD_AS="storage")
    p = subprocess.Popen([testd, "-f", conf], env=env)
    uid = os.geteuid()
    rundir = (os.path.join(root, "run", "libvirt") if uid == 0
              else os.path.join(root, "user", str(uid), "run", "libvirt"))
    sock = os.path.join(rundir, "virtstoraged-sock")
    for _ in range(500):
        if os.path.exists(sock):
            break
        time.sleep(0.01)
    try:
        c = Conn(sock)
        c.call(P_AUTH_LIST)
        scheme = "storage:///system" if uid == 0 else "storage:///session"
        f = c.call(P_OPEN, open_payload(scheme))
        check(f and f[0][5] == OK, "streams: open storage daemon")

        def download(length, flags):
            serial = c.serial
            f = c.call(P_VOL_DOWNLOAD, vol_args(5, length, flags))
            if not f or f[0][5] != OK:
                return None, []
            data, holes = bytearray(), []
            while True:
                f = c.recv_reply()
                h = f[0]
                if h[4] != serial or h[2] != P_VOL_DOWNLOAD:
                    return None, []
                if h[3] == STREAM_HOLE:
                    n, _ = struct.unpack(">qI", f[1])
                    holes.append((len(data), n))
                    data += pattern(5 + len(data), n)   # holes read back as pattern here
                elif h[3] == STREAM and h[5] == CONTINUE:
                    data += f[1]
                elif h[3] == STREAM and h[5] == OK:
                    break
                else:
                    return None, []
            # virStreamFinish: our OK, then the daemon's confirmation
            c.send(frame(REMOTE, P_VOL_DOWNLOAD, serial, mtype=STREAM, status=OK))
            f = c.recv_reply()
            ok = f and f[0][3] == STREAM and f[0][5] == OK and f[0][4] == serial
            return (bytes(data) if ok else None), holes

        data, holes = download(1000000, 0)
        check(data == pattern(5, 1000000) and not holes,
              "streams: 1 MB download arrives intact, then OK/OK")
        data, holes = download(300000, 1)
        check(data == pattern(5, 300000) and holes == [(100000, 100000)],
              "streams: sparse download sends one STREAM_HOLE")

        def upload(length, chunks, finish=OK, hole=None, flags=0):
            serial = c.serial
            f = c.call(P_VOL_UPLOAD, vol_args(0, length, flags))
            if not f or f[0][5] != OK:
                return None
            for off, n in chunks:
                c.send(frame(REMOTE, P_VOL_UPLOAD, serial, pattern(off, n), mtype=STREAM,
                             status=CONTINUE))
            if hole is not None:
                c.send(frame(REMOTE, P_VOL_UPLOAD, serial, struct.pack(">qI", hole, 0),
                             mtype=STREAM_HOLE, status=CONTINUE))
            c.send(frame(REMOTE, P_VOL_UPLOAD, serial, mtype=STREAM, status=finish))
            f = c.recv_reply()
            if not f or f[0][4] != serial or f[0][3] != STREAM:
                return None
            return f

        chunks = [(i, min(262120, 700000 - i)) for i in range(0, 700000, 262120)]
        f = upload(700000, chunks)
        check(f is not None and f[0][5] == OK, "streams: 700 kB upload confirmed with OK")
        f = upload(700000, chunks[:1])
        check(f is not None and f[0][5] == ERROR and
              "upload got 262120 bytes" in error_message(f[1])[2],
              "streams: short upload fails at finish with STREAM ERROR")
        f = upload(100, [(0, 10)], finish=ERROR)
        check(f is not None and f[0][5] == OK, "streams: client abort confirmed with OK")
        f = upload(100, [(0, 10)], hole=50)
        check(f is not None and f[0][5] == ERROR and
              "Unexpected stream hole" in error_message(f[1])[2],
              "streams: hole on a non-sparse stream is an error")
        f = c.call(P_HOSTNAME)
        check(f is not None and f[0][5] == OK, "streams: connection still serves calls")
        c.close()
    finally:
        p.send_signal(signal.SIGTERM)
        check(p.wait(10) == 0, "streams: daemon exits cleanly")


def main():
    testd = sys.argv[1]
    base = tempfile.mkdtemp(prefix="rpcrobust-")
    try:
        root = os.path.join(base, "main")
        os.makedirs(root)
        d = Daemon(testd, root, conf="keepalive_interval = 1\nkeepalive_count = 2\n"
                                     "max_client_requests = 3\nmin_workers = 2\nmax_workers = 4\n")
        if not d.wait_ready():
            print(d.p.stderr.read().decode())
            check(False, "daemon starts")
            return 1
        try:
            test_malformed(d)
            test_readonly(d)
            test_keepalive(d)
            check(d.p.poll() is None, "daemon survived everything")
        finally:
            d.stop()
        test_lifecycle(testd, base)
        test_streams(testd, base)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    if FAILS:
        print("%d failure(s)" % len(FAILS))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
