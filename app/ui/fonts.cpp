// See fonts.h.
#include "ui/fonts.h"

#include <cstdlib>

namespace ik {

std::filesystem::path FontDirectory() {
    if (const char* dir = std::getenv("IMPACTKIOSK_FONT_DIR"); dir && *dir) return dir;
    return "/usr/share/fonts/truetype/noto";
}

bool PrepareImGuiAtlas(ImFontAtlas& atlas) {
    if (atlas.IsBuilt() && !atlas.Fonts.empty()) return false;
    atlas.Clear();
    atlas.Flags |= ImFontAtlasFlags_NoMouseCursors;
    ImFontConfig config;
    config.OversampleH = 1;
    config.OversampleV = 1;
    atlas.AddFontDefault(&config);
    return atlas.Build();
}

} // namespace ik
