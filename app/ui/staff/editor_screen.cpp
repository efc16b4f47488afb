// See editor_screen.h. The whole questionnaire is one scrolling page: its texts and languages, then
// the questions (one opened in full at a time), then the outcomes. Every change marks the working
// copy dirty; the next frame validates it through the same JSON reader the CLI uses.
#include "ui/staff/editor_screen.h"

#include <algorithm>
#include <charconv>
#include <cstdio>

#include "core/default_options.h"
#include "core/questionnaire_edit.h"
#include "core/ui_strings.h"
#include "ui/staff/staff_text.h"

namespace ik {
namespace {

constexpr QuestionType kTypes[] = {
    QuestionType::Likert,      QuestionType::Smiley, QuestionType::Scale,  QuestionType::SingleChoice,
    QuestionType::MultiChoice, QuestionType::YesNo,  QuestionType::Number, QuestionType::Text,
    QuestionType::ThenNow,     QuestionType::Info};

const char* TypeLabel(QuestionType type) {
    switch (type) {
    case QuestionType::Likert:
        return StaffText("Agree scale (5 faces)");
    case QuestionType::Smiley:
        return StaffText("Faces");
    case QuestionType::Scale:
        return StaffText("Number scale (grade)");
    case QuestionType::SingleChoice:
        return StaffText("One choice");
    case QuestionType::MultiChoice:
        return StaffText("Several choices");
    case QuestionType::YesNo:
        return StaffText("Yes / no");
    case QuestionType::Number:
        return StaffText("Number (keypad)");
    case QuestionType::Text:
        return StaffText("Free text (keyboard)");
    case QuestionType::ThenNow:
        return StaffText("Before and now");
    case QuestionType::Info:
        return StaffText("Information only");
    }
    return "";
}

std::optional<double> ParseNumber(const std::string& text) {
    double value = 0;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc() || ptr != end || text.empty()) return std::nullopt;
    return value;
}

std::string NumberText(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", value);
    return text;
}

} // namespace

QuestionnaireEditor::QuestionnaireEditor(Questionnaire questionnaire, bool isNew, std::string saveLabel,
                                         std::string cancelLabel)
    : m_q(std::move(questionnaire)), m_original(m_q), m_isNew(isNew), m_saveLabel(std::move(saveLabel)),
      m_cancelLabel(std::move(cancelLabel)) {
    m_second = m_q.languages.size() > 1 ? m_q.languages[1] : std::string();
    Validate();
}

namespace {

// The editor changes written texts, never spoken words or recordings (they were checked when the
// questionnaire came in): they stay out of the check that runs at every key, which would otherwise
// encode and decode megabytes of recordings each time.
Questionnaire WithoutSpeech(Questionnaire q) {
    q.spoken.clear();
    return q;
}

} // namespace

void QuestionnaireEditor::Validate() {
    m_dirty = false;
    ParsedQuestionnaire parsed = ParseQuestionnaire(QuestionnaireToJson(WithoutSpeech(m_q)).dump());
    m_problems = std::move(parsed.problems);
}

bool QuestionnaireEditor::HasErrors() const {
    return std::any_of(m_problems.begin(), m_problems.end(), [](const ValidationProblem& p) {
        return p.severity == ValidationProblem::Severity::Error;
    });
}

Questionnaire QuestionnaireEditor::Validated() const {
    ParsedQuestionnaire parsed = ParseQuestionnaire(QuestionnaireToJson(WithoutSpeech(m_q)).dump());
    Questionnaire result = parsed.questionnaire.value_or(WithoutSpeech(m_q));
    // Spoken words and recordings go with texts that did not change; a changed text is read as written.
    result.spoken = SpeechOfUnchangedTexts(m_original, m_q);
    return result;
}

std::string QuestionnaireEditor::ProblemsAt(const std::string& path) const {
    std::string text;
    for (const ValidationProblem& p : m_problems) {
        // "$.questions[1]" must not match "$.questions[12]".
        if (p.path.compare(0, path.size(), path) != 0) continue;
        if (p.path.size() > path.size() && p.path[path.size()] != '.' && p.path[path.size()] != '[') continue;
        if (!text.empty()) text += "\n";
        text += p.severity == ValidationProblem::Severity::Warning
                    ? StaffText("Warning: {0}", StaffMessage(p.message))
                    : StaffMessage(p.message);
    }
    return text;
}

