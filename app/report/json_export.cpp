// See json_export.h.
#include "report/json_export.h"

#include <cerrno>
#include <cstring>
#include <fstream>

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
    std::filesystem::path tmp = file;
    tmp += ".tmp";
    Result<long> count = Error{""};
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) return Error{"cannot write " + tmp.string() + ": " + std::strerror(errno)};
        count = WriteResponsesJson(store, query, out);
        out.flush();
        if (count && !out) count = Error{"cannot write " + tmp.string() + ": " + std::strerror(errno)};
    }
    std::error_code ec;
    if (!count) {
        std::filesystem::remove(tmp, ec);
        return count;
    }
    std::filesystem::rename(tmp, file, ec);
    if (ec) return Error{"cannot rename " + tmp.string() + " to " + file.string() + ": " + ec.message()};
    return count;
}

} // namespace ik
