#!/usr/bin/env python3
# kiosk_bench.py: measures the real kiosk against the DESIGN.md budgets under its own Xvfb:
# start to first frame (< 300 ms), idle CPU on the attract screen (< 1% of a core) and resident
# memory (< 80 MB). Usage: kiosk_bench.py PATH/TO/impactkiosk [--json FILE]; exits 1 on a miss.
"""Benchmarks for the impactkiosk window process (python3 standard library only)."""

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BUDGET_FIRST_FRAME_MS = 300.0
BUDGET_IDLE_CPU_PERCENT = 1.0
BUDGET_RSS_MB = 80.0  # MB = 10^6 bytes: the stricter reading of "80 MB"

STARTUP_CASES = ("fresh", "existing", "cold_gl")
LANDSCAPE = (1280, 800)
PORTRAIT = (1080, 1920)
DISPLAYS = range(140, 181)
CLK_TCK = os.sysconf("SC_CLK_TCK")


def fail(message):
    print(f"kiosk_bench: {message}", file=sys.stderr)
    sys.exit(1)


class Xvfb:
    """An Xvfb of our own on the first free display in :140..:180, stopped on exit."""

    def __init__(self, width, height):
        self.size = (width, height)
        self.proc = None
        self.display = None
        for number in DISPLAYS:
            # A lock file or socket means someone else's server (or a stale one): leave it alone.
            if Path(f"/tmp/.X{number}-lock").exists() or Path(f"/tmp/.X11-unix/X{number}").exists():
                continue
            if self._start(number):
                return
        fail("no free X display in :140..:180 (or Xvfb does not start)")

    def _start(self, number):
        # -displayfd: Xvfb writes the display number to the pipe once it accepts clients, so we
        # neither poll nor sleep; it also tells us when another server won the race for the lock.
        read_end, write_end = os.pipe()
        proc = subprocess.Popen(
            ["Xvfb", f":{number}", "-screen", "0", f"{self.size[0]}x{self.size[1]}x24",
             "-nolisten", "tcp", "-displayfd", str(write_end)],
            pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write_end)
        with os.fdopen(read_end) as pipe:
            ready = pipe.readline().strip()  # empty when Xvfb exits instead
        if ready != str(number):
            proc.kill()
            proc.wait()
            return False
        self.proc, self.display = proc, f":{number}"
        return True

    def cpu_seconds(self):
        return cpu_seconds(self.proc.pid)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def cpu_seconds(pid):
    """utime + stime of the whole process (all threads, llvmpipe's included) from /proc/PID/stat."""
    text = Path(f"/proc/{pid}/stat").read_text()
    fields = text[text.rindex(")") + 2:].split()  # after "(comm) ": field 3 is fields[0]
    return (int(fields[11]) + int(fields[12])) / CLK_TCK  # fields 14 and 15 of proc(5)


def cpu_ns_precise(pid):
    """Time on CPU of every live thread, in ns (schedstat): finer than the 10 ms clock ticks."""
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            total += int((task / "schedstat").read_text().split()[0])
        except (FileNotFoundError, ProcessLookupError, IndexError, ValueError):
            pass  # a thread that ended meanwhile
    return total


def memory_kb(pid):
    status = Path(f"/proc/{pid}/status").read_text()
    values = {}
    for key in ("VmRSS", "VmHWM", "RssAnon", "RssFile", "RssShmem", "Threads"):
        match = re.search(rf"^{key}:\s+(\d+)", status, re.M)
        values[key] = int(match.group(1)) if match else None
    return values


