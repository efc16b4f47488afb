// `impactkiosk doctor`: checks what a kiosk needs to run unattended (display, fonts, read-aloud, data
// folder, disk space, database, configuration, monitor, TLS, clock) and prints one line per check,
// "ok|warn|FAIL: what: finding (how to fix)". Exit 0 when nothing failed, 1 otherwise.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/config.h"
#include "core/result.h"

namespace ik {

// What only the executable can look at: it links GLFW and the UI's font lookup, this library does not.
struct DoctorProbes {
    std::function<Result<std::string>()> openDisplay; // "1920x1080 on :0", or why it cannot be opened
    std::filesystem::path fontDir;                    // where the kiosk looks for NotoSans-*.ttf
    std::function<Result<std::string>()> renderer;    // "OpenGL (a GPU is present)", or what is wrong
    // Read-aloud: "espeak-ng speaks ar, nl, ...; sound to ALSA default", or why visitors will hear nothing.
    std::function<Result<std::string>()> readAloud;
};

enum class DoctorLevel { Ok, Warn, Fail };

struct DoctorCheck {
    DoctorLevel level = DoctorLevel::Ok;
    std::string what;    // "display", "database", ...
    std::string finding; // what was found and, when not ok, what to do about it
};

// `config` is what the kiosk would run with; `configError` why the configuration file could not be
// loaded (then `config` holds the defaults), empty when it loaded.
std::vector<DoctorCheck> RunDoctorChecks(const KioskConfig& config, const std::string& configError,
                                         const DoctorProbes& probes);

// Prints the checks; returns the exit code.
int RunDoctor(const KioskConfig& config, const std::string& configError, const DoctorProbes& probes);

} // namespace ik
