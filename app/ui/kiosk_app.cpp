// See kiosk_app.h.
#include "ui/kiosk_app.h"

#include <algorithm>
#include <cmath>

#include "core/spoken_screens.h"
#include "core/ui_strings.h"

namespace ik {
namespace {

constexpr ImGuiWindowFlags kScreenFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                          ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings |
                                          ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoNav;

// Answers that end the question: after a short look at the choice, the next question comes.
bool AdvancesOnAnswer(QuestionType type) {
    switch (type) {
    case QuestionType::Likert:
    case QuestionType::Smiley:
    case QuestionType::Scale:
    case QuestionType::SingleChoice:
    case QuestionType::YesNo:
    case QuestionType::ThenNow:
        return true;
    default:
        return false;
    }
}

} // namespace

KioskApp::KioskApp(Questionnaire questionnaire, ResponseSink* sink, KioskAppOptions options,
                   StaffServices staff)
    : m_sink(sink), m_options(options), m_staff(std::move(staff), options.staff) {
    ShowLive(questionnaire);
    m_screenId = ComputeScreenId();
    if (m_options.voice) m_options.voice->Configure(m_options.speech);
    m_visitor.speech = m_options.speech.startOn;
}

Questionnaire KioskApp::Offered(const Questionnaire& questionnaire) const {
    Questionnaire offered = questionnaire;
    std::vector<std::string> languages;
    for (const std::string& lang : questionnaire.languages)
        if (std::find(m_options.languages.begin(), m_options.languages.end(), lang) !=
            m_options.languages.end())
            languages.push_back(lang);
    // A kiosk offering none of the questionnaire's languages still shows it, in all of them.
    if (!languages.empty()) offered.languages = languages;
    return offered;
}

void KioskApp::ShowLive(const Questionnaire& questionnaire) {
    m_active = questionnaire;
    m_survey = std::make_unique<Survey>(Offered(questionnaire), m_sink, m_options.session);
    m_schedule = m_staff.ScheduleFor(questionnaire.id);
    m_scheduleCheckedAt = -1;
    m_closed = !IsOpen(m_schedule, ToLocalTime(m_options.wallNow()));
}

bool KioskApp::CheckSchedule(double now) {
    if (m_schedule.Always() || (m_scheduleCheckedAt >= 0 && now - m_scheduleCheckedAt < 1.0)) return false;
    m_scheduleCheckedAt = now;
    const bool closed = !IsOpen(m_schedule, ToLocalTime(m_options.wallNow()));
    if (closed == m_closed) return false;
    m_closed = closed;
    return true;
}

Result<bool> KioskApp::PrepareFonts(ImFontAtlas& atlas, float width, float height, float dpiScale,
                                    float pixelsPerMm) {
    if (!m_text) {
        Result<std::unique_ptr<TextRenderer>> text = TextRenderer::Create(FontDirectory());
        if (!text) return Error{text.error()};
        m_text = std::move(*text);
    }
    m_window = {width, height, dpiScale, pixelsPerMm};
    m_metrics = ComputeMetrics(width, height, dpiScale, pixelsPerMm, kTextScales[m_visitor.textStep]);
    ApplyKioskStyle(m_metrics);
    return PrepareImGuiAtlas(atlas);
}

std::string KioskApp::ComputeScreenId() const {
    if (m_staff.Active() && !Previewing()) return m_staff.ScreenId();
    const SurveySession& session = m_survey->session;
    switch (session.Screen()) {
    case SessionScreen::Attract:
        return m_closed && !Previewing() ? "closed" : "attract";
    case SessionScreen::Language:
        return session.IdleWarningShown() ? "idle_warning" : "language";
    case SessionScreen::Question:
        if (session.IdleWarningShown()) return "idle_warning";
        return "question:" + session.CurrentQuestion()->id;
    case SessionScreen::Thanks:
        return "thanks";
    }
    return "attract";
}

ImU32 KioskApp::Background() const {
    const bool visitor = !m_staff.Active() || Previewing();
    return visitor && m_visitor.highContrast ? HighContrastPalette().background
                                             : StandardPalette().background;
}

void KioskApp::ResetVisitorSettings() {
    const int step = m_visitor.textStep;
    m_visitor = VisitorSettings{};
    m_visitor.speech = m_options.speech.startOn;
    if (step != 0) ApplyTextStep(0);
}

Utterance KioskApp::CurrentUtterance(double now) const {
    Voice* voice = m_options.voice;
    // No sound at all (no output, or the voice not started yet): nothing to read, not even recordings.
    if (!voice || !voice->Available() || (m_staff.Active() && !Previewing())) return {};
    const Speaks speaks = [voice](std::string_view lang) { return voice->Speaks(lang); };
    const SurveySession& session = m_survey->session;
    const Questionnaire& q = m_survey->questionnaire;
    const std::string& lang = session.Language();
    if (session.IdleWarningShown())
        return SpeakIdleWarning(
            lang, static_cast<int>(std::ceil(std::max(0.0, session.IdleSecondsLeft(now)))), speaks);
    switch (session.Screen()) {
    case SessionScreen::Attract:
        return m_closed && !Previewing() ? Utterance{} : SpeakAttract(q, lang, speaks);
    case SessionScreen::Language:
        return SpeakLanguageChoice(q, lang, speaks);
    case SessionScreen::Question:
        return SpeakQuestion(q, *session.CurrentQuestion(), lang, speaks);
    case SessionScreen::Thanks:
        return SpeakThanks(q, lang, speaks);
    }
    return {};
}

void KioskApp::SpeakScreen(double now, bool asked) {
    Voice* voice = m_options.voice;
    if (!voice) return;
    const std::string key = m_screenId + "/" + m_survey->session.Language();
    // An empty kiosk does not talk to the room: the attract screen is read only when a visitor asks.
    const bool read = m_visitor.speech && (asked || m_screenId != "attract");
    if (!read) {
        if (voice->Speaking()) voice->Stop();
        m_spokenScreen.clear();
        return;
    }
    if (!asked && key == m_spokenScreen) return;
    m_spokenScreen = key;
    const Utterance utterance = CurrentUtterance(now);
    m_spokenText = utterance.Text();
    if (utterance.Empty())
        voice->Stop();
    else
        voice->Say(utterance);
}

void KioskApp::UpdateDumpSpeech() {
    Voice* voice = m_options.voice;
    if (!voice) return;
    m_wasSpeaking = voice->Speaking();
    m_finishedSeen = voice->Finished();
    m_dump.SetSpeech(m_wasSpeaking ? m_spokenText : std::string(), m_finishedSeen);
}

void KioskApp::ApplyTextStep(int step) {
    m_visitor.textStep = std::clamp(step, 0, kTextScaleSteps - 1);
    // Only sizes change: the text renderer draws any size without rebuilding anything.
    m_metrics = ComputeMetrics(m_window.width, m_window.height, m_window.dpiScale, m_window.pixelsPerMm,
                               kTextScales[m_visitor.textStep]);
}

void KioskApp::Frame(double now) {
    const ImGuiIO& io = ImGui::GetIO();
    SurveySession& session = m_survey->session;
    const Questionnaire& questionnaire = m_survey->questionnaire;
    m_text->BeginFrame();
    UiContext ui{m_metrics, m_fonts, m_dump, session.Language(), questionnaire.DefaultLanguage(), now};
    ui.text = m_text.get();
    if (!m_staff.Active() || Previewing()) {
        ui.rtl = IsRightToLeft(ui.language);
        ui.direction = ui.rtl ? Direction::Rtl : Direction::Ltr;
        ui.palette = m_visitor.highContrast ? &HighContrastPalette() : &StandardPalette();
        m_visitor.canSpeak = !CurrentUtterance(now).Empty();
        m_visitor.speaking = m_options.voice && m_options.voice->Speaking();
    }
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    // The screen window stays below the idle overlay even when tapped. Its background is the
    // palette's: the theme's window colour is the standard one, which in high contrast left white
    // text on paper.
    ImGui::PushStyleColor(ImGuiCol_WindowBg, Background());
    ImGui::Begin("##screen", nullptr, kScreenFlags | ImGuiWindowFlags_NoBringToFrontOnFocus);
    ImGui::PopStyleColor();
    m_dump.BeginFrame(ComputeScreenId());
    m_dump.SetRtl(ui.rtl);
    UpdateDumpSpeech();
    if (m_staff.Active() && !Previewing()) {
        ui.language = "en";
        const StaffRequest request = m_staff.Frame(ui, now);
        ImGui::End();
        ApplyStaff(request, now);
        return;
    }
    DrawVisitor(ui, now);
}

void KioskApp::DrawVisitor(UiContext& ui, double now) {
    const ImGuiIO& io = ImGui::GetIO();
    SurveySession& session = m_survey->session;
    const Questionnaire& questionnaire = m_survey->questionnaire;
    VisitorAction action;
    switch (session.Screen()) {
    case SessionScreen::Attract:
        // A visitor already in the survey at closing time finishes; the next one finds it closed.
        if (m_closed && !Previewing())
            DrawClosedScreen(ui, questionnaire, OpeningHours(m_schedule));
        else
            action = DrawAttractScreen(ui, questionnaire, m_visitor);
        if (m_staff.Enabled() && !Previewing()) DrawStaffCorner(ui, now);
        break;
    case SessionScreen::Language:
        action = DrawLanguageScreen(ui, questionnaire, m_visitor);
        break;
    case SessionScreen::Question: {
        QuestionView view;
        view.answer = session.CurrentAnswer();
        view.draft = m_draft;
        view.numbered = m_visitor.speech && m_visitor.canSpeak;
        action = DrawQuestionScreen(ui, session, view, m_visitor);
        break;
    }
    case SessionScreen::Thanks:
        action = DrawThanksScreen(ui, questionnaire, m_visitor);
        break;
    }
    if (Previewing()) {
        // A preview says so, and can be left at any point; nothing is recorded. Staff words: in the
        // staff's language and direction, whatever the previewed language is.
        UiContext staffUi = ui.WithDump(m_dump);
        staffUi.rtl = false;
        staffUi.direction = Direction::Auto;
        staffUi.palette = &StandardPalette();
        const Metrics& m = m_metrics;
        const char* text = StaffText("PREVIEW - answers are not recorded");
        const ImVec2 size(TextWidth(staffUi, Weight::Regular, m.smallSize, text), m.smallSize);
        ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(0, 0), ImVec2(size.x + 2 * m.gap, size.y + m.gap),
                                                  colors::kStaffBar);
        DrawTextLine(staffUi, ImGui::GetWindowDrawList(), Weight::Regular, m.smallSize,
                     ImVec2(m.gap, m.gap * 0.5f), colors::kOnAccent, text);
        // "End preview" goes where the screen has nothing: bottom centre, else top centre. (Stop
        // and the thank-you screen end a preview too.)
        const ImVec2 exitSize(std::min(m.width * 0.25f, 260 * m.unit), m.minTarget);
        for (const ImVec2 pos : {ImVec2((m.width - exitSize.x) * 0.5f, m.height - exitSize.y - m.gap),
                                 ImVec2((m.width - exitSize.x) * 0.5f, m.gap)}) {
            const bool free =
                std::none_of(m_dump.Elements().begin(), m_dump.Elements().end(), [&](const DumpElement& e) {
                    return e.x < pos.x + exitSize.x && pos.x < e.x + e.w && e.y < pos.y + exitSize.y &&
                           pos.y < e.y + e.h;
                });
            if (!free) continue;
            if (BigButton(staffUi, "preview_exit", StaffText("End preview"), pos, exitSize,
                          ButtonStyle::Secondary)) {
                ImGui::End();
                EndPreview(now);
                return;
            }
            break;
        }
    }
    ImGui::End();

