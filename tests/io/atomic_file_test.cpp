#include "samspel/io/atomic_file.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "io/temp_directory.hpp"

namespace samspel::io {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> names_in(const std::filesystem::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

TEST(AtomicFile, CreatesTheFileWithExactContent) {
  const io_test::TempDirectory dir;
  const auto path = dir.path() / "out.csv";
  // Bytes a text-mode write could alter: CR LF, NUL, non-ASCII, no final newline.
  const std::string content = std::string("a,b\r\n1,2\n\0x", 12) + "\xc3\xa4";
  write_file_atomically(path, content);
  EXPECT_EQ(read(path), content);
  EXPECT_EQ(std::filesystem::file_size(path), content.size());
}

TEST(AtomicFile, WritesEmptyAndLargeFiles) {
  const io_test::TempDirectory dir;
  write_file_atomically(dir.path() / "empty", "");
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "empty"));
  EXPECT_EQ(std::filesystem::file_size(dir.path() / "empty"), 0U);
  const std::string large(3 * 1024 * 1024 + 7, 'x');
  write_file_atomically(dir.path() / "large", large);
  EXPECT_EQ(read(dir.path() / "large"), large);
}

TEST(AtomicFile, ReplacesAnExistingFile) {
  const io_test::TempDirectory dir;
  const auto path = dir.path() / "out.csv";
  std::ofstream(path) << "an older and much longer content than the new one\n";
  write_file_atomically(path, "new\n");
  EXPECT_EQ(read(path), "new\n");
}

TEST(AtomicFile, LeavesNoTemporaryFile) {
  const io_test::TempDirectory dir;
  write_file_atomically(dir.path() / "a.csv", "a\n");
  write_file_atomically(dir.path() / "b.json", "{}\n");
  write_file_atomically(dir.path() / "a.csv", "again\n");
  EXPECT_THAT(names_in(dir.path()), ElementsAre("a.csv", "b.json"));
}

TEST(AtomicFile, MissingDirectoryThrowsNamingThePath) {
  const io_test::TempDirectory dir;
  const auto path = dir.path() / "no" / "such" / "dir" / "out.csv";
  try {
    write_file_atomically(path, "x");
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_THAT(e.what(), StartsWith(path.string() + ": "));
    EXPECT_THAT(e.what(), HasSubstr("cannot write"));
  }
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "no"));
  EXPECT_TRUE(names_in(dir.path()).empty());
}

TEST(AtomicFile, TargetThatIsADirectoryThrowsAndKeepsNoTemporary) {
  const io_test::TempDirectory dir;
  const auto path = dir.path() / "taken";
  std::filesystem::create_directory(path);
  EXPECT_THROW(write_file_atomically(path, "x"), std::runtime_error);
  EXPECT_TRUE(std::filesystem::is_directory(path));
  EXPECT_THAT(names_in(dir.path()), ElementsAre("taken"));
}

}  // namespace
}  // namespace samspel::io
