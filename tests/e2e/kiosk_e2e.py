#!/usr/bin/env python3
# End-to-end tests of the visitor side: the real kiosk, fullscreen under its own Xvfb, tapped with
# real X events (xdotool) at what the automation dump says is on screen, checked by what a visitor
# would see (the dump) and what the branch gets (the JSON export). Standard library only.
# Also the screenshot driver for docs/screenshots (--capture-only DIR; see capture_screenshots.sh).
"""Run: kiosk_e2e.py --kiosk build/debug/app/impactkiosk --geometry 1280x800 [--seed N] [--only a,b]"""

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from ik_test_support import DEADLINE, Timeout, Xvfb, die_with_parent, skip, wait_until  # noqa: E402,F401

HERE = os.path.dirname(os.path.abspath(__file__))
ALL_TYPES = os.path.join(HERE, "data", "all_types.json")
LANGUAGE_CAFE = os.path.join(HERE, "..", "..", "assets", "questionnaires", "language_cafe.json")

# Every wait is on something the kiosk shows (the dump, a file, the process) with the shared deadline
# (ik_test_support.DEADLINE), long enough for a machine whose cores are busy with something else; the
# failure says what was awaited and what was seen instead. Upper bounds that are the behaviour under
# test (the idle warning comes after the idle time) stay close to it, with room for a loaded machine.
SHORT_IDLE = "[visitor]\nidle_timeout_seconds = 10\nidle_countdown_seconds = 3\n"
IDLE_TIMEOUT, IDLE_COUNTDOWN, THANKS_SECONDS = 10.0, 3.0, 6.0
INTERACTIVE = ("button", "toggle")
DRAWN_ICONS = {"key:back"}
MIN_TARGET_PX = 40  # far below the 12 mm of the design on any panel: only catches the absurd


TAPS = []  # what the driver did in the current scenario, printed when it fails


class Failure(Exception):
    """What a visitor (or the branch, in the export) would notice went wrong."""


def check(condition, message):
    if not condition:
        raise Failure(message)


def log(message):
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# The kiosk process and its command-line tools


class Kiosk:
    def __init__(self, binary, xvfb, data_dir, config=None, screenshot_dir=None):
        self.binary, self.xvfb, self.data_dir = binary, xvfb, data_dir
        self.config, self.screenshot_dir = config, screenshot_dir
        # Test files live next to the data dir, so the kiosk's own directory holds only its own.
        self.dump_file = self.beside("ui_dump", ".json")
        self.log_file = self.beside("kiosk", ".log")
        self.proc = None
        # A developer's ~/.config/impactkiosk/config.toml (idle times, sync) must not leak in.
        isolated = os.path.join(os.path.dirname(os.path.abspath(data_dir)), "xdg")
        self.env = dict(os.environ, XDG_CONFIG_HOME=os.path.join(isolated, "config"),
                        XDG_DATA_HOME=os.path.join(isolated, "data"))

    def beside(self, what, ext):
        data_dir = os.path.abspath(self.data_dir)
        return os.path.join(os.path.dirname(data_dir), f"{what}_{os.path.basename(data_dir)}{ext}")

    def cli(self, *args, check_rc=True):
        """Run a sub-command on the same data dir; returns stdout."""
        cmd = [self.binary, "--data-dir", self.data_dir, *args]
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=60, env=self.env)
        if check_rc and result.returncode != 0:
            raise Failure(f"`{' '.join(cmd)}` exited {result.returncode}: {result.stderr.strip()}")
        return result.stdout

    def export(self):
        out = self.beside("export", ".json")
        self.cli("export", "--format", "json", "--out", out)
        with open(out, encoding="utf-8") as f:
            return json.load(f)

    def status(self):
        return json.loads(self.cli("status", "--json"))

    def start(self):
        if os.path.exists(self.dump_file):
            os.remove(self.dump_file)  # never mistake the last run's screen for this one's
        env = dict(self.env, DISPLAY=self.xvfb.display, IMPACTKIOSK_UI_DUMP=self.dump_file)
        env.pop("IMPACTKIOSK_SCREENSHOT_DIR", None)
        if self.screenshot_dir:
            os.makedirs(self.screenshot_dir, exist_ok=True)
            env["IMPACTKIOSK_SCREENSHOT_DIR"] = self.screenshot_dir
        cmd = [self.binary, "--data-dir", self.data_dir]
        if self.config:
            cmd += ["--config", self.config]
        # No --windowed: the kiosk must fill whatever screen it finds, as it does in a branch.
        with open(self.log_file, "ab") as logf:
            self.proc = subprocess.Popen(cmd, env=env, stdout=logf, stderr=logf, preexec_fn=die_with_parent)
        return self

    def running(self):
        return self.proc is not None and self.proc.poll() is None

    def stderr_tail(self, lines=15):
        try:
            with open(self.log_file, encoding="utf-8", errors="replace") as f:
                return "".join(f.readlines()[-lines:])
        except OSError:
            return ""

    def terminate(self):
        """SIGTERM, as systemd does at shutdown: the kiosk must close cleanly and exit 0."""
        if not self.running():
            rc = self.proc.returncode if self.proc else None
            raise Failure(f"the kiosk was no longer running before SIGTERM (exit {rc}): {self.stderr_tail()}")
        self.proc.send_signal(signal.SIGTERM)
        try:
            rc = self.proc.wait(DEADLINE)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise Failure(f"the kiosk did not exit within {DEADLINE:.0f} s of SIGTERM")
        check(rc == 0, f"the kiosk exited {rc} on SIGTERM (expected a clean 0): {self.stderr_tail()}")

    def kill9(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)

    def cleanup(self):
        if self.running():
            self.proc.kill()
            self.proc.wait()


# ---------------------------------------------------------------------------------------------
# Reading the screen and tapping it


def rect_of(el):
    return (el["x"], el["y"], el["x"] + el["w"], el["y"] + el["h"])


def intersect(a, b):
    x0, y0, x1, y1 = max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])
    return (x0, y0, x1, y1) if x1 > x0 and y1 > y0 else None


