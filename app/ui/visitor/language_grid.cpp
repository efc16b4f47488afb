// See language_grid.h.
#include "ui/visitor/language_grid.h"

#include <algorithm>

#include "core/ui_strings.h"

namespace ik {

LanguageGrid PlanLanguageGrid(const Metrics& m, int count, float width, float height, float maxHeight, int columns) {
    LanguageGrid grid;
    count = std::max(count, 1);
    // A name like "Українська" stays readable down to about 150 px (at 1280x800) per button.
    const float narrowest = std::max(m.minTarget * 2.2f, 150 * m.unit);
    const int fit = std::clamp(static_cast<int>((width + m.gap) / (narrowest + m.gap)), 1, count);
    grid.columns = std::clamp(columns, 1, fit);
    auto rowsHeight = [&](int cols) {
        const auto rows = static_cast<float>((count + cols - 1) / cols);
        return rows * m.minTarget + (rows - 1) * m.gap;
    };
    while (grid.columns < fit && rowsHeight(grid.columns) > height)
        ++grid.columns;
    grid.rows = (count + grid.columns - 1) / grid.columns;
    // Balance the rows: 9 in 5 columns is 5 + 4; in 4 rows of 3, 3 columns, not 4 + 4 + 1.
    grid.columns = (count + grid.rows - 1) / grid.rows;
    const float cols = static_cast<float>(grid.columns), rows = static_cast<float>(grid.rows);
    grid.buttonWidth = std::min((width - m.gap * (cols - 1)) / cols, grid.columns == 1 ? 700 * m.unit : 420 * m.unit);
    grid.buttonHeight = std::clamp((height - m.gap * (rows - 1)) / rows, m.minTarget, std::max(m.minTarget, maxHeight));
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
