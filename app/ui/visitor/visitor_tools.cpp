// The visitor's own buttons, on the attract screen and every question: read aloud (a speaker), smaller
// and larger text (a small and a large "A"), high contrast (a half-filled circle). Icons, because the
// people who need them may not read; each has its word in the dump and is read aloud like the rest.
#include <algorithm>
#include <cmath>

#include "core/ui_strings.h"
#include "ui/visitor/visitor_screens.h"

namespace ik {
namespace {

using Kind = VisitorAction::Kind;
constexpr float kPi = 3.14159265f; // kPi lives in imgui_internal.h

struct ToolLook {
    ImU32 fill, icon, outline;
};

// A square tool button: outlined like a secondary button; filled with the accent while it is on.
ToolLook DrawToolFrame(UiContext& ui, const TapState& tap, ImVec2 pos, float side, bool on, bool enabled) {
    const Palette& c = ui.colors();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 max(pos.x + side, pos.y + side);
    ToolLook look{on ? c.accent : c.tile,
                  on        ? c.onAccent
                  : enabled ? c.accent
                            : c.muted,
                  on        ? c.accent
                  : enabled ? c.accent
                            : c.tileBorder};
    if (tap.held) look.fill = on ? c.accentPressed : c.tilePressed;
    draw->AddRectFilled(pos, max, look.fill, ui.metrics.rounding);
    draw->AddRect(pos, max, look.outline, ui.metrics.rounding, 0, 3 * ui.metrics.unit);
    return look;
}

void DrawSpeaker(ImDrawList* draw, ImVec2 c, float s, ImU32 color, bool rtl) {
    // The cone faces the waves; on a right-to-left screen the speaker faces left.
    const float dir = rtl ? -1.0f : 1.0f;
    const float bx = c.x - dir * s * 0.30f;
    const ImVec2 box0(std::min(bx - dir * s * 0.14f, bx), c.y - s * 0.12f);
    const ImVec2 box1(std::max(bx - dir * s * 0.14f, bx), c.y + s * 0.12f);
    draw->AddRectFilled(box0, box1, color);
    const ImVec2 cone[4] = {ImVec2(bx, c.y - s * 0.12f), ImVec2(bx + dir * s * 0.22f, c.y - s * 0.30f),
                            ImVec2(bx + dir * s * 0.22f, c.y + s * 0.30f), ImVec2(bx, c.y + s * 0.12f)};
    draw->AddConvexPolyFilled(cone, 4, color);
    const float thick = std::max(2.0f, s * 0.06f);
    const float a0 = rtl ? kPi - 0.8f : -0.8f, a1 = rtl ? kPi + 0.8f : 0.8f;
    for (float r : {s * 0.18f, s * 0.32f}) {
        draw->PathArcTo(ImVec2(bx + dir * s * 0.22f, c.y), r, a0, a1, 16);
        draw->PathStroke(color, 0, thick);
    }
}

void DrawLetterA(UiContext& ui, ImDrawList* draw, ImVec2 c, float side, bool larger, ImU32 color) {
    // "A-" and "A+": a Latin letter and a sign, a symbol in every language.
    const float size = side * (larger ? 0.62f : 0.42f);
    const TextBlock a = ui.text->Layout("A", Weight::Bold, size, FLT_MAX, Direction::Ltr);
    const float signSize = side * 0.16f;
    const float total = a.width + signSize * 1.4f;
    const float x = c.x - total * 0.5f;
    ui.text->Draw(draw, a, ImVec2(x, c.y - a.Height() * 0.5f), a.width, Align::Centre, false, color);
    const ImVec2 sign(x + a.width + signSize * 0.9f, c.y - a.Height() * 0.18f);
    const float thick = std::max(2.0f, side * 0.05f);
    draw->AddLine(ImVec2(sign.x - signSize * 0.5f, sign.y), ImVec2(sign.x + signSize * 0.5f, sign.y), color,
                  thick);
    if (larger)
        draw->AddLine(ImVec2(sign.x, sign.y - signSize * 0.5f), ImVec2(sign.x, sign.y + signSize * 0.5f),
                      color, thick);
}

void DrawContrast(ImDrawList* draw, ImVec2 c, float s, ImU32 color) {
    const float r = s * 0.30f;
    draw->AddCircle(c, r, color, 32, std::max(2.0f, s * 0.06f));
    draw->PathArcTo(c, r, -kPi * 0.5f, kPi * 0.5f, 24);
    draw->PathFillConvex(color);
}

} // namespace

float VisitorToolsWidth(const UiContext& ui, const VisitorSettings& s, float side, bool sizeAndContrast) {
    const int count = (s.canSpeak ? 1 : 0) + (sizeAndContrast ? 3 : 0);
    return count == 0 ? 0 : side * static_cast<float>(count) + ui.metrics.gap * static_cast<float>(count - 1);
}

VisitorAction DrawVisitorTools(UiContext& ui, const VisitorSettings& s, ImVec2 pos, ImVec2 size,
                               bool sizeAndContrast) {
    VisitorAction action;
    const float side = size.y;
    const float width = VisitorToolsWidth(ui, s, side, sizeAndContrast);
    float x = pos.x + size.x - width; // right-aligned on a left-to-right screen
    ImDrawList* draw = ImGui::GetWindowDrawList();
    auto next = [&](const char* id, UiText word, const char* role, bool on, bool enabled) {
        const ImVec2 at(ui.MirrorX(x, side), pos.y);
        x += side + ui.metrics.gap;
        const TapState tap =
            TapTarget(ui, id, Tr(word, ui.language), role, at, ImVec2(side, side), enabled, on);
        const ToolLook look = DrawToolFrame(ui, tap, at, side, on, enabled);
        return std::make_pair(tap, std::make_pair(ImVec2(at.x + side * 0.5f, at.y + side * 0.5f), look.icon));
    };
    // No speaker where this screen cannot be read in this language (no voice, no recordings).
    if (s.canSpeak) {
        auto [speak, speakIcon] = next("speak", UiText::ReadAloud, "toggle", s.speech, true);
        DrawSpeaker(draw, speakIcon.first, side, speakIcon.second, ui.rtl);
        if (speak.clicked) action.kind = Kind::ToggleSpeech;
    }
    if (!sizeAndContrast) return action;
    auto [smaller, smallerIcon] = next("text_smaller", UiText::TextSmaller, "button", false, s.textStep > 0);
    DrawLetterA(ui, draw, smallerIcon.first, side, false, smallerIcon.second);
    if (smaller.clicked) action.kind = Kind::TextSmaller;
    auto [larger, largerIcon] =
        next("text_larger", UiText::TextLarger, "button", false, s.textStep < kTextScaleSteps - 1);
    DrawLetterA(ui, draw, largerIcon.first, side, true, largerIcon.second);
    if (larger.clicked) action.kind = Kind::TextLarger;
    auto [contrast, contrastIcon] = next("contrast", UiText::HighContrast, "toggle", s.highContrast, true);
    DrawContrast(draw, contrastIcon.first, side, contrastIcon.second);
    if (contrast.clicked) action.kind = Kind::ToggleContrast;
    return action;
}

} // namespace ik
