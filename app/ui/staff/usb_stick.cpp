// See usb_stick.h.
#include "ui/staff/usb_stick.h"

#include <algorithm>

#include <sys/stat.h>
#include <unistd.h>

namespace ik {
namespace {

std::vector<std::filesystem::path> Folders(const std::filesystem::path& dir) {
    std::vector<std::filesystem::path> out;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
        if (entry.is_directory(ec)) out.push_back(entry.path());
    std::sort(out.begin(), out.end());
    return out;
}

bool Writable(const std::filesystem::path& dir) {
    return access(dir.c_str(), W_OK) == 0;
}

} // namespace

bool IsMountPoint(const std::filesystem::path& dir) {
    struct stat self {};
    struct stat parent {};
    if (stat(dir.c_str(), &self) != 0 || stat((dir / "..").c_str(), &parent) != 0) return false;
    return self.st_dev != parent.st_dev;
}

std::filesystem::path FindStick(const std::vector<std::filesystem::path>& roots,
                                const std::function<bool(const std::filesystem::path&)>& isMountPoint) {
    std::filesystem::path plain;
    for (const std::filesystem::path& root : roots) {
        for (const std::filesystem::path& first : Folders(root)) {
            if (isMountPoint(first)) {
                if (Writable(first)) return first; // /media/<label>
                continue;                          // read-only stick: not its folders either
            }
            for (const std::filesystem::path& second : Folders(first))
                if (isMountPoint(second) && Writable(second)) return second; // /media/<user>/<label>
            if (plain.empty() && Writable(first)) plain = first;
        }
    }
    return plain;
}

std::filesystem::path UniqueFile(const std::filesystem::path& dir, const std::string& stem,
                                 const std::string& ext) {
    std::error_code ec;
    std::filesystem::path file = dir / (stem + "." + ext);
    for (int n = 2; std::filesystem::exists(file, ec) && n < 10000; ++n)
        file = dir / (stem + "-" + std::to_string(n) + "." + ext);
    return file;
}

} // namespace ik
