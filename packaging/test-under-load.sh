#!/usr/bin/env bash
# The whole test suite, several times in a row, while other processes keep every core busy: a test
# that waits on time instead of on the condition fails here. Build first (bash packaging/dev.sh test).
#   bash packaging/test-under-load.sh [RUNS]      (default 3; the load is one busy process per core)
# Prints each run's result and time; exits non-zero when any run failed. Logs: build/debug/load-run-N.log.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
[ -d build/debug ] || { echo "test-under-load.sh: build/debug is missing: run 'bash packaging/dev.sh test' first" >&2; exit 2; }

load=()
stop_load() { [ ${#load[@]} -eq 0 ] || kill "${load[@]}" 2>/dev/null || true; }
trap stop_load EXIT
for _ in $(seq "$(nproc)"); do
    yes >/dev/null &
    load+=($!)
done
echo "load: ${#load[@]} busy processes ($(nproc) cores)"

export IK_NO_SKIP=1
failed=0
for run in $(seq "$runs"); do
    start=$(date +%s)
    if ctest --preset debug -j2 --output-on-failure >"build/debug/load-run-$run.log" 2>&1; then
        result=passed
    else
        result=FAILED
        failed=1
    fi
    summary=$(grep -E 'tests passed|tests failed' "build/debug/load-run-$run.log" | tail -1)
    echo "run $run: $result in $(($(date +%s) - start)) s: $summary (load average $(cut -d' ' -f1-3 /proc/loadavg))"
    [ "$result" = passed ] || grep -E '^\s+[0-9]+ - ' "build/debug/load-run-$run.log" || true
done
exit $failed
