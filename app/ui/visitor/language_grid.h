// A grid of one button per language, each in its own name and script, as wide as the screen allows:
// nine languages fit on an 800x480 panel as on a portrait kiosk. Shared by the attract and language
// screens.
#pragma once

#include <string>
#include <vector>

#include "ui/widgets.h"

namespace ik {

struct LanguageGrid {
    int columns = 1, rows = 1;
    float buttonWidth = 0, buttonHeight = 0;
    float Height(float gap) const {
        return buttonHeight * static_cast<float>(rows) + gap * static_cast<float>(rows - 1);
    }
};

// Columns and button size for `count` languages in `width` x `height`, buttons at most `maxHeight`
// tall and at least a fingertip. `columns`: the columns wanted (one reads best on a portrait screen);
// more when the rows would not fit `height`, as many as the width takes.
LanguageGrid PlanLanguageGrid(const Metrics& m, int count, float width, float height, float maxHeight, int columns);
// Draws the grid with its top at `y`, centred; returns the language tapped, or "".
std::string DrawLanguageGrid(UiContext& ui, const LanguageGrid& grid,
                             const std::vector<std::string>& languages, float y, ButtonStyle style);

} // namespace ik
