"""Helpers shared by the test_*.py modules: error capture and UUID masking,
so results compare between libraries whatever random UUIDs they pick."""
import re

import libvirt

UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def describe(obj):
    """A JSON-able stand-in for a libvirt object handle."""
    for cls, how in ((libvirt.virSecret, lambda o: o.UUIDString()),
                     (libvirt.virNetworkPort, lambda o: o.UUIDString()),
                     (libvirt.virNWFilterBinding, lambda o: o.portDev())):
        if isinstance(obj, cls):
            return [cls.__name__, mask(how(obj))]
    return [type(obj).__name__, obj.name()]


def mask(value):
    """Replace UUIDs that are not fixed by the checks with a placeholder and
    object handles with their names."""
    if isinstance(value, bytes):
        return value.decode("latin-1")
    if type(value).__name__.startswith("vir"):
        return describe(value)
    if isinstance(value, str):
        return UUID_RE.sub(lambda m: m.group(0) if m.group(0).startswith("1111") or
                           m.group(0).startswith("dd8fe884") or
                           m.group(0).startswith("dfe224cb") or
                           m.group(0).startswith("d54df46f") else "UUID", value)
    if isinstance(value, (list, tuple)):
        return [mask(v) for v in value]
    if isinstance(value, dict):
        return {k: mask(v) for k, v in value.items()}
    return value


def err(e):
    return {"error": [e.get_error_code(), e.get_error_domain(),
                      mask(e.get_error_message())]}


def tryv(f, *args):
    """The result of f(*args), or its error."""
    try:
        return mask(f(*args))
    except libvirt.libvirtError as e:
        return err(e)


def names(objs):
    return sorted(o.name() for o in objs)
