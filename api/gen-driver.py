#!/usr/bin/env python3
"""Generate the driver contract and the regular public entry points of libvirt.so.

usage: gen-driver.py --headers DIR --rules api-rules.txt --protocol remote_protocol.x
                     --gen-proto protocol/gen-proto.py
                     [--ops-h FILE] [--entries-c FILE] [--table-c FILE]

--ops-h      driver-ops.h: struct _Api<Family>Driver, one member per driver-backed
             public function (name: "vir" dropped, first letter lowered; type: the
             public signature), see api/driver.h.
--entries-c  the public entry points of every driver-backed function that
             api-rules.txt does not mark "hand": reset the error, check the objects,
             the read-only rule, libvirt's client-side argument checks, call the ops
             member (VIR_ERR_NO_SUPPORT when NULL), dispatch the error on failure.
--table-c    api_func_table[]: every libvirt.so function with its family, ops
             member offset and how its entry point is made (unit tests, coverage).

Read-only rule: a function with a remote procedure (matched by name:
virDomainGetXMLDesc <-> REMOTE_PROC_DOMAIN_GET_XML_DESC) is refused on read-only
connections unless the procedure's unconditional ACL permissions are all read-only
ones (protocol/remote_protocol.x metadata, PROC_F_READONLY).  "ro"/"rw" in
api-rules.txt override; a function without procedure must say which.
Every run checks that api-rules.txt and the headers agree (unknown names, missing
read-only class, checks naming unknown parameters are errors).
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import apiparse as ap  # noqa: E402

ENTRY_KIND = {"gen": "API_ENTRY_GENERATED", "hand": "API_ENTRY_HANDWRITTEN",
              "lib": "API_ENTRY_LIBRARY"}


class Model:
    def __init__(self, opts):
        self.funcs, self.ptypes, _ = ap.libvirt_functions(opts.headers)
        self.rules = ap.parse_rules(opts.rules)
        _, self.proto = ap.load_protocol(opts.protocol, opts.gen_proto)
        self.procs = ap.proc_index(self.proto)
        self.by_name = {f.name: f for f in self.funcs}
        for name in self.rules:
            if name not in self.by_name:
                raise ap.GenError("api-rules.txt: %s is not declared in the headers" % name)
        for f in self.funcs:
            self.classify(f)

    def classify(self, f):
        toks = self.rules.get(f.name, [])
        f.toks = toks
        if f.family is None or ap.rule_has(toks, "lib"):
            f.kind = "lib"
            f.proc = None
            return
        f.kind = "hand" if ap.rule_has(toks, "hand") else "gen"
        procname = ap.rule_values(toks, "proc")
        if procname:
            short = procname[0][0]
            f.proc = next((p for p in self.proto.procs if p.short == short), None)
            if not f.proc:
                raise ap.GenError("%s: proc:%s is not a REMOTE procedure" % (f.name, short))
        elif ap.rule_has(toks, "noproc"):
            f.proc = None
        else:
            f.proc = self.procs.get(ap.squash(f.name[3:]))
        if ap.rule_has(toks, "ro"):
            f.readonly_ok = True
        elif ap.rule_has(toks, "rw"):
            f.readonly_ok = False
        elif f.proc:
            f.readonly_ok = "PROC_F_READONLY" in f.proc.flags
        else:
            raise ap.GenError("%s: no remote procedure to take the read-only rule from; "
                              "say ro or rw in api-rules.txt" % f.name)
        if f.kind == "gen" and (not f.params or f.params[0].type not in ap.OBJECTS):
            raise ap.GenError("%s: driver-backed but its first parameter is no object" % f.name)
        names = {p.name for p in f.params}
        for key, vals in toks:
            if key in ("nonnull", "nonneg", "positive", "nonzero", "obj", "optobj",
                       "sameconn", "clear", "rwarg", "abspath", "nonempty", "sockfd",
                       "minusone"):
                if not vals or vals[0].lstrip("*") not in names:
                    raise ap.GenError("%s: %s names no parameter" % (f.name, key))
            if key in ("nonneg", "positive", "nonzero"):
                p = param(f, vals[0].lstrip("*"))
                scalar = p.type in ("int", "unsigned int", "long", "unsigned long", "long long",
                                    "unsigned long long", "size_t")
                deref = vals[0].startswith("*") and p.type.endswith("*")
                if not (scalar or deref):
                    raise ap.GenError("%s: %s:%s needs a number" % (f.name, key, vals[0]))
            if key == "array" and (len(vals) != 2 or vals[0] not in names or
                                   vals[1].lstrip("*") not in names):
                raise ap.GenError("%s: array:ARRAY:COUNT needs two parameters" % f.name)
            if key in ("excl", "requires") and len(vals) != 2:
                raise ap.GenError("%s: %s needs two flags" % (f.name, key))
            if key in ("excl", "requires", "rwflag", "secure", "stringokay") and \
                    "flags" not in names:
                raise ap.GenError("%s: %s without a flags parameter" % (f.name, key))

    def driver_funcs(self, family):
        return [f for f in self.funcs if f.kind != "lib" and f.family == family]


# ---------------------------------------------------------------------------
# driver-ops.h
# ---------------------------------------------------------------------------

def emit_ops_h(m):
    out = ["/* Generated by api/gen-driver.py from api/include/libvirt/ headers and",
           " * api/api-rules.txt.  Do not edit; included by api/driver.h. */",
           "#pragma once", ""]
    for fam in ap.FAMILY_ORDER:
        struct = ap.FAMILIES[fam][0]
        out.append("struct _%s {" % struct)
        out.append("    const char *name;")
        if fam != "stream":
            out.append("    ApiDrvOpenFunc open;")
            out.append("    ApiDrvCloseFunc close;")
        header = None
        for f in m.driver_funcs(fam):
            if f.header != header:
                header = f.header
                out.append("    /* %s */" % header)
            out.append("    %s;" % ap.member_decl(f))
        out.append("};")
        out.append("")
    return "\n".join(out)


# ---------------------------------------------------------------------------
# entry points
# ---------------------------------------------------------------------------

def param(f, name):
    return next(p for p in f.params if p.name == name)


def obj_check(f, pname, ptype):
    check, _ = ap.OBJECTS[ptype]
    return "%s(%s, %s, \"%s\")" % (check, pname, ap.object_errdomain(f, ptype), f.name)


def fail(cond):
    return ["    if (%s)" % cond, "        goto error;"]


def emit_entry(m, f):
    first = f.params[0]
    conn_expr = ap.OBJECTS[first.type][1].format(v=first.name)
    failval = ap.failure_value(f, m.ptypes)
    dom = f.errdomain
    name = f.name
    body = []
    if first.type == "virStreamPtr":
        ops = "%s->driver" % first.name
    else:
        ops = "api_conn->%s" % ap.FAMILIES[f.family][1]

    for vals in ap.rule_values(f.toks, "clear"):
        body += ["    if (%s)" % vals[0], "        *%s = NULL;" % vals[0]]
    body.append("    api_reset_error();")
    body += ["    if (!%s)" % obj_check(f, first.name, first.type), "        goto invalid;"]
    body.append("    api_conn = %s;" % conn_expr)

    def object_checks(key, vals):
        p = param(f, vals[0])
        if key == "obj":
            return fail("!%s" % obj_check(f, p.name, p.type))
        if key == "optobj":
            return fail("%s && !%s" % (p.name, obj_check(f, p.name, p.type)))
        other = ap.OBJECTS[p.type][1].format(v=p.name)
        return fail("%s && !api_check_same_conn(api_conn, %s, %s, \"%s\", \"%s\")"
                    % (p.name, other, dom, name, p.name))

    # Without "rocheck": the other object arguments, the read-only checks,
    # then the argument checks in the order listed. With it, objects and
    # arguments run in the order listed and the read-only checks where
    # "rocheck" stands (libvirt checks some arguments before the connection).
    ordered = ap.rule_has(f.toks, "rocheck")
    if not ordered:
        for key in ("obj", "optobj", "sameconn"):
            for vals in ap.rule_values(f.toks, key):
                body += object_checks(key, vals)
    ro = []
    if not f.readonly_ok:
        ro += fail("!api_check_writable(api_conn, %s, \"%s\")" % (dom, name))
    for vals in ap.rule_values(f.toks, "rwflag"):
        ro += fail("(flags & %s) && !api_check_writable(api_conn, %s, \"%s\")"
                   % (vals[0], dom, name))
    for vals in ap.rule_values(f.toks, "secure"):
        ro += fail("!api_check_writable_flag(api_conn, flags, %s, \"secure flag\", %s, \"%s\")"
                   % (vals[0], dom, name))
    for vals in ap.rule_values(f.toks, "rwarg"):
        ro += fail("%s == %s && !api_check_writable(api_conn, %s, \"%s\")"
                   % (vals[0], vals[1], dom, name))
    if not ordered:
        body += ro
    for key, vals in f.toks:
        if key == "rocheck":
            body += ro
        elif key in ("obj", "optobj", "sameconn") and ordered:
            body += object_checks(key, vals)
        elif key == "nonnull":
            body += fail("!api_check_nonnull((const void *) %s, %s, \"%s\", \"%s\")"
                         % (vals[0], dom, name, vals[0]))
        elif key == "nonneg":
            # libvirt names the argument as written: "*nparams in ..."
            body += fail("!api_check_nonnegative(%s, %s, \"%s\", \"%s\")"
                         % (vals[0], dom, name, vals[0]))
        elif key == "positive":
            body += fail("!api_check_positive(%s, %s, \"%s\", \"%s\")"
                         % (vals[0], dom, name, vals[0]))
        elif key == "nonempty":
            body += fail("!api_check_nonempty(%s, %s, \"%s\", \"%s\")"
                         % (vals[0], dom, name, vals[0]))
        elif key == "minusone":
            body += fail("!api_check_minus_one(%s, %s, \"%s\", \"%s\")"
                         % (vals[0], dom, name, vals[0]))
        elif key == "sockfd":
            body += fail("!api_check_socket_fd(%s, %s, \"%s\", \"%s\")"
                         % (vals[0], dom, name, vals[0]))
        elif key == "nonzero":
            body += fail("!api_check_nonzero(%s, %s, \"%s\", \"%s\")"
                         % (vals[0], dom, name, vals[0]))
        elif key == "array":
            body += fail("!api_check_array((const void *) %s, %s, %s, \"%s\", \"%s\")"
                         % (vals[0], vals[1], dom, name, vals[0]))
        elif key == "excl":
            body += fail("!api_check_exclusive(flags, %s, \"%s\", %s, \"%s\", %s, \"%s\")"
                         % (vals[0], vals[0], vals[1], vals[1], dom, name))
        elif key == "requires":
            body += fail("!api_check_requires(flags, %s, \"%s\", %s, \"%s\", %s, \"%s\")"
                         % (vals[0], vals[0], vals[1], vals[1], dom, name))
    if ap.rule_has(f.toks, "stringokay"):
        body += ["    if (api_conn->registration && api_conn->registration->typed_param_string)",
                 "        flags |= VIR_TYPED_PARAM_STRING_OKAY;"]
    body += ["    if (!%s || !%s->%s) {" % (ops, ops, f.member),
             "        api_report_unsupported(%s, \"%s\");" % (dom, name),
             "        goto error;",
             "    }"]
    args = [p.name for p in f.params]
    absdecl = []
    for vals in ap.rule_values(f.toks, "abspath"):
        # the daemon resolves paths elsewhere: send them absolute
        var = "api_abs_%s" % vals[0]
        absdecl.append("    g_autofree char *%s = NULL;" % var)
        body += fail("!(%s = api_absolute_path(%s, %s, \"%s\"))" % (var, vals[0], dom, name))
        args[args.index(vals[0])] = var
    call = "%s->%s(%s)" % (ops, f.member, ", ".join(args))
    retdecl = []
    if failval is None:
        body.append("    %s;" % call)
        body.append("    return;")
    else:
        sep = "" if f.ret.endswith("*") else " "
        retdecl = ["    %s%sapi_ret;" % (f.ret, sep)]
        body.append("    api_ret = %s;" % call)
        body += fail(ap.failure_test(f, "api_ret", m.ptypes))
        body.append("    return api_ret;")
    ret_fail = "    return;" if failval is None else "    return %s;" % failval

    out = ["VIR_EXPORT %s" % f.ret, "%s(%s)" % (name, f.decl_params()), "{",
           "    virConnectPtr api_conn = NULL;"]
    out += retdecl + absdecl
    out.append("")
    out += body
    out += ["", " error:", "    api_dispatch_error(api_conn);", ret_fail,
            "", " invalid:", "    api_dispatch_error(NULL);", ret_fail, "}", ""]
    return out


def emit_entries_c(m):
    out = ["/* Generated by api/gen-driver.py from api/include/libvirt/ headers,",
           " * api/api-rules.txt and protocol/remote_protocol.x.  Do not edit.",
           " * The regular public entry points of libvirt.so (see api/driver.h). */",
           '#include "config.h"', "",
           "#define ERR_DOMAIN VIR_FROM_NONE",
           '#include "api/driver.h"',
           '#include "common/util/err.h"', ""]
    count = 0
    for f in m.funcs:
        if f.kind == "gen":
            out += emit_entry(m, f)
            count += 1
    out.append("/* %d entry points */" % count)
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------
# function table
# ---------------------------------------------------------------------------

def emit_table_c(m):
    out = ["/* Generated by api/gen-driver.py.  Do not edit. */",
           '#include "config.h"', "",
           "#include <stddef.h>", "",
           '#include "api/api-table.h"',
           '#include "api/driver.h"', "",
           "const ApiFuncInfo api_func_table[] = {"]
    for f in m.funcs:
        if f.kind == "lib":
            fam, off = "API_FAMILY_NONE", "-1"
        else:
            fam = ("API_FAMILY_STREAM" if f.family == "stream"
                   else ap.FAMILIES[f.family][2])
            off = "(long) offsetof(%s, %s)" % (ap.FAMILIES[f.family][0], f.member)
        ro = "true" if f.kind != "lib" and f.readonly_ok else "false"
        out.append('    { "%s", "%s", %s, %s, %s, %s },'
                   % (f.name, f.member if f.kind != "lib" else "", fam, off,
                      ENTRY_KIND[f.kind], ro))
    out.append("};")
    out.append("const size_t api_func_count = G_N_ELEMENTS(api_func_table);")
    return "\n".join(out) + "\n"


def write(path, text):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def main(argv):
    a = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    a.add_argument("--headers", required=True)
    a.add_argument("--rules", required=True)
    a.add_argument("--protocol", required=True)
    a.add_argument("--gen-proto", required=True)
    a.add_argument("--ops-h")
    a.add_argument("--entries-c")
    a.add_argument("--table-c")
    a.add_argument("--stats", action="store_true", help="print counts by kind and family")
    opts = a.parse_args(argv)
    try:
        m = Model(opts)
        if opts.ops_h:
            write(opts.ops_h, emit_ops_h(m))
        if opts.entries_c:
            write(opts.entries_c, emit_entries_c(m))
        if opts.table_c:
            write(opts.table_c, emit_table_c(m))
    except ap.GenError as e:
        sys.stderr.write("gen-driver: %s\n" % e)
        return 1
    if opts.stats:
        for kind in ("gen", "hand", "lib"):
            print(kind, sum(1 for f in m.funcs if f.kind == kind))
        for fam in ap.FAMILY_ORDER:
            print(fam, len(m.driver_funcs(fam)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
