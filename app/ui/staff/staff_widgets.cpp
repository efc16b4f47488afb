// See staff_widgets.h.
#include "ui/staff/staff_widgets.h"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <vector>

#include <imgui_internal.h> // ClearActiveID: a drag that scrolls must not end as a tap

#include "ui/staff/staff_text.h"

namespace ik {
namespace {

// Text inside a scrolled area goes into the dump only while it is wholly in view, like targets.
void DumpVisible(UiContext& ui, DumpElement element) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 lo = draw->GetClipRectMin(), hi = draw->GetClipRectMax();
    if (element.x >= lo.x - 1 && element.y >= lo.y - 1 && element.x + element.w <= hi.x + 1 &&
        element.y + element.h <= hi.y + 1)
        ui.dump.Add(std::move(element));
}

} // namespace

// [SECTION] Keyboard input

void KeyboardState::BeginFrame() {
    // A field tapped in this frame gets its keyboard from the next one, so no frame shows the keys
    // over the page they will cover.
    shownFocus = focus;
    typed = std::move(pendingTyped);
    erase = pendingErase;
    enter = pendingEnter;
    pendingTyped.clear();
    pendingErase = 0;
    pendingEnter = false;
    ImGuiIO& io = ImGui::GetIO();
    for (ImWchar c : io.InputQueueCharacters)
        if (c >= 0x20 && c != 0x7F) AppendUtf8(typed, c);
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Backspace))) ++erase;
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)) ||
        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter)))
        enter = true;
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) focus.clear();
}

// [SECTION] Flow

void StaffFlow::Heading(const std::string& text, const std::string& id) {
    const Metrics& m = ui.metrics;
    const float size = std::min(m.bodySize * 1.15f, m.titleSize);
    const float height = DrawWrappedText(ui, ImGui::GetWindowDrawList(), ui.fonts.title, size, ImVec2(x, y),
                                         w, text, colors::kText, Align::Start);
    DumpVisible(ui, {id, text, "text", x, y, w, height, true, false});
    y += height + m.gap * 0.5f;
}

void StaffFlow::Text(const std::string& text, const std::string& id, ImU32 color) {
    const float height = DrawWrappedText(ui, ImGui::GetWindowDrawList(), ui.fonts.small, ui.metrics.smallSize,
                                         ImVec2(x, y), w, text, color, Align::Start);
    DumpVisible(ui, {id, text, "text", x, y, w, height, true, false});
    y += height + ui.metrics.gap * 0.5f;
}

void StaffFlow::Stat(const std::string& key, const std::string& label, const std::string& value, bool warn) {
    const Metrics& m = ui.metrics;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float labelWidth = std::min(w * 0.45f, 420 * m.unit);
    const float h1 = DrawWrappedText(ui, draw, ui.fonts.small, m.smallSize, ImVec2(x, y), labelWidth - m.gap,
                                     label, colors::kMuted, Align::Start);
    const float h2 =
        DrawWrappedText(ui, draw, ui.fonts.body, m.smallSize, ImVec2(x + labelWidth, y), w - labelWidth,
                        value, warn ? colors::kWarning : colors::kText, Align::Start);
    DumpVisible(ui, {"stat:" + key + ":caption", label, "text", x, y, labelWidth - m.gap, h1, true, false});
    DumpVisible(ui, {"stat:" + key, value, "text", x + labelWidth, y, w - labelWidth, h2, true, false});
    y += std::max(h1, h2) + m.gap * 0.4f;
}

bool StaffFlow::Button(const std::string& id, const std::string& label, ButtonStyle style, bool enabled,
                       int slot, int count) {
    const bool tapped =
        BigButton(ui, id, label, ImVec2(SlotX(slot, count), y), ImVec2(SlotWidth(count), RowHeight()), style,
                  enabled, {std::min(ui.metrics.bodySize, RowHeight() * 0.45f)});
    if (count == 1) EndRow();
    return tapped;
}

