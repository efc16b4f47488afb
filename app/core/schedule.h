// When the kiosk takes answers: an optional date range and optional daily opening hours (on some
// weekdays only), per questionnaire. Outside them the attract screen says the survey is closed.
// Times are the kiosk's local wall-clock time.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/result.h"

namespace ik {

struct Schedule {
    std::string fromDate;     // "YYYY-MM-DD", inclusive; empty: no start
    std::string toDate;       // inclusive; empty: no end
    int openMinute = -1;      // minutes after midnight; -1: open all day
    int closeMinute = -1;     // exclusive; with openMinute
    unsigned weekdays = 0x7F; // bit 0 = Monday ... bit 6 = Sunday

    bool Always() const { return fromDate.empty() && toDate.empty() && openMinute < 0 && weekdays == 0x7F; }
    bool operator==(const Schedule&) const = default;
};

// The local time a schedule is checked against.
struct LocalTime {
    std::string date; // "YYYY-MM-DD"
    int weekday = 0;  // 0 = Monday
    int minute = 0;   // after midnight
};
LocalTime ToLocalTime(WallClock::time_point t);

bool IsOpen(const Schedule& schedule, const LocalTime& now);

// "09:30" -> 570; nullopt for anything else.
std::optional<int> ParseClockTime(std::string_view text);
std::string FormatClockTime(int minute);
// "09:00-17:00", or "" when open all day.
std::string OpeningHours(const Schedule& schedule);

// Problems with a schedule as staff entered it ("the end date is before the start date"), or "".
std::string ScheduleProblem(const Schedule& schedule);

std::string ScheduleToJson(const Schedule& schedule);
Result<Schedule> ScheduleFromJson(std::string_view json);

} // namespace ik
