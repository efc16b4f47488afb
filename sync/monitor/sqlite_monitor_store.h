// MonitorStore on SQLite (through app/store/database.h): the reference monitor's storage.
// Its own schema (not the kiosk's migrations), versioned with PRAGMA user_version.
#pragma once

#include <filesystem>
#include <memory>

#include "store/database.h"
#include "sync/monitor/monitor_store.h"

namespace ik::monitor {

class SqliteMonitorStore final : public MonitorStore {
public:
    // Opens (creating when needed) and brings the schema up to date.
    static Result<std::unique_ptr<SqliteMonitorStore>> Open(const std::filesystem::path& file);

    Status AddToken(const std::string& kioskId, const std::string& tokenHash) override;
    Result<std::optional<std::string>> KioskForToken(const std::string& tokenHash) override;
    Result<sync::Receipt> Ingest(const sync::Batch& batch, const std::string& receivedAt) override;
    Status ForEachResponse(const std::function<Status(const ReceivedResponse&)>& visit) override;

    explicit SqliteMonitorStore(std::unique_ptr<Database> db) : m_db(std::move(db)) {}

private:
    std::unique_ptr<Database> m_db;
};

} // namespace ik::monitor
