// Headless tests of staff mode: getting in (the corner hold, the PIN, choosing a first PIN), the
// lockout (also across a restart) and the idle logout; the PIN's hash on a worker, never in a frame; the home
// figures; the questionnaire list (activate, preview without recording, import from a stick); the editor's
// operations with the live validator; and versioning: saving over a questionnaire that has answers makes
// version N+1 and leaves the answers' meaning alone.
#include <atomic>
#include <fstream>
#include <future>
#include <thread>

#include "headless_kiosk.h"
#include "store/schedule_store.h"
#include "store/staff_access.h"

namespace ik {
namespace {

KioskAppOptions Options() {
    KioskAppOptions options;
    options.staff.idleLogout = 120;
    return options;
}

class StaffUi : public ::testing::Test {
protected:
    // Staff screens in Dutch (the default) unless a test asks for English.
    std::unique_ptr<HeadlessKiosk> Kiosk(float width = 1280, float height = 800,
                                         StaffLanguage language = StaffLanguage::Dutch) {
        return std::make_unique<HeadlessKiosk>(Sample(), width, height, Options(), 0.0f, true,
                                               std::filesystem::path(), language);
    }
    static void SetPin(HeadlessKiosk& kiosk, const char* pin) {
        ASSERT_TRUE(StaffAccess(kiosk.Db()).SetPin(pin, WallClock::now()));
    }
    static void EnterPin(HeadlessKiosk& kiosk, const std::string& pin) { kiosk.EnterPin(pin); }
    static void SignIn(HeadlessKiosk& kiosk, const char* pin = "2468") {
        kiosk.Hold("staff_corner", 3.2);
        ASSERT_EQ(kiosk.Screen(), "staff_pin");
        EnterPin(kiosk, pin);
        ASSERT_EQ(kiosk.Screen(), "staff_home");
    }
    static std::vector<std::string> Audit(HeadlessKiosk& kiosk) {
        std::vector<std::string> whats;
        const Result<std::vector<AuditEntry>> entries = StaffAccess(kiosk.Db()).RecentAudit(100);
        for (const AuditEntry& e : *entries)
            whats.insert(whats.begin(), e.what);
        return whats;
    }
    static std::string Label(HeadlessKiosk& kiosk, const std::string& id) {
        const DumpElement* e = kiosk.Find(id);
        EXPECT_NE(e, nullptr) << id << " on " << kiosk.Screen();
        return e ? e->label : std::string();
    }
};

// [SECTION] Getting in

TEST_F(StaffUi, ATapOrAShortHoldOnTheCornerShowsNothing) {
    auto kiosk = Kiosk();
    SetPin(*kiosk, "2468");
    const DumpElement* corner = kiosk->Find("staff_corner");
    ASSERT_NE(corner, nullptr);
    EXPECT_EQ(corner->label, ""); // nothing on it for a visitor to read
    kiosk->Tap("staff_corner");
    EXPECT_EQ(kiosk->Screen(), "attract");
    kiosk->Hold("staff_corner", 2.5);
    EXPECT_EQ(kiosk->Screen(), "attract");
    kiosk->Hold("staff_corner", 3.1);
    EXPECT_EQ(kiosk->Screen(), "staff_pin");
    // Never offered to a visitor mid-survey.
    kiosk->Tap("cancel");
    kiosk->Tap("start");
    EXPECT_EQ(kiosk->Find("staff_corner"), nullptr);
}

TEST_F(StaffUi, AKioskWithoutAPinAsksForOneTwice) {
    auto kiosk = Kiosk();
    kiosk->Hold("staff_corner", 3.2);
    ASSERT_EQ(kiosk->Screen(), "staff_set_pin");
    EnterPin(*kiosk, "12");
    EXPECT_NE(Label(*kiosk, "pin_message").find("4 tot 8 cijfers"), std::string::npos)
        << Label(*kiosk, "pin_message");
    EnterPin(*kiosk, "1357");
    EnterPin(*kiosk, "1358");
    EXPECT_NE(Label(*kiosk, "pin_message").find("verschillend"), std::string::npos);
    EXPECT_FALSE(*StaffAccess(kiosk->Db()).HasPin());
    EnterPin(*kiosk, "1357");
    EnterPin(*kiosk, "1357");
    EXPECT_EQ(kiosk->Screen(), "staff_home");
    Result<PinCheck> check = StaffAccess(kiosk->Db()).Check("1357", WallClock::now());
    EXPECT_EQ(check->outcome, PinCheck::Outcome::Accepted);
}

TEST_F(StaffUi, TheRightPinOpensStaffModeAndAWrongOneSaysHowManyTriesAreLeft) {
    auto kiosk = Kiosk();
    SetPin(*kiosk, "2468");
    kiosk->Hold("staff_corner", 3.2);
    EnterPin(*kiosk, "1111");
    EXPECT_EQ(kiosk->Screen(), "staff_pin");
    EXPECT_NE(Label(*kiosk, "pin_message").find("Nog 4 pogingen"), std::string::npos)
        << Label(*kiosk, "pin_message");
    EXPECT_EQ(Label(*kiosk, "pin_display"), ""); // cleared for the next try
    EnterPin(*kiosk, "2468");
    EXPECT_EQ(kiosk->Screen(), "staff_home");
    const std::vector<std::string> audit = Audit(*kiosk);
    EXPECT_EQ(audit.back(), "signed in");
}

TEST_F(StaffUi, FiveWrongPinsLockStaffModeEvenForTheRightPinAndAcrossARestart) {
    const std::filesystem::path dir =
        std::filesystem::temp_directory_path() / ("ik_staff_lock_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    {
        HeadlessKiosk kiosk(Sample(), 1280, 800, Options(), 0, true, dir);
        SetPin(kiosk, "2468");
        kiosk.Hold("staff_corner", 3.2);
        for (int i = 0; i < 5; ++i)
            EnterPin(kiosk, "0000");
        EXPECT_EQ(kiosk.Screen(), "staff_locked");
        kiosk.Tap("back");
        EXPECT_EQ(kiosk.Screen(), "attract");
        kiosk.Hold("staff_corner", 3.2);
        EXPECT_EQ(kiosk.Screen(), "staff_locked");
    }
    {
        // A restart: the lock is in the database, not in memory.
        HeadlessKiosk kiosk(Sample(), 1280, 800, Options(), 0, true, dir);
        kiosk.Hold("staff_corner", 3.2);
        EXPECT_EQ(kiosk.Screen(), "staff_locked");
        EXPECT_NE(Label(kiosk, "locked_text").find("gaat weer open over"), std::string::npos);
        // Five minutes later the PIN pad comes back by itself, and the right PIN works.
        kiosk.AdvanceWallClock(std::chrono::minutes(5));
        kiosk.Wait(1.1);
        EXPECT_EQ(kiosk.Screen(), "staff_pin");
        EnterPin(kiosk, "2468");
        EXPECT_EQ(kiosk.Screen(), "staff_home");
    }
    std::filesystem::remove_all(dir);
}

// A hold on the PIN's worker: the test decides when the hash may run, and sees on which thread.
struct HeldPinWorker {
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    std::atomic<bool> started{false};
    std::thread::id thread;
    HeldPinWorker() {
        HeadlessKiosk::adjustStaffServices = [this](StaffServices& services) {
            services.beforePinHash = [this] {
                thread = std::this_thread::get_id();
                started = true;
                released.wait_for(test::kDeadline);
            };
        };
    }
    ~HeldPinWorker() { HeadlessKiosk::adjustStaffServices = nullptr; }
};

// While the worker hashes, frames go on: the pad says it is busy and takes no keys; then it moves on.
void ExpectCheckingUntilReleased(HeadlessKiosk& kiosk, HeldPinWorker& held, const std::string& screen,
                                 const std::string& nextScreen) {
    ASSERT_TRUE(test::WaitUntil([&] { return held.started.load(); })) << "the hash never started";
    for (int frame = 0; frame < 5; ++frame) {
        kiosk.Frame(false);
        ASSERT_EQ(kiosk.Screen(), screen);
        ASSERT_NE(kiosk.Find("pin_checking"), nullptr) << kiosk.Ids();
        EXPECT_FALSE(kiosk.Find("key:5")->enabled);
        EXPECT_FALSE(kiosk.Find("key:ok")->enabled);
    }
    kiosk.Tap("key:5", 0.05);
    kiosk.Tap("cancel", 0.05);
    EXPECT_EQ(kiosk.Screen(), screen);
    EXPECT_EQ(kiosk.Find("pin_display")->label, "");
    EXPECT_NE(held.thread, std::this_thread::get_id());
    held.release.set_value();
    kiosk.WaitForPinCheck();
    EXPECT_EQ(kiosk.Screen(), nextScreen);
}

TEST_F(StaffUi, ThePinIsHashedOnAWorkerWhileThePadSaysSoAndTakesNoKeys) {
    HeldPinWorker choosing;
    auto kiosk = Kiosk();
    kiosk->Hold("staff_corner", 3.2);
    ASSERT_EQ(kiosk->Screen(), "staff_set_pin");
    EnterPin(*kiosk, "1357");
    kiosk->Wait(0.35);
    for (char digit : std::string("1357"))
        kiosk->Tap(std::string("key:") + digit, 0.05);
    kiosk->Tap("key:ok", 0.05);
    ExpectCheckingUntilReleased(*kiosk, choosing, "staff_set_pin", "staff_home");
    EXPECT_TRUE(*StaffAccess(kiosk->Db()).HasPin());
}

TEST_F(StaffUi, ThePinIsCheckedOnAWorkerWhileThePadSaysSoAndTakesNoKeys) {
    HeldPinWorker checking;
    auto kiosk = Kiosk();
    SetPin(*kiosk, "2468");
    kiosk->Hold("staff_corner", 3.2);
    ASSERT_EQ(kiosk->Screen(), "staff_pin");
    kiosk->Wait(0.35);
    for (char digit : std::string("2468"))
        kiosk->Tap(std::string("key:") + digit, 0.05);
    kiosk->Tap("key:ok", 0.05);
    ExpectCheckingUntilReleased(*kiosk, checking, "staff_pin", "staff_home");
    EXPECT_EQ(Audit(*kiosk).back(), "signed in");
}

TEST_F(StaffUi, AKioskStoppedWhileAPinIsCheckedCountsNothingForIt) {
    const std::filesystem::path dir =
        std::filesystem::temp_directory_path() / ("ik_staff_midcheck_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    {
        HeadlessKiosk kiosk(Sample(), 1280, 800, Options(), 0, true, dir);
        SetPin(kiosk, "2468");
        kiosk.Hold("staff_corner", 3.2);
        for (int i = 0; i < 4; ++i)
            EnterPin(kiosk, "0000");
    }
    {
        // The fifth wrong PIN is being compared when the kiosk stops: its answer is never written.
        HeldPinWorker held;
        HeadlessKiosk kiosk(Sample(), 1280, 800, Options(), 0, true, dir);
        kiosk.Hold("staff_corner", 3.2);
        ASSERT_EQ(kiosk.Screen(), "staff_pin");
        kiosk.Wait(0.35);
        for (char digit : std::string("0000"))
            kiosk.Tap(std::string("key:") + digit, 0.05);
        kiosk.Tap("key:ok", 0.05);
        ASSERT_TRUE(test::WaitUntil([&] { return held.started.load(); }));
        held.release.set_value(); // and the kiosk goes before any frame takes the answer
    }
    {
        HeadlessKiosk kiosk(Sample(), 1280, 800, Options(), 0, true, dir);
        kiosk.Hold("staff_corner", 3.2);
        EXPECT_EQ(kiosk.Screen(), "staff_pin"); // not locked: four wrong PINs counted
        const std::vector<std::string> audit = Audit(kiosk);
        EXPECT_EQ(std::count(audit.begin(), audit.end(), std::string("wrong PIN")), 4);
        EnterPin(kiosk, "0000");
        EXPECT_EQ(kiosk.Screen(), "staff_locked"); // the next one is the fifth
    }
    std::filesystem::remove_all(dir);
}

TEST_F(StaffUi, StaffModeLogsOutAfterTwoIdleMinutes) {
    auto kiosk = Kiosk();
    SetPin(*kiosk, "2468");
    SignIn(*kiosk);
    kiosk->Wait(119);
    EXPECT_EQ(kiosk->Screen(), "staff_home");
    kiosk->Tap("questionnaires"); // any input keeps it open
    kiosk->Wait(100);
    EXPECT_EQ(kiosk->Screen(), "staff_questionnaires");
    kiosk->Wait(21);
    EXPECT_EQ(kiosk->Screen(), "attract");
    EXPECT_EQ(Audit(*kiosk).back(), "signed out (idle)");
}

// [SECTION] Home

TEST_F(StaffUi, HomeShowsTheKiosksFigures) {
    auto kiosk = Kiosk();
    SetPin(*kiosk, "2468");
    // One visitor first, who answers one question and stops.
    kiosk->Tap("lang:en");
    kiosk->Tap("option:4");
    kiosk->Wait(1);
    kiosk->Tap("stop");
    kiosk->Wait(8);
    ASSERT_EQ(kiosk->Screen(), "attract");
    SignIn(*kiosk);
    EXPECT_EQ(Label(*kiosk, "stat:responses_total"), "1");
    EXPECT_EQ(Label(*kiosk, "stat:responses_pending"), "1");
    EXPECT_EQ(Label(*kiosk, "stat:responses_quarantined"), "0");
    EXPECT_EQ(Label(*kiosk, "stat:last_sync"), "synchronisatie is niet ingesteld");
    EXPECT_EQ(Label(*kiosk, "stat:last_sync:caption"), "Laatst verstuurd");
    EXPECT_EQ(Label(*kiosk, "stat:active_questionnaire"), "digital_skills_confidence (versie 1)");
    EXPECT_EQ(Label(*kiosk, "stat:kiosk_id"), "test-kiosk");
    EXPECT_NE(Label(*kiosk, "stat:disk_free").find("vrij"), std::string::npos);
    EXPECT_FALSE(kiosk->Find("sync_now")->enabled); // sync is not configured
    kiosk->Tap("visitors");
    EXPECT_EQ(kiosk->Screen(), "attract");
}

// [SECTION] Questionnaires

TEST_F(StaffUi, APreviewRecordsNothingAndReturnsToTheList) {
    auto kiosk = Kiosk();
    SetPin(*kiosk, "2468");
    SignIn(*kiosk);
    kiosk->Tap("questionnaires");
    kiosk->Tap("preview:digital_skills_confidence:1");
    EXPECT_EQ(kiosk->Screen(), "language");
    ASSERT_NE(kiosk->Find("preview_exit"), nullptr);
    kiosk->Tap("lang:en");
    kiosk->Tap("option:5");
    kiosk->Wait(1);
    EXPECT_TRUE(kiosk->Responses().empty());
    ASSERT_NE(kiosk->Find("preview_exit"), nullptr) << kiosk->Ids();
    kiosk->Tap("preview_exit");
    EXPECT_EQ(kiosk->Screen(), "staff_questionnaires");
    EXPECT_TRUE(kiosk->Responses().empty());
}

TEST_F(StaffUi, ImportFromAStickThenShowItOnTheKiosk) {
    auto kiosk = Kiosk();
    SetPin(*kiosk, "2468");
    const std::filesystem::path stick =
        kiosk->Dir() / "media" / "STICK"; // /media/<user>/<label>: usb_stick_test
    std::filesystem::create_directories(stick);
    std::filesystem::copy_file(std::filesystem::path(IK_TEST_DATA) / "all_types.json",
                               stick / "all_types.json");
    std::ofstream(stick / "broken.json") << "{\"id\": \"x\", \"questions\": [}";
    SignIn(*kiosk);
    kiosk->Tap("questionnaires");
    kiosk->Tap("import");
    ASSERT_EQ(kiosk->Screen(), "staff_import");
    kiosk->Tap("file:" + (stick / "broken.json").string());
    EXPECT_EQ(kiosk->Screen(), "staff_import");
    EXPECT_NE(Label(*kiosk, "notice").find("broken.json: $"), std::string::npos) << Label(*kiosk, "notice");
    kiosk->Tap("file:" + (stick / "all_types.json").string());
    ASSERT_EQ(kiosk->Screen(), "staff_questionnaires");
    EXPECT_NE(Label(*kiosk, "notice").find("versie 1"), std::string::npos) << Label(*kiosk, "notice");
    kiosk->Tap("activate:all_types:1");
    EXPECT_EQ(kiosk->App().CurrentQuestionnaire().id, "all_types");
    EXPECT_EQ(QuestionnaireStore(kiosk->Db()).Active().value()->id, "all_types");
    // And the questionnaire goes back out to the stick.
    kiosk->Tap("export:all_types:1");
    EXPECT_TRUE(std::filesystem::exists(stick / "all_types_v1.json"));
    kiosk->Tap("back");
    kiosk->Tap("visitors");
    kiosk->Tap("start");
    EXPECT_NE(kiosk->Screen(), "attract");
    EXPECT_EQ(kiosk->App().CurrentQuestionnaire().id, "all_types");
}

TEST_F(StaffUi, OutsideItsScheduleTheKioskSaysItIsClosed) {
    auto kiosk = Kiosk();
    SetPin(*kiosk, "2468");
    SignIn(*kiosk);
    kiosk->Tap("questionnaires");
    kiosk->Tap("schedule:digital_skills_confidence:1");
    ASSERT_EQ(kiosk->Screen(), "staff_schedule");
    // Not on today's weekday.
    const LocalTime local = ToLocalTime(kiosk->WallNow());
    kiosk->ScrollAndTap("day:" + std::to_string(local.weekday + 1));
    kiosk->ScrollAndTap("save");
    ASSERT_EQ(kiosk->Screen(), "staff_questionnaires");
    EXPECT_EQ(Label(*kiosk, "schedule:digital_skills_confidence:1"), "Planning (ingesteld)");
    kiosk->Tap("back");
    kiosk->Tap("visitors");
    EXPECT_EQ(kiosk->Screen(), "closed");
    EXPECT_NE(Label(*kiosk, "closed_text").find("Nu gesloten"), std::string::npos);
    EXPECT_NE(Label(*kiosk, "closed_text").find("Closed right now"), std::string::npos);
    EXPECT_EQ(kiosk->Find("start"), nullptr);
    ASSERT_NE(kiosk->Find("staff_corner"), nullptr); // staff still get in

    // Every day, open from now until one hour from now (bad times first: refused with the reason).
    SignIn(*kiosk);
    kiosk->Tap("questionnaires");
    kiosk->Tap("schedule:digital_skills_confidence:1");
    kiosk->ScrollAndTap("day:" + std::to_string(local.weekday + 1));
    kiosk->ScrollAndTap("open");
    kiosk->TypeOnKeyboard("25:00");
    kiosk->Tap("key:done");
    kiosk->ScrollAndTap("save");
    EXPECT_EQ(kiosk->Screen(), "staff_schedule");
    EXPECT_NE(Label(*kiosk, "schedule_problem").find("geen tijd"), std::string::npos);
    const int open = local.minute, close = std::min(local.minute + 60, 24 * 60);
    kiosk->ScrollAndTap("open");
    for (int i = 0; i < 5; ++i)
        kiosk->Tap("key:back", 0.02);
    kiosk->TypeOnKeyboard(FormatClockTime(open));
    kiosk->Tap("key:done");
    kiosk->ScrollAndTap("close");
    kiosk->TypeOnKeyboard(FormatClockTime(close));
    kiosk->Tap("key:done");
    kiosk->ScrollAndTap("save");
    ASSERT_EQ(kiosk->Screen(), "staff_questionnaires") << Label(*kiosk, "schedule_problem");
    kiosk->Tap("back");
    kiosk->Tap("visitors");
    EXPECT_EQ(kiosk->Screen(), "attract");
    // Closing time passes while nobody touches the kiosk.
    kiosk->AdvanceWallClock(std::chrono::minutes(61));
    kiosk->Wait(2);
    EXPECT_EQ(kiosk->Screen(), "closed");
    EXPECT_EQ(Label(*kiosk, "opening_hours"),
              OpeningHours(LoadSchedule(kiosk->Db(), "digital_skills_confidence").value()));
}

// [SECTION] Editor

TEST_F(StaffUi, ANewQuestionnaireMadeByTappingIsAnsweredByTheNextVisitor) {
    auto kiosk = Kiosk();
    SetPin(*kiosk, "2468");
    SignIn(*kiosk);
    kiosk->Tap("questionnaires");
    kiosk->Tap("new");
    ASSERT_EQ(kiosk->Screen(), "staff_editor");
    // The id, on the on-screen keyboard: erase the suggestion, type a new one.
    kiosk->Tap("q_id");
    for (int i = 0; i < 40; ++i)
        kiosk->Tap("key:back", 0.02);
    EXPECT_EQ(Label(*kiosk, "keyboard_preview"), "");
    // The validator runs live: its message shows above the keyboard, and saving waits for a fix.
    EXPECT_NE(Label(*kiosk, "keyboard_problem"), "");
    kiosk->Tap("key:done");
    EXPECT_NE(Label(*kiosk, "problems").find("$.id"), std::string::npos);
    EXPECT_FALSE(kiosk->Find("save")->enabled);
    kiosk->Tap("q_id");
    kiosk->TypeOnScreen("leesclub");
    kiosk->Tap("key:done");
    EXPECT_EQ(kiosk->Find("problems"), nullptr);
    EXPECT_TRUE(kiosk->Find("save")->enabled);
    // The Dutch title by touch (with a diacritic), the English one on a desk keyboard.
    kiosk->Tap("title:nl");
    for (int i = 0; i < 40; ++i)
        kiosk->Tap("key:back", 0.02);
    kiosk->TypeOnScreen("leesclub ");
    kiosk->Tap("key:shift", 0.05);
    kiosk->Tap("key:é", 0.05);
    kiosk->Tap("key:done");
    EXPECT_EQ(Label(*kiosk, "title:nl"), "leesclub É");
    kiosk->Tap("title:en");
    kiosk->TypeOnKeyboard(" (reading club)");
    kiosk->Tap("key:done");
    kiosk->ScrollAndTap("save");
    ASSERT_EQ(kiosk->Screen(), "staff_questionnaires") << Label(*kiosk, "notice");
    Result<std::optional<Questionnaire>> saved = QuestionnaireStore(kiosk->Db()).Load("leesclub");
    ASSERT_TRUE(saved && *saved);
    EXPECT_EQ((*saved)->version, 1);
    EXPECT_EQ((*saved)->title.at("nl"), "leesclub É");
    EXPECT_EQ((*saved)->title.at("en"), "New questionnaire (reading club)");
    ASSERT_EQ((*saved)->questions.size(), 2u);
    kiosk->Tap("activate:leesclub:1");
    kiosk->Tap("back");
    kiosk->Tap("visitors");
    kiosk->Tap("lang:en");
    ASSERT_EQ(kiosk->Screen(), "question:confident");
    kiosk->Tap("option:4");
    kiosk->Wait(1);
    kiosk->Tap("option:yes");
    kiosk->Wait(1);
    ASSERT_EQ(kiosk->Screen(), "thanks");
    const std::vector<StoredResponse> responses = kiosk->Responses();
    ASSERT_EQ(responses.size(), 1u);
    EXPECT_EQ(responses[0].questionnaireId, "leesclub");
    EXPECT_EQ(responses[0].questionnaireVersion, 1);
    EXPECT_EQ(responses[0].answers.at("confident"), "4");
    EXPECT_EQ(responses[0].answers.at("recommend"), "yes");
}

TEST_F(StaffUi, EditorAddsMovesAndDeletesQuestionsAndOptions) {
    auto kiosk = Kiosk();
    SetPin(*kiosk, "2468");
    SignIn(*kiosk);
    kiosk->Tap("questionnaires");
    kiosk->Tap("new");
    for (const char* id : {"question:0:close", "add_question", "add:single_choice",
                           // the new question is open: three choices, then the middle one removed
                           "question:2:add_option", "question:2:option:1:delete", "question:2:up",
                           "question:1:close", "question:2:open", "question:2:delete", "save"})
        kiosk->ScrollAndTap(id);
    ASSERT_EQ(kiosk->Screen(), "staff_questionnaires");
    const Questionnaire q = *QuestionnaireStore(kiosk->Db()).Load("new_questionnaire").value();
    ASSERT_EQ(q.questions.size(), 2u);
    EXPECT_EQ(q.questions[0].id, "confident");
    EXPECT_EQ(q.questions[1].type, QuestionType::SingleChoice);
    ASSERT_EQ(q.questions[1].options.size(), 2u);
    EXPECT_EQ(q.questions[1].options[0].code, "option_1");
    EXPECT_EQ(q.questions[1].options[1].code, "option_3"); // codes stay stable, never renumbered
}

TEST_F(StaffUi, EditorChangesTypesRangesConditionsLanguagesAndOutcomes) {
    auto kiosk = Kiosk();
    SetPin(*kiosk, "2468");
    SignIn(*kiosk);
    kiosk->Tap("questionnaires");
    kiosk->Tap("new");
    // The first question becomes a 1-10 grade without "required"; then 0-10.
    kiosk->ScrollAndTap("question:0:type:scale");
    kiosk->ScrollAndTap("question:0:required");
    kiosk->ScrollAndTap("question:0:min");
    kiosk->Tap("key:back", 0.05);
    kiosk->Tap("key:0", 0.05);
    kiosk->Tap("key:done");
    // A third question, three faces, shown only after "no" on the second (yes/no) question.
    kiosk->ScrollAndTap("question:0:close");
    kiosk->ScrollAndTap("add_question");
    kiosk->ScrollAndTap("add:smiley");
    kiosk->ScrollAndTap("question:2:three_faces");
    kiosk->ScrollAndTap("question:2:show_if:recommend:no");
    // Ukrainian offered too: its texts are missing, and saving still works (a warning, not an error).
    kiosk->ScrollAndTap("lang:uk");
    ASSERT_TRUE(kiosk->ScrollTo("missing:uk"));
    // The outcome's target becomes 80%.
    kiosk->ScrollAndTap("outcome:0:indicator:0:target");
    kiosk->Tap("key:back", 0.05);
    kiosk->Tap("key:back", 0.05);
    kiosk->Tap("key:8", 0.05);
    kiosk->Tap("key:0", 0.05);
    kiosk->Tap("key:done");
    kiosk->ScrollAndTap("save");
    ASSERT_EQ(kiosk->Screen(), "staff_questionnaires") << Label(*kiosk, "notice");
    const Questionnaire q = *QuestionnaireStore(kiosk->Db()).Load("new_questionnaire").value();
    EXPECT_EQ(q.languages, (std::vector<std::string>{"nl", "en", "uk"}));
    ASSERT_EQ(q.questions.size(), 3u);
    EXPECT_EQ(q.questions[0].type, QuestionType::Scale);
    EXPECT_FALSE(q.questions[0].required);
    EXPECT_EQ(q.questions[0].min, 0);
    EXPECT_EQ(q.questions[0].max, 10);
    EXPECT_EQ(q.questions[2].type, QuestionType::Smiley);
    EXPECT_EQ(q.questions[2].options.size(), 3u);
    ASSERT_TRUE(q.questions[2].showIf);
    EXPECT_EQ(q.questions[2].showIf->question, "recommend");
    EXPECT_EQ(q.questions[2].showIf->values, std::vector<std::string>{"no"});
    ASSERT_EQ(q.outcomes.size(), 1u);
    EXPECT_EQ(q.outcomes[0].indicators.at(0).target, 80.0);
}

TEST_F(StaffUi, SavingOverAQuestionnaireWithAnswersMakesTheNextVersion) {
    auto kiosk = Kiosk();
    SetPin(*kiosk, "2468");
    kiosk->Tap("lang:en");
    kiosk->Tap("option:2");
    kiosk->Wait(1);
    kiosk->Tap("stop");
    kiosk->Wait(8);
    SignIn(*kiosk);
    kiosk->Tap("questionnaires");
    kiosk->Tap("edit:digital_skills_confidence:1");
    ASSERT_EQ(kiosk->Screen(), "staff_editor");
    // Reword the first question (its answers keep their codes) and save.
    kiosk->ScrollAndTap("question:0:label:en");
    kiosk->TypeOnKeyboard(" Really.");
    kiosk->Tap("key:done");
    kiosk->ScrollAndTap("save");
    ASSERT_EQ(kiosk->Screen(), "staff_questionnaires");
    EXPECT_NE(Label(*kiosk, "notice").find("versie 2"), std::string::npos) << Label(*kiosk, "notice");
    QuestionnaireStore store(kiosk->Db());
    const Questionnaire v1 = *store.Load("digital_skills_confidence", 1).value();
    const Questionnaire v2 = *store.Load("digital_skills_confidence", 2).value();
    EXPECT_EQ(v1, Sample()); // the published version is untouched
    EXPECT_EQ(v2.questions[0].label.at("en"), Sample().questions[0].label.at("en") + " Really.");
    const std::vector<StoredResponse> responses = kiosk->Responses();
    ASSERT_EQ(responses.size(), 1u);
    EXPECT_EQ(responses[0].questionnaireVersion, 1);
    // The kiosk keeps showing version 1 until staff choose version 2.
    EXPECT_EQ(store.Active().value()->version, 1);
    EXPECT_EQ(Audit(*kiosk).back(), "saved digital_skills_confidence version 2");
}

// [SECTION] Settings

TEST_F(StaffUi, SettingsRefuseBadValuesWithTheReasonAndSaveGoodOnes) {
    auto kiosk = Kiosk();
    SetPin(*kiosk, "2468");
    SignIn(*kiosk);
    kiosk->Tap("settings");
    ASSERT_EQ(kiosk->Screen(), "staff_settings");
    // A desk keyboard here; the on-screen one is tested in the editor.
    kiosk->ScrollAndTap("sync.endpoint");
    kiosk->TypeOnKeyboard("ftp://monitor.example.org");
    kiosk->Tap("key:done");
    kiosk->ScrollAndTap("visitor.idle_timeout_seconds");
    kiosk->TypeOnKeyboard("x");
    kiosk->Tap("key:done");
    kiosk->ScrollAndTap("save");
    EXPECT_FALSE(std::filesystem::exists(kiosk->Dir() / "config" / "config.toml"));
    ASSERT_TRUE(kiosk->ScrollTo("sync.endpoint:problem"));
    EXPECT_NE(Label(*kiosk, "sync.endpoint:problem").find("https://"), std::string::npos);
    ASSERT_TRUE(kiosk->ScrollTo("visitor.idle_timeout_seconds:problem"));
    EXPECT_EQ(Label(*kiosk, "visitor.idle_timeout_seconds:problem"), "typ een getal");

    // Fix both, give a token, offer English only, and save.
    kiosk->ScrollAndTap("sync.endpoint");
    for (int i = 0; i < 25; ++i)
        kiosk->Tap("key:back", 0.02);
    kiosk->TypeOnKeyboard("https://monitor.example.org");
    kiosk->Tap("key:done");
    kiosk->ScrollAndTap("visitor.idle_timeout_seconds");
    for (int i = 0; i < 5; ++i)
        kiosk->Tap("key:back", 0.02);
    kiosk->TypeOnKeyboard("90");
    kiosk->Tap("key:done");
    kiosk->ScrollAndTap("sync.token");
    kiosk->TypeOnKeyboard("tok_ABC123");
    kiosk->Tap("key:done");
    kiosk->ScrollAndTap("offer:en");
    kiosk->ScrollAndTap("save");
    ASSERT_TRUE(kiosk->ScrollTo("notice"));
    EXPECT_NE(Label(*kiosk, "notice").find("Opgeslagen"), std::string::npos) << Label(*kiosk, "notice");

    Result<KioskConfig> saved = LoadConfig(kiosk->Dir() / "config" / "config.toml");
    ASSERT_TRUE(saved) << saved.error();
    EXPECT_EQ(saved->syncEndpoint, "https://monitor.example.org");
    EXPECT_EQ(saved->idleTimeoutSeconds, 90);
    EXPECT_EQ(saved->languages, std::vector<std::string>{"en"});
    ASSERT_EQ(saved->tokenFile, kiosk->Dir() / "sync.token");
    std::ifstream tokenFile(saved->tokenFile);
    std::string token;
    std::getline(tokenFile, token);
    EXPECT_EQ(token, "tok_ABC123");
    EXPECT_EQ(std::filesystem::status(saved->tokenFile).permissions() & std::filesystem::perms::all,
              std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    EXPECT_EQ(Audit(*kiosk).back(), "changed settings");

    // Applied at once: visitors now get English only, with no language choice.
    kiosk->Tap("back");
    kiosk->Tap("visitors");
    EXPECT_EQ(kiosk->Find("lang:nl"), nullptr);
    kiosk->Tap("start");
    EXPECT_EQ(kiosk->Screen(), "question:learned");
    EXPECT_EQ(Label(*kiosk, "question_text"), "I learned something useful in this course.");
}

TEST_F(StaffUi, StaffChangeThePinFromSettings) {
    auto kiosk = Kiosk();
    SetPin(*kiosk, "2468");
    SignIn(*kiosk);
    kiosk->Tap("settings");
    kiosk->ScrollAndTap("change_pin");
    ASSERT_EQ(kiosk->Screen(), "staff_set_pin");
    EnterPin(*kiosk, "97531");
    EnterPin(*kiosk, "97531");
    EXPECT_EQ(kiosk->Screen(), "staff_settings");
    kiosk->Tap("back");
    kiosk->Tap("visitors");
    kiosk->Hold("staff_corner", 3.2);
    EnterPin(*kiosk, "2468");
    EXPECT_EQ(kiosk->Screen(), "staff_pin"); // the old PIN no longer works
    EnterPin(*kiosk, "97531");
    EXPECT_EQ(kiosk->Screen(), "staff_home");
}

TEST_F(StaffUi, InEnglishTheScreensSayItInEnglish) {
    auto kiosk = Kiosk(1280, 800, StaffLanguage::English);
    kiosk->Hold("staff_corner", 3.2);
    EXPECT_EQ(Label(*kiosk, "pin_prompt"),
              "No staff PIN is set on this kiosk yet. Choose one (4 to 8 digits).");
    EnterPin(*kiosk, "12");
    EXPECT_NE(Label(*kiosk, "pin_message").find("a PIN has 4 to 8 digits"), std::string::npos);
    EnterPin(*kiosk, "1357");
    EnterPin(*kiosk, "1357");
    ASSERT_EQ(kiosk->Screen(), "staff_home");
    EXPECT_EQ(Label(*kiosk, "results"), "Results");
    EXPECT_EQ(Label(*kiosk, "stat:last_sync"), "sync is not configured");
    EXPECT_EQ(Label(*kiosk, "stat:active_questionnaire"), "digital_skills_confidence (version 1)");
    EXPECT_NE(Label(*kiosk, "stat:disk_free").find(" free"), std::string::npos);
    kiosk->Tap("visitors");
    kiosk->Hold("staff_corner", 3.2);
    EnterPin(*kiosk, "1111");
    EXPECT_NE(Label(*kiosk, "pin_message").find("4 tries left"), std::string::npos)
        << Label(*kiosk, "pin_message");
}

TEST_F(StaffUi, TheStaffLanguageIsChosenInSettingsAndAppliesAtOnce) {
    auto kiosk = Kiosk(1280, 800, StaffLanguage::English);
    SetPin(*kiosk, "2468");
    SignIn(*kiosk);
    EXPECT_EQ(Label(*kiosk, "settings"), "Settings");
    kiosk->Tap("settings");
    EXPECT_TRUE(kiosk->Find("staff_language:en")->selected);
    EXPECT_FALSE(kiosk->Find("staff_language:nl")->selected);
    EXPECT_EQ(Label(*kiosk, "staff_language:nl"), "Nederlands");
    kiosk->Tap("staff_language:nl");
    kiosk->Tap("save");
    // The same screen, in Dutch from the frame after Save.
    ASSERT_EQ(kiosk->Screen(), "staff_settings");
    EXPECT_EQ(Label(*kiosk, "staff_title"), "Instellingen");
    ASSERT_TRUE(kiosk->ScrollTo("notice"));
    EXPECT_EQ(Label(*kiosk, "notice"), "Opgeslagen.");
    Result<KioskConfig> saved = LoadConfig(kiosk->Dir() / "config" / "config.toml");
    ASSERT_TRUE(saved) << saved.error();
    EXPECT_EQ(saved->staffLanguage, StaffLanguage::Dutch);
    kiosk->Tap("back");
    EXPECT_EQ(Label(*kiosk, "results"), "Resultaten");
    EXPECT_EQ(Label(*kiosk, "questionnaires"), "Vragenlijsten");
    EXPECT_EQ(Label(*kiosk, "sync_now"), "Nu synchroniseren");
    // And back to English, which a later visit keeps.
    kiosk->Tap("settings");
    kiosk->Tap("staff_language:en");
    kiosk->Tap("save");
    EXPECT_EQ(Label(*kiosk, "staff_title"), "Settings");
    kiosk->Tap("back");
    kiosk->Tap("visitors");
    kiosk->Hold("staff_corner", 3.2);
    EXPECT_EQ(Label(*kiosk, "pin_prompt"), "Enter the staff PIN");
}

// [SECTION] Layout

class StaffLayout : public ::testing::TestWithParam<std::pair<float, float>> {};

TEST_P(StaffLayout, EveryStaffScreenFitsAndEveryTargetIsFingerSized) {
    const auto [width, height] = GetParam();
    const float pixelsPerMm = width == 800.0f ? 800.0f / 154.0f : 0.0f;
    const float minimum = pixelsPerMm > 0 ? 12 * pixelsPerMm : 45.0f;
    HeadlessKiosk kiosk(Sample(), width, height, Options(), pixelsPerMm, true);
    kiosk.Hold("staff_corner", 3.2);
    auto check = [&] { ExpectUsableLayout(kiosk, width, height, minimum, 0.5f); };
    ASSERT_EQ(kiosk.Screen(), "staff_set_pin");
    check();
    for (int round = 0; round < 2; ++round)
        kiosk.EnterPin("2468");
    ASSERT_EQ(kiosk.Screen(), "staff_home");
    check();
    kiosk.Tap("questionnaires");
    check();
    kiosk.Tap("new");
    check();
    kiosk.ScrollAndTap("title:nl");
    check(); // with the on-screen keyboard
    kiosk.Tap("key:done");
    kiosk.ScrollAndTap("cancel");
    kiosk.Tap("back");
    kiosk.Tap("settings");
    check();
}

INSTANTIATE_TEST_SUITE_P(Sizes, StaffLayout,
                         ::testing::Values(std::pair{1280.0f, 800.0f}, std::pair{1080.0f, 1920.0f},
                                           std::pair{800.0f, 480.0f}, std::pair{1920.0f, 1080.0f}));

} // namespace
} // namespace ik
