// Reads the current GL back buffer and writes it as a PNG (for docs/screenshots and e2e tests).
#pragma once

#include <filesystem>

#include "core/result.h"

namespace ik {

Status WriteFramebufferPng(const std::filesystem::path& file, int width, int height);

} // namespace ik
