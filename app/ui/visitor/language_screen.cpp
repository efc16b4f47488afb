// Language screen: "choose your language" in every offered language, and one big button per
// language in its own name.
#include "ui/visitor/visitor_screens.h"

#include <algorithm>
#include <string>
#include <vector>

#include "core/ui_strings.h"

namespace ik {

VisitorAction DrawLanguageScreen(UiContext& ui, const Questionnaire& q) {
    VisitorAction action;
    const Metrics& m = ui.metrics;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float width = m.width - 2 * m.margin;

    std::vector<std::string> phrases;
    for (const std::string& code : q.languages) {
        std::string text = Tr(UiText::ChooseLanguage, code);
        if (std::find(phrases.begin(), phrases.end(), text) == phrases.end())
            phrases.push_back(std::move(text));
    }
    // One line per language, never split mid-phrase; two or three a line when that many lines would not
    // fit a fifth of the screen (nine languages on a 7" panel), which leaves the buttons room.
    const float headingHeight = m.height * 0.2f;
    std::string heading;
    float size = 0;
    for (size_t perLine = 1; perLine <= 3; ++perLine) {
        heading.clear();
        for (size_t i = 0; i < phrases.size(); ++i)
            heading += (i == 0 ? "" : i % perLine == 0 ? "\n" : "   ") + phrases[i];
        size = FitTextSize(ui.fonts.title, m.titleSize, m.smallSize, heading, width, headingHeight);
        if (WrappedHeight(ui.fonts.title, size, heading, width) <= headingHeight) break;
    }
    float y = m.margin * (m.portrait ? 3.0f : 1.5f);
    y += DrawWrappedText(draw, ui.fonts.title, size, ImVec2(m.margin, y), width, heading, colors::kText) +
         m.gap * 2;

    const float backHeight = std::max(m.minTarget, 90 * m.unit);
    const float bottom = m.height - m.margin - backHeight - m.gap;
    const int count = static_cast<int>(q.languages.size());
    // One column, or two in landscape from four languages; more (up to three) when the rows would not
    // fit above the back button at a finger's height: nine languages on a 7" panel.
    auto rowsFor = [count](int columns) { return (count + columns - 1) / columns; };
    auto fits = [&](int columns) {
        const auto rows = static_cast<float>(rowsFor(columns));
        return rows * m.minTarget + (rows - 1) * m.gap <= bottom - y;
    };
    int columns = (m.portrait || count <= 3) ? 1 : 2;
    while (columns < 3 && !fits(columns))
        ++columns;
    const int rows = rowsFor(columns);
    const float buttonWidth =
        std::min(width, columns == 1 ? 700 * m.unit
                                     : (width - m.gap * static_cast<float>(columns - 1)) /
                                           static_cast<float>(columns));
    const float buttonHeight =
        std::clamp((bottom - y - m.gap * static_cast<float>(rows - 1)) / static_cast<float>(rows),
                   m.minTarget, 130 * m.unit);
    const float blockWidth =
        buttonWidth * static_cast<float>(columns) + m.gap * static_cast<float>(columns - 1);
    const float blockHeight = buttonHeight * static_cast<float>(rows) + m.gap * static_cast<float>(rows - 1);
    const float x0 = (m.width - blockWidth) * 0.5f;
    const float y0 = y + std::max(0.0f, (bottom - y - blockHeight) * 0.5f);
    for (int i = 0; i < count; ++i) {
        const std::string& code = q.languages[static_cast<size_t>(i)];
        ImVec2 pos(x0 + static_cast<float>(i % columns) * (buttonWidth + m.gap),
                   y0 + static_cast<float>(i / columns) * (buttonHeight + m.gap));
        if (BigButton(ui, "lang:" + code, LanguageName(code), pos, ImVec2(buttonWidth, buttonHeight),
                      ButtonStyle::Secondary)) {
            action.kind = VisitorAction::Kind::ChooseLanguage;
            action.language = code;
        }
    }

    const float backWidth = std::max(m.minTarget * 2, 240 * m.unit);
    if (BigButton(ui, "back", Tr(UiText::Back, q.DefaultLanguage()),
                  ImVec2(m.margin, m.height - m.margin - backHeight), ImVec2(backWidth, backHeight),
                  ButtonStyle::Secondary))
        action.kind = VisitorAction::Kind::Stop;
    return action;
}

} // namespace ik
