#!/usr/bin/env python3
"""Compare our public headers with Debian's libvirt-dev, item by item.

usage: check-abi.py --include OUR_INCLUDE_DIR [--api-dir DIR] [--system-include DIR]
                    [--keep DIR] [-- CC [CC-ARGS...]]

For every enum constant, macro, typedef, struct (size, alignment, field offsets and
sizes), function type, function and variable described in Debian's *-api.xml, one probe
program is built twice (our headers / Debian's headers) and its outputs must be equal.
A second translation unit redeclares every function, function type, typedef, variable
and struct field type as the API description states them, on top of each header set;
any conflict is a compile error.  A third one finds which *_LAST enumerators exist
without VIR_ENUM_SENTINELS.  Finally the headers must build cleanly with strict
warnings.  Missing libvirt-dev is a failure, not a skip.
"""

import argparse
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

API_XMLS = ["libvirt-api.xml", "libvirt-qemu-api.xml",
            "libvirt-lxc-api.xml", "libvirt-admin-api.xml"]
TOP_HEADERS = ["libvirt/libvirt.h", "libvirt/virterror.h", "libvirt/libvirt-qemu.h",
               "libvirt/libvirt-lxc.h", "libvirt/libvirt-admin.h"]
STRICT = ["-std=gnu11", "-Wall", "-Wextra", "-Werror", "-Wstrict-prototypes",
          "-Wmissing-prototypes"]

# Probes for the function-like macros: expressions printed as long long.
MACRO_PROBES = {
    "LIBVIR_CHECK_VERSION": ["LIBVIR_CHECK_VERSION(9, 0, 0)", "LIBVIR_CHECK_VERSION(9, 0, 1)",
                             "LIBVIR_CHECK_VERSION(8, 999, 999)",
                             "LIBVIR_CHECK_VERSION(10, 0, 0)"],
    "VIR_CPU_MAPLEN": ["VIR_CPU_MAPLEN(%d)" % i for i in (0, 1, 7, 8, 9, 16, 17, 255, 256)],
    "VIR_USE_CPU": ["(VIR_USE_CPU(map, 3), VIR_USE_CPU(map, 10), map[0] + 256 * map[1])"],
    "VIR_UNUSE_CPU": ["(VIR_UNUSE_CPU(map, 3), map[0] + 256 * map[1])"],
    "VIR_CPU_USED": ["!!VIR_CPU_USED(map, 10)", "!!VIR_CPU_USED(map, 3)"],
    "VIR_GET_CPUMAP": ["VIR_GET_CPUMAP(maps, 2, 3) - maps"],
    "VIR_CPU_USABLE": ["!!VIR_CPU_USABLE(maps, 2, 1, 9)", "!!VIR_CPU_USABLE(maps, 2, 1, 8)"],
    "VIR_COPY_CPUMAP": ["(VIR_COPY_CPUMAP(maps, 2, 1, map), map[0] + 256 * map[1])"],
    "VIR_NODEINFO_MAXCPUS": ["VIR_NODEINFO_MAXCPUS(ninfo)"],
    "VIR_DOMAIN_EVENT_CALLBACK":
        ["__builtin_types_compatible_p(__typeof__(VIR_DOMAIN_EVENT_CALLBACK(cb_probe)),"
         " virConnectDomainEventGenericCallback)"],
    "VIR_NETWORK_EVENT_CALLBACK":
        ["__builtin_types_compatible_p(__typeof__(VIR_NETWORK_EVENT_CALLBACK(cb_probe)),"
         " virConnectNetworkEventGenericCallback)"],
    "VIR_NODE_DEVICE_EVENT_CALLBACK":
        ["__builtin_types_compatible_p(__typeof__(VIR_NODE_DEVICE_EVENT_CALLBACK(cb_probe)),"
         " virConnectNodeDeviceEventGenericCallback)"],
    "VIR_SECRET_EVENT_CALLBACK":
        ["__builtin_types_compatible_p(__typeof__(VIR_SECRET_EVENT_CALLBACK(cb_probe)),"
         " virConnectSecretEventGenericCallback)"],
    "VIR_STORAGE_POOL_EVENT_CALLBACK":
        ["__builtin_types_compatible_p(__typeof__(VIR_STORAGE_POOL_EVENT_CALLBACK(cb_probe)),"
         " virConnectStoragePoolEventGenericCallback)"],
}


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def load_api(api_dir):
    syms = {k: [] for k in ("macro", "enum", "typedef", "struct", "functype",
                            "function", "variable")}
    for x in API_XMLS:
        root = ET.parse(os.path.join(api_dir, x)).getroot().find("symbols")
        for el in root:
            syms[el.tag].append(el)
    return syms


