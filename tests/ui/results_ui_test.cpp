// Headless tests of the results screen: a store filled with known responses shows the figures a
// hand calculation gives (value, interval, target, n); figures below min_group_size show no value;
// the period buttons change what is counted; the export buttons write files that exist and say
// where; and the page fits 1280x800, 1080x1920 and 800x480 with finger-sized, non-overlapping
// targets. The period dates are tested on their own.
#include <atomic>
#include <fstream>
#include <future>
#include <regex>
#include <thread>

#include "headless_kiosk.h"
#include "report/summary.h"
#include "store/staff_access.h"
#include "support/wait_until.h"
#include "ui/staff/results_screen.h"

namespace ik {
namespace {

// [SECTION] Periods

TEST(ResultsPeriods, DatesAreCountedBackFromToday) {
    EXPECT_EQ(PeriodDates(ResultsPeriod::Last4Weeks, "2026-11-21").from, "2026-10-25");
    EXPECT_EQ(PeriodDates(ResultsPeriod::Last4Weeks, "2026-11-21").to, "2026-11-21");
    EXPECT_EQ(PeriodDates(ResultsPeriod::Last4Weeks, "2026-03-01").from, "2026-02-02");
    EXPECT_EQ(PeriodDates(ResultsPeriod::Last12Months, "2026-11-21").from, "2025-11-22");
    EXPECT_EQ(PeriodDates(ResultsPeriod::Last12Months, "2028-02-29").from, "2027-03-01");
    EXPECT_EQ(PeriodDates(ResultsPeriod::Last12Months, "2026-12-31").from, "2026-01-01");
    EXPECT_EQ(PeriodDates(ResultsPeriod::ThisYear, "2026-11-21").from, "2026-01-01");
    EXPECT_EQ(PeriodDates(ResultsPeriod::All, "2026-11-21").from, "");
    EXPECT_EQ(PeriodDates(ResultsPeriod::All, "2026-11-21").to, "");
}

TEST(ResultsPeriods, ACustomRangeMustBeDatesInOrder) {
    SetStaffLanguage(StaffLanguage::English); // the reasons are staff text
    EXPECT_EQ(CheckCustomRange({"2026-01-01", "2026-06-30"}), "");
    EXPECT_EQ(CheckCustomRange({"", "2026-06-30"}), "");
    EXPECT_EQ(CheckCustomRange({"", ""}), "");
    EXPECT_NE(CheckCustomRange({"2026-13-01", ""}), "");
    EXPECT_NE(CheckCustomRange({"1-1-2026", ""}), "");
    EXPECT_NE(CheckCustomRange({"2026-02-30", ""}), "");
    EXPECT_NE(CheckCustomRange({"2026-06-30", "2026-01-01"}).find("after"), std::string::npos);
    SetStaffLanguage(StaffLanguage::Dutch);
    EXPECT_EQ(CheckCustomRange({"2026-06-30", "2026-01-01"}), "de eerste dag ligt na de laatste dag");
    EXPECT_EQ(CheckCustomRange({"2026-13-01", ""}), "\"2026-13-01\" is geen datum zoals 2026-01-31");
}

// [SECTION] The screen

class ResultsUi : public ::testing::Test {
protected:
    static KioskAppOptions Options() {
        KioskAppOptions options;
        options.staff.idleLogout = 600;
        return options;
    }
    // The figures' wording is asserted in English here (the Dutch is checked by KnownResponsesInDutch
    // and by the walk through every staff screen in staff_language_test.cpp).
    static std::unique_ptr<HeadlessKiosk> Kiosk(float width = 1280, float height = 800, float pixelsPerMm = 0,
                                                StaffLanguage language = StaffLanguage::English) {
        return std::make_unique<HeadlessKiosk>(Sample(), width, height, Options(), pixelsPerMm, true,
                                               std::filesystem::path(), language);
    }
    static void OpenResults(HeadlessKiosk& kiosk) {
        ASSERT_TRUE(StaffAccess(kiosk.Db()).SetPin("2468", WallClock::now()));
        kiosk.Hold("staff_corner", 3.2);
        ASSERT_EQ(kiosk.Screen(), "staff_pin");
        kiosk.EnterPin("2468");
        ASSERT_EQ(kiosk.Screen(), "staff_home");
        kiosk.Tap("results");
        ASSERT_EQ(kiosk.Screen(), "staff_results");
        WaitForFigures(kiosk);
    }
    // The label of `id`, scrolling the page to it first when it is out of view.
    static std::string Label(HeadlessKiosk& kiosk, const std::string& id) {
        if (!kiosk.Find(id)) kiosk.ScrollTo(id);
        const DumpElement* e = kiosk.Find(id);
        EXPECT_NE(e, nullptr) << id << " on " << kiosk.Screen() << ": " << kiosk.Ids();
        return e ? e->label : std::string();
    }
    // Draws frames (real time passes: the figures come from a worker thread) until `done`.
    template <typename Done> static bool WaitUntil(HeadlessKiosk& kiosk, Done done) {
        return test::WaitUntil([&] {
            kiosk.Frame(false);
            return done();
        });
    }
    static void WaitForFigures(HeadlessKiosk& kiosk) {
        ASSERT_TRUE(WaitUntil(kiosk, [&] {
            const DumpElement* status = kiosk.Find("results_status");
            return status && (status->label.find("Computed at") != std::string::npos ||
                              status->label.find("Berekend om") != std::string::npos);
        })) << kiosk.Ids();
    }
    static std::string WaitForExport(HeadlessKiosk& kiosk, const std::string& button) {
        kiosk.ScrollAndTap(button);
        std::string notice;
        EXPECT_TRUE(WaitUntil(kiosk, [&] {
            const DumpElement* e = kiosk.Find("export_notice");
            notice = e ? e->label : "";
            return notice.rfind("Saved ", 0) == 0 || notice.rfind("Not saved", 0) == 0;
        })) << notice;
        return notice;
    }
    static bool Has(const std::string& text, const std::string& part) {
        return text.find(part) != std::string::npos;
    }
};

TEST_F(ResultsUi, KnownResponsesShowTheFiguresAHandCalculationGives) {
    auto kiosk = Kiosk();
    AddKnownResponses(kiosk->Db());
    OpenResults(*kiosk);
    // The last 12 months (the default): all 13.
    EXPECT_TRUE(Has(Label(*kiosk, "results_status"), "13 responses")) << Label(*kiosk, "results_status");
    EXPECT_TRUE(Label(*kiosk, "results_questionnaire:digital_skills_confidence").size() > 0);
    EXPECT_TRUE(kiosk->Find("period:12_months")->selected);

    kiosk->Tap("period:4_weeks");
    WaitForFigures(*kiosk);
    EXPECT_TRUE(kiosk->Find("period:4_weeks")->selected);
    EXPECT_TRUE(Has(Label(*kiosk, "results_status"), "10 responses")) << Label(*kiosk, "results_status");
    EXPECT_TRUE(Has(Label(*kiosk, "results_counts"), "10 responses: 10 completed"))
        << Label(*kiosk, "results_counts");

    // 8 of 10 agree: 80%, Wilson 95% interval 49.0% to 94.3%, target 75%: met.
    const std::string knowledge = Label(*kiosk, "outcome:knowledge");
    for (const char* part :
         {"agree or strongly agree 80%", "target 75%, met", "n = 10", "interval 49% to 94%"})
        EXPECT_TRUE(Has(knowledge, part)) << part << " in " << knowledge;
    // "Don't know" is left out of the denominator: 6 of 8 = 75%.
    const std::string confidence = Label(*kiosk, "outcome:confidence");
    for (const char* part : {"75%", "target 70%, met", "n = 8"})
        EXPECT_TRUE(Has(confidence, part)) << part << " in " << confidence;
    // Mean grade 7.5 against a target of 7.5 (met: value >= target), and 9 of 10 would recommend.
    const std::string grade = Label(*kiosk, "outcome:satisfaction");
    for (const char* part : {"mean grade (1 to 10) 7.5", "target 7.5, met", "n = 10"})
        EXPECT_TRUE(Has(grade, part)) << part << " in " << grade;
    const std::string recommend = Label(*kiosk, "outcome:satisfaction:2");
    for (const char* part : {"said yes 90%", "target 80%, met", "n = 10"})
        EXPECT_TRUE(Has(recommend, part)) << part << " in " << recommend;
    // Nobody answered will_use: no value, not a 0%.
    const std::string application = Label(*kiosk, "outcome:application");
    EXPECT_TRUE(Has(application, "no answers")) << application;
    EXPECT_TRUE(Has(application, "n = 0")) << application;

    // The same figures as the report the exports and the CLI use.
    Questionnaire q = Sample();
    ResponseQuery query;
    query.questionnaireId = q.id;
    query.fromLocalDate = "2026-10-25";
    query.toLocalDate = "2026-11-21";
    Result<IndicatorReport> report = ComputeIndicatorsFromStore(ResponseStore(kiosk->Db()), q, query, {});
    ASSERT_TRUE(report);
    EXPECT_DOUBLE_EQ(*report->indicators[0].figure.value, 80.0);

    // Bars per question: the distribution with counts, and the measures under it.
    ASSERT_TRUE(kiosk->ScrollTo("question:learned"));
    const std::string learned = Label(*kiosk, "question:learned");
    for (const char* part : {"n = 10", "Mee eens 40% (4)", "Helemaal mee eens 40% (4)", "Mee oneens 20% (2)",
                             "Agree or strongly agree: 80% (95% interval 49% to 94%), n = 10"})
        EXPECT_TRUE(Has(learned, part)) << part << " in " << learned;
    ASSERT_TRUE(kiosk->ScrollTo("question:confident"));
    EXPECT_TRUE(Has(Label(*kiosk, "question:confident"), "Weet ik niet 20% (2)"))
        << Label(*kiosk, "question:confident");
    // why_not was answered once: below the threshold, so no distribution and no value at all.
    ASSERT_TRUE(kiosk->ScrollTo("question:why_not"));
    const std::string whyNot = Label(*kiosk, "question:why_not");
    EXPECT_TRUE(Has(whyNot, "fewer than 5 answers")) << whyNot;
    EXPECT_FALSE(std::regex_search(whyNot, std::regex("[0-9]%"))) << whyNot;
    // Drop-off: completed responses reach every question on their path, none stopped.
    ASSERT_TRUE(kiosk->ScrollTo("dropoff:learned"));
    EXPECT_TRUE(Has(Label(*kiosk, "dropoff:learned"), "0% (0 of 10)")) << Label(*kiosk, "dropoff:learned");
}

TEST_F(ResultsUi, KnownResponsesInDutchWithDutchNumbers) {
    auto kiosk = Kiosk(1280, 800, 0, StaffLanguage::Dutch);
    AddKnownResponses(kiosk->Db());
    OpenResults(*kiosk);
    EXPECT_TRUE(Has(Label(*kiosk, "results_status"),
                    "Laatste 12 maanden (22 nov 2025 t/m 21 nov 2026): 13 reacties."))
        << Label(*kiosk, "results_status");
    EXPECT_TRUE(Has(Label(*kiosk, "results_status"), "Berekend om")) << Label(*kiosk, "results_status");
    EXPECT_EQ(Label(*kiosk, "period:4_weeks"), "Laatste 4 weken");
    kiosk->Tap("period:4_weeks");
    WaitForFigures(*kiosk);
    EXPECT_TRUE(Has(Label(*kiosk, "results_counts"), "10 reacties: 10 helemaal ingevuld"))
        << Label(*kiosk, "results_counts");
    const std::string knowledge = Label(*kiosk, "outcome:knowledge");
    for (const char* part :
         {"eens of helemaal eens 80%", "streefcijfer 75%, gehaald", "n = 10", "95%-interval 49% tot 94%"})
        EXPECT_TRUE(Has(knowledge, part)) << part << " in " << knowledge;
    // A decimal comma, as Dutch staff write it.
    const std::string grade = Label(*kiosk, "outcome:satisfaction");
    for (const char* part : {"gemiddeld cijfer (1 tot 10) 7,5", "streefcijfer 7,5, gehaald"})
        EXPECT_TRUE(Has(grade, part)) << part << " in " << grade;
    EXPECT_TRUE(Has(Label(*kiosk, "outcome:application"), "geen antwoorden"))
        << Label(*kiosk, "outcome:application");
    ASSERT_TRUE(kiosk->ScrollTo("question:why_not"));
    EXPECT_TRUE(Has(Label(*kiosk, "question:why_not"), "minder dan 5 antwoorden"))
        << Label(*kiosk, "question:why_not");
    ASSERT_TRUE(kiosk->ScrollTo("dropoff:learned"));
    EXPECT_TRUE(Has(Label(*kiosk, "dropoff:learned"), "0% (0 van 10)")) << Label(*kiosk, "dropoff:learned");
}

TEST_F(ResultsUi, FiguresBelowTheThresholdShowNoValueAndDropOffIsCounted) {
    auto kiosk = Kiosk();
    // Three responses: every figure is below min_group_size (5).
    for (int i = 0; i < 3; ++i)
        AddResponse(kiosk->Db(), "2026-11-1" + std::to_string(i) + "T10:00:00Z", {{"learned", "5"}});
    // And seven who stopped at the second question: drop-off there is 7 of 10.
    for (int i = 0; i < 7; ++i)
        AddResponse(kiosk->Db(), "2026-11-1" + std::to_string(i) + "T11:00:00Z", {{"learned", "4"}},
                    ResponseStatus::Abandoned);
    OpenResults(*kiosk);
    EXPECT_TRUE(Has(Label(*kiosk, "results_counts"), "10 responses: fewer than 5 completed, 7 stopped"))
        << Label(*kiosk, "results_counts");
    // learned: 10 answers, shown. confidence: 3 answers (the completed ones reached it but skipped
    // it), so nothing but n.
    EXPECT_TRUE(Has(Label(*kiosk, "outcome:knowledge"), "100%")) << Label(*kiosk, "outcome:knowledge");
    const std::string grade = Label(*kiosk, "outcome:satisfaction");
    EXPECT_TRUE(Has(grade, "no answers")) << grade;
    ASSERT_TRUE(kiosk->ScrollTo("dropoff:confident"));
    EXPECT_TRUE(Has(Label(*kiosk, "dropoff:confident"), "70% (7 of 10)"))
        << Label(*kiosk, "dropoff:confident");
    EXPECT_TRUE(Has(Label(*kiosk, "dropoff:grade"), "fewer than 5 got here"))
        << Label(*kiosk, "dropoff:grade");
}

TEST_F(ResultsUi, AnOutcomeWithFewerAnswersThanTheThresholdShowsOnlyN) {
    auto kiosk = Kiosk();
    for (int i = 0; i < 3; ++i)
        AddResponse(kiosk->Db(), "2026-11-1" + std::to_string(i) + "T10:00:00Z",
                    {{"learned", i == 0 ? "2" : "5"}, {"grade", 9}});
    OpenResults(*kiosk);
    EXPECT_TRUE(Has(Label(*kiosk, "results_counts"), "fewer than 5 responses"))
        << Label(*kiosk, "results_counts");
    for (const char* id : {"outcome:knowledge", "outcome:satisfaction"}) {
        const std::string label = Label(*kiosk, id);
        EXPECT_TRUE(Has(label, "fewer than 5 answers")) << label;
        EXPECT_TRUE(Has(label, "n = 3")) << label;
        EXPECT_FALSE(Has(label, "interval")) << label;
        // The only number with a % or a decimal point is the target.
        std::smatch match;
        std::string rest = label;
        while (std::regex_search(rest, match, std::regex("[0-9.]+%|[0-9]+\\.[0-9]"))) {
            EXPECT_TRUE(match.str() == "75%" || match.str() == "7.5") << match.str() << " in " << label;
            rest = match.suffix();
        }
    }
    ASSERT_TRUE(kiosk->ScrollTo("question:learned"));
    const std::string learned = Label(*kiosk, "question:learned");
    EXPECT_TRUE(Has(learned, "fewer than 5 answers")) << learned;
    EXPECT_FALSE(std::regex_search(learned, std::regex("[0-9]%"))) << learned;
}

TEST_F(ResultsUi, ExportsWriteTheChosenPeriodToTheStickAndSayWhere) {
    auto kiosk = Kiosk();
    AddKnownResponses(kiosk->Db());
    // No stick yet: the kiosk's export folder, and the notice says so.
    OpenResults(*kiosk);
    std::string notice = WaitForExport(*kiosk, "export:csv");
    const std::filesystem::path local =
        kiosk->Dir() / "exports" / "digital_skills_confidence_2025-11-22_2026-11-21.csv";
    EXPECT_EQ(notice, "Saved 13 responses to " + local.string() +
                          "  (no USB stick found: this is the kiosk's export folder)");
    EXPECT_TRUE(std::filesystem::exists(local));

    const std::filesystem::path stick = kiosk->Dir() / "media" / "STICK";
    std::filesystem::create_directories(stick);
    kiosk->ScrollAndTap("period:4_weeks");
    WaitForFigures(*kiosk);
    for (const char* format : {"csv", "xlsx", "json"}) {
        notice = WaitForExport(*kiosk, std::string("export:") + format);
        const std::filesystem::path file =
            stick / (std::string("digital_skills_confidence_2026-10-25_2026-11-21.") + format);
        EXPECT_EQ(notice, "Saved 10 responses to " + file.string()) << format;
        EXPECT_TRUE(std::filesystem::exists(file)) << file;
        EXPECT_GT(std::filesystem::file_size(file), 100u) << file;
    }
    // The CSV is the Dutch kind: ';' between fields.
    std::ifstream csv(stick / "digital_skills_confidence_2026-10-25_2026-11-21.csv");
    std::string header;
    std::getline(csv, header);
    EXPECT_TRUE(Has(header, ";learned;")) << header;
    // The JSON holds exactly the period's responses.
    std::ifstream json(stick / "digital_skills_confidence_2026-10-25_2026-11-21.json");
    EXPECT_EQ(nlohmann::json::parse(json).size(), 10u);
}

// Regression: leaving the screen while an export was being written froze the kiosk until the file
// was done (long enough for the systemd watchdog, on a big store), and the export, though written,
// never reached the audit log. Now the screen is left at once and the export finishes behind it.
TEST_F(ResultsUi, LeavingDuringAnExportDoesNotWaitAndTheExportIsStillAudited) {
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    std::atomic<bool> holding{false};
    HeadlessKiosk::adjustStaffServices = [&](StaffServices& services) {
        services.beforeExport = [&holding, released] {
            holding = true;
            released.wait_for(std::chrono::seconds(10));
        };
    };
    auto kiosk = Kiosk();
    HeadlessKiosk::adjustStaffServices = nullptr;
    AddKnownResponses(kiosk->Db());
    OpenResults(*kiosk);
    kiosk->ScrollAndTap("export:csv");
    ASSERT_TRUE(WaitUntil(*kiosk, [&] { return holding.load(); }));
    // The export is held on its worker: Back must not wait for it.
    const auto before = std::chrono::steady_clock::now();
    kiosk->Tap("back");
    EXPECT_EQ(kiosk->Screen(), "staff_home");
    EXPECT_LT(std::chrono::steady_clock::now() - before, std::chrono::seconds(5))
        << "Back waited for the export";
    release.set_value();
    const std::filesystem::path file =
        kiosk->Dir() / "exports" / "digital_skills_confidence_2025-11-22_2026-11-21.csv";
    EXPECT_TRUE(WaitUntil(*kiosk, [&] {
        Result<std::vector<AuditEntry>> audit = StaffAccess(kiosk->Db()).RecentAudit(5);
        return audit && std::any_of(audit->begin(), audit->end(), [](const AuditEntry& e) {
                   return Has(e.what, "exported results (csv, 13 responses)");
               });
    })) << "the export is not in the audit log";
    EXPECT_TRUE(std::filesystem::exists(file)) << file;
}

// Regression: on a portrait screen the notice fell below the export buttons, so staff tapped "Save"
// and saw nothing happen. The notice must come into view by itself.
TEST_F(ResultsUi, OnAPortraitScreenTheExportNoticeComesIntoView) {
    auto kiosk = Kiosk(1080, 1920);
    AddKnownResponses(kiosk->Db());
    OpenResults(*kiosk);
    const std::string notice = WaitForExport(*kiosk, "export:csv");
    EXPECT_EQ(notice.rfind("Saved 13 responses to ", 0), 0u) << notice;
    const DumpElement* shown = kiosk->Find("export_notice");
    ASSERT_NE(shown, nullptr);
    EXPECT_LE(shown->y + shown->h, 1920.0f);
}

TEST_F(ResultsUi, ACustomPeriodIsTypedAndCheckedAndAllShowsEverything) {
    auto kiosk = Kiosk();
    AddKnownResponses(kiosk->Db());
    AddResponse(kiosk->Db(), "2020-01-15T10:00:00Z", {{"learned", "3"}});
    OpenResults(*kiosk);
    kiosk->Tap("period:all");
    WaitForFigures(*kiosk);
    EXPECT_TRUE(Has(Label(*kiosk, "results_status"), "14 responses")) << Label(*kiosk, "results_status");
    kiosk->Tap("period:custom");
    // On a 1280x800 screen the on-screen keyboard takes the whole screen until "Done".
    kiosk->ScrollAndTap("period_from");
    kiosk->TypeOnKeyboard("2026-06-01");
    kiosk->Tap("key:done");
    kiosk->ScrollAndTap("period_to");
    kiosk->TypeOnKeyboard("2026-05-01");
    kiosk->Tap("key:done");
    kiosk->ScrollAndTap("period_apply");
    EXPECT_TRUE(Has(Label(*kiosk, "period_from:problem"), "after")) << kiosk->Ids();
    kiosk->ScrollAndTap("period_to");
    for (int i = 0; i < 10; ++i)
        kiosk->Tap("key:back", 0.05);
    kiosk->TypeOnKeyboard("2026-06-30");
    kiosk->Tap("key:done");
    kiosk->ScrollAndTap("period_apply");
    WaitForFigures(*kiosk);
    const std::string status = Label(*kiosk, "results_status");
    EXPECT_TRUE(Has(status, "1 Jun 2026 to 30 Jun 2026")) << status;
    EXPECT_TRUE(Has(status, "3 responses")) << status;
    EXPECT_TRUE(kiosk->Find("period:custom")->selected);
}

// [SECTION] Layout

class ResultsLayout : public ::testing::TestWithParam<std::pair<float, float>> {};

TEST_P(ResultsLayout, ThePageFitsAndEveryTargetIsFingerSized) {
    const auto [width, height] = GetParam();
    const float pixelsPerMm = width == 800.0f ? 800.0f / 154.0f : 0.0f;
    const float minimum = pixelsPerMm > 0 ? 12 * pixelsPerMm : 45.0f;
    HeadlessKiosk kiosk(Sample(), width, height, KioskAppOptions{}, pixelsPerMm, true);
    AddKnownResponses(kiosk.Db());
    ASSERT_TRUE(StaffAccess(kiosk.Db()).SetPin("2468", WallClock::now()));
    kiosk.Hold("staff_corner", 3.2);
    kiosk.EnterPin("2468");
    ASSERT_EQ(kiosk.Screen(), "staff_home");
    kiosk.Tap("results");
    auto check = [&] { ExpectUsableLayout(kiosk, width, height, minimum, 0.5f); };
    kiosk.Wait(0.5);
    check();
    for (const char* id : {"outcome:knowledge", "outcome:satisfaction:2", "question:learned",
                           "question:grade", "dropoff:why_not"}) {
        ASSERT_TRUE(kiosk.ScrollTo(id)) << id;
        check();
    }
    ASSERT_TRUE(kiosk.ScrollTo("period:custom"));
    kiosk.Tap("period:custom");
    kiosk.ScrollAndTap("period_from");
    check(); // with the on-screen keyboard
}

INSTANTIATE_TEST_SUITE_P(Sizes, ResultsLayout,
                         ::testing::Values(std::pair{1280.0f, 800.0f}, std::pair{1080.0f, 1920.0f},
                                           std::pair{800.0f, 480.0f}));

} // namespace
} // namespace ik
