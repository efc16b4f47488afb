// The only GLFW/OpenGL code: the kiosk window (fullscreen or windowed), the event loop that redraws
// only on input, timers or animation, and the test hooks (automation dump, screenshots).
#pragma once

#include <atomic>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "ui/window_app.h"

struct GLFWwindow;

namespace ik {

class FrameRenderer;

// How frames reach the screen. OpenGL wants a GPU: without one, Mesa's llvmpipe brings LLVM into
// the process (about 65 MB), while the software renderer draws the same pixels on the CPU
// (docs/decisions.md 60).
enum class Renderer { Auto, Gl, Software };
// "auto", "gl", "software"; nullopt for anything else.
std::optional<Renderer> ParseRenderer(std::string_view name);
// Auto becomes Gl when the machine has a GPU render node (/dev/dri/renderD*), else Software.
Renderer ResolveRenderer(Renderer wanted);

// Wakes the window's loop from any thread (a worker finished something the screen shows).
void WakeWindowLoop();

struct WindowOptions {
    Renderer renderer = Renderer::Auto;
    bool fullscreen = true;
    bool showCursor = false; // a desk PC (the editor) shows the mouse pointer; a kiosk hides it
    int width = 1280;        // windowed size
    int height = 800;
    std::string title = "Impactkiosk";
    std::filesystem::path dumpFile;       // $IMPACTKIOSK_UI_DUMP: rewritten when the screen changes
    std::filesystem::path screenshotDir;  // $IMPACTKIOSK_SCREENSHOT_DIR: SCREEN.png per screen shown
    bool exitAfterFirstFrame = false;     // benchmarks: start-to-first-frame
    std::filesystem::path frameStatsFile; // $IMPACTKIOSK_FRAME_STATS: frame times (ms) written at exit
    // Called on the UI thread every turn of the loop (at least 4x a second) with the number of frames
    // drawn so far: the systemd watchdog hears from here, so a stuck UI thread stops the pings.
    std::function<void(long framesDrawn)> onLoopTurn;
};

class KioskWindow {
public:
    static Result<std::unique_ptr<KioskWindow>> Create(const WindowOptions& options);
    ~KioskWindow();
    KioskWindow(const KioskWindow&) = delete;
    KioskWindow& operator=(const KioskWindow&) = delete;

    // Runs the loop until the window closes or `stop` becomes true (checked at least 4x a second).
    Status Run(WindowApp& app, const std::atomic<bool>& stop);

private:
    explicit KioskWindow(const WindowOptions& options); // out of line: FrameRenderer is incomplete here
    void RenderFrame(WindowApp& app, double now);
    float PixelsPerMm() const; // 0 when the monitor does not say
    void TakeScreenshot(WindowApp& app);
    void WriteDump(WindowApp& app, double now);

    static void OnCursor(GLFWwindow* window, double x, double y);
    static void OnButton(GLFWwindow* window, int button, int action, int mods);
    static void OnKey(GLFWwindow* window, int key, int scancode, int action, int mods);
    static void OnSize(GLFWwindow* window, int width, int height);
    static void OnRefresh(GLFWwindow* window);
    static void OnScroll(GLFWwindow* window, double x, double y);
    static void OnChar(GLFWwindow* window, unsigned int codepoint);

    WindowOptions m_options;
    GLFWwindow* m_window = nullptr;
    std::unique_ptr<FrameRenderer> m_renderer;
    Status WriteScreenshot(const std::filesystem::path& file);
    bool m_glfwReady = false;
    bool m_imguiReady = false;
    bool m_inputEvent = false;
    bool m_needRedraw = true;
    bool m_sizeChanged = true;
    bool m_buttonDown = false;
    struct ButtonEvent {
        bool down; // a press, else a release
        float x, y;
    };
    std::deque<ButtonEvent> m_buttonEvents; // presses and releases not yet shown to ImGui
    long m_frame = 0;
    long m_releases = 0; // button releases shown to the app (the dump's "taps")
    bool m_gateBlockedAtLastFrame = false;
    std::string m_lastScreenshotScreen;
    std::string m_screenAtChange;
    int m_framesSinceScreenChange = 0;
    std::vector<float> m_frameMs; // only with frameStatsFile
    // The same frames by the screen they drew (automation dump ids), for benchmarks of one screen.
    std::map<std::string, std::vector<float>> m_frameMsByScreen;
    void WriteFrameStats() const;
};

} // namespace ik
