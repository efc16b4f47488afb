// Staff home (staff_home): the kiosk's figures, sync and disk state, and the way to every other
// staff screen. The figures are read on entering and every 5 s, never per frame.
#include "ui/staff/staff_mode.h"

#include <algorithm>
#include <cstdio>
#include <system_error>

#include "store/response_store.h"
#include "store/settings_store.h"
#include "ui/staff/results_screen.h"

namespace ik {

namespace {

std::string HumanBytes(std::uintmax_t bytes) {
    const double gb = static_cast<double>(bytes) / 1e9;
    if (gb >= 1) return StaffDecimal(gb, 1) + " GB";
    return StaffDecimal(static_cast<double>(bytes) / 1e6, 0) + " MB";
}

constexpr std::uintmax_t kLowDisk = 200'000'000; // warn staff below 200 MB

} // namespace

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
        f.active = StaffText("{0} (version {1})", (*active)->id, (*active)->version);
    std::error_code ec;
    const std::filesystem::space_info space = std::filesystem::space(m_services.dataDir, ec);
    f.disk =
        ec ? StaffText("unknown ({0})", ec.message()) : StaffText("{0} free", HumanBytes(space.available));
    f.diskLow = ec || space.available < kLowDisk;
    if (!ec && f.diskLow)
        f.disk = StaffText("{0} free - almost full: answers stop being saved when it is full",
                           HumanBytes(space.available));
    f.refreshedAt = m_home.refreshedAt;
    m_home = f;
}

StaffRequest StaffMode::DrawHome(UiContext& ui, double now) {
    StaffRequest request;
    const Metrics& m = ui.metrics;
    float barHeight = 0;
    if (StaffTitleBar(ui, StaffText("Staff"), StaffText("Back to visitors"), barHeight, "visitors")) {
        Close("signed out");
        request.kind = StaffRequest::Kind::Leave;
        return request;
    }
    StaffFlow flow = BeginStaffContent(ui, m_keyboard, barHeight, m.height);
    if (flow.Button("results", StaffText("Results"), ButtonStyle::Primary, true, 0, 4)) {
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
    if (flow.Button("questionnaires", StaffText("Questionnaires"), ButtonStyle::Primary, true, 1, 4))
        Show(StaffScreen::Questionnaires, now);
    if (flow.Button("settings", StaffText("Settings"), ButtonStyle::Secondary, true, 2, 4)) {
        m_notice.clear();
        StartSettings();
        Show(StaffScreen::Settings, now);
    }
    if (flow.Button("sync_now", StaffText("Sync now"), ButtonStyle::Secondary,
                    m_services.syncConfigured && m_services.syncNow, 3, 4)) {
        m_services.syncNow();
        Audit("asked for sync now");
        m_notice = StaffText("Sync started; the figures update in a few seconds.");
    }
    flow.EndRow();
    if (!m_notice.empty()) flow.Text(m_notice, "notice", colors::kAccent);
    if (!m_home.problem.empty()) flow.Text(m_home.problem, "problem", colors::kWarning);
    // Landscape: two columns, so everything fits without scrolling.
    const bool columns = !m.portrait;
    StaffFlow left = flow;
    if (columns) left.w = (flow.w - m.gap * 2) * 0.5f;
    left.Heading(StaffText("Responses"), "heading:responses");
    left.Stat("responses_today", StaffText("Today"), StaffThousands(m_home.today));
    left.Stat("responses_total", StaffText("In total"), StaffThousands(m_home.total));
    left.Stat("responses_pending", StaffText("Waiting to be sent"), StaffThousands(m_home.pending));
    left.Stat("responses_quarantined", StaffText("Refused by the monitor"),
              StaffThousands(m_home.quarantined), m_home.quarantined > 0);
    left.Space();
    left.Heading(StaffText("Sync"), "heading:sync");
    if (!m_services.syncConfigured) {
        left.Stat("last_sync", StaffText("Last sent"), StaffText("sync is not configured"));
    } else {
        left.Stat("last_sync", StaffText("Last sent"),
                  m_home.lastSyncOk.empty() ? StaffText("never") : m_home.lastSyncOk);
        left.Stat("sync_error", StaffText("Last problem"),
                  m_home.lastSyncError.empty() ? StaffText("none") : StaffMessage(m_home.lastSyncError),
                  !m_home.lastSyncError.empty());
    }
    StaffFlow right = left;
    if (columns) {
        right.x = flow.x + left.w + m.gap * 2;
        right.y = flow.y;
    } else {
        right.Space();
    }
    right.Heading(StaffText("This kiosk"), "heading:kiosk");
    right.Stat("active_questionnaire", StaffText("Questionnaire"),
               m_home.active.empty() ? StaffText("none") : m_home.active);
    right.Stat("disk_free", StaffText("Disk"), m_home.disk, m_home.diskLow);
    right.Stat("kiosk_id", StaffText("Kiosk id"), m_services.kioskId);
    right.Stat("branch", StaffText("Branch"),
               m_services.branch.empty() ? StaffText("not set") : m_services.branch);
    right.Stat("app_version", StaffText("Version"), m_services.appVersion);
    flow.y = std::max(left.y, right.y);
    EndStaffContent(flow);
    return request;
}

} // namespace ik
