// Indicator maths against figures worked out by hand (in the comments): top-2-box without "don't
// know", Wilson intervals, means and spreads, then/now, share yes, targets, completion and drop-off,
// counts, weeks and months by local date, and privacy suppression at its boundary.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/indicators.h"
#include "core/questionnaire_json.h"

namespace ik {
namespace {

using nlohmann::json;

Questionnaire MakeQuestionnaire() {
    const char* text = R"({
      "id": "course", "version": 2, "languages": ["nl", "en"],
      "title": {"nl": "Cursus", "en": "Course"},
      "questions": [
        {"id": "conf", "type": "likert", "dont_know": true, "label": {"nl": "Zeker", "en": "Confident"}},
        {"id": "grade", "type": "scale", "min": 1, "max": 10, "label": {"nl": "Cijfer", "en": "Grade"}},
        {"id": "rec", "type": "yes_no", "label": {"nl": "Aanraden", "en": "Recommend"}},
        {"id": "why", "type": "single_choice", "label": {"nl": "Waarom", "en": "Why"},
         "options": [{"code": "a", "label": {"nl": "A", "en": "A"}}, {"code": "b", "label": {"nl": "B", "en": "B"}}],
         "show_if": {"question": "rec", "equals": "no"}},
        {"id": "used", "type": "multi_choice", "label": {"nl": "Gebruikt", "en": "Used"},
         "options": [{"code": "x", "label": {"nl": "X", "en": "X"}}, {"code": "y", "label": {"nl": "Y", "en": "Y"}},
                     {"code": "z", "label": {"nl": "Z", "en": "Z"}}]},
        {"id": "skill", "type": "then_now", "label": {"nl": "Mailen", "en": "Email"}},
        {"id": "books", "type": "number", "number_min": 0, "number_max": 100, "label": {"nl": "Boeken", "en": "Books"}}
      ],
      "outcomes": [
        {"id": "confidence", "label": {"nl": "Zeker", "en": "Confident"},
         "indicators": [{"type": "top2_share", "question": "conf", "target": 70}]},
        {"id": "satisfaction", "label": {"nl": "Tevreden", "en": "Satisfied"},
         "indicators": [{"type": "mean", "question": "grade", "target": 7.5},
                        {"type": "share_yes", "question": "rec", "target": 80}]},
        {"id": "email", "label": {"nl": "Mailen", "en": "Email"},
         "indicators": [{"type": "mean_change", "question": "skill", "target": 1},
                        {"type": "share_improved", "question": "skill", "target": 61}]}
      ]})";
    ParsedQuestionnaire parsed = ParseQuestionnaire(text);
    EXPECT_TRUE(parsed.questionnaire.has_value());
    return *parsed.questionnaire;
}

// Responses with their answers kept alive for the views in ResponseFacts.
struct Fixture {
    std::vector<AnswerMap> answers;
    std::vector<std::string> started;
    std::vector<ResponseFacts> facts;

    void Add(AnswerMap a, ResponseStatus status = ResponseStatus::Completed,
             std::string startedAt = "2026-11-18T10:00:00.000Z", int offset = 60,
             std::string_view lang = "nl", int version = 2, std::string_view questionnaire = "course") {
        answers.push_back(std::move(a));
        started.push_back(std::move(startedAt));
        facts.push_back({questionnaire, version, lang, status, {}, offset, nullptr});
    }
    // Views are taken only now: the vectors no longer move.
    IndicatorReport Compute(const Questionnaire& q, int minGroupSize = 5) {
        for (std::size_t i = 0; i < facts.size(); ++i) {
            facts[i].answers = &answers[i];
            facts[i].startedAt = started[i];
        }
        return ComputeIndicators(q, facts, IndicatorOptions{minGroupSize, true});
    }
};

const IndicatorFigures& FindIndicator(const IndicatorReport& r, const std::string& type) {
    for (const IndicatorFigures& f : r.indicators)
        if (f.indicator.type == type) return f;
    static const IndicatorFigures kNone;
    ADD_FAILURE() << "no indicator " << type;
    return kNone;
}

