// See indicators.h. Sums are kept as n, sum and sum of squares per measure: enough for shares, means
// and standard deviations, and it lets one pass over a million responses keep memory flat.
#include "core/indicators.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

namespace ik {
namespace {

using namespace std::chrono;

// [SECTION] Tallies

struct Tally {
    std::int64_t n = 0;
    double sum = 0;
    double sumSq = 0;

    void Add(double value) {
        ++n;
        sum += value;
        sumSq += value * value;
    }
};

Figure MeanFigure(const Tally& t, int minGroupSize) {
    Figure f;
    f.n = t.n;
    if (t.n == 0) return f;
    if (t.n < minGroupSize) {
        f.suppressed = true;
        return f;
    }
    const double n = static_cast<double>(t.n);
    f.value = t.sum / n;
    if (t.n >= 2) f.spread = std::sqrt(std::max(0.0, (t.sumSq - t.sum * t.sum / n) / (n - 1)));
    return f;
}

// Share tallies hold 1 for a hit and 0 for a miss, so the sum is the number of hits.
Figure ShareOf(const Tally& t, int minGroupSize) {
    return ShareFigure(std::llround(t.sum), t.n, minGroupSize);
}

bool IsShareIndicator(std::string_view type) {
    return type == "top2_share" || type == "share_yes" || type == "share_improved";
}

std::optional<double> NumberText(std::string_view text) {
    if (text.empty()) return std::nullopt;
    char* end = nullptr;
    const std::string copy(text);
    const double value = std::strtod(copy.c_str(), &end);
    if (end != copy.c_str() + copy.size() || !std::isfinite(value)) return std::nullopt;
    return value;
}

// [SECTION] Per question

struct QuestionState {
    const Question* question = nullptr;
    std::int64_t reached = 0;
    std::int64_t answered = 0;
    std::int64_t dropped = 0;
    std::int64_t dontKnow = 0;
    std::int64_t invalid = 0;
    std::vector<std::int64_t> counts;             // per option, or per scale value from min
    std::vector<bool> top2;                       // per option: one of the two highest (not "don't know")
    std::vector<std::optional<double>> codeValue; // per option: the code as a number
    bool numericCodes = false;                    // every option but "don't know" has a number code
    Tally top2Tally, mean, yes, then, now, change, improved;

    explicit QuestionState(const Question& q) : question(&q) {
        if (HasOptions(q.type)) {
            counts.assign(q.options.size(), 0);
            top2.assign(q.options.size(), false);
            codeValue.assign(q.options.size(), std::nullopt);
            numericCodes = true;
            int marked = 0;
            for (std::size_t i = q.options.size(); i-- > 0;) {
                if (q.options[i].code == kDontKnowCode) continue;
                if (marked < 2) {
                    top2[i] = true;
                    ++marked;
                }
            }
            for (std::size_t i = 0; i < q.options.size(); ++i) {
                if (q.options[i].code == kDontKnowCode) continue;
                codeValue[i] = NumberText(q.options[i].code);
                numericCodes = numericCodes && codeValue[i].has_value();
            }
        } else if (q.type == QuestionType::Scale) {
            counts.assign(static_cast<std::size_t>(std::max(0, q.max - q.min + 1)), 0);
        }
    }

