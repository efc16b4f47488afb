// Opening hours and date ranges: open exactly from the opening minute up to (not including) the
// closing minute, on the chosen weekdays, within the dates; stored and read back unchanged.
#include <gtest/gtest.h>

#include "core/schedule.h"

namespace ik {
namespace {

LocalTime At(const char* date, int weekday, const char* time) {
    return {date, weekday, *ParseClockTime(time)};
}

TEST(Schedule, NoScheduleIsAlwaysOpen) {
    EXPECT_TRUE(Schedule{}.Always());
    EXPECT_TRUE(IsOpen(Schedule{}, At("2026-11-21", 5, "03:00")));
}

TEST(Schedule, OpeningHoursIncludeTheOpeningMinuteNotTheClosingOne) {
    Schedule s;
    s.openMinute = *ParseClockTime("09:00");
    s.closeMinute = *ParseClockTime("17:30");
    EXPECT_FALSE(IsOpen(s, At("2026-11-23", 0, "08:59")));
    EXPECT_TRUE(IsOpen(s, At("2026-11-23", 0, "09:00")));
    EXPECT_TRUE(IsOpen(s, At("2026-11-23", 0, "17:29")));
    EXPECT_FALSE(IsOpen(s, At("2026-11-23", 0, "17:30")));
    EXPECT_EQ(OpeningHours(s), "09:00\u201317:30");
}

TEST(Schedule, DatesAreInclusiveAndWeekdaysCount) {
    Schedule s;
    s.fromDate = "2026-09-01";
    s.toDate = "2026-12-31";
    s.weekdays = 0b0011111; // Monday to Friday
    EXPECT_FALSE(IsOpen(s, At("2026-08-31", 0, "12:00")));
    EXPECT_TRUE(IsOpen(s, At("2026-09-01", 1, "12:00")));
    EXPECT_TRUE(IsOpen(s, At("2026-12-31", 3, "12:00")));
    EXPECT_FALSE(IsOpen(s, At("2027-01-01", 4, "12:00")));
    EXPECT_FALSE(IsOpen(s, At("2026-11-21", 5, "12:00"))); // a Saturday
}

TEST(Schedule, ClockTimesAreHoursAndMinutes) {
    EXPECT_EQ(ParseClockTime("9:30"), 570);
    EXPECT_EQ(ParseClockTime("24:00"), 1440);
    for (const char* bad : {"", "9", "930", "09:60", "25:00", "24:01", "ab:cd", "09:3", "-1:00"})
        EXPECT_FALSE(ParseClockTime(bad)) << bad;
}

TEST(Schedule, ProblemsAreNamed) {
    Schedule s;
    s.fromDate = "2026-12-01";
    s.toDate = "2026-11-01";
    EXPECT_NE(ScheduleProblem(s).find("before the start"), std::string::npos);
    s = {};
    s.openMinute = 600;
    EXPECT_NE(ScheduleProblem(s).find("both"), std::string::npos);
    s.closeMinute = 540;
    EXPECT_NE(ScheduleProblem(s).find("after the opening"), std::string::npos);
    s = {};
    s.weekdays = 0;
    EXPECT_NE(ScheduleProblem(s).find("at least one day"), std::string::npos);
    s = {};
    s.fromDate = "2026-13-01";
    EXPECT_NE(ScheduleProblem(s), "");
}

TEST(Schedule, JsonRoundTrip) {
    Schedule s;
    s.fromDate = "2026-09-01";
    s.openMinute = 540;
    s.closeMinute = 1020;
    s.weekdays = 0b1000001; // Monday and Sunday
    EXPECT_EQ(ScheduleToJson(s), R"({"close":"17:00","from":"2026-09-01","open":"09:00","weekdays":[1,7]})");
    Result<Schedule> back = ScheduleFromJson(ScheduleToJson(s));
    ASSERT_TRUE(back) << back.error();
    EXPECT_EQ(*back, s);
    EXPECT_FALSE(ScheduleFromJson("[]"));
    EXPECT_FALSE(ScheduleFromJson(R"({"open":"9"})"));
    EXPECT_FALSE(ScheduleFromJson(R"({"weekdays":[0]})"));
}

TEST(Schedule, LocalTimeHasTheIsoWeekday) {
    const LocalTime t = ToLocalTime(*ParseUtcIso("2026-11-23T12:00:00Z")); // a Monday
    EXPECT_EQ(t.weekday, 0);
}

} // namespace
} // namespace ik
