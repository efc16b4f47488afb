// The sd_notify messages systemd gets from the kiosk, received on a real UNIX datagram socket as
// systemd's own: READY=1 once, WATCHDOG=1 rate-limited to a quarter of the watchdog interval, and
// nothing at all when the watchdog belongs to another process (WATCHDOG_PID) or there is no socket.
#include <gtest/gtest.h>

#include <stdlib.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "platform/service_notify.h"

namespace ik {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// What systemd does: bind a datagram socket and read what arrives.
class NotifySocket {
public:
    explicit NotifySocket(const std::string& path) : m_path(path) {
        m_fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        std::memcpy(address.sun_path, path.data(), path.size());
        if (path[0] == '@') address.sun_path[0] = '\0';
        const auto length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + path.size());
        // The socket API takes the generic sockaddr.
        m_bound = bind(m_fd, reinterpret_cast<const sockaddr*>(&address), length) == 0;
    }
    ~NotifySocket() { close(m_fd); }
    bool Bound() const { return m_bound; }

    // Every datagram waiting now.
    std::vector<std::string> Received() {
        std::vector<std::string> messages;
        char buffer[512];
        for (;;) {
            const ssize_t n = recv(m_fd, buffer, sizeof buffer, MSG_DONTWAIT);
            if (n < 0) break;
            messages.emplace_back(buffer, static_cast<size_t>(n));
        }
        return messages;
    }

private:
    std::string m_path;
    int m_fd = -1;
    bool m_bound = false;
};

class ServiceNotifyTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::string pattern = (fs::temp_directory_path() / "ik-notify-XXXXXX").string();
        ASSERT_NE(mkdtemp(pattern.data()), nullptr);
        m_dir = pattern;
        unsetenv("NOTIFY_SOCKET");
        unsetenv("WATCHDOG_USEC");
        unsetenv("WATCHDOG_PID");
    }
    void TearDown() override {
        unsetenv("NOTIFY_SOCKET");
        unsetenv("WATCHDOG_USEC");
        unsetenv("WATCHDOG_PID");
        fs::remove_all(m_dir);
    }
    fs::path m_dir;
};

TEST_F(ServiceNotifyTest, ReadyOnceAndWatchdogPingsAtAQuarterOfTheInterval) {
    const std::string path = (m_dir / "notify").string();
    NotifySocket systemd(path);
    ASSERT_TRUE(systemd.Bound());
    setenv("NOTIFY_SOCKET", path.c_str(), 1);
    setenv("WATCHDOG_USEC", "10000000", 1); // WatchdogSec=10
    setenv("WATCHDOG_PID", std::to_string(getpid()).c_str(), 1);

    ServiceNotifier notifier = ServiceNotifier::FromEnvironment();
    ASSERT_TRUE(notifier.Active());
    EXPECT_EQ(notifier.WatchdogInterval(), 10s);

    const auto t0 = std::chrono::steady_clock::now();
    ASSERT_TRUE(notifier.KeepAlive(t0));
    ASSERT_TRUE(notifier.Ready());
    ASSERT_TRUE(notifier.Ready()); // the loop calls it every turn; systemd hears it once
    // The loop turns often (60 times a second while animating): pings stay ~2.5 s apart.
    for (int i = 1; i <= 60; ++i)
        ASSERT_TRUE(notifier.KeepAlive(t0 + i * 16ms));
    ASSERT_TRUE(notifier.KeepAlive(t0 + 2500ms));
    ASSERT_TRUE(notifier.KeepAlive(t0 + 4s));
    ASSERT_TRUE(notifier.KeepAlive(t0 + 5s));
    EXPECT_EQ(systemd.Received(),
              (std::vector<std::string>{"WATCHDOG=1", "READY=1", "WATCHDOG=1", "WATCHDOG=1"}));
}

TEST_F(ServiceNotifyTest, AbstractSocketNamesWork) {
    const std::string name = "@ik-notify-test-" + std::to_string(getpid());
    NotifySocket systemd(name);
    ASSERT_TRUE(systemd.Bound());
    setenv("NOTIFY_SOCKET", name.c_str(), 1);
    ServiceNotifier notifier = ServiceNotifier::FromEnvironment();
    ASSERT_TRUE(notifier.Ready());
    EXPECT_EQ(systemd.Received(), std::vector<std::string>{"READY=1"});
}

TEST_F(ServiceNotifyTest, AWatchdogMeantForAnotherProcessIsNotPinged) {
    // xinit is the unit's main process; its WATCHDOG_PID reaches the kiosk by inheritance.
    const std::string path = (m_dir / "notify").string();
    NotifySocket systemd(path);
    setenv("NOTIFY_SOCKET", path.c_str(), 1);
    setenv("WATCHDOG_USEC", "10000000", 1);
    setenv("WATCHDOG_PID", std::to_string(getppid()).c_str(), 1);
    ServiceNotifier notifier = ServiceNotifier::FromEnvironment();
    EXPECT_EQ(notifier.WatchdogInterval(), 0us);
    ASSERT_TRUE(notifier.KeepAlive(std::chrono::steady_clock::now()));
    ASSERT_TRUE(notifier.Ready()); // ready still goes: NotifyAccess=all lets a child say it
    EXPECT_EQ(systemd.Received(), std::vector<std::string>{"READY=1"});
}

TEST_F(ServiceNotifyTest, OutsideSystemdNothingIsSent) {
    ServiceNotifier notifier = ServiceNotifier::FromEnvironment();
    EXPECT_FALSE(notifier.Active());
    EXPECT_TRUE(notifier.Ready());
    EXPECT_TRUE(notifier.KeepAlive(std::chrono::steady_clock::now()));
}

TEST_F(ServiceNotifyTest, AMissingSocketIsAnErrorNotACrash) {
    setenv("NOTIFY_SOCKET", (m_dir / "nobody-listens").c_str(), 1);
    ServiceNotifier notifier = ServiceNotifier::FromEnvironment();
    Status ready = notifier.Ready();
    ASSERT_FALSE(ready);
    EXPECT_NE(ready.error().find("nobody-listens"), std::string::npos) << ready.error();
}

} // namespace
} // namespace ik
