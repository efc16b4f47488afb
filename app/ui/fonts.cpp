// Font loading with FreeType and glyph ranges built from the texts on show.
#include "ui/fonts.h"

#include <cstdlib>

#include <imgui_freetype.h>

namespace ik {

std::filesystem::path FontDirectory() {
    if (const char* dir = std::getenv("IMPACTKIOSK_FONT_DIR"); dir && *dir) return dir;
    return "/usr/share/fonts/truetype/noto";
}

Result<FontSet> FontBuilder::Build(ImFontAtlas& atlas, const Metrics& metrics,
                                   const std::vector<std::string_view>& texts, bool typing) {
    const std::filesystem::path dir = FontDirectory();
    const std::string regular = (dir / "NotoSans-Regular.ttf").string();
    const std::string bold = (dir / "NotoSans-Bold.ttf").string();
    for (const std::string& file : {regular, bold})
        if (!std::filesystem::exists(file))
            return Error{"font not found: " + file +
                         " (install fonts-noto-core or set IMPACTKIOSK_FONT_DIR)"};

    ImFontGlyphRangesBuilder ranges;
    ranges.AddRanges(atlas.GetGlyphRangesDefault()); // Basic Latin + Latin-1 Supplement
    static const ImWchar kSymbols[] = {0x2022, 0x2022, 0x2013, 0x2014, 0x2018, 0x201E, 0x2026, 0x2026, 0};
    ranges.AddRanges(kSymbols);
    if (typing) {
        // Staff type texts in any language the network serves: Latin Extended-A (Polish, Turkish,
        // Czech), Greek, Cyrillic (Ukrainian) and Arabic. Only while staff mode is open, to keep the
        // visitor's atlas small.
        static const ImWchar kTyping[] = {0x0100, 0x017F, 0x0370, 0x03FF, 0x0400, 0x04FF, 0x0600, 0x06FF, 0};
        ranges.AddRanges(kTyping);
    }
    for (std::string_view text : texts)
        ranges.AddText(text.data(), text.data() + text.size());
    m_ranges.clear();
    ranges.BuildRanges(&m_ranges);

    atlas.Clear();
    atlas.FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
    atlas.FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;
    atlas.Flags |= ImFontAtlasFlags_NoMouseCursors;

    FontSet set;
    auto add = [&](const std::string& file, float size) {
        ImFontConfig config;
        config.OversampleH = 1; // FreeType renders sharp glyphs without oversampling
        config.OversampleV = 1;
        return atlas.AddFontFromFileTTF(file.c_str(), size, &config, m_ranges.Data);
    };
    set.body = add(regular, metrics.bodySize); // first font: ImGui's default
    // Headings are drawn up to 1.25x titleSize (attract title, thanks, yes/no): build at that size
    // and scale down, which stays sharp, rather than scale up, which blurs.
    set.title = add(bold, metrics.titleSize * 1.25f);
    set.small = add(regular, metrics.smallSize);
    if (!set.body || !set.title || !set.small || !atlas.Build())
        return Error{"could not load fonts from " + dir.string()};
    return set;
}

} // namespace ik
