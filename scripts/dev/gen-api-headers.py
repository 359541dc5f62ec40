#!/usr/bin/env python3
"""Bootstraps our headers from the API facts in Debian's libvirt-dev; the headers it
writes are then maintained as source.

Reads the machine-readable API descriptions installed by libvirt-dev
(/usr/share/libvirt/api/*-api.xml) and writes api/include/libvirt/*.h: names, values,
types and signatures only; no prose is taken over.  Not run by the build.

usage: gen-api-headers.py [--api-dir DIR] [--out DIR]
"""

import argparse
import os
import re
import sys
import xml.etree.ElementTree as ET

API_XMLS = ["libvirt-api.xml", "libvirt-qemu-api.xml",
            "libvirt-lxc-api.xml", "libvirt-admin-api.xml"]

SUB_HEADERS = [
    "libvirt-common", "libvirt-host", "libvirt-domain", "libvirt-domain-checkpoint",
    "libvirt-domain-snapshot", "libvirt-event", "libvirt-interface", "libvirt-network",
    "libvirt-nodedev", "libvirt-nwfilter", "libvirt-secret", "libvirt-storage",
    "libvirt-stream",
]

TOP_HEADERS = ["virterror", "libvirt-qemu", "libvirt-lxc", "libvirt-admin"]

BLURB = {
    "libvirt-common": "version, typed parameters and other items shared with libvirt-admin",
    "libvirt-host": "connections, host information, authentication",
    "libvirt-domain": "domains (guests)",
    "libvirt-domain-checkpoint": "domain checkpoints",
    "libvirt-domain-snapshot": "domain snapshots",
    "libvirt-event": "event loop integration",
    "libvirt-interface": "host network interfaces",
    "libvirt-network": "virtual networks and network ports",
    "libvirt-nodedev": "host devices",
    "libvirt-nwfilter": "network filters and filter bindings",
    "libvirt-secret": "secrets",
    "libvirt-storage": "storage pools and volumes",
    "libvirt-stream": "data streams",
    "virterror": "error reporting",
    "libvirt-qemu": "QEMU specific calls (link with -lvirt-qemu)",
    "libvirt-lxc": "LXC specific calls (link with -lvirt-lxc)",
    "libvirt-admin": "daemon administration (link with -lvirt-admin)",
}

# Function-like macros whose body the API description leaves empty.
MACRO_BODIES = {
    "VIR_CPU_MAPLEN": "(((cpu) + 7) / 8)",
    "VIR_NODEINFO_MAXCPUS":
        "((nodeinfo).nodes * (nodeinfo).sockets * (nodeinfo).cores * (nodeinfo).threads)",
    "VIR_DOMAIN_EVENT_CALLBACK": "((virConnectDomainEventGenericCallback)(cb))",
    "VIR_NETWORK_EVENT_CALLBACK": "((virConnectNetworkEventGenericCallback)(cb))",
}

# Struct fields marked deprecated in libvirt's own header.
DEPRECATED_FIELDS = {("virError", "conn"), ("virError", "dom"), ("virError", "net")}

WIDTH = 100


class Api:
    def __init__(self):
        self.macros = []
        self.enums = []
        self.typedefs = []
        self.structs = []
        self.functypes = []
        self.functions = []
        self.variables = []

    def load(self, path):
        root = ET.parse(path).getroot().find("symbols")
        for el in root:
            bucket = {
                "macro": self.macros, "enum": self.enums, "typedef": self.typedefs,
                "struct": self.structs, "functype": self.functypes,
                "function": self.functions, "variable": self.variables,
            }.get(el.tag)
            if bucket is None:
                sys.exit("unknown symbol kind %s in %s" % (el.tag, path))
            bucket.append(el)


def decl(ctype, name):
    ctype = re.sub(r"\*\s+const$", "*const", ctype.strip())
    if ctype.endswith("*"):
        return ctype + name
    return ctype + " " + name


def field_decl(ctype, name):
    m = re.match(r"^(.*?)\s*(\w+)(\[[^\]]+\])$", ctype)
    if m:
        return "%s %s%s" % (m.group(1), m.group(2), m.group(3))
    return decl(ctype, name)


def signature(ret, name, args, prefix=""):
    params = [decl(a.get("type"), a.get("name")) for a in args] or ["void"]
    head = prefix + decl(ret, name) + "("
    one = head + ", ".join(params) + ");"
    if len(one) <= WIDTH:
        return [one]
    pad = " " * len(head)
    lines = [head + params[0] + ("," if len(params) > 1 else ");")]
    for i, p in enumerate(params[1:], 1):
        lines.append(pad + p + ("," if i < len(params) - 1 else ");"))
    return lines


def macro_lines(m):
    name = m.get("name")
    params = m.get("params")
    if "string" in m.attrib:
        val = m.get("string").replace("\\", "\\\\").replace('"', '\\"')
        return ['# define %s "%s"' % (name, val)]
    body = m.get("raw") or MACRO_BODIES.get(name)
    if not body:
        sys.exit("no body known for macro %s" % name)
    body = re.sub(r"/\*.*?\*/", "", body).strip()
    if params:
        return ["# define %s(%s) %s" % (name, ", ".join(params.split(",")), body)]
    return ["# define %s %s" % (name, body)]


