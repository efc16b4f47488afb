// Questionnaire JSON: reading text into a bounded tree, validating it into the model with a path and a
// plain message for every problem, and writing the model back out with all defaults. Nothing here
// throws to the caller: a staff member's broken file is an expected input, not an exceptional one.
//
// Index of this file:
// [SECTION] Text helpers
// [SECTION] JSON text to tree (depth-capped)
// [SECTION] Validator: typed reads
// [SECTION] Validator: labels and languages
// [SECTION] Validator: questions
// [SECTION] Validator: show_if conditions
// [SECTION] Validator: outcomes
// [SECTION] Validator: questionnaire
// [SECTION] Writing JSON
// [SECTION] Public functions
#include "core/questionnaire_json.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <climits>
#include <cmath>
#include <cstdio>
#include <initializer_list>
#include <map>
#include <memory>
#include <set>
#include <system_error>

#include "core/default_options.h"

namespace ik {

namespace {

using json = nlohmann::json;
using Severity = ValidationProblem::Severity;

// Deep enough for any real questionnaire (show_if nesting of 8 needs about 20 levels), shallow
// enough that nothing recursive we or nlohmann do on the tree can exhaust the stack.
constexpr std::size_t kMaxJsonDepth = 64;
constexpr int kMaxConditionDepth = 8;
// Messages quote values; a 1 MB "id" must not become a 1 MB message.
constexpr std::size_t kMaxQuotedCodePoints = 60;

// [SECTION] Text helpers

bool IsWordChar(char c, bool allowUpper) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
           (allowUpper && c >= 'A' && c <= 'Z');
}

bool IsIdentifier(std::string_view s, std::size_t maxLength, bool allowUpper) {
    return !s.empty() && s.size() <= maxLength &&
           std::all_of(s.begin(), s.end(), [&](char c) { return IsWordChar(c, allowUpper); });
}

// BCP 47-like: "nl", "en", "pt-BR", "sr-Latn". Lowercase primary tag so "NL" and "nl" never coexist.
bool IsLanguageCode(std::string_view s) {
    std::size_t dash = s.find('-');
    std::string_view primary = s.substr(0, dash);
    if (primary.size() < 2 || primary.size() > 3) return false;
    if (!std::all_of(primary.begin(), primary.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
        return false;
    while (dash != std::string_view::npos) {
        std::size_t next = s.find('-', dash + 1);
        std::string_view part = s.substr(dash + 1, next == std::string_view::npos ? next : next - dash - 1);
        if (part.size() < 2 || part.size() > 8) return false;
        if (!std::all_of(part.begin(), part.end(), [](char c) {
                return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            }))
            return false;
        dash = next;
    }
    return true;
}

bool IsBlank(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); });
}

// "\"value\"" with JSON-style escapes, so every message stays on one line, cut after a few words.
std::string Quote(std::string_view value) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out = "\"";
    std::size_t codePoints = 0;
    for (char c : value) {
        auto byte = static_cast<unsigned char>(c);
        if ((byte & 0xC0) != 0x80 && ++codePoints > kMaxQuotedCodePoints) {
            out += "...";
            break;
        }
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (byte < 0x20 || byte == 0x7F) {
                out += "\\u00";
                out += kHex[byte >> 4];
                out += kHex[byte & 0xF];
            } else {
                out += c;
            }
        }
    }
    out += '"';
    return out;
}

