// What a visitor at the screen would notice: at every text size (normal and two steps larger), in
// Dutch and in Arabic (mirrored), with read-aloud's numbers on the answers, on the screen sizes kiosks
// come in, no words are cut off, run out of their tile or button, or lie on top of each other, and every
// target stays finger-sized. And every colour of both palettes meets WCAG 2.2 AA.
#include <gtest/gtest.h>

#include "headless_kiosk.h"

namespace ik {
namespace {

bool Intersects(float ax, float ay, float aw, float ah, float bx, float by, float bw, float bh,
                float slack = 1) {
    return ax + slack < bx + bw && bx + slack < ax + aw && ay + slack < by + bh && by + slack < ay + ah;
}

bool Inside(const DumpText& t, const DumpElement& e, float slack = 1.5f) {
    return t.x >= e.x - slack && t.y >= e.y - slack && t.x + t.w <= e.x + e.w + slack &&
           t.y + t.h <= e.y + e.h + slack;
}

// Words are on the screen, each inside the button or tile it labels (or clear of all of them), and no
// two blocks of words overlap.
void ExpectWordsFit(const HeadlessKiosk& kiosk, float width, float height, const std::string& where) {
    const AutomationDump& dump = kiosk.App().Dump();
    const std::vector<DumpText>& texts = dump.Texts();
    for (size_t i = 0; i < texts.size(); ++i) {
        const DumpText& t = texts[i];
        const std::string what = where + " " + kiosk.Screen() + ": \"" + t.text.substr(0, 50) + "\"";
        // Regression: the rectangle once came back zero wide, and nothing horizontal was checked.
        EXPECT_GT(t.w, 0) << what << " has no width in the dump";
        EXPECT_GT(t.h, 0) << what << " has no height in the dump";
        EXPECT_TRUE(t.x >= -1 && t.y >= -1 && t.x + t.w <= width + 1 && t.y + t.h <= height + 1)
            << what << " is (partly) off the screen: " << t.x << "," << t.y << " " << t.w << "x" << t.h;
        for (const DumpElement& e : dump.Elements()) {
            if (e.role == "text") continue;
            if (Intersects(t.x, t.y, t.w, t.h, e.x, e.y, e.w, e.h)) {
                EXPECT_TRUE(Inside(t, e))
                    << what << " runs out of " << e.id << " (" << t.x << "," << t.y << " " << t.w << "x"
                    << t.h << " in " << e.x << "," << e.y << " " << e.w << "x" << e.h << ")";
            }
        }
        for (size_t j = i + 1; j < texts.size(); ++j) {
            const DumpText& u = texts[j];
            EXPECT_FALSE(Intersects(t.x, t.y, t.w, t.h, u.x, u.y, u.w, u.h))
                << what << " overlaps \"" << u.text.substr(0, 50) << "\"";
        }
    }
}

struct LayoutCase {
    float width, height;
    int textStep;
};

class VisitorLayout : public ::testing::TestWithParam<LayoutCase> {};

TEST_P(VisitorLayout, NoWordIsCutOffOrOverlapsAtThisTextSize) {
    const auto [width, height, step] = GetParam();
    const float pixelsPerMm = width == 800.0f ? 800.0f / 154.0f : 0.0f;
    const float minimum = pixelsPerMm > 0 ? 12 * pixelsPerMm : 45.0f;
    KioskAppOptions freeText;
    freeText.session.freeText = true;
    const Questionnaire withText = LoadFile(std::filesystem::path(IK_TEST_DATA) / "all_question_types.json");
    const Questionnaire cafe =
        LoadFile(std::filesystem::path(IK_ASSET_DIR) / "questionnaires/language_cafe.json");
    struct Walk {
        Questionnaire q;
        KioskAppOptions options;
        std::string language;
    };
    for (const Walk& walk : {Walk{Sample(), {}, "nl"}, Walk{withText, freeText, "nl"}, Walk{cafe, {}, "ar"},
                             Walk{cafe, {}, "uk"}, Walk{cafe, {}, "ti"}}) {
        RecordingVoice voice;
        KioskAppOptions options = walk.options;
        options.voice = &voice;
        HeadlessKiosk kiosk(walk.q, width, height, options, pixelsPerMm);
        const std::string where = walk.q.id + "/" + walk.language + " step " + std::to_string(step);
        auto check = [&] {
            ExpectUsableLayout(kiosk, width, height, minimum);
            ExpectWordsFit(kiosk, width, height, where);
        };
        for (int i = 0; i < step; ++i)
            kiosk.Tap("text_larger");
        EXPECT_EQ(kiosk.App().Visitor().textStep, step);
        if (kiosk.Find("speak")) kiosk.Tap("speak"); // the answers carry the numbers they are read with
        check();
        kiosk.Tap("start");
        if (kiosk.Screen() == "language") {
            check();
            kiosk.Tap("lang:" + walk.language);
        }
        int guard = 0;
        while (kiosk.Screen().rfind("question:", 0) == 0 && ++guard < 20) {
            kiosk.Wait(0.35);
            check();
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
        EXPECT_EQ(kiosk.Screen(), "thanks") << where;
        check();
    }
}

INSTANTIATE_TEST_SUITE_P(SizesAndSteps, VisitorLayout,
                         ::testing::Values(LayoutCase{1280, 800, 0}, LayoutCase{1280, 800, 1},
                                           LayoutCase{1280, 800, 2}, LayoutCase{1080, 1920, 0},
                                           LayoutCase{1080, 1920, 1}, LayoutCase{1080, 1920, 2},
                                           LayoutCase{800, 480, 0}, LayoutCase{800, 480, 1},
                                           LayoutCase{800, 480, 2}),
                         [](const auto& test) {
                             return std::to_string(static_cast<int>(test.param.width)) + "x" +
                                    std::to_string(static_cast<int>(test.param.height)) + "_step" +
                                    std::to_string(test.param.textStep);
                         });

TEST(Contrast, EveryTextColourOfBothPalettesMeetsWcagAA) {
    for (const Palette* palette : {&StandardPalette(), &HighContrastPalette()})
        for (const ContrastPair& pair : ContrastPairs(*palette))
            EXPECT_GE(ContrastRatio(pair.foreground, pair.background), pair.minimum)
                << palette->name << ": " << pair.what << " is "
                << ContrastRatio(pair.foreground, pair.background) << ":1";
    // The ratio itself, against WCAG's own examples.
    EXPECT_NEAR(ContrastRatio(IM_COL32(0, 0, 0, 255), IM_COL32(255, 255, 255, 255)), 21.0f, 0.01f);
    EXPECT_NEAR(ContrastRatio(IM_COL32(0x76, 0x76, 0x76, 255), IM_COL32(255, 255, 255, 255)), 4.54f, 0.01f);
}

TEST(TextSize, NextIsNeverSmallerPrintThanBackBesideIt) {
    // At the largest text size, Back (body size) grew past the large Next button's own size.
    for (auto [w, h] : {std::pair{1080.0f, 1920.0f}, std::pair{1280.0f, 800.0f}}) {
        HeadlessKiosk kiosk(Sample(), w, h);
        kiosk.Tap("text_larger");
        kiosk.Tap("text_larger");
        kiosk.Tap("lang:nl");
        kiosk.Frame(false);
        const DumpText* next = nullptr;
        const DumpText* back = nullptr;
        for (const DumpText& t : kiosk.App().Dump().Texts()) {
            if (t.text == "Volgende") next = &t;
            if (t.text == "Terug") back = &t;
        }
        ASSERT_TRUE(next && back) << w << "x" << h;
        EXPECT_GE(next->h, back->h * 0.98f) << w << "x" << h << ": Next's letters are smaller than Back's";
    }
}

TEST(Contrast, TheVisitorsChoiceHoldsForTheVisitOnly) {
    HeadlessKiosk kiosk(Sample(), 1280, 800);
    kiosk.Tap("contrast");
    kiosk.Tap("text_larger");
    EXPECT_TRUE(kiosk.App().Visitor().highContrast);
    EXPECT_EQ(kiosk.App().Background(), HighContrastPalette().background);
    EXPECT_TRUE(kiosk.Find("contrast")->selected);
    kiosk.Tap("lang:nl");
    EXPECT_TRUE(kiosk.App().Visitor().highContrast) << "the choice holds through the visit";
    EXPECT_EQ(kiosk.App().Visitor().textStep, 1);
    kiosk.Tap("stop");
    EXPECT_EQ(kiosk.Screen(), "attract");
    EXPECT_FALSE(kiosk.App().Visitor().highContrast) << "the next visitor starts with the standard colours";
    EXPECT_EQ(kiosk.App().Visitor().textStep, 0);
    EXPECT_EQ(kiosk.App().Background(), StandardPalette().background);
}

} // namespace
} // namespace ik
