// The visitor screens as pixels: the headless kiosk's frame drawn by the software rasteriser, for what
// only a picture shows (the dump says which palette is chosen, not what colour the screen has).
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "headless_kiosk.h"
#include "platform/soft_raster.h"
#include "ui/theme.h"

namespace ik {
namespace {

// The share of the screen's pixels that are exactly `rgb`, in the frame the kiosk drew last.
double ShareOf(HeadlessKiosk& kiosk, std::uint32_t rgb, int width, int height) {
    kiosk.Frame(false);
    unsigned char* fontPixels = nullptr;
    int fontWidth = 0, fontHeight = 0;
    ImGui::GetIO().Fonts->GetTexDataAsAlpha8(&fontPixels, &fontWidth, &fontHeight);
    AlphaTexture font;
    font.alpha.assign(fontPixels, fontPixels + static_cast<std::size_t>(fontWidth) *
                                                   static_cast<std::size_t>(fontHeight));
    font.width = fontWidth;
    font.height = fontHeight;
    std::vector<std::uint32_t> pixels(static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
    Canvas canvas{pixels.data(), width, height, width};
    RasterizeDrawData(*ImGui::GetDrawData(), font, ToRgb(kiosk.App().Background()), canvas);
    std::size_t same = 0;
    for (std::uint32_t p : pixels)
        same += (p & 0xFFFFFF) == rgb ? 1 : 0;
    return static_cast<double>(same) / static_cast<double>(pixels.size());
}

TEST(KioskPicture, HighContrastMakesTheWholeScreenDarkNotJustTheTiles) {
    for (auto [w, h] : {std::pair{1280, 800}, std::pair{1080, 1920}, std::pair{800, 480}}) {
        SCOPED_TRACE(std::to_string(w) + "x" + std::to_string(h));
        HeadlessKiosk kiosk(Sample(), static_cast<float>(w), static_cast<float>(h));
        EXPECT_GT(ShareOf(kiosk, ToRgb(StandardPalette().background), w, h), 0.3) << "the paper background";
        kiosk.Tap("contrast");
        ASSERT_TRUE(kiosk.Find("contrast")->selected);
        EXPECT_GT(ShareOf(kiosk, ToRgb(HighContrastPalette().background), w, h), 0.3)
            << "the high-contrast background behind the start screen's light text";
        EXPECT_LT(ShareOf(kiosk, ToRgb(StandardPalette().background), w, h), 0.01);
        kiosk.Tap("lang:nl");
        EXPECT_GT(ShareOf(kiosk, ToRgb(HighContrastPalette().background), w, h), 0.3) << "on a question too";
    }
}

} // namespace
} // namespace ik
