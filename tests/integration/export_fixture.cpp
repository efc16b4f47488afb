// Writes the kiosk database that tests/integration/export_test.py exports: two versions of a
// questionnaire with every answer type, visitors' hostile free text (formula starts, quotes,
// semicolons, line breaks, Arabic, Cyrillic), and start times around midnight and both 2026 DST
// changes in the Netherlands. Written through the kiosk's own ResponseStore, with its clock replaced.
// Usage: export_fixture DATA_DIR
#include <cstdio>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/questionnaire_json.h"
#include "store/questionnaire_store.h"
#include "store/response_store.h"

namespace {

using nlohmann::json;

const char* kVersion1 = R"({
  "id": "export_test", "version": 1, "languages": ["nl", "en"],
  "title": {"nl": "Exporttest", "en": "Export test"},
  "questions": [
    {"id": "conf", "type": "likert", "dont_know": true, "label": {"nl": "Ik ben zeker", "en": "I am confident"}},
    {"id": "grade", "type": "scale", "min": 1, "max": 10, "label": {"nl": "Cijfer", "en": "Grade"}},
    {"id": "rec", "type": "yes_no", "label": {"nl": "Aanraden?", "en": "Recommend?"}},
    {"id": "used", "type": "multi_choice", "label": {"nl": "Gebruikt", "en": "Used"},
     "options": [{"code": "pc", "label": {"nl": "Computer", "en": "Computer"}},
                 {"code": "wifi", "label": {"nl": "Wifi; snel", "en": "Wi-Fi, fast"}},
                 {"code": "print", "label": {"nl": "Printer", "en": "Printer"}}]},
    {"id": "skill", "type": "then_now", "label": {"nl": "Mailen", "en": "Email"}},
    {"id": "books", "type": "number", "number_min": 0, "number_max": 100, "label": {"nl": "Boeken", "en": "Books"}},
    {"id": "remark", "type": "text", "max_length": 200, "label": {"nl": "Opmerking", "en": "Remark"}}
  ],
  "outcomes": [
    {"id": "confidence", "label": {"nl": "Zekerder", "en": "More confident"},
     "indicators": [{"type": "top2_share", "question": "conf", "target": 70}]},
    {"id": "satisfaction", "label": {"nl": "Tevreden", "en": "Satisfied"},
     "indicators": [{"type": "mean", "question": "grade", "target": 7}, {"type": "share_yes", "question": "rec"}]}
  ]})";

const char* const kHostile[] = {
    "=HYPERLINK(\"http://example.invalid\",\"klik\")",
    "+31 6 12345678",
    "-2+3",
    "@SUM(A1:A9)",
    "Ze zei: \"heel fijn\"; echt waar",
    "eerste regel\ntweede regel",
    "\xd8\xb4\xd9\x83\xd8\xb1\xd8\xa7 \xd8\xac\xd8\xb2\xd9\x8a\xd9\x84\xd8\xa7",                 // Arabic
    "\xd0\x94\xd1\x83\xd0\xb6\xd0\xb5 \xd0\xba\xd0\xbe\xd1\x80\xd0\xb8\xd1\x81\xd0\xbd\xd0\xbe", // Cyrillic
    "\ttabbed start",
    "a,b;c\r\nd",
    "=1+1",
    "Goede cursus!",
};

struct Planned {
    const char* startedAtUtc;
    int offsetMinutes;
};

// Around the 2026 changes in Europe/Amsterdam: summer time starts 29 March 01:00 UTC, ends 25 October
// 01:00 UTC. Local dates are in the comments.
const Planned kTimes[] = {
    {"2026-03-28T22:30:00.000Z", 60},  // 28 March 23:30
    {"2026-03-28T23:30:00.000Z", 60},  // 29 March 00:30 (after local midnight, UTC still the 28th)
    {"2026-03-29T00:59:00.000Z", 60},  // 29 March 01:59, just before the change
    {"2026-03-29T01:30:00.000Z", 120}, // 29 March 03:30, summer time
    {"2026-03-29T21:59:00.000Z", 120}, // 29 March 23:59
    {"2026-03-29T22:30:00.000Z", 120}, // 30 March 00:30 (UTC still the 29th)
    {"2026-10-24T22:30:00.000Z", 120}, // 25 October 00:30
    {"2026-10-25T00:30:00.000Z", 120}, // 25 October 02:30 summer time
    {"2026-10-25T01:30:00.000Z", 60},  // 25 October 02:30 again, winter time
    {"2026-10-25T22:59:00.000Z", 60},  // 25 October 23:59
    {"2026-10-25T23:00:00.000Z", 60},  // 26 October 00:00
    {"2026-11-18T10:00:00.000Z", 60},  // 18 November 11:00
};

