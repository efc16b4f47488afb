// Store tests on real SQLite files, a fresh directory per test: schema and migrations, the response
// life cycle, recovery after a killed process (fork + SIGKILL), a full disk, date filters in local
// time, and questionnaire versioning.
#include <gtest/gtest.h>

#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/questionnaire_json.h"
#include "core/uuid.h"
#include "store/database.h"
#include "store/migrations.h"
#include "store/questionnaire_store.h"
#include "store/response_store.h"
#include "store/settings_store.h"

namespace ik {
namespace {

namespace fs = std::filesystem;

// [SECTION] Fixtures and helpers

constexpr const char* kSurveyId = "digital_skills";
constexpr int kSurveyVersion = 3; // as written in kSurvey

constexpr const char* kSurvey = R"({
  "id": "digital_skills", "version": 3, "languages": ["nl", "en"],
  "title": {"nl": "Digitale vaardigheden", "en": "Digital skills"},
  "questions": [
    {"id": "useful", "type": "likert", "required": true,
     "label": {"nl": "De cursus was nuttig", "en": "The course was useful"}},
    {"id": "recommend", "type": "yes_no", "required": true,
     "label": {"nl": "Zou u de cursus aanraden?", "en": "Would you recommend the course?"}},
    {"id": "why_not", "type": "single_choice", "show_if": {"question": "recommend", "equals": "no"},
     "label": {"nl": "Waarom niet?", "en": "Why not?"},
     "options": [{"code": "time", "label": {"nl": "Tijd", "en": "Time"}},
                 {"code": "level", "label": {"nl": "Niveau", "en": "Level"}}]},
    {"id": "grade", "type": "scale", "min": 1, "max": 10, "label": {"nl": "Rapportcijfer", "en": "Grade"}}
  ]})";

Questionnaire Survey() {
    ParsedQuestionnaire parsed = ParseQuestionnaire(kSurvey);
    EXPECT_TRUE(parsed.questionnaire) << (parsed.problems.empty() ? "" : parsed.problems[0].message);
    return parsed.questionnaire.value_or(Questionnaire{});
}

WallClock::time_point Utc(const std::string& iso) {
    std::optional<WallClock::time_point> t = ParseUtcIso(iso);
    EXPECT_TRUE(t) << iso;
    return t.value_or(WallClock::time_point{});
}

// A clock the test moves by hand; the store reads it through StoreClock.
struct FakeClock {
    WallClock::time_point now = Utc("2026-11-21T14:03:07.123Z");
    int offsetMinutes = 60;

    StoreClock Bind() {
        return StoreClock{[this] { return now; }, [this](WallClock::time_point) { return offsetMinutes; }};
    }
};

class StoreTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::string pattern = (fs::temp_directory_path() / "ik-store-XXXXXX").string();
        ASSERT_NE(mkdtemp(pattern.data()), nullptr);
        m_dir = pattern;
    }
    void TearDown() override {
        std::error_code ec;
        fs::remove_all(m_dir, ec);
    }

    // In a directory that does not exist yet: Open must create it.
    fs::path DbPath() const { return m_dir / "data" / "kiosk.db"; }

    std::unique_ptr<Database> OpenDb() {
        Result<std::unique_ptr<Database>> db = Database::Open(DbPath());
        EXPECT_TRUE(db) << db.error();
        return db ? std::move(*db) : nullptr;
    }

    static std::string Text(const Database& db, const std::string& sql) {
        Result<Statement> stmt = db.Prepare(sql);
        EXPECT_TRUE(stmt) << stmt.error();
        if (!stmt) return {};
        Result<bool> row = stmt->Step();
        EXPECT_TRUE(row) << row.error();
        return row && *row ? stmt->Text(0) : std::string();
    }
    static std::int64_t Int(const Database& db, const std::string& sql) {
        Result<Statement> stmt = db.Prepare(sql);
        EXPECT_TRUE(stmt) << stmt.error();
        if (!stmt) return -1;
        Result<bool> row = stmt->Step();
        EXPECT_TRUE(row) << row.error();
        return row && *row ? stmt->Int64(0) : -1;
    }
    static bool HasTable(const Database& db, const std::string& name) {
        Result<Statement> stmt =
            db.Query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1", name);
        Result<bool> row = stmt ? stmt->Step() : Result<bool>(Error{stmt.error()});
        return row && *row;
    }

    static int ImportSurvey(Database& db) {
        Result<int> version = QuestionnaireStore(db).Import(Survey());
        EXPECT_TRUE(version) << version.error();
        return version ? *version : -1;
    }

    static std::string Begin(ResponseStore& store, int version = kSurveyVersion) {
        Result<std::string> id = store.BeginResponse({kSurveyId, version, "nl"});
        EXPECT_TRUE(id) << id.error();
        return id ? *id : std::string();
    }

    static std::vector<StoredResponse> LoadAll(const ResponseStore& store, const ResponseQuery& query = {}) {
        Result<std::vector<StoredResponse>> loaded = store.Load(query);
        EXPECT_TRUE(loaded) << loaded.error();
        return loaded ? std::move(*loaded) : std::vector<StoredResponse>{};
    }

    static std::vector<std::string> Ids(const std::vector<StoredResponse>& responses) {
        std::vector<std::string> ids;
        for (const StoredResponse& r : responses)
            ids.push_back(r.id);
        return ids;
    }

    fs::path m_dir;
};

// [SECTION] Database and migrations

// Regression: a process opening the database at the moment another one did (`staff-pin set` run while
// the kiosk starts) failed at once with "database is locked": switching a new file to WAL does not
// wait for the busy timeout. Both must open, every time.
TEST(DatabaseOpen, TwoProcessesOpeningANewDatabaseAtOnceBothSucceed) {
    const std::filesystem::path dir =
        std::filesystem::temp_directory_path() / ("ik_store_concurrent_open_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    for (int round = 0; round < 40; ++round) {
        const std::filesystem::path file = dir / ("db" + std::to_string(round) + ".db");
        std::vector<pid_t> children;
        for (int p = 0; p < 3; ++p) {
            const pid_t child = ::fork();
            ASSERT_GE(child, 0);
            if (child == 0) {
                Result<std::unique_ptr<Database>> db = Database::Open(file);
                ::_exit(db ? 0 : 1);
            }
            children.push_back(child);
        }
        for (pid_t child : children) {
            int status = 0;
            ::waitpid(child, &status, 0);
            EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
                << "round " << round << ": an open failed";
        }
    }
    std::filesystem::remove_all(dir);
}

