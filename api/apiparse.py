"""Shared by the api/ generators: read the public headers and the procedure
metadata of protocol/remote_protocol.x.

Python 3 standard library only.  Imported by gen-driver.py, gen-stubs.py and
remote/gen-remote.py (they add this directory to sys.path).
"""

import glob
import importlib.util
import os
import re
import sys

# header -> (family, error domain of its entry points): the VIR_FROM_THIS of
# libvirt's src/libvirt-<header>.c, used for the read-only refusal,
# VIR_ERR_NO_SUPPORT, argument checks and an invalid connection.  Note
# libvirt-host.c and libvirt-domain.c both say VIR_FROM_DOMAIN (20), not
# VIR_FROM_DOM (6), which only an invalid domain pointer uses (OBJECTS).
HEADER_FAMILY = {
    "libvirt-host.h": ("hypervisor", "VIR_FROM_DOMAIN"),
    "libvirt-domain.h": ("hypervisor", "VIR_FROM_DOMAIN"),
    "libvirt-domain-snapshot.h": ("hypervisor", "VIR_FROM_DOMAIN_SNAPSHOT"),
    "libvirt-domain-checkpoint.h": ("hypervisor", "VIR_FROM_DOMAIN_CHECKPOINT"),
    "libvirt-network.h": ("network", "VIR_FROM_NETWORK"),
    "libvirt-storage.h": ("storage", "VIR_FROM_STORAGE"),
    "libvirt-nodedev.h": ("nodedev", "VIR_FROM_NODEDEV"),
    "libvirt-secret.h": ("secret", "VIR_FROM_SECRET"),
    "libvirt-interface.h": ("interface", "VIR_FROM_INTERFACE"),
    "libvirt-nwfilter.h": ("nwfilter", "VIR_FROM_NWFILTER"),
    "libvirt-stream.h": ("stream", "VIR_FROM_STREAMS"),
    # never driver-backed
    "libvirt-common.h": (None, "VIR_FROM_NONE"),
    "libvirt-event.h": (None, "VIR_FROM_EVENT"),
    "virterror.h": (None, "VIR_FROM_NONE"),
}

# family -> (C struct, connection field, ApiDriverClass)
FAMILIES = {
    "hypervisor": ("ApiHypervisorDriver", "hypervisor_driver", "API_DRV_HYPERVISOR"),
    "network": ("ApiNetworkDriver", "network_driver", "API_DRV_NETWORK"),
    "storage": ("ApiStorageDriver", "storage_driver", "API_DRV_STORAGE"),
    "nodedev": ("ApiNodeDeviceDriver", "nodedev_driver", "API_DRV_NODEDEV"),
    "secret": ("ApiSecretDriver", "secret_driver", "API_DRV_SECRET"),
    "interface": ("ApiInterfaceDriver", "interface_driver", "API_DRV_INTERFACE"),
    "nwfilter": ("ApiNWFilterDriver", "nwfilter_driver", "API_DRV_NWFILTER"),
    "stream": ("ApiStreamDriver", None, None),
}
FAMILY_ORDER = ["hypervisor", "network", "storage", "nodedev", "secret", "interface",
                "nwfilter", "stream"]

# public object types: C type -> (check function, expression of its connection)
OBJECTS = {
    "virConnectPtr": ("api_check_connect", "{v}"),
    "virDomainPtr": ("api_check_domain", "{v}->conn"),
    "virNetworkPtr": ("api_check_network", "{v}->conn"),
    "virNetworkPortPtr": ("api_check_network_port", "{v}->net->conn"),
    "virInterfacePtr": ("api_check_interface", "{v}->conn"),
    "virStoragePoolPtr": ("api_check_storage_pool", "{v}->conn"),
    "virStorageVolPtr": ("api_check_storage_vol", "{v}->conn"),
    "virNodeDevicePtr": ("api_check_node_device", "{v}->conn"),
    "virSecretPtr": ("api_check_secret_full", "{v}->conn"),
    "virNWFilterPtr": ("api_check_nwfilter", "{v}->conn"),
    "virNWFilterBindingPtr": ("api_check_nwfilter_binding", "{v}->conn"),
    "virStreamPtr": ("api_check_stream", "{v}->conn"),
    "virDomainSnapshotPtr": ("api_check_domain_snapshot", "{v}->domain->conn"),
    "virDomainCheckpointPtr": ("api_check_domain_checkpoint", "{v}->domain->conn"),
}

