// The software renderer's rasteriser: ImGui draws shapes and text through its normal API, the
// rasteriser turns them into pixels, and the pixels are checked where a person would look.
#include "platform/soft_raster.h"

#include <gtest/gtest.h>
#include <imgui.h>

#include <cmath>
#include <cstdlib>
#include <functional>
#include <vector>

namespace ik {
namespace {

constexpr std::uint32_t kWhite = 0xffffff;

struct Rgb {
    int r, g, b;
};

class SoftRaster : public ::testing::Test {
protected:
    void SetUp() override {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(kSize, kSize);
        io.Fonts->AddFontDefault();
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);
        m_font.alpha.assign(pixels, pixels + static_cast<size_t>(w) * static_cast<size_t>(h));
        m_font.width = w;
        m_font.height = h;
        io.Fonts->SetTexID(&m_font);
        m_pixels.assign(static_cast<size_t>(kSize) * kSize, 0);
    }
    void TearDown() override { ImGui::DestroyContext(); }

    // Draws with `draw` on the foreground list and rasterises the frame on white.
    void Draw(const std::function<void(ImDrawList&)>& draw, bool antiAliased = true) {
        ImGui::GetStyle().AntiAliasedFill = antiAliased;
        ImGui::GetStyle().AntiAliasedLines = antiAliased;
        ImGui::NewFrame();
        draw(*ImGui::GetForegroundDrawList());
        ImGui::Render();
        Canvas canvas{m_pixels.data(), kSize, kSize, kSize};
        RasterizeDrawData(*ImGui::GetDrawData(), m_font, kWhite, canvas);
    }
    Rgb At(int x, int y) const {
        const std::uint32_t p = m_pixels[static_cast<size_t>(y) * kSize + static_cast<size_t>(x)];
        return {static_cast<int>(p >> 16) & 0xff, static_cast<int>(p >> 8) & 0xff,
                static_cast<int>(p) & 0xff};
    }
    bool IsWhite(int x, int y) const {
        const Rgb c = At(x, y);
        return c.r == 255 && c.g == 255 && c.b == 255;
    }

