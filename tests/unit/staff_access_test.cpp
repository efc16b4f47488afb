// Staff PIN and lockout on a real database file: the hash is Argon2id and never the PIN, five wrong
// PINs lock staff mode even for the right PIN, the lock survives reopening the database, and every
// attempt is in the audit log. The check in steps (the hash on another thread) counts exactly as
// the one-call check, and a check that never finishes counts for nothing.
#include <gtest/gtest.h>

#include <stdlib.h>

#include <filesystem>
#include <memory>

#include "store/database.h"
#include "store/settings_store.h"
#include "store/staff_access.h"

namespace ik {
namespace {

namespace fs = std::filesystem;
using Outcome = PinCheck::Outcome;

class StaffAccessTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::string pattern = (fs::temp_directory_path() / "ik-staff-XXXXXX").string();
        ASSERT_NE(mkdtemp(pattern.data()), nullptr);
        m_dir = pattern;
        m_db = Open();
    }
    void TearDown() override {
        m_db.reset();
        std::error_code ec;
        fs::remove_all(m_dir, ec);
    }
    std::unique_ptr<Database> Open() {
        Result<std::unique_ptr<Database>> db = Database::Open(m_dir / "kiosk.db");
        EXPECT_TRUE(db) << db.error();
        return db ? std::move(*db) : nullptr;
    }
    static Outcome Try(StaffAccess& access, const char* pin, WallClock::time_point at) {
        Result<PinCheck> check = access.Check(pin, at);
        EXPECT_TRUE(check) << check.error();
        return check ? check->outcome : Outcome::NoPin;
    }

    fs::path m_dir;
    std::unique_ptr<Database> m_db;
    const WallClock::time_point m_t0 = *ParseUtcIso("2026-11-21T10:00:00Z");
};

TEST_F(StaffAccessTest, NoPinUntilOneIsSet) {
    StaffAccess access(*m_db);
    EXPECT_FALSE(*access.HasPin());
    EXPECT_EQ(Try(access, "1234", m_t0), Outcome::NoPin);
    ASSERT_TRUE(access.SetPin("1234", m_t0));
    EXPECT_TRUE(*access.HasPin());
    EXPECT_EQ(Try(access, "1234", m_t0), Outcome::Accepted);
}

TEST_F(StaffAccessTest, RefusesPinsThatAreNotFourToEightDigits) {
    StaffAccess access(*m_db);
    for (const char* bad : {"", "123", "123456789", "12a4", "12 34", "١٢٣٤"}) {
        EXPECT_FALSE(PinProblem(bad).empty()) << bad;
        EXPECT_FALSE(access.SetPin(bad, m_t0)) << bad;
    }
    EXPECT_FALSE(*access.HasPin());
    EXPECT_TRUE(PinProblem("0000").empty());
    EXPECT_TRUE(PinProblem("12345678").empty());
}

TEST_F(StaffAccessTest, StoresAnArgon2idHashNotThePin) {
    StaffAccess access(*m_db);
    ASSERT_TRUE(access.SetPin("482913", m_t0));
    std::optional<std::string> stored = *SettingsStore(*m_db).Get("staff.pin_hash");
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->rfind("$argon2id$", 0), 0u) << *stored;
    // OWASP's minimum for Argon2id (19 MiB, 2 passes): the kiosk stays within its memory budget.
    EXPECT_NE(stored->find("$m=19456,t=2,p=1$"), std::string::npos) << *stored;
    EXPECT_EQ(stored->find("482913"), std::string::npos);
    EXPECT_EQ(Try(access, "482914", m_t0), Outcome::Wrong);
    EXPECT_EQ(Try(access, "48291", m_t0), Outcome::Wrong);
    EXPECT_EQ(Try(access, "482913", m_t0), Outcome::Accepted);
}

