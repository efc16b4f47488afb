// The sd_notify datagram protocol (systemd's sd_notify(3)), without libsystemd.
#include "platform/service_notify.h"

#include <cerrno>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <string>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace ik {

ServiceNotifier ServiceNotifier::FromEnvironment() {
    const char* socket = std::getenv("NOTIFY_SOCKET");
    if (!socket || !*socket) return {};
    std::chrono::microseconds interval{0};
    const char* usec = std::getenv("WATCHDOG_USEC");
    const char* pid = std::getenv("WATCHDOG_PID");
    // A WATCHDOG_PID of another process (e.g. xinit, the unit's main process) means the watchdog
    // settings were inherited, not meant for us; the session script sets it to the kiosk's pid.
    const bool forUs = !pid || !*pid || std::strtol(pid, nullptr, 10) == static_cast<long>(getpid());
    if (usec && *usec && forUs) {
        const long long value = std::strtoll(usec, nullptr, 10);
        if (value > 0) interval = std::chrono::microseconds(value);
    }
    return ServiceNotifier(socket, interval);
}

Status ServiceNotifier::Ready() {
    if (!Active() || m_ready) return {};
    m_ready = true;
    return Send(m_socket, "READY=1");
}

Status ServiceNotifier::KeepAlive(std::chrono::steady_clock::time_point now) {
    if (!Active() || m_watchdog.count() == 0) return {};
    if (m_lastPing != std::chrono::steady_clock::time_point{} && now - m_lastPing < m_watchdog / 4) return {};
    m_lastPing = now;
    return Send(m_socket, "WATCHDOG=1");
}

Status ServiceNotifier::Send(const std::string& socketPath, std::string_view message) {
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (socketPath.empty() || socketPath.size() >= sizeof address.sun_path)
        return Error{"NOTIFY_SOCKET: not a usable socket path: " + socketPath};
    std::memcpy(address.sun_path, socketPath.data(), socketPath.size());
    if (address.sun_path[0] == '@') address.sun_path[0] = '\0'; // abstract namespace
    const auto length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + socketPath.size());

    const int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return Error{std::string("NOTIFY_SOCKET: socket: ") + std::strerror(errno)};
    // sockaddr_un is passed as the generic sockaddr, as the socket API requires.
    const ssize_t sent = sendto(fd, message.data(), message.size(), MSG_NOSIGNAL,
                                reinterpret_cast<const sockaddr*>(&address), length);
    const int sendError = errno;
    close(fd);
    if (sent < 0) return Error{"NOTIFY_SOCKET " + socketPath + ": " + std::strerror(sendError)};
    return {};
}

} // namespace ik
