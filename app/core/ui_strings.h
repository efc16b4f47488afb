// The kiosk's own words ("Tap to start", "Next", ...) in every language a questionnaire may offer,
// each language's name in that language and its writing direction. Questionnaire text comes from the
// questionnaire. Pure data: the screens draw these words and read them aloud.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ik {

enum class UiText {
    TapToStart,
    ChooseLanguage,
    Next,
    Finish,
    Back,
    Stop,
    QuestionOf,     // "Question {n} of {total}"
    StillThere,     // "Are you still there?"
    StillThereHint, // "The survey closes in {n} seconds"
    ContinueSurvey, // "Yes, continue"
    ThankYou,
    ChooseAll,  // multi choice hint: "Choose all that apply"
    ChooseUpTo, // "Choose up to {n}"
    Before,
    Now,
    Anonymous, // attract footer: "Anonymous - takes about a minute"
    Skip,      // "Next" on an optional question not answered yet
    Erase,     // the keypad erase key (drawn as an arrow; the word is for automation)
    Closed,    // attract screen outside the schedule
    Space,     // the space bar of the on-screen keyboard
    // The visitor's own settings (labels of the buttons; the buttons show icons).
    ReadAloud,    // the speaker button: "Read aloud"
    TextLarger,   // "Larger text"
    TextSmaller,  // "Smaller text"
    HighContrast, // "High contrast"
    // Said aloud after a question and its answers: how to answer.
    SpeakChooseNumber, // scale: "Choose a number from {n} to {total}."
    SpeakTypeNumber,   // number: "Type the number on the keys, then tap Next."
    SpeakTypeText,     // text: "Type your answer on the keyboard, then tap Next."
    SpeakThenNext,     // multi choice, after its options: "Then tap Next."
    SpeakThenNow,      // then/now: "First choose how it was before, then how it is now."
    SpeakContinue,     // idle warning: "Tap Yes, continue to go on."
    Count_
};

// The text in `lang`, falling back to English.
const char* Tr(UiText text, std::string_view lang);
// Whether the kiosk has its own words for `text` in `lang`, so Tr does not fall back to English.
bool HasUiText(UiText text, std::string_view lang);
// Replaces "{n}" and "{total}" in `pattern`.
std::string Format(const char* pattern, int n, int total = 0);
// "Nederlands", "English", "Українська", ...; the code itself when unknown.
std::string LanguageName(std::string_view lang);
// Arabic, Farsi (and Hebrew, Urdu, Pashto, Sorani, Dari) are written right to left: their screens are mirrored.
bool IsRightToLeft(std::string_view lang);
// The languages staff can write questionnaires in and offer to visitors: the library network's
// visitors (DESIGN.md users).
inline constexpr const char* kStaffLanguages[] = {"nl", "en", "pl", "uk", "ar", "tr",
                                                  "fa", "ti", "so", "de", "fr"};
// Every string of every language, for building the font's glyph set.
std::vector<std::string_view> AllUiStrings();

} // namespace ik
