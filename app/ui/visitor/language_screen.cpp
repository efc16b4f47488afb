// Language screen: "choose your language" in every offered language, and one big button per
// language in its own name and script.
#include "ui/visitor/visitor_screens.h"

#include <algorithm>
#include <string>
#include <vector>

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
    // The buttons get at least three fifths of the height between the top and the back button.
    const float top = m.margin * (m.portrait ? 3.0f : 1.0f);
    const LanguageGrid grid = PlanLanguageGrid(m, count, width, (bottomY - m.gap * 2 - top) * 0.6f, 130 * m.unit,
                                               m.portrait || count <= 3 ? 1 : 2);

    std::vector<std::string> phrases;
    for (const std::string& code : q.languages) {
        std::string text = Tr(UiText::ChooseLanguage, code);
        if (std::find(phrases.begin(), phrases.end(), text) == phrases.end()) phrases.push_back(std::move(text));
    }
    // Several phrases on a line follow the screen's direction, in the order of the languages; each
    // reads in its own direction within it.
    float y = top;
    const float headingRoom =
        std::min(m.height * 0.4f, std::max(m.smallSize, bottomY - m.gap * 3 - grid.Height(m.gap) - y));
    // One phrase a line, never split mid-phrase; two or three a line when that many lines would not
    // fit readably (nine languages on a 7" panel).
    std::string heading;
    float size = 0;
    for (size_t perLine = 1; perLine <= 3; ++perLine) {
        heading.clear();
        for (size_t i = 0; i < phrases.size(); ++i)
            heading += (i == 0 ? "" : i % perLine == 0 ? "\n" : "   ") + phrases[i];
        size = FitTextSize(ui, Weight::Bold, m.titleSize, m.smallSize * 0.5f, heading, width, headingRoom);
        if (size >= m.smallSize && WrappedHeight(ui, Weight::Bold, size, heading, width) <= headingRoom) break;
    }
    const float headingHeight =
        DrawWrappedText(ui, draw, Weight::Bold, size, ImVec2(m.margin, y), width, heading, ui.colors().text);
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
