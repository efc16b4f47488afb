// The kiosk's sender against the real monitor (in-process, SQLite store) through the fault proxy on
// 127.0.0.1: thousands of responses through hundreds of random faults end with the monitor holding
// exactly the kiosk's response ids, none twice, and every one marked synced on the kiosk.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <random>
#include <set>
#include <thread>
#include <unistd.h>

#include "core/questionnaire_json.h"
#include "fault_proxy.h"
#include "store/questionnaire_store.h"
#include "store/response_store.h"
#include "sync/client/batch_sender.h"
#include "sync/monitor/kiosk_token.h"
#include "sync/monitor/monitor_server.h"
#include "sync/monitor/sqlite_monitor_store.h"

namespace ik::sync {
namespace {

using test::Fault;

TEST(EndToEndSync, ThousandsOfResponsesThroughRandomFaultsEndExactlyOnce) {
    const auto dir = std::filesystem::temp_directory_path() / ("ik_e2e_sync_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);

    // The monitor.
    auto monitorStore = std::move(*monitor::SqliteMonitorStore::Open(dir / "monitor.db"));
    ASSERT_TRUE(monitor::InitSodium());
    const std::string token = monitor::GenerateToken();
    ASSERT_TRUE(monitorStore->AddToken("centrale-1", monitor::HashToken(token)));
    monitor::ServerOptions options;
    options.logBatches = false;
    options.threads = 4;
    monitor::MonitorServer server(*monitorStore, options);
    Result<int> port = server.Bind("127.0.0.1", 0);
    ASSERT_TRUE(port) << port.error();
    std::thread serving([&server] { server.Run(); });

    // The kiosk: 2,000 finished responses.
    auto db = std::move(*Database::Open(dir / "kiosk.db"));
    ParsedQuestionnaire q = LoadQuestionnaireFile(std::filesystem::path(IK_ASSET_DIR) /
                                                  "questionnaires/digital_skills_confidence.json");
    ASSERT_TRUE(QuestionnaireStore(*db).Import(*q.questionnaire));
    std::set<std::string> kioskIds;
    {
        ResponseStore store(*db);
        ASSERT_TRUE(db->Execute("PRAGMA synchronous=NORMAL")); // set-up speed only
        for (int i = 0; i < 2000; ++i) {
            const std::string id =
                *store.BeginResponse({"digital_skills_confidence", 1, i % 3 ? "nl" : "en"});
            ASSERT_TRUE(store.SaveAnswer(id, "learned", std::to_string(1 + i % 5)));
            ASSERT_TRUE(store.SaveAnswer(id, "grade", 1 + i % 10));
            ASSERT_TRUE(store.FinishResponse(
                id, i % 9 ? ResponseStatus::Completed : ResponseStatus::Abandoned, {}, {}));
            kioskIds.insert(id);
        }
    }

    test::FaultProxy proxy(*port);
    SenderConfig config;
    config.endpoint = "http://127.0.0.1:" + std::to_string(proxy.Port());
    config.token = token;
    config.kioskId = "centrale-1";
    config.batchSize = 10;
    config.stallSeconds = 1;
    config.totalTimeoutSeconds = 3;

    const int seed = ::testing::UnitTest::GetInstance()->random_seed();
    std::printf("seed %d (rerun with --gtest_random_seed=%d)\n", seed, seed);
    std::mt19937 rng(static_cast<unsigned>(seed));
    // Every connection rolls: half pass; the rest reset before or after the monitor, or stall.
    int faults = 0, stalls = 0, rounds = 0;
    proxy.SetChooser([&] {
        const int roll = std::uniform_int_distribution<int>(0, 5)(rng);
        Fault fault = Fault::Pass;
        if (roll == 0) fault = Fault::ResetBeforeServer;
        if (roll == 1 || roll == 2) fault = Fault::ResetAfterServer;
        if (roll == 3 && stalls < 3) {
            fault = Fault::Stall;
            ++stalls;
        }
        faults += fault != Fault::Pass;
        return fault;
    });
    while (ResponseStore(*db).Counts()->pending > 0 && rounds < 2000) {
        ++rounds;
        SyncOnce(*db, config);
    }
    std::printf("%d rounds, %d faults, %d connections\n", rounds, faults, proxy.Connections());
    EXPECT_GT(faults, 100);

    EXPECT_EQ(ResponseStore(*db).Counts()->pending, 0);
    EXPECT_EQ(ResponseStore(*db).Counts()->quarantined, 0);
    std::multiset<std::string> monitorIds;
    ASSERT_TRUE(monitorStore->ForEachResponse([&monitorIds](const monitor::ReceivedResponse& r) -> Status {
        monitorIds.insert(r.record.at("id").get<std::string>());
        return {};
    }));
    EXPECT_EQ(monitorIds.size(), kioskIds.size()); // none twice
    EXPECT_EQ(std::set<std::string>(monitorIds.begin(), monitorIds.end()), kioskIds);

    server.Stop();
    serving.join();
    db.reset();
    monitorStore.reset();
    std::filesystem::remove_all(dir);
}

} // namespace
} // namespace ik::sync
