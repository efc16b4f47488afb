// Who may enter staff mode: the staff PIN (Argon2id via libsodium, only the hash is kept), the
// lockout after repeated wrong PINs (kept in the database, so a restart does not reset it), and the
// audit log every staff action is written to.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "store/database.h"
#include "store/settings_store.h"

namespace ik {

// 4 to 8 digits: long enough with the lockout, short enough to type on a kiosk keypad.
constexpr int kMinPinLength = 4;
constexpr int kMaxPinLength = 8;
constexpr int kPinAttemptsBeforeLock = 5;
constexpr std::chrono::minutes kPinLockDuration{5};

// An empty string when `pin` is acceptable, else why not (for the person setting it).
std::string PinProblem(std::string_view pin);

struct PinCheck {
    enum class Outcome { Accepted, Wrong, Locked, NoPin };
    Outcome outcome = Outcome::Wrong;
    int attemptsLeft = 0;                   // after a wrong PIN, before the lock
    WallClock::time_point lockedUntil = {}; // when Locked
};

struct AuditEntry {
    std::string at; // UTC ISO-8601
    std::string who;
    std::string what;
};

class StaffAccess {
public:
    explicit StaffAccess(Database& db) : m_db(db), m_settings(db) {}

    Result<bool> HasPin() const;
    // Hashes and stores a new PIN (replacing any old one) and clears a lockout; refuses a PIN that
    // PinProblem rejects.
    Status SetPin(std::string_view pin, WallClock::time_point now);
    // Checks `pin`, counting failures: the kPinAttemptsBeforeLock-th wrong PIN in a row locks staff
    // mode for kPinLockDuration, and while locked even the right PIN is refused.
    Result<PinCheck> Check(std::string_view pin, WallClock::time_point now);
    // When staff mode is locked at `now`, until when; nullopt when it is open. Never more than the
    // lock duration from `now` (a clock set back shortens the stored time).
    Result<std::optional<WallClock::time_point>> LockedUntil(WallClock::time_point now);

    // [SECTION] Audit log
    Status Audit(std::string_view what, WallClock::time_point now, std::string_view who = "staff");
    // The newest `limit` entries, newest first.
    Result<std::vector<AuditEntry>> RecentAudit(int limit) const;

private:
    Database& m_db;
    SettingsStore m_settings;
};

} // namespace ik
