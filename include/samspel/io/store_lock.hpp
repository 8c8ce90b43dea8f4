// One writer per results store: a second samspel process that would write the same store is
// refused at once, instead of racing the first to "database is locked" midway. The lock is an
// advisory lock on a file beside the store (STORE.lock), present while a writer works; the
// kernel releases it when the process ends, however it ends.
#pragma once

#include <filesystem>

namespace samspel::io {

class StoreLock {
 public:
  // Takes the lock of the store at `store`; throws ScenarioError if another process holds it.
  explicit StoreLock(const std::filesystem::path& store);
  ~StoreLock();
  StoreLock(const StoreLock&) = delete;
  StoreLock& operator=(const StoreLock&) = delete;

 private:
  std::filesystem::path path_;
  int fd_ = -1;
};

}  // namespace samspel::io
