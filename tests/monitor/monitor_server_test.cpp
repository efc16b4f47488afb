// impactkiosk-monitor over real HTTP on 127.0.0.1: what a kiosk (or an attacker) sees. Receipts for
// new, repeated and conflicting responses; 401/403 for bad tokens; clear 4xx for bad bodies; gzip
// accepted and a gzip bomb refused without the server's memory growing; the server keeps serving.
#include "tests/monitor/monitor_test_support.h"

namespace ik::monitor::test {
namespace {

using nlohmann::json;

void ExpectHealthy(httplib::Client client) {
    httplib::Result res = client.Get(sync::kHealthPath);
    ASSERT_TRUE(res) << httplib::to_string(res.error());
    EXPECT_EQ(res->status, 200);
}

using MonitorServerTest = MonitorFixture;

TEST_F(MonitorServerTest, HealthSaysOkAndTheProtocol) {
    httplib::Result res = Client().Get(sync::kHealthPath);
    ASSERT_TRUE(res) << httplib::to_string(res.error());
    EXPECT_EQ(res->status, 200);
    EXPECT_EQ(Json(res), (json{{"status", "ok"}, {"protocol", 1}}));
}

TEST_F(MonitorServerTest, AValidBatchIsAcceptedWithAReceiptTheKioskTrusts) {
    const sync::Batch batch = MakeBatch();
    httplib::Result res = Post(batch);
    ASSERT_TRUE(res) << httplib::to_string(res.error());
    ASSERT_EQ(res->status, 200) << res->body;
    Result<sync::Receipt> receipt = sync::CheckReceipt(batch, res->body);
    ASSERT_TRUE(receipt) << receipt.error();
    EXPECT_EQ(receipt->accepted, (std::vector<std::string>{"r1", "r2", "r3"}));
    EXPECT_TRUE(receipt->duplicates.empty());
    EXPECT_TRUE(receipt->rejected.empty());
    ASSERT_EQ(receipt->questionnairesStored.size(), 1u);
    EXPECT_EQ(receipt->questionnairesStored[0], (sync::QuestionnaireRef{"digital_skills_confidence", 1}));
}

TEST_F(MonitorServerTest, TheSameBatchAgainIsAllDuplicates) {
    const sync::Batch batch = MakeBatch();
    ASSERT_EQ(Post(batch)->status, 200);
    httplib::Result res = Post(batch); // the kiosk lost the first receipt and retries
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    Result<sync::Receipt> receipt = sync::CheckReceipt(batch, res->body);
    ASSERT_TRUE(receipt) << receipt.error();
    EXPECT_TRUE(receipt->accepted.empty());
    EXPECT_EQ(receipt->duplicates, (std::vector<std::string>{"r1", "r2", "r3"}));
    long stored = 0;
    ASSERT_TRUE(m_store->ForEachResponse([&](const ReceivedResponse&) -> Status {
        ++stored;
        return {};
    }));
    EXPECT_EQ(stored, 3);
}

TEST_F(MonitorServerTest, SameIdDifferentContentIsAConflictAndTheStoredRecordStays) {
    const sync::Batch first = MakeBatch();
    ASSERT_EQ(Post(first)->status, 200);
    sync::Batch second = MakeBatch("b-2");
    second.responses[1].answers["grade"] = 3;
    httplib::Result res = Post(second);
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    Result<sync::Receipt> receipt = sync::CheckReceipt(second, res->body);
    ASSERT_TRUE(receipt) << receipt.error();
    EXPECT_EQ(receipt->duplicates, (std::vector<std::string>{"r1", "r3"}));
    ASSERT_EQ(receipt->rejected.size(), 1u);
    EXPECT_EQ(receipt->rejected[0].id, "r2");
    EXPECT_EQ(receipt->rejected[0].code, "conflict");
    bool seen = false;
    ASSERT_TRUE(m_store->ForEachResponse([&](const ReceivedResponse& r) -> Status {
        if (r.record["id"] == "r2") {
            seen = true;
            EXPECT_EQ(r.record["answers"]["grade"], 8);
            EXPECT_EQ(r.batchId, "b-1");
        }
        return {};
    }));
    EXPECT_TRUE(seen);
}

TEST_F(MonitorServerTest, AMissingOrUnknownTokenGets401) {
    const std::string body = sync::ToJson(MakeBatch()).dump();
    httplib::Result missing = PostBody(body, "");
    ASSERT_TRUE(missing);
    EXPECT_EQ(missing->status, 401);
    EXPECT_TRUE(Json(missing).contains("error")) << missing->body;
    httplib::Result unknown = PostBody(body, GenerateToken());
    ASSERT_TRUE(unknown);
    EXPECT_EQ(unknown->status, 401);
    EXPECT_EQ(Json(unknown)["error"], "unknown token");
    ExpectHealthy(Client());
}

TEST_F(MonitorServerTest, AnotherKiosksTokenGets403AndNothingIsStored) {
    httplib::Result res = PostBody(sync::ToJson(MakeBatch()).dump(), m_otherToken);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 403);
    EXPECT_NE(Json(res)["error"].get<std::string>().find("west-2"), std::string::npos) << res->body;
    long stored = 0;
    ASSERT_TRUE(m_store->ForEachResponse([&](const ReceivedResponse&) -> Status {
        ++stored;
        return {};
    }));
    EXPECT_EQ(stored, 0);
}

TEST_F(MonitorServerTest, MalformedJsonGets400AndTheServerServesTheNextRequest) {
    httplib::Result res = PostBody("{\"protocol\": 1, \"batch_id\": ", m_token);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400);
    EXPECT_NE(Json(res)["error"].get<std::string>().find("not valid JSON"), std::string::npos) << res->body;

