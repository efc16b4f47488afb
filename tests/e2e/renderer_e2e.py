#!/usr/bin/env python3
# The software renderer draws what OpenGL draws. The real kiosk runs under Xvfb twice, once with
# IMPACTKIOSK_RENDERER=gl and once with software, and is tapped to the same screens (attract, and
# the first question with its smiley faces drawn as vectors); the pictures the kiosk writes of each are
# compared pixel by pixel. Portrait, because its headings are drawn smaller than the font atlas
# holds them, which is where texture filtering shows (nearest-texel sampling differed on ~0.5% of
# the pixels; bilinear, as GL_LINEAR, on a handful); and 800x480, where a button's edge ran through
# pixel centres (floating-point edge functions lost that column; 73 pixels; now 0).
"""renderer_e2e.py --kiosk PATH [--geometry WxH]"""
import argparse
import os
import shutil
import struct
import sys
import tempfile
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kiosk_e2e as e2e  # noqa: E402

# Pixels may differ by a little (rounding in blending); more than this many may differ at all.
TOLERANCE = 12  # per channel, 0..255
MAX_DIFFERENT = 0.0001  # of all pixels


def read_png(path):
    """Width, height and rows of (r, g, b) bytes of an 8-bit RGB or RGBA PNG, as the kiosk writes."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise e2e.Failure(f"{path}: not a PNG")
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or colour not in (2, 6) or interlace:
                raise e2e.Failure(f"{path}: unexpected PNG format")
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, prev = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up, upleft = prev[i], prev[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - upleft
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - upleft)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else upleft)) & 0xFF
        prev = line
        rows.append(bytes(line) if channels == 3 else bytes(b for j, b in enumerate(line) if j % 4 != 3))
    return width, height, rows


def compare(a_path, b_path):
    wa, ha, a = read_png(a_path)
    wb, hb, b = read_png(b_path)
    e2e.check((wa, ha) == (wb, hb), f"sizes differ: {wa}x{ha} and {wb}x{hb}")
    different = 0
    for ra, rb in zip(a, b):
        if ra == rb:
            continue
        for x in range(0, len(ra), 3):
            if max(abs(ra[x] - rb[x]), abs(ra[x + 1] - rb[x + 1]), abs(ra[x + 2] - rb[x + 2])) > TOLERANCE:
                different += 1
    return different, wa * ha


def pictures(args, xvfb, workdir, renderer):
    """Runs the kiosk with `renderer` to two screens; returns the folder of its pictures."""
    shots = os.path.join(workdir, renderer)
    k = e2e.Kiosk(args.kiosk, xvfb, os.path.join(workdir, f"data_{renderer}"), None, shots)
    k.env["IMPACTKIOSK_RENDERER"] = renderer
    k.start()
    try:
        scr = e2e.started(k)
        scr.tap("lang:nl")
        scr.wait_screen("question:learned")
        # The kiosk writes a screen's picture from its second frame (whole, then renamed into place).
        e2e.wait_file(os.path.join(shots, "question_learned.png"), f"the {renderer} renderer's picture", k)
        k.terminate()
    finally:
        k.cleanup()
    return shots


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kiosk", required=True)
    parser.add_argument("--geometry", default="1080x1920")
    args = parser.parse_args()
    if any(shutil.which(tool) is None for tool in ("Xvfb", "xdotool")):
        return e2e.skip("Xvfb or xdotool not installed")
    args.kiosk = os.path.abspath(args.kiosk)
    width, height = (int(v) for v in args.geometry.lower().split("x"))
    workdir = tempfile.mkdtemp(prefix="ik_renderer_e2e_")
    xvfb = e2e.Xvfb(width, height)
    failed = False
    try:
        xvfb.start()
        gl = pictures(args, xvfb, workdir, "gl")
        software = pictures(args, xvfb, workdir, "software")
        for name in ("attract.png", "question_learned.png"):
            different, total = compare(os.path.join(gl, name), os.path.join(software, name))
            ok = different <= MAX_DIFFERENT * total
            failed |= not ok
            print(f"{'PASS' if ok else 'FAIL'} {name}: {different} of {total} pixels differ by more than "
                  f"{TOLERANCE} (at most {int(MAX_DIFFERENT * total)} may)", flush=True)
    except (e2e.Failure, e2e.Timeout) as e:
        print(f"FAIL {e}", flush=True)
        failed = True
    finally:
        xvfb.stop()
        if not failed:
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            print(f"pictures kept in {workdir}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
