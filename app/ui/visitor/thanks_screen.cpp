// Thank-you screen: a big check mark and the questionnaire's thanks; it returns to the attract
// screen by itself (the session's timer), so the next visitor finds a fresh start.
#include "ui/visitor/visitor_screens.h"

#include <algorithm>

#include "core/ui_strings.h"

namespace ik {

VisitorAction DrawThanksScreen(UiContext& ui, const Questionnaire& q, const VisitorSettings& settings) {
    const Metrics& m = ui.metrics;
    const Palette& c = ui.colors();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float width = m.width - 2 * m.margin;
    const float radius = std::min(m.width, m.height) * 0.14f;
    const ImVec2 centre(m.width * 0.5f, m.height * 0.32f);
    draw->AddCircleFilled(centre, radius, c.face[4], 64);
    DrawCheckMark(draw, centre, radius * 1.1f, colors::kFaceOutline, radius * 0.16f);

    // The questionnaire's own thanks, large; the kiosk's "Thank you!" only when it has none (saying
    // thanks twice reads oddly). The speaker, when reading is possible, sits at the bottom.
    const float toolSide = settings.canSpeak ? m.minTarget : 0;
    float y = centre.y + radius + m.gap * 2;
    const std::string& thanks = Text(ui, q.thanks);
    const std::string heading = thanks.empty() ? Tr(UiText::ThankYou, ui.language) : thanks;
    const float room = m.height - y - m.margin - (toolSide > 0 ? toolSide + m.gap : 0);
    const float size =
        FitTextSize(ui, Weight::Bold, m.titleSize * 1.2f, m.smallSize * 0.6f, heading, width, room);
    const float height =
        DrawWrappedText(ui, draw, Weight::Bold, size, ImVec2(m.margin, y), width, heading, c.text);
    ui.dump.Add({"thanks_text", heading, "text", m.margin, y, width, height, true, false});
    if (toolSide > 0) {
        const float toolWidth = VisitorToolsWidth(ui, settings, toolSide, false);
        return DrawVisitorTools(ui, settings,
                                ImVec2((m.width - toolWidth) * 0.5f, m.height - m.margin - toolSide),
                                ImVec2(toolWidth, toolSide), /*sizeAndContrast=*/false);
    }
    return {};
}

} // namespace ik
