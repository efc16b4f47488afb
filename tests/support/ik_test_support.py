"""What the Python tests and benchmarks share: waiting on a condition with a deadline, a private Xvfb,
a free loopback port, and skipping only where that is allowed. Standard library only.

Every wait here is on something observable (a file, a socket, a process, a display) with one generous
deadline, so the suite passes on a machine whose cores are busy with something else; a timeout says
what was awaited and what was seen instead.

Import from a test: sys.path.insert(0, <tests>/support); import ik_test_support as support
"""

import ctypes
import os
import select
import signal
import socket
import subprocess
import time

SKIP = 77  # CTest SKIP_RETURN_CODE
DEADLINE = 60.0  # seconds: long enough for a loaded 2-core machine, short enough to notice a hang


class Timeout(Exception):
    """A condition did not come true within its deadline."""


def wait_until(predicate, what, timeout=DEADLINE, interval=0.02, seen=None, alive=None):
    """Poll `predicate` until it returns something true, and return that. `seen()` describes the state
    for the message when it times out; `alive()` returning a text (why it died) stops the wait early."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if alive is not None:
            died = alive()
            if died:
                raise Timeout(f"gave up waiting for {what}: {died}")
        if time.monotonic() > deadline:
            detail = f"; seen instead: {seen()}" if seen else ""
            raise Timeout(f"timed out after {timeout:.0f} s waiting for {what}{detail}")
        time.sleep(interval)


def exited(proc, name="the process"):
    """For wait_until(alive=...): why `proc` is gone, or None while it runs."""
    return None if proc.poll() is None else f"{name} exited with code {proc.returncode}"


def skip(reason):
    """Exit code for a test that cannot run here: skipped on a developer's machine that lacks a tool;
    a failure where everything must be there (`dev.sh test` and CI set IK_NO_SKIP=1 after installing
    packaging/debian-deps.txt)."""
    if os.environ.get("IK_NO_SKIP"):
        print(f"FAIL: {reason} (IK_NO_SKIP is set: a missing tool is a failure here)", flush=True)
        return 1
    print(f"SKIP: {reason}", flush=True)
    return SKIP


def die_with_parent():
    """preexec_fn for a child: if the test is killed (a CTest timeout sends SIGKILL), the kernel ends
    its servers too, instead of leaving them running with no one to stop them."""
    PR_SET_PDEATHSIG = 1
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_open(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def wait_for_port(port, proc=None, what="the server"):
    """Wait until something accepts connections on 127.0.0.1:port (and `proc` has not died)."""
    wait_until(lambda: port_open(port), f"{what} to listen on 127.0.0.1:{port}",
               alive=(lambda: exited(proc, what)) if proc else None)


class Xvfb:
    """A private X server on a display number the server picks itself (-displayfd), so tests never
    touch a real display and can run in parallel without two of them racing for one number. Ready once
    a client sees the screen at the asked size."""

    def __init__(self, width=1280, height=800):
        self.width, self.height = width, height
        self.proc, self.display = None, None

    def start(self):
        read_end, write_end = os.pipe()
        try:
            self.proc = subprocess.Popen(
                ["Xvfb", "-displayfd", str(write_end), "-screen", "0", f"{self.width}x{self.height}x24",
                 "-nolisten", "tcp"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, pass_fds=(write_end,),
                preexec_fn=die_with_parent)
            os.close(write_end)
            write_end = None
            # Xvfb writes the number once it listens; a closed pipe without one means it died.
            number = b""
            deadline = time.monotonic() + DEADLINE
            while not number.endswith(b"\n"):
                left = deadline - time.monotonic()
                if left <= 0 or not select.select([read_end], [], [], left)[0]:
                    raise Timeout(f"timed out after {DEADLINE:.0f} s waiting for Xvfb to pick a display")
                chunk = os.read(read_end, 16)
                if not chunk:
                    self.proc.wait()
                    raise Timeout(f"Xvfb exited with code {self.proc.returncode} before picking a display")
                number += chunk
        finally:
            os.close(read_end)
            if write_end is not None:
                os.close(write_end)
        self.display = f":{int(number)}"
        wait_until(self._answers, f"Xvfb {self.display} at {self.width}x{self.height}",
                   alive=lambda: exited(self.proc, "Xvfb"))
        return self

    def _answers(self):
        result = subprocess.run(["xdpyinfo", "-display", self.display], capture_output=True, text=True)
        return result.returncode == 0 and f"dimensions:    {self.width}x{self.height} pixels" in result.stdout

    def env(self, base=None):
        return dict(base if base is not None else os.environ, DISPLAY=self.display)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(DEADLINE)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
