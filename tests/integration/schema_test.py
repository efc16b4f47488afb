#!/usr/bin/env python3
# docs/questionnaire.schema.json against what the kiosk really reads and writes: every good
# questionnaire in the repository, the output of `questionnaire export`, and the examples in
# docs/questionnaire-format.md validate; the schema refuses the broken files it can judge on its own
# and the keys `questionnaire validate` warns about. The validator stays the authority; this keeps
# the schema (and the documentation's examples) from drifting away from it.
#
# Needs python3-jsonschema (Debian 12: 4.10). Environment: IK_KIOSK (the impactkiosk binary),
# IK_SOURCE_DIR (the source tree). Prints "N passed, M failed"; exits 1 on any failure.
import json
import os
import re
import subprocess
import sys
import tempfile

try:
    from jsonschema import Draft202012Validator
except ImportError:
    print("python3-jsonschema is not installed (apt-get install python3-jsonschema)")
    print("0 passed, 1 failed")
    sys.exit(1)

KIOSK = os.environ.get("IK_KIOSK", "impactkiosk")
SOURCE = os.environ.get("IK_SOURCE_DIR", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
SCHEMA_FILE = os.path.join(SOURCE, "docs", "questionnaire.schema.json")
FORMAT_DOC = os.path.join(SOURCE, "docs", "questionnaire-format.md")
SAMPLE = os.path.join(SOURCE, "assets", "questionnaires", "digital_skills_confidence.json")
GOOD = [
    SAMPLE,
    os.path.join(SOURCE, "assets", "questionnaires", "language_cafe.json"),
    os.path.join(SOURCE, "tests", "data", "all_question_types.json"),
    os.path.join(SOURCE, "tests", "data", "all_types.json"),
]
WARNINGS_ONLY = os.path.join(SOURCE, "tests", "data", "warnings_only.json")

# Broken files whose mistake sits inside one value or one object, so the schema alone must refuse
# them. The rest of tests/data/broken needs the validator: not JSON at all, duplicate keys (lost by
# any JSON parser), or rules that connect two places (unique codes and ids, show_if and indicator
# references, label languages, show_if depth).
SCHEMA_CATCHES = [
    "bad_question_id.json",
    "empty_languages.json",
    "huge_number.json",
    "info_required.json",
    "label_not_object.json",
    "missing_id.json",
    "question_missing_label.json",
    "questions_not_array.json",
    "scale_min_5.json",
    "share_target_150.json",
    "single_choice_one_option.json",
    "smiley_four_points.json",
    "text_max_length_too_big.json",
    "top_level_array.json",
    "unknown_question_type.json",
    "version_not_integer.json",
    "yes_no_wrong_codes.json",
]

# The validator's warnings that the schema turns into mistakes (it allows no unknown keys).
KEY_WARNING = re.compile(r": warning: (unknown key |key \".*\" is not used by )")

passed = 0
failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"PASS {name}")
    else:
        failed += 1
        print(f"FAIL {name}: {detail}")


def run_kiosk(*args, data_dir=None):
    cmd = [KIOSK] + (["--data-dir", data_dir] if data_dir else []) + list(args)
    # No user configuration may leak in (same as cli_test.py).
    env = dict(os.environ, HOME=tempfile.gettempdir(),
               XDG_CONFIG_HOME=os.path.join(tempfile.gettempdir(), "ik-no-config"))
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, env=env)


def schema_errors(validator, document):
    lines = []
    for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path)):
        path = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
        lines.append(f"{path}: {error.message[:200]}")
    return lines


def load(path):
    with open(path, encoding="utf-8-sig") as f:
        return json.load(f)


def rel(path):
    return os.path.relpath(path, SOURCE)


