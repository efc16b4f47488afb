// See staff_mode.h. StaffMode's state, the screen switch, and the glue to the editor and results
// screens; each other staff screen is its own file (pin_screen.cpp, home_screen.cpp,
// questionnaires_screen.cpp, import_screen.cpp, settings_screen.cpp, schedule_screen.cpp). Database
// work happens on entering a screen or on a tap, never per frame.
#include "ui/staff/staff_mode.h"

#include <algorithm>
#include <cstdio>

#include "ui/staff/editor_screen.h"
#include "ui/staff/results_screen.h"

namespace ik {

StaffMode::StaffMode(StaffServices services, StaffOptions options)
    : m_services(std::move(services)), m_options(options), m_access(*m_services.db),
      m_questionnaires(*m_services.db) {
    SetStaffLanguage(m_services.config.staffLanguage);
}

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

void StaffMode::LogError(const std::string& english) {
    std::fprintf(stderr, "impactkiosk: staff: %s\n", english.c_str());
}

void StaffMode::SpeechProblemLine(StaffFlow& flow) const {
    const std::string problem = m_services.speechProblem ? m_services.speechProblem() : std::string();
    if (problem.empty()) return;
    flow.Text(
        StaffText("Read aloud is off: this kiosk has no sound ({0}). Visitors see no speaker button. Ask "
                  "IT to run 'impactkiosk doctor'.",
                  StaffMessage(problem)),
        "speech_problem", colors::kWarning);
}

std::string StaffMode::Error(const std::string& message) {
    LogError(message);
    return StaffMessage(message);
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
    m_pinWork.reset(); // a check cut off counts for nothing (StaffAccess::BeginCheck)
    m_editor.reset();
    LeaveResults();
    m_keyboard.Blur();
    m_notice.clear();
}

bool StaffMode::Tick(double now) {
    m_tickedAt = now;
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
    if (CheckingPin()) wake = std::min(wake, now + 0.02);                  // the PIN's answer
    return wake;
}

StaffRequest StaffMode::Frame(UiContext& ui, double now) {
    SetStaffLanguage(m_services.config.staffLanguage); // this kiosk's, whatever drew last
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
            m_editor->SetNotice(Error("Not saved: {0}", version.error()));
            break;
        }
        Audit("saved " + q.id + " version " + std::to_string(*version));
        m_notice = StaffText("Saved \"{0}\" as version {1}. Tap \"{2}\" to use it.",
                             PickText(q.title, q.DefaultLanguage()), *version, StaffText("Show on kiosk"));
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
    if (PinWorkDone()) {
        FinishPinWork(m_tickedAt); // KioskApp ticks just before it polls
        return true;
    }
    for (auto& screen : m_finishingExports)
        screen->Poll(); // audits the export when it is done
    std::erase_if(m_finishingExports, [](const auto& screen) { return !screen->Busy(); });
    return m_results && m_results->Poll();
}

} // namespace ik
