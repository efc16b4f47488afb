// The survey session state machine, driven with explicit times and a recording fake store:
// paths through show_if, back, stop, idle warning and abandonment, and the fast/burst flags.
#include <gtest/gtest.h>

#include "core/questionnaire_json.h"
#include "core/survey_session.h"

namespace ik {
namespace {

// Records what the session asks the store to do, and can be told to fail.
class RecordingSink : public ResponseSink {
public:
    struct Finished {
        std::string id;
        ResponseStatus status;
        std::vector<std::string> flags;
        std::vector<std::string> offPath;
    };

    Result<std::string> BeginResponse(const ResponseStart& start) override {
        if (failing) return Error{"disk full"};
        starts.push_back(start);
        return "r" + std::to_string(starts.size());
    }
    Status SaveAnswer(const std::string& id, const std::string& questionId,
                      const nlohmann::json& value) override {
        if (failing) return Error{"disk full"};
        saved[id][questionId] = value;
        return {};
    }
    Status RemoveAnswer(const std::string& id, const std::string& questionId) override {
        saved[id].erase(questionId);
        return {};
    }
    Status FinishResponse(const std::string& id, ResponseStatus status, const std::vector<std::string>& flags,
                          const std::vector<std::string>& offPath) override {
        finished.push_back({id, status, flags, offPath});
        for (const auto& q : offPath)
            saved[id].erase(q);
        return {};
    }

    bool failing = false;
    std::vector<ResponseStart> starts;
    std::map<std::string, AnswerMap> saved;
    std::vector<Finished> finished;
};

constexpr const char* kSurvey = R"({
  "id": "s", "version": 3, "languages": ["nl", "en"],
  "title": {"nl": "Test", "en": "Test"},
  "questions": [
    {"id": "welcome", "type": "info", "label": {"nl": "Welkom", "en": "Welcome"}},
    {"id": "useful", "type": "likert", "required": true, "dont_know": true,
     "label": {"nl": "Nuttig", "en": "Useful"}},
    {"id": "recommend", "type": "yes_no", "required": true, "label": {"nl": "Aanraden?", "en": "Recommend?"}},
    {"id": "why_not", "type": "single_choice", "show_if": {"question": "recommend", "equals": "no"},
     "label": {"nl": "Waarom niet?", "en": "Why not?"},
     "options": [{"code": "time", "label": {"nl": "Tijd", "en": "Time"}},
                 {"code": "level", "label": {"nl": "Niveau", "en": "Level"}}]},
    {"id": "grade", "type": "scale", "min": 1, "max": 10, "label": {"nl": "Cijfer", "en": "Grade"}}
  ]})";

class SessionTest : public ::testing::Test {
protected:
    void SetUp() override {
        ParsedQuestionnaire parsed = ParseQuestionnaire(kSurvey);
        ASSERT_TRUE(parsed.questionnaire) << (parsed.problems.empty() ? "" : parsed.problems[0].message);
        q = *parsed.questionnaire;
    }
    const std::string& CurrentId(const SurveySession& s) { return s.CurrentQuestion()->id; }

    Questionnaire q;
    RecordingSink sink;
};

TEST_F(SessionTest, FullPathWithLanguageChoiceIsKeptAnswerByAnswer) {
    SurveySession s(q, &sink);
    EXPECT_EQ(s.Screen(), SessionScreen::Attract);
    s.Start(0);
    EXPECT_EQ(s.Screen(), SessionScreen::Language);
    s.ChooseLanguage("en", 2);
    EXPECT_EQ(CurrentId(s), "welcome");
    EXPECT_TRUE(s.CanGoNext()); // info needs no answer
    s.Next(5);
    EXPECT_EQ(CurrentId(s), "useful");
    EXPECT_FALSE(s.CanGoNext()); // required
    ASSERT_TRUE(s.Answer("4", 8));
    // Kept the moment it was given, before the visitor moves on.
    ASSERT_EQ(sink.starts.size(), 1u);
    EXPECT_EQ(sink.starts[0].language, "en");
    EXPECT_EQ(sink.starts[0].questionnaireVersion, 3);
    EXPECT_EQ(sink.saved["r1"]["useful"], "4");
    s.Next(9);
    ASSERT_TRUE(s.Answer("yes", 12));
    s.Next(13);
    EXPECT_EQ(CurrentId(s), "grade"); // why_not hidden: recommend is yes
    EXPECT_EQ(s.Position(), 3);       // the info screen is not a question
    EXPECT_EQ(s.VisibleCount(), 3);
    EXPECT_TRUE(s.IsLastQuestion());
    s.Next(14); // grade is optional
    EXPECT_EQ(s.Screen(), SessionScreen::Thanks);
    ASSERT_EQ(sink.finished.size(), 1u);
    EXPECT_EQ(sink.finished[0].status, ResponseStatus::Completed);
    EXPECT_TRUE(sink.finished[0].flags.empty());
    s.Tick(14 + 5.9);
    EXPECT_EQ(s.Screen(), SessionScreen::Thanks);
    s.Tick(14 + 6.0);
    EXPECT_EQ(s.Screen(), SessionScreen::Attract);
}

