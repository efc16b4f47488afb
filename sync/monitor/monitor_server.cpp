// See monitor_server.h. Request handling: auth -> body (capped after decompression) -> JSON -> batch ->
// kiosk check -> store -> receipt. Every refusal is a JSON {"error": "..."} naming the problem.
#include "sync/monitor/monitor_server.h"

#include <atomic>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <thread>

#include <httplib.h>

#include "core/clock.h"
#include "sync/monitor/kiosk_token.h"

namespace ik::monitor {
namespace {

using nlohmann::json;

void SendJson(httplib::Response& res, int status, const json& body) {
    res.status = status;
    res.set_content(body.dump(), "application/json");
}

void SendError(httplib::Response& res, int status, const std::string& message) {
    SendJson(res, status, json{{"error", message}});
}

// The token of "Authorization: Bearer <token>", or "" when there is none.
std::string BearerToken(const httplib::Request& req) {
    const std::string header = req.get_header_value("Authorization");
    const std::string prefix = "Bearer ";
    if (header.size() <= prefix.size() || header.compare(0, prefix.size(), prefix) != 0) return {};
    return header.substr(prefix.size());
}

} // namespace

struct MonitorServer::Impl {
    MonitorStore& store;
    ServerOptions options;
    httplib::Server server;
    std::mutex storeMutex; // one connection behind the store; request threads take turns
    std::atomic<bool> stopRequested{false};
    std::atomic<bool> inRun{false};

    Impl(MonitorStore& s, ServerOptions o) : store(s), options(o) {}

