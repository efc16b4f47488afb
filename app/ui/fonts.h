// Noto Sans at the sizes the screens need, rasterised with FreeType. Only the glyphs the kiosk can
// show (Latin-1 plus every character in the questionnaire and UI strings: Latin extended, Cyrillic,
// Greek, ...) go into the atlas, which keeps large portrait font sizes within the memory budget.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

#include "core/result.h"
#include "ui/theme.h"

namespace ik {

struct FontSet {
    ImFont* body = nullptr;
    ImFont* title = nullptr; // bold
    ImFont* small = nullptr;
};

// Where NotoSans-Regular.ttf and NotoSans-Bold.ttf are: $IMPACTKIOSK_FONT_DIR, else fonts-noto-core's.
std::filesystem::path FontDirectory();

class FontBuilder {
public:
    // Clears `atlas` and adds the fonts for `metrics`, covering every character in `texts` (and,
    // with `typing`, the scripts staff may type). The atlas is built (ready for
    // GetTexDataAsRGBA32); the caller uploads it.
    Result<FontSet> Build(ImFontAtlas& atlas, const Metrics& metrics,
                          const std::vector<std::string_view>& texts, bool typing = false);

private:
    ImVector<ImWchar> m_ranges; // must outlive the atlas's fonts
};

} // namespace ik