TEST_F(StoreTest, OpenCreatesSchemaWithWalAndFullSync) {
    std::unique_ptr<Database> db = OpenDb();
    ASSERT_TRUE(db);
    EXPECT_TRUE(fs::exists(DbPath()));
    EXPECT_EQ(Text(*db, "PRAGMA journal_mode"), "wal");
    EXPECT_EQ(Int(*db, "PRAGMA synchronous"), 2); // FULL
    EXPECT_EQ(Int(*db, "PRAGMA foreign_keys"), 1);
    EXPECT_EQ(Int(*db, "PRAGMA busy_timeout"), 5000);
    EXPECT_EQ(Int(*db, "PRAGMA user_version"), kSchemaVersion);
    for (const char* table : {"questionnaires", "responses", "answers", "settings", "audit_log"})
        EXPECT_TRUE(HasTable(*db, table)) << table;
    EXPECT_EQ(Text(*db, "PRAGMA integrity_check"), "ok");
}

TEST_F(StoreTest, ReopeningAtCurrentVersionChangesNothing) {
    ASSERT_TRUE(OpenDb());
    std::unique_ptr<Database> db = OpenDb();
    ASSERT_TRUE(db);
    EXPECT_EQ(Int(*db, "PRAGMA user_version"), kSchemaVersion);
}

TEST_F(StoreTest, MigratesAnEmptyDatabaseStepByStep) {
    Result<std::unique_ptr<Database>> opened = Database::OpenUnmigrated(DbPath());
    ASSERT_TRUE(opened) << opened.error();
    Database& db = **opened;
    EXPECT_EQ(*SchemaVersion(db), 0);
    EXPECT_FALSE(HasTable(db, "responses"));

    ASSERT_TRUE(MigrateTo(db, 1));
    EXPECT_EQ(*SchemaVersion(db), 1);
    EXPECT_TRUE(HasTable(db, "responses"));
    EXPECT_FALSE(HasTable(db, "audit_log"));

    ASSERT_TRUE(MigrateTo(db, 2));
    EXPECT_EQ(*SchemaVersion(db), 2);
    EXPECT_TRUE(HasTable(db, "audit_log"));

    Status back = MigrateTo(db, 1);
    ASSERT_FALSE(back);
    EXPECT_NE(back.error().find("only go forward"), std::string::npos) << back.error();
    EXPECT_FALSE(MigrateTo(db, kSchemaVersion + 1));
}

TEST_F(StoreTest, VersionOneDatabaseWithDataMigratesAndKeepsIt) {
    {
        Result<std::unique_ptr<Database>> opened = Database::OpenUnmigrated(DbPath());
        ASSERT_TRUE(opened) << opened.error();
        Database& db = **opened;
        ASSERT_TRUE(MigrateTo(db, 1));
        // Rows as a version-1 program wrote them (plain SQL: the stores always speak the newest schema).
        const std::string definition = CanonicalQuestionnaireJson(Survey());
        ASSERT_TRUE(db.Run("INSERT INTO questionnaires VALUES (?1, ?2, ?3, ?4, ?5)", kSurveyId,
                           kSurveyVersion, definition, DefinitionHash(definition),
                           "2026-01-01T09:00:00.000Z"));
        ASSERT_TRUE(
            db.Run("INSERT INTO responses (id, seq, questionnaire_id, questionnaire_version, language, "
                   "status, started_at, finished_at, utc_offset_minutes, flags) "
                   "VALUES (?1, 1, ?2, ?3, 'nl', 'completed', ?4, ?5, 60, '[\"fast\"]')",
                   "0190f3a2-7b1c-7def-8a12-3456789abcde", kSurveyId, kSurveyVersion,
                   "2026-01-02T10:00:00.000Z", "2026-01-02T10:01:00.000Z"));
        ASSERT_TRUE(db.Run("INSERT INTO answers VALUES (?1, 'useful', '\"4\"', ?2)",
                           "0190f3a2-7b1c-7def-8a12-3456789abcde", "2026-01-02T10:00:30.000Z"));
        ASSERT_TRUE(db.Run("INSERT INTO settings VALUES ('kiosk_name', 'Centrale bibliotheek')"));
    }

    std::unique_ptr<Database> db = OpenDb();
    ASSERT_TRUE(db);
    EXPECT_EQ(Int(*db, "PRAGMA user_version"), kSchemaVersion);
    EXPECT_TRUE(HasTable(*db, "audit_log"));
    EXPECT_TRUE(db->Run("INSERT INTO audit_log (at, who, what) VALUES (?1, 'staff', 'opened staff mode')",
                        "2026-01-03T08:00:00.000Z"));

    ResponseStore store(*db);
    const std::vector<StoredResponse> loaded = LoadAll(store);
    ASSERT_EQ(loaded.size(), 1u);
    EXPECT_EQ(loaded[0].id, "0190f3a2-7b1c-7def-8a12-3456789abcde");
    EXPECT_EQ(loaded[0].status, ResponseStatus::Completed);
    EXPECT_EQ(loaded[0].flags, std::vector<std::string>{"fast"});
    EXPECT_EQ(loaded[0].answers.at("useful"), "4");
    EXPECT_EQ(*SettingsStore(*db).Get("kiosk_name"), std::optional<std::string>("Centrale bibliotheek"));
    Result<std::optional<Questionnaire>> q = QuestionnaireStore(*db).Load(kSurveyId);
    ASSERT_TRUE(q) << q.error();
    ASSERT_TRUE(*q);
    EXPECT_EQ((*q)->version, kSurveyVersion);
    // New responses continue the sequence.
    EXPECT_EQ(LoadAll(store).back().seq, 1);
    Begin(store);
    EXPECT_EQ(LoadAll(store).back().seq, 2);
}

