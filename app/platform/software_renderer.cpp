// The software renderer: ImGui's draw lists rasterised on the CPU (soft_raster) into an MIT-SHM image
// of the window (x11_canvas). Textures are sampled where they are; nothing is uploaded.
#include <imgui.h>

#include "platform/frame_renderer.h"
#include "platform/screenshot.h"
#include "platform/soft_raster.h"
#include "platform/x11_canvas.h"

namespace ik {
namespace {

class SoftwareRenderer final : public FrameRenderer {
public:
    explicit SoftwareRenderer(std::unique_ptr<X11Canvas> canvas) : m_canvas(std::move(canvas)) {}

    void NewFrame() override {}

    void TakeFontAtlas(ImFontAtlas& atlas) override {
        // Kept as alpha only (a quarter of ImGui's RGBA copy).
        unsigned char* pixels = nullptr;
        int width = 0, height = 0;
        atlas.GetTexDataAsAlpha8(&pixels, &width, &height);
        m_fontTexture.alpha.assign(pixels, pixels + static_cast<std::size_t>(width) *
                                                        static_cast<std::size_t>(height));
        m_fontTexture.width = width;
        m_fontTexture.height = height;
        ++m_fontTexture.version;
        atlas.SetTexID(static_cast<ImTextureID>(&m_fontTexture));
        atlas.ClearTexData();
    }

    Status Draw(ImDrawData& data, int width, int height, std::uint32_t background) override {
        Result<Canvas*> canvas = m_canvas->Resize(width, height);
        if (!canvas) return Error{canvas.error()};
        RasterizeDrawData(data, m_fontTexture, background, **canvas);
        m_frame = *canvas;
        return {};
    }

    Status WriteScreenshot(const std::filesystem::path& file, int, int) override {
        if (!m_frame) return Error{"no frame drawn yet"};
        return WriteCanvasPng(file, *m_frame);
    }

    Status Present() override { return m_canvas->Present(); }

private:
    std::unique_ptr<X11Canvas> m_canvas;
    AlphaTexture m_fontTexture;
    Canvas* m_frame = nullptr;
};

} // namespace

Result<std::unique_ptr<FrameRenderer>> MakeSoftwareRenderer(GLFWwindow* window) {
    Result<std::unique_ptr<X11Canvas>> canvas = X11Canvas::Create(window);
    if (!canvas) return Error{canvas.error()};
    return std::unique_ptr<FrameRenderer>(new SoftwareRenderer(std::move(*canvas)));
}

} // namespace ik
