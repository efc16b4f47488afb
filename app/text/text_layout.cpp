// See text_layout.h. The bidi steps follow UAX #9: FriBidi resolves the embedding levels of the whole
// paragraph (rules P2-I2, with bracket pairs, N0); lines are cut in logical order; trailing spaces of
// a line are dropped (L1: they would sit at the paragraph level, invisible anyway); runs are
// reversed from the highest level down to the lowest odd one (L2). HarfBuzz mirrors brackets in
// right-to-left runs (L4) itself.
#include "text/text_layout.h"

#include <algorithm>

#include <fribidi.h>
#include <hb.h>

namespace ik::text {
namespace {

bool IsSpace(char32_t c) {
    return c == U' ' || c == U'\u1361' /* Ethiopic wordspace */ || c == U'\u200B' || c == U'\u3000';
}

// Code points whose script is Common or Inherited (spaces, digits, punctuation, combining marks)
// take the script of the text around them at the same bidi level, so "2025" or "(" inside Arabic
// stays in the Arabic run and a space after a Latin word inside Arabic joins the Arabic after it.
std::vector<hb_script_t> ResolveScripts(const std::u32string& text, const std::vector<std::uint8_t>& levels) {
    hb_unicode_funcs_t* unicode = hb_unicode_funcs_get_default();
    const size_t n = text.size();
    std::vector<hb_script_t> scripts(n);
    std::vector<bool> real(n);
    for (size_t i = 0; i < n; ++i) {
        const hb_script_t s = hb_unicode_script(unicode, text[i]);
        real[i] = s != HB_SCRIPT_COMMON && s != HB_SCRIPT_INHERITED && s != HB_SCRIPT_UNKNOWN;
        scripts[i] = s;
    }
    // The next real script at or after each position, and the level where it was found.
    std::vector<hb_script_t> next(n + 1, HB_SCRIPT_INVALID);
    std::vector<int> nextLevel(n + 1, -1);
    for (size_t i = n; i-- > 0;) {
        next[i] = real[i] ? scripts[i] : next[i + 1];
        nextLevel[i] = real[i] ? levels[i] : nextLevel[i + 1];
    }
    hb_script_t previous = HB_SCRIPT_INVALID;
    int previousLevel = -1;
    for (size_t i = 0; i < n; ++i) {
        if (real[i]) {
            previous = scripts[i];
            previousLevel = levels[i];
            continue;
        }
        const bool inheritsPrevious = previous != HB_SCRIPT_INVALID &&
                                      (previousLevel == levels[i] || nextLevel[i] != levels[i] ||
                                       scripts[i] == HB_SCRIPT_INHERITED); // a mark belongs to its letter
        scripts[i] = inheritsPrevious ? previous : next[i] != HB_SCRIPT_INVALID ? next[i] : HB_SCRIPT_LATIN;
    }
    return scripts;
}

void ShapeRun(hb_buffer_t* buffer, const std::u32string& text, ShapedRun& run, hb_script_t script,
              std::string_view language) {
    hb_buffer_clear_contents(buffer);
    hb_buffer_add_utf32(buffer, reinterpret_cast<const std::uint32_t*>(text.data()),
                        static_cast<int>(text.size()), run.start, static_cast<int>(run.end - run.start));
    hb_buffer_set_direction(buffer, (run.level & 1) ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
    hb_buffer_set_script(buffer, script);
    if (!language.empty())
        hb_buffer_set_language(buffer,
                               hb_language_from_string(language.data(), static_cast<int>(language.size())));
    hb_shape(run.face->font, buffer, nullptr, 0);
    unsigned count = 0;
    const hb_glyph_info_t* infos = hb_buffer_get_glyph_infos(buffer, &count);
    const hb_glyph_position_t* positions = hb_buffer_get_glyph_positions(buffer, &count);
    const float upem = static_cast<float>(run.face->unitsPerEm);
    run.glyphs.resize(count);
    for (unsigned i = 0; i < count; ++i) {
        ShapedGlyph& g = run.glyphs[i];
        g.id = infos[i].codepoint;
        g.cluster = infos[i].cluster;
        g.advance = static_cast<float>(positions[i].x_advance) / upem;
        g.dx = static_cast<float>(positions[i].x_offset) / upem;
        g.dy = -static_cast<float>(positions[i].y_offset) / upem; // HarfBuzz's y goes up
    }
}

} // namespace

std::u32string DecodeUtf8(std::string_view utf8) {
    std::u32string out;
    out.reserve(utf8.size());
    const auto* s = reinterpret_cast<const unsigned char*>(utf8.data());
    const size_t n = utf8.size();
    for (size_t i = 0; i < n;) {
        const unsigned char c = s[i];
        const int length = c < 0x80           ? 1
                           : (c >> 5) == 0x6  ? 2
                           : (c >> 4) == 0xE  ? 3
                           : (c >> 3) == 0x1E ? 4
                                              : 0;
        char32_t cp = length == 1 ? c : length == 2 ? (c & 0x1F) : length == 3 ? (c & 0x0F) : (c & 0x07);
        int taken = 1; // bytes that belong to this (possibly broken) sequence
        while (length > 1 && taken < length && i + static_cast<size_t>(taken) < n &&
               (s[i + static_cast<size_t>(taken)] & 0xC0) == 0x80) {
            cp = (cp << 6) | (s[i + static_cast<size_t>(taken)] & 0x3F);
            ++taken;
        }
        // A truncated sequence, an overlong form, a surrogate or a value beyond U+10FFFF is one U+FFFD
        // for the bytes it spans ("maximal subpart", as browsers do).
        const bool valid = length > 0 && taken == length && !(length == 2 && cp < 0x80) &&
                           !(length == 3 && cp < 0x800) && !(length == 4 && cp < 0x10000) &&
                           !(cp >= 0xD800 && cp <= 0xDFFF) && cp <= 0x10FFFF;
        out.push_back(valid ? cp : U'\uFFFD');
        i += static_cast<size_t>(taken);
    }
    return out;
}

ShapedParagraph Shape(FontLibrary& fonts, std::string_view utf8, Weight weight, Direction base,
                      std::string_view language) {
    ShapedParagraph p;
    p.text = DecodeUtf8(utf8);
    for (char32_t& c : p.text)
        if (c == U'\n' || c == U'\r' || c == U'\t') c = U' ';
    const FontFace& main = fonts.Main(weight);
    p.ascender = main.ascender;
    p.descender = main.descender;
    const auto n = static_cast<FriBidiStrIndex>(p.text.size());
    if (n == 0) {
        p.rtl = base == Direction::Rtl;
        return p;
    }

    // Bidi levels for the whole paragraph (bracket pairs included).
    const auto* chars = reinterpret_cast<const FriBidiChar*>(p.text.data());
    std::vector<FriBidiCharType> types(p.text.size());
    std::vector<FriBidiBracketType> brackets(p.text.size());
    std::vector<FriBidiLevel> levels(p.text.size());
    fribidi_get_bidi_types(chars, n, types.data());
    fribidi_get_bracket_types(chars, n, types.data(), brackets.data());
    FriBidiParType direction = base == Direction::Rtl   ? FRIBIDI_PAR_RTL
                               : base == Direction::Ltr ? FRIBIDI_PAR_LTR
                                                        : FRIBIDI_PAR_ON;
    if (fribidi_get_par_embedding_levels_ex(types.data(), brackets.data(), n, &direction, levels.data()) == 0)
        std::fill(levels.begin(), levels.end(), FriBidiLevel{0}); // cannot happen for valid input
    p.rtl = FRIBIDI_IS_RTL(direction);
    p.levels.assign(levels.begin(), levels.end());

    // Runs: a new one wherever the level, the script or the face changes.
    const std::vector<hb_script_t> scripts = ResolveScripts(p.text, p.levels);
    hb_buffer_t* buffer = hb_buffer_create();
    const FontFace* face = nullptr;
    for (std::uint32_t i = 0; i < p.text.size(); ++i) {
        const bool sameRun =
            !p.runs.empty() && p.levels[i] == p.runs.back().level && scripts[i] == scripts[i - 1];
        // A space never starts a new face: every face has one.
        const FontFace* want = sameRun && (IsSpace(p.text[i]) || face->HasCodepoint(p.text[i]))
                                   ? face
                                   : fonts.FaceFor(static_cast<std::uint32_t>(scripts[i]), weight, p.text[i]);
        if (!sameRun || want != face) {
            if (!p.runs.empty()) p.runs.back().end = i;
            ShapedRun run;
            run.start = i;
            run.level = p.levels[i];
            run.face = want;
            p.runs.push_back(run);
            face = want;
        }
    }
    p.runs.back().end = static_cast<std::uint32_t>(p.text.size());
    for (ShapedRun& run : p.runs) {
        ShapeRun(buffer, p.text, run, scripts[run.start], language);
        p.ascender = std::max(p.ascender, run.face->ascender);
        p.descender = std::min(p.descender, run.face->descender);
    }
    hb_buffer_destroy(buffer);
    return p;
}

float Width(const ShapedParagraph& paragraph) {
    float width = 0;
    for (const ShapedRun& run : paragraph.runs)
        for (const ShapedGlyph& g : run.glyphs)
            width += g.advance;
    return width;
}

std::vector<Line> BreakLines(const ShapedParagraph& p, float maxWidth) {
    const size_t n = p.text.size();
    // Each character's share of the width (a ligature counts for its first character) and where
    // clusters start: a line never splits a cluster (a letter and its marks, a ligature).
    std::vector<float> advance(n, 0.0f);
    std::vector<bool> clusterStart(n + 1, false);
    clusterStart[n] = true;
    for (const ShapedRun& run : p.runs)
        for (const ShapedGlyph& g : run.glyphs) {
            advance[g.cluster] += g.advance;
            clusterStart[g.cluster] = true;
        }

    // Cut lines in logical order.
    std::vector<std::pair<size_t, size_t>> cuts;
    size_t lineStart = 0;
    constexpr float kSlack = 1e-4f;
    while (lineStart < n || cuts.empty()) {
        float width = 0;
        size_t breakAfterSpace = 0; // 0: none on this line yet
        size_t i = lineStart;
        size_t end = n;
        while (i < n) {
            if (IsSpace(p.text[i])) {
                width += advance[i];
                breakAfterSpace = ++i;
                continue;
            }
            // Only where a cluster starts: the rest of a cluster has no width of its own, and a
            // letter wider than the line keeps its marks.
            if (clusterStart[i] && width + advance[i] > maxWidth + kSlack && i > lineStart) {
                // At the last space; one word longer than the line is cut before the cluster that
                // does not fit.
                end = breakAfterSpace > lineStart ? breakAfterSpace : i;
                break;
            }
            width += advance[i];
            ++i;
        }
        if (i >= n) end = n;
        cuts.emplace_back(lineStart, end);
        if (end == lineStart) break; // nothing left (an empty paragraph)
        lineStart = end;
    }

    std::vector<Line> lines;
    lines.reserve(cuts.size());
    struct Piece {
        const ShapedRun* run;
        std::uint32_t from, to;
    };
    std::vector<Piece> pieces;
    for (auto [from, to] : cuts) {
        while (to > from && IsSpace(p.text[to - 1]))
            --to; // L1: trailing spaces go to the paragraph level; they show nothing
        pieces.clear();
        std::uint8_t highest = 0, lowest = 255;
        for (const ShapedRun& run : p.runs) {
            const auto a = std::max<size_t>(run.start, from), b = std::min<size_t>(run.end, to);
            if (a >= b) continue;
            pieces.push_back({&run, static_cast<std::uint32_t>(a), static_cast<std::uint32_t>(b)});
            highest = std::max(highest, run.level);
            lowest = std::min(lowest, run.level);
        }
        // L2: from the highest level down to the lowest odd level, reverse every sequence of pieces
        // at that level or higher.
        const int lowestOdd = (lowest & 1) ? lowest : lowest + 1;
        for (int level = highest; level >= lowestOdd; --level) {
            for (size_t a = 0; a < pieces.size();) {
                if (pieces[a].run->level < level) {
                    ++a;
                    continue;
                }
                size_t b = a;
                while (b < pieces.size() && pieces[b].run->level >= level)
                    ++b;
                std::reverse(pieces.begin() + static_cast<std::ptrdiff_t>(a),
                             pieces.begin() + static_cast<std::ptrdiff_t>(b));
                a = b;
            }
        }
        Line line;
        float pen = 0;
        for (const Piece& piece : pieces)
            for (const ShapedGlyph& g : piece.run->glyphs) {
                if (g.cluster < piece.from || g.cluster >= piece.to) continue;
                line.glyphs.push_back({piece.run->face, g.id, g.cluster, pen + g.dx, g.dy});
                pen += g.advance;
            }
        line.width = pen;
        lines.push_back(std::move(line));
    }
    return lines;
}

} // namespace ik::text
