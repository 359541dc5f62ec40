#!/usr/bin/python3
"""End-to-end tests of virtsecretd.

Each test class starts our virtsecretd in a private MODVIRT_ROOT and drives
it with Debian's stock clients (virsh, python3-libvirt on Debian's
libvirt.so.0), with our virsh and with python3-libvirt on our libvirt.so.0.
Debian's virt-admin drives its admin socket. It also kills the daemon with SIGKILL in the middle of writes and checks
that nothing acknowledged is lost, that broken configs stay on disk, and
that no value is ever on disk in plaintext.

Environment (set by tests/integration/secretd/meson.build):
  SECRETD_BIN       our virtsecretd
  MODVIRT_BUILDDIR  build root (to find our virsh and libvirt.so.0)
  SECRETD_VIRSH     our virsh (default: the build's tools/virsh)
  SECRETD_LIBDIR    directory holding our libvirt.so.0 (optional)
Must run as root (system mode) with /usr/bin/python3.
"""

import base64
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
import unittest

BUILD = os.environ.get("MODVIRT_BUILDDIR", "")
DAEMON = os.environ.get("SECRETD_BIN") or os.path.join(BUILD, "daemons/virtsecretd/virtsecretd")
STOCK_VIRSH = "/usr/bin/virsh"
PYTHON = "/usr/bin/python3"


def _first_existing(*paths):
    for p in paths:
        if p and os.path.exists(p):
            return p
    return None


OUR_VIRSH = _first_existing(os.environ.get("SECRETD_VIRSH"),
                            os.path.join(BUILD, "tools/virsh/virsh"),
                            os.path.join(BUILD, "tools/virsh"))
if OUR_VIRSH and os.path.isdir(OUR_VIRSH):
    OUR_VIRSH = None
OUR_LIBDIR = _first_existing(os.environ.get("SECRETD_LIBDIR"), os.path.join(BUILD, "api"))
if OUR_LIBDIR and not os.path.exists(os.path.join(OUR_LIBDIR, "libvirt.so.0")):
    OUR_LIBDIR = None

UUID_A = "5ec2e700-0000-4000-8000-00000000000a"
UUID_B = "5ec2e700-0000-4000-8000-00000000000b"
UUID_E = "5ec2e700-0000-4000-8000-00000000000e"


def secret_xml(uuid, usage_type="volume", usage_id="/var/lib/img/a.qcow2",
               ephemeral=False, private=False, desc=None):
    elem = {"volume": "volume", "iscsi": "target"}.get(usage_type, "name")
    parts = ["<secret ephemeral='%s' private='%s'>" % ("yes" if ephemeral else "no",
                                                      "yes" if private else "no")]
    if uuid:
        parts.append("  <uuid>%s</uuid>" % uuid)
    if desc:
        parts.append("  <description>%s</description>" % desc)
    if usage_type != "none":
        parts.append("  <usage type='%s'>\n    <%s>%s</%s>\n  </usage>"
                     % (usage_type, elem, usage_id, elem))
    parts.append("</secret>")
    return "\n".join(parts) + "\n"