bool StaffFlow::Field(const std::string& id, const std::string& label, std::string& value,
                      const std::string& problem, int slot, int count) {
    const Metrics& m = ui.metrics;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float fx = SlotX(slot, count);
    const float fw = SlotWidth(count);
    float top = y;
    const float captionHeight = DrawWrappedText(ui, draw, ui.fonts.small, m.smallSize * 0.9f, ImVec2(fx, top),
                                                fw, label, colors::kMuted, Align::Start);
    DumpVisible(ui, {id + ":caption", label, "text", fx, top, fw, captionHeight, true, false});
    top += captionHeight;
    const ImVec2 pos(fx, top);
    const ImVec2 size(fw, RowHeight());
    const bool focused = keyboard.focus == id;
    bool changed = false;
    if (focused) {
        for (int i = 0; i < keyboard.erase && !value.empty(); ++i) {
            EraseLastCharacter(value);
            changed = true;
        }
        if (!keyboard.typed.empty() && value.size() < 2000) {
            value += keyboard.typed;
            changed = true;
        }
        if (keyboard.enter) keyboard.Blur();
        keyboard.shownText = value;
        keyboard.shownProblem = problem;
    }
    TapState tap = TapTarget(ui, id, value, "field", pos, size, true, focused);
    if (tap.clicked) keyboard.Focus(id, label);
    draw->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y), colors::kTile, m.rounding * 0.5f);
    draw->AddRect(pos, ImVec2(pos.x + size.x, pos.y + size.y),
                  !problem.empty() ? colors::kWarning
                  : focused        ? colors::kAccent
                                   : colors::kTileBorder,
                  m.rounding * 0.5f, 0, (focused ? 3.0f : 1.5f) * m.unit);
    const float textSize = std::min(m.bodySize, size.y * 0.5f);
    // Long text shows its end, where typing happens: the longest tail that fits, found by halving
    // (each try shapes the tail, so trying every character of a long text would take a frame).
    const float room = size.x - 2 * m.gap;
    std::vector<size_t> starts; // where each character begins
    for (size_t i = 0; i < value.size(); ++i)
        if ((static_cast<unsigned char>(value[i]) & 0xC0) != 0x80) starts.push_back(i);
    size_t lo = 0, hi = starts.size(); // the tail from starts[hi] (or nothing) fits
    if (TextWidth(ui, ui.fonts.body, textSize, value) <= room) hi = 0;
    while (lo + 1 < hi) {
        const size_t mid = lo + (hi - lo) / 2;
        if (TextWidth(ui, ui.fonts.body, textSize, std::string_view(value).substr(starts[mid])) <= room)
            hi = mid;
        else
            lo = mid;
    }
    const char* shown = value.c_str() + (hi < starts.size() ? starts[hi] : value.size());
    ImGui::PushClipRect(pos, ImVec2(pos.x + size.x, pos.y + size.y), true);
    const ImVec2 textPos(pos.x + m.gap, pos.y + (size.y - textSize) * 0.5f);
    DrawTextLine(ui, draw, ui.fonts.body, textSize, textPos, colors::kText, shown);
    if (focused) {
        const float caretX = textPos.x + TextWidth(ui, ui.fonts.body, textSize, shown) + 2;
        draw->AddLine(ImVec2(caretX, textPos.y), ImVec2(caretX, textPos.y + textSize), colors::kAccent,
                      std::max(2.0f, 3 * m.unit));
    }
    ImGui::PopClipRect();
    top += size.y;
    if (!problem.empty()) {
        top += m.gap * 0.25f;
        const float h = DrawWrappedText(ui, draw, ui.fonts.small, m.smallSize * 0.9f, ImVec2(fx, top), fw,
                                        problem, colors::kWarning, Align::Start);
        DumpVisible(ui, {id + ":problem", problem, "text", fx, top, fw, h, true, false});
        top += h;
    }
    if (slot == count - 1) y = top + m.gap;
    return changed;
}

