// See language_grid.h.
#include "ui/visitor/language_grid.h"

#include <algorithm>

#include "core/ui_strings.h"

namespace ik {

LanguageGrid PlanLanguageGrid(const Metrics& m, int count, float width, float maxHeight, int maxColumns) {
    LanguageGrid grid;
    // A name like "Українська" stays readable down to about 150 px (at 1280x800) per button.
    const float narrowest = std::max(m.minTarget * 2.2f, 150 * m.unit);
    const int fit = std::max(1, static_cast<int>((width + m.gap) / (narrowest + m.gap)));
    grid.columns = std::clamp(std::min(fit, maxColumns), 1, std::max(1, count));
    grid.rows = (count + grid.columns - 1) / grid.columns;
    // Balance the rows: 9 in 5 columns is 5 + 4, not 5 + 4 with a wide first row.
    grid.columns = (count + grid.rows - 1) / grid.rows;
    const float columns = static_cast<float>(grid.columns);
    grid.buttonWidth = std::min((width - m.gap * (columns - 1)) / columns, 420 * m.unit);
    grid.buttonHeight = std::max(m.minTarget, std::min(maxHeight, 110 * m.unit));
    return grid;
}

std::string DrawLanguageGrid(UiContext& ui, const LanguageGrid& grid,
                             const std::vector<std::string>& languages, float y, ButtonStyle style) {
    const Metrics& m = ui.metrics;
    std::string chosen;
    const int count = static_cast<int>(languages.size());
    for (int i = 0; i < count; ++i) {
        const int row = i / grid.columns;
        const int inRow = std::min(grid.columns, count - row * grid.columns);
        const float rowWidth =
            grid.buttonWidth * static_cast<float>(inRow) + m.gap * static_cast<float>(inRow - 1);
        const float x =
            (m.width - rowWidth) * 0.5f + static_cast<float>(i % grid.columns) * (grid.buttonWidth + m.gap);
        const ImVec2 pos(ui.MirrorX(x, grid.buttonWidth),
                         y + static_cast<float>(row) * (grid.buttonHeight + m.gap));
        const std::string& code = languages[static_cast<size_t>(i)];
        if (BigButton(ui, "lang:" + code, LanguageName(code), pos,
                      ImVec2(grid.buttonWidth, grid.buttonHeight), style))
            chosen = code;
    }
    return chosen;
}

} // namespace ik
