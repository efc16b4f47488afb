// GLFW window + ImGui GLFW backend with OpenGL3 or the software renderer, and the event loop. The loop sleeps
// in glfwWaitEventsTimeout until input or the app's next timer, then draws a few frames (so a quick tap
// registers: ImGui needs the press and the release in separate frames). Set-up and tear-down run in
// mirrored order.
#include "platform/kiosk_window.h"

#include "ui/theme.h"

#include <algorithm>
#include <cstdio>
#include <mutex>

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <imgui.h>

#include "platform/frame_renderer.h"

namespace ik {
namespace {

constexpr int kFramesAfterEvent = 3;
constexpr double kMaxSleep = 0.25; // seconds; also how quickly a stop request is noticed

KioskWindow* Self(GLFWwindow* window) {
    return static_cast<KioskWindow*>(glfwGetWindowUserPointer(window));
}

std::string FileNameFor(std::string screen) {
    std::replace(screen.begin(), screen.end(), ':', '_');
    return screen + ".png";
}

// Whether GLFW is up, so that workers may wake the loop: a worker's wake can come while the window
// closes, and glfwPostEmptyEvent during or after glfwTerminate is undefined.
std::mutex g_wakeMutex;
bool g_wakeable = false;

void SetWakeable(bool wakeable) {
    std::lock_guard lock(g_wakeMutex);
    g_wakeable = wakeable;
}

} // namespace

void WakeWindowLoop() {
    std::lock_guard lock(g_wakeMutex);
    if (g_wakeable) glfwPostEmptyEvent();
}

std::optional<Renderer> ParseRenderer(std::string_view name) {
    if (name == "auto") return Renderer::Auto;
    if (name == "gl") return Renderer::Gl;
    if (name == "software") return Renderer::Software;
    return std::nullopt;
}

Renderer ResolveRenderer(Renderer wanted) {
    if (wanted != Renderer::Auto) return wanted;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator("/dev/dri", ec))
        if (entry.path().filename().string().rfind("renderD", 0) == 0) return Renderer::Gl;
    return Renderer::Software;
}

Result<std::unique_ptr<KioskWindow>> KioskWindow::Create(const WindowOptions& options) {
    std::unique_ptr<KioskWindow> self(new KioskWindow(options));
    const bool software = ResolveRenderer(options.renderer) == Renderer::Software;
    glfwSetErrorCallback(
        [](int code, const char* text) { std::fprintf(stderr, "glfw error %d: %s\n", code, text); });
    if (!glfwInit()) return Error{"cannot open the display (is DISPLAY set and an X server running?)"};
    self->m_glfwReady = true;
    SetWakeable(true);

    if (software) {
        glfwWindowHint(GLFW_CLIENT_API, GLFW_NO_API);
    } else {
        glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
        glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
        // ImGui draws 2D only: no depth or stencil buffer (a window-sized buffer less to keep).
        glfwWindowHint(GLFW_DEPTH_BITS, 0);
        glfwWindowHint(GLFW_STENCIL_BITS, 0);
    }
    GLFWmonitor* monitor = nullptr;
    int width = options.width;
    int height = options.height;
    if (options.fullscreen) {
        // "Windowed full screen" at the monitor's current mode: no mode switch, no flicker.
        monitor = glfwGetPrimaryMonitor();
        if (!monitor) return Error{"no monitor found for a fullscreen window"};
        const GLFWvidmode* mode = glfwGetVideoMode(monitor);
        glfwWindowHint(GLFW_RED_BITS, mode->redBits);
        glfwWindowHint(GLFW_GREEN_BITS, mode->greenBits);
        glfwWindowHint(GLFW_BLUE_BITS, mode->blueBits);
        glfwWindowHint(GLFW_REFRESH_RATE, mode->refreshRate);
        width = mode->width;
        height = mode->height;
    }
    self->m_window = glfwCreateWindow(width, height, options.title.c_str(), monitor, nullptr);
    if (!self->m_window)
        return Error{software ? "cannot create a window" : "cannot create an OpenGL 3.0 window"};
    if (!software) {
        glfwMakeContextCurrent(self->m_window);
        glfwSwapInterval(1);
    }
    if (!options.showCursor) glfwSetInputMode(self->m_window, GLFW_CURSOR, GLFW_CURSOR_HIDDEN);

    // Our callbacks first: the ImGui backend chains to them.
    glfwSetWindowUserPointer(self->m_window, self.get());
    glfwSetCursorPosCallback(self->m_window, &KioskWindow::OnCursor);
    glfwSetMouseButtonCallback(self->m_window, &KioskWindow::OnButton);
    glfwSetKeyCallback(self->m_window, &KioskWindow::OnKey);
    glfwSetFramebufferSizeCallback(self->m_window, &KioskWindow::OnSize);
    glfwSetWindowRefreshCallback(self->m_window, &KioskWindow::OnRefresh);
    glfwSetScrollCallback(self->m_window, &KioskWindow::OnScroll);
    glfwSetCharCallback(self->m_window, &KioskWindow::OnChar);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    self->m_imguiReady = true;
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr; // a kiosk keeps no window layout
    if (!options.showCursor)
        io.ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange; // the cursor stays hidden
    if (software)
        ImGui_ImplGlfw_InitForOther(self->m_window, true);
    else
        ImGui_ImplGlfw_InitForOpenGL(self->m_window, true);
    Result<std::unique_ptr<FrameRenderer>> renderer =
        software ? MakeSoftwareRenderer(self->m_window) : MakeGlRenderer(self->m_window);
    if (!renderer) return Error{renderer.error()};
    self->m_renderer = std::move(*renderer);
    return self;
}

