// Shared by the monitor tests: a real MonitorServer on 127.0.0.1 (any free port) over a fresh SQLite
// store in a temporary directory, kiosk tokens, sample batches, and gzip for request bodies.
#pragma once

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>

#include <unistd.h>

#include <gtest/gtest.h>
#include <httplib.h>
#include <zlib.h>

#include "sync/monitor/kiosk_token.h"
#include "sync/monitor/monitor_server.h"
#include "sync/monitor/sqlite_monitor_store.h"
#include "sync/protocol/protocol.h"

namespace ik::monitor::test {

inline sync::ResponseRecord Record(const std::string& id, std::int64_t seq) {
    sync::ResponseRecord r;
    r.id = id;
    r.seq = seq;
    r.questionnaire = {"digital_skills_confidence", 1};
    r.language = "nl";
    r.status = "completed";
    r.startedAt = "2026-11-21T10:00:00.000Z";
    r.finishedAt = "2026-11-21T10:01:00.000Z";
    r.utcOffsetMinutes = 60;
    r.flags = {"fast"};
    r.answers = {{"learned", "4"}, {"grade", 8}, {"comment", "=HYPERLINK(\"http://x\"); \"hi\"\nнет"}};
    return r;
}

inline sync::Batch MakeBatch(const std::string& batchId = "b-1", const std::string& kioskId = "centrale-1") {
    sync::Batch b;
    b.batchId = batchId;
    b.kioskId = kioskId;
    b.branchId = "centrale";
    b.appVersion = "0.1.0";
    b.sentAt = "2026-11-21T10:05:00.000Z";
    sync::QuestionnaireEntry entry; // field by field: GCC 12 -O3 misreads the brace form as uninitialised
    entry.ref = {"digital_skills_confidence", 1};
    entry.hash = "fnv1a64:0123456789abcdef";
    entry.definition = nlohmann::json{{"id", "digital_skills_confidence"}, {"version", 1}};
    b.questionnaires.push_back(entry);
    b.responses = {Record("r1", 1), Record("r2", 2), Record("r3", 3)};
    return b;
}

// Feeds `total` bytes produced by `chunk` (repeated) through gzip; returns the compressed bytes.
inline std::string Gzip(const std::string& chunk, std::size_t repeat = 1) {
    z_stream z{};
    EXPECT_EQ(deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY), Z_OK);
    std::string out;
    char buffer[64 * 1024];
    for (std::size_t i = 0; i < repeat; ++i) {
        // zlib's API takes non-const input; it does not write to it.
        z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(chunk.data()));
        z.avail_in = static_cast<uInt>(chunk.size());
        const int flush = i + 1 == repeat ? Z_FINISH : Z_NO_FLUSH;
        int rc = Z_OK;
        do {
            z.next_out = reinterpret_cast<Bytef*>(buffer);
            z.avail_out = sizeof buffer;
            rc = deflate(&z, flush);
            out.append(buffer, sizeof buffer - z.avail_out);
        } while (z.avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
    }
    deflateEnd(&z);
    return out;
}

// Resident memory of this process (which hosts the server), from /proc/self/status.
inline long VmRssKiB() {
    std::FILE* f = std::fopen("/proc/self/status", "r");
    if (!f) return -1;
    char line[256];
    long kib = -1;
    while (std::fgets(line, sizeof line, f))
        if (std::sscanf(line, "VmRSS: %ld kB", &kib) == 1) break;
    std::fclose(f);
    return kib;
}

class MonitorFixture : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(InitSodium());
        m_dir = std::filesystem::temp_directory_path() /
                ("ik-monitor-test-" + std::to_string(::getpid()) + "-" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(m_dir);
        std::filesystem::create_directories(m_dir);
        Result<std::unique_ptr<SqliteMonitorStore>> opened = SqliteMonitorStore::Open(m_dir / "monitor.db");
        ASSERT_TRUE(opened) << opened.error();
        m_store = std::move(*opened);
        m_token = GenerateToken();
        m_otherToken = GenerateToken();
        ASSERT_TRUE(m_store->AddToken("centrale-1", HashToken(m_token)));
        ASSERT_TRUE(m_store->AddToken("west-2", HashToken(m_otherToken)));

        ServerOptions options;
        options.threads = 4;
        options.logBatches = false;
        m_server = std::make_unique<MonitorServer>(*m_store, options);
        Result<int> port = m_server->Bind("127.0.0.1", 0);
        ASSERT_TRUE(port) << port.error();
        m_port = *port;
        m_thread = std::thread([this] { m_runStatus = m_server->Run().ok(); });
    }

    void TearDown() override {
        if (m_server) m_server->Stop();
        if (m_thread.joinable()) m_thread.join();
        EXPECT_TRUE(m_runStatus);
        m_server.reset();
        m_store.reset();
        std::error_code ec;
        std::filesystem::remove_all(m_dir, ec);
    }

    httplib::Client Client() const {
        httplib::Client client("127.0.0.1", m_port);
        client.set_connection_timeout(5);
        client.set_read_timeout(20);
        client.set_write_timeout(20);
        return client;
    }

    httplib::Result PostBody(const std::string& body, const std::string& token, bool gzip = false) const {
        httplib::Headers headers;
        if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
        if (gzip) headers.emplace("Content-Encoding", "gzip");
        return Client().Post(sync::kBatchesPath, headers, body, "application/json");
    }
    httplib::Result Post(const sync::Batch& batch) const {
        return PostBody(sync::ToJson(batch).dump(), m_token);
    }

    static nlohmann::json Json(const httplib::Result& res) {
        return nlohmann::json::parse(res->body, nullptr, /*allow_exceptions=*/false);
    }

    std::filesystem::path m_dir;
    std::unique_ptr<SqliteMonitorStore> m_store;
    std::unique_ptr<MonitorServer> m_server;
    std::thread m_thread;
    std::atomic<bool> m_runStatus{true};
    int m_port = 0;
    std::string m_token;
    std::string m_otherToken;
};

} // namespace ik::monitor::test
