// Names of response states as stored in the database and sent to the monitor; the text is a contract
// (the SQL CHECK constraint and the sync protocol use the same words).
#include "core/response_sink.h"

namespace ik {

const char* ResponseStatusName(ResponseStatus status) {
    switch (status) {
    case ResponseStatus::InProgress:
        return "in_progress";
    case ResponseStatus::Completed:
        return "completed";
    case ResponseStatus::Abandoned:
        return "abandoned";
    }
    return "in_progress"; // unreachable with a valid enum value; keeps -Wreturn-type quiet
}

} // namespace ik
