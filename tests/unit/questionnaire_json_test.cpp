// Questionnaire JSON: every broken file gives the one line a staff member would read, good files load
// with their defaults filled in, and writing then reading again loses nothing. Also show_if
// evaluation and answer checks, since the kiosk relies on both for every visitor.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <string>
#include <unistd.h>
#include <vector>

#include "core/default_options.h"
#include "core/questionnaire_edit.h"
#include "core/questionnaire_json.h"

namespace ik {
namespace {

using json = nlohmann::json;
using Severity = ValidationProblem::Severity;

const std::filesystem::path kBrokenDir = std::filesystem::path(IK_TEST_DATA) / "broken";
const std::filesystem::path kSample =
    std::filesystem::path(IK_ASSET_DIR) / "questionnaires" / "digital_skills_confidence.json";
const std::filesystem::path kLanguageCafe =
    std::filesystem::path(IK_ASSET_DIR) / "questionnaires" / "language_cafe.json";
const std::filesystem::path kAllTypes = std::filesystem::path(IK_TEST_DATA) / "all_question_types.json";
// The languages of the visitors of language cafés and civic-integration courses (CONTEXT.md).
const std::vector<std::string> kVisitorLanguages = {"nl", "en", "ar", "tr", "pl", "uk", "fa", "ti", "so"};

// The line `questionnaire validate` prints for the first error, or "" when there is none.
std::string FirstError(const std::filesystem::path& file, const ParsedQuestionnaire& parsed) {
    for (const auto& problem : parsed.problems)
        if (problem.severity == Severity::Error) return FormatProblem(file.filename().string(), problem);
    return "";
}

std::vector<std::string> AllLines(std::string_view name, const ParsedQuestionnaire& parsed) {
    std::vector<std::string> lines;
    for (const auto& problem : parsed.problems)
        lines.push_back(FormatProblem(name, problem));
    return lines;
}

std::string ReadAll(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A scratch directory for files too big or too odd to check in; removed afterwards.
class ScratchDir {
public:
    ScratchDir() {
        m_path =
            std::filesystem::temp_directory_path() /
            ("ik_questionnaire_json_test_" + std::to_string(::getpid()) + "_" + std::to_string(s_counter++));
        std::filesystem::create_directories(m_path);
    }
    ~ScratchDir() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;

    std::filesystem::path Write(const std::string& name, const std::string& content) const {
        auto file = m_path / name;
        std::ofstream(file, std::ios::binary) << content;
        return file;
    }
    const std::filesystem::path& Path() const { return m_path; }

private:
    static inline int s_counter = 0;
    std::filesystem::path m_path;
};

// A small valid questionnaire for tests that change one thing.
json MinimalJson() {
    return json::parse(R"({
        "id": "mini", "version": 1, "languages": ["nl", "en"],
        "title": {"nl": "Proef", "en": "Test"},
        "questions": [
            {"id": "q1", "type": "yes_no", "label": {"nl": "Nuttig?", "en": "Useful?"}}
        ]
    })");
}

ParsedQuestionnaire ParseJson(const json& document) {
    return ParseQuestionnaire(document.dump());
}

// [SECTION] Broken files

struct BrokenCase {
    const char* file;
    const char* firstError;
};

const BrokenCase kBrokenCases[] = {
    {"empty.json", "empty.json: $: file is empty"},
    {"whitespace_only.json", "whitespace_only.json: $: file contains only whitespace"},
    {"truncated.json", "truncated.json: $: not valid JSON: unexpected end of input; expected string literal "
                       "at line 13, column 6"},
    {"not_json.json", "not_json.json: $: not valid JSON: invalid literal at line 1, column 1"},
    {"top_level_array.json", "top_level_array.json: $: expected an object, got array"},
    {"missing_id.json", "missing_id.json: $: missing required key \"id\""},
    {"version_not_integer.json", "version_not_integer.json: $.version: expected an integer, got string"},
    {"empty_languages.json", "empty_languages.json: $.languages: must list at least one language"},
    {"question_missing_label.json",
     "question_missing_label.json: $.questions[1]: missing required key \"label\""},
    {"unknown_question_type.json",
     "unknown_question_type.json: $.questions[0].type: unknown question type \"slider\""},
    {"duplicate_question_id.json",
     "duplicate_question_id.json: $.questions[2].id: duplicate question id \"q1\""},
    {"duplicate_option_code.json",
     "duplicate_option_code.json: $.questions[2].options[1].code: duplicate code \"a\""},
    {"single_choice_one_option.json",
     "single_choice_one_option.json: $.questions[0].options: needs at least 2 options, got 1"},
    {"show_if_later_question.json",
     "show_if_later_question.json: $.questions[0].show_if.question: show_if refers "
     "to \"q2\", which does not come before this question"},
    {"show_if_nested_later.json",
     "show_if_nested_later.json: $.questions[2].show_if.all[1].question: show_if "
     "refers to \"q4\", which does not come before this question"},
    {"show_if_unknown_code.json",
     "show_if_unknown_code.json: $.questions[1].show_if.equals: unknown code \"maybe\" for question \"q1\""},
    {"show_if_info.json",
     "show_if_info.json: $.questions[2].show_if.question: show_if refers to \"welcome\", an "
     "info screen without an answer"},
    {"show_if_too_deep.json",
     "show_if_too_deep.json: "
     "$.questions[1].show_if.any[0].any[0].any[0].any[0].any[0].any[0].any[0].any[0].any: "
     "show_if is nested more than 8 levels deep"},
    {"label_unlisted_language.json",
     "label_unlisted_language.json: $.questions[0].label.fr: language \"fr\" is not listed in \"languages\""},
    {"label_not_object.json",
     "label_not_object.json: $.questions[0].label: expected an object (language -> text), got string"},
    {"questions_not_array.json", "questions_not_array.json: $.questions: expected an array, got object"},
    {"info_required.json", "info_required.json: $.questions[0].required: an info screen cannot be required"},
    {"indicator_missing_question.json",
     "indicator_missing_question.json: $.outcomes[0].indicators[0].question: unknown question \"q9\""},
    {"indicator_wrong_question_type.json",
     "indicator_wrong_question_type.json: $.outcomes[0].indicators[0].question: a top2_share indicator needs "
     "a "
     "likert, smiley or scale question; \"q1\" is yes_no"},
    {"share_target_150.json",
     "share_target_150.json: $.outcomes[0].indicators[0].target: a share target is a "
     "percentage from 0 to 100, got 150"},
    {"scale_min_5.json", "scale_min_5.json: $.questions[0].min: must be 0 or 1, got 5"},
    {"smiley_four_points.json", "smiley_four_points.json: $.questions[2].points: must be 3 or 5, got 4"},
    {"yes_no_wrong_codes.json", "yes_no_wrong_codes.json: $.questions[0].options: a yes_no question needs "
                                "exactly the codes \"yes\" and \"no\""},
    {"text_max_length_too_big.json",
     "text_max_length_too_big.json: $.questions[2].max_length: must be between 1 and 1000, got 5000"},
    {"bad_question_id.json", "bad_question_id.json: $.questions[1].id: invalid question id \"q 2\": use 1-64 "
                             "letters, digits, \"_\" or \"-\""},
    {"duplicate_key.json", "duplicate_key.json: $.questions[1]: duplicate key \"label\""},
    {"huge_number.json", "huge_number.json: $: not valid JSON: number is too large at line 3, column 18"},
    {"invalid_utf8.json", "invalid_utf8.json: $: invalid UTF-8 at line 18, column 24"},
    {"nul_byte.json",
     "nul_byte.json: $: not valid JSON: invalid string: control character U+0000 (NUL) must be "
     "escaped to \\u0000 at line 18, column 22"},
};

class BrokenFile : public ::testing::TestWithParam<BrokenCase> {};

TEST_P(BrokenFile, FirstErrorNamesFilePathAndProblem) {
    const auto file = kBrokenDir / GetParam().file;
    ASSERT_TRUE(std::filesystem::exists(file)) << file;
    ParsedQuestionnaire parsed = LoadQuestionnaireFile(file);
    EXPECT_EQ(FirstError(file, parsed), GetParam().firstError);
    EXPECT_TRUE(parsed.HasErrors());
    EXPECT_FALSE(parsed.questionnaire.has_value()) << "a file with errors must never be half-imported";
}

INSTANTIATE_TEST_SUITE_P(QuestionnaireJson, BrokenFile, ::testing::ValuesIn(kBrokenCases),
                         [](const ::testing::TestParamInfo<BrokenCase>& row) {
                             std::string name = row.param.file;
                             name = name.substr(0, name.find('.'));
                             return name;
                         });

TEST(QuestionnaireJson, EveryBrokenFileHasARow) {
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(kBrokenDir)) {
        const auto name = entry.path().filename().string();
        ++files;
        EXPECT_TRUE(std::any_of(std::begin(kBrokenCases), std::end(kBrokenCases),
                                [&](const BrokenCase& c) { return name == c.file; }))
            << name << " has no expected error in kBrokenCases";
    }
    EXPECT_EQ(files, std::size(kBrokenCases));
}

TEST(QuestionnaireJson, HundredThousandNestedArraysAreRejectedWithoutOverflow) {
    ScratchDir dir;
    const std::size_t depth = 100000;
    auto file = dir.Write("deep.json", std::string(depth, '[') + std::string(depth, ']'));
    ParsedQuestionnaire parsed = LoadQuestionnaireFile(file);
    EXPECT_EQ(FirstError(file, parsed),
              "deep.json: $: JSON is nested more than 64 levels deep at line 1, column 65");
    EXPECT_FALSE(parsed.questionnaire);
}

TEST(QuestionnaireJson, DeepNestingInsideAQuestionnaireIsRejected) {
    ScratchDir dir;
    // Unclosed objects inside a real document: the position points at the first bracket too many
    // (the top-level object is level 1, so that is the 64th "{\"a\":").
    std::string text = "{\n  \"id\": \"deep\",\n  \"questions\": ";
    for (int i = 0; i < 100000; ++i)
        text += "{\"a\":";
    auto file = dir.Write("deep_objects.json", text);
    EXPECT_EQ(FirstError(file, LoadQuestionnaireFile(file)),
              "deep_objects.json: $: JSON is nested more than 64 levels deep at line 3, column 331");
}

TEST(QuestionnaireJson, FileOverTheCapIsRejected) {
    ScratchDir dir;
    auto file = dir.Write("big.json", std::string(kMaxQuestionnaireFileBytes + 1, ' '));
    EXPECT_EQ(FirstError(file, LoadQuestionnaireFile(file)), "big.json: $: file is larger than 16 MiB");
}

TEST(QuestionnaireJson, FileOfExactlyTheCapStillLoads) {
    ScratchDir dir;
    std::string text = ReadAll(kSample);
    text.resize(kMaxQuestionnaireFileBytes, ' ');
    auto file = dir.Write("padded.json", text);
    ParsedQuestionnaire parsed = LoadQuestionnaireFile(file);
    EXPECT_TRUE(parsed.problems.empty()) << FirstError(file, parsed);
    EXPECT_TRUE(parsed.questionnaire);
}

TEST(QuestionnaireJson, UnreadableFilesSayWhy) {
    ScratchDir dir;
    EXPECT_EQ(FirstError("missing.json", LoadQuestionnaireFile(dir.Path() / "missing.json")),
              "missing.json: $: cannot read file: No such file or directory");
    EXPECT_EQ(FirstError("folder", LoadQuestionnaireFile(dir.Path())),
              "folder: $: cannot read file: Is a directory");
}

// [SECTION] Hostile input never crashes

TEST(QuestionnaireJson, EveryTruncationOfTheSampleIsAnErrorNotACrash) {
    const std::string text = ReadAll(kSample);
    ASSERT_FALSE(text.empty());
    for (std::size_t length = 0; length < text.size(); ++length) {
        // Only a prefix that is a whole document plus nothing can load; the sample ends in "}\n".
        ParsedQuestionnaire parsed = ParseQuestionnaire(std::string_view(text).substr(0, length));
        if (length + 1 < text.size()) {
            ASSERT_TRUE(parsed.HasErrors()) << "prefix of " << length << " bytes";
            ASSERT_FALSE(parsed.questionnaire);
        }
    }
}

TEST(QuestionnaireJson, WrongTypesEverywhereAreErrorsNotCrashes) {
    const json sample = json::parse(ReadAll(kAllTypes));
    const json flat = sample.flatten();
    const json wrongValues[] = {nullptr,
                                true,
                                -1,
                                1.5,
                                1e300,
                                "",
                                "x",
                                json::array(),
                                json::object(),
                                json::array({1, "a", nullptr})};
    int withErrors = 0;
    for (const auto& [pointer, original] : flat.items()) {
        for (const auto& wrong : wrongValues) {
            json changed = sample;
            changed[json::json_pointer(pointer)] = wrong;
            ParsedQuestionnaire parsed = ParseJson(changed);
            if (parsed.HasErrors()) {
                ++withErrors;
                EXPECT_FALSE(parsed.questionnaire);
                for (const auto& problem : parsed.problems) {
                    EXPECT_EQ(problem.path.rfind('$', 0), 0u) << pointer;
                    EXPECT_FALSE(problem.message.empty()) << pointer;
                    EXPECT_EQ(problem.message.find('\n'), std::string::npos) << pointer;
                }
            }
        }
    }
    EXPECT_GT(withErrors, 1000);
}

TEST(QuestionnaireJson, EscapedNulAndControlCharactersInTextAreErrors) {
    json doc = MinimalJson();
    doc["title"]["en"] = std::string("Te\0st", 5);
    EXPECT_EQ(FirstError("f.json", ParseJson(doc)),
              "f.json: $.title.en: text contains a control character (\"\\u0000\")");
    doc["title"]["en"] = "Line one\nline two\tand a tab";
    EXPECT_FALSE(ParseJson(doc).HasErrors()) << "newlines and tabs are layout, not garbage";
}

TEST(QuestionnaireJson, HugeNumbersAreRangeErrors) {
    json doc = MinimalJson();
    doc["version"] = 18446744073709551615ull;
    EXPECT_EQ(FirstError("f.json", ParseJson(doc)),
              "f.json: $.version: must be at most 2147483647, got 18446744073709551615");
    doc["version"] = 1e300;
    EXPECT_EQ(FirstError("f.json", ParseJson(doc)), "f.json: $.version: expected an integer, got 1e+300");
    doc["version"] = 0;
    EXPECT_EQ(FirstError("f.json", ParseJson(doc)), "f.json: $.version: must be at least 1, got 0");
}

TEST(QuestionnaireJson, LongValuesAreCutShortInMessages) {
    json doc = MinimalJson();
    doc["questions"][0]["type"] = std::string(100000, 'x');
    std::string line = FirstError("f.json", ParseJson(doc));
    EXPECT_LT(line.size(), 200u);
    EXPECT_NE(line.find("unknown question type \"xxxx"), std::string::npos) << line;
}

TEST(QuestionnaireJson, SeveralErrorsAreAllReported) {
    json doc = MinimalJson();
    doc["questions"].push_back({{"id", "q2"}, {"type", "slider"}, {"label", {{"nl", "a"}, {"en", "b"}}}});
    doc["questions"].push_back({{"id", "q3"}, {"type", "likert"}, {"required", "yes"}});
    EXPECT_EQ(AllLines("f.json", ParseJson(doc)),
              (std::vector<std::string>{
                  "f.json: $.questions[1].type: unknown question type \"slider\"",
                  "f.json: $.questions[2].required: expected true or false, got string",
                  "f.json: $.questions[2]: missing required key \"label\"",
              }));
}

// [SECTION] Good files

TEST(QuestionnaireJson, BundledSampleLoadsWithoutErrorsOrWarnings) {
    ParsedQuestionnaire parsed = LoadQuestionnaireFile(kSample);
    EXPECT_EQ(AllLines("sample", parsed), std::vector<std::string>{});
    ASSERT_TRUE(parsed.questionnaire);
    const Questionnaire& q = *parsed.questionnaire;
    EXPECT_EQ(q.id, "digital_skills_confidence");
    EXPECT_EQ(q.version, 1);
    EXPECT_EQ(q.languages, (std::vector<std::string>{"nl", "en"}));
    EXPECT_EQ(q.DefaultLanguage(), "nl");
    EXPECT_EQ(q.theme, "digital_literacy");
    for (const char* id : {"learned", "confident", "will_use", "knows_help"}) {
        const Question* question = q.FindQuestion(id);
        ASSERT_NE(question, nullptr) << id;
        EXPECT_EQ(question->type, QuestionType::Likert);
        EXPECT_NE(question->FindOption(kDontKnowCode), nullptr) << id;
    }
    const Question* grade = q.FindQuestion("grade");
    ASSERT_NE(grade, nullptr);
    EXPECT_EQ(grade->min, 1);
    EXPECT_EQ(grade->max, 10);
    EXPECT_EQ(q.FindQuestion("recommend")->type, QuestionType::YesNo);
    ASSERT_TRUE(q.FindQuestion("why_not")->showIf);
    EXPECT_EQ(q.IndexOf("why_not"), 6);
    EXPECT_EQ(q.IndexOf("nope"), -1);

    ASSERT_EQ(q.outcomes.size(), 5u);
    const Outcome& satisfaction = q.outcomes[4];
    EXPECT_EQ(satisfaction.id, "satisfaction");
    ASSERT_EQ(satisfaction.indicators.size(), 2u);
    EXPECT_EQ(satisfaction.indicators[0].type, "mean");
    EXPECT_EQ(satisfaction.indicators[0].target, 7.5);
    EXPECT_EQ(satisfaction.indicators[1].type, "share_yes");
    EXPECT_EQ(satisfaction.indicators[1].target, 80);
}

// The second sample, for a language café or civic-integration course: every text in all nine languages,
// so a visitor never meets a line in a language they did not choose.
TEST(QuestionnaireJson, LanguageCafeSampleIsInNineLanguagesWithTargets) {
    ParsedQuestionnaire parsed = LoadQuestionnaireFile(kLanguageCafe);
    EXPECT_EQ(AllLines("language_cafe.json", parsed), std::vector<std::string>{});
    ASSERT_TRUE(parsed.questionnaire);
    const Questionnaire& q = *parsed.questionnaire;
    EXPECT_EQ(q.id, "language_cafe");
    EXPECT_EQ(q.theme, "civic_integration");
    EXPECT_EQ(q.languages, kVisitorLanguages);
    EXPECT_EQ(q.DefaultLanguage(), "nl");
    for (const std::string& language : kVisitorLanguages) {
        EXPECT_EQ(MissingTranslations(q, language), std::vector<std::string>{}) << language;
        for (const LangText* text : {&q.title, &q.intro, &q.thanks})
            EXPECT_TRUE(text->contains(language)) << language;
    }
    std::vector<QuestionType> types;
    for (const Question& question : q.questions)
        types.push_back(question.type);
    for (QuestionType type : {QuestionType::Likert, QuestionType::Smiley, QuestionType::ThenNow,
                              QuestionType::YesNo, QuestionType::SingleChoice, QuestionType::Scale})
        EXPECT_NE(std::find(types.begin(), types.end(), type), types.end()) << QuestionTypeName(type);
    EXPECT_EQ(std::find(types.begin(), types.end(), QuestionType::Text), types.end()) << "free text is off";
    ASSERT_GE(q.outcomes.size(), 3u);
    for (const Outcome& outcome : q.outcomes) {
        ASSERT_FALSE(outcome.indicators.empty()) << outcome.id;
        for (const Indicator& indicator : outcome.indicators)
            EXPECT_TRUE(indicator.target) << outcome.id << " " << indicator.type;
    }
    EXPECT_EQ(q.outcomes[0].indicators[0].type, "top2_share");
    EXPECT_EQ(q.outcomes[0].indicators[0].question, "confident");
    EXPECT_EQ(q.outcomes[0].indicators[0].target, 70);
}

TEST(QuestionnaireJson, RoundTripGivesAnEqualQuestionnaire) {
    for (const auto& file : {kSample, kLanguageCafe, kAllTypes}) {
        ParsedQuestionnaire first = LoadQuestionnaireFile(file);
        ASSERT_TRUE(first.questionnaire) << FirstError(file, first);
        EXPECT_TRUE(first.problems.empty()) << AllLines(file.filename().string(), first).front();

        const std::string written = QuestionnaireToJson(*first.questionnaire).dump(2);
        ParsedQuestionnaire second = ParseQuestionnaire(written);
        ASSERT_TRUE(second.questionnaire) << FirstError(file, second);
        EXPECT_TRUE(second.problems.empty()) << "the written form must not even warn";
        EXPECT_TRUE(*first.questionnaire == *second.questionnaire) << file;
        EXPECT_EQ(CanonicalQuestionnaireJson(*first.questionnaire),
                  CanonicalQuestionnaireJson(*second.questionnaire));
    }
}

TEST(QuestionnaireJson, CanonicalJsonIsCompactAndKeySorted) {
    ParsedQuestionnaire parsed = LoadQuestionnaireFile(kSample);
    ASSERT_TRUE(parsed.questionnaire);
    const std::string canonical = CanonicalQuestionnaireJson(*parsed.questionnaire);
    EXPECT_EQ(canonical, QuestionnaireToJson(*parsed.questionnaire).dump());
    EXPECT_EQ(canonical.rfind("{\"id\":\"digital_skills_confidence\",\"intro\":{\"en\":", 0), 0u)
        << canonical;
    EXPECT_EQ(canonical.find('\n'), std::string::npos);
}

TEST(QuestionnaireJson, WrittenFormSpellsOutDefaults) {
    ParsedQuestionnaire parsed = LoadQuestionnaireFile(kAllTypes);
    ASSERT_TRUE(parsed.questionnaire);
    const json out = QuestionnaireToJson(*parsed.questionnaire);
    const json& agree = out["questions"][1];
    EXPECT_EQ(agree["dont_know"], true);
    EXPECT_EQ(agree["required"], true);
    EXPECT_EQ(agree["options"].size(), 6u);
    EXPECT_EQ(agree["options"][5],
              json::parse(R"({"code": "dk", "label": {"en": "Don't know", "nl": "Weet ik niet",
                                                   "pt-BR": "Don't know"}})"));
    EXPECT_EQ(out["questions"][2]["points"], 3);
    EXPECT_EQ(out["questions"][5]["max_choices"], 2);
    EXPECT_EQ(out["questions"][6]["show_if"], json::parse(R"({"question": "visit", "answered": false})"));
    EXPECT_EQ(out["questions"][7]["show_if"], json::parse(R"({"question": "grade", "equals": 8})"));
    EXPECT_EQ(out["questions"][7]["number_max"], 50.5);
    EXPECT_EQ(out["questions"][8]["max_length"], 120);
    EXPECT_EQ(out["questions"][9]["min"], 1);
    EXPECT_EQ(out["questions"][9]["max"], 7);
    EXPECT_FALSE(out["questions"][0].contains("options")) << "info has no options";
}

