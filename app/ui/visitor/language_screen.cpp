// Language screen: "choose your language" in every offered language, and one big button per
// language in its own name.
#include "ui/visitor/visitor_screens.h"

#include <algorithm>

#include "core/ui_strings.h"

namespace ik {

VisitorAction DrawLanguageScreen(UiContext& ui, const Questionnaire& q) {
    VisitorAction action;
    const Metrics& m = ui.metrics;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float width = m.width - 2 * m.margin;

    std::string heading;
    for (const std::string& code : q.languages) {
        std::string text = Tr(UiText::ChooseLanguage, code);
        if (heading.find(text) != std::string::npos) continue;
        heading += (heading.empty() ? "" : "\n") + text; // one line per language, never split mid-phrase
    }
    float y = m.margin * (m.portrait ? 3.0f : 1.5f);
    float size = FitTextSize(ui.fonts.title, m.titleSize, m.smallSize, heading, width, m.height * 0.2f);
    y += DrawWrappedText(draw, ui.fonts.title, size, ImVec2(m.margin, y), width, heading, colors::kText) +
         m.gap * 2;

    const float backHeight = std::max(m.minTarget, 90 * m.unit);
    const float bottom = m.height - m.margin - backHeight - m.gap;
    const int count = static_cast<int>(q.languages.size());
    const int columns = (m.portrait || count <= 3) ? 1 : 2;
    const int rows = (count + columns - 1) / columns;
    const float buttonWidth = std::min(width, columns == 1 ? 700 * m.unit : (width - m.gap) / 2);
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