TEST_F(StoreTest, RefusesASchemaNewerThanTheProgram) {
    {
        std::unique_ptr<Database> db = OpenDb();
        ASSERT_TRUE(db);
        ASSERT_TRUE(db->Execute("PRAGMA user_version = 99"));
    }
    Result<std::unique_ptr<Database>> db = Database::Open(DbPath());
    ASSERT_FALSE(db);
    EXPECT_NE(db.error().find("database schema version 99 is newer than this program (" +
                              std::to_string(kSchemaVersion) + "); upgrade impactkiosk"),
              std::string::npos)
        << db.error();
    EXPECT_NE(db.error().find(DbPath().string()), std::string::npos) << db.error();

    Result<std::unique_ptr<Database>> raw = Database::OpenUnmigrated(DbPath());
    ASSERT_TRUE(raw);
    EXPECT_EQ(*SchemaVersion(**raw), 99); // left alone
}

TEST_F(StoreTest, UnusableFilesAreErrorsNamingThePath) {
    fs::create_directories(DbPath().parent_path());
    std::ofstream(DbPath()) << std::string(4096, 'x');
    Result<std::unique_ptr<Database>> garbage = Database::Open(DbPath());
    ASSERT_FALSE(garbage);
    EXPECT_NE(garbage.error().find("not a database"), std::string::npos) << garbage.error();
    EXPECT_NE(garbage.error().find(DbPath().string()), std::string::npos) << garbage.error();

    // A parent "directory" that is a file.
    Result<std::unique_ptr<Database>> blocked = Database::Open(DbPath() / "kiosk.db");
    ASSERT_FALSE(blocked);
    EXPECT_NE(blocked.error().find("kiosk.db"), std::string::npos) << blocked.error();
}

TEST_F(StoreTest, TransactionRollsBackUnlessCommitted) {
    std::unique_ptr<Database> db = OpenDb();
    ASSERT_TRUE(db);
    {
        Result<Transaction> tx = Transaction::Begin(*db);
        ASSERT_TRUE(tx) << tx.error();
        ASSERT_TRUE(db->Run("INSERT INTO settings VALUES ('a', '1')"));
        EXPECT_TRUE(db->InTransaction());
    }
    EXPECT_FALSE(db->InTransaction());
    EXPECT_EQ(Int(*db, "SELECT COUNT(*) FROM settings"), 0);
    {
        Result<Transaction> tx = Transaction::Begin(*db);
        ASSERT_TRUE(tx);
        ASSERT_TRUE(db->Run("INSERT INTO settings VALUES ('a', '1')"));
        ASSERT_TRUE(tx->Commit());
        EXPECT_FALSE(tx->Commit()); // already committed
    }
    EXPECT_EQ(Int(*db, "SELECT COUNT(*) FROM settings"), 1);
}

TEST_F(StoreTest, SqlTextNeverCarriesValues) {
    std::unique_ptr<Database> db = OpenDb();
    ASSERT_TRUE(db);
    EXPECT_FALSE(db->Execute("DELETE FROM settings WHERE key = ?1"));
    EXPECT_FALSE(db->Prepare("SELECT 1; SELECT 2"));
    // A hostile value is stored as it is, never interpreted as SQL.
    const std::string hostile = "x'); DROP TABLE responses; --";
    SettingsStore settings(*db);
    ASSERT_TRUE(settings.Set(hostile, hostile));
    EXPECT_EQ(*settings.Get(hostile), std::optional<std::string>(hostile));
    EXPECT_TRUE(HasTable(*db, "responses"));
}

// [SECTION] Responses

TEST_F(StoreTest, BeginAnswerFinishRoundTrip) {
    std::unique_ptr<Database> db = OpenDb();
    ASSERT_TRUE(db);
    ASSERT_EQ(ImportSurvey(*db), kSurveyVersion);
    FakeClock clock;
    ResponseStore store(*db, clock.Bind());

    const std::string id = Begin(store);
    EXPECT_TRUE(IsUuid(id)) << id;
    clock.now += std::chrono::seconds(5);
    ASSERT_TRUE(store.SaveAnswer(id, "useful", "4"));
    ASSERT_TRUE(store.SaveAnswer(id, "recommend", "yes"));
    ASSERT_TRUE(store.SaveAnswer(id, "grade", 8));
    ASSERT_TRUE(store.SaveAnswer(id, "text", "Ünïcødé \"quoted\"\n; =1+1 مرحبا"));
    clock.now += std::chrono::seconds(30);
    ASSERT_TRUE(store.FinishResponse(id, ResponseStatus::Completed, {"fast", "fast"}, {}));

    const std::vector<StoredResponse> loaded = LoadAll(store);
    ASSERT_EQ(loaded.size(), 1u);
    const StoredResponse& r = loaded[0];
    EXPECT_EQ(r.id, id);
    EXPECT_EQ(r.seq, 1);
    EXPECT_EQ(r.questionnaireId, kSurveyId);
    EXPECT_EQ(r.questionnaireVersion, kSurveyVersion);
    EXPECT_EQ(r.language, "nl");
    EXPECT_EQ(r.status, ResponseStatus::Completed);
    EXPECT_EQ(r.startedAt, "2026-11-21T14:03:07.123Z");
    EXPECT_EQ(r.finishedAt, "2026-11-21T14:03:42.123Z");
    EXPECT_EQ(r.utcOffsetMinutes, 60);
    EXPECT_EQ(r.flags, std::vector<std::string>{"fast"}); // each flag once
    EXPECT_EQ(r.syncState, "pending");
    const AnswerMap expected = {
        {"grade", 8}, {"recommend", "yes"}, {"text", "Ünïcødé \"quoted\"\n; =1+1 مرحبا"}, {"useful", "4"}};
    EXPECT_EQ(r.answers, expected);

    // Another connection (the sync thread has its own) sees the committed response.
    std::unique_ptr<Database> other = OpenDb();
    ASSERT_TRUE(other);
    EXPECT_EQ(Ids(LoadAll(ResponseStore(*other))), std::vector<std::string>{id});
}

