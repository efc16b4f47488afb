#!/usr/bin/env python3
# The installed kiosk session, killed and hung, is back on its attract screen within 30 s and no
# answer is lost. CI has no systemd as PID 1, so a small supervisor here does what
# /lib/systemd/system/impactkiosk.service tells systemd to do, with the values read from that file:
# a NOTIFY_SOCKET that takes READY=1 and WATCHDOG=1, the watchdog (WatchdogSec: SIGABRT, then SIGKILL
# after TimeoutAbortSec), Restart=always after RestartSec. It runs the installed session script
# (/usr/libexec/impactkiosk/kiosk-xsession, as user impactkiosk) on an Xvfb display instead of
# startx on tty7. What it proves: the kiosk says READY only with a frame on screen, pings only while
# its UI loop turns (the hang stops the UI thread alone; the sync thread keeps running), and with
# the unit's numbers it is back within 30 s with every tapped answer kept. What it does not: that
# systemd itself honours these settings (systemd-analyze verify checks the unit; see install-kiosk.md).
"""Run as root with the impactkiosk package installed: test-restart.py --display :N"""

import argparse
import configparser
import json
import os
import pwd
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "support"))
from ik_test_support import DEADLINE  # noqa: E402

UNIT = "/lib/systemd/system/impactkiosk.service"
SESSION = "/usr/libexec/impactkiosk/kiosk-xsession"
BUDGET = 30.0  # seconds from the kill (or the hang) to the attract screen


def log(text):
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)


def seconds(value):
    value = value.strip()
    for suffix, factor in (("ms", 0.001), ("min", 60), ("s", 1)):
        if value.endswith(suffix):
            return float(value[: -len(suffix)]) * factor
    return float(value)


class Unit:
    def __init__(self, path):
        parser = configparser.ConfigParser(strict=False, interpolation=None)
        parser.optionxform = str
        parser.read(path)
        service = parser["Service"]
        assert service["Type"] == "notify", service["Type"]
        assert service["Restart"] == "always", service["Restart"]
        assert service["NotifyAccess"] == "all"
        self.watchdog = seconds(service["WatchdogSec"])
        self.abort = seconds(service.get("TimeoutAbortSec", "90"))
        self.restart = seconds(service["RestartSec"])
        self.start_timeout = seconds(service.get("TimeoutStartSec", "90"))
        worst = self.watchdog + self.abort + self.restart
        log(f"unit: WatchdogSec={self.watchdog:g} TimeoutAbortSec={self.abort:g} RestartSec={self.restart:g} "
            f"(a hang is noticed and killed within {worst:g} s plus start-up)")


