// impactkiosk-monitor's HTTP side (sync protocol v1): POST /api/v1/batches and GET /api/v1/health on
// cpp-httplib. Authenticates kiosk tokens, caps request bodies after decompression, and hands
// parsed batches to a MonitorStore. httplib stays inside the .cpp (pimpl).
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "core/result.h"
#include "sync/monitor/monitor_store.h"
#include "sync/protocol/protocol.h"

namespace ik::monitor {

struct ServerOptions {
    std::size_t threads = 8;
    std::chrono::seconds readTimeout{30};
    std::chrono::seconds writeTimeout{30};
    // The largest request body accepted, after decompression (and, on the wire, before it).
    std::size_t maxBodyBytes = sync::kMaxBatchBytes;
    bool logBatches = true; // one line per batch on stderr
};

class MonitorServer {
public:
    // The store is shared by all request threads; the server serialises access to it.
    explicit MonitorServer(MonitorStore& store, ServerOptions options = {});
    MonitorServer(const MonitorServer&) = delete;
    MonitorServer& operator=(const MonitorServer&) = delete;
    ~MonitorServer();

    // Binds and listens on host:port; port 0 picks a free port. Returns the port bound.
    Result<int> Bind(const std::string& host, int port);
    // Serves until Stop(); requests in flight are finished first. Call after Bind(), from one thread.
    Status Run();
    // Safe from any thread, before, during or after Run().
    void Stop();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace ik::monitor