    int OptionIndex(const nlohmann::json& code) const {
        if (!code.is_string()) return -1;
        const std::string& text = code.get_ref<const std::string&>();
        for (std::size_t i = 0; i < question->options.size(); ++i)
            if (question->options[i].code == text) return static_cast<int>(i);
        return -1;
    }
};

// One response's contribution to an indicator: 1/0 for shares, the number for means; nullopt when
// the answer does not count ("don't know", not valid, the wrong shape).
std::optional<double> Observation(const QuestionState& qs, std::string_view type,
                                  const nlohmann::json& value) {
    const Question& q = *qs.question;
    if (type == "top2_share") {
        if (q.type == QuestionType::Scale) return value.get<double>() >= q.max - 1 ? 1.0 : 0.0;
        const int i = qs.OptionIndex(value);
        if (i < 0 || q.options[static_cast<std::size_t>(i)].code == kDontKnowCode) return std::nullopt;
        return qs.top2[static_cast<std::size_t>(i)] ? 1.0 : 0.0;
    }
    if (type == "mean") {
        if (q.type == QuestionType::Scale || q.type == QuestionType::Number) return value.get<double>();
        if (!qs.numericCodes) return std::nullopt;
        const int i = qs.OptionIndex(value);
        if (i < 0) return std::nullopt;
        return qs.codeValue[static_cast<std::size_t>(i)]; // nullopt for "don't know"
    }
    if (type == "share_yes") {
        if (!value.is_string()) return std::nullopt;
        const std::string& code = value.get_ref<const std::string&>();
        if (code == "yes") return 1.0;
        if (code == "no") return 0.0;
        return std::nullopt;
    }
    if (type == "mean_change" || type == "share_improved") {
        const double change = value.at("now").get<double>() - value.at("then").get<double>();
        return type == "mean_change" ? change : (change > 0 ? 1.0 : 0.0);
    }
    return std::nullopt;
}

void AddAnswer(QuestionState& qs, const nlohmann::json& value) {
    const Question& q = *qs.question;
    ++qs.answered;
    switch (q.type) {
    case QuestionType::Likert:
    case QuestionType::Smiley:
    case QuestionType::SingleChoice:
    case QuestionType::YesNo: {
        const int i = qs.OptionIndex(value);
        if (i < 0) break;
        ++qs.counts[static_cast<std::size_t>(i)];
        if (q.options[static_cast<std::size_t>(i)].code == kDontKnowCode) ++qs.dontKnow;
        if (q.type == QuestionType::YesNo) {
            if (auto o = Observation(qs, "share_yes", value)) qs.yes.Add(*o);
        } else if (q.type != QuestionType::SingleChoice) {
            if (auto o = Observation(qs, "top2_share", value)) qs.top2Tally.Add(*o);
            if (auto o = Observation(qs, "mean", value)) qs.mean.Add(*o);
        }
        break;
    }
    case QuestionType::MultiChoice:
        for (const nlohmann::json& code : value)
            if (const int i = qs.OptionIndex(code); i >= 0) ++qs.counts[static_cast<std::size_t>(i)];
        break;
    case QuestionType::Scale: {
        const double v = value.get<double>();
        const auto slot = static_cast<std::size_t>(std::llround(v) - q.min);
        if (slot < qs.counts.size()) ++qs.counts[slot];
        qs.top2Tally.Add(*Observation(qs, "top2_share", value));
        qs.mean.Add(v);
        break;
    }
    case QuestionType::Number:
        qs.mean.Add(value.get<double>());
        break;
    case QuestionType::ThenNow:
        qs.then.Add(value.at("then").get<double>());
        qs.now.Add(value.at("now").get<double>());
        qs.change.Add(*Observation(qs, "mean_change", value));
        qs.improved.Add(*Observation(qs, "share_improved", value));
        break;
    case QuestionType::Text:
    case QuestionType::Info:
        break;
    }
}

// [SECTION] Dates

// Reads exactly `count` digits at `pos`.
std::optional<int> Digits(std::string_view text, std::size_t pos, std::size_t count) {
    if (pos + count > text.size()) return std::nullopt;
    int value = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

std::optional<year_month_day> ParseDate(std::string_view text) {
    if (text.size() < 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    const auto y = Digits(text, 0, 4), m = Digits(text, 5, 2), d = Digits(text, 8, 2);
    if (!y || !m || !d) return std::nullopt;
    const year_month_day date{year{*y}, month{static_cast<unsigned>(*m)}, day{static_cast<unsigned>(*d)}};
    if (!date.ok()) return std::nullopt;
    return date;
}

std::string FormatDate(const year_month_day& date) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return buf;
}

std::vector<PeriodFigure> PeriodCounts(const std::map<std::string, std::int64_t>& counts, int minGroupSize) {
    std::vector<PeriodFigure> out;
    for (const auto& [period, n] : counts)
        out.push_back({period, CountFigure(n, minGroupSize)});
    return out;
}

template <typename Key>
std::map<Key, Figure> CountMap(const std::map<Key, std::int64_t>& counts, int minGroupSize) {
    std::map<Key, Figure> out;
    for (const auto& [key, n] : counts)
        out.emplace(key, CountFigure(n, minGroupSize));
    return out;
}

} // namespace

// [SECTION] Small helpers

std::pair<double, double> WilsonInterval(std::int64_t hits, std::int64_t n) {
    constexpr double z = 1.959963984540054; // the 97.5th percentile of the standard normal
    const double nn = static_cast<double>(n);
    const double p = static_cast<double>(hits) / nn;
    const double z2 = z * z;
    const double centre = (p + z2 / (2 * nn)) / (1 + z2 / nn);
    const double half = z / (1 + z2 / nn) * std::sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn));
    return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

Figure ShareFigure(std::int64_t hits, std::int64_t n, int minGroupSize) {
    Figure f;
    f.n = n;
    if (n == 0) return f;
    if (n < minGroupSize) {
        f.suppressed = true;
        return f;
    }
    f.value = 100.0 * static_cast<double>(hits) / static_cast<double>(n);
    const auto [low, high] = WilsonInterval(hits, n);
    f.low = 100.0 * low;
    f.high = 100.0 * high;
    return f;
}

Figure CountFigure(std::int64_t n, int minGroupSize) {
    Figure f;
    f.n = n;
    if (n > 0 && n < minGroupSize)
        f.suppressed = true;
    else
        f.value = static_cast<double>(n);
    return f;
}

std::optional<std::string> LocalDate(std::string_view utcIso, int utcOffsetMinutes) {
    const std::optional<year_month_day> date = ParseDate(utcIso);
    if (!date || utcIso.size() < 19 || utcIso[10] != 'T' || utcIso[13] != ':' || utcIso[16] != ':')
        return std::nullopt;
    const auto h = Digits(utcIso, 11, 2), m = Digits(utcIso, 14, 2);
    if (!h || !m || *h > 23 || *m > 59) return std::nullopt;
    const sys_time<minutes> local = sys_days{*date} + hours{*h} + minutes{*m} + minutes{utcOffsetMinutes};
    return FormatDate(year_month_day{floor<days>(local)});
}

std::optional<std::string> IsoWeekKey(std::string_view localDate) {
    const std::optional<year_month_day> date = ParseDate(localDate);
    if (!date) return std::nullopt;
    const sys_days d{*date};
    const unsigned isoDay = weekday{d}.iso_encoding(); // Monday 1 .. Sunday 7
    const sys_days thursday = d + days{4 - static_cast<int>(isoDay)};
    const year y = year_month_day{thursday}.year();
    const int week = static_cast<int>((thursday - sys_days{y / January / 1}).count() / 7 + 1);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-W%02d", static_cast<int>(y), week);
    return buf;
}

std::optional<std::string> MonthKey(std::string_view localDate) {
    const std::optional<year_month_day> date = ParseDate(localDate);
    if (!date) return std::nullopt;
    return std::string(localDate.substr(0, 7));
}

const QuestionFigures* IndicatorReport::FindQuestion(std::string_view questionId) const {
    for (const QuestionFigures& q : questions)
        if (q.questionId == questionId) return &q;
    return nullptr;
}

// [SECTION] Computing

struct IndicatorAccumulator::State {
    const Questionnaire& questionnaire;
    IndicatorOptions options;

