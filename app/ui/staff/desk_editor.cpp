// See desk_editor.h.
#include "ui/staff/desk_editor.h"

#include <cstdio>

#include "core/atomic_file.h"
#include "core/questionnaire_json.h"
#include "core/ui_strings.h"
#include "ui/staff/staff_text.h"

namespace ik {

namespace {

// The language is set before the editor is made: its buttons are named when it is.
StaffLanguage Use(StaffLanguage language) {
    SetStaffLanguage(language);
    return language;
}

} // namespace

DeskEditorApp::DeskEditorApp(Questionnaire questionnaire, bool isNew, std::filesystem::path file,
                             StaffLanguage language)
    : m_language(Use(language)),
      m_editor(std::move(questionnaire), isNew, StaffText("Save to {0}", file.filename().string()),
               StaffText("Close")),
      m_file(std::move(file)) {
    m_keyboard.onScreen = false; // a desk PC has its own keyboard
}

Result<bool> DeskEditorApp::PrepareFonts(ImFontAtlas& atlas, float width, float height, float dpiScale,
                                         float pixelsPerMm) {
    if (!m_text) {
        Result<std::unique_ptr<TextRenderer>> text = TextRenderer::Create(FontDirectory());
        if (!text) return Error{text.error()};
        m_text = std::move(*text);
    }
    m_metrics = ComputeMetrics(width, height, dpiScale, pixelsPerMm);
    ApplyKioskStyle(m_metrics);
    return PrepareImGuiAtlas(atlas);
}

void DeskEditorApp::Frame(double now) {
    const ImGuiIO& io = ImGui::GetIO();
    m_text->BeginFrame();
    UiContext ui{m_metrics, m_fonts, m_dump, "en", "en", now};
    ui.text = m_text.get();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("##editor", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);
    m_dump.BeginFrame("editor");
    SetStaffLanguage(m_language);
    m_keyboard.BeginFrame();
    const QuestionnaireEditor::Action action = m_editor.Draw(ui, m_keyboard);
    ImGui::End();
    if (action == QuestionnaireEditor::Action::Cancel) m_close = true;
    if (action != QuestionnaireEditor::Action::Save) return;
    const Status written =
        WriteFileAtomically(m_file, QuestionnaireToJson(m_editor.Validated()).dump(2) + "\n");
    m_message = written ? "Saved to " + m_file.string() : "Not saved: " + written.error();
    std::fprintf(stderr, "impactkiosk: %s\n", m_message.c_str());
    m_editor.SetNotice(written ? StaffText("Saved to {0}", m_file.string())
                               : StaffText("Not saved: {0}", StaffMessage(written.error())));
}

} // namespace ik