def enum_value_text(e):
    shift = e.get("value_bitshift")
    if shift is not None:
        return "1U << 31" if shift == "31" else "1 << %s" % shift
    return e.get("value")


def evaluate_enums(enums):
    values = {}
    pending = list(enums)
    while pending:
        rest = []
        for e in pending:
            v = e.get("value")
            if re.match(r"^-?\d+$", v):
                values[e.get("name")] = int(v)
            elif v in values:
                values[e.get("name")] = values[v]
            else:
                rest.append(e)
        if len(rest) == len(pending):
            sys.exit("cannot evaluate enum values: %s" % [e.get("name") for e in rest])
        pending = rest
    return values


def enum_blocks(enums, values):
    by_type = {}
    for e in enums:
        by_type.setdefault(e.get("type"), []).append(e)
    blocks = []
    for tname, members in by_type.items():
        members.sort(key=lambda e: (values[e.get("name")], e.get("name")))
        top = max(values[e.get("name")] for e in members)
        sentinels = [e for e in members
                     if e.get("name").endswith("_LAST") and values[e.get("name")] == top
                     and len(members) > 1]
        refs = {e.get("value") for e in members if not re.match(r"^-?\d+$", e.get("value"))}
        blocks.append((tname, members, sentinels, refs))
    return blocks


def order_enum_blocks(blocks):
    defined_in = {}
    for tname, members, _, _ in blocks:
        for e in members:
            defined_in[e.get("name")] = tname
    done, out = set(), []
    pending = sorted(blocks, key=lambda b: b[0])
    while pending:
        rest = []
        for b in pending:
            deps = {defined_in[r] for r in b[3] if r in defined_in} - {b[0]}
            if deps <= done or not (deps & {p[0] for p in pending}):
                out.append(b)
                done.add(b[0])
            else:
                rest.append(b)
        if len(rest) == len(pending):
            sys.exit("enum dependency cycle")
        pending = rest
    return out


def emit_enum(tname, members, sentinels):
    width = max(len(e.get("name")) for e in members)
    lines = ["typedef enum {"]
    for e in members:
        if e in sentinels:
            continue
        lines.append("    %-*s = %s," % (width, e.get("name"), enum_value_text(e)))
    for e in sentinels:
        lines.append("# ifdef VIR_ENUM_SENTINELS")
        lines.append("    %-*s = %s," % (width, e.get("name"), enum_value_text(e)))
        lines.append("# endif")
    lines.append("} %s;" % tname)
    return lines


def emit_struct(s):
    tag = s.get("type")
    lines = [tag + " {"]
    for f in s.findall("field"):
        if f.get("type") == "union":
            lines.append("    union {")
            for u in f.find("union").findall("field"):
                lines.append("        %s;" % field_decl(u.get("type"), u.get("name")))
            lines.append("    } %s;" % f.get("name"))
            continue
        text = field_decl(f.get("type"), f.get("name"))
        if (s.get("name"), f.get("name")) in DEPRECATED_FIELDS:
            text += " VIR_DEPRECATED"
        lines.append("    %s;" % text)
    lines.append("};")
    return lines


def order_functypes(fts):
    names = {f.get("name") for f in fts}
    pending = sorted(fts, key=lambda f: f.get("name"))
    done, out = set(), []
    while pending:
        rest = []
        for f in pending:
            uses = {a.get("type") for a in f.findall("arg")} & names
            if uses <= done:
                out.append(f)
                done.add(f.get("name"))
            else:
                rest.append(f)
        if len(rest) == len(pending):
            sys.exit("functype dependency cycle")
        pending = rest
    return out


def by_file(items, fname):
    return [i for i in items if i.get("file") == fname]


def header_body(api, fname, values, defined_tags):
    out = []

    def section(lines):
        if lines:
            if out:
                out.append("")
            out.extend(lines)

    macros = sorted(by_file(api.macros, fname), key=lambda m: (bool(m.get("params")), m.get("name")))
    section([ln for m in macros for ln in macro_lines(m)])

    structs = sorted(by_file(api.structs, fname), key=lambda s: s.get("name"))
    section(["typedef %s %s;" % (s.get("type"), s.get("name")) for s in structs])

    tdefs = sorted((t for t in by_file(api.typedefs, fname) if t.get("type") != "enum"),
                   key=lambda t: t.get("name"))
    section(["typedef %s;" % decl(t.get("type"), t.get("name")) for t in tdefs])

    blocks = order_enum_blocks(enum_blocks(by_file(api.enums, fname), values))
    for tname, members, sentinels, _ in blocks:
        section(emit_enum(tname, members, sentinels))

    for ft in order_functypes(by_file(api.functypes, fname)):
        ret = ft.find("return").get("type")
        section(signature(ret, "(*%s)" % ft.get("name"), ft.findall("arg"), "typedef "))

    for s in structs:
        if s.findall("field") and s.get("type") not in defined_tags:
            defined_tags.add(s.get("type"))
            section(emit_struct(s))

    section(["VIR_EXPORT_VAR %s;" % decl(v.get("type"), v.get("name"))
             for v in sorted(by_file(api.variables, fname), key=lambda v: v.get("name"))])

    funcs = sorted(by_file(api.functions, fname), key=lambda f: f.get("name"))
    section([ln for f in funcs
             for ln in signature(f.find("return").get("type"), f.get("name"), f.findall("arg"))])
    return out


