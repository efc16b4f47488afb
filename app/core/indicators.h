// Indicator (KPI) maths for the results screen and the exports: counts, completion and drop-off per
// question, distributions, top-2-box and yes shares with 95% Wilson intervals, means and spreads,
// then/now change, and each outcome's indicator against its target, overall and by week and month.
// Pure: it takes responses as plain data (no SQLite); app/report feeds it from the store.
//
// Index
//   [SECTION] Figures        one number with its base n and the privacy suppression
//   [SECTION] Input          what the maths needs of one response
//   [SECTION] Report         everything computed for one questionnaire
//   [SECTION] Computing      IndicatorAccumulator (streaming) and ComputeIndicators
//   [SECTION] Small helpers  Wilson interval, local date, week and month keys (tested on their own)
// The definitions, for staff, are in docs/indicators.md.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/questionnaire.h"
#include "core/response_sink.h"

namespace ik {

// [SECTION] Figures

// One figure: a count, a share (in percent, 0-100, like targets) or a mean, always with the n it is
// computed from. Below the privacy threshold (0 < n < min_group_size) the figure is suppressed: n is
// kept, so staff see why, but value, interval and spread are withheld. n == 0 means "no data": no
// value, not suppressed. A count's value is n itself (so a suppressed count shows no number either).
struct Figure {
    std::int64_t n = 0;
    bool suppressed = false;
    std::optional<double> value;
    std::optional<double> low;    // shares: the 95% Wilson interval, percent
    std::optional<double> high;   //
    std::optional<double> spread; // means: sample standard deviation (n - 1), when n >= 2

    bool HasValue() const { return value.has_value(); }
};

// A figure for one period: "2026-W47" (ISO week) or "2026-11" (month), by the local start date.
struct PeriodFigure {
    std::string period;
    Figure figure;
};

// [SECTION] Input

// What the indicator maths needs of one response. Views must outlive the Add() call only.
struct ResponseFacts {
    std::string_view questionnaireId;
    int questionnaireVersion = 0;
    std::string_view language;
    ResponseStatus status = ResponseStatus::Completed;
    std::string_view startedAt; // UTC ISO-8601, as stored
    int utcOffsetMinutes = 0;   // the local offset recorded with it
    const AnswerMap* answers = nullptr;
};

struct IndicatorOptions {
    int minGroupSize = 5; // [privacy] min_group_size
    // Abandoned responses count for the questions they answered (a visitor who answered three
    // questions and walked away still answered them). Responses still in progress never count.
    bool includeAbandoned = true;
};

// [SECTION] Report

struct CountFigures {
    Figure total;
    std::map<std::string, Figure> byQuestionnaire;
    std::map<int, Figure> byVersion; // versions of the questionnaire the report is for
    std::map<std::string, Figure> byLanguage;
    std::map<std::string, Figure> byStatus; // "completed", "abandoned", "in_progress"
    std::vector<PeriodFigure> byWeek;       // oldest first; periods without responses are left out
    std::vector<PeriodFigure> byMonth;
};

// One row of a distribution: an option code (for scales the number as text, "7"), with the share of
// everyone who answered the question (n). "Don't know" is a row of its own here.
struct DistributionRow {
    std::string code;
    std::optional<std::int64_t> count; // withheld when the question's n is suppressed
    Figure share;
};

struct QuestionFigures {
    std::string questionId;
    QuestionType type = QuestionType::Likert;
    // Reached: responses that got to this question (completed ones reach every question on their
    // path; abandoned ones up to where they stopped). Answered: those with a valid answer.
    Figure reached;
    Figure answered;
    Figure completion; // answered / reached
    Figure dropOff;    // abandoned at this question / reached
    std::int64_t dontKnow = 0;
    std::int64_t invalid = 0;                  // answers not valid for this version's definition (left out)
    std::vector<DistributionRow> distribution; // options in order (multi: share of respondents)
    Figure top2;       // likert, smiley, scale: two highest answers, "don't know" out of n
    Figure mean;       // scale, number, likert/smiley with number codes; spread is set
    Figure shareYes;   // yes_no
    Figure meanThen;   // then_now
    Figure meanNow;    //
    Figure meanChange; // now - then, points
    Figure shareImproved;
};

struct IndicatorFigures {
    std::string outcomeId;
    Indicator indicator;           // type, question, target
    Figure figure;                 // in the target's units: percent for shares
    std::optional<bool> targetMet; // value >= target; none without a target or a value
    std::vector<PeriodFigure> byWeek;
    std::vector<PeriodFigure> byMonth;
};

struct IndicatorReport {
    std::string questionnaireId;
    int minGroupSize = 5;
    CountFigures counts;                      // every response fed in
    std::vector<QuestionFigures> questions;   // in questionnaire order; info questions left out
    std::vector<IndicatorFigures> indicators; // outcome by outcome, indicator by indicator

    const QuestionFigures* FindQuestion(std::string_view questionId) const;
};

// [SECTION] Computing

// Streaming: Add() every response (in any order), then Report(). Memory grows with the number of
// questions, options and periods, not with the number of responses. Question and indicator figures
// use only responses to `questionnaire`'s id (any version: question ids are stable across versions,
// and each answer is checked against `questionnaire`'s definition). Counts use every response.
class IndicatorAccumulator {
public:
    IndicatorAccumulator(const Questionnaire& questionnaire, IndicatorOptions options);
    ~IndicatorAccumulator();
    IndicatorAccumulator(const IndicatorAccumulator&) = delete;
    IndicatorAccumulator& operator=(const IndicatorAccumulator&) = delete;

    void Add(const ResponseFacts& response);
    IndicatorReport Report() const;

private:
    struct State;
    std::unique_ptr<State> m_state;
};

IndicatorReport ComputeIndicators(const Questionnaire& questionnaire,
                                  std::span<const ResponseFacts> responses, const IndicatorOptions& options);

// [SECTION] Small helpers

// A share of `hits` out of `n` as a figure (percent, Wilson interval), suppressed below minGroupSize.
Figure ShareFigure(std::int64_t hits, std::int64_t n, int minGroupSize);
// A count as a figure.
Figure CountFigure(std::int64_t n, int minGroupSize);
// The 95% Wilson score interval for hits/n, as fractions (0-1); n must be > 0.
std::pair<double, double> WilsonInterval(std::int64_t hits, std::int64_t n);

// The local calendar date "YYYY-MM-DD" of a UTC ISO-8601 time shifted by the recorded offset;
// nullopt when `utcIso` is not such a time.
std::optional<std::string> LocalDate(std::string_view utcIso, int utcOffsetMinutes);
// "2026-W47" (ISO 8601 week, Monday first; the week's Thursday names the year) and "2026-11".
std::optional<std::string> IsoWeekKey(std::string_view localDate);
std::optional<std::string> MonthKey(std::string_view localDate);

} // namespace ik
