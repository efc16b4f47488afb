// The SQLite connection, statements and transactions. Every failure becomes an error value carrying
// SQLite's message and the database file (a full disk included); nothing here throws or aborts.
#include "store/database.h"

#include <chrono>
#include <thread>

#include <sqlite3.h>

#include <system_error>
#include <utility>

#include "store/migrations.h"

namespace ik {
namespace {

// SQLITE_TRANSIENT is the C macro ((sqlite3_destructor_type)-1): an old-style cast we cannot
// avoid, so it is wrapped once here. It makes SQLite copy bound bytes, so a caller's string may
// be gone by the time the statement runs.
sqlite3_destructor_type Transient() {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast"
    return SQLITE_TRANSIENT;
#pragma GCC diagnostic pop
}

constexpr int kBusyTimeoutMs = 5000;

bool OnlyWhitespace(const char* begin, const char* end) {
    for (const char* p = begin; p < end; ++p)
        if (*p != ' ' && *p != '\n' && *p != '\t' && *p != '\r' && *p != ';') return false;
    return true;
}

} // namespace

// [SECTION] Statement

Statement::Statement(Statement&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)), m_stmt(std::exchange(other.m_stmt, nullptr)),
      m_bindError(std::move(other.m_bindError)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_db = std::exchange(other.m_db, nullptr);
        m_stmt = std::exchange(other.m_stmt, nullptr);
        m_bindError = std::move(other.m_bindError);
    }
    return *this;
}

Statement::~Statement() {
    sqlite3_finalize(m_stmt); // a no-op on nullptr
}

void Statement::RememberBindError(int rc) {
    if (rc != SQLITE_OK && m_bindError.empty()) m_bindError = "binding a value: " + m_db->DescribeLastError();
}

Statement& Statement::Bind(int index, std::int64_t value) {
    if (m_stmt) RememberBindError(sqlite3_bind_int64(m_stmt, index, value));
    return *this;
}

Statement& Statement::Bind(int index, double value) {
    if (m_stmt) RememberBindError(sqlite3_bind_double(m_stmt, index, value));
    return *this;
}

Statement& Statement::Bind(int index, std::string_view value) {
    if (m_stmt)
        RememberBindError(
            sqlite3_bind_text64(m_stmt, index, value.data(), value.size(), Transient(), SQLITE_UTF8));
    return *this;
}

Statement& Statement::Bind(int index, std::nullptr_t) {
    if (m_stmt) RememberBindError(sqlite3_bind_null(m_stmt, index));
    return *this;
}

Result<bool> Statement::Step() {
    if (!m_stmt) return Error{"running a statement that was never prepared"};
    if (!m_bindError.empty()) return Error{m_bindError};
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return Error{m_db->DescribeLastError()};
}

Status Statement::Run() {
    for (;;) {
        Result<bool> row = Step();
        if (!row) return Error{row.error()};
        if (!*row) return {};
    }
}

void Statement::Reset() {
    if (!m_stmt) return;
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    m_bindError.clear();
}

bool Statement::IsNull(int column) const {
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

std::int64_t Statement::Int64(int column) const {
    return sqlite3_column_int64(m_stmt, column);
}

int Statement::Int(int column) const {
    return sqlite3_column_int(m_stmt, column);
}

double Statement::Double(int column) const {
    return sqlite3_column_double(m_stmt, column);
}

std::string Statement::Text(int column) const {
    const unsigned char* text = sqlite3_column_text(m_stmt, column);
    if (!text) return {};
    const int size = sqlite3_column_bytes(m_stmt, column); // after column_text, as SQLite requires
    return std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size));
}

std::string_view Statement::TextView(int column) const {
    const unsigned char* text = sqlite3_column_text(m_stmt, column);
    if (!text) return {};
    const int size = sqlite3_column_bytes(m_stmt, column);
    return {reinterpret_cast<const char*>(text), static_cast<std::size_t>(size)};
}

std::optional<std::string> Statement::OptionalText(int column) const {
    if (IsNull(column)) return std::nullopt;
    return Text(column);
}

// [SECTION] Database

void Database::Closer::operator()(sqlite3* db) const noexcept {
    // v2 defers the close until every statement is finalized, instead of failing with SQLITE_BUSY.
    sqlite3_close_v2(db);
}

Database::Database(Key, std::unique_ptr<sqlite3, Closer> db, std::filesystem::path path)
    : m_db(std::move(db)), m_path(std::move(path)) {}

Database::~Database() = default;

