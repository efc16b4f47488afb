// The software renderer's screen: a block of pixels shared with the X server (MIT-SHM), or a plain
// XImage when the server cannot share memory (a remote display), copied into the kiosk's window.
#pragma once

#include <memory>

#include "core/result.h"
#include "platform/soft_raster.h"

struct GLFWwindow;

namespace ik {

class X11Canvas {
public:
    // For a GLFW window made with GLFW_NO_API on X11.
    static Result<std::unique_ptr<X11Canvas>> Create(GLFWwindow* window);
    ~X11Canvas();
    X11Canvas(const X11Canvas&) = delete;
    X11Canvas& operator=(const X11Canvas&) = delete;

    // Pixels of `width` x `height` to draw into (kept when the size is unchanged).
    Result<Canvas*> Resize(int width, int height);
    // Copies the pixels to the window and waits until the server has them, so the next frame may
    // draw into the same memory.
    Status Present();
    bool Shared() const;

private:
    struct Impl;
    explicit X11Canvas(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace ik
