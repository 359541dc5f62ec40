#!/usr/bin/env python3
"""Self-test of the house checks: build a small tree with known violations
(and look-alikes that must pass), run each checker on it and compare what it
reports, file:line by file:line.

usage: selftest.py SCRIPTS_DIR
"""

import os
import shutil
import subprocess
import sys
import tempfile

TREE = {
    # ---- layering ----
    "common/util/lay.c":
        '#include "config.h"\n'
        '#include <libvirt/virterror.h>\n'
        '#include "common/util/err.h"\n'
        '#include "common/rpc/conn.h"\n'               # 4: util may not use rpc
        '/* #include "common/conf/x.h" */\n'            # in a comment: ignored
        '#include "local.h"\n',                         # 6: same dir: fine
    "common/util/local.h": "#pragma once\n",
    "common/util/err.h": "#pragma once\n",
    "common/rpc/conn.h": "#pragma once\n",
    "common/conf/x.h": "#pragma once\n",
    "daemons/virtqemud/q.c":
        '#include "common/daemon/d.h"\n'
        '#include "daemons/virtqemud/own.h"\n'
        '#include "daemons/virtnetworkd/n.h"\n'        # 3: another daemon
        '#include "../virtnetworkd/n.h"\n'              # 4: same, relative
        '#include "n2.h"\n',                            # 5: bare, lives in virtnetworkd
    "daemons/virtqemud/own.h": "#pragma once\n",
    "daemons/virtnetworkd/n.h": "#pragma once\n",
    "daemons/virtnetworkd/n2.h": "#pragma once\n",
    "common/daemon/d.h": "#pragma once\n",
    "tools/virsh.c":
        '#include <libvirt/libvirt.h>\n'
        '#include "common/util/err.h"\n'
        '#include "common/conf/x.h"\n'                  # 3: tools may not use conf
        'int main(void) { exit(0); }\n',                # exit allowed in tools/
    # ---- banned calls ----
    "common/util/ban.c":
        'void f(char *d, const char *s)\n'
        '{\n'
        '    strcpy(d, s);\n'                                           # 3
        '    /* sprintf(d, "x"); in a comment */\n'
        '    g_print("exit(1) inside a string");\n'
        '    int fd = open(s, O_RDONLY);\n'                             # 6
        '    int ok = open(s,\n'
        '                  O_RDONLY | O_CLOEXEC);\n'
        '    if (strcmp(d, s) == 0) return;\n'                          # 9
        '    if (strcmp(d, s) < 0) return;\n'
        '    if (!strcmp(d, s)) return;\n'                              # 11
        '    int n = atoi(s);\n'                                        # 12
        '    int w = dup(fd); /* banned-ok: dup: documented */\n'
        '    int x = dup(fd);\n'                                        # 14
        '    FILE *a = fopen(s, "r");\n'                                # 15
        '    FILE *b = fopen(s, "re");\n'
        '    int k = socket(AF_UNIX, SOCK_STREAM, 0);\n'                # 17
        '    int l = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);\n'
        '    ops->open(s);\n'
        '    _exit(1);\n'
        '    exit(1);\n'                                                # 21
        '    g_strcmp0(d, s) == 0;\n'
        '}\n',
    "common/util/parse.c":
        'long f(const char *s) { return strtol(s, NULL, 10); }\n',     # allowed here
    # ---- sizes ----
    "common/conf/long.c":
        "static int\nlong_one(void)\n{\n" + "    x();\n" * 130 + "}\n"
        "\n/* long-function: one table-like switch, kept together on purpose */\n"
        "static int\nlong_ok(void)\n{\n" + "    x();\n" * 130 + "}\n"
        "static const int table[] = {\n" + "    1,\n" * 130 + "};\n",
    "common/conf/huge.h": "/* x */\n" * 2000,
    "scripts/fine.py": "x = 1\n" * 1999,
}

EXPECT = {
    "check-layering.py": [
        "common/util/lay.c:4: common/util may not include common/rpc/conn.h",
        "daemons/virtqemud/q.c:3: daemons/virtqemud may not include daemons/virtnetworkd/n.h",
        "daemons/virtqemud/q.c:4: daemons/virtqemud may not include daemons/virtnetworkd/n.h",
        "daemons/virtqemud/q.c:5: includes \"n2.h\" without its directory",
        "tools/virsh.c:3: tools may not include common/conf/x.h",
    ],
    "check-banned.py": [
        "common/util/ban.c:3: [unbounded] strcpy()",
        "common/util/ban.c:6: [cloexec-open] open()",
        "common/util/ban.c:9: [strcmp] strcmp()",
        "common/util/ban.c:11: [strcmp] strcmp()",
        "common/util/ban.c:12: [strtol] atoi()",
        "common/util/ban.c:14: [dup] dup()",
        "common/util/ban.c:15: [cloexec-fopen] fopen()",
        "common/util/ban.c:17: [cloexec-socket] socket()",
        "common/util/ban.c:21: [exit] exit()",
    ],
    "check-sizes.py": [
        "common/conf/long.c:2: function long_one() has 133 lines",
        "common/conf/huge.h:2000: file has 2000 lines",
    ],
}

