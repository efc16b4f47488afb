// Headless ImGui tests of the visitor screens: a real ImGui context (no GPU), the real KioskApp and
// a real SQLite store. Taps are a pointer moved over a target, pressed in one frame and released in
// the next, exactly as the window feeds ImGui; targets are found through the automation dump.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "headless_kiosk.h"

namespace ik {
namespace {

TEST(KioskUi, AttractOffersStartAndEachLanguageInItsOwnName) {
    HeadlessKiosk kiosk(Sample(), 1280, 800);
    EXPECT_EQ(kiosk.Screen(), "attract");
    ASSERT_NE(kiosk.Find("start"), nullptr);
    EXPECT_EQ(kiosk.Find("lang:nl")->label, "Nederlands");
    EXPECT_EQ(kiosk.Find("lang:en")->label, "English");
}

TEST(KioskUi, LanguageButtonStartsTheSurveyInThatLanguage) {
    HeadlessKiosk kiosk(Sample(), 1280, 800);
    kiosk.Tap("lang:en");
    EXPECT_EQ(kiosk.Screen(), "question:learned");
    EXPECT_EQ(kiosk.Find("option:5")->label, "Strongly agree");
    EXPECT_EQ(kiosk.Find("question_text")->label, "I learned something useful in this course.");
}

// Regression: a missing translation fell back to the alphabetically first language, not to the
// questionnaire's default language.
TEST(KioskUi, AMissingTranslationShowsTheDefaultLanguage) {
    Questionnaire q = Sample();
    q.languages = {"nl", "en", "de"};
    for (Question& question : q.questions)
        question.label.erase("de");
    HeadlessKiosk kiosk(q, 1280, 800);
    kiosk.Tap("lang:de");
    EXPECT_EQ(kiosk.Find("question_text")->label, q.questions[0].label.at("nl"));
    EXPECT_EQ(kiosk.Find("next")->label, "Weiter"); // the kiosk's own words do exist in German
}

TEST(KioskUi, StartAsksForTheLanguageFirst) {
    HeadlessKiosk kiosk(Sample(), 1280, 800);
    kiosk.Tap("start");
    EXPECT_EQ(kiosk.Screen(), "language");
    kiosk.Tap("lang:nl");
    EXPECT_EQ(kiosk.Screen(), "question:learned");
    EXPECT_EQ(kiosk.Find("next")->label, "Volgende");
}

TEST(KioskUi, ALikertTapIsStoredShownAndThenMovesOn) {
    HeadlessKiosk kiosk(Sample(), 1280, 800);
    kiosk.Tap("lang:en");
    EXPECT_FALSE(kiosk.Find("next")->enabled); // required and unanswered
    kiosk.Tap("option:4");
    EXPECT_TRUE(kiosk.Find("option:4")->selected);
    EXPECT_EQ(kiosk.Screen(), "question:learned"); // the choice shows for a moment
    std::vector<StoredResponse> stored = kiosk.Responses();
    ASSERT_EQ(stored.size(), 1u); // on disk before the visitor moves on
    EXPECT_EQ(stored[0].answers.at("learned"), "4");
    EXPECT_EQ(stored[0].status, ResponseStatus::InProgress);
    kiosk.Wait(0.5);
    EXPECT_EQ(kiosk.Screen(), "question:confident");
}

TEST(KioskUi, ATapRightAfterAScreenChangeDoesNotFallThrough) {
    HeadlessKiosk kiosk(Sample(), 1280, 800);
    kiosk.Tap("lang:en");
    ASSERT_EQ(kiosk.Screen(), "question:learned");
    // A second tap 100 ms later, on an answer: ignored.
    kiosk.Tap("option:2", 0.1);
    EXPECT_FALSE(kiosk.Find("option:2")->selected);
    EXPECT_TRUE(kiosk.Responses().empty());
    // After the guard time the same tap works.
    kiosk.Tap("option:2");
    EXPECT_TRUE(kiosk.Find("option:2")->selected);
}

TEST(KioskUi, BackShowsTheEarlierAnswerAndAllowsAChange) {
    HeadlessKiosk kiosk(Sample(), 1280, 800);
    kiosk.Tap("lang:en");
    kiosk.Tap("option:4");
    kiosk.Wait(0.5);
    ASSERT_EQ(kiosk.Screen(), "question:confident");
    kiosk.Tap("back");
    EXPECT_EQ(kiosk.Screen(), "question:learned");
    EXPECT_TRUE(kiosk.Find("option:4")->selected);
    EXPECT_TRUE(kiosk.Find("next")->enabled);
    kiosk.Tap("option:2");
    kiosk.Wait(0.5);
    EXPECT_EQ(kiosk.Screen(), "question:confident");
    EXPECT_EQ(kiosk.Responses()[0].answers.at("learned"), "2");
}

TEST(KioskUi, AFullSurveyEndsOnThanksAndReturnsToAttractByItself) {
    HeadlessKiosk kiosk(Sample(), 1080, 1920);
    kiosk.Tap("lang:nl");
    while (kiosk.Screen().rfind("question:", 0) == 0) {
        const std::string before = kiosk.Screen();
        const Question* q = kiosk.App().Session().CurrentQuestion();
        if (q->type == QuestionType::Scale)
            kiosk.Tap("option:8");
        else if (q->type == QuestionType::YesNo)
            kiosk.Tap("option:yes");
        else if (q->type == QuestionType::Likert)
            kiosk.Tap("option:5");
        else
            kiosk.Tap("next");
        kiosk.Wait(0.5);
        ASSERT_NE(kiosk.Screen(), before) << "stuck on " << before;
    }
    EXPECT_EQ(kiosk.Screen(), "thanks");
    std::vector<StoredResponse> stored = kiosk.Responses();
    ASSERT_EQ(stored.size(), 1u);
    EXPECT_EQ(stored[0].status, ResponseStatus::Completed);
    EXPECT_EQ(stored[0].language, "nl");
    EXPECT_EQ(stored[0].answers.at("grade"), 8);
    EXPECT_EQ(stored[0].answers.at("recommend"), "yes");
    kiosk.Wait(6.5);
    EXPECT_EQ(kiosk.Screen(), "attract");
}

TEST(KioskUi, StopEndsTheSurveyAndKeepsTheAnswersAsAbandoned) {
    HeadlessKiosk kiosk(Sample(), 1280, 800);
    kiosk.Tap("lang:en");
    kiosk.Tap("option:3");
    kiosk.Wait(0.5);
    kiosk.Tap("stop");
    EXPECT_EQ(kiosk.Screen(), "attract");
    std::vector<StoredResponse> stored = kiosk.Responses();
    ASSERT_EQ(stored.size(), 1u);
    EXPECT_EQ(stored[0].status, ResponseStatus::Abandoned);
    EXPECT_EQ(stored[0].flags, std::vector<std::string>{"stopped"});
    EXPECT_EQ(stored[0].answers.at("learned"), "3");
}

TEST(KioskUi, IdleOverlayCoversTheQuestionUntilTheVisitorAnswersIt) {
    KioskAppOptions options;
    options.session.idleWarningAfter = 10;
    options.session.idleCountdown = 5;
    HeadlessKiosk kiosk(Sample(), 1280, 800, options);
    kiosk.Tap("lang:en");
    const DumpElement option = *kiosk.Find("option:5");
    kiosk.Wait(10.1);
    EXPECT_EQ(kiosk.Screen(), "idle_warning");
    EXPECT_EQ(kiosk.Find("option:5"), nullptr); // only the overlay's targets are on offer
    ASSERT_NE(kiosk.Find("still_here"), nullptr);
    // A tap where an answer was underneath does nothing.
    kiosk.TapAt(ImVec2(option.x + 5, option.y + 5));
    EXPECT_TRUE(kiosk.Responses().empty());
    kiosk.Tap("still_here");
    EXPECT_EQ(kiosk.Screen(), "question:learned");
    kiosk.Tap("option:5");
    kiosk.Wait(0.5);
    kiosk.Wait(15.5); // warning, then the countdown runs out
    EXPECT_EQ(kiosk.Screen(), "attract");
    std::vector<StoredResponse> stored = kiosk.Responses();
    ASSERT_EQ(stored.size(), 1u);
    EXPECT_EQ(stored[0].status, ResponseStatus::Abandoned);
    EXPECT_EQ(stored[0].flags, std::vector<std::string>{"idle"});
}

TEST(KioskUi, EveryQuestionTypeCanBeAnsweredByTapping) {
    HeadlessKiosk kiosk(AllTypes(), 1280, 800);
    kiosk.Tap("lang:en");
    EXPECT_EQ(kiosk.Screen(), "question:welcome");
    kiosk.Tap("next");
    EXPECT_EQ(kiosk.Screen(), "question:mood");
    kiosk.Tap("option:3");
    kiosk.Wait(0.5);
    EXPECT_EQ(kiosk.Screen(), "question:reason");
    kiosk.Tap("option:course");
    kiosk.Wait(0.5);
    EXPECT_EQ(kiosk.Screen(), "question:used");
    EXPECT_EQ(kiosk.Find("next")->label, "Skip"); // optional and unanswered
    kiosk.Tap("option:pc");
    EXPECT_EQ(kiosk.Find("next")->label, "Next");
    kiosk.Tap("option:help");
    EXPECT_FALSE(kiosk.Find("option:wifi")->enabled); // max 2: the rest are greyed out
    kiosk.Tap("option:wifi");
    EXPECT_TRUE(kiosk.Find("option:pc")->selected);
    EXPECT_FALSE(kiosk.Find("option:wifi")->selected);
    kiosk.Tap("option:pc"); // toggles off
    EXPECT_FALSE(kiosk.Find("option:pc")->selected);
    kiosk.Tap("next");
    EXPECT_EQ(kiosk.Screen(), "question:age");
    kiosk.Tap("key:4");
    kiosk.Tap("key:7");
    kiosk.Tap("key:1");
    kiosk.Tap("key:back");
    EXPECT_EQ(kiosk.Find("number_display")->label, "47");
    kiosk.Tap("next");
    EXPECT_EQ(kiosk.Screen(), "question:skills");
    // Regression: erasing every digit after going back showed the stored number again.
    kiosk.Tap("back");
    EXPECT_EQ(kiosk.Find("number_display")->label, "47");
    kiosk.Tap("key:back");
    kiosk.Tap("key:back");
    EXPECT_EQ(kiosk.Find("number_display")->label, "");
    kiosk.Tap("key:4");
    kiosk.Tap("key:7");
    kiosk.Tap("next");
    EXPECT_EQ(kiosk.Screen(), "question:skills");
    kiosk.Tap("then:2");
    EXPECT_EQ(kiosk.Screen(), "question:skills"); // half an answer is not an answer
    kiosk.Tap("now:4");
    kiosk.Wait(0.5);
    EXPECT_EQ(kiosk.Screen(), "question:grade");
    kiosk.Tap("option:0");
    kiosk.Wait(0.5);
    EXPECT_EQ(kiosk.Screen(), "thanks");

    std::vector<StoredResponse> stored = kiosk.Responses();
    ASSERT_EQ(stored.size(), 1u);
    const AnswerMap& a = stored[0].answers;
    EXPECT_EQ(a.at("mood"), "3");
    EXPECT_EQ(a.at("reason"), "course");
    EXPECT_EQ(a.at("used"), nlohmann::json::array({"help"}));
    EXPECT_EQ(a.at("age"), 47);
    EXPECT_EQ(a.at("skills"), (nlohmann::json{{"then", 2}, {"now", 4}}));
    EXPECT_EQ(a.at("grade"), 0);
    EXPECT_EQ(a.count("welcome"), 0u);
}

class KioskLayout : public ::testing::TestWithParam<std::pair<float, float>> {};

TEST_P(KioskLayout, EveryScreenFitsAndEveryTargetIsFingerSized) {
    const auto [width, height] = GetParam();
    // 800x480 is usually a 7" panel (154 mm wide): 12 mm is 62 px there, not 45.
    const float pixelsPerMm = width == 800.0f ? 800.0f / 154.0f : 0.0f;
    const float minimum = pixelsPerMm > 0 ? 12 * pixelsPerMm : 45.0f;
    // all_question_types has a free-text question: shown with the keyboard when staff turned it on.
    KioskAppOptions freeText;
    freeText.session.freeText = true;
    const Questionnaire withText = LoadFile(std::filesystem::path(IK_TEST_DATA) / "all_question_types.json");
    // The language café sample offers nine languages on the attract and language screens.
    const Questionnaire nineLanguages =
        LoadFile(std::filesystem::path(IK_ASSET_DIR) / "questionnaires/language_cafe.json");
    for (const auto& [q, options] :
         {std::pair{Sample(), KioskAppOptions{}}, std::pair{AllTypes(), KioskAppOptions{}},
          std::pair{withText, freeText}, std::pair{nineLanguages, KioskAppOptions{}}}) {
        HeadlessKiosk kiosk(q, width, height, options, pixelsPerMm);
        ExpectUsableLayout(kiosk, width, height, minimum);
        kiosk.Tap("start");
        ExpectUsableLayout(kiosk, width, height, minimum);
        kiosk.Tap("lang:nl");
        int guard = 0;
        while (kiosk.Screen().rfind("question:", 0) == 0 && ++guard < 20) {
            kiosk.Wait(0.35);
            ExpectUsableLayout(kiosk, width, height, minimum);
            const Question* question = kiosk.App().Session().CurrentQuestion();
            if (question->type == QuestionType::ThenNow) {
                kiosk.Tap("then:1");
                kiosk.Tap("now:2");
            } else if (question->type == QuestionType::Number) {
                kiosk.Tap("key:5");
                kiosk.Tap("next");
            } else if (HasOptions(question->type)) {
                kiosk.Tap("option:" + question->options.front().code);
                if (question->type == QuestionType::MultiChoice) kiosk.Tap("next");
            } else if (question->type == QuestionType::Text) {
                kiosk.Tap("key:a");
                kiosk.Tap("next");
            } else if (question->type == QuestionType::Scale) {
                kiosk.Tap("option:" + std::to_string(question->max));
            } else {
                kiosk.Tap("next");
            }
            kiosk.Wait(0.5);
        }
        EXPECT_EQ(kiosk.Screen(), "thanks");
        ExpectUsableLayout(kiosk, width, height, minimum);
    }
}

INSTANTIATE_TEST_SUITE_P(Sizes, KioskLayout,
                         ::testing::Values(std::make_pair(1280.0f, 800.0f), std::make_pair(1080.0f, 1920.0f),
                                           std::make_pair(800.0f, 480.0f), std::make_pair(1920.0f, 1080.0f)),
                         [](const auto& size) {
                             return std::to_string(static_cast<int>(size.param.first)) + "x" +
                                    std::to_string(static_cast<int>(size.param.second));
                         });

// New glyphs mark only the atlas rows they took, so the OpenGL renderer uploads a few rows, not the
// whole atlas; a glyph too big for any atlas is left out instead of emptying the atlas every frame.
TEST(KioskUi, NewGlyphsMarkTheirRowsAndAHugeGlyphIsLeftOut) {
    Result<std::unique_ptr<TextRenderer>> made = TextRenderer::Create(FontDirectory());
    ASSERT_TRUE(made) << made.error();
    TextRenderer& text = **made;
    ImGuiContext* context = ImGui::CreateContext();
    ImDrawList list(ImGui::GetDrawListSharedData());
    list._ResetForNewFrame();
    list.PushClipRect(ImVec2(0, 0), ImVec2(4000, 4000));
    AlphaTexture& atlas = text.Atlas();
    atlas.changedTop = atlas.changedBottom = 0; // as after an upload

    text.Draw(&list, text.Layout("Ja", Weight::Regular, 40), ImVec2(0, 0), 400, Align::Start, false,
              IM_COL32_WHITE);
    EXPECT_GE(atlas.changedTop, 0);
    EXPECT_GT(atlas.changedBottom, atlas.changedTop);
    EXPECT_LT(atlas.changedBottom - atlas.changedTop, 100) << "two glyphs took more than a shelf of rows";

    const std::uint64_t before = atlas.version;
    text.Draw(&list, text.Layout("Ja", Weight::Regular, 40), ImVec2(0, 0), 400, Align::Start, false,
              IM_COL32_WHITE);
    EXPECT_EQ(atlas.version, before) << "glyphs already in the atlas changed it";

    for (int frame = 0; frame < 3; ++frame) {
        text.BeginFrame();
        const ImVec4 drawn = text.Draw(&list, text.Layout("W", Weight::Bold, 5000), ImVec2(0, 0), 9000,
                                       Align::Start, false, IM_COL32_WHITE);
        EXPECT_FALSE(text.WantsRedraw()) << "frame " << frame << ": the atlas would start over every frame";
        EXPECT_GT(drawn.w, drawn.y);
    }
    EXPECT_GT(text.CachedGlyphs(), 0u) << "the atlas was emptied";
    ImGui::DestroyContext(context);
}

} // namespace
} // namespace ik

