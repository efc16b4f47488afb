#!/usr/bin/env python3
# End-to-end tests of read-aloud: the real kiosk under Xvfb, its voice written to a WAV file
# ($IMPACTKIOSK_AUDIO_OUT) that sox measures. A visitor who cannot read takes the nine-language sample
# in Dutch, Arabic and Ukrainian by listening: turns the speaker on, hears each question and its answers
# ("3: ..."), taps the answer with the number heard, and every answer arrives in the export as given.
# Speech stops when the screen changes; a language without a voice plays the questionnaire's recordings.
"""Run: read_aloud_e2e.py --kiosk build/debug/app/impactkiosk --geometry 1280x800 [--only a,b]"""

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kiosk_e2e as e2e  # noqa: E402
from kiosk_e2e import Failure, check  # noqa: E402

SPEED = 4  # the WAV is written 4x faster than it plays: a listening visitor in seconds, not minutes


def sound_of(path):
    """Length in seconds, RMS amplitude, and the seconds that are not silence, as sox measures them."""
    stat = subprocess.run(["sox", path, "-n", "stat"], capture_output=True, text=True).stderr
    values = {m.group(1).strip(): float(m.group(2)) for m in re.finditer(r"^([^:]+):\s+(-?[\d.]+)", stat, re.M)}
    check("Length (seconds)" in values, f"sox cannot read {path}: {stat.strip()}")
    trimmed = path + ".voiced.wav"
    # Drop every stretch of silence longer than 0.3 s (below 1% of full scale): what is left is voice.
    subprocess.run(["sox", path, trimmed, "silence", "1", "0.05", "1%", "-1", "0.3", "1%"], check=True,
                   capture_output=True)
    voiced = float(subprocess.run(["soxi", "-D", trimmed], capture_output=True, text=True).stdout or 0)
    return values["Length (seconds)"], values["RMS     amplitude"], voiced


def check_speech(path, text, what):
    """The WAV holds speech as long as `text` takes to say (espeak-ng at 150 words a minute says 8 to 25
    characters a second, the kiosk's own pauses included)."""
    length, rms, voiced = sound_of(path)
    check(rms > 0.01, f"{what}: the audio is silent (RMS {rms:.4f})")
    check(voiced > 0.5 * length, f"{what}: only {voiced:.1f} s of {length:.1f} s is voice")
    chars = len(text)
    check(chars / 25 <= length <= chars / 6 + 2,
          f"{what}: {length:.1f} s of audio for {chars} characters ({text[:80]!r}): not speech of that text")
    return length


def tap_speaker(scr):
    """The speaker shows once the voice is ready (it starts beside the first frame, on its own thread)."""
    scr.wait_for(lambda d: any(e["id"] == "speak" for e in d["elements"]), "the speaker button")
    scr.tap("speak")


class Listener:
    """A visitor who listens: waits until each screen has been read out, then answers by number."""

    def __init__(self, scr, wav, rng):
        self.scr, self.wav, self.rng = scr, wav, rng
        self.heard = []

    def listen(self, screen_test, what):
        """Wait for the screen, for its reading to start and to end; returns what was said."""
        scr = self.scr
        dump = scr.wait_for(lambda d: screen_test(d["screen"]) and "speaking" in d, f"{what} to be read aloud")
        said, done = dump["speaking"], dump["spoken"]
        scr.wait_for(lambda d: d["spoken"] > done, f"the reading of {what} to end")
        e2e.wait_file(self.wav, "the WAV of what was said", scr.kiosk)
        self.heard.append((what, said, check_speech(self.wav, said, what)))
        return said

    def answer(self, qdef, qid, language, said):
        """Tap the answer by the number heard; returns the answer as the export holds it."""
        scr = self.scr
        q = next(x for x in qdef["questions"] if x["id"] == qid)
        if q["type"] in ("likert", "smiley", "single_choice", "yes_no"):
            numbers = [int(n) for n in re.findall(r"(\d+):", said)]
            check(numbers == list(range(1, len(q["options"]) + 1)),
                  f"{qid}: heard the numbers {numbers}, the screen has {len(q['options'])} answers: {said!r}")
            pick = self.rng.randint(1, len(numbers))
            option = q["options"][pick - 1]
            spoken_label = said.split(f"{pick}:", 1)[1].split(f" {pick + 1}:", 1)[0].strip()
            check(spoken_label == option["label"][language],
                  f"{qid}: heard '{pick}: {spoken_label}', but answer {pick} on screen is {option['label'][language]!r}")
            scr.tap(f"option:{option['code']}")
            return option["code"]
        if q["type"] == "scale":
            value = self.rng.randint(q.get("min", 0), q.get("max", 10))
            scr.tap(f"option:{value}")
            return value
        if q["type"] == "then_now":
            then, now = self.rng.randint(q["min"], q["max"]), self.rng.randint(q["min"], q["max"])
            scr.tap(f"then:{then}")
            scr.tap(f"now:{now}")
            return {"then": then, "now": now}
        raise Failure(f"{qid}: the listening visitor does not know how to answer a {q['type']} question")


