// The PIN hash, failure count and lock time are settings rows; a check and its bookkeeping are one
// transaction, so two quick attempts cannot both slip under the limit.
#include "store/staff_access.h"

#include <algorithm>

#include <sodium.h>

namespace ik {
namespace {

constexpr std::string_view kPinHashKey = "staff.pin_hash";
constexpr std::string_view kFailuresKey = "staff.failed_attempts";
constexpr std::string_view kLockedUntilKey = "staff.locked_until";

bool SodiumReady() {
    static const bool ready = sodium_init() >= 0;
    return ready;
}

} // namespace

std::string PinProblem(std::string_view pin) {
    if (!std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return "a PIN has digits only";
    if (pin.size() < static_cast<size_t>(kMinPinLength) || pin.size() > static_cast<size_t>(kMaxPinLength))
        return "a PIN has " + std::to_string(kMinPinLength) + " to " + std::to_string(kMaxPinLength) +
               " digits";
    return {};
}

Result<bool> StaffAccess::HasPin() const {
    Result<std::optional<std::string>> hash = m_settings.Get(kPinHashKey);
    if (!hash) return Error{hash.error()};
    return hash->has_value() && !(*hash)->empty();
}

// Argon2id at OWASP's recommended minimum (19 MiB, 2 passes) rather than libsodium's "interactive"
// 64 MiB: a 4-8 digit PIN is protected by the lockout, not by the cost of one guess, and 64 MiB for a
// moment took the kiosk over its 80 MB memory budget each time staff signed in. A PIN hashed with
// the old limits still verifies (the hash names its own limits) until the PIN is next changed.
constexpr unsigned long long kPinHashOps = 2;
constexpr std::size_t kPinHashMemory = 19 * 1024 * 1024;

Result<std::string> HashPin(std::string_view pin) {
    if (!SodiumReady()) return Error{"libsodium could not start"};
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hash, pin.data(), pin.size(), kPinHashOps, kPinHashMemory) != 0)
        return Error{"hashing the PIN: out of memory"};
    return std::string(hash);
}

bool PinMatchesHash(const std::string& hash, std::string_view pin) {
    return SodiumReady() && crypto_pwhash_str_verify(hash.c_str(), pin.data(), pin.size()) == 0;
}

Status StaffAccess::SetPin(std::string_view pin, WallClock::time_point now) {
    if (std::string problem = PinProblem(pin); !problem.empty()) return Error{problem};
    Result<std::string> hash = HashPin(pin);
    if (!hash) return Error{hash.error()};
    return StorePinHash(*hash, now);
}

Status StaffAccess::StorePinHash(const std::string& hash, WallClock::time_point now) {
    Result<Transaction> tx = Transaction::Begin(m_db);
    if (!tx) return Error{tx.error()};
    if (Status s = m_settings.Set(kPinHashKey, hash); !s) return s;
    if (Status s = m_settings.Erase(kFailuresKey); !s) return s;
    if (Status s = m_settings.Erase(kLockedUntilKey); !s) return s;
    if (Status s = Audit("set the staff PIN", now); !s) return s;
    return tx->Commit();
}

Result<std::optional<WallClock::time_point>> StaffAccess::LockedUntil(WallClock::time_point now) {
    Result<std::optional<std::string>> text = m_settings.Get(kLockedUntilKey);
    if (!text) return Error{text.error()};
    if (!*text) return std::optional<WallClock::time_point>();
    std::optional<WallClock::time_point> until = ParseUtcIso(**text);
    if (!until || *until <= now) return std::optional<WallClock::time_point>();
    // A clock set back must not stretch the lock: it never lasts longer than the lock duration from
    // now. The shortened time is kept, so every later check agrees on when the lock ends.
    if (*until > now + kPinLockDuration) {
        until = now + kPinLockDuration;
        if (Status s = m_settings.Set(kLockedUntilKey, FormatUtcIso(*until)); !s) return Error{s.error()};
    }
    return until;
}

