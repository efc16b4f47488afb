// The attract screen outside the questionnaire's schedule: the title, "closed right now" in every
// language the kiosk offers, and the opening hours. Nothing to tap (staff still have their corner).
#include "ui/visitor/visitor_screens.h"

#include <algorithm>

#include "core/ui_strings.h"

namespace ik {

void DrawClosedScreen(UiContext& ui, const Questionnaire& q, const std::string& hours) {
    const Metrics& m = ui.metrics;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float width = m.width - 2 * m.margin;
    float y = m.margin * (m.portrait ? 4.0f : 2.0f);
    const std::string& title = PickText(q.title, q.DefaultLanguage());
    const float titleSize =
        FitTextSize(ui.fonts.title, m.titleSize, m.smallSize, title, width, m.height * 0.2f);
    y += DrawWrappedText(draw, ui.fonts.title, titleSize, ImVec2(m.margin, y), width, title, colors::kMuted);
    y += m.gap * 3;
    std::string message;
    for (const std::string& lang : q.languages) {
        const std::string line = Tr(UiText::Closed, lang);
        if (message.find(line) == std::string::npos) message += (message.empty() ? "" : "\n") + line;
    }
    const float size =
        FitTextSize(ui.fonts.body, m.bodySize * 1.2f, m.smallSize, message, width, m.height * 0.45f);
    const float h =
        DrawWrappedText(draw, ui.fonts.body, size, ImVec2(m.margin, y), width, message, colors::kText);
    ui.dump.Add({"closed_text", message, "text", m.margin, y, width, h, true, false});
    y += h + m.gap * 2;
    if (!hours.empty()) {
        DrawWrappedText(draw, ui.fonts.title, m.titleSize, ImVec2(m.margin, y), width, hours,
                        colors::kAccent);
        ui.dump.Add({"opening_hours", hours, "text", m.margin, y, width, m.titleSize, true, false});
    }
}

} // namespace ik