    void HandleBatch(const httplib::Request& req, httplib::Response& res,
                     const httplib::ContentReader& reader);
    void Log(const std::string& line) const {
        if (options.logBatches) std::fprintf(stderr, "monitor: %s\n", line.c_str());
    }
};

void MonitorServer::Impl::HandleBatch(const httplib::Request& req, httplib::Response& res,
                                      const httplib::ContentReader& reader) {
    const auto started = std::chrono::steady_clock::now();
    auto refuse = [&](int status, const std::string& message) {
        SendError(res, status, message);
        Log(std::to_string(status) + " from " + req.remote_addr + ": " + message);
    };

    // Authenticate before reading the body: a stranger does not get to make us inflate anything.
    const std::string token = BearerToken(req);
    if (token.empty()) {
        res.set_header("WWW-Authenticate", "Bearer");
        return refuse(401, "missing \"Authorization: Bearer <token>\"");
    }
    std::optional<std::string> tokenKiosk;
    {
        std::lock_guard lock(storeMutex);
        Result<std::optional<std::string>> found = store.KioskForToken(HashToken(token));
        if (!found) return refuse(500, "storage: " + found.error());
        tokenKiosk = *found;
    }
    if (!tokenKiosk) {
        res.set_header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        return refuse(401, "unknown token");
    }

    // httplib inflates gzip/deflate bodies before they reach us and checks only the size on the wire,
    // so the cap on the decompressed size is ours: stop reading as soon as it is passed.
    std::string body;
    bool tooLarge = false;
    const bool read = reader([&](const char* data, std::size_t length) {
        if (body.size() + length > options.maxBodyBytes) {
            tooLarge = true;
            return false;
        }
        body.append(data, length);
        return true;
    });
    if (tooLarge || (!read && res.status == 413)) {
        body = std::string(); // give the memory back now, not when the connection ends
        return refuse(413, "the request body is larger than " + std::to_string(options.maxBodyBytes) +
                               " bytes (after decompression); send fewer responses per batch");
    }
    if (!read) return refuse(400, "could not read the request body (truncated, or bad compressed data)");

    json parsed;
    try {
        parsed = json::parse(body);
    } catch (const json::parse_error& e) {
        return refuse(400, std::string("the body is not valid JSON: ") + e.what());
    }
    body = std::string();
    if (parsed.is_object()) {
        auto protocol = parsed.find("protocol");
        if (protocol != parsed.end() && protocol->is_number_integer() &&
            protocol->get<std::int64_t>() != sync::kProtocolVersion)
            return refuse(400, "unsupported protocol version " + protocol->dump() + ": this monitor speaks " +
                                   "protocol " + std::to_string(sync::kProtocolVersion));
        auto responses = parsed.find("responses");
        if (responses != parsed.end() && responses->is_array() &&
            responses->size() > static_cast<std::size_t>(sync::kMaxBatchResponses))
            return refuse(413, "more than " + std::to_string(sync::kMaxBatchResponses) +
                                   " responses in one batch; send fewer per batch");
    }
    Result<sync::Batch> batch = sync::ParseBatch(parsed);
    if (!batch) return refuse(400, batch.error());
    if (batch->kioskId != *tokenKiosk)
        return refuse(403,
                      "this token belongs to kiosk \"" + *tokenKiosk + "\", not \"" + batch->kioskId + "\"");

    Result<sync::Receipt> receipt = Error{""};
    {
        std::lock_guard lock(storeMutex);
        receipt = store.Ingest(*batch, FormatUtcIso(WallClock::now()));
    }
    if (!receipt) return refuse(500, "storage: " + receipt.error());
    SendJson(res, 200, sync::ToJson(*receipt));

    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    Log("batch " + batch->batchId + " from kiosk " + batch->kioskId + ": accepted " +
        std::to_string(receipt->accepted.size()) + ", duplicates " +
        std::to_string(receipt->duplicates.size()) + ", rejected " +
        std::to_string(receipt->rejected.size()) + ", " + std::to_string(ms.count()) + " ms");
}

MonitorServer::MonitorServer(MonitorStore& store, ServerOptions options)
    : m_impl(std::make_unique<Impl>(store, options)) {
    Impl& impl = *m_impl;
    httplib::Server& server = impl.server;
    const std::size_t threads = options.threads == 0 ? 1 : options.threads;
    // httplib's API takes ownership of a raw pointer here; it deletes the queue when it stops.
    server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    server.set_read_timeout(options.readTimeout);
    server.set_write_timeout(options.writeTimeout);
    server.set_payload_max_length(options.maxBodyBytes);
    // Headers and body go out in separate writes; without TCP_NODELAY a kept-alive client waits
    // ~40 ms (Nagle against delayed ACK) on every request (measured: 31 ms per batch with curl).
    server.set_tcp_nodelay(true);

    // A Date header on every reply (RFC 9110 asks it of servers with a clock): `impactkiosk doctor`
    // compares it with the kiosk's clock. nginx in front sets its own, which is as good.
    server.set_post_routing_handler([](const httplib::Request&, httplib::Response& res) {
        const std::time_t now = std::time(nullptr);
        std::tm utc{};
        gmtime_r(&now, &utc);
        char date[64];
        if (std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", &utc) > 0)
            res.set_header("Date", date);
    });
    server.Get(sync::kHealthPath, [](const httplib::Request&, httplib::Response& res) {
        SendJson(res, 200, json{{"status", "ok"}, {"protocol", sync::kProtocolVersion}});
    });
    server.Post(sync::kBatchesPath,
                [&impl](const httplib::Request& req, httplib::Response& res,
                        const httplib::ContentReader& reader) { impl.HandleBatch(req, res, reader); });
    // httplib's own refusals (404, 413 on the wire size, 400 for a broken request) get a JSON body too.
    server.set_error_handler(
        httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
            if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
            SendError(res, res.status,
                      res.status == 404 ? "no such endpoint"
                                        : "request refused (HTTP " + std::to_string(res.status) + ")");
            return httplib::Server::HandlerResponse::Handled;
        }));
    server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        SendError(res, 500, "internal error");
    });
}

MonitorServer::~MonitorServer() {
    Stop();
}

Result<int> MonitorServer::Bind(const std::string& host, int port) {
    const int bound = port == 0 ? m_impl->server.bind_to_any_port(host)
                                : (m_impl->server.bind_to_port(host, port) ? port : -1);
    if (bound <= 0) return Error{"cannot listen on " + host + ":" + std::to_string(port)};
    return bound;
}

Status MonitorServer::Run() {
    m_impl->inRun = true;
    if (m_impl->stopRequested) {
        m_impl->inRun = false;
        return {};
    }
    const bool ok = m_impl->server.listen_after_bind();
    m_impl->inRun = false;
    if (!ok && !m_impl->stopRequested) return Error{"the server stopped unexpectedly"};
    return {};
}

void MonitorServer::Stop() {
    m_impl->stopRequested = true;
    // httplib's stop() does nothing until its accept loop runs; wait for that if Run() is starting.
    while (m_impl->inRun && !m_impl->server.is_running())
        std::this_thread::yield();
    m_impl->server.stop();
}

} // namespace ik::monitor
