// Schedules are settings rows "schedule:<questionnaire id>" holding JSON (core/schedule.h).
#include "store/schedule_store.h"

#include "store/settings_store.h"

namespace ik {

Result<Schedule> LoadSchedule(Database& db, const std::string& id) {
    Result<std::optional<std::string>> text = SettingsStore(db).Get("schedule:" + id);
    if (!text) return Error{text.error()};
    if (!*text) return Schedule{};
    Result<Schedule> schedule = ScheduleFromJson(**text);
    if (!schedule) return Error{"the schedule of \"" + id + "\": " + schedule.error()};
    return schedule;
}

Status SaveSchedule(Database& db, const std::string& id, const Schedule& schedule) {
    if (std::string problem = ScheduleProblem(schedule); !problem.empty()) return Error{problem};
    SettingsStore settings(db);
    return schedule.Always() ? settings.Erase("schedule:" + id)
                             : settings.Set("schedule:" + id, ScheduleToJson(schedule));
}

} // namespace ik
