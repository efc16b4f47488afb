// The kiosk's sender against a scripted monitor on 127.0.0.1 (cpp-httplib): what is marked as sent,
// quarantined or left pending after each kind of reply a real network produces.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <mutex>
#include <set>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

#include <csignal>
#include <spawn.h>
#include <sys/wait.h>

#include <httplib.h>

#include "core/questionnaire_json.h"
#include "fault_proxy.h"
#include "store/questionnaire_store.h"
#include "store/response_store.h"
#include "store/settings_store.h"
#include "support/wait_until.h"
#include "sync/client/batch_sender.h"
#include "sync/client/sync_worker.h"
#include "sync/protocol/protocol.h"

namespace ik::sync {
namespace {

// A monitor whose reply the test scripts; by default it behaves like the real one: stores ids,
// answers accepted/duplicates, and acknowledges definitions.
class ScriptedMonitor {
public:
    using Script = std::function<bool(const Batch&, int call, httplib::Response&)>; // true: handled

    ScriptedMonitor() {
        m_server.Post(kBatchesPath, [this](const httplib::Request& req, httplib::Response& res) {
            std::lock_guard lock(m_mutex);
            ++m_calls;
            m_lastAuth = req.get_header_value("Authorization");
            m_encodings.push_back(req.get_header_value("Content-Encoding"));
            Result<Batch> batch = ParseBatch(nlohmann::json::parse(req.body, nullptr, false));
            ASSERT_TRUE(batch) << batch.error();
            m_batches.push_back(*batch);
            if (m_script && m_script(*batch, m_calls, res)) return;
            res.set_content(ToJson(Store(*batch)).dump(), "application/json");
        });
        m_port = m_server.bind_to_any_port("127.0.0.1");
        m_thread = std::thread([this] { m_server.listen_after_bind(); });
        EXPECT_TRUE(test::WaitUntil([this] { return m_server.is_running(); }))
            << "the scripted monitor never listened";
    }
    ~ScriptedMonitor() {
        m_server.stop();
        m_thread.join();
    }

    // What a correct monitor does: idempotent by id.
    Receipt Store(const Batch& batch) {
        Receipt receipt;
        receipt.batchId = batch.batchId;
        for (const ResponseRecord& r : batch.responses) {
            if (m_stored.insert(r.id).second)
                receipt.accepted.push_back(r.id);
            else
                receipt.duplicates.push_back(r.id);
        }
        for (const QuestionnaireEntry& q : batch.questionnaires)
            if (q.definition) receipt.questionnairesStored.push_back(q.ref);
        return receipt;
    }

    std::string Url() const { return "http://127.0.0.1:" + std::to_string(m_port); }
    int Port() const { return m_port; }
    void SetScript(Script script) { m_script = std::move(script); }
    std::set<std::string> m_stored;
    std::vector<Batch> m_batches;
    int m_calls = 0;
    std::string m_lastAuth;
    std::vector<std::string> m_encodings;

private:
    httplib::Server m_server;
    std::mutex m_mutex;
    Script m_script;
    int m_port = 0;
    std::thread m_thread;
};

class SenderTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = std::filesystem::temp_directory_path() /
                ("ik_sender_" + std::to_string(::getpid()) + "_" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(m_dir);
        m_db = std::move(*Database::Open(m_dir / "kiosk.db"));
        ParsedQuestionnaire q = LoadQuestionnaireFile(std::filesystem::path(IK_ASSET_DIR) /
                                                      "questionnaires/digital_skills_confidence.json");
        ASSERT_TRUE(q.questionnaire);
        ASSERT_TRUE(QuestionnaireStore(*m_db).Import(*q.questionnaire));
        m_config.endpoint = m_monitor.Url();
        m_config.token = "secret-token";
        m_config.kioskId = "centrale-1";
        m_config.batchSize = 4;
        m_config.totalTimeoutSeconds = 5;
    }
    void TearDown() override {
        m_db.reset();
        std::filesystem::remove_all(m_dir);
    }
    void AddResponses(int count) {
        ResponseStore store(*m_db);
        for (int i = 0; i < count; ++i) {
            Result<std::string> id = store.BeginResponse({"digital_skills_confidence", 1, "nl"});
            ASSERT_TRUE(id);
            ASSERT_TRUE(store.SaveAnswer(*id, "learned", "4"));
            ASSERT_TRUE(store.FinishResponse(*id, ResponseStatus::Completed, {}, {}));
            m_ids.push_back(*id);
        }
    }
    ResponseCounts Counts() { return *ResponseStore(*m_db).Counts(); }
    std::optional<std::string> Setting(const char* key) { return *SettingsStore(*m_db).Get(key); }

