// The questionnaire model's small queries: type names, show_if evaluation and answer checks.
// Validation of whole files lives in questionnaire_json.cpp; this file only judges single values.
#include "core/questionnaire.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <set>

namespace ik {

namespace {

const std::string kEmpty;

struct TypeName {
    QuestionType type;
    const char* name;
};

// The JSON names are part of the file format contract (DESIGN.md, "Questionnaire format").
constexpr TypeName kTypeNames[] = {
    {QuestionType::Likert, "likert"},
    {QuestionType::Smiley, "smiley"},
    {QuestionType::Scale, "scale"},
    {QuestionType::SingleChoice, "single_choice"},
    {QuestionType::MultiChoice, "multi_choice"},
    {QuestionType::YesNo, "yes_no"},
    {QuestionType::Number, "number"},
    {QuestionType::Text, "text"},
    {QuestionType::ThenNow, "then_now"},
    {QuestionType::Info, "info"},
};

// Null, an empty array (multi_choice with nothing ticked) and an empty string all mean "no answer":
// a visitor who skipped a question must not satisfy a condition by accident.
bool IsAnswered(const nlohmann::json& value) {
    if (value.is_null()) return false;
    if (value.is_array() || value.is_string() || value.is_object()) return !value.empty();
    return true;
}

const nlohmann::json* FindAnswer(const AnswerMap& answers, std::string_view questionId) {
    auto it = answers.find(questionId);
    if (it == answers.end() || !IsAnswered(it->second)) return nullptr;
    return &it->second;
}

std::optional<double> ParseNumber(std::string_view text) {
    double value = 0;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc() || ptr != end || !std::isfinite(value)) return std::nullopt;
    return value;
}

// Numbers compare as numbers, so a condition value "7" matches the answer 7 and 7.0 alike;
// numeric option codes ("4" on a likert) count as numbers for at_least/at_most.
std::optional<double> NumericValue(const nlohmann::json& value) {
    if (value.is_number()) return value.get<double>();
    if (value.is_string()) return ParseNumber(value.get_ref<const std::string&>());
    return std::nullopt;
}

bool ScalarMatches(const nlohmann::json& answer, const std::string& wanted) {
    if (answer.is_string()) return answer.get_ref<const std::string&>() == wanted;
    if (answer.is_number()) {
        auto w = ParseNumber(wanted);
        return w && answer.get<double>() == *w;
    }
    return false;
}

bool MatchesAny(const nlohmann::json& answer, const std::vector<std::string>& wanted) {
    auto matches = [&](const nlohmann::json& single) {
        return std::any_of(wanted.begin(), wanted.end(),
                           [&](const std::string& w) { return ScalarMatches(single, w); });
    };
    if (answer.is_array()) return std::any_of(answer.begin(), answer.end(), matches);
    return matches(answer);
}

std::optional<long long> IntegralValue(const nlohmann::json& value) {
    if (value.is_number_integer()) {
        if (value.is_number_unsigned()) {
            auto u = value.get<unsigned long long>();
            if (u > static_cast<unsigned long long>(std::numeric_limits<long long>::max()))
                return std::nullopt;
            return static_cast<long long>(u);
        }
        return value.get<long long>();
    }
    // Answers may have passed through a store or a sync hop that writes 7 as 7.0.
    if (value.is_number_float()) {
        double d = value.get<double>();
        if (std::isfinite(d) && std::trunc(d) == d && std::fabs(d) < 1e15) return static_cast<long long>(d);
    }
    return std::nullopt;
}

bool IsIntegerInRange(const nlohmann::json& value, int lo, int hi) {
    auto v = IntegralValue(value);
    return v && *v >= lo && *v <= hi;
}

bool IsBlank(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); });
}

} // namespace

// [SECTION] Text and types

