// `impactkiosk doctor`: one function per check, each saying what it found and what to do about it.
// The checks only read, except that the data folder gets a probe file (written and removed) and the
// database is opened as the kiosk opens it (which creates and migrates it as the kiosk would).
#include "cli/doctor.h"

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <memory>
#include <pwd.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <curl/curl.h>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "store/response_store.h"
#include "store/settings_store.h"
#include "sync/client/batch_sender.h"

namespace ik {
namespace {

namespace fs = std::filesystem;

constexpr std::uintmax_t kDiskFailBytes = 200ull << 20; // the staff home screen warns below this too
constexpr std::uintmax_t kDiskWarnBytes = 1ull << 30;
constexpr long kClockWarnSeconds = 120;
constexpr long kClockFailSeconds = 3600;
constexpr int kEarliestSaneYear = 2024;

DoctorCheck Ok(std::string what, std::string finding) {
    return {DoctorLevel::Ok, std::move(what), std::move(finding)};
}
DoctorCheck Warn(std::string what, std::string finding) {
    return {DoctorLevel::Warn, std::move(what), std::move(finding)};
}
DoctorCheck Fail(std::string what, std::string finding) {
    return {DoctorLevel::Fail, std::move(what), std::move(finding)};
}

std::string UserName() {
    if (const passwd* pw = getpwuid(geteuid())) return pw->pw_name;
    return "uid " + std::to_string(geteuid());
}

std::string Megabytes(std::uintmax_t bytes) {
    return std::to_string(bytes >> 20) + " MB";
}

// [SECTION] configuration

void CheckConfiguration(const KioskConfig& config, const std::string& configError,
                        std::vector<DoctorCheck>& out) {
    if (!configError.empty()) {
        out.push_back(Fail("config", configError + " (fix that line; the other checks use the defaults)"));
        return;
    }
    if (config.source.empty()) {
        out.push_back(Ok("config", "no configuration file, built-in defaults (a system kiosk uses --config "
                                   "/etc/impactkiosk/config.toml)"));
    } else {
        std::vector<ConfigProblem> problems = CheckConfig(config);
        for (const ConfigProblem& problem : problems)
            out.push_back(
                Fail("config", config.source.string() + ": " + problem.key + ": " + problem.message));
        if (problems.empty()) out.push_back(Ok("config", config.source.string() + " is valid"));
        // The staff Settings screen writes FILE.tmp beside the file and renames it over the file.
        const fs::path dir = config.source.has_parent_path() ? config.source.parent_path() : fs::path(".");
        if (access(config.source.c_str(), W_OK) != 0 || access(dir.c_str(), W_OK) != 0)
            out.push_back(Warn("config", config.source.string() + " cannot be changed by " + UserName() +
                                             ": the staff Settings screen cannot save (the kiosk user needs "
                                             "write access to the file and its folder)"));
    }
    if (config.kioskId.empty()) out.push_back(Fail("config", "[kiosk] id is empty: give the kiosk a name"));
}

// [SECTION] display and fonts

DoctorCheck CheckDisplay(const DoctorProbes& probes) {
    const char* display = std::getenv("DISPLAY");
    const char* session = std::getenv("XDG_SESSION_TYPE");
    if (!display || !*display)
        return Warn("display", "DISPLAY is not set, so no screen was checked: run doctor in the kiosk's X "
                               "session, or as the kiosk user with DISPLAY=:0");
    if (!probes.openDisplay) return Warn("display", "this build cannot check the display");
    Result<std::string> opened = probes.openDisplay();
    if (!opened)
        return Fail("display", std::string("cannot open ") + display + ": " + opened.error() +
                                   " (is the X server running, and may this user use it? see "
                                   "docs/install-kiosk.md)");
    if (session && std::string(session) == "wayland")
        return Warn("display", *opened + ", but this is a Wayland session: touch works only in an X11 "
                                         "session (the impactkiosk service starts one)");
    return Ok("display", *opened);
}

DoctorCheck CheckRenderer(const DoctorProbes& probes) {
    Result<std::string> renderer = probes.renderer();
    if (!renderer)
        return Fail("renderer",
                    renderer.error() + ": the kiosk will not start (docs/install-kiosk.md, section 8)");
    return Ok("renderer", "drawn with " + *renderer);
}

DoctorCheck CheckFonts(const DoctorProbes& probes) {
    for (const char* name : {"NotoSans-Regular.ttf", "NotoSans-Bold.ttf"}) {
        const fs::path file = probes.fontDir / name;
        std::ifstream in(file, std::ios::binary);
        if (!in)
            return Fail("fonts", file.string() + " is missing: apt install fonts-noto-core (or set "
                                                 "IMPACTKIOSK_FONT_DIR)");
    }
    // Arabic and Farsi, Tigrinya and Amharic need their own faces; without them those visitors see
    // boxes, but everyone else can still answer.
    std::string missing;
    for (const char* name : {"NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf",
                             "NotoSansEthiopic-Regular.ttf", "NotoSansEthiopic-Bold.ttf"})
        if (!std::ifstream(probes.fontDir / name, std::ios::binary))
            missing += (missing.empty() ? "" : ", ") + std::string(name);
    if (!missing.empty())
        return Warn("fonts", "missing " + missing +
                                 ": Arabic, Farsi or Tigrinya show as boxes (apt install "
                                 "fonts-noto-core)");
    return Ok("fonts", "Noto Sans, Noto Sans Arabic and Noto Sans Ethiopic in " + probes.fontDir.string());
}

DoctorCheck CheckReadAloud(const DoctorProbes& probes) {
    Result<std::string> voice = probes.readAloud();
    if (!voice)
        return Warn("read aloud", voice.error() + ": visitors get no speaker button (docs/install-kiosk.md, "
                                                  "sound)");
    return Ok("read aloud", *voice);
}

// [SECTION] data folder, disk, database

DoctorCheck CheckDataDir(const fs::path& dir) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec)
        return Fail("data folder",
                    dir.string() + " cannot be created by " + UserName() + ": " + ec.message());
    const fs::path probe = dir / (".doctor-probe-" + std::to_string(getpid()));
    {
        std::ofstream out(probe);
        out << "probe\n";
        out.flush();
        if (!out) {
            fs::remove(probe, ec);
            return Fail("data folder", dir.string() + " is not writable by " + UserName() +
                                           ": answers cannot be saved (chown it to the kiosk user)");
        }
    }
    fs::remove(probe, ec);
    return Ok("data folder", dir.string() + " is writable by " + UserName());
}