    ScriptedMonitor m_monitor;
    std::filesystem::path m_dir;
    std::unique_ptr<Database> m_db;
    SenderConfig m_config;
    std::vector<std::string> m_ids;
};

TEST_F(SenderTest, EverythingPendingIsDeliveredInBatchesWithTheToken) {
    AddResponses(10);
    SyncOutcome outcome = SyncOnce(*m_db, m_config);
    EXPECT_EQ(outcome.error, "");
    EXPECT_EQ(outcome.sent, 10);
    EXPECT_EQ(outcome.pending, 0);
    EXPECT_EQ(m_monitor.m_calls, 3); // 4 + 4 + 2
    EXPECT_EQ(m_monitor.m_lastAuth, "Bearer secret-token");
    EXPECT_EQ(m_monitor.m_encodings.at(0), "gzip"); // the first batch carries the definition: large
    EXPECT_EQ(m_monitor.m_stored, std::set<std::string>(m_ids.begin(), m_ids.end()));
    EXPECT_TRUE(Setting("sync.last_ok_at"));
    // The definition went with the first batch only: the monitor acknowledged it.
    EXPECT_TRUE(m_monitor.m_batches[0].questionnaires.at(0).definition);
    EXPECT_FALSE(m_monitor.m_batches[1].questionnaires.at(0).definition);
}

// Free text stays in the branch unless the configuration says to send it (CONTEXT.md, privacy).
TEST_F(SenderTest, FreeTextStaysOnTheKioskUnlessConfigured) {
    ParsedQuestionnaire parsed = ParseQuestionnaire(R"({"id": "remarks", "version": 1, "languages": ["nl"],
        "title": {"nl": "Opmerkingen"},
        "questions": [{"id": "grade", "type": "scale", "min": 1, "max": 10, "label": {"nl": "Cijfer"}},
                      {"id": "remark", "type": "text", "label": {"nl": "Nog iets?"}}]})");
    ASSERT_TRUE(parsed.questionnaire);
    ASSERT_TRUE(QuestionnaireStore(*m_db).Import(*parsed.questionnaire));
    ResponseStore store(*m_db);
    for (int i = 0; i < 2; ++i) {
        Result<std::string> id = store.BeginResponse({"remarks", 1, "nl"});
        ASSERT_TRUE(id);
        ASSERT_TRUE(store.SaveAnswer(*id, "grade", 8));
        ASSERT_TRUE(store.SaveAnswer(*id, "remark", "Mijn naam is Jan, bel 06-12345678"));
        ASSERT_TRUE(store.FinishResponse(*id, ResponseStatus::Completed, {}, {}));
        if (i == 0) {
            SyncOutcome outcome = SyncOnce(*m_db, m_config);
            ASSERT_EQ(outcome.error, "");
            ASSERT_EQ(m_monitor.m_batches.size(), 1u);
            const ResponseRecord& sent = m_monitor.m_batches[0].responses.at(0);
            EXPECT_EQ(sent.answers.count("remark"), 0u);
            EXPECT_EQ(sent.answers.at("grade"), 8);
        }
    }
    // The kiosk keeps the text for the branch's own export either way.
    EXPECT_EQ(store.Load({})->at(0).answers.at("remark"), "Mijn naam is Jan, bel 06-12345678");
    m_config.sendFreeText = true;
    SyncOutcome outcome = SyncOnce(*m_db, m_config);
    ASSERT_EQ(outcome.error, "");
    ASSERT_EQ(m_monitor.m_batches.size(), 2u);
    EXPECT_EQ(m_monitor.m_batches[1].responses.at(0).answers.at("remark"),
              "Mijn naam is Jan, bel 06-12345678");
}

