// Colours and sizes for the visitor screens. Sizes derive from the window (and DPI scale), so the
// same screens work on a 1080x1920 portrait kiosk and on an 800x480 panel; a visitor may make the
// text larger (TextScale) and switch to a high-contrast palette for their own visit.
#pragma once

#include <cstdint>
#include <vector>

#include <imgui.h>

namespace ik {

struct Metrics {
    float width = 0;
    float height = 0;
    float unit = 1; // 1.0 on a 1280x800 landscape window
    bool portrait = false;
    float margin = 0;    // space around the screen's content
    float gap = 0;       // space between targets
    float minTarget = 0; // smallest touch target (>= 12 mm)
    float bodySize = 0;  // font pixel sizes
    float titleSize = 0; // the title font is built 1.25x larger, so big text is drawn downscaled, not blurred
    float smallSize = 0;
    float rounding = 0;
};

// The visitor's text size steps: normal, and two steps larger.
inline constexpr float kTextScales[] = {1.0f, 1.25f, 1.5f};
inline constexpr int kTextScaleSteps = 3;

// `dpiScale`: pixels per "normal" 96-dpi pixel (glfwGetWindowContentScale); `pixelsPerMm`: from the
// monitor's physical size, 0 when unknown; `textScale`: one of kTextScales (font sizes only; the
// screens reflow around the larger words).
Metrics ComputeMetrics(float width, float height, float dpiScale = 1.0f, float pixelsPerMm = 0.0f,
                       float textScale = 1.0f);

// An ImGui colour (0xAABBGGRR) as the renderers' and screenshots' 0x00RRGGBB.
constexpr std::uint32_t ToRgb(ImU32 c) {
    return ((c & 0xffu) << 16) | (c & 0xff00u) | ((c >> 16) & 0xffu);
}

namespace colors {
inline constexpr ImU32 kBackground = IM_COL32(0xF7, 0xF4, 0xEE, 0xFF); // warm paper
inline constexpr ImU32 kText = IM_COL32(0x1C, 0x24, 0x33, 0xFF);       // near-black ink
inline constexpr ImU32 kMuted = IM_COL32(0x4F, 0x58, 0x68, 0xFF);
inline constexpr ImU32 kAccent = IM_COL32(0x0B, 0x5C, 0xAD, 0xFF); // library blue
inline constexpr ImU32 kAccentPressed = IM_COL32(0x08, 0x45, 0x82, 0xFF);
inline constexpr ImU32 kOnAccent = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF);
inline constexpr ImU32 kTile = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF);
inline constexpr ImU32 kTilePressed = IM_COL32(0xDD, 0xE7, 0xF3, 0xFF);
// Outlines tell a tile from the paper: 3:1 against both (WCAG 2.2 non-text contrast).
inline constexpr ImU32 kTileBorder = IM_COL32(0x7A, 0x85, 0x96, 0xFF);
inline constexpr ImU32 kSelected = IM_COL32(0x0B, 0x5C, 0xAD, 0xFF);
inline constexpr ImU32 kSelectedFill = IM_COL32(0xD6, 0xE8, 0xFB, 0xFF);
inline constexpr ImU32 kDisabled = IM_COL32(0xC9, 0xCD, 0xD4, 0xFF);
inline constexpr ImU32 kOnDisabled = IM_COL32(0x3D, 0x45, 0x52, 0xFF); // still readable (4.5:1)
inline constexpr ImU32 kOverlay = IM_COL32(0x10, 0x18, 0x28, 0xB0);
inline constexpr ImU32 kProgressTrack = IM_COL32(0xE1, 0xDC, 0xD2, 0xFF);
inline constexpr ImU32 kWarning = IM_COL32(0xB0, 0x2A, 0x1E, 0xFF);      // problems, for staff
inline constexpr ImU32 kStaffBar = IM_COL32(0x2B, 0x35, 0x45, 0xFF);     // staff screens' title bar
inline constexpr ImU32 kKeyboardBack = IM_COL32(0xE4, 0xE0, 0xD8, 0xFF); // behind the on-screen keyboard
inline constexpr ImU32 kFaceOutline = IM_COL32(0x1C, 0x24, 0x33, 0xFF);
// Faces from very unhappy to very happy: red, orange, yellow, light green, green. Colour is never
// the only cue: the mouth shape and the word say it too.
inline constexpr ImU32 kFace[5] = {IM_COL32(0xE0, 0x5A, 0x4F, 0xFF), IM_COL32(0xF0, 0x9A, 0x4A, 0xFF),
                                   IM_COL32(0xF5, 0xCD, 0x47, 0xFF), IM_COL32(0x9C, 0xCF, 0x5B, 0xFF),
                                   IM_COL32(0x4C, 0xAF, 0x50, 0xFF)};
} // namespace colors

// What the visitor screens draw with. The standard palette is the colors:: above; the high-contrast
// one is white and yellow on black. Every pair of text colour and the colour it is drawn on is listed
// by ContrastPairs, and a test holds each to WCAG 2.2 AA.
struct Palette {
    const char* name;
    ImU32 background, text, muted, accent, accentPressed, onAccent, tile, tilePressed, tileBorder, selected,
        selectedFill, disabled, onDisabled, overlay, progressTrack, faceOutline;
    ImU32 face[5];
};
const Palette& StandardPalette();
const Palette& HighContrastPalette();

// A foreground drawn on a background somewhere on the visitor screens, and the contrast it needs:
// 4.5 for text, 3 for large text (bold 18.5 px+ / 24 px+ at 1280x800, which every heading and
// button label is), 3 for outlines and graphics that identify a control.
struct ContrastPair {
    const char* what;
    ImU32 foreground, background;
    float minimum;
};
std::vector<ContrastPair> ContrastPairs(const Palette& palette);
// WCAG 2.2 contrast ratio of two opaque colours (1 to 21).
float ContrastRatio(ImU32 a, ImU32 b);

// ImGui's own style for what we draw with stock widgets: no hover tint (a finger leaves the pointer
// where it lifted, and a lit button there would look still pressed).
void ApplyKioskStyle(const Metrics& metrics);

} // namespace ik
