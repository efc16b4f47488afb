#!/usr/bin/env python3
# visitor_bench.py: the kiosk as the visitors of a language café use it, measured against the budgets
# of the "every visitor can answer" work: no frame longer than 50 ms when a visitor switches language
# (Latin, Arabic, Ethiopic, Cyrillic) or text size or contrast, or when staff mode opens; resident
# memory under 80 MB with the Latin, Arabic and Ethiopic faces in use; first frame under 300 ms.
# The release kiosk, its own Xvfb (portrait 1080x1920 by default, the largest glyphs), the software
# renderer, read-aloud into a WAV. Usage: visitor_bench.py PATH/TO/impactkiosk [--geometry WxH]
# [--json FILE]; exits 1 when a budget is missed. Python standard library, sox not needed.
"""Frame times and memory of the kiosk across languages, text sizes and staff mode."""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
import kiosk_e2e as e2e  # noqa: E402

BUDGET_FRAME_MS = 50.0
BUDGET_FIRST_FRAME_MS = 300.0
BUDGET_RSS_MB = 80.0  # 10^6 bytes
PIN = "2468"


def status_kb(pid, key):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


SPEECH_STARTS = []  # ms from the tap on the speaker (the finger lifted) to the kiosk saying it speaks


def visit(scr, language, larger=0, contrast=False, speak=False):
    """A visitor: their own settings on the attract screen, a language, two answers, stop."""
    scr.wait_screen("attract")
    for _ in range(larger):
        scr.tap("text_larger")
    if contrast:
        scr.tap("contrast")
    if speak:
        done = scr.dump["spoken"]
        scr.tap("speak")
        lifted = time.monotonic()
        scr.wait_for(lambda d: "speaking" in d or d["spoken"] > done, "speech to start", interval=0.001)
        SPEECH_STARTS.append((time.monotonic() - lifted) * 1000)
    scr.tap(f"lang:{language}")
    for _ in range(2):
        dump = scr.wait_screen(lambda s: s.startswith("question:"))
        option = next((e["id"] for e in dump["elements"] if e["id"].startswith("option:")), None)
        if option is None:
            break
        scr.tap(option)
        scr.wait_for(lambda d, before=dump["screen"]: d["screen"] != before, "the next screen")
    scr.wait_screen(lambda s: s.startswith("question:"))
    if larger:
        scr.tap("text_smaller")  # and smaller again, on a question
    scr.tap("stop")
    scr.wait_screen("attract")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("kiosk")
    parser.add_argument("--geometry", default="1080x1920")
    parser.add_argument("--json", help="write the figures here")
    args = parser.parse_args()
    width, height = (int(v) for v in args.geometry.split("x"))
    work = tempfile.mkdtemp(prefix="ik_visitor_bench_")
    xvfb = e2e.Xvfb(width, height).start()
    data = os.path.join(work, "data")
    k = e2e.Kiosk(os.path.abspath(args.kiosk), xvfb, data)
    k.cli("questionnaire", "import", e2e.LANGUAGE_CAFE, "--activate")
    subprocess.run([k.binary, "--data-dir", data, "staff-pin", "set"], input=PIN + "\n", text=True, check=True,
                   env=k.env, capture_output=True)
    stats_file = os.path.join(work, "frames.json")
    k.env.update(IMPACTKIOSK_FRAME_STATS=stats_file, IMPACTKIOSK_RENDERER="software",
                 IMPACTKIOSK_AUDIO_OUT=os.path.join(work, "said.wav"))
    k.start()
    try:
        scr = e2e.started(k)
        steps = {"started": status_kb(k.proc.pid, "VmHWM")}
        for language, larger, contrast, speak in (("nl", 2, False, False), ("ar", 0, True, True), ("ti", 1, False, False),
                                                  ("uk", 0, False, True), ("fa", 2, True, False)):
            visit(scr, language, larger=larger, contrast=contrast, speak=speak)
            steps[language] = status_kb(k.proc.pid, "VmHWM")
        # Staff mode: the corner held, the PIN (checked on a worker), the home screen, and back.
        scr.settle()
        corner = scr.need("staff_corner")
        subprocess.run(["xdotool", "mousemove", str(corner["x"] + 10), str(corner["y"] + 10), "mousedown", "1",
                        "sleep", "4", "mouseup", "1"], env=scr.env, check=True)
        scr.taps_sent += 1
        scr.wait_screen("staff_pin")
        for digit in PIN:
            scr.tap(f"key:{digit}")
        scr.tap("key:ok")
        scr.wait_screen("staff_home")
        scr.tap("results")
        scr.wait_screen("staff_results")
        scr.tap("back")
        scr.wait_screen("staff_home")
        scr.tap("visitors")
        scr.wait_screen("attract")
        steps["staff"] = status_kb(k.proc.pid, "VmHWM")
        memory = {key: status_kb(k.proc.pid, key) for key in ("VmRSS", "VmHWM")}
        k.terminate()
    finally:
        k.cleanup()
        xvfb.stop()
    with open(stats_file) as f:
        frames = json.load(f)
    shutil.rmtree(work, ignore_errors=True)

    mb = {key: value * 1024 / 1e6 for key, value in memory.items()}
    result = {"geometry": args.geometry, "frames": frames["frames"], "first_frame_ms": frames["first_ms"],
              "max_frame_after_first_ms": frames["max_after_first_ms"], "p50_ms": frames["p50_ms"],
              "p99_ms": frames["p99_ms"], "VmRSS_MB": round(mb["VmRSS"], 1), "VmHWM_MB": round(mb["VmHWM"], 1),
              "tap_to_speech_ms": [round(ms, 1) for ms in SPEECH_STARTS],
              "VmHWM_MB_after": {step: round(kb * 1024 / 1e6, 1) for step, kb in steps.items()},
              "slowest_screens": sorted(((v["max_ms"], s) for s, v in frames["screens"].items()), reverse=True)[:5]}
    print(json.dumps(result, indent=1))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f, indent=1)
    misses = []
    if result["max_frame_after_first_ms"] > BUDGET_FRAME_MS:
        misses.append(f"a frame took {result['max_frame_after_first_ms']:.1f} ms (budget {BUDGET_FRAME_MS:.0f})")
    if result["first_frame_ms"] > BUDGET_FIRST_FRAME_MS:
        misses.append(f"first frame {result['first_frame_ms']:.1f} ms (budget {BUDGET_FIRST_FRAME_MS:.0f})")
    if result["VmHWM_MB"] > BUDGET_RSS_MB:
        misses.append(f"peak resident memory {result['VmHWM_MB']:.1f} MB (budget {BUDGET_RSS_MB:.0f})")
    for miss in misses:
        print(f"visitor_bench: MISS {miss}", file=sys.stderr)
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
