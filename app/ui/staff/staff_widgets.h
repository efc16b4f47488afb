// What the staff screens are built from: a title bar, a scrolling content area that follows a
// finger (and the mouse wheel), rows of text and buttons laid out top to bottom, text fields that
// take both a desk keyboard and the on-screen keyboard, and the PIN pad.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ui/keyboard.h"
#include "ui/widgets.h"

namespace ik {

// The field the keyboard types into, and what was typed this frame (from the desk keyboard and the
// on-screen keys). A field applies the input only while it has the focus.
struct KeyboardState {
    std::string focus;      // id of the focused text field; empty: none
    std::string shownFocus; // the focus when this frame began: what the keyboard is drawn for
    // A new screen starts at the top (all staff screens share one scrolling area). This state goes
    // wherever the keyboard goes, so it lives here.
    bool scrollToTop = false;
    std::string focusLabel; // what that field is, shown above the on-screen keyboard
    std::string typed;      // UTF-8 typed this frame
    int erase = 0;          // backspaces this frame
    bool enter = false;     // Enter / "done" this frame
    bool onScreen = true;   // draw the on-screen keyboard (kiosk); a desk PC types on its own
    bool shift = false;
    std::string shownText;    // the focused field's value, repeated above the on-screen keyboard
    std::string shownProblem; // and what the validator says about it
    // On-screen keys tapped in the last frame; typed into the field in the next one.
    std::string pendingTyped;
    int pendingErase = 0;
    bool pendingEnter = false;

    // At the start of a frame: this frame's input is the on-screen keys from the last frame plus the
    // desk keyboard's characters, Backspace and Enter.
    void BeginFrame();
    void Focus(std::string id, std::string label) {
        focus = std::move(id);
        focusLabel = std::move(label);
    }
    void Blur() { focus.clear(); }
};

// A top-to-bottom layout on a staff screen. All positions are screen pixels; `y` moves down as rows
// are added. Inside BeginStaffContent/EndStaffContent it follows the scroll position.
struct StaffFlow {
    UiContext& ui;
    KeyboardState& keyboard;
    float x = 0, y = 0, w = 0;

    float RowHeight() const { return ui.metrics.minTarget; }
    // Where slot `slot` of `count` side by side starts, and how wide each is.
    float SlotX(int slot, int count) const {
        return x + static_cast<float>(slot) * (SlotWidth(count) + ui.metrics.gap);
    }
    float SlotWidth(int count) const {
        return (w - ui.metrics.gap * static_cast<float>(count - 1)) / static_cast<float>(count);
    }
    // A heading in the title font; `id` in the dump.
    void Heading(const std::string& text, const std::string& id);
    // Muted or normal wrapped text; `id` in the dump (every text staff read is there, for tests and
    // the check that no English is left on a Dutch screen).
    void Text(const std::string& text, const std::string& id, ImU32 color = colors::kText);
    // "label: value": the value as a text element with id "stat:<key>", the label as
    // "stat:<key>:caption".
    void Stat(const std::string& key, const std::string& label, const std::string& value, bool warn = false);
    // A full-width button (or one of `count` side by side when `slot` < count).
    bool Button(const std::string& id, const std::string& label, ButtonStyle style = ButtonStyle::Secondary,
                bool enabled = true, int slot = 0, int count = 1);
    // Ends a row of side-by-side buttons.
    void EndRow() { y += RowHeight() + ui.metrics.gap; }
    // A labelled single-line text field (its value in the dump as `id`, its label as `id:caption`);
    // returns true when the value changed this frame.
    bool Field(const std::string& id, const std::string& label, std::string& value,
               const std::string& problem = {}, int slot = 0, int count = 1);
    // A toggle button that shows its state.
    bool Toggle(const std::string& id, const std::string& label, bool& value, int slot = 0, int count = 1);
    void Space(float factor = 1.0f) { y += ui.metrics.gap * factor; }
};

// The bar at the top: a title, and a button on the right (id `back` unless given). Returns true
// when that button was tapped. `height` gets the bar's height.
bool StaffTitleBar(UiContext& ui, const std::string& title, const std::string& backLabel, float& height,
                   const std::string& backId = "back", bool roomForAction = false);

// A primary button in the title bar, left of its back button (the screen's main action, e.g. Save,
// always in reach however far the page is scrolled). Returns true when tapped.
bool StaffTitleBarAction(UiContext& ui, const std::string& id, const std::string& label, bool enabled = true);

// A scrolling area from `top` to `bottom`; returns the flow to lay out into.
StaffFlow BeginStaffContent(UiContext& ui, KeyboardState& keyboard, float top, float bottom);
// Ends it: drag with a finger to scroll (a drag never taps the button it started on).
void EndStaffContent(StaffFlow& flow);

// A staff page with text fields (settings, schedule, results): the title bar with Back and one
// action, the scrolling content, and the on-screen keyboard. On a short screen the keyboard takes
// all of it: the page is then still laid out, clipped away into a dump nobody reads, so the focused
// field keeps getting what is typed.
class FormPage {
public:
    FormPage(UiContext& ui, KeyboardState& keyboard, const std::string& title, const std::string& actionId,
             const std::string& actionLabel);
    FormPage(const FormPage&) = delete;
    FormPage& operator=(const FormPage&) = delete;

    bool Back() const { return m_back; }     // Back was tapped: draw nothing more
    bool Action() const { return m_action; } // the title bar's action was tapped
    StaffFlow& Begin();                      // the content, until End()
    void End();

private:
    UiContext& m_ui;
    KeyboardState& m_keyboard;
    AutomationDump m_hidden;
    UiContext m_offscreen;
    float m_keyboardTop = 0;
    bool m_keyboardOnly = false;
    float m_barHeight = 0;
    bool m_back = false;
    bool m_action = false;
    std::optional<StaffFlow> m_flow;
};

// The on-screen keyboard along the bottom of the screen, when a field has the focus and the
// keyboard is on screen; returns its top edge (the screen height when there is none). Keys have
// ids key:<char>, key:space, key:back, key:shift, key:done; the field's name is keyboard_label, its
// text keyboard_preview.
float KeyboardHeight(const UiContext& ui, const KeyboardState& keyboard);
void DrawOnScreenKeyboard(UiContext& ui, KeyboardState& keyboard);

// The PIN pad: key:0..key:9, key:back, key:ok. `digits` is what was typed; returns true on OK.
// Not `enabled`: every key is drawn disabled and takes no taps.
bool PinPad(UiContext& ui, std::string& digits, ImVec2 pos, ImVec2 size, int maxDigits, bool enabled = true);

} // namespace ik
