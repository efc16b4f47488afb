// The attract screen outside the questionnaire's schedule: the title, "closed right now" in every
// language the kiosk offers, and the opening hours. Nothing to tap (staff still have their corner).
#include "ui/visitor/visitor_screens.h"

#include <algorithm>

#include "core/ui_strings.h"

namespace ik {

void DrawClosedScreen(UiContext& ui, const Questionnaire& q, const std::string& hours) {
    const Metrics& m = ui.metrics;
    const Palette& c = ui.colors();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float width = m.width - 2 * m.margin;
    float y = m.margin * (m.portrait ? 4.0f : 2.0f);
    const std::string& title = PickText(q.title, q.DefaultLanguage());
    const float titleSize =
        FitTextSize(ui, Weight::Bold, m.titleSize, m.smallSize, title, width, m.height * 0.2f);
    y += DrawWrappedText(ui, draw, Weight::Bold, titleSize, ImVec2(m.margin, y), width, title, c.muted);
    y += m.gap * 3;
    std::string message;
    for (const std::string& lang : q.languages) {
        const std::string line = Tr(UiText::Closed, lang);
        if (message.find(line) == std::string::npos) message += (message.empty() ? "" : "\n") + line;
    }
    // One line per language, each in its own direction.
    const Direction screenDirection = ui.direction;
    ui.direction = Direction::Auto;
    const float size = FitTextSize(ui, Weight::Regular, m.bodySize * 1.2f, m.smallSize * 0.6f, message, width,
                                   m.height * 0.45f);
    const float h =
        DrawWrappedText(ui, draw, Weight::Regular, size, ImVec2(m.margin, y), width, message, c.text);
    ui.direction = screenDirection;
    ui.dump.Add({"closed_text", message, "text", m.margin, y, width, h, true, false});
    y += h + m.gap * 2;
    if (!hours.empty()) {
        const float hoursHeight =
            DrawWrappedText(ui, draw, Weight::Bold, m.titleSize, ImVec2(m.margin, y), width, hours, c.accent);
        ui.dump.Add({"opening_hours", hours, "text", m.margin, y, width, hoursHeight, true, false});
    }
}

} // namespace ik