bool QuestionnaireEditor::LangFields(StaffFlow& flow, const std::string& id, const std::string& label,
                                     LangText& text, const std::string& path) {
    const std::string& base = m_q.DefaultLanguage();
    const bool two = !m_second.empty() && m_second != base;
    bool changed = false;
    for (int slot = 0; slot < (two ? 2 : 1); ++slot) {
        const std::string& lang = slot == 0 ? base : m_second;
        std::string value = text.count(lang) ? text.at(lang) : std::string();
        std::string problem = ProblemsAt(path + "." + lang);
        if (slot == 1 && value.empty() && text.count(base) && !text.at(base).empty())
            problem += (problem.empty() ? "" : "\n") + std::string(StaffText("Missing translation"));
        if (flow.Field(id + ":" + lang, label + " (" + LanguageName(lang) + ")", value, problem, slot,
                       two ? 2 : 1)) {
            if (value.empty())
                text.erase(lang);
            else
                text[lang] = value;
            changed = true;
        }
    }
    if (const std::string whole = ProblemsAt(path); !whole.empty() && text.empty())
        flow.Text(whole, id + ":problem", colors::kWarning);
    return changed;
}

QuestionnaireEditor::Action QuestionnaireEditor::Draw(UiContext& ui, KeyboardState& keyboard) {
    if (m_dirty) Validate();
    Action action = Action::None;
    const float keyboardTop = KeyboardHeight(ui, keyboard);
    if (keyboardTop < ui.metrics.height * 0.3f) {
        // A short screen: the keyboard needs all of it. The field's name and text show above the
        // keys; "Done" brings the page back. The page is still laid out (clipped away) so the
        // focused field keeps receiving what is typed.
        ImGui::PushClipRect(ImVec2(0, 0), ImVec2(0, 0), false);
        AutomationDump hidden;
        UiContext offscreen = ui.WithDump(hidden);
        DrawPage(offscreen, keyboard, 0, ui.metrics.height);
        ImGui::PopClipRect();
        DrawOnScreenKeyboard(ui, keyboard);
        return Action::None;
    }
    float barHeight = 0;
    // The questionnaire's own title is in the page; the bar only says what this screen is.
    const char* title = m_isNew ? StaffText("New questionnaire") : StaffText("Edit questionnaire");
    if (StaffTitleBar(ui, title, m_cancelLabel.empty() ? StaffText("Cancel") : m_cancelLabel, barHeight,
                      "cancel", true))
        return Action::Cancel;
    // Save is always in reach, and says why it cannot save yet.
    const int errors =
        static_cast<int>(std::count_if(m_problems.begin(), m_problems.end(), [](const ValidationProblem& p) {
            return p.severity == ValidationProblem::Severity::Error;
        }));
    const std::string save = errors                ? StaffCount(errors, "Fix {0} problem", "Fix {0} problems")
                             : m_saveLabel.empty() ? std::string(StaffText("Save"))
                                                   : m_saveLabel;
    if (StaffTitleBarAction(ui, "save", save, errors == 0)) action = Action::Save;
    if (DrawPage(ui, keyboard, barHeight, keyboardTop) == Action::Save) action = Action::Save;
    DrawOnScreenKeyboard(ui, keyboard);
    return action;
}

QuestionnaireEditor::Action QuestionnaireEditor::DrawPage(UiContext& ui, KeyboardState& keyboard, float top,
                                                          float bottom) {
    Action action = Action::None;
    StaffFlow flow = BeginStaffContent(ui, keyboard, top, bottom);
    int errors = 0;
    for (const ValidationProblem& p : m_problems)
        if (p.severity == ValidationProblem::Severity::Error) ++errors;
    if (!m_notice.empty()) flow.Text(m_notice, "notice", colors::kWarning);
    if (errors) {
        std::string all;
        for (const ValidationProblem& p : m_problems)
            if (p.severity == ValidationProblem::Severity::Error)
                all += (all.empty() ? "" : "\n") + p.path + ": " + StaffMessage(p.message);
        flow.Text(all, "problems", colors::kWarning);
    }

    DrawQuestionnaireTexts(flow);
    flow.Space();
    flow.Heading(StaffText("Questions"), "heading:questions");
    for (int i = 0; i < static_cast<int>(m_q.questions.size()); ++i)
        DrawQuestion(flow, i);
    if (!m_addingQuestion) {
        if (flow.Button("add_question", StaffText("Add a question"), ButtonStyle::Secondary))
            m_addingQuestion = true;
    } else {
        flow.Text(StaffText("What kind of question?"), "add_hint", colors::kMuted);
        int slot = 0;
        for (QuestionType type : kTypes) {
            if (flow.Button(std::string("add:") + QuestionTypeName(type), TypeLabel(type),
                            ButtonStyle::Secondary, true, slot, 2)) {
                m_q.questions.push_back(NewQuestion(m_q, type));
                m_open = static_cast<int>(m_q.questions.size()) - 1;
                m_addingQuestion = false;
                m_dirty = m_changed = true;
            }
            if (++slot == 2) {
                slot = 0;
                flow.EndRow();
            }
        }
        if (slot) flow.EndRow();
    }
    flow.Space();
    DrawOutcomes(flow);
    EndStaffContent(flow);
    return action;
}

