// Import (staff_import): questionnaire files on USB sticks and in the export folder, and where
// staff exports go (ExportFolder).
#include "ui/staff/staff_mode.h"

#include <algorithm>
#include <system_error>

#include "core/questionnaire_json.h"
#include "ui/staff/usb_stick.h"

namespace ik {

std::filesystem::path StaffMode::ExportFolder() const {
    if (std::filesystem::path stick = FindStick(m_services.mediaRoots); !stick.empty()) return stick;
    std::error_code ec;
    std::filesystem::create_directories(m_services.exportDir, ec);
    return m_services.exportDir;
}

void StaffMode::ScanMedia() {
    m_mediaFiles.clear();
    std::vector<std::filesystem::path> roots = m_services.mediaRoots;
    if (!m_services.exportDir.empty()) roots.push_back(m_services.exportDir);
    for (const std::filesystem::path& root : roots) {
        std::error_code ec;
        // A stick is mounted a level or two below /media (/media/<user>/<label>).
        auto it = std::filesystem::recursive_directory_iterator(
            root, std::filesystem::directory_options::skip_permission_denied, ec);
        for (; !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
            if (it.depth() > 3) it.disable_recursion_pending();
            if (it->is_regular_file(ec) && it->path().extension() == ".json")
                m_mediaFiles.push_back(it->path());
            if (m_mediaFiles.size() >= 200) break;
        }
    }
    std::sort(m_mediaFiles.begin(), m_mediaFiles.end());
}

StaffRequest StaffMode::DrawImport(UiContext& ui, double now) {
    StaffRequest request;
    const Metrics& m = ui.metrics;
    float barHeight = 0;
    if (StaffTitleBar(ui, StaffText("Import a questionnaire"), StaffText("Back"), barHeight)) {
        Show(StaffScreen::Questionnaires, now);
        return request;
    }
    StaffFlow flow = BeginStaffContent(ui, m_keyboard, barHeight, m.height);
    if (!m_notice.empty()) flow.Text(m_notice, "notice", colors::kWarning);
    flow.Text(
        StaffText("Questionnaire files (.json) on USB sticks and in {0}:", m_services.exportDir.string()),
        "where", colors::kMuted);
    if (flow.Button("rescan", StaffText("Look again"), ButtonStyle::Secondary)) ScanMedia();
    if (m_mediaFiles.empty())
        flow.Text(StaffText("No questionnaire files found. Put in a USB stick and tap \"{0}\".",
                            StaffText("Look again")),
                  "no_files", colors::kMuted);
    const std::vector<std::filesystem::path> files = m_mediaFiles; // importing may rescan
    for (const std::filesystem::path& file : files) {
        if (!flow.Button("file:" + file.string(), file.string(), ButtonStyle::Secondary)) continue;
        ParsedQuestionnaire parsed = LoadQuestionnaireFile(file);
        if (parsed.HasErrors() || !parsed.questionnaire) {
            // Logged as the command line prints it; shown in the staff language.
            std::string english = "Not imported:";
            m_notice = StaffText("Not imported:");
            for (const ValidationProblem& problem : parsed.problems) {
                english += "\n" + FormatProblem(file.filename().string(), problem);
                m_notice += "\n" + file.filename().string() + ": " + problem.path + ": " +
                            (problem.severity == ValidationProblem::Severity::Warning
                                 ? StaffText("warning: {0}", StaffMessage(problem.message))
                                 : StaffMessage(problem.message));
            }
            LogError(english);
            continue;
        }
        Result<int> version = m_questionnaires.Import(*parsed.questionnaire);
        if (!version) {
            m_notice = Error(version.error());
            continue;
        }
        Audit("imported " + parsed.questionnaire->id + " version " + std::to_string(*version) + " from " +
              file.string());
        m_notice = StaffText("Imported \"{0}\" as version {1}. Tap \"{2}\" to use it.",
                             PickText(parsed.questionnaire->title, parsed.questionnaire->DefaultLanguage()),
                             *version, StaffText("Show on kiosk"));
        Show(StaffScreen::Questionnaires, now);
        break;
    }
    EndStaffContent(flow);
    return request;
}

} // namespace ik
