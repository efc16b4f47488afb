// Wall-clock helpers: UTC ISO-8601 text and the local UTC offset, as stored with every response.
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace ik {

using WallClock = std::chrono::system_clock;

// "2026-11-21T14:03:07.123Z"
std::string FormatUtcIso(WallClock::time_point t);
std::optional<WallClock::time_point> ParseUtcIso(const std::string& text);
// Minutes east of UTC at `t` in the process's time zone (TZ), e.g. 60 in Amsterdam in winter.
int LocalUtcOffsetMinutes(WallClock::time_point t);
// "2026-11-21" in local time.
std::string LocalDate(WallClock::time_point t);

} // namespace ik
