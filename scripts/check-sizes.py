#!/usr/bin/env python3
"""Size limits (STYLE.md practice 19, pitfalls 1 and 9): every .c, .h and .py
file stays under 2000 lines, and a C function longer than 120 lines needs a
comment saying why: put "long-function: <reason>" in the comment just above
it (or in its first lines).

usage: check-sizes.py SRCDIR
Prints "file:line: ..." for each violation and exits 1 if any.
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

MAX_FILE_LINES = 2000          # a file must have fewer lines than this
MAX_FUNCTION_LINES = 120
WAIVER = "long-function:"
WAIVER_WINDOW = 25             # lines above the function searched for the waiver
SCANNED = scan.CODE_DIRS + ("scripts",)


def functions(blank):
    """Yield (name, first line, last line) of each top-level function body
    in blanked C text: a '{' at depth 0 right after a ')'."""
    depth = 0
    i = 0
    n = len(blank)
    while i < n:
        c = blank[i]
        if c == "{":
            if depth == 0:
                j = i - 1
                while j >= 0 and blank[j].isspace():
                    j -= 1
                if j >= 0 and blank[j] == ")":
                    # walk back to the '(' opening this parameter list
                    k, d = j, 0
                    while k >= 0:
                        if blank[k] == ")":
                            d += 1
                        elif blank[k] == "(":
                            d -= 1
                            if d == 0:
                                break
                        k -= 1
                    m = re.search(r"(\w+)\s*$", blank[:k])
                    end = find_close(blank, i)
                    if m and end > 0:
                        yield (m.group(1), scan.line_of(blank, m.start(1)),
                               scan.line_of(blank, end))
                        i = end + 1
                        continue
            depth += 1
        elif c == "}":
            depth = max(0, depth - 1)
        i += 1


def find_close(text, open_idx):
    depth = 0
    for i in range(open_idx, len(text)):
        if text[i] == "{":
            depth += 1
        elif text[i] == "}":
            depth -= 1
            if depth == 0:
                return i
    return -1


def check_functions(rel, raw, problems):
    blank = scan.blank_c(raw)
    lines = raw.splitlines()
    for name, first, last in functions(blank):
        length = last - first + 1
        if length <= MAX_FUNCTION_LINES:
            continue
        window = lines[max(0, first - 1 - WAIVER_WINDOW):min(len(lines), first + 5)]
        if any(WAIVER in line for line in window):
            continue
        problems.append(f"{rel}:{first}: function {name}() has {length} lines "
                        f"(limit {MAX_FUNCTION_LINES}; split it, or say why in a "
                        f"'{WAIVER}' comment)")


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    problems = []
    count = 0
    for rel, full in scan.iter_files(argv[1], dirs=SCANNED, exts=(".c", ".h", ".py")):
        count += 1
        raw = scan.read_text(full)
        nlines = raw.count("\n") + (0 if raw.endswith("\n") or not raw else 1)
        if nlines >= MAX_FILE_LINES:
            problems.append(f"{rel}:{nlines}: file has {nlines} lines "
                            f"(must stay under {MAX_FILE_LINES}; split it by concern)")
        if rel.endswith(".c"):
            check_functions(rel, raw, problems)
    for p in problems:
        print(p)
    print(f"sizes: {count} file(s) checked, {len(problems)} violation(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