TEST_F(StoreTest, ChangedAnswerReplacesTheOldOne) {
    std::unique_ptr<Database> db = OpenDb();
    ASSERT_TRUE(db);
    ImportSurvey(*db);
    FakeClock clock;
    ResponseStore store(*db, clock.Bind());
    const std::string id = Begin(store);
    ASSERT_TRUE(store.SaveAnswer(id, "recommend", "yes"));
    clock.now += std::chrono::seconds(3);
    ASSERT_TRUE(store.SaveAnswer(id, "recommend", "no"));

    EXPECT_EQ(Int(*db, "SELECT COUNT(*) FROM answers"), 1);
    EXPECT_EQ(Text(*db, "SELECT answered_at FROM answers"), "2026-11-21T14:03:10.123Z");
    EXPECT_EQ(LoadAll(store)[0].answers.at("recommend"), "no");

    ASSERT_TRUE(store.RemoveAnswer(id, "recommend"));
    EXPECT_TRUE(LoadAll(store)[0].answers.empty());
}

TEST_F(StoreTest, FinishDropsAnswersOffThePath) {
    std::unique_ptr<Database> db = OpenDb();
    ASSERT_TRUE(db);
    ImportSurvey(*db);
    ResponseStore store(*db);
    const std::string id = Begin(store);
    ASSERT_TRUE(store.SaveAnswer(id, "recommend", "no"));
    ASSERT_TRUE(store.SaveAnswer(id, "why_not", "time"));
    ASSERT_TRUE(store.SaveAnswer(id, "recommend", "yes")); // went back: why_not no longer asked
    ASSERT_TRUE(store.FinishResponse(id, ResponseStatus::Completed, {}, {"why_not", "never_answered"}));

    const std::vector<StoredResponse> loaded = LoadAll(store);
    ASSERT_EQ(loaded.size(), 1u);
    EXPECT_EQ(loaded[0].answers, (AnswerMap{{"recommend", "yes"}}));
}

TEST_F(StoreTest, FinishedResponsesCannotChange) {
    std::unique_ptr<Database> db = OpenDb();
    ASSERT_TRUE(db);
    ImportSurvey(*db);
    ResponseStore store(*db);
    const std::string id = Begin(store);
    ASSERT_TRUE(store.SaveAnswer(id, "useful", "5"));
    EXPECT_FALSE(store.FinishResponse(id, ResponseStatus::InProgress, {}, {}));
    ASSERT_TRUE(store.FinishResponse(id, ResponseStatus::Abandoned, {"idle"}, {}));

    Status twice = store.FinishResponse(id, ResponseStatus::Completed, {}, {});
    ASSERT_FALSE(twice);
    EXPECT_NE(twice.error().find("already abandoned"), std::string::npos) << twice.error();
    EXPECT_FALSE(store.SaveAnswer(id, "useful", "1"));
    EXPECT_FALSE(store.RemoveAnswer(id, "useful"));
    Status unknown =
        store.FinishResponse("0190f3a2-7b1c-7def-8a12-3456789abcde", ResponseStatus::Completed, {}, {});
    ASSERT_FALSE(unknown);
    EXPECT_NE(unknown.error().find("no such response"), std::string::npos) << unknown.error();

    const std::vector<StoredResponse> loaded = LoadAll(store);
    ASSERT_EQ(loaded.size(), 1u);
    EXPECT_EQ(loaded[0].status, ResponseStatus::Abandoned);
    EXPECT_EQ(loaded[0].flags, std::vector<std::string>{"idle"});
    EXPECT_EQ(loaded[0].answers.at("useful"), "5");
}

TEST_F(StoreTest, BeginNeedsAStoredQuestionnaireVersion) {
    std::unique_ptr<Database> db = OpenDb();
    ASSERT_TRUE(db);
    ImportSurvey(*db);
    ResponseStore store(*db);
    Result<std::string> wrong = store.BeginResponse({kSurveyId, 42, "nl"});
    ASSERT_FALSE(wrong);
    EXPECT_NE(wrong.error().find("not in the database"), std::string::npos) << wrong.error();
    EXPECT_EQ(Int(*db, "SELECT COUNT(*) FROM responses"), 0);
}

TEST_F(StoreTest, SeqKeepsIncreasingAcrossReopen) {
    std::vector<std::string> ids;
    {
        std::unique_ptr<Database> db = OpenDb();
        ASSERT_TRUE(db);
        ImportSurvey(*db);
        ResponseStore store(*db);
        for (int i = 0; i < 3; ++i)
            ids.push_back(Begin(store));
    }
    {
        std::unique_ptr<Database> db = OpenDb();
        ASSERT_TRUE(db);
        // The clock was set back an hour: seq still goes up.
        FakeClock clock;
        clock.now = WallClock::now() - std::chrono::hours(1);
        ResponseStore store(*db, clock.Bind());
        for (int i = 0; i < 2; ++i)
            ids.push_back(Begin(store));
        const std::vector<StoredResponse> loaded = LoadAll(store);
        ASSERT_EQ(loaded.size(), 5u);
        for (std::size_t i = 0; i < loaded.size(); ++i)
            EXPECT_EQ(loaded[i].seq, static_cast<std::int64_t>(i + 1));
        EXPECT_EQ(Ids(loaded), ids);
    }
}

