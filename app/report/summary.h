// Indicators from the store: feeds responses from ResponseStore into the pure indicator maths
// (core/indicators.h). What the results screen calls, and what the XLSX summary sheets are made of.
#pragma once

#include <cstdint>
#include <functional>

#include "core/indicators.h"
#include "core/result.h"
#include "store/response_store.h"

namespace ik {

// Parses a raw response's answers into `answers` and returns the facts that point at them (and at
// `raw`'s views): valid while both are.
Result<ResponseFacts> FactsOf(const RawResponse& raw, AnswerMap& answers);

// Called now and then with the number of responses read so far; returning false stops the
// computation (the result is then an error saying so). For a worker thread that may be cancelled.
using ProgressCallback = std::function<bool(std::int64_t responsesRead)>;

// Every response the query selects goes into the counts; question and indicator figures are for
// `questionnaire`'s id, all versions (see IndicatorAccumulator). One pass, flat memory.
Result<IndicatorReport> ComputeIndicatorsFromStore(const ResponseStore& responses,
                                                   const Questionnaire& questionnaire,
                                                   const ResponseQuery& query,
                                                   const IndicatorOptions& options,
                                                   const ProgressCallback& progress = {});

} // namespace ik
