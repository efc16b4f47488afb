// The questionnaire model: questions, options, show_if conditions and outcomes, as staff define them
// and as every response refers to them (by id and version). Pure data plus small queries; JSON
// reading, writing and validation live in questionnaire_json.h.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/audio_clip.h"

namespace ik {

// Text per language code ("nl" -> "Ik voel me zekerder").
using LangText = std::map<std::string, std::string>;

// The text for `lang`, else for `fallback`, else any text, else "".
const std::string& PickText(const LangText& text, std::string_view lang, std::string_view fallback = {});

// Length in bytes of the longest valid UTF-8 prefix of `text` (text.size() when all of it is valid).
std::size_t ValidUtf8Prefix(std::string_view text);
// Code points in `text` (what a visitor sees as characters, e.g. for max_length), or nullopt when
// `text` is not valid UTF-8.
std::optional<std::size_t> Utf8Length(std::string_view text);

enum class QuestionType {
    Likert,       // 5-point agreement, faces plus words, optional "don't know" (code "dk")
    Smiley,       // 3 or 5 faces
    Scale,        // 0-10 or 1-10 (the Dutch report grade)
    SingleChoice, // big tiles, one answer
    MultiChoice,  // big tiles, several answers (optional max)
    YesNo,        // codes "yes" / "no"
    Number,       // on-screen keypad, min/max
    Text,         // on-screen keyboard, max length; off by default for privacy
    ThenNow,      // one item rated "before" and "now" (retrospective pre-test)
    Info,         // a screen with no answer
};

const char* QuestionTypeName(QuestionType type);
std::optional<QuestionType> ParseQuestionType(std::string_view name);
// Types whose answers are option codes (likert, smiley, single/multi choice, yes/no).
bool HasOptions(QuestionType type);
// Everything but info takes an answer.
bool TakesAnswer(QuestionType type);

// The code of the "don't know" option on likert questions; excluded from denominators.
inline constexpr std::string_view kDontKnowCode = "dk";

struct Option {
    std::string code; // stable: answers store the code, never the label
    LangText label;

    bool operator==(const Option&) const = default;
};

// A show_if condition on earlier answers. JSON forms:
//   {"question": "q1", "equals": "yes"}       {"question": "q1", "not_equals": "no"}
//   {"question": "q1", "in": ["a", "b"]}      {"question": "q1", "not_in": ["a"]}
//   {"question": "q1", "answered": true}      {"question": "q5", "at_least": 7} / "at_most"
//   {"all": [ ... ]}                          {"any": [ ... ]}
// For multi_choice answers, equals/in are true when any selected code matches.
struct Condition {
    enum class Op { Equals, NotEquals, In, NotIn, Answered, NotAnswered, AtLeast, AtMost, All, Any };
    Op op = Op::Answered;
    std::string question;            // all ops but All/Any
    std::vector<std::string> values; // Equals/NotEquals (one), In/NotIn; numbers as decimal text
    double number = 0;               // AtLeast/AtMost
    std::vector<Condition> children; // All/Any

    bool operator==(const Condition&) const = default;
};

// Answers given so far, by question id. Values: option code (string), scale/number (number),
// multi_choice (array of codes), text (string), then_now ({"then": n, "now": m}).
using AnswerMap = std::map<std::string, nlohmann::json, std::less<>>;

bool Evaluate(const Condition& condition, const AnswerMap& answers);

struct Question {
    std::string id;
    QuestionType type = QuestionType::Likert;
    bool required = false;
    LangText label; // the question as the visitor reads it
    LangText help;  // optional smaller line under it

    std::vector<Option> options; // HasOptions(type): filled with defaults when the file gives none

    // scale and then_now: the range; scale is 0-10 or 1-10, then_now defaults to 1-5
    int min = 0;
    int max = 10;
    LangText minLabel; // words under the lowest and highest value ("not at all" / "very much")
    LangText maxLabel;

    int maxChoices = 0; // multi_choice: 0 = no limit

    double numberMin = 0; // number
    double numberMax = 999;

    int maxLength = 200; // text

    std::optional<Condition> showIf;

    const Option* FindOption(std::string_view code) const;

    bool operator==(const Question&) const = default;
};

// How an outcome's evidence is computed from the answers to one question.
struct Indicator {
    std::string type;             // "top2_share", "share_yes", "mean", "mean_change", "share_improved"
    std::string question;         // question id
    std::optional<double> target; // shares in percent (70 = 70%), means in the question's units

    bool operator==(const Indicator&) const = default;
};

struct Outcome {
    std::string id;
    LangText label; // "Participants feel more confident using a computer"
    std::vector<Indicator> indicators;

    bool operator==(const Outcome&) const = default;
};

// How one text is read aloud in one language when reading the written words with the synthetic voice
// is not right: other words (`say`, e.g. "OV-chipkaart" said as "O V chipkaart"), or a recording for
// a language without a voice.
struct SpokenText {
    std::string say;                // empty: the written text
    std::optional<AudioClip> audio; // played instead of the voice
    bool operator==(const SpokenText&) const = default;
};
// Text key (TextKey*) -> language -> how it is spoken.
using SpokenTexts = std::map<std::string, std::map<std::string, SpokenText>, std::less<>>;

// Keys of the texts a questionnaire has, for SpokenTexts: "title", "intro", "thanks",
// "questions.<id>.label" (and .help, .min_label, .max_label), "questions.<id>.options.<code>".
std::string QuestionTextKey(std::string_view questionId, std::string_view field);
std::string OptionTextKey(std::string_view questionId, std::string_view code);

struct Questionnaire {
    std::string id;
    int version = 1;
    std::vector<std::string> languages; // the first is the default
    std::string theme;                  // e.g. "digital_literacy"
    LangText title;
    LangText intro;
    LangText thanks;
    std::vector<Question> questions;
    std::vector<Outcome> outcomes;
    SpokenTexts spoken; // only texts spoken otherwise than written

    const Question* FindQuestion(std::string_view questionId) const;
    // How the text `key` is spoken in `lang`, when the questionnaire says so.
    const SpokenText* Spoken(std::string_view key, std::string_view lang) const;
    int IndexOf(std::string_view questionId) const; // -1 when absent
    const std::string& DefaultLanguage() const;

    // Field by field; tests use it to check that writing and reading again loses nothing.
    bool operator==(const Questionnaire&) const = default;
};

// The text a key (QuestionTextKey, OptionTextKey, "title", ...) names, or null when there is none.
const LangText* FindText(const Questionnaire& q, std::string_view key);
// The spoken words and recordings of `after` whose written text is still what it was in `before`:
// a recording of words staff have since changed would say the old words.
SpokenTexts SpeechOfUnchangedTexts(const Questionnaire& before, const Questionnaire& after);

// Whether `value` is a well-formed answer to `question` (right type, known codes, in range).
bool IsValidAnswer(const Question& question, const nlohmann::json& value);

} // namespace ik
