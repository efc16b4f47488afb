// See widgets.h.
#include "ui/widgets.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstring>

namespace ik {
namespace {

// A word longer than the line is cut between letters: true when wrapping `text` to `width` did that.
bool WordWasCut(UiContext& ui, Weight weight, float size, std::string_view text, float width) {
    for (size_t begin = 0; begin < text.size();) {
        size_t end = text.find_first_of(" \n", begin);
        if (end == std::string_view::npos) end = text.size();
        if (end > begin &&
            ui.text->Width(text.substr(begin, end - begin), weight, size, ui.direction) > width + 1)
            return true;
        begin = end + 1;
    }
    return false;
}

} // namespace

TapState TapTarget(UiContext& ui, const std::string& id, const std::string& label, const char* role,
                   ImVec2 pos, ImVec2 size, bool enabled, bool selected) {
    TapState state;
    ImGui::SetCursorScreenPos(pos);
    ImGui::PushID(id.c_str());
    if (!enabled) ImGui::BeginDisabled();
    state.clicked = ImGui::InvisibleButton("##target", size) && enabled;
    state.held = enabled && ImGui::IsItemActive() && ImGui::IsItemHovered();
    if (!enabled) ImGui::EndDisabled();
    ImGui::PopID();
    // Inside a scrolled area, only what is wholly in view can be tapped; the rest waits for a scroll.
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 clipMin = draw->GetClipRectMin(), clipMax = draw->GetClipRectMax();
    if (pos.x >= clipMin.x - 1 && pos.y >= clipMin.y - 1 && pos.x + size.x <= clipMax.x + 1 &&
        pos.y + size.y <= clipMax.y + 1)
        ui.dump.Add({id, label, role, pos.x, pos.y, size.x, size.y, enabled, selected});
    return state;
}

bool BigButton(UiContext& ui, const std::string& id, const std::string& label, ImVec2 pos, ImVec2 size,
               ButtonStyle style, bool enabled, ButtonOptions options) {
    TapState tap = TapTarget(ui, id, label, "button", pos, size, enabled);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const Palette& c = ui.colors();
    const ImVec2 max(pos.x + size.x, pos.y + size.y);
    const float rounding = ui.metrics.rounding;
    ImU32 text = c.text;
    switch (style) {
    case ButtonStyle::Primary:
        draw->AddRectFilled(pos, max,
                            !enabled   ? c.disabled
                            : tap.held ? c.accentPressed
                                       : c.accent,
                            rounding);
        text = enabled ? c.onAccent : c.onDisabled;
        break;
    case ButtonStyle::Secondary:
        draw->AddRectFilled(pos, max, tap.held ? c.tilePressed : c.tile, rounding);
        draw->AddRect(pos, max, enabled ? c.accent : c.tileBorder, rounding, 0, 3 * ui.metrics.unit);
        text = enabled ? c.accent : c.muted;
        break;
    case ButtonStyle::Quiet:
        if (tap.held) draw->AddRectFilled(pos, max, c.tilePressed, rounding);
        text = c.muted;
        break;
    }
    if (!options.drawLabel) return tap.clicked;
    // The main call to action reads from across the room; other buttons in body size. A large
    // primary button is never smaller print than a secondary one beside it (Next beside Back at the
    // visitor's largest text size).
    const float bodyLabel = std::min(ui.metrics.bodySize, size.y * 0.5f);
    float fontSize = options.labelSize > 0 ? options.labelSize
                     : style == ButtonStyle::Primary && size.y > ui.metrics.minTarget * 1.5f
                         ? std::max(bodyLabel, std::min(ui.metrics.titleSize, size.y * 0.36f))
                         : bodyLabel;
    // Narrow buttons (keyboard keys) keep a smaller padding, so a short label is never wrapped.
    const float pad = std::min(ui.metrics.gap, size.x * 0.1f);
    // Shrink rather than break a word ("Questionnai-res") on narrow portrait buttons.
    fontSize =
        FitTextSize(ui, Weight::Bold, fontSize, ui.metrics.smallSize * 0.6f, label, size.x - 2 * pad, size.y);
    const float height = WrappedHeight(ui, Weight::Bold, fontSize, label, size.x - 2 * pad);
    DrawWrappedText(ui, draw, Weight::Bold, fontSize, ImVec2(pos.x + pad, pos.y + (size.y - height) * 0.5f),
                    size.x - 2 * pad, label, text);
    return tap.clicked;
}

float TextWidth(UiContext& ui, Weight weight, float size, std::string_view text) {
    return ui.text->Width(text, weight, size, ui.direction);
}

float WrappedHeight(UiContext& ui, Weight weight, float size, std::string_view text, float width) {
    return ui.text->Layout(text, weight, size, width, ui.direction, ui.language).Height();
}

float FitTextSize(UiContext& ui, Weight weight, float size, float minSize, std::string_view text, float width,
                  float maxHeight) {
    while (size > minSize) {
        const TextBlock block = ui.text->Layout(text, weight, size, width, ui.direction, ui.language);
        // Fits in height, and no single word is wider than the line (it would have been cut).
        if (block.Height() <= maxHeight && !WordWasCut(ui, weight, size, text, width)) break;
        size = std::max(minSize, size * 0.92f);
    }
    return size;
}

float DrawWrappedText(UiContext& ui, ImDrawList* draw, Weight weight, float size, ImVec2 pos, float width,
                      std::string_view text, ImU32 color, Align align) {
    const TextBlock block = ui.text->Layout(text, weight, size, width, ui.direction, ui.language);
    const ImVec4 r =
        ui.text->Draw(draw, block, ImVec2(std::floor(pos.x), std::floor(pos.y)), width, align, ui.rtl, color);
    if (!text.empty()) ui.dump.AddText({std::string(text), r.x, r.y, r.z - r.x, r.w - r.y});
    return block.Height();
}

void DrawTextLine(UiContext& ui, ImDrawList* draw, Weight weight, float size, ImVec2 pos, ImU32 color,
                  std::string_view text) {
    const TextBlock block = ui.text->Layout(text, weight, size, FLT_MAX, ui.direction, ui.language);
    ui.text->Draw(draw, block, ImVec2(std::floor(pos.x), std::floor(pos.y)), block.width, Align::Centre,
                  ui.rtl, color);
}

void DrawFace(ImDrawList* draw, ImVec2 c, float r, int level, int levels) {
    DrawFace(draw, StandardPalette(), c, r, level, levels);
}

void DrawFace(ImDrawList* draw, const Palette& palette, ImVec2 c, float r, int level, int levels) {
    const int colorIndex = levels == 3 ? level * 2 : std::clamp(level, 0, 4);
    // Eyes and mouth stay dark on the coloured face in both palettes; the outline follows the palette.
    const ImU32 ink = colors::kFaceOutline;
    draw->AddCircleFilled(c, r, palette.face[colorIndex], 48);
    draw->AddCircle(c, r, palette.faceOutline, 48, std::max(1.5f, r * 0.06f));
    const float eye = r * 0.11f;
    draw->AddCircleFilled(ImVec2(c.x - r * 0.35f, c.y - r * 0.22f), eye, ink, 16);
    draw->AddCircleFilled(ImVec2(c.x + r * 0.35f, c.y - r * 0.22f), eye, ink, 16);
    // Mouth: -1 a deep frown .. +1 a broad smile.
    const float smile =
        levels > 1 ? -1.0f + 2.0f * static_cast<float>(level) / static_cast<float>(levels - 1) : 0;
    const float mouthY = c.y + r * 0.38f - smile * r * 0.08f;
    const float half = r * 0.45f;
    const float bend = smile * r * 0.32f;
    draw->AddBezierCubic(ImVec2(c.x - half, mouthY), ImVec2(c.x - half * 0.4f, mouthY + bend),
                         ImVec2(c.x + half * 0.4f, mouthY + bend), ImVec2(c.x + half, mouthY), ink,
                         std::max(2.0f, r * 0.09f), 24);
}

void DrawDontKnowFace(UiContext& ui, ImDrawList* draw, ImVec2 c, float r) {
    const Palette& p = ui.colors();
    draw->AddCircleFilled(c, r, p.progressTrack, 48);
    draw->AddCircle(c, r, p.muted, 48, std::max(1.5f, r * 0.06f));
    const float size = r * 1.3f;
    // A Latin "?" in every language: it is a symbol here, not a sentence's question mark.
    const TextBlock block = ui.text->Layout("?", Weight::Bold, size, FLT_MAX, Direction::Ltr);
    ui.text->Draw(draw, block, ImVec2(c.x - block.width * 0.5f, c.y - block.Height() * 0.5f), block.width,
                  Align::Centre, false, p.muted);
}

void DrawCheckMark(ImDrawList* draw, ImVec2 c, float s, ImU32 color, float thickness) {
    const ImVec2 points[3] = {ImVec2(c.x - s * 0.45f, c.y + s * 0.02f),
                              ImVec2(c.x - s * 0.12f, c.y + s * 0.35f),
                              ImVec2(c.x + s * 0.48f, c.y - s * 0.35f)};
    draw->AddPolyline(points, 3, color, 0, thickness);
}

void DrawCross(ImDrawList* draw, ImVec2 c, float s, ImU32 color, float thickness) {
    const float h = s * 0.38f;
    draw->AddLine(ImVec2(c.x - h, c.y - h), ImVec2(c.x + h, c.y + h), color, thickness);
    draw->AddLine(ImVec2(c.x - h, c.y + h), ImVec2(c.x + h, c.y - h), color, thickness);
}

} // namespace ik