// "line 3, column 14" for the character at byte `offset`. Columns count characters, not bytes, as
// editors do; a byte-order mark is invisible in editors, so it does not count either.
std::string Position(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    std::size_t line = 1;
    std::size_t lineStart = text.starts_with("\xEF\xBB\xBF") ? std::min<std::size_t>(3, offset) : 0;
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++line;
            lineStart = i + 1;
        }
    }
    auto column = 1 + std::count_if(text.begin() + static_cast<std::ptrdiff_t>(lineStart),
                                    text.begin() + static_cast<std::ptrdiff_t>(offset),
                                    [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

std::string FormatNumber(double value) {
    char buffer[32];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return ec == std::errc() ? std::string(buffer, end) : std::to_string(value);
}

std::optional<double> ParseNumberText(std::string_view text) {
    double value = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    // from_chars also reads "inf" and "nan", which are valid option codes but not numbers to us.
    if (ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
    return value;
}

// Whole numbers are written as JSON integers: "max": 10, not "max": 10.0.
json NumberJson(double value) {
    if (std::isfinite(value) && std::trunc(value) == value && std::fabs(value) < 9.0e15)
        return static_cast<long long>(value);
    return value;
}

std::string KeyPath(const std::string& base, std::string_view key) {
    if (IsIdentifier(key, SIZE_MAX, true)) return base + "." + std::string(key);
    return base + "[" + Quote(key) + "]";
}

std::string IndexPath(const std::string& base, std::size_t index) {
    return base + "[" + std::to_string(index) + "]";
}

// nlohmann's message minus its prefix ("[json.exception.parse_error.101] parse error at line 1,
// column 7: syntax error while parsing value - ") and minus "; last read: '...'", which echoes raw
// input (control characters and all) into what should be a one-line message.
std::string ShortParseReason(const json::exception& e) {
    if (e.id == 406) return "number is too large";
    std::string_view what = e.what();
    if (auto dash = what.find(" - "); dash != std::string_view::npos)
        what.remove_prefix(dash + 3);
    else if (auto colon = what.rfind(": "); colon != std::string_view::npos)
        what.remove_prefix(colon + 2);
    if (auto lastRead = what.find("; last read: '"); lastRead != std::string_view::npos)
        what = what.substr(0, lastRead);
    return std::string(what);
}

// Byte offset of the first bracket that opens level `limit + 1`, skipping brackets inside strings.
std::size_t FindTooDeep(std::string_view text, std::size_t limit) {
    bool inString = false;
    bool escaped = false;
    std::size_t depth = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > limit) return i;
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return text.size();
}

// [SECTION] JSON text to tree (depth-capped)

// A SAX handler that builds the same tree as json::parse, but refuses to nest deeper than
// kMaxJsonDepth (json::parse happily builds 100,000 levels, and copying or comparing such a tree
// recurses once per level) and notices duplicate keys, which json::parse silently resolves by
// keeping the last one: a pasted block with a second "label" would otherwise go unnoticed.
class TreeBuilder {
public:
    explicit TreeBuilder(json& root) : m_root(root) {}

    struct DuplicateKey {
        std::string objectPath;
        std::string key;
    };

    bool TooDeep() const { return m_tooDeep; }
    std::size_t ErrorByte() const { return m_errorByte; }
    const std::string& ErrorReason() const { return m_errorReason; }
    const std::vector<DuplicateKey>& Duplicates() const { return m_duplicates; }

    // The SAX interface nlohmann::json::sax_parse expects (names are nlohmann's).
    bool null() { return Add(json(nullptr)); }
    bool boolean(bool value) { return Add(json(value)); }
    bool number_integer(json::number_integer_t value) { return Add(json(value)); }
    bool number_unsigned(json::number_unsigned_t value) { return Add(json(value)); }
    bool number_float(json::number_float_t value, const json::string_t&) { return Add(json(value)); }
    bool string(json::string_t& value) { return Add(json(std::move(value))); }
    bool binary(json::binary_t& value) { return Add(json::binary(std::move(value))); }
    bool start_object(std::size_t) { return Open(json::object()); }
    bool start_array(std::size_t) { return Open(json::array()); }
    bool end_object() { return Close(); }
    bool end_array() { return Close(); }

    bool key(json::string_t& key) {
        auto& object = m_stack.back()->get_ref<json::object_t&>();
        auto [it, inserted] = object.try_emplace(key);
        if (!inserted) {
            m_duplicates.push_back({m_paths.back(), key});
            it->second = nullptr;
        }
        m_element = &it->second;
        m_key = std::move(key);
        return true;
    }

    bool parse_error(std::size_t byte, const std::string&, const json::exception& e) {
        m_errorByte = byte;
        m_errorReason = ShortParseReason(e);
        return false;
    }

private:
    json* Place(json&& value) {
        if (m_stack.empty()) {
            m_root = std::move(value);
            return &m_root;
        }
        json& top = *m_stack.back();
        if (top.is_array()) {
            auto& array = top.get_ref<json::array_t&>();
            array.push_back(std::move(value));
            return &array.back();
        }
        *m_element = std::move(value);
        return m_element;
    }

    bool Add(json&& value) {
        Place(std::move(value));
        return true;
    }

    bool Open(json&& container) {
        if (m_stack.size() >= kMaxJsonDepth) {
            m_tooDeep = true;
            return false;
        }
        std::string path = "$";
        if (!m_stack.empty())
            path = m_stack.back()->is_array() ? IndexPath(m_paths.back(), m_stack.back()->size())
                                              : KeyPath(m_paths.back(), m_key);
        m_stack.push_back(Place(std::move(container)));
        m_paths.push_back(std::move(path));
        return true;
    }

    bool Close() {
        m_stack.pop_back();
        m_paths.pop_back();
        return true;
    }

    json& m_root;
    std::vector<json*> m_stack; // open containers; a child is never added to while its own child is open
    std::vector<std::string> m_paths;
    json* m_element = nullptr; // where the next object member goes
    std::string m_key;
    bool m_tooDeep = false;
    std::size_t m_errorByte = 0;
    std::string m_errorReason;
    std::vector<DuplicateKey> m_duplicates;
};

// [SECTION] Validator: typed reads

class Validator {
public:
    // `baseDir`: where a questionnaire file's audio files are; empty when the JSON came from elsewhere
    // (then only data: URIs can carry audio).
    explicit Validator(std::filesystem::path baseDir = {}) : m_baseDir(std::move(baseDir)) {}
    std::vector<ValidationProblem>& Problems() { return m_problems; }

    void Error(std::string path, std::string message) {
        m_problems.push_back({Severity::Error, std::move(path), std::move(message)});
    }
    void Warning(std::string path, std::string message) {
        m_problems.push_back({Severity::Warning, std::move(path), std::move(message)});
    }

    Questionnaire ReadQuestionnaire(const json& root);

private:
    static std::string Got(const json& value) { return std::string(", got ") + value.type_name(); }

    static const json* Find(const json& object, std::string_view key) {
        auto it = object.find(key);
        return it == object.end() ? nullptr : &*it;
    }

    const json* Require(const json& object, const std::string& path, std::string_view key) {
        const json* value = Find(object, key);
        if (!value) Error(path, "missing required key " + Quote(key));
        return value;
    }

    void WarnUnknownKeys(const json& object, const std::string& path,
                         std::initializer_list<std::string_view> known) {
        for (const auto& [key, value] : object.items())
            if (std::find(known.begin(), known.end(), key) == known.end())
                Warning(path, "unknown key " + Quote(key));
    }

    std::optional<std::string> ReadString(const json& value, const std::string& path) {
        if (!value.is_string()) {
            Error(path, "expected a string" + Got(value));
            return std::nullopt;
        }
        return value.get<std::string>();
    }

    std::optional<bool> ReadBool(const json& value, const std::string& path) {
        if (!value.is_boolean()) {
            Error(path, "expected true or false" + Got(value));
            return std::nullopt;
        }
        return value.get<bool>();
    }

    std::optional<double> ReadNumber(const json& value, const std::string& path) {
        if (!value.is_number()) {
            Error(path, "expected a number" + Got(value));
            return std::nullopt;
        }
        return value.get<double>();
    }

    std::optional<long long> ReadInteger(const json& value, const std::string& path, long long lo,
                                         long long hi) {
        if (!value.is_number()) {
            Error(path, "expected an integer" + Got(value));
            return std::nullopt;
        }
        std::optional<long long> result;
        if (value.is_number_unsigned()) {
            if (value.get<unsigned long long>() <= static_cast<unsigned long long>(LLONG_MAX))
                result = static_cast<long long>(value.get<unsigned long long>());
        } else if (value.is_number_integer()) {
            result = value.get<long long>();
        } else {
            Error(path, "expected an integer, got " + value.dump());
            return std::nullopt;
        }
        if (!result || *result < lo || *result > hi) {
            // Open-ended ranges (a version has no upper limit worth naming) read better as one bound.
            const bool noLow = lo == LLONG_MIN, noHigh = hi == LLONG_MAX || hi == INT_MAX;
            const bool tooLow = result && *result < lo;
            if (noLow || noHigh)
                Error(path, (tooLow ? "must be at least " + std::to_string(lo)
                                    : "must be at most " + std::to_string(hi)) +
                                ", got " + value.dump());
            else
                Error(path, "must be between " + std::to_string(lo) + " and " + std::to_string(hi) +
                                ", got " + value.dump());
            return std::nullopt;
        }
        return result;
    }

    // Reads `key` of `object` when present; `read` gets the value and its path.
    template <typename Read>
    auto ReadIfPresent(const json& object, const std::string& path, std::string_view key, Read read) {
        const json* value = Find(object, key);
        return value ? read(*value, KeyPath(path, key)) : decltype(read(*value, path))();
    }

    // Labels and languages
    void ReadLanguages(const json& value, const std::string& path, Questionnaire& q);
    // A text per language; each may be a string or {"text", "say", "audio"}. With a `spokenKey`
    // (TextKey), what "say" and "audio" give is kept for reading aloud.
    LangText ReadText(const json& value, const std::string& path, bool required, const std::string& spokenKey = {});
    void ReadSpoken(const json& item, const std::string& path, const std::string& language,
                    const std::string& spokenKey);
    std::vector<Option> ReadOptions(const json& value, const std::string& path, const std::string& questionId);

    // Questions and conditions
    void ReadQuestions(const json& value, const std::string& path, Questionnaire& q);
    Question ReadQuestion(const json& value, const std::string& path, std::size_t index,
                          const Questionnaire& q);
    void ReadTypeFields(const json& value, const std::string& path, Question& question);
    std::optional<Condition> ReadCondition(const json& value, const std::string& path, std::size_t ownIndex,
                                           const Questionnaire& q, int depth);
    const Question* ResolveConditionQuestion(const std::string& id, const std::string& path,
                                             std::size_t ownIndex, const Questionnaire& q);
    std::optional<std::string> ReadConditionValue(const json& value, const std::string& path,
                                                  const Question& target);

    // Outcomes
    void ReadOutcomes(const json& value, const std::string& path, Questionnaire& q);
    std::optional<Indicator> ReadIndicator(const json& value, const std::string& path,
                                           const Questionnaire& q);

    std::vector<ValidationProblem> m_problems;
    std::filesystem::path m_baseDir;
    SpokenTexts m_spoken;
    std::size_t m_audioBytes = 0;
    std::vector<std::string> m_languages; // the valid ones, in order
    bool m_languagesOk = false;           // false: skip per-language checks rather than repeat one mistake
    std::map<std::string, std::size_t, std::less<>> m_questionIndex; // first position of each question id
    std::vector<bool> m_typeKnown;                                   // per parsed question
};

// [SECTION] Validator: labels and languages

void Validator::ReadLanguages(const json& value, const std::string& path, Questionnaire& q) {
    if (!value.is_array()) {
        Error(path, "expected an array" + Got(value));
        return;
    }
    if (value.empty()) {
        Error(path, "must list at least one language");
        return;
    }
    bool ok = true;
    for (std::size_t i = 0; i < value.size(); ++i) {
        std::string itemPath = IndexPath(path, i);
        auto code = ReadString(value[i], itemPath);
        if (!code) {
            ok = false;
        } else if (!IsLanguageCode(*code)) {
            Error(itemPath,
                  "invalid language code " + Quote(*code) + " (expected e.g. \"nl\", \"en\" or \"pt-BR\")");
            ok = false;
        } else if (std::find(q.languages.begin(), q.languages.end(), *code) != q.languages.end()) {
            Error(itemPath, "duplicate language " + Quote(*code));
            ok = false;
        } else {
            q.languages.push_back(*code);
        }
    }
    m_languages = q.languages;
    m_languagesOk = ok;
}

LangText Validator::ReadText(const json& value, const std::string& path, bool required,
                            const std::string& spokenKey) {
    LangText text;
    if (!value.is_object()) {
        Error(path, "expected an object (language -> text)" + Got(value));
        return text;
    }
    bool anyError = false;
    std::set<std::string, std::less<>> present;
    for (const auto& [language, item] : value.items()) {
        std::string itemPath = KeyPath(path, language);
        if (m_languagesOk &&
            std::find(m_languages.begin(), m_languages.end(), language) == m_languages.end()) {
            Error(itemPath, "language " + Quote(language) + " is not listed in \"languages\"");
            anyError = true;
            continue;
        }
        present.insert(language);
        const json* written = &item;
        if (item.is_object()) {
            // {"text": "...", "say": "...", "audio": "file.ogg"}: the written words, and how to say them.
            WarnUnknownKeys(item, itemPath, {"text", "say", "audio"});
            written = Require(item, itemPath, "text");
            if (!written) {
                anyError = true;
                continue;
            }
            itemPath = KeyPath(itemPath, "text");
        }
        if (!written->is_string()) {
            Error(itemPath, (item.is_object() ? "expected a string" : "expected a string or {\"text\", \"say\", \"audio\"}") +
                                Got(*written));
            anyError = true;
            continue;
        }
        const auto& s = written->get_ref<const std::string&>();
        // Newlines and tabs are layout; other control characters draw as boxes or cut text short.
        auto bad = std::find_if(s.begin(), s.end(), [](char c) {
            auto b = static_cast<unsigned char>(c);
            return (b < 0x20 && c != '\n' && c != '\t') || b == 0x7F;
        });
        if (bad != s.end()) {
            Error(itemPath, "text contains a control character (" + Quote(std::string_view(&*bad, 1)) + ")");
            anyError = true;
            continue;
        }
        // Blank counts as not translated yet: PickText then falls back instead of showing nothing.
        if (IsBlank(s)) {
            present.erase(language);
            continue;
        }
        text[language] = s;
        if (item.is_object()) ReadSpoken(item, KeyPath(path, language), language, spokenKey);
    }
    if (anyError) return text;
    if (required && text.empty()) {
        Error(path, "no text in any language");
        return text;
    }
    if (m_languagesOk && !value.empty())
        for (const auto& language : m_languages)
            if (!present.contains(language)) Warning(path, "missing translation for " + Quote(language));
    return text;
}

void Validator::ReadSpoken(const json& item, const std::string& path, const std::string& language,
                           const std::string& spokenKey) {
    SpokenText spoken;
    if (const json* say = Find(item, "say")) {
        const std::string sayPath = KeyPath(path, "say");
        if (auto s = ReadString(*say, sayPath)) {
            if (IsBlank(*s))
                Error(sayPath, "is empty (leave \"say\" out to read the text as written)");
            else
                spoken.say = *s;
        }
    }
    if (const json* audio = Find(item, "audio")) {
        const std::string audioPath = KeyPath(path, "audio");
        if (auto reference = ReadString(*audio, audioPath)) {
            Result<AudioClip> clip = LoadAudioClip(*reference, m_baseDir);
            if (!clip) {
                Error(audioPath, clip.error());
            } else if ((m_audioBytes += clip->bytes->size()) > kMaxAudioPerQuestionnaire) {
                Error(audioPath, "the questionnaire's recordings add up to more than " +
                                     std::to_string(kMaxAudioPerQuestionnaire / (1024 * 1024)) + " MB");
            } else {
                spoken.audio = std::move(*clip);
            }
        }
    }
    if (spokenKey.empty()) {
        if (!spoken.say.empty() || spoken.audio)
            Warning(path, "\"say\" and \"audio\" are used only on texts the kiosk reads aloud");
        return;
    }
    if (!spoken.say.empty() || spoken.audio) m_spoken[spokenKey][language] = std::move(spoken);
}

std::vector<Option> Validator::ReadOptions(const json& value, const std::string& path, const std::string& questionId) {
    std::vector<Option> options;
    if (!value.is_array()) {
        Error(path, "expected an array" + Got(value));
        return options;
    }
    for (std::size_t i = 0; i < value.size(); ++i) {
        const json& item = value[i];
        std::string itemPath = IndexPath(path, i);
        if (!item.is_object()) {
            Error(itemPath, "expected an object" + Got(item));
            continue;
        }
        WarnUnknownKeys(item, itemPath, {"code", "label"});
        Option option;
        if (const json* code = Require(item, itemPath, "code")) {
            std::string codePath = KeyPath(itemPath, "code");
            if (auto s = ReadString(*code, codePath)) {
                if (!IsIdentifier(*s, 32, true))
                    Error(codePath,
                          "invalid code " + Quote(*s) + ": use 1-32 letters, digits, \"_\" or \"-\"");
                else if (std::any_of(options.begin(), options.end(),
                                     [&](const Option& o) { return o.code == *s; }))
                    Error(codePath, "duplicate code " + Quote(*s));
                option.code = *s;
            }
        }
        if (const json* label = Require(item, itemPath, "label"))
            option.label = ReadText(*label, KeyPath(itemPath, "label"), true, OptionTextKey(questionId, option.code));
        options.push_back(std::move(option));
    }
    return options;
}

// [SECTION] Validator: questions

namespace {
// Keys that only some types use; anything else on a question is an unknown key.
struct TypeKey {
    std::string_view key;
    std::initializer_list<QuestionType> types;
};
using QT = QuestionType;
const TypeKey kTypeKeys[] = {
    {"options", {QT::Likert, QT::Smiley, QT::SingleChoice, QT::MultiChoice, QT::YesNo}},
    {"dont_know", {QT::Likert}},
    {"points", {QT::Smiley}},
    {"min", {QT::Scale, QT::ThenNow}},
    {"max", {QT::Scale, QT::ThenNow}},
    {"min_label", {QT::Scale, QT::ThenNow}},
    {"max_label", {QT::Scale, QT::ThenNow}},
    {"max_choices", {QT::MultiChoice}},
    {"number_min", {QT::Number}},
    {"number_max", {QT::Number}},
    {"max_length", {QT::Text}},
};
} // namespace

void Validator::ReadQuestions(const json& value, const std::string& path, Questionnaire& q) {
    if (!value.is_array()) {
        Error(path, "expected an array" + Got(value));
        return;
    }
    if (value.empty()) {
        Error(path, "must have at least one question");
        return;
    }
    // Where every id sits, before reading any question, so show_if can tell "later" from "unknown".
    for (std::size_t i = 0; i < value.size(); ++i)
        if (value[i].is_object())
            if (auto id = value[i].find("id"); id != value[i].end() && id->is_string())
                m_questionIndex.try_emplace(id->get<std::string>(), i);

    std::set<std::string, std::less<>> seen;
    for (std::size_t i = 0; i < value.size(); ++i) {
        std::string itemPath = IndexPath(path, i);
        Question question = ReadQuestion(value[i], itemPath, i, q);
        if (!question.id.empty() && !seen.insert(question.id).second)
            Error(KeyPath(itemPath, "id"), "duplicate question id " + Quote(question.id));
        q.questions.push_back(std::move(question));
    }
}

Question Validator::ReadQuestion(const json& value, const std::string& path, std::size_t index,
                                 const Questionnaire& q) {
    Question question;
    m_typeKnown.push_back(false);
    if (!value.is_object()) {
        Error(path, "expected an object" + Got(value));
        return question;
    }
    WarnUnknownKeys(value, path,
                    {"id", "type", "required", "label", "help", "options", "dont_know", "points", "min",
                     "max", "min_label", "max_label", "max_choices", "number_min", "number_max", "max_length",
                     "show_if"});

    if (const json* id = Require(value, path, "id")) {
        std::string idPath = KeyPath(path, "id");
        if (auto s = ReadString(*id, idPath)) {
            if (IsIdentifier(*s, 64, true))
                question.id = *s;
            else
                Error(idPath,
                      "invalid question id " + Quote(*s) + ": use 1-64 letters, digits, \"_\" or \"-\"");
        }
    }

    std::optional<QuestionType> type;
    if (const json* t = Require(value, path, "type")) {
        std::string typePath = KeyPath(path, "type");
        if (auto s = ReadString(*t, typePath)) {
            type = ParseQuestionType(*s);
            if (!type) Error(typePath, "unknown question type " + Quote(*s));
        }
    }

    question.required = ReadIfPresent(value, path, "required", [&](const json& v, const std::string& p) {
                            return ReadBool(v, p);
                        }).value_or(false);
    if (const json* label = Require(value, path, "label"))
        question.label = ReadText(*label, KeyPath(path, "label"), true, QuestionTextKey(question.id, "label"));
    if (const json* help = Find(value, "help"))
        question.help = ReadText(*help, KeyPath(path, "help"), false, QuestionTextKey(question.id, "help"));

    if (type) {
        question.type = *type;
        m_typeKnown.back() = true;
        for (const auto& [key, types] : kTypeKeys)
            if (value.contains(key) && std::find(types.begin(), types.end(), *type) == types.end())
                Warning(path,
                        "key " + Quote(key) + " is not used by a " + QuestionTypeName(*type) + " question");
        if (*type == QuestionType::Info && question.required)
            Error(KeyPath(path, "required"), "an info screen cannot be required");
        ReadTypeFields(value, path, question);
    }

    if (const json* showIf = Find(value, "show_if"))
        question.showIf = ReadCondition(*showIf, KeyPath(path, "show_if"), index, q, 1);
    return question;
}

void Validator::ReadTypeFields(const json& value, const std::string& path, Question& question) {
    const std::string optionsPath = KeyPath(path, "options");
    const json* options = Find(value, "options");
    auto readInt = [&](std::string_view key, long long lo, long long hi) {
        return ReadIfPresent(value, path, key,
                             [&](const json& v, const std::string& p) { return ReadInteger(v, p, lo, hi); });
    };
    auto readNumber = [&](std::string_view key) {
        return ReadIfPresent(value, path, key,
                             [&](const json& v, const std::string& p) { return ReadNumber(v, p); });
    };
    auto needAtLeastTwo = [&] {
        if (question.options.size() < 2)
            Error(optionsPath, "needs at least 2 options, got " + std::to_string(question.options.size()));
    };

    switch (question.type) {
    case QuestionType::Likert: {
        bool dontKnow = ReadIfPresent(value, path, "dont_know", [&](const json& v, const std::string& p) {
                            return ReadBool(v, p);
                        }).value_or(false);
        if (!options) {
            question.options = DefaultLikertOptions(m_languages, dontKnow);
            break;
        }
        question.options = ReadOptions(*options, optionsPath, question.id);
        needAtLeastTwo();
        // A custom agreement scale still gets the standard "don't know" when asked for.
        if (dontKnow && !question.FindOption(kDontKnowCode))
            question.options.push_back(DefaultLikertOptions(m_languages, true).back());
        break;
    }
    case QuestionType::Smiley: {
        std::optional<long long> points = readInt("points", LLONG_MIN, LLONG_MAX);
        if (points && *points != 3 && *points != 5) {
            Error(KeyPath(path, "points"), "must be 3 or 5, got " + std::to_string(*points));
            points.reset();
        }
        if (!options) {
            question.options = DefaultSmileyOptions(m_languages, static_cast<int>(points.value_or(5)));
            break;
        }
        question.options = ReadOptions(*options, optionsPath, question.id);
        const auto count = question.options.size();
        if (count != 3 && count != 5)
            Error(optionsPath, "a smiley question needs 3 or 5 options, got " + std::to_string(count));
        else if (points && static_cast<std::size_t>(*points) != count)
            Error(KeyPath(path, "points"), "points is " + std::to_string(*points) + " but there are " +
                                               std::to_string(count) + " options");
        break;
    }
    case QuestionType::YesNo:
        if (!options) {
            question.options = DefaultYesNoOptions(m_languages);
            break;
        }
        question.options = ReadOptions(*options, optionsPath, question.id);
        // share_yes indicators and exports depend on these two codes.
        if (question.options.size() != 2 || !question.FindOption("yes") || !question.FindOption("no"))
            Error(optionsPath, "a yes_no question needs exactly the codes \"yes\" and \"no\"");
        break;
    case QuestionType::SingleChoice:
    case QuestionType::MultiChoice:
        if (!options) {
            Error(path, "missing required key \"options\"");
            break;
        }
        question.options = ReadOptions(*options, optionsPath, question.id);
        needAtLeastTwo();
        if (question.type == QuestionType::MultiChoice)
            question.maxChoices = static_cast<int>(
                readInt("max_choices", 0,
                        static_cast<long long>(std::max<std::size_t>(question.options.size(), 1)))
                    .value_or(0));
        break;
    case QuestionType::Scale:
    case QuestionType::ThenNow: {
        // A scale is 0-10 or 1-10 (the Dutch report grade) or shorter; then_now rates 2 to 10 points.
        const bool scale = question.type == QuestionType::Scale;
        question.min = scale ? 0 : 1;
        if (auto min = readInt("min", LLONG_MIN, LLONG_MAX)) {
            if (*min == 0 || *min == 1)
                question.min = static_cast<int>(*min);
            else
                Error(KeyPath(path, "min"), "must be 0 or 1, got " + std::to_string(*min));
        }
        const long long maxHi = scale ? 10 : question.min + 9;
        question.max = scale ? 10 : question.min + 4;
        if (auto max = readInt("max", question.min + 1, maxHi)) question.max = static_cast<int>(*max);
        if (const json* label = Find(value, "min_label"))
            question.minLabel =
                ReadText(*label, KeyPath(path, "min_label"), false, QuestionTextKey(question.id, "min_label"));
        if (const json* label = Find(value, "max_label"))
            question.maxLabel =
                ReadText(*label, KeyPath(path, "max_label"), false, QuestionTextKey(question.id, "max_label"));
        break;
    }
    case QuestionType::Number:
        if (auto min = readNumber("number_min")) question.numberMin = *min;
        if (auto max = readNumber("number_max")) question.numberMax = *max;
        if (question.numberMin >= question.numberMax)
            Error(value.contains("number_max") ? KeyPath(path, "number_max") : KeyPath(path, "number_min"),
                  "number_max (" + FormatNumber(question.numberMax) + ") must be greater than number_min (" +
                      FormatNumber(question.numberMin) + ")");
        break;
    case QuestionType::Text:
        question.maxLength = static_cast<int>(readInt("max_length", 1, 1000).value_or(200));
        break;
    case QuestionType::Info:
        break;
    }
}

// [SECTION] Validator: show_if conditions

namespace {
struct ConditionOp {
    std::string_view key;
    Condition::Op op;
};
constexpr ConditionOp kLeafOps[] = {
    {"equals", Condition::Op::Equals},
    {"not_equals", Condition::Op::NotEquals},
    {"in", Condition::Op::In},
    {"not_in", Condition::Op::NotIn},
    {"answered", Condition::Op::Answered},
    {"at_least", Condition::Op::AtLeast},
    {"at_most", Condition::Op::AtMost},
};
} // namespace

const Question* Validator::ResolveConditionQuestion(const std::string& id, const std::string& path,
                                                    std::size_t ownIndex, const Questionnaire& q) {
    auto it = m_questionIndex.find(id);
    if (it == m_questionIndex.end()) {
        Error(path, "show_if refers to unknown question " + Quote(id));
        return nullptr;
    }
    // Only earlier answers exist when the question is about to be shown.
    if (it->second == ownIndex) {
        Error(path, "show_if refers to this question itself");
        return nullptr;
    }
    if (it->second > ownIndex) {
        Error(path, "show_if refers to " + Quote(id) + ", which does not come before this question");
        return nullptr;
    }
    const Question& target = q.questions[it->second];
    if (!m_typeKnown[it->second]) return nullptr; // its own error says what is wrong
    if (target.type == QuestionType::Info) {
        Error(path, "show_if refers to " + Quote(id) + ", an info screen without an answer");
        return nullptr;
    }
    return &target;
}

std::optional<std::string> Validator::ReadConditionValue(const json& value, const std::string& path,
                                                         const Question& target) {
    switch (target.type) {
    case QuestionType::Scale:
    case QuestionType::Number: {
        const bool scale = target.type == QuestionType::Scale;
        const double lo = scale ? target.min : target.numberMin;
        const double hi = scale ? target.max : target.numberMax;
        if (!value.is_number()) {
            Error(path, "expected a number" + Got(value));
            return std::nullopt;
        }
        const double v = value.get<double>();
        if (scale && std::trunc(v) != v) {
            Error(path, "expected an integer, got " + value.dump());
            return std::nullopt;
        }
        if (v < lo || v > hi) {
            Error(path, "must be between " + FormatNumber(lo) + " and " + FormatNumber(hi) + ", got " +
                            value.dump());
            return std::nullopt;
        }
        return FormatNumber(v);
    }
    case QuestionType::ThenNow:
        Error(path, "a then_now answer cannot be compared; use \"answered\"");
        return std::nullopt;
    case QuestionType::Text:
        return ReadString(value, path);
    default: {
        if (!value.is_string()) {
            Error(path, "expected a string (an option code)" + Got(value));
            return std::nullopt;
        }
        const auto& code = value.get_ref<const std::string&>();
        if (!target.FindOption(code)) {
            Error(path, "unknown code " + Quote(code) + " for question " + Quote(target.id));
            return std::nullopt;
        }
        return code;
    }
    }
}

std::optional<Condition> Validator::ReadCondition(const json& value, const std::string& path,
                                                  std::size_t ownIndex, const Questionnaire& q, int depth) {
    if (!value.is_object()) {
        Error(path, "expected an object" + Got(value));
        return std::nullopt;
    }
    WarnUnknownKeys(value, path,
                    {"question", "equals", "not_equals", "in", "not_in", "answered", "at_least", "at_most",
                     "all", "any"});

    std::vector<std::string_view> forms;
    for (std::string_view key : {"all", "any", "question"})
        if (value.contains(key)) forms.push_back(key);
    if (forms.size() != 1) {
        Error(path, forms.empty() ? "a condition needs \"question\", \"all\" or \"any\""
                                  : "a condition has one of \"question\", \"all\" or \"any\", not several");
        return std::nullopt;
    }

    Condition condition;
    if (forms[0] != "question") {
        condition.op = forms[0] == "all" ? Condition::Op::All : Condition::Op::Any;
        const std::string listPath = KeyPath(path, forms[0]);
        if (depth > kMaxConditionDepth) {
            Error(listPath,
                  "show_if is nested more than " + std::to_string(kMaxConditionDepth) + " levels deep");
            return std::nullopt;
        }
        for (const auto& [key, op] : kLeafOps)
            if (value.contains(key))
                Error(KeyPath(path, key), Quote(key) + " belongs inside a condition with \"question\"");
        const json& list = value[forms[0]];
        if (!list.is_array()) {
            Error(listPath, "expected an array of conditions" + Got(list));
            return std::nullopt;
        }
        if (list.empty()) {
            Error(listPath, "needs at least one condition");
            return std::nullopt;
        }
        bool ok = true;
        for (std::size_t i = 0; i < list.size(); ++i) {
            auto child = ReadCondition(list[i], IndexPath(listPath, i), ownIndex, q, depth + 1);
            if (child)
                condition.children.push_back(std::move(*child));
            else
                ok = false;
        }
        return ok ? std::optional(std::move(condition)) : std::nullopt;
    }

    const std::string questionPath = KeyPath(path, "question");
    auto id = ReadString(value["question"], questionPath);
    std::vector<ConditionOp> ops;
    for (const auto& op : kLeafOps)
        if (value.contains(op.key)) ops.push_back(op);
    if (ops.size() != 1) {
        Error(path, ops.empty() ? "a condition needs one of \"equals\", \"not_equals\", \"in\", \"not_in\", "
                                  "\"answered\", \"at_least\", \"at_most\""
                                : "a condition tests one thing; combine tests with \"all\" or \"any\"");
        return std::nullopt;
    }
    if (!id) return std::nullopt;
    condition.question = *id;
    condition.op = ops[0].op;
    const Question* target = ResolveConditionQuestion(*id, questionPath, ownIndex, q);
    const json& operand = value[ops[0].key];
    const std::string operandPath = KeyPath(path, ops[0].key);

    bool ok = target != nullptr;
    switch (condition.op) {
    case Condition::Op::Answered: {
        auto answered = ReadBool(operand, operandPath);
        if (!answered) return std::nullopt;
        condition.op = *answered ? Condition::Op::Answered : Condition::Op::NotAnswered;
        break;
    }
    case Condition::Op::Equals:
    case Condition::Op::NotEquals:
        if (target) {
            auto v = ReadConditionValue(operand, operandPath, *target);
            if (v)
                condition.values.push_back(std::move(*v));
            else
                ok = false;
        }
        break;
    case Condition::Op::In:
    case Condition::Op::NotIn:
        if (!operand.is_array() || operand.empty()) {
            Error(operandPath,
                  operand.is_array() ? "needs at least one value" : "expected an array" + Got(operand));
            return std::nullopt;
        }
        for (std::size_t i = 0; target && i < operand.size(); ++i) {
            auto v = ReadConditionValue(operand[i], IndexPath(operandPath, i), *target);
            if (v)
                condition.values.push_back(std::move(*v));
            else
                ok = false;
        }
        break;
    case Condition::Op::AtLeast:
    case Condition::Op::AtMost: {
        auto number = ReadNumber(operand, operandPath);
        if (!number) return std::nullopt;
        condition.number = *number;
        if (target && target->type != QuestionType::Scale && target->type != QuestionType::Number) {
            Error(operandPath, Quote(ops[0].key) + " needs a scale or number question; " + Quote(target->id) +
                                   " is " + QuestionTypeName(target->type));
            ok = false;
        } else if (target) {
            ok = ReadConditionValue(operand, operandPath, *target).has_value();
        }
        break;
    }
    default:
        break;
    }
    return ok ? std::optional(std::move(condition)) : std::nullopt;
}

// [SECTION] Validator: outcomes

namespace {
struct IndicatorRule {
    std::string_view type;
    std::initializer_list<QuestionType> questionTypes;
    std::string_view wanted; // for the message
    bool share;              // a percentage, so its target is 0..100
};
const IndicatorRule kIndicatorRules[] = {
    {"top2_share", {QT::Likert, QT::Smiley, QT::Scale}, "a likert, smiley or scale question", true},
    {"share_yes", {QT::YesNo}, "a yes_no question", true},
    {"mean",
     {QT::Scale, QT::Number, QT::Likert, QT::Smiley},
     "a scale, number, likert or smiley question",
     false},
    {"mean_change", {QT::ThenNow}, "a then_now question", false},
    {"share_improved", {QT::ThenNow}, "a then_now question", true},
};
} // namespace

std::optional<Indicator> Validator::ReadIndicator(const json& value, const std::string& path,
                                                  const Questionnaire& q) {
    if (!value.is_object()) {
        Error(path, "expected an object" + Got(value));
        return std::nullopt;
    }
    WarnUnknownKeys(value, path, {"type", "question", "target"});
    Indicator indicator;
    const IndicatorRule* rule = nullptr;
    if (const json* type = Require(value, path, "type")) {
        std::string typePath = KeyPath(path, "type");
        if (auto s = ReadString(*type, typePath)) {
            for (const auto& r : kIndicatorRules)
                if (r.type == *s) rule = &r;
            if (!rule) Error(typePath, "unknown indicator type " + Quote(*s));
            indicator.type = *s;
        }
    }
    const Question* question = nullptr;
    if (const json* id = Require(value, path, "question")) {
        std::string idPath = KeyPath(path, "question");
        if (auto s = ReadString(*id, idPath)) {
            indicator.question = *s;
            auto it = m_questionIndex.find(*s);
            if (it == m_questionIndex.end()) {
                Error(idPath, "unknown question " + Quote(*s));
            } else if (m_typeKnown[it->second]) {
                question = &q.questions[it->second];
                if (rule && std::find(rule->questionTypes.begin(), rule->questionTypes.end(),
                                      question->type) == rule->questionTypes.end()) {
                    Error(idPath, "a " + std::string(rule->type) + " indicator needs " +
                                      std::string(rule->wanted) + "; " + Quote(*s) + " is " +
                                      QuestionTypeName(question->type));
                } else if (rule && rule->type == "mean" && HasOptions(question->type)) {
                    // A mean of custom codes ("never", "often") would be a number without meaning.
                    for (const auto& option : question->options)
                        if (option.code != kDontKnowCode && !ParseNumberText(option.code)) {
                            Error(idPath, "a mean needs numeric option codes; " + Quote(*s) + " has code " +
                                              Quote(option.code));
                            break;
                        }
                }
            }
        }
    }
    if (const json* target = Find(value, "target")) {
        std::string targetPath = KeyPath(path, "target");
        if (auto t = ReadNumber(*target, targetPath)) {
            indicator.target = *t;
            if (rule && rule->share && (*t < 0 || *t > 100))
                Error(targetPath, "a share target is a percentage from 0 to 100, got " + target->dump());
            else if (rule && rule->type == "mean" && question && question->type == QuestionType::Scale &&
                     (*t < question->min || *t > question->max))
                Error(targetPath, "must be between " + std::to_string(question->min) + " and " +
                                      std::to_string(question->max) + ", got " + target->dump());
        }
    }
    return indicator;
}

void Validator::ReadOutcomes(const json& value, const std::string& path, Questionnaire& q) {
    if (!value.is_array()) {
        Error(path, "expected an array" + Got(value));
        return;
    }
    std::set<std::string, std::less<>> seen;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const json& item = value[i];
        std::string itemPath = IndexPath(path, i);
        if (!item.is_object()) {
            Error(itemPath, "expected an object" + Got(item));
            continue;
        }
        WarnUnknownKeys(item, itemPath, {"id", "label", "indicators"});
        Outcome outcome;
        if (const json* id = Require(item, itemPath, "id")) {
            std::string idPath = KeyPath(itemPath, "id");
            if (auto s = ReadString(*id, idPath)) {
                if (!IsIdentifier(*s, 64, true))
                    Error(idPath,
                          "invalid outcome id " + Quote(*s) + ": use 1-64 letters, digits, \"_\" or \"-\"");
                else if (!seen.insert(*s).second)
                    Error(idPath, "duplicate outcome id " + Quote(*s));
                outcome.id = *s;
            }
        }
        if (const json* label = Require(item, itemPath, "label"))
            outcome.label = ReadText(*label, KeyPath(itemPath, "label"), true);
        if (const json* indicators = Require(item, itemPath, "indicators")) {
            std::string listPath = KeyPath(itemPath, "indicators");
            if (!indicators->is_array()) {
                Error(listPath, "expected an array" + Got(*indicators));
            } else if (indicators->empty()) {
                Error(listPath, "needs at least one indicator");
            } else {
                for (std::size_t k = 0; k < indicators->size(); ++k)
                    if (auto indicator = ReadIndicator((*indicators)[k], IndexPath(listPath, k), q))
                        outcome.indicators.push_back(std::move(*indicator));
            }
        }
        q.outcomes.push_back(std::move(outcome));
    }
}

// [SECTION] Validator: questionnaire

Questionnaire Validator::ReadQuestionnaire(const json& root) {
    Questionnaire q;
    const std::string path = "$";
    if (!root.is_object()) {
        Error(path, "expected an object" + Got(root));
        return q;
    }
    // "$schema" lets editors fetch docs/questionnaire.schema.json for completion; it carries no data.
    WarnUnknownKeys(root, path,
                    {"$schema", "id", "version", "languages", "theme", "title", "intro", "thanks",
                     "questions", "outcomes"});

    if (const json* id = Require(root, path, "id")) {
        if (auto s = ReadString(*id, "$.id")) {
            if (IsIdentifier(*s, 64, false))
                q.id = *s;
            else
                Error("$.id",
                      "invalid id " + Quote(*s) + ": use 1-64 lowercase letters, digits, \"_\" or \"-\"");
        }
    }
    if (const json* version = Require(root, path, "version"))
        if (auto v = ReadInteger(*version, "$.version", 1, INT_MAX)) q.version = static_cast<int>(*v);
    if (const json* languages = Require(root, path, "languages")) ReadLanguages(*languages, "$.languages", q);
    if (const json* theme = Find(root, "theme")) {
        if (auto s = ReadString(*theme, "$.theme")) {
            if (IsIdentifier(*s, 64, false))
                q.theme = *s;
            else
                Error("$.theme",
                      "invalid theme " + Quote(*s) + ": use 1-64 lowercase letters, digits, \"_\" or \"-\"");
        }
    }
    if (const json* title = Require(root, path, "title")) q.title = ReadText(*title, "$.title", true, "title");
    if (const json* intro = Find(root, "intro")) q.intro = ReadText(*intro, "$.intro", false, "intro");
    if (const json* thanks = Find(root, "thanks")) q.thanks = ReadText(*thanks, "$.thanks", false, "thanks");
    if (const json* questions = Require(root, path, "questions")) ReadQuestions(*questions, "$.questions", q);
    if (const json* outcomes = Find(root, "outcomes")) ReadOutcomes(*outcomes, "$.outcomes", q);
    q.spoken = std::move(m_spoken);
    return q;
}

// [SECTION] Writing JSON

// A text per language; where the questionnaire says how a language speaks it, {"text", "say",
// "audio"} with the recording inside as a data: URI, so the JSON carries everything.
json TextJson(const LangText& text, const Questionnaire* q = nullptr, std::string_view spokenKey = {}) {
    json out = json::object();
    for (const auto& [language, value] : text) {
        const SpokenText* spoken = q && !spokenKey.empty() ? q->Spoken(spokenKey, language) : nullptr;
        if (!spoken) {
            out[language] = value;
            continue;
        }
        json item = {{"text", value}};
        if (!spoken->say.empty()) item["say"] = spoken->say;
        if (spoken->audio) item["audio"] = spoken->audio->DataUri();
        out[language] = std::move(item);
    }
    return out;
}

// Condition values are kept as text in the model; scale and number questions compare numbers, so
// they go back out as JSON numbers.
json ConditionValueJson(const std::string& value, const Question* target) {
    if (target && (target->type == QuestionType::Scale || target->type == QuestionType::Number))
        if (auto number = ParseNumberText(value)) return NumberJson(*number);
    return value;
}

json ConditionJson(const Condition& c, const Questionnaire& q) {
    using Op = Condition::Op;
    json out = json::object();
    if (c.op == Op::All || c.op == Op::Any) {
        json list = json::array();
        for (const auto& child : c.children)
            list.push_back(ConditionJson(child, q));
        out[c.op == Op::All ? "all" : "any"] = std::move(list);
        return out;
    }
    const Question* target = q.FindQuestion(c.question);
    out["question"] = c.question;
    auto values = [&] {
        json list = json::array();
        for (const auto& v : c.values)
            list.push_back(ConditionValueJson(v, target));
        return list;
    };
    auto first = [&] {
        return c.values.empty() ? json(nullptr) : ConditionValueJson(c.values.front(), target);
    };
    switch (c.op) {
    case Op::Equals:
        out["equals"] = first();
        break;
    case Op::NotEquals:
        out["not_equals"] = first();
        break;
    case Op::In:
        out["in"] = values();
        break;
    case Op::NotIn:
        out["not_in"] = values();
        break;
    case Op::Answered:
        out["answered"] = true;
        break;
    case Op::NotAnswered:
        out["answered"] = false;
        break;
    case Op::AtLeast:
        out["at_least"] = NumberJson(c.number);
        break;
    case Op::AtMost:
        out["at_most"] = NumberJson(c.number);
        break;
    default:
        break;
    }
    return out;
}

json QuestionJson(const Question& question, const Questionnaire& q) {
    json out = json::object();
    out["id"] = question.id;
    out["type"] = QuestionTypeName(question.type);
    out["required"] = question.required;
    out["label"] = TextJson(question.label, &q, QuestionTextKey(question.id, "label"));
    if (!question.help.empty()) out["help"] = TextJson(question.help, &q, QuestionTextKey(question.id, "help"));
    if (HasOptions(question.type)) {
        json options = json::array();
        for (const auto& option : question.options)
            options.push_back(
                {{"code", option.code}, {"label", TextJson(option.label, &q, OptionTextKey(question.id, option.code))}});
        out["options"] = std::move(options);
    }
    switch (question.type) {
    case QuestionType::Likert:
        out["dont_know"] = question.FindOption(kDontKnowCode) != nullptr;
        break;
    case QuestionType::Smiley:
        out["points"] = question.options.size();
        break;
    case QuestionType::MultiChoice:
        out["max_choices"] = question.maxChoices;
        break;
    case QuestionType::Scale:
    case QuestionType::ThenNow:
        out["min"] = question.min;
        out["max"] = question.max;
        if (!question.minLabel.empty())
            out["min_label"] = TextJson(question.minLabel, &q, QuestionTextKey(question.id, "min_label"));
        if (!question.maxLabel.empty())
            out["max_label"] = TextJson(question.maxLabel, &q, QuestionTextKey(question.id, "max_label"));
        break;
    case QuestionType::Number:
        out["number_min"] = NumberJson(question.numberMin);
        out["number_max"] = NumberJson(question.numberMax);
        break;
    case QuestionType::Text:
        out["max_length"] = question.maxLength;
        break;
    default:
        break;
    }
    if (question.showIf) out["show_if"] = ConditionJson(*question.showIf, q);
    return out;
}

} // namespace

