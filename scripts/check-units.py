#!/usr/bin/env python3
"""Check the generated systemd units of each daemon for the directives that
make them behave like libvirt's split-daemon units (shared/protocol/sockets.md
section 5). Runs `systemd-analyze verify` too when it is installed, ignoring
only its complaint that the daemon binary is not installed yet.

usage: check-units.py UNITDIR RUNSTATEDIR SBINDIR NAME:PREFIX...
Prints "file: problem" lines and exits 1 on any problem.
"""

import os
import shutil
import subprocess
import sys
import tempfile


def parse_unit(path):
    """Return {section: [(key, value), ...]} keeping repeated keys."""
    sections = {}
    current = None
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.strip()
            if not line or line.startswith("#") or line.startswith(";"):
                continue
            if line.startswith("[") and line.endswith("]"):
                current = sections.setdefault(line[1:-1], [])
                continue
            if current is None or "=" not in line:
                raise ValueError("unparsable line: " + line)
            key, value = line.split("=", 1)
            current.append((key.strip(), value.strip()))
    return sections


def values(unit, section, key):
    """All values of key in section, with space-separated lists split."""
    out = []
    for k, v in unit.get(section, []):
        if k == key:
            out.extend(v.split())
    return out


def single(unit, section, key):
    found = [v for k, v in unit.get(section, []) if k == key]
    return found[0] if len(found) == 1 else None


def expectations(name, prefix, rundir, sbindir):
    """(file, section, key, expected, mode) where mode is 'eq' (the one
    value) or 'has' (one of the listed values)."""
    upper = name.upper()
    sock = rundir + "/libvirt/" + prefix
    svc = name + ".service"
    exp = {
        name + ".service": [
            ("Unit", "Requires", name + ".socket", "has"),
            ("Unit", "Requires", name + "-ro.socket", "has"),
            ("Unit", "Requires", name + "-admin.socket", "has"),
            ("Unit", "After", name + ".socket", "has"),
            ("Unit", "Conflicts", "libvirtd.service", "has"),
            ("Service", "Type", "notify", "eq"),
            ("Service", "Environment", upper + '_ARGS="--timeout 120"', "eq"),
            ("Service", "ExecStart", sbindir + "/" + name + " $" + upper + "_ARGS", "eq"),
            ("Service", "ExecReload", "/bin/kill -HUP $MAINPID", "eq"),
            ("Service", "Restart", "on-failure", "eq"),
            ("Install", "WantedBy", "multi-user.target", "has"),
        ],
        name + ".socket": [
            ("Socket", "ListenStream", sock + "-sock", "eq"),
            ("Socket", "Service", svc, "eq"),
            ("Socket", "SocketMode", ("0600", "0666"), "eq"),
            ("Socket", "RemoveOnStop", "yes", "eq"),
            ("Unit", "Before", svc, "has"),
            ("Install", "WantedBy", "sockets.target", "has"),
        ],
        name + "-ro.socket": [
            ("Socket", "ListenStream", sock + "-sock-ro", "eq"),
            ("Socket", "Service", svc, "eq"),
            ("Socket", "SocketMode", "0666", "eq"),
            ("Socket", "RemoveOnStop", "yes", "eq"),
            ("Unit", "BindsTo", name + ".socket", "has"),
            ("Unit", "After", name + ".socket", "has"),
            ("Install", "WantedBy", "sockets.target", "has"),
        ],
        name + "-admin.socket": [
            ("Socket", "ListenStream", sock + "-admin-sock", "eq"),
            ("Socket", "Service", svc, "eq"),
            ("Socket", "SocketMode", "0600", "eq"),
            ("Socket", "RemoveOnStop", "yes", "eq"),
            ("Unit", "BindsTo", name + ".socket", "has"),
            ("Unit", "After", name + ".socket", "has"),
            ("Install", "WantedBy", "sockets.target", "has"),
        ],
    }
    return exp


def check_file(path, checks, problems):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if "@" in "".join(l for l in text.splitlines(True) if not l.startswith("#")):
        problems.append(f"{path}: unsubstituted @variable@ left in the unit")
    try:
        unit = parse_unit(path)
    except ValueError as e:
        problems.append(f"{path}: {e}")
        return
    for section, key, want, mode in checks:
        if mode == "eq":
            got = single(unit, section, key)
            ok = got in want if isinstance(want, tuple) else got == want
            if not ok:
                problems.append(f"{path}: [{section}] {key} is {got!r}, expected {want!r}")
        elif want not in values(unit, section, key):
            problems.append(f"{path}: [{section}] {key} does not include {want!r}")


def systemd_verify(paths, problems):
    tool = shutil.which("systemd-analyze")
    if not tool:
        print("systemd-analyze not found: skipping 'verify'")
        return
    with tempfile.TemporaryDirectory() as tmp:
        copies = []
        for p in paths:
            dst = os.path.join(tmp, os.path.basename(p))
            shutil.copy(p, dst)
            copies.append(dst)
        try:
            res = subprocess.run([tool, "verify", "--man=no"] + copies,
                                 capture_output=True, text=True, timeout=60,
                                 cwd=tmp, check=False)
        except (OSError, subprocess.TimeoutExpired) as e:
            print(f"systemd-analyze verify could not run ({e}): skipped")
            return
    for line in (res.stdout + res.stderr).splitlines():
        line = line.strip()
        # the daemons are not installed where ExecStart points while testing
        if not line or "is not executable" in line:
            continue
        problems.append(f"systemd-analyze verify: {line}")


def main(argv):
    if len(argv) < 5:
        print(__doc__, file=sys.stderr)
        return 2
    unitdir, rundir, sbindir = argv[1:4]
    problems = []
    generated = []
    for spec in argv[4:]:
        name, prefix = spec.split(":", 1)
        for fname, checks in expectations(name, prefix, rundir, sbindir).items():
            path = os.path.join(unitdir, fname)
            if not os.path.exists(path):
                problems.append(f"{path}: missing")
                continue
            generated.append(path)
            check_file(path, checks, problems)
    if generated:
        systemd_verify(generated, problems)
    for p in problems:
        print(p)
    print(f"checked {len(generated)} unit file(s): {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
