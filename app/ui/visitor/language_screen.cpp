// Language screen: "choose your language" in every offered language, and one big button per
// language in its own name and script.
#include "ui/visitor/visitor_screens.h"

#include <algorithm>

#include "core/ui_strings.h"
#include "ui/visitor/language_grid.h"

namespace ik {

VisitorAction DrawLanguageScreen(UiContext& ui, const Questionnaire& q, const VisitorSettings& settings) {
    VisitorAction action;
    const Metrics& m = ui.metrics;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float width = m.width - 2 * m.margin;

    // The back button and the speaker share the bottom row.
    const float backHeight = std::max(m.minTarget, 90 * m.unit);
    const float bottomY = m.height - m.margin - backHeight;
    const int count = static_cast<int>(q.languages.size());
    const LanguageGrid grid =
        PlanLanguageGrid(m, count, width, 130 * m.unit, m.portrait || count <= 3 ? 1 : 3);

    std::string heading;
    for (const std::string& code : q.languages) {
        std::string text = Tr(UiText::ChooseLanguage, code);
        if (heading.find(text) != std::string::npos) continue;
        heading += (heading.empty() ? "" : "\n") + text; // one line per language, never split mid-phrase
    }
    // Each line in its own script and direction (Auto): the heading mixes languages.
    const Direction screenDirection = ui.direction;
    ui.direction = Direction::Auto;
    float y = m.margin * (m.portrait ? 3.0f : 1.0f);
    const float headingRoom = std::max(m.smallSize, bottomY - m.gap * 3 - grid.Height(m.gap) - y);
    const float size = FitTextSize(ui, Weight::Bold, m.titleSize, m.smallSize * 0.5f, heading, width,
                                   std::min(headingRoom, m.height * 0.4f));
    const float headingHeight =
        DrawWrappedText(ui, draw, Weight::Bold, size, ImVec2(m.margin, y), width, heading, ui.colors().text);
    ui.direction = screenDirection;
    ui.dump.Add({"language_heading", heading, "text", m.margin, y, width, headingHeight, true, false});
    y += headingHeight + m.gap * 2;

    const float y0 = y + std::max(0.0f, (bottomY - m.gap - y - grid.Height(m.gap)) * 0.5f);
    const std::string chosen = DrawLanguageGrid(ui, grid, q.languages, y0, ButtonStyle::Secondary);
    if (!chosen.empty()) {
        action.kind = VisitorAction::Kind::ChooseLanguage;
        action.language = chosen;
    }

    const float backWidth = std::max(m.minTarget * 2, 240 * m.unit);
    if (BigButton(ui, "back", Tr(UiText::Back, ui.language), ImVec2(ui.MirrorX(m.margin, backWidth), bottomY),
                  ImVec2(backWidth, backHeight), ButtonStyle::Secondary))
        action.kind = VisitorAction::Kind::Stop;
    const VisitorAction tool = DrawVisitorTools(ui, settings, ImVec2(m.margin, bottomY),
                                                ImVec2(width, backHeight), /*sizeAndContrast=*/false);
    if (tool.kind != VisitorAction::Kind::None) action = tool;
    return action;
}

} // namespace ik
