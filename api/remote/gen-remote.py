#!/usr/bin/env python3
"""Generate the remote driver's ops (api/remote/) from the public signatures
and the wire structs of protocol/remote_protocol.x.

usage: gen-remote.py --headers DIR --rules api-rules.txt --protocol remote_protocol.x
                     --gen-proto protocol/gen-proto.py --output remote-ops.c [--report]

For every driver-backed public function with a remote procedure, the call is
"regular" when each field of remote_<proc>_args can be filled from the public
parameters and each field of remote_<proc>_ret lands in the return value or an
output parameter, using these shapes (libvirt's own "generate" procedures are
regular in the same way):

  args:  object -> remote_nonnull_<obj> / remote_<obj> (optional); const char *
         -> remote_nonnull_string / remote_string; const unsigned char *uuid ->
         remote_uuid; scalars (matched by name, else in order; "int *n" gives
         its value); (virTypedParameterPtr, int) -> remote_typed_param<>;
         (const char **, n) -> strings<>; (buffer, length) -> opaque<> or
         int<>; need_results <- the list output is non-NULL
  ret:   returned object / string / count / scalar; scalar outputs ("int *x");
         public struct outputs whose members are named like the fields
         (virDomainInfo, virNodeInfo, ...); name lists (char **const names,
         maxnames); id lists; list-all arrays (virDomainPtr **, with "ret");
         typed parameters into the caller's array (with the nparams == 0
         size query) or allocated (virTypedParameterPtr *)

Everything else -- procedures with streams or file descriptors, functions marked
remote:hand (written in api/remote/*.c as remote_op_<member in snake case>) or
remote:none, and shapes not listed -- is left NULL in the tables, so the entry
point reports VIR_ERR_NO_SUPPORT. --report lists what was left out and why.
"""

import argparse
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import apiparse as ap  # noqa: E402

# wire object type -> (public type, helper stem)
WIRE_OBJECTS = {
    "domain": ("virDomainPtr", "domain"),
    "network": ("virNetworkPtr", "network"),
    "network_port": ("virNetworkPortPtr", "network_port"),
    "interface": ("virInterfacePtr", "interface"),
    "storage_pool": ("virStoragePoolPtr", "storage_pool"),
    "storage_vol": ("virStorageVolPtr", "storage_vol"),
    "node_device": ("virNodeDevicePtr", "node_device"),
    "secret": ("virSecretPtr", "secret"),
    "nwfilter": ("virNWFilterPtr", "nwfilter"),
    "nwfilter_binding": ("virNWFilterBindingPtr", "nwfilter_binding"),
    "domain_snapshot": ("virDomainSnapshotPtr", "domain_snapshot"),
    "domain_checkpoint": ("virDomainCheckpointPtr", "domain_checkpoint"),
}
PUBLIC_OBJECTS = {v[0]: k for k, v in WIRE_OBJECTS.items()}

WIRE_SCALARS = {"int", "unsigned int", "unsigned", "hyper", "unsigned hyper", "double",
                "short", "unsigned short", "unsigned char", "char", "bool"}
PUBLIC_SCALARS = {"int", "unsigned int", "long", "unsigned long", "long long",
                  "unsigned long long", "double", "size_t", "unsigned short", "short",
                  "unsigned char"}

CLASS_OF_FAMILY = {fam: ap.FAMILIES[fam][2] for fam in ap.FAMILIES if ap.FAMILIES[fam][2]}


class Skip(Exception):
    pass


def norm(name):
    return name.replace("_", "").lower()


def wire_object(ftype):
    """remote_nonnull_domain -> ("domain", True); remote_domain -> ("domain", False)."""
    m = re.fullmatch(r"remote_nonnull_(\w+)", ftype)
    if m and m.group(1) in WIRE_OBJECTS:
        return m.group(1), True
    m = re.fullmatch(r"remote_(\w+)", ftype)
    if m and m.group(1) in WIRE_OBJECTS:
        return m.group(1), False
    return None, None