const std::string& PickText(const LangText& text, std::string_view lang, std::string_view fallback) {
    // Empty strings count as missing, so an untranslated "" never hides a usable fallback.
    auto find = [&](std::string_view code) -> const std::string* {
        if (code.empty()) return nullptr;
        auto it = text.find(std::string(code));
        return it != text.end() && !it->second.empty() ? &it->second : nullptr;
    };
    if (auto* s = find(lang)) return *s;
    if (auto* s = find(fallback)) return *s;
    for (const auto& [code, value] : text)
        if (!value.empty()) return value;
    return kEmpty;
}

const char* QuestionTypeName(QuestionType type) {
    for (const auto& t : kTypeNames)
        if (t.type == type) return t.name;
    return "unknown";
}

std::optional<QuestionType> ParseQuestionType(std::string_view name) {
    for (const auto& t : kTypeNames)
        if (name == t.name) return t.type;
    return std::nullopt;
}

bool HasOptions(QuestionType type) {
    switch (type) {
    case QuestionType::Likert:
    case QuestionType::Smiley:
    case QuestionType::SingleChoice:
    case QuestionType::MultiChoice:
    case QuestionType::YesNo:
        return true;
    default:
        return false;
    }
}

bool TakesAnswer(QuestionType type) {
    return type != QuestionType::Info;
}

std::size_t ValidUtf8Prefix(std::string_view text) {
    // Strict UTF-8: no overlong forms, no surrogates, nothing past U+10FFFF (RFC 3629).
    std::size_t i = 0;
    while (i < text.size()) {
        auto c = static_cast<unsigned char>(text[i]);
        std::size_t len = 0;
        unsigned lo = 0x80, hi = 0xBF; // allowed range of the second byte
        if (c < 0x80) {
            len = 1;
        } else if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            if (c == 0xE0) lo = 0xA0;
            if (c == 0xED) hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            if (c == 0xF0) lo = 0x90;
            if (c == 0xF4) hi = 0x8F;
        } else {
            return i;
        }
        if (len > text.size() - i) return i;
        for (std::size_t k = 1; k < len; ++k) {
            auto b = static_cast<unsigned char>(text[i + k]);
            if (b < (k == 1 ? lo : 0x80u) || b > (k == 1 ? hi : 0xBFu)) return i;
        }
        i += len;
    }
    return i;
}