TEST_F(SenderTest, InProgressResponsesAreNotSent) {
    ResponseStore store(*m_db);
    Result<std::string> id = store.BeginResponse({"digital_skills_confidence", 1, "nl"});
    ASSERT_TRUE(id);
    SyncOutcome outcome = SyncOnce(*m_db, m_config);
    EXPECT_EQ(outcome.error, "");
    EXPECT_EQ(m_monitor.m_calls, 0);
}

TEST_F(SenderTest, ACaptivePortalLeavesEverythingPending) {
    AddResponses(3);
    m_monitor.SetScript([](const Batch&, int, httplib::Response& res) {
        res.set_content("<html><body>Welcome! Accept the terms to use Library WiFi.</body></html>",
                        "text/html");
        return true;
    });
    SyncOutcome outcome = SyncOnce(*m_db, m_config);
    EXPECT_NE(outcome.error.find("not the monitor"), std::string::npos) << outcome.error;
    EXPECT_EQ(outcome.pending, 3);
    EXPECT_EQ(Counts().pending, 3);
    EXPECT_EQ(Setting("sync.last_error"), outcome.error);
}

TEST_F(SenderTest, AWrongTokenStopsAndSaysWhy) {
    AddResponses(2);
    m_monitor.SetScript([](const Batch&, int, httplib::Response& res) {
        res.status = 401;
        res.set_content(R"({"error": "unknown token"})", "application/json");
        return true;
    });
    SyncOutcome outcome = SyncOnce(*m_db, m_config);
    EXPECT_TRUE(outcome.authProblem);
    EXPECT_NE(outcome.error.find("token"), std::string::npos);
    EXPECT_EQ(m_monitor.m_calls, 1);
    EXPECT_EQ(Counts().pending, 2);
}

TEST_F(SenderTest, AReplyLostAfterTheMonitorStoredItEndsExactlyOnce) {
    AddResponses(3);
    // The monitor stores the batch, but the kiosk gets a 503 (as if the reply were lost).
    m_monitor.SetScript([this](const Batch& batch, int call, httplib::Response& res) {
        if (call != 1) return false;
        m_monitor.Store(batch);
        res.status = 503;
        res.set_header("Retry-After", "7");
        return true;
    });
    SyncOutcome first = SyncOnce(*m_db, m_config);
    EXPECT_EQ(first.retryAfterSeconds, 7);
    EXPECT_EQ(Counts().pending, 3);
    SyncOutcome second = SyncOnce(*m_db, m_config);
    EXPECT_EQ(second.error, "");
    EXPECT_EQ(second.duplicates, 3);
    EXPECT_EQ(Counts().pending, 0);
    EXPECT_EQ(m_monitor.m_stored.size(), 3u);
    // A fresh batch id each attempt: an old receipt can never be replayed for a new batch.
    EXPECT_NE(m_monitor.m_batches[0].batchId, m_monitor.m_batches[1].batchId);
}

TEST_F(SenderTest, ServerErrorsLeaveEverythingPending) {
    AddResponses(2);
    for (int status : {500, 502, 503}) {
        m_monitor.SetScript([status](const Batch&, int, httplib::Response& res) {
            res.status = status;
            res.set_content("<html>Bad Gateway</html>", "text/html");
            return true;
        });
        SyncOutcome outcome = SyncOnce(*m_db, m_config);
        EXPECT_NE(outcome.error.find(std::to_string(status)), std::string::npos) << outcome.error;
        EXPECT_EQ(outcome.retryAfterSeconds, -1);
        EXPECT_EQ(Counts().pending, 2);
    }
}