void QuestionnaireEditor::DrawQuestionnaireTexts(StaffFlow& flow) {
    flow.Heading(StaffText("Questionnaire"), "heading:questionnaire");
    if (m_isNew) {
        std::string id = m_q.id;
        if (flow.Field("q_id", StaffText("Id (letters, digits and _; fixed once saved)"), id,
                       ProblemsAt("$.id"))) {
            m_q.id = id;
            m_dirty = m_changed = true;
        }
    } else {
        flow.Text(
            StaffText("Id: {0}   Version: {1}   (saving a change makes a new version; answers given stay "
                      "with the old one)",
                      m_q.id, m_q.version),
            "q_id", colors::kMuted);
    }
    // Languages offered to visitors; the first is the default and cannot be removed here.
    flow.Text(
        StaffText("Languages offered (the first, {0}, is the default):", LanguageName(m_q.DefaultLanguage())),
        "languages_hint", colors::kMuted);
    int slot = 0;
    for (const char* lang : kStaffLanguages) {
        bool on = std::find(m_q.languages.begin(), m_q.languages.end(), lang) != m_q.languages.end();
        const bool isDefault = lang == m_q.DefaultLanguage();
        if (flow.Toggle(std::string("lang:") + lang, LanguageName(lang), on, slot, 4) && !isDefault) {
            if (on) {
                AddLanguage(m_q, lang);
                m_second = lang;
            } else {
                RemoveLanguage(m_q, lang);
                if (m_second == lang) m_second = m_q.languages.size() > 1 ? m_q.languages[1] : std::string();
            }
            m_dirty = m_changed = true;
        }
        slot = (slot + 1) % 4;
    }
    if (slot != 0) flow.EndRow(); // a last row of fewer than four toggles ends too
    if (m_q.languages.size() > 2) {
        flow.Text(StaffText("Edit next to {0}:", LanguageName(m_q.DefaultLanguage())), "second_hint",
                  colors::kMuted);
        int s = 0;
        const int count = static_cast<int>(m_q.languages.size()) - 1;
        for (size_t i = 1; i < m_q.languages.size(); ++i) {
            const std::string& lang = m_q.languages[i];
            if (flow.Button("second:" + lang, LanguageName(lang),
                            lang == m_second ? ButtonStyle::Primary : ButtonStyle::Secondary, true, s++,
                            count))
                m_second = lang;
        }
        flow.EndRow();
    }
    for (const std::string& lang : m_q.languages)
        if (lang != m_q.DefaultLanguage())
            if (size_t missing = MissingTranslations(m_q, lang).size())
                flow.Text(LanguageName(lang) + ": " +
                              StaffCount(static_cast<std::int64_t>(missing), "{0} text not translated yet",
                                         "{0} texts not translated yet"),
                          "missing:" + lang, colors::kWarning);
    if (LangFields(flow, "title", StaffText("Title"), m_q.title, "$.title")) m_dirty = m_changed = true;
    if (LangFields(flow, "intro", StaffText("Welcome text"), m_q.intro, "$.intro"))
        m_dirty = m_changed = true;
    if (LangFields(flow, "thanks", StaffText("Thank-you text"), m_q.thanks, "$.thanks"))
        m_dirty = m_changed = true;
}

