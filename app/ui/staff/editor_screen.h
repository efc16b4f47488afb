// The questionnaire editor, by touch on the kiosk and by mouse and keyboard on a desk PC
// (`impactkiosk edit FILE`): questionnaire texts and languages, questions of every type with their
// options, range, required flag and show_if condition, and outcomes with indicators and targets.
// Texts in two languages side by side, with missing translations marked. The validator runs after
// every change and its messages show next to the field they are about; saving is refused while
// there are errors.
#pragma once

#include <string>
#include <vector>

#include "core/questionnaire.h"
#include "core/questionnaire_json.h"
#include "ui/staff/staff_widgets.h"

namespace ik {

class QuestionnaireEditor {
public:
    enum class Action { None, Save, Cancel };

    // `isNew`: the id may still be changed. `saveLabel`, `cancelLabel`: what the two buttons say
    // (empty: "Save" and "Cancel" in the staff language).
    QuestionnaireEditor(Questionnaire questionnaire, bool isNew, std::string saveLabel = {},
                        std::string cancelLabel = {});

    Action Draw(UiContext& ui, KeyboardState& keyboard);

    const Questionnaire& Working() const { return m_q; }
    const std::vector<ValidationProblem>& Problems() const { return m_problems; }
    bool HasErrors() const;
    bool Changed() const { return m_changed; }
    // Shown under the title bar (e.g. "Saved as version 3"), in the staff language.
    void SetNotice(std::string notice) { m_notice = std::move(notice); }
    // The questionnaire as the validator reads it back (defaults filled in); call when HasErrors()
    // is false.
    Questionnaire Validated() const;

private:
    void Validate();
    // The scrolling page between `top` and `bottom`.
    Action DrawPage(UiContext& ui, KeyboardState& keyboard, float top, float bottom);
    // The problems whose JSON path starts with `path`, one line each.
    std::string ProblemsAt(const std::string& path) const;
    void DrawQuestionnaireTexts(StaffFlow& flow);
    void DrawQuestion(StaffFlow& flow, int index);
    void DrawShowIf(StaffFlow& flow, Question& question, int index);
    void DrawOutcomes(StaffFlow& flow);
    // A text in the two languages being edited, side by side; true when changed.
    bool LangFields(StaffFlow& flow, const std::string& id, const std::string& label, LangText& text,
                    const std::string& path);

    Questionnaire m_q;
    Questionnaire m_original; // as it came in: which texts staff changed
    bool m_isNew;
    std::string m_saveLabel;
    std::string m_cancelLabel;
    std::string m_notice;
    std::vector<ValidationProblem> m_problems;
    bool m_changed = false;
    bool m_dirty = true;  // validate again before the next frame
    int m_open = 0;       // the question shown in full; -1 none
    std::string m_second; // the language edited next to the default one
    bool m_addingQuestion = false;
    // Number fields keep what staff typed until it is a number.
    std::map<std::string, std::string> m_numberText;
};

} // namespace ik
