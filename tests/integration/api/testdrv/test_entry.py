"""The checks every public entry point makes before a driver runs: invalid
object pointers, the read-only refusal, the client-side argument checks (and
their order), VIR_ERR_NO_SUPPORT -- codes, error domains and messages.

The functions come from our public headers (api/include, parsed by
api/apiparse.py) and are called through ctypes on whichever libvirt.so.0
python3-libvirt loaded, so run.py compares ours with Debian's call for call:

  null_objects  every function taking an object first, called with NULL for
                everything;
  ro_trace/rw_trace  on a read-only / read-write test:///default connection,
                with real objects first and "bad" arguments (NULL, 0) after:
                each argument error the entry point reports names the
                argument, which is then made "good" (a zeroed buffer, 1, a
                no-op callback) and the call repeated, until the call fails
                otherwise or reaches the driver. The result is the sequence of
                entry point errors and how the call ended ("driver" when the
                driver ran: what a driver answers is the other modules' job).
"""
import ctypes
import os
import re
import sys

import libvirt

HERE = os.path.dirname(os.path.abspath(__file__))
API_DIR = os.path.normpath(os.path.join(HERE, "..", "..", "..", "..", "api"))
sys.path.insert(0, API_DIR)
import apiparse  # noqa: E402

# Our test driver implements these; Debian 9.0's does not (VIR_ERR_NO_SUPPORT
# there), so they are compared up to the driver call only.
EXTENSIONS = {
    "virNetworkGetDHCPLeases", "virNetworkListAllPorts", "virNetworkPortLookupByUUID",
    "virNetworkPortLookupByUUIDString", "virNetworkPortCreateXML",
    "virNodeDeviceIsActive", "virNodeDeviceIsPersistent", "virNodeDeviceLookupSCSIHostByWWN",
    "virConnectListAllNWFilterBindings", "virConnectListAllNWFilters",
    "virConnectListNWFilters", "virConnectNumOfNWFilters", "virNWFilterBindingLookupByPortDev",
    "virNWFilterBindingCreateXML", "virNWFilterLookupByName", "virNWFilterLookupByUUID",
    "virNWFilterLookupByUUIDString", "virNWFilterDefineXML", "virNWFilterDefineXMLFlags",
    "virConnectListAllSecrets", "virConnectListSecrets", "virConnectNumOfSecrets",
    "virSecretLookupByUUID", "virSecretLookupByUUIDString", "virSecretLookupByUsage",
    "virSecretDefineXML", "virConnectSecretEventRegisterAny",
    "virConnectSecretEventDeregisterAny",
    "virConnectGetStoragePoolCapabilities", "virStoragePoolLookupByTargetPath",
    "virDomainGetJobInfo", "virDomainGetJobStats", "virDomainAbortJob",
    "virDomainAttachDevice", "virDomainAttachDeviceFlags", "virDomainDetachDevice",
    "virDomainDetachDeviceFlags", "virDomainDetachDeviceAlias", "virDomainUpdateDeviceFlags",
    "virNodeDeviceCreate", "virNodeDeviceDefineXML", "virNodeDeviceUndefine",
    "virNodeDeviceSetAutostart", "virNodeDeviceGetAutostart",
    "virStorageVolGetInfoFlags", "virStorageVolDownload", "virStorageVolUpload",
    "virStorageVolWipe", "virStorageVolWipePattern", "virStorageVolResize",
}
# Never called: they crash Debian's library with NULL arguments
# (virDomainFDAssociate, ...), loop on callbacks (the *All stream helpers),
# or end the objects the sweep uses.
NEVER = {
    "virDomainFDAssociate", "virDomainGetLaunchSecurityInfo", "virDomainSetLaunchSecurityState",
    "virConnectSetIdentity", "virStreamSendAll", "virStreamRecvAll", "virStreamSparseSendAll",
    "virStreamSparseRecvAll", "virConnectClose", "virDomainMigrate3",
}
# Differences in what the sweep reaches that belong to the test driver or
# the event machinery, not to the entry points.
NOT_COMPARED = {
    "virConnectDomainEventDeregister",      # message carries a pointer
    # deliberate: a NULL output is refused rather than handed to a driver
    # (libvirt's test and remote drivers store through it)
    "virDomainGetTime", "virNodeDeviceGetAutostart",
    # migration is not implemented: VIR_ERR_NO_SUPPORT where libvirt finds
    # the source driver lacks the migration feature
    "virDomainMigrateToURI", "virDomainMigrateToURI2", "virDomainMigrateToURI3",
}

