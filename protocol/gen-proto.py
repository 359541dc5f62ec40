#!/usr/bin/env python3
#
# gen-proto.py - generate procedure tables, server dispatch and client stubs
# from one of modvirt's protocol/*.x files.
#
# The XDR codecs themselves come from rpcgen; this script reads the same .x
# (structs, constants, the "<prefix>_procedure" enum and the @tag metadata in
# the comment after each enum entry) and writes, depending on the options:
#
#   --tables FILE    <prefix>_procinfo.c: ProcInfo table, ACL conditions,
#                    dispatch trampolines and the ProgramInfo
#   --handlers FILE  <prefix>_handlers.h: the <Prefix>Handlers struct
#   --client-h FILE  <prefix>_client.h: typed client stub prototypes
#   --client-c FILE  <prefix>_client.c: the stubs (wrapping rpc_client_call)
#
# The metadata grammar is documented above the procedure enum in
# remote_protocol.x.  Any inconsistency (unknown tag, gap in the numbering,
# unresolvable flag, bad condition argument) is a hard error, so a broken .x
# fails the build instead of producing a wrong table.
#
# Python 3 standard library only.

import argparse
import os
import re
import sys

DRIVERS = ('none', 'hypervisor', 'network', 'storage', 'nodedev', 'secret',
           'interface', 'nwfilter')
TAGS_SINGLE = ('driver', 'priority', 'generate', 'readstream', 'writestream',
               'sparseflag', 'fds')
TAGS_MULTI = ('acl', 'aclfilter')
TAGS_BARE = ('noauth', 'message', 'writes')
GENERATE = ('both', 'server', 'client', 'none')
INT_TYPES = ('int', 'unsigned int', 'unsigned')


class GenError(Exception):
    pass


# --------------------------------------------------------------------------
# .x parsing (only the subset of the XDR language our files use)
# --------------------------------------------------------------------------

class Field:
    def __init__(self, ftype, name, kind, size):
        self.type = ftype      # "unsigned int", "remote_nonnull_string", ...
        self.name = name
        self.kind = kind       # scalar | optional | fixed | variable
        self.size = size       # array bound (text) or None


class Proc:
    def __init__(self, name, number, comment):
        self.name = name       # "REMOTE_PROC_SECRET_GET_VALUE"
        self.number = number
        self.comment = comment
        self.tags = {}
        self.multi = {k: [] for k in TAGS_MULTI}
        self.bare = set()


class Protocol:
    def __init__(self):
        self.consts = {}
        self.structs = {}      # name -> [Field]
        self.unions = set()
        self.typedefs = set()
        self.enums = {}        # name -> [(entry, value, comment)]
        self.flags = {}        # @flag NAME=VALUE
        self.procs = []


def strip_comments(text):
    """Remove comments, but return them too (with position) for the enum."""
    out = []
    comments = []
    i = 0
    while True:
        j = text.find('/*', i)
        if j < 0:
            out.append(text[i:])
            break
        k = text.find('*/', j + 2)
        if k < 0:
            raise GenError('unterminated comment')
        out.append(text[i:j])
        comments.append(text[j + 2:k])
        out.append(' @@C%d@@ ' % (len(comments) - 1))
        i = k + 2
    return ''.join(out), comments


def parse_decl(decl, where):
    decl = ' '.join(decl.split())
    m = re.fullmatch(r'(.+?)\s*(\*?)\s*(\w+)\s*(?:\[(\w+)\]|<(\w*)>)?', decl)
    if not m:
        raise GenError('%s: cannot parse declaration "%s"' % (where, decl))
    ftype, star, name, fixed, var = m.groups()
    ftype = ftype.strip()
    if star:
        return Field(ftype, name, 'optional', None)
    if fixed is not None:
        return Field(ftype, name, 'fixed', fixed)
    if var is not None:
        return Field(ftype, name, 'variable', var or None)
    return Field(ftype, name, 'scalar', None)


