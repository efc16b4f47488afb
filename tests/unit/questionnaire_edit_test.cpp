// The editor's operations on the questionnaire model: what the template, a duplicate and new
// questions look like, that codes and ids never collide, and that languages come and go with their
// texts. Each result must pass the same validator the CLI uses.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "core/questionnaire_edit.h"
#include "core/questionnaire_json.h"

namespace ik {
namespace {

bool Valid(const Questionnaire& q, std::string* why = nullptr) {
    ParsedQuestionnaire parsed = ParseQuestionnaire(QuestionnaireToJson(q).dump());
    if (parsed.HasErrors() && why)
        for (const ValidationProblem& p : parsed.problems)
            *why += p.path + ": " + p.message + "\n";
    return !parsed.HasErrors();
}

TEST(QuestionnaireEdit, MakeIdKeepsLettersDigitsAndUnderscores) {
    EXPECT_EQ(MakeId("Leesplezier 2027!"), "leesplezier_2027");
    EXPECT_EQ(MakeId("  --Digitale   Vaardigheden--  "), "digitale_vaardigheden");
    EXPECT_EQ(MakeId("2027"), "q_2027");
    EXPECT_EQ(MakeId(""), "q_");
    EXPECT_EQ(MakeId(std::string(100, 'a')).size(), 64u);
}

TEST(QuestionnaireEdit, UniqueNameCountsUpFromTwo) {
    EXPECT_EQ(UniqueName("q1", {}), "q1");
    EXPECT_EQ(UniqueName("q1", {"q1"}), "q1_2");
    EXPECT_EQ(UniqueName("q1", {"q1", "q1_2", "q1_3"}), "q1_4");
}

TEST(QuestionnaireEdit, TheTemplateIsAValidQuestionnaireInEveryLanguageAsked) {
    for (const std::vector<std::string>& languages :
         {std::vector<std::string>{"nl"}, {"nl", "en"}, {"en", "pl", "uk"}}) {
        const Questionnaire q = QuestionnaireFromTemplate("leesclub", languages);
        std::string why;
        EXPECT_TRUE(Valid(q, &why)) << why;
        EXPECT_EQ(q.languages, languages);
        for (const std::string& lang : languages)
            EXPECT_TRUE(MissingTranslations(q, lang).empty()) << lang;
    }
}

TEST(QuestionnaireEdit, EveryNewQuestionTypeIsValidWithItsDefaults) {
    Questionnaire q = QuestionnaireFromTemplate("all", {"nl", "en"});
    for (QuestionType type :
         {QuestionType::Likert, QuestionType::Smiley, QuestionType::Scale, QuestionType::SingleChoice,
          QuestionType::MultiChoice, QuestionType::YesNo, QuestionType::Number, QuestionType::Text,
          QuestionType::ThenNow, QuestionType::Info}) {
        q.questions.push_back(NewQuestion(q, type));
        std::string why;
        EXPECT_TRUE(Valid(q, &why)) << QuestionTypeName(type) << ": " << why;
    }
    // Ids never collide, whatever was added before.
    std::set<std::string> ids;
    for (const Question& question : q.questions)
        EXPECT_TRUE(ids.insert(question.id).second) << question.id;
}

TEST(QuestionnaireEdit, ChangingTypeKeepsTheWordingAndChoicesWhereTheyFit) {
    Questionnaire q = QuestionnaireFromTemplate("t", {"nl"});
    Question question = NewQuestion(q, QuestionType::SingleChoice);
    question.label["nl"] = "Hoe kwam je hier?";
    question.options.push_back(NewOption(question, q.languages));
    ChangeQuestionType(q, question, QuestionType::MultiChoice);
    EXPECT_EQ(question.label.at("nl"), "Hoe kwam je hier?");
    EXPECT_EQ(question.options.size(), 3u);
    ChangeQuestionType(q, question, QuestionType::YesNo);
    ASSERT_EQ(question.options.size(), 2u);
    EXPECT_EQ(question.options[0].code, "yes");
}

TEST(QuestionnaireEdit, NewOptionCodesSkipCodesInUse) {
    Questionnaire q = QuestionnaireFromTemplate("t", {"nl"});
    Question question = NewQuestion(q, QuestionType::SingleChoice); // option_1, option_2
    question.options.erase(question.options.begin());               // option_2 left
    EXPECT_EQ(NewOption(question, q.languages).code, "option_3");
}

TEST(QuestionnaireEdit, LanguagesComeAndGoWithTheirTexts) {
    Questionnaire q = QuestionnaireFromTemplate("t", {"nl", "en"});
    EXPECT_FALSE(AddLanguage(q, "en"));
    EXPECT_TRUE(AddLanguage(q, "uk"));
    const std::vector<std::string> missing = MissingTranslations(q, "uk");
    EXPECT_NE(std::find(missing.begin(), missing.end(), "title"), missing.end());
    EXPECT_NE(std::find(missing.begin(), missing.end(), "questions[0].label"), missing.end());
    EXPECT_FALSE(RemoveLanguage(q, "nl")); // the default stays
    EXPECT_TRUE(RemoveLanguage(q, "en"));
    EXPECT_EQ(q.title.count("en"), 0u);
    EXPECT_EQ(q.questions[0].label.count("en"), 0u);
    EXPECT_EQ(q.languages, (std::vector<std::string>{"nl", "uk"}));
}

TEST(QuestionnaireEdit, DuplicateIsVersionOneUnderTheNewId) {
    Questionnaire q = QuestionnaireFromTemplate("t", {"nl"});
    q.version = 7;
    const Questionnaire copy = DuplicateQuestionnaire(q, "t_copy");
    EXPECT_EQ(copy.id, "t_copy");
    EXPECT_EQ(copy.version, 1);
    EXPECT_EQ(copy.questions, q.questions);
}

TEST(QuestionnaireEdit, MoveQuestionStopsAtTheEnds) {
    Questionnaire q = QuestionnaireFromTemplate("t", {"nl"});
    EXPECT_FALSE(MoveQuestion(q, 0, -1));
    EXPECT_FALSE(MoveQuestion(q, 1, 1));
    EXPECT_TRUE(MoveQuestion(q, 0, 1));
    EXPECT_EQ(q.questions[0].id, "recommend");
}

} // namespace
} // namespace ik