def rss_breakdown_kb(pid):
    """Resident memory by where it lives (from smaps), so a miss can be traced to its owner."""
    groups = {}
    name = None
    for line in Path(f"/proc/{pid}/smaps").read_text().splitlines():
        if re.match(r"^[0-9a-f]+-[0-9a-f]+ ", line):
            parts = line.split()
            path = parts[5] if len(parts) > 5 else ""
            if "libLLVM" in path:
                name = "libLLVM (llvmpipe's shader compiler, file-backed)"
            elif "_dri.so" in path or "libgallium" in path:
                name = "Mesa driver library (file-backed)"
            elif path == "[heap]" or path == "":
                name = "heap and anonymous (private)"
            elif path.startswith("/SYSV"):
                name = "SysV shared memory (MIT-SHM image to the X server)"
            elif path.startswith("["):
                name = "stacks and other kernel-named maps"
            elif Path(path).name.startswith("impactkiosk"):
                name = "impactkiosk binary"
            else:
                name = "other shared libraries"
        elif line.startswith("Rss:") and name:
            groups[name] = groups.get(name, 0) + int(line.split()[1])
    return dict(sorted(groups.items(), key=lambda item: -item[1]))


def gl_driver(pid):
    """Which Mesa driver the kiosk loaded, read from its memory map (there is no glxinfo here)."""
    maps = Path(f"/proc/{pid}/maps").read_text()
    drivers = sorted({Path(line.split()[-1]).name for line in maps.splitlines()
                      if re.search(r"(_dri\.so|libgallium|libGLX_\w+\.so)", line)})
    threads = [p.joinpath("comm").read_text().strip() for p in Path(f"/proc/{pid}/task").iterdir()]
    llvmpipe = sum(1 for name in threads if name.startswith("llvmpipe"))
    return {"libraries": drivers, "llvmpipe_threads": llvmpipe}


