// See atomic_file.h.
#include "core/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

namespace ik {
namespace {

// Flushes a written file to the disk, so the rename never points at data still in the page cache
// (after a power cut the file would be empty). Linux allows fsync on a read-only descriptor.
bool SyncToDisk(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

} // namespace

Status WriteFileAtomically(const std::filesystem::path& file,
                           const std::function<Status(std::ostream&)>& write, bool durable) {
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
    if (written && durable && !SyncToDisk(tmp))
        written = Error{"cannot write " + tmp.string() + ": " + std::strerror(errno)};
    if (!written) {
        std::filesystem::remove(tmp, ec);
        return written;
    }
    std::filesystem::rename(tmp, file, ec);
    if (ec) return Error{"cannot rename " + tmp.string() + " to " + file.string() + ": " + ec.message()};
    if (durable) SyncToDisk(file.parent_path().empty() ? std::filesystem::path(".") : file.parent_path());
    return {};
}

Status WriteSecretFile(const std::filesystem::path& file, const std::string& text) {
    std::filesystem::path tmp = file;
    tmp += ".tmp";
    // Created 0600 from the start: the secret is never readable by others, not even for a moment.
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return Error{"cannot write " + tmp.string() + ": " + std::strerror(errno)};
    bool ok = ::fchmod(fd, 0600) == 0;
    for (size_t done = 0; ok && done < text.size();) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        ok = n > 0;
        if (ok) done += static_cast<size_t>(n);
    }
    ok = ok && ::fsync(fd) == 0;
    const int saved = errno;
    ::close(fd);
    std::error_code ec;
    if (!ok) {
        std::filesystem::remove(tmp, ec);
        return Error{"cannot write " + tmp.string() + ": " + std::strerror(saved)};
    }
    std::filesystem::rename(tmp, file, ec);
    if (ec) return Error{"cannot rename " + tmp.string() + " to " + file.string() + ": " + ec.message()};
    return {};
}

Status WriteFileAtomically(const std::filesystem::path& file, const std::string& text, bool durable) {
    return WriteFileAtomically(
        file,
        [&text](std::ostream& out) -> Status {
            out << text;
            return {};
        },
        durable);
}

} // namespace ik
