#!/usr/bin/env python3
# Sync as an operator runs it: the real impactkiosk-monitor process on 127.0.0.1, `token add`,
# `impactkiosk sync --once`, `status --json`, and the monitor's export. A wrong token and a captive
# portal leave every response pending, exit 1 and say why; SIGTERM stops the monitor cleanly.
import http.server
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from ik_test_support import DEADLINE, free_port, wait_for_port  # noqa: E402

KIOSK = os.environ["IK_KIOSK"]
MONITOR = os.environ["IK_MONITOR"]


class Portal(http.server.BaseHTTPRequestHandler):
    """A hotel-style Wi-Fi login page that answers 200 to anything."""

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        body = b"<html><body>Welcome to Library WiFi. Accept the terms to continue.</body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class SyncCommandLine(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        d = self.tmp.name
        self.config = os.path.join(d, "config.toml")
        with open(self.config, "w") as f:
            f.write('[kiosk]\nid = "centrale-1"\nbranch = "centrale"\n')
        self.kiosk = [KIOSK, "--config", self.config, "--data-dir", os.path.join(d, "kiosk")]
        self.monitor_db = os.path.join(d, "monitor.db")
        subprocess.run(self.kiosk + ["demo-data", "--count", "250", "--seed", "5"], check=True,
                       stdout=subprocess.DEVNULL)
        self.port = free_port()
        self.server = subprocess.Popen([MONITOR, "--db", self.monitor_db, "serve", "--listen",
                                        f"127.0.0.1:{self.port}"], stderr=subprocess.PIPE, text=True)
        wait_for_port(self.port, self.server, "the monitor")

    def tearDown(self):
        if self.server.poll() is None:
            self.server.kill()
            self.server.wait()
        self.tmp.cleanup()

    def token_file(self, kiosk_id="centrale-1", name="token"):
        token = subprocess.run([MONITOR, "--db", self.monitor_db, "token", "add", kiosk_id], check=True,
                               capture_output=True, text=True).stdout.strip()
        path = os.path.join(self.tmp.name, name)
        with open(path, "w") as f:
            f.write(token + "\n")
        os.chmod(path, 0o600)
        return path

    def sync(self, url, token):
        return subprocess.run(self.kiosk + ["sync", "--once", "--endpoint", url, "--token-file", token],
                              capture_output=True, text=True, timeout=120)

    def status(self):
        return json.loads(subprocess.run(self.kiosk + ["status", "--json"], capture_output=True, text=True).stdout)

    def test_everything_arrives_once_and_status_says_so(self):
        token = self.token_file()
        r = self.sync(f"http://127.0.0.1:{self.port}", token)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("sent 250", r.stdout)
        status = self.status()
        self.assertEqual(status["responses_pending"], 0)
        self.assertIsNotNone(status["last_sync_ok_at"])
        self.assertIsNone(status["last_sync_error"])
        # Again: nothing left to send, nothing stored twice.
        self.assertEqual(self.sync(f"http://127.0.0.1:{self.port}", token).returncode, 0)
        out = os.path.join(self.tmp.name, "monitor.json")
        subprocess.run([MONITOR, "--db", self.monitor_db, "export", "--format", "json", "--out", out], check=True,
                       capture_output=True)
        kiosk_out = os.path.join(self.tmp.name, "kiosk.json")
        subprocess.run(self.kiosk + ["export", "--format", "json", "--out", kiosk_out], check=True,
                       capture_output=True)
        with open(out) as f:
            monitor_rows = json.load(f)
        with open(kiosk_out) as f:
            kiosk_rows = json.load(f)
        self.assertEqual(sorted(r["id"] for r in monitor_rows), sorted(r["id"] for r in kiosk_rows))
        by_id = {r["id"]: r for r in monitor_rows}
        for row in kiosk_rows:
            self.assertEqual(by_id[row["id"]]["answers"], row["answers"])
            self.assertEqual(by_id[row["id"]]["kiosk_id"], "centrale-1")

    def test_a_wrong_token_leaves_everything_pending_and_says_why(self):
        wrong = os.path.join(self.tmp.name, "wrong")
        with open(wrong, "w") as f:
            f.write("not-a-token\n")
        os.chmod(wrong, 0o600)
        r = self.sync(f"http://127.0.0.1:{self.port}", wrong)
        self.assertEqual(r.returncode, 1)
        self.assertIn("token", r.stderr)
        status = self.status()
        self.assertEqual(status["responses_pending"], 250)
        self.assertIn("token", status["last_sync_error"])

    def test_another_kiosks_token_is_refused(self):
        token = self.token_file("other-branch", "other")
        r = self.sync(f"http://127.0.0.1:{self.port}", token)
        self.assertEqual(r.returncode, 1)
        self.assertEqual(self.status()["responses_pending"], 250)

    def test_a_captive_portal_is_not_a_monitor(self):
        portal = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Portal)
        threading.Thread(target=portal.serve_forever, daemon=True).start()
        try:
            r = self.sync(f"http://127.0.0.1:{portal.server_address[1]}", self.token_file())
        finally:
            portal.shutdown()
        self.assertEqual(r.returncode, 1)
        self.assertIn("not the monitor", r.stderr)
        status = self.status()
        self.assertEqual(status["responses_pending"], 250)
        self.assertIn("not the monitor", status["last_sync_error"])

    def test_a_readable_token_file_is_refused(self):
        token = self.token_file()
        os.chmod(token, 0o644)
        r = self.sync(f"http://127.0.0.1:{self.port}", token)
        self.assertEqual(r.returncode, 1)
        self.assertIn("chmod 600", r.stderr)

    def test_sigterm_stops_the_monitor_cleanly(self):
        self.server.send_signal(signal.SIGTERM)
        self.assertEqual(self.server.wait(timeout=DEADLINE), 0)


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    failed = len(result.failures) + len(result.errors)
    print(f"{result.testsRun - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)
