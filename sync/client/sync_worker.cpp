// See sync_worker.h.
#include "sync/client/sync_worker.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/clock.h"
#include "store/database.h"

namespace ik::sync {

double BackoffSeconds(int failures, long retryAfterSeconds, std::mt19937_64& rng) {
    constexpr double kBase = 5;
    constexpr double kCap = 15 * 60;
    const double ceiling = std::min(kCap, kBase * std::pow(2.0, std::min(failures - 1, 20)));
    std::uniform_real_distribution<double> jitter(0.0, ceiling / 2);
    const double delay = ceiling / 2 + jitter(rng);
    return retryAfterSeconds >= 0 ? std::max(delay, static_cast<double>(retryAfterSeconds)) : delay;
}

SyncWorker::SyncWorker(std::filesystem::path databaseFile, SenderConfig config, std::chrono::seconds interval,
                       std::function<void()> onStatusChange)
    : m_databaseFile(std::move(databaseFile)), m_config(std::move(config)), m_interval(interval),
      m_onStatusChange(std::move(onStatusChange)) {
    m_thread = std::thread([this] { Run(); });
}

SyncWorker::~SyncWorker() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

void SyncWorker::Notify() {
    {
        std::lock_guard lock(m_mutex);
        m_notified = true;
    }
    m_wake.notify_all();
}

void SyncWorker::SyncNow() {
    {
        std::lock_guard lock(m_mutex);
        m_syncNow = true;
    }
    m_wake.notify_all();
}

SyncStatus SyncWorker::Status() const {
    std::lock_guard lock(m_mutex);
    return m_status;
}

void SyncWorker::Run() {
    std::mt19937_64 rng(std::random_device{}());
    std::unique_ptr<Database> db;
    int failures = 0;
    auto nextAttempt = std::chrono::steady_clock::now();
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            // While backing off, new responses wait for the backoff; otherwise they go at once.
            m_wake.wait_until(lock, nextAttempt, [&] {
                return m_stop || m_syncNow || (m_notified && failures == 0 && !m_status.stoppedForAuth);
            });
            if (m_stop) return;
            if (m_syncNow) {
                // Staff asked: try at once, even while backing off or after a refused token (the
                // operator may have registered it since).
                m_syncNow = false;
                m_status.stoppedForAuth = false;
                failures = 0;
            }
            if (m_status.stoppedForAuth) {
                nextAttempt = std::chrono::steady_clock::now() + std::chrono::hours(24); // until restarted
                continue;
            }
            m_notified = false;
        }
        if (!db) {
            Result<std::unique_ptr<Database>> opened = Database::Open(m_databaseFile);
            if (!opened) {
                std::lock_guard lock(m_mutex);
                m_status.lastError = opened.error();
                ++failures;
                nextAttempt =
                    std::chrono::steady_clock::now() +
                    std::chrono::milliseconds(static_cast<long>(BackoffSeconds(failures, -1, rng) * 1000));
                continue;
            }
            db = std::move(*opened);
        }
        const SyncOutcome outcome = SyncOnce(*db, m_config);
        {
            std::lock_guard lock(m_mutex);
            m_status.pending = outcome.pending;
            if (outcome.error.empty()) {
                failures = 0;
                m_status.lastOkAt = FormatUtcIso(WallClock::now());
                m_status.lastError.clear();
                nextAttempt = std::chrono::steady_clock::now() + m_interval;
            } else {
                ++failures;
                m_status.lastError = outcome.error;
                m_status.stoppedForAuth = outcome.authProblem;
                const double wait = BackoffSeconds(failures, outcome.retryAfterSeconds, rng);
                nextAttempt = std::chrono::steady_clock::now() +
                              std::chrono::milliseconds(static_cast<long>(wait * 1000));
                std::fprintf(stderr, "impactkiosk: sync: %s (next try in %.0f s)\n", outcome.error.c_str(),
                             wait);
            }
        }
        if (m_onStatusChange) m_onStatusChange();
    }
}

} // namespace ik::sync
