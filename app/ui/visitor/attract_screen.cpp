// Attract screen: the questionnaire's title, one big "tap here to start", and a button per language
// in that language's own name, so a visitor who does not read Dutch still finds their way in.
#include "ui/visitor/visitor_screens.h"

#include <algorithm>

#include "core/ui_strings.h"

namespace ik {

VisitorAction DrawAttractScreen(UiContext& ui, const Questionnaire& q) {
    VisitorAction action;
    const Metrics& m = ui.metrics;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const std::string& lang = q.DefaultLanguage();
    const float width = m.width - 2 * m.margin;
    const bool manyLanguages = q.languages.size() > 1;

    // Vertical budget: title, intro, start button, languages, footer.
    const float buttonHeight = std::max(m.minTarget * 1.6f, 150 * m.unit);
    const float langHeight = std::max(m.minTarget, 90 * m.unit);
    const float footer = m.smallSize * 2;
    float y = m.margin * (m.portrait ? 4.0f : 1.5f);

    const std::string& title = PickText(q.title, lang);
    float titleSize =
        FitTextSize(ui.fonts.title, m.titleSize * 1.15f, m.smallSize, title, width, m.height * 0.25f);
    y += DrawWrappedText(draw, ui.fonts.title, titleSize, ImVec2(m.margin, y), width, title, colors::kText);
    y += m.gap;
    const std::string& intro = PickText(q.intro, lang);
    if (!intro.empty()) {
        float introSize = FitTextSize(ui.fonts.body, m.bodySize, m.smallSize, intro, width, m.height * 0.18f);
        y += DrawWrappedText(draw, ui.fonts.body, introSize, ImVec2(m.margin, y), width, intro,
                             colors::kMuted);
    }

    // The start button sits in the middle of what is left above the languages.
    const float langBlock = manyLanguages ? langHeight + m.gap * 2 : 0;
    const float bottom = m.height - m.margin - footer - langBlock;
    const float buttonWidth = std::min(width, 820 * m.unit);
    float buttonY = std::max(y + m.gap, y + (bottom - y - buttonHeight) * 0.5f);
    if (BigButton(ui, "start", Tr(UiText::TapToStart, lang), ImVec2((m.width - buttonWidth) * 0.5f, buttonY),
                  ImVec2(buttonWidth, buttonHeight), ButtonStyle::Primary))
        action.kind = VisitorAction::Kind::Start;

    if (manyLanguages) {
        const float count = static_cast<float>(q.languages.size());
        const float each = std::min(360 * m.unit, (width - m.gap * (count - 1)) / count);
        float x = (m.width - (each * count + m.gap * (count - 1))) * 0.5f;
        const float langY = bottom + m.gap;
        for (const std::string& code : q.languages) {
            if (BigButton(ui, "lang:" + code, LanguageName(code), ImVec2(x, langY), ImVec2(each, langHeight),
                          ButtonStyle::Secondary)) {
                action.kind = VisitorAction::Kind::Start;
                action.language = code;
            }
            x += each + m.gap;
        }
    }

    const char* anonymous = Tr(UiText::Anonymous, lang);
    DrawWrappedText(draw, ui.fonts.small, m.smallSize, ImVec2(m.margin, m.height - m.margin - m.smallSize),
                    width, anonymous, colors::kMuted);
    return action;
}

} // namespace ik
