#!/usr/bin/env python3
# The kiosk's frame time while a large sync runs: the kiosk (Xvfb, 1280x800) with N pending
# responses and [sync] configured sends them to impactkiosk-monitor on 127.0.0.1 in its background
# thread, while the pointer moves over the screen (each move draws frames). Compared with the same
# run without sync. Frame times come from IMPACTKIOSK_FRAME_STATS (render + swap, in ms).
#
#   python3 tests/bench/sync_frame_bench.py --kiosk build/release/app/impactkiosk \
#       --monitor build/release/sync/impactkiosk-monitor [--count 100000]
import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_xvfb():
    for n in range(181, 220):
        if os.path.exists(f"/tmp/.X11-unix/X{n}") or os.path.exists(f"/tmp/.X{n}-lock"):
            continue
        proc = subprocess.Popen(["Xvfb", f":{n}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            if os.path.exists(f"/tmp/.X11-unix/X{n}"):
                return proc, f":{n}"
            time.sleep(0.05)
        proc.kill()
    sys.exit("no free X display")


def run_kiosk(args, data_dir, config, display, seconds, monitor_db=None):
    stats = os.path.join(data_dir, "frames.json")
    dump = os.path.join(data_dir, "dump.json")
    env = dict(os.environ, DISPLAY=display, IMPACTKIOSK_FRAME_STATS=stats, IMPACTKIOSK_UI_DUMP=dump)
    kiosk = subprocess.Popen([args.kiosk, "--config", config, "--data-dir", data_dir], env=env,
                             stderr=subprocess.DEVNULL)
    for _ in range(200):
        if os.path.exists(dump):
            break
        time.sleep(0.05)
    start = time.monotonic()
    x = 100
    while time.monotonic() - start < seconds:  # a person's finger moving: frames keep coming
        x = 100 if x > 1100 else x + 37
        subprocess.run(["xdotool", "mousemove", str(x), "400"], env=env)
        time.sleep(0.02)
    kiosk.send_signal(signal.SIGTERM)
    kiosk.wait(timeout=30)
    with open(stats) as f:
        return json.load(f)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kiosk", required=True)
    ap.add_argument("--monitor", required=True)
    ap.add_argument("--count", type=int, default=100000)
    ap.add_argument("--seconds", type=float, default=10)
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="ik_frame_bench_")
    xvfb, display = start_xvfb()
    try:
        seed_dir = os.path.join(work, "seed")
        subprocess.run([args.kiosk, "--data-dir", seed_dir, "demo-data", "--count", str(args.count)], check=True,
                       stdout=subprocess.DEVNULL)

        # Without sync.
        plain = os.path.join(work, "plain")
        shutil.copytree(seed_dir, plain)
        config_plain = os.path.join(work, "plain.toml")
        with open(config_plain, "w") as f:
            f.write('[kiosk]\nid = "bench-kiosk"\n')
        baseline = run_kiosk(args, plain, config_plain, display, args.seconds)

        # With sync to a monitor on loopback.
        monitor_db = os.path.join(work, "monitor.db")
        token = subprocess.run([args.monitor, "--db", monitor_db, "token", "add", "bench-kiosk"], check=True,
                               capture_output=True, text=True).stdout.strip()
        token_file = os.path.join(work, "token")
        with open(token_file, "w") as f:
            f.write(token + "\n")
        os.chmod(token_file, 0o600)
        port = free_port()
        monitor = subprocess.Popen([args.monitor, "--db", monitor_db, "serve", "--listen", f"127.0.0.1:{port}"],
                                   stderr=subprocess.DEVNULL)
        time.sleep(0.5)
        synced = os.path.join(work, "synced")
        shutil.copytree(seed_dir, synced)
        config_sync = os.path.join(work, "sync.toml")
        with open(config_sync, "w") as f:
            f.write(f'[kiosk]\nid = "bench-kiosk"\n[sync]\nendpoint = "http://127.0.0.1:{port}"\n'
                    f'token_file = "{token_file}"\n')
        t = time.monotonic()
        during = run_kiosk(args, synced, config_sync, display, args.seconds)
        monitor.terminate()
        monitor.wait()
        out = os.path.join(work, "m.json")
        subprocess.run([args.monitor, "--db", monitor_db, "export", "--format", "json", "--out", out], check=True,
                       capture_output=True)
        with open(out) as f:
            delivered = len(json.load(f))
        print(f"{args.count} pending; pointer moving for {args.seconds:.0f} s; {delivered} delivered during the run")
        print(f"{'':22} {'frames':>7} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
        for name, s in (("without sync", baseline), ("while syncing", during)):
            print(f"{name:22} {s['frames']:7d} {s['p50_ms']:8.2f} {s['p99_ms']:8.2f} {s['max_ms']:8.2f}")
        return 0
    finally:
        xvfb.terminate()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