class Screen:
    """Drives one running kiosk through its automation dump and xdotool."""

    def __init__(self, kiosk):
        self.kiosk = kiosk
        self.env = dict(os.environ, DISPLAY=kiosk.xvfb.display)
        self.width, self.height = kiosk.xvfb.width, kiosk.xvfb.height
        self.dump = None
        self.screen = None
        self.screen_seen_at = 0.0
        self.checked_frames = set()
        self.screens_seen = []
        self.taps_sent = 0  # releases this driver made; the dump's "taps" counts those the kiosk took in

    # -- reading

    def poll(self):
        try:
            with open(self.kiosk.dump_file, encoding="utf-8") as f:
                dump = json.load(f)
        except (OSError, ValueError):
            dump = None  # not written yet; it is replaced atomically, so never half-written
        if dump is not None:
            self.dump = dump
            if dump["screen"] != self.screen:
                self.screen = dump["screen"]
                self.screen_seen_at = time.monotonic()
                self.screens_seen.append(self.screen)
            if dump["frame"] not in self.checked_frames:
                self.checked_frames.add(dump["frame"])
                self.check_layout(dump)
        return dump

    def describe(self):
        if self.dump is None:
            return "(no dump written)"
        return json.dumps(self.dump, indent=None, ensure_ascii=False)

    def wait_for(self, predicate, what, timeout=DEADLINE, interval=0.01):
        def shown():
            dump = self.poll()
            return dump if dump is not None and predicate(dump) else None

        def died():
            if self.kiosk.running():
                return None
            return f"the kiosk exited (code {self.kiosk.proc.returncode}); stderr: {self.kiosk.stderr_tail()}"

        try:
            return wait_until(shown, what, timeout, interval, seen=lambda: f"last dump: {self.describe()}",
                              alive=died)
        except Timeout as e:
            raise Failure(f"{e}; last dump: {self.describe()}" if "last dump" not in str(e) else str(e)) from None

    def wait_screen(self, name, timeout=DEADLINE):
        if callable(name):
            return self.wait_for(lambda d: name(d["screen"]), "the next screen", timeout)
        return self.wait_for(lambda d: d["screen"] == name, f"screen {name!r}", timeout)

    def wait_screen_change(self, old, timeout=DEADLINE):
        return self.wait_for(lambda d: d["screen"] != old, f"the screen to change from {old!r}", timeout)

    def element(self, el_id, dump=None):
        dump = dump or self.dump
        for el in (dump or {}).get("elements", []):
            if el["id"] == el_id:
                return el
        return None

    def need(self, el_id):
        el = self.element(el_id)
        if el is None:
            ids = [e["id"] for e in (self.dump or {}).get("elements", [])]
            raise Failure(f"no {el_id!r} on screen {self.screen!r} (elements: {ids})")
        return el

    def ids(self, prefix):
        return [e["id"] for e in self.dump["elements"] if e["id"].startswith(prefix)]

    def selected(self, prefix="option:"):
        return {e["id"][len(prefix):] for e in self.dump["elements"] if e["id"].startswith(prefix) and e["selected"]}

    def check_layout(self, dump):
        """What anyone would see at a glance: something off screen, two buttons on top of each other,
        a button without a word on it, or a target too small for a finger."""
        where = f"on screen {dump['screen']!r} at {self.width}x{self.height}"
        els = dump["elements"]
        for el in els:
            x0, y0, x1, y1 = rect_of(el)
            check(x0 >= -1 and y0 >= -1 and x1 <= self.width + 1 and y1 <= self.height + 1,
                  f"{el['id']!r} {where} is (partly) off screen: x={el['x']} y={el['y']} w={el['w']} h={el['h']}")
        buttons = [e for e in els if e["role"] in INTERACTIVE]
        for el in buttons:
            # The erase key shows a drawn arrow (the font has none), so its label is empty on purpose.
            check(el["label"].strip() != "" or el["id"] in DRAWN_ICONS, f"{el['id']!r} {where} has no label")
            check(min(el["w"], el["h"]) >= MIN_TARGET_PX,
                  f"{el['id']!r} {where} is only {el['w']}x{el['h']} px: too small to tap")
        for i, a in enumerate(buttons):
            for b in buttons[i + 1:]:
                overlap = intersect(rect_of(a), rect_of(b))
                check(overlap is None or (overlap[2] - overlap[0]) * (overlap[3] - overlap[1]) <= 1,
                      f"{a['id']!r} and {b['id']!r} overlap {where}")

    # -- tapping

    def taken_in(self):
        """Wait until the kiosk has taken in every release this driver made (counted or ignored)."""
        return self.wait_for(lambda d: d.get("taps", 0) >= self.taps_sent,
                             f"the kiosk to take in tap {self.taps_sent} (the dump's \"taps\")")

    def settle(self):
        """Wait until a tap would count: the kiosk ignores a new press for a moment after a screen
        change, and the last tap must have been taken in (else its release and the next press, at
        another spot, could reach the kiosk in one frame and merge into a drag)."""
        return self.wait_for(lambda d: d.get("taps", 0) >= self.taps_sent and d.get("input_ready", True),
                             f"screen {self.screen!r} to take taps (input_ready) after tap {self.taps_sent}")

    def click_at(self, x, y, hold=0.05):
        """Press and release at (x, y); a finger rests ~50 ms on the glass."""
        self.taken_in()
        TAPS.append(f"{time.monotonic():.3f} tap ({int(x)},{int(y)}) hold={hold} on {self.screen}")
        cmd = ["xdotool", "mousemove", str(int(x)), str(int(y)), "mousedown", "1", "sleep", str(hold), "mouseup", "1"]
        subprocess.run(cmd, env=self.env, check=True)
        self.taps_sent += 1

    def tap(self, el_id):
        """A person's tap: look at the screen, wait until it takes taps, tap the middle of the target."""
        self.settle()
        el = self.need(el_id)
        TAPS.append(f"{time.monotonic():.3f} {el_id} selected={sorted(self.selected())}")
        check(el["enabled"], f"{el_id!r} on screen {self.screen!r} is disabled, but the visitor needs it now")
        self.click_at(el["x"] + el["w"] // 2, el["y"] + el["h"] // 2)
        return el


# ---------------------------------------------------------------------------------------------
# Questionnaire knowledge: which question is next, what its answer looks like in the export


def visible_path(qdef, answers):
    """The questions a visitor should see for these answers, following each show_if."""
    path, given = [], {}
    for q in qdef["questions"]:
        if "show_if" not in q or condition_holds(q["show_if"], given):
            path.append(q["id"])
            if q["id"] in answers:
                given[q["id"]] = answers[q["id"]]
    return path


def condition_holds(cond, answers):
    if "all" in cond:
        return all(condition_holds(c, answers) for c in cond["all"])
    if "any" in cond:
        return any(condition_holds(c, answers) for c in cond["any"])
    answer = answers.get(cond["question"])

    def matches(values):
        if answer is None:
            return False
        given = answer if isinstance(answer, list) else [answer]
        return any(str(g) == str(v) for g in given for v in values)

    if "answered" in cond:
        return (answer is not None) == bool(cond["answered"])
    if "equals" in cond:
        return matches([cond["equals"]])
    if "in" in cond:
        return matches(cond["in"])
    if "not_equals" in cond:
        return not matches([cond["not_equals"]])
    if "not_in" in cond:
        return not matches(cond["not_in"])
    if "at_least" in cond:
        return isinstance(answer, (int, float)) and answer >= cond["at_least"]
    if "at_most" in cond:
        return isinstance(answer, (int, float)) and answer <= cond["at_most"]
    raise Failure(f"the test does not understand the condition {cond}")


def normalise(value):
    # A visitor cannot see in which order a multi_choice was ticked: compare as a set.
    return sorted(value) if isinstance(value, list) else value


def question_by_id(qdef, qid):
    for q in qdef["questions"]:
        if q["id"] == qid:
            return q
    raise Failure(f"screen shows question {qid!r}, which the questionnaire does not have")


# ---------------------------------------------------------------------------------------------
# A visitor answering


class Visitor:
    """Taps through a questionnaire like a person, remembering what it chose, for the export check."""

    def __init__(self, scr, qdef, rng, prefer=None, on_question=None):
        self.scr, self.qdef, self.rng = scr, qdef, rng
        self.prefer = prefer or {}  # question id -> what to answer (screenshots want "no" -> why_not)
        self.on_question = on_question or (lambda q: None)
        self.language = None
        self.answers = {}  # last answer given per question id, on or off the final path
        self.path = []  # question ids on the way to the current one; back pops
        self.backs = 0

    def begin(self, language, via_start):
        scr = self.scr
        scr.wait_screen("attract")
        self.language = language
        if via_start or scr.element(f"lang:{language}") is None:
            scr.tap("start")
            if len(self.qdef["languages"]) > 1:
                scr.wait_screen("language")
                scr.tap(f"lang:{language}")
        else:
            scr.tap(f"lang:{language}")
        scr.wait_screen(lambda s: s.startswith("question:"))
        self.arrive(forward=True)

    def arrive(self, forward):
        """On a question screen: check it is the right one, in the right language, showing the right choice."""
        scr = self.scr
        qid = scr.screen[len("question:"):]
        q = question_by_id(self.qdef, qid)
        if forward:
            self.path.append(qid)
        expected_path = visible_path(self.qdef, self.answers)
        check(self.path == expected_path[:len(self.path)],
              f"the visitor was led along {self.path}, but with answers {self.answers} the questionnaire "
              f"says {expected_path}")
        text = scr.element("question_text")
        check(text is not None and text["label"] == q["label"][self.language],
              f"question {qid!r} should read {q['label'][self.language]!r} in {self.language!r}; "
              f"screen shows {text and text['label']!r}")
        self.check_shown_answer(q)
        self.on_question(q)
        return q

    def check_shown_answer(self, q):
        """Coming back to a question must show what was chosen before (and a new one nothing)."""
        prev = self.answers.get(q["id"])
        scr = self.scr
        if q["type"] in ("likert", "smiley", "single_choice", "yes_no", "multi_choice", "scale"):
            want = set() if prev is None else {str(v) for v in (prev if isinstance(prev, list) else [prev])}
            check(scr.selected() == want, f"question {q['id']!r} shows {sorted(scr.selected())} selected; "
                                          f"the visitor chose {sorted(want)}")
        elif q["type"] == "then_now" and prev is not None:
            check(scr.selected("then:") == {str(prev["then"])} and scr.selected("now:") == {str(prev["now"])},
                  f"question {q['id']!r} does not show the earlier choice {prev}")
        elif q["type"] == "number":
            shown = scr.need("number_display")["label"]
            check(shown == ("" if prev is None else str(prev)),
                  f"question {q['id']!r} shows {shown!r}; the visitor entered {prev}")

    def go_back(self):
        scr = self.scr
        before = scr.screen
        scr.tap("back")
        scr.wait_screen_change(before)
        check(scr.screen == f"question:{self.path[-2]}",
              f"back from {before!r} went to {scr.screen!r}, not to the previous question {self.path[-2]!r}")
        self.path.pop()
        self.backs += 1
        return self.arrive(forward=False)

    def answer(self, q):
        """Answer the question on screen; returns once the kiosk has moved on."""
        kind = q["type"]
        scr = self.scr
        before = scr.screen
        if kind in ("likert", "smiley", "single_choice", "yes_no", "scale"):
            codes = [e["id"][len("option:"):] for e in scr.dump["elements"]
                     if e["id"].startswith("option:") and e["enabled"]]
            want = [o["code"] for o in q.get("options", [])] if kind != "scale" else \
                [str(n) for n in range(q.get("min", 0), q.get("max", 10) + 1)]
            check(sorted(codes) == sorted(want), f"question {q['id']!r} offers {codes}; expected {want}")
            code = self.prefer.get(q["id"], self.rng.choice(codes))
            self.tap_and_see_choice(f"option:{code}", before)
            self.answers[q["id"]] = int(code) if kind == "scale" else code
        elif kind == "multi_choice":
            self.answer_multi(q)
            scr.tap("next")
        elif kind == "number":
            self.answer_number(q)
            scr.tap("next")
        elif kind == "then_now":
            self.answer_then_now(q, before)
        else:  # info, and text (no keyboard yet): nothing to answer
            scr.tap("next")
        scr.wait_screen_change(before)

    def tap_and_see_choice(self, el_id, before):
        """Tap an answer that moves on by itself: the visitor must see it chosen before it moves on."""
        scr = self.scr
        scr.tap(el_id)
        scr.wait_for(lambda d: d["screen"] != before or (self.scr.element(el_id, d) or {}).get("selected"),
                     f"{el_id!r} to show as chosen")
        check(scr.screen == before, f"after tapping {el_id!r} the kiosk moved on without showing the choice")

    def answer_multi(self, q):
        scr = self.scr
        codes = [o["code"] for o in q["options"]]
        limit = q.get("max_choices", 0) or len(codes)
        chosen = set(self.answers.get(q["id"], []))
        for _ in range(self.rng.randint(1, len(codes))):
            code = self.rng.choice(codes)
            if code in chosen:
                chosen.discard(code)
            elif len(chosen) < limit:
                chosen.add(code)
            else:
                # At the maximum the other options are greyed out: a visitor sees there is no more
                # to tick, and a tap there does nothing.
                check(not scr.need(f"option:{code}")["enabled"],
                      f"question {scr.screen!r} offers {code!r} beyond the maximum of {limit}")
                continue
            self.toggle(code, set(chosen))
        if not chosen:
            code = self.rng.choice(codes)
            chosen.add(code)
            self.toggle(code, set(chosen))
        self.answers[q["id"]] = sorted(chosen)

    def toggle(self, code, expect):
        scr = self.scr
        unchanged = scr.selected() == expect
        scr.tap(f"option:{code}")
        if unchanged:
            # A tick beyond max_choices must be refused: once the kiosk has taken the tap in, nothing changed.
            scr.taken_in()
            check(scr.selected() == expect, f"question {scr.screen!r} allowed {sorted(scr.selected())} ticked; "
                                            f"at most {len(expect)} may be chosen")
            return
        try:
            scr.wait_for(lambda d: self.scr.selected() == expect, f"ticks {sorted(expect)}")
        except Failure:
            raise Failure(f"after tapping {code!r} question {scr.screen!r} shows {sorted(scr.selected())} "
                          f"ticked; expected {sorted(expect)}")
        if expect == set():
            check(not scr.need("next")["enabled"] or not question_required(self.qdef, scr.screen),
                  "next is enabled on a required multi_choice with nothing ticked")

    def answer_number(self, q):
        scr = self.scr
        low, high = int(q.get("number_min", 0)), int(q.get("number_max", 120))
        value = self.prefer.get(q["id"], self.rng.randint(low, high))
        shown = scr.need("number_display")["label"]
        earlier = shown
        try:
            for _ in range(len(shown)):  # a person clears the old number first
                self.key("back", shown[:-1])
                shown = shown[:-1]
        except Failure as e:
            raise Failure(f"question {q['id']!r}: erasing the earlier answer {earlier} digit by digit does not "
                          f"empty the display ({e}); the visitor cannot type a new number") from None
        digits = str(value)
        if self.rng.random() < 0.3:  # a slip of the finger, corrected
            slip = str(self.rng.randint(0, 9))
            self.key(slip, slip)
            self.key("back", "")
        for i, digit in enumerate(digits):
            self.key(digit, digits[:i + 1])
        self.answers[q["id"]] = value

    def key(self, key, expect):
        scr = self.scr
        scr.tap(f"key:{key}")
        try:
            scr.wait_for(lambda d: self.scr.need("number_display")["label"] == expect, f"display {expect!r}")
        except Failure:
            raise Failure(f"after key {key!r} the number display shows "
                          f"{scr.need('number_display')['label']!r}; expected {expect!r}")

    def answer_then_now(self, q, before):
        scr = self.scr
        low, high = q.get("min", 1), q.get("max", q.get("min", 1) + 4)
        then = self.rng.randint(low, high)
        now = self.rng.randint(low, high)
        prev = self.answers.get(q["id"])
        if prev is not None:
            # Both halves already chosen: changing one is a whole answer again, and it moves on.
            self.tap_and_see_choice(f"then:{then}", before)
            self.answers[q["id"]] = {"then": then, "now": prev["now"]}
            return
        scr.tap(f"then:{then}")
        scr.wait_for(lambda d: self.scr.selected("then:") == {str(then)}, f"then:{then} chosen")
        check(scr.screen == before, "the then_now question moved on after only its first half")
        self.tap_and_see_choice(f"now:{now}", before)
        self.answers[q["id"]] = {"then": then, "now": now}

    def run_to_end(self, back_at=None, stop_after=None):
        """Answer question after question until thanks (or stop after `stop_after` answers).
        back_at: on arriving at this path position (1-based) the first time, tap back and re-answer."""
        scr = self.scr
        q = question_by_id(self.qdef, scr.screen[len("question:"):])
        answered = 0
        while True:
            if back_at is not None and self.backs == 0 and len(self.path) == back_at:
                q = self.go_back()
            if stop_after is not None and answered == stop_after:
                return
            self.answer(q)
            answered += 1
            if scr.screen == "thanks":
                final = visible_path(self.qdef, self.answers)
                check(self.path == final, f"the survey ended after {self.path}; the questionnaire asks {final}")
                return
            check(scr.screen.startswith("question:"), f"after answering {q['id']!r} the kiosk shows {scr.screen!r}")
            q = self.arrive(forward=True)

    def expected_answers(self):
        return {qid: normalise(self.answers[qid]) for qid in self.path if qid in self.answers}


def question_required(qdef, screen):
    return question_by_id(qdef, screen[len("question:"):]).get("required", False)


# ---------------------------------------------------------------------------------------------
# Scenarios. Each gets a fresh data dir and kiosk on the shared X server.


class Context:
    def __init__(self, args, xvfb, workdir):
        self.args, self.xvfb, self.workdir = args, xvfb, workdir
        self.kiosks = []
        self.counter = 0

    def kiosk(self, data_dir=None, config=None, screenshot_dir=None):
        if data_dir is None:
            self.counter += 1
            data_dir = os.path.join(self.workdir, f"data{self.counter}")
        k = Kiosk(self.args.kiosk, self.xvfb, data_dir, config, screenshot_dir).start()
        self.kiosks.append(k)
        return k

    def short_idle_config(self):
        path = os.path.join(self.workdir, "short_idle.toml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(SHORT_IDLE)
        return path

    def cleanup(self):
        for k in self.kiosks:
            k.cleanup()


def started(k):
    """Wait for the first attract screen and check the kiosk really fills the screen."""
    scr = Screen(k)
    scr.wait_screen("attract")
    check_fullscreen(k)
    return scr


def wait_file(path, what, kiosk, timeout=DEADLINE):
    """Wait for a file the kiosk writes (atomically, so it is whole once it is there)."""
    deadline = time.monotonic() + timeout
    while not os.path.exists(path):
        if not kiosk.running():
            raise Failure(f"the kiosk exited while waiting for {what} ({path}): {kiosk.stderr_tail()}")
        if time.monotonic() > deadline:
            folder = os.path.dirname(path)
            seen = sorted(os.listdir(folder)) if os.path.isdir(folder) else "no such folder"
            raise Failure(f"timed out after {timeout:.0f} s waiting for {what}: no {path}; the folder has {seen}")
        time.sleep(0.02)


def check_fullscreen(k):
    # A kiosk that opens as a small window on a big screen is the first thing a visitor would see.
    env = dict(os.environ, DISPLAY=k.xvfb.display)
    found = subprocess.run(["xdotool", "search", "--pid", str(k.proc.pid)], env=env, capture_output=True,
                           text=True)
    windows = found.stdout.split()
    check(windows, "no X window belongs to the kiosk")
    for window in windows:
        geo = subprocess.run(["xdotool", "getwindowgeometry", "--shell", window], env=env, capture_output=True,
                             text=True).stdout
        values = dict(line.split("=", 1) for line in geo.split() if "=" in line)
        if values.get("WIDTH") == str(k.xvfb.width) and values.get("HEIGHT") == str(k.xvfb.height):
            return
    raise Failure(f"the kiosk window does not fill the {k.xvfb.width}x{k.xvfb.height} screen")


def questionnaire_of(k):
    """The active questionnaire as stored (all options filled in), and its (id, version)."""
    active = k.status()["active_questionnaire"]
    out = k.beside("questionnaire", ".json")
    k.cli("questionnaire", "export", active["id"], "--version", str(active["version"]), "--out", out)
    with open(out, encoding="utf-8") as f:
        qdef = json.load(f)
    return qdef, {"id": active["id"], "version": active["version"]}


def only_response(k, status):
    k.terminate()
    responses = k.export()
    check(len(responses) == 1, f"the export has {len(responses)} responses; expected exactly 1: {responses}")
    r = responses[0]
    check(r["status"] == status, f"the response is {r['status']!r}; expected {status!r}: {r}")
    return r


def check_answers(r, expected):
    got = {k: normalise(v) for k, v in r["answers"].items()}
    for qid in sorted(set(got) | set(expected)):
        check(got.get(qid) == expected.get(qid),
              f"answer to {qid!r} in the export is {got.get(qid)!r}; the visitor's last tap was "
              f"{expected.get(qid)!r} (export answers {r['answers']}, expected {expected})")


def scenario_random_survey(ctx):
    """a. A random visitor, in a random language, going back once, to the end and the thanks."""
    rng = random.Random(ctx.args.seed)
    k = ctx.kiosk()
    scr = started(k)
    qdef, ref = questionnaire_of(k)
    visitor = Visitor(scr, qdef, rng)
    language = rng.choice(qdef["languages"])
    via_start = rng.random() < 0.5
    shortest = len([q for q in qdef["questions"] if "show_if" not in q])
    back_at = rng.randint(2, max(2, shortest))
    visitor.begin(language, via_start)
    visitor.run_to_end(back_at=back_at)
    check(visitor.backs == 1, f"the visitor never got to tap back (planned at question {back_at})")
    check(scr.screen == "thanks", f"the last answer led to {scr.screen!r}, not the thank-you screen")
    thanks_at = scr.screen_seen_at
    scr.wait_screen("attract", timeout=THANKS_SECONDS + 20)
    shown = scr.screen_seen_at - thanks_at
    check(shown >= THANKS_SECONDS - 1.5, f"the thank-you screen vanished after {shown:.1f} s; nobody can read it")

    r = only_response(k, "completed")
    check(r["language"] == language, f"the response language is {r['language']!r}; the visitor chose {language!r}")
    check(r["questionnaire"] == ref, f"the response names {r['questionnaire']}; the kiosk showed {ref}")
    check(r.get("started_at") and r.get("finished_at") and r["finished_at"] >= r["started_at"],
          f"start/finish times are missing or reversed: {r.get('started_at')} / {r.get('finished_at')}")
    check_answers(r, visitor.expected_answers())
    return (f"seed={ctx.args.seed} lang={language} via={'start' if via_start else 'lang button'} "
            f"back_at={back_at} path={','.join(visitor.path)} flags={r['flags']}")


def scenario_stop(ctx):
    """b. Two answers, then stop: the kiosk goes home and keeps the two answers as abandoned."""
    rng = random.Random(ctx.args.seed + 1)
    k = ctx.kiosk()
    scr = started(k)
    qdef, ref = questionnaire_of(k)
    visitor = Visitor(scr, qdef, rng)
    visitor.begin(rng.choice(qdef["languages"]), via_start=False)
    visitor.run_to_end(stop_after=2)
    scr.tap("stop")
    scr.wait_screen("attract")
    r = only_response(k, "abandoned")
    check("stopped" in r["flags"], f"the stopped response has flags {r['flags']}; expected 'stopped'")
    check(r["questionnaire"] == ref and r["language"] == visitor.language, f"wrong questionnaire/language: {r}")
    check_answers(r, visitor.expected_answers())
    check(len(r["answers"]) == 2, f"expected two answers, got {r['answers']}")
    return f"answers={r['answers']} flags={r['flags']}"


def scenario_idle(ctx):
    """c. A visitor walks away: warning after the idle time, 'still here' carries on, the countdown ends it."""
    rng = random.Random(ctx.args.seed + 2)
    k = ctx.kiosk(config=ctx.short_idle_config())
    scr = started(k)
    qdef, _ = questionnaire_of(k)
    visitor = Visitor(scr, qdef, rng)
    visitor.begin(rng.choice(qdef["languages"]), via_start=False)
    visitor.run_to_end(stop_after=1)
    question = scr.screen
    quiet_since = scr.screen_seen_at

    scr.wait_screen("idle_warning", timeout=IDLE_TIMEOUT + 20)
    waited = scr.screen_seen_at - quiet_since
    check(waited >= IDLE_TIMEOUT - 1, f"'are you still there?' came after only {waited:.1f} s "
                                      f"(idle_timeout_seconds = {IDLE_TIMEOUT:.0f})")
    countdown = scr.need("idle_countdown")["label"]
    check(any(ch.isdigit() for ch in countdown), f"the warning shows no countdown: {countdown!r}")
    scr.need("stop")
    scr.tap("still_here")
    scr.wait_screen(question)
    check(scr.selected() == set(), f"{question} came back with {scr.selected()} chosen, though nothing was")
    resumed = time.monotonic()

    scr.wait_screen("idle_warning", timeout=IDLE_TIMEOUT + 20)
    waited = scr.screen_seen_at - resumed
    check(waited >= IDLE_TIMEOUT - 1.5, f"after 'still here' the warning came back within {waited:.1f} s")
    warned_at = scr.screen_seen_at
    scr.wait_screen("attract", timeout=IDLE_COUNTDOWN + 20)
    counted = scr.screen_seen_at - warned_at
    check(counted >= IDLE_COUNTDOWN - 1, f"the {IDLE_COUNTDOWN:.0f} s countdown ended after {counted:.1f} s")

    r = only_response(k, "abandoned")
    check("idle" in r["flags"], f"the timed-out response has flags {r['flags']}; expected 'idle'")
    check_answers(r, visitor.expected_answers())
    return f"warning after {waited:.1f} s, countdown {counted:.1f} s, flags={r['flags']}"


def fast_second_tap(scr, first, second, gap=0.1):
    """Tap `first`, then `second` `gap` seconds later (a finger tapping twice), in one xdotool run so
    that no busy machine can stretch the gap. The kiosk takes in one press or release per frame, each
    at its own spot, so the second press reaches it at the latest one frame after the first tap changed
    the screen: well inside the pause in which a new screen ignores presses. Returns the gap."""
    scr.settle()
    TAPS.append(f"{time.monotonic():.3f} double tap {first} then {second} on {scr.screen}")
    cmd = ["xdotool", "mousemove", str(int(first[0])), str(int(first[1])), "mousedown", "1", "sleep", "0.05",
           "mouseup", "1", "sleep", str(gap), "mousemove", str(int(second[0])), str(int(second[1])),
           "mousedown", "1", "sleep", "0.05", "mouseup", "1"]
    subprocess.run(cmd, env=scr.env, check=True)
    scr.taps_sent += 2
    return gap


def spot(target, on_next):
    """A point on `target` that is also on one of the `on_next` rectangles, else None."""
    for el in on_next:
        inner = intersect(rect_of(target), rect_of(el))
        if inner and inner[2] - inner[0] > 8 and inner[3] - inner[1] > 8:
            return ((inner[0] + inner[2]) // 2, (inner[1] + inner[3]) // 2), el
    return None, None


def centre(el):
    return el["x"] + el["w"] // 2, el["y"] + el["h"] // 2


def scenario_tap_through(ctx):
    """d. A double tap on the attract screen must not choose a language or answer question 1."""
    k = ctx.kiosk()
    scr = started(k)
    qdef, _ = questionnaire_of(k)
    language = qdef["languages"][-1]
    notes = []

    # Learn what lies under each attract-screen target on the next screen, as a careless finger would.
    attract = scr.dump
    scr.tap(f"lang:{language}")
    scr.wait_screen(lambda s: s.startswith("question:"))
    first_question = scr.screen
    options = [e for e in scr.dump["elements"] if e["id"].startswith("option:")]
    check(options, f"{first_question} has no options to tap through to")
    scr.tap("stop")
    scr.wait_screen("attract")

    if len(qdef["languages"]) > 1:
        scr.tap("start")
        scr.wait_screen("language")
        lang_buttons = [e for e in scr.dump["elements"] if e["id"].startswith("lang:")]
        scr.tap("back")
        scr.wait_screen("attract")
        # 1. start, then at once again: the language screen must not take that second tap.
        start_el = scr.element("start", attract)
        point, under = spot(start_el, lang_buttons)
        second = point or centre(lang_buttons[0])
        delay = fast_second_tap(scr, point or centre(start_el), second)
        scr.settle()  # both taps taken in, and the pause after the screen change over
        check(scr.screen == "language", f"a second tap {delay * 1000:.0f} ms after 'start' went through to "
                                        f"{second} on the language screen: now on {scr.screen!r}")
        notes.append(f"start->{'same spot' if point else 'slip'} {delay * 1000:.0f}ms")
        scr.tap("back")
        scr.wait_screen("attract")

    # 2. a language button, then at once again: question 1 must not get an answer.
    lang_el = scr.element(f"lang:{language}", attract)
    point, under = spot(lang_el, options)
    if point is None:  # no overlap on this layout: the finger slips onto the nearest option instead
        under = min(options, key=lambda o: abs(centre(o)[1] - centre(lang_el)[1]))
    second = point or centre(under)
    delay = fast_second_tap(scr, point or centre(lang_el), second)
    # Both taps taken in and the pause over: had the second counted, its answer would show as chosen
    # (an answer shows for a moment before the kiosk moves on) or the screen would have moved on.
    scr.settle()
    check(scr.screen == first_question and scr.selected() == set(),
          f"a second tap {delay * 1000:.0f} ms after the language button, on {under['id']!r}, was taken as an "
          f"answer: screen {scr.screen!r}, selected {sorted(scr.selected())}")
    notes.append(f"lang->{under['id']} {'same spot' if point else 'slip'} {delay * 1000:.0f}ms")

    # The same spot a moment later does count: it was the guard, not a miss, that ignored it.
    scr.click_at(*second)
    code = under["id"][len("option:"):]
    scr.wait_for(lambda d: d["screen"] != first_question or code in self_selected(d),
                 f"a deliberate tap on {under['id']!r} to count")
    scr.wait_screen_change(first_question)
    scr.tap("stop")
    scr.wait_screen("attract")
    r = only_response(k, "abandoned")
    qid = first_question[len("question:"):]
    expected = int(code) if question_by_id(qdef, qid)["type"] == "scale" else code
    check_answers(r, {qid: expected})
    return "; ".join(notes)


def self_selected(dump):
    return {e["id"][len("option:"):] for e in dump["elements"] if e["id"].startswith("option:") and e["selected"]}


def scenario_crash(ctx):
    """e. Power cut / crash mid-survey: after a restart the answers are there, kept as interrupted."""
    rng = random.Random(ctx.args.seed + 4)
    k = ctx.kiosk()
    scr = started(k)
    qdef, ref = questionnaire_of(k)
    visitor = Visitor(scr, qdef, rng)
    visitor.begin(rng.choice(qdef["languages"]), via_start=False)
    visitor.run_to_end(stop_after=2)
    k.kill9()

    again = ctx.kiosk(data_dir=k.data_dir)
    scr2 = started(again)
    check(scr2.screen == "attract", f"after the crash the kiosk came back on {scr2.screen!r}, not the start")
    status = again.status()  # an operator checks a live kiosk
    check(status.get("db_ok") is True, f"status after the crash says db_ok={status.get('db_ok')}: {status}")
    r = only_response(again, "abandoned")
    check("interrupted" in r["flags"], f"the crashed response has flags {r['flags']}; expected 'interrupted'")
    check(r["questionnaire"] == ref and r["language"] == visitor.language, f"wrong questionnaire/language: {r}")
    check_answers(r, visitor.expected_answers())
    return f"answers={r['answers']} flags={r['flags']}"


def scenario_all_types(ctx):
    """f. A random visitor on a questionnaire with every answer type, checked in the export."""
    rng = random.Random(ctx.args.seed + 5)
    data_dir = os.path.join(ctx.workdir, "all_types")
    importer = Kiosk(ctx.args.kiosk, ctx.xvfb, data_dir)
    importer.cli("questionnaire", "import", ALL_TYPES, "--activate")
    k = ctx.kiosk(data_dir=data_dir)
    scr = started(k)
    qdef, ref = questionnaire_of(k)
    check(ref["id"] == "e2e_all_types", f"the kiosk shows {ref}, not the imported questionnaire")
    visitor = Visitor(scr, qdef, rng)
    language = rng.choice(qdef["languages"])
    visitor.begin(language, via_start=rng.random() < 0.5)
    # Go back to the number question and correct it, as a visitor who mistyped their age would:
    # that is where clearing an earlier answer matters (the other types just take a new tap).
    ids = [q["id"] for q in qdef["questions"]]
    number = next(i for i, q in enumerate(qdef["questions"]) if q["type"] == "number")
    back_at = number + 2 if number + 1 < len(ids) else rng.randint(2, len(ids))
    visitor.run_to_end(back_at=back_at)
    check(scr.screen == "thanks", f"the last answer led to {scr.screen!r}, not the thank-you screen")
    r = only_response(k, "completed")
    check(r["language"] == language and r["questionnaire"] == ref, f"wrong questionnaire/language: {r}")
    check_answers(r, visitor.expected_answers())
    return f"lang={language} back_at={back_at} answers={json.dumps(r['answers'], sort_keys=True)}"


SCENARIOS = [
    ("a", "random_survey", scenario_random_survey),
    ("b", "stop_mid_survey", scenario_stop),
    ("c", "idle_timeout", scenario_idle),
    ("d", "tap_through_guard", scenario_tap_through),
    ("e", "crash_recovery", scenario_crash),
    ("f", "all_answer_types", scenario_all_types),
]


# ---------------------------------------------------------------------------------------------
# Screenshots for docs/screenshots: every visitor screen, tapped through in Dutch


def capture(ctx, out_dir):
    grabs = []

    def grab(scr, name):
        # States the kiosk's own one-per-screen pictures cannot show (a choice made, digits typed).
        path = os.path.join(scr.kiosk.screenshot_dir, name + ".png")
        scr.taken_in()  # the dump is written once its frame is on the screen
        subprocess.run(["import", "-display", ctx.xvfb.display, "-window", "root", path], check=True)
        grabs.append(path)

    def wait_png(scr, screen):
        wait_file(os.path.join(scr.kiosk.screenshot_dir, screen.replace(":", "_") + ".png"),
                  f"the kiosk's picture of screen {screen!r}", scr.kiosk)

    config = ctx.short_idle_config()
    for name, source, prefer, language, own in (
            ("", None, {"recommend": "no"}, "nl", ()),  # "no" so that the follow-up "why not?" is shown too
            ("all_types", ALL_TYPES, {"age": 42}, "nl", ()),
            # Right to left, shaped: the nine-language sample in Arabic and in Farsi.
            ("language_cafe_ar", LANGUAGE_CAFE, {}, "ar", ()),
            ("language_cafe_fa", LANGUAGE_CAFE, {}, "fa", ()),
            ("language_cafe_ti", LANGUAGE_CAFE, {}, "ti", ()),
            # A visitor's own settings: the largest text in high contrast.
            ("language_cafe_ar_large_contrast", LANGUAGE_CAFE, {}, "ar", ("contrast", "text_larger", "text_larger")),
            ("language_cafe_uk_large", LANGUAGE_CAFE, {}, "uk", ("text_larger", "text_larger"))):
        shots = os.path.join(out_dir, name) if name else out_dir
        os.makedirs(shots, exist_ok=True)
        for old in os.listdir(shots):
            if old.endswith(".png"):
                os.remove(os.path.join(shots, old))
        data_dir = os.path.join(ctx.workdir, f"capture_{name or 'sample'}")
        if source:
            Kiosk(ctx.args.kiosk, ctx.xvfb, data_dir).cli("questionnaire", "import", source, "--activate")
        # With a sound output (a WAV nobody plays), as a kiosk with a speaker: the speaker button shows.
        k = Kiosk(ctx.args.kiosk, ctx.xvfb, data_dir, config, shots)
        k.env["IMPACTKIOSK_AUDIO_OUT"] = os.path.join(ctx.workdir, f"capture_{name or 'sample'}.wav")
        ctx.kiosks.append(k.start())
        scr = started(k)
        qdef, _ = questionnaire_of(k)
        wait_png(scr, "attract")
        seen_idle = [name not in ("", "language_cafe_ar")]  # the idle warning: on the sample, and in Arabic
        for setting in own:
            scr.tap(setting)
        if own:
            grab(scr, "attract__chosen")  # the start screen with the visitor's settings

        def on_question(q, scr=scr, seen_idle=seen_idle):
            wait_png(scr, scr.screen)
            if not seen_idle[0] and len(scr.screens_seen) > 3:
                seen_idle[0] = True
                here = scr.screen
                scr.wait_screen("idle_warning", timeout=IDLE_TIMEOUT + 20)
                wait_png(scr, "idle_warning")
                scr.tap("still_here")
                scr.wait_screen(here)

        visitor = Visitor(scr, qdef, random.Random(7), prefer=prefer, on_question=on_question)
        original = visitor.answer

        def answer_and_grab(q, visitor=visitor, original=original, scr=scr):
            # Show the chosen state of the types that stay on screen until "next".
            if q["type"] == "multi_choice":
                visitor.answer_multi(q)
                grab(scr, f"question_{q['id']}__chosen")
                before = scr.screen
                scr.tap("next")
                scr.wait_screen_change(before)
            elif q["type"] == "number":
                visitor.answer_number(q)
                grab(scr, f"question_{q['id']}__typed")
                before = scr.screen
                scr.tap("next")
                scr.wait_screen_change(before)
            else:
                original(q)

        visitor.answer = answer_and_grab
        scr.tap("start")
        scr.wait_screen("language")
        wait_png(scr, "language")
        scr.tap(f"lang:{language}")
        scr.wait_screen(lambda s: s.startswith("question:"))
        visitor.language = language
        visitor.arrive(forward=True)
        visitor.run_to_end()
        wait_png(scr, "thanks")
        k.terminate()
    return grabs


# ---------------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kiosk", required=True, help="path to the impactkiosk binary")
    parser.add_argument("--geometry", default="1280x800", help="screen size WxH (default 1280x800)")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: time-based, printed)")
    parser.add_argument("--only", default="", help="comma-separated scenario letters or names to run")
    parser.add_argument("--capture-only", metavar="DIR", help="take screenshots into DIR instead of testing")
    parser.add_argument("--keep", action="store_true", help="keep the temporary data dirs and logs")
    args = parser.parse_args()

    missing = [tool for tool in ("Xvfb", "xdotool") if shutil.which(tool) is None]
    if args.capture_only and shutil.which("import") is None:
        missing.append("import (imagemagick)")
    if missing:
        return skip(f"{', '.join(missing)} not installed")
    if not os.access(args.kiosk, os.X_OK):
        print(f"FAIL: kiosk binary {args.kiosk} not found or not executable", flush=True)
        return 1
    args.kiosk = os.path.abspath(args.kiosk)
    try:
        width, height = (int(v) for v in args.geometry.lower().split("x"))
    except ValueError:
        parser.error(f"--geometry must be WxH, got {args.geometry!r}")
    if args.seed is None:
        args.seed = int(time.time() * 1000) % 2**31
    if not args.capture_only:
        print(f"geometry {width}x{height}, seed {args.seed} (rerun with --seed {args.seed})", flush=True)

    workdir = tempfile.mkdtemp(prefix=f"ik_e2e_{width}x{height}_")
    xvfb = Xvfb(width, height)
    passed = failed = 0
    began = time.monotonic()
    try:
        xvfb.start()
        if args.capture_only:
            ctx = Context(args, xvfb, workdir)
            try:
                grabs = capture(ctx, os.path.abspath(args.capture_only))
            finally:
                ctx.cleanup()
            print(f"screenshots in {args.capture_only} (+{len(grabs)} state grabs) "
                  f"in {time.monotonic() - began:.1f} s", flush=True)
            return 0
        wanted = {w.strip() for w in args.only.split(",") if w.strip()}
        for letter, name, fn in SCENARIOS:
            if wanted and letter not in wanted and name not in wanted:
                continue
            ctx = Context(args, xvfb, os.path.join(workdir, name))
            os.makedirs(ctx.workdir)
            t0 = time.monotonic()
            TAPS.clear()
            try:
                detail = fn(ctx)
                passed += 1
                print(f"PASS {letter}. {name} ({time.monotonic() - t0:.1f} s) {detail}", flush=True)
            except Exception as e:  # noqa: BLE001 - any error is a failed scenario, the rest still run
                failed += 1
                reason = str(e).splitlines()[0] if str(e) else type(e).__name__
                print(f"FAIL {letter}. {name} ({time.monotonic() - t0:.1f} s) {reason[:300]}", flush=True)
                log(f"--- {name}: {e}")
                if not isinstance(e, Failure):
                    log(traceback.format_exc())
                log("--- last taps:\n" + "\n".join(TAPS[-20:]))
                for k in ctx.kiosks:
                    log(f"--- kiosk log {k.log_file}:\n{k.stderr_tail()}")
            finally:
                ctx.cleanup()
    except (Failure, Timeout) as e:
        print(f"FAIL setup: {e}", flush=True)
        failed += 1
    finally:
        xvfb.stop()
        if args.keep or failed:
            log(f"work files kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    print(f"run time {time.monotonic() - began:.1f} s", flush=True)
    print(f"{passed} passed, {failed} failed", flush=True)
    return 1 if failed or passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
