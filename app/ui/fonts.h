// The fonts: where the Noto fonts are, and which weight each kind of text is set in. The text itself
// is shaped and drawn by the TextRenderer (text_renderer.h), glyph by glyph as it is needed; ImGui's
// own font atlas holds only its small default font (for the white pixel its shapes are filled with).
#pragma once

#include <filesystem>

#include <imgui.h>

#include "core/result.h"
#include "text/font_library.h"

namespace ik {

// Body text and the small print are regular, headings and button labels bold.
struct FontSet {
    text::Weight body = text::Weight::Regular;
    text::Weight title = text::Weight::Bold;
    text::Weight small = text::Weight::Regular;
};

// Where NotoSans-Regular.ttf and the other Noto faces are: $IMPACTKIOSK_FONT_DIR, else
// fonts-noto-core's.
std::filesystem::path FontDirectory();

// Builds ImGui's atlas once: only the default font, which nothing draws text with (ImGui needs one).
// True when it was built now and must be uploaded.
bool PrepareImGuiAtlas(ImFontAtlas& atlas);

} // namespace ik