TEST_F(SessionTest, ShowIfFollowsTheAnswerAndBackChangesThePath) {
    SurveySession s(q, &sink);
    s.Start(0);
    s.ChooseLanguage("nl", 1);
    s.Next(3);
    s.Answer("5", 5);
    s.Next(6);
    s.Answer("no", 8);
    s.Next(9);
    EXPECT_EQ(CurrentId(s), "why_not");
    EXPECT_EQ(s.VisibleCount(), 4);
    s.Answer("time", 11);
    s.Back(12);
    EXPECT_EQ(CurrentId(s), "recommend");
    EXPECT_EQ(*s.CurrentAnswer(), "no"); // the earlier answer is still shown
    s.Answer("yes", 14);
    s.Next(15);
    EXPECT_EQ(CurrentId(s), "grade");
    s.Answer(7, 17);
    s.Next(18);
    ASSERT_EQ(sink.finished.size(), 1u);
    // why_not was answered, then taken off the path: its answer goes with the finish.
    EXPECT_EQ(sink.finished[0].offPath, std::vector<std::string>{"why_not"});
    EXPECT_EQ(sink.saved["r1"].count("why_not"), 0u);
    EXPECT_EQ(sink.saved["r1"]["grade"], 7);
}

// Regression: "recommend" showed "6 of 6" and "Finish", then "no" revealed a 7th question.
TEST_F(SessionTest, AQuestionThatMayStillAppearCountsAndIsNotTheLast) {
    SurveySession s(q, &sink);
    s.Start(0);
    s.ChooseLanguage("nl", 1);
    s.Next(2);
    s.Answer("4", 3);
    s.Next(4);
    ASSERT_EQ(CurrentId(s), "recommend");
    EXPECT_EQ(s.Position(), 2);
    EXPECT_EQ(s.VisibleCount(), 4); // why_not may still come
    EXPECT_FALSE(s.IsLastQuestion());
    s.Answer("yes", 5);
    EXPECT_EQ(s.VisibleCount(), 3);
}

TEST_F(SessionTest, BackFromTheFirstQuestionReturnsToLanguages) {
    SurveySession s(q, &sink);
    s.Start(0);
    s.ChooseLanguage("nl", 1);
    EXPECT_TRUE(s.CanGoBack());
    s.Back(2);
    EXPECT_EQ(s.Screen(), SessionScreen::Language);
    s.ChooseLanguage("en", 3);
    EXPECT_EQ(s.Language(), "en");
}

TEST_F(SessionTest, RejectsAnswersThatDoNotFitTheQuestion) {
    SurveySession s(q, &sink);
    s.Start(0);
    s.ChooseLanguage("nl", 1);
    s.Next(2);
    EXPECT_FALSE(s.Answer("7", 3)); // likert has 1..5 and dk
    EXPECT_FALSE(s.Answer(4, 3));   // codes are strings
    EXPECT_TRUE(s.Answer("dk", 3));
    EXPECT_TRUE(sink.saved["r1"].count("useful"));
}

TEST_F(SessionTest, StopKeepsWhatWasAnsweredAsAbandoned) {
    SurveySession s(q, &sink);
    s.Start(0);
    s.ChooseLanguage("nl", 1);
    s.Next(3);
    s.Answer("2", 5);
    s.Stop(6);
    EXPECT_EQ(s.Screen(), SessionScreen::Attract);
    ASSERT_EQ(sink.finished.size(), 1u);
    EXPECT_EQ(sink.finished[0].status, ResponseStatus::Abandoned);
    EXPECT_EQ(sink.finished[0].flags, std::vector<std::string>{"stopped"});
    EXPECT_EQ(sink.saved["r1"]["useful"], "2");
}

TEST_F(SessionTest, StopBeforeAnyAnswerLeavesNothing) {
    SurveySession s(q, &sink);
    s.Start(0);
    s.ChooseLanguage("nl", 1);
    s.Stop(2);
    EXPECT_TRUE(sink.starts.empty());
    EXPECT_TRUE(sink.finished.empty());
}

