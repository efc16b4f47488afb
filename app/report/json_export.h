// The JSON export: an array of responses, each with id, questionnaire {id, version}, status,
// language, started_at, finished_at, flags and answers {question id: value} (DESIGN.md), plus seq,
// utc_offset_minutes and sync_state. Streamed, so memory stays flat for any number of responses.
#pragma once

#include <filesystem>
#include <ostream>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "store/response_store.h"

namespace ik {

nlohmann::json ResponseToJson(const StoredResponse& response);

// Writes the array to `out`; returns how many responses it holds.
Result<long> WriteResponsesJson(const ResponseStore& store, const ResponseQuery& query, std::ostream& out);

// Writes to FILE.tmp and renames it over FILE: a reader never sees half an export.
Result<long> ExportResponsesJson(const ResponseStore& store, const ResponseQuery& query,
                                 const std::filesystem::path& file);

} // namespace ik
