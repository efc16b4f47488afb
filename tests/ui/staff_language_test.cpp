// No English left on a Dutch staff screen: the same walk through every staff screen (choosing and
// entering the PIN, its checking and wrong-PIN states, home, questionnaires, import with a broken
// file, the editor with every question type, its problems and the on-screen keyboard, settings with
// bad values, schedule, results with figures and an export, the preview, the lock) is made once
// with [staff] language = "en" and once with "nl". Each stop's page is read whole (scrolled from top
// to bottom) from the automation dump, and every element whose label is the same in both languages
// and still has words in it fails the test, unless those words are what is rightly the same: the
// questionnaires' own texts, ids and codes, names of languages, the kiosk's name and paths, and
// "OK", "CSV", "XLSX", "JSON".
#include <algorithm>
#include <atomic>
#include <fstream>
#include <map>
#include <regex>

#include "core/questionnaire_edit.h"
#include "core/ui_strings.h"
#include "headless_kiosk.h"
#include "store/staff_access.h"

namespace ik {
namespace {

// stop -> element id -> element (its label and role)
using Walked = std::map<std::string, std::map<std::string, DumpElement>>;

class StaffWalk {
public:
    StaffWalk(StaffLanguage language, const std::filesystem::path& dir) {
        // The PIN's worker waits while `m_holdPin` is set, so the walk sees the "checking" state.
        HeadlessKiosk::adjustStaffServices = [this](StaffServices& services) {
            services.beforePinHash = [this] {
                m_pinHeld = true;
                test::WaitUntil([this] { return !m_holdPin.load(); });
                m_pinHeld = false;
            };
        };
        KioskAppOptions options;
        options.staff.idleLogout = 3600;
        m_kiosk = std::make_unique<HeadlessKiosk>(Sample(), 1280, 800, options, 0.0f, true, dir, language);
        HeadlessKiosk::adjustStaffServices = nullptr;
    }

    Walked Run() {
        HeadlessKiosk& k = *m_kiosk;
        AddKnownResponses(k.Db());
        const std::filesystem::path stick = k.Dir() / "media" / "STICK";
        std::filesystem::create_directories(stick);

        // Getting in: choosing a PIN (refused, different, then saving on the worker).
        k.Hold("staff_corner", 3.2);
        Read("set_pin");
        k.EnterPin("12");
        Read("set_pin_refused");
        k.EnterPin("1357");
        Read("set_pin_again");
        k.EnterPin("1358");
        Read("set_pin_different");
        k.EnterPin("1357");
        ReadWhileThePinIsHashed("1357", "set_pin_saving");
        Read("home");

        // The questionnaire list, the import screen without and with files.
        k.Tap("questionnaires");
        Read("questionnaires");
        k.Tap("import");
        Read("import_empty");
        std::filesystem::copy_file(std::filesystem::path(IK_TEST_DATA) / "all_types.json",
                                   stick / "all_types.json");
        std::ofstream(stick / "broken.json") << R"({"id": "Bad", "languages": ["nl"], "questions": [3]})";
        k.Tap("rescan");
        k.Tap("file:" + (stick / "broken.json").string());
        Read("import_broken");
        k.Tap("file:" + (stick / "all_types.json").string());
        Read("questionnaires_imported");
        k.ScrollAndTap("export:all_types:1");
        Read("questionnaires_exported");

        // The editor: a new questionnaire with a question of every type, a third language, the
        // keyboard with the validator's message over it, and the problems list.
        k.Tap("new");
        Read("editor");
        k.ScrollAndTap("lang:uk");
        Read("editor_three_languages");
        int questions = 2;
        for (const char* type :
             {"text", "single_choice", "multi_choice", "number", "scale", "then_now", "smiley", "info"}) {
            k.ScrollAndTap("add_question");
            Read("editor_add_question");
            k.ScrollAndTap(std::string("add:") + type);
            ++questions;
            Read(std::string("editor_question_") + type);
        }
        k.ScrollAndTap("q_id");
        for (int i = 0; i < 40; ++i)
            k.Tap("key:back", 0.02);
        Read("editor_keyboard");
        k.Tap("key:done");
        Read("editor_problems");
        k.ScrollAndTap("cancel");

        // An older version's editor (not new: id and version shown), then preview.
        k.ScrollAndTap("edit:digital_skills_confidence:1");
        Read("editor_existing");
        k.ScrollAndTap("cancel");
        k.ScrollAndTap("preview:digital_skills_confidence:1");
        Read("preview", {"preview_exit"});
        k.Tap("preview_exit");

        // Schedule, with a time it refuses.
        k.ScrollAndTap("schedule:digital_skills_confidence:1");
        Read("schedule");
        k.ScrollAndTap("open");
        k.TypeOnKeyboard("25:00");
        k.Tap("key:done");
        k.ScrollAndTap("save");
        Read("schedule_refused");
        k.Tap("back");
        k.Tap("back");

        // Settings: free text on, bad values refused with the reasons.
        k.Tap("settings");
        k.ScrollAndTap("privacy.free_text");
        Read("settings");
        k.ScrollAndTap("sync.endpoint");
        k.TypeOnKeyboard("ftp://monitor");
        k.Tap("key:done");
        k.ScrollAndTap("kiosk.id");
        k.TypeOnKeyboard(" x");
        k.Tap("key:done");
        k.ScrollAndTap("visitor.thanks_seconds");
        k.TypeOnKeyboard("x");
        k.Tap("key:done");
        k.ScrollAndTap("save");
        Read("settings_refused");
        k.Tap("back");

        // Results: figures of the last 12 months, the last 4 weeks, the custom dates, an export.
        k.Tap("results");
        WaitForFigures();
        Read("results");
        k.ScrollAndTap("period:4_weeks");
        WaitForFigures();
        Read("results_4_weeks");
        k.ScrollAndTap("period:custom");
        k.ScrollAndTap("period_from");
        k.TypeOnKeyboard("2026-13-01");
        k.Tap("key:done");
        k.ScrollAndTap("period_apply");
        Read("results_custom_refused");
        k.ScrollAndTap("export:csv");
        EXPECT_TRUE(test::WaitUntil([&] {
            k.Frame(false);
            const DumpElement* notice = k.Find("export_notice");
            return notice && notice->label.find("\u2026") == std::string::npos;
        }));
        Read("results_exported");
        k.Tap("back");

        // Signed out; in again, the check on the worker; then wrong PINs and the lock.
        k.Tap("visitors");
        k.Hold("staff_corner", 3.2);
        Read("pin");
        ReadWhileThePinIsHashed("1357", "pin_checking");
        k.Tap("visitors");
        k.Hold("staff_corner", 3.2);
        k.EnterPin("0000");
        Read("pin_wrong");
        for (int i = 0; i < 4; ++i)
            k.EnterPin("0000");
        Read("locked");
        return m_walked;
    }

