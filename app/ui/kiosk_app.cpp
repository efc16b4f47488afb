// See kiosk_app.h.
#include "ui/kiosk_app.h"

#include <algorithm>
#include <cmath>

#include "ui/ui_strings.h"

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

KioskApp::KioskApp(Questionnaire questionnaire, ResponseSink* sink, KioskAppOptions options)
    : m_questionnaire(std::move(questionnaire)), m_session(m_questionnaire, sink, options.session),
      m_options(options) {
    m_screenId = ComputeScreenId();
}

Result<bool> KioskApp::PrepareFonts(ImFontAtlas& atlas, float width, float height, float dpiScale,
                                    float pixelsPerMm) {
    Metrics metrics = ComputeMetrics(width, height, dpiScale, pixelsPerMm);
    if (m_fonts.body && metrics.bodySize == m_metrics.bodySize && metrics.titleSize == m_metrics.titleSize &&
        metrics.smallSize == m_metrics.smallSize) {
        m_metrics = metrics;
        return false;
    }
    Result<FontSet> fonts = m_fontBuilder.Build(atlas, metrics, TextsToShow());
    if (!fonts) return Error{fonts.error()};
    m_fonts = *fonts;
    m_metrics = metrics;
    ApplyKioskStyle(m_metrics);
    return true;
}

std::vector<std::string_view> KioskApp::TextsToShow() const {
    std::vector<std::string_view> texts = AllUiStrings();
    auto addAll = [&texts](const LangText& text) {
        for (const auto& [lang, value] : text)
            texts.push_back(value);
    };
    addAll(m_questionnaire.title);
    addAll(m_questionnaire.intro);
    addAll(m_questionnaire.thanks);
    for (const Question& q : m_questionnaire.questions) {
        addAll(q.label);
        addAll(q.help);
        addAll(q.minLabel);
        addAll(q.maxLabel);
        for (const Option& option : q.options)
            addAll(option.label);
    }
    return texts;
}

std::string KioskApp::ComputeScreenId() const {
    switch (m_session.Screen()) {
    case SessionScreen::Attract:
        return "attract";
    case SessionScreen::Language:
        return m_session.IdleWarningShown() ? "idle_warning" : "language";
    case SessionScreen::Question:
        if (m_session.IdleWarningShown()) return "idle_warning";
        return "question:" + m_session.CurrentQuestion()->id;
    case SessionScreen::Thanks:
        return "thanks";
    }
    return "attract";
}

void KioskApp::Frame(double now) {
    const ImGuiIO& io = ImGui::GetIO();
    UiContext ui{m_metrics, m_fonts, m_dump, m_session.Language(), m_questionnaire.DefaultLanguage(), now};
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    // The screen window stays below the idle overlay even when tapped.
    ImGui::Begin("##screen", nullptr, kScreenFlags | ImGuiWindowFlags_NoBringToFrontOnFocus);
    ImGui::PushFont(m_fonts.body);
    m_dump.BeginFrame(ComputeScreenId());

    VisitorAction action;
    switch (m_session.Screen()) {
    case SessionScreen::Attract:
        action = DrawAttractScreen(ui, m_questionnaire);
        break;
    case SessionScreen::Language:
        action = DrawLanguageScreen(ui, m_questionnaire);
        break;
    case SessionScreen::Question: {
        QuestionView view;
        view.answer = m_session.CurrentAnswer();
        view.draft = m_draft;
        action = DrawQuestionScreen(ui, m_session, view);
        break;
    }
    case SessionScreen::Thanks:
        action = DrawThanksScreen(ui, m_questionnaire);
        break;
    }
    ImGui::PopFont();
    ImGui::End();

    if (m_session.IdleWarningShown()) {
        // Its own window on top: the question below cannot be tapped while it shows.
        action = {};
        m_dump.BeginFrame("idle_warning");
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(io.DisplaySize);
        ImGui::SetNextWindowBgAlpha(0);
        ImGui::Begin("##idle", nullptr, kScreenFlags);
        ImGui::PushFont(m_fonts.body);
        action = DrawIdleOverlay(ui, m_session.IdleSecondsLeft(now));
        m_shownCountdown = static_cast<int>(std::ceil(m_session.IdleSecondsLeft(now)));
        ImGui::PopFont();
        ImGui::End();
    }

    if (action.kind != VisitorAction::Kind::None) Apply(action, now);
}

void KioskApp::Apply(const VisitorAction& action, double now) {
    using Kind = VisitorAction::Kind;
    const Question* question = m_session.CurrentQuestion();
    switch (action.kind) {
    case Kind::None:
        break;
    case Kind::Start:
        m_session.Start(now);
        if (!action.language.empty()) m_session.ChooseLanguage(action.language, now);
        break;
    case Kind::ChooseLanguage:
        m_session.ChooseLanguage(action.language, now);
        break;
    case Kind::Answer:
        if (m_session.Answer(action.value, now) || !m_session.StorageError().empty()) {
            m_draft = nullptr;
            if (question && AdvancesOnAnswer(question->type)) m_advanceAt = now + m_options.autoAdvanceDelay;
        }
        break;
    case Kind::ClearAnswer:
        m_session.ClearAnswer(now);
        break;
    case Kind::Draft:
        m_draft = action.value;
        m_session.NoteActivity(now);
        break;
    case Kind::Next:
        // A number is kept when the visitor moves on; erasing every digit takes the answer back.
        if (question && question->type == QuestionType::Number && m_draft.is_string()) {
            const std::string& digits = m_draft.get_ref<const std::string&>();
            if (digits.empty())
                m_session.ClearAnswer(now);
            else
                m_session.Answer(std::stol(digits), now);
        }
        m_advanceAt.reset();
        m_session.Next(now);
        break;
    case Kind::Back:
        m_advanceAt.reset();
        m_session.Back(now);
        break;
    case Kind::Stop:
        m_advanceAt.reset();
        m_session.Stop(now);
        break;
    case Kind::StillHere:
        m_session.StillHere(now);
        break;
    }
    OnPossibleScreenChange(now);
}

void KioskApp::OnPossibleScreenChange(double now) {
    std::string id = ComputeScreenId();
    if (id == m_screenId) return;
    m_screenId = std::move(id);
    m_draft = nullptr;
    m_gate.BlockUntil(now + m_options.inputBlockAfterScreenChange);
}

bool KioskApp::Tick(double now) {
    const std::string before = m_screenId;
    if (m_advanceAt && now >= *m_advanceAt) {
        m_advanceAt.reset();
        if (m_session.CanGoNext()) m_session.Next(now);
    }
    m_session.Tick(now);
    OnPossibleScreenChange(now);
    bool redraw = m_screenId != before;
    if (m_session.IdleWarningShown() &&
        static_cast<int>(std::ceil(m_session.IdleSecondsLeft(now))) != m_shownCountdown)
        redraw = true;
    return redraw;
}

double KioskApp::NextWakeTime(double now) const {
    double wake = m_session.NextDeadline();
    if (m_advanceAt) wake = std::min(wake, *m_advanceAt);
    if (m_session.IdleWarningShown()) {
        // The countdown changes every second.
        const double left = m_session.IdleSecondsLeft(now);
        wake = std::min(wake, now + (left - std::floor(left) > 0 ? left - std::floor(left) : 1.0));
    }
    return wake;
}

} // namespace ik
