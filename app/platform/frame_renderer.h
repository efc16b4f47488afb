// How a frame of ImGui draw data becomes pixels in the window: with OpenGL (a GPU), or with our own
// rasteriser into an X11 shared-memory image (no GPU: no Mesa, no LLVM in the process; decision 60).
// The window loop asks the same of both, once per frame. Textures are AlphaTextures (ui/
// alpha_texture.h): every ImTextureID in a draw list points to one.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>

#include "core/result.h"

struct GLFWwindow;
struct ImDrawData;
struct ImFontAtlas;

namespace ik {

class FrameRenderer {
public:
    virtual ~FrameRenderer() = default;
    // Before ImGui::NewFrame (the OpenGL backend's own per-frame set-up).
    virtual void NewFrame() = 0;
    // Takes ImGui's font atlas (after it was built) as a texture and lets ImGui free its pixels.
    virtual void TakeFontAtlas(ImFontAtlas& atlas) = 0;
    // Draws `data` over `background` (0xRRGGBB) into a frame of `width` x `height` that is not shown yet.
    virtual Status Draw(ImDrawData& data, int width, int height, std::uint32_t background) = 0;
    // The frame Draw made, as a PNG (docs/screenshots, tests); before Present.
    virtual Status WriteScreenshot(const std::filesystem::path& file, int width, int height) = 0;
    // Shows the frame; once this returns the X server has it.
    virtual Status Present() = 0;
};

// For a GLFW window made with an OpenGL 3.0 context (current on this thread).
Result<std::unique_ptr<FrameRenderer>> MakeGlRenderer(GLFWwindow* window);
// For a GLFW window made with GLFW_NO_API on X11.
Result<std::unique_ptr<FrameRenderer>> MakeSoftwareRenderer(GLFWwindow* window);

} // namespace ik
