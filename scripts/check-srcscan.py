"""Helpers shared by the source checks (check-layering.py, check-banned.py,
check-sizes.py): walking the tree and blanking out C comments and literals.

Not a check by itself; the others load it with load_srcscan(). Blanking keeps
every character offset and line number, so a match in the blanked text can be
reported (and its arguments read back from the raw text) at the right place.
"""

import os

# Top-level directories holding our C code; build directories never live
# inside them.
CODE_DIRS = ("api", "common", "daemons", "tools", "protocol", "bench", "tests")
SKIP_DIR_NAMES = {".git", "__pycache__", "subprojects"}


def iter_files(root, dirs=CODE_DIRS, exts=(".c", ".h")):
    """Yield (relative path with '/' separators, absolute path), sorted."""
    for top in dirs:
        base = os.path.join(root, top)
        if not os.path.isdir(base):
            continue
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames[:] = sorted(d for d in dirnames
                                 if d not in SKIP_DIR_NAMES
                                 and not os.path.exists(os.path.join(dirpath, d,
                                                                     "meson-private")))
            for name in sorted(filenames):
                if name.endswith(exts):
                    full = os.path.join(dirpath, name)
                    yield os.path.relpath(full, root).replace(os.sep, "/"), full


def read_text(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


def blank_c(text):
    """Return text with comments and the insides of string and character
    literals replaced by spaces (newlines kept, quotes kept)."""
    out = list(text)
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c == "/" and i + 1 < n and text[i + 1] == "*":
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            for j in range(i, end):
                if out[j] != "\n":
                    out[j] = " "
            i = end
        elif c == "/" and i + 1 < n and text[i + 1] == "/":
            while i < n and text[i] != "\n":
                out[i] = " "
                i += 1
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                if text[j] == "\\" and j + 1 < n:
                    out[j] = " "
                    j += 1
                out[j] = " " if text[j] != "\n" else "\n"
                j += 1
            i = j + 1
        else:
            i += 1
    return "".join(out)


def line_of(text, offset):
    return text.count("\n", 0, offset) + 1


def matching_paren(text, open_idx):
    """Index of the ')' closing the '(' at open_idx, or -1."""
    depth = 0
    for i in range(open_idx, len(text)):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth -= 1
            if depth == 0:
                return i
    return -1