def main():
    with open(SCHEMA_FILE, encoding="utf-8") as f:
        schema = json.load(f)
    try:
        Draft202012Validator.check_schema(schema)
        check("schema is a valid draft 2020-12 schema", True)
    except Exception as e:  # jsonschema.SchemaError; anything else is as fatal
        check("schema is a valid draft 2020-12 schema", False, str(e)[:300])
        return
    validator = Draft202012Validator(schema)

    # 1. Every good file in the repository.
    for path in GOOD:
        errors = schema_errors(validator, load(path))
        check(f"schema accepts {rel(path)}", not errors, "; ".join(errors))

    # warnings_only.json has no errors, only warnings. Where those warnings are about keys, the
    # schema (no unknown keys) must refuse the file; otherwise it must accept it.
    r = run_kiosk("questionnaire", "validate", WARNINGS_ONLY)
    if r.returncode != 0:
        check(f"{rel(WARNINGS_ONLY)} has no errors", False, r.stderr.strip())
    else:
        key_warnings = [line for line in r.stderr.splitlines() if KEY_WARNING.search(line)]
        errors = schema_errors(validator, load(WARNINGS_ONLY))
        if key_warnings:
            check(f"schema refuses the keys the validator warns about in {rel(WARNINGS_ONLY)}", bool(errors),
                  "schema accepted a file with: " + "; ".join(key_warnings))
        else:
            check(f"schema accepts {rel(WARNINGS_ONLY)}", not errors, "; ".join(errors))

    # 2. What `questionnaire export` writes (every default spelled out) for imported files.
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "data")
        for path in GOOD:
            name = rel(path)
            document = load(path)
            r = run_kiosk("questionnaire", "import", path, data_dir=data)
            if r.returncode != 0:
                check(f"export of {name} validates", False, f"import failed: {r.stderr.strip()}")
                continue
            out = os.path.join(tmp, document["id"] + ".export.json")
            r = run_kiosk("questionnaire", "export", document["id"], "--out", out, data_dir=data)
            if r.returncode != 0:
                check(f"export of {name} validates", False, f"export failed: {r.stderr.strip()}")
                continue
            errors = schema_errors(validator, load(out))
            check(f"schema accepts the export of {name}", not errors, "; ".join(errors))

    # 3. The broken files the schema can judge on its own.
    for name in SCHEMA_CATCHES:
        path = os.path.join(SOURCE, "tests", "data", "broken", name)
        try:
            document = load(path)
        except (OSError, ValueError) as e:
            check(f"schema refuses broken/{name}", False, f"cannot read: {e}")
            continue
        check(f"schema refuses broken/{name}", bool(schema_errors(validator, document)),
              "the schema accepted it")

    # 4. The examples in docs/questionnaire-format.md: every ```json block is JSON; whole
    # questionnaires and single questions (wrapped in a minimal questionnaire) pass both the
    # validator, without warnings, and the schema.
    with open(FORMAT_DOC, encoding="utf-8") as f:
        blocks = re.findall(r"^```json\n(.*?)^```", f.read(), re.S | re.M)
    check("docs/questionnaire-format.md has json examples", len(blocks) >= 10, f"found {len(blocks)}")
    with tempfile.TemporaryDirectory() as tmp:
        for i, block in enumerate(blocks, 1):
            name = f"docs example {i}"
            try:
                document = json.loads(block)
            except ValueError as e:
                check(f"{name} is JSON", False, str(e))
                continue
            if isinstance(document, dict) and "questions" in document:
                name += f" ({document.get('id')})"
            elif isinstance(document, dict) and "type" in document and "label" in document:
                name += f" ({document.get('type')} question)"
                document = {"id": "doc_example", "version": 1, "languages": ["nl", "en"],
                            "title": {"nl": "Voorbeeld", "en": "Example"}, "questions": [document]}
            else:
                check(f"{name} is JSON", True)
                continue
            path = os.path.join(tmp, f"example_{i}.json")
            with open(path, "w", encoding="utf-8") as f:
                json.dump(document, f, ensure_ascii=False)
            r = run_kiosk("questionnaire", "validate", path)
            check(f"validator accepts {name} without warnings", r.returncode == 0 and not r.stderr.strip(),
                  r.stderr.strip() or f"exit code {r.returncode}")
            errors = schema_errors(validator, document)
            check(f"schema accepts {name}", not errors, "; ".join(errors))


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # a crash in the test itself is a failure, and still gets the summary line
        check("schema test ran to the end", False, f"{type(e).__name__}: {e}")
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)
