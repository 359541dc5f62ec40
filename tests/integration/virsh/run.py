#!/usr/bin/env python3
"""Golden-output tests for virsh: run transcripts, compare stdout, stderr, exit code.

Each cases/<suite>/*.vt file is a transcript of virsh runs, checked byte for byte:

    # comment (anywhere outside a step)
    % ours-only             directive: the whole file is modvirt's own (help text, --json
                            output): skipped with --reference
    %% ours-only            marks the next step alone as modvirt's own: the test driver
                            of our libvirt.so.0 does more there than Debian's (a '#'
                            line right above the step says what); skipped with
                            --reference, the other steps of the file still run
    $ -q secret-list        run virsh with these arguments (shell-quoted); @URI@ etc. expand;
                            leading NAME=VALUE words set environment variables
    <| a line of stdin      (optional) stdin, with its newline; "<~ text" = without newline
    1| a line of stdout     expected stdout, line by line; "1~ text" = last line, no newline
    2| a line of stderr     expected stderr, likewise "2~"
    ? 1                     expected exit code; ends the step

    $&ev secret-event ...   start in the background as "ev" (the next other step waits
                            1 s first, so the event registrations are in place)
    !ev INT                 send it a signal
    &ev                     wait for "ev"; its 1|/2|/? lines follow

    % mask REGEX            directive: in actual stdout/stderr of every step of the
                            file, replace what REGEX (Python, bytes) matches by @MASK@
                            (for times and counters that change from run to run)

A "-c @URI@" is added in front of every run of a suite that needs a URI, unless the
step gives -c itself. Substitutions in arguments and stdin: @URI@, @DATA@ (the data
directory, also the working directory). In actual output, the URI is replaced by
@URI@ and event timestamps by @TS@ before comparing.

Suites: "nodaemon" needs nothing; "secret" needs an empty secret driver at
$VIRSH_TEST_URI, or --debian-libvirtd to start Debian's libvirtd privately
(tests/lib/debian-libvirtd.sh). Without either, the suite is skipped (exit 77).
"testdrv" runs against test:///default, the client library's in-process test
driver (no daemon); each virsh process starts from the driver's default state.
--libdir DIR runs virsh with LD_LIBRARY_PATH=DIR, e.g. /usr/lib/x86_64-linux-gnu to
use Debian's libvirt.so.0 instead of ours.

--reference runs the same files with another virsh (Debian's /usr/bin/virsh) or
library (--libdir /usr/lib/x86_64-linux-gnu) to prove the golden files are stock
behaviour: it skips the "% ours-only" files and the "%% ours-only" steps. Without it,
every step runs; meson runs "testdrv" with our virsh on our libvirt.so.0.

Ours-only in "testdrv" (see the '#' line above each marked step): the whole of
90-json.vt (--json); single steps where our test driver implements what libvirt
9.0's lacks, as the real drivers do: device attach/detach/update (23-domain-dev),
job information (24-domain-block), DHCP leases and network ports (40-network),
storage pool capabilities (50-pool), volume upload/download (51-volume), node
device state filters, lookup by WWN, persistence and autostart (60-nodedev),
network filters and bindings (62-nwfilter), secrets (80-usage).

--regen rewrites expected output from actual.
"""

import argparse
import os
import re
import shlex
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SRCROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
# name -> None (no URI), "daemon" (a daemon's URI), or a fixed URI
SUITES = {"nodaemon": None, "secret": "daemon", "testdrv": "test:///default"}
TIMESTAMP = re.compile(rb"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\+0000: ", re.M)
STEP_TIMEOUT = 30
REFERENCE_TIMEOUT = 5
REFERENCE_RETRIES = 8


class Step:
    def __init__(self, lineno, kind, text):
        self.lineno = lineno
        self.kind = kind          # "run", "bg", "wait", "signal"
        self.text = text          # arguments, or the background name
        self.name = None
        self.stdin = b""
        self.out = b""
        self.err = b""
        self.rc = None
        self.marks = set()        # "%% NAME" lines right before the step


