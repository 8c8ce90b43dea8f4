// A folder of output files written whole or not at all. The files go into a staging folder
// beside the target, which replaces the target only once every file is written: a failure
// (disk full, a kill) leaves the previous folder as it was, never a mix of two runs.
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <string_view>

namespace samspel::io {

class StagedFolder {
 public:
  // Creates the staging folder for `target` at once, so that an output that cannot be written
  // is refused before any work. `option` names the output in messages ("--out"); `files` are
  // the names samspel writes there. An existing target must hold nothing else, since it is
  // replaced whole. Throws ScenarioError.
  StagedFolder(std::filesystem::path target, std::string_view option,
               std::span<const std::string_view> files);
  // Removes the staging folder unless committed.
  ~StagedFolder();
  StagedFolder(const StagedFolder&) = delete;
  StagedFolder& operator=(const StagedFolder&) = delete;

  // Where to write the files.
  const std::filesystem::path& path() const { return staging_; }
  const std::filesystem::path& target() const { return target_; }
  // Puts the staging folder in the target's place (and the previous target away). Throws
  // std::runtime_error if that fails; the previous target then stays.
  void commit();

 private:
  std::filesystem::path target_;
  std::filesystem::path staging_;
  bool committed_ = false;
};

}  // namespace samspel::io