TEST(Indicators, Top2ShareLeavesDontKnowOutWithAWilsonInterval) {
    const Questionnaire q = MakeQuestionnaire();
    Fixture f;
    // 5,5,4,4,4 are top-2 (5 of them); 3,2,1 are not; two "don't know" are out of the denominator:
    // 5 of 8 = 62.5%.
    for (const char* code : {"5", "5", "4", "4", "4", "3", "2", "1", "dk", "dk"})
        f.Add({{"conf", code}});
    const IndicatorReport r = f.Compute(q);
    const QuestionFigures* conf = r.FindQuestion("conf");
    ASSERT_NE(conf, nullptr);
    EXPECT_EQ(conf->top2.n, 8);
    ASSERT_TRUE(conf->top2.value);
    EXPECT_DOUBLE_EQ(*conf->top2.value, 62.5);
    // Wilson, z = 1.96, p = 5/8, n = 8: centre (p + z²/2n) / (1 + z²/n) = 0.58445,
    // half-width z / (1 + z²/n) * sqrt(p(1-p)/n + z²/4n²) = 0.27871 -> 30.57% .. 86.32%.
    EXPECT_NEAR(*conf->top2.low, 30.574, 0.01);
    EXPECT_NEAR(*conf->top2.high, 86.316, 0.01);
    EXPECT_EQ(conf->dontKnow, 2);
    // Mean of the codes without "don't know": 28 / 8 = 3.5; squared deviations sum to 14, 14 / 7 = 2.
    EXPECT_DOUBLE_EQ(*conf->mean.value, 3.5);
    EXPECT_NEAR(*conf->mean.spread, 1.41421, 1e-5);
    // The distribution has every option, "don't know" included, as shares of all 10 answers.
    ASSERT_EQ(conf->distribution.size(), 6u);
    EXPECT_EQ(conf->distribution[3].code, "4");
    EXPECT_EQ(conf->distribution[3].count, 3);
    EXPECT_DOUBLE_EQ(*conf->distribution[3].share.value, 30.0);
    EXPECT_EQ(conf->distribution[5].code, "dk");
    EXPECT_DOUBLE_EQ(*conf->distribution[5].share.value, 20.0);

    const IndicatorFigures& top2 = FindIndicator(r, "top2_share");
    EXPECT_EQ(top2.outcomeId, "confidence");
    EXPECT_DOUBLE_EQ(*top2.figure.value, 62.5);
    EXPECT_EQ(top2.targetMet, false); // 62.5 < 70
}

TEST(Indicators, MeanGradeShareYesAndThenNow) {
    const Questionnaire q = MakeQuestionnaire();
    Fixture f;
    // grade 8,7,9,6,10: mean 8; deviations 0,-1,1,-2,2 -> 10 / 4 = 2.5 -> sd 1.5811; top-2 (9, 10): 2 of 5.
    // rec: 4 yes, 1 no -> 80%.
    // skill (then, now): (1,3) (2,2) (3,5) (2,4) (4,3): changes 2,0,2,2,-1 -> mean 1, sd sqrt(8/4);
    // improved 3 of 5 = 60%.
    const int grades[] = {8, 7, 9, 6, 10};
    const char* recs[] = {"yes", "yes", "no", "yes", "yes"};
    const int thens[] = {1, 2, 3, 2, 4}, nows[] = {3, 2, 5, 4, 3};
    for (int i = 0; i < 5; ++i)
        f.Add({{"grade", grades[i]}, {"rec", recs[i]}, {"skill", {{"then", thens[i]}, {"now", nows[i]}}}});
    const IndicatorReport r = f.Compute(q);

    const QuestionFigures* grade = r.FindQuestion("grade");
    EXPECT_DOUBLE_EQ(*grade->mean.value, 8.0);
    EXPECT_NEAR(*grade->mean.spread, 1.58114, 1e-5);
    EXPECT_DOUBLE_EQ(*grade->top2.value, 40.0);
    ASSERT_EQ(grade->distribution.size(), 10u); // 1..10
    EXPECT_EQ(grade->distribution[5].code, "6");
    EXPECT_EQ(grade->distribution[5].count, 1);
    EXPECT_EQ(grade->distribution[0].count, 0);

    const IndicatorFigures& mean = FindIndicator(r, "mean");
    EXPECT_DOUBLE_EQ(*mean.figure.value, 8.0);
    EXPECT_EQ(mean.figure.n, 5);
    EXPECT_EQ(mean.targetMet, true); // 8 >= 7.5

    const IndicatorFigures& yes = FindIndicator(r, "share_yes");
    EXPECT_DOUBLE_EQ(*yes.figure.value, 80.0);
    EXPECT_EQ(yes.targetMet, true); // exactly on target counts as met

    const QuestionFigures* skill = r.FindQuestion("skill");
    EXPECT_DOUBLE_EQ(*skill->meanThen.value, 2.4);
    EXPECT_DOUBLE_EQ(*skill->meanNow.value, 3.4);
    const IndicatorFigures& change = FindIndicator(r, "mean_change");
    EXPECT_DOUBLE_EQ(*change.figure.value, 1.0);
    EXPECT_NEAR(*change.figure.spread, 1.41421, 1e-5);
    EXPECT_EQ(change.targetMet, true);
    const IndicatorFigures& improved = FindIndicator(r, "share_improved");
    EXPECT_DOUBLE_EQ(*improved.figure.value, 60.0);
    EXPECT_EQ(improved.targetMet, false); // 60 < 61
}

