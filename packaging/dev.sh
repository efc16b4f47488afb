#!/usr/bin/env bash
# Developer entry points (the README's two commands):
#   bash packaging/dev.sh run    install dependencies, build, start the kiosk in a 1280x800 window
#   bash packaging/dev.sh test   install dependencies, build with -Werror, run every test
# Works as root (CI) and through sudo otherwise. Extra arguments after `run` go to the kiosk.
set -euo pipefail
cd "$(dirname "$0")/.."

install_deps() {
    mapfile -t packages < <(grep -v '^\s*#' packaging/debian-deps.txt | grep -v '^\s*$')
    missing=()
    for p in "${packages[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "Installing: ${missing[*]}"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

build() {
    local preset=$1
    cmake --preset "$preset" >/dev/null
    cmake --build --preset "$preset"
}

case "${1:-}" in
run)
    shift
    install_deps
    build release
    if [ -z "${DISPLAY:-}" ]; then
        echo "No DISPLAY: start the kiosk from a desktop session (or run 'Xvfb :1 &' and DISPLAY=:1)." >&2
        exit 1
    fi
    exec build/release/app/impactkiosk --windowed 1280x800 "$@"
    ;;
test)
    install_deps
    build debug
    # Everything the build read and the tests import comes from a package that the list names (or one
    # of its dependencies): a fresh machine has what this one has, whatever else is installed here.
    /usr/bin/python3 packaging/check-deps.py --build-dir build/debug
    # Here every tool is installed, so a test that would skip for want of one fails instead.
    export IK_NO_SKIP=1
    ctest --preset debug --output-on-failure -j2
    # `run` builds the release preset: make sure it still compiles (-O3 finds other warnings).
    build release
    ;;
*)
    echo "usage: bash packaging/dev.sh run|test" >&2
    exit 2
    ;;
esac
