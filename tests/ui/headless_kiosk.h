// The test harness for headless UI tests: a real ImGui context (no GPU), the real KioskApp and a
// real SQLite store, driven frame by frame at a fixed 60 Hz clock. Taps are a pointer moved over a
// target, pressed in one frame and released in the next, exactly as the window feeds ImGui; targets
// are found through the automation dump.
#pragma once

#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <imgui.h>

#include "core/questionnaire_json.h"
#include "core/speech.h"
#include "store/questionnaire_store.h"
#include "store/response_store.h"
#include "support/wait_until.h"
#include "ui/kiosk_app.h"

namespace ik {

inline Questionnaire LoadFile(const std::filesystem::path& file) {
    ParsedQuestionnaire parsed = LoadQuestionnaireFile(file);
    EXPECT_TRUE(parsed.questionnaire) << file;
    return parsed.questionnaire.value_or(Questionnaire{});
}

inline Questionnaire Sample() {
    return LoadFile(std::filesystem::path(IK_ASSET_DIR) / "questionnaires/digital_skills_confidence.json");
}
inline Questionnaire AllTypes() {
    return LoadFile(std::filesystem::path(IK_TEST_DATA) / "all_types.json");
}

// A voice for headless tests: speaks the languages it is told to, records every utterance, and is
// silent again at once (tests make it "finish" with Finish()).
class RecordingVoice : public Voice {
public:
    explicit RecordingVoice(std::vector<std::string> languages = {"nl", "en", "ar", "tr", "pl", "uk", "fa"})
        : m_languages(std::move(languages)) {}
    bool Available() const override { return true; }
    bool Speaks(std::string_view language) const override {
        return std::find(m_languages.begin(), m_languages.end(), language) != m_languages.end();
    }
    void Say(const Utterance& utterance) override {
        if (m_speaking) ++m_finished; // the old one is cut off
        said.push_back(utterance);
        m_speaking = true;
    }
    void Stop() override {
        if (m_speaking) ++m_finished;
        m_speaking = false;
        ++stops;
    }
    bool Speaking() const override { return m_speaking; }
    long Finished() const override { return m_finished; }
    void Configure(const SpeechSettings& s) override { settings = s; }
    void OnSilence(std::function<void()>) override {}
    void Finish() {
        if (m_speaking) ++m_finished;
        m_speaking = false;
    }
    std::vector<Utterance> said;
    int stops = 0;
    SpeechSettings settings;

private:
    std::vector<std::string> m_languages;
    bool m_speaking = false;
    long m_finished = 0;
};

// A kiosk with a real store, driven frame by frame at a fixed 60 Hz clock.
class HeadlessKiosk {
public:
    // Tests that need a hook in staff mode's services set this before making the kiosk.
    static inline std::function<void(StaffServices&)> adjustStaffServices;
    // `staff`: staff mode on, with this kiosk's database (its data dir is a temporary directory),
    // its screens in `staffLanguage` ([staff] language).
    HeadlessKiosk(const Questionnaire& q, float width, float height, KioskAppOptions options = {},
                  float pixelsPerMm = 0, bool staff = false, std::filesystem::path dir = {},
                  StaffLanguage staffLanguage = StaffLanguage::Dutch) {
        static int counter = 0;
        m_ownsDir = dir.empty();
        m_dir = !dir.empty()
                    ? dir
                    : std::filesystem::temp_directory_path() /
                          ("ik_ui_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
        if (m_ownsDir) std::filesystem::remove_all(m_dir);
        m_db = std::move(*Database::Open(m_dir / "kiosk.db"));
        Result<int> version = QuestionnaireStore(*m_db).Import(q);
        if (version) QuestionnaireStore(*m_db).Activate(q.id, *version);
        m_store = std::make_unique<ResponseStore>(*m_db);
        StaffServices services;
        if (staff) {
            services.db = m_db.get();
            services.kioskId = "test-kiosk";
            services.branch = "test-branch";
            services.appVersion = "0.0.0";
            services.dataDir = m_dir;
            services.mediaRoots = {m_dir / "media"};
            services.exportDir = m_dir / "exports";
            services.wallNow = [this] { return m_wall; };
            services.config.kioskId = "test-kiosk";
            services.config.branch = "test-branch";
            services.config.dataDir = m_dir;
            services.config.staffLanguage = staffLanguage;
            services.configFile = m_dir / "config" / "config.toml";
            if (adjustStaffServices) adjustStaffServices(services);
        }
        options.wallNow = [this] { return m_wall; };
        m_width = width;
        m_height = height;
        m_pixelsPerMm = pixelsPerMm;

        m_context = ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(width, height);
        m_app = std::make_unique<KioskApp>(q, m_store.get(), options, services);
        PrepareFonts();
        Frame(false);
    }
    void PrepareFonts() {
        ImGuiIO& io = ImGui::GetIO();
        Result<bool> fonts = m_app->PrepareFonts(*io.Fonts, m_width, m_height, 1.0f, m_pixelsPerMm);
        EXPECT_TRUE(fonts) << (fonts ? "" : fonts.error());
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h); // a headless "upload"
    }
    ~HeadlessKiosk() {
        m_app.reset();
        ImGui::DestroyContext(m_context);
        m_store.reset();
        m_db.reset();
        if (m_ownsDir) std::filesystem::remove_all(m_dir);
    }