    json bad = sync::ToJson(MakeBatch());
    bad["responses"][1]["status"] = "in_progress";
    res = PostBody(bad.dump(), m_token);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400);
    EXPECT_EQ(Json(res)["error"],
              "$.responses[1].status: must be \"completed\" or \"abandoned\", got \"in_progress\"");

    httplib::Result next = Post(MakeBatch());
    ASSERT_TRUE(next);
    EXPECT_EQ(next->status, 200) << next->body;
}

TEST_F(MonitorServerTest, AnotherProtocolVersionIsRefusedSayingSo) {
    json batch = sync::ToJson(MakeBatch());
    batch["protocol"] = 2;
    httplib::Result res = PostBody(batch.dump(), m_token);
    ASSERT_TRUE(res);
    EXPECT_GE(res->status, 400);
    EXPECT_LT(res->status, 500);
    EXPECT_NE(Json(res)["error"].get<std::string>().find("protocol"), std::string::npos) << res->body;
}

TEST_F(MonitorServerTest, TooManyResponsesInOneBatchGets413) {
    sync::Batch batch = MakeBatch();
    batch.responses.clear();
    for (int i = 0; i <= sync::kMaxBatchResponses; ++i)
        batch.responses.push_back(Record("r" + std::to_string(i), i));
    httplib::Result res = Post(batch);
    ASSERT_TRUE(res) << httplib::to_string(res.error());
    EXPECT_EQ(res->status, 413) << res->body;
}

TEST_F(MonitorServerTest, AGzipBodyIsAccepted) {
    const sync::Batch batch = MakeBatch();
    httplib::Result res = PostBody(Gzip(sync::ToJson(batch).dump()), m_token, /*gzip=*/true);
    ASSERT_TRUE(res) << httplib::to_string(res.error());
    ASSERT_EQ(res->status, 200) << res->body;
    Result<sync::Receipt> receipt = sync::CheckReceipt(batch, res->body);
    ASSERT_TRUE(receipt) << receipt.error();
    EXPECT_EQ(receipt->accepted.size(), 3u);
}

TEST_F(MonitorServerTest, AGzipBombGets413WithoutTheServersMemoryGrowing) {
    // 200 MB of zeros compress to ~200 KB: small on the wire, far over the 16 MiB cap inflated.
    const std::string bomb = Gzip(std::string(1024 * 1024, '\0'), 200);
    ASSERT_LT(bomb.size(), 1024u * 1024u);
    const long before = VmRssKiB();
    httplib::Result res = PostBody(bomb, m_token, /*gzip=*/true);
    const long after = VmRssKiB();
    ASSERT_TRUE(res) << httplib::to_string(res.error());
    EXPECT_EQ(res->status, 413) << res->body;
    ASSERT_GT(before, 0);
    EXPECT_LT(after - before, 50 * 1024) << "VmRSS grew from " << before << " kB to " << after << " kB";
    ExpectHealthy(Client());
    httplib::Result next = Post(MakeBatch());
    ASSERT_TRUE(next);
    EXPECT_EQ(next->status, 200) << next->body;
}

TEST_F(MonitorServerTest, AResponseToAnUnknownQuestionnaireIsRejected) {
    sync::Batch batch = MakeBatch();
    batch.questionnaires.clear(); // the kiosk thinks the monitor has it already
    httplib::Result res = Post(batch);
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    Result<sync::Receipt> receipt = sync::CheckReceipt(batch, res->body);
    ASSERT_TRUE(receipt) << receipt.error();
    ASSERT_EQ(receipt->rejected.size(), 3u);
    for (const sync::Rejection& r : receipt->rejected)
        EXPECT_EQ(r.code, "unknown_questionnaire");

    // Once the definition has arrived, a later batch may name the version by hash alone.
    ASSERT_EQ(Post(MakeBatch("b-2"))->status, 200);
    sync::Batch byHash = MakeBatch("b-3");
    byHash.questionnaires[0].definition.reset();
    byHash.responses = {Record("r9", 9)};
    res = Post(byHash);
    ASSERT_TRUE(res);
    receipt = sync::CheckReceipt(byHash, res->body);
    ASSERT_TRUE(receipt) << receipt.error();
    EXPECT_EQ(receipt->accepted, (std::vector<std::string>{"r9"}));
}

TEST_F(MonitorServerTest, UnknownPathsGetAJson404) {
    httplib::Result res = Client().Get("/api/v1/nothing");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 404);
    EXPECT_TRUE(Json(res).contains("error"));
}

} // namespace
} // namespace ik::monitor::test