def guard_name(fname):
    name = fname.upper().replace("-", "_") + "_H"
    return name if name.startswith("LIBVIRT") else "LIBVIRT_" + name


def write_header(path, fname, body, pre, guard):
    lines = ["/* <libvirt/%s.h>: %s. */" % (fname, BLURB.get(fname, "public API")), ""]
    lines += ["#ifndef %s" % guard, "# define %s" % guard, ""]
    lines += pre
    lines += ["# ifdef __cplusplus", 'extern "C" {', "# endif", ""]
    lines += body
    lines += ["", "# ifdef __cplusplus", "}", "# endif", "", "#endif", ""]
    with open(path, "w") as f:
        f.write("\n".join(lines))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--api-dir", default="/usr/share/libvirt/api")
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--out", default=os.path.join(here, "..", "..", "api", "include", "libvirt"))
    opts = ap.parse_args()

    api = Api()
    for x in API_XMLS:
        p = os.path.join(opts.api_dir, x)
        if not os.path.exists(p):
            sys.exit("missing %s (install libvirt-dev)" % p)
        api.load(p)
    values = evaluate_enums(api.enums)
    defined_tags = set()
    os.makedirs(opts.out, exist_ok=True)

    known = set(SUB_HEADERS) | set(TOP_HEADERS)
    for kind in (api.macros, api.enums, api.typedefs, api.structs, api.functypes,
                 api.functions, api.variables):
        for el in kind:
            if el.get("file") not in known:
                sys.exit("symbol %s in unknown file %s" % (el.get("name"), el.get("file")))

    sub_check = ["# ifndef __VIR_LIBVIRT_H_INCLUDES__",
                 '#  error "include <libvirt/libvirt.h> instead of this header"',
                 "# endif", ""]
    for fname in SUB_HEADERS:
        body = header_body(api, fname, values, defined_tags)
        pre = []
        if fname == "libvirt-common":
            pre = ["# if !defined __VIR_LIBVIRT_H_INCLUDES__ && !defined __VIR_ADMIN_H_INCLUDES__",
                   '#  error "include <libvirt/libvirt.h> or <libvirt/libvirt-admin.h> instead"',
                   "# endif", "",
                   "# include <sys/types.h>", "",
                   "# ifndef VIR_DEPRECATED",
                   "#  if defined __GNUC__ && (__GNUC__ > 3 || (__GNUC__ == 3 && __GNUC_MINOR__ >= 1))",
                   "#   define VIR_DEPRECATED __attribute__((__deprecated__))",
                   "#  else",
                   "#   define VIR_DEPRECATED",
                   "#  endif",
                   "# endif", "",
                   "# ifndef VIR_EXPORT_VAR",
                   "#  define VIR_EXPORT_VAR extern",
                   "# endif", ""]
            guard = "__VIR_VIRCOMMON_H__"
        else:
            pre = sub_check
            guard = guard_name(fname)
        write_header(os.path.join(opts.out, fname + ".h"), fname, body, pre, guard)

    umbrella = ["/* <libvirt/libvirt.h>: the public API of libvirt.so.0. */", "",
                "#ifndef LIBVIRT_H", "# define LIBVIRT_H", "",
                "# include <sys/types.h>", "",
                "# ifdef __cplusplus", 'extern "C" {', "# endif", "",
                "# define __VIR_LIBVIRT_H_INCLUDES__"]
    umbrella += ["# include <libvirt/%s.h>" % h for h in SUB_HEADERS]
    umbrella += ["# undef __VIR_LIBVIRT_H_INCLUDES__", "",
                 "# ifdef __cplusplus", "}", "# endif", "", "#endif", ""]
    with open(os.path.join(opts.out, "libvirt.h"), "w") as f:
        f.write("\n".join(umbrella))

    for fname in TOP_HEADERS:
        body = header_body(api, fname, values, defined_tags)
        if fname == "libvirt-admin":
            pre = ["# define __VIR_ADMIN_H_INCLUDES__",
                   "# include <libvirt/libvirt-common.h>",
                   "# undef __VIR_ADMIN_H_INCLUDES__", ""]
        else:
            pre = ["# include <libvirt/libvirt.h>", ""]
        write_header(os.path.join(opts.out, fname + ".h"), fname, body, pre, guard_name(fname))

    print("wrote %d headers to %s: %d functions, %d functypes, %d enum constants, "
          "%d structs, %d typedefs, %d macros, %d variables"
          % (len(SUB_HEADERS) + len(TOP_HEADERS) + 1, os.path.normpath(opts.out),
             len(api.functions), len(api.functypes), len(api.enums), len(api.structs),
             len(api.typedefs), len(api.macros), len(api.variables)))


if __name__ == "__main__":
    main()
