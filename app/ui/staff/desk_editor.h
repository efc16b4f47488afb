// `impactkiosk edit FILE`: the questionnaire editor in a window on a desk PC, driven by mouse and
// keyboard, writing the JSON file. Same editor, same validator as at the kiosk.
#pragma once

#include <filesystem>
#include <string>

#include "core/config.h"
#include "ui/fonts.h"
#include "ui/staff/editor_screen.h"
#include "ui/text_renderer.h"
#include "ui/window_app.h"

namespace ik {

class DeskEditorApp : public WindowApp {
public:
    // `isNew`: FILE did not exist; saving creates it. `language`: [staff] language.
    DeskEditorApp(Questionnaire questionnaire, bool isNew, std::filesystem::path file,
                  StaffLanguage language = StaffLanguage::Dutch);

    Result<bool> PrepareFonts(ImFontAtlas& atlas, float width, float height, float dpiScale,
                              float pixelsPerMm) override;
    void Frame(double now) override;
    // A glyph that did not fit in the atlas is drawn in the next frame.
    bool Tick(double) override { return m_text && m_text->WantsRedraw(); }
    void NoteInput(double) override {}
    double NextWakeTime(double now) const override { return now + 3600; }
    bool WantsToClose() const override { return m_close; }
    InputGate& Gate() override { return m_gate; }
    AutomationDump& Dump() override { return m_dump; }
    ImU32 Background() const override { return colors::kBackground; }
    // "Saved to FILE" or why not (English); for tests and the terminal.
    const std::string& LastMessage() const { return m_message; }

private:
    StaffLanguage m_language; // before the editor: its buttons are named in it
    QuestionnaireEditor m_editor;
    std::filesystem::path m_file;
    KeyboardState m_keyboard;
    Metrics m_metrics;
    FontSet m_fonts;
    std::unique_ptr<TextRenderer> m_text;
    InputGate m_gate;
    AutomationDump m_dump;
    std::string m_message;
    bool m_close = false;
};

} // namespace ik