TEST_F(StoreTest, RecoverInterruptedAbandonsAndKeepsAnswers) {
    std::unique_ptr<Database> db = OpenDb();
    ASSERT_TRUE(db);
    ImportSurvey(*db);
    FakeClock clock;
    ResponseStore store(*db, clock.Bind());

    const std::string done = Begin(store);
    ASSERT_TRUE(store.FinishResponse(done, ResponseStatus::Completed, {}, {}));
    const std::string answered = Begin(store);
    clock.now += std::chrono::seconds(10);
    ASSERT_TRUE(store.SaveAnswer(answered, "useful", "2"));
    clock.now += std::chrono::seconds(10);
    ASSERT_TRUE(store.SaveAnswer(answered, "recommend", "no"));
    clock.now += std::chrono::minutes(1);
    const std::string empty = Begin(store);
    clock.now += std::chrono::hours(12); // the kiosk comes back the next morning

    Result<int> recovered = store.RecoverInterrupted();
    ASSERT_TRUE(recovered) << recovered.error();
    EXPECT_EQ(*recovered, 2);

    const std::vector<StoredResponse> loaded = LoadAll(store);
    ASSERT_EQ(loaded.size(), 3u);
    EXPECT_EQ(loaded[0].status, ResponseStatus::Completed);
    EXPECT_TRUE(loaded[0].flags.empty());

    EXPECT_EQ(loaded[1].id, answered);
    EXPECT_EQ(loaded[1].status, ResponseStatus::Abandoned);
    EXPECT_EQ(loaded[1].flags, std::vector<std::string>{"interrupted"});
    EXPECT_EQ(loaded[1].finishedAt, "2026-11-21T14:03:27.123Z"); // the last answer
    EXPECT_EQ(loaded[1].answers, (AnswerMap{{"recommend", "no"}, {"useful", "2"}}));

    EXPECT_EQ(loaded[2].id, empty);
    EXPECT_EQ(loaded[2].status, ResponseStatus::Abandoned);
    EXPECT_EQ(loaded[2].finishedAt, loaded[2].startedAt);

    Result<int> again = store.RecoverInterrupted();
    ASSERT_TRUE(again);
    EXPECT_EQ(*again, 0);
}

TEST_F(StoreTest, CountsByStatusAndSyncState) {
    std::unique_ptr<Database> db = OpenDb();
    ASSERT_TRUE(db);
    ImportSurvey(*db);
    ResponseStore store(*db);
    {
        Result<ResponseCounts> none = store.Counts();
        ASSERT_TRUE(none);
        EXPECT_EQ(none->total, 0);
        EXPECT_EQ(none->pending, 0);
    }
    const std::string synced = Begin(store);
    ASSERT_TRUE(store.FinishResponse(synced, ResponseStatus::Completed, {}, {}));
    const std::string pending = Begin(store);
    ASSERT_TRUE(store.FinishResponse(pending, ResponseStatus::Completed, {}, {}));
    const std::string quarantined = Begin(store);
    ASSERT_TRUE(store.FinishResponse(quarantined, ResponseStatus::Abandoned, {}, {}));
    Begin(store); // in progress: not pending, it cannot be sent yet
    ASSERT_TRUE(db->Run("UPDATE responses SET sync_state = 'synced' WHERE id = ?1", synced));
    ASSERT_TRUE(db->Run("UPDATE responses SET sync_state = 'quarantined', sync_error = 'bad' WHERE id = ?1",
                        quarantined));

    Result<ResponseCounts> counts = store.Counts();
    ASSERT_TRUE(counts) << counts.error();
    EXPECT_EQ(counts->total, 4);
    EXPECT_EQ(counts->completed, 2);
    EXPECT_EQ(counts->abandoned, 1);
    EXPECT_EQ(counts->inProgress, 1);
    EXPECT_EQ(counts->pending, 1);
    EXPECT_EQ(counts->quarantined, 1);
}

TEST_F(StoreTest, DateFiltersUseTheLocalDateAtTheStart) {
    std::unique_ptr<Database> db = OpenDb();
    ASSERT_TRUE(db);
    ImportSurvey(*db);
    FakeClock clock;
    ResponseStore store(*db, clock.Bind());
    auto beginAt = [&](const char* utc, int offset) {
        clock.now = Utc(utc);
        clock.offsetMinutes = offset;
        return Begin(store);
    };
    // Amsterdam in winter (+60) and summer (+120), either side of local midnight.
    const std::string lateMarch28 = beginAt("2026-03-28T22:30:00.000Z", 60);  // local 28th 23:30
    const std::string earlyMarch29 = beginAt("2026-03-28T23:30:00.000Z", 60); // local 29th 00:30
    const std::string lateJune30 = beginAt("2026-06-30T21:30:00.000Z", 120);  // local 30th 23:30
    const std::string earlyJuly1 = beginAt("2026-06-30T22:30:00.000Z", 120);  // local 1st 00:30

    auto query = [&](std::optional<std::string> from, std::optional<std::string> to) {
        ResponseQuery q;
        q.fromLocalDate = std::move(from);
        q.toLocalDate = std::move(to);
        return Ids(LoadAll(store, q));
    };
    using IdList = std::vector<std::string>;
    EXPECT_EQ(query("2026-03-29", "2026-03-29"), IdList{earlyMarch29});
    EXPECT_EQ(query(std::nullopt, "2026-03-28"), IdList{lateMarch28});
    EXPECT_EQ(query("2026-03-29", "2026-06-30"), (IdList{earlyMarch29, lateJune30}));
    EXPECT_EQ(query("2026-07-01", std::nullopt), IdList{earlyJuly1});
    EXPECT_EQ(query("2026-06-30", "2026-06-30"), IdList{lateJune30});
    EXPECT_EQ(query("2026-07-02", std::nullopt), IdList{});
    EXPECT_EQ(query(std::nullopt, std::nullopt).size(), 4u);

    ResponseQuery bad;
    bad.fromLocalDate = "29-03-2026";
    Result<std::vector<StoredResponse>> refused = store.Load(bad);
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().find("29-03-2026"), std::string::npos) << refused.error();
}

TEST_F(StoreTest, LoadFiltersByQuestionnaireAcrossVersions) {
    std::unique_ptr<Database> db = OpenDb();
    ASSERT_TRUE(db);
    ImportSurvey(*db);
    Questionnaire edited = Survey();
    edited.title["nl"] = "Digitale vaardigheden (nieuw)";
    Questionnaire other = Survey();
    other.id = "reading";
    other.version = 1;
    QuestionnaireStore questionnaires(*db);
    ASSERT_EQ(*questionnaires.Import(edited), kSurveyVersion + 1);
    ASSERT_EQ(*questionnaires.Import(other), 1);

    ResponseStore store(*db);
    const std::string a = Begin(store, kSurveyVersion);
    Result<std::string> b = store.BeginResponse({"reading", 1, "en"});
    ASSERT_TRUE(b);
    const std::string c = Begin(store, kSurveyVersion + 1);

    ResponseQuery query;
    query.questionnaireId = kSurveyId;
    EXPECT_EQ(Ids(LoadAll(store, query)), (std::vector<std::string>{a, c}));
    query.questionnaireId = "reading";
    EXPECT_EQ(Ids(LoadAll(store, query)), std::vector<std::string>{*b});
    query.questionnaireId = "nothing";
    EXPECT_TRUE(LoadAll(store, query).empty());
}

