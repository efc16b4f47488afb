// impactkiosk: wiring only. The command line decides what to do; with no sub-command the kiosk
// opens its store, recovers interrupted responses, loads the active questionnaire and runs the
// window until closed or signalled. Tear-down mirrors set-up.
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "cli/commands.h"
#include "core/questionnaire_edit.h"
#include "core/questionnaire_json.h"
#include "core/ui_strings.h"
#include "platform/display_probe.h"
#include "platform/espeak_voice.h"
#include "platform/kiosk_window.h"
#include "platform/service_notify.h"
#include "store/response_store.h"
#include "sync/client/sync_worker.h"
#include "ui/fonts.h"
#include "ui/kiosk_app.h"
#include "ui/staff/desk_editor.h"

namespace {

std::atomic<bool> g_stop{false};
const auto g_processStart = std::chrono::steady_clock::now();

void OnSignal(int) {
    g_stop.store(true);
}

std::filesystem::path EnvPath(const char* name) {
    const char* value = std::getenv(name);
    return value && *value ? std::filesystem::path(value) : std::filesystem::path();
}

// `impactkiosk edit FILE`: the questionnaire editor in a window, writing FILE.
// $IMPACTKIOSK_RENDERER: auto (the default), gl or software (docs/operator-guide.md).
bool RendererFromEnvironment(ik::WindowOptions& options) {
    const char* name = std::getenv("IMPACTKIOSK_RENDERER");
    if (!name || !*name) return true;
    std::optional<ik::Renderer> renderer = ik::ParseRenderer(name);
    if (!renderer) {
        std::fprintf(stderr, "impactkiosk: IMPACTKIOSK_RENDERER=%s: use auto, gl or software\n", name);
        return false;
    }
    options.renderer = *renderer;
    return true;
}

int RunEditor(const ik::KioskConfig& config, const ik::GlobalOptions& options) {
    const std::filesystem::path file = *options.editFile;
    std::error_code ec;
    const bool isNew = !std::filesystem::exists(file, ec);
    ik::Questionnaire questionnaire;
    if (isNew) {
        questionnaire = ik::QuestionnaireFromTemplate(ik::MakeId(file.stem().string()), {"nl", "en"});
    } else {
        // A broken file is not opened: the editor would have to guess, and could lose what is there.
        ik::ParsedQuestionnaire parsed = ik::LoadQuestionnaireFile(file);
        for (const ik::ValidationProblem& problem : parsed.problems)
            std::fprintf(stderr, "%s\n", ik::FormatProblem(file.string(), problem).c_str());
        if (parsed.HasErrors() || !parsed.questionnaire) return ik::kExitFailure;
        questionnaire = *parsed.questionnaire;
    }
    ik::DeskEditorApp app(questionnaire, isNew, file, config.staffLanguage);
    ik::WindowOptions windowOptions;
    if (!RendererFromEnvironment(windowOptions)) return ik::kExitFailure;
    windowOptions.fullscreen = false;
    windowOptions.showCursor = true;
    std::tie(windowOptions.width, windowOptions.height) = *options.windowed;
    windowOptions.title = "Impactkiosk editor - " + file.string();
    windowOptions.dumpFile = EnvPath("IMPACTKIOSK_UI_DUMP");
    windowOptions.screenshotDir = EnvPath("IMPACTKIOSK_SCREENSHOT_DIR");
    auto window = ik::KioskWindow::Create(windowOptions);
    if (!window) return std::fprintf(stderr, "impactkiosk: %s\n", window.error().c_str()), ik::kExitFailure;
    ik::Status ran = (*window)->Run(app, g_stop);
    if (!ran) return std::fprintf(stderr, "impactkiosk: %s\n", ran.error().c_str()), ik::kExitFailure;
    return ik::kExitOk;
}

int RunKiosk(const ik::KioskConfig& config, const ik::GlobalOptions& options) {
    std::signal(SIGTERM, OnSignal);
    std::signal(SIGINT, OnSignal);
    if (options.editFile) return RunEditor(config, options);

    auto db = ik::Database::Open(ik::DatabaseFile(config));
    if (!db) return std::fprintf(stderr, "impactkiosk: %s\n", db.error().c_str()), ik::kExitFailure;
    ik::ResponseStore responses(**db);
    if (auto recovered = responses.RecoverInterrupted(); !recovered)
        return std::fprintf(stderr, "impactkiosk: %s\n", recovered.error().c_str()), ik::kExitFailure;
    else if (*recovered > 0)
        std::fprintf(stderr, "impactkiosk: %d interrupted response(s) kept as abandoned\n", *recovered);
    auto questionnaire = ik::ActiveOrSampleQuestionnaire(**db);
    if (!questionnaire)
        return std::fprintf(stderr, "impactkiosk: %s\n", questionnaire.error().c_str()), ik::kExitFailure;

    // Sync runs on its own thread with its own connection; finished responses wake it.
    std::unique_ptr<ik::sync::SyncWorker> syncWorker;
    if (!config.syncEndpoint.empty()) {
        auto token = ik::sync::ReadTokenFile(config.tokenFile);
        if (!token) {
            std::fprintf(stderr, "impactkiosk: sync is off: %s\n", token.error().c_str());
        } else {
            ik::sync::SenderConfig sender;
            sender.endpoint = config.syncEndpoint;
            sender.token = *token;
            sender.caFile = config.caFile;
            sender.kioskId = config.kioskId;
            sender.branchId = config.branch;
            sender.appVersion = IK_VERSION;
            sender.batchSize = config.batchSize;
            sender.sendFreeText = config.sendFreeText;
            syncWorker = std::make_unique<ik::sync::SyncWorker>(
                ik::DatabaseFile(config), sender, std::chrono::seconds(config.syncIntervalSeconds));
        }
    }
    ik::sync::NotifyingSink sink(responses, [&syncWorker] {
        if (syncWorker) syncWorker->Notify();
    });

    // Read-aloud: espeak-ng, out through ALSA (or into $IMPACTKIOSK_AUDIO_OUT, for tests, at
    // $IMPACTKIOSK_AUDIO_OUT_SPEED times real time).
    std::unique_ptr<ik::EspeakVoice> voice;
    std::string voiceProblem;
    const char* speed = std::getenv("IMPACTKIOSK_AUDIO_OUT_SPEED");
    if (auto made = ik::EspeakVoice::Create(EnvPath("IMPACTKIOSK_AUDIO_OUT"), speed ? std::atof(speed) : 1.0);
        !made) {
        voiceProblem = made.error();
        std::fprintf(stderr, "impactkiosk: read-aloud is off: %s\n", made.error().c_str());
    } else {
        voice = std::move(*made);
        voice->OnSilence(ik::WakeWindowLoop);
    }

    ik::KioskAppOptions appOptions;
    appOptions.voice = voice.get();
    appOptions.speech = config.speech;
    appOptions.session.idleWarningAfter = config.idleTimeoutSeconds;
    appOptions.session.idleCountdown = config.idleCountdownSeconds;
    appOptions.session.thanksDuration = config.thanksSeconds;
    appOptions.session.freeText = config.freeText;
    appOptions.languages = config.languages;
    ik::StaffServices staff;
    staff.db = db->get();
    staff.kioskId = config.kioskId;
    staff.branch = config.branch;
    staff.appVersion = IK_VERSION;
    staff.dataDir = config.dataDir;
    staff.syncConfigured = syncWorker != nullptr;
    if (syncWorker) staff.syncNow = [&syncWorker] { syncWorker->SyncNow(); };
    // USB sticks appear under /media; tests and odd setups point elsewhere.
    if (std::filesystem::path media = EnvPath("IMPACTKIOSK_MEDIA_DIR"); !media.empty())
        staff.mediaRoots = {media};
    staff.exportDir = config.dataDir / "exports";
    if (voice) staff.speaks = [v = voice.get()](std::string_view lang) { return v->Speaks(lang); };
    staff.speechProblem = [v = voice.get(), voiceProblem] { return v ? v->Problem() : voiceProblem; };
    staff.config = config;
    staff.configFile = config.source.empty() ? ik::DefaultConfigFile() : config.source;
    ik::KioskApp app(*questionnaire, &sink, appOptions, staff);

    ik::WindowOptions windowOptions;
    if (!RendererFromEnvironment(windowOptions)) return ik::kExitFailure;
    windowOptions.fullscreen = !options.windowed;
    if (options.windowed) std::tie(windowOptions.width, windowOptions.height) = *options.windowed;
    windowOptions.dumpFile = EnvPath("IMPACTKIOSK_UI_DUMP");
    windowOptions.screenshotDir = EnvPath("IMPACTKIOSK_SCREENSHOT_DIR");
    if (!windowOptions.screenshotDir.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(windowOptions.screenshotDir, ec);
    }
    windowOptions.exitAfterFirstFrame = std::getenv("IMPACTKIOSK_EXIT_AFTER_FIRST_FRAME") != nullptr;
    windowOptions.frameStatsFile = EnvPath("IMPACTKIOSK_FRAME_STATS");
    // Under systemd (Type=notify, WatchdogSec=): ready once a frame is on screen, alive while the UI
    // loop turns. A test sets $IMPACTKIOSK_TEST_FREEZE_FILE to hang the UI thread (and only it) once
    // that file exists, as a stuck driver would.
    ik::ServiceNotifier notifier = ik::ServiceNotifier::FromEnvironment();
    const std::filesystem::path freezeFile = EnvPath("IMPACTKIOSK_TEST_FREEZE_FILE");
    windowOptions.onLoopTurn = [&notifier, &freezeFile](long framesDrawn) {
        std::error_code ec;
        if (!freezeFile.empty() && std::filesystem::exists(freezeFile, ec))
            for (;;)
                std::this_thread::sleep_for(std::chrono::hours(1));
        ik::Status sent = framesDrawn > 0 ? notifier.Ready() : ik::Status{};
        if (sent) sent = notifier.KeepAlive(std::chrono::steady_clock::now());
        if (!sent) std::fprintf(stderr, "impactkiosk: %s\n", sent.error().c_str());
    };
    auto window = ik::KioskWindow::Create(windowOptions);
    if (!window) return std::fprintf(stderr, "impactkiosk: %s\n", window.error().c_str()), ik::kExitFailure;

    ik::Status ran = (*window)->Run(app, g_stop);
    if (windowOptions.exitAfterFirstFrame) {
        const auto elapsed = std::chrono::steady_clock::now() - g_processStart;
        std::printf("first_frame_ms=%.1f\n", std::chrono::duration<double, std::milli>(elapsed).count());
    }
    if (!ran) return std::fprintf(stderr, "impactkiosk: %s\n", ran.error().c_str()), ik::kExitFailure;
    return ik::kExitOk;
}

} // namespace