Result<PinCheck> StaffAccess::Check(std::string_view pin, WallClock::time_point now) {
    Result<PinCheckStart> start = BeginCheck(now);
    if (!start) return Error{start.error()};
    if (start->decided) return *start->decided;
    return FinishCheck(start->hash, PinMatchesHash(start->hash, pin), now);
}

Result<PinCheckStart> StaffAccess::BeginCheck(WallClock::time_point now) {
    Result<std::optional<std::string>> hash = m_settings.Get(kPinHashKey);
    if (!hash) return Error{hash.error()};
    if (!*hash || (*hash)->empty()) return PinCheckStart{PinCheck{PinCheck::Outcome::NoPin}, {}};
    Result<std::optional<WallClock::time_point>> locked = LockedUntil(now);
    if (!locked) return Error{locked.error()};
    if (*locked) return PinCheckStart{PinCheck{PinCheck::Outcome::Locked, 0, **locked}, {}};
    if (!SodiumReady()) return Error{"libsodium could not start"};
    return PinCheckStart{std::nullopt, **hash};
}

Result<PinCheck> StaffAccess::FinishCheck(const std::string& hash, bool right, WallClock::time_point now) {
    Result<Transaction> tx = Transaction::Begin(m_db);
    if (!tx) return Error{tx.error()};
    // The PIN set again while this one was being compared: the answer is about the old PIN.
    Result<std::optional<std::string>> current = m_settings.Get(kPinHashKey);
    if (!current) return Error{current.error()};
    if (!*current || **current != hash)
        return Error{"the staff PIN was changed during the check; type it again"};
    PinCheck check;
    if (right) {
        check.outcome = PinCheck::Outcome::Accepted;
        if (Status s = m_settings.Erase(kFailuresKey); !s) return Error{s.error()};
        if (Status s = m_settings.Erase(kLockedUntilKey); !s) return Error{s.error()};
        if (Status s = Audit("signed in", now); !s) return Error{s.error()};
    } else {
        Result<std::optional<std::string>> failuresText = m_settings.Get(kFailuresKey);
        if (!failuresText) return Error{failuresText.error()};
        int failures = 1;
        if (*failuresText)
            failures += std::clamp(std::atoi((*failuresText)->c_str()), 0, kPinAttemptsBeforeLock);
        if (failures >= kPinAttemptsBeforeLock) {
            check.outcome = PinCheck::Outcome::Locked;
            check.lockedUntil = now + kPinLockDuration;
            if (Status s = m_settings.Set(kLockedUntilKey, FormatUtcIso(check.lockedUntil)); !s)
                return Error{s.error()};
            if (Status s = m_settings.Erase(kFailuresKey); !s) return Error{s.error()};
            if (Status s = Audit("staff mode locked after " + std::to_string(failures) + " wrong PINs", now);
                !s)
                return Error{s.error()};
        } else {
            check.outcome = PinCheck::Outcome::Wrong;
            check.attemptsLeft = kPinAttemptsBeforeLock - failures;
            if (Status s = m_settings.Set(kFailuresKey, std::to_string(failures)); !s)
                return Error{s.error()};
            if (Status s = Audit("wrong PIN", now); !s) return Error{s.error()};
        }
    }
    if (Status s = tx->Commit(); !s) return Error{s.error()};
    return check;
}

Status StaffAccess::Audit(std::string_view what, WallClock::time_point now, std::string_view who) {
    Status s =
        m_db.Run("INSERT INTO audit_log (at, who, what) VALUES (?1, ?2, ?3)", FormatUtcIso(now), who, what);
    if (!s) return Error{"writing the audit log: " + s.error()};
    return {};
}

Result<std::vector<AuditEntry>> StaffAccess::RecentAudit(int limit) const {
    Result<Statement> stmt =
        m_db.Query("SELECT at, who, what FROM audit_log ORDER BY id DESC LIMIT ?1", limit);
    if (!stmt) return Error{stmt.error()};
    std::vector<AuditEntry> entries;
    for (;;) {
        Result<bool> row = stmt->Step();
        if (!row) return Error{row.error()};
        if (!*row) break;
        entries.push_back({stmt->Text(0), stmt->Text(1), stmt->Text(2)});
    }
    return entries;
}

} // namespace ik
