#!/usr/bin/env bash
# The Debian packages, as a library's IT person and the network's operator meet them (CI's second
# step, as root on a fresh Debian 12): build release, `cpack -G DEB`, `apt-get install ./*.deb`, run
# the installed programs (--version, doctor, status --json), verify the systemd units, start the
# installed monitor and sync the installed kiosk to it over 127.0.0.1, kill and hang the installed
# kiosk session under a supervisor that does what its unit tells systemd to do (test-restart.py),
# then purge both packages and check that nothing of ours is left. Dependencies that this script
# installed are purged again at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
step() { printf '\n== %s (%ss)\n' "$*" "$(($(date +%s) - started))"; }
fail() { echo "test-packages: FAIL: $*" >&2; exit 1; }
# wait_for WHAT COMMAND...: polls COMMAND until it succeeds, for at most 60 s (a busy machine is slow,
# not broken), then fails saying what it waited for.
wait_for() {
    local what=$1 deadline=$(($(date +%s) + 60))
    shift
    until "$@" >/dev/null 2>&1; do
        [ "$(date +%s)" -lt "$deadline" ] || fail "timed out after 60 s waiting for $what"
        sleep 0.1
    done
}
[ "$(id -u)" -eq 0 ] || fail "run as root (it installs and removes packages)"
export DEBIAN_FRONTEND=noninteractive

work=$(mktemp -d /tmp/ik-packages.XXXXXX)
chmod 755 "$work"
pids=()
xvfb_display=""
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

