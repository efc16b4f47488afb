#!/usr/bin/env python3
# Sync benchmark: N pending responses (default 100,000) from a kiosk to impactkiosk-monitor on
# 127.0.0.1 with `impactkiosk sync --once` (budget: 10 s for 100,000), compared in the same run with
# curl posting the same batches (same gzip bytes, one curl process, keep-alive) to a fresh monitor:
# the difference is the kiosk's own cost. Also reports the monitor's ingest rate.
#
#   python3 tests/bench/sync_bench.py --kiosk build/release/app/impactkiosk \
#       --monitor build/release/sync/impactkiosk-monitor [--count 100000] [--json out.json]
import argparse
import gzip
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid

BUDGET_SECONDS_PER_100K = 10.0


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_monitor(monitor, db):
    port = free_port()
    proc = subprocess.Popen([monitor, "--db", db, "serve", "--listen", f"127.0.0.1:{port}"],
                            stderr=subprocess.DEVNULL)
    for _ in range(200):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.1):
                return proc, port
        except OSError:
            time.sleep(0.05)
    proc.kill()
    sys.exit("monitor did not start")


def add_token(monitor, db, kiosk_id, path):
    token = subprocess.run([monitor, "--db", db, "token", "add", kiosk_id], check=True, capture_output=True,
                           text=True).stdout.strip()
    with open(path, "w") as f:
        f.write(token + "\n")
    os.chmod(path, 0o600)
    return token


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kiosk", required=True)
    ap.add_argument("--monitor", required=True)
    ap.add_argument("--count", type=int, default=100000)
    ap.add_argument("--batch-size", type=int, default=200)
    ap.add_argument("--json")
    args = ap.parse_args()

    work = tempfile.mkdtemp(prefix="ik_sync_bench_")
    kiosk_dir = os.path.join(work, "kiosk")
    config = os.path.join(work, "config.toml")
    with open(config, "w") as f:
        f.write(f'[kiosk]\nid = "bench-kiosk"\nbranch = "bench"\n[sync]\nbatch_size = {args.batch_size}\n')
    base = [args.kiosk, "--config", config, "--data-dir", kiosk_dir]

    t = time.monotonic()
    subprocess.run(base + ["demo-data", "--count", str(args.count), "--seed", "1"], check=True,
                   stdout=subprocess.DEVNULL)
    print(f"set-up: {args.count} demo responses in {time.monotonic() - t:.1f} s")

    # The same batches for curl, built before anything is sent (same shape and gzip as the kiosk's).
    export = os.path.join(work, "responses.json")
    subprocess.run(base + ["export", "--format", "json", "--out", export], check=True, stderr=subprocess.DEVNULL)
    qfile = os.path.join(work, "q.json")
    subprocess.run(base + ["questionnaire", "export", "digital_skills_confidence", "--out", qfile], check=True,
                   stdout=subprocess.DEVNULL)
    with open(export) as f:
        responses = json.load(f)
    with open(qfile) as f:
        definition = json.load(f)
    batches_dir = os.path.join(work, "batches")
    os.makedirs(batches_dir)
    curl_config = os.path.join(work, "curl.cfg")
    gz_bytes = 0
    with open(curl_config, "w") as cfg:
        for i in range(0, len(responses), args.batch_size):
            records = []
            for r in responses[i:i + args.batch_size]:
                records.append({k: r[k] for k in ("id", "seq", "questionnaire", "language", "status", "started_at",
                                                  "finished_at", "utc_offset_minutes", "flags", "answers")})
            batch = {"protocol": 1, "batch_id": str(uuid.uuid4()), "kiosk_id": "bench-kiosk", "branch_id": "bench",
                     "app_version": "bench", "sent_at": "2026-11-21T00:00:00.000Z",
                     "questionnaires": [{"id": definition["id"], "version": definition["version"], "hash": "x",
                                         **({"definition": definition} if i == 0 else {})}],
                     "responses": records}
            path = os.path.join(batches_dir, f"{i:08d}.json.gz")
            data = gzip.compress(json.dumps(batch, separators=(",", ":")).encode())
            gz_bytes += len(data)
            with open(path, "wb") as f:
                f.write(data)
            cfg.write("next\n" if i else "")
            # `next` resets options, so every request carries its own headers.
            cfg.write(f'url = "URL"\ndata-binary = "@{path}"\noutput = "/dev/null"\nsilent\n'
                      'header = "Content-Type: application/json"\nheader = "Content-Encoding: gzip"\n'
                      'header = "Authorization: Bearer TOKEN"\nheader = "Expect:"\n')
    n_batches = (len(responses) + args.batch_size - 1) // args.batch_size

    results = {"count": args.count, "batch_size": args.batch_size, "batches": n_batches,
               "gzip_bytes": gz_bytes}
    # 1. The kiosk.
    mon_db = os.path.join(work, "monitor-kiosk.db")
    token_file = os.path.join(work, "token")
    add_token(args.monitor, mon_db, "bench-kiosk", token_file)
    proc, port = start_monitor(args.monitor, mon_db)
    try:
        t = time.monotonic()
        r = subprocess.run(base + ["sync", "--once", "--endpoint", f"http://127.0.0.1:{port}", "--token-file",
                                   token_file], capture_output=True, text=True)
        kiosk_s = time.monotonic() - t
        print(r.stdout.strip(), r.stderr.strip())
        if r.returncode != 0:
            sys.exit("sync --once failed")
    finally:
        proc.terminate()
        proc.wait()
    results["kiosk_sync_seconds"] = round(kiosk_s, 2)

    # 2. curl with the same gzip bytes, one process, keep-alive, to a fresh monitor.
    mon_db2 = os.path.join(work, "monitor-curl.db")
    token = add_token(args.monitor, mon_db2, "bench-kiosk", os.path.join(work, "token2"))
    proc, port = start_monitor(args.monitor, mon_db2)
    with open(curl_config) as f:
        cfg_text = f.read().replace("URL", f"http://127.0.0.1:{port}/api/v1/batches").replace("TOKEN", token)
    with open(curl_config, "w") as f:
        f.write(cfg_text)
    try:
        t = time.monotonic()
        subprocess.run(["curl", "-K", curl_config], check=True)
        curl_s = time.monotonic() - t
    finally:
        proc.terminate()
        proc.wait()
    exported = os.path.join(work, "mon.json")
    subprocess.run([args.monitor, "--db", mon_db2, "export", "--format", "json", "--out", exported], check=True,
                   capture_output=True)
    with open(exported) as f:
        stored = len(json.load(f))
    results["curl_seconds"] = round(curl_s, 2)
    results["curl_stored"] = stored
    results["monitor_ingest_per_second"] = round(stored / curl_s)
    budget = BUDGET_SECONDS_PER_100K * args.count / 100000
    results["budget_seconds"] = budget

    print(f"\n{args.count} responses, {n_batches} batches of {args.batch_size}, {gz_bytes / 1e6:.1f} MB gzip")
    print(f"  impactkiosk sync --once : {kiosk_s:6.2f} s  ({args.count / kiosk_s:,.0f} responses/s)  budget {budget:.1f} s")
    print(f"  curl, same bytes        : {curl_s:6.2f} s  ({stored:,} stored; monitor ingest {stored / curl_s:,.0f}/s)")
    print(f"  kiosk overhead over curl: {kiosk_s - curl_s:+.2f} s")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=2)
    return 0 if kiosk_s < budget else 1


if __name__ == "__main__":
    sys.exit(main())
