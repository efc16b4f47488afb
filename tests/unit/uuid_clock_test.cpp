// Tests for response ids (UUIDv7: unique, ordered, right bits) and wall-clock text (UTC ISO-8601
// round trips, local offset and date across Amsterdam's summer time).
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

#include "core/clock.h"
#include "core/response_sink.h"
#include "core/uuid.h"

namespace ik {
namespace {

using namespace std::chrono;

std::uint64_t MillisOf(const std::string& uuid) {
    std::string hex = uuid.substr(0, 8) + uuid.substr(9, 4);
    return std::stoull(hex, nullptr, 16);
}

WallClock::time_point Utc(const std::string& iso) {
    std::optional<WallClock::time_point> t = ParseUtcIso(iso);
    EXPECT_TRUE(t.has_value()) << iso;
    return t.value_or(WallClock::time_point{});
}

// [SECTION] UUIDv7

TEST(Uuid, HasVersionSevenAndRfcVariant) {
    for (int i = 0; i < 1000; ++i) {
        const std::string id = NewUuidV7();
        ASSERT_TRUE(IsUuid(id)) << id;
        EXPECT_EQ(id[14], '7') << id;
        EXPECT_NE(std::string("89ab").find(id[19]), std::string::npos) << id;
    }
}

TEST(Uuid, CarriesTheCurrentUnixMillis) {
    const auto before = duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
    const std::string id = NewUuidV7();
    const auto after = duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
    // The counter may borrow a millisecond or two when ids are made very fast.
    EXPECT_GE(MillisOf(id), static_cast<std::uint64_t>(before));
    EXPECT_LE(MillisOf(id), static_cast<std::uint64_t>(after) + 2);
}

TEST(Uuid, HundredThousandAreUniqueAndSortInCreationOrder) {
    constexpr int kCount = 100000;
    std::vector<std::string> ids;
    ids.reserve(kCount);
    for (int i = 0; i < kCount; ++i)
        ids.push_back(NewUuidV7());

    const std::unordered_set<std::string> unique(ids.begin(), ids.end());
    EXPECT_EQ(unique.size(), ids.size());
    for (std::size_t i = 1; i < ids.size(); ++i)
        ASSERT_LT(ids[i - 1], ids[i]) << "at " << i;
    // Many were made within the same millisecond, which is what the counter is for.
    EXPECT_LT(MillisOf(ids.back()) - MillisOf(ids.front()), static_cast<std::uint64_t>(kCount));
}

TEST(Uuid, UniqueAcrossThreads) {
    constexpr int kThreads = 4;
    constexpr int kPerThread = 20000;
    std::mutex mutex;
    std::set<std::string> all;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&] {
            std::vector<std::string> mine;
            for (int i = 0; i < kPerThread; ++i)
                mine.push_back(NewUuidV7());
            std::lock_guard lock(mutex);
            all.insert(mine.begin(), mine.end());
        });
    }
    for (std::thread& thread : threads)
        thread.join();
    EXPECT_EQ(all.size(), static_cast<std::size_t>(kThreads * kPerThread));
}

TEST(Uuid, AtGivenMillisEncodesThem) {
    const std::string id = UuidV7At(0x0123456789abull);
    EXPECT_TRUE(IsUuid(id));
    EXPECT_EQ(id.substr(0, 15), "01234567-89ab-7");
    EXPECT_NE(std::string("89ab").find(id[19]), std::string::npos);
    EXPECT_NE(UuidV7At(0x0123456789abull), id); // the rest is random
    EXPECT_LT(UuidV7At(1000), UuidV7At(1001));
}

TEST(Uuid, IsUuidAcceptsOnlyCanonicalLowercaseText) {
    EXPECT_TRUE(IsUuid("0190f3a2-7b1c-7def-8a12-3456789abcde"));
    EXPECT_FALSE(IsUuid("0190F3A2-7B1C-7DEF-8A12-3456789ABCDE")); // ids are compared as text
    EXPECT_FALSE(IsUuid(""));
    EXPECT_FALSE(IsUuid("0190f3a27b1c7def8a123456789abcde"));
    EXPECT_FALSE(IsUuid("0190f3a2-7b1c-7def-8a12-3456789abcd"));
    EXPECT_FALSE(IsUuid("0190f3a2-7b1c-7def-8a12-3456789abcdef"));
    EXPECT_FALSE(IsUuid("0190f3a2_7b1c-7def-8a12-3456789abcde"));
    EXPECT_FALSE(IsUuid("0190f3a2-7b1c-7def-8a12-3456789abcdg"));
    EXPECT_FALSE(IsUuid("{190f3a2-7b1c-7def-8a12-3456789abcd}"));
}

// [SECTION] UTC text

TEST(Clock, FormatsUtcWithMilliseconds) {
    const auto t =
        sys_days{year{2026} / November / 21} + hours{14} + minutes{3} + seconds{7} + milliseconds{123};
    EXPECT_EQ(FormatUtcIso(time_point_cast<WallClock::duration>(t)), "2026-11-21T14:03:07.123Z");
    EXPECT_EQ(FormatUtcIso(WallClock::time_point{}), "1970-01-01T00:00:00.000Z");
    // Sub-millisecond digits are cut, not rounded up into the next second.
    EXPECT_EQ(FormatUtcIso(WallClock::time_point{} + microseconds{999999}), "1970-01-01T00:00:00.999Z");
    EXPECT_EQ(FormatUtcIso(WallClock::time_point{} - milliseconds{1}), "1969-12-31T23:59:59.999Z");
}

