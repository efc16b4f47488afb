// See json_export.h.
#include "report/json_export.h"

#include "core/atomic_file.h"

namespace ik {

nlohmann::json ResponseToJson(const StoredResponse& r) {
    nlohmann::json answers = nlohmann::json::object();
    for (const auto& [question, value] : r.answers)
        answers[question] = value;
    return {{"id", r.id},
            {"seq", r.seq},
            {"questionnaire", {{"id", r.questionnaireId}, {"version", r.questionnaireVersion}}},
            {"status", ResponseStatusName(r.status)},
            {"language", r.language},
            {"started_at", r.startedAt},
            {"finished_at", r.finishedAt.empty() ? nlohmann::json() : nlohmann::json(r.finishedAt)},
            {"utc_offset_minutes", r.utcOffsetMinutes},
            {"flags", r.flags},
            {"answers", answers},
            {"sync_state", r.syncState}};
}

Result<long> WriteResponsesJson(const ResponseStore& store, const ResponseQuery& query, std::ostream& out) {
    long count = 0;
    out << "[";
    Status scanned = store.ForEach(query, [&](const StoredResponse& response) -> Status {
        out << (count == 0 ? "\n" : ",\n") << ResponseToJson(response).dump();
        ++count;
        if (!out) return Error{"write failed"};
        return {};
    });
    if (!scanned) return Error{scanned.error()};
    out << (count == 0 ? "]\n" : "\n]\n");
    return count;
}

Result<long> ExportResponsesJson(const ResponseStore& store, const ResponseQuery& query,
                                 const std::filesystem::path& file) {
    long count = 0;
    Status written = WriteFileAtomically(file, [&](std::ostream& out) -> Status {
        Result<long> n = WriteResponsesJson(store, query, out);
        if (!n) return Error{n.error()};
        count = *n;
        return {};
    });
    if (!written) return Error{written.error()};
    return count;
}

} // namespace ik
