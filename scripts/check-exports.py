#!/usr/bin/env python3
"""Exported symbols vs the version script (STYLE.md practice 12), both ways:
every symbol listed in SYMS is exported by LIB with the version node it is
listed under, and LIB exports nothing that is not listed.

usage: check-exports.py SYMS[,SYMS...] LIB [SYMS[,SYMS...] LIB ...]
A library linked with several version scripts gets them comma-separated.
Prints one line per problem ("LIB: ..." / "SYMS:line: ...") and exits 1 if any.
Needs `nm` (binutils) with --with-symbol-versions.
"""

import re
import subprocess
import sys

NODE_OPEN = re.compile(r"^\s*([A-Za-z_][\w.]*)\s*\{")
NODE_CLOSE = re.compile(r"^\s*\}\s*([A-Za-z_][\w.]*)?\s*;")
SYMBOL = re.compile(r"^\s*([A-Za-z_]\w*)\s*;")
SECTION = re.compile(r"^\s*(global|local)\s*:")


def parse_syms(path):
    """Return ({symbol: (node, line)}, [problems]) from a version script."""
    listed = {}
    problems = []
    node = None
    section = None
    with open(path, encoding="utf-8") as f:
        text = f.read()
    # drop /* */ comments, keeping the line count
    text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), text,
                  flags=re.S)
    for no, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0]
        if not line.strip():
            continue
        m = NODE_OPEN.match(line)
        if m and node is None:
            node, section = m.group(1), "global"
            continue
        if NODE_CLOSE.match(line) and node is not None:
            node = None
            continue
        m = SECTION.match(line)
        if m:
            section = m.group(1)
            continue
        if node is None:
            problems.append(f"{path}:{no}: text outside a version node")
            continue
        if section == "local":
            continue            # "*;" and friends
        m = SYMBOL.match(line)
        if not m:
            problems.append(f"{path}:{no}: cannot parse '{line.strip()}'")
            continue
        sym = m.group(1)
        if sym in listed:
            problems.append(f"{path}:{no}: {sym} already listed in node "
                            f"{listed[sym][0]} (line {listed[sym][1]})")
            continue
        listed[sym] = (node, no)
    return listed, problems


def exported(lib):
    """Return {symbol: version or None} of LIB's defined dynamic symbols,
    leaving out the version node markers themselves."""
    out = subprocess.run(["nm", "-D", "--defined-only", "--with-symbol-versions", lib],
                         capture_output=True, text=True, check=True).stdout
    syms = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        kind, name = parts[1], parts[2]
        sym, _, version = name.partition("@")
        version = version.lstrip("@") or None
        if kind == "A" and (version is None or version == sym):
            continue                # the node names
        syms[sym] = version
    return syms


def check_pair(syms_paths, lib):
    listed = {}
    problems = []
    for path in syms_paths.split(","):
        more, more_problems = parse_syms(path)
        problems += more_problems
        for sym, where in more.items():
            if sym in listed:
                problems.append(f"{path}:{where[1]}: {sym} is also listed in another "
                                f"version script")
                continue
            listed[sym] = (where[0], where[1], path)
    have = exported(lib)
    for sym, (node, no, path) in sorted(listed.items(), key=lambda kv: (kv[1][2], kv[1][1])):
        if sym not in have:
            problems.append(f"{path}:{no}: {sym} is listed in {node} but "
                            f"{lib} does not export it")
        elif have[sym] != node:
            problems.append(f"{path}:{no}: {sym} is listed in {node} but "
                            f"exported with version {have[sym]}")
    for sym in sorted(have):
        if sym not in listed:
            problems.append(f"{lib}: exports {sym}@{have[sym]} which {syms_paths} does "
                            f"not list (make it static or hidden, or add it)")
    return len(listed), problems


def main(argv):
    if len(argv) < 3 or len(argv) % 2 != 1:
        print(__doc__, file=sys.stderr)
        return 2
    all_problems = []
    for syms_path, lib in zip(argv[1::2], argv[2::2]):
        count, problems = check_pair(syms_path, lib)
        all_problems += problems
        print(f"exports: {lib}: {count} listed symbol(s), {len(problems)} problem(s)")
    for p in all_problems:
        print(p)
    return 1 if all_problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
