// Configuration loading with toml++ (Debian's libtomlplusplus-dev).
#include "cli/config.h"

#include <cstdlib>
#include <unistd.h>

#include <toml++/toml.h>

namespace ik {
namespace {

std::filesystem::path Home() {
    const char* home = std::getenv("HOME");
    return home && *home ? home : "/tmp";
}

std::string HostName() {
    char name[256] = {};
    if (gethostname(name, sizeof name - 1) != 0 || !*name) return "kiosk";
    return name;
}

} // namespace

std::filesystem::path DefaultDataDir() {
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
        return std::filesystem::path(xdg) / "impactkiosk";
    return Home() / ".local/share/impactkiosk";
}

std::filesystem::path DefaultConfigFile() {
    if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg)
        return std::filesystem::path(xdg) / "impactkiosk/config.toml";
    return Home() / ".config/impactkiosk/config.toml";
}

Result<KioskConfig> LoadConfig(const std::optional<std::filesystem::path>& explicitFile) {
    KioskConfig config;
    config.kioskId = HostName();
    config.dataDir = DefaultDataDir();
    const std::filesystem::path file = explicitFile.value_or(DefaultConfigFile());
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) {
        if (explicitFile) return Error{file.string() + ": no such file"};
        return config;
    }
    toml::table table;
    try {
        table = toml::parse_file(file.string());
    } catch (const toml::parse_error& e) {
        return Error{file.string() + ":" + std::to_string(e.source().begin.line) + ": " +
                     std::string(e.description())};
    }
    config.source = file;

    std::string problem;
    auto where = [&](const char* section, const char* key) {
        const toml::node* node = table[section][key].node();
        const auto line = node ? node->source().begin.line : 0;
        return file.string() + ":" + std::to_string(line) + ": [" + section + "] " + key + ": ";
    };
    auto text = [&](const char* section, const char* key, auto& out) {
        const toml::node* node = table[section][key].node();
        if (!node) return;
        if (!node->is_string()) {
            if (problem.empty()) problem = where(section, key) + "must be a string";
            return;
        }
        out = **node->as_string();
    };
    auto number = [&](const char* section, const char* key, auto& out, double low, double high) {
        const toml::node* node = table[section][key].node();
        if (!node) return;
        std::optional<double> value = node->value<double>();
        if (!value || *value < low || *value > high) {
            if (problem.empty())
                problem = where(section, key) + "must be a number between " +
                          std::to_string(static_cast<long>(low)) + " and " +
                          std::to_string(static_cast<long>(high));
            return;
        }
        out = static_cast<std::remove_reference_t<decltype(out)>>(*value);
    };
    std::string dataDir, tokenFile, caFile;
    text("kiosk", "id", config.kioskId);
    text("kiosk", "branch", config.branch);
    text("kiosk", "data_dir", dataDir);
    text("sync", "endpoint", config.syncEndpoint);
    text("sync", "token_file", tokenFile);
    text("sync", "ca_file", caFile);
    number("sync", "interval_seconds", config.syncIntervalSeconds, 5, 86400);
    number("sync", "batch_size", config.batchSize, 1, 10000);
    number("privacy", "min_group_size", config.minGroupSize, 1, 1000);
    number("visitor", "idle_timeout_seconds", config.idleTimeoutSeconds, 10, 3600);
    number("visitor", "idle_countdown_seconds", config.idleCountdownSeconds, 3, 120);
    number("visitor", "thanks_seconds", config.thanksSeconds, 1, 60);
    if (!problem.empty()) return Error{problem};
    if (!dataDir.empty()) config.dataDir = dataDir;
    if (!tokenFile.empty()) config.tokenFile = tokenFile;
    if (!caFile.empty()) config.caFile = caFile;
    if (config.kioskId.empty()) return Error{where("kiosk", "id") + "must not be empty"};
    return config;
}

} // namespace ik
