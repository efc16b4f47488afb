#!/bin/sh
# Regenerates docs/screenshots/<WxH>/: every visitor screen of the bundled sample and of
# tests/e2e/data/all_types.json (in all_types/), and every staff screen (in staff/), at the screen sizes branches use, by tapping
# through the real kiosk under Xvfb with kiosk_e2e.py --capture-only. Needs Xvfb, xdotool, imagemagick.
#
#   tests/e2e/capture_screenshots.sh [path/to/impactkiosk]   (default: build/debug/app/impactkiosk)
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd)
kiosk=${1:-$root/build/debug/app/impactkiosk}
[ -x "$kiosk" ] || { echo "capture_screenshots.sh: no kiosk at $kiosk (build it first)" >&2; exit 1; }

# Landscape desk terminal, portrait floor kiosk, and the small 7" panel.
for size in 1280x800 1080x1920 800x480; do
    python3 "$root/tests/e2e/kiosk_e2e.py" --kiosk "$kiosk" --geometry "$size" \
        --capture-only "$root/docs/screenshots/$size"
    python3 "$root/tests/e2e/staff_e2e.py" --kiosk "$kiosk" --geometry "$size" \
        --capture-only "$root/docs/screenshots/$size"
done
echo "screenshots written under $root/docs/screenshots/"