TEST(Clock, ParseRoundTripsFormat) {
    for (const char* text : {"2026-11-21T14:03:07.123Z", "2000-02-29T00:00:00.000Z",
                             "1999-12-31T23:59:59.999Z", "2038-01-19T03:14:08.001Z"}) {
        const std::optional<WallClock::time_point> t = ParseUtcIso(text);
        ASSERT_TRUE(t) << text;
        EXPECT_EQ(FormatUtcIso(*t), text);
    }
    const WallClock::time_point now = time_point_cast<milliseconds>(WallClock::now());
    EXPECT_EQ(ParseUtcIso(FormatUtcIso(now)), now);
}

TEST(Clock, ParseAcceptsNoMillisAndOffsets) {
    EXPECT_EQ(FormatUtcIso(Utc("2026-11-21T14:03:07Z")), "2026-11-21T14:03:07.000Z");
    EXPECT_EQ(FormatUtcIso(Utc("2026-11-21T15:03:07+01:00")), "2026-11-21T14:03:07.000Z");
    EXPECT_EQ(FormatUtcIso(Utc("2026-07-01T01:30:00.250+02:00")), "2026-06-30T23:30:00.250Z");
    EXPECT_EQ(FormatUtcIso(Utc("2026-11-21T08:33:07-05:30")), "2026-11-21T14:03:07.000Z");
    EXPECT_EQ(FormatUtcIso(Utc("2026-11-21T14:03:07.5Z")), "2026-11-21T14:03:07.500Z");
    EXPECT_EQ(FormatUtcIso(Utc("2026-11-21T14:03:07.123456789Z")), "2026-11-21T14:03:07.123Z");
}

TEST(Clock, ParseRejectsMalformedText) {
    for (const char* text :
         {"", "garbage", "2026-11-21", "2026-11-21T14:03:07", "2026-11-21 14:03:07Z", "2026-11-21T14:03:07.Z",
          "2026-11-21T14:03:07Zjunk", "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-21T24:00:00Z",
          "2026-11-21T14:60:00Z", "2026-11-21T14:03:07+0100", "2026-11-21T14:03:07+25:00",
          "26-11-21T14:03:07Z", "2026-11-21T14:03:07.1234567890Z"})
        EXPECT_FALSE(ParseUtcIso(text)) << text;
}

// [SECTION] Local time (TZ set per test, restored after)

class LocalTime : public ::testing::Test {
protected:
    void SetUp() override {
        if (const char* tz = std::getenv("TZ")) m_saved = tz;
        setenv("TZ", "Europe/Amsterdam", 1);
        tzset();
    }
    void TearDown() override {
        if (m_saved)
            setenv("TZ", m_saved->c_str(), 1);
        else
            unsetenv("TZ");
        tzset();
    }

private:
    std::optional<std::string> m_saved;
};

TEST_F(LocalTime, AmsterdamOffsetInWinterAndSummer) {
    EXPECT_EQ(LocalUtcOffsetMinutes(Utc("2026-01-15T12:00:00Z")), 60);
    EXPECT_EQ(LocalUtcOffsetMinutes(Utc("2026-07-15T12:00:00Z")), 120);
    // Summer time starts 2026-03-29 at 01:00 UTC.
    EXPECT_EQ(LocalUtcOffsetMinutes(Utc("2026-03-29T00:59:59Z")), 60);
    EXPECT_EQ(LocalUtcOffsetMinutes(Utc("2026-03-29T01:00:00Z")), 120);
}

TEST_F(LocalTime, LocalDateCrossesMidnightBeforeUtc) {
    EXPECT_EQ(LocalDate(Utc("2026-01-15T22:59:59Z")), "2026-01-15");
    EXPECT_EQ(LocalDate(Utc("2026-01-15T23:00:00Z")), "2026-01-16");
    EXPECT_EQ(LocalDate(Utc("2026-06-30T21:59:59Z")), "2026-06-30");
    EXPECT_EQ(LocalDate(Utc("2026-06-30T22:00:00Z")), "2026-07-01");
}

TEST(ResponseStatusNames, AreTheStoredWords) {
    EXPECT_STREQ(ResponseStatusName(ResponseStatus::InProgress), "in_progress");
    EXPECT_STREQ(ResponseStatusName(ResponseStatus::Completed), "completed");
    EXPECT_STREQ(ResponseStatusName(ResponseStatus::Abandoned), "abandoned");
}

} // namespace
} // namespace ik

namespace ik {
namespace {

// Regression: years past 2261 overflowed system_clock's nanoseconds (UBSan: signed overflow) when
// an export was filtered with --to 2999-12-31.
TEST(UtcIso, YearsTheClockCannotHoldAreRefusedNotWrapped) {
    EXPECT_FALSE(ParseUtcIso("2999-12-31T00:00:00Z"));
    EXPECT_FALSE(ParseUtcIso("1600-01-01T00:00:00Z"));
    EXPECT_TRUE(ParseUtcIso("2261-12-31T00:00:00Z"));
}

} // namespace
} // namespace ik