class Daemon:
    """Our virtsecretd running as root in a private MODVIRT_ROOT."""

    def __init__(self, root, extra_args=()):
        self.root = root
        self.extra_args = list(extra_args)
        self.proc = None
        self.sock = os.path.join(root, "run/libvirt/virtsecretd-sock")
        self.sock_ro = self.sock + "-ro"
        self.config_dir = os.path.join(root, "etc/libvirt/secrets")
        self.log = os.path.join(root, "virtsecretd.log")

    @property
    def uri(self):
        return "secret:///system?socket=" + self.sock

    @property
    def uri_ro(self):
        return "secret:///system?socket=" + self.sock_ro

    def env(self):
        env = dict(os.environ)
        env["MODVIRT_ROOT"] = self.root
        return env

    def start(self, timeout=10.0):
        logf = open(self.log, "ab")
        self.proc = subprocess.Popen([DAEMON] + self.extra_args, env=self.env(),
                                     stdin=subprocess.DEVNULL, stdout=logf, stderr=logf)
        logf.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("virtsecretd exited with %d:\n%s"
                                   % (self.proc.returncode, self.read_log()))
            if self._connectable():
                return
            time.sleep(0.02)
        raise RuntimeError("virtsecretd did not create %s:\n%s" % (self.sock, self.read_log()))

    def _connectable(self):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            s.connect(self.sock)
            return True
        except OSError:
            return False
        finally:
            s.close()

    def read_log(self):
        try:
            with open(self.log, errors="replace") as f:
                return f.read()[-4000:]
        except OSError:
            return ""

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def kill9(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()
        self.proc = None


def run(argv, env=None, input=None, check=True):
    p = subprocess.run(argv, env=env, input=input, capture_output=True, text=True,
                       timeout=60)
    if check and p.returncode != 0:
        raise AssertionError("%s failed (%d):\nstdout: %s\nstderr: %s"
                             % (" ".join(argv), p.returncode, p.stdout, p.stderr))
    return p


def py(script, env_extra=None, args=()):
    """Run a python3-libvirt snippet with /usr/bin/python3; return stdout."""
    env = dict(os.environ)
    env.update(env_extra or {})
    p = subprocess.run([PYTHON, "-c", textwrap.dedent(script)] + list(args), env=env,
                       capture_output=True, text=True, timeout=120)
    if p.returncode != 0:
        raise AssertionError("python failed (%d):\n%s\n%s" % (p.returncode, p.stdout,
                                                              p.stderr))
    return p.stdout


class SecretdTestCase(unittest.TestCase):
    daemon_args = ()

    def setUp(self):
        self.root = tempfile.mkdtemp(prefix="secretd-e2e-")
        self.d = Daemon(self.root, self.daemon_args)
        self.d.start()
        self.tmp = os.path.join(self.root, "tmp")
        os.mkdir(self.tmp)

    def tearDown(self):
        self.d.stop()
        shutil.rmtree(self.root, ignore_errors=True)

    def write_tmp(self, name, text):
        path = os.path.join(self.tmp, name)
        with open(path, "w") as f:
            f.write(text)
        return path

    def virsh(self, binary, *args, uri=None, check=True, ro=False):
        argv = [binary]
        env = None
        if ro:
            argv.append("-r")
        argv += ["-c", uri or self.d.uri] + list(args)
        if binary == OUR_VIRSH and OUR_LIBDIR:
            # our virsh on our libvirt.so.0, whatever it was linked against
            env = dict(os.environ, LD_LIBRARY_PATH=OUR_LIBDIR)
        return run(argv, env=env, check=check)

    def files_under_root(self):
        for dirpath, _, names in os.walk(self.root):
            if dirpath.startswith(self.tmp):
                continue
            for n in names:
                yield os.path.join(dirpath, n)


class VirshTests(SecretdTestCase):
    def _lifecycle(self, virsh):
        xml = self.write_tmp("a.xml", secret_xml(UUID_A, desc="e2e"))
        out = self.virsh(virsh, "secret-define", xml).stdout
        self.assertIn("Secret %s created" % UUID_A, out)

        out = self.virsh(virsh, "secret-list").stdout
        self.assertIn(UUID_A, out)
        self.assertIn("volume /var/lib/img/a.qcow2", out)

        value = base64.b64encode(b"pa55\x00word").decode()
        out = self.virsh(virsh, "secret-set-value", UUID_A, "--base64", value).stdout
        self.assertIn("Secret value set", out)
        out = self.virsh(virsh, "secret-get-value", UUID_A).stdout
        self.assertEqual(out.strip(), value)

        out = self.virsh(virsh, "secret-dumpxml", UUID_A).stdout
        self.assertIn("<uuid>%s</uuid>" % UUID_A, out)
        self.assertIn("<description>e2e</description>", out)

        # usage conflict: libvirt's code and message
        xml_b = self.write_tmp("b.xml", secret_xml(UUID_B))
        p = self.virsh(virsh, "secret-define", xml_b, check=False)
        self.assertEqual(p.returncode, 1)
        self.assertIn("a secret with UUID %s already defined for use with "
                      "/var/lib/img/a.qcow2" % UUID_A, p.stderr)

        # private secrets never give their value out
        priv = self.write_tmp("p.xml", secret_xml(UUID_B, usage_type="ceph",
                                                  usage_id="client.e2e", private=True))
        self.virsh(virsh, "secret-define", priv)
        self.virsh(virsh, "secret-set-value", UUID_B, "--base64", value)
        p = self.virsh(virsh, "secret-get-value", UUID_B, check=False)
        self.assertEqual(p.returncode, 1)
        self.assertIn("secret is private", p.stderr)

        out = self.virsh(virsh, "secret-list", "--private").stdout
        self.assertIn(UUID_B, out)
        self.assertNotIn(UUID_A, out)
        out = self.virsh(virsh, "secret-list", "--no-private").stdout
        self.assertIn(UUID_A, out)
        self.assertNotIn(UUID_B, out)

        out = self.virsh(virsh, "secret-undefine", UUID_A).stdout
        self.assertIn("Secret %s deleted" % UUID_A, out)
        p = self.virsh(virsh, "secret-dumpxml", UUID_A, check=False)
        self.assertEqual(p.returncode, 1)
        self.assertIn("Secret not found", p.stderr)
        self.virsh(virsh, "secret-undefine", UUID_B)
        self.assertEqual(os.listdir(self.d.config_dir), [])

    def test_stock_virsh(self):
        self._lifecycle(STOCK_VIRSH)

    def test_our_virsh(self):
        if not OUR_VIRSH:
            self.fail("our virsh is not built (expected under MODVIRT_BUILDDIR)")
        self._lifecycle(OUR_VIRSH)

    def _readonly(self, virsh):
        xml = self.write_tmp("a.xml", secret_xml(UUID_A))
        self.virsh(virsh, "secret-define", xml)
        self.virsh(virsh, "secret-set-value", UUID_A, "--base64", "c2VjcmV0")
        out = self.virsh(virsh, "secret-list", uri=self.d.uri_ro, ro=True).stdout
        self.assertIn(UUID_A, out)
        self.virsh(virsh, "secret-dumpxml", UUID_A, uri=self.d.uri_ro, ro=True)
        for args in (("secret-define", xml),
                     ("secret-set-value", UUID_A, "--base64", "eA=="),
                     ("secret-get-value", UUID_A),
                     ("secret-undefine", UUID_A)):
            p = self.virsh(virsh, *args, uri=self.d.uri_ro, ro=True, check=False)
            self.assertEqual(p.returncode, 1, args)
            self.assertRegex(p.stderr, "(?i)(read only|read-only|forbidden|denied)", args)
        out = self.virsh(virsh, "secret-get-value", UUID_A).stdout
        self.assertEqual(out.strip(), "c2VjcmV0")

    def test_stock_virsh_readonly(self):
        self._readonly(STOCK_VIRSH)

    def test_our_virsh_readonly(self):
        if not OUR_VIRSH:
            self.fail("our virsh is not built (expected under MODVIRT_BUILDDIR)")
        self._readonly(OUR_VIRSH)


PY_LIFECYCLE = """
import sys, threading, time, libvirt
uri = sys.argv[1]
libvirt.virEventRegisterDefaultImpl()
events = []
def lifecycle(conn, secret, event, detail, opaque):
    events.append(("lifecycle", secret.UUIDString(), event, detail))
def changed(conn, secret, opaque):
    events.append(("value", secret.UUIDString()))
def loop():
    while True:
        libvirt.virEventRunDefaultImpl()
threading.Thread(target=loop, daemon=True).start()

watch = libvirt.open(uri)
watch.secretEventRegisterAny(None, libvirt.VIR_SECRET_EVENT_ID_LIFECYCLE, lifecycle, None)
watch.secretEventRegisterAny(None, libvirt.VIR_SECRET_EVENT_ID_VALUE_CHANGED, changed, None)

c = libvirt.open(uri)
xml = sys.argv[2]
s = c.secretDefineXML(xml)
uuid = s.UUIDString()
assert s.usageType() == libvirt.VIR_SECRET_USAGE_TYPE_CEPH, s.usageType()
assert s.usageID() == "client.py", s.usageID()
s.setValue(b"\\x00\\x01binary\\xff")
assert c.secretLookupByUUIDString(uuid).value() == b"\\x00\\x01binary\\xff"
assert c.secretLookupByUsage(libvirt.VIR_SECRET_USAGE_TYPE_CEPH, "client.py").UUIDString() == uuid
assert uuid in c.listSecrets(), c.listSecrets()
assert c.numOfSecrets() == 1
assert [x.UUIDString() for x in c.listAllSecrets(libvirt.VIR_CONNECT_LIST_SECRETS_NO_EPHEMERAL)] == [uuid]
assert c.listAllSecrets(libvirt.VIR_CONNECT_LIST_SECRETS_EPHEMERAL) == []
try:
    c.secretLookupByUUIDString("5ec2e700-0000-4000-8000-0000000000ff")
    raise SystemExit("lookup of a missing secret succeeded")
except libvirt.libvirtError as e:
    assert e.get_error_code() == libvirt.VIR_ERR_NO_SECRET, e.get_error_code()
    assert e.get_error_domain() == libvirt.VIR_FROM_SECRET, e.get_error_domain()
    assert "no secret with matching uuid" in e.get_error_message()
try:
    c.secretDefineXML(xml, 0x80)
    raise SystemExit("bad flags accepted")
except libvirt.libvirtError as e:
    assert e.get_error_code() == libvirt.VIR_ERR_INVALID_ARG, e.get_error_code()
s.undefine()
with open("/proc/self/maps") as f:
    libs = {l.split()[-1] for l in f if "libvirt.so.0" in l}
deadline = time.time() + 5
while len(events) < 3 and time.time() < deadline:
    time.sleep(0.02)
want = [("lifecycle", uuid, libvirt.VIR_SECRET_EVENT_DEFINED, 0),
        ("value", uuid),
        ("lifecycle", uuid, libvirt.VIR_SECRET_EVENT_UNDEFINED, 0)]
assert events == want, events
print("ok", *sorted(libs))
"""


class PythonTests(SecretdTestCase):
    def _run(self, env_extra):
        xml = secret_xml(UUID_A, usage_type="ceph", usage_id="client.py")
        out = py(PY_LIFECYCLE, env_extra, args=(self.d.uri, xml)).split()
        self.assertEqual(out[0], "ok")
        return out[1:]

    def test_stock_library(self):
        libs = self._run({})
        self.assertTrue(libs and all(lib.startswith("/usr/lib") or lib.startswith("/lib")
                                     for lib in libs), libs)

    def test_our_library(self):
        if not OUR_LIBDIR:
            self.fail("our libvirt.so.0 is not built (expected under MODVIRT_BUILDDIR)")
        libs = self._run({"LD_LIBRARY_PATH": OUR_LIBDIR})
        self.assertTrue(libs and all(os.path.realpath(lib).startswith(
            os.path.realpath(OUR_LIBDIR)) for lib in libs), libs)


PY_WRITER = """
import sys, libvirt
c = libvirt.open(sys.argv[1])
s = c.secretLookupByUUIDString(sys.argv[2])
i = 0
while True:
    s.setValue(b"value-%d" % i)
    print(i, flush=True)
    i += 1
"""


class DurabilityTests(SecretdTestCase):
    def restart(self, kill=True):
        if kill:
            self.d.kill9()
        else:
            self.d.stop()
        self.d.start()

    def test_kill9_loses_nothing_acknowledged(self):
        script = """
        import sys, libvirt
        c = libvirt.open(sys.argv[1])
        for i in range(40):
            x = ("<secret ephemeral='no' private='%s'><uuid>5ec2e700-0000-4000-8000-%012d</uuid>"
                 "<usage type='ceph'><name>client.%d</name></usage></secret>") % (
                 "yes" if i % 3 == 0 else "no", i, i)
            s = c.secretDefineXML(x)
            if i % 2 == 0:
                s.setValue(b"v%d" % i)
        e = c.secretDefineXML("<secret ephemeral='yes' private='no'><uuid>%s</uuid></secret>"
                              % sys.argv[2])
        e.setValue(b"ephemeral")
        print("ok")
        """
        self.assertEqual(py(script, args=(self.d.uri, UUID_E)).strip(), "ok")
        self.restart(kill=True)
        check = """
        import sys, libvirt
        c = libvirt.open(sys.argv[1])
        assert c.numOfSecrets() == 40, c.numOfSecrets()
        for i in range(40):
            s = c.secretLookupByUsage(libvirt.VIR_SECRET_USAGE_TYPE_CEPH, "client.%d" % i)
            assert s.UUIDString() == "5ec2e700-0000-4000-8000-%012d" % i
            private = "private='yes'" in s.XMLDesc()
            assert private == (i % 3 == 0), (i, s.XMLDesc())
            if i % 2 == 0 and not private:
                assert s.value() == b"v%d" % i
        try:
            c.secretLookupByUUIDString(sys.argv[2])
            raise SystemExit("ephemeral secret survived a restart")
        except libvirt.libvirtError:
            pass
        print("ok")
        """
        self.assertEqual(py(check, args=(self.d.uri, UUID_E)).strip(), "ok")

    def test_kill9_during_writes(self):
        xml = self.write_tmp("a.xml", secret_xml(UUID_A))
        self.virsh(STOCK_VIRSH, "secret-define", xml)
        for round_ in range(3):
            w = subprocess.Popen([PYTHON, "-c", textwrap.dedent(PY_WRITER), self.d.uri,
                                  UUID_A], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                 text=True)
            acked = -1
            deadline = time.monotonic() + 0.3 + 0.2 * round_
            while time.monotonic() < deadline:
                line = w.stdout.readline()
                if not line:
                    break
                acked = int(line)
            self.d.kill9()
            rest = w.communicate(timeout=30)[0]
            for line in rest.split():
                acked = int(line)
            self.assertGreaterEqual(acked, 0, "no write was acknowledged")
            self.d.start()
            got = self.virsh(STOCK_VIRSH, "secret-get-value", UUID_A).stdout.strip()
            got = base64.b64decode(got).decode()
            # the last acknowledged value, or the one in flight when killed
            self.assertIn(got, ("value-%d" % acked, "value-%d" % (acked + 1)))

    def test_broken_config_kept(self):
        self.virsh(STOCK_VIRSH, "secret-define",
                   self.write_tmp("a.xml", secret_xml(UUID_A)))
        self.virsh(STOCK_VIRSH, "secret-set-value", UUID_A, "--base64", "a2VwdA==")
        self.d.stop()
        broken = os.path.join(self.d.config_dir, UUID_B + ".xml")
        garbage = "<secret ephemeral='no'><uuid>" + UUID_B + "</uuid><usage type='bogus'>"
        with open(broken, "w") as f:
            f.write(garbage)
        self.d.start()
        out = self.virsh(STOCK_VIRSH, "secret-list").stdout
        self.assertIn(UUID_A, out)
        self.assertNotIn(UUID_B, out)
        with open(broken) as f:
            self.assertEqual(f.read(), garbage)
        self.restart(kill=True)
        self.assertTrue(os.path.exists(broken))
        out = self.virsh(STOCK_VIRSH, "secret-get-value", UUID_A).stdout
        self.assertEqual(out.strip(), "a2VwdA==")

    def test_values_sealed_and_ephemeral_off_disk(self):
        plain = b"very-distinctive-plaintext-42"
        b64 = base64.b64encode(plain).decode()
        self.virsh(STOCK_VIRSH, "secret-define",
                   self.write_tmp("a.xml", secret_xml(UUID_A)))
        self.virsh(STOCK_VIRSH, "secret-define",
                   self.write_tmp("e.xml", secret_xml(UUID_E, usage_type="tls",
                                                      usage_id="tls-e2e", ephemeral=True)))
        self.virsh(STOCK_VIRSH, "secret-set-value", UUID_A, "--base64", b64)
        self.virsh(STOCK_VIRSH, "secret-set-value", UUID_E, "--base64", b64)
        found = []
        for path in self.files_under_root():
            if UUID_E in os.path.basename(path):
                found.append(path)
            try:
                with open(path, "rb") as f:
                    data = f.read()
            except OSError:
                continue
            if plain in data or b64.encode() in data:
                found.append(path)
        self.assertEqual(found, [])
        value_file = os.path.join(self.d.config_dir, UUID_A + ".value")
        self.assertEqual(os.stat(value_file).st_mode & 0o777, 0o600)
        self.assertEqual(os.stat(os.path.join(self.d.config_dir, UUID_A + ".xml")).st_mode
                         & 0o777, 0o600)


STOCK_VIRT_ADMIN = "/usr/bin/virt-admin"


@unittest.skipUnless(os.access(STOCK_VIRT_ADMIN, os.X_OK), "Debian's virt-admin missing")
class AdminTests(SecretdTestCase):
    """Debian's virt-admin (its libvirt-admin.so) on our admin socket."""

    def admin(self, *args, check=True):
        sock = os.path.join(self.root, "run/libvirt/virtsecretd-admin-sock")
        return run([STOCK_VIRT_ADMIN, "-c", "virtsecretd:///system?socket=" + sock]
                   + list(args), check=check)

    @staticmethod
    def fields(text):
        out = {}
        for line in text.splitlines():
            if ":" in line:
                k, v = line.split(":", 1)
                out[k.strip()] = v.strip()
        return out

    def test_servers_and_threadpool(self):
        self.assertEqual(self.admin("srv-list").stdout.split()[-4:],
                         ["0", "admin", "1", "virtsecretd"])
        info = self.fields(self.admin("srv-threadpool-info", "virtsecretd").stdout)
        self.assertEqual(sorted(info), ["freeWorkers", "jobQueueDepth", "maxWorkers",
                                        "minWorkers", "nWorkers", "prioWorkers"])
        self.admin("srv-threadpool-set", "virtsecretd", "--max-workers", "30",
                   "--min-workers", "2", "--priority-workers", "3")
        info = self.fields(self.admin("srv-threadpool-info", "virtsecretd").stdout)
        self.assertEqual((info["minWorkers"], info["maxWorkers"], info["prioWorkers"]),
                         ("2", "30", "3"))
        bad = self.admin("srv-threadpool-set", "virtsecretd", "--min-workers", "40",
                         check=False)
        self.assertNotEqual(bad.returncode, 0)
        self.assertIn("minWorkers", bad.stderr)
        bad = self.admin("srv-threadpool-info", "nosuch", check=False)
        self.assertIn("nosuch", bad.stderr)
        # the daemon still serves calls on the resized pool
        self.virsh(STOCK_VIRSH, "secret-define", self.write_tmp("a.xml", secret_xml(UUID_A)))
        self.assertIn(UUID_A, self.virsh(STOCK_VIRSH, "secret-list").stdout)

    def test_clients(self):
        holder = subprocess.Popen([STOCK_VIRSH, "-c", self.d.uri], stdin=subprocess.PIPE,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 10
            rows = []
            while time.monotonic() < deadline and not rows:
                rows = self.admin("srv-clients-list", "virtsecretd").stdout.splitlines()[2:]
                rows = [r for r in rows if r.strip()]
                time.sleep(0.05)
            self.assertEqual(len(rows), 1, rows)
            cid = rows[0].split()[0]
            info = self.fields(self.admin("client-info", "virtsecretd", cid).stdout)
            self.assertEqual(info["readonly"], "no")
            self.assertEqual(info["unix_user_id"], "0")
            self.assertEqual(info["unix_process_id"], str(holder.pid))
            limits = self.fields(self.admin("srv-clients-info", "virtsecretd").stdout)
            self.assertEqual(limits["nclients"], "1")
            self.admin("srv-clients-set", "virtsecretd", "--max-clients", "100",
                       "--max-unauth-clients", "5")
            limits = self.fields(self.admin("srv-clients-info", "virtsecretd").stdout)
            self.assertEqual((limits["nclients_max"], limits["nclients_unauth_max"]),
                             ("100", "5"))
            bad = self.admin("srv-clients-set", "virtsecretd", "--max-clients", "0",
                             check=False)
            self.assertNotEqual(bad.returncode, 0)
            self.admin("client-disconnect", "virtsecretd", cid)
            rows = self.admin("srv-clients-list", "virtsecretd").stdout.splitlines()[2:]
            self.assertEqual([r for r in rows if r.strip()], [])
        finally:
            holder.kill()
            holder.wait()

    def test_logging_and_tls(self):
        self.admin("daemon-log-filters", "3:secret 1:+rpc")
        self.assertIn("3:secret 1:+rpc", self.admin("daemon-log-filters").stdout)
        bad = self.admin("daemon-log-filters", "bogus", check=False)
        self.assertNotEqual(bad.returncode, 0)
        self.assertIn("3:secret 1:+rpc", self.admin("daemon-log-filters").stdout)
        logfile = os.path.join(self.tmp, "admin.log")
        self.admin("daemon-log-outputs", "1:file:" + logfile)
        self.assertIn("1:file:" + logfile, self.admin("daemon-log-outputs").stdout)
        self.virsh(STOCK_VIRSH, "secret-list")
        with open(logfile) as f:
            self.assertIn("calls virConnectListAllSecrets", f.read())
        self.admin("daemon-log-filters", "")
        self.assertNotIn("rpc", self.admin("daemon-log-filters").stdout)
        bad = self.admin("server-update-tls", "virtsecretd", check=False)
        self.assertNotEqual(bad.returncode, 0)
        self.assertIn("TLS", bad.stderr)

    def test_daemon_timeout(self):
        self.admin("daemon-timeout", "--timeout", "1")
        deadline = time.monotonic() + 10
        while self.d.proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        self.assertEqual(self.d.proc.poll(), 0, "daemon did not exit on the new timeout")


class IdleTests(SecretdTestCase):
    daemon_args = ("--timeout", "1")

    def test_ephemeral_secret_keeps_daemon_alive(self):
        self.virsh(STOCK_VIRSH, "secret-define",
                   self.write_tmp("e.xml", secret_xml(UUID_E, ephemeral=True)))
        time.sleep(3)
        self.assertIsNone(self.d.proc.poll(), "daemon exited with an ephemeral secret")
        self.virsh(STOCK_VIRSH, "secret-undefine", UUID_E)
        deadline = time.monotonic() + 10
        while self.d.proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        self.assertIsNotNone(self.d.proc.poll(), "idle daemon did not exit")


if __name__ == "__main__":
    if os.geteuid() != 0:
        print("SKIP: needs root")
        sys.exit(77)
    if not os.access(DAEMON, os.X_OK):
        print("FAIL: %s not built" % DAEMON)
        sys.exit(1)
    unittest.main(verbosity=2)
