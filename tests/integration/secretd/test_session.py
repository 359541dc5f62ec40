#!/usr/bin/python3
"""Session mode end to end: an unprivileged user's client library starts
virtsecretd on demand and talks to it under $XDG_RUNTIME_DIR/libvirt.

Runs as root and drops to the 'nobody' user (setpriv) for every client
command, with a private XDG_RUNTIME_DIR/XDG_CONFIG_HOME/XDG_DATA_HOME.
Environment: MODVIRT_BUILDDIR (the build root).
"""

import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest

BUILD = os.environ.get("MODVIRT_BUILDDIR", "")
BUILT_VIRSH = os.path.join(BUILD, "tools", "virsh")
BUILT_DAEMON = os.path.join(BUILD, "daemons", "virtsecretd", "virtsecretd")
BUILT_LIBDIR = os.path.join(BUILD, "api")
SECRET_XML = """<secret ephemeral='no' private='no'>
  <usage type='volume'><volume>/home/nobody/disk.img</volume></usage>
</secret>
"""


class SessionTests(unittest.TestCase):
    def setUp(self):
        self.user = pwd.getpwnam("nobody")
        self.home = tempfile.mkdtemp(prefix="modvirt-session-")
        os.chmod(self.home, 0o755)
        # The build tree may sit where 'nobody' cannot read it (a clone in
        # /root): run copies of the programs and the library.
        self.bin = os.path.join(self.home, "bin")
        os.makedirs(self.bin)
        shutil.copy2(BUILT_VIRSH, self.bin)
        shutil.copy2(BUILT_DAEMON, self.bin)
        for name in os.listdir(BUILT_LIBDIR):
            if name.startswith("libvirt.so") and not name.endswith(".p"):
                shutil.copy2(os.path.join(BUILT_LIBDIR, name), self.bin,
                             follow_symlinks=False)
        self.virsh = os.path.join(self.bin, "virsh")
        self.env = {
            "PATH": "/usr/bin:/bin",
            "HOME": self.home,
            "XDG_RUNTIME_DIR": os.path.join(self.home, "run"),
            "XDG_CONFIG_HOME": os.path.join(self.home, "config"),
            "XDG_DATA_HOME": os.path.join(self.home, "data"),
            "XDG_CACHE_HOME": os.path.join(self.home, "cache"),
            "VIRTD_PATH": self.bin,
            "LD_LIBRARY_PATH": self.bin,
        }
        for d in ("run", "config", "data", "cache"):
            os.makedirs(os.path.join(self.home, d), mode=0o700)
            os.chown(os.path.join(self.home, d), self.user.pw_uid, self.user.pw_gid)
        os.chown(self.home, self.user.pw_uid, self.user.pw_gid)
        self.rundir = os.path.join(self.home, "run", "libvirt")

    def tearDown(self):
        pid = self.daemon_pid()
        if pid:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            for _ in range(100):
                if not os.path.exists(f"/proc/{pid}"):
                    break
                time.sleep(0.05)
        shutil.rmtree(self.home, ignore_errors=True)

    def daemon_pid(self):
        try:
            with open(os.path.join(self.rundir, "virtsecretd.pid")) as f:
                return int(f.read().strip())
        except (OSError, ValueError):
            return None

    def as_nobody(self, *args, extra_env=None, stdin=None, timeout=30):
        env = dict(self.env, **(extra_env or {}))
        cmd = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
               "--"] + list(args)
        return subprocess.run(cmd, env=env, input=stdin, capture_output=True,
                              text=True, timeout=timeout, cwd=self.home)

    def test_autostart_and_use(self):
        r = self.as_nobody(self.virsh, "-c", "secret:///session", "secret-list")
        self.assertEqual(r.returncode, 0, r.stderr)
        sock = os.path.join(self.rundir, "virtsecretd-sock")
        self.assertTrue(os.path.exists(sock), "autostarted daemon has no socket")
        st = os.stat(self.rundir)
        self.assertEqual(st.st_uid, self.user.pw_uid)
        self.assertEqual(st.st_mode & 0o777, 0o700)
        pid = self.daemon_pid()
        self.assertIsNotNone(pid, "no pid file in the session runtime dir")
        with open(f"/proc/{pid}/status") as f:
            uid_line = next(l for l in f if l.startswith("Uid:"))
        self.assertEqual(int(uid_line.split()[1]), self.user.pw_uid)
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            self.assertIn(b"--timeout", f.read())

        xml = os.path.join(self.home, "s.xml")
        with open(xml, "w") as f:
            f.write(SECRET_XML)
        r = self.as_nobody(self.virsh, "-c", "secret:///session", "secret-define", xml)
        self.assertEqual(r.returncode, 0, r.stderr)
        uuid = r.stdout.split()[1]
        # the definition lives in the user's config dir, not under /etc
        cfg = os.path.join(self.home, "config", "libvirt", "secrets", uuid + ".xml")
        self.assertTrue(os.path.exists(cfg), cfg)

        # Debian's python3-libvirt on our library reaches the same daemon
        r = self.as_nobody("/usr/bin/python3", "-c",
                           "import libvirt; c = libvirt.open('secret:///session'); "
                           "print(len(c.listAllSecrets()))")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.strip(), "1")

    def test_no_daemon_fails_fast_naming_socket(self):
        start = time.monotonic()
        r = self.as_nobody(self.virsh, "-c", "secret:///session", "secret-list",
                           extra_env={"LIBVIRT_AUTOSTART": "0"}, timeout=10)
        elapsed = time.monotonic() - start
        self.assertEqual(r.returncode, 1)
        self.assertIn(os.path.join(self.rundir, "virtsecretd-sock"), r.stderr)
        self.assertIsNone(self.daemon_pid())
        sys.stderr.write(f"(failed in {elapsed:.2f} s) ")


if __name__ == "__main__":
    if os.geteuid() != 0:
        print("SKIP: needs root to switch to the nobody user")
        sys.exit(77)
    for p in (BUILT_VIRSH, BUILT_DAEMON):
        if not os.access(p, os.X_OK):
            print(f"FAIL: {p} is not built")
            sys.exit(1)
    unittest.main(verbosity=2)