class Headers:
    """Public structs and typedef resolution."""

    def __init__(self, hdir):
        self.typedefs = {}
        self.structs = {}
        text = ""
        for name in sorted(os.listdir(os.path.join(hdir, "libvirt"))):
            if name.endswith(".h"):
                with open(os.path.join(hdir, "libvirt", name), encoding="utf-8") as f:
                    text += f.read() + "\n"
        text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
        for m in re.finditer(r"typedef\s+([\w\s]+?)\s*(\**)\s*(\w+)\s*;", text):
            self.typedefs[m.group(3)] = (" ".join(m.group(1).split()) + " " + m.group(2)).strip()
        for m in re.finditer(r"struct\s+(_\w+)\s*\{([^{}]*)\}\s*;", text):
            members = {}
            for decl in m.group(2).split(";"):
                decl = " ".join(decl.split())
                mm = re.fullmatch(r"(.+?)\s*(\w+)\s*(?:\[(\w+)\])?", decl)
                if mm:
                    members[mm.group(2)] = (mm.group(1).strip(), mm.group(3))
            self.structs[m.group(1)] = members

    def resolve(self, t):
        """Canonical type: typedefs expanded ("struct _virDomainInfo *")."""
        t = " ".join(t.split())
        const = t.startswith("const ")
        if const:
            t = t[6:]
        stars = ""
        while t.endswith("*") or t.endswith("*const"):
            if t.endswith("*const"):
                t = t[:-6].strip()
            else:
                t = t[:-1].strip()
            stars += "*"
        for _ in range(10):
            if t in self.typedefs:
                target = self.typedefs[t]
                while target.endswith("*"):
                    target = target[:-1].strip()
                    stars += "*"
                t = target
            else:
                break
        return ("const " if const else "") + t + (" " + stars if stars else "")

    def struct_of(self, t):
        """Members of the struct @t points to (single pointer), or None."""
        r = self.resolve(t)
        m = re.fullmatch(r"struct (_\w+) \*", r)
        if not m:
            return None
        return self.structs.get(m.group(1))


