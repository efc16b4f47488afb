// "Are you still there?": dims the question and counts down; "yes, continue" carries on, "stop" or
// the end of the countdown ends the survey (the answers so far are kept as abandoned).
#include "ui/visitor/visitor_screens.h"

#include <algorithm>
#include <cmath>

#include "core/ui_strings.h"

namespace ik {

VisitorAction DrawIdleOverlay(UiContext& ui, double secondsLeft, const VisitorSettings& settings) {
    VisitorAction action;
    const Metrics& m = ui.metrics;
    const Palette& c = ui.colors();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(ImVec2(0, 0), ImVec2(m.width, m.height), c.overlay);

    const float panelWidth = std::min(m.width - 2 * m.margin, 900 * m.unit);
    const float buttonHeight = std::max(m.minTarget * 1.3f, 110 * m.unit);
    const float toolSide = settings.canSpeak ? m.minTarget : 0;
    const float textWidth = panelWidth - 2 * m.margin;
    const char* heading = Tr(UiText::StillThere, ui.language);
    const std::string hint = Format(Tr(UiText::StillThereHint, ui.language),
                                    static_cast<int>(std::ceil(std::max(0.0, secondsLeft))));
    // The panel fits the screen at every text size: the words shrink before the buttons do.
    const float textRoom = m.height - 2 * m.margin - m.margin * 2 - m.gap * 4 - buttonHeight * 2 - toolSide;
    const float headingSize =
        FitTextSize(ui, Weight::Bold, m.titleSize, m.smallSize * 0.6f, heading, textWidth, textRoom * 0.5f);
    const float hintSize =
        FitTextSize(ui, Weight::Regular, m.bodySize, m.smallSize * 0.6f, hint, textWidth,
                    textRoom - WrappedHeight(ui, Weight::Bold, headingSize, heading, textWidth));
    const float headingHeight = WrappedHeight(ui, Weight::Bold, headingSize, heading, textWidth);
    const float hintHeight = WrappedHeight(ui, Weight::Regular, hintSize, hint, textWidth);
    const float panelHeight = m.margin * 2 + headingHeight + hintHeight + m.gap * 3 + buttonHeight * 2 +
                              m.gap + (toolSide > 0 ? toolSide + m.gap : 0);
    const ImVec2 p0((m.width - panelWidth) * 0.5f, std::max(m.margin, (m.height - panelHeight) * 0.5f));
    draw->AddRectFilled(p0, ImVec2(p0.x + panelWidth, p0.y + panelHeight), c.background, m.rounding * 2);
    draw->AddRect(p0, ImVec2(p0.x + panelWidth, p0.y + panelHeight), c.tileBorder, m.rounding * 2, 0,
                  2 * m.unit);

    float y = p0.y + m.margin;
    if (toolSide > 0) {
        const VisitorAction tool = DrawVisitorTools(ui, settings, ImVec2(p0.x + m.margin, y),
                                                    ImVec2(textWidth, toolSide), /*sizeAndContrast=*/false);
        if (tool.kind != VisitorAction::Kind::None) action = tool;
        y += toolSide + m.gap;
    }
    y += DrawWrappedText(ui, draw, Weight::Bold, headingSize, ImVec2(p0.x + m.margin, y), textWidth, heading,
                         c.text);
    y += m.gap;
    y += DrawWrappedText(ui, draw, Weight::Regular, hintSize, ImVec2(p0.x + m.margin, y), textWidth, hint,
                         c.text);
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