def parse_x(path):
    with open(path, encoding='utf-8') as f:
        raw = f.read()
    proto = Protocol()
    for m in re.finditer(r'@flag\s+(\w+)\s*=\s*(\w+)', raw):
        proto.flags[m.group(1)] = int(m.group(2), 0)
    # passthrough lines start with '%'
    raw = '\n'.join(line for line in raw.split('\n') if not line.lstrip().startswith('%'))
    text, comments = strip_comments(raw)
    nocomment = re.sub(r'@@C\d+@@', ' ', text)

    for m in re.finditer(r'\bconst\s+(\w+)\s*=\s*(\w+)\s*;', nocomment):
        proto.consts[m.group(1)] = int(m.group(2), 0)
    for m in re.finditer(r'\btypedef\s+([^;]+);', nocomment):
        proto.typedefs.add(parse_decl(m.group(1), 'typedef').name)
    for m in re.finditer(r'\bstruct\s+(\w+)\s*\{([^}]*)\}\s*;', nocomment):
        name = m.group(1)
        fields = [parse_decl(d, name) for d in m.group(2).split(';') if d.strip()]
        if name in proto.structs:
            raise GenError('struct %s defined twice' % name)
        proto.structs[name] = fields
    for m in re.finditer(r'\bunion\s+(\w+)\s+switch', nocomment):
        proto.unions.add(m.group(1))

    for m in re.finditer(r'\benum\s+(\w+)\s*\{([^}]*)\}\s*;', text):
        entries = []
        for tok in re.finditer(r'(\w+)\s*=\s*(\w+)\s*,?|@@C(\d+)@@', m.group(2)):
            if tok.group(3) is not None:
                if entries:
                    name, value, comment = entries[-1]
                    joined = (comment + ' ' if comment else '') + comments[int(tok.group(3))]
                    entries[-1] = (name, value, joined)
                continue
            entries.append((tok.group(1), int(tok.group(2), 0), ''))
        proto.enums[m.group(1)] = entries
    return proto


def parse_tags(proc):
    for word in proc.comment.split():
        if not word.startswith('@'):
            raise GenError('%s: stray text "%s" in metadata comment' % (proc.name, word))
        key, _, value = word[1:].partition(':')
        if key in TAGS_BARE and not value:
            proc.bare.add(key)
        elif key in TAGS_MULTI and value:
            proc.multi[key].append(value)
        elif key in TAGS_SINGLE and value:
            if key in proc.tags:
                raise GenError('%s: @%s given twice' % (proc.name, key))
            proc.tags[key] = value
        else:
            raise GenError('%s: unknown or malformed tag "%s"' % (proc.name, word))


# --------------------------------------------------------------------------
# derivations
# --------------------------------------------------------------------------

def perm_is_readonly(perm):
    return perm in ('getattr', 'read') or perm.startswith('search_')


def derive(proto, prefix):
    enum_name = prefix + '_procedure'
    if enum_name not in proto.enums:
        raise GenError('no enum %s' % enum_name)
    up = prefix.upper() + '_PROC_'
    for i, (name, value, comment) in enumerate(proto.enums[enum_name], start=1):
        if value != i:
            raise GenError('%s = %d: procedures must be numbered 1..N without gaps'
                           % (name, value))
        if not name.startswith(up):
            raise GenError('%s does not start with %s' % (name, up))
        p = Proc(name, value, comment)
        parse_tags(p)
        p.short = name[len(up):]
        p.lower = p.short.lower()
        for kind in ('args', 'ret', 'msg'):
            sname = '%s_%s_%s' % (prefix, p.lower, kind)
            setattr(p, kind, sname if sname in proto.structs else None)
        derive_proc(proto, p)
        proto.procs.append(p)