TEST(Indicators, EmptyDataHasNoValuesAndNothingSuppressed) {
    const Questionnaire q = MakeQuestionnaire();
    Fixture f;
    const IndicatorReport r = f.Compute(q);
    EXPECT_EQ(r.counts.total.n, 0);
    EXPECT_EQ(r.counts.total.value, 0.0); // "0 responses" is a fact, not a secret
    EXPECT_FALSE(r.counts.total.suppressed);
    EXPECT_TRUE(r.counts.byWeek.empty());
    ASSERT_EQ(r.questions.size(), 7u);
    for (const QuestionFigures& qf : r.questions) {
        EXPECT_EQ(qf.answered.n, 0) << qf.questionId;
        EXPECT_FALSE(qf.completion.value) << qf.questionId;
        EXPECT_FALSE(qf.top2.value);
    }
    ASSERT_EQ(r.indicators.size(), 5u);
    for (const IndicatorFigures& ind : r.indicators) {
        EXPECT_FALSE(ind.figure.value) << ind.indicator.type;
        EXPECT_FALSE(ind.figure.suppressed);
        EXPECT_FALSE(ind.targetMet.has_value());
        EXPECT_TRUE(ind.byMonth.empty());
    }
}

TEST(Indicators, AllDontKnowGivesNoShareButAFullDistribution) {
    const Questionnaire q = MakeQuestionnaire();
    Fixture f;
    for (int i = 0; i < 6; ++i)
        f.Add({{"conf", "dk"}});
    const IndicatorReport r = f.Compute(q);
    const QuestionFigures* conf = r.FindQuestion("conf");
    EXPECT_EQ(conf->answered.n, 6);
    EXPECT_EQ(conf->dontKnow, 6);
    EXPECT_EQ(conf->top2.n, 0);
    EXPECT_FALSE(conf->top2.value);
    EXPECT_FALSE(conf->top2.suppressed); // nothing to hide: there is no figure
    EXPECT_FALSE(conf->mean.value);
    EXPECT_DOUBLE_EQ(*conf->distribution.back().share.value, 100.0);
    EXPECT_FALSE(FindIndicator(r, "top2_share").targetMet.has_value());
}