def start_kiosk(ctx, data_dir, questionnaire):
    wav = os.path.join(ctx.workdir, os.path.basename(data_dir) + "_said.wav")
    importer = e2e.Kiosk(ctx.args.kiosk, ctx.xvfb, data_dir)
    importer.cli("questionnaire", "import", questionnaire, "--activate")
    k = e2e.Kiosk(ctx.args.kiosk, ctx.xvfb, data_dir)
    k.env["IMPACTKIOSK_AUDIO_OUT"] = wav
    k.env["IMPACTKIOSK_AUDIO_OUT_SPEED"] = str(SPEED)
    ctx.kiosks.append(k.start())
    return k, wav


def scenario_listening(ctx):
    """a. A visitor who cannot read takes the nine-language sample in Dutch, Arabic and Ukrainian by
    listening; every answer is in the export as given."""
    notes = []
    for n, language in enumerate(("nl", "ar", "uk")):
        rng = random.Random(ctx.args.seed + n)
        k, wav = start_kiosk(ctx, os.path.join(ctx.workdir, f"listen_{language}"), e2e.LANGUAGE_CAFE)
        scr = e2e.started(k)
        qdef, ref = e2e.questionnaire_of(k)
        listener = Listener(scr, wav, rng)
        tap_speaker(scr)
        listener.listen(lambda s: s == "attract", "the attract screen")
        scr.tap(f"lang:{language}")
        check(scr.wait_screen(lambda s: s.startswith("question:")) is not None, "no first question")
        expected = {}
        while True:
            dump = scr.wait_screen(lambda s: s.startswith("question:") or s == "thanks")
            if dump["screen"] == "thanks":
                break
            qid = dump["screen"][len("question:"):]
            check(dump.get("rtl", False) == (language == "ar"), f"{qid}: rtl={dump.get('rtl')} in {language!r}")
            said = listener.listen(lambda s, sc=dump["screen"]: s == sc, f"question {qid} in {language}")
            label = next(x for x in qdef["questions"] if x["id"] == qid)["label"][language]
            check(said.startswith(label), f"{qid}: read {said[:60]!r}, the screen says {label!r}")
            expected[qid] = listener.answer(qdef, qid, language, said)
            scr.wait_for(lambda d, before=dump["screen"]: d["screen"] != before, f"the answer to {qid} to move on")
        listener.listen(lambda s: s == "thanks", "the thank-you screen")
        r = e2e.only_response(k, "completed")  # stops the kiosk (SIGTERM) and exports
        check(r["language"] == language and r["questionnaire"] == ref, f"response {r['language']}, {r['questionnaire']}")
        e2e.check_answers(r, expected)
        seconds = sum(length for _, _, length in listener.heard)
        notes.append(f"{language}: {len(expected)} answers by ear, {seconds:.0f} s of speech")
    return "; ".join(notes)


def scenario_stop(ctx):
    """b. Speech stops at once when the screen changes: the answer tapped mid-sentence cuts it short,
    and the next question is read from its start."""
    k, wav = start_kiosk(ctx, os.path.join(ctx.workdir, "stop"), e2e.LANGUAGE_CAFE)
    scr = e2e.started(k)
    qdef, _ = e2e.questionnaire_of(k)
    scr.tap("lang:uk")
    first = scr.wait_screen(lambda s: s.startswith("question:"))["screen"]
    tap_speaker(scr)
    dump = scr.wait_for(lambda d: "speaking" in d, "the question to be read")
    full_text, done = dump["speaking"], dump["spoken"]
    option = next(e["id"] for e in scr.dump["elements"] if e["id"].startswith("option:"))
    scr.tap(option)  # mid-sentence
    scr.wait_for(lambda d: d["spoken"] > done, "the first reading to stop")
    e2e.wait_file(wav, "the WAV of the cut-off reading", k)
    length, _, _ = sound_of(wav)
    check(length < len(full_text) / 12, f"the reading went on for {length:.1f} s after the tap: "
                                        f"{len(full_text)} characters take ~{len(full_text) / 12:.0f} s in full")
    nxt = scr.wait_for(lambda d: d["screen"] != first and "speaking" in d, "the next question to be read")
    qid = nxt["screen"][len("question:"):]
    label = next(x for x in qdef["questions"] if x["id"] == qid)["label"]["uk"]
    check(nxt["speaking"].startswith(label), f"the next screen reads {nxt['speaking'][:60]!r}, not its question")
    return f"cut off after {length:.2f} s of a {len(full_text)}-character reading"


