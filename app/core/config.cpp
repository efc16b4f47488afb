// Configuration loading with toml++ (Debian's libtomlplusplus-dev).
#include "core/config.h"

#include <cstdlib>
#include <sstream>
#include <unistd.h>

#include <toml++/toml.h>

#include "core/atomic_file.h"

namespace ik {
namespace {

std::filesystem::path Home() {
    const char* home = std::getenv("HOME");
    return home && *home ? home : "/tmp";
}

// The allowed range of each number setting, shared by LoadConfig and CheckConfig.
struct NumberRule {
    const char* section;
    const char* key;
    double low, high;
};
constexpr NumberRule kSyncInterval{"sync", "interval_seconds", 5, 86400};
constexpr NumberRule kBatchSize{"sync", "batch_size", 1, 10000};
constexpr NumberRule kMinGroup{"privacy", "min_group_size", 1, 1000};
constexpr NumberRule kIdle{"visitor", "idle_timeout_seconds", 10, 3600};
constexpr NumberRule kCountdown{"visitor", "idle_countdown_seconds", 3, 120};
constexpr NumberRule kThanks{"visitor", "thanks_seconds", 1, 60};
// espeak-ng speaks 80-450 words a minute; past 300 nobody who needs read-aloud follows it.
constexpr NumberRule kSpeechVolume{"speech", "volume", 0, 100};
constexpr NumberRule kSpeechRate{"speech", "rate", 80, 300};

std::string RangeText(const NumberRule& rule) {
    return "must be a number between " + std::to_string(static_cast<long>(rule.low)) + " and " +
           std::to_string(static_cast<long>(rule.high));
}

bool IsLanguageCode(const std::string& code) {
    if (code.size() < 2 || code.size() > 8) return false;
    for (char c : code)
        if (!((c >= 'a' && c <= 'z') || c == '-')) return false;
    return true;
}

std::string HostName() {
    char name[256] = {};
    if (gethostname(name, sizeof name - 1) != 0 || !*name) return "kiosk";
    return name;
}

} // namespace

const char* StaffLanguageCode(StaffLanguage language) {
    return language == StaffLanguage::English ? "en" : "nl";
}

std::optional<StaffLanguage> ParseStaffLanguage(std::string_view code) {
    if (code == "nl") return StaffLanguage::Dutch;
    if (code == "en") return StaffLanguage::English;
    return std::nullopt;
}

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
    auto number = [&](const NumberRule& rule, auto& out) {
        const toml::node* node = table[rule.section][rule.key].node();
        if (!node) return;
        std::optional<double> value = node->value<double>();
        if (!value || *value < rule.low || *value > rule.high) {
            if (problem.empty()) problem = where(rule.section, rule.key) + RangeText(rule);
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
    number(kSyncInterval, config.syncIntervalSeconds);
    number(kBatchSize, config.batchSize);
    number(kMinGroup, config.minGroupSize);
    number(kIdle, config.idleTimeoutSeconds);
    number(kCountdown, config.idleCountdownSeconds);
    number(kThanks, config.thanksSeconds);
    number(kSpeechVolume, config.speech.volume);
    number(kSpeechRate, config.speech.rate);
    if (const toml::node* node = table["speech"]["start_on"].node()) {
        if (!node->is_boolean()) {
            if (problem.empty()) problem = where("speech", "start_on") + "must be true or false";
        } else {
            config.speech.startOn = **node->as_boolean();
        }
    }
    if (const toml::node* node = table["sync"]["send_free_text"].node()) {
        if (!node->is_boolean())
            problem = where("sync", "send_free_text") + "must be true or false";
        else
            config.sendFreeText = **node->as_boolean();
    }
    if (const toml::node* node = table["privacy"]["free_text"].node()) {
        if (!node->is_boolean())
            problem = where("privacy", "free_text") + "must be true or false";
        else
            config.freeText = **node->as_boolean();
    }
    if (const toml::node* node = table["visitor"]["languages"].node()) {
        const toml::array* list = node->as_array();
        if (!list) problem = where("visitor", "languages") + "must be a list like [\"nl\", \"en\"]";
        for (size_t i = 0; list && i < list->size(); ++i) {
            std::optional<std::string> code = (*list)[i].value<std::string>();
            if (!code || !IsLanguageCode(*code)) {
                if (problem.empty())
                    problem = where("visitor", "languages") + "must be language codes like \"nl\"";
                break;
            }
            config.languages.push_back(*code);
        }
    }
    if (table["staff"]["language"].node()) {
        std::string code;
        text("staff", "language", code);
        if (std::optional<StaffLanguage> language = ParseStaffLanguage(code))
            config.staffLanguage = *language;
        else if (problem.empty())
            problem = where("staff", "language") + "must be \"nl\" or \"en\"";
    }
    if (!problem.empty()) return Error{problem};
    if (!dataDir.empty()) config.dataDir = dataDir;
    if (!tokenFile.empty()) config.tokenFile = tokenFile;
    if (!caFile.empty()) config.caFile = caFile;
    if (config.kioskId.empty()) return Error{where("kiosk", "id") + "must not be empty"};
    return config;
}

std::vector<ConfigProblem> CheckConfig(const KioskConfig& config) {
    std::vector<ConfigProblem> problems;
    auto range = [&problems](const NumberRule& rule, double value) {
        if (value < rule.low || value > rule.high)
            problems.push_back({std::string(rule.section) + "." + rule.key, RangeText(rule)});
    };
    if (config.kioskId.empty()) problems.push_back({"kiosk.id", "must not be empty"});
    for (char c : config.kioskId)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
              c == '_' || c == '.')) {
            problems.push_back({"kiosk.id", "letters, digits, \"-\", \"_\" and \".\" only"});
            break;
        }
    const std::string& url = config.syncEndpoint;
    if (!url.empty() && url.rfind("https://", 0) != 0 && url.rfind("http://", 0) != 0)
        problems.push_back({"sync.endpoint", "must start with https:// (or http:// on a test network)"});
    if (!config.caFile.empty()) {
        std::error_code ec;
        if (!std::filesystem::is_regular_file(config.caFile, ec))
            problems.push_back({"sync.ca_file", "no such file: " + config.caFile.string()});
    }
    range(kSyncInterval, config.syncIntervalSeconds);
    range(kBatchSize, config.batchSize);
    range(kMinGroup, config.minGroupSize);
    range(kIdle, config.idleTimeoutSeconds);
    range(kCountdown, config.idleCountdownSeconds);
    range(kThanks, config.thanksSeconds);
    range(kSpeechVolume, config.speech.volume);
    range(kSpeechRate, config.speech.rate);
    for (const std::string& code : config.languages)
        if (!IsLanguageCode(code)) {
            problems.push_back({"visitor.languages", "\"" + code + "\" is not a language code like \"nl\""});
            break;
        }
    return problems;
}