    if (session.IdleWarningShown()) {
        // Its own window on top: the question below cannot be tapped while it shows.
        action = {};
        m_dump.BeginFrame("idle_warning");
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(io.DisplaySize);
        ImGui::SetNextWindowBgAlpha(0);
        ImGui::Begin("##idle", nullptr, kScreenFlags);
        action = DrawIdleOverlay(ui, session.IdleSecondsLeft(now), m_visitor);
        m_shownCountdown = static_cast<int>(std::ceil(session.IdleSecondsLeft(now)));
        ImGui::End();
    }

    if (action.kind != VisitorAction::Kind::None) Apply(action, now);
}

void KioskApp::DrawStaffCorner(UiContext& ui, double now) {
    // An unmarked square in the top-left corner: a visitor tapping it sees nothing; held for a few
    // seconds it opens the PIN pad (Tick watches the time, since a held finger sends no events).
    const float size = m_metrics.minTarget * 1.2f;
    const TapState tap = TapTarget(ui, "staff_corner", "", "hotspot", ImVec2(0, 0), ImVec2(size, size));
    if (!tap.held)
        m_cornerHeldSince.reset();
    else if (!m_cornerHeldSince)
        m_cornerHeldSince = now;
}

void KioskApp::ApplyStaff(const StaffRequest& request, double now) {
    switch (request.kind) {
    case StaffRequest::Kind::None:
    case StaffRequest::Kind::Leave:
        break;
    case StaffRequest::Kind::ShowQuestionnaire:
        // Only from staff mode, so no visitor is mid-survey on the old questionnaire.
        ShowLive(request.questionnaire);
        break;
    case StaffRequest::Kind::ApplySchedule:
        if (request.questionnaire.id == m_active.id) {
            m_schedule = m_staff.ScheduleFor(m_active.id);
            m_scheduleCheckedAt = -1;
            m_closed = !IsOpen(m_schedule, ToLocalTime(m_options.wallNow()));
        }
        break;
    case StaffRequest::Kind::ApplySettings:
        m_options.session.idleWarningAfter = request.config.idleTimeoutSeconds;
        m_options.session.idleCountdown = request.config.idleCountdownSeconds;
        m_options.session.thanksDuration = request.config.thanksSeconds;
        m_options.session.freeText = request.config.freeText;
        m_options.languages = request.config.languages;
        m_options.speech = request.config.speech;
        if (m_options.voice) m_options.voice->Configure(m_options.speech);
        ShowLive(m_active);
        break;
    case StaffRequest::Kind::Preview:
        m_live = std::move(m_survey);
        m_survey = std::make_unique<Survey>(request.questionnaire, nullptr, m_options.session);
        m_survey->session.Start(now);
        break;
    }
    OnPossibleScreenChange(now);
}

