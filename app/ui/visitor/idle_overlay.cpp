// "Are you still there?": dims the question and counts down; "yes, continue" carries on, "stop" or
// the end of the countdown ends the survey (the answers so far are kept as abandoned).
#include "ui/visitor/visitor_screens.h"

#include <algorithm>
#include <cmath>

#include "core/ui_strings.h"

namespace ik {

VisitorAction DrawIdleOverlay(UiContext& ui, double secondsLeft) {
    VisitorAction action;
    const Metrics& m = ui.metrics;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(ImVec2(0, 0), ImVec2(m.width, m.height), colors::kOverlay);

    const float panelWidth = std::min(m.width - 2 * m.margin, 900 * m.unit);
    const float buttonHeight = std::max(m.minTarget * 1.3f, 110 * m.unit);
    const float textWidth = panelWidth - 2 * m.margin;
    const char* heading = Tr(UiText::StillThere, ui.language);
    const std::string hint = Format(Tr(UiText::StillThereHint, ui.language),
                                    static_cast<int>(std::ceil(std::max(0.0, secondsLeft))));
    const float headingHeight = WrappedHeight(ui.fonts.title, m.titleSize, heading, textWidth);
    const float hintHeight = WrappedHeight(ui.fonts.body, m.bodySize, hint, textWidth);
    const float panelHeight =
        m.margin * 3 + headingHeight + hintHeight + m.gap * 2 + buttonHeight * 2 + m.gap;
    const ImVec2 p0((m.width - panelWidth) * 0.5f, std::max(m.margin, (m.height - panelHeight) * 0.5f));
    draw->AddRectFilled(p0, ImVec2(p0.x + panelWidth, p0.y + panelHeight), colors::kBackground,
                        m.rounding * 2);

    float y = p0.y + m.margin;
    y += DrawWrappedText(draw, ui.fonts.title, m.titleSize, ImVec2(p0.x + m.margin, y), textWidth, heading,
                         colors::kText);
    y += m.gap;
    y += DrawWrappedText(draw, ui.fonts.body, m.bodySize, ImVec2(p0.x + m.margin, y), textWidth, hint,
                         colors::kMuted);
    ui.dump.Add({"idle_countdown", hint, "text", p0.x + m.margin, y - hintHeight, textWidth, hintHeight, true,
                 false});
    y += m.gap * 2;
    if (BigButton(ui, "still_here", Tr(UiText::ContinueSurvey, ui.language), ImVec2(p0.x + m.margin, y),
                  ImVec2(textWidth, buttonHeight), ButtonStyle::Primary))
        action.kind = VisitorAction::Kind::StillHere;
    y += buttonHeight + m.gap;
    if (BigButton(ui, "stop", Tr(UiText::Stop, ui.language), ImVec2(p0.x + m.margin, y),
                  ImVec2(textWidth, buttonHeight), ButtonStyle::Secondary))
        action.kind = VisitorAction::Kind::Stop;
    return action;
}

} // namespace ik