def parse_case(path):
    directives, steps, cur, marks = {}, [], None, set()
    with open(path, "rb") as f:
        lines = f.read().split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    for n, raw in enumerate(lines, 1):
        line = raw.decode("utf-8")
        tag, body = line[:2], line[3:] if len(line) > 2 else ""
        if cur is None or cur.rc is not None:
            cur = None
        if line.startswith("#") or (not line.strip() and cur is None):
            continue
        if line.startswith("%% "):
            marks.add(line[3:].strip())
        elif line.startswith("% "):
            key, _, val = line[2:].strip().partition(" ")
            directives.setdefault(key, []).append(val)
        elif line.startswith("$&"):
            name, _, args = line[2:].partition(" ")
            cur = Step(n, "bg", args)
            cur.name = name
            cur.marks, marks = marks, set()
            steps.append(cur)
        elif line.startswith("$ ") or line == "$":
            cur = Step(n, "run", line[2:])
            cur.marks, marks = marks, set()
            steps.append(cur)
        elif line.startswith("&"):
            cur = Step(n, "wait", line[1:].strip())
            steps.append(cur)
        elif line.startswith("!"):
            name, _, sig = line[1:].partition(" ")
            steps.append(Step(n, "signal", name))
            steps[-1].name = sig.strip() or "INT"
        elif cur is None:
            raise SyntaxError(f"{path}:{n}: output line outside a step: {line!r}")
        elif tag in ("<|", "1|", "2|", "<~", "1~", "2~"):
            data = raw[3:] if len(raw) > 2 else b""
            if tag[1] == "|":
                data += b"\n"
            attr = {"<": "stdin", "1": "out", "2": "err"}[tag[0]]
            setattr(cur, attr, getattr(cur, attr) + data)
        elif line.startswith("? "):
            cur.rc = int(line[2:])
        else:
            raise SyntaxError(f"{path}:{n}: cannot parse {line!r}")
    for s in steps:
        if s.kind in ("run", "wait") and s.rc is None:
            raise SyntaxError(f"{path}:{s.lineno}: step without '? <exit code>'")
    if marks:
        raise SyntaxError(f"{path}: '%% {sorted(marks)[0]}' not followed by a step")
    return directives, steps


def format_stream(tag, data):
    out = []
    if not data:
        return out
    parts = data.split(b"\n")
    last = parts.pop()
    for p in parts:
        out.append(tag.encode() + b"|" + (b" " + p if p else b""))
    if last:
        out.append(tag.encode() + b"~ " + last)
    return out