DEBUG = bool(os.environ.get("ENTRY_DEBUG"))
ARG_RE = re.compile(r"^(?:string )?(\*?)(\w+) in (\w+) ")


class Err(ctypes.Structure):
    _fields_ = [("code", ctypes.c_int), ("domain", ctypes.c_int), ("message", ctypes.c_char_p)]


_LIB = None


def lib():
    global _LIB
    if _LIB is None:
        _LIB = ctypes.CDLL("libvirt.so.0")
        _LIB.virGetLastError.restype = ctypes.POINTER(Err)
    return _LIB


def functions():
    funcs, ptypes, _ = apiparse.libvirt_functions(os.path.join(API_DIR, "include"))
    return [f for f in funcs if f.family is not None and f.name not in NEVER], ptypes


def last_error():
    e = lib().virGetLastError()
    if not e:
        return None
    return [e.contents.code, e.contents.domain, (e.contents.message or b"").decode()]


NOOP = ctypes.CFUNCTYPE(ctypes.c_int)(lambda: 0)


def is_callback(ptype):
    return ptype.endswith(("Callback", "Func", "Cb")) or "Callback" in ptype


def null_objects(ctx):
    funcs, _ = functions()
    out = {}
    for f in funcs:
        if not f.params or f.params[0].type not in apiparse.OBJECTS:
            continue
        lib().virResetLastError()
        getattr(lib(), f.name)(*([None] * len(f.params)))
        out[f.name] = last_error()
    return out


VOL_XML = "<volume><name>sweep.img</name><capacity>1024</capacity></volume>"
CP_DOMAIN = ("<domain type='test'><name>sweep-cp</name><memory>8192</memory>"
             "<os><type>hvm</type></os><devices><disk type='file' device='disk'>"
             "<source file='/guest/cp.img'/><target dev='vda'/></disk></devices></domain>")
INVALID_OBJECT = (libvirt.VIR_ERR_INVALID_CONN, libvirt.VIR_ERR_INVALID_DOMAIN,
                  libvirt.VIR_ERR_INVALID_STREAM, libvirt.VIR_ERR_INVALID_STORAGE_VOL,
                  libvirt.VIR_ERR_INVALID_NETWORK, libvirt.VIR_ERR_INVALID_STORAGE_POOL)


def prepare(ctx):
    """Objects the sweeps need beyond test:///default's (made once, on the
    shared default state, through check.py's read-write connection)."""
    dom = ctx.conn.lookupByName("test")
    if "sweep.img" not in ctx.conn.storagePoolLookupByName("default-pool").listVolumes():
        ctx.conn.storagePoolLookupByName("default-pool").createXML(VOL_XML, 0)
    if "sweep" not in dom.snapshotListNames():
        dom.snapshotCreateXML("<domainsnapshot><name>sweep</name></domainsnapshot>", 0)
    if "sweep-cp" not in ctx.conn.listDefinedDomains() + [
            d.name() for d in ctx.conn.listAllDomains()]:
        # checkpoints and snapshots do not mix on one domain
        other = ctx.conn.createXML(CP_DOMAIN, 0)
        other.checkpointCreateXML("<domaincheckpoint><name>sweep</name></domaincheckpoint>", 0)