KioskWindow::KioskWindow(const WindowOptions& options) : m_options(options) {}

KioskWindow::~KioskWindow() {
    m_renderer.reset();
    if (m_imguiReady) {
        ImGui_ImplGlfw_Shutdown();
        ImGui::DestroyContext();
    }
    if (m_window) glfwDestroyWindow(m_window);
    if (m_glfwReady) {
        SetWakeable(false);
        glfwTerminate();
    }
}

void KioskWindow::OnCursor(GLFWwindow* window, double, double) {
    Self(window)->m_inputEvent = true;
}

void KioskWindow::OnButton(GLFWwindow* window, int button, int action, int) {
    if (button != GLFW_MOUSE_BUTTON_LEFT) return; // a finger is the left button on X11
    KioskWindow* self = Self(window);
    self->m_inputEvent = true;
    // Where the finger was at this press or release: by the time the frame that shows it to ImGui
    // runs, the pointer may already be at the next tap's spot.
    double x = 0, y = 0;
    glfwGetCursorPos(window, &x, &y);
    self->m_buttonEvents.push_back({action == GLFW_PRESS, static_cast<float>(x), static_cast<float>(y)});
}

void KioskWindow::OnKey(GLFWwindow* window, int, int, int, int) {
    Self(window)->m_inputEvent = true;
}

void KioskWindow::OnScroll(GLFWwindow* window, double, double) {
    Self(window)->m_inputEvent = true; // the backend passes the wheel to ImGui; we draw the result
}

void KioskWindow::OnChar(GLFWwindow* window, unsigned int) {
    Self(window)->m_inputEvent = true;
}

void KioskWindow::OnSize(GLFWwindow* window, int, int) {
    Self(window)->m_sizeChanged = true;
    Self(window)->m_needRedraw = true;
}

void KioskWindow::OnRefresh(GLFWwindow* window) {
    Self(window)->m_needRedraw = true;
}

float KioskWindow::PixelsPerMm() const {
    // The monitor's physical size (from EDID on real hardware) makes 12 mm targets real millimetres.
    GLFWmonitor* monitor = glfwGetWindowMonitor(m_window);
    if (!monitor) monitor = glfwGetPrimaryMonitor();
    if (!monitor) return 0;
    int widthMm = 0, heightMm = 0;
    glfwGetMonitorPhysicalSize(monitor, &widthMm, &heightMm);
    const GLFWvidmode* mode = glfwGetVideoMode(monitor);
    if (widthMm <= 0 || !mode) return 0;
    return static_cast<float>(mode->width) / static_cast<float>(widthMm);
}

