#!/usr/bin/python3
"""Run the test driver checks through python3-libvirt against two libraries.

Every test_*.py module next to this file lists checks (see check.py). Each
module runs in its own process (so it starts from a fresh test:///default)
twice: once on our libvirt.so.0 (LD_LIBRARY_PATH=<build>/api) and once on
Debian's. The results must be equal, except for checks marked "ours" (an
extension: it must only succeed on ours), given an expected value for ours
("deviation", a documented difference), or marked "xfail" with a reason
(a known difference outside the test driver, such as the checks the public
entry points make): those print XFAIL/XPASS and do not fail the run.

    run.py --libdir <build>/api [--only MODULE] [-v]

Exit status: 0 all equal, 1 a difference or a failure, 77 when python3-libvirt
or Debian's library is missing (skipped).
"""
import argparse
import glob
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEBIAN_LIB = "/usr/lib/x86_64-linux-gnu/libvirt.so.0"


def run_module(path, libdir):
    env = dict(os.environ)
    env.pop("LD_LIBRARY_PATH", None)
    if libdir:
        env["LD_LIBRARY_PATH"] = libdir
    # keep Debian's client from reading a user config or starting daemons
    env["LIBVIRT_DEFAULT_URI"] = "test:///default"
    proc = subprocess.run(["/usr/bin/python3", os.path.join(HERE, "check.py"), path],
                          env=env, capture_output=True, text=True, timeout=120)
    if proc.returncode != 0:
        return None, proc.stderr + proc.stdout
    return json.loads(proc.stdout), proc.stderr


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--libdir", required=True, help="directory holding our libvirt.so.0")
    ap.add_argument("--only", help="run only this module (test_domains, ...)")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()

    if not os.path.exists("/usr/bin/python3") or not os.path.exists(DEBIAN_LIB):
        print("SKIP: python3 or Debian's libvirt.so.0 missing")
        return 77
    try:
        subprocess.run(["/usr/bin/python3", "-c", "import libvirt"], check=True,
                       capture_output=True)
    except subprocess.CalledProcessError:
        print("SKIP: python3-libvirt is not installed")
        return 77

    modules = sorted(glob.glob(os.path.join(HERE, "test_*.py")))
    if args.only:
        modules = [m for m in modules if os.path.basename(m).startswith(args.only)]
    failures = 0
    for mod in modules:
        name = os.path.basename(mod)[:-3]
        ours, err_ours = run_module(mod, os.path.abspath(args.libdir))
        ref, err_ref = run_module(mod, None)
        if ours is None or ref is None:
            failures += 1
            print("FAIL %s: module crashed\n--- ours ---\n%s\n--- debian ---\n%s"
                  % (name, err_ours, err_ref))
            continue
        for check in ours:
            o = ours[check]
            r = ref.get(check)
            if o["kind"] == "xfail":
                same = r is not None and o["value"] == r["value"]
                print("%s %s.%s (%s)" % ("XPASS" if same else "XFAIL", name, check, o["why"]))
                if not same and args.verbose:
                    print("  ours:   %s\n  debian: %s" % (json.dumps(o["value"]),
                                                       json.dumps(r["value"]) if r else None))
                continue
            if o["kind"] == "ours":
                ok = "error" not in o["value"] if isinstance(o["value"], dict) else True
                ok = ok and o.get("ok", True)
                why = "extension"
            elif o["kind"] == "deviation":
                ok = o["value"] == o["expect"]
                why = "documented deviation"
            else:
                ok = r is not None and o["value"] == r["value"]
                why = "same as Debian"
            if not ok:
                failures += 1
                print("FAIL %s.%s (%s)\n  ours:   %s\n  debian: %s"
                      % (name, check, why, json.dumps(o["value"]),
                         json.dumps(r["value"]) if r else None))
            elif args.verbose:
                print("ok   %s.%s (%s)" % (name, check, why))
        print("%s: %d checks" % (name, len(ours)))
    print("%d failure(s)" % failures)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
