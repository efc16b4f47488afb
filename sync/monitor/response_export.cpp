// See response_export.h.
#include "sync/monitor/response_export.h"

#include "core/atomic_file.h"
#include "core/spreadsheet_text.h"

namespace ik::monitor {
namespace {

using nlohmann::json;

json ExportObject(const ReceivedResponse& r) {
    const json& rec = r.record;
    auto field = [&](const char* key) { return rec.contains(key) ? rec.at(key) : json(); };
    return {{"id", field("id")},
            {"questionnaire", field("questionnaire")},
            {"status", field("status")},
            {"language", field("language")},
            {"started_at", field("started_at")},
            {"finished_at", field("finished_at")},
            {"utc_offset_minutes", field("utc_offset_minutes")},
            {"seq", field("seq")},
            {"flags", rec.contains("flags") ? rec.at("flags") : json::array()},
            {"answers", rec.contains("answers") ? rec.at("answers") : json::object()},
            {"kiosk_id", r.kioskId},
            {"branch_id", r.branchId},
            {"received_at", r.receivedAt}};
}

// Scalars as plain text, everything else as compact JSON.
std::string CellText(const json& value) {
    if (value.is_null()) return {};
    if (value.is_string()) return value.get<std::string>();
    return value.dump();
}

constexpr const char* kCsvColumns[] = {"id",
                                       "questionnaire_id",
                                       "questionnaire_version",
                                       "status",
                                       "language",
                                       "started_at",
                                       "finished_at",
                                       "flags",
                                       "answers",
                                       "kiosk_id",
                                       "branch_id",
                                       "received_at"};

void WriteCsvRow(const json& o, std::ostream& out) {
    std::string flags;
    for (const json& flag : o["flags"])
        flags += (flags.empty() ? "" : ";") + CellText(flag);
    const json& q = o["questionnaire"];
    const std::string cells[] = {CellText(o["id"]),
                                 CellText(q.is_object() && q.contains("id") ? q["id"] : json()),
                                 CellText(q.is_object() && q.contains("version") ? q["version"] : json()),
                                 CellText(o["status"]),
                                 CellText(o["language"]),
                                 CellText(o["started_at"]),
                                 CellText(o["finished_at"]),
                                 flags,
                                 o["answers"].dump(),
                                 CellText(o["kiosk_id"]),
                                 CellText(o["branch_id"]),
                                 CellText(o["received_at"])};
    bool first = true;
    for (const std::string& cell : cells) {
        out << (first ? "" : ",") << CsvField(cell);
        first = false;
    }
    out << "\r\n";
}

} // namespace

Result<long> WriteResponses(MonitorStore& store, ExportFormat format, std::ostream& out) {
    long count = 0;
    if (format == ExportFormat::Json) {
        out << "[";
    } else {
        out << "\xEF\xBB\xBF"; // UTF-8 BOM: Excel otherwise reads the file as ANSI
        bool first = true;
        for (const char* column : kCsvColumns) {
            out << (first ? "" : ",") << column;
            first = false;
        }
        out << "\r\n";
    }
    Status scanned = store.ForEachResponse([&](const ReceivedResponse& r) -> Status {
        const json o = ExportObject(r);
        if (format == ExportFormat::Json)
            out << (count == 0 ? "\n" : ",\n") << o.dump();
        else
            WriteCsvRow(o, out);
        ++count;
        if (!out) return Error{"write failed"};
        return {};
    });
    if (!scanned) return Error{scanned.error()};
    if (format == ExportFormat::Json) out << (count == 0 ? "]\n" : "\n]\n");
    if (!out) return Error{"write failed"};
    return count;
}

Result<long> ExportResponses(MonitorStore& store, ExportFormat format, const std::filesystem::path& file) {
    long count = 0;
    Status written = WriteFileAtomically(file, [&](std::ostream& out) -> Status {
        Result<long> n = WriteResponses(store, format, out);
        if (!n) return Error{n.error()};
        count = *n;
        return {};
    });
    if (!written) return Error{written.error()};
    return count;
}

} // namespace ik::monitor