TEST_F(SenderTest, RetryAfterAsAnHttpDateIsHonouredToo) {
    AddResponses(1);
    m_monitor.SetScript([](const Batch&, int, httplib::Response& res) {
        res.status = 429;
        char date[64];
        const std::time_t later = std::time(nullptr) + 120;
        std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", std::gmtime(&later));
        res.set_header("Retry-After", date);
        return true;
    });
    SyncOutcome outcome = SyncOnce(*m_db, m_config);
    EXPECT_GE(outcome.retryAfterSeconds, 115);
    EXPECT_LE(outcome.retryAfterSeconds, 121);
}

TEST_F(SenderTest, TooLargeHalvesTheBatch) {
    AddResponses(8);
    m_monitor.SetScript([](const Batch& batch, int, httplib::Response& res) {
        if (batch.responses.size() <= 2) return false;
        res.status = 413;
        return true;
    });
    SyncOutcome outcome = SyncOnce(*m_db, m_config);
    EXPECT_EQ(outcome.error, "");
    EXPECT_EQ(outcome.sent, 8);
    EXPECT_EQ(Counts().pending, 0);
}

TEST_F(SenderTest, ARejectedResponseIsQuarantinedWithItsReasonNotDropped) {
    AddResponses(3);
    m_monitor.SetScript([this](const Batch& batch, int, httplib::Response& res) {
        Receipt receipt = m_monitor.Store(batch);
        const std::string victim = receipt.accepted.back();
        receipt.accepted.pop_back();
        receipt.rejected.push_back({victim, "conflict", "a different response with this id is stored"});
        res.set_content(ToJson(receipt).dump(), "application/json");
        return true;
    });
    SyncOutcome outcome = SyncOnce(*m_db, m_config);
    EXPECT_EQ(outcome.quarantined, 1);
    EXPECT_EQ(Counts().quarantined, 1);
    EXPECT_EQ(Counts().pending, 0);
    EXPECT_EQ(Counts().total, 3); // kept
}

TEST_F(SenderTest, NoMonitorListeningIsReportedAndNothingChanges) {
    AddResponses(2);
    m_config.endpoint = "http://127.0.0.1:1"; // nothing listens on port 1
    SyncOutcome outcome = SyncOnce(*m_db, m_config);
    EXPECT_NE(outcome.error.find("cannot reach"), std::string::npos) << outcome.error;
    EXPECT_EQ(Counts().pending, 2);
}

TEST_F(SenderTest, TokenFilesMustBePrivate) {
    const auto file = m_dir / "token";
    std::ofstream(file) << "abc\n";
    ::chmod(file.c_str(), 0644);
    EXPECT_NE(ReadTokenFile(file).error().find("chmod 600"), std::string::npos);
    ::chmod(file.c_str(), 0600);
    EXPECT_EQ(*ReadTokenFile(file), "abc");
}

TEST(Backoff, GrowsWithFailuresStaysCappedAndHonoursRetryAfter) {
    std::mt19937_64 rng(1);
    for (int i = 0; i < 100; ++i) {
        const double first = BackoffSeconds(1, -1, rng);
        EXPECT_GE(first, 2.5);
        EXPECT_LE(first, 5.0);
        const double fifth = BackoffSeconds(5, -1, rng);
        EXPECT_GE(fifth, 40.0);
        EXPECT_LE(fifth, 80.0);
        const double many = BackoffSeconds(50, -1, rng);
        EXPECT_GE(many, 450.0);
        EXPECT_LE(many, 900.0);
        EXPECT_GE(BackoffSeconds(1, 120, rng), 120.0);
    }
}

