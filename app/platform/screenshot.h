// Writes what is on screen as a PNG (for docs/screenshots and e2e tests): the GL back buffer, or
// the software renderer's pixels.
#pragma once

#include <filesystem>

#include "core/result.h"
#include "platform/soft_raster.h"

namespace ik {

Status WriteFramebufferPng(const std::filesystem::path& file, int width, int height);
Status WriteCanvasPng(const std::filesystem::path& file, const Canvas& canvas);

} // namespace ik
