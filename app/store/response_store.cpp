// ResponseStore: the kiosk's responses in SQLite. Writes are one short IMMEDIATE transaction each
// (durable on return with synchronous=FULL); reads stream responses and answers in seq order by
// merging two ordered statements, so a million responses never need a million queries.
#include "store/response_store.h"

#include <algorithm>
#include <chrono>
#include <string_view>
#include <utility>

#include "core/uuid.h"

namespace ik {
namespace {

// Answers can hold visitor text; invalid UTF-8 must not make dump() throw.
std::string DumpJson(const nlohmann::json& value) {
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::optional<ResponseStatus> ParseStatus(std::string_view name) {
    for (ResponseStatus s :
         {ResponseStatus::InProgress, ResponseStatus::Completed, ResponseStatus::Abandoned})
        if (name == ResponseStatusName(s)) return s;
    return std::nullopt;
}

// Flags as stored: a JSON array of strings, each once, in the order first given.
std::string FlagsJson(const std::vector<std::string>& flags) {
    nlohmann::json array = nlohmann::json::array();
    for (const std::string& flag : flags)
        if (std::find(array.begin(), array.end(), flag) == array.end()) array.push_back(flag);
    return DumpJson(array);
}

// Within a write transaction: succeeds only when the response exists and is still in progress
// (responses are append-only once finished).
Status RequireInProgress(const Database& db, const std::string& responseId) {
    Result<Statement> stmt = db.Query("SELECT status FROM responses WHERE id = ?1", responseId);
    if (!stmt) return Error{stmt.error()};
    Result<bool> row = stmt->Step();
    if (!row) return Error{row.error()};
    if (!*row) return Error{"there is no such response"};
    const std::string status = stmt->Text(0);
    if (status != ResponseStatusName(ResponseStatus::InProgress))
        return Error{"the response is already " + status};
    return {};
}

// "YYYY-MM-DD" with a real month and day.
bool IsDateText(const std::string& date) {
    if (date.size() != 10 || date[4] != '-' || date[7] != '-') return false;
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
        if (date[i] < '0' || date[i] > '9') return false;
    const int month = std::stoi(date.substr(5, 2));
    const int day = std::stoi(date.substr(8, 2));
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

// "YYYY-MM-DD" as midnight UTC of that day; nullopt when it is not a real date in that form.
std::optional<WallClock::time_point> ParseDate(const std::string& date) {
    if (date.size() != 10) return std::nullopt;
    return ParseUtcIso(date + "T00:00:00Z");
}

// The WHERE clause shared by the response and answer scans, built from fixed fragments; the values
// are bound as ?1..?N in the order of `params`.
struct Filter {
    std::string where;
    std::vector<std::string> params;

    void Add(const std::string& condition, std::string value) {
        params.push_back(std::move(value));
        where += (where.empty() ? " WHERE " : " AND ") + condition + " ?" + std::to_string(params.size());
    }
    void BindTo(Statement& stmt) const {
        for (std::size_t i = 0; i < params.size(); ++i)
            stmt.Bind(static_cast<int>(i + 1), params[i]);
    }
};

constexpr const char* kLocalDateSql = "date(r.started_at, r.utc_offset_minutes || ' minutes')";

Result<Filter> MakeFilter(const ResponseQuery& query) {
    // Offsets are within a day of UTC, so a local date lies within these UTC bounds; the bounds
    // let the started_at index skip most rows before the exact local-date test.
    constexpr auto kMargin = std::chrono::days{2};
    Filter filter;
    if (query.questionnaireId) filter.Add("r.questionnaire_id =", *query.questionnaireId);
    if (query.syncState) {
        filter.Add("r.sync_state =", *query.syncState);
        filter.Add("r.status <>", "in_progress");
    }
    // The UTC bounds exist only for dates the clock can represent (up to 2261); a far-future end
    // date ("until further notice") is still a valid filter, just without the index shortcut.
    if (query.fromLocalDate) {
        if (!IsDateText(*query.fromLocalDate))
            return Error{"the start date \"" + *query.fromLocalDate + "\" is not a date like 2026-01-31"};
        if (const auto from = ParseDate(*query.fromLocalDate))
            filter.Add("r.started_at >=", FormatUtcIso(*from - kMargin));
        filter.Add(std::string(kLocalDateSql) + " >=", *query.fromLocalDate);
    }
    if (query.toLocalDate) {
        if (!IsDateText(*query.toLocalDate))
            return Error{"the end date \"" + *query.toLocalDate + "\" is not a date like 2026-01-31"};
        if (const auto to = ParseDate(*query.toLocalDate); to && *query.toLocalDate < "2261")
            filter.Add("r.started_at <", FormatUtcIso(*to + std::chrono::days{1} + kMargin));
        filter.Add(std::string(kLocalDateSql) + " <=", *query.toLocalDate);
    }
    return filter;
}

} // namespace

std::optional<std::vector<std::string>> ParseFlagsJson(std::string_view text) {
    if (text == "[]") return std::vector<std::string>(); // nearly every response: skip the parser
    const nlohmann::json parsed = nlohmann::json::parse(text, nullptr, false);
    if (!parsed.is_array()) return std::nullopt;
    std::vector<std::string> flags;
    for (const nlohmann::json& flag : parsed) {
        if (!flag.is_string()) return std::nullopt;
        flags.push_back(flag.get<std::string>());
    }
    return flags;
}

ResponseStore::ResponseStore(Database& db, StoreClock clock) : m_db(db), m_clock(std::move(clock)) {}

// [SECTION] ResponseSink

Result<std::string> ResponseStore::BeginResponse(const ResponseStart& start) {
    const std::string what = "starting a response to questionnaire \"" + start.questionnaireId +
                             "\" version " + std::to_string(start.questionnaireVersion) + ": ";
    Result<Transaction> tx = Transaction::Begin(m_db);
    if (!tx) return Error{what + tx.error()};

    Result<Statement> known = m_db.Query("SELECT 1 FROM questionnaires WHERE id = ?1 AND version = ?2",
                                         start.questionnaireId, start.questionnaireVersion);
    if (!known) return Error{what + known.error()};
    Result<bool> found = known->Step();
    if (!found) return Error{what + found.error()};
    if (!*found) return Error{what + "that questionnaire version is not in the database"};
    known = Statement();

    const WallClock::time_point now = m_clock.now();
    std::string id = NewUuidV7();
    // seq is max + 1 inside this write transaction, so it is unique and increasing on this kiosk
    // whatever its clock does.
    Status inserted =
        m_db.Run("INSERT INTO responses (id, seq, questionnaire_id, questionnaire_version, language, "
                 "status, started_at, utc_offset_minutes) "
                 "VALUES (?1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM responses), ?2, ?3, ?4, "
                 "'in_progress', ?5, ?6)",
                 id, start.questionnaireId, start.questionnaireVersion, start.language, FormatUtcIso(now),
                 m_clock.utcOffsetMinutes(now));
    if (!inserted) return Error{what + inserted.error()};
    if (Status s = tx->Commit(); !s) return Error{what + s.error()};
    return id;
}

Status ResponseStore::SaveAnswer(const std::string& responseId, const std::string& questionId,
                                 const nlohmann::json& value) {
    const std::string what = "saving the answer to \"" + questionId + "\" in response " + responseId + ": ";
    if (questionId.empty()) return Error{what + "the question id is empty"};
    Result<Transaction> tx = Transaction::Begin(m_db);
    if (!tx) return Error{what + tx.error()};
    if (Status s = RequireInProgress(m_db, responseId); !s) return Error{what + s.error()};
    Status saved = m_db.Run("INSERT INTO answers (response_id, question_id, value, answered_at) "
                            "VALUES (?1, ?2, ?3, ?4) "
                            "ON CONFLICT (response_id, question_id) "
                            "DO UPDATE SET value = excluded.value, answered_at = excluded.answered_at",
                            responseId, questionId, DumpJson(value), FormatUtcIso(m_clock.now()));
    if (!saved) return Error{what + saved.error()};
    if (Status s = tx->Commit(); !s) return Error{what + s.error()};
    return {};
}

Status ResponseStore::RemoveAnswer(const std::string& responseId, const std::string& questionId) {
    const std::string what =
        "removing the answer to \"" + questionId + "\" from response " + responseId + ": ";
    Result<Transaction> tx = Transaction::Begin(m_db);
    if (!tx) return Error{what + tx.error()};
    if (Status s = RequireInProgress(m_db, responseId); !s) return Error{what + s.error()};
    if (Status s = m_db.Run("DELETE FROM answers WHERE response_id = ?1 AND question_id = ?2", responseId,
                            questionId);
        !s)
        return Error{what + s.error()};
    if (Status s = tx->Commit(); !s) return Error{what + s.error()};
    return {};
}

Status ResponseStore::FinishResponse(const std::string& responseId, ResponseStatus status,
                                     const std::vector<std::string>& flags,
                                     const std::vector<std::string>& questionsOffPath) {
    const std::string what = "finishing response " + responseId + ": ";
    if (status == ResponseStatus::InProgress)
        return Error{what + "a response can only finish as completed or abandoned"};
    Result<Transaction> tx = Transaction::Begin(m_db);
    if (!tx) return Error{what + tx.error()};
    if (Status s = RequireInProgress(m_db, responseId); !s) return Error{what + s.error()};

    if (!questionsOffPath.empty()) {
        Result<Statement> drop =
            m_db.Prepare("DELETE FROM answers WHERE response_id = ?1 AND question_id = ?2");
        if (!drop) return Error{what + drop.error()};
        for (const std::string& questionId : questionsOffPath) {
            drop->Reset();
            if (Status s = drop->BindAll(responseId, questionId).Run(); !s) return Error{what + s.error()};
        }
    }
    Status updated =
        m_db.Run("UPDATE responses SET status = ?2, finished_at = ?3, flags = ?4 WHERE id = ?1", responseId,
                 ResponseStatusName(status), FormatUtcIso(m_clock.now()), FlagsJson(flags));
    if (!updated) return Error{what + updated.error()};
    if (Status s = tx->Commit(); !s) return Error{what + s.error()};
    return {};
}

// [SECTION] Start-up and status

Result<int> ResponseStore::RecoverInterrupted() {
    const std::string what = "recovering interrupted responses: ";
    Result<Transaction> tx = Transaction::Begin(m_db);
    if (!tx) return Error{what + tx.error()};

    struct Interrupted {
        std::string id;
        std::string flags;
        std::string finishedAt;
    };
    std::vector<Interrupted> interrupted;
    {
        Result<Statement> stmt =
            m_db.Prepare("SELECT r.id, r.flags, COALESCE((SELECT MAX(a.answered_at) FROM answers AS a "
                         "WHERE a.response_id = r.id), r.started_at) "
                         "FROM responses AS r WHERE r.status = 'in_progress' ORDER BY r.seq");
        if (!stmt) return Error{what + stmt.error()};
        for (;;) {
            Result<bool> row = stmt->Step();
            if (!row) return Error{what + row.error()};
            if (!*row) break;
            interrupted.push_back({stmt->Text(0), stmt->Text(1), stmt->Text(2)});
        }
    }

    Result<Statement> update =
        m_db.Prepare("UPDATE responses SET status = 'abandoned', finished_at = ?2, flags = ?3 WHERE id = ?1");
    if (!update) return Error{what + update.error()};
    for (const Interrupted& response : interrupted) {
        // Unreadable flags (never written by this code) are replaced rather than blocking start-up.
        std::vector<std::string> flags = ParseFlagsJson(response.flags).value_or(std::vector<std::string>{});
        flags.push_back("interrupted");
        update->Reset();
        if (Status s = update->BindAll(response.id, response.finishedAt, FlagsJson(flags)).Run(); !s)
            return Error{what + "response " + response.id + ": " + s.error()};
    }
    if (Status s = tx->Commit(); !s) return Error{what + s.error()};
    return static_cast<int>(interrupted.size());
}

Result<ResponseCounts> ResponseStore::Counts() const {
    const std::string what = "counting responses: ";
    Result<Statement> stmt =
        m_db.Prepare("SELECT COUNT(*), "
                     "COALESCE(SUM(status = 'completed'), 0), "
                     "COALESCE(SUM(status = 'abandoned'), 0), "
                     "COALESCE(SUM(status = 'in_progress'), 0), "
                     "COALESCE(SUM(sync_state = 'pending' AND status <> 'in_progress'), 0), "
                     "COALESCE(SUM(sync_state = 'quarantined'), 0) "
                     "FROM responses");
    if (!stmt) return Error{what + stmt.error()};
    Result<bool> row = stmt->Step();
    if (!row) return Error{what + row.error()};
    ResponseCounts counts;
    if (*row) {
        counts.total = stmt->Int64(0);
        counts.completed = stmt->Int64(1);
        counts.abandoned = stmt->Int64(2);
        counts.inProgress = stmt->Int64(3);
        counts.pending = stmt->Int64(4);
        counts.quarantined = stmt->Int64(5);
    }
    return counts;
}

Result<std::int64_t> ResponseStore::Count(const ResponseQuery& query) const {
    const std::string what = "counting responses: ";
    Result<Filter> filter = MakeFilter(query);
    if (!filter) return Error{what + filter.error()};
    Result<Statement> stmt = m_db.Prepare("SELECT COUNT(*) FROM responses r" + filter->where);
    if (!stmt) return Error{what + stmt.error()};
    filter->BindTo(*stmt);
    Result<bool> row = stmt->Step();
    if (!row) return Error{what + row.error()};
    return *row ? stmt->Int64(0) : 0;
}

Result<std::optional<WallClock::time_point>> ResponseStore::LastFinishedAt() const {
    const std::string what = "reading when the last response finished: ";
    // Walks the seq index from the newest end, so it stays instant with a million responses.
    Result<Statement> stmt = m_db.Prepare(
        "SELECT finished_at FROM responses WHERE finished_at IS NOT NULL ORDER BY seq DESC LIMIT 1");
    if (!stmt) return Error{what + stmt.error()};
    Result<bool> row = stmt->Step();
    if (!row) return Error{what + row.error()};
    if (!*row) return std::optional<WallClock::time_point>();
    const std::string text = stmt->Text(0);
    std::optional<WallClock::time_point> finished = ParseUtcIso(text);
    if (!finished) return Error{what + "\"" + text + "\" is not a UTC time (" + m_db.Path().string() + ")"};
    return finished;
}

// [SECTION] Reading

Status ResponseStore::ForEachRaw(const ResponseQuery& query,
                                 const std::function<Status(const RawResponse&)>& visit) const {
    const std::string what = "reading responses: ";
    Result<Filter> filter = MakeFilter(query);
    if (!filter) return Error{what + filter.error()};

    // Both statements must see the same rows; inside a caller's transaction they already do.
    std::optional<Transaction> snapshot;
    if (!m_db.InTransaction()) {
        Result<Transaction> tx = Transaction::BeginRead(m_db);
        if (!tx) return Error{what + tx.error()};
        snapshot.emplace(std::move(*tx));
    }

    Result<Statement> responses =
        m_db.Prepare("SELECT r.id, r.seq, r.questionnaire_id, r.questionnaire_version, r.language, r.status, "
                     "r.started_at, r.finished_at, r.utc_offset_minutes, r.flags, r.sync_state "
                     "FROM responses AS r" +
                     filter->where + " ORDER BY r.seq" +
                     (query.limit ? " LIMIT ?" + std::to_string(filter->params.size() + 1) : std::string()));
    if (!responses) return Error{what + responses.error()};
    filter->BindTo(*responses);
    if (query.limit) responses->Bind(static_cast<int>(filter->params.size() + 1), *query.limit);
    // Answers are read by walking the answers table in its own order (response id, question id)
    // alongside the responses in seq order: a merge, with no second pass over responses and no index
    // search per response. UUIDv7 ids grow with time, like seq, so the walk normally never goes back.
    // A response whose answers the walk has already passed (its id is out of step with seq, e.g. after
    // the clock was set back) is looked up by id instead. So is everything after a long skip: a filter
    // that picks few responses is better served by lookups than by reading every answer in between.
    // The walk starts at the first response's id and is prepared then.
    constexpr int kMaxSkip = 256;
    std::optional<Statement> walk;
    Result<bool> walkRow = false;
    bool walking = true;
    Statement lookup;

    // An answer's text lives only until its statement steps on, so each response's answers are
    // copied into one buffer that is reused (no allocation per row once it has grown).
    std::string arena;
    std::vector<std::size_t> offsets; // per answer: question id start, value start, value end
    std::vector<RawAnswer> rawAnswers;
    auto keep = [&](const Statement& stmt, int questionColumn) {
        offsets.push_back(arena.size());
        arena += stmt.TextView(questionColumn);
        offsets.push_back(arena.size());
        arena += stmt.TextView(questionColumn + 1);
        offsets.push_back(arena.size());
    };
    std::string_view walkId; // the walk's current response id, read once per row
    auto stepWalk = [&]() -> Status {
        walkRow = walk->Step();
        if (!walkRow) return Error{walkRow.error()};
        walkId = *walkRow ? walk->TextView(0) : std::string_view();
        return {};
    };
    auto readAnswers = [&](std::string_view id) -> Status {
        if (walking && !walk) {
            Result<Statement> prepared =
                m_db.Query("SELECT response_id, question_id, value FROM answers WHERE response_id >= ?1 "
                           "ORDER BY response_id, question_id",
                           id);
            if (!prepared) return Error{prepared.error()};
            walk.emplace(std::move(*prepared));
            if (Status s = stepWalk(); !s) return s;
        }
        if (walking && *walkRow && walkId <= id) {
            int skipped = 0;
            for (int order = walkId.compare(id); *walkRow && order <= 0;
                 order = *walkRow ? walkId.compare(id) : 1) {
                if (order == 0) {
                    keep(*walk, 1);
                } else if (++skipped == kMaxSkip) {
                    walking = false; // finish this one; look up the rest
                }
                if (Status s = stepWalk(); !s) return s;
            }
            return {};
        }
        if (!lookup.IsPrepared()) {
            Result<Statement> prepared = m_db.Prepare(
                "SELECT question_id, value FROM answers WHERE response_id = ?1 ORDER BY question_id");
            if (!prepared) return Error{prepared.error()};
            lookup = std::move(*prepared);
        }
        lookup.Reset();
        lookup.Bind(1, id);
        for (;;) {
            Result<bool> row = lookup.Step();
            if (!row) return Error{row.error()};
            if (!*row) return {};
            keep(lookup, 0);
        }
    };

    for (;;) {
        Result<bool> row = responses->Step();
        if (!row) return Error{what + row.error()};
        if (!*row) break;

        RawResponse response;
        response.id = responses->TextView(0);
        response.seq = responses->Int64(1);
        response.questionnaireId = responses->TextView(2);
        response.questionnaireVersion = responses->Int(3);
        response.language = responses->TextView(4);
        const std::string_view status = responses->TextView(5);
        const std::optional<ResponseStatus> parsedStatus = ParseStatus(status);
        if (!parsedStatus)
            return Error{what + "response " + std::string(response.id) + " has an unknown status \"" +
                         std::string(status) + "\""};
        response.status = *parsedStatus;
        response.startedAt = responses->TextView(6);
        response.finishedAt = responses->TextView(7);
        response.utcOffsetMinutes = responses->Int(8);
        response.flags = responses->TextView(9);
        response.syncState = responses->TextView(10);

        arena.clear();
        offsets.clear();
        if (Status s = readAnswers(response.id); !s) return Error{what + s.error()};
        rawAnswers.clear();
        const std::string_view text = arena;
        for (std::size_t i = 0; i + 2 < offsets.size(); i += 3)
            rawAnswers.push_back({text.substr(offsets[i], offsets[i + 1] - offsets[i]),
                                  text.substr(offsets[i + 1], offsets[i + 2] - offsets[i + 1])});
        response.answers = rawAnswers;

        if (Status s = visit(response); !s) return s;
    }
    return {};
}

Result<Transaction> ResponseStore::BeginSnapshot() const {
    return Transaction::BeginRead(m_db);
}

Status ResponseStore::Scan(const ResponseQuery& query,
                           const std::function<Status(StoredResponse&)>& visit) const {
    const std::string what = "reading responses: ";
    return ForEachRaw(query, [&](const RawResponse& raw) -> Status {
        StoredResponse response;
        response.id = raw.id;
        response.seq = raw.seq;
        response.questionnaireId = raw.questionnaireId;
        response.questionnaireVersion = raw.questionnaireVersion;
        response.language = raw.language;
        response.status = raw.status;
        response.startedAt = raw.startedAt;
        response.finishedAt = raw.finishedAt;
        response.utcOffsetMinutes = raw.utcOffsetMinutes;
        std::optional<std::vector<std::string>> flags = ParseFlagsJson(raw.flags);
        if (!flags) return Error{what + "response " + response.id + " has unreadable flags"};
        response.flags = std::move(*flags);
        response.syncState = raw.syncState;
        for (const RawAnswer& answer : raw.answers) {
            nlohmann::json value = nlohmann::json::parse(answer.value, nullptr, false);
            if (value.is_discarded())
                return Error{what + "response " + response.id + ": the answer to \"" +
                             std::string(answer.questionId) + "\" is not valid JSON"};
            response.answers.emplace_hint(response.answers.end(), std::string(answer.questionId),
                                          std::move(value));
        }
        return visit(response);
    });
}

Status ResponseStore::ForEach(const ResponseQuery& query,
                              const std::function<Status(const StoredResponse&)>& visit) const {
    return Scan(query, [&visit](StoredResponse& response) { return visit(response); });
}

Result<std::vector<StoredResponse>> ResponseStore::Load(const ResponseQuery& query) const {
    std::vector<StoredResponse> loaded;
    Status s = Scan(query, [&loaded](StoredResponse& response) -> Status {
        loaded.push_back(std::move(response));
        return {};
    });
    if (!s) return Error{s.error()};
    return loaded;
}

} // namespace ik

namespace ik {

// [SECTION] Sync bookkeeping

Result<std::vector<StoredResponse>> ResponseStore::LoadPending(int limit) const {
    ResponseQuery query;
    query.syncState = "pending";
    query.limit = limit;
    return Load(query);
}

Status ResponseStore::MarkSynced(const std::vector<std::string>& ids) {
    const std::string what = "marking responses as synced: ";
    Result<Transaction> tx = Transaction::Begin(m_db);
    if (!tx) return Error{what + tx.error()};
    Result<Statement> stmt = m_db.Prepare(
        "UPDATE responses SET sync_state = 'synced', synced_at = ?2, sync_error = NULL WHERE id = ?1");
    if (!stmt) return Error{what + stmt.error()};
    const std::string now = FormatUtcIso(m_clock.now());
    for (const std::string& id : ids) {
        stmt->Reset();
        stmt->Bind(1, id).Bind(2, now);
        if (Status s = stmt->Run(); !s) return Error{what + s.error()};
    }
    if (Status s = tx->Commit(); !s) return Error{what + s.error()};
    return {};
}

Status ResponseStore::Quarantine(const std::string& id, const std::string& reason) {
    Status s = m_db.Run("UPDATE responses SET sync_state = 'quarantined', sync_error = ?2 WHERE id = ?1", id,
                        reason);
    if (!s) return Error{"quarantining response " + id + ": " + s.error()};
    return {};
}

} // namespace ik
