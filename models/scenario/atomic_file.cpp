#include "models/scenario/atomic_file.h"

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <system_error>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace poolsim::models {

namespace {

std::string errnoText(int error)
{
    return std::generic_category().message(error);
}

/// The process's umask, read without changing it (Linux); 022 when unknown.
mode_t currentUmask()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("Umask:", 0) == 0)
            return static_cast<mode_t>(std::stoul(line.substr(6), nullptr, 8));
    return 022;
}

} // namespace

void writeFileAtomically(const std::string& path, const std::string& content)
{
    const auto fail = [&](const std::string& why) { throw FileError("cannot save '" + path + "': " + why); };
    if (path.empty())
        fail("no file name");
    const std::filesystem::path target(path);
    std::filesystem::path dir = target.parent_path();
    if (dir.empty())
        dir = ".";
    const std::string pattern = (dir / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
    std::vector<char> tempName(pattern.begin(), pattern.end());
    tempName.push_back('\0');

    const int fd = ::mkstemp(tempName.data());
    if (fd < 0)
        fail("cannot create a file in '" + dir.string() + "': " + errnoText(errno));
    const std::string temp(tempName.data());
    const auto cleanUp = [&](bool closeFd) {
        if (closeFd)
            ::close(fd);
        ::unlink(temp.c_str());
    };

    struct stat existing
    {
    };
    const mode_t mode = ::stat(path.c_str(), &existing) == 0 && S_ISREG(existing.st_mode)
                            ? (existing.st_mode & 07777)
                            : (0666 & ~currentUmask());
    if (::fchmod(fd, mode) != 0) {
        const int e = errno;
        cleanUp(true);
        fail("cannot set permissions: " + errnoText(e));
    }
    std::size_t written = 0;
    while (written < content.size()) {
        const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            const int e = errno;
            cleanUp(true);
            fail("cannot write: " + errnoText(e));
        }
        written += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0) {
        const int e = errno;
        cleanUp(true);
        fail("cannot flush to disk: " + errnoText(e));
    }
    if (::close(fd) != 0) {
        const int e = errno;
        cleanUp(false);
        fail("cannot write: " + errnoText(e));
    }
    if (std::rename(temp.c_str(), path.c_str()) != 0) {
        const int e = errno;
        cleanUp(false);
        fail("cannot replace the file: " + errnoText(e));
    }
    // Make the rename itself durable; a failure here leaves the new file in place, so ignore it.
    const int dirFd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirFd >= 0) {
        ::fsync(dirFd);
        ::close(dirFd);
    }
}

} // namespace poolsim::models
