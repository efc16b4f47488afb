// impactkiosk-monitor export: every received response as JSON (an array, like the kiosk's export, plus
// kiosk_id, branch_id and received_at) or CSV (one row per response, answers as a JSON text column).
#pragma once

#include <filesystem>
#include <ostream>

#include "core/result.h"
#include "sync/monitor/monitor_store.h"

namespace ik::monitor {

enum class ExportFormat { Json, Csv };

// Writes to `out`; returns how many responses were written.
Result<long> WriteResponses(MonitorStore& store, ExportFormat format, std::ostream& out);
// Writes `file` atomically (a temporary file renamed into place), so a failed export leaves no half file.
Result<long> ExportResponses(MonitorStore& store, ExportFormat format, const std::filesystem::path& file);

} // namespace ik::monitor
