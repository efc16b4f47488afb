// Metrics from the window size; the kiosk ImGui style.
#include "ui/theme.h"

#include <algorithm>
#include <cmath>

namespace ik {

Metrics ComputeMetrics(float width, float height, float dpiScale, float pixelsPerMm, float textScale) {
    Metrics m;
    m.width = width;
    m.height = height;
    m.portrait = height > width;
    // The unit follows the height but never lets text outgrow a narrow (portrait) width.
    m.unit = std::max(0.4f, std::min(height / 800.0f, width / 600.0f));
    m.margin = 32 * m.unit;
    m.gap = 18 * m.unit;
    // 12 mm: from the monitor's physical size when it reports a plausible one (a 7" 800x480 panel
    // is ~5.2 px/mm, so 62 px), else from the DPI scale (45 px at 96 dpi).
    const float twelveMm = pixelsPerMm > 2.0f && pixelsPerMm < 20.0f ? 12.0f * pixelsPerMm : 45.0f * dpiScale;
    m.minTarget = std::max(twelveMm, 64 * m.unit);
    m.bodySize = std::max(18.0f, 34 * m.unit) * textScale;
    m.titleSize = std::max(26.0f, 54 * m.unit) * textScale;
    m.smallSize = std::max(17.0f, 28 * m.unit) * textScale;
    m.rounding = 14 * m.unit;
    return m;
}

void ApplyKioskStyle(const Metrics& metrics) {
    // ImGui draws no text of ours (the TextRenderer does), but it measures a mouse wheel's step in
    // its font's size: scale its small default font (13 px) to the body text, so a wheel step still
    // scrolls about five lines of the text on screen.
    ImGui::GetIO().FontGlobalScale = metrics.bodySize / 13.0f;
    ImGuiStyle& style = ImGui::GetStyle();
    style = ImGuiStyle();
    style.WindowPadding = ImVec2(0, 0);
    style.WindowBorderSize = 0;
    style.WindowRounding = 0;
    style.FrameRounding = metrics.rounding;
    style.ItemSpacing = ImVec2(metrics.gap, metrics.gap);
    style.AntiAliasedFill = true;
    style.AntiAliasedLines = true;
    ImVec4* c = style.Colors;
    c[ImGuiCol_WindowBg] = ImGui::ColorConvertU32ToFloat4(colors::kBackground);
    c[ImGuiCol_Text] = ImGui::ColorConvertU32ToFloat4(colors::kText);
    c[ImGuiCol_Button] = ImGui::ColorConvertU32ToFloat4(colors::kTile);
    c[ImGuiCol_ButtonHovered] = c[ImGuiCol_Button];
    c[ImGuiCol_ButtonActive] = ImGui::ColorConvertU32ToFloat4(colors::kTilePressed);
}

} // namespace ik

