#!/usr/bin/env python3
#
# test-gen-proto.py GEN-PROTO.PY - the generator must refuse inconsistent
# metadata instead of emitting a wrong table.  Each case is a tiny .x file.

import os
import subprocess
import sys
import tempfile

GOOD = '''
const DEMO_PROGRAM = 0x1234;
const DEMO_PROTOCOL_VERSION = 1;
/* @flag DEMO_SECURE=1 */
struct demo_get_args { int id; unsigned int flags; };
struct demo_get_ret { int value; };
struct demo_changed_msg { int id; };
enum demo_procedure {
    DEMO_PROC_GET = 1,
        /* @driver:secret @priority:high @generate:both @acl:secret:read
           @acl:secret:read_secure:DEMO_SECURE */
    DEMO_PROC_CHANGED = 2
        /* @driver:secret @acl:none */
};
'''

BAD = {
    'gap': GOOD.replace('DEMO_PROC_CHANGED = 2', 'DEMO_PROC_CHANGED = 3'),
    'unknown tag': GOOD.replace('@priority:high', '@prio:high'),
    'no driver': GOOD.replace('@driver:secret @priority', '@priority'),
    'bad driver': GOOD.replace('@driver:secret @priority', '@driver:qemu @priority'),
    'unknown flag': GOOD.replace('read_secure:DEMO_SECURE', 'read_secure:DEMO_OTHER'),
    'condition arg': GOOD.replace('read_secure:DEMO_SECURE', 'read_secure::nosuch:DEMO_SECURE'),
    'stray text': GOOD.replace('@acl:none', '@acl:none oops'),
}


def run(gen, text, tmp):
    path = os.path.join(tmp, 'demo.x')
    with open(path, 'w') as f:
        f.write(text)
    out = os.path.join(tmp, 'demo_procinfo.c')
    res = subprocess.run([sys.executable, gen, '--input', path, '--prefix', 'demo',
                          '--tables', out, '--handlers', os.path.join(tmp, 'demo_handlers.h')],
                         capture_output=True, text=True)
    return res, out


def main():
    gen = sys.argv[1]
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        res, out = run(gen, GOOD, tmp)
        if res.returncode != 0:
            print('FAIL good input rejected:', res.stderr)
            failures += 1
        else:
            text = open(out).read()
            for want in ('PROC_F_PRIORITY', 'PROC_F_READONLY', 'PROC_DRV_SECRET',
                         '.msg_proc = (xdrproc_t) xdr_demo_changed_msg',
                         'PROC_ACL_IF_ANY', '.nprocs = 3'):
                if want not in text:
                    print('FAIL good input: missing', want)
                    failures += 1
        for name, text in BAD.items():
            res, _ = run(gen, text, tmp)
            if res.returncode == 0:
                print('FAIL accepted bad input:', name)
                failures += 1
            else:
                print('ok   rejected:', name, '-', res.stderr.strip().splitlines()[-1])
    print('%d passed, %d failed' % (len(BAD) + 1 - failures, failures))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