// [SECTION] Public functions

bool ParsedQuestionnaire::HasErrors() const {
    return std::any_of(problems.begin(), problems.end(),
                       [](const ValidationProblem& p) { return p.severity == Severity::Error; });
}

ParsedQuestionnaire ParseQuestionnaire(std::string_view jsonText, const std::filesystem::path& baseDir) {
    ParsedQuestionnaire result;
    auto fail = [&](std::string message) {
        result.problems.push_back({Severity::Error, "$", std::move(message)});
        return result;
    };
    try {
        if (jsonText.empty()) return fail("file is empty");
        if (IsBlank(jsonText)) return fail("file contains only whitespace");
        // Checked up front so every string taken from the tree is valid UTF-8 (dump() would throw).
        if (std::size_t valid = ValidUtf8Prefix(jsonText); valid != jsonText.size())
            return fail("invalid UTF-8 at " + Position(jsonText, valid));

        json root;
        TreeBuilder builder(root);
        const bool parsed = json::sax_parse(jsonText.begin(), jsonText.end(), &builder);
        if (builder.TooDeep())
            return fail("JSON is nested more than " + std::to_string(kMaxJsonDepth) + " levels deep at " +
                        Position(jsonText, FindTooDeep(jsonText, kMaxJsonDepth)));
        if (!parsed) {
            // nlohmann counts the offending byte 1-based; at end of input it is one past the end.
            const std::size_t offset = builder.ErrorByte() > 0 ? builder.ErrorByte() - 1 : 0;
            return fail("not valid JSON: " + builder.ErrorReason() + " at " + Position(jsonText, offset));
        }

        for (const auto& duplicate : builder.Duplicates())
            result.problems.push_back(
                {Severity::Error, duplicate.objectPath, "duplicate key " + Quote(duplicate.key)});
        Validator validator(baseDir);
        Questionnaire questionnaire = validator.ReadQuestionnaire(root);
        for (auto& problem : validator.Problems())
            result.problems.push_back(std::move(problem));
        if (!result.HasErrors()) result.questionnaire = std::move(questionnaire);
    } catch (const std::exception& e) {
        // Only resource exhaustion gets here (e.g. std::bad_alloc); still a message, never a crash.
        result.questionnaire.reset();
        result.problems = {{Severity::Error, "$", std::string("cannot read questionnaire: ") + e.what()}};
    }
    return result;
}

