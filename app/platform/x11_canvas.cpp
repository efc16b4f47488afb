// See x11_canvas.h.
#include "platform/x11_canvas.h"

#include <cstdlib>
#include <string>

#define GLFW_EXPOSE_NATIVE_X11
#include <GLFW/glfw3.h>
#include <GLFW/glfw3native.h>
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <X11/extensions/XShm.h>
#include <sys/ipc.h>
#include <sys/shm.h>
// Xlib's macro would hide ik::Status.
#undef Status

namespace ik {

struct X11Canvas::Impl {
    Display* display = nullptr;
    Window window = 0;
    Visual* visual = nullptr;
    int depth = 0;
    GC gc = nullptr;
    bool shmAvailable = false;
    bool shared = false; // the current image is MIT-SHM
    XShmSegmentInfo shm{};
    XImage* image = nullptr;
    Canvas canvas;

    void Release() {
        if (!image) return;
        if (shared) {
            XShmDetach(display, &shm);
            XSync(display, False);
            XDestroyImage(image); // frees the XImage only; the segment is ours
            shmdt(shm.shmaddr);
        } else {
            XDestroyImage(image); // frees the pixels too (malloc'd)
        }
        image = nullptr;
        shared = false;
        canvas = {};
    }

    // The server reports a failed XShmAttach as an X error, not a return value.
    static inline bool attachFailed = false;
    static int OnXError(Display*, XErrorEvent*) {
        attachFailed = true;
        return 0;
    }

    bool CreateShared(int width, int height) {
        image = XShmCreateImage(display, visual, static_cast<unsigned>(depth), ZPixmap, nullptr, &shm,
                                static_cast<unsigned>(width), static_cast<unsigned>(height));
        if (!image) return false;
        shm.shmid =
            shmget(IPC_PRIVATE, static_cast<size_t>(image->bytes_per_line) * static_cast<size_t>(height),
                   IPC_CREAT | 0600);
        if (shm.shmid < 0) {
            XDestroyImage(image);
            image = nullptr;
            return false;
        }
        shm.shmaddr = image->data = static_cast<char*>(shmat(shm.shmid, nullptr, 0));
        shm.readOnly = False;
        attachFailed = false;
        XErrorHandler previous = XSetErrorHandler(&Impl::OnXError);
        const bool attached = shm.shmaddr != reinterpret_cast<char*>(-1) && XShmAttach(display, &shm);
        XSync(display, False);
        XSetErrorHandler(previous);
        // Marked for removal now: it goes away when both sides have detached, even after a crash.
        shmctl(shm.shmid, IPC_RMID, nullptr);
        if (!attached || attachFailed) {
            if (shm.shmaddr != reinterpret_cast<char*>(-1)) shmdt(shm.shmaddr);
            image->data = nullptr;
            XDestroyImage(image);
            image = nullptr;
            return false;
        }
        shared = true;
        return true;
    }

    bool CreatePlain(int width, int height) {
        const size_t bytes = static_cast<size_t>(width) * static_cast<size_t>(height) * 4;
        char* pixels = static_cast<char*>(std::calloc(bytes, 1));
        if (!pixels) return false;
        image = XCreateImage(display, visual, static_cast<unsigned>(depth), ZPixmap, 0, pixels,
                             static_cast<unsigned>(width), static_cast<unsigned>(height), 32, width * 4);
        if (!image) {
            std::free(pixels);
            return false;
        }
        return true;
    }
};

X11Canvas::X11Canvas(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}

X11Canvas::~X11Canvas() {
    if (!m_impl) return;
    m_impl->Release();
    if (m_impl->gc) XFreeGC(m_impl->display, m_impl->gc);
}

Result<std::unique_ptr<X11Canvas>> X11Canvas::Create(GLFWwindow* glfwWindow) {
    auto impl = std::make_unique<Impl>();
    impl->display = glfwGetX11Display();
    const Window window = glfwGetX11Window(glfwWindow);
    impl->window = window;
    XWindowAttributes attributes{};
    if (!impl->display || !XGetWindowAttributes(impl->display, window, &attributes))
        return Error{"software renderer: cannot read the window's attributes"};
    impl->visual = attributes.visual;
    impl->depth = attributes.depth;
    // Pixels are 0x00RRGGBB (soft_raster.h): a 24- or 32-bit TrueColor visual with those masks.
    if (impl->visual->red_mask != 0xff0000 || impl->visual->green_mask != 0xff00 ||
        impl->visual->blue_mask != 0xff || impl->depth < 24)
        return Error{"software renderer: the display is not 24-bit RGB (depth " +
                     std::to_string(impl->depth) + "); use IMPACTKIOSK_RENDERER=gl"};
    impl->gc = XCreateGC(impl->display, window, 0, nullptr);
    impl->shmAvailable = XShmQueryExtension(impl->display) && !std::getenv("IMPACTKIOSK_NO_SHM");
    return std::unique_ptr<X11Canvas>(new X11Canvas(std::move(impl)));
}

Result<Canvas*> X11Canvas::Resize(int width, int height) {
    Impl& d = *m_impl;
    if (d.image && d.canvas.width == width && d.canvas.height == height) return &d.canvas;
    d.Release();
    if (width <= 0 || height <= 0) return Error{"software renderer: the window has no size"};
    if (!(d.shmAvailable && d.CreateShared(width, height))) {
        d.shmAvailable = false; // once refused, always refused
        if (!d.CreatePlain(width, height))
            return Error{"software renderer: out of memory for the screen image"};
    }
    if (d.image->bits_per_pixel != 32) {
        d.Release();
        return Error{"software renderer: the display wants " + std::to_string(d.image->bits_per_pixel) +
                     " bits per pixel; use IMPACTKIOSK_RENDERER=gl"};
    }
    d.canvas.pixels = reinterpret_cast<std::uint32_t*>(d.image->data);
    d.canvas.width = width;
    d.canvas.height = height;
    d.canvas.stride = d.image->bytes_per_line / 4;
    return &d.canvas;
}

Status X11Canvas::Present() {
    Impl& d = *m_impl;
    if (!d.image) return Error{"software renderer: nothing to show"};
    const auto w = static_cast<unsigned>(d.canvas.width), h = static_cast<unsigned>(d.canvas.height);
    if (d.shared)
        XShmPutImage(d.display, d.window, d.gc, d.image, 0, 0, 0, 0, w, h, False);
    else
        XPutImage(d.display, d.window, d.gc, d.image, 0, 0, 0, 0, w, h);
    XSync(d.display, False);
    return {};
}

bool X11Canvas::Shared() const {
    return m_impl->shared;
}

} // namespace ik
