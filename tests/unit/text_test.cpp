// Text setting as a visitor sees it: Arabic and Farsi joined and right to left, digits and Latin words
// inside them in the right order, Ethiopic syllables, lines broken at spaces. Checked against the
// reference tools of the libraries themselves: HarfBuzz's hb-shape for the glyphs of every run (same
// font file, same text and context), FriBidi's fribidi for the visual order of the characters.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <set>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "text/glyph_rasterizer.h"
#include "text/text_layout.h"

namespace ik::text {
namespace {

// Output of a command, or nullopt when it cannot be run. A missing tool fails the test where every
// tool must be there (IK_NO_SKIP, set by dev.sh test and CI), and skips it elsewhere.
std::optional<std::string> Command(const std::string& command) {
    std::FILE* pipe = ::popen((command + " 2>/dev/null").c_str(), "r");
    if (!pipe) return std::nullopt;
    std::string out;
    char buffer[4096];
    size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0)
        out.append(buffer, n);
    if (::pclose(pipe) != 0) return std::nullopt;
    return out;
}

std::string Quote(const std::string& text) {
    std::string out = "'";
    for (char c : text)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

std::string EncodeUtf8(const std::u32string& text) {
    std::string out;
    for (char32_t c : text) {
        if (c < 0x80) {
            out += static_cast<char>(c);
        } else if (c < 0x800) {
            out += static_cast<char>(0xC0 | (c >> 6));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            out += static_cast<char>(0xE0 | (c >> 12));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (c >> 18));
            out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        }
    }
    return out;
}

bool ToolsRequired() {
    return std::getenv("IK_NO_SKIP") != nullptr;
}

#define REQUIRE_TOOL(result, tool)                                                                           \
    if (!(result)) {                                                                                         \
        if (ToolsRequired()) FAIL() << tool << " is not installed (package in debian-deps.txt)";             \
        GTEST_SKIP() << tool << " is not installed";                                                         \
    }

class TextLayout : public ::testing::Test {
protected:
    void SetUp() override {
        auto library = FontLibrary::Open(IK_FONT_DIR);
        ASSERT_TRUE(library) << library.error();
        m_fonts = std::move(*library);
    }
    std::unique_ptr<FontLibrary> m_fonts;
};

// [SECTION] The glyphs of each run are HarfBuzz's

struct Sample {
    const char* name;
    const char* text;
    Direction direction;
    const char* language;
    int runs; // how many runs (direction or script changes) the text has
};

const Sample kSamples[] = {
    {"dutch", "Ik voel me zekerder op de computer.", Direction::Ltr, "nl", 1},
    {"ukrainian",
     "\u0427\u0438 \u0432\u0456\u0434\u0447\u0443\u0432\u0430\u0454\u0442\u0435 \u0432\u0438 "
     "\u0441\u0435\u0431\u0435 \u0432\u043f\u0435\u0432\u043d\u0435\u043d\u0456\u0448\u0435?",
     Direction::Ltr, "uk", 1},
    // "Do you feel more confident using the computer?": joined letters, the Arabic question mark.
    {"arabic", "هل تشعر بثقة أكبر في استخدام الكمبيوتر؟", Direction::Rtl, "ar", 1},
    // "I strongly disagree": the lam-alef ligature.
    {"arabic_lam_alef", "لا أوافق بشدة", Direction::Rtl, "ar", 1},
    // Farsi letters (پ گ ی) and a zero-width non-joiner in "می‌کنم".
    {"farsi", "آیا این دوره را پیشنهاد می‌کنم؟", Direction::Rtl, "fa", 1},
    // Tigrinya: "hello, how are you" in Ethiopic syllables.
    {"tigrinya", "ሰላም ከመይ ኣለኹም", Direction::Ltr, "ti", 1},
    // "I learned to use WhatsApp in 3 weeks": a Latin word and a number inside Arabic.
    {"arabic_mixed", "تعلمت استخدام WhatsApp في 3 أسابيع", Direction::Rtl, "ar", 5},
    // Brackets around a Latin name inside Farsi are paired (rule N0) and mirrored; Noto Sans Arabic
    // has no brackets, so they come from Noto Sans (runs: Farsi, "(", Latin, ")", Farsi).
    {"farsi_brackets", "کتابخانه (Bibliotheek) عالی است", Direction::Rtl, "fa", 5},
};

TEST_F(TextLayout, EveryRunIsShapedAsHbShapeShapesIt) {
    for (const Sample& sample : kSamples) {
        SCOPED_TRACE(sample.name);
        ShapedParagraph p = Shape(*m_fonts, sample.text, Weight::Regular, sample.direction, sample.language);
        EXPECT_EQ(static_cast<int>(p.runs.size()), sample.runs);
        for (const ShapedRun& run : p.runs) {
            const std::u32string before = p.text.substr(0, run.start);
            const std::u32string item = p.text.substr(run.start, run.end - run.start);
            const std::u32string after = p.text.substr(run.end);
            std::string command =
                "hb-shape --output-format=json --no-glyph-names --font-file=" +
                Quote(run.face->file.string()) + " --direction=" + ((run.level & 1) ? "rtl" : "ltr") +
                " --language=" + sample.language + " --text-before=" + Quote(EncodeUtf8(before)) +
                " --text-after=" + Quote(EncodeUtf8(after)) + " --text=" + Quote(EncodeUtf8(item));
            std::optional<std::string> out = Command(command);
            REQUIRE_TOOL(out, "hb-shape (libharfbuzz-bin)");
            const nlohmann::json reference = nlohmann::json::parse(*out);
            ASSERT_EQ(reference.size(), run.glyphs.size()) << EncodeUtf8(item) << ": " << *out;
            const float upem = static_cast<float>(run.face->unitsPerEm);
            for (size_t i = 0; i < run.glyphs.size(); ++i) {
                const ShapedGlyph& g = run.glyphs[i];
                EXPECT_EQ(reference[i]["g"].get<std::uint32_t>(), g.id) << "glyph " << i;
                EXPECT_EQ(reference[i]["cl"].get<std::uint32_t>(), g.cluster - run.start) << "glyph " << i;
                EXPECT_FLOAT_EQ(reference[i]["ax"].get<float>() / upem, g.advance) << "glyph " << i;
                EXPECT_FLOAT_EQ(reference[i]["dx"].get<float>() / upem, g.dx) << "glyph " << i;
                EXPECT_FLOAT_EQ(-reference[i]["dy"].get<float>() / upem, g.dy) << "glyph " << i;
            }
        }
    }
}

TEST_F(TextLayout, ArabicIsJoinedNotDrawnAsLooseLetters) {
    // Each letter of "سلام" alone (isolated forms) is wider than the joined word, and the joined
    // word uses other glyphs than the isolated letters.
    ShapedParagraph word = Shape(*m_fonts, "سلام", Weight::Regular, Direction::Rtl, "ar");
    ASSERT_EQ(word.runs.size(), 1u);
    EXPECT_EQ(word.runs[0].face->file.filename(), "NotoSansArabic-Regular.ttf");
    ShapedParagraph loose = Shape(*m_fonts, "س ل ا م", Weight::Regular, Direction::Rtl, "ar");
    std::set<std::uint32_t> joined, isolated;
    for (const ShapedGlyph& g : word.runs[0].glyphs)
        joined.insert(g.id);
    for (const ShapedGlyph& g : loose.runs[0].glyphs)
        isolated.insert(g.id);
    EXPECT_NE(joined, isolated);
    // Lam-alef: two letters, one glyph.
    ShapedParagraph la = Shape(*m_fonts, "لا", Weight::Regular, Direction::Rtl, "ar");
    EXPECT_EQ(la.runs[0].glyphs.size(), 1u);
}

TEST_F(TextLayout, EthiopicUsesNotoSansEthiopic) {
    ShapedParagraph p = Shape(*m_fonts, "ሰላም", Weight::Bold, Direction::Ltr, "ti");
    ASSERT_EQ(p.runs.size(), 1u);
    EXPECT_EQ(p.runs[0].face->file.filename(), "NotoSansEthiopic-Bold.ttf");
    for (const ShapedGlyph& g : p.runs[0].glyphs)
        EXPECT_NE(g.id, 0u) << "a missing-glyph box";
}

// [SECTION] The visual order is FriBidi's

// Code point index -> visual position, as `fribidi --ltov` gives it for one unbroken line.
std::vector<int> FribidiVisualOrder(const std::string& text, Direction direction) {
    const std::string flag = direction == Direction::Rtl   ? " --rtl"
                             : direction == Direction::Ltr ? " --ltr"
                                                           : "";
    std::optional<std::string> out =
        Command("printf '%s\\n' " + Quote(text) + " | fribidi --ltov --nopad --nobreak --width 10000" + flag);
    std::vector<int> map;
    if (!out) return map;
    const size_t line = out->find('\n');
    std::istringstream numbers(out->substr(line + 1));
    for (int v = 0; numbers >> v;)
        map.push_back(v);
    return map;
}

TEST_F(TextLayout, CharactersAppearInTheOrderFribidiGives) {
    for (const Sample& sample : kSamples) {
        SCOPED_TRACE(sample.name);
        ShapedParagraph p = Shape(*m_fonts, sample.text, Weight::Regular, sample.direction, sample.language);
        std::vector<int> visual = FribidiVisualOrder(sample.text, sample.direction);
        REQUIRE_TOOL(!visual.empty(), "fribidi (libfribidi-bin)");
        ASSERT_EQ(visual.size(), p.text.size());
        std::vector<Line> lines = BreakLines(p, 1e6f);
        ASSERT_EQ(lines.size(), 1u);
        // The line lists glyphs left to right, each with its cluster (first code point). Their visual
        // positions by FriBidi must grow from left to right; the glyphs of one cluster (a letter and
        // its marks, a ligature) share one.
        int previous = -1;
        for (const LineGlyph& g : lines[0].glyphs) {
            ASSERT_LT(g.cluster, visual.size());
            const int position = visual[g.cluster];
            EXPECT_GE(position, previous) << "character " << g.cluster << " is out of order";
            previous = position;
        }
    }
}

// [SECTION] Lines

TEST_F(TextLayout, LinesBreakAtSpacesAndFit) {
    const char* text = "هل تشعر بثقة أكبر في استخدام الكمبيوتر بعد هذه الدورة؟";
    ShapedParagraph p = Shape(*m_fonts, text, Weight::Regular, Direction::Rtl, "ar");
    const float whole = Width(p);
    std::vector<Line> lines = BreakLines(p, whole / 3);
    EXPECT_GE(lines.size(), 3u);
    for (const Line& line : lines)
        EXPECT_LE(line.width, whole / 3 + 1e-3f);
    // Right to left: the first word (logically) is on the first line, at its right end.
    const std::u32string first = DecodeUtf8("هل");
    std::uint32_t rightmost = lines[0].glyphs.back().cluster;
    for (const LineGlyph& g : lines[0].glyphs)
        if (g.x >= lines[0].glyphs.back().x) rightmost = g.cluster;
    EXPECT_LT(rightmost, first.size()) << "the rightmost glyph of line 1 should belong to its first word";
}

TEST_F(TextLayout, AWordLongerThanTheLineIsCutBetweenLetters) {
    ShapedParagraph p = Shape(*m_fonts, "Informatievaardigheden", Weight::Bold, Direction::Ltr, "nl");
    std::vector<Line> lines = BreakLines(p, Width(p) / 2.5f);
    EXPECT_GE(lines.size(), 3u);
    size_t glyphs = 0;
    for (const Line& line : lines)
        glyphs += line.glyphs.size();
    EXPECT_EQ(glyphs, p.runs[0].glyphs.size()) << "no letter lost or doubled";
}

TEST_F(TextLayout, ALetterNarrowerThanNothingKeepsItsMarks) {
    // Decomposed: a, combining acute; twice. A line narrower than one letter gets one letter a line,
    // each with its accent (a cut between a letter and its mark would put the accent alone).
    ShapedParagraph p = Shape(*m_fonts, "a\u0301a\u0301", Weight::Regular, Direction::Ltr, "nl");
    std::vector<Line> lines = BreakLines(p, 0.01f);
    ASSERT_EQ(lines.size(), 2u);
    for (const Line& line : lines) {
        ASSERT_FALSE(line.glyphs.empty());
        for (const LineGlyph& g : line.glyphs)
            EXPECT_EQ(g.cluster, line.glyphs.front().cluster) << "a mark left its letter";
    }
}

TEST_F(TextLayout, BrokenUtf8AndEmptyTextAreHarmless) {
    ShapedParagraph broken =
        Shape(*m_fonts, std::string("ok \xff\xfe \xe2\x82", 8), Weight::Regular, Direction::Auto);
    EXPECT_EQ(broken.text, U"ok \uFFFD\uFFFD \uFFFD");
    EXPECT_EQ(BreakLines(broken, 0.1f).empty(), false);
    ShapedParagraph empty = Shape(*m_fonts, "", Weight::Regular, Direction::Rtl);
    EXPECT_TRUE(empty.rtl);
    std::vector<Line> lines = BreakLines(empty, 10);
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0].width, 0);
}

TEST_F(TextLayout, AutoDirectionFollowsTheFirstLetter) {
    EXPECT_TRUE(Shape(*m_fonts, "العربية", Weight::Regular, Direction::Auto).rtl);
    EXPECT_FALSE(Shape(*m_fonts, "Nederlands", Weight::Regular, Direction::Auto).rtl);
    EXPECT_FALSE(Shape(*m_fonts, "ትግርኛ", Weight::Regular, Direction::Auto).rtl);
}

TEST_F(TextLayout, GlyphImagesComeFromFreeType) {
    GlyphRasterizer rasterizer;
    ShapedParagraph p = Shape(*m_fonts, "ب", Weight::Regular, Direction::Rtl, "ar");
    GlyphImage image;
    ASSERT_TRUE(rasterizer.Render(*p.runs[0].face, p.runs[0].glyphs[0].id, 40, image));
    EXPECT_GT(image.width, 5);
    EXPECT_GT(image.height, 2);
    int inked = 0;
    for (std::uint8_t c : image.coverage)
        inked += c > 128;
    EXPECT_GT(inked, 20);
}

} // namespace
} // namespace ik::text
