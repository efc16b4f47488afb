// Writing a file so that a reader never sees half of it: write FILE.tmp, then rename it over FILE.
// Used by every export, the automation dump and questionnaire export.
#pragma once

#include <filesystem>
#include <functional>
#include <ostream>
#include <string>

#include "core/result.h"

namespace ik {

// `write` fills the stream; if it fails (or the disk does), FILE is left as it was.
Status WriteFileAtomically(const std::filesystem::path& file,
                           const std::function<Status(std::ostream&)>& write);
Status WriteFileAtomically(const std::filesystem::path& file, const std::string& text);

} // namespace ik