TEST(QuestionnaireJson, DefaultsAreFilledIn) {
    json doc = MinimalJson();
    doc["languages"] = {"nl", "en", "pt-BR", "nl-BE"};
    doc["title"] = {{"nl", "Proef"}, {"en", "Test"}, {"pt-BR", "Teste"}, {"nl-BE", "Proef"}};
    auto label = json{{"nl", "Vraag"}, {"en", "Question"}, {"pt-BR", "Pergunta"}, {"nl-BE", "Vraag"}};
    doc["questions"] = json::array({
        {{"id", "agree_dk"}, {"type", "likert"}, {"dont_know", true}, {"label", label}},
        {{"id", "agree"}, {"type", "likert"}, {"label", label}},
        {{"id", "faces"}, {"type", "smiley"}, {"label", label}},
        {{"id", "faces3"}, {"type", "smiley"}, {"points", 3}, {"label", label}},
        {{"id", "yn"}, {"type", "yes_no"}, {"label", label}},
        {{"id", "grade"}, {"type", "scale"}, {"label", label}},
        {{"id", "before_after"}, {"type", "then_now"}, {"label", label}},
        {{"id", "count"}, {"type", "number"}, {"label", label}},
        {{"id", "remark"}, {"type", "text"}, {"label", label}},
        {{"id", "topics"},
         {"type", "multi_choice"},
         {"label", label},
         {"options", {{{"code", "a"}, {"label", label}}, {{"code", "b"}, {"label", label}}}}},
    });
    ParsedQuestionnaire parsed = ParseJson(doc);
    ASSERT_TRUE(parsed.questionnaire) << FirstError("f.json", parsed);
    EXPECT_TRUE(parsed.problems.empty());
    const Questionnaire& q = *parsed.questionnaire;

    const Question& agreeDk = q.questions[0];
    ASSERT_EQ(agreeDk.options.size(), 6u);
    std::vector<std::string> codes;
    for (const auto& option : agreeDk.options)
        codes.push_back(option.code);
    EXPECT_EQ(codes, (std::vector<std::string>{"1", "2", "3", "4", "5", "dk"}));
    EXPECT_EQ(agreeDk.options[0].label.at("nl"), "Helemaal mee oneens");
    EXPECT_EQ(agreeDk.options[4].label.at("nl"), "Helemaal mee eens");
    EXPECT_EQ(agreeDk.options[5].label.at("nl"), "Weet ik niet");
    EXPECT_EQ(agreeDk.options[0].label.at("en"), "Strongly disagree");
    EXPECT_EQ(agreeDk.options[0].label.at("pt-BR"), "Strongly disagree") << "no built-in Portuguese: English";
    EXPECT_EQ(agreeDk.options[0].label.at("nl-BE"), "Helemaal mee oneens")
        << "a regional variant uses its base";
    for (const auto& option : agreeDk.options)
        EXPECT_EQ(option.label.size(), 4u) << option.code;

    EXPECT_EQ(q.questions[1].options.size(), 5u);
    EXPECT_EQ(q.questions[1].FindOption(kDontKnowCode), nullptr);
    EXPECT_EQ(q.questions[2].options.size(), 5u);
    EXPECT_EQ(q.questions[2].options[4].label.at("en"), "Very happy");
    ASSERT_EQ(q.questions[3].options.size(), 3u);
    EXPECT_EQ(q.questions[3].options[2].code, "3");
    EXPECT_EQ(q.questions[4].options[0].code, "yes");
    EXPECT_EQ(q.questions[4].options[0].label.at("nl"), "Ja");
    EXPECT_EQ(q.questions[4].options[1].label.at("nl"), "Nee");
    EXPECT_EQ(q.questions[5].min, 0);
    EXPECT_EQ(q.questions[5].max, 10);
    EXPECT_EQ(q.questions[6].min, 1);
    EXPECT_EQ(q.questions[6].max, 5);
    EXPECT_EQ(q.questions[7].numberMin, 0);
    EXPECT_EQ(q.questions[7].numberMax, 999);
    EXPECT_EQ(q.questions[8].maxLength, 200);
    EXPECT_EQ(q.questions[9].maxChoices, 0);
    EXPECT_FALSE(q.questions[0].required);
}

