// The impactkiosk command line (DESIGN.md "Command line"): global options, the sub-commands, and
// exit codes 0 ok, 1 failure (one line per problem on stderr), 2 usage error. Running with no
// sub-command starts the kiosk through the runner main() passes in, so this library needs no display.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>

#include "cli/doctor.h"
#include "core/config.h"
#include "core/questionnaire.h"
#include "store/database.h"

namespace ik {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

struct GlobalOptions {
    std::optional<std::filesystem::path> dataDir;
    std::optional<std::filesystem::path> configFile;
    std::optional<std::pair<int, int>> windowed;   // --windowed WxH
    std::optional<std::filesystem::path> editFile; // `edit FILE`: the desk editor instead of the kiosk
};

using KioskRunner = std::function<int(const KioskConfig& config, const GlobalOptions& options)>;

// `probes` serve `impactkiosk doctor` (the display and font checks need what only the executable links).
int RunCommandLine(int argc, char** argv, const KioskRunner& runKiosk, const DoctorProbes& probes = {});

// The kiosk's database file in its data directory.
std::filesystem::path DatabaseFile(const KioskConfig& config);

// The questionnaire the kiosk shows: the active one, or (on a fresh kiosk) the bundled sample,
// imported and activated.
Result<Questionnaire> ActiveOrSampleQuestionnaire(Database& db);

} // namespace ik