    std::int64_t total = 0;
    std::map<std::string, std::int64_t> byQuestionnaire, byLanguage, byStatus, byWeek, byMonth;
    std::map<int, std::int64_t> byVersion;

    std::vector<QuestionState> questions; // answer-taking questions, in order
    struct IndicatorState {
        std::string outcomeId;
        Indicator indicator;
        int question = -1; // index into `questions`; -1 when the question is unknown
        std::map<std::string, Tally> byWeek, byMonth;
    };
    std::vector<IndicatorState> indicators;

    State(const Questionnaire& q, IndicatorOptions o) : questionnaire(q), options(o) {
        for (const Question& question : q.questions)
            if (TakesAnswer(question.type)) questions.emplace_back(question);
        for (const Outcome& outcome : q.outcomes)
            for (const Indicator& indicator : outcome.indicators) {
                IndicatorState s{outcome.id, indicator, -1, {}, {}};
                for (std::size_t i = 0; i < questions.size(); ++i)
                    if (questions[i].question->id == indicator.question) s.question = static_cast<int>(i);
                indicators.push_back(std::move(s));
            }
    }
};

IndicatorAccumulator::IndicatorAccumulator(const Questionnaire& questionnaire, IndicatorOptions options)
    : m_state(std::make_unique<State>(questionnaire, options)) {}

IndicatorAccumulator::~IndicatorAccumulator() = default;

void IndicatorAccumulator::Add(const ResponseFacts& r) {
    State& s = *m_state;
    ++s.total;
    ++s.byQuestionnaire[std::string(r.questionnaireId)];
    ++s.byLanguage[std::string(r.language)];
    ++s.byStatus[ResponseStatusName(r.status)];
    std::optional<std::string> week, month;
    if (const std::optional<std::string> date = LocalDate(r.startedAt, r.utcOffsetMinutes)) {
        week = IsoWeekKey(*date);
        month = MonthKey(*date);
        ++s.byWeek[*week];
        ++s.byMonth[*month];
    }
    if (r.questionnaireId != s.questionnaire.id) return;
    ++s.byVersion[r.questionnaireVersion];
    if (r.status == ResponseStatus::InProgress) return;
    if (r.status == ResponseStatus::Abandoned && !s.options.includeAbandoned) return;

    static const AnswerMap kNoAnswers;
    const AnswerMap& answers = r.answers ? *r.answers : kNoAnswers;

    // Where the visitor got to: the furthest answered question; an abandoned response stopped at the
    // first question on its path after that one.
    const int count = static_cast<int>(s.questions.size());
    std::vector<const nlohmann::json*> given(s.questions.size(), nullptr);
    std::vector<bool> onPath(s.questions.size(), false);
    int furthest = -1;
    for (int i = 0; i < count; ++i) {
        const Question& q = *s.questions[static_cast<std::size_t>(i)].question;
        if (auto it = answers.find(q.id); it != answers.end()) {
            given[static_cast<std::size_t>(i)] = &it->second;
            furthest = i;
        }
        onPath[static_cast<std::size_t>(i)] = !q.showIf || Evaluate(*q.showIf, answers);
    }
    int stoppedAt = -1;
    if (r.status == ResponseStatus::Abandoned)
        for (int i = furthest + 1; i < count && stoppedAt < 0; ++i)
            if (onPath[static_cast<std::size_t>(i)]) stoppedAt = i;

    for (int i = 0; i < count; ++i) {
        QuestionState& qs = s.questions[static_cast<std::size_t>(i)];
        const nlohmann::json* value = given[static_cast<std::size_t>(i)];
        const bool reached =
            value != nullptr || (onPath[static_cast<std::size_t>(i)] &&
                                 (r.status == ResponseStatus::Completed || i <= furthest || i == stoppedAt));
        if (reached) ++qs.reached;
        if (i == stoppedAt) ++qs.dropped;
        if (!value) continue;
        if (!IsValidAnswer(*qs.question, *value)) {
            ++qs.invalid;
            continue;
        }
        AddAnswer(qs, *value);
    }

    for (State::IndicatorState& ind : s.indicators) {
        if (ind.question < 0) continue;
        const QuestionState& qs = s.questions[static_cast<std::size_t>(ind.question)];
        const nlohmann::json* value = given[static_cast<std::size_t>(ind.question)];
        if (!value || !IsValidAnswer(*qs.question, *value)) continue;
        const std::optional<double> o = Observation(qs, ind.indicator.type, *value);
        if (!o) continue;
        if (week) ind.byWeek[*week].Add(*o);
        if (month) ind.byMonth[*month].Add(*o);
    }
}

IndicatorReport IndicatorAccumulator::Report() const {
    const State& s = *m_state;
    const int k = s.options.minGroupSize;
    IndicatorReport report;
    report.questionnaireId = s.questionnaire.id;
    report.minGroupSize = k;

    CountFigures& c = report.counts;
    c.total = CountFigure(s.total, k);
    c.byQuestionnaire = CountMap(s.byQuestionnaire, k);
    c.byVersion = CountMap(s.byVersion, k);
    c.byLanguage = CountMap(s.byLanguage, k);
    c.byStatus = CountMap(s.byStatus, k);
    c.byWeek = PeriodCounts(s.byWeek, k);
    c.byMonth = PeriodCounts(s.byMonth, k);

    for (const QuestionState& qs : s.questions) {
        const Question& q = *qs.question;
        QuestionFigures f;
        f.questionId = q.id;
        f.type = q.type;
        f.reached = CountFigure(qs.reached, k);
        f.answered = CountFigure(qs.answered, k);
        f.completion = ShareFigure(qs.answered, qs.reached, k);
        f.dropOff = ShareFigure(qs.dropped, qs.reached, k);
        f.dontKnow = qs.dontKnow;
        f.invalid = qs.invalid;
        const bool hidden = qs.answered < k;
        auto row = [&](std::string code, std::int64_t count) {
            DistributionRow d{std::move(code), std::nullopt, ShareFigure(count, qs.answered, k)};
            if (!hidden) d.count = count;
            d.share.low.reset(); // an interval per option would clutter every table it appears in
            d.share.high.reset();
            f.distribution.push_back(std::move(d));
        };
        if (HasOptions(q.type))
            for (std::size_t i = 0; i < q.options.size(); ++i)
                row(q.options[i].code, qs.counts[i]);
        else if (q.type == QuestionType::Scale)
            for (std::size_t i = 0; i < qs.counts.size(); ++i)
                row(std::to_string(q.min + static_cast<int>(i)), qs.counts[i]);
        if (q.type == QuestionType::Likert || q.type == QuestionType::Smiley || q.type == QuestionType::Scale)
            f.top2 = ShareOf(qs.top2Tally, k);
        if (q.type == QuestionType::Scale || q.type == QuestionType::Number ||
            ((q.type == QuestionType::Likert || q.type == QuestionType::Smiley) && qs.numericCodes))
            f.mean = MeanFigure(qs.mean, k);
        if (q.type == QuestionType::YesNo) f.shareYes = ShareOf(qs.yes, k);
        if (q.type == QuestionType::ThenNow) {
            f.meanThen = MeanFigure(qs.then, k);
            f.meanNow = MeanFigure(qs.now, k);
            f.meanChange = MeanFigure(qs.change, k);
            f.shareImproved = ShareOf(qs.improved, k);
        }
        report.questions.push_back(std::move(f));
    }

    for (const State::IndicatorState& ind : s.indicators) {
        IndicatorFigures f;
        f.outcomeId = ind.outcomeId;
        f.indicator = ind.indicator;
        const bool share = IsShareIndicator(ind.indicator.type);
        auto figure = [&](const Tally& t) { return share ? ShareOf(t, k) : MeanFigure(t, k); };
        if (ind.question >= 0) {
            const QuestionFigures& q = report.questions[static_cast<std::size_t>(ind.question)];
            const std::string& type = ind.indicator.type;
            f.figure = type == "top2_share"       ? q.top2
                       : type == "share_yes"      ? q.shareYes
                       : type == "mean"           ? q.mean
                       : type == "mean_change"    ? q.meanChange
                       : type == "share_improved" ? q.shareImproved
                                                  : Figure{};
        }
        if (f.figure.value && ind.indicator.target) f.targetMet = *f.figure.value >= *ind.indicator.target;
        for (const auto& [period, tally] : ind.byWeek)
            f.byWeek.push_back({period, figure(tally)});
        for (const auto& [period, tally] : ind.byMonth)
            f.byMonth.push_back({period, figure(tally)});
        report.indicators.push_back(std::move(f));
    }
    return report;
}

IndicatorReport ComputeIndicators(const Questionnaire& questionnaire,
                                  std::span<const ResponseFacts> responses, const IndicatorOptions& options) {
    IndicatorAccumulator accumulator(questionnaire, options);
    for (const ResponseFacts& response : responses)
        accumulator.Add(response);
    return accumulator.Report();
}

} // namespace ik
