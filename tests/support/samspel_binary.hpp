// Helpers for tests that run the samspel binary as a user does (SAMSPEL_BINARY, set by
// tests/CMakeLists.txt) and read back the files it wrote.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace samspel_test {

struct Result {
  int exit_code;
  std::string output;  // stdout and stderr
};

// Runs `samspel ARGS` through the shell, capturing stdout and stderr together.
inline Result samspel(const std::string& args) {
  const std::string command = std::string(SAMSPEL_BINARY) + " " + args + " 2>&1";
  Result r{-1, {}};
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return r;
  std::array<char, 4096> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe) != nullptr)
    r.output += buffer.data();
  const int status = ::pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// An empty folder for one test, not yet created: `file` names the test file, `name` the test,
// and the process id keeps apart the test processes that ctest runs side by side.
inline std::filesystem::path fresh_dir(const std::string& file, const std::string& name) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() /
      ("samspel-" + file + "-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  return dir;
}

}  // namespace samspel_test
