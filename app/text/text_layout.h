// Text as the kiosk sets it: a paragraph is split by the Unicode bidi algorithm (FriBidi) into
// right-to-left and left-to-right levels and by script into runs, each run is shaped by HarfBuzz with
// its font (joined Arabic letters, lam-alef and other ligatures, Ethiopic syllables, kerning), lines
// are broken at spaces, and each line is put in visual order (rule L2). Shaping is done once per text,
// in em units, so measuring and wrapping at any pixel size is arithmetic. No ImGui: the screens and
// the PDF report both set text with it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/font_library.h"

namespace ik::text {

enum class Direction {
    Auto, // from the first letter that has a direction (language names, mixed lists)
    Ltr,
    Rtl,
};

// One glyph as HarfBuzz placed it, in em units.
struct ShapedGlyph {
    std::uint32_t id = 0;      // glyph index in its run's face
    std::uint32_t cluster = 0; // index of the first character (code point) it stands for
    float advance = 0;
    float dx = 0, dy = 0; // offset from the pen (marks above and below letters)
};

// Characters [start, end) at one bidi level in one face, shaped. Glyphs are in visual order (left to
// right, as HarfBuzz gives them: reversed for a right-to-left run).
struct ShapedRun {
    std::uint32_t start = 0, end = 0;
    std::uint8_t level = 0; // odd: right to left
    const FontFace* face = nullptr;
    std::vector<ShapedGlyph> glyphs;
};

// A paragraph (no newlines) shaped once.
struct ShapedParagraph {
    std::u32string text;              // code points
    std::vector<std::uint8_t> levels; // bidi embedding level per code point
    std::vector<ShapedRun> runs;      // in logical order
    bool rtl = false;                 // the paragraph's base direction
    float ascender = 0, descender = 0; // the tallest face used (em), for the line height
};

// Shapes `utf8` (one paragraph; a newline is treated as a space) with `weight`. `language` (BCP 47,
// e.g. "fa") picks language-specific forms; `base` the paragraph direction.
ShapedParagraph Shape(FontLibrary& fonts, std::string_view utf8, Weight weight, Direction base,
                      std::string_view language = {});

// A glyph on a line, in visual order; x is the pen position from the line's left edge (em).
struct LineGlyph {
    const FontFace* face = nullptr;
    std::uint32_t id = 0;
    std::uint32_t cluster = 0; // first code point it stands for
    float x = 0, y = 0; // y: offset from the baseline, up is negative (screen coordinates)
};

struct Line {
    std::vector<LineGlyph> glyphs;
    float width = 0; // em, without trailing spaces
};

// Width of the whole paragraph on one line (em).
float Width(const ShapedParagraph& paragraph);
// The paragraph broken into lines no wider than `maxWidth` (em) where it can be: at spaces, else (a
// word longer than a line) between clusters. Each line is in visual order.
std::vector<Line> BreakLines(const ShapedParagraph& paragraph, float maxWidth);

// UTF-8 to code points; invalid bytes become U+FFFD.
std::u32string DecodeUtf8(std::string_view utf8);

} // namespace ik::text
