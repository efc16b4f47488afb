// See text_renderer.h.
#include "ui/text_renderer.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace ik {
namespace {

constexpr int kAtlasWidth = 1024;
constexpr int kAtlasStartHeight = 1024;
constexpr int kAtlasMaxHeight = 4096;          // 4 MB: far more than a screen shows at once
constexpr size_t kMaxParagraphs = 4096;        // shaped texts kept; the cache starts over beyond
constexpr float kMaxEmPixels = 512.0f;         // far above any text the screens show (about 150 px at most)
constexpr int kMaxGlyphSide = kAtlasWidth / 2; // a glyph bigger than this is left out, not packed
constexpr int kPadding = 1;                    // empty texels between glyphs: bilinear sampling never bleeds

} // namespace

Result<std::unique_ptr<TextRenderer>> TextRenderer::Create(const std::filesystem::path& fontDir) {
    Result<std::unique_ptr<text::FontLibrary>> fonts = text::FontLibrary::Open(fontDir);
    if (!fonts) return Error{fonts.error()};
    return std::unique_ptr<TextRenderer>(new TextRenderer(std::move(*fonts)));
}

TextRenderer::TextRenderer(std::unique_ptr<text::FontLibrary> fonts) : m_fonts(std::move(fonts)) {
    ResetAtlas(kAtlasWidth, kAtlasStartHeight);
}

void TextRenderer::ResetAtlas(int width, int height) {
    m_atlas.width = width;
    m_atlas.height = height;
    m_atlas.alpha.assign(static_cast<size_t>(width) * static_cast<size_t>(height), 0);
    m_atlas.MarkChanged();
    m_glyphs.clear();
    m_shelves.clear();
    m_nextShelfY = 0;
}

void TextRenderer::BeginFrame() {
    const bool filling = m_nextShelfY > m_atlas.height * 3 / 4;
    if (!m_overflow && !filling) return;
    if (m_atlas.height < kAtlasMaxHeight) {
        // Taller, same width: the rows already there keep their place, so do the glyphs.
        m_atlas.height *= 2;
        m_atlas.alpha.resize(static_cast<size_t>(m_atlas.width) * static_cast<size_t>(m_atlas.height), 0);
        m_atlas.MarkChanged();
    } else if (m_overflow) {
        ResetAtlas(m_atlas.width, m_atlas.height); // full: start over; this frame draws them again
    }
    m_overflow = false;
}

const text::ShapedParagraph& TextRenderer::Paragraph(std::string_view text, Weight weight,
                                                     Direction direction, std::string_view language) {
    std::string key;
    key.reserve(text.size() + language.size() + 3);
    key += static_cast<char>('0' + static_cast<int>(weight));
    key += static_cast<char>('0' + static_cast<int>(direction));
    key.append(language);
    key += '\0';
    key.append(text);
    auto it = m_paragraphs.find(key);
    if (it != m_paragraphs.end()) return it->second;
    if (m_paragraphs.size() >= kMaxParagraphs) m_paragraphs.clear();
    return m_paragraphs.emplace(std::move(key), text::Shape(*m_fonts, text, weight, direction, language))
        .first->second;
}

TextBlock TextRenderer::Layout(std::string_view text, Weight weight, float size, float wrapWidth,
                               Direction direction, std::string_view language) {
    TextBlock block;
    const text::FontFace& main = m_fonts->Main(weight);
    // `size` is the height of a Latin line, ascender to descender, as ImGui's FreeType fonts took it.
    block.emPixels = size / (main.ascender - main.descender);
    float ascender = main.ascender, descender = main.descender;
    for (size_t begin = 0;;) {
        const size_t newline = text.find('\n', begin);
        const std::string_view part =
            text.substr(begin, newline == std::string_view::npos ? newline : newline - begin);
        const text::ShapedParagraph& paragraph = Paragraph(part, weight, direction, language);
        ascender = std::max(ascender, paragraph.ascender);
        descender = std::min(descender, paragraph.descender);
        for (text::Line& line : text::BreakLines(paragraph, wrapWidth / block.emPixels)) {
            block.width = std::max(block.width, line.width * block.emPixels);
            block.lines.push_back(std::move(line));
        }
        if (newline == std::string_view::npos) break;
        begin = newline + 1;
    }
    // A taller script (Noto Sans Arabic reserves 2.1 em for stacked marks, Latin 1.36) gets taller
    // lines, but at most 1.3 times: its letters are no taller than Latin ones, only its rare marks.
    // The baseline sits where a Latin line's would, in the middle of the extra room.
    block.lineHeight = std::clamp((ascender - descender) * block.emPixels, size, size * 1.3f);
    block.ascent = std::round(main.ascender * block.emPixels + (block.lineHeight - size) * 0.5f);
    return block;
}

float TextRenderer::Width(std::string_view text, Weight weight, float size, Direction direction) {
    return Layout(text, weight, size, FLT_MAX, direction).width;
}