class FuncGen:
    def __init__(self, g, f):
        self.g = g
        self.f = f
        self.p = f.proc
        self.args = g.proto.structs.get(self.p.args, []) if self.p.args else []
        self.ret = g.proto.structs.get(self.p.ret, []) if self.p.ret else []
        self.used = set()
        self.decls = []
        self.pre = []
        self.post = []
        self.result = None          # C expression for the return value
        self.ret_used = set()
        self.nparams_in = None      # name of "int *nparams" consumed as args value
        self.conn = ap.OBJECTS[f.params[0].type][1].format(v=f.params[0].name)

    def param_kind(self, prm):
        t = prm.type
        if t in ap.OBJECTS:
            return "obj"
        if t == "const char *":
            return "str"
        if t == "const unsigned char *":
            return "ubuf"
        if t in PUBLIC_SCALARS:
            return "scalar"
        return "ptr"

    def free_params(self):
        return [q for q in self.f.params if q.name not in self.used]

    def take(self, prm):
        self.used.add(prm.name)
        return prm

    def next_of(self, kinds, types=None):
        for q in self.free_params():
            if self.param_kind(q) in kinds and (types is None or q.type in types):
                return q
        return None

    def following(self, prm):
        idx = self.f.params.index(prm)
        return self.f.params[idx + 1] if idx + 1 < len(self.f.params) else None

    # ---- args ----

    def map_arg(self, fld):
        a = "args.%s" % fld.name
        obj, nonnull = wire_object(fld.type)
        if obj and fld.kind == "scalar":
            pub = WIRE_OBJECTS[obj][0]
            q = self.next_of({"obj"}, {pub})
            if not q:
                raise Skip("no %s parameter for %s" % (pub, fld.name))
            self.take(q)
            stem = WIRE_OBJECTS[obj][1]
            if nonnull:
                self.pre.append("remote_%s_to_wire(%s, &%s);" % (stem, q.name, a))
            else:
                var = "opt_%s" % fld.name
                self.decls.append("remote_nonnull_%s %s;" % (obj, var))
                self.pre += ["if (%s) {" % q.name,
                             "    remote_%s_to_wire(%s, &%s);" % (stem, q.name, var),
                             "    %s = &%s;" % (a, var), "}"]
            return
        first = self.f.params[0]
        if (fld.type == "remote_nonnull_string" and fld.kind == "scalar" and
                first.type == "virNodeDevicePtr" and first.name not in self.used and
                fld.name == "name"):
            self.take(first)
            self.pre.append("%s = %s->name;" % (a, first.name))
            return
        if fld.type in ("remote_nonnull_string", "remote_string") and fld.kind == "scalar":
            q = self.named_or_next(fld, {"str"})
            if not q:
                raise Skip("no string parameter for %s" % fld.name)
            self.take(q)
            if fld.type == "remote_nonnull_string":
                self.pre.append("%s = (char *) %s;" % (a, q.name))
            else:
                var = "str_%s" % fld.name
                self.decls.append("char *%s = (char *) %s;" % (var, q.name))
                self.pre.append("%s = %s ? &%s : NULL;" % (a, q.name, var))
            return
        if fld.type == "remote_uuid" and fld.kind == "scalar":
            q = self.next_of({"ubuf"})
            if not q:
                raise Skip("no uuid parameter")
            self.take(q)
            self.pre.append("memcpy(%s, %s, VIR_UUID_BUFLEN);" % (a, q.name))
            return
        if fld.kind == "scalar" and fld.type in WIRE_SCALARS:
            if fld.name == "need_results":
                q = next((x for x in self.f.params if x.type.endswith("**") and
                          self.g.hdr.resolve(x.type).startswith("struct _vir")), None)
                if not q:
                    raise Skip("need_results without a list output")
                self.pre.append("%s = %s != NULL;" % (a, q.name))
                return
            q = next((x for x in self.free_params() if self.param_kind(x) == "scalar" and
                      norm(x.name) == norm(fld.name)), None)
            if q:
                self.take(q)
                self.pre.append("%s = %s;" % (a, q.name))
                return
            # "int *nparams" / "int *ncpumaps" style in-out counts
            q = next((x for x in self.free_params()
                      if norm(x.name) == norm(fld.name) and x.type in
                      ("int *", "unsigned int *")), None)
            if q:
                self.nparams_in = q.name
                self.pre.append("%s = *%s;" % (a, q.name))
                return
            q = self.next_of({"scalar"})
            if q:
                self.take(q)
                self.pre.append("%s = %s;" % (a, q.name))
                return
            raise Skip("no scalar parameter for %s" % fld.name)
        if fld.kind == "variable":
            self.map_arg_array(fld, a)
            return
        raise Skip("args field %s %s not mapped" % (fld.type, fld.name))

    def named_or_next(self, fld, kinds):
        for q in self.free_params():
            if self.param_kind(q) in kinds and norm(q.name) == norm(fld.name):
                return q
        return self.next_of(kinds)

    def map_arg_array(self, fld, a):
        size = fld.size
        if fld.type == "remote_typed_param":
            q = next((x for x in self.free_params()
                      if self.g.hdr.resolve(x.type) == "struct _virTypedParameter *"), None)
            n = self.following(q) if q else None
            if not q or not n or n.type not in ("int", "unsigned int"):
                raise Skip("no (params, nparams) input for %s" % fld.name)
            self.take(q)
            self.take(n)
            var = "tp_%s" % fld.name
            self.decls.append("g_autofree remote_typed_param *%s = NULL;" % var)
            self.pre += ["if (remote_params_to_wire(%s, %s, %s, &%s, &%s.%s_len) < 0)"
                         % (q.name, n.name, size, var, a, fld.name),
                         "    return %s;" % self.g.failval(self.f),
                         "%s.%s_val = %s;" % (a, fld.name, var)]
            return
        q = next((x for x in self.free_params() if x.type.endswith("*")
                  and self.param_kind(x) in ("ptr", "ubuf", "str")), None)
        n = self.following(q) if q else None
        if not q or not n or n.type not in PUBLIC_SCALARS:
            raise Skip("no (array, count) input for %s" % fld.name)
        if fld.type == "remote_nonnull_string" and q.type in ("const char **", "const char *const *"):
            cast = "char **"
        elif fld.type == "opaque" and q.type in ("unsigned char *", "const unsigned char *",
                                                 "const char *", "char *"):
            cast = "char *"
        elif fld.type in ("int", "unsigned int") and q.type in ("unsigned int *",
                                                                "const unsigned int *",
                                                                "int *", "const int *"):
            cast = fld.type + " *"
        else:
            raise Skip("array %s of %s from %s not mapped" % (fld.name, fld.type, q.type))
        self.take(q)
        self.take(n)
        self.pre += ["if ((unsigned long long) %s > %s) {" % (n.name, size),
                     '    err_report(VIR_ERR_RPC, "%%s", "%s: too many elements in %s");'
                     % (self.f.name, fld.name),
                     "    return %s;" % self.g.failval(self.f),
                     "}",
                     "%s.%s_val = (%s) %s;" % (a, fld.name, cast, q.name),
                     "%s.%s_len = %s;" % (a, fld.name, n.name)]

    # ---- ret ----

    def ret_field(self, pred):
        for fld in self.ret:
            if fld.name not in self.ret_used and pred(fld):
                return fld
        return None

    def use_ret(self, fld):
        """C expression of reply field @fld; for variable arrays the prefix
        of its _val/_len members ("ret.names.names")."""
        self.ret_used.add(fld.name)
        if fld.kind == "variable":
            return "ret.%s.%s" % (fld.name, fld.name)
        return "ret.%s" % fld.name

    def map_return(self):
        f = self.f
        rt = f.ret
        if rt in PUBLIC_OBJECTS:
            obj = PUBLIC_OBJECTS[rt]
            fld = self.ret_field(lambda x: x.type == "remote_nonnull_" + obj and x.kind == "scalar")
            if not fld:
                raise Skip("no returned %s" % obj)
            self.result = "remote_%s_from_wire(%s, &%s)" % (WIRE_OBJECTS[obj][1], self.conn,
                                                            self.use_ret(fld))
            return
        if rt == "char *":
            fld = self.ret_field(lambda x: x.type in ("remote_nonnull_string", "remote_string")
                                 and x.kind == "scalar")
            if not fld:
                raise Skip("no returned string")
            if fld.type == "remote_nonnull_string":
                self.result = "g_strdup(%s)" % self.use_ret(fld)
            else:
                r = self.use_ret(fld)
                self.result = "%s ? g_strdup(*%s) : NULL" % (r, r)
            return
        if rt in ("int", "unsigned long", "unsigned long long"):
            return          # after outputs
        raise Skip("return type %s not mapped" % rt)

    def map_outputs(self):
        f = self.f
        hdr = self.g.hdr
        for q in list(self.free_params()):
            if q.name in self.used:
                continue
            r = hdr.resolve(q.type)
            if q.name == self.nparams_in:
                continue
            # list-all: virXPtr **list
            m = re.fullmatch(r"struct _vir(\w+) \*\*\*", r)
            if m:
                obj = next((k for k, v in WIRE_OBJECTS.items()
                            if hdr.resolve(v[0]) == "struct _vir%s *" % m.group(1)), None)
                fld = self.ret_field(lambda x: obj and x.type == "remote_nonnull_" + obj
                                     and x.kind == "variable")
                cnt = self.ret_field(lambda x: x.name == "ret" and x.kind == "scalar")
                if not obj or not fld or not cnt:
                    raise Skip("list output %s not mapped" % q.name)
                self.take(q)
                v = self.use_ret(fld)
                self.use_ret(cnt)
                pub = WIRE_OBJECTS[obj][0]
                self.post += ["if (%s) {" % q.name,
                              "    %s *tmp = g_new0(%s, %s_len + 1);" % (pub, pub, v),
                              "",
                              "    for (u_int i = 0; i < %s_len; i++)" % v,
                              "        tmp[i] = remote_%s_from_wire(%s, &%s_val[i]);"
                              % (WIRE_OBJECTS[obj][1], self.conn, v),
                              "    *%s = tmp;" % q.name,
                              "}"]
                self.result = "ret.ret"
                continue
            # typed parameters
            if r in ("struct _virTypedParameter *", "struct _virTypedParameter **"):
                n = self.following(q)
                fld = self.ret_field(lambda x: x.type == "remote_typed_param" and
                                     x.kind == "variable")
                if not fld or not n or n.type not in ("int *", "unsigned int *") or \
                        (n.type != "int *" and not r.endswith("**")):
                    raise Skip("typed parameter output %s not mapped" % q.name)
                self.take(q)
                self.take(n)
                v = self.use_ret(fld)
                size = fld.size
                if r.endswith("**"):
                    self.post += ["if (remote_params_from_wire_alloc(%s_val, %s_len, %s, %s, (int *) %s) < 0)"
                                  % (v, v, size, q.name, n.name), "    goto fail;"]
                    continue
                if self.nparams_in != n.name:
                    raise Skip("caller array %s without its size in the args" % q.name)
                cntf = self.ret_field(lambda x: norm(x.name) == norm(n.name) and
                                      x.kind == "scalar")
                if cntf:
                    c = self.use_ret(cntf)
                    self.post += ["if (*%s == 0) {" % n.name,
                                  "    *%s = %s;" % (n.name, c),
                                  "} else if (remote_params_from_wire(%s_val, %s_len, *%s, %s, %s) < 0) {"
                                  % (v, v, n.name, q.name, n.name),
                                  "    goto fail;", "}"]
                else:
                    self.post += ["if (remote_params_from_wire(%s_val, %s_len, *%s, %s, %s) < 0)"
                                  % (v, v, n.name, q.name, n.name), "    goto fail;"]
                continue
            # name list: char **const names, int maxnames (already an arg)
            if q.type in ("char **const", "char **") and self.ret_field(
                    lambda x: x.type == "remote_nonnull_string" and x.kind == "variable"):
                fld = self.ret_field(lambda x: x.type == "remote_nonnull_string" and
                                     x.kind == "variable")
                n = self.following(q)
                if not n or n.name not in self.used or n.type != "int":
                    raise Skip("name list %s without its maximum" % q.name)
                self.take(q)
                v = self.use_ret(fld)
                self.post += ["rv = remote_strings_copy(%s, %s, %s_val, %s_len);"
                              % (q.name, n.name, v, v),
                              "if (rv < 0)", "    goto fail;"]
                self.result = "rv"
                continue
            # single string output
            if q.type == "char **":
                fld = self.ret_field(lambda x: x.type in ("remote_nonnull_string",
                                                          "remote_string") and
                                     x.kind == "scalar")
                if not fld:
                    raise Skip("string output %s not mapped" % q.name)
                self.take(q)
                v = self.use_ret(fld)
                if fld.type == "remote_nonnull_string":
                    self.post.append("*%s = g_strdup(%s);" % (q.name, v))
                else:
                    self.post.append("*%s = %s ? g_strdup(*%s) : NULL;" % (q.name, v, v))
                continue
            # scalar array: int *ids + maxids, unsigned long long *freeMems + maxCells
            if q.type.endswith("*") and q.type[:-1].strip() in PUBLIC_SCALARS and \
                    self.ret_field(lambda x: x.type in WIRE_SCALARS and x.kind == "variable"):
                fld = self.ret_field(lambda x: x.type in WIRE_SCALARS and x.kind == "variable")
                n = next((x for x in self.f.params if x.name in self.used and
                          norm(x.name).startswith("max")), None)
                if not n:
                    raise Skip("array %s without its maximum" % q.name)
                self.take(q)
                v = self.use_ret(fld)
                self.post += ["if (%s_len > (u_int) MAX(%s, 0)) {" % (v, n.name),
                              '    err_report(VIR_ERR_RPC, "%%s", "%s: too many ids");'
                              % f.name,
                              "    goto fail;", "}",
                              "for (u_int i = 0; i < %s_len; i++)" % v,
                              "    %s[i] = %s_val[i];" % (q.name, v),
                              "rv = %s_len;" % v]
                self.result = "rv"
                continue
            # size of the caller's struct (virDomainBlockStats): local only
            if q.type == "size_t" and q.name == "size":
                self.take(q)
                continue
            # scalar output
            if q.type.endswith("*") and q.type[:-1].strip() in PUBLIC_SCALARS:
                fld = (self.ret_field(lambda x: norm(x.name) == norm(q.name) and
                                      x.kind == "scalar" and x.type in WIRE_SCALARS) or
                       self.ret_field(lambda x: x.kind == "scalar" and x.type in WIRE_SCALARS))
                if not fld:
                    raise Skip("scalar output %s not mapped" % q.name)
                self.take(q)
                self.post.append("*%s = %s;" % (q.name, self.use_ret(fld)))
                continue
            # public struct output
            members = hdr.struct_of(q.type)
            if members is not None:
                self.take(q)
                for fld in self.ret:
                    if fld.name in self.ret_used:
                        continue
                    mem = next((k for k in members if norm(k) == norm(fld.name)), None)
                    if not mem:
                        continue
                    mtype, marr = members[mem]
                    v = self.use_ret(fld)
                    if marr:
                        if fld.kind != "fixed":
                            raise Skip("array member %s not mapped" % mem)
                        self.post.append("memcpy(%s->%s, %s, MIN(sizeof(%s->%s), sizeof(%s)));"
                                         % (q.name, mem, v, q.name, mem, v))
                    elif fld.kind == "scalar" and fld.type in WIRE_SCALARS:
                        self.post.append("%s->%s = %s;" % (q.name, mem, v))
                    else:
                        raise Skip("struct member %s not mapped" % mem)
                continue
            raise Skip("output %s (%s) not mapped" % (q.name, q.type))

    def finish_return(self):
        f = self.f
        first = f.params[0]
        if getattr(f, "remote_inactive", False):
            # the call stopped the domain: it has no id any more
            self.post.append("%s->id = -1;" % first.name)
        if first.type == "virDomainPtr":
            fld = self.ret_field(lambda x: x.type == "remote_nonnull_domain" and
                                 x.kind == "scalar")
            if fld and f.ret == "int":
                # the call started the domain: its new id
                self.post.append("%s->id = %s.id;" % (first.name, self.use_ret(fld)))
        if self.result is not None:
            return
        if f.ret in ("int", "unsigned long", "unsigned long long"):
            fld = self.ret_field(lambda x: x.kind == "scalar" and x.type in WIRE_SCALARS)
            if fld:
                self.result = self.use_ret(fld)
            elif f.ret == "int":
                self.result = "0"
            else:
                raise Skip("no value to return")

    def generate(self):
        f = self.f
        if "PROC_F_STREAM" in self.p.flags or "PROC_F_FDS" in self.p.flags:
            raise Skip("stream or file descriptors")
        if self.p.msg:
            raise Skip("event procedure")
        if self.p.args and self.p.args not in self.g.proto.structs:
            raise Skip("no args struct")
        if f.params[0].type == "virConnectPtr":
            self.take(f.params[0])
        for fld in self.args:
            self.map_arg(fld)
        if f.params[0].name not in self.used:
            raise Skip("first object not sent")
        self.map_return()
        self.map_outputs()
        self.finish_return()
        left = [q.name for q in f.params if q.name not in self.used and
                q.name != self.nparams_in]
        if left:
            raise Skip("parameters not mapped: %s" % ", ".join(left))
        rleft = [x.name for x in self.ret if x.name not in self.ret_used]
        if rleft:
            raise Skip("reply fields not used: %s" % ", ".join(rleft))
        return self.emit()

    def emit(self):
        f = self.f
        p = self.p
        fail = self.g.failval(f)
        name = "remote_op_%s" % p.lower
        sep = "" if f.ret.endswith("*") else " "
        out = ["/* %s: %s */" % (f.name, p.name), "static %s" % f.ret,
               "%s(%s)" % (name, f.decl_params()), "{"]
        out.append("    RemoteConn *rc = remote_route(%s, %s);"
                   % (self.conn, CLASS_OF_FAMILY[f.family]))
        if p.args:
            out.append("    %s args;" % p.args)
        if p.ret:
            out.append("    %s ret;" % p.ret)
        out += ["    " + d for d in self.decls]
        uses_rv = any("rv" in line for line in self.post) or self.result == "rv"
        if uses_rv:
            out.append("    int rv = -1;")
        has_fail = any("goto fail" in line for line in self.post)
        out.append("    %s%sres;" % (f.ret, sep))
        out.append("")
        out.append("    if (!rc)")
        out.append("        return %s;" % fail)
        if p.args:
            out.append("    memset(&args, 0, sizeof(args));")
        if p.ret:
            out.append("    memset(&ret, 0, sizeof(ret));")
        out += ["    " + line for line in self.pre]
        call = ["rc->client"]
        if p.args:
            call.append("&args")
        if p.ret:
            call.append("&ret")
        out.append("    if (remote_call_%s(%s) < 0)" % (p.lower, ", ".join(call)))
        out.append("        return %s;" % fail)
        out += ["    " + line if line else "" for line in self.post]
        out.append("    res = %s;" % self.result)
        if p.ret:
            out.append("    xdr_free((xdrproc_t) xdr_%s, (char *) &ret);" % p.ret)
        out.append("    return res;")
        if has_fail:
            out += ["", " fail:"]
            if p.ret:
                out.append("    xdr_free((xdrproc_t) xdr_%s, (char *) &ret);" % p.ret)
            out.append("    return %s;" % fail)
        out += ["}", ""]
        return out