TEST(QuestionnaireJson, CustomLikertOptionsGetDontKnowWhenAskedFor) {
    json doc = MinimalJson();
    auto label = json{{"nl", "x"}, {"en", "x"}};
    doc["questions"][0] = {
        {"id", "often"},
        {"type", "likert"},
        {"label", label},
        {"dont_know", true},
        {"options", {{{"code", "never"}, {"label", label}}, {{"code", "often"}, {"label", label}}}}};
    ParsedQuestionnaire parsed = ParseJson(doc);
    ASSERT_TRUE(parsed.questionnaire) << FirstError("f.json", parsed);
    const Question& q = parsed.questionnaire->questions[0];
    ASSERT_EQ(q.options.size(), 3u);
    EXPECT_EQ(q.options[2].code, "dk");
}

TEST(DefaultOptions, EveryBuiltInLanguageHasEveryLabel) {
    const std::vector<std::string> languages = {"nl", "en", "de", "fr", "pl", "uk",
                                                "ar", "tr", "fa", "ti", "so", "es"};
    for (const auto& language : languages)
        EXPECT_TRUE(HasBuiltInLabels(language)) << language;
    EXPECT_FALSE(HasBuiltInLabels("pt"));
    std::vector<std::vector<Option>> sets = {
        DefaultLikertOptions(languages, true), DefaultSmileyOptions(languages, 5),
        DefaultSmileyOptions(languages, 3), DefaultYesNoOptions(languages)};
    for (const auto& options : sets)
        for (const auto& option : options)
            for (const auto& language : languages) {
                ASSERT_TRUE(option.label.contains(language)) << option.code << " " << language;
                EXPECT_FALSE(option.label.at(language).empty()) << option.code << " " << language;
                EXPECT_TRUE(Utf8Length(option.label.at(language))) << option.code << " " << language;
            }
    EXPECT_EQ(DefaultYesNoOptions({"de"})[1].label.at("de"), "Nein");
    EXPECT_EQ(DefaultThenLabel({"en", "nl"}).at("en"), "Before");
    EXPECT_EQ(DefaultNowLabel({"en", "nl"}).at("en"), "Now");
    EXPECT_EQ(DefaultNowLabel({"nl"}).at("nl"), "Nu");
}

