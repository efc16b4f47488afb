#!/usr/bin/env python3
# The results screen on a full store: the release kiosk under Xvfb (1280x800) on a copy of a database
# with 1,000,000 responses, driven through the automation dump with xdotool as a person would: hold the
# staff corner, type the PIN, tap Results (the last 12 months), then tap "All" (every response). Two
# runs of the kiosk:
#   compute  the pointer keeps moving over the screen while "All" is computed in the background: the
#            frames drawn meanwhile show whether the screen stays smooth while the worker reads 1M rows
#   browse   "All" is computed, then the page is dragged up and down for --seconds: the frames of the
#            full page of charts
# Reports frame times of the staff_results screen (IMPACTKIOSK_FRAME_STATS, render + swap), the time
# to the figures as the screen states it ("Computed ... in X s") and as seen from outside (tap to the
# dump showing them), and the frame in which the tap happened.
#
#   python3 tests/bench/results_frame_bench.py --kiosk build/release/app/impactkiosk \
#       [--db /var/tmp/ik-export-bench/n1000000/impactkiosk.db] [--seconds 10] [--json out.json]
# The database is copied, never changed. Make one with `impactkiosk --data-dir D demo-data --count
# 1000000` (about 9 minutes), or let tests/bench/export_bench.py make /var/tmp/ik-export-bench.
import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

PIN = "2468"