std::optional<std::size_t> Utf8Length(std::string_view text) {
    if (ValidUtf8Prefix(text) != text.size()) return std::nullopt;
    return static_cast<std::size_t>(std::count_if(
        text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// [SECTION] Conditions

bool Evaluate(const Condition& condition, const AnswerMap& answers) {
    using Op = Condition::Op;
    switch (condition.op) {
    case Op::All:
        return std::all_of(condition.children.begin(), condition.children.end(),
                           [&](const Condition& c) { return Evaluate(c, answers); });
    case Op::Any:
        return std::any_of(condition.children.begin(), condition.children.end(),
                           [&](const Condition& c) { return Evaluate(c, answers); });
    default:
        break;
    }

    const nlohmann::json* answer = FindAnswer(answers, condition.question);
    switch (condition.op) {
    case Op::Answered:
        return answer != nullptr;
    case Op::NotAnswered:
        return answer == nullptr;
    case Op::Equals:
    case Op::In:
        return answer && MatchesAny(*answer, condition.values);
    // The negations are exact complements, so "not_equals" holds for a skipped question.
    case Op::NotEquals:
    case Op::NotIn:
        return !(answer && MatchesAny(*answer, condition.values));
    case Op::AtLeast:
    case Op::AtMost: {
        if (!answer) return false;
        auto v = NumericValue(*answer);
        if (!v) return false;
        return condition.op == Op::AtLeast ? *v >= condition.number : *v <= condition.number;
    }
    default:
        return false;
    }
}

// [SECTION] Answers

bool IsValidAnswer(const Question& question, const nlohmann::json& value) {
    switch (question.type) {
    case QuestionType::Likert:
    case QuestionType::Smiley:
    case QuestionType::SingleChoice:
    case QuestionType::YesNo:
        return value.is_string() && question.FindOption(value.get_ref<const std::string&>()) != nullptr;

    case QuestionType::MultiChoice: {
        if (!value.is_array() || value.empty()) return false;
        if (question.maxChoices > 0 && value.size() > static_cast<std::size_t>(question.maxChoices))
            return false;
        std::set<std::string_view> seen;
        for (const auto& item : value) {
            if (!item.is_string()) return false;
            const auto& code = item.get_ref<const std::string&>();
            if (!question.FindOption(code) || !seen.insert(code).second) return false;
        }
        return true;
    }

    case QuestionType::Scale:
        return IsIntegerInRange(value, question.min, question.max);

    case QuestionType::Number: {
        if (!value.is_number()) return false;
        double v = value.get<double>();
        return std::isfinite(v) && v >= question.numberMin && v <= question.numberMax;
    }

    case QuestionType::Text: {
        if (!value.is_string()) return false;
        const auto& text = value.get_ref<const std::string&>();
        auto length = Utf8Length(text);
        return length && !IsBlank(text) &&
               *length <= static_cast<std::size_t>(std::max(question.maxLength, 0));
    }

    case QuestionType::ThenNow: {
        if (!value.is_object() || value.size() != 2) return false;
        auto then = value.find("then");
        auto now = value.find("now");
        return then != value.end() && now != value.end() &&
               IsIntegerInRange(*then, question.min, question.max) &&
               IsIntegerInRange(*now, question.min, question.max);
    }

    case QuestionType::Info:
        return false;
    }
    return false;
}

// [SECTION] Lookups

const Option* Question::FindOption(std::string_view code) const {
    for (const auto& option : options)
        if (option.code == code) return &option;
    return nullptr;
}

const Question* Questionnaire::FindQuestion(std::string_view questionId) const {
    for (const auto& question : questions)
        if (question.id == questionId) return &question;
    return nullptr;
}

int Questionnaire::IndexOf(std::string_view questionId) const {
    for (std::size_t i = 0; i < questions.size(); ++i)
        if (questions[i].id == questionId) return static_cast<int>(i);
    return -1;
}

const std::string& Questionnaire::DefaultLanguage() const {
    return languages.empty() ? kEmpty : languages.front();
}

std::string QuestionTextKey(std::string_view questionId, std::string_view field) {
    return "questions." + std::string(questionId) + "." + std::string(field);
}

std::string OptionTextKey(std::string_view questionId, std::string_view code) {
    return "questions." + std::string(questionId) + ".options." + std::string(code);
}

const SpokenText* Questionnaire::Spoken(std::string_view key, std::string_view lang) const {
    const auto texts = spoken.find(key);
    if (texts == spoken.end()) return nullptr;
    const auto it = texts->second.find(std::string(lang));
    return it == texts->second.end() ? nullptr : &it->second;
}

const LangText* FindText(const Questionnaire& q, std::string_view key) {
    if (key == "title") return &q.title;
    if (key == "intro") return &q.intro;
    if (key == "thanks") return &q.thanks;
    for (const Question& question : q.questions) {
        for (const auto& [field, text] :
             {std::pair<std::string_view, const LangText*>{"label", &question.label},
              {"help", &question.help},
              {"min_label", &question.minLabel},
              {"max_label", &question.maxLabel}})
            if (key == QuestionTextKey(question.id, field)) return text;
        for (const Option& option : question.options)
            if (key == OptionTextKey(question.id, option.code)) return &option.label;
    }
    return nullptr;
}

SpokenTexts SpeechOfUnchangedTexts(const Questionnaire& before, const Questionnaire& after) {
    SpokenTexts kept;
    for (const auto& [key, byLanguage] : after.spoken) {
        const LangText* old = FindText(before, key);
        const LangText* now = FindText(after, key);
        if (!old || !now) continue;
        for (const auto& [lang, spoken] : byLanguage) {
            const auto a = old->find(lang), b = now->find(lang);
            if (a != old->end() && b != now->end() && a->second == b->second) kept[key][lang] = spoken;
        }
    }
    return kept;
}

} // namespace ik