void KioskApp::EndPreview(double now) {
    if (!m_live) return;
    m_survey = std::move(m_live);
    m_advanceAt.reset();
    if (m_staff.Active()) m_staff.ReturnFromPreview(now);
    OnPossibleScreenChange(now);
}

void KioskApp::Apply(const VisitorAction& action, double now) {
    using Kind = VisitorAction::Kind;
    SurveySession& session = m_survey->session;
    const Question* question = session.CurrentQuestion();
    switch (action.kind) {
    case Kind::None:
        break;
    case Kind::Start:
        session.Start(now);
        if (!action.language.empty()) session.ChooseLanguage(action.language, now);
        break;
    case Kind::ChooseLanguage:
        session.ChooseLanguage(action.language, now);
        break;
    case Kind::Answer:
        if (session.Answer(action.value, now) || !session.StorageError().empty()) {
            m_draft = nullptr;
            if (question && AdvancesOnAnswer(question->type)) m_advanceAt = now + m_options.autoAdvanceDelay;
        }
        break;
    case Kind::ClearAnswer:
        session.ClearAnswer(now);
        break;
    case Kind::Draft:
        m_draft = action.value;
        session.NoteActivity(now);
        break;
    case Kind::Next:
        // A number is kept when the visitor moves on; erasing every digit takes the answer back.
        if (question && question->type == QuestionType::Number && m_draft.is_string()) {
            const std::string& digits = m_draft.get_ref<const std::string&>();
            if (digits.empty())
                session.ClearAnswer(now);
            else
                session.Answer(std::stol(digits), now);
        }
        // Free text likewise: kept on "next", and erasing it all takes the answer back.
        if (question && question->type == QuestionType::Text && m_draft.is_object()) {
            const std::string text = m_draft.value("text", "");
            if (text.empty())
                session.ClearAnswer(now);
            else
                session.Answer(text, now);
        }
        m_advanceAt.reset();
        session.Next(now);
        break;
    case Kind::Back:
        m_advanceAt.reset();
        session.Back(now);
        break;
    case Kind::Stop:
        m_advanceAt.reset();
        session.Stop(now);
        break;
    case Kind::StillHere:
        session.StillHere(now);
        break;
    case Kind::ToggleSpeech: {
        // With read-aloud on from the start (staff's choice) the attract screen stays silent until a
        // visitor asks: their tap on the lit speaker there reads it rather than turning it off.
        const bool unreadAttract = m_visitor.speech && m_screenId == "attract" && m_spokenScreen.empty();
        if (!unreadAttract) m_visitor.speech = !m_visitor.speech;
        session.NoteActivity(now);
        SpeakScreen(now, /*asked=*/true);
        break;
    }
    case Kind::TextLarger:
    case Kind::TextSmaller:
        ApplyTextStep(m_visitor.textStep + (action.kind == Kind::TextLarger ? 1 : -1));
        session.NoteActivity(now);
        break;
    case Kind::ToggleContrast:
        m_visitor.highContrast = !m_visitor.highContrast;
        session.NoteActivity(now);
        break;
    }
    OnPossibleScreenChange(now);
}

