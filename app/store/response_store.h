// Responses and their answers in SQLite: the ResponseSink the survey session writes through (each
// call one short durable transaction), start-up recovery of interrupted responses, counts for the
// status screen and ordered reading for exports.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/questionnaire.h"
#include "core/response_sink.h"
#include "core/result.h"
#include "store/database.h"

namespace ik {

// Where the store gets "now" and the local UTC offset. Tests and demo-data (which writes responses
// spread over past weeks through this same code) replace them.
struct StoreClock {
    std::function<WallClock::time_point()> now = [] { return WallClock::now(); };
    std::function<int(WallClock::time_point)> utcOffsetMinutes = LocalUtcOffsetMinutes;
};

struct ResponseCounts {
    std::int64_t total = 0;
    std::int64_t completed = 0;
    std::int64_t abandoned = 0;
    std::int64_t inProgress = 0;
    std::int64_t pending = 0;     // finished (completed or abandoned) and not yet synced
    std::int64_t quarantined = 0; // rejected by the monitor; staff need to look
};

struct ResponseQuery {
    std::optional<std::string> questionnaireId; // any version
    // Inclusive, "YYYY-MM-DD", compared with the local date at which the response started (using the
    // offset recorded with it, not the current time zone).
    std::optional<std::string> fromLocalDate;
    std::optional<std::string> toLocalDate;
    // For sync: only finished responses in this sync state ("pending", ...), at most `limit`.
    std::optional<std::string> syncState;
    std::optional<int> limit;
};

struct StoredResponse {
    std::string id;
    std::int64_t seq = 0;
    std::string questionnaireId;
    int questionnaireVersion = 0;
    std::string language;
    ResponseStatus status = ResponseStatus::InProgress;
    std::string startedAt;  // UTC ISO-8601
    std::string finishedAt; // "" while in progress
    int utcOffsetMinutes = 0;
    std::vector<std::string> flags;
    AnswerMap answers;
    std::string syncState; // "pending", "synced", "quarantined"
};

// A response as stored, answers not parsed: for exports of a million rows, where parsing every answer
// into JSON objects would cost more than the export itself. Every view is valid only during the visit.
struct RawAnswer {
    std::string_view questionId;
    std::string_view value; // the stored JSON text: "\"4\"", "7", "[\"a\",\"b\"]", "{\"now\":4,\"then\":2}"
};

struct RawResponse {
    std::string_view id;
    std::int64_t seq = 0;
    std::string_view questionnaireId;
    int questionnaireVersion = 0;
    std::string_view language;
    ResponseStatus status = ResponseStatus::InProgress;
    std::string_view startedAt;
    std::string_view finishedAt; // "" while in progress
    int utcOffsetMinutes = 0;
    std::string_view flags; // JSON array of strings, as stored
    std::string_view syncState;
    std::span<const RawAnswer> answers; // ordered by question id
};

// The flags of a stored response (a JSON array of strings); nullopt when the text is not one.
std::optional<std::vector<std::string>> ParseFlagsJson(std::string_view text);

class ResponseStore : public ResponseSink {
public:
    explicit ResponseStore(Database& db, StoreClock clock = {});

    // [SECTION] ResponseSink: every call is one transaction, committed before it returns.
    // Fails when the questionnaire version is not in the database.
    Result<std::string> BeginResponse(const ResponseStart& start) override;
    // Inserts or replaces (the visitor changed their mind); only while the response is in progress.
    Status SaveAnswer(const std::string& responseId, const std::string& questionId,
                      const nlohmann::json& value) override;
    Status RemoveAnswer(const std::string& responseId, const std::string& questionId) override;
    // `status` must be Completed or Abandoned, and the response still in progress.
    Status FinishResponse(const std::string& responseId, ResponseStatus status,
                          const std::vector<std::string>& flags,
                          const std::vector<std::string>& questionsOffPath) override;

    // [SECTION] Start-up and status
    // Every in_progress response (left by a crash or power cut) becomes abandoned with the flag
    // "interrupted"; finished_at is its last answer's time (or its start). Answers are kept.
    // Returns how many were recovered. Run once at start-up, before any new response begins.
    Result<int> RecoverInterrupted();
    Result<ResponseCounts> Counts() const;
    // How many responses match (any status), e.g. today's for the staff home screen.
    Result<std::int64_t> Count(const ResponseQuery& query) const;
    // When the most recently started finished response ended (for burst detection); nullopt if none.
    Result<std::optional<WallClock::time_point>> LastFinishedAt() const;

    // [SECTION] Reading, in seq order
    // Calls `visit` for each matching response, with its answers, from one consistent snapshot.
    // Memory stays flat, whatever the number of responses; a failing `visit` stops the scan and its
    // error is returned. `visit` must not write through this store's connection.
    Status ForEach(const ResponseQuery& query,
                   const std::function<Status(const StoredResponse&)>& visit) const;
    // ForEach collected into a vector.
    Result<std::vector<StoredResponse>> Load(const ResponseQuery& query) const;
    // ForEach without parsing answers or flags (the same rows, order and snapshot rules).
    Status ForEachRaw(const ResponseQuery& query,
                      const std::function<Status(const RawResponse&)>& visit) const;
    // A read transaction, so that several reads (e.g. questionnaires, then responses) see one
    // snapshot; reads made while it is open use it. Rolled back (nothing to undo) when destroyed.
    Result<Transaction> BeginSnapshot() const;

    // [SECTION] Sync bookkeeping (the sync worker's own connection)
    // Finished responses not yet delivered, oldest first.
    Result<std::vector<StoredResponse>> LoadPending(int limit) const;
    // Marks responses as delivered (accepted or duplicate in a receipt), in one transaction.
    Status MarkSynced(const std::vector<std::string>& ids);
    // Keeps a response the monitor refused, with its reason, out of the queue; never deletes it.
    Status Quarantine(const std::string& id, const std::string& reason);

private:
    // ForEach, handing out each response so Load can move it instead of copying.
    Status Scan(const ResponseQuery& query, const std::function<Status(StoredResponse&)>& visit) const;

    Database& m_db;
    StoreClock m_clock;
};

} // namespace ik
