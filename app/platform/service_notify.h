// Talking to systemd when the kiosk runs as a service (Type=notify, WatchdogSec=): "READY=1" once the
// first frame is on screen, "WATCHDOG=1" from the UI loop while it turns. The sd_notify protocol is a
// datagram to $NOTIFY_SOCKET; about 40 lines here instead of linking libsystemd for two messages.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/result.h"

namespace ik {

class ServiceNotifier {
public:
    // From the environment systemd sets: $NOTIFY_SOCKET, and $WATCHDOG_USEC with $WATCHDOG_PID (the
    // watchdog is ours only when WATCHDOG_PID is unset or our pid). Outside systemd it does nothing.
    static ServiceNotifier FromEnvironment();
    ServiceNotifier() = default;
    ServiceNotifier(std::string socketPath, std::chrono::microseconds watchdogInterval)
        : m_socket(std::move(socketPath)), m_watchdog(watchdogInterval) {}

    bool Active() const { return !m_socket.empty(); }
    std::chrono::microseconds WatchdogInterval() const { return m_watchdog; } // 0: no watchdog

    // "READY=1", once; later calls do nothing.
    Status Ready();
    // "WATCHDOG=1", at most every interval/4 (the loop may turn 60 times a second while animating).
    // Call it only from the loop whose liveness it vouches for.
    Status KeepAlive(std::chrono::steady_clock::time_point now);

    // One datagram to the socket: a path, or "@name" for the abstract namespace.
    static Status Send(const std::string& socketPath, std::string_view message);

private:
    std::string m_socket;
    std::chrono::microseconds m_watchdog{0};
    bool m_ready = false;
    std::chrono::steady_clock::time_point m_lastPing{};
};

} // namespace ik