def derive_proc(proto, p):
    t = p.tags
    drv = t.get('driver')
    if drv not in DRIVERS:
        raise GenError('%s: @driver missing or not one of %s' % (p.name, ', '.join(DRIVERS)))
    gen = t.get('generate', '')
    if gen and gen not in GENERATE:
        raise GenError('%s: bad @generate:%s' % (p.name, gen))
    if t.get('priority', 'high') not in ('high', 'low'):
        raise GenError('%s: bad @priority' % p.name)
    flags = []
    if t.get('priority') == 'high':
        flags.append('PROC_F_PRIORITY')
    if p.msg or 'message' in p.bare:
        flags.append('PROC_F_EVENT')
    if p.msg and (p.args or p.ret):
        raise GenError('%s: an event cannot also have args/ret' % p.name)
    for k in ('readstream', 'writestream'):
        if k in t and not t[k].isdigit():
            raise GenError('%s: @%s needs a number' % (p.name, k))
    if 'readstream' in t or 'writestream' in t:
        flags.append('PROC_F_STREAM')
    fds = t.get('fds')
    if fds:
        if fds not in ('in', 'out', 'inout'):
            raise GenError('%s: @fds must be in, out or inout' % p.name)
        flags.append('PROC_F_FDS')
        if fds in ('in', 'inout'):
            flags.append('PROC_F_FDS_IN')
        if fds in ('out', 'inout'):
            flags.append('PROC_F_FDS_OUT')
    if 'noauth' in p.bare:
        flags.append('PROC_F_NOAUTH')
    if gen == 'none':
        flags.append('PROC_F_HANDWRITTEN')

    p.sparse_value = 0
    if 'sparseflag' in t:
        if t['sparseflag'] not in proto.flags:
            raise GenError('%s: no @flag value for %s' % (p.name, t['sparseflag']))
        p.sparse_value = proto.flags[t['sparseflag']]

    readonly = True
    p.conds = []
    acl = p.multi['acl']
    if acl == ['none']:
        acl = []
    elif 'none' in acl:
        raise GenError('%s: @acl:none mixed with other entries' % p.name)
    for entry in acl:
        parts = entry.split(':')
        if len(parts) < 2 or not parts[0] or not parts[1]:
            raise GenError('%s: bad @acl:%s' % (p.name, entry))
        perm = parts[0] + ':' + parts[1]
        ro = perm_is_readonly(parts[1])
        if len(parts) == 2:
            readonly = readonly and ro
            continue
        p.conds.append(make_cond(proto, p, entry, perm, parts[2:], ro))
    # @writes: the procedure changes state although libvirt's ACL entry for
    # it only asks for a read permission; never allowed on read-only sockets.
    if readonly and 'writes' not in p.bare:
        flags.append('PROC_F_READONLY')
    p.flags = flags


def make_cond(proto, p, entry, perm, rest, ro):
    if len(rest) == 1:
        arg, expr = 'flags', rest[0]
        kind = 'PROC_ACL_IF_NONE' if expr.startswith('!') else 'PROC_ACL_IF_ANY'
        value = 0
        for name in expr.lstrip('!').split('|'):
            if name not in proto.flags:
                raise GenError('%s: no @flag value for %s' % (p.name, name))
            value |= proto.flags[name]
    elif len(rest) == 3 and rest[0] == '':
        arg, expr = rest[1], rest[2]
        kind = 'PROC_ACL_IF_EQUAL'
        if expr not in proto.flags:
            raise GenError('%s: no @flag value for %s' % (p.name, expr))
        value = proto.flags[expr]
    else:
        raise GenError('%s: bad conditional @acl:%s' % (p.name, entry))
    if not p.args:
        raise GenError('%s: conditional ACL on a call without args' % p.name)
    field = next((f for f in proto.structs[p.args] if f.name == arg), None)
    if not field or field.kind != 'scalar' or field.type not in INT_TYPES:
        raise GenError('%s: ACL condition needs a 32-bit argument "%s"' % (p.name, arg))
    return {'perm': perm, 'arg': arg, 'expr': expr, 'kind': kind,
            'value': value, 'ro': ro}


# --------------------------------------------------------------------------
# emission
# --------------------------------------------------------------------------

def cstr(s):
    if s is None:
        return 'NULL'
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"') + '"'


def banner(xname):
    return ('/* Generated by protocol/gen-proto.py from %s.  Do not edit. */\n'
            % os.path.basename(xname))


def handler_type(prefix):
    return prefix.capitalize() + 'Handlers'


def callable_procs(proto):
    return [p for p in proto.procs if 'PROC_F_EVENT' not in p.flags]