// Each visitor language has its own answer words, not the English ones a language without a row gets.
TEST(DefaultOptions, EveryVisitorLanguageHasItsOwnWords) {
    for (const std::string& language : kVisitorLanguages) {
        EXPECT_TRUE(HasBuiltInLabels(language)) << language;
        if (language == "en") continue;
        const std::vector<std::string> both = {"en", language};
        std::vector<std::vector<Option>> sets = {DefaultLikertOptions(both, true),
                                                 DefaultSmileyOptions(both, 5), DefaultYesNoOptions(both)};
        for (const auto& options : sets)
            for (const auto& option : options)
                EXPECT_NE(option.label.at(language), option.label.at("en")) << language << " " << option.code;
        EXPECT_NE(DefaultThenLabel(both).at(language), "Before") << language;
        EXPECT_NE(DefaultNowLabel(both).at(language), "Now") << language;
    }
}

TEST(QuestionnaireJson, WarningsDoNotBlockLoading) {
    const auto file = std::filesystem::path(IK_TEST_DATA) / "warnings_only.json";
    ParsedQuestionnaire parsed = LoadQuestionnaireFile(file);
    EXPECT_FALSE(parsed.HasErrors());
    ASSERT_TRUE(parsed.questionnaire);
    EXPECT_EQ(
        AllLines("warnings_only.json", parsed),
        (std::vector<std::string>{
            "warnings_only.json: $: warning: unknown key \"colour\"",
            "warnings_only.json: $.title: warning: missing translation for \"en\"",
            "warnings_only.json: $.questions[0].label: warning: missing translation for \"en\"",
            "warnings_only.json: $.questions[0]: warning: key \"points\" is not used by a yes_no question",
        }));
    // A blank translation is treated as missing, so the visitor sees the Dutch text instead of nothing.
    const Question& q1 = parsed.questionnaire->questions[0];
    EXPECT_FALSE(q1.label.contains("en"));
    EXPECT_EQ(PickText(q1.label, "en", "nl"), "Was het nuttig?");
}

