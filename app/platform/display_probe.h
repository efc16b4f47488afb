// For `impactkiosk doctor`: can the kiosk open its display? Uses GLFW as the kiosk does (on X11 that
// opens $DISPLAY), without making a window.
#pragma once

#include <string>

#include "core/result.h"

namespace ik {

// "1920x1080, 527x296 mm on :0" or why the display cannot be used.
Result<std::string> ProbeDisplay();

} // namespace ik