def handler_params(p, with_names=True):
    params = ['RpcCall *call' if with_names else 'RpcCall *']
    if p.args:
        params.append('%s *args' % p.args if with_names else '%s *' % p.args)
    if p.ret:
        params.append('%s *ret' % p.ret if with_names else '%s *' % p.ret)
    return ', '.join(params)


def emit_handlers(proto, prefix, header, xname):
    htype = handler_type(prefix)
    procs = callable_procs(proto)
    out = [banner(xname), '#pragma once\n', '#include "procinfo.h"',
           '#include "%s"\n' % header,
           '/* number of members of %s (one per non-event procedure) */' % htype,
           '#define %s_HANDLERS_COUNT %d\n' % (prefix.upper(), len(procs))]
    if procs:
        out.append('/*\n * Server-side implementation of the %s program.  A daemon fills in the\n'
                   ' * procedures it serves; ProcInfo.dispatch returns\n'
                   ' * PROC_DISPATCH_NO_HANDLER for a NULL member.  Handlers return 0 on\n'
                   ' * success or -1 with an error reported.\n */' % prefix.upper())
        out.append('typedef struct %s {' % htype)
        for p in procs:
            out.append('    int (*%s)(%s);' % (p.lower, handler_params(p)))
        out.append('} %s;' % htype)
    return '\n'.join(out) + '\n'


def emit_tables(proto, prefix, header, xname, has_handlers):
    htype = handler_type(prefix)
    up = prefix.upper()
    out = [banner(xname), '#include <stddef.h>\n', '#include "procinfo.h"',
           '#include "%s"' % header]
    if has_handlers:
        out.append('#include "%s_handlers.h"' % prefix)
    out.append('')

    if has_handlers:
        for p in callable_procs(proto):
            out.append('static int\n%s_dispatch_%s(const void *handlers, RpcCall *call, '
                       'void *args, void *ret)\n{' % (prefix, p.lower))
            out.append('    const %s *h = handlers;\n' % htype)
            if not p.args:
                out.append('    (void) args;')
            if not p.ret:
                out.append('    (void) ret;')
            out.append('    if (!h->%s)\n        return PROC_DISPATCH_NO_HANDLER;' % p.lower)
            call = ['call'] + (['args'] if p.args else []) + (['ret'] if p.ret else [])
            out.append('    return h->%s(%s);\n}\n' % (p.lower, ', '.join(call)))

    for p in proto.procs:
        if not p.conds:
            continue
        out.append('static const ProcAclCond %s_acl_conds_%d[] = {' % (prefix, p.number))
        for c in p.conds:
            out.append('    { .perm = %s, .arg = %s, .expr = %s, .kind = %s,\n'
                       '      .value = %#x, .arg_offset = offsetof(%s, %s), .readonly_ok = %s },'
                       % (cstr(c['perm']), cstr(c['arg']), cstr(c['expr']), c['kind'],
                          c['value'], p.args, c['arg'], 'true' if c['ro'] else 'false'))
        out.append('};\n')

    out.append('static const ProcInfo %s_procs[%d] = {' % (prefix, len(proto.procs) + 1))
    for p in proto.procs:
        t = p.tags
        fields = [
            '.name = %s' % cstr(p.short),
            '.number = %s' % p.name,
            '.flags = %s' % (' | '.join(p.flags) if p.flags else '0'),
            '.driver = PROC_DRV_%s' % t['driver'].upper(),
            '.args_proc = (xdrproc_t) %s' % ('xdr_' + p.args if p.args else 'proc_xdr_void'),
            '.args_size = %s' % ('sizeof(%s)' % p.args if p.args else '0'),
            '.ret_proc = (xdrproc_t) %s' % ('xdr_' + p.ret if p.ret else 'proc_xdr_void'),
            '.ret_size = %s' % ('sizeof(%s)' % p.ret if p.ret else '0'),
            '.msg_proc = %s' % ('(xdrproc_t) xdr_' + p.msg if p.msg else 'NULL'),
            '.msg_size = %s' % ('sizeof(%s)' % p.msg if p.msg else '0'),
            '.acl = %s' % cstr(';'.join(p.multi['acl'])),
            '.readstream = %s' % t.get('readstream', '0'),
            '.writestream = %s' % t.get('writestream', '0'),
            '.sparseflag = %s' % cstr(t.get('sparseflag')),
            '.dispatch = %s' % ('%s_dispatch_%s' % (prefix, p.lower)
                                if has_handlers and 'PROC_F_EVENT' not in p.flags else 'NULL'),
            '.aclfilter = %s' % cstr(';'.join(p.multi['aclfilter'])),
            '.generate = %s' % cstr(t.get('generate', '')),
            '.acl_conds = %s' % ('%s_acl_conds_%d' % (prefix, p.number) if p.conds else 'NULL'),
            '.nacl_conds = %d' % len(p.conds),
            '.sparseflag_value = %#x' % p.sparse_value,
        ]
        out.append('    [%d] = {\n        %s,\n    },' % (p.number, ',\n        '.join(fields)))
    out.append('};\n')

    out.append('const ProgramInfo %s_program = {' % prefix)
    out.append('    .prog = %s_PROGRAM,' % up)
    out.append('    .vers = %s_PROTOCOL_VERSION,' % up)
    out.append('    .name = %s,' % cstr(up))
    out.append('    .procs = %s_procs,' % prefix)
    out.append('    .nprocs = %d,' % (len(proto.procs) + 1))
    out.append('    .handlers_size = %s,' % ('sizeof(%s)' % htype if has_handlers else '0'))
    out.append('};')
    return '\n'.join(out) + '\n'


