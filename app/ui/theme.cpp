// Metrics from the window size; the kiosk ImGui style.
#include "ui/theme.h"

#include <algorithm>

namespace ik {

Metrics ComputeMetrics(float width, float height, float dpiScale, float pixelsPerMm) {
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
    m.bodySize = std::max(18.0f, 34 * m.unit);
    m.titleSize = std::max(26.0f, 54 * m.unit);
    m.smallSize = std::max(17.0f, 28 * m.unit);
    m.rounding = 14 * m.unit;
    return m;
}

void ApplyKioskStyle(const Metrics& metrics) {
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