class Supervisor:
    """What systemd does for a Type=notify, Restart=always service with WatchdogSec."""

    def __init__(self, unit, env, workdir):
        self.unit, self.env = unit, env
        self.socket_path = os.path.join(workdir, "notify")
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(self.socket_path)
        os.chmod(self.socket_path, 0o777)  # the kiosk runs as impactkiosk
        self.sock.settimeout(0.1)
        self.proc = None
        self.starts = 0
        self.ready_at = None
        self.last_ping = None
        self.events = []
        self.stopping = False
        self.thread = threading.Thread(target=self.run, daemon=True)

    def start_service(self):
        user = pwd.getpwnam("impactkiosk")
        # As kiosk-session passes it: under another name, past startx and Xorg.
        env = dict(self.env, IMPACTKIOSK_NOTIFY_SOCKET=self.socket_path,
                   WATCHDOG_USEC=str(int(self.unit.watchdog * 1e6)),
                   WATCHDOG_PID="1")  # systemd names startx; the session script names the kiosk
        self.proc = subprocess.Popen([SESSION], env=env, user=user.pw_uid, group=user.pw_gid,
                                     extra_groups=[], cwd=user.pw_dir, start_new_session=True,
                                     stdout=self.logf, stderr=self.logf)
        self.starts += 1
        self.ready_at, self.last_ping = None, None
        self.started_at = time.monotonic()
        self.events.append(("start", time.monotonic()))
        log(f"supervisor: started the session (start {self.starts}, pid {self.proc.pid})")

    def kill_group(self, sig):
        try:
            os.killpg(self.proc.pid, sig)
        except ProcessLookupError:
            pass

    def run(self):
        with open(os.path.join(os.path.dirname(self.socket_path), "kiosk.log"), "ab") as self.logf:
            self.start_service()
            while not self.stopping:
                try:
                    message = self.sock.recv(4096).decode()
                except socket.timeout:
                    message = ""
                now = time.monotonic()
                for line in message.split("\n"):
                    if line == "READY=1" and self.ready_at is None:
                        self.ready_at = now
                        self.last_ping = now
                        self.events.append(("ready", now))
                        log(f"supervisor: READY=1 after {now - self.started_at:.1f} s")
                    elif line == "WATCHDOG=1":
                        self.last_ping = now
                if self.proc.poll() is not None:
                    log(f"supervisor: the session exited ({self.proc.returncode}); restart in {self.unit.restart:g} s")
                    self.events.append(("exit", now))
                    time.sleep(self.unit.restart)
                    self.start_service()
                elif self.ready_at is None and now - self.started_at > self.unit.start_timeout:
                    log("supervisor: no READY=1 within TimeoutStartSec: killing")
                    self.kill_group(signal.SIGKILL)
                elif self.last_ping is not None and now - self.last_ping > self.unit.watchdog:
                    log(f"supervisor: no WATCHDOG=1 for {self.unit.watchdog:g} s: SIGABRT")
                    self.events.append(("watchdog", now))
                    self.kill_group(signal.SIGABRT)
                    try:
                        self.proc.wait(self.unit.abort)
                    except subprocess.TimeoutExpired:
                        log("supervisor: still there after TimeoutAbortSec: SIGKILL")
                        self.kill_group(signal.SIGKILL)
                        self.proc.wait()
                    self.last_ping = None
            self.kill_group(signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.kill_group(signal.SIGKILL)
                self.proc.wait()


class Screen:
    def __init__(self, dump, display):
        self.dump, self.display = dump, display
        self.taps = 0  # releases sent to the current kiosk process

    def read(self):
        try:
            with open(self.dump) as f:
                return json.load(f)
        except (OSError, ValueError):
            return None

    def wait(self, predicate, what, timeout=DEADLINE):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            dump = self.read()
            if dump and predicate(dump):
                return dump
            time.sleep(0.05)
        raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}; screen: "
                             f"{self.read() and self.read()['screen']}")

    def tap(self, element_id):
        """A tap once the kiosk takes taps (its dump says input_ready, and it has taken in the last one)."""
        dump = self.wait(lambda d: d.get("input_ready", True) and d.get("taps", 0) >= self.taps,
                         f"the screen to take a tap on {element_id!r}")
        element = next(e for e in dump["elements"] if e["id"] == element_id)
        x, y = int(element["x"] + element["w"] / 2), int(element["y"] + element["h"] / 2)
        env = dict(os.environ, DISPLAY=self.display)
        subprocess.run(["xdotool", "mousemove", str(x), str(y), "mousedown", "1", "sleep", "0.06", "mouseup", "1"],
                       env=env, check=True)
        self.taps += 1

    def answer_two(self):
        """Start the survey and answer two questions; returns the question ids."""
        self.taps = 0  # a new kiosk process counts from 0
        self.wait(lambda d: d["screen"] == "attract", "the attract screen")
        self.tap("start")
        dump = self.wait(lambda d: d["screen"] != "attract", "the survey to start")
        if dump["screen"] == "language":
            self.tap("lang:nl")
            dump = self.wait(lambda d: d["screen"].startswith("question:"), "the first question")
        answered = []
        for _ in range(2):
            screen = dump["screen"]
            option = next(e["id"] for e in dump["elements"] if e["id"].startswith("option:"))
            self.tap(option)
            answered.append(screen.split(":", 1)[1])
            dump = self.wait(lambda d: d["screen"] != screen, "the next question")
        return answered


