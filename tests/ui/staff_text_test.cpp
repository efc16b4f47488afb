// The staff text catalogue: every English text and message has a Dutch one with the same
// placeholders; look-ups follow the staff language; numbers are written the Dutch way; and every
// message the layers below can put on a staff screen (the validator on every broken test file, the
// settings checks, the PIN and schedule rules) comes out in Dutch.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>

#include "core/config.h"
#include "core/questionnaire_json.h"
#include "core/schedule.h"
#include "store/staff_access.h"
#include "ui/staff/staff_text.h"

namespace ik {
namespace {

// The placeholders a text uses, e.g. {"{0}", "{1}"}.
std::multiset<std::string> Placeholders(std::string_view text) {
    std::multiset<std::string> found;
    for (std::size_t i = 0; i + 2 < text.size(); ++i)
        if (text[i] == '{' && text[i + 1] >= '0' && text[i + 1] <= '9' && text[i + 2] == '}')
            found.insert(std::string(text.substr(i, 3)));
    return found;
}

// Texts that are rightly the same in both languages.
const std::set<std::string_view> kSameInDutch = {"OK", "week {0}, {1}"};

// Restores Dutch (the default) after each test.
class StaffTextTest : public ::testing::Test {
protected:
    void TearDown() override { SetStaffLanguage(StaffLanguage::Dutch); }
};

void ExpectComplete(const StaffPhrase* begin, const StaffPhrase* end, const char* table) {
    std::set<std::string_view> english;
    for (const StaffPhrase* p = begin; p != end; ++p) {
        EXPECT_FALSE(p->en.empty()) << table;
        EXPECT_FALSE(p->nl.empty()) << table << ": no Dutch for \"" << p->en << "\"";
        EXPECT_TRUE(english.insert(p->en).second) << table << ": \"" << p->en << "\" twice";
        EXPECT_EQ(Placeholders(p->en), Placeholders(p->nl))
            << table << ": the Dutch of \"" << p->en << "\" has other placeholders: \"" << p->nl << "\"";
        if (!kSameInDutch.count(p->en)) {
            EXPECT_NE(p->en, p->nl) << table << ": not translated: \"" << p->en << "\"";
        }
    }
}

TEST_F(StaffTextTest, EveryEnglishTextHasADutchOneWithTheSamePlaceholders) {
    ExpectComplete(std::begin(kStaffTexts), std::end(kStaffTexts), "kStaffTexts");
    ExpectComplete(std::begin(kStaffMessages), std::end(kStaffMessages), "kStaffMessages");
}

TEST_F(StaffTextTest, EveryMessagePatternHasWordsToMatchOn) {
    // A pattern of placeholders only would match any message.
    for (const StaffPhrase& p : kStaffMessages) {
        std::string words(p.en);
        for (const std::string& placeholder : Placeholders(p.en))
            words.erase(words.find(placeholder), placeholder.size());
        EXPECT_GE(words.size(), 4u) << "\"" << p.en << "\"";
    }
}

TEST_F(StaffTextTest, TextsFollowTheStaffLanguage) {
    SetStaffLanguage(StaffLanguage::English);
    EXPECT_STREQ(StaffText("Results"), "Results");
    EXPECT_EQ(StaffText("{0} (version {1})", "leesclub", 3), "leesclub (version 3)");
    EXPECT_EQ(StaffCount(1, "{0} try", "{0} tries"), "1 try");
    EXPECT_EQ(StaffCount(4, "{0} try", "{0} tries"), "4 tries");
    EXPECT_EQ(StaffThousands(1234567), "1,234,567");
    EXPECT_EQ(StaffDecimal(7.45, 1), "7.5");
    EXPECT_EQ(StaffMessage("must not be empty"), "must not be empty");

    SetStaffLanguage(StaffLanguage::Dutch);
    EXPECT_STREQ(StaffText("Results"), "Resultaten");
    EXPECT_EQ(StaffText("{0} (version {1})", "leesclub", 3), "leesclub (versie 3)");
    EXPECT_EQ(StaffCount(1, "{0} try", "{0} tries"), "1 poging");
    EXPECT_EQ(StaffCount(1234, "{0} response", "{0} responses"), "1.234 reacties");
    EXPECT_EQ(StaffThousands(-1234), "-1.234");
    EXPECT_EQ(StaffDecimal(1.25, 1, true), "+1,2");
    EXPECT_STREQ(StaffTextIn(StaffLanguage::English, "Results"), "Results");
}

TEST_F(StaffTextTest, MessagesFromBelowAreTranslatedByPattern) {
    SetStaffLanguage(StaffLanguage::Dutch);
    EXPECT_EQ(StaffMessage("must be a number between 10 and 3600"), "moet een getal tussen 10 en 3600 zijn");
    // A placeholder that holds a message (or a JSON type) is translated too.
    EXPECT_EQ(StaffMessage("expected a string, got number"), "verwacht een tekst, gevonden: getal");
    EXPECT_EQ(StaffMessage("the network answered, but not the monitor: the reply is not a receipt: x"),
              "het netwerk antwoordde, maar niet de monitor: het antwoord is geen ontvangstbewijs: x");
    // The longest pattern wins; each line on its own; unknown text stays as it is.
    EXPECT_EQ(StaffMessage("must be between 1 and 10, got 12"), "moet tussen 1 en 10 liggen, gevonden: 12");
    EXPECT_EQ(StaffMessage("duplicate code \"a\"\nsomething else"),
              "code \"a\" komt twee keer voor\nsomething else");
    EXPECT_EQ(StaffMessage("SQLITE_BUSY: database is locked"), "SQLITE_BUSY: database is locked");
    EXPECT_EQ(StaffMessage(""), "");
}

// Every problem the validator finds in the broken test files, and the warnings file, in Dutch.
TEST_F(StaffTextTest, EveryValidatorMessageOfTheBrokenFilesIsInDutch) {
    SetStaffLanguage(StaffLanguage::Dutch);
    std::vector<std::filesystem::path> files;
    for (const auto& entry :
         std::filesystem::directory_iterator(std::filesystem::path(IK_TEST_DATA) / "broken"))
        files.push_back(entry.path());
    files.push_back(std::filesystem::path(IK_TEST_DATA) / "warnings_only.json");
    // And problems no file has: wrong types, conditions, indicators.
    const char* const kTexts[] = {
        R"({"id": "x", "version": "1", "languages": ["nl", "nl", "EN"], "title": {"nl": 3}, "questions": []})",
        R"({"id": "x", "languages": ["nl"], "title": {"nl": "T"}, "questions": [
            {"id": "a", "type": "yes_no", "label": {"nl": "A"}, "required": "yes", "extra": 1},
            {"id": "b", "type": "scale", "label": {"nl": "B"}, "min": 3, "show_if": {"question": "a"}},
            {"id": "c", "type": "number", "label": {"nl": "C"}, "number_min": 5, "number_max": 1,
             "show_if": {"question": "a", "at_least": 3}},
            {"id": "d", "type": "single_choice", "label": {"nl": "D"}, "options": [{"code": "a b", "label": {"nl": "x"}}],
             "show_if": {"all": []}},
            {"id": "e", "type": "likert", "label": {"nl": "E"}, "show_if": {"question": "e", "equals": "x"}},
            {"id": "f", "type": "then_now", "label": {"nl": "F"}, "show_if": {"question": "a", "equals": 3}}],
          "outcomes": [{"id": "o", "label": {"nl": "O"}, "indicators": [
            {"type": "share_yes", "question": "b"}, {"type": "best", "question": "zz"},
            {"type": "top2_share", "question": "e", "target": 150}]}]})",
    };
    std::vector<ValidationProblem> problems;
    for (const std::filesystem::path& file : files)
        for (ValidationProblem& p : LoadQuestionnaireFile(file).problems)
            problems.push_back(std::move(p));
    for (const char* text : kTexts)
        for (ValidationProblem& p : ParseQuestionnaire(text).problems)
            problems.push_back(std::move(p));
    ASSERT_GT(problems.size(), 40u);
    for (const ValidationProblem& p : problems)
        EXPECT_NE(StaffMessage(p.message), p.message) << p.path << ": " << p.message;
}