TEST(Indicators, OneRespondentIsSuppressedUnlessTheThresholdIsOne) {
    const Questionnaire q = MakeQuestionnaire();
    Fixture f;
    f.Add({{"conf", "5"}, {"grade", 9}});
    {
        Fixture copy = f;
        const IndicatorReport r = copy.Compute(q);
        const QuestionFigures* conf = r.FindQuestion("conf");
        EXPECT_EQ(conf->top2.n, 1);
        EXPECT_TRUE(conf->top2.suppressed);
        EXPECT_FALSE(conf->top2.value);
        EXPECT_FALSE(conf->top2.low);
        EXPECT_FALSE(conf->distribution[4].count); // the counts would give the answer away
        EXPECT_TRUE(r.counts.total.suppressed);
        EXPECT_FALSE(r.counts.total.value);
    }
    const IndicatorReport r = f.Compute(q, 1);
    const QuestionFigures* conf = r.FindQuestion("conf");
    EXPECT_DOUBLE_EQ(*conf->top2.value, 100.0);
    // Wilson for 1 of 1: centre (1 + 1.9208) / 4.8415 = 0.60328, half 0.39672 -> 20.65% .. 100%.
    EXPECT_NEAR(*conf->top2.low, 20.655, 0.01);
    EXPECT_NEAR(*conf->top2.high, 100.0, 1e-9);
    EXPECT_DOUBLE_EQ(*conf->mean.value, 5.0);
    EXPECT_FALSE(conf->mean.spread); // no spread from one answer
}

TEST(Indicators, SuppressionBoundaryIsTheMinimumGroupSize) {
    const Questionnaire q = MakeQuestionnaire();
    for (int n : {4, 5}) {
        Fixture f;
        for (int i = 0; i < n; ++i)
            f.Add({{"rec", i == 0 ? "no" : "yes"}}, ResponseStatus::Completed, "2026-11-18T10:00:00.000Z", 60,
                  i < 2 ? "ar" : "nl");
        const IndicatorReport r = f.Compute(q);
        const Figure& yes = FindIndicator(r, "share_yes").figure;
        EXPECT_EQ(yes.n, n);
        EXPECT_EQ(yes.suppressed, n < 5) << n;
        EXPECT_EQ(yes.value.has_value(), n >= 5) << n;
        EXPECT_EQ(r.counts.total.suppressed, n < 5);
        // Two Arabic responses are a group of two, whatever the total.
        EXPECT_TRUE(r.counts.byLanguage.at("ar").suppressed);
        EXPECT_EQ(r.counts.byLanguage.at("ar").n, 2);
        EXPECT_FALSE(r.counts.byLanguage.at("ar").value);
    }
    // At threshold 10 (publication), five is too few.
    Fixture f;
    for (int i = 0; i < 9; ++i)
        f.Add({{"rec", "yes"}});
    EXPECT_TRUE(FindIndicator(f.Compute(q, 10), "share_yes").figure.suppressed);
    f.Add({{"rec", "yes"}});
    EXPECT_DOUBLE_EQ(*FindIndicator(f.Compute(q, 10), "share_yes").figure.value, 100.0);
}