namespace ik {
namespace {

// Free text: hidden unless staff turned it on; then typed key by key, with Shift and diacritics,
// capped at max_length, kept on "next", and "Skip" while empty.
TEST(KioskUi, FreeTextIsTypedOnTheOnScreenKeyboardWhenTurnedOn) {
    Questionnaire q = Sample();
    Question remark;
    remark.id = "remark";
    remark.type = QuestionType::Text;
    remark.label = {{"nl", "Wil je nog iets zeggen?"}, {"en", "Anything else?"}};
    remark.maxLength = 8;
    q.questions.insert(q.questions.begin(), remark);
    {
        HeadlessKiosk kiosk(q, 1280, 800);
        kiosk.Tap("lang:nl");
        EXPECT_EQ(kiosk.Screen(), "question:learned"); // off by default: left out
    }
    KioskAppOptions options;
    options.session.freeText = true;
    HeadlessKiosk kiosk(q, 800, 480, options, 800.0f / 154.0f);
    kiosk.Tap("lang:nl");
    ASSERT_EQ(kiosk.Screen(), "question:remark");
    EXPECT_EQ(kiosk.Find("next")->label, "Overslaan");
    kiosk.Wait(0.35); // a new screen ignores taps for a moment
    for (const char* key :
         {"key:shift", "key:e", "key:e", "key:n", "key:back", "key:\u00e9", "key:q", "key:p"})
        kiosk.Tap(key, 0.05);
    EXPECT_EQ(kiosk.Find("text_display")->label, "Ee\u00e9qp");
    kiosk.Tap("key:space", 0.05);
    for (int i = 0; i < 5; ++i)
        kiosk.Tap("key:a", 0.05); // only up to 8 characters
    EXPECT_EQ(kiosk.Find("text_display")->label, "Ee\u00e9qp aa");
    EXPECT_EQ(kiosk.Find("next")->label, "Volgende");
    kiosk.Tap("next", 0.05);
    EXPECT_EQ(kiosk.Screen(), "question:learned");
    kiosk.Tap("back");
    EXPECT_EQ(kiosk.Find("text_display")->label, "Ee\u00e9qp aa"); // shown again after going back
    const std::vector<StoredResponse> responses = kiosk.Responses();
    ASSERT_EQ(responses.size(), 1u);
    EXPECT_EQ(responses[0].answers.at("remark"), "Ee\u00e9qp aa");
}

// Regression: a word wider than its line (a diacritic on a narrow keyboard key) was broken inside a
// UTF-8 sequence and drawn as "??". Text is now cut between letters (clusters), never inside one:
// every letter is drawn once, none as the missing-glyph box.
TEST(KioskUi, WrappingNeverSplitsACharacter) {
    Result<std::unique_ptr<TextRenderer>> text = TextRenderer::Create(FontDirectory());
    ASSERT_TRUE(text) << text.error();
    for (const char* word : {"\u00e9\u00e9\u00e9", "Shift", "\u0423\u043a\u0440\u0430\u0457\u043d\u0430"}) {
        const TextBlock block = (*text)->Layout(word, Weight::Regular, 30, 1.0f);
        size_t glyphs = 0;
        for (const text::Line& line : block.lines) {
            EXPECT_FALSE(line.glyphs.empty()) << word;
            for (const text::LineGlyph& g : line.glyphs)
                EXPECT_NE(g.id, 0u) << word << ": a missing-glyph box";
            glyphs += line.glyphs.size();
        }
        EXPECT_EQ(glyphs, *Utf8Length(word)) << word;
    }
}

} // namespace
} // namespace ik
