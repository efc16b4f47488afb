// Draws ImGui's draw lists into a block of pixels on the CPU, for the software renderer: no OpenGL,
// so no Mesa and no LLVM in the process on a kiosk without a GPU (docs/decisions.md 60). Pure: no
// X11, no GLFW, so it is tested alone (tests/unit/soft_raster_test.cpp).
//
// ImGui's output is mostly axis-aligned quads: solid rectangles and glyphs. Those are filled
// directly; everything else (rounded corners, the anti-aliasing fringes, the smiley faces) goes
// through a triangle rasteriser that interpolates colour and texture coordinates. Pixels are
// covered when their centre is inside (x + 0.5), as OpenGL does, so both renderers draw the same.
#pragma once

#include <cstdint>
#include <vector>

#include "ui/alpha_texture.h"

struct ImDrawData;

namespace ik {

// 32-bit pixels, 0x00RRGGBB (X11's 24-bit TrueColor ZPixmap on a little-endian machine).
struct Canvas {
    std::uint32_t* pixels = nullptr;
    int width = 0;
    int height = 0;
    int stride = 0; // pixels per row
};

// Fills the canvas with `background` (0x00RRGGBB), then draws `data` over it. Each draw command's
// texture is the AlphaTexture its TextureId points to (ImGui's font atlas, the glyph atlas); `font`
// stands in for a command without one.
void RasterizeDrawData(const ImDrawData& data, const AlphaTexture& font, std::uint32_t background,
                       Canvas& canvas);

} // namespace ik
