// The PIN pad (staff_pin, staff_set_pin) and the lock screen (staff_locked): getting into staff
// mode, choosing the first PIN, and the lockout after five wrong ones.
#include "ui/staff/staff_mode.h"

#include <algorithm>
#include <cstdio>

namespace ik {

StaffRequest StaffMode::DrawPin(UiContext& ui, double now) {
    StaffRequest request;
    const Metrics& m = ui.metrics;
    const bool choosing = m_screen == StaffScreen::SetPin;
    float barHeight = 0;
    if (StaffTitleBar(ui, choosing ? "Choose a staff PIN" : "Staff", "Cancel", barHeight, "cancel")) {
        if (m_changingPin) {
            m_changingPin = false;
            Show(StaffScreen::Settings, now);
            return request;
        }
        Close("cancelled");
        request.kind = StaffRequest::Kind::Leave;
        return request;
    }
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float top = barHeight + m.gap;
    const float available = m.height - top - m.margin;
    // Prompt and dots take a third (at most); the pad the rest.
    const std::string prompt = !choosing ? "Enter the staff PIN"
                               : m_firstPin.empty()
                                   ? "No staff PIN is set on this kiosk yet. Choose one (4 to 8 digits)."
                                   : "Type the same PIN again";
    const float side = m.portrait ? m.width - 2 * m.margin : std::min(m.width * 0.45f, available * 1.2f);
    const float padHeight = m.portrait ? std::min(available * 0.62f, side * 1.1f) : available;
    const float padWidth = m.portrait ? side : std::min(side, padHeight * 1.1f);
    float textX = m.margin, textW = m.width - 2 * m.margin, y = top;
    ImVec2 padPos((m.width - padWidth) * 0.5f, m.height - m.margin - padHeight);
    if (!m.portrait) {
        textW = m.width - 3 * m.margin - padWidth;
        padPos = ImVec2(m.width - m.margin - padWidth, top);
        y = top + m.gap;
    }
    y += DrawWrappedText(draw, ui.fonts.body, m.bodySize, ImVec2(textX, y), textW, prompt, colors::kText,
                         false);
    ui.dump.Add({"pin_prompt", prompt, "text", textX, top, textW, y - top, true, false});
    y += m.gap;
    // One dot per digit: the PIN itself is never on screen.
    const float dot = std::min(m.bodySize * 0.45f, 18 * m.unit);
    for (size_t i = 0; i < m_pin.size(); ++i)
        draw->AddCircleFilled(ImVec2(textX + dot + static_cast<float>(i) * dot * 3, y + dot), dot,
                              colors::kText, 24);
    ui.dump.Add(
        {"pin_display", std::string(m_pin.size(), '*'), "text", textX, y, textW, dot * 2, true, false});
    y += dot * 2 + m.gap;
    if (!m_pinMessage.empty()) {
        const float h = DrawWrappedText(draw, ui.fonts.body, m.smallSize, ImVec2(textX, y), textW,
                                        m_pinMessage, colors::kWarning, false);
        ui.dump.Add({"pin_message", m_pinMessage, "text", textX, y, textW, h, true, false});
    }

    if (!PinPad(ui, m_pin, padPos, ImVec2(padWidth, padHeight), kMaxPinLength)) return request;
    const std::string pin = std::move(m_pin);
    m_pin.clear();
    const WallClock::time_point wall = m_services.wallNow();
    if (choosing) {
        if (m_firstPin.empty()) {
            if (std::string problem = PinProblem(pin); !problem.empty()) {
                m_pinMessage = "Not accepted: " + problem + ".";
            } else {
                m_firstPin = pin;
                m_pinMessage.clear();
            }
        } else if (pin != m_firstPin) {
            m_firstPin.clear();
            m_pinMessage = "The two PINs were different. Choose one again.";
        } else if (Status set = m_access.SetPin(pin, wall); !set) {
            m_firstPin.clear();
            m_pinMessage = Error("The PIN could not be saved: " + set.error());
        } else if (m_changingPin) {
            m_changingPin = false;
            m_notice = "The staff PIN was changed.";
            Show(StaffScreen::Settings, now);
        } else {
            Audit("signed in");
            Show(StaffScreen::Home, now);
        }
        return request;
    }
    Result<PinCheck> check = m_access.Check(pin, wall);
    if (!check) {
        m_pinMessage = Error("The PIN could not be checked: " + check.error());
        return request;
    }
    switch (check->outcome) {
    case PinCheck::Outcome::Accepted:
        Show(StaffScreen::Home, now);
        break;
    case PinCheck::Outcome::NoPin:
        Show(StaffScreen::SetPin, now);
        break;
    case PinCheck::Outcome::Wrong:
        m_pinMessage =
            "Wrong PIN. " + Plural(check->attemptsLeft, "try", "tries") + " left before staff mode locks.";
        break;
    case PinCheck::Outcome::Locked:
        m_lockedUntil = check->lockedUntil;
        Show(StaffScreen::Locked, now);
        break;
    }
    return request;
}

StaffRequest StaffMode::DrawLocked(UiContext& ui, double) {
    StaffRequest request;
    const Metrics& m = ui.metrics;
    float barHeight = 0;
    if (StaffTitleBar(ui, "Staff mode is locked", "Back", barHeight)) {
        Close("left the lock screen");
        request.kind = StaffRequest::Kind::Leave;
        return request;
    }
    long seconds = 0;
    if (m_lockedUntil)
        seconds = std::max<long>(0, static_cast<long>(std::chrono::duration_cast<std::chrono::seconds>(
                                                          *m_lockedUntil - m_services.wallNow())
                                                          .count()));
    char text[200];
    std::snprintf(text, sizeof text,
                  "Too many wrong PINs. Staff mode opens again in %ld:%02ld.\n\nForgot the PIN? Someone with "
                  "access to the kiosk's computer can set a new one with: impactkiosk staff-pin set",
                  seconds / 60, seconds % 60);
    const float y = barHeight + m.margin;
    const float h = DrawWrappedText(ImGui::GetWindowDrawList(), ui.fonts.body, m.bodySize,
                                    ImVec2(m.margin, y), m.width - 2 * m.margin, text, colors::kText, false);
    ui.dump.Add({"locked_text", text, "text", m.margin, y, m.width - 2 * m.margin, h, true, false});
    return request;
}

} // namespace ik
