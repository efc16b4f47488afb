// RAII over SQLite: a connection (Database), a prepared statement (Statement) and a transaction guard
// (Transaction). All SQL in the program goes through these; values are always bound, never pasted
// into SQL text. One connection per thread (the UI and the sync worker each open their own).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace ik {

class Database;

// A prepared statement. Bind errors are remembered and reported by the next Step()/Run(), so binds
// can be chained: `stmt.Bind(1, id).Bind(2, text)`. Parameter indexes start at 1, columns at 0.
class Statement {
public:
    Statement() = default;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    ~Statement();

    Statement& Bind(int index, std::int64_t value);
    Statement& Bind(int index, int value) { return Bind(index, static_cast<std::int64_t>(value)); }
    Statement& Bind(int index, double value);
    Statement& Bind(int index, std::string_view value); // copied (SQLITE_TRANSIENT)
    Statement& Bind(int index, const std::string& value) { return Bind(index, std::string_view(value)); }
    Statement& Bind(int index, const char* value) { return Bind(index, std::string_view(value)); }
    Statement& Bind(int index, std::nullptr_t);
    template <typename T> Statement& Bind(int index, const std::optional<T>& value) {
        return value ? Bind(index, *value) : Bind(index, nullptr);
    }
    // Binds the arguments to parameters 1..N.
    template <typename... Args> Statement& BindAll(const Args&... args) {
        [[maybe_unused]] int index = 0; // unused when there are no arguments
        (Bind(++index, args), ...);
        return *this;
    }

    // Advances one row: true when a row is ready to read, false when done.
    Result<bool> Step();
    // Steps until done (for INSERT/UPDATE/DELETE; rows, if any, are ignored).
    Status Run();
    // Makes the statement ready to run again with new bindings.
    void Reset();
    // Whether this holds a prepared statement (false when default-constructed or moved from).
    bool IsPrepared() const { return m_stmt != nullptr; }

    bool IsNull(int column) const;
    std::int64_t Int64(int column) const;
    int Int(int column) const;
    double Double(int column) const;
    std::string Text(int column) const; // "" for NULL
    // The text without a copy: valid until the next Step(), Reset() or destruction ("" for NULL).
    std::string_view TextView(int column) const;
    std::optional<std::string> OptionalText(int column) const;

private:
    friend class Database;
    Statement(const Database* db, sqlite3_stmt* stmt) : m_db(db), m_stmt(stmt) {}
    void RememberBindError(int rc);

    const Database* m_db = nullptr;
    sqlite3_stmt* m_stmt = nullptr; // owned: finalized in the destructor
    std::string m_bindError;
};

class Database {
public:
    // Opens (creating the file and its parent directories when needed) with WAL, synchronous=FULL,
    // foreign keys on and a 5 s busy timeout, then migrates the schema to kSchemaVersion. A schema
    // newer than this program knows is an error.
    static Result<std::unique_ptr<Database>> Open(const std::filesystem::path& file);
    // The same connection settings but no migration: for migration tests and tools.
    static Result<std::unique_ptr<Database>> OpenUnmigrated(const std::filesystem::path& file);

    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    ~Database();

    // One SQL statement; an error when the text holds more than one.
    Result<Statement> Prepare(std::string_view sql) const;
    // Prepares and binds in one go, ready to Step().
    template <typename... Args> Result<Statement> Query(std::string_view sql, const Args&... args) const {
        Result<Statement> stmt = Prepare(sql);
        if (stmt) stmt->BindAll(args...);
        return stmt;
    }
    // Prepares, binds and runs one statement that returns no rows of interest.
    template <typename... Args> Status Run(std::string_view sql, const Args&... args) const {
        Result<Statement> stmt = Query(sql, args...);
        if (!stmt) return Error{stmt.error()};
        return stmt->Run();
    }
    // Runs fixed SQL text that may hold several statements (schema scripts, pragmas). Statements with
    // parameters are refused: values never go into this text.
    Status Execute(std::string_view sql) const;

    // Rows changed by the last INSERT/UPDATE/DELETE on this connection.
    std::int64_t Changes() const;
    // Whether a transaction is open on this connection.
    bool InTransaction() const;

    const std::filesystem::path& Path() const { return m_path; }
    // For SQLite calls not wrapped here (e.g. the online backup API); SQL still goes through Prepare.
    sqlite3* Handle() const { return m_db.get(); }

    // "<sqlite's message for the last failure> (<file>)", for error values.
    std::string DescribeLastError() const;

    struct Closer {
        void operator()(sqlite3* db) const noexcept;
    };
    // Only Open() can make the Key, so only Open() can construct (through std::make_unique).
    class Key {
        friend class Database;
        Key() = default;
    };
    Database(Key, std::unique_ptr<sqlite3, Closer> db, std::filesystem::path path);

private:
    static Result<std::unique_ptr<Database>> OpenConnection(const std::filesystem::path& file);

    std::unique_ptr<sqlite3, Closer> m_db;
    std::filesystem::path m_path;
};

// BEGIN ... COMMIT as a scope: rolled back when destroyed without Commit() (an early error return).
// Transactions do not nest: each store method opens its own, so call them outside any transaction.
class Transaction {
public:
    // BEGIN IMMEDIATE: takes the write lock up front, so the transaction cannot fail half-way with
    // SQLITE_BUSY because another connection wrote first (busy_timeout waits for the lock instead).
    static Result<Transaction> Begin(Database& db);
    // BEGIN (deferred) for reading several statements from one consistent snapshot.
    static Result<Transaction> BeginRead(Database& db);

    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    Transaction(Transaction&& other) noexcept;
    Transaction& operator=(Transaction&& other) noexcept;
    ~Transaction();

    Status Commit();

private:
    explicit Transaction(Database* db) : m_db(db) {}
    void Rollback() noexcept;

    Database* m_db = nullptr; // null once committed, rolled back or moved from
};

} // namespace ik
