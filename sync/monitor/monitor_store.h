// The monitor's storage, behind a small interface so a PostgreSQL store can follow the SQLite one:
// kiosk tokens (hashes only), questionnaire definitions, and responses stored idempotently by id.
// The ingest rules (accepted / duplicate / conflict / unknown_questionnaire) are the store's contract.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "sync/protocol/protocol.h"

namespace ik::monitor {

// One stored response, as the export writes it.
struct ReceivedResponse {
    nlohmann::json record; // sync::ToJson(ResponseRecord) as received
    std::string kioskId;
    std::string branchId;
    std::string receivedAt;
    std::string batchId;
};

class MonitorStore {
public:
    virtual ~MonitorStore() = default;

    // Remembers `tokenHash` as a credential of `kioskId` (a kiosk may hold several, for rotation).
    virtual Status AddToken(const std::string& kioskId, const std::string& tokenHash) = 0;
    // The kiosk a token hash belongs to, or nullopt for an unknown token.
    virtual Result<std::optional<std::string>> KioskForToken(const std::string& tokenHash) = 0;

    // Stores a whole batch in one transaction and says what became of each response:
    // new id -> accepted; same id and fingerprint -> duplicate; same id, other content -> rejected
    // "conflict" (the stored record is never overwritten); a questionnaire version neither stored nor
    // defined in the batch -> rejected "unknown_questionnaire". An error means nothing was stored.
    virtual Result<sync::Receipt> Ingest(const sync::Batch& batch, const std::string& receivedAt) = 0;

    // Every stored response in the order received. The visitor may stop by returning an error.
    virtual Status ForEachResponse(const std::function<Status(const ReceivedResponse&)>& visit) = 0;
};

} // namespace ik::monitor