void QuestionnaireEditor::DrawQuestion(StaffFlow& flow, int index) {
    Question& q = m_q.questions[static_cast<size_t>(index)];
    const std::string at = "$.questions[" + std::to_string(index) + "]";
    const std::string id = "question:" + std::to_string(index);
    const std::string problems = ProblemsAt(at);
    const std::string summary =
        std::to_string(index + 1) + ". " + PickText(q.label, m_q.DefaultLanguage()) + "  (" +
        (q.required ? StaffText("{0}, required", TypeLabel(q.type)) : TypeLabel(q.type)) + ")";
    if (m_open != index) {
        if (flow.Button(id + ":open", summary,
                        problems.empty() ? ButtonStyle::Secondary : ButtonStyle::Quiet))
            m_open = index;
        if (!problems.empty()) flow.Text(problems, id + ":problem", colors::kWarning);
        return;
    }
    flow.Text(summary, id + ":summary", colors::kAccent);
    bool changed = false;
    if (flow.Button(id + ":up", StaffText("Move up"), ButtonStyle::Secondary, index > 0, 0, 4) &&
        MoveQuestion(m_q, index, -1)) {
        m_open = index - 1;
        m_dirty = m_changed = true;
        m_numberText.clear(); // number fields are keyed by position
        return;
    }
    if (flow.Button(id + ":down", StaffText("Move down"), ButtonStyle::Secondary,
                    index + 1 < static_cast<int>(m_q.questions.size()), 1, 4) &&
        MoveQuestion(m_q, index, 1)) {
        m_open = index + 1;
        m_dirty = m_changed = true;
        m_numberText.clear(); // number fields are keyed by position
        return;
    }
    if (flow.Button(id + ":delete", StaffText("Delete"), ButtonStyle::Secondary, true, 2, 4)) {
        m_q.questions.erase(m_q.questions.begin() + index);
        m_open = -1;
        m_numberText.clear(); // number fields are keyed by position
        m_dirty = m_changed = true;
        return;
    }
    if (flow.Button(id + ":close", StaffText("Close"), ButtonStyle::Secondary, true, 3, 4)) m_open = -1;
    flow.EndRow();

    std::string qid = q.id;
    if (flow.Field(id + ":id", StaffText("Question id (answers are stored under it)"), qid,
                   ProblemsAt(at + ".id"))) {
        q.id = qid;
        changed = true;
    }
    // The type, as a row of choices.
    flow.Text(StaffText("Kind of question:"), id + ":type_hint", colors::kMuted);
    int slot = 0;
    for (QuestionType type : kTypes) {
        if (flow.Button(id + ":type:" + QuestionTypeName(type), TypeLabel(type),
                        q.type == type ? ButtonStyle::Primary : ButtonStyle::Secondary, true, slot, 5) &&
            q.type != type) {
            ChangeQuestionType(m_q, q, type);
            changed = true;
        }
        if (++slot == 5) {
            slot = 0;
            flow.EndRow();
        }
    }
    if (q.type == QuestionType::Text)
        flow.Text(
            StaffText("Privacy: free text can identify a visitor (names, e-mail addresses). Ask only what "
                      "you need; visitors see a keyboard and the text is kept with the answers."),
            id + ":privacy", colors::kWarning);
    if (q.type == QuestionType::Likert) {
        bool dontKnow = q.FindOption(kDontKnowCode) != nullptr;
        if (flow.Toggle(id + ":dont_know", StaffText("Offer \"don't know\""), dontKnow)) {
            q.options = DefaultLikertOptions(m_q.languages, dontKnow);
            changed = true;
        }
    }
    if (q.type == QuestionType::Smiley) {
        bool three = q.options.size() == 3;
        if (flow.Toggle(id + ":three_faces", StaffText("Three faces instead of five"), three)) {
            q.options = DefaultSmileyOptions(m_q.languages, three ? 3 : 5);
            changed = true;
        }
    }
    if (TakesAnswer(q.type) && flow.Toggle(id + ":required", StaffText("An answer is required"), q.required))
        changed = true;
    if (LangFields(flow, id + ":label", StaffText("Question"), q.label, at + ".label")) changed = true;
    if (LangFields(flow, id + ":help", StaffText("Extra line under it (optional)"), q.help, at + ".help"))
        changed = true;

    auto numberField = [&](const std::string& fieldId, const std::string& label, double& value, int slotIndex,
                           int count, const std::string& path) {
        std::string& text = m_numberText.try_emplace(fieldId, NumberText(value)).first->second;
        std::string problem = ProblemsAt(path);
        std::optional<double> parsed = ParseNumber(text);
        if (!parsed) problem = StaffText("Type a number");
        if (flow.Field(fieldId, label, text, problem, slotIndex, count)) {
            if (std::optional<double> v = ParseNumber(text)) {
                value = *v;
                changed = true;
            }
        }
    };
    if (q.type == QuestionType::Scale || q.type == QuestionType::ThenNow) {
        double lo = q.min, hi = q.max;
        numberField(id + ":min", StaffText("Lowest"), lo, 0, 2, at + ".min");
        numberField(id + ":max", StaffText("Highest"), hi, 1, 2, at + ".max");
        q.min = static_cast<int>(lo);
        q.max = static_cast<int>(hi);
        if (LangFields(flow, id + ":min_label", StaffText("Words at the lowest"), q.minLabel,
                       at + ".min_label"))
            changed = true;
        if (LangFields(flow, id + ":max_label", StaffText("Words at the highest"), q.maxLabel,
                       at + ".max_label"))
            changed = true;
    }
    if (q.type == QuestionType::Number) {
        numberField(id + ":number_min", StaffText("Smallest allowed"), q.numberMin, 0, 2, at + ".number_min");
        numberField(id + ":number_max", StaffText("Largest allowed"), q.numberMax, 1, 2, at + ".number_max");
    }
    if (q.type == QuestionType::Text) {
        double length = q.maxLength;
        numberField(id + ":max_length", StaffText("Longest answer (characters)"), length, 0, 1,
                    at + ".max_length");
        q.maxLength = static_cast<int>(length);
    }
    if (q.type == QuestionType::MultiChoice) {
        double most = q.maxChoices;
        numberField(id + ":max_choices", StaffText("Most choices (0: no limit)"), most, 0, 1,
                    at + ".max_choices");
        q.maxChoices = static_cast<int>(most);
    }
    if (q.type == QuestionType::SingleChoice || q.type == QuestionType::MultiChoice) {
        flow.Text(
            StaffText("Choices (the code is what the answer stores; keep it when you change the words):"),
            id + ":choices_hint", colors::kMuted);
        for (size_t o = 0; o < q.options.size(); ++o) {
            Option& option = q.options[o];
            const std::string oid = id + ":option:" + std::to_string(o);
            const std::string opath = at + ".options[" + std::to_string(o) + "]";
            std::string code = option.code;
            if (flow.Field(oid + ":code", StaffText("Code"), code, ProblemsAt(opath + ".code"), 0, 2)) {
                option.code = code;
                changed = true;
            }
            if (flow.Button(oid + ":delete", StaffText("Remove this choice"), ButtonStyle::Quiet,
                            q.options.size() > 2, 1, 2)) {
                q.options.erase(q.options.begin() + static_cast<long>(o));
                m_dirty = m_changed = true;
                return;
            }
            flow.EndRow();
            if (LangFields(flow, oid + ":label", StaffText("Choice {0}", o + 1), option.label,
                           opath + ".label"))
                changed = true;
        }
        if (flow.Button(id + ":add_option", StaffText("Add a choice"), ButtonStyle::Secondary)) {
            q.options.push_back(NewOption(q, m_q.languages));
            changed = true;
        }
    }
    DrawShowIf(flow, q, index);
    if (changed) m_dirty = m_changed = true;
    flow.Space();
}

