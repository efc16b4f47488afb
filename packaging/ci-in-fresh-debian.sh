#!/usr/bin/env bash
# CI as it runs for real, on this machine: a clean clone of the committed HEAD in a fresh Debian 12
# (debootstrap --variant=minbase: only the packages every Debian system has, plus git to clone), as
# root, then `bash .ci/run` in it, timed. Nothing earlier work installed on this machine can help the
# build or the tests there. Needs root and the debootstrap package; takes a CI run's time plus ~2 min.
#
#   sudo bash packaging/ci-in-fresh-debian.sh [--keep] [--ref REF] [WORKDIR]
#
# WORKDIR (default /var/tmp/ik-fresh-debian) holds the chroot; --keep leaves it for a look afterwards.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
keep=0
ref=HEAD
while [ $# -gt 0 ]; do
    case "$1" in
    --keep) keep=1 ;;
    --ref) ref=$2; shift ;;
    -*) echo "usage: $0 [--keep] [--ref REF] [WORKDIR]" >&2; exit 2 ;;
    *) break ;;
    esac
    shift
done
work=${1:-/var/tmp/ik-fresh-debian}
root="$work/root"
[ "$(id -u)" -eq 0 ] || { echo "run as root (debootstrap and chroot)" >&2; exit 1; }
command -v debootstrap >/dev/null || { echo "install debootstrap first (apt-get install debootstrap)" >&2; exit 1; }

mounts=()
cleanup() {
    for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do umount -l "${mounts[i]}" 2>/dev/null || true; done
    if [ "$keep" -eq 0 ]; then rm -rf "$work"; else echo "chroot kept in $root"; fi
}
trap cleanup EXIT

rm -rf "$work"
mkdir -p "$work"
echo "== debootstrap bookworm (minbase + git) into $root"
debootstrap --variant=minbase --include=git,ca-certificates bookworm "$root" http://deb.debian.org/debian >"$work/debootstrap.log"
cat >"$root/etc/apt/sources.list" <<'EOF'
deb http://deb.debian.org/debian bookworm main
deb http://deb.debian.org/debian bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main
EOF
cp /etc/resolv.conf "$root/etc/resolv.conf"

echo "== clean clone of $(git -C "$repo" rev-parse --short "$ref")"
git clone --quiet --no-local "$repo" "$root/src"
git -C "$root/src" checkout --quiet --detach "$(git -C "$repo" rev-parse "$ref")"

for m in proc sys dev dev/pts; do
    mkdir -p "$root/$m"
    case $m in
    proc) mount -t proc proc "$root/proc" ;;
    sys) mount -t sysfs sys "$root/sys" ;;
    dev) mount --bind /dev "$root/dev" ;;
    dev/pts) mount -t devpts devpts "$root/dev/pts" ;;
    esac
    mounts+=("$root/$m")
done
mount -t tmpfs -o mode=1777 tmpfs "$root/dev/shm" && mounts+=("$root/dev/shm")

echo "== bash .ci/run (output in $work/ci.log)"
started=$(date +%s)
set +e
chroot "$root" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
    LANG=C.UTF-8 bash -c 'cd /src && bash .ci/run' >"$work/ci.log" 2>&1
rc=$?
set -e
elapsed=$(($(date +%s) - started))
tail -n 25 "$work/ci.log"
echo "== .ci/run exited $rc after $((elapsed / 60)) min $((elapsed % 60)) s"
[ "$rc" -eq 0 ] || keep=1
exit "$rc"