class Bench:
    def __init__(self, kiosk, workdir):
        self.kiosk = str(Path(kiosk).resolve())
        self.workdir = Path(workdir)
        # An empty config home: the developer's own ~/.config/impactkiosk must not change results.
        self.config_home = self.workdir / "config"
        self.config_home.mkdir()
        self.cache_home = self.workdir / "cache"
        self.counter = 0

    def env(self, xvfb, **extra):
        env = dict(os.environ)
        # Mesa keeps compiled shaders under $XDG_CACHE_HOME/mesa_shader_cache; a cache of our own
        # makes "warm" mean warmed by this run, whatever the developer's cache holds.
        env.update(DISPLAY=xvfb.display, XDG_CONFIG_HOME=str(self.config_home),
                   XDG_DATA_HOME=str(self.workdir / "xdg-data"), XDG_CACHE_HOME=str(self.cache_home))
        for key in ("WAYLAND_DISPLAY", "MESA_SHADER_CACHE_DIR", "MESA_SHADER_CACHE_DISABLE"):
            env.pop(key, None)
        for key in ("IMPACTKIOSK_EXIT_AFTER_FIRST_FRAME", "IMPACTKIOSK_UI_DUMP",
                    "IMPACTKIOSK_SCREENSHOT_DIR"):
            env.pop(key, None)
        env.update(extra)
        return env

    def new_data_dir(self):
        # Not created here: a fresh kiosk makes its own directory and database, as on first boot.
        self.counter += 1
        return self.workdir / f"data-{self.counter}"

    def first_frame_once(self, xvfb, data_dir, cache_home=None):
        env = self.env(xvfb, IMPACTKIOSK_EXIT_AFTER_FIRST_FRAME="1")
        if cache_home:
            env["XDG_CACHE_HOME"] = str(cache_home)
        start = time.perf_counter()
        done = subprocess.run([self.kiosk, "--data-dir", str(data_dir)], env=env,
                              capture_output=True, text=True, timeout=60)
        wall_ms = (time.perf_counter() - start) * 1000
        match = re.search(r"first_frame_ms=([\d.]+)", done.stdout)
        if done.returncode != 0 or not match:
            fail(f"kiosk start-up run failed (exit {done.returncode}): {done.stderr.strip()[:500]}")
        return float(match.group(1)), wall_ms

    def first_frame(self, xvfb, runs):
        """Start to first frame in three cases, `runs` times each:
        fresh     a data dir that does not exist yet (the kiosk creates and migrates the database);
        existing  a data dir holding 1,000 responses (a kiosk in service);
        cold_gl   fresh, and also an empty Mesa shader cache (a brand-new kiosk's very first start:
                  llvmpipe compiles ImGui's shaders with LLVM instead of loading them).
        One untimed run first, so the binary, fonts and Mesa are in the page cache and the shared
        shader cache is filled: apart from cold_gl these are warm starts (a reboot also adds disk
        reads of the libraries, which a benchmark cannot repeat honestly)."""
        self.first_frame_once(xvfb, self.new_data_dir())
        existing = self.new_data_dir()
        demo = subprocess.run([self.kiosk, "--data-dir", str(existing), "demo-data", "--count", "1000"],
                              env=self.env(xvfb), capture_output=True, text=True, timeout=600)
        if demo.returncode != 0:
            fail(f"demo-data failed: {demo.stderr.strip()[:500]}")
        results = {}
        for kind in STARTUP_CASES:
            frames, walls = [], []
            for _ in range(runs):
                data_dir = existing if kind == "existing" else self.new_data_dir()
                cache = self.workdir / f"cache-{self.counter}" if kind == "cold_gl" else None
                frame_ms, wall_ms = self.first_frame_once(xvfb, data_dir, cache)
                frames.append(frame_ms)
                walls.append(wall_ms)
            results[kind] = {
                "runs": runs,
                "first_frame_ms": {"median": statistics.median(frames), "max": max(frames),
                                   "all": [round(v, 1) for v in frames]},
                "wall_ms": {"median": statistics.median(walls), "max": max(walls),
                            "all": [round(v, 1) for v in walls]},
            }
        results["existing_data_dir_responses"] = 1000
        return results

    def idle(self, xvfb, seconds):
        """Starts the kiosk fullscreen, waits for the attract screen + 2 s, then measures."""
        data_dir = self.new_data_dir()
        dump = self.workdir / f"dump-{self.counter}.json"
        env = self.env(xvfb, IMPACTKIOSK_UI_DUMP=str(dump))
        proc = subprocess.Popen([self.kiosk, "--data-dir", str(data_dir)], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            deadline = time.monotonic() + 30
            while True:
                if proc.poll() is not None:
                    fail(f"kiosk exited early ({proc.returncode}): {proc.stderr.read().strip()[:500]}")
                try:
                    if json.loads(dump.read_text()).get("screen") == "attract":
                        break
                except (FileNotFoundError, json.JSONDecodeError):
                    pass  # not written yet; it is replaced atomically, so never half-read
                if time.monotonic() > deadline:
                    fail("the kiosk did not reach the attract screen within 30 s")
                time.sleep(0.05)
            time.sleep(2)  # let start-up work (font atlas, first frames) settle

            kiosk_cpu0, kiosk_ns0 = cpu_seconds(proc.pid), cpu_ns_precise(proc.pid)
            xvfb_cpu0 = xvfb.cpu_seconds()
            wall0 = time.monotonic()
            time.sleep(seconds)
            wall = time.monotonic() - wall0
            kiosk_cpu1, kiosk_ns1 = cpu_seconds(proc.pid), cpu_ns_precise(proc.pid)
            xvfb_cpu1 = xvfb.cpu_seconds()

            result = {
                "screen": f"{xvfb.size[0]}x{xvfb.size[1]}",
                "window_seconds": round(wall, 3),
                "cpu_percent": 100 * (kiosk_cpu1 - kiosk_cpu0) / wall,
                "cpu_percent_schedstat": 100 * (kiosk_ns1 - kiosk_ns0) / 1e9 / wall,
                "xvfb_cpu_percent": 100 * (xvfb_cpu1 - xvfb_cpu0) / wall,
                "memory_kb": memory_kb(proc.pid),
                "rss_breakdown_kb": rss_breakdown_kb(proc.pid),
                "gl": gl_driver(proc.pid),
            }
        finally:
            proc.send_signal(signal.SIGTERM)  # the kiosk's clean shutdown path
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        return result


def mb(kb):
    return kb * 1024 / 1e6


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("kiosk", help="path to the impactkiosk binary (a Release build)")
    parser.add_argument("--json", metavar="FILE", help="also write the figures to FILE as JSON")
    parser.add_argument("--runs", type=int, default=10, help="start-up runs per case (default 10)")
    parser.add_argument("--idle-seconds", type=float, default=10, help="idle CPU window (default 10)")
    args = parser.parse_args()
    if not os.access(args.kiosk, os.X_OK):
        parser.error(f"not an executable: {args.kiosk}")
    if not shutil.which("Xvfb"):
        fail("Xvfb is not installed (apt-get install xvfb)")

    workdir = tempfile.mkdtemp(prefix="ik-kiosk-bench-", dir=os.environ.get("TMPDIR", "/var/tmp"))
    servers = []
    try:
        bench = Bench(args.kiosk, workdir)
        landscape = Xvfb(*LANDSCAPE)
        servers.append(landscape)
        startup = bench.first_frame(landscape, args.runs)
        idle_landscape = bench.idle(landscape, args.idle_seconds)
        landscape.stop()  # one Xvfb at a time: the other one's CPU and memory stay out of the figures
        portrait = Xvfb(*PORTRAIT)
        servers.append(portrait)
        idle_portrait = bench.idle(portrait, args.idle_seconds)
    finally:
        for server in servers:
            server.stop()
        shutil.rmtree(workdir, ignore_errors=True)

    checks = []  # (what, value, budget, unit)
    for kind in STARTUP_CASES:
        checks.append((f"first frame, {kind} (max of {args.runs}, in-process)",
                       startup[kind]["first_frame_ms"]["max"], BUDGET_FIRST_FRAME_MS, "ms"))
        checks.append((f"process start to first frame, {kind} (max, wall)",
                       startup[kind]["wall_ms"]["max"], BUDGET_FIRST_FRAME_MS, "ms"))
    for idle in (idle_landscape, idle_portrait):
        checks.append((f"idle CPU on attract, {idle['screen']}", idle["cpu_percent"],
                       BUDGET_IDLE_CPU_PERCENT, "% core"))
        checks.append((f"VmHWM (peak RSS), {idle['screen']}", mb(idle["memory_kb"]["VmHWM"]),
                       BUDGET_RSS_MB, "MB"))

    print(f"\nimpactkiosk benchmarks ({os.cpu_count()} CPUs, Xvfb, Mesa "
          f"{', '.join(idle_landscape['gl']['libraries']) or 'unknown driver'}, "
          f"{idle_landscape['gl']['llvmpipe_threads']} llvmpipe threads)\n")
    print(f"{'start to first frame (ms)':40} {'median':>8} {'max':>8}")
    for kind in STARTUP_CASES:
        for key, label in (("first_frame_ms", "in-process"), ("wall_ms", "wall, whole process")):
            figures = startup[kind][key]
            print(f"  {kind + ', ' + label:38} {figures['median']:8.1f} {figures['max']:8.1f}")
    print(f"\n{'idle on attract (MB = 10^6 B)':30} {'CPU %':>7} {'sched %':>8} {'Xvfb %':>7} "
          f"{'VmRSS MB':>9} {'VmHWM MB':>9}")
    for idle in (idle_landscape, idle_portrait):
        memory = idle["memory_kb"]
        print(f"  {idle['screen']:28} {idle['cpu_percent']:7.2f} {idle['cpu_percent_schedstat']:8.3f} "
              f"{idle['xvfb_cpu_percent']:7.2f} {mb(memory['VmRSS']):9.1f} {mb(memory['VmHWM']):9.1f}")
    for idle in (idle_landscape, idle_portrait):
        print(f"\nresident memory at {idle['screen']} by owner (MB)")
        for owner, kb in idle["rss_breakdown_kb"].items():
            print(f"  {mb(kb):7.1f}  {owner}")
    print("\nbudgets")
    failed = False
    for what, value, budget, unit in checks:
        ok = value < budget
        failed |= not ok
        print(f"  {'ok  ' if ok else 'MISS'} {what}: {value:.2f} {unit} (budget < {budget:g})")

    if args.json:
        report = {
            "cpus": os.cpu_count(),
            "startup": startup,
            "idle": [idle_landscape, idle_portrait],
            "budgets": [{"what": w, "value": v, "budget": b, "unit": u, "ok": v < b}
                        for w, v, b, u in checks],
        }
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
