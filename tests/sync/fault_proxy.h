// A TCP proxy on 127.0.0.1 for sync tests that does to connections what real networks do: refuse
// them, reset them before the request reaches the monitor, reset them after the monitor answered
// but before the answer reaches the kiosk, or stall. Each connection takes the next scripted fault
// (then the chooser's, or "pass").
#pragma once

#include <atomic>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace ik::test {

enum class Fault {
    Pass,              // forward both ways
    ResetBeforeServer, // read the request, then reset: the monitor never sees it
    ResetAfterServer,  // forward the request, read the monitor's whole reply, then reset instead
    Stall,             // accept and read, then send nothing until the client gives up
};

class FaultProxy {
public:
    explicit FaultProxy(int upstreamPort);
    ~FaultProxy();
    FaultProxy(const FaultProxy&) = delete;
    FaultProxy& operator=(const FaultProxy&) = delete;

    int Port() const { return m_port; }
    void Script(std::vector<Fault> faults);
    // Chooses the fault for connections beyond the script (default: Pass).
    void SetChooser(std::function<Fault()> chooser);
    int Connections() const { return m_connections.load(); }

private:
    void AcceptLoop();
    void Handle(int client, Fault fault);
    Fault NextFault();

    int m_upstreamPort;
    int m_listener = -1;
    int m_port = 0;
    std::atomic<bool> m_stop{false};
    std::atomic<int> m_connections{0};
    std::mutex m_mutex;
    std::deque<Fault> m_script;
    std::function<Fault()> m_chooser;
    std::thread m_acceptThread;
    std::vector<std::thread> m_workers;
};

} // namespace ik::test