Status KioskWindow::Run(WindowApp& app, const std::atomic<bool>& stop) {
    int framesWanted = kFramesAfterEvent;
    while (!glfwWindowShouldClose(m_window) && !stop.load() && !app.WantsToClose()) {
        double now = glfwGetTime();
        if (framesWanted == 0 && !m_needRedraw) {
            double wake = app.NextWakeTime(now);
            if (app.Gate().Blocked(now)) wake = std::min(wake, app.Gate().BlockedUntil());
            glfwWaitEventsTimeout(std::clamp(wake - now, 0.0, kMaxSleep));
        } else {
            glfwPollEvents();
        }
        now = glfwGetTime();
        if (m_inputEvent) {
            m_inputEvent = false;
            app.NoteInput(now);
            framesWanted = kFramesAfterEvent;
        }
        if (app.Tick(now)) framesWanted = kFramesAfterEvent;
        // The gate opened since the last frame: one frame, so the dump says taps count again.
        if (m_gateBlockedAtLastFrame && !app.Gate().Blocked(now)) framesWanted = std::max(framesWanted, 1);
        if (m_needRedraw) {
            m_needRedraw = false;
            framesWanted = std::max(framesWanted, 1);
        }
        if (m_sizeChanged) {
            m_sizeChanged = false;
            int width = 0, height = 0;
            glfwGetFramebufferSize(m_window, &width, &height);
            float scaleX = 1, scaleY = 1;
            glfwGetWindowContentScale(m_window, &scaleX, &scaleY);
            Result<bool> rebuilt = app.PrepareFonts(*ImGui::GetIO().Fonts, static_cast<float>(width),
                                                    static_cast<float>(height), scaleY, PixelsPerMm());
            if (!rebuilt) return Error{rebuilt.error()};
            if (*rebuilt) m_renderer->TakeFontAtlas(*ImGui::GetIO().Fonts);
            framesWanted = kFramesAfterEvent;
        }
        if (!m_buttonEvents.empty()) framesWanted = std::max(framesWanted, 2);
        if (m_options.onLoopTurn) m_options.onLoopTurn(m_frame);
        if (framesWanted == 0) continue;
        --framesWanted;
        const double frameStart = glfwGetTime();
        RenderFrame(app, now);
        m_gateBlockedAtLastFrame = app.Gate().Blocked(now);
        if (!m_options.frameStatsFile.empty()) {
            const float ms = static_cast<float>((glfwGetTime() - frameStart) * 1000.0);
            m_frameMs.push_back(ms);
            m_frameMsByScreen[app.Dump().Screen()].push_back(ms);
        }
        if (m_options.exitAfterFirstFrame) break;
    }
    WriteFrameStats();
    return {};
}

void KioskWindow::WriteFrameStats() const {
    if (m_options.frameStatsFile.empty() || m_frameMs.empty()) return;
    // {"frames": N, "p50_ms": .., "p99_ms": .., "max_ms": .., "screens": {"attract": {"frames": ..}, ..}}
    auto stats = [](std::vector<float> sorted) {
        std::sort(sorted.begin(), sorted.end());
        auto at = [&sorted](double q) {
            return sorted[static_cast<size_t>(q * static_cast<double>(sorted.size() - 1))];
        };
        char text[160];
        std::snprintf(text, sizeof text,
                      "\"frames\": %zu, \"p50_ms\": %.2f, \"p99_ms\": %.2f, \"max_ms\": %.2f", sorted.size(),
                      static_cast<double>(at(0.5)), static_cast<double>(at(0.99)),
                      static_cast<double>(sorted.back()));
        return std::string(text);
    };
    // The first frame pays for start-up (fonts opened, the first glyphs drawn): its own figure, and
    // the longest of all the others, which is what a visitor feels while using the kiosk.
    char later[96];
    std::snprintf(later, sizeof later, ", \"first_ms\": %.2f, \"max_after_first_ms\": %.2f",
                  static_cast<double>(m_frameMs.front()),
                  m_frameMs.size() > 1
                      ? static_cast<double>(*std::max_element(m_frameMs.begin() + 1, m_frameMs.end()))
                      : 0.0);
    std::string json = "{" + stats(m_frameMs) + later + ", \"screens\": {";
    for (const auto& [screen, ms] : m_frameMsByScreen)
        json += (json.back() == '{' ? "\"" : ", \"") + screen + "\": {" + stats(ms) + "}";
    json += "}}\n";
    std::FILE* f = std::fopen(m_options.frameStatsFile.c_str(), "w");
    if (!f) return;
    std::fputs(json.c_str(), f);
    std::fclose(f);
}