def decl(ctype, name):
    ctype = re.sub(r"\*\s+const$", "*const", ctype.strip())
    return ctype + name if ctype.endswith("*") else ctype + " " + name


def field_type(ctype):
    m = re.match(r"^(.*?)\s*\w+(\[[^\]]+\])$", ctype)
    return m.group(1) + m.group(2) if m else ctype


def prologue(sentinels=True):
    lines = []
    if sentinels:
        lines.append("#define VIR_ENUM_SENTINELS")
    lines += ["#include <stddef.h>", "#include <stdio.h>", "#include <string.h>"]
    lines += ["#include <%s>" % h for h in TOP_HEADERS]
    return lines


def probe_source(api):
    out = prologue()
    out += ["", "static void cb_probe(void) {}", "",
            "#define PI(tag, name, expr) printf(\"%s %s %lld\\n\", tag, name, (long long)(expr))",
            "#define PZ(tag, name, expr) printf(\"%s %s %zu\\n\", tag, name, (size_t)(expr))",
            "", "int main(void)", "{",
            "    unsigned char map[4] = { 0x0f, 0, 0, 0 };",
            "    unsigned char maps[8] = { 1, 2, 4, 8, 16, 32, 64, 128 };",
            "    virNodeInfo ninfo = { .nodes = 2, .sockets = 3, .cores = 5, .threads = 7 };",
            "    (void)ninfo;"]
    for e in sorted(api["enum"], key=lambda e: e.get("name")):
        n = e.get("name")
        out.append('    PI("enum", "%s", %s);' % (n, n))
        out.append('    PZ("enum-size", "%s", sizeof(%s));' % (n, n))
        out.append('    PI("enum-signed", "%s", (__typeof__(%s))-1 < 0);' % (n, n))
    missing_probe = []
    for m in sorted(api["macro"], key=lambda m: m.get("name")):
        n = m.get("name")
        if "string" in m.attrib:
            out.append('    printf("string %%s \\"%%s\\" %%zu\\n", "%s", "" %s "", sizeof(%s));'
                       % (n, n, n))
        elif m.get("params"):
            probes = MACRO_PROBES.get(n)
            if probes is None:
                missing_probe.append(n)
                continue
            for i, p in enumerate(probes):
                out.append('    PI("macro", "%s#%d", %s);' % (n, i, p))
        elif re.match(r"^_vir\w+$", m.get("raw") or ""):
            out.append('    PZ("tag-size", "%s", sizeof(struct %s));' % (n, n))
        else:
            out.append('    PI("int", "%s", %s);' % (n, n))
            out.append('    PZ("int-size", "%s", sizeof(%s));' % (n, n))
            out.append('    PI("int-signed", "%s", (__typeof__(%s))-1 < 0);' % (n, n))
    for t in sorted(api["typedef"], key=lambda t: t.get("name")):
        n = t.get("name")
        out.append('    PZ("typedef-size", "%s", sizeof(%s));' % (n, n))
        if t.get("type") == "enum":
            out.append('    PI("typedef-signed", "%s", (%s)-1 < 0);' % (n, n))
    for s in sorted(api["struct"], key=lambda s: s.get("name")):
        n = s.get("name")
        fields = s.findall("field")
        if not fields:
            continue
        out.append('    PZ("struct-size", "%s", sizeof(%s));' % (n, n))
        out.append('    PZ("struct-align", "%s", _Alignof(%s));' % (n, n))
        for f in fields:
            paths = [f.get("name")]
            if f.get("type") == "union":
                paths += ["%s.%s" % (f.get("name"), u.get("name"))
                          for u in f.find("union").findall("field")]
            for p in paths:
                out.append('    PZ("offset", "%s.%s", offsetof(%s, %s));' % (n, p, n, p))
                out.append('    PZ("field-size", "%s.%s", sizeof(((%s *)0)->%s));' % (n, p, n, p))
    for f in sorted(api["functype"], key=lambda f: f.get("name")):
        n = f.get("name")
        out.append('    PZ("functype-size", "%s", sizeof(%s));' % (n, n))
    for f in sorted(api["function"], key=lambda f: f.get("name")):
        n = f.get("name")
        out.append('    PZ("function", "%s", sizeof(&%s));' % (n, n))
    for v in api["variable"]:
        n = v.get("name")
        out.append('    PZ("variable", "%s", sizeof(%s));' % (n, n))
    out += ["    return 0;", "}", ""]
    return "\n".join(out), missing_probe


