// See soft_raster.h.
//
// Index
//   [SECTION] Pixels      colours, blending, texture lookups
//   [SECTION] Snapping    vertices to 1/256 pixel, exact edge functions
//   [SECTION] Quads       axis-aligned rectangles, solid or textured (ImGui's PrimRect/PrimRectUV)
//   [SECTION] Triangles   the general case, with the top-left rule so shared edges are drawn once
//   [SECTION] Draw data   walking ImGui's command lists with their clip rectangles
#include "platform/soft_raster.h"

#include <algorithm>
#include <cmath>

#include <imgui.h>

namespace ik {
namespace {

// [SECTION] Pixels

struct Rgba {
    float r, g, b, a; // 0..255
};

Rgba Unpack(ImU32 c) {
    return {static_cast<float>(c & 0xff), static_cast<float>((c >> 8) & 0xff),
            static_cast<float>((c >> 16) & 0xff), static_cast<float>(c >> 24)};
}

// dst = src * a + dst * (1 - a), a in 0..255.
inline void Blend(std::uint32_t& dst, unsigned r, unsigned g, unsigned b, unsigned a) {
    if (a == 0) return;
    if (a >= 255) {
        dst = (r << 16) | (g << 8) | b;
        return;
    }
    const unsigned inv = 255 - a;
    const unsigned dr = (dst >> 16) & 0xff, dg = (dst >> 8) & 0xff, db = dst & 0xff;
    const unsigned outR = (r * a + dr * inv + 127) / 255;
    const unsigned outG = (g * a + dg * inv + 127) / 255;
    const unsigned outB = (b * a + db * inv + 127) / 255;
    dst = (outR << 16) | (outG << 8) | outB;
}

// The atlas's alpha at (u, v), filtered bilinearly as the OpenGL backend's GL_LINEAR does: glyphs
// drawn 1:1 land on texel centres (the same as the nearest texel), headings drawn smaller than the
// atlas holds them stay smooth. The atlas is white, so only its alpha matters.
inline unsigned TexelAlpha(const AlphaTexture& tex, float u, float v) {
    if (tex.alpha.empty()) return 255;
    const float fx = u * static_cast<float>(tex.width) - 0.5f;
    const float fy = v * static_cast<float>(tex.height) - 0.5f;
    const float flx = std::floor(fx), fly = std::floor(fy);
    const float tx = fx - flx, ty = fy - fly;
    const int x0 = std::clamp(static_cast<int>(flx), 0, tex.width - 1);
    const int y0 = std::clamp(static_cast<int>(fly), 0, tex.height - 1);
    const int x1 = std::min(x0 + 1, tex.width - 1), y1 = std::min(y0 + 1, tex.height - 1);
    const std::uint8_t* row0 =
        tex.alpha.data() + static_cast<std::size_t>(y0) * static_cast<std::size_t>(tex.width);
    const std::uint8_t* row1 =
        tex.alpha.data() + static_cast<std::size_t>(y1) * static_cast<std::size_t>(tex.width);
    if (tx == 0 && ty == 0) return row0[x0];
    const float top =
        static_cast<float>(row0[x0]) + (static_cast<float>(row0[x1]) - static_cast<float>(row0[x0])) * tx;
    const float bottom =
        static_cast<float>(row1[x0]) + (static_cast<float>(row1[x1]) - static_cast<float>(row1[x0])) * tx;
    return static_cast<unsigned>(top + (bottom - top) * ty + 0.5f);
}

inline unsigned ToByte(float v) {
    return static_cast<unsigned>(std::clamp(v + 0.5f, 0.0f, 255.0f));
}

struct Clip {
    int x0, y0, x1, y1; // pixels [x0, x1) x [y0, y1)
};

// [SECTION] Snapping
//
// Vertices are snapped to 1/256 of a pixel and the edge functions computed in 64-bit integers, as
// GPUs do: exact, so a pixel centre on an edge shared by two triangles is decided the same way for
// both (in floating point, accumulated rounding lost whole columns along long straight edges).

constexpr std::int64_t kSub = 256;             // subpixel steps per pixel
constexpr float kMaxCoordinate = 1'000'000.0f; // pixels; beyond is off any screen (and int64 stays safe)

struct Fixed {
    std::int64_t x, y;
};

Fixed Snap(const ImVec2& p) {
    return {std::llround(std::clamp(p.x, -kMaxCoordinate, kMaxCoordinate) * static_cast<float>(kSub)),
            std::llround(std::clamp(p.y, -kMaxCoordinate, kMaxCoordinate) * static_cast<float>(kSub))};
}

struct Edge {
    std::int64_t a, b; // E(x, y) = a * (x - p.x) + b * (y - p.y); >= 0 inside
    Fixed p;
    bool owns; // a pixel centre exactly on the edge belongs to this triangle
    std::int64_t At(std::int64_t x, std::int64_t y) const { return a * (x - p.x) + b * (y - p.y); }
};

// The edge from p to q of a triangle wound so that its inside is on the edges' non-negative side.
// Of two triangles sharing an edge, each runs it the other way, so exactly one owns it.
Edge MakeEdge(Fixed p, Fixed q) {
    const std::int64_t dx = q.x - p.x, dy = q.y - p.y;
    return {-dy, dx, p, dy > 0 || (dy == 0 && dx < 0)};
}

inline bool Inside(std::int64_t e, bool owns) {
    return e > 0 || (e == 0 && owns);
}

// The first pixel whose centre (x + 0.5, in subpixels x * 256 + 128) is at or after `lo`.
inline int FirstCentreAtOrAfter(std::int64_t lo) {
    const std::int64_t n = lo - kSub / 2;
    return static_cast<int>(n >= 0 ? (n + kSub - 1) / kSub : -((-n) / kSub));
}

// [SECTION] Quads

// Two triangles (a, b, c) and (a, c, d) forming an axis-aligned rectangle with one colour and a UV
// mapping aligned with it, as ImGui's PrimRect and PrimRectUV write them.
bool IsAxisAlignedQuad(const ImDrawVert& a, const ImDrawVert& b, const ImDrawVert& c, const ImDrawVert& d) {
    return a.col == b.col && a.col == c.col && a.col == d.col && a.pos.y == b.pos.y && b.pos.x == c.pos.x &&
           c.pos.y == d.pos.y && d.pos.x == a.pos.x && a.uv.y == b.uv.y && b.uv.x == c.uv.x &&
           c.uv.y == d.uv.y && d.uv.x == a.uv.x && a.pos.x != c.pos.x && a.pos.y != c.pos.y;
}

void FillQuad(const ImDrawVert& a, const ImDrawVert& c, const AlphaTexture& tex, const Clip& clip,
              Canvas& canvas) {
    // Pixel centres in [lo, hi), with the triangles' snapping, so quads and triangles meet exactly.
    const Fixed pa = Snap(a.pos), pc = Snap(c.pos);
    const int x0 = std::max(FirstCentreAtOrAfter(std::min(pa.x, pc.x)), clip.x0);
    const int x1 = std::min(FirstCentreAtOrAfter(std::max(pa.x, pc.x)), clip.x1);
    const int y0 = std::max(FirstCentreAtOrAfter(std::min(pa.y, pc.y)), clip.y0);
    const int y1 = std::min(FirstCentreAtOrAfter(std::max(pa.y, pc.y)), clip.y1);
    if (x0 >= x1 || y0 >= y1) return;
    const unsigned r = a.col & 0xff, g = (a.col >> 8) & 0xff, b = (a.col >> 16) & 0xff, alpha = a.col >> 24;
    if (a.uv.x == c.uv.x && a.uv.y == c.uv.y) {
        // Solid: one texel (the white pixel) for the whole rectangle.
        const unsigned coverage = (alpha * TexelAlpha(tex, a.uv.x, a.uv.y) + 127) / 255;
        for (int y = y0; y < y1; ++y) {
            std::uint32_t* row = canvas.pixels + static_cast<std::ptrdiff_t>(y) * canvas.stride;
            if (coverage >= 255)
                std::fill(row + x0, row + x1, (r << 16) | (g << 8) | b);
            else
                for (int x = x0; x < x1; ++x)
                    Blend(row[x], r, g, b, coverage);
        }
        return;
    }
    // Textured (a glyph): u and v run linearly from corner a to corner c.
    const float du = (c.uv.x - a.uv.x) / (c.pos.x - a.pos.x);
    const float dv = (c.uv.y - a.uv.y) / (c.pos.y - a.pos.y);
    for (int y = y0; y < y1; ++y) {
        const float v = a.uv.y + (static_cast<float>(y) + 0.5f - a.pos.y) * dv;
        std::uint32_t* row = canvas.pixels + static_cast<std::ptrdiff_t>(y) * canvas.stride;
        for (int x = x0; x < x1; ++x) {
            const float u = a.uv.x + (static_cast<float>(x) + 0.5f - a.pos.x) * du;
            const unsigned texel = TexelAlpha(tex, u, v);
            if (texel) Blend(row[x], r, g, b, (alpha * texel + 127) / 255);
        }
    }
}

// [SECTION] Triangles

void FillTriangle(const ImDrawVert& v0, const ImDrawVert& v1In, const ImDrawVert& v2In,
                  const AlphaTexture& tex, const Clip& clip, Canvas& canvas) {
    if (!std::isfinite(v0.pos.x + v0.pos.y + v1In.pos.x + v1In.pos.y + v2In.pos.x + v2In.pos.y)) return;
    const ImDrawVert* v1 = &v1In;
    const ImDrawVert* v2 = &v2In;
    Fixed p0 = Snap(v0.pos), p1 = Snap(v1->pos), p2 = Snap(v2->pos);
    std::int64_t area = (p1.x - p0.x) * (p2.y - p0.y) - (p1.y - p0.y) * (p2.x - p0.x);
    if (area == 0) return;
    if (area < 0) {
        std::swap(v1, v2);
        std::swap(p1, p2);
        area = -area;
    }
    const int x0 = std::max(FirstCentreAtOrAfter(std::min({p0.x, p1.x, p2.x})), clip.x0);
    const int x1 = std::min(FirstCentreAtOrAfter(std::max({p0.x, p1.x, p2.x})) + 1, clip.x1);
    const int y0 = std::max(FirstCentreAtOrAfter(std::min({p0.y, p1.y, p2.y})), clip.y0);
    const int y1 = std::min(FirstCentreAtOrAfter(std::max({p0.y, p1.y, p2.y})) + 1, clip.y1);
    if (x0 >= x1 || y0 >= y1) return;

    // e0 weighs v0 (the edge opposite it), e1 weighs v1, e2 weighs v2.
    const Edge e0 = MakeEdge(p1, p2), e1 = MakeEdge(p2, p0), e2 = MakeEdge(p0, p1);
    const bool flat = v0.col == v1->col && v0.col == v2->col && v0.uv.x == v1->uv.x && v0.uv.x == v2->uv.x &&
                      v0.uv.y == v1->uv.y && v0.uv.y == v2->uv.y;
    const Rgba c0 = Unpack(v0.col), c1 = Unpack(v1->col), c2 = Unpack(v2->col);
    const unsigned flatR = v0.col & 0xff, flatG = (v0.col >> 8) & 0xff, flatB = (v0.col >> 16) & 0xff;
    const unsigned flatA = flat ? ((v0.col >> 24) * TexelAlpha(tex, v0.uv.x, v0.uv.y) + 127) / 255 : 0;
    const float inv = 1.0f / static_cast<float>(area);
    const std::int64_t stepX0 = e0.a * kSub, stepX1 = e1.a * kSub, stepX2 = e2.a * kSub;

    for (int y = y0; y < y1; ++y) {
        const std::int64_t cy = y * kSub + kSub / 2, cx = x0 * kSub + kSub / 2;
        std::int64_t w0 = e0.At(cx, cy), w1 = e1.At(cx, cy), w2 = e2.At(cx, cy);
        std::uint32_t* row = canvas.pixels + static_cast<std::ptrdiff_t>(y) * canvas.stride;
        for (int x = x0; x < x1; ++x, w0 += stepX0, w1 += stepX1, w2 += stepX2) {
            if (!Inside(w0, e0.owns) || !Inside(w1, e1.owns) || !Inside(w2, e2.owns)) continue;
            if (flat) {
                Blend(row[x], flatR, flatG, flatB, flatA);
                continue;
            }
            const float l0 = static_cast<float>(w0) * inv, l1 = static_cast<float>(w1) * inv,
                        l2 = static_cast<float>(w2) * inv;
            const float u = v0.uv.x * l0 + v1->uv.x * l1 + v2->uv.x * l2;
            const float v = v0.uv.y * l0 + v1->uv.y * l1 + v2->uv.y * l2;
            const unsigned texel = TexelAlpha(tex, u, v);
            const float a = (c0.a * l0 + c1.a * l1 + c2.a * l2) * static_cast<float>(texel) / 255.0f;
            Blend(row[x], ToByte(c0.r * l0 + c1.r * l1 + c2.r * l2),
                  ToByte(c0.g * l0 + c1.g * l1 + c2.g * l2), ToByte(c0.b * l0 + c1.b * l1 + c2.b * l2),
                  ToByte(a));
        }
    }
}

} // namespace

// [SECTION] Draw data

void RasterizeDrawData(const ImDrawData& data, const AlphaTexture& font, std::uint32_t background,
                       Canvas& canvas) {
    for (int y = 0; y < canvas.height; ++y) {
        std::uint32_t* row = canvas.pixels + static_cast<std::ptrdiff_t>(y) * canvas.stride;
        std::fill(row, row + canvas.width, background & 0xffffff);
    }
    const ImVec2 origin = data.DisplayPos;
    const ImVec2 scale = data.FramebufferScale;
    // The kiosk's one window starts at (0, 0) in framebuffer pixels, so ImGui's vertices are canvas
    // pixels already; only another origin or scale needs a converted copy.
    const bool convert = origin.x != 0 || origin.y != 0 || scale.x != 1 || scale.y != 1;
    std::vector<ImDrawVert> converted;
    for (int n = 0; n < data.CmdListsCount; ++n) {
        const ImDrawList* list = data.CmdLists[n];
        const ImDrawVert* verts = list->VtxBuffer.Data;
        if (convert) {
            converted.assign(list->VtxBuffer.begin(), list->VtxBuffer.end());
            for (ImDrawVert& v : converted) {
                v.pos.x = (v.pos.x - origin.x) * scale.x;
                v.pos.y = (v.pos.y - origin.y) * scale.y;
            }
            verts = converted.data();
        }
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            if (cmd.UserCallback) {
                if (cmd.UserCallback != ImDrawCallback_ResetRenderState) cmd.UserCallback(list, &cmd);
                continue;
            }
            // The clip rectangle as OpenGL's scissor takes it (truncated to whole pixels).
            Clip clip{static_cast<int>((cmd.ClipRect.x - origin.x) * scale.x),
                      static_cast<int>((cmd.ClipRect.y - origin.y) * scale.y),
                      static_cast<int>((cmd.ClipRect.z - origin.x) * scale.x),
                      static_cast<int>((cmd.ClipRect.w - origin.y) * scale.y)};
            clip.x0 = std::max(clip.x0, 0);
            clip.y0 = std::max(clip.y0, 0);
            clip.x1 = std::min(clip.x1, canvas.width);
            clip.y1 = std::min(clip.y1, canvas.height);
            if (clip.x0 >= clip.x1 || clip.y0 >= clip.y1) continue;
            const AlphaTexture& texture =
                cmd.TextureId ? *static_cast<const AlphaTexture*>(cmd.TextureId) : font;
            const ImDrawIdx* idx = list->IdxBuffer.Data + cmd.IdxOffset;
            const ImDrawVert* base = verts + cmd.VtxOffset;
            const unsigned count = cmd.ElemCount;
            for (unsigned i = 0; i + 2 < count;) {
                const ImDrawVert& a = base[idx[i]];
                const ImDrawVert& b = base[idx[i + 1]];
                const ImDrawVert& c = base[idx[i + 2]];
                if (i + 5 < count && idx[i + 3] == idx[i] && idx[i + 4] == idx[i + 2]) {
                    const ImDrawVert& d = base[idx[i + 5]];
                    if (IsAxisAlignedQuad(a, b, c, d)) {
                        FillQuad(a, c, texture, clip, canvas);
                        i += 6;
                        continue;
                    }
                }
                FillTriangle(a, b, c, texture, clip, canvas);
                i += 3;
            }
        }
    }
}

} // namespace ik