ParsedQuestionnaire LoadQuestionnaireFile(const std::filesystem::path& file) {
    ParsedQuestionnaire result;
    auto fail = [&](std::string message) {
        result.problems.push_back({Severity::Error, "$", std::move(message)});
        return result;
    };
    try {
        struct FileCloser {
            void operator()(std::FILE* f) const { std::fclose(f); }
        };
        std::unique_ptr<std::FILE, FileCloser> handle(std::fopen(file.c_str(), "rb"));
        if (!handle) return fail("cannot read file: " + std::generic_category().message(errno));

        // Read one byte past the cap rather than trusting the size on disk: pipes and /proc files
        // report 0, and the file may grow while we read.
        std::string text;
        constexpr std::size_t kChunk = 64 * 1024;
        while (true) {
            const std::size_t old = text.size();
            text.resize(old + kChunk);
            const std::size_t got = std::fread(text.data() + old, 1, kChunk, handle.get());
            text.resize(old + got);
            if (text.size() > kMaxQuestionnaireFileBytes)
                return fail("file is larger than " + std::to_string(kMaxQuestionnaireFileBytes / (1024 * 1024)) +
                            " MiB");
            if (got < kChunk) {
                if (std::ferror(handle.get()))
                    return fail("cannot read file: " + std::generic_category().message(errno));
                break;
            }
        }
        handle.reset();
        return ParseQuestionnaire(text, file.parent_path().empty() ? std::filesystem::path(".") : file.parent_path());
    } catch (const std::exception& e) {
        return fail(std::string("cannot read file: ") + e.what());
    }
}

