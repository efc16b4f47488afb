#!/usr/bin/env python3
# End-to-end tests of staff mode: the real kiosk under its own Xvfb, tapped with xdotool at what the
# automation dump shows, as a librarian would: hold the hidden corner, choose and enter the PIN,
# make a two-question questionnaire in two languages only by tapping, show it, answer it as the next
# visitor and find the answers in `export --format json`. Also the lockout (surviving a kill -9),
# and `impactkiosk edit FILE` on a desk. The kiosk has no configuration, so its staff screens are in
# Dutch ([staff] language = "nl", the default), and the checks read Dutch. Reuses kiosk_e2e.py's Xvfb,
# Kiosk and Screen.
"""Run: staff_e2e.py --kiosk build/debug/app/impactkiosk --geometry 1280x800 [--only a,b] [--keep]"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kiosk_e2e as e2e  # noqa: E402
from kiosk_e2e import Failure, check  # noqa: E402

PIN = "2468"


def hold(scr, el_id, seconds):
    """A finger resting on a target (the staff corner) for `seconds`."""
    scr.settle()
    el = scr.need(el_id)
    x, y = el["x"] + el["w"] // 2, el["y"] + el["h"] // 2
    subprocess.run(["xdotool", "mousemove", str(x), str(y), "mousedown", "1", "sleep", str(seconds), "mouseup", "1"],
                   env=scr.env, check=True)
    scr.taps_sent += 1


def drag(scr, fraction):
    """Scroll the way a finger does: press, slide (up for a positive fraction: the page moves down), lift."""
    scr.settle()  # a new screen ignores presses for 300 ms
    x = scr.width // 2
    y0 = int(scr.height * (0.7 if fraction > 0 else 0.3))
    y1 = int(y0 - scr.height * fraction)
    cmd = ["xdotool", "mousemove", str(x), str(y0), "mousedown", "1"]
    steps = 8
    for i in range(1, steps + 1):
        cmd += ["sleep", "0.03", "mousemove", str(x), str(int(y0 + (y1 - y0) * i / steps))]
    cmd += ["sleep", "0.05", "mouseup", "1"]
    subprocess.run(cmd, env=scr.env, check=True)
    scr.taps_sent += 1
    scr.taken_in()  # the page as the kiosk shows it after the finger lifted


def scroll_to(scr, el_id, max_drags=25):
    for direction in (0.35, -0.35):
        last = None
        for _ in range(max_drags):
            scr.poll()
            if scr.element(el_id):
                return
            ids = [e["id"] for e in scr.dump["elements"]]
            if ids == last:
                break  # this end of the page
            last = ids
            drag(scr, direction)
    raise Failure(f"scrolled to the end of {scr.screen!r} without finding {el_id!r}; elements: "
                  f"{[e['id'] for e in scr.dump['elements']]}")


def tap_scrolled(scr, el_id):
    scroll_to(scr, el_id)
    return scr.tap(el_id)


def enter_pin(scr, pin):
    """Type a PIN and tap OK; return once the kiosk has answered (the hash runs on a worker, and the
    pad says "pin_checking" and takes no keys meanwhile)."""
    for digit in pin:
        scr.tap(f"key:{digit}")
    scr.tap("key:ok")
    scr.taken_in()  # the frame that took OK in already shows the check, not the last message
    scr.wait_for(lambda d: e2e_element(d, "pin_checking") is None, "the PIN to be checked")


def type_on_screen(scr, text):
    """Type on the on-screen keyboard, key by key (capitals through Shift)."""
    for ch in text:
        if ch == " ":
            scr.tap("key:space")
        elif ch.isupper():
            scr.tap("key:shift")
            scr.tap(f"key:{ch.lower()}")
        else:
            scr.tap(f"key:{ch}")


def erase_field(scr, count):
    for _ in range(count):
        scr.tap("key:back")


def wait_label(scr, el_id, expected, timeout=e2e.DEADLINE):
    scr.wait_for(lambda d: any(e["id"] == el_id and e["label"] == expected for e in d["elements"]),
                 f"{el_id} to read {expected!r}", timeout)


def open_staff(scr):
    hold(scr, "staff_corner", 4.0)  # the kiosk asks for 3 s; a second more for a machine that is busy
    scr.wait_screen(lambda s: s in ("staff_pin", "staff_set_pin", "staff_locked"))
    return scr.screen


def edit_field(scr, field_id, text):
    """Tap a field, erase what is there, type `text` on the on-screen keyboard, and close it."""
    tap_scrolled(scr, field_id)
    scr.wait_for(lambda d: e2e_element(d, "keyboard_preview") is not None, "the on-screen keyboard")
    current = e2e_element(scr.dump, "keyboard_preview")["label"]
    erase_field(scr, len(current))
    wait_label(scr, "keyboard_preview", "")
    type_on_screen(scr, text)
    wait_label(scr, "keyboard_preview", text)
    scr.tap("key:done")
    scr.wait_for(lambda d: e2e_element(d, "keyboard_preview") is None, "the keyboard to close")


def e2e_element(dump, el_id):
    for el in (dump or {}).get("elements", []):
        if el["id"] == el_id:
            return el
    return None


# ---------------------------------------------------------------------------------------------
# Scenarios


def scenario_make_and_answer(ctx):
    """A librarian makes a questionnaire only by tapping; the next visitor answers it."""
    k = ctx.kiosk()
    scr = e2e.started(k)
    check(scr.element("staff_corner")["label"] == "", "the staff corner shows something to visitors")
    check(open_staff(scr) == "staff_set_pin", f"a kiosk without a PIN opened {scr.screen!r}")
    enter_pin(scr, PIN)
    enter_pin(scr, PIN)
    scr.wait_screen("staff_home")
    check(scr.element("results")["label"] == "Resultaten" and scr.element("settings")["label"] == "Instellingen",
          f"the staff home screen is not in Dutch: {scr.describe()}")
    scr.tap("questionnaires")
    scr.wait_screen("staff_questionnaires")
    scr.tap("new")
    scr.wait_screen("staff_editor")
    check(scr.element("staff_title")["label"] == "Nieuwe vragenlijst", f"the editor's title: {scr.describe()}")
    edit_field(scr, "q_id", "leesclub")
    edit_field(scr, "title:nl", "Leesclub")
    edit_field(scr, "title:en", "Reading club")
    edit_field(scr, "question:0:label:nl", "Ik lees meer")
    edit_field(scr, "question:0:label:en", "I read more")
    tap_scrolled(scr, "save")
    scr.wait_screen("staff_questionnaires")
    tap_scrolled(scr, "activate:leesclub:1")
    scr.wait_for(lambda d: (e2e_element(d, "activate:leesclub:1") or {}).get("label") == "Wordt getoond",
                 "leesclub to be on the kiosk")
    scr.tap("back")
    scr.wait_screen("staff_home")
    scr.tap("visitors")
    scr.wait_screen("attract")
    check(scr.element("lang:en") is not None and scr.element("lang:nl") is not None,
          "the new questionnaire does not offer Dutch and English")

    # The next visitor, in English.
    scr.tap("lang:en")
    scr.wait_screen("question:confident")
    check(scr.element("question_text")["label"] == "I read more", "the visitor does not see the new wording")
    scr.tap("option:4")
    scr.wait_screen("question:recommend")
    scr.tap("option:yes")
    scr.wait_screen("thanks")
    k.terminate()
    responses = k.export()
    check(len(responses) == 1, f"expected 1 response, the export has {len(responses)}")
    r = responses[0]
    check(r["questionnaire"] == {"id": "leesclub", "version": 1}, f"the response is filed under {r['questionnaire']}")
    check(r["answers"] == {"confident": "4", "recommend": "yes"}, f"answers {r['answers']}")
    check(r["language"] == "en" and r["status"] == "completed", f"response {r}")
    return "made by tapping, answered, exported under leesclub v1"


def scenario_lockout(ctx):
    """Five wrong PINs lock staff mode, also for the right PIN and after kill -9; a brief tap shows nothing."""
    k = ctx.kiosk()
    subprocess.run([k.binary, "--data-dir", k.data_dir, "staff-pin", "set"], input=PIN + "\n", text=True,
                   check=True, env=k.env, capture_output=True)
    scr = e2e.started(k)
    scr.tap("staff_corner")
    scr.taken_in()  # the finger is off the corner: no PIN pad can come any more
    check(scr.screen == "attract", f"a brief tap on the corner opened {scr.screen!r}")
    check(open_staff(scr) == "staff_pin", f"expected the PIN pad, got {scr.screen!r}")
    for attempt in range(5):
        enter_pin(scr, "1111")
        if attempt < 4:
            scr.wait_for(lambda d: f"Nog {4 - attempt} poging" in ((e2e_element(d, "pin_message") or {}).get("label", "")),
                         "the wrong-PIN message with the tries left")
    scr.wait_screen("staff_locked")
    k.kill9()
    k2 = ctx.kiosk(data_dir=k.data_dir)
    scr = e2e.started(k2)
    check(open_staff(scr) == "staff_locked", f"after a restart the lock is gone: {scr.screen!r}")
    scr.tap("back")
    scr.wait_screen("attract")
    k2.terminate()
    return "locked, and still locked after kill -9"


def scenario_desk_editor(ctx):
    """`impactkiosk edit FILE` on a desk: mouse and keyboard, writes a file the validator accepts."""
    workdir = ctx.workdir
    file = os.path.join(workdir, "familie.json")
    dump = os.path.join(workdir, "editor_dump.json")
    env = dict(os.environ, DISPLAY=ctx.xvfb.display, IMPACTKIOSK_UI_DUMP=dump,
               XDG_CONFIG_HOME=os.path.join(workdir, "xdg"))
    # A desk window that fits on this X screen.
    size = f"{min(1280, ctx.xvfb.width)}x{min(800, ctx.xvfb.height)}"
    proc = subprocess.Popen([ctx.args.kiosk, "--windowed", size, "edit", file], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=e2e.die_with_parent)

    class FakeKiosk:  # Screen needs only these
        def __init__(self):
            self.dump_file, self.proc, self.xvfb = dump, proc, ctx.xvfb

        def running(self):
            return proc.poll() is None

        def stderr_tail(self):
            return ""

    scr = e2e.Screen(FakeKiosk())
    try:
        scr.wait_screen("editor")
        # The window sits at the top-left of the X screen (no window manager): dump coordinates are screen ones.
        title = scr.need("title:en")
        scr.tap("title:en")
        scr.taken_in()  # the field has the keyboard focus before the keys come
        subprocess.run(["xdotool", "key", "BackSpace"], env=scr.env, check=True)
        subprocess.run(["xdotool", "type", "--delay", "30", "x Family reading"], env=scr.env, check=True)
        subprocess.run(["xdotool", "key", "Return"], env=scr.env, check=True)
        scr.wait_for(lambda d: (e2e_element(d, "title:en") or {}).get("label", "").endswith("Family reading"),
                     "the typed title")
        check(title is not None, "no title field")
        check(scr.need("save")["label"] == "Opslaan in familie.json", f"the desk editor's Save: {scr.describe()}")
        scr.tap("save")
        e2e.wait_file(file, "the saved questionnaire", scr.kiosk)
        scr.tap("cancel")
        proc.wait(e2e.DEADLINE)
        check(proc.returncode == 0, f"the editor exited {proc.returncode}")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    with open(file, encoding="utf-8") as f:
        saved = json.load(f)
    check(saved["id"] == "familie", f"id {saved['id']}")
    check(saved["title"]["en"].endswith("Family reading"), f"title {saved['title']}")
    result = subprocess.run([ctx.args.kiosk, "questionnaire", "validate", file], capture_output=True, text=True)
    check(result.returncode == 0, f"the saved file does not validate: {result.stderr}")
    return "edited and saved a file that validates"


def figures_shown(dump):
    status = e2e_element(dump, "results_status")
    return status is not None and "Berekend om" in status["label"]


def scroll_down_to(scr, el_id, max_drags=40, fraction=0.35):
    """Drags down (up with a negative fraction) until `el_id` is in view; the results page has cards
    taller than a drag, so the same elements may stay in view for a few drags (scroll_to would take
    that for the end of the page)."""
    for _ in range(max_drags):
        scr.poll()
        if scr.element(el_id):
            return
        drag(scr, fraction)
    raise Failure(f"never found {el_id!r} on {scr.screen!r}")


def capture_results(scr, grab):
    """The results screen: its top with the outcomes, the question charts, drop-off, and an export."""
    scr.tap("results")
    scr.wait_screen("staff_results")
    scr.wait_for(figures_shown, "the figures")
    grab("staff_results")  # the kiosk's own picture may show "computing" on a slow machine
    scroll_down_to(scr, "question:learned")
    grab("staff_results_questions")
    scroll_down_to(scr, "dropoff:why_not")
    grab("staff_results_dropoff")
    if not scr.element("export:csv"):
        scr.tap("exports")  # the title bar's button: brings the export buttons into view
        scr.wait_for(lambda d: e2e_element(d, "export:csv") is not None, "the export buttons")
    scr.tap("export:csv")
    scr.wait_for(lambda d: (e2e_element(d, "export_notice") or {}).get("label", "").startswith("Opgeslagen:"),
                 "the export")
    grab("staff_results_exported")
    scroll_down_to(scr, "period:4_weeks", fraction=-0.35)
    scr.tap("period:4_weeks")
    scr.wait_for(figures_shown, "the figures")
    grab("staff_results_4_weeks")
    scr.tap("back")
    scr.wait_screen("staff_home")


def capture(ctx, out_dir):
    """Every staff screen, for docs/screenshots/<size>/staff/: the kiosk writes one picture per screen;
    states within a screen (the keyboard open, a wrong PIN) are grabbed from the X screen."""
    shots = os.path.join(out_dir, "staff")
    shutil.rmtree(shots, ignore_errors=True)
    media = os.path.join(ctx.workdir, "media", "STICK")
    os.makedirs(media)
    shutil.copy(e2e.ALL_TYPES, media)
    k = e2e.Kiosk(ctx.args.kiosk, ctx.xvfb, os.path.join(ctx.workdir, "data"), None, shots)
    k.env["IMPACTKIOSK_MEDIA_DIR"] = os.path.dirname(media)
    k.cli("demo-data", "--count", "300", "--seed", "5")  # so the results screen has something to show
    ctx.kiosks.append(k.start())
    scr = e2e.started(k)

    def grab(name):
        scr.taken_in()  # the dump is written once its frame is on the screen
        subprocess.run(["import", "-display", ctx.xvfb.display, "-window", "root", os.path.join(shots, name + ".png")],
                       check=True)

    open_staff(scr)
    enter_pin(scr, PIN)
    enter_pin(scr, PIN)
    scr.wait_screen("staff_home")
    scr.tap("questionnaires")
    scr.wait_screen("staff_questionnaires")
    scr.tap("import")
    scr.wait_screen("staff_import")
    tap_scrolled(scr, next(e["id"] for e in scr.dump["elements"] if e["id"].startswith("file:")))
    scr.wait_screen("staff_questionnaires")
    grab("staff_questionnaires_imported")
    tap_scrolled(scr, "schedule:e2e_all_types:1")
    scr.wait_screen("staff_schedule")
    scr.tap("back")
    scr.wait_screen("staff_questionnaires")
    tap_scrolled(scr, "edit:digital_skills_confidence:1")
    scr.wait_screen("staff_editor")
    tap_scrolled(scr, "question:0:label:en")
    scr.wait_for(lambda d: e2e_element(d, "keyboard_preview") is not None, "the keyboard")
    grab("staff_editor_keyboard")
    scr.tap("key:done")
    scr.wait_for(lambda d: e2e_element(d, "keyboard_preview") is None, "the keyboard to close")
    drag(scr, 0.5)
    grab("staff_editor_question")
    tap_scrolled(scr, "cancel")
    scr.wait_screen("staff_questionnaires")
    scr.tap("back")
    scr.wait_screen("staff_home")
    scr.tap("settings")
    scr.wait_screen("staff_settings")
    scr.tap("back")
    scr.wait_screen("staff_home")
    capture_results(scr, grab)
    scr.tap("visitors")
    scr.wait_screen("attract")
    open_staff(scr)
    enter_pin(scr, "1111")
    scr.wait_for(lambda d: e2e_element(d, "pin_message") is not None, "the wrong-PIN message")
    grab("staff_pin_wrong")
    for _ in range(4):
        enter_pin(scr, "1111")
    scr.wait_screen("staff_locked")
    e2e.wait_file(os.path.join(shots, "staff_locked.png"), "the kiosk's picture of the locked screen", k)
    k.terminate()
    return sorted(os.listdir(shots))


SCENARIOS = [
    ("a", "make_and_answer", scenario_make_and_answer),
    ("b", "lockout", scenario_lockout),
    ("c", "desk_editor", scenario_desk_editor),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kiosk", required=True)
    parser.add_argument("--geometry", default="1280x800")
    parser.add_argument("--only", default="")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--capture-only", metavar="DIR", help="take screenshots into DIR/staff instead of testing")
    args = parser.parse_args()
    missing = [tool for tool in ("Xvfb", "xdotool") if shutil.which(tool) is None]
    if missing:
        return e2e.skip(f"{', '.join(missing)} not installed")
    args.kiosk = os.path.abspath(args.kiosk)
    width, height = (int(v) for v in args.geometry.lower().split("x"))
    workdir = tempfile.mkdtemp(prefix=f"ik_staff_e2e_{width}x{height}_")
    xvfb = e2e.Xvfb(width, height)
    passed = failed = 0
    try:
        xvfb.start()
        if args.capture_only:
            ctx = e2e.Context(args, xvfb, workdir)
            try:
                print("\n".join(capture(ctx, os.path.abspath(args.capture_only))), flush=True)
            finally:
                ctx.cleanup()
            return 0
        wanted = {w.strip() for w in args.only.split(",") if w.strip()}
        for letter, name, fn in SCENARIOS:
            if wanted and letter not in wanted and name not in wanted:
                continue
            ctx = e2e.Context(args, xvfb, os.path.join(workdir, name))
            os.makedirs(ctx.workdir)
            t0 = time.monotonic()
            e2e.TAPS.clear()
            try:
                detail = fn(ctx)
                passed += 1
                print(f"PASS {letter}. {name} ({time.monotonic() - t0:.1f} s) {detail}", flush=True)
            except Exception as e:  # noqa: BLE001 - a failed scenario; the rest still run
                failed += 1
                print(f"FAIL {letter}. {name} ({time.monotonic() - t0:.1f} s) {str(e)[:400]}", flush=True)
                if not isinstance(e, Failure):
                    traceback.print_exc()
                e2e.log("--- last taps:\n" + "\n".join(e2e.TAPS[-25:]))
                for k in ctx.kiosks:
                    e2e.log(f"--- kiosk log {k.log_file}:\n{k.stderr_tail()}")
            finally:
                ctx.cleanup()
    except (Failure, e2e.Timeout) as e:
        print(f"FAIL setup: {e}", flush=True)
        failed += 1
    finally:
        xvfb.stop()
        if args.keep or failed:
            e2e.log(f"work files kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    print(f"{passed} passed, {failed} failed", flush=True)
    return 1 if failed or passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