bool StaffFlow::Toggle(const std::string& id, const std::string& label, bool& value, int slot, int count) {
    const Metrics& m = ui.metrics;
    const ImVec2 pos(SlotX(slot, count), y);
    const ImVec2 size(SlotWidth(count), RowHeight());
    TapState tap = TapTarget(ui, id, label, "toggle", pos, size, true, value);
    if (tap.clicked) value = !value;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y),
                        value ? colors::kSelectedFill : colors::kTile, m.rounding * 0.5f);
    draw->AddRect(pos, ImVec2(pos.x + size.x, pos.y + size.y),
                  value ? colors::kSelected : colors::kTileBorder, m.rounding * 0.5f, 0, 2 * m.unit);
    const float box = size.y * 0.5f;
    const ImVec2 b0(pos.x + m.gap, pos.y + (size.y - box) * 0.5f);
    draw->AddRect(b0, ImVec2(b0.x + box, b0.y + box), colors::kText, 4 * m.unit, 0, 2 * m.unit);
    if (value)
        DrawCheckMark(draw, ImVec2(b0.x + box * 0.5f, b0.y + box * 0.5f), box * 0.7f, colors::kAccent,
                      4 * m.unit);
    const float textSize = std::min(m.bodySize, size.y * 0.45f);
    DrawWrappedText(
        ui, draw, ui.fonts.body,
        FitTextSize(ui, ui.fonts.body, textSize, m.smallSize * 0.7f, label, size.x - box - 3 * m.gap, size.y),
        ImVec2(b0.x + box + m.gap, pos.y + (size.y - textSize) * 0.5f), size.x - box - 3 * m.gap, label,
        colors::kText, Align::Start);
    if (slot == count - 1) EndRow();
    return tap.clicked;
}

// [SECTION] Title bar and scrolling content

bool StaffTitleBar(UiContext& ui, const std::string& title, const std::string& backLabel, float& height,
                   const std::string& backId, bool roomForAction) {
    const Metrics& m = ui.metrics;
    height = m.minTarget + m.gap * 2;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(ImVec2(0, 0), ImVec2(m.width, height), colors::kStaffBar);
    const float buttonWidth = backLabel.empty() ? 0 : std::min(m.width * 0.3f, 320 * m.unit);
    // Room for the back button, and the action button (StaffTitleBarAction) beside it when there is one.
    const float titleWidth = m.width - 3 * m.margin - buttonWidth - (roomForAction ? buttonWidth + m.gap : 0);
    const float size = FitTextSize(ui, ui.fonts.title, std::min(m.titleSize * 0.8f, m.minTarget * 0.7f),
                                   m.smallSize, title, titleWidth, m.minTarget);
    const float th = WrappedHeight(ui, ui.fonts.title, size, title, titleWidth);
    draw->PushClipRect(ImVec2(0, 0), ImVec2(m.margin + titleWidth, height),
                       true); // a long title stays in the bar
    DrawWrappedText(ui, draw, ui.fonts.title, size, ImVec2(m.margin, (height - th) * 0.5f), titleWidth, title,
                    colors::kOnAccent, Align::Start);
    ui.dump.Add({"staff_title", title, "text", m.margin, 0, titleWidth, height, true, false});
    draw->PopClipRect();
    if (backLabel.empty()) return false;
    return BigButton(ui, backId, backLabel, ImVec2(m.width - m.margin - buttonWidth, m.gap),
                     ImVec2(buttonWidth, m.minTarget), ButtonStyle::Secondary);
}

bool StaffTitleBarAction(UiContext& ui, const std::string& id, const std::string& label, bool enabled) {
    const Metrics& m = ui.metrics;
    const float buttonWidth = std::min(m.width * 0.3f, 320 * m.unit);
    return BigButton(ui, id, label, ImVec2(m.width - m.margin - 2 * buttonWidth - m.gap, m.gap),
                     ImVec2(buttonWidth, m.minTarget), ButtonStyle::Primary, enabled);
}

StaffFlow BeginStaffContent(UiContext& ui, KeyboardState& keyboard, float top, float bottom) {
    const Metrics& m = ui.metrics;
    ImGui::SetCursorScreenPos(ImVec2(0, top));
    // One scrolling area per screen, so a screen never opens at another screen's scroll position.
    ImGui::BeginChild(("##content_" + ui.dump.Screen()).c_str(),
                      ImVec2(m.width, std::max(1.0f, bottom - top)), false, ImGuiWindowFlags_NoNav);
    if (keyboard.scrollToTop) {
        ImGui::SetScrollY(0);
        keyboard.scrollToTop = false;
    }
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float width = std::min(m.width - 2 * m.margin, 1400 * m.unit);
    StaffFlow flow{ui, keyboard, (m.width - width) * 0.5f, origin.y + m.gap, width};
    return flow;
}

