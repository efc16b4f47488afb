// Staff mode: behind a 3-second hold on the hidden corner and the staff PIN, staff see the kiosk's
// health (home), manage questionnaires (activate, preview, import from a USB stick, export,
// duplicate, new from a template, edit) and go back to visitors. It logs itself out after two idle
// minutes, and every action goes into the audit log. Its words are in the staff language ([staff]
// language, staff_text.h). Owns no window: KioskApp draws it in its frame.
#pragma once

#include <filesystem>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/config.h"
#include "core/questionnaire.h"
#include "core/schedule.h"
#include "store/database.h"
#include "store/questionnaire_store.h"
#include "store/staff_access.h"
#include "ui/staff/staff_text.h"
#include "ui/staff/staff_widgets.h"

namespace ik {

class QuestionnaireEditor;
class ResultsScreen;

// What staff mode needs from the rest of the kiosk.
struct StaffServices {
    Database* db = nullptr; // the UI thread's connection; null: no staff mode
    std::string kioskId;
    std::string branch;
    std::string appVersion;
    std::filesystem::path dataDir;
    bool syncConfigured = false;
    std::function<void()> syncNow; // asks the sync worker to try now; empty when sync is off
    // Where USB sticks are mounted (each directory below is a stick), and where exports go when
    // there is none.
    std::vector<std::filesystem::path> mediaRoots = {"/media"};
    std::filesystem::path exportDir;
    std::function<WallClock::time_point()> wallNow = [] { return WallClock::now(); };
    // The settings as loaded, and where the settings screen saves them.
    KioskConfig config;
    std::filesystem::path configFile;
    // Which languages the read-aloud voice speaks (empty: none; staff see which texts cannot be read).
    std::function<bool(std::string_view)> speaks;
    // Why visitors hear nothing (no sound output, no espeak-ng data); empty while read-aloud works.
    std::function<std::string()> speechProblem;
    // Tests only: runs on the export's worker thread before it writes (to hold it there).
    std::function<void()> beforeExport;
    // Tests only: runs on the PIN's worker thread before it hashes (to hold it there).
    std::function<void()> beforePinHash;
};

struct StaffOptions {
    double idleLogout = 120; // seconds without input
};

// What staff mode asks KioskApp to do.
struct StaffRequest {
    enum class Kind { None, Leave, ShowQuestionnaire, Preview, ApplySettings, ApplySchedule };
    Kind kind = Kind::None;
    Questionnaire questionnaire; // ShowQuestionnaire (now active), Preview; ApplySchedule: its id
    KioskConfig config;          // ApplySettings
};

enum class StaffScreen {
    Closed,
    Pin,
    SetPin,
    Locked,
    Home,
    Questionnaires,
    Import,
    Editor,
    Settings,
    Schedule,
    Results
};

class StaffMode {
public:
    StaffMode(StaffServices services, StaffOptions options = {});
    ~StaffMode();

    bool Enabled() const { return m_services.db != nullptr; }
    bool Active() const { return m_screen != StaffScreen::Closed; }
    StaffScreen Screen() const { return m_screen; }
    // The corner was held: the PIN pad, the "choose a PIN" pad, or the locked notice.
    void Open(double now);
    // Back to the questionnaire list after a preview ended.
    void ReturnFromPreview(double now);
    std::string ScreenId() const;

    // One frame of the current staff screen, inside KioskApp's full-screen window.
    StaffRequest Frame(UiContext& ui, double now);
    // The idle logout and the lock's end; true when the screen changed.
    bool Tick(double now);
    double NextWakeTime(double now) const;
    void NoteInput(double now) { m_lastInput = now; }
    KeyboardState& Keyboard() { return m_keyboard; }
    // The schedule staff set for questionnaire `id` (always open when none, or without staff mode).
    Schedule ScheduleFor(const std::string& id);
    // Work finished or progressed in the background (the PIN check, the results screen's figures):
    // true when the screen must be drawn again.
    bool PollBackground();
    // The PIN just typed is being checked (or a new one hashed) on the worker; the pad waits.
    bool CheckingPin() const { return m_pinWork.has_value(); }

private:
    void Show(StaffScreen screen, double now);
    void Close(const std::string& why);
    void Audit(const std::string& what);
    void RefreshHome();
    void RefreshQuestionnaires();
    void ScanMedia();
    // A writable USB stick, else the kiosk's export folder.
    std::filesystem::path ExportFolder() const;
    // A problem for staff: logged in English, returned in the staff language. `message` comes from
    // a layer below; `what`'s details are such messages (or names), translated where known.
    std::string Error(const std::string& message);
    template <typename... Args> std::string Error(StaffTextKey what, const Args&... args) {
        LogError(StaffTextIn(StaffLanguage::English, what, args...));
        return StaffText(what, StaffMessage(staff_text_detail::Arg(args))...);
    }
    static void LogError(const std::string& english);

