// A texture as the kiosk's renderers take it: 8-bit coverage (white, with this alpha). ImGui's font
// atlas and the glyph atlas of shaped text are both one; an ImTextureID in our draw lists is always
// a pointer to one. The software renderer samples it in place; the OpenGL renderer uploads the rows
// that changed since it last looked.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

namespace ik {

struct AlphaTexture {
    std::vector<std::uint8_t> alpha; // width * height; empty: all opaque (nothing but white)
    int width = 0;
    int height = 0;
    std::uint64_t version = 0; // bumped on every change of the pixels or the size
    // Rows changed since the OpenGL renderer last uploaded them: [changedTop, changedBottom).
    int changedTop = 0;
    int changedBottom = 0;

    // After changing rows [top, bottom) of the pixels; no arguments: all of them (or the size).
    void MarkChanged(int top = 0, int bottom = 1 << 30) {
        if (changedTop >= changedBottom) {
            changedTop = top;
            changedBottom = bottom;
        } else {
            changedTop = std::min(changedTop, top);
            changedBottom = std::max(changedBottom, bottom);
        }
        ++version;
    }
};

} // namespace ik