    void Frame(bool down) {
        m_now += 1.0 / 60.0;
        m_wall += std::chrono::milliseconds(16);
        ImGuiIO& io = ImGui::GetIO();
        io.DeltaTime = 1.0f / 60.0f;
        io.MousePos = m_pointer;
        io.MouseDown[0] = m_app->Gate().Filter(down, m_now);
        ImGui::NewFrame();
        m_app->Frame(m_now);
        ImGui::Render();
        m_app->Tick(m_now);
    }
    void Wait(double seconds) {
        const double until = m_now + seconds;
        while (m_now < until)
            Frame(false);
    }
    const DumpElement* Find(const std::string& id) const { return m_app->Dump().Find(id); }
    // Presses and releases at the centre of `id`, as a finger would; waits out the new-screen guard
    // first, as any person does.
    void Tap(const std::string& id, double settle = 0.35) {
        Wait(settle);
        const DumpElement* e = Find(id);
        ASSERT_NE(e, nullptr) << "no element " << id << " on screen " << Screen() << ": " << Ids();
        TapAt(ImVec2(e->x + e->w / 2, e->y + e->h / 2));
    }
    void TapAt(ImVec2 point) {
        m_pointer = point;
        Frame(false);
        Frame(true);
        Frame(false);
        Frame(false); // the screen the tap led to
    }
    // Scrolls the area under the pointer with the mouse wheel until `id` is wholly in view (down to the
    // end, then back up); false when it never appears.
    bool ScrollTo(const std::string& id, ImVec2 over = {-1, -1}) {
        m_pointer = over.x >= 0 ? over : ImVec2(m_width * 0.5f, m_height * 0.5f);
        for (float direction : {-1.0f, 1.0f}) {
            for (int step = 0; step < 150 && !Find(id); ++step) {
                ImGui::GetIO().MouseWheel = direction;
                Frame(false);
            }
            Frame(false);
            if (Find(id)) return true;
        }
        return false;
    }
    // Tap, scrolling to the target first when it is out of view.
    void ScrollAndTap(const std::string& id) {
        Wait(0.35);
        if (!Find(id)) {
            ASSERT_TRUE(ScrollTo(id)) << "never found " << id << " on " << Screen() << ": " << Ids();
        }
        Tap(id, 0.05);
    }
    // Types `pin` on the PIN pad and taps OK, then draws frames until the PIN's worker has answered
    // (real time passes: Argon2id takes ~66 ms on its own thread).
    void EnterPin(const std::string& pin) {
        Wait(0.35); // a person looks at a new screen before typing
        for (char digit : pin)
            Tap(std::string("key:") + digit, 0.05);
        Tap("key:ok", 0.05);
        WaitForPinCheck();
    }
    void WaitForPinCheck() {
        EXPECT_TRUE(test::WaitUntil([this] {
            Frame(false);
            return !m_app->Staff().CheckingPin();
        })) << "the PIN check never finished";
        Frame(false);
        Frame(false); // the screen it led to
    }
    // Holds a finger on `id` for `seconds` (the staff corner).
    void Hold(const std::string& id, double seconds) {
        Wait(0.35);
        const DumpElement* e = Find(id);
        ASSERT_NE(e, nullptr) << "no element " << id << " on screen " << Screen();
        m_pointer = ImVec2(e->x + e->w / 2, e->y + e->h / 2);
        Frame(false);
        const double until = m_now + seconds;
        while (m_now < until)
            Frame(true);
        Frame(false);
        Frame(false);
    }
    // Types on a desk keyboard: characters reach ImGui as the GLFW backend sends them.
    void TypeOnKeyboard(const std::string& text) {
        ImGui::GetIO().AddInputCharactersUTF8(text.c_str());
        Frame(false);
        Frame(false);
    }
    // Taps each key of `text` on the on-screen keyboard ("key:a", "key:space").
    void TypeOnScreen(const std::string& text) {
        for (char c : text)
            Tap(c == ' ' ? std::string("key:space") : std::string("key:") + c, 0.05);
    }
    void AdvanceWallClock(std::chrono::seconds by) { m_wall += by; }
    WallClock::time_point WallNow() const { return m_wall; }
    std::string Screen() const { return m_app->Dump().Screen(); }
    // What is on screen, for failure messages.
    std::string Ids() const {
        std::string ids;
        for (const DumpElement& e : m_app->Dump().Elements())
            ids += e.id + (e.label.empty() ? "" : "=\"" + e.label.substr(0, 60) + "\"") + " ";
        return ids;
    }
    Database& Db() { return *m_db; }
    const std::filesystem::path& Dir() const { return m_dir; }
    const KioskApp& App() const { return *m_app; }
    std::vector<StoredResponse> Responses() const { return *m_store->Load({}); }

private:
    std::filesystem::path m_dir;
    bool m_ownsDir = true;
    float m_width = 0, m_height = 0, m_pixelsPerMm = 0;
    WallClock::time_point m_wall = *ParseUtcIso("2026-11-21T10:00:00Z");
    std::unique_ptr<Database> m_db;
    std::unique_ptr<ResponseStore> m_store;
    ImGuiContext* m_context = nullptr;
    std::unique_ptr<KioskApp> m_app;
    ImVec2 m_pointer{-1, -1};
    double m_now = 1000;
};

// [SECTION] Responses for the results screen

// One response started at `startedUtc` (UTC offset 0, so the local date is the UTC date).
inline void AddResponse(Database& db, const std::string& startedUtc, const AnswerMap& answers,
                        ResponseStatus status = ResponseStatus::Completed) {
    StoreClock clock;
    const WallClock::time_point at = *ParseUtcIso(startedUtc);
    clock.now = [at] { return at; };
    clock.utcOffsetMinutes = [](WallClock::time_point) { return 0; };
    ResponseStore store(db, clock);
    Result<std::string> id = store.BeginResponse({"digital_skills_confidence", 1, "nl"});
    ASSERT_TRUE(id) << id.error();
    for (const auto& [question, value] : answers)
        ASSERT_TRUE(store.SaveAnswer(*id, question, value));
    ASSERT_TRUE(store.FinishResponse(*id, status, {}, {}));
}

// Ten responses in the last four weeks, whose figures are easy to work out by hand, and three in
// June (inside the last 12 months, outside the last 4 weeks).
inline void AddKnownResponses(Database& db) {
    const char* learned[10] = {"4", "5", "4", "5", "4", "5", "4", "5", "2", "2"};     // 8 of 10 agree
    const char* confident[10] = {"5", "5", "5", "5", "5", "5", "3", "3", "dk", "dk"}; // 6 of 8 (dk out)
    const int grade[10] = {8, 8, 8, 8, 8, 7, 7, 7, 7, 7};                             // mean 7.5
    for (int i = 0; i < 10; ++i) {
        AnswerMap answers{{"learned", learned[i]},
                          {"confident", confident[i]},
                          {"grade", grade[i]},
                          {"recommend", i == 9 ? "no" : "yes"}}; // 9 of 10 yes
        if (i == 9) answers["why_not"] = "too_hard";             // one answer: below the threshold
        AddResponse(db, "2026-11-1" + std::to_string(i % 10) + "T10:00:00Z", answers);
    }
    for (int i = 0; i < 3; ++i)
        AddResponse(db, "2026-06-0" + std::to_string(i + 1) + "T10:00:00Z", {{"learned", "1"}});
}

// Layout check on every screen at the sizes kiosks come in: every target on screen, big enough for a
// finger (>= `minimum` px: 12 mm), and no two targets overlapping. `leftTopSlack`: how far an
// element may start left of or above the screen (a rounding half pixel on scrolled staff pages).
inline void ExpectUsableLayout(HeadlessKiosk& kiosk, float width, float height, float minimum,
                               float leftTopSlack = 0) {
    const std::vector<DumpElement>& elements = kiosk.App().Dump().Elements();
    for (const DumpElement& e : elements) {
        EXPECT_GE(e.x, -leftTopSlack) << kiosk.Screen() << " " << e.id;
        EXPECT_GE(e.y, -leftTopSlack) << kiosk.Screen() << " " << e.id;
        EXPECT_LE(e.x + e.w, width + 0.5f) << kiosk.Screen() << " " << e.id;
        EXPECT_LE(e.y + e.h, height + 0.5f) << kiosk.Screen() << " " << e.id;
        if (e.role == "text") continue;
        EXPECT_GE(std::min(e.w, e.h), minimum - 0.5f)
            << kiosk.Screen() << " " << e.id << " is too small to tap";
        for (const DumpElement& other : elements) {
            if (&other == &e || other.role == "text") continue;
            const bool overlap = e.x < other.x + other.w && other.x < e.x + e.w && e.y < other.y + other.h &&
                                 other.y < e.y + e.h;
            EXPECT_FALSE(overlap) << kiosk.Screen() << ": " << e.id << " overlaps " << other.id;
        }
    }
}

} // namespace ik
