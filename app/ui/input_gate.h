// Filters the pointer button before ImGui sees it: for a moment after a screen change a new press is
// ignored until it is released, so a tap cannot fall through into the next screen's buttons.
#pragma once

namespace ik {

class InputGate {
public:
    void BlockUntil(double time) { m_blockedUntil = time; }
    bool Blocked(double now) const { return now < m_blockedUntil; }
    double BlockedUntil() const { return m_blockedUntil; }
    // The button state ImGui should see this frame.
    bool Filter(bool rawDown, double now);

private:
    double m_blockedUntil = 0;
    bool m_previousRaw = false;
    bool m_swallowing = false; // the current press began while blocked
};

} // namespace ik
