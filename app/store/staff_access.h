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

// The first step of a PIN check (StaffAccess::BeginCheck): either the answer is known without the
// PIN (no PIN set, or locked), or the stored hash to verify the PIN against.
struct PinCheckStart {
    std::optional<PinCheck> decided;
    std::string hash;
};

// Argon2id of `pin` at libsodium's interactive limits (~66 ms), as stored. No database: any thread.
Result<std::string> HashPin(std::string_view pin);
// Whether `pin` is the one `hash` was made from (~66 ms). No database: any thread.
bool PinMatchesHash(const std::string& hash, std::string_view pin);

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
    // PinProblem rejects. HashPin, then StorePinHash.
    Status SetPin(std::string_view pin, WallClock::time_point now);
    // Stores a hash made by HashPin as the staff PIN and clears a lockout.
    Status StorePinHash(const std::string& hash, WallClock::time_point now);
    // Checks `pin`, counting failures: the kPinAttemptsBeforeLock-th wrong PIN in a row locks staff
    // mode for kPinLockDuration, and while locked even the right PIN is refused. BeginCheck,
    // PinMatchesHash, then FinishCheck.
    Result<PinCheck> Check(std::string_view pin, WallClock::time_point now);

    // The same check in steps, so the slow hash can run on another thread while the database stays
    // on the caller's: BeginCheck reads the hash and the lock; PinMatchesHash (any thread) compares;
    // FinishCheck counts the outcome in one transaction. Nothing is written before FinishCheck, so
    // a check that never finishes (the kiosk killed, the screen left) counts for nothing and has
    // shown nothing. FinishCheck refuses, uncounted, when the stored hash is no longer `hash` (the
    // PIN was set again meanwhile).
    Result<PinCheckStart> BeginCheck(WallClock::time_point now);
    Result<PinCheck> FinishCheck(const std::string& hash, bool right, WallClock::time_point now);
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
