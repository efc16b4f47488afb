// The kiosk's own words in the nine languages of library visitors: every text there (none falls back to
// English), placeholders as in English, spoken lines that name the buttons as they are written, each
// language's name and words in its own script, and right to left for Arabic and Farsi only.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "core/questionnaire.h"
#include "core/ui_strings.h"

namespace ik {
namespace {

// The languages of the visitors of the courses libraries must show the effect of (CONTEXT.md).
const std::vector<std::string> kVisitorLanguages = {"nl", "en", "ar", "tr", "pl", "uk", "fa", "ti", "so"};
// Languages with a table beyond those nine; they must not break the placeholders either.
const std::vector<std::string> kOtherLanguages = {"de", "fr", "es"};

std::vector<UiText> AllTexts() {
    std::vector<UiText> texts;
    for (int i = 0; i < static_cast<int>(UiText::Count_); ++i)
        texts.push_back(static_cast<UiText>(i));
    return texts;
}

// Code points of UTF-8 text (EveryVisitorLanguageHasEveryText checks that it is valid).
std::u32string CodePoints(std::string_view text) {
    std::u32string out;
    for (size_t i = 0; i < text.size();) {
        const auto byte = static_cast<unsigned char>(text[i]);
        const size_t length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4;
        char32_t cp = length == 1 ? byte : byte & (0x7Fu >> length);
        for (size_t k = 1; k < length && i + k < text.size(); ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3Fu);
        out.push_back(cp);
        i += length;
    }
    return out;
}

bool IsLatinLetter(char32_t cp) {
    return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
           (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7);
}
bool IsArabicLetter(char32_t cp) {
    return cp >= 0x0621 && cp <= 0x06D3;
}
bool IsEthiopic(char32_t cp) {
    return cp >= 0x1200 && cp <= 0x137F;
}
bool IsCyrillic(char32_t cp) {
    return cp >= 0x0400 && cp <= 0x04FF;
}
// Arabic presentation forms (what pre-shaped text would hold) and bidi controls (pre-ordered text).
bool IsShapedOrOrdered(char32_t cp) {
    return (cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF) || cp == 0x200E || cp == 0x200F ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

size_t Count(std::string_view text, std::string_view what) {
    size_t count = 0;
    for (size_t at = text.find(what); at != std::string_view::npos; at = text.find(what, at + what.size()))
        ++count;
    return count;
}

// The text without its placeholders, whose letters are Latin in every language.
std::u32string WordsOf(std::string text) {
    for (std::string_view key : {"{n}", "{total}"})
        for (size_t at = text.find(key); at != std::string::npos; at = text.find(key))
            text.erase(at, key.size());
    return CodePoints(text);
}

TEST(Words, EveryVisitorLanguageHasEveryText) {
    for (const std::string& lang : kVisitorLanguages)
        for (UiText text : AllTexts()) {
            EXPECT_TRUE(HasUiText(text, lang))
                << lang << " text " << static_cast<int>(text) << " falls back to English: " << Tr(text, "en");
            EXPECT_NE(std::string_view(Tr(text, lang)).find_first_not_of(' '), std::string_view::npos)
                << lang << " text " << static_cast<int>(text);
            EXPECT_TRUE(Utf8Length(Tr(text, lang))) << lang << " text " << static_cast<int>(text);
        }
    EXPECT_FALSE(HasUiText(UiText::Next, "pt")) << "no Portuguese table: English";
    EXPECT_TRUE(HasUiText(UiText::Next, "nl-BE")) << "a regional variant uses its base";
}

TEST(Words, PlaceholdersAreTheEnglishOnes) {
    std::vector<std::string> languages = kVisitorLanguages;
    languages.insert(languages.end(), kOtherLanguages.begin(), kOtherLanguages.end());
    for (const std::string& lang : languages)
        for (UiText text : AllTexts()) {
            const std::string_view english = Tr(text, "en");
            const std::string_view translated = Tr(text, lang);
            for (std::string_view key : {"{n}", "{total}"})
                EXPECT_EQ(Count(translated, key), Count(english, key))
                    << lang << " text " << static_cast<int>(text) << " " << key << ": " << translated;
            EXPECT_EQ(Count(translated, "{"), Count(english, "{")) << lang << ": " << translated;
        }
    EXPECT_EQ(Format(Tr(UiText::QuestionOf, "ar"), 2, 6), "السؤال 2 من 6");
}

// A visitor who hears "tap Next" looks for a button that says Next, in their language.
TEST(Words, SpokenLinesNameTheButtonsAsTheyAreWritten) {
    for (const std::string& lang : kVisitorLanguages) {
        const std::string next = Tr(UiText::Next, lang);
        for (UiText spoken : {UiText::SpeakTypeNumber, UiText::SpeakTypeText, UiText::SpeakThenNext})
            EXPECT_NE(std::string_view(Tr(spoken, lang)).find(next), std::string_view::npos)
                << lang << ": \"" << Tr(spoken, lang) << "\" does not name \"" << next << "\"";
        const std::string resume = Tr(UiText::ContinueSurvey, lang);
        EXPECT_NE(std::string_view(Tr(UiText::SpeakContinue, lang)).find(resume), std::string_view::npos)
            << lang << ": \"" << Tr(UiText::SpeakContinue, lang) << "\" does not name \"" << resume << "\"";
    }
}

TEST(Words, LanguageNamesAreInTheLanguageItself) {
    EXPECT_EQ(LanguageName("nl"), "Nederlands");
    EXPECT_EQ(LanguageName("en"), "English");
    EXPECT_EQ(LanguageName("ar"), "العربية");
    EXPECT_EQ(LanguageName("tr"), "Türkçe");
    EXPECT_EQ(LanguageName("pl"), "Polski");
    EXPECT_EQ(LanguageName("uk"), "Українська");
    EXPECT_EQ(LanguageName("fa"), "فارسی");
    EXPECT_EQ(LanguageName("ti"), "ትግርኛ");
    EXPECT_EQ(LanguageName("so"), "Soomaali");
    EXPECT_EQ(LanguageName("xx"), "xx");
}

// Every letter of a language's name and words is of its own script, so no English (or Latin
// transliteration) is left in an Arabic, Farsi, Tigrinya or Ukrainian screen.
TEST(Words, NamesAndWordsAreInTheirOwnScript) {
    struct Script {
        std::string lang;
        bool (*isLetter)(char32_t);
    };
    const Script scripts[] = {{"ar", IsArabicLetter}, {"fa", IsArabicLetter}, {"ti", IsEthiopic},
                              {"uk", IsCyrillic},     {"nl", IsLatinLetter},  {"en", IsLatinLetter},
                              {"tr", IsLatinLetter},  {"pl", IsLatinLetter},  {"so", IsLatinLetter}};
    auto isAnyLetter = [](char32_t cp) {
        return IsLatinLetter(cp) || IsArabicLetter(cp) || IsEthiopic(cp) || IsCyrillic(cp);
    };
    for (const Script& script : scripts) {
        std::vector<std::string> texts = {LanguageName(script.lang)};
        for (UiText text : AllTexts())
            texts.push_back(Tr(text, script.lang));
        for (const std::string& text : texts) {
            const std::u32string words = WordsOf(text);
            EXPECT_TRUE(std::any_of(words.begin(), words.end(), script.isLetter))
                << script.lang << ": " << text;
            for (char32_t cp : words)
                EXPECT_TRUE(!isAnyLetter(cp) || script.isLetter(cp))
                    << script.lang << ": U+" << std::hex << static_cast<unsigned>(cp) << " in " << text;
        }
    }
}

// Arabic and Farsi are stored as typed (logical order, unshaped letters); shaping and ordering are the
// renderer's. Farsi has its own ye and kaf: Arabic ones would be read, and spoken, as Arabic.
TEST(Words, ArabicAndFarsiAreStoredUnshapedInLogicalOrder) {
    std::vector<std::string_view> all = AllUiStrings();
    for (std::string_view text : all)
        for (char32_t cp : CodePoints(text))
            EXPECT_FALSE(IsShapedOrOrdered(cp))
                << "U+" << std::hex << static_cast<unsigned>(cp) << " in " << text;
    for (UiText text : AllTexts()) {
        const std::u32string farsi = CodePoints(Tr(text, "fa"));
        EXPECT_EQ(farsi.find_first_of(U"\u064A\u0643"), std::u32string::npos) << Tr(text, "fa");
        const std::u32string arabic = CodePoints(Tr(text, "ar"));
        EXPECT_EQ(arabic.find_first_of(U"\u06CC\u06A9"), std::u32string::npos) << Tr(text, "ar");
    }
    // The first letter of the Arabic text comes first in memory (not a reversed string).
    EXPECT_EQ(CodePoints(Tr(UiText::Now, "ar")), U"\u0627\u0644\u0622\u0646");
}

TEST(Words, RightToLeftIsArabicAndFarsiOnly) {
    for (const std::string& lang : kVisitorLanguages)
        EXPECT_EQ(IsRightToLeft(lang), lang == "ar" || lang == "fa") << lang;
}

TEST(Words, StaffCanOfferEveryVisitorLanguage) {
    for (const std::string& lang : kVisitorLanguages)
        EXPECT_NE(std::find_if(std::begin(kStaffLanguages), std::end(kStaffLanguages),
                               [&](const char* code) { return lang == code; }),
                  std::end(kStaffLanguages))
            << lang;
}

} // namespace
} // namespace ik