def decls_source(api):
    out = prologue()
    out.append("")
    for f in sorted(api["function"], key=lambda f: f.get("name")):
        args = [decl(a.get("type"), a.get("name")) for a in f.findall("arg")] or ["void"]
        out.append("%s(%s);" % (decl(f.find("return").get("type"), f.get("name")),
                                ", ".join(args)))
    for f in sorted(api["functype"], key=lambda f: f.get("name")):
        args = [decl(a.get("type"), a.get("name")) for a in f.findall("arg")] or ["void"]
        out.append("typedef %s(%s);" % (decl(f.find("return").get("type"),
                                             "(*%s)" % f.get("name")), ", ".join(args)))
    for t in sorted(api["typedef"], key=lambda t: t.get("name")):
        if t.get("type") != "enum":
            out.append("typedef %s;" % decl(t.get("type"), t.get("name")))
    for s in sorted(api["struct"], key=lambda s: s.get("name")):
        n = s.get("name")
        out.append("typedef %s %s;" % (s.get("type"), n))
        for f in s.findall("field"):
            if f.get("type") == "union":
                items = [("%s.%s" % (f.get("name"), u.get("name")), u.get("type"))
                         for u in f.find("union").findall("field")]
            else:
                items = [(f.get("name"), f.get("type"))]
            for path, ftype in items:
                out.append("_Static_assert(__builtin_types_compatible_p(__typeof__(((%s *)0)->%s),"
                           " %s), \"%s.%s\");" % (n, path, field_type(ftype), n, path))
    for v in api["variable"]:
        out.append("extern %s;" % decl(v.get("type"), v.get("name")))
    out.append("")
    return "\n".join(out)


def sentinel_source(api):
    out = prologue(sentinels=False)
    out.append("")
    for e in sorted(api["enum"], key=lambda e: e.get("name")):
        if e.get("name").endswith("_LAST"):
            out.append("static int %s;" % e.get("name"))
    out.append("")
    return "\n".join(out)


def extra_names(api, ours_dir):
    known = {el.get("name") for kind in api.values() for el in kind}
    known |= {s.get("type").split()[-1] for s in api["struct"]}
    found = set()
    for fname in sorted(os.listdir(ours_dir)):
        if not fname.endswith(".h"):
            continue
        with open(os.path.join(ours_dir, fname)) as f:
            text = re.sub(r"/\*.*?\*/", " ", f.read(), flags=re.S)
        found |= set(re.findall(r"^\s+([A-Z][A-Z0-9_]*)\s*=", text, flags=re.M))
        found |= {m for m in re.findall(r"^\s*#\s*define\s+(\w+)", text, flags=re.M)
                  if not re.match(r"^(__VIR_\w+__|LIBVIRT_\w*_?H|VIR_DEPRECATED|VIR_EXPORT_VAR)$", m)}
        found |= set(re.findall(r"\b(vir\w+)\s*\(", text))
        found |= set(re.findall(r"\}\s*(vir\w+)\s*;", text))
        found |= set(re.findall(r"^typedef [^;(]*?\b(\w+);", text, flags=re.M))
    return sorted(found - known)


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, **kw)


def header_deps(depfile):
    with open(depfile) as f:
        text = f.read().replace("\\\n", " ")
    return [p for p in text.split(":", 1)[1].split() if "/libvirt/" in p and p.endswith(".h")]


class Side:
    def __init__(self, label, incflags, libvirt_dir):
        self.label = label
        self.incflags = incflags
        self.libvirt_dir = os.path.realpath(libvirt_dir)


