// See staff_mode.h. Each staff screen is one Draw* function here, except the editor, which is big
// enough for its own file. Database work happens on entering a screen or on a tap, never per frame.
#include "ui/staff/staff_mode.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <system_error>

#include <unistd.h>

#include "core/atomic_file.h"
#include "core/questionnaire_edit.h"
#include "core/questionnaire_json.h"
#include "store/response_store.h"
#include "store/schedule_store.h"
#include "store/settings_store.h"
#include "ui/staff/editor_screen.h"
#include "ui/staff/results_screen.h"
#include "ui/staff/usb_stick.h"
#include "ui/ui_strings.h"

namespace ik {
namespace {

std::string HumanBytes(std::uintmax_t bytes) {
    char text[32];
    const double gb = static_cast<double>(bytes) / 1e9;
    if (gb >= 1)
        std::snprintf(text, sizeof text, "%.1f GB", gb);
    else
        std::snprintf(text, sizeof text, "%.0f MB", static_cast<double>(bytes) / 1e6);
    return text;
}

std::string Plural(std::int64_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

constexpr std::uintmax_t kLowDisk = 200'000'000; // warn staff below 200 MB

} // namespace

StaffMode::StaffMode(StaffServices services, StaffOptions options)
    : m_services(std::move(services)), m_options(options), m_access(*m_services.db),
      m_questionnaires(*m_services.db) {}

StaffMode::~StaffMode() = default;

std::string StaffMode::ScreenId() const {
    switch (m_screen) {
    case StaffScreen::Closed:
        return {};
    case StaffScreen::Pin:
        return "staff_pin";
    case StaffScreen::SetPin:
        return "staff_set_pin";
    case StaffScreen::Locked:
        return "staff_locked";
    case StaffScreen::Home:
        return "staff_home";
    case StaffScreen::Questionnaires:
        return "staff_questionnaires";
    case StaffScreen::Import:
        return "staff_import";
    case StaffScreen::Editor:
        return "staff_editor";
    case StaffScreen::Settings:
        return "staff_settings";
    case StaffScreen::Schedule:
        return "staff_schedule";
    case StaffScreen::Results:
        return "staff_results";
    }
    return {};
}

void StaffMode::Audit(const std::string& what) {
    if (Status s = m_access.Audit(what, m_services.wallNow()); !s)
        std::fprintf(stderr, "impactkiosk: %s\n", s.error().c_str());
}

std::string StaffMode::Error(const std::string& message) {
    std::fprintf(stderr, "impactkiosk: staff: %s\n", message.c_str());
    return message;
}

void StaffMode::Open(double now) {
    if (!Enabled()) return;
    m_pin.clear();
    m_firstPin.clear();
    m_pinMessage.clear();
    m_lastInput = now;
    Result<std::optional<WallClock::time_point>> locked = m_access.LockedUntil(m_services.wallNow());
    if (locked && *locked) {
        m_lockedUntil = **locked;
        Show(StaffScreen::Locked, now);
        return;
    }
    Result<bool> hasPin = m_access.HasPin();
    Show(hasPin && !*hasPin ? StaffScreen::SetPin : StaffScreen::Pin, now);
}

void StaffMode::ReturnFromPreview(double now) {
    m_lastInput = now;
    Show(StaffScreen::Questionnaires, now);
}

void StaffMode::Show(StaffScreen screen, double now) {
    m_screen = screen;
    m_keyboard.Blur();
    m_keyboard.scrollToTop = true;
    m_lastInput = now;
    if (screen == StaffScreen::Home) RefreshHome();
    if (screen == StaffScreen::Questionnaires) RefreshQuestionnaires();
    if (screen == StaffScreen::Import) ScanMedia();
}

void StaffMode::Close(const std::string& why) {
    if (m_screen == StaffScreen::Home || m_screen == StaffScreen::Questionnaires ||
        m_screen == StaffScreen::Import || m_screen == StaffScreen::Editor ||
        m_screen == StaffScreen::Settings || m_screen == StaffScreen::Schedule ||
        m_screen == StaffScreen::Results || m_changingPin)
        Audit(why);
    m_screen = StaffScreen::Closed;
    m_changingPin = false;
    m_editor.reset();
    LeaveResults();
    m_keyboard.Blur();
    m_notice.clear();
}

bool StaffMode::Tick(double now) {
    if (!Active()) return false;
    if (now - m_lastInput >= m_options.idleLogout) {
        Close("signed out (idle)");
        return true;
    }
    if (m_screen == StaffScreen::Locked && m_lockedUntil && m_services.wallNow() >= *m_lockedUntil) {
        m_lockedUntil.reset();
        Show(StaffScreen::Pin, now);
        return true;
    }
    return false;
}

double StaffMode::NextWakeTime(double now) const {
    if (!Active()) return now + 3600;
    double wake = m_lastInput + m_options.idleLogout;
    if (m_screen == StaffScreen::Locked) wake = std::min(wake, now + 1.0); // the countdown
    if (m_screen == StaffScreen::Home) wake = std::min(wake, now + 5.0);   // fresh figures
    if (m_results && m_results->Busy()) wake = std::min(wake, now + 0.2);  // progress, then the figures
    return wake;
}

StaffRequest StaffMode::Frame(UiContext& ui, double now) {
    m_keyboard.BeginFrame();
    switch (m_screen) {
    case StaffScreen::Closed:
        return {};
    case StaffScreen::Pin:
    case StaffScreen::SetPin:
        return DrawPin(ui, now);
    case StaffScreen::Locked:
        return DrawLocked(ui, now);
    case StaffScreen::Home:
        if (now - m_home.refreshedAt >= 5.0) {
            RefreshHome();
            m_home.refreshedAt = now;
        }
        return DrawHome(ui, now);
    case StaffScreen::Questionnaires:
        return DrawQuestionnaires(ui, now);
    case StaffScreen::Import:
        return DrawImport(ui, now);
    case StaffScreen::Editor:
        return DrawEditor(ui, now);
    case StaffScreen::Settings:
        return DrawSettings(ui, now);
    case StaffScreen::Schedule:
        return DrawSchedule(ui, now);
    case StaffScreen::Results:
        return DrawResults(ui, now);
    }
    return {};
}

// [SECTION] PIN

StaffRequest StaffMode::DrawPin(UiContext& ui, double now) {
    StaffRequest request;
    const Metrics& m = ui.metrics;
    const bool choosing = m_screen == StaffScreen::SetPin;
    float barHeight = 0;
    if (StaffTitleBar(ui, choosing ? "Choose a staff PIN" : "Staff", "Cancel", barHeight, "cancel")) {
        if (m_changingPin) {
            m_changingPin = false;
            Show(StaffScreen::Settings, now);
            return request;
        }
        Close("cancelled");
        request.kind = StaffRequest::Kind::Leave;
        return request;
    }
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float top = barHeight + m.gap;
    const float available = m.height - top - m.margin;
    // Prompt and dots take a third (at most); the pad the rest.
    const std::string prompt = !choosing ? "Enter the staff PIN"
                               : m_firstPin.empty()
                                   ? "No staff PIN is set on this kiosk yet. Choose one (4 to 8 digits)."
                                   : "Type the same PIN again";
    const float side = m.portrait ? m.width - 2 * m.margin : std::min(m.width * 0.45f, available * 1.2f);
    const float padHeight = m.portrait ? std::min(available * 0.62f, side * 1.1f) : available;
    const float padWidth = m.portrait ? side : std::min(side, padHeight * 1.1f);
    float textX = m.margin, textW = m.width - 2 * m.margin, y = top;
    ImVec2 padPos((m.width - padWidth) * 0.5f, m.height - m.margin - padHeight);
    if (!m.portrait) {
        textW = m.width - 3 * m.margin - padWidth;
        padPos = ImVec2(m.width - m.margin - padWidth, top);
        y = top + m.gap;
    }
    y += DrawWrappedText(draw, ui.fonts.body, m.bodySize, ImVec2(textX, y), textW, prompt, colors::kText,
                         false);
    ui.dump.Add({"pin_prompt", prompt, "text", textX, top, textW, y - top, true, false});
    y += m.gap;
    // One dot per digit: the PIN itself is never on screen.
    const float dot = std::min(m.bodySize * 0.45f, 18 * m.unit);
    for (size_t i = 0; i < m_pin.size(); ++i)
        draw->AddCircleFilled(ImVec2(textX + dot + static_cast<float>(i) * dot * 3, y + dot), dot,
                              colors::kText, 24);
    ui.dump.Add(
        {"pin_display", std::string(m_pin.size(), '*'), "text", textX, y, textW, dot * 2, true, false});
    y += dot * 2 + m.gap;
    if (!m_pinMessage.empty()) {
        const float h = DrawWrappedText(draw, ui.fonts.body, m.smallSize, ImVec2(textX, y), textW,
                                        m_pinMessage, colors::kWarning, false);
        ui.dump.Add({"pin_message", m_pinMessage, "text", textX, y, textW, h, true, false});
    }

    if (!PinPad(ui, m_pin, padPos, ImVec2(padWidth, padHeight), kMaxPinLength)) return request;
    const std::string pin = std::move(m_pin);
    m_pin.clear();
    const WallClock::time_point wall = m_services.wallNow();
    if (choosing) {
        if (m_firstPin.empty()) {
            if (std::string problem = PinProblem(pin); !problem.empty()) {
                m_pinMessage = "Not accepted: " + problem + ".";
            } else {
                m_firstPin = pin;
                m_pinMessage.clear();
            }
        } else if (pin != m_firstPin) {
            m_firstPin.clear();
            m_pinMessage = "The two PINs were different. Choose one again.";
        } else if (Status set = m_access.SetPin(pin, wall); !set) {
            m_firstPin.clear();
            m_pinMessage = Error("The PIN could not be saved: " + set.error());
        } else if (m_changingPin) {
            m_changingPin = false;
            m_notice = "The staff PIN was changed.";
            Show(StaffScreen::Settings, now);
        } else {
            Audit("signed in");
            Show(StaffScreen::Home, now);
        }
        return request;
    }
    Result<PinCheck> check = m_access.Check(pin, wall);
    if (!check) {
        m_pinMessage = Error("The PIN could not be checked: " + check.error());
        return request;
    }
    switch (check->outcome) {
    case PinCheck::Outcome::Accepted:
        Show(StaffScreen::Home, now);
        break;
    case PinCheck::Outcome::NoPin:
        Show(StaffScreen::SetPin, now);
        break;
    case PinCheck::Outcome::Wrong:
        m_pinMessage =
            "Wrong PIN. " + Plural(check->attemptsLeft, "try", "tries") + " left before staff mode locks.";
        break;
    case PinCheck::Outcome::Locked:
        m_lockedUntil = check->lockedUntil;
        Show(StaffScreen::Locked, now);
        break;
    }
    return request;
}

StaffRequest StaffMode::DrawLocked(UiContext& ui, double) {
    StaffRequest request;
    const Metrics& m = ui.metrics;
    float barHeight = 0;
    if (StaffTitleBar(ui, "Staff mode is locked", "Back", barHeight)) {
        Close("left the lock screen");
        request.kind = StaffRequest::Kind::Leave;
        return request;
    }
    long seconds = 0;
    if (m_lockedUntil)
        seconds = std::max<long>(0, static_cast<long>(std::chrono::duration_cast<std::chrono::seconds>(
                                                          *m_lockedUntil - m_services.wallNow())
                                                          .count()));
    char text[200];
    std::snprintf(text, sizeof text,
                  "Too many wrong PINs. Staff mode opens again in %ld:%02ld.\n\nForgot the PIN? Someone with "
                  "access to the kiosk's computer can set a new one with: impactkiosk staff-pin set",
                  seconds / 60, seconds % 60);
    const float y = barHeight + m.margin;
    const float h = DrawWrappedText(ImGui::GetWindowDrawList(), ui.fonts.body, m.bodySize,
                                    ImVec2(m.margin, y), m.width - 2 * m.margin, text, colors::kText, false);
    ui.dump.Add({"locked_text", text, "text", m.margin, y, m.width - 2 * m.margin, h, true, false});
    return request;
}

// [SECTION] Home

void StaffMode::RefreshHome() {
    HomeFigures f;
    ResponseStore responses(*m_services.db);
    if (Result<ResponseCounts> counts = responses.Counts()) {
        f.total = counts->total;
        f.pending = counts->pending;
        f.quarantined = counts->quarantined;
    } else {
        f.problem = Error(counts.error());
    }
    ResponseQuery today;
    today.fromLocalDate = today.toLocalDate = LocalDate(m_services.wallNow());
    if (Result<std::int64_t> n = responses.Count(today)) f.today = *n;
    SettingsStore settings(*m_services.db);
    if (auto ok = settings.Get("sync.last_ok_at"); ok && *ok) f.lastSyncOk = **ok;
    if (auto error = settings.Get("sync.last_error"); error && *error) f.lastSyncError = **error;
    if (Result<std::optional<QuestionnaireRef>> active = m_questionnaires.Active(); active && *active)
        f.active = (*active)->id + " (version " + std::to_string((*active)->version) + ")";
    std::error_code ec;
    const std::filesystem::space_info space = std::filesystem::space(m_services.dataDir, ec);
    f.disk = ec ? "unknown (" + ec.message() + ")" : HumanBytes(space.available) + " free";
    f.diskLow = ec || space.available < kLowDisk;
    if (!ec && f.diskLow) f.disk += " - almost full: answers stop being saved when it is full";
    f.refreshedAt = m_home.refreshedAt;
    m_home = f;
}

StaffRequest StaffMode::DrawHome(UiContext& ui, double now) {
    StaffRequest request;
    const Metrics& m = ui.metrics;
    float barHeight = 0;
    if (StaffTitleBar(ui, "Staff", "Back to visitors", barHeight, "visitors")) {
        Close("signed out");
        request.kind = StaffRequest::Kind::Leave;
        return request;
    }
    StaffFlow flow = BeginStaffContent(ui, m_keyboard, barHeight, m.height);
    if (flow.Button("results", "Results", ButtonStyle::Primary, true, 0, 4)) {
        ResultsServices services;
        services.db = m_services.db;
        services.minGroupSize = m_services.config.minGroupSize;
        services.wallNow = m_services.wallNow;
        services.exportFolder = [this] { return ExportFolder(); };
        services.exportDir = m_services.exportDir;
        services.audit = [this](const std::string& what) { Audit(what); };
        services.beforeExport = m_services.beforeExport;
        m_results = std::make_unique<ResultsScreen>(std::move(services));
        Show(StaffScreen::Results, now);
        Result<std::optional<QuestionnaireRef>> active = m_questionnaires.Active();
        m_results->Open(active && *active ? (*active)->id : std::string());
    }
    if (flow.Button("questionnaires", "Questionnaires", ButtonStyle::Primary, true, 1, 4))
        Show(StaffScreen::Questionnaires, now);
    if (flow.Button("settings", "Settings", ButtonStyle::Secondary, true, 2, 4)) {
        m_notice.clear();
        StartSettings();
        Show(StaffScreen::Settings, now);
    }
    if (flow.Button("sync_now", "Sync now", ButtonStyle::Secondary,
                    m_services.syncConfigured && m_services.syncNow, 3, 4)) {
        m_services.syncNow();
        Audit("asked for sync now");
        m_notice = "Sync started; the figures update in a few seconds.";
    }
    flow.EndRow();
    if (!m_notice.empty()) flow.Text(m_notice, "notice", colors::kAccent);
    if (!m_home.problem.empty()) flow.Text(m_home.problem, "problem", colors::kWarning);
    // Landscape: two columns, so everything fits without scrolling.
    const bool columns = !m.portrait;
    StaffFlow left = flow;
    if (columns) left.w = (flow.w - m.gap * 2) * 0.5f;
    left.Heading("Responses");
    left.Stat("responses_today", "Today", std::to_string(m_home.today));
    left.Stat("responses_total", "In total", std::to_string(m_home.total));
    left.Stat("responses_pending", "Waiting to be sent", std::to_string(m_home.pending));
    left.Stat("responses_quarantined", "Refused by the monitor", std::to_string(m_home.quarantined),
              m_home.quarantined > 0);
    left.Space();
    left.Heading("Sync");
    if (!m_services.syncConfigured) {
        left.Stat("last_sync", "Last sent", "sync is not configured");
    } else {
        left.Stat("last_sync", "Last sent", m_home.lastSyncOk.empty() ? "never" : m_home.lastSyncOk);
        left.Stat("sync_error", "Last problem", m_home.lastSyncError.empty() ? "none" : m_home.lastSyncError,
                  !m_home.lastSyncError.empty());
    }
    StaffFlow right = left;
    if (columns) {
        right.x = flow.x + left.w + m.gap * 2;
        right.y = flow.y;
    } else {
        right.Space();
    }
    right.Heading("This kiosk");
    right.Stat("active_questionnaire", "Questionnaire", m_home.active.empty() ? "none" : m_home.active);
    right.Stat("disk_free", "Disk", m_home.disk, m_home.diskLow);
    right.Stat("kiosk_id", "Kiosk", m_services.kioskId);
    right.Stat("branch", "Branch", m_services.branch.empty() ? "not set" : m_services.branch);
    right.Stat("app_version", "Version", m_services.appVersion);
    flow.y = std::max(left.y, right.y);
    EndStaffContent(flow);
    return request;
}

// [SECTION] Questionnaires

void StaffMode::RefreshQuestionnaires() {
    Result<std::vector<QuestionnaireInfo>> list = m_questionnaires.List();
    if (!list) {
        m_notice = Error(list.error());
        m_list.clear();
        return;
    }
    m_list = std::move(*list);
    // Newest version first within each questionnaire: that is the one staff usually want.
    std::stable_sort(m_list.begin(), m_list.end(),
                     [](const QuestionnaireInfo& a, const QuestionnaireInfo& b) {
                         return a.id != b.id ? a.id < b.id : a.version > b.version;
                     });
}

StaffRequest StaffMode::DrawQuestionnaires(UiContext& ui, double now) {
    StaffRequest request;
    const Metrics& m = ui.metrics;
    float barHeight = 0;
    if (StaffTitleBar(ui, "Questionnaires", "Back", barHeight)) {
        m_notice.clear();
        Show(StaffScreen::Home, now);
        return request;
    }
    StaffFlow flow = BeginStaffContent(ui, m_keyboard, barHeight, m.height);
    if (!m_notice.empty()) flow.Text(m_notice, "notice", colors::kAccent);
    if (flow.Button("new", "New questionnaire", ButtonStyle::Primary, true, 0, 2)) {
        std::vector<std::string> taken;
        for (const QuestionnaireInfo& info : m_list)
            taken.push_back(info.id);
        m_editor = std::make_unique<QuestionnaireEditor>(
            QuestionnaireFromTemplate(UniqueName("new_questionnaire", taken), {"nl", "en"}), true);
        Show(StaffScreen::Editor, now);
    }
    if (flow.Button("import", "Import from a file or USB stick", ButtonStyle::Secondary, true, 1, 2))
        Show(StaffScreen::Import, now);
    flow.EndRow();
    flow.Space();

    std::string lastId;
    // A copy: activating refreshes m_list while this loop runs.
    const std::vector<QuestionnaireInfo> list = m_list;
    for (const QuestionnaireInfo& info : list) {
        const std::string key = info.id + ":" + std::to_string(info.version);
        const bool older = info.id == lastId;
        lastId = info.id;
        std::string line = info.title + "  -  " + info.id + ", version " + std::to_string(info.version) +
                           ", " + Plural(info.responseCount, "response", "responses");
        if (info.active) line += "  -  SHOWING NOW";
        flow.Text(line, "row:" + key, info.active ? colors::kAccent : older ? colors::kMuted : colors::kText);
        if (flow.Button("activate:" + key, info.active ? "Showing" : "Show on kiosk", ButtonStyle::Secondary,
                        !info.active, 0, 3)) {
            Result<std::optional<Questionnaire>> q = m_questionnaires.Load(info.id, info.version);
            if (!q || !*q) {
                m_notice = Error("Could not load " + key + (q ? "" : ": " + q.error()));
            } else if (Status s = m_questionnaires.Activate(info.id, info.version); !s) {
                m_notice = Error(s.error());
            } else {
                Audit("activated " + info.id + " version " + std::to_string(info.version));
                m_notice = "\"" + info.title + "\" version " + std::to_string(info.version) +
                           " is now on the kiosk.";
                request.kind = StaffRequest::Kind::ShowQuestionnaire;
                request.questionnaire = **q;
                RefreshQuestionnaires();
            }
        }
        if (flow.Button("preview:" + key, "Preview", ButtonStyle::Secondary, true, 1, 3)) {
            if (Result<std::optional<Questionnaire>> q = m_questionnaires.Load(info.id, info.version);
                q && *q) {
                Audit("previewed " + key);
                request.kind = StaffRequest::Kind::Preview;
                request.questionnaire = **q;
            }
        }
        // The schedule belongs to the questionnaire (all its versions).
        const Schedule schedule = older ? Schedule{} : ScheduleFor(info.id);
        if (flow.Button("schedule:" + key, schedule.Always() ? "Schedule" : "Schedule (set)",
                        ButtonStyle::Secondary, !older, 2, 3)) {
            m_scheduleId = info.id;
            m_scheduleText = {
                {"from", schedule.fromDate},
                {"to", schedule.toDate},
                {"open", schedule.openMinute >= 0 ? FormatClockTime(schedule.openMinute) : ""},
                {"close", schedule.closeMinute >= 0 ? FormatClockTime(schedule.closeMinute) : ""}};
            m_scheduleDays = schedule.weekdays;
            m_scheduleProblem.clear();
            Show(StaffScreen::Schedule, now);
        }
        flow.EndRow();
        if (flow.Button("edit:" + key, "Edit", ButtonStyle::Secondary, true, 0, 3)) {
            if (Result<std::optional<Questionnaire>> q = m_questionnaires.Load(info.id, info.version);
                q && *q) {
                m_editor = std::make_unique<QuestionnaireEditor>(**q, false);
                Show(StaffScreen::Editor, now);
            }
        }
        if (flow.Button("more:" + key, "Duplicate", ButtonStyle::Secondary, true, 1, 3)) {
            if (Result<std::optional<Questionnaire>> q = m_questionnaires.Load(info.id, info.version);
                q && *q) {
                std::vector<std::string> taken;
                for (const QuestionnaireInfo& other : m_list)
                    taken.push_back(other.id);
                m_editor = std::make_unique<QuestionnaireEditor>(
                    DuplicateQuestionnaire(**q, UniqueName(info.id + "_copy", taken)), true);
                Show(StaffScreen::Editor, now);
            }
        }
        {
            if (flow.Button("export:" + key, "Export", ButtonStyle::Secondary, true, 2, 3)) {
                Result<std::optional<Questionnaire>> q = m_questionnaires.Load(info.id, info.version);
                const std::filesystem::path file =
                    UniqueFile(ExportFolder(), info.id + "_v" + std::to_string(info.version), "json");
                Status written = q && *q ? WriteFileAtomically(file, QuestionnaireToJson(**q).dump(2) + "\n")
                                         : Status(ik::Error{"could not load it"});
                m_notice = written ? "Saved to " + file.string() : Error("Export failed: " + written.error());
                if (written) Audit("exported " + key + " to " + file.string());
            }
        }
        flow.EndRow();
        flow.Space();
    }
    EndStaffContent(flow);
    return request;
}

// [SECTION] Import

std::filesystem::path StaffMode::ExportFolder() const {
    if (std::filesystem::path stick = FindStick(m_services.mediaRoots); !stick.empty()) return stick;
    std::error_code ec;
    std::filesystem::create_directories(m_services.exportDir, ec);
    return m_services.exportDir;
}

void StaffMode::ScanMedia() {
    m_mediaFiles.clear();
    std::vector<std::filesystem::path> roots = m_services.mediaRoots;
    if (!m_services.exportDir.empty()) roots.push_back(m_services.exportDir);
    for (const std::filesystem::path& root : roots) {
        std::error_code ec;
        // A stick is mounted a level or two below /media (/media/<user>/<label>).
        auto it = std::filesystem::recursive_directory_iterator(
            root, std::filesystem::directory_options::skip_permission_denied, ec);
        for (; !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
            if (it.depth() > 3) it.disable_recursion_pending();
            if (it->is_regular_file(ec) && it->path().extension() == ".json")
                m_mediaFiles.push_back(it->path());
            if (m_mediaFiles.size() >= 200) break;
        }
    }
    std::sort(m_mediaFiles.begin(), m_mediaFiles.end());
}

StaffRequest StaffMode::DrawImport(UiContext& ui, double now) {
    StaffRequest request;
    const Metrics& m = ui.metrics;
    float barHeight = 0;
    if (StaffTitleBar(ui, "Import a questionnaire", "Back", barHeight)) {
        Show(StaffScreen::Questionnaires, now);
        return request;
    }
    StaffFlow flow = BeginStaffContent(ui, m_keyboard, barHeight, m.height);
    if (!m_notice.empty()) flow.Text(m_notice, "notice", colors::kWarning);
    flow.Text("Questionnaire files (.json) on USB sticks and in " + m_services.exportDir.string() + ":", {},
              colors::kMuted);
    if (flow.Button("rescan", "Look again", ButtonStyle::Secondary)) ScanMedia();
    if (m_mediaFiles.empty())
        flow.Text("No questionnaire files found. Put in a USB stick and tap \"Look again\".", "no_files",
                  colors::kMuted);
    const std::vector<std::filesystem::path> files = m_mediaFiles; // importing may rescan
    for (const std::filesystem::path& file : files) {
        if (!flow.Button("file:" + file.string(), file.string(), ButtonStyle::Secondary)) continue;
        ParsedQuestionnaire parsed = LoadQuestionnaireFile(file);
        if (parsed.HasErrors() || !parsed.questionnaire) {
            std::string text = "Not imported:";
            for (const ValidationProblem& problem : parsed.problems)
                text += "\n" + FormatProblem(file.filename().string(), problem);
            m_notice = Error(text);
            continue;
        }
        Result<int> version = m_questionnaires.Import(*parsed.questionnaire);
        if (!version) {
            m_notice = Error(version.error());
            continue;
        }
        Audit("imported " + parsed.questionnaire->id + " version " + std::to_string(*version) + " from " +
              file.string());
        m_notice = "Imported \"" +
                   PickText(parsed.questionnaire->title, parsed.questionnaire->DefaultLanguage()) +
                   "\" as version " + std::to_string(*version) + ". Tap \"Show on kiosk\" to use it.";
        Show(StaffScreen::Questionnaires, now);
        break;
    }
    EndStaffContent(flow);
    return request;
}

// [SECTION] Editor

StaffRequest StaffMode::DrawEditor(UiContext& ui, double now) {
    StaffRequest request;
    if (!m_editor) {
        Show(StaffScreen::Questionnaires, now);
        return request;
    }
    switch (m_editor->Draw(ui, m_keyboard)) {
    case QuestionnaireEditor::Action::None:
        break;
    case QuestionnaireEditor::Action::Cancel:
        m_editor.reset();
        m_notice.clear();
        Show(StaffScreen::Questionnaires, now);
        break;
    case QuestionnaireEditor::Action::Save: {
        const Questionnaire q = m_editor->Validated();
        // Import keeps the version when nothing changed, and makes N+1 when that version is taken by
        // different content: the answers already given keep the meaning they were given under.
        Result<int> version = m_questionnaires.Import(q);
        if (!version) {
            m_editor->SetNotice(Error("Not saved: " + version.error()));
            break;
        }
        Audit("saved " + q.id + " version " + std::to_string(*version));
        m_notice = "Saved \"" + PickText(q.title, q.DefaultLanguage()) + "\" as version " +
                   std::to_string(*version) + ". Tap \"Show on kiosk\" to use it.";
        m_editor.reset();
        Show(StaffScreen::Questionnaires, now);
        break;
    }
    }
    return request;
}

// [SECTION] Results

StaffRequest StaffMode::DrawResults(UiContext& ui, double now) {
    if (!m_results || m_results->Draw(ui, m_keyboard) == ResultsScreen::Action::Back) {
        LeaveResults();
        Show(StaffScreen::Home, now);
    }
    return {};
}

void StaffMode::LeaveResults() {
    if (m_results && m_results->Exporting()) m_finishingExports.push_back(std::move(m_results));
    m_results.reset(); // a computation is cancelled (within a few thousand rows)
}

bool StaffMode::PollBackground() {
    for (auto& screen : m_finishingExports)
        screen->Poll(); // audits the export when it is done
    std::erase_if(m_finishingExports, [](const auto& screen) { return !screen->Busy(); });
    return m_results && m_results->Poll();
}

// [SECTION] Settings

void StaffMode::StartSettings() {
    m_draft = m_services.config;
    m_settingsText.clear();
    m_settingsProblems.clear();
    auto number = [this](const char* key, double value) {
        char text[32];
        std::snprintf(text, sizeof text, "%g", value);
        m_settingsText[key] = text;
    };
    number("visitor.idle_timeout_seconds", m_draft.idleTimeoutSeconds);
    number("visitor.thanks_seconds", m_draft.thanksSeconds);
    number("privacy.min_group_size", m_draft.minGroupSize);
    m_settingsText["sync.token"] = "";
    m_settingsText["sync.ca_file"] = m_draft.caFile.string();
}

StaffRequest StaffMode::DrawSettings(UiContext& ui, double now) {
    StaffRequest request;
    const Metrics& m = ui.metrics;
    const float keyboardTop = KeyboardHeight(ui, m_keyboard);
    const bool keyboardOnly = keyboardTop < m.height * 0.3f;
    float barHeight = 0;
    if (!keyboardOnly && StaffTitleBar(ui, "Settings", "Back", barHeight, "back", true)) {
        Show(StaffScreen::Home, now);
        return request;
    }
    bool save = !keyboardOnly && StaffTitleBarAction(ui, "save", "Save");
    auto problemAt = [this](const std::string& key) {
        std::string text;
        for (const ConfigProblem& p : m_settingsProblems)
            if (p.key == key) text += (text.empty() ? "" : "\n") + p.message;
        return text;
    };
    // On a short screen the keyboard takes all of it; the page is still laid out, clipped away, so
    // the focused field gets what is typed.
    AutomationDump hidden;
    UiContext offscreen{ui.metrics, ui.fonts, hidden, ui.language, ui.fallbackLanguage, ui.now};
    UiContext& page = keyboardOnly ? offscreen : ui;
    if (keyboardOnly) ImGui::PushClipRect(ImVec2(0, 0), ImVec2(0, 0), false);
    StaffFlow flow = BeginStaffContent(page, m_keyboard, keyboardOnly ? 0 : barHeight, keyboardTop);
    if (!m_notice.empty()) flow.Text(m_notice, "notice", colors::kAccent);
    flow.Heading("This kiosk");
    flow.Field("kiosk.id", "Kiosk id (how the central monitor knows this kiosk)", m_draft.kioskId,
               problemAt("kiosk.id"), 0, 2);
    flow.Field("kiosk.branch", "Branch", m_draft.branch, problemAt("kiosk.branch"), 1, 2);
    flow.Heading("Sync");
    flow.Field("sync.endpoint", "Central monitor address (https://...)", m_draft.syncEndpoint,
               problemAt("sync.endpoint"));
    std::string& token = m_settingsText["sync.token"];
    flow.Field("sync.token",
               m_draft.tokenFile.empty()
                   ? "Token (from the network's operator)"
                   : "New token (empty: keep the one in " + m_draft.tokenFile.string() + ")",
               token, problemAt("sync.token"), 0, 2);
    flow.Field("sync.ca_file", "CA certificate file (empty: the system's)", m_settingsText["sync.ca_file"],
               problemAt("sync.ca_file"), 1, 2);
    flow.Heading("Visitors");
    flow.Field("visitor.idle_timeout_seconds", "Seconds before \"are you still there?\"",
               m_settingsText["visitor.idle_timeout_seconds"], problemAt("visitor.idle_timeout_seconds"), 0,
               2);
    flow.Field("visitor.thanks_seconds", "Seconds the thank-you shows",
               m_settingsText["visitor.thanks_seconds"], problemAt("visitor.thanks_seconds"), 1, 2);
    flow.Text("Languages offered to visitors (of those the questionnaire has; none ticked: all of them):", {},
              colors::kMuted);
    int slot = 0;
    for (const char* code : kStaffLanguages) {
        bool on =
            std::find(m_draft.languages.begin(), m_draft.languages.end(), code) != m_draft.languages.end();
        if (flow.Toggle(std::string("offer:") + code, LanguageName(code), on, slot, 4)) {
            if (on)
                m_draft.languages.push_back(code);
            else
                m_draft.languages.erase(std::find(m_draft.languages.begin(), m_draft.languages.end(), code));
        }
        slot = (slot + 1) % 4;
    }
    flow.Heading("Privacy");
    flow.Field("privacy.min_group_size", "Smallest group shown in results",
               m_settingsText["privacy.min_group_size"], problemAt("privacy.min_group_size"));
    flow.Toggle("privacy.free_text", "Show free-text questions to visitors", m_draft.freeText);
    if (m_draft.freeText) {
        flow.Text(
            "Free text can identify a visitor (names, e-mail addresses). It is kept with the answers on "
            "this kiosk, and goes to the central monitor only if you tick that below. Turn it on only for "
            "questionnaires that need it.",
            "free_text_warning", colors::kWarning);
        flow.Toggle("sync.send_free_text", "Also send free text to the central monitor",
                    m_draft.sendFreeText);
    }
    flow.Heading("Staff PIN");
    if (flow.Button("change_pin", "Change the staff PIN", ButtonStyle::Secondary)) {
        m_changingPin = true;
        m_firstPin.clear();
        m_pin.clear();
        m_pinMessage.clear();
        save = false;
        Show(StaffScreen::SetPin, now);
    }
    flow.Text("Saved to " + m_services.configFile.string(), "config_file", colors::kMuted);
    EndStaffContent(flow);
    if (keyboardOnly) ImGui::PopClipRect();
    DrawOnScreenKeyboard(ui, m_keyboard);
    if (!save) return request;

    // Numbers as typed, then the same checks a config file gets.
    KioskConfig next = m_draft;
    m_settingsProblems.clear();
    auto number = [this](const std::string& key, auto& out) {
        const std::string& text = m_settingsText[key];
        char* end = nullptr;
        const double value = std::strtod(text.c_str(), &end);
        if (text.empty() || !end || *end) {
            m_settingsProblems.push_back({key, "type a number"});
            return;
        }
        out = static_cast<std::remove_reference_t<decltype(out)>>(value);
    };
    number("visitor.idle_timeout_seconds", next.idleTimeoutSeconds);
    number("visitor.thanks_seconds", next.thanksSeconds);
    number("privacy.min_group_size", next.minGroupSize);
    next.caFile = m_settingsText["sync.ca_file"];
    if (!token.empty() && token.find_first_of(" \t\n") != std::string::npos)
        m_settingsProblems.push_back({"sync.token", "a token has no spaces"});
    if (!next.syncEndpoint.empty() && next.tokenFile.empty() && token.empty())
        m_settingsProblems.push_back({"sync.token", "the monitor needs this kiosk's token"});
    for (ConfigProblem& p : CheckConfig(next))
        m_settingsProblems.push_back(std::move(p));
    if (!m_settingsProblems.empty()) {
        m_notice = "Not saved: see the messages next to the fields.";
        return request;
    }
    // The token first: a config that names a token file must never point at a missing one.
    if (!token.empty()) {
        if (next.tokenFile.empty()) next.tokenFile = m_services.dataDir / "sync.token";
        if (Status s = WriteSecretFile(next.tokenFile, token + "\n"); !s) {
            m_notice = Error("Not saved: " + s.error());
            return request;
        }
        token.clear();
    }
    if (Status s = SaveConfig(next, m_services.configFile); !s) {
        m_notice = Error("Not saved: " + s.error());
        return request;
    }
    const bool syncChanged = next.syncEndpoint != m_services.config.syncEndpoint ||
                             next.sendFreeText != m_services.config.sendFreeText ||
                             next.tokenFile != m_services.config.tokenFile ||
                             next.caFile != m_services.config.caFile;
    m_services.config = next;
    m_draft = next;
    Audit("changed settings");
    m_notice = "Saved." +
               std::string(syncChanged ? " Sync uses the new settings after a restart of the kiosk." : "");
    request.kind = StaffRequest::Kind::ApplySettings;
    request.config = next;
    return request;
}

// [SECTION] Schedule

Schedule StaffMode::ScheduleFor(const std::string& id) {
    if (!Enabled()) return {};
    Result<Schedule> schedule = LoadSchedule(*m_services.db, id);
    if (!schedule) {
        Error(schedule.error()); // shown to staff on the schedule screen; visitors keep the kiosk open
        return {};
    }
    return *schedule;
}

StaffRequest StaffMode::DrawSchedule(UiContext& ui, double now) {
    StaffRequest request;
    const Metrics& m = ui.metrics;
    const float keyboardTop = KeyboardHeight(ui, m_keyboard);
    const bool keyboardOnly = keyboardTop < m.height * 0.3f;
    float barHeight = 0;
    if (!keyboardOnly && StaffTitleBar(ui, "Schedule: " + m_scheduleId, "Back", barHeight, "back", true)) {
        Show(StaffScreen::Questionnaires, now);
        return request;
    }
    const bool save = !keyboardOnly && StaffTitleBarAction(ui, "save", "Save");
    AutomationDump hidden;
    UiContext offscreen{ui.metrics, ui.fonts, hidden, ui.language, ui.fallbackLanguage, ui.now};
    UiContext& page = keyboardOnly ? offscreen : ui;
    if (keyboardOnly) ImGui::PushClipRect(ImVec2(0, 0), ImVec2(0, 0), false);
    StaffFlow flow = BeginStaffContent(page, m_keyboard, keyboardOnly ? 0 : barHeight, keyboardTop);
    const bool always = flow.Button("always", "Always open (remove the schedule)", ButtonStyle::Secondary);
    if (!m_scheduleProblem.empty()) flow.Text(m_scheduleProblem, "schedule_problem", colors::kWarning);
    flow.Text("Outside these dates and hours the kiosk says it is closed. Empty fields: no limit.", {},
              colors::kMuted);
    flow.Field("from", "First day (YYYY-MM-DD)", m_scheduleText["from"], {}, 0, 2);
    flow.Field("to", "Last day (YYYY-MM-DD)", m_scheduleText["to"], {}, 1, 2);
    flow.Field("open", "Opens at (HH:MM)", m_scheduleText["open"], {}, 0, 2);
    flow.Field("close", "Closes at (HH:MM)", m_scheduleText["close"], {}, 1, 2);
    flow.Text("On these days:", {}, colors::kMuted);
    static const char* const kDays[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                        "Friday", "Saturday", "Sunday"};
    for (int d = 0; d < 7; ++d) {
        bool on = (m_scheduleDays & (1u << d)) != 0;
        if (flow.Toggle(std::string("day:") + std::to_string(d + 1), kDays[d], on, d % 4, 4))
            m_scheduleDays = on ? (m_scheduleDays | (1u << d)) : (m_scheduleDays & ~(1u << d));
    }
    if (7 % 4) flow.EndRow();
    EndStaffContent(flow);
    if (keyboardOnly) ImGui::PopClipRect();
    DrawOnScreenKeyboard(ui, m_keyboard);
    if (!save && !always) return request;

    Schedule schedule;
    if (save) {
        schedule.fromDate = m_scheduleText["from"];
        schedule.toDate = m_scheduleText["to"];
        schedule.weekdays = m_scheduleDays;
        for (const char* key : {"open", "close"}) {
            const std::string& text = m_scheduleText[key];
            if (text.empty()) continue;
            std::optional<int> minute = ParseClockTime(text);
            if (!minute) {
                m_scheduleProblem = "\"" + text + "\" is not a time like 09:00";
                return request;
            }
            (std::string(key) == "open" ? schedule.openMinute : schedule.closeMinute) = *minute;
        }
    }
    if (Status s = SaveSchedule(*m_services.db, m_scheduleId, schedule); !s) {
        m_scheduleProblem = s.error();
        return request;
    }
    Audit("set the schedule of " + m_scheduleId + ": " +
          (schedule.Always() ? "always open" : ScheduleToJson(schedule)));
    m_notice = "Schedule of " + m_scheduleId + " saved" + (schedule.Always() ? ": always open." : ".");
    request.kind = StaffRequest::Kind::ApplySchedule;
    request.questionnaire.id = m_scheduleId;
    Show(StaffScreen::Questionnaires, now);
    return request;
}

} // namespace ik