DoctorCheck CheckDisk(const fs::path& dir) {
    struct statvfs info {};
    if (statvfs(dir.c_str(), &info) != 0)
        return Warn("disk space", "cannot tell for " + dir.string() + ": " + std::strerror(errno));
    const std::uintmax_t available = static_cast<std::uintmax_t>(info.f_bavail) * info.f_frsize;
    const std::string text = Megabytes(available) + " free for " + dir.string();
    if (available < kDiskFailBytes)
        return Fail("disk space", text + ": free space (old exports, logs) or the kiosk will stop saving");
    if (available < kDiskWarnBytes) return Warn("disk space", text + ": getting low");
    return Ok("disk space", text);
}

void CheckDatabase(const KioskConfig& config, std::vector<DoctorCheck>& out) {
    const fs::path file = DatabaseFile(config);
    std::error_code ec;
    if (!fs::exists(file, ec)) {
        out.push_back(
            Ok("database", file.string() + " is not there yet; the kiosk makes it at its first start"));
        return;
    }
    for (const fs::path& path : {file, fs::path(file.string() + "-wal"), fs::path(file.string() + "-shm")})
        if (fs::exists(path, ec) && access(path.c_str(), R_OK | W_OK) != 0) {
            out.push_back(Fail("database", path.string() + " cannot be written by " + UserName() +
                                               ": run doctor as the kiosk user, or chown the data folder "
                                               "to it"));
            return;
        }
    Result<std::unique_ptr<Database>> db = Database::Open(file);
    if (!db) {
        out.push_back(Fail("database", db.error() + ": restore the last backup (docs/operator-guide.md)"));
        return;
    }
    Result<Statement> check = (*db)->Prepare("PRAGMA integrity_check");
    Result<bool> row = check ? check->Step() : Result<bool>(Error{check.error()});
    if (!row || !*row || check->Text(0) != "ok") {
        const std::string detail = row && *row ? check->Text(0) : (row ? "no answer" : row.error());
        out.push_back(Fail("database", file.string() + " is damaged (" + detail +
                                           "): restore the last backup (docs/operator-guide.md)"));
        return;
    }
    check = Statement();
    ResponseStore responses(**db);
    Result<ResponseCounts> counts = responses.Counts();
    if (!counts) {
        out.push_back(Fail("database", counts.error()));
        return;
    }
    out.push_back(Ok("database", file.string() + " is intact: " + std::to_string(counts->total) +
                                     " responses, " + std::to_string(counts->pending) + " waiting to sync"));
    if (counts->quarantined > 0)
        out.push_back(Warn("quarantine", std::to_string(counts->quarantined) +
                                             " responses were refused by the monitor and are kept here: see "
                                             "the reasons with `impactkiosk export --format json`"));
    SettingsStore settings(**db);
    if (Result<std::optional<std::string>> error = settings.Get("sync.last_error"); error && *error)
        out.push_back(Warn("last sync", **error));
}

