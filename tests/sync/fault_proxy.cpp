// See fault_proxy.h. Plain POSIX sockets; one thread per connection (tests open few). HTTP/1.1
// bodies are framed by Content-Length, which is all the kiosk and cpp-httplib send here.
#include "fault_proxy.h"

#include <arpa/inet.h>
#include <cstring>
#include <netinet/in.h>
#include <poll.h>
#include <stdexcept>
#include <sys/socket.h>
#include <unistd.h>

namespace ik::test {
namespace {

int Listen(int* port) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd, 16) != 0)
        throw std::runtime_error("fault proxy: cannot listen");
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    *port = ntohs(addr.sin_port);
    return fd;
}

int Connect(int port) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<uint16_t>(port));
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

// Reads one HTTP message (headers + Content-Length body); empty on EOF or error.
std::string ReadMessage(int fd) {
    std::string data;
    char buffer[16384];
    size_t needed = std::string::npos;
    for (;;) {
        if (needed != std::string::npos && data.size() >= needed) return data;
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0) return needed == std::string::npos ? std::string() : data;
        data.append(buffer, static_cast<size_t>(n));
        if (needed == std::string::npos) {
            const size_t end = data.find("\r\n\r\n");
            if (end == std::string::npos) continue;
            size_t length = 0;
            std::string headers = data.substr(0, end);
            for (char& c : headers)
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            const size_t at = headers.find("content-length:");
            if (at != std::string::npos) length = std::stoul(headers.substr(at + 15));
            needed = end + 4 + length;
        }
    }
}

void SendAll(int fd, const std::string& data) {
    size_t sent = 0;
    while (sent < data.size()) {
        const ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) return;
        sent += static_cast<size_t>(n);
    }
}

// Closes with RST rather than FIN: what a dropped NAT mapping or a crashing middlebox looks like.
void Reset(int fd) {
    linger hard{1, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
    ::close(fd);
}

} // namespace

FaultProxy::FaultProxy(int upstreamPort) : m_upstreamPort(upstreamPort) {
    m_listener = Listen(&m_port);
    m_acceptThread = std::thread([this] { AcceptLoop(); });
}

FaultProxy::~FaultProxy() {
    m_stop = true;
    ::shutdown(m_listener, SHUT_RDWR);
    ::close(m_listener);
    m_acceptThread.join();
    for (std::thread& worker : m_workers)
        worker.join();
}

void FaultProxy::Script(std::vector<Fault> faults) {
    std::lock_guard lock(m_mutex);
    m_script.assign(faults.begin(), faults.end());
}

void FaultProxy::SetChooser(std::function<Fault()> chooser) {
    std::lock_guard lock(m_mutex);
    m_chooser = std::move(chooser);
}

Fault FaultProxy::NextFault() {
    std::lock_guard lock(m_mutex);
    if (m_script.empty()) return m_chooser ? m_chooser() : Fault::Pass;
    Fault fault = m_script.front();
    m_script.pop_front();
    return fault;
}

void FaultProxy::AcceptLoop() {
    while (!m_stop) {
        pollfd p{m_listener, POLLIN, 0};
        if (::poll(&p, 1, 100) <= 0) continue;
        const int client = ::accept(m_listener, nullptr, nullptr);
        if (client < 0) continue;
        ++m_connections;
        const Fault fault = NextFault();
        m_workers.emplace_back([this, client, fault] { Handle(client, fault); });
    }
}

void FaultProxy::Handle(int client, Fault fault) {
    // One request per connection is all the kiosk's sender uses (a new batch, a new attempt).
    const std::string request = ReadMessage(client);
    if (request.empty()) {
        ::close(client);
        return;
    }
    switch (fault) {
    case Fault::ResetBeforeServer:
        Reset(client);
        return;
    case Fault::Stall:
        while (!m_stop) {
            pollfd p{client, POLLIN, 0};
            if (::poll(&p, 1, 100) > 0) break; // the client gave up and closed
        }
        ::close(client);
        return;
    case Fault::Pass:
    case Fault::ResetAfterServer:
        break;
    }
    const int upstream = Connect(m_upstreamPort);
    if (upstream < 0) {
        Reset(client);
        return;
    }
    SendAll(upstream, request);
    const std::string reply = ReadMessage(upstream);
    ::close(upstream);
    if (fault == Fault::ResetAfterServer || reply.empty()) {
        Reset(client); // the monitor committed; the kiosk never hears so
        return;
    }
    SendAll(client, reply);
    ::shutdown(client, SHUT_WR);
    ::close(client);
}

} // namespace ik::test
