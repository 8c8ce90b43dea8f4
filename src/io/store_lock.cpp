#include "samspel/io/store_lock.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "samspel/io/scenario.hpp"

namespace samspel::io {

StoreLock::StoreLock(const std::filesystem::path& store) : path_(store.string() + ".lock") {
  // The lock file is removed when released, so a process may lock a file that its holder has
  // just unlinked: the lock counts only while the file it holds is the one under the name.
  for (;;) {
    fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) {
      throw one_line_error(fmt::format("{}: cannot create the store's lock file: {}",
                                       path_.string(), std::strerror(errno)));
    }
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
      const int code = errno;
      ::close(fd_);
      fd_ = -1;
      if (code == EWOULDBLOCK) {
        throw one_line_error(fmt::format(
            "{}: another samspel process is writing this store; allowed: one writer at a time "
            "(wait for it to finish, then run again to resume, or use another --store)",
            store.string()));
      }
      throw one_line_error(
          fmt::format("{}: cannot lock the store: {}", path_.string(), std::strerror(code)));
    }
    struct stat held {};
    struct stat named {};
    if (::fstat(fd_, &held) == 0 && ::stat(path_.c_str(), &named) == 0 &&
        held.st_ino == named.st_ino && held.st_dev == named.st_dev) {
      return;
    }
    ::close(fd_);
    fd_ = -1;
  }
}

StoreLock::~StoreLock() {
  if (fd_ < 0) return;
  ::unlink(path_.c_str());
  ::close(fd_);
}

}  // namespace samspel::io