// [SECTION] monitor, TLS and clock

struct CurlDeleter {
    void operator()(CURL* c) const { curl_easy_cleanup(c); }
};

size_t Collect(char* data, size_t size, size_t count, void* target) {
    std::string& text = *static_cast<std::string*>(target);
    if (text.size() < 64 * 1024) text.append(data, size * count);
    return size * count;
}

size_t CollectDate(char* data, size_t size, size_t count, void* target) {
    std::string line(data, size * count);
    if (line.size() > 5 && strncasecmp(line.c_str(), "date:", 5) == 0) {
        std::string value = line.substr(5);
        while (!value.empty() && (value.back() == '\r' || value.back() == '\n'))
            value.pop_back();
        *static_cast<std::string*>(target) = value;
    }
    return size * count;
}

bool IsLoopback(const std::string& url) {
    for (const char* host : {"://127.", "://localhost", "://[::1]"})
        if (url.find(host) != std::string::npos) return true;
    return false;
}

// Returns the monitor's clock (from its Date header) when it answered.
std::optional<std::time_t> CheckMonitor(const KioskConfig& config, std::vector<DoctorCheck>& out) {
    if (config.syncEndpoint.empty()) {
        out.push_back(Warn("sync", "not configured: answers stay on this kiosk (set [sync] endpoint and "
                                   "token_file to send them to the monitor)"));
        return std::nullopt;
    }
    if (config.tokenFile.empty())
        out.push_back(Fail("sync", "[sync] token_file is not set: ask the operator for this kiosk's token"));
    else if (Result<std::string> token = sync::ReadTokenFile(config.tokenFile); !token)
        out.push_back(Fail("sync", token.error()));
    else
        out.push_back(Ok("sync", "token in " + config.tokenFile.string()));
    const bool https = config.syncEndpoint.rfind("https://", 0) == 0;
    if (!https && !IsLoopback(config.syncEndpoint))
        out.push_back(Warn("sync", config.syncEndpoint + " is not https: answers and the token travel "
                                                         "unencrypted"));
    if (!config.caFile.empty()) {
        std::ifstream ca(config.caFile);
        if (!ca) out.push_back(Fail("tls", "[sync] ca_file " + config.caFile.string() + " cannot be read"));
    }

    std::string url = config.syncEndpoint;
    while (!url.empty() && url.back() == '/')
        url.pop_back();
    url += "/api/v1/health";
    static const bool curlReady = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
    std::unique_ptr<CURL, CurlDeleter> curl(curlReady ? curl_easy_init() : nullptr);
    if (!curl) {
        out.push_back(Fail("monitor", "libcurl could not start"));
        return std::nullopt;
    }
    CURL* c = curl.get();
    std::string body, date;
    char errorText[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &Collect);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, &CollectDate);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &date);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 5L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 10L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L); // a redirect is a login page, not the monitor
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!config.caFile.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, config.caFile.c_str());
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errorText);
    const CURLcode rc = curl_easy_perform(c);
    const std::string error = *errorText ? errorText : curl_easy_strerror(rc);
    switch (rc) {
    case CURLE_OK:
        break;
    case CURLE_COULDNT_RESOLVE_HOST:
        out.push_back(Fail("monitor", url + ": the name does not resolve (" + error +
                                          "): check the address and the network's DNS"));
        return std::nullopt;
    case CURLE_COULDNT_CONNECT:
        out.push_back(Fail("monitor", url + ": nothing answers (" + error +
                                          "): is the monitor running, is a firewall in the way?"));
        return std::nullopt;
    case CURLE_OPERATION_TIMEDOUT:
        out.push_back(Fail("monitor", url + ": no answer within 10 s: check the network and the address"));
        return std::nullopt;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_ISSUER_ERROR:
        out.push_back(Fail("tls", url + ": the certificate is not trusted (" + error +
                                      "): fix the server's certificate chain, or set [sync] ca_file to the "
                                      "CA that signed it; a wrong clock also breaks this"));
        return std::nullopt;
    default:
        out.push_back(Fail("monitor", url + ": " + error));
        return std::nullopt;
    }
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    nlohmann::json health = nlohmann::json::parse(body, nullptr, false);
    const bool isHealth = status == 200 && health.is_object() && health.value("status", "") == "ok" &&
                          health.contains("protocol");
    if (!isHealth) {
        out.push_back(Fail("monitor", url + " answered HTTP " + std::to_string(status) +
                                          " but not as a monitor (a Wi-Fi login page or a proxy?): check the "
                                          "address and the network"));
    } else {
        out.push_back(Ok("monitor", url + " answers, protocol " + health["protocol"].dump() +
                                        (https ? ", TLS certificate verified" : ", no TLS")));
    }
    if (date.empty()) return std::nullopt;
    const std::time_t when = curl_getdate(date.c_str(), nullptr);
    if (when < 0) return std::nullopt;
    return when;
}