def client_proto(prefix, p):
    params = ['RpcClient *client']
    if p.args:
        params.append('%s *args' % p.args)
    if p.ret:
        params.append('%s *ret' % p.ret)
    return 'int\n%s_call_%s(%s)' % (prefix, p.lower, ', '.join(params))


def emit_client_h(proto, prefix, header, xname):
    out = [banner(xname), '#pragma once\n', '#include "procinfo.h"',
           '#include "%s"\n' % header,
           '/*\n * Typed client stubs of the %s program: each one performs a single call\n'
           ' * through rpc_client_call().  Return 0 on success, -1 with an error\n'
           ' * reported.  @ret is filled on success; free it with xdr_free().\n */'
           % prefix.upper()]
    for p in callable_procs(proto):
        out.append(client_proto(prefix, p).replace('\n', ' ') + ';')
    return '\n'.join(out) + '\n'


def emit_client_c(proto, prefix, xname):
    out = [banner(xname), '#include "%s_client.h"\n' % prefix]
    for p in callable_procs(proto):
        out.append(client_proto(prefix, p))
        out.append('{\n    return rpc_client_call(client, &%s_program, %s, %s, %s);\n}\n'
                   % (prefix, p.name, 'args' if p.args else 'NULL',
                      'ret' if p.ret else 'NULL'))
    return '\n'.join(out)


def write(path, text):
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text)


def main(argv):
    ap = argparse.ArgumentParser(
        description='Generate procedure tables, handlers and client stubs from a .x file.')
    ap.add_argument('--input', required=True, help='the .x file')
    ap.add_argument('--prefix', required=True, help='remote, qemu, lxc, admin, keepalive')
    ap.add_argument('--header', help='rpcgen header to include (default: <input>.h)')
    ap.add_argument('--tables')
    ap.add_argument('--handlers')
    ap.add_argument('--client-h')
    ap.add_argument('--client-c')
    opts = ap.parse_args(argv)

    header = opts.header or os.path.splitext(os.path.basename(opts.input))[0] + '.h'
    try:
        proto = parse_x(opts.input)
        derive(proto, opts.prefix)
        has_handlers = bool(callable_procs(proto)) and opts.prefix != 'keepalive'
        if opts.handlers:
            write(opts.handlers, emit_handlers(proto, opts.prefix, header, opts.input))
        if opts.tables:
            write(opts.tables, emit_tables(proto, opts.prefix, header, opts.input,
                                           has_handlers))
        if opts.client_h:
            write(opts.client_h, emit_client_h(proto, opts.prefix, header, opts.input))
        if opts.client_c:
            write(opts.client_c, emit_client_c(proto, opts.prefix, opts.input))
    except GenError as e:
        sys.stderr.write('%s: %s\n' % (opts.input, e))
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