TEST(Indicators, CompletionAndDropOffFollowWhereVisitorsStopped) {
    const Questionnaire q = MakeQuestionnaire();
    Fixture f;
    // A completed every question on its path ("why" is only for rec = no).
    f.Add({{"conf", "4"},
           {"grade", 8},
           {"rec", "yes"},
           {"used", {"x"}},
           {"skill", {{"then", 1}, {"now", 2}}},
           {"books", 3}});
    // B completed, skipped grade, said no, so "why" was on its path and answered.
    f.Add({{"conf", "5"},
           {"rec", "no"},
           {"why", "a"},
           {"used", {"y"}},
           {"skill", {{"then", 2}, {"now", 2}}},
           {"books", 0}});
    // C answered conf and walked away at grade.
    f.Add({{"conf", "3"}}, ResponseStatus::Abandoned);
    // D answered conf and grade and walked away at rec.
    f.Add({{"conf", "2"}, {"grade", 5}}, ResponseStatus::Abandoned);
    // E is still in progress: it is counted, but its answers are not used yet.
    f.Add({{"conf", "1"}}, ResponseStatus::InProgress);
    const IndicatorReport r = f.Compute(q, 1);

    EXPECT_EQ(r.counts.total.n, 5);
    EXPECT_EQ(r.counts.byStatus.at("completed").n, 2);
    EXPECT_EQ(r.counts.byStatus.at("abandoned").n, 2);
    EXPECT_EQ(r.counts.byStatus.at("in_progress").n, 1);

    const QuestionFigures* conf = r.FindQuestion("conf");
    EXPECT_EQ(conf->reached.n, 4);
    EXPECT_DOUBLE_EQ(*conf->completion.value, 100.0);
    EXPECT_DOUBLE_EQ(*conf->dropOff.value, 0.0);
    const QuestionFigures* grade = r.FindQuestion("grade");
    EXPECT_EQ(grade->reached.n, 4);  // A, B (skipped it), C (stopped here), D
    EXPECT_EQ(grade->answered.n, 2); // A, D
    EXPECT_DOUBLE_EQ(*grade->completion.value, 50.0);
    EXPECT_DOUBLE_EQ(*grade->dropOff.value, 25.0); // C
    const QuestionFigures* rec = r.FindQuestion("rec");
    EXPECT_EQ(rec->reached.n, 3); // A, B, D
    EXPECT_NEAR(*rec->dropOff.value, 100.0 / 3, 1e-9);
    const QuestionFigures* why = r.FindQuestion("why");
    EXPECT_EQ(why->reached.n, 1); // only B had rec = no
    EXPECT_DOUBLE_EQ(*why->completion.value, 100.0);
    const QuestionFigures* used = r.FindQuestion("used");
    EXPECT_EQ(used->reached.n, 2);
}

TEST(Indicators, MultiChoiceSharesAreOfRespondentsAndInvalidAnswersAreLeftOut) {
    const Questionnaire q = MakeQuestionnaire();
    Fixture f;
    // x chosen by 4 of 5 respondents, y by 1, z by 2. Shares add up to more than 100%.
    for (const json& used : {json{"x", "y"}, json{"x"}, json{"z"}, json{"x", "z"}, json{"x"}})
        f.Add({{"used", used}, {"conf", "4"}});
    f.Add({{"conf", "7"}}); // not an option of this version: left out, and counted as invalid
    const IndicatorReport r = f.Compute(q);
    const QuestionFigures* used = r.FindQuestion("used");
    EXPECT_EQ(used->answered.n, 5);
    EXPECT_DOUBLE_EQ(*used->distribution[0].share.value, 80.0);
    EXPECT_DOUBLE_EQ(*used->distribution[1].share.value, 20.0);
    EXPECT_DOUBLE_EQ(*used->distribution[2].share.value, 40.0);
    const QuestionFigures* conf = r.FindQuestion("conf");
    EXPECT_EQ(conf->invalid, 1);
    EXPECT_EQ(conf->answered.n, 5);
    EXPECT_DOUBLE_EQ(*conf->top2.value, 100.0);
}

TEST(Indicators, VersionsAndOtherQuestionnairesAreCountedButOnlyThisOneIsMeasured) {
    const Questionnaire q = MakeQuestionnaire();
    Fixture f;
    for (int i = 0; i < 5; ++i)
        f.Add({{"rec", "yes"}}, ResponseStatus::Completed, "2026-11-18T10:00:00.000Z", 60, "nl", 1);
    for (int i = 0; i < 5; ++i)
        f.Add({{"rec", "no"}}, ResponseStatus::Completed, "2026-11-18T10:00:00.000Z", 60, "en", 2);
    for (int i = 0; i < 6; ++i)
        f.Add({{"rec", "no"}}, ResponseStatus::Completed, "2026-11-18T10:00:00.000Z", 60, "nl", 1, "other");
    const IndicatorReport r = f.Compute(q);
    EXPECT_EQ(r.counts.total.n, 16);
    EXPECT_EQ(r.counts.byQuestionnaire.at("course").n, 10);
    EXPECT_EQ(r.counts.byQuestionnaire.at("other").n, 6);
    EXPECT_EQ(r.counts.byVersion.at(1).n, 5);
    EXPECT_EQ(r.counts.byVersion.at(2).n, 5);
    EXPECT_EQ(r.counts.byLanguage.at("nl").n, 11);
    EXPECT_DOUBLE_EQ(*FindIndicator(r, "share_yes").figure.value, 50.0); // both versions, not "other"
}