def start_xvfb(geometry):
    for n in range(221, 260):
        if os.path.exists(f"/tmp/.X11-unix/X{n}") or os.path.exists(f"/tmp/.X{n}-lock"):
            continue
        proc = subprocess.Popen(["Xvfb", f":{n}", "-screen", "0", f"{geometry}x24", "-nolisten", "tcp"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            if os.path.exists(f"/tmp/.X11-unix/X{n}"):
                return proc, f":{n}"
            time.sleep(0.05)
        proc.kill()
    sys.exit("no free X display")


class Kiosk:
    def __init__(self, binary, data_dir, display, work):
        self.dump_file = os.path.join(work, "dump.json")
        self.stats_file = os.path.join(work, "frames.json")
        for f in (self.dump_file, self.stats_file):
            if os.path.exists(f):
                os.remove(f)
        self.env = dict(os.environ, DISPLAY=display, IMPACTKIOSK_FRAME_STATS=self.stats_file,
                        IMPACTKIOSK_UI_DUMP=self.dump_file, XDG_CONFIG_HOME=os.path.join(work, "xdg"),
                        IMPACTKIOSK_MEDIA_DIR=os.path.join(work, "media"))
        self.proc = subprocess.Popen([binary, "--data-dir", data_dir], env=self.env, stderr=subprocess.DEVNULL)
        self.dump = {}

    def poll(self):
        try:
            with open(self.dump_file) as f:
                self.dump = json.load(f)
        except (OSError, ValueError):
            pass
        return self.dump

    def element(self, el_id):
        for el in self.dump.get("elements", []):
            if el["id"] == el_id:
                return el
        return None

    def wait_for(self, predicate, what, timeout=60, moving=False):
        """Polls the dump until predicate(dump); with `moving`, the pointer keeps moving meanwhile."""
        start = time.monotonic()
        x = 100
        while time.monotonic() - start < timeout:
            if predicate(self.poll()):
                return time.monotonic() - start
            if moving:  # a person's finger moving over the page: frames keep coming
                x = 100 if x > 1100 else x + 37
                self.xdotool("mousemove", str(x), "500")
                time.sleep(0.02)
            else:
                time.sleep(0.01)
        sys.exit(f"timed out waiting for {what}; screen {self.dump.get('screen')!r}")

    def wait_screen(self, name):
        self.wait_for(lambda d: d.get("screen") == name, f"screen {name}")
        time.sleep(0.4)  # a new screen ignores presses for 300 ms

    def xdotool(self, *args):
        subprocess.run(["xdotool", *args], env=self.env, check=True)

    def centre(self, el_id):
        el = self.element(el_id)
        if not el:
            sys.exit(f"no {el_id} on {self.dump.get('screen')!r}")
        return str(int(el["x"] + el["w"] / 2)), str(int(el["y"] + el["h"] / 2))

    def tap(self, el_id):
        self.poll()
        x, y = self.centre(el_id)
        self.xdotool("mousemove", x, y, "mousedown", "1", "sleep", "0.05", "mouseup", "1")

    def hold(self, el_id, seconds):
        self.poll()
        x, y = self.centre(el_id)
        self.xdotool("mousemove", x, y, "mousedown", "1", "sleep", str(seconds), "mouseup", "1")

    def drag(self, dy):
        cmd = ["mousemove", "640", str(400 + dy // 2), "mousedown", "1"]
        for i in range(1, 9):
            cmd += ["sleep", "0.03", "mousemove", "640", str(int(400 + dy // 2 - dy * i / 8))]
        cmd += ["sleep", "0.05", "mouseup", "1"]
        self.xdotool(*cmd)

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=60)
        with open(self.stats_file) as f:
            return json.load(f)


def status_label(dump):
    for el in dump.get("elements", []):
        if el["id"] == "results_status":
            return el["label"]
    return ""


def computed(dump):
    return "Berekend om" in status_label(dump)  # the staff screens are in Dutch without a configuration


def stated_seconds(dump):
    m = re.search(r"in ([0-9.]+) s\.", status_label(dump))
    return float(m.group(1)) if m else None


def run(args, data_dir, display, work, phase):
    k = Kiosk(args.kiosk, data_dir, display, work)
    try:
        k.wait_screen("attract")
        k.hold("staff_corner", 3.3)
        k.wait_screen("staff_pin")
        for digit in PIN:
            k.tap(f"key:{digit}")
            time.sleep(0.1)
        k.tap("key:ok")
        k.wait_screen("staff_home")
        k.tap("results")
        k.wait_for(lambda d: d.get("screen") == "staff_results", "the results screen")
        open_s = k.wait_for(computed, "the figures of the last 12 months", timeout=120)
        open_label = status_label(k.dump)
        time.sleep(0.5)
        k.tap("period:all")
        k.wait_for(lambda d: not computed(d) or "Alle reacties" in status_label(d), "the tap on All", timeout=10)
        all_s = k.wait_for(lambda d: computed(d) and "Alle reacties" in status_label(d), "the figures of all",
                           timeout=300, moving=(phase == "compute"))
        result = {"open_wall_s": round(open_s, 2), "open_stated": open_label,
                  "all_wall_s": round(all_s, 2), "all_stated_s": stated_seconds(k.dump),
                  "all_label": status_label(k.dump)}
        if phase == "browse":
            start = time.monotonic()
            direction = -300
            while time.monotonic() - start < args.seconds:
                for _ in range(6):
                    k.drag(direction)
                direction = -direction
        stats = k.stop()
        result["frames"] = stats.get("screens", {}).get("staff_results")
        result["frames_by_screen"] = stats.get("screens", {})
        return result
    finally:
        if k.proc.poll() is None:
            k.proc.kill()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kiosk", required=True)
    ap.add_argument("--db", default="/var/tmp/ik-export-bench/n1000000/impactkiosk.db")
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--json")
    args = ap.parse_args()
    if not os.path.exists(args.db):
        sys.exit(f"no database at {args.db}: see the comment at the top of this script")
    for tool in ("Xvfb", "xdotool"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is needed")
    work = tempfile.mkdtemp(prefix="ik_results_bench_", dir="/var/tmp")
    xvfb, display = start_xvfb("1280x800")
    try:
        data_dir = os.path.join(work, "data")
        os.makedirs(data_dir)
        shutil.copyfile(args.db, os.path.join(data_dir, "impactkiosk.db"))
        subprocess.run([args.kiosk, "--data-dir", data_dir, "staff-pin", "set"], input=PIN + "\n", text=True,
                       check=True, capture_output=True)
        total = json.loads(subprocess.run([args.kiosk, "--data-dir", data_dir, "status", "--json"], check=True,
                                          capture_output=True, text=True).stdout)["responses_total"]
        # Read the file once, so both runs find it in the page cache.
        subprocess.run(["cat", os.path.join(data_dir, "impactkiosk.db")], stdout=subprocess.DEVNULL, check=True)
        results = {"responses": total}
        for phase in ("compute", "browse"):
            results[phase] = run(args, data_dir, display, work, phase)
        print(f"{total:,} responses in the store")
        for phase in ("compute", "browse"):
            r = results[phase]
            f = r["frames"] or {}
            print(f"{phase:8} staff_results frames {f.get('frames', 0):5d}  p50 {f.get('p50_ms', 0):6.2f} ms  "
                  f"p99 {f.get('p99_ms', 0):6.2f} ms  max {f.get('max_ms', 0):7.2f} ms;  "
                  f"last 12 months {r['open_wall_s']:.2f} s, all {r['all_wall_s']:.2f} s "
                  f"(the screen says {r['all_stated_s']} s)")
        if args.json:
            with open(args.json, "w") as out:
                json.dump(results, out, indent=2)
        return 0
    finally:
        xvfb.terminate()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
