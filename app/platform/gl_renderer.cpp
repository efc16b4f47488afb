// The OpenGL renderer: ImGui's OpenGL3 backend draws; our AlphaTextures (ImGui's font atlas, the glyph
// atlas of shaped text) become GL textures of luminance 255 with their alpha, their changed rows
// uploaded again before a frame, and each draw command's ImTextureID is swapped for its GL name before
// the backend draws.
#include <algorithm>
#include <cstddef>
#include <unordered_map>
#include <vector>

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include "platform/frame_renderer.h"
#include "platform/screenshot.h"
#include "ui/alpha_texture.h"

namespace ik {
namespace {

class GlRenderer final : public FrameRenderer {
public:
    explicit GlRenderer(GLFWwindow* window) : m_window(window) { ImGui_ImplOpenGL3_Init("#version 130"); }

    ~GlRenderer() override {
        for (auto& [texture, gl] : m_textures)
            glDeleteTextures(1, &gl.name);
        ImGui_ImplOpenGL3_Shutdown();
    }

    void NewFrame() override { ImGui_ImplOpenGL3_NewFrame(); }

    void TakeFontAtlas(ImFontAtlas& atlas) override {
        unsigned char* pixels = nullptr;
        int width = 0, height = 0;
        atlas.GetTexDataAsAlpha8(&pixels, &width, &height);
        m_fontTexture.alpha.assign(pixels, pixels + static_cast<std::size_t>(width) *
                                                        static_cast<std::size_t>(height));
        m_fontTexture.width = width;
        m_fontTexture.height = height;
        m_fontTexture.MarkChanged();
        // The backend made its own texture of the atlas on its first frame; ours replaces it.
        ImGui_ImplOpenGL3_NewFrame();
        atlas.SetTexID(static_cast<ImTextureID>(&m_fontTexture));
        atlas.ClearTexData();
    }

    Status Draw(ImDrawData& data, int width, int height, std::uint32_t background) override {
        for (int n = 0; n < data.CmdListsCount; ++n)
            for (ImDrawCmd& cmd : data.CmdLists[n]->CmdBuffer)
                if (cmd.TextureId)
                    cmd.TextureId = reinterpret_cast<ImTextureID>(
                        static_cast<std::intptr_t>(Upload(*static_cast<AlphaTexture*>(cmd.TextureId))));
        glViewport(0, 0, width, height);
        glClearColor(static_cast<float>((background >> 16) & 0xff) / 255.0f,
                     static_cast<float>((background >> 8) & 0xff) / 255.0f,
                     static_cast<float>(background & 0xff) / 255.0f, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(&data);
        return {};
    }

    Status WriteScreenshot(const std::filesystem::path& file, int width, int height) override {
        return WriteFramebufferPng(file, width, height); // the back buffer, before the swap
    }

    Status Present() override {
        glfwSwapBuffers(m_window);
        return {};
    }

private:
    struct GlTexture {
        GLuint name = 0;
        std::uint64_t version = 0;
        int width = 0;
        int height = 0;
    };

    // Uploads what changed since the last frame: the whole texture when it is new or changed size,
    // else only the changed rows (a few new glyphs), so a frame that meets new words stays short.
    GLuint Upload(AlphaTexture& texture) {
        GlTexture& gl = m_textures[&texture];
        if (gl.name != 0 && gl.version == texture.version) return gl.name;
        if (gl.name == 0) {
            glGenTextures(1, &gl.name);
            glBindTexture(GL_TEXTURE_2D, gl.name);
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        }
        glBindTexture(GL_TEXTURE_2D, gl.name);
        glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
        const bool whole = gl.width != texture.width || gl.height != texture.height;
        const int top = whole ? 0 : std::clamp(texture.changedTop, 0, texture.height);
        const int bottom = whole ? texture.height : std::clamp(texture.changedBottom, top, texture.height);
        // White with the texture's alpha: the backend multiplies by the vertex colour.
        const std::size_t begin = static_cast<std::size_t>(top) * static_cast<std::size_t>(texture.width);
        const std::size_t end = static_cast<std::size_t>(bottom) * static_cast<std::size_t>(texture.width);
        std::vector<unsigned char> pixels(2 * (end - begin));
        for (std::size_t i = begin; i < end; ++i) {
            pixels[2 * (i - begin)] = 255;
            pixels[2 * (i - begin) + 1] = texture.alpha.empty() ? 255 : texture.alpha[i];
        }
        if (whole) {
            glTexImage2D(GL_TEXTURE_2D, 0, GL_LUMINANCE_ALPHA, texture.width, texture.height, 0,
                         GL_LUMINANCE_ALPHA, GL_UNSIGNED_BYTE, pixels.data());
        } else if (bottom > top) {
            glTexSubImage2D(GL_TEXTURE_2D, 0, 0, top, texture.width, bottom - top, GL_LUMINANCE_ALPHA,
                            GL_UNSIGNED_BYTE, pixels.data());
        }
        gl.version = texture.version;
        gl.width = texture.width;
        gl.height = texture.height;
        texture.changedTop = texture.changedBottom = 0;
        return gl.name;
    }

    GLFWwindow* m_window;
    AlphaTexture m_fontTexture;
    std::unordered_map<const AlphaTexture*, GlTexture> m_textures;
};

} // namespace

Result<std::unique_ptr<FrameRenderer>> MakeGlRenderer(GLFWwindow* window) {
    return std::unique_ptr<FrameRenderer>(new GlRenderer(window));
}

} // namespace ik