    // Everything the walk met that may rightly read the same in English and Dutch.
    std::vector<std::string> SameInBothLanguages() const {
        std::vector<std::string> same = {"OK",
                                         "CSV",
                                         "XLSX",
                                         "JSON",
                                         "GB",
                                         "MB",
                                         "n =",
                                         "test-kiosk",
                                         "test-branch",
                                         "0.0.0",
                                         "impactkiosk staff-pin set",
                                         m_kiosk->Dir().string()};
        for (const char* code : kStaffLanguages)
            same.push_back(LanguageName(code));
        const std::vector<QuestionnaireInfo> stored = QuestionnaireStore(m_kiosk->Db()).List().value();
        for (const QuestionnaireInfo& info : stored) {
            std::optional<Questionnaire> q = *QuestionnaireStore(m_kiosk->Db()).Load(info.id, info.version);
            AddContent(*q, same);
        }
        // The editor's new questionnaire and a new question of each type (their texts are content).
        Questionnaire made = QuestionnaireFromTemplate("new_questionnaire", {"nl", "en", "uk"});
        for (QuestionType type :
             {QuestionType::Likert, QuestionType::Smiley, QuestionType::Scale, QuestionType::SingleChoice,
              QuestionType::MultiChoice, QuestionType::YesNo, QuestionType::Number, QuestionType::Text,
              QuestionType::ThenNow, QuestionType::Info})
            made.questions.push_back(NewQuestion(made, type));
        AddContent(made, same);
        return same;
    }

private:
    static void AddContent(const Questionnaire& q, std::vector<std::string>& same) {
        auto add = [&same](const LangText& text) {
            for (const auto& [lang, value] : text)
                same.push_back(value);
        };
        same.push_back(q.id);
        add(q.title);
        add(q.intro);
        add(q.thanks);
        for (const Question& question : q.questions) {
            same.push_back(question.id);
            add(question.label);
            add(question.help);
            add(question.minLabel);
            add(question.maxLabel);
            for (const Option& option : question.options) {
                same.push_back(option.code);
                add(option.label);
            }
        }
        for (const Outcome& outcome : q.outcomes) {
            same.push_back(outcome.id);
            add(outcome.label);
        }
    }

    void WaitForFigures() {
        HeadlessKiosk& k = *m_kiosk;
        ASSERT_TRUE(test::WaitUntil([&] {
            k.Frame(false);
            const DumpElement* status = k.Find("results_status");
            return status && (status->label.find("Computed at") != std::string::npos ||
                              status->label.find("Berekend om") != std::string::npos);
        })) << k.Ids();
    }

