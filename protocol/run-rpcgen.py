#!/usr/bin/env python3
#
# run-rpcgen.py RPCGEN header|source INPUT.x OUTPUT
#
# Runs rpcgen from the directory of INPUT.x with a bare file name, so the
# generated source says '#include "name.h"' instead of embedding the source
# path (rpcgen derives that include from the input path as given).  rpcgen
# refuses to overwrite an existing file and derives the header guard from the
# output name, so it writes into a fresh scratch directory under the same
# name and the result is then moved over OUTPUT.  Python 3 stdlib only.

import os
import shutil
import subprocess
import sys
import tempfile


def main(argv):
    if len(argv) != 4 or argv[1] not in ('header', 'source'):
        sys.stderr.write('usage: run-rpcgen.py RPCGEN header|source INPUT.x OUTPUT\n')
        return 2
    rpcgen, mode, src, out = argv
    out = os.path.abspath(out)
    srcdir, srcname = os.path.split(os.path.abspath(src))
    scratch = tempfile.mkdtemp(prefix='.rpcgen-', dir=os.path.dirname(out))
    try:
        tmp = os.path.join(scratch, os.path.basename(out))
        cmd = [rpcgen, '-h' if mode == 'header' else '-c', '-o', tmp, srcname]
        res = subprocess.run(cmd, cwd=srcdir)
        if res.returncode != 0:
            sys.stderr.write('run-rpcgen.py: %s failed (%d)\n'
                             % (' '.join(cmd), res.returncode))
            return 1
        os.replace(tmp, out)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
