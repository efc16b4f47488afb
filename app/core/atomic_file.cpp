// See atomic_file.h.
#include "core/atomic_file.h"

#include <cerrno>
#include <cstring>
#include <fstream>

namespace ik {

Status WriteFileAtomically(const std::filesystem::path& file,
                           const std::function<Status(std::ostream&)>& write) {
    std::filesystem::path tmp = file;
    tmp += ".tmp";
    Status written;
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) return Error{"cannot write " + tmp.string() + ": " + std::strerror(errno)};
        written = write(out);
        out.flush();
        if (written && !out) written = Error{"cannot write " + tmp.string() + ": " + std::strerror(errno)};
    }
    std::error_code ec;
    if (!written) {
        std::filesystem::remove(tmp, ec);
        return written;
    }
    std::filesystem::rename(tmp, file, ec);
    if (ec) return Error{"cannot rename " + tmp.string() + " to " + file.string() + ": " + ec.message()};
    return {};
}

Status WriteFileAtomically(const std::filesystem::path& file, const std::string& text) {
    return WriteFileAtomically(file, [&text](std::ostream& out) -> Status {
        out << text;
        return {};
    });
}

} // namespace ik