void KioskApp::OnPossibleScreenChange(double now) {
    std::string id = ComputeScreenId();
    const bool languageChanged =
        !m_spokenScreen.empty() && m_spokenScreen != m_screenId + "/" + m_survey->session.Language();
    if (id == m_screenId) {
        if (languageChanged) SpeakScreen(now, false); // the same screen in another language
        return;
    }
    // Back on the attract screen after a visit: the next visitor starts with the defaults.
    if (id == "attract" && m_screenId != "attract") ResetVisitorSettings();
    m_screenId = std::move(id);
    SpeakScreen(now, false); // reads the new screen, or stops reading the old one
    m_draft = nullptr;
    m_gate.BlockUntil(now + m_options.inputBlockAfterScreenChange);
}

bool KioskApp::Tick(double now) {
    const std::string before = m_screenId;
    SurveySession& session = m_survey->session;
    CheckSchedule(now);
    if (m_cornerHeldSince && now - *m_cornerHeldSince >= m_options.staffHold && !m_staff.Active()) {
        m_cornerHeldSince.reset();
        m_staff.Open(now);
    }
    m_staff.Tick(now);
    const bool background = m_staff.PollBackground() || // e.g. the results screen's figures arrived
                            (m_text && m_text->WantsRedraw());
    // A preview ends when its survey does, and with staff mode (logged out while previewing).
    if (Previewing() && (session.Screen() == SessionScreen::Attract || !m_staff.Active())) {
        EndPreview(now);
        return true;
    }
    if (m_advanceAt && now >= *m_advanceAt) {
        m_advanceAt.reset();
        if (session.CanGoNext()) session.Next(now);
    }
    session.Tick(now);
    OnPossibleScreenChange(now);
    bool redraw = m_screenId != before || background;
    // Speech started or fell silent: the dump says so. The voice became ready (it starts on its own
    // thread): the speaker button shows.
    if (m_options.voice &&
        (m_options.voice->Speaking() != m_wasSpeaking || m_options.voice->Finished() != m_finishedSeen ||
         (!m_staff.Active() && m_visitor.canSpeak != !CurrentUtterance(now).Empty())))
        redraw = true;
    if (session.IdleWarningShown() &&
        static_cast<int>(std::ceil(session.IdleSecondsLeft(now))) != m_shownCountdown)
        redraw = true;
    return redraw;
}

double KioskApp::NextWakeTime(double now) const {
    const SurveySession& session = m_survey->session;
    double wake = session.NextDeadline();
    if (m_cornerHeldSince) wake = std::min(wake, *m_cornerHeldSince + m_options.staffHold);
    if (m_staff.Active()) wake = std::min(wake, m_staff.NextWakeTime(now));
    // Opening and closing time: look again every few seconds (cheap, and the CPU stays idle).
    if (!m_schedule.Always()) wake = std::min(wake, now + 5.0);
    if (m_advanceAt) wake = std::min(wake, *m_advanceAt);
    if (session.IdleWarningShown()) {
        // The countdown changes every second.
        const double left = session.IdleSecondsLeft(now);
        wake = std::min(wake, now + (left - std::floor(left) > 0 ? left - std::floor(left) : 1.0));
    }
    return wake;
}

} // namespace ik
