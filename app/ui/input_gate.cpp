// See input_gate.h.
#include "ui/input_gate.h"

namespace ik {

bool InputGate::Filter(bool rawDown, double now) {
    const bool pressed = rawDown && !m_previousRaw;
    m_previousRaw = rawDown;
    if (!rawDown) {
        m_swallowing = false;
        return false;
    }
    if (pressed && now < m_blockedUntil) m_swallowing = true;
    return !m_swallowing;
}

} // namespace ik