class Sweep:
    def __init__(self, conn):
        self.conn = conn
        dom = conn.lookupByName("test")
        pool = conn.storagePoolLookupByName("default-pool")
        self.objs = {
            "virConnectPtr": conn,
            "virDomainPtr": dom,
            "virNetworkPtr": conn.networkLookupByName("default"),
            "virStoragePoolPtr": pool,
            "virStorageVolPtr": pool.storageVolLookupByName("sweep.img"),
            "virNodeDevicePtr": conn.nodeDeviceLookupByName("computer"),
            "virInterfacePtr": conn.interfaceLookupByName("eth1"),
            "virDomainSnapshotPtr": dom.snapshotLookupByName("sweep"),
            "virDomainCheckpointPtr":
                conn.lookupByName("sweep-cp").checkpointLookupByName("sweep"),
            "virStreamPtr": conn.newStream(0),
        }
        self.keep = []

    def good(self, p, fix):
        """A value for parameter @p passing the entry point's check."""
        if p.type in self.objs:
            return ctypes.c_void_p(self.objs[p.type].c_pointer())
        if is_callback(p.type):
            return NOOP
        if "*" in p.type or p.type in self.ptypes:
            buf = ctypes.create_string_buffer(8192)
            if fix == "nonempty":
                buf.value = b"x"
            elif fix == "deref":
                ctypes.c_int.from_buffer(buf).value = 1
            self.keep.append(buf)
            return buf
        if "double" in p.type:
            return ctypes.c_double(1)
        if "long long" in p.type:
            return ctypes.c_longlong(1)
        return ctypes.c_int(1)

    def bad(self, p, first=False):
        if p.type in self.objs and first:
            return self.good(p, None)
        if "*" in p.type or p.type in self.ptypes or is_callback(p.type):
            return None
        if "double" in p.type:
            return ctypes.c_double(0)
        if "long long" in p.type:
            return ctypes.c_longlong(0)
        return ctypes.c_int(0)

    def trace(self, f):
        steps = self.trace_steps(f)
        if f.name in EXTENSIONS and steps and (
                steps[-1] == "driver" or steps[-1][0] == libvirt.VIR_ERR_NO_SUPPORT):
            steps[-1] = "end"
        return steps

    def trace_steps(self, f):
        if DEBUG:
            sys.stderr.write("%s\n" % f.name)
            sys.stderr.flush()
        # a fresh, unbound stream each time (a driver call binds the one it gets)
        self.objs["virStreamPtr"] = self.conn.newStream(0)
        args = [self.bad(p, i == 0) for i, p in enumerate(f.params)]
        names = [p.name for p in f.params]
        steps = []
        for _ in range(len(args) + 2):
            lib().virResetLastError()
            getattr(lib(), f.name)(*args)
            err = last_error()
            if err is None:
                return steps + ["driver"]
            msg = err[2]
            if err[0] == libvirt.VIR_ERR_OPERATION_DENIED or err[0] == libvirt.VIR_ERR_NO_SUPPORT:
                return steps + [err]
            m = ARG_RE.match(msg)
            if err[0] in INVALID_OBJECT:
                # an object argument after the first: make the first NULL one real
                steps.append(err)
                i = next((i for i, p in enumerate(f.params)
                          if i and p.type in self.objs and args[i] is None), None)
                if i is None or err in steps[:-1]:
                    return steps
                args[i] = self.good(f.params[i], None)
                continue
            if err[0] != libvirt.VIR_ERR_INVALID_ARG or msg.startswith("invalid argument:"):
                return steps + ["driver"]
            steps.append(err)
            if not m or m.group(2) not in names or err in steps[:-1]:
                return steps
            i = names.index(m.group(2))
            if "must be NULL" in msg:
                args[i] = self.bad(f.params[i])
            elif m.group(1):
                args[i] = self.good(f.params[i], "deref")
            elif msg.startswith("string "):
                args[i] = self.good(f.params[i], "nonempty")
            else:
                args[i] = self.good(f.params[i], None)
        return steps

    def run(self):
        funcs, self.ptypes = functions()
        out = {}
        for f in funcs:
            if not f.params or f.params[0].type not in self.objs:
                continue
            if f.name in NOT_COMPARED:
                continue
            if f.name.endswith(("Free", "Ref")):
                continue
            out[f.name] = self.trace(f)
        return out


def ro_trace(ctx):
    prepare(ctx)
    return Sweep(libvirt.openReadOnly("test:///default")).run()


def rw_trace(ctx):
    prepare(ctx)
    return Sweep(libvirt.open("test:///default")).run()


CHECKS = [
    ("null_objects", null_objects),
    ("ro_trace", ro_trace),
    ("rw_trace", rw_trace),
]
