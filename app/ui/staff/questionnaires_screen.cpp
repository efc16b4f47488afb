// The questionnaires list (staff_questionnaires): every stored version with its answers, and
// activate, preview, schedule, edit, duplicate, export, new.
#include "ui/staff/staff_mode.h"

#include "core/atomic_file.h"
#include "core/questionnaire_edit.h"
#include "core/questionnaire_json.h"
#include "core/spoken_screens.h"
#include "core/ui_strings.h"
#include "ui/staff/editor_screen.h"
#include "ui/staff/usb_stick.h"

namespace ik {

void StaffMode::RefreshQuestionnaires() {
    Result<std::vector<QuestionnaireInfo>> list = m_questionnaires.List();
    if (!list) {
        m_notice = Error(list.error());
        m_list.clear();
        return;
    }
    m_list = std::move(*list);
    // Newest version first within each questionnaire: that is the one staff usually want.
    std::stable_sort(m_list.begin(), m_list.end(),
                     [](const QuestionnaireInfo& a, const QuestionnaireInfo& b) {
                         return a.id != b.id ? a.id < b.id : a.version > b.version;
                     });
    // What cannot be read aloud: languages without a voice and texts there without a recording.
    m_voiceNotes.clear();
    // Without sound nothing is read at all: the screen says that once, not per text.
    if (m_services.speechProblem && !m_services.speechProblem().empty()) return;
    const std::function<bool(std::string_view)> speaks =
        m_services.speaks ? m_services.speaks : [](std::string_view) { return false; };
    for (const QuestionnaireInfo& info : m_list) {
        Result<std::optional<Questionnaire>> q = m_questionnaires.Load(info.id, info.version);
        if (!q || !*q) continue;
        std::string note;
        for (const std::string& lang : (*q)->languages) {
            const std::vector<std::string> missing = TextsWithoutVoice(**q, lang, speaks);
            if (missing.empty()) continue;
            note += (note.empty() ? "" : "; ") +
                    StaffText("{0}: {1} without a voice or recording", LanguageName(lang),
                              StaffCount(static_cast<std::int64_t>(missing.size()), "{0} text", "{0} texts"));
        }
        if (!note.empty())
            m_voiceNotes[info.id + ":" + std::to_string(info.version)] = StaffText("Read aloud: {0}", note);
    }
}

StaffRequest StaffMode::DrawQuestionnaires(UiContext& ui, double now) {
    StaffRequest request;
    const Metrics& m = ui.metrics;
    float barHeight = 0;
    if (StaffTitleBar(ui, StaffText("Questionnaires"), StaffText("Back"), barHeight)) {
        m_notice.clear();
        Show(StaffScreen::Home, now);
        return request;
    }
    StaffFlow flow = BeginStaffContent(ui, m_keyboard, barHeight, m.height);
    if (!m_notice.empty()) flow.Text(m_notice, "notice", colors::kAccent);
    SpeechProblemLine(flow);
    if (flow.Button("new", StaffText("New questionnaire"), ButtonStyle::Primary, true, 0, 2)) {
        std::vector<std::string> taken;
        for (const QuestionnaireInfo& info : m_list)
            taken.push_back(info.id);
        m_editor = std::make_unique<QuestionnaireEditor>(
            QuestionnaireFromTemplate(UniqueName("new_questionnaire", taken), {"nl", "en"}), true);
        Show(StaffScreen::Editor, now);
    }
    if (flow.Button("import", StaffText("Import from a file or USB stick"), ButtonStyle::Secondary, true, 1,
                    2))
        Show(StaffScreen::Import, now);
    flow.EndRow();
    flow.Space();

    std::string lastId;
    // A copy: activating refreshes m_list while this loop runs.
    const std::vector<QuestionnaireInfo> list = m_list;
    for (const QuestionnaireInfo& info : list) {
        const std::string key = info.id + ":" + std::to_string(info.version);
        const bool older = info.id == lastId;
        lastId = info.id;
        std::string line = StaffText("{0}  -  {1}, version {2}, {3}", info.title, info.id, info.version,
                                     StaffCount(info.responseCount, "{0} response", "{0} responses"));
        if (info.active) line += StaffText("  -  SHOWING NOW");
        flow.Text(line, "row:" + key, info.active ? colors::kAccent : older ? colors::kMuted : colors::kText);
        if (auto note = m_voiceNotes.find(key); note != m_voiceNotes.end())
            flow.Text(note->second, "voice:" + key, colors::kMuted);
        if (flow.Button("activate:" + key, info.active ? StaffText("Showing") : StaffText("Show on kiosk"),
                        ButtonStyle::Secondary, !info.active, 0, 3)) {
            Result<std::optional<Questionnaire>> q = m_questionnaires.Load(info.id, info.version);
            if (!q || !*q) {
                m_notice =
                    q ? Error("Could not load {0}", key) : Error("Could not load {0}: {1}", key, q.error());
            } else if (Status s = m_questionnaires.Activate(info.id, info.version); !s) {
                m_notice = Error(s.error());
            } else {
                Audit("activated " + info.id + " version " + std::to_string(info.version));
                m_notice = StaffText("\"{0}\" version {1} is now on the kiosk.", info.title, info.version);
                request.kind = StaffRequest::Kind::ShowQuestionnaire;
                request.questionnaire = **q;
                RefreshQuestionnaires();
            }
        }
        if (flow.Button("preview:" + key, StaffText("Preview"), ButtonStyle::Secondary, true, 1, 3)) {
            if (Result<std::optional<Questionnaire>> q = m_questionnaires.Load(info.id, info.version);
                q && *q) {
                Audit("previewed " + key);
                request.kind = StaffRequest::Kind::Preview;
                request.questionnaire = **q;
            }
        }
        // The schedule belongs to the questionnaire (all its versions).
        const Schedule schedule = older ? Schedule{} : ScheduleFor(info.id);
        if (flow.Button("schedule:" + key,
                        schedule.Always() ? StaffText("Schedule") : StaffText("Schedule (set)"),
                        ButtonStyle::Secondary, !older, 2, 3)) {
            m_scheduleId = info.id;
            m_scheduleText = {
                {"from", schedule.fromDate},
                {"to", schedule.toDate},
                {"open", schedule.openMinute >= 0 ? FormatClockTime(schedule.openMinute) : ""},
                {"close", schedule.closeMinute >= 0 ? FormatClockTime(schedule.closeMinute) : ""}};
            m_scheduleDays = schedule.weekdays;
            m_scheduleProblem.clear();
            Show(StaffScreen::Schedule, now);
        }
        flow.EndRow();
        if (flow.Button("edit:" + key, StaffText("Edit"), ButtonStyle::Secondary, true, 0, 3)) {
            if (Result<std::optional<Questionnaire>> q = m_questionnaires.Load(info.id, info.version);
                q && *q) {
                m_editor = std::make_unique<QuestionnaireEditor>(**q, false);
                Show(StaffScreen::Editor, now);
            }
        }
        if (flow.Button("more:" + key, StaffText("Duplicate"), ButtonStyle::Secondary, true, 1, 3)) {
            if (Result<std::optional<Questionnaire>> q = m_questionnaires.Load(info.id, info.version);
                q && *q) {
                std::vector<std::string> taken;
                for (const QuestionnaireInfo& other : m_list)
                    taken.push_back(other.id);
                m_editor = std::make_unique<QuestionnaireEditor>(
                    DuplicateQuestionnaire(**q, UniqueName(info.id + "_copy", taken)), true);
                Show(StaffScreen::Editor, now);
            }
        }
        {
            if (flow.Button("export:" + key, StaffText("Export"), ButtonStyle::Secondary, true, 2, 3)) {
                Result<std::optional<Questionnaire>> q = m_questionnaires.Load(info.id, info.version);
                const std::filesystem::path file =
                    UniqueFile(ExportFolder(), info.id + "_v" + std::to_string(info.version), "json");
                Status written = q && *q ? WriteFileAtomically(file, QuestionnaireToJson(**q).dump(2) + "\n")
                                         : Status(ik::Error{q ? "could not load it" : q.error()});
                m_notice = written ? StaffText("Saved to {0}", file.string())
                                   : Error("Export failed: {0}", written.error());
                if (written) Audit("exported " + key + " to " + file.string());
            }
        }
        flow.EndRow();
        flow.Space();
    }
    EndStaffContent(flow);
    return request;
}

} // namespace ik