def scenario_recordings(ctx):
    """c. Tigrinya has no espeak-ng voice: the questionnaire's recordings are played (made here with
    espeak-ng's Amharic voice, which reads Ethiopic script), converted to Ogg Vorbis with sox."""
    with open(e2e.LANGUAGE_CAFE, encoding="utf-8") as f:
        qdef = json.load(f)
    audio = os.path.join(ctx.workdir, "audio")
    os.makedirs(audio)
    first = qdef["questions"][0]
    text = first["label"]["ti"]
    wav = os.path.join(audio, "q1_ti.wav")
    subprocess.run(["espeak-ng", "-v", "am", "-w", wav, text], check=True, capture_output=True)
    subprocess.run(["sox", wav, os.path.join(audio, "q1_ti.ogg")], check=True, capture_output=True)
    first["label"]["ti"] = {"text": text, "audio": "audio/q1_ti.ogg"}
    recorded = os.path.join(ctx.workdir, "cafe_recorded.json")
    with open(recorded, "w", encoding="utf-8") as f:
        json.dump(qdef, f, ensure_ascii=False)
    k, said = start_kiosk(ctx, os.path.join(ctx.workdir, "recorded"), recorded)
    scr = e2e.started(k)
    scr.tap("lang:ti")
    scr.wait_screen(f"question:{first['id']}")
    tap_speaker(scr)  # a question with a recording has a speaker
    dump = scr.wait_for(lambda d: "speaking" in d, "the recording to play")
    check(dump["speaking"].startswith(text), f"the dump says {dump['speaking'][:40]!r}, not the Tigrinya text")
    scr.wait_for(lambda d: d["spoken"] >= 1 and "speaking" not in d, "the recording to end")
    e2e.wait_file(said, "the WAV of what was played", k)
    length, rms, _ = sound_of(said)
    original = float(subprocess.run(["soxi", "-D", wav], capture_output=True, text=True).stdout)
    check(abs(length - original) < 0.3 and rms > 0.01,
          f"played {length:.2f} s (RMS {rms:.3f}); the recording is {original:.2f} s")
    # The next question has no recording and Tigrinya no voice: no speaker there.
    scr.tap(next(e["id"] for e in scr.dump["elements"] if e["id"].startswith("option:")))
    scr.wait_screen(lambda s: s.startswith("question:") and s != f"question:{first['id']}")
    check(scr.element("speak") is None, f"a speaker on {scr.screen}, which cannot be read in Tigrinya")
    return f"recording of {original:.2f} s played as {length:.2f} s"


SCENARIOS = [
    ("a", "listening_visitor", scenario_listening),
    ("b", "stops_on_screen_change", scenario_stop),
    ("c", "recordings_for_a_voiceless_language", scenario_recordings),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kiosk", required=True)
    parser.add_argument("--geometry", default="1280x800")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--only", default="")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    missing = [t for t in ("Xvfb", "xdotool", "sox", "soxi", "espeak-ng") if shutil.which(t) is None]
    if missing:
        return e2e.skip(f"{', '.join(missing)} not installed")
    args.kiosk = os.path.abspath(args.kiosk)
    if args.seed is None:
        args.seed = int(time.time() * 1000) % 2**31
    width, height = (int(v) for v in args.geometry.lower().split("x"))
    print(f"geometry {width}x{height}, seed {args.seed}", flush=True)
    workdir = tempfile.mkdtemp(prefix=f"ik_read_aloud_{width}x{height}_")
    xvfb = e2e.Xvfb(width, height)
    passed = failed = 0
    try:
        xvfb.start()
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
            except Exception as e:  # noqa: BLE001 - any error fails the scenario; the rest still run
                failed += 1
                print(f"FAIL {letter}. {name} ({time.monotonic() - t0:.1f} s) {str(e)[:400]}", flush=True)
                if not isinstance(e, Failure):
                    e2e.log(traceback.format_exc())
                e2e.log("--- last taps:\n" + "\n".join(e2e.TAPS[-20:]))
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