void EndStaffContent(StaffFlow& flow) {
    const ImVec2 origin = ImGui::GetWindowPos();
    // Room for the last row, then the content's height tells ImGui how far it scrolls.
    ImGui::SetCursorScreenPos(ImVec2(origin.x, flow.y));
    ImGui::Dummy(ImVec2(1, flow.ui.metrics.margin));
    const ImGuiIO& io = ImGui::GetIO();
    const float threshold = flow.ui.metrics.minTarget * 0.25f;
    if (ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem) &&
        ImGui::IsMouseDragging(ImGuiMouseButton_Left, threshold) && ImGui::GetScrollMaxY() > 0) {
        ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
        ImGui::ClearActiveID(); // the drag scrolls; it does not press what it started on
    }
    ImGui::EndChild();
}

// [SECTION] On-screen keyboard

namespace {

struct KeyboardLayout {
    float top = 0;
    float keyHeight = 0;
    float previewHeight = 0; // the line that repeats the field's text (not a target: may be small)
};

// Six rows of keys (digits, three letter rows, diacritics, space) under a preview of the field. On a short
// screen the keyboard may take the whole height (the editor then hides everything else until "Done").
KeyboardLayout LayoutKeyboard(const Metrics& m) {
    const float gap = m.gap * 0.5f;
    const float previewHeight = std::max(m.bodySize * 1.4f, m.smallSize * 2);
    const float preview = previewHeight + m.smallSize; // the field's text, and its problem
    // Keys about as tall as they are wide (a portrait screen is narrow: tall keys would look odd and
    // take the page away), never below 12 mm-ish, and fitting the height.
    const float width = std::min(m.width - 2 * gap, 1500 * m.unit);
    const float keyWidth = (width - gap * 10) / 11;
    float keyHeight = std::min(std::max(m.minTarget, std::min(90 * m.unit, m.height * 0.1f)),
                               std::max(keyWidth * 1.1f, m.minTarget * 0.7f));
    constexpr float kRowCount = 6;
    const float fixed = preview + (kRowCount + 1) * gap + m.gap;
    if (fixed + kRowCount * keyHeight > m.height) keyHeight = (m.height - fixed) / kRowCount;
    return {m.height - (fixed + kRowCount * keyHeight), keyHeight, previewHeight};
}

} // namespace

float KeyboardHeight(const UiContext& ui, const KeyboardState& keyboard) {
    if (keyboard.shownFocus.empty() || keyboard.focus != keyboard.shownFocus || !keyboard.onScreen)
        return ui.metrics.height;
    return LayoutKeyboard(ui.metrics).top;
}

void DrawOnScreenKeyboard(UiContext& ui, KeyboardState& keyboard) {
    if (keyboard.shownFocus.empty() || keyboard.focus != keyboard.shownFocus || !keyboard.onScreen) return;
    const Metrics& m = ui.metrics;
    const KeyboardLayout layout = LayoutKeyboard(m);
    const float top = layout.top;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(ImVec2(0, top), ImVec2(m.width, m.height), colors::kKeyboardBack);
    const float gap = m.gap * 0.5f;
    const float keyHeight = layout.keyHeight;
    const float width = std::min(m.width - 2 * gap, 1500 * m.unit);
    const float x0 = (m.width - width) * 0.5f;
    const float keyWidth = (width - gap * 10) / 11;
    float y = top + gap;

    // What is being typed, and into which field: the field itself may be under the keyboard.
    const std::string preview = keyboard.focusLabel + ":  " + keyboard.shownText;
    const float ph = layout.previewHeight;
    ImGui::PushClipRect(ImVec2(x0, y), ImVec2(x0 + width, y + ph), true);
    draw->AddRectFilled(ImVec2(x0, y), ImVec2(x0 + width, y + ph), colors::kTile, m.rounding * 0.5f);
    const float ps = std::min(m.bodySize, ph * 0.7f);
    float textWidth = TextWidth(ui, ui.fonts.body, ps, preview.c_str());
    // Long text shows its end, where the typing happens.
    DrawTextLine(ui, draw, ui.fonts.body, ps,
                 ImVec2(std::min(x0 + m.gap, x0 + width - m.gap - textWidth), y + (ph - ps) * 0.5f),
                 colors::kText, preview.c_str());
    ImGui::PopClipRect();
    ui.dump.Add({"keyboard_label", keyboard.focusLabel, "text", x0, y, width, ph, true, false});
    ui.dump.Add({"keyboard_preview", keyboard.shownText, "text", x0, y, width, ph, true, false});
    y += ph;
    if (!keyboard.shownProblem.empty()) {
        // The first line of what the validator says, in the gap above the keys.
        const std::string line = keyboard.shownProblem.substr(0, keyboard.shownProblem.find('\n'));
        DrawTextLine(ui, draw, ui.fonts.small, m.smallSize, ImVec2(x0 + m.gap, y), colors::kWarning,
                     line.c_str());
        ui.dump.Add({"keyboard_problem", line, "text", x0, y, width, m.smallSize, true, false});
    }
    y += m.smallSize + gap;

    auto key = [&](const std::string& id, const std::string& label, float x, float w, ButtonStyle style) {
        return BigButton(ui, "key:" + id, label, ImVec2(x, y), ImVec2(w, keyHeight), style, true,
                         {std::min(m.bodySize, keyHeight * 0.5f)});
    };
    const KeyPress press =
        DrawKeyRows(ui, ImVec2(x0, y), width, keyHeight, gap, /*digits=*/true, keyboard.shift);
    keyboard.pendingTyped += press.typed;
    if (press.erase) ++keyboard.pendingErase;
    y += static_cast<float>(KeyRowCount(true)) * (keyHeight + gap);
    if (key("space", StaffText("space"), x0 + 2 * (keyWidth + gap), keyWidth * 6 + gap * 5,
            ButtonStyle::Secondary))
        keyboard.pendingTyped += ' ';
    if (key("done", StaffText("Done"), x0 + 8 * (keyWidth + gap), keyWidth * 3 + gap * 2,
            ButtonStyle::Primary))
        keyboard.Blur();
}

