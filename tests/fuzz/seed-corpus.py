#!/usr/bin/env python3
"""Assemble one fuzz target's seed corpus in the build tree, at build time.

usage: seed-corpus.py [--mkdir DIR]... [--dict FILE] OUTDIR STAMP SRCDIR:PATTERN...

OUTDIR is emptied, then every regular file of each SRCDIR (not recursive)
whose name matches the shell PATTERN is copied into it, named
<SRCDIR parent's basename>-<file name> (data-, corpus-, regressions-) so
that sources cannot collide. A missing
SRCDIR is skipped (a format may have no golden files yet). STAMP is written
last. Each --mkdir DIR is created if missing (libFuzzer's writable corpus
and artifact directories). --dict FILE writes a libFuzzer dictionary of the
element names, attribute names and short attribute values seen in the
copied files. Python 3 stdlib only.
"""

import fnmatch
import os
import re
import shutil
import sys


ELEMENT = re.compile(rb"<([A-Za-z_][\w:.-]*)")
ATTRIBUTE = re.compile(rb"\s([A-Za-z_][\w:.-]*)=['\"]([^'\"<>&]{0,32})['\"]")


def dict_entry(token):
    out = []
    for b in token:
        if b in (0x22, 0x5c) or b < 0x20 or b > 0x7e:
            out.append("\\x%02x" % b)
        else:
            out.append(chr(b))
    return '"%s"' % "".join(out)


def write_dict(path, files):
    tokens = set()
    for name in files:
        with open(name, "rb") as f:
            text = f.read()
        for m in ELEMENT.finditer(text):
            tokens.add(b"<" + m.group(1))
            tokens.add(b"</" + m.group(1) + b">")
        for m in ATTRIBUTE.finditer(text):
            tokens.add(b" " + m.group(1) + b"='")
            if m.group(2):
                tokens.add(b"'" + m.group(2) + b"'")
    with open(path, "w") as f:
        for t in sorted(tokens):
            f.write(dict_entry(t) + "\n")


def main(argv):
    args = argv[1:]
    dict_path = None
    while len(args) >= 2 and args[0] in ("--mkdir", "--dict"):
        if args[0] == "--mkdir":
            os.makedirs(args[1], exist_ok=True)
        else:
            dict_path = args[1]
        args = args[2:]
    if len(args) < 3:
        sys.stderr.write(__doc__)
        return 2
    out, stamp, specs = args[0], args[1], args[2:]
    os.makedirs(out, exist_ok=True)
    for name in os.listdir(out):
        path = os.path.join(out, name)
        if os.path.isfile(path):
            os.unlink(path)
    copied = []
    for spec in specs:
        src, _, pattern = spec.rpartition(":")
        if not os.path.isdir(src):
            continue
        tag = os.path.basename(os.path.dirname(os.path.normpath(src)))
        for name in sorted(os.listdir(src)):
            path = os.path.join(src, name)
            if os.path.isfile(path) and fnmatch.fnmatch(name, pattern):
                dest = os.path.join(out, tag + "-" + name)
                shutil.copyfile(path, dest)
                copied.append(dest)
    if dict_path:
        write_dict(dict_path, copied)
    with open(stamp, "w") as f:
        f.write("%d\n" % len(copied))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
