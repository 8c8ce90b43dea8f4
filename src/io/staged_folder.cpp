#include "samspel/io/staged_folder.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <system_error>
#include <vector>

#include "samspel/io/scenario.hpp"

namespace samspel::io {

namespace fs = std::filesystem;

namespace {

fs::path sibling(const fs::path& target, std::string_view what) {
  const fs::path parent = target.has_parent_path() ? target.parent_path() : fs::path(".");
  return parent / fmt::format(".{}.{}-{}", target.filename().string(), what, ::getpid());
}

// The first entry of `dir` that samspel did not write, or empty.
std::string foreign_entry(const fs::path& dir, std::span<const std::string_view> files) {
  std::error_code error;
  for (fs::directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
    const std::string name = it->path().filename().string();
    if (std::find(files.begin(), files.end(), name) == files.end()) return name;
  }
  return error ? std::string("(unreadable)") : std::string();
}

// Folders that an earlier samspel left beside `target` when it was killed or the machine went
// down: its staging folder is removed, and the previous output it had moved aside (only where
// the file system cannot swap two folders in one step) is put back if nothing replaced it.
// Only those of processes that are gone: a live one may be writing the same target now.
void tidy_leftovers(const fs::path& target) {
  const fs::path parent = target.has_parent_path() ? target.parent_path() : fs::path(".");
  const std::string stem = fmt::format(".{}.", target.filename().string());
  std::vector<fs::path> leftovers;
  std::error_code error;
  for (fs::directory_iterator it(parent, error), end; !error && it != end; it.increment(error)) {
    const std::string name = it->path().filename().string();
    if (name.size() <= stem.size() || name.compare(0, stem.size(), stem) != 0) continue;
    const std::string_view rest = std::string_view(name).substr(stem.size());
    if (!rest.starts_with("new-") && !rest.starts_with("old-")) continue;
    const std::string_view digits = rest.substr(4);
    pid_t pid = 0;
    const auto [stop, failed] = std::from_chars(digits.data(), digits.data() + digits.size(), pid);
    if (failed != std::errc() || stop != digits.data() + digits.size() || pid <= 0) continue;
    if (::kill(pid, 0) == 0 || errno != ESRCH) continue;
    leftovers.push_back(it->path());
  }
  for (const fs::path& leftover : leftovers) {
    const bool aside = leftover.filename().string().substr(stem.size()).starts_with("old-");
    if (aside && !fs::exists(fs::symlink_status(target, error)) &&
        ::rename(leftover.c_str(), target.c_str()) == 0)
      continue;
    fs::remove_all(leftover, error);
  }
}

void sync_directory(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

StagedFolder::StagedFolder(fs::path target, std::string_view option,
                           std::span<const std::string_view> files)
    : target_(std::move(target)) {
  const auto refuse = [&](std::string_view why) {
    return one_line_error(
        fmt::format("{} {}: {}; allowed: a folder that can be created and written", option,
                    target_.string(), why));
  };
  // "DIR/", "." and ".." name the folder itself, whose siblings are then beside it.
  if (target_.filename().empty() || target_.filename() == "." || target_.filename() == "..") {
    target_ = fs::absolute(target_).lexically_normal();
    if (target_.filename().empty()) target_ = target_.parent_path();
  }
  std::error_code error;
  // A link to a folder stays a link: the folder it points to is the one replaced.
  if (fs::is_symlink(fs::symlink_status(target_, error))) {
    const fs::path resolved = fs::canonical(target_, error);
    if (!error) target_ = resolved;
  }
  tidy_leftovers(target_);
  const auto status = fs::status(target_, error);
  if (fs::exists(status)) {
    if (!fs::is_directory(status)) throw refuse("exists and is not a folder");
    const std::string other = foreign_entry(target_, files);
    if (!other.empty()) {
      throw refuse(fmt::format(
          "holds {}, which samspel did not write there (the folder is replaced whole)", other));
    }
  }
  staging_ = sibling(target_, "new");
  if (staging_.has_parent_path()) fs::create_directories(staging_.parent_path(), error);
  if (!error) {
    fs::remove_all(staging_, error);
    fs::create_directory(staging_, error);
  }
  if (error) {
    staging_.clear();
    throw refuse(fmt::format("cannot create it: {}", error.message()));
  }
  // Root passes permission checks: a probe file shows whether the folder takes files at all.
  const fs::path probe = staging_ / ".probe";
  const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) {
    const std::string reason = std::strerror(errno);
    fs::remove_all(staging_, error);
    staging_.clear();
    throw refuse(fmt::format("cannot write in it: {}", reason));
  }
  ::close(fd);
  ::unlink(probe.c_str());
}

StagedFolder::~StagedFolder() {
  if (committed_ || staging_.empty()) return;
  std::error_code ignored;
  fs::remove_all(staging_, ignored);
}

void StagedFolder::commit() {
  sync_directory(staging_);
  const auto failed = [&](std::string_view step, int code) {
    return std::runtime_error(
        fmt::format("{}: cannot {}: {}", target_.string(), step, std::strerror(code)));
  };
  if (::rename(staging_.c_str(), target_.c_str()) != 0) {
    if (errno != ENOTEMPTY && errno != EEXIST) throw failed("put the new folder in place", errno);
    // The target holds the previous output: swap the two folders in one step where the file
    // system can, else move the previous one aside first.
    if (::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, target_.c_str(), RENAME_EXCHANGE) != 0) {
      const fs::path aside = sibling(target_, "old");
      if (::rename(target_.c_str(), aside.c_str()) != 0)
        throw failed("move the previous folder aside", errno);
      if (::rename(staging_.c_str(), target_.c_str()) != 0) {
        const int code = errno;
        ::rename(aside.c_str(), target_.c_str());
        throw failed("put the new folder in place", code);
      }
      staging_ = aside;
    }
    std::error_code ignored;
    fs::remove_all(staging_, ignored);  // now the previous folder
  }
  committed_ = true;
  sync_directory(target_.has_parent_path() ? target_.parent_path() : fs::path("."));
}

}  // namespace samspel::io