namespace ik {

const Palette& StandardPalette() {
    using namespace colors;
    static const Palette palette{
        "standard",     kBackground,  kText,
        kMuted,         kAccent,      kAccentPressed,
        kOnAccent,      kTile,        kTilePressed,
        kTileBorder,    kSelected,    kSelectedFill,
        kDisabled,      kOnDisabled,  kOverlay,
        kProgressTrack, kFaceOutline, {kFace[0], kFace[1], kFace[2], kFace[3], kFace[4]}};
    return palette;
}

const Palette& HighContrastPalette() {
    // White and yellow on black (21:1 and 19:1); faces keep their colours, outlined in white.
    static const Palette palette{"high_contrast",
                                 IM_COL32(0x00, 0x00, 0x00, 0xFF), // background
                                 IM_COL32(0xFF, 0xFF, 0xFF, 0xFF), // text
                                 IM_COL32(0xE6, 0xE6, 0xE6, 0xFF), // muted
                                 IM_COL32(0xFF, 0xE0, 0x3D, 0xFF), // accent: yellow
                                 IM_COL32(0xE0, 0xB8, 0x00, 0xFF), // accent pressed
                                 IM_COL32(0x00, 0x00, 0x00, 0xFF), // on accent
                                 IM_COL32(0x00, 0x00, 0x00, 0xFF), // tile
                                 IM_COL32(0x33, 0x33, 0x33, 0xFF), // tile pressed
                                 IM_COL32(0xFF, 0xFF, 0xFF, 0xFF), // tile border
                                 IM_COL32(0xFF, 0xE0, 0x3D, 0xFF), // selected
                                 IM_COL32(0x3D, 0x33, 0x00, 0xFF), // selected fill
                                 IM_COL32(0x3A, 0x3A, 0x3A, 0xFF), // disabled
                                 IM_COL32(0xC8, 0xC8, 0xC8, 0xFF), // on disabled
                                 IM_COL32(0x00, 0x00, 0x00, 0xD8), // overlay
                                 IM_COL32(0x4A, 0x4A, 0x4A, 0xFF), // progress track
                                 IM_COL32(0xFF, 0xFF, 0xFF, 0xFF), // face outline
                                 {IM_COL32(0xFF, 0x6B, 0x5E, 0xFF), IM_COL32(0xFF, 0xA2, 0x4F, 0xFF),
                                  IM_COL32(0xFF, 0xD7, 0x4A, 0xFF), IM_COL32(0xA8, 0xE0, 0x63, 0xFF),
                                  IM_COL32(0x5C, 0xD6, 0x61, 0xFF)}};
    return palette;
}

std::vector<ContrastPair> ContrastPairs(const Palette& p) {
    // As the widgets and screens draw them (widgets.cpp, visitor/*.cpp): keep this list with them.
    return {
        {"text on the background", p.text, p.background, 4.5f},
        {"muted text (hints, end labels) on the background", p.muted, p.background, 4.5f},
        {"text on a tile", p.text, p.tile, 4.5f},
        {"muted text on a tile (an option that cannot be chosen now)", p.muted, p.tile, 4.5f},
        {"text on a pressed tile", p.text, p.tilePressed, 4.5f},
        {"text on a chosen tile", p.text, p.selectedFill, 4.5f},
        {"a chosen number on a chosen tile", p.selected, p.selectedFill, 4.5f},
        {"a secondary button's label on a tile", p.accent, p.tile, 4.5f},
        {"a secondary button's label, pressed", p.accent, p.tilePressed, 4.5f},
        {"a primary button's label", p.onAccent, p.accent, 4.5f},
        {"a primary button's label, pressed", p.onAccent, p.accentPressed, 4.5f},
        {"a disabled button's label", p.onDisabled, p.disabled, 4.5f},
        {"text on the idle warning's overlay", p.text, p.background, 4.5f},
        {"tile outline against the background", p.tileBorder, p.background, 3.0f},
        {"tile outline against the tile", p.tileBorder, p.tile, 3.0f},
        {"chosen tile outline against the background", p.selected, p.background, 3.0f},
        {"secondary button outline against the background", p.accent, p.background, 3.0f},
        {"progress against its track", p.accent, p.progressTrack, 3.0f},
        {"a face's outline against the tile", p.faceOutline, p.tile, 3.0f},
        {"the check mark on a chosen box", p.onAccent, p.selected, 3.0f},
    };
}

float ContrastRatio(ImU32 a, ImU32 b) {
    auto luminance = [](ImU32 c) {
        auto channel = [](unsigned v) {
            const float s = static_cast<float>(v) / 255.0f;
            return s <= 0.04045f ? s / 12.92f : std::pow((s + 0.055f) / 1.055f, 2.4f);
        };
        return 0.2126f * channel((c >> IM_COL32_R_SHIFT) & 0xFF) +
               0.7152f * channel((c >> IM_COL32_G_SHIFT) & 0xFF) +
               0.0722f * channel((c >> IM_COL32_B_SHIFT) & 0xFF);
    };
    const float la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05f) / (std::min(la, lb) + 0.05f);
}

} // namespace ik
