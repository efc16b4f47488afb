// Thank-you screen: a big check mark and the questionnaire's thanks; it returns to the attract
// screen by itself (the session's timer), so the next visitor finds a fresh start.
#include "ui/visitor/visitor_screens.h"

#include <algorithm>

#include "core/ui_strings.h"

namespace ik {

VisitorAction DrawThanksScreen(UiContext& ui, const Questionnaire& q) {
    const Metrics& m = ui.metrics;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float width = m.width - 2 * m.margin;
    const float radius = std::min(m.width, m.height) * 0.14f;
    const ImVec2 centre(m.width * 0.5f, m.height * 0.32f);
    draw->AddCircleFilled(centre, radius, colors::kFace[4], 64);
    DrawCheckMark(draw, centre, radius * 1.1f, colors::kOnAccent, radius * 0.16f);

    // The questionnaire's own thanks, large; the kiosk's "Thank you!" only when it has none (saying
    // thanks twice reads oddly).
    float y = centre.y + radius + m.gap * 2;
    const std::string& thanks = Text(ui, q.thanks);
    const std::string heading = thanks.empty() ? Tr(UiText::ThankYou, ui.language) : thanks;
    const float size =
        FitTextSize(ui.fonts.title, m.titleSize * 1.2f, m.bodySize, heading, width, m.height - y - m.margin);
    const float height =
        DrawWrappedText(draw, ui.fonts.title, size, ImVec2(m.margin, y), width, heading, colors::kText);
    ui.dump.Add({"thanks_text", heading, "text", m.margin, y, width, height, true, false});
    return {};
}

} // namespace ik
