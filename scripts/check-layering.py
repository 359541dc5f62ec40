#!/usr/bin/env python3
"""Layering check (STYLE.md practice 1, HACKING.md "Modules"): every
#include of one of our headers must come from a module the including file's
module may use. The public headers (<libvirt/...>) may be used by everyone.

usage: check-layering.py SRCDIR
Prints "file:line: ..." for each violation and exits 1 if there is any.
"""

import importlib.util
import os
import re
import sys


def load_srcscan():
    sys.dont_write_bytecode = True      # never write into the source tree
    here = os.path.dirname(os.path.abspath(__file__))
    spec = importlib.util.spec_from_file_location("srcscan",
                                                  os.path.join(here, "check-srcscan.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


scan = load_srcscan()

# Who may include whom. Keys are module directories; "daemons/*" stands for
# each daemon's own directory, "<self>" for that directory itself.
ALLOWED = {
    "common/util":   ["common/util"],
    "common/conf":   ["common/util", "common/conf"],
    "common/rpc":    ["common/util", "common/rpc", "protocol"],
    "common/daemon": ["common/util", "common/conf", "common/rpc", "common/daemon",
                      "protocol"],
    "protocol":      ["protocol", "common/util"],
    "api":           ["api", "common/util", "common/conf", "common/rpc", "protocol"],
    "daemons/*":     ["common/util", "common/conf", "common/rpc", "common/daemon",
                      "protocol", "<self>"],
    "tools":         ["tools", "common/util"],
}
CHECKED_TOPS = ("common", "protocol", "api", "daemons", "tools")
OUR_TOPS = ("api/", "common/", "daemons/", "tools/", "protocol/", "bench/", "tests/")
PUBLIC_PREFIXES = ("libvirt/", "api/include/libvirt/")
INCLUDE_RE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def module_of(rel):
    """The module directory owning a repository path, or None."""
    parts = rel.split("/")
    if parts[0] == "daemons" and len(parts) > 2:
        return "daemons/" + parts[1]
    if parts[0] == "common" and len(parts) > 2:
        return "common/" + parts[1]
    if parts[0] == "api" and rel.startswith("api/include/libvirt/"):
        return "public"
    if parts[0] in ("api", "protocol", "tools", "bench", "tests") and len(parts) > 1:
        return parts[0]
    return None


def allowed_for(module):
    if module.startswith("daemons/"):
        return [module if a == "<self>" else a for a in ALLOWED["daemons/*"]]
    return ALLOWED.get(module)


def resolve(root, rel, quote, target):
    """Map an include to the repository path it names, or None when it is a
    system header or a generated header of the file's own module."""
    if target.startswith(PUBLIC_PREFIXES):
        return "api/include/libvirt/" + target.split("libvirt/", 1)[1]
    if target.startswith(OUR_TOPS):
        return os.path.normpath(target).replace(os.sep, "/")
    if quote != '"':
        return None
    if target == "config.h":
        return None
    here = os.path.dirname(rel)
    local = os.path.normpath(os.path.join(here, target)).replace(os.sep, "/")
    if os.path.exists(os.path.join(root, local)):
        return local
    return "<bare>"


def find_bare_elsewhere(root, name):
    """Source directories (other than the including one) holding @name."""
    hits = []
    for top in CHECKED_TOPS:
        for dirpath, _dirs, files in os.walk(os.path.join(root, top)):
            if os.path.basename(name) in files and \
               os.path.exists(os.path.join(dirpath, name)):
                hits.append(os.path.relpath(os.path.join(dirpath, name), root))
    return hits


def check_file(root, rel, full, problems):
    module = module_of(rel)
    allowed = allowed_for(module) if module else None
    if allowed is None:
        return
    raw_lines = scan.read_text(full).splitlines()
    blank_lines = scan.blank_c("\n".join(raw_lines)).splitlines()
    for no, (raw, blank) in enumerate(zip(raw_lines, blank_lines), 1):
        if not re.match(r"^\s*#\s*include", blank):
            continue
        m = INCLUDE_RE.match(raw)
        if not m:
            continue
        target = resolve(root, rel, m.group(1), m.group(2))
        if target is None:
            continue
        if target == "<bare>":
            elsewhere = [h for h in find_bare_elsewhere(root, m.group(2))
                         if module_of(h.replace(os.sep, "/")) != module]
            if elsewhere:
                problems.append(f"{rel}:{no}: includes \"{m.group(2)}\" without its directory; "
                                f"it is {elsewhere[0]} (write includes relative to the "
                                f"source root)")
            continue
        tmod = module_of(target)
        if tmod == "public" or tmod == module:
            continue
        if tmod is None or tmod not in allowed:
            problems.append(f"{rel}:{no}: {module} may not include {target} "
                            f"(allowed: public API, {', '.join(allowed)})")


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    root = argv[1]
    problems = []
    count = 0
    for rel, full in scan.iter_files(root, dirs=CHECKED_TOPS):
        count += 1
        check_file(root, rel, full, problems)
    for p in problems:
        print(p)
    print(f"layering: {count} file(s) checked, {len(problems)} violation(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