# error domain of the "invalid <object> pointer" error: fixed per object type
# in libvirt (src/datatypes.h), whichever file checks it -- an invalid domain
# is VIR_FROM_DOM even in libvirt-domain-snapshot.c, an invalid stream
# VIR_FROM_STREAMS even in libvirt-storage.c.  A connection has none: it is
# reported in the domain of the API family (the file's VIR_FROM_THIS).
OBJECT_ERRDOMAIN = {
    "virDomainPtr": "VIR_FROM_DOM",
    "virNetworkPtr": "VIR_FROM_NETWORK",
    "virNetworkPortPtr": "VIR_FROM_NETWORK",
    "virInterfacePtr": "VIR_FROM_INTERFACE",
    "virStoragePoolPtr": "VIR_FROM_STORAGE",
    "virStorageVolPtr": "VIR_FROM_STORAGE",
    "virNodeDevicePtr": "VIR_FROM_NODEDEV",
    "virSecretPtr": "VIR_FROM_SECRET",
    "virNWFilterPtr": "VIR_FROM_NWFILTER",
    "virNWFilterBindingPtr": "VIR_FROM_NWFILTER",
    "virStreamPtr": "VIR_FROM_STREAMS",
    "virDomainSnapshotPtr": "VIR_FROM_DOMAIN_SNAPSHOT",
    "virDomainCheckpointPtr": "VIR_FROM_DOMAIN_CHECKPOINT",
}


def object_errdomain(func, ctype):
    """VIR_FROM_* of the invalid-object error for a @ctype parameter of @func."""
    return OBJECT_ERRDOMAIN.get(ctype, func.errdomain)


class GenError(Exception):
    pass


class Param:
    def __init__(self, decl):
        self.decl = decl
        m = re.search(r"(\w+)\s*(\[[^\]]*\])?$", decl)
        if not m:
            raise GenError("cannot find parameter name in '%s'" % decl)
        self.name = m.group(1)
        self.type = " ".join(decl[:m.start(1)].split())
        if m.group(2):
            self.type += " *"
        # normalise "char * *" spacing: "char **", "char **const"
        self.type = re.sub(r"\s*\*\s*", " *", self.type).replace("* *", "**").strip()
        self.type = self.type.replace(" *const", " *const")


class Func:
    def __init__(self, name, ret, params, header):
        self.name = name
        self.ret = ret
        self.params = params
        self.header = header
        fam = HEADER_FAMILY.get(header)
        if fam is None:
            raise GenError("%s: header %s has no family" % (name, header))
        self.family, self.errdomain = fam
        base = name[3:]
        self.member = base[0].lower() + base[1:]

    def decl_params(self):
        return ", ".join(p.decl for p in self.params) or "void"


def strip_source(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"//[^\n]*", " ", text)
    text = re.sub(r"\\\n", " ", text)
    text = re.sub(r"^\s*#\s*ifdef\s+__cplusplus\b.*?^\s*#\s*endif", " ", text,
                  flags=re.S | re.M)
    text = "\n".join(ln for ln in text.splitlines() if not ln.lstrip().startswith("#"))
    prev = None
    while prev != text:
        prev = text
        text = re.sub(r"\{[^{}]*\}", " ", text)
    return text


def parse_headers(hdir, only=None):
    """Return (functions in header order, pointer typedefs, variables).

    hdir holds libvirt/*.h; only: set of header basenames to read (None: all)."""
    functions = []
    pointer_types = set()
    variables = set()
    files = sorted(glob.glob(os.path.join(hdir, "libvirt", "*.h")))
    if not files:
        raise GenError("no headers in %s/libvirt" % hdir)
    for path in files:
        base = os.path.basename(path)
        with open(path, encoding="utf-8") as f:
            text = strip_source(f.read())
        for chunk in text.split(";"):
            chunk = " ".join(chunk.split())
            if not chunk:
                continue
            if chunk.startswith("typedef "):
                m = re.match(r"typedef .*\(\s*\*\s*(\w+)\s*\)\s*\(.*\)$", chunk)
                if m:
                    pointer_types.add(m.group(1))
                    continue
                m = re.match(r"typedef (.*?)(\w+)$", chunk)
                if m and "*" in m.group(1):
                    pointer_types.add(m.group(2))
                continue
            m = re.match(r"VIR_EXPORT_VAR .*?(\w+)$", chunk)
            if m:
                variables.add(m.group(1))
                continue
            m = re.match(r"^(?P<ret>[\w\s\*]+?)\s*\b(?P<name>vir\w+)\s*\((?P<args>.*)\)$", chunk)
            if not m:
                continue
            if only is not None and base not in only:
                continue
            args = [a.strip() for a in m.group("args").split(",")]
            if args == ["void"]:
                args = []
            ret = " ".join(m.group("ret").split())
            functions.append((m.group("name"), ret, [Param(a) for a in args], base))
    return functions, pointer_types, variables


