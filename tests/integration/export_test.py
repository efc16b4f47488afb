#!/usr/bin/env python3
# CSV, XLSX and JSON exports as a branch manager gets them from `impactkiosk export`, read back with
# real parsers (Python's csv module, openpyxl from Debian's python3-openpyxl): the same rows in all
# three, visitors' hostile text never a formula, labels, the long format, both delimiters, and
# --from/--to by local date across midnight and both DST changes. The data comes from export_fixture
# (the kiosk's own store code).
import csv
import io
import json
import os
import subprocess
import sys
import tempfile
import unittest

KIOSK = os.environ.get("IK_KIOSK", "impactkiosk")
FIXTURE = os.environ.get("IK_EXPORT_FIXTURE", "export_fixture")

FIXED = ["id", "seq", "questionnaire_id", "questionnaire_version", "status", "language", "started_at",
         "finished_at", "utc_offset_minutes", "started_local", "flags"]
QUESTIONS = ["conf", "extra", "grade", "rec", "used", "skill_then", "skill_now", "books", "remark"]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def run(*args, data_dir):
    env = dict(os.environ, HOME=tempfile.gettempdir(),
               XDG_CONFIG_HOME=os.path.join(tempfile.gettempdir(), "ik-no-config"))
    return subprocess.run([KIOSK, "--data-dir", data_dir, *args], capture_output=True, text=True, timeout=120,
                          env=env)


def expected_cells(response, decimal=".", labels=None):
    """The wide row the CSV should hold for a JSON response, before CSV quoting."""
    a = response["answers"]

    def number(v):
        text = json.dumps(v)
        return text.replace(".", decimal)

    def text(v):
        return "'" + v if v.startswith(FORMULA_STARTS) else v

    def code(question, c):
        return labels.get((question, c), c) if labels else c

    row = [response["id"], str(response["seq"]), response["questionnaire"]["id"],
           str(response["questionnaire"]["version"]), response["status"], response["language"],
           response["started_at"], response["finished_at"] or "", str(response["utc_offset_minutes"]),
           None, " ".join(response["flags"])]
    row += [code("conf", a["conf"]) if "conf" in a else "",
            code("extra", a["extra"]) if "extra" in a else "",
            number(a["grade"]) if "grade" in a else "",
            code("rec", a["rec"]) if "rec" in a else "",
            "|".join(code("used", c) for c in a["used"]) if "used" in a else "",
            number(a["skill"]["then"]) if "skill" in a else "",
            number(a["skill"]["now"]) if "skill" in a else "",
            number(a["books"]) if "books" in a else "",
            text(a["remark"]) if "remark" in a else ""]
    return row