VERSION_SCRIPT = """
# test nodes
NODE_1 {
    global:
        good_one;
        wrong_node;
        missing_one;
    local:
        *;
};
NODE_2 {
    global:
        good_two;
} NODE_1;
"""

# What the library is really linked with: differs from VERSION_SCRIPT in
# wrong_node's node, the missing missing_one and the extra unlisted.
LINK_SCRIPT = """
NODE_1 {
    global:
        good_one;
    local:
        *;
};
NODE_2 {
    global:
        good_two;
        wrong_node;
        unlisted;
} NODE_1;
"""

LIB_SOURCE = """
int good_one(void) { return 1; }
int good_two(void) { return 2; }
int wrong_node(void) { return 3; }
int unlisted(void) { return 4; }
"""

EXPORT_EXPECT = [
    "wrong_node is listed in NODE_1 but exported with version NODE_2",
    "missing_one is listed in NODE_1 but",
]


def write_tree(root):
    for rel, text in TREE.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)


def run(script, args):
    res = subprocess.run([sys.executable, script] + args, capture_output=True, text=True,
                         check=False)
    return res.returncode, res.stdout + res.stderr


def check_reports(name, rc, out, expected, failures):
    if rc != 1:
        failures.append(f"{name}: exit status {rc}, expected 1\n{out}")
    reported = [line for line in out.splitlines() if ": " in line and
                not line.startswith(("layering:", "banned calls:", "sizes:", "exports:"))]
    for want in expected:
        if not any(want in line for line in reported):
            failures.append(f"{name}: did not report '{want}'\n{out}")
    for line in reported:
        if not any(want in line for want in expected):
            failures.append(f"{name}: unexpected report '{line}'")


def selftest_exports(scripts, tmp, failures):
    cc = shutil.which(os.environ.get("CC", "cc")) or shutil.which("gcc")
    if not cc or not shutil.which("nm"):
        print("exports: no C compiler or nm: skipped")
        return
    src = os.path.join(tmp, "lib.c")
    syms = os.path.join(tmp, "lib.syms")
    lib = os.path.join(tmp, "libt.so")
    with open(src, "w", encoding="utf-8") as f:
        f.write(LIB_SOURCE)
    link_syms = os.path.join(tmp, "link.syms")
    with open(link_syms, "w", encoding="utf-8") as f:
        f.write(LINK_SCRIPT)
    with open(syms, "w", encoding="utf-8") as f:
        f.write(VERSION_SCRIPT)
    res = subprocess.run([cc, "-shared", "-fPIC", "-o", lib, src,
                          "-Wl,--version-script=" + link_syms],
                         capture_output=True, text=True, check=False)
    if res.returncode != 0:
        print("exports: cannot build the test library: skipped\n" + res.stderr)
        return
    rc, out = run(os.path.join(scripts, "check-exports.py"), [syms, lib])
    if rc != 1:
        failures.append(f"check-exports.py: exit status {rc}, expected 1\n{out}")
    for want in EXPORT_EXPECT:
        if want not in out:
            failures.append(f"check-exports.py: did not report '{want}'\n{out}")
    if "exports unlisted@" not in out:
        failures.append(f"check-exports.py: did not report the unlisted symbol\n{out}")
    for ok in ("good_one", "good_two"):
        if ok in out:
            failures.append(f"check-exports.py: complained about {ok}\n{out}")


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    scripts = argv[1]
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        root = os.path.join(tmp, "tree")
        write_tree(root)
        for script, expected in EXPECT.items():
            rc, out = run(os.path.join(scripts, script), [root])
            check_reports(script, rc, out, expected, failures)
        # a clean tree passes every source check
        clean = os.path.join(tmp, "clean")
        os.makedirs(os.path.join(clean, "common", "util"))
        with open(os.path.join(clean, "common", "util", "ok.c"), "w", encoding="utf-8") as f:
            f.write('#include "config.h"\n#include "common/util/ok.h"\n'
                    'int\nok(void)\n{\n    return 0;\n}\n')
        for script in EXPECT:
            rc, out = run(os.path.join(scripts, script), [clean])
            if rc != 0:
                failures.append(f"{script}: failed on a clean tree\n{out}")
        selftest_exports(scripts, tmp, failures)
    for f in failures:
        print(f)
    print(f"checks selftest: {len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
