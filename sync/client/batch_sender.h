// The kiosk's side of sync: pending responses -> batch -> HTTPS POST (libcurl) -> receipt -> store.
// Only a receipt that accounts for the batch marks anything as sent; rejected responses are
// quarantined with the monitor's reason. Uses its own database connection (the sync thread's).
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "core/result.h"
#include "store/database.h"

namespace ik::sync {

struct SenderConfig {
    std::string endpoint; // "https://monitor.example.org" (the API path is added)
    std::string token;
    std::filesystem::path caFile; // empty: the system's CAs
    std::string kioskId;
    std::string branchId;
    std::string appVersion;
    int batchSize = 200;
    // Free-text answers stay in the branch unless this is on ([sync] send_free_text; CONTEXT.md).
    bool sendFreeText = false;
    long connectTimeoutSeconds = 10;
    long totalTimeoutSeconds = 60;
    long stallSeconds = 20; // less than 1 byte/s for this long: give up
};

// Reads a token file: it must exist, be readable only by its owner (mode 0600 or stricter), and
// hold one non-empty line.
Result<std::string> ReadTokenFile(const std::filesystem::path& file);

struct SyncOutcome {
    long sent = 0;               // accepted now
    long duplicates = 0;         // the monitor had them already
    long quarantined = 0;        // refused, kept with the reason
    long pending = 0;            // still waiting after this run
    std::string error;           // why the run stopped early; empty when everything pending was delivered
    int httpStatus = 0;          // of the last reply, 0 when none came
    long retryAfterSeconds = -1; // from a 429/503 reply
    bool authProblem = false;    // 401/403: stop until the settings change
};

// Delivers pending responses in batches until none are left or something goes wrong. Records the
// result for `status` (last success, last error) in the settings table.
SyncOutcome SyncOnce(Database& db, const SenderConfig& config);

} // namespace ik::sync