step "build release and packages"
cmake --preset release >/dev/null
cmake --build --preset release
rm -f build/release/*.deb
(cd build/release && cpack -G DEB >/dev/null)
mapfile -t debs < <(ls build/release/*.deb)
[ ${#debs[@]} -eq 2 ] || fail "expected 2 packages, got: ${debs[*]:-none}"
for deb in "${debs[@]}"; do
    printf '%s  %s KiB\n' "$deb" "$(($(stat -c %s "$deb") / 1024))"
    dpkg-deb --field "$deb" Package Version Depends | sed 's/^/    /'
done

step "every program in the packages finds its libraries through Depends"
/usr/bin/python3 packaging/check-deps.py --debs "${debs[@]}"

step "install with apt"
for p in impactkiosk impactkiosk-monitor; do
    if dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        echo "$p is installed from an earlier run: purging it first"
        apt-get purge -y -qq "$p" >/dev/null
    fi
done
dpkg-query -W -f='${Package}\n' | sort >"$work/before.txt"
if ! apt-get install -y -qq "${debs[@]/#/./}" >"$work/apt.log" 2>&1; then
    apt-get update -qq
    apt-get install -y -qq "${debs[@]/#/./}" >"$work/apt.log" 2>&1 || { cat "$work/apt.log"; fail "apt-get install"; }
fi
dpkg-query -W -f='${Package}\n' | sort >"$work/after.txt"
comm -13 "$work/before.txt" "$work/after.txt" | grep -vx -e impactkiosk -e impactkiosk-monitor >"$work/pulled-in.txt" || true
echo "installed, with $(wc -l <"$work/pulled-in.txt") dependencies that were missing"

step "installed files, users and permissions"
version=$(sed -n 's/^project(impactkiosk VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
[ "$(impactkiosk --version)" = "impactkiosk $version" ] || fail "impactkiosk --version: $(impactkiosk --version)"
[ "$(impactkiosk-monitor --version)" = "impactkiosk-monitor $version" ] || fail "impactkiosk-monitor --version"
impactkiosk --version
impactkiosk-monitor --version
for f in /usr/bin/impactkiosk /usr/bin/impactkiosk-monitor /usr/libexec/impactkiosk/kiosk-xsession /usr/libexec/impactkiosk/kiosk-session \
         /lib/systemd/system/impactkiosk.service /lib/systemd/system/impactkiosk-monitor.service \
         /usr/share/impactkiosk/questionnaires/digital_skills_confidence.json /etc/default/impactkiosk-monitor \
         /usr/share/doc/impactkiosk/install-kiosk.md /usr/share/doc/impactkiosk-monitor/install-monitor.md \
         /usr/share/doc/impactkiosk-monitor/examples/nginx-impactkiosk-monitor.conf; do
    [ -e "$f" ] || fail "missing $f"
done
getent passwd impactkiosk >/dev/null || fail "no user impactkiosk"
getent passwd impactkiosk-monitor >/dev/null || fail "no user impactkiosk-monitor"
[ "$(stat -c '%U:%G %a' /var/lib/impactkiosk)" = "impactkiosk:impactkiosk 750" ] || fail "/var/lib/impactkiosk: $(stat -c '%U:%G %a' /var/lib/impactkiosk)"
[ "$(stat -c '%U:%G %a' /etc/impactkiosk)" = "root:impactkiosk 3775" ] || fail "/etc/impactkiosk: $(stat -c '%U:%G %a' /etc/impactkiosk)"
[ "$(stat -c '%U:%G %a' /etc/impactkiosk/config.toml)" = "impactkiosk:impactkiosk 664" ] || fail "config.toml permissions"
impactkiosk questionnaire validate /usr/share/impactkiosk/questionnaires/digital_skills_confidence.json
impactkiosk questionnaire validate /usr/share/impactkiosk/questionnaires/language_cafe.json

step "systemd-analyze verify"
if ! command -v systemd-analyze >/dev/null; then
    echo "SKIPPED: systemd-analyze is not installed (package systemd)"
elif systemd-analyze verify /lib/systemd/system/impactkiosk.service /lib/systemd/system/impactkiosk-monitor.service >"$work/verify.log" 2>&1; then
    echo "both units verify"
    cat "$work/verify.log"
elif grep -q -i -e "Failed to .*bus" -e "Failed to initialize manager" "$work/verify.log"; then
    cat "$work/verify.log"
    echo "SKIPPED: systemd-analyze cannot run on this machine"
else
    cat "$work/verify.log"
    fail "systemd-analyze verify"
fi

step "an X server for the kiosk (Xvfb)"
for n in $(seq 200 240); do
    [ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ] && continue
    Xvfb ":$n" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
    pids+=($!)
    xvfb_pid=$!
    # Up when a client sees its screen; gone (another server took :$n) means try the next number.
    deadline=$(($(date +%s) + 60))
    until xdpyinfo -display ":$n" >/dev/null 2>&1 || ! kill -0 "$xvfb_pid" 2>/dev/null; do
        [ "$(date +%s)" -lt "$deadline" ] || fail "Xvfb :$n neither answered nor exited within 60 s"
        sleep 0.1
    done
    if kill -0 "$xvfb_pid" 2>/dev/null; then xvfb_display=":$n"; break; fi
done
[ -n "$xvfb_display" ] || fail "could not start Xvfb"
echo "Xvfb on $xvfb_display"

# The installed kiosk as its service runs it: user impactkiosk, /etc/impactkiosk/config.toml.
as_kiosk() {
    runuser -u impactkiosk -- env HOME=/var/lib/impactkiosk IMPACTKIOSK_CONFIG=/etc/impactkiosk/config.toml \
        DISPLAY="$xvfb_display" "$@"
}

step "doctor and status --json as the kiosk user"
as_kiosk impactkiosk doctor | tee "$work/doctor1.txt" || fail "doctor (fresh install)"
as_kiosk impactkiosk demo-data --count 20 --seed 3 >/dev/null
as_kiosk impactkiosk status --json >"$work/status.json"
python3 - "$work/status.json" <<'EOF'
import json, sys
status = json.load(open(sys.argv[1]))
assert status["db_ok"] is True, status
assert status["data_dir"] == "/var/lib/impactkiosk", status["data_dir"]
assert status["responses_total"] == 20 and status["responses_pending"] == 20, status
print("status --json:", {k: status[k] for k in ("db_ok", "data_dir", "responses_total", "responses_pending", "active_questionnaire")})
EOF
# root reads the kiosk's database too (an IT person with sudo): the kiosk user must still write it.
IMPACTKIOSK_CONFIG=/etc/impactkiosk/config.toml impactkiosk status --json >/dev/null
as_kiosk impactkiosk demo-data --count 1 --seed 4 >/dev/null || fail "the kiosk user cannot write its database after root read it"
bad=$(find /var/lib/impactkiosk -user root | head -5)
[ -z "$bad" ] || fail "files in /var/lib/impactkiosk now belong to root: $bad"

step "the installed monitor, started directly (no systemd here), and sync --once to it"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
monitor_db=/var/lib/impactkiosk-monitor/monitor.db
# setpriv execs the monitor itself (runuser would stay its parent and die of the SIGTERM below).
setpriv --reuid=impactkiosk-monitor --regid=impactkiosk-monitor --init-groups \
    impactkiosk-monitor --db "$monitor_db" serve --listen "127.0.0.1:$port" 2>"$work/monitor.log" &
monitor_pid=$!
pids+=("$monitor_pid")
wait_for "the monitor to listen on 127.0.0.1:$port" \
    python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), timeout=1)"
token=$(runuser -u impactkiosk-monitor -- impactkiosk-monitor --db "$monitor_db" token add packaging-test-1)
install -o impactkiosk -g impactkiosk -m 600 /dev/null /var/lib/impactkiosk/sync.token
echo "$token" >/var/lib/impactkiosk/sync.token
cat >>/etc/impactkiosk/config.toml <<EOF
id = "packaging-test-1"
branch = "CI"

[sync]
endpoint = "http://127.0.0.1:$port"
token_file = "/var/lib/impactkiosk/sync.token"
EOF
# `id`/`branch` above land in [kiosk]: the shipped file ends inside that table.
as_kiosk impactkiosk sync --once || fail "sync --once to the installed monitor"
as_kiosk impactkiosk status --json | python3 -c 'import json,sys; s=json.load(sys.stdin); assert s["responses_pending"] == 0, s; print("pending after sync:", s["responses_pending"], "last ok:", s["last_sync_ok_at"])'
# The export is written atomically (FILE.tmp, then renamed), so into a folder the monitor's user owns.
monitor_export=/var/lib/impactkiosk-monitor/packaging-test-export.json
runuser -u impactkiosk-monitor -- impactkiosk-monitor --db "$monitor_db" export --format json --out "$monitor_export" ||
    fail "impactkiosk-monitor export"
python3 -c 'import json,sys; rows=json.load(open(sys.argv[1])); assert len(rows) == 21, len(rows); print("the monitor holds", len(rows), "responses")' "$monitor_export"
rm -f "$monitor_export"
as_kiosk impactkiosk doctor | tee "$work/doctor2.txt" || fail "doctor (synced kiosk)"
grep -q "^ok: monitor: " "$work/doctor2.txt" || fail "doctor did not reach the monitor"
grep -q "^ok: clock: kiosk and monitor differ by" "$work/doctor2.txt" || fail "doctor did not compare clocks"

step "the installed kiosk session: killed and hung, back on its attract screen"
python3 packaging/test-restart.py --display "$xvfb_display" || fail "restart test"

step "stop the monitor (SIGTERM)"
kill -TERM "$monitor_pid"
wait "$monitor_pid" || fail "the monitor did not stop cleanly"
grep -q "stopped" "$work/monitor.log" || fail "no clean stop in the monitor's log"

step "purge both packages; nothing of ours may be left"
apt-get purge -y -qq impactkiosk impactkiosk-monitor >/dev/null
left=$( (dpkg -S impactkiosk 2>/dev/null || true; find /usr /lib /etc /var/lib -name '*impactkiosk*' 2>/dev/null) | sort -u)
[ -z "$left" ] || fail "left after purge: $left"
! getent passwd impactkiosk >/dev/null || fail "user impactkiosk is left"
! getent passwd impactkiosk-monitor >/dev/null || fail "user impactkiosk-monitor is left"
echo "nothing left in /usr, /lib, /etc or /var/lib; users removed"
if [ -s "$work/pulled-in.txt" ]; then
    mapfile -t pulled < "$work/pulled-in.txt"
    apt-get purge -y -qq "${pulled[@]}" >/dev/null 2>&1 || echo "note: could not purge every dependency this run installed"
    echo "purged the ${#pulled[@]} dependencies this run installed"
fi

step "packages: built, installed, run, verified, purged"
echo "test-packages: ok in $(($(date +%s) - started)) s"
