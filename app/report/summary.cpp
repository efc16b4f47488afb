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
                                                   const IndicatorOptions& options) {
    IndicatorAccumulator accumulator(questionnaire, options);
    AnswerMap answers;
    Status scanned = responses.ForEachRaw(query, [&](const RawResponse& raw) -> Status {
        Result<ResponseFacts> facts = FactsOf(raw, answers);
        if (!facts) return Error{facts.error()};
        accumulator.Add(*facts);
        return {};
    });
    if (!scanned) return Error{"computing indicators: " + scanned.error()};
    return accumulator.Report();
}

} // namespace ik
