#!/usr/bin/env python3
"""Banned calls (STYLE.md practice 19): C calls that are easy to get wrong,
each with the reason and the replacement. Comments and string literals are
ignored. An exception is either a path in the rule's `allow` list (with the
reason next to it) or, for a single call, a comment on the same line:
    /* banned-ok: <rule id>: <why> */

usage: check-banned.py SRCDIR
Prints "file:line: [rule] call: why" for each hit and exits 1 if any.
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

# Directories scanned. Tests may use what they like.
SCANNED = ("api", "common", "daemons", "tools", "protocol", "bench")

# A call is "name(" not preceded by '.', '->' (a struct member) or an
# identifier character.
CALL = r"(?<![\w.>])"

# Each rule: id, pattern (on blanked source), why, allow list of
# (path prefix, reason), and an optional args check: a function taking the
# text between the call's parentheses (raw source) and returning True when
# that call is fine.
RULES = [
    {
        "id": "unbounded",
        "re": CALL + r"(strcpy|strcat|sprintf|vsprintf|gets)\s*\(",
        "why": "unbounded write; use g_strlcpy/g_strlcat/g_strdup_printf/snprintf",
        "allow": [],
    },
    {
        "id": "strncpy",
        "re": CALL + r"(strncpy)\s*\(",
        "why": "may not NUL-terminate; use g_strlcpy",
        "allow": [],
    },
    {
        "id": "strtol",
        "re": CALL + r"(atoi|atol|atoll|atof|strtol|strtoul|strtoll|strtoull|strtoimax|"
                     r"strtoumax|strtod|strtof|strtold|g_ascii_strtoll|g_ascii_strtoull|"
                     r"g_ascii_strtod)\s*\(",
        "why": "no or easy-to-miss error checks; use parse_*() from common/util/parse.h",
        "allow": [("common/util/parse.c", "the one place that wraps them, strictly")],
    },
    {
        "id": "dup",
        "re": CALL + r"(dup)\s*\(",
        "why": "leaks into children; use fcntl(fd, F_DUPFD_CLOEXEC, 3)",
        "allow": [],
    },
    {
        "id": "cloexec-open",
        "re": CALL + r"(open|open64|openat|openat64)\s*\(",
        "why": "open without O_CLOEXEC leaks the fd into spawned processes",
        "allow": [],
        "args_ok": lambda args: "O_CLOEXEC" in args,
    },
    {
        "id": "cloexec-fopen",
        "re": CALL + r"(fopen|fdopen)\s*\(",
        "why": "fopen mode without 'e' leaks the fd into spawned processes",
        "allow": [],
        "args_ok": lambda args: bool(re.search(r',\s*"[^"]*e[^"]*"\s*$', args)),
    },
    {
        "id": "cloexec-socket",
        "re": CALL + r"(socket|socketpair)\s*\(",
        "why": "socket without SOCK_CLOEXEC leaks the fd into spawned processes",
        "allow": [],
        "args_ok": lambda args: "SOCK_CLOEXEC" in args,
    },
    {
        "id": "cloexec-accept",
        "re": CALL + r"(accept|pipe)\s*\(",
        "why": "use accept4(..., SOCK_CLOEXEC) / pipe2(..., O_CLOEXEC)",
        "allow": [],
    },
    {
        "id": "exit",
        "re": CALL + r"(exit)\s*\(",
        "why": "return from main, or _exit() in a forked child",
        "allow": [("tools/", "command-line tools may exit"),
                  ("bench/", "benchmarks are command-line tools")],
    },
    {
        "id": "strcmp",
        "re": CALL + r"(strcmp)\s*\(",
        "why": "equality through strcmp is easy to invert; use g_str_equal (or "
               "g_strcmp0 for NULLs)",
        "allow": [],
        # only equality tests are banned; ordering comparisons are fine
        "call_ok": lambda before, after: not (re.match(r"\s*[!=]=\s*0\b", after)
                                              or re.search(r"!\s*$", before)),
    },
]

WAIVER_RE = re.compile(r"banned-ok:\s*([\w-]+)")


def allowed_path(rule, rel):
    return any(rel.startswith(prefix) for prefix, _why in rule["allow"])


def check_file(rel, full, problems):
    raw = scan.read_text(full)
    blank = scan.blank_c(raw)
    raw_lines = raw.splitlines()
    for rule in RULES:
        if allowed_path(rule, rel):
            continue
        for m in re.finditer(rule["re"], blank):
            open_idx = m.end() - 1
            close_idx = scan.matching_paren(blank, open_idx)
            if close_idx < 0:
                close_idx = open_idx
            if "args_ok" in rule and rule["args_ok"](raw[open_idx + 1:close_idx]):
                continue
            if "call_ok" in rule:
                line_start = blank.rfind("\n", 0, m.start()) + 1
                if rule["call_ok"](blank[line_start:m.start()],
                                   blank[close_idx + 1:close_idx + 40]):
                    continue
            line = scan.line_of(blank, m.start())
            waiver = WAIVER_RE.search(raw_lines[line - 1]) if line <= len(raw_lines) else None
            if waiver and waiver.group(1) == rule["id"]:
                continue
            problems.append(f"{rel}:{line}: [{rule['id']}] {m.group(1)}(): {rule['why']}")


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    problems = []
    count = 0
    for rel, full in scan.iter_files(argv[1], dirs=SCANNED):
        count += 1
        check_file(rel, full, problems)
    for p in problems:
        print(p)
    print(f"banned calls: {count} file(s) checked, {len(problems)} violation(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
