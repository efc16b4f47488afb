// UTC ISO-8601 formatting and parsing (C++20 calendar types, no time zone database needed) and the
// local offset and date from the C library's TZ handling (localtime_r, tm_gmtoff).
#include "core/clock.h"

#include <time.h>

#include <cstdio>
#include <string_view>

namespace ik {
namespace {

using namespace std::chrono;

// Reads exactly `count` decimal digits at `pos`; advances `pos`.
bool ReadDigits(std::string_view text, std::size_t& pos, std::size_t count, int& out) {
    if (pos + count > text.size()) return false;
    int value = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const char c = text[pos + i];
        if (c < '0' || c > '9') return false;
        value = value * 10 + (c - '0');
    }
    pos += count;
    out = value;
    return true;
}

bool Expect(std::string_view text, std::size_t& pos, char c) {
    if (pos >= text.size() || text[pos] != c) return false;
    ++pos;
    return true;
}

std::tm LocalTm(WallClock::time_point t) {
    const std::time_t seconds = WallClock::to_time_t(floor<std::chrono::seconds>(t));
    std::tm tm{};
    localtime_r(&seconds, &tm);
    return tm;
}

} // namespace

std::string FormatUtcIso(WallClock::time_point t) {
    const auto ms = floor<milliseconds>(t);
    const auto day = floor<days>(ms);
    const year_month_day date{day};
    const hh_mm_ss time{ms - day};
    char buf[80]; // room for any field values, so no truncation is possible
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                  static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                  static_cast<int>(time.seconds().count()), static_cast<int>(time.subseconds().count()));
    return buf;
}

// Accepts "YYYY-MM-DDTHH:MM:SS", optionally ".f" with 1-9 fraction digits, then "Z" or "+HH:MM" /
// "-HH:MM". Anything else (including out-of-range fields like February 30) is nullopt.
std::optional<WallClock::time_point> ParseUtcIso(const std::string& text) {
    const std::string_view s = text;
    std::size_t pos = 0;
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
    if (!ReadDigits(s, pos, 4, y) || !Expect(s, pos, '-') || !ReadDigits(s, pos, 2, mo) ||
        !Expect(s, pos, '-') || !ReadDigits(s, pos, 2, d) || !Expect(s, pos, 'T') ||
        !ReadDigits(s, pos, 2, h) || !Expect(s, pos, ':') || !ReadDigits(s, pos, 2, mi) ||
        !Expect(s, pos, ':') || !ReadDigits(s, pos, 2, sec))
        return std::nullopt;
    // system_clock counts nanoseconds in 64 bits: 1677..2262. Outside that the arithmetic overflows.
    if (y < 1678 || y > 2261) return std::nullopt;

    nanoseconds fraction{0};
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        std::size_t digits = 0;
        long long value = 0;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9' && digits < 9) {
            value = value * 10 + (s[pos] - '0');
            ++pos;
            ++digits;
        }
        if (digits == 0) return std::nullopt;
        for (std::size_t i = digits; i < 9; ++i)
            value *= 10;
        fraction = nanoseconds{value};
    }

    minutes offset{0};
    if (Expect(s, pos, 'Z')) {
        // UTC
    } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
        const bool negative = s[pos] == '-';
        ++pos;
        int oh = 0, om = 0;
        if (!ReadDigits(s, pos, 2, oh) || !Expect(s, pos, ':') || !ReadDigits(s, pos, 2, om) || oh > 23 ||
            om > 59)
            return std::nullopt;
        offset = minutes{(negative ? -1 : 1) * (oh * 60 + om)};
    } else {
        return std::nullopt;
    }
    if (pos != s.size()) return std::nullopt;

    const year_month_day date{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
    if (!date.ok() || h > 23 || mi > 59 || sec > 59) return std::nullopt;

    const auto local = sys_days{date} + hours{h} + minutes{mi} + seconds{sec} + fraction;
    return time_point_cast<WallClock::duration>(local - offset);
}

int LocalUtcOffsetMinutes(WallClock::time_point t) {
    return static_cast<int>(LocalTm(t).tm_gmtoff / 60);
}

std::string LocalDate(WallClock::time_point t) {
    const std::tm tm = LocalTm(t);
    char buf[48]; // room for any int fields, so no truncation is possible
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    return buf;
}

} // namespace ik