    static constexpr int kSize = 64;
    AlphaTexture m_font;
    std::vector<std::uint32_t> m_pixels;
};

TEST_F(SoftRaster, ARectangleCoversExactlyItsPixels) {
    Draw([](ImDrawList& d) { d.AddRectFilled(ImVec2(10, 10), ImVec2(20, 20), IM_COL32(255, 0, 0, 255)); });
    EXPECT_EQ(At(10, 10).r, 255);
    EXPECT_EQ(At(10, 10).g, 0);
    EXPECT_EQ(At(19, 19).g, 0);
    EXPECT_TRUE(IsWhite(20, 20));
    EXPECT_TRUE(IsWhite(9, 9));
    EXPECT_TRUE(IsWhite(20, 15));
    EXPECT_TRUE(IsWhite(15, 9));
}

TEST_F(SoftRaster, TheClipRectangleCutsShapes) {
    Draw([](ImDrawList& d) {
        d.PushClipRect(ImVec2(0, 0), ImVec2(15, kSize));
        d.AddRectFilled(ImVec2(10, 10), ImVec2(20, 20), IM_COL32(0, 0, 255, 255));
        d.PopClipRect();
    });
    EXPECT_EQ(At(14, 15).b, 255);
    EXPECT_EQ(At(14, 15).r, 0);
    EXPECT_TRUE(IsWhite(15, 15));
}

TEST_F(SoftRaster, TranslucentColourBlendsWithWhatIsUnder) {
    Draw([](ImDrawList& d) { d.AddRectFilled(ImVec2(0, 0), ImVec2(32, 32), IM_COL32(255, 0, 0, 128)); });
    const Rgb c = At(5, 5);
    EXPECT_EQ(c.r, 255);
    EXPECT_NEAR(c.g, 127, 1);
    EXPECT_NEAR(c.b, 127, 1);
}

TEST_F(SoftRaster, TrianglesSharingAnEdgeDrawItOnce) {
    // Two translucent halves of a square: a pixel on the diagonal blended twice would be darker.
    Draw(
        [](ImDrawList& d) {
            const ImU32 c = IM_COL32(0, 0, 0, 100);
            d.AddTriangleFilled(ImVec2(8, 8), ImVec2(40, 8), ImVec2(40, 40), c);
            d.AddTriangleFilled(ImVec2(8, 8), ImVec2(40, 40), ImVec2(8, 40), c);
        },
        false);
    const Rgb inside = At(30, 12);
    for (int i = 9; i < 39; ++i) {
        EXPECT_EQ(At(i, i).r, inside.r) << "diagonal pixel " << i;
        EXPECT_EQ(At(i, i + 1).r, inside.r) << "below the diagonal " << i;
    }
    EXPECT_TRUE(IsWhite(40, 20));
    EXPECT_TRUE(IsWhite(20, 40));
}

TEST_F(SoftRaster, AnAntiAliasedCircleIsSolidInsideSoftAtTheEdgeAndAbsentOutside) {
    Draw([](ImDrawList& d) { d.AddCircleFilled(ImVec2(32, 32), 20, IM_COL32(0, 0, 0, 255), 64); });
    EXPECT_EQ(At(32, 32).r, 0);
    EXPECT_EQ(At(32, 15).r, 0);
    EXPECT_TRUE(IsWhite(32, 10));
    EXPECT_TRUE(IsWhite(2, 2));
    // Along the rim pixels are partly covered: grey, neither black nor white.
    int grey = 0;
    for (int y = 0; y < kSize; ++y)
        for (int x = 0; x < kSize; ++x) {
            const int r = At(x, y).r;
            if (r > 20 && r < 235) ++grey;
        }
    EXPECT_GE(grey, 40); // the rim is about 125 pixels long
}

TEST_F(SoftRaster, AGradientRunsFromTopToBottom) {
    Draw([](ImDrawList& d) {
        d.AddRectFilledMultiColor(ImVec2(0, 0), ImVec2(kSize, kSize), IM_COL32(0, 0, 0, 255),
                                  IM_COL32(0, 0, 0, 255), IM_COL32(255, 255, 255, 255),
                                  IM_COL32(255, 255, 255, 255));
    });
    EXPECT_LT(At(10, 1).r, 10);
    EXPECT_GT(At(10, kSize - 2).r, 245);
    for (int y = 1; y < kSize; ++y)
        EXPECT_GE(At(10, y).r, At(10, y - 1).r);
}

TEST_F(SoftRaster, TextLeavesInkOnlyWhereItIsWritten) {
    Draw([](ImDrawList& d) { d.AddText(ImVec2(4, 4), IM_COL32(0, 0, 0, 255), "HI"); });
    const ImVec2 size = ImGui::CalcTextSize("HI");
    int ink = 0;
    for (int y = 0; y < kSize; ++y)
        for (int x = 0; x < kSize; ++x) {
            if (IsWhite(x, y)) continue;
            ++ink;
            EXPECT_GE(x, 4);
            EXPECT_LT(x, 4 + static_cast<int>(size.x) + 1);
            EXPECT_GE(y, 4);
            EXPECT_LT(y, 4 + static_cast<int>(size.y) + 1);
        }
    EXPECT_GT(ink, 20); // two capitals in a 13 px font
    // The H's left stem is solid black somewhere.
    bool solid = false;
    for (int y = 4; y < 4 + static_cast<int>(size.y); ++y)
        for (int x = 4; x < 8; ++x)
            solid = solid || At(x, y).r == 0;
    EXPECT_TRUE(solid);
}

TEST_F(SoftRaster, ALongStraightEdgeOnAPixelCentreIsDrawnAllAlongIt) {
    // Regression: a rounded button whose right edge ran through pixel centres (x = 645.5 at 800x480)
    // lost that whole column: accumulated float rounding put the centres just outside both the
    // fill and its anti-aliasing fringe, so the corners stood out by a pixel. Here the fill's edge
    // (half a pixel inside the rectangle's, where the fringe begins) runs through the centres at
    // x = 550.5, far from the fan's first vertex as on the real screen.
    std::vector<std::uint32_t> wide(static_cast<size_t>(600) * kSize, 0);
    ImGui::GetIO().DisplaySize = ImVec2(600, kSize);
    ImGui::NewFrame();
    ImGui::GetForegroundDrawList()->AddRectFilled(ImVec2(2, 4.38f), ImVec2(551.0f, 60.4f),
                                                  IM_COL32(0, 0, 0, 255), 8);
    ImGui::Render();
    Canvas canvas{wide.data(), 600, kSize, 600};
    RasterizeDrawData(*ImGui::GetDrawData(), m_font, kWhite, canvas);
    for (int y = 14; y < 50; ++y) {
        EXPECT_EQ(wide[static_cast<size_t>(y) * 600 + 549] & 0xff, 0u) << "inside, row " << y;
        EXPECT_LT(wide[static_cast<size_t>(y) * 600 + 550] & 0xff, 200u)
            << "the edge's own column, row " << y;
        EXPECT_EQ(wide[static_cast<size_t>(y) * 600 + 551] & 0xff, 255u) << "outside, row " << y;
    }
}

TEST_F(SoftRaster, GeometryFarOffScreenOrBrokenDrawsNothingAndDoesNotCrash) {
    Draw([](ImDrawList& d) {
        d.AddRectFilled(ImVec2(-1e12f, -1e12f), ImVec2(-1e11f, 1e12f), IM_COL32(0, 0, 0, 255));
        d.AddTriangleFilled(ImVec2(1e20f, 5), ImVec2(5, 1e20f), ImVec2(1e20f, 1e20f), IM_COL32(0, 0, 0, 255));
        const float nan = std::nanf("");
        d.AddTriangleFilled(ImVec2(nan, 5), ImVec2(5, nan), ImVec2(20, 20), IM_COL32(0, 0, 0, 255));
        d.AddCircleFilled(ImVec2(32, 100000), 20, IM_COL32(0, 0, 0, 255)); // scrolled far below
    });
    for (int y = 0; y < kSize; ++y)
        for (int x = 0; x < kSize; ++x)
            ASSERT_TRUE(IsWhite(x, y)) << x << "," << y;
}

} // namespace
} // namespace ik
