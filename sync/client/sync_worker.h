// The sync thread: sends pending responses whenever there are new ones or the interval passes,
// backs off (exponential, with jitter, capped; Retry-After honoured) when the network or monitor is
// down, and stops after 401/403 until the kiosk restarts with new settings. It has its own database
// connection; the visitor screen never waits for it.
#pragma once

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>

#include "core/response_sink.h"
#include "sync/client/batch_sender.h"

namespace ik::sync {

// Seconds to wait before attempt `failures` + 1 (failures >= 1): 5 s doubling to at most 15 min,
// with "equal jitter" (half fixed, half random) so a branch full of kiosks does not retry in step.
// A Retry-After from the monitor wins when it is longer.
double BackoffSeconds(int failures, long retryAfterSeconds, std::mt19937_64& rng);

struct SyncStatus {
    std::string lastOkAt;
    std::string lastError;
    long pending = 0;
    bool stoppedForAuth = false;
};

class SyncWorker {
public:
    SyncWorker(std::filesystem::path databaseFile, SenderConfig config, std::chrono::seconds interval,
               std::function<void()> onStatusChange = {});
    ~SyncWorker(); // asks the thread to stop and joins it (an attempt in flight ends by its timeouts)
    SyncWorker(const SyncWorker&) = delete;
    SyncWorker& operator=(const SyncWorker&) = delete;

    // A response finished: send soon (unless backing off).
    void Notify();
    // Staff pressed "sync now": try at once, whatever the backoff.
    void SyncNow();
    SyncStatus Status() const;

private:
    void Run();

    std::filesystem::path m_databaseFile;
    SenderConfig m_config;
    std::chrono::seconds m_interval;
    std::function<void()> m_onStatusChange;
    bool m_syncNow = false; // guarded by m_mutex
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    bool m_notified = true; // send once at start-up
    SyncStatus m_status;
    std::thread m_thread;
};

// Passes everything to the store and tells the worker when a response is finished.
class NotifyingSink : public ResponseSink {
public:
    NotifyingSink(ResponseSink& inner, std::function<void()> onFinished)
        : m_inner(inner), m_onFinished(std::move(onFinished)) {}
    Result<std::string> BeginResponse(const ResponseStart& start) override {
        return m_inner.BeginResponse(start);
    }
    Status SaveAnswer(const std::string& id, const std::string& question,
                      const nlohmann::json& value) override {
        return m_inner.SaveAnswer(id, question, value);
    }
    Status RemoveAnswer(const std::string& id, const std::string& question) override {
        return m_inner.RemoveAnswer(id, question);
    }
    Status FinishResponse(const std::string& id, ResponseStatus status, const std::vector<std::string>& flags,
                          const std::vector<std::string>& offPath) override {
        Status finished = m_inner.FinishResponse(id, status, flags, offPath);
        if (finished && m_onFinished) m_onFinished();
        return finished;
    }

private:
    ResponseSink& m_inner;
    std::function<void()> m_onFinished;
};

} // namespace ik::sync