void KioskWindow::RenderFrame(WindowApp& app, double now) {
    m_renderer->NewFrame();
    ImGui_ImplGlfw_NewFrame();
    // The pointer and button come from our own callbacks: GLFW reports the window as unfocused on
    // an X server without a window manager, and then the backend ignores the pointer. The gate
    // drops a press that starts just after a screen change.
    ImGuiIO& io = ImGui::GetIO();
    double x = 0, y = 0;
    glfwGetCursorPos(m_window, &x, &y);
    io.MousePos = ImVec2(static_cast<float>(x), static_cast<float>(y));
    // One button change per frame, at the spot where it happened: ImGui needs the press and the
    // release in separate frames, and two quick taps (release and press between two frames) must
    // stay two taps, each where it was.
    if (!m_buttonEvents.empty()) {
        const ButtonEvent event = m_buttonEvents.front();
        m_buttonEvents.pop_front();
        m_buttonDown = event.down;
        io.MousePos = ImVec2(event.x, event.y);
        if (!m_buttonDown) ++m_releases;
    }
    io.MouseDown[0] = app.Gate().Filter(m_buttonDown, now);
    for (int i = 1; i < 5; ++i)
        io.MouseDown[i] = false;

    ImGui::NewFrame();
    app.Frame(now);
    ImGui::Render();

    int width = 0, height = 0;
    glfwGetFramebufferSize(m_window, &width, &height);
    Status drawn = m_renderer->Draw(*ImGui::GetDrawData(), width, height, ToRgb(app.Background()));
    if (!drawn) {
        std::fprintf(stderr, "impactkiosk: %s\n", drawn.error().c_str());
        return;
    }
    ++m_frame;
    TakeScreenshot(app);
    Status shown = m_renderer->Present();
    if (!shown) std::fprintf(stderr, "impactkiosk: %s\n", shown.error().c_str());
    WriteDump(app, now);
}

Status KioskWindow::WriteScreenshot(const std::filesystem::path& file) {
    int width = 0, height = 0;
    glfwGetFramebufferSize(m_window, &width, &height);
    return m_renderer->WriteScreenshot(file, width, height);
}

void KioskWindow::TakeScreenshot(WindowApp& app) {
    AutomationDump& dump = app.Dump();
    if (dump.Screen() != m_screenAtChange) {
        m_screenAtChange = dump.Screen();
        m_framesSinceScreenChange = 0;
    } else {
        ++m_framesSinceScreenChange;
    }
    // One picture per screen, from its second frame (the first may still be settling).
    if (!m_options.screenshotDir.empty() && m_framesSinceScreenChange == 1 &&
        dump.Screen() != m_lastScreenshotScreen) {
        m_lastScreenshotScreen = dump.Screen();
        Status shot = WriteScreenshot(m_options.screenshotDir / FileNameFor(dump.Screen()));
        if (!shot) std::fprintf(stderr, "impactkiosk: %s\n", shot.error().c_str());
    }
}

void KioskWindow::WriteDump(WindowApp& app, double now) {
    // Written once the frame is on the screen, so a test that reads it can look at the picture too;
    // with whether a tap would count now and how many releases the kiosk has taken in, a test waits
    // for the kiosk instead of for a time.
    AutomationDump& dump = app.Dump();
    dump.SetInputState(!app.Gate().Blocked(now), m_releases);
    if (!m_options.dumpFile.empty() && dump.ChangedSinceLastCheck()) {
        Status written = AutomationDump::WriteAtomically(m_options.dumpFile, dump.ToJson(m_frame));
        if (!written) std::fprintf(stderr, "impactkiosk: %s\n", written.error().c_str());
    }
}

} // namespace ik
