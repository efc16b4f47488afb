// Where staff exports go: a USB stick under /media when one is in. A stick is mounted at
// /media/<label> (usbmount) or /media/<user>/<label> (a desktop's udisks); either way its folder is
// on another device than its parent, which tells it from a folder on the stick.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace ik {

bool IsMountPoint(const std::filesystem::path& dir);

// The top folder of the first writable stick under `roots` (never a folder inside a stick), in
// name order. Without a mount point below the roots (tests, or IMPACTKIOSK_MEDIA_DIR pointing at
// plain folders), the first writable folder one level down. Empty when there is none.
std::filesystem::path
FindStick(const std::vector<std::filesystem::path>& roots,
          const std::function<bool(const std::filesystem::path&)>& isMountPoint = IsMountPoint);

// dir/stem.ext, or dir/stem-2.ext, -3, ... when that is taken: an export never replaces a file
// (another kiosk's export, or one a manager has edited).
std::filesystem::path UniqueFile(const std::filesystem::path& dir, const std::string& stem,
                                 const std::string& ext);

} // namespace ik
