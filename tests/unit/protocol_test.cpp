// Sync protocol v1: batches and receipts survive a JSON round trip, malformed input is refused with
// the path of the problem, and only a receipt that accounts for exactly the batch sent counts
// (a captive portal's 200 page, a receipt for another batch, or one missing an id does not).
#include <gtest/gtest.h>

#include "sync/protocol/protocol.h"

namespace ik::sync {
namespace {

ResponseRecord Record(const std::string& id, std::int64_t seq) {
    ResponseRecord r;
    r.id = id;
    r.seq = seq;
    r.questionnaire = {"digital_skills_confidence", 1};
    r.language = "nl";
    r.status = "completed";
    r.startedAt = "2026-11-21T10:00:00.000Z";
    r.finishedAt = "2026-11-21T10:01:00.000Z";
    r.utcOffsetMinutes = 60;
    r.flags = {"fast"};
    r.answers = {{"learned", "4"}, {"grade", 8}, {"used", {"pc", "wifi"}}};
    return r;
}

Batch MakeBatch() {
    Batch b;
    b.batchId = "b-1";
    b.kioskId = "centrale-1";
    b.branchId = "centrale";
    b.appVersion = "0.1.0";
    b.sentAt = "2026-11-21T10:05:00.000Z";
    QuestionnaireEntry entry; // field by field: GCC 12 -O3 misreads the brace form as uninitialised
    entry.ref = {"digital_skills_confidence", 1};
    entry.hash = "fnv1a64:0123456789abcdef";
    entry.definition = nlohmann::json{{"id", "digital_skills_confidence"}};
    b.questionnaires.push_back(entry);
    b.responses = {Record("r1", 1), Record("r2", 2), Record("r3", 3)};
    return b;
}

TEST(Protocol, BatchRoundTrips) {
    const Batch b = MakeBatch();
    Result<Batch> parsed = ParseBatch(ToJson(b));
    ASSERT_TRUE(parsed) << parsed.error();
    EXPECT_EQ(parsed->batchId, "b-1");
    EXPECT_EQ(parsed->responses, b.responses);
    ASSERT_EQ(parsed->questionnaires.size(), 1u);
    EXPECT_TRUE(parsed->questionnaires[0].definition);
}

TEST(Protocol, MalformedBatchesNameThePath) {
    nlohmann::json j = ToJson(MakeBatch());
    j["responses"][1]["status"] = "in_progress";
    EXPECT_EQ(ParseBatch(j).error(),
              "$.responses[1].status: must be \"completed\" or \"abandoned\", got \"in_progress\"");
    j = ToJson(MakeBatch());
    j["protocol"] = 2;
    EXPECT_EQ(ParseBatch(j).error(), "$.protocol: this monitor speaks protocol 1, not 2");
    j = ToJson(MakeBatch());
    j["responses"][0].erase("answers");
    EXPECT_EQ(ParseBatch(j).error(), "$.responses[0]: missing \"answers\"");
    j = ToJson(MakeBatch());
    j["responses"][2]["id"] = "r1";
    EXPECT_EQ(ParseBatch(j).error(), "$.responses[2].id: \"r1\" appears twice");
    EXPECT_FALSE(ParseBatch(nlohmann::json::array()));
    EXPECT_FALSE(ParseBatch(nlohmann::json("text")));
}

TEST(Protocol, AReceiptAccountingForEveryResponseIsAccepted) {
    const Batch b = MakeBatch();
    Receipt r;
    r.batchId = "b-1";
    r.accepted = {"r1"};
    r.duplicates = {"r2"};
    r.rejected = {{"r3", "conflict", "a different response with this id is stored"}};
    Result<Receipt> checked = CheckReceipt(b, ToJson(r).dump());
    ASSERT_TRUE(checked) << checked.error();
    EXPECT_EQ(checked->rejected[0].code, "conflict");
}

TEST(Protocol, ACaptivePortalPageIsNotAReceipt) {
    Result<Receipt> checked = CheckReceipt(
        MakeBatch(), "<html><body>Welcome to Library WiFi. Please accept the terms.</body></html>");
    ASSERT_FALSE(checked);
    EXPECT_NE(checked.error().find("not JSON"), std::string::npos);
    EXPECT_FALSE(CheckReceipt(MakeBatch(), "{}"));
    EXPECT_FALSE(CheckReceipt(MakeBatch(), "{\"status\": \"ok\"}"));
    EXPECT_FALSE(CheckReceipt(MakeBatch(), ""));
}

TEST(Protocol, AReceiptThatDoesNotMatchTheBatchIsRefused) {
    const Batch b = MakeBatch();
    Receipt r;
    r.batchId = "b-1";
    r.accepted = {"r1", "r2"}; // r3 missing
    EXPECT_NE(CheckReceipt(b, ToJson(r).dump()).error().find("unaccounted"), std::string::npos);
    r.accepted = {"r1", "r2", "r3", "r4"}; // r4 never sent
    EXPECT_NE(CheckReceipt(b, ToJson(r).dump()).error().find("not sent"), std::string::npos);
    r.accepted = {"r1", "r2"};
    r.duplicates = {"r2", "r3"}; // r2 twice
    EXPECT_NE(CheckReceipt(b, ToJson(r).dump()).error().find("twice"), std::string::npos);
    r.duplicates = {"r3"};
    r.batchId = "b-0"; // an old receipt replayed by a proxy cache
    EXPECT_NE(CheckReceipt(b, ToJson(r).dump()).error().find("b-0"), std::string::npos);
}

TEST(Protocol, FingerprintsTellDuplicatesFromConflicts) {
    ResponseRecord a = Record("r1", 1);
    ResponseRecord same = Record("r1", 1);
    ResponseRecord changed = Record("r1", 1);
    changed.answers["grade"] = 9;
    EXPECT_EQ(ContentFingerprint(a), ContentFingerprint(same));
    EXPECT_NE(ContentFingerprint(a), ContentFingerprint(changed));
}

} // namespace
} // namespace ik::sync