TEST_F(StoreTest, ForEachStreamsInSeqOrderAndStopsOnError) {
    std::unique_ptr<Database> db = OpenDb();
    ASSERT_TRUE(db);
    ImportSurvey(*db);
    ResponseStore store(*db);
    for (int i = 0; i < 5; ++i) {
        const std::string id = Begin(store);
        ASSERT_TRUE(store.SaveAnswer(id, "grade", i + 1));
        ASSERT_TRUE(store.FinishResponse(id, ResponseStatus::Completed, {}, {}));
    }
    std::vector<int> grades;
    Status stopped = store.ForEach({}, [&grades](const StoredResponse& r) -> Status {
        grades.push_back(r.answers.at("grade").get<int>());
        if (grades.size() == 3) return Error{"export disk full"};
        return {};
    });
    ASSERT_FALSE(stopped);
    EXPECT_EQ(stopped.error(), "export disk full");
    EXPECT_EQ(grades, (std::vector<int>{1, 2, 3}));
    EXPECT_FALSE(db->InTransaction()); // the read snapshot is released
}

// Reading walks the answers in response-id order beside the responses in seq order. Ids normally grow
// with seq (UUIDv7), but not after the clock was set back: every response must still get exactly its
// own answers, in seq order, also when a filter skips long runs of other responses.
TEST_F(StoreTest, EveryResponseGetsItsOwnAnswersWhateverTheIdOrder) {
    std::unique_ptr<Database> db = OpenDb();
    ASSERT_TRUE(db);
    ImportSurvey(*db);
    ASSERT_TRUE(QuestionnaireStore(*db).Import([] {
        Questionnaire other = Survey();
        other.id = "other";
        return other;
    }()));
    // Rows written directly: the store never makes ids out of step with seq on purpose.
    auto add = [&db](int seq, const std::string& id, const std::string& questionnaire, int answers) {
        ASSERT_TRUE(
            db->Run("INSERT INTO responses (id, seq, questionnaire_id, questionnaire_version, language, "
                    "status, started_at, finished_at, utc_offset_minutes) "
                    "VALUES (?1, ?2, ?3, ?4, 'nl', 'completed', ?5, ?5, 60)",
                    id, seq, questionnaire, kSurveyVersion, "2026-01-02T10:00:00.000Z"));
        for (int i = 0; i < answers; ++i)
            ASSERT_TRUE(db->Run("INSERT INTO answers VALUES (?1, ?2, ?3, '2026-01-02T10:00:00.000Z')", id,
                                "q" + std::to_string(i), std::to_string(seq)));
    };
    add(1, "30000000-0000-7000-8000-000000000000", kSurveyId, 2);
    add(2, "10000000-0000-7000-8000-000000000000", kSurveyId, 3); // clock set back: smaller id
    add(3, "20000000-0000-7000-8000-000000000000", kSurveyId, 1);
    add(4, "40000000-0000-7000-8000-000000000000", kSurveyId, 0); // no answers at all
    // 400 responses of another questionnaire (800 answers) between two of ours.
    for (int i = 0; i < 400; ++i) {
        char id[40];
        std::snprintf(id, sizeof id, "5%07d-0000-7000-8000-000000000000", i);
        add(5 + i, id, "other", 2);
    }
    add(405, "60000000-0000-7000-8000-000000000000", kSurveyId, 2);
    add(406, "05000000-0000-7000-8000-000000000000", kSurveyId, 1); // behind everything
    ResponseStore store(*db);

    for (const std::optional<std::string>& questionnaire :
         {std::optional<std::string>(kSurveyId), std::optional<std::string>()}) {
        ResponseQuery query;
        query.questionnaireId = questionnaire;
        std::vector<std::int64_t> seqs;
        Status read = store.ForEach(query, [&seqs](const StoredResponse& r) -> Status {
            seqs.push_back(r.seq);
            const std::size_t expected = r.seq == 1     ? 2
                                         : r.seq == 2   ? 3
                                         : r.seq == 3   ? 1
                                         : r.seq == 4   ? 0
                                         : r.seq == 406 ? 1
                                                        : 2;
            EXPECT_EQ(r.answers.size(), expected) << "seq " << r.seq;
            for (const auto& [question, value] : r.answers)
                EXPECT_EQ(value, r.seq) << "seq " << r.seq << " got another response's answer " << question;
            return {};
        });
        ASSERT_TRUE(read) << read.error();
        ASSERT_EQ(seqs.size(), questionnaire ? 6u : 406u);
        EXPECT_TRUE(std::is_sorted(seqs.begin(), seqs.end()));
    }
}

TEST_F(StoreTest, LastFinishedAt) {
    std::unique_ptr<Database> db = OpenDb();
    ASSERT_TRUE(db);
    ImportSurvey(*db);
    FakeClock clock;
    ResponseStore store(*db, clock.Bind());
    Result<std::optional<WallClock::time_point>> none = store.LastFinishedAt();
    ASSERT_TRUE(none) << none.error();
    EXPECT_FALSE(*none);

    const std::string id = Begin(store);
    clock.now += std::chrono::seconds(40);
    ASSERT_TRUE(store.FinishResponse(id, ResponseStatus::Completed, {}, {}));
    Begin(store); // still in progress: does not count
    Result<std::optional<WallClock::time_point>> last = store.LastFinishedAt();
    ASSERT_TRUE(last) << last.error();
    ASSERT_TRUE(*last);
    EXPECT_EQ(FormatUtcIso(**last), "2026-11-21T14:03:47.123Z");
}

