#include "samspel/io/staged_folder.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <string_view>

#include "io/temp_directory.hpp"
#include "samspel/io/atomic_file.hpp"
#include "samspel/io/scenario.hpp"

namespace samspel::io {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kFiles[] = {"a.csv", "b.csv"};

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  return {std::istreambuf_iterator<char>(in), {}};
}

std::size_t entries(const fs::path& dir) {
  return static_cast<std::size_t>(
      std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

TEST(StagedFolder, CommitPutsTheWholeFolderInPlace) {
  const io_test::TempDirectory dir;
  const fs::path target = dir.path() / "deep" / "out";
  {
    StagedFolder folder(target, "--out", kFiles);
    write_file_atomically(folder.path() / "a.csv", "1");
    EXPECT_FALSE(fs::exists(target));
    folder.commit();
  }
  EXPECT_EQ(slurp(target / "a.csv"), "1");
  {
    StagedFolder folder(target.string() + "/", "--out", kFiles);
    write_file_atomically(folder.path() / "b.csv", "2");
    folder.commit();
  }
  EXPECT_FALSE(fs::exists(target / "a.csv"));
  EXPECT_EQ(slurp(target / "b.csv"), "2");
  EXPECT_EQ(entries(dir.path() / "deep"), 1U);
}

TEST(StagedFolder, ALinkToAFolderStaysALink) {
  const io_test::TempDirectory dir;
  fs::create_directories(dir.path() / "real");
  fs::create_directory_symlink(dir.path() / "real", dir.path() / "link");
  {
    StagedFolder folder(dir.path() / "link", "--out", kFiles);
    write_file_atomically(folder.path() / "a.csv", "1");
    folder.commit();
  }
  EXPECT_TRUE(fs::is_symlink(dir.path() / "link"));
  EXPECT_EQ(slurp(dir.path() / "real" / "a.csv"), "1");
}

TEST(StagedFolder, WithoutCommitNothingChanges) {
  const io_test::TempDirectory dir;
  const fs::path target = dir.path() / "out";
  fs::create_directories(target);
  write_file_atomically(target / "a.csv", "old");
  {
    StagedFolder folder(target, "--out", kFiles);
    write_file_atomically(folder.path() / "a.csv", "new");
  }
  EXPECT_EQ(slurp(target / "a.csv"), "old");
  EXPECT_EQ(entries(dir.path()), 1U);
}

TEST(StagedFolder, RefusesWhatItCannotOrMustNotReplace) {
  const io_test::TempDirectory dir;
  std::ofstream(dir.path() / "file") << "x";
  EXPECT_THROW(StagedFolder(dir.path() / "file", "--out", kFiles), ScenarioError);
  EXPECT_THROW(StagedFolder(dir.path() / "file" / "out", "--out", kFiles), ScenarioError);
  fs::create_directories(dir.path() / "mine");
  std::ofstream(dir.path() / "mine" / "notes.txt") << "x";
  EXPECT_THROW(StagedFolder(dir.path() / "mine", "--out", kFiles), ScenarioError);
  EXPECT_EQ(entries(dir.path()), 2U);
}

// The id of a process that has exited (and been reaped), standing for a samspel that was
// killed while writing.
pid_t gone_process() {
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  int status = 0;
  ::waitpid(child, &status, 0);
  return child;
}

TEST(StagedFolder, LeftoversOfAKilledWriterAreTidied) {
  const io_test::TempDirectory dir;
  const fs::path target = dir.path() / "out";
  const std::string gone = std::to_string(gone_process());
  // Killed between moving the previous output aside and putting the new one in its place.
  fs::create_directories(dir.path() / (".out.old-" + gone));
  write_file_atomically(dir.path() / (".out.old-" + gone) / "a.csv", "previous");
  fs::create_directories(dir.path() / (".out.new-" + gone));
  write_file_atomically(dir.path() / (".out.new-" + gone) / "a.csv", "half");
  // A writer that is still running (this test's parent) keeps its staging folder.
  const std::string alive = ".out.new-" + std::to_string(::getppid());
  fs::create_directories(dir.path() / alive);
  // A folder of the user's that only looks similar stays too.
  fs::create_directories(dir.path() / ".out.new-mine");
  {
    const StagedFolder folder(target, "--out", kFiles);
    EXPECT_EQ(slurp(target / "a.csv"), "previous");
    EXPECT_FALSE(fs::exists(dir.path() / (".out.old-" + gone)));
    EXPECT_FALSE(fs::exists(dir.path() / (".out.new-" + gone)));
    EXPECT_TRUE(fs::exists(dir.path() / alive));
    EXPECT_TRUE(fs::exists(dir.path() / ".out.new-mine"));
  }
  // With the output in place, a leftover previous output is only removed.
  fs::create_directories(dir.path() / (".out.old-" + gone));
  {
    const StagedFolder folder(target, "--out", kFiles);
    EXPECT_FALSE(fs::exists(dir.path() / (".out.old-" + gone)));
    EXPECT_EQ(slurp(target / "a.csv"), "previous");
  }
}

}  // namespace
}  // namespace samspel::io