TEST_F(StaffAccessTest, FiveWrongPinsLockEvenTheRightPinAcrossReopen) {
    {
        StaffAccess access(*m_db);
        ASSERT_TRUE(access.SetPin("2468", m_t0));
        for (int left = 4; left >= 1; --left) {
            Result<PinCheck> check = access.Check("1111", m_t0);
            ASSERT_TRUE(check);
            EXPECT_EQ(check->outcome, Outcome::Wrong);
            EXPECT_EQ(check->attemptsLeft, left);
        }
        Result<PinCheck> fifth = access.Check("1111", m_t0);
        ASSERT_TRUE(fifth);
        EXPECT_EQ(fifth->outcome, Outcome::Locked);
        EXPECT_EQ(fifth->lockedUntil, m_t0 + kPinLockDuration);
        EXPECT_EQ(Try(access, "2468", m_t0 + std::chrono::minutes(1)), Outcome::Locked);
    }
    // A restart (a new connection) does not open the lock.
    m_db = Open();
    StaffAccess access(*m_db);
    EXPECT_EQ(Try(access, "2468", m_t0 + std::chrono::minutes(4)), Outcome::Locked);
    ASSERT_TRUE(*access.LockedUntil(m_t0 + std::chrono::minutes(4)));
    // After five minutes the right PIN works, and the count starts again from zero.
    EXPECT_FALSE(*access.LockedUntil(m_t0 + kPinLockDuration));
    EXPECT_EQ(Try(access, "2468", m_t0 + kPinLockDuration), Outcome::Accepted);
    Result<PinCheck> again = access.Check("0000", m_t0 + kPinLockDuration);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->attemptsLeft, 4);
}

TEST_F(StaffAccessTest, ARightPinResetsTheCount) {
    StaffAccess access(*m_db);
    ASSERT_TRUE(access.SetPin("2468", m_t0));
    for (int i = 0; i < 4; ++i)
        EXPECT_EQ(Try(access, "1111", m_t0), Outcome::Wrong);
    EXPECT_EQ(Try(access, "2468", m_t0), Outcome::Accepted);
    for (int i = 0; i < 4; ++i)
        EXPECT_EQ(Try(access, "1111", m_t0), Outcome::Wrong);
    EXPECT_EQ(Try(access, "2468", m_t0), Outcome::Accepted);
}

TEST_F(StaffAccessTest, AClockSetBackDoesNotStretchTheLock) {
    StaffAccess access(*m_db);
    ASSERT_TRUE(access.SetPin("2468", m_t0));
    for (int i = 0; i < kPinAttemptsBeforeLock; ++i)
        Try(access, "1111", m_t0);
    // The clock jumps a day back: still locked, but for at most five minutes from the new "now".
    const WallClock::time_point earlier = m_t0 - std::chrono::hours(24);
    EXPECT_EQ(Try(access, "2468", earlier), Outcome::Locked);
    EXPECT_EQ(**access.LockedUntil(earlier), earlier + kPinLockDuration);
    EXPECT_EQ(Try(access, "2468", earlier + kPinLockDuration), Outcome::Accepted);
}

TEST_F(StaffAccessTest, TheCheckInStepsAnswersAsTheOneCallCheck) {
    StaffAccess access(*m_db);
    Result<PinCheckStart> none = access.BeginCheck(m_t0);
    ASSERT_TRUE(none);
    ASSERT_TRUE(none->decided);
    EXPECT_EQ(none->decided->outcome, Outcome::NoPin);

    Result<std::string> hash = HashPin("2468");
    ASSERT_TRUE(hash) << hash.error();
    ASSERT_TRUE(access.StorePinHash(*hash, m_t0));
    for (int left = 4; left >= 1; --left) {
        Result<PinCheckStart> start = access.BeginCheck(m_t0);
        ASSERT_TRUE(start && !start->decided);
        EXPECT_EQ(start->hash, *hash);
        const bool right = PinMatchesHash(start->hash, "1111");
        EXPECT_FALSE(right);
        Result<PinCheck> check = access.FinishCheck(start->hash, right, m_t0);
        ASSERT_TRUE(check) << check.error();
        EXPECT_EQ(check->outcome, Outcome::Wrong);
        EXPECT_EQ(check->attemptsLeft, left);
    }
    Result<PinCheckStart> last = access.BeginCheck(m_t0);
    ASSERT_TRUE(last && !last->decided);
    Result<PinCheck> locked = access.FinishCheck(last->hash, PinMatchesHash(last->hash, "1111"), m_t0);
    ASSERT_TRUE(locked);
    EXPECT_EQ(locked->outcome, Outcome::Locked);
    // While locked the answer is known before any hashing.
    Result<PinCheckStart> refused = access.BeginCheck(m_t0 + std::chrono::minutes(1));
    ASSERT_TRUE(refused && refused->decided);
    EXPECT_EQ(refused->decided->outcome, Outcome::Locked);
    EXPECT_TRUE(PinMatchesHash(*hash, "2468"));
}