TEST_F(SessionTest, IdleVisitorIsWarnedThenTheResponseIsAbandoned) {
    SessionConfig config;
    config.idleWarningAfter = 45;
    config.idleCountdown = 15;
    SurveySession s(q, &sink, config);
    s.Start(0);
    s.ChooseLanguage("nl", 1);
    s.Next(2);
    s.Answer("3", 4);
    EXPECT_DOUBLE_EQ(s.NextDeadline(), 49);
    s.Tick(48.9);
    EXPECT_FALSE(s.IdleWarningShown());
    s.Tick(49);
    EXPECT_TRUE(s.IdleWarningShown());
    EXPECT_DOUBLE_EQ(s.IdleSecondsLeft(55), 9);
    s.Tick(63.9);
    EXPECT_EQ(s.Screen(), SessionScreen::Question);
    s.Tick(64);
    EXPECT_EQ(s.Screen(), SessionScreen::Attract);
    ASSERT_EQ(sink.finished.size(), 1u);
    EXPECT_EQ(sink.finished[0].status, ResponseStatus::Abandoned);
    EXPECT_EQ(sink.finished[0].flags, std::vector<std::string>{"idle"});
}

TEST_F(SessionTest, StillHereDismissesTheWarningAndTheSurveyGoesOn) {
    SurveySession s(q, &sink);
    s.Start(0);
    s.ChooseLanguage("nl", 1);
    s.Tick(46);
    ASSERT_TRUE(s.IdleWarningShown());
    s.NoteActivity(47); // touching elsewhere does not dismiss it: the visitor must answer it
    EXPECT_TRUE(s.IdleWarningShown());
    s.StillHere(50);
    EXPECT_FALSE(s.IdleWarningShown());
    s.Tick(94);
    EXPECT_FALSE(s.IdleWarningShown());
    EXPECT_EQ(s.Screen(), SessionScreen::Question);
}

TEST_F(SessionTest, AttractScreenHasNoTimer) {
    SurveySession s(q, &sink);
    s.Tick(1e6);
    EXPECT_EQ(s.Screen(), SessionScreen::Attract);
    EXPECT_GT(s.NextDeadline(), 1e300);
}

TEST_F(SessionTest, FastAndBurstSessionsAreFlaggedNotDropped) {
    SessionConfig config;
    config.burstSessions = 3;
    config.burstWindow = 60;
    SurveySession s(q, &sink, config);
    auto runFast = [&](double t) {
        s.Start(t);
        s.ChooseLanguage("nl", t + 0.2);
        s.Next(t + 0.4);
        s.Answer("5", t + 0.6);
        s.Next(t + 0.7);
        s.Answer("yes", t + 0.9);
        s.Next(t + 1.0);
        s.Next(t + 1.1);
        s.Finish(t + 1.2);
    };
    runFast(0);
    runFast(10);
    runFast(20);
    ASSERT_EQ(sink.finished.size(), 3u);
    EXPECT_EQ(sink.finished[0].flags, std::vector<std::string>{"fast"});
    EXPECT_EQ(sink.finished[1].flags, std::vector<std::string>{"fast"});
    EXPECT_EQ(sink.finished[2].flags, (std::vector<std::string>{"fast", "burst"}));
    EXPECT_EQ(sink.finished[2].status, ResponseStatus::Completed);
}

TEST_F(SessionTest, StorageFailureDoesNotStopTheVisitorAndIsRetried) {
    SurveySession s(q, &sink);
    s.Start(0);
    s.ChooseLanguage("nl", 1);
    s.Next(3);
    sink.failing = true;
    EXPECT_FALSE(s.Answer("4", 5));
    EXPECT_EQ(s.StorageError(), "disk full");
    s.Next(6); // the visitor goes on
    EXPECT_EQ(CurrentId(s), "recommend");
    sink.failing = false;
    EXPECT_TRUE(s.Answer("yes", 8));
    // The answer given while the store failed was written once it worked again.
    EXPECT_EQ(sink.saved["r1"]["useful"], "4");
    EXPECT_EQ(sink.saved["r1"]["recommend"], "yes");
}

TEST_F(SessionTest, PreviewRecordsNothing) {
    SurveySession s(q, nullptr);
    s.Start(0);
    s.ChooseLanguage("nl", 1);
    s.Next(2);
    EXPECT_TRUE(s.Answer("4", 3));
    s.Next(4);
    EXPECT_EQ(CurrentId(s), "recommend");
}

TEST_F(SessionTest, SingleLanguageSkipsTheLanguageScreen) {
    q.languages = {"nl"};
    SurveySession s(q, &sink);
    s.Start(0);
    EXPECT_EQ(s.Screen(), SessionScreen::Question);
    EXPECT_EQ(s.Language(), "nl");
    EXPECT_FALSE(s.CanGoBack());
}

TEST_F(SessionTest, TextQuestionsAreLeftOutUntilTheKeyboardExists) {
    Question text;
    text.id = "comment";
    text.type = QuestionType::Text;
    text.required = true;
    text.label = {{"nl", "Opmerking"}, {"en", "Comment"}};
    q.questions.insert(q.questions.begin() + 1, text);
    SurveySession s(q, &sink);
    s.Start(0);
    s.ChooseLanguage("en", 1);
    s.Next(2);
    EXPECT_EQ(CurrentId(s), "useful");
    EXPECT_EQ(s.VisibleCount(), 4);
}

} // namespace
} // namespace ik