Result<std::unique_ptr<Database>> Database::OpenConnection(const std::filesystem::path& file) {
    const std::string where = " (" + file.string() + ")";
    if (file.has_parent_path()) {
        std::error_code ec;
        std::filesystem::create_directories(file.parent_path(), ec);
        if (ec) return Error{"creating the database directory: " + ec.message() + where};
    }

    sqlite3* raw = nullptr;
    // NOMUTEX: each connection is used by one thread only, so SQLite's own locking is not needed.
    const int rc = sqlite3_open_v2(file.c_str(), &raw,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    std::unique_ptr<sqlite3, Closer> handle(raw); // SQLite hands out a handle even on failure
    if (rc != SQLITE_OK) {
        const char* message = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
        return Error{std::string("opening the database: ") + message + where};
    }
    sqlite3_extended_result_codes(raw, 1);
    sqlite3_busy_timeout(raw, kBusyTimeoutMs);

    auto db = std::make_unique<Database>(Key{}, std::move(handle), file);

    // journal_mode answers with the mode it ended up in; WAL can be refused (e.g. some network
    // file systems), and the durability design depends on it. Switching a new file to WAL takes an
    // exclusive lock for which SQLite does not wait: when another process opens the same database at
    // the same moment (a `staff-pin set` while the kiosk starts) it answers "locked" at once, so wait
    // here as the busy timeout would.
    std::string journal;
    for (auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kBusyTimeoutMs);;) {
        Result<Statement> mode = db->Prepare("PRAGMA journal_mode = WAL");
        // SQLite reads the file first here, so this is where "file is not a database" shows up.
        Result<bool> row = mode ? mode->Step() : Result<bool>(Error{mode.error()});
        if (row) {
            journal = *row ? mode->Text(0) : std::string();
            break; // the statement finishes here, before the next one
        }
        const int code = sqlite3_errcode(raw) & 0xFF;
        if ((code != SQLITE_BUSY && code != SQLITE_LOCKED) || std::chrono::steady_clock::now() > deadline)
            return Error{"opening the database: " + db->DescribeLastError()};
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (journal != "wal")
        return Error{"opening the database: could not switch to WAL journal mode (got \"" + journal + "\")" +
                     where};

    if (Status s = db->Execute("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;"); !s)
        return Error{"opening the database: " + s.error()};
    return db;
}

Result<std::unique_ptr<Database>> Database::OpenUnmigrated(const std::filesystem::path& file) {
    return OpenConnection(file);
}

Result<std::unique_ptr<Database>> Database::Open(const std::filesystem::path& file) {
    Result<std::unique_ptr<Database>> db = OpenConnection(file);
    if (!db) return db;
    if (Status s = MigrateTo(**db, kSchemaVersion); !s) return Error{s.error()};
    return db;
}

Result<Statement> Database::Prepare(std::string_view sql) const {
    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    const int rc = sqlite3_prepare_v2(m_db.get(), sql.data(), static_cast<int>(sql.size()), &raw, &tail);
    Statement stmt(this, raw); // owns raw from here on
    if (rc != SQLITE_OK) return Error{"preparing SQL: " + DescribeLastError()};
    if (!raw) return Error{"preparing SQL: the text holds no statement"};
    if (tail && !OnlyWhitespace(tail, sql.data() + sql.size()))
        return Error{"preparing SQL: the text holds more than one statement"};
    return stmt;
}

Status Database::Execute(std::string_view sql) const {
    const char* next = sql.data();
    const char* end = sql.data() + sql.size();
    while (next < end) {
        sqlite3_stmt* raw = nullptr;
        const char* tail = nullptr;
        const int rc = sqlite3_prepare_v2(m_db.get(), next, static_cast<int>(end - next), &raw, &tail);
        Statement stmt(this, raw);
        if (rc != SQLITE_OK) return Error{"preparing SQL: " + DescribeLastError()};
        next = tail ? tail : end;
        if (!raw) continue; // only whitespace or a comment was left
        if (sqlite3_bind_parameter_count(raw) > 0)
            return Error{"Execute() refuses SQL with parameters; use Run() or Query()"};
        if (Status s = stmt.Run(); !s) return s;
    }
    return {};
}

std::int64_t Database::Changes() const {
    return sqlite3_changes64(m_db.get());
}

bool Database::InTransaction() const {
    return sqlite3_get_autocommit(m_db.get()) == 0;
}

std::string Database::DescribeLastError() const {
    return std::string(sqlite3_errmsg(m_db.get())) + " (" + m_path.string() + ")";
}

// [SECTION] Transaction

Result<Transaction> Transaction::Begin(Database& db) {
    if (Status s = db.Execute("BEGIN IMMEDIATE"); !s) return Error{"starting a transaction: " + s.error()};
    return Transaction(&db);
}

Result<Transaction> Transaction::BeginRead(Database& db) {
    if (Status s = db.Execute("BEGIN"); !s) return Error{"starting a read transaction: " + s.error()};
    return Transaction(&db);
}

Transaction::Transaction(Transaction&& other) noexcept : m_db(std::exchange(other.m_db, nullptr)) {}

Transaction& Transaction::operator=(Transaction&& other) noexcept {
    if (this != &other) {
        Rollback();
        m_db = std::exchange(other.m_db, nullptr);
    }
    return *this;
}

Transaction::~Transaction() {
    Rollback();
}

Status Transaction::Commit() {
    if (!m_db) return Error{"committing a transaction that is not open"};
    if (Status s = m_db->Execute("COMMIT"); !s) {
        // A failed COMMIT (busy, disk full) may leave the transaction open; the destructor rolls
        // it back unless SQLite already did.
        return Error{"committing: " + s.error()};
    }
    m_db = nullptr;
    return {};
}

void Transaction::Rollback() noexcept {
    if (!m_db) return;
    // After some errors (SQLITE_FULL, SQLITE_IOERR) SQLite has already rolled back by itself.
    if (m_db->InTransaction()) sqlite3_exec(m_db->Handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    m_db = nullptr;
}

} // namespace ik
