// The on-screen keyboard's keys, shared by staff fields and the visitor's free-text question: an
// optional digit row, three QWERTY rows (Dutch uses QWERTY) with Shift and Erase, and a row of the
// diacritics Dutch needs (é, ë, ï, ...). Key ids are key:<char>, key:shift, key:back.
#pragma once

#include <string>

#include "ui/widgets.h"

namespace ik {

struct KeyPress {
    std::string typed; // UTF-8 of the key tapped this frame, if any
    bool erase = false;
};

// Rows of keys drawn from `pos` down, 11 keys across `width`. `shift` shows capitals and is cleared
// by the next character.
int KeyRowCount(bool digits);
KeyPress DrawKeyRows(UiContext& ui, ImVec2 pos, float width, float keyHeight, float gap, bool digits,
                     bool& shift);

// The "erase" arrow drawn on keypads (Noto Sans has no arrow glyphs).
void DrawEraseArrow(ImDrawList* draw, ImVec2 pos, ImVec2 size, float unit, ImU32 color = colors::kAccent);

// UTF-8 helpers for what the keys type.
void AppendUtf8(std::string& out, unsigned int codepoint);
void EraseLastCharacter(std::string& text);

} // namespace ik