DoctorCheck CheckClock(std::optional<std::time_t> monitorTime) {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    const int year = utc.tm_year + 1900;
    if (year < kEarliestSaneYear)
        return Fail("clock", "the kiosk thinks it is " + std::to_string(year) +
                                 ": set the time and turn on NTP (timedatectl set-ntp true)");
    if (!monitorTime) return Ok("clock", "year " + std::to_string(year) + " (not compared with the monitor)");
    const long skew = static_cast<long>(now - *monitorTime);
    const std::string text = "kiosk and monitor differ by " + std::to_string(skew < 0 ? -skew : skew) + " s";
    if (skew > kClockFailSeconds || -skew > kClockFailSeconds)
        return Fail("clock", text + ": answers get the wrong date; turn on NTP (timedatectl set-ntp true)");
    if (skew > kClockWarnSeconds || -skew > kClockWarnSeconds)
        return Warn("clock", text + ": turn on NTP (timedatectl set-ntp true)");
    return Ok("clock", text);
}

const char* LevelText(DoctorLevel level) {
    switch (level) {
    case DoctorLevel::Ok:
        return "ok";
    case DoctorLevel::Warn:
        return "warn";
    case DoctorLevel::Fail:
        return "FAIL";
    }
    return "?";
}

} // namespace

std::vector<DoctorCheck> RunDoctorChecks(const KioskConfig& config, const std::string& configError,
                                         const DoctorProbes& probes) {
    std::vector<DoctorCheck> out;
    CheckConfiguration(config, configError, out);
    out.push_back(CheckDisplay(probes));
    if (probes.renderer) out.push_back(CheckRenderer(probes));
    out.push_back(CheckFonts(probes));
    if (probes.readAloud) out.push_back(CheckReadAloud(probes));
    DoctorCheck dataDir = CheckDataDir(config.dataDir);
    const bool dataDirOk = dataDir.level == DoctorLevel::Ok;
    out.push_back(std::move(dataDir));
    if (dataDirOk) {
        out.push_back(CheckDisk(config.dataDir));
        CheckDatabase(config, out);
    }
    std::optional<std::time_t> monitorTime = CheckMonitor(config, out);
    out.push_back(CheckClock(monitorTime));
    return out;
}

int RunDoctor(const KioskConfig& config, const std::string& configError, const DoctorProbes& probes) {
    bool failed = false;
    for (const DoctorCheck& check : RunDoctorChecks(config, configError, probes)) {
        std::printf("%s: %s: %s\n", LevelText(check.level), check.what.c_str(), check.finding.c_str());
        failed = failed || check.level == DoctorLevel::Fail;
    }
    std::fflush(stdout);
    return failed ? kExitFailure : kExitOk;
}

} // namespace ik