class Runner:
    def __init__(self, args, uri):
        self.virsh = args.virsh
        self.uri = uri
        self.libdir = args.libdir
        self.data = os.path.join(HERE, "data")
        self.bg = {}
        self.masks = []
        self.reference = args.reference

    def expand(self, s):
        return (s.replace("@URI@", self.uri or "").replace("@DATA@", self.data))

    def normalize(self, b):
        if self.uri:
            b = b.replace(self.uri.encode(), b"@URI@")
        for m in self.masks:
            b = m.sub(b"@MASK@", b)
        return TIMESTAMP.sub(b"@TS@: ", b)

    def split(self, text):
        """The step's words, without leading NAME=VALUE environment assignments."""
        args, env = shlex.split(self.expand(text)), {}
        while args and re.match(r"^[A-Z_][A-Z0-9_]*=", args[0]):
            k, _, v = args.pop(0).partition("=")
            env[k] = v
        return args, env

    def argv(self, text, needs_uri):
        args, _ = self.split(text)
        if needs_uri and not any(a in ("-c", "--connect") or a.startswith("--connect=")
                                 or (a.startswith("-c") and len(a) > 2) for a in args):
            args = ["-c", self.uri] + args
        return [self.virsh] + args

    def env(self):
        env = dict(os.environ)
        env.pop("LIBVIRT_DEFAULT_URI", None)
        env.pop("VIRSH_DEFAULT_CONNECT_URI", None)
        env["LC_ALL"] = "C.UTF-8"
        env.pop("VISUAL", None)
        env["EDITOR"] = os.path.join(self.data, "editor.sh")
        if self.libdir:
            env["LD_LIBRARY_PATH"] = self.libdir
        return env

    def spawn(self, step, needs_uri):
        env = self.env()
        env.update(self.split(step.text)[1])
        return subprocess.Popen(self.argv(step.text, needs_uri), cwd=self.data,
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=env)

    def finish(self, proc, stdin, timeout=STEP_TIMEOUT):
        try:
            out, err = proc.communicate(stdin, timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
            err += b"\n[runner: timed out]\n"
        return self.normalize(out), self.normalize(err), proc.returncode

    def skipped(self, s):
        """Whether a reference run leaves this step out ("%% ours-only")."""
        return self.reference and "ours-only" in s.marks

    def run_steps(self, steps, needs_uri):
        """Yield (step, out, err, rc) for every step that has expectations."""
        settle = False
        gone = set()              # background names of skipped steps
        for s in steps:
            if self.skipped(s):
                if s.kind == "bg":
                    gone.add(s.name)
                continue
            if s.kind in ("signal", "wait") and s.text in gone:
                continue
            if settle and s.kind != "bg":
                time.sleep(1.0)
                settle = False
            if s.kind == "run":
                stdin = self.expand(s.stdin.decode()).encode()
                # libvirt 9.0's virsh sometimes hangs on exit after save, managedsave
                # or dump with the test driver: as a reference, retry such runs
                for _ in range(REFERENCE_RETRIES if self.reference else 1):
                    p = self.spawn(s, needs_uri)
                    res = self.finish(p, stdin, REFERENCE_TIMEOUT if self.reference
                                      else STEP_TIMEOUT)
                    if not res[1].endswith(b"[runner: timed out]\n"):
                        break
                yield (s,) + res
            elif s.kind == "bg":
                self.bg[s.name] = (self.spawn(s, needs_uri), s)
                settle = True
            elif s.kind == "signal":
                proc = self.bg[s.text][0]
                proc.send_signal(getattr(signal, "SIG" + s.name))
            elif s.kind == "wait":
                proc, start = self.bg.pop(s.text)
                yield (s,) + self.finish(proc, start.stdin)
        for proc, _ in self.bg.values():
            proc.kill()
            proc.wait()
        self.bg.clear()


def rewrite(path, results):
    """Replace expected output of each step in @path with what actually came out."""
    with open(path, "rb") as f:
        lines = f.read().split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    by_line = {s.lineno: (out, err, rc) for s, out, err, rc in results}
    new, skip = [], False
    for n, line in enumerate(lines, 1):
        if n in by_line:
            out, err, rc = by_line[n]
            new.append(line)
            # keep the stdin lines that directly follow
            k = n
            while k < len(lines) and lines[k][:2] in (b"<|", b"<~"):
                new.append(lines[k])
                k += 1
            new += format_stream("1", out) + format_stream("2", err)
            new.append(b"? %d" % rc)
            skip = True
            continue
        if skip and (line[:2] in (b"<|", b"<~", b"1|", b"1~", b"2|", b"2~")
                     or line.startswith(b"? ")):
            if line.startswith(b"? "):
                skip = False
            continue
        skip = False
        new.append(line)
    with open(path, "wb") as f:
        f.write(b"\n".join(new) + b"\n")


def show_diff(what, want, got):
    import difflib
    d = difflib.unified_diff(want.decode(errors="replace").splitlines(True),
                             got.decode(errors="replace").splitlines(True),
                             "expected " + what, "actual " + what)
    return "".join(d)


def start_debian_libvirtd():
    script = os.path.join(SRCROOT, "tests", "lib", "debian-libvirtd.sh")
    d = tempfile.mkdtemp(prefix="virsh-golden-")
    try:
        sock = subprocess.run([script, "start", d], check=True, capture_output=True,
                              text=True).stdout.strip()
    except (subprocess.CalledProcessError, OSError) as e:
        sys.stderr.write(f"cannot start Debian's libvirtd: {e}\n")
        return None, None
    return d, f"secret:///system?socket={sock}"


def start_our_daemon(binary):
    """Start our daemon (virtsecretd) in a private MODVIRT_ROOT; return its
    root, pid and a URI that reaches it with any client."""
    root = tempfile.mkdtemp(prefix="virsh-golden-")
    name = os.path.basename(binary)
    sock = os.path.join(root, "run", "libvirt", f"{name}-sock")
    env = dict(os.environ, MODVIRT_ROOT=root)
    proc = subprocess.Popen([binary], env=env, stdin=subprocess.DEVNULL)
    for _ in range(200):
        if os.path.exists(sock) or proc.poll() is not None:
            break
        time.sleep(0.025)
    if not os.path.exists(sock):
        proc.kill()
        proc.wait()
        sys.stderr.write(f"cannot start {binary}: no socket {sock}\n")
        return root, None, None
    scheme = name[len("virt"):-1]          # virtsecretd -> secret
    return root, proc, f"{scheme}:///system?socket={sock}"


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--virsh", required=True, help="the virsh binary under test")
    ap.add_argument("--suite", action="append", choices=sorted(SUITES),
                    help="suites to run (default: all)")
    ap.add_argument("--uri", default=os.environ.get("VIRSH_TEST_URI"),
                    help="daemon URI for suites that need one ($VIRSH_TEST_URI)")
    ap.add_argument("--debian-libvirtd", action="store_true",
                    help="without a URI, start Debian's libvirtd privately for them")
    ap.add_argument("--daemon",
                    help="without a URI, start this daemon of ours privately for them")
    ap.add_argument("--libdir", default=os.environ.get("VIRSH_TEST_LIBDIR"),
                    help="run virsh with LD_LIBRARY_PATH=LIBDIR (which libvirt.so.0 "
                         "to use; $VIRSH_TEST_LIBDIR)")
    ap.add_argument("--reference", action="store_true",
                    help="the virsh or library is a reference (stock) one: skip "
                         "'% ours-only' files and '%% ours-only' steps")
    ap.add_argument("--regen", action="store_true",
                    default=os.environ.get("MODVIRT_TEST_REGEN") == "1",
                    help="rewrite the expected output from the actual output")
    ap.add_argument("cases", nargs="*", help="only these .vt files")
    args = ap.parse_args()
    args.virsh = os.path.abspath(args.virsh)

    suites = args.suite or sorted(SUITES)
    daemon_dir = None
    our_daemon = our_root = None
    failed = ran = skipped = 0
    try:
        for suite in suites:
            uri = None
            if SUITES[suite] and SUITES[suite] != "daemon":
                uri = SUITES[suite]
            elif SUITES[suite]:
                uri = args.uri
                if not uri and args.daemon:
                    if our_daemon is None:
                        our_root, our_daemon, args.uri = start_our_daemon(args.daemon)
                        if not args.uri:
                            return 1
                    uri = args.uri
                if not uri and args.debian_libvirtd:
                    if daemon_dir is None:
                        daemon_dir, uri = start_debian_libvirtd()
                        args.uri = uri
                    uri = args.uri
                if not uri:
                    print(f"SKIP suite {suite}: no daemon URI (set VIRSH_TEST_URI)")
                    skipped += 1
                    continue
            runner = Runner(args, uri)
            sdir = os.path.join(HERE, "cases", suite)
            files = sorted(os.path.join(sdir, f) for f in os.listdir(sdir) if f.endswith(".vt"))
            if args.cases:
                files = [f for f in files if os.path.basename(f) in args.cases
                         or f in map(os.path.abspath, args.cases)]
            for path in files:
                directives, steps = parse_case(path)
                name = f"{suite}/{os.path.basename(path)}"
                if args.reference and "ours-only" in directives:
                    print(f"SKIP {name} (ours-only)")
                    continue
                runner.masks = [re.compile(m.encode()) for m in directives.get("mask", [])]
                results = list(runner.run_steps(steps, bool(SUITES[suite])))
                left_out = sum(1 for s in steps if runner.skipped(s) and s.kind == "run")
                bad = []
                for s, out, err, rc in results:
                    where = f"{name}:{s.lineno}: {s.kind} {s.text}"
                    msg = ""
                    if out != s.out:
                        msg += show_diff("stdout", s.out, out)
                    if err != s.err:
                        msg += show_diff("stderr", s.err, err)
                    if rc != s.rc:
                        msg += f"exit code: expected {s.rc}, got {rc}\n"
                    if msg:
                        bad.append(f"--- {where}\n{msg}")
                ran += 1
                if bad and args.regen:
                    rewrite(path, results)
                    print(f"REGEN {name}")
                elif bad:
                    failed += 1
                    print(f"FAIL {name}")
                    for b in bad:
                        print(b, end="")
                else:
                    extra = f", {left_out} ours-only left out" if left_out else ""
                    print(f"ok   {name} ({len(results)} runs{extra})")
    finally:
        if our_daemon:
            our_daemon.terminate()
            our_daemon.wait(timeout=10)
        if our_root:
            subprocess.run(["rm", "-rf", our_root])
        if daemon_dir:
            script = os.path.join(SRCROOT, "tests", "lib", "debian-libvirtd.sh")
            subprocess.run([script, "stop", daemon_dir])
            subprocess.run(["rm", "-rf", daemon_dir])
    print(f"{ran} files, {failed} failed, {skipped} suites skipped")
    if failed:
        return 1
    return 77 if ran == 0 and skipped else 0


if __name__ == "__main__":
    sys.exit(main())