std::string FormatProblem(std::string_view fileName, const ValidationProblem& problem) {
    std::string line(fileName);
    line += ": ";
    line += problem.path;
    line += ": ";
    if (problem.severity == Severity::Warning) line += "warning: ";
    line += problem.message;
    return line;
}

nlohmann::json QuestionnaireToJson(const Questionnaire& questionnaire) {
    const Questionnaire& q = questionnaire;
    json out = json::object();
    try {
        out["id"] = q.id;
        out["version"] = q.version;
        out["languages"] = q.languages;
        if (!q.theme.empty()) out["theme"] = q.theme;
        out["title"] = TextJson(q.title, &q, "title");
        if (!q.intro.empty()) out["intro"] = TextJson(q.intro, &q, "intro");
        if (!q.thanks.empty()) out["thanks"] = TextJson(q.thanks, &q, "thanks");
        json questions = json::array();
        for (const auto& question : q.questions)
            questions.push_back(QuestionJson(question, q));
        out["questions"] = std::move(questions);
        json outcomes = json::array();
        for (const auto& outcome : q.outcomes) {
            json indicators = json::array();
            for (const auto& indicator : outcome.indicators) {
                json i = {{"type", indicator.type}, {"question", indicator.question}};
                if (indicator.target) i["target"] = NumberJson(*indicator.target);
                indicators.push_back(std::move(i));
            }
            outcomes.push_back(
                {{"id", outcome.id}, {"label", TextJson(outcome.label)}, {"indicators", indicators}});
        }
        out["outcomes"] = std::move(outcomes);
    } catch (const std::exception&) {
        // Building the tree only allocates; when memory runs out, null says "no result" where a
        // partial object would pass for a questionnaire.
        return nullptr;
    }
    return out;
}

std::string CanonicalQuestionnaireJson(const Questionnaire& questionnaire) {
    try {
        // `replace` keeps a hand-built model with bad UTF-8 from throwing; parsed models are always valid.
        return QuestionnaireToJson(questionnaire).dump(-1, ' ', false, json::error_handler_t::replace);
    } catch (const std::exception&) {
        return {};
    }
}

} // namespace ik