def libvirt_functions(hdir):
    """The functions of libvirt.so.0 (not -qemu/-lxc/-admin), as Func."""
    skip = {"libvirt-admin.h", "libvirt-qemu.h", "libvirt-lxc.h"}
    funcs, ptypes, variables = parse_headers(hdir)
    out = [Func(n, r, p, h) for (n, r, p, h) in funcs if h not in skip]
    return out, ptypes, variables


def is_pointer_type(t, pointer_types):
    t = re.sub(r"^const ", "", t)
    return "*" in t or t in pointer_types


FAILURE_BY_TYPE = {
    "int": "-1",
    "long": "-1",
    "long long": "-1",
    "unsigned int": "(unsigned int)-1",
    "unsigned long": "0",
    "unsigned long long": "0",
}


def failure_value(func, pointer_types):
    """C expression of the public failure value, None for void."""
    if func.ret == "void":
        return None
    if is_pointer_type(func.ret, pointer_types):
        return "NULL"
    if func.ret in FAILURE_BY_TYPE:
        return FAILURE_BY_TYPE[func.ret]
    raise GenError("no failure value known for %s returning '%s'" % (func.name, func.ret))


def failure_test(func, var, pointer_types):
    """C condition true when @var holds a failure result."""
    if is_pointer_type(func.ret, pointer_types):
        return "!%s" % var
    if func.ret in ("int", "long", "long long"):
        return "%s < 0" % var
    if func.ret in ("unsigned long", "unsigned long long"):
        return "%s == 0" % var
    if func.ret == "unsigned int":
        return "%s == (unsigned int)-1" % var
    raise GenError("no failure test for %s returning '%s'" % (func.name, func.ret))


def member_decl(func, member=None):
    """Declaration of the ops member: "int (*domainCreate)(virDomainPtr domain)"."""
    ret = func.ret
    sep = "" if ret.endswith("*") else " "
    return "%s%s(*%s)(%s)" % (ret, sep, member or func.member, func.decl_params())


# ---- the protocol (procedure metadata, structs) ----

def load_gen_proto(path):
    spec = importlib.util.spec_from_file_location("gen_proto", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def load_protocol(xpath, gen_proto_path):
    """Parse remote_protocol.x with protocol/gen-proto.py's parser."""
    gp = load_gen_proto(gen_proto_path)
    try:
        proto = gp.parse_x(xpath)
        gp.derive(proto, "remote")
    except gp.GenError as e:
        raise GenError("%s: %s" % (xpath, e))
    return gp, proto


def squash(name):
    return name.replace("_", "").upper()


def proc_index(proto):
    """{squashed short name: Proc} for matching public names to procedures:
    virDomainGetXMLDesc -> DOMAINGETXMLDESC <- DOMAIN_GET_XML_DESC."""
    return {squash(p.short): p for p in proto.procs}


# ---- api-rules.txt ----

RULE_TOKENS = ("lib", "hand", "ro", "rw", "proc", "noproc", "nonnull", "nonneg",
               "positive", "nonzero", "array", "rwflag", "secure", "rwarg", "excl",
               "requires", "obj", "optobj", "sameconn", "clear", "abspath", "remote",
               "rocheck", "nonempty", "sockfd", "stringokay", "minusone")


def parse_rules(path):
    """{function: [(token, [values])]} from api-rules.txt."""
    rules = {}
    with open(path, encoding="utf-8") as f:
        for no, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            words = line.split()
            name = words[0]
            if name in rules:
                raise GenError("%s:%d: %s listed twice" % (path, no, name))
            toks = []
            for w in words[1:]:
                key, _, value = w.partition(":")
                if key not in RULE_TOKENS:
                    raise GenError("%s:%d: unknown token '%s'" % (path, no, w))
                toks.append((key, value.split(":") if value else []))
            rules[name] = toks
    return rules


def rule_values(toks, key):
    return [v for k, v in toks if k == key]


def rule_has(toks, key):
    return any(k == key for k, _ in toks)


def script_dir():
    return os.path.dirname(os.path.abspath(sys.argv[0]))
