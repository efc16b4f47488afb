// A texture as the kiosk's renderers take it: 8-bit coverage (white, with this alpha). ImGui's font
// atlas and the glyph atlas of shaped text are both one; an ImTextureID in our draw lists is always
// a pointer to one. The software renderer samples it in place; the OpenGL renderer uploads it again
// when `version` has changed.
#pragma once

#include <cstdint>
#include <vector>

namespace ik {

struct AlphaTexture {
    std::vector<std::uint8_t> alpha; // width * height; empty: all opaque (nothing but white)
    int width = 0;
    int height = 0;
    std::uint64_t version = 0; // bumped on every change of the pixels or the size
};

} // namespace ik
