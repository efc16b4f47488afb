// Sync protocol v1 (docs/protocol.md): the batch a kiosk sends and the receipt the monitor returns,
// with their JSON. Shared by the kiosk's sender and impactkiosk-monitor, so both ends agree on
// every field. No network and no storage here: pure data, parsing and checks.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"

namespace ik::sync {

inline constexpr int kProtocolVersion = 1;
inline constexpr const char* kBatchesPath = "/api/v1/batches";
inline constexpr const char* kHealthPath = "/api/v1/health";
// The largest request body after decompression the monitor accepts (and the kiosk aims under).
inline constexpr std::size_t kMaxBatchBytes = 16 * 1024 * 1024;
inline constexpr int kMaxBatchResponses = 5000;

struct QuestionnaireRef {
    std::string id;
    int version = 0;
    bool operator==(const QuestionnaireRef&) const = default;
};

// A questionnaire version the batch's responses refer to. `definition` is the full canonical JSON
// the first time; afterwards the kiosk may send only the hash the monitor acknowledged.
struct QuestionnaireEntry {
    QuestionnaireRef ref;
    std::string hash; // "fnv1a64:..." of the canonical definition
    std::optional<nlohmann::json> definition;
};

struct ResponseRecord {
    std::string id; // UUIDv7 made on the kiosk
    std::int64_t seq = 0;
    QuestionnaireRef questionnaire;
    std::string language;
    std::string status; // "completed" or "abandoned" (in_progress is never sent)
    std::string startedAt;
    std::string finishedAt;
    int utcOffsetMinutes = 0;
    std::vector<std::string> flags;
    nlohmann::json answers = nlohmann::json::object(); // question id -> value
    bool operator==(const ResponseRecord&) const = default;
};

struct Batch {
    int protocol = kProtocolVersion;
    std::string batchId;
    std::string kioskId;
    std::string branchId;
    std::string appVersion;
    std::string sentAt;
    std::vector<QuestionnaireEntry> questionnaires;
    std::vector<ResponseRecord> responses;
};

struct Rejection {
    std::string id;
    std::string code;   // "conflict", "invalid", "unknown_questionnaire"
    std::string reason; // for staff: what is wrong
};

struct Receipt {
    int protocol = kProtocolVersion;
    std::string batchId;                                // the batch this answers
    std::vector<std::string> accepted;                  // stored now
    std::vector<std::string> duplicates;                // stored before with the same content
    std::vector<Rejection> rejected;                    // not stored; never retried as-is
    std::vector<QuestionnaireRef> questionnairesStored; // definitions the monitor now holds
};

nlohmann::json ToJson(const ResponseRecord& record);
nlohmann::json ToJson(const Batch& batch);
nlohmann::json ToJson(const Receipt& receipt);

// Parsing checks shape and types; the message names the JSON path ("$.responses[3].id: ...").
Result<ResponseRecord> ParseResponseRecord(const nlohmann::json& json, const std::string& path);
Result<Batch> ParseBatch(const nlohmann::json& json);
Result<Receipt> ParseReceipt(const nlohmann::json& json);

// Whether `body` is a real receipt for `batch`: valid JSON of the right protocol, naming this batch,
// and accounting for every response in it exactly once and for nothing else. A 200 from a captive
// portal or a proxy fails here, so nothing is marked as sent on its word.
Result<Receipt> CheckReceipt(const Batch& batch, const std::string& body);

// The content of a response as stable text (its JSON with sorted keys), for telling a duplicate (same
// id, same content) from a conflict (same id, different content).
std::string ContentFingerprint(const ResponseRecord& record);

} // namespace ik::sync