int Fail(const std::string& what) {
    std::fprintf(stderr, "export_fixture: %s\n", what.c_str());
    return 1;
}

} // namespace

int main(int argc, char** argv) {
    using namespace ik;
    if (argc != 2) return Fail("usage: export_fixture DATA_DIR");
    Result<std::unique_ptr<Database>> db = Database::Open(std::filesystem::path(argv[1]) / "impactkiosk.db");
    if (!db) return Fail(db.error());

    ParsedQuestionnaire v1 = ParseQuestionnaire(kVersion1);
    if (!v1.questionnaire) return Fail("version 1 does not parse");
    Questionnaire v2 = *v1.questionnaire;
    v2.version = 2;
    v2.questions[0].label["en"] = "I feel confident"; // a changed wording makes a new version
    Question extra;
    extra.id = "extra";
    extra.type = QuestionType::YesNo;
    extra.label = {{"nl", "Nieuw"}, {"en", "New"}};
    extra.options = v2.questions[2].options;
    v2.questions.insert(v2.questions.begin() + 1, extra);
    QuestionnaireStore questionnaires(**db);
    for (const Questionnaire* q : {&*v1.questionnaire, &v2})
        if (Result<int> stored = questionnaires.Import(*q); !stored || *stored != q->version)
            return Fail("importing version " + std::to_string(q->version));

    WallClock::time_point now{};
    int offset = 0;
    StoreClock clock;
    clock.now = [&now] { return now; };
    clock.utcOffsetMinutes = [&offset](WallClock::time_point) { return offset; };
    ResponseStore store(**db, clock);

    const char* codes[] = {"5", "4", "dk", "2", "4", "5", "3", "1", "4", "dk", "5", "4"};
    const std::size_t count = sizeof kTimes / sizeof kTimes[0];
    for (std::size_t i = 0; i < count; ++i) {
        now = *ParseUtcIso(kTimes[i].startedAtUtc);
        offset = kTimes[i].offsetMinutes;
        const int version = i % 3 == 2 ? 2 : 1;
        Result<std::string> id = store.BeginResponse({"export_test", version, i % 4 == 3 ? "en" : "nl"});
        if (!id) return Fail(id.error());
        std::vector<std::pair<std::string, json>> answers = {
            {"conf", codes[i]},
            {"grade", static_cast<int>(1 + (i * 7) % 10)},
            {"rec", i % 5 == 1 ? "no" : "yes"},
            {"used", i % 2 ? json{"pc", "wifi"} : json{"print"}},
            {"skill", {{"then", 1 + static_cast<int>(i % 3)}, {"now", 2 + static_cast<int>(i % 4)}}},
            {"books", i % 2 ? json(2.5) : json(static_cast<int>(i))},
            {"remark", kHostile[i % (sizeof kHostile / sizeof kHostile[0])]},
        };
        if (version == 2) answers.push_back({"extra", "no"});
        for (const auto& [question, value] : answers)
            if (Status s = store.SaveAnswer(*id, question, value); !s) return Fail(s.error());
        const bool abandoned = i == 4;
        if (Status s = store.FinishResponse(
                *id, abandoned ? ResponseStatus::Abandoned : ResponseStatus::Completed,
                i == 6 ? std::vector<std::string>{"fast", "burst"} : std::vector<std::string>{}, {});
            !s)
            return Fail(s.error());
    }
    std::printf("wrote %zu responses\n", count);
    return 0;
}
