// The visitor's screens. Each is a plain function that draws one screen (ImGui + ImDrawList) from
// read-only state and returns what the visitor did; KioskApp applies that to the session.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/survey_session.h"
#include "ui/widgets.h"

namespace ik {

struct VisitorAction {
    enum class Kind { None, Start, ChooseLanguage, Answer, ClearAnswer, Next, Back, Stop, StillHere, Draft };
    Kind kind = Kind::None;
    std::string language; // ChooseLanguage, Start (empty: ask)
    nlohmann::json value; // Answer, Draft
};

// What the question screen shows beyond the session: the answer being built on multi-step
// questions (then_now, number) before it is complete.
struct QuestionView {
    const nlohmann::json* answer = nullptr; // the stored answer to the current question, if any
    nlohmann::json draft;                   // partial input (number digits, then_now half)
};

VisitorAction DrawAttractScreen(UiContext& ui, const Questionnaire& questionnaire);
VisitorAction DrawLanguageScreen(UiContext& ui, const Questionnaire& questionnaire);
VisitorAction DrawQuestionScreen(UiContext& ui, const SurveySession& session, const QuestionView& view);
VisitorAction DrawThanksScreen(UiContext& ui, const Questionnaire& questionnaire);
VisitorAction DrawIdleOverlay(UiContext& ui, double secondsLeft);
// Outside the schedule; `hours` like "09:00-17:00", or "".
void DrawClosedScreen(UiContext& ui, const Questionnaire& questionnaire, const std::string& hours);

} // namespace ik
