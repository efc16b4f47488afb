#!/usr/bin/env python3
# `impactkiosk doctor` as the IT person runs it: a good kiosk (its own Xvfb, a real impactkiosk-monitor
# on 127.0.0.1, and an HTTPS monitor with a private CA) passes with exit 0; each broken piece (display,
# fonts, config, data folder, database, token, unreachable monitor, untrusted certificate, a login
# page, a wrong clock) gives one FAIL line that says what to fix, and exit 1. Loopback only.
import email.utils
import http.server
import json
import os
import shutil
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from ik_test_support import Xvfb, free_port, skip, wait_for_port  # noqa: E402

KIOSK = os.environ["IK_KIOSK"]
MONITOR = os.environ["IK_MONITOR"]


def health_handler(date_offset=0, body=None):
    """A monitor stand-in: /api/v1/health as docs/protocol.md says, with a Date header `date_offset`
    seconds off; or `body` (a login page) for anything."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            if body is None:
                payload, kind = json.dumps({"status": "ok", "protocol": 1}).encode(), "application/json"
            else:
                payload, kind = body.encode(), "text/html"
            self.send_response_only(200)
            self.send_header("Date", email.utils.formatdate(time.time() + date_offset, usegmt=True))
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args):
            pass

    return Handler


class Server:
    def __init__(self, handler, context=None):
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        if context:
            self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


class Doctor(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        d = cls.tmp.name
        cls.xvfb = Xvfb(1280, 800).start()
        # A private CA and a server certificate for 127.0.0.1, as a network with its own CA has.
        cls.ca_key, cls.ca = os.path.join(d, "ca.key"), os.path.join(d, "ca.pem")
        cls.key, cls.cert = os.path.join(d, "server.key"), os.path.join(d, "server.pem")
        quiet = dict(check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                        "-keyout", cls.ca_key, "-out", cls.ca, "-subj", "/CN=Doctor Test CA"], **quiet)
        csr = os.path.join(d, "server.csr")
        subprocess.run(["openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", cls.key, "-out", csr,
                        "-subj", "/CN=127.0.0.1"], **quiet)
        ext = os.path.join(d, "ext.cnf")
        with open(ext, "w") as f:
            f.write("subjectAltName=IP:127.0.0.1\n")
        subprocess.run(["openssl", "x509", "-req", "-in", csr, "-CA", cls.ca, "-CAkey", cls.ca_key,
                        "-CAcreateserial", "-days", "2", "-out", cls.cert, "-extfile", ext], **quiet)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cls.cert, cls.key)
        cls.https = Server(health_handler(), context)
        # The real monitor (plain HTTP on loopback, as behind nginx).
        cls.monitor_db = os.path.join(d, "monitor.db")
        cls.monitor_port = free_port()
        cls.monitor = subprocess.Popen([MONITOR, "--db", cls.monitor_db, "serve", "--listen",
                                        f"127.0.0.1:{cls.monitor_port}"], stderr=subprocess.DEVNULL)
        wait_for_port(cls.monitor_port, cls.monitor)
        token = subprocess.run([MONITOR, "--db", cls.monitor_db, "token", "add", "doctor-1"], check=True,
                               capture_output=True, text=True).stdout.strip()
        cls.token = os.path.join(d, "token")
        with open(cls.token, "w") as f:
            f.write(token + "\n")
        os.chmod(cls.token, 0o600)

    @classmethod
    def tearDownClass(cls):
        cls.https.stop()
        cls.monitor.terminate()
        cls.monitor.wait()
        cls.xvfb.stop()
        cls.tmp.cleanup()

    def setUp(self):
        self.dir = tempfile.mkdtemp(dir=self.tmp.name)
        self.data = os.path.join(self.dir, "data")

    def config(self, endpoint=None, ca_file=None, token=None, extra=""):
        path = os.path.join(self.dir, "config.toml")
        text = f'[kiosk]\nid = "doctor-1"\nbranch = "test"\ndata_dir = "{self.data}"\n{extra}'
        if endpoint:
            text += f'[sync]\nendpoint = "{endpoint}"\ntoken_file = "{token or self.token}"\n'
            if ca_file:
                text += f'ca_file = "{ca_file}"\n'
        with open(path, "w") as f:
            f.write(text)
        return path

    def doctor(self, config=None, display=True, env=None, args=()):
        environment = dict(os.environ, XDG_CONFIG_HOME=os.path.join(self.dir, "xdg"),
                           XDG_DATA_HOME=os.path.join(self.dir, "xdg-data"))
        environment.pop("IMPACTKIOSK_FONT_DIR", None)
        environment.pop("XDG_SESSION_TYPE", None)
        if display:
            environment["DISPLAY"] = self.xvfb.display
        else:
            environment.pop("DISPLAY", None)
        environment.update(env or {})
        cmd = [KIOSK] + (["--config", config] if config else []) + list(args) + ["doctor"]
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=60, env=environment)
        lines = r.stdout.splitlines()
        for line in lines:
            self.assertRegex(line, r"^(ok|warn|FAIL): [a-z ]+: .+", r.stdout)
        return r, lines

    def line(self, lines, level, what):
        found = [l for l in lines if l.startswith(f"{level}: {what}: ")]
        self.assertTrue(found, f"no '{level}: {what}' in:\n" + "\n".join(lines))
        return found[0]

    def assertNoFail(self, r, lines):
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertFalse([l for l in lines if l.startswith("FAIL")], r.stdout)

    # -- good setups ------------------------------------------------------------------------

    def test_a_good_kiosk_synced_to_the_real_monitor_passes(self):
        config = self.config(f"http://127.0.0.1:{self.monitor_port}")
        env = dict(os.environ, XDG_CONFIG_HOME=os.path.join(self.dir, "xdg"))
        subprocess.run([KIOSK, "--config", config, "demo-data", "--count", "5"], check=True, env=env,
                       capture_output=True)
        r, lines = self.doctor(config)
        self.assertNoFail(r, lines)
        self.assertIn("1280x800", self.line(lines, "ok", "display"))
        self.assertIn("drawn with", self.line(lines, "ok", "renderer"))
        self.assertIn("Noto Sans Arabic and Noto Sans Ethiopic", self.line(lines, "ok", "fonts"))
        # Read-aloud: espeak-ng's voices are there; a machine without a sound card (CI) only warns.
        speech = [l for l in lines if l.split(": ")[1:2] == ["read aloud"]]
        self.assertEqual(len(speech), 1, lines)
        if speech[0].startswith("ok"):
            self.assertIn("espeak-ng speaks", speech[0])
        else:
            self.assertRegex(speech[0], r"^warn: read aloud: cannot open audio output .*no speaker button")
        self.line(lines, "ok", "data folder")
        self.line(lines, "ok", "disk space")
        self.assertIn("5 responses, 5 waiting to sync", self.line(lines, "ok", "database"))
        self.assertIn("protocol 1", self.line(lines, "ok", "monitor"))
        self.assertIn("differ by", self.line(lines, "ok", "clock"))

    def test_https_with_the_networks_ca_file_is_verified(self):
        r, lines = self.doctor(self.config(f"https://127.0.0.1:{self.https.port}", ca_file=self.ca))
        self.assertNoFail(r, lines)
        self.assertIn("TLS certificate verified", self.line(lines, "ok", "monitor"))

    def test_no_configuration_only_warns_that_sync_is_off(self):
        r, lines = self.doctor(args=["--data-dir", self.data])
        self.assertNoFail(r, lines)
        self.line(lines, "warn", "sync")
        self.assertIn("not there yet", self.line(lines, "ok", "database"))

    def test_without_a_display_it_warns_and_says_how(self):
        r, lines = self.doctor(self.config(), display=False)
        self.assertEqual(r.returncode, 0, r.stdout)
        self.assertIn("DISPLAY=:0", self.line(lines, "warn", "display"))

    # -- broken setups: one FAIL each, exit 1 ---------------------------------------------------

    def assertFails(self, r, lines, what, hint):
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn(hint, self.line(lines, "FAIL", what))

    def test_a_display_that_cannot_be_opened(self):
        r, lines = self.doctor(self.config(), env={"DISPLAY": ":199"})
        self.assertFails(r, lines, "display", "X server running")

    def test_the_renderer_asked_for_is_said_and_a_wrong_one_fails(self):
        config = self.config()
        r, lines = self.doctor(config, env={"IMPACTKIOSK_RENDERER": "gl"})
        self.assertIn("drawn with OpenGL (IMPACTKIOSK_RENDERER)", self.line(lines, "ok", "renderer"))
        r, lines = self.doctor(config, env={"IMPACTKIOSK_RENDERER": "vulkan"})
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("IMPACTKIOSK_RENDERER=vulkan is not auto, gl or software", self.line(lines, "FAIL", "renderer"))

    def test_missing_fonts(self):
        r, lines = self.doctor(self.config(), env={"IMPACTKIOSK_FONT_DIR": self.dir})
        self.assertFails(r, lines, "fonts", "apt install fonts-noto-core")

    def test_a_broken_config_file_names_the_line_and_the_rest_is_still_checked(self):
        config = self.config(extra="[sync]\nbatch_size = 0\n")
        r, lines = self.doctor(config)
        self.assertFails(r, lines, "config", "config.toml:6")
        self.line(lines, "ok", "fonts")

    def test_a_data_folder_that_cannot_be_written(self):
        # Works as root too: nobody can make a folder inside a file.
        blocker = os.path.join(self.dir, "blocker")
        open(blocker, "w").close()
        self.data = os.path.join(blocker, "data")
        r, lines = self.doctor(self.config())
        self.assertFails(r, lines, "data folder", "cannot be created")

    def test_a_damaged_database(self):
        os.makedirs(self.data)
        with open(os.path.join(self.data, "impactkiosk.db"), "wb") as f:
            f.write(b"this is not an SQLite database" * 100)
        r, lines = self.doctor(self.config())
        self.assertFails(r, lines, "database", "restore the last backup")

    def test_a_token_others_can_read(self):
        token = os.path.join(self.dir, "open-token")
        shutil.copy(self.token, token)
        os.chmod(token, 0o644)
        r, lines = self.doctor(self.config(f"http://127.0.0.1:{self.monitor_port}", token=token))
        self.assertFails(r, lines, "sync", "chmod 600")

    def test_a_monitor_that_does_not_answer(self):
        r, lines = self.doctor(self.config(f"http://127.0.0.1:{free_port()}"))
        self.assertFails(r, lines, "monitor", "is the monitor running")

    def test_a_certificate_the_kiosk_does_not_trust(self):
        r, lines = self.doctor(self.config(f"https://127.0.0.1:{self.https.port}"))
        self.assertFails(r, lines, "tls", "ca_file")

    def test_a_login_page_is_not_the_monitor(self):
        portal = Server(health_handler(body="<html>Welcome to Library WiFi</html>"))
        try:
            r, lines = self.doctor(self.config(f"http://127.0.0.1:{portal.port}"))
        finally:
            portal.stop()
        self.assertFails(r, lines, "monitor", "login page")

    def test_a_clock_two_hours_off_the_monitors(self):
        skewed = Server(health_handler(date_offset=7200))
        try:
            r, lines = self.doctor(self.config(f"http://127.0.0.1:{skewed.port}"))
        finally:
            skewed.stop()
        self.assertFails(r, lines, "clock", "timedatectl set-ntp true")


if __name__ == "__main__":
    for tool in ("Xvfb", "openssl"):
        if not shutil.which(tool):
            sys.exit(skip(f"{tool} is not installed"))
    result = unittest.main(exit=False, verbosity=2).result
    failed = len(result.failures) + len(result.errors)
    print(f"{result.testsRun - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)
