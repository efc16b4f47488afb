// The PIN pad (staff_pin, staff_set_pin) and the lock screen (staff_locked): getting into staff
// mode, choosing the first PIN, and the lockout after five wrong ones. The Argon2id work runs on a
// worker thread; the pad shows "Checking..." and takes no keys until it is done.
#include "ui/staff/staff_mode.h"

#include <algorithm>
#include <cstdio>

#include "ui/staff/staff_text.h"

namespace ik {

bool StaffMode::PinWorkDone() const {
    const auto ready = [](const auto& future) {
        return future.valid() && future.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
    };
    return m_pinWork && (ready(m_pinWork->matched) || ready(m_pinWork->hashed));
}

void StaffMode::StartPinCheck(const std::string& pin, double now) {
    const WallClock::time_point wall = m_services.wallNow();
    Result<PinCheckStart> start = m_access.BeginCheck(wall);
    if (!start) {
        m_pinMessage = Error("The PIN could not be checked: {0}", start.error());
        return;
    }
    if (!start->decided) {
        // The worker gets copies only: it never touches the database or this object.
        PinWork work;
        work.storedHash = start->hash;
        work.matched =
            std::async(std::launch::async, [hash = start->hash, pin, hold = m_services.beforePinHash] {
                if (hold) hold();
                return PinMatchesHash(hash, pin);
            });
        m_pinWork = std::move(work);
        return;
    }
    switch (start->decided->outcome) {
    case PinCheck::Outcome::NoPin:
        Show(StaffScreen::SetPin, now);
        break;
    case PinCheck::Outcome::Locked:
        m_lockedUntil = start->decided->lockedUntil;
        Show(StaffScreen::Locked, now);
        break;
    case PinCheck::Outcome::Accepted:
    case PinCheck::Outcome::Wrong:
        break; // only FinishCheck answers these
    }
}

void StaffMode::FinishPinWork(double now) {
    PinWork work = std::move(*m_pinWork);
    m_pinWork.reset();
    const WallClock::time_point wall = m_services.wallNow();
    if (work.hashed.valid()) {
        Result<std::string> hash = work.hashed.get();
        Status stored = hash ? m_access.StorePinHash(*hash, wall) : Status(ik::Error{hash.error()});
        if (!stored) {
            m_firstPin.clear();
            m_pinMessage = Error("The PIN could not be saved: {0}", stored.error());
        } else if (m_changingPin) {
            m_changingPin = false;
            m_notice = StaffText("The staff PIN was changed.");
            Show(StaffScreen::Settings, now);
        } else {
            Audit("signed in");
            Show(StaffScreen::Home, now);
        }
        return;
    }
    Result<PinCheck> check = m_access.FinishCheck(work.storedHash, work.matched.get(), wall);
    if (!check) {
        m_pinMessage = Error("The PIN could not be checked: {0}", check.error());
        return;
    }
    switch (check->outcome) {
    case PinCheck::Outcome::Accepted:
        Show(StaffScreen::Home, now);
        break;
    case PinCheck::Outcome::NoPin:
        Show(StaffScreen::SetPin, now);
        break;
    case PinCheck::Outcome::Wrong:
        m_pinMessage = StaffText("Wrong PIN. {0} left before staff mode locks.",
                                 StaffCount(check->attemptsLeft, "{0} try", "{0} tries"));
        break;
    case PinCheck::Outcome::Locked:
        m_lockedUntil = check->lockedUntil;
        Show(StaffScreen::Locked, now);
        break;
    }
}

StaffRequest StaffMode::DrawPin(UiContext& ui, double now) {
    StaffRequest request;
    const Metrics& m = ui.metrics;
    const bool choosing = m_screen == StaffScreen::SetPin;
    const bool working = CheckingPin();
    float barHeight = 0;
    // Cancel waits for the check too (a blink): leaving would drop an answer nobody saw.
    if (StaffTitleBar(ui, choosing ? StaffText("Choose a staff PIN") : StaffText("Staff"),
                      StaffText("Cancel"), barHeight, "cancel") &&
        !working) {
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
    const std::string prompt = !choosing ? StaffText("Enter the staff PIN")
                               : m_firstPin.empty()
                                   ? StaffText("No staff PIN is set on this kiosk yet. Choose one ({0} "
                                               "to {1} digits).",
                                               kMinPinLength, kMaxPinLength)
                                   : StaffText("Type the same PIN again");
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
    y += DrawWrappedText(ui, draw, ui.fonts.body, m.bodySize, ImVec2(textX, y), textW, prompt, colors::kText,
                         Align::Start);
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
    // The pad before the message line, so the frame of the OK tap already says what OK started.
    if (PinPad(ui, m_pin, padPos, ImVec2(padWidth, padHeight), kMaxPinLength, !working)) {
        const std::string pin = std::move(m_pin);
        m_pin.clear();
        TakePin(pin, now);
        if (m_screen != StaffScreen::Pin && m_screen != StaffScreen::SetPin) return request;
    }
    if (CheckingPin()) {
        const char* checking = choosing ? StaffText("Saving…") : StaffText("Checking…");
        const float h = DrawWrappedText(ui, draw, ui.fonts.body, m.smallSize, ImVec2(textX, y), textW,
                                        checking, colors::kAccent, Align::Start);
        ui.dump.Add({"pin_checking", checking, "text", textX, y, textW, h, true, false});
    } else if (!m_pinMessage.empty()) {
        const float h = DrawWrappedText(ui, draw, ui.fonts.body, m.smallSize, ImVec2(textX, y), textW,
                                        m_pinMessage, colors::kWarning, Align::Start);
        ui.dump.Add({"pin_message", m_pinMessage, "text", textX, y, textW, h, true, false});
    }
    return request;
}

void StaffMode::TakePin(const std::string& pin, double now) {
    m_pinMessage.clear();
    if (m_screen == StaffScreen::Pin) {
        StartPinCheck(pin, now);
    } else if (m_firstPin.empty()) {
        if (std::string problem = PinProblem(pin); !problem.empty())
            m_pinMessage = StaffText("Not accepted: {0}.", StaffMessage(problem));
        else
            m_firstPin = pin;
    } else if (pin != m_firstPin) {
        m_firstPin.clear();
        m_pinMessage = StaffText("The two PINs were different. Choose one again.");
    } else {
        PinWork work;
        work.hashed = std::async(std::launch::async, [pin, hold = m_services.beforePinHash] {
            if (hold) hold();
            return HashPin(pin);
        });
        m_pinWork = std::move(work);
    }
}

StaffRequest StaffMode::DrawLocked(UiContext& ui, double) {
    StaffRequest request;
    const Metrics& m = ui.metrics;
    float barHeight = 0;
    if (StaffTitleBar(ui, StaffText("Staff mode is locked"), StaffText("Back"), barHeight)) {
        Close("left the lock screen");
        request.kind = StaffRequest::Kind::Leave;
        return request;
    }
    long seconds = 0;
    if (m_lockedUntil)
        seconds = std::max<long>(0, static_cast<long>(std::chrono::duration_cast<std::chrono::seconds>(
                                                          *m_lockedUntil - m_services.wallNow())
                                                          .count()));
    char clock[32];
    std::snprintf(clock, sizeof clock, "%ld:%02ld", seconds / 60, seconds % 60);
    const std::string text =
        StaffText("Too many wrong PINs. Staff mode opens again in {0}.\n\nForgot the PIN? "
                  "Someone with access to the kiosk's computer can set a new one with: {1}",
                  clock, "impactkiosk staff-pin set");
    const float y = barHeight + m.margin;
    const float h =
        DrawWrappedText(ui, ImGui::GetWindowDrawList(), ui.fonts.body, m.bodySize, ImVec2(m.margin, y),
                        m.width - 2 * m.margin, text, colors::kText, Align::Start);
    ui.dump.Add({"locked_text", text, "text", m.margin, y, m.width - 2 * m.margin, h, true, false});
    return request;
}

} // namespace ik