TEST(QuestionnaireJson, ByteOrderMarkAndWindowsLineEndingsAreAccepted) {
    // Notepad on a library desk PC saves UTF-8 with a BOM and CRLF.
    std::string text = ReadAll(kSample);
    std::string crlf = "\xEF\xBB\xBF";
    for (char c : text)
        crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    ParsedQuestionnaire parsed = ParseQuestionnaire(crlf);
    EXPECT_TRUE(parsed.problems.empty()) << FirstError("f.json", parsed);
    EXPECT_TRUE(parsed.questionnaire);
    // Positions still count characters after the BOM.
    EXPECT_EQ(FirstError("f.json", ParseQuestionnaire("\xEF\xBB\xBF{\"id\" 1}")),
              "f.json: $: not valid JSON: unexpected number literal; expected ':' at line 1, column 7");
}

TEST(QuestionnaireJson, MeanNeedsNumericCodes) {
    json doc = MinimalJson();
    auto label = json{{"nl", "x"}, {"en", "x"}};
    doc["questions"][0] = {
        {"id", "often"},
        {"type", "likert"},
        {"label", label},
        {"options", {{{"code", "never"}, {"label", label}}, {{"code", "often"}, {"label", label}}}}};
    doc["outcomes"] = {
        {{"id", "o"}, {"label", label}, {"indicators", {{{"type", "mean"}, {"question", "often"}}}}}};
    EXPECT_EQ(FirstError("f.json", ParseJson(doc)),
              "f.json: $.outcomes[0].indicators[0].question: a mean needs "
              "numeric option codes; \"often\" has code \"never\"");
    doc["outcomes"][0]["indicators"][0]["type"] = "top2_share";
    EXPECT_EQ(FirstError("f.json", ParseJson(doc)), "");
}

TEST(QuestionnaireJson, FormatProblemMarksWarnings) {
    EXPECT_EQ(
        FormatProblem("a.json", {Severity::Error, "$.questions[2].options[1].code", "duplicate code \"a\""}),
        "a.json: $.questions[2].options[1].code: duplicate code \"a\"");
    EXPECT_EQ(FormatProblem("a.json", {Severity::Warning, "$", "unknown key \"foo\""}),
              "a.json: $: warning: unknown key \"foo\"");
}

TEST(QuestionnaireJson, ShowIfRulesAreChecked) {
    auto firstError = [](const json& showIf) {
        json doc = MinimalJson();
        doc["questions"].push_back(
            {{"id", "grade"}, {"type", "scale"}, {"min", 1}, {"label", {{"nl", "c"}, {"en", "g"}}}});
        doc["questions"].push_back(
            {{"id", "q3"}, {"type", "text"}, {"label", {{"nl", "t"}, {"en", "t"}}}, {"show_if", showIf}});
        return FirstError("f.json", ParseJson(doc));
    };
    EXPECT_EQ(firstError({{"question", "q1"}, {"in", {"yes", "no"}}}), "");
    EXPECT_EQ(firstError({{"question", "grade"}, {"at_least", 7}}), "");
    EXPECT_EQ(firstError({{"question", "q3"}, {"answered", true}}),
              "f.json: $.questions[2].show_if.question: show_if refers to this question itself");
    EXPECT_EQ(firstError({{"question", "nope"}, {"answered", true}}),
              "f.json: $.questions[2].show_if.question: show_if refers to unknown question \"nope\"");
    EXPECT_EQ(firstError({{"question", "grade"}, {"equals", 11}}),
              "f.json: $.questions[2].show_if.equals: must be between 1 and 10, got 11");
    EXPECT_EQ(firstError({{"question", "grade"}, {"equals", "7"}}),
              "f.json: $.questions[2].show_if.equals: expected a number, got string");
    EXPECT_EQ(firstError({{"question", "q1"}, {"in", {"yes", "maybe"}}}),
              "f.json: $.questions[2].show_if.in[1]: unknown code \"maybe\" for question \"q1\"");
    EXPECT_EQ(firstError({{"question", "q1"}, {"at_least", 1}}),
              "f.json: $.questions[2].show_if.at_least: \"at_least\" needs a scale or number question; "
              "\"q1\" is yes_no");
    EXPECT_EQ(
        firstError({{"question", "q1"}, {"equals", "yes"}, {"in", {"no"}}}),
        "f.json: $.questions[2].show_if: a condition tests one thing; combine tests with \"all\" or \"any\"");
    EXPECT_EQ(firstError({{"all", json::array()}}),
              "f.json: $.questions[2].show_if.all: needs at least one condition");
    EXPECT_EQ(firstError(json::object()),
              "f.json: $.questions[2].show_if: a condition needs \"question\", \"all\" or \"any\"");

    // Eight levels of all/any are allowed; the ninth is not (see show_if_too_deep.json).
    json condition = {{"question", "q1"}, {"equals", "yes"}};
    for (int i = 0; i < 8; ++i)
        condition = {{"all", {condition}}};
    EXPECT_EQ(firstError(condition), "");
}

// [SECTION] Types and lookups

TEST(QuestionnaireModel, TypeNamesRoundTrip) {
    const QuestionType all[] = {QuestionType::Likert,       QuestionType::Smiley,      QuestionType::Scale,
                                QuestionType::SingleChoice, QuestionType::MultiChoice, QuestionType::YesNo,
                                QuestionType::Number,       QuestionType::Text,        QuestionType::ThenNow,
                                QuestionType::Info};
    std::vector<std::string> names;
    for (QuestionType type : all) {
        names.push_back(QuestionTypeName(type));
        EXPECT_EQ(ParseQuestionType(QuestionTypeName(type)), type);
        EXPECT_EQ(TakesAnswer(type), type != QuestionType::Info);
    }
    EXPECT_EQ(names, (std::vector<std::string>{"likert", "smiley", "scale", "single_choice", "multi_choice",
                                               "yes_no", "number", "text", "then_now", "info"}));
    EXPECT_FALSE(ParseQuestionType("slider"));
    EXPECT_FALSE(ParseQuestionType("Likert"));
    EXPECT_TRUE(HasOptions(QuestionType::Likert));
    EXPECT_TRUE(HasOptions(QuestionType::MultiChoice));
    EXPECT_TRUE(HasOptions(QuestionType::YesNo));
    EXPECT_FALSE(HasOptions(QuestionType::Scale));
    EXPECT_FALSE(HasOptions(QuestionType::ThenNow));
}

TEST(QuestionnaireModel, PickTextFallsBack) {
    const LangText text = {{"en", "Hello"}, {"nl", "Hallo"}, {"de", ""}};
    EXPECT_EQ(PickText(text, "nl"), "Hallo");
    EXPECT_EQ(PickText(text, "fr", "en"), "Hello");
    EXPECT_EQ(PickText(text, "de", "nl"), "Hallo") << "an empty text is no text";
    EXPECT_EQ(PickText(text, "fr"), "Hello");
    EXPECT_EQ(PickText({}, "nl", "en"), "");
    EXPECT_EQ(Questionnaire{}.DefaultLanguage(), "");
}