bool TextRenderer::Pack(int width, int height, int& x, int& y) {
    for (Shelf& shelf : m_shelves) {
        // A shelf fits glyphs as tall as it is and not much shorter (else it wastes the space).
        if (height <= shelf.height && height * 4 >= shelf.height * 3 && shelf.x + width <= m_atlas.width) {
            x = shelf.x;
            y = shelf.y;
            shelf.x += width;
            return true;
        }
    }
    if (m_nextShelfY + height > m_atlas.height || width > m_atlas.width) return false;
    m_shelves.push_back({m_nextShelfY, height, width});
    x = 0;
    y = m_nextShelfY;
    m_nextShelfY += height;
    return true;
}

const TextRenderer::GlyphSlot* TextRenderer::Glyph(const text::FontFace* face, std::uint32_t glyph,
                                                   float emPixels) {
    emPixels = std::clamp(emPixels, 1.0f, kMaxEmPixels);
    const GlyphKey key{face, glyph, static_cast<std::uint32_t>(std::lround(emPixels * 4))};
    if (auto it = m_glyphs.find(key); it != m_glyphs.end()) return &it->second;
    GlyphSlot slot;
    if (m_rasterizer.Render(*face, glyph, static_cast<float>(key.quarterPixels) / 4.0f, m_scratch) &&
        m_scratch.width > 0 && m_scratch.height > 0 && m_scratch.width <= kMaxGlyphSide &&
        m_scratch.height <= kMaxGlyphSide) {
        // (A glyph that would not fit even an empty atlas stays out: it would reset the atlas every frame.)
        int x = 0, y = 0;
        if (!Pack(m_scratch.width + kPadding, m_scratch.height + kPadding, x, y)) {
            m_overflow = true;
            return nullptr;
        }
        for (int row = 0; row < m_scratch.height; ++row)
            std::memcpy(
                m_atlas.alpha.data() + static_cast<size_t>(y + row) * static_cast<size_t>(m_atlas.width) +
                    static_cast<size_t>(x),
                m_scratch.coverage.data() + static_cast<size_t>(row) * static_cast<size_t>(m_scratch.width),
                static_cast<size_t>(m_scratch.width));
        m_atlas.MarkChanged(y, y + m_scratch.height);
        slot = {x, y, m_scratch.width, m_scratch.height, m_scratch.left, m_scratch.top};
    }
    return &m_glyphs.emplace(key, slot).first->second;
}

ImVec4 TextRenderer::Draw(ImDrawList* draw, const TextBlock& block, ImVec2 pos, float boxWidth, Align align,
                          bool rtlScreen, ImU32 color) {
    ImVec4 bounds(FLT_MAX, pos.y, -FLT_MAX, pos.y + block.Height());
    if ((color & IM_COL32_A_MASK) == 0 || block.lines.empty()) return ImVec4(pos.x, pos.y, pos.x, pos.y);
    const ImVec2 clipMin = draw->GetClipRectMin(), clipMax = draw->GetClipRectMax();
    const float invWidth = 1.0f / static_cast<float>(m_atlas.width);
    const float invHeight = 1.0f / static_cast<float>(m_atlas.height);
    const bool left =
        align == Align::Left || (align == Align::Start && !rtlScreen) || (align == Align::End && rtlScreen);
    draw->PushTextureID(static_cast<ImTextureID>(&m_atlas));
    float top = pos.y;
    for (const text::Line& line : block.lines) {
        const float lineWidth = line.width * block.emPixels;
        const float x0 = align == Align::Centre ? pos.x + (boxWidth - lineWidth) * 0.5f
                         : left                 ? pos.x
                                                : pos.x + boxWidth - lineWidth;
        if (lineWidth > 0) {
            bounds.x = std::min(bounds.x, x0);
            bounds.z = std::max(bounds.z, x0 + lineWidth);
        }
        if (top + block.lineHeight >= clipMin.y && top <= clipMax.y) {
            const float baseline = std::round(top + block.ascent);
            for (const text::LineGlyph& g : line.glyphs) {
                const GlyphSlot* slot = Glyph(g.face, g.id, block.emPixels);
                if (!slot || slot->width == 0) continue;
                const float gx = std::round(x0 + g.x * block.emPixels) + static_cast<float>(slot->left);
                const float gy = baseline + std::round(g.y * block.emPixels) - static_cast<float>(slot->top);
                const float w = static_cast<float>(slot->width), h = static_cast<float>(slot->height);
                if (gx > clipMax.x || gx + w < clipMin.x) continue;
                draw->PrimReserve(6, 4);
                draw->PrimRectUV(
                    ImVec2(gx, gy), ImVec2(gx + w, gy + h),
                    ImVec2(static_cast<float>(slot->x) * invWidth, static_cast<float>(slot->y) * invHeight),
                    ImVec2(static_cast<float>(slot->x + slot->width) * invWidth,
                           static_cast<float>(slot->y + slot->height) * invHeight),
                    color);
            }
        }
        top += block.lineHeight;
    }
    draw->PopTextureID();
    if (bounds.x > bounds.z) bounds.x = bounds.z = pos.x;
    return bounds;
}

} // namespace ik