TEST_F(SenderTest, TheWorkerSendsWhenAResponseFinishes) {
    m_db.reset(); // the worker opens its own connection; the test writes through another
    SyncWorker worker(m_dir / "kiosk.db", m_config, std::chrono::seconds(3600));
    auto db = std::move(*Database::Open(m_dir / "kiosk.db"));
    ResponseStore store(*db);
    NotifyingSink sink(store, [&worker] { worker.Notify(); });
    Result<std::string> id = sink.BeginResponse({"digital_skills_confidence", 1, "en"});
    ASSERT_TRUE(id);
    ASSERT_TRUE(sink.SaveAnswer(*id, "learned", "5"));
    ASSERT_TRUE(sink.FinishResponse(*id, ResponseStatus::Completed, {}, {}));
    EXPECT_TRUE(test::WaitUntil([&] { return !worker.Status().lastOkAt.empty(); }))
        << "the worker never synced";
    EXPECT_TRUE(test::WaitUntil([&] { return ResponseStore(*db).Counts()->pending == 0; }));
    EXPECT_EQ(ResponseStore(*db).Counts()->pending, 0);
    EXPECT_TRUE(m_monitor.m_stored.count(*id));
}

// [SECTION] HTTPS

// A CA and a server certificate for 127.0.0.1, made with the openssl command for this test only.
bool MakeCertificates(const std::filesystem::path& dir) {
    const std::string d = dir.string();
    const std::string script =
        "cd '" + d +
        "' && "
        "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=ik-test-ca -keyout ca.key -out ca.pem "
        "&& "
        "openssl req -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 -keyout server.key -out server.csr && "
        "printf 'subjectAltName=IP:127.0.0.1\\n' > ext.cnf && "
        "openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -extfile ext.cnf "
        "-out server.pem";
    return std::system((script + " >/dev/null 2>&1").c_str()) == 0;
}

TEST_F(SenderTest, HttpsWithAPrivateCaIsAcceptedWithTheCaFileAndRefusedWithout) {
    ASSERT_TRUE(MakeCertificates(m_dir)) << "openssl failed";
    httplib::SSLServer server((m_dir / "server.pem").c_str(), (m_dir / "server.key").c_str());
    std::set<std::string> stored;
    server.Post(kBatchesPath, [&stored](const httplib::Request& req, httplib::Response& res) {
        Batch batch = *ParseBatch(nlohmann::json::parse(req.body));
        Receipt receipt;
        receipt.batchId = batch.batchId;
        for (const ResponseRecord& r : batch.responses) {
            stored.insert(r.id);
            receipt.accepted.push_back(r.id);
        }
        res.set_content(ToJson(receipt).dump(), "application/json");
    });
    const int port = server.bind_to_any_port("127.0.0.1");
    std::thread thread([&server] { server.listen_after_bind(); });
    ASSERT_TRUE(test::WaitUntil([&server] { return server.is_running(); }))
        << "the HTTPS server never listened";
    AddResponses(2);
    m_config.endpoint = "https://127.0.0.1:" + std::to_string(port);
    SyncOutcome refused = SyncOnce(*m_db, m_config); // the system's CAs do not know ours
    EXPECT_NE(refused.error.find("cannot reach"), std::string::npos) << refused.error;
    EXPECT_EQ(Counts().pending, 2);
    m_config.caFile = m_dir / "ca.pem";
    SyncOutcome accepted = SyncOnce(*m_db, m_config);
    EXPECT_EQ(accepted.error, "");
    EXPECT_EQ(Counts().pending, 0);
    server.stop();
    thread.join();
    EXPECT_EQ(stored.size(), 2u);
}

// [SECTION] The kiosk killed during a sync

