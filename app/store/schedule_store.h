// A questionnaire's schedule (when the kiosk takes answers), kept with the settings.
#pragma once

#include <string>

#include "core/result.h"
#include "core/schedule.h"
#include "store/database.h"

namespace ik {

// The schedule for questionnaire `id`; Always() when none was set.
Result<Schedule> LoadSchedule(Database& db, const std::string& id);
// Stores it; an Always() schedule removes the entry.
Status SaveSchedule(Database& db, const std::string& id, const Schedule& schedule);

} // namespace ik