def compile_c(cc, side, src, out, extra, work, errors):
    dep = out + ".d"
    cmd = cc + ["-std=gnu11", "-Wno-deprecated-declarations"] + side.incflags + extra + \
        ["-MD", "-MF", dep, src, "-o", out]
    r = run(cmd)
    if r.returncode != 0:
        return r
    for p in header_deps(dep):
        if not os.path.realpath(p).startswith(side.libvirt_dir + os.sep):
            errors.append("%s build of %s used %s (outside %s)"
                          % (side.label, os.path.basename(src), p, side.libvirt_dir))
    return r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--include", required=True, help="our api/include directory")
    ap.add_argument("--api-dir", default="/usr/share/libvirt/api")
    ap.add_argument("--system-include", default="/usr/include")
    ap.add_argument("--keep", help="write generated sources and outputs here")
    ap.add_argument("cc", nargs="*", default=None)
    opts = ap.parse_args()
    cc = opts.cc or [os.environ.get("CC", "cc")]

    deb_dir = os.path.join(opts.system_include, "libvirt")
    missing = [p for p in [os.path.join(deb_dir, "libvirt.h")] +
               [os.path.join(opts.api_dir, x) for x in API_XMLS] if not os.path.exists(p)]
    if missing:
        fail("Debian's libvirt-dev is required for this check (apt-get install libvirt-dev); "
             "missing: " + ", ".join(missing))
    ours_dir = os.path.join(opts.include, "libvirt")
    if not os.path.exists(os.path.join(ours_dir, "libvirt.h")):
        fail("our headers not found in " + ours_dir)

    api = load_api(opts.api_dir)
    work = opts.keep or tempfile.mkdtemp(prefix="check-abi-")
    os.makedirs(work, exist_ok=True)
    ours = Side("ours", ["-I" + os.path.abspath(opts.include)], ours_dir)
    deb = Side("debian", ["-I" + opts.system_include] if opts.system_include != "/usr/include"
               else [], deb_dir)
    problems = []

    extras = extra_names(api, ours_dir)
    if extras:
        problems.append("our headers declare names Debian's API lacks: " + ", ".join(extras))

    probe, missing_probe = probe_source(api)
    for n in missing_probe:
        problems.append("no probe for function-like macro %s (add one to MACRO_PROBES)" % n)
    sources = {"probe.c": probe, "decls.c": decls_source(api),
               "sentinels.c": sentinel_source(api),
               "strict.c": "\n".join(["#include <%s>" % h for h in TOP_HEADERS] +
                                     ["int main(void);", "int main(void) { return 0; }", ""])}
    for name, text in sources.items():
        with open(os.path.join(work, name), "w") as f:
            f.write(text)

    outputs = {}
    for side in (ours, deb):
        exe = os.path.join(work, "probe-" + side.label)
        r = compile_c(cc, side, os.path.join(work, "probe.c"), exe, [], work, problems)
        if r.returncode != 0:
            problems.append("%s: probe does not compile:\n%s" % (side.label, r.stderr[-4000:]))
            continue
        r = run([exe])
        if r.returncode != 0:
            problems.append("%s: probe failed to run: %s" % (side.label, r.stderr))
            continue
        outputs[side.label] = r.stdout.splitlines()
    if len(outputs) == 2:
        diff = list(difflib.unified_diff(outputs["debian"], outputs["ours"],
                                         "debian", "ours", lineterm="", n=0))
        if diff:
            problems.append("probe output differs (%d lines):\n%s"
                            % (len([d for d in diff if d[:1] in "+-"]) - 2, "\n".join(diff)))

    for side in (ours, deb):
        r = compile_c(cc, side, os.path.join(work, "decls.c"),
                      os.path.join(work, "decls-%s.o" % side.label), ["-c"], work, problems)
        if r.returncode != 0:
            problems.append("%s headers conflict with the API description:\n%s"
                            % (side.label, r.stderr[-8000:]))

    present = {}
    version = run(cc + ["--version"]).stdout
    nolimit = "-ferror-limit=0" if "clang" in version else "-fmax-errors=0"
    for side in (ours, deb):
        r = compile_c(cc, side, os.path.join(work, "sentinels.c"),
                      os.path.join(work, "sentinels-%s.o" % side.label),
                      ["-c", nolimit], work, [])
        present[side.label] = set(re.findall(r"[‘'](\w+_LAST)[’'] (?:redeclared|as different)", r.stderr))
    if present["ours"] != present["debian"]:
        problems.append("*_LAST enumerators visible without VIR_ENUM_SENTINELS differ: "
                        "only ours %s, only Debian %s"
                        % (sorted(present["ours"] - present["debian"]),
                           sorted(present["debian"] - present["ours"])))

    r = compile_c(cc, ours, os.path.join(work, "strict.c"), os.path.join(work, "strict.o"),
                  ["-c"] + STRICT, work, problems)
    if r.returncode != 0:
        problems.append("our headers do not build with %s:\n%s" % (" ".join(STRICT), r.stderr))

    counts = {k: len(v) for k, v in api.items()}
    if problems:
        for p in problems:
            print("FAIL: " + p)
        print("work files kept in " + work)
        sys.exit(1)
    print("ABI matches Debian's libvirt-dev: %d probe lines, %s"
          % (len(outputs["ours"]), ", ".join("%d %s" % (v, k) for k, v in sorted(counts.items()))))
    if not opts.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