class Gen:
    def __init__(self, opts):
        self.funcs, self.ptypes, _ = ap.libvirt_functions(opts.headers)
        self.rules = ap.parse_rules(opts.rules)
        self.gp, self.proto = ap.load_protocol(opts.protocol, opts.gen_proto)
        self.procs = ap.proc_index(self.proto)
        self.hdr = Headers(opts.headers)

    def failval(self, f):
        return ap.failure_value(f, self.ptypes)

    def classify(self, f):
        toks = self.rules.get(f.name, [])
        if f.family in (None, "stream") or ap.rule_has(toks, "lib"):
            return None
        hint = [v[0] for v in ap.rule_values(toks, "remote")]
        procname = ap.rule_values(toks, "proc")
        if procname:
            f.proc = next((p for p in self.proto.procs if p.short == procname[0][0]), None)
        elif ap.rule_has(toks, "noproc"):
            f.proc = None
        else:
            f.proc = self.procs.get(ap.squash(f.name[3:]))
        if hint and hint[0] == "hand":
            return "hand"
        if hint and hint[0] == "none":
            return "none"
        f.remote_inactive = bool(hint and hint[0] == "inactive")
        return "gen"

    def hand_name(self, f):
        """remote_op_<member in snake case>: nodeGetCPUStats ->
        remote_op_node_get_cpu_stats (the remote_op_ prefix keeps ops apart
        from the rpcgen types, some of which are named after procedures)."""
        s = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", f.member)
        return "remote_op_" + re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", s).lower()

    def run(self):
        body = []
        members = {fam: [] for fam in ap.FAMILY_ORDER}
        self.report = []
        self.counts = {}
        for f in self.funcs:
            kind = self.classify(f)
            if kind is None:
                continue
            c = self.counts.setdefault(f.family, {"gen": 0, "hand": 0, "none": 0})
            if kind == "hand":
                members[f.family].append((f.member, self.hand_name(f)))
                c["hand"] += 1
                continue
            if kind == "none" or not f.proc:
                c["none"] += 1
                self.report.append("%s: %s" % (f.name, "remote:none" if kind == "none"
                                               else "no procedure"))
                continue
            try:
                body += FuncGen(self, f).generate()
            except Skip as e:
                c["none"] += 1
                self.report.append("%s: %s" % (f.name, e))
                continue
            members[f.family].append((f.member, "remote_op_%s" % f.proc.lower))
            c["gen"] += 1

        out = ["/* Generated by api/remote/gen-remote.py from the public headers and",
               " * protocol/remote_protocol.x.  Do not edit.  The remote driver's ops",
               " * tables: generated ops for the regular procedures, hand-written ones",
               " * (api/remote/remote.h) for the rest, NULL for what is not served. */",
               '#include "config.h"', "", "#include <string.h>", "",
               "#define ERR_DOMAIN VIR_FROM_REMOTE",
               '#include "api/remote/remote.h"',
               '#include "common/util/err.h"',
               '#include "remote_client.h"', ""]
        out += body
        for fam in ap.FAMILY_ORDER:
            if fam == "stream":
                continue
            struct = ap.FAMILIES[fam][0]
            var = {"nodedev": "nodedev", "interface": "interface"}.get(fam, fam)
            out.append("const %s remote_%s_driver = {" % (struct, var))
            out.append('    .name = "remote",')
            if fam == "hypervisor":
                out.append("    .open = remote_open_hook,")
                out.append("    .close = remote_close_hook,")
            for member, fn in members[fam]:
                out.append("    .%s = %s," % (member, fn))
            out.append("};")
            out.append("")
        return "\n".join(out) + "\n"


def main(argv):
    a = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    a.add_argument("--headers", required=True)
    a.add_argument("--rules", required=True)
    a.add_argument("--protocol", required=True)
    a.add_argument("--gen-proto", required=True)
    a.add_argument("--output", required=True)
    a.add_argument("--report", action="store_true",
                   help="print per family counts and what was not generated")
    opts = a.parse_args(argv)
    try:
        g = Gen(opts)
        text = g.run()
    except ap.GenError as e:
        sys.stderr.write("gen-remote: %s\n" % e)
        return 1
    tmp = opts.output + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, opts.output)
    if opts.report:
        for fam, c in g.counts.items():
            print("%-11s generated %3d  hand %3d  not served %3d" % (fam, c["gen"], c["hand"],
                                                                      c["none"]))
        for line in g.report:
            print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
