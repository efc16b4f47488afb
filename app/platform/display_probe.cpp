// GLFW up and down again, reporting the primary monitor: the same calls the kiosk makes at start.
#include "platform/display_probe.h"

#include <cstdlib>

#include <GLFW/glfw3.h>

namespace ik {

Result<std::string> ProbeDisplay() {
    if (!glfwInit()) {
        const char* description = nullptr;
        glfwGetError(&description);
        return Error{description ? description : "GLFW could not start"};
    }
    std::string found;
    GLFWmonitor* monitor = glfwGetPrimaryMonitor();
    const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr;
    if (mode) {
        int widthMm = 0, heightMm = 0;
        glfwGetMonitorPhysicalSize(monitor, &widthMm, &heightMm);
        found = std::to_string(mode->width) + "x" + std::to_string(mode->height);
        if (widthMm > 0) found += ", " + std::to_string(widthMm) + "x" + std::to_string(heightMm) + " mm";
    }
    glfwTerminate();
    if (found.empty()) return Error{"no monitor is connected"};
    const char* display = std::getenv("DISPLAY");
    return found + " on " + (display ? display : "?");
}

} // namespace ik