    StaffRequest DrawPin(UiContext& ui, double now);
    StaffRequest DrawLocked(UiContext& ui, double now);
    StaffRequest DrawHome(UiContext& ui, double now);
    StaffRequest DrawQuestionnaires(UiContext& ui, double now);
    StaffRequest DrawImport(UiContext& ui, double now);
    StaffRequest DrawEditor(UiContext& ui, double now);
    StaffRequest DrawSettings(UiContext& ui, double now);
    StaffRequest DrawSchedule(UiContext& ui, double now);
    StaffRequest DrawResults(UiContext& ui, double now);
    void StartSettings();
    // "Read aloud is off: ..." when the kiosk has no sound; nothing when it has.
    void SpeechProblemLine(StaffFlow& flow) const;

    StaffServices m_services;
    StaffOptions m_options;
    StaffAccess m_access;
    QuestionnaireStore m_questionnaires;
    StaffScreen m_screen = StaffScreen::Closed;
    double m_lastInput = 0;
    double m_tickedAt = 0; // the clock at the last Tick: when background work is taken in
    KeyboardState m_keyboard;

    // PIN pad
    std::string m_pin;
    std::string m_firstPin; // choosing a PIN: the first entry, waiting for the repeat
    std::string m_pinMessage;
    std::optional<WallClock::time_point> m_lockedUntil;
    // Argon2id takes ~66 ms, to check a PIN or to hash a new one: it runs on a worker, so the frame
    // after OK is not late. The database stays on this thread: BeginCheck before, FinishCheck (or
    // StorePinHash) after, when PollBackground (between frames) sees the worker done.
    struct PinWork {
        std::string storedHash;                  // checking: what the PIN is compared with
        std::future<bool> matched;               // checking
        std::future<Result<std::string>> hashed; // choosing: the new PIN's hash
    };
    std::optional<PinWork> m_pinWork;
    bool PinWorkDone() const;
    // What OK does with the digits typed: check them, or take them as the new PIN (asked twice).
    void TakePin(const std::string& pin, double now);
    void StartPinCheck(const std::string& pin, double now);
    void FinishPinWork(double now);

    // Home
    struct HomeFigures {
        std::int64_t today = 0, total = 0, pending = 0, quarantined = 0;
        std::string lastSyncOk, lastSyncError, active, disk, problem;
        bool diskLow = false;
        double refreshedAt = -1;
    } m_home;
    std::string m_notice; // one line for the next screen: "Activated ...", or a problem

    // Questionnaires
    std::vector<QuestionnaireInfo> m_list;
    std::map<std::string, std::string> m_voiceNotes; // "id:version" -> what cannot be read aloud
    std::vector<std::filesystem::path> m_mediaFiles;
    std::unique_ptr<QuestionnaireEditor> m_editor;
    std::unique_ptr<ResultsScreen> m_results; // while the results screen is open
    // Results screens left (Back, sign-out) while an export was being written: kept, off screen,
    // until the file is complete and audited. The UI never waits for an export.
    std::vector<std::unique_ptr<ResultsScreen>> m_finishingExports;
    void LeaveResults();

    // Settings: the draft being edited, number fields as typed, a new token, problems per key.
    KioskConfig m_draft;
    std::map<std::string, std::string> m_settingsText;
    std::vector<ConfigProblem> m_settingsProblems;
    bool m_changingPin = false; // the PIN pad was opened from settings

    // Schedule of one questionnaire, as typed.
    std::string m_scheduleId;
    std::map<std::string, std::string> m_scheduleText;
    unsigned m_scheduleDays = 0x7F;
    std::string m_scheduleProblem;
};

} // namespace ik
