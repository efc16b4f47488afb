// Colours and sizes for the visitor screens. Sizes derive from the window (and DPI scale), so the
// same screens work on a 1080x1920 portrait kiosk and on an 800x480 panel.
#pragma once

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

// `dpiScale`: pixels per "normal" 96-dpi pixel (glfwGetWindowContentScale); `pixelsPerMm`: from the
// monitor's physical size, 0 when unknown.
Metrics ComputeMetrics(float width, float height, float dpiScale = 1.0f, float pixelsPerMm = 0.0f);

namespace colors {
inline constexpr ImU32 kBackground = IM_COL32(0xF7, 0xF4, 0xEE, 0xFF); // warm paper
inline constexpr ImU32 kText = IM_COL32(0x1C, 0x24, 0x33, 0xFF);       // near-black ink
inline constexpr ImU32 kMuted = IM_COL32(0x55, 0x5E, 0x6E, 0xFF);
inline constexpr ImU32 kAccent = IM_COL32(0x0B, 0x5C, 0xAD, 0xFF); // library blue
inline constexpr ImU32 kAccentPressed = IM_COL32(0x08, 0x45, 0x82, 0xFF);
inline constexpr ImU32 kOnAccent = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF);
inline constexpr ImU32 kTile = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF);
inline constexpr ImU32 kTilePressed = IM_COL32(0xDD, 0xE7, 0xF3, 0xFF);
inline constexpr ImU32 kTileBorder = IM_COL32(0xB8, 0xC2, 0xD0, 0xFF);
inline constexpr ImU32 kSelected = IM_COL32(0x0B, 0x5C, 0xAD, 0xFF);
inline constexpr ImU32 kSelectedFill = IM_COL32(0xD6, 0xE8, 0xFB, 0xFF);
inline constexpr ImU32 kDisabled = IM_COL32(0xC9, 0xCD, 0xD4, 0xFF);
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

// ImGui's own style for what we draw with stock widgets: no hover tint (a finger leaves the pointer
// where it lifted, and a lit button there would look still pressed).
void ApplyKioskStyle(const Metrics& metrics);

} // namespace ik