// [SECTION] PIN pad

bool PinPad(UiContext& ui, std::string& digits, ImVec2 pos, ImVec2 size, int maxDigits, bool enabled) {
    const Metrics& m = ui.metrics;
    static const char* kKeys[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "back", "0", "ok"};
    const float keyWidth = (size.x - 2 * m.gap) / 3;
    const float keyHeight = (size.y - 3 * m.gap) / 4;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    bool ok = false;
    for (int i = 0; i < 12; ++i) {
        const std::string k = kKeys[i];
        const ImVec2 p(pos.x + static_cast<float>(i % 3) * (keyWidth + m.gap),
                       pos.y + static_cast<float>(i / 3) * (keyHeight + m.gap));
        const ImVec2 s(keyWidth, keyHeight);
        const float labelSize = std::min(m.titleSize, keyHeight * 0.5f);
        if (k == "back") {
            if (BigButton(ui, "key:back", StaffText("Erase"), p, s, ButtonStyle::Secondary,
                          enabled && !digits.empty(), {labelSize, false}))
                digits.pop_back();
            DrawEraseArrow(draw, p, s, m.unit);
        } else if (k == "ok") {
            if (BigButton(ui, "key:ok", StaffText("OK"), p, s, ButtonStyle::Primary,
                          enabled && !digits.empty(), {labelSize}))
                ok = true;
        } else if (BigButton(ui, "key:" + k, k, p, s, ButtonStyle::Secondary, enabled, {labelSize})) {
            if (static_cast<int>(digits.size()) < maxDigits) digits += k;
        }
    }
    return ok;
}

FormPage::FormPage(UiContext& ui, KeyboardState& keyboard, const std::string& title,
                   const std::string& actionId, const std::string& actionLabel)
    : m_ui(ui), m_keyboard(keyboard), m_offscreen(ui.WithDump(m_hidden)) {
    m_keyboardTop = KeyboardHeight(ui, keyboard);
    m_keyboardOnly = m_keyboardTop < ui.metrics.height * 0.3f;
    if (m_keyboardOnly) return;
    m_back = StaffTitleBar(ui, title, StaffText("Back"), m_barHeight, "back", true);
    if (!m_back) m_action = StaffTitleBarAction(ui, actionId, actionLabel);
}

StaffFlow& FormPage::Begin() {
    if (m_keyboardOnly) ImGui::PushClipRect(ImVec2(0, 0), ImVec2(0, 0), false);
    m_flow.emplace(BeginStaffContent(m_keyboardOnly ? m_offscreen : m_ui, m_keyboard,
                                     m_keyboardOnly ? 0 : m_barHeight, m_keyboardTop));
    return *m_flow;
}

void FormPage::End() {
    EndStaffContent(*m_flow);
    if (m_keyboardOnly) ImGui::PopClipRect();
    DrawOnScreenKeyboard(m_ui, m_keyboard);
}

} // namespace ik