void QuestionnaireEditor::DrawShowIf(StaffFlow& flow, Question& q, int index) {
    // The builder covers the common case, "only if question X was answered with Y"; richer
    // conditions from a file are kept as they are and shown as text.
    const std::string id = "question:" + std::to_string(index) + ":show_if";
    std::vector<const Question*> earlier;
    for (int i = 0; i < index; ++i)
        if (HasOptions(m_q.questions[static_cast<size_t>(i)].type))
            earlier.push_back(&m_q.questions[static_cast<size_t>(i)]);
    if (earlier.empty() && !q.showIf) return;
    const bool simple = !q.showIf || (q.showIf->op == Condition::Op::Equals && q.showIf->values.size() == 1);
    if (!simple) {
        flow.Text(StaffText("Shown only under a condition set in the file (kept as it is)."), id,
                  colors::kMuted);
        if (flow.Button(id + ":clear", StaffText("Always show this question"), ButtonStyle::Secondary)) {
            q.showIf.reset();
            m_dirty = m_changed = true;
        }
        return;
    }
    flow.Text(q.showIf ? StaffText("Shown only when question \"{0}\" is answered \"{1}\"", q.showIf->question,
                                   q.showIf->values[0])
                       : std::string(StaffText(
                             "Always shown. To show it only after a certain answer, pick that answer:")),
              id, colors::kMuted);
    if (q.showIf &&
        flow.Button(id + ":clear", StaffText("Always show this question"), ButtonStyle::Secondary)) {
        q.showIf.reset();
        m_dirty = m_changed = true;
        return;
    }
    for (const Question* source : earlier) {
        int slot = 0;
        const int count = std::min<int>(4, static_cast<int>(source->options.size()));
        for (const Option& option : source->options) {
            const bool chosen =
                q.showIf && q.showIf->question == source->id && q.showIf->values[0] == option.code;
            const std::string label = source->id + " = " + PickText(option.label, m_q.DefaultLanguage());
            if (flow.Button(id + ":" + source->id + ":" + option.code, label,
                            chosen ? ButtonStyle::Primary : ButtonStyle::Secondary, true, slot, count)) {
                Condition c;
                c.op = Condition::Op::Equals;
                c.question = source->id;
                c.values = {option.code};
                q.showIf = c;
                m_dirty = m_changed = true;
            }
            if (++slot == count) {
                slot = 0;
                flow.EndRow();
            }
        }
        if (slot) flow.EndRow();
    }
}