TEST(QuestionnaireModel, Utf8LengthCountsCharacters) {
    EXPECT_EQ(Utf8Length("abc"), 3u);
    EXPECT_EQ(Utf8Length("Ünïcödé"), 7u);
    EXPECT_EQ(Utf8Length("Привіт"), 6u);
    EXPECT_EQ(Utf8Length("😀"), 1u);
    EXPECT_FALSE(Utf8Length("\xE9t\xE9"));        // Latin-1
    EXPECT_FALSE(Utf8Length("\xC0\xAF"));         // overlong "/"
    EXPECT_FALSE(Utf8Length("\xED\xA0\x80"));     // surrogate
    EXPECT_FALSE(Utf8Length("\xF4\x90\x80\x80")); // past U+10FFFF
    EXPECT_FALSE(Utf8Length("\xE2\x82"));         // cut short
    EXPECT_EQ(ValidUtf8Prefix("ab\xFF"), 2u);
}

// [SECTION] show_if evaluation

Condition Leaf(Condition::Op op, std::string question, std::vector<std::string> values = {},
               double number = 0) {
    Condition c;
    c.op = op;
    c.question = std::move(question);
    c.values = std::move(values);
    c.number = number;
    return c;
}

Condition Group(Condition::Op op, std::vector<Condition> children) {
    Condition c;
    c.op = op;
    c.children = std::move(children);
    return c;
}

TEST(Evaluate, EachOperator) {
    using Op = Condition::Op;
    const AnswerMap answers = {
        {"yn", "yes"},  {"grade", 7},         {"topics", json::array({"email", "photos"})},
        {"agree", "4"}, {"skipped", nullptr}, {"none_ticked", json::array()}};

    EXPECT_TRUE(Evaluate(Leaf(Op::Equals, "yn", {"yes"}), answers));
    EXPECT_FALSE(Evaluate(Leaf(Op::Equals, "yn", {"no"}), answers));
    EXPECT_TRUE(Evaluate(Leaf(Op::Equals, "grade", {"7"}), answers)) << "numbers compare as numbers";
    EXPECT_FALSE(Evaluate(Leaf(Op::Equals, "grade", {"8"}), answers));
    EXPECT_FALSE(Evaluate(Leaf(Op::NotEquals, "yn", {"yes"}), answers));
    EXPECT_TRUE(Evaluate(Leaf(Op::NotEquals, "yn", {"no"}), answers));
    EXPECT_TRUE(Evaluate(Leaf(Op::In, "yn", {"no", "yes"}), answers));
    EXPECT_FALSE(Evaluate(Leaf(Op::In, "yn", {"no"}), answers));
    EXPECT_TRUE(Evaluate(Leaf(Op::NotIn, "yn", {"no"}), answers));
    EXPECT_FALSE(Evaluate(Leaf(Op::NotIn, "yn", {"yes"}), answers));
    EXPECT_TRUE(Evaluate(Leaf(Op::Answered, "yn"), answers));
    EXPECT_FALSE(Evaluate(Leaf(Op::NotAnswered, "yn"), answers));
    EXPECT_TRUE(Evaluate(Leaf(Op::AtLeast, "grade", {}, 7), answers));
    EXPECT_FALSE(Evaluate(Leaf(Op::AtLeast, "grade", {}, 7.5), answers));
    EXPECT_TRUE(Evaluate(Leaf(Op::AtMost, "grade", {}, 7), answers));
    EXPECT_FALSE(Evaluate(Leaf(Op::AtMost, "grade", {}, 6), answers));
    EXPECT_TRUE(Evaluate(Leaf(Op::AtLeast, "agree", {}, 4), answers)) << "numeric codes count as numbers";
    EXPECT_FALSE(Evaluate(Leaf(Op::AtLeast, "yn", {}, 1), answers));
}

TEST(Evaluate, MultiChoiceMatchesAnySelectedCode) {
    using Op = Condition::Op;
    const AnswerMap answers = {{"topics", json::array({"email", "photos"})}};
    EXPECT_TRUE(Evaluate(Leaf(Op::Equals, "topics", {"photos"}), answers));
    EXPECT_FALSE(Evaluate(Leaf(Op::Equals, "topics", {"digid"}), answers));
    EXPECT_TRUE(Evaluate(Leaf(Op::In, "topics", {"digid", "email"}), answers));
    EXPECT_FALSE(Evaluate(Leaf(Op::In, "topics", {"digid"}), answers));
    EXPECT_FALSE(Evaluate(Leaf(Op::NotEquals, "topics", {"email"}), answers));
    EXPECT_TRUE(Evaluate(Leaf(Op::NotIn, "topics", {"digid"}), answers));
    EXPECT_FALSE(Evaluate(Leaf(Op::AtLeast, "topics", {}, 0), answers));
}

TEST(Evaluate, UnansweredQuestion) {
    using Op = Condition::Op;
    const AnswerMap answers = {{"skipped", nullptr}, {"none_ticked", json::array()}};
    for (const char* id : {"absent", "skipped", "none_ticked"}) {
        SCOPED_TRACE(id);
        EXPECT_FALSE(Evaluate(Leaf(Op::Equals, id, {"yes"}), answers));
        EXPECT_FALSE(Evaluate(Leaf(Op::In, id, {"yes", "no"}), answers));
        EXPECT_FALSE(Evaluate(Leaf(Op::AtLeast, id, {}, -1e9), answers));
        EXPECT_FALSE(Evaluate(Leaf(Op::AtMost, id, {}, 1e9), answers));
        EXPECT_TRUE(Evaluate(Leaf(Op::NotEquals, id, {"yes"}), answers));
        EXPECT_TRUE(Evaluate(Leaf(Op::NotIn, id, {"yes"}), answers));
        EXPECT_FALSE(Evaluate(Leaf(Op::Answered, id), answers));
        EXPECT_TRUE(Evaluate(Leaf(Op::NotAnswered, id), answers));
    }
}

TEST(Evaluate, AllAndAny) {
    using Op = Condition::Op;
    const AnswerMap answers = {{"yn", "yes"}, {"grade", 9}};
    const Condition yes = Leaf(Op::Equals, "yn", {"yes"});
    const Condition low = Leaf(Op::AtMost, "grade", {}, 5);
    EXPECT_FALSE(Evaluate(Group(Op::All, {yes, low}), answers));
    EXPECT_TRUE(Evaluate(Group(Op::Any, {yes, low}), answers));
    EXPECT_TRUE(Evaluate(Group(Op::All, {yes, Group(Op::Any, {low, yes})}), answers));
    EXPECT_TRUE(Evaluate(Group(Op::All, {}), answers));
    EXPECT_FALSE(Evaluate(Group(Op::Any, {}), answers));
}

TEST(Evaluate, ParsedConditionsFromTheSample) {
    ParsedQuestionnaire parsed = LoadQuestionnaireFile(kAllTypes);
    ASSERT_TRUE(parsed.questionnaire);
    const Questionnaire& q = *parsed.questionnaire;
    const Condition& books = *q.FindQuestion("books")->showIf; // grade equals 8
    EXPECT_TRUE(Evaluate(books, {{"grade", 8}}));
    EXPECT_FALSE(Evaluate(books, {{"grade", 7}}));
    const Condition& topics =
        *q.FindQuestion("topics")->showIf; // grade >= 7, or visit not meet and mood != 1
    EXPECT_TRUE(Evaluate(topics, {{"grade", 7}}));
    EXPECT_FALSE(Evaluate(topics, {{"grade", 3}, {"visit", "meet"}}));
    EXPECT_TRUE(Evaluate(topics, {{"grade", 3}, {"visit", "read"}, {"mood", "2"}}));
    EXPECT_FALSE(Evaluate(topics, {{"grade", 3}, {"visit", "read"}, {"mood", "1"}}));
}

