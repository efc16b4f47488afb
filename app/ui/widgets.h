// Kiosk widgets drawn with ImDrawList over invisible ImGui buttons: big tiles, buttons, vector
// smiley faces, wrapped centred text. Every target registers itself in the automation dump.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

#include "core/questionnaire.h"
#include "ui/automation_dump.h"
#include "ui/fonts.h"
#include "ui/theme.h"

namespace ik {

// What every screen draws with.
struct UiContext {
    const Metrics& metrics;
    const FontSet& fonts;
    AutomationDump& dump;
    std::string language;         // the visitor's
    std::string fallbackLanguage; // the questionnaire's default, for a missing translation
    double now = 0;
};

// Questionnaire text in the visitor's language, else the questionnaire's default language.
inline const std::string& Text(const UiContext& ui, const LangText& text) {
    return PickText(text, ui.language, ui.fallbackLanguage);
}

enum class ButtonStyle { Primary, Secondary, Quiet };

struct TapState {
    bool clicked = false; // released inside the target it was pressed on
    bool held = false;    // finger down on it now
};

// An invisible target over the rectangle; ImGui's button semantics (press, release inside) make the
// tap. Registers {id, label, role, rect, enabled, selected} in the dump.
TapState TapTarget(UiContext& ui, const std::string& id, const std::string& label, const char* role,
                   ImVec2 pos, ImVec2 size, bool enabled = true, bool selected = false);

struct ButtonOptions {
    float labelSize = 0;   // pixels; 0 = by style and button height
    bool drawLabel = true; // false: the caller draws an icon; the label still goes to the dump
};

// A labelled button. Returns true when tapped.
bool BigButton(UiContext& ui, const std::string& id, const std::string& label, ImVec2 pos, ImVec2 size,
               ButtonStyle style, bool enabled = true, ButtonOptions options = {});

// Lines of `text` wrapped to `width` at `size` pixels.
std::vector<std::string_view> WrapLines(ImFont* font, float size, std::string_view text, float width);
// Height of `text` wrapped to `width`.
float WrappedHeight(ImFont* font, float size, std::string_view text, float width);
// The largest size in [minSize, size] at which `text` wrapped to `width` fits in `maxHeight`.
float FitTextSize(ImFont* font, float size, float minSize, std::string_view text, float width,
                  float maxHeight);
// Draws wrapped text, each line centred in `width` (or left-aligned); returns the height used.
float DrawWrappedText(ImDrawList* draw, ImFont* font, float size, ImVec2 pos, float width,
                      std::string_view text, ImU32 color, bool centred = true);

// A face from very unhappy (level 0) to very happy (level levels-1), with eyes and a curved mouth.
void DrawFace(ImDrawList* draw, ImVec2 centre, float radius, int level, int levels);
// A grey circle with a question mark: "don't know".
void DrawDontKnowFace(UiContext& ui, ImDrawList* draw, ImVec2 centre, float radius);
void DrawCheckMark(ImDrawList* draw, ImVec2 centre, float size, ImU32 color, float thickness);
void DrawCross(ImDrawList* draw, ImVec2 centre, float size, ImU32 color, float thickness);

} // namespace ik
