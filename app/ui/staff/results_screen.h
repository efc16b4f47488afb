// The results screen in staff mode: a branch manager picks a questionnaire and a period and sees each
// outcome against its target (value, interval, n, a trend by week or month), the answers to every
// question as bars, and where visitors stopped; and exports the same selection as CSV, XLSX or JSON.
// Figures come from core/indicators.h through report/summary.h, computed on a worker thread with its
// own SQLite connection when the choice changes, never per frame (a million responses take seconds).
//
// Index
//   [SECTION] Periods   what "last 4 weeks" etc. mean in dates (tested on their own)
//   [SECTION] Screen    ResultsScreen
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "core/indicators.h"
#include "core/questionnaire.h"
#include "store/database.h"
#include "ui/staff/staff_widgets.h"

namespace ik {

// [SECTION] Periods

enum class ResultsPeriod { Last4Weeks, Last12Months, ThisYear, All, Custom };

// The id part of `period:<name>` in the automation dump: "4_weeks", "12_months", "this_year", "all",
// "custom".
const char* ResultsPeriodName(ResultsPeriod period);

// Inclusive local dates "YYYY-MM-DD"; empty: no limit on that side.
struct DateRange {
    std::string from;
    std::string to;
};

// The dates a period covers on local date `today` ("YYYY-MM-DD"): the last 4 weeks are today and the
// 27 days before it; the last 12 months start the day after the same date a year ago; this year starts
// on 1 January. All and Custom have no limits here (Custom's come from what staff type).
DateRange PeriodDates(ResultsPeriod period, const std::string& today);

// Checks what staff typed for a custom period; an empty string when it is fine, else why not.
std::string CheckCustomRange(const DateRange& range);

// [SECTION] Screen

// What the results screen needs from staff mode.
struct ResultsServices {
    Database* db = nullptr; // the UI thread's connection: the questionnaire list only
    int minGroupSize = 5;   // [privacy] min_group_size
    std::function<WallClock::time_point()> wallNow = [] { return WallClock::now(); };
    // Where an export goes now: a writable USB stick, else the kiosk's export folder.
    std::function<std::filesystem::path()> exportFolder;
    std::filesystem::path exportDir; // the kiosk's export folder, to say "no USB stick found"
    std::function<void(const std::string&)> audit;
    std::function<void()> beforeExport; // tests only: runs on the worker before an export writes
};

class ResultsScreen {
public:
    enum class Action { None, Back };

    explicit ResultsScreen(ResultsServices services);
    // Cancels a computation and waits for the worker (an export is finished first: staff mode keeps
    // a screen that is exporting until Poll() has seen the end, so this does not wait on the UI).
    ~ResultsScreen();
    ResultsScreen(const ResultsScreen&) = delete;
    ResultsScreen& operator=(const ResultsScreen&) = delete;

    // Entering the screen: the questionnaires that can be shown, and the figures for the current
    // choice (the active questionnaire, the last 12 months, on first entry).
    void Open(const std::string& activeQuestionnaire);
    Action Draw(UiContext& ui, KeyboardState& keyboard);
    // Takes what the worker finished since the last call; true when the screen must be drawn again
    // (new figures, an export's outcome, or progress while it works).
    bool Poll();
    // Work is running in the background (the loop should look at Poll() again soon).
    bool Busy() const { return m_job != nullptr; }
    // An export is being written (it is not cancelled: the screen is kept until it is done).
    bool Exporting() const;

private:
    struct Job;
    struct Choice {
        std::string questionnaireId;
        ResultsPeriod period = ResultsPeriod::Last12Months;
        DateRange range; // the dates, for every period (empty sides: no limit)
        bool operator<(const Choice& other) const;
    };
    struct Computed {
        IndicatorReport report;
        double seconds = 0;     // how long it took
        std::string computedAt; // local time "HH:MM"
    };
    struct QuestionnaireChoice {
        std::string id;
        std::string title;
        std::int64_t responses = 0; // all versions
    };

    void Choose(Choice choice);
    void StartCompute();
    void StartExport(const std::string& format);
    void StartJob(std::shared_ptr<Job> job);
    // Cancels a computation that is no longer wanted and waits for the worker.
    void StopJob();
    const Questionnaire* Definition(const std::string& id);
    std::string PeriodText() const;

    void DrawChoices(StaffFlow& flow, KeyboardState& keyboard);
    void DrawExports(StaffFlow& flow);
    void DrawFigures(StaffFlow& flow, const Computed& computed);
    void DrawOutcomes(StaffFlow& flow, const IndicatorReport& report, const Questionnaire& q);
    void DrawQuestions(StaffFlow& flow, const IndicatorReport& report, const Questionnaire& q);
    void DrawDropOff(StaffFlow& flow, const IndicatorReport& report, const Questionnaire& q);

    ResultsServices m_services;
    std::vector<QuestionnaireChoice> m_questionnaires;
    std::map<std::string, Questionnaire> m_definitions; // newest version of each, loaded on demand
    Choice m_choice;
    std::map<std::string, std::string> m_customText; // "from", "to" as typed
    std::string m_customProblem;
    bool m_customOpen = false;
    // Reports already computed in this visit to the screen (staff mode takes no answers meanwhile).
    std::map<Choice, Computed> m_computed;
    std::string m_problem;      // the last computation's failure
    std::string m_exportNotice; // where the last export went, or why it failed
    bool m_exportFailed = false;
    bool m_jumpToExports = false; // scroll to the export buttons in the next frame
    bool m_revealNotice = false;  // the export notice changed: scroll it into view if it is below

    std::shared_ptr<Job> m_job; // the running job; null when idle
    std::thread m_worker;
    std::int64_t m_shownProgress = -1;
};

} // namespace ik
