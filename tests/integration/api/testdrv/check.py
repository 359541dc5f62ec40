#!/usr/bin/python3
"""Run the checks of one test module and print their results as JSON.

A test module defines CHECKS, a list of (name, function) or
(name, function, options); function(ctx) returns something JSON-able. The
options: {"ours": True} marks an extension Debian's library does not have;
{"expect": value} gives what ours must return where we deliberately differ;
{"xfail": reason} marks a known difference owned elsewhere (reported, not
failed).
Errors become {"error": [code, domain, message]}. ctx carries the open
connection (ctx.conn), an event collector and a scratch directory.
"""
import importlib.util
import json
import os
import sys
import tempfile

import libvirt


class Ctx:
    def __init__(self):
        self.conn = libvirt.open("test:///default")
        self.tmp = tempfile.mkdtemp(prefix="testdrv-")
        self.events = []

    def pump(self, rounds=3):
        """Run the default event loop until queued events are delivered."""
        for _ in range(rounds):
            t = libvirt.virEventAddTimeout(0, lambda *a: None, None)
            libvirt.virEventRunDefaultImpl()
            libvirt.virEventRemoveTimeout(t)
        got, self.events = self.events, []
        return got


def error_value(e):
    return {"error": [e.get_error_code(), e.get_error_domain(), e.get_error_message()]}


def check_library():
    """With LD_LIBRARY_PATH set, make sure that library is the one loaded
    (a missing file would silently fall back to the system's)."""
    libdir = os.environ.get("LD_LIBRARY_PATH")
    if not libdir:
        return
    want = os.path.realpath(os.path.join(libdir.split(":")[0], "libvirt.so.0"))
    with open("/proc/self/maps") as maps:
        loaded = {os.path.realpath(line.split()[-1]) for line in maps
                  if "libvirt.so.0" in line}
    if loaded != {want}:
        sys.exit("loaded %s, expected %s" % (sorted(loaded), want))


def run_checks(path):
    spec = importlib.util.spec_from_file_location("mod", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    libvirt.registerErrorHandler(lambda ctx, err: None, None)
    libvirt.virEventRegisterDefaultImpl()
    ctx = Ctx()
    results = {}
    for entry in mod.CHECKS:
        name, func = entry[0], entry[1]
        opts = entry[2] if len(entry) > 2 else {}
        try:
            value = func(ctx)
            ok = True
        except libvirt.libvirtError as e:
            value = error_value(e)
            ok = False
        except Exception as e:      # a broken check must not hide the others
            value = {"exception": "%s: %s" % (type(e).__name__, e)}
            ok = False
        res = {"value": value, "ok": ok, "kind": "same"}
        if opts.get("ours"):
            res["kind"] = "ours"
        elif "xfail" in opts:
            res["kind"] = "xfail"
            res["why"] = opts["xfail"]
        elif "expect" in opts:
            res["kind"] = "deviation"
            res["expect"] = opts["expect"]
        results[name] = res
    return results


if __name__ == "__main__":
    check_library()
    print(json.dumps(run_checks(sys.argv[1]), sort_keys=True))