// [SECTION] Answer checks

Question Make(QuestionType type) {
    Question q;
    q.id = "q";
    q.type = type;
    return q;
}

TEST(IsValidAnswer, OptionTypes) {
    Question likert = Make(QuestionType::Likert);
    likert.options = DefaultLikertOptions({"en"}, true);
    EXPECT_TRUE(IsValidAnswer(likert, "5"));
    EXPECT_TRUE(IsValidAnswer(likert, "dk"));
    EXPECT_FALSE(IsValidAnswer(likert, "6"));
    EXPECT_FALSE(IsValidAnswer(likert, 5));
    EXPECT_FALSE(IsValidAnswer(likert, nullptr));

    Question yesNo = Make(QuestionType::YesNo);
    yesNo.options = DefaultYesNoOptions({"en"});
    EXPECT_TRUE(IsValidAnswer(yesNo, "no"));
    EXPECT_FALSE(IsValidAnswer(yesNo, "No"));
    EXPECT_FALSE(IsValidAnswer(yesNo, true));

    Question smiley = Make(QuestionType::Smiley);
    smiley.options = DefaultSmileyOptions({"en"}, 3);
    EXPECT_TRUE(IsValidAnswer(smiley, "3"));
    EXPECT_FALSE(IsValidAnswer(smiley, "4"));

    Question single = Make(QuestionType::SingleChoice);
    single.options = {{"a", {}}, {"b", {}}};
    EXPECT_TRUE(IsValidAnswer(single, "b"));
    EXPECT_FALSE(IsValidAnswer(single, json::array({"b"})));
}

TEST(IsValidAnswer, MultiChoice) {
    Question multi = Make(QuestionType::MultiChoice);
    multi.options = {{"a", {}}, {"b", {}}, {"c", {}}};
    EXPECT_TRUE(IsValidAnswer(multi, json::array({"a", "c"})));
    EXPECT_TRUE(IsValidAnswer(multi, json::array({"a", "b", "c"})));
    EXPECT_FALSE(IsValidAnswer(multi, json::array())) << "empty";
    EXPECT_FALSE(IsValidAnswer(multi, json::array({"a", "a"}))) << "repeated";
    EXPECT_FALSE(IsValidAnswer(multi, json::array({"a", "z"}))) << "unknown code";
    EXPECT_FALSE(IsValidAnswer(multi, json::array({"a", 1})));
    EXPECT_FALSE(IsValidAnswer(multi, "a")) << "not an array";
    multi.maxChoices = 2;
    EXPECT_TRUE(IsValidAnswer(multi, json::array({"a", "b"})));
    EXPECT_FALSE(IsValidAnswer(multi, json::array({"a", "b", "c"}))) << "over max_choices";
}

TEST(IsValidAnswer, ScaleAndNumber) {
    Question scale = Make(QuestionType::Scale);
    scale.min = 1;
    scale.max = 10;
    EXPECT_TRUE(IsValidAnswer(scale, 1));
    EXPECT_TRUE(IsValidAnswer(scale, 10));
    EXPECT_FALSE(IsValidAnswer(scale, 0));
    EXPECT_FALSE(IsValidAnswer(scale, 11));
    EXPECT_FALSE(IsValidAnswer(scale, 7.5));
    EXPECT_FALSE(IsValidAnswer(scale, "7"));
    EXPECT_FALSE(IsValidAnswer(scale, 18446744073709551615ull));

    Question number = Make(QuestionType::Number);
    number.numberMin = 0;
    number.numberMax = 50.5;
    EXPECT_TRUE(IsValidAnswer(number, 0));
    EXPECT_TRUE(IsValidAnswer(number, 50.5));
    EXPECT_TRUE(IsValidAnswer(number, 12.25));
    EXPECT_FALSE(IsValidAnswer(number, -1));
    EXPECT_FALSE(IsValidAnswer(number, 51));
    EXPECT_FALSE(IsValidAnswer(number, "12"));
}

TEST(IsValidAnswer, Text) {
    Question text = Make(QuestionType::Text);
    text.maxLength = 5;
    EXPECT_TRUE(IsValidAnswer(text, "hallo"));
    EXPECT_TRUE(IsValidAnswer(text, std::string("Привіт").substr(0, 10)))
        << "5 Cyrillic letters are 10 bytes but 5 characters";
    EXPECT_FALSE(IsValidAnswer(text, "hallo!"));
    EXPECT_FALSE(IsValidAnswer(text, ""));
    EXPECT_FALSE(IsValidAnswer(text, "   "));
    EXPECT_FALSE(IsValidAnswer(text, std::string("ab\xFF")));
    EXPECT_FALSE(IsValidAnswer(text, 5));
}

TEST(IsValidAnswer, ThenNowAndInfo) {
    Question thenNow = Make(QuestionType::ThenNow);
    thenNow.min = 1;
    thenNow.max = 5;
    EXPECT_TRUE(IsValidAnswer(thenNow, {{"then", 2}, {"now", 4}}));
    EXPECT_FALSE(IsValidAnswer(thenNow, {{"then", 0}, {"now", 4}}));
    EXPECT_FALSE(IsValidAnswer(thenNow, {{"then", 2}, {"now", 6}}));
    EXPECT_FALSE(IsValidAnswer(thenNow, {{"then", 2}}));
    EXPECT_FALSE(IsValidAnswer(thenNow, {{"then", 2}, {"now", "4"}}));
    EXPECT_FALSE(IsValidAnswer(thenNow, {{"then", 2}, {"now", 4}, {"extra", 1}}));
    EXPECT_FALSE(IsValidAnswer(thenNow, json::array({2, 4})));

    Question info = Make(QuestionType::Info);
    EXPECT_FALSE(IsValidAnswer(info, nullptr));
    EXPECT_FALSE(IsValidAnswer(info, "anything"));
}

// [SECTION] Read aloud: other words, and recordings that travel with the questionnaire

namespace spoken {

// A WAV of `samples` 16-bit mono samples at 16 kHz (silence is enough for the format check).
std::string Wav(std::size_t samples) {
    auto le32 = [](std::uint32_t v) {
        return std::string{char(v), char(v >> 8), char(v >> 16), char(v >> 24)};
    };
    auto le16 = [](std::uint16_t v) { return std::string{char(v), char(v >> 8)}; };
    const auto data = static_cast<std::uint32_t>(samples * 2);
    return "RIFF" + le32(36 + data) + "WAVE" + "fmt " + le32(16) + le16(1) + le16(1) + le32(16000) +
           le32(32000) + le16(2) + le16(16) + "data" + le32(data) + std::string(data, '\0');
}

// The first page of an Ogg Vorbis file: enough for the kiosk to know what it is.
std::string OggVorbisHeader() {
    std::string page = "OggS";
    page += std::string(22, '\0');
    page += '\x01'; // one segment
    page += '\x1e'; // of 30 bytes
    page += std::string("\x01vorbis", 7) + std::string(23, '\0');
    return page;
}

const char* kVoiced = R"({
  "id": "voiced", "version": 1, "languages": ["nl", "ti"],
  "title": {"nl": "Taalcafé", "ti": {"text": "ካፈ ቋንቋ", "audio": "audio/title_ti.wav"}},
  "questions": [
    {"id": "ov", "type": "yes_no", "label": {
        "nl": {"text": "Reis je met de OV-chipkaart?", "say": "Reis je met de O V chipkaart?"},
        "ti": {"text": "ብ OV ትገሹ ዶ?", "audio": "audio/ov_ti.ogg"}},
     "options": [{"code": "yes", "label": {"nl": "Ja", "ti": {"text": "እወ", "audio": "audio/yes_ti.wav"}}},
                 {"code": "no", "label": {"nl": "Nee", "ti": "ኣይፋል"}}]}
  ]
})";

} // namespace spoken