Status SaveConfig(const KioskConfig& config, const std::filesystem::path& file) {
    toml::table table;
    std::error_code ec;
    if (std::filesystem::exists(file, ec)) {
        try {
            table = toml::parse_file(file.string());
        } catch (const toml::parse_error& e) {
            return Error{file.string() + ":" + std::to_string(e.source().begin.line) + ": " +
                         std::string(e.description())};
        }
    }
    auto section = [&table](const char* name) -> toml::table& {
        if (!table[name].is_table()) table.insert_or_assign(name, toml::table{});
        return *table[name].as_table();
    };
    toml::table& kiosk = section("kiosk");
    kiosk.insert_or_assign("id", config.kioskId);
    kiosk.insert_or_assign("branch", config.branch);
    toml::table& sync = section("sync");
    sync.insert_or_assign("endpoint", config.syncEndpoint);
    sync.insert_or_assign("token_file", config.tokenFile.string());
    sync.insert_or_assign("ca_file", config.caFile.string());
    sync.insert_or_assign("interval_seconds", config.syncIntervalSeconds);
    sync.insert_or_assign("batch_size", config.batchSize);
    sync.insert_or_assign("send_free_text", config.sendFreeText);
    toml::table& privacy = section("privacy");
    privacy.insert_or_assign("min_group_size", config.minGroupSize);
    privacy.insert_or_assign("free_text", config.freeText);
    toml::table& visitor = section("visitor");
    visitor.insert_or_assign("idle_timeout_seconds", config.idleTimeoutSeconds);
    visitor.insert_or_assign("idle_countdown_seconds", config.idleCountdownSeconds);
    visitor.insert_or_assign("thanks_seconds", config.thanksSeconds);
    toml::array languages;
    for (const std::string& code : config.languages)
        languages.push_back(code);
    visitor.insert_or_assign("languages", languages);
    section("staff").insert_or_assign("language", StaffLanguageCode(config.staffLanguage));
    toml::table& speech = section("speech");
    speech.insert_or_assign("start_on", config.speech.startOn);
    speech.insert_or_assign("volume", config.speech.volume);
    speech.insert_or_assign("rate", config.speech.rate);
    std::ostringstream text;
    text << "# Impactkiosk settings (written by the kiosk's staff screen; see docs/operator-guide.md)\n"
         << table << "\n";
    std::filesystem::create_directories(file.parent_path(), ec);
    return WriteFileAtomically(file, text.str());
}

} // namespace ik