TEST(Indicators, WeeksAndMonthsFollowTheLocalDate) {
    const Questionnaire q = MakeQuestionnaire();
    Fixture f;
    // 23:30 UTC on Sunday 29 March 2026 is 01:30 on Monday 30 March in summer time (+02:00): week 14.
    for (int i = 0; i < 5; ++i)
        f.Add({{"rec", "yes"}}, ResponseStatus::Completed, "2026-03-29T23:30:00.000Z", 120);
    // 21:30 UTC the same Sunday is 23:30 local: still week 13.
    for (int i = 0; i < 5; ++i)
        f.Add({{"rec", "no"}}, ResponseStatus::Completed, "2026-03-29T21:30:00.000Z", 120);
    // 23:30 UTC on 31 October is 00:30 on 1 November in winter time (+01:00): November.
    for (int i = 0; i < 3; ++i)
        f.Add({{"rec", "yes"}}, ResponseStatus::Completed, "2026-10-31T23:30:00.000Z", 60);
    const IndicatorReport r = f.Compute(q);
    ASSERT_EQ(r.counts.byWeek.size(), 3u);
    EXPECT_EQ(r.counts.byWeek[0].period, "2026-W13");
    EXPECT_EQ(r.counts.byWeek[1].period, "2026-W14");
    EXPECT_EQ(r.counts.byWeek[2].period, "2026-W44");
    ASSERT_EQ(r.counts.byMonth.size(), 2u);
    EXPECT_EQ(r.counts.byMonth[0].period, "2026-03");
    EXPECT_EQ(r.counts.byMonth[1].period, "2026-11");
    EXPECT_TRUE(r.counts.byMonth[1].figure.suppressed); // 3 < 5

    const IndicatorFigures& yes = FindIndicator(r, "share_yes");
    ASSERT_EQ(yes.byWeek.size(), 3u);
    EXPECT_DOUBLE_EQ(*yes.byWeek[0].figure.value, 0.0);   // week 13: all "no"
    EXPECT_DOUBLE_EQ(*yes.byWeek[1].figure.value, 100.0); // week 14: all "yes"
    EXPECT_TRUE(yes.byWeek[2].figure.suppressed);
    ASSERT_EQ(yes.byMonth.size(), 2u);
    EXPECT_DOUBLE_EQ(*yes.byMonth[0].figure.value, 50.0);
}

TEST(IndicatorHelpers, IsoWeeksAtYearEnds) {
    EXPECT_EQ(IsoWeekKey("2027-01-01"), "2026-W53"); // a Friday: its Thursday is in 2026
    EXPECT_EQ(IsoWeekKey("2024-12-30"), "2025-W01"); // a Monday whose Thursday is in 2025
    EXPECT_EQ(IsoWeekKey("2026-11-23"), "2026-W48");
    EXPECT_EQ(MonthKey("2026-11-23"), "2026-11");
    EXPECT_FALSE(IsoWeekKey("2026-02-30"));
    EXPECT_EQ(LocalDate("2026-03-29T23:30:00.000Z", 120), "2026-03-30");
    EXPECT_EQ(LocalDate("2026-01-01T00:30:00Z", -60), "2025-12-31");
    EXPECT_FALSE(LocalDate("yesterday", 0));
}

TEST(IndicatorHelpers, WilsonIntervalAtTheEdges) {
    // 0 of 10: 0 .. 27.75%; 10 of 10: 72.25% .. 100% (z = 1.96).
    auto [low0, high0] = WilsonInterval(0, 10);
    EXPECT_NEAR(low0, 0.0, 1e-12);
    EXPECT_NEAR(high0, 0.27753, 1e-4);
    auto [low1, high1] = WilsonInterval(10, 10);
    EXPECT_NEAR(low1, 0.72247, 1e-4);
    EXPECT_NEAR(high1, 1.0, 1e-12);
}

} // namespace
} // namespace ik
