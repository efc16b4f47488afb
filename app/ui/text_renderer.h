// Every word on the kiosk's screens is drawn through here: laid out by app/text (bidi, HarfBuzz
// shaping, line breaks), its glyphs rasterised by FreeType on first use into one glyph atlas texture,
// and drawn as textured quads into ImGui's draw lists. Glyphs are added as text needs them, at any
// size, in any script, so a new language, a larger text size or staff mode never rebuilds a font
// atlas (no long frame). Shaped paragraphs are cached, so a frame mostly does arithmetic.
#pragma once

#include <cfloat>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <imgui.h>

#include "core/result.h"
#include "text/font_library.h"
#include "text/glyph_rasterizer.h"
#include "text/text_layout.h"
#include "ui/alpha_texture.h"

namespace ik {

using text::Direction;
using text::Weight;

// Start: where the screen's reading begins (left, or right on a right-to-left screen); Left and
// Right are physical (the end labels of a number scale, which keeps its order in every script).
enum class Align { Start, Centre, End, Left, Right };

// Text laid out at one pixel size, ready to measure and draw.
struct TextBlock {
    std::vector<text::Line> lines; // in visual order
    float emPixels = 0;            // pixels per em
    float lineHeight = 0;          // pixels from one line's top to the next line's top
    float ascent = 0;              // pixels from a line's top to its baseline
    float width = 0;               // the widest line, pixels
    float Height() const { return lineHeight * static_cast<float>(lines.size()); }
};

class TextRenderer {
public:
    // `fontDir`: where the Noto fonts are (FontDirectory()).
    static Result<std::unique_ptr<TextRenderer>> Create(const std::filesystem::path& fontDir);

    // `size` is the line height of Latin text in pixels (what an ImGui font size was); Arabic and
    // Ethiopic lines are as tall as their fonts need. `wrapWidth`: break lines to fit (pixels);
    // newlines always break. `language` (e.g. "fa") selects language-specific letter forms.
    TextBlock Layout(std::string_view text, Weight weight, float size, float wrapWidth = FLT_MAX,
                     Direction direction = Direction::Auto, std::string_view language = {});
    // Width of `text` on one line (the widest of its newline-separated lines), pixels.
    float Width(std::string_view text, Weight weight, float size, Direction direction = Direction::Auto);
    // The height of one line of Latin text at `size` (= size).
    static float LineHeight(float size) { return size; }

    // Draws `block` with its top at pos.y, each line aligned within [pos.x, pos.x + boxWidth].
    // `rtlScreen`: Align::Start means the right edge. Returns the rectangle the lines take
    // (x0, y0, x1, y1).
    ImVec4 Draw(ImDrawList* draw, const TextBlock& block, ImVec2 pos, float boxWidth, Align align,
                bool rtlScreen, ImU32 color);

    // Between frames: grows the glyph atlas when it is filling up, or empties it when it is full.
    void BeginFrame();
    // A glyph did not fit in the atlas this frame: draw another frame (after BeginFrame made room).
    bool WantsRedraw() const { return m_overflow; }

    AlphaTexture& Atlas() { return m_atlas; }
    text::FontLibrary& Fonts() { return *m_fonts; }
    size_t CachedGlyphs() const { return m_glyphs.size(); }

private:
    explicit TextRenderer(std::unique_ptr<text::FontLibrary> fonts);
    const text::ShapedParagraph& Paragraph(std::string_view text, Weight weight, Direction direction,
                                           std::string_view language);

    struct GlyphKey {
        const text::FontFace* face;
        std::uint32_t glyph;
        std::uint32_t quarterPixels; // the em size in 1/4 pixels
        bool operator==(const GlyphKey&) const = default;
    };
    struct GlyphKeyHash {
        size_t operator()(const GlyphKey& k) const {
            return std::hash<const void*>()(k.face) ^ (std::hash<std::uint32_t>()(k.glyph) * 31u) ^
                   (std::hash<std::uint32_t>()(k.quarterPixels) * 131u);
        }
    };
    struct GlyphSlot {
        int x = 0, y = 0, width = 0, height = 0; // in the atlas; width 0: nothing to draw (a space)
        int left = 0, top = 0;                   // from the pen and the baseline
    };
    // The glyph's place in the atlas, rasterised on first use; null when it does not fit this frame.
    const GlyphSlot* Glyph(const text::FontFace* face, std::uint32_t glyph, float emPixels);
    bool Pack(int width, int height, int& x, int& y);
    void ResetAtlas(int width, int height);

    std::unique_ptr<text::FontLibrary> m_fonts;
    text::GlyphRasterizer m_rasterizer;
    std::unordered_map<std::string, text::ShapedParagraph> m_paragraphs;
    std::unordered_map<GlyphKey, GlyphSlot, GlyphKeyHash> m_glyphs;
    AlphaTexture m_atlas;
    struct Shelf {
        int y, height, x;
    };
    std::vector<Shelf> m_shelves;
    int m_nextShelfY = 0;
    bool m_overflow = false;
    text::GlyphImage m_scratch;
};

} // namespace ik