TEST(SyncKill, AKioskKilledMidSyncEndsExactlyOnceAfterRestart) {
    ScriptedMonitor monitor;
    const std::filesystem::path dir =
        std::filesystem::temp_directory_path() / ("ik_sync_kill_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    std::vector<std::string> ids;
    {
        auto db = std::move(*Database::Open(dir / "impactkiosk.db"));
        ParsedQuestionnaire q = LoadQuestionnaireFile(std::filesystem::path(IK_ASSET_DIR) /
                                                      "questionnaires/digital_skills_confidence.json");
        ASSERT_TRUE(QuestionnaireStore(*db).Import(*q.questionnaire));
        ResponseStore store(*db);
        for (int i = 0; i < 5; ++i) {
            ids.push_back(*store.BeginResponse({"digital_skills_confidence", 1, "nl"}));
            ASSERT_TRUE(store.FinishResponse(ids.back(), ResponseStatus::Abandoned, {"stopped"}, {}));
        }
    }
    std::ofstream(dir / "token") << "secret\n";
    ::chmod((dir / "token").c_str(), 0600);
    // The monitor commits the first batch, then holds its answer until the kiosk is dead: the kill
    // lands between the commit and the receipt, however slow the machine.
    std::atomic<bool> committed{false};
    std::promise<void> killed;
    std::shared_future<void> killedFuture = killed.get_future().share();
    monitor.SetScript(
        [&monitor, &committed, killedFuture](const Batch& batch, int call, httplib::Response& res) {
            if (call != 1) return false;
            Receipt receipt = monitor.Store(batch);
            committed = true;
            killedFuture.wait_for(test::kDeadline);
            res.set_content(ToJson(receipt).dump(), "application/json");
            return true;
        });
    auto runKiosk = [&](pid_t* pid) {
        const std::string dataDir = dir.string(), url = monitor.Url(), token = (dir / "token").string();
        const char* argv[] = {IK_KIOSK,     "--data-dir", dataDir.c_str(), "sync",        "--once",
                              "--endpoint", url.c_str(),  "--token-file",  token.c_str(), nullptr};
        return posix_spawn(pid, IK_KIOSK, nullptr, nullptr, const_cast<char* const*>(argv), environ) == 0;
    };
    pid_t child = 0;
    ASSERT_TRUE(runKiosk(&child));
    ASSERT_TRUE(test::WaitUntil([&] { return committed.load(); })) << "the kiosk never sent its batch";
    ASSERT_EQ(monitor.m_stored.size(), 5u);
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    killed.set_value();
    ASSERT_TRUE(WIFSIGNALED(status));
    {
        auto db = std::move(*Database::Open(dir / "impactkiosk.db"));
        EXPECT_EQ(ResponseStore(*db).Counts()->pending, 5); // never marked: no receipt arrived
    }
    ASSERT_TRUE(runKiosk(&child));
    ::waitpid(child, &status, 0);
    EXPECT_EQ(WEXITSTATUS(status), 0);
    auto db = std::move(*Database::Open(dir / "impactkiosk.db"));
    EXPECT_EQ(ResponseStore(*db).Counts()->pending, 0);
    EXPECT_EQ(monitor.m_stored, std::set<std::string>(ids.begin(), ids.end()));
    EXPECT_EQ(monitor.m_calls, 2);
    db.reset();
    std::filesystem::remove_all(dir);
}

// [SECTION] Through the fault proxy

using test::Fault;
using test::FaultProxy;

TEST_F(SenderTest, AResetBeforeTheMonitorLeavesThemPendingForTheNextTry) {
    AddResponses(3);
    FaultProxy proxy(m_monitor.Port());
    proxy.Script({Fault::ResetBeforeServer});
    m_config.endpoint = "http://127.0.0.1:" + std::to_string(proxy.Port());
    SyncOutcome first = SyncOnce(*m_db, m_config);
    EXPECT_NE(first.error.find("cannot reach"), std::string::npos) << first.error;
    EXPECT_TRUE(m_monitor.m_stored.empty());
    EXPECT_EQ(Counts().pending, 3);
    SyncOutcome second = SyncOnce(*m_db, m_config);
    EXPECT_EQ(second.error, "");
    EXPECT_EQ(second.sent, 3);
}

TEST_F(SenderTest, AResetAfterTheMonitorCommittedEndsExactlyOnce) {
    AddResponses(3);
    FaultProxy proxy(m_monitor.Port());
    proxy.Script({Fault::ResetAfterServer});
    m_config.endpoint = "http://127.0.0.1:" + std::to_string(proxy.Port());
    SyncOutcome first = SyncOnce(*m_db, m_config);
    EXPECT_FALSE(first.error.empty());
    EXPECT_EQ(m_monitor.m_stored.size(), 3u); // stored, but the kiosk never heard
    EXPECT_EQ(Counts().pending, 3);
    SyncOutcome second = SyncOnce(*m_db, m_config);
    EXPECT_EQ(second.duplicates, 3);
    EXPECT_EQ(Counts().pending, 0);
    EXPECT_EQ(m_monitor.m_stored.size(), 3u);
}

TEST_F(SenderTest, AStalledConnectionTimesOut) {
    AddResponses(2);
    FaultProxy proxy(m_monitor.Port());
    proxy.Script({Fault::Stall});
    m_config.endpoint = "http://127.0.0.1:" + std::to_string(proxy.Port());
    m_config.stallSeconds = 1;
    m_config.totalTimeoutSeconds = 3;
    const auto start = std::chrono::steady_clock::now();
    SyncOutcome outcome = SyncOnce(*m_db, m_config);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
    EXPECT_NE(outcome.error.find("cannot reach"), std::string::npos) << outcome.error;
    EXPECT_EQ(Counts().pending, 2);
}

// Many responses through many random faults: at the end the monitor holds exactly the kiosk's ids,
// and every one is marked synced on the kiosk.
TEST_F(SenderTest, RandomFaultsStillEndExactlyOnce) {
    AddResponses(300);
    FaultProxy proxy(m_monitor.Port());
    m_config.endpoint = "http://127.0.0.1:" + std::to_string(proxy.Port());
    m_config.batchSize = 7;
    m_config.stallSeconds = 1;
    m_config.totalTimeoutSeconds = 2;
    const int seed = ::testing::UnitTest::GetInstance()->random_seed();
    std::printf("seed %d (rerun with --gtest_random_seed=%d)\n", seed, seed);
    std::mt19937 rng(static_cast<unsigned>(seed));
    int stalls = 0;
    m_monitor.SetScript([&rng](const Batch&, int, httplib::Response& res) {
        const int roll = std::uniform_int_distribution<int>(0, 9)(rng);
        if (roll == 0) {
            res.status = 503;
            res.set_header("Retry-After", "1");
            return true;
        }
        if (roll == 1) {
            res.status = 500;
            return true;
        }
        if (roll == 2) {
            res.set_content("<html>portal</html>", "text/html");
            return true;
        }
        return false;
    });
    for (int round = 0; round < 400 && Counts().pending > 0; ++round) {
        std::vector<Fault> faults;
        for (int i = 0; i < 5; ++i) {
            const int roll = std::uniform_int_distribution<int>(0, 9)(rng);
            Fault fault = roll == 0   ? Fault::ResetBeforeServer
                          : roll == 1 ? Fault::ResetAfterServer
                                      : Fault::Pass;
            if (roll == 2 && stalls < 3) {
                fault = Fault::Stall;
                ++stalls;
            }
            faults.push_back(fault);
        }
        proxy.Script(faults);
        SyncOnce(*m_db, m_config);
    }
    EXPECT_EQ(Counts().pending, 0);
    EXPECT_EQ(m_monitor.m_stored, std::set<std::string>(m_ids.begin(), m_ids.end()));
    EXPECT_GT(proxy.Connections(), 43); // at least the 43 batches, plus retries
}

} // namespace
} // namespace ik::sync