TEST_F(StoreTest, FullDiskIsAnErrorValueAndNothingIsLost) {
    std::unique_ptr<Database> db = OpenDb();
    ASSERT_TRUE(db);
    ImportSurvey(*db);
    ResponseStore store(*db);
    const std::string id = Begin(store);
    ASSERT_TRUE(store.SaveAnswer(id, "useful", "4"));

    // No room to grow: as if the disk were full.
    const std::int64_t pages = Int(*db, "PRAGMA page_count");
    ASSERT_TRUE(db->Execute("PRAGMA max_page_count = " + std::to_string(pages)));
    const std::string big(256 * 1024, 'x');
    Status full = store.SaveAnswer(id, "text", big);
    ASSERT_FALSE(full);
    EXPECT_NE(full.error().find("full"), std::string::npos) << full.error();
    EXPECT_NE(full.error().find(DbPath().string()), std::string::npos) << full.error();
    EXPECT_FALSE(db->InTransaction());

    // What was saved before is intact, and the store works again once there is room.
    std::vector<StoredResponse> loaded = LoadAll(store);
    ASSERT_EQ(loaded.size(), 1u);
    EXPECT_EQ(loaded[0].answers, (AnswerMap{{"useful", "4"}}));
    ASSERT_TRUE(db->Execute("PRAGMA max_page_count = 1073741823"));
    ASSERT_TRUE(store.SaveAnswer(id, "text", big));
    EXPECT_EQ(LoadAll(store)[0].answers.at("text"), big);
    EXPECT_EQ(Text(*db, "PRAGMA integrity_check"), "ok");
}

// The child of the crash test: its own connection, one durable save per byte written to `fd`,
// then it waits to be killed. No gtest macros here; problems show as a missing byte.
[[noreturn]] void RunChildUntilKilled(const fs::path& dbPath, int fd) {
    Result<std::unique_ptr<Database>> db = Database::Open(dbPath);
    if (!db) _exit(2);
    ResponseStore store(**db);
    Result<std::string> id = store.BeginResponse({kSurveyId, kSurveyVersion, "nl"});
    if (!id) _exit(3);
    const std::pair<const char*, nlohmann::json> answers[] = {
        {"useful", "4"}, {"recommend", "yes"}, {"grade", 9}};
    for (const auto& [question, value] : answers) {
        if (!store.SaveAnswer(*id, question, value)) _exit(4);
        const char saved = 's';
        if (write(fd, &saved, 1) != 1) _exit(5);
    }
    for (;;)
        pause();
}

TEST_F(StoreTest, KilledProcessLeavesAnAbandonedResponseWithItsAnswers) {
    {
        std::unique_ptr<Database> db = OpenDb();
        ASSERT_TRUE(db);
        ImportSurvey(*db);
    } // closed: no connection may cross fork()

    int pipeFds[2];
    ASSERT_EQ(pipe(pipeFds), 0);
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        close(pipeFds[0]);
        RunChildUntilKilled(DbPath(), pipeFds[1]);
    }
    close(pipeFds[1]);

    int saved = 0;
    while (saved < 3) {
        pollfd readable{pipeFds[0], POLLIN, 0};
        if (poll(&readable, 1, 20000) <= 0) break;
        char byte = 0;
        if (read(pipeFds[0], &byte, 1) != 1) break; // the child exited early
        ++saved;
    }
    kill(child, SIGKILL);
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    close(pipeFds[0]);
    ASSERT_EQ(saved, 3) << "child status " << status;
    ASSERT_TRUE(WIFSIGNALED(status));
    EXPECT_EQ(WTERMSIG(status), SIGKILL);

    std::unique_ptr<Database> db = OpenDb();
    ASSERT_TRUE(db);
    ResponseStore store(*db);
    EXPECT_EQ(store.Counts()->inProgress, 1);
    Result<int> recovered = store.RecoverInterrupted();
    ASSERT_TRUE(recovered) << recovered.error();
    EXPECT_EQ(*recovered, 1);

    const std::vector<StoredResponse> loaded = LoadAll(store);
    ASSERT_EQ(loaded.size(), 1u);
    EXPECT_EQ(loaded[0].status, ResponseStatus::Abandoned);
    EXPECT_EQ(loaded[0].flags, std::vector<std::string>{"interrupted"});
    EXPECT_EQ(loaded[0].answers, (AnswerMap{{"grade", 9}, {"recommend", "yes"}, {"useful", "4"}}));
    EXPECT_FALSE(loaded[0].finishedAt.empty());
    EXPECT_EQ(Text(*db, "PRAGMA integrity_check"), "ok");
}

// [SECTION] Questionnaires and settings

TEST_F(StoreTest, ImportingTheSameQuestionnaireTwiceIsHarmless) {
    std::unique_ptr<Database> db = OpenDb();
    ASSERT_TRUE(db);
    QuestionnaireStore store(*db);
    ASSERT_EQ(ImportSurvey(*db), kSurveyVersion);
    ASSERT_EQ(ImportSurvey(*db), kSurveyVersion);
    EXPECT_EQ(Int(*db, "SELECT COUNT(*) FROM questionnaires"), 1);

    Result<std::optional<Questionnaire>> loaded = store.Load(kSurveyId, kSurveyVersion);
    ASSERT_TRUE(loaded) << loaded.error();
    ASSERT_TRUE(*loaded);
    EXPECT_EQ(**loaded, Survey());
    const std::string definition = Text(*db, "SELECT definition FROM questionnaires");
    EXPECT_EQ(definition, CanonicalQuestionnaireJson(Survey()));
    EXPECT_EQ(Text(*db, "SELECT definition_hash FROM questionnaires"), DefinitionHash(definition));
    EXPECT_EQ(DefinitionHash(""), "fnv1a64:cbf29ce484222325");

    Result<std::optional<Questionnaire>> missing = store.Load("nope");
    ASSERT_TRUE(missing);
    EXPECT_FALSE(*missing);
}

