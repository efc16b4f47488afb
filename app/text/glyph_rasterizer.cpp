// See glyph_rasterizer.h.
#include "text/glyph_rasterizer.h"

#include <cmath>
#include <cstring>

#include <ft2build.h>
#include FT_FREETYPE_H

namespace ik::text {

struct GlyphRasterizer::Impl {
    FT_Library library = nullptr;
    std::unordered_map<const FontFace*, FT_Face> faces; // null: could not be opened
};

GlyphRasterizer::GlyphRasterizer() : m_impl(std::make_unique<Impl>()) {
    if (FT_Init_FreeType(&m_impl->library) != 0) m_impl->library = nullptr;
}

GlyphRasterizer::~GlyphRasterizer() {
    for (auto& [face, ft] : m_impl->faces)
        if (ft) FT_Done_Face(ft);
    if (m_impl->library) FT_Done_FreeType(m_impl->library);
}

bool GlyphRasterizer::Render(const FontFace& face, std::uint32_t glyph, float emPixels, GlyphImage& out) {
    if (!m_impl->library) return false;
    auto [it, added] = m_impl->faces.try_emplace(&face, nullptr);
    if (added && FT_New_Face(m_impl->library, face.file.c_str(), 0, &it->second) != 0) it->second = nullptr;
    FT_Face ft = it->second;
    if (!ft) return false;
    const auto size26 = static_cast<FT_F26Dot6>(std::lround(emPixels * 64.0f));
    if (FT_Set_Char_Size(ft, 0, size26, 72, 72) != 0) return false;
    if (FT_Load_Glyph(ft, glyph, FT_LOAD_TARGET_LIGHT) != 0) return false;
    if (FT_Render_Glyph(ft->glyph, FT_RENDER_MODE_NORMAL) != 0) return false;
    const FT_Bitmap& bitmap = ft->glyph->bitmap;
    out.width = static_cast<int>(bitmap.width);
    out.height = static_cast<int>(bitmap.rows);
    out.left = ft->glyph->bitmap_left;
    out.top = ft->glyph->bitmap_top;
    out.coverage.assign(static_cast<size_t>(out.width) * static_cast<size_t>(out.height), 0);
    for (int y = 0; y < out.height; ++y)
        std::memcpy(out.coverage.data() + static_cast<size_t>(y) * static_cast<size_t>(out.width),
                    bitmap.buffer + static_cast<std::ptrdiff_t>(y) * bitmap.pitch, static_cast<size_t>(out.width));
    return true;
}

} // namespace ik::text
