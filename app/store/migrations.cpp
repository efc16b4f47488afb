// Schema migrations. Each step is fixed SQL ending in its own `PRAGMA user_version = N` (PRAGMA takes
// no bound parameters, so the number is part of the step's text) and runs in one transaction, so a
// power cut leaves the database at the old version or the new one, never in between.
#include "store/migrations.h"

#include <array>
#include <string>
#include <string_view>

namespace ik {
namespace {

// kSteps[i] takes the schema from version i to i + 1. Never edit a step once released: add one.
constexpr std::array<std::string_view, kSchemaVersion> kSteps = {
    // v1: questionnaires, responses, answers, settings.
    R"sql(
CREATE TABLE questionnaires (
    id              TEXT    NOT NULL,
    version         INTEGER NOT NULL CHECK (version >= 1),
    definition      TEXT    NOT NULL,  -- canonical JSON (CanonicalQuestionnaireJson)
    definition_hash TEXT    NOT NULL,  -- "fnv1a64:<16 hex>" of definition
    imported_at     TEXT    NOT NULL,  -- UTC ISO-8601
    PRIMARY KEY (id, version)
);

CREATE TABLE responses (
    id                    TEXT    NOT NULL PRIMARY KEY,  -- UUIDv7
    seq                   INTEGER NOT NULL UNIQUE,       -- per-kiosk monotonic
    questionnaire_id      TEXT    NOT NULL,
    questionnaire_version INTEGER NOT NULL,
    language              TEXT    NOT NULL,
    status                TEXT    NOT NULL DEFAULT 'in_progress'
                          CHECK (status IN ('in_progress', 'completed', 'abandoned')),
    started_at            TEXT    NOT NULL,              -- UTC ISO-8601
    finished_at           TEXT,                          -- UTC ISO-8601
    utc_offset_minutes    INTEGER NOT NULL,              -- local offset at started_at
    flags                 TEXT    NOT NULL DEFAULT '[]', -- JSON array of strings
    sync_state            TEXT    NOT NULL DEFAULT 'pending'
                          CHECK (sync_state IN ('pending', 'synced', 'quarantined')),
    sync_error            TEXT,
    synced_at             TEXT,
    FOREIGN KEY (questionnaire_id, questionnaire_version) REFERENCES questionnaires (id, version)
);
CREATE INDEX responses_sync ON responses (sync_state, seq);
CREATE INDEX responses_started ON responses (started_at);
CREATE INDEX responses_questionnaire ON responses (questionnaire_id, questionnaire_version);
-- Start-up recovery looks for these; normally there are none or one.
CREATE INDEX responses_in_progress ON responses (seq) WHERE status = 'in_progress';

-- Clustered by response, so reading a response's answers touches neighbouring pages.
CREATE TABLE answers (
    response_id TEXT NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
    question_id TEXT NOT NULL,
    value       TEXT NOT NULL,  -- JSON
    answered_at TEXT NOT NULL,  -- UTC ISO-8601
    PRIMARY KEY (response_id, question_id)
) WITHOUT ROWID;

CREATE TABLE settings (
    key   TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

PRAGMA user_version = 1;
)sql",

    // v2: the staff audit log (who did what in staff mode, and when).
    R"sql(
CREATE TABLE audit_log (
    id   INTEGER PRIMARY KEY,
    at   TEXT NOT NULL,  -- UTC ISO-8601
    who  TEXT NOT NULL,
    what TEXT NOT NULL
);

PRAGMA user_version = 2;
)sql",
};

std::string Where(const Database& db) {
    return " (" + db.Path().string() + ")";
}

} // namespace

Result<int> SchemaVersion(const Database& db) {
    Result<Statement> stmt = db.Prepare("PRAGMA user_version");
    if (!stmt) return Error{"reading the schema version: " + stmt.error()};
    Result<bool> row = stmt->Step();
    if (!row) return Error{"reading the schema version: " + row.error()};
    return *row ? stmt->Int(0) : 0;
}

Status MigrateTo(Database& db, int version) {
    if (version < 0 || version > kSchemaVersion)
        return Error{"there is no schema version " + std::to_string(version) + " (this program knows up to " +
                     std::to_string(kSchemaVersion) + ")"};

    for (;;) {
        Result<int> before = SchemaVersion(db);
        if (!before) return Error{before.error()};
        const int current = *before;
        if (current > kSchemaVersion)
            return Error{"database schema version " + std::to_string(current) +
                         " is newer than this program (" + std::to_string(kSchemaVersion) +
                         "); upgrade impactkiosk" + Where(db)};
        if (current > version)
            return Error{"database schema version " + std::to_string(current) +
                         " cannot go back to version " + std::to_string(version) +
                         "; migrations only go forward" + Where(db)};
        if (current == version) return {};

        const int next = current + 1;
        const std::string what = "migrating the database to schema version " + std::to_string(next) + ": ";
        Result<Transaction> tx = Transaction::Begin(db);
        if (!tx) return Error{what + tx.error()};
        // Another connection may have migrated while we waited for the write lock: look again.
        Result<int> locked = SchemaVersion(db);
        if (!locked) return Error{what + locked.error()};
        if (*locked != current)
            continue; // the transaction rolls back (nothing written); re-check from the top

        if (Status s = db.Execute(kSteps[static_cast<std::size_t>(current)]); !s)
            return Error{what + s.error()};
        Result<int> after = SchemaVersion(db);
        if (!after) return Error{what + after.error()};
        if (*after != next) // a step whose PRAGMA does not match its place in kSteps
            return Error{what + "the step set user_version to " + std::to_string(*after) + Where(db)};
        if (Status s = tx->Commit(); !s) return Error{what + s.error()};
    }
}

} // namespace ik