int main(int argc, char** argv) {
    ik::DoctorProbes probes;
    probes.openDisplay = ik::ProbeDisplay;
    // How the kiosk will draw: "the software renderer (no GPU found)", or why it cannot start.
    probes.renderer = []() -> ik::Result<std::string> {
        const char* env = std::getenv("IMPACTKIOSK_RENDERER");
        const std::optional<ik::Renderer> wanted = ik::ParseRenderer(env && *env ? env : "auto");
        if (!wanted)
            return ik::Error{std::string("IMPACTKIOSK_RENDERER=") + env + " is not auto, gl or software"};
        const bool gl = ik::ResolveRenderer(*wanted) == ik::Renderer::Gl;
        return std::string(gl ? "OpenGL" : "the software renderer") +
               (*wanted != ik::Renderer::Auto ? " (IMPACTKIOSK_RENDERER)"
                                              : (gl ? " (a GPU is present)" : " (no GPU found)"));
    };
    probes.fontDir = ik::FontDirectory();
    // Read-aloud as the kiosk would start it: espeak-ng's voices, the default sound output.
    probes.readAloud = []() -> ik::Result<std::string> {
        auto voice = ik::EspeakVoice::Create();
        if (!voice) return ik::Error{voice.error()};
        (*voice)->WaitReady();
        if (!(*voice)->Problem().empty()) return ik::Error{(*voice)->Problem()};
        std::string spoken;
        for (const char* lang : ik::kStaffLanguages)
            if ((*voice)->Speaks(lang)) spoken += (spoken.empty() ? "" : " ") + std::string(lang);
        return "espeak-ng speaks " + spoken + "; sound to the default ALSA output";
    };
    return ik::RunCommandLine(argc, argv, RunKiosk, probes);
}
