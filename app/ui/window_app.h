// What the platform window runs: the kiosk (KioskApp) or the desk editor (DeskEditorApp). The window
// owns GLFW and GL; the app draws one ImGui frame at a time and says when it next needs to wake.
#pragma once

#include <imgui.h>

#include "core/result.h"
#include "ui/automation_dump.h"
#include "ui/input_gate.h"

namespace ik {

class WindowApp {
public:
    virtual ~WindowApp() = default;
    // Sizes for a window of this size; true when ImGui's font atlas was built (the first time) and
    // must be uploaded.
    virtual Result<bool> PrepareFonts(ImFontAtlas& atlas, float width, float height, float dpiScale,
                                      float pixelsPerMm) = 0;
    // One frame: between ImGui::NewFrame() and ImGui::Render().
    virtual void Frame(double now) = 0;
    // Timers; true when the screen must be redrawn.
    virtual bool Tick(double now) = 0;
    virtual void NoteInput(double now) = 0;
    // When Tick should run next (absolute, same clock as `now`).
    virtual double NextWakeTime(double now) const = 0;
    // The app is done (the desk editor's "Close"); the kiosk never is.
    virtual bool WantsToClose() const { return false; }
    virtual InputGate& Gate() = 0;
    virtual AutomationDump& Dump() = 0;
    // The colour behind everything (the visitor's high-contrast theme changes it).
    virtual ImU32 Background() const = 0;
};

} // namespace ik
