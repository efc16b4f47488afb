// Attract screen: the questionnaire's title, one big "tap here to start", a button per language in
// that language's own name (so a visitor who does not read Dutch still finds their way in), and the
// visitor's own buttons: read aloud, text size, contrast.
#include "ui/visitor/visitor_screens.h"

#include <algorithm>

#include "core/ui_strings.h"
#include "ui/visitor/language_grid.h"

namespace ik {

VisitorAction DrawAttractScreen(UiContext& ui, const Questionnaire& q, const VisitorSettings& settings) {
    VisitorAction action;
    const Metrics& m = ui.metrics;
    const Palette& c = ui.colors();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const std::string& lang = ui.language;
    const float width = m.width - 2 * m.margin;
    const bool manyLanguages = q.languages.size() > 1;

    // From the bottom up: the row with "anonymous" and the visitor's buttons, the languages, the
    // start button; the title and intro get what is left above.
    const float toolSide = m.minTarget;
    const float bottomRowY = m.height - m.margin - toolSide;
    const float toolsWidth = VisitorToolsWidth(ui, settings, toolSide);
    LanguageGrid grid;
    float languagesY = bottomRowY;
    if (manyLanguages) {
        // At most a third of the screen, so the title and the start button keep theirs.
        grid = PlanLanguageGrid(m, static_cast<int>(q.languages.size()), width, m.height * 0.33f, 90 * m.unit,
                                m.portrait ? 3 : 5);
        languagesY = bottomRowY - m.gap * 1.5f - grid.Height(m.gap);
    }
    const float buttonHeight = std::max(m.minTarget * 1.4f, std::min(150 * m.unit, m.height * 0.16f));
    const float top = m.margin * (m.portrait ? 4.0f : 1.5f);
    const float textRoom = std::max(m.smallSize, languagesY - m.gap * 2 - buttonHeight - top);

    float y = top;
    const std::string& title = Text(ui, q.title);
    const std::string& intro = Text(ui, q.intro);
    const float titleRoom = intro.empty() ? textRoom : textRoom * 0.6f;
    const float titleSize =
        FitTextSize(ui, Weight::Bold, m.titleSize * 1.15f, m.smallSize * 0.8f, title, width, titleRoom);
    const float titleHeight =
        DrawWrappedText(ui, draw, Weight::Bold, titleSize, ImVec2(m.margin, y), width, title, c.text);
    ui.dump.Add({"title_text", title, "text", m.margin, y, width, titleHeight, true, false});
    y += titleHeight + m.gap * 0.5f;
    if (!intro.empty()) {
        const float introRoom = std::max(m.smallSize, top + textRoom - y);
        const float introSize =
            FitTextSize(ui, Weight::Regular, m.bodySize, m.smallSize * 0.7f, intro, width, introRoom);
        y +=
            DrawWrappedText(ui, draw, Weight::Regular, introSize, ImVec2(m.margin, y), width, intro, c.muted);
    }

    // The start button in the middle of what is left above the languages.
    const float buttonWidth = std::min(width, 820 * m.unit);
    const float buttonY = std::max(y + m.gap, y + (languagesY - m.gap - y - buttonHeight) * 0.5f);
    if (BigButton(ui, "start", Tr(UiText::TapToStart, lang), ImVec2((m.width - buttonWidth) * 0.5f, buttonY),
                  ImVec2(buttonWidth, buttonHeight), ButtonStyle::Primary))
        action.kind = VisitorAction::Kind::Start;

    if (manyLanguages) {
        const std::string chosen =
            DrawLanguageGrid(ui, grid, q.languages, languagesY, ButtonStyle::Secondary);
        if (!chosen.empty()) {
            action.kind = VisitorAction::Kind::Start;
            action.language = chosen;
        }
    }

    // "Anonymous - about a minute" at the start of the bottom row, the visitor's buttons at its end.
    const float footerWidth = std::max(0.0f, width - toolsWidth - m.gap);
    const char* anonymous = Tr(UiText::Anonymous, lang);
    const float footerSize =
        FitTextSize(ui, Weight::Regular, m.smallSize, m.smallSize * 0.6f, anonymous, footerWidth, toolSide);
    const float footerHeight = WrappedHeight(ui, Weight::Regular, footerSize, anonymous, footerWidth);
    DrawWrappedText(ui, draw, Weight::Regular, footerSize,
                    ImVec2(ui.MirrorX(m.margin, footerWidth), bottomRowY + (toolSide - footerHeight) * 0.5f),
                    footerWidth, anonymous, c.muted, Align::Start);
    const VisitorAction tool =
        DrawVisitorTools(ui, settings, ImVec2(m.margin, bottomRowY), ImVec2(width, toolSide));
    if (tool.kind != VisitorAction::Kind::None) action = tool;
    return action;
}

} // namespace ik
