#!/usr/bin/env python3
# The impactkiosk command line as operators and scripts use it: exit codes (0 ok, 1 failure,
# 2 usage), every broken questionnaire refused with "FILE: JSON-PATH: problem" and no crash, the
# questionnaire and export round trips, and status --json on a healthy and on a damaged database.
import glob
import json
import os
import subprocess
import sys
import tempfile
import unittest

KIOSK = os.environ.get("IK_KIOSK", "impactkiosk")
SOURCE = os.environ.get("IK_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
SAMPLE = os.path.join(SOURCE, "assets", "questionnaires", "digital_skills_confidence.json")


def run(*args, data_dir=None, stdin=None):
    cmd = [KIOSK]
    if data_dir:
        cmd += ["--data-dir", data_dir]
    cmd += list(args)
    env = dict(os.environ, HOME=tempfile.gettempdir(), XDG_CONFIG_HOME=os.path.join(tempfile.gettempdir(), "ik-no-config"))
    return subprocess.run(cmd, capture_output=True, text=True, input=stdin, timeout=120, env=env)


class CommandLine(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.data = os.path.join(self.tmp.name, "data")

    def tearDown(self):
        self.tmp.cleanup()

    def test_help_and_version(self):
        r = run("--help")
        self.assertEqual(r.returncode, 0)
        self.assertIn("questionnaire", r.stdout)
        r = run("--version")
        self.assertEqual(r.returncode, 0)
        self.assertRegex(r.stdout, r"^impactkiosk \d+\.\d+\.\d+")
        self.assertEqual(run("status", "--help").returncode, 0)

    def test_usage_errors_exit_2(self):
        for args in (["--no-such-flag"], ["questionnaire"], ["questionnaire", "frobnicate"],
                     ["--windowed", "big", "status"], ["export", "--format", "pdf", "--out", "x"],
                     ["demo-data"]):
            r = run(*args, data_dir=self.data)
            self.assertEqual(r.returncode, 2, f"{args}: {r.stderr}")
            self.assertTrue(r.stderr.strip(), args)

    def test_every_broken_questionnaire_is_refused_with_file_and_path(self):
        broken = sorted(glob.glob(os.path.join(SOURCE, "tests", "data", "broken", "*.json")))
        self.assertGreater(len(broken), 10)
        for path in broken:
            r = run("questionnaire", "validate", path)
            self.assertEqual(r.returncode, 1, f"{path}: {r.stdout} {r.stderr}")
            first = r.stderr.splitlines()[0]
            self.assertTrue(first.startswith(path + ": $"), f"{path}: {first}")
            # importing it changes nothing
            r = run("questionnaire", "import", path, data_dir=self.data)
            self.assertEqual(r.returncode, 1, path)
        r = run("questionnaire", "list", "--json", data_dir=self.data)
        self.assertEqual(json.loads(r.stdout), [])

    def test_missing_file(self):
        r = run("questionnaire", "validate", os.path.join(self.tmp.name, "nope.json"))
        self.assertEqual(r.returncode, 1)
        self.assertIn("nope.json: $: ", r.stderr)

    def test_questionnaire_round_trip(self):
        r = run("questionnaire", "validate", SAMPLE)
        self.assertEqual(r.returncode, 0, r.stderr)
        r = run("questionnaire", "import", SAMPLE, "--activate", data_dir=self.data)
        self.assertEqual(r.returncode, 0, r.stderr)
        out = os.path.join(self.tmp.name, "out.json")
        r = run("questionnaire", "export", "digital_skills_confidence", "--out", out, data_dir=self.data)
        self.assertEqual(r.returncode, 0, r.stderr)
        # A changed definition becomes version 2; version 1 stays.
        q = json.load(open(out))
        q["questions"][0]["label"]["en"] = "I learned something new."
        changed = os.path.join(self.tmp.name, "changed.json")
        json.dump(q, open(changed, "w"))
        r = run("questionnaire", "import", changed, data_dir=self.data)
        self.assertIn("version 2", r.stdout)
        listed = json.loads(run("questionnaire", "list", "--json", data_dir=self.data).stdout)
        self.assertEqual([(x["id"], x["version"], x["active"]) for x in listed],
                         [("digital_skills_confidence", 1, True), ("digital_skills_confidence", 2, False)])
        self.assertEqual(run("questionnaire", "activate", "digital_skills_confidence", data_dir=self.data).returncode, 0)
        status = json.loads(run("status", "--json", data_dir=self.data).stdout)
        self.assertEqual(status["active_questionnaire"], {"id": "digital_skills_confidence", "version": 2})
        r = run("questionnaire", "activate", "nothing_here", data_dir=self.data)
        self.assertEqual(r.returncode, 1)
        self.assertIn("nothing_here", r.stderr)

    def test_demo_data_and_json_export(self):
        r = run("demo-data", "--count", "150", "--seed", "7", data_dir=self.data)
        self.assertEqual(r.returncode, 0, r.stderr)
        status = json.loads(run("status", "--json", data_dir=self.data).stdout)
        for key in ("responses_total", "responses_pending", "responses_quarantined", "last_sync_ok_at",
                    "last_sync_error", "active_questionnaire", "db_ok"):
            self.assertIn(key, status)
        self.assertEqual(status["responses_total"], 150)
        self.assertTrue(status["db_ok"])
        out = os.path.join(self.tmp.name, "responses.json")
        r = run("export", "--format", "json", "--out", out, data_dir=self.data)
        self.assertEqual(r.returncode, 0, r.stderr)
        rows = json.load(open(out))
        self.assertEqual(len(rows), 150)
        self.assertEqual(len({row["id"] for row in rows}), 150)
        for row in rows:
            self.assertEqual(row["questionnaire"], {"id": "digital_skills_confidence", "version": 1})
            self.assertIn(row["status"], ("completed", "abandoned"))
            self.assertIn(row["language"], ("nl", "en"))
            self.assertTrue(row["started_at"].endswith("Z"))
        completed = [row for row in rows if row["status"] == "completed"]
        self.assertGreater(len(completed), 100)
        for row in completed:
            self.assertIn(row["answers"]["learned"], ["1", "2", "3", "4", "5", "dk"])
            self.assertTrue(1 <= row["answers"]["grade"] <= 10 if "grade" in row["answers"] else True)
        # Date filters: nothing before 2000, everything up to far in the future.
        r = run("export", "--format", "json", "--out", out, "--to", "2000-01-01", data_dir=self.data)
        self.assertEqual(json.load(open(out)), [])
        r = run("export", "--format", "json", "--out", out, "--from", "2000-01-01", "--to", "2999-12-31",
                data_dir=self.data)
        self.assertEqual(len(json.load(open(out))), 150)
        r = run("export", "--format", "json", "--out", out, "--from", "2026-13-01", data_dir=self.data)
        self.assertEqual(r.returncode, 2)

    def test_staff_pin_set_reads_stdin_and_stores_only_a_hash(self):
        for bad in ("", "12\n", "12ab\n", "123456789\n"):
            r = run("staff-pin", "set", data_dir=self.data, stdin=bad)
            self.assertEqual(r.returncode, 1, f"{bad!r}: {r.stderr}")
            self.assertIn("PIN", r.stderr)
        r = run("staff-pin", "set", data_dir=self.data, stdin="482913\n")
        self.assertEqual(r.returncode, 0, r.stderr)
        db = os.path.join(self.data, "impactkiosk.db")
        dump = subprocess.run(["sqlite3", db, ".dump"], capture_output=True, text=True).stdout
        self.assertIn("$argon2id$", dump)
        self.assertNotIn("482913", dump)
        self.assertIn("set the staff PIN", dump)
        self.assertEqual(run("staff-pin", data_dir=self.data).returncode, 2)

    def test_damaged_database_is_reported_not_crashed(self):
        os.makedirs(self.data)
        with open(os.path.join(self.data, "impactkiosk.db"), "wb") as f:
            f.write(b"this is not a database" * 100)
        r = run("status", "--json", data_dir=self.data)
        self.assertEqual(r.returncode, 1)
        status = json.loads(r.stdout)
        self.assertFalse(status["db_ok"])
        self.assertIn("impactkiosk.db", status["db_error"])

    def test_unwritable_data_dir(self):
        blocker = os.path.join(self.tmp.name, "file")
        open(blocker, "w").close()
        r = run("status", "--json", data_dir=os.path.join(blocker, "sub"))
        self.assertEqual(r.returncode, 1)
        self.assertTrue(r.stderr.strip())

    def test_config_errors_name_file_line_and_key(self):
        cfg = os.path.join(self.tmp.name, "config.toml")
        with open(cfg, "w") as f:
            f.write("[kiosk]\nid = \"branch-1\"\n[sync]\nbatch_size = 0\n")
        r = subprocess.run([KIOSK, "--config", cfg, "--data-dir", self.data, "status"], capture_output=True, text=True)
        self.assertEqual(r.returncode, 1)
        self.assertIn("config.toml:4: [sync] batch_size", r.stderr)
        with open(cfg, "w") as f:
            f.write("[kiosk]\nid = \"branch-1\"\nbranch = \"Centrale\"\n")
        r = subprocess.run([KIOSK, "--config", cfg, "--data-dir", self.data, "status", "--json"], capture_output=True,
                           text=True)
        self.assertEqual(json.loads(r.stdout)["kiosk_id"], "branch-1")


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    ran = result.testsRun
    failed = len(result.failures) + len(result.errors)
    print(f"{ran - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)
