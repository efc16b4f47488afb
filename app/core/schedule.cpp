// See schedule.h.
#include "core/schedule.h"

#include <chrono>
#include <cstdio>

#include <nlohmann/json.hpp>

namespace ik {
namespace {

bool IsDate(const std::string& text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    for (size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
        if (text[i] < '0' || text[i] > '9') return false;
    const int month = std::stoi(text.substr(5, 2)), day = std::stoi(text.substr(8, 2));
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

} // namespace

LocalTime ToLocalTime(WallClock::time_point t) {
    using namespace std::chrono;
    const auto local = t + minutes(LocalUtcOffsetMinutes(t));
    const auto day = floor<days>(local);
    const year_month_day ymd(day);
    char date[16];
    std::snprintf(date, sizeof date, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    LocalTime out;
    out.date = date;
    out.weekday = static_cast<int>(weekday(day).iso_encoding()) - 1;
    out.minute = static_cast<int>(duration_cast<minutes>(local - day).count());
    return out;
}

bool IsOpen(const Schedule& schedule, const LocalTime& now) {
    if (!schedule.fromDate.empty() && now.date < schedule.fromDate) return false;
    if (!schedule.toDate.empty() && now.date > schedule.toDate) return false;
    if (!(schedule.weekdays & (1u << now.weekday))) return false;
    if (schedule.openMinute >= 0 && schedule.closeMinute >= 0)
        return now.minute >= schedule.openMinute && now.minute < schedule.closeMinute;
    return true;
}

std::optional<int> ParseClockTime(std::string_view text) {
    // "09:30" or "9:30"
    const size_t colon = text.find(':');
    if (!((text.size() == 5 && colon == 2) || (text.size() == 4 && colon == 1))) return std::nullopt;
    int hours = 0, minutes = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        if (i == colon) continue;
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
        (i < colon ? hours : minutes) = (i < colon ? hours : minutes) * 10 + (text[i] - '0');
    }
    if (hours > 24 || minutes > 59 || (hours == 24 && minutes > 0)) return std::nullopt;
    return hours * 60 + minutes;
}

std::string FormatClockTime(int minute) {
    char text[32];
    std::snprintf(text, sizeof text, "%02d:%02d", minute / 60, minute % 60);
    return text;
}

std::string OpeningHours(const Schedule& schedule) {
    if (schedule.openMinute < 0 || schedule.closeMinute < 0) return {};
    return FormatClockTime(schedule.openMinute) + "\u2013" + FormatClockTime(schedule.closeMinute);
}

std::string ScheduleProblem(const Schedule& s) {
    if (!s.fromDate.empty() && !IsDate(s.fromDate)) return "the start date is not a date like 2026-09-01";
    if (!s.toDate.empty() && !IsDate(s.toDate)) return "the end date is not a date like 2026-12-31";
    if (!s.fromDate.empty() && !s.toDate.empty() && s.toDate < s.fromDate)
        return "the end date is before the start date";
    if ((s.openMinute < 0) != (s.closeMinute < 0))
        return "give both the opening and the closing time, or neither";
    if (s.openMinute >= 0 && s.closeMinute <= s.openMinute)
        return "the closing time must be after the opening time";
    if ((s.weekdays & 0x7F) == 0) return "choose at least one day";
    return {};
}

std::string ScheduleToJson(const Schedule& s) {
    nlohmann::json j = nlohmann::json::object();
    if (!s.fromDate.empty()) j["from"] = s.fromDate;
    if (!s.toDate.empty()) j["to"] = s.toDate;
    if (s.openMinute >= 0) {
        j["open"] = FormatClockTime(s.openMinute);
        j["close"] = FormatClockTime(s.closeMinute);
    }
    if (s.weekdays != 0x7F) {
        j["weekdays"] = nlohmann::json::array();
        for (int d = 0; d < 7; ++d)
            if (s.weekdays & (1u << d)) j["weekdays"].push_back(d + 1); // ISO: 1 = Monday
    }
    return j.dump();
}

Result<Schedule> ScheduleFromJson(std::string_view text) {
    const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_object()) return Error{"a schedule is a JSON object"};
    Schedule s;
    auto str = [&j](const char* key) {
        return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
    };
    s.fromDate = str("from");
    s.toDate = str("to");
    if (j.contains("open")) {
        std::optional<int> open = ParseClockTime(str("open")), close = ParseClockTime(str("close"));
        if (!open || !close) return Error{"a schedule's open and close are times like 09:00"};
        s.openMinute = *open;
        s.closeMinute = *close;
    }
    if (j.contains("weekdays")) {
        if (!j["weekdays"].is_array()) return Error{"a schedule's weekdays are numbers 1 (Monday) to 7"};
        s.weekdays = 0;
        for (const nlohmann::json& d : j["weekdays"]) {
            if (!d.is_number_integer() || d.get<int>() < 1 || d.get<int>() > 7)
                return Error{"a schedule's weekdays are numbers 1 (Monday) to 7"};
            s.weekdays |= 1u << (d.get<int>() - 1);
        }
    }
    if (std::string problem = ScheduleProblem(s); !problem.empty()) return Error{problem};
    return s;
}

} // namespace ik
