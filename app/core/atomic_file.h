// Writing a file so that a reader never sees half of it: write FILE.tmp, flush it to the disk, then
// rename it over FILE.
// Used by every export, the automation dump and questionnaire export.
#pragma once

#include <filesystem>
#include <functional>
#include <ostream>
#include <string>

#include "core/result.h"

namespace ik {

// `write` fills the stream; if it fails (or the disk does), FILE is left as it was. `durable`: wait
// until the data is on the disk (false only for throw-away files such as the automation dump).
Status WriteFileAtomically(const std::filesystem::path& file,
                           const std::function<Status(std::ostream&)>& write, bool durable = true);
Status WriteFileAtomically(const std::filesystem::path& file, const std::string& text, bool durable = true);
// The same for a secret (a sync token): the file has mode 0600 from its first byte.
Status WriteSecretFile(const std::filesystem::path& file, const std::string& text);

} // namespace ik