TEST_F(StaffAccessTest, ACheckCutOffBeforeItsAnswerCountsForNothing) {
    {
        StaffAccess access(*m_db);
        ASSERT_TRUE(access.SetPin("2468", m_t0));
        for (int i = 0; i < 4; ++i)
            EXPECT_EQ(Try(access, "1111", m_t0), Outcome::Wrong);
        // A fifth starts, and the kiosk is killed while the hash is being compared: nothing written.
        Result<PinCheckStart> start = access.BeginCheck(m_t0);
        ASSERT_TRUE(start && !start->decided);
    }
    m_db = Open();
    StaffAccess access(*m_db);
    EXPECT_FALSE(*access.LockedUntil(m_t0));
    // The count is where the last answered check left it: one more wrong PIN locks.
    Result<PinCheck> fifth = access.Check("1111", m_t0);
    ASSERT_TRUE(fifth);
    EXPECT_EQ(fifth->outcome, Outcome::Locked);
}

TEST_F(StaffAccessTest, AnAnswerAboutAPinThatWasReplacedMeanwhileIsRefusedUncounted) {
    StaffAccess access(*m_db);
    ASSERT_TRUE(access.SetPin("2468", m_t0));
    EXPECT_EQ(Try(access, "1111", m_t0), Outcome::Wrong);
    Result<PinCheckStart> start = access.BeginCheck(m_t0);
    ASSERT_TRUE(start && !start->decided);
    // `impactkiosk staff-pin set` on the kiosk's computer, while the old PIN was being compared.
    ASSERT_TRUE(access.SetPin("9753", m_t0));
    EXPECT_FALSE(access.FinishCheck(start->hash, PinMatchesHash(start->hash, "2468"), m_t0));
    EXPECT_EQ(Try(access, "2468", m_t0), Outcome::Wrong);
    Result<PinCheck> check = access.Check("0000", m_t0);
    ASSERT_TRUE(check);
    EXPECT_EQ(check->attemptsLeft, 3); // setting the PIN cleared the count; the refused answer added nothing
    EXPECT_EQ(Try(access, "9753", m_t0), Outcome::Accepted);
}

TEST_F(StaffAccessTest, EveryAttemptIsAudited) {
    StaffAccess access(*m_db);
    ASSERT_TRUE(access.SetPin("2468", m_t0));
    Try(access, "1111", m_t0 + std::chrono::seconds(1));
    Try(access, "2468", m_t0 + std::chrono::seconds(2));
    ASSERT_TRUE(access.Audit("activated digital_skills v2", m_t0 + std::chrono::seconds(3)));
    Result<std::vector<AuditEntry>> log = access.RecentAudit(10);
    ASSERT_TRUE(log);
    ASSERT_EQ(log->size(), 4u);
    EXPECT_EQ((*log)[0].what, "activated digital_skills v2");
    EXPECT_EQ((*log)[1].what, "signed in");
    EXPECT_EQ((*log)[2].what, "wrong PIN");
    EXPECT_EQ((*log)[3].what, "set the staff PIN");
    EXPECT_EQ((*log)[0].who, "staff");
    EXPECT_EQ((*log)[0].at, "2026-11-21T10:00:03.000Z");
}

} // namespace
} // namespace ik
