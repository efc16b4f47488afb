// Settings as rows of the `settings` table. Each Set/Erase is a single statement, which SQLite runs
// as its own durable transaction.
#include "store/settings_store.h"

namespace ik {

Result<std::optional<std::string>> SettingsStore::Get(std::string_view key) const {
    const std::string what = "reading setting \"" + std::string(key) + "\": ";
    Result<Statement> stmt = m_db.Query("SELECT value FROM settings WHERE key = ?1", key);
    if (!stmt) return Error{what + stmt.error()};
    Result<bool> row = stmt->Step();
    if (!row) return Error{what + row.error()};
    if (!*row) return std::optional<std::string>();
    return std::optional<std::string>(stmt->Text(0));
}

Status SettingsStore::Set(std::string_view key, std::string_view value) {
    Status s = m_db.Run("INSERT INTO settings (key, value) VALUES (?1, ?2) "
                        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                        key, value);
    if (!s) return Error{"saving setting \"" + std::string(key) + "\": " + s.error()};
    return {};
}

Status SettingsStore::Erase(std::string_view key) {
    Status s = m_db.Run("DELETE FROM settings WHERE key = ?1", key);
    if (!s) return Error{"removing setting \"" + std::string(key) + "\": " + s.error()};
    return {};
}

} // namespace ik
