// Realistic random responses for demos, tests and benchmarks, written through the same session and
// store code the kiosk uses (show_if honoured, some abandoned, times spread over past weeks).
// Text questions get hostile text: leading = + - @, quotes, semicolons, newlines, other scripts.
#pragma once

#include <cstdint>
#include <random>

#include <nlohmann/json.hpp>

#include "core/questionnaire.h"
#include "core/result.h"
#include "store/database.h"

namespace ik {

// A plausible answer to `question` (skewed towards agreement, as real course feedback is).
nlohmann::json RandomAnswer(const Question& question, std::mt19937_64& rng);

Result<long> GenerateDemoData(Database& db, const Questionnaire& questionnaire, long count,
                              std::uint64_t seed);

} // namespace ik
