#include "samspel/io/atomic_file.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>
#include <system_error>

namespace samspel::io {

void write_file_atomically(const std::filesystem::path& path, std::string_view content) {
  const std::filesystem::path temp =
      path.parent_path() / fmt::format(".{}.{}.tmp", path.filename().string(), ::getpid());
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    throw std::runtime_error(
        fmt::format("{}: cannot write: {}", path.string(), std::strerror(errno)));
  }
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      const std::string reason = std::strerror(errno);
      ::close(fd);
      ::unlink(temp.c_str());
      throw std::runtime_error(fmt::format("{}: cannot write: {}", path.string(), reason));
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    ::unlink(temp.c_str());
    throw std::runtime_error(
        fmt::format("{}: cannot write: {}", path.string(), std::strerror(errno)));
  }
  // A failed rename (the target is a directory, say) must not leave the temporary behind.
  std::error_code error;
  std::filesystem::rename(temp, path, error);
  if (error) {
    ::unlink(temp.c_str());
    throw std::runtime_error(fmt::format("{}: cannot write: {}", path.string(), error.message()));
  }
}

}  // namespace samspel::io
