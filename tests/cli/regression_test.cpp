// Regression: the model's output for a fixed scenario and seed equals the stored expected
// results, byte for byte. A change that moves any number fails here; if the change is meant,
// refresh the expected files with scripts/refresh-regression.sh and say so in the commit.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(Regression, OutputEqualsTheStoredExpectedResults) {
  const fs::path root(SAMSPEL_SOURCE_DIR);
  const fs::path out =
      fs::temp_directory_path() / ("samspel-regression-" + std::to_string(::getpid()));
  fs::remove_all(out);
  const std::string command = std::string(SAMSPEL_BINARY) + " run " +
                              (root / "tests/regression/scenario.toml").string() +
                              " --threads 1 --out " + out.string() + " >/dev/null 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0);
  for (const char* file : {"series.csv", "replicates.csv", "changes.csv"}) {
    const std::string expected = slurp(root / "tests/regression/expected" / file);
    ASSERT_FALSE(expected.empty()) << file;
    EXPECT_TRUE(slurp(out / file) == expected)
        << file << " differs from tests/regression/expected/" << file
        << "; if the change of results is intended, run scripts/refresh-regression.sh";
  }
  fs::remove_all(out);
}

}  // namespace