TEST_F(StoreTest, ChangedQuestionnaireBecomesTheNextVersion) {
    std::unique_ptr<Database> db = OpenDb();
    ASSERT_TRUE(db);
    QuestionnaireStore questionnaires(*db);
    ASSERT_EQ(ImportSurvey(*db), kSurveyVersion);
    ResponseStore responses(*db);
    const std::string id = Begin(responses);
    ASSERT_TRUE(responses.SaveAnswer(id, "useful", "5"));
    ASSERT_TRUE(responses.FinishResponse(id, ResponseStatus::Completed, {}, {}));

    Questionnaire edited = Survey(); // same id and version number in the file, different content
    edited.questions[0].label["nl"] = "De cursus was erg nuttig";
    Result<int> stored = questionnaires.Import(edited);
    ASSERT_TRUE(stored) << stored.error();
    EXPECT_EQ(*stored, kSurveyVersion + 1);
    EXPECT_EQ(*questionnaires.Import(edited), kSurveyVersion + 1); // idempotent for the edit too
    EXPECT_EQ(ImportSurvey(*db), kSurveyVersion);                  // and the original

    // The published version is untouched, with its responses; the latest is the edit.
    Result<std::optional<Questionnaire>> original = questionnaires.Load(kSurveyId, kSurveyVersion);
    ASSERT_TRUE(original && *original);
    EXPECT_EQ(**original, Survey());
    Result<std::optional<Questionnaire>> latest = questionnaires.Load(kSurveyId);
    ASSERT_TRUE(latest && *latest);
    EXPECT_EQ((*latest)->version, kSurveyVersion + 1);
    EXPECT_EQ((*latest)->questions[0].label.at("nl"), "De cursus was erg nuttig");
    const std::vector<StoredResponse> kept = LoadAll(responses);
    ASSERT_EQ(kept.size(), 1u);
    EXPECT_EQ(kept[0].questionnaireVersion, kSurveyVersion);
    EXPECT_EQ(kept[0].answers.at("useful"), "5");

    // A version number nobody has used yet is kept as the file says.
    Questionnaire jump = edited;
    jump.version = 10;
    jump.title["en"] = "Digital skills 2027";
    EXPECT_EQ(*questionnaires.Import(jump), 10);
    EXPECT_EQ(Int(*db, "SELECT COUNT(*) FROM questionnaires"), 3);
}

TEST_F(StoreTest, ActivationNeedsAStoredVersionAndPersists) {
    {
        std::unique_ptr<Database> db = OpenDb();
        ASSERT_TRUE(db);
        QuestionnaireStore store(*db);
        Result<std::optional<QuestionnaireRef>> none = store.Active();
        ASSERT_TRUE(none) << none.error();
        EXPECT_FALSE(*none);

        ImportSurvey(*db);
        Status missing = store.Activate(kSurveyId, 99);
        ASSERT_FALSE(missing);
        EXPECT_NE(missing.error().find("not in the database"), std::string::npos) << missing.error();
        EXPECT_FALSE(*store.Active());
        ASSERT_TRUE(store.Activate(kSurveyId, kSurveyVersion));
    }
    std::unique_ptr<Database> db = OpenDb();
    ASSERT_TRUE(db);
    Result<std::optional<QuestionnaireRef>> active = QuestionnaireStore(*db).Active();
    ASSERT_TRUE(active) << active.error();
    ASSERT_TRUE(*active);
    EXPECT_EQ(**active, (QuestionnaireRef{kSurveyId, kSurveyVersion}));
}

TEST_F(StoreTest, ListShowsEveryVersionWithTitleCountsAndActive) {
    std::unique_ptr<Database> db = OpenDb();
    ASSERT_TRUE(db);
    QuestionnaireStore questionnaires(*db);
    ImportSurvey(*db);
    Questionnaire edited = Survey();
    edited.title["nl"] = "Digitale vaardigheden 2";
    ASSERT_EQ(*questionnaires.Import(edited), kSurveyVersion + 1);
    ASSERT_TRUE(questionnaires.Activate(kSurveyId, kSurveyVersion + 1));

    ResponseStore responses(*db);
    Begin(responses, kSurveyVersion);
    Begin(responses, kSurveyVersion);
    Begin(responses, kSurveyVersion + 1);

    Result<std::vector<QuestionnaireInfo>> list = questionnaires.List();
    ASSERT_TRUE(list) << list.error();
    ASSERT_EQ(list->size(), 2u);
    const QuestionnaireInfo& first = (*list)[0];
    EXPECT_EQ(first.id, kSurveyId);
    EXPECT_EQ(first.version, kSurveyVersion);
    EXPECT_EQ(first.title, "Digitale vaardigheden"); // the default language, nl
    EXPECT_EQ(first.responseCount, 2);
    EXPECT_FALSE(first.active);
    EXPECT_TRUE(ParseUtcIso(first.importedAt));
    const QuestionnaireInfo& second = (*list)[1];
    EXPECT_EQ(second.version, kSurveyVersion + 1);
    EXPECT_EQ(second.title, "Digitale vaardigheden 2");
    EXPECT_EQ(second.responseCount, 1);
    EXPECT_TRUE(second.active);
}

TEST_F(StoreTest, SettingsGetSetErase) {
    std::unique_ptr<Database> db = OpenDb();
    ASSERT_TRUE(db);
    SettingsStore settings(*db);
    EXPECT_EQ(*settings.Get("sync.last_ok_at"), std::nullopt);
    ASSERT_TRUE(settings.Set("sync.last_ok_at", "2026-11-21T14:03:07.123Z"));
    ASSERT_TRUE(settings.Set("sync.last_ok_at", "2026-11-22T08:00:00.000Z"));
    EXPECT_EQ(*settings.Get("sync.last_ok_at"), std::optional<std::string>("2026-11-22T08:00:00.000Z"));
    ASSERT_TRUE(settings.Set("empty", ""));
    EXPECT_EQ(*settings.Get("empty"), std::optional<std::string>(""));
    ASSERT_TRUE(settings.Erase("sync.last_ok_at"));
    ASSERT_TRUE(settings.Erase("never_set"));
    EXPECT_EQ(*settings.Get("sync.last_ok_at"), std::nullopt);
}

} // namespace
} // namespace ik
