#!/usr/bin/env python3
"""Check our version scripts against Debian's libraries and clients.

usage: check-syms.py --syms-dir DIR [--api-dir DIR] [--libdir DIR] [--imports FILE]
                     [--built NAME=PATH ...]

NAME is one of libvirt, libvirt-qemu, libvirt-lxc, libvirt-admin.  For each library:
the node chain is linear and the first node hides everything else; the symbols are
exactly the functions and variables of the API description; every (symbol, node) pair
equals the public exports of Debian's library (nm -D) and the node parents match
(objdump -p).  Every public import of Debian's clients (--imports) is provided in the
node the client asks for.  --built compares a library we built the same way.
Missing Debian files are a failure, not a skip.
"""

import argparse
import glob
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

LIBS = {
    "libvirt": ("libvirt.syms", "libvirt-api.xml", "libvirt.so.0"),
    "libvirt-qemu": ("libvirt-qemu.syms", "libvirt-qemu-api.xml", "libvirt-qemu.so.0"),
    "libvirt-lxc": ("libvirt-lxc.syms", "libvirt-lxc-api.xml", "libvirt-lxc.so.0"),
    "libvirt-admin": ("libvirt-admin.syms", "libvirt-admin-api.xml", "libvirt-admin.so.0"),
}


def parse_syms(path):
    with open(path) as f:
        text = re.sub(r"#[^\n]*", "", f.read())
    nodes = []
    for m in re.finditer(r"([A-Za-z_][\w.]*)\s*\{(.*?)\}\s*([A-Za-z_][\w.]*)?\s*;", text, re.S):
        name, body, parent = m.group(1), m.group(2), m.group(3)
        glob = re.search(r"global\s*:(.*?)(local\s*:|$)", body, re.S)
        syms = re.findall(r"([A-Za-z_]\w*)\s*;", glob.group(1)) if glob else []
        local = re.search(r"local\s*:\s*\*\s*;", body) is not None
        nodes.append((name, parent, syms, local))
    return nodes


def elf_exports(path):
    out = subprocess.run(["nm", "-D", "--defined-only", "--with-symbol-versions", path],
                         stdout=subprocess.PIPE, universal_newlines=True, check=True).stdout
    pairs = set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) < 3 or "@" not in parts[2]:
            continue
        sym, node = re.split(r"@+", parts[2], maxsplit=1)
        if "PRIVATE" not in node:
            pairs.add((sym, node))
    dump = subprocess.run(["objdump", "-p", path], stdout=subprocess.PIPE,
                          universal_newlines=True, check=True).stdout
    parents, current, in_defs = {}, None, False
    for line in dump.splitlines():
        if line.startswith("Version definitions:"):
            in_defs = True
            continue
        if in_defs:
            if not line.strip():
                break
            m = re.match(r"^\d+\s+0x\w+\s+0x\w+\s+(\S+)", line)
            if m:
                current = m.group(1)
                parents.setdefault(current, None)
            elif current:
                parents[current] = line.split()[0]
    return pairs, {k: v for k, v in parents.items() if k.startswith("LIBVIRT") and "PRIVATE" not in k}


def api_names(path):
    root = ET.parse(path).getroot().find("symbols")
    return {e.get("name") for e in root if e.tag in ("function", "variable")}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--syms-dir", required=True)
    ap.add_argument("--api-dir", default="/usr/share/libvirt/api")
    ap.add_argument("--libdir", help="where Debian's libvirt*.so.0 live (default: search /usr/lib)")
    ap.add_argument("--imports")
    ap.add_argument("--built", action="append", default=[])
    opts = ap.parse_args()

    if not opts.libdir:
        hits = sorted(glob.glob("/usr/lib/*/libvirt.so.0")) + \
            [p for p in ("/usr/lib64/libvirt.so.0", "/usr/lib/libvirt.so.0") if os.path.exists(p)]
        opts.libdir = os.path.dirname(hits[0]) if hits else "/usr/lib"

    problems = []
    need = [os.path.join(opts.api_dir, x[1]) for x in LIBS.values()] + \
        [os.path.join(opts.libdir, x[2]) for x in LIBS.values()]
    missing = [p for p in need if not os.path.exists(p)]
    if missing:
        print("FAIL: Debian's libvirt-dev/libvirt0 are required for this check; missing: "
              + ", ".join(missing))
        sys.exit(1)

    ours_all = set()
    ours_by_lib = {}
    for lib, (syms, xml, so) in LIBS.items():
        nodes = parse_syms(os.path.join(opts.syms_dir, syms))
        if not nodes:
            problems.append("%s: no version nodes" % syms)
            continue
        pairs = set()
        seen = set()
        for i, (name, parent, names, local) in enumerate(nodes):
            want_parent = nodes[i - 1][0] if i else None
            if parent != want_parent:
                problems.append("%s: node %s inherits %s, expected %s"
                                % (syms, name, parent, want_parent))
            if local != (i == 0):
                problems.append("%s: 'local: *;' must be in the first node only (%s)" % (syms, name))
            if "PRIVATE" in name:
                problems.append("%s: private node %s must not be exported" % (syms, name))
            for s in names:
                if s in seen:
                    problems.append("%s: %s listed twice" % (syms, s))
                seen.add(s)
                pairs.add((s, name))
        ours_by_lib[lib] = (pairs, {n: p for n, p, _, _ in nodes})
        ours_all |= pairs

        api = api_names(os.path.join(opts.api_dir, xml))
        if seen != api:
            problems.append("%s: differs from %s: only in syms %s, only in API %s"
                            % (syms, xml, sorted(seen - api), sorted(api - seen)))

        deb_pairs, deb_parents = elf_exports(os.path.join(opts.libdir, so))
        if pairs != deb_pairs:
            problems.append("%s vs Debian %s: only ours %s, only Debian %s"
                            % (syms, so, sorted(pairs - deb_pairs), sorted(deb_pairs - pairs)))
        if ours_by_lib[lib][1] != deb_parents:
            problems.append("%s: node chain differs from Debian's %s" % (syms, so))

    for spec in opts.built:
        lib, _, path = spec.partition("=")
        if lib not in ours_by_lib or not os.path.exists(path):
            problems.append("--built %s: unknown library or missing file" % spec)
            continue
        got, parents = elf_exports(path)
        want = ours_by_lib[lib][0]
        if got != want:
            problems.append("built %s: only in ELF %s, missing %s"
                            % (path, sorted(got - want), sorted(want - got)))
        if parents != ours_by_lib[lib][1]:
            problems.append("built %s: node chain differs from %s" % (path, LIBS[lib][0]))

    nimports = 0
    if opts.imports:
        with open(opts.imports) as f:
            for line in f:
                if not line.strip() or line.startswith("#"):
                    continue
                consumer, sym, node = line.split()
                nimports += 1
                if (sym, node) not in ours_all:
                    problems.append("%s imports %s@%s, which we do not export" % (consumer, sym, node))

    if problems:
        for p in problems:
            print("FAIL: " + p)
        sys.exit(1)
    print("version scripts match Debian: %s; %d client imports satisfied"
          % (", ".join("%s %d" % (k, len(v[0])) for k, v in ours_by_lib.items()), nimports))


if __name__ == "__main__":
    main()
