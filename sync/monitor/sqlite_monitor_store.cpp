// See sqlite_monitor_store.h. One transaction per batch: a batch is stored whole or not at all, so a
// kiosk that retries after a lost receipt gets duplicates, never half a batch.
#include "sync/monitor/sqlite_monitor_store.h"

#include <cstdio>

#include "core/clock.h"

namespace ik::monitor {
namespace {

constexpr int kSchemaVersion = 1;

// Conflicts are kept (not only logged), so an operator can see what a kiosk tried to send.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE IF NOT EXISTS tokens (
    token_hash TEXT PRIMARY KEY,
    kiosk_id   TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS questionnaires (
    id          TEXT NOT NULL,
    version     INTEGER NOT NULL,
    hash        TEXT NOT NULL,
    definition  TEXT NOT NULL,
    received_at TEXT NOT NULL,
    PRIMARY KEY (id, version)
);
CREATE TABLE IF NOT EXISTS responses (
    id          TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    kiosk_id    TEXT NOT NULL,
    branch_id   TEXT NOT NULL,
    record      TEXT NOT NULL,
    received_at TEXT NOT NULL,
    batch_id    TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS conflicts (
    response_id TEXT NOT NULL,
    kiosk_id    TEXT NOT NULL,
    batch_id    TEXT NOT NULL,
    record      TEXT NOT NULL,
    received_at TEXT NOT NULL
);
PRAGMA user_version = 1;
)sql";

Status Migrate(Database& db) {
    Result<Statement> version = db.Query("PRAGMA user_version");
    if (!version) return Error{version.error()};
    Result<bool> row = version->Step();
    if (!row) return Error{row.error()};
    const int current = *row ? version->Int(0) : 0;
    if (current > kSchemaVersion)
        return Error{"monitor database schema " + std::to_string(current) + " is newer than this program (" +
                     std::to_string(kSchemaVersion) + ")"};
    if (current == kSchemaVersion) return {};
    Result<Transaction> tx = Transaction::Begin(db);
    if (!tx) return Error{tx.error()};
    if (Status s = db.Execute(kSchemaV1); !s) return Error{"creating the monitor schema: " + s.error()};
    return tx->Commit();
}

} // namespace

Result<std::unique_ptr<SqliteMonitorStore>> SqliteMonitorStore::Open(const std::filesystem::path& file) {
    Result<std::unique_ptr<Database>> db = Database::OpenUnmigrated(file);
    if (!db) return Error{db.error()};
    if (Status s = Migrate(**db); !s) return Error{s.error()};
    return std::make_unique<SqliteMonitorStore>(std::move(*db));
}

Status SqliteMonitorStore::AddToken(const std::string& kioskId, const std::string& tokenHash) {
    return m_db->Run("INSERT INTO tokens (token_hash, kiosk_id, created_at) VALUES (?, ?, ?)", tokenHash,
                     kioskId, FormatUtcIso(WallClock::now()));
}

Result<std::optional<std::string>> SqliteMonitorStore::KioskForToken(const std::string& tokenHash) {
    Result<Statement> stmt = m_db->Query("SELECT kiosk_id FROM tokens WHERE token_hash = ?", tokenHash);
    if (!stmt) return Error{stmt.error()};
    Result<bool> row = stmt->Step();
    if (!row) return Error{row.error()};
    if (!*row) return std::optional<std::string>();
    return std::optional<std::string>(stmt->Text(0));
}

Result<sync::Receipt> SqliteMonitorStore::Ingest(const sync::Batch& batch, const std::string& receivedAt) {
    Result<Transaction> tx = Transaction::Begin(*m_db);
    if (!tx) return Error{tx.error()};
    sync::Receipt receipt;
    receipt.batchId = batch.batchId;

    Result<Statement> findQuestionnaire =
        m_db->Prepare("SELECT hash FROM questionnaires WHERE id = ? AND version = ?");
    Result<Statement> insertQuestionnaire = m_db->Prepare(
        "INSERT INTO questionnaires (id, version, hash, definition, received_at) VALUES (?, ?, ?, ?, ?)");
    Result<Statement> findResponse = m_db->Prepare("SELECT fingerprint FROM responses WHERE id = ?");
    Result<Statement> insertResponse =
        m_db->Prepare("INSERT INTO responses (id, fingerprint, kiosk_id, branch_id, record, received_at, "
                      "batch_id) VALUES (?, ?, ?, ?, ?, ?, ?)");
    Result<Statement> insertConflict = m_db->Prepare("INSERT INTO conflicts (response_id, kiosk_id, "
                                                     "batch_id, record, received_at) VALUES (?, ?, ?, ?, ?)");
    for (const Result<Statement>* s :
         {&findQuestionnaire, &insertQuestionnaire, &findResponse, &insertResponse, &insertConflict})
        if (!*s) return Error{s->error()};

    // Definitions first, so responses in this batch may refer to them. A published questionnaire version
    // is immutable: a second, different definition under the same id and version is logged, not stored.
    for (const sync::QuestionnaireEntry& entry : batch.questionnaires) {
        if (!entry.definition) continue;
        findQuestionnaire->Reset();
        findQuestionnaire->BindAll(entry.ref.id, entry.ref.version);
        Result<bool> found = findQuestionnaire->Step();
        if (!found) return Error{found.error()};
        if (!*found) {
            insertQuestionnaire->Reset();
            insertQuestionnaire->BindAll(entry.ref.id, entry.ref.version, entry.hash,
                                         entry.definition->dump(), receivedAt);
            if (Status s = insertQuestionnaire->Run(); !s) return Error{s.error()};
        } else if (findQuestionnaire->Text(0) != entry.hash) {
            std::fprintf(
                stderr,
                "monitor: kiosk %s sent questionnaire %s version %d with hash %s; keeping the stored "
                "one (%s)\n",
                batch.kioskId.c_str(), entry.ref.id.c_str(), entry.ref.version, entry.hash.c_str(),
                findQuestionnaire->Text(0).c_str());
        }
        receipt.questionnairesStored.push_back(entry.ref);
    }

    for (const sync::ResponseRecord& record : batch.responses) {
        // The fingerprint is the record's canonical JSON, so it is also what the record column keeps.
        const std::string fingerprint = sync::ContentFingerprint(record);
        findResponse->Reset();
        findResponse->BindAll(record.id);
        Result<bool> stored = findResponse->Step();
        if (!stored) return Error{stored.error()};
        if (*stored) {
            if (findResponse->Text(0) == fingerprint) {
                receipt.duplicates.push_back(record.id);
                continue;
            }
            insertConflict->Reset();
            insertConflict->BindAll(record.id, batch.kioskId, batch.batchId, fingerprint, receivedAt);
            if (Status s = insertConflict->Run(); !s) return Error{s.error()};
            std::fprintf(stderr, "monitor: conflict: kiosk %s batch %s sent response %s with other content\n",
                         batch.kioskId.c_str(), batch.batchId.c_str(), record.id.c_str());
            receipt.rejected.push_back(
                {record.id, "conflict", "a different response with this id is already stored"});
            continue;
        }
        findQuestionnaire->Reset();
        findQuestionnaire->BindAll(record.questionnaire.id, record.questionnaire.version);
        Result<bool> known = findQuestionnaire->Step();
        if (!known) return Error{known.error()};
        if (!*known) {
            receipt.rejected.push_back({record.id, "unknown_questionnaire",
                                        "questionnaire " + record.questionnaire.id + " version " +
                                            std::to_string(record.questionnaire.version) +
                                            " is not known to the monitor; send its definition"});
            continue;
        }
        insertResponse->Reset();
        insertResponse->BindAll(record.id, fingerprint, batch.kioskId, batch.branchId, fingerprint,
                                receivedAt, batch.batchId);
        if (Status s = insertResponse->Run(); !s) return Error{s.error()};
        receipt.accepted.push_back(record.id);
    }
    if (Status s = tx->Commit(); !s) return Error{s.error()};
    return receipt;
}

Status SqliteMonitorStore::ForEachResponse(const std::function<Status(const ReceivedResponse&)>& visit) {
    Result<Statement> stmt = m_db->Query(
        "SELECT record, kiosk_id, branch_id, received_at, batch_id FROM responses ORDER BY rowid");
    if (!stmt) return Error{stmt.error()};
    for (;;) {
        Result<bool> row = stmt->Step();
        if (!row) return Error{row.error()};
        if (!*row) return {};
        ReceivedResponse response;
        response.record = nlohmann::json::parse(stmt->Text(0), nullptr, /*allow_exceptions=*/false);
        if (response.record.is_discarded()) return Error{"a stored response record is not JSON"};
        response.kioskId = stmt->Text(1);
        response.branchId = stmt->Text(2);
        response.receivedAt = stmt->Text(3);
        response.batchId = stmt->Text(4);
        if (Status s = visit(response); !s) return s;
    }
}

} // namespace ik::monitor