TEST(QuestionnaireJson, SpokenWordsAndRecordingsAreReadAndTravelInsideTheJson) {
    ScratchDir dir;
    std::filesystem::create_directories(dir.Path() / "audio");
    dir.Write("audio/title_ti.wav", spoken::Wav(1600));
    dir.Write("audio/ov_ti.ogg", spoken::OggVorbisHeader());
    dir.Write("audio/yes_ti.wav", spoken::Wav(800));
    const auto file = dir.Write("voiced.json", spoken::kVoiced);
    ParsedQuestionnaire parsed = LoadQuestionnaireFile(file);
    ASSERT_TRUE(parsed.questionnaire) << FirstError(file, parsed);
    const Questionnaire& q = *parsed.questionnaire;
    // The written words are what the screen shows.
    EXPECT_EQ(q.questions[0].label.at("nl"), "Reis je met de OV-chipkaart?");
    EXPECT_EQ(q.title.at("ti"), "ካፈ ቋንቋ");
    // How they are said.
    ASSERT_NE(q.Spoken(QuestionTextKey("ov", "label"), "nl"), nullptr);
    EXPECT_EQ(q.Spoken(QuestionTextKey("ov", "label"), "nl")->say, "Reis je met de O V chipkaart?");
    EXPECT_EQ(q.Spoken(QuestionTextKey("ov", "label"), "ti")->audio->format, "ogg");
    EXPECT_EQ(q.Spoken("title", "ti")->audio->format, "wav");
    EXPECT_EQ(q.Spoken(OptionTextKey("ov", "yes"), "ti")->audio->bytes->size(), spoken::Wav(800).size());
    EXPECT_EQ(q.Spoken(OptionTextKey("ov", "no"), "ti"), nullptr);
    EXPECT_EQ(q.Spoken("title", "nl"), nullptr);

    // Exported (and stored, and synced) JSON carries the recordings as data: URIs; reading it again,
    // with no folder to look in, gives the same questionnaire.
    const std::string exported = QuestionnaireToJson(q).dump();
    EXPECT_NE(exported.find("data:audio/wav;base64,"), std::string::npos);
    EXPECT_EQ(exported.find("audio/title_ti.wav"), std::string::npos);
    ParsedQuestionnaire again = ParseQuestionnaire(exported);
    ASSERT_TRUE(again.questionnaire) << FirstError("exported.json", again);
    EXPECT_EQ(*again.questionnaire, q);
    EXPECT_EQ(CanonicalQuestionnaireJson(*again.questionnaire), CanonicalQuestionnaireJson(q));
}

TEST(QuestionnaireJson, AnEditedTextLosesItsRecordingAndSayWhileTheOthersKeepTheirs) {
    ScratchDir dir;
    std::filesystem::create_directories(dir.Path() / "audio");
    dir.Write("audio/title_ti.wav", spoken::Wav(1600));
    dir.Write("audio/ov_ti.ogg", spoken::OggVorbisHeader());
    dir.Write("audio/yes_ti.wav", spoken::Wav(800));
    const auto file = dir.Write("voiced.json", spoken::kVoiced);
    ParsedQuestionnaire parsed = LoadQuestionnaireFile(file);
    ASSERT_TRUE(parsed.questionnaire) << FirstError(file, parsed);
    const Questionnaire before = *parsed.questionnaire;

    Questionnaire after = before;
    after.questions[0].label["nl"] = "Reis je met de bus?"; // its "say" spoke of the OV-chipkaart
    after.questions[0].options[0].label["ti"] = "እወ፣ ብዙሕ";  // its recording says only "yes"
    const SpokenTexts kept = SpeechOfUnchangedTexts(before, after);
    after.spoken = kept;
    EXPECT_EQ(after.Spoken(QuestionTextKey("ov", "label"), "nl"), nullptr);
    EXPECT_EQ(after.Spoken(OptionTextKey("ov", "yes"), "ti"), nullptr);
    // Unchanged texts keep theirs, even in a question where another language changed.
    ASSERT_NE(after.Spoken(QuestionTextKey("ov", "label"), "ti"), nullptr);
    EXPECT_EQ(after.Spoken(QuestionTextKey("ov", "label"), "ti")->audio->format, "ogg");
    ASSERT_NE(after.Spoken("title", "ti"), nullptr);
    // Nothing changed: everything is kept.
    EXPECT_EQ(SpeechOfUnchangedTexts(before, before), before.spoken);
    // A question that is gone takes its recordings along.
    Questionnaire removed = before;
    removed.questions.clear();
    EXPECT_EQ(SpeechOfUnchangedTexts(before, removed).count(QuestionTextKey("ov", "label")), 0u);
}

TEST(QuestionnaireJson, AMissingOrUnreadableRecordingNamesFileAndPath) {
    ScratchDir dir;
    std::filesystem::create_directories(dir.Path() / "audio");
    dir.Write("audio/title_ti.wav", spoken::Wav(1600));
    dir.Write("audio/yes_ti.wav", spoken::Wav(800));
    // ov_ti.ogg is missing.
    auto file = dir.Write("voiced.json", spoken::kVoiced);
    EXPECT_EQ(
        FirstError(file, LoadQuestionnaireFile(file)),
        "voiced.json: $.questions[0].label.ti.audio: cannot read audio/ov_ti.ogg: No such file or directory");
    // Not a sound at all.
    dir.Write("audio/ov_ti.ogg", "<html>login page</html>");
    EXPECT_EQ(
        FirstError(file, LoadQuestionnaireFile(file)),
        "voiced.json: $.questions[0].label.ti.audio: audio file audio/ov_ti.ogg: not a WAV or Ogg Vorbis "
        "file");
    // A compressed WAV the kiosk cannot play.
    std::string adpcm = spoken::Wav(100);
    adpcm[20] = 2;
    dir.Write("audio/ov_ti.ogg", adpcm);
    EXPECT_EQ(
        FirstError(file, LoadQuestionnaireFile(file)),
        "voiced.json: $.questions[0].label.ti.audio: audio file audio/ov_ti.ogg: WAV is not PCM (compressed "
        "WAV cannot be played)");
    // And nothing is half-read: no questionnaire at all.
    EXPECT_FALSE(LoadQuestionnaireFile(file).questionnaire);
}

TEST(QuestionnaireJson, AFileNameNeedsAFileAndAnEmptySayIsRefused) {
    // JSON that did not come from a file (the monitor, the USB stick's copy in memory) can only carry
    // recordings inside.
    ParsedQuestionnaire parsed = ParseQuestionnaire(spoken::kVoiced);
    EXPECT_EQ(FirstError("x.json", parsed),
              "x.json: $.title.ti.audio: a file name works only in a questionnaire "
              "file; embed the sound as a data: URI here");
    const char* emptySay = R"({"id": "s", "version": 1, "languages": ["nl"], "title": {"nl": "T"},
        "questions": [{"id": "a", "type": "yes_no", "label": {"nl": {"text": "Vraag", "say": " "}}}]})";
    EXPECT_EQ(
        FirstError("s.json", ParseQuestionnaire(emptySay)),
        "s.json: $.questions[0].label.nl.say: is empty (leave \"say\" out to read the text as written)");
    const char* noText = R"({"id": "s", "version": 1, "languages": ["nl"], "title": {"nl": "T"},
        "questions": [{"id": "a", "type": "yes_no", "label": {"nl": {"say": "Vraag"}}}]})";
    EXPECT_EQ(FirstError("s.json", ParseQuestionnaire(noText)),
              "s.json: $.questions[0].label.nl: missing required key \"text\"");
}
} // namespace
} // namespace ik
