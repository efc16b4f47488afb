// The kiosk's configuration: built-in defaults, then the TOML file, then the command line. Paths
// follow XDG for a user (~/.local/share/impactkiosk, ~/.config/impactkiosk/config.toml).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/speech.h"

namespace ik {

// The language of the staff screens ([staff] language): Dutch unless a kiosk says otherwise, as its
// staff are Dutch librarians. The visitor's language is chosen per visitor, not here.
enum class StaffLanguage { Dutch, English };
// "nl", "en"
const char* StaffLanguageCode(StaffLanguage language);
std::optional<StaffLanguage> ParseStaffLanguage(std::string_view code);

struct KioskConfig {
    std::string kioskId; // [kiosk] id; the host name when not set
    std::string branch;  // [kiosk] branch
    // [sync]
    std::string syncEndpoint;
    std::filesystem::path tokenFile;
    std::filesystem::path caFile;
    int syncIntervalSeconds = 60;
    int batchSize = 200;
    bool sendFreeText = false; // free-text answers go to the monitor only when this is on
    // [privacy]
    int minGroupSize = 5;
    bool freeText = false; // text questions are shown to visitors only when staff turned this on
    // [visitor]
    double idleTimeoutSeconds = 45;
    double idleCountdownSeconds = 15;
    double thanksSeconds = 6;
    std::vector<std::string> languages; // offered to visitors (of the questionnaire's); empty: all
    // [staff]
    StaffLanguage staffLanguage = StaffLanguage::Dutch;
    // [speech]: read-aloud on at the start of every visit, its volume (%) and rate (words a minute)
    SpeechSettings speech;

    std::filesystem::path dataDir; // [kiosk] data_dir, or --data-dir
    std::filesystem::path source;  // the file it came from; empty for defaults only
};

std::filesystem::path DefaultDataDir();
std::filesystem::path DefaultConfigFile();

// Reads `file` (an explicit --config must exist; the default file may be absent). Problems name the
// file, the line and the key: "config.toml:4: [sync] batch_size: must be between 1 and 10000".
Result<KioskConfig> LoadConfig(const std::optional<std::filesystem::path>& file);

// What is wrong with the settings a person entered, per setting ("sync.endpoint", "must start with
// https:// or http://"); empty when all is well. The same rules LoadConfig applies to a file.
struct ConfigProblem {
    std::string key; // "section.key"
    std::string message;
};
std::vector<ConfigProblem> CheckConfig(const KioskConfig& config);

// Writes the settings to `file` (FILE.tmp, then rename), keeping keys it does not know about.
// Comments in the old file are not kept.
Status SaveConfig(const KioskConfig& config, const std::filesystem::path& file);

} // namespace ik