TEST_F(StaffTextTest, SettingsPinAndScheduleRulesAreInDutch) {
    SetStaffLanguage(StaffLanguage::Dutch);
    KioskConfig config;
    config.kioskId = "kiosk 1";
    config.syncEndpoint = "ftp://monitor";
    config.caFile = "/nonexistent/ca.pem";
    config.idleTimeoutSeconds = 1;
    config.languages = {"NL"};
    std::vector<ConfigProblem> problems = CheckConfig(config);
    config.kioskId.clear();
    for (ConfigProblem& p : CheckConfig(config))
        problems.push_back(std::move(p));
    ASSERT_GE(problems.size(), 6u);
    for (const ConfigProblem& p : problems)
        EXPECT_NE(StaffMessage(p.message), p.message) << p.key << ": " << p.message;
    for (const char* pin : {"12", "12a4"})
        EXPECT_NE(StaffMessage(PinProblem(pin)), PinProblem(pin)) << PinProblem(pin);
    for (auto change : {+[](Schedule& s) { s.fromDate = "x"; }, +[](Schedule& s) { s.toDate = "x"; },
                        +[](Schedule& s) {
                            s.fromDate = "2026-02-01";
                            s.toDate = "2026-01-01";
                        },
                        +[](Schedule& s) { s.openMinute = 600; },
                        +[](Schedule& s) {
                            s.openMinute = 600;
                            s.closeMinute = 500;
                        },
                        +[](Schedule& s) { s.weekdays = 0; }}) {
        Schedule s;
        change(s);
        const std::string problem = ScheduleProblem(s);
        ASSERT_FALSE(problem.empty());
        EXPECT_NE(StaffMessage(problem), problem) << problem;
    }
}

} // namespace
} // namespace ik