    // Types `pin` and taps OK with the worker held: the pad's "checking" state, then the answer.
    void ReadWhileThePinIsHashed(const std::string& pin, const std::string& stop) {
        HeadlessKiosk& k = *m_kiosk;
        m_holdPin = true;
        k.Wait(0.35);
        for (char digit : pin)
            k.Tap(std::string("key:") + digit, 0.05);
        k.Tap("key:ok", 0.05);
        EXPECT_TRUE(test::WaitUntil([this] { return m_pinHeld.load(); }));
        Read(stop);
        m_holdPin = false;
        k.WaitForPinCheck();
    }

    // The whole page of the current screen: the dump from the top, a mouse-wheel step at a time,
    // until nothing new comes into view. `only`: just these ids (a preview is the visitor's screen).
    void Read(const std::string& stop, const std::vector<std::string>& only = {}) {
        HeadlessKiosk& k = *m_kiosk;
        k.Wait(0.05);
        std::map<std::string, DumpElement>& seen = m_walked[stop + " (" + k.Screen() + ")"];
        auto take = [&] {
            bool added = false;
            for (const DumpElement& e : k.App().Dump().Elements())
                if (only.empty() || std::find(only.begin(), only.end(), e.id) != only.end())
                    added |= seen.emplace(e.id, e).second;
            return added;
        };
        ImGui::GetIO().MouseWheel = 0;
        for (int step = 0; step < 60; ++step) { // to the top
            ImGui::GetIO().MouseWheel = 5;
            k.Frame(false);
        }
        take();
        for (int step = 0, idle = 0; step < 400 && idle < 12; ++step) {
            ImGui::GetIO().MouseWheel = -1;
            k.Frame(false);
            idle = take() ? 0 : idle + 1;
        }
    }

    std::unique_ptr<HeadlessKiosk> m_kiosk;
    Walked m_walked;
    std::atomic<bool> m_holdPin{false};
    std::atomic<bool> m_pinHeld{false};
};

// The label with everything that may rightly be the same removed: what is left are words that should
// have been translated.
std::string Untranslated(std::string label, const std::vector<std::string>& same) {
    std::vector<std::string> sorted = same;
    std::sort(sorted.begin(), sorted.end(),
              [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    for (const std::string& text : sorted) {
        if (text.empty()) continue;
        for (std::size_t at; (at = label.find(text)) != std::string::npos;)
            label.replace(at, text.size(), " ");
    }
    // Letters left over (ASCII, or any non-ASCII character: Dutch and other scripts).
    std::string words;
    for (char c : label) {
        const auto byte = static_cast<unsigned char>(c);
        words += std::isalpha(byte) || byte >= 0x80 ? c : ' ';
    }
    const std::regex space(" +");
    words = std::regex_replace(words, space, " ");
    return words == " " ? "" : words;
}

// Elements whose words are not staff text: what staff typed into a field, the PIN's dots, keys that
// are a character (q, é, Aa), the on-screen keyboard's erase key (an icon; its dump name comes from
// ui/keyboard.cpp, shared with the visitor's keyboard), the files offered for import (their paths).
bool NotStaffText(const DumpElement& e) {
    const std::string& id = e.id;
    if (e.role == "field") return true;
    if (id == "pin_display" || id == "keyboard_preview" || id == "key:back" || id.rfind("file:", 0) == 0)
        return true;
    return id.rfind("key:", 0) == 0 && e.label.size() <= 4; // one or two characters, maybe two bytes each
}

TEST(StaffLanguage, NoStaffScreenShowsEnglishWhenTheStaffLanguageIsDutch) {
    const std::filesystem::path base =
        std::filesystem::temp_directory_path() / ("ik_staff_walk_" + std::to_string(::getpid()));
    std::filesystem::remove_all(base);
    // The same directory for both walks: paths in the labels are then the same.
    Walked english, dutch;
    std::vector<std::string> same;
    {
        StaffWalk walk(StaffLanguage::English, base);
        english = walk.Run();
    }
    std::filesystem::remove_all(base);
    {
        StaffWalk walk(StaffLanguage::Dutch, base);
        dutch = walk.Run();
        same = walk.SameInBothLanguages();
    }
    std::filesystem::remove_all(base);

    ASSERT_EQ(english.size(), dutch.size());
    std::size_t compared = 0;
    for (const auto& [stop, elements] : dutch) {
        ASSERT_TRUE(english.count(stop))
            << "the Dutch walk stopped at " << stop << ", the English one did not";
        std::size_t inStop = 0;
        for (const auto& [id, element] : elements) {
            const auto other = english.at(stop).find(id);
            if (other == english.at(stop).end()) continue;
            ++inStop;
            if (element.label != other->second.label || NotStaffText(element)) continue;
            const std::string words = Untranslated(element.label, same);
            if (words.empty()) continue;
            ADD_FAILURE() << stop << ": " << id << " reads \"" << element.label
                          << "\" in Dutch too (left over: \"" << words << "\")";
        }
        EXPECT_GT(inStop, 0u) << stop << ": nothing to compare";
        compared += inStop;
    }
    EXPECT_GT(compared, 500u);
}

} // namespace
} // namespace ik
