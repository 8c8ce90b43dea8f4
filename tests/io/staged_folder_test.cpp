#include "samspel/io/staged_folder.hpp"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace samspel::io