void QuestionnaireEditor::DrawOutcomes(StaffFlow& flow) {
    flow.Heading(StaffText("Outcomes (what the answers show)"), "heading:outcomes");
    static const char* const kIndicators[] = {"top2_share", "share_yes", "mean", "mean_change",
                                              "share_improved"};
    static constexpr StaffTextKey kIndicatorLabels[] = {"Share agreeing", "Share yes", "Average",
                                                        "Average change", "Share improved"};
    for (size_t i = 0; i < m_q.outcomes.size(); ++i) {
        Outcome& outcome = m_q.outcomes[i];
        const std::string id = "outcome:" + std::to_string(i);
        const std::string at = "$.outcomes[" + std::to_string(i) + "]";
        if (LangFields(flow, id + ":label", StaffText("Outcome {0}", i + 1), outcome.label, at + ".label"))
            m_dirty = m_changed = true;
        for (size_t k = 0; k < outcome.indicators.size(); ++k) {
            Indicator& indicator = outcome.indicators[k];
            const std::string iid = id + ":indicator:" + std::to_string(k);
            const std::string ipath = at + ".indicators[" + std::to_string(k) + "]";
            int slot = 0;
            for (int t = 0; t < 5; ++t) {
                if (flow.Button(iid + ":type:" + kIndicators[t], StaffText(kIndicatorLabels[t]),
                                indicator.type == kIndicators[t] ? ButtonStyle::Primary
                                                                 : ButtonStyle::Secondary,
                                true, slot++, 5)) {
                    indicator.type = kIndicators[t];
                    m_dirty = m_changed = true;
                }
            }
            flow.EndRow();
            std::string question = indicator.question;
            if (flow.Field(iid + ":question", StaffText("Question id"), question,
                           ProblemsAt(ipath + ".question"), 0, 2)) {
                indicator.question = question;
                m_dirty = m_changed = true;
            }
            std::string& target =
                m_numberText
                    .try_emplace(iid + ":target", indicator.target ? NumberText(*indicator.target) : "")
                    .first->second;
            std::optional<double> value = ParseNumber(target);
            const std::string problem = !target.empty() && !value
                                            ? std::string(StaffText("Type a number, or leave it empty"))
                                            : ProblemsAt(ipath + ".target");
            if (flow.Field(iid + ":target", StaffText("Target (percent for shares; empty: none)"), target,
                           problem, 1, 2)) {
                value = ParseNumber(target);
                if (target.empty())
                    indicator.target.reset();
                else if (value)
                    indicator.target = *value;
                m_dirty = m_changed = true;
            }
        }
        if (flow.Button(id + ":delete", StaffText("Remove this outcome"), ButtonStyle::Quiet)) {
            m_q.outcomes.erase(m_q.outcomes.begin() + static_cast<long>(i));
            m_numberText.clear(); // number fields are keyed by position
            m_dirty = m_changed = true;
            return;
        }
    }
    if (flow.Button("add_outcome", StaffText("Add an outcome"), ButtonStyle::Secondary)) {
        std::vector<std::string> taken;
        for (const Outcome& o : m_q.outcomes)
            taken.push_back(o.id);
        Outcome outcome;
        outcome.id = UniqueName("outcome_" + std::to_string(m_q.outcomes.size() + 1), taken);
        for (const std::string& lang : m_q.languages)
            outcome.label[lang] = lang == "nl" ? "Nieuwe uitkomst" : "New outcome";
        const std::string question = m_q.questions.empty() ? std::string() : m_q.questions.front().id;
        outcome.indicators.push_back({"top2_share", question, std::nullopt});
        m_q.outcomes.push_back(outcome);
        m_dirty = m_changed = true;
    }
}

} // namespace ik
