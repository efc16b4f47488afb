// See summary.h.
#include "report/summary.h"

namespace ik {

Result<ResponseFacts> FactsOf(const RawResponse& raw, AnswerMap& answers) {
    answers.clear();
    for (const RawAnswer& answer : raw.answers) {
        nlohmann::json value = nlohmann::json::parse(answer.value, nullptr, false);
        if (value.is_discarded())
            return Error{"response " + std::string(raw.id) + ": the answer to \"" +
                         std::string(answer.questionId) + "\" is not valid JSON"};
        answers.emplace_hint(answers.end(), std::string(answer.questionId), std::move(value));
    }
    return ResponseFacts{raw.questionnaireId, raw.questionnaireVersion, raw.language, raw.status,
                         raw.startedAt,       raw.utcOffsetMinutes,     &answers};
}

Result<IndicatorReport> ComputeIndicatorsFromStore(const ResponseStore& responses,
                                                   const Questionnaire& questionnaire,
                                                   const ResponseQuery& query,
                                                   const IndicatorOptions& options,
                                                   const ProgressCallback& progress) {
    constexpr std::int64_t kProgressEvery = 4096; // responses; a few milliseconds of work
    IndicatorAccumulator accumulator(questionnaire, options);
    AnswerMap answers;
    std::int64_t read = 0;
    Status scanned = responses.ForEachRaw(query, [&](const RawResponse& raw) -> Status {
        Result<ResponseFacts> facts = FactsOf(raw, answers);
        if (!facts) return Error{facts.error()};
        accumulator.Add(*facts);
        if (++read % kProgressEvery == 0 && progress && !progress(read)) return Error{"cancelled"};
        return {};
    });
    if (!scanned) return Error{"computing indicators: " + scanned.error()};
    return accumulator.Report();
}

} // namespace ik
