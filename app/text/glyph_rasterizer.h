// Glyph images from FreeType: one glyph of a face at a pixel size, as 8-bit coverage, hinted lightly
// (vertical only, as the kiosk's ImGui fonts were), so shaped text keeps HarfBuzz's advances. No ImGui.
#pragma once

#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include "text/font_library.h"

namespace ik::text {

struct GlyphImage {
    int width = 0, height = 0;
    int left = 0; // from the pen to the image's left edge, pixels
    int top = 0;  // from the baseline up to the image's top edge, pixels
    std::vector<std::uint8_t> coverage; // width * height, row by row
};

class GlyphRasterizer {
public:
    GlyphRasterizer();
    ~GlyphRasterizer();
    GlyphRasterizer(const GlyphRasterizer&) = delete;
    GlyphRasterizer& operator=(const GlyphRasterizer&) = delete;

    // `emPixels`: pixels per em. False when FreeType cannot open the face or draw the glyph (the
    // caller draws nothing for it).
    bool Render(const FontFace& face, std::uint32_t glyph, float emPixels, GlyphImage& out);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace ik::text
