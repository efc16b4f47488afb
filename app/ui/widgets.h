// Kiosk widgets drawn with ImDrawList over invisible ImGui buttons: big tiles, buttons, vector
// smiley faces, and text (through the TextRenderer: shaped, right to left where the language is).
// Every target registers itself in the automation dump.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

#include "core/questionnaire.h"
#include "ui/automation_dump.h"
#include "ui/fonts.h"
#include "ui/text_renderer.h"
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
    TextRenderer* text = nullptr;
    const Palette* palette = &StandardPalette();
    // The screen reads right to left (the visitor chose Arabic or Farsi): text starts at the right,
    // and the screens mirror their layout (MirrorX).
    bool rtl = false;
    // How paragraphs of text on this screen are set: the visitor's language decides on visitor
    // screens; Auto (each text by its first letter) on staff screens.
    Direction direction = Direction::Auto;

    const Palette& colors() const { return *palette; }
    // The same context drawing into another dump (a page laid out but not shown).
    UiContext WithDump(AutomationDump& other) const {
        UiContext copy{metrics, fonts, other, language, fallbackLanguage, now};
        copy.text = text;
        copy.palette = palette;
        copy.rtl = rtl;
        copy.direction = direction;
        return copy;
    }
    // x of a box of width `w` placed at `x` on a left-to-right screen, on this screen.
    float MirrorX(float x, float w) const { return rtl ? metrics.width - x - w : x; }
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

// [SECTION] Text, through ui.text. `weight`: Regular (body, small) or Bold (titles, labels).

// Width of `text` on one line, pixels.
float TextWidth(UiContext& ui, Weight weight, float size, std::string_view text);
// Height of `text` wrapped to `width`.
float WrappedHeight(UiContext& ui, Weight weight, float size, std::string_view text, float width);
// The largest size in [minSize, size] at which `text` wrapped to `width` fits in `maxHeight` with
// no word wider than the line.
float FitTextSize(UiContext& ui, Weight weight, float size, float minSize, std::string_view text, float width,
                  float maxHeight);
// Draws `text` wrapped to `width`, each line aligned in it; returns the height used.
float DrawWrappedText(UiContext& ui, ImDrawList* draw, Weight weight, float size, ImVec2 pos, float width,
                      std::string_view text, ImU32 color, Align align = Align::Centre);
// One line of `text` with its start at `pos` (its left edge; on a right-to-left screen pos is still
// the left edge: callers place right-aligned text with DrawWrappedText and Align::End).
void DrawTextLine(UiContext& ui, ImDrawList* draw, Weight weight, float size, ImVec2 pos, ImU32 color,
                  std::string_view text);

// A face from very unhappy (level 0) to very happy (level levels-1), with eyes and a curved mouth.
void DrawFace(ImDrawList* draw, ImVec2 centre, float radius, int level, int levels);
// A grey circle with a question mark: "don't know".
void DrawDontKnowFace(UiContext& ui, ImDrawList* draw, ImVec2 centre, float radius);
// Faces in `palette`'s colours.
void DrawFace(ImDrawList* draw, const Palette& palette, ImVec2 centre, float radius, int level, int levels);
void DrawCheckMark(ImDrawList* draw, ImVec2 centre, float size, ImU32 color, float thickness);
void DrawCross(ImDrawList* draw, ImVec2 centre, float size, ImU32 color, float thickness);

} // namespace ik
