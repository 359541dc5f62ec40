#!/usr/bin/env python3
"""Write the hand-made XDR seeds of tests/fuzz/corpus/xdr-frame/ and
tests/fuzz/corpus/xdr-payload/ (committed; rerun after changing this file).

usage: make-xdr-seeds.py TESTS_FUZZ_DIR

xdr-frame seeds are byte streams as a connection receives them: length word,
24-byte header (prog, vers, proc, type, serial, status), optional fd count,
payload. xdr-payload seeds start with a 4-byte selector [program index,
proc number (2 bytes, big-endian), kind 0=args 1=ret 2=msg]; program index
follows fuzz-xdr.c: 0 REMOTE, 1 QEMU, 2 LXC, 3 ADMIN, 4 KEEPALIVE.
Python 3 stdlib only.
"""

import os
import struct
import sys

REMOTE, QEMU, LXC, ADMIN, KEEPALIVE = (0x20008086, 0x20008087, 0x00068000,
                                       0x06900690, 0x6b656570)
CALL, REPLY, MESSAGE, STREAM, CALL_FDS, REPLY_FDS, STREAM_HOLE = range(7)
OK, ERROR, CONTINUE = range(3)


def u32(v):
    return struct.pack(">I", v & 0xffffffff)


def i32(v):
    return struct.pack(">i", v)


def u64(v):
    return struct.pack(">Q", v)


def string(s):
    b = s.encode()
    return u32(len(b)) + b + b"\0" * (-len(b) % 4)


def opt_string(s):
    return u32(0) if s is None else u32(1) + string(s)


UUID = bytes(range(16))


def domain(name="guest", dom_id=-1):
    return string(name) + UUID + i32(dom_id)


def typed_param(field, kind, value):
    body = {1: i32, 2: u32, 3: u64, 4: u64, 6: i32, 7: string}[kind](value)
    return string(field) + i32(kind) + body


def frame(prog, proc, mtype, status=OK, payload=b"", serial=1, nfds=None):
    body = u32(prog) + u32(1) + i32(proc) + i32(mtype) + u32(serial) + i32(status)
    if nfds is not None:
        body += u32(nfds)
    body += payload
    return u32(len(body) + 4) + body


SECRET_XML = "<secret ephemeral='no' private='yes'><usage type='volume'>" \
             "<volume>/var/lib/images/a.img</volume></usage></secret>"
ERROR_BODY = (i32(42) + i32(19) + opt_string("Secret not found: no secret with matching uuid")
              + i32(2) + u32(0) + opt_string("x") + opt_string(None) + opt_string(None)
              + i32(0) + i32(0) + u32(0))
SCHED = (domain() + u32(2) + typed_param("cpu_shares", 4, 1024)
         + typed_param("vcpu_period", 4, 100000) + u32(0))

FRAMES = {
    "connect-open-call": frame(REMOTE, 1, CALL, payload=opt_string("qemu:///system") + u32(0)),
    "secret-define-call": frame(REMOTE, 142, CALL, payload=string(SECRET_XML) + u32(0)),
    "secret-define-reply": frame(REMOTE, 142, REPLY,
                                 payload=UUID + i32(1) + string("/var/lib/images/a.img")),
    "get-xml-desc-call": frame(REMOTE, 14, CALL, payload=domain("vm1", 3) + u32(1)),
    "error-reply": frame(REMOTE, 143, REPLY, ERROR, ERROR_BODY),
    "lifecycle-event": frame(REMOTE, 107, MESSAGE, CONTINUE, domain("vm1", 3) + i32(2) + i32(0)),
    "sched-params-call": frame(REMOTE, 219, CALL, payload=SCHED),
    "list-all-domains-reply": frame(REMOTE, 273, REPLY,
                                    payload=u32(2) + domain("a", 1) + domain("b") + u32(2)),
    "auth-list-reply": frame(REMOTE, 66, REPLY, payload=u32(2) + i32(0) + i32(1)),
    "qemu-monitor-call": frame(QEMU, 1, CALL,
                               payload=domain() + string('{"execute":"query-status"}') + u32(0)),
    "lxc-namespace-fds-call": frame(LXC, 1, CALL_FDS, payload=domain() + u32(0), nfds=0),
    "admin-list-servers-reply": frame(ADMIN, 4, REPLY,
                                      payload=u32(2) + string("libvirtd") + string("admin") + u32(2)),
    "keepalive-ping-pong": frame(KEEPALIVE, 1, MESSAGE, CONTINUE)
                           + frame(KEEPALIVE, 2, MESSAGE, CONTINUE, serial=2),
    "stream-data-then-hole": frame(REMOTE, 209, STREAM, CONTINUE, b"data" * 4)
                             + frame(REMOTE, 209, STREAM_HOLE, CONTINUE, u64(65536) + u32(0))
                             + frame(REMOTE, 209, STREAM, OK),
    "pipelined-calls": frame(REMOTE, 4, CALL, serial=7)
                       + frame(REMOTE, 142, CALL, payload=string(SECRET_XML) + u32(0), serial=8),
}

PAYLOADS = {
    "remote-connect-open-args": bytes([0, 0, 1, 0]) + opt_string("test:///default") + u32(0),
    "remote-secret-define-args": bytes([0, 0, 142, 0]) + string(SECRET_XML) + u32(0),
    "remote-sched-params-args": bytes([0, 0, 219, 0]) + SCHED,
    "remote-domain-stats-ret": bytes([0, 1, 88, 1]) + u32(1) + domain() + u32(3)
                               + typed_param("state.state", 1, 1)
                               + typed_param("balloon.current", 4, 1 << 20)
                               + typed_param("vcpu.0.name", 7, "x"),
    "remote-lifecycle-msg": bytes([0, 0, 107, 2]) + domain() + i32(0) + i32(1),
    "qemu-monitor-event-msg": bytes([1, 0, 6, 2]) + i32(3) + domain() + string("STOP")
                              + u64(1700000000) + u32(12) + opt_string('{"reason":"x"}'),
    "lxc-open-namespace-args": bytes([2, 0, 1, 0]) + domain() + u32(0),
    "admin-list-servers-ret": bytes([3, 0, 4, 1]) + u32(1) + string("virtsecretd") + u32(1),
}


def main(argv):
    if len(argv) != 2:
        sys.stderr.write(__doc__)
        return 2
    for sub, seeds in (("xdr-frame", FRAMES), ("xdr-payload", PAYLOADS)):
        d = os.path.join(argv[1], "corpus", sub)
        os.makedirs(d, exist_ok=True)
        for name, data in seeds.items():
            with open(os.path.join(d, name + ".bin"), "wb") as f:
                f.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