def export(env):
    out = tempfile.mktemp(prefix="ik-restart-", suffix=".json", dir="/tmp")
    subprocess.run(["runuser", "-u", "impactkiosk", "--", "env", f"IMPACTKIOSK_CONFIG={env['IMPACTKIOSK_CONFIG']}",
                    "impactkiosk", "export", "--format", "json", "--out", out], check=True, capture_output=True)
    with open(out) as f:
        rows = json.load(f)
    os.remove(out)
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--display", required=True)
    args = parser.parse_args()
    unit = Unit(UNIT)
    work = tempfile.mkdtemp(prefix="ik-restart-")
    os.chmod(work, 0o777)
    dump_file = os.path.join(work, "ui_dump.json")
    freeze_file = os.path.join(work, "freeze")
    env = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "HOME": "/var/lib/impactkiosk", "DISPLAY": args.display,
           "IMPACTKIOSK_CONFIG": "/etc/impactkiosk/config.toml", "IMPACTKIOSK_UI_DUMP": dump_file,
           "IMPACTKIOSK_TEST_FREEZE_FILE": freeze_file, "LANG": "C.UTF-8"}
    supervisor = Supervisor(unit, env, work)
    screen = Screen(dump_file, args.display)
    before = {r["id"] for r in export(env)}
    supervisor.thread.start()
    results = []
    try:
        screen.wait(lambda d: d["screen"] == "attract", "the first attract screen", unit.start_timeout)
        # READY=1 goes out on the loop turn after the first frame (which wrote the dump).
        deadline = time.monotonic() + DEADLINE
        while supervisor.ready_at is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert supervisor.ready_at is not None, f"on screen, but no READY=1 within {DEADLINE:.0f} s"

        for how in ("killed", "hung"):
            answered = screen.answer_two()
            log(f"answered {answered}; now the kiosk is {how}")
            os.remove(dump_file)  # only a dump written after the restart counts
            starts = supervisor.starts
            t0 = time.monotonic()
            events = len(supervisor.events)
            if how == "killed":
                supervisor.kill_group(signal.SIGKILL)
            else:
                open(freeze_file, "w").close()  # the UI thread stops; the process lives on
                deadline = time.monotonic() + BUDGET
                while "watchdog" not in [e[0] for e in supervisor.events[events:]]:
                    assert time.monotonic() < deadline, "the watchdog never fired: the kiosk kept pinging"
                    time.sleep(0.05)
                os.remove(freeze_file)  # the next start must not hang as well
            screen.wait(lambda d: d["screen"] == "attract" and supervisor.starts > starts,
                        "the attract screen after the restart", BUDGET + 5)
            elapsed = time.monotonic() - t0
            log(f"{how}: back on the attract screen after {elapsed:.1f} s")
            results.append((how, elapsed, answered))
            assert elapsed < BUDGET, f"{how}: {elapsed:.1f} s is over the {BUDGET:g} s budget"
    finally:
        supervisor.stopping = True
        supervisor.thread.join(30)
        with open(os.path.join(work, "kiosk.log"), errors="replace") as f:
            tail = f.readlines()[-10:]

    rows = [r for r in export(env) if r["id"] not in before]
    rows.sort(key=lambda r: r["started_at"])
    assert len(rows) == 2, f"expected the 2 interrupted surveys, found {len(rows)}: kiosk log: {''.join(tail)}"
    for (how, elapsed, answered), row in zip(results, rows):
        kept = sorted(row["answers"])
        assert kept == sorted(answered), f"{how}: answers {answered} tapped, {kept} kept"
        assert row["status"] == "abandoned", f"{how}: status {row['status']}"
        log(f"{how}: both answers kept ({', '.join(kept)}), status {row['status']}, flags {row['flags']}")
    print(f"{len(results)} passed, 0 failed")


if __name__ == "__main__":
    try:
        main()
    except AssertionError as e:
        print(f"test-restart: FAIL: {e}", file=sys.stderr)
        print("0 passed, 1 failed")
        sys.exit(1)
