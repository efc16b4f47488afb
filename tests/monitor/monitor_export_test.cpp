// impactkiosk-monitor export: what was received comes back out as JSON (the kiosk's export shape plus
// kiosk_id, branch_id, received_at) and as CSV that a spreadsheet opens without running formulas.
#include <fstream>
#include <sstream>

#include "core/spreadsheet_text.h"
#include "sync/monitor/response_export.h"
#include "tests/monitor/monitor_test_support.h"

namespace ik::monitor::test {
namespace {

using nlohmann::json;

std::string ReadFile(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

using MonitorExportTest = MonitorFixture;

TEST_F(MonitorExportTest, JsonExportRoundTripsWhatWasReceived) {
    const sync::Batch batch = MakeBatch();
    ASSERT_EQ(Post(batch)->status, 200);
    const std::filesystem::path file = m_dir / "export.json";
    Result<long> count = ExportResponses(*m_store, ExportFormat::Json, file);
    ASSERT_TRUE(count) << count.error();
    EXPECT_EQ(*count, 3);
    const json exported = json::parse(ReadFile(file), nullptr, false);
    ASSERT_TRUE(exported.is_array());
    ASSERT_EQ(exported.size(), 3u);
    for (std::size_t i = 0; i < 3; ++i) {
        const json& e = exported[i];
        const sync::ResponseRecord& sent = batch.responses[i];
        EXPECT_EQ(e["id"], sent.id);
        EXPECT_EQ(e["questionnaire"], (json{{"id", "digital_skills_confidence"}, {"version", 1}}));
        EXPECT_EQ(e["status"], "completed");
        EXPECT_EQ(e["language"], "nl");
        EXPECT_EQ(e["started_at"], sent.startedAt);
        EXPECT_EQ(e["finished_at"], sent.finishedAt);
        EXPECT_EQ(e["flags"], json::array({"fast"}));
        EXPECT_EQ(e["answers"], sent.answers);
        EXPECT_EQ(e["kiosk_id"], "centrale-1");
        EXPECT_EQ(e["branch_id"], "centrale");
        EXPECT_TRUE(e["received_at"].is_string());
        // And the record parses back into exactly what the kiosk sent.
        Result<sync::ResponseRecord> back = sync::ParseResponseRecord(e, "$[" + std::to_string(i) + "]");
        ASSERT_TRUE(back) << back.error();
        EXPECT_EQ(*back, sent);
    }
}

TEST_F(MonitorExportTest, AnEmptyStoreExportsAnEmptyArray) {
    const std::filesystem::path file = m_dir / "empty.json";
    ASSERT_TRUE(ExportResponses(*m_store, ExportFormat::Json, file));
    EXPECT_EQ(json::parse(ReadFile(file)), json::array());
}

TEST_F(MonitorExportTest, CsvHasOneRowPerResponseAndNeutralisesFormulas) {
    sync::Batch batch = MakeBatch();
    batch.responses[0].language = "=cmd|' /C calc'!A0";
    ASSERT_EQ(Post(batch)->status, 200);
    const std::filesystem::path file = m_dir / "export.csv";
    Result<long> count = ExportResponses(*m_store, ExportFormat::Csv, file);
    ASSERT_TRUE(count) << count.error();
    EXPECT_EQ(*count, 3);
    const std::string csv = ReadFile(file);
    EXPECT_EQ(csv.rfind("\xEF\xBB\xBFid,questionnaire_id,questionnaire_version,status,", 0), 0u);
    EXPECT_NE(csv.find(",'=cmd|' /C calc'!A0,"), std::string::npos) << csv;
    EXPECT_EQ(csv.find(",=cmd"), std::string::npos);
    // Header + 3 rows; the answers' newline is inside a quoted cell, so count CRLF row ends only.
    std::size_t rows = 0;
    for (std::size_t at = csv.find("\r\n"); at != std::string::npos; at = csv.find("\r\n", at + 2))
        ++rows;
    EXPECT_EQ(rows, 4u);
}

TEST(MonitorCsvField, PrefixesFormulaStartsAndQuotesSeparators) {
    EXPECT_EQ(CsvField("=1+1"), "'=1+1");
    EXPECT_EQ(CsvField("+31 6"), "'+31 6");
    EXPECT_EQ(CsvField("-5"), "'-5");
    EXPECT_EQ(CsvField("@SUM(A1)"), "'@SUM(A1)");
    EXPECT_EQ(CsvField("plain"), "plain");
    EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
    EXPECT_EQ(CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
    EXPECT_EQ(CsvField("line\nbreak"), "\"line\nbreak\"");
}

} // namespace
} // namespace ik::monitor::test
