// See screenshot.h.
#include "platform/screenshot.h"

#include <cstdint>
#include <vector>

#include <GL/gl.h>
#include <stb_image_write.h>

namespace ik {
namespace {

// Written beside the file and renamed over it, so a reader (a test waiting for it) never sees half.
Status WritePng(const std::filesystem::path& file, int width, int height, int channels, const void* pixels,
                int stride) {
    std::filesystem::path partial = file;
    partial += ".partial";
    if (!stbi_write_png(partial.c_str(), width, height, channels, pixels, stride))
        return Error{"cannot write screenshot " + file.string()};
    std::error_code ec;
    std::filesystem::rename(partial, file, ec);
    if (ec) return Error{"cannot write screenshot " + file.string() + ": " + ec.message()};
    return {};
}

} // namespace

Status WriteFramebufferPng(const std::filesystem::path& file, int width, int height) {
    if (width <= 0 || height <= 0) return Error{"no framebuffer to capture"};
    const size_t stride = static_cast<size_t>(width) * 4;
    std::vector<std::uint8_t> pixels(stride * static_cast<size_t>(height));
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    // GL's rows go bottom-up, PNG's top-down.
    stbi_flip_vertically_on_write(1);
    return WritePng(file, width, height, 4, pixels.data(), static_cast<int>(stride));
}

Status WriteCanvasPng(const std::filesystem::path& file, const Canvas& canvas) {
    if (!canvas.pixels || canvas.width <= 0 || canvas.height <= 0) return Error{"no picture to capture"};
    std::vector<std::uint8_t> rgb(static_cast<size_t>(canvas.width) * static_cast<size_t>(canvas.height) * 3);
    std::uint8_t* out = rgb.data();
    for (int y = 0; y < canvas.height; ++y) {
        const std::uint32_t* row = canvas.pixels + static_cast<std::ptrdiff_t>(y) * canvas.stride;
        for (int x = 0; x < canvas.width; ++x) {
            *out++ = static_cast<std::uint8_t>(row[x] >> 16);
            *out++ = static_cast<std::uint8_t>(row[x] >> 8);
            *out++ = static_cast<std::uint8_t>(row[x]);
        }
    }
    stbi_flip_vertically_on_write(0);
    return WritePng(file, canvas.width, canvas.height, 3, rgb.data(), canvas.width * 3);
}

} // namespace ik