class Exports(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.data = os.path.join(cls.tmp.name, "data")
        r = subprocess.run([FIXTURE, cls.data], capture_output=True, text=True, timeout=60)
        assert r.returncode == 0, r.stderr
        out = os.path.join(cls.tmp.name, "all.json")
        r = run("export", "--format", "json", "--out", out, data_dir=cls.data)
        assert r.returncode == 0, r.stderr
        with open(out, encoding="utf-8") as f:
            cls.responses = json.load(f)
        assert len(cls.responses) == 12, len(cls.responses)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def export(self, fmt, *args):
        out = os.path.join(self.tmp.name, f"out.{fmt}")
        if os.path.exists(out):
            os.remove(out)
        r = run("export", "--format", fmt, "--out", out, *args, data_dir=self.data)
        self.assertEqual(r.returncode, 0, r.stderr)
        return out

    def read_csv(self, path, delimiter):
        with open(path, "rb") as f:
            raw = f.read()
        self.assertTrue(raw.startswith(b"\xef\xbb\xbf"), "no UTF-8 BOM")
        self.assertIn(b"\r\n", raw)
        text = raw[3:].decode("utf-8")  # strict: invalid UTF-8 fails here
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))

    def test_csv_semicolon_matches_json_row_for_row(self):
        rows = self.read_csv(self.export("csv"), ";")
        self.assertEqual(rows[0], FIXED + QUESTIONS)
        self.assertEqual(len(rows) - 1, len(self.responses))
        for row, response in zip(rows[1:], self.responses):
            want = expected_cells(response, decimal=",")
            want[9] = row[9]  # started_local: checked in test_local_time_column
            self.assertEqual(row, want)

    def test_csv_comma_option_and_decimal_point(self):
        rows = self.read_csv(self.export("csv", "--delimiter", ","), ",")
        self.assertEqual(rows[0], FIXED + QUESTIONS)
        for row, response in zip(rows[1:], self.responses):
            want = expected_cells(response, decimal=".")
            want[9] = row[9]
            self.assertEqual(row, want)
        self.assertIn("2.5", [row[FIXED.index("flags") + 1 + QUESTIONS.index("books")] for row in rows[1:]])

    def test_no_visitor_text_can_run_as_a_formula(self):
        for delimiter, args in ((";", []), (",", ["--delimiter", ","]), (";", ["--long"])):
            rows = self.read_csv(self.export("csv", *args), delimiter)
            remarks = 0
            for row in rows[1:]:
                for cell in row:
                    if cell.startswith(FORMULA_STARTS):
                        # only our own numbers may start with '-', and the fixture has none
                        self.fail(f"{args}: cell {cell!r} would run as a formula")
                remarks += any(cell.startswith("'=HYPERLINK") for cell in row)
            self.assertGreater(remarks, 0, args)
        # The hostile texts arrive intact: quotes, separators, line breaks, Arabic and Cyrillic.
        rows = self.read_csv(self.export("csv"), ";")
        remark = FIXED.index("flags") + 1 + QUESTIONS.index("remark")
        texts = {row[remark] for row in rows[1:]}
        for expected in ("'=HYPERLINK(\"http://example.invalid\",\"klik\")", "'+31 6 12345678", "'-2+3",
                         "'@SUM(A1:A9)", "Ze zei: \"heel fijn\"; echt waar", "eerste regel\ntweede regel",
                         "شكرا جزيلا", "Дуже корисно", "'\ttabbed start", "a,b;c\r\nd", "'=1+1"):
            self.assertIn(expected, texts)

    def test_labels_in_a_chosen_language(self):
        rows = self.read_csv(self.export("csv", "--labels", "en"), ";")
        conf = len(FIXED) + QUESTIONS.index("conf")
        used = len(FIXED) + QUESTIONS.index("used")
        self.assertIn("Strongly agree", {row[conf] for row in rows[1:]})
        self.assertIn("Don't know", {row[conf] for row in rows[1:]})
        self.assertIn("Computer|Wi-Fi, fast", {row[used] for row in rows[1:]})
        rows = self.read_csv(self.export("csv", "--labels", "nl"), ";")
        self.assertIn("Computer|Wifi; snel", {row[used] for row in rows[1:]})
        self.assertIn("Helemaal mee eens", {row[conf] for row in rows[1:]})

    def test_long_format_has_a_row_per_answer(self):
        rows = self.read_csv(self.export("csv", "--long"), ";")
        self.assertEqual(rows[0], ["response_id"] + FIXED[1:] + ["question_id", "part", "value"])
        expected = 0
        for response in self.responses:
            for question, value in response["answers"].items():
                expected += len(value) if isinstance(value, list) else 2 if isinstance(value, dict) else 1
        self.assertEqual(len(rows) - 1, expected)
        first = self.responses[0]
        mine = [row for row in rows[1:] if row[0] == first["id"]]
        self.assertEqual([r[-3:] for r in mine if r[-3] == "skill"],
                         [["skill", "then", str(first["answers"]["skill"]["then"])],
                          ["skill", "now", str(first["answers"]["skill"]["now"])]])
        self.assertEqual([r[-1] for r in mine if r[-3] == "used"], first["answers"]["used"])

    def test_local_time_column(self):
        rows = self.read_csv(self.export("csv"), ";")
        local = {row[0]: row[9] for row in rows[1:]}
        by_start = {r["started_at"]: local[r["id"]] for r in self.responses}
        self.assertEqual(by_start["2026-03-28T23:30:00.000Z"], "2026-03-29 00:30:00")
        self.assertEqual(by_start["2026-03-29T01:30:00.000Z"], "2026-03-29 03:30:00")
        self.assertEqual(by_start["2026-10-25T00:30:00.000Z"], "2026-10-25 02:30:00")
        self.assertEqual(by_start["2026-10-25T01:30:00.000Z"], "2026-10-25 02:30:00")

    def test_date_filters_use_the_local_date_across_midnight_and_dst(self):
        def exported(*args):
            rows = self.read_csv(self.export("csv", *args), ";")
            return sorted(row[FIXED.index("started_at")] for row in rows[1:])

        # 29 March: from local midnight (23:30 UTC the day before) through the spring change to 23:59.
        self.assertEqual(exported("--from", "2026-03-29", "--to", "2026-03-29"),
                         ["2026-03-28T23:30:00.000Z", "2026-03-29T00:59:00.000Z", "2026-03-29T01:30:00.000Z",
                          "2026-03-29T21:59:00.000Z"])
        self.assertEqual(exported("--from", "2026-03-30", "--to", "2026-03-30"), ["2026-03-29T22:30:00.000Z"])
        self.assertEqual(exported("--to", "2026-03-28"), ["2026-03-28T22:30:00.000Z"])
        # 25 October has 25 hours: 02:30 happens twice, both belong to that day.
        self.assertEqual(exported("--from", "2026-10-25", "--to", "2026-10-25"),
                         ["2026-10-24T22:30:00.000Z", "2026-10-25T00:30:00.000Z", "2026-10-25T01:30:00.000Z",
                          "2026-10-25T22:59:00.000Z"])
        self.assertEqual(exported("--from", "2026-10-26"), ["2026-10-25T23:00:00.000Z", "2026-11-18T10:00:00.000Z"])
        # The XLSX export filters the same way.
        import openpyxl
        wb = openpyxl.load_workbook(self.export("xlsx", "--from", "2026-10-25", "--to", "2026-10-25"))
        self.assertEqual(wb["Responses"].max_row - 1, 4)

    def test_versions_are_exported_together(self):
        rows = self.read_csv(self.export("csv", "--questionnaire", "export_test"), ";")
        versions = {row[3] for row in rows[1:]}
        self.assertEqual(versions, {"1", "2"})
        extra = len(FIXED) + QUESTIONS.index("extra")
        self.assertEqual({row[extra] for row in rows[1:] if row[3] == "1"}, {""})
        self.assertEqual({row[extra] for row in rows[1:] if row[3] == "2"}, {"no"})

    def test_xlsx_matches_csv_and_holds_no_formula(self):
        import openpyxl
        rows = self.read_csv(self.export("csv", "--delimiter", ","), ",")
        wb = openpyxl.load_workbook(self.export("xlsx"))
        self.assertEqual(wb.sheetnames, ["Responses", "Summary", "Indicators", "Questionnaire"])
        for ws in wb:
            for row in ws.iter_rows():
                for cell in row:
                    self.assertNotEqual(cell.data_type, "f", f"{ws.title}!{cell.coordinate} is a formula")
        sheet = list(wb["Responses"].iter_rows(values_only=True))
        self.assertEqual(list(sheet[0]), rows[0])
        self.assertEqual(len(sheet), len(rows))
        for xrow, crow in zip(sheet[1:], rows[1:]):
            for name, x, c in zip(rows[0], xrow, crow):
                if x is None:
                    self.assertEqual(c, "", name)
                elif name == "started_local":
                    self.assertEqual(x.strftime("%Y-%m-%d %H:%M:%S"), c)
                elif isinstance(x, (int, float)):
                    self.assertEqual(float(c), float(x), name)  # a number in Excel, not text
                else:
                    # The intended differences: an XLSX text cell needs no ' in front, and a line break
                    # in it is LF (a CR would become _x000D_ for readers other than Excel).
                    c = c.replace("\r\n", "\n").replace("\r", "\n")
                    self.assertEqual(("'" + x) if x.startswith(FORMULA_STARTS) else x, c, name)
        remarks = {r[len(FIXED) + QUESTIONS.index("remark")] for r in sheet[1:]}
        self.assertIn("=HYPERLINK(\"http://example.invalid\",\"klik\")", remarks)
        self.assertIn("eerste regel\ntweede regel", remarks)

    def test_xlsx_summary_and_indicators_match_a_hand_count(self):
        import openpyxl
        wb = openpyxl.load_workbook(self.export("xlsx"))
        # top-2-box of conf from the JSON: codes 4 and 5 among all but "dk".
        codes = [r["answers"]["conf"] for r in self.responses]
        counted = [c for c in codes if c != "dk"]
        top2 = 100.0 * sum(c in ("4", "5") for c in counted) / len(counted)
        indicators = list(wb["Indicators"].iter_rows(values_only=True))
        header = indicators[0]
        rows = [dict(zip(header, r)) for r in indicators[1:]]
        overall = [r for r in rows if r["indicator"] == "top2_share" and r["period"] == "all"]
        self.assertEqual(len(overall), 1)
        self.assertEqual(overall[0]["n"], len(counted))
        self.assertAlmostEqual(overall[0]["value"], top2)
        self.assertEqual(overall[0]["target"], 70)
        self.assertEqual(overall[0]["target_met"], "yes" if top2 >= 70 else "no")
        self.assertLess(overall[0]["low_95"], top2)
        self.assertGreater(overall[0]["high_95"], top2)
        # Periods with fewer than 5 responses are suppressed: a value is never shown for them.
        monthly = [r for r in rows if r["indicator"] == "top2_share" and r["period"] == "2026-11"]
        self.assertEqual(monthly[0]["n"], 1)
        self.assertIsNone(monthly[0]["value"])
        self.assertIn("suppressed", monthly[0]["note"])
        summary = [dict(zip(header_s, r)) for header_s in [next(wb["Summary"].iter_rows(values_only=True))]
                   for r in list(wb["Summary"].iter_rows(values_only=True))[1:]]
        total = [r for r in summary if r["measure"] == "responses"]
        self.assertEqual(total[0]["value"], 12)
        dk = [r for r in summary if r["question_id"] == "conf" and r["measure"] == "distribution_pct"
              and r["option"] == "dk"]
        self.assertEqual(dk[0]["count"], codes.count("dk"))
        versions = {(r[0], r[1]) for r in list(wb["Questionnaire"].iter_rows(values_only=True))[1:]}
        self.assertEqual(versions, {("export_test", 1), ("export_test", 2)})

    def test_usage_errors(self):
        for args in (["--delimiter", "|"], ["--format", "json", "--long"]):
            full = ["export", "--out", os.path.join(self.tmp.name, "x")] + (
                args if "--format" in args else ["--format", "csv"] + args)
            r = run(*full, data_dir=self.data)
            self.assertEqual(r.returncode, 2, f"{args}: {r.stderr}")


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    ran = result.testsRun
    failed = len(result.failures) + len(result.errors)
    print(f"{ran - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)
