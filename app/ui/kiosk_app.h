// The kiosk's visitor side as one object: owns the survey session, draws the screen for its state
// each frame (one ImGui window, plus the idle overlay above it), applies what the visitor did, and
// tells the platform loop when it next needs to wake. Knows nothing of GLFW or GL, so headless
// tests drive it frame by frame exactly as the window does.
#pragma once

#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/schedule.h"
#include "core/speech.h"
#include "core/survey_session.h"
#include "ui/automation_dump.h"
#include "ui/fonts.h"
#include "ui/input_gate.h"
#include "ui/staff/staff_mode.h"
#include "ui/text_renderer.h"
#include "ui/theme.h"
#include "ui/visitor/visitor_screens.h"
#include "ui/window_app.h"

namespace ik {

struct KioskAppOptions {
    SessionConfig session;
    double inputBlockAfterScreenChange = 0.3; // seconds a new press is ignored on a new screen
    double autoAdvanceDelay = 0.45;           // the chosen answer shows this long, then the next question
    double staffHold = 3.0;                   // seconds the hidden corner must be held for the PIN pad
    StaffOptions staff;
    std::vector<std::string> languages; // offered to visitors (of the questionnaire's); empty: all
    // The wall clock, for the schedule (tests set their own).
    std::function<WallClock::time_point()> wallNow = [] { return WallClock::now(); };
    // Read-aloud: null, no voice (the speaker button never shows).
    Voice* voice = nullptr;
    SpeechSettings speech;
};

class KioskApp : public WindowApp {
public:
    // `staff.db` null: no staff mode (and no staff corner).
    KioskApp(Questionnaire questionnaire, ResponseSink* sink, KioskAppOptions options = {},
             StaffServices staff = {});

    // Sizes for a window of this size (and ImGui's atlas, once); true when the atlas was built and
    // the caller must upload it.
    Result<bool> PrepareFonts(ImFontAtlas& atlas, float width, float height, float dpiScale,
                              float pixelsPerMm = 0.0f) override;

    // One frame: between ImGui::NewFrame() and ImGui::Render().
    void Frame(double now) override;
    // Timers: auto-advance, idle warning and abandonment, thank-you timeout. True when the screen
    // must be redrawn.
    bool Tick(double now) override;
    // Any pointer or key input (keeps a visitor who is reading "present").
    void NoteInput(double now) override {
        m_survey->session.NoteActivity(now);
        m_staff.NoteInput(now);
    }
    // When Tick should run next (absolute, same clock as `now`).
    double NextWakeTime(double now) const override;

    InputGate& Gate() override { return m_gate; }
    AutomationDump& Dump() override { return m_dump; }
    ImU32 Background() const override;
    // The visitor's own settings for this visit (read aloud, text size, contrast).
    const VisitorSettings& Visitor() const { return m_visitor; }
    // What the current screen says aloud (empty where it cannot be read in this language).
    Utterance CurrentUtterance(double now) const;
    const AutomationDump& Dump() const { return m_dump; }
    const std::string& ScreenId() const { return m_screenId; }
    const SurveySession& Session() const { return m_survey->session; }
    const Questionnaire& CurrentQuestionnaire() const { return m_survey->questionnaire; }
    const Metrics& CurrentMetrics() const { return m_metrics; }
    const StaffMode& Staff() const { return m_staff; }
    bool Previewing() const { return m_live != nullptr; }
    // Outside the active questionnaire's schedule: the attract screen says "closed".
    bool Closed() const { return m_closed; }

private:
    // A questionnaire and the session running it (the session refers to the questionnaire, so the
    // pair lives and moves together on the heap).
    struct Survey {
        Survey(Questionnaire q, ResponseSink* sink, const SessionConfig& config)
            : questionnaire(std::move(q)), session(questionnaire, sink, config) {}
        Questionnaire questionnaire;
        SurveySession session;
    };

    std::string ComputeScreenId() const;
    void DrawVisitor(UiContext& ui, double now);
    void DrawStaffCorner(UiContext& ui, double now);
    void ApplyStaff(const StaffRequest& request, double now);
    void EndPreview(double now);
    // The active questionnaire as visitors get it: only the languages this kiosk offers.
    Questionnaire Offered(const Questionnaire& questionnaire) const;
    void ShowLive(const Questionnaire& questionnaire);
    // Re-checks the schedule (once a second at most); true when open/closed changed.
    bool CheckSchedule(double now);
    void Apply(const VisitorAction& action, double now);
    void OnPossibleScreenChange(double now);
    // A new visit begins (the attract screen again): the visitor's settings go back to the defaults.
    void ResetVisitorSettings();
    void ApplyTextStep(int step);
    // Reads the screen now shown when read-aloud is on (the attract screen only when asked).
    void SpeakScreen(double now, bool asked);
    void UpdateDumpSpeech();

    ResponseSink* m_sink;
    KioskAppOptions m_options;
    Questionnaire m_active; // as stored, before Offered()
    Schedule m_schedule;    // of the active questionnaire
    bool m_closed = false;
    double m_scheduleCheckedAt = -1;
    std::unique_ptr<Survey> m_survey;
    std::unique_ptr<Survey> m_live; // while previewing: the real survey, put back afterwards
    StaffMode m_staff;
    std::optional<double> m_cornerHeldSince;
    Metrics m_metrics;
    struct WindowGeometry {
        float width = 0, height = 0, dpiScale = 1, pixelsPerMm = 0;
    } m_window;
    FontSet m_fonts;
    std::unique_ptr<TextRenderer> m_text;
    VisitorSettings m_visitor;
    std::string m_spokenScreen; // the screen (id and language) last read aloud
    std::string m_spokenText;   // what it said, for the dump
    bool m_wasSpeaking = false;
    long m_finishedSeen = 0;
    InputGate m_gate;
    AutomationDump m_dump;
    std::string m_screenId;
    nlohmann::json m_draft;
    std::optional<double> m_advanceAt;
    int m_shownCountdown = -1;
};

} // namespace ik
