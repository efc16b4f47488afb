// The visitor's screens. Each is a plain function that draws one screen (ImGui + ImDrawList) from
// read-only state and returns what the visitor did; KioskApp applies that to the session.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/survey_session.h"
#include "ui/widgets.h"

namespace ik {

struct VisitorAction {
    enum class Kind {
        None,
        Start,
        ChooseLanguage,
        Answer,
        ClearAnswer,
        Next,
        Back,
        Stop,
        StillHere,
        Draft,
        // The visitor's own settings for this visit.
        ToggleSpeech,
        TextLarger,
        TextSmaller,
        ToggleContrast,
    };
    Kind kind = Kind::None;
    std::string language; // ChooseLanguage, Start (empty: ask)
    nlohmann::json value; // Answer, Draft
};

// What the question screen shows beyond the session: the answer being built on multi-step
// questions (then_now, number) before it is complete.
struct QuestionView {
    const nlohmann::json* answer = nullptr; // the stored answer to the current question, if any
    nlohmann::json draft;                   // partial input (number digits, then_now half)
    bool numbered = false;                  // read aloud: each answer shows the number it is read with
};

// The visitor's own settings for this visit, and what the screens offer of them.
struct VisitorSettings {
    bool speech = false;   // read-aloud is on
    bool canSpeak = false; // this screen can be read in this language (a voice or recordings)
    bool speaking = false; // reading now
    int textStep = 0;      // index into kTextScales
    bool highContrast = false;
};

// The speaker (when the screen can be read), smaller/larger text and contrast buttons, squares of
// size.y, in a row right-aligned in (pos, size) (left-aligned on a right-to-left screen).
// `sizeAndContrast` false: only the speaker. Returns the tap.
VisitorAction DrawVisitorTools(UiContext& ui, const VisitorSettings& settings, ImVec2 pos, ImVec2 size,
                               bool sizeAndContrast = true);
// The width DrawVisitorTools needs for squares of `side` pixels.
float VisitorToolsWidth(const UiContext& ui, const VisitorSettings& settings, float side,
                        bool sizeAndContrast = true);

VisitorAction DrawAttractScreen(UiContext& ui, const Questionnaire& questionnaire,
                                const VisitorSettings& settings);
VisitorAction DrawLanguageScreen(UiContext& ui, const Questionnaire& questionnaire,
                                 const VisitorSettings& settings);
VisitorAction DrawQuestionScreen(UiContext& ui, const SurveySession& session, const QuestionView& view,
                                 const VisitorSettings& settings);
VisitorAction DrawThanksScreen(UiContext& ui, const Questionnaire& questionnaire,
                               const VisitorSettings& settings);
VisitorAction DrawIdleOverlay(UiContext& ui, double secondsLeft, const VisitorSettings& settings);
// Outside the schedule; `hours` like "09:00-17:00", or "".
void DrawClosedScreen(UiContext& ui, const Questionnaire& questionnaire, const std::string& hours);

} // namespace ik
