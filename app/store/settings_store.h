// Small key-value settings kept in the database (the active questionnaire, sync bookkeeping, ...),
// so they survive restarts together with the responses they describe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "store/database.h"

namespace ik {

class SettingsStore {
public:
    explicit SettingsStore(Database& db) : m_db(db) {}

    // The value, or nullopt when the key was never set (or was erased).
    Result<std::optional<std::string>> Get(std::string_view key) const;
    // Sets (inserts or replaces) the value, durably.
    Status Set(std::string_view key, std::string_view value);
    // Removes the key; not an error when it was not there.
    Status Erase(std::string_view key);

private:
    Database& m_db;
};

} // namespace ik
