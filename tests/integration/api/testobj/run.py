#!/usr/bin/python3
"""Compare the test driver's non-domain object families on our library and
on Debian's, through python3-libvirt.

The test_*.py modules next to this file follow the format of
../testdrv/check.py (CHECKS: (name, function[, options])); each runs in its
own process from a fresh test:///default, once per library, using the
runner of ../testdrv. Checks must give equal results, except those marked
{"ours": True} (families or calls libvirt's test driver lacks: they must
succeed on ours) or given {"expect": value} (a documented deviation).

    run.py --libdir <build>/api [--only MODULE] [-v]

Exit status: 0 all equal, 1 a difference or failure, 77 skipped.
"""
import argparse
import glob
import importlib.util
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TESTDRV = os.path.join(os.path.dirname(HERE), "testdrv")


def load_testdrv_runner():
    spec = importlib.util.spec_from_file_location("testdrv_run", os.path.join(TESTDRV, "run.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def compare(name, ours, ref, verbose):
    failures = 0
    for check in sorted(ours):
        o = ours[check]
        r = ref.get(check)
        if o["kind"] == "ours":
            ok = o.get("ok", True)
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
        elif verbose:
            print("ok   %s.%s (%s)" % (name, check, why))
    print("%s: %d checks" % (name, len(ours)))
    return failures


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--libdir", required=True, help="directory holding our libvirt.so.0")
    ap.add_argument("--only", help="run only this module (test_networks, ...)")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()

    runner = load_testdrv_runner()
    if not os.path.exists("/usr/bin/python3") or not os.path.exists(runner.DEBIAN_LIB):
        print("SKIP: python3 or Debian's libvirt.so.0 missing")
        return 77
    modules = sorted(glob.glob(os.path.join(HERE, "test_*.py")))
    if args.only:
        modules = [m for m in modules if os.path.basename(m).startswith(args.only)]
    failures = 0
    for mod in modules:
        name = os.path.basename(mod)[:-3]
        ours, err_ours = runner.run_module(mod, os.path.abspath(args.libdir))
        ref, err_ref = runner.run_module(mod, None)
        if ours is None or ref is None:
            failures += 1
            print("FAIL %s: module crashed\n--- ours ---\n%s\n--- debian ---\n%s"
                  % (name, err_ours, err_ref))
            continue
        failures += compare(name, ours, ref, args.verbose)
    print("%d failure(s)" % failures)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
